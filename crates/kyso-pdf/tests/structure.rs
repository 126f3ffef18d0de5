//! Revision structure on edited copies of a pyHanko-signed file: sloppiness
//! that is tolerated (and reported), and structures that are refused.

use kyso_pdf::byte_range::check_all;
use kyso_pdf::{Document, Limits, PdfError};

fn signed() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/signed.pdf"
    ))
    .unwrap()
}

fn codes(doc: &Document) -> Vec<String> {
    doc.warnings().iter().map(|w| w.code.clone()).collect()
}

/// The value after the last `startxref`, and where its digits are.
fn last_startxref(b: &[u8]) -> (usize, std::ops::Range<usize>) {
    let at = b.windows(9).rposition(|w| w == b"startxref").unwrap() + 9;
    let start = at + b[at..].iter().position(|c| c.is_ascii_digit()).unwrap();
    let end = start + b[start..].iter().position(|c| !c.is_ascii_digit()).unwrap();
    (
        std::str::from_utf8(&b[start..end])
            .unwrap()
            .parse()
            .unwrap(),
        start..end,
    )
}

fn set_digits(b: &mut [u8], r: std::ops::Range<usize>, v: usize) {
    let s = format!("{v:0width$}", width = r.len());
    assert_eq!(s.len(), r.len());
    b[r].copy_from_slice(s.as_bytes());
}

/// Append an incremental update defining `objects` (numbered from `first`).
fn append_update(base: &[u8], first: u32, objects: &[&str], root: &str) -> Vec<u8> {
    append_update_shifted(base, first, objects, root, &|_| 0)
}

/// The same, with each recorded offset moved by `shift(i)` bytes.
fn append_update_shifted(
    base: &[u8],
    first: u32,
    objects: &[&str],
    root: &str,
    shift: &dyn Fn(usize) -> isize,
) -> Vec<u8> {
    let mut out = base.to_vec();
    let (prev, _) = last_startxref(base);
    let mut offs = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offs.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", first + i as u32).as_bytes());
    }
    let x = out.len();
    out.extend_from_slice(format!("xref\n{first} {}\n", objects.len()).as_bytes());
    for (i, o) in offs.into_iter().enumerate() {
        let o = o.checked_add_signed(shift(i)).unwrap();
        out.extend_from_slice(format!("{o:010} 00000 n\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<</Size {}/Root {root}/Prev {prev}>>\nstartxref\n{x}\n%%EOF\n",
            first as usize + objects.len()
        )
        .as_bytes(),
    );
    out
}

#[test]
fn startxref_off_by_a_few_bytes_is_found_and_reported() {
    let mut b = signed();
    let (v, r) = last_startxref(&b);
    set_digits(&mut b, r, v - 3);
    let doc = Document::parse(&b, &Limits::default()).unwrap();
    assert_eq!(doc.revisions().len(), 2);
    assert_eq!(doc.revisions()[1].startxref, v);
    assert!(codes(&doc).contains(&"pdf.xref.offset_adjusted".to_owned()));
}

#[test]
fn startxref_far_off_is_an_error() {
    let mut b = signed();
    let (v, r) = last_startxref(&b);
    set_digits(&mut b, r, v - 500);
    let e = Document::parse(&b, &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "pdf.bad_xref");
}

