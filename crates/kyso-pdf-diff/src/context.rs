//! What each revision's object graph looks like where the rules need it: the
//! form (fields, widgets, appearance streams), the pages and what they draw,
//! the structure tree's number tree, and the DSS. Built lazily, bounded.

use crate::budget::Budget;
use crate::compare::{get, refs_in, type_of};
use crate::policy::kyso_text;
use kyso_pdf::object::{ObjRef, Object};
use kyso_pdf::Document;
use std::collections::{HashMap, HashSet};

/// Field-tree depth followed (§12.7.3.1 /Kids). Real forms nest < 5 deep; 32 as pdf.js.
const MAX_FIELD_DEPTH: usize = 32;
/// Structure-tree number-tree nodes visited per revision (§7.9.7): a tagged
/// 1,000-page document has a few thousand ParentTree nodes.
const MAX_STRUCT_NODES: usize = 50_000;
/// Number-tree depth (§7.9.7) for the structure ParentTree.
const MAX_TREE_DEPTH: usize = 32;
/// Objects collected from the DSS (§ETSI EN 319 142-1 5.4.2). A DSS with thousands of CRLs is
/// unusual; 100,000 keeps a hostile one bounded.
const MAX_DSS_OBJECTS: usize = 100_000;

/// One field of the interactive form (§12.7.3, Table 220), inherited entries merged.
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldInfo {
    /// Fully qualified name.
    pub name: String,
    /// /FT, inherited.
    pub ft: Option<Vec<u8>>,
    /// /Ff, inherited.
    pub ff: i64,
    /// Widgets (object numbers), the field itself when merged.
    pub widgets: Vec<u32>,
    /// /V as written on the terminal field (not inherited).
    pub v: Option<Object>,
}

impl FieldInfo {
    pub(crate) fn is_sig(&self) -> bool {
        self.ft.as_deref() == Some(b"Sig")
    }
    /// Table 221: bit 1 ReadOnly.
    pub(crate) fn read_only(&self) -> bool {
        self.ff & 1 != 0
    }
}

/// The interactive form of one revision.
#[derive(Debug, Default)]
pub(crate) struct Form {
    /// Terminal fields by object number.
    pub fields: HashMap<u32, FieldInfo>,
    /// Non-terminal field nodes (object numbers), for names only.
    pub nodes: HashSet<u32>,
    /// Widget object number → terminal field object number.
    pub widget_field: HashMap<u32, u32>,
    /// Appearance stream (or appearance sub-dictionary) object number → widgets using it.
    pub ap_owner: HashMap<u32, Vec<u32>>,
    /// The AcroForm dictionary, if indirect.
    pub acroform: Option<ObjRef>,
    /// The /Fields array, if indirect.
    pub fields_array: Option<ObjRef>,
    /// The /DR dictionary and its sub-dictionaries, if indirect.
    pub resources: HashSet<u32>,
    /// The field tree has more nodes than the parser's
    /// [`kyso_pdf::Limits::max_form_fields`]: the walk stopped there, and
    /// what the form holds is not known (no rule may conclude from it).
    pub truncated: bool,
}

impl Form {
    pub(crate) fn field_of(&self, num: u32) -> Option<(u32, &FieldInfo)> {
        let f = if self.fields.contains_key(&num) {
            num
        } else {
            *self.widget_field.get(&num)?
        };
        self.fields.get(&f).map(|i| (f, i))
    }
}

