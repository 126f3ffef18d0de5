//! The 10 XML rows of `../shared/corpus/MANIFEST.tsv` (resolved as
//! `<repo>/../shared`, or env `KYSO_SHARED`) through the whole profile and
//! `verdict::finalize`: each file's indication, and agreement with its
//! `expected_verdict` by the rules of `kyso_cli::corpus` (restated here for
//! the words the XML rows use). The xmlsec test roots in `corpus/trust/` are
//! passed as test anchors, as the corpus runner does. Skipped, with a message,
//! when the folder is absent.

use kyso_report::{
    verdict::finalize, ChainStatus, FileInfo, Format, Indication, Report, Severity,
    SignatureReport, SignedTarget, SubIndication,
};
use kyso_validation::{ValidationOptions, ValidationTimeChoice};
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

/// The manifest's `expected_verdict` for `name`.
fn expected(dir: &std::path::Path, name: &str) -> String {
    let m = std::fs::read_to_string(dir.join("corpus/MANIFEST.tsv")).expect("MANIFEST.tsv");
    let header: Vec<&str> = m.lines().next().unwrap_or("").split('\t').collect();
    let col = header
        .iter()
        .position(|h| *h == "expected_verdict")
        .expect("expected_verdict column");
    m.lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|c| c.first() == Some(&name))
        .and_then(|c| c.get(col).map(|s| s.to_string()))
        .unwrap_or_else(|| panic!("{name} not in MANIFEST.tsv"))
}

fn run(name: &str) -> Option<(Report, String)> {
    let dir = shared()?;
    let p = dir.join("corpus").join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let anchors: Vec<Vec<u8>> = ["xmlsec-test-cacert.pem", "xmlsec-test-ca2cert.pem"]
        .iter()
        .map(|a| std::fs::read(dir.join("corpus/trust").join(a)).expect("xmlsec test root"))
        .collect();
    let opts = ValidationOptions {
        extra_trust: &[],
        test_anchors: &anchors,
        now: None,
        validation_time: ValidationTimeChoice::Default,
    };
    let mut report = Report::new(
        FileInfo {
            name: Some(name.to_string()),
            size: bytes.len() as u64,
            sha256: String::new(),
        },
        Format::Xml,
    );
    kyso_xades::verify_xml_document(&bytes, &opts, None, &mut report);
    finalize(&mut report);
    Some((report, expected(&dir, name)))
}

fn dump(r: &Report) -> String {
    let mut s = format!(
        "verdict {:?} {:?}\n",
        r.verdict.indication, r.verdict.sub_indication
    );
    for f in &r.findings {
        s.push_str(&format!(
            "doc {:?} {} {}\n",
            f.severity, f.code, f.message_en
        ));
    }
    for sig in &r.signatures {
        s.push_str(&format!(
            "sig {} {:?} {:?} {:?} chain={:?} facts={:?}\n",
            sig.sub_filter.as_deref().unwrap_or(""),
            sig.indication,
            sig.sub_indication,
            sig.signed_references,
            sig.trust.status,
            sig.facts
        ));
        for f in sig
            .findings
            .iter()
            .chain(&sig.trust.findings)
            .chain(sig.timestamp.iter().flat_map(|t| t.findings.iter()))
        {
            s.push_str(&format!("  {:?} {} {}\n", f.severity, f.code, f.message_en));
        }
    }
    s
}

fn passed(r: &Report) -> bool {
    r.verdict.indication == Indication::TotalPassed
}

fn intact_and_genuine(r: &Report) -> bool {
    !r.signatures.is_empty()
        && r.error.is_none()
        && r.signatures
            .iter()
            .all(|s| s.intact && s.signature_valid && !s.facts.disallowed_changes)
        && !r.findings.iter().any(|f| f.severity == Severity::Error)
}

fn trusted_at_claimed_time(s: &SignatureReport) -> bool {
    s.trust.status == ChainStatus::ExpiredNoPoe
        && s.trust
            .findings
            .iter()
            .any(|f| f.code == "core.trust.valid_at_claimed_time")
}

