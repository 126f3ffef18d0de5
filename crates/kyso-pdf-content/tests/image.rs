//! Blank-paper detection (`region_is_blank`) on real image streams: every
//! supported encoding and colour model, each with a region on blank paper
//! (with speckle) and a region over text; then malformed, truncated and
//! oversize input, which must give `Err` and never panic.
//!
//! The JPEG and CCITT data are made by real encoders (Pillow's libjpeg and
//! libtiff): `scripts/gen-image-fixtures.py` writes them to `fixtures/images/`.

use kyso_pdf::{Dict, Document, Limits, ObjRef, Object, PdfString, Stream};
use kyso_pdf_content::image::{region_is_blank, ImageLimits, Undecided, UnitRegion};
use std::io::Write;

// ---------------------------------------------------------------------------
// A tiny PDF holding the indirect objects the images refer to.

/// Objects 3.. of the test document (1 and 2 are the catalog and page tree).
fn objects() -> Vec<Vec<u8>> {
    use kyso_pdf_content::fuzzing::stream;
    vec![
        // 3: an ICC profile of one component (the profile bytes are not read).
        stream("/N 1", b"not a real profile"),
        // 4: ... of three, 5: ... of four.
        stream("/N 3", b"not a real profile"),
        stream("/N 4", b"not a real profile"),
        // 6: an Indexed lookup stream: white, dark blue.
        stream("", &[255, 255, 255, 20, 40, 170]),
        // 7: an indirect colour space: Indexed over an indirect ICC base.
        b"[/Indexed [/ICCBased 4 0 R] 1 6 0 R]".to_vec(),
        // 8: an indirect /Decode array and 9: an indirect width.
        b"[1 0]".to_vec(),
        b"200".to_vec(),
    ]
}

fn pdf() -> Vec<u8> {
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
    ];
    objs.extend(objects());
    kyso_pdf_content::fuzzing::pdf_file(&objs)
}

fn r(num: u32) -> Object {
    Object::Ref(ObjRef { num, gen: 0 })
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn int(i: i64) -> Object {
    Object::Int(i)
}

fn nums(v: &[i64]) -> Object {
    Object::Array(v.iter().map(|&i| Object::Int(i)).collect())
}

fn string(b: &[u8]) -> Object {
    Object::String(PdfString {
        bytes: b.to_vec(),
        hex: true,
        span: None,
    })
}

fn image(w: u64, h: u64, extra: Vec<(&str, Object)>, raw: Vec<u8>) -> Stream {
    let mut d = Dict::new();
    d.insert(b"Type".to_vec(), name("XObject"));
    d.insert(b"Subtype".to_vec(), name("Image"));
    d.insert(b"Width".to_vec(), int(w as i64));
    d.insert(b"Height".to_vec(), int(h as i64));
    for (k, v) in extra {
        d.insert(k.as_bytes().to_vec(), v);
    }
    Stream { dict: d, raw }
}

fn flate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../fixtures/images/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn region(x0: f64, y0: f64, x1: f64, y1: f64) -> UnitRegion {
    UnitRegion { x0, y0, x1, y1 }
}

/// The top-left quarter (rows 0..h/2 of the data: image space is y-up with
/// the first row at the top).
const TOP_LEFT: UnitRegion = UnitRegion {
    x0: 0.0,
    y0: 0.5,
    x1: 0.5,
    y1: 1.0,
};
/// The bottom-right quarter.
const BOTTOM_RIGHT: UnitRegion = UnitRegion {
    x0: 0.5,
    y0: 0.0,
    x1: 1.0,
    y1: 0.5,
};

/// Blank and ink answers for one image: `(blank region, ink region)`.
fn answers(img: &Stream, blank: UnitRegion, ink: UnitRegion) -> (bool, bool) {
    let bytes = pdf();
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let l = ImageLimits::default();
    let b = region_is_blank(&doc, img, blank, &l).unwrap_or_else(|e| panic!("blank: {e:?}"));
    let i = region_is_blank(&doc, img, ink, &l).unwrap_or_else(|e| panic!("ink: {e:?}"));
    (b, i)
}

fn assert_page(img: &Stream) {
    assert_eq!(answers(img, BOTTOM_RIGHT, TOP_LEFT), (true, false));
}

fn judge(img: &Stream, reg: UnitRegion) -> Result<bool, Undecided> {
    judge_with(img, reg, &ImageLimits::default())
}

fn judge_with(img: &Stream, reg: UnitRegion, l: &ImageLimits) -> Result<bool, Undecided> {
    let bytes = pdf();
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    region_is_blank(&doc, img, reg, l)
}

// ---------------------------------------------------------------------------
// A synthetic scanned page: 200 × 100, white, three lines of "text" (strokes)
// in the top-left quarter, scanner speckle (isolated pixels, 0.3 %) in the
// bottom-right quarter.

const W: usize = 200;
const H: usize = 100;

/// Ink mask of the page, row 0 first.
fn page() -> Vec<bool> {
    let mut ink = vec![false; W * H];
    for line in 0..3 {
        let y = 10 + line * 12;
        for x in 10..90 {
            // Letters: a baseline stroke and vertical stems every 6 pixels.
            ink[(y + 6) * W + x] = true;
            if x % 6 < 2 {
                for dy in 0..7 {
                    ink[(y + dy) * W + x] = true;
                }
            }
        }
    }
    for k in 0..15 {
        let x = 105 + (k * 37) % 90;
        let y = 55 + (k * 53) % 40;
        ink[y * W + x] = true;
    }
    ink
}

fn gray8(paper: u8, ink: u8) -> Vec<u8> {
    page()
        .iter()
        .map(|&i| if i { ink } else { paper })
        .collect()
}

/// Pack one bit per pixel, rows padded to bytes; `ink_bit` for ink pixels.
fn bits1(ink_bit: bool) -> Vec<u8> {
    let p = page();
    let row_bytes = W.div_ceil(8);
    let mut out = vec![0u8; row_bytes * H];
    for y in 0..H {
        for x in 0..W {
            if p[y * W + x] == ink_bit {
                out[y * row_bytes + x / 8] |= 0x80 >> (x % 8);
            }
        }
    }
    out
}

fn gray_image(extra: Vec<(&str, Object)>, raw: Vec<u8>) -> Stream {
    let mut e = vec![
        ("ColorSpace", name("DeviceGray")),
        ("BitsPerComponent", int(8)),
    ];
    e.extend(extra);
    image(W as u64, H as u64, e, raw)
}

// ---------------------------------------------------------------------------
// Sampled images.

#[test]
fn gray_8bit_raw_and_flate() {
    assert_page(&gray_image(vec![], gray8(245, 30)));
    assert_page(&gray_image(
        vec![("Filter", name("FlateDecode"))],
        flate(&gray8(245, 30)),
    ));
    // Inline-image abbreviations and an array filter with PNG predictors.
    let mut predicted = Vec::new();
    for row in gray8(245, 30).chunks(W) {
        predicted.push(0u8); // PNG "None" row filter
        predicted.extend_from_slice(row);
    }
    let mut parms = Dict::new();
    parms.insert(b"Predictor".to_vec(), int(15));
    parms.insert(b"Columns".to_vec(), int(W as i64));
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            ("CS", name("G")),
            ("BPC", int(8)),
            ("F", Object::Array(vec![name("Fl")])),
            ("DP", Object::Array(vec![Object::Dict(parms)])),
        ],
        flate(&predicted),
    ));
}

