//! Core validation (XML-DSig 1.1 §3.2): references, then the signature value.

use crate::algorithms::{
    digest_from_uri, ecdsa_raw_to_der, signature_from_uri, XmlSignatureAlg, DSIG_NS, EXC_NS, PSS_NS,
};
use crate::codes;
use crate::ids::{IdError, IdIndex};
use crate::model::*;
use crate::xpath;
use der::Decode;
use kyso_crypto::policy::{Acceptance, AlgorithmPolicy, Use};
use kyso_crypto::{verify_signature, CryptoError, DigestAlg, Message, PssParameters, SignatureAlg};
use kyso_report::Finding;
use kyso_xml::roxmltree::Node;
use kyso_xml::{
    canonicalize, element_qname, node_path, C14nAlgorithm, C14nMethod, Doc, Limits, NodeSet,
};
use spki::SubjectPublicKeyInfoOwned;

/// `http://www.w3.org/2000/09/xmldsig#enveloped-signature`
pub const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
/// `http://www.w3.org/2000/09/xmldsig#base64`
pub const BASE64: &str = "http://www.w3.org/2000/09/xmldsig#base64";
/// `http://www.w3.org/TR/1999/REC-xpath-19991116`
pub const XPATH10: &str = "http://www.w3.org/TR/1999/REC-xpath-19991116";
/// `http://www.w3.org/2002/06/xmldsig-filter2`
pub const XPATH_FILTER2: &str = "http://www.w3.org/2002/06/xmldsig-filter2";

/// `http://schemas.openxmlformats.org/package/2006/RelationshipTransform`
/// (ECMA-376 Part 2 §13.2.4.24): OPC relationship parts signed by selection.
pub const OPC_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/package/2006/RelationshipTransform";
/// The OPC digital-signature namespace (`mdssi:`).
const OPC_DSIG_NS: &str = "http://schemas.openxmlformats.org/package/2006/digital-signature";
/// The OPC relationships namespace.
const OPC_RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The caller's resolver for references outside the document: URI → bytes.
pub type ExternalResolver<'r> = &'r dyn Fn(&str) -> Option<Vec<u8>>;

/// Most (references × document nodes) one signature may cost: every reference
/// builds a node-set and canonicalizes it, linear in the document. 2^28 allows
/// an OOXML signature's few hundred references over a 100 000-node document,
/// or tens of references over the largest document [`Limits`] admits (8 Mi nodes: 32 references),
/// while stopping 10 000 references over a million nodes.
const REFERENCE_WORK_BUDGET: usize = 1 << 28;

/// Most signatures read in one document (each costs at least one canonicalization
/// of SignedInfo). 256: an edXML envelope or e-invoice carries one to a few;
/// XAdES counter-signatures add one each.
const MAX_SIGNATURES: usize = 256;

/// What the caller provides.
#[derive(Default)]
pub struct Options<'r> {
    /// Parser bounds.
    pub limits: Limits,
    /// Algorithm policy (MD5 rejected, SHA-1 weak).
    pub policy: AlgorithmPolicy,
    /// Bytes of a reference outside the document (a package part, a detached file).
    pub resolve_external: Option<ExternalResolver<'r>>,
    /// A public key to verify with instead of KeyInfo's certificates.
    pub key: Option<SubjectPublicKeyInfoOwned>,
}

pub(crate) fn is_ds<'a>(n: Node<'_, 'a>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(DSIG_NS) && n.tag_name().name() == local
}

pub(crate) fn child<'d, 'a>(n: Node<'d, 'a>, ns: &str, local: &str) -> Option<Node<'d, 'a>> {
    n.children().find(|c| {
        c.is_element() && c.tag_name().namespace() == Some(ns) && c.tag_name().name() == local
    })
}

pub(crate) fn children<'d, 'a>(
    n: Node<'d, 'a>,
    ns: &'static str,
    local: &'static str,
) -> impl Iterator<Item = Node<'d, 'a>> {
    n.children().filter(move |c| {
        c.is_element() && c.tag_name().namespace() == Some(ns) && c.tag_name().name() == local
    })
}

/// All text of an element's descendants.
pub(crate) fn text_of(n: Node<'_, '_>) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

pub(crate) fn b64(s: &str) -> Option<Vec<u8>> {
    use base64ct::{Base64, Encoding};
    let clean: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    Base64::decode_vec(&clean).ok()
}

pub(crate) fn element_ref(doc: &Doc<'_>, n: Node<'_, '_>) -> ElementRef {
    let id = n
        .attributes()
        .find(|a| {
            (a.namespace().is_none() && matches!(a.name(), "Id" | "ID" | "id"))
                || (a.namespace() == Some(kyso_xml::XML_NS) && a.name() == "id")
        })
        .map(|a| a.value().to_string());
    ElementRef {
        name: if n.is_element() {
            element_qname(doc, n).to_string()
        } else {
            "/".into()
        },
        namespace: n.tag_name().namespace().map(str::to_string),
        id,
        path: node_path(doc, n),
    }
}

