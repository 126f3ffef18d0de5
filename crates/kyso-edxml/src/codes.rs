//! Finding codes of the edXML package profile (`edxml.*`). The values are the
//! JSON report's public API and never change; tests match them by value
//! through these constants.

/// The envelope could not be read as XML (malformed, not UTF-8/UTF-16): nothing in it can be shown or checked (error).
pub const ENVELOPE_UNREADABLE: &str = "edxml.envelope.unreadable";
/// The envelope was refused by the secure XML reader (DOCTYPE, entities, size or nesting limits) (error).
pub const ENVELOPE_REFUSED: &str = "edxml.envelope.refused";
/// The XML has no edXML `MessageHeader`: not an edXML message (error).
pub const ENVELOPE_NOT_EDXML: &str = "edxml.envelope.not_edxml";
/// The envelope uses namespace prefixes it never declares (a common sender bug); read as if declared (warning).
pub const ENVELOPE_UNDECLARED_PREFIX: &str = "edxml.envelope.undeclared_prefix";
/// Bytes that are not XML before the XML declaration (a sender bug, e.g. `1212<?xml`); skipped (warning).
pub const ENVELOPE_LEADING_JUNK: &str = "edxml.envelope.leading_junk";
/// The header was read: the package's metadata is shown as the sender wrote it (info).
pub const HEADER_READ: &str = "edxml.header.read";
/// A status message (StatusCode) about a document sent earlier: it carries no document (info).
pub const STATUS_MESSAGE: &str = "edxml.status.message";
/// A StatusCode outside the QCVN 102:2016 table (warning).
pub const STATUS_UNKNOWN: &str = "edxml.status.unknown_code";
/// A BussinessDocType outside 0–3 (warning).
pub const BUSINESS_UNKNOWN: &str = "edxml.business.unknown_type";
/// The package revokes, updates or replaces a document sent earlier (info).
pub const BUSINESS_CHANGES_EARLIER: &str = "edxml.business.changes_earlier";
/// The envelope carries no XML signature; QCVN allows it, the attached documents carry their own signatures (info).
pub const ENVELOPE_UNSIGNED: &str = "edxml.signature.absent";
/// The envelope's XML signature was handed to the XML signature verifier; its result is in the signatures (info).
pub const ENVELOPE_SIGNATURE_CHECKED: &str = "edxml.signature.checked";
/// The envelope's `Signature` element is written without the XML-DSig namespace: as written it is not an XML signature and is not verified (warning).
pub const ENVELOPE_SIGNATURE_NOT_XMLDSIG: &str = "edxml.signature.not_xmldsig";
/// The envelope's XML signature cannot be verified because the envelope is not well-formed XML as written (warning).
pub const ENVELOPE_SIGNATURE_UNVERIFIABLE: &str = "edxml.signature.unverifiable";
/// The envelope's signature value is empty: a placeholder, never a valid signature (warning).
pub const ENVELOPE_SIGNATURE_PLACEHOLDER: &str = "edxml.signature.placeholder";
/// The package carries no attachment (info).
pub const NO_ATTACHMENTS: &str = "edxml.attachment.none";
/// An attachment listed in the manifest is not carried in the package (warning).
pub const ATTACHMENT_MISSING: &str = "edxml.attachment.missing";
/// An attachment is carried but not listed in the manifest (warning).
pub const ATTACHMENT_NOT_IN_MANIFEST: &str = "edxml.attachment.not_in_manifest";
/// An attachment's content is empty (warning).
pub const ATTACHMENT_EMPTY: &str = "edxml.attachment.empty";
/// An attachment's content is not base64: it cannot be decoded or verified (error).
pub const ATTACHMENT_NOT_BASE64: &str = "edxml.attachment.not_base64";
/// An attachment is a ZIP archive that cannot be read (damaged, encrypted, unsupported compression, CRC mismatch) (error).
pub const ATTACHMENT_ZIP_UNREADABLE: &str = "edxml.attachment.zip_unreadable";
/// A ZIP attachment exceeds Kyso's bounds (entries, sizes, total, compression ratio): a possible ZIP bomb, not extracted (error).
pub const ATTACHMENT_ZIP_BOMB: &str = "edxml.attachment.zip_bomb";
/// A ZIP entry name tries to leave the archive (`..`, absolute path, drive letter): not extracted (error).
pub const ATTACHMENT_PATH_TRICK: &str = "edxml.attachment.path_trick";
/// Two ZIP entries have the same name: tools would disagree on which is the document; the later one is not verified (error).
pub const ATTACHMENT_DUPLICATE_NAME: &str = "edxml.attachment.duplicate_name";
/// The ZIP attachment holds no file (warning).
pub const ATTACHMENT_ZIP_EMPTY: &str = "edxml.attachment.zip_empty";
/// An attached file was verified as a child report that counts for the package's verdict (info).
pub const ATTACHMENT_VERIFIED: &str = "edxml.attachment.verified";
/// More attached files than Kyso verifies in one package: the rest are listed, not verified (warning).
pub const ATTACHMENT_LIMIT: &str = "edxml.attachment.limit";
/// Attachments are listed only (this verification does not open nested documents) (info).
pub const ATTACHMENT_LISTED_ONLY: &str = "edxml.attachment.listed_only";
