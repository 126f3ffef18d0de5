#![no_main]
//! kyso-pdf-content text layer: the first two bytes (big-endian, modulo the
//! rest's length) say how many following bytes are a CMap program (used as a
//! `/ToUnicode` and as an embedded Type 0 encoding); the rest is a page's
//! content stream drawing with simple, Type 0, Type 3 and legacy Vietnamese
//! fonts and a form XObject (`kyso_pdf_content::fuzzing::exercise_text`, also
//! run by the crate's smoke test). Seed with content streams from `fixtures/`
//! and ToUnicode CMaps (`qpdf --show-object=N --filtered-stream-data`).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_pdf_content::fuzzing::exercise_text(data);
});
