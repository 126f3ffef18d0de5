//! Deterministic mutations of real-looking content streams through the
//! fuzzing entry point: nothing panics, everything ends (the cargo-fuzz
//! target `content_marks` runs the same function on random input).

use kyso_pdf_content::fuzzing::exercise;

const SEEDS: &[&[u8]] = &[
    b"q 1 0 0 1 72 700 cm BT /F1 12 Tf (QUYET DINH) Tj [(So) -3000 (/QD)] TJ T* (x) ' 1 2 (y) \" ET Q",
    b"1 g 0 0 595 842 re f 0 g q 100 0 0 50 10 10 cm /Im1 Do Q /Fm1 Do /G1 gs 0 0 1 rg 10 10 m 20 20 l 30 5 40 40 50 50 c h f*",
    b"BT /F2 10 Tf <000300040005> Tj [<000a> 120 <0014>] TJ 3 Tr (hidden) Tj ET W n sh",
    b"BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\x00\xff EI q Q Q Q q q q 0 0 10 10 re W* n 5 5 20 20 re S",
];

#[test]
fn mutated_content_never_panics_or_hangs() {
    let mut state: u64 = 0x4b59_534f;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for seed in SEEDS {
        exercise(seed);
        for _ in 0..300 {
            let mut v = seed.to_vec();
            for _ in 0..1 + next() % 8 {
                let i = (next() as usize) % v.len().max(1);
                match next() % 4 {
                    0 if !v.is_empty() => v[i] = next() as u8,
                    1 if !v.is_empty() => {
                        v.remove(i);
                    }
                    2 => v.insert(i.min(v.len()), b"[(<</q BT Q ET"[(next() % 13) as usize]),
                    _ => {
                        let j = (next() as usize) % v.len().max(1);
                        let chunk = v[i.min(j)..i.max(j)].to_vec();
                        v.splice(i..i, chunk);
                    }
                }
            }
            exercise(&v);
        }
    }
    // Pathological shapes.
    exercise(&b"q ".repeat(100_000));
    exercise(&b"[".repeat(100_000));
    exercise(&b"/Fm1 Do ".repeat(10_000));
    exercise(&b"0 0 1 1 re f\n".repeat(20_000));
}
