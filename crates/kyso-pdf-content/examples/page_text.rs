//! Print the text runs of a PDF page: `cargo run --release -p kyso-pdf-content
//! --example page_text -- FILE [PAGE]` (pages from 1). Also times the
//! extraction (best of 20 runs after the document is parsed).
use kyso_pdf::{Document, Limits};
use kyso_pdf_content::{page_text, TextLimits};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: page_text FILE [PAGE]");
        std::process::exit(2);
    };
    let n: usize = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(1);
    let bytes = std::fs::read(path).expect("read");
    let doc = Document::parse(&bytes, &Limits::default()).expect("parse");
    let rev = doc.revisions().len() - 1;
    let pages = doc.pages(rev).expect("pages");
    let page = pages[n - 1];
    let limits = TextLimits::default();
    let mut best = f64::MAX;
    let mut t = None;
    for _ in 0..20 {
        let start = Instant::now();
        let r = page_text(&doc, rev, page, &limits);
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        t = Some(r);
    }
    let t = t.expect("ran");
    for r in &t.runs {
        println!(
            "[{:7.2} {:7.2} {:7.2} {:7.2}] {:5.2} {}{}{}{} {:?} {}",
            r.bbox.x0,
            r.bbox.y0,
            r.bbox.x1,
            r.bbox.y1,
            r.font_size,
            if r.bold { "B" } else { "-" },
            if r.italic { "I" } else { "-" },
            if r.upright { "U" } else { "-" },
            if r.invisible { "H" } else { "-" },
            r.text,
            r.font
        );
    }
    println!(
        "runs {} truncated {} image_only {} undecodable {} media_box {} problems {:?}",
        t.runs.len(),
        t.truncated,
        t.image_only,
        t.undecodable_glyphs,
        t.media_box.to_text(),
        t.problems
    );
    println!("page_text: {best:.3} ms (best of 20)");
}
