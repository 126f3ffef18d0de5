//! The 21 public edXML samples (`$KYSO_SHARED/vn/edxml`, default
//! `<repo>/../shared`), and attacks built from one of them.

use kyso_edxml::{codes, verify_edxml};
use kyso_report::verdict::finalize;
use kyso_report::{
    EdxmlBusinessType, EdxmlInfo, EdxmlMessageKind, EdxmlStatusCode, FileInfo, Format, Indication,
    Report,
};
use kyso_validation::{Nested, ValidationOptions};
use std::cell::RefCell;
use std::path::PathBuf;

fn samples_dir() -> Option<PathBuf> {
    let base = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let d = base.join("vn/edxml");
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("SKIPPED: {} is absent", d.display());
        None
    }
}

fn sample(name: &str) -> Option<Vec<u8>> {
    Some(std::fs::read(samples_dir()?.join(name)).expect("read sample"))
}

fn opts() -> ValidationOptions<'static> {
    ValidationOptions {
        extra_trust: &[],
        test_anchors: &[],
        now: None,
        validation_time: Default::default(),
    }
}

/// Verify with a callback that records (name, size, first bytes) and returns a minimal report.
fn run(name: &str, bytes: &[u8], with_nested: bool) -> (Report, Vec<(String, usize, Vec<u8>)>) {
    let seen = RefCell::new(Vec::new());
    let verify = |n: &str, b: &[u8]| {
        seen.borrow_mut()
            .push((n.to_owned(), b.len(), b[..b.len().min(8)].to_vec()));
        let mut child = Report::new(
            FileInfo {
                name: Some(n.into()),
                size: b.len() as u64,
                sha256: String::new(),
            },
            if b.starts_with(b"%PDF-") {
                Format::Pdf
            } else {
                Format::Unknown
            },
        );
        finalize(&mut child);
        child
    };
    let nested = Nested {
        verify: &verify,
        max_files: 8,
    };
    let mut r = Report::new(
        FileInfo {
            name: Some(name.into()),
            size: bytes.len() as u64,
            sha256: String::new(),
        },
        Format::Edxml,
    );
    verify_edxml(
        Some(name),
        bytes,
        &opts(),
        with_nested.then_some(&nested),
        &mut r,
    );
    finalize(&mut r);
    (r, seen.into_inner())
}

fn has(r: &Report, code: &str) -> bool {
    r.findings.iter().any(|f| f.code == code)
}

fn info(r: &Report) -> &EdxmlInfo {
    r.document
        .as_ref()
        .and_then(|d| d.edxml.as_ref())
        .expect("edxml facts")
}

