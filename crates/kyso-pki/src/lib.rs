//! Certificate path building and validation (RFC 5280 §6) for long-lived
//! document signatures, the trust store with the Vietnamese anchors, and
//! revocation evidence embedded in signatures.
//!
//! # What decides trust
//!
//! [`validate`] answers one question: does this signer (or timestamp
//! authority) certificate chain to an anchor of the [`TrustStore`] at a given
//! time, and if not, what is the one most useful reason? The answer is a
//! [`PathResult`] of facts (`ChainStatus`, the path, revocation facts, findings
//! in Vietnamese and English); `kyso_report::verdict` turns facts into verdicts.
//!
//! # Design
//!
//! * **Path building** (here, [`path`]): depth-first from the leaf through the
//!   certificates the signature carried and the store's intermediates to a
//!   root, matching issuers by name AND key identifier AND signature, trying
//!   every candidate (cross-certificates, re-keyed CAs with the same name)
//!   under explicit budgets, and keeping the most useful failure
//!   (rustls-webpki's ranking).
//! * **Validating one candidate path** (RFC 5280 §6.1: signatures, validity,
//!   basic constraints and path length, key usage, name constraints, critical
//!   extensions, the certificate-policy tree) is delegated to the `pkix-path`
//!   crate (same RustCrypto generation: der 0.7 / x509-cert 0.2, `no_std`,
//!   tested against NIST PKITS §4.1–4.13). Its signature checks are routed to
//!   [`kyso_crypto::verify_signature`] through a `SignatureVerifier` adapter, so
//!   RSA-PSS, P-521 and Ed25519 work and SHA-1 certificates are accepted with a
//!   warning, per Kyso's algorithm policy. `pkix-path` validates a path it is
//!   given; it neither builds paths nor checks revocation, which is why those
//!   two live here.
//! * **Revocation** ([`revocation`]): only evidence embedded in the document is
//!   used (CRLs and OCSP responses from CMS, Adobe's revocationInfoArchival,
//!   the PDF DSS). Nothing is fetched from the network.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cert;
mod describe;
mod error;
mod names;
pub mod path;
mod pins;
pub mod revocation;
mod sig;
mod store;

pub use describe::{decode_identifier, describe_certificate, eku_name};
pub use error::PkiError;
pub use path::{
    validate, validate_with_options, KeyPurpose, PathRequest, PathResult, ValidationOptions,
};
pub use revocation::{parse_revocation_info_archival, RevocationEvidence};
pub use store::{Anchor, AnchorPurpose, AnchorSource, KnownAnchor, TrustStore};
