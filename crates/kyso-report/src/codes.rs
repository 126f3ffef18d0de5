//! The codes the report model itself words or recognises. The values are the
//! JSON report's public API and never change.

/// The file is larger than the one limit, [`crate::MAX_INPUT_LEN`]; it was refused before being read (in `error`).
pub const INPUT_TOO_LARGE: &str = "input.too_large";
/// The file could not be read to the end while it was verified (changed, removed, device error); nothing is concluded (in `error`).
pub const INPUT_UNREADABLE: &str = "input.unreadable";
/// A recognised format whose signatures Kyso does not verify yet (warning; the verdict says no conclusion is drawn).
pub const FORMAT_NOT_VERIFIED_YET: &str = "core.format.not_verified_yet";
