//! PDF parsing for Kyso: revisions, xref tables and streams, object streams,
//! encryption, signature dictionaries and byte ranges. Bounded; errors as values.
//!
//! ```text
//! Document::parse(bytes, &Limits::default())
//!   ├─ revisions()        incremental updates, oldest first, exact byte boundaries
//!   ├─ object(rev, ref)   lazily parsed, as visible in a revision, decrypted
//!   ├─ signatures()       every /Sig and /DocTimeStamp dictionary, form-linked or not
//!   ├─ unreached_signatures(&sigs)   those in the bytes that the xref chain does not reach
//!   └─ byte_range::check_all(&doc, &sigs)   coverage and signature-wrapping checks
//! ```
//!
//! Nothing here "repairs" a broken structure into an accepted one: slightly
//! wrong offsets are tolerated only within [`Limits::offset_tolerance`] and
//! every tolerance is reported, in [`Document::warnings`] (structure, found
//! while parsing) or [`Document::late_warnings`] (found while reading objects):
//!
//! | code | tolerance |
//! |---|---|
//! | `pdf.no_header` (error severity) | no `%PDF-` header, structure otherwise readable |
//! | `pdf.header_offset` | bytes before `%PDF-` |
//! | `pdf.no_eof_marker`, `pdf.trailing_bytes` | missing `%%EOF`; bytes after the last one |
//! | `pdf.revision.unchained`, `pdf.revision.out_of_order` | an update no xref links to; revisions out of file order |
//! | `pdf.xref.offset_adjusted` | `startxref`/`/Prev` a few bytes off |
//! | `pdf.xref.bad_prev` | wrong `/Prev`; the previous update's own `startxref` used instead |
//! | `pdf.xref.entry_offset_adjusted`, `pdf.xref.dangling` | xref entries a few bytes off; entries pointing nowhere |
//! | `pdf.xref.section_shifted` | every failing entry of a revision off by the same amount, each verified at its corrected position |
//! | `pdf.stream.length_mismatch`, `pdf.stream.truncated` | wrong `/Length`; corrupt Flate tail (late) |
//! | `pdf.object.duplicate_key` | a key repeated in one dictionary; the first wins (late) |
//! | `pdf.encryption.needs_password` | encrypted, not openable with the empty user password |
//!
//! Refused (an error, no document): besides unreadable headers, xref sections
//! and limits, a `/Prev` chain that loops (`pdf.xref.prev_loop`): the
//! revisions it would define are not defined at all.
//!
//! Byte-range findings (`pdf.byte_range.*`) are in [`byte_range::ByteRangeCheck::findings`].
//!
//! [`Document::unreached_signatures`] finds signature dictionaries that are in
//! the bytes but that the trailer chain does not reach (an update whose
//! `/Prev` skips the signed revision); [`byte_range::check_unreached`] checks
//! their byte ranges.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod byte_range;
pub mod codes;
mod crypt;
mod date;
mod document;
mod error;
mod facts;
mod filters;
#[doc(hidden)]
pub mod fuzzing;
mod input;
mod lexer;
mod limits;
mod meta;
pub mod object;
mod sig;
mod text;
mod unreached;
mod xref;

pub use crypt::Encryption;
pub use date::parse_pdf_date;
pub use document::{Document, Revision};
pub use error::PdfError;
pub use facts::MAX_WALK;
pub use kyso_source::{ReadError, Source};
pub use limits::Limits;
pub use object::{Dict, ObjRef, Object, PdfString, Span, Stream};
pub use sig::{SigField, SigReference, SignatureDict};
pub use text::decode_text;
pub use unreached::{UnreachedSignature, BYTE_RANGE_KEY, MAX_HITS, MAX_UNREACHED};
pub use xref::{XrefEntry, XrefKind};
