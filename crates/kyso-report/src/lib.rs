//! Kyso's report model.
//!
//! A [`Report`] is a record of **facts** about one input (a file, or an
//! attachment nested inside one), gathered by the verification crates. The
//! bottom line ([`Verdict`], and each signature's indication) is derived from
//! those facts in exactly one place, [`verdict`], so that no front end (CLI,
//! portal, widget) ever decides anything: they only display.
//!
//! Every explanation is carried as a [`Finding`]: a stable machine code, a
//! severity, and the same sentence in Vietnamese and English.
//!
//! The JSON form (serde) is documented in `docs/report.md`; its field names are
//! part of Kyso's public interface.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod edxml;
mod finding;
mod i18n;
mod model;
mod time;
pub mod verdict;

pub use edxml::*;
pub use finding::{Finding, Severity};
pub use i18n::{Labels, Lang};
pub use model::*;
pub use time::Time;

/// Version of the JSON report schema. Bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;
