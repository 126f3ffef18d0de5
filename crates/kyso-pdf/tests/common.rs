//! Shared helpers for the integration tests: locating `../shared`.

use std::path::PathBuf;

/// `$KYSO_SHARED`, or `<repo>/../shared`; `None` (and a message) when absent.
pub fn shared_dir() -> Option<PathBuf> {
    let p = match std::env::var_os("KYSO_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIP: shared reference material not found at {} (set KYSO_SHARED)",
            p.display()
        );
        None
    }
}

/// Every `*.pdf` under the given directories of `shared`, sorted.
pub fn pdfs(shared: &std::path::Path, dirs: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(shared.join(d)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