#[test]
fn every_sample_gives_its_header_and_attachments() {
    let Some(dir) = samples_dir() else { return };
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".edxml"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 21);
    println!("| file | kind | số/ký hiệu | attachments (files → callback) | envelope signature | verdict |");
    for n in &names {
        let bytes = std::fs::read(dir.join(n)).unwrap();
        let (r, seen) = run(n, &bytes, true);
        let i = info(&r);
        assert!(i.kind.is_some(), "{n}");
        assert!(i.from.is_some(), "{n}: From");
        // Every finding is bilingual.
        for f in &r.findings {
            assert!(
                !f.message_vi.is_empty() && !f.message_en.is_empty(),
                "{n}: {}",
                f.code
            );
        }
        // Every extracted file went to the callback (limit 8) and is a counted child.
        let files: usize = i.attachments.iter().map(|a| a.files.len()).sum();
        assert_eq!(seen.len(), files.min(8), "{n}");
        assert_eq!(r.children.len(), seen.len(), "{n}");
        assert!(r
            .children
            .iter()
            .all(|c| c.counts_for_verdict && c.location.starts_with("attachment:")));
        let sig = match &i.signature {
            None => "absent".to_string(),
            Some(s) if !s.xmldsig_namespace => format!(
                "not in XML-DSig ns ({})",
                s.signature_method.as_deref().unwrap_or("?")
            ),
            Some(s) => format!(
                "XML-DSig{}{}",
                if s.verified {
                    ", verified"
                } else {
                    ", not verifiable"
                },
                if s.empty_value { ", empty" } else { "" }
            ),
        };
        let atts: Vec<String> = i
            .attachments
            .iter()
            .map(|a| {
                format!(
                    "{} [{}; {} B; {}]",
                    a.attachment_name.as_deref().unwrap_or("?"),
                    a.container.as_deref().unwrap_or("undecoded"),
                    a.decoded_size.unwrap_or(0),
                    a.files
                        .iter()
                        .map(|f| format!("{} {} B", f.name, f.size))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect();
        let kind = match (i.kind, &i.status, &i.business) {
            (Some(EdxmlMessageKind::Status), Some(s), _) => format!("status {}", s.code),
            (_, _, Some(b)) => format!("document, business {:?}", b.doc_type),
            _ => "document".into(),
        };
        println!(
            "| {n} | {kind} | {}/{} | {} | {sig} | {:?} |",
            i.code_number.as_deref().unwrap_or("-"),
            i.code_notation.as_deref().unwrap_or("-"),
            if atts.is_empty() {
                "-".into()
            } else {
                atts.join("; ")
            },
            r.verdict.indication,
        );
    }
}

#[test]
fn revocation_header() {
    let Some(bytes) = sample("resources__edoc_revocation.edxml") else {
        return;
    };
    let (r, seen) = run("resources__edoc_revocation.edxml", &bytes, true);
    let i = info(&r);
    assert_eq!(i.kind, Some(EdxmlMessageKind::Document));
    assert_eq!(i.code_number.as_deref(), Some("7816"));
    assert_eq!(i.code_notation.as_deref(), Some("VPCP-TTĐT"));
    assert_eq!(
        i.subject.as_deref(),
        Some("V/v kết nối, liên thông phần mềm quản lý văn bản")
    );
    let from = i.from.as_ref().unwrap();
    assert_eq!(from.organ_name.as_deref(), Some("Văn phòng Chính phủ"));
    assert_eq!(from.organ_id.as_deref(), Some("000.00.00.G22"));
    assert_eq!(i.to.len(), 3);
    assert_eq!(
        i.document_id.as_deref(),
        Some("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
    );
    let d = i.promulgation_date.as_ref().unwrap();
    assert_eq!(d.as_written, "2018/09/28");
    assert_eq!(d.iso.as_deref(), Some("2018-09-28"));
    assert_eq!(i.promulgation_place.as_deref(), Some("Hà Nội"));
    assert_eq!(i.document_type_name.as_deref(), Some("Công văn"));
    let s = i.signer.as_ref().unwrap();
    assert_eq!(s.full_name.as_deref(), Some("Nguyen Thanh Phuc"));
    assert_eq!(s.competence.as_deref(), Some("TL. BO TRUONG"));
    assert_eq!(i.to_places.len(), 2);
    assert_eq!(i.steering_type.as_deref(), Some("1"));
    assert_eq!(i.response_for[0].code.as_deref(), Some("267/VPCP-TTĐT"));
    let b = i.business.as_ref().unwrap();
    assert_eq!(b.doc_type, Some(EdxmlBusinessType::Revoke));
    assert_eq!(b.reason.as_deref(), Some("Thu hồi văn bản điện tử"));
    assert!(has(&r, codes::BUSINESS_CHANGES_EARLIER));
    // The placeholder <Signature> falls into edXML's namespace: not verified, never valid.
    let sig = i.signature.as_ref().unwrap();
    assert!(!sig.xmldsig_namespace);
    assert_eq!(
        sig.signature_method.as_deref(),
        Some("http://www.w3.org/2000/09/xmldsig#rsa-sha1")
    );
    assert!(has(&r, codes::ENVELOPE_SIGNATURE_NOT_XMLDSIG));
    assert!(r.signatures.is_empty());
    // The attachment: a ZIP holding a PDF, handed to the callback.
    assert_eq!(i.attachments.len(), 1);
    let a = &i.attachments[0];
    assert!(a.in_manifest && a.carried);
    assert_eq!(a.container.as_deref(), Some("zip"));
    assert_eq!(a.sha256.as_ref().map(String::len), Some(64));
    // The ZIP holds another edXML envelope (as the SDK sample was built), handed on as is.
    assert_eq!(seen.len(), 1);
    assert!(seen[0].0.ends_with(".edxml"), "{:?}", seen[0]);
    assert!(seen[0].2.starts_with(b"<?xml"), "{:?}", seen[0]);
    assert_eq!(a.files[0].size as usize, seen[0].1);
    assert!(r.children[0]
        .location
        .starts_with(&format!("attachment:{}/", a.content_id.as_deref().unwrap())));
    // JSON round trip of the new model.
    let json = serde_json_roundtrip(i);
    assert_eq!(&json, i);
}

fn serde_json_roundtrip(i: &EdxmlInfo) -> EdxmlInfo {
    let r = Report::new(
        FileInfo {
            name: None,
            size: 0,
            sha256: String::new(),
        },
        Format::Edxml,
    );
    let mut r = r;
    r.document = Some(kyso_report::DocumentInfo {
        edxml: Some(i.clone()),
        ..Default::default()
    });
    let s = serde_json::to_string(&r).unwrap();
    assert!(s.contains("\"business\":{\"doc_type\":\"revoke\""), "{s}");
    let back: Report = serde_json::from_str(&s).unwrap();
    back.document.unwrap().edxml.unwrap()
}

#[test]
fn status_message_shows_status_and_header() {
    let Some(bytes) = sample("resources__status_rejection_02.edxml") else {
        return;
    };
    let (r, seen) = run("resources__status_rejection_02.edxml", &bytes, true);
    let i = info(&r);
    assert_eq!(i.kind, Some(EdxmlMessageKind::Status));
    let s = i.status.as_ref().unwrap();
    assert_eq!(s.code, "02");
    assert_eq!(s.status, Some(EdxmlStatusCode::Refused));
    assert_eq!(
        s.meaning_vi.as_deref(),
        Some("Văn thư từ chối tiếp nhận văn bản điện tử")
    );
    assert_eq!(
        s.meaning_en.as_deref(),
        Some("The clerk refused to accept the electronic document")
    );
    assert_eq!(s.timestamp.as_deref(), Some("2015/09/20 11:08:36"));
    assert_eq!(s.staff.as_deref(), Some("Nguyen thi ngoc tram"));
    assert_eq!(
        i.from.as_ref().unwrap().organ_name.as_deref(),
        Some("UBND Tỉnh Nghệ An")
    );
    assert_eq!(
        i.response_for[0].document_id.as_deref(),
        Some("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
    );
    assert!(has(&r, codes::STATUS_MESSAGE));
    assert!(has(&r, codes::ENVELOPE_UNSIGNED));
    assert!(seen.is_empty() && r.children.is_empty());
    assert_eq!(r.verdict.indication, Indication::NoSignature);
    // Every status sample is understood.
    for (f, want) in [
        (
            "resources__status_inbox__01.edxml",
            EdxmlStatusCode::Received,
        ),
        (
            "resources__status_acceptance_03.edxml",
            EdxmlStatusCode::Accepted,
        ),
        (
            "resources__status_assignment_04.edxml",
            EdxmlStatusCode::Assigned,
        ),
        (
            "resources__status_processing_05.edxml",
            EdxmlStatusCode::Processing,
        ),
        (
            "resources__status_finish_06.edxml",
            EdxmlStatusCode::Finished,
        ),
        (
            "resources__status_cancellation_13.edxml",
            EdxmlStatusCode::RecallRequested,
        ),
        (
            "resources__status_change-acceptance_15.edxml",
            EdxmlStatusCode::ChangeAccepted,
        ),
        (
            "resources__status_change-rejection_16.edxml",
            EdxmlStatusCode::ChangeRefused,
        ),
    ] {
        let (r, _) = run(f, &sample(f).unwrap(), true);
        assert_eq!(info(&r).status.as_ref().unwrap().status, Some(want), "{f}");
    }
}

#[test]
fn sender_quirks_are_read_with_warnings() {
    // Undeclared `edXML:` (outside the envelope) and `xlink:` prefixes; a
    // JMeter placeholder instead of base64; an XML-DSig signature that cannot
    // be verified since the file is not well-formed as written.
    let Some(bytes) = sample("resources__edoc.edxml") else {
        return;
    };
    let (r, seen) = run("resources__edoc.edxml", &bytes, true);
    let i = info(&r);
    assert!(has(&r, codes::ENVELOPE_UNDECLARED_PREFIX));
    assert!(has(&r, codes::ATTACHMENT_NOT_BASE64));
    assert!(has(&r, codes::ENVELOPE_SIGNATURE_UNVERIFIABLE));
    assert!(i.signature.as_ref().unwrap().xmldsig_namespace);
    assert!(r.signatures.is_empty());
    assert_eq!(i.code_number.as_deref(), Some("12234555512"));
    assert_eq!(i.code_notation.as_deref(), Some("PRO-TEST-CASE1"));
    assert_eq!(
        i.subject.as_deref(),
        Some("Văn bản liên thông chỉ đạo - 190701")
    );
    assert!(seen.is_empty());
    assert_ne!(r.verdict.indication, Indication::TotalPassed);
}

#[test]
fn without_nested_attachments_are_listed_only() {
    let Some(bytes) = sample("resources__edoc_new.edxml") else {
        return;
    };
    let (r, seen) = run("resources__edoc_new.edxml", &bytes, false);
    assert!(seen.is_empty() && r.children.is_empty());
    assert!(has(&r, codes::ATTACHMENT_LISTED_ONLY));
    assert_eq!(info(&r).attachments[0].files.len(), 1);
    assert_eq!(
        info(&r).business.as_ref().unwrap().doc_type,
        Some(EdxmlBusinessType::New)
    );
}

// ---------------------------------------------------------------- attacks

/// A real sample whose attachment content is replaced by `b64`.
fn with_attachment(b64: &str) -> Option<Vec<u8>> {
    let s = String::from_utf8(sample("resources__edoc_new.edxml")?).unwrap();
    let open = s.find("<edXML:ContentTransferEncoded").unwrap();
    let start = open + s[open..].find('>').unwrap() + 1;
    let end = s.find("</edXML:ContentTransferEncoded>").unwrap();
    Some(format!("{}{}{}", &s[..start], b64, &s[end..]).into_bytes())
}

struct Entry<'a> {
    name: &'a str,
    method: u16,
    crc: u32,
    declared: u32,
    data: &'a [u8],
}

/// A ZIP archive written by hand (so that it can lie and repeat names).
fn zip(entries: &[Entry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let fixed = |sig: u32, v: &mut Vec<u8>| {
            v.extend_from_slice(&sig.to_le_bytes());
        };
        fixed(0x0403_4b50, &mut out);
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&0x0800u16.to_le_bytes());
        out.extend_from_slice(&e.method.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&e.crc.to_le_bytes());
        out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&e.declared.to_le_bytes());
        out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(e.data);
        fixed(0x0201_4b50, &mut central);
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&0x0800u16.to_le_bytes());
        central.extend_from_slice(&e.method.to_le_bytes());
        central.extend_from_slice(&[0; 4]);
        central.extend_from_slice(&e.crc.to_le_bytes());
        central.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        central.extend_from_slice(&e.declared.to_le_bytes());
        central.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    let n = entries.len() as u16;
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn stored<'a>(name: &'a str, data: &'a [u8]) -> Entry<'a> {
    Entry {
        name,
        method: 0,
        crc: crc32fast::hash(data),
        declared: data.len() as u32,
        data,
    }
}

fn b64(b: &[u8]) -> String {
    use base64ct::Encoding;
    base64ct::Base64::encode_string(b)
}

/// Raw DEFLATE of `mib` MiB of zeros without ever holding them: the steady-state
/// block for one MiB (sync-flushed) repeated, as a compressor would write it.
fn zeros_deflated(mib: usize) -> (Vec<u8>, u32) {
    use flate2::{Compress, Compression, FlushCompress};
    let chunk = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    let mut first = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut first, FlushCompress::Sync)
        .unwrap();
    assert_eq!(c.total_in(), 1 << 20);
    let mut steady = Vec::with_capacity(1 << 16);
    c.compress_vec(&chunk, &mut steady, FlushCompress::Sync)
        .unwrap();
    assert_eq!(c.total_in(), 2 << 20);
    let mut end = Vec::with_capacity(64);
    c.compress_vec(&[], &mut end, FlushCompress::Finish)
        .unwrap();
    let mut out = first;
    for _ in 1..mib {
        out.extend_from_slice(&steady);
    }
    out.extend_from_slice(&end);
    let mut h = crc32fast::Hasher::new();
    for _ in 0..mib {
        h.update(&chunk);
    }
    (out, h.finalize())
}

#[test]
fn zip_bomb_is_refused_in_bounded_time() {
    if samples_dir().is_none() {
        return;
    }
    let t = std::time::Instant::now();
    let (deflated, crc) = zeros_deflated(600);
    assert!(deflated.len() < 2 << 20, "{}", deflated.len());
    // Honest declaration: 600 MiB, above the entry limit (and the ratio).
    let honest = zip(&[Entry {
        name: "bomb.pdf",
        method: 8,
        crc,
        declared: 600 << 20,
        data: &deflated,
    }]);
    let (r, seen) = run("bomb.edxml", &with_attachment(&b64(&honest)).unwrap(), true);
    assert!(has(&r, codes::ATTACHMENT_ZIP_BOMB), "{:?}", r.findings);
    assert!(seen.is_empty());
    assert_eq!(r.verdict.indication, Indication::TotalFailed);
    // Lying declaration: 1000 bytes. Inflation stops one byte past it.
    let liar = zip(&[Entry {
        name: "bomb.pdf",
        method: 8,
        crc,
        declared: 1000,
        data: &deflated,
    }]);
    let (r, seen) = run("bomb.edxml", &with_attachment(&b64(&liar)).unwrap(), true);
    assert!(has(&r, codes::ATTACHMENT_ZIP_BOMB), "{:?}", r.findings);
    assert!(seen.is_empty());
    // 200 MiB declared, within the entry limit but 350:1.
    let ratio = zip(&[Entry {
        name: "bomb.pdf",
        method: 8,
        crc,
        declared: 200 << 20,
        data: &deflated,
    }]);
    let (r, _) = run("bomb.edxml", &with_attachment(&b64(&ratio)).unwrap(), true);
    assert!(
        r.findings
            .iter()
            .any(|f| f.code == codes::ATTACHMENT_ZIP_BOMB && f.message_en.contains(":1")),
        "{:?}",
        r.findings
    );
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
}

#[test]
fn too_many_entries_are_refused() {
    if samples_dir().is_none() {
        return;
    }
    let names: Vec<String> = (0..65).map(|i| format!("f{i}.txt")).collect();
    let entries: Vec<Entry<'_>> = names.iter().map(|n| stored(n, b"x")).collect();
    let (r, seen) = run(
        "many.edxml",
        &with_attachment(&b64(&zip(&entries))).unwrap(),
        true,
    );
    assert!(has(&r, codes::ATTACHMENT_ZIP_BOMB));
    assert!(seen.is_empty());
}

#[test]
fn path_traversal_entry_is_not_extracted() {
    if samples_dir().is_none() {
        return;
    }
    let z = zip(&[
        stored("../../etc/evil.pdf", b"%PDF-1.4 evil"),
        stored("/abs.pdf", b"%PDF-1.4 abs"),
        stored("ok.pdf", b"%PDF-1.4 fine"),
    ]);
    let (r, seen) = run("trick.edxml", &with_attachment(&b64(&z)).unwrap(), true);
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.code == codes::ATTACHMENT_PATH_TRICK)
            .count(),
        2
    );
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, "ok.pdf");
    assert!(r.children[0].location.ends_with("/ok.pdf"));
}