/// `kyso_cli::corpus::agrees` for the words of the XML rows.
fn agrees(expected: &str, r: &Report) -> bool {
    let sigs = &r.signatures;
    match expected {
        "valid-untrusted" => intact_and_genuine(r),
        "valid-with-test-root" => {
            intact_and_genuine(r)
                && (passed(r)
                    || sigs.iter().all(|s| {
                        s.indication == Indication::TotalPassed || trusted_at_claimed_time(s)
                    }))
        }
        "invalid-modified" => {
            !passed(r)
                && sigs
                    .iter()
                    .any(|s| s.indication == Indication::TotalFailed && !s.intact)
        }
        "invalid-structure" => {
            !passed(r)
                && (r.error.is_some()
                    || sigs.iter().any(|s| s.facts.format_failure)
                    || r.findings.iter().any(|f| f.severity == Severity::Error))
        }
        "invalid-signing-cert-ref" => sigs
            .iter()
            .any(|s| s.facts.signing_certificate_ref_ok == Some(false)),
        "invalid-cert-expired" => sigs.iter().any(|s| {
            s.trust.status == ChainStatus::ExpiredNoPoe
                || s.sub_indication == Some(SubIndication::Expired)
        }),
        "weak-algorithm" => !passed(r) && sigs.iter().any(|s| s.facts.weak_algorithm),
        other => panic!("expected_verdict {other} not handled here"),
    }
}

/// Run one row: agreement with the manifest and the indication expected.
fn check(name: &str, ind: Indication, sub: Option<SubIndication>) -> Option<Report> {
    let (r, exp) = run(name)?;
    let d = dump(&r);
    assert!(agrees(&exp, &r), "{name}: disagrees with {exp}\n{d}");
    assert_eq!(
        (r.verdict.indication, r.verdict.sub_indication),
        (ind, sub),
        "{name}\n{d}"
    );
    Some(r)
}

/// `valid-with-test-root`: RSA-SHA256 over `#object`, chaining to the xmlsec
/// test root: TOTAL_PASSED, and the report names the one element signed.
#[test]
fn xmlsec_enveloping_sha256_rsa_sha256() {
    let Some(r) = check(
        "xmlsec__enveloping-sha256-rsa-sha256.xml",
        Indication::TotalPassed,
        None,
    ) else {
        return;
    };
    let s = &r.signatures[0];
    assert_eq!(s.trust.status, ChainStatus::Trusted);
    assert_eq!(s.signed_references.len(), 1);
    let sr = &s.signed_references[0];
    assert_eq!(sr.target, SignedTarget::Element);
    assert_eq!(sr.uri.as_deref(), Some("#object"));
    assert_eq!(sr.element.as_deref(), Some("Object"));
    assert_eq!(sr.id.as_deref(), Some("object"));
    assert_eq!(sr.path.as_deref(), Some("/Signature/Object"));
    assert_eq!(sr.digest_ok, Some(true));
    assert_eq!(s.algorithms.digest.as_deref(), Some("SHA-256"));
    assert!(s.signer.is_some());
    assert!(s
        .sub_filter
        .as_deref()
        .unwrap_or("")
        .starts_with("XML-DSig "));
    // The JSON carries the references; a PDF-shaped report (none) would not.
    let json = serde_json::to_value(s).expect("serializes");
    assert_eq!(json["signed_references"][0]["target"], "element");
    assert_eq!(json["signed_references"][0]["path"], "/Signature/Object");
}

