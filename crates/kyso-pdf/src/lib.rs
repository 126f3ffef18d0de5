//! PDF parsing for Kyso: revisions, xref tables and streams, object streams,
//! encryption, signature dictionaries and byte ranges. Bounded; errors as values.
//!
//! ```text
//! Document::parse(bytes, &Limits::default())
//!   ├─ revisions()        incremental updates, oldest first, exact byte boundaries
//!   ├─ object(rev, ref)   lazily parsed, as visible in a revision, decrypted
//!   ├─ signatures()       every /Sig and /DocTimeStamp dictionary, form-linked or not
//!   └─ byte_range::check_all(&doc, &sigs)   coverage and signature-wrapping checks
//! ```
//!
//! Nothing here "repairs" a broken structure into an accepted one: slightly
//! wrong offsets are tolerated only within [`Limits::offset_tolerance`] and
//! every tolerance is reported in [`Document::warnings`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod byte_range;
mod crypt;
mod date;
mod document;
mod error;
mod filters;
#[doc(hidden)]
pub mod fuzzing;
mod lexer;
mod limits;
mod meta;
pub mod object;
mod sig;
mod text;
mod xref;

pub use crypt::Encryption;
pub use date::parse_pdf_date;
pub use document::{Document, Revision};
pub use error::PdfError;
pub use limits::Limits;
pub use object::{Dict, ObjRef, Object, PdfString, Span, Stream};
pub use sig::{SigField, SigReference, SignatureDict};
pub use text::decode_text;
pub use xref::{XrefEntry, XrefKind};