/// Read and verify every signature of an XML document.
pub fn verify_xml(bytes: &[u8], opts: &Options<'_>) -> XmlDsigReport {
    let mut report = XmlDsigReport::default();
    let refuse = |report: &mut XmlDsigReport, e: kyso_xml::XmlError| {
        report.findings.push(Finding::error(
            codes::PARSE_REFUSED,
            e.message_vi(),
            format!(
                "The XML was refused by the secure parser ({}): {e}",
                e.code()
            ),
        ));
        report.parse_error = Some(e);
    };
    if bytes.len() > opts.limits.max_bytes {
        refuse(
            &mut report,
            kyso_xml::XmlError::TooLarge {
                size: bytes.len(),
                limit: opts.limits.max_bytes,
            },
        );
        return report;
    }
    let text = match kyso_xml::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            refuse(&mut report, e);
            return report;
        }
    };
    let doc = match kyso_xml::parse(&text, &opts.limits) {
        Ok(d) => d,
        Err(e) => {
            refuse(&mut report, e);
            return report;
        }
    };
    let ids = IdIndex::build(&doc);
    for n in doc
        .tree()
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "Signature")
    {
        if n.tag_name().namespace() != Some(DSIG_NS) {
            let element = element_ref(&doc, n);
            let ns = element.namespace.clone().unwrap_or_default();
            report.signatures.push(SignatureResult {
                findings: vec![Finding::warning(
                    codes::NOT_XMLDSIG,
                    format!("Phần tử {} không thuộc không gian tên XML-DSig ({ns}): đây không phải chữ ký số XML.", element.path),
                    format!("The element {} is not in the XML-DSig namespace ({ns:?}): not an XML-DSig signature.", element.path),
                )],
                element,
                ..SignatureResult::default()
            });
            continue;
        }
        if report.signatures.len() >= MAX_SIGNATURES {
            report.findings.push(Finding::warning(
                codes::MALFORMED,
                format!("Tài liệu có hơn {MAX_SIGNATURES} chữ ký: các chữ ký sau không được đọc."),
                format!("More than {MAX_SIGNATURES} signatures: the rest were not read."),
            ));
            break;
        }
        report
            .signatures
            .push(verify_signature_element(&doc, &ids, n, opts));
    }
    if !report.signatures.iter().any(|s| s.is_xmldsig) {
        report.findings.push(Finding::info(
            codes::NO_SIGNATURE,
            "Tệp XML không có chữ ký số XML-DSig.",
            "The XML document has no XML-DSig signature.",
        ));
    }
    report
}

/// A reference's data on its way through the transforms.
enum Data {
    Nodes(NodeSet),
    Octets(Vec<u8>),
}

struct Ctx<'x, 'd, 'a> {
    doc: &'d Doc<'a>,
    ids: &'x IdIndex,
    sig: Node<'d, 'a>,
    opts: &'x Options<'x>,
}

fn judge_digest(res: &mut SignatureResult, policy: &AlgorithmPolicy, d: DigestAlg, what: &str) {
    match policy.digest(d, Use::Signature, None) {
        Acceptance::Accepted => {}
        Acceptance::AcceptedWithWarning(why)
        | Acceptance::Rejected {
            reason: why,
            no_poe: true,
        } => {
            res.algorithm_weak = true;
            res.findings.push(Finding::warning(
                codes::ALGORITHM_WEAK,
                format!("{what} dùng thuật toán {} đã yếu ({why}).", d.name()),
                format!("{what} uses the weak {} ({why}).", d.name()),
            ));
        }
        Acceptance::Rejected { reason, .. } => {
            res.algorithm_rejected = true;
            res.findings.push(Finding::error(
                codes::ALGORITHM_REJECTED,
                format!(
                    "{what} dùng thuật toán {} không được chấp nhận ({reason}).",
                    d.name()
                ),
                format!("{what} uses {}, rejected by policy ({reason}).", d.name()),
            ));
        }
    }
}

fn malformed(res: &mut SignatureResult, what: &str) {
    res.findings.push(Finding::error(
        codes::MALFORMED,
        format!("Chữ ký XML thiếu hoặc sai cấu trúc: {what}."),
        format!("The XML signature is missing or has a malformed {what}."),
    ));
}