#[test]
fn image_space_is_y_up_with_the_first_row_on_top() {
    // Ink only in the first 10 rows of the data.
    let mut px = vec![255u8; W * H];
    px[..10 * W].fill(0);
    let img = gray_image(vec![], px);
    assert_eq!(judge(&img, region(0.0, 0.9, 1.0, 1.0)), Ok(false));
    assert_eq!(judge(&img, region(0.0, 0.0, 1.0, 0.1)), Ok(true));
    assert_eq!(judge(&img, region(0.0, 0.0, 1.0, 0.89)), Ok(true));
}

#[test]
fn one_bit_with_decode_inverted() {
    // /Decode [1 0]: 1 bits are black (the common fax-style scan).
    assert_page(&gray_image(
        vec![("BitsPerComponent", int(1)), ("Decode", nums(&[1, 0]))],
        bits1(true),
    ));
    // Default decode: 0 bits are black.
    assert_page(&gray_image(
        vec![("BitsPerComponent", int(1))],
        bits1(false),
    ));
    // The same data read with the wrong polarity is a black page.
    let negative = gray_image(vec![("BitsPerComponent", int(1))], bits1(true));
    assert_eq!(judge(&negative, BOTTOM_RIGHT), Ok(false));
    // An indirect /Decode.
    assert_page(&gray_image(
        vec![("BitsPerComponent", int(1)), ("Decode", r(8))],
        bits1(true),
    ));
}

#[test]
fn two_four_and_sixteen_bits() {
    for bpc in [2usize, 4] {
        let max = (1u8 << bpc) - 1;
        let per_byte = 8 / bpc;
        let row_bytes = W.div_ceil(per_byte);
        let p = page();
        let mut raw = vec![0u8; row_bytes * H];
        for y in 0..H {
            for x in 0..W {
                let v = if p[y * W + x] { 0 } else { max };
                raw[y * row_bytes + x / per_byte] |= v << (8 - bpc - (x % per_byte) * bpc);
            }
        }
        assert_page(&gray_image(
            vec![("BitsPerComponent", int(bpc as i64))],
            raw,
        ));
    }
    let raw: Vec<u8> = gray8(240, 20).iter().flat_map(|&v| [v, 0x55]).collect();
    assert_page(&gray_image(vec![("BitsPerComponent", int(16))], raw));
}

