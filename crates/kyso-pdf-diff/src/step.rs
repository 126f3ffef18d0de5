//! One incremental update (ISO 32000-1 §7.5.6) compared with the revision
//! before it: every object it adds, changes, deletes or re-points is judged by
//! the whitelist of `rules`. Nothing is permitted unless a rule clears it.
//!
//! [`StepContext::run`] reads as the step's phases: collect the delta, read
//! both forms, check the trailer, judge changed and deleted objects by the
//! policy's rules, judge new objects through what references them, the
//! revision-wide checks (new signature fields, covering), new objects nothing
//! reaches, then the verdicts under the permissions in force.

use crate::attacks;
use crate::budget::{Budget, MAX_CHANGED_PER_REVISION};
use crate::class::{permitted, Class, Judged};
use crate::codes;
use crate::compare::{refs_in, same, same_opt, type_of};
use crate::context::{
    load, read_dss, read_form, read_pages, read_struct_nodes, Form, PageUse, RefIndex,
};
use crate::cover::PageCache;
use crate::policy::StepPolicy;
use crate::rules::structure::TreeVerdicts;
use crate::rules::{
    catalog, describe, fields, pages, structure, Changed, Deleted, Policy, DEFAULT_POLICY,
};
use kyso_pdf::object::{Dict, ObjRef, Object};
use kyso_pdf::{Document, XrefEntry};
use kyso_report::{Change, CoveredRegion, Finding, ModificationLevel};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

/// Object references listed in one aggregated `Change` (the rest counted,
/// `… (+n)`): enough to find the objects in a PDF inspector.
const MAX_REFS_PER_CHANGE: usize = 8;

/// Distinct changes listed for one revision; the rest are folded, one change
/// per class and verdict that counts them. A real update lists a handful (a
/// signature: field, widget, appearance, signature value; a DSS update: one
/// line for all its objects); a form-filling update lists one per field it
/// fills, and the largest real forms fill a few dozen at once. 32 keeps a
/// hostile update (one new field per object: 10^5 distinct messages) to a
/// few kilobytes of report, and 1,000 analysed revisions (`MAX_REVISIONS_ANALYSED`)
/// to a few megabytes, below the 20 MB report cap of issue 14. EU DSS and
/// pyHanko list every object; neither bounds its report.
const MAX_CHANGES_PER_REVISION: usize = 32;

/// Findings of one code kept for one revision (an attack named per object,
/// e.g. one sneaky-signature widget per field of a hostile form); the rest
/// are counted in one `pdf.changes.findings_omitted`. Real updates give at
/// most a few findings per code; every code found stays listed.
const MAX_FINDINGS_PER_CODE: usize = 5;

/// Signature dictionaries known to the analysis.
#[derive(Debug, Default)]
pub(crate) struct SigIndex {
    /// Signature dictionary object number → (index in `sigs`, is document timestamp, first revision).
    pub by_num: HashMap<u32, (usize, bool, usize)>,
}

/// The outcome for one revision.
#[derive(Debug, Clone)]
pub(crate) struct StepResult {
    pub changes: Vec<Change>,
    pub level: ModificationLevel,
    pub disallowed: bool,
    /// The revision was not examined (a budget): what it changes is unknown.
    pub unexamined: bool,
    pub findings: Vec<Finding>,
    pub covered: Vec<CoveredRegion>,
}

impl StepResult {
    /// A revision that was not examined (budget): what it changes is unknown.
    pub(crate) fn unexamined(rev: usize) -> StepResult {
        StepResult {
            changes: vec![not_examined_change(
                u32::try_from(rev + 1).unwrap_or(u32::MAX),
                true,
            )],
            level: ModificationLevel::Other,
            disallowed: false,
            unexamined: true,
            findings: Vec::new(),
            covered: Vec::new(),
        }
    }
}

/// The change that stands for what a budget left unexamined in a revision
/// (`whole`: the revision itself was not looked at). Not permitted, since
/// nothing permits it, but not a proven forbidden change either: the
/// signature is INDETERMINATE (`SignatureFacts::changes_not_examined`).
fn not_examined_change(revision: u32, whole: bool) -> Change {
    let (vi, en) = if whole {
        (
            "Bản cập nhật này không được xem xét (vượt giới hạn xử lý): không biết nó thay đổi gì.",
            "This update was not examined (processing limit exceeded): what it changes is unknown.",
        )
    } else {
        (
            "Không xem xét hết được bản cập nhật này (quá lớn hoặc quá phức tạp): không biết phần chưa xem xét thay đổi gì.",
            "This update could not be examined in full (too large or too complex): what the rest changes is unknown.",
        )
    };
    Change {
        revision,
        class: Class::Other.as_str().to_string(),
        allowed: false,
        object: None,
        message_vi: vi.into(),
        message_en: en.into(),
    }
}

