//! The structure tree of tagged PDFs (§14.7): a new signature's widget is
//! tagged by a new structure element, a ParentTree entry and a higher
//! /ParentTreeNextKey. Only such additions are cleared; the ParentTree and
//! IDTree are compared by the entries they define (`trees`), whatever
//! objects hold them.

use super::{keys_union, Changed, Rule};
use crate::class::{Class, Judged};
use crate::compare::{array_growth, get, name_str};
use crate::context::load;
use crate::step::{Delta, Intent, StepContext};
use crate::trees::{diff, read_tree, some_keys, TreeKind};
use kyso_pdf::object::{Dict, ObjRef, Object};
use std::collections::HashMap;

/// The verdicts on the structure tree's number and name trees, and which
/// changed objects hold them.
#[derive(Debug, Default)]
pub(crate) struct TreeVerdicts {
    /// `/ParentTree` or `/IDTree` → verdict.
    verdicts: HashMap<&'static [u8], Judged>,
    /// Object number of a node or indirect array of either tree (in either
    /// revision) → which tree.
    holders: HashMap<u32, &'static [u8]>,
}

/// A node or indirect array of the ParentTree or IDTree: takes the verdict on
/// the whole tree.
pub(crate) struct TreeHolder;

impl Rule for TreeHolder {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        tree_holder_verdict(cx, o.num).map(|j| vec![j])
    }
}

/// The StructTreeRoot, ParentTree nodes and structure elements.
pub(crate) struct Element;

impl Rule for Element {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        (cx.struct_nodes().contains(&o.num) || is_struct_elem(o.old))
            .then(|| vec![element(cx, o.r, o.old, o.new)])
    }
}

/// Structure tree (§14.7): only additions that tag new widgets.
fn element(cx: &mut StepContext<'_, '_>, r: ObjRef, old: &Object, new: &Object) -> Judged {
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
        if cx.same_val(o, n) {
            continue;
        }
        match key.as_slice() {
            // Compared by the entries they define, whatever objects hold them.
            b"ParentTree" | b"IDTree" => {
                let j = tree_verdict(
                    cx,
                    if key.as_slice() == b"ParentTree" {
                        b"ParentTree"
                    } else {
                        b"IDTree"
                    },
                );
                if !j.allowed {
                    return j;
                }
            }
            b"K" | b"Nums" | b"Kids" => {
                // An array moved into a new object: compare the arrays.
                let (o, n) = match cx.moved(o, n) {
                    Some((ov, nv @ Object::Array(_), nr)) => {
                        cx.put(nr.num, ok.clone());
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
                        Object::Ref(ar) => cx.queue.push_back((*ar, Intent::Struct, ok.clone())),
                        Object::Dict(d) if objr_to_new(cx, d) => {}
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
fn struct_tree_root(cx: &mut StepContext<'_, '_>, rev: usize) -> Option<Object> {
    let cat = if rev == cx.rev {
        cx.cat_new.clone()
    } else {
        cx.cat_old.clone()
    }?;
    let r = cat.get(b"StructTreeRoot".as_slice())?.clone();
    load(cx.doc, rev, &r, cx.budget)
}

/// Both trees' verdicts, computed once per revision.
fn ensure_trees(cx: &mut StepContext<'_, '_>) {
    if cx.trees.is_some() {
        return;
    }
    cx.trees = Some(TreeVerdicts::default());
    for key in [b"ParentTree".as_slice(), b"IDTree".as_slice()] {
        let j = compare_tree(cx, key);
        if let Some(t) = cx.trees.as_mut() {
            t.verdicts.insert(key, j);
        }
    }
}

/// The verdict on `/ParentTree` or `/IDTree` of the structure tree.
fn tree_verdict(cx: &mut StepContext<'_, '_>, key: &'static [u8]) -> Judged {
    ensure_trees(cx);
    cx.trees
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
fn tree_holder_verdict(cx: &mut StepContext<'_, '_>, num: u32) -> Option<Judged> {
    let has_tree = |c: &Option<Dict>| {
        c.as_ref()
            .is_some_and(|c| c.get(b"StructTreeRoot".as_slice()).is_some())
    };
    if !has_tree(&cx.cat_old) && !has_tree(&cx.cat_new) {
        return None;
    }
    ensure_trees(cx);
    let key = *cx.trees.as_ref()?.holders.get(&num)?;
    Some(tree_verdict(cx, key))
}

/// ParentTree (§14.7.4.4) or IDTree (§14.7.2) of the previous and this
/// revision compared by meaning. Permitted: every earlier entry kept with
/// the same value, and new entries that are each one reference to a
/// structure element added in this revision (checked to tag a new widget
/// through the queue). Not permitted: an earlier entry changed or dropped,
/// a key defined twice with different values, a new entry that points at
/// page content (an array of marked-content parents), or a tree that
/// could not be read in full.
fn compare_tree(cx: &mut StepContext<'_, '_>, key: &'static [u8]) -> Judged {
    let kind = if key == b"ParentTree" {
        TreeKind::Number
    } else {
        TreeKind::Name
    };
    let name = name_str(key);
    let root_old = struct_tree_root(cx, cx.prev);
    let root_new = struct_tree_root(cx, cx.rev);
    let tree_old = root_old.as_ref().and_then(|r| get(r, key)).cloned();
    let tree_new = root_new.as_ref().and_then(|r| get(r, key)).cloned();
    let old = read_tree(cx.doc, cx.prev, tree_old.as_ref(), kind, cx.budget);
    let new = read_tree(cx.doc, cx.rev, tree_new.as_ref(), kind, cx.budget);
    if let Some(t) = cx.trees.as_mut() {
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
                "Cây /{name} định nghĩa khóa {} hai lần với giá trị khác nhau.",
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
                    Some(r) if cx.delta.get(&r.num).is_some_and(Delta::added) => queued.push(r),
                    _ => content.push(k.clone()),
                }
            }
            if content.is_empty() {
                for r in queued {
                    cx.queue.push_back((r, Intent::Struct, ok.clone()));
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
        .filter(|n| cx.delta.get(n).is_some_and(Delta::added) && !cx.is_judged(*n))
        .collect();
    for n in added {
        cx.put(n, verdict.clone());
    }
    verdict
}

/// An object reference dictionary (§14.7.4.3, /Type /OBJR) naming an object added in this revision.
fn objr_to_new(cx: &StepContext<'_, '_>, d: &Dict) -> bool {
    d.get(b"Obj".as_slice())
        .and_then(Object::as_ref)
        .is_some_and(|o| cx.delta.get(&o.num).is_some_and(Delta::added))
}

/// A structure element added in this revision: its kids must be new elements
/// or object references to new objects (a new widget), not page content.
pub(crate) fn new_struct(cx: &mut StepContext<'_, '_>, r: ObjRef, obj: &Object) -> Judged {
    let bad = Judged::other(
        format!(
            "Cây cấu trúc: thêm phần tử ({r}) gắn với nội dung trang chứ không phải ô chữ ký mới."
        ),
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
                Object::Ref(ar) => cx.queue.push_back((ar, Intent::Struct, ok.clone())),
                Object::Dict(od) if objr_to_new(cx, &od) => {}
                _ => return bad,
            }
        }
    }
    ok
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
