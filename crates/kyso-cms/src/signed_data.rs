//! `ContentInfo` / `SignedData` (RFC 5652 §3, §5.1–§5.3), read with the bounded
//! BER reader and kept as raw bytes wherever a signature or digest covers them.

use crate::ber::{self, Class, Reader, Tlv};
use crate::{codes, oids, CmsError, Limits};
use const_oid::ObjectIdentifier;
use der::Decode;
use kyso_report::Finding;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// An embedded certificate: the DER as received, its parsed form, and the
/// fields signer matching needs, read from the raw bytes so that a certificate
/// `x509-cert` refuses (non-DER quirks of real CAs) can still be matched.
#[derive(Debug, Clone)]
pub struct CertDer {
    /// The certificate exactly as embedded.
    pub der: Vec<u8>,
    /// Parsed with `x509-cert` (strict DER); `None` if it refused the encoding.
    pub parsed: Option<x509_cert::Certificate>,
    /// Raw DER of `tbsCertificate.issuer`.
    pub issuer_der: Vec<u8>,
    /// Raw DER of `tbsCertificate.subject`.
    pub subject_der: Vec<u8>,
    /// Serial number INTEGER content octets (leading zero normalised away).
    pub serial: Vec<u8>,
    /// Raw DER of `subjectPublicKeyInfo`.
    pub spki_der: Vec<u8>,
    /// subjectKeyIdentifier extension value, if present.
    pub subject_key_id: Option<Vec<u8>>,
    /// extKeyUsage OIDs and whether the extension is critical, if present.
    pub ext_key_usage: Option<(Vec<ObjectIdentifier>, bool)>,
}

impl CertDer {
    /// Read a certificate from its DER.
    pub fn from_der(der: &[u8]) -> Result<CertDer, CmsError> {
        let (tlv, rest) = ber::read_tlv(der, 0)?;
        if !rest.is_empty() {
            return Err(CmsError::Structure("certificate: trailing data".into()));
        }
        let mut cert = tlv.sequence("certificate")?;
        let tbs_tlv = cert.expect("tbsCertificate")?;
        let mut tbs = tbs_tlv.sequence("tbsCertificate")?;
        tbs.next_if(|t| t.is(Class::Context, true, 0))?;
        let serial = tbs.expect("serialNumber")?;
        if !serial.is(Class::Universal, false, ber::INTEGER) {
            return Err(CmsError::Structure(
                "certificate serialNumber is not an INTEGER".into(),
            ));
        }
        let _sig_alg = tbs.expect("signature")?;
        let issuer = tbs.expect("issuer")?;
        let _validity = tbs.expect("validity")?;
        let subject = tbs.expect("subject")?;
        let spki = tbs.expect("subjectPublicKeyInfo")?;
        let mut subject_key_id = None;
        let mut ext_key_usage = None;
        while let Some(t) = tbs.next_tlv()? {
            if !t.is(Class::Context, true, 3) {
                continue;
            }
            let mut exts = t.children().expect("extensions")?.sequence("extensions")?;
            while let Some(ext) = exts.next_tlv()? {
                let mut e = ext.sequence("extension")?;
                // An extension OID `const-oid` refuses is none of the two read here.
                let Ok(id) = ber::oid(&e.expect("extnID")?) else {
                    continue;
                };
                let mut critical = false;
                if let Some(b) = e.next_if(|t| t.is_universal(ber::BOOLEAN))? {
                    critical = b.content.first().copied().unwrap_or(0) != 0;
                }
                let value = e.expect("extnValue")?;
                if id == oids::CE_SUBJECT_KEY_IDENTIFIER {
                    if let Ok((inner, _)) = ber::read_tlv(value.content, 0) {
                        if inner.is_universal(ber::OCTET_STRING) && !inner.constructed {
                            subject_key_id = Some(inner.content.to_vec());
                        }
                    }
                } else if id == oids::CE_EXT_KEY_USAGE {
                    let mut list = Vec::new();
                    if let Ok((inner, _)) = ber::read_tlv(value.content, 0) {
                        let mut r = inner.children();
                        while let Ok(Some(o)) = r.next_tlv() {
                            if let Ok(o) = ber::oid(&o) {
                                list.push(o);
                            }
                            if list.len() > 64 {
                                break;
                            }
                        }
                    }
                    ext_key_usage = Some((list, critical));
                }
            }
        }
        Ok(CertDer {
            der: tlv.raw.to_vec(),
            parsed: x509_cert::Certificate::from_der(tlv.raw).ok(),
            issuer_der: issuer.raw.to_vec(),
            subject_der: subject.raw.to_vec(),
            serial: ber::normalize_integer(serial.content).to_vec(),
            spki_der: spki.raw.to_vec(),
            subject_key_id,
            ext_key_usage,
        })
    }

