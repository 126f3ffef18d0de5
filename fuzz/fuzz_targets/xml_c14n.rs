//! Fuzz the secure XML parser (DOCTYPE pre-scan, limits) and every C14N
//! method over the whole document and over element subsets.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_xml::fuzzing::c14n_one(data);
});
