//! Kyso's profile for CMS signature files (RFC 5652, CAdES ETSI EN 319 122-1):
//! `.p7m`/`.pkcs7` that carry the signed document inside them (enveloping)
//! and `.p7s` that sign a file beside them (detached).
//!
//! `verify_cms_file(name, bytes, detached, options, nested, report)`: the file
//! is read as DER/BER (as DSS writes it, indefinite lengths included), PEM or
//! bare Base64; **every** SignerInfo becomes a [`SignatureReport`] (unlike a
//! PDF signature, a CMS file may be signed by several people), each of its
//! countersignatures (RFC 5652 §11.4) another one, verified over the
//! countersigned signature value; signature timestamps (RFC 3161 Appendix A)
//! prove the signing time; the signer's path is validated at the time the
//! one `kyso_validation::trust::Clock` picks, as for PDF. The encapsulated
//! document, when it is a format Kyso reads (a signed PDF inside a `.p7m`),
//! is verified through the pipeline's callback ([`Nested`]) as a child report
//! that counts for the verdict: a valid envelope around a forged document is
//! not a valid document.
//!
//! Checks live in `kyso-cms` (SignerInfo, attributes, tokens) and
//! `kyso-validation` (trust, time); this crate picks what a CMS file's
//! signatures sign and records the facts. Codes `cades.*` ([`codes`]).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;

use kyso_cms::{Content, SignedDataView, SignerInfoView, SignerResult};
use kyso_crypto::policy::AlgorithmPolicy;
use kyso_pki::{RevocationEvidence, TrustStore};
use kyso_report::{
    ChildReport, Coverage, DocumentInfo, Finding, Format, Report, SignatureKind, SignatureReport,
};
use kyso_validation::signer::{
    apply_signer, judge_signer, signature_timestamps, verify_timestamp, SignerEvidence,
};
use kyso_validation::trust::{build_store, Clock};
pub use kyso_validation::{Nested, ValidationOptions};
use std::borrow::Cow;

/// Countersignatures of countersignatures are followed this deep (RFC 5652
/// allows any depth; real files have one level).
const MAX_COUNTER_DEPTH: usize = 3;
/// At most this many signatures (signers and countersigners) are reported.
const MAX_SIGNATURES: usize = 64;

struct Ctx {
    store: TrustStore,
    policy: AlgorithmPolicy,
    clock: Clock,
}

