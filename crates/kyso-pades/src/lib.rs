//! The PDF signature profile (ISO 32000-1 §12.8, ETSI EN 319 142-1 PAdES):
//! parse → signatures → byte ranges → digest of the signed slices → CMS /
//! PKCS#1 / RFC 3161 → timestamps → path validation → revocation → changes
//! after signing → facts.
//!
//! Entry: [`verify_pdf`]. The signer and timestamp validation, the trust
//! store and the choice of validation time are `kyso-validation`'s, shared
//! with every other signature profile; embedded files are verified by the
//! pipeline through the callback in [`Nested`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
mod dss;

use dss::dss_evidence;
use kyso_cms::Content;
use kyso_crypto::policy::{Acceptance, AlgorithmPolicy, Use};
use kyso_crypto::{DigestAlg, KeyInfo, Message, SignatureAlg};
use kyso_pdf::byte_range::{signed_slices, ByteRangeCheck};
use kyso_pdf::{Document, Limits, SignatureDict};
use kyso_pki::{KeyPurpose, RevocationEvidence, TrustStore};
use kyso_report::{
    DocumentInfo, Finding, InputError, Report, SignatureKind, SignatureReport, Time,
    ValidationTimeSource,
};
use kyso_validation::signer::{apply_signer, local_time_note, verify_timestamp};
use kyso_validation::trust::{
    build_store, chosen_time_notes, validate_path, validate_signer, Clock,
};
use kyso_validation::ValidationOptions;
use std::cell::RefCell;
use std::collections::HashMap;

/// Digests of byte ranges, computed once per (range, algorithm) straight from
/// the input slices (no copy of the file).
struct RangeHasher<'a> {
    bytes: &'a [u8],
    cache: RefCell<DigestCache>,
}

type DigestCache = HashMap<([u64; 4], DigestAlg), Vec<u8>>;

impl<'a> RangeHasher<'a> {
    fn digest(&self, range: [u64; 4], alg: DigestAlg) -> Vec<u8> {
        if let Some(d) = self.cache.borrow().get(&(range, alg)) {
            return d.clone();
        }
        let mut h = alg.hasher();
        for s in signed_slices(self.bytes, range) {
            h.update(s);
        }
        let d = h.finalize();
        self.cache.borrow_mut().insert((range, alg), d.clone());
        d
    }
}

/// Everything shared by the signatures of one document.
struct Ctx<'a> {
    hasher: RangeHasher<'a>,
    store: TrustStore,
    dss: RevocationEvidence,
    policy: AlgorithmPolicy,
    /// The current time and the user's choice of validation time.
    clock: Clock,
}

/// A document timestamp's proof of existence for what it covers.
#[derive(Clone, Copy)]
struct DocTsProof {
    /// Index in the sorted signature list.
    order: usize,
    signed_end: u64,
    gen_time: Time,
}

/// How the pipeline verifies a document inside this one (an embedded file).
pub struct Nested<'a> {
    /// Verify one embedded file (its name and bytes) one level deeper.
    pub verify: &'a dyn Fn(&str, &[u8]) -> Report,
    /// At most this many embedded files of one document are verified.
    pub max_files: usize,
}

