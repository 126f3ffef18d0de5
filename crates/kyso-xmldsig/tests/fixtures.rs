//! The signatures of `fixtures/xml` (made by `scripts/gen-xml-fixtures.sh` with
//! xmlsec1): every C14N method must give the digests and the SignedInfo
//! bytes xmlsec1 (libxml2) signed, and the attacks must be caught.

use kyso_xmldsig::{codes, verify_xml, Coverage, Options, XmlDsigReport};
use std::path::PathBuf;

fn run(name: &str) -> XmlDsigReport {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/xml")
        .join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    verify_xml(&bytes, &Options::default())
}

fn dump(r: &XmlDsigReport) -> String {
    let mut s = String::new();
    for sig in &r.signatures {
        for f in &sig.findings {
            s.push_str(&format!("{} {}\n", f.code, f.message_en));
        }
    }
    for f in &r.findings {
        s.push_str(&format!("{} {}\n", f.code, f.message_en));
    }
    s
}

fn has(r: &XmlDsigReport, code: &str) -> bool {
    r.signatures
        .iter()
        .flat_map(|s| &s.findings)
        .chain(&r.findings)
        .any(|f| f.code == code)
}

/// Enveloped signatures, one per canonicalization method (SignedInfo and the
/// reference transform use the same method).
#[test]
fn every_c14n_method_matches_xmlsec1() {
    for m in [
        "c14n10",
        "c14n10-comments",
        "c14n11",
        "c14n11-comments",
        "exc",
        "exc-comments",
    ] {
        let r = run(&format!("enveloped-{m}.xml"));
        assert_eq!(r.signatures.len(), 1, "{m}");
        let s = &r.signatures[0];
        assert!(s.is_intact(), "{m}:\n{}", dump(&r));
        assert!(
            matches!(&s.references[0].coverage, Coverage::WholeDocument(e) if e.name == "hd:HoaDon")
        );
    }
}

/// One nested element referenced six times, once per method: the document
/// subset rules (inherited namespaces, xml:lang/xml:space/xml:base/xml:id of
/// omitted ancestors, visibly utilized prefixes) agree with libxml2's.
#[test]
fn subset_rules_match_xmlsec1() {
    let r = run("subset-all-c14n.xml");
    let s = &r.signatures[0];
    assert_eq!(s.references.len(), 6);
    for (i, rr) in s.references.iter().enumerate() {
        assert_eq!(
            rr.digest_ok,
            Some(true),
            "reference {i} ({:?}):\n{}",
            rr.transforms,
            dump(&r)
        );
        assert!(
            matches!(&rr.coverage, Coverage::Element(e) if e.path == "/r:Root/Mid/r:Part" && e.id.as_deref() == Some("part"))
        );
    }
    assert!(s.is_intact(), "{}", dump(&r));
}

#[test]
fn enveloping_detached_and_ecdsa() {
    for f in [
        "enveloping.xml",
        "detached-same-document.xml",
        "ecdsa-p256.xml",
    ] {
        let r = run(f);
        assert!(r.signatures[0].is_intact(), "{f}:\n{}", dump(&r));
    }
    let r = run("detached-same-document.xml");
    assert!(
        matches!(&r.signatures[0].references[0].coverage, Coverage::Element(e) if e.path == "/Goi/NoiDung")
    );
    let r = run("ecdsa-p256.xml");
    assert!(matches!(
        r.signatures[0].signature_alg,
        Some(kyso_crypto::SignatureAlg::Ecdsa(_))
    ));
}

#[test]
fn wrapping_duplicate_id_is_an_error() {
    let r = run("attack-wrapping-duplicate-id.xml");
    let s = &r.signatures[0];
    assert!(has(&r, codes::REFERENCE_DUPLICATE_ID), "{}", dump(&r));
    assert!(matches!(s.references[0].coverage, Coverage::Unresolved));
    assert!(!s.is_intact());
}

/// The signed element moved into ds:Object: the crypto verifies, and the
/// report names the element that was signed — inside the signature, not the
/// forged one the reader would see.
#[test]
fn wrapping_moved_reports_the_signed_element() {
    let r = run("attack-wrapping-moved.xml");
    let s = &r.signatures[0];
    assert!(s.is_intact(), "{}", dump(&r));
    match &s.references[0].coverage {
        Coverage::Element(e) => assert_eq!(e.path, "/Goi/ds:Signature/ds:Object/NoiDung"),
        c => panic!("{c:?}"),
    }
}

#[test]
fn dtd_entity_is_refused() {
    let r = run("attack-dtd-entity.xml");
    assert_eq!(r.parse_error, Some(kyso_xml::XmlError::EntityDeclared));
}

#[test]
fn modified_signed_element_is_detected() {
    let r = run("attack-modified.xml");
    let s = &r.signatures[0];
    assert_eq!(s.references[0].digest_ok, Some(false));
    assert!(has(&r, codes::REFERENCE_DIGEST_MISMATCH));
    assert_eq!(
        s.signature_value_ok,
        Some(true),
        "SignedInfo itself is untouched"
    );
    assert!(!s.is_intact());
}

