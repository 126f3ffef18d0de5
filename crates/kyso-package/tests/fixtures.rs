//! The package fixtures of `tests/data` (made by `scripts/gen-package-fixtures.sh`:
//! documents made and signed by LibreOffice 7.4 — ODF document and macro
//! signatures, OOXML package signatures — and attacks derived from them)
//! through the whole profile, with the fixtures' test CA (`tests/data/ca.crt`)
//! as the only extra trust anchor: the verdict, the finding codes, and for
//! coverage attacks the parts named.

use kyso_package::{codes, verify_odf, verify_ooxml};
use kyso_report::verdict::finalize;
use kyso_report::{
    ChainStatus, FileInfo, Finding, Format, Indication, Report, Severity, SubIndication,
};
use kyso_validation::{ValidationOptions, ValidationTimeChoice};
use std::path::PathBuf;

/// `kyso_xmldsig::codes::REFERENCE_DIGEST_MISMATCH` (kyso-xmldsig is not a
/// dependency of this crate; the value is the report's public API).
const XML_REFERENCE_DIGEST_MISMATCH: &str = "xml.dsig.reference.digest_mismatch";
/// `kyso_xmldsig::codes::REFERENCE_DIGEST_OK`.
const XML_REFERENCE_DIGEST_OK: &str = "xml.dsig.reference.digest_ok";
/// `kyso_xmldsig::codes::TRANSFORM_FAILED`.
const XML_TRANSFORM_FAILED: &str = "xml.dsig.transform.failed";
/// `kyso_xmldsig::codes::XADES_SIGNING_CERT_MISMATCH`.
const XADES_SIGNING_CERT_MISMATCH: &str = "xades.signing_certificate.mismatch";

fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn is_odf(name: &str) -> bool {
    [".odt", ".ods", ".odp"].iter().any(|e| name.ends_with(e))
}

/// Verify a fixture with `anchors` as test anchors, as the pipeline does
/// (profile, then `finalize`).
fn verify_with(name: &str, anchors: &[Vec<u8>]) -> Report {
    let bytes = data(name);
    let opts = ValidationOptions {
        extra_trust: &[],
        test_anchors: anchors,
        now: None,
        validation_time: ValidationTimeChoice::Default,
    };
    let format = if is_odf(name) {
        Format::Odf
    } else {
        Format::Ooxml
    };
    let mut r = Report::new(
        FileInfo {
            name: Some(name.to_string()),
            size: bytes.len() as u64,
            sha256: String::new(),
        },
        format,
    );
    if is_odf(name) {
        verify_odf(&bytes, &opts, &mut r);
    } else {
        verify_ooxml(&bytes, &opts, &mut r);
    }
    finalize(&mut r);
    r
}

/// With the fixtures' CA trusted.
fn verify(name: &str) -> Report {
    verify_with(name, &[data("ca.crt")])
}

fn verdict(r: &Report) -> (Indication, Option<SubIndication>) {
    (r.verdict.indication, r.verdict.sub_indication)
}

fn all_findings(r: &Report) -> Vec<&Finding> {
    r.findings
        .iter()
        .chain(
            r.signatures
                .iter()
                .flat_map(|s| s.findings.iter().chain(&s.trust.findings)),
        )
        .collect()
}

fn dump(r: &Report) -> String {
    let mut s = format!("{:?}\n", verdict(r));
    for sig in &r.signatures {
        s.push_str(&format!(
            "signature: intact {} genuine {} trusted {} {:?} {:?}\n",
            sig.intact, sig.signature_valid, sig.trusted, sig.indication, sig.sub_indication
        ));
    }
    for f in all_findings(r) {
        s.push_str(&format!("{:?} {} {}\n", f.severity, f.code, f.message_en));
    }
    s
}

/// The package-level finding with `code` (exactly one).
fn finding<'r>(r: &'r Report, code: &str) -> &'r Finding {
    let v: Vec<_> = r.findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(v.len(), 1, "{code}:\n{}", dump(r));
    v[0]
}

fn has(r: &Report, code: &str) -> bool {
    all_findings(r).iter().any(|f| f.code == code)
}

/// The names a coverage finding lists (after the last colon, comma-separated).
fn named(f: &Finding) -> Vec<String> {
    let list = f.message_en.rsplit_once(": ").map_or("", |(_, l)| l);
    list.trim_end_matches('.')
        .split(", ")
        .map(str::to_string)
        .collect()
}

fn assert_names(f: &Finding, expected: &[&str]) {
    let mut got = named(f);
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want, "{}", f.message_en);
}

