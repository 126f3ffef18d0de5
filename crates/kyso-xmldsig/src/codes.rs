//! Finding codes of this crate (`xml.*`, `xades.*`). Tests match them by value.

/// The document could not be read by the secure parser (see `kyso_xml::XmlError::code`
/// for the precise `xml.parse.*` code, carried in the finding).
pub const PARSE_REFUSED: &str = "xml.parse.refused";
/// No element named Signature in the XML-DSig namespace.
pub const NO_SIGNATURE: &str = "xml.dsig.none";
/// An element named `Signature` outside the XML-DSig namespace (e.g. edXML's
/// default namespace): not an XML-DSig signature.
pub const NOT_XMLDSIG: &str = "xml.dsig.not_xmldsig";
/// A required element of the signature is missing or malformed.
pub const MALFORMED: &str = "xml.dsig.malformed";
/// The canonicalization method of SignedInfo is unknown.
pub const C14N_UNSUPPORTED: &str = "xml.dsig.c14n.unsupported";
/// The signature method is unknown or not implemented.
pub const SIGNATURE_METHOD_UNSUPPORTED: &str = "xml.dsig.signature_method.unsupported";
/// A digest method is unknown or not implemented.
pub const DIGEST_METHOD_UNSUPPORTED: &str = "xml.dsig.digest_method.unsupported";
/// An algorithm is rejected by the policy (MD5).
pub const ALGORITHM_REJECTED: &str = "xml.dsig.algorithm.rejected";
/// An algorithm is weak (SHA-1): acceptable only with proof that the signature predates its sunset.
pub const ALGORITHM_WEAK: &str = "xml.dsig.algorithm.weak";
/// A reference's digest matches.
pub const REFERENCE_DIGEST_OK: &str = "xml.dsig.reference.digest_ok";
/// A reference's digest does not match: the referenced data changed.
pub const REFERENCE_DIGEST_MISMATCH: &str = "xml.dsig.reference.digest_mismatch";
/// A `#id` reference matches no element.
pub const REFERENCE_NOT_FOUND: &str = "xml.dsig.reference.not_found";
/// A `#id` reference matches more than one element (signature wrapping).
pub const REFERENCE_DUPLICATE_ID: &str = "xml.dsig.reference.duplicate_id";
/// A reference to data outside the document: the file is needed.
pub const REFERENCE_DETACHED: &str = "xml.dsig.reference.detached";
/// A transform is unknown or used in a form Kyso does not evaluate.
pub const TRANSFORM_UNSUPPORTED: &str = "xml.dsig.transform.unsupported";
/// A transform failed on its input (bad base64, XML that does not parse...).
pub const TRANSFORM_FAILED: &str = "xml.dsig.transform.failed";
/// The signature value verifies over the canonicalized SignedInfo.
pub const SIGNATURE_VALID: &str = "xml.dsig.signature.valid";
/// The signature value does not verify.
pub const SIGNATURE_INVALID: &str = "xml.dsig.signature.invalid";
/// The signature value was made with a KeyInfo key over another SignedInfo: SignedInfo changed after signing.
pub const SIGNED_INFO_CHANGED: &str = "xml.dsig.signed_info.changed";
/// The signature value could not be checked (no key, unsupported key or algorithm).
pub const SIGNATURE_NOT_CHECKED: &str = "xml.dsig.signature.not_checked";
/// No certificate or key to verify with.
pub const NO_KEY: &str = "xml.dsig.key.missing";
/// A certificate in KeyInfo does not parse.
pub const BAD_CERTIFICATE: &str = "xml.dsig.key.bad_certificate";
/// The signed element, for the reader (which part of the document the signature covers).
pub const SIGNED_ELEMENT: &str = "xml.dsig.signed_element";

/// XAdES QualifyingProperties found; the level guessed from them.
pub const XADES_LEVEL: &str = "xades.level";
/// QualifyingProperties' `Target` does not name this signature's Id: the
/// properties may have been copied from another signature.
pub const XADES_TARGET_MISMATCH: &str = "xades.target_mismatch";
/// XAdES QualifyingProperties present but no reference covers SignedProperties.
pub const XADES_SIGNED_PROPERTIES_NOT_SIGNED: &str = "xades.signed_properties.not_signed";
/// SigningCertificate(V2) digest matches the signer certificate.
pub const XADES_SIGNING_CERT_OK: &str = "xades.signing_certificate.match";
/// SigningCertificate(V2) names another certificate than the one that signed.
pub const XADES_SIGNING_CERT_MISMATCH: &str = "xades.signing_certificate.mismatch";
/// SignedProperties have neither SigningCertificate nor SigningCertificateV2.
pub const XADES_SIGNING_CERT_MISSING: &str = "xades.signing_certificate.missing";
/// The claimed signing time (SigningTime).
pub const XADES_SIGNING_TIME: &str = "xades.signing_time";
/// A signature policy is named (SignaturePolicyIdentifier).
pub const XADES_POLICY: &str = "xades.signature_policy";
/// A SignatureTimeStamp whose imprint matches the canonicalized SignatureValue.
pub const XADES_TIMESTAMP_OK: &str = "xades.signature_timestamp.valid";
/// A SignatureTimeStamp that does not match or does not verify.
pub const XADES_TIMESTAMP_INVALID: &str = "xades.signature_timestamp.invalid";
/// Unsigned properties present (CertificateValues, RevocationValues, ArchiveTimeStamp...).
pub const XADES_UNSIGNED_PROPERTIES: &str = "xades.unsigned_properties";
