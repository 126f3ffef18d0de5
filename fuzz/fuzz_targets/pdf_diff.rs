#![no_main]
//! kyso-pdf-diff on arbitrary bytes: parse, byte-range checks and the change
//! analysis (`kyso_pdf_diff::fuzzing::exercise`, also run by the crate's smoke
//! test). Seed with `fixtures/attacks/*.pdf`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_pdf_diff::fuzzing::exercise(data);
});
