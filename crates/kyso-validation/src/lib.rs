//! What every signature profile (PDF, CMS files, XML-DSig, packages) shares:
//! the trust store of one verification ([`trust::build_store`]), the **one**
//! place that picks the validation time ([`trust::Clock`], over [`time::now`]),
//! signer path validation ([`trust::validate_signer`], [`trust::validate_path`]),
//! RFC 3161 timestamp verification ([`signer::verify_timestamp`]) and a
//! verified SignerInfo recorded as report facts ([`signer::apply_signer`]).
//!
//! Checks live in `kyso-cms`, `kyso-pki` and `kyso-crypto`; this crate turns
//! their results into [`kyso_report`] facts and findings ([`codes`]). Nothing
//! here knows a container format.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod certfile;
pub mod codes;
pub mod signer;
pub mod time;
pub mod trust;

pub use kyso_report::ValidationTimeChoice;

/// What a signature profile needs from the caller's options: the user's
/// extra trust, test anchors, the current time and the chosen validation time.
#[derive(Debug, Clone, Copy)]
pub struct ValidationOptions<'a> {
    /// Extra trust anchors or intermediates (DER or PEM certificates, or a
    /// PKCS#7 bundle) added by the user for this verification.
    pub extra_trust: &'a [Vec<u8>],
    /// Test anchors: trusted for this verification only, labelled as test roots.
    pub test_anchors: &'a [Vec<u8>],
    /// Validation "now", unix seconds; `None`: the system clock natively.
    pub now: Option<i64>,
    /// The validation time the user chose.
    pub validation_time: ValidationTimeChoice,
}

/// How the pipeline verifies a document inside the one a profile reads (a
/// PDF's embedded file, a `.p7m`'s content, a package's parts): the profile
/// calls back into the pipeline, so no profile depends on `kyso-core`.
pub struct Nested<'a> {
    /// Verify one inner document (its name and bytes) one level deeper.
    pub verify: &'a dyn Fn(&str, &[u8]) -> kyso_report::Report,
    /// At most this many inner documents of one document are verified.
    pub max_files: usize,
}
