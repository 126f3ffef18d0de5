#![no_main]
//! kyso-pdf-content: arbitrary bytes as a page's content stream, a form
//! XObject and an annotation appearance (`kyso_pdf_content::fuzzing::exercise`,
//! also run by the crate's smoke test). Seed with content streams extracted
//! from `fixtures/` (e.g. `qpdf --qdf`).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_pdf_content::fuzzing::exercise(data);
});
