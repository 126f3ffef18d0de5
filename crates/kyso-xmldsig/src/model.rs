//! The facts reported per signature.

use kyso_crypto::{DigestAlg, SignatureAlg};
use kyso_report::{Finding, Time};

/// Everything found in one XML document.
#[derive(Debug, Clone, Default)]
pub struct XmlDsigReport {
    /// The secure parser refused the document (DTD with entities, limits,
    /// malformed XML); nothing else was looked at.
    pub parse_error: Option<kyso_xml::XmlError>,
    /// One entry per element named `Signature`, in document order
    /// (including those that are not XML-DSig, with `is_xmldsig == false`).
    pub signatures: Vec<SignatureResult>,
    /// Document-level findings (parse refusal, no signature).
    pub findings: Vec<Finding>,
}

/// Where an element is, for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ElementRef {
    /// Qualified name as written (`ds:Object`, `Invoice`).
    pub name: String,
    /// Namespace URI.
    pub namespace: Option<String>,
    /// Its `Id`/`ID`/`id`/`xml:id`, if any.
    pub id: Option<String>,
    /// XPath-like location, e.g. `/Invoice/ds:Signature`.
    pub path: String,
}

/// What a reference covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// `URI=""` or `#xpointer(/)`: the whole document (the root element named).
    WholeDocument(ElementRef),
    /// `#id`: one element and its content.
    Element(ElementRef),
    /// A URI outside the document, and whether the caller supplied its bytes.
    External {
        /// The URI.
        uri: String,
        /// The caller's resolver returned the bytes.
        resolved: bool,
    },
    /// Nothing could be resolved (see the reference's findings).
    Unresolved,
}

/// One `ds:Reference`.
#[derive(Debug, Clone)]
pub struct ReferenceResult {
    /// `URI` attribute (None when absent).
    pub uri: Option<String>,
    /// `Id` attribute.
    pub id: Option<String>,
    /// `Type` attribute.
    pub type_uri: Option<String>,
    /// What it covers.
    pub coverage: Coverage,
    /// Transform algorithm URIs in order.
    pub transforms: Vec<String>,
    /// DigestMethod URI.
    pub digest_method: String,
    /// The digest algorithm, when supported.
    pub digest_alg: Option<DigestAlg>,
    /// The digest computed equals DigestValue (None: not computed).
    pub digest_ok: Option<bool>,
    /// Type is XAdES SignedProperties (or it covers the SignedProperties element).
    pub is_signed_properties: bool,
}

/// XAdES level guessed from the properties present (ETSI EN 319 132-1 baseline names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum XadesLevel {
    /// Signed properties (signing certificate) only.
    B,
    /// With a signature timestamp.
    T,
    /// With certificate and revocation values.
    Lt,
    /// With an archive timestamp.
    Lta,
}

/// A timestamp found in the unsigned properties.
#[derive(Debug, Clone, Default)]
pub struct TimestampFacts {
    /// Element local name (`SignatureTimeStamp`, `ArchiveTimeStamp`...).
    pub kind: String,
    /// genTime of the token.
    pub gen_time: Option<Time>,
    /// The imprint equals the digest of the canonicalized covered data (checked
    /// for SignatureTimeStamp only).
    pub imprint_matches: Option<bool>,
    /// The token's TSA signature verifies (kyso-cms).
    pub token_valid: Option<bool>,
    /// DER of the token (for path validation of the TSA by the caller).
    pub token_der: Vec<u8>,
    /// The bytes the imprint covers (the canonicalized `ds:SignatureValue`
    /// for a SignatureTimeStamp), so that the caller can verify the token
    /// again with its own trust store; empty when not computed.
    pub imprint_input: Vec<u8>,
    /// Findings of kyso-cms about the token (`tsp.*`).
    pub findings: Vec<Finding>,
}

