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

/// A PDF whose last section is an xref stream and whose objects put `gap`
/// bytes of whitespace, or a comment, between a dictionary and its `stream`
/// keyword (legal, §7.3.8.1 only fixes the end of line after `stream`), so
/// that the keyword falls beyond a small read window while the dictionary
/// does not (found by the `pdf_source` fuzz target: the xref stream was
/// taken for a plain dictionary when read through a window).
fn padded_streams_pdf(gap: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let content = b"BT /F1 12 Tf 72 720 Td (Kyso) Tj ET";
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        [
            format!("<< /Length {} >>", content.len()).as_bytes(),
            gap,
            b"stream\n",
            content,
            b"\nendstream",
        ]
        .concat(),
    ];
    for (i, body) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    // The xref stream, object 5: /W [1 4 2], entries 0..=5.
    let xref_at = out.len();
    let mut data = vec![0u8, 0, 0, 0, 0, 0xff, 0xff];
    for &o in offsets.iter().chain([&xref_at]) {
        data.push(1);
        data.extend_from_slice(&(o as u32).to_be_bytes());
        data.extend_from_slice(&[0, 0]);
    }
    out.extend_from_slice(
        format!(
            "5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length {} >>",
            data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(gap);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

#[test]
fn a_stream_keyword_beyond_the_window_is_still_seen() {
    // The source's windows are 64 bytes, then 1 KiB, 16 KiB, …: gaps that
    // end past each, in whitespace or in a comment.
    let comment = |n: usize| [b"\n%".as_slice(), &vec![b'c'; n], b"\n"].concat();
    for gap in [
        vec![b' '; 100],
        vec![b' '; 1000],
        vec![b'\n'; 1010],
        comment(1000),
        vec![b' '; 20_000],
        b"\n".to_vec(),
    ] {
        let pdf = padded_streams_pdf(&gap);
        let doc = kyso_pdf::Document::parse(&pdf, &Limits::default())
            .unwrap_or_else(|e| panic!("gap {}: {e:?}", gap.len()));
        assert_eq!(doc.revisions().len(), 1, "gap {}", gap.len());
        same_both_ways(&format!("gap of {} bytes", gap.len()), &pdf);
    }
}
