//! Issue 10: the administrative documents of `fixtures/admin` (made by
//! LibreOffice and signed by pyHanko, `scripts/gen-admin-fixtures.py`) read
//! exactly as `fixtures/admin/expected.json` says, through the whole
//! pipeline, and the cross-checks give the findings each file is built for.

use std::path::PathBuf;

use kyso_core::{verify, Options};
use kyso_report::{AdministrativeInfo, Indication, ReadValue};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn value(v: &Option<ReadValue>) -> Value {
    v.as_ref().map_or(Value::Null, |v| json!(v.value))
}

fn list(v: &[ReadValue]) -> Value {
    json!(v.iter().map(|x| x.value.clone()).collect::<Vec<_>>())
}

/// The fields of `expected.json`, from what Kyso read.
fn actual(a: &AdministrativeInfo) -> Value {
    json!({
        "issuing_body": value(&a.issuing_body),
        "parent_body": value(&a.parent_body),
        "number": value(&a.number),
        "notation": value(&a.notation),
        "doc_type": value(&a.doc_type),
        "doc_type_abbreviation": a.doc_type_abbreviation,
        "place": value(&a.place),
        "date": value(&a.date),
        "subject": value(&a.subject),
        "addressees": list(&a.addressees),
        "recipients": list(&a.recipients),
        "authority": list(&a.authority),
        "signer_position": value(&a.signer_position),
        "signer_name": value(&a.signer_name),
        "urgency": value(&a.urgency),
        "confidentiality": value(&a.confidentiality),
        "appendices": a.appendices.iter().map(|p| json!({
            "label": p.label.value,
            "cites": p.cites,
            "cited_number": p.cited_number,
            "cited_notation": p.cited_notation,
            "cited_date": p.cited_date,
        })).collect::<Vec<_>>(),
        "stamps": a.stamps.iter().map(|s| json!({
            "field": s.field,
            "page": s.page,
            "signer": s.signer,
            "organisation": s.organisation,
            "time_as_written": s.time_as_written,
            "time": s.time,
        })).collect::<Vec<_>>(),
    })
}

#[test]
fn administrative_fixtures_read_exactly() {
    let dir = root().join("fixtures/admin");
    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap()).unwrap();
    let trust = std::fs::read(root().join(expected["trust_root"].as_str().unwrap())).unwrap();
    let opts = Options {
        extra_trust: vec![trust],
        ..Default::default()
    };
    let files = expected["files"].as_object().unwrap();
    assert_eq!(files.len(), 7);
    let mut failures = Vec::new();
    for (name, want) in files {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let report = verify(Some(name), &bytes, &opts);
        assert_eq!(report.verdict.indication, Indication::TotalPassed, "{name}");
        let Some(a) = report
            .document
            .as_ref()
            .and_then(|d| d.administrative.as_ref())
        else {
            failures.push(format!("{name}: nothing read"));
            continue;
        };
        let got = actual(a);
        for (k, v) in got.as_object().unwrap() {
            if want.get(k) != Some(v) {
                failures.push(format!(
                    "{name}: {k}\n    expected {}\n    got      {}",
                    want.get(k).unwrap_or(&Value::Null),
                    v
                ));
            }
        }
        let codes: Vec<&str> = report
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .filter(|c| c.starts_with("doc.admin."))
            .collect();
        let intended: Vec<&str> = want["intended_findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        if codes != intended {
            failures.push(format!("{name}: findings {codes:?}, intended {intended:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// An embedded signed file is listed with its SHA-256 and verified on its
/// own as a child report that the parent's verdict does not count.
#[test]
fn embedded_signed_file_is_a_nested_report() {
    use sha2::{Digest, Sha256};
    let dir = root().join("fixtures/admin");
    let trust = std::fs::read(root().join("fixtures/pdf/trust/kyso-test-root.pem")).unwrap();
    let opts = Options {
        extra_trust: vec![trust],
        ..Default::default()
    };
    let bytes = std::fs::read(dir.join("cong-van-with-embedded-decision.pdf")).unwrap();
    let inner = std::fs::read(dir.join("quyet-dinh-urgent.pdf")).unwrap();
    let r = verify(Some("cong-van-with-embedded-decision.pdf"), &bytes, &opts);
    assert_eq!(r.verdict.indication, Indication::TotalPassed);
    let files = &r.document.as_ref().unwrap().embedded_files;
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "quyet-dinh-urgent.pdf");
    assert_eq!(files[0].size, Some(inner.len() as u64));
    assert_eq!(
        files[0].sha256.as_deref(),
        Some(hex::encode(Sha256::digest(&inner)).as_str())
    );
    assert_eq!(r.children.len(), 1);
    let c = &r.children[0];
    assert_eq!(c.location, "embedded:quyet-dinh-urgent.pdf");
    assert!(!c.counts_for_verdict);
    assert_eq!(c.report.verdict.indication, Indication::TotalPassed);
    assert_eq!(c.report.file.sha256, files[0].sha256.clone().unwrap());
    let a = c
        .report
        .document
        .as_ref()
        .unwrap()
        .administrative
        .as_ref()
        .unwrap();
    assert_eq!(a.number_and_notation().as_deref(), Some("12/QĐ-SNV"));
    // Nested no deeper than MAX_NESTING: a document verified at that depth lists, not verifies.
    let deep = verify(
        None,
        &bytes,
        &Options {
            nesting: kyso_core::MAX_NESTING,
            ..opts.clone()
        },
    );
    assert!(deep.children.is_empty());
    assert_eq!(deep.document.unwrap().embedded_files.len(), 1);
}