#[test]
fn rgb_cmyk_lab() {
    let p = page();
    let rgb: Vec<u8> = p
        .iter()
        .flat_map(|&i| if i { [20, 40, 170] } else { [250, 246, 230] })
        .collect();
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            ("ColorSpace", name("DeviceRGB")),
            ("BitsPerComponent", int(8)),
        ],
        rgb.clone(),
    ));
    // ICCBased by /N (indirect), CalRGB like RGB.
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            ("ColorSpace", Object::Array(vec![name("ICCBased"), r(4)])),
            ("BitsPerComponent", int(8)),
        ],
        rgb.clone(),
    ));
    let mut cal = Dict::new();
    cal.insert(b"WhitePoint".to_vec(), nums(&[1, 1, 1]));
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            (
                "ColorSpace",
                Object::Array(vec![name("CalRGB"), Object::Dict(cal)]),
            ),
            ("BitsPerComponent", int(8)),
        ],
        rgb,
    ));
    // A yellow highlighter is not ink; saturated blue is.
    let yellow: Vec<u8> = p
        .iter()
        .flat_map(|&i| if i { [255, 240, 0] } else { [255, 255, 255] })
        .collect();
    let img = image(
        W as u64,
        H as u64,
        vec![
            ("ColorSpace", name("DeviceRGB")),
            ("BitsPerComponent", int(8)),
        ],
        yellow,
    );
    assert_eq!(judge(&img, TOP_LEFT), Ok(true));

    let cmyk: Vec<u8> = p
        .iter()
        .flat_map(|&i| if i { [0, 0, 0, 230] } else { [0, 3, 8, 0] })
        .collect();
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            ("ColorSpace", name("DeviceCMYK")),
            ("BitsPerComponent", int(8)),
        ],
        cmyk.clone(),
    ));
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            ("ColorSpace", Object::Array(vec![name("ICCBased"), r(5)])),
            ("BitsPerComponent", int(8)),
        ],
        cmyk,
    ));

    // Lab: L* 0..100 over 0..255; a*, b* neutral.
    let lab: Vec<u8> = p
        .iter()
        .flat_map(|&i| if i { [40, 128, 128] } else { [245, 128, 128] })
        .collect();
    let mut ld = Dict::new();
    ld.insert(b"WhitePoint".to_vec(), nums(&[1, 1, 1]));
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            (
                "ColorSpace",
                Object::Array(vec![name("Lab"), Object::Dict(ld)]),
            ),
            ("BitsPerComponent", int(8)),
        ],
        lab,
    ));
}

#[test]
fn indexed_gray_icc_and_separation() {
    let p = page();
    let idx8: Vec<u8> = p.iter().map(|&i| u8::from(i)).collect();
    // Lookup string over DeviceRGB.
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            (
                "ColorSpace",
                Object::Array(vec![
                    name("Indexed"),
                    name("DeviceRGB"),
                    int(1),
                    string(&[255, 255, 255, 20, 40, 170]),
                ]),
            ),
            ("BitsPerComponent", int(8)),
        ],
        idx8.clone(),
    ));
    // Lookup stream over DeviceGray, 1-bit indices.
    let mut bits = bits1(true);
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            (
                "ColorSpace",
                Object::Array(vec![
                    name("Indexed"),
                    name("DeviceGray"),
                    int(1),
                    string(&[250, 10]),
                ]),
            ),
            ("BitsPerComponent", int(1)),
        ],
        bits.clone(),
    ));
    // The whole colour space indirect, its base and lookup too.
    assert_page(&image(
        W as u64,
        H as u64,
        vec![("ColorSpace", r(7)), ("BitsPerComponent", int(8))],
        idx8,
    ));
    // A palette too short for index 1: unknown colour is ink, never paper.
    let short = image(
        W as u64,
        H as u64,
        vec![
            (
                "ColorSpace",
                Object::Array(vec![
                    name("Indexed"),
                    name("DeviceRGB"),
                    int(1),
                    string(&[255, 255, 255]),
                ]),
            ),
            ("BitsPerComponent", int(1)),
        ],
        std::mem::take(&mut bits),
    );
    assert_eq!(answers(&short, BOTTOM_RIGHT, TOP_LEFT), (true, false));
    // ICCBased /N 1 (indirect) and an indirect /Width.
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            ("Width", r(9)),
            ("ColorSpace", Object::Array(vec![name("ICCBased"), r(3)])),
            ("BitsPerComponent", int(8)),
        ],
        gray8(250, 0),
    ));
    // Separation: tint is ink (0 = paper).
    let tints: Vec<u8> = p.iter().map(|&i| if i { 255 } else { 5 }).collect();
    let sep = Object::Array(vec![
        name("Separation"),
        name("PANTONE 286 C"),
        name("DeviceCMYK"),
        Object::Dict(Dict::new()),
    ]);
    assert_page(&image(
        W as u64,
        H as u64,
        vec![("ColorSpace", sep), ("BitsPerComponent", int(8))],
        tints.clone(),
    ));
    // Separation /None paints nothing.
    let none = Object::Array(vec![
        name("Separation"),
        name("None"),
        name("DeviceGray"),
        Object::Dict(Dict::new()),
    ]);
    let img = image(
        W as u64,
        H as u64,
        vec![("ColorSpace", none), ("BitsPerComponent", int(8))],
        tints,
    );
    assert_eq!(judge(&img, TOP_LEFT), Ok(true));
}

