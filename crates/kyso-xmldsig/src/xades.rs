//! XAdES qualifying properties (ETSI EN 319 132-1, XAdES 1.3.2 / 1.4.1 and
//! the 1.1.1 namespace older signers write): signed properties checked
//! against the signature, unsigned properties listed, signature timestamps
//! verified over the canonicalized `ds:SignatureValue` (EN 319 132-1 §5.3).

use crate::algorithms::{digest_from_uri, DSIG_NS};
use crate::codes;
use crate::ids::IdIndex;
use crate::model::*;
use crate::verify::{b64, child, element_ref, text_of, Options};
use kyso_report::{Finding, Time};
use kyso_xml::roxmltree::Node;
use kyso_xml::{canonicalize, C14nAlgorithm, C14nMethod, Doc, NodeSet};

const XADES_PREFIX: &str = "http://uri.etsi.org/01903/";

fn is_xades(n: Node<'_, '_>, local: &str) -> bool {
    n.is_element()
        && n.tag_name().name() == local
        && n.tag_name()
            .namespace()
            .is_some_and(|ns| ns.starts_with(XADES_PREFIX))
}

fn xchild<'d, 'a>(n: Node<'d, 'a>, local: &str) -> Option<Node<'d, 'a>> {
    n.children().find(|c| is_xades(*c, local))
}

pub(crate) fn read<'a>(
    doc: &Doc<'a>,
    _ids: &IdIndex,
    sig: Node<'_, 'a>,
    sv: Option<Node<'_, 'a>>,
    res: &mut SignatureResult,
    opts: &Options<'_>,
) {
    let Some(qp) = sig
        .children()
        .filter(|c| {
            c.is_element()
                && c.tag_name().namespace() == Some(DSIG_NS)
                && c.tag_name().name() == "Object"
        })
        .flat_map(|o| o.children())
        .find(|c| is_xades(*c, "QualifyingProperties"))
    else {
        return;
    };
    let mut x = XadesFacts {
        namespace: qp.tag_name().namespace().unwrap_or("").to_string(),
        ..XadesFacts::default()
    };
    // EN 319 132-1 §4.3.1: Target is a reference to the Signature's Id.
    let target = qp.attribute("Target").unwrap_or("");
    let sig_id = sig.attribute("Id");
    if sig_id.is_none_or(|id| target.strip_prefix('#') != Some(id)) {
        res.findings.push(Finding::warning(
            codes::XADES_TARGET_MISMATCH,
            format!(
                "Thuộc tính XAdES trỏ tới chữ ký {target:?}, không phải chữ ký này ({sig_id:?})."
            ),
            format!("The XAdES properties target {target:?}, not this signature ({sig_id:?})."),
        ));
    }
    let sp = xchild(qp, "SignedProperties");
    if let Some(sp) = sp {
        let spr = element_ref(doc, sp);
        for r in res.references.iter_mut() {
            let covers = match &r.coverage {
                Coverage::Element(e) => {
                    e.path == spr.path
                        || (r.is_signed_properties && spr.path.starts_with(&format!("{}/", e.path)))
                }
                _ => false,
            };
            if covers {
                r.is_signed_properties = true;
                if r.digest_ok == Some(true) {
                    x.signed_properties_signed = true;
                }
            }
        }
        x.signed_properties = Some(spr);
    }
    if !x.signed_properties_signed {
        res.findings.push(Finding::error(
            codes::XADES_SIGNED_PROPERTIES_NOT_SIGNED,
            "Chữ ký XAdES nhưng phần thuộc tính đã ký (SignedProperties) không được chữ ký bảo vệ (thiếu, không được tham chiếu, hoặc đã bị thay đổi).",
            "A XAdES signature whose SignedProperties are not protected by it (missing, not referenced, or changed).",
        ));
    }
    let ssp = sp.and_then(|sp| xchild(sp, "SignedSignatureProperties"));
    if let Some(ssp) = ssp {
        signing_certificate(ssp, res, &mut x);
        if let Some(t) = xchild(ssp, "SigningTime") {
            let s = text_of(t).trim().to_string();
            x.signing_time = Time::parse_rfc3339(&s);
            res.findings.push(Finding::info(
                codes::XADES_SIGNING_TIME,
                format!("Thời điểm ký do người ký tự khai (SigningTime): {s}."),
                format!("Signing time claimed by the signer (SigningTime): {s}."),
            ));
            x.signing_time_text = Some(s);
        }
        if let Some(p) = xchild(ssp, "SignaturePolicyIdentifier") {
            let id = xchild(p, "SignaturePolicyId")
                .and_then(|i| xchild(i, "SigPolicyId"))
                .and_then(|i| xchild(i, "Identifier"))
                .map(|i| text_of(i).trim().to_string());
            let v = id.unwrap_or_else(|| "implied".into());
            res.findings.push(Finding::info(
                codes::XADES_POLICY,
                format!("Chữ ký theo chính sách chữ ký: {v}."),
                format!("Signature policy: {v}."),
            ));
            x.signature_policy = Some(v);
        }
    } else {
        x.signing_certificate_ok = None;
    }
    // Unsigned properties.
    let usp =
        xchild(qp, "UnsignedProperties").and_then(|u| xchild(u, "UnsignedSignatureProperties"));
    if let Some(usp) = usp {
        for p in usp.children().filter(|c| c.is_element()) {
            let local = p.tag_name().name().to_string();
            if local.ends_with("TimeStamp") {
                x.timestamps.push(timestamp(doc, p, &local, sv, opts, res));
            }
            if matches!(
                local.as_str(),
                "CertificateValues" | "RevocationValues" | "TimeStampValidationData"
            ) {
                validation_values(p, &mut x);
            }
            x.unsigned_properties.push(local);
        }
        if !x.unsigned_properties.is_empty() {
            let list = x.unsigned_properties.join(", ");
            res.findings.push(Finding::info(
                codes::XADES_UNSIGNED_PROPERTIES,
                format!("Thuộc tính bổ sung (không ký) có mặt: {list}."),
                format!("Unsigned properties present: {list}."),
            ));
        }
    }
    let has = |n: &str| x.unsigned_properties.iter().any(|p| p == n);
    x.level = if has("ArchiveTimeStamp") {
        Some(XadesLevel::Lta)
    } else if (has("CertificateValues") && has("RevocationValues"))
        || has("TimeStampValidationData")
    {
        Some(XadesLevel::Lt)
    } else if has("SignatureTimeStamp") {
        Some(XadesLevel::T)
    } else if sp.is_some() {
        Some(XadesLevel::B)
    } else {
        None
    };
    if let Some(l) = x.level {
        let name = match l {
            XadesLevel::B => "XAdES-B",
            XadesLevel::T => "XAdES-T",
            XadesLevel::Lt => "XAdES-LT",
            XadesLevel::Lta => "XAdES-LTA",
        };
        res.findings.push(Finding::info(
            codes::XADES_LEVEL,
            format!("Chữ ký XAdES, mức {name} (theo các thuộc tính có mặt)."),
            format!("XAdES signature, level {name} (from the properties present)."),
        ));
    }
    res.xades = Some(x);
}