    /// The public key, decoded.
    pub fn spki(&self) -> Option<SubjectPublicKeyInfoOwned> {
        SubjectPublicKeyInfoOwned::from_der(&self.spki_der).ok()
    }

    /// Subject common name for messages (falls back to the whole subject).
    pub fn subject_display(&self) -> String {
        match &self.parsed {
            Some(c) => {
                let subject = &c.tbs_certificate.subject;
                for rdn in subject.0.iter() {
                    for atv in rdn.0.iter() {
                        if atv.oid == const_oid::db::rfc4519::CN {
                            if let Some(s) = any_string(&atv.value) {
                                return s;
                            }
                        }
                    }
                }
                subject.to_string()
            }
            None => "?".into(),
        }
    }

    /// SHA-256 of the DER, uppercase hex.
    pub fn sha256_hex(&self) -> String {
        ber::hex_upper(&kyso_crypto::DigestAlg::Sha256.digest(&self.der))
    }
}

fn any_string(v: &der::Any) -> Option<String> {
    use der::{Tag, Tagged};
    match v.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            String::from_utf8(v.value().to_vec()).ok()
        }
        Tag::BmpString => {
            let b = v.value();
            if b.len() % 2 != 0 {
                return None;
            }
            let units: Vec<u16> = b
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

/// An entry of `otherRevInfo` (RFC 5652 §10.2.1), e.g. an OCSP response (RFC 5940).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherRevocation {
    /// `otherRevInfoFormat`.
    pub format: ObjectIdentifier,
    /// Raw DER of `otherRevInfo`.
    pub der: Vec<u8>,
}

/// `SignerIdentifier` (RFC 5652 §5.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerIdentifier {
    /// `issuerAndSerialNumber`.
    IssuerAndSerial {
        /// Raw DER of the issuer Name.
        issuer_der: Vec<u8>,
        /// Serial INTEGER content octets, normalised.
        serial: Vec<u8>,
    },
    /// `subjectKeyIdentifier` ([0] IMPLICIT).
    SubjectKeyId(Vec<u8>),
}

/// `Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// `attrType`.
    pub oid: ObjectIdentifier,
    /// Each `AttributeValue`, its whole element as received.
    pub values: Vec<Vec<u8>>,
}

/// A `SignerInfo` (RFC 5652 §5.3), with the raw bytes that were signed.
#[derive(Debug, Clone)]
pub struct SignerInfoView {
    /// `version` (1 for issuerAndSerialNumber, 3 for subjectKeyIdentifier).
    pub version: u64,
    /// `sid`.
    pub sid: SignerIdentifier,
    /// `digestAlgorithm`.
    pub digest_algorithm: AlgorithmIdentifierOwned,
    /// `signedAttrs` element exactly as received, starting with its `[0]` tag
    /// (`0xA0`); the signature covers it with the tag replaced by SET OF (RFC 5652 §5.4).
    pub signed_attrs_raw: Option<Vec<u8>>,
    /// The signed attributes, parsed.
    pub signed_attrs: Vec<Attribute>,
    /// `signatureAlgorithm`.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// `signature`.
    pub signature: Vec<u8>,
    /// The unsigned attributes, parsed.
    pub unsigned_attrs: Vec<Attribute>,
}

