//! Every fixture of `fixtures/attacks` (written by `scripts/gen-attack-fixtures.py`:
//! pyHanko-signed first revisions, legitimate updates by pyHanko, malicious ones
//! appended byte by byte) meets its expected verdict and names its attack.

mod common;

use common::{manifest, meets, repo, run};

/// The finding each fixture must carry (beyond its verdict).
const REQUIRED: &[(&str, &[&str])] = &[
    (
        "legit-decree-certified-p2-two-approvals.pdf",
        &["pdf.changes.certification_level", "pdf.changes.permitted"],
    ),
    (
        "legit-approval-fill-unlocked-then-sign.pdf",
        &["pdf.changes.permitted"],
    ),
    (
        "legit-decree-copying-writer.pdf",
        &["pdf.changes.permitted"],
    ),
    (
        "legit-decree-five-signatures-parenttree-rewritten.pdf",
        &["pdf.changes.certification_level", "pdf.changes.permitted"],
    ),
    ("info-author-reencoded.pdf", &["pdf.changes.permitted"]),
    (
        "sneaky-signature-real-over-text.pdf",
        &["pdf.attack.covers_signed_content"],
    ),
    (
        "legit-signature-stamp-on-blank-space.pdf",
        &["pdf.changes.permitted"],
    ),
    (
        "hidden-annotation-revealed-p3.pdf",
        &["pdf.attack.covers_signed_content"],
    ),
    (
        "hidden-annotation-left-alone-p3.pdf",
        &["pdf.changes.permitted"],
    ),
    (
        "prepositioned-field-filled-over-text.pdf",
        &["pdf.attack.covers_signed_content"],
    ),
    ("field-filled-on-empty-line.pdf", &["pdf.changes.permitted"]),
    ("scan-stamp-on-blank-margin.pdf", &["pdf.changes.permitted"]),
    (
        "scan-stamp-over-text.pdf",
        &["pdf.attack.covers_signed_content"],
    ),
    (
        "comments-after-approval.pdf",
        &[
            "pdf.changes.annotations_after_approval",
            "pdf.changes.permitted",
        ],
    ),
    (
        "struct-parenttree-entry-altered.pdf",
        &["pdf.changes.disallowed"],
    ),
    (
        "fake-visible-signature-unsigned.pdf",
        &["pdf.changes.unsigned_signature_field"],
    ),
    (
        "sneaky-signature-widget.pdf",
        &["pdf.changes.unsigned_signature_field"],
    ),
    ("docmdp-p1-then-signature.pdf", &["pdf.changes.disallowed"]),
    (
        "docmdp-p1-then-doc-timestamp.pdf",
        &["pdf.changes.permitted"],
    ),
    (
        "fieldmdp-locked-field-filled.pdf",
        &["pdf.changes.disallowed"],
    ),
    (
        "certification-not-first.pdf",
        &[
            "pdf.changes.certification_not_first",
            "pdf.changes.disallowed",
        ],
    ),
    (
        "isa-content-replaced.pdf",
        &["pdf.attack.incremental_saving"],
    ),
    ("page-added.pdf", &["pdf.changes.page_count"]),
    (
        "shadow-hide-overlay-emptied.pdf",
        &["pdf.attack.shadow_hide"],
    ),
    (
        "shadow-hide-resources-repointed.pdf",
        &["pdf.attack.shadow_hide"],
    ),
    (
        "shadow-replace-readonly-field.pdf",
        &["pdf.attack.shadow_replace"],
    ),
    ("shadow-replace-font.pdf", &["pdf.attack.shadow_replace"]),
    (
        "shadow-hide-and-replace-root.pdf",
        &[
            "pdf.attack.shadow_hide_and_replace",
            "pdf.attack.hidden_objects",
        ],
    ),
    (
        "shadow-hide-and-replace-xref.pdf",
        &["pdf.attack.shadow_hide_and_replace"],
    ),
    (
        "evil-annotation-approval.pdf",
        &["pdf.attack.evil_annotation"],
    ),
    ("evil-annotation-p3.pdf", &["pdf.attack.evil_annotation"]),
    (
        "sneaky-signature-widget.pdf",
        &["pdf.attack.sneaky_signature"],
    ),
    (
        "usf-zero-byterange.pdf",
        &["pdf.attack.universal_signature_forgery"],
    ),
    (
        "usf-null-values.pdf",
        &["pdf.attack.universal_signature_forgery"],
    ),
    ("signature-wrapping.pdf", &["pdf.attack.signature_wrapping"]),
    (
        "dangling-reference-filled.pdf",
        &["pdf.attack.shadow_hide_and_replace"],
    ),
    (
        "need-appearances-after-signing.pdf",
        &["pdf.attack.shadow_replace"],
    ),
    (
        "info-title-changed.pdf",
        &["pdf.changes.displayed_metadata", "pdf.changes.permitted"],
    ),
];

