//! Pathological inputs finish in bounded time: thousands of revisions, deep
//! arrays, huge per-revision changes. The files are generated here; the byte-range
//! check is built by hand (these files carry no real signature: only the change
//! analysis's running time is under test, not a verdict).

use kyso_pdf::byte_range::ByteRangeCheck;
use kyso_pdf::{Document, Limits};
use kyso_report::Coverage;
use std::time::{Duration, Instant};

/// A one-page PDF with a signature field, then `updates` incremental updates,
/// each replacing the page content; `payload(k)` adds one more object to update k.
fn build(updates: usize, payload: impl Fn(usize) -> Option<Vec<u8>>) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 7 0 R /Annots [4 0 R] >>".to_vec(),
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (S) /Rect [0 0 0 0] /P 3 0 R /V 6 0 R >>".to_vec(),
        b"<< >>".to_vec(),
        format!("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 1 2 3] /Contents <{}> >>", "11".repeat(64)).into_bytes(),
        b"<< /Length 2 >>\nstream\nq \nendstream".to_vec(),
    ];
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let mut xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    let mut size = objs.len() + 1;
    for k in 0..updates {
        let c = out.len();
        out.extend_from_slice(
            format!(
                "7 0 obj\n<< /Length 4 >>\nstream\n{:04}\nendstream\nendobj\n",
                k % 10_000
            )
            .as_bytes(),
        );
        let mut entries = vec![(7, c)];
        if let Some(p) = payload(k) {
            let at = out.len();
            out.extend_from_slice(format!("{size} 0 obj\n").as_bytes());
            out.extend_from_slice(&p);
            out.extend_from_slice(b"\nendobj\n");
            entries.push((size, at));
            size += 1;
        }
        let prev = xref;
        xref = out.len();
        out.extend_from_slice(b"xref\n");
        for (n, off) in &entries {
            out.extend_from_slice(format!("{n} 1\n{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {size} /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n"
            )
            .as_bytes(),
        );
    }
    out
}

fn check(rev: usize) -> ByteRangeCheck {
    ByteRangeCheck {
        ok: true,
        range: None,
        coverage: Coverage::EntireRevision,
        signed_end: None,
        revision: Some(rev),
        findings: Vec::new(),
    }
}

/// Parse, locate signatures, then time the change analysis alone (the parser's
/// signature scan has its own budget and tests).
fn analyse(bytes: &[u8], limits: &Limits) -> (Option<kyso_pdf_diff::Analysis>, Duration) {
    let Ok(doc) = Document::parse(bytes, limits) else {
        return (None, Duration::ZERO);
    };
    let sigs = doc.signatures();
    let checks: Vec<ByteRangeCheck> = sigs.iter().map(|_| check(0)).collect();
    let t = Instant::now();
    let a = kyso_pdf_diff::analyze(&doc, &sigs, &checks);
    (Some(a), t.elapsed())
}

#[test]
fn five_thousand_revisions() {
    let bytes = build(5000, |_| None);
    // Even with the parser's revision limit lifted, the analysis stops at its own.
    let limits = Limits {
        max_revisions: 10_000,
        ..Limits::default()
    };
    let (a, took) = analyse(&bytes, &limits);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    let a = a.expect("parses with the raised limit");
    assert_eq!(a.per_signature.len(), 1);
    let s = &a.per_signature[0];
    assert!(s.disallowed, "page content replaced 5000 times");
    assert!(
        a.document_findings
            .iter()
            .any(|f| f.code == "pdf.changes.too_many_revisions"),
        "{:?}",
        a.document_findings
    );
    // With default limits the parser itself refuses: an error value, not a hang.
    let t = Instant::now();
    assert!(Document::parse(&bytes, &Limits::default()).is_err());
    assert!(t.elapsed() < Duration::from_secs(10));
}

#[test]
fn deep_arrays_in_updates() {
    let deep = |_| Some(format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes());
    let bytes = build(3, deep);
    let (a, took) = analyse(&bytes, &Limits::default());
    assert!(took < Duration::from_secs(10), "took {took:?}");
    if let Some(a) = a {
        assert!(a.per_signature.iter().all(|s| s.disallowed));
    }
}

#[test]
fn small_budget_fails_safe() {
    let bytes = build(50, |k| {
        Some(format!("<< /Type /Annot /Subtype /Text /Rect [0 0 {k} 1] >>").into_bytes())
    });
    let doc = Document::parse(&bytes, &Limits::default()).expect("parses");
    let sigs = doc.signatures();
    let checks: Vec<ByteRangeCheck> = sigs.iter().map(|_| check(0)).collect();
    let a =
        kyso_pdf_diff::analyze_with_budget(&doc, &sigs, &checks, kyso_pdf_diff::Budget::new(20));
    // Never a pass: what the budget left is unknown (INDETERMINATE).
    assert!(a
        .per_signature
        .iter()
        .all(|s| s.not_examined || s.disallowed));
    assert!(a
        .per_signature
        .iter()
        .all(|s| !s.findings.iter().any(|f| f.code == "pdf.changes.permitted")));
    assert!(
        a.document_findings
            .iter()
            .any(|f| f.code == "pdf.changes.budget_exhausted"),
        "{:?}",
        a.document_findings
    );
}
