//! Finding codes of the PDF container: structure, tolerated sloppiness,
//! `/ByteRange` checks, limits (`pdf.*`; the budgets a walk can exceed
//! without the file being refused are reported by [`crate::Document::limits_exceeded`]).
//! The values are the JSON report's public API and never change; tests match
//! them by value through these constants.

/// The AcroForm field tree has more nodes than [`crate::Limits::max_form_fields`]; the fields beyond were not read (warning; the document is INDETERMINATE).
pub const LIMIT_FORM_FIELDS: &str = "pdf.limit.form_fields";
/// More objects than [`crate::Limits::max_objects`] in one walk (the search for signature dictionaries, the page tree); the rest were not read (warning; the document is INDETERMINATE).
pub const LIMIT_OBJECTS: &str = "pdf.limit.objects";

/// No `%PDF-` header in the first 1024 bytes: not a PDF (error).
pub const NO_HEADER: &str = "pdf.no_header";
/// The `%PDF-` header is not at byte 0; offsets are read relative to it (warning).
pub const HEADER_OFFSET: &str = "pdf.header_offset";
/// No `startxref`/`%%EOF` at the end: the file is damaged or truncated (error).
pub const NO_STARTXREF: &str = "pdf.no_startxref";
/// The last revision does not end with `%%EOF` (warning).
pub const NO_EOF_MARKER: &str = "pdf.no_eof_marker";
/// Bytes after the last `%%EOF` that belong to no revision (warning).
pub const TRAILING_BYTES: &str = "pdf.trailing_bytes";
/// A cross-reference section is unreadable (error).
pub const BAD_XREF: &str = "pdf.bad_xref";
/// An object is unreadable where the cross-reference data points (error).
pub const BAD_OBJECT: &str = "pdf.bad_object";
/// The cross-reference data points an object number at a place holding another object (error).
pub const OBJECT_MISMATCH: &str = "pdf.object_mismatch";
/// A dictionary repeats a key: readers may disagree on its value (warning).
pub const OBJECT_DUPLICATE_KEY: &str = "pdf.object.duplicate_key";
/// A stream filter Kyso does not decode (error).
pub const UNSUPPORTED_FILTER: &str = "pdf.unsupported_filter";
/// A stream could not be decoded with its filter (error).
pub const DECODE: &str = "pdf.decode";
/// A stream's /Length does not match its data; the data up to `endstream` is used (warning).
pub const STREAM_LENGTH_MISMATCH: &str = "pdf.stream.length_mismatch";
/// A compressed stream is corrupt at its end; what decoded is used (warning).
pub const STREAM_TRUNCATED: &str = "pdf.stream.truncated";
/// Encrypted, and not openable with the empty user password (the profile words it as `core.pdf.encrypted_locked`).
pub const ENCRYPTION_NEEDS_PASSWORD: &str = "pdf.encryption.needs_password";
/// The encryption dictionary is malformed or of a kind Kyso does not support (error).
pub const ENCRYPTION_UNSUPPORTED: &str = "pdf.encryption.unsupported";
/// The /Prev chain of cross-reference sections loops: the revisions are not defined (error).
pub const XREF_PREV_LOOP: &str = "pdf.xref.prev_loop";
/// A /Prev points to no cross-reference section; the section was found nearby and read (warning).
pub const XREF_BAD_PREV: &str = "pdf.xref.bad_prev";
/// A cross-reference section is not at the byte `startxref` or /Prev gives, but close by (warning).
pub const XREF_OFFSET_ADJUSTED: &str = "pdf.xref.offset_adjusted";
/// Cross-reference entries point a few bytes off their objects; the objects were found close by (warning).
pub const XREF_ENTRY_OFFSET_ADJUSTED: &str = "pdf.xref.entry_offset_adjusted";
/// A revision's whole cross-reference table is offset by a constant number of bytes (warning).
pub const XREF_SECTION_SHIFTED: &str = "pdf.xref.section_shifted";
/// A revision's cross-reference data names objects that are not in the file (warning).
pub const XREF_DANGLING: &str = "pdf.xref.dangling";
/// A revision lies before the previous one in the file (warning).
pub const REVISION_OUT_OF_ORDER: &str = "pdf.revision.out_of_order";
/// An update ending in `%%EOF` after the last revision that no cross-reference section links to (warning).
pub const REVISION_UNCHAINED: &str = "pdf.revision.unchained";
/// A signature dictionary without /ByteRange: what was signed is unknown (error).
pub const BYTE_RANGE_MISSING: &str = "pdf.byte_range.missing";
/// /ByteRange is not four non-negative integers (error).
pub const BYTE_RANGE_MALFORMED: &str = "pdf.byte_range.malformed";
/// The two parts of /ByteRange overlap or are out of order (error).
pub const BYTE_RANGE_ORDER: &str = "pdf.byte_range.order";
/// /ByteRange reaches beyond the end of the file (error).
pub const BYTE_RANGE_OUTSIDE_FILE: &str = "pdf.byte_range.outside_file";
/// The signed range does not start at byte 0 (error).
pub const BYTE_RANGE_NOT_FROM_START: &str = "pdf.byte_range.not_from_start";
/// The unsigned gap is exactly this signature's own /Contents (passed).
pub const BYTE_RANGE_GAP_IS_CONTENTS: &str = "pdf.byte_range.gap_is_contents";
/// The unsigned gap is not this signature's /Contents: something else is left unsigned (error).
pub const BYTE_RANGE_GAP_NOT_CONTENTS: &str = "pdf.byte_range.gap_not_contents";
/// This signature's /ByteRange overlaps other signatures' (first five named, the rest counted) (error).
pub const BYTE_RANGE_COLLISION: &str = "pdf.byte_range.collision";
/// The signed range ends at no revision boundary (warning).
pub const BYTE_RANGE_PARTIAL: &str = "pdf.byte_range.partial";
/// The signature was added in one revision but its range ends at another (error).
pub const BYTE_RANGE_REVISION_MISMATCH: &str = "pdf.byte_range.revision_mismatch";
/// Bytes after the signed range belong to no revision and are not protected (warning).
pub const BYTE_RANGE_TRAILING_BYTES: &str = "pdf.byte_range.trailing_bytes";
/// The file is larger than `Limits::max_file_size` (error).
pub const LIMIT_FILE_SIZE: &str = "pdf.limit.file_size";
/// More revisions than `Limits::max_revisions` (error).
pub const LIMIT_REVISIONS: &str = "pdf.limit.revisions";
/// A cross-reference section declares more entries than `Limits::max_objects` (error).
pub const LIMIT_XREF_ENTRIES: &str = "pdf.limit.xref_entries";
/// Objects nested deeper than `Limits::max_depth` (error).
pub const LIMIT_DEPTH: &str = "pdf.limit.depth";
/// An array or dictionary with more elements than the lexer takes (error).
pub const LIMIT_COLLECTION: &str = "pdf.limit.collection";
/// A stream longer than `Limits::max_stream_len` (error).
pub const LIMIT_STREAM_LEN: &str = "pdf.limit.stream_len";
/// A stream decodes to more than its reader's bound (a decompression bomb) (error).
pub const LIMIT_DECODED_LEN: &str = "pdf.limit.decoded_len";
/// A stream with more chained filters than Kyso applies (error).
pub const LIMIT_FILTERS: &str = "pdf.limit.filters";
/// An object stream declares more objects than Kyso reads from one (error).
pub const LIMIT_OBJECT_STREAM_OBJECTS: &str = "pdf.limit.object_stream_objects";
