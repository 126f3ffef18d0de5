//! Finding codes of the change analysis (`pdf.changes.*`) and of the known
//! attacks it names (`pdf.attack.*`). The values are the JSON report's public API and never
//! change; tests match them by value through these constants.

/// A revision gave more findings of one kind than are listed; the rest are counted (info).
pub const FINDINGS_OMITTED: &str = "pdf.changes.findings_omitted";
/// The change analysis ran out of its work budget (`DEFAULT_OBJECT_LOADS`); what was not examined is unknown, and the signatures it concerns are INDETERMINATE (warning).
pub const BUDGET_EXHAUSTED: &str = "pdf.changes.budget_exhausted";
/// More revisions after the first signed one than `MAX_REVISIONS_ANALYSED`; what the rest change is unknown, and the signatures they follow are INDETERMINATE (warning).
pub const TOO_MANY_REVISIONS: &str = "pdf.changes.too_many_revisions";
/// A widget or annotation added or changed after signing paints an opaque area over signed content of a page (error).
pub const ATTACK_COVERS_SIGNED_CONTENT: &str = "pdf.attack.covers_signed_content";
/// Evil Annotation Attack: a page gained an annotation that can cover signed content while viewers still report the signature valid (error).
pub const ATTACK_EVIL_ANNOTATION: &str = "pdf.attack.evil_annotation";
/// The signed part holds objects the document does not use, including a catalog or page tree: a shadow attack may be prepared (warning).
pub const ATTACK_HIDDEN_OBJECTS: &str = "pdf.attack.hidden_objects";
/// Incremental Saving Attack: an update appended after signing replaced page content (error).
pub const ATTACK_INCREMENTAL_SAVING: &str = "pdf.attack.incremental_saving";
/// Shadow attack (hide): an update empties, deletes or re-points an overlay, layer or widget the signer saw, so readers see other content (error).
pub const ATTACK_SHADOW_HIDE: &str = "pdf.attack.shadow_hide";
/// Shadow attack (hide-and-replace): an update adds no content but re-points an object to another definition hidden in the signed part (error).
pub const ATTACK_SHADOW_HIDE_AND_REPLACE: &str = "pdf.attack.shadow_hide_and_replace";
/// Shadow attack (replace): an update swaps a font, an appearance, an image or a field value the signer saw (error).
pub const ATTACK_SHADOW_REPLACE: &str = "pdf.attack.shadow_replace";
/// Signature information spoofed: a signature dictionary was modified after signing, so what viewers display (signer, reason, time) is not what was signed (error).
pub const ATTACK_SIGNATURE_SPOOFING: &str = "pdf.attack.signature_spoofing";
/// Signature Wrapping Attack: the unsigned gap holds more than the signature value, or the signed ranges were moved (error).
pub const ATTACK_SIGNATURE_WRAPPING: &str = "pdf.attack.signature_wrapping";
/// Sneaky Signature Attack: a signature field added after signing has a visible appearance but no signature (error).
pub const ATTACK_SNEAKY_SIGNATURE: &str = "pdf.attack.sneaky_signature";
/// Universal Signature Forgery: an empty or null signature value or byte range that viewers may still show as signed (error).
pub const ATTACK_UNIVERSAL_SIGNATURE_FORGERY: &str = "pdf.attack.universal_signature_forgery";
/// Bytes after the last revision look like an update but cannot be read as one; what they change is unknown (error).
pub const ATTACK_UNREADABLE_UPDATE: &str = "pdf.attack.unreadable_update";
/// Comments (notes, highlights…) were added or changed after an approval signature (warning).
pub const CHANGES_ANNOTATIONS_AFTER_APPROVAL: &str = "pdf.changes.annotations_after_approval";
/// This is a certification (DocMDP) signature, and which later changes its level permits (info).
pub const CHANGES_CERTIFICATION_LEVEL: &str = "pdf.changes.certification_level";
/// A signature claims to certify (DocMDP) but is not the document's first signature (error).
pub const CHANGES_CERTIFICATION_NOT_FIRST: &str = "pdf.changes.certification_not_first";
/// More annotations or widgets in one update than are checked for covering signed content (warning).
pub const CHANGES_COVERAGE_NOT_EXAMINED: &str = "pdf.changes.coverage_not_examined";
/// A page is a scanned image: whether a later annotation hides signed content cannot be decided from the text (warning).
pub const CHANGES_COVERAGE_UNDECIDED: &str = "pdf.changes.coverage_undecided";
/// After signing, the document was changed in ways its permissions do not allow (error).
pub const CHANGES_DISALLOWED: &str = "pdf.changes.disallowed";
/// Metadata that viewers display (the title…) was changed after signing (warning).
pub const CHANGES_DISPLAYED_METADATA: &str = "pdf.changes.displayed_metadata";
/// No change after signing: the signature covers the final version (passed).
pub const CHANGES_NONE: &str = "pdf.changes.none";
/// The page count changed after signing (error).
pub const CHANGES_PAGE_COUNT: &str = "pdf.changes.page_count";
/// Updates follow the signature, all of permitted kinds (further signatures, long-term validation data, form filling, metadata) (passed).
pub const CHANGES_PERMITTED: &str = "pdf.changes.permitted";
/// Bytes after the last revision belong to no revision (warning).
pub const CHANGES_TRAILING_BYTES: &str = "pdf.changes.trailing_bytes";
/// What follows the signed range is not a sequence of proper updates, so its changes cannot be told (error).
pub const CHANGES_UNANALYSABLE: &str = "pdf.changes.unanalysable";
/// A signature field shows an appearance but holds no digital signature (warning).
pub const CHANGES_UNSIGNED_SIGNATURE_FIELD: &str = "pdf.changes.unsigned_signature_field";
/// The signed part holds objects the document does not use, usually leftovers of editing (info).
pub const CHANGES_UNUSED_OBJECTS: &str = "pdf.changes.unused_objects";
/// The cross-reference data is damaged and was read leniently; the updates after the signature may not read as written (warning).
pub const CHANGES_XREF_REPAIRED: &str = "pdf.changes.xref_repaired";
/// Part of the updates after this signature was not examined (a budget): the signature is INDETERMINATE, neither valid nor failed (warning).
pub const CHANGES_NOT_EXAMINED: &str = "pdf.changes.not_examined";