/// Most values of each kind read from one signature's validation data.
const MAX_VALUES: usize = 256;

/// EN 319 132-1 §5.5.1, §5.5.2 (and XAdES 1.4.1 TimeStampValidationData):
/// the base64 DER of embedded certificates, CRLs and OCSP responses.
fn validation_values(p: Node<'_, '_>, x: &mut XadesFacts) {
    for d in p.descendants() {
        let slot = if is_xades(d, "EncapsulatedX509Certificate") {
            &mut x.certificate_values
        } else if is_xades(d, "EncapsulatedCRLValue") {
            &mut x.crl_values
        } else if is_xades(d, "EncapsulatedOCSPValue") {
            &mut x.ocsp_values
        } else {
            continue;
        };
        if slot.len() < MAX_VALUES {
            if let Some(der) = b64(&text_of(d)) {
                slot.push(der);
            }
        }
    }
}

/// SigningCertificate (XAdES 1.3.2 §7.2.2, `Cert/CertDigest`) or
/// SigningCertificateV2 (EN 319 132-1 §5.2.2): one of the listed digests must be
/// that of the certificate whose key verified the signature.
fn signing_certificate(ssp: Node<'_, '_>, res: &mut SignatureResult, x: &mut XadesFacts) {
    let (sc, version) = match (
        xchild(ssp, "SigningCertificateV2"),
        xchild(ssp, "SigningCertificate"),
    ) {
        (Some(v2), _) => (v2, 2),
        (None, Some(v1)) => (v1, 1),
        (None, None) => {
            res.findings.push(Finding::warning(
                codes::XADES_SIGNING_CERT_MISSING,
                "Phần thuộc tính đã ký không nêu chứng thư của người ký (SigningCertificate).",
                "The signed properties do not name the signing certificate (SigningCertificate).",
            ));
            return;
        }
    };
    x.signing_certificate_version = Some(version);
    let Some(signer) = res.signer_certificate.clone() else {
        return;
    };
    let mut ok = false;
    for cert in sc.children().filter(|c| is_xades(*c, "Cert")) {
        let Some(cd) = xchild(cert, "CertDigest") else {
            continue;
        };
        // XAdES 1.2+ writes ds:DigestMethod/ds:DigestValue; XAdES 1.1.1 its own namespace's.
        let el = |local: &str| child(cd, DSIG_NS, local).or_else(|| xchild(cd, local));
        let alg = el("DigestMethod")
            .and_then(|d| d.attribute("Algorithm"))
            .and_then(digest_from_uri);
        let val = el("DigestValue").and_then(|v| b64(&text_of(v)));
        if let (Some(alg), Some(val)) = (alg, val) {
            if alg.digest(&signer) == val {
                ok = true;
            }
        }
    }
    x.signing_certificate_ok = Some(ok);
    if ok {
        res.findings.push(Finding::passed(
            codes::XADES_SIGNING_CERT_OK,
            "Chứng thư ký khớp với chứng thư được nêu trong phần đã ký (SigningCertificate).",
            "The signing certificate matches the one named in the signed properties (SigningCertificate).",
        ));
    } else {
        res.findings.push(Finding::error(
            codes::XADES_SIGNING_CERT_MISMATCH,
            "Chứng thư đã ký KHÔNG khớp với chứng thư được nêu trong phần đã ký (SigningCertificate): có thể chứng thư đã bị thay thế.",
            "The certificate that signed does NOT match the one named in the signed properties (SigningCertificate): it may have been substituted.",
        ));
    }
}

