//! Print what kyso-pdf sees in a PDF: `cargo run -p kyso-pdf --example pdfinfo -- FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let t = std::time::Instant::now();
        match kyso_pdf::Document::parse(&bytes, &kyso_pdf::Limits::default()) {
            Err(e) => println!("{path}: {e:?} {e}"),
            Ok(doc) => {
                let parsed = t.elapsed();
                let sigs = doc.signatures();
                let checks = kyso_pdf::byte_range::check_all(&doc, &sigs);
                println!(
                    "{path}: parse {parsed:?}, total {:?}, {} bytes",
                    t.elapsed(),
                    bytes.len()
                );
                for r in doc.revisions() {
                    println!(
                        "  rev {} [{}..{}) startxref {} {:?} entries {}",
                        r.index,
                        r.start,
                        r.end,
                        r.startxref,
                        r.xref_kind,
                        r.entries.len()
                    );
                }
                for w in doc.warnings().iter().chain(doc.late_warnings().iter()) {
                    println!("  warning {}: {}", w.code, w.message_en);
                }
                for (s, c) in sigs.iter().zip(&checks) {
                    println!(
                        "  sig {:?} obj {:?} rev {} {:?} {:?} {:?}",
                        s.field_name, s.obj, s.first_revision, s.sub_filter, c.coverage, c.range
                    );
                    for f in &c.findings {
                        println!("    {:?} {}: {}", f.severity, f.code, f.message_en);
                    }
                }
            }
        }
    }
}