/// The signed reference whose URI names `part` (OOXML `/part?ContentType=…`, ODF `part`).
fn reference<'r>(r: &'r Report, part: &str) -> &'r kyso_report::SignedReference {
    r.signatures[0]
        .signed_references
        .iter()
        .find(|x| {
            x.uri.as_deref().is_some_and(|u| {
                u == part || u.split('?').next() == Some(format!("/{part}").as_str())
            })
        })
        .unwrap_or_else(|| panic!("no reference to {part}:\n{}", dump(r)))
}

const SIGNED: &[(&str, &[&str])] = &[
    ("lo-signed.odt", &["content.xml", "styles.xml", "mimetype"]),
    ("lo-signed.ods", &["content.xml", "styles.xml", "mimetype"]),
    ("lo-signed.odp", &["content.xml", "styles.xml", "mimetype"]),
    (
        "lo-signed.docx",
        &["word/document.xml", "word/media/image1.png", "_rels/.rels"],
    ),
    (
        "lo-signed.xlsx",
        &["xl/workbook.xml", "xl/worksheets/sheet1.xml", "_rels/.rels"],
    ),
    (
        "lo-signed.pptx",
        &[
            "ppt/presentation.xml",
            "ppt/slides/slide1.xml",
            "_rels/.rels",
        ],
    ),
];

/// Every document LibreOffice signed is valid with the fixtures' CA: one
/// signature, intact, genuine, its chain trusted to that CA, every content
/// part covered; and no error anywhere.
#[test]
fn libreoffice_signed_packages_are_valid() {
    for (name, parts) in SIGNED {
        let r = verify(name);
        let d = dump(&r);
        assert_eq!(verdict(&r), (Indication::TotalPassed, None), "{name}:\n{d}");
        assert_eq!(r.signatures.len(), 1, "{name}:\n{d}");
        let s = &r.signatures[0];
        assert!(s.intact && s.signature_valid && s.trusted, "{name}:\n{d}");
        assert_eq!(s.trust.status, ChainStatus::Trusted, "{name}:\n{d}");
        assert_eq!(
            s.trust.chain.last().and_then(|c| c.common_name.as_deref()),
            Some("Kyso Package Test CA"),
            "{name}:\n{d}"
        );
        assert_eq!(
            s.signer.as_ref().and_then(|c| c.common_name.as_deref()),
            Some("Kyso Package Test Signer")
        );
        for p in *parts {
            assert_eq!(reference(&r, p).digest_ok, Some(true), "{name} {p}:\n{d}");
        }
        assert_eq!(
            finding(&r, codes::COVERAGE_COMPLETE).severity,
            Severity::Passed
        );
        assert!(!has(&r, codes::CONTENT_UNSIGNED), "{name}:\n{d}");
        assert!(
            all_findings(&r)
                .iter()
                .all(|f| f.severity != Severity::Error),
            "{name}:\n{d}"
        );
        if !is_odf(name) {
            // Office and LibreOffice leave the document properties unsigned: listed, as information.
            let f = finding(&r, codes::OTHER_UNSIGNED);
            assert_eq!(f.severity, Severity::Info);
            let n = named(f);
            for p in [
                "docProps/core.xml",
                "docProps/app.xml",
                "[Content_Types].xml",
            ] {
                assert!(n.iter().any(|x| x == p), "{name}: {}", f.message_en);
            }
        }
    }
}

/// LibreOffice computes the OPC Relationship transform through xmlsec1 1.2.x,
/// whose output keeps each whitespace node as an empty `<text>` element:
/// those relationships parts verify (in that form, said in the finding).
#[test]
fn libreoffice_relationships_digests_verify() {
    for name in ["lo-signed.docx", "lo-signed.xlsx", "lo-signed.pptx"] {
        let r = verify(name);
        let rels = reference(&r, "_rels/.rels");
        assert_eq!(rels.digest_ok, Some(true), "{name}:\n{}", dump(&r));
        assert!(r.signatures[0]
            .findings
            .iter()
            .any(|f| f.code == XML_REFERENCE_DIGEST_OK
                && f.message_en.contains("/_rels/.rels")
                && f.message_en.contains("older xmlsec1")));
    }
}

