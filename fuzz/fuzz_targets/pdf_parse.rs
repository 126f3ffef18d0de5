#![no_main]
//! kyso-pdf alone on arbitrary bytes: parse plus every accessor
//! (`kyso_pdf::fuzzing::exercise`, also run by the crate's smoke test).
//! Seed with `crates/kyso-pdf/tests/data/*.pdf`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_pdf::fuzzing::exercise(data);
});
