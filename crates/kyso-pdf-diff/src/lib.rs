//! What changed in a signed PDF after each signature, whether it was allowed,
//! and which known attack it looks like.
//!
//! A signature covers one revision of the file (ISO 32000-1 §12.8.1); anything
//! appended later by incremental updates (§7.5.6) is not covered, and that is
//! where most PDF viewers have been fooled (pdf-insecurity.org). For every
//! signature, [`analyze`] compares each later revision with the one before it,
//! object by object, and judges every added, changed, deleted or re-pointed
//! object with a whitelist of rules, in the manner of pyHanko's difference
//! analysis: a change is disallowed until a rule clears it.
//!
//! Permitted (and classed from least to most invasive, [`ModificationLevel`]):
//! further signatures with their fields, widgets, appearance streams and fonts,
//! and — in tagged PDFs — the structure-tree entries that tag those widgets;
//! DSS/VRI data and document timestamps (LTV); Info and XMP metadata; filling
//! in unlocked form fields; annotations (DocMDP P=3 only). The permissions are
//! those of the certification signature (DocMDP, §12.8.2.2), the FieldMDP locks
//! (§12.8.2.4) of the signatures before the change, and for documents with only
//! approval signatures the ISO default (P=2).
//!
//! Known attacks are named in plain Vietnamese and English with findings coded
//! `pdf.attack.*`: incremental saving, shadow hide / replace / hide-and-replace,
//! signature wrapping, universal signature forgery, evil annotation, sneaky
//! signature, signature-dictionary spoofing. General outcomes are `pdf.changes.*`.
//!
//! Bounded: every object load is counted against a [`Budget`]; what could not
//! be examined counts as disallowed.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod attacks;
mod budget;
mod class;
pub mod codes;
mod compare;
mod context;
mod cover;
#[doc(hidden)]
pub mod fuzzing;
mod policy;
mod rules;
mod step;
mod trees;

pub use budget::{Budget, DEFAULT_OBJECT_LOADS, MAX_CHANGED_PER_REVISION, MAX_REVISIONS_ANALYSED};

use kyso_pdf::byte_range::ByteRangeCheck;
use kyso_pdf::object::Object;
use kyso_pdf::{Document, SigField, SignatureDict};
use kyso_report::{Change, ChangesAfter, CoveredRegion, Finding, ModificationLevel, Severity};
use policy::{DocMdp, SigPolicy, StepPolicy};
use std::collections::{BTreeMap, BTreeSet};
use step::{SigIndex, StepContext, StepResult};

/// Distinct findings of later updates repeated under one signature. Each
/// signature lists what the updates after it did (an attack in revision 7
/// concerns every signature before it); real documents have a handful, a
/// file built with thousands of hostile updates would otherwise multiply
/// them by its signatures. The rest are counted (`pdf.changes.findings_omitted`).
const MAX_LATER_FINDINGS_PER_SIGNATURE: usize = 20;

/// Regions hidden by later changes kept per signature, for the page sketch
/// (the portal draws at most 6; a real attack hides one or a few).
const MAX_COVERED_PER_SIGNATURE: usize = 20;

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Document findings (the first being limits) after which unsigned but
/// painted signature fields are counted, not named one by one: a real
/// document has a few empty signature boxes, a hostile one 10^5.
const MAX_UNSIGNED_FIELDS_NAMED: usize = 8;

/// Object loads reserved for looking for unused object graphs in signed
/// revisions (an information-only check); the rest goes to the change analysis.
const UNUSED_OBJECTS_BUDGET: usize = 300_000;

/// The change analysis of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// One entry per signature, in the order of the `sigs` given to [`analyze`].
    pub per_signature: Vec<SignatureChanges>,
    /// Every change of every revision analysed (those after the first
    /// signed one), once, in revision order; each signature refers to those
    /// after its own revision ([`SignatureChanges::changes_after`]).
    pub changes: Vec<Change>,
    /// Findings about the document as a whole (bytes after the last revision,
    /// budget exhausted).
    pub document_findings: Vec<Finding>,
}

