//! Canonical XML over a [`NodeSet`] of a parsed [`Doc`].
//!
//! Three recommendations, each with and without comments:
//! - Canonical XML 1.0 (<http://www.w3.org/TR/2001/REC-xml-c14n-20010315>),
//! - Canonical XML 1.1 (<http://www.w3.org/2006/12/xml-c14n11>),
//! - Exclusive XML Canonicalization 1.0 (<http://www.w3.org/2001/10/xml-exc-c14n#>),
//!   with the `InclusiveNamespaces PrefixList` parameter.
//!
//! What the parser already did, as C14N requires (C14N 1.0 §2.1): UTF-8 text,
//! line ends normalized to `#xA`, attribute values normalized (CDATA type:
//! no DTD is ever read, see [`crate::parse`]), character and predefined entity
//! references replaced, CDATA sections replaced by their text. What is done
//! here: empty elements as start/end pairs, namespace declarations and
//! attributes sorted, superfluous namespace declarations dropped, attribute
//! and text escaping, and the document subset rules: namespace context from
//! the nearest *output* ancestor, `xml:*` attributes of omitted ancestors
//! (1.0: all; 1.1: `xml:lang`, `xml:space`, `xml:base` joined, never `xml:id`;
//! exclusive: none), visibly utilized prefixes (exclusive).
//!
//! The traversal keeps its own stack: depth costs heap, not call stack.

use crate::{doc::XML_NS, element_qname, prefix_of_qname, Doc, NodeSet, XmlError};
use roxmltree::Node;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// The canonicalization recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum C14nAlgorithm {
    /// Canonical XML 1.0.
    Inclusive10,
    /// Canonical XML 1.1.
    Inclusive11,
    /// Exclusive XML Canonicalization 1.0.
    Exclusive,
}

/// An algorithm and whether comments are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct C14nMethod {
    /// Which recommendation.
    pub algorithm: C14nAlgorithm,
    /// `#WithComments`.
    pub with_comments: bool,
}

/// `http://www.w3.org/TR/2001/REC-xml-c14n-20010315`
pub const C14N10: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
/// `http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments`
pub const C14N10_COMMENTS: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
/// `http://www.w3.org/2006/12/xml-c14n11`
pub const C14N11: &str = "http://www.w3.org/2006/12/xml-c14n11";
/// `http://www.w3.org/2006/12/xml-c14n11#WithComments`
pub const C14N11_COMMENTS: &str = "http://www.w3.org/2006/12/xml-c14n11#WithComments";
/// `http://www.w3.org/2001/10/xml-exc-c14n#`
pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
/// `http://www.w3.org/2001/10/xml-exc-c14n#WithComments`
pub const EXC_C14N_COMMENTS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";

impl C14nMethod {
    /// Every method, in the order of [`C14nMethod::uri`]'s constants.
    pub const ALL: [C14nMethod; 6] = [
        C14nMethod::new(C14nAlgorithm::Inclusive10, false),
        C14nMethod::new(C14nAlgorithm::Inclusive10, true),
        C14nMethod::new(C14nAlgorithm::Inclusive11, false),
        C14nMethod::new(C14nAlgorithm::Inclusive11, true),
        C14nMethod::new(C14nAlgorithm::Exclusive, false),
        C14nMethod::new(C14nAlgorithm::Exclusive, true),
    ];

    /// A method.
    pub const fn new(algorithm: C14nAlgorithm, with_comments: bool) -> Self {
        C14nMethod {
            algorithm,
            with_comments,
        }
    }

    /// From its algorithm URI.
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.uri() == uri)
    }

    /// Its algorithm URI.
    pub fn uri(&self) -> &'static str {
        match (self.algorithm, self.with_comments) {
            (C14nAlgorithm::Inclusive10, false) => C14N10,
            (C14nAlgorithm::Inclusive10, true) => C14N10_COMMENTS,
            (C14nAlgorithm::Inclusive11, false) => C14N11,
            (C14nAlgorithm::Inclusive11, true) => C14N11_COMMENTS,
            (C14nAlgorithm::Exclusive, false) => EXC_C14N,
            (C14nAlgorithm::Exclusive, true) => EXC_C14N_COMMENTS,
        }
    }

    /// Short display name, e.g. `Exclusive C14N with comments`.
    pub fn name(&self) -> String {
        let base = match self.algorithm {
            C14nAlgorithm::Inclusive10 => "C14N 1.0",
            C14nAlgorithm::Inclusive11 => "C14N 1.1",
            C14nAlgorithm::Exclusive => "Exclusive C14N",
        };
        if self.with_comments {
            format!("{base} with comments")
        } else {
            base.to_string()
        }
    }
}

/// An attribute to write: namespace URI, local name, qualified name as
/// written, value.
type Attr<'d> = (&'d str, &'d str, Cow<'d, str>, Cow<'d, str>);

