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

/// A source that is not in memory as far as the parser can tell.
struct Far<'a>(&'a [u8]);
impl crate::Source for Far<'_> {
    fn len(&self) -> u64 {
        self.0.len() as u64
    }
    fn read_at(&self, o: u64, b: &mut [u8]) -> Result<(), crate::ReadError> {
        crate::Source::read_at(self.0, o, b)
    }
}

/// Everything the parser answers about a document, as text (objects of
/// every revision up to `max_objects` each).
pub fn observe(doc: Result<Document<'_>, crate::PdfError>, max_objects: usize) -> Vec<String> {
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
            .take(max_objects)
            .collect();
        for num in nums {
            let r = crate::ObjRef { num, gen: 0 };
            out.push(format!("{num} {:?}", doc.object(rev, r)));
        }
    }
    out.push(format!("{:?}", doc.metadata()));
    out.push(format!("{:?}", doc.late_warnings()));
    out.push(format!("{:?}", doc.read_error()));
    out
}

/// Parse `bytes` from memory and through a [`crate::Source`] whose first
/// window is 64 bytes (every object takes the grow-and-retry path); panic,
/// naming the first difference, unless the parser answers the same.
pub fn same_through_source(bytes: &[u8], limits: &Limits, max_objects: usize) {
    let limits = Limits {
        read_window: 64,
        ..limits.clone()
    };
    let mem = observe(Document::parse(bytes, &limits), max_objects);
    let far = Far(bytes);
    let src = observe(Document::parse_source(&far, &limits), max_objects);
    assert_eq!(
        mem.len(),
        src.len(),
        "read through a source: different shape"
    );
    for (i, (a, b)) in mem.iter().zip(&src).enumerate() {
        if a != b {
            let cut = |s: &str| s.chars().take(400).collect::<String>();
            panic!(
                "item {i} read through a source differs:\n memory: {}\n source: {}",
                cut(a),
                cut(b)
            );
        }
    }
}
