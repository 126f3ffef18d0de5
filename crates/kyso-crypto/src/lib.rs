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
mod rsa_sig;
mod verify;

pub use digest_alg::{DigestAlg, Hasher};
pub use error::CryptoError;
pub use key::{KeyInfo, KeyKind};
pub use rsa_sig::PssParameters;
pub use verify::{verify_signature, Message, SignatureAlg, VerifiedAlg};
