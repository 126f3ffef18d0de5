//! The edXML package profile (QCVN 102:2016/BTTTT, the message format of the
//! national document axis, "trục liên thông văn bản quốc gia").
//!
//! [`verify_edxml`] reads the envelope with the secure XML reader
//! (`kyso-xml`: DTDs refused, bounded), records the header as
//! [`kyso_report::EdxmlInfo`] (sender and recipients, số/ký hiệu, dates,
//! trích yếu, signer, business type, a status message's code), decodes each
//! attachment (base64, then a ZIP read under bounds, or the document itself)
//! and verifies every file found through the pipeline's callback
//! ([`Nested`]) as a child report that counts for the package's verdict. The
//! envelope's own XML signature is reported truthfully: absent (QCVN allows
//! it), written outside the XML-DSig namespace, or handed to
//! `kyso_xades::verify_xml_document`.
//!
//! Facts only: the verdict is `kyso_report::verdict::finalize`'s.
//! Codes: [`codes`].
//!
//! Real packages are lenient XML (see the public SDK samples): elements are
//! matched by local name, optional elements are optional, and a prefix used
//! without a declaration (`edXML:` outside the envelope, `xlink:`) is read as
//! if declared, with a warning.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod attach;
pub mod codes;
pub mod fuzzing;
mod header;

pub use attach::{MAX_ENTRIES, MAX_ENTRY_SIZE, MAX_RATIO, MAX_TOTAL_SIZE, RATIO_FLOOR};

use header::{field, kid, kids, text};
use kyso_report::{
    ChildReport, EdxmlAttachedFile, EdxmlAttachment, EdxmlBusinessType, EdxmlEnvelopeSignature,
    EdxmlInfo, EdxmlMessageKind, Finding, Labels, Lang, Report,
};
use kyso_validation::{Nested, ValidationOptions};
use roxmltree::Node;
use sha2::{Digest, Sha256};

pub(crate) use kyso_xml::roxmltree;

/// edXML's namespace.
pub const EDXML_NS: &str = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
/// XML-DSig's namespace.
const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
/// Most undeclared prefixes repaired in one envelope.
const MAX_PREFIX_REPAIRS: usize = 8;
/// Most attachments listed in one package.
const MAX_ATTACHMENTS: usize = 256;

/// Verify the edXML package `bytes` (file `name`, if known) into `report`:
/// header facts in `report.document.edxml`, the envelope's signature, each
/// attached document as a counted child report (`nested`; `None`: attachments
/// are listed only). Never panics; every problem is a finding.
pub fn verify_edxml(
    name: Option<&str>,
    bytes: &[u8],
    opts: &ValidationOptions<'_>,
    nested: Option<&Nested<'_>>,
    report: &mut Report,
) {
    let _ = name;
    let limits = kyso_xml::Limits::default();
    verify_with_limits(bytes, opts, nested, &limits, report);
}

