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
mod doc_timestamp;
mod dss;
mod hasher;
mod rsa_sha1;
mod signature;

use doc_timestamp::document_timestamp;
use dss::dss_evidence;
pub use hasher::Progress;
use hasher::RangeHasher;
use kyso_crypto::policy::AlgorithmPolicy;
pub use kyso_crypto::DigestAlg;
use kyso_pdf::{Document, Limits, SignatureDict};
use kyso_pki::{RevocationEvidence, TrustStore};
use kyso_report::{DocumentInfo, Finding, InputError, Report, SignatureReport, Time};
use kyso_source::Source;
use kyso_validation::trust::{build_store, Clock};
use kyso_validation::ValidationOptions;
use signature::signature;

/// Signature dictionaries examined in one PDF (chained and unreached
/// together). Real documents carry a handful (a Vietnamese official document:
/// the signer's and the agency's, 1–5; long approval chains stay well under
/// 100); EU DSS and pyHanko have no explicit cap but their cost grows with
/// every dictionary. Beyond it the rest is not examined and the document is
/// INDETERMINATE (`Report::budget_exceeded`), so a file of thousands of tiny
/// dictionaries costs at most this many checks and this many report entries.
pub const MAX_SIGNATURES_EXAMINED: usize = 500;

/// Everything shared by the signatures of one document.
struct Ctx<'a> {
    hasher: &'a RangeHasher<'a>,
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

pub use kyso_validation::Nested;

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
    verify_pdf_source(
        &kyso_source::Bytes(bytes),
        opts,
        nested,
        report,
        None,
        &KnownDigests::default(),
    );
}

/// [`verify_pdf`] over a [`Source`]: the parser reads what the structure
/// needs, and the signed byte ranges are hashed in one chunked pass over the
/// file that also computes the file's SHA-256, returned when the pass ran
/// (`None`: the document was not read that far, or the caller hashes the
/// file itself, [`KnownDigests::fingerprint_later`]).
/// `progress(done, total)` is called as the pass goes. A read that fails
/// (the file changed or vanished) leaves `report.error` set: nothing is
/// concluded about the document. Digests in `known` ([`digest_plan`]) are
/// taken as given and not computed again; the pass then only reads the
/// file for `/ByteRange` and what `known` lacks.
pub fn verify_pdf_source(
    src: &dyn Source,
    opts: &ValidationOptions<'_>,
    nested: Option<&Nested<'_>>,
    report: &mut Report,
    progress: Option<Progress<'_>>,
    known: &KnownDigests,
) -> Option<Vec<u8>> {
    let mut file_digest = None;
    let doc = match Document::parse_source(src, &Limits::default()) {
        Ok(d) => d,
        Err(e) => {
            let f = e.to_finding();
            report.error = Some(InputError {
                code: f.code,
                message_vi: f.message_vi,
                message_en: f.message_en,
            });
            return None;
        }
    };
    let hasher = RangeHasher::with_known(src, known);
    verify_document(
        &doc,
        &hasher,
        opts,
        nested,
        report,
        progress,
        &mut file_digest,
    );
    let read_error = doc.read_error().or_else(|| hasher.error.borrow().clone());
    if let Some(e) = read_error {
        report.error = Some(kyso_report::input_unreadable(&e.0));
        report.signatures.clear();
        return None;
    }
    file_digest
}

/// The signed ranges the chain reaches and the digest algorithms the
/// signatures name (SHA-256 always: the fingerprint).
fn digest_targets(
    sigs: &[SignatureDict],
    checks: &[kyso_pdf::byte_range::ByteRangeCheck],
) -> (Vec<[u64; 4]>, Vec<DigestAlg>) {
    let ranges: Vec<[u64; 4]> = checks.iter().filter_map(|c| c.range).collect();
    let mut algs = vec![DigestAlg::Sha256];
    for s in sigs {
        if s.sub_filter.as_deref() == Some("adbe.pkcs7.sha1") && !algs.contains(&DigestAlg::Sha1) {
            algs.push(DigestAlg::Sha1);
        }
        let named = s
            .contents
            .as_deref()
            .and_then(|c| kyso_cms::parse_signed_data(c, &kyso_cms::Limits::default()).ok());
        for a in named.iter().flat_map(|sd| sd.digest_algorithms()) {
            if let Some(d) = DigestAlg::from_oid(&a.oid) {
                if !algs.contains(&d) {
                    algs.push(d);
                }
            }
        }
    }
    (ranges, algs)
}