/// The same files without the CA trusted are not valid: the anchor is what
/// makes them pass, nothing else.
#[test]
fn without_the_fixture_anchor_nothing_is_valid() {
    for (name, _) in SIGNED {
        let r = verify_with(name, &[]);
        assert_eq!(
            verdict(&r),
            (
                Indication::Indeterminate,
                Some(SubIndication::NoCertificateChainFound)
            ),
            "{name}:\n{}",
            dump(&r)
        );
        assert!(r.signatures.iter().all(|s| s.intact && s.signature_valid));
    }
}

/// A picture and a relationship to it added to the signed .docx: the
/// signature still verifies (LibreOffice selects the relationships it signed
/// by Id), but the document is invalid, naming the new part and the
/// unsigned relationship.
#[test]
fn ooxml_media_added_after_signing_is_named() {
    let r = verify("attack-added-media.docx");
    let d = dump(&r);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        "{d}"
    );
    let s = &r.signatures[0];
    assert!(s.intact && s.signature_valid, "{d}");
    let f = finding(&r, codes::CONTENT_UNSIGNED);
    assert_eq!(f.severity, Severity::Error);
    assert_names(
        f,
        &[
            "word/media/image9.png",
            "word/_rels/document.xml.rels#rIdKyso9",
        ],
    );
    assert!(!has(&r, codes::COVERAGE_COMPLETE));
}

/// A slide added to the signed .pptx (its part, its relationships, a
/// relationship from the presentation, a content-type override): invalid,
/// every added piece named.
#[test]
fn ooxml_slide_added_after_signing_is_named() {
    let r = verify("attack-added-slide.pptx");
    let d = dump(&r);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        "{d}"
    );
    assert!(r.signatures[0].intact && r.signatures[0].signature_valid);
    assert_names(
        finding(&r, codes::CONTENT_UNSIGNED),
        &[
            "ppt/slides/slide9.xml",
            "ppt/slides/_rels/slide9.xml.rels",
            "ppt/_rels/presentation.xml.rels#rIdKyso9",
        ],
    );
}

/// The signed word/document.xml changed: hash failure, on that reference.
#[test]
fn ooxml_modified_document_is_a_hash_failure() {
    let r = verify("attack-modified.docx");
    let d = dump(&r);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::HashFailure)),
        "{d}"
    );
    assert!(!r.signatures[0].intact);
    assert_eq!(reference(&r, "word/document.xml").digest_ok, Some(false));
    assert!(r.signatures[0]
        .findings
        .iter()
        .any(|f| f.code == XML_REFERENCE_DIGEST_MISMATCH
            && f.message_en.contains("/word/document.xml")));
}

/// A picture added to the signed .odt (manifest untouched): invalid, the file named.
#[test]
fn odf_file_added_after_signing_is_named() {
    let r = verify("attack-added-file.odt");
    let d = dump(&r);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        "{d}"
    );
    assert!(r.signatures[0].intact && r.signatures[0].signature_valid);
    assert_names(
        finding(&r, codes::CONTENT_UNSIGNED),
        &["Pictures/kyso-added.png"],
    );
}

/// The signed content.xml changed: hash failure, on that reference.
#[test]
fn odf_modified_content_is_a_hash_failure() {
    let r = verify("attack-modified.odt");
    let d = dump(&r);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::HashFailure)),
        "{d}"
    );
    assert_eq!(reference(&r, "content.xml").digest_ok, Some(false));
    assert!(has(&r, XML_REFERENCE_DIGEST_MISMATCH));
}

/// The content files of every ODF fixture (what a macro signature does not cover).
const ODF_CONTENT: &[&str] = &[
    "mimetype",
    "content.xml",
    "styles.xml",
    "meta.xml",
    "settings.xml",
    "manifest.rdf",
    "META-INF/manifest.xml",
    "Thumbnails/thumbnail.png",
    "Pictures/10000000000000080000000841E924C3D35AEA17.png",
];

/// A document whose only signature is LibreOffice's macro signature: never
/// valid, the macro signature said to vouch for macros only, the content
/// said to be unsigned.
#[test]
fn odf_macro_signature_alone_does_not_sign_the_document() {
    let r = verify("lo-macro-signed.odt");
    let d = dump(&r);
    assert_ne!(r.verdict.indication, Indication::TotalPassed, "{d}");
    assert_eq!(
        finding(&r, codes::ODF_MACRO_SIGNATURES).severity,
        Severity::Info
    );
    let f = finding(&r, codes::CONTENT_UNSIGNED);
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message_en.contains("macro signatures only"), "{d}");
    assert!(!has(&r, codes::COVERAGE_COMPLETE));
}

