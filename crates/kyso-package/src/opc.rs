//! OPC (ECMA-376 Part 2) relationships and content types, read leniently:
//! what cannot be read is a warning and counts as nothing.

use kyso_xml::Limits;

/// `.../package/2006/relationships/digital-signature/origin`
pub const REL_ORIGIN: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin";
/// `.../package/2006/relationships/digital-signature/signature`
pub const REL_SIGNATURE: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature";

/// Relationship types of the package root whose targets Office leaves
/// unsigned: document properties and the thumbnail (metadata, not content:
/// ECMA-376 Part 2 §13.2.1 lets the producer choose what it signs; Office and
/// Apache POI's `OOXMLSignatureFacet` sign every relationship type except
/// these). The suffix after the last `/` is compared, so the namespaces
/// agree; ISO/IEC 29500 Strict also renames the properties types
/// (`http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties`,
/// `…/customProperties`), which are listed too.
pub const METADATA_REL_SUFFIXES: &[&str] = &[
    "core-properties",
    "metadata/core-properties",
    "extended-properties",
    "custom-properties",
    "extendedProperties",
    "customProperties",
    "metadata/thumbnail",
    "thumbnail",
];

/// True for a root relationship type whose target is metadata (see [`METADATA_REL_SUFFIXES`]).
pub fn is_metadata_rel(ty: &str) -> bool {
    METADATA_REL_SUFFIXES
        .iter()
        .any(|s| ty.strip_suffix(s).is_some_and(|p| p.ends_with('/')))
}

/// One relationship.
#[derive(Debug, Clone)]
pub struct Rel {
    /// `Id`.
    pub id: String,
    /// `Type`.
    pub ty: String,
    /// The target part name (no leading `/`), resolved; `None` for external targets.
    pub target: Option<String>,
}

/// The relationships part of `source` (`""`: the package root).
pub fn rels_name(source: &str) -> String {
    match source.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None if source.is_empty() => "_rels/.rels".into(),
        None => format!("_rels/{source}.rels"),
    }
}

/// Resolve `target` relative to the part `source` (ECMA-376 Part 2 §9.3, RFC 3986 §5.2).
pub fn resolve(source: &str, target: &str) -> String {
    let target = target.split(['#', '?']).next().unwrap_or("");
    let mut segs: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        if let Some((dir, _)) = source.rsplit_once('/') {
            segs.extend(dir.split('/'));
        }
    }
    for s in target.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

fn limits() -> Limits {
    Limits {
        max_bytes: 16 << 20,
        max_nodes: 200_000,
        max_depth: 32,
        max_attributes: 64,
    }
}

/// The relationships of a relationships part's bytes; `None`: unreadable.
pub fn parse_rels(source: &str, bytes: &[u8]) -> Option<Vec<Rel>> {
    let text = kyso_xml::decode(bytes).ok()?;
    let doc = kyso_xml::parse(&text, &limits()).ok()?;
    let root = doc.tree().root_element();
    if root.tag_name().name() != "Relationships" {
        return None;
    }
    Some(
        root.children()
            .filter(|c| c.is_element() && c.tag_name().name() == "Relationship")
            .map(|r| {
                let external = r.attribute("TargetMode") == Some("External");
                Rel {
                    id: r.attribute("Id").unwrap_or("").to_string(),
                    ty: r.attribute("Type").unwrap_or("").to_string(),
                    target: if external {
                        None
                    } else {
                        r.attribute("Target").map(|t| resolve(source, t))
                    },
                }
            })
            .collect(),
    )
}

/// `[Content_Types].xml`: (Default extension → type, Override part name → type).
#[derive(Debug, Default)]
pub struct ContentTypes {
    defaults: Vec<(String, String)>,
    overrides: Vec<(String, String)>,
}

impl ContentTypes {
    /// Read `[Content_Types].xml`; `None`: unreadable.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let text = kyso_xml::decode(bytes).ok()?;
        let doc = kyso_xml::parse(&text, &limits()).ok()?;
        let mut ct = ContentTypes::default();
        for c in doc
            .tree()
            .root_element()
            .children()
            .filter(|c| c.is_element())
        {
            let ty = c.attribute("ContentType").unwrap_or("").to_string();
            match c.tag_name().name() {
                "Default" => ct.defaults.push((
                    c.attribute("Extension").unwrap_or("").to_ascii_lowercase(),
                    ty,
                )),
                "Override" => ct.overrides.push((
                    c.attribute("PartName")
                        .unwrap_or("")
                        .trim_start_matches('/')
                        .to_ascii_lowercase(),
                    ty,
                )),
                _ => {}
            }
        }
        Some(ct)
    }

    /// The content type of `part` (no leading `/`).
    pub fn of(&self, part: &str) -> Option<&str> {
        let p = part.to_ascii_lowercase();
        if let Some((_, t)) = self.overrides.iter().find(|(n, _)| *n == p) {
            return Some(t);
        }
        let ext = p.rsplit_once('.').map(|(_, e)| e)?;
        self.defaults
            .iter()
            .find(|(e, _)| e == ext)
            .map(|(_, t)| t.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(rels_name(""), "_rels/.rels");
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(
            resolve("word/document.xml", "media/a.png"),
            "word/media/a.png"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve("_xmlsignatures/origin.sigs", "/_xmlsignatures/sig1.xml"),
            "_xmlsignatures/sig1.xml"
        );
        assert!(is_metadata_rel("http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"));
        assert!(is_metadata_rel(
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        ));
        assert!(!is_metadata_rel(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        ));
        // ISO/IEC 29500 Strict names.
        for t in [
            "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
            "http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
        ] {
            assert!(is_metadata_rel(t), "{t}");
        }
        assert!(!is_metadata_rel(
            "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
        ));
    }
}