/// Verify the PDF `bytes` into `report`: document facts, every signature and
/// document timestamp, changes after signing, the administrative reading.
/// Embedded files become child reports when `nested` is given (`None`: the
/// document sits too deep to verify what it embeds).
pub fn verify_pdf(
    bytes: &[u8],
    opts: &ValidationOptions<'_>,
    nested: Option<&Nested<'_>>,
    report: &mut Report,
) {
    let doc = match Document::parse(bytes, &Limits::default()) {
        Ok(d) => d,
        Err(e) => {
            let f = e.to_finding();
            report.error = Some(InputError {
                code: f.code,
                message_vi: f.message_vi,
                message_en: f.message_en,
            });
            return;
        }
    };
    report.findings.extend(doc.warnings().iter().cloned());
    let revs = doc.revisions().len();
    let last = revs.saturating_sub(1);
    let fields = doc.signature_fields(last);
    report.document = Some(DocumentInfo {
        pdf_version: doc.version(),
        page_count: doc
            .pages(last)
            .ok()
            .map(|p| u32::try_from(p.len()).unwrap_or(u32::MAX)),
        revision_count: Some(u32::try_from(revs).unwrap_or(u32::MAX)),
        signature_field_count: Some(u32::try_from(fields.len()).unwrap_or(u32::MAX)),
        encryption: doc.encryption().map(|e| e.info()),
        metadata: doc.metadata(),
        xmp: doc.xmp_metadata(),
        page_sizes: doc.page_sizes(last),
        language: doc.language(last),
        tagged: doc.tagged(last),
        form_field_count: doc.form(last).map(|(n, _)| n),
        xfa: doc.form(last).is_some_and(|(_, x)| x),
        javascript: doc.javascript(last),
        embedded_files: doc.embedded_files(),
        administrative: None,
    });
    if let Some(n) = nested {
        verify_embedded(&doc, n, report);
    }
    if let Some(e) = doc.encryption() {
        report.findings.push(if e.opened {
            Finding::info(
                codes::PDF_ENCRYPTED,
                format!("Tài liệu được mã hóa ({}) và mở được với mật khẩu rỗng; chữ ký vẫn được kiểm tra trên các byte như đã nhận.", e.algorithm),
                format!("The document is encrypted ({}) and opens with the empty password; signatures are checked over the bytes as received.", e.algorithm),
            )
        } else {
            Finding::warning(
                codes::PDF_ENCRYPTED_LOCKED,
                format!("Tài liệu được mã hóa ({}) và cần mật khẩu: chỉ kiểm tra được phần chữ ký, không đọc được nội dung.", e.algorithm),
                format!("The document is encrypted ({}) and needs a password: only the signatures can be checked, not the content.", e.algorithm),
            )
        });
    }

    let sigs = doc.signatures();
    // Signature dictionaries in the bytes that the cross-reference chain does
    // not reach (an update whose /Prev skips the signed revision): listed,
    // never a silent "no signature".
    let hidden = doc.unreached_signatures(&sigs);
    let unsigned = fields.iter().filter(|f| f.value.is_none()).count();
    if unsigned > 0 {
        report.findings.push(Finding::info(
            codes::PDF_EMPTY_SIGNATURE_FIELDS,
            format!("Tài liệu có {unsigned} ô chữ ký chưa được ký."),
            format!("The document has {unsigned} signature field(s) not signed yet."),
        ));
    }
    if sigs.is_empty() && hidden.is_empty() {
        read_administrative(&doc, last, &fields, report);
        report.findings.extend(doc.late_warnings());
        return;
    }
    let mut checks = kyso_pdf::byte_range::check_all(&doc, &sigs);
    // Changes are analysed along the chain, for the signatures it reaches.
    let analysis = if sigs.is_empty() {
        kyso_pdf_diff::Analysis {
            per_signature: Vec::new(),
            document_findings: Vec::new(),
        }
    } else {
        kyso_pdf_diff::analyze(&doc, &sigs, &checks)
    };
    report
        .findings
        .extend(analysis.document_findings.iter().cloned());
    // From here on the unreached signatures follow the chain's, indices
    // `chained..`; they are verified like the others.
    let chained = sigs.len();
    let mut sigs = sigs;
    checks.extend(kyso_pdf::byte_range::check_unreached(&doc, &hidden));
    sigs.extend(hidden.iter().map(|h| h.sig.clone()));

    let mut ctx = Ctx {
        hasher: RangeHasher {
            bytes,
            cache: RefCell::new(HashMap::new()),
        },
        store: build_store(opts, &mut report.findings),
        dss: dss_evidence(&doc),
        policy: AlgorithmPolicy::default(),
        clock: Clock::new(opts),
    };
    if !ctx.dss.is_empty() || !ctx.dss.certs.is_empty() {
        report.findings.push(Finding::info(
            codes::PDF_DSS,
            format!(
                "Tài liệu có kho dữ liệu kiểm tra dài hạn (DSS): {} chứng thư, {} CRL, {} phản hồi OCSP.",
                ctx.dss.certs.len(),
                ctx.dss.crls.len(),
                ctx.dss.ocsp.len()
            ),
            format!(
                "The document carries a Document Security Store (DSS): {} certificate(s), {} CRL(s), {} OCSP response(s).",
                ctx.dss.certs.len(),
                ctx.dss.crls.len(),
                ctx.dss.ocsp.len()
            ),
        ));
    }

    // Document order: by the end of the signed range (the revision signed), then position.
    let mut order: Vec<usize> = (0..sigs.len()).collect();
    order.sort_by_key(|&i| {
        (
            checks[i].signed_end.unwrap_or(u64::MAX),
            sigs[i].first_revision,
            i,
        )
    });

    // Document timestamps first: their times are proofs of existence for the signatures they cover.
    let mut reports: Vec<Option<SignatureReport>> = vec![None; sigs.len()];
    let mut proofs: Vec<DocTsProof> = Vec::new();
    for (pos, &i) in order.iter().enumerate().rev() {
        if is_doc_ts(&sigs[i]) {
            let later = earliest_proof(&proofs, pos, checks[i].signed_end);
            let r = document_timestamp(&ctx, pos, &sigs[i], &checks[i], later);
            if r.facts.digest_matches == Some(true)
                && r.facts.crypto_valid == Some(true)
                && r.timestamp.as_ref().is_some_and(|t| t.trusted)
            {
                if let (Some(t), Some(end)) = (r.signing_time.timestamp, checks[i].signed_end) {
                    proofs.push(DocTsProof {
                        order: pos,
                        signed_end: end,
                        gen_time: t,
                    });
                }
            }
            reports[i] = Some(r);
        }
    }
    for (pos, &i) in order.iter().enumerate() {
        if reports[i].is_none() {
            let later = earliest_proof(&proofs, pos, checks[i].signed_end);
            reports[i] = Some(signature(&mut ctx, pos, &sigs[i], &checks[i], later));
        }
    }
    for (pos, &i) in order.iter().enumerate() {
        let Some(mut r) = reports[i].take() else {
            continue;
        };
        r.index = u32::try_from(pos).unwrap_or(u32::MAX);
        if let Some(ch) = analysis.per_signature.get(i) {
            r.modification_level = Some(ch.modification_level);
            r.changes_after = ch.changes_after.clone();
            r.covered = ch.covered.clone();
            r.facts.disallowed_changes = ch.disallowed;
            r.findings.extend(ch.findings.iter().cloned());
        }
        if let Some(h) = i.checked_sub(chained).and_then(|k| hidden.get(k)) {
            r.facts.revision_unreachable = true;
            r.findings
                .insert(0, unreachable_finding(h.hidden_xref, r.signed_length));
        }
        // An unreached signature's range ends in the middle of a chain
        // revision by nature: its finding says why, no change analysis applies.
        if r.coverage == kyso_report::Coverage::Partial
            && !r.facts.format_failure
            && !r.facts.disallowed_changes
            && !r.facts.revision_unreachable
        {
            // Bytes after the signed range that do not form a revision cannot be
            // analysed as an incremental update (ISO 32000-1 §7.5.6): they are
            // an unexplained change after signing.
            r.facts.disallowed_changes = true;
            r.findings.push(Finding::error(
                codes::PDF_COVERAGE_PARTIAL,
                "Chữ ký không bao trùm phần cuối tệp, và phần thêm vào đó không phải là một lần cập nhật hợp lệ: không thể biết nội dung hiển thị có bị thay đổi hay không.",
                "The signature does not cover the end of the file, and what follows is not a valid incremental update: there is no telling whether what is displayed was changed.",
            ));
        }
        report.signatures.push(r);
    }
    read_administrative(&doc, last, &fields, report);
    report.findings.extend(doc.late_warnings());
}

