//! PDF parsing for Kyso: revisions, xref tables and streams, object streams, encryption, signature dictionaries and byte ranges. Bounded; errors as values.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod object;
