#![no_main]
//! Kyso's RSAVP1 (`kyso-crypto/src/rsa_public.rs`, Montgomery arithmetic of its
//! own) against `num-bigint-dig`, the `rsa` crate's: the same `s^e mod n` for
//! every odd modulus up to 8,192 bits, exponent up to 256 bits and `s < n`.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_crypto::fuzzing::rsavp1_differential(data);
});
