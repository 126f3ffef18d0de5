//! One XML-DSig signature's facts → a [`SignatureReport`]: what each reference
//! signed, the signature's integrity, algorithms (judged again with the proof
//! of existence a trusted timestamp gives), XAdES claims, signature
//! timestamps, and the signer's path at the validation time.

use crate::codes;
use crate::Ctx;
use der::Decode;
use kyso_crypto::policy::{Acceptance, Use};
use kyso_crypto::{DigestAlg, KeyInfo};
use kyso_pki::RevocationEvidence;
use kyso_report::{
    Coverage as ReportCoverage, Finding, SignatureKind, SignatureReport, SignedReference,
    SignedTarget, Time,
};
use kyso_validation::signer::{judge_signer, signature_timestamps, SignerEvidence};
use kyso_xmldsig::codes as dsig;
use kyso_xmldsig::{Coverage, ReferenceResult, SignatureResult, XadesLevel};

/// At most this many signature timestamps of one signature are verified.
const MAX_TIMESTAMPS: usize = 4;

/// Transforms that leave a whole-document reference covering the whole file
/// (but its own signature): enveloped-signature and canonicalizations.
fn keeps_whole_document(t: &str) -> bool {
    t == "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
        || t.contains("c14n")
        || t.contains("xml-exc-c14n")
}

/// `XAdES-B-T http://www.w3.org/2001/04/xmldsig-more#rsa-sha256`, or `XML-DSig …`.
fn sub_filter(s: &SignatureResult) -> String {
    let profile = match s.xades.as_ref().and_then(|x| x.level) {
        Some(XadesLevel::B) => "XAdES-B-B",
        Some(XadesLevel::T) => "XAdES-B-T",
        Some(XadesLevel::Lt) => "XAdES-B-LT",
        Some(XadesLevel::Lta) => "XAdES-B-LTA",
        None if s.xades.is_some() => "XAdES",
        None => "XML-DSig",
    };
    match s.signature_method.as_deref().filter(|m| !m.is_empty()) {
        Some(m) => format!("{profile} {m}"),
        None => profile.to_string(),
    }
}

fn signed_reference(r: &ReferenceResult) -> SignedReference {
    let (target, el) = match &r.coverage {
        Coverage::WholeDocument(e) => (SignedTarget::WholeDocument, Some(e)),
        Coverage::Element(e) => (SignedTarget::Element, Some(e)),
        Coverage::External { resolved: true, .. } => (SignedTarget::External, None),
        Coverage::External {
            resolved: false, ..
        } => (SignedTarget::ExternalMissing, None),
        Coverage::Unresolved => (SignedTarget::Unresolved, None),
    };
    SignedReference {
        uri: r.uri.clone(),
        target,
        element: el.map(|e| e.name.clone()),
        namespace: el.and_then(|e| e.namespace.clone()),
        id: el.and_then(|e| e.id.clone()),
        path: el.map(|e| e.path.clone()),
        signed_properties: r.is_signed_properties,
        digest_algorithm: Some(
            r.digest_alg
                .map(|d| d.name().to_string())
                .unwrap_or_else(|| r.digest_method.clone()),
        )
        .filter(|s| !s.is_empty()),
        digest_ok: r.digest_ok,
    }
}

fn has(s: &SignatureResult, code: &str) -> bool {
    s.findings.iter().any(|f| f.code == code)
}

/// The digest algorithms the signature relies on: the signature method's and
/// every reference's.
fn digests_used(s: &SignatureResult) -> Vec<DigestAlg> {
    let mut v: Vec<DigestAlg> = s.signature_alg.iter().filter_map(|a| a.digest()).collect();
    for r in &s.references {
        if let Some(d) = r.digest_alg {
            if !v.contains(&d) {
                v.push(d);
            }
        }
    }
    v
}

fn signer_key(der: &[u8]) -> Option<KeyInfo> {
    let c = x509_cert::Certificate::from_der(der).ok()?;
    KeyInfo::from_spki(&c.tbs_certificate.subject_public_key_info).ok()
}

