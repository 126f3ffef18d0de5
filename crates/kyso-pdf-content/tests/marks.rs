//! The interpreter on small PDFs written here (ISO 32000-1 §7.5 file
//! structure): where text, fills, images and forms land on the page.

use kyso_pdf::{Document, Limits, ObjRef, Object};
use kyso_pdf_content::fuzzing::{pdf_file, stream};
use kyso_pdf_content::{appearance_marks, page_marks, ContentLimits, MarkKind, Rect};

/// A one-page PDF: object 4 is the page content, `extra` more objects
/// (numbered; gaps are filled with null objects).
fn pdf(content: &[u8], resources: &str, extra: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources {resources} >>")
            .into_bytes(),
        stream("", content),
        format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths [{}] >>",
            ["500"; 95].join(" ")
        )
        .into_bytes(),
    ];
    for (n, body) in extra {
        let i = *n as usize - 1;
        if objs.len() <= i {
            objs.resize(i + 1, b"null".to_vec());
        }
        objs[i] = body.clone();
    }
    pdf_file(&objs)
}

const PAGE: ObjRef = ObjRef { num: 3, gen: 0 };

#[test]
fn text_runs_split_at_spaces_with_their_text() {
    let bytes = pdf(
        b"BT /F1 12 Tf 72 700 Td (So:       /UBND-HCTC) Tj ET",
        "<< /Font << /F1 5 0 R >> >>",
        &[],
    );
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let m = page_marks(&doc, 0, PAGE, &ContentLimits::default());
    let texts: Vec<_> = m
        .items
        .iter()
        .filter(|m| m.kind == MarkKind::Text)
        .collect();
    assert_eq!(texts.len(), 2, "{m:?}");
    assert_eq!(texts[0].text.as_deref(), Some("So:"));
    assert_eq!(texts[1].text.as_deref(), Some("/UBND-HCTC"));
    // "So:" = three glyphs of width 500 at 12 pt → 18 pt wide, from x=72.
    let r = texts[0].rect;
    assert!(
        (r.x0 - 72.0).abs() < 0.01 && (r.x1 - 90.0).abs() < 0.01,
        "{r:?}"
    );
    assert!(r.y0 < 700.0 && r.y1 > 708.0);
    // The blank between the words is not covered by any text mark.
    let gap = Rect::new(95.0, 700.0, 110.0, 710.0);
    assert!(texts.iter().all(|t| t.rect.intersect(&gap).is_none()));
    assert_eq!(m.frame, Some(Rect::new(0.0, 0.0, 595.0, 842.0)));
}

#[test]
fn fills_images_forms_and_clips() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 50] /Matrix [1 0 0 1 10 10] /Resources << /XObject << /Im1 7 0 R >> >>",
        b"0 0 1 rg 0 0 300 300 re f q 100 0 0 50 0 0 cm /Im1 Do Q",
    );
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray",
        b"\x00",
    );
    let bytes = pdf(
        b"1 g 0 0 595 842 re f 0 g q 1 0 0 1 200 300 cm /Fm1 Do Q 3 Tr BT /F1 12 Tf 72 100 Td (hidden) Tj ET",
        "<< /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >>",
        &[(6, form), (7, image)],
    );
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let m = page_marks(&doc, 0, PAGE, &ContentLimits::default());
    // White page background, the form's blue fill clipped to its BBox, the image.
    assert_eq!(m.items.len(), 3, "{m:?}");
    assert!(m.items[0].white && m.items[0].kind == MarkKind::Fill);
    assert_eq!(m.items[1].kind, MarkKind::Fill);
    assert_eq!(m.items[1].rect, Rect::new(210.0, 310.0, 310.0, 360.0));
    assert_eq!(m.items[2].kind, MarkKind::Image);
    assert_eq!(m.items[2].rect, Rect::new(210.0, 310.0, 310.0, 360.0));
    assert_eq!(m.items[2].image.map(|(r, _)| r.num), Some(7));
    // Invisible text (render mode 3, an OCR layer) draws nothing.
    assert!(m.items.iter().all(|x| x.kind != MarkKind::Text));
}

#[test]
fn appearance_is_mapped_onto_the_annotation_rectangle() {
    let ap = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 40] /Resources << /ExtGState << /T << /ca 0.3 >> >> >>",
        b"1 g 0 0 200 40 re f q /T gs 1 0 0 rg 0 0 100 40 re f Q",
    );
    let bytes = pdf(b"", "<< >>", &[(8, ap)]);
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let rect = Rect::new(100.0, 500.0, 300.0, 520.0); // half the height: scaled
    let m = appearance_marks(
        &doc,
        0,
        &Object::Ref(ObjRef { num: 8, gen: 0 }),
        rect,
        &ContentLimits::default(),
    );
    assert_eq!(m.items.len(), 2);
    assert_eq!(m.items[0].rect, rect);
    assert!(m.items[0].white);
    assert_eq!(m.items[1].rect, Rect::new(100.0, 500.0, 200.0, 520.0));
    assert!((m.items[1].alpha - 0.3).abs() < 1e-9);
    // Only the white box hides what is under it; the translucent red does not.
    let opaque: Vec<_> = m.opaque().collect();
    assert_eq!(opaque.len(), 1);
    assert_eq!(opaque[0].rect, rect);
}

#[test]
fn cycles_and_limits_end() {
    // A form that draws itself.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Me 6 0 R >> >>",
        b"/Me Do 0 0 5 5 re f",
    );
    let bytes = pdf(b"/Fm1 Do", "<< /XObject << /Fm1 6 0 R >> >>", &[(6, form)]);
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let m = page_marks(&doc, 0, PAGE, &ContentLimits::default());
    assert_eq!(m.items.len(), 1);
    assert!(!m.problems.is_empty());
    // Many operators: truncated, not hung.
    let many = b"0 0 1 1 re f\n".repeat(50_000);
    let bytes = pdf(&many, "<< >>", &[]);
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let limits = ContentLimits {
        max_marks: 1000,
        ..ContentLimits::default()
    };
    let m = page_marks(&doc, 0, PAGE, &limits);
    assert!(m.truncated);
    assert_eq!(m.items.len(), 1000);
}

#[test]
fn content_beyond_the_budget_is_not_decoded_and_the_marks_say_so() {
    use std::io::Write;
    // 4 MiB of text operators, Flate-compressed: over a 1 MiB content
    // budget, the stream must be refused while decoding (a 255 MiB bomb was
    // decoded whole, then refused), and the marks say they are a prefix.
    let ops = b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n".repeat((4 << 20) / 32);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&ops).unwrap();
    let data = z.finish().unwrap();
    let bytes = pdf(
        b"",
        "<< /Font << /F1 5 0 R >> >>",
        &[(4, stream("/Filter /FlateDecode", &data))],
    );
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let small = ContentLimits {
        max_content_bytes: 1 << 20,
        ..ContentLimits::default()
    };
    let m = page_marks(&doc, 0, PAGE, &small);
    assert!(m.truncated);
    assert!(m.items.is_empty(), "nothing read from the refused stream");
    // Within the budget, the same page is read.
    let m = page_marks(&doc, 0, PAGE, &ContentLimits::default());
    assert!(!m.items.is_empty());
}
