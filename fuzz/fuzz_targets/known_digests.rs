#![no_main]
//! The browser worker's WebCrypto path against the core's own pass: for any
//! input, `kyso_core::digest_plan`, each planned digest computed in one
//! call over the range's bytes end to end (what the worker asks
//! `crypto.subtle.digest` for), then `kyso_core::verify_source_with` must
//! give the very report `kyso_core::verify_source` gives; and when the
//! digests the signatures claim (`KnownDigests::guessed`, what the worker
//! verifies with while WebCrypto hashes) are confirmed by those computed,
//! the report with the guess is that report too. Also run over
//! every fixture by kyso-core's tests/known_digests.rs. Seed with
//! `fixtures/pdf/*.pdf`.
use kyso_core::{Bytes, DigestAlg, KnownDigests, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = Bytes(data);
    let Some(plan) = kyso_core::digest_plan(&src) else {
        return;
    };
    // As the worker does: the fingerprint after the verdict.
    let mut known = KnownDigests {
        file_sha256: None,
        ranges: Vec::new(),
        byte_range_keys: kyso_core::byte_range_keys(&src).ok(),
        fingerprint_later: true,
    };
    for (key, parts) in &plan.ranges {
        for &alg in &plan.algs {
            let mut h = alg.hasher();
            for &(a, b) in parts {
                h.update(&data[a as usize..b as usize]);
            }
            known.ranges.push((*key, alg, h.finalize()));
        }
    }
    let opts = Options {
        now: Some(1_780_000_000),
        ..Default::default()
    };
    let plain = kyso_core::verify_source(None, &src, &opts, None);
    let mut with = kyso_core::verify_source_with(None, &src, &opts, None, &known);
    if let Some(mut guess) = KnownDigests::guessed(&plan) {
        if guess.confirmed_by(&known.ranges) {
            guess.byte_range_keys = known.byte_range_keys.clone();
            let guessed = kyso_core::verify_source_with(None, &src, &opts, None, &guess);
            assert_eq!(with, guessed);
        }
    }
    assert_eq!(with.file.sha256, "");
    with.file.sha256 = DigestAlg::Sha256
        .digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(plain, with);
});
