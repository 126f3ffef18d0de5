//! The CMS file profile on files made by OpenSSL `cms -sign` (and, for the
//! countersignature, asn1crypto): scripts/gen-cades-fixtures.sh and
//! scripts/gen-cms-fixtures.sh. Each test states the property it relies on
//! (tests/data/README.md), never exact bytes.

use kyso_cades::{codes, verify_cms_file, Nested, ValidationOptions};
use kyso_report::{
    verdict::finalize, ChainStatus, FileInfo, Format, Indication, Report, SubIndication,
};
use std::path::PathBuf;

fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn cms_data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../kyso-cms/tests/data")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Verify with the fixtures' root as a test anchor (`trusted`) or without.
fn run(name: &str, bytes: &[u8], detached: Option<&[u8]>, anchor: Option<Vec<u8>>) -> Report {
    let anchors: Vec<Vec<u8>> = anchor.into_iter().collect();
    let opts = ValidationOptions {
        extra_trust: &[],
        test_anchors: &anchors,
        now: None,
        validation_time: Default::default(),
    };
    let mut r = Report::new(
        FileInfo {
            name: Some(name.into()),
            size: bytes.len() as u64,
            sha256: String::new(),
        },
        Format::Cms,
    );
    verify_cms_file(Some(name), bytes, detached, &opts, None, &mut r);
    finalize(&mut r);
    r
}

fn trusted(name: &str, detached: Option<&[u8]>) -> Report {
    run(name, &data(name), detached, Some(data("ca.crt")))
}

fn has(r: &Report, code: &str) -> bool {
    r.findings.iter().any(|f| f.code == code)
        || r.signatures
            .iter()
            .any(|s| s.findings.iter().any(|f| f.code == code))
}

#[test]
fn enveloping_signature_passes_with_its_root() {
    let r = trusted("attached.p7m", None);
    assert_eq!(r.verdict.indication, Indication::TotalPassed, "{r:#?}");
    assert_eq!(r.signatures.len(), 1);
    let s = &r.signatures[0];
    assert!(s.intact && s.signature_valid && s.trusted);
    assert_eq!(
        s.signer.as_ref().and_then(|c| c.common_name.as_deref()),
        Some("Nguyễn Văn A")
    );
    assert!(s.signing_time.cms_signing_time.is_some());
    assert!(has(&r, codes::ENVELOPING));
    // Without the root: intact, but no chain to a trusted CA.
    let r = run("attached.p7m", &data("attached.p7m"), None, None);
    assert_eq!(r.verdict.indication, Indication::Indeterminate);
    assert_eq!(r.signatures[0].trust.status, ChainStatus::NoChainFound);
    assert!(r.signatures[0].intact);
}

#[test]
fn pem_and_base64_text_read_as_the_same_signature() {
    for name in ["attached-pem.p7m", "attached-base64.p7m"] {
        let r = trusted(name, None);
        assert_eq!(r.verdict.indication, Indication::TotalPassed, "{name}");
        assert!(has(&r, codes::TEXT_ENCODED), "{name}");
    }
}

#[test]
fn content_changed_after_signing_is_a_hash_failure() {
    let r = trusted("content-changed.p7m", None);
    assert_eq!(r.verdict.indication, Indication::TotalFailed);
    assert_eq!(r.verdict.sub_indication, Some(SubIndication::HashFailure));
    assert!(!r.signatures[0].intact);
}

