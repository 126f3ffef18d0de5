//! GitHub issue 9, item 4: structures that must never be answered with a wrong
//! "no signature" or a pass, on the fixtures the committed generators write
//! (`scripts/gen-attack-fixtures.py`, `scripts/gen-fixtures.py`).

use kyso_core::{verify, Options};
use kyso_pades::codes;
use kyso_report::{Coverage, Indication, Report, SubIndication};
use std::path::PathBuf;

fn fixture(rel: &str) -> (Vec<u8>, Report) {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let opts = Options {
        now: Some(1_790_000_000),
        ..Default::default()
    };
    let r = verify(Some(rel), &bytes, &opts);
    (bytes, r)
}

#[test]
fn a_signed_revision_hidden_by_prev_is_indeterminate_not_unsigned() {
    let (bytes, r) = fixture("fixtures/attacks/signed-revision-unreachable.pdf");
    assert_eq!(r.verdict.indication, Indication::Indeterminate, "{r:#?}");
    assert_eq!(r.verdict.sub_indication, Some(SubIndication::FormatFailure));
    assert_eq!(r.signatures.len(), 1, "the hidden signature is listed");
    let s = &r.signatures[0];
    assert_eq!(s.indication, Indication::Indeterminate);
    assert_eq!(s.sub_indication, Some(SubIndication::FormatFailure));
    assert!(s.facts.revision_unreachable);
    let f = s
        .findings
        .iter()
        .find(|f| f.code == codes::PDF_SIGNED_REVISION_UNREACHABLE)
        .expect("the finding says why");
    assert_eq!(f.severity, kyso_report::Severity::Error);
    assert!(
        f.message_en.contains("no longer reaches"),
        "{}",
        f.message_en
    );
    assert!(
        f.message_vi.contains("không còn dẫn tới"),
        "{}",
        f.message_vi
    );
    // The signed version itself is intact, genuine, and can be extracted.
    assert!(s.intact && s.signature_valid);
    assert_eq!(s.coverage, Coverage::EntireRevision);
    assert_eq!(s.revision, None);
    let n = s.signed_length.unwrap() as usize;
    assert!(n < bytes.len());
    assert!(bytes[..n].trim_ascii_end().ends_with(b"%%EOF"));
    assert_eq!(s.sub_filter.as_deref(), Some("adbe.pkcs7.detached"));
    assert_eq!(
        s.signer.as_ref().and_then(|c| c.common_name.as_deref()),
        Some("Nguyễn Văn A (Kyso test)")
    );
}

#[test]
fn a_prev_loop_is_a_format_failure() {
    let (_, r) = fixture("fixtures/attacks/xref-prev-loop.pdf");
    assert_eq!(r.verdict.indication, Indication::Indeterminate, "{r:#?}");
    assert_eq!(r.verdict.sub_indication, Some(SubIndication::FormatFailure));
    let e = r.error.as_ref().expect("the structure is refused");
    assert_eq!(e.code, "pdf.xref.prev_loop");
    assert!(e.message_en.contains("loops"), "{}", e.message_en);
    assert!(e.message_vi.contains("quay vòng"), "{}", e.message_vi);
    assert!(r.signatures.is_empty());
}

#[test]
fn encapsulated_content_in_a_detached_pdf_signature_is_a_format_failure() {
    // Everything else about this signature verifies (digest, value, chain).
    let (_, r) = fixture("fixtures/pdf/i9-neg-pkcs7-encapsulated-content.pdf");
    assert_eq!(r.verdict.indication, Indication::TotalFailed, "{r:#?}");
    assert_eq!(r.verdict.sub_indication, Some(SubIndication::FormatFailure));
    let s = &r.signatures[0];
    assert!(s.facts.format_failure);
    assert_eq!(s.facts.digest_matches, Some(true));
    assert_eq!(s.facts.crypto_valid, Some(true));
    let f = s
        .findings
        .iter()
        .find(|f| f.code == codes::PDF_CMS_CONTENT_ENCAPSULATED)
        .expect("the finding says why");
    assert_eq!(f.severity, kyso_report::Severity::Error);
    assert!(f.message_vi.contains("eContent") && f.message_en.contains("eContent"));
    assert!(!s
        .findings
        .iter()
        .any(|f| f.code == codes::PDF_CMS_CONTENT_NOT_DETACHED));

    // adbe.pkcs7.sha1 encapsulates the document digest by definition: untouched.
    let (_, r) = fixture("fixtures/pdf/i3-pkcs7-sha1.pdf");
    let s = &r.signatures[0];
    assert!(!s.facts.format_failure);
    assert!(s
        .findings
        .iter()
        .any(|f| f.code == codes::PDF_PKCS7_SHA1_DIGEST_OK));
    assert!(!s
        .findings
        .iter()
        .any(|f| f.code.starts_with("core.pdf.cms.content_")));
}
