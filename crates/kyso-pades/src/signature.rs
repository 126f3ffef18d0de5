//! A signature dictionary's report: what it covers, its /Contents, and the
//! CMS signatures (`adbe.pkcs7.detached`, `ETSI.CAdES.detached`,
//! `adbe.pkcs7.sha1`, unknown SubFilters read as detached) with their
//! timestamps, PAdES baseline rules and the signer's path.

use crate::codes;
use crate::rsa_sha1::x509_rsa_sha1;
use crate::Ctx;
use kyso_cms::Content;
use kyso_crypto::policy::{Acceptance, Use};
use kyso_crypto::DigestAlg;
use kyso_pdf::byte_range::ByteRangeCheck;
use kyso_pdf::SignatureDict;
use kyso_pki::RevocationEvidence;
use kyso_report::{Finding, SignatureKind, SignatureReport, Time, ValidationTimeSource};
use kyso_validation::signer::{apply_signer, judge_signer, signature_timestamps, SignerEvidence};

/// The common part of every signature report: where it is and what it covers.
pub(crate) fn skeleton(
    pos: usize,
    s: &SignatureDict,
    check: &ByteRangeCheck,
    kind: SignatureKind,
) -> SignatureReport {
    let mut r = SignatureReport::new(u32::try_from(pos).unwrap_or(u32::MAX), kind);
    r.field = s.field_name.clone();
    r.sub_filter = s.sub_filter.clone();
    r.revision = check.revision.and_then(|x| u32::try_from(x + 1).ok());
    r.byte_range = check
        .range
        .map(|a| {
            a.iter()
                .map(|&x| i64::try_from(x).unwrap_or(i64::MAX))
                .collect()
        })
        .or_else(|| {
            s.byte_range
                .as_ref()
                .map(|v| v.iter().filter_map(|o| o.as_int()).collect())
        });
    r.coverage = check.coverage;
    r.signed_length = check.signed_end;
    // Text from the document, bounded (kyso_report::MAX_TEXT_CHARS).
    let text = |t: &Option<String>| t.clone().map(kyso_report::clip_text);
    r.name = text(&s.name);
    r.reason = text(&s.reason);
    r.location = text(&s.location);
    r.contact_info = text(&s.contact_info);
    r.signing_time.pdf_m = s.m.as_deref().and_then(kyso_pdf::parse_pdf_date);
    // ISO 32000-1 §12.8.2.2.2: DocMDP /P defaults to 2.
    r.certification_level = s
        .references
        .iter()
        .find(|x| x.transform_method.as_deref() == Some("DocMDP"))
        .map(|x| x.p.and_then(|p| u8::try_from(p).ok()).unwrap_or(2));
    r.findings.extend(check.findings.iter().cloned());
    if !check.ok || check.range.is_none() {
        r.facts.format_failure = true;
    } else {
        r.findings.push(Finding::passed(
            codes::PDF_BYTE_RANGE_OK,
            "Vùng dữ liệu được ký (ByteRange) đúng quy cách: bắt đầu từ đầu tệp và chỉ chừa đúng chỗ của chữ ký.",
            "The signed byte range is well-formed: it starts at the beginning of the file and leaves out exactly the signature value.",
        ));
    }
    r
}

/// A malformed or fake signature container: record the structural failure
/// (`format_failure`, FORMAT_FAILURE in the verdict) with its explanation.
pub(crate) fn structure_error(code: &str, vi: &str, en: &str, r: &mut SignatureReport) {
    r.facts.format_failure = true;
    r.findings.push(Finding::error(code, vi, en));
}

/// The /Contents value, or a format failure saying why not.
pub(crate) fn contents<'s>(s: &'s SignatureDict, r: &mut SignatureReport) -> Option<&'s [u8]> {
    match s.contents.as_deref() {
        None => {
            structure_error(
                codes::PDF_CONTENTS_MISSING,
                "Từ điển chữ ký không có giá trị chữ ký (/Contents).",
                "The signature dictionary has no signature value (/Contents).",
                r,
            );
            None
        }
        Some(c) if c.iter().all(|&b| b == 0) => {
            structure_error(
                codes::PDF_CONTENTS_EMPTY,
                "Giá trị chữ ký (/Contents) rỗng hoặc toàn số 0: đây không phải là chữ ký thật.",
                "The signature value (/Contents) is empty or all zeros: this is not a real signature.",
                r,
            );
            None
        }
        Some(c) => Some(c),
    }
}