impl SignerInfoView {
    /// The value of the `messageDigest` signed attribute (RFC 5652 §11.2):
    /// what the signer says the digest of the content is. `None` when there
    /// are no signed attributes or the attribute is missing, repeated, or
    /// not one OCTET STRING. Only a claim: [`crate::verify_signer`] compares
    /// it with the digest of the content.
    pub fn claimed_message_digest(&self) -> Option<&[u8]> {
        crate::attrs::single(&self.signed_attrs, &oids::ATTR_MESSAGE_DIGEST)
            .ok()
            .flatten()
            .and_then(|v| ber::read_tlv(v, 0).ok())
            .filter(|(t, _)| t.is(Class::Universal, false, ber::OCTET_STRING))
            .map(|(t, _)| t.content)
    }
}

/// A parsed `SignedData`, with the raw DER of everything signed.
#[derive(Debug, Clone)]
pub struct SignedDataView {
    raw: Vec<u8>,
    version: u64,
    digest_algorithms: Vec<AlgorithmIdentifierOwned>,
    content_type: ObjectIdentifier,
    econtent: Option<Vec<u8>>,
    certificates: Vec<CertDer>,
    crls: Vec<Vec<u8>>,
    other_revocation: Vec<OtherRevocation>,
    signer_infos: Vec<SignerInfoView>,
    findings: Vec<Finding>,
}

impl SignedDataView {
    /// The countersignatures (RFC 5652 §11.4) in the unsigned attributes of
    /// SignerInfo `index`, each read as a SignerInfo (an unreadable one is an
    /// error value). Countersignatures of countersignatures are in their own
    /// unsigned attributes: call [`counter_signers_of`] on them.
    pub fn counter_signers(&self, index: usize) -> Vec<Result<SignerInfoView, CmsError>> {
        self.signer_infos
            .get(index)
            .map(counter_signers_of)
            .unwrap_or_default()
    }

    /// The `ContentInfo` element as received (padding removed).
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }
    /// `SignedData.version`.
    pub fn version(&self) -> u64 {
        self.version
    }
    /// `digestAlgorithms`.
    pub fn digest_algorithms(&self) -> &[AlgorithmIdentifierOwned] {
        &self.digest_algorithms
    }
    /// Embedded certificates (`certificates`, only the X.509 `Certificate` choice).
    pub fn certificates(&self) -> &[CertDer] {
        &self.certificates
    }
    /// Raw CRLs (`crls`, `CertificateList` choice).
    pub fn crls(&self) -> &[Vec<u8>] {
        &self.crls
    }
    /// `otherRevInfo` entries (all formats).
    pub fn other_revocation(&self) -> &[OtherRevocation] {
        &self.other_revocation
    }
    /// OCSP responses carried as `id-ri-ocsp-response` (RFC 5940).
    pub fn ocsp_responses(&self) -> impl Iterator<Item = &[u8]> {
        self.other_revocation
            .iter()
            .filter(|o| o.format == oids::RI_OCSP_RESPONSE)
            .map(|o| o.der.as_slice())
    }
    /// Number of SignerInfos.
    pub fn signer_count(&self) -> usize {
        self.signer_infos.len()
    }
    /// The SignerInfos.
    pub fn signer_infos(&self) -> &[SignerInfoView] {
        &self.signer_infos
    }
    /// `eContent` (for an enveloping signature, `adbe.pkcs7.sha1`, timestamp tokens).
    pub fn encapsulated_content(&self) -> Option<&[u8]> {
        self.econtent.as_deref()
    }
    /// `eContentType`.
    pub fn content_type(&self) -> ObjectIdentifier {
        self.content_type
    }
    /// Observations made while parsing (padding, BER, unreadable certificates).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
}

