use crate::ecdsa_sig::{ecdsa_digest_for, verify_ecdsa};
use crate::rsa_sig::{
    parse_pss_params, pkcs1_digest_for, verify_pkcs1v15, verify_pss, PssParameters,
};
use crate::{oids, CryptoError, DigestAlg};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// What was signed.
#[derive(Debug, Clone, Copy)]
pub enum Message<'a> {
    /// The message itself (certificate TBS, CMS signed attributes, ...).
    Raw(&'a [u8]),
    /// A digest computed by the caller (large detached content), with its algorithm.
    /// Pure EdDSA cannot be verified this way.
    Digest(DigestAlg, &'a [u8]),
}

/// A signature algorithm, resolved from its identifier and, for CMS, the
/// signer info's digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlg {
    /// RSASSA-PKCS1-v1_5 with a digest.
    RsaPkcs1v15(DigestAlg),
    /// RSASSA-PSS with its parameters.
    RsaPss(PssParameters),
    /// ECDSA with a digest.
    Ecdsa(DigestAlg),
    /// Ed25519 (pure).
    Ed25519,
    /// Ed448 (pure).
    Ed448,
}

impl SignatureAlg {
    /// Resolve an AlgorithmIdentifier. `digest_hint` is the CMS SignerInfo
    /// digestAlgorithm, used when the signature algorithm is a bare key type
    /// (`rsaEncryption`, `id-ecPublicKey`), as many CMS signers write it.
    pub fn from_algorithm_identifier(
        alg: &AlgorithmIdentifierOwned,
        digest_hint: Option<DigestAlg>,
    ) -> Result<SignatureAlg, CryptoError> {
        let oid = alg.oid;
        if let Some(d) = pkcs1_digest_for(&oid) {
            return Ok(SignatureAlg::RsaPkcs1v15(d));
        }
        if let Some(d) = ecdsa_digest_for(&oid) {
            return Ok(SignatureAlg::Ecdsa(d));
        }
        let need_hint = || match digest_hint {
            None => Err(CryptoError::Malformed(format!(
                "{oid} needs a digest algorithm"
            ))),
            // RSA and ECDSA with SHAKE have algorithm identifiers of their own
            // (RFC 8702 §3); SHAKE256 as a bare key type's digest is only EdDSA's.
            Some(DigestAlg::Shake256) => Err(CryptoError::Unsupported(format!(
                "{oid} with a SHAKE256 digest"
            ))),
            Some(d) => Ok(d),
        };
        match oid {
            o if o == oids::RSASSA_PSS => Ok(SignatureAlg::RsaPss(parse_pss_params(
                alg.parameters.as_ref(),
            )?)),
            o if o == oids::RSA_ENCRYPTION => Ok(SignatureAlg::RsaPkcs1v15(need_hint()?)),
            o if o == oids::EC_PUBLIC_KEY => Ok(SignatureAlg::Ecdsa(need_hint()?)),
            o if o == oids::ED25519 => Ok(SignatureAlg::Ed25519),
            o if o == oids::ED448 => Ok(SignatureAlg::Ed448),
            o if o == oids::DSA || o == oids::DSA_SHA1 => {
                Err(CryptoError::Unsupported("DSA".into()))
            }
            o => Err(CryptoError::Unsupported(format!("signature algorithm {o}"))),
        }
    }

    /// The digest the algorithm applies to the message (None for pure EdDSA).
    pub fn digest(&self) -> Option<DigestAlg> {
        match self {
            SignatureAlg::RsaPkcs1v15(d) | SignatureAlg::Ecdsa(d) => Some(*d),
            SignatureAlg::RsaPss(p) => Some(p.hash),
            SignatureAlg::Ed25519 | SignatureAlg::Ed448 => None,
        }
    }

    /// Display name, e.g. `RSA PKCS#1 v1.5 with SHA-256`.
    pub fn name(&self) -> String {
        match self {
            SignatureAlg::RsaPkcs1v15(d) => format!("RSA PKCS#1 v1.5 with {}", d.name()),
            SignatureAlg::RsaPss(p) => format!(
                "RSASSA-PSS with {} (MGF1 {}, salt {} bytes)",
                p.hash.name(),
                p.mgf_hash.name(),
                p.salt_len
            ),
            SignatureAlg::Ecdsa(d) => format!("ECDSA with {}", d.name()),
            SignatureAlg::Ed25519 => "Ed25519".into(),
            SignatureAlg::Ed448 => "Ed448".into(),
        }
    }
}

/// What was verified, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedAlg {
    /// The resolved algorithm.
    pub alg: SignatureAlg,
}