/// Namespace context: prefix (`""` for the default namespace) → URI.
type NsMap<'d> = Rc<BTreeMap<&'d str, &'d str>>;

enum Frame<'d, 'a> {
    Enter(Node<'d, 'a>),
    Exit {
        qname: &'a str,
        included: bool,
        pushed: bool,
    },
}

/// Canonicalize the nodes of `set` under `method`. `inclusive_prefixes` is the
/// exclusive method's `InclusiveNamespaces PrefixList` (`#default` for the
/// default namespace); the inclusive methods ignore it.
pub fn canonicalize(
    doc: &Doc<'_>,
    set: &NodeSet,
    method: C14nMethod,
    inclusive_prefixes: &[String],
) -> Result<Vec<u8>, XmlError> {
    let mut c = Canon {
        doc,
        set,
        method,
        prefixes: inclusive_prefixes
            .iter()
            .map(|p| if p == "#default" { "" } else { p.as_str() })
            .collect(),
        out: String::new(),
    };
    let root = doc.tree().root();
    let mut after_root = false;
    for child in root.children() {
        if child.is_element() {
            c.element_tree(child)?;
            after_root = true;
            continue;
        }
        let keep = set.contains(child) && (method.with_comments || !child.is_comment());
        if !keep || !(child.is_comment() || child.is_pi()) {
            continue;
        }
        // C14N 1.0 §2.2: a line break between each root-level comment or PI and the document element.
        if after_root {
            c.out.push('\n');
        }
        c.leaf(child);
        if !after_root {
            c.out.push('\n');
        }
    }
    Ok(c.out.into_bytes())
}

struct Canon<'d, 'a, 's> {
    doc: &'d Doc<'a>,
    set: &'s NodeSet,
    method: C14nMethod,
    prefixes: BTreeSet<&'s str>,
    out: String,
}

impl<'d, 'a: 'd> Canon<'d, 'a, '_> {
    fn leaf(&mut self, n: Node<'d, 'a>) {
        if n.is_text() {
            escape_text(&mut self.out, n.text().unwrap_or(""));
        } else if n.is_comment() {
            if self.method.with_comments {
                self.out.push_str("<!--");
                self.out.push_str(n.text().unwrap_or(""));
                self.out.push_str("-->");
            }
        } else if let Some(pi) = n.pi() {
            self.out.push_str("<?");
            self.out.push_str(pi.target);
            if let Some(v) = pi.value.filter(|v| !v.is_empty()) {
                self.out.push(' ');
                self.out.push_str(v);
            }
            self.out.push_str("?>");
        }
    }

    fn element_tree(&mut self, top: Node<'d, 'a>) -> Result<(), XmlError> {
        let mut ctx: Vec<NsMap<'d>> = vec![Rc::new(BTreeMap::new())];
        let mut stack = vec![Frame::Enter(top)];
        while let Some(f) = stack.pop() {
            match f {
                Frame::Enter(n) if n.is_element() => {
                    let included = self.set.contains(n);
                    let qname = element_qname(self.doc, n);
                    let mut pushed = false;
                    if included {
                        let parent_ctx = ctx.last().cloned().unwrap_or_default();
                        let new_ctx = self.start_tag(n, qname, &parent_ctx)?;
                        ctx.push(new_ctx);
                        pushed = true;
                    }
                    stack.push(Frame::Exit {
                        qname,
                        included,
                        pushed,
                    });
                    stack.extend(n.children().rev().map(Frame::Enter));
                }
                Frame::Enter(n) => {
                    if self.set.contains(n) {
                        self.leaf(n);
                    }
                }
                Frame::Exit {
                    qname,
                    included,
                    pushed,
                } => {
                    if included {
                        self.out.push_str("</");
                        self.out.push_str(qname);
                        self.out.push('>');
                    }
                    if pushed {
                        ctx.pop();
                    }
                }
            }
        }
        Ok(())
    }