/// Parse a `ContentInfo` holding `SignedData` (RFC 5652 §3, §5.1).
///
/// Accepts a PDF `/Contents` value: the first complete element is taken and
/// the zero-filled remainder ignored (ISO 32000-1 §12.8.1); anything non-zero
/// after the element is reported as a warning finding.
pub fn parse_signed_data(der: &[u8], limits: &Limits) -> Result<SignedDataView, CmsError> {
    if der.iter().all(|&b| b == 0) {
        return Err(CmsError::Empty);
    }
    let (ci, trailing) = ber::read_tlv(der, 0)?;
    if ci.raw.len() > limits.max_der_len {
        return Err(CmsError::LimitExceeded("CMS size"));
    }
    let mut findings = Vec::new();
    if !trailing.iter().all(|&b| b == 0) {
        findings.push(Finding::warning(
            codes::TRAILING_DATA,
            format!(
                "Sau khối chữ ký CMS có {} byte dữ liệu lạ (không phải số 0 đệm).",
                trailing.len()
            ),
            format!(
                "{} bytes of non-zero data follow the CMS structure (expected only zero padding).",
                trailing.len()
            ),
        ));
    }
    if ber::uses_indefinite(ci.raw, 0) {
        findings.push(Finding::info(
            codes::BER_ENCODING,
            "Khối CMS dùng mã hóa BER (độ dài không xác định); vẫn đọc được theo RFC 5652.",
            "The CMS structure uses BER (indefinite lengths), which RFC 5652 permits.",
        ));
    }
    // ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY DEFINED BY contentType }
    let mut r = ci.sequence("ContentInfo")?;
    let ct = ber::oid(&r.expect("contentType")?)?;
    if ct != oids::ID_SIGNED_DATA {
        return Err(CmsError::NotSignedData(ct.to_string()));
    }
    let explicit = r.expect("content")?;
    if !explicit.is(Class::Context, true, 0) {
        return Err(CmsError::Structure("ContentInfo.content is not [0]".into()));
    }
    let mut inner = explicit.children();
    let sd = inner.expect("SignedData")?;
    inner.finish("ContentInfo.content")?;
    let mut view = read_signed_data(&sd, limits)?;
    view.raw = ci.raw.to_vec();
    findings.append(&mut view.findings);
    view.findings = findings;
    Ok(view)
}

