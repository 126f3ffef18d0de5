//! The OOXML rows of `$KYSO_SHARED/corpus/MANIFEST.tsv` (default
//! `<repo>/../shared`), and attacks built from one of them.

use kyso_package::{codes, verify_odf, verify_ooxml};
use kyso_report::verdict::finalize;
use kyso_report::{FileInfo, Format, Report, Severity, SubIndication};
use kyso_validation::ValidationOptions;
use std::io::{Cursor, Write};
use std::path::PathBuf;

fn corpus(name: &str) -> Option<Vec<u8>> {
    let base = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let p = base.join("corpus").join(name);
    if p.is_file() {
        Some(std::fs::read(p).expect("read corpus file"))
    } else {
        eprintln!("SKIPPED: {} is absent", p.display());
        None
    }
}

fn opts() -> ValidationOptions<'static> {
    ValidationOptions {
        extra_trust: &[],
        test_anchors: &[],
        now: None,
        validation_time: Default::default(),
    }
}

fn run(bytes: &[u8]) -> Report {
    let mut r = Report::new(
        FileInfo {
            name: None,
            size: bytes.len() as u64,
            sha256: String::new(),
        },
        Format::Ooxml,
    );
    verify_ooxml(bytes, &opts(), &mut r);
    finalize(&mut r);
    r
}

fn errors(r: &Report) -> Vec<String> {
    let v: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{}: {}", f.code, f.message_en))
        .collect();
    v
}

/// Error findings of the signatures (the POI test certificates are 1024-bit
/// RSA: `xml.dsig.key.weak` is expected there, and does not stop them being
/// intact and genuine).
fn signature_errors(r: &Report) -> Vec<String> {
    r.signatures
        .iter()
        .flat_map(|s| s.findings.iter())
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{}: {}", f.code, f.message_en))
        .collect()
}

fn has(r: &Report, code: &str) -> bool {
    r.findings.iter().any(|f| f.code == code)
}

const SIGNED: &[(&str, usize)] = &[
    ("poi__hello-world-signed.docx", 1),
    ("poi__hello-world-signed.xlsx", 1),
    ("poi__ms-office-2010-signed.docx", 1),
    ("poi__hello-world-signed-twice.docx", 2),
    ("poi__Office2010-SP1-XAdES-X-L.docx", 1),
];

#[test]
fn corpus_signed_rows_are_intact() {
    for (name, n) in SIGNED {
        let Some(b) = corpus(name) else { return };
        let r = run(&b);
        let other: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.code == codes::OTHER_UNSIGNED)
            .map(|f| f.message_en.clone())
            .collect();
        eprintln!(
            "{name}: {} signature(s) {:?}; signature errors {:?}; unsigned: {other:?}",
            r.signatures.len(),
            r.signatures
                .iter()
                .map(|s| (s.indication, s.sub_indication))
                .collect::<Vec<_>>(),
            signature_errors(&r)
        );
        assert_eq!(r.signatures.len(), *n, "{name}");
        for s in &r.signatures {
            assert!(
                s.intact && s.signature_valid,
                "{name}: {:?} {:?} {:#?}",
                s.indication,
                s.sub_indication,
                s.findings
            );
            assert!(s.signed_references.len() > 3, "{name}: parts referenced");
        }
        assert!(errors(&r).is_empty(), "{name}: {:#?}", errors(&r));
        assert!(has(&r, codes::COVERAGE_COMPLETE), "{name}");
    }
}

#[test]
fn corpus_unsigned_row() {
    let Some(b) = corpus("poi__hello-world-unsigned.docx") else {
        return;
    };
    let r = run(&b);
    assert!(r.signatures.is_empty());
    assert!(r.error.is_none());
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
    assert!(has(&r, codes::NO_SIGNATURE));
}

/// The entries of a ZIP archive, in order.
fn entries(b: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(Cursor::new(b)).expect("zip");
    let mut out = Vec::new();
    for i in 0..a.len() {
        let mut e = a.by_index(i).expect("entry");
        let mut d = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut d).expect("read");
        out.push((e.name().to_owned(), d));
    }
    out
}

