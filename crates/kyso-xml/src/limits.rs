//! Bounds on what a hostile document can make the parser and the
//! canonicalizer do.

/// Bounds applied by [`crate::parse`]. `Default` is Kyso's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input in bytes. 64 MiB: the largest signed XML seen in practice
    /// (e-invoices with embedded PDFs, edXML envelopes with base64 attachments)
    /// is a few tens of MiB; roxmltree keeps about 3–4× the input in memory,
    /// well inside a browser tab's wasm memory.
    pub max_bytes: usize,
    /// Largest number of nodes (elements, text, comments, PIs). 4 million: an
    /// edXML envelope of 64 MiB holds a few thousand nodes; a flat document of
    /// tiny elements reaches about one node per 16 bytes, i.e. 4 M at 64 MiB.
    pub max_nodes: u32,
    /// Deepest element nesting. 256: real documents (XAdES-LTA inside an
    /// e-invoice) nest about 15 deep; canonicalization recurses once per level.
    pub max_depth: usize,
    /// Most attributes (namespace declarations included) on one element.
    /// 256: the canonicalizer sorts them per element (quadratic blow-ups are
    /// bounded), and no schema Kyso reads declares more than about 10.
    pub max_attributes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
            max_nodes: 4_000_000,
            max_depth: 256,
            max_attributes: 256,
        }
    }
}