#[test]
fn duplicate_entry_names_are_not_verified() {
    if samples_dir().is_none() {
        return;
    }
    let z = zip(&[
        stored("doc.pdf", b"%PDF-1.4 shown by one reader"),
        stored("doc.pdf", b"%PDF-1.4 shown by another"),
    ]);
    let (r, seen) = run("dup.edxml", &with_attachment(&b64(&z)).unwrap(), true);
    assert!(
        has(&r, codes::ATTACHMENT_DUPLICATE_NAME),
        "{:?}",
        r.findings
    );
    assert!(seen.is_empty());
    assert_eq!(r.verdict.indication, Indication::TotalFailed);
}

#[test]
fn attachment_that_is_not_base64() {
    if samples_dir().is_none() {
        return;
    }
    let (r, seen) = run(
        "junk.edxml",
        &with_attachment("this is *not* base64 !!!").unwrap(),
        true,
    );
    assert!(has(&r, codes::ATTACHMENT_NOT_BASE64));
    assert!(seen.is_empty());
    // The header is still there.
    assert_eq!(info(&r).code_number.as_deref(), Some("74fass22"));
}

#[test]
fn direct_pdf_attachment_and_wrapped_base64() {
    if samples_dir().is_none() {
        return;
    }
    let pdf = b"%PDF-1.7\n% a document sent without a ZIP\n%%EOF\n";
    let wrapped: String = b64(pdf)
        .as_bytes()
        .chunks(16)
        .map(|c| format!("{}\r\n  ", std::str::from_utf8(c).unwrap()))
        .collect();
    let (r, seen) = run("direct.edxml", &with_attachment(&wrapped).unwrap(), true);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1, pdf.len());
    assert_eq!(info(&r).attachments[0].container.as_deref(), Some("file"));
}