/// The byte intervals of a signed range, in order: `[a, b)` then `[c, d)`.
pub type RangeParts = [(u64, u64); 2];

/// What [`verify_pdf_source`]'s pass would hash, for a caller that can hash
/// faster than this crate (the browser's WebCrypto, a one-shot native
/// digest over the whole buffer) and hands the results back in
/// [`KnownDigests`]: the file's SHA-256 and, for every signed range in
/// `ranges` (the parts to hash, in order, already clamped to the file), each
/// algorithm in `algs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestPlan {
    /// Each signed range: its `/ByteRange` value (the key in
    /// [`KnownDigests::ranges`]) and the byte intervals to hash, in order.
    pub ranges: Vec<([u64; 4], RangeParts)>,
    /// The algorithms each range is hashed with.
    pub algs: Vec<DigestAlg>,
    /// What the signatures say the digests of their ranges are — a CMS
    /// signer's `messageDigest` attribute, a document timestamp's
    /// `messageImprint` — as `(ByteRange value, algorithm, digest)`. Claims
    /// read from the file, never checked here: see [`KnownDigests::guessed`].
    pub claims: Vec<([u64; 4], DigestAlg, Vec<u8>)>,
}

/// The digest a signature says its signed range has: the `messageDigest`
/// of a detached CMS signature with one signer, a document timestamp's
/// `messageImprint`. `None` for anything else (`adbe.pkcs7.sha1`, no signed
/// attributes, several signers, unreadable).
fn claimed_digest(s: &SignatureDict) -> Option<(DigestAlg, Vec<u8>)> {
    let c = s.contents.as_deref()?;
    let limits = kyso_cms::Limits::default();
    if is_doc_ts(s) {
        let t = kyso_cms::tsp::parse_token(c, &limits).ok()?;
        return Some((t.imprint_alg?, t.imprint));
    }
    let sd = kyso_cms::parse_signed_data(c, &limits).ok()?;
    if sd.encapsulated_content().is_some() {
        return None;
    }
    let [si] = sd.signer_infos() else {
        return None;
    };
    let alg = DigestAlg::from_oid(&si.digest_algorithm.oid)?;
    Some((alg, si.claimed_message_digest()?.to_vec()))
}

/// Parse the PDF in `src` and say what its verification will hash
/// ([`DigestPlan`]); `None` when it cannot be parsed (verification will say
/// why) or the file could not be read.
pub fn digest_plan(src: &dyn Source) -> Option<DigestPlan> {
    let doc = Document::parse_source(src, &Limits::default()).ok()?;
    let mut sigs = doc.signatures();
    // Unlike the pass, a caller hashes each range whole (WebCrypto cannot
    // share a prefix between digests): a file of thousands of signatures
    // gets a plan for the first ones only; the core hashes the rest.
    sigs.truncate(MAX_SIGNATURES_EXAMINED);
    let checks = kyso_pdf::byte_range::check_all(&doc, &sigs);
    let (ranges, algs) = digest_targets(&sigs, &checks);
    if doc.read_error().is_some() {
        return None;
    }
    let len = src.len();
    let mut plan = DigestPlan {
        ranges: Vec::new(),
        algs,
        claims: Vec::new(),
    };
    for (s, c) in sigs.iter().zip(&checks) {
        if let (Some(r), Some((alg, digest))) = (c.range, claimed_digest(s)) {
            plan.claims.push((r, alg, digest));
        }
    }
    for r in ranges {
        // Only what the pass would take (hasher::one_pass): the rest is
        // hashed on demand, as without a plan.
        if hasher::forward(r) && !plan.ranges.iter().any(|(k, _)| *k == r) {
            plan.ranges.push((r, hasher::intervals(r, len)));
        }
    }
    Some(plan)
}

