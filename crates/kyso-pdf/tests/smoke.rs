//! Mutation smoke test: the fuzz function over mutated fixtures and corpus
//! files, with a deterministic PRNG and a fixed number of iterations, so
//! `cargo test` catches panics and hangs without a fuzzer.

mod common;

use kyso_pdf::fuzzing::exercise;
use std::time::{Duration, Instant};

/// xorshift64*: deterministic, no dependency.
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

/// Tokens that steer mutations into interesting parser states.
const TOKENS: &[&[u8]] = &[
    b" 0 R",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"<",
    b">",
    b"/ByteRange",
    b"/Contents",
    b"/Prev 0",
    b"/Length 99999999",
    b"stream\n",
    b"endstream",
    b"endobj",
    b"xref\n0 1\n",
    b"trailer",
    b"startxref\n0\n%%EOF",
    b"/Type /ObjStm",
    b"/Kids [1 0 R]",
    b"/FlateDecode",
    b"/W [1 2 1]",
    b"99999999999999999999",
    b"-1",
    b"\\",
    b"%%EOF\n",
];

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut v = src.to_vec();
    for _ in 0..1 + rng.below(8) {
        let pos = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let p = pos.min(v.len() - 1);
                v[p] = rng.next() as u8;
            }
            1 => {
                let end = (pos + rng.below(64)).min(v.len());
                v.drain(pos..end);
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(pos..pos, t.iter().copied());
            }
            3 if !v.is_empty() => {
                // Flip a digit: offsets, lengths, counts.
                if let Some(p) = (pos..v.len()).find(|&i| v[i].is_ascii_digit()) {
                    v[p] = b'0' + rng.below(10) as u8;
                }
            }
            4 => v.truncate(pos),
            _ => {
                let from = rng.below(v.len());
                let len = rng.below(256).min(v.len() - from);
                let chunk = v[from..from + len].to_vec();
                let at = pos.min(v.len());
                v.splice(at..at, chunk);
            }
        }
    }
    v
}

#[test]
fn mutated_inputs_never_panic() {
    let mut seeds: Vec<Vec<u8>> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"))
            .unwrap()
            .flatten()
            .map(|e| std::fs::read(e.path()).unwrap())
            .collect();
    if let Some(shared) = common::shared_dir() {
        // A few small corpus files keep the run short.
        for p in common::pdfs(&shared, &["corpus", "vn/pdf"]) {
            let b = std::fs::read(&p).unwrap();
            if b.len() < 100_000 {
                seeds.push(b);
            }
        }
    }
    seeds.sort();
    let mut rng = Rng(0x4b59_534f_2026_0001);
    let start = Instant::now();
    let mut n = 0;
    // Bounded both ways: at most 1500 cases, and stop after 8 s on slow machines.
    while n < 1500 && start.elapsed() < Duration::from_secs(8) {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed);
        let t = Instant::now();
        exercise(&input);
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "case {n} took {:?}",
            t.elapsed()
        );
        n += 1;
    }
    for s in &seeds {
        exercise(s);
    }
    eprintln!("{n} mutated cases in {:?}", start.elapsed());
}
