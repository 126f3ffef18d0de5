//! Kyso's report as an ETSI TS 119 102-2 signature validation report (XML,
//! namespace `http://uri.etsi.org/19102/v1.2.1#`), the form EU DSS and
//! pyHanko export for experts and archives.
//!
//! A serialisation of [`kyso_report::Report`], nothing more: every value
//! comes from the report (the verdicts from `kyso_report::verdict`), nothing
//! is checked or decided here. Per signature (not per document timestamp: a
//! document timestamp is a validation object with its own report):
//!
//! - `SignatureIdentifier` (`id` `SIG-n`, `DAIdentifier` = the PDF field name);
//! - `ValidationTimeInfo`: the time the path was validated at and the best
//!   signature time, the timestamp's (`poetype:validation` when proven by a
//!   timestamp Kyso verified) or else the validation time;
//! - `SignatureAttributes`: claimed signing time, signature timestamp,
//!   reason, name, location, contact, SubFilter, ByteRange (as in the file);
//! - `SignerInformation`: the signer's certificate (a validation object)
//!   and name;
//! - `SignatureValidationStatus`: the ETSI EN 319 102-1 main and
//!   sub-indication URNs, the certificate chain as validation-object
//!   references, and every finding as `AdditionalValidationReportData`
//!   (`urn:kyso:finding:CODE`, the English message).
//!
//! `SignatureValidationObjects` holds each certificate once (its DER when
//! the report carries it, otherwise its SHA-256) and each document
//! timestamp. Written by hand rather than through an XML library: the output
//! is small, flat and fully determined by the report, and every text and
//! attribute goes through [`escape`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use base64::Engine as _;
use kyso_report::{
    CertificateInfo, Indication, Report, SignatureKind, SignatureReport, Time, TrustInfo,
};
use std::fmt::Write as _;

/// The namespace of TS 119 102-2 v1.2.1.
pub const NS_VR: &str = "http://uri.etsi.org/19102/v1.2.1#";
/// XML-DSig's namespace (DigestMethod, DigestValue).
pub const NS_DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const SHA256_URI: &str = "http://www.w3.org/2001/04/xmlenc#sha256";

/// Why a report has no ETSI form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EtsiError {
    /// TS 119 102-2 reports on signatures (at least one
    /// `SignatureValidationReport`); this input has none.
    NoSignature,
}

impl std::fmt::Display for EtsiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EtsiError::NoSignature => f.write_str(
                "the input has no signature: an ETSI TS 119 102-2 report needs at least one",
            ),
        }
    }
}

impl std::error::Error for EtsiError {}

/// The ETSI main indication URN (EN 319 102-1 §5.1.2), or `None` for Kyso's
/// `NO_SIGNATURE`, which is not an ETSI indication.
pub fn main_indication_urn(i: Indication) -> Option<&'static str> {
    match i {
        Indication::TotalPassed => Some("urn:etsi:019102:mainindication:total-passed"),
        Indication::TotalFailed => Some("urn:etsi:019102:mainindication:total-failed"),
        Indication::Indeterminate => Some("urn:etsi:019102:mainindication:indeterminate"),
        Indication::NoSignature => None,
    }
}

/// The ETSI sub-indication URN (EN 319 102-1 §5.1.3): the standard's name,
/// as the report's JSON form spells it.
pub fn sub_indication_urn(s: kyso_report::SubIndication) -> String {
    let name = serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!("urn:etsi:019102:subindication:{name}")
}

/// Escape text or an attribute value (`&`, `<`, `>`, `"`, `'`), and drop
/// what XML 1.0 cannot carry at all (control characters other than tab,
/// newline and carriage return; U+FFFE and U+FFFF), since report text comes
/// from the document.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn xml_time(t: Time) -> String {
    t.to_rfc3339()
}

/// The validation object id of a certificate: its SHA-256, shortened.
fn cert_id(c: &CertificateInfo) -> String {
    format!(
        "CERT-{}",
        c.sha256.get(..16).unwrap_or(&c.sha256).to_ascii_uppercase()
    )
}

fn hex_to_base64(hex: &str) -> Option<String> {
    if hex.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    bytes.map(|b| base64::engine::general_purpose::STANDARD.encode(b))
}

/// The certificates a signature refers to, leaf first: its signer, then its
/// chain's (the chain starts with the signer when it was built).
fn chain_of(s: &SignatureReport) -> Vec<&CertificateInfo> {
    let mut out: Vec<&CertificateInfo> = Vec::new();
    for c in s.signer.iter().chain(s.trust.chain.iter()) {
        if !out.iter().any(|x| x.sha256 == c.sha256) {
            out.push(c);
        }
    }
    out
}

struct Objects<'a> {
    certs: Vec<&'a CertificateInfo>,
}