fn timestamp<'a>(
    doc: &Doc<'a>,
    ts: Node<'_, 'a>,
    kind: &str,
    sv: Option<Node<'_, 'a>>,
    opts: &Options<'_>,
    res: &mut SignatureResult,
) -> TimestampFacts {
    let mut f = TimestampFacts {
        kind: kind.to_string(),
        ..TimestampFacts::default()
    };
    let Some(der) = xchild(ts, "EncapsulatedTimeStamp").and_then(|e| b64(&text_of(e))) else {
        return f;
    };
    f.token_der = der.clone();
    let tok = match kyso_cms::tsp::parse_token(&der, &kyso_cms::Limits::default()) {
        Ok(t) => t,
        Err(e) => {
            f.findings.push(e.to_finding());
            res.findings.push(Finding::error(
                codes::XADES_TIMESTAMP_INVALID,
                format!("Dấu thời gian {kind} không đọc được."),
                format!("The {kind} token could not be read."),
            ));
            return f;
        }
    };
    f.gen_time = Some(tok.gen_time);
    if kind != "SignatureTimeStamp" {
        return f;
    }
    let Some(sv) = sv else { return f };
    let method = child(ts, DSIG_NS, "CanonicalizationMethod")
        .and_then(|c| c.attribute("Algorithm"))
        .map(C14nMethod::from_uri)
        .unwrap_or(Some(C14nMethod::new(C14nAlgorithm::Inclusive10, false)));
    let Some(method) = method else { return f };
    let set = NodeSet::subtree(doc, sv, method.with_comments);
    let Ok(covered) = canonicalize(doc, &set, method, &[]) else {
        return f;
    };
    let tr = kyso_cms::tsp::verify_token(&tok, &covered, &opts.policy);
    f.imprint_input = covered;
    f.imprint_matches = tr.imprint_matches;
    f.token_valid = Some(tr.is_valid());
    f.findings = tr.findings.clone();
    if tr.is_valid() {
        res.findings.push(Finding::passed(
            codes::XADES_TIMESTAMP_OK,
            format!(
                "Dấu thời gian của chữ ký hợp lệ: {}.",
                tok.gen_time.to_vietnam_display()
            ),
            format!(
                "The signature timestamp is valid: {}.",
                tok.gen_time.to_rfc3339()
            ),
        ));
    } else {
        res.findings.push(Finding::error(
            codes::XADES_TIMESTAMP_INVALID,
            "Dấu thời gian của chữ ký không khớp hoặc không hợp lệ.",
            "The signature timestamp does not match the signature value or does not verify.",
        ));
    }
    f
}
