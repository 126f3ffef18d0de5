//! Every PDF of the shared corpus and the Vietnamese samples: parsing returns
//! a value (never panics), and the real decrees give the expected structure.

mod common;

use kyso_pdf::byte_range::{check_all, signed_slices};
use kyso_pdf::{Document, Limits, XrefKind};
use kyso_report::Coverage;
use sha2::{Digest, Sha256};

fn summary(name: &str, bytes: &[u8]) -> String {
    match Document::parse(bytes, &Limits::default()) {
        Err(e) => format!("{name}: ERROR {}", e.code()),
        Ok(doc) => {
            let sigs = doc.signatures();
            let checks = check_all(&doc, &sigs);
            let last = doc.revisions().len().saturating_sub(1);
            let pages = doc
                .pages(last)
                .map(|p| p.len().to_string())
                .unwrap_or_else(|e| e.code().to_owned());
            let mut s = format!(
                "{name}: v{} revs={} kinds={:?} pages={pages} enc={:?} warn={:?} sigs={}",
                doc.version().unwrap_or_default(),
                doc.revisions().len(),
                doc.revisions()
                    .iter()
                    .map(|r| r.xref_kind)
                    .collect::<Vec<_>>(),
                doc.encryption().map(|e| (&e.algorithm, e.opened)),
                doc.warnings()
                    .iter()
                    .map(|w| w.code.as_str())
                    .collect::<Vec<_>>(),
                sigs.len()
            );
            for (sig, c) in sigs.iter().zip(&checks) {
                s += &format!(
                    "\n   - {:?} {:?} rev{} form={} ts={} {:?} rev={:?} errs={:?}",
                    sig.field_name,
                    sig.sub_filter,
                    sig.first_revision,
                    sig.in_acroform,
                    sig.is_doc_timestamp,
                    c.coverage,
                    c.revision,
                    c.findings
                        .iter()
                        .filter(|f| f.severity >= kyso_report::Severity::Warning)
                        .map(|f| f.code.as_str())
                        .collect::<Vec<_>>()
                );
            }
            let _ = doc.metadata();
            let _ = doc.embedded_files();
            s
        }
    }
}

#[test]
fn every_shared_pdf_parses_to_a_value() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let files = common::pdfs(&shared, &["corpus", "vn/pdf"]);
    assert!(
        files.len() > 10,
        "expected the shared corpus, found {} PDFs",
        files.len()
    );
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let t = std::time::Instant::now();
        let s = summary(&name, &bytes);
        println!("{s}  [{} ms]", t.elapsed().as_millis());
    }
}

fn decree(shared: &std::path::Path, name: &str) -> Vec<u8> {
    std::fs::read(shared.join("vn/pdf").join(name)).unwrap()
}

fn check_single_signature(bytes: &[u8], revisions: usize) {
    let doc = Document::parse(bytes, &Limits::default()).unwrap();
    assert_eq!(doc.revisions().len(), revisions);
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1, "{sigs:#?}");
    let sig = &sigs[0];
    assert!(sig.in_acroform);
    let checks = check_all(&doc, &sigs);
    let c = &checks[0];
    assert!(c.ok, "{:#?}", c.findings);
    let [a, b, cc, _] = c.range.unwrap();
    let span = sig.contents_span.unwrap();
    assert_eq!((a + b, cc), (span.start as u64, span.end as u64));
    // The signed slices exclude exactly the /Contents token.
    let [s1, s2] = signed_slices(bytes, c.range.unwrap());
    assert_eq!(
        s1.len() + s2.len() + span.end - span.start,
        c.signed_end.unwrap() as usize
    );
    assert_eq!(bytes[span.start], b'<');
    assert_eq!(bytes[span.end - 1], b'>');
    assert!(
        sig.contents
            .as_ref()
            .is_some_and(|c| c.first() == Some(&0x30)),
        "CMS starts with a SEQUENCE"
    );
    assert_ne!(c.coverage, Coverage::Unclear);
    // The signed slices are what was signed: their SHA-256 is the CMS
    // messageDigest attribute (OCTET STRING 04 20 ‖ digest inside /Contents).
    let mut h = Sha256::new();
    h.update(s1);
    h.update(s2);
    let mut needle = vec![0x04, 0x20];
    needle.extend_from_slice(&h.finalize());
    assert!(
        sig.contents
            .as_ref()
            .unwrap()
            .windows(34)
            .any(|w| w == needle.as_slice()),
        "messageDigest not found"
    );
}

#[test]
fn decree_49_2026() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let bytes = decree(&shared, "49-2026-ND-CP.pdf");
    check_single_signature(&bytes, 2);
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let sig = &doc.signatures()[0];
    // vn/README.md: adbe.pkcs7.detached, a certification signature with DocMDP P=2.
    assert_eq!(sig.sub_filter.as_deref(), Some("adbe.pkcs7.detached"));
    let docmdp = sig
        .references
        .iter()
        .find(|r| r.transform_method.as_deref() == Some("DocMDP"));
    assert_eq!(docmdp.and_then(|r| r.p), Some(2), "{:#?}", sig.references);
    assert_eq!(doc.pages(1).unwrap().len(), 29);
    assert_eq!(doc.version().as_deref(), Some("1.7"));
}

