//! The 10 XML rows of `../shared/corpus/MANIFEST.tsv` (resolved as
//! `<repo>/../shared`, or env `KYSO_SHARED`): what this crate can say about
//! each without trust (chain validation is kyso-pki's). Skipped, with a
//! message, when the folder is absent.

use kyso_xmldsig::{codes, verify_xml, Coverage, Options, XadesLevel, XmlDsigReport};
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: shared reference folder {} not found (set KYSO_SHARED)",
            p.display()
        );
        None
    }
}

fn run(name: &str) -> Option<XmlDsigReport> {
    let p = shared()?.join("corpus").join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Some(verify_xml(&bytes, &Options::default()))
}

fn has(findings: &[kyso_report::Finding], code: &str) -> bool {
    findings.iter().any(|f| f.code == code)
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

/// `valid-with-test-root`: an enveloping RSA-SHA256 signature over `#object`.
#[test]
fn xmlsec_enveloping_sha256_rsa_sha256() {
    let Some(r) = run("xmlsec__enveloping-sha256-rsa-sha256.xml") else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.is_intact(), "{}", dump(&r));
    assert!(
        matches!(&s.references[0].coverage, Coverage::Element(e) if e.id.as_deref() == Some("object"))
    );
    assert!(!s.algorithm_weak && !s.algorithm_rejected);
    assert!(s.signer_certificate.is_some());
}

/// `valid-with-test-root`: RSA-SHA1 with the whole chain in KeyInfo (SHA-1: weak).
#[test]
fn xmlsec_enveloping_rsa_x509chain() {
    let Some(r) = run("xmlsec__enveloping-rsa-x509chain.xml") else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.is_intact(), "{}", dump(&r));
    assert!(s.certificates.len() >= 2, "chain certificates listed");
    assert!(s.algorithm_weak && has(&s.findings, codes::ALGORITHM_WEAK));
}

/// `invalid-cert-expired`: the crypto is intact; expiry is path validation's finding.
#[test]
fn xmlsec_enveloping_expired_cert() {
    let Some(r) = run("xmlsec__enveloping-expired-cert.xml") else {
        return;
    };
    assert!(r.signatures[0].is_intact(), "{}", dump(&r));
}

/// `weak-algorithm`: RSA-MD5 / MD5 digest: intact, but rejected by policy.
#[test]
fn xmlsec_enveloping_md5() {
    let Some(r) = run("xmlsec__enveloping-md5-rsa-md5.xml") else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.is_intact(), "{}", dump(&r));
    assert!(s.algorithm_rejected && has(&s.findings, codes::ALGORITHM_REJECTED));
}

/// `valid-untrusted`: XAdES-B enveloped (URI="" + enveloped-signature, exclusive C14N).
#[test]
fn dss_signed() {
    let Some(r) = run("dss__dss-signed.xml") else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.is_intact(), "{}", dump(&r));
    let x = s.xades.as_ref().expect("XAdES");
    assert!(x.signed_properties_signed);
    assert_eq!(x.signing_certificate_ok, Some(true));
    assert!(x.signing_time.is_some());
    assert_eq!(x.level, Some(XadesLevel::B));
    assert!(matches!(
        &s.references[0].coverage,
        Coverage::WholeDocument(_)
    ));
}

/// `invalid-modified`: a Reference removed from SignedInfo after signing.
#[test]
fn dss_signed_ref_removed() {
    let Some(r) = run("dss__dss-signed-altered-refRemoved.xml") else {
        return;
    };
    let s = &r.signatures[0];
    assert_eq!(s.signature_value_ok, Some(false), "{}", dump(&r));
    assert!(has(&s.findings, codes::SIGNATURE_INVALID));
    assert!(!s.is_intact());
}

/// `invalid-modified`: SignedProperties removed after signing.
#[test]
fn dss_signed_signed_props_removed() {
    let Some(r) = run("dss__dss-signed-altered-signedPropsRemoved.xml") else {
        return;
    };
    let s = &r.signatures[0];
    assert!(!s.is_intact(), "{}", dump(&r));
    assert_eq!(s.signature_value_ok, Some(false), "{}", dump(&r));
}

/// `valid-untrusted`: a 2010 plugtest XAdES, ECDSA-SHA256, XPath Filter 2.0 references.
#[test]
fn dss_signature_x_at_1() {
    let Some(r) = run("dss__Signature-X-AT-1.xml") else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.all_references_ok, "{}", dump(&r));
    assert_eq!(s.signature_value_ok, Some(true), "{}", dump(&r));
    let x = s.xades.as_ref().expect("XAdES 1.1.1");
    assert!(x.signed_properties_signed);
    assert_eq!(
        x.signing_certificate_ok,
        Some(true),
        "1.1.1 CertDigest in the XAdES namespace"
    );
    assert_eq!(x.signature_policy.as_deref(), Some("implied"));
    assert!(s.is_intact(), "{}", dump(&r));
}

/// `invalid-signing-cert-ref`: crypto intact, SigningCertificate digest wrong.
#[test]
fn dss_xades_wrong_sign_cert_digest() {
    let Some(r) = run("dss__xades-wrong-sign-cert-digest.xml") else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.all_references_ok, "{}", dump(&r));
    assert_eq!(s.signature_value_ok, Some(true), "{}", dump(&r));
    assert_eq!(
        s.xades.as_ref().unwrap().signing_certificate_ok,
        Some(false)
    );
    assert!(has(&s.findings, codes::XADES_SIGNING_CERT_MISMATCH));
    assert!(!s.is_intact());
}

/// `invalid-structure`: a DOCTYPE declaring an external entity: refused by the parser.
#[test]
fn dss_xades_with_dtd_injection() {
    let Some(r) = run("dss__xades-with-dtd-injection.xml") else {
        return;
    };
    assert_eq!(r.parse_error, Some(kyso_xml::XmlError::EntityDeclared));
    assert!(has(&r.findings, codes::PARSE_REFUSED));
    assert!(r.signatures.is_empty());
}
