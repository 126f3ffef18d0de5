//! The algorithm policy: which digests and key sizes are acceptable, and when.
//!
//! Follows ETSI TS 119 312 and Thông tư 15/2025/TT-BKHCN minimums (RSA ≥ 2048,
//! ECDSA ≥ 256, SHA-2/SHA-3; SHAKE256 (512-bit output), Ed25519 and Ed448 are
//! accepted as strong): MD5 is never acceptable; SHA-1 is acceptable for
//! signatures only when a proof of existence predates its sunset
//! (2013-01-01, after which ETSI stopped allowing it for new signatures), and for
//! timestamp message imprints with a warning; RSA keys below 2048 bits are
//! weak for signatures made after 2016.

use crate::{DigestAlg, KeyInfo, KeyKind};

/// Unix time of 2013-01-01T00:00:00Z: SHA-1 sunset for signatures.
pub const SHA1_SUNSET: i64 = 1_356_998_400;
/// Unix time of 2017-01-01T00:00:00Z: RSA-1024 sunset.
pub const RSA1024_SUNSET: i64 = 1_483_228_800;

/// What the policy says about an algorithm in a given use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acceptance {
    /// Fine.
    Accepted,
    /// Acceptable, but the report should mention it.
    AcceptedWithWarning(String),
    /// Rejected; `no_poe` is true when a proof of existence before the sunset would have saved it.
    Rejected {
        /// Why.
        reason: String,
        /// Whether an earlier proof of existence would have made it acceptable.
        no_poe: bool,
    },
}

/// Where an algorithm is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The digest of a document signature (CMS, signed attributes).
    Signature,
    /// A certificate or CRL/OCSP signature inside a path.
    Certificate,
    /// A timestamp token's message imprint.
    TimestampImprint,
}

/// The algorithm policy. `Default` is Kyso's policy.
#[derive(Debug, Clone, Default)]
pub struct AlgorithmPolicy {
    _private: (),
}

impl AlgorithmPolicy {
    /// Judge a digest algorithm for `usage`, where `poe` is the earliest proven
    /// time the object existed (unix seconds), if any.
    pub fn digest(&self, alg: DigestAlg, usage: Use, poe: Option<i64>) -> Acceptance {
        match alg {
            DigestAlg::Md5 => Acceptance::Rejected {
                reason: "MD5 is broken (collisions)".into(),
                no_poe: false,
            },
            DigestAlg::Sha1 => match usage {
                Use::TimestampImprint => {
                    Acceptance::AcceptedWithWarning("SHA-1 message imprint".into())
                }
                Use::Certificate => {
                    Acceptance::AcceptedWithWarning("SHA-1 in a certificate signature".into())
                }
                Use::Signature => match poe {
                    Some(t) if t < SHA1_SUNSET => Acceptance::AcceptedWithWarning(
                        "SHA-1, proven to predate its 2013 sunset".into(),
                    ),
                    _ => Acceptance::Rejected {
                        reason: "SHA-1 for a signature without proof that it was made before 2013"
                            .into(),
                        no_poe: true,
                    },
                },
            },
            _ => Acceptance::Accepted,
        }
    }

    /// Judge a public key.
    pub fn key(&self, key: &KeyInfo, poe: Option<i64>) -> Acceptance {
        match &key.kind {
            KeyKind::Rsa { bits } if *bits < 1024 => Acceptance::Rejected {
                reason: format!("RSA key of {bits} bits"),
                no_poe: false,
            },
            KeyKind::Rsa { bits } if *bits < 2048 => match poe {
                Some(t) if t < RSA1024_SUNSET => Acceptance::AcceptedWithWarning(format!(
                    "RSA-{bits}, proven to predate its 2017 sunset"
                )),
                _ => Acceptance::Rejected {
                    reason: format!("RSA key of {bits} bits (below 2048)"),
                    no_poe: true,
                },
            },
            KeyKind::Ec { bits, .. } if *bits != 0 && *bits < 256 => Acceptance::Rejected {
                reason: format!("EC key of {bits} bits"),
                no_poe: false,
            },
            _ => Acceptance::Accepted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_never_sha1_only_with_old_poe() {
        let p = AlgorithmPolicy::default();
        assert!(matches!(
            p.digest(DigestAlg::Md5, Use::Signature, Some(0)),
            Acceptance::Rejected { .. }
        ));
        assert!(matches!(
            p.digest(DigestAlg::Sha1, Use::Signature, None),
            Acceptance::Rejected { no_poe: true, .. }
        ));
        assert!(matches!(
            p.digest(DigestAlg::Sha1, Use::Signature, Some(SHA1_SUNSET - 1)),
            Acceptance::AcceptedWithWarning(_)
        ));
        assert!(matches!(
            p.digest(DigestAlg::Sha1, Use::TimestampImprint, None),
            Acceptance::AcceptedWithWarning(_)
        ));
        assert_eq!(
            p.digest(DigestAlg::Sha256, Use::Signature, None),
            Acceptance::Accepted
        );
        let small = KeyInfo {
            kind: KeyKind::Rsa { bits: 1024 },
        };
        assert!(matches!(p.key(&small, None), Acceptance::Rejected { .. }));
    }

    #[test]
    fn ed448_and_shake256_are_strong() {
        let p = AlgorithmPolicy::default();
        for usage in [Use::Signature, Use::Certificate, Use::TimestampImprint] {
            assert_eq!(
                p.digest(DigestAlg::Shake256, usage, None),
                Acceptance::Accepted
            );
        }
        let ed448 = KeyInfo {
            kind: KeyKind::Ed448,
        };
        assert_eq!(p.key(&ed448, None), Acceptance::Accepted);
    }
}