#[test]
fn image_mask_stencil() {
    // Painted samples are 0 by default: a stencil of the text.
    let mask = image(
        W as u64,
        H as u64,
        vec![("ImageMask", Object::Bool(true))],
        bits1(false),
    );
    assert_page(&mask);
    // /Decode [1 0]: 1 paints.
    assert_page(&image(
        W as u64,
        H as u64,
        vec![
            ("ImageMask", Object::Bool(true)),
            ("BitsPerComponent", int(1)),
            ("Decode", nums(&[1, 0])),
        ],
        bits1(true),
    ));
    // A stencil that paints nothing is blank everywhere.
    let empty = image(
        W as u64,
        H as u64,
        vec![("ImageMask", Object::Bool(true))],
        vec![0xFF; W.div_ceil(8) * H],
    );
    assert_eq!(answers(&empty, BOTTOM_RIGHT, TOP_LEFT), (true, true));
}

// ---------------------------------------------------------------------------
// The policy: speckle, a single small mark, dense dots.

#[test]
fn a_single_digit_is_not_speckle() {
    // A 3×9 "1" in the middle of a 200×100 region of clean paper, and
    // nothing else: far below any ink fraction, but a mark.
    let mut px = vec![250u8; W * H];
    for y in 60..69 {
        for x in 150..153 {
            px[y * W + x] = 20;
        }
    }
    let img = gray_image(vec![], px.clone());
    assert_eq!(judge(&img, region(0.0, 0.0, 1.0, 1.0)), Ok(false));
    // Two dust pixels (touching) are not.
    let mut dust = vec![250u8; W * H];
    dust[60 * W + 150] = 0;
    dust[61 * W + 151] = 0;
    dust[20 * W + 20] = 0;
    let img = gray_image(vec![], dust);
    assert_eq!(judge(&img, region(0.0, 0.0, 1.0, 1.0)), Ok(true));
}

#[test]
fn dense_dots_are_not_blank() {
    // Isolated pixels on a 4-pixel grid: 6 % of the region, no mark.
    let mut px = vec![255u8; W * H];
    for y in (0..H).step_by(4) {
        for x in (0..W).step_by(4) {
            px[y * W + x] = 0;
        }
    }
    let img = gray_image(vec![], px);
    assert_eq!(judge(&img, region(0.0, 0.0, 1.0, 1.0)), Ok(false));
}

#[test]
fn gray_paper_is_not_ink() {
    // A dull scan: paper at 0.7, text at 0.35.
    assert_page(&gray_image(vec![], gray8(180, 90)));
}

// ---------------------------------------------------------------------------
// JPEG (DCTDecode), made by libjpeg.

/// The fixture page: 240 × 320, text in rows 20..95, columns 16..150; dust in
/// the bottom-right quarter.
const FIX_W: u64 = 240;
const FIX_H: u64 = 320;
const FIX_TEXT: UnitRegion = UnitRegion {
    x0: 0.05,
    y0: 0.75,
    x1: 0.45,
    y1: 0.95,
};
const FIX_BLANK: UnitRegion = UnitRegion {
    x0: 0.55,
    y0: 0.05,
    x1: 0.95,
    y1: 0.45,
};

fn fixture_image(file: &str, extra: Vec<(&str, Object)>) -> Stream {
    image(FIX_W, FIX_H, extra, fixture(file))
}

fn assert_fixture(img: &Stream) {
    assert_eq!(answers(img, FIX_BLANK, FIX_TEXT), (true, false));
}