impl<'a> Objects<'a> {
    fn cert(&mut self, c: &'a CertificateInfo) -> String {
        if !self.certs.iter().any(|x| x.sha256 == c.sha256) {
            self.certs.push(c);
        }
        cert_id(c)
    }
}

/// Write the report for `r`. `verified_at`: when Kyso verified it (used
/// where the report records no validation time for a signature).
pub fn to_xml(r: &Report, verified_at: Time) -> Result<String, EtsiError> {
    if !r
        .signatures
        .iter()
        .any(|s| s.kind == SignatureKind::Signature)
    {
        return Err(EtsiError::NoSignature);
    }
    // Every certificate any report refers to, in order of first reference,
    // so that each VOReference names an object of the list below.
    let mut objects = Objects { certs: Vec::new() };
    for s in &r.signatures {
        for c in chain_of(s) {
            objects.cert(c);
        }
    }
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<vr:ValidationReport xmlns:vr=\"{NS_VR}\" xmlns:ds=\"{NS_DS}\">"
    );
    // A comment cannot contain "--": the file name comes from the user.
    let _ = writeln!(
        out,
        "  <!-- Kyso {} (report schema {}): {} ({} bytes, SHA-256 {}) -->",
        escape(&r.kyso_version).replace("--", "- -"),
        r.schema_version,
        escape(r.file.name.as_deref().unwrap_or("document")).replace("--", "- -"),
        r.file.size,
        r.file.sha256
    );
    for s in r
        .signatures
        .iter()
        .filter(|s| s.kind == SignatureKind::Signature)
    {
        let _ = writeln!(out, "  <vr:SignatureValidationReport>");
        signature_report_body(&mut out, s, verified_at, &mut objects, "    ");
        let _ = writeln!(out, "  </vr:SignatureValidationReport>");
    }
    out.push_str("  <vr:SignatureValidationObjects>\n");
    for c in &objects.certs {
        let _ = writeln!(out, "    <vr:ValidationObject id=\"{}\">", cert_id(c));
        out.push_str(
            "      <vr:ObjectType>urn:etsi:019102:validationObject:certificate</vr:ObjectType>\n",
        );
        out.push_str("      <vr:ValidationObjectRepresentation>\n");
        match &c.der_base64 {
            Some(der) => {
                let _ = writeln!(out, "        <vr:base64>{}</vr:base64>", escape(der));
            }
            None => {
                let digest = hex_to_base64(&c.sha256).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "        <vr:DigestAlgAndValue><ds:DigestMethod Algorithm=\"{SHA256_URI}\"/><ds:DigestValue>{digest}</ds:DigestValue></vr:DigestAlgAndValue>"
                );
            }
        }
        out.push_str("      </vr:ValidationObjectRepresentation>\n");
        out.push_str("    </vr:ValidationObject>\n");
    }
    // Document timestamps: validation objects with a report of their own.
    for t in r
        .signatures
        .iter()
        .filter(|s| s.kind == SignatureKind::DocumentTimestamp)
    {
        let _ = writeln!(out, "    <vr:ValidationObject id=\"TST-{}\">", t.index + 1);
        out.push_str(
            "      <vr:ObjectType>urn:etsi:019102:validationObject:timestamp</vr:ObjectType>\n",
        );
        out.push_str("      <vr:ValidationObjectRepresentation>\n");
        let _ = writeln!(
            out,
            "        <vr:URI>{}</vr:URI>",
            escape(&format!(
                "urn:kyso:pdf-field:{}",
                t.field.as_deref().unwrap_or("document-timestamp")
            ))
        );
        out.push_str("      </vr:ValidationObjectRepresentation>\n");
        if let Some(gen) = t.signing_time.timestamp {
            let _ = writeln!(
                out,
                "      <vr:POE><vr:POETime>{}</vr:POETime><vr:TypeOfProof>urn:etsi:019102:poetype:validation</vr:TypeOfProof></vr:POE>",
                xml_time(gen)
            );
        }
        out.push_str("      <vr:ValidationReport>\n");
        signature_report_body(&mut out, t, verified_at, &mut objects, "        ");
        out.push_str("      </vr:ValidationReport>\n");
        out.push_str("    </vr:ValidationObject>\n");
    }
    out.push_str("  </vr:SignatureValidationObjects>\n");
    out.push_str("</vr:ValidationReport>\n");
    Ok(out)
}

fn validation_time(trust: &TrustInfo, verified_at: Time) -> Time {
    trust.validation_time.unwrap_or(verified_at)
}

