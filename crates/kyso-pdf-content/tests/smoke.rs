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

/// Text-layer seeds: a CMap program (length-prefixed) and a content stream
/// using every font of `fuzzing::wrap_text`.
fn text_seed(cmap: &[u8], content: &[u8]) -> Vec<u8> {
    let mut v = (cmap.len() as u16).to_be_bytes().to_vec();
    v.extend_from_slice(cmap);
    v.extend_from_slice(content);
    v
}

#[test]
fn mutated_text_pages_never_panic_or_hang() {
    use kyso_pdf_content::fuzzing::exercise_text;
    let seeds = [
        text_seed(
            b"2 begincodespacerange <00> <7F> <8000> <80FF> endcodespacerange 1 begincidrange <41> <5A> 3 endcidrange 1 beginbfchar <0003> <1ED8> endbfchar 1 beginbfrange <0010> <0012> [<0041> <00D2> <D835DC00>] endbfrange /Identity-H usecmap",
            b"BT /F1 12 Tf 72 700 Td (!\"#A) Tj /F2 10 Tf [<0003> -900 <0010>] TJ /F3 9 Tf <41 8001 42> Tj ET /Fm1 Do",
        ),
        text_seed(
            b"1 beginbfrange <0000> <FFFF> <0041> endbfrange",
            b"BT /F4 13 Tf 2 Tc 3 Tw 90 Tz 2 Ts (\xf1y ban nh\xa9n) Tj /F5 13 Tf T* (Vie\xe4t) ' 1 1 (x) \" ET q 595 0 0 842 0 0 cm /Im1 Do Q",
        ),
        text_seed(
            b"",
            b"BT /F6 10 Tf 0 1 -1 0 300 300 Tm 3 Tr (ABAB) Tj /F2 -8 Tf 1 0 0 -1 10 10 Tm <00030004> Tj ET",
        ),
    ];
    let mut state: u64 = 0x5445_5854;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for seed in &seeds {
        exercise_text(seed);
        for _ in 0..200 {
            let mut v = seed.clone();
            for _ in 0..1 + next() % 6 {
                let i = (next() as usize) % v.len().max(1);
                match next() % 3 {
                    0 if !v.is_empty() => v[i] = next() as u8,
                    1 if !v.is_empty() => {
                        v.remove(i);
                    }
                    _ => {
                        let j = (next() as usize) % v.len().max(1);
                        let chunk = v[i.min(j)..i.max(j)].to_vec();
                        v.splice(i..i, chunk);
                    }
                }
            }
            exercise_text(&v);
        }
    }
    exercise_text(&text_seed(
        &b"beginbfchar <00> <41> ".repeat(20_000),
        b"BT /F2 1 Tf <0000> Tj ET",
    ));
    exercise_text(&text_seed(
        b"",
        &b"BT /F1 1 Tf (!!!!!!!!) Tj ET ".repeat(10_000),
    ));
    exercise_text(&text_seed(b"", &b"/Fm1 Do ".repeat(10_000)));
}
