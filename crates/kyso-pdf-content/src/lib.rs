//! What a PDF page, or an annotation's appearance stream, draws and where.
//!
//! A signature covers bytes, but a reader sees a page. To tell "a later
//! widget sits on blank paper" from "a later widget hides signed text", the
//! change analysis needs the regions a page draws (text runs, images, filled
//! paths) and whether an appearance stream paints something opaque. This
//! crate interprets content streams (ISO 32000-1 §8, §9) far enough to answer
//! that — a geometry, not a renderer: text boxes come from glyph advances,
//! images from the CTM, paths from their bounding boxes, clipping as a
//! bounding box.
//!
//! For scanned pages (one full-page image), [`image::region_is_blank`]
//! decodes the image and says whether a region is blank paper.
//!
//! [`page_text`] reads the page's text layer through the same walk: runs of
//! Unicode text (NFC) with their boxes, from simple, Type 0 and Type 3
//! fonts and the legacy Vietnamese TCVN3/VNI fonts ([`font`]), for reading
//! what a document is (its issuing body, number, date, …).
//!
//! Untrusted input: every interpreter run is bounded (operators, marks, form
//! XObject nesting, decoded bytes, image pixels, glyphs, CMap sizes); errors
//! are values.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod font;
#[doc(hidden)]
pub mod fuzzing;
pub mod geometry;
pub mod image;
mod interp;
mod lexer;
pub mod text;

pub use geometry::{Matrix, Rect};
pub use interp::{appearance_marks, page_marks, ContentLimits, Mark, MarkKind, Marks};
pub use text::{appearance_text, page_text, PageText, TextLimits, TextRun};