fn verify_signature_element<'a>(
    doc: &Doc<'a>,
    ids: &IdIndex,
    sig: Node<'_, 'a>,
    opts: &Options<'_>,
) -> SignatureResult {
    let mut res = SignatureResult {
        element: element_ref(doc, sig),
        is_xmldsig: true,
        ..SignatureResult::default()
    };
    let ctx = Ctx {
        doc,
        ids,
        sig,
        opts,
    };
    let Some(si) = child(sig, DSIG_NS, "SignedInfo") else {
        malformed(&mut res, "SignedInfo");
        return res;
    };
    // CanonicalizationMethod.
    let cm = child(si, DSIG_NS, "CanonicalizationMethod");
    let cm_uri = cm.and_then(|c| c.attribute("Algorithm")).unwrap_or("");
    res.canonicalization = Some(cm_uri.to_string());
    let c14n = C14nMethod::from_uri(cm_uri);
    if c14n.is_none() {
        res.findings.push(Finding::error(
            codes::C14N_UNSUPPORTED,
            format!("Phương pháp chuẩn hóa {cm_uri:?} không được hỗ trợ."),
            format!("Canonicalization method {cm_uri:?} is not supported."),
        ));
    }
    let si_prefixes = cm.map(inclusive_prefixes).unwrap_or_default();
    // SignatureMethod.
    let sm = child(si, DSIG_NS, "SignatureMethod");
    let sm_uri = sm.and_then(|c| c.attribute("Algorithm")).unwrap_or("");
    res.signature_method = Some(sm_uri.to_string());
    let sig_alg = match signature_from_uri(sm_uri) {
        Some(XmlSignatureAlg::Known(a)) => Some(a),
        Some(XmlSignatureAlg::PssWithParams) => sm.and_then(pss_params),
        None => None,
    };
    res.signature_alg = sig_alg;
    match sig_alg {
        None => res.findings.push(Finding::error(
            codes::SIGNATURE_METHOD_UNSUPPORTED,
            format!("Thuật toán chữ ký {sm_uri:?} không được hỗ trợ."),
            format!("Signature method {sm_uri:?} is not supported."),
        )),
        Some(a) => {
            if let Some(d) = a.digest() {
                judge_digest(&mut res, &opts.policy, d, "Chữ ký / the signature");
            }
        }
    }
    // References.
    let refs: Vec<Node<'_, 'a>> = children(si, DSIG_NS, "Reference").collect();
    if refs.is_empty() {
        malformed(&mut res, "Reference");
    }
    let mut all_ok = !refs.is_empty();
    if refs.len().saturating_mul(doc.node_count()) > REFERENCE_WORK_BUDGET {
        res.findings.push(Finding::error(
            codes::MALFORMED,
            format!(
                "Chữ ký có quá nhiều tham chiếu ({}) cho kích thước tài liệu.",
                refs.len()
            ),
            format!(
                "The signature has too many references ({}) for the document's size.",
                refs.len()
            ),
        ));
        return res;
    }
    let mut manifests = Vec::new();
    for r in refs {
        let rr = reference(&ctx, r, &mut res);
        all_ok &= rr.digest_ok == Some(true);
        // A signed ds:Object (or ds:Manifest) holding a Manifest: its references
        // are what the signer meant (OPC packages sign their parts this way,
        // ECMA-376 Part 2 §13.2.4.3). Only when the caller resolves external
        // data, i.e. knows what the manifest's URIs name.
        if opts.resolve_external.is_some() {
            if let Some(id) = rr.uri.as_deref().and_then(|u| u.strip_prefix('#')) {
                if let Ok(n) = ids.unique(doc, id) {
                    for m in n.descendants().filter(|d| is_ds(*d, "Manifest")) {
                        if !manifests.contains(&m) {
                            manifests.push(m);
                        }
                    }
                }
            }
        }
        res.references.push(rr);
    }
    let manifest_refs: Vec<Node<'_, 'a>> = manifests
        .iter()
        .flat_map(|m| children(*m, DSIG_NS, "Reference"))
        .collect();
    if manifest_refs.len().saturating_mul(doc.node_count()) > REFERENCE_WORK_BUDGET {
        res.findings.push(Finding::error(
            codes::MALFORMED,
            format!(
                "Manifest có quá nhiều tham chiếu ({}) cho kích thước tài liệu.",
                manifest_refs.len()
            ),
            format!(
                "The Manifest has too many references ({}) for the document's size.",
                manifest_refs.len()
            ),
        ));
        all_ok = false;
    } else {
        for r in manifest_refs {
            let rr = reference(&ctx, r, &mut res);
            all_ok &= rr.digest_ok == Some(true);
            res.references.push(rr);
        }
    }
    res.all_references_ok = all_ok;

    // KeyInfo certificates.
    if let Some(ki) = child(sig, DSIG_NS, "KeyInfo") {
        for xd in children(ki, DSIG_NS, "X509Data") {
            for c in children(xd, DSIG_NS, "X509Certificate") {
                match b64(&text_of(c)) {
                    Some(der) if x509_cert::Certificate::from_der(&der).is_ok() => {
                        res.certificates.push(der)
                    }
                    _ => res.findings.push(Finding::warning(
                        codes::BAD_CERTIFICATE,
                        "Một chứng thư số trong KeyInfo không đọc được.",
                        "A certificate in KeyInfo could not be decoded.",
                    )),
                }
            }
        }
    }
    // Signature value.
    let sv = child(sig, DSIG_NS, "SignatureValue");
    let sv_bytes = sv.and_then(|v| b64(&text_of(v)));
    match (c14n, sig_alg, &sv_bytes) {
        (_, _, None) => malformed(&mut res, "SignatureValue"),
        (Some(m), Some(alg), Some(value)) => {
            let set = NodeSet::subtree(doc, si, m.with_comments);
            match canonicalize(doc, &set, m, &si_prefixes) {
                Ok(signed) => check_value(&mut res, alg, &signed, value, opts),
                Err(e) => res.findings.push(Finding::error(
                    codes::TRANSFORM_FAILED,
                    format!("Không chuẩn hóa được SignedInfo: {}", e.message_vi()),
                    format!("SignedInfo could not be canonicalized: {e}"),
                )),
            }
        }
        _ => {}
    }
    if res.signature_value_ok.is_none() {
        res.findings.push(Finding::warning(
            codes::SIGNATURE_NOT_CHECKED,
            "Không kiểm tra được giá trị chữ ký.",
            "The signature value could not be checked.",
        ));
    }
    if res.signer_certificate.is_none() && !res.key_from_caller {
        if let Some(leaf) = leaf_certificate(&res.certificates) {
            res.signer_certificate = Some(leaf);
        }
    }
    crate::xades::read(ctx.doc, ctx.ids, sig, sv, &mut res, opts);
    for r in &res.references {
        if let Coverage::Element(e) | Coverage::WholeDocument(e) = &r.coverage {
            res.findings.push(Finding::info(
                codes::SIGNED_ELEMENT,
                format!(
                    "Tham chiếu ký {} {}{}.",
                    e.path,
                    if matches!(r.coverage, Coverage::WholeDocument(_)) {
                        "(toàn bộ tài liệu)"
                    } else {
                        ""
                    },
                    e.id.as_deref()
                        .map(|i| format!(" (Id={i})"))
                        .unwrap_or_default()
                ),
                format!(
                    "A reference signs {}{}{}.",
                    e.path,
                    if matches!(r.coverage, Coverage::WholeDocument(_)) {
                        " (the whole document)"
                    } else {
                        ""
                    },
                    e.id.as_deref()
                        .map(|i| format!(" (Id={i})"))
                        .unwrap_or_default()
                ),
            ));
        }
    }
    res
}

