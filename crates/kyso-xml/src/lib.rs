//! Secure, bounded XML for Kyso's signature verification.
//!
//! - [`parse`] reads XML 1.0 with namespaces over [`roxmltree`] after a
//!   pre-scan that refuses any document type declaration with declarations
//!   in it (entities above all: "billion laughs", external entities) and
//!   enforces [`Limits`] (size, nodes, depth, attributes).
//! - [`c14n`] canonicalizes a whole document or a document subset
//!   ([`NodeSet`]) under Canonical XML 1.0, 1.1 and Exclusive XML
//!   Canonicalization, with or without comments.
//!
//! # Why our own canonicalizer
//! Evaluated in 2026-12 for maturity and wasm32 support:
//! - `xml-sec` 0.4: large (≈ 240 k lines), young, MSRV 1.92 (the workspace
//!   builds with 1.85), and built on the next RustCrypto generation (der 0.8,
//!   sha2 0.11, rsa 0.10, pre-release pins) which would put a second crypto
//!   stack into the wasm worker. Not used.
//! - `xml-canonical`: not published on crates.io.
//! - `quick-xml`: a fast pull parser, but lenient by design (no namespace
//!   well-formedness, no attribute-value normalization, no line-end
//!   normalization): everything C14N needs would be ours, over a parser that
//!   accepts what the signer's parser may have read differently.
//! - `roxmltree` 0.21: strict XML 1.0 + Namespaces, read-only tree, DTDs
//!   refused by default, node limit, byte ranges of every node, pure Rust,
//!   builds for wasm32-unknown-unknown; used by resvg/usvg for years. Used
//!   here as the parser; C14N is written over it ([`c14n`]) and tested
//!   against the W3C recommendations' examples and `xmlsec1`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod c14n;
mod doc;
mod error;
pub mod fuzzing;
mod limits;
mod nodeset;

pub use c14n::{canonicalize, C14nAlgorithm, C14nMethod};
pub use doc::{decode, element_qname, node_path, parse, prefix_of_qname, Doc, XML_NS};
pub use error::XmlError;
pub use limits::Limits;
pub use nodeset::NodeSet;
pub use roxmltree;