/// One object whose xref entry the revision changed. Neither version is
/// kept: both are read again when a rule asks ([`StepContext::old_of`],
/// [`StepContext::new_of`]), so that an update of 10^5 objects holds 10^5 of
/// these (a few bytes each), not 10^5 parsed dictionaries (about 1 KB each:
/// 90 MB for 10^5 one-key dictionaries).
#[derive(Debug)]
pub(crate) struct Delta {
    pub r: ObjRef,
    /// The generation of the version before this revision, if there was one.
    pub old: Option<u16>,
    /// The generation of the version in this revision, if there is one.
    pub new: Option<u16>,
    /// The xref entry points into the bytes of an earlier revision.
    pub repointed: bool,
    /// One of the two versions could not be read.
    pub unreadable: bool,
}

impl Delta {
    pub(crate) fn added(&self) -> bool {
        self.old.is_none() && self.new.is_some()
    }
}

/// Why a new object is referenced: what it is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Intent {
    /// From an AcroForm /Fields array or a field's /Kids.
    Field,
    /// From a page's /Annots.
    Annot(Option<ObjRef>),
    /// An indirect /Annots array of a page.
    AnnotsArray(Option<ObjRef>),
    /// From the structure tree.
    Struct,
    /// From a signature field's /V.
    SigValue,
    /// Supporting data: takes the verdict of what references it.
    Inherit,
}

/// What the rules of one step see and record: both revisions, the policy in
/// force, the delta, verdicts so far, the queue of new objects to judge, and
/// the object graphs read on demand.
pub(crate) struct StepContext<'a, 'd> {
    pub doc: &'a Document<'d>,
    /// The revision before this one.
    pub prev: usize,
    /// This revision.
    pub rev: usize,
    /// The document's last revision.
    pub last: usize,
    /// The permissions in force for this revision's changes.
    pub policy: &'a StepPolicy,
    pub sigs: &'a SigIndex,
    pub budget: &'a mut Budget,
    /// Part of the revision was not examined (a budget, a form too large):
    /// what it changes is unknown ([`StepResult::unexamined`]).
    pub incomplete: bool,
    /// References counted per revision, carried from step to step.
    refs: &'a mut RefIndex,
    /// Every object whose xref entry this revision changed, by number.
    pub delta: BTreeMap<u32, Delta>,
    /// Verdicts so far, by object number (0: the trailer or the revision as a whole).
    judged: BTreeMap<u32, Vec<Judged>>,
    /// New objects still to judge: why they are referenced and the verdict of what references them.
    pub queue: VecDeque<(ObjRef, Intent, Judged)>,
    /// Attack and other findings, in the order the rules made them.
    pub findings: Vec<Finding>,
    pub form_old: Form,
    pub form_new: Form,
    pages_old: Option<PageUse>,
    pages_new: Option<PageUse>,
    struct_nodes: Option<HashSet<u32>>,
    dss: Option<HashSet<u32>>,
    pub cat_old: Option<Dict>,
    pub cat_new: Option<Dict>,
    /// The structure tree's ParentTree and IDTree compared by meaning, once.
    pub trees: Option<TreeVerdicts>,
    /// What the pages drew before this revision (for the covering rule).
    pub page_cache: PageCache,
    /// Hidden regions found by the covering rule.
    pub covered: Vec<CoveredRegion>,
}

