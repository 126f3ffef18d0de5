//! Finding codes of this crate: `cms.*` for SignedData and its SignerInfos,
//! `tsp.*` for RFC 3161 timestamp tokens. The values are the JSON report's
//! public API and never change; tests match them by value through these
//! constants.

/// The CMS input is empty, or only zero padding (error, `CmsError::Empty`).
pub const EMPTY: &str = "cms.empty";
/// The ASN.1 structure is not what RFC 5652 or RFC 3161 define (error, `CmsError::Structure`).
pub const STRUCTURE: &str = "cms.structure";
/// The ContentInfo is not id-signedData (error, `CmsError::NotSignedData`).
pub const NOT_SIGNED_DATA: &str = "cms.not_signed_data";
/// A bound of `Limits` or a parser budget was exceeded (error, `CmsError::LimitExceeded`).
pub const LIMIT_EXCEEDED: &str = "cms.limit_exceeded";
/// Non-zero bytes follow the CMS structure, where only zero padding is expected (warning).
pub const TRAILING_DATA: &str = "cms.trailing_data";
/// The CMS structure uses BER indefinite lengths, which RFC 5652 permits (info).
pub const BER_ENCODING: &str = "cms.ber_encoding";
/// The encapsulated content has the PKCS #7 v1.5 form, not an OCTET STRING (info).
pub const ECONTENT_NOT_OCTET_STRING: &str = "cms.econtent_not_octet_string";
/// An embedded certificate is not strict DER; it is still used to identify the signer (info).
pub const CERTIFICATE_NOT_DER: &str = "cms.certificate_not_der";
/// An embedded certificate could not be read and was skipped (warning).
pub const CERTIFICATE_UNREADABLE: &str = "cms.certificate_unreadable";
/// The SignedData has no SignerInfo at the index asked for (error, format failure).
pub const SIGNER_MISSING: &str = "cms.signer.missing";
/// The SignerInfo's digest algorithm is unknown or cannot be used: nothing can be decided (warning).
pub const DIGEST_ALGORITHM_UNSUPPORTED: &str = "cms.digest_algorithm.unsupported";
/// The signer's certificate is embedded in the signature (passed).
pub const SIGNER_CERT_FOUND: &str = "cms.signer_cert.found";
/// The signer's certificate is not embedded in the signature, so it cannot be checked (warning).
pub const SIGNER_CERT_MISSING: &str = "cms.signer_cert.missing";
/// The SignerInfo's signature algorithm is unknown or not implemented (warning).
pub const SIGNATURE_ALGORITHM_UNSUPPORTED: &str = "cms.signature_algorithm.unsupported";
/// The signature is detached and no signed content was supplied (error).
pub const CONTENT_ABSENT: &str = "cms.content.absent";
/// The SignerInfo has no signed attributes: the signature is over the content itself (info).
pub const SIGNED_ATTRS_ABSENT: &str = "cms.signed_attrs.absent";
/// The signed attributes violate RFC 5652: messageDigest missing or malformed, content-type wrong or in a countersignature, an attribute repeated (error, format failure).
pub const SIGNED_ATTRS_MALFORMED: &str = "cms.signed_attrs.malformed";
/// The signed attributes are not in DER order; the signature is checked over the bytes as received (info).
pub const SIGNED_ATTRS_NOT_DER_SORTED: &str = "cms.signed_attrs.not_der_sorted";
/// The messageDigest attribute matches the digest of the content: the content is unchanged (passed).
pub const MESSAGE_DIGEST_MATCH: &str = "cms.message_digest.match";
/// The messageDigest attribute does not match the digest of the content: it changed after signing (error).
pub const MESSAGE_DIGEST_MISMATCH: &str = "cms.message_digest.mismatch";
/// The content-type signed attribute required by RFC 5652 §5.3 is missing (warning).
pub const CONTENT_TYPE_MISSING: &str = "cms.content_type.missing";
/// The content-type signed attribute matches the eContentType (passed).
pub const CONTENT_TYPE_MATCH: &str = "cms.content_type.match";
/// The signing time the signer claims, signingTime attribute, unproven (info).
pub const SIGNING_TIME: &str = "cms.signing_time";
/// The signingTime attribute could not be read (warning).
pub const SIGNING_TIME_MALFORMED: &str = "cms.signing_time.malformed";
/// The ESS signing-certificate(-v2) reference matches the signer's certificate (passed).
pub const ESS_SIGNING_CERT_MATCH: &str = "cms.ess_signing_cert.match";
/// The ESS signing-certificate reference uses a hash Kyso does not support (warning).
pub const ESS_SIGNING_CERT_UNSUPPORTED: &str = "cms.ess_signing_cert.unsupported";
/// The ESS signing-certificate reference does not match the embedded certificate: it may have been swapped (error).
pub const ESS_SIGNING_CERT_MISMATCH: &str = "cms.ess_signing_cert.mismatch";
/// The signature value verifies with the signer's public key (passed).
pub const SIGNATURE_VALID: &str = "cms.signature.valid";
/// The signature value does not verify with the signer's public key: broken or forged (error).
pub const SIGNATURE_INVALID: &str = "cms.signature.invalid";
/// The certificate's key type does not match the signature algorithm (error).
pub const SIGNATURE_KEY_MISMATCH: &str = "cms.signature.key_mismatch";
/// The signature value could not be checked, e.g. an unsupported algorithm or key (warning).
pub const SIGNATURE_UNDECIDED: &str = "cms.signature.undecided";
/// A digest or signature algorithm is rejected by the algorithm policy at the proof of existence, or now (error).
pub const ALGORITHM_WEAK: &str = "cms.algorithm.weak";
/// The signer's key is too weak for the algorithm policy (error).
pub const KEY_WEAK: &str = "cms.key.weak";
/// A dated algorithm or key that the policy still accepts (warning).
pub const ALGORITHM_WEAK_ACCEPTED: &str = "cms.algorithm.weak_accepted";
/// The SignerInfo carries RFC 3161 signature timestamps (info).
pub const SIGNATURE_TIMESTAMP_PRESENT: &str = "cms.signature_timestamp.present";
/// The SignerInfo has countersignatures over its signature value (info).
pub const COUNTER_SIGNATURE_PRESENT: &str = "cms.counter_signature.present";
/// An `adbe.pkcs7.sha1` signature without the encapsulated document digest (error).
pub const ADBE_SHA1_NO_CONTENT: &str = "cms.adbe_sha1.no_content";
/// The SHA-1 document digest encapsulated by an `adbe.pkcs7.sha1` signature matches the document (passed).
pub const ADBE_SHA1_MATCH: &str = "cms.adbe_sha1.match";
/// The SHA-1 document digest encapsulated by an `adbe.pkcs7.sha1` signature does not match: the document changed (error).
pub const ADBE_SHA1_MISMATCH: &str = "cms.adbe_sha1.mismatch";
/// A timestamp token's eContentType is not id-ct-TSTInfo (error, `CmsError::NotTstInfo`).
pub const TSP_NOT_TST_INFO: &str = "tsp.not_tst_info";
/// A timestamp token does not have exactly one SignerInfo, RFC 3161 §2.4.1 (error).
pub const TSP_SIGNER_COUNT: &str = "tsp.signer_count";
/// The timestamp's imprint algorithm is not supported (warning).
pub const TSP_IMPRINT_ALGORITHM_UNSUPPORTED: &str = "tsp.imprint_algorithm.unsupported";
/// The timestamp's imprint algorithm is dated but accepted at its genTime (warning).
pub const TSP_IMPRINT_ALGORITHM_WEAK: &str = "tsp.imprint_algorithm.weak";
/// The timestamp's imprint algorithm is rejected by the policy at its genTime (error).
pub const TSP_IMPRINT_ALGORITHM_REJECTED: &str = "tsp.imprint_algorithm.rejected";
/// The timestamp's message imprint matches the data it stamps (passed).
pub const TSP_IMPRINT_MATCH: &str = "tsp.imprint.match";
/// The timestamp's message imprint does not match the data it should cover (error).
pub const TSP_IMPRINT_MISMATCH: &str = "tsp.imprint.mismatch";
/// The TSA certificate has the sole, critical timeStamping extended key usage (passed).
pub const TSP_TSA_EKU_OK: &str = "tsp.tsa_eku.ok";
/// The TSA certificate lacks the sole, critical timeStamping extended key usage, RFC 3161 §2.3 (warning).
pub const TSP_TSA_EKU_MISSING: &str = "tsp.tsa_eku.missing";
/// The TSA's own signingTime lies outside its certificate's validity: the token vouches for nothing (error).
pub const TSP_SIGNING_TIME_OUTSIDE_TSA_VALIDITY: &str = "tsp.signing_time.outside_tsa_validity";
/// The TSA's signature on the token is valid (passed).
pub const TSP_SIGNATURE_VALID: &str = "tsp.signature.valid";
/// The TSA's signature on the token could not be verified or is invalid (error).
pub const TSP_SIGNATURE_INVALID: &str = "tsp.signature.invalid";