#[test]
fn no_startxref_and_no_header() {
    let b = signed();
    let cut = b.windows(9).rposition(|w| w == b"startxref").unwrap();
    // Remove every startxref: nothing leads to an xref section.
    let s = String::from_utf8_lossy(&b).replace("startxref", "startxxxx");
    let e = Document::parse(s.as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(e, PdfError::NoStartxref);
    // Truncated inside the last update: the earlier revision is still read,
    // and the incomplete update is reported as bytes belonging to no revision.
    let t = Document::parse(&b[..cut], &Limits::default()).unwrap();
    assert_eq!(t.revisions().len(), 1);
    assert!(
        codes(&t).contains(&"pdf.trailing_bytes".to_owned()),
        "{:?}",
        codes(&t)
    );
    assert_eq!(
        Document::parse(b"hello", &Limits::default()).unwrap_err(),
        PdfError::NoHeader
    );
    assert_eq!(
        Document::parse(b"", &Limits::default()).unwrap_err(),
        PdfError::NoHeader
    );
}

#[test]
fn entry_offsets_off_by_a_little_are_corrected_and_reported() {
    let b = signed();
    // Insert two spaces before object 1 of revision 0: every later offset of
    // revision 0 is then 2 bytes short; the signature breaks, the parse does not.
    let at = b.windows(7).position(|w| w == b"1 0 obj").unwrap();
    let mut m = b[..at].to_vec();
    m.extend_from_slice(b"  ");
    m.extend_from_slice(&b[at..]);
    // Fix both startxref values so only entry offsets drift.
    let doc = Document::parse(&m, &Limits::default());
    // The last startxref now points 2 bytes early: tolerated and reported.
    let doc = doc.unwrap();
    let c = codes(&doc);
    assert!(
        c.contains(&"pdf.xref.entry_offset_adjusted".to_owned()),
        "{c:?}"
    );
    assert_eq!(doc.pages(0).unwrap().len(), 2);
}

/// The value after the first `startxref` (the original revision's xref section).
fn first_startxref(b: &[u8]) -> usize {
    let at = b.windows(9).position(|w| w == b"startxref").unwrap() + 9;
    let s = std::str::from_utf8(&b[at..at + 24]).unwrap();
    s.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn a_prev_loop_refuses_the_file() {
    let b = signed();
    // An update whose /Prev points to itself: the revisions before it (the
    // signed one) would silently vanish if the loop were merely cut.
    let mut u = b.clone();
    let x = u.len();
    u.extend_from_slice(
        format!("xref\n0 0\ntrailer\n<</Size 1/Root 1 0 R/Prev {x}>>\nstartxref\n{x}\n%%EOF\n")
            .as_bytes(),
    );
    let e = Document::parse(&u, &Limits::default()).unwrap_err();
    assert_eq!(e, PdfError::PrevLoop { offset: x });
    assert_eq!(e.code(), "pdf.xref.prev_loop");
    assert_eq!(e.to_finding().severity, kyso_report::Severity::Error);
    assert!(e.to_finding().message_vi.contains("quay vòng"));

    // Two updates naming each other, the loop closed after both were read.
    let u1 = append_update(&b, 80, &["(one)"], "1 0 R");
    let (x1, _) = last_startxref(&u1);
    let mut u2 = u1.clone();
    let x2 = u2.len();
    u2.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 81/Root 1 0 R/Prev {x1}>>\nstartxref\n{x2}\n%%EOF\n"
        )
        .as_bytes(),
    );
    // Point the first update's /Prev (same width) at the second.
    let prev = format!("/Prev {}", last_startxref(&b).0);
    let at = u2
        .windows(prev.len())
        .rposition(|w| w == prev.as_bytes())
        .unwrap();
    let patched = format!("/Prev {x2:0width$}", width = prev.len() - 6);
    u2[at..at + patched.len()].copy_from_slice(patched.as_bytes());
    let e = Document::parse(&u2, &Limits::default()).unwrap_err();
    assert_eq!(e, PdfError::PrevLoop { offset: x1 });
    // Without the loop the same file reads.
    assert_eq!(
        Document::parse(&u1, &Limits::default())
            .unwrap()
            .revisions()
            .len(),
        3
    );
}

#[test]
fn a_signed_revision_skipped_by_prev_is_found_in_the_bytes() {
    let b = signed();
    let doc = Document::parse(&b, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1);
    // A well-formed file: nothing unreached.
    assert!(doc.unreached_signatures(&sigs).is_empty());
    let signed_rev = doc.revisions()[1].clone();

    // An update whose /Prev names the original revision's section, skipping the signed one.
    let x0 = first_startxref(&b);
    let mut u = b.clone();
    let o = u.len();
    u.extend_from_slice(b"90 0 obj\n(changed)\nendobj\n");
    let x = u.len();
    u.extend_from_slice(
        format!("xref\n90 1\n{o:010} 00000 n \ntrailer\n<</Size 91/Root 1 0 R/Prev {x0}>>\nstartxref\n{x}\n%%EOF\n")
            .as_bytes(),
    );
    let doc = Document::parse(&u, &Limits::default()).unwrap();
    assert_eq!(
        doc.revisions().len(),
        2,
        "the chain: original, then the update"
    );
    let sigs = doc.signatures();
    assert!(sigs.is_empty(), "the chain does not reach the signature");
    let hidden = doc.unreached_signatures(&sigs);
    assert_eq!(hidden.len(), 1);
    let h = &hidden[0];
    assert_eq!(h.hidden_xref, Some(signed_rev.startxref));
    assert_eq!(h.sig.sub_filter.as_deref(), Some("adbe.pkcs7.detached"));
    assert_eq!(h.sig.obj.map(|r| r.num), sigs_obj(&b));
    assert!(h.sig.contents.as_ref().is_some_and(|c| c.len() > 100));
    let checks = kyso_pdf::byte_range::check_unreached(&doc, &hidden);
    assert!(checks[0].ok, "{:?}", checks[0].findings);
    assert_eq!(checks[0].coverage, kyso_report::Coverage::EntireRevision);
    assert_eq!(checks[0].revision, None);
    assert_eq!(checks[0].signed_end, Some(signed_rev.end as u64));

    // The same update appended the standard way (/Prev = the signed revision): reached.
    let v = append_update(&b, 90, &["(changed)"], "1 0 R");
    let doc = Document::parse(&v, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1);
    assert!(doc.unreached_signatures(&sigs).is_empty());
}

