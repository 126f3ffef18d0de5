//! Support for the end-to-end tests in `tests/tests/browsers.rs`: a counting
//! static server for `dist/`, WebDriver processes for each browser, and paths.
//!
//! Environment:
//! - `KYSO_DIST`: the built portal (default `<repo>/dist`, from `trunk build --release`);
//! - `KYSO_SHARED`: the shared reference files (default `<repo>/../shared`);
//! - `KYSO_ARTIFACTS`: where screenshots go (default `<repo>/../artifacts`);
//! - `KYSO_E2E_REQUIRED=1` (set by `scripts/test.sh`, or `CI=true`): a missing
//!   `dist/`, browser or driver is a failure instead of a skip.
#![forbid(unsafe_code)]

pub mod driver;
pub mod process;
pub mod server;

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `KYSO_SHARED` or `<repo>/../shared`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"))
}

/// `KYSO_DIST` or `<repo>/dist`.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("KYSO_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("dist"))
}

/// `KYSO_ARTIFACTS` or `<repo>/../artifacts`, created.
pub fn artifacts_dir() -> PathBuf {
    let d = std::env::var_os("KYSO_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../artifacts"));
    let d = d.join("e2e");
    let _ = std::fs::create_dir_all(&d);
    d
}

/// Whether missing prerequisites must fail the run.
pub fn required() -> bool {
    std::env::var("KYSO_E2E_REQUIRED").is_ok_and(|v| v == "1")
        || std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Skip (print why and return `true`) or, when [`required`], panic.
/// The large signed PDF the browsers verify: `$KYSO_LARGE_PDF`, else
/// `<repo>/target/bench-pdfs/bench-320.pdf` (scripts/gen-bench-pdfs.py
/// `--sizes 320`, which scripts/test.sh runs).
pub fn large_pdf() -> std::path::PathBuf {
    match std::env::var_os("KYSO_LARGE_PDF") {
        Some(p) => p.into(),
        None => {
            let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../target/bench-pdfs/bench-320.pdf");
            // WebDriver takes canonical paths only.
            p.canonicalize().unwrap_or(p)
        }
    }
}

pub fn skip_or_fail(why: &str) -> bool {
    if required() {
        panic!("{why}");
    }
    eprintln!("SKIPPED: {why}");
    true
}
