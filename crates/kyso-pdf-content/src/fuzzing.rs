//! Fuzzing entry point (used by `fuzz/fuzz_targets/content_marks.rs` and the
//! crate's smoke test): arbitrary bytes as the content of a page that has a
//! font, a form XObject (drawing the same bytes) and an image, and as an
//! annotation appearance. Nothing may panic or run unbounded.

use crate::{appearance_marks, page_marks, ContentLimits, Rect};
use kyso_pdf::{Document, Limits, ObjRef, Object};

/// Interpret `content` as a page and as an appearance stream.
pub fn exercise(content: &[u8]) {
    let pdf = wrap(content);
    let Ok(doc) = Document::parse(&pdf, &Limits::default()) else {
        return;
    };
    let limits = ContentLimits {
        max_ops: 200_000,
        ..ContentLimits::default()
    };
    let page = ObjRef { num: 3, gen: 0 };
    let m = page_marks(&doc, 0, page, &limits);
    assert!(m.items.len() <= limits.max_marks);
    let ap = Object::Ref(ObjRef { num: 6, gen: 0 });
    let _ = appearance_marks(&doc, 0, &ap, Rect::new(10.0, 10.0, 200.0, 60.0), &limits);
}

/// A one-page PDF whose page content and form XObject are `content`.
pub fn wrap(content: &[u8]) -> Vec<u8> {
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 8 0 R >> /XObject << /Fm1 6 0 R /Im1 7 0 R >> /ExtGState << /G1 << /ca 0.5 /BM /Multiply >> >> >> >>".to_vec(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 35 /Widths [278 278 355 556] >>".to_vec(),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Matrix [1 0 0 1 5 5] /Resources << /XObject << /Fm1 6 0 R >> /Font << /F1 5 0 R >> >>", content),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray", b"\x00"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [3 [250 500] 10 20 600] >>] >>".to_vec(),
    ];
    pdf_file(&objs)
}

/// A stream object's text: `<< dict /Length n >> stream … endstream`.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

/// A PDF file (ISO 32000-1 §7.5: header, body, xref table, trailer) whose
/// objects 1, 2, … are `objs` in order; object 1 is the catalog. For tests
/// and fuzzing.
pub fn pdf_file(objs: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}