/// `valid-with-test-root` in the manifest, but the signature is RSA-SHA1 with
/// no proof of existence: Kyso's algorithm policy (ETSI TS 119 312, as for PDF
/// and CMS) does not accept SHA-1 after 2013 without a timestamp. The chain
/// itself validates to the test root. The manifest and the policy disagree;
/// the test holds the policy.
#[test]
fn xmlsec_enveloping_rsa_x509chain() {
    let Some((r, exp)) = run("xmlsec__enveloping-rsa-x509chain.xml") else {
        return;
    };
    assert_eq!(exp, "valid-with-test-root");
    let s = &r.signatures[0];
    let d = dump(&r);
    assert!(s.intact && s.signature_valid, "{d}");
    assert_eq!(s.trust.status, ChainStatus::Trusted, "{d}");
    assert!(
        s.facts.weak_algorithm && s.facts.weak_algorithm_no_poe,
        "{d}"
    );
    assert_eq!(
        (r.verdict.indication, r.verdict.sub_indication),
        (
            Indication::Indeterminate,
            Some(SubIndication::CryptoConstraintsFailureNoPoe)
        ),
        "{d}"
    );
}

/// `invalid-cert-expired`: intact, but the signer's certificate has expired and
/// nothing proves the signature is older (the signature is SHA-1 as well).
#[test]
fn xmlsec_enveloping_expired_cert() {
    let Some(r) = check(
        "xmlsec__enveloping-expired-cert.xml",
        Indication::Indeterminate,
        Some(SubIndication::CryptoConstraintsFailureNoPoe),
    ) else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.intact && s.signature_valid);
    assert_eq!(s.trust.status, ChainStatus::ExpiredNoPoe);
    assert!(s
        .trust
        .findings
        .iter()
        .any(|f| f.code == kyso_pki::codes::LEAF_EXPIRED));
}

/// `weak-algorithm`: RSA-MD5 verifies, chains to the test root, and is rejected.
#[test]
fn xmlsec_enveloping_md5() {
    let Some(r) = check(
        "xmlsec__enveloping-md5-rsa-md5.xml",
        Indication::Indeterminate,
        Some(SubIndication::CryptoConstraintsFailure),
    ) else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.facts.weak_algorithm && !s.facts.weak_algorithm_no_poe);
    assert!(s
        .findings
        .iter()
        .any(|f| f.code == kyso_xmldsig::codes::ALGORITHM_REJECTED));
}

/// `valid-untrusted`: enveloped XAdES-B-B over the whole document; intact,
/// issuer unknown. The references name the root element and SignedProperties.
#[test]
fn dss_signed() {
    let Some(r) = check(
        "dss__dss-signed.xml",
        Indication::Indeterminate,
        Some(SubIndication::NoCertificateChainFound),
    ) else {
        return;
    };
    let s = &r.signatures[0];
    assert_eq!(s.facts.signing_certificate_ref_ok, Some(true));
    assert!(s.signing_time.xades_signing_time.is_some());
    assert_eq!(s.coverage, kyso_report::Coverage::EntireFile);
    assert!(s
        .sub_filter
        .as_deref()
        .unwrap_or("")
        .starts_with("XAdES-B-B "));
    let targets: Vec<_> = s
        .signed_references
        .iter()
        .map(|x| (x.target, x.element.as_deref(), x.signed_properties))
        .collect();
    assert_eq!(
        targets,
        vec![
            (SignedTarget::WholeDocument, Some("h:table"), false),
            (SignedTarget::Element, Some("xades:SignedProperties"), true),
        ]
    );
}

/// `valid-untrusted`: real-world Austrian XAdES (ECDSA), two Objects signed.
#[test]
fn dss_signature_x_at_1() {
    let Some(r) = check(
        "dss__Signature-X-AT-1.xml",
        Indication::Indeterminate,
        Some(SubIndication::NoCertificateChainFound),
    ) else {
        return;
    };
    let s = &r.signatures[0];
    assert_eq!(s.signed_references.len(), 2);
    assert_eq!(
        s.signed_references[0].path.as_deref(),
        Some("/dsig:Signature/dsig:Object[1]")
    );
    assert_eq!(s.coverage, kyso_report::Coverage::Partial);
}

