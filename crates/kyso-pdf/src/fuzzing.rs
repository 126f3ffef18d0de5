//! One function that drives every accessor, shared by the cargo-fuzz target
//! (`fuzz/fuzz_targets/pdf_parse.rs`) and the in-crate smoke test, so that
//! `cargo test` already catches panics and hangs the fuzzer would find.

use crate::{byte_range, Document, Limits, Object};

/// Limits small enough that each fuzz iteration stays fast, but large enough
/// to reach every code path on the seed corpus.
pub fn fuzz_limits() -> Limits {
    Limits {
        max_file_size: 16 << 20,
        max_objects: 20_000,
        max_depth: 32,
        max_stream_len: 8 << 20,
        max_decoded_len: 8 << 20,
        max_revisions: 64,
        max_xref_entries: 200_000,
        max_object_stream_objects: 10_000,
        max_collection_len: 100_000,
        max_cache_bytes: 8 << 20,
        ..Limits::default()
    }
}

/// Parse and call every accessor; must never panic or hang.
pub fn exercise(bytes: &[u8]) {
    let Ok(doc) = Document::parse(bytes, &fuzz_limits()) else {
        return;
    };
    let _ = doc.version();
    let _ = doc.warnings();
    let _ = doc.encryption().map(|e| e.info());
    let n = doc.revisions().len();
    for rev in 0..n.min(8) {
        let _ = doc.trailer(rev);
        let _ = doc.catalog(rev);
        if let Ok(pages) = doc.pages(rev) {
            for p in pages.iter().take(4) {
                if let Ok(Some(o)) = doc.object(rev, *p) {
                    if let Some(c) = o.as_dict().and_then(|d| d.get(b"Contents".as_slice())) {
                        if let Ok(Object::Stream(s)) = doc.resolve(rev, c) {
                            let _ = doc.decode_stream(&s);
                        }
                    }
                }
            }
        }
        let _ = doc.signature_fields(rev);
        for r in doc
            .revisions()
            .get(rev)
            .map(|r| r.entries.keys().copied().take(64).collect::<Vec<_>>())
            .unwrap_or_default()
        {
            if let Ok(Some(Object::Stream(s))) = doc.object(rev, crate::ObjRef { num: r, gen: 0 }) {
                let _ = doc.decode_stream(&s);
            }
        }
    }
    let _ = doc.metadata();
    let _ = doc.embedded_files();
    let sigs = doc.signatures();
    for c in byte_range::check_all(&doc, &sigs) {
        if let Some(r) = c.range {
            let _ = doc.in_memory().map(|b| byte_range::signed_slices(b, r));
        }
    }
    for s in &sigs {
        if let Some(m) = &s.m {
            let _ = crate::parse_pdf_date(m);
        }
    }
    let _ = doc.late_warnings();
}