fn check_value(
    res: &mut SignatureResult,
    alg: SignatureAlg,
    signed_bytes: &[u8],
    value: &[u8],
    opts: &Options<'_>,
) {
    let value: Vec<u8> = match alg {
        SignatureAlg::Ecdsa(_) => match ecdsa_raw_to_der(value) {
            Some(v) => v,
            None => {
                res.signature_value_ok = Some(false);
                res.findings.push(invalid_finding());
                return;
            }
        },
        _ => value.to_vec(),
    };
    let mut candidates: Vec<(Option<usize>, SubjectPublicKeyInfoOwned)> = Vec::new();
    if let Some(k) = &opts.key {
        candidates.push((None, k.clone()));
        res.key_from_caller = true;
    } else {
        for (i, der) in res.certificates.iter().enumerate() {
            if let Ok(c) = x509_cert::Certificate::from_der(der) {
                candidates.push((Some(i), c.tbs_certificate.subject_public_key_info.clone()));
            }
        }
    }
    if candidates.is_empty() {
        res.findings.push(Finding::warning(
            codes::NO_KEY,
            "Chữ ký không kèm chứng thư số (KeyInfo/X509Certificate) để kiểm tra.",
            "The signature carries no certificate (KeyInfo/X509Certificate) to verify with.",
        ));
        return;
    }
    let mut last_err = None;
    for (idx, spki) in &candidates {
        match verify_signature(&alg, spki, Message::Raw(signed_bytes), &value) {
            Ok(_) => {
                res.signature_value_ok = Some(true);
                if let Some(i) = idx {
                    res.signer_certificate = res.certificates.get(*i).cloned();
                }
                res.findings.push(Finding::passed(
                    codes::SIGNATURE_VALID,
                    format!("Giá trị chữ ký hợp lệ ({}).", alg.name()),
                    format!("The signature value is valid ({}).", alg.name()),
                ));
                return;
            }
            Err(e) => last_err = Some(e),
        }
    }
    match last_err {
        Some(CryptoError::BadSignature) | Some(CryptoError::KeyAlgorithmMismatch) => {
            res.signature_value_ok = Some(false);
            res.findings.push(invalid_finding());
            if let SignatureAlg::RsaPkcs1v15(d) = alg {
                // Which key made it, and over what: RSA PKCS#1 v1.5 gives the
                // signed digest back. A well-formed block for this digest
                // algorithm under a KeyInfo key means that key signed another
                // SignedInfo: SignedInfo was changed after signing.
                let found = candidates.iter().find_map(|(idx, spki)| {
                    let signed = crate::rsa_recover::signed_digest(spki, d, &value)?;
                    Some((*idx, signed))
                });
                if let Some((idx, signed)) = found {
                    if signed != d.digest(signed_bytes) {
                        res.signed_info_changed = true;
                        if let Some(i) = idx {
                            res.signer_certificate = res.certificates.get(i).cloned();
                        }
                        res.findings.push(Finding::error(
                            codes::SIGNED_INFO_CHANGED,
                            "Chữ ký được tạo bằng khóa của chứng thư này nhưng trên một nội dung SignedInfo khác: phần thông tin đã ký (danh sách tham chiếu, thuật toán) đã bị thay đổi sau khi ký.",
                            "The signature was made with this certificate's key but over a different SignedInfo: the signed information (the list of references, the algorithms) was changed after signing.",
                        ));
                    }
                }
            }
        }
        Some(e) => res.findings.push(Finding::warning(
            codes::SIGNATURE_NOT_CHECKED,
            format!("Không kiểm tra được chữ ký: {e}."),
            format!("The signature could not be checked: {e}."),
        )),
        None => {}
    }
}

fn invalid_finding() -> Finding {
    Finding::error(
        codes::SIGNATURE_INVALID,
        "Giá trị chữ ký KHÔNG hợp lệ: phần thông tin đã ký (SignedInfo) đã bị thay đổi hoặc chữ ký không thuộc chứng thư này.",
        "The signature value does NOT verify: SignedInfo was changed, or the signature is not from this certificate.",
    )
}

