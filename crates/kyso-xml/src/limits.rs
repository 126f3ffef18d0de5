//! Bounds on what a hostile document can make the parser and the
//! canonicalizer do.

/// Bounds applied by [`crate::parse`]. `Default` is Kyso's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input in bytes. 128 MiB: issue 11 asks that Kyso verify signed
    /// XML documents of 100 MB beside xmlsec1 (docs/benchmarks.md, "CMS and
    /// XML files"); 128 MiB is the power of two above a 100 MiB document with
    /// its signatures. The largest signed XML seen in practice (e-invoices with
    /// embedded PDFs, edXML envelopes with base64 attachments) is a few tens of
    /// MiB. Memory: the input, the tree (bounded by [`Limits::max_nodes`]) and
    /// one canonical form at a time; `kyso verify` peaks at 726 MiB resident on
    /// the 100 MiB benchmark document (6.1 M nodes), inside a browser tab's
    /// 4 GiB of wasm32 memory.
    pub max_bytes: usize,
    /// Largest number of nodes (elements, text, comments, PIs). 8 Mi: a flat
    /// document of small elements reaches about one node per 16 bytes, i.e.
    /// 8 Mi at 128 MiB (the 100 MiB benchmark invoice list has one per 17
    /// bytes); an edXML envelope of that size holds a few thousand.
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
            max_bytes: 128 * 1024 * 1024,
            max_nodes: 8 * 1024 * 1024,
            max_depth: 256,
            max_attributes: 256,
        }
    }
}
