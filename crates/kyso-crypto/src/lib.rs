//! Cryptographic primitives for Kyso: digests, signature-value verification
//! and the algorithm policy.
//!
//! Everything that needs "does this signature value verify with this public
//! key" (CMS signer infos, certificates in a path, CRLs, OCSP responses,
//! timestamp tokens, XML-DSig later) goes through [`verify_signature`], so the
//! verification logic elsewhere does not care which implementation computes.
//!
//! Implementations: RustCrypto `rsa` (raw RSAVP1 only, see [`rsa_sig`]),
//! `p256`/`p384`/`p521` (ECDSA), `ed25519-dalek`, `ed448-goldilocks-plus`
//! (Ed448); digests from `sha1`, `sha2`, `sha3` (SHA-3 and SHAKE256), `md-5`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod digest_alg;
mod ecdsa_sig;
mod error;
mod key;
pub mod oids;
pub mod policy;
mod rsa_public;
mod rsa_sig;
mod verify;

pub use digest_alg::{DigestAlg, Hasher};
pub use error::CryptoError;
pub use key::{KeyInfo, KeyKind};
pub use rsa_sig::{rsa_public_block, PssParameters};
pub use verify::{verify_signature, Message, SignatureAlg, VerifiedAlg};

#[doc(hidden)]
pub mod fuzzing {
    //! Entry point of the `rsa_public` fuzz target: Kyso's RSAVP1 against
    //! `num-bigint-dig` (the `rsa` crate's arithmetic) on arbitrary moduli,
    //! exponents and signature values.

    /// `data` = u16 modulus length ‖ u8 exponent length ‖ modulus ‖ exponent ‖
    /// signature value. Panics when the two computations disagree.
    pub fn rsavp1_differential(data: &[u8]) {
        if data.len() < 3 {
            return;
        }
        let n_len = (usize::from(u16::from_be_bytes([data[0], data[1]])) % 1025).max(1);
        let e_len = usize::from(data[2] % 33);
        let rest = &data[3..];
        if rest.len() < n_len + e_len {
            return;
        }
        let (n, rest) = rest.split_at(n_len);
        let (e, s) = rest.split_at(e_len);
        let s = &s[..s.len().min(n_len)];
        crate::rsa_public::check_against_reference(n, e, s);
    }
}
