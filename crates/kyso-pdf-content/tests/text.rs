//! The text layer: fonts of every kind on small hand-made pages, the
//! spacing and run rules, limits, and real documents from `../shared` (a
//! decree typeset with Identity-H TrueType + WinAnsi fonts, a scan).

use kyso_pdf::{Document, Limits, ObjRef};
use kyso_pdf_content::fuzzing::{pdf_file, stream};
use kyso_pdf_content::{page_text, PageText, TextLimits};
use std::path::PathBuf;

/// A one-page PDF: objects 5, 6, … are `objs` (fonts first, named /F1,
/// /F2, … in order for the first `fonts` of them).
fn pdf(fonts: usize, objs: &[Vec<u8>], content: &[u8]) -> Vec<u8> {
    pdf_with(fonts, objs, content, "")
}

/// [`pdf`] with more page resources (`/XObject << … >>`).
fn pdf_with(fonts: usize, objs: &[Vec<u8>], content: &[u8], more: &str) -> Vec<u8> {
    let font_dict: String = (0..fonts)
        .map(|i| format!("/F{} {} 0 R ", i + 1, i + 5))
        .collect();
    let mut all = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << {font_dict}>> {more} >> >>"
        )
        .into_bytes(),
        stream("", content),
    ];
    all.extend_from_slice(objs);
    pdf_file(&all)
}

fn text_of(bytes: &[u8]) -> PageText {
    let doc = Document::parse(bytes, &Limits::default()).expect("parse");
    page_text(&doc, 0, ObjRef { num: 3, gen: 0 }, &TextLimits::default())
}

fn texts(t: &PageText) -> Vec<&str> {
    t.runs.iter().map(|r| r.text.as_str()).collect()
}

const HELVETICA: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