#[test]
fn doctype_with_entities_is_refused() {
    let Some(bytes) = sample("resources__status.edxml") else {
        return;
    };
    let s = String::from_utf8(bytes).unwrap();
    let at = s.find("?>").unwrap() + 2;
    let evil = format!(
        "{}\n<!DOCTYPE edXML [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>{}",
        &s[..at],
        s[at..].replace("UBND Tỉnh Nghệ An", "&b;")
    );
    let (r, _) = run("evil.edxml", evil.as_bytes(), true);
    assert!(has(&r, codes::ENVELOPE_REFUSED), "{:?}", r.findings);
    assert!(r.document.is_none());
    assert_eq!(r.verdict.indication, Indication::TotalFailed);
}

#[test]
fn garbage_never_panics() {
    for input in [
        &b""[..],
        b"<",
        b"\xff\xfe\x00",
        b"<edXML/>",
        b"<a><MessageHeader/></a>",
        b"<x:edXML><y:MessageHeader><z:StatusCode>99</z:StatusCode></y:MessageHeader></x:edXML>",
        b"<edXML><MessageHeader/><AttachmentEncoded><Attachment><ContentTransferEncoded>UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>",
    ] {
        let (r, _) = run("g.edxml", input, true);
        assert!(!r.findings.is_empty());
    }
    let (r, _) = run(
        "g.edxml",
        b"<x:edXML><y:MessageHeader><z:StatusCode>99</z:StatusCode></y:MessageHeader></x:edXML>",
        true,
    );
    assert!(has(&r, codes::ENVELOPE_UNDECLARED_PREFIX));
    assert!(has(&r, codes::STATUS_UNKNOWN));
}

