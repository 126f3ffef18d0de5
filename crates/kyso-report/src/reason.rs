//! The one most important reason behind a verdict, and what the reader
//! should do next.
//!
//! A failed signature usually carries several failed checks at once: a page
//! covered after signing *and* a self-signed certificate, a broken digest
//! *and* an unknown issuer. A citizen needs the one that matters most, said
//! first; the others stay in the details. As rustls-webpki ranks path
//! building errors (the most specific, most consequential error wins over
//! "unknown issuer"), each failed check is put in a [`ReasonClass`], ranked
//! by what it means for the reader:
//!
//! 1. what the reader sees is not what was signed (an attack on the view);
//! 2. the signed bytes changed;
//! 3. the signature value is forged or broken;
//! 4. changes after signing that the signer did not permit;
//! 5. the signer's certificate was revoked;
//! 6. the file's or the signature's structure is broken;
//! 7. the certificate chain does not reach a trusted authority, or is not valid;
//! 8. an algorithm or key too weak for the policy;
//! 9. a timestamp is unusable;
//! 10. anything else.
//!
//! Errors come before warnings; within a class, the order the checks were
//! made. Only the class is derived from the finding's stable code, never
//! from its wording.

use crate::{Finding, Indication, Severity, SignatureReport};

/// What a failed check means for the reader, most serious first (the order
/// of the variants is the ranking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReasonClass {
    /// The page or content shown differs from what was signed (PDF attacks,
    /// unsigned content in a package, XML signature wrapping).
    ContentNotAsSigned,
    /// The signed bytes changed: a digest does not match.
    SignedBytesChanged,
    /// The signature value does not verify, or names another certificate.
    SignatureInvalid,
    /// Changes after signing that the signer's permissions do not allow.
    ChangesNotPermitted,
    /// A certificate of the path was revoked.
    Revoked,
    /// The file's or the signature's structure is malformed or unreadable.
    Structure,
    /// The certificate path: unknown issuer, expired, constraints.
    Certificate,
    /// An algorithm or key the policy rejects (or accepts only with proof of time).
    Algorithm,
    /// A timestamp could not be used.
    Timestamp,
    /// Any other failed check.
    Other,
}

/// The class of a finding, from its stable code.
pub fn class_of(code: &str) -> ReasonClass {
    use ReasonClass::*;
    let starts = |p: &str| code.starts_with(p);
    // The timestamp's and the path's own signatures and digests are theirs,
    // not the document's: classed before the generic patterns below.
    if starts("tsp.") || starts("core.timestamp") || starts("cades.content_timestamp") {
        return Timestamp;
    }
    if code.contains("revoked") {
        return Revoked;
    }
    if starts("core.algorithm")
        || code.ends_with(".weak")
        || code.ends_with(".weak_key")
        || code.contains("algorithm.rejected")
    {
        return Algorithm;
    }
    if starts("pki.") || starts("core.trust") {
        return Certificate;
    }
    if starts("pdf.attack.")
        || code == "package.content_unsigned"
        || code == "xml.dsig.reference.duplicate_id"
    {
        return ContentNotAsSigned;
    }
    if (code.contains("digest") && code.contains("mismatch"))
        || code == "cms.adbe_sha1.mismatch"
        || code == "xml.dsig.signed_info.changed"
    {
        return SignedBytesChanged;
    }
    if code.ends_with(".signature.invalid")
        || code.ends_with(".rsa_sha1.invalid")
        || code == "cms.signature.key_mismatch"
        || code == "cms.ess_signing_cert.mismatch"
    {
        return SignatureInvalid;
    }
    if starts("pdf.changes.") {
        return ChangesNotPermitted;
    }
    if [
        "pdf.",
        "core.pdf.",
        "cms.",
        "cades.",
        "xml.",
        "package.",
        "edxml.",
    ]
    .iter()
    .any(|p| starts(p))
    {
        return Structure;
    }
    Other
}

/// The most important of `findings`: errors before warnings, then by
/// [`ReasonClass`], then the first checked. Passed and informational
/// findings are never a reason.
pub fn most_important<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Option<&'a Finding> {
    findings
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .enumerate()
        .min_by_key(|(i, f)| (std::cmp::Reverse(f.severity), class_of(&f.code), *i))
        .map(|(_, f)| f)
}

/// Every finding a signature's verdict rests on: its own, its path's, its
/// revocation's and its timestamp's.
pub fn signature_findings(sig: &SignatureReport) -> impl Iterator<Item = &Finding> {
    sig.findings
        .iter()
        .chain(sig.trust.findings.iter())
        .chain(sig.revocation.findings.iter())
        .chain(sig.timestamp.iter().flat_map(|t| t.findings.iter()))
}

