//! The XPath expressions Kyso evaluates, and only those: XPath Filter 2.0
//! (<http://www.w3.org/2002/06/xmldsig-filter2>) with location paths of the
//! forms signers write (`/`, `id('x')/node()`, `id('x')/p:A/p:B`, `//p:A`,
//! `here()/ancestor::ds:Signature[1]`, unions of these), and the one plain
//! XPath 1.0 filter that means "enveloped signature". Anything else is
//! reported as unsupported, never guessed.

use crate::algorithms::DSIG_NS;
use crate::ids::IdIndex;
use kyso_xml::roxmltree::Node;
use kyso_xml::{Doc, NodeSet};

/// XPath Filter 2.0 namespace.
pub const FILTER2_NS: &str = "http://www.w3.org/2002/06/xmldsig-filter2";

/// Why an expression is not evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XPathError {
    /// Outside the subset above.
    Unsupported(String),
    /// `id('x')` names no element or several (wrapping).
    Id(String),
}

/// Apply the XPath Filter 2.0 transform `transform` (the `ds:Transform`
/// element) inside signature `sig` to `input`.
pub fn filter2<'a>(
    doc: &Doc<'a>,
    ids: &IdIndex,
    sig: Node<'_, 'a>,
    transform: Node<'_, 'a>,
    input: &NodeSet,
) -> Result<NodeSet, XPathError> {
    let mut z = NodeSet::whole_document(doc, true);
    let mut any = false;
    for x in transform.children().filter(|c| {
        c.is_element()
            && c.tag_name().namespace() == Some(FILTER2_NS)
            && c.tag_name().name() == "XPath"
    }) {
        any = true;
        let expr = x.text().unwrap_or("").trim().to_string();
        let nodes = eval(doc, ids, sig, x, &expr)?;
        let mut f = NodeSet::empty(doc);
        for n in nodes {
            f.add_subtree(n, true);
        }
        match x.attribute("Filter") {
            Some("intersect") => z.intersect(&f),
            Some("subtract") => z.subtract(&f),
            Some("union") => z.union(&f),
            other => {
                return Err(XPathError::Unsupported(format!(
                    "XPath Filter 2.0 Filter={other:?}"
                )))
            }
        }
    }
    if !any {
        return Err(XPathError::Unsupported(
            "XPath Filter 2.0 without XPath".into(),
        ));
    }
    let mut out = input.clone();
    out.intersect(&z);
    Ok(out)
}

/// Whether a plain XPath 1.0 transform's expression is the enveloped-signature
/// equivalent `not(ancestor-or-self::P:Signature)` with `P` bound to the XML-DSig namespace.
pub fn is_enveloped_xpath(xpath_el: Node<'_, '_>) -> bool {
    let expr: String = xpath_el
        .text()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(rest) = expr.strip_prefix("not(ancestor-or-self::") else {
        return false;
    };
    let Some(qname) = rest.strip_suffix(')') else {
        return false;
    };
    match qname.split_once(':') {
        Some((p, "Signature")) => xpath_el.lookup_namespace_uri(Some(p)) == Some(DSIG_NS),
        _ => false,
    }
}

fn eval<'d, 'a>(
    doc: &'d Doc<'a>,
    ids: &IdIndex,
    sig: Node<'d, 'a>,
    ctx_el: Node<'d, 'a>,
    expr: &str,
) -> Result<Vec<Node<'d, 'a>>, XPathError> {
    let mut out = Vec::new();
    for part in expr.split('|') {
        out.extend(eval_path(doc, ids, sig, ctx_el, part.trim())?);
    }
    Ok(out)
}

fn eval_path<'d, 'a>(
    doc: &'d Doc<'a>,
    ids: &IdIndex,
    sig: Node<'d, 'a>,
    ctx_el: Node<'d, 'a>,
    expr: &str,
) -> Result<Vec<Node<'d, 'a>>, XPathError> {
    let unsupported = || XPathError::Unsupported(format!("XPath expression {expr:?}"));
    let compact: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    // here()/ancestor::P:Signature[1]: the signature the transform is in.
    if let Some(rest) = compact.strip_prefix("here()/ancestor::") {
        let q = rest.strip_suffix("[1]").unwrap_or(rest);
        return match q.split_once(':') {
            Some((p, "Signature")) if ctx_el.lookup_namespace_uri(Some(p)) == Some(DSIG_NS) => {
                Ok(vec![sig])
            }
            _ => Err(unsupported()),
        };
    }
    let (mut current, rest): (Vec<Node<'d, 'a>>, &str) =
        if let Some(r) = compact.strip_prefix("id(") {
            let close = r.find(')').ok_or_else(unsupported)?;
            let arg = &r[..close];
            let id = arg
                .strip_prefix('\'')
                .and_then(|a| a.strip_suffix('\''))
                .or_else(|| arg.strip_prefix('"').and_then(|a| a.strip_suffix('"')))
                .ok_or_else(unsupported)?;
            let n = ids
                .unique(doc, id)
                .map_err(|e| XPathError::Id(e.to_string()))?;
            (vec![n], &r[close + 1..])
        } else if compact.starts_with('/') {
            (vec![doc.tree().root()], compact.as_str())
        } else {
            return Err(unsupported());
        };
    let mut rest = rest;
    if rest == "/" && current.first().is_some_and(|n| n.is_root()) {
        return Ok(current);
    }
    while !rest.is_empty() {
        let (descendant, r) = if let Some(r) = rest.strip_prefix("//") {
            (true, r)
        } else if let Some(r) = rest.strip_prefix('/') {
            (false, r)
        } else {
            return Err(unsupported());
        };
        let end = r.find('/').unwrap_or(r.len());
        let step = &r[..end];
        rest = &r[end..];
        let mut next = Vec::new();
        for n in &current {
            let candidates: Vec<Node<'d, 'a>> = if descendant {
                n.descendants().skip(1).collect()
            } else {
                n.children().collect()
            };
            for c in candidates {
                if step_matches(ctx_el, c, step).ok_or_else(unsupported)? {
                    next.push(c);
                }
            }
        }
        current = next;
    }
    Ok(current)
}

/// Whether `n` matches the node test `step`; `None` for a test outside the subset.
fn step_matches(ctx_el: Node<'_, '_>, n: Node<'_, '_>, step: &str) -> Option<bool> {
    Some(match step {
        "node()" => true,
        "text()" => n.is_text(),
        "comment()" => n.is_comment(),
        "*" => n.is_element(),
        s if s.chars().all(|c| c.is_alphanumeric() || "-_.:".contains(c)) && !s.is_empty() => {
            let (uri, local) = match s.split_once(':') {
                Some((p, l)) => (Some(ctx_el.lookup_namespace_uri(Some(p))?), l),
                None => (None, s),
            };
            n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == uri
        }
        _ => return None,
    })
}