pub(crate) fn read_form(doc: &Document<'_>, rev: usize, budget: &mut Budget) -> Form {
    let mut form = Form::default();
    let Ok(cat) = doc.catalog(rev) else {
        return form;
    };
    let Some(af_obj) = cat.get(b"AcroForm".as_slice()) else {
        return form;
    };
    form.acroform = af_obj.as_ref();
    let Some(af) = load(doc, rev, af_obj, budget) else {
        return form;
    };
    let Some(fields_obj) = get(&af, b"Fields") else {
        return form;
    };
    form.fields_array = fields_obj.as_ref();
    // The /DR dictionary and its category dictionaries (/Font ...) when
    // indirect; not the fonts themselves, which are judged as fonts.
    if let Some(dr) = get(&af, b"DR") {
        if let Some(r) = dr.as_ref() {
            form.resources.insert(r.num);
        }
        if let Some(drd) = load(doc, rev, dr, budget) {
            for v in drd.as_dict().into_iter().flat_map(|d| d.values()) {
                if let Some(r) = v.as_ref() {
                    form.resources.insert(r.num);
                }
            }
        }
    }
    let Some(fields) = load(doc, rev, fields_obj, budget) else {
        return form;
    };
    struct Node {
        r: ObjRef,
        prefix: String,
        ft: Option<Vec<u8>>,
        ff: i64,
        depth: usize,
    }
    // The top-level fields are taken in order from their array; only kids
    // wait on the stack.
    let mut top = fields
        .as_array()
        .unwrap_or(&[])
        .iter()
        .filter_map(Object::as_ref);
    let mut stack: Vec<Node> = Vec::new();
    let max_nodes = doc.limits().max_form_fields;
    let mut seen = HashSet::new();
    while let Some(n) = stack.pop().or_else(|| {
        top.next().map(|r| Node {
            r,
            prefix: String::new(),
            ft: None,
            ff: 0,
            depth: 0,
        })
    }) {
        if seen.len() >= max_nodes {
            form.truncated = true;
            doc.note_limit(kyso_pdf::codes::LIMIT_FORM_FIELDS);
            break;
        }
        if !seen.insert(n.r) || n.depth > MAX_FIELD_DEPTH || !budget.take(1) {
            continue;
        }
        let Ok(Some(obj)) = doc.object_head(rev, n.r) else {
            continue;
        };
        let Some(d) = obj.as_dict() else { continue };
        let partial = d
            .get(b"T".as_slice())
            .and_then(Object::as_string)
            .map(|s| kyso_text(&s.bytes));
        let name = match (&partial, n.prefix.is_empty()) {
            (Some(p), true) => p.clone(),
            (Some(p), false) => format!("{}.{}", n.prefix, p),
            (None, _) => n.prefix.clone(),
        };
        let ft = d
            .get(b"FT".as_slice())
            .and_then(Object::as_name)
            .map(<[u8]>::to_vec)
            .or(n.ft);
        let ff = d
            .get(b"Ff".as_slice())
            .and_then(Object::as_int)
            .unwrap_or(n.ff);
        let kids: Vec<ObjRef> = d
            .get(b"Kids".as_slice())
            .and_then(|k| load(doc, rev, k, budget))
            .map(|k| {
                k.as_array()
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(Object::as_ref)
                    .collect()
            })
            .unwrap_or_default();
        // A kid with /T is a field; one without is a widget of this field (§12.7.3.1).
        let mut widgets = Vec::new();
        let mut child_fields = Vec::new();
        for k in kids {
            if !budget.take(1) {
                break;
            }
            match doc.object_head(rev, k) {
                Ok(Some(ko)) if get(&ko, b"T").is_some() => child_fields.push(k),
                Ok(Some(_)) => widgets.push(k.num),
                _ => {}
            }
        }
        let merged_widget =
            d.get(b"Subtype".as_slice()).and_then(Object::as_name) == Some(b"Widget");
        if merged_widget {
            widgets.insert(0, n.r.num);
        }
        if child_fields.is_empty() {
            for w in &widgets {
                form.widget_field.insert(*w, n.r.num);
                let wobj = if *w == n.r.num {
                    Some(obj.clone())
                } else {
                    doc.object_head(rev, ObjRef { num: *w, gen: 0 })
                        .ok()
                        .flatten()
                };
                if let Some(wo) = wobj {
                    for ap in appearance_refs(doc, rev, &wo, budget) {
                        form.ap_owner.entry(ap).or_default().push(*w);
                    }
                }
            }
            let v = d.get(b"V".as_slice()).cloned();
            form.fields.insert(
                n.r.num,
                FieldInfo {
                    name,
                    ft,
                    ff,
                    widgets,
                    v,
                },
            );
        } else {
            form.nodes.insert(n.r.num);
            for c in child_fields.into_iter().rev() {
                stack.push(Node {
                    r: c,
                    prefix: name.clone(),
                    ft: ft.clone(),
                    ff,
                    depth: n.depth + 1,
                });
            }
        }
    }
    form
}