fn build(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, d) in entries {
        w.start_file(n.as_str(), o).expect("start");
        w.write_all(d).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

#[test]
fn rebuilt_package_still_verifies() {
    let Some(b) = corpus("poi__hello-world-signed.docx") else {
        return;
    };
    let r = run(&build(&entries(&b)));
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
    assert!(r.signatures.iter().all(|s| s.intact && s.signature_valid));
}

#[test]
fn added_part_referenced_from_document_rels_is_an_error() {
    let Some(b) = corpus("poi__hello-world-signed.docx") else {
        return;
    };
    let mut e = entries(&b);
    for (n, d) in e.iter_mut() {
        if n == "word/_rels/document.xml.rels" {
            let s = String::from_utf8(d.clone()).expect("utf8");
            let s = s.replace(
                "</Relationships>",
                "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header9.xml\"/></Relationships>",
            );
            *d = s.into_bytes();
        }
    }
    e.push(("word/header9.xml".into(), b"<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p><w:r><w:t>PAID</w:t></w:r></w:p></w:hdr>".to_vec()));
    let r = run(&build(&e));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == codes::CONTENT_UNSIGNED)
        .expect("unsigned content");
    assert!(
        f.message_en.contains("word/header9.xml"),
        "{}",
        f.message_en
    );
    assert_eq!(f.severity, Severity::Error);
    assert!(!has(&r, codes::COVERAGE_COMPLETE));
    // The signature itself is intact (the relationship transform left the new relationship out).
    assert!(r.signatures.iter().all(|s| s.intact), "{:#?}", errors(&r));
}

#[test]
fn changed_signed_part_is_a_hash_failure() {
    let Some(b) = corpus("poi__hello-world-signed.docx") else {
        return;
    };
    let mut e = entries(&b);
    for (n, d) in e.iter_mut() {
        if n == "word/document.xml" {
            let s = String::from_utf8(d.clone()).expect("utf8");
            assert!(s.contains("Hello"));
            *d = s.replacen("Hello", "Hallo", 1).into_bytes();
        }
    }
    let r = run(&build(&e));
    assert!(r
        .signatures
        .iter()
        .all(|s| !s.intact && s.sub_indication == Some(SubIndication::HashFailure)));
}

