#![no_main]
//! Whole pipeline on arbitrary bytes: must never panic or hang.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = kyso_core::verify(None, data, &kyso_core::Options { now: Some(1_780_000_000), ..Default::default() });
});
