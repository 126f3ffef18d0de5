//! Issue 10's budget: the administrative reading of a 30-page decree takes
//! at most 20 ms natively, and of a 1,000-page file at most twice that (only
//! the first page, the signature page and the appendix headings are read).
//!
//! Inputs: `../shared/vn/pdf/49-2026-ND-CP.pdf` (29 pages, read in place) and
//! a 1,015-page file made from it by `qpdf --empty --pages` (35 copies) into
//! `target/bench-pdfs/`, generated on first use; the bench skips what it
//! cannot find or make. Run: `cargo bench -p kyso-vn-doc --bench read_pdf`.
//!
//! `text_and_fields` is the reading given the page list (what issue 10's
//! budget is about); `page_tree` is walking the page tree, the one part that
//! grows with the page count and that the pipeline does once anyway for the
//! page count; `read_pdf` is both.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use kyso_pdf::{Document, Limits};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    let decree = root().join("../shared/vn/pdf/49-2026-ND-CP.pdf");
    let Ok(bytes) = std::fs::read(&decree) else {
        eprintln!("read_pdf bench: skipped, {} not found", decree.display());
        return Vec::new();
    };
    let mut out = vec![("decree-29-pages", bytes)];
    let big = root().join("target/bench-pdfs/decree-1015-pages.pdf");
    if !big.exists() {
        let _ = std::fs::create_dir_all(big.parent().unwrap());
        let mut args: Vec<String> = vec!["--empty".into(), "--pages".into()];
        for _ in 0..35 {
            args.push(decree.display().to_string());
            args.push("1-29".into());
        }
        args.push("--".into());
        args.push(big.display().to_string());
        let ok = Command::new("qpdf")
            .args(&args)
            .status()
            .is_ok_and(|s| s.success() || s.code() == Some(3));
        if !ok {
            eprintln!("read_pdf bench: the 1,015-page input needs qpdf; skipped");
        }
    }
    if let Ok(b) = std::fs::read(&big) {
        out.push(("decree-1015-pages", b));
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("administrative_reading");
    g.sample_size(30);
    for (name, bytes) in inputs() {
        let doc = Document::parse(&bytes, &Limits::default()).expect("parse");
        let rev = doc.revisions().len() - 1;
        let fields = doc.signature_fields(rev);
        let pages = doc.pages(rev).map(|p| p.len()).unwrap_or(0);
        let r = kyso_vn_doc::pdf::read_pdf(&doc, rev, &fields);
        eprintln!("{name}: {pages} pages, pages read {:?}", r.pages_read);
        let page_list = doc.pages(rev).unwrap_or_default();
        g.bench_function(format!("text_and_fields/{name}"), |b| {
            b.iter(|| kyso_vn_doc::pdf::read_pdf_pages(&doc, rev, &fields, &page_list))
        });
        g.bench_function(format!("page_tree/{name}"), |b| b.iter(|| doc.pages(rev)));
        g.bench_function(format!("read_pdf/{name}"), |b| {
            b.iter(|| kyso_vn_doc::pdf::read_pdf(&doc, rev, &fields))
        });
        g.bench_function(format!("parse+read_pdf/{name}"), |b| {
            b.iter(|| {
                let doc = Document::parse(&bytes, &Limits::default()).unwrap();
                let f = doc.signature_fields(rev.min(doc.revisions().len() - 1));
                kyso_vn_doc::pdf::read_pdf(&doc, doc.revisions().len() - 1, &f)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