/// The object number of the signature dictionary in the original signed file.
fn sigs_obj(b: &[u8]) -> Option<u32> {
    let doc = Document::parse(b, &Limits::default()).unwrap();
    doc.signatures()[0].obj.map(|r| r.num)
}

#[test]
fn stray_byte_ranges_that_are_not_signatures_are_ignored() {
    let b = signed();
    // Byte ranges that do not describe a signature of this file: not from 0,
    // beyond the end, a gap that is not a hex string.
    let u = append_update(
        &b,
        95,
        &[
            "(/ByteRange [5 10 20 30])",
            "(/ByteRange [0 10 20 99999999])",
            "(/ByteRange [0 1 3 4])",
        ],
        "1 0 R",
    );
    let doc = Document::parse(&u, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    assert!(doc.unreached_signatures(&sigs).is_empty());

    // A self-consistent range whose /Contents was reserved but never filled
    // (all zeros), in bytes no xref reaches: a placeholder, not a signature.
    let mut v = b.clone();
    let body = "99 0 obj\n<</Type/Sig/ByteRange[0 BBBBBBBBBB CCCCCCCCCC DDDDDDDDDD]/Contents<00000000>>>\nendobj\n";
    let at = v.len();
    v.extend_from_slice(body.as_bytes());
    let gap = at + body.find("<0000").unwrap();
    let (bb, cc) = (gap, gap + 10);
    let s = String::from_utf8(v[at..].to_vec()).unwrap();
    let s = s
        .replace("BBBBBBBBBB", &format!("{bb:010}"))
        .replace("CCCCCCCCCC", &format!("{cc:010}"))
        .replace("DDDDDDDDDD", &format!("{:010}", v.len() - cc));
    v.truncate(at);
    v.extend_from_slice(s.as_bytes());
    let doc = Document::parse(&v, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    assert!(doc.unreached_signatures(&sigs).is_empty());
    // The same with a value: found (with no hidden revision: it ends nowhere special).
    let mut w = v.clone();
    let z = w.windows(10).rposition(|x| x == b"<00000000>").unwrap();
    w[z..z + 10].copy_from_slice(b"<3082abcd>");
    let doc = Document::parse(&w, &Limits::default()).unwrap();
    let hidden = doc.unreached_signatures(&doc.signatures());
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0].hidden_xref, None);
    assert_eq!(hidden[0].sig.obj.map(|r| r.num), Some(99));
    assert_eq!(
        hidden[0].sig.contents.as_deref(),
        Some(&[0x30, 0x82, 0xab, 0xcd][..])
    );
}

#[test]
fn revision_budget() {
    let mut b = signed();
    for _ in 0..5 {
        b = append_update(&b, 100, &["(x)"], "1 0 R");
    }
    let limits = Limits {
        max_revisions: 4,
        ..Limits::default()
    };
    assert_eq!(
        Document::parse(&b, &limits).unwrap_err().code(),
        "pdf.limit.revisions"
    );
    assert_eq!(
        Document::parse(&b, &Limits::default())
            .unwrap()
            .revisions()
            .len(),
        7
    );
}

