//! CMS (RFC 5652) SignedData and RFC 3161 timestamp token verification for
//! Kyso, over the bytes as received.
//!
//! - [`parse_signed_data`] reads a `ContentInfo` holding `id-signedData` (BER
//!   or DER; a PDF `/Contents` with its zero padding is accepted) into a
//!   [`SignedDataView`] that keeps the raw bytes of everything that was signed.
//! - [`verify_signer`] checks one `SignerInfo` (RFC 5652 §5.4, §5.6): message
//!   digest, content type, signature value over the signed attributes *as
//!   received*, ESS signing-certificate(-v2), and collects signingTime, the
//!   Adobe revocation archive and signature timestamp tokens. It records facts
//!   and findings ([`SignerResult`]); it does not decide a verdict.
//! - [`tsp`] parses and verifies RFC 3161 timestamp tokens.
//!
//! Every finding code (`cms.*`, `tsp.*`) is a constant of [`codes`].
//!
//! Certificate path validation is not done here: the signer certificate and
//! every embedded certificate are handed to `kyso-pki`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod attrs;
mod ber;
pub mod codes;
mod error;
mod limits;
pub mod oids;
mod signed_data;
mod signer;
mod time;
pub mod tsp;

pub use error::CmsError;
pub use limits::Limits;
pub use signed_data::{
    counter_signers_of, parse_signed_data, Attribute, CertDer, OtherRevocation, SignedDataView,
    SignerIdentifier, SignerInfoView,
};
pub use signer::{
    check_adbe_sha1_digest, verify_counter_signer, verify_signer, Content, SignerResult,
};
pub use time::parse_asn1_time;