impl<'a, 'd> StepContext<'a, 'd> {
    /// Judge revision `rev` against the one before it.
    pub(crate) fn run(
        doc: &'a Document<'d>,
        rev: usize,
        policy: &'a StepPolicy,
        sigs: &'a SigIndex,
        budget: &'a mut Budget,
        refs: &'a mut RefIndex,
    ) -> StepResult {
        let prev = rev.saturating_sub(1);
        let last = doc.revisions().len().saturating_sub(1);
        let mut cx = StepContext {
            doc,
            prev,
            rev,
            last,
            policy,
            sigs,
            budget,
            incomplete: false,
            refs,
            delta: BTreeMap::new(),
            judged: BTreeMap::new(),
            queue: VecDeque::new(),
            findings: Vec::new(),
            form_old: Form::default(),
            form_new: Form::default(),
            pages_old: None,
            pages_new: None,
            struct_nodes: None,
            dss: None,
            cat_old: doc.catalog(prev).ok(),
            cat_new: doc.catalog(rev).ok(),
            trees: None,
            page_cache: PageCache::default(),
            covered: Vec::new(),
        };
        let mut complete = cx.collect_delta();
        if !cx.delta.is_empty() || cx.root_changed() {
            cx.read_forms();
        }
        // A form too large to read whole: whether a widget belongs to a field
        // cannot be told, and every rule about fields would guess (10^5 new
        // fields made 50,000 "sneaky signature" findings). Not examined.
        if cx.form_old.truncated || cx.form_new.truncated {
            complete = false;
        } else if !cx.delta.is_empty() || cx.root_changed() {
            catalog::check_trailer(&mut cx);
            cx.judge_existing_objects(&DEFAULT_POLICY);
            cx.judge_new_objects();
            fields::check_new_signature_fields(&mut cx);
            pages::check_covering(&mut cx);
            cx.judge_leftovers();
        }
        if !complete || cx.budget.exhausted() {
            cx.incomplete = true;
        }
        cx.finish()
    }

    // ------------------------------------------------------------------ delta
    /// Every object whose xref entry this revision defines, with both versions.
    /// Returns false if the per-revision cap was hit.
    fn collect_delta(&mut self) -> bool {
        let Some(revision) = self.doc.revisions().get(self.rev) else {
            return true;
        };
        let start = revision.start;
        let mut count = 0usize;
        for (&num, &entry) in &revision.entries {
            if num == 0 {
                continue;
            }
            let old_entry = self.doc.entry(self.prev, num).map(|(_, e)| e);
            if old_entry == Some(entry) {
                continue; // re-listed unchanged (some writers repeat the whole table)
            }
            count += 1;
            if count > MAX_CHANGED_PER_REVISION || !self.budget.take(2) {
                return false;
            }
            // §7.5.4: an entry of an update that points before the update's
            // first byte re-uses bytes of an earlier revision.
            let repointed = matches!(entry, XrefEntry::InFile { offset, .. } if offset < start);
            let gen_of = |e: Option<XrefEntry>| match e {
                Some(XrefEntry::InFile { gen, .. }) => Some(gen),
                Some(XrefEntry::InStream { .. }) => Some(0),
                _ => None,
            };
            let (og, ng) = (gen_of(old_entry), gen_of(Some(entry)));
            let mut unreadable = false;
            let mut read = |rev: usize, gen: Option<u16>| -> Option<Object> {
                let gen = gen?;
                match self.doc.object(rev, ObjRef { num, gen }) {
                    Ok(o) => o,
                    Err(_) => {
                        unreadable = true;
                        None
                    }
                }
            };
            let old = read(self.prev, og);
            let new = read(self.rev, ng);
            // Containers of other objects: their members are compared one by one.
            if let Some(t) = new.as_ref().and_then(type_of) {
                if (t == b"XRef" || t == b"ObjStm") && old.is_none() {
                    continue;
                }
            }
            if !unreadable && !repointed {
                match (&old, &new) {
                    (None, None) => continue,
                    (Some(a), Some(b)) if same(a, b) => continue,
                    _ => {}
                }
            }
            let r = ObjRef {
                num,
                gen: ng.or(og).unwrap_or(0),
            };
            self.delta.insert(
                num,
                Delta {
                    r,
                    old: og.filter(|_| old.is_some()),
                    new: ng.filter(|_| new.is_some()),
                    repointed,
                    unreadable,
                },
            );
        }
        true
    }

    /// Whether the trailer's /Root changed (a revision may re-point it without
    /// listing any changed object).
    fn root_changed(&self) -> bool {
        let t = |rev| self.doc.trailer(rev).get(b"Root".as_slice()).cloned();
        !same_opt(t(self.prev).as_ref(), t(self.rev).as_ref())
    }

    /// Both revisions' interactive forms: most rules ask about fields and widgets.
    fn read_forms(&mut self) {
        self.form_old = read_form(self.doc, self.prev, self.budget);
        self.form_new = read_form(self.doc, self.rev, self.budget);
    }

