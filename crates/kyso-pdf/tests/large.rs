//! A 100 MB signed-looking PDF: structure parsing and signature location must
//! not touch (or copy) the big stream. Budget checked generously for debug
//! builds; natively in release it takes a few milliseconds.

use kyso_pdf::byte_range::check_all;
use kyso_pdf::{Document, Limits};
use std::time::{Duration, Instant};

/// Objects: 1 catalog, 2 pages, 3 page, 4 big image stream, 5 sig field, 6 sig dict.
fn build(big: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offs = Vec::new();
    let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
        offs.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", offs.len()).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    obj(
        &mut out,
        b"<</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[5 0 R]/SigFlags 3>>>>",
    );
    obj(&mut out, b"<</Type/Pages/Kids[3 0 R]/Count 1>>");
    obj(&mut out, b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]/Annots[5 0 R]/Resources<</XObject<</Im 4 0 R>>>>>>");
    let mut s = format!("<</Type/XObject/Subtype/Image/Width 1/Height 1/Length {big}>>\nstream\n")
        .into_bytes();
    s.resize(s.len() + big, b'x');
    s.extend_from_slice(b"\nendstream");
    obj(&mut out, &s);
    drop(s);
    obj(
        &mut out,
        b"<</FT/Sig/T(Sig1)/Type/Annot/Subtype/Widget/Rect[0 0 0 0]/P 3 0 R/V 6 0 R>>",
    );
    // Placeholder byte range, patched below once the /Contents position is known.
    let sig_at = out.len();
    obj(&mut out, format!("<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7.detached/ByteRange[0 0000000000 0000000000 0000000000]/Contents<{}>>>", "00".repeat(4096)).as_bytes());
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offs.len() + 1).as_bytes());
    for o in &offs {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            offs.len() + 1
        )
        .as_bytes(),
    );
    let c_start = sig_at
        + out[sig_at..]
            .windows(10)
            .position(|w| w == b"/Contents<")
            .unwrap()
        + 9;
    let c_end = c_start + 4096 * 2 + 2;
    let br = format!("[0 {c_start:010} {c_end:010} {:010}]", out.len() - c_end);
    let br_at = sig_at
        + out[sig_at..]
            .windows(11)
            .position(|w| w == b"/ByteRange[")
            .unwrap()
        + 10;
    out[br_at..br_at + br.len()].copy_from_slice(br.as_bytes());
    out
}

#[test]
fn hundred_megabytes_parse_fast() {
    let bytes = build(100 << 20);
    let t = Instant::now();
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    let checks = check_all(&doc, &sigs);
    let pages = doc.pages(0).unwrap();
    let took = t.elapsed();
    assert_eq!(pages.len(), 1);
    assert_eq!(sigs.len(), 1);
    assert!(checks[0].ok, "{:#?}", checks[0].findings);
    assert_eq!(checks[0].coverage, kyso_report::Coverage::EntireFile);
    eprintln!("100 MB: structure + signatures + byte ranges in {took:?}");
    // Release builds take a few ms; debug builds must still not scan or copy the stream.
    assert!(took < Duration::from_millis(500), "took {took:?}");
}

/// 5,000 streams with a wrong /Length and no `endstream` of their own, then
/// one `endstream` 4 MB later: locating each stream must not rescan (quadratic).
#[test]
fn wrong_stream_lengths_do_not_cost_quadratic_time() {
    let n = 5_000;
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offs = vec![out.len()];
    out.extend_from_slice(b"1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n");
    offs.push(out.len());
    out.extend_from_slice(b"2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n");
    for i in 3..n + 3 {
        offs.push(out.len());
        out.extend_from_slice(format!("{i} 0 obj <</Length 1>>stream\nabcdefgh\n").as_bytes());
    }
    out.resize(out.len() + (4 << 20), b' ');
    out.extend_from_slice(b"endstream endobj\n");
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offs.len() + 1).as_bytes());
    for o in &offs {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            offs.len() + 1
        )
        .as_bytes(),
    );
    let t = Instant::now();
    let doc = Document::parse(&out, &Limits::default()).unwrap();
    assert!(doc.signatures().is_empty());
    assert!(doc
        .late_warnings()
        .iter()
        .any(|w| w.code == "pdf.stream.length_mismatch"));
    let took = t.elapsed();
    eprintln!("{n} bad-length streams: {took:?}");
    // Unmemoised this is 5,000 scans of 4 MB (20 GB); memoised, well under a second.
    assert!(took < Duration::from_secs(5), "took {took:?}");
}
