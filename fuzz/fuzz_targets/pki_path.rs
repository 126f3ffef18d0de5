#![no_main]
//! Path building, validation and revocation parsing on arbitrary bytes (split
//! into leaf, candidates, CRLs and OCSP responses): never panic or hang.
//!
//! With a populated trust store: the bundled national anchors (always
//! embedded; the real decrees' chains among the seeds reach them) plus the
//! fixtures' test root, so that seeds from chains under it reach a trusted
//! anchor, name constraints and revocation, not only the "no path" branch.
use kyso_pki::{AnchorSource, TrustStore};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const TEST_ROOT: &[u8] = include_bytes!("../../fixtures/pdf/trust/kyso-test-root.pem");

fn store() -> &'static TrustStore {
    static STORE: OnceLock<TrustStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = TrustStore::bundled();
        store
            .add_pem_der_or_p7b(TEST_ROOT, AnchorSource::User)
            .expect("the fixtures' test root parses");
        store
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = kyso_pki::fuzzing::run(data, store(), 1_780_000_000);
});