impl Analysis {
    /// The changes after signature `i` (in the order of the `sigs` given to
    /// [`analyze`]): the entries of [`Analysis::changes`] it refers to.
    pub fn changes_after(&self, i: usize) -> impl Iterator<Item = &Change> {
        let after = self
            .per_signature
            .get(i)
            .and_then(|s| s.changes_after)
            .map(|c| c.after_revision);
        self.changes
            .iter()
            .filter(move |c| after.is_some_and(|a| c.revision > a))
    }
}

/// What happened after one signature.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureChanges {
    /// The most invasive class of change after the signed revision.
    pub modification_level: ModificationLevel,
    /// The changes after the signed revision, by reference to
    /// [`Analysis::changes`] (aggregated per revision and kind there);
    /// `None` when the signature ends at no revision boundary.
    pub changes_after: Option<ChangesAfter>,
    /// Whether any change after the signature is not permitted.
    pub disallowed: bool,
    /// Whether a budget left part of the updates after the signature
    /// unexamined (what they change is unknown).
    pub not_examined: bool,
    /// Explanations: `pdf.changes.*` and `pdf.attack.*`.
    pub findings: Vec<Finding>,
    /// Where a later change hides signed content (for a sketch of the page).
    pub covered: Vec<CoveredRegion>,
}

/// Analyse every signature's later changes with the default budget.
///
/// `sigs` and `checks` are the parser's [`Document::signatures`] and
/// [`kyso_pdf::byte_range::check_all`] (same order, one check per signature).
pub fn analyze(doc: &Document<'_>, sigs: &[SignatureDict], checks: &[ByteRangeCheck]) -> Analysis {
    analyze_with_budget(doc, sigs, checks, Budget::default())
}

/// [`analyze`] with an explicit work budget.
///
/// The phases, in order (each budgeted load happens in this order, so a
/// small budget runs out at the same place every time):
/// 1. `read_signatures`: which revision each signature covers;
/// 2. `signature_policies`: what each signature permits (DocMDP, FieldMDP, /Lock);
/// 3. `find_certification`: the certification signature, if it is the first;
/// 4. `compare_revisions`: every revision after the first signed one
///    judged against the one before it by the rules (`step`, `rules`);
/// 5. `judge_document`: findings about the file as a whole;
/// 6. `judge_signature`, for each signature: what happened after it.
pub fn analyze_with_budget(
    doc: &Document<'_>,
    sigs: &[SignatureDict],
    checks: &[ByteRangeCheck],
    mut budget: Budget,
) -> Analysis {
    let last = doc.revisions().len().saturating_sub(1);
    let signed = read_signatures(sigs, checks);
    let fields = doc.signature_fields(last);
    let policies = signature_policies(doc, sigs, &fields, last);
    let (certification, per_sig_findings) = find_certification(&signed, &policies);
    let (steps, too_many_revisions) =
        compare_revisions(doc, &signed, &policies, certification, &mut budget);
    let (document_findings, tail) = judge_document(doc, &fields, too_many_revisions, &mut budget);
    let mut later = Later {
        doc,
        steps,
        tail,
        page_counts: BTreeMap::new(),
        unused: BTreeMap::new(),
        unused_budget: Budget::new(UNUSED_OBJECTS_BUDGET),
    };
    let per_signature = per_sig_findings
        .into_iter()
        .enumerate()
        .map(|(i, findings)| judge_signature(&mut later, &signed, i, findings, &mut budget))
        .collect();
    let changes = later
        .steps
        .into_values()
        .flat_map(|st| st.changes)
        .collect();
    Analysis {
        per_signature,
        changes,
        document_findings,
    }
}