/// XAdES qualifying properties.
#[derive(Debug, Clone, Default)]
pub struct XadesFacts {
    /// Namespace of QualifyingProperties (`http://uri.etsi.org/01903/v1.3.2#`...).
    pub namespace: String,
    /// SignedProperties element, when present.
    pub signed_properties: Option<ElementRef>,
    /// A reference of SignedInfo covers SignedProperties with a matching digest.
    pub signed_properties_signed: bool,
    /// SigningCertificate(V2) digest matches the signer certificate (None: absent or no signer).
    pub signing_certificate_ok: Option<bool>,
    /// `SigningCertificate` (v1) or `SigningCertificateV2`.
    pub signing_certificate_version: Option<u8>,
    /// SigningTime as written.
    pub signing_time_text: Option<String>,
    /// SigningTime parsed (RFC 3339).
    pub signing_time: Option<Time>,
    /// SignaturePolicyIdentifier: the policy identifier, or `implied`.
    pub signature_policy: Option<String>,
    /// Timestamps in the unsigned properties.
    pub timestamps: Vec<TimestampFacts>,
    /// DER certificates of `CertificateValues` (and of 1.4.1
    /// `TimeStampValidationData`): validation data the signer embedded (XAdES-LT).
    pub certificate_values: Vec<Vec<u8>>,
    /// DER CRLs of `RevocationValues/CRLValues` (and `TimeStampValidationData`).
    pub crl_values: Vec<Vec<u8>>,
    /// DER OCSP responses of `RevocationValues/OCSPValues` (and `TimeStampValidationData`).
    pub ocsp_values: Vec<Vec<u8>>,
    /// Local names of the unsigned signature properties present, in order.
    pub unsigned_properties: Vec<String>,
    /// Level guessed from what is present.
    pub level: Option<XadesLevel>,
}

/// Facts about one signature.
#[derive(Debug, Clone, Default)]
pub struct SignatureResult {
    /// The `Signature` element.
    pub element: ElementRef,
    /// In the XML-DSig namespace. When false, nothing else was read.
    pub is_xmldsig: bool,
    /// CanonicalizationMethod URI of SignedInfo.
    pub canonicalization: Option<String>,
    /// SignatureMethod URI.
    pub signature_method: Option<String>,
    /// The resolved signature algorithm.
    pub signature_alg: Option<SignatureAlg>,
    /// References of SignedInfo.
    pub references: Vec<ReferenceResult>,
    /// Every reference resolved and its digest matched.
    pub all_references_ok: bool,
    /// The signature value verifies over the canonicalized SignedInfo (None: not checked).
    pub signature_value_ok: Option<bool>,
    /// DER of the signer certificate (the KeyInfo certificate whose key verified,
    /// else the chain's leaf).
    pub signer_certificate: Option<Vec<u8>>,
    /// DER of every certificate in KeyInfo (signer included), in document order.
    pub certificates: Vec<Vec<u8>>,
    /// The signature value was made by a KeyInfo key over another SignedInfo
    /// (RSA PKCS#1 v1.5, whose signed digest can be recovered): SignedInfo
    /// was changed after signing.
    pub signed_info_changed: bool,
    /// The key was given by the caller, not taken from KeyInfo.
    pub key_from_caller: bool,
    /// A digest or signature algorithm is rejected by policy (MD5).
    pub algorithm_rejected: bool,
    /// A digest or signature algorithm is weak (SHA-1).
    pub algorithm_weak: bool,
    /// XAdES properties.
    pub xades: Option<XadesFacts>,
    /// Every check, in order.
    pub findings: Vec<Finding>,
}

impl SignatureResult {
    /// Intact: every reference digest and the signature value verify, and (for
    /// XAdES) SignedProperties are signed and the signing certificate matches.
    /// Says nothing about trust or policy.
    pub fn is_intact(&self) -> bool {
        self.is_xmldsig
            && self.all_references_ok
            && self.signature_value_ok == Some(true)
            && self.xades.as_ref().is_none_or(|x| {
                x.signed_properties_signed && x.signing_certificate_ok != Some(false)
            })
    }
}