#[test]
fn jpeg_gray_baseline_and_progressive() {
    for f in ["page-gray.jpg", "page-gray-prog.jpg"] {
        assert_fixture(&fixture_image(
            f,
            vec![
                ("Filter", name("DCTDecode")),
                ("ColorSpace", name("DeviceGray")),
                ("BitsPerComponent", int(8)),
            ],
        ));
    }
}

#[test]
fn jpeg_rgb() {
    let cs = [
        name("DeviceRGB"),
        Object::Array(vec![name("ICCBased"), r(4)]),
    ];
    for cs in cs {
        assert_fixture(&fixture_image(
            "page-rgb.jpg",
            vec![
                ("Filter", name("DCTDecode")),
                ("ColorSpace", cs),
                ("BitsPerComponent", int(8)),
            ],
        ));
    }
    // An explicit /Decode makes the decoder produce RGB rather than Y alone.
    assert_fixture(&fixture_image(
        "page-rgb.jpg",
        vec![
            ("Filter", name("DCTDecode")),
            ("ColorSpace", name("DeviceRGB")),
            ("BitsPerComponent", int(8)),
            ("Decode", nums(&[0, 1, 0, 1, 0, 1])),
        ],
    ));
    // Behind a Flate filter.
    let mut img = fixture_image(
        "page-rgb.jpg",
        vec![
            (
                "Filter",
                Object::Array(vec![name("FlateDecode"), name("DCTDecode")]),
            ),
            ("ColorSpace", name("DeviceRGB")),
            ("BitsPerComponent", int(8)),
        ],
    );
    img.raw = flate(&img.raw);
    assert_fixture(&img);
}

#[test]
fn jpeg_adobe_cmyk() {
    // Adobe CMYK JPEGs store inverted values; PDF writers undo it with /Decode.
    let inverted = fixture_image(
        "page-cmyk.jpg",
        vec![
            ("Filter", name("DCTDecode")),
            ("ColorSpace", name("DeviceCMYK")),
            ("BitsPerComponent", int(8)),
            ("Decode", nums(&[1, 0, 1, 0, 1, 0, 1, 0])),
        ],
    );
    assert_fixture(&inverted);
    // Without it a reader shows a negative: all ink.
    let negative = fixture_image(
        "page-cmyk.jpg",
        vec![
            ("Filter", name("DCTDecode")),
            ("ColorSpace", name("DeviceCMYK")),
            ("BitsPerComponent", int(8)),
        ],
    );
    assert_eq!(judge(&negative, FIX_BLANK), Ok(false));
}

#[test]
fn jpeg_errors() {
    let dct = || {
        vec![
            ("Filter", name("DCTDecode")),
            ("ColorSpace", name("DeviceGray")),
            ("BitsPerComponent", int(8)),
        ]
    };
    // Not a JPEG.
    let img = image(FIX_W, FIX_H, dct(), b"\xff\xd8 this is not a JPEG".to_vec());
    assert!(matches!(
        judge(&img, FIX_BLANK),
        Err(Undecided::Malformed(_))
    ));
    let img = image(FIX_W, FIX_H, dct(), Vec::new());
    assert!(matches!(
        judge(&img, FIX_BLANK),
        Err(Undecided::Malformed(_))
    ));
    // The dictionary disagrees with the JPEG's size.
    let img = image(FIX_W, FIX_H + 1, dct(), fixture("page-gray.jpg"));
    assert!(matches!(
        judge(&img, FIX_BLANK),
        Err(Undecided::Malformed(_))
    ));
    // A truncated JPEG: the lost part is never blank paper.
    for cut in [200usize, 1000, 3000, 6000] {
        for f in ["page-gray.jpg", "page-gray-prog.jpg", "page-rgb.jpg"] {
            let mut data = fixture(f);
            data.truncate(cut);
            let img = image(FIX_W, FIX_H, dct(), data);
            let got = judge(&img, region(0.0, 0.0, 1.0, 0.05));
            assert_ne!(got, Ok(true), "{f} cut at {cut}");
        }
    }
    // Every prefix and some corruptions: no panic.
    let data = fixture("page-rgb.jpg");
    for cut in (0..data.len()).step_by(97) {
        let img = image(FIX_W, FIX_H, dct(), data[..cut].to_vec());
        let _ = judge(&img, FIX_TEXT);
    }
    for i in (0..data.len()).step_by(131) {
        let mut d = data.clone();
        d[i] ^= 0x5A;
        let img = image(FIX_W, FIX_H, dct(), d);
        let _ = judge(&img, FIX_BLANK);
    }
}

// ---------------------------------------------------------------------------
// CCITT (CCITTFaxDecode), made by libtiff.