/// What the reader should do next, for a verdict decided by a finding of
/// `class` (`None`: no finding names the reason).
pub fn next_step(
    indication: Indication,
    class: Option<ReasonClass>,
) -> Option<(&'static str, &'static str)> {
    use ReasonClass::*;
    if matches!(
        indication,
        Indication::TotalPassed | Indication::NoSignature
    ) {
        return None;
    }
    Some(match class {
        Some(ContentNotAsSigned | ChangesNotPermitted) => (
            "Đừng dựa vào nội dung đang hiển thị: hãy mở phiên bản đã ký (nút “Tải phiên bản đã ký”, nếu có) để xem người ký đã ký gì, và hỏi lại nơi gửi về phần thay đổi.",
            "Do not rely on the content shown: open the signed version (the “Download the signed version” button, when there is one) to see what the signer signed, and ask the sender about the change.",
        ),
        Some(SignedBytesChanged | SignatureInvalid) => (
            "Tệp này không phải bản đã được ký: đừng dựa vào nó. Hãy đề nghị nơi gửi gửi lại bản gốc.",
            "This file is not the one that was signed: do not rely on it. Ask the sender for the original.",
        ),
        Some(Revoked) => (
            "Chứng thư số của người ký đã bị thu hồi: đừng dựa vào chữ ký này. Hãy liên hệ nơi gửi.",
            "The signer's certificate was revoked: do not rely on this signature. Contact the sender.",
        ),
        Some(Structure) => (
            "Tệp có thể bị hỏng hoặc được tạo không đúng quy cách. Hãy đề nghị nơi gửi gửi lại tệp.",
            "The file may be damaged or badly made. Ask the sender to send it again.",
        ),
        Some(Certificate) if indication == Indication::Indeterminate => (
            "Nếu bạn tin tưởng tổ chức đã cấp chứng thư này, có thể thêm chứng thư gốc của tổ chức đó trong phần Cài đặt rồi kiểm tra lại; nếu không, hãy hỏi nơi gửi.",
            "If you trust the authority that issued this certificate, you can add its root certificate in Settings and verify again; otherwise, ask the sender.",
        ),
        Some(Algorithm) => (
            "Chữ ký dùng thuật toán hoặc khóa quá yếu theo quy định hiện hành. Hãy đề nghị nơi gửi ký lại bằng thuật toán và khóa đạt yêu cầu.",
            "The signature uses an algorithm or key too weak for the current policy. Ask the sender to sign again with an acceptable algorithm and key.",
        ),
        Some(Timestamp) => (
            "Dấu thời gian của chữ ký không dùng được. Hãy đề nghị nơi gửi gửi bản có dấu thời gian hợp lệ.",
            "The signature's timestamp cannot be used. Ask the sender for a copy with a valid timestamp.",
        ),
        _ if indication == Indication::Indeterminate => (
            "Kyso chưa đủ căn cứ để kết luận: đừng coi tài liệu là hợp lệ khi chưa được nơi gửi xác nhận.",
            "Kyso lacks what it needs to conclude: do not treat the document as valid until the sender confirms it.",
        ),
        _ => (
            "Đừng dựa vào tài liệu này khi chưa được nơi gửi xác nhận.",
            "Do not rely on this document until the sender confirms it.",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReasonClass::*;

    #[test]
    fn classes_follow_the_codes() {
        for (code, want) in [
            ("pdf.attack.covers_signed_content", ContentNotAsSigned),
            ("pdf.attack.incremental_saving", ContentNotAsSigned),
            ("xml.dsig.reference.duplicate_id", ContentNotAsSigned),
            ("cms.message_digest.mismatch", SignedBytesChanged),
            ("xml.dsig.reference.digest_mismatch", SignedBytesChanged),
            ("core.pdf.pkcs7_sha1.digest_mismatch", SignedBytesChanged),
            ("cms.signature.invalid", SignatureInvalid),
            ("xml.dsig.signature.invalid", SignatureInvalid),
            ("core.pdf.rsa_sha1.invalid", SignatureInvalid),
            ("pdf.changes.disallowed", ChangesNotPermitted),
            ("pki.revocation.revoked", Revoked),
            ("core.trust.revoked_no_poe", Revoked),
            ("pdf.byte_range.gap_not_contents", Structure),
            ("cms.structure", Structure),
            ("pki.chain.no_issuer", Certificate),
            ("pki.signature.invalid", Certificate),
            ("cms.key.weak", Algorithm),
            ("pki.algorithm.weak_key", Algorithm),
            ("xml.dsig.algorithm.rejected", Algorithm),
            ("pki.leaf.expired", Certificate),
            ("tsp.signature.invalid", Timestamp),
            ("tsp.imprint.mismatch", Timestamp),
            ("something.else", Other),
        ] {
            assert_eq!(class_of(code), want, "{code}");
        }
    }

    #[test]
    fn the_attack_wins_over_the_self_signed_certificate_and_errors_over_warnings() {
        let f = [
            Finding::warning("cms.content_type.missing", "", ""),
            Finding::error("pki.chain.self_signed", "", ""),
            Finding::passed("cms.signature.valid", "", ""),
            Finding::error("pdf.changes.disallowed", "", ""),
            Finding::error("pdf.attack.covers_signed_content", "", ""),
            Finding::error("pdf.attack.covers_signed_content", "second", ""),
        ];
        let top = most_important(&f).unwrap();
        assert_eq!(
            (top.code.as_str(), top.message_vi.as_str()),
            ("pdf.attack.covers_signed_content", "")
        );
        assert_eq!(
            most_important(&f[..1]).map(|f| f.code.as_str()),
            Some("cms.content_type.missing")
        );
        assert!(most_important(&f[2..3]).is_none());
    }

    #[test]
    fn a_pass_needs_no_next_step() {
        assert!(next_step(Indication::TotalPassed, None).is_none());
        assert!(next_step(Indication::TotalFailed, None).is_some());
        let (vi, _) = next_step(Indication::Indeterminate, Some(Certificate)).unwrap();
        assert!(vi.contains("Cài đặt"));
    }
}