fn read_signed_data(sd: &Tlv<'_>, limits: &Limits) -> Result<SignedDataView, CmsError> {
    let mut findings = Vec::new();
    let mut r = sd.sequence("SignedData")?;
    let version = ber::small_uint(&r.expect("SignedData.version")?)?;
    let algs_tlv = r.expect("digestAlgorithms")?;
    if !algs_tlv.is(Class::Universal, true, ber::SET) {
        return Err(CmsError::Structure("digestAlgorithms is not a SET".into()));
    }
    let mut digest_algorithms = Vec::new();
    let mut ar = algs_tlv.children();
    while let Some(a) = ar.next_tlv()? {
        if digest_algorithms.len() >= limits.max_signer_infos * 2 {
            return Err(CmsError::LimitExceeded("digestAlgorithms count"));
        }
        digest_algorithms.push(alg_id(&a)?);
    }

    // EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
    let eci = r.expect("encapContentInfo")?;
    let mut er = eci.sequence("encapContentInfo")?;
    let content_type = ber::oid(&er.expect("eContentType")?)?;
    let mut econtent = None;
    if let Some(ec) = er.next_tlv()? {
        if !ec.is(Class::Context, true, 0) {
            return Err(CmsError::Structure("eContent is not [0]".into()));
        }
        let mut ecr = ec.children();
        let os = ecr.expect("eContent")?;
        ecr.finish("eContent")?;
        if os.is_universal(ber::OCTET_STRING) {
            econtent = Some(ber::octet_string(&os, limits.max_der_len)?);
        } else {
            // PKCS #7 v1.5 (RFC 2315 §7) allowed any type here; its digest covers the
            // contents octets of the element (RFC 2315 §9.3).
            findings.push(Finding::info(
                codes::ECONTENT_NOT_OCTET_STRING,
                "Nội dung đóng gói theo kiểu PKCS #7 cũ (không phải OCTET STRING).",
                "The encapsulated content uses the PKCS #7 v1.5 form (not an OCTET STRING).",
            ));
            econtent = Some(os.content.to_vec());
        }
    }
    er.finish("encapContentInfo")?;

    let mut certificates = Vec::new();
    let mut crls = Vec::new();
    let mut other_revocation = Vec::new();
    if let Some(certs) = r.next_if(|t| t.is(Class::Context, true, 0))? {
        let mut cr = certs.children();
        let mut unreadable = 0usize;
        while let Some(c) = cr.next_tlv()? {
            if certificates.len() + unreadable >= limits.max_certificates {
                return Err(CmsError::LimitExceeded("certificate count"));
            }
            // CertificateChoices: only `certificate` (a SEQUENCE); attribute
            // certificates and `other` are skipped.
            if !c.is(Class::Universal, true, ber::SEQUENCE) {
                continue;
            }
            match CertDer::from_der(c.raw) {
                Ok(cd) => {
                    if cd.parsed.is_none() {
                        findings.push(Finding::info(
                            codes::CERTIFICATE_NOT_DER,
                            "Một chứng thư số nhúng không theo đúng mã hóa DER; vẫn dùng được để đối chiếu người ký.",
                            "An embedded certificate is not strict DER; it is still used to identify the signer.",
                        ));
                    }
                    certificates.push(cd);
                }
                Err(e) => {
                    unreadable += 1;
                    findings.push(Finding::warning(
                        codes::CERTIFICATE_UNREADABLE,
                        "Một chứng thư số nhúng trong chữ ký không đọc được và bị bỏ qua.",
                        format!("An embedded certificate could not be read and was skipped: {e}."),
                    ));
                }
            }
        }
    }
    if let Some(revs) = r.next_if(|t| t.is(Class::Context, true, 1))? {
        let mut rr = revs.children();
        while let Some(c) = rr.next_tlv()? {
            if crls.len() + other_revocation.len() >= limits.max_crls {
                return Err(CmsError::LimitExceeded("revocation entry count"));
            }
            if c.is(Class::Universal, true, ber::SEQUENCE) {
                crls.push(c.raw.to_vec());
            } else if c.is(Class::Context, true, 1) {
                // other [1] IMPLICIT OtherRevocationInfoFormat { otherRevInfoFormat OID, otherRevInfo ANY }
                let mut o = c.children();
                let format = ber::oid(&o.expect("otherRevInfoFormat")?)?;
                let info = o.expect("otherRevInfo")?;
                other_revocation.push(OtherRevocation {
                    format,
                    der: info.raw.to_vec(),
                });
            }
        }
    }
    let sis = r.expect("signerInfos")?;
    if !sis.is(Class::Universal, true, ber::SET) {
        return Err(CmsError::Structure("signerInfos is not a SET".into()));
    }
    r.finish("SignedData")?;
    let mut signer_infos = Vec::new();
    let mut sr = sis.children();
    while let Some(si) = sr.next_tlv()? {
        if signer_infos.len() >= limits.max_signer_infos {
            return Err(CmsError::LimitExceeded("SignerInfo count"));
        }
        signer_infos.push(read_signer_info(&si, limits)?);
    }
    Ok(SignedDataView {
        raw: Vec::new(),
        version,
        digest_algorithms,
        content_type,
        econtent,
        certificates,
        crls,
        other_revocation,
        signer_infos,
        findings,
    })
}

pub(crate) fn alg_id(t: &Tlv<'_>) -> Result<AlgorithmIdentifierOwned, CmsError> {
    AlgorithmIdentifierOwned::from_der(t.raw)
        .map_err(|e| CmsError::Structure(format!("AlgorithmIdentifier: {e}")))
}

fn read_attributes(set: &Tlv<'_>, limits: &Limits) -> Result<Vec<Attribute>, CmsError> {
    let mut out = Vec::new();
    let mut r = set.children();
    while let Some(a) = r.next_tlv()? {
        if out.len() >= limits.max_attributes {
            return Err(CmsError::LimitExceeded("attribute count"));
        }
        let mut ar = a.sequence("Attribute")?;
        let oid_tlv = ar.expect("attrType")?;
        let vals = ar.expect("attrValues")?;
        ar.finish("Attribute")?;
        if !vals.is(Class::Universal, true, ber::SET) {
            return Err(CmsError::Structure("attrValues is not a SET".into()));
        }
        // An attribute type `const-oid` cannot represent is none Kyso interprets;
        // it stays covered by the raw signed bytes, so it is skipped, not fatal.
        let oid = match ber::oid(&oid_tlv) {
            Ok(o) => o,
            Err(_) => {
                ber::oid_dotted(&oid_tlv)?;
                continue;
            }
        };
        let mut values = Vec::new();
        let mut vr = vals.children();
        while let Some(v) = vr.next_tlv()? {
            if values.len() >= limits.max_attribute_values {
                return Err(CmsError::LimitExceeded("attribute value count"));
            }
            values.push(v.raw.to_vec());
        }
        out.push(Attribute { oid, values });
    }
    Ok(out)
}