/// The certificate that issued no other one in the list (the chain's leaf).
fn leaf_certificate(certs: &[Vec<u8>]) -> Option<Vec<u8>> {
    let parsed: Vec<_> = certs
        .iter()
        .filter_map(|d| x509_cert::Certificate::from_der(d).ok().map(|c| (d, c)))
        .collect();
    parsed
        .iter()
        .find(|(_, c)| {
            !parsed.iter().any(|(_, o)| {
                o.tbs_certificate.issuer == c.tbs_certificate.subject
                    && o.tbs_certificate.subject != c.tbs_certificate.subject
            })
        })
        .or(parsed.first())
        .map(|(d, _)| (*d).clone())
}

/// `ec:InclusiveNamespaces PrefixList` of a CanonicalizationMethod or Transform.
fn inclusive_prefixes(n: Node<'_, '_>) -> Vec<String> {
    child(n, EXC_NS, "InclusiveNamespaces")
        .and_then(|i| i.attribute("PrefixList"))
        .map(|p| p.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// RFC 9231 §2.3.10 `pss:RSAPSSParams`: defaults SHA-256, MGF1 with the same
/// digest, salt of the digest's length, trailer 1.
fn pss_params(sm: Node<'_, '_>) -> Option<SignatureAlg> {
    let p = child(sm, PSS_NS, "RSAPSSParams");
    fn digest_of(n: Option<Node<'_, '_>>) -> Option<String> {
        n.and_then(|n| child(n, DSIG_NS, "DigestMethod"))
            .and_then(|d| d.attribute("Algorithm"))
            .map(str::to_string)
    }
    let hash = match digest_of(p) {
        Some(u) => digest_from_uri(&u)?,
        None => DigestAlg::Sha256,
    };
    let mgf_hash = match digest_of(p.and_then(|p| child(p, PSS_NS, "MaskGenerationFunction"))) {
        Some(u) => digest_from_uri(&u)?,
        None => hash,
    };
    let salt_len = match p.and_then(|p| child(p, PSS_NS, "SaltLength")) {
        Some(s) => text_of(s).trim().parse().ok()?,
        None => hash.output_len(),
    };
    if let Some(t) = p.and_then(|p| child(p, PSS_NS, "TrailerField")) {
        if text_of(t).trim() != "1" {
            return None;
        }
    }
    Some(SignatureAlg::RsaPss(PssParameters {
        hash,
        mgf_hash,
        salt_len,
    }))
}

fn reference<'a>(
    ctx: &Ctx<'_, '_, 'a>,
    r: Node<'_, 'a>,
    res: &mut SignatureResult,
) -> ReferenceResult {
    let doc = ctx.doc;
    let uri = r.attribute("URI").map(str::to_string);
    let dm_uri = child(r, DSIG_NS, "DigestMethod")
        .and_then(|d| d.attribute("Algorithm"))
        .unwrap_or("")
        .to_string();
    let type_uri = r.attribute("Type").map(str::to_string);
    let mut rr = ReferenceResult {
        uri: uri.clone(),
        id: r.attribute("Id").map(str::to_string),
        type_uri: type_uri.clone(),
        coverage: Coverage::Unresolved,
        transforms: Vec::new(),
        digest_method: dm_uri.clone(),
        digest_alg: digest_from_uri(&dm_uri),
        digest_ok: None,
        is_signed_properties: type_uri
            .as_deref()
            .is_some_and(|t| t.ends_with("#SignedProperties")),
    };
    let label = uri.as_deref().unwrap_or("(no URI)").to_string();
    let fail = |res: &mut SignatureResult, code: &'static str, vi: String, en: String| {
        res.findings.push(Finding::error(code, vi, en));
    };
    // An OPC relationships part, kept to retry its digest in xmlsec1's legacy form.
    let mut legacy_input: Option<Vec<u8>> = None;
    // Dereference.
    let mut data = match uri.as_deref() {
        Some("") => {
            rr.coverage = Coverage::WholeDocument(element_ref(doc, doc.tree().root_element()));
            Data::Nodes(NodeSet::whole_document(doc, false))
        }
        Some("#xpointer(/)") => {
            rr.coverage = Coverage::WholeDocument(element_ref(doc, doc.tree().root_element()));
            Data::Nodes(NodeSet::whole_document(doc, true))
        }
        Some(u) if u.starts_with('#') => {
            let (id, with_comments) = match u
                .strip_prefix("#xpointer(id(")
                .and_then(|x| x.strip_suffix("))"))
            {
                Some(q) => (q.trim_matches(|c| c == '\'' || c == '"'), true),
                None => (&u[1..], false),
            };
            match ctx.ids.unique(doc, id) {
                Ok(n) => {
                    rr.coverage = Coverage::Element(element_ref(doc, n));
                    Data::Nodes(NodeSet::subtree(doc, n, with_comments))
                }
                Err(IdError::NotFound(_)) => {
                    fail(
                        res,
                        codes::REFERENCE_NOT_FOUND,
                        format!("Tham chiếu {label} không trỏ tới phần tử nào trong tài liệu."),
                        format!("Reference {label} points to no element of the document."),
                    );
                    return rr;
                }
                Err(IdError::Duplicate(_, n)) => {
                    fail(res, codes::REFERENCE_DUPLICATE_ID,
                        format!("Tham chiếu {label} khớp với {n} phần tử có cùng Id: dấu hiệu tấn công bọc chữ ký (signature wrapping)."),
                        format!("Reference {label} matches {n} elements with the same Id: a signature-wrapping attack sign."));
                    return rr;
                }
            }
        }
        other => {
            let u = other.unwrap_or("").to_string();
            let bytes = ctx.opts.resolve_external.and_then(|f| f(&u));
            rr.coverage = Coverage::External {
                uri: u.clone(),
                resolved: bytes.is_some(),
            };
            match bytes {
                Some(b) => {
                    if has_relationship_transform(r) {
                        legacy_input = Some(b.clone());
                    }
                    Data::Octets(b)
                }
                None => {
                    res.findings.push(Finding::warning(
                        codes::REFERENCE_DETACHED,
                        format!(
                            "Tham chiếu tới dữ liệu bên ngoài ({u}): cần có tệp đó để kiểm tra."
                        ),
                        format!("Detached reference ({u}): needs the file to be checked."),
                    ));
                    return rr;
                }
            }
        }
    };
    // Transforms.
    if let Some(ts) = child(r, DSIG_NS, "Transforms") {
        for t in children(ts, DSIG_NS, "Transform") {
            let alg = t.attribute("Algorithm").unwrap_or("").to_string();
            rr.transforms.push(alg.clone());
            match apply_transform(ctx, t, &alg, data) {
                Ok(d) => data = d,
                Err((code, en)) => {
                    fail(
                        res,
                        code,
                        format!(
                            "Tham chiếu {label}: không thực hiện được phép biến đổi {alg} ({en})."
                        ),
                        format!("Reference {label}: transform {alg} could not be applied ({en})."),
                    );
                    return rr;
                }
            }
        }
    }
    let octets = match data {
        Data::Octets(o) => o,
        Data::Nodes(set) => match canonicalize(
            doc,
            &set,
            C14nMethod::new(C14nAlgorithm::Inclusive10, false),
            &[],
        ) {
            Ok(o) => o,
            Err(e) => {
                fail(res, codes::TRANSFORM_FAILED, e.message_vi(), e.to_string());
                return rr;
            }
        },
    };
    let Some(d) = rr.digest_alg else {
        res.findings.push(Finding::error(
            codes::DIGEST_METHOD_UNSUPPORTED,
            format!("Thuật toán băm {dm_uri:?} không được hỗ trợ."),
            format!("Digest method {dm_uri:?} is not supported."),
        ));
        return rr;
    };
    judge_digest(
        res,
        &ctx.opts.policy,
        d,
        &format!("Tham chiếu / reference {label}"),
    );
    let expected = child(r, DSIG_NS, "DigestValue").and_then(|v| b64(&text_of(v)));
    let Some(expected) = expected else {
        malformed(res, "DigestValue");
        return rr;
    };
    let mut ok = d.digest(&octets) == expected;
    let legacy = !ok
        && legacy_input
            .and_then(|o| legacy_relationship_octets(ctx, r, o))
            .is_some_and(|o| d.digest(&o) == expected);
    ok |= legacy;
    rr.digest_ok = Some(ok);
    if legacy {
        res.findings.push(Finding::passed(
            codes::REFERENCE_DIGEST_OK,
            format!("Dữ liệu của tham chiếu {label} không bị thay đổi (giá trị băm khớp với dạng phép biến đổi Relationship của xmlsec1 cũ mà LibreOffice dùng: mỗi khoảng trắng thành một phần tử <text/> rỗng; các quan hệ được chọn vẫn được ký đầy đủ)."),
            format!("The data of reference {label} is unchanged (the digest matches the Relationship transform as older xmlsec1, which LibreOffice uses, computes it: each whitespace node becomes an empty <text/> element; the selected relationships are signed in full)."),
        ));
    } else if ok {
        res.findings.push(Finding::passed(
            codes::REFERENCE_DIGEST_OK,
            format!("Dữ liệu của tham chiếu {label} không bị thay đổi."),
            format!("The data of reference {label} is unchanged (digest matches)."),
        ));
    } else {
        fail(
            res,
            codes::REFERENCE_DIGEST_MISMATCH,
            format!("Dữ liệu của tham chiếu {label} ĐÃ BỊ THAY ĐỔI sau khi ký (giá trị băm khác)."),
            format!("The data of reference {label} WAS CHANGED after signing (digest mismatch)."),
        );
    }
    rr
}

