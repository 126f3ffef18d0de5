//! Which relationships each OPC signature signs: the `mdssi:RelationshipReference`
//! / `RelationshipsGroupReference` selections of the Relationship transform
//! (ECMA-376 Part 2 §13.2.4.24) in the references of the signed Manifest.
//! A relationships part referenced without that transform is signed whole.

use crate::part_of_uri;
use kyso_xml::roxmltree::Node;

const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
const OPC_DSIG_NS: &str = "http://schemas.openxmlformats.org/package/2006/digital-signature";
const REL_TRANSFORM: &str = "http://schemas.openxmlformats.org/package/2006/RelationshipTransform";

/// What one signature part signs of one relationships part.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The relationships part (no leading `/`).
    pub rels: String,
    /// Signed whole (no Relationship transform).
    pub all: bool,
    /// Selected `Id`s.
    pub ids: Vec<String>,
    /// Selected `Type`s.
    pub types: Vec<String>,
}

impl Selection {
    /// The relationship (`id`, `ty`) is signed.
    pub fn selects(&self, id: &str, ty: &str) -> bool {
        self.all || self.ids.iter().any(|i| i == id) || self.types.iter().any(|t| t == ty)
    }
}

fn is_ds(n: Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(DSIG_NS) && n.tag_name().name() == local
}

/// The selections of the signature part `bytes`: only references inside a
/// Manifest of an Object that SignedInfo references count (an unsigned
/// Manifest claims nothing). `None`: the part cannot be read.
pub fn selections(bytes: &[u8]) -> Option<Vec<Selection>> {
    let text = kyso_xml::decode(bytes).ok()?;
    let limits = kyso_xml::Limits::default();
    let doc = kyso_xml::parse(&text, &limits).ok()?;
    let mut out = Vec::new();
    for sig in doc.tree().descendants().filter(|n| is_ds(*n, "Signature")) {
        let signed_ids: Vec<&str> = sig
            .children()
            .filter(|c| is_ds(*c, "SignedInfo"))
            .flat_map(|si| si.children().filter(|c| is_ds(*c, "Reference")))
            .filter_map(|r| r.attribute("URI")?.strip_prefix('#'))
            .collect();
        for obj in sig.children().filter(|c| is_ds(*c, "Object")) {
            if !obj.attribute("Id").is_some_and(|i| signed_ids.contains(&i)) {
                continue;
            }
            for r in obj
                .descendants()
                .filter(|m| is_ds(*m, "Manifest"))
                .flat_map(|m| m.children().filter(|c| is_ds(*c, "Reference")))
            {
                let Some((name, _)) = r.attribute("URI").and_then(part_of_uri) else {
                    continue;
                };
                let mut sel = Selection {
                    rels: name.to_string(),
                    all: true,
                    ..Selection::default()
                };
                for t in r.descendants().filter(|t| {
                    is_ds(*t, "Transform") && t.attribute("Algorithm") == Some(REL_TRANSFORM)
                }) {
                    sel.all = false;
                    for c in t
                        .children()
                        .filter(|c| c.is_element() && c.tag_name().namespace() == Some(OPC_DSIG_NS))
                    {
                        match c.tag_name().name() {
                            "RelationshipReference" => {
                                sel.ids.extend(c.attribute("SourceId").map(str::to_string))
                            }
                            "RelationshipsGroupReference" => sel
                                .types
                                .extend(c.attribute("SourceType").map(str::to_string)),
                            _ => {}
                        }
                    }
                }
                out.push(sel);
            }
        }
    }
    Some(out)
}