pub(crate) fn verify_with_limits(
    bytes: &[u8],
    opts: &ValidationOptions<'_>,
    nested: Option<&Nested<'_>>,
    limits: &kyso_xml::Limits,
    report: &mut Report,
) {
    let text = match kyso_xml::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            report.findings.push(envelope_error(&e));
            return;
        }
    };
    // Some senders write bytes before the XML declaration (`1212<?xml ...`):
    // skipped with a warning when a tag starts within the first KiB.
    let body = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let junk = match body.find('<') {
        Some(p) if p > 0 && p <= 1024 => {
            let skipped: String = body[..p].chars().take(32).collect();
            report.findings.push(Finding::warning(
                codes::ENVELOPE_LEADING_JUNK,
                format!("Tệp edXML có {p} byte không phải XML trước phần khai báo XML (“{skipped}”), một lỗi của phần mềm gửi; Kyso bỏ qua chúng để đọc tiếp."),
                format!("The edXML file has {p} bytes that are not XML before the XML declaration (“{skipped}”), a sender bug; Kyso skips them and reads on."),
            ));
            true
        }
        _ => false,
    };
    let body = if junk {
        body.find('<').map_or(body, |p| &body[p..])
    } else {
        &text[..]
    };
    let (text, repaired) = match repair_prefixes(body, limits) {
        Ok(r) => r,
        Err(e) => {
            report.findings.push(envelope_error(&e));
            return;
        }
    };
    let doc = match kyso_xml::parse(&text, limits) {
        Ok(d) => d,
        Err(e) => {
            report.findings.push(envelope_error(&e));
            return;
        }
    };
    if !repaired.is_empty() {
        let list = repaired.join(", ");
        report.findings.push(Finding::warning(
            codes::ENVELOPE_UNDECLARED_PREFIX,
            format!("Tệp edXML dùng tiền tố không gian tên chưa được khai báo ({list}), một lỗi thường gặp của phần mềm gửi. Kyso vẫn đọc nội dung như thể tiền tố đã được khai báo; nhưng tệp như vậy không phải XML đúng chuẩn."),
            format!("The edXML file uses namespace prefixes it never declares ({list}), a common sender bug. Kyso reads it as if they were declared; such a file is not well-formed namespaced XML, though."),
        ));
    }
    let tree = doc.tree();
    let Some(mh) = tree
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "MessageHeader")
    else {
        report.findings.push(Finding::error(
            codes::ENVELOPE_NOT_EDXML,
            "Tệp XML này không có phần đầu thông điệp edXML (MessageHeader): không phải gói văn bản điện tử theo QCVN 102:2016/BTTTT.",
            "This XML file has no edXML message header (MessageHeader): it is not a QCVN 102:2016/BTTTT document package.",
        ));
        return;
    };
    let mut info = header::read(mh);
    header_findings(&info, &mut report.findings);
    attachments(tree.root_element(), &mut info, nested, report);
    envelope_signature(
        tree.root_element(),
        bytes,
        junk || !repaired.is_empty(),
        opts,
        &mut info,
        report,
    );
    report.document.get_or_insert_with(Default::default).edxml = Some(info);
}

fn envelope_error(e: &kyso_xml::XmlError) -> Finding {
    use kyso_xml::XmlError as E;
    match e {
        E::Malformed(_) | E::Encoding(_) => Finding::error(
            codes::ENVELOPE_UNREADABLE,
            format!("Không đọc được phong bì edXML: {}", e.message_vi()),
            format!("The edXML envelope cannot be read: {e}."),
        ),
        _ => Finding::error(
            codes::ENVELOPE_REFUSED,
            format!(
                "Phong bì edXML bị từ chối để bảo vệ máy của bạn: {} ({})",
                e.message_vi(),
                e.code()
            ),
            format!(
                "The edXML envelope was refused to protect your device: {e} ({}).",
                e.code()
            ),
        ),
    }
}

/// The namespace a well-known prefix stands for when a sender forgot to declare it.
fn prefix_namespace(prefix: &str) -> String {
    match prefix {
        p if p.eq_ignore_ascii_case("edxml") => EDXML_NS.to_owned(),
        "xlink" => "http://www.w3.org/1999/xlink".to_owned(),
        "ds" | "dsig" => DSIG_NS.to_owned(),
        p => format!("urn:kyso:undeclared-prefix:{p}"),
    }
}

/// When the parser stops at an undeclared prefix, declare it on the root
/// element and try again (at most [`MAX_PREFIX_REPAIRS`] times). Returns the
/// text to read and the prefixes declared. Any other error is returned.
fn repair_prefixes<'t>(
    text: &'t str,
    limits: &kyso_xml::Limits,
) -> Result<(std::borrow::Cow<'t, str>, Vec<String>), kyso_xml::XmlError> {
    use std::borrow::Cow;
    let mut cur: Cow<'t, str> = Cow::Borrowed(text);
    let mut repaired = Vec::new();
    for _ in 0..=MAX_PREFIX_REPAIRS {
        let err = match kyso_xml::parse(&cur, limits) {
            Ok(_) => return Ok((cur, repaired)),
            Err(e) => e,
        };
        let prefix = match &err {
            kyso_xml::XmlError::Malformed(m) => m
                .strip_prefix("an unknown namespace prefix '")
                .and_then(|r| r.split('\'').next())
                .map(str::to_owned),
            _ => None,
        };
        let Some(prefix) = prefix.filter(|p| {
            !p.is_empty()
                && repaired.len() < MAX_PREFIX_REPAIRS
                && !repaired.contains(p)
                && p.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
        }) else {
            return Err(err);
        };
        let Some(at) = root_name_end(&cur) else {
            return Err(err);
        };
        let decl = format!(" xmlns:{prefix}=\"{}\"", prefix_namespace(&prefix));
        let mut s = String::with_capacity(cur.len() + decl.len());
        s.push_str(&cur[..at]);
        s.push_str(&decl);
        s.push_str(&cur[at..]);
        cur = Cow::Owned(s);
        repaired.push(prefix);
    }
    // Bounded above; a last parse tells the caller why it still fails.
    kyso_xml::parse(&cur, limits)?;
    Ok((cur, repaired))
}

