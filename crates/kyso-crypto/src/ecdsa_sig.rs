//! ECDSA over P-256, P-384 and P-521 (FIPS 186-4), signatures DER-encoded
//! (`Ecdsa-Sig-Value`, RFC 3279 §2.2.3), verified over a precomputed digest.

use crate::{key::ec_curve, oids, CryptoError, DigestAlg};
use signature::hazmat::PrehashVerifier;
use spki::SubjectPublicKeyInfoOwned;

pub(crate) fn verify_ecdsa(
    spki: &SubjectPublicKeyInfoOwned,
    digest: &[u8],
    sig: &[u8],
) -> Result<(), CryptoError> {
    let curve = ec_curve(spki)?;
    let point = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| CryptoError::Malformed("EC point bit string has unused bits".into()))?;
    let bad_key =
        |e: &dyn core::fmt::Display| CryptoError::Malformed(format!("EC public key: {e}"));
    match curve {
        c if c == oids::SECP256R1 => {
            let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|e| bad_key(&e))?;
            let s = p256::ecdsa::DerSignature::from_bytes(sig)
                .map_err(|_| CryptoError::BadSignature)?;
            vk.verify_prehash(digest, &s)
                .map_err(|_| CryptoError::BadSignature)
        }
        c if c == oids::SECP384R1 => {
            let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|e| bad_key(&e))?;
            let s = p384::ecdsa::DerSignature::from_bytes(sig)
                .map_err(|_| CryptoError::BadSignature)?;
            vk.verify_prehash(digest, &s)
                .map_err(|_| CryptoError::BadSignature)
        }
        c if c == oids::SECP521R1 => {
            let vk = p521::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|e| bad_key(&e))?;
            let s = p521::ecdsa::Signature::from_der(sig).map_err(|_| CryptoError::BadSignature)?;
            vk.verify_prehash(digest, &s)
                .map_err(|_| CryptoError::BadSignature)
        }
        c => Err(CryptoError::Unsupported(format!("elliptic curve {c}"))),
    }
}

/// Digest for an `ecdsa-with-*` signature-algorithm OID.
pub(crate) fn ecdsa_digest_for(oid: &der::asn1::ObjectIdentifier) -> Option<DigestAlg> {
    Some(match *oid {
        o if o == oids::ECDSA_SHA1 => DigestAlg::Sha1,
        o if o == oids::ECDSA_SHA224 => DigestAlg::Sha224,
        o if o == oids::ECDSA_SHA256 => DigestAlg::Sha256,
        o if o == oids::ECDSA_SHA384 => DigestAlg::Sha384,
        o if o == oids::ECDSA_SHA512 => DigestAlg::Sha512,
        o if o == oids::ECDSA_SHA3_224 => DigestAlg::Sha3_224,
        o if o == oids::ECDSA_SHA3_256 => DigestAlg::Sha3_256,
        o if o == oids::ECDSA_SHA3_384 => DigestAlg::Sha3_384,
        o if o == oids::ECDSA_SHA3_512 => DigestAlg::Sha3_512,
        _ => return None,
    })
}
