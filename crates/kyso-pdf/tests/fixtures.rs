//! Behaviour on PDFs made by real tools (`scripts/gen-pdf-parser-fixtures.sh`):
//! qpdf-encrypted files (RC4-40/128, AES-128/256), xref and object streams,
//! linearization, and pyHanko signatures with incremental updates.

use kyso_pdf::byte_range::{check_all, signed_slices};
use kyso_pdf::{parse_pdf_date, Document, Limits, ObjRef, Object, XrefKind};
use kyso_report::{Coverage, Severity};

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

const TITLE: &str = "Nghị định thử nghiệm";

/// Title, author, pages and the decoded content stream of the base document.
fn assert_base_document(doc: &Document) {
    let last = doc.revisions().len() - 1;
    let m = doc.metadata();
    assert_eq!(m.title.as_deref(), Some(TITLE));
    assert_eq!(m.author.as_deref(), Some("Kyso (test)"));
    let pages = doc.pages(last).unwrap();
    assert_eq!(pages.len(), 2);
    let page = doc.object(last, pages[0]).unwrap().unwrap();
    let contents = page
        .as_dict()
        .unwrap()
        .get(b"Contents".as_slice())
        .unwrap()
        .clone();
    let Object::Stream(s) = doc.resolve(last, &contents).unwrap() else {
        panic!("contents is not a stream")
    };
    let text = doc.decode_stream(&s).unwrap();
    assert!(
        text.windows(14).any(|w| w == b"Kyso test page"),
        "{:?}",
        String::from_utf8_lossy(&text)
    );
}