#[test]
fn placeholder_xml_signature_never_counts_as_valid() {
    // The dummy XML-DSig signature of the SDK sample (in its namespace this
    // time), put into a well-formed status message's header.
    let (Some(status), Some(edoc)) = (
        sample("resources__status.edxml"),
        sample("resources__edoc.edxml"),
    ) else {
        return;
    };
    let edoc = String::from_utf8(edoc).unwrap();
    let start = edoc.find("<Signature xmlns=").unwrap();
    let end = edoc.find("</Signature>").unwrap() + "</Signature>".len();
    let sig = &edoc[start..end];
    let status = String::from_utf8(status).unwrap();
    for signature in [sig.to_owned(), {
        let a = sig.find("<SignatureValue>").unwrap() + "<SignatureValue>".len();
        let b = sig.find("</SignatureValue>").unwrap();
        format!("{}{}", &sig[..a], &sig[b..])
    }] {
        let doc = status.replace(
            "</edXML:edXMLHeader>",
            &format!("{signature}</edXML:edXMLHeader>"),
        );
        let (r, _) = run("signed-status.edxml", doc.as_bytes(), true);
        let facts = info(&r).signature.clone().unwrap();
        assert!(facts.xmldsig_namespace && facts.verified, "{facts:?}");
        assert!(has(&r, codes::ENVELOPE_SIGNATURE_CHECKED));
        assert_eq!(r.signatures.len(), 1, "{:?}", r.findings);
        println!(
            "placeholder (empty value: {}): {:?} {:?}",
            facts.empty_value, r.signatures[0].indication, r.signatures[0].sub_indication
        );
        assert_ne!(r.signatures[0].indication, Indication::TotalPassed);
        assert_ne!(r.verdict.indication, Indication::TotalPassed);
        assert_eq!(
            facts.empty_value,
            has(&r, codes::ENVELOPE_SIGNATURE_PLACEHOLDER)
        );
    }
}
