//! XML-DSig (XML Signature Syntax and Processing 1.1) and XAdES (ETSI EN 319
//! 132-1) reading and verification for Kyso, **without trust decisions**:
//! every `ds:Signature` of a document is reported as facts (which element each
//! reference signed, digests, the signature value, the certificates in
//! KeyInfo, XAdES properties, timestamps) with findings (`xml.*`, `xades.*`,
//! see [`codes`]). Path validation and the verdict belong to other crates.
//!
//! What was signed is hashed as received: SignedInfo and every node-set are
//! canonicalized by the algorithm the signature names ([`kyso_xml::c14n`]),
//! never re-serialized otherwise. Same-document references resolve to exactly
//! one element (duplicate identifiers are an error: signature wrapping), and
//! each reference reports the element it covers so that a front end shows that
//! and only that.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod algorithms;
pub mod codes;
pub mod fuzzing;
mod ids;
mod model;
mod rsa_recover;
mod verify;
mod xades;
mod xpath;

pub use ids::{IdError, IdIndex};
pub use model::*;
pub use verify::{verify_xml, ExternalResolver, Options};
