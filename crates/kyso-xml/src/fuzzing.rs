//! Entry point for the `xml_c14n` fuzz target: parse under tight limits and
//! canonicalize the whole document and every element subtree (the first
//! few) under every method. Must never panic.

use crate::{canonicalize, parse, C14nMethod, Limits, NodeSet};

/// Drive the parser and the canonicalizer with arbitrary bytes.
pub fn c14n_one(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let limits = Limits {
        max_bytes: 1 << 20,
        max_nodes: 20_000,
        max_depth: 64,
        max_attributes: 64,
    };
    let Ok(doc) = parse(text, &limits) else {
        return;
    };
    let prefixes = vec!["#default".to_string(), "a".to_string()];
    for m in C14nMethod::ALL {
        let all = NodeSet::whole_document(&doc, m.with_comments);
        let _ = canonicalize(&doc, &all, m, &prefixes);
    }
    for el in doc
        .tree()
        .descendants()
        .filter(|n| n.is_element())
        .skip(1)
        .take(4)
    {
        for m in C14nMethod::ALL {
            let mut s = NodeSet::subtree(&doc, el, m.with_comments);
            if let Some(c) = el.first_element_child() {
                s.remove_subtree(c);
            }
            let _ = canonicalize(&doc, &s, m, &[]);
        }
    }
}