/// Each embedded file verified on its own, as a child report that the PDF's
/// verdict does not count (the PDF's signatures already cover its bytes).
fn verify_embedded(doc: &Document<'_>, nested: &Nested<'_>, report: &mut Report) {
    for (name, data) in doc.embedded_file_data().into_iter().take(nested.max_files) {
        let Some(data) = data else { continue };
        let child = (nested.verify)(&name, &data);
        report.children.push(kyso_report::ChildReport {
            location: format!("embedded:{name}"),
            report: child,
            counts_for_verdict: false,
        });
    }
}

/// What the document says it is (Vietnamese administrative layout), and
/// how that agrees with its signatures: information and warnings only.
fn read_administrative(
    doc: &Document<'_>,
    rev: usize,
    fields: &[kyso_pdf::SigField],
    report: &mut Report,
) {
    if doc.encryption().is_some_and(|e| !e.opened) {
        return;
    }
    let reading = kyso_vn_doc::pdf::read_pdf(doc, rev, fields);
    report.findings.extend(reading.findings());
    report
        .findings
        .extend(kyso_vn_doc::cross_check(&reading.info, &report.signatures));
    let shown =
        !reading.info.is_empty() || reading.info.readability == kyso_report::Readability::Scanned;
    if let Some(d) = report.document.as_mut() {
        d.administrative = shown.then_some(reading.info);
    }
}

/// The signature's revision is in the file but not in the document's
/// cross-reference chain (ISO 32000-1 §7.5.6: each update's `/Prev` names the
/// section before it, so a reader sees only the revisions on the chain).
fn unreachable_finding(hidden_xref: Option<usize>, signed_length: Option<u64>) -> Finding {
    let (len_vi, len_en) = match signed_length {
        Some(n) => (
            format!(" Phiên bản đã ký là {n} byte đầu tiên của tệp."),
            format!(" The signed version is the file's first {n} bytes."),
        ),
        None => (String::new(), String::new()),
    };
    match hidden_xref {
        Some(x) => Finding::error(
            codes::PDF_SIGNED_REVISION_UNREACHABLE,
            format!("Tệp chứa một phiên bản đã ký mà chuỗi bảng tham chiếu chéo (xref) của tài liệu không còn dẫn tới: một lần cập nhật sau đã bỏ qua nó (mục /Prev không trỏ tới bảng xref của phiên bản này, ở byte {x}), nên phiên bản đã ký bị che giấu. Nội dung mà phần mềm đọc PDF hiển thị không phải là nội dung đã được ký.{len_vi}"),
            format!("The file contains a signed revision that its cross-reference chain no longer reaches: a later update skips it (no /Prev leads to this revision's xref section at byte {x}), which hides the signed version. What PDF readers show is not what was signed.{len_en}"),
        ),
        None => Finding::error(
            codes::PDF_SIGNED_REVISION_UNREACHABLE,
            format!("Tệp chứa một chữ ký mà không bảng tham chiếu chéo (xref) nào của tài liệu dẫn tới: phiên bản mà chữ ký này bảo vệ không nằm trong chuỗi phiên bản của tài liệu, nên không thể cho rằng nội dung mà phần mềm đọc PDF hiển thị là nội dung đã được ký.{len_vi}"),
            format!("The file contains a signature that no cross-reference section of the document reaches: the version it signed is not on the document's chain of revisions, so what PDF readers show cannot be taken to be what was signed.{len_en}"),
        ),
    }
}