fn apply_transform<'a>(
    ctx: &Ctx<'_, '_, 'a>,
    t: Node<'_, 'a>,
    alg: &str,
    data: Data,
) -> Result<Data, (&'static str, String)> {
    let doc = ctx.doc;
    let unsupported = |why: String| (codes::TRANSFORM_UNSUPPORTED, why);
    let failed = |why: String| (codes::TRANSFORM_FAILED, why);
    if alg == ENVELOPED {
        return match data {
            Data::Nodes(mut s) => {
                s.remove_subtree(ctx.sig);
                Ok(Data::Nodes(s))
            }
            Data::Octets(_) => Err(failed("enveloped-signature over octets".into())),
        };
    }
    if let Some(m) = C14nMethod::from_uri(alg) {
        let prefixes = inclusive_prefixes(t);
        return match data {
            Data::Nodes(s) => canonicalize(doc, &s, m, &prefixes)
                .map(Data::Octets)
                .map_err(|e| failed(e.to_string())),
            Data::Octets(o) => {
                let text = kyso_xml::decode(&o).map_err(|e| failed(e.to_string()))?;
                let inner =
                    kyso_xml::parse(&text, &ctx.opts.limits).map_err(|e| failed(e.to_string()))?;
                let s = NodeSet::whole_document(&inner, m.with_comments);
                canonicalize(&inner, &s, m, &prefixes)
                    .map(Data::Octets)
                    .map_err(|e| failed(e.to_string()))
            }
        };
    }
    if alg == OPC_RELATIONSHIP {
        return match data {
            Data::Octets(o) => relationship_transform(t, &o, &ctx.opts.limits, false)
                .map(Data::Octets)
                .map_err(failed),
            Data::Nodes(_) => Err(failed("relationship transform over a node-set".into())),
        };
    }
    match alg {
        BASE64 => {
            let text = match &data {
                Data::Nodes(s) => s.text(doc),
                Data::Octets(o) => String::from_utf8_lossy(o).into_owned(),
            };
            b64(&text)
                .map(Data::Octets)
                .ok_or_else(|| failed("invalid base64".into()))
        }
        XPATH_FILTER2 => match data {
            Data::Nodes(s) => xpath::filter2(doc, ctx.ids, ctx.sig, t, &s)
                .map(Data::Nodes)
                .map_err(|e| match e {
                    xpath::XPathError::Unsupported(w) => unsupported(w),
                    xpath::XPathError::Id(w) => (codes::REFERENCE_DUPLICATE_ID, w),
                }),
            Data::Octets(_) => Err(failed("XPath filter over octets".into())),
        },
        XPATH10 => match (data, child(t, DSIG_NS, "XPath")) {
            (Data::Nodes(mut s), Some(x)) if xpath::is_enveloped_xpath(x) => {
                for n in doc.tree().descendants().filter(|n| is_ds(*n, "Signature")) {
                    s.remove_subtree(n);
                }
                Ok(Data::Nodes(s))
            }
            _ => Err(unsupported(
                "XPath 1.0 filter other than not(ancestor-or-self::ds:Signature)".into(),
            )),
        },
        other => Err(unsupported(format!("transform {other}"))),
    }
}

