//! Path building and validation.

use crate::revocation::RevocationEvidence;
use crate::TrustStore;
use kyso_crypto::policy::AlgorithmPolicy;
use kyso_report::{ChainStatus, Finding, RevocationInfo};

/// What the end certificate is being trusted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyPurpose {
    /// A document signer: key usage digitalSignature or nonRepudiation when
    /// key usage is present. No EKU is demanded (Vietnamese signer
    /// certificates carry clientAuth/emailProtection/smartcardLogon).
    DocumentSigning,
    /// An RFC 3161 timestamp authority: EKU id-kp-timeStamping required (RFC 3161 §2.3).
    TimeStamping,
    /// No requirement on the end certificate's usage.
    Any,
}

/// One path-validation question.
#[derive(Debug, Clone, Copy)]
pub struct PathRequest<'a> {
    /// The end certificate (DER).
    pub leaf: &'a [u8],
    /// Other certificates at hand (CMS certificates, DSS certificates), in any order.
    pub candidates: &'a [Vec<u8>],
    /// Validation time, unix seconds.
    pub time: i64,
    /// What the end certificate is trusted for.
    pub purpose: KeyPurpose,
    /// Embedded revocation evidence.
    pub revocation: &'a RevocationEvidence,
    /// Algorithm policy.
    pub policy: &'a AlgorithmPolicy,
}

/// RFC 5280 §6.1.1 user inputs and revocation strictness; `Default` is Kyso's
/// choice for documents (any policy, no explicit policy, soft revocation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationOptions {
    /// user-initial-policy-set (dotted OIDs); empty means anyPolicy.
    pub initial_policy_set: Vec<String>,
    /// initial-explicit-policy.
    pub initial_explicit_policy: bool,
    /// initial-policy-mapping-inhibit.
    pub initial_policy_mapping_inhibit: bool,
    /// initial-any-policy-inhibit.
    pub initial_any_policy_inhibit: bool,
    /// Require revocation evidence for every certificate of the path (RFC 5280
    /// §6.3 as PKITS tests it). Off for documents: absent evidence gives
    /// `NotChecked`, not a failure.
    pub require_revocation: bool,
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathResult {
    /// Outcome.
    pub status: ChainStatus,
    /// The best path, leaf first, anchor last (DER). For failures, the path
    /// that came closest.
    pub chain: Vec<Vec<u8>>,
    /// Label of the anchor reached (Vietnamese).
    pub anchor_label: Option<String>,
    /// Label of the anchor reached (English).
    pub anchor_label_en: Option<String>,
    /// Revocation facts for the end certificate.
    pub revocation: RevocationInfo,
    /// Certificate policy OIDs valid for the path (RFC 5280 §6.1.5 valid_policy_tree leaves).
    pub policies: Vec<String>,
    /// Findings, codes `pki.*`: the one best sentence first.
    pub findings: Vec<Finding>,
}

/// Validate with Kyso's default options.
pub fn validate(req: &PathRequest, store: &TrustStore) -> PathResult {
    validate_with_options(req, store, &ValidationOptions::default())
}

/// Validate with explicit RFC 5280 §6.1.1 inputs.
pub fn validate_with_options(req: &PathRequest, store: &TrustStore, opts: &ValidationOptions) -> PathResult {
    let _ = (req, store, opts);
    PathResult {
        status: ChainStatus::NotChecked,
        chain: Vec::new(),
        anchor_label: None,
        anchor_label_en: None,
        revocation: RevocationInfo::default(),
        policies: Vec::new(),
        findings: Vec::new(),
    }
}
