//! Kyso's verification pipeline.
//!
//! `bytes → detect format → container parser → signatures → CMS → trust →
//! changes → facts → verdict`. This crate only orchestrates: every check lives
//! in the crate named for it (`kyso-pdf`, `kyso-cms`, `kyso-pki`), every fact
//! goes into a [`kyso_report::Report`], and the verdict is derived by
//! [`kyso_report::verdict::finalize`]. Front ends call [`verify`] and display.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod detect;

pub use detect::detect_format;
pub use kyso_report as report;

use kyso_report::{FileInfo, Report};
use sha2::{Digest, Sha256};

/// What the caller decides; everything else is policy in the core.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra trust anchors or intermediates (DER or PEM certificates), added
    /// by the user for this verification (CLI `--trust`, portal settings).
    pub extra_trust: Vec<Vec<u8>>,
    /// Validation "now", unix seconds. `None`: the system clock natively;
    /// front ends on wasm pass `Date.now()`.
    pub now: Option<i64>,
}

/// Verify one input. Never panics on any input; an unreadable input yields a
/// report whose `error` says why.
pub fn verify(name: Option<&str>, bytes: &[u8], opts: &Options) -> Report {
    let _ = opts;
    let file = FileInfo {
        name: name.map(str::to_owned),
        size: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(bytes)),
    };
    let format = detect_format(bytes);
    let mut report = Report::new(file, format);
    kyso_report::verdict::finalize(&mut report);
    report
}