/// An attribute value escaped for re-parsing (XML 1.0 §3.3.3 keeps character
/// references to whitespace as written).
fn escape_attr(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

fn has_relationship_transform(r: Node<'_, '_>) -> bool {
    child(r, DSIG_NS, "Transforms").is_some_and(|ts| {
        children(ts, DSIG_NS, "Transform")
            .any(|t| t.attribute("Algorithm") == Some(OPC_RELATIONSHIP))
    })
}

/// The reference's transforms over `octets` with the Relationship transform
/// in xmlsec1's legacy form ([`relationship_transform`] with `legacy`);
/// `None` when any transform fails.
fn legacy_relationship_octets<'a>(
    ctx: &Ctx<'_, '_, 'a>,
    r: Node<'_, 'a>,
    octets: Vec<u8>,
) -> Option<Vec<u8>> {
    let mut data = Data::Octets(octets);
    for t in children(child(r, DSIG_NS, "Transforms")?, DSIG_NS, "Transform") {
        let alg = t.attribute("Algorithm").unwrap_or("");
        data = match (alg == OPC_RELATIONSHIP, data) {
            (true, Data::Octets(o)) => {
                Data::Octets(relationship_transform(t, &o, &ctx.opts.limits, true).ok()?)
            }
            (true, Data::Nodes(_)) => return None,
            (false, d) => apply_transform(ctx, t, alg, d).ok()?,
        };
    }
    match data {
        Data::Octets(o) => Some(o),
        Data::Nodes(_) => None,
    }
}