    /// The version before this revision of object `num` of the delta, read again.
    pub(crate) fn old_of(&self, num: u32) -> Option<Object> {
        let gen = self.delta.get(&num)?.old?;
        self.doc
            .object(self.prev, ObjRef { num, gen })
            .ok()
            .flatten()
    }

    /// The version in this revision of object `num` of the delta, read again.
    pub(crate) fn new_of(&self, num: u32) -> Option<Object> {
        let gen = self.delta.get(&num)?.new?;
        self.doc
            .object(self.rev, ObjRef { num, gen })
            .ok()
            .flatten()
    }

    pub(crate) fn put(&mut self, num: u32, j: Judged) {
        self.judged.entry(num).or_default().push(j);
    }

    pub(crate) fn is_judged(&self, num: u32) -> bool {
        self.judged.contains_key(&num)
    }

    // ------------------------------------------------------------- lazy context

    pub(crate) fn pages_old(&mut self) -> &PageUse {
        if self.pages_old.is_none() {
            self.pages_old = Some(read_pages(self.doc, self.prev, self.budget));
        }
        self.pages_old.get_or_insert_with(PageUse::default)
    }

    pub(crate) fn pages_new(&mut self) -> &PageUse {
        if self.pages_new.is_none() {
            self.pages_new = Some(read_pages(self.doc, self.rev, self.budget));
        }
        self.pages_new.get_or_insert_with(PageUse::default)
    }

    pub(crate) fn struct_nodes(&mut self) -> &HashSet<u32> {
        if self.struct_nodes.is_none() {
            let mut s = read_struct_nodes(self.doc, self.rev, self.budget);
            s.extend(read_struct_nodes(self.doc, self.prev, self.budget));
            self.struct_nodes = Some(s);
        }
        self.struct_nodes.get_or_insert_with(HashSet::new)
    }

    pub(crate) fn dss(&mut self) -> &HashSet<u32> {
        if self.dss.is_none() {
            self.dss = Some(read_dss(self.doc, self.rev, self.budget));
        }
        self.dss.get_or_insert_with(HashSet::new)
    }

    pub(crate) fn page_number(&mut self, page: ObjRef) -> Option<usize> {
        self.pages_new()
            .pages
            .iter()
            .position(|p| *p == page)
            .map(|i| i + 1)
    }

    // --------------------------------------------------------- existing objects

    /// Every object of the delta that existed before (changed, deleted,
    /// re-pointed or unreadable), in object-number order. Added objects are
    /// judged through whatever references them.
    fn judge_existing_objects(&mut self, policy: &Policy) {
        let nums: Vec<u32> = self.delta.keys().copied().collect();
        for num in nums {
            self.judge_existing(policy, num);
        }
    }

    fn judge_existing(&mut self, policy: &Policy, num: u32) {
        let Some(d) = self.delta.get(&num) else {
            return;
        };
        if d.added() && !d.repointed && !d.unreadable {
            return; // judged through whatever references it
        }
        let (repointed, unreadable, r) = (d.repointed, d.unreadable, d.r);
        if unreadable {
            self.put(
                num,
                Judged::other(
                    format!("Không đọc được đối tượng {r} trong bản cập nhật."),
                    format!("Object {r} of the update cannot be read."),
                ),
            );
            return;
        }
        if repointed {
            self.findings.push(attacks::hide_and_replace_xref(r));
            self.put(
                num,
                Judged::other(
                    format!("Bảng tham chiếu của bản cập nhật trỏ đối tượng {r} về một chỗ khác trong phần đã ký (một định nghĩa ẩn)."),
                    format!("The update's cross-reference table re-points object {r} to other bytes inside the signed part (a hidden definition)."),
                ),
            );
            return;
        }
        let (Some(old), Some(new)) = (self.old_of(num), self.new_of(num)) else {
            if let Some(old) = self.old_of(num) {
                let j = self.judge_deleted(policy, &Deleted { num, r, old: &old });
                self.put(num, j);
            }
            return;
        };
        let js = self.judge_changed(
            policy,
            &Changed {
                num,
                r,
                old: &old,
                new: &new,
            },
        );
        for j in js {
            self.put(num, j);
        }
    }

