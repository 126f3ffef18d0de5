//! Deterministic mutation smoke test (the fuzz target `pki_path` without
//! libFuzzer): bit flips, truncations and splices of real fixtures must never
//! panic, and a mutated signer certificate is trusted only when the signed
//! part (its TBSCertificate) came through unchanged.

mod common;

use common::{data, utc};
use der::{Decode, Encode};
use kyso_pki::{fuzzing, Anchor, AnchorPurpose, AnchorSource, TrustStore};
use kyso_report::ChainStatus;

/// xorshift64*: reproducible without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn frame(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(&(p.len() as u16).to_be_bytes());
        out.extend_from_slice(p);
    }
    out
}

fn tbs(der: &[u8]) -> Option<Vec<u8>> {
    x509_cert::Certificate::from_der(der)
        .ok()?
        .tbs_certificate
        .to_der()
        .ok()
}

#[test]
fn mutations_never_panic_and_never_trust_altered_certificates() {
    let mut store = TrustStore::empty();
    store.add(Anchor {
        der: data("root.der"),
        label_vi: "root".into(),
        label_en: "root".into(),
        purpose: AnchorPurpose::Root,
        source: AnchorSource::Test,
    });
    let time = utc(2026, 6, 1);
    let leaf = data("rev-leaf-ok.der");
    let base = vec![
        leaf.clone(),
        data("ca.der"),
        data("crl-ca.der"),
        data("ocsp-good.der"),
    ];
    assert_eq!(
        fuzzing::run(&frame(&base), &store, time),
        ChainStatus::Trusted
    );
    let original_tbs = tbs(&leaf).unwrap();
    let mut rng = Rng(0x4B59_534F);
    let mut trusted_mutants = 0;
    for round in 0..1500 {
        let mut parts = base.clone();
        let which = rng.below(parts.len());
        let p = &mut parts[which];
        match round % 4 {
            0 | 1 => {
                for _ in 0..1 + rng.below(3) {
                    let i = rng.below(p.len());
                    p[i] ^= 1 << rng.below(8);
                }
            }
            2 => {
                let n = rng.below(p.len());
                p.truncate(n);
            }
            _ => {
                let src = data(
                    [
                        "root.der",
                        "ca.der",
                        "crl-ca.der",
                        "ocsp-revoked-before.der",
                    ][rng.below(4)],
                );
                let at = rng.below(p.len());
                let from = rng.below(src.len());
                let n = rng.below(64).min(src.len() - from).min(p.len() - at);
                p[at..at + n].copy_from_slice(&src[from..from + n]);
            }
        }
        let status = fuzzing::run(&frame(&parts), &store, time);
        if which == 0 && status == ChainStatus::Trusted {
            trusted_mutants += 1;
            assert_eq!(
                tbs(&parts[0]).as_deref(),
                Some(original_tbs.as_slice()),
                "round {round}: altered TBS trusted"
            );
        }
    }
    // Flips in the leaf's signature BIT STRING padding/structure may leave it
    // trusted only if the TBS is unchanged, which the loop asserted.
    println!("trusted mutants with intact TBS: {trusted_mutants}");
}

#[test]
fn garbage_inputs() {
    let store = TrustStore::bundled();
    for input in [
        &b""[..],
        b"\x00",
        b"\x00\x05\x30\x03\x02\x01\x00",
        &[0xFF; 300],
        &[0x30; 70000],
    ] {
        let _ = fuzzing::run(input, &store, 0);
        let _ = kyso_pki::describe_certificate(input);
        let _ = kyso_pki::parse_revocation_info_archival(input);
    }
    // Deeply nested SEQUENCEs must not blow the stack.
    let mut nested = Vec::new();
    for _ in 0..20000 {
        nested.extend_from_slice(&[0x30, 0x80]);
    }
    let _ = kyso_pki::parse_revocation_info_archival(&nested);
    let _ = fuzzing::run(&frame(&[nested.clone(), nested]), &store, 0);
}