fn ccitt(file: &str, parms: Vec<(&str, Object)>, extra: Vec<(&str, Object)>) -> Stream {
    let mut p = Dict::new();
    p.insert(b"Columns".to_vec(), int(FIX_W as i64));
    p.insert(b"Rows".to_vec(), int(FIX_H as i64));
    for (k, v) in parms {
        p.insert(k.as_bytes().to_vec(), v);
    }
    let mut e = vec![
        ("Filter", name("CCITTFaxDecode")),
        ("DecodeParms", Object::Dict(p)),
        ("BitsPerComponent", int(1)),
    ];
    e.extend(extra);
    fixture_image(file, e)
}

#[test]
fn ccitt_group4() {
    let gray = || vec![("ColorSpace", name("DeviceGray"))];
    assert_fixture(&ccitt("page-g4.ccitt", vec![("K", int(-1))], gray()));
    // As a stencil mask (painted = 0 = CCITT black).
    assert_fixture(&ccitt(
        "page-g4.ccitt",
        vec![("K", int(-1))],
        vec![("ImageMask", Object::Bool(true))],
    ));
    // /BlackIs1 true with /Decode [1 0] shows the same page.
    assert_fixture(&ccitt(
        "page-g4.ccitt",
        vec![("K", int(-1)), ("BlackIs1", Object::Bool(true))],
        vec![
            ("ColorSpace", name("DeviceGray")),
            ("Decode", nums(&[1, 0])),
        ],
    ));
    // /BlackIs1 true alone shows a negative.
    let negative = ccitt(
        "page-g4.ccitt",
        vec![("K", int(-1)), ("BlackIs1", Object::Bool(true))],
        gray(),
    );
    assert_eq!(judge(&negative, FIX_BLANK), Ok(false));
}

#[test]
fn ccitt_group3() {
    let gray = || vec![("ColorSpace", name("DeviceGray"))];
    assert_fixture(&ccitt("page-g3-1d.ccitt", vec![("K", int(0))], gray()));
    assert_fixture(&ccitt(
        "page-g3-1d.ccitt",
        vec![("K", int(0)), ("EndOfLine", Object::Bool(true))],
        gray(),
    ));
    assert_fixture(&ccitt("page-g3-2d.ccitt", vec![("K", int(4))], gray()));
    assert_fixture(&ccitt(
        "page-g3-1d-aligned.ccitt",
        vec![("K", int(0)), ("EncodedByteAlign", Object::Bool(true))],
        gray(),
    ));
    assert_fixture(&ccitt(
        "page-g3-2d-aligned.ccitt",
        vec![
            ("K", int(2)),
            ("EncodedByteAlign", Object::Bool(true)),
            ("EndOfLine", Object::Bool(true)),
        ],
        gray(),
    ));
}

/// A hand-coded Group 4 image, 8 × 3: white, black, white rows; with and
/// without /EncodedByteAlign.
#[test]
fn ccitt_group4_byte_aligned() {
    fn pack(bits: &str) -> Vec<u8> {
        let bits: Vec<u8> = bits
            .bytes()
            .filter(|b| *b != b' ')
            .map(|b| b - b'0')
            .collect();
        bits.chunks(8)
            .map(|c| {
                c.iter()
                    .enumerate()
                    .fold(0u8, |a, (i, b)| a | (b << (7 - i)))
            })
            .collect()
    }
    let eofb = "000000000001 000000000001";
    // V0 | H, white 0, black 8 | Pass.
    let plain = pack(&format!("1 001 00110101 000101 0001 {eofb}"));
    let aligned = pack(&format!(
        "10000000 001 00110101 000101 0000000 00010000 {eofb}"
    ));
    for (data, align) in [(plain, false), (aligned, true)] {
        let mut p = Dict::new();
        p.insert(b"K".to_vec(), int(-1));
        p.insert(b"Columns".to_vec(), int(8));
        p.insert(b"EncodedByteAlign".to_vec(), Object::Bool(align));
        let img = image(
            8,
            3,
            vec![
                ("Filter", name("CCITTFaxDecode")),
                ("DecodeParms", Object::Dict(p)),
                ("ColorSpace", name("DeviceGray")),
                ("BitsPerComponent", int(1)),
            ],
            data,
        );
        let third = 1.0 / 3.0;
        assert_eq!(judge(&img, region(0.0, 2.0 * third, 1.0, 1.0)), Ok(true));
        assert_eq!(judge(&img, region(0.0, third, 1.0, 2.0 * third)), Ok(false));
        assert_eq!(judge(&img, region(0.0, 0.0, 1.0, third)), Ok(true));
    }
}

