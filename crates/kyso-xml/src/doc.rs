//! Parsing under [`Limits`], with a pre-scan that refuses document type
//! declarations before the parser sees them.

use crate::{Limits, XmlError};
use roxmltree::{Document, Node, NodeId, ParsingOptions};

/// The XML namespace (`xml:` prefix), never declared, never rendered.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A parsed document: the [`roxmltree`] tree over the text it was read from.
pub struct Doc<'a> {
    tree: Document<'a>,
    text: &'a str,
    external_dtd: Option<&'a str>,
}

impl<'a> Doc<'a> {
    /// The tree.
    pub fn tree(&self) -> &Document<'a> {
        &self.tree
    }

    /// The text the tree was parsed from (after byte-order-mark removal).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The external identifier of the DOCTYPE (`PUBLIC "…" "…"` or `SYSTEM
    /// "…"`, as written), when it names one. It was never read: Kyso loads
    /// nothing from outside the document.
    pub fn external_dtd(&self) -> Option<&'a str> {
        self.external_dtd
    }

    /// Number of nodes (the root node included); node ids run below it.
    pub fn node_count(&self) -> usize {
        self.tree.descendants().count()
    }

    /// A node by its index (see [`NodeId::get_usize`]).
    pub fn node(&self, index: usize) -> Option<Node<'_, 'a>> {
        u32::try_from(index)
            .ok()
            .and_then(|i| self.tree.get_node(NodeId::new(i)))
    }
}

/// Decode bytes to text: UTF-8 (with or without a byte-order mark), UTF-16
/// with a byte-order mark. An encoding declaration naming anything else is
/// accepted only when the content is ASCII (where the encodings agree).
pub fn decode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, XmlError> {
    use std::borrow::Cow;
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return core::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|e| XmlError::Encoding(format!("invalid UTF-8: {e}")));
    }
    let utf16 = |rest: &[u8], be: bool| -> Result<Cow<'_, str>, XmlError> {
        if rest.len() % 2 != 0 {
            return Err(XmlError::Encoding("odd length UTF-16".into()));
        }
        let units = rest.chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map(Cow::Owned)
            .map_err(|_| XmlError::Encoding("invalid UTF-16".into()))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, true);
    }
    let text = core::str::from_utf8(bytes)
        .map_err(|e| XmlError::Encoding(format!("invalid UTF-8: {e}")))?;
    if let Some(enc) = declared_encoding(text) {
        let e = enc.to_ascii_lowercase();
        if e != "utf-8" && e != "utf8" && !text.is_ascii() {
            return Err(XmlError::Encoding(format!("declared {enc}")));
        }
    }
    Ok(Cow::Borrowed(text))
}

fn declared_encoding(text: &str) -> Option<&str> {
    let decl = text.strip_prefix("<?xml")?;
    let end = decl.find("?>")?;
    let decl = &decl[..end];
    let at = decl.find("encoding")?;
    let rest = decl[at + 8..].trim_start().strip_prefix('=')?.trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let rest = &rest[1..];
    Some(&rest[..rest.find(q)?])
}

/// What the prolog holds before the root element.
enum Doctype<'a> {
    None,
    /// `<!DOCTYPE name>` without external identifier or internal subset.
    Bare,
    /// `<!DOCTYPE name PUBLIC "…" "…">` or `SYSTEM "…"` without an internal
    /// subset: the external identifier as written. LibreOffice writes one in
    /// every Basic library of an ODF package (`libraries.dtd`), which its
    /// signatures cover. The external subset is never loaded (no request, no
    /// file), so it can neither inject entities nor default attributes here;
    /// an entity it would declare stays undeclared and the parser refuses
    /// its use.
    External(&'a str),
}