/// Digests computed by the caller for a [`DigestPlan`], over the same bytes
/// as the source it then verifies. Used as given: a wrong digest here is a
/// wrong verdict, so only code that computed them from those bytes may
/// supply them (never options from a web page).
#[derive(Debug, Clone, Default)]
pub struct KnownDigests {
    /// SHA-256 of the whole file.
    pub file_sha256: Option<Vec<u8>>,
    /// `(ByteRange value, algorithm, digest)`.
    pub ranges: Vec<([u64; 4], DigestAlg, Vec<u8>)>,
    /// Where `/ByteRange` occurs in the file ([`byte_range_keys`]), for the
    /// search for signatures the cross-reference chain does not reach. With
    /// it and every planned digest given, verification reads no more of the
    /// file than the parser needs.
    pub byte_range_keys: Option<Vec<usize>>,
    /// The caller computes the file's SHA-256 fingerprint itself, after the
    /// verdict (no part of the verdict depends on it; the browser hashes the
    /// signed ranges first and shows the verdict without waiting for a
    /// second pass over the file): no pass computes it, and
    /// [`verify_pdf_source`] returns no file digest.
    pub fingerprint_later: bool,
}

impl KnownDigests {
    /// A guess at every digest of `plan` (each range with each algorithm):
    /// what the signatures claim ([`DigestPlan::claims`]), so that a caller
    /// can verify while it computes the real digests on another thread.
    /// `None` when some planned digest has no claim, or two claims for it
    /// differ (one of them is wrong, and the guess with it).
    ///
    /// A report verified with a guess is a report of the file **only** when
    /// the guess is [`confirmed_by`](Self::confirmed_by) the digests
    /// computed from the very bytes verified: verification with known
    /// digests is a function of the bytes and those digests alone (tested
    /// in kyso-core's `known_digests`), so with the same digests it is the
    /// same report. Otherwise — a file changed after signing, whose claims
    /// no longer hold — the caller verifies again with the computed ones.
    pub fn guessed(plan: &DigestPlan) -> Option<KnownDigests> {
        let mut ranges = Vec::new();
        for (key, _) in &plan.ranges {
            for &alg in &plan.algs {
                let mut said = plan
                    .claims
                    .iter()
                    .filter(|(r, a, _)| r == key && *a == alg)
                    .map(|(_, _, d)| d);
                let first = said.next()?;
                if said.any(|d| d != first) {
                    return None;
                }
                ranges.push((*key, alg, first.clone()));
            }
        }
        Some(KnownDigests {
            ranges,
            fingerprint_later: true,
            ..Default::default()
        })
    }

    /// Whether every range digest in `self` (a [guess](Self::guessed)) is
    /// in `computed` with the same value: the computed digests cover at
    /// least what was guessed, and agree with it byte for byte.
    pub fn confirmed_by(&self, computed: &[([u64; 4], DigestAlg, Vec<u8>)]) -> bool {
        self.ranges.iter().all(|(r, a, d)| {
            computed
                .iter()
                .any(|(cr, ca, cd)| cr == r && ca == a && cd == d)
        })
    }
}

/// Where `/ByteRange` occurs in `src` (the first [`kyso_pdf::MAX_HITS`]),
/// in one chunked pass: what verification searches for signatures that the
/// cross-reference chain does not reach. A caller that hashes on another
/// thread ([`KnownDigests`]) runs it meanwhile.
pub fn byte_range_keys(src: &dyn Source) -> Result<Vec<usize>, kyso_source::ReadError> {
    hasher::scan(src, kyso_pdf::BYTE_RANGE_KEY, kyso_pdf::MAX_HITS)
}

