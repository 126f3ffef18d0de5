//! One incremental update (ISO 32000-1 §7.5.6) compared with the revision
//! before it: every object it adds, changes, deletes or re-points is judged by
//! a whitelist of rules. Nothing is permitted unless a rule clears it.

use crate::attacks;
use crate::budget::{Budget, MAX_CHANGED_PER_REVISION};
use crate::class::{permitted, Class, Judged};
use crate::compare::{array_growth, get, name_str, refs_in, same, same_opt, subtype_of, type_of};
use crate::context::{
    appearance_refs, load, read_dss, read_form, read_pages, read_struct_nodes, referrers, Form,
    PageUse,
};
use crate::cover::{self, PageCache, Under, MAX_ANNOTS_PER_REVISION};
use crate::policy::StepPolicy;
use crate::trees::{diff, read_tree, some_keys, TreeKind};
use kyso_pdf::object::{Dict, ObjRef, Object};
use kyso_pdf::{Document, XrefEntry};
use kyso_report::{Change, CoveredRegion, Finding, ModificationLevel};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

/// Object references listed in one aggregated `Change`.
const MAX_REFS_PER_CHANGE: usize = 8;

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
    pub findings: Vec<Finding>,
    pub covered: Vec<CoveredRegion>,
}

impl StepResult {
    /// A revision that was not examined (budget): one disallowed change.
    pub(crate) fn unexamined(rev: usize) -> StepResult {
        StepResult {
            changes: vec![Change {
                revision: u32::try_from(rev + 1).unwrap_or(u32::MAX),
                class: Class::Other.as_str().to_string(),
                allowed: false,
                object: None,
                message_vi: "Bản cập nhật này không được xem xét (vượt giới hạn xử lý); được coi là không được phép.".into(),
                message_en: "This update was not examined (processing limit exceeded); it counts as not permitted.".into(),
            }],
            level: ModificationLevel::Other,
            disallowed: true,
            findings: Vec::new(),
            covered: Vec::new(),
        }
    }
}

#[derive(Debug)]
struct Delta {
    r: ObjRef,
    old: Option<Object>,
    new: Option<Object>,
    /// The xref entry points into the bytes of an earlier revision.
    repointed: bool,
    /// One of the two versions could not be read.
    unreadable: bool,
}

impl Delta {
    fn added(&self) -> bool {
        self.old.is_none() && self.new.is_some()
    }
}

/// Why a new object is referenced: what it is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
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

pub(crate) struct Step<'a, 'd> {
    doc: &'a Document<'d>,
    prev: usize,
    rev: usize,
    last: usize,
    policy: &'a StepPolicy,
    sigs: &'a SigIndex,
    budget: &'a mut Budget,
    delta: BTreeMap<u32, Delta>,
    judged: BTreeMap<u32, Vec<Judged>>,
    queue: VecDeque<(ObjRef, Intent, Judged)>,
    findings: Vec<Finding>,
    form_old: Form,
    form_new: Form,
    pages_old: Option<PageUse>,
    pages_new: Option<PageUse>,
    struct_nodes: Option<HashSet<u32>>,
    dss: Option<HashSet<u32>>,
    cat_old: Option<Dict>,
    cat_new: Option<Dict>,
    /// The structure tree's ParentTree and IDTree compared by meaning, once.
    trees: Option<TreeVerdicts>,
    /// What the pages drew before this revision (for the covering rule).
    page_cache: PageCache,
    /// Hidden regions found by the covering rule.
    covered: Vec<CoveredRegion>,
}

/// The verdicts on the structure tree's number and name trees, and which
/// changed objects hold them.
#[derive(Debug, Default)]
struct TreeVerdicts {
    /// `/ParentTree` or `/IDTree` → verdict.
    verdicts: HashMap<&'static [u8], Judged>,
    /// Object number of a node or indirect array of either tree (in either
    /// revision) → which tree.
    holders: HashMap<u32, &'static [u8]>,
}

