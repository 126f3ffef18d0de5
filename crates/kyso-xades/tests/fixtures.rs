//! The repository's XML fixtures (`fixtures/xml`, made by
//! `scripts/gen-xml-fixtures.sh` with xmlsec1 and openssl) through the whole
//! profile: timestamps as proofs of existence, signature wrapping, changed
//! content, no signature, references outside the document.

use kyso_report::{
    verdict::finalize, ChainStatus, FileInfo, Format, Indication, Report, SignedTarget,
    SubIndication, ValidationTimeSource,
};
use kyso_validation::{ValidationOptions, ValidationTimeChoice};
use kyso_xades::{verify_xml_document, ExternalResolver};
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/xml")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn verify(bytes: &[u8], anchors: &[Vec<u8>], resolver: Option<ExternalResolver<'_>>) -> Report {
    let opts = ValidationOptions {
        extra_trust: &[],
        test_anchors: anchors,
        now: None,
        validation_time: ValidationTimeChoice::Default,
    };
    let mut r = Report::new(
        FileInfo {
            name: None,
            size: bytes.len() as u64,
            sha256: String::new(),
        },
        Format::Xml,
    );
    verify_xml_document(bytes, &opts, resolver, &mut r);
    finalize(&mut r);
    r
}

fn verdict(r: &Report) -> (Indication, Option<SubIndication>) {
    (r.verdict.indication, r.verdict.sub_indication)
}

fn dump(r: &Report) -> String {
    let mut s = format!("{:?}\n", verdict(r));
    for f in r.findings.iter().chain(r.signatures.iter().flat_map(|s| {
        s.findings
            .iter()
            .chain(&s.trust.findings)
            .chain(s.timestamp.iter().flat_map(|t| t.findings.iter()))
    })) {
        s.push_str(&format!("{:?} {} {}\n", f.severity, f.code, f.message_en));
    }
    s
}

/// The self-signed signer certificate (KeyInfo) and TSA certificate (in the
/// token) of a XAdES-T fixture, to trust for the run.
fn xades_t_anchors(bytes: &[u8]) -> Vec<Vec<u8>> {
    let x = kyso_xmldsig::verify_xml(bytes, &kyso_xmldsig::Options::default());
    let s = &x.signatures[0];
    let mut v = s.certificates.clone();
    let tok = &s.xades.as_ref().expect("XAdES").timestamps[0].token_der;
    let t = kyso_cms::tsp::parse_token(tok, &kyso_cms::Limits::default()).expect("token");
    v.extend(t.cms.certificates().iter().map(|c| c.der.clone()));
    v
}

/// XAdES-T with its signer and TSA trusted: TOTAL_PASSED, the chain validated
/// at the timestamp's time (the proof), the claimed SigningTime kept apart.
#[test]
fn xades_t_timestamp_is_the_proof() {
    let bytes = fixture("xades-t.xml");
    let r = verify(&bytes, &xades_t_anchors(&bytes), None);
    let d = dump(&r);
    assert_eq!(verdict(&r), (Indication::TotalPassed, None), "{d}");
    let s = &r.signatures[0];
    let ts = s.timestamp.as_ref().expect("timestamp");
    assert!(
        ts.trusted && ts.imprint_matches && ts.signature_valid,
        "{d}"
    );
    assert!(s.signing_time.timestamp.is_some());
    assert_eq!(s.signing_time.timestamp, ts.gen_time);
    assert!(s.signing_time.xades_signing_time.is_some());
    assert_eq!(
        s.trust.validation_time_source,
        Some(ValidationTimeSource::Timestamp),
        "{d}"
    );
    assert!(s
        .sub_filter
        .as_deref()
        .unwrap_or("")
        .starts_with("XAdES-B-T "));
}

/// Without the TSA trusted, the timestamp is no proof: the chain is validated
/// at another time, and the signer (trusted) still passes.
#[test]
fn xades_t_untrusted_tsa_is_no_proof() {
    let bytes = fixture("xades-t.xml");
    let x = kyso_xmldsig::verify_xml(&bytes, &kyso_xmldsig::Options::default());
    let r = verify(&bytes, &x.signatures[0].certificates, None);
    let s = &r.signatures[0];
    assert!(s.timestamp.as_ref().is_some_and(|t| !t.trusted));
    assert_eq!(s.signing_time.timestamp, None);
    assert_ne!(
        s.trust.validation_time_source,
        Some(ValidationTimeSource::Timestamp)
    );
}

/// A token over other bytes: the signature is intact, the timestamp broken.
#[test]
fn xades_t_wrong_imprint() {
    let bytes = fixture("xades-t-wrong-imprint.xml");
    let r = verify(&bytes, &xades_t_anchors(&bytes), None);
    let d = dump(&r);
    let s = &r.signatures[0];
    assert!(s.intact && s.facts.timestamp_invalid, "{d}");
    assert_eq!(
        verdict(&r),
        (
            Indication::Indeterminate,
            Some(SubIndication::SigConstraintsFailure)
        ),
        "{d}"
    );
}

/// Two elements carry the referenced Id: the reference resolves to nothing
/// and the signature fails for its structure (signature wrapping).
#[test]
fn wrapping_duplicate_id() {
    let r = verify(&fixture("attack-wrapping-duplicate-id.xml"), &[], None);
    let d = dump(&r);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        "{d}"
    );
    assert_eq!(
        r.signatures[0].signed_references[0].target,
        SignedTarget::Unresolved
    );
}

