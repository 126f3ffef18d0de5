//! Finding and input-error codes of the pipeline itself: about the input,
//! never about a signature (those are the signature profiles' and
//! `kyso-validation`'s). The values are the JSON report's public API and
//! never change; tests match them by value through these constants.

/// The file format was not recognised (in `error`).
pub const INPUT_UNKNOWN_FORMAT: &str = "input.unknown_format";
/// The file is larger than the one limit, [`crate::MAX_INPUT_LEN`]; it was not read (in `error`).
pub const INPUT_TOO_LARGE: &str = kyso_report::INPUT_TOO_LARGE;
/// The file looks like a certificate but could not be read (in `error`).
pub const INPUT_CERTIFICATE_UNREADABLE: &str = "input.certificate_unreadable";
/// Kyso hit an internal error (a caught panic); no conclusion is drawn (in `error`).
pub const INTERNAL_ERROR: &str = "core.internal_error";
/// A recognised format whose signatures Kyso does not verify yet (warning).
pub const FORMAT_NOT_VERIFIED_YET: &str = kyso_report::verdict::FORMAT_NOT_VERIFIED_YET;