pub(crate) fn signature(
    ctx: &mut Ctx<'_>,
    pos: usize,
    s: &SignatureDict,
    check: &ByteRangeCheck,
    later_doc_ts: Option<Time>,
) -> SignatureReport {
    let mut r = skeleton(pos, s, check, SignatureKind::Signature);
    let Some(value) = contents(s, &mut r) else {
        return r;
    };
    let Some(range) = check.range else {
        r.findings.push(Finding::error(
            codes::PDF_BYTE_RANGE_MISSING,
            "Không xác định được vùng dữ liệu được ký (ByteRange), nên không kiểm tra được chữ ký.",
            "The signed byte range (ByteRange) could not be read, so the signature cannot be checked.",
        ));
        return r;
    };
    match s.sub_filter.as_deref() {
        Some("adbe.x509.rsa_sha1") => x509_rsa_sha1(ctx, s, value, range, later_doc_ts, &mut r),
        sf => {
            if !matches!(
                sf,
                Some("adbe.pkcs7.detached" | "ETSI.CAdES.detached" | "adbe.pkcs7.sha1")
            ) {
                r.findings.push(Finding::warning(
                    codes::PDF_SUB_FILTER_UNKNOWN,
                    format!("Kiểu chữ ký (/SubFilter) “{}” không phải kiểu chuẩn; Kyso thử đọc như chữ ký CMS tách rời.", sf.unwrap_or("(không có)")),
                    format!("The signature type (/SubFilter) “{}” is not a standard one; Kyso tries it as a detached CMS signature.", sf.unwrap_or("(none)")),
                ));
            }
            cms_signature(ctx, s, value, range, later_doc_ts, &mut r)
        }
    }
    r
}