/// ECMA-376 Part 2 §13.2.4.24 (the Relationship transform), over a
/// relationships part: keep the `Relationship` elements whose `Id` a
/// `mdssi:RelationshipReference SourceId` names or whose `Type` a
/// `mdssi:RelationshipsGroupReference SourceType` names, drop everything else
/// (other elements, whitespace, namespace declarations but the relationships
/// one, prefixes), add `TargetMode="Internal"` where absent, sort by `Id`
/// (ordinal). The result is written in canonical form (attributes sorted,
/// empty elements as start-end pairs); the C14N transform that must follow
/// leaves it unchanged.
///
/// `legacy`: the output of xmlsec1's implementation before it followed
/// step 3 (xmlsec1 1.2.x, as LibreOffice 7 signs with it, e.g. Debian 12's
/// 1.2.37): every text and comment child of `Relationships` is written as an
/// empty `<text></text>` / `<comment></comment>` element, in document order
/// before the sorted relationships. Only the plain shape LibreOffice writes
/// is modelled (no other elements, no namespaced attributes, no children of
/// a relationship): anything else is an error, i.e. no match. Which
/// relationships are selected, and all their attributes, are signed the same
/// way in both forms.
fn relationship_transform(
    t: Node<'_, '_>,
    part: &[u8],
    limits: &Limits,
    legacy: bool,
) -> Result<Vec<u8>, String> {
    let mut ids: Vec<&str> = Vec::new();
    let mut types: Vec<&str> = Vec::new();
    for c in t
        .children()
        .filter(|c| c.is_element() && c.tag_name().namespace() == Some(OPC_DSIG_NS))
    {
        match c.tag_name().name() {
            "RelationshipReference" => ids.extend(c.attribute("SourceId")),
            "RelationshipsGroupReference" => types.extend(c.attribute("SourceType")),
            _ => {}
        }
    }
    let text = kyso_xml::decode(part).map_err(|e| e.to_string())?;
    let doc = kyso_xml::parse(&text, limits).map_err(|e| e.to_string())?;
    let root = doc.tree().root_element();
    if root.tag_name().namespace() != Some(OPC_RELS_NS) || root.tag_name().name() != "Relationships"
    {
        return Err("not an OPC relationships part".into());
    }
    let mut kept: Vec<(String, String)> = Vec::new();
    let mut legacy_front = String::new();
    if legacy {
        if root
            .namespaces()
            .any(|n| n.name().is_some() && n.name() != Some("xml"))
        {
            return Err("legacy form: prefixed namespace declarations".into());
        }
        for c in root.children() {
            if c.is_text() {
                legacy_front.push_str("<text></text>");
            } else if c.is_comment() {
                legacy_front.push_str("<comment></comment>");
            } else if !(c.is_element()
                && c.tag_name().namespace() == Some(OPC_RELS_NS)
                && c.tag_name().name() == "Relationship"
                && !c.has_children()
                && c.attributes().all(|a| a.namespace().is_none()))
            {
                return Err("legacy form: content other than relationships".into());
            }
        }
    }
    for r in root.children().filter(|c| {
        c.is_element()
            && c.tag_name().namespace() == Some(OPC_RELS_NS)
            && c.tag_name().name() == "Relationship"
    }) {
        let id = r.attribute("Id").unwrap_or("");
        let ty = r.attribute("Type").unwrap_or("");
        if !ids.contains(&id) && !types.contains(&ty) {
            continue;
        }
        let mut attrs: Vec<(String, String)> = r
            .attributes()
            .filter(|a| a.namespace().is_none())
            .map(|a| (a.name().to_string(), a.value().to_string()))
            .collect();
        if !attrs.iter().any(|(n, _)| n == "TargetMode") {
            attrs.push(("TargetMode".into(), "Internal".into()));
        }
        attrs.sort();
        let mut el = String::from("<Relationship");
        for (n, v) in attrs {
            el.push(' ');
            el.push_str(&n);
            el.push_str("=\"");
            el.push_str(&escape_attr(&v));
            el.push('"');
        }
        el.push_str("></Relationship>");
        kept.push((id.to_string(), el));
    }
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = format!("<Relationships xmlns=\"{OPC_RELS_NS}\">{legacy_front}");
    for (_, el) in kept {
        out.push_str(&el);
    }
    out.push_str("</Relationships>");
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_transform_selects_sorts_and_defaults() {
        let t_xml = format!(
            r#"<ds:Transform xmlns:ds="{DSIG_NS}" xmlns:mdssi="{OPC_DSIG_NS}" Algorithm="{OPC_RELATIONSHIP}"><mdssi:RelationshipReference SourceId="rId3"/><mdssi:RelationshipReference SourceId="rId1"/><mdssi:RelationshipsGroupReference SourceType="http://x/styles"/></ds:Transform>"#
        );
        let limits = Limits::default();
        let t_doc = kyso_xml::parse(&t_xml, &limits).expect("transform");
        let part = format!(
            "<?xml version=\"1.0\"?>\n<Relationships xmlns=\"{OPC_RELS_NS}\">\n <Relationship Target=\"b.xml\" Type=\"http://x/b\" Id=\"rId3\"/>\n <Relationship Id=\"rId2\" Type=\"http://x/unsigned\" Target=\"evil.xml\"/>\n <Relationship Id=\"rId1\" Type=\"http://x/a\" Target=\"http://e/&amp;\" TargetMode=\"External\"/>\n <Relationship Id=\"rId4\" Type=\"http://x/styles\" Target=\"s.xml\"/>\n</Relationships>"
        );
        let out =
            relationship_transform(t_doc.tree().root_element(), part.as_bytes(), &limits, false)
                .expect("applied");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            format!(
                "<Relationships xmlns=\"{OPC_RELS_NS}\"><Relationship Id=\"rId1\" Target=\"http://e/&amp;\" TargetMode=\"External\" Type=\"http://x/a\"></Relationship><Relationship Id=\"rId3\" Target=\"b.xml\" TargetMode=\"Internal\" Type=\"http://x/b\"></Relationship><Relationship Id=\"rId4\" Target=\"s.xml\" TargetMode=\"Internal\" Type=\"http://x/styles\"></Relationship></Relationships>"
            )
        );
        assert!(
            relationship_transform(t_doc.tree().root_element(), b"<x/>", &limits, false).is_err()
        );
        // xmlsec1's legacy form (LibreOffice 7): whitespace nodes become <text></text>, first.
        let legacy =
            relationship_transform(t_doc.tree().root_element(), part.as_bytes(), &limits, true)
                .expect("legacy");
        let legacy = String::from_utf8(legacy).expect("utf8");
        assert!(
            legacy.starts_with(&format!(
                "<Relationships xmlns=\"{OPC_RELS_NS}\"><text></text><text></text><text></text><text></text><text></text><Relationship Id=\"rId1\""
            )),
            "{legacy}"
        );
        assert!(!legacy.contains("evil.xml"));
        // Other content has no legacy form modelled.
        let odd = format!("<Relationships xmlns=\"{OPC_RELS_NS}\"><Other/></Relationships>");
        assert!(
            relationship_transform(t_doc.tree().root_element(), odd.as_bytes(), &limits, true)
                .is_err()
        );
    }
}