/// Object numbers of an annotation's appearance streams and appearance
/// sub-dictionaries (/AP /N /R /D, each a stream or a dictionary of states, §12.5.5).
pub(crate) fn appearance_refs(
    doc: &Document<'_>,
    rev: usize,
    annot: &Object,
    budget: &mut Budget,
) -> Vec<u32> {
    let mut out = Vec::new();
    let Some(ap) = get(annot, b"AP") else {
        return out;
    };
    if let Some(r) = ap.as_ref() {
        out.push(r.num);
    }
    let Some(apd) = load(doc, rev, ap, budget) else {
        return out;
    };
    for key in [b"N".as_slice(), b"R", b"D"] {
        let Some(v) = get(&apd, key) else { continue };
        if let Some(r) = v.as_ref() {
            out.push(r.num);
            // A state dictionary held indirectly: its values are the streams.
            if let Some(Object::Dict(states)) = load(doc, rev, v, budget) {
                out.extend(states.values().filter_map(Object::as_ref).map(|r| r.num));
            }
        } else if let Object::Dict(states) = v {
            out.extend(states.values().filter_map(Object::as_ref).map(|r| r.num));
        }
    }
    out
}

/// Resolve `o` in `rev` (a reference is loaded; a direct value is cloned).
pub(crate) fn load(
    doc: &Document<'_>,
    rev: usize,
    o: &Object,
    budget: &mut Budget,
) -> Option<Object> {
    match o {
        Object::Ref(r) => {
            if !budget.take(1) {
                return None;
            }
            doc.object_head(rev, *r).ok().flatten()
        }
        other => Some(other.clone()),
    }
}

/// What the pages of a revision draw, one level deep: content streams, the
/// XObjects and fonts named in their resources, indirect resource dictionaries,
/// and indirect /Annots arrays.
#[derive(Debug, Default)]
pub(crate) struct PageUse {
    /// Leaf pages, in order.
    pub pages: Vec<ObjRef>,
    pub contents: HashSet<u32>,
    pub xobjects: HashSet<u32>,
    pub fonts: HashSet<u32>,
    pub resources: HashSet<u32>,
    /// Indirect /Annots array → page.
    pub annots_arrays: HashMap<u32, ObjRef>,
    /// Annotation → page.
    pub annots: HashMap<u32, ObjRef>,
    /// Whether the page tree could be read.
    pub ok: bool,
}

pub(crate) fn read_pages(doc: &Document<'_>, rev: usize, budget: &mut Budget) -> PageUse {
    let mut u = PageUse::default();
    let Ok(pages) = doc.pages(rev) else { return u };
    if !budget.take(pages.len()) {
        return u;
    }
    u.ok = true;
    for p in &pages {
        let Ok(Some(pd)) = doc.object_head(rev, *p) else {
            continue;
        };
        if let Some(c) = get(&pd, b"Contents") {
            if let Some(r) = c.as_ref() {
                u.contents.insert(r.num);
            }
            if let Some(arr) = load(doc, rev, c, budget) {
                u.contents.extend(
                    arr.as_array()
                        .unwrap_or(&[])
                        .iter()
                        .filter_map(Object::as_ref)
                        .map(|r| r.num),
                );
            }
        }
        if let Some(res) = get(&pd, b"Resources") {
            if let Some(r) = res.as_ref() {
                u.resources.insert(r.num);
            }
            if let Some(resd) = load(doc, rev, res, budget) {
                for (key, set) in [
                    (b"XObject".as_slice(), &mut u.xobjects),
                    (b"Font".as_slice(), &mut u.fonts),
                ] {
                    if let Some(sub) = get(&resd, key) {
                        if let Some(r) = sub.as_ref() {
                            u.resources.insert(r.num);
                        }
                        if let Some(subd) = load(doc, rev, sub, budget) {
                            set.extend(
                                subd.as_dict()
                                    .into_iter()
                                    .flat_map(|d| d.values())
                                    .filter_map(Object::as_ref)
                                    .map(|r| r.num),
                            );
                        }
                    }
                }
            }
        }
        if let Some(a) = get(&pd, b"Annots") {
            if let Some(r) = a.as_ref() {
                u.annots_arrays.insert(r.num, *p);
            }
            if let Some(arr) = load(doc, rev, a, budget) {
                for r in arr
                    .as_array()
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(Object::as_ref)
                {
                    u.annots.insert(r.num, *p);
                }
            }
        }
    }
    u.pages = pages;
    u
}

