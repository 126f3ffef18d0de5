use crate::oids;
use const_oid::ObjectIdentifier;
use digest::Digest;

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
}

impl DigestAlg {
    /// Every supported algorithm.
    pub const ALL: [DigestAlg; 12] = [
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
    ];

    /// From the algorithm OID (parameters, NULL or absent, are ignored).
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.oid() == *oid)
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
}

macro_rules! each {
    ($self:expr, $h:ident => $e:expr) => {
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
        }
    };
}

impl Hasher {
    /// Feed bytes.
    pub fn update(&mut self, data: &[u8]) {
        each!(&mut self.0, h => Digest::update(h, data))
    }

    /// The digest.
    pub fn finalize(self) -> Vec<u8> {
        each!(self.0, h => h.finalize().to_vec())
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
}
