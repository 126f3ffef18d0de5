//! `src/codes.rs` is the list of codes this crate emits: every constant is
//! used by the crate, and the table of `src/lib.rs`'s documentation names
//! every code (or its family, `pki.crl.*`) and no other.

use std::path::Path;

fn src(file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(file))
        .expect(file)
}

/// (NAME, "value") of every constant of `src/codes.rs`.
fn constants() -> Vec<(String, String)> {
    src("codes.rs")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub const "))
        .filter_map(|r| {
            let (name, rest) = r.split_once(": &str = \"")?;
            let (value, _) = rest.split_once('"')?;
            Some((name.to_string(), value.to_string()))
        })
        .collect()
}

#[test]
fn every_code_is_emitted() {
    let all: String = ["path.rs", "revocation.rs"]
        .iter()
        .map(|f| src(f))
        .collect();
    let consts = constants();
    assert!(consts.len() > 30);
    for (name, value) in consts {
        assert!(
            all.contains(&format!("codes::{name}")),
            "{name} ({value}) is never emitted"
        );
    }
}

#[test]
fn the_lib_doc_table_names_every_code() {
    let table: Vec<String> = src("lib.rs")
        .lines()
        .filter(|l| l.starts_with("//! | `pki."))
        .flat_map(|l| {
            l.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|c| c.starts_with("pki."))
        .collect();
    let values: Vec<String> = constants().into_iter().map(|(_, v)| v).collect();
    let covers = |entry: &str, code: &str| match entry.strip_suffix('*') {
        Some(prefix) => code.starts_with(prefix),
        None => entry == code,
    };
    for v in &values {
        assert!(
            table.iter().any(|e| covers(e, v)),
            "{v} is missing from lib.rs's table"
        );
    }
    for e in &table {
        assert!(
            values.iter().any(|v| covers(e, v)),
            "lib.rs's table names {e}, which is not a code"
        );
    }
}
