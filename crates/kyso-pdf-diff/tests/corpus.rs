//! The shared corpus (`../shared/corpus`): every `flag-*`, `invalid-structure` and
//! `valid-with-permitted-updates` PDF meets its expected verdict as far as the
//! parser's byte-range checks and this crate's change analysis decide it; and
//! the real Vietnamese decrees show no disallowed change. Skips when the shared
//! material is absent.

mod common;

use common::{manifest, meets, run, shared};

/// Files where this crate knowingly disagrees with the manifest, with why.
/// Checked both ways: an entry that starts agreeing fails the test too.
const KNOWN_DIVERGENCES: &[(&str, &str)] = &[];

/// Intact files whose later update cannot be read, so its changes cannot be
/// cleared: Kyso says "not permitted" rather than guess. Checked both ways.
const KNOWN_UNREADABLE_UPDATES: &[(&str, &str)] = &[
    // Was "dss__pades-5-signatures-and-1-document-timestamp.pdf" (last update's xref
    // shifted by 20,326 bytes) until the parser learnt to locate shifted sections;
    // it now comes out permitted with `pdf.changes.xref_repaired`.
];

/// Findings the analysis must give on particular corpus files.
const REQUIRED: &[(&str, &str)] = &[
    ("dss__hide.pdf", "pdf.attack.shadow_replace"),
    ("dss__replace.pdf", "pdf.attack.shadow_replace"),
    (
        "dss__pades-spoofing-replaced-reason.pdf",
        "pdf.attack.signature_spoofing",
    ),
    (
        "dss__pdf-with-empty-sig.pdf",
        "pdf.attack.universal_signature_forgery",
    ),
    ("dss__siwa.pdf", "pdf.attack.signature_wrapping"),
    ("dss__pdf-signed-added-page.pdf", "pdf.changes.page_count"),
    ("dss__pdf-removed-pages.pdf", "pdf.changes.page_count"),
    (
        "verifypdf__bytes-added.pdf",
        "pdf.attack.incremental_saving",
    ),
    (
        "pyhanko__form-update-override-appearance-stream-sneaky.pdf",
        "pdf.attack.shadow_replace",
    ),
];

#[test]
fn corpus_change_verdicts() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus");
    let mut failures = Vec::new();
    let mut n = 0;
    for (file, expected) in manifest(&dir.join("MANIFEST.tsv")) {
        let relevant = expected.starts_with("flag-")
            || expected == "invalid-structure"
            || expected == "valid-with-permitted-updates";
        if !file.ends_with(".pdf") || !relevant {
            continue;
        }
        n += 1;
        let o = run(&std::fs::read(dir.join(&file)).unwrap());
        let ok = meets(&expected, &o);
        let known = KNOWN_DIVERGENCES.iter().any(|(f, _)| *f == file);
        if ok == known {
            failures.push(format!(
                "{file}: expected {expected} (known divergence: {known}); got {}",
                o.summary()
            ));
        }
        for (f, code) in REQUIRED {
            if *f == file && !o.has(code) {
                failures.push(format!("{file}: missing {code}; got {}", o.summary()));
            }
        }
    }
    assert!(n >= 20, "only {n} relevant corpus PDFs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_valid_files_have_no_disallowed_changes() {
    // Intact real-world files ("valid-*"): several carry later LTV revisions
    // (DSS, document timestamps) that must come out as permitted.
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus");
    let mut failures = Vec::new();
    for (file, expected) in manifest(&dir.join("MANIFEST.tsv")) {
        if !file.ends_with(".pdf")
            || !(expected == "valid-untrusted" || expected == "valid-with-test-root")
        {
            continue;
        }
        let o = run(&std::fs::read(dir.join(&file)).unwrap());
        let known = KNOWN_UNREADABLE_UPDATES.iter().any(|(f, _)| *f == file);
        if o.any_disallowed() != known {
            failures.push(format!(
                "{file} ({expected}, known divergence: {known}): {}",
                o.summary()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn vietnamese_decrees_have_no_disallowed_changes() {
    let Some(shared) = shared() else { return };
    for f in ["49-2026-ND-CP.pdf", "199-ndcp.signed.pdf"] {
        let o = run(&std::fs::read(shared.join("vn/pdf").join(f)).unwrap());
        let a = o
            .analysis
            .as_ref()
            .unwrap_or_else(|| panic!("{f}: {}", o.summary()));
        assert_eq!(a.per_signature.len(), 1, "{f}");
        assert!(!o.any_disallowed(), "{f}: {}", o.summary());
        assert!(!o.has_prefix("pdf.attack."), "{f}: {}", o.summary());
    }
}