/// The signatures and what the byte-range check found about each.
struct Signed<'a> {
    sigs: &'a [SignatureDict],
    checks: &'a [ByteRangeCheck],
    /// Which revision each signature covers: the one its byte range ends at.
    rev: Vec<Option<usize>>,
    /// Signature dictionaries by object number.
    index: SigIndex,
}

/// Phase 1: which revision each signature covers, and the signature
/// dictionaries by object number.
fn read_signatures<'a>(sigs: &'a [SignatureDict], checks: &'a [ByteRangeCheck]) -> Signed<'a> {
    let rev: Vec<Option<usize>> = (0..sigs.len())
        .map(|i| checks.get(i).and_then(|c| c.revision))
        .collect();
    let mut index = SigIndex::default();
    for (i, s) in sigs.iter().enumerate() {
        if let Some(r) = s.obj {
            index
                .by_num
                .insert(r.num, (i, s.is_doc_timestamp, s.first_revision));
        }
    }
    Signed {
        sigs,
        checks,
        rev,
        index,
    }
}

/// Phase 2: the permissions each signature sets (its DocMDP transform, the
/// catalog's /Perms /DocMDP, FieldMDP locks and the field's /Lock).
fn signature_policies(
    doc: &Document<'_>,
    sigs: &[SignatureDict],
    fields: &[SigField],
    last: usize,
) -> Vec<SigPolicy> {
    let perms_docmdp = doc
        .catalog(last)
        .ok()
        .and_then(|c| c.get(b"Perms".as_slice()).cloned())
        .and_then(|p| doc.resolve(last, &p).ok())
        .and_then(|p| {
            p.as_dict()
                .and_then(|d| d.get(b"DocMDP".as_slice()))
                .and_then(Object::as_ref)
        });
    sigs.iter()
        .map(|s| {
            let lock = fields
                .iter()
                .find(|f| f.field.is_some() && f.field == s.field)
                .and_then(|f| f.lock.as_ref())
                .and_then(|l| doc.resolve(last, l).ok())
                .and_then(|l| l.as_dict().cloned());
            policy::sig_policy(s, lock.as_ref(), perms_docmdp)
        })
        .collect()
}

/// Phase 3: the certification signature and its level, with a finding for
/// each signature: its DocMDP level, or that it claims one but is not the
/// first signature (ISO 32000-1 §12.8.2.2.1: then its permissions do not apply).
fn find_certification(
    signed: &Signed<'_>,
    policies: &[SigPolicy],
) -> (Option<(usize, DocMdp)>, Vec<Vec<Finding>>) {
    let sigs = signed.sigs;
    let order = |i: usize| signed.rev[i].unwrap_or(sigs[i].first_revision);
    let first_sig = (0..sigs.len())
        .filter(|&i| !sigs[i].is_doc_timestamp)
        .min_by_key(|&i| (order(i), i));
    let mut per_sig_findings: Vec<Vec<Finding>> = vec![Vec::new(); sigs.len()];
    let mut certification: Option<(usize, DocMdp)> = None;
    for (i, p) in policies.iter().enumerate() {
        let Some(level) = p.docmdp else { continue };
        let earlier =
            first_sig.is_some_and(|f| f != i && order(f) < order(i)) || certification.is_some();
        if earlier {
            per_sig_findings[i].push(Finding::error(
                crate::codes::CHANGES_CERTIFICATION_NOT_FIRST,
                "Chữ ký này tự nhận là chữ ký chứng nhận (DocMDP) nhưng không phải chữ ký đầu tiên của tài liệu; theo ISO 32000 quyền hạn nó đặt ra không có hiệu lực.",
                "This signature claims to be a certification (DocMDP) signature but is not the document's first signature; under ISO 32000 the permissions it sets do not apply.",
            ));
        } else {
            certification = Some((i, level));
            per_sig_findings[i].push(Finding::info(
                crate::codes::CHANGES_CERTIFICATION_LEVEL,
                match level {
                    DocMdp::NoChanges => "Chữ ký chứng nhận: không cho phép thay đổi nào sau khi ký (DocMDP P=1).",
                    DocMdp::FillForms => "Chữ ký chứng nhận: chỉ cho phép điền biểu mẫu và ký tiếp (DocMDP P=2).",
                    DocMdp::Annotate => "Chữ ký chứng nhận: cho phép điền biểu mẫu, ký tiếp và thêm chú thích (DocMDP P=3).",
                },
                match level {
                    DocMdp::NoChanges => "Certification signature: no changes permitted after signing (DocMDP P=1).",
                    DocMdp::FillForms => "Certification signature: only form filling and further signatures permitted (DocMDP P=2).",
                    DocMdp::Annotate => "Certification signature: form filling, further signatures and annotations permitted (DocMDP P=3).",
                },
            ));
        }
    }
    (certification, per_sig_findings)
}