/// Scan the prolog (XML declaration, comments, processing instructions,
/// whitespace) for a document type declaration and judge it.
fn scan_prolog(text: &str) -> Result<Doctype<'_>, XmlError> {
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        if let Some(r) = rest.strip_prefix("<?") {
            match r.find("?>") {
                Some(i) => rest = &r[i + 2..],
                None => return Ok(Doctype::None), // the parser reports it
            }
        } else if let Some(r) = rest.strip_prefix("<!--") {
            match r.find("-->") {
                Some(i) => rest = &r[i + 3..],
                None => return Ok(Doctype::None),
            }
        } else if let Some(r) = rest.strip_prefix("<!DOCTYPE") {
            // Entities anywhere after the DOCTYPE keyword: refused before any
            // finer reading, so no quoting trick can hide one.
            if r.contains("<!ENTITY") {
                return Err(XmlError::EntityDeclared);
            }
            let head_end = r.find(['[', '>']).unwrap_or(r.len());
            let head = &r[..head_end];
            if r[head_end..].starts_with('[') {
                return Err(XmlError::DtdNotAllowed);
            }
            if let Some(i) = head.find("SYSTEM").or_else(|| head.find("PUBLIC")) {
                return Ok(Doctype::External(head[i..].trim_end()));
            }
            return Ok(Doctype::Bare);
        } else {
            return Ok(Doctype::None);
        }
    }
}

/// Parse `text` as XML 1.0 with namespaces under `limits`.
///
/// Refused before parsing: input above [`Limits::max_bytes`]; a DOCTYPE that
/// declares entities ([`XmlError::EntityDeclared`]) or has an internal subset
/// ([`XmlError::DtdNotAllowed`]). A bare `<!DOCTYPE name>` is accepted (it
/// declares nothing), and so is one that only names an external DTD, which is
/// never loaded ([`Doc::external_dtd`]). After parsing: nesting deeper than [`Limits::max_depth`] and
/// elements with more than [`Limits::max_attributes`] attributes.
pub fn parse<'a>(text: &'a str, limits: &Limits) -> Result<Doc<'a>, XmlError> {
    if text.len() > limits.max_bytes {
        return Err(XmlError::TooLarge {
            size: text.len(),
            limit: limits.max_bytes,
        });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let doctype = scan_prolog(text)?;
    let opts = ParsingOptions {
        allow_dtd: matches!(doctype, Doctype::Bare | Doctype::External(_)),
        nodes_limit: limits.max_nodes,
        ..ParsingOptions::default()
    };
    let tree = Document::parse_with_options(text, opts).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => XmlError::TooManyNodes,
        roxmltree::Error::AttributesLimitReached | roxmltree::Error::NamespacesLimitReached => {
            XmlError::TooManyAttributes
        }
        roxmltree::Error::DtdDetected => XmlError::DtdNotAllowed,
        e => XmlError::Malformed(e.to_string()),
    })?;
    // Depth by node index: a parent always precedes its children in document order.
    let count = tree.descendants().count();
    let mut depth = vec![0usize; count];
    for n in tree.descendants() {
        let d = match n.parent() {
            Some(p) => depth.get(p.id().get_usize()).copied().unwrap_or(0) + 1,
            None => 0,
        };
        if d > limits.max_depth {
            return Err(XmlError::TooDeep);
        }
        if let Some(slot) = depth.get_mut(n.id().get_usize()) {
            *slot = d;
        }
        if n.is_element()
            && (n.attributes().len() > limits.max_attributes
                || n.namespaces().len() > limits.max_attributes)
        {
            return Err(XmlError::TooManyAttributes);
        }
    }
    let external_dtd = match doctype {
        Doctype::External(id) => Some(id),
        Doctype::None | Doctype::Bare => None,
    };
    Ok(Doc {
        tree,
        text,
        external_dtd,
    })
}

/// The element's qualified name as written (`ds:Signature`), from the source text.
pub fn element_qname<'a>(doc: &Doc<'a>, node: Node<'_, 'a>) -> &'a str {
    let text = doc.text();
    let start = node.range().start + 1;
    let tail = text.get(start..).unwrap_or("");
    let end = tail
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(tail.len());
    &tail[..end]
}

