#![allow(dead_code)]
//! Helpers shared by the CLI integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository, or `$KYSO_SHARED`; `None` (with a
/// message) when absent, so the calling test can skip.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIP: shared reference folder not found at {} (set KYSO_SHARED)",
            p.display()
        );
        None
    }
}

/// Run the `kyso` binary.
pub fn kyso(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kyso"))
        .args(args)
        .output()
        .expect("run kyso")
}

/// Run `kyso verify --json` and parse stdout.
pub fn verify_json(args: &[&str]) -> (serde_json::Value, i32) {
    let mut all = vec!["verify", "--json"];
    all.extend_from_slice(args);
    let out = kyso(&all);
    let text = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {text}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out.status.code().unwrap_or(-1))
}

/// A scratch folder under the target directory, fresh per test name.
pub fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A PDF of the given objects (numbered from 1, the first the catalog) with
/// a correct cross-reference table.
#[allow(dead_code)] // not every test binary builds PDFs
pub fn pdf_from_objects<S: AsRef<str>>(objs: &[S]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objs.len());
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o.as_ref()).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}
