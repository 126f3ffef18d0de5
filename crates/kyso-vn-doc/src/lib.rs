//! What a Vietnamese administrative document is, read from its text.
//!
//! Vietnamese state documents follow one layout (Nghị định 30/2020/NĐ-CP,
//! Phụ lục I: thể thức văn bản): issuing body and number on the left of the
//! header, national motto, place and date on the right, the type and the
//! subject under it, the distribution list and the signer at the end,
//! appendices after. This crate reads those parts from positioned text
//! ([`layout::Fragment`], given by the PDF text layer or any other source)
//! into [`kyso_report::AdministrativeInfo`], each value with the page and
//! rectangle it was read from and how sure the reading is, and checks them
//! against the document's signatures ([`cross_check`]).
//!
//! It reads; it never decides a signature's validity. Every cross-check is
//! a finding of severity info or warning (`doc.admin.*`, [`codes`]).
//!
//! Bounded: only the lines it is given are read, and every search is over a
//! fixed window (header: 45 lines, lists: 60 items, subject: 8 lines).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
mod crosscheck;
pub mod dates;
pub mod doctypes;
mod fields;
#[doc(hidden)]
pub mod fuzzing;
pub mod layout;
pub mod pdf;
pub mod stamp;
pub mod text;

pub use crosscheck::{cross_check, LONG_AFTER_DAYS, STAMP_TIME_TOLERANCE_SECS};
pub use fields::{read, split_number};
pub use layout::{plain_lines, reading_order, Column, Fragment, Line};