#[test]
fn signature_outside_the_form_is_found() {
    let b = signed();
    // A signature dictionary added later that no field points to.
    let u = append_update(&b, 50, &["<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange[0 10 20 30]/Contents<3000>/Reason(hidden)>>"], "1 0 R");
    let doc = Document::parse(&u, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 2);
    let hidden = sigs.iter().find(|s| !s.in_acroform).unwrap();
    assert_eq!(hidden.first_revision, 2);
    assert_eq!(hidden.field_name, None);
    assert_eq!(hidden.reason.as_deref(), Some("hidden"));
    assert_eq!(hidden.contents.as_deref(), Some(&[0x30, 0x00][..]));
    let checks = check_all(&doc, &sigs);
    let i = sigs.iter().position(|s| !s.in_acroform).unwrap();
    assert!(!checks[i].ok);
    assert!(checks[i]
        .findings
        .iter()
        .any(|f| f.code == "pdf.byte_range.gap_not_contents"));
    // The form signature now covers an entire revision, followed by the update.
    let j = 1 - i;
    assert!(checks[j].ok);
    assert_eq!(checks[j].coverage, kyso_report::Coverage::EntireRevision);
}

#[test]
fn redefined_signature_dictionary_keeps_the_signed_definition() {
    let b = signed();
    let doc = Document::parse(&b, &Limits::default()).unwrap();
    let sig = doc.signatures().remove(0);
    let r = sig.obj.unwrap();
    // Rewrite the signature dictionary in an update with another /Reason
    // (DSS "replaced reason" spoofing): same /ByteRange and /Contents.
    let mut d = String::from("<<");
    let raw = String::from_utf8_lossy(
        &b[sig.contents_span.unwrap().start..sig.contents_span.unwrap().end],
    )
    .into_owned();
    let br: Vec<String> = sig
        .byte_range
        .as_ref()
        .unwrap()
        .iter()
        .map(|o| o.as_int().unwrap().to_string())
        .collect();
    d += &format!("/Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7.detached/ByteRange[{}]/Contents{raw}/Reason(spoofed)>>", br.join(" "));
    let u = append_update(&b, r.num, &[&d], "1 0 R");
    let doc = Document::parse(&u, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1, "same signature, two definitions");
    assert_eq!(sigs[0].first_revision, 1);
    assert_ne!(
        sigs[0].reason.as_deref(),
        Some("spoofed"),
        "the signed definition is reported"
    );
    assert!(check_all(&doc, &sigs)[0].ok);
    // The newest revision shows the spoofed reason: change analysis compares the two.
    let newest = doc.object(2, r).unwrap().unwrap();
    assert_eq!(
        newest
            .as_dict()
            .unwrap()
            .get(b"Reason".as_slice())
            .unwrap()
            .as_string()
            .unwrap()
            .bytes,
        b"spoofed"
    );
}

#[test]
fn duplicate_keys_are_reported_and_the_first_wins() {
    let b = signed();
    let u = append_update(
        &b,
        60,
        &["<</Type/Sig/ByteRange[0 1 2 3]/ByteRange[0 10 20 30]/Contents<30>>>"],
        "1 0 R",
    );
    let doc = Document::parse(&u, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    let s = sigs
        .iter()
        .find(|s| s.obj.map(|o| o.num) == Some(60))
        .unwrap();
    let br: Vec<i64> = s
        .byte_range
        .as_ref()
        .unwrap()
        .iter()
        .map(|o| o.as_int().unwrap())
        .collect();
    assert_eq!(br, [0, 1, 2, 3]);
    assert!(doc
        .late_warnings()
        .iter()
        .any(|w| w.code == "pdf.object.duplicate_key"));
}

#[test]
fn a_uniformly_shifted_section_is_corrected_only_if_every_entry_lands() {
    let b = signed();
    let objs = [
        "(first object, long enough to move past)",
        "(second)",
        "(third)",
    ];
    // Every offset 1000 bytes too large (a writer using a wrong base): corrected.
    let u = append_update_shifted(&b, 70, &objs, "1 0 R", &|_| 1000);
    let doc = Document::parse(&u, &Limits::default()).unwrap();
    assert!(
        codes(&doc).contains(&"pdf.xref.section_shifted".to_owned()),
        "{:?}",
        codes(&doc)
    );
    let o = doc
        .object(2, kyso_pdf::ObjRef { num: 72, gen: 0 })
        .unwrap()
        .unwrap();
    assert_eq!(o.as_string().unwrap().bytes, b"third");
    // Different errors per entry: nothing is guessed, the entries dangle.
    let u = append_update_shifted(&b, 70, &objs, "1 0 R", &|i| 1000 + 7 * i as isize);
    let doc = Document::parse(&u, &Limits::default()).unwrap();
    assert!(!codes(&doc).contains(&"pdf.xref.section_shifted".to_owned()));
    assert!(codes(&doc).contains(&"pdf.xref.dangling".to_owned()));
    assert!(doc.object(2, kyso_pdf::ObjRef { num: 72, gen: 0 }).is_err());
}
