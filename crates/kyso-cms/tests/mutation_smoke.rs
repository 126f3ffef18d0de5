//! Deterministic mutation smoke test (the in-tree companion of
//! `fuzz/fuzz_targets/cms_verify.rs`): thousands of corrupted fixtures must be
//! handled as values — no panic — and a change inside the signed attributes or
//! the signature value must never come out as a valid signature.

use kyso_cms::tsp::{parse_token, verify_token};
use kyso_cms::{parse_signed_data, verify_signer, Content, Limits};
use kyso_crypto::policy::AlgorithmPolicy;
use std::path::PathBuf;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .unwrap()
}

/// xorshift64*: a fixed sequence, so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Parse and verify everything in `bytes`; returns whether signer 0 came out valid.
fn exercise(bytes: &[u8], content: &[u8]) -> bool {
    let limits = Limits::default();
    let policy = AlgorithmPolicy::default();
    let mut first_valid = false;
    if let Ok(sd) = parse_signed_data(bytes, &limits) {
        for i in 0..sd.signer_count() {
            let r = if sd.encapsulated_content().is_some() {
                verify_signer(&sd, i, Content::Encapsulated, &policy)
            } else {
                verify_signer(&sd, i, Content::Bytes(content), &policy)
            };
            if i == 0 {
                first_valid = r.digest_matches == Some(true)
                    && r.crypto_valid == Some(true)
                    && !r.format_failure;
            }
            for t in &r.timestamp_tokens {
                if let Ok(tok) = parse_token(t, &limits) {
                    let _ = verify_token(&tok, &r.signature_value, &policy);
                }
            }
        }
    }
    if let Ok(tok) = parse_token(bytes, &limits) {
        let _ = verify_token(&tok, content, &policy);
    }
    first_valid
}

#[test]
fn mutated_fixtures_never_panic_nor_turn_valid() {
    let content = data("content.txt");
    let files = [
        "rsa-sha256-detached.p7s",
        "ec-p256-sha256-detached.p7s",
        "rsa-noattr-attached.p7m",
        "ed25519-attached.p7m",
        "rsa-sha256-tst.p7s",
        "token-sha256.tst",
        "two-signers-detached.p7s",
    ];
    let mut rng = Rng(0x6b79_736f_2d63_6d73);
    let mut runs = 0;
    for name in files {
        let orig = data(name);
        let sd = parse_signed_data(&orig, &Limits::default()).unwrap();
        let si = &sd.signer_infos()[0];
        // Byte ranges a change to which must never leave signer 0 valid.
        let mut protected = Vec::new();
        for part in [
            si.signed_attrs_raw.as_deref(),
            Some(si.signature.as_slice()),
        ]
        .into_iter()
        .flatten()
        {
            if let Some(p) = orig.windows(part.len()).position(|w| w == part) {
                protected.push(p..p + part.len());
            }
        }
        for _ in 0..400 {
            let mut m = orig.clone();
            let kind = rng.below(5);
            let pos = rng.below(m.len());
            match kind {
                0 => m[pos] ^= 1 << rng.below(8),
                1 => m.truncate(pos),
                2 => m[pos] = [0x00, 0x80, 0xff, 0x84, 0x30][rng.below(5)],
                3 => m.insert(pos, rng.next() as u8),
                _ => {
                    let end = (pos + 1 + rng.below(64)).min(m.len());
                    m.drain(pos..end);
                }
            }
            let valid = exercise(&m, &content);
            if kind == 0 && protected.iter().any(|r| r.contains(&pos)) {
                assert!(
                    !valid,
                    "{name}: bit flip at {pos} inside signed bytes left the signature valid"
                );
            }
            runs += 1;
        }
    }
    assert_eq!(runs, 2800);
}

#[test]
fn hostile_nesting_and_lengths_are_bounded() {
    // 100 000 nested indefinite-length SEQUENCEs, huge declared lengths, empty input.
    let deep: Vec<u8> = std::iter::repeat_n([0x30u8, 0x80], 100_000)
        .flatten()
        .collect();
    assert!(parse_signed_data(&deep, &Limits::default()).is_err());
    assert!(parse_signed_data(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff], &Limits::default()).is_err());
    assert!(parse_signed_data(&[], &Limits::default()).is_err());
    assert!(parse_token(&[0x30, 0x03, 0x06, 0x01, 0x00], &Limits::default()).is_err());
}