/// Byte offset just after the root element's name in its start tag.
fn root_name_end(text: &str) -> Option<usize> {
    let mut i = 0;
    let b = text.as_bytes();
    // Bounded: every iteration moves `i` forward.
    while i < b.len() {
        let rest = &text[i..];
        if let Some(r) = rest.strip_prefix("<?") {
            i += 2 + r.find("?>")? + 2;
        } else if let Some(r) = rest.strip_prefix("<!--") {
            i += 4 + r.find("-->")? + 3;
        } else if let Some(r) = rest.strip_prefix("<!") {
            i += 2 + r.find('>')? + 1;
        } else if let Some(r) = rest.strip_prefix('<') {
            let name_len = r.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            return Some(i + 1 + name_len);
        } else {
            i += rest.chars().next()?.len_utf8();
        }
    }
    None
}

fn header_findings(info: &EdxmlInfo, findings: &mut Vec<Finding>) {
    let vi = Labels(Lang::Vi);
    let en = Labels(Lang::En);
    let code = match (&info.code_number, &info.code_notation) {
        (Some(n), Some(k)) => Some(format!("{n}/{k}")),
        (Some(n), None) => Some(n.clone()),
        (None, Some(k)) => Some(k.clone()),
        (None, None) => None,
    };
    let from = info
        .from
        .as_ref()
        .and_then(|f| f.organ_name.clone().or_else(|| f.organ_id.clone()))
        .unwrap_or_else(|| "?".into());
    match (info.kind, &info.status) {
        (Some(EdxmlMessageKind::Status), Some(s)) => {
            let about = info
                .response_for
                .first()
                .and_then(|r| r.document_id.clone().or_else(|| r.code.clone()))
                .unwrap_or_else(|| "?".into());
            match s.status {
                Some(st) => findings.push(Finding::info(
                    codes::STATUS_MESSAGE,
                    format!("Đây là thông báo trạng thái xử lý văn bản của {from}, không phải văn bản: mã {} — {}; về văn bản {about}.", s.code, vi.edxml_status(st)),
                    format!("This is a document processing status from {from}, not a document: code {} — {}; about document {about}.", s.code, en.edxml_status(st)),
                )),
                None => findings.push(Finding::warning(
                    codes::STATUS_UNKNOWN,
                    format!("Thông báo trạng thái của {from} có mã trạng thái “{}” không có trong bảng mã của QCVN 102:2016/BTTTT.", s.code),
                    format!("The status message from {from} has a status code “{}” that is not in the QCVN 102:2016/BTTTT table.", s.code),
                )),
            }
        }
        _ => {
            let code = code.unwrap_or_else(|| "?".into());
            let subject = info.subject.clone().unwrap_or_else(|| "?".into());
            findings.push(Finding::info(
                codes::HEADER_READ,
                format!("Gói văn bản điện tử edXML từ {from}: văn bản số {code}, trích yếu “{subject}”. Các thông tin này do bên gửi ghi, chỉ chữ ký của tài liệu đính kèm mới chứng minh được nội dung."),
                format!("edXML document package from {from}: document {code}, subject “{subject}”. These details are written by the sender; only the attached documents' signatures prove their content."),
            ));
        }
    }
    if let Some(b) = &info.business {
        let refers = b
            .refers_to
            .iter()
            .filter_map(|r| r.document_id.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let (rvi, ren) = if refers.is_empty() {
            (String::new(), String::new())
        } else {
            (format!(" ({refers})"), format!(" ({refers})"))
        };
        match b.doc_type {
            Some(EdxmlBusinessType::New) => {}
            Some(t) => {
                let f = if t == EdxmlBusinessType::Revoke {
                    Finding::warning
                } else {
                    Finding::info
                };
                findings.push(f(
                    codes::BUSINESS_CHANGES_EARLIER,
                    format!("Nghiệp vụ của gói tin: {}{rvi}.", vi.edxml_business_type(t)),
                    format!(
                        "Business type of the package: {}{ren}.",
                        en.edxml_business_type(t)
                    ),
                ));
            }
            None => {
                if let Some(w) = &b.doc_type_as_written {
                    findings.push(Finding::warning(
                        codes::BUSINESS_UNKNOWN,
                        format!("Loại nghiệp vụ “{w}” (BussinessDocType) không có trong QCVN 102:2016/BTTTT (0 mới, 1 thu hồi, 2 cập nhật, 3 thay thế)."),
                        format!("Business type “{w}” (BussinessDocType) is not in QCVN 102:2016/BTTTT (0 new, 1 revoke, 2 update, 3 replace)."),
                    ));
                }
            }
        }
    }
}

/// `cid:x`, `<x>`, ` x ` → `x`: how manifest and attachment ids are matched.
fn cid_key(s: &str) -> String {
    let t = s.trim();
    let t = t.strip_prefix("cid:").unwrap_or(t);
    t.trim_matches(['<', '>']).to_owned()
}

fn sha256_hex(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

/// The manifest, the carried attachments, their files, and the child reports.
fn attachments(
    root: Node<'_, '_>,
    info: &mut EdxmlInfo,
    nested: Option<&Nested<'_>>,
    report: &mut Report,
) {
    let mut list: Vec<EdxmlAttachment> = Vec::new();
    // The manifest: edXMLBody/edXMLManifest/Reference.
    if let Some(manifest) = root
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "edXMLManifest")
    {
        for r in kids(manifest, "Reference").take(MAX_ATTACHMENTS) {
            list.push(EdxmlAttachment {
                content_id: field(r, "ContentId"),
                content_type: field(r, "ContentType"),
                attachment_name: field(r, "AttachmentName"),
                description: field(r, "Description"),
                in_manifest: true,
                ..Default::default()
            });
        }
    }
    // The content: AttachmentEncoded/Attachment, outside the envelope.
    let carried: Vec<Node<'_, '_>> = root
        .descendants()
        .filter(|n| {
            n.is_element()
                && n.tag_name().name() == "Attachment"
                && n.parent_element()
                    .is_some_and(|p| p.tag_name().name() == "AttachmentEncoded")
        })
        .take(MAX_ATTACHMENTS)
        .collect();
    let mut verified = 0usize;
    let mut limit_said = false;
    for (i, a) in carried.iter().enumerate() {
        let cid = field(*a, "ContentId");
        let name = field(*a, "AttachmentName");
        let ctype = field(*a, "ContentType");
        let slot = cid
            .as_deref()
            .map(cid_key)
            .and_then(|k| {
                list.iter().position(|e| {
                    !e.carried
                        && e.content_id.as_deref().map(cid_key).as_deref() == Some(k.as_str())
                })
            })
            .or_else(|| {
                // No ContentId: match by name.
                name.as_ref().and_then(|n| {
                    list.iter()
                        .position(|e| !e.carried && e.attachment_name.as_ref() == Some(n))
                })
            });
        let idx = match slot {
            Some(s) => s,
            None => {
                list.push(EdxmlAttachment::default());
                list.len() - 1
            }
        };
        let entry = &mut list[idx];
        entry.carried = true;
        if entry.content_id.is_none() {
            entry.content_id = cid.clone();
        }
        if ctype.is_some() {
            entry.content_type = ctype;
        }
        if entry.attachment_name.is_none() {
            entry.attachment_name = name.clone();
        }
        let label = entry
            .attachment_name
            .clone()
            .or_else(|| entry.content_id.clone())
            .unwrap_or_else(|| format!("#{}", i + 1));
        if !entry.in_manifest {
            report.findings.push(Finding::warning(
                codes::ATTACHMENT_NOT_IN_MANIFEST,
                format!("Tệp đính kèm “{label}” có trong gói nhưng không được liệt kê trong danh mục (edXMLManifest)."),
                format!("Attachment “{label}” is carried in the package but not listed in the manifest (edXMLManifest)."),
            ));
        }
        let parts: Vec<&str> = kid(*a, "ContentTransferEncoded")
            .map(|c| c.children().filter_map(|t| t.text()).collect())
            .unwrap_or_default();
        let Some(decoded) = attach::decode_base64(&parts) else {
            report.findings.push(Finding::error(
                codes::ATTACHMENT_NOT_BASE64,
                format!("Nội dung tệp đính kèm “{label}” không phải dữ liệu base64 hợp lệ: không giải mã được, không kiểm tra được tài liệu."),
                format!("The content of attachment “{label}” is not valid base64: it cannot be decoded, the document cannot be verified."),
            ));
            continue;
        };
        if decoded.is_empty() {
            report.findings.push(Finding::warning(
                codes::ATTACHMENT_EMPTY,
                format!("Tệp đính kèm “{label}” không có nội dung."),
                format!("Attachment “{label}” has no content."),
            ));
            continue;
        }
        entry.decoded_size = Some(decoded.len() as u64);
        entry.sha256 = Some(sha256_hex(&decoded));
        let files = if attach::is_zip(&decoded) {
            entry.container = Some("zip".into());
            attach::extract_zip(&decoded, &label, &mut report.findings)
        } else {
            entry.container = Some("file".into());
            vec![(label.clone(), decoded)]
        };
        let cid_loc = entry
            .content_id
            .clone()
            .unwrap_or_else(|| format!("#{}", i + 1));
        for (fname, data) in files {
            entry.files.push(EdxmlAttachedFile {
                name: fname.clone(),
                size: data.len() as u64,
                sha256: sha256_hex(&data),
            });
            let Some(n) = nested else { continue };
            if verified >= n.max_files {
                if !limit_said {
                    limit_said = true;
                    report.findings.push(Finding::warning(
                        codes::ATTACHMENT_LIMIT,
                        format!("Gói có nhiều hơn {} tài liệu đính kèm: các tài liệu sau được liệt kê nhưng không được kiểm tra.", n.max_files),
                        format!("The package holds more than {} attached documents: the rest are listed, not verified.", n.max_files),
                    ));
                }
                continue;
            }
            verified += 1;
            let child = (n.verify)(&fname, &data);
            report.findings.push(Finding::info(
                codes::ATTACHMENT_VERIFIED,
                format!("Tài liệu đính kèm “{fname}” đã được kiểm tra riêng; kết quả của nó được tính vào kết luận của gói."),
                format!("The attached document “{fname}” was verified on its own; its result counts for the package's verdict."),
            ));
            report.children.push(ChildReport {
                location: format!("attachment:{cid_loc}/{fname}"),
                report: child,
                counts_for_verdict: true,
                range: None,
            });
        }
    }
    for e in list.iter().filter(|e| e.in_manifest && !e.carried) {
        let label = e
            .attachment_name
            .clone()
            .or_else(|| e.content_id.clone())
            .unwrap_or_else(|| "?".into());
        report.findings.push(Finding::warning(
            codes::ATTACHMENT_MISSING,
            format!("Tệp đính kèm “{label}” được liệt kê trong danh mục nhưng không có trong gói."),
            format!(
                "Attachment “{label}” is listed in the manifest but not carried in the package."
            ),
        ));
    }
    if list.is_empty() && info.kind != Some(EdxmlMessageKind::Status) {
        report.findings.push(Finding::info(
            codes::NO_ATTACHMENTS,
            "Gói edXML không có tệp đính kèm.",
            "The edXML package carries no attachment.",
        ));
    }
    if nested.is_none() && list.iter().any(|e| !e.files.is_empty()) {
        report.findings.push(Finding::info(
            codes::ATTACHMENT_LISTED_ONLY,
            "Các tài liệu đính kèm chỉ được liệt kê, chưa được kiểm tra chữ ký trong lần kiểm tra này.",
            "The attached documents are listed only; their signatures were not verified in this run.",
        ));
    }
    info.attachments = list;
}

/// The envelope's XML signature: absent (QCVN allows it), written outside the
/// XML-DSig namespace (not a signature as written), in an envelope that is not
/// well-formed as written (cannot be verified), or handed to
/// `kyso_xades::verify_xml_document`, whose signature report decides. A
/// placeholder never counts as valid: either there is no signature report, or
/// the XML signature verifier fails it.
fn envelope_signature(
    root: Node<'_, '_>,
    bytes: &[u8],
    repaired: bool,
    opts: &ValidationOptions<'_>,
    info: &mut EdxmlInfo,
    report: &mut Report,
) {
    // The envelope's signature, not one inside an attachment's XML (attachments are base64 text).
    let Some(sig) = root
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "Signature")
    else {
        report.findings.push(Finding::info(
            codes::ENVELOPE_UNSIGNED,
            "Phong bì edXML không được ký số (QCVN 102:2016/BTTTT cho phép); các tài liệu đính kèm mang chữ ký số của riêng chúng.",
            "The edXML envelope is not signed (QCVN 102:2016/BTTTT allows it); the attached documents carry their own signatures.",
        ));
        return;
    };
    let alg = |parent: Option<Node<'_, '_>>, name: &'static str| {
        parent
            .and_then(|p| kid(p, name))
            .and_then(|m| m.attribute("Algorithm"))
            .map(str::to_owned)
    };
    let signed_info = kid(sig, "SignedInfo");
    let mut facts = EdxmlEnvelopeSignature {
        xmldsig_namespace: sig.tag_name().namespace() == Some(DSIG_NS),
        signature_method: alg(signed_info, "SignatureMethod"),
        canonicalization_method: alg(signed_info, "CanonicalizationMethod"),
        empty_value: kid(sig, "SignatureValue").and_then(text).is_none(),
        verified: false,
    };
    let method = facts.signature_method.clone().unwrap_or_else(|| "?".into());
    if facts.empty_value {
        report.findings.push(Finding::warning(
            codes::ENVELOPE_SIGNATURE_PLACEHOLDER,
            "Phần tử chữ ký của phong bì edXML không có giá trị chữ ký: đây chỉ là chỗ giữ chỗ, không phải chữ ký.",
            "The edXML envelope's signature element has no signature value: a placeholder, not a signature.",
        ));
    }
    if !facts.xmldsig_namespace {
        report.findings.push(Finding::warning(
            codes::ENVELOPE_SIGNATURE_NOT_XMLDSIG,
            format!("Phong bì edXML có phần tử “Signature” (thuật toán {method}) nhưng được viết thiếu không gian tên của chữ ký XML (XML-DSig), nên theo đúng cách viết nó không phải là chữ ký XML và không được kiểm tra. Các mẫu công khai đều dùng chữ ký giả ở đây; chữ ký thật nằm trong các tài liệu đính kèm."),
            format!("The edXML envelope has a “Signature” element (algorithm {method}) written without the XML signature (XML-DSig) namespace: as written it is not an XML signature and is not verified. Public samples put a dummy signature here; the real signatures are in the attached documents."),
        ));
    } else if repaired {
        report.findings.push(Finding::warning(
            codes::ENVELOPE_SIGNATURE_UNVERIFIABLE,
            format!("Phong bì edXML có chữ ký XML (thuật toán {method}) nhưng tệp không phải XML đúng chuẩn như đã viết (tiền tố chưa khai báo, hoặc có dữ liệu thừa trước phần XML), nên không thể kiểm tra chữ ký này. Chữ ký này không được coi là hợp lệ."),
            format!("The edXML envelope has an XML signature (algorithm {method}) but the file is not well-formed XML as written (undeclared prefixes, or bytes before the XML), so the signature cannot be verified. It is not taken as valid."),
        ));
    } else {
        facts.verified = true;
        report.findings.push(Finding::info(
            codes::ENVELOPE_SIGNATURE_CHECKED,
            format!("Chữ ký XML của phong bì edXML (thuật toán {method}) được kiểm tra như mọi chữ ký XML; kết quả nằm trong danh sách chữ ký."),
            format!("The edXML envelope's XML signature (algorithm {method}) is verified as any XML signature; its result is in the signature list."),
        ));
        kyso_xades::verify_xml_document(bytes, opts, None, report);
    }
    info.signature = Some(facts);
}