/// Verify the CMS file `bytes` into `report`. `detached` is the signed file
/// when the signature is detached (`X` beside `X.p7s`); without it a detached
/// signature is reported as not checkable, never as valid or forged.
pub fn verify_cms_file(
    name: Option<&str>,
    bytes: &[u8],
    detached: Option<&[u8]>,
    opts: &ValidationOptions<'_>,
    nested: Option<&Nested<'_>>,
    report: &mut Report,
) {
    let (der, text) = match decode_input(bytes) {
        Some(x) => x,
        None => {
            unreadable(report, None);
            return;
        }
    };
    if text {
        report.findings.push(Finding::info(
            codes::TEXT_ENCODED,
            "Tệp chữ ký ở dạng văn bản (PEM/Base64); Kyso đã giải mã để kiểm tra.",
            "The signature file is text-encoded (PEM/Base64); Kyso decoded it to check it.",
        ));
    }
    // The file is the CMS structure: its size bound is the file's own (the
    // pipeline already refused inputs above its limit), not the 64 MiB that
    // keeps a PDF's /Contents or a timestamp token small; an enveloping .p7m
    // carries the whole document.
    let defaults = kyso_cms::Limits::default();
    let limits = kyso_cms::Limits {
        max_der_len: defaults.max_der_len.max(der.len()),
        ..defaults
    };
    let sd = match kyso_cms::parse_signed_data(&der, &limits) {
        Ok(sd) => sd,
        Err(e) => {
            unreadable(report, Some(e.to_finding()));
            return;
        }
    };
    report.findings.extend(sd.findings().iter().cloned());
    report.document = Some(DocumentInfo::default());
    if sd.signer_count() == 0 {
        report.findings.push(Finding::error(
            codes::NO_SIGNER,
            "Cấu trúc CMS không có thông tin người ký (SignerInfo) nào: không có gì được ký.",
            "The CMS structure holds no SignerInfo: nothing is signed.",
        ));
        return;
    }
    let econtent = sd.encapsulated_content();
    let content = match (econtent, detached) {
        (Some(c), given) => {
            report.findings.push(Finding::info(
                codes::ENVELOPING,
                format!(
                    "Nội dung được ký nằm ngay trong tệp chữ ký ({} byte).",
                    c.len()
                ),
                format!(
                    "The signed content is inside the signature file ({} bytes).",
                    c.len()
                ),
            ));
            if given.is_some() {
                report.findings.push(Finding::warning(
                    codes::DATA_IGNORED,
                    "Tệp chữ ký đã chứa nội dung được ký; tệp dữ liệu đi kèm không được dùng để kiểm tra.",
                    "The signature file carries its own signed content; the accompanying data file was not used.",
                ));
            }
            Content::Encapsulated
        }
        (None, Some(d)) => {
            report.findings.push(Finding::info(
                codes::DETACHED_WITH_DATA,
                format!(
                    "Chữ ký tách rời; được đối chiếu với tệp dữ liệu đi kèm ({} byte).",
                    d.len()
                ),
                format!(
                    "A detached signature, checked against the accompanying data file ({} bytes).",
                    d.len()
                ),
            ));
            Content::Bytes(d)
        }
        (None, None) => {
            report.findings.push(Finding::warning(
                codes::DETACHED_WITHOUT_DATA,
                "Đây là chữ ký tách rời (.p7s): nội dung được ký là một tệp khác. Hãy chọn cả tệp đã ký cùng với tệp chữ ký (ví dụ “X” và “X.p7s”) để kiểm tra tệp đó có bị thay đổi hay không.",
                "This is a detached signature (.p7s): what it signs is another file. Give the signed file together with the signature file (e.g. “X” and “X.p7s”) to check whether it was changed.",
            ));
            Content::NotSupplied
        }
    };
    let ctx = Ctx {
        store: build_store(opts, &mut report.findings),
        policy: AlgorithmPolicy::default(),
        clock: Clock::new(opts),
    };
    let whole = econtent.is_some() || detached.is_some();
    for i in 0..sd.signer_count() {
        if report.signatures.len() >= MAX_SIGNATURES {
            break;
        }
        let res = kyso_cms::verify_signer(&sd, i, content, &ctx.policy);
        let mut r = new_report(report.signatures.len(), &sd, &res, whole, false);
        let signed = match content {
            Content::Bytes(d) => Some(d),
            _ => econtent,
        };
        finish(&ctx, &sd, res.clone(), signed, &mut r);
        report.signatures.push(r);
        let parent = report.signatures.len();
        if let Some(si) = sd.signer_infos().get(i) {
            counter_signatures(&ctx, &sd, si, parent, 1, report);
        }
    }
    if let (Some(c), Some(n)) = (econtent, nested) {
        content_child(name, bytes, c, n, report);
    }
}

/// DER/BER as is; PEM (`PKCS7`, `CMS`, `PKCS #7 SIGNED DATA`) or bare Base64
/// text decoded. `None`: neither.
fn decode_input(bytes: &[u8]) -> Option<(Cow<'_, [u8]>, bool)> {
    if bytes.first() == Some(&0x30) {
        return Some((Cow::Borrowed(bytes), false));
    }
    // Text: at most the input's size, ASCII only (Base64 and PEM are).
    let text = std::str::from_utf8(bytes).ok()?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with("-----BEGIN") {
        let (_label, der) = pem_rfc7468::decode_vec(trimmed.as_bytes()).ok()?;
        return der
            .first()
            .is_some_and(|&b| b == 0x30)
            .then_some((Cow::Owned(der), true));
    }
    use base64ct::{Base64, Encoding};
    let clean: String = trimmed
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let der = Base64::decode_vec(&clean).ok()?;
    der.first()
        .is_some_and(|&b| b == 0x30)
        .then_some((Cow::Owned(der), true))
}

fn unreadable(report: &mut Report, cause: Option<Finding>) {
    report.findings.extend(cause);
    report.findings.push(Finding::error(
        codes::UNREADABLE,
        "Tệp không phải là một cấu trúc chữ ký CMS/PKCS#7 đọc được (cấu trúc ASN.1 hỏng hoặc không đúng chuẩn).",
        "The file is not a readable CMS/PKCS#7 signature structure (malformed or non-conformant ASN.1).",
    ));
}

