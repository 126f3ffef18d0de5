//! Number trees and name trees (ISO 32000-1 §7.9.6, §7.9.7) read by meaning:
//! the key → value map they define, whatever objects hold it.
//!
//! Signing tools that tag their new widget in a tagged PDF often write the
//! structure tree's `/ParentTree` (§14.7.4.4) or `/IDTree` anew — a new object
//! number, `/Kids` split differently, page entries inlined or moved into
//! indirect arrays — while keeping every earlier entry. Comparing objects
//! would call that a change of the structure tree; comparing the maps does
//! not, and still sees an earlier entry that was altered or dropped.

use crate::budget::Budget;
use crate::compare::{get, same};
use crate::context::load;
use kyso_pdf::object::Object;
use kyso_pdf::Document;
use std::collections::{BTreeMap, HashSet};

/// Deepest tree walked. Real trees are 1–3 levels; PDF writers split at a
/// few hundred entries per node, so 32 levels hold far more than any file.
const MAX_TREE_DEPTH: usize = 32;

/// Most entries read from one tree: a structure tree has one ParentTree entry
/// per page and per tagged annotation, so 200k covers any real document
/// (a 10,000-page file with 20 annotations a page) while bounding memory.
pub(crate) const MAX_TREE_ENTRIES: usize = 200_000;

/// Which kind of tree: the key type differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TreeKind {
    /// Integer keys in `/Nums` (ParentTree).
    Number,
    /// String keys in `/Names` (IDTree).
    Name,
}

/// A key of either kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TreeKey {
    /// A number-tree key.
    Num(i64),
    /// A name-tree key (string bytes as written).
    Name(Vec<u8>),
}

impl std::fmt::Display for TreeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TreeKey::Num(n) => write!(f, "{n}"),
            TreeKey::Name(b) => write!(f, "({})", String::from_utf8_lossy(b)),
        }
    }
}

/// A tree read into its map.
#[derive(Debug, Default)]
pub(crate) struct FlatTree {
    /// Key → value; an indirect array value is replaced by the array (its
    /// members compared as written: references by object number).
    pub entries: BTreeMap<TreeKey, Object>,
    /// Every indirect object that holds the tree: nodes, and indirect arrays
    /// that are values.
    pub holders: HashSet<u32>,
    /// A key defined twice with different values (a reader could pick either).
    pub conflicting: Vec<TreeKey>,
    /// Everything was read (no depth, size or budget limit hit, no unreadable node).
    pub complete: bool,
}

/// Read the tree whose root is `root` (a reference or a direct dictionary) in
/// revision `rev`. `None` root: an empty, complete tree.
pub(crate) fn read_tree(
    doc: &Document<'_>,
    rev: usize,
    root: Option<&Object>,
    kind: TreeKind,
    budget: &mut Budget,
) -> FlatTree {
    let mut t = FlatTree {
        complete: true,
        ..FlatTree::default()
    };
    let Some(root) = root else {
        return t;
    };
    let mut seen_nodes: HashSet<u32> = HashSet::new();
    let mut stack = vec![(root.clone(), 0usize)];
    let items_key: &[u8] = match kind {
        TreeKind::Number => b"Nums",
        TreeKind::Name => b"Names",
    };
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_TREE_DEPTH {
            t.complete = false;
            break;
        }
        if let Some(r) = node.as_ref() {
            // A node listed twice (a cycle or a DAG): read once.
            if !seen_nodes.insert(r.num) {
                continue;
            }
            t.holders.insert(r.num);
        }
        let Some(nd) = load(doc, rev, &node, budget) else {
            t.complete = false;
            continue;
        };
        if matches!(node, Object::Ref(_)) && nd.as_dict().is_none() {
            t.complete = false;
            continue;
        }
        if let Some(kids) = get(&nd, b"Kids") {
            if let Some(r) = kids.as_ref() {
                t.holders.insert(r.num);
            }
            let Some(kids) = load(doc, rev, kids, budget) else {
                t.complete = false;
                continue;
            };
            for k in kids.as_array().unwrap_or(&[]).iter().rev() {
                stack.push((k.clone(), depth + 1));
            }
        }
        let Some(items) = get(&nd, items_key) else {
            continue;
        };
        if let Some(r) = items.as_ref() {
            t.holders.insert(r.num);
        }
        let Some(items) = load(doc, rev, items, budget) else {
            t.complete = false;
            continue;
        };
        let items = items.as_array().unwrap_or(&[]);
        for pair in items.chunks(2) {
            let [k, v] = pair else {
                t.complete = false; // an odd-length array: a key without a value
                break;
            };
            let key = match (kind, k) {
                (TreeKind::Number, Object::Int(n)) => TreeKey::Num(*n),
                (TreeKind::Name, Object::String(s)) => TreeKey::Name(s.bytes.clone()),
                _ => {
                    t.complete = false;
                    continue;
                }
            };
            if t.entries.len() >= MAX_TREE_ENTRIES {
                t.complete = false;
                return t;
            }
            let value = value_of(doc, rev, v, &mut t, budget);
            match t.entries.get(&key) {
                Some(prev) if !same(prev, &value) => t.conflicting.push(key),
                Some(_) => {}
                None => {
                    t.entries.insert(key, value);
                }
            }
        }
    }
    t
}

/// A value as the tree means it: an indirect array is replaced by its content
/// (and recorded as a holder); anything else is kept as written, so an
/// indirect structure element compares by its object number.
fn value_of(
    doc: &Document<'_>,
    rev: usize,
    v: &Object,
    t: &mut FlatTree,
    budget: &mut Budget,
) -> Object {
    let Object::Ref(r) = v else {
        return v.clone();
    };
    match load(doc, rev, v, budget) {
        Some(arr @ Object::Array(_)) => {
            t.holders.insert(r.num);
            arr
        }
        Some(_) => v.clone(),
        None => {
            // Unreadable or budget exhausted: keep the reference, but the
            // comparison can no longer vouch for this entry.
            t.complete = false;
            v.clone()
        }
    }
}

/// How a tree changed from one revision to the next, by meaning.
#[derive(Debug, Default)]
pub(crate) struct TreeDiff {
    /// Keys whose value changed.
    pub changed: Vec<TreeKey>,
    /// Keys that are gone.
    pub dropped: Vec<TreeKey>,
    /// New keys with their values.
    pub added: Vec<(TreeKey, Object)>,
}

/// Compare `old` and `new` entry by entry.
pub(crate) fn diff(old: &FlatTree, new: &FlatTree) -> TreeDiff {
    let mut d = TreeDiff::default();
    for (k, ov) in &old.entries {
        match new.entries.get(k) {
            None => d.dropped.push(k.clone()),
            Some(nv) if !same(ov, nv) => d.changed.push(k.clone()),
            Some(_) => {}
        }
    }
    for (k, nv) in &new.entries {
        if !old.entries.contains_key(k) {
            d.added.push((k.clone(), nv.clone()));
        }
    }
    d
}

/// The first few keys of a list, for messages ("3, 7, 12 and 4 more").
pub(crate) fn some_keys(keys: &[TreeKey]) -> String {
    const SHOWN: usize = 5;
    let mut s: Vec<String> = keys.iter().take(SHOWN).map(ToString::to_string).collect();
    if keys.len() > SHOWN {
        s.push(format!("+{}", keys.len() - SHOWN));
    }
    s.join(", ")
}
