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
        let need_hint = || {
            digest_hint
                .ok_or_else(|| CryptoError::Malformed(format!("{oid} needs a digest algorithm")))
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
        SignatureAlg::Ed448 => return Err(CryptoError::Unsupported("Ed448".into())),
    }
    Ok(VerifiedAlg { alg: *alg })
}