#[test]
fn duplicate_entry_name_is_an_error() {
    let Some(b) = corpus("poi__hello-world-signed.docx") else {
        return;
    };
    let mut e = entries(&b);
    e.push((
        "word/documenX.xml".into(),
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"
            .to_vec(),
    ));
    let mut z = build(&e);
    let (from, to) = (b"word/documenX.xml", b"word/document.xml");
    let mut i = 0;
    while i + from.len() <= z.len() {
        if &z[i..i + from.len()] == from {
            z[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    let r = run(&z);
    assert!(has(&r, codes::DUPLICATE_NAME), "{:#?}", errors(&r));
    assert!(!r.signatures.iter().any(|s| s.signature_valid && s.intact) || !errors(&r).is_empty());
}

#[test]
fn zip_bomb_entry_is_an_error() {
    let Some(b) = corpus("poi__hello-world-signed.docx") else {
        return;
    };
    let mut e = entries(&b);
    e.push(("word/media/image9.bin".into(), vec![0u8; 4 << 20]));
    let r = run(&build(&e));
    assert!(has(&r, codes::ZIP_BOMB), "{:#?}", errors(&r));
    assert!(!errors(&r).is_empty());
}

#[test]
fn garbage_and_odf_without_signature() {
    let r = run(b"PK\x03\x04 not really");
    assert!(has(&r, codes::UNREADABLE));
    let z = build(&[
        (
            "mimetype".into(),
            b"application/vnd.oasis.opendocument.text".to_vec(),
        ),
        ("content.xml".into(), b"<x/>".to_vec()),
    ]);
    let mut r = Report::new(
        FileInfo {
            name: None,
            size: 0,
            sha256: String::new(),
        },
        Format::Odf,
    );
    verify_odf(&z, &opts(), &mut r);
    finalize(&mut r);
    assert!(has(&r, codes::NO_SIGNATURE));
    assert!(errors(&r).is_empty());
}

#[test]
fn fuzz_entry_does_not_panic() {
    kyso_package::fuzzing::package_one(b"");
    kyso_package::fuzzing::package_one(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
    if let Some(b) = corpus("poi__hello-world-signed.docx") {
        kyso_package::fuzzing::package_one(&b);
    }
}

#[test]
fn changed_content_type_of_a_signed_part_is_an_error() {
    let Some(b) = corpus("poi__hello-world-signed.docx") else {
        return;
    };
    let mut e = entries(&b);
    for (n, d) in e.iter_mut() {
        if n == "[Content_Types].xml" {
            let s = String::from_utf8(d.clone()).expect("utf8");
            let s = s.replace(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
                "application/vnd.ms-office.vbaProject",
            );
            *d = s.into_bytes();
        }
    }
    let r = run(&build(&e));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == codes::CONTENT_TYPE_MISMATCH)
        .expect("content type mismatch");
    assert!(f.message_en.contains("word/styles.xml"), "{}", f.message_en);
    assert!(!errors(&r).is_empty());
}

#[test]
fn path_trick_entry_is_an_error() {
    let Some(b) = corpus("poi__hello-world-signed.docx") else {
        return;
    };
    let mut e = entries(&b);
    e.push(("word/media/aaaaaaaa.png".into(), b"x".to_vec()));
    let mut z = build(&e);
    let (from, to) = (b"word/media/aaaaaaaa.png", b"../../../../../evil.png");
    let mut i = 0;
    while i + from.len() <= z.len() {
        if &z[i..i + from.len()] == from {
            z[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    let r = run(&z);
    assert!(has(&r, codes::PATH_TRICK), "{:#?}", errors(&r));
}

/// An ODF package whose document signature references `content.xml` only
/// (with its true digest; the signature value itself is not genuine): the
/// reference resolves to the file, and every other file is reported unsigned.
#[test]
fn odf_coverage_names_unsigned_files() {
    use base64ct::{Base64, Encoding};
    use sha2::Digest;
    let content = b"<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>".to_vec();
    let digest = Base64::encode_string(&sha2::Sha256::digest(&content));
    let sig = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<document-signatures xmlns="urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0"><Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="s1"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI="content.xml"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>{digest}</DigestValue></Reference></SignedInfo><SignatureValue>AAAA</SignatureValue></Signature></document-signatures>"#
    );
    let z = build(&[
        (
            "mimetype".into(),
            b"application/vnd.oasis.opendocument.text".to_vec(),
        ),
        ("content.xml".into(), content),
        ("styles.xml".into(), b"<x/>".to_vec()),
        ("META-INF/manifest.xml".into(), b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/></manifest:manifest>".to_vec()),
        ("META-INF/documentsignatures.xml".into(), sig.into_bytes()),
    ]);
    let mut r = Report::new(
        FileInfo {
            name: None,
            size: z.len() as u64,
            sha256: String::new(),
        },
        Format::Odf,
    );
    verify_odf(&z, &opts(), &mut r);
    finalize(&mut r);
    assert_eq!(r.signatures.len(), 1);
    let refs = &r.signatures[0].signed_references;
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].digest_ok, Some(true));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == codes::CONTENT_UNSIGNED)
        .expect("unsigned files");
    for n in ["styles.xml", "META-INF/manifest.xml", "mimetype"] {
        assert!(f.message_en.contains(n), "{n}: {}", f.message_en);
    }
    assert!(!f.message_en.contains("content.xml,"), "{}", f.message_en);
}

#[test]
fn unsigned_external_relationship_is_an_error() {
    let Some(b) = corpus("poi__hello-world-signed.docx") else {
        return;
    };
    let mut e = entries(&b);
    for (n, d) in e.iter_mut() {
        if n == "word/_rels/document.xml.rels" {
            let s = String::from_utf8(d.clone()).expect("utf8");
            *d = s
                .replace(
                    "</Relationships>",
                    "<Relationship Id=\"rId98\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://evil.example/\" TargetMode=\"External\"/></Relationships>",
                )
                .into_bytes();
        }
    }
    let r = run(&build(&e));
    assert!(r.signatures.iter().all(|s| s.intact));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == codes::CONTENT_UNSIGNED)
        .expect("unsigned relationship");
    assert!(
        f.message_en.contains("word/_rels/document.xml.rels#rId98"),
        "{}",
        f.message_en
    );
}

/// Every file but `mimetype` referenced, and `mimetype` equal to the signed
/// manifest's root media type: coverage is complete; a `mimetype` that says
/// something else is unsigned content.
#[test]
fn odf_mimetype_is_covered_through_the_signed_manifest() {
    use base64ct::{Base64, Encoding};
    use sha2::Digest;
    let files: Vec<(String, Vec<u8>)> = vec![
        ("content.xml".into(), b"<c/>".to_vec()),
        ("META-INF/manifest.xml".into(), b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/></manifest:manifest>".to_vec()),
    ];
    let refs: String = files
        .iter()
        .map(|(n, d)| {
            format!(
                r#"<Reference URI="{n}"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>{}</DigestValue></Reference>"#,
                Base64::encode_string(&sha2::Sha256::digest(d))
            )
        })
        .collect();
    let sig = format!(
        r#"<document-signatures xmlns="urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0"><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>{refs}</SignedInfo><SignatureValue>AAAA</SignatureValue></Signature></document-signatures>"#
    );
    for (mimetype, complete) in [
        (&b"application/vnd.oasis.opendocument.text"[..], true),
        (
            &b"application/vnd.oasis.opendocument.spreadsheet"[..],
            false,
        ),
    ] {
        let mut all = vec![("mimetype".to_string(), mimetype.to_vec())];
        all.extend(files.iter().cloned());
        all.push((
            "META-INF/documentsignatures.xml".into(),
            sig.clone().into_bytes(),
        ));
        let z = build(&all);
        let mut r = Report::new(
            FileInfo {
                name: None,
                size: z.len() as u64,
                sha256: String::new(),
            },
            Format::Odf,
        );
        verify_odf(&z, &opts(), &mut r);
        assert_eq!(has(&r, codes::COVERAGE_COMPLETE), complete);
        assert_eq!(has(&r, codes::CONTENT_UNSIGNED), !complete);
    }
}
