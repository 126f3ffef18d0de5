//! XPath node-sets as C14N and XML-DSig use them: a membership flag per
//! tree node. An element's attributes and namespace nodes belong to the set
//! exactly when the element does (every node-set XML-DSig builds — `URI=""`,
//! `#id`, enveloped-signature, XPath Filter 2.0 subtrees — has that form).

use crate::Doc;
use roxmltree::Node;

/// A set of nodes of one [`Doc`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSet {
    members: Vec<bool>,
}

impl NodeSet {
    /// The empty set.
    pub fn empty(doc: &Doc<'_>) -> NodeSet {
        NodeSet {
            members: vec![false; doc.node_count()],
        }
    }

    /// Every node of the document (the root node included); comments only if `with_comments`.
    pub fn whole_document(doc: &Doc<'_>, with_comments: bool) -> NodeSet {
        let mut s = NodeSet::empty(doc);
        for n in doc.tree().descendants() {
            s.set(n, with_comments || !n.is_comment());
        }
        s
    }

    /// `node` and its descendants; comments only if `with_comments`.
    pub fn subtree(doc: &Doc<'_>, node: Node<'_, '_>, with_comments: bool) -> NodeSet {
        let mut s = NodeSet::empty(doc);
        s.add_subtree(node, with_comments);
        s
    }

    /// Add `node` and its descendants.
    pub fn add_subtree(&mut self, node: Node<'_, '_>, with_comments: bool) {
        for n in node.descendants() {
            if with_comments || !n.is_comment() {
                self.set(n, true);
            }
        }
    }

    /// Remove `node` and its descendants (the enveloped-signature transform).
    pub fn remove_subtree(&mut self, node: Node<'_, '_>) {
        for n in node.descendants() {
            self.set(n, false);
        }
    }

    /// Remove every comment.
    pub fn remove_comments(&mut self, doc: &Doc<'_>) {
        for n in doc.tree().descendants().filter(|n| n.is_comment()) {
            self.set(n, false);
        }
    }

    /// Keep only the nodes also in `other`.
    pub fn intersect(&mut self, other: &NodeSet) {
        for (a, b) in self.members.iter_mut().zip(&other.members) {
            *a = *a && *b;
        }
    }

    /// Remove the nodes in `other`.
    pub fn subtract(&mut self, other: &NodeSet) {
        for (a, b) in self.members.iter_mut().zip(&other.members) {
            *a = *a && !*b;
        }
    }

    /// Add the nodes in `other`.
    pub fn union(&mut self, other: &NodeSet) {
        for (a, b) in self.members.iter_mut().zip(&other.members) {
            *a = *a || *b;
        }
    }

    /// Whether `node` is in the set.
    pub fn contains(&self, node: Node<'_, '_>) -> bool {
        self.members
            .get(node.id().get_usize())
            .copied()
            .unwrap_or(false)
    }

    /// Number of nodes in the set.
    pub fn len(&self) -> usize {
        self.members.iter().filter(|b| **b).count()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        !self.members.iter().any(|b| *b)
    }

    /// The string-value of the set: its text nodes in document order (the
    /// input of the base64 transform, XML-DSig §6.6.2).
    pub fn text(&self, doc: &Doc<'_>) -> String {
        let mut s = String::new();
        for n in doc.tree().descendants() {
            if n.is_text() && self.contains(n) {
                s.push_str(n.text().unwrap_or(""));
            }
        }
        s
    }

    fn set(&mut self, node: Node<'_, '_>, v: bool) {
        if let Some(slot) = self.members.get_mut(node.id().get_usize()) {
            *slot = v;
        }
    }
}