/// Signature upgrade (2022 ODF attacks): the macro signature moved to
/// META-INF/documentsignatures.xml. Its references are the Basic/ files
/// only, so every content file is named unsigned.
#[test]
fn odf_macro_signature_passed_off_as_document_signature_is_named() {
    let r = verify("attack-macro-as-document.odt");
    let d = dump(&r);
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        "{d}"
    );
    assert!(!has(&r, codes::ODF_MACRO_SIGNATURES));
    assert_names(finding(&r, codes::CONTENT_UNSIGNED), ODF_CONTENT);
    assert!(r.signatures[0]
        .signed_references
        .iter()
        .filter_map(|x| x.uri.as_deref())
        .all(|u| u.starts_with("Basic/") || u.starts_with('#')));
}

/// A genuine LibreOffice document signature over an .odt with Basic macros:
/// every file is referenced, and the Basic library files start with
/// `<!DOCTYPE library:libraries PUBLIC … "libraries.dtd">`. kyso-xml accepts a
/// DOCTYPE that only names an external DTD (never loaded), so their C14N
/// transform runs as LibreOffice's did and the document is valid.
#[test]
fn odf_with_basic_macros_is_valid() {
    let r = verify("lo-signed-macros.odt");
    let d = dump(&r);
    assert_eq!(verdict(&r), (Indication::TotalPassed, None), "{d}");
    assert!(!r.signatures[0]
        .findings
        .iter()
        .any(|f| f.code == XML_TRANSFORM_FAILED));
    assert!(r.signatures[0]
        .signed_references
        .iter()
        .any(|x| x.uri.as_deref() == Some("Basic/script-lc.xml") && x.digest_ok == Some(true)));
    assert_eq!(
        finding(&r, codes::COVERAGE_COMPLETE).severity,
        Severity::Passed
    );
}

/// Certificate doubling: the document signature re-signed (xmlsec1) with a
/// look-alike certificate (same subject, issuer name and serial number as the
/// genuine signer's, another CA key), placed in KeyInfo after the genuine
/// certificate. The certificate whose key verifies the signature is the one
/// judged: it does not match the signed properties' SigningCertificate and has
/// no path to the trusted CA (whose name it copies), so never valid.
#[test]
fn odf_certificate_doubling_is_not_valid() {
    let r = verify("attack-certificate-doubling.odt");
    let d = dump(&r);
    assert_eq!(
        verdict(&r),
        (
            Indication::Indeterminate,
            Some(SubIndication::NoSigningCertificateFound)
        ),
        "{d}"
    );
    let s = &r.signatures[0];
    assert!(s.intact && s.signature_valid && !s.trusted, "{d}");
    assert_ne!(s.trust.status, ChainStatus::Trusted, "{d}");
    assert!(has(&r, XADES_SIGNING_CERT_MISMATCH), "{d}");
    // The genuine certificate (first in KeyInfo) is not the one reported: the
    // look-alike has the same names and serial but a shorter validity.
    let genuine = verify("lo-signed.odt");
    let not_after = |r: &Report| r.signatures[0].signer.as_ref().and_then(|c| c.not_after);
    assert!(not_after(&r).is_some());
    assert_ne!(not_after(&r), not_after(&genuine), "{d}");
    // Coverage is not what fails here.
    assert_eq!(
        finding(&r, codes::COVERAGE_COMPLETE).severity,
        Severity::Passed
    );
}

/// A second `word/document.xml` after the signed one: refused as a
/// duplicate (not read, so no reader's choice decides), named, never valid.
#[test]
fn duplicate_entry_name_is_refused() {
    let r = verify("attack-duplicate-entry.docx");
    let d = dump(&r);
    assert_eq!(r.verdict.indication, Indication::TotalFailed, "{d}");
    let f = finding(&r, codes::DUPLICATE_NAME);
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message_en.contains("“word/document.xml”"), "{d}");
    assert_names(finding(&r, codes::CONTENT_UNSIGNED), &["word/document.xml"]);
    assert!(!r.signatures[0].intact, "{d}");
}

/// An entry whose local header names `word/document.xml` while the central
/// directory says `word/media/image8.png`: a streaming reader and a central
/// directory reader open different documents. Refused by name, never valid.
#[test]
fn local_header_naming_another_entry_is_refused() {
    let r = verify("attack-local-header-name.docx");
    let d = dump(&r);
    assert_eq!(r.verdict.indication, Indication::TotalFailed, "{d}");
    let f = finding(&r, codes::UNREADABLE);
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message_en.contains("“word/media/image8.png”") && f.message_en.contains("local header"),
        "{d}"
    );
    assert_names(
        finding(&r, codes::CONTENT_UNSIGNED),
        &["word/media/image8.png"],
    );
    // The signed parts are read from the central directory, untouched.
    assert!(
        r.signatures[0].intact && r.signatures[0].signature_valid,
        "{d}"
    );
}

