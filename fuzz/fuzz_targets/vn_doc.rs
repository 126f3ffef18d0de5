#![no_main]
//! kyso-vn-doc: arbitrary text as lines and as positioned fragments, through
//! the layout, the administrative field reader and the cross-checks.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_vn_doc::fuzzing::exercise(data);
});