#[test]
fn detached_signature_needs_its_file() {
    let name = "content.txt.p7s";
    // Without the signed file: never valid, never forged.
    let r = trusted(name, None);
    assert_eq!(r.verdict.indication, Indication::Indeterminate);
    assert_eq!(
        r.verdict.sub_indication,
        Some(SubIndication::SignedDataNotFound)
    );
    assert!(has(&r, codes::DETACHED_WITHOUT_DATA));
    // The front ends recognise it through kyso-report (the same code).
    assert_eq!(
        kyso_report::DETACHED_WITHOUT_DATA,
        codes::DETACHED_WITHOUT_DATA
    );
    assert!(kyso_report::awaits_signed_file(&r));
    // Said once: the document's finding explains it, the signature does not
    // repeat it in CMS terms.
    assert!(!r.signatures[0]
        .findings
        .iter()
        .any(|f| f.code == kyso_cms::codes::CONTENT_ABSENT));
    // With it: passes.
    let r = trusted(name, Some(&data("content.txt")));
    assert_eq!(r.verdict.indication, Indication::TotalPassed, "{r:#?}");
    assert!(has(&r, codes::DETACHED_WITH_DATA));
    assert!(!kyso_report::awaits_signed_file(&r));
    // With another file: the content was changed.
    let mut other = data("content.txt");
    other[0] ^= 0x20;
    let r = trusted(name, Some(&other));
    assert_eq!(r.verdict.sub_indication, Some(SubIndication::HashFailure));
    // RSASSA-PSS.
    let r = trusted("detached-pss.p7s", Some(&data("content.txt")));
    assert_eq!(r.verdict.indication, Indication::TotalPassed);
    assert!(r.signatures[0]
        .algorithms
        .signature
        .as_deref()
        .is_some_and(|a| a.contains("PSS")));
}

#[test]
fn every_signer_is_reported() {
    let r = trusted("two-signers.p7m", None);
    assert_eq!(r.signatures.len(), 2);
    assert!(r.signatures.iter().all(|s| s.trusted && s.intact));
    let mut names: Vec<_> = r
        .signatures
        .iter()
        .filter_map(|s| s.signer.as_ref()?.common_name.clone())
        .collect();
    names.sort();
    assert_eq!(names, ["Nguyễn Văn A", "Văn thư"]);
    assert_eq!(r.verdict.indication, Indication::TotalPassed);
}

#[test]
fn countersignature_is_verified_over_the_signature_value() {
    let r = trusted("counter-signed.p7m", None);
    assert_eq!(r.signatures.len(), 2, "{r:#?}");
    let cs = &r.signatures[1];
    assert!(cs
        .sub_filter
        .as_deref()
        .unwrap()
        .contains("countersignature"));
    assert!(cs
        .findings
        .iter()
        .any(|f| f.code == codes::COUNTER_SIGNATURE_OF));
    assert!(cs.intact && cs.signature_valid && cs.trusted, "{cs:#?}");
    assert_eq!(r.verdict.indication, Indication::TotalPassed);
    // The same countersignature with one bit of its value flipped.
    let r = trusted("counter-signature-broken.p7m", None);
    assert_eq!(r.signatures[0].indication, Indication::TotalPassed);
    assert_eq!(
        r.signatures[1].sub_indication,
        Some(SubIndication::SigCryptoFailure)
    );
    assert_eq!(r.verdict.indication, Indication::TotalFailed);
}