fn earliest_proof(proofs: &[DocTsProof], pos: usize, signed_end: Option<u64>) -> Option<Time> {
    let end = signed_end?;
    proofs
        .iter()
        .filter(|p| p.order > pos && p.signed_end >= end)
        .map(|p| p.gen_time)
        .min()
}

fn is_doc_ts(s: &SignatureDict) -> bool {
    s.is_doc_timestamp || s.sub_filter.as_deref() == Some("ETSI.RFC3161")
}

/// The common part of every signature report: where it is and what it covers.
fn skeleton(
    pos: usize,
    s: &SignatureDict,
    check: &ByteRangeCheck,
    kind: SignatureKind,
) -> SignatureReport {
    let mut r = SignatureReport::new(u32::try_from(pos).unwrap_or(u32::MAX), kind);
    r.field = s.field_name.clone();
    r.sub_filter = s.sub_filter.clone();
    r.revision = check.revision.and_then(|x| u32::try_from(x + 1).ok());
    r.byte_range = check
        .range
        .map(|a| {
            a.iter()
                .map(|&x| i64::try_from(x).unwrap_or(i64::MAX))
                .collect()
        })
        .or_else(|| {
            s.byte_range
                .as_ref()
                .map(|v| v.iter().filter_map(|o| o.as_int()).collect())
        });
    r.coverage = check.coverage;
    r.signed_length = check.signed_end;
    r.name = s.name.clone();
    r.reason = s.reason.clone();
    r.location = s.location.clone();
    r.contact_info = s.contact_info.clone();
    r.signing_time.pdf_m = s.m.as_deref().and_then(kyso_pdf::parse_pdf_date);
    // ISO 32000-1 §12.8.2.2.2: DocMDP /P defaults to 2.
    r.certification_level = s
        .references
        .iter()
        .find(|x| x.transform_method.as_deref() == Some("DocMDP"))
        .map(|x| x.p.and_then(|p| u8::try_from(p).ok()).unwrap_or(2));
    r.findings.extend(check.findings.iter().cloned());
    if !check.ok || check.range.is_none() {
        r.facts.format_failure = true;
    } else {
        r.findings.push(Finding::passed(
            codes::PDF_BYTE_RANGE_OK,
            "Vùng dữ liệu được ký (ByteRange) đúng quy cách: bắt đầu từ đầu tệp và chỉ chừa đúng chỗ của chữ ký.",
            "The signed byte range is well-formed: it starts at the beginning of the file and leaves out exactly the signature value.",
        ));
    }
    r
}

/// A malformed or fake signature container: record the structural failure
/// (`format_failure`, FORMAT_FAILURE in the verdict) with its explanation.
fn structure_error(code: &str, vi: &str, en: &str, r: &mut SignatureReport) {
    r.facts.format_failure = true;
    r.findings.push(Finding::error(code, vi, en));
}

/// The /Contents value, or a format failure saying why not.
fn contents<'s>(s: &'s SignatureDict, r: &mut SignatureReport) -> Option<&'s [u8]> {
    match s.contents.as_deref() {
        None => {
            structure_error(
                codes::PDF_CONTENTS_MISSING,
                "Từ điển chữ ký không có giá trị chữ ký (/Contents).",
                "The signature dictionary has no signature value (/Contents).",
                r,
            );
            None
        }
        Some(c) if c.iter().all(|&b| b == 0) => {
            structure_error(
                codes::PDF_CONTENTS_EMPTY,
                "Giá trị chữ ký (/Contents) rỗng hoặc toàn số 0: đây không phải là chữ ký thật.",
                "The signature value (/Contents) is empty or all zeros: this is not a real signature.",
                r,
            );
            None
        }
        Some(c) => Some(c),
    }
}

fn signature(
    ctx: &mut Ctx<'_>,
    pos: usize,
    s: &SignatureDict,
    check: &ByteRangeCheck,
    later_doc_ts: Option<Time>,
) -> SignatureReport {
    let mut r = skeleton(pos, s, check, SignatureKind::Signature);
    let Some(value) = contents(s, &mut r) else {
        return r;
    };
    let Some(range) = check.range else {
        r.findings.push(Finding::error(
            codes::PDF_BYTE_RANGE_MISSING,
            "Không xác định được vùng dữ liệu được ký (ByteRange), nên không kiểm tra được chữ ký.",
            "The signed byte range (ByteRange) could not be read, so the signature cannot be checked.",
        ));
        return r;
    };
    match s.sub_filter.as_deref() {
        Some("adbe.x509.rsa_sha1") => x509_rsa_sha1(ctx, s, value, range, later_doc_ts, &mut r),
        sf => {
            if !matches!(
                sf,
                Some("adbe.pkcs7.detached" | "ETSI.CAdES.detached" | "adbe.pkcs7.sha1")
            ) {
                r.findings.push(Finding::warning(
                    codes::PDF_SUB_FILTER_UNKNOWN,
                    format!("Kiểu chữ ký (/SubFilter) “{}” không phải kiểu chuẩn; Kyso thử đọc như chữ ký CMS tách rời.", sf.unwrap_or("(không có)")),
                    format!("The signature type (/SubFilter) “{}” is not a standard one; Kyso tries it as a detached CMS signature.", sf.unwrap_or("(none)")),
                ));
            }
            cms_signature(ctx, s, value, range, later_doc_ts, &mut r)
        }
    }
    r
}

