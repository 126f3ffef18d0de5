//! Deterministic mutation smoke test: the fuzz target's function over mutated
//! attack fixtures, so that `cargo test` catches panics and hangs a fuzzer would find.

use std::time::{Duration, Instant};

/// xorshift64*: a fixed seed keeps failures reproducible.
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

const TOKENS: &[&[u8]] = &[
    b"0 R", b"null", b"<<", b">>", b"[", b"]", b"/Annots", b"/AP", b"/V", b"/Root", b"999999",
    b"-1", b"obj", b"endobj", b"xref",
];

fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut v = src.to_vec();
    // Mutate mostly in the updates (the tail), where the analysis works.
    for _ in 0..1 + rng.below(4) {
        let tail_start = v.len().saturating_sub(4000);
        let at = tail_start + rng.below(v.len() - tail_start);
        match rng.below(4) {
            0 => v[at] = rng.next() as u8,
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            2 => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at..end);
            }
            _ => {
                let d = b'0' + rng.below(10) as u8;
                if v[at].is_ascii_digit() {
                    v[at] = d;
                }
            }
        }
    }
    v
}

#[test]
fn mutated_fixtures_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/attacks");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut rng = Rng(0x4b59_534f_4449_4646);
    let start = Instant::now();
    let mut runs = 0;
    // Bounded iterations, and a wall-clock cap so a slow machine stays quick.
    'outer: for round in 0..6 {
        for f in &files {
            let src = std::fs::read(f).unwrap();
            let input = if round == 0 {
                src
            } else {
                mutate(&src, &mut rng)
            };
            let t = Instant::now();
            kyso_pdf_diff::fuzzing::exercise(&input);
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "{} (round {round}) took {:?}",
                f.display(),
                t.elapsed()
            );
            runs += 1;
            if start.elapsed() > Duration::from_secs(60) {
                break 'outer;
            }
        }
    }
    assert!(runs >= files.len(), "only {runs} runs");
}
