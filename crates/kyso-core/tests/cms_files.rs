//! CMS signature files through the whole pipeline: detection (DER, PEM, bare
//! Base64), the CMS profile, a detached signature with its file, and the
//! document inside a `.p7m` verified as a child that counts for the verdict.

use kyso_core::{verify, verify_detached, Options};
use kyso_report::{Format, Indication, SubIndication};
use std::path::PathBuf;

fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../kyso-cades/tests/data")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn with_root() -> Options {
    Options {
        test_anchors: vec![data("ca.crt")],
        ..Default::default()
    }
}

#[test]
fn p7m_text_forms_are_detected_and_verified() {
    for name in ["attached.p7m", "attached-pem.p7m", "attached-base64.p7m"] {
        let r = verify(Some(name), &data(name), &with_root());
        assert_eq!(r.format, Format::Cms, "{name}");
        assert_eq!(r.verdict.indication, Indication::TotalPassed, "{name}");
    }
}

#[test]
fn detached_signature_with_and_without_its_file() {
    let sig = data("content.txt.p7s");
    let r = verify(Some("content.txt.p7s"), &sig, &with_root());
    assert_eq!(
        r.verdict.sub_indication,
        Some(SubIndication::SignedDataNotFound)
    );
    // Never the "no signature" sentence for a signature Kyso could not finish.
    assert!(!r.verdict.summary_en.contains("no digital signature"));
    let content = data("content.txt");
    let r = verify_detached(
        Some("content.txt.p7s"),
        &sig,
        Some(("content.txt", &content)),
        &with_root(),
    );
    assert_eq!(r.verdict.indication, Indication::TotalPassed);
}

#[test]
fn the_pdf_inside_a_p7m_is_verified_and_counts() {
    let r = verify(
        Some("decision.pdf.p7m"),
        &data("decision.pdf.p7m"),
        &with_root(),
    );
    assert_eq!(r.signatures.len(), 1);
    assert_eq!(r.children.len(), 1, "{:#?}", r.findings);
    let child = &r.children[0];
    assert!(child.counts_for_verdict);
    assert_eq!(child.report.format, Format::Pdf);
    assert_eq!(child.report.signatures.len(), 1);
    assert!(child.report.signatures[0].intact);
    // The PDF's own signer chains to another test root: the PDF is
    // indeterminate, so the envelope is too, though its own signature passes.
    assert_eq!(r.signatures[0].indication, Indication::TotalPassed);
    assert_eq!(r.verdict.indication, child.report.verdict.indication);
    assert_eq!(child.report.verdict.indication, Indication::Indeterminate);
}
