//! Finding codes of the CMS file profile (`cades.*`). The values are the JSON
//! report's public API and never change; tests match them by value through
//! these constants.

/// The file is not a readable CMS SignedData (DER, BER or PEM) (error).
pub const UNREADABLE: &str = "cades.unreadable";
/// The file was PEM or Base64 text around the CMS structure; it was decoded (info).
pub const TEXT_ENCODED: &str = "cades.text_encoded";
/// The SignedData holds no SignerInfo: nothing is signed (error).
pub const NO_SIGNER: &str = "cades.no_signer";
/// The signed content is inside the file (enveloping, `.p7m`) (info).
pub const ENVELOPING: &str = "cades.enveloping";
/// The signature is detached and the signed file was given beside it (info).
pub const DETACHED_WITH_DATA: &str = "cades.detached.with_data";
/// The signature is detached and the signed file was not given: nothing tells whether it is intact (warning).
pub const DETACHED_WITHOUT_DATA: &str = "cades.detached.without_data";
/// A signed file was given, but the signature carries its own content; the given file was not used (warning).
pub const DATA_IGNORED: &str = "cades.detached.data_ignored";
/// A countersignature could not be read (error, format failure of that countersignature).
pub const COUNTER_SIGNATURE_UNREADABLE: &str = "cades.counter_signature.unreadable";
/// This signature is a countersignature of another one (info).
pub const COUNTER_SIGNATURE_OF: &str = "cades.counter_signature.of";
/// The signed content is itself a document Kyso reads: it is verified as a child report (info).
pub const CONTENT_VERIFIED: &str = "cades.content.verified";
/// The signed content was not verified on its own (nesting limit) (info).
pub const CONTENT_NOT_VERIFIED: &str = "cades.content.not_verified";
/// A content timestamp (signed, taken before signing) matches the content and its authority is trusted (passed).
pub const CONTENT_TIMESTAMP_VALID: &str = "cades.content_timestamp.valid";
/// A content timestamp matches the content, but its authority is not trusted (warning).
pub const CONTENT_TIMESTAMP_UNTRUSTED: &str = "cades.content_timestamp.untrusted";
/// A content timestamp does not match the content, or its authority's signature fails (error).
pub const CONTENT_TIMESTAMP_INVALID: &str = "cades.content_timestamp.invalid";
/// A content timestamp could not be checked: the signed content is not at hand (warning).
pub const CONTENT_TIMESTAMP_NOT_CHECKED: &str = "cades.content_timestamp.not_checked";
/// A content timestamp is later than the signature timestamp (error, TIMESTAMP_ORDER_FAILURE).
pub const CONTENT_TIMESTAMP_AFTER_SIGNATURE: &str = "cades.content_timestamp.after_signature";
/// The signature carries archive timestamps (CAdES-A/LTA); each is read, none is used as proof (info).
pub const ARCHIVE_TIMESTAMPS: &str = "cades.archive_timestamps";
