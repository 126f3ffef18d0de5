//! A document read through a [`Source`] (windows, a block cache, chunked
//! searches) is the document read from memory: for every PDF of the
//! fixtures and of `../shared`, and for mutations of them, everything the
//! parser answers is the same both ways. The source's first window is tiny
//! (64 bytes) so that every object, xref table and stream takes the
//! grow-and-retry path.

mod common;

use kyso_pdf::{byte_range, Document, Limits, ObjRef, ReadError, Source};
use std::path::{Path, PathBuf};

/// An input that is not in memory as far as the parser can tell.
struct Far<'a>(&'a [u8]);
impl Source for Far<'_> {
    fn len(&self) -> u64 {
        self.0.len() as u64
    }
    fn read_at(&self, o: u64, b: &mut [u8]) -> Result<(), ReadError> {
        self.0.read_at(o, b)
    }
}

/// Everything observable, as text.
fn observe(doc: Result<Document<'_>, kyso_pdf::PdfError>) -> Vec<String> {
    let doc = match doc {
        Ok(d) => d,
        Err(e) => return vec![format!("error {e:?}")],
    };
    let mut out = vec![
        format!("{:?} {}", doc.version(), doc.len()),
        format!("{:?}", doc.revisions()),
        format!("{:?}", doc.warnings()),
        format!("{:?}", doc.encryption()),
    ];
    let sigs = doc.signatures();
    out.push(format!("{sigs:?}"));
    out.push(format!("{:?}", byte_range::check_all(&doc, &sigs)));
    out.push(format!("{:?}", doc.unreached_signatures(&sigs)));
    for rev in 0..doc.revisions().len() {
        out.push(format!("{:?}", doc.pages(rev)));
        let nums: Vec<u32> = doc.revisions()[rev]
            .entries
            .keys()
            .copied()
            .take(3000)
            .collect();
        for num in nums {
            let r = ObjRef { num, gen: 0 };
            out.push(format!("{num} {:?}", doc.object(rev, r)));
        }
    }
    out.push(format!("{:?}", doc.metadata()));
    out.push(format!("{:?}", doc.late_warnings()));
    out.push(format!("{:?}", doc.read_error()));
    out
}

fn same_both_ways(name: &str, bytes: &[u8]) {
    let limits = Limits {
        read_window: 64,
        ..Limits::default()
    };
    let mem = observe(Document::parse(bytes, &limits));
    let far = Far(bytes);
    let src = observe(Document::parse_source(&far, &limits));
    assert_eq!(mem.len(), src.len(), "{name}: different shape");
    for (i, (a, b)) in mem.iter().zip(&src).enumerate() {
        if a != b {
            let cut = |s: &str| s.chars().take(400).collect::<String>();
            panic!(
                "{name}: item {i} read through a source differs:\n memory: {}\n source: {}",
                cut(a),
                cut(b)
            );
        }
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