#[test]
fn decree_199() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let bytes = decree(&shared, "199-ndcp.signed.pdf");
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    check_single_signature(&bytes, doc.revisions().len());
    let sig = &doc.signatures()[0];
    assert_eq!(sig.sub_filter.as_deref(), Some("adbe.pkcs7.detached"));
    assert_eq!(doc.pages(doc.revisions().len() - 1).unwrap().len(), 3);
}

/// (file, revisions, byte-range codes per signature, document warnings).
type Case = (
    &'static str,
    usize,
    &'static [&'static [&'static str]],
    &'static [&'static str],
);

/// Facts about individual corpus files, as the MANIFEST describes them.
/// Each entry: file, revisions, then per signature the byte-range codes
/// (warning or worse) Kyso must report.
#[test]
fn corpus_expectations() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let cases: &[Case] = &[
        // Real plugtest files: clean.
        ("dss__PAdES-LT.pdf", 8, &[&[], &[], &[], &[]], &[]),
        ("dss__Signature-P-BG_BOR-1.pdf", 3, &[&[]], &[]),
        ("dss__doc-firmado.pdf", 4, &[&[], &[]], &[]),
        // Broken /Prev chain that DSS still validates: read, and say so.
        (
            "dss__pades-5-signatures-and-1-document-timestamp.pdf",
            8,
            &[&[], &[], &[], &[], &[], &[]],
            &["pdf.xref.bad_prev"],
        ),
        // Damaged header inside the signed bytes: read, so the digest check fails visibly.
        ("dss__malformed-pades.pdf", 2, &[&[]], &["pdf.no_header"]),
        // ByteRange attacks and corruption.
        (
            "dss__siwa.pdf",
            2,
            &[&["pdf.byte_range.gap_not_contents"]],
            &[],
        ),
        (
            "dss__pdf-eof.pdf",
            2,
            &[&["pdf.byte_range.outside_file"]],
            &[],
        ),
        (
            "dss__pdf-signed-out-of-byteRange.pdf",
            2,
            &[&[
                "pdf.byte_range.outside_file",
                "pdf.byte_range.gap_not_contents",
            ]],
            &[],
        ),
        (
            "dss__pdf-byterange-overlap.pdf",
            3,
            &[
                &[],
                &[
                    "pdf.byte_range.gap_not_contents",
                    "pdf.byte_range.collision",
                ],
            ],
            &[],
        ),
        (
            "dss__hello_signed_INCSAVE_signed_EDITED.pdf",
            4,
            &[
                &[],
                &[
                    "pdf.byte_range.gap_not_contents",
                    "pdf.byte_range.collision",
                    "pdf.byte_range.revision_mismatch",
                ],
            ],
            &[],
        ),
        (
            "pyhanko__one-byterange.pdf",
            2,
            &[&["pdf.byte_range.malformed"]],
            &[],
        ),
        (
            "pyhanko__tail-uncovered.pdf",
            2,
            &[&["pdf.byte_range.partial"]],
            &[],
        ),
        (
            "pyhanko__weird-byterange.pdf",
            2,
            &[&["pdf.byte_range.gap_not_contents", "pdf.byte_range.partial"]],
            &[],
        ),
    ];
    for (file, revs, sig_codes, warn_codes) in cases {
        let bytes = std::fs::read(shared.join("corpus").join(file)).unwrap();
        let doc =
            Document::parse(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(doc.revisions().len(), *revs, "{file}");
        for w in *warn_codes {
            assert!(
                doc.warnings().iter().any(|f| f.code == *w),
                "{file}: missing warning {w}"
            );
        }
        let sigs = doc.signatures();
        let checks = check_all(&doc, &sigs);
        let got: Vec<Vec<&str>> = checks
            .iter()
            .map(|c| {
                c.findings
                    .iter()
                    .filter(|f| f.severity >= kyso_report::Severity::Warning)
                    .map(|f| f.code.as_str())
                    .collect()
            })
            .collect();
        let want: Vec<Vec<&str>> = sig_codes.iter().map(|c| c.to_vec()).collect();
        assert_eq!(got, want, "{file}");
    }
}

#[test]
fn hybrid_reference_files() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let bytes = std::fs::read(shared.join("corpus/dss__Signature-P-BG_BOR-1.pdf")).unwrap();
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let kinds: Vec<XrefKind> = doc.revisions().iter().map(|r| r.xref_kind).collect();
    assert_eq!(kinds, [XrefKind::Table, XrefKind::Hybrid, XrefKind::Table]);
    // Objects only the hidden xref stream knows (in object streams) resolve.
    let hidden = doc.revisions()[1]
        .entries
        .iter()
        .filter(|(_, e)| matches!(e, kyso_pdf::XrefEntry::InStream { .. }))
        .count();
    assert!(hidden > 0);
    assert_eq!(doc.pages(2).unwrap().len(), 1);
    let sigs = doc.signatures();
    assert!(check_all(&doc, &sigs)[0].ok);
}

#[test]
fn encrypted_signed_corpus_file() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let bytes = std::fs::read(shared.join("corpus/dss__encrypted.pdf")).unwrap();
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let enc = doc.encryption().unwrap();
    assert!(enc.opened);
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1);
    // /Contents is never decrypted: it is still a DER SEQUENCE.
    assert_eq!(sigs[0].contents.as_ref().unwrap()[0], 0x30);
    assert!(check_all(&doc, &sigs)[0].ok);
    // Other strings are decrypted: /M is a readable date.
    let m = sigs[0].m.as_deref().unwrap_or_default();
    assert!(kyso_pdf::parse_pdf_date(m).is_some(), "{m:?}");
}
