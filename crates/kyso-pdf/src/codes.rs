//! Finding codes for the budgets a walk of the document can exceed without
//! the file being refused (`pdf.limit.*`, [`crate::Document::limits_exceeded`]).
//! The values are the JSON report's public API and never change; tests match
//! them by value through these constants.

/// The AcroForm field tree has more nodes than [`crate::Limits::max_form_fields`]; the fields beyond were not read (warning; the document is INDETERMINATE).
pub const LIMIT_FORM_FIELDS: &str = "pdf.limit.form_fields";
/// More objects than [`crate::Limits::max_objects`] in one walk (the search for signature dictionaries, the page tree); the rest were not read (warning; the document is INDETERMINATE).
pub const LIMIT_OBJECTS: &str = "pdf.limit.objects";
