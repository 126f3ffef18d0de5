#![no_main]
//! kyso-pdf read through a `Source` (windows from 64 bytes, grown on
//! demand; a block cache; chunked searches) against the same bytes read
//! from memory: any difference in what the parser answers is a crash
//! (`kyso_pdf::fuzzing::same_through_source`, also run over every fixture
//! by the crate's tests/source.rs). Seed with `crates/kyso-pdf/tests/data/*.pdf`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_pdf::fuzzing::same_through_source(data, &kyso_pdf::fuzzing::fuzz_limits(), 500);
});