/// The countersignatures in `si`'s unsigned attributes (RFC 5652 §11.4), each
/// read as a SignerInfo within the default limits.
pub fn counter_signers_of(si: &SignerInfoView) -> Vec<Result<SignerInfoView, CmsError>> {
    let limits = Limits::default();
    si.unsigned_attrs
        .iter()
        .filter(|a| a.oid == oids::ATTR_COUNTER_SIGNATURE)
        .flat_map(|a| a.values.iter())
        .map(|v| {
            let (tlv, _) = ber::read_tlv(v, 0)?;
            read_signer_info(&tlv, &limits)
        })
        .collect()
}

fn read_signer_info(si: &Tlv<'_>, limits: &Limits) -> Result<SignerInfoView, CmsError> {
    let mut r: Reader<'_> = si.sequence("SignerInfo")?;
    let version = ber::small_uint(&r.expect("SignerInfo.version")?)?;
    let sid_tlv = r.expect("sid")?;
    let sid = if sid_tlv.is(Class::Universal, true, ber::SEQUENCE) {
        // IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber }
        let mut ir = sid_tlv.children();
        let issuer = ir.expect("issuer")?;
        let serial = ir.expect("serialNumber")?;
        if !serial.is(Class::Universal, false, ber::INTEGER) {
            return Err(CmsError::Structure(
                "sid serialNumber is not an INTEGER".into(),
            ));
        }
        SignerIdentifier::IssuerAndSerial {
            issuer_der: issuer.raw.to_vec(),
            serial: ber::normalize_integer(serial.content).to_vec(),
        }
    } else if sid_tlv.is_context(0) {
        // [0] IMPLICIT SubjectKeyIdentifier (OCTET STRING); BER may segment it.
        let as_os = Tlv {
            class: Class::Universal,
            number: ber::OCTET_STRING,
            ..sid_tlv
        };
        SignerIdentifier::SubjectKeyId(ber::octet_string(&as_os, 1024)?)
    } else {
        return Err(CmsError::Structure(
            "unknown SignerIdentifier choice".into(),
        ));
    };
    let digest_algorithm = alg_id(&r.expect("digestAlgorithm")?)?;
    let mut signed_attrs_raw = None;
    let mut signed_attrs = Vec::new();
    if let Some(sa) = r.next_if(|t| t.is(Class::Context, true, 0))? {
        signed_attrs = read_attributes(&sa, limits)?;
        signed_attrs_raw = Some(sa.raw.to_vec());
    }
    let signature_algorithm = alg_id(&r.expect("signatureAlgorithm")?)?;
    let sig = r.expect("signature")?;
    let signature = ber::octet_string(&sig, 64 * 1024)?;
    let mut unsigned_attrs = Vec::new();
    if let Some(ua) = r.next_if(|t| t.is(Class::Context, true, 1))? {
        unsigned_attrs = read_attributes(&ua, limits)?;
        let tokens: usize = unsigned_attrs
            .iter()
            .filter(|a| {
                a.oid == oids::ATTR_SIGNATURE_TIMESTAMP
                    || a.oid == oids::ATTR_ARCHIVE_TIMESTAMP_V2
                    || a.oid == oids::ATTR_ARCHIVE_TIMESTAMP_V3
            })
            .map(|a| a.values.len())
            .sum();
        if tokens > limits.max_timestamp_tokens {
            return Err(CmsError::LimitExceeded(
                "signature and archive timestamp count",
            ));
        }
    }
    r.finish("SignerInfo")?;
    Ok(SignerInfoView {
        version,
        sid,
        digest_algorithm,
        signed_attrs_raw,
        signed_attrs,
        signature_algorithm,
        signature,
        unsigned_attrs,
    })
}
