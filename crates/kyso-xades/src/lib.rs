//! The XML signature profile (XML Signature Syntax and Processing 1.1, XAdES /
//! ETSI EN 319 132-1): `kyso-xmldsig`'s facts about every `ds:Signature` of a
//! document → one [`SignatureReport`] each, with the signature timestamps
//! verified against this verification's trust store, the signer's path at the
//! time [`Clock`] chooses (exactly as the PDF profile does), and what each
//! reference signed ([`kyso_report::SignedReference`]) so that a front end
//! shows that element and nothing else.
//!
//! Entry: [`verify_xml_document`]. Facts only: the indication comes from
//! `kyso_report::verdict::finalize`. Codes: [`codes`] and `kyso_xmldsig::codes`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
mod signature;

use kyso_crypto::policy::AlgorithmPolicy;
use kyso_report::{Finding, Report};
use kyso_validation::trust::{build_store, Clock};
use kyso_validation::ValidationOptions;
use kyso_xmldsig::{verify_xml, Options};

/// The caller's resolver for references outside the document (URI → bytes):
/// package parts for OOXML/ODF, attachments for edXML.
pub use kyso_xmldsig::ExternalResolver;

/// Everything shared by the signatures of one document.
pub(crate) struct Ctx {
    pub(crate) store: kyso_pki::TrustStore,
    pub(crate) policy: AlgorithmPolicy,
    /// The current time and the user's choice of validation time.
    pub(crate) clock: Clock,
}

/// Verify the XML document `bytes` into `report`: one signature report per
/// XML-DSig signature (XAdES properties, timestamps, signer path, what each
/// reference signed) and the document-level findings (a refused parse is a
/// structural failure; no signature is said so). `resolver` supplies the bytes
/// of references outside the document (`None`: such references stay unchecked).
pub fn verify_xml_document(
    bytes: &[u8],
    opts: &ValidationOptions<'_>,
    resolver: Option<ExternalResolver<'_>>,
    report: &mut Report,
) {
    let policy = AlgorithmPolicy::default();
    let xopts = Options {
        policy: policy.clone(),
        resolve_external: resolver,
        ..Options::default()
    };
    let x = verify_xml(bytes, &xopts);
    if let Some(e) = &x.parse_error {
        // DTDs with entities, limits, malformed XML: nothing signed can be
        // trusted to mean what it says. The parser's own finding says why; this
        // one makes it a structural failure of the document.
        report.findings.extend(x.findings.iter().cloned());
        report.findings.push(Finding::error(
            codes::XML_STRUCTURE_REFUSED,
            format!(
                "Tệp XML bị từ chối vì cấu trúc không an toàn hoặc không đúng quy cách ({}): không thể kiểm tra chữ ký trong tệp này. Tệp có khai báo DTD hoặc thực thể (entity) có thể làm nội dung hiển thị khác với nội dung đã ký.",
                e.code()
            ),
            format!(
                "The XML document was refused because its structure is unsafe or malformed ({}): its signatures cannot be checked. A DTD or entity declaration can make what is shown differ from what was signed.",
                e.code()
            ),
        ));
        return;
    }
    report.findings.extend(x.findings.iter().cloned());
    let others = x.signatures.iter().filter(|s| !s.is_xmldsig).count();
    if others > 0 {
        report.findings.push(Finding::info(
            codes::XML_OTHER_SIGNATURE_ELEMENT,
            format!("Tệp có {others} phần tử tên “Signature” không thuộc chuẩn chữ ký XML-DSig; chúng không được kiểm tra ở đây."),
            format!("The document has {others} element(s) named “Signature” outside the XML-DSig namespace; they are not checked here."),
        ));
    }
    if !x.signatures.iter().any(|s| s.is_xmldsig) {
        return;
    }
    let ctx = Ctx {
        store: build_store(opts, &mut report.findings),
        policy,
        clock: Clock::new(opts),
    };
    for (pos, s) in x.signatures.iter().filter(|s| s.is_xmldsig).enumerate() {
        report.signatures.push(signature::signature(&ctx, pos, s));
    }
}