/// An un-namespaced Signature (edXML writes one in its default namespace) is
/// not an XML-DSig signature; a caller-given key is used instead of KeyInfo.
#[test]
fn foreign_signature_element() {
    let xml = br#"<edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><Signature><SignedInfo/></Signature></edXMLEnvelope>"#;
    let r = verify_xml(xml, &Options::default());
    assert_eq!(r.signatures.len(), 1);
    assert!(!r.signatures[0].is_xmldsig);
    assert!(has(&r, codes::NOT_XMLDSIG) && has(&r, codes::NO_SIGNATURE));
}

/// A reference outside the document: "needs the file", then resolved by the caller.
#[test]
fn external_reference_hook() {
    let src = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xml/enveloping.xml"),
    )
    .unwrap();
    let ext = src.replacen("URI=\"#obj\"", "URI=\"part.bin\"", 1);
    let r = verify_xml(ext.as_bytes(), &Options::default());
    assert!(has(&r, codes::REFERENCE_DETACHED));
    assert!(matches!(
        &r.signatures[0].references[0].coverage,
        Coverage::External {
            resolved: false,
            ..
        }
    ));
    let resolver = |u: &str| (u == "part.bin").then(|| b"data".to_vec());
    let opts = Options {
        resolve_external: Some(&resolver),
        ..Options::default()
    };
    let r = verify_xml(ext.as_bytes(), &opts);
    let rr = &r.signatures[0].references[0];
    assert!(matches!(
        &rr.coverage,
        Coverage::External { resolved: true, .. }
    ));
    assert_eq!(
        rr.digest_ok,
        Some(false),
        "digest computed over the resolved bytes"
    );
}

/// XPath Filter 2.0 (subtract the enclosing signature; intersect with `id()`)
/// and the plain XPath 1.0 enveloped filter, as xmlsec1 signs them.
#[test]
fn xpath_transforms_match_xmlsec1() {
    for f in [
        "xpath-filter2-subtract.xml",
        "xpath-filter2-intersect.xml",
        "xpath10-enveloped.xml",
    ] {
        let r = run(f);
        assert!(r.signatures[0].is_intact(), "{f}:\n{}", dump(&r));
    }
}

/// XAdES-B signed by xmlsec1: SignedProperties referenced and intact,
/// SigningCertificateV2 matches, SigningTime and the implied policy read.
#[test]
fn xades_b() {
    let r = run("xades-b.xml");
    let s = &r.signatures[0];
    assert!(s.is_intact(), "{}", dump(&r));
    let x = s.xades.as_ref().unwrap();
    assert_eq!(x.level, Some(kyso_xmldsig::XadesLevel::B));
    assert_eq!(x.signing_certificate_version, Some(2));
    assert_eq!(x.signing_certificate_ok, Some(true));
    assert_eq!(x.signing_time_text.as_deref(), Some("2026-03-01T10:00:00Z"));
    assert_eq!(x.signature_policy.as_deref(), Some("implied"));
    assert!(s
        .references
        .iter()
        .any(|r| r.is_signed_properties && r.digest_ok == Some(true)));
}

/// XAdES-T: the RFC 3161 token's imprint is over the C14N of ds:SignatureValue
/// (as lxml/libxml2 canonicalized it); a token over other bytes is caught.
#[test]
fn xades_t_signature_timestamp() {
    let r = run("xades-t.xml");
    let s = &r.signatures[0];
    assert!(s.is_intact(), "{}", dump(&r));
    let x = s.xades.as_ref().unwrap();
    assert_eq!(x.level, Some(kyso_xmldsig::XadesLevel::T));
    assert_eq!(x.timestamps.len(), 1);
    let ts = &x.timestamps[0];
    assert_eq!(ts.imprint_matches, Some(true), "{:?}", ts.findings);
    assert_eq!(ts.token_valid, Some(true), "{:?}", ts.findings);
    assert!(ts.gen_time.is_some());
    assert!(has(&r, codes::XADES_TIMESTAMP_OK));

    let r = run("xades-t-wrong-imprint.xml");
    let ts = &r.signatures[0].xades.as_ref().unwrap().timestamps[0];
    assert_eq!(ts.imprint_matches, Some(false));
    assert!(has(&r, codes::XADES_TIMESTAMP_INVALID));
    assert!(
        r.signatures[0].is_intact(),
        "the signature itself is untouched"
    );
}

/// RSASSA-PSS (both URI forms) and Ed25519, signed by openssl over
/// lxml/libxml2's exclusive C14N of SignedInfo.
#[test]
fn pss_and_ed25519() {
    use kyso_crypto::SignatureAlg;
    let r = run("rsa-pss-sha256-mgf1.xml");
    assert!(r.signatures[0].is_intact(), "{}", dump(&r));
    assert!(
        matches!(r.signatures[0].signature_alg, Some(SignatureAlg::RsaPss(p)) if p.salt_len == 32)
    );
    let r = run("rsa-pss-params-sha384.xml");
    assert!(r.signatures[0].is_intact(), "{}", dump(&r));
    assert!(
        matches!(r.signatures[0].signature_alg, Some(SignatureAlg::RsaPss(p)) if p.salt_len == 48 && p.hash == kyso_crypto::DigestAlg::Sha384)
    );
    let r = run("ed25519.xml");
    assert!(r.signatures[0].is_intact(), "{}", dump(&r));
    assert_eq!(r.signatures[0].signature_alg, Some(SignatureAlg::Ed25519));
}