/// `invalid-modified`: a reference removed from SignedInfo. The key in KeyInfo
/// signed another SignedInfo (the digest in the RSA block differs): HASH_FAILURE.
#[test]
fn dss_signed_altered_ref_removed() {
    let Some(r) = check(
        "dss__dss-signed-altered-refRemoved.xml",
        Indication::TotalFailed,
        Some(SubIndication::HashFailure),
    ) else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s
        .findings
        .iter()
        .any(|f| f.code == kyso_xmldsig::codes::SIGNED_INFO_CHANGED));
    // Only SignedProperties are left: the document content is not referenced.
    assert!(s.signed_references.iter().all(|x| x.signed_properties));
}

/// `invalid-modified`: the SignedProperties reference removed.
#[test]
fn dss_signed_altered_signed_props_removed() {
    let Some(r) = check(
        "dss__dss-signed-altered-signedPropsRemoved.xml",
        Indication::TotalFailed,
        Some(SubIndication::HashFailure),
    ) else {
        return;
    };
    // The unsigned XAdES claims are not used.
    assert!(r.signatures[0].signing_time.xades_signing_time.is_none());
}

/// `invalid-signing-cert-ref`: intact, but SigningCertificate names another certificate.
#[test]
fn dss_xades_wrong_sign_cert_digest() {
    let Some(r) = check(
        "dss__xades-wrong-sign-cert-digest.xml",
        Indication::Indeterminate,
        Some(SubIndication::NoSigningCertificateFound),
    ) else {
        return;
    };
    let s = &r.signatures[0];
    assert!(s.intact && s.signature_valid);
    assert_eq!(s.facts.signing_certificate_ref_ok, Some(false));
}

/// `invalid-structure`: a DOCTYPE with entities; the parser refuses it and the
/// document fails for its structure, with no signature read.
#[test]
fn dss_xades_with_dtd_injection() {
    let Some(r) = check(
        "dss__xades-with-dtd-injection.xml",
        Indication::TotalFailed,
        Some(SubIndication::FormatFailure),
    ) else {
        return;
    };
    assert!(r.signatures.is_empty());
    assert!(r.findings.iter().any(
        |f| f.code == kyso_xades::codes::XML_STRUCTURE_REFUSED && f.severity == Severity::Error
    ));
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == kyso_xmldsig::codes::PARSE_REFUSED));
}

/// Every finding of every row is bilingual.
#[test]
fn findings_are_bilingual() {
    for n in [
        "xmlsec__enveloping-sha256-rsa-sha256.xml",
        "dss__dss-signed-altered-refRemoved.xml",
        "dss__dss-signed-altered-signedPropsRemoved.xml",
        "dss__xades-with-dtd-injection.xml",
    ] {
        let Some((r, _)) = run(n) else { return };
        for f in r
            .findings
            .iter()
            .chain(r.signatures.iter().flat_map(|s| &s.findings))
        {
            assert!(
                !f.message_vi.is_empty() && !f.message_en.is_empty(),
                "{n}: {}",
                f.code
            );
        }
    }
}

/// Prints each row's report (`--nocapture`), for reading.
#[test]
fn print_all() {
    for n in [
        "xmlsec__enveloping-sha256-rsa-sha256.xml",
        "xmlsec__enveloping-rsa-x509chain.xml",
        "xmlsec__enveloping-expired-cert.xml",
        "xmlsec__enveloping-md5-rsa-md5.xml",
        "dss__dss-signed.xml",
        "dss__dss-signed-altered-refRemoved.xml",
        "dss__dss-signed-altered-signedPropsRemoved.xml",
        "dss__Signature-X-AT-1.xml",
        "dss__xades-wrong-sign-cert-digest.xml",
        "dss__xades-with-dtd-injection.xml",
    ] {
        let Some((r, exp)) = run(n) else { return };
        eprintln!(
            "=== {n} expected {exp} agrees={}\n{}",
            agrees(&exp, &r),
            dump(&r)
        );
    }
}
