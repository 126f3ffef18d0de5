//! No wrong "valid", no crash: deterministic mutations of real signed PDFs.
//!
//! Every byte inside a signature's signed ranges is covered by its digest, so
//! any change there must keep the document from `TOTAL_PASSED`; truncation
//! and insertion likewise. Whatever the mutation, the pipeline must answer
//! with a report (never `core.internal_error`, i.e. a caught panic).

use kyso_core::{verify, Options};
use kyso_report::Indication;
use std::path::PathBuf;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("../shared"));
    let mut v = vec![];
    for p in [
        shared.join("vn/pdf/199-ndcp.signed.pdf"),
        repo.join("fixtures/pdf/i3-two-signatures.pdf"),
    ] {
        match std::fs::read(&p) {
            Ok(b) => v.push((p.display().to_string(), b)),
            Err(_) => eprintln!("SKIP: {} not found", p.display()),
        }
    }
    v
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn mutated_signed_bytes_never_pass_and_never_crash() {
    let opts = Options {
        now: Some(1_790_000_000),
        ..Default::default()
    };
    let mut checked = 0;
    for (name, original) in inputs() {
        let base = verify(Some(&name), &original, &opts);
        let ranges: Vec<[usize; 4]> = base
            .signatures
            .iter()
            .filter_map(|s| s.byte_range.as_ref())
            .filter_map(|r| {
                Some([
                    r.first().copied()? as usize,
                    *r.get(1)? as usize,
                    *r.get(2)? as usize,
                    *r.get(3)? as usize,
                ])
            })
            .collect();
        assert!(!ranges.is_empty(), "{name}: no signature found");
        // The latest signature covers the whole file: every byte outside its gap is signed.
        let last = *ranges.iter().max_by_key(|r| r[2] + r[3]).unwrap();
        let signed = |i: usize| i < last[0] + last[1] || (i >= last[2] && i < last[2] + last[3]);
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ original.len() as u64);
        for round in 0..60 {
            let mut b = original.clone();
            let what = round % 4;
            let at = rng.below(b.len());
            let must_fail = match what {
                0 => {
                    b[at] ^= 1 << rng.below(8);
                    signed(at)
                }
                1 => {
                    b.truncate(at.max(1));
                    true
                }
                2 => {
                    b.insert(at, b' ');
                    at < last[2] + last[3]
                }
                _ => {
                    let end = (at + 1 + rng.below(64)).min(b.len());
                    b[at..end].iter_mut().for_each(|x| *x = 0);
                    (at..end).any(signed)
                }
            };
            let r = verify(Some(&name), &b, &opts);
            if let Some(e) = &r.error {
                assert_ne!(
                    e.code, "core.internal_error",
                    "{name}: round {round} ({what} at {at}) crashed the pipeline"
                );
            }
            if must_fail {
                assert_ne!(
                    r.verdict.indication,
                    Indication::TotalPassed,
                    "{name}: round {round} (mutation {what} at byte {at}) still TOTAL_PASSED"
                );
            }
            checked += 1;
        }
    }
    eprintln!("{checked} mutated inputs checked");
}