/// The content of a `SignatureValidationReportType`, in the schema's order.
fn signature_report_body<'a>(
    out: &mut String,
    s: &'a SignatureReport,
    verified_at: Time,
    objects: &mut Objects<'a>,
    i: &str,
) {
    // SignatureIdentifier
    let _ = writeln!(
        out,
        "{i}<vr:SignatureIdentifier id=\"SIG-{}\">",
        s.index + 1
    );
    let _ = writeln!(out, "{i}  <vr:HashOnly>false</vr:HashOnly>");
    let _ = writeln!(out, "{i}  <vr:DocHashOnly>false</vr:DocHashOnly>");
    if let Some(f) = &s.field {
        let _ = writeln!(out, "{i}  <vr:DAIdentifier>{}</vr:DAIdentifier>", escape(f));
    }
    let _ = writeln!(out, "{i}</vr:SignatureIdentifier>");

    // ValidationTimeInfo: BestSignatureTime is required; without a proof of
    // existence it is the validation time itself (EN 319 102-1 §5.6.2.1).
    let vt = validation_time(&s.trust, verified_at);
    let best = s.signing_time.timestamp.unwrap_or(vt);
    let _ = writeln!(out, "{i}<vr:ValidationTimeInfo>");
    let _ = writeln!(
        out,
        "{i}  <vr:ValidationTime>{}</vr:ValidationTime>",
        xml_time(vt)
    );
    let _ = writeln!(
        out,
        "{i}  <vr:BestSignatureTime><vr:POETime>{}</vr:POETime><vr:TypeOfProof>urn:etsi:019102:poetype:validation</vr:TypeOfProof></vr:BestSignatureTime>",
        xml_time(best)
    );
    let _ = writeln!(out, "{i}</vr:ValidationTimeInfo>");

    // SignatureAttributes (a choice, any order).
    let mut attrs = String::new();
    let st = &s.signing_time;
    if let Some(t) = st.cms_signing_time.or(st.pdf_m) {
        let signed = st.cms_signing_time.is_some();
        let _ = writeln!(
            attrs,
            "{i}  <vr:SigningTime Signed=\"{signed}\"><vr:Time>{}</vr:Time></vr:SigningTime>",
            xml_time(t)
        );
    }
    if let Some(t) = st.timestamp {
        let _ = writeln!(
            attrs,
            "{i}  <vr:SignatureTimeStamp Signed=\"false\"><vr:TimeStampValue>{}</vr:TimeStampValue></vr:SignatureTimeStamp>",
            xml_time(t)
        );
    }
    if let Some(loc) = &s.location {
        let _ = writeln!(
            attrs,
            "{i}  <vr:SignatureProductionPlace Signed=\"false\"><vr:AddressString>{}</vr:AddressString></vr:SignatureProductionPlace>",
            escape(loc)
        );
    }
    if let Some(v) = &s.reason {
        let _ = writeln!(
            attrs,
            "{i}  <vr:Reason Signed=\"false\"><vr:ReasonElement>{}</vr:ReasonElement></vr:Reason>",
            escape(v)
        );
    }
    if let Some(v) = &s.name {
        let _ = writeln!(
            attrs,
            "{i}  <vr:Name Signed=\"false\"><vr:NameElement>{}</vr:NameElement></vr:Name>",
            escape(v)
        );
    }
    if let Some(v) = &s.contact_info {
        let _ = writeln!(
            attrs,
            "{i}  <vr:ContactInfo Signed=\"false\"><vr:ContactInfoElement>{}</vr:ContactInfoElement></vr:ContactInfo>",
            escape(v)
        );
    }
    if let Some(v) = &s.sub_filter {
        let _ = writeln!(
            attrs,
            "{i}  <vr:SubFilter Signed=\"false\"><vr:SubFilterElement>{}</vr:SubFilterElement></vr:SubFilter>",
            escape(v.trim_start_matches('/'))
        );
    }
    if let Some(br) = &s.byte_range {
        let list: Vec<String> = br.iter().map(i64::to_string).collect();
        let _ = writeln!(
            attrs,
            "{i}  <vr:ByteRange>{}</vr:ByteRange>",
            list.join(" ")
        );
    }
    if !attrs.is_empty() {
        let _ = writeln!(out, "{i}<vr:SignatureAttributes>");
        out.push_str(&attrs);
        let _ = writeln!(out, "{i}</vr:SignatureAttributes>");
    }

    // SignerInformation: the signer's certificate is required by the schema.
    if let Some(signer) = &s.signer {
        let id = objects.cert(signer);
        let mut parts: Vec<&str> = signer.common_name.as_deref().into_iter().collect();
        if let Some(o) = signer.organization.as_deref() {
            if !parts.contains(&o) {
                parts.push(o);
            }
        }
        let name = parts.join(", ");
        let _ = writeln!(out, "{i}<vr:SignerInformation>");
        let _ = writeln!(out, "{i}  <vr:SignerCertificate VOReference=\"{id}\"/>");
        let name = if name.is_empty() {
            signer.subject.clone()
        } else {
            name
        };
        let _ = writeln!(out, "{i}  <vr:Signer>{}</vr:Signer>", escape(&name));
        let _ = writeln!(out, "{i}</vr:SignerInformation>");
    }

    // SignatureValidationProcess: with a verified timestamp, the validation
    // with long-term data; otherwise the basic one (EN 319 102-1 §5.3, §5.5).
    let process = if s.signing_time.timestamp.is_some() {
        "LTVM"
    } else {
        "Basic"
    };
    let _ = writeln!(
        out,
        "{i}<vr:SignatureValidationProcess><vr:SignatureValidationProcessID>urn:etsi:019102:validationprocess:{process}</vr:SignatureValidationProcessID></vr:SignatureValidationProcess>"
    );

    // SignatureValidationStatus
    let _ = writeln!(out, "{i}<vr:SignatureValidationStatus>");
    let main =
        main_indication_urn(s.indication).unwrap_or("urn:etsi:019102:mainindication:indeterminate");
    let _ = writeln!(out, "{i}  <vr:MainIndication>{main}</vr:MainIndication>");
    if let Some(sub) = s.sub_indication {
        let _ = writeln!(
            out,
            "{i}  <vr:SubIndication>{}</vr:SubIndication>",
            sub_indication_urn(sub)
        );
    }
    let chain = chain_of(s);
    let findings: Vec<&kyso_report::Finding> = s
        .findings
        .iter()
        .chain(s.trust.findings.iter())
        .chain(s.revocation.findings.iter())
        .chain(s.signing_time.notes.iter())
        .collect();
    if !chain.is_empty() || !findings.is_empty() {
        let _ = writeln!(out, "{i}  <vr:AssociatedValidationReportData>");
        if let Some((leaf, rest)) = chain.split_first() {
            let anchor = (s.trust.status == kyso_report::ChainStatus::Trusted && !rest.is_empty())
                .then(|| rest[rest.len() - 1]);
            let intermediates = match anchor {
                Some(_) => &rest[..rest.len() - 1],
                None => rest,
            };
            let _ = writeln!(out, "{i}    <vr:CertificateChain>");
            let _ = writeln!(
                out,
                "{i}      <vr:SigningCertificate VOReference=\"{}\"/>",
                objects.cert(leaf)
            );
            for c in intermediates {
                let _ = writeln!(
                    out,
                    "{i}      <vr:IntermediateCertificate VOReference=\"{}\"/>",
                    objects.cert(c)
                );
            }
            if let Some(a) = anchor {
                let _ = writeln!(
                    out,
                    "{i}      <vr:TrustAnchor VOReference=\"{}\"/>",
                    objects.cert(a)
                );
            }
            let _ = writeln!(out, "{i}    </vr:CertificateChain>");
        }
        if !findings.is_empty() {
            let _ = writeln!(out, "{i}    <vr:AdditionalValidationReportData>");
            for f in findings {
                let _ = writeln!(
                    out,
                    "{i}      <vr:ReportData><vr:Type>urn:kyso:finding:{}</vr:Type><vr:Value>{}</vr:Value></vr:ReportData>",
                    escape(&f.code),
                    escape(&f.message_en)
                );
            }
            let _ = writeln!(out, "{i}    </vr:AdditionalValidationReportData>");
        }
        let _ = writeln!(out, "{i}  </vr:AssociatedValidationReportData>");
    }
    let _ = writeln!(out, "{i}</vr:SignatureValidationStatus>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use kyso_report::{FileInfo, Format, SubIndication};

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\u{1}y\u{FFFE}z\tw\n"), "xyz\tw\n");
        assert_eq!(escape("Nguyễn Văn A"), "Nguyễn Văn A");
    }

    #[test]
    fn indications_are_the_standard_urns() {
        assert_eq!(
            main_indication_urn(Indication::TotalFailed),
            Some("urn:etsi:019102:mainindication:total-failed")
        );
        assert_eq!(main_indication_urn(Indication::NoSignature), None);
        assert_eq!(
            sub_indication_urn(SubIndication::NoCertificateChainFound),
            "urn:etsi:019102:subindication:NO_CERTIFICATE_CHAIN_FOUND"
        );
        assert_eq!(
            sub_indication_urn(SubIndication::HashFailure),
            "urn:etsi:019102:subindication:HASH_FAILURE"
        );
    }

    #[test]
    fn a_report_without_signatures_has_no_etsi_form() {
        let r = Report::new(
            FileInfo {
                name: Some("a.pdf".into()),
                size: 1,
                sha256: "00".into(),
            },
            Format::Pdf,
        );
        assert_eq!(to_xml(&r, Time(0)), Err(EtsiError::NoSignature));
    }

    #[test]
    fn sha256_becomes_base64() {
        assert_eq!(hex_to_base64("00ff").as_deref(), Some("AP8="));
        assert_eq!(hex_to_base64("0"), None);
        assert_eq!(hex_to_base64("zz"), None);
    }
}