pub(crate) fn signature(ctx: &Ctx, pos: usize, s: &SignatureResult) -> SignatureReport {
    let mut r = SignatureReport::new(
        u32::try_from(pos).unwrap_or(u32::MAX),
        SignatureKind::Signature,
    );
    r.sub_filter = Some(sub_filter(s));
    r.field = s.element.id.clone();
    r.signed_references = s.references.iter().map(signed_reference).collect();
    r.findings.extend(s.findings.iter().cloned());

    // What the signature covers, for the reader: the whole document (but the
    // signature itself), or parts of it.
    r.coverage = if s.references.iter().any(|x| {
        matches!(x.coverage, Coverage::WholeDocument(_))
            && x.digest_ok == Some(true)
            && x.transforms.iter().all(|t| keeps_whole_document(t))
    }) {
        ReportCoverage::EntireFile
    } else {
        ReportCoverage::Partial
    };

    // Structure: a signature without its parts, a reference that names an
    // element twice (wrapping), XAdES properties left out of the signature.
    // Properties left unsigned are a structural fault of a signature that
    // verifies; when the value itself fails, that failure is the finding.
    let unsigned_props = s
        .xades
        .as_ref()
        .is_some_and(|x| !x.signed_properties_signed)
        && s.signature_value_ok == Some(true);
    if has(s, dsig::MALFORMED) || has(s, dsig::REFERENCE_DUPLICATE_ID) || unsigned_props {
        r.facts.format_failure = true;
        r.findings.push(Finding::error(
            codes::XML_SIGNATURE_STRUCTURE,
            "Cấu trúc chữ ký XML không đúng quy cách hoặc không an toàn (thiếu thành phần bắt buộc, một Id trùng lặp có thể dùng để đánh tráo phần được ký, hoặc phần thuộc tính XAdES không được ký): chữ ký không hợp lệ về định dạng.",
            "The XML signature's structure is malformed or unsafe (a required part is missing, a duplicate Id can be used to swap what was signed, or the XAdES properties are not signed): the signature is malformed.",
        ));
    }

    // Integrity: every reference's digest, then the signature value.
    let facts = &mut r.facts;
    facts.signer_certificate_found = s.signer_certificate.is_some() || s.key_from_caller;
    // SignedInfo is what the signature value covers: when the signer's key
    // is shown to have signed another SignedInfo, the signed data changed.
    facts.digest_matches = if s.signed_info_changed {
        Some(false)
    } else if s.references.is_empty() {
        None
    } else if s.references.iter().any(|x| x.digest_ok == Some(false)) {
        Some(false)
    } else if s.references.iter().all(|x| x.digest_ok == Some(true)) {
        Some(true)
    } else {
        None
    };
    facts.crypto_valid = s.signature_value_ok;
    facts.unsupported_algorithm = has(s, dsig::SIGNATURE_METHOD_UNSUPPORTED)
        || has(s, dsig::DIGEST_METHOD_UNSUPPORTED)
        || has(s, dsig::C14N_UNSUPPORTED)
        || has(s, dsig::TRANSFORM_UNSUPPORTED);
    if facts.digest_matches.is_none() && !s.references.is_empty() {
        r.findings.push(Finding::warning(
            codes::XML_SIGNED_DATA_NOT_FOUND,
            "Có tham chiếu của chữ ký không xác định được hoặc thiếu dữ liệu (ví dụ tệp bên ngoài), nên không biết chắc chữ ký bảo vệ nội dung nào.",
            "A reference of the signature could not be resolved or its data is missing (e.g. an outside file), so what the signature protects is not known for sure.",
        ));
    }

    // XAdES claims count only when the signature covers them.
    let xades = s.xades.as_ref().filter(|x| x.signed_properties_signed);
    if let Some(x) = s.xades.as_ref().filter(|x| !x.signed_properties_signed) {
        if x.signing_time.is_some() || x.signing_certificate_version.is_some() {
            r.findings.push(Finding::warning(
                codes::XADES_CLAIMS_IGNORED,
                "Thời điểm ký và chứng thư người ký ghi trong phần thuộc tính XAdES không được chữ ký bảo vệ, nên Kyso không dùng chúng.",
                "The signing time and signing certificate written in the XAdES properties are not protected by the signature, so Kyso does not use them.",
            ));
        }
    }
    r.facts.signing_certificate_ref_ok = xades.and_then(|x| x.signing_certificate_ok);
    let claimed: Option<Time> = xades.and_then(|x| x.signing_time);
    r.signing_time.xades_signing_time = claimed;
    if let Some(c) = claimed {
        r.findings.push(Finding::info(
            codes::XADES_CLAIMED_TIME,
            format!("Người ký khai thời điểm ký là {} (thuộc tính SigningTime); đây là lời khai, không phải bằng chứng.", c.to_vietnam_display()),
            format!("The signer claims to have signed at {} (SigningTime property); this is a claim, not a proof.", c.to_rfc3339()),
        ));
    }

    // Signer and algorithms.
    let leaf = s.signer_certificate.clone();
    if let Some(der) = &leaf {
        r.signer = kyso_pki::describe_certificate(der);
    }
    let key = leaf.as_deref().and_then(signer_key);
    r.algorithms.signature = s.signature_alg.as_ref().map(|a| a.name());
    r.algorithms.digest = s
        .signature_alg
        .as_ref()
        .and_then(|a| a.digest())
        .map(|d| d.name().to_string());
    r.algorithms.public_key = key.as_ref().map(KeyInfo::description);

    // Signature timestamps (EN 319 132-1 §5.3): proofs of existence of the
    // signature value, verified against this run's trust store.
    // Candidates for the paths: KeyInfo's certificates and the validation
    // data the signer embedded (XAdES-LT CertificateValues, RevocationValues).
    let mut certs = s.certificates.clone();
    let mut evidence = RevocationEvidence::default();
    if let Some(x) = &s.xades {
        certs.extend(x.certificate_values.iter().cloned());
        evidence.crls = x.crl_values.clone();
        evidence.ocsp = x.ocsp_values.clone();
    }
    evidence.certs = certs.clone();
    let certs = &certs;
    let stamps: Vec<_> = s
        .xades
        .iter()
        .flat_map(|x| x.timestamps.iter())
        .filter(|t| t.kind == "SignatureTimeStamp" && !t.token_der.is_empty())
        .take(MAX_TIMESTAMPS)
        .collect();
    // One closure per token: each covers its own canonicalized bytes.
    let hashes: Vec<_> = stamps
        .iter()
        .map(|t| {
            let covered = &t.imprint_input;
            move |a: kyso_crypto::DigestAlg| a.digest(covered)
        })
        .collect();
    let tokens: Vec<(&[u8], kyso_validation::signer::Imprint<'_>)> = stamps
        .iter()
        .zip(&hashes)
        .map(|(t, h)| {
            (
                t.token_der.as_slice(),
                h as kyso_validation::signer::Imprint<'_>,
            )
        })
        .collect();
    let ts_proof = signature_timestamps(&tokens, certs, &evidence, &ctx.store, &ctx.policy, &mut r);
    // Algorithm policy, with the proof of existence when there is one
    // (kyso-xmldsig judged without any).
    judge_algorithms(ctx, s, key.as_ref(), ts_proof, &mut r);

    // The signer's path at the time the clock chooses.
    let signer = SignerEvidence {
        leaf: leaf.as_deref(),
        certs,
        evidence: &evidence,
        proof: ts_proof,
        later_proof: None,
        signer_clock: claimed,
        claimed,
    };
    judge_signer(&mut r, &ctx.clock, &ctx.store, &signer);
    r
}

fn judge_algorithms(
    ctx: &Ctx,
    s: &SignatureResult,
    key: Option<&KeyInfo>,
    proof: Option<Time>,
    r: &mut SignatureReport,
) {
    let poe = proof.map(|t| t.0);
    let mut weak = false;
    let mut no_poe = false;
    let mut saved = false;
    for d in digests_used(s) {
        let before = ctx.policy.digest(d, Use::Signature, None);
        match ctx.policy.digest(d, Use::Signature, poe) {
            Acceptance::Rejected { no_poe: n, .. } => {
                weak = true;
                no_poe |= n;
            }
            _ => saved |= matches!(before, Acceptance::Rejected { .. }),
        }
    }
    if let Some(k) = key {
        let before = ctx.policy.key(k, None);
        match ctx.policy.key(k, poe) {
            Acceptance::Rejected { reason, no_poe: n } => {
                weak = true;
                no_poe |= n;
                r.findings.push(Finding::error(
                    codes::XML_KEY_WEAK,
                    format!("Khóa của người ký không còn đủ an toàn: {reason}."),
                    format!("The signer's key is no longer safe: {reason}."),
                ));
            }
            _ => saved |= matches!(before, Acceptance::Rejected { .. }),
        }
    }
    // MD5 and the like are rejected whatever the proof.
    if s.algorithm_rejected {
        weak = true;
    }
    r.facts.weak_algorithm |= weak;
    r.facts.weak_algorithm_no_poe |= weak && no_poe && !s.algorithm_rejected;
    if saved && !weak {
        r.findings.push(Finding::info(
            codes::XML_ALGORITHM_PROVEN_BEFORE_SUNSET,
            "Chữ ký dùng thuật toán nay đã yếu, nhưng dấu thời gian tin cậy chứng minh chữ ký được tạo trước khi thuật toán đó hết được chấp nhận.",
            "The signature uses an algorithm that is weak today, but a trusted timestamp proves it was made before that algorithm stopped being accepted.",
        ));
    }
}