    /// Write the start tag of an element in the set; return the namespace
    /// context its output descendants see.
    fn start_tag(
        &mut self,
        n: Node<'d, 'a>,
        qname: &'a str,
        ctx: &NsMap<'d>,
    ) -> Result<NsMap<'d>, XmlError> {
        if self.method.algorithm != C14nAlgorithm::Exclusive && self.same_namespaces_as_parent(n) {
            // Inclusive C14N: the parent was output with these very in-scope
            // namespaces, so `ctx` is already this element's context and
            // nothing is declared (what the general case below computes).
            self.write_start_tag(n, qname, Vec::new());
            return Ok(ctx.clone());
        }
        let mut in_scope: BTreeMap<&'d str, &'d str> = BTreeMap::new();
        for ns in n.namespaces() {
            if ns.uri() == XML_NS {
                continue;
            }
            in_scope.insert(ns.name().unwrap_or(""), ns.uri());
        }
        let ctx_default = ctx.get("").copied().unwrap_or("");
        let mut decls: Vec<(&'d str, &'d str)> = Vec::new();
        let new_ctx: NsMap<'d> = match self.method.algorithm {
            C14nAlgorithm::Inclusive10 | C14nAlgorithm::Inclusive11 => {
                for (&p, &u) in &in_scope {
                    if p.is_empty() {
                        if u != ctx_default {
                            decls.push((p, u));
                        }
                    } else if ctx.get(p) != Some(&u) {
                        decls.push((p, u));
                    }
                }
                if !in_scope.contains_key("") && !ctx_default.is_empty() {
                    decls.push(("", ""));
                }
                decls.sort();
                let mut m = in_scope.clone();
                m.entry("").or_insert("");
                if **ctx == m {
                    ctx.clone()
                } else {
                    Rc::new(m)
                }
            }
            C14nAlgorithm::Exclusive => {
                let mut used: BTreeSet<&str> = BTreeSet::new();
                used.insert(prefix_of_qname(qname).unwrap_or(""));
                for a in n.attributes() {
                    let aq = self.doc.text().get(a.range_qname()).unwrap_or("");
                    if let Some(p) = prefix_of_qname(aq) {
                        if p != "xml" {
                            used.insert(p);
                        }
                    }
                }
                for p in &self.prefixes {
                    if p.is_empty() || in_scope.contains_key(p) {
                        used.insert(p);
                    }
                }
                let mut m: Option<BTreeMap<&'d str, &'d str>> = None;
                for p in used {
                    let Some((&key, &u)) = in_scope.get_key_value(p).or(if p.is_empty() {
                        Some((&"", &""))
                    } else {
                        None
                    }) else {
                        continue;
                    };
                    let current = if key.is_empty() {
                        Some(ctx_default)
                    } else {
                        ctx.get(key).copied()
                    };
                    if current != Some(u) {
                        decls.push((key, u));
                        m.get_or_insert_with(|| (**ctx).clone()).insert(key, u);
                    }
                }
                match m {
                    Some(m) => Rc::new(m),
                    None => ctx.clone(),
                }
            }
        };

        self.write_start_tag(n, qname, decls);
        Ok(new_ctx)
    }

    /// Whether `n`'s parent is an element in the set with the same in-scope
    /// namespaces as `n` (roxmltree gives an element that declares none the
    /// very namespace list of its parent: compared by identity, not by text).
    fn same_namespaces_as_parent(&self, n: Node<'d, 'a>) -> bool {
        let Some(p) = n
            .parent()
            .filter(|p| p.is_element() && self.set.contains(*p))
        else {
            return false;
        };
        let (mine, theirs) = (n.namespaces(), p.namespaces());
        mine.len() == theirs.len() && mine.zip(theirs).all(|(a, b)| std::ptr::eq(a, b))
    }

    /// `<qname`, the namespace declarations `decls` (sorted), the attributes
    /// (the element's own and `xml:*` of omitted ancestors, sorted), `>`.
    fn write_start_tag(&mut self, n: Node<'d, 'a>, qname: &'a str, decls: Vec<(&'d str, &'d str)>) {
        let mut attrs: Vec<Attr<'d>> = Vec::new();
        for a in n.attributes() {
            let aq = self.doc.text().get(a.range_qname()).unwrap_or(a.name());
            attrs.push((
                a.namespace().unwrap_or(""),
                a.name(),
                Cow::Borrowed(aq),
                Cow::Borrowed(a.value()),
            ));
        }
        self.inherit_xml_attrs(n, &mut attrs);
        attrs.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));

        self.out.push('<');
        self.out.push_str(qname);
        for (p, u) in decls {
            if p.is_empty() {
                self.out.push_str(" xmlns=\"");
            } else {
                self.out.push_str(" xmlns:");
                self.out.push_str(p);
                self.out.push_str("=\"");
            }
            escape_attr(&mut self.out, u);
            self.out.push('"');
        }
        for (_, _, q, v) in &attrs {
            self.out.push(' ');
            self.out.push_str(q);
            self.out.push_str("=\"");
            escape_attr(&mut self.out, v);
            self.out.push('"');
        }
        self.out.push('>');
    }

    /// C14N 1.0 §2.4 / C14N 1.1 §2.4: when an element's parent is not in the
    /// set, its ancestors' `xml:*` attributes are carried down to it.
    fn inherit_xml_attrs(&self, n: Node<'d, 'a>, attrs: &mut Vec<Attr<'d>>) {
        if self.method.algorithm == C14nAlgorithm::Exclusive {
            return;
        }
        let parent_visible = n
            .parent()
            .map(|p| !p.is_element() || self.set.contains(p))
            .unwrap_or(true);
        if parent_visible {
            return;
        }
        let v11 = self.method.algorithm == C14nAlgorithm::Inclusive11;
        let mut bases: Vec<String> = Vec::new();
        let mut reached_visible = false;
        for anc in n.ancestors().skip(1).filter(|a| a.is_element()) {
            if self.set.contains(anc) {
                reached_visible = true;
            }
            for a in anc.attributes().filter(|a| a.namespace() == Some(XML_NS)) {
                let local = a.name();
                if v11 && local == "id" {
                    continue;
                }
                if v11 && local == "base" {
                    if !reached_visible {
                        bases.push(a.value().to_string());
                    }
                    continue;
                }
                if attrs.iter().any(|x| x.0 == XML_NS && x.1 == local) {
                    continue;
                }
                attrs.push((
                    XML_NS,
                    local,
                    Cow::Owned(format!("xml:{local}")),
                    Cow::Borrowed(a.value()),
                ));
            }
        }
        if v11 && !bases.is_empty() {
            // Farthest omitted ancestor first, then nearer ones, then the element's own.
            let mut base = String::new();
            for b in bases.iter().rev() {
                base = if base.is_empty() {
                    b.clone()
                } else {
                    join_uri(&base, b)
                };
            }
            if let Some(own) = attrs.iter_mut().find(|x| x.0 == XML_NS && x.1 == "base") {
                own.3 = Cow::Owned(join_uri(&base, &own.3));
            } else {
                attrs.push((XML_NS, "base", Cow::Borrowed("xml:base"), Cow::Owned(base)));
            }
        }
    }
}