/// Structure-tree objects identified by position: the StructTreeRoot and the
/// nodes of its /ParentTree number tree (§14.7.4.4, §7.9.7). Structure
/// elements themselves are recognised by content (`/Type /StructElem`, or /S with /P).
pub(crate) fn read_struct_nodes(
    doc: &Document<'_>,
    rev: usize,
    budget: &mut Budget,
) -> HashSet<u32> {
    let mut out = HashSet::new();
    let Ok(cat) = doc.catalog(rev) else {
        return out;
    };
    let Some(Object::Ref(root)) = cat.get(b"StructTreeRoot".as_slice()) else {
        return out;
    };
    out.insert(root.num);
    let Some(rootd) = load(doc, rev, &Object::Ref(*root), budget) else {
        return out;
    };
    let Some(pt) = get(&rootd, b"ParentTree") else {
        return out;
    };
    let mut stack = vec![(pt.clone(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_TREE_DEPTH || out.len() > MAX_STRUCT_NODES {
            break;
        }
        if let Some(r) = node.as_ref() {
            if !out.insert(r.num) {
                continue;
            }
        }
        let Some(nd) = load(doc, rev, &node, budget) else {
            continue;
        };
        if let Some(kids) = get(&nd, b"Kids").and_then(|k| load(doc, rev, k, budget)) {
            for k in kids.as_array().unwrap_or(&[]) {
                stack.push((k.clone(), depth + 1));
            }
        }
    }
    out
}

/// Every object reachable from the catalog's /DSS (ETSI EN 319 142-1 §5.4.2: DSS, VRI,
/// Certs/OCSPs/CRLs streams, TS).
pub(crate) fn read_dss(doc: &Document<'_>, rev: usize, budget: &mut Budget) -> HashSet<u32> {
    let mut out = HashSet::new();
    let Ok(cat) = doc.catalog(rev) else {
        return out;
    };
    let Some(dss) = cat.get(b"DSS".as_slice()) else {
        return out;
    };
    let mut stack: Vec<ObjRef> = Vec::new();
    if let Some(r) = dss.as_ref() {
        stack.push(r);
    } else {
        stack.extend(
            refs_in(dss, &[], MAX_DSS_OBJECTS)
                .into_iter()
                .map(|(_, r)| r),
        );
    }
    while let Some(r) = stack.pop() {
        if out.len() >= MAX_DSS_OBJECTS || !out.insert(r.num) || !budget.take(1) {
            continue;
        }
        let Ok(Some(o)) = doc.object_head(rev, r) else {
            continue;
        };
        // Only containers are followed; the leaves are DER streams.
        if type_of(&o) == Some(b"Page") || type_of(&o) == Some(b"Catalog") {
            out.remove(&r.num);
            continue;
        }
        stack.extend(
            refs_in(&o, &[b"P", b"Parent"], 10_000)
                .into_iter()
                .map(|(_, r)| r),
        );
    }
    out
}

/// Every object number some revision up to `rev` defines, ascending, once
/// each; `None` if `rev` is not a revision.
fn object_numbers(doc: &Document<'_>, rev: usize) -> Option<Vec<u32>> {
    let mut nums: Vec<u32> = doc
        .revisions()
        .get(..=rev)?
        .iter()
        .flat_map(|r| r.entries.keys().copied())
        .collect();
    nums.sort_unstable();
    nums.dedup();
    Some(nums)
}

/// For each object in `targets`, the objects of revision `rev` that reference
/// it (0 stands for the trailer). `None` if the budget ran out. Every object
/// visible in the revision is read, used or not: a reference from an unused
/// object is harmless, but one from the catalog or a page is not.
pub(crate) fn referrers(
    doc: &Document<'_>,
    rev: usize,
    targets: &HashSet<u32>,
    budget: &mut Budget,
) -> Option<HashMap<u32, HashSet<u32>>> {
    use kyso_pdf::XrefEntry;
    let mut out: HashMap<u32, HashSet<u32>> = HashMap::new();
    let trailer = Object::Dict(doc.trailer(rev).clone());
    for (_, r) in refs_in(&trailer, &[b"Prev", b"XRefStm"], 100) {
        if targets.contains(&r.num) {
            out.entry(r.num).or_default().insert(0);
        }
    }
    for num in object_numbers(doc, rev)? {
        let gen = match doc.entry(rev, num) {
            Some((_, XrefEntry::InFile { gen, .. })) => gen,
            Some((_, XrefEntry::InStream { .. })) => 0,
            _ => continue,
        };
        if !budget.take(1) {
            return None;
        }
        let Ok(Some(o)) = doc.object_head(rev, ObjRef { num, gen }) else {
            continue;
        };
        for (_, r) in refs_in(&o, &[], 1_000_000) {
            if targets.contains(&r.num) && r.num != num {
                out.entry(r.num).or_default().insert(num);
            }
        }
    }
    Some(out)
}

/// How many references each object number receives from the objects of one
/// revision (a reference of an object to itself not counted): what
/// [`referrers`] would find for every target at once. Built once, by reading
/// every object of the first revision asked about, then carried from one
/// revision to the next through the entries each update changes, so that
/// looking for dangling references in every step costs the objects of the
/// file once plus those of each update, not the whole file per update (100
/// updates of 1,000 unused objects each read 5 million objects and ran out of
/// the work budget).
#[derive(Debug, Default)]
pub(crate) struct RefIndex {
    /// The revision counted, once built.
    rev: Option<usize>,
    counts: HashMap<u32, u32>,
    /// The work budget ran out while counting: no answer any more.
    broken: bool,
}

impl RefIndex {
    /// Which of `targets` the objects or the trailer of revision `rev` refer
    /// to; `None` when the work budget ran out (then nothing can be cleared).
    pub(crate) fn referenced(
        &mut self,
        doc: &Document<'_>,
        rev: usize,
        targets: &HashSet<u32>,
        budget: &mut Budget,
    ) -> Option<HashSet<u32>> {
        self.move_to(doc, rev, budget)?;
        let trailer = Object::Dict(doc.trailer(rev).clone());
        let mut out: HashSet<u32> = refs_in(&trailer, &[b"Prev", b"XRefStm"], 100)
            .into_iter()
            .map(|(_, r)| r.num)
            .filter(|n| targets.contains(n))
            .collect();
        out.extend(
            targets
                .iter()
                .filter(|n| self.counts.get(n).is_some_and(|c| *c > 0)),
        );
        Some(out)
    }

    fn move_to(&mut self, doc: &Document<'_>, rev: usize, budget: &mut Budget) -> Option<()> {
        if self.broken {
            return None;
        }
        let ok = match self.rev {
            Some(r) if r == rev => true,
            Some(r) if r < rev => (r + 1..=rev).all(|k| self.advance(doc, k, budget)),
            _ => self.build(doc, rev, budget),
        };
        self.rev = Some(rev);
        self.broken = !ok;
        ok.then_some(())
    }

    /// Count every object visible in `rev`.
    fn build(&mut self, doc: &Document<'_>, rev: usize, budget: &mut Budget) -> bool {
        self.counts.clear();
        let Some(nums) = object_numbers(doc, rev) else {
            return true;
        };
        for num in nums {
            let Some(gen) = in_use(doc.entry(rev, num)) else {
                continue;
            };
            if !budget.take(1) {
                return false;
            }
            self.count(doc, rev, ObjRef { num, gen }, 1);
        }
        true
    }

    /// From revision `rev - 1` to `rev`: the old version of each object the
    /// update redefines is uncounted, the new one counted.
    fn advance(&mut self, doc: &Document<'_>, rev: usize, budget: &mut Budget) -> bool {
        let Some(r) = doc.revisions().get(rev) else {
            return true;
        };
        for (&num, &entry) in &r.entries {
            let old = doc.entry(rev - 1, num).map(|(_, e)| e);
            // Same bytes: same references. (An entry into an object stream
            // may read other bytes if the stream itself was replaced.)
            if old == Some(entry) && matches!(entry, kyso_pdf::XrefEntry::InFile { .. }) {
                continue;
            }
            if !budget.take(2) {
                return false;
            }
            if let Some(gen) = in_use(old.map(|e| (rev - 1, e))) {
                self.count(doc, rev - 1, ObjRef { num, gen }, -1);
            }
            if let Some(gen) = in_use(Some((rev, entry))) {
                self.count(doc, rev, ObjRef { num, gen }, 1);
            }
        }
        true
    }

    fn count(&mut self, doc: &Document<'_>, rev: usize, r: ObjRef, sign: i32) {
        let Ok(Some(o)) = doc.object_head(rev, r) else {
            return;
        };
        for (_, t) in refs_in(&o, &[], 1_000_000) {
            if t.num == r.num {
                continue;
            }
            let c = self.counts.entry(t.num).or_default();
            *c = if sign > 0 {
                c.saturating_add(1)
            } else {
                c.saturating_sub(1)
            };
        }
    }
}

/// The generation of an entry in use (`None`: free or absent).
fn in_use(e: Option<(usize, kyso_pdf::XrefEntry)>) -> Option<u16> {
    match e {
        Some((_, kyso_pdf::XrefEntry::InFile { gen, .. })) => Some(gen),
        Some((_, kyso_pdf::XrefEntry::InStream { .. })) => Some(0),
        _ => None,
    }
}