impl<'a, 'd> Step<'a, 'd> {
    pub(crate) fn run(
        doc: &'a Document<'d>,
        rev: usize,
        policy: &'a StepPolicy,
        sigs: &'a SigIndex,
        budget: &'a mut Budget,
    ) -> StepResult {
        let prev = rev.saturating_sub(1);
        let last = doc.revisions().len().saturating_sub(1);
        let mut s = Step {
            doc,
            prev,
            rev,
            last,
            policy,
            sigs,
            budget,
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
        let complete = s.collect_delta();
        if !s.delta.is_empty() || s.root_changed() {
            s.form_old = read_form(doc, prev, s.budget);
            s.form_new = read_form(doc, rev, s.budget);
            s.check_trailer();
            let nums: Vec<u32> = s.delta.keys().copied().collect();
            for num in nums {
                s.judge_existing(num);
            }
            s.drain_queue();
            s.check_new_signature_fields();
            s.check_covering();
            s.judge_leftovers();
        }
        if !complete || s.budget.exhausted() {
            s.put(
                0,
                Judged::other(
                    "Không xem xét hết được bản cập nhật này (quá lớn hoặc quá phức tạp); phần chưa xem xét được coi là không được phép.",
                    "This update could not be examined in full (too large or too complex); what was not examined counts as not permitted.",
                ),
            );
        }
        s.finish()
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
                    old,
                    new,
                    repointed,
                    unreadable,
                },
            );
        }
        true
    }

    fn root_changed(&self) -> bool {
        let t = |rev| self.doc.trailer(rev).get(b"Root".as_slice()).cloned();
        !same_opt(t(self.prev).as_ref(), t(self.rev).as_ref())
    }

    /// /Root and /Encrypt of the trailer (§7.5.5): a new /Root that already
    /// existed in the signed bytes swaps in another document.
    fn check_trailer(&mut self) {
        let root = |rev| {
            self.doc
                .trailer(rev)
                .get(b"Root".as_slice())
                .and_then(Object::as_ref)
        };
        let (old_root, new_root) = (root(self.prev), root(self.rev));
        if old_root != new_root {
            let fresh = new_root
                .and_then(|r| self.delta.get(&r.num))
                .is_some_and(Delta::added);
            match (fresh, self.cat_old.clone(), self.cat_new.clone()) {
                (true, Some(old), Some(new)) => {
                    // A new catalog object: judge it against the old catalog.
                    let num = new_root.map_or(0, |r| r.num);
                    let js = self.catalog_rule(&old, &new);
                    for j in js {
                        self.put(num, j);
                    }
                }
                _ => {
                    self.findings
                        .push(attacks::hide_and_replace_root(old_root, new_root));
                    self.put(
                        new_root.map_or(0, |r| r.num),
                        Judged::other(
                            "Gốc tài liệu (/Root) được trỏ sang một đối tượng có sẵn trong phần đã ký: một tài liệu khác thay thế tài liệu đã ký.",
                            "The document root (/Root) was re-pointed to an object already present in the signed part: another document replaces the signed one.",
                        ),
                    );
                }
            }
        }
        let enc = |rev| self.doc.trailer(rev).get(b"Encrypt".as_slice()).cloned();
        if !same_opt(enc(self.prev).as_ref(), enc(self.rev).as_ref()) {
            self.put(
                0,
                Judged::other(
                    "Cách mã hoá tài liệu (/Encrypt) bị thay đổi.",
                    "The document's encryption (/Encrypt) was changed.",
                ),
            );
        }
    }

    fn put(&mut self, num: u32, j: Judged) {
        self.judged.entry(num).or_default().push(j);
    }

    fn is_judged(&self, num: u32) -> bool {
        self.judged.contains_key(&num)
    }

    // ------------------------------------------------------------- lazy context

    fn pages_old(&mut self) -> &PageUse {
        if self.pages_old.is_none() {
            self.pages_old = Some(read_pages(self.doc, self.prev, self.budget));
        }
        self.pages_old.get_or_insert_with(PageUse::default)
    }

    fn pages_new(&mut self) -> &PageUse {
        if self.pages_new.is_none() {
            self.pages_new = Some(read_pages(self.doc, self.rev, self.budget));
        }
        self.pages_new.get_or_insert_with(PageUse::default)
    }

    fn struct_nodes(&mut self) -> &HashSet<u32> {
        if self.struct_nodes.is_none() {
            let mut s = read_struct_nodes(self.doc, self.rev, self.budget);
            s.extend(read_struct_nodes(self.doc, self.prev, self.budget));
            self.struct_nodes = Some(s);
        }
        self.struct_nodes.get_or_insert_with(HashSet::new)
    }

    fn dss(&mut self) -> &HashSet<u32> {
        if self.dss.is_none() {
            self.dss = Some(read_dss(self.doc, self.rev, self.budget));
        }
        self.dss.get_or_insert_with(HashSet::new)
    }

    fn page_number(&mut self, page: ObjRef) -> Option<usize> {
        self.pages_new()
            .pages
            .iter()
            .position(|p| *p == page)
            .map(|i| i + 1)
    }

    // --------------------------------------------------------- existing objects

    fn judge_existing(&mut self, num: u32) {
        let Some(d) = self.delta.get(&num) else {
            return;
        };
        if d.added() && !d.repointed && !d.unreadable {
            return; // judged through whatever references it
        }
        let (old, new, repointed, unreadable, r) =
            (d.old.clone(), d.new.clone(), d.repointed, d.unreadable, d.r);
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
        let (Some(old), Some(new)) = (old, new) else {
            if let Some(old) = self.delta.get(&num).and_then(|d| d.old.clone()) {
                self.judge_deleted(num, r, &old);
            }
            return;
        };
        let js = self.judge_changed(num, r, &old, &new);
        for j in js {
            self.put(num, j);
        }
    }

    fn judge_deleted(&mut self, num: u32, r: ObjRef, old: &Object) {
        let info_new = self
            .doc
            .trailer(self.rev)
            .get(b"Info".as_slice())
            .and_then(Object::as_ref);
        let info_old = self
            .doc
            .trailer(self.prev)
            .get(b"Info".as_slice())
            .and_then(Object::as_ref);
        let xmp = |c: &Option<Dict>| {
            c.as_ref()
                .and_then(|c| c.get(b"Metadata".as_slice()))
                .and_then(Object::as_ref)
        };
        let (xmp_old, xmp_new) = (xmp(&self.cat_old), xmp(&self.cat_new));
        if (info_old == Some(r) && info_new != Some(r))
            || (xmp_old == Some(r) && xmp_new != Some(r))
        {
            self.put(
                num,
                Judged::ok(
                    Class::Metadata,
                    "Siêu dữ liệu cũ được thay bằng bản mới.",
                    "Old metadata replaced by a new version.",
                ),
            );
            return;
        }
        if self.sigs.by_num.contains_key(&num) {
            self.put(
                num,
                Judged::other(
                    format!("Từ điển chữ ký {r} bị xoá."),
                    format!("Signature dictionary {r} was deleted."),
                ),
            );
            return;
        }
        let what = describe(old);
        if type_of(old) == Some(b"Annot") && subtype_of(old) != Some(b"Widget") {
            self.put(
                num,
                Judged::ok(
                    Class::Annotation,
                    format!("Chú thích {r} bị xoá."),
                    format!("Annotation {r} was deleted."),
                ),
            );
            return;
        }
        if self.pages_old().xobjects.contains(&num) {
            self.findings
                .push(attacks::shadow_hide(r, "xobject_deleted"));
        }
        self.put(
            num,
            Judged::other(
                format!("Đối tượng {r} ({}) bị xoá.", what.0),
                format!("Object {r} ({}) was deleted.", what.1),
            ),
        );
    }

    fn judge_changed(&mut self, num: u32, r: ObjRef, old: &Object, new: &Object) -> Vec<Judged> {
        // A signature dictionary is covered by its own signature: any later
        // change only alters what viewers display (/Reason, /Name, /M ...).
        if self.sigs.by_num.contains_key(&num) {
            let keys = changed_keys(old, new);
            self.findings
                .push(attacks::signature_dict_changed(r, &keys));
            return vec![Judged::other(
                format!("Từ điển chữ ký {r} bị sửa sau khi ký (khoá: {keys})."),
                format!("Signature dictionary {r} was modified after signing (keys: {keys})."),
            )];
        }
        let root = |rev: usize| {
            self.doc
                .trailer(rev)
                .get(b"Root".as_slice())
                .and_then(Object::as_ref)
                .map(|r| r.num)
        };
        if root(self.rev) == Some(num) || root(self.prev) == Some(num) {
            return match (old.as_dict(), new.as_dict()) {
                (Some(o), Some(n)) => self.catalog_rule(&o.clone(), &n.clone()),
                _ => vec![Judged::other(
                    "Danh mục tài liệu (/Root) bị thay thế.",
                    "The document catalog (/Root) was replaced.",
                )],
            };
        }
        let info = |rev: usize| {
            self.doc
                .trailer(rev)
                .get(b"Info".as_slice())
                .and_then(Object::as_ref)
                .map(|r| r.num)
        };
        if info(self.rev) == Some(num) || info(self.prev) == Some(num) {
            if let (Some(od), Some(nd)) = (old.as_dict(), new.as_dict()) {
                for key in [b"Title".as_slice(), b"Subject", b"Author", b"Keywords"] {
                    // Compared as the text a viewer shows (§7.9.2.2): a value
                    // re-encoded from UTF-16BE to PDFDocEncoding is not a change.
                    if !same_text(od.get(key), nd.get(key)) {
                        self.findings.push(attacks::displayed_metadata_changed(
                            &name_str(key),
                            od.get(key),
                            nd.get(key),
                        ));
                    }
                }
            }
            return vec![metadata_info()];
        }
        let xmp = |c: &Option<Dict>| {
            c.as_ref()
                .and_then(|c| c.get(b"Metadata".as_slice()))
                .and_then(Object::as_ref)
                .map(|r| r.num)
        };
        if xmp(&self.cat_new) == Some(num) || xmp(&self.cat_old) == Some(num) {
            return vec![metadata_xmp()];
        }
        let ext = |c: &Option<Dict>| {
            c.as_ref()
                .and_then(|c| c.get(b"Extensions".as_slice()))
                .and_then(Object::as_ref)
                .map(|r| r.num)
        };
        if ext(&self.cat_new) == Some(num) || ext(&self.cat_old) == Some(num) {
            return vec![Judged::ok(
                Class::Metadata,
                "Khai báo phần mở rộng PDF (/Extensions) được cập nhật.",
                "PDF extensions declaration (/Extensions) updated.",
            )];
        }
        if self.dss().contains(&num) {
            self.enqueue_children(new, Judged::ok(Class::Ltv, LTV_VI, LTV_EN), |_| {
                Intent::Inherit
            });
            return vec![Judged::ok(Class::Ltv, LTV_VI, LTV_EN)];
        }
        if self.form_new.acroform.map(|r| r.num) == Some(num)
            || self.form_old.acroform.map(|r| r.num) == Some(num)
        {
            return match (old.as_dict(), new.as_dict()) {
                (Some(o), Some(n)) => self.acroform_rule(&o.clone(), &n.clone()),
                _ => vec![Judged::other(
                    "Biểu mẫu (/AcroForm) bị thay thế.",
                    "The interactive form (/AcroForm) was replaced.",
                )],
            };
        }
        if self.form_new.fields_array.map(|r| r.num) == Some(num)
            || self.form_old.fields_array.map(|r| r.num) == Some(num)
        {
            return vec![self.fields_array_rule(old, new)];
        }
        if self.form_old.field_of(num).is_some() || self.form_new.field_of(num).is_some() {
            return self.field_rule(num, r, old, new);
        }
        if self.form_old.nodes.contains(&num) || self.form_new.nodes.contains(&num) {
            return vec![Judged::other(
                format!("Nút cây biểu mẫu {r} bị sửa."),
                format!("Form tree node {r} was modified."),
            )];
        }
        let owners: Vec<u32> = self
            .form_old
            .ap_owner
            .get(&num)
            .into_iter()
            .chain(self.form_new.ap_owner.get(&num))
            .flatten()
            .copied()
            .collect();
        if let Some(&w) = owners.first() {
            let mut j = self.appearance_rule(r, w);
            for &other in &owners[1..] {
                if j.allowed && other != w {
                    j = self.appearance_rule(r, other);
                }
            }
            if j.allowed && !self.only_used_by_widgets(num, &owners) {
                self.findings
                    .push(attacks::shadow_replace(r, "appearance_shared"));
                j = Judged::other(
                    format!("Hình hiển thị {r} được thay, nhưng nó còn được dùng ở chỗ khác trong tài liệu đã ký (thay đổi lén)."),
                    format!("Appearance stream {r} was replaced, but it is also used elsewhere in the signed document (a sneaky change)."),
                );
            }
            return vec![j];
        }
        let names = |c: &Option<Dict>| {
            c.as_ref()
                .and_then(|c| c.get(b"Names".as_slice()))
                .and_then(Object::as_ref)
                .map(|r| r.num)
        };
        if names(&self.cat_new) == Some(num) || names(&self.cat_old) == Some(num) {
            return vec![self.names_rule(old, new)];
        }
        let drawn = {
            let p = self.pages_old();
            p.contents.contains(&num)
                || p.xobjects.contains(&num)
                || p.fonts.contains(&num)
                || p.resources.contains(&num)
        };
        if drawn {
            return self.judge_drawn(num, r, old, new);
        }
        if self.form_old.resources.contains(&num) || self.form_new.resources.contains(&num) {
            return vec![self.additive_resources(old, new)];
        }
        match type_of(old) {
            Some(b"Page") => return self.page_rule(r, old, new),
            Some(b"Pages") => return vec![self.pages_node_rule(r, old, new)],
            _ => {}
        }
        if let Some(&page) = self.pages_old().annots_arrays.get(&num) {
            let (o, n) = (
                old.as_array().unwrap_or(&[]).to_vec(),
                new.as_array().unwrap_or(&[]).to_vec(),
            );
            return vec![self.annots_growth(Some(page), &o, &n)];
        }
        if let Some(j) = self.tree_holder_verdict(num) {
            return vec![j];
        }
        if self.struct_nodes().contains(&num) || is_struct_elem(old) {
            return vec![self.struct_rule(r, old, new)];
        }
        if type_of(old) == Some(b"Annot") {
            self.enqueue_children(new, Judged::ok(Class::Annotation, "", ""), |_| {
                Intent::Inherit
            });
            return vec![Judged::ok(
                Class::Annotation,
                format!("Chú thích {r} được sửa."),
                format!("Annotation {r} was modified."),
            )];
        }
        self.judge_drawn(num, r, old, new)
    }

    /// Objects the pages draw: content streams, XObjects, fonts, resources.
    fn judge_drawn(&mut self, num: u32, r: ObjRef, old: &Object, new: &Object) -> Vec<Judged> {
        let pages = self.pages_old();
        let (content, xobj, font, res) = (
            pages.contents.contains(&num),
            pages.xobjects.contains(&num),
            pages.fonts.contains(&num),
            pages.resources.contains(&num),
        );
        if content {
            self.findings.push(attacks::incremental_saving(r));
            return vec![Judged::other(
                format!("Nội dung trang ({r}) bị thay đổi sau khi ký."),
                format!("Page content ({r}) was changed after signing."),
            )];
        }
        if xobj || type_of(old) == Some(b"XObject") {
            let emptied = match new {
                Object::Stream(s) => s.raw.iter().all(u8::is_ascii_whitespace),
                _ => true,
            };
            self.findings.push(if emptied {
                attacks::shadow_hide(r, "overlay_emptied")
            } else {
                attacks::shadow_replace(r, "xobject")
            });
            return vec![Judged::other(
                format!("Hình hoặc lớp phủ ({r}) được vẽ trên trang bị thay đổi sau khi ký."),
                format!("An image or overlay ({r}) drawn on the page was changed after signing."),
            )];
        }
        if font || type_of(old) == Some(b"Font") || type_of(old) == Some(b"FontDescriptor") {
            self.findings.push(attacks::shadow_replace(r, "font"));
            return vec![Judged::other(
                format!("Phông chữ ({r}) bị thay đổi sau khi ký: chữ hiển thị có thể khác chữ đã ký."),
                format!("A font ({r}) was changed after signing: the text shown may differ from the text signed."),
            )];
        }
        if res {
            self.findings.push(attacks::shadow_hide(r, "resources"));
            return vec![Judged::other(
                format!("Tài nguyên của trang ({r}) bị thay đổi sau khi ký."),
                format!("Page resources ({r}) were changed after signing."),
            )];
        }
        if matches!(type_of(old), Some(b"OCG") | Some(b"OCMD")) {
            self.findings
                .push(attacks::shadow_hide(r, "optional_content"));
        }
        let what = describe(old);
        self.enqueue_children(new, Judged::other("", ""), |_| Intent::Inherit);
        vec![Judged::other(
            format!("Đối tượng {r} ({}) bị sửa.", what.0),
            format!("Object {r} ({}) was modified.", what.1),
        )]
    }

    /// A page-tree node (§7.7.3.2): its kids, count and inheritable attributes
    /// must not change; producers sometimes stamp other keys (iText's /ITXT).
    fn pages_node_rule(&mut self, r: ObjRef, old: &Object, new: &Object) -> Judged {
        let (od, nd) = (
            old.as_dict().cloned().unwrap_or_default(),
            new.as_dict().cloned().unwrap_or_default(),
        );
        for key in [
            b"Kids".as_slice(),
            b"Count",
            b"Parent",
            b"Resources",
            b"MediaBox",
            b"CropBox",
            b"Rotate",
            b"Type",
        ] {
            if !self.same_val(od.get(key), nd.get(key)) {
                return Judged::other(
                    format!("Cây trang ({r}) bị sửa."),
                    format!("The page tree ({r}) was modified."),
                );
            }
        }
        Judged::ok(
            Class::Metadata,
            format!("Nút cây trang ({r}) được phần mềm ghi thêm thông tin riêng; trang không đổi."),
            format!("Page tree node ({r}) stamped with producer-specific data; pages unchanged."),
        )
    }

    fn catalog_rule(&mut self, old: &Dict, new: &Dict) -> Vec<Judged> {
        let mut out = Vec::new();
        for key in keys_union(old, new) {
            let (o, n) = (old.get(&key), new.get(&key));
            if self.same_val(o, n) {
                // Re-pointed to an identical copy (writers that re-save the
                // XMP stream unchanged): the copy serves the same entry.
                if key.as_slice() == b"Metadata" && !same_opt(o, n) {
                    if let Some(r) = n.and_then(Object::as_ref) {
                        if self.delta.get(&r.num).is_some_and(Delta::added) {
                            self.put(r.num, metadata_xmp());
                        }
                    }
                }
                continue;
            }
            match key.as_slice() {
                b"AcroForm" => match (o, n) {
                    (Some(Object::Dict(od)), Some(Object::Dict(nd))) => {
                        out.extend(self.acroform_rule(od, nd))
                    }
                    (None, Some(Object::Dict(nd))) => {
                        out.extend(self.acroform_rule(&Dict::new(), nd))
                    }
                    (None, Some(Object::Ref(r)))
                        if self.delta.get(&r.num).is_some_and(Delta::added) =>
                    {
                        let j = Judged::ok(
                            Class::Signature,
                            "Tạo biểu mẫu để chứa chữ ký.",
                            "Form created to hold a signature.",
                        );
                        if let Some(Object::Dict(nd)) =
                            self.delta.get(&r.num).and_then(|d| d.new.clone())
                        {
                            let js = self.acroform_rule(&Dict::new(), &nd);
                            for j2 in js {
                                self.put(r.num, j2);
                            }
                        }
                        out.push(j);
                    }
                    _ => match self.moved(o, n) {
                        Some((Object::Dict(od), Object::Dict(nd), nr)) => {
                            let js = self.acroform_rule(&od, &nd);
                            for j in &js {
                                self.put(nr.num, j.clone());
                            }
                            out.extend(js);
                        }
                        _ => out.push(Judged::other(
                            "Biểu mẫu (/AcroForm) bị thay thế.",
                            "The interactive form (/AcroForm) was replaced.",
                        )),
                    },
                },
                b"DSS" => {
                    let j = Judged::ok(Class::Ltv, LTV_VI, LTV_EN);
                    if let Some(n) = n {
                        self.enqueue_value(n, &j);
                    }
                    out.push(j);
                }
                b"Metadata" => {
                    let j = metadata_xmp();
                    if let Some(n) = n {
                        self.enqueue_value(n, &j);
                    }
                    out.push(j);
                }
                b"Extensions" | b"Version" => {
                    let j = Judged::ok(
                        Class::Metadata,
                        "Khai báo phiên bản/phần mở rộng PDF được cập nhật.",
                        "PDF version/extensions declaration updated.",
                    );
                    if let Some(n) = n {
                        self.enqueue_value(n, &j);
                    }
                    out.push(j);
                }
                b"Names" => {
                    let (od, nd) = (
                        o.and_then(|x| self.resolve_direct(x)),
                        n.and_then(|x| load(self.doc, self.rev, x, self.budget)),
                    );
                    let empty = Object::Dict(Dict::new());
                    let j = self
                        .names_rule(od.as_ref().unwrap_or(&empty), nd.as_ref().unwrap_or(&empty));
                    if let Some(nr) = n.and_then(Object::as_ref) {
                        if self.delta.get(&nr.num).is_some_and(Delta::added) {
                            self.put(nr.num, j.clone());
                        }
                    }
                    out.push(j);
                }
                b"Pages" => {
                    self.findings.push(attacks::hide_and_replace_pages());
                    out.push(Judged::other(
                        "Danh mục trỏ sang một cây trang khác.",
                        "The catalog points to a different page tree.",
                    ));
                }
                b"OCProperties" => {
                    self.findings.push(attacks::shadow_hide(
                        ObjRef { num: 0, gen: 0 },
                        "optional_content",
                    ));
                    out.push(Judged::other(
                        "Thiết lập ẩn/hiện lớp nội dung (/OCProperties) bị thay đổi.",
                        "Optional-content visibility (/OCProperties) was changed.",
                    ));
                }
                k => {
                    let name = name_str(k);
                    out.push(Judged::other(
                        format!("Danh mục tài liệu: mục /{name} bị thay đổi."),
                        format!("Document catalog: entry /{name} was changed."),
                    ));
                }
            }
        }
        out
    }

    /// The catalog's name dictionary (§7.7.4). Only its `/AP` tree — the
    /// appearance streams of comments (Acrobat keeps stamp icons there) — may
    /// change, and counts as an annotation change; any other tree (JavaScript,
    /// embedded files, destinations, page templates…) is not permitted.
    fn names_rule(&mut self, old: &Object, new: &Object) -> Judged {
        let empty = Dict::new();
        let (od, nd) = (
            old.as_dict().unwrap_or(&empty),
            new.as_dict().unwrap_or(&empty),
        );
        let mut changed = Vec::new();
        for key in keys_union(od, nd) {
            let (o, n) = (od.get(&key), nd.get(&key));
            if !self.same_val(o, n) {
                changed.push(key);
            }
        }
        if changed.iter().all(|k| k.as_slice() == b"AP") {
            let j = Judged::ok(
                Class::Annotation,
                "Cây tên /AP (hình hiển thị của chú thích) được cập nhật.",
                "The /AP name tree (appearances of comments) was updated.",
            );
            if let Some(v) = nd.get(b"AP".as_slice()) {
                self.enqueue_value(v, &j);
            }
            return j;
        }
        let list: Vec<String> = changed
            .iter()
            .map(|k| format!("/{}", name_str(k)))
            .collect();
        let list = list.join(", ");
        Judged::other(
            format!("Từ điển tên của tài liệu (/Names) bị thay đổi: {list}."),
            format!("The document's name dictionary (/Names) was changed: {list}."),
        )
    }

    fn acroform_rule(&mut self, old: &Dict, new: &Dict) -> Vec<Judged> {
        let mut out = Vec::new();
        for key in keys_union(old, new) {
            let (o, n) = (old.get(&key), new.get(&key));
            if self.same_val(o, n) {
                continue;
            }
            match key.as_slice() {
                b"Fields" if matches!(n, Some(Object::Ref(_))) => match self.moved(o, n) {
                    Some((old_arr, new_arr @ Object::Array(_), nr)) => {
                        let j = self.fields_array_rule(&old_arr, &new_arr);
                        self.put(nr.num, j.clone());
                        out.push(j);
                    }
                    _ => out.push(Judged::other(
                        "Danh sách trường biểu mẫu bị thay thế.",
                        "The list of form fields was replaced.",
                    )),
                },
                b"Fields" => match (o.map(|x| self.resolve_direct(x)), n) {
                    (_, Some(Object::Ref(_))) | (None, None) => out.push(Judged::other(
                        "Danh sách trường biểu mẫu bị thay thế.",
                        "The list of form fields was replaced.",
                    )),
                    (o, Some(n)) => {
                        let o = o.flatten().unwrap_or(Object::Array(Vec::new()));
                        out.push(self.fields_array_rule(&o, n));
                    }
                    (_, None) => out.push(Judged::other(
                        "Danh sách trường biểu mẫu bị xoá.",
                        "The list of form fields was removed.",
                    )),
                },
                b"SigFlags" => out.push(Judged::ok(
                    Class::Signature,
                    "Cờ chữ ký của biểu mẫu được cập nhật.",
                    "Form signature flags updated.",
                )),
                b"DR" => {
                    if let Some(Object::Ref(dr)) = n {
                        let j = Judged::ok(
                            Class::Signature,
                            "Thêm phông chữ/tài nguyên cho hình hiển thị mới.",
                            "Fonts/resources added for a new appearance.",
                        );
                        self.queue.push_back((*dr, Intent::Inherit, j));
                    }
                    let (o, n) = (
                        o.cloned().unwrap_or(Object::Dict(Dict::new())),
                        n.cloned().unwrap_or(Object::Null),
                    );
                    out.push(self.additive_resources(&o, &n));
                }
                b"NeedAppearances"
                    if n.and_then(|v| {
                        if let Object::Bool(b) = v {
                            Some(*b)
                        } else {
                            None
                        }
                    }) == Some(true) =>
                {
                    // §12.7.2 Table 218: viewers then redraw every field from its
                    // value, which can change what the signer saw (see dss__replace).
                    self.findings.push(attacks::shadow_replace(
                        ObjRef { num: 0, gen: 0 },
                        "need_appearances",
                    ));
                    out.push(Judged::other(
                        "Biểu mẫu được đặt /NeedAppearances: trình xem sẽ vẽ lại mọi trường, hình hiển thị có thể khác lúc ký.",
                        "The form was set to /NeedAppearances: viewers will redraw every field, possibly differently from what was signed.",
                    ));
                }
                b"DA" | b"NeedAppearances" => out.push(Judged::ok(
                    Class::FormFilling,
                    "Thiết lập hiển thị mặc định của biểu mẫu được cập nhật.",
                    "Form display defaults updated.",
                )),
                k => {
                    let name = name_str(k);
                    out.push(Judged::other(
                        format!("Biểu mẫu: mục /{name} bị thay đổi."),
                        format!("Form: entry /{name} was changed."),
                    ));
                }
            }
        }
        out
    }

    /// Same value, or references to objects with the same content (a writer
    /// that copies an unchanged dictionary into a new object and re-points to it).
    fn same_val(&mut self, o: Option<&Object>, n: Option<&Object>) -> bool {
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
    fn moved(
        &mut self,
        o: Option<&Object>,
        n: Option<&Object>,
    ) -> Option<(Object, Object, ObjRef)> {
        let Some(Object::Ref(nr)) = n else {
            return None;
        };
        let d = self.delta.get(&nr.num).filter(|d| d.added())?;
        let new = d.new.clone()?;
        let nr = *nr;
        let old = match o {
            Some(x) => self.resolve_direct(x)?,
            None => Object::Null,
        };
        Some((old, new, nr))
    }

    fn resolve_direct(&mut self, o: &Object) -> Option<Object> {
        load(self.doc, self.prev, o, self.budget)
    }

    fn fields_array_rule(&mut self, old: &Object, new: &Object) -> Judged {
        let (o, n) = (old.as_array().unwrap_or(&[]), new.as_array().unwrap_or(&[]));
        let (added, kept) = array_growth(o, n);
        if !kept {
            return Judged::other(
                "Trường biểu mẫu bị gỡ khỏi biểu mẫu.",
                "Form fields were removed from the form.",
            );
        }
        let j = Judged::ok(
            Class::Signature,
            "Thêm trường mới vào biểu mẫu.",
            "New fields added to the form.",
        );
        for a in added {
            match a.as_ref() {
                Some(r) => self.queue.push_back((r, Intent::Field, j.clone())),
                None => {
                    return Judged::other(
                        "Thêm trường biểu mẫu trực tiếp (không hợp lệ).",
                        "A direct (invalid) form field was added.",
                    )
                }
            }
        }
        j
    }

    /// Resource dictionaries (form /DR): adding entries that point at new
    /// objects (fonts for a new widget's appearance) is fine; changing what an
    /// existing name points at is not.
    fn additive_resources(&mut self, old: &Object, new: &Object) -> Judged {
        let bad = Judged::other(
            "Tài nguyên mặc định của biểu mẫu (phông chữ...) bị thay đổi.",
            "The form's default resources (fonts...) were changed.",
        );
        // Either side may be held indirectly; a new /DR may be a new object.
        let old = self.resolve_direct(old).unwrap_or(Object::Null);
        let new = match new {
            Object::Ref(r) => {
                if !self.budget.take(1) {
                    return bad;
                }
                self.doc
                    .object(self.rev, *r)
                    .ok()
                    .flatten()
                    .unwrap_or(Object::Null)
            }
            other => other.clone(),
        };
        let Some(n) = new.as_dict().cloned() else {
            return bad;
        };
        let o = old.as_dict().cloned().unwrap_or_default();
        let (o, n) = (&o, &n);
        let ok = Judged::ok(
            Class::Signature,
            "Thêm phông chữ/tài nguyên cho hình hiển thị mới.",
            "Fonts/resources added for a new appearance.",
        );
        for (k, ov) in o {
            match n.get(k) {
                Some(nv) if same(ov, nv) => {}
                Some(nv) => {
                    // One level deeper (/Font << ... >>): only additions.
                    let (Some(od), Some(nd)) = (ov.as_dict(), nv.as_dict()) else {
                        return bad;
                    };
                    // An entry may be re-pointed to a new object (Adobe keeps the
                    // newest signature appearance as /DR /XObject /FRM).
                    let to_new = |v: Option<&Object>| {
                        v.and_then(Object::as_ref)
                            .is_some_and(|r| self.delta.get(&r.num).is_some_and(Delta::added))
                    };
                    if od
                        .iter()
                        .any(|(kk, vv)| !same_opt(Some(vv), nd.get(kk)) && !to_new(nd.get(kk)))
                    {
                        return bad;
                    }
                    for (kk, vv) in nd {
                        if od.contains_key(kk) && !same_opt(od.get(kk), Some(vv)) {
                            self.enqueue_value(vv, &ok);
                        }
                    }
                    for (kk, vv) in nd {
                        if !od.contains_key(kk) {
                            self.enqueue_value(vv, &ok);
                        }
                    }
                }
                None => return bad,
            }
        }
        for (k, nv) in n {
            if !o.contains_key(k) {
                self.enqueue_value(nv, &ok);
            }
        }
        ok
    }

    fn field_rule(&mut self, num: u32, r: ObjRef, old: &Object, new: &Object) -> Vec<Judged> {
        let info = self
            .form_new
            .field_of(num)
            .or_else(|| self.form_old.field_of(num))
            .map(|(f, i)| (f, i.clone()));
        let Some((fnum, fi)) = info else {
            return vec![Judged::other(
                "Trường biểu mẫu bị sửa.",
                "A form field was modified.",
            )];
        };
        let name = fi.name.clone();
        let mut out = Vec::new();
        let keys = keys_union(
            old.as_dict().unwrap_or(&Dict::new()),
            new.as_dict().unwrap_or(&Dict::new()),
        );
        if fi.is_sig() {
            let signing_now = self.signed_in_this_revision(fnum);
            for key in keys {
                let (o, n) = (get(old, &key), get(new, &key));
                if self.same_val(o, n) {
                    continue;
                }
                match (key.as_slice(), signing_now) {
                    (b"V", true) => {
                        let j = Judged::ok(
                            Class::Signature,
                            format!("Ký vào ô chữ ký có sẵn “{name}”."),
                            format!("Existing signature field '{name}' signed."),
                        );
                        if let Some(Object::Ref(v)) = n {
                            self.queue.push_back((*v, Intent::SigValue, j.clone()));
                        }
                        out.push(j);
                    }
                    (b"V", false) => {
                        self.findings.push(attacks::signature_value_swapped(&name));
                        out.push(Judged::other(
                            format!("Ô chữ ký “{name}” đã ký nay trỏ sang một chữ ký khác."),
                            format!("The signed field '{name}' now points to a different signature value."),
                        ));
                    }
                    (b"AP" | b"AS" | b"MK" | b"F" | b"P" | b"StructParent" | b"DA", true) => {
                        let j = Judged::ok(
                            Class::Signature,
                            format!("Hình hiển thị của chữ ký “{name}”."),
                            format!("Appearance of signature '{name}'."),
                        );
                        if let Some(n) = n {
                            self.enqueue_value(n, &j);
                        }
                        out.push(j);
                    }
                    (b"AP" | b"AS", false) => {
                        self.findings.push(attacks::shadow_replace(r, "appearance"));
                        let j = Judged::other(
                            format!("Hình hiển thị của ô chữ ký “{name}” bị thay thế."),
                            format!("The appearance of signature field '{name}' was replaced."),
                        );
                        // The new appearance streams are part of this change, not unused objects.
                        if let Some(n) = n {
                            self.enqueue_value(n, &j);
                        }
                        out.push(j);
                    }
                    (k, _) => {
                        let kn = name_str(k);
                        out.push(Judged::other(
                            format!("Ô chữ ký “{name}”: mục /{kn} bị thay đổi."),
                            format!("Signature field '{name}': entry /{kn} was changed."),
                        ));
                    }
                }
            }
            return out;
        }
        let locked = self.policy.locked_by(&name);
        let v_old = self.form_old.fields.get(&fnum).and_then(|f| f.v.clone());
        let v_new = self.form_new.fields.get(&fnum).and_then(|f| f.v.clone());
        let value_changed = !same_opt(v_old.as_ref(), v_new.as_ref());
        for key in keys {
            let (o, n) = (get(old, &key), get(new, &key));
            if self.same_val(o, n) {
                continue;
            }
            match key.as_slice() {
                b"V" | b"AS" | b"AP" | b"RV" | b"DA" => {
                    let j = if fi.read_only() {
                        self.findings
                            .push(attacks::shadow_replace(r, "read_only_field"));
                        Judged::other(
                            format!("Trường chỉ-đọc “{name}” bị đổi giá trị hoặc hình hiển thị."),
                            format!(
                                "The read-only field '{name}' had its value or appearance changed."
                            ),
                        )
                    } else if matches!(key.as_slice(), b"AP" | b"AS") && !value_changed {
                        // What the signer saw was the appearance, not /V: a new
                        // appearance for an unchanged value changes the display.
                        self.findings.push(attacks::shadow_replace(r, "appearance"));
                        Judged::other(
                            format!("Hình hiển thị của trường “{name}” bị thay mà giá trị không đổi."),
                            format!("The appearance of field '{name}' was replaced while its value stayed the same."),
                        )
                    } else if key.as_slice() == b"V" && o.is_some_and(|v| !is_empty_value(v)) {
                        // The signer saw this value: replacing it is the "replace"
                        // shadow attack, not filling in a form.
                        self.findings
                            .push(attacks::shadow_replace(r, "value_replaced"));
                        Judged::other(
                            format!(
                                "Giá trị của trường “{name}” lúc ký đã bị thay bằng giá trị khác."
                            ),
                            format!(
                                "The value field '{name}' had when signed was replaced by another."
                            ),
                        )
                    } else if let Some(by) = locked {
                        Judged::bad(
                            Class::FormFilling,
                            format!("Trường “{name}” bị khoá bởi chữ ký #{} nhưng vẫn bị điền lại.", by + 1),
                            format!("Field '{name}' is locked by signature #{} but was filled in again.", by + 1),
                        )
                    } else {
                        Judged::ok(
                            Class::FormFilling,
                            format!("Điền trường biểu mẫu “{name}”."),
                            format!("Form field '{name}' filled in."),
                        )
                    };
                    if let Some(n) = n {
                        self.enqueue_value(n, &j);
                    }
                    out.push(j);
                }
                b"Ff" if read_only_set(o, n) => out.push(Judged::ok(
                    Class::Signature,
                    format!("Trường “{name}” được khoá (chỉ đọc) bởi một chữ ký mới."),
                    format!("Field '{name}' was locked (made read-only) by a new signature."),
                )),
                k => {
                    let kn = name_str(k);
                    if k == b"F" {
                        self.findings
                            .push(attacks::shadow_hide(r, "annotation_flags"));
                    }
                    out.push(Judged::other(
                        format!("Trường “{name}”: mục /{kn} bị thay đổi."),
                        format!("Field '{name}': entry /{kn} was changed."),
                    ));
                }
            }
        }
        out
    }

    /// Whether, in the previous revision, nothing but the given widgets (and their
    /// appearance dictionaries) refers to object `num` (pyHanko's "sneaky" updates
    /// re-use an appearance stream that the catalog or a page also points at).
    fn only_used_by_widgets(&mut self, num: u32, widgets: &[u32]) -> bool {
        let targets: HashSet<u32> = [num].into_iter().collect();
        let Some(map) = referrers(self.doc, self.prev, &targets, self.budget) else {
            return false;
        };
        let allowed: HashSet<u32> = widgets
            .iter()
            .copied()
            .chain(
                self.form_old
                    .ap_owner
                    .iter()
                    .chain(self.form_new.ap_owner.iter())
                    .filter(|(_, ws)| ws.iter().any(|w| widgets.contains(w)))
                    .map(|(n, _)| *n),
            )
            .collect();
        map.get(&num)
            .is_none_or(|from| from.iter().all(|f| allowed.contains(f)))
    }

    /// Whether the signature field (object `fnum`) gets its value in this revision.
    fn signed_in_this_revision(&self, fnum: u32) -> bool {
        let had = self
            .form_old
            .fields
            .get(&fnum)
            .and_then(|f| f.v.clone())
            .is_some_and(|v| v != Object::Null);
        let has = match self.form_new.fields.get(&fnum).and_then(|f| f.v.clone()) {
            Some(Object::Ref(r)) => self
                .sigs
                .by_num
                .get(&r.num)
                .is_some_and(|s| s.2 == self.rev),
            _ => false,
        };
        !had && has
    }

    fn appearance_rule(&mut self, r: ObjRef, widget: u32) -> Judged {
        let info = self
            .form_new
            .field_of(widget)
            .or_else(|| self.form_old.field_of(widget))
            .map(|(f, i)| (f, i.clone()));
        let Some((fnum, fi)) = info else {
            return Judged::other(
                format!("Hình hiển thị {r} bị thay thế."),
                format!("Appearance stream {r} was replaced."),
            );
        };
        let name = fi.name.clone();
        if fi.is_sig() {
            if self.signed_in_this_revision(fnum) {
                return Judged::ok(
                    Class::Signature,
                    format!("Hình hiển thị của chữ ký “{name}”."),
                    format!("Appearance of signature '{name}'."),
                );
            }
            self.findings.push(attacks::shadow_replace(r, "appearance"));
            return Judged::other(
                format!("Hình hiển thị của ô chữ ký “{name}” bị thay thế sau khi ký."),
                format!("The appearance of signature field '{name}' was replaced after signing."),
            );
        }
        let v_old = self.form_old.fields.get(&fnum).and_then(|f| f.v.clone());
        let v_new = self.form_new.fields.get(&fnum).and_then(|f| f.v.clone());
        let filled = !same_opt(v_old.as_ref(), v_new.as_ref());
        if fi.read_only() || !filled {
            self.findings.push(attacks::shadow_replace(
                r,
                if fi.read_only() {
                    "read_only_field"
                } else {
                    "appearance"
                },
            ));
            return Judged::other(
                format!("Hình hiển thị của trường “{name}” bị thay mà giá trị không đổi (hoặc trường chỉ-đọc)."),
                format!("The appearance of field '{name}' was replaced without a change of value (or the field is read-only)."),
            );
        }
        if let Some(by) = self.policy.locked_by(&name) {
            return Judged::bad(
                Class::FormFilling,
                format!(
                    "Trường “{name}” bị khoá bởi chữ ký #{} nhưng vẫn bị điền lại.",
                    by + 1
                ),
                format!(
                    "Field '{name}' is locked by signature #{} but was filled in again.",
                    by + 1
                ),
            );
        }
        Judged::ok(
            Class::FormFilling,
            format!("Điền trường biểu mẫu “{name}”."),
            format!("Form field '{name}' filled in."),
        )
    }

    fn page_rule(&mut self, r: ObjRef, old: &Object, new: &Object) -> Vec<Judged> {
        let mut out = Vec::new();
        let (od, nd) = (
            old.as_dict().cloned().unwrap_or_default(),
            new.as_dict().cloned().unwrap_or_default(),
        );
        let pno = self
            .page_number(r)
            .map_or_else(|| r.to_string(), |n| n.to_string());
        for key in keys_union(&od, &nd) {
            let (o, n) = (od.get(&key), nd.get(&key));
            if self.same_val(o, n) {
                continue;
            }
            match key.as_slice() {
                b"Annots" => match (o, n) {
                    (Some(Object::Array(oa)), Some(Object::Array(na))) => {
                        out.push(self.annots_growth(Some(r), &oa.clone(), &na.clone()))
                    }
                    (None, Some(Object::Array(na))) => {
                        out.push(self.annots_growth(Some(r), &[], &na.clone()))
                    }
                    (None, Some(Object::Ref(ar)))
                        if self.delta.get(&ar.num).is_some_and(Delta::added) =>
                    {
                        let j = Judged::ok(Class::Signature, "", "");
                        self.queue.push_back((*ar, Intent::AnnotsArray(Some(r)), j));
                        out.push(Judged::ok(
                            Class::Signature,
                            format!("Trang {pno}: thêm danh sách chú thích."),
                            format!("Page {pno}: annotation list added."),
                        ));
                    }
                    (Some(Object::Ref(_)), Some(Object::Array(na))) => {
                        // An indirect list replaced by a direct one: compare contents.
                        let oa = o
                            .and_then(|x| self.resolve_direct(x))
                            .and_then(|x| x.as_array().map(<[Object]>::to_vec))
                            .unwrap_or_default();
                        out.push(self.annots_growth(Some(r), &oa, &na.clone()));
                    }
                    _ => match self.moved(o, n) {
                        Some((old_arr, Object::Array(na), nr)) => {
                            let oa = old_arr
                                .as_array()
                                .map(<[Object]>::to_vec)
                                .unwrap_or_default();
                            let j = self.annots_growth(Some(r), &oa, &na);
                            self.put(nr.num, j.clone());
                            out.push(j);
                        }
                        _ => out.push(Judged::other(
                            format!("Trang {pno}: danh sách chú thích bị thay thế."),
                            format!("Page {pno}: annotation list replaced."),
                        )),
                    },
                },
                b"Tabs" => out.push(Judged::ok(
                    Class::Signature,
                    format!("Trang {pno}: thứ tự tab."),
                    format!("Page {pno}: tab order."),
                )),
                b"StructParents" if o.is_none() => out.push(Judged::ok(
                    Class::Signature,
                    format!("Trang {pno}: gắn thẻ cấu trúc."),
                    format!("Page {pno}: structure tagging."),
                )),
                b"Contents" => {
                    self.findings.push(attacks::incremental_saving(r));
                    out.push(Judged::other(
                        format!("Trang {pno}: nội dung bị thay thế."),
                        format!("Page {pno}: content replaced."),
                    ));
                }
                b"Resources" => {
                    self.findings.push(attacks::shadow_hide(r, "resources"));
                    out.push(Judged::other(
                        format!("Trang {pno}: tài nguyên (hình, lớp phủ, phông chữ) bị trỏ sang chỗ khác."),
                        format!("Page {pno}: resources (images, overlays, fonts) re-pointed."),
                    ));
                }
                k => {
                    let kn = name_str(k);
                    out.push(Judged::other(
                        format!("Trang {pno}: mục /{kn} bị thay đổi."),
                        format!("Page {pno}: entry /{kn} was changed."),
                    ));
                }
            }
        }
        out
    }

    fn annots_growth(&mut self, page: Option<ObjRef>, old: &[Object], new: &[Object]) -> Judged {
        let pno = page
            .and_then(|p| self.page_number(p))
            .map_or_else(|| "?".to_string(), |n| n.to_string());
        let (added, kept) = array_growth(old, new);
        if !kept {
            self.findings.push(attacks::shadow_hide(
                page.unwrap_or(ObjRef { num: 0, gen: 0 }),
                "annotation_removed",
            ));
            return Judged::bad(
                Class::Annotation,
                format!("Trang {pno}: chú thích hoặc ô biểu mẫu bị gỡ khỏi trang."),
                format!("Page {pno}: annotations or form widgets were removed from the page."),
            );
        }
        for a in added {
            match a.as_ref() {
                Some(ar) => self.queue.push_back((
                    ar,
                    Intent::Annot(page),
                    Judged::ok(Class::Signature, "", ""),
                )),
                None => {
                    return Judged::bad(
                        Class::Annotation,
                        format!("Trang {pno}: thêm chú thích trực tiếp."),
                        format!("Page {pno}: direct annotation added."),
                    )
                }
            }
        }
        Judged::ok(
            Class::Signature,
            format!("Trang {pno}: thêm vào danh sách chú thích."),
            format!("Page {pno}: annotation list extended."),
        )
    }

    /// Structure tree (§14.7): only additions that tag new widgets.
    fn struct_rule(&mut self, r: ObjRef, old: &Object, new: &Object) -> Judged {
        let bad = Judged::other(
            format!("Cây cấu trúc ({r}) bị sửa ngoài việc gắn thẻ cho ô chữ ký mới."),
            format!("The structure tree ({r}) was changed beyond tagging new widgets."),
        );
        let (Some(od), Some(nd)) = (old.as_dict(), new.as_dict()) else {
            return bad;
        };
        let ok = Judged::ok(
            Class::Signature,
            "Cây cấu trúc (PDF gắn thẻ) được bổ sung cho ô chữ ký mới.",
            "Structure tree (tagged PDF) extended for the new widgets.",
        );
        for key in keys_union(od, nd) {
            let (o, n) = (od.get(&key), nd.get(&key));
            if self.same_val(o, n) {
                continue;
            }
            match key.as_slice() {
                // Compared by the entries they define, whatever objects hold them.
                b"ParentTree" | b"IDTree" => {
                    let j = self.tree_verdict(if key.as_slice() == b"ParentTree" {
                        b"ParentTree"
                    } else {
                        b"IDTree"
                    });
                    if !j.allowed {
                        return j;
                    }
                }
                b"K" | b"Nums" | b"Kids" => {
                    // An array moved into a new object: compare the arrays.
                    let (o, n) = match self.moved(o, n) {
                        Some((ov, nv @ Object::Array(_), nr)) => {
                            self.put(nr.num, ok.clone());
                            (Some(ov), Some(nv))
                        }
                        _ => (o.cloned(), n.cloned()),
                    };
                    let (o, n) = (o.as_ref(), n.as_ref());
                    let as_vec = |x: Option<&Object>| match x {
                        Some(Object::Array(a)) => a.clone(),
                        Some(Object::Null) | None => Vec::new(),
                        Some(other) => vec![other.clone()],
                    };
                    let (ov, nv) = (as_vec(o), as_vec(n));
                    let (added, kept) = array_growth(&ov, &nv);
                    if !kept {
                        return bad;
                    }
                    for a in added {
                        match a {
                            Object::Int(_) if key.as_slice() == b"Nums" => {}
                            Object::Ref(ar) => {
                                self.queue.push_back((*ar, Intent::Struct, ok.clone()))
                            }
                            Object::Dict(d) if self.objr_to_new(d) => {}
                            _ => return bad,
                        }
                    }
                }
                b"ParentTreeNextKey" => {
                    match (o.and_then(Object::as_int), n.and_then(Object::as_int)) {
                        (Some(a), Some(b)) if b >= a => {}
                        (None, Some(_)) => {}
                        _ => return bad,
                    }
                }
                b"Limits" => {}
                _ => return bad,
            }
        }
        ok
    }

    /// The structure tree root (§14.7.2) of a revision, resolved.
    fn struct_tree_root(&mut self, rev: usize) -> Option<Object> {
        let cat = if rev == self.rev {
            self.cat_new.clone()
        } else {
            self.cat_old.clone()
        }?;
        let r = cat.get(b"StructTreeRoot".as_slice())?.clone();
        load(self.doc, rev, &r, self.budget)
    }

    /// Both trees' verdicts, computed once per revision.
    fn ensure_trees(&mut self) {
        if self.trees.is_some() {
            return;
        }
        self.trees = Some(TreeVerdicts::default());
        for key in [b"ParentTree".as_slice(), b"IDTree".as_slice()] {
            let j = self.compare_tree(key);
            if let Some(t) = self.trees.as_mut() {
                t.verdicts.insert(key, j);
            }
        }
    }

    /// The verdict on `/ParentTree` or `/IDTree` of the structure tree.
    fn tree_verdict(&mut self, key: &'static [u8]) -> Judged {
        self.ensure_trees();
        self.trees
            .as_ref()
            .and_then(|t| t.verdicts.get(key).cloned())
            .unwrap_or_else(|| {
                Judged::other(
                    "Không so sánh được cây cấu trúc.",
                    "The structure tree could not be compared.",
                )
            })
    }

    /// When `num` is a node or an indirect array of the ParentTree or IDTree
    /// (in either revision), the verdict on that whole tree.
    fn tree_holder_verdict(&mut self, num: u32) -> Option<Judged> {
        let has_tree = |c: &Option<Dict>| {
            c.as_ref()
                .is_some_and(|c| c.get(b"StructTreeRoot".as_slice()).is_some())
        };
        if !has_tree(&self.cat_old) && !has_tree(&self.cat_new) {
            return None;
        }
        self.ensure_trees();
        let key = *self.trees.as_ref()?.holders.get(&num)?;
        Some(self.tree_verdict(key))
    }

    /// ParentTree (§14.7.4.4) or IDTree (§14.7.2) of the previous and this
    /// revision compared by meaning. Permitted: every earlier entry kept with
    /// the same value, and new entries that are each one reference to a
    /// structure element added in this revision (checked to tag a new widget
    /// through the queue). Not permitted: an earlier entry changed or dropped,
    /// a key defined twice with different values, a new entry that points at
    /// page content (an array of marked-content parents), or a tree that
    /// could not be read in full.
    fn compare_tree(&mut self, key: &'static [u8]) -> Judged {
        let kind = if key == b"ParentTree" {
            TreeKind::Number
        } else {
            TreeKind::Name
        };
        let name = name_str(key);
        let root_old = self.struct_tree_root(self.prev);
        let root_new = self.struct_tree_root(self.rev);
        let tree_old = root_old.as_ref().and_then(|r| get(r, key)).cloned();
        let tree_new = root_new.as_ref().and_then(|r| get(r, key)).cloned();
        let old = read_tree(self.doc, self.prev, tree_old.as_ref(), kind, self.budget);
        let new = read_tree(self.doc, self.rev, tree_new.as_ref(), kind, self.budget);
        if let Some(t) = self.trees.as_mut() {
            for &h in old.holders.iter().chain(&new.holders) {
                t.holders.insert(h, key);
            }
        }
        let ok = Judged::ok(
            Class::Signature,
            "Cây cấu trúc (PDF gắn thẻ) được bổ sung cho ô chữ ký mới; mọi mục cũ giữ nguyên.",
            "Structure tree (tagged PDF) extended for the new widgets; every earlier entry kept.",
        );
        let verdict = if !old.complete || !new.complete {
            Judged::other(
                format!("Không đọc hết được cây /{name} của cấu trúc tài liệu (quá lớn, quá sâu hoặc hỏng): không xác nhận được thay đổi."),
                format!("The document structure's /{name} could not be read in full (too large, too deep or broken): the change cannot be cleared."),
            )
        } else if !new.conflicting.is_empty() {
            Judged::other(
                format!(
                    "Cây /{name} định nghĩa khoá {} hai lần với giá trị khác nhau.",
                    some_keys(&new.conflicting)
                ),
                format!(
                    "/{name} defines key(s) {} twice with different values.",
                    some_keys(&new.conflicting)
                ),
            )
        } else {
            let d = diff(&old, &new);
            let mut altered = d.changed.clone();
            altered.extend(d.dropped.iter().cloned());
            if !altered.is_empty() {
                Judged::other(
                    format!("Cây cấu trúc: mục {} của /{name} bị sửa hoặc bị bỏ (không phải chỉ gắn thẻ cho ô chữ ký mới).", some_keys(&altered)),
                    format!("Structure tree: /{name} entr(ies) {} were changed or dropped (not just tagging new widgets).", some_keys(&altered)),
                )
            } else {
                let mut content = Vec::new();
                let mut queued = Vec::new();
                for (k, v) in &d.added {
                    match v.as_ref() {
                        Some(r) if self.delta.get(&r.num).is_some_and(Delta::added) => {
                            queued.push(r)
                        }
                        _ => content.push(k.clone()),
                    }
                }
                if content.is_empty() {
                    for r in queued {
                        self.queue.push_back((r, Intent::Struct, ok.clone()));
                    }
                    ok
                } else {
                    Judged::other(
                        format!("Cây cấu trúc: mục mới {} của /{name} gắn với nội dung trang có sẵn, không phải ô chữ ký mới.", some_keys(&content)),
                        format!("Structure tree: new /{name} entr(ies) {} point at existing page content, not at new widgets.", some_keys(&content)),
                    )
                }
            }
        };
        // Objects added in this revision that now hold the tree take its
        // verdict (changed ones are judged through `tree_holder_verdict`).
        let added: Vec<u32> = new
            .holders
            .iter()
            .copied()
            .filter(|n| self.delta.get(n).is_some_and(Delta::added) && !self.is_judged(*n))
            .collect();
        for n in added {
            self.put(n, verdict.clone());
        }
        verdict
    }

    /// Every annotation this revision adds, reveals, moves or re-draws: does
    /// its appearance now hide content of the page as it was before? (See
    /// `cover`.) Whatever DocMDP permits, hiding signed content is not.
    fn check_covering(&mut self) {
        let pages = self.pages_new().pages.clone();
        let (mut examined, mut skipped) = (0usize, 0usize);
        for (pi, page) in pages.iter().enumerate() {
            let Ok(Some(pd)) = self.doc.object_head(self.rev, *page) else {
                continue;
            };
            let Some(annots) = get(&pd, b"Annots")
                .cloned()
                .and_then(|a| self.doc.resolve(self.rev, &a).ok())
            else {
                continue;
            };
            for a in annots.as_array().unwrap_or(&[]).iter().take(10_000) {
                let Some(ar) = a.as_ref() else { continue };
                let touched = self.delta.contains_key(&ar.num)
                    || appearance_refs(self.doc, self.rev, a, self.budget)
                        .iter()
                        .any(|n| self.delta.contains_key(n));
                if !touched {
                    continue;
                }
                if examined >= MAX_ANNOTS_PER_REVISION {
                    skipped += 1;
                    continue;
                }
                examined += 1;
                let Ok(Some(obj)) = self.doc.object(self.rev, ar) else {
                    continue;
                };
                let Some(ad) = obj.as_dict() else { continue };
                let opaque = cover::opaque_areas(self.doc, self.rev, ad);
                if opaque.is_empty() {
                    continue;
                }
                // Shown the same way when the earlier revision was signed: not new.
                let before = match self.doc.object(self.prev, ar) {
                    Ok(Some(o)) => o
                        .as_dict()
                        .map(|od| cover::opaque_areas(self.doc, self.prev, od))
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                if opaque.iter().all(|o| before.iter().any(|b| b.contains(o))) {
                    continue;
                }
                let what = match subtype_of(&obj) {
                    Some(b"Widget") => {
                        let name = self
                            .form_new
                            .field_of(ar.num)
                            .map(|(_, f)| f.name.clone())
                            .unwrap_or_default();
                        (format!("ô “{name}”"), format!("widget '{name}'"))
                    }
                    Some(sub) => {
                        let sub = name_str(sub);
                        (format!("chú thích /{sub}"), format!("/{sub} annotation"))
                    }
                    None => ("chú thích".to_string(), "annotation".to_string()),
                };
                match cover::under(self.doc, &mut self.page_cache, self.prev, *page, &opaque) {
                    Under::Clear => {}
                    Under::Covered { rect, texts } => {
                        match subtype_of(&obj) {
                            Some(b"Widget") => {}
                            sub => {
                                let sub = sub.map(name_str).unwrap_or_else(|| "?".into());
                                let pno = (pi + 1).to_string();
                                self.findings.push(attacks::evil_annotation(ar, &sub, &pno));
                            }
                        }
                        self.findings.push(attacks::covers_signed_content(
                            ar,
                            pi + 1,
                            &what,
                            &rect,
                            &texts,
                        ));
                        if self.covered.len() < MAX_ANNOTS_PER_REVISION {
                            let page_box = self.page_cache.frame(self.doc, self.prev, *page);
                            self.covered.push(CoveredRegion {
                                revision: u32::try_from(self.rev + 1).unwrap_or(u32::MAX),
                                page: u32::try_from(pi + 1).unwrap_or(u32::MAX),
                                page_box: page_box.map(|b| [b.x0, b.y0, b.x1, b.y1]),
                                rect: [rect.x0, rect.y0, rect.x1, rect.y1],
                                texts: texts.clone(),
                            });
                        }
                        let rt = rect.to_text();
                        self.put(
                            ar.num,
                            Judged::other(
                                format!("Trang {}: {} được thêm hoặc sửa sau khi ký và che nội dung đã ký tại {rt}.", pi + 1, what.0),
                                format!("Page {}: a {} added or changed after signing hides signed content at {rt}.", pi + 1, what.1),
                            ),
                        );
                    }
                    Under::Undecided { rect, why } => {
                        self.findings
                            .push(attacks::coverage_undecided(pi + 1, &what, &rect, &why));
                    }
                }
            }
        }
        if skipped > 0 {
            self.findings.push(attacks::coverage_not_examined(skipped));
        }
    }

    /// An object reference dictionary (§14.7.4.3, /Type /OBJR) naming an object added in this revision.
    fn objr_to_new(&self, d: &Dict) -> bool {
        d.get(b"Obj".as_slice())
            .and_then(Object::as_ref)
            .is_some_and(|o| self.delta.get(&o.num).is_some_and(Delta::added))
    }

    // ------------------------------------------------------------- new objects

    fn enqueue_value(&mut self, v: &Object, parent: &Judged) {
        for (_, r) in refs_in(v, &[b"P", b"Parent", b"Pg"], 10_000) {
            self.queue.push_back((r, Intent::Inherit, parent.clone()));
        }
    }

    fn enqueue_children(&mut self, o: &Object, parent: Judged, intent: impl Fn(&[u8]) -> Intent) {
        for (key, r) in refs_in(o, &[b"P", b"Parent", b"Pg"], 10_000) {
            if self.delta.get(&r.num).is_some_and(Delta::added) {
                self.queue.push_back((r, intent(&key), parent.clone()));
            }
        }
    }

    fn drain_queue(&mut self) {
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
            let Some(d) = self.delta.get(&r.num) else {
                continue;
            };
            let Some(obj) = d.new.clone() else { continue };
            let j = match intent {
                Intent::Field => self.new_field(r, &obj),
                Intent::Annot(page) => self.new_annot(r, &obj, page),
                Intent::AnnotsArray(page) => {
                    let items = obj.as_array().unwrap_or(&[]).to_vec();
                    self.annots_growth(page, &[], &items)
                }
                Intent::Struct => self.new_struct(r, &obj),
                Intent::SigValue => self.new_sig_value(r),
                Intent::Inherit => {
                    let (vi, en) = if parent.vi.is_empty() {
                        (
                            "Dữ liệu đi kèm (hình hiển thị, phông chữ...).".to_string(),
                            "Supporting data (appearance, fonts...).".to_string(),
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

    fn new_field(&mut self, r: ObjRef, obj: &Object) -> Judged {
        let info = self.form_new.field_of(r.num).map(|(f, i)| (f, i.clone()));
        let Some((fnum, fi)) = info else {
            if get(obj, b"Kids").is_some() {
                let j = Judged::other(
                    "Thêm một nhóm trường biểu mẫu.",
                    "A group of form fields was added.",
                );
                self.enqueue_children(obj, j.clone(), |k| {
                    if k == b"Kids" {
                        Intent::Field
                    } else {
                        Intent::Inherit
                    }
                });
                return j;
            }
            return Judged::other(
                format!("Thêm một trường biểu mẫu lạ ({r})."),
                format!("An unusual form field ({r}) was added."),
            );
        };
        let name = fi.name.clone();
        if !fi.is_sig() {
            let j = Judged::other(
                format!("Thêm trường biểu mẫu mới “{name}”."),
                format!("New form field '{name}' added."),
            );
            self.enqueue_children(obj, j.clone(), |_| Intent::Inherit);
            return j;
        }
        let j = Judged::ok(
            Class::Signature,
            format!("Thêm ô chữ ký “{name}”."),
            format!("Signature field '{name}' added."),
        );
        self.enqueue_children(obj, j.clone(), |k| match k {
            b"V" => Intent::SigValue,
            b"Kids" => Intent::Annot(None),
            _ => Intent::Inherit,
        });
        let _ = fnum;
        j
    }

    fn new_annot(&mut self, r: ObjRef, obj: &Object, page: Option<ObjRef>) -> Judged {
        let pno = page
            .and_then(|p| self.page_number(p))
            .map_or_else(|| "?".to_string(), |n| n.to_string());
        if subtype_of(obj) == Some(b"Widget") {
            let info = self.form_new.field_of(r.num).map(|(f, i)| (f, i.clone()));
            return match info {
                Some((_, fi)) if fi.is_sig() => {
                    let name = fi.name;
                    let j = Judged::ok(
                        Class::Signature,
                        format!("Ô chữ ký “{name}” trên trang {pno}."),
                        format!("Signature widget '{name}' on page {pno}."),
                    );
                    self.enqueue_children(obj, j.clone(), |k| {
                        if k == b"V" {
                            Intent::SigValue
                        } else {
                            Intent::Inherit
                        }
                    });
                    j
                }
                Some((_, fi)) => {
                    let name = fi.name;
                    let j = Judged::other(
                        format!("Thêm ô biểu mẫu “{name}” trên trang {pno}."),
                        format!("Form widget '{name}' added on page {pno}."),
                    );
                    self.enqueue_children(obj, j.clone(), |_| Intent::Inherit);
                    j
                }
                None => {
                    self.findings.push(attacks::sneaky_orphan_widget(r, &pno));
                    Judged::other(
                        format!("Trang {pno}: thêm một ô hiển thị (widget) không thuộc trường biểu mẫu nào."),
                        format!("Page {pno}: a widget that belongs to no form field was added."),
                    )
                }
            };
        }
        let sub = subtype_of(obj).map(name_str).unwrap_or_else(|| "?".into());
        // "/FreeText [70 690 370 720]": type and where it sits (§12.5.2 /Rect).
        let sub = match rect_text(obj) {
            Some(rect) => format!("{sub} {rect}"),
            None => sub,
        };
        // With an appearance stream the page geometry decides (`check_covering`);
        // without one, viewers draw their own, so judge by what the type paints.
        let has_ap = get(obj, b"AP").is_some();
        let covering = !has_ap && attacks::covering_annotation(subtype_of(obj), false);
        let j = if covering {
            self.findings.push(attacks::evil_annotation(r, &sub, &pno));
            Judged::bad(
                Class::Annotation,
                format!("Trang {pno}: thêm chú thích /{sub} có thể che nội dung đã ký."),
                format!("Page {pno}: a /{sub} annotation that can cover signed content was added."),
            )
        } else {
            Judged::ok(
                Class::Annotation,
                format!("Trang {pno}: thêm chú thích /{sub}."),
                format!("Page {pno}: /{sub} annotation added."),
            )
        };
        self.enqueue_children(obj, j.clone(), |k| {
            if k == b"Popup" {
                Intent::Annot(page)
            } else {
                Intent::Inherit
            }
        });
        j
    }

    fn new_struct(&mut self, r: ObjRef, obj: &Object) -> Judged {
        let bad = Judged::other(
            format!("Cây cấu trúc: thêm phần tử ({r}) gắn với nội dung trang chứ không phải ô chữ ký mới."),
            format!("Structure tree: element ({r}) added for page content rather than a new widget."),
        );
        let Some(d) = obj.as_dict() else { return bad };
        let ok = Judged::ok(
            Class::Signature,
            "Cây cấu trúc (PDF gắn thẻ) được bổ sung cho ô chữ ký mới.",
            "Structure tree (tagged PDF) extended for the new widgets.",
        );
        for key in [b"K".as_slice(), b"Nums", b"Kids"] {
            let items = match d.get(key) {
                Some(Object::Array(a)) => a.clone(),
                Some(o) => vec![o.clone()],
                None => continue,
            };
            for it in items {
                match it {
                    Object::Int(_) if key == b"Nums" => {}
                    Object::Ref(ar) => self.queue.push_back((ar, Intent::Struct, ok.clone())),
                    Object::Dict(od) if self.objr_to_new(&od) => {}
                    _ => return bad,
                }
            }
        }
        ok
    }

    fn new_sig_value(&mut self, r: ObjRef) -> Judged {
        match self.sigs.by_num.get(&r.num) {
            Some(&(_, true, fr)) if fr == self.rev => Judged::ok(
                Class::Ltv,
                "Thêm dấu thời gian cho tài liệu.",
                "Document timestamp added.",
            ),
            Some(&(i, false, fr)) if fr == self.rev => Judged::ok(
                Class::Signature,
                format!("Thêm chữ ký #{}.", i + 1),
                format!("Signature #{} added.", i + 1),
            ),
            _ => Judged::other(
                format!("Ô chữ ký trỏ tới một giá trị ({r}) không phải chữ ký hợp lệ."),
                format!(
                    "A signature field points to a value ({r}) that is not a proper signature."
                ),
            ),
        }
    }

    /// New signature fields must end up signed: a signature box that never gets
    /// a signature but paints something is a "sneaky signature" (pdf-insecurity.org).
    fn check_new_signature_fields(&mut self) {
        let new_fields: Vec<(u32, crate::context::FieldInfo)> = self
            .form_new
            .fields
            .iter()
            .filter(|(n, f)| {
                f.is_sig()
                    && (!self.form_old.fields.contains_key(n)
                        || f.widgets
                            .iter()
                            .any(|w| self.delta.get(w).is_some_and(Delta::added)))
            })
            .map(|(n, f)| (*n, f.clone()))
            .collect();
        for (fnum, fi) in new_fields {
            if !self.budget.take(1 + fi.widgets.len()) {
                return;
            }
            let gen = self.delta.get(&fnum).map_or(0, |d| d.r.gen);
            let final_v = self
                .doc
                .object(self.last, ObjRef { num: fnum, gen })
                .ok()
                .flatten()
                .and_then(|o| get(&o, b"V").cloned());
            let signed = match final_v {
                Some(Object::Ref(v)) => self.sigs.by_num.contains_key(&v.num),
                Some(Object::Dict(_)) => true,
                _ => false,
            };
            if signed {
                continue;
            }
            let mut paints = false;
            for w in &fi.widgets {
                let Some(wo) = self.delta.get(w).and_then(|d| d.new.clone()).or_else(|| {
                    self.doc
                        .object(self.rev, ObjRef { num: *w, gen: 0 })
                        .ok()
                        .flatten()
                }) else {
                    continue;
                };
                if widget_paints(self.doc, self.rev, &wo, self.budget) {
                    paints = true;
                }
            }
            if paints {
                self.findings.push(attacks::sneaky_signature(&fi.name));
                self.put(
                    fnum,
                    Judged::bad(
                        Class::Signature,
                        format!("Ô chữ ký “{}” được thêm vào, có hình hiển thị nhưng không có chữ ký thật.", fi.name),
                        format!("Signature field '{}' was added with a visible appearance but no actual signature.", fi.name),
                    ),
                );
            }
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
            Some(Default::default())
        } else {
            referrers(self.doc, self.prev, &unreached, self.budget)
        };
        for (num, r) in left {
            let filled = match &dangling {
                Some(map) => map
                    .get(&num)
                    .is_some_and(|from: &HashSet<u32>| !from.is_empty()),
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
        let mut agg: BTreeMap<(Class, bool, String, String), Vec<String>> = BTreeMap::new();
        let mut level = ModificationLevel::None;
        let mut disallowed = false;
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
        for (num, js) in &self.judged {
            for j in js {
                let mut j = j.clone();
                if timestamp_only && j.class == Class::Signature {
                    j.class = Class::Ltv;
                }
                if j.allowed {
                    if let Err((vi, en)) = permitted(j.class, self.policy, ltv_in_step) {
                        j.allowed = false;
                        j.vi = format!("{} ({vi})", j.vi);
                        j.en = format!("{} ({en})", j.en);
                    }
                }
                level = level.max(j.class.level());
                disallowed |= !j.allowed;
                let objref = self.delta.get(num).map(|d| d.r.to_string());
                let e = agg.entry((j.class, j.allowed, j.vi, j.en)).or_default();
                if let Some(o) = objref {
                    if !e.contains(&o) {
                        e.push(o);
                    }
                }
            }
        }
        let revision = u32::try_from(self.rev + 1).unwrap_or(u32::MAX);
        let changes: Vec<Change> = agg
            .into_iter()
            .map(|((class, allowed, vi, en), objs)| {
                let n = objs.len();
                let mut shown: Vec<String> = objs.into_iter().take(MAX_REFS_PER_CHANGE).collect();
                if n > MAX_REFS_PER_CHANGE {
                    shown.push(format!("… (+{})", n - MAX_REFS_PER_CHANGE));
                }
                Change {
                    revision,
                    class: class.as_str().to_string(),
                    allowed,
                    object: if shown.is_empty() {
                        None
                    } else {
                        Some(shown.join(", "))
                    },
                    message_vi: vi,
                    message_en: en,
                }
            })
            .collect();
        let mut findings: Vec<Finding> = Vec::new();
        if self.policy.docmdp.is_none() {
            let comments: Vec<String> = changes_of(&changes, Class::Annotation);
            if !comments.is_empty() {
                findings.push(attacks::annotations_after_approval(&comments));
            }
        }
        for f in self.findings {
            if !findings
                .iter()
                .any(|g| g.code == f.code && g.message_en == f.message_en)
            {
                findings.push(f);
            }
        }
        StepResult {
            changes,
            level,
            disallowed,
            findings,
            covered: self.covered,
        }
    }
}

/// The English messages of the permitted changes of one class, for findings.
fn changes_of(changes: &[Change], class: Class) -> Vec<String> {
    changes
        .iter()
        .filter(|c| c.allowed && c.class == class.as_str())
        .map(|c| c.message_vi.clone() + "\u{1f}" + &c.message_en)
        .collect()
}

const LTV_VI: &str = "Bổ sung dữ liệu kiểm tra dài hạn (DSS: chứng thư, OCSP, CRL).";
const LTV_EN: &str = "Long-term validation data added (DSS: certificates, OCSP, CRLs).";

fn metadata_info() -> Judged {
    Judged::ok(
        Class::Metadata,
        "Thông tin mô tả tài liệu (/Info) được cập nhật.",
        "Document information (/Info) updated.",
    )
}

fn metadata_xmp() -> Judged {
    Judged::ok(
        Class::Metadata,
        "Siêu dữ liệu XMP được cập nhật.",
        "XMP metadata updated.",
    )
}

/// Two Info values that display the same: equal objects, or text strings
/// that decode (PDFDocEncoding or UTF-16BE/UTF-8 with BOM) to the same text.
fn same_text(a: Option<&Object>, b: Option<&Object>) -> bool {
    if same_opt(a, b) {
        return true;
    }
    match (a, b) {
        (Some(Object::String(x)), Some(Object::String(y))) => {
            kyso_pdf::decode_text(&x.bytes) == kyso_pdf::decode_text(&y.bytes)
        }
        _ => false,
    }
}

fn keys_union(a: &Dict, b: &Dict) -> Vec<Vec<u8>> {
    let mut k: Vec<Vec<u8>> = a.keys().chain(b.keys()).cloned().collect();
    k.sort();
    k.dedup();
    k
}

fn changed_keys(old: &Object, new: &Object) -> String {
    let (od, nd) = (
        old.as_dict().cloned().unwrap_or_default(),
        new.as_dict().cloned().unwrap_or_default(),
    );
    let keys: Vec<String> = keys_union(&od, &nd)
        .into_iter()
        .filter(|k| !same_opt(od.get(k), nd.get(k)))
        .map(|k| format!("/{}", name_str(&k)))
        .collect();
    if keys.is_empty() {
        "?".into()
    } else {
        keys.join(" ")
    }
}

/// `/Type /StructElem`, or (Type is optional, Table 323) /S and /P without another /Type.
fn is_struct_elem(o: &Object) -> bool {
    let Object::Dict(d) = o else { return false };
    match d.get(b"Type".as_slice()).and_then(Object::as_name) {
        Some(t) => t == b"StructElem",
        None => {
            d.get(b"S".as_slice()).and_then(Object::as_name).is_some()
                && d.get(b"P".as_slice()).and_then(Object::as_ref).is_some()
        }
    }
}

/// A short human label for an object.
fn describe(o: &Object) -> (String, String) {
    match (type_of(o), subtype_of(o), o) {
        (Some(t), _, _) => (format!("/{}", name_str(t)), format!("/{}", name_str(t))),
        (None, Some(s), _) => (format!("/{}", name_str(s)), format!("/{}", name_str(s))),
        (None, None, Object::Stream(_)) => ("luồng dữ liệu".into(), "stream".into()),
        (None, None, Object::Dict(_)) => ("từ điển".into(), "dictionary".into()),
        (None, None, Object::Array(_)) => ("mảng".into(), "array".into()),
        _ => ("giá trị".into(), "value".into()),
    }
}

/// Whether a widget has a visible, non-empty normal appearance (§12.5.5) in a
/// non-degenerate /Rect and is not hidden (/F bit 2, Table 165).
pub(crate) fn widget_paints(
    doc: &Document<'_>,
    rev: usize,
    w: &Object,
    budget: &mut Budget,
) -> bool {
    let rect: Vec<f64> = get(w, b"Rect")
        .and_then(Object::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(|x| match x {
            Object::Int(i) => Some(*i as f64),
            Object::Real(r) => Some(*r),
            _ => None,
        })
        .collect();
    let [x1, y1, x2, y2] = rect.as_slice() else {
        return false;
    };
    if (x2 - x1).abs() < 1.0 || (y2 - y1).abs() < 1.0 {
        return false;
    }
    if get(w, b"F")
        .and_then(Object::as_int)
        .is_some_and(|f| f & 2 != 0)
    {
        return false;
    }
    appearance_refs(doc, rev, w, budget).into_iter().any(|n| {
        budget.take(1)
            && matches!(doc.object(rev, ObjRef { num: n, gen: 0 }), Ok(Some(Object::Stream(s))) if !s.raw.iter().all(u8::is_ascii_whitespace))
    })
}

/// An empty field value: absent, null, an empty string or the /Off state.
fn is_empty_value(v: &Object) -> bool {
    match v {
        Object::Null => true,
        Object::String(s) => s.bytes.is_empty() || s.bytes == [0xFE, 0xFF],
        Object::Name(n) => n.as_slice() == b"Off",
        Object::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// An annotation's /Rect as written, for messages.
fn rect_text(o: &Object) -> Option<String> {
    let nums: Vec<String> = get(o, b"Rect")?
        .as_array()?
        .iter()
        .filter_map(|x| match x {
            Object::Int(i) => Some(i.to_string()),
            Object::Real(r) => Some(format!("{r:.0}")),
            _ => None,
        })
        .collect();
    (nums.len() == 4).then(|| format!("[{}]", nums.join(" ")))
}

/// Field flags that differ only by ReadOnly (Table 221, bit 1) being set: what
/// a signing tool does to the fields a FieldMDP lock covers. Clearing it is not.
fn read_only_set(old: Option<&Object>, new: Option<&Object>) -> bool {
    let o = old.and_then(Object::as_int).unwrap_or(0);
    let Some(n) = new.and_then(Object::as_int) else {
        return false;
    };
    n & 1 == 1 && (o | 1) == n
}