fn cms_signature(
    ctx: &mut Ctx<'_>,
    s: &SignatureDict,
    value: &[u8],
    range: [u64; 4],
    later_doc_ts: Option<Time>,
    r: &mut SignatureReport,
) {
    let sd = match kyso_cms::parse_signed_data(value, &kyso_cms::Limits::default()) {
        Ok(sd) => sd,
        Err(e) => {
            r.facts.format_failure = true;
            r.findings.push(e.to_finding());
            r.findings.push(Finding::error(
                codes::PDF_CMS_UNREADABLE,
                "Giá trị chữ ký không phải là một cấu trúc CMS/PKCS#7 đọc được.",
                "The signature value is not a readable CMS/PKCS#7 structure.",
            ));
            return;
        }
    };
    r.findings.extend(sd.findings().iter().cloned());
    match sd.signer_count() {
        0 => {
            structure_error(
                codes::PDF_CMS_NO_SIGNER,
                "Cấu trúc CMS không có thông tin người ký (SignerInfo) nào.",
                "The CMS structure holds no SignerInfo.",
                r,
            );
            return;
        }
        1 => {}
        n => {
            r.facts.ambiguous_signer = true;
            r.findings.push(Finding::error(
                codes::PDF_CMS_SEVERAL_SIGNERS,
                format!("Một chữ ký PDF phải có đúng một người ký, ở đây có {n}: không xác định được ai đã ký."),
                format!("A PDF signature must have exactly one signer; this one has {n}: who signed cannot be determined."),
            ));
        }
    }
    let sha1_pkcs7 = s.sub_filter.as_deref() == Some("adbe.pkcs7.sha1");
    let hasher = &ctx.hasher;
    let detached = |alg: DigestAlg| hasher.digest(range, alg);
    let content = if sha1_pkcs7 {
        Content::Encapsulated
    } else {
        Content::Detached(&detached)
    };
    let mut res = kyso_cms::verify_signer(&sd, 0, content, &ctx.policy);
    if sha1_pkcs7 {
        // ISO 32000-1 §12.8.3.3.1: for adbe.pkcs7.sha1 the encapsulated content
        // is the SHA-1 digest of the byte ranges.
        let ranges_sha1 = hasher.digest(range, DigestAlg::Sha1);
        match sd.encapsulated_content() {
            Some(e) if e == ranges_sha1.as_slice() => r.findings.push(Finding::passed(
                codes::PDF_PKCS7_SHA1_DIGEST_OK,
                "Giá trị băm SHA-1 được ký khớp với nội dung tài liệu.",
                "The signed SHA-1 digest matches the document bytes.",
            )),
            _ => {
                res.digest_matches = Some(false);
                r.findings.push(Finding::error(
                    codes::PDF_PKCS7_SHA1_DIGEST_MISMATCH,
                    "Giá trị băm SHA-1 được ký không khớp với nội dung tài liệu: tài liệu đã bị thay đổi.",
                    "The signed SHA-1 digest does not match the document bytes: the document was changed.",
                ));
            }
        }
    } else if sd.encapsulated_content().is_some() {
        if matches!(
            s.sub_filter.as_deref(),
            Some("adbe.pkcs7.detached" | "ETSI.CAdES.detached")
        ) {
            // ISO 32000-2 §12.8.3.3 (CMS signatures in PDF; ETSI.CAdES.detached
            // is the same detached SignedData, ETSI EN 319 142-1): the document
            // is the external content and no data shall be encapsulated in the
            // SignedData. eContent is a second candidate for "what was signed":
            // verifiers that read it and verifiers that read the byte ranges can
            // disagree. Verdict: TOTAL_FAILED/FORMAT_FAILURE, not INDETERMINATE.
            // ETSI EN 319 102-1 (§5.1.3, Table 5) gives FORMAT_FAILURE, "not
            // conformant to one of the base standards", under TOTAL-FAILED, and
            // keeps INDETERMINATE for what more information (a certificate, a
            // proof of time, a trust anchor) might still decide; nothing can
            // make this SignedData conformant. The fact `format_failure` gives
            // exactly that, as for the other malformed signature containers;
            // pyHanko likewise refuses it (AdESFailure.FORMAT_FAILURE).
            structure_error(
                codes::PDF_CMS_CONTENT_ENCAPSULATED,
                "Chữ ký PDF kiểu tách rời (adbe.pkcs7.detached, ETSI.CAdES.detached) lại chứa nội dung bên trong cấu trúc CMS (eContent), điều ISO 32000-2 §12.8.3.3 không cho phép: không xác định được rõ chữ ký bảo vệ nội dung nào. Chữ ký không hợp lệ về định dạng.",
                "A detached PDF signature (adbe.pkcs7.detached, ETSI.CAdES.detached) carries encapsulated content (eContent) in its CMS structure, which ISO 32000-2 §12.8.3.3 forbids: what the signature protects is ambiguous. The signature is malformed.",
                r,
            );
        } else {
            r.findings.push(Finding::warning(
                codes::PDF_CMS_CONTENT_NOT_DETACHED,
                "Chữ ký PDF kiểu tách rời nhưng lại chứa nội dung bên trong CMS; nội dung này bị bỏ qua.",
                "A detached PDF signature carries encapsulated content; it is ignored.",
            ));
        }
    }
    if s.sub_filter.as_deref() == Some("ETSI.CAdES.detached") {
        pades_rules(&res, r);
    }

    // Timestamps (RFC 3161 Appendix A: the imprint covers the signature value).
    let mut extra: Vec<Vec<u8>> = sd.certificates().iter().map(|c| c.der.clone()).collect();
    extra.extend(ctx.dss.certs.iter().cloned());
    let evidence = gather_evidence(&sd, &res, &ctx.dss);
    extra.extend(evidence.certs.iter().cloned());
    let mut ts_proof = None;
    for (k, tok) in res.timestamp_tokens.iter().enumerate().take(4) {
        let sigval = res.signature_value.clone();
        let out = verify_timestamp(
            tok,
            &|a| a.digest(&sigval),
            &extra,
            &evidence,
            &ctx.store,
            &ctx.policy,
        );
        if !out.valid {
            r.facts.timestamp_invalid = true;
        }
        if out.valid && out.info.trusted {
            ts_proof = match (ts_proof, out.info.gen_time) {
                (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
                (a, b) => a.or(b),
            };
        }
        if k == 0 || r.timestamp.is_none() {
            r.timestamp = Some(out.info);
        }
    }
    if let Some(t) = ts_proof.or(later_doc_ts) {
        res.reassess_with_poe(&ctx.policy, Some(t));
    }
    apply_signer(r, &res, &sd);
    if sha1_pkcs7 {
        // The document itself is bound by SHA-1 whatever digest the SignerInfo
        // names: judge SHA-1 for a signature (ETSI TS 119 312).
        let poe = ts_proof.or(later_doc_ts).map(|t| t.0);
        if let Acceptance::Rejected { reason, no_poe } =
            ctx.policy.digest(DigestAlg::Sha1, Use::Signature, poe)
        {
            r.facts.weak_algorithm = true;
            r.facts.weak_algorithm_no_poe |= no_poe;
            r.findings.push(Finding::error(
                codes::PDF_PKCS7_SHA1_WEAK,
                format!("Tài liệu được gắn với chữ ký bằng SHA-1, thuật toán không còn đủ an toàn: {reason}."),
                format!("The document is bound to the signature by SHA-1, which is no longer safe: {reason}."),
            ));
        }
    }
    r.signing_time.timestamp = ts_proof;
    if let Some(n) = local_time_note(r.signing_time.cms_signing_time, ts_proof) {
        r.signing_time.notes.push(n);
    }
    let Some(leaf) = res
        .signer_cert
        .and_then(|i| sd.certificates().get(i))
        .map(|c| c.der.clone())
    else {
        return;
    };
    let claimed = r.signing_time.cms_signing_time.or(r.signing_time.pdf_m);
    let sig_proof = ctx.clock.usable(ts_proof);
    let when = ctx
        .clock
        .time_for(sig_proof.or(ctx.clock.usable(later_doc_ts)), claimed);
    let recheck = ctx.clock.recheck_at();
    let (trust, rev) = validate_signer(&leaf, &extra, when, recheck, &evidence, &ctx.store);
    r.trust = trust;
    r.revocation = rev;
    chosen_time_notes(&mut r.trust, ts_proof.or(later_doc_ts), claimed);
    if r.trust.validation_time_source == Some(ValidationTimeSource::Timestamp)
        && sig_proof.is_none()
    {
        r.trust.findings.push(Finding::info(
            kyso_validation::codes::TRUST_TIME_DOCUMENT_TIMESTAMP,
            "Thời điểm kiểm tra lấy từ một dấu thời gian tài liệu được thêm sau chữ ký này.",
            "The validation time comes from a document timestamp added after this signature.",
        ));
    }
}

/// PAdES baseline (ETSI EN 319 142-1 §6.3): ETSI.CAdES.detached requires the
/// ESS signing-certificate-v2 attribute and forbids the signingTime attribute
/// (the time goes in /M).
fn pades_rules(res: &kyso_cms::SignerResult, r: &mut SignatureReport) {
    if res.signing_certificate_ref_ok.is_none() {
        r.findings.push(Finding::warning(
            codes::PADES_SIGNING_CERTIFICATE_MISSING,
            "Chữ ký PAdES thiếu thuộc tính tham chiếu chứng thư người ký (signing-certificate-v2) mà chuẩn PAdES yêu cầu.",
            "The PAdES signature lacks the signing-certificate-v2 attribute that PAdES requires.",
        ));
    }
    if res.signing_time.is_some() {
        r.findings.push(Finding::warning(
            codes::PADES_SIGNING_TIME_ATTRIBUTE,
            "Chữ ký PAdES chứa thuộc tính signingTime, điều chuẩn PAdES không cho phép (thời điểm ký phải ghi ở /M).",
            "The PAdES signature carries a signingTime attribute, which PAdES forbids (the time belongs in /M).",
        ));
    }
}

/// Revocation evidence for a signer: CMS `crls` and `otherRevInfo` (RFC 5652
/// §10.2.1), Adobe's `adbe-revocationInfoArchival` signed attribute (ISO 32000-1
/// §12.8.3.3.2), and the document's DSS/VRI.
fn gather_evidence(
    sd: &kyso_cms::SignedDataView,
    res: &kyso_cms::SignerResult,
    dss: &RevocationEvidence,
) -> RevocationEvidence {
    let mut ev = RevocationEvidence {
        crls: sd.crls().to_vec(),
        ocsp: sd.ocsp_responses().map(<[u8]>::to_vec).collect(),
        certs: Vec::new(),
    };
    if let Some(a) = &res.revocation_info_archival {
        ev.extend(kyso_pki::parse_revocation_info_archival(a));
    }
    ev.extend(dss.clone());
    ev
}

/// adbe.x509.rsa_sha1 (ISO 32000-1 §12.8.3.2): /Contents is a DER OCTET STRING
/// holding a PKCS#1 v1.5 signature over the SHA-1 of the byte ranges; the
/// signer certificate is the first of /Cert.
fn x509_rsa_sha1(
    ctx: &mut Ctx<'_>,
    s: &SignatureDict,
    value: &[u8],
    range: [u64; 4],
    later_doc_ts: Option<Time>,
    r: &mut SignatureReport,
) {
    use der::Decode;
    let Some(sig_value) = der_octet_string(value) else {
        structure_error(
            codes::PDF_RSA_SHA1_BAD_CONTENTS,
            "Giá trị chữ ký adbe.x509.rsa_sha1 không phải là một OCTET STRING DER.",
            "The adbe.x509.rsa_sha1 signature value is not a DER OCTET STRING.",
            r,
        );
        return;
    };
    let Some(leaf) = s.cert.first() else {
        r.findings.push(Finding::error(
            codes::PDF_RSA_SHA1_NO_CERTIFICATE,
            "Chữ ký adbe.x509.rsa_sha1 không kèm chứng thư của người ký (/Cert).",
            "The adbe.x509.rsa_sha1 signature carries no signer certificate (/Cert).",
        ));
        return;
    };
    let Ok(cert) = x509_cert::Certificate::from_der(leaf) else {
        r.findings.push(Finding::error(
            codes::PDF_RSA_SHA1_BAD_CERTIFICATE,
            "Chứng thư trong /Cert không đọc được.",
            "The certificate in /Cert could not be read.",
        ));
        return;
    };
    r.facts.signer_certificate_found = true;
    r.signer = kyso_pki::describe_certificate(leaf);
    let spki = cert.tbs_certificate.subject_public_key_info;
    let alg = SignatureAlg::RsaPkcs1v15(DigestAlg::Sha1);
    r.algorithms.digest = Some("SHA-1".into());
    r.algorithms.signature = Some(alg.name());
    let key = KeyInfo::from_spki(&spki).ok();
    r.algorithms.public_key = key.as_ref().map(|k| k.description());
    let digest = ctx.hasher.digest(range, DigestAlg::Sha1);
    match kyso_crypto::verify_signature(
        &alg,
        &spki,
        Message::Digest(DigestAlg::Sha1, &digest),
        sig_value,
    ) {
        Ok(_) => {
            r.facts.digest_matches = Some(true);
            r.facts.crypto_valid = Some(true);
            r.findings.push(Finding::passed(
                codes::PDF_RSA_SHA1_VALID,
                "Chữ ký RSA trên giá trị băm SHA-1 của tài liệu là đúng.",
                "The RSA signature over the document's SHA-1 digest verifies.",
            ));
        }
        Err(kyso_crypto::CryptoError::BadSignature) => {
            // PKCS#1 v1.5 cannot tell a changed document from a wrong value.
            r.facts.crypto_valid = Some(false);
            r.findings.push(Finding::error(
                codes::PDF_RSA_SHA1_INVALID,
                "Chữ ký RSA không khớp: tài liệu đã bị thay đổi hoặc giá trị chữ ký sai.",
                "The RSA signature does not verify: the document was changed or the signature value is wrong.",
            ));
        }
        Err(e) => {
            r.facts.unsupported_algorithm = true;
            r.findings.push(Finding::warning(
                codes::PDF_RSA_SHA1_UNSUPPORTED,
                format!("Không kiểm tra được chữ ký: {e}."),
                format!("The signature could not be checked: {e}."),
            ));
        }
    }
    let poe = later_doc_ts.map(|t| t.0);
    let mut judge = |a: Acceptance| {
        if let Acceptance::Rejected { reason, no_poe } = a {
            r.facts.weak_algorithm = true;
            r.facts.weak_algorithm_no_poe |= no_poe;
            r.findings.push(Finding::error(
                codes::ALGORITHM_WEAK,
                format!("Thuật toán không còn đủ an toàn theo chính sách: {reason}."),
                format!("Algorithm rejected by policy: {reason}."),
            ));
        }
    };
    judge(ctx.policy.digest(DigestAlg::Sha1, Use::Signature, poe));
    if let Some(k) = &key {
        judge(ctx.policy.key(k, poe));
    }
    let mut candidates: Vec<Vec<u8>> = s.cert.iter().skip(1).cloned().collect();
    candidates.extend(ctx.dss.certs.iter().cloned());
    let claimed = r.signing_time.pdf_m;
    let when = ctx.clock.time_for(ctx.clock.usable(later_doc_ts), claimed);
    let recheck = ctx.clock.recheck_at();
    let (trust, rev) = validate_signer(leaf, &candidates, when, recheck, &ctx.dss, &ctx.store);
    r.trust = trust;
    r.revocation = rev;
    chosen_time_notes(&mut r.trust, later_doc_ts, claimed);
}

/// The content octets of a DER OCTET STRING at the start of `b` (zero padding
/// after it, as PDF writers leave in /Contents, is ignored).
fn der_octet_string(b: &[u8]) -> Option<&[u8]> {
    if b.first() != Some(&0x04) {
        return None;
    }
    let first = *b.get(1)?;
    let (len, hdr) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for k in 0..n {
            len = (len << 8) | *b.get(2 + k)? as usize;
        }
        (len, 2 + n)
    };
    let body = b.get(hdr..hdr.checked_add(len)?)?;
    b[hdr + len..].iter().all(|&x| x == 0).then_some(body)
}