/// The policy in force for the changes of revision `r`: the certification
/// level and the locks of every signature signed before `r`.
fn policy_for_revision(
    r: usize,
    signed: &Signed<'_>,
    policies: &[SigPolicy],
    certification: Option<(usize, DocMdp)>,
) -> StepPolicy {
    let mut sp = StepPolicy::default();
    for (i, p) in policies.iter().enumerate() {
        let Some(s) = signed.rev[i] else { continue };
        if s >= r {
            continue;
        }
        if certification.is_some_and(|(c, _)| c == i) {
            sp.docmdp = p.docmdp.map(|d| sp.docmdp.map_or(d, |e| e.min(d)));
        }
        if let Some(lp) = p.lock_p {
            sp.docmdp = Some(sp.docmdp.map_or(lp, |e| e.min(lp)));
        }
        sp.locks.extend(p.locks.iter().cloned().map(|l| (i, l)));
    }
    sp
}

/// Phase 4: every revision after the earliest signed one, compared with its
/// predecessor under the policy in force. Revisions beyond
/// [`MAX_REVISIONS_ANALYSED`] or after the budget ran out are not examined
/// (and count as disallowed); the flag says whether the first limit was hit.
fn compare_revisions(
    doc: &Document<'_>,
    signed: &Signed<'_>,
    policies: &[SigPolicy],
    certification: Option<(usize, DocMdp)>,
    budget: &mut Budget,
) -> (BTreeMap<usize, StepResult>, bool) {
    let n = doc.revisions().len();
    let mut steps: BTreeMap<usize, StepResult> = BTreeMap::new();
    let mut too_many_revisions = false;
    let mut refs = context::RefIndex::default();
    if let Some(fs) = signed.rev.iter().flatten().min().copied() {
        for r in fs + 1..n {
            if r - fs > MAX_REVISIONS_ANALYSED || budget.exhausted() {
                too_many_revisions |= r - fs > MAX_REVISIONS_ANALYSED;
                // Not examined: counts as a disallowed change of unknown kind.
                steps.insert(r, StepResult::unexamined(r));
                continue;
            }
            let sp = policy_for_revision(r, signed, policies, certification);
            let res = StepContext::run(doc, r, &sp, &signed.index, budget, &mut refs);
            steps.insert(r, res);
        }
    }
    (steps, too_many_revisions)
}

