//! Fuzzing entry point (used by `fuzz/fuzz_targets/content_marks.rs` and the
//! crate's smoke test): arbitrary bytes as the content of a page that has a
//! font, a form XObject (drawing the same bytes) and an image, and as an
//! annotation appearance. Nothing may panic or run unbounded.
//!
//! [`exercise_text`] (used by `fuzz/fuzz_targets/page_text.rs`) does the
//! same for [`page_text`]: the input is a CMap program and a content stream,
//! and the page has every kind of font the text layer reads.

use crate::{appearance_marks, page_marks, page_text, ContentLimits, Rect, TextLimits};
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

/// Extract the text of a page built from `data`: the first two bytes
/// (big-endian, modulo the length) say how many of the following bytes are
/// a CMap program — used as a `/ToUnicode` and as an embedded Type 0
/// encoding — and the rest is the page content (and a form's).
pub fn exercise_text(data: &[u8]) {
    let (cmap, content) = match data {
        [a, b, rest @ ..] => {
            let n = usize::from(u16::from_be_bytes([*a, *b])) % (rest.len() + 1);
            rest.split_at(n)
        }
        _ => (&[][..], data),
    };
    let pdf = wrap_text(cmap, content);
    let Ok(doc) = Document::parse(&pdf, &Limits::default()) else {
        return;
    };
    let limits = TextLimits {
        max_operators: 200_000,
        max_glyphs: 100_000,
        ..TextLimits::default()
    };
    let t = page_text(&doc, 0, ObjRef { num: 3, gen: 0 }, &limits);
    assert!(t.runs.len() <= limits.max_runs as usize);
    for r in &t.runs {
        assert!(r.bbox.x0 <= r.bbox.x1 && r.bbox.y0 <= r.bbox.y1);
        assert!(!r.text.is_empty());
    }
}

/// A one-page PDF for [`exercise_text`]: fonts `/F1` (Type 1 with
/// `/Differences`), `/F2` (Type 0, Identity-H, `/ToUnicode` = `cmap`),
/// `/F3` (Type 0 whose encoding is `cmap`, over Identity-H), `/F4`
/// (`.VnTimeH`, TCVN3), `/F5` (`VNI-Times`), `/F6` (Type 3), a form `/Fm1`
/// drawing `content` again and an image `/Im1`.
pub fn wrap_text(cmap: &[u8], content: &[u8]) -> Vec<u8> {
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R /F4 8 0 R /F5 9 0 R /F6 10 0 R >> /XObject << /Fm1 11 0 R /Im1 12 0 R >> >> >>".to_vec(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Times-Bold /FirstChar 32 /LastChar 35 /Widths [250 333 555 500] /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [33 /ohornacute /uni1EA0 /g7 65 /Dcroat] >> >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 13 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [3 [250 500] 10 20 600] /FontDescriptor << /Ascent 891 /Descent -216 /Flags 32 >> >>] >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Y /Encoding 13 0 R /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /W [1 [500]] >>] >>".to_vec(),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /.VnTimeH /FirstChar 32 /LastChar 255 /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /VNI-Times /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1000 1000] /FirstChar 65 /LastChar 66 /Widths [600 700] /Encoding << /Differences [65 /A /uni0110] >> /CharProcs << >> >>".to_vec(),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Matrix [0 1 -1 0 50 5] /Resources << /XObject << /Fm1 11 0 R >> /Font << /F1 5 0 R /F2 6 0 R >> >>", content),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray", b"\x00"),
        stream("/Type /CMap /UseCMap /Identity-H", cmap),
    ];
    pdf_file(&objs)
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
