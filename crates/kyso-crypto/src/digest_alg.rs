use crate::{oids, CryptoError};
use const_oid::ObjectIdentifier;
use der::Tagged;
use digest::{Digest, ExtendableOutput, Update};
use spki::AlgorithmIdentifierOwned;

/// Output of [`DigestAlg::Shake256`] in bytes: 512 bits, the length RFC 8419
/// fixes for Ed448 in CMS (and RFC 8702 for `id-shake256`).
const SHAKE256_OUTPUT_LEN: usize = 64;

/// A digest algorithm Kyso can compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum DigestAlg {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    /// SHAKE256 (FIPS 202) read to 512 bits: `id-shake256`, or `id-shake256-len`
    /// with a length of 512 (see [`DigestAlg::from_algorithm_identifier`]).
    Shake256,
}

impl DigestAlg {
    /// Every supported algorithm.
    pub const ALL: [DigestAlg; 13] = [
        DigestAlg::Md5,
        DigestAlg::Sha1,
        DigestAlg::Sha224,
        DigestAlg::Sha256,
        DigestAlg::Sha384,
        DigestAlg::Sha512,
        DigestAlg::Sha512_224,
        DigestAlg::Sha512_256,
        DigestAlg::Sha3_224,
        DigestAlg::Sha3_256,
        DigestAlg::Sha3_384,
        DigestAlg::Sha3_512,
        DigestAlg::Shake256,
    ];

