//! Finding codes of the XML signature profile (`xml.*`, `xades.*`). The values
//! are the JSON report's public API and never change; tests match them by value
//! through these constants. The facts' own codes (parse refusal, references,
//! signature value, XAdES properties) are `kyso_xmldsig::codes`, carried as they are.

/// The document could not be read by the secure parser (DTD, entities, limits, malformed XML): a structural failure of the document (error).
pub const XML_STRUCTURE_REFUSED: &str = "xml.document.refused";
/// An element named `Signature` outside the XML-DSig namespace was left aside (info).
pub const XML_OTHER_SIGNATURE_ELEMENT: &str = "xml.document.other_signature_element";
/// The signature container is malformed or unsafe (missing SignedInfo/SignatureValue, duplicate Id, unsigned XAdES SignedProperties) (error, format failure).
pub const XML_SIGNATURE_STRUCTURE: &str = "xml.dsig.structure_failure";
/// A reference could not be resolved or its data is not available, so what was signed is unknown (warning).
pub const XML_SIGNED_DATA_NOT_FOUND: &str = "xml.dsig.signed_data_not_found";
/// The signer's key is rejected by the algorithm policy (too short) (error).
pub const XML_KEY_WEAK: &str = "xml.dsig.key.weak";
/// A weak algorithm is accepted because a trusted timestamp proves the signature predates its sunset (info).
pub const XML_ALGORITHM_PROVEN_BEFORE_SUNSET: &str = "xml.dsig.algorithm.proven_before_sunset";
/// The XAdES signed properties are not covered by the signature: their signing time and signing certificate are not used (warning).
pub const XADES_CLAIMS_IGNORED: &str = "xades.signed_properties.claims_ignored";
/// The XAdES SigningTime is the signer's claim, not a proof (info).
pub const XADES_CLAIMED_TIME: &str = "xades.signing_time.claimed";