/// Phase 5: findings about the document as a whole — analysis limits,
/// signature boxes that show a picture but hold no signature, bytes after the
/// last revision (also returned alone: an unreadable update taints every signature).
fn judge_document(
    doc: &Document<'_>,
    fields: &[SigField],
    too_many_revisions: bool,
    budget: &mut Budget,
) -> (Vec<Finding>, Option<Finding>) {
    let last = doc.revisions().len().saturating_sub(1);
    let mut document_findings = Vec::new();
    if too_many_revisions {
        document_findings.push(Finding::warning(
            codes::TOO_MANY_REVISIONS,
            format!("Tài liệu có quá nhiều bản cập nhật sau chữ ký đầu tiên; chỉ {MAX_REVISIONS_ANALYSED} bản đầu được xem xét; không biết phần còn lại thay đổi gì, nên không thể kết luận tài liệu hợp lệ."),
            format!("The document has too many updates after the first signature; only the first {MAX_REVISIONS_ANALYSED} were examined; what the rest change is unknown, so the document cannot be called valid."),
        ));
    }
    if budget.exhausted() {
        document_findings.push(Finding::warning(
            codes::BUDGET_EXHAUSTED,
            "Tài liệu quá lớn hoặc quá phức tạp để xem xét hết các thay đổi; không biết phần chưa xem xét thay đổi gì, nên không thể kết luận tài liệu hợp lệ.",
            "The document is too large or complex to examine every change; what the rest changes is unknown, so the document cannot be called valid.",
        ));
    }
    // Signature boxes that hold no signature (§12.7.4.5: a signature field
    // without /V is unsigned) but paint something: a picture of a seal or a
    // signature proves nothing. Those added after a signature are "sneaky
    // signatures" (per revision); these are the ones present from the start.
    let mut painted_unnamed = 0usize;
    for f in fields.iter().filter(|f| f.value.is_none()) {
        let painted = f.widgets.iter().any(|w| {
            budget.take(1)
                && doc
                    .object(last, *w)
                    .ok()
                    .flatten()
                    .is_some_and(|wo| rules::fields::widget_paints(doc, last, &wo, budget))
        });
        if painted && document_findings.len() >= MAX_UNSIGNED_FIELDS_NAMED {
            painted_unnamed += 1;
        } else if painted {
            document_findings.push(Finding::warning(
                crate::codes::CHANGES_UNSIGNED_SIGNATURE_FIELD,
                format!("Ô chữ ký “{}” có hình hiển thị nhưng không chứa chữ ký số nào: hình đó (con dấu, chữ ký) không chứng minh được gì.", f.name),
                format!("Signature field '{}' shows an appearance but holds no digital signature: that picture (seal, signature) proves nothing.", f.name),
            ));
        }
    }
    if painted_unnamed > 0 {
        document_findings.push(Finding::warning(
            crate::codes::CHANGES_UNSIGNED_SIGNATURE_FIELD,
            format!("Còn {painted_unnamed} ô chữ ký khác có hình hiển thị nhưng không chứa chữ ký số nào."),
            format!("{painted_unnamed} more signature fields show an appearance but hold no digital signature."),
        ));
    }
    let tail = attacks::unparsed_tail(doc);
    if let Some(t) = &tail {
        document_findings.push(t.clone());
    }

    (document_findings, tail)
}

/// What the later phases share: the step results, the tail finding, and
/// results computed once per revision (page counts, unused objects).
struct Later<'a, 'd> {
    doc: &'a Document<'d>,
    steps: BTreeMap<usize, StepResult>,
    tail: Option<Finding>,
    page_counts: BTreeMap<usize, Option<usize>>,
    unused: BTreeMap<usize, Option<Finding>>,
    /// Loads reserved for the unused-objects search.
    unused_budget: Budget,
}