#[test]
fn every_attack_fixture_meets_its_verdict() {
    let dir = repo().join("fixtures/attacks");
    let rows = manifest(&dir.join("MANIFEST.tsv"));
    assert!(rows.len() >= 20, "manifest lists {} fixtures", rows.len());
    let mut failures = Vec::new();
    for (file, expected) in &rows {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let o = run(&bytes);
        if !meets(expected, &o) {
            failures.push(format!("{file}: expected {expected}, got {}", o.summary()));
        }
        for (_, codes) in REQUIRED.iter().filter(|(f, _)| f == file) {
            for c in *codes {
                if !o.has(c) {
                    failures.push(format!("{file}: missing finding {c}; got {}", o.summary()));
                }
            }
        }
    }
    // Every fixture has a required finding listed above, except those the
    // parser refuses outright (broken xref, /Prev loop) and the hidden signed
    // revision, whose findings come from the pipeline (kyso-core's tests).
    for (file, _) in &rows {
        assert!(
            REQUIRED.iter().any(|(f, _)| f == file)
                || matches!(
                    file.as_str(),
                    "update-broken-xref.pdf"
                        | "xref-prev-loop.pdf"
                        | "signed-revision-unreachable.pdf"
                ),
            "{file} has no required finding"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tagged_decree_signatures_are_permitted_updates_of_each_other() {
    let bytes =
        std::fs::read(repo().join("fixtures/attacks/legit-decree-certified-p2-two-approvals.pdf"))
            .unwrap();
    let o = run(&bytes);
    let a = o.analysis.expect("parses");
    assert_eq!(a.per_signature.len(), 3);
    for (i, s) in a.per_signature.iter().enumerate() {
        let ch: Vec<_> = a.changes_after(i).collect();
        assert!(!s.disallowed, "signature #{}: {ch:?}", i + 1);
    }
    // The first two are followed by visible signatures (level form filling,
    // as in pyHanko and PAdES); the last covers the file.
    assert_eq!(
        a.per_signature[0].modification_level,
        kyso_report::ModificationLevel::FormFilling
    );
    assert_eq!(
        a.per_signature[2].modification_level,
        kyso_report::ModificationLevel::None
    );
    // The structure-tree and metadata updates were seen, and allowed.
    let ch: Vec<_> = a.changes_after(0).collect();
    // Listed once for the document, referred to by each signature.
    let after = a.per_signature[0].changes_after.expect("analysed");
    assert_eq!(after.count as usize, ch.len());
    assert_eq!(after.not_permitted, 0);
    assert!(a.changes_after(2).next().is_none());
    assert!(
        ch.iter()
            .any(|c| c.allowed && c.message_en.contains("Structure tree")),
        "{ch:?}"
    );
    assert!(
        ch.iter().any(|c| c.allowed && c.class == "metadata"),
        "{ch:?}"
    );
}

#[test]
fn every_message_is_bilingual() {
    let dir = repo().join("fixtures/attacks");
    for (file, _) in manifest(&dir.join("MANIFEST.tsv")) {
        let o = run(&std::fs::read(dir.join(&file)).unwrap());
        let Some(a) = o.analysis else { continue };
        for s in &a.per_signature {
            for f in &s.findings {
                assert!(
                    !f.message_vi.is_empty()
                        && !f.message_en.is_empty()
                        && f.message_vi != f.message_en,
                    "{file}: {f:?}"
                );
            }
        }
        for c in &a.changes {
            assert!(
                !c.message_vi.is_empty() && !c.message_en.is_empty(),
                "{file}: {c:?}"
            );
        }
    }
}

/// The signed fixtures of `fixtures/pdf` (made by `scripts/gen-fixtures.py` with
/// pyHanko's own incremental writer): later revisions that are legitimate must be
/// permitted, the `flag-modified-after-signing` ones must not.
#[test]
fn signer_fixtures_agree() {
    let dir = repo().join("fixtures/pdf");
    let Ok(_) = std::fs::metadata(dir.join("MANIFEST.tsv")) else {
        eprintln!("SKIP: fixtures/pdf/MANIFEST.tsv not present");
        return;
    };
    let mut failures = Vec::new();
    let mut n = 0;
    for (file, expected) in manifest(&dir.join("MANIFEST.tsv")) {
        let Ok(bytes) = std::fs::read(dir.join(&file)) else {
            continue;
        };
        let o = run(&bytes);
        let ok = match expected.as_str() {
            "valid-with-permitted-updates"
            | "valid-with-test-root"
            | "valid-untrusted"
            | "invalid-cert-expired"
            | "indeterminate"
            | "weak-algorithm" => !o.any_disallowed() && !o.has_prefix("pdf.attack."),
            "flag-modified-after-signing" => o.any_disallowed(),
            _ => continue,
        };
        n += 1;
        if !ok {
            failures.push(format!("{file}: expected {expected}; got {}", o.summary()));
        }
    }
    assert!(n > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn metadata_is_compared_as_the_text_viewers_show() {
    let bytes = std::fs::read(repo().join("fixtures/attacks/info-author-reencoded.pdf")).unwrap();
    let a = run(&bytes).analysis.expect("parses");
    let s = &a.per_signature[0];
    assert!(!s.disallowed, "{:?}", a.changes);
    assert!(
        s.findings
            .iter()
            .all(|f| f.code != "pdf.changes.displayed_metadata"),
        "an encoding-only change is not a changed author: {:?}",
        s.findings
    );
    // The title change of the other fixture is still reported.
    let bytes = std::fs::read(repo().join("fixtures/attacks/info-title-changed.pdf")).unwrap();
    let a = run(&bytes).analysis.expect("parses");
    assert!(a.per_signature[0]
        .findings
        .iter()
        .any(|f| f.code == "pdf.changes.displayed_metadata"));
}

/// The covering rule says where: page, page box and the hidden rectangle
/// (what the portal sketches), and only for the attacks, never for the same
/// change on blank space.
#[test]
fn hidden_regions_are_located_on_the_page() {
    let dir = repo().join("fixtures/attacks");
    let load = |f: &str| {
        run(&std::fs::read(dir.join(f)).unwrap())
            .analysis
            .expect("parses")
    };
    let a = load("prepositioned-field-filled-over-text.pdf");
    let c = &a.per_signature[0].covered;
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].page, 1);
    assert_eq!(c[0].page_box, Some([0.0, 0.0, 595.0, 842.0]));
    // The title line (baseline 760, 16 pt) under the field [70 755 400 780].
    let [x0, y0, x1, y1] = c[0].rect;
    assert!(
        x0 >= 70.0 && x1 <= 400.0 && y0 >= 755.0 && y1 <= 780.0,
        "{c:?}"
    );
    assert!(c[0].texts.iter().any(|t| t.contains("QD-KYSO")), "{c:?}");
    let a = load("scan-stamp-over-text.pdf");
    assert_eq!(a.per_signature[0].covered.len(), 1);
    for legit in [
        "field-filled-on-empty-line.pdf",
        "legit-signature-stamp-on-blank-space.pdf",
        "scan-stamp-on-blank-margin.pdf",
        "hidden-annotation-left-alone-p3.pdf",
    ] {
        let a = load(legit);
        assert!(
            a.per_signature.iter().all(|s| s.covered.is_empty()),
            "{legit}"
        );
    }
}
