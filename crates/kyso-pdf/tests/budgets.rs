//! The walks of a document stop at their budgets, say so, and cost what the
//! file holds, not that times its revisions (issue 14: 10^5 empty signature
//! fields took 392 MB; every revision walked the whole form again). These
//! tests count what is kept and what is read, never time.

use kyso_pdf::{codes, Document, Limits};

/// A PDF writer: a first revision, then incremental updates, each listing
/// the objects it (re)defines in its own classic xref section.
struct Pdf {
    buf: Vec<u8>,
    prev: Option<usize>,
    size: u32,
}

impl Pdf {
    fn new() -> Pdf {
        Pdf {
            buf: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            prev: None,
            size: 1,
        }
    }

    /// One revision defining `objs` (number, body); `/Root 1 0 R`.
    fn revision(&mut self, objs: &[(u32, String)]) {
        let mut offsets = Vec::new();
        for (n, body) in objs {
            offsets.push((*n, self.buf.len()));
            self.buf
                .extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
            self.size = self.size.max(n + 1);
        }
        let xref = self.buf.len();
        self.buf.extend_from_slice(b"xref\n");
        if self.prev.is_none() {
            self.buf.extend_from_slice(b"0 1\n0000000000 65535 f \n");
        }
        for (n, off) in offsets {
            self.buf
                .extend_from_slice(format!("{n} 1\n{off:010} 00000 n \n").as_bytes());
        }
        let prev = self.prev.map(|p| format!(" /Prev {p}")).unwrap_or_default();
        self.buf.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R{prev} >>\nstartxref\n{xref}\n%%EOF\n",
                self.size
            )
            .as_bytes(),
        );
        self.prev = Some(xref);
    }
}

/// A one-page document whose form holds `n` empty signature fields (each its
/// own widget), objects 4.. .
fn fields(n: u32) -> Vec<u8> {
    let refs: Vec<String> = (0..n).map(|k| format!("{} 0 R", 4 + k)).collect();
    let refs = refs.join(" ");
    let mut objs = vec![
        (
            1,
            format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{refs}] >> >>"),
        ),
        (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string()),
        (
            3,
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [{refs}] >>"),
        ),
    ];
    for k in 0..n {
        objs.push((
            4 + k,
            format!(
                "<< /FT /Sig /T (S{k}) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"
            ),
        ));
    }
    let mut pdf = Pdf::new();
    pdf.revision(&objs);
    pdf.buf
}

fn codes_of(doc: &Document<'_>) -> Vec<String> {
    doc.limits_exceeded().into_iter().map(|f| f.code).collect()
}

#[test]
fn the_field_walk_stops_at_its_budget_and_says_so() {
    let limits = Limits {
        max_form_fields: 100,
        ..Limits::default()
    };
    // Under the budget: every field, nothing exceeded.
    let small = fields(60);
    let doc = Document::parse(&small, &limits).unwrap();
    assert_eq!(doc.signature_fields(0).len(), 60);
    assert!(codes_of(&doc).is_empty());
    // Over it: no more fields kept than the budget allows, whatever the form
    // holds, and the document says it was not read whole.
    let big = fields(5_000);
    let doc = Document::parse(&big, &limits).unwrap();
    let kept = doc.signature_fields(0);
    assert!(kept.len() <= 100, "{} fields kept", kept.len());
    assert!(!kept.is_empty());
    assert_eq!(codes_of(&doc), vec![codes::LIMIT_FORM_FIELDS.to_string()]);
    // The walk read about as many objects as it kept, not the 5,000 fields.
    assert!(doc.object_reads() < 400, "{} reads", doc.object_reads());
    // The other walks of the same tree stop there too.
    let doc = Document::parse(&big, &limits).unwrap();
    assert!(doc.form(0).is_some_and(|(n, _)| n <= 100));
    assert_eq!(codes_of(&doc), vec![codes::LIMIT_FORM_FIELDS.to_string()]);
}

