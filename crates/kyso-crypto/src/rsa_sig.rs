//! RSA signature verification (RFC 8017).
//!
//! The `rsa` crate supplies the key type and the raw public-key operation
//! (RSAVP1, `hazmat::rsa_encrypt`); the two encodings are checked here,
//! because:
//! - EMSA-PKCS1-v1_5: `rsa::Pkcs1v15Sign` requires the DigestInfo with NULL
//!   parameters byte for byte, while RFC 8017 §9.2 note 2 and real signers
//!   (older Vietnamese and European tokens) also write it with the parameters
//!   absent; both encodings are compared here as the whole expected DER, never
//!   parsed leniently (no Bleichenbacher-style garbage accepted).
//! - EMSA-PSS: `rsa::pss` ties the MGF1 hash to the message hash, while
//!   RSASSA-PSS-params (RFC 4055) may name any pair, any salt length and
//!   trailer field; every parameter set is verified by one routine here.

use crate::{oids, CryptoError, DigestAlg};
use der::{asn1::ObjectIdentifier, Decode, Encode, Sequence, Tagged};
use rsa::{traits::PublicKeyParts, BigUint, RsaPublicKey};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// Largest modulus accepted (bits): bounds the modular exponentiation an attacker can ask for.
const MAX_RSA_BITS: usize = 16384;
/// Largest public exponent accepted (bits). FIPS 186-5 §5.4 has `e < 2^256`;
/// real keys use 3, 17 or 65537. Without a bound, a certificate with a
/// 16,384-bit modulus and exponent asks for 16,384 squarings of that size
/// (seconds per signature, and a document may carry many).
const MAX_RSA_EXPONENT_BITS: usize = 256;

pub(crate) fn rsa_key(spki: &SubjectPublicKeyInfoOwned) -> Result<RsaPublicKey, CryptoError> {
    let bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| CryptoError::Malformed("RSA key bit string has unused bits".into()))?;
    let pk = pkcs1::RsaPublicKey::from_der(bytes)
        .map_err(|e| CryptoError::Malformed(format!("RSA public key: {e}")))?;
    let n = BigUint::from_bytes_be(pk.modulus.as_bytes());
    let e = BigUint::from_bytes_be(pk.public_exponent.as_bytes());
    if n.bits() > MAX_RSA_BITS {
        return Err(CryptoError::Unsupported(format!(
            "RSA modulus of {} bits",
            n.bits()
        )));
    }
    if e.bits() > MAX_RSA_EXPONENT_BITS {
        return Err(CryptoError::Unsupported(format!(
            "RSA public exponent of {} bits",
            e.bits()
        )));
    }
    // `new_unchecked` keeps small-exponent and short keys decodable so that the
    // policy, not the parser, reports them as weak.
    Ok(RsaPublicKey::new_unchecked(n, e))
}

/// The encoded message block a PKCS#1 signature value carries under `spki`'s
/// key (RSAVP1, I2OSP to the modulus length), for callers that explain a
/// failure ("signed by this key over other data" against "not by this key").
/// The same key bounds as verification.
pub fn rsa_public_block(
    spki: &SubjectPublicKeyInfoOwned,
    sig: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    rsavp1(&rsa_key(spki)?, sig)
}

/// RSAVP1: `s^e mod n`, as a big-endian octet string of the modulus length (I2OSP).
fn rsavp1(key: &RsaPublicKey, sig: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let k = key.size();
    if sig.len() != k {
        // RFC 8017 §8.2.2 step 1: the signature is exactly k octets.
        return Err(CryptoError::BadSignature);
    }
    // Kyso's arithmetic checks `s < n` itself; whatever it declines (`s ≥ n`
    // included) takes the `rsa` crate's routine below, which says why.
    if let Some(em) =
        crate::rsa_public::rsavp1(&key.n().to_bytes_be(), &key.e().to_bytes_be(), sig, k)
    {
        return Ok(em);
    }
    let s = BigUint::from_bytes_be(sig);
    if &s >= key.n() {
        return Err(CryptoError::BadSignature);
    }
    let m = rsa::hazmat::rsa_encrypt(key, &s).map_err(|_| CryptoError::BadSignature)?;
    let mut em = m.to_bytes_be();
    if em.len() > k {
        return Err(CryptoError::BadSignature);
    }
    let mut out = vec![0u8; k - em.len()];
    out.append(&mut em);
    Ok(out)
}

