//! `cargo run -p kyso-pdf-diff --example diff -- FILE.pdf...`: print the change analysis.
use kyso_pdf::{byte_range, Document, Limits};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("{path}: {e}");
                continue;
            }
        };
        println!("== {path}");
        let doc = match Document::parse(&bytes, &Limits::default()) {
            Ok(d) => d,
            Err(e) => {
                println!("  parse error: {e}");
                continue;
            }
        };
        let t = std::time::Instant::now();
        let sigs = doc.signatures();
        let checks = byte_range::check_all(&doc, &sigs);
        let t_sigs = t.elapsed();
        let a = kyso_pdf_diff::analyze(&doc, &sigs, &checks);
        println!(
            "  timing: signatures+byte ranges {t_sigs:?}, change analysis {:?}",
            t.elapsed() - t_sigs
        );
        println!("  revisions: {}", doc.revisions().len());
        for (i, (s, c)) in a.per_signature.iter().zip(&checks).enumerate() {
            println!(
                "  sig #{} {:?} rev={:?} ok={} level={:?} disallowed={}",
                i + 1,
                sigs[i].field_name,
                c.revision,
                c.ok,
                s.modification_level,
                s.disallowed
            );
            for ch in a.changes_after(i) {
                println!(
                    "    r{} [{}{}] {} {}",
                    ch.revision,
                    ch.class,
                    if ch.allowed { "" } else { " DISALLOWED" },
                    ch.object.clone().unwrap_or_default(),
                    ch.message_en
                );
            }
            for f in &s.findings {
                println!("    {:?} {}: {}", f.severity, f.code, f.message_en);
            }
        }
        for f in &a.document_findings {
            println!("  doc {:?} {}: {}", f.severity, f.code, f.message_en);
        }
    }
}