    /// From the algorithm OID (parameters, NULL or absent, are ignored).
    /// `id-shake256-len` is not recognised here: its output length is a
    /// parameter, read by [`DigestAlg::from_algorithm_identifier`].
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.oid() == *oid)
    }

    /// From a whole AlgorithmIdentifier, reading the parameters where they
    /// matter: `id-shake256-len` (RFC 8419) carries the output length in bits
    /// as `ShakeOutputLen ::= INTEGER`, and only 512 (the length RFC 8419
    /// requires with Ed448) is supported; `id-shake256` (RFC 8702) has its
    /// parameters absent. For the fixed-length digests, NULL or absent
    /// parameters are ignored as in [`DigestAlg::from_oid`].
    pub fn from_algorithm_identifier(alg: &AlgorithmIdentifierOwned) -> Result<Self, CryptoError> {
        let params = alg.parameters.as_ref();
        if alg.oid == oids::SHAKE256_LEN {
            let bits = params
                .ok_or_else(|| CryptoError::Malformed("id-shake256-len without its length".into()))?
                .decode_as::<u32>()
                .map_err(|e| CryptoError::Malformed(format!("id-shake256-len length: {e}")))?;
            if bits as usize != SHAKE256_OUTPUT_LEN * 8 {
                return Err(CryptoError::Unsupported(format!(
                    "SHAKE256 with a {bits}-bit output"
                )));
            }
            return Ok(DigestAlg::Shake256);
        }
        if alg.oid == oids::SHAKE256 && params.is_some_and(|p| p.tag() != der::Tag::Null) {
            return Err(CryptoError::Unsupported(
                "id-shake256 with parameters (an output length other than 512 bits?)".into(),
            ));
        }
        Self::from_oid(&alg.oid)
            .ok_or_else(|| CryptoError::Unsupported(format!("digest algorithm {}", alg.oid)))
    }

    /// The algorithm OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            DigestAlg::Md5 => oids::MD5,
            DigestAlg::Sha1 => oids::SHA1,
            DigestAlg::Sha224 => oids::SHA224,
            DigestAlg::Sha256 => oids::SHA256,
            DigestAlg::Sha384 => oids::SHA384,
            DigestAlg::Sha512 => oids::SHA512,
            DigestAlg::Sha512_224 => oids::SHA512_224,
            DigestAlg::Sha512_256 => oids::SHA512_256,
            DigestAlg::Sha3_224 => oids::SHA3_224,
            DigestAlg::Sha3_256 => oids::SHA3_256,
            DigestAlg::Sha3_384 => oids::SHA3_384,
            DigestAlg::Sha3_512 => oids::SHA3_512,
            DigestAlg::Shake256 => oids::SHAKE256,
        }
    }

    /// Display name, e.g. `SHA-256`.
    pub fn name(self) -> &'static str {
        match self {
            DigestAlg::Md5 => "MD5",
            DigestAlg::Sha1 => "SHA-1",
            DigestAlg::Sha224 => "SHA-224",
            DigestAlg::Sha256 => "SHA-256",
            DigestAlg::Sha384 => "SHA-384",
            DigestAlg::Sha512 => "SHA-512",
            DigestAlg::Sha512_224 => "SHA-512/224",
            DigestAlg::Sha512_256 => "SHA-512/256",
            DigestAlg::Sha3_224 => "SHA3-224",
            DigestAlg::Sha3_256 => "SHA3-256",
            DigestAlg::Sha3_384 => "SHA3-384",
            DigestAlg::Sha3_512 => "SHA3-512",
            DigestAlg::Shake256 => "SHAKE256",
        }
    }

    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            DigestAlg::Md5 => 16,
            DigestAlg::Sha1 => 20,
            DigestAlg::Sha224 | DigestAlg::Sha512_224 | DigestAlg::Sha3_224 => 28,
            DigestAlg::Sha256 | DigestAlg::Sha512_256 | DigestAlg::Sha3_256 => 32,
            DigestAlg::Sha384 | DigestAlg::Sha3_384 => 48,
            DigestAlg::Sha512 | DigestAlg::Sha3_512 => 64,
            DigestAlg::Shake256 => SHAKE256_OUTPUT_LEN,
        }
    }

    /// Digest of `data` in one call.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut h = self.hasher();
        h.update(data);
        h.finalize()
    }

    /// An incremental hasher (for byte ranges, streamed input).
    pub fn hasher(self) -> Hasher {
        Hasher(match self {
            DigestAlg::Md5 => Inner::Md5(md5::Md5::new()),
            DigestAlg::Sha1 => Inner::Sha1(sha1::Sha1::new()),
            DigestAlg::Sha224 => Inner::Sha224(sha2::Sha224::new()),
            DigestAlg::Sha256 => Inner::Sha256(sha2::Sha256::new()),
            DigestAlg::Sha384 => Inner::Sha384(sha2::Sha384::new()),
            DigestAlg::Sha512 => Inner::Sha512(sha2::Sha512::new()),
            DigestAlg::Sha512_224 => Inner::Sha512_224(sha2::Sha512_224::new()),
            DigestAlg::Sha512_256 => Inner::Sha512_256(sha2::Sha512_256::new()),
            DigestAlg::Sha3_224 => Inner::Sha3_224(sha3::Sha3_224::new()),
            DigestAlg::Sha3_256 => Inner::Sha3_256(sha3::Sha3_256::new()),
            DigestAlg::Sha3_384 => Inner::Sha3_384(sha3::Sha3_384::new()),
            DigestAlg::Sha3_512 => Inner::Sha3_512(sha3::Sha3_512::new()),
            DigestAlg::Shake256 => Inner::Shake256(sha3::Shake256::default()),
        })
    }
}

/// Incremental hashing over one of the [`DigestAlg`]s.
#[derive(Clone)]
pub struct Hasher(Inner);

#[derive(Clone)]
enum Inner {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha512_224(sha2::Sha512_224),
    Sha512_256(sha2::Sha512_256),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    /// An extendable-output function: read to [`SHAKE256_OUTPUT_LEN`] bytes.
    Shake256(sha3::Shake256),
}

/// `$e` for each fixed-length digest, `$x` for SHAKE256.
macro_rules! each {
    ($self:expr, $h:ident => $e:expr, shake $s:ident => $x:expr) => {
        match $self {
            Inner::Md5($h) => $e,
            Inner::Sha1($h) => $e,
            Inner::Sha224($h) => $e,
            Inner::Sha256($h) => $e,
            Inner::Sha384($h) => $e,
            Inner::Sha512($h) => $e,
            Inner::Sha512_224($h) => $e,
            Inner::Sha512_256($h) => $e,
            Inner::Sha3_224($h) => $e,
            Inner::Sha3_256($h) => $e,
            Inner::Sha3_384($h) => $e,
            Inner::Sha3_512($h) => $e,
            Inner::Shake256($s) => $x,
        }
    };
}