/// A document timestamp (ETSI.RFC3161, ISO 32000-2 §12.8.5): /Contents is a
/// timestamp token whose imprint covers the byte ranges.
fn document_timestamp(
    ctx: &Ctx<'_>,
    pos: usize,
    s: &SignatureDict,
    check: &ByteRangeCheck,
    later: Option<Time>,
) -> SignatureReport {
    let mut r = skeleton(pos, s, check, SignatureKind::DocumentTimestamp);
    let Some(value) = contents(s, &mut r) else {
        return r;
    };
    let Some(range) = check.range else { return r };
    let hasher = &ctx.hasher;
    let out = verify_timestamp(
        value,
        &|a| hasher.digest(range, a),
        &ctx.dss.certs,
        &ctx.dss,
        &ctx.store,
        &ctx.policy,
    );
    let Some(res) = &out.result else {
        r.facts.format_failure = true;
        r.findings.extend(out.info.findings.iter().cloned());
        r.timestamp = Some(out.info);
        return r;
    };
    let f = &mut r.facts;
    f.signer_certificate_found = res.tsa_cert.is_some();
    f.digest_matches = res.imprint_matches;
    f.crypto_valid = match (res.signer.digest_matches, res.signer.crypto_valid) {
        (Some(true), Some(true)) => Some(true),
        (Some(false), _) | (_, Some(false)) => Some(false),
        _ => None,
    };
    f.format_failure |= res.signer.format_failure;
    f.unsupported_algorithm |= res.signer.unsupported_algorithm;
    r.algorithms.digest = out.info.imprint_algorithm.clone();
    r.algorithms.signature = res.signer.signature_alg.clone();
    r.algorithms.public_key = res.signer.public_key.clone();
    r.signer = out.info.authority.clone();
    r.signing_time.timestamp = out.info.gen_time;
    if let Some(leaf) = &out.tsa_cert {
        // The token is validated now, or at a later document timestamp's time
        // (ETSI EN 319 102-1 §5.6.2.4, PAdES-LTA chains of timestamps); under
        // a chosen time `t`, at `t` or a later document timestamp's time not after `t`.
        let when = ctx.clock.time_for(ctx.clock.usable(later), None);
        let (trust, rev) = validate_path(
            leaf,
            &ctx.dss.certs,
            when,
            KeyPurpose::TimeStamping,
            &ctx.dss,
            &ctx.store,
        );
        r.trust = trust;
        r.revocation = rev;
        chosen_time_notes(&mut r.trust, out.info.gen_time, None);
    }
    r.findings.extend(out.info.findings.iter().cloned());
    r.timestamp = Some(out.info);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn octet_string_with_padding() {
        assert_eq!(
            der_octet_string(&[0x04, 0x02, 0xaa, 0xbb, 0, 0]),
            Some(&[0xaa, 0xbb][..])
        );
        assert_eq!(
            der_octet_string(&[0x04, 0x81, 0x01, 0xaa]),
            Some(&[0xaa][..])
        );
        assert_eq!(
            der_octet_string(&[0x04, 0x02, 0xaa, 0xbb, 1]),
            None,
            "non-zero trailing bytes"
        );
        assert_eq!(der_octet_string(&[0x04, 0x05, 0xaa]), None, "truncated");
        assert_eq!(der_octet_string(&[0x30, 0x00]), None);
        assert_eq!(der_octet_string(&[0x04, 0x85, 1, 1, 1, 1, 1]), None);
    }

    #[test]
    fn range_hasher_hashes_once_per_algorithm() {
        let bytes = b"0123456789";
        let h = RangeHasher {
            bytes,
            cache: RefCell::new(HashMap::new()),
        };
        let d = h.digest([0, 3, 5, 5], DigestAlg::Sha256);
        assert_eq!(d, DigestAlg::Sha256.digest(b"01256789"));
        let _ = h.digest([0, 3, 5, 5], DigestAlg::Sha256);
        let _ = h.digest([0, 3, 5, 5], DigestAlg::Sha1);
        assert_eq!(h.cache.borrow().len(), 2);
    }
}