    /// The first rule that knows the deleted object decides; otherwise the
    /// deletion is unexplained (and an XObject the pages drew, a shadow hide).
    fn judge_deleted(&mut self, policy: &Policy, o: &Deleted<'_>) -> Judged {
        for rule in policy.deleted {
            if let Some(j) = rule.deleted(self, o) {
                return j;
            }
        }
        let (r, what) = (o.r, describe(o.old));
        if self.pages_old().xobjects.contains(&o.num) {
            self.findings
                .push(attacks::shadow_hide(r, "xobject_deleted"));
        }
        Judged::other(
            format!("Đối tượng {r} ({}) bị xóa.", what.0),
            format!("Object {r} ({}) was deleted.", what.1),
        )
    }

    /// The first rule that knows the changed object decides; otherwise the
    /// change is unexplained, judged as drawn content (which names the attack
    /// when the object is an XObject, a font or optional content).
    fn judge_changed(&mut self, policy: &Policy, o: &Changed<'_>) -> Vec<Judged> {
        for rule in policy.changed {
            if let Some(js) = rule.changed(self, o) {
                return js;
            }
        }
        pages::drawn(self, o.num, o.r, o.old, o.new)
    }

    /// Same value, or references to objects with the same content (a writer
    /// that copies an unchanged dictionary into a new object and re-points to it).
    pub(crate) fn same_val(&mut self, o: Option<&Object>, n: Option<&Object>) -> bool {
        if same_opt(o, n) {
            return true;
        }
        match (o, n) {
            (Some(Object::Ref(a)), Some(Object::Ref(b))) => {
                if !self.budget.take(2) {
                    return false;
                }
                match (
                    self.doc.object(self.prev, *a),
                    self.doc.object(self.rev, *b),
                ) {
                    (Ok(Some(x)), Ok(Some(y))) => same(&x, &y),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// A value re-pointed to an object added in this revision (a writer that
    /// copies a container into a new object rather than updating it in place):
    /// the old value resolved in the previous revision, the new object, its number.
    pub(crate) fn moved(
        &mut self,
        o: Option<&Object>,
        n: Option<&Object>,
    ) -> Option<(Object, Object, ObjRef)> {
        let Some(Object::Ref(nr)) = n else {
            return None;
        };
        self.delta.get(&nr.num).filter(|d| d.added())?;
        let new = self.new_of(nr.num)?;
        let nr = *nr;
        let old = match o {
            Some(x) => self.resolve_direct(x)?,
            None => Object::Null,
        };
        Some((old, new, nr))
    }

    pub(crate) fn resolve_direct(&mut self, o: &Object) -> Option<Object> {
        load(self.doc, self.prev, o, self.budget)
    }

    // ------------------------------------------------------------- new objects

    pub(crate) fn enqueue_value(&mut self, v: &Object, parent: &Judged) {
        for (_, r) in refs_in(v, &[b"P", b"Parent", b"Pg"], 10_000) {
            self.queue.push_back((r, Intent::Inherit, parent.clone()));
        }
    }

    pub(crate) fn enqueue_children(
        &mut self,
        o: &Object,
        parent: Judged,
        intent: impl Fn(&[u8]) -> Intent,
    ) {
        for (key, r) in refs_in(o, &[b"P", b"Parent", b"Pg"], 10_000) {
            if self.delta.get(&r.num).is_some_and(Delta::added) {
                self.queue.push_back((r, intent(&key), parent.clone()));
            }
        }
    }
    /// New objects, reached from the references the rules queued: judged by
    /// why they are referenced (a field, an annotation, a structure element, a
    /// signature value) or taking the verdict of what references them.
    fn judge_new_objects(&mut self) {
        while let Some((r, intent, parent)) = self.queue.pop_front() {
            if !self.budget.take(1) {
                return;
            }
            let added = self.delta.get(&r.num).is_some_and(Delta::added);
            if !added {
                // Supporting data may point at anything that exists; but a page,
                // form or structure slot newly pointing at an object that already
                // existed re-uses it somewhere new (e.g. a signed widget shown on
                // another page, an old signature value under a new field).
                if intent != Intent::Inherit && !self.delta.contains_key(&r.num) {
                    self.put(
                        r.num,
                        Judged::other(
                            format!("Đối tượng có sẵn {r} được gắn vào một vị trí mới (trang, biểu mẫu hoặc cây cấu trúc)."),
                            format!("Existing object {r} was attached in a new place (page, form or structure tree)."),
                        ),
                    );
                }
                continue;
            }
            if self.is_judged(r.num) {
                continue;
            }
            let Some(obj) = self.new_of(r.num) else {
                continue;
            };
            let j = match intent {
                Intent::Field => fields::new_field(self, r, &obj),
                Intent::Annot(page) => pages::new_annot(self, r, &obj, page),
                Intent::AnnotsArray(page) => {
                    let items = obj.as_array().unwrap_or(&[]).to_vec();
                    pages::annots_growth(self, page, &[], &items)
                }
                Intent::Struct => structure::new_struct(self, r, &obj),
                Intent::SigValue => fields::new_sig_value(self, r),
                Intent::Inherit => {
                    let (vi, en) = if parent.vi.is_empty() {
                        (
                            Cow::Borrowed("Dữ liệu đi kèm (hình hiển thị, phông chữ...)."),
                            Cow::Borrowed("Supporting data (appearance, fonts...)."),
                        )
                    } else {
                        (parent.vi.clone(), parent.en.clone())
                    };
                    let j = Judged {
                        vi,
                        en,
                        ..parent.clone()
                    };
                    self.enqueue_children(&obj, j.clone(), |_| Intent::Inherit);
                    j
                }
            };
            self.put(r.num, j);
        }
    }

    fn judge_leftovers(&mut self) {
        let left: Vec<(u32, ObjRef)> = self
            .delta
            .iter()
            .filter(|(n, d)| d.added() && !self.judged.contains_key(n))
            .map(|(n, d)| (*n, d.r))
            .collect();
        // A new object nothing new points at may still be pointed at by the
        // previous revision: a reference that dangled when signed (and so drew
        // nothing) now resolves. That changes the document without touching
        // any object the signature covered.
        let unreached: HashSet<u32> = left
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| !self.sigs.by_num.contains_key(n))
            .collect();
        let dangling = if unreached.is_empty() {
            Some(HashSet::new())
        } else {
            self.refs
                .referenced(self.doc, self.prev, &unreached, self.budget)
        };
        for (num, r) in left {
            let filled = match &dangling {
                Some(referenced) => referenced.contains(&num),
                None => true, // budget ran out: cannot clear it
            };
            if filled && unreached.contains(&num) {
                self.findings.push(attacks::dangling_reference_filled(r));
                self.put(
                    num,
                    Judged::other(
                        format!("Đối tượng {r} được thêm vào đúng chỗ mà bản đã ký có tham chiếu nhưng lúc ký chưa tồn tại."),
                        format!("Object {r} was added where the signed version referred to it but it did not exist when signed."),
                    ),
                );
                continue;
            }
            // Sig dicts reached by nothing: a signature outside the form.
            let j = if self.sigs.by_num.contains_key(&num) {
                Judged::ok(
                    Class::Signature,
                    format!("Thêm từ điển chữ ký {r}."),
                    format!("Signature dictionary {r} added."),
                )
            } else {
                Judged::ok(
                    Class::Unused,
                    "Thêm đối tượng mà tài liệu không dùng tới (không ảnh hưởng nội dung).",
                    "Objects added that the document does not use (no effect on content).",
                )
            };
            self.put(num, j);
        }
    }

    // ------------------------------------------------------------------ result

    fn finish(self) -> StepResult {
        let ltv_in_step = self
            .judged
            .values()
            .flatten()
            .any(|j| j.class == Class::Ltv && j.allowed);
        let mut agg: BTreeMap<(Class, bool, Cow<'static, str>, Cow<'static, str>), Tally> =
            BTreeMap::new();
        let mut level = ModificationLevel::None;
        let mut disallowed = false;
        let incomplete = self.incomplete;
        // A revision that adds document timestamps and no signature: its field,
        // widget and form entries serve the timestamp, which is LTV data that
        // every DocMDP level permits (ETSI EN 319 142-1 §5.4).
        let adds = |ts: bool| {
            self.sigs
                .by_num
                .values()
                .any(|&(_, is_ts, fr)| is_ts == ts && fr == self.rev)
        };
        let timestamp_only = adds(true) && !adds(false);
        for (num, js) in self.judged {
            let r = self.delta.get(&num).map(|d| d.r);
            for mut j in js {
                if timestamp_only && j.class == Class::Signature {
                    j.class = Class::Ltv;
                }
                if j.allowed {
                    if let Err((vi, en)) = permitted(j.class, self.policy, ltv_in_step) {
                        j.allowed = false;
                        j.vi = format!("{} ({vi})", j.vi).into();
                        j.en = format!("{} ({en})", j.en).into();
                    }
                }
                level = level.max(j.class.level());
                disallowed |= !j.allowed;
                let e = agg.entry((j.class, j.allowed, j.vi, j.en)).or_default();
                if let Some(r) = r {
                    e.add(r);
                }
            }
        }
        let revision = u32::try_from(self.rev + 1).unwrap_or(u32::MAX);
        let mut changes = tally_changes(revision, agg);
        if incomplete {
            // Not a forbidden change, not a permitted one: unknown.
            level = ModificationLevel::Other;
            changes.push(not_examined_change(revision, false));
        }
        let mut findings: Vec<Finding> = Vec::new();
        if self.policy.docmdp.is_none() {
            let comments: Vec<String> = changes_of(&changes, Class::Annotation);
            if !comments.is_empty() {
                findings.push(attacks::annotations_after_approval(&comments));
            }
        }
        findings.extend(self.findings);
        StepResult {
            changes,
            level,
            disallowed,
            unexamined: incomplete,
            findings: bounded_findings(findings),
            covered: self.covered,
        }
    }
}

/// The objects behind one aggregated change, while a revision's verdicts are
/// tallied: how many, and the first [`MAX_REFS_PER_CHANGE`] named. Verdicts
/// arrive in object-number order, so an object already counted can only be
/// the last one: nothing is searched, and nothing beyond the first few is kept.
#[derive(Debug, Default)]
struct Tally {
    count: usize,
    shown: Vec<ObjRef>,
    last: Option<ObjRef>,
}

impl Tally {
    fn add(&mut self, r: ObjRef) {
        if self.last == Some(r) {
            return;
        }
        self.last = Some(r);
        self.count += 1;
        if self.shown.len() < MAX_REFS_PER_CHANGE {
            self.shown.push(r);
        }
    }

    /// `12 0 R, 13 0 R, … (+n)`, or `None` when no object is concerned.
    fn objects(&self) -> Option<String> {
        if self.shown.is_empty() {
            return None;
        }
        let mut s: Vec<String> = self.shown.iter().map(ObjRef::to_string).collect();
        if self.count > self.shown.len() {
            s.push(format!("… (+{})", self.count - self.shown.len()));
        }
        Some(s.join(", "))
    }
}

type TallyKey = (Class, bool, Cow<'static, str>, Cow<'static, str>);

/// The aggregated changes of one revision, in the order of their keys: the
/// first [`MAX_CHANGES_PER_REVISION`] as they are; the rest folded into one
/// change per class and verdict that counts them, so that a disallowed kind
/// is never folded out of sight.
fn tally_changes(revision: u32, agg: BTreeMap<TallyKey, Tally>) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut folded: BTreeMap<(Class, bool), (usize, Tally)> = BTreeMap::new();
    for ((class, allowed, vi, en), t) in agg {
        if changes.len() < MAX_CHANGES_PER_REVISION {
            changes.push(Change {
                revision,
                class: class.as_str().to_string(),
                allowed,
                object: t.objects(),
                message_vi: vi.into_owned(),
                message_en: en.into_owned(),
            });
            continue;
        }
        let (kinds, all) = folded.entry((class, allowed)).or_default();
        *kinds += 1;
        all.count += t.count.max(1);
        for r in t.shown {
            if all.shown.len() < MAX_REFS_PER_CHANGE {
                all.shown.push(r);
            }
        }
    }
    for ((class, allowed), (kinds, mut all)) in folded {
        // The count is of objects; when none was named, of changes.
        all.count = all.count.max(all.shown.len());
        changes.push(Change {
            revision,
            class: class.as_str().to_string(),
            allowed,
            object: all.objects(),
            message_vi: format!("Và {kinds} thay đổi khác cùng loại trong bản cập nhật này (không liệt kê từng cái: mỗi bản cập nhật chỉ liệt kê {MAX_CHANGES_PER_REVISION} thay đổi)."),
            message_en: format!("And {kinds} more changes of this kind in this update (not listed one by one: each update lists {MAX_CHANGES_PER_REVISION} changes)."),
        });
    }
    changes
}

/// A revision's findings without repeats, and at most
/// [`MAX_FINDINGS_PER_CODE`] of each code: the rest are counted in one
/// `pdf.changes.findings_omitted`. Every code found stays listed.
fn bounded_findings(all: Vec<Finding>) -> Vec<Finding> {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut per_code: HashMap<String, usize> = HashMap::new();
    let mut omitted = 0usize;
    let mut out = Vec::new();
    for f in all {
        let n = per_code.entry(f.code.clone()).or_default();
        if *n >= MAX_FINDINGS_PER_CODE {
            omitted += 1;
            continue;
        }
        if seen.insert((f.code.clone(), f.message_en.clone())) {
            *n += 1;
            out.push(f);
        }
    }
    if omitted > 0 {
        out.push(Finding::info(
            codes::FINDINGS_OMITTED,
            format!("Bản cập nhật này còn {omitted} nhận định khác cùng loại với các nhận định trên, không liệt kê ở đây (mỗi loại chỉ nêu {MAX_FINDINGS_PER_CODE} nhận định đầu tiên)."),
            format!("This update gave {omitted} more findings of the kinds above, not listed here (only the first {MAX_FINDINGS_PER_CODE} of each kind are)."),
        ));
    }
    out
}

/// The English messages of the permitted changes of one class, for findings.
fn changes_of(changes: &[Change], class: Class) -> Vec<String> {
    changes
        .iter()
        .filter(|c| c.allowed && c.class == class.as_str())
        .map(|c| c.message_vi.clone() + "\u{1f}" + &c.message_en)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(num: u32) -> ObjRef {
        ObjRef { num, gen: 0 }
    }

    #[test]
    fn a_tally_counts_every_object_and_keeps_only_the_first_few() {
        let mut t = Tally::default();
        for n in 1..=100_000 {
            t.add(r(n));
            // A second verdict on the same object (same kind) is not a second object.
            t.add(r(n));
        }
        assert_eq!(t.count, 100_000);
        assert_eq!(t.shown.len(), MAX_REFS_PER_CHANGE);
        assert_eq!(
            t.objects().as_deref(),
            Some("1 0 R, 2 0 R, 3 0 R, 4 0 R, 5 0 R, 6 0 R, 7 0 R, 8 0 R, … (+99992)")
        );
    }

    #[test]
    fn changes_beyond_the_bound_are_folded_per_class_and_verdict() {
        let mut agg: BTreeMap<TallyKey, Tally> = BTreeMap::new();
        for k in 0..1_000u32 {
            let allowed = k % 2 == 0;
            let mut t = Tally::default();
            t.add(r(k + 1));
            agg.insert(
                (
                    Class::FormFilling,
                    allowed,
                    format!("ô {k}").into(),
                    format!("field {k}").into(),
                ),
                t,
            );
        }
        let changes = tally_changes(2, agg);
        // The bound, plus one folded change per (class, verdict) left.
        assert_eq!(changes.len(), MAX_CHANGES_PER_REVISION + 2);
        let folded: Vec<&Change> = changes[MAX_CHANGES_PER_REVISION..].iter().collect();
        assert!(
            folded.iter().any(|c| !c.allowed),
            "a disallowed kind stays visible"
        );
        let counted: usize = folded
            .iter()
            .map(|c| {
                c.message_en
                    .split_whitespace()
                    .nth(1)
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(0)
            })
            .sum();
        assert_eq!(counted, 1_000 - MAX_CHANGES_PER_REVISION);
    }

    #[test]
    fn findings_are_kept_a_few_per_code_and_the_rest_counted() {
        let mut all = Vec::new();
        for k in 0..10_000 {
            all.push(Finding::error(
                crate::codes::ATTACK_SNEAKY_SIGNATURE,
                format!("vi {k}"),
                format!("en {k}"),
            ));
            all.push(Finding::warning("pdf.changes.x", "vi", "en"));
        }
        let out = bounded_findings(all);
        let of = |code: &str| out.iter().filter(|f| f.code == code).count();
        assert_eq!(
            of(crate::codes::ATTACK_SNEAKY_SIGNATURE),
            MAX_FINDINGS_PER_CODE
        );
        assert_eq!(of("pdf.changes.x"), 1);
        assert_eq!(of(codes::FINDINGS_OMITTED), 1);
        assert_eq!(out.len(), MAX_FINDINGS_PER_CODE + 2);
    }
}
