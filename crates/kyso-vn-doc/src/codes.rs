//! Finding codes of this crate (`doc.admin.*`). Tests match them by value.
//!
//! None of them changes a signature's indication: they are information for
//! the reader (Severity::Info) or a sign worth a second look (Warning).

/// The pages read are images (a scan): the document's fields cannot be read.
pub const SCANNED: &str = "doc.admin.scanned";
/// Some glyphs had no Unicode mapping; readings may be incomplete.
pub const PARTLY_UNREADABLE: &str = "doc.admin.partly_unreadable";

/// The printed signer's name is the name in a signing certificate.
pub const SIGNER_NAME_MATCHES: &str = "doc.admin.signer_name_matches";
/// Personal certificates signed, none in the printed signer's name.
pub const SIGNER_NAME_MISMATCH: &str = "doc.admin.signer_name_mismatch";
/// Only organisation certificates signed: consistent with a printed official's name.
pub const SIGNED_BY_ORGANISATION: &str = "doc.admin.signed_by_organisation";

/// An organisation certificate is the printed issuing body's.
pub const ISSUER_MATCHES: &str = "doc.admin.issuer_matches";
/// Organisation certificates signed, none of them the printed issuing body.
pub const ISSUER_DIFFERS: &str = "doc.admin.issuer_differs";

/// Every signature was made before the date printed on the document.
pub const SIGNED_BEFORE_DATE: &str = "doc.admin.signed_before_date";
/// The first signature was made long after the printed date.
pub const SIGNED_LONG_AFTER_DATE: &str = "doc.admin.signed_long_after_date";
/// The signing times agree with the printed date.
pub const DATE_CONSISTENT: &str = "doc.admin.date_consistent";

/// The type in the title and the abbreviation in the notation disagree.
pub const TYPE_NOTATION_MISMATCH: &str = "doc.admin.type_notation_mismatch";

/// An appendix cites this document's notation with another number or date.
pub const APPENDIX_CITATION_MISMATCH: &str = "doc.admin.appendix_citation_mismatch";
/// An appendix cites this document correctly.
pub const APPENDIX_CITATION_MATCHES: &str = "doc.admin.appendix_citation_matches";
/// An appendix says it belongs to another document.
pub const APPENDIX_OTHER_DOCUMENT: &str = "doc.admin.appendix_other_document";

/// A visible stamp agrees with the signature whose field draws it.
pub const STAMP_MATCHES: &str = "doc.admin.stamp_matches";
/// A visible stamp names another signer than the signature's certificate.
pub const STAMP_SIGNER_MISMATCH: &str = "doc.admin.stamp_signer_mismatch";
/// A visible stamp shows another signing time than the signature's.
pub const STAMP_TIME_MISMATCH: &str = "doc.admin.stamp_time_mismatch";
/// A stamp drawn in the page (not by a signature field) matches no signature.
pub const STAMP_WITHOUT_SIGNATURE: &str = "doc.admin.stamp_without_signature";

/// Every code, for documentation and tests.
pub const ALL: &[&str] = &[
    SCANNED,
    PARTLY_UNREADABLE,
    SIGNER_NAME_MATCHES,
    SIGNER_NAME_MISMATCH,
    SIGNED_BY_ORGANISATION,
    ISSUER_MATCHES,
    ISSUER_DIFFERS,
    SIGNED_BEFORE_DATE,
    SIGNED_LONG_AFTER_DATE,
    DATE_CONSISTENT,
    TYPE_NOTATION_MISMATCH,
    APPENDIX_CITATION_MISMATCH,
    APPENDIX_CITATION_MATCHES,
    APPENDIX_OTHER_DOCUMENT,
    STAMP_MATCHES,
    STAMP_SIGNER_MISMATCH,
    STAMP_TIME_MISMATCH,
    STAMP_WITHOUT_SIGNATURE,
];