/// The prefix of a qualified name (`None` for an unprefixed name).
pub fn prefix_of_qname(qname: &str) -> Option<&str> {
    qname.split_once(':').map(|(p, _)| p)
}

/// An XPath-like location of an element for the report: `/Invoice/ds:Signature[2]`,
/// with the position among same-named siblings when there is more than one.
pub fn node_path(doc: &Doc<'_>, node: Node<'_, '_>) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(node);
    while let Some(n) = cur {
        if n.is_element() {
            let name = element_qname(doc, n);
            let same = |m: &Node<'_, '_>| m.is_element() && element_qname(doc, *m) == name;
            let before = n.prev_siblings().skip(1).filter(same).count();
            let after = n.next_siblings().skip(1).filter(same).count();
            if before + after > 0 {
                parts.push(format!("{name}[{}]", before + 1));
            } else {
                parts.push(name.to_string());
            }
        }
        cur = n.parent();
    }
    parts.reverse();
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doctype_rules() {
        let l = Limits::default();
        assert_eq!(
            parse("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", &l).err(),
            Some(XmlError::EntityDeclared)
        );
        // Named, never loaded (LibreOffice's Basic libraries in ODF packages).
        let d = parse("<!DOCTYPE a SYSTEM 'http://x/a.dtd'><a/>", &l).unwrap();
        assert_eq!(d.external_dtd(), Some("SYSTEM 'http://x/a.dtd'"));
        let d = parse(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE library:libraries PUBLIC \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"libraries.dtd\">\n<library:libraries xmlns:library=\"http://openoffice.org/2000/library\"/>",
            &l,
        )
        .unwrap();
        assert!(d.external_dtd().unwrap().starts_with("PUBLIC"));
        // An entity its DTD would declare stays undeclared: refused.
        assert!(matches!(
            parse("<!DOCTYPE a SYSTEM 'a.dtd'><a>&x;</a>", &l),
            Err(XmlError::Malformed(_))
        ));
        // With an internal subset as well: refused as before.
        assert_eq!(
            parse(
                "<!DOCTYPE a SYSTEM 'a.dtd' [<!ATTLIST a b CDATA 'c'>]><a/>",
                &l
            )
            .err(),
            Some(XmlError::DtdNotAllowed)
        );
        assert_eq!(
            parse("<!DOCTYPE a [<!ATTLIST a b CDATA 'c'>]><a/>", &l).err(),
            Some(XmlError::DtdNotAllowed)
        );
        assert!(parse(
            "<?xml version='1.0'?><!-- <!DOCTYPE --><!DOCTYPE a><a/>",
            &l
        )
        .is_ok());
        assert!(matches!(
            parse("<a>&x;</a>", &l),
            Err(XmlError::Malformed(_))
        ));
    }

    #[test]
    fn bounds() {
        let l = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        assert!(parse("<a><b><c/></b></a>", &l).is_ok());
        assert_eq!(
            parse("<a><b><c><d/></c></b></a>", &l).err(),
            Some(XmlError::TooDeep)
        );
        let l = Limits {
            max_nodes: 3,
            ..Limits::default()
        };
        assert_eq!(
            parse("<a><b/><c/><d/></a>", &l).err(),
            Some(XmlError::TooManyNodes)
        );
        let l = Limits {
            max_bytes: 4,
            ..Limits::default()
        };
        assert!(matches!(
            parse("<a></a>", &l),
            Err(XmlError::TooLarge { .. })
        ));
    }

    #[test]
    fn paths() {
        let text = "<r xmlns:p='u'><p:a/><p:a><b/></p:a></r>";
        let d = parse(text, &Limits::default()).unwrap();
        let b = d
            .tree()
            .descendants()
            .find(|n| n.has_tag_name("b"))
            .unwrap();
        assert_eq!(node_path(&d, b), "/r/p:a[2]/b");
    }
}
