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
//!
//! # Budgets
//!
//! Every loop a hostile input can drive is bounded: 100 certificate signature
//! checks and 200 000 path-building steps per validation (rustls-webpki's
//! numbers), 8 intermediates per path, 256 candidate certificates, 256
//! signature checks on revocation data, 64 CRLs / OCSP responses, CRLs up to
//! 8 MB, OCSP responses up to 256 KB, certificates up to 64 KB. Nested
//! validations (the signer of a CRL) share the same budgets.
//!
//! # Finding codes (`PathResult::findings`, the most useful one first)
//!
//! Each code is a constant of [`codes`], documented there; this table maps
//! them to the status they come with (`tests/codes_doc.rs` keeps it complete).
//!
//! | code | status | meaning |
//! |---|---|---|
//! | `pki.chain.trusted` | Trusted | path to an anchor at the time |
//! | `pki.chain.no_issuer`, `pki.chain.self_signed`, `pki.chain.no_anchors`, `pki.leaf.unreadable` | NoChainFound | issuer unknown / self-signed and untrusted / store empty / the certificate cannot be read |
//! | `pki.chain.budget_exceeded` | NoChainFound (error: no path, the search stopped at a named budget), or beside another outcome (warning) | path building stopped on one of its budgets |
//! | `pki.leaf.expired`, `pki.ca.expired` | ExpiredNoPoe | expired at the time |
//! | `pki.leaf.not_yet_valid`, `pki.ca.not_yet_valid` | NotYetValid | |
//! | `pki.signature.invalid` | CertificateSignatureInvalid | an issuer signature does not verify |
//! | `pki.signature.unsupported`, `pki.algorithm.rejected`, `pki.algorithm.weak_key` | CryptoConstraintsFailure | |
//! | `pki.algorithm.weak_certificate_digest` | (warning) | SHA-1 certificate signature accepted |
//! | `pki.leaf.key_usage`, `pki.tsa.eku_missing`, `pki.ca.not_ca`, `pki.ca.path_length`, `pki.ca.key_usage`, `pki.ca.crl_sign`, `pki.cert.unknown_critical_extension`, `pki.name_constraints.violated`, `pki.policy.violated`, `pki.cert.malformed`, `pki.chain.broken`, `pki.chain.invalid` | ConstraintsFailure | |
//! | `pki.revocation.revoked`, `pki.revocation.ca_revoked` | Revoked | revoked at or before the time |
//! | `pki.revocation.good`, `pki.revocation.revoked_later` | (in `revocation`) | not revoked at the time / revoked only later |
//! | `pki.revocation.not_checked` | (in `revocation`) | no usable evidence; nothing is fetched |
//! | `pki.revocation.missing` | ConstraintsFailure | only with `ValidationOptions::require_revocation` |
//! | `pki.crl.*`, `pki.ocsp.*` | (warnings) | evidence that could not be used, and why |
//!
//! `Revoked` is decided against the `time` given; when that time is not proven
//! (no timestamp), the caller may turn it into `RevokedNoPoe` (ETSI EN 319 102-1 §5.6.2.1).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cert;
pub mod codes;
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

/// Every certificate in a certificate file: DER, PEM (one or several
/// CERTIFICATE / PKCS7 blocks) or a PKCS#7 bundle (`.p7b`, `.p7c`), at most
/// as many as a trust store takes from one input.
pub fn certificates_in(bytes: &[u8]) -> Result<Vec<Vec<u8>>, PkiError> {
    cert::split_certificates(bytes, store::MAX_CERTS_PER_INPUT)
}
pub use path::{
    validate, validate_with_options, KeyPurpose, PathRequest, PathResult, ValidationOptions,
};
pub use revocation::{parse_revocation_info_archival, RevocationEvidence};
pub use store::{Anchor, AnchorPurpose, AnchorSource, KnownAnchor, TrustStore};

#[doc(hidden)]
pub mod fuzzing {
    //! Entry point shared by the `pki_path` fuzz target and the in-crate
    //! mutation smoke test: arbitrary bytes must never panic or hang.

    use crate::{
        describe_certificate, parse_revocation_info_archival, validate, AnchorSource, KeyPurpose,
        PathRequest, RevocationEvidence, TrustStore,
    };
    use kyso_crypto::policy::AlgorithmPolicy;

    /// Split `data` into length-prefixed chunks (u16 big-endian lengths):
    /// leaf, then up to 8 candidates, CRLs and OCSP responses by chunk index.
    pub fn chunks(data: &[u8]) -> Vec<&[u8]> {
        let mut out = Vec::new();
        let mut rest = data;
        while rest.len() >= 2 && out.len() < 16 {
            let n = u16::from_be_bytes([rest[0], rest[1]]) as usize;
            let body = &rest[2..];
            let n = n.min(body.len());
            out.push(&body[..n]);
            rest = &body[n..];
        }
        out
    }

    /// Run every public entry point on the chunks; returns the status of the
    /// path validation with the given store.
    pub fn run(data: &[u8], store: &TrustStore, time: i64) -> kyso_report::ChainStatus {
        let parts = chunks(data);
        let Some(leaf) = parts.first() else {
            return kyso_report::ChainStatus::NotChecked;
        };
        let mut candidates = Vec::new();
        let mut ev = RevocationEvidence::default();
        for (i, p) in parts.iter().enumerate().skip(1) {
            match (i - 1) % 3 {
                0 => candidates.push(p.to_vec()),
                1 => ev.crls.push(p.to_vec()),
                _ => ev.ocsp.push(p.to_vec()),
            }
        }
        let _ = describe_certificate(leaf);
        let ria = parse_revocation_info_archival(leaf);
        ev.extend(ria);
        let mut s = store.clone();
        let _ = s.add_pem_der_or_p7b(leaf, AnchorSource::Test);
        let policy = AlgorithmPolicy::default();
        let req = PathRequest {
            leaf,
            candidates: &candidates,
            time,
            purpose: KeyPurpose::DocumentSigning,
            revocation: &ev,
            policy: &policy,
        };
        validate(&req, store).status
    }
}