#[test]
fn the_signature_search_walks_the_form_again_only_when_it_changed() {
    // A form of 2,000 fields, then 50 updates that touch one unrelated object
    // each: walking the form in every revision would read 100,000 objects.
    let n = 2_000u32;
    let mut pdf = Pdf::new();
    let refs: Vec<String> = (0..n).map(|k| format!("{} 0 R", 10 + k)).collect();
    let mut objs = vec![
        (
            1,
            format!(
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{}] >> >>",
                refs.join(" ")
            ),
        ),
        (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string()),
        (
            3,
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string(),
        ),
        (4, "<< /Producer (first) >>".to_string()),
    ];
    for k in 0..n {
        objs.push((
            10 + k,
            format!(
                "<< /FT /Sig /T (S{k}) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"
            ),
        ));
    }
    pdf.revision(&objs);
    let updates = 50;
    for u in 0..updates {
        pdf.revision(&[(4, format!("<< /Producer (update {u}) >>"))]);
    }
    let doc = Document::parse(&pdf.buf, &Limits::default()).unwrap();
    assert_eq!(doc.revisions().len(), updates + 1);
    let sigs = doc.signatures();
    assert!(sigs.is_empty());
    // Each object read about twice (the field walk, the scan of its
    // revision's definitions), plus the updates: linear in the file.
    let objects = n as usize + 4 + updates;
    assert!(
        doc.object_reads() <= 3 * objects,
        "{} reads for {objects} objects",
        doc.object_reads()
    );
    assert!(codes_of(&doc).is_empty());

    // An update that redefines the form is walked again: a field it adds is found.
    let mut pdf2 = Pdf {
        buf: pdf.buf.clone(),
        prev: pdf.prev,
        size: pdf.size,
    };
    let v = n + 20;
    pdf2.revision(&[
        (
            1,
            format!(
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{} {} 0 R] >> >>",
                refs.join(" "),
                v
            ),
        ),
        (
            v,
            format!("<< /FT /Sig /T (Late) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V {} 0 R >>", v + 1),
        ),
        (
            v + 1,
            "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 1 2 3] /Contents <00> >>".to_string(),
        ),
    ]);
    let doc = Document::parse(&pdf2.buf, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1);
    assert_eq!(sigs[0].field_name.as_deref(), Some("Late"));
    assert!(sigs[0].in_acroform);
}

#[test]
fn the_signature_search_stops_at_the_object_budget_and_says_so() {
    let limits = Limits {
        max_objects: 500,
        ..Limits::default()
    };
    let bytes = fields(2_000);
    let doc = Document::parse(&bytes, &limits).unwrap();
    let _ = doc.signatures();
    let c = codes_of(&doc);
    assert!(c.contains(&codes::LIMIT_OBJECTS.to_string()), "{c:?}");
    // The form walk (its own budget) reads the catalog and the 2,000
    // fields; the scan of the revision's definitions stops after 500.
    assert!(doc.object_reads() <= 2_003 + 500, "{}", doc.object_reads());
}

#[test]
fn an_object_stream_larger_than_the_cache_is_not_decoded() {
    use std::io::Write;
    // Object 4 in an object stream that decodes to 2 MiB (a long /Lang).
    let body = format!("4 0 ({})", "a".repeat(2 << 20));
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(body.as_bytes()).unwrap();
    let data = z.finish().unwrap();
    let mut pdf = Pdf::new();
    let mut stream = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    stream.extend_from_slice(&data);
    stream.extend_from_slice(b"\nendstream");
    // Written by hand: the writer above takes text bodies.
    let objs = [
        (
            1,
            "<< /Type /Catalog /Pages 2 0 R /Lang 4 0 R >>".to_string(),
        ),
        (2, "<< /Type /Pages /Kids [3 0 R] /Count 0 >>".to_string()),
        (3, "<< >>".to_string()),
    ];
    pdf.revision(&objs);
    // Append the object stream (5) and an xref stream naming 4 inside it.
    let at5 = pdf.buf.len();
    pdf.buf.extend_from_slice(b"5 0 obj\n");
    pdf.buf.extend_from_slice(&stream);
    pdf.buf.extend_from_slice(b"\nendobj\n");
    let at6 = pdf.buf.len();
    let mut rows = Vec::new();
    rows.extend_from_slice(&[2, 0, 0, 0, 5, 0, 0]); // 4: in stream 5, index 0
    rows.push(1);
    rows.extend_from_slice(&(at5 as u32).to_be_bytes());
    rows.extend_from_slice(&[0, 0]);
    rows.push(1);
    rows.extend_from_slice(&(at6 as u32).to_be_bytes());
    rows.extend_from_slice(&[0, 0]);
    pdf.buf.extend_from_slice(
        format!(
            "6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Index [4 3] /Root 1 0 R /Prev {} /Length {} >>\nstream\n",
            pdf.prev.unwrap(),
            rows.len()
        )
        .as_bytes(),
    );
    pdf.buf.extend_from_slice(&rows);
    pdf.buf
        .extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at6}\n%%EOF\n").as_bytes());

    // With the default cache the object reads (and /Lang, too long for a
    // language tag, is not decoded into the facts).
    let doc = Document::parse(&pdf.buf, &Limits::default()).unwrap();
    let last = doc.revisions().len() - 1;
    assert!(doc
        .object(last, kyso_pdf::ObjRef { num: 4, gen: 0 })
        .unwrap()
        .is_some());
    assert_eq!(doc.language(last), None);
    assert!(codes_of(&doc).is_empty());
    // With a 1 MiB cache the stream is refused before it is decoded whole,
    // and the document says a budget was met.
    let limits = Limits {
        max_cache_bytes: 1 << 20,
        ..Limits::default()
    };
    let doc = Document::parse(&pdf.buf, &limits).unwrap();
    assert!(doc
        .object(last, kyso_pdf::ObjRef { num: 4, gen: 0 })
        .is_err());
    assert_eq!(codes_of(&doc), vec!["pdf.limit.decoded_len".to_string()]);
}