#[test]
fn plain_document() {
    let bytes = data("plain.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    assert_eq!(doc.version().as_deref(), Some("1.7"));
    assert_eq!(doc.revisions().len(), 1);
    let r = &doc.revisions()[0];
    assert_eq!(
        (r.start, r.end, r.xref_kind),
        (0, bytes.len(), XrefKind::Table)
    );
    assert!(doc.encryption().is_none());
    assert!(doc.warnings().is_empty(), "{:?}", doc.warnings());
    assert_base_document(&doc);
    let created = doc.metadata().created.unwrap();
    assert_eq!(
        parse_pdf_date(&created).unwrap().to_rfc3339(),
        "2026-06-10T07:15:42Z"
    );
    assert!(doc.signatures().is_empty());
    assert!(doc.signature_fields(0).is_empty());
}

#[test]
fn encrypted_with_empty_user_password_opens() {
    for (file, alg) in [
        ("rc4-40.pdf", "RC4-40"),
        ("rc4-128.pdf", "RC4-128"),
        ("aes-128.pdf", "AES-128"),
        ("aes-256.pdf", "AES-256"),
    ] {
        let bytes = data(file);
        let doc = Document::parse(&bytes, &Limits::default()).unwrap();
        let enc = doc
            .encryption()
            .unwrap_or_else(|| panic!("{file}: not seen as encrypted"));
        assert_eq!(enc.algorithm, alg, "{file}");
        assert_eq!(enc.filter, "Standard");
        assert!(enc.opened, "{file} did not open with the empty password");
        assert_eq!(enc.info().algorithm, alg);
        assert_base_document(&doc);
    }
}

#[test]
fn encrypted_with_user_password_is_reported_not_read() {
    let bytes = data("aes-256-user-password.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let enc = doc.encryption().unwrap();
    assert!(!enc.opened);
    assert_eq!(enc.algorithm, "AES-256");
    assert!(doc
        .warnings()
        .iter()
        .any(|w| w.code == "pdf.encryption.needs_password"));
    // Strings cannot be read, and are not shown as garbage.
    assert_eq!(doc.metadata().title, None);
    // The structure (not encrypted) is still readable.
    assert_eq!(doc.pages(0).unwrap().len(), 2);
}

#[test]
fn xref_and_object_streams() {
    let bytes = data("objstm.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    assert_eq!(doc.revisions()[0].xref_kind, XrefKind::Stream);
    assert!(doc.revisions()[0]
        .entries
        .values()
        .any(|e| matches!(e, kyso_pdf::XrefEntry::InStream { .. })));
    assert_base_document(&doc);
}

#[test]
fn linearized_file_is_one_revision() {
    let bytes = data("linearized.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    assert_eq!(doc.revisions().len(), 1, "{:#?}", doc.revisions());
    assert_eq!(doc.revisions()[0].end, bytes.len());
    assert_base_document(&doc);
    // Signed after linearization: the update is revision 1, the linearized original revision 0.
    let signed = data("linearized-signed.pdf");
    let doc = Document::parse(&signed, &Limits::default()).unwrap();
    assert_eq!(doc.revisions().len(), 2);
    assert_eq!(doc.revisions()[0].end, bytes.len());
    let sigs = doc.signatures();
    let c = &check_all(&doc, &sigs)[0];
    assert!(c.ok, "{:#?}", c.findings);
    assert_eq!(c.coverage, Coverage::EntireFile);
}

#[test]
fn incremental_updates_have_exact_boundaries() {
    let plain = data("plain.pdf");
    let once = data("signed.pdf");
    let twice = data("signed-twice.pdf");
    assert!(once.starts_with(&plain) && twice.starts_with(&once));
    let doc = Document::parse(&twice, &Limits::default()).unwrap();
    let revs = doc.revisions();
    assert_eq!(revs.len(), 3);
    assert_eq!((revs[0].start, revs[0].end), (0, plain.len()));
    assert_eq!((revs[1].start, revs[1].end), (plain.len(), once.len()));
    assert_eq!((revs[2].start, revs[2].end), (once.len(), twice.len()));
    // Revision 0 has no AcroForm; revision 1 one signed field; revision 2 two.
    assert!(doc.signature_fields(0).is_empty());
    assert_eq!(doc.signature_fields(1).len(), 1);
    let f2 = doc.signature_fields(2);
    assert_eq!(
        f2.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["Sig1", "Sig2"]
    );
    assert!(f2
        .iter()
        .all(|f| f.value.is_some() && !f.widgets.is_empty()));

    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 2);
    assert_eq!(
        (sigs[0].field_name.as_deref(), sigs[0].first_revision),
        (Some("Sig1"), 1)
    );
    assert_eq!(
        (sigs[1].field_name.as_deref(), sigs[1].first_revision),
        (Some("Sig2"), 2)
    );
    // The second signature's dictionary does not exist in revision 1.
    let sig2 = sigs[1].obj.unwrap();
    assert!(doc.object(1, sig2).unwrap().is_none());
    assert!(doc.object(2, sig2).unwrap().is_some());

    let checks = check_all(&doc, &sigs);
    assert!(checks.iter().all(|c| c.ok), "{checks:#?}");
    assert_eq!(
        (checks[0].coverage, checks[0].revision),
        (Coverage::EntireRevision, Some(1))
    );
    assert_eq!(
        (checks[1].coverage, checks[1].revision),
        (Coverage::EntireFile, Some(2))
    );
    assert_eq!(checks[0].signed_end, Some(once.len() as u64));
    // The first signature signed exactly the bytes of signed.pdf minus its /Contents.
    let [a, b] = signed_slices(&twice, checks[0].range.unwrap());
    let span = sigs[0].contents_span.unwrap();
    assert_eq!(a, &once[..span.start]);
    assert_eq!(b, &once[span.end..]);
    // ... and pyHanko's CMS carries their SHA-256 as its messageDigest.
    for (sig, check) in sigs.iter().zip(&checks) {
        use sha2::{Digest, Sha256};
        let [x, y] = signed_slices(&twice, check.range.unwrap());
        let mut needle = vec![0x04, 0x20];
        needle.extend_from_slice(&Sha256::new().chain_update(x).chain_update(y).finalize());
        assert!(sig
            .contents
            .as_ref()
            .unwrap()
            .windows(34)
            .any(|w| w == needle.as_slice()));
    }
}

#[test]
fn signature_over_xref_streams() {
    let bytes = data("objstm-signed.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    assert_eq!(
        doc.revisions()
            .iter()
            .map(|r| r.xref_kind)
            .collect::<Vec<_>>(),
        [XrefKind::Stream, XrefKind::Stream]
    );
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1);
    let c = &check_all(&doc, &sigs)[0];
    assert!(c.ok && c.coverage == Coverage::EntireFile, "{c:#?}");
}

/// Rewrite `/ByteRange [...]` in place with the same length (spaces pad).
fn with_byte_range(bytes: &[u8], new: &str) -> Vec<u8> {
    let at = bytes.windows(11).position(|w| w == b"/ByteRange ").unwrap();
    let open = at + bytes[at..].iter().position(|&b| b == b'[').unwrap();
    let close = open + bytes[open..].iter().position(|&b| b == b']').unwrap();
    let mut s = new.as_bytes().to_vec();
    assert!(s.len() <= close + 1 - open, "new range too long");
    s.resize(close + 1 - open, b' ');
    let mut out = bytes.to_vec();
    out[open..=close].copy_from_slice(&s);
    out
}

fn codes(bytes: &[u8]) -> (Coverage, Vec<String>) {
    let doc = Document::parse(bytes, &Limits::default()).unwrap();
    let sigs = doc.signatures();
    let c = check_all(&doc, &sigs).remove(0);
    (
        c.coverage,
        c.findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| f.code.clone())
            .collect(),
    )
}

#[test]
fn byte_range_rules() {
    let bytes = data("signed.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let [a, b, c, d] = check_all(&doc, &doc.signatures())[0].range.unwrap();
    assert_eq!(codes(&bytes), (Coverage::EntireFile, vec![]));
    // Wrapping: the gap moved off the /Contents token.
    let (_, f) = codes(&with_byte_range(
        &bytes,
        &format!("[{a} {} {} {}]", b - 2, c, d),
    ));
    assert!(
        f.contains(&"pdf.byte_range.gap_not_contents".to_owned()),
        "{f:?}"
    );
    // Not from the start.
    let (_, f) = codes(&with_byte_range(&bytes, &format!("[1 {} {c} {d}]", b - 1)));
    assert!(
        f.contains(&"pdf.byte_range.not_from_start".to_owned()),
        "{f:?}"
    );
    // Beyond the end of the file.
    let (cov, f) = codes(&with_byte_range(
        &bytes,
        &format!("[{a} {b} {c} {}]", d + 10),
    ));
    assert_eq!(cov, Coverage::Unclear);
    assert!(
        f.contains(&"pdf.byte_range.outside_file".to_owned()),
        "{f:?}"
    );
    // Three numbers, negative numbers, reals.
    for bad in [
        format!("[{a} {b} {c}]"),
        format!("[{a} -1 {c} {d}]"),
        format!("[{a} {b} {c} 1.5]"),
    ] {
        let (cov, f) = codes(&with_byte_range(&bytes, &bad));
        assert_eq!(
            (cov, f),
            (
                Coverage::Unclear,
                vec!["pdf.byte_range.malformed".to_owned()]
            ),
            "{bad}"
        );
    }
    // Bytes appended after the signed revision, forming no revision.
    let mut tail = bytes.clone();
    tail.extend_from_slice(b"% appended\n1 0 obj (x) endobj\n");
    let (cov, f) = codes(&tail);
    assert_eq!(cov, Coverage::Partial);
    assert!(
        f.contains(&"pdf.byte_range.trailing_bytes".to_owned()),
        "{f:?}"
    );
    // Trailing white space only: still the entire file.
    let mut ws = bytes.clone();
    ws.extend_from_slice(b"\r\n\r\n");
    assert_eq!(codes(&ws), (Coverage::EntireFile, vec![]));
}

#[test]
fn object_numbers_are_per_revision() {
    let bytes = data("signed-twice.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    // The catalog is redefined in each update: the AcroForm appears in revision 1.
    assert!(!doc.catalog(0).unwrap().contains_key(b"AcroForm".as_slice()));
    assert!(doc.catalog(1).unwrap().contains_key(b"AcroForm".as_slice()));
    // A reference to a missing object is null, not an error.
    assert_eq!(
        doc.resolve(0, &Object::Ref(ObjRef { num: 9999, gen: 0 }))
            .unwrap(),
        Object::Null
    );
}

#[test]
fn embedded_files() {
    let bytes = data("attachment.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let files = doc.embedded_files();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].name, "notes.txt");
    assert_eq!(files[0].size, Some(17));
    assert_eq!(files[0].mime_type.as_deref(), Some("text/plain"));
    assert!(Document::parse(&data("plain.pdf"), &Limits::default())
        .unwrap()
        .embedded_files()
        .is_empty());
}

#[test]
fn signed_encrypted_documents() {
    // Opens with the empty password: strings decrypted, /Contents untouched.
    let bytes = data("rc4-128-signed.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    assert!(doc.encryption().unwrap().opened);
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1);
    assert_eq!(sigs[0].field_name.as_deref(), Some("Sig1"));
    assert_eq!(sigs[0].reason.as_deref(), Some("Đồng ý"));
    assert_eq!(sigs[0].contents.as_ref().unwrap()[0], 0x30);
    assert!(check_all(&doc, &sigs)[0].ok);
    assert_base_document(&doc);

    // Needs a password: the signature is still located and its byte range
    // checked; encrypted strings are not shown.
    let bytes = data("aes-256-user-password-signed.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    assert!(!doc.encryption().unwrap().opened);
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1);
    assert_eq!(sigs[0].field_name, None);
    assert_eq!(sigs[0].reason, None);
    assert_eq!(sigs[0].sub_filter.as_deref(), Some("adbe.pkcs7.detached"));
    assert_eq!(sigs[0].contents.as_ref().unwrap()[0], 0x30);
    let c = &check_all(&doc, &sigs)[0];
    assert!(c.ok && c.coverage == Coverage::EntireFile, "{c:#?}");
}
