//! The library half of the `kyso` command: what the command needs beyond
//! [`kyso_core::verify`] and is no part of the verifier itself, so that the
//! wasm worker never compiles it.
//!
//! - [`corpus`]: the conformance runner's oracle (`kyso corpus DIR`, the
//!   corpus conformance tests), mapping a report onto a corpus manifest's
//!   `expected_verdict` vocabulary.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod corpus;
