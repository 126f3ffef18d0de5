#![no_main]
//! Path building, validation and revocation parsing on arbitrary bytes (split
//! into leaf, candidates, CRLs and OCSP responses): never panic or hang.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let store = kyso_pki::TrustStore::bundled();
    let _ = kyso_pki::fuzzing::run(data, &store, 1_780_000_000);
});
