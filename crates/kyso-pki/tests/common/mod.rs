//! Shared helpers: where the reference material lives.
#![allow(dead_code)]

use std::path::PathBuf;

/// `$KYSO_SHARED`, or `<repo>/../shared`; `None` (and a message) when absent.
pub fn shared() -> Option<PathBuf> {
    let p = match std::env::var_os("KYSO_SHARED") {
        Some(s) => PathBuf::from(s),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: reference folder {} not found (set KYSO_SHARED)",
            p.display()
        );
        None
    }
}

pub fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Unix time of a UTC date.
pub fn utc(y: i64, mo: u32, d: u32) -> i64 {
    kyso_report::Time::from_utc(y, mo, d, 0, 0, 0).unwrap().0
}
