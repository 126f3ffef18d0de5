#![no_main]
//! Whole pipeline on arbitrary bytes: must never panic or hang.
//!
//! With a populated trust store: the bundled national anchors (always
//! embedded) plus the fixtures' test root, so that seeds signed under it
//! (crates/*/tests/data, fixtures/) reach path validation to a trusted
//! anchor, revocation and the change analysis of a trusted signature, not
//! only the "no path" branch.
use libfuzzer_sys::fuzz_target;

const TEST_ROOT: &[u8] = include_bytes!("../../fixtures/pdf/trust/kyso-test-root.pem");

fuzz_target!(|data: &[u8]| {
    let opts = kyso_core::Options {
        now: Some(1_780_000_000),
        test_anchors: vec![TEST_ROOT.to_vec()],
        ..Default::default()
    };
    let _ = kyso_core::verify(None, data, &opts);
});
