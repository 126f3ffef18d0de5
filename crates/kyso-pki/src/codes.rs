//! Finding codes of this crate (`pki.*`): certificate paths, their
//! constraints and their revocation. The values are the JSON report's public
//! API and never change; tests match them by value through these constants.

/// A path to a trusted anchor at the validation time, or the certificate is itself an anchor (passed, Trusted).
pub const CHAIN_TRUSTED: &str = "pki.chain.trusted";
/// The end certificate could not be read (error, NoChainFound).
pub const LEAF_UNREADABLE: &str = "pki.leaf.unreadable";
/// No path to a trusted anchor: the issuer, or an authority above it, is unknown (error, NoChainFound).
pub const CHAIN_NO_ISSUER: &str = "pki.chain.no_issuer";
/// The certificate is self-signed and not in the trust store (error, NoChainFound).
pub const CHAIN_SELF_SIGNED: &str = "pki.chain.self_signed";
/// The trust store holds no anchors (error, NoChainFound).
pub const CHAIN_NO_ANCHORS: &str = "pki.chain.no_anchors";
/// Path building stopped at a named budget: error (NoChainFound) when no path was found because of it, warning beside another outcome.
pub const CHAIN_BUDGET_EXCEEDED: &str = "pki.chain.budget_exceeded";
/// The end certificate had expired at the validation time, with no proof of existence before (error, ExpiredNoPoe).
pub const LEAF_EXPIRED: &str = "pki.leaf.expired";
/// An intermediate CA certificate had expired at the validation time (error, ExpiredNoPoe).
pub const CA_EXPIRED: &str = "pki.ca.expired";
/// The end certificate was not yet valid at the validation time (error, NotYetValid).
pub const LEAF_NOT_YET_VALID: &str = "pki.leaf.not_yet_valid";
/// An intermediate CA certificate was not yet valid at the validation time (error, NotYetValid).
pub const CA_NOT_YET_VALID: &str = "pki.ca.not_yet_valid";
/// The issuer's signature on a certificate of the path does not verify (error, CertificateSignatureInvalid).
pub const SIGNATURE_INVALID: &str = "pki.signature.invalid";
/// A certificate of the path is signed with an algorithm Kyso does not support (error, CryptoConstraintsFailure).
pub const SIGNATURE_UNSUPPORTED: &str = "pki.signature.unsupported";
/// A certificate's signature digest is rejected by the algorithm policy at the validation time (error, CryptoConstraintsFailure).
pub const ALGORITHM_REJECTED: &str = "pki.algorithm.rejected";
/// A certificate's key is too weak for the algorithm policy at the validation time (error, CryptoConstraintsFailure).
pub const ALGORITHM_WEAK_KEY: &str = "pki.algorithm.weak_key";
/// A certificate is signed with a dated digest (SHA-1) the policy still accepts (warning).
pub const ALGORITHM_WEAK_CERTIFICATE_DIGEST: &str = "pki.algorithm.weak_certificate_digest";
/// The end certificate's key usage has neither digitalSignature nor nonRepudiation (error, ConstraintsFailure).
pub const LEAF_KEY_USAGE: &str = "pki.leaf.key_usage";
/// A timestamp authority's certificate lacks the id-kp-timeStamping extended key usage, RFC 3161 §2.3 (error, ConstraintsFailure).
pub const TSA_EKU_MISSING: &str = "pki.tsa.eku_missing";
/// A certificate that issued another is not a CA certificate, basicConstraints (error, ConstraintsFailure).
pub const CA_NOT_CA: &str = "pki.ca.not_ca";
/// The path exceeds a CA's pathLenConstraint (error, ConstraintsFailure).
pub const CA_PATH_LENGTH: &str = "pki.ca.path_length";
/// A CA certificate may not sign certificates, no keyCertSign (error, ConstraintsFailure).
pub const CA_KEY_USAGE: &str = "pki.ca.key_usage";
/// A certificate may not sign CRLs, no cRLSign (error, ConstraintsFailure).
pub const CA_CRL_SIGN: &str = "pki.ca.crl_sign";
/// A certificate of the path has a critical extension Kyso does not understand, RFC 5280 §4.2 (error, ConstraintsFailure).
pub const CERT_UNKNOWN_CRITICAL_EXTENSION: &str = "pki.cert.unknown_critical_extension";
/// A certificate has a name outside what a superior CA permits, name constraints (error, ConstraintsFailure).
pub const NAME_CONSTRAINTS_VIOLATED: &str = "pki.name_constraints.violated";
/// The path does not satisfy the required certificate policies, or none remains while a CA requires an explicit policy (error, ConstraintsFailure).
pub const POLICY_VIOLATED: &str = "pki.policy.violated";
/// A certificate of the path is malformed (error, ConstraintsFailure).
pub const CERT_MALFORMED: &str = "pki.cert.malformed";
/// A certificate of the path does not link to its issuer (error, ConstraintsFailure).
pub const CHAIN_BROKEN: &str = "pki.chain.broken";
/// The path is not valid under RFC 5280 for another reason (error, ConstraintsFailure).
pub const CHAIN_INVALID: &str = "pki.chain.invalid";
/// The end certificate was revoked at or before the validation time (error, Revoked).
pub const REVOCATION_REVOKED: &str = "pki.revocation.revoked";
/// An intermediate CA certificate was revoked at or before the validation time (error, Revoked).
pub const REVOCATION_CA_REVOKED: &str = "pki.revocation.ca_revoked";
/// The end certificate was not revoked at the validation time, per an embedded CRL or OCSP response (passed, in the revocation facts).
pub const REVOCATION_GOOD: &str = "pki.revocation.good";
/// The end certificate was revoked only after the validation time; the signature stays valid (info, in the revocation facts).
pub const REVOCATION_REVOKED_LATER: &str = "pki.revocation.revoked_later";
/// Revocation not checked: nothing is fetched, and no evidence is embedded (info) or the embedded evidence does not apply (warning).
pub const REVOCATION_NOT_CHECKED: &str = "pki.revocation.not_checked";
/// No usable revocation evidence for a certificate of the path while `ValidationOptions::require_revocation` asks for it (error, ConstraintsFailure).
pub const REVOCATION_MISSING: &str = "pki.revocation.missing";
/// An embedded CRL larger than the bound was ignored (warning).
pub const CRL_TOO_LARGE: &str = "pki.crl.too_large";
/// An embedded CRL could not be read and was ignored (warning).
pub const CRL_MALFORMED: &str = "pki.crl.malformed";
/// The CRL for a certificate cannot be used, the reason named: an unknown critical extension, its signature, its nextUpdate (warning).
pub const CRL_UNUSABLE: &str = "pki.crl.unusable";
/// The embedded CRLs cover only some revocation reasons, not enough to conclude (warning).
pub const CRL_PARTIAL_REASONS: &str = "pki.crl.partial_reasons";
/// An embedded OCSP response carries no certificate status, an unsuccessful response (warning).
pub const OCSP_UNSUCCESSFUL: &str = "pki.ocsp.unsuccessful";
/// An embedded OCSP response could not be read and was ignored (warning).
pub const OCSP_MALFORMED: &str = "pki.ocsp.malformed";
/// The OCSP response for a certificate cannot be used, the reason named: malformed, its signature or responder, its dates, status unknown (warning).
pub const OCSP_UNUSABLE: &str = "pki.ocsp.unusable";