/// Phase 6: what happened after signature `i` — named structure attacks
/// (universal forgery, wrapping), the steps after its revision, the verdict
/// finding, page count, repaired cross-reference data, unused objects in the
/// signed revision; or, when its range ends at no revision, whether the rest
/// can be analysed at all.
fn judge_signature(
    later: &mut Later<'_, '_>,
    signed: &Signed<'_>,
    i: usize,
    mut findings: Vec<Finding>,
    budget: &mut Budget,
) -> SignatureChanges {
    let (doc, sig, checks) = (later.doc, &signed.sigs[i], signed.checks);
    let n = doc.revisions().len();
    let last = n.saturating_sub(1);
    // A forged (empty) signature is named as such; its zero byte range is
    // not a wrapping attempt and leaves nothing to analyse.
    let usf = attacks::universal_forgery(sig);
    let named_structure_attack = usf.is_some()
        || checks
            .get(i)
            .and_then(attacks::signature_wrapping)
            .is_some();
    if let Some(f) = usf {
        findings.push(f);
    } else if let Some(f) = checks.get(i).and_then(attacks::signature_wrapping) {
        findings.push(f);
    }
    let mut out = SignatureChanges {
        modification_level: ModificationLevel::None,
        changes_after: None,
        disallowed: false,
        not_examined: false,
        findings: Vec::new(),
        covered: Vec::new(),
    };
    match signed.rev[i] {
        Some(s) => {
            let mut seen_codes = BTreeSet::new();
            let mut after = ChangesAfter {
                after_revision: u32::try_from(s + 1).unwrap_or(u32::MAX),
                count: 0,
                not_permitted: 0,
            };
            let mut later_findings_omitted = 0usize;
            for (_, st) in later.steps.range(s + 1..n) {
                out.modification_level = out.modification_level.max(st.level);
                out.disallowed |= st.disallowed;
                out.not_examined |= st.unexamined;
                let bad = st.changes.iter().filter(|c| !c.allowed).count();
                after.count = after.count.saturating_add(count_u32(st.changes.len()));
                after.not_permitted = after.not_permitted.saturating_add(count_u32(bad));
                for c in &st.covered {
                    if out.covered.len() < MAX_COVERED_PER_SIGNATURE {
                        out.covered.push(c.clone());
                    }
                }
                for f in &st.findings {
                    if seen_codes.len() >= MAX_LATER_FINDINGS_PER_SIGNATURE {
                        later_findings_omitted += 1;
                    } else if seen_codes.insert((f.code.clone(), f.message_en.clone())) {
                        findings.push(f.clone());
                    }
                }
            }
            if later_findings_omitted > 0 {
                findings.push(Finding::info(
                    crate::codes::FINDINGS_OMITTED,
                    format!("Các bản cập nhật sau chữ ký này còn {later_findings_omitted} nhận định khác không được liệt kê ở đây (chỉ nêu {MAX_LATER_FINDINGS_PER_SIGNATURE} nhận định đầu tiên)."),
                    format!("The updates after this signature gave {later_findings_omitted} more findings, not listed here (only the first {MAX_LATER_FINDINGS_PER_SIGNATURE} are)."),
                ));
            }
            out.changes_after = Some(after);
            if out.disallowed {
                let n_bad = after.not_permitted;
                findings.push(Finding::error(
                    crate::codes::CHANGES_DISALLOWED,
                    format!("Sau khi ký, tài liệu đã bị thay đổi theo cách không được phép ({n_bad} thay đổi). Nội dung đang hiển thị có thể khác nội dung đã ký; hãy xem bản đã ký (phiên bản {}).", s + 1),
                    format!("After signing, the document was changed in ways that are not permitted ({n_bad} changes). What is displayed may differ from what was signed; look at the signed version (revision {}).", s + 1),
                ));
            } else if s < last {
                findings.push(Finding::passed(
                    crate::codes::CHANGES_PERMITTED,
                    format!("Sau khi ký có {} bản cập nhật, tất cả đều thuộc loại được phép (ký thêm, dữ liệu kiểm tra dài hạn, điền biểu mẫu, siêu dữ liệu).", last - s),
                    format!("{} updates follow the signature, all of permitted kinds (further signatures, long-term validation data, form filling, metadata).", last - s),
                ));
            } else {
                findings.push(Finding::passed(
                    crate::codes::CHANGES_NONE,
                    "Không có thay đổi nào sau khi ký: chữ ký bao trùm phiên bản cuối cùng của tài liệu.",
                    "No changes after signing: the signature covers the final version of the document.",
                ));
            }
            // Page count (a page added or removed is never a permitted change).
            let mut count = |rev: usize, budget: &mut Budget| -> Option<usize> {
                *later.page_counts.entry(rev).or_insert_with(|| {
                    let p = doc.pages(rev).ok()?;
                    budget.take(p.len()).then_some(p.len())
                })
            };
            if s < last {
                if let (Some(a), Some(b)) = (count(s, budget), count(last, budget)) {
                    if a != b {
                        out.disallowed = true;
                        out.modification_level = ModificationLevel::Other;
                        findings.push(Finding::error(
                            crate::codes::CHANGES_PAGE_COUNT,
                            format!("Số trang đã thay đổi sau khi ký: lúc ký có {a} trang, bây giờ có {b} trang."),
                            format!("The page count changed after signing: {a} pages when signed, {b} now."),
                        ));
                    }
                }
            }
            // The parser tolerated broken cross-reference data; with updates
            // after this signature, what they hold was read through a repair.
            if s < last {
                let repaired: Vec<String> = doc
                    .warnings()
                    .iter()
                    .filter(|w| {
                        w.code.starts_with("pdf.xref.") || w.code.starts_with("pdf.revision.")
                    })
                    .map(|w| w.code.clone())
                    .collect::<BTreeSet<String>>()
                    .into_iter()
                    .collect();
                if !repaired.is_empty() {
                    let list = repaired.join(", ");
                    findings.push(Finding::warning(
                        crate::codes::CHANGES_XREF_REPAIRED,
                        format!("Dữ liệu tham chiếu chéo của tệp bị hỏng và phải đọc theo cách dung thứ ({list}); các bản cập nhật sau chữ ký này có thể không được đọc đúng như chúng được ghi."),
                        format!("The file's cross-reference data is damaged and was read leniently ({list}); the updates after this signature may not be read exactly as written."),
                    ));
                }
            }
            // Planted object graphs matter only if something follows the
            // signed revision (and reading every object is not free).
            if s < last {
                let unused_budget = &mut later.unused_budget;
                let unused = later
                    .unused
                    .entry(s)
                    .or_insert_with(|| attacks::unused_objects(doc, s, unused_budget));
                if let Some(f) = unused.clone() {
                    findings.push(f);
                }
            }
        }
        None => {
            // The signed range ends at no revision boundary: what follows it
            // cannot be analysed as updates.
            let end = checks
                .get(i)
                .and_then(|c| c.signed_end)
                .and_then(|e| usize::try_from(e).ok());
            if let Some(end) = end {
                if !named_structure_attack && !doc.all_ws_from(end) {
                    out.disallowed = true;
                    out.modification_level = ModificationLevel::Other;
                    findings.push(Finding::error(
                        crate::codes::CHANGES_UNANALYSABLE,
                        "Phần tệp sau vùng được ký không phải là các bản cập nhật hợp lệ, nên không thể biết nó thay đổi gì; nó không được chữ ký bảo đảm.",
                        "The part of the file after the signed range is not a sequence of proper updates, so what it changes cannot be told; the signature does not cover it.",
                    ));
                }
            }
        }
    }
    if let Some(t) = &later.tail {
        if t.severity == Severity::Error {
            out.disallowed = true;
            out.modification_level = ModificationLevel::Other;
        }
    }
    if budget.exhausted() && signed.rev[i].is_some_and(|s| s < last) {
        out.not_examined = true;
    }
    if out.not_examined && !out.disallowed {
        // Not "all permitted": part of what follows was never looked at.
        findings.retain(|f| f.code != codes::CHANGES_PERMITTED);
        findings.push(Finding::warning(
            codes::CHANGES_NOT_EXAMINED,
            "Không xem xét hết được các bản cập nhật sau chữ ký này (vượt giới hạn xử lý): không biết chúng thay đổi gì, nên chữ ký không thể được coi là hợp lệ cho tài liệu hiện tại. Phiên bản đã ký vẫn có thể được kiểm tra riêng.",
            "The updates after this signature could not all be examined (processing limit): what they change is unknown, so the signature cannot be called valid for the document as it is now. The signed version can still be checked on its own.",
        ));
    }
    out.findings = findings;
    out
}
