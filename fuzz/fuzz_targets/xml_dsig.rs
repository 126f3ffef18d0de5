//! Fuzz XML-DSig / XAdES reading and verification: signature discovery,
//! reference resolution (ids, XPath Filter 2.0 subset), transforms, KeyInfo,
//! qualifying properties and timestamp tokens.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_xmldsig::fuzzing::dsig_one(data);
});
