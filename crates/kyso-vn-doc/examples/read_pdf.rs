//! Prints the lines Kyso reads from a PDF's pages (reading order, column,
//! block) and the administrative fields: `cargo run -p kyso-vn-doc
//! --example read_pdf -- FILE [--lines]`.

use kyso_pdf::{Document, Limits};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: read_pdf FILE [--lines]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).expect("read file");
    let doc = Document::parse(&bytes, &Limits::default()).expect("parse");
    let rev = doc.revisions().len() - 1;
    let fields = doc.signature_fields(rev);
    let t = std::time::Instant::now();
    let r = kyso_vn_doc::pdf::read_pdf(&doc, rev, &fields);
    let took = t.elapsed();
    if args.iter().any(|a| a == "--lines") {
        for l in kyso_vn_doc::pdf::debug_lines(&doc, rev, &r.pages_read) {
            println!(
                "p{} {:?} b{} gap{:.1} {:?}",
                l.page, l.column, l.block, l.gap_before, l.text
            );
        }
    }
    println!("pages read {:?}, {took:?}", r.pages_read);
    println!("{:#?}", r.info);
}
