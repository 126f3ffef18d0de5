//! Object identifiers of RFC 5652, RFC 3161, RFC 2634/5035 (ESS) and Adobe.

use const_oid::ObjectIdentifier as Oid;

/// id-data (RFC 5652 §4).
pub const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
/// id-signedData (RFC 5652 §5.1).
pub const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
/// id-ct-TSTInfo (RFC 3161 §2.4.2).
pub const ID_CT_TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// id-contentType attribute (RFC 5652 §11.1).
pub const ATTR_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
/// id-messageDigest attribute (RFC 5652 §11.2).
pub const ATTR_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
/// id-signingTime attribute (RFC 5652 §11.3).
pub const ATTR_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// id-countersignature attribute (RFC 5652 §11.4).
pub const ATTR_COUNTER_SIGNATURE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.6");
/// id-aa-signingCertificate (RFC 2634 §5.4).
pub const ATTR_SIGNING_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.12");
/// id-aa-signingCertificateV2 (RFC 5035 §3).
pub const ATTR_SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// id-aa-signatureTimeStampToken (RFC 3161 Appendix A).
pub const ATTR_SIGNATURE_TIMESTAMP: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// id-aa-ets-contentTimestamp (RFC 5126 §5.11.4, ETSI EN 319 122-1 §5.2.8): a
/// signed attribute whose token's imprint covers the signed content.
pub const ATTR_CONTENT_TIMESTAMP: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.20");
/// id-aa-ets-archiveTimestampV2 (RFC 5126 §6.4.1): CAdES-A, an unsigned attribute.
pub const ATTR_ARCHIVE_TIMESTAMP_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.48");
/// id-aa-ets-archiveTimestampV3 (ETSI EN 319 122-1 §5.5.3): CAdES-B-LTA, an unsigned attribute.
pub const ATTR_ARCHIVE_TIMESTAMP_V3: Oid = Oid::new_unwrap("0.4.0.1733.2.4");
/// adbe-revocationInfoArchival (ISO 32000-1 §12.8.3.3.2).
pub const ATTR_ADBE_REVOCATION: Oid = Oid::new_unwrap("1.2.840.113583.1.1.8");
/// id-ri-ocsp-response (RFC 5940 §4): OCSP response in `OtherRevocationInfoFormat`.
pub const RI_OCSP_RESPONSE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.16.2");
/// id-kp-timeStamping (RFC 5280 §4.2.1.12).
pub const KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
/// id-ce-subjectKeyIdentifier.
pub const CE_SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
/// id-ce-extKeyUsage.
pub const CE_EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