fn verify_document<'a>(
    doc: &Document<'_>,
    hasher: &'a RangeHasher<'a>,
    opts: &ValidationOptions<'_>,
    nested: Option<&Nested<'_>>,
    report: &mut Report,
    progress: Option<Progress<'_>>,
    file_digest: &mut Option<Vec<u8>>,
) {
    // The parser's "needs a password" is said once, below, as
    // `core.pdf.encrypted_locked` with what it means for the verdict.
    let needs_password = kyso_pdf::PdfError::NeedsPassword.code();
    report.findings.extend(
        doc.warnings()
            .iter()
            .filter(|w| w.code != needs_password)
            .cloned(),
    );
    let revs = doc.revisions().len();
    let last = revs.saturating_sub(1);
    let fields = doc.signature_fields(last);
    // The page tree is walked once: the count, the sizes, the scripts and the
    // administrative reading all use this list.
    let pages = doc.pages(last).ok();
    let page_list = pages.clone().unwrap_or_default();
    let embedded = doc.embedded_files_with_data(nested.is_some());
    report.document = Some(DocumentInfo {
        pdf_version: doc.version(),
        page_count: pages
            .as_ref()
            .map(|p| u32::try_from(p.len()).unwrap_or(u32::MAX)),
        revision_count: Some(u32::try_from(revs).unwrap_or(u32::MAX)),
        signature_field_count: Some(u32::try_from(fields.len()).unwrap_or(u32::MAX)),
        encryption: doc.encryption().map(|e| e.info()),
        metadata: doc.metadata(),
        xmp: doc.xmp_metadata(),
        page_sizes: doc.page_sizes_of(last, &page_list),
        language: doc.language(last),
        tagged: doc.tagged(last),
        form_field_count: doc.form(last).map(|(n, _)| n),
        xfa: doc.form(last).is_some_and(|(_, x)| x),
        javascript: doc.javascript_of(last, &page_list),
        embedded_files: embedded.iter().map(|(f, _)| f.clone()).collect(),
        administrative: None,
        edxml: None,
    });
    if let Some(n) = nested {
        verify_embedded(embedded, n, report);
    }
    if let Some(e) = doc.encryption() {
        report.findings.push(if e.opened {
            Finding::info(
                codes::PDF_ENCRYPTED,
                format!("Tài liệu được mã hóa ({}) và mở được với mật khẩu rỗng; chữ ký vẫn được kiểm tra trên các byte như đã nhận.", e.algorithm),
                format!("The document is encrypted ({}) and opens with the empty password; signatures are checked over the bytes as received.", e.algorithm),
            )
        } else {
            // What is inside encrypted objects (object streams, pages, the
            // form) cannot be read: neither "no signature" nor "unchanged
            // since signing" can be concluded.
            report.needs_password = true;
            Finding::warning(
                codes::PDF_ENCRYPTED_LOCKED,
                format!("Tài liệu được mã hóa ({}) và cần mật khẩu: chỉ kiểm tra được phần chữ ký, không đọc được nội dung.", e.algorithm),
                format!("The document is encrypted ({}) and needs a password: only the signatures can be checked, not the content.", e.algorithm),
            )
        });
    }

    let mut sigs = doc.signatures();
    // One pass over the file for every signed range the chain reaches, the
    // file's fingerprint, and where `/ByteRange` occurs (for the signatures
    // the chain does not reach), with the algorithms the signatures name.
    let known_checks = kyso_pdf::byte_range::check_all(doc, &sigs);
    let (ranges, algs) = digest_targets(&sigs, &known_checks);
    let pass = hasher.one_pass(
        &ranges,
        &algs,
        (kyso_pdf::BYTE_RANGE_KEY, kyso_pdf::MAX_HITS),
        progress,
    );
    // Signature dictionaries in the bytes that the cross-reference chain does
    // not reach (an update whose /Prev skips the signed revision): listed,
    // never a silent "no signature".
    let mut hidden = match &pass {
        Some((_, hits)) => doc.unreached_signatures_at(&sigs, hits),
        // The pass could not read the file (the caller reports it).
        None => Vec::new(),
    };
    *file_digest = pass.and_then(|(d, _)| d);
    if sigs.len() + hidden.len() > MAX_SIGNATURES_EXAMINED {
        let total = sigs.len() + hidden.len();
        report.findings.push(Finding::warning(
            codes::PDF_TOO_MANY_SIGNATURES,
            format!("Tài liệu có {total} từ điển chữ ký, nhiều hơn giới hạn {MAX_SIGNATURES_EXAMINED} mà Kyso kiểm tra: chỉ {MAX_SIGNATURES_EXAMINED} chữ ký đầu tiên (theo thứ tự phiên bản) được kiểm tra, nên không thể kết luận tài liệu hợp lệ. Không văn bản thật nào có nhiều chữ ký như vậy; đây có thể là tệp được tạo ra để làm treo trình kiểm tra."),
            format!("The document has {total} signature dictionaries, more than the {MAX_SIGNATURES_EXAMINED} Kyso examines: only the first {MAX_SIGNATURES_EXAMINED} (in revision order) are checked, so the document cannot be called valid. No real document carries that many; the file may be built to exhaust verifiers."),
        ));
        report.budget_exceeded = true;
        sigs.truncate(MAX_SIGNATURES_EXAMINED);
        hidden.truncate(MAX_SIGNATURES_EXAMINED - sigs.len());
    }
    let unsigned = fields.iter().filter(|f| f.value.is_none()).count();
    if unsigned > 0 {
        report.findings.push(Finding::info(
            codes::PDF_EMPTY_SIGNATURE_FIELDS,
            format!("Tài liệu có {unsigned} ô chữ ký chưa được ký."),
            format!("The document has {unsigned} signature field(s) not signed yet."),
        ));
    }
    if sigs.is_empty() && hidden.is_empty() {
        read_administrative(doc, last, &fields, &page_list, report);
        document_notes(doc, report);
        return;
    }
    let mut checks = known_checks;
    // Cut as the signatures were (MAX_SIGNATURES_EXAMINED).
    checks.truncate(sigs.len());
    // Changes are analysed along the chain, for the signatures it reaches.
    let mut analysis = if sigs.is_empty() {
        kyso_pdf_diff::Analysis {
            per_signature: Vec::new(),
            changes: Vec::new(),
            document_findings: Vec::new(),
        }
    } else {
        kyso_pdf_diff::analyze(doc, &sigs, &checks)
    };
    // The change analysis stopped at one of its budgets: what it did not
    // examine counts as not permitted, and the document is never better than
    // INDETERMINATE.
    report.budget_exceeded |= analysis.document_findings.iter().any(|f| {
        f.code == kyso_pdf_diff::codes::BUDGET_EXHAUSTED
            || f.code == kyso_pdf_diff::codes::TOO_MANY_REVISIONS
    });
    report
        .findings
        .extend(analysis.document_findings.iter().cloned());
    // Listed once; each signature refers to those after its revision.
    report.changes = std::mem::take(&mut analysis.changes);
    // From here on the unreached signatures follow the chain's, indices
    // `chained..`; they are verified like the others.
    let chained = sigs.len();
    checks.extend(kyso_pdf::byte_range::check_unreached(doc, &hidden));
    sigs.extend(hidden.iter().map(|h| h.sig.clone()));

    let (dss, dss_finding) = dss_evidence(doc);
    report.findings.extend(dss_finding);
    let mut ctx = Ctx {
        hasher,
        store: build_store(opts, &mut report.findings),
        dss,
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
            r.changes_after = ch.changes_after;
            r.covered = ch.covered.clone();
            r.facts.disallowed_changes = ch.disallowed;
            r.facts.changes_not_examined = ch.not_examined;
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
    read_administrative(doc, last, &fields, &page_list, report);
    document_notes(doc, report);
}

/// What reading the document met besides its structure: tolerances found
/// while reading objects, and the budgets a walk ran out of (too many form
/// fields or objects, kyso-pdf's `Document::limits_exceeded`). A budget
/// leaves part of the document unread, so it is never better than INDETERMINATE.
fn document_notes(doc: &Document<'_>, report: &mut Report) {
    report.findings.extend(doc.late_warnings());
    let exceeded = doc.limits_exceeded();
    report.budget_exceeded |= !exceeded.is_empty();
    report.findings.extend(exceeded);
}

/// Each embedded file verified on its own, as a child report that the PDF's
/// verdict does not count (the PDF's signatures already cover its bytes).
fn verify_embedded(
    embedded: Vec<(kyso_report::EmbeddedFile, Option<Vec<u8>>)>,
    nested: &Nested<'_>,
    report: &mut Report,
) {
    for (file, data) in embedded.into_iter().take(nested.max_files) {
        let Some(data) = data else { continue };
        let name = file.name;
        let child = (nested.verify)(&name, &data);
        report.children.push(kyso_report::ChildReport {
            location: format!("embedded:{name}"),
            report: child,
            counts_for_verdict: false,
            range: None,
        });
    }
}

/// What the document says it is (Vietnamese administrative layout), and
/// how that agrees with its signatures: information and warnings only.
fn read_administrative(
    doc: &Document<'_>,
    rev: usize,
    fields: &[kyso_pdf::SigField],
    pages: &[kyso_pdf::ObjRef],
    report: &mut Report,
) {
    if doc.encryption().is_some_and(|e| !e.opened) {
        return;
    }
    let reading = kyso_vn_doc::pdf::read_pdf_pages(doc, rev, fields, pages);
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
