//! Same-document identifiers: `Id`, `ID`, `id` (no namespace) and `xml:id`.
//! A value carried by two elements is an error, never "the first one": that
//! ambiguity is what signature-wrapping attacks exploit.

use kyso_xml::roxmltree::{Node, NodeId};
use kyso_xml::{Doc, XML_NS};
use std::collections::HashMap;

/// Every identifier value of a document with the elements that carry it.
#[derive(Debug, Default)]
pub struct IdIndex {
    map: HashMap<String, Vec<NodeId>>,
}

/// Why an identifier does not name exactly one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// No element has it.
    NotFound(String),
    /// Several elements have it (the count).
    Duplicate(String, usize),
}

impl core::fmt::Display for IdError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            IdError::NotFound(id) => write!(f, "no element has the identifier {id:?}"),
            IdError::Duplicate(id, n) => write!(f, "{n} elements have the identifier {id:?}"),
        }
    }
}

impl IdIndex {
    /// Index every element of `doc`.
    pub fn build(doc: &Doc<'_>) -> IdIndex {
        let mut map: HashMap<String, Vec<NodeId>> = HashMap::new();
        for n in doc.tree().descendants().filter(|n| n.is_element()) {
            let mut seen: Vec<&str> = Vec::new();
            for a in n.attributes() {
                let is_id = match a.namespace() {
                    None => matches!(a.name(), "Id" | "ID" | "id"),
                    Some(ns) => ns == XML_NS && a.name() == "id",
                };
                if is_id && !seen.contains(&a.value()) {
                    seen.push(a.value());
                    map.entry(a.value().to_string()).or_default().push(n.id());
                }
            }
        }
        IdIndex { map }
    }

    /// The one element with identifier `id`.
    pub fn unique<'d, 'a>(&self, doc: &'d Doc<'a>, id: &str) -> Result<Node<'d, 'a>, IdError> {
        match self.map.get(id).map(Vec::as_slice) {
            None | Some([]) => Err(IdError::NotFound(id.to_string())),
            Some([one]) => doc
                .tree()
                .get_node(*one)
                .ok_or_else(|| IdError::NotFound(id.to_string())),
            Some(many) => Err(IdError::Duplicate(id.to_string(), many.len())),
        }
    }
}