#[test]
fn lookups_through_many_revisions_agree_with_walking_them() {
    // 30 revisions (above the count where definitions are indexed), each
    // redefining a few objects and adding one: every (revision, number)
    // lookup must give the newest definition at or before the revision.
    let mut pdf = Pdf::new();
    pdf.revision(&[
        (1, "<< /Type /Catalog /Pages 2 0 R >>".to_string()),
        (2, "<< /Type /Pages /Kids [] /Count 0 >>".to_string()),
        (3, "<< /A 0 >>".to_string()),
    ]);
    for u in 1..30u32 {
        let mut objs = vec![(3, format!("<< /A {u} >>")), (10 + u, "<< >>".to_string())];
        if u % 3 == 0 {
            objs.push((1, "<< /Type /Catalog /Pages 2 0 R >>".to_string()));
        }
        if u % 7 == 0 {
            objs.push((10 + u / 7, format!("<< /Again {u} >>")));
        }
        objs.sort_by_key(|(n, _)| *n);
        objs.dedup_by_key(|(n, _)| *n);
        pdf.revision(&objs);
    }
    let doc = Document::parse(&pdf.buf, &Limits::default()).unwrap();
    let revs = doc.revisions();
    assert_eq!(revs.len(), 30);
    for rev in 0..revs.len() + 2 {
        for num in 0..45u32 {
            let walked = revs[..=rev.min(revs.len() - 1)]
                .iter()
                .rev()
                .find_map(|r| r.entries.get(&num).map(|e| (r.index, *e)));
            assert_eq!(doc.entry(rev, num), walked, "revision {rev}, object {num}");
        }
    }
}

#[test]
fn a_stream_is_decoded_no_further_than_its_reader_asks() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&vec![b' '; 4 << 20]).unwrap();
    let data = z.finish().unwrap();
    let mut pdf = Pdf::new();
    pdf.revision(&[
        (1, "<< /Type /Catalog /Pages 2 0 R >>".to_string()),
        (2, "<< /Type /Pages /Kids [] /Count 0 >>".to_string()),
    ]);
    // Object 3: the stream, written by hand (binary data).
    let at = pdf.buf.len();
    pdf.buf.extend_from_slice(
        format!(
            "3 0 obj\n<< /Filter /FlateDecode /Length {} >>\nstream\n",
            data.len()
        )
        .as_bytes(),
    );
    pdf.buf.extend_from_slice(&data);
    pdf.buf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = pdf.buf.len();
    pdf.buf.extend_from_slice(
        format!(
            "xref\n3 1\n{at:010} 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R /Prev {} >>\nstartxref\n{xref}\n%%EOF\n",
            pdf.prev.unwrap()
        )
        .as_bytes(),
    );
    let doc = Document::parse(&pdf.buf, &Limits::default()).unwrap();
    let Some(kyso_pdf::Object::Stream(s)) =
        doc.object(1, kyso_pdf::ObjRef { num: 3, gen: 0 }).unwrap()
    else {
        panic!("object 3 is a stream");
    };
    assert_eq!(doc.decode_stream(&s).unwrap().len(), 4 << 20);
    assert_eq!(
        doc.decode_stream_at_most(&s, 8 << 20).unwrap().len(),
        4 << 20
    );
    let e = doc.decode_stream_at_most(&s, 1 << 20).unwrap_err();
    assert_eq!(e.code(), "pdf.limit.decoded_len");
}
