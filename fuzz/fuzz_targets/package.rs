//! Fuzz signed Office package reading: the bounded ZIP reader, OPC
//! relationships and content types, ODF manifests, the signature parts'
//! discovery and verification with package parts as references, coverage.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_package::fuzzing::package_one(data);
});
