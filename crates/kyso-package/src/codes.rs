//! Finding codes of the package profile (`package.*`): OOXML (OPC) and ODF.
//! The values are the JSON report's public API and never change; tests match
//! them by value through these constants.

/// The file is not a readable ZIP package (error).
pub const UNREADABLE: &str = "package.unreadable";
/// An entry breaks the bounds (entry count, size, total, compression ratio, or
/// inflates past its declared size): possibly a ZIP bomb, not read (error).
pub const ZIP_BOMB: &str = "package.zip_bomb";
/// Several entries have the same name (OPC part names compare without case):
/// different readers open different parts (error).
pub const DUPLICATE_NAME: &str = "package.duplicate_name";
/// An entry name leaves the package (`..`, absolute, drive letter, NUL) (error).
pub const PATH_TRICK: &str = "package.path_trick";
/// The package carries no signature (info).
pub const NO_SIGNATURE: &str = "package.no_signature";
/// A signature part named by the origin's relationships is missing (error).
pub const SIGNATURE_PART_MISSING: &str = "package.signature_part_missing";
/// Parts that show content (or decide what is shown) are signed by no
/// signature, or not by every signature: they can be changed or added without
/// breaking a signature (error).
pub const CONTENT_UNSIGNED: &str = "package.content_unsigned";
/// Other parts no signature covers (metadata such as `docProps/app.xml`,
/// `[Content_Types].xml`, parts nothing refers to) (info).
pub const OTHER_UNSIGNED: &str = "package.other_unsigned";
/// Every part that shows content is covered by every signature (passed).
pub const COVERAGE_COMPLETE: &str = "package.coverage_complete";
/// A signed reference names a content type that differs from the one the
/// package declares for that part in `[Content_Types].xml` (error).
pub const CONTENT_TYPE_MISMATCH: &str = "package.content_type_mismatch";
/// A relationships part or `[Content_Types].xml` cannot be read (warning).
pub const RELS_UNREADABLE: &str = "package.rels_unreadable";
/// ODF: the package has a `META-INF/macrosignatures.xml` (macro signatures) (info).
pub const ODF_MACRO_SIGNATURES: &str = "package.odf.macro_signatures";