impl Hasher {
    /// Feed bytes.
    pub fn update(&mut self, data: &[u8]) {
        each!(&mut self.0, h => Digest::update(h, data), shake x => Update::update(x, data))
    }

    /// The digest.
    pub fn finalize(self) -> Vec<u8> {
        each!(self.0, h => h.finalize().to_vec(),
            shake x => x.finalize_boxed(SHAKE256_OUTPUT_LEN).into_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        assert_eq!(
            hex::encode(DigestAlg::Sha256.digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex::encode(DigestAlg::Sha1.digest(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex::encode(DigestAlg::Sha3_256.digest(b"abc")),
            "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
        );
        for a in DigestAlg::ALL {
            assert_eq!(a.digest(b"x").len(), a.output_len(), "{a:?}");
            assert_eq!(DigestAlg::from_oid(&a.oid()), Some(a));
        }
        let mut h = DigestAlg::Sha512.hasher();
        h.update(b"a");
        h.update(b"bc");
        assert_eq!(h.finalize(), DigestAlg::Sha512.digest(b"abc"));
    }

    #[test]
    fn shake256_reads_512_bits() {
        // FIPS 202 SHAKE256("abc"), first 64 bytes.
        assert_eq!(
            hex::encode(DigestAlg::Shake256.digest(b"abc")),
            "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739\
             d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"
        );
        let mut h = DigestAlg::Shake256.hasher();
        h.update(b"a");
        h.update(b"bc");
        assert_eq!(h.finalize(), DigestAlg::Shake256.digest(b"abc"));
    }

    #[test]
    fn shake256_algorithm_identifiers() {
        use der::{asn1::Any, Encode};
        let id = |oid, parameters: Option<Any>| AlgorithmIdentifierOwned { oid, parameters };
        let len = |bits: u32| Some(Any::from_der(&bits.to_der().unwrap()).unwrap());
        let null = Some(Any::from_der(&[0x05, 0x00]).unwrap());
        use der::Decode;
        // id-shake256, parameters absent (RFC 8702) or NULL.
        assert_eq!(
            DigestAlg::from_algorithm_identifier(&id(oids::SHAKE256, None)),
            Ok(DigestAlg::Shake256)
        );
        assert_eq!(
            DigestAlg::from_algorithm_identifier(&id(oids::SHAKE256, null.clone())),
            Ok(DigestAlg::Shake256)
        );
        assert!(matches!(
            DigestAlg::from_algorithm_identifier(&id(oids::SHAKE256, len(256))),
            Err(CryptoError::Unsupported(_))
        ));
        // id-shake256-len: 512 bits only; the length is required.
        assert_eq!(
            DigestAlg::from_algorithm_identifier(&id(oids::SHAKE256_LEN, len(512))),
            Ok(DigestAlg::Shake256)
        );
        assert!(matches!(
            DigestAlg::from_algorithm_identifier(&id(oids::SHAKE256_LEN, len(256))),
            Err(CryptoError::Unsupported(_))
        ));
        assert!(matches!(
            DigestAlg::from_algorithm_identifier(&id(oids::SHAKE256_LEN, None)),
            Err(CryptoError::Malformed(_))
        ));
        assert!(matches!(
            DigestAlg::from_algorithm_identifier(&id(oids::SHAKE256_LEN, null.clone())),
            Err(CryptoError::Malformed(_))
        ));
        assert_eq!(DigestAlg::from_oid(&oids::SHAKE256_LEN), None);
        // Fixed-length digests keep ignoring NULL parameters; unknown OIDs are unsupported.
        assert_eq!(
            DigestAlg::from_algorithm_identifier(&id(oids::SHA256, null)),
            Ok(DigestAlg::Sha256)
        );
        assert!(matches!(
            DigestAlg::from_algorithm_identifier(&id(oids::ED448, None)),
            Err(CryptoError::Unsupported(_))
        ));
    }
}
