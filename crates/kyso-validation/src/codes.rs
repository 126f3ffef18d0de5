//! Finding codes of this crate (`core.trust.*`, `core.timestamp.*`,
//! `core.time.*`): the validation time used, the trust input, timestamp
//! tokens. The values are the JSON report's public API and never change;
//! tests match them by value through these constants.

/// A trust certificate file added by the user could not be read and was ignored (warning).
pub const TRUST_INPUT_UNREADABLE: &str = "core.trust.input_unreadable";
/// This run also trusts test root certificates, never trusted by default (info).
pub const TRUST_TEST_ANCHORS: &str = "core.trust.test_anchors";
/// Document-level statement of the validation time the user chose (`--at`, portal settings); proves nothing (warning).
pub const TRUST_USER_VALIDATION_TIME: &str = "core.trust.user_validation_time";
/// A timestamp proves existence later than the chosen validation time, so it was not used (info).
pub const TRUST_TIME_PROOF_AFTER_CHOSEN: &str = "core.trust.time.proof_after_chosen";
/// The signer claims a signing time later than the chosen validation time (warning).
pub const TRUST_TIME_CLAIM_AFTER_CHOSEN: &str = "core.trust.time.claim_after_chosen";
/// No time to validate the chain at: no timestamp, no claimed time, no current time (warning).
pub const TRUST_NO_TIME: &str = "core.trust.no_time";
/// The chain was validated at the time proven by a timestamp (info).
pub const TRUST_TIME_TIMESTAMP: &str = "core.trust.time.timestamp";
/// No timestamp: the chain was validated at the signer's unproven claimed time (warning).
pub const TRUST_TIME_CLAIMED: &str = "core.trust.time.claimed";
/// The chain was validated at the current time (info).
pub const TRUST_TIME_NOW: &str = "core.trust.time.now";
/// The chain was validated at the time the user chose (warning).
pub const TRUST_TIME_USER_CHOSEN: &str = "core.trust.time.user_chosen";
/// The validation time comes from a document timestamp added after the signature (info).
pub const TRUST_TIME_DOCUMENT_TIMESTAMP: &str = "core.trust.time.document_timestamp";
/// The chain was valid at the claimed signing time, but nothing proves the signature was made then (info).
pub const TRUST_VALID_AT_CLAIMED_TIME: &str = "core.trust.valid_at_claimed_time";
/// The signer's certificate is revoked and no timestamp proves the signature came first (error).
pub const TRUST_REVOKED_NO_POE: &str = "core.trust.revoked_no_poe";

/// The timestamp token attached to a signature could not be read (error).
pub const TIMESTAMP_UNREADABLE: &str = "core.timestamp.unreadable";
/// The timestamp is valid: imprint, authority signature and certificate check out (passed).
pub const TIMESTAMP_VALID: &str = "core.timestamp.valid";
/// The timestamp is not valid: imprint mismatch, bad authority signature or missing certificate (error).
pub const TIMESTAMP_INVALID: &str = "core.timestamp.invalid";
/// The timestamp authority is not trusted, so the timestamp proves no time (warning).
pub const TIMESTAMP_UNTRUSTED: &str = "core.timestamp.untrusted";
/// An archive timestamp was read: its authority's signature checked, what it covers not (info; warning when its signature fails).
pub const TIMESTAMP_UNBOUND: &str = "core.timestamp.archive_read";

/// Vietnamese signing software wrote local time labelled UTC (claimed − timestamp ≈ 7 h ± 15 min) (info).
pub const TIME_LOCAL_LABELLED_UTC: &str = "core.time.local_labelled_utc";
/// The input is a certificate file: each certificate described, its path checked; no document signature to verify (info).
pub const CERTIFICATE_DESCRIBED: &str = "core.certificate.described";