/// Verify `signature` over `message` with the public key in `spki` under
/// algorithm `alg`. Errors distinguish "invalid" ([`CryptoError::BadSignature`])
/// from "cannot decide" ([`CryptoError::Unsupported`], [`CryptoError::Malformed`]).
pub fn verify_signature(
    alg: &SignatureAlg,
    spki: &SubjectPublicKeyInfoOwned,
    message: Message<'_>,
    signature: &[u8],
) -> Result<VerifiedAlg, CryptoError> {
    let key_oid = spki.algorithm.oid;
    let is_rsa_key = key_oid == oids::RSA_ENCRYPTION || key_oid == oids::RSASSA_PSS;
    let prehash = |d: DigestAlg| -> Result<Vec<u8>, CryptoError> {
        match message {
            Message::Raw(m) => Ok(d.digest(m)),
            Message::Digest(given, h) if given == d && h.len() == d.output_len() => Ok(h.to_vec()),
            Message::Digest(given, _) => Err(CryptoError::Malformed(format!(
                "digest {} given where {} is needed",
                given.name(),
                d.name()
            ))),
        }
    };
    match alg {
        SignatureAlg::RsaPkcs1v15(d) => {
            if !is_rsa_key || key_oid == oids::RSASSA_PSS {
                return Err(CryptoError::KeyAlgorithmMismatch);
            }
            verify_pkcs1v15(spki, *d, &prehash(*d)?, signature)?
        }
        SignatureAlg::RsaPss(p) => {
            if !is_rsa_key {
                return Err(CryptoError::KeyAlgorithmMismatch);
            }
            verify_pss(spki, p, &prehash(p.hash)?, signature)?
        }
        SignatureAlg::Ecdsa(d) => {
            if key_oid != oids::EC_PUBLIC_KEY {
                return Err(CryptoError::KeyAlgorithmMismatch);
            }
            verify_ecdsa(spki, &prehash(*d)?, signature)?
        }
        SignatureAlg::Ed25519 => {
            if key_oid != oids::ED25519 {
                return Err(CryptoError::KeyAlgorithmMismatch);
            }
            let Message::Raw(m) = message else {
                return Err(CryptoError::Unsupported(
                    "Ed25519 over a precomputed digest".into(),
                ));
            };
            let pk: [u8; 32] = spki
                .subject_public_key
                .as_bytes()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| CryptoError::Malformed("Ed25519 key is not 32 bytes".into()))?;
            let vk = ed25519_dalek::VerifyingKey::from_bytes(&pk)
                .map_err(|e| CryptoError::Malformed(e.to_string()))?;
            let sig = ed25519_dalek::Signature::from_slice(signature)
                .map_err(|_| CryptoError::BadSignature)?;
            vk.verify_strict(m, &sig)
                .map_err(|_| CryptoError::BadSignature)?
        }
        SignatureAlg::Ed448 => {
            if key_oid != oids::ED448 {
                return Err(CryptoError::KeyAlgorithmMismatch);
            }
            let Message::Raw(m) = message else {
                return Err(CryptoError::Unsupported(
                    "Ed448 over a precomputed digest".into(),
                ));
            };
            verify_ed448(spki, m, signature)?
        }
    }
    Ok(VerifiedAlg { alg: *alg })
}

/// Ed448 length of an encoded point (public key, signature `R`) and of the encoded scalar `S`.
const ED448_POINT_LEN: usize = 57;

/// Pure Ed448 (RFC 8032 §5.2.7) with an empty context, as RFC 8410 and RFC 8419 use it.
fn verify_ed448(
    spki: &SubjectPublicKeyInfoOwned,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CryptoError> {
    use ed448_goldilocks_plus::{Signature, VerifyingKey};
    let pk: [u8; ED448_POINT_LEN] = spki
        .subject_public_key
        .as_bytes()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| CryptoError::Malformed("Ed448 key is not 57 bytes".into()))?;
    if !ed448_canonical_point(&pk) {
        return Err(CryptoError::Malformed(
            "Ed448 key is not a canonical point encoding".into(),
        ));
    }
    let vk = VerifyingKey::from_bytes(&pk)
        .map_err(|e| CryptoError::Malformed(format!("Ed448 key: {e}")))?;
    let sig: &[u8; 2 * ED448_POINT_LEN] = signature
        .try_into()
        .map_err(|_| CryptoError::BadSignature)?;
    let mut r = [0u8; ED448_POINT_LEN];
    r.copy_from_slice(&sig[..ED448_POINT_LEN]);
    if !ed448_canonical_point(&r) {
        return Err(CryptoError::BadSignature);
    }
    // `from_bytes` also refuses a non-canonical `S` (not below the group order).
    let sig = Signature::from_bytes(sig).map_err(|_| CryptoError::BadSignature)?;
    vk.verify_raw(&sig, message)
        .map_err(|_| CryptoError::BadSignature)
}

/// RFC 8032 §5.2.3 decoding, step 1, which the implementation leaves out:
/// the final octet holds only the sign of x (its low seven bits are zero), and
/// y is below p = 2^448 − 2^224 − 1. Refusing other encodings keeps one
/// signature from having several valid byte strings.
fn ed448_canonical_point(bytes: &[u8; ED448_POINT_LEN]) -> bool {
    if bytes[56] & 0x7f != 0 {
        return false;
    }
    // p in little-endian order: 28 octets 0xff, then 0xfe, then 27 octets 0xff.
    let p = |i: usize| if i == 28 { 0xfe } else { 0xff };
    for i in (0..56).rev() {
        match bytes[i].cmp(&p(i)) {
            core::cmp::Ordering::Less => return true,
            core::cmp::Ordering::Greater => return false,
            core::cmp::Ordering::Equal => {}
        }
    }
    false // y == p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ed448_point_encodings() {
        let mut y = [0u8; ED448_POINT_LEN];
        assert!(ed448_canonical_point(&y));
        y[56] = 0x80; // sign of x only
        assert!(ed448_canonical_point(&y));
        y[56] = 0x01; // a stray bit beside it
        assert!(!ed448_canonical_point(&y));
        // y = p and y = p - 1.
        let mut p = [0xffu8; ED448_POINT_LEN];
        p[28] = 0xfe;
        p[56] = 0;
        assert!(!ed448_canonical_point(&p));
        p[0] = 0xfe;
        assert!(ed448_canonical_point(&p));
        // y = 2^448 - 1 > p.
        let mut big = [0xffu8; ED448_POINT_LEN];
        big[56] = 0;
        assert!(!ed448_canonical_point(&big));
    }
}
