//! Budgets for every loop and allocation an input can drive.
//!
//! The defaults are generous for real documents (the largest Vietnamese
//! gazette PDFs are a few hundred pages and tens of megabytes) yet bounded so
//! that a hostile file costs at most a few hundred megabytes and seconds.

/// Parser budgets. Exceeding one yields [`crate::PdfError::Limit`] with a `pdf.limit.*` code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted (bytes). By default the one limit every front
    /// end states, `kyso_report::MAX_INPUT_LEN` (4 GiB − 1), so the parser
    /// never refuses a file the pipeline accepted. Read through a
    /// [`crate::Source`], the file's size costs no memory.
    pub max_file_size: usize,
    /// Most objects (xref entries across all revisions) followed in one walk
    /// (page tree, field tree, signature scan). 1,000,000: large books have ~10^5.
    pub max_objects: usize,
    /// Deepest nesting of arrays/dictionaries, and longest `R` chain followed.
    /// 64: real files nest < 10 deep; pdf.js and pdfium use similar bounds.
    pub max_depth: usize,
    /// Largest raw stream (bytes). 256 MiB.
    pub max_stream_len: usize,
    /// Largest decoded stream (bytes). 256 MiB.
    pub max_decoded_len: usize,
    /// Largest ratio decoded/encoded for one stream. Deflate's theoretical
    /// maximum is ~1032:1; 1100 leaves room for that and nothing more.
    pub max_decompression_ratio: usize,
    /// Most revisions (xref sections). 1,000: a document signed by every
    /// official of a province still has < 100.
    pub max_revisions: usize,
    /// Most xref entries in total over all sections. 8,388,607 is the
    /// implementation limit on indirect objects in ISO 32000-1 Annex C.
    pub max_xref_entries: usize,
    /// Most objects in one object stream (/N). 100,000 (pdfium: same order).
    pub max_object_stream_objects: usize,
    /// Most items in one array or dictionary. 1,000,000 (real: < 10^4, except huge /Widths).
    pub max_collection_len: usize,
    /// Most nodes (fields and their kids) read in one walk of the AcroForm
    /// field tree (§12.7.3). 50,000: the largest real forms have a few
    /// thousand fields (a Vietnamese tax return or a customs declaration:
    /// 1,000–3,000); pdf.js and pyHanko walk every field without a bound,
    /// which is what let 10^5 empty signature fields take 392 MB here (each
    /// field's dictionary was copied twice). Beyond it the walk stops and the
    /// document counts as not examined whole ([`crate::Document::limits_exceeded`]).
    pub max_form_fields: usize,
    /// Most bytes cached from decoded object streams, and so the largest
    /// decoded object stream (§7.5.7: one is decoded and cached whole, since
    /// each of its objects is read from it). 64 MiB: object streams hold no
    /// streams, only dictionaries, arrays and strings, and writers put 100–200
    /// objects in each (Acrobat, iText, pdfTeX), a few hundred KB decoded; a
    /// 255 MiB one (a ~1000:1 Flate bomb) held in the cache while a 255 MiB
    /// string was parsed from it took 1 GB.
    pub max_cache_bytes: usize,
    /// How far (bytes) from a recorded offset to look for the object or xref
    /// section when the offset is slightly wrong. 64 covers CR/LF conversion
    /// of a header or trailer; more would amount to a repair.
    pub offset_tolerance: usize,
    /// Through a [`crate::Source`]: the first window (bytes) an object or
    /// xref section is parsed in, grown ×16 (up to 64 MiB) while the parse
    /// fails where the window ends. In memory the whole input is the window.
    pub read_window: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: kyso_report::MAX_INPUT_LEN as usize,
            max_objects: 1_000_000,
            max_depth: 64,
            max_stream_len: 256 << 20,
            max_decoded_len: 256 << 20,
            max_decompression_ratio: 1100,
            max_revisions: 1000,
            max_xref_entries: 8_388_607,
            max_object_stream_objects: 100_000,
            max_collection_len: 1_000_000,
            max_form_fields: 50_000,
            max_cache_bytes: 64 << 20,
            offset_tolerance: 64,
            read_window: 64 * 1024,
        }
    }
}