fn escape_text(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

/// RFC 3986 §5.2 reference resolution as C14N 1.1 §2.4 uses it for
/// `xml:base` fix-up (relative bases are joined path-wise; leading `..`
/// segments of a relative result are kept).
fn join_uri(base: &str, reference: &str) -> String {
    let has_scheme = |s: &str| {
        s.split_once(':')
            .map(|(sch, _)| {
                !sch.is_empty()
                    && sch.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && sch
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            })
            .unwrap_or(false)
    };
    if reference.is_empty() {
        return base.split('#').next().unwrap_or("").to_string();
    }
    if has_scheme(reference) {
        return reference.to_string();
    }
    // Split base into prefix (scheme + authority) and path.
    let (prefix, path) = if has_scheme(base) {
        let (sch, rest) = base.split_once(':').unwrap_or(("", base));
        if let Some(auth_rest) = rest.strip_prefix("//") {
            let end = auth_rest.find(['/', '?', '#']).unwrap_or(auth_rest.len());
            (
                format!("{sch}://{}", &auth_rest[..end]),
                auth_rest[end..].to_string(),
            )
        } else {
            (format!("{sch}:"), rest.to_string())
        }
    } else {
        (String::new(), base.to_string())
    };
    let path = path.split(['?', '#']).next().unwrap_or("").to_string();
    if reference.starts_with("//") {
        let sch = prefix.split(':').next().unwrap_or("");
        return format!("{sch}:{reference}");
    }
    if reference.starts_with('?') || reference.starts_with('#') {
        return format!("{prefix}{path}{reference}");
    }
    let merged = if reference.starts_with('/') {
        reference.to_string()
    } else {
        match path.rfind('/') {
            Some(i) => format!("{}{}", &path[..=i], reference),
            None if !prefix.is_empty() && prefix.ends_with(|c| c != ':') => format!("/{reference}"),
            None => reference.to_string(),
        }
    };
    format!("{prefix}{}", remove_dot_segments(&merged))
}

fn remove_dot_segments(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    let last = segs.len().saturating_sub(1);
    let mut trailing = false;
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => trailing = i == last,
            ".." => {
                if matches!(out.last(), Some(s) if *s != ".." && !s.is_empty()) {
                    out.pop();
                } else if !absolute {
                    out.push("..");
                }
                trailing = i == last;
            }
            "" if i == 0 && absolute => {}
            s => {
                out.push(s);
                trailing = false;
            }
        }
    }
    let mut s = String::new();
    if absolute {
        s.push('/');
    }
    s.push_str(&out.join("/"));
    if trailing && !s.ends_with('/') {
        s.push('/');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_join() {
        assert_eq!(join_uri("http://a/b/c/d", "g"), "http://a/b/c/g");
        assert_eq!(join_uri("http://a/b/c/d", "../g"), "http://a/b/g");
        assert_eq!(join_uri("http://a/b/c/d", "/g"), "http://a/g");
        assert_eq!(join_uri("http://a/b/c/d", "http://x/y"), "http://x/y");
        assert_eq!(join_uri("a/b/", "c/"), "a/b/c/");
        assert_eq!(join_uri("../a/", "../b/"), "../b/");
    }
}
