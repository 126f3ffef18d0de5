use crate::{oids, CryptoError};
use der::{asn1::ObjectIdentifier, Decode};
use rsa::traits::PublicKeyParts;
use spki::SubjectPublicKeyInfoOwned;

/// What a public key is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with modulus length in bits.
    Rsa {
        /// Modulus length in bits.
        bits: usize,
    },
    /// ECDSA key on a named curve.
    Ec {
        /// Curve name (`P-256`, `P-384`, `P-521`, or the OID).
        curve: String,
        /// Field size in bits (0 when unknown).
        bits: usize,
    },
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// DSA (recognised, not supported).
    Dsa,
    /// Anything else, by OID.
    Other(String),
}

/// A decoded public key's description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// The kind and size.
    pub kind: KeyKind,
}

impl KeyInfo {
    /// Describe a SubjectPublicKeyInfo.
    pub fn from_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<KeyInfo, CryptoError> {
        let oid = spki.algorithm.oid;
        let kind = if oid == oids::RSA_ENCRYPTION || oid == oids::RSASSA_PSS {
            let key = crate::rsa_sig::rsa_key(spki)?;
            KeyKind::Rsa {
                bits: key.n().bits(),
            }
        } else if oid == oids::EC_PUBLIC_KEY {
            let curve = ec_curve(spki)?;
            let (name, bits) = match curve {
                c if c == oids::SECP256R1 => ("P-256".to_string(), 256),
                c if c == oids::SECP384R1 => ("P-384".to_string(), 384),
                c if c == oids::SECP521R1 => ("P-521".to_string(), 521),
                c if c == oids::SECP256K1 => ("secp256k1".to_string(), 256),
                c => (c.to_string(), 0),
            };
            KeyKind::Ec { curve: name, bits }
        } else if oid == oids::ED25519 {
            KeyKind::Ed25519
        } else if oid == oids::ED448 {
            KeyKind::Ed448
        } else if oid == oids::DSA {
            KeyKind::Dsa
        } else {
            KeyKind::Other(oid.to_string())
        };
        Ok(KeyInfo { kind })
    }

    /// Short description, e.g. `RSA-3072`, `ECDSA P-384`, `Ed25519`.
    pub fn description(&self) -> String {
        match &self.kind {
            KeyKind::Rsa { bits } => format!("RSA-{bits}"),
            KeyKind::Ec { curve, .. } => format!("ECDSA {curve}"),
            KeyKind::Ed25519 => "Ed25519".into(),
            KeyKind::Ed448 => "Ed448".into(),
            KeyKind::Dsa => "DSA".into(),
            KeyKind::Other(o) => format!("key {o}"),
        }
    }
}

/// The named curve of an id-ecPublicKey SPKI.
pub(crate) fn ec_curve(spki: &SubjectPublicKeyInfoOwned) -> Result<ObjectIdentifier, CryptoError> {
    let params = spki
        .algorithm
        .parameters
        .as_ref()
        .ok_or_else(|| CryptoError::Malformed("EC key without curve parameters".into()))?;
    // Explicit curve parameters (SEQUENCE) are not supported: only named curves are allowed
    // by RFC 5480 for PKIX.
    params
        .decode_as::<ObjectIdentifier>()
        .or_else(|_| ObjectIdentifier::from_der(params.value()))
        .map_err(|_| {
            CryptoError::Unsupported("EC key with explicit (unnamed) curve parameters".into())
        })
}
