//! Conformance: `kyso corpus` over the shared corpus and the project's fixtures.
//!
//! Issue 3's rule on the shared corpus: no `invalid-modified`, `invalid-crypto`
//! or `invalid-structure` PDF ever comes out intact and valid, and every
//! `valid-*` PDF comes out intact. On every folder: full agreement with the
//! manifest except the rows listed, with a reason, in `corpus-exceptions.tsv`
//! (and a listed row that agrees fails the test too, so the list stays true).

mod common;

use common::{kyso, repo, shared};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn run_corpus(dir: &Path) -> Vec<Value> {
    let out = kyso(&["corpus", dir.to_str().unwrap(), "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("corpus --json output");
    eprintln!(
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr).trim()
    );
    v.as_array().unwrap().clone()
}

fn exceptions(folder: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(repo().join("crates/kyso-cli/tests/corpus-exceptions.tsv"))
        .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut c = l.splitn(3, '\t');
            let (f, file, why) = (c.next()?, c.next()?, c.next()?);
            assert!(!why.trim().is_empty(), "exception without a reason: {l}");
            (f == folder).then(|| (file.to_string(), why.to_string()))
        })
        .collect()
}

fn assert_agreement(folder: &str, rows: &[Value]) {
    let exc = exceptions(folder);
    let mut unexpected = vec![];
    let mut now_agree = vec![];
    for r in rows.iter().filter(|r| r["skipped"] == false) {
        let file = r["file"].as_str().unwrap();
        match (r["agrees"].as_bool().unwrap(), exc.contains_key(file)) {
            (false, false) => unexpected.push(format!(
                "{file}\t{}\t{}\t{}",
                r["expected"], r["got"], r["why"]
            )),
            (true, true) => now_agree.push(file.to_string()),
            _ => {}
        }
    }
    for f in exc.keys() {
        assert!(
            rows.iter().any(|r| r["file"] == f.as_str()),
            "{folder}: exception for unknown file {f}"
        );
    }
    assert!(
        unexpected.is_empty(),
        "{folder}: unexpected disagreements:\n{}",
        unexpected.join("\n")
    );
    assert!(
        now_agree.is_empty(),
        "{folder}: listed as exceptions but now agree (remove them): {now_agree:?}"
    );
}

#[test]
fn shared_corpus_never_calls_a_broken_pdf_valid() {
    let Some(sh) = shared() else { return };
    let rows = run_corpus(&sh.join("corpus"));
    let pdf_rows: Vec<&Value> = rows
        .iter()
        .filter(|r| r["format"].as_str().unwrap().starts_with("pdf"))
        .collect();
    assert!(
        pdf_rows.len() >= 50,
        "expected the 53 PDF rows, got {}",
        pdf_rows.len()
    );
    let exc = exceptions("shared");
    let mut bad = vec![];
    for r in &pdf_rows {
        let (file, exp) = (r["file"].as_str().unwrap(), r["expected"].as_str().unwrap());
        assert_eq!(r["skipped"], false, "{file}: PDF rows are never skipped");
        if matches!(
            exp,
            "invalid-modified" | "invalid-crypto" | "invalid-structure"
        ) {
            let valid_looking = r["indication"] == "TOTAL_PASSED"
                || r["got"].as_str().unwrap().starts_with("valid-");
            if valid_looking {
                bad.push(format!(
                    "{file}: {exp} came out {} / {}",
                    r["indication"], r["got"]
                ));
            }
        }
        // A listed exception may be undecidable (an unsupported algorithm), never valid-looking.
        if exp.starts_with("valid-") && r["intact"] != true && !exc.contains_key(file) {
            bad.push(format!("{file}: {exp} is not intact ({})", r["why"]));
        }
    }
    assert!(bad.is_empty(), "issue 3's rule broken:\n{}", bad.join("\n"));
    assert_agreement("shared", &rows);
}

#[test]
fn fixtures_agree_with_their_manifests() {
    let mut ran = 0;
    for folder in ["fixtures/pdf", "fixtures/attacks"] {
        let dir = repo().join(folder);
        if !dir.join("MANIFEST.tsv").is_file() {
            eprintln!("SKIP: {folder}/MANIFEST.tsv not found");
            continue;
        }
        let rows = run_corpus(&dir);
        assert!(!rows.is_empty());
        assert_agreement(folder, &rows);
        ran += 1;
    }
    if ran == 0 {
        eprintln!("SKIP: no fixture folder");
    }
}
