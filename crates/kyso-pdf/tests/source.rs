//! A document read through a [`Source`] (windows, a block cache, chunked
//! searches) is the document read from memory: for every PDF of the
//! fixtures and of `../shared`, and for mutations of them, everything the
//! parser answers is the same both ways. The source's first window is tiny
//! (64 bytes) so that every object, xref table and stream takes the
//! grow-and-retry path.

mod common;

use kyso_pdf::Limits;
use std::path::{Path, PathBuf};

fn same_both_ways(name: &str, bytes: &[u8]) {
    let r = std::panic::catch_unwind(|| {
        kyso_pdf::fuzzing::same_through_source(bytes, &Limits::default(), 3000)
    });
    if let Err(e) = r {
        let why = e.downcast_ref::<String>().cloned().unwrap_or_default();
        panic!("{name}: {why}");
    }
}

fn all_pdfs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
                out.push(p);
            }
        }
    }
    if let Some(shared) = common::shared_dir() {
        out.extend(common::pdfs(&shared, &["corpus", "vn/pdf"]));
    }
    out.sort();
    out
}

#[test]
fn every_pdf_reads_the_same_through_a_source() {
    let files = all_pdfs();
    assert!(files.len() > 50, "fixtures missing: {}", files.len());
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        same_both_ways(&p.display().to_string(), &bytes);
    }
}

#[test]
fn mutated_pdfs_read_the_same_through_a_source() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    for p in all_pdfs().iter().step_by(3) {
        let bytes = std::fs::read(p).unwrap();
        if bytes.len() > 2 << 20 {
            continue;
        }
        for k in 0..6 {
            let mut m = bytes.clone();
            match k % 3 {
                // Cut the file short.
                0 => m.truncate((next() as usize) % m.len().max(1)),
                // Overwrite a few bytes near the end, where the structure is.
                1 => {
                    for _ in 0..4 {
                        let i = m.len() - 1 - (next() as usize) % m.len().min(4096);
                        m[i] = b"0 R<>[]/\n"[(next() % 9) as usize];
                    }
                }
                // Anywhere.
                _ => {
                    for _ in 0..8 {
                        let i = (next() as usize) % m.len();
                        m[i] = (next() & 0xff) as u8;
                    }
                }
            }
            same_both_ways(&format!("{} mutation {k}", p.display()), &m);
        }
    }
}