#[test]
fn openssl_detached_signatures_of_kyso_cms_verify_with_their_content() {
    // Every algorithm kyso-cms' fixtures were made with (RSA PKCS#1 with SHA-1
    // to SHA3, PSS, ECDSA P-256/384/521, without signed attributes, by key id).
    let content = cms_data("content.txt");
    let ca = cms_data("ca.crt");
    for name in [
        "rsa-sha256-detached.p7s",
        "rsa-sha512-detached.p7s",
        "rsa-sha3-256-detached.p7s",
        "rsa-noattr-detached.p7s",
        "rsa-keyid-detached.p7s",
        "rsa-pss-sha384-detached.p7s",
        "ec-p256-sha256-detached.p7s",
        "ec-p384-sha384-detached.p7s",
        "ec-p521-sha512-detached.p7s",
    ] {
        let r = run(name, &cms_data(name), Some(&content), Some(ca.clone()));
        assert_eq!(
            r.verdict.indication,
            Indication::TotalPassed,
            "{name}: {r:#?}"
        );
    }
    let tampered = cms_data("content-tampered.txt");
    let r = run(
        "rsa-sha256-detached.p7s",
        &cms_data("rsa-sha256-detached.p7s"),
        Some(&tampered),
        Some(ca.clone()),
    );
    assert_eq!(r.verdict.sub_indication, Some(SubIndication::HashFailure));
    // SHA-1 is not accepted for a signature made now.
    let r = run(
        "rsa-sha1-detached.p7s",
        &cms_data("rsa-sha1-detached.p7s"),
        Some(&content),
        Some(ca.clone()),
    );
    assert_ne!(r.verdict.indication, Indication::TotalPassed);
    assert!(r.signatures[0].facts.weak_algorithm);
    // No signer certificate in the file.
    let r = run(
        "rsa-nocerts-detached.p7s",
        &cms_data("rsa-nocerts-detached.p7s"),
        Some(&content),
        Some(ca),
    );
    assert_eq!(
        r.verdict.sub_indication,
        Some(SubIndication::NoSigningCertificateFound)
    );
}

#[test]
fn unreadable_input_is_a_structural_failure_not_a_panic() {
    let good = data("attached.p7m");
    for bad in [
        b"".to_vec(),
        b"\x30".to_vec(),
        b"-----BEGIN PKCS7-----\nnot base64\n-----END PKCS7-----\n".to_vec(),
        good[..good.len() / 2].to_vec(),
    ] {
        let r = run("bad.p7m", &bad, None, None);
        assert!(has(&r, codes::UNREADABLE), "{r:#?}");
        assert_eq!(r.verdict.indication, Indication::TotalFailed);
        assert_eq!(r.verdict.sub_indication, Some(SubIndication::FormatFailure));
    }
    // Every truncation and a byte flipped at every position of a small file:
    // a report, never a panic. Flips in what is signed (the content) or in the
    // signature value (the file's last 256 bytes: RSA-2048, no unsigned
    // attributes) never pass; elsewhere (e.g. SignedData.digestAlgorithms,
    // which no signature covers) a flip may leave the signature intact.
    let content = data("content.txt");
    let at = good
        .windows(content.len())
        .position(|w| w == content.as_slice())
        .expect("content inside");
    let signed = (at..at + content.len()).chain(good.len() - 256..good.len());
    for n in 0..good.len() {
        let _ = run("t.p7m", &good[..n], None, None);
        let mut flipped = good.clone();
        flipped[n] ^= 0xff;
        let _ = run("f.p7m", &flipped, None, None);
    }
    for n in signed {
        let mut flipped = good.clone();
        flipped[n] ^= 0x01;
        let r = run("f.p7m", &flipped, None, Some(data("ca.crt")));
        assert_eq!(
            r.verdict.indication,
            Indication::TotalFailed,
            "byte {n} flipped"
        );
    }
}