/// The report skeleton of one SignerInfo (or countersignature).
fn new_report(
    index: usize,
    sd: &SignedDataView,
    res: &SignerResult,
    whole: bool,
    counter: bool,
) -> SignatureReport {
    let mut r = SignatureReport::new(
        u32::try_from(index).unwrap_or(u32::MAX),
        SignatureKind::Signature,
    );
    let cades = res.signing_certificate_ref_ok.is_some();
    let form = match (counter, sd.encapsulated_content().is_some()) {
        (true, _) => "countersignature",
        (false, true) => "enveloping",
        (false, false) => "detached",
    };
    r.sub_filter = Some(format!(
        "{} ({form})",
        if cades { "CAdES" } else { "CMS/PKCS#7" }
    ));
    // What a CMS signature signs is one whole thing: the content, or for a
    // countersignature the signature value it countersigns.
    r.coverage = if whole || counter {
        Coverage::EntireFile
    } else {
        Coverage::Unclear
    };
    r
}

/// Timestamps, facts, the signer's path: the same steps as a PDF signature's
/// (kyso-pades), without a document timestamp.
fn finish(
    ctx: &Ctx,
    sd: &SignedDataView,
    mut res: SignerResult,
    content: Option<&[u8]>,
    r: &mut SignatureReport,
) {
    let extra: Vec<Vec<u8>> = sd.certificates().iter().map(|c| c.der.clone()).collect();
    let evidence = gather_evidence(sd, &res);
    let mut all_extra = extra;
    all_extra.extend(evidence.certs.iter().cloned());
    let sigval = res.signature_value.clone();
    let hash = |a: kyso_crypto::DigestAlg| a.digest(&sigval);
    let tokens: Vec<(&[u8], kyso_validation::signer::Imprint<'_>)> = res
        .timestamp_tokens
        .iter()
        .take(4)
        .map(|t| (t.as_slice(), &hash as kyso_validation::signer::Imprint<'_>))
        .collect();
    let ts_proof = signature_timestamps(&tokens, &all_extra, &evidence, &ctx.store, &ctx.policy, r);
    if ts_proof.is_some() {
        res.reassess_with_poe(&ctx.policy, ts_proof);
    }
    content_timestamps(ctx, &res, content, &all_extra, &evidence, ts_proof, r);
    archive_timestamps(ctx, &res, &all_extra, &evidence, r);
    apply_signer(r, &res, sd);
    let leaf = res.signer_cert.and_then(|i| sd.certificates().get(i));
    let claimed = r.signing_time.cms_signing_time;
    let signer = SignerEvidence {
        leaf: leaf.map(|c| c.der.as_slice()),
        certs: &all_extra,
        evidence: &evidence,
        proof: ts_proof,
        later_proof: None,
        signer_clock: claimed,
        claimed,
    };
    judge_signer(r, &ctx.clock, &ctx.store, &signer);
}

/// At most this many content or archive timestamps are verified per signer
/// (the CMS reader already bounds how many it keeps); real files carry one.
const MAX_EXTRA_TIMESTAMPS: usize = 4;

/// Content timestamps (signed attributes, ETSI EN 319 122-1 §5.2.8): each
/// token's imprint must be the digest of the signed content, and a trusted
/// one proves the content existed at its time, before the signing. One that
/// does not verify makes the signature indeterminate as a broken signature
/// timestamp does; one later than the signature's own timestamp contradicts
/// it (ETSI EN 319 102-1 §5.6.2.3: TIMESTAMP_ORDER_FAILURE).
fn content_timestamps(
    ctx: &Ctx,
    res: &SignerResult,
    content: Option<&[u8]>,
    certs: &[Vec<u8>],
    evidence: &RevocationEvidence,
    signature_proof: Option<kyso_report::Time>,
    r: &mut SignatureReport,
) {
    for token in res
        .content_timestamp_tokens
        .iter()
        .take(MAX_EXTRA_TIMESTAMPS)
    {
        let Some(data) = content else {
            r.findings.push(Finding::warning(
                codes::CONTENT_TIMESTAMP_NOT_CHECKED,
                "Chữ ký có dấu thời gian nội dung, nhưng không có nội dung được ký để đối chiếu.",
                "The signature carries a content timestamp, but the signed content is not at hand to check it against.",
            ));
            continue;
        };
        let hash = |a: kyso_crypto::DigestAlg| a.digest(data);
        let out = verify_timestamp(token, &hash, certs, evidence, &ctx.store, &ctx.policy);
        let at = out.info.gen_time;
        let when_vi = at.map(|t| t.to_vietnam_display()).unwrap_or_default();
        let when_en = at.map(|t| t.to_rfc3339()).unwrap_or_default();
        if !out.valid {
            r.facts.timestamp_invalid = true;
            r.findings.extend(out.info.findings);
            r.findings.push(Finding::error(
                codes::CONTENT_TIMESTAMP_INVALID,
                "Dấu thời gian nội dung (do người ký lấy trước khi ký) không khớp với nội dung hoặc chữ ký của đơn vị cấp dấu thời gian sai.",
                "The content timestamp (taken by the signer before signing) does not match the content, or its authority's signature is wrong.",
            ));
            continue;
        }
        if !out.info.trusted {
            r.findings.push(Finding::warning(
                codes::CONTENT_TIMESTAMP_UNTRUSTED,
                format!("Dấu thời gian nội dung ({when_vi}) khớp với nội dung, nhưng đơn vị cấp dấu thời gian không thuộc danh sách tin cậy."),
                format!("The content timestamp ({when_en}) matches the content, but its authority is not trusted."),
            ));
            continue;
        }
        r.findings.push(Finding::passed(
            codes::CONTENT_TIMESTAMP_VALID,
            format!("Dấu thời gian nội dung hợp lệ: nội dung được ký đã tồn tại lúc {when_vi}, trước khi ký."),
            format!("The content timestamp is valid: the signed content existed at {when_en}, before it was signed."),
        ));
        if let (Some(c), Some(s)) = (at, signature_proof) {
            if c > s {
                r.facts.timestamp_order_failure = true;
                r.findings.push(Finding::error(
                    codes::CONTENT_TIMESTAMP_AFTER_SIGNATURE,
                    format!("Dấu thời gian nội dung ({when_vi}) lại muộn hơn dấu thời gian của chữ ký ({}): hai bằng chứng thời gian mâu thuẫn nhau.", s.to_vietnam_display()),
                    format!("The content timestamp ({when_en}) is later than the signature timestamp ({}): the two proofs of time contradict each other.", s.to_rfc3339()),
                ));
            }
        }
    }
}

/// Archive timestamps (CAdES-A v2, CAdES-B-LTA v3): read and reported with
/// their authority's signature and path; what they cover is not rebuilt
/// (ETSI EN 319 122-1 §5.5.3's hash index), so they prove nothing here and
/// never change the verdict.
fn archive_timestamps(
    ctx: &Ctx,
    res: &SignerResult,
    certs: &[Vec<u8>],
    evidence: &RevocationEvidence,
    r: &mut SignatureReport,
) {
    let n = res.archive_timestamp_tokens.len();
    if n == 0 {
        return;
    }
    r.findings.push(Finding::info(
        codes::ARCHIVE_TIMESTAMPS,
        format!("Chữ ký có {n} dấu thời gian lưu trữ (CAdES-A/LTA), dùng để gia hạn khả năng kiểm chứng lâu dài."),
        format!("The signature carries {n} archive timestamp(s) (CAdES-A/LTA), which extend its long-term verifiability."),
    ));
    for token in res
        .archive_timestamp_tokens
        .iter()
        .take(MAX_EXTRA_TIMESTAMPS)
    {
        let out = kyso_validation::signer::read_unbound_timestamp(
            token,
            certs,
            evidence,
            &ctx.store,
            &ctx.policy,
        );
        r.findings.extend(
            out.info
                .findings
                .into_iter()
                .filter(|f| f.code == kyso_validation::codes::TIMESTAMP_UNBOUND),
        );
    }
}

/// Revocation evidence carried by the file: CMS `crls` and `otherRevInfo`
/// (RFC 5652 §10.2.1) and Adobe's archival attribute when a tool added it.
fn gather_evidence(sd: &SignedDataView, res: &SignerResult) -> RevocationEvidence {
    let mut ev = RevocationEvidence {
        crls: sd.crls().to_vec(),
        ocsp: sd.ocsp_responses().map(<[u8]>::to_vec).collect(),
        certs: Vec::new(),
    };
    if let Some(a) = &res.revocation_info_archival {
        ev.extend(kyso_pki::parse_revocation_info_archival(a));
    }
    ev
}

/// Each countersignature of `si` (report number `parent`, 1-based), verified
/// over `si`'s signature value, and theirs in turn down to [`MAX_COUNTER_DEPTH`].
fn counter_signatures(
    ctx: &Ctx,
    sd: &SignedDataView,
    si: &SignerInfoView,
    parent: usize,
    depth: usize,
    report: &mut Report,
) {
    if depth > MAX_COUNTER_DEPTH {
        return;
    }
    for cs in kyso_cms::counter_signers_of(si) {
        if report.signatures.len() >= MAX_SIGNATURES {
            return;
        }
        let index = report.signatures.len();
        let of = Finding::info(
            codes::COUNTER_SIGNATURE_OF,
            format!("Đây là chữ ký đối ứng (countersignature) ký lên chữ ký số {parent}: nó xác nhận chữ ký đó, không ký trực tiếp nội dung."),
            format!("This is a countersignature of signature {parent}: it vouches for that signature, not directly for the content."),
        );
        match cs {
            Ok(csi) => {
                let res = kyso_cms::verify_counter_signer(sd, &csi, &si.signature, &ctx.policy);
                let mut r = new_report(index, sd, &res, true, true);
                r.findings.push(of);
                finish(ctx, sd, res, None, &mut r);
                report.signatures.push(r);
                counter_signatures(ctx, sd, &csi, index + 1, depth + 1, report);
            }
            Err(e) => {
                let mut r = SignatureReport::new(
                    u32::try_from(index).unwrap_or(u32::MAX),
                    SignatureKind::Signature,
                );
                r.sub_filter = Some("CMS/PKCS#7 (countersignature)".into());
                r.facts.format_failure = true;
                r.findings.push(of);
                r.findings.push(e.to_finding());
                r.findings.push(Finding::error(
                    codes::COUNTER_SIGNATURE_UNREADABLE,
                    "Chữ ký đối ứng không đọc được (cấu trúc SignerInfo hỏng).",
                    "The countersignature could not be read (malformed SignerInfo).",
                ));
                report.signatures.push(r);
            }
        }
    }
}

/// The encapsulated document, verified as a child report when it is a
/// format Kyso reads.
fn content_child(
    name: Option<&str>,
    file: &[u8],
    content: &[u8],
    nested: &Nested<'_>,
    report: &mut Report,
) {
    let inner_name = content_name(name);
    let child = (nested.verify)(&inner_name, content);
    if child.format == Format::Unknown {
        return;
    }
    report.findings.push(Finding::info(
        codes::CONTENT_VERIFIED,
        format!("Nội dung được ký là một tài liệu (“{inner_name}”); Kyso kiểm tra cả tài liệu đó, kết quả ở phần tài liệu con."),
        format!("The signed content is a document (“{inner_name}”); Kyso verified it too, see the nested report."),
    ));
    report.children.push(ChildReport {
        location: format!("content:{inner_name}"),
        report: child,
        counts_for_verdict: true,
        range: content_range(file, content),
    });
}

/// Where the content lies in the file as given, when it is there as one
/// slice (a primitive OCTET STRING in DER; not in a text-encoded file, nor in
/// BER's segmented form) and only once: the front end offers that slice of
/// the user's file for download.
fn content_range(file: &[u8], content: &[u8]) -> Option<[u64; 2]> {
    if content.is_empty() {
        return None;
    }
    let at = memchr::memmem::find(file, content)?;
    let after = at + content.len();
    // Found twice: which one is the content is not certain; offer nothing.
    if memchr::memmem::find(&file[at + 1..], content).is_some() {
        return None;
    }
    Some([at as u64, after as u64])
}

/// `X.pdf.p7m` → `X.pdf`; otherwise `content`.
fn content_name(name: Option<&str>) -> String {
    let Some(n) = name else {
        return "content".into();
    };
    let base = n.rsplit(['/', '\\']).next().unwrap_or(n);
    for ext in [".p7m", ".P7M", ".pkcs7", ".p7", ".cms"] {
        if let Some(stem) = base.strip_suffix(ext) {
            if !stem.is_empty() {
                return stem.to_string();
            }
        }
    }
    "content".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_names() {
        assert_eq!(content_name(Some("dir/QD-12.pdf.p7m")), "QD-12.pdf");
        assert_eq!(content_name(Some("x.p7m")), "x");
        assert_eq!(content_name(Some(".p7m")), "content");
        assert_eq!(content_name(None), "content");
    }

    #[test]
    fn text_inputs_decode() {
        assert!(decode_input(b"\x30\x03\x02\x01\x00").is_some_and(|(_, t)| !t));
        let pem = b"-----BEGIN PKCS7-----\nMAMCAQA=\n-----END PKCS7-----\n";
        let (der, text) = decode_input(pem).unwrap();
        assert!(text);
        assert_eq!(&*der, b"\x30\x03\x02\x01\x00");
        assert_eq!(
            &*decode_input(b"MAMC\nAQA=\n").unwrap().0,
            b"\x30\x03\x02\x01\x00"
        );
        assert!(decode_input(b"hello").is_none());
        assert!(decode_input(b"\xff\xfe").is_none());
    }
}