#[test]
fn ccitt_errors() {
    let gray = || vec![("ColorSpace", name("DeviceGray"))];
    // Truncated: the top rows still decide, the lost bottom does not.
    let mut img = ccitt("page-g4.ccitt", vec![("K", int(-1))], gray());
    img.raw.truncate(img.raw.len() / 2);
    assert_eq!(judge(&img, FIX_TEXT), Ok(false));
    assert!(matches!(
        judge(&img, FIX_BLANK),
        Err(Undecided::Malformed(_))
    ));
    // /Columns that is not the width.
    let mut p = Dict::new();
    p.insert(b"K".to_vec(), int(-1));
    let img = fixture_image(
        "page-g4.ccitt",
        vec![
            ("Filter", name("CCITTFaxDecode")),
            ("DecodeParms", Object::Dict(p)),
            ("ColorSpace", name("DeviceGray")),
        ],
    );
    assert!(matches!(
        judge(&img, FIX_BLANK),
        Err(Undecided::Malformed(_))
    ));
    // The wrong coding for the data: an error (or an answer), never a panic;
    // and all prefixes and corruptions of every fixture.
    for f in [
        "page-g4.ccitt",
        "page-g3-1d.ccitt",
        "page-g3-2d.ccitt",
        "page-g3-2d-aligned.ccitt",
    ] {
        let data = fixture(f);
        for k in [-1, 0, 3] {
            for align in [false, true] {
                let parms = || {
                    vec![
                        ("K", int(k)),
                        ("EncodedByteAlign", Object::Bool(align)),
                        ("EndOfBlock", Object::Bool(!align)),
                    ]
                };
                for cut in (0..data.len()).step_by(61) {
                    let mut img = ccitt(f, parms(), gray());
                    img.raw = data[..cut].to_vec();
                    let _ = judge(&img, FIX_BLANK);
                }
                for i in (0..data.len()).step_by(37) {
                    let mut img = ccitt(f, parms(), gray());
                    img.raw[i] ^= 0xA5;
                    let _ = judge(&img, FIX_BLANK);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Regions, limits, errors.

#[test]
fn regions_are_clamped_and_empty_is_blank() {
    let img = gray_image(vec![], gray8(245, 30));
    assert_eq!(judge(&img, region(-5.0, 0.5, 0.5, 7.0)), Ok(false));
    assert_eq!(judge(&img, region(0.3, 0.3, 0.3, 0.9)), Ok(true));
    assert_eq!(judge(&img, region(0.5, 0.9, 0.1, 0.2)), Ok(true));
    assert_eq!(judge(&img, region(1.5, 0.0, 2.0, 1.0)), Ok(true));
    assert!(matches!(
        judge(&img, region(f64::NAN, 0.0, 1.0, 1.0)),
        Err(Undecided::Malformed(_))
    ));
    // An empty region needs no decoding at all.
    let junk = image(5, 5, vec![("Filter", name("JBIG2Decode"))], vec![]);
    assert_eq!(judge(&junk, region(0.2, 0.2, 0.2, 0.2)), Ok(true));
}

#[test]
fn limits_refuse_before_decoding() {
    // 100000 × 100000 declared, a few bytes of data.
    let huge = image(
        100_000,
        100_000,
        vec![
            ("ColorSpace", name("DeviceRGB")),
            ("BitsPerComponent", int(8)),
        ],
        vec![0; 16],
    );
    assert_eq!(
        judge(&huge, TOP_LEFT),
        Err(Undecided::Limit("image.limit.pixels"))
    );
    let huge = image(
        i64::MAX as u64,
        i64::MAX as u64,
        vec![
            ("ColorSpace", name("DeviceGray")),
            ("BitsPerComponent", int(8)),
        ],
        vec![],
    );
    assert!(matches!(judge(&huge, TOP_LEFT), Err(Undecided::Limit(_))));
    // Byte limit.
    let small = ImageLimits {
        max_pixels: 1 << 30,
        max_decoded_bytes: 1000,
    };
    let img = gray_image(vec![], gray8(245, 30));
    assert_eq!(
        judge_with(&img, TOP_LEFT, &small),
        Err(Undecided::Limit("image.limit.decoded_bytes"))
    );
    let img = fixture_image(
        "page-gray.jpg",
        vec![
            ("Filter", name("DCTDecode")),
            ("ColorSpace", name("DeviceGray")),
        ],
    );
    assert_eq!(
        judge_with(&img, FIX_BLANK, &small),
        Err(Undecided::Limit("image.limit.decoded_bytes"))
    );
    let few = ImageLimits {
        max_pixels: 1000,
        max_decoded_bytes: 1 << 20,
    };
    assert_eq!(
        judge_with(&img, FIX_BLANK, &few),
        Err(Undecided::Limit("image.limit.pixels"))
    );
    // A Flate bomb is stopped by kyso-pdf's own limits (here 1 MiB).
    let bomb = flate(&vec![0u8; 20 << 20]);
    let img = image(
        10,
        10,
        vec![
            ("ColorSpace", name("DeviceGray")),
            ("BitsPerComponent", int(8)),
            ("Filter", name("FlateDecode")),
        ],
        bomb,
    );
    let bytes = pdf();
    let doc = Document::parse(
        &bytes,
        &Limits {
            max_decoded_len: 1 << 20,
            ..Limits::default()
        },
    )
    .unwrap();
    let got = region_is_blank(&doc, &img, TOP_LEFT, &ImageLimits::default());
    assert_eq!(got, Err(Undecided::Limit("pdf.limit.decoded_len")));
    // With the document's defaults, our own byte limit stops it.
    let got = judge_with(
        &img,
        TOP_LEFT,
        &ImageLimits {
            max_decoded_bytes: 1 << 20,
            ..ImageLimits::default()
        },
    );
    assert_eq!(got, Err(Undecided::Limit("image.limit.decoded_bytes")));
}

#[test]
fn malformed_and_unsupported() {
    let gray = |extra: Vec<(&str, Object)>, raw: Vec<u8>| gray_image(extra, raw);
    // Data that ends before the region: the top is fine, the bottom is not.
    let mut raw = gray8(245, 30);
    raw.truncate(W * H / 2);
    let img = gray(vec![], raw);
    assert_eq!(judge(&img, TOP_LEFT), Ok(false));
    assert!(matches!(
        judge(&img, BOTTOM_RIGHT),
        Err(Undecided::Malformed(_))
    ));
    // Corrupt Flate.
    let img = gray(
        vec![("Filter", name("FlateDecode"))],
        b"not zlib at all".to_vec(),
    );
    assert!(judge(&img, TOP_LEFT).is_err());
    // Bad dictionaries.
    for (k, v) in [
        ("BitsPerComponent", int(3)),
        ("BitsPerComponent", name("eight")),
        ("Width", int(0)),
        ("Width", int(-4)),
        ("Height", name("tall")),
        ("ColorSpace", int(7)),
        ("ColorSpace", Object::Array(vec![])),
        ("ColorSpace", Object::Array(vec![name("ICCBased"), int(3)])),
        (
            "ColorSpace",
            Object::Array(vec![
                name("Indexed"),
                name("DeviceRGB"),
                int(300),
                string(&[]),
            ]),
        ),
        (
            "ColorSpace",
            Object::Array(vec![
                name("Indexed"),
                Object::Array(vec![
                    name("Indexed"),
                    name("DeviceRGB"),
                    int(1),
                    string(&[]),
                ]),
                int(1),
                string(&[]),
            ]),
        ),
        (
            "Filter",
            Object::Array(vec![name("DCTDecode"), name("FlateDecode")]),
        ),
        ("Filter", int(1)),
        ("ImageMask", Object::Bool(true)),
    ] {
        let img = gray(vec![(k, v.clone())], gray8(245, 30));
        let got = judge(&img, TOP_LEFT);
        assert!(
            matches!(got, Err(Undecided::Malformed(_))),
            "{k} {v:?}: {got:?}"
        );
    }
    let mut d = gray(vec![], gray8(245, 30));
    d.dict.remove(b"ColorSpace".as_slice());
    assert!(matches!(judge(&d, TOP_LEFT), Err(Undecided::Malformed(_))));
    d.dict.remove(b"Width".as_slice());
    assert!(matches!(judge(&d, TOP_LEFT), Err(Undecided::Malformed(_))));

    for (k, v) in [
        ("Filter", name("JBIG2Decode")),
        ("Filter", name("JPXDecode")),
        ("Filter", name("SomethingDecode")),
        ("ColorSpace", name("Pattern")),
        (
            "ColorSpace",
            Object::Array(vec![name("Pattern"), name("DeviceRGB")]),
        ),
        ("ColorSpace", name("CS0")),
    ] {
        let img = gray(vec![(k, v.clone())], gray8(245, 30));
        let got = judge(&img, TOP_LEFT);
        assert!(
            matches!(got, Err(Undecided::Unsupported(_))),
            "{k} {v:?}: {got:?}"
        );
    }
}

#[test]
fn fuzz_smoke() {
    // The fuzz target's driver over pseudo-random inputs and the fixtures.
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for len in [0usize, 7, 8, 9, 16, 64, 300, 2000] {
        for _ in 0..64 {
            let data: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            kyso_pdf_content::image::fuzz_one(&data);
        }
    }
    for f in ["page-g4.ccitt", "page-gray.jpg", "page-g3-2d.ccitt"] {
        let body = fixture(f);
        for sel in 0..=255u8 {
            let mut data = vec![sel, 239, 63, sel / 7, 3, sel, sel.wrapping_mul(31), 17];
            data.extend_from_slice(&body[..body.len().min(1500)]);
            kyso_pdf_content::image::fuzz_one(&data);
        }
    }
}