fn digest_info(alg: DigestAlg, digest: &[u8], null_params: bool) -> Vec<u8> {
    // DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }
    let oid = alg.oid();
    let mut alg_id = Vec::new();
    let oid_der = oid.to_der().expect("OID encodes");
    let inner_len = oid_der.len() + if null_params { 2 } else { 0 };
    alg_id.push(0x30);
    alg_id.push(inner_len as u8);
    alg_id.extend_from_slice(&oid_der);
    if null_params {
        alg_id.extend_from_slice(&[0x05, 0x00]);
    }
    let mut out = Vec::new();
    let total = alg_id.len() + 2 + digest.len();
    out.push(0x30);
    out.push(total as u8);
    out.extend_from_slice(&alg_id);
    out.push(0x04);
    out.push(digest.len() as u8);
    out.extend_from_slice(digest);
    out
}

/// EMSA-PKCS1-v1_5 verification of a precomputed digest.
pub(crate) fn verify_pkcs1v15(
    spki: &SubjectPublicKeyInfoOwned,
    alg: DigestAlg,
    digest: &[u8],
    sig: &[u8],
) -> Result<(), CryptoError> {
    let key = rsa_key(spki)?;
    let em = rsavp1(&key, sig)?;
    let k = em.len();
    for null_params in [true, false] {
        let t = digest_info(alg, digest, null_params);
        if k < t.len() + 11 {
            return Err(CryptoError::BadSignature);
        }
        let mut expected = vec![0x00, 0x01];
        expected.resize(k - t.len() - 1, 0xff);
        expected.push(0x00);
        expected.extend_from_slice(&t);
        if ct_eq(&expected, &em) {
            return Ok(());
        }
    }
    Err(CryptoError::BadSignature)
}

/// Raw PKCS#1 v1.5 signature over an arbitrary DigestInfo-less payload is not accepted;
/// adbe.x509.rsa_sha1 is checked with [`verify_pkcs1v15`] and SHA-1.
fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// RSASSA-PSS-params (RFC 4055 §3.1), with the defaults of RFC 8017 A.2.3.
#[derive(Sequence)]
struct PssParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask_gen: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_len: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer: Option<u32>,
}

/// Parsed PSS parameter set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PssParameters {
    /// Message digest.
    pub hash: DigestAlg,
    /// MGF1 digest.
    pub mgf_hash: DigestAlg,
    /// Salt length in bytes.
    pub salt_len: usize,
}

pub(crate) fn parse_pss_params(params: Option<&der::Any>) -> Result<PssParameters, CryptoError> {
    let p = match params {
        None => PssParams {
            hash: None,
            mask_gen: None,
            salt_len: None,
            trailer: None,
        },
        Some(any) if any.tag() == der::Tag::Null => PssParams {
            hash: None,
            mask_gen: None,
            salt_len: None,
            trailer: None,
        },
        Some(any) => any
            .decode_as::<PssParams>()
            .map_err(|e| CryptoError::Malformed(format!("RSASSA-PSS parameters: {e}")))?,
    };
    let hash = match &p.hash {
        None => DigestAlg::Sha1,
        Some(a) => DigestAlg::from_oid(&a.oid)
            .ok_or_else(|| CryptoError::Unsupported(format!("PSS hash {}", a.oid)))?,
    };
    // RSASSA-PSS with SHAKE has its own identifiers and no MGF1 (RFC 8702 §3.1).
    if hash == DigestAlg::Shake256 {
        return Err(CryptoError::Unsupported(
            "PSS with SHAKE256 as a RSASSA-PSS-params hash".into(),
        ));
    }
    let mgf_hash = match &p.mask_gen {
        None => DigestAlg::Sha1,
        Some(m) => {
            if m.oid != oids::MGF1 {
                return Err(CryptoError::Unsupported(format!(
                    "PSS mask generation function {}",
                    m.oid
                )));
            }
            let inner = m
                .parameters
                .as_ref()
                .ok_or_else(|| CryptoError::Malformed("MGF1 without hash parameter".into()))?
                .decode_as::<AlgorithmIdentifierOwned>()
                .map_err(|e| CryptoError::Malformed(format!("MGF1 parameters: {e}")))?;
            DigestAlg::from_oid(&inner.oid)
                .filter(|d| *d != DigestAlg::Shake256)
                .ok_or_else(|| CryptoError::Unsupported(format!("MGF1 hash {}", inner.oid)))?
        }
    };
    if p.trailer.unwrap_or(1) != 1 {
        return Err(CryptoError::Unsupported(
            "PSS trailer field other than 1".into(),
        ));
    }
    Ok(PssParameters {
        hash,
        mgf_hash,
        salt_len: p.salt_len.unwrap_or(20) as usize,
    })
}