/// The signed element moved into ds:Object while a forged copy stands where
/// the reader looks: the crypto verifies, and the report names the element
/// that was signed (inside the signature), not the forged one.
#[test]
fn wrapping_moved_names_the_signed_element() {
    let r = verify(&fixture("attack-wrapping-moved.xml"), &[], None);
    let s = &r.signatures[0];
    assert!(s.intact && s.signature_valid, "{}", dump(&r));
    let sr = &s.signed_references[0];
    assert_eq!(sr.target, SignedTarget::Element);
    assert_eq!(
        sr.path.as_deref(),
        Some("/Goi/ds:Signature/ds:Object/NoiDung")
    );
    assert_eq!(s.coverage, kyso_report::Coverage::Partial);
}

/// Signed content changed: HASH_FAILURE, and the reference says which element.
#[test]
fn modified_content() {
    let r = verify(&fixture("attack-modified.xml"), &[], None);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::HashFailure)),
        "{}",
        dump(&r)
    );
    assert_eq!(r.signatures[0].signed_references[0].digest_ok, Some(false));
}

/// A DOCTYPE with an entity: refused, a structural failure of the document.
#[test]
fn dtd_entity_is_a_structural_failure() {
    let r = verify(&fixture("attack-dtd-entity.xml"), &[], None);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure))
    );
    assert!(r.signatures.is_empty());
}

/// No XML-DSig signature (none at all, or only a foreign `Signature`).
#[test]
fn no_signature() {
    for xml in [
        &b"<a><b/></a>"[..],
        br#"<e xmlns="urn:x"><Signature><SignedInfo/></Signature></e>"#,
    ] {
        let r = verify(xml, &[], None);
        assert_eq!(verdict(&r), (Indication::NoSignature, None), "{}", dump(&r));
        assert!(r
            .findings
            .iter()
            .any(|f| f.code == kyso_xmldsig::codes::NO_SIGNATURE));
    }
}

/// A reference outside the document, the caller's bytes passed through the
/// resolver. (Rewriting the URI changes SignedInfo, which the RSA signature
/// shows: HASH_FAILURE either way; what matters here is the reference.)
#[test]
fn external_reference_through_the_resolver() {
    let src = String::from_utf8(fixture("enveloping.xml")).expect("utf-8");
    let ext = src.replacen("URI=\"#obj\"", "URI=\"part.bin\"", 1);
    let r = verify(ext.as_bytes(), &[], None);
    let s = &r.signatures[0];
    assert_eq!(s.signed_references[0].target, SignedTarget::ExternalMissing);
    assert_eq!(s.signed_references[0].digest_ok, None);
    assert!(s
        .findings
        .iter()
        .any(|f| f.code == kyso_xmldsig::codes::SIGNED_INFO_CHANGED));
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::HashFailure)),
        "{}",
        dump(&r)
    );

    let resolver = |u: &str| (u == "part.bin").then(|| b"data".to_vec());
    let r = verify(ext.as_bytes(), &[], Some(&resolver));
    let s = &r.signatures[0];
    assert_eq!(s.signed_references[0].target, SignedTarget::External);
    assert_eq!(s.signed_references[0].uri.as_deref(), Some("part.bin"));
    assert_eq!(s.signed_references[0].digest_ok, Some(false));
}

/// A PDF-shaped report (no XML references) serializes without the new field.
#[test]
fn pdf_reports_unchanged() {
    let s = kyso_report::SignatureReport::new(0, kyso_report::SignatureKind::Signature);
    let v = serde_json::to_value(&s).expect("serializes");
    assert!(v.get("signed_references").is_none());
    assert!(v["signing_time"].get("xades_signing_time").is_none());
    let _ = ChainStatus::Trusted;
}

/// XAdES-LT validation data (CertificateValues, RevocationValues) is read as
/// path candidates and revocation evidence; being unsigned, adding it leaves
/// the signature intact.
#[test]
fn xades_lt_values_are_read() {
    let src = String::from_utf8(fixture("xades-t.xml")).expect("utf-8");
    let x = kyso_xmldsig::verify_xml(src.as_bytes(), &kyso_xmldsig::Options::default());
    let cert = &x.signatures[0].certificates[0];
    let b64 = <base64ct::Base64 as base64ct::Encoding>::encode_string(cert);
    let lt = src.replacen(
        "<xades:UnsignedSignatureProperties>",
        &format!(
            "<xades:UnsignedSignatureProperties><xades:CertificateValues><xades:EncapsulatedX509Certificate>{b64}</xades:EncapsulatedX509Certificate></xades:CertificateValues><xades:RevocationValues><xades:CRLValues><xades:EncapsulatedCRLValue>AAEC</xades:EncapsulatedCRLValue></xades:CRLValues></xades:RevocationValues>"
        ),
        1,
    );
    let x = kyso_xmldsig::verify_xml(lt.as_bytes(), &kyso_xmldsig::Options::default());
    let s = &x.signatures[0];
    let xa = s.xades.as_ref().expect("XAdES");
    assert_eq!(xa.certificate_values, vec![cert.clone()]);
    assert_eq!(xa.crl_values, vec![vec![0u8, 1, 2]]);
    assert!(s.is_intact());
    let r = verify(lt.as_bytes(), &xades_t_anchors(src.as_bytes()), None);
    assert_eq!(verdict(&r), (Indication::TotalPassed, None), "{}", dump(&r));
}
