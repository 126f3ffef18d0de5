//! Finding codes of the change analysis that name a budget or an omission
//! (`pdf.changes.*`). The values are the JSON report's public API and never
//! change; tests match them by value through these constants.

/// A revision gave more findings of one kind than are listed; the rest are counted (info).
pub const FINDINGS_OMITTED: &str = "pdf.changes.findings_omitted";
/// The change analysis ran out of its work budget (`DEFAULT_OBJECT_LOADS`); what was not examined counts as not permitted, and the document is never better than INDETERMINATE (warning).
pub const BUDGET_EXHAUSTED: &str = "pdf.changes.budget_exhausted";
/// More revisions after the first signed one than `MAX_REVISIONS_ANALYSED`; the rest count as not permitted, and the document is never better than INDETERMINATE (warning).
pub const TOO_MANY_REVISIONS: &str = "pdf.changes.too_many_revisions";