fn cms_signature(
    ctx: &mut Ctx<'_>,
    s: &SignatureDict,
    value: &[u8],
    range: [u64; 4],
    later_doc_ts: Option<Time>,
    r: &mut SignatureReport,
) {
    let sd = match kyso_cms::parse_signed_data(value, &kyso_cms::Limits::default()) {
        Ok(sd) => sd,
        Err(e) => {
            r.facts.format_failure = true;
            r.findings.push(e.to_finding());
            r.findings.push(Finding::error(
                codes::PDF_CMS_UNREADABLE,
                "Giá trị chữ ký không phải là một cấu trúc CMS/PKCS#7 đọc được.",
                "The signature value is not a readable CMS/PKCS#7 structure.",
            ));
            return;
        }
    };
    r.findings.extend(sd.findings().iter().cloned());
    match sd.signer_count() {
        0 => {
            structure_error(
                codes::PDF_CMS_NO_SIGNER,
                "Cấu trúc CMS không có thông tin người ký (SignerInfo) nào.",
                "The CMS structure holds no SignerInfo.",
                r,
            );
            return;
        }
        1 => {}
        n => {
            r.facts.ambiguous_signer = true;
            r.findings.push(Finding::error(
                codes::PDF_CMS_SEVERAL_SIGNERS,
                format!("Một chữ ký PDF phải có đúng một người ký, ở đây có {n}: không xác định được ai đã ký."),
                format!("A PDF signature must have exactly one signer; this one has {n}: who signed cannot be determined."),
            ));
        }
    }
    let sha1_pkcs7 = s.sub_filter.as_deref() == Some("adbe.pkcs7.sha1");
    let hasher = &ctx.hasher;
    let detached = |alg: DigestAlg| hasher.digest(range, alg);
    let content = if sha1_pkcs7 {
        Content::Encapsulated
    } else {
        Content::Detached(&detached)
    };
    let mut res = kyso_cms::verify_signer(&sd, 0, content, &ctx.policy);
    if sha1_pkcs7 {
        // ISO 32000-1 §12.8.3.3.1: for adbe.pkcs7.sha1 the encapsulated content
        // is the SHA-1 digest of the byte ranges.
        let ranges_sha1 = hasher.digest(range, DigestAlg::Sha1);
        match sd.encapsulated_content() {
            Some(e) if e == ranges_sha1.as_slice() => r.findings.push(Finding::passed(
                codes::PDF_PKCS7_SHA1_DIGEST_OK,
                "Giá trị băm SHA-1 được ký khớp với nội dung tài liệu.",
                "The signed SHA-1 digest matches the document bytes.",
            )),
            _ => {
                res.digest_matches = Some(false);
                r.findings.push(Finding::error(
                    codes::PDF_PKCS7_SHA1_DIGEST_MISMATCH,
                    "Giá trị băm SHA-1 được ký không khớp với nội dung tài liệu: tài liệu đã bị thay đổi.",
                    "The signed SHA-1 digest does not match the document bytes: the document was changed.",
                ));
            }
        }
    } else if sd.encapsulated_content().is_some() {
        if matches!(
            s.sub_filter.as_deref(),
            Some("adbe.pkcs7.detached" | "ETSI.CAdES.detached")
        ) {
            // ISO 32000-2 §12.8.3.3 (CMS signatures in PDF; ETSI.CAdES.detached
            // is the same detached SignedData, ETSI EN 319 142-1): the document
            // is the external content and no data shall be encapsulated in the
            // SignedData. eContent is a second candidate for "what was signed":
            // verifiers that read it and verifiers that read the byte ranges can
            // disagree. Verdict: TOTAL_FAILED/FORMAT_FAILURE, not INDETERMINATE.
            // ETSI EN 319 102-1 (§5.1.3, Table 5) gives FORMAT_FAILURE, "not
            // conformant to one of the base standards", under TOTAL-FAILED, and
            // keeps INDETERMINATE for what more information (a certificate, a
            // proof of time, a trust anchor) might still decide; nothing can
            // make this SignedData conformant. The fact `format_failure` gives
            // exactly that, as for the other malformed signature containers;
            // pyHanko likewise refuses it (AdESFailure.FORMAT_FAILURE).
            structure_error(
                codes::PDF_CMS_CONTENT_ENCAPSULATED,
                "Chữ ký PDF kiểu tách rời (adbe.pkcs7.detached, ETSI.CAdES.detached) lại chứa nội dung bên trong cấu trúc CMS (eContent), điều ISO 32000-2 §12.8.3.3 không cho phép: không xác định được rõ chữ ký bảo vệ nội dung nào. Chữ ký không hợp lệ về định dạng.",
                "A detached PDF signature (adbe.pkcs7.detached, ETSI.CAdES.detached) carries encapsulated content (eContent) in its CMS structure, which ISO 32000-2 §12.8.3.3 forbids: what the signature protects is ambiguous. The signature is malformed.",
                r,
            );
        } else {
            r.findings.push(Finding::warning(
                codes::PDF_CMS_CONTENT_NOT_DETACHED,
                "Chữ ký PDF kiểu tách rời nhưng lại chứa nội dung bên trong CMS; nội dung này bị bỏ qua.",
                "A detached PDF signature carries encapsulated content; it is ignored.",
            ));
        }
    }
    if s.sub_filter.as_deref() == Some("ETSI.CAdES.detached") {
        pades_rules(&res, r);
    }

    // Timestamps (RFC 3161 Appendix A: the imprint covers the signature value).
    let mut extra: Vec<Vec<u8>> = sd.certificates().iter().map(|c| c.der.clone()).collect();
    extra.extend(ctx.dss.certs.iter().cloned());
    let evidence = gather_evidence(&sd, &res, &ctx.dss);
    extra.extend(evidence.certs.iter().cloned());
    let sigval = res.signature_value.clone();
    let hash = |a: DigestAlg| a.digest(&sigval);
    let tokens: Vec<(&[u8], kyso_validation::signer::Imprint<'_>)> = res
        .timestamp_tokens
        .iter()
        .take(4)
        .map(|t| (t.as_slice(), &hash as kyso_validation::signer::Imprint<'_>))
        .collect();
    let ts_proof = signature_timestamps(&tokens, &extra, &evidence, &ctx.store, &ctx.policy, r);
    if let Some(t) = ts_proof.or(later_doc_ts) {
        res.reassess_with_poe(&ctx.policy, Some(t));
    }
    apply_signer(r, &res, &sd);
    if sha1_pkcs7 {
        // The document itself is bound by SHA-1 whatever digest the SignerInfo
        // names: judge SHA-1 for a signature (ETSI TS 119 312).
        let poe = ts_proof.or(later_doc_ts).map(|t| t.0);
        if let Acceptance::Rejected { reason, no_poe } =
            ctx.policy.digest(DigestAlg::Sha1, Use::Signature, poe)
        {
            r.facts.weak_algorithm = true;
            r.facts.weak_algorithm_no_poe |= no_poe;
            r.findings.push(Finding::error(
                codes::PDF_PKCS7_SHA1_WEAK,
                format!("Tài liệu được gắn với chữ ký bằng SHA-1, thuật toán không còn đủ an toàn: {reason}."),
                format!("The document is bound to the signature by SHA-1, which is no longer safe: {reason}."),
            ));
        }
    }
    let leaf = res.signer_cert.and_then(|i| sd.certificates().get(i));
    let signer = SignerEvidence {
        leaf: leaf.map(|c| c.der.as_slice()),
        certs: &extra,
        evidence: &evidence,
        proof: ts_proof,
        later_proof: later_doc_ts,
        signer_clock: r.signing_time.cms_signing_time,
        claimed: r.signing_time.cms_signing_time.or(r.signing_time.pdf_m),
    };
    judge_signer(r, &ctx.clock, &ctx.store, &signer);
    if leaf.is_none() {
        return;
    }
    let sig_proof = ctx.clock.usable(ts_proof);
    if r.trust.validation_time_source == Some(ValidationTimeSource::Timestamp)
        && sig_proof.is_none()
    {
        r.trust.findings.push(Finding::info(
            kyso_validation::codes::TRUST_TIME_DOCUMENT_TIMESTAMP,
            "Thời điểm kiểm tra lấy từ một dấu thời gian tài liệu được thêm sau chữ ký này.",
            "The validation time comes from a document timestamp added after this signature.",
        ));
    }
}

/// PAdES baseline (ETSI EN 319 142-1 §6.3): ETSI.CAdES.detached requires the
/// ESS signing-certificate-v2 attribute and forbids the signingTime attribute
/// (the time goes in /M).
fn pades_rules(res: &kyso_cms::SignerResult, r: &mut SignatureReport) {
    if res.signing_certificate_ref_ok.is_none() {
        r.findings.push(Finding::warning(
            codes::PADES_SIGNING_CERTIFICATE_MISSING,
            "Chữ ký PAdES thiếu thuộc tính tham chiếu chứng thư người ký (signing-certificate-v2) mà chuẩn PAdES yêu cầu.",
            "The PAdES signature lacks the signing-certificate-v2 attribute that PAdES requires.",
        ));
    }
    if res.signing_time.is_some() {
        r.findings.push(Finding::warning(
            codes::PADES_SIGNING_TIME_ATTRIBUTE,
            "Chữ ký PAdES chứa thuộc tính signingTime, điều chuẩn PAdES không cho phép (thời điểm ký phải ghi ở /M).",
            "The PAdES signature carries a signingTime attribute, which PAdES forbids (the time belongs in /M).",
        ));
    }
}

/// Revocation evidence for a signer: CMS `crls` and `otherRevInfo` (RFC 5652
/// §10.2.1), Adobe's `adbe-revocationInfoArchival` signed attribute (ISO 32000-1
/// §12.8.3.3.2), and the document's DSS/VRI.
fn gather_evidence(
    sd: &kyso_cms::SignedDataView,
    res: &kyso_cms::SignerResult,
    dss: &RevocationEvidence,
) -> RevocationEvidence {
    let mut ev = RevocationEvidence {
        crls: sd.crls().to_vec(),
        ocsp: sd.ocsp_responses().map(<[u8]>::to_vec).collect(),
        certs: Vec::new(),
    };
    if let Some(a) = &res.revocation_info_archival {
        ev.extend(kyso_pki::parse_revocation_info_archival(a));
    }
    ev.extend(dss.clone());
    ev
}