fn mgf1(alg: DigestAlg, seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + alg.output_len());
    let mut counter = 0u32;
    while out.len() < len {
        let mut h = alg.hasher();
        h.update(seed);
        h.update(&counter.to_be_bytes());
        out.extend_from_slice(&h.finalize());
        counter += 1;
    }
    out.truncate(len);
    out
}

/// EMSA-PSS-VERIFY (RFC 8017 §9.1.2) of a precomputed message digest.
pub(crate) fn verify_pss(
    spki: &SubjectPublicKeyInfoOwned,
    params: &PssParameters,
    m_hash: &[u8],
    sig: &[u8],
) -> Result<(), CryptoError> {
    let key = rsa_key(spki)?;
    let em_full = rsavp1(&key, sig)?;
    let mod_bits = key.n().bits();
    let em_bits = mod_bits - 1;
    let em_len = em_bits.div_ceil(8);
    // When modBits-1 is a multiple of 8, the encoded message is one octet shorter
    // than the modulus and the leading octet of RSAVP1's output must be zero.
    let em = if em_len < em_full.len() {
        if em_full[0] != 0 {
            return Err(CryptoError::BadSignature);
        }
        &em_full[1..]
    } else {
        &em_full[..]
    };
    let h_len = params.hash.output_len();
    let s_len = params.salt_len;
    if m_hash.len() != h_len || em_len < h_len + s_len + 2 {
        return Err(CryptoError::BadSignature);
    }
    if em[em_len - 1] != 0xbc {
        return Err(CryptoError::BadSignature);
    }
    let (masked_db, rest) = em.split_at(em_len - h_len - 1);
    let h = &rest[..h_len];
    let zero_bits = 8 * em_len - em_bits;
    if zero_bits > 0 && masked_db[0] >> (8 - zero_bits) != 0 {
        return Err(CryptoError::BadSignature);
    }
    let mask = mgf1(params.mgf_hash, h, masked_db.len());
    let mut db: Vec<u8> = masked_db.iter().zip(&mask).map(|(a, b)| a ^ b).collect();
    if zero_bits > 0 {
        db[0] &= 0xff >> zero_bits;
    }
    let ps_len = em_len - h_len - s_len - 2;
    if db[..ps_len].iter().any(|&b| b != 0) || db[ps_len] != 0x01 {
        return Err(CryptoError::BadSignature);
    }
    let salt = &db[db.len() - s_len..];
    let mut hh = params.hash.hasher();
    hh.update(&[0u8; 8]);
    hh.update(m_hash);
    hh.update(salt);
    if ct_eq(&hh.finalize(), h) {
        Ok(())
    } else {
        Err(CryptoError::BadSignature)
    }
}

/// Digest for an RSA PKCS#1 v1.5 signature-algorithm OID.
pub(crate) fn pkcs1_digest_for(oid: &ObjectIdentifier) -> Option<DigestAlg> {
    Some(match *oid {
        o if o == oids::MD5_WITH_RSA => DigestAlg::Md5,
        o if o == oids::SHA1_WITH_RSA => DigestAlg::Sha1,
        o if o == oids::SHA224_WITH_RSA => DigestAlg::Sha224,
        o if o == oids::SHA256_WITH_RSA => DigestAlg::Sha256,
        o if o == oids::SHA384_WITH_RSA => DigestAlg::Sha384,
        o if o == oids::SHA512_WITH_RSA => DigestAlg::Sha512,
        o if o == oids::SHA512_224_WITH_RSA => DigestAlg::Sha512_224,
        o if o == oids::SHA512_256_WITH_RSA => DigestAlg::Sha512_256,
        o if o == oids::SHA3_224_WITH_RSA => DigestAlg::Sha3_224,
        o if o == oids::SHA3_256_WITH_RSA => DigestAlg::Sha3_256,
        o if o == oids::SHA3_384_WITH_RSA => DigestAlg::Sha3_384,
        o if o == oids::SHA3_512_WITH_RSA => DigestAlg::Sha3_512,
        _ => return None,
    })
}