#[test]
fn simple_font_encodings_and_differences() {
    let fonts = vec![
        HELVETICA.to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Times-Bold /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [128 /Ohornacute /uni1EA0 /g7 /dcroat 200 /abrevedotbelow] >> >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /MacRomanEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial,Italic /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    let t = text_of(&pdf(
        4,
        &fonts,
        b"BT /F1 12 Tf 72 700 Td (It's) Tj ET
          BT /F2 12 Tf 72 680 Td (\x80\x81\x82\x83 \xc8) Tj ET
          BT /F3 12 Tf 72 660 Td (Caf\x8e) Tj ET
          BT /F4 12 Tf 72 640 Td (H\xe0 N\xf4i \x93x\x94) Tj ET",
    ));
    assert_eq!(
        texts(&t),
        ["It\u{2019}s", "ỚẠ\u{FFFD}đ ặ", "Café", "Hà Nôi “x”"]
    );
    assert_eq!(t.undecodable_glyphs, 1);
    let r = &t.runs[1];
    assert_eq!(r.font, "Times-Bold");
    assert!(r.bold && !r.italic && r.upright && !r.invisible);
    assert!(t.runs[3].italic);
    assert!(!t.image_only && !t.truncated);
    // Helvetica has no widths here: 0.5 em per glyph, 0.8/−0.2 em tall.
    let b = t.runs[0].bbox;
    assert!(
        (b.x0 - 72.0).abs() < 1e-6 && (b.x1 - 96.0).abs() < 1e-6,
        "{b:?}"
    );
    assert!(
        (b.y0 - 697.6).abs() < 1e-6 && (b.y1 - 709.6).abs() < 1e-6,
        "{b:?}"
    );
    assert!((t.runs[0].baseline - 700.0).abs() < 1e-6);
    assert!((t.runs[0].font_size - 12.0).abs() < 1e-6);
}

#[test]
fn legacy_vietnamese_fonts() {
    let fonts = vec![
        b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+.VnTime /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /.VnTimeH,Bold /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /VNI-Times /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    let t = text_of(&pdf(
        3,
        &fonts,
        b"BT /F2 13 Tf 72 760 Td (\xf1y ban nh\xa9n d\xa9n) Tj ET
          BT /F1 13 Tf 72 740 Td (C\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam) Tj ET
          BT /F1 13 Tf 72 720 Td (\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c) Tj ET
          BT /F3 13 Tf 72 700 Td (Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam) Tj ET
          BT /F3 13 Tf 72 680 Td (U\xdbY BAN NHA\xc2N DA\xc2N) Tj ET
          BT /F3 13 Tf 72 660 Td (\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c) Tj ET",
    ));
    assert_eq!(
        texts(&t),
        [
            "ỦY BAN NHÂN DÂN",
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Độc lập - Tự do - Hạnh phúc",
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "ỦY BAN NHÂN DÂN",
            "Độc lập - Tự do - Hạnh phúc",
        ]
    );
    assert_eq!(t.runs[0].font, ".VnTimeH,Bold");
    // A legacy font embedded as Type 0 (newer Word): its /ToUnicode names
    // the Windows-1252 characters of the TCVN3 bytes, which are converted.
    let tu = b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange
4 beginbfchar <0001> <0056> <0002> <0069> <0003> <00D6> <0004> <0074> endbfchar endcmap";
    let objs = vec![
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+.VnTime /Encoding /Identity-H /ToUnicode 6 0 R /DescendantFonts [<< /Subtype /CIDFontType2 >>] >>".to_vec(),
        stream("", tu),
    ];
    let t2 = text_of(&pdf(
        1,
        &objs,
        b"BT /F1 12 Tf 10 10 Td <0001000200030004> Tj ET",
    ));
    assert_eq!(texts(&t2), ["Việt"]);
    assert!(t.runs[0].bold);
    assert_eq!(t.runs[1].font, ".VnTime");
    assert_eq!(t.undecodable_glyphs, 0);
}

const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0043> <0004> <1ED8> endbfchar
1 beginbfrange <0005> <0007> <004E> endbfrange
1 beginbfrange <0010> <0011> [<0048> <00D2>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

#[test]
fn type0_identity_and_embedded_cmaps() {
    // /F1: Identity-H with /ToUnicode and /W widths by CID.
    // /F2: an embedded encoding CMap with one- and two-byte codes; CIDs
    //      go through /W, text through /ToUnicode (keyed by code).
    // /F3: Identity-V: vertical text.
    let enc = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
2 begincodespacerange <00> <7F> <8000> <80FF> endcodespacerange
1 begincidrange <41> <5A> 100 endcidrange
1 begincidchar <8001> 7 endcidchar
endcmap end end";
    let tu2 = b"begincmap 1 begincodespacerange <00> <FFFF> endcodespacerange
1 beginbfrange <41> <5A> <0041> endbfrange 1 beginbfchar <8001> <0110> endbfchar endcmap";
    let objs = vec![
        b"<< /Type /Font /Subtype /Type0 /BaseFont /FAAAAJ+TimesNewRomanPS-BoldMT /Encoding /Identity-H /ToUnicode 8 0 R /DescendantFonts [9 0 R] >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Ming /Encoding 10 0 R /ToUnicode 11 0 R /DescendantFonts [<< /Subtype /CIDFontType0 /DW 1000 /W [100 [400] 7 [800]] >>] >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Vert /Encoding /Identity-V /ToUnicode 8 0 R /DescendantFonts [9 0 R] >>".to_vec(),
        stream("", TO_UNICODE),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPS-BoldMT /DW 1000 /W [3 [722 722] 5 7 500 16 17 600] /FontDescriptor << /Ascent 891 /Descent -216 /Flags 262178 >> >>".to_vec(),
        stream("/Type /CMap", enc),
        stream("", tu2),
    ];
    let t = text_of(&pdf(
        3,
        &objs,
        b"BT /F1 10 Tf 100 700 Td <000300040005000600070010> Tj ET
          BT /F2 10 Tf 100 650 Td <41 8001 42> Tj ET
          BT /F3 10 Tf 300 400 Td <00030004> Tj ET",
    ));
    assert_eq!(texts(&t), ["CỘNOPH", "AĐB", "CỘ"]);
    // A predefined Unicode CMap: the codes are the text.
    let ucs2 = vec![b"<< /Type /Font /Subtype /Type0 /BaseFont /MS-Mincho /Encoding /UniJIS-UCS2-H /DescendantFonts [<< /Subtype /CIDFontType0 >>] >>".to_vec()];
    let u = text_of(&pdf(1, &ucs2, b"BT /F1 10 Tf 100 300 Td <1EA0 0110> Tj ET"));
    assert_eq!(texts(&u), ["ẠĐ"]);
    let r = &t.runs[0];
    assert!(r.bold);
    // Widths: 722 + 722 + 3 × 500 + 600 = 3544 thousandths of 10 pt.
    assert!((r.bbox.x1 - r.bbox.x0 - 35.44).abs() < 1e-6, "{:?}", r.bbox);
    // The descriptor's ascent and descent.
    assert!((r.bbox.y1 - 708.91).abs() < 1e-6 && (r.bbox.y0 - 697.84).abs() < 1e-6);
    // CIDs 100, 7, 101: 400 + 800 + DW 1000 thousandths.
    let r = &t.runs[1];
    assert!((r.bbox.x1 - r.bbox.x0 - 22.0).abs() < 1e-6, "{:?}", r.bbox);
    let v = &t.runs[2];
    assert!(!v.upright);
    assert!(v.bbox.height() > v.bbox.width(), "{:?}", v.bbox);
}

#[test]
fn type3_widths_through_the_font_matrix() {
    let objs = vec![
        b"<< /Type /Font /Subtype /Type3 /FontMatrix [0.01 0 0 0.01 0 0] /FontBBox [0 0 100 100] /FirstChar 65 /LastChar 66 /Widths [60 40] /Encoding << /Differences [65 /A /Ecircumflexacute] >> /CharProcs << >> >>".to_vec(),
    ];
    let t = text_of(&pdf(1, &objs, b"BT /F1 10 Tf 100 100 Td (ABAB) Tj ET"));
    assert_eq!(texts(&t), ["AẾAẾ"]);
    // (0.6 + 0.4) × 2 em of 10 pt.
    let b = t.runs[0].bbox;
    assert!((b.width() - 20.0).abs() < 1e-6, "{b:?}");
    // The em is the FontBBox height through the FontMatrix: 100 × 0.01.
    assert!(
        (b.y0 - 100.0).abs() < 1e-6 && (b.y1 - 110.0).abs() < 1e-6,
        "{b:?}"
    );
    assert!((t.runs[0].font_size - 10.0).abs() < 1e-6);
}

#[test]
fn spacing_operators_and_gaps() {
    let objs = vec![b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 122 /Widths [250 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 0 0 0 0 0 0 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500] >>".to_vec()];
    let t = text_of(&pdf(
        1,
        &objs,
        b"BT /F1 10 Tf 14 TL 50 800 Td
            [(ab) -100 (cd)] TJ T*
            [(ab) -300 (cd)] TJ T*
            [(ab) -1000 (cd)] TJ T*
            (ab) Tj 13 0 Td (cd) Tj T*
            (ab) Tj 40 0 Td (cd) Tj T*
            5 Tc (abc) Tj 0 Tc T*
            20 Tw (a b) Tj 0 Tw T*
            50 Tz (abcd) Tj 100 Tz T*
            (x) Tj 3 Ts (2) Tj 0 Ts T*
            3 Tr (ocr layer) Tj 0 Tr
            1 2 (quote) \"
            (next) '
          ET",
    ));
    assert_eq!(
        texts(&t),
        [
            "abcd",  // 0.1 em kern: no space
            "ab cd", // 0.3 em: a space
            "ab",    // 1 em kern: a column gap
            "cd",
            "ab cd", // two Tj, 0.3 em apart
            "ab",    // 3 em apart: never one run
            "cd",
            "abc", // Tc is part of the advance, as in pdftotext
            "a b",
            "abcd",
            "x2",
            "ocr layer",
            "quote",
            "next",
        ]
    );
    let r = |s: &str| t.runs.iter().find(|r| r.text == s).unwrap();
    assert!(r("ocr layer").invisible);
    assert!(!r("quote").invisible);
    // Tz 50: four glyphs of 0.5 em at half width.
    let half = t.runs.iter().rfind(|r| r.text == "abcd").unwrap();
    assert!((half.bbox.width() - 10.0).abs() < 1e-6, "{:?}", half.bbox);
    // " sets Tw 1 and Tc 2: "quote" is 5 glyphs × (5 + 2) − the last Tc.
    let q = r("quote");
    assert!(
        (q.bbox.width() - (4.0 * 7.0 + 5.0)).abs() < 1e-6,
        "{:?}",
        q.bbox
    );
    // T*, ' and " move down by TL 14: "next" is on the 12th line.
    assert!((r("next").baseline - (800.0 - 14.0 * 11.0)).abs() < 1e-6);
}

#[test]
fn rotation_forms_and_images() {
    let objs = vec![
        HELVETICA.to_vec(),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Matrix [0 1 -1 0 300 100] /Resources << /Font << /F1 5 0 R >> >>",
            b"BT /F1 10 Tf 0 0 Td (rotated) Tj ET",
        ),
        stream(
            "/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray",
            b"\x00",
        ),
    ];
    let with = |content: &[u8]| {
        text_of(&pdf_with(
            1,
            &objs,
            content,
            "/XObject << /Fm1 6 0 R /Im1 7 0 R >>",
        ))
    };
    let t = with(b"/Fm1 Do BT /F1 10 Tf 1 0 0 -1 100 700 Tm (mirrored) Tj ET");
    assert_eq!(texts(&t), ["rotated", "mirrored"]);
    assert!(!t.runs[0].upright && !t.runs[1].upright);
    assert!(t.runs[0].bbox.height() > t.runs[0].bbox.width());
    // A scan: one full-page image and only invisible text.
    let t = with(b"q 595 0 0 842 0 0 cm /Im1 Do Q BT 3 Tr /F1 10 Tf 100 100 Td (ocr) Tj ET");
    assert!(t.image_only);
    assert_eq!(texts(&t), ["ocr"]);
    let t = with(b"q 100 0 0 100 0 0 cm /Im1 Do Q");
    assert!(!t.image_only && t.runs.is_empty());
}

#[test]
fn limits_truncate() {
    let objs = vec![HELVETICA.to_vec()];
    let content =
        b"BT /F1 10 Tf 0 800 Td (a) Tj 0 -20 Td (b) Tj 0 -20 Td (c) Tj 0 -20 Td (d) Tj ET";
    let bytes = pdf(1, &objs, content);
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let p = ObjRef { num: 3, gen: 0 };
    let full = page_text(&doc, 0, p, &TextLimits::default());
    assert_eq!(texts(&full), ["a", "b", "c", "d"]);
    for l in [
        TextLimits {
            max_glyphs: 2,
            ..TextLimits::default()
        },
        TextLimits {
            max_runs: 2,
            ..TextLimits::default()
        },
        TextLimits {
            max_operators: 5,
            ..TextLimits::default()
        },
    ] {
        let t = page_text(&doc, 0, p, &l);
        assert!(t.truncated, "{l:?}");
        assert!(t.runs.len() <= 2, "{l:?} {:?}", texts(&t));
    }
    // A ToUnicode over the CMap size bound is skipped, not read.
    let objs = vec![
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R /DescendantFonts [<< /Subtype /CIDFontType2 >>] >>".to_vec(),
        stream("", TO_UNICODE),
    ];
    let bytes = pdf(1, &objs, b"BT /F1 10 Tf 10 10 Td <0003> Tj ET");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let small = TextLimits {
        max_cmap_bytes: 10,
        ..TextLimits::default()
    };
    let t = page_text(&doc, 0, p, &small);
    assert_eq!(texts(&t), ["\u{FFFD}"]);
    assert_eq!(t.undecodable_glyphs, 1);
    assert!(!t.problems.is_empty());
    assert_eq!(texts(&page_text(&doc, 0, p, &TextLimits::default())), ["C"]);
}

/// `../shared` beside the repository (read in place).
fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

fn first_page(bytes: &[u8], limits: &TextLimits) -> Option<PageText> {
    let doc = Document::parse(bytes, &Limits::default()).ok()?;
    let rev = doc.revisions().len().checked_sub(1)?;
    let page = *doc.pages(rev).ok()?.first()?;
    Some(page_text(&doc, rev, page, limits))
}

#[test]
fn decree_page_one() {
    let Some(p) = shared("vn/pdf/49-2026-ND-CP.pdf") else {
        return;
    };
    let bytes = std::fs::read(p).unwrap();
    let t = first_page(&bytes, &TextLimits::default()).unwrap();
    assert!(!t.truncated && !t.image_only);
    assert_eq!(t.undecodable_glyphs, 0);
    let find = |s: &str| {
        t.runs
            .iter()
            .find(|r| r.text == s)
            .unwrap_or_else(|| panic!("no run {s:?} in {:#?}", texts(&t)))
    };
    let left = find("CHÍNH PHỦ");
    let right = find("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    find("Độc lập - Tự do - Hạnh phúc");
    let number = find("Số: 49/2026/NĐ-CP");
    let date = find("Hà Nội, ngày 31 tháng 01 năm 2026");
    let kind = find("NGHỊ ĐỊNH");
    // The two header columns are separate runs, side by side.
    assert!(left.bbox.x1 < right.bbox.x0);
    assert!((left.baseline - right.baseline).abs() < 0.5);
    assert!(number.bbox.x1 < date.bbox.x0);
    assert!(left.bold && right.bold && kind.bold && !number.bold && date.italic);
    assert_eq!(left.font, "TimesNewRomanPS-BoldMT");
    assert!((left.font_size - 14.0).abs() < 1e-6);
    assert!(t.runs.iter().all(|r| r.upright && !r.invisible));
    assert!(left.bbox.y0 > 700.0 && left.bbox.y1 < 842.0);
    find("Điều 1. Phạm vi điều chỉnh");
}

#[test]
fn scanned_decree_is_image_only() {
    let Some(p) = shared("vn/pdf/199-ndcp.signed.pdf") else {
        return;
    };
    let bytes = std::fs::read(p).unwrap();
    let t = first_page(&bytes, &TextLimits::default()).unwrap();
    // The page is one CCITT image; the signer's name is in the signature
    // widget's appearance, not in the page: no OCR layer.
    assert!(t.image_only);
    assert!(t.runs.is_empty());
}

#[test]
fn fixtures_and_corpus_never_panic() {
    let mut files = Vec::new();
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    for dir in [Some(fixtures), shared("corpus")].into_iter().flatten() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "pdf") {
                files.push(p);
            }
        }
    }
    files.sort();
    let limits = TextLimits::default();
    let mut with_text = 0;
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        if let Some(t) = first_page(&bytes, &limits) {
            if !t.runs.is_empty() {
                with_text += 1;
            }
            for r in &t.runs {
                assert!(
                    r.bbox.x0 <= r.bbox.x1 && r.bbox.y0 <= r.bbox.y1,
                    "{}",
                    p.display()
                );
                assert!(!r.text.is_empty() && r.text.trim() == r.text);
            }
        }
    }
    eprintln!("{} PDFs, {with_text} with text on page 1", files.len());
}