#[test]
fn enveloped_document_is_verified_as_a_counted_child() {
    let seen = std::cell::RefCell::new(Vec::new());
    let verify = |name: &str, bytes: &[u8]| {
        seen.borrow_mut().push((name.to_string(), bytes.len()));
        let mut child = Report::new(
            FileInfo {
                name: Some(name.into()),
                size: bytes.len() as u64,
                sha256: String::new(),
            },
            if bytes.starts_with(b"%PDF-") {
                Format::Pdf
            } else {
                Format::Unknown
            },
        );
        finalize(&mut child);
        child
    };
    let nested = Nested {
        verify: &verify,
        max_files: 1,
    };
    let opts = ValidationOptions {
        extra_trust: &[],
        test_anchors: &[],
        now: None,
        validation_time: Default::default(),
    };
    let bytes = data("decision.pdf.p7m");
    let mut r = Report::new(
        FileInfo {
            name: Some("decision.pdf.p7m".into()),
            size: 0,
            sha256: String::new(),
        },
        Format::Cms,
    );
    verify_cms_file(
        Some("decision.pdf.p7m"),
        &bytes,
        None,
        &opts,
        Some(&nested),
        &mut r,
    );
    assert_eq!(seen.borrow()[0].0, "decision.pdf");
    assert_eq!(r.children.len(), 1);
    assert_eq!(r.children[0].location, "content:decision.pdf");
    assert!(r.children[0].counts_for_verdict);
    assert!(has(&r, codes::CONTENT_VERIFIED));
    // The PDF is one slice of the .p7m: offered for download from the file.
    let [a, b] = r.children[0].range.expect("content range");
    let pdf = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf/i3-rsa2048-cades.pdf"),
    )
    .unwrap();
    assert_eq!(&bytes[a as usize..b as usize], pdf.as_slice());
    // Plain text content is not a document: no child.
    seen.borrow_mut().clear();
    let mut r = Report::new(
        FileInfo {
            name: None,
            size: 0,
            sha256: String::new(),
        },
        Format::Cms,
    );
    verify_cms_file(
        None,
        &data("attached.p7m"),
        None,
        &opts,
        Some(&nested),
        &mut r,
    );
    assert_eq!(seen.borrow()[0].0, "content");
    assert!(r.children.is_empty());
}

fn ts_trusted(name: &str) -> Report {
    run(name, &data(name), None, Some(data("ts-ca.crt")))
}

#[test]
fn content_timestamp_is_checked_against_the_content() {
    // pyHanko's CAdES with a content timestamp (signed) and a signature timestamp.
    let r = ts_trusted("ts-content.p7m");
    assert_eq!(r.verdict.indication, Indication::TotalPassed, "{r:#?}");
    assert!(has(&r, codes::CONTENT_TIMESTAMP_VALID));
    assert!(r.signatures[0].signing_time.timestamp.is_some());
    // Its authority untrusted: a warning, the signature itself undecided for the same reason.
    let r = run("ts-content.p7m", &data("ts-content.p7m"), None, None);
    assert!(has(&r, codes::CONTENT_TIMESTAMP_UNTRUSTED), "{r:#?}");
    assert_ne!(r.verdict.indication, Indication::TotalPassed);
}

#[test]
fn content_timestamp_over_other_bytes_is_a_broken_timestamp() {
    let r = ts_trusted("ts-content-mismatch.p7m");
    assert_eq!(r.verdict.indication, Indication::Indeterminate, "{r:#?}");
    assert_eq!(
        r.verdict.sub_indication,
        Some(SubIndication::SigConstraintsFailure)
    );
    assert!(has(&r, codes::CONTENT_TIMESTAMP_INVALID));
    assert!(!has(&r, codes::CONTENT_TIMESTAMP_VALID));
}

#[test]
fn content_timestamp_later_than_the_signature_timestamp() {
    let r = ts_trusted("ts-content-late.p7m");
    assert_eq!(r.verdict.indication, Indication::Indeterminate, "{r:#?}");
    assert_eq!(
        r.verdict.sub_indication,
        Some(SubIndication::TimestampOrderFailure)
    );
    assert!(has(&r, codes::CONTENT_TIMESTAMP_AFTER_SIGNATURE));
}

#[test]
fn archive_timestamps_are_read_not_used() {
    let r = ts_trusted("ts-archive.p7m");
    assert_eq!(r.verdict.indication, Indication::TotalPassed, "{r:#?}");
    assert!(has(&r, codes::ARCHIVE_TIMESTAMPS));
    let read: Vec<_> = r.signatures[0]
        .findings
        .iter()
        .filter(|f| f.code == kyso_validation::codes::TIMESTAMP_UNBOUND)
        .collect();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].severity, kyso_report::Severity::Info, "{read:?}");
    // The proof of time is still the signature timestamp, not the archive one.
    let plain = ts_trusted("ts-content.p7m");
    assert_eq!(
        r.signatures[0].signing_time.timestamp,
        plain.signatures[0].signing_time.timestamp
    );
}
