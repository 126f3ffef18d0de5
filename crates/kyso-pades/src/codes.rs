//! Finding codes of the PDF signature profile (`core.pdf.*`, `core.pades.*`,
//! `core.algorithm.weak`). The values are the JSON report's public API and
//! never change; tests match them by value through these constants.

/// The document is encrypted and opens with the empty password; signatures are checked over the bytes as received (info).
pub const PDF_ENCRYPTED: &str = "core.pdf.encrypted";
/// The document is encrypted and needs a password: only the signatures can be checked (warning).
pub const PDF_ENCRYPTED_LOCKED: &str = "core.pdf.encrypted_locked";
/// The document has signature fields not signed yet (info).
pub const PDF_EMPTY_SIGNATURE_FIELDS: &str = "core.pdf.empty_signature_fields";
/// More signature dictionaries than [`crate::MAX_SIGNATURES_EXAMINED`]: only the first are examined, the document is INDETERMINATE (warning).
pub const PDF_TOO_MANY_SIGNATURES: &str = "core.pdf.signatures.too_many";
/// The document carries a Document Security Store (DSS) with certificates, CRLs, OCSP responses (info).
pub const PDF_DSS: &str = "core.pdf.dss";
/// The DSS holds more entries or bytes than Kyso reads; the rest was not read (warning).
pub const PDF_DSS_TOO_LARGE: &str = "core.pdf.dss.too_large";
/// A signed revision the cross-reference chain no longer reaches: what readers show is not what was signed (error).
pub const PDF_SIGNED_REVISION_UNREACHABLE: &str = "core.pdf.signed_revision_unreachable";
/// The signature does not cover the end of the file and what follows is not a valid incremental update (error).
pub const PDF_COVERAGE_PARTIAL: &str = "core.pdf.coverage.partial";
/// The signed byte range is well-formed: starts at 0, leaves out exactly the signature value (passed).
pub const PDF_BYTE_RANGE_OK: &str = "core.pdf.byte_range.ok";
/// The signed byte range could not be read, so the signature cannot be checked (error).
pub const PDF_BYTE_RANGE_MISSING: &str = "core.pdf.byte_range.missing";
/// The signature dictionary has no signature value (/Contents) (error, format failure).
pub const PDF_CONTENTS_MISSING: &str = "core.pdf.contents.missing";
/// The signature value (/Contents) is empty or all zeros: not a real signature (error, format failure).
pub const PDF_CONTENTS_EMPTY: &str = "core.pdf.contents.empty";
/// The /SubFilter is not a standard one; tried as a detached CMS signature (warning).
pub const PDF_SUB_FILTER_UNKNOWN: &str = "core.pdf.sub_filter.unknown";
/// The signature value is not a readable CMS/PKCS#7 structure (error, format failure).
pub const PDF_CMS_UNREADABLE: &str = "core.pdf.cms.unreadable";
/// The CMS structure holds no SignerInfo (error, format failure).
pub const PDF_CMS_NO_SIGNER: &str = "core.pdf.cms.no_signer";
/// A PDF signature with more than one SignerInfo: who signed cannot be determined (error).
pub const PDF_CMS_SEVERAL_SIGNERS: &str = "core.pdf.cms.several_signers";
/// A detached PDF signature (adbe.pkcs7.detached, ETSI.CAdES.detached) carries eContent, ISO 32000-2 §12.8.3.3 (error, format failure).
pub const PDF_CMS_CONTENT_ENCAPSULATED: &str = "core.pdf.cms.content_encapsulated";
/// A signature of unknown /SubFilter read as detached carries eContent; it is ignored (warning).
pub const PDF_CMS_CONTENT_NOT_DETACHED: &str = "core.pdf.cms.content_not_detached";
/// adbe.pkcs7.sha1: the signed SHA-1 digest matches the document bytes (passed).
pub const PDF_PKCS7_SHA1_DIGEST_OK: &str = "core.pdf.pkcs7_sha1.digest_ok";
/// adbe.pkcs7.sha1: the signed SHA-1 digest does not match the document bytes (error).
pub const PDF_PKCS7_SHA1_DIGEST_MISMATCH: &str = "core.pdf.pkcs7_sha1.digest_mismatch";
/// adbe.pkcs7.sha1: the document is bound to the signature by SHA-1, rejected by policy (error).
pub const PDF_PKCS7_SHA1_WEAK: &str = "core.pdf.pkcs7_sha1.weak";
/// adbe.x509.rsa_sha1: /Contents is not a DER OCTET STRING (error, format failure).
pub const PDF_RSA_SHA1_BAD_CONTENTS: &str = "core.pdf.rsa_sha1.bad_contents";
/// adbe.x509.rsa_sha1: no signer certificate in /Cert (error).
pub const PDF_RSA_SHA1_NO_CERTIFICATE: &str = "core.pdf.rsa_sha1.no_certificate";
/// adbe.x509.rsa_sha1: the certificate in /Cert could not be read (error).
pub const PDF_RSA_SHA1_BAD_CERTIFICATE: &str = "core.pdf.rsa_sha1.bad_certificate";
/// adbe.x509.rsa_sha1: the RSA signature over the SHA-1 digest verifies (passed).
pub const PDF_RSA_SHA1_VALID: &str = "core.pdf.rsa_sha1.valid";
/// adbe.x509.rsa_sha1: the RSA signature does not verify (error).
pub const PDF_RSA_SHA1_INVALID: &str = "core.pdf.rsa_sha1.invalid";
/// adbe.x509.rsa_sha1: the signature could not be checked (warning, unsupported algorithm).
pub const PDF_RSA_SHA1_UNSUPPORTED: &str = "core.pdf.rsa_sha1.unsupported";
/// adbe.x509.rsa_sha1: digest or key rejected by the algorithm policy (error).
pub const ALGORITHM_WEAK: &str = "core.algorithm.weak";
/// PAdES baseline (ETSI.CAdES.detached) without the signing-certificate-v2 attribute (warning).
pub const PADES_SIGNING_CERTIFICATE_MISSING: &str = "core.pades.signing_certificate_missing";
/// PAdES baseline (ETSI.CAdES.detached) with a signingTime attribute, which PAdES forbids (warning).
pub const PADES_SIGNING_TIME_ATTRIBUTE: &str = "core.pades.signing_time_attribute";