/// A ZIP bomb inside a signed .odt: one entry inflating 1000:1, one declaring
/// 3 GiB. Both refused by name (not inflated), both reported unsigned, never
/// valid, and quickly.
#[test]
fn zip_bomb_entries_are_refused() {
    let t = std::time::Instant::now();
    let r = verify("attack-zip-bomb.odt");
    let d = dump(&r);
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
    assert_eq!(
        verdict(&r),
        (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        "{d}"
    );
    let bombs: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code == codes::ZIP_BOMB)
        .collect();
    assert_eq!(bombs.len(), 2, "{d}");
    assert!(bombs.iter().all(|f| f.severity == Severity::Error));
    assert!(bombs[0].message_en.contains("“Pictures/bomb.bin”"), "{d}");
    assert!(
        bombs[1].message_en.contains("“Pictures/declared.bin”"),
        "{d}"
    );
    assert!(bombs[1].message_en.contains("3221225472"), "{d}");
    assert_names(
        finding(&r, codes::CONTENT_UNSIGNED),
        &["Pictures/bomb.bin", "Pictures/declared.bin"],
    );
    // The signed files are untouched: the signature itself verifies.
    assert!(r.signatures[0].intact && r.signatures[0].signature_valid);
}

/// The entries of a ZIP archive, in order.
fn entries(b: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(std::io::Cursor::new(b)).expect("zip");
    (0..a.len())
        .map(|i| {
            let mut e = a.by_index(i).expect("entry");
            let mut d = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut d).expect("read");
            (e.name().to_owned(), d)
        })
        .collect()
}

fn build(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, d) in entries {
        w.start_file(n.as_str(), o).expect("start");
        w.write_all(d).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn verify_ooxml_bytes(bytes: &[u8]) -> Report {
    let anchors = [data("ca.crt")];
    let opts = ValidationOptions {
        extra_trust: &[],
        test_anchors: &anchors,
        now: None,
        validation_time: ValidationTimeChoice::Default,
    };
    let mut r = Report::new(
        FileInfo {
            name: None,
            size: bytes.len() as u64,
            sha256: String::new(),
        },
        Format::Ooxml,
    );
    verify_ooxml(bytes, &opts, &mut r);
    finalize(&mut r);
    r
}

/// ISO/IEC 29500 Strict names the document-properties relationship
/// `…/extendedProperties` (transitional: `…/extended-properties`). Office and
/// LibreOffice leave it unsigned either way (LibreOffice's Relationship
/// transform of `_rels/.rels` selects the main document only), so with the
/// strict name it is metadata too: the document stays valid, app.xml listed
/// as unsigned information, not as unsigned content.
#[test]
fn strict_properties_relationship_is_metadata() {
    let mut e = entries(&data("lo-signed.docx"));
    for (n, d) in e.iter_mut() {
        if n == "_rels/.rels" {
            let s = String::from_utf8(d.clone()).expect("utf8");
            let t = s.replace(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
                "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
            );
            assert_ne!(s, t);
            *d = t.into_bytes();
        }
    }
    let r = verify_ooxml_bytes(&build(&e));
    let d = dump(&r);
    assert_eq!(verdict(&r), (Indication::TotalPassed, None), "{d}");
    assert!(!has(&r, codes::CONTENT_UNSIGNED), "{d}");
    assert!(named(finding(&r, codes::OTHER_UNSIGNED))
        .iter()
        .any(|n| n == "docProps/app.xml"));
}

/// No fixture makes the fuzzing entry point panic.
#[test]
fn fixtures_through_the_fuzz_entry() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for e in std::fs::read_dir(dir).expect("tests/data") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x != "md" && x != "crt") {
            kyso_package::fuzzing::package_one(&std::fs::read(&p).expect("read"));
        }
    }
}

/// Apache POI's signature, when the generator could make one (not with
/// Debian bookworm's POI jars: see tests/data/README.md).
#[test]
fn poi_signed_docx_if_present() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/poi-signed.docx");
    if !p.is_file() {
        eprintln!("SKIPPED: poi-signed.docx was not generated");
        return;
    }
    let r = verify("poi-signed.docx");
    assert_eq!(verdict(&r), (Indication::TotalPassed, None), "{}", dump(&r));
}
