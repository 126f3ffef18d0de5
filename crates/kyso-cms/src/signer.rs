//! Verification of one `SignerInfo` (RFC 5652 §5.4, §5.6), recorded as facts.

use crate::attrs::{self, EssOutcome};
use crate::ber;
use crate::codes;
use crate::oids;
use crate::signed_data::{CertDer, SignedDataView, SignerIdentifier, SignerInfoView};
use crate::time::parse_time_tlv;
use kyso_crypto::policy::{Acceptance, AlgorithmPolicy, Use};
use kyso_crypto::{verify_signature, CryptoError, DigestAlg, KeyInfo, Message, SignatureAlg};
use kyso_report::{Finding, Time};

/// What was signed when the SignerInfo is verified.
#[derive(Clone, Copy)]
pub enum Content<'a> {
    /// Detached content the caller hashes on request (the PDF byte ranges):
    /// called with each digest algorithm needed.
    Detached(&'a dyn Fn(DigestAlg) -> Vec<u8>),
    /// Detached content given as bytes (a `.p7s` next to its file).
    Bytes(&'a [u8]),
    /// The SignedData's own `eContent` (enveloping `.p7m`, `adbe.pkcs7.sha1`, timestamp tokens).
    Encapsulated,
    /// Detached content the caller does not have (a `.p7s` given alone). No
    /// digest can be compared; the caller says so in its own words, so no
    /// `cms.content.absent` finding is added here.
    NotSupplied,
}

/// Facts about one SignerInfo. `None` means "not established".
#[derive(Debug, Clone, Default)]
pub struct SignerResult {
    /// Index into [`SignedDataView::certificates`] of the signer certificate,
    /// found by issuer and serial number or by subject key identifier.
    pub signer_cert: Option<usize>,
    /// `digestAlgorithm`, if known.
    pub digest_alg: Option<DigestAlg>,
    /// Signature algorithm display name.
    pub signature_alg: Option<String>,
    /// The resolved signature algorithm.
    pub resolved_signature_alg: Option<SignatureAlg>,
    /// Public key description, e.g. `RSA-3072`.
    pub public_key: Option<String>,
    /// The signer's key, described (for policy re-assessment).
    pub key_info: Option<KeyInfo>,
    /// messageDigest attribute (or, without signed attributes, the signature
    /// over the content) agrees with the content.
    pub digest_matches: Option<bool>,
    /// The signature value verifies over the signed attributes exactly as
    /// received (tag replaced by SET OF, RFC 5652 §5.4), or over the content.
    pub crypto_valid: Option<bool>,
    /// The SignerInfo or its attributes violate RFC 5652 (e.g. signed attributes
    /// without messageDigest, duplicated single-valued attributes).
    pub format_failure: bool,
    /// An algorithm is not implemented (cannot decide).
    pub unsupported_algorithm: bool,
    /// An algorithm or key is rejected by the policy.
    pub weak_algorithm: bool,
    /// The rejection would be lifted by a proof of existence before the sunset.
    pub weak_algorithm_no_poe: bool,
    /// Whether signed attributes are present.
    pub has_signed_attrs: bool,
    /// content-type attribute present and equal to eContentType.
    pub content_type_ok: Option<bool>,
    /// signingTime attribute.
    pub signing_time: Option<Time>,
    /// ESS signing-certificate(-v2) reference matches the signer certificate; `None` when absent.
    pub signing_certificate_ref_ok: Option<bool>,
    /// adbe-revocationInfoArchival value, raw DER.
    pub revocation_info_archival: Option<Vec<u8>>,
    /// Signature timestamp tokens (id-aa-signatureTimeStampToken values, raw DER ContentInfo).
    pub timestamp_tokens: Vec<Vec<u8>>,
    /// Content timestamp tokens (signed id-aa-ets-contentTimestamp values,
    /// raw DER): their imprint covers the signed content, taken before signing.
    pub content_timestamp_tokens: Vec<Vec<u8>>,
    /// Archive timestamp tokens (unsigned archive-time-stamp v2/v3 values, raw
    /// DER), read but not bound: their imprint covers the signature and its
    /// validation data in a way (ETSI EN 319 122-1 §5.5.3) Kyso does not rebuild.
    pub archive_timestamp_tokens: Vec<Vec<u8>>,
    /// Number of countersignatures (recorded, not verified).
    pub counter_signatures: usize,
    /// The signature value: what a signature timestamp's imprint covers (RFC 3161 Appendix A).
    pub signature_value: Vec<u8>,
    /// Every check, passed or failed, codes `cms.*`.
    pub findings: Vec<Finding>,
}

const WEAK_CODES: [&str; 3] = [
    codes::ALGORITHM_WEAK,
    codes::KEY_WEAK,
    codes::ALGORITHM_WEAK_ACCEPTED,
];

impl SignerResult {
    /// Re-judge algorithm strength with a proof of existence (e.g. a verified
    /// signature timestamp's genTime): replaces the weakness flags and findings.
    pub fn reassess_with_poe(&mut self, policy: &AlgorithmPolicy, poe: Option<Time>) {
        self.findings
            .retain(|f| !WEAK_CODES.contains(&f.code.as_str()));
        self.weak_algorithm = false;
        self.weak_algorithm_no_poe = false;
        let poe = poe.map(|t| t.0);
        let mut digests = Vec::new();
        if let Some(d) = self.digest_alg {
            digests.push(d);
        }
        if let Some(d) = self.resolved_signature_alg.and_then(|a| a.digest()) {
            if !digests.contains(&d) {
                digests.push(d);
            }
        }
        for d in digests {
            self.judge(policy.digest(d, Use::Signature, poe), d.name());
        }
        if let Some(k) = self.key_info.clone() {
            self.judge_key(policy.key(&k, poe), &k.description());
        }
    }

    fn judge(&mut self, a: Acceptance, what: &str) {
        match a {
            Acceptance::Accepted => {}
            Acceptance::AcceptedWithWarning(reason) => self.findings.push(Finding::warning(
                codes::ALGORITHM_WEAK_ACCEPTED,
                format!("Thuật toán {what} đã cũ nhưng vẫn được chấp nhận ({reason})."),
                format!("Algorithm {what} is dated but accepted ({reason})."),
            )),
            Acceptance::Rejected { reason, no_poe } => {
                self.weak_algorithm = true;
                self.weak_algorithm_no_poe |= no_poe;
                self.findings.push(Finding::error(
                    codes::ALGORITHM_WEAK,
                    format!("Chữ ký dùng thuật toán {what} không còn an toàn ({reason})."),
                    format!("The signature uses {what}, which the policy rejects ({reason})."),
                ));
            }
        }
    }

    fn judge_key(&mut self, a: Acceptance, what: &str) {
        match a {
            Acceptance::Accepted => {}
            Acceptance::AcceptedWithWarning(reason) => self.findings.push(Finding::warning(
                codes::ALGORITHM_WEAK_ACCEPTED,
                format!("Khóa {what} đã cũ nhưng vẫn được chấp nhận ({reason})."),
                format!("Key {what} is dated but accepted ({reason})."),
            )),
            Acceptance::Rejected { reason, no_poe } => {
                self.weak_algorithm = true;
                self.weak_algorithm_no_poe |= no_poe;
                self.findings.push(Finding::error(
                    codes::KEY_WEAK,
                    format!("Khóa của người ký ({what}) quá yếu ({reason})."),
                    format!("The signer's key ({what}) is too weak ({reason})."),
                ));
            }
        }
    }

    fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }
}

/// Find the signer certificate for a SignerIdentifier (RFC 5652 §5.3).
pub(crate) fn find_signer_cert(certs: &[CertDer], sid: &SignerIdentifier) -> Option<usize> {
    match sid {
        SignerIdentifier::IssuerAndSerial { issuer_der, serial } => certs
            .iter()
            .position(|c| c.serial == *serial && attrs::names_equal(&c.issuer_der, issuer_der)),
        SignerIdentifier::SubjectKeyId(ski) => certs.iter().position(|c| match &c.subject_key_id {
            Some(k) => k == ski,
            // Without the extension, the RFC 5280 §4.2.1.2 method (1) value:
            // SHA-1 of the subjectPublicKey BIT STRING.
            None => {
                c.spki()
                    .and_then(|s| {
                        s.subject_public_key
                            .as_bytes()
                            .map(|b| DigestAlg::Sha1.digest(b))
                    })
                    .as_deref()
                    == Some(ski.as_slice())
            }
        }),
    }
}

fn crypto_finding(
    r: &mut SignerResult,
    res: Result<kyso_crypto::VerifiedAlg, CryptoError>,
    over: (&str, &str),
) {
    match res {
        Ok(_) => {
            r.crypto_valid = Some(true);
            r.push(Finding::passed(
                codes::SIGNATURE_VALID,
                format!(
                    "Giá trị chữ ký khớp với khóa công khai của người ký ({}).",
                    over.0
                ),
                format!(
                    "The signature value verifies with the signer's public key ({}).",
                    over.1
                ),
            ));
        }
        Err(CryptoError::BadSignature) => {
            r.crypto_valid = Some(false);
            r.push(Finding::error(
                codes::SIGNATURE_INVALID,
                "Giá trị chữ ký KHÔNG khớp với khóa công khai của người ký: chữ ký bị hỏng hoặc giả mạo.",
                "The signature value does NOT verify with the signer's public key: it is broken or forged.",
            ));
        }
        Err(CryptoError::KeyAlgorithmMismatch) => {
            r.crypto_valid = Some(false);
            r.push(Finding::error(
                codes::SIGNATURE_KEY_MISMATCH,
                "Loại khóa của chứng thư không phù hợp với thuật toán chữ ký.",
                "The certificate's key type does not match the signature algorithm.",
            ));
        }
        Err(e) => {
            r.unsupported_algorithm = true;
            r.push(Finding::warning(
                codes::SIGNATURE_UNDECIDED,
                format!("Không kiểm tra được giá trị chữ ký: {e}."),
                format!("The signature value could not be checked: {e}."),
            ));
        }
    }
}

/// Verify SignerInfo `index` of `sd` over `content` (RFC 5652 §5.4, §5.6).
pub fn verify_signer(
    sd: &SignedDataView,
    index: usize,
    content: Content<'_>,
    policy: &AlgorithmPolicy,
) -> SignerResult {
    let Some(si) = sd.signer_infos().get(index) else {
        let mut r = SignerResult {
            format_failure: true,
            ..Default::default()
        };
        r.push(Finding::error(
            codes::SIGNER_MISSING,
            "Khối CMS không có thông tin người ký (SignerInfo) cần kiểm tra.",
            format!("The CMS has no SignerInfo #{index}."),
        ));
        return r;
    };
    verify_signer_info(sd, si, content, Role::Signer, policy)
}

/// Verify a countersignature (RFC 5652 §11.4) of a SignerInfo whose signature
/// value is `countersigned`: the countersignature's message digest covers
/// that value (the octets of the `signature` OCTET STRING, without tag and
/// length), and its signed attributes must not hold a content-type.
/// Certificates are looked up in `sd`.
pub fn verify_counter_signer(
    sd: &SignedDataView,
    counter: &SignerInfoView,
    countersigned: &[u8],
    policy: &AlgorithmPolicy,
) -> SignerResult {
    verify_signer_info(
        sd,
        counter,
        Content::Bytes(countersigned),
        Role::CounterSigner,
        policy,
    )
}

/// Whose SignerInfo is verified: a signer of the content, or a countersigner
/// of another SignerInfo (no content-type attribute, RFC 5652 §11.4).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Signer,
    CounterSigner,
}

fn verify_signer_info(
    sd: &SignedDataView,
    si: &SignerInfoView,
    content: Content<'_>,
    role: Role,
    policy: &AlgorithmPolicy,
) -> SignerResult {
    let mut r = SignerResult {
        signature_value: si.signature.clone(),
        has_signed_attrs: si.signed_attrs_raw.is_some(),
        ..Default::default()
    };

    // Digest algorithm, with its parameters (id-shake256-len carries its output length).
    match DigestAlg::from_algorithm_identifier(&si.digest_algorithm) {
        Ok(d) => r.digest_alg = Some(d),
        Err(e) => {
            r.unsupported_algorithm = true;
            r.push(Finding::warning(
                codes::DIGEST_ALGORITHM_UNSUPPORTED,
                format!("Thuật toán băm chưa được hỗ trợ ({e}); không thể kết luận."),
                format!("The digest algorithm cannot be used ({e}); cannot decide."),
            ));
        }
    }

    // Signer certificate.
    r.signer_cert = find_signer_cert(sd.certificates(), &si.sid);
    let cert = r.signer_cert.map(|i| &sd.certificates()[i]);
    match cert {
        Some(c) => r.push(Finding::passed(
            codes::SIGNER_CERT_FOUND,
            format!(
                "Tìm thấy chứng thư số của người ký trong chữ ký: {}.",
                c.subject_display()
            ),
            format!(
                "The signer's certificate is embedded in the signature: {}.",
                c.subject_display()
            ),
        )),
        None => r.push(Finding::warning(
            codes::SIGNER_CERT_MISSING,
            "Chữ ký không kèm chứng thư số của người ký nên không thể kiểm tra.",
            "The signer's certificate is not embedded in the signature, so it cannot be checked.",
        )),
    }
    let spki = cert.and_then(CertDer::spki);
    if let Some(s) = &spki {
        if let Ok(k) = KeyInfo::from_spki(s) {
            r.public_key = Some(k.description());
            r.key_info = Some(k);
        }
    }

    // Signature algorithm.
    match SignatureAlg::from_algorithm_identifier(&si.signature_algorithm, r.digest_alg) {
        Ok(a) => {
            r.signature_alg = Some(a.name());
            r.resolved_signature_alg = Some(a);
        }
        Err(e) => {
            r.unsupported_algorithm = true;
            r.signature_alg = Some(si.signature_algorithm.oid.to_string());
            r.push(Finding::warning(
                codes::SIGNATURE_ALGORITHM_UNSUPPORTED,
                format!("Thuật toán chữ ký chưa được hỗ trợ: {e}."),
                format!("Unsupported signature algorithm: {e}."),
            ));
        }
    }

    let econtent = sd.encapsulated_content();
    let digest_of = |d: DigestAlg| -> Option<Vec<u8>> {
        match content {
            Content::Detached(f) => Some(f(d)),
            Content::Bytes(b) => Some(d.digest(b)),
            Content::Encapsulated => econtent.map(|b| d.digest(b)),
            Content::NotSupplied => None,
        }
    };
    if matches!(content, Content::Encapsulated) && econtent.is_none() {
        r.push(Finding::error(
            codes::CONTENT_ABSENT,
            "Chữ ký tách rời nhưng không có tệp nội dung đi kèm để đối chiếu.",
            "The signature is detached but no signed content was supplied.",
        ));
    }

    if let Some(raw) = &si.signed_attrs_raw {
        check_signed_attrs(&mut r, sd, si, raw, &digest_of, cert, spki.as_ref(), role);
    } else {
        r.push(Finding::info(
            codes::SIGNED_ATTRS_ABSENT,
            "Chữ ký không có thuộc tính ký (signed attributes): chữ ký được tính trực tiếp trên nội dung.",
            "The SignerInfo has no signed attributes: the signature is computed directly over the content.",
        ));
        if let (Some(alg), Some(s)) = (r.resolved_signature_alg, &spki) {
            let res = match alg.digest() {
                Some(d) => digest_of(d)
                    .map(|h| verify_signature(&alg, s, Message::Digest(d, &h), &si.signature)),
                None => match content {
                    Content::Bytes(b) => {
                        Some(verify_signature(&alg, s, Message::Raw(b), &si.signature))
                    }
                    Content::Encapsulated => {
                        econtent.map(|b| verify_signature(&alg, s, Message::Raw(b), &si.signature))
                    }
                    Content::Detached(_) => Some(Err(CryptoError::Unsupported(
                        "pure EdDSA over detached, pre-hashed content".into(),
                    ))),
                    Content::NotSupplied => None,
                },
            };
            if let Some(res) = res {
                let ok = res.is_ok();
                crypto_finding(&mut r, res, ("trên nội dung", "over the content"));
                // The signature binds the content digest directly: when it verifies,
                // the content is the one signed.
                if ok {
                    r.digest_matches = Some(true);
                }
            }
        }
    }

    // Unsigned attributes.
    for a in &si.unsigned_attrs {
        if a.oid == oids::ATTR_SIGNATURE_TIMESTAMP {
            // Bounded by `Limits::max_timestamp_tokens` when the SignerInfo was read.
            r.timestamp_tokens.extend(a.values.iter().cloned());
        } else if a.oid == oids::ATTR_ARCHIVE_TIMESTAMP_V2
            || a.oid == oids::ATTR_ARCHIVE_TIMESTAMP_V3
        {
            // Bounded likewise (counted with the signature timestamps).
            r.archive_timestamp_tokens.extend(a.values.iter().cloned());
        } else if a.oid == oids::ATTR_COUNTER_SIGNATURE {
            r.counter_signatures += a.values.len();
        }
    }
    if !r.timestamp_tokens.is_empty() {
        r.push(Finding::info(
            codes::SIGNATURE_TIMESTAMP_PRESENT,
            format!(
                "Chữ ký có {} dấu thời gian (RFC 3161).",
                r.timestamp_tokens.len()
            ),
            format!(
                "The signature carries {} RFC 3161 signature timestamp(s).",
                r.timestamp_tokens.len()
            ),
        ));
    }
    if r.counter_signatures > 0 {
        r.push(Finding::info(
            codes::COUNTER_SIGNATURE_PRESENT,
            format!(
                "Chữ ký có {} chữ ký đối ứng (countersignature), ký lên giá trị chữ ký này.",
                r.counter_signatures
            ),
            format!(
                "The signature has {} countersignature(s), signing this signature value.",
                r.counter_signatures
            ),
        ));
    }

    r.reassess_with_poe(policy, None);
    r
}

#[allow(clippy::too_many_arguments)]
fn check_signed_attrs(
    r: &mut SignerResult,
    sd: &SignedDataView,
    si: &SignerInfoView,
    raw: &[u8],
    digest_of: &dyn Fn(DigestAlg) -> Option<Vec<u8>>,
    cert: Option<&CertDer>,
    spki: Option<&spki::SubjectPublicKeyInfoOwned>,
    role: Role,
) {
    let sa = &si.signed_attrs;
    let malformed = |r: &mut SignerResult, e: String| {
        r.format_failure = true;
        r.push(Finding::error(
            codes::SIGNED_ATTRS_MALFORMED,
            format!("Thuộc tính ký không hợp lệ theo RFC 5652: {e}."),
            format!("Signed attributes violate RFC 5652: {e}."),
        ));
    };
    // DER order of the SET OF (X.690 §11.6) is informational only: the bytes are hashed as received.
    if !set_is_der_sorted(raw) {
        r.push(Finding::info(
            codes::SIGNED_ATTRS_NOT_DER_SORTED,
            "Các thuộc tính ký không được sắp xếp theo DER; chữ ký vẫn được kiểm tra trên đúng các byte đã nhận.",
            "The signed attributes are not in DER order; the signature is checked over the bytes exactly as received.",
        ));
    }

    // messageDigest (RFC 5652 §11.2).
    match attrs::single(sa, &oids::ATTR_MESSAGE_DIGEST) {
        Err(e) => malformed(r, e),
        Ok(None) => malformed(r, "messageDigest attribute missing".into()),
        Ok(Some(v)) => {
            let md = ber::read_tlv(v, 0)
                .ok()
                .filter(|(t, _)| t.is(ber::Class::Universal, false, ber::OCTET_STRING))
                .map(|(t, _)| t.content.to_vec());
            match (md, r.digest_alg) {
                (None, _) => malformed(r, "messageDigest is not an OCTET STRING".into()),
                (Some(_), None) => {}
                (Some(md), Some(d)) => {
                    if let Some(actual) = digest_of(d) {
                        if actual == md {
                            r.digest_matches = Some(true);
                            r.push(Finding::passed(
                                codes::MESSAGE_DIGEST_MATCH,
                                format!(
                                    "Nội dung đã ký không bị thay đổi (giá trị băm {} khớp).",
                                    d.name()
                                ),
                                format!(
                                    "The signed content is unchanged (its {} digest matches).",
                                    d.name()
                                ),
                            ));
                        } else {
                            r.digest_matches = Some(false);
                            r.push(Finding::error(
                                codes::MESSAGE_DIGEST_MISMATCH,
                                "Nội dung đã bị thay đổi sau khi ký: giá trị băm không khớp.",
                                format!("The content was changed after signing: its {} digest does not match.", d.name()),
                            ));
                        }
                    }
                }
            }
        }
    }

    // contentType (RFC 5652 §11.1): must equal eContentType; a countersignature
    // has none (§11.4: what it signs is a signature value, not content).
    match attrs::single(sa, &oids::ATTR_CONTENT_TYPE) {
        Err(e) => malformed(r, e),
        Ok(None) if role == Role::CounterSigner => {}
        Ok(Some(_)) if role == Role::CounterSigner => malformed(
            r,
            "a countersignature carries a content-type attribute".into(),
        ),
        Ok(None) => {
            r.content_type_ok = Some(false);
            r.push(Finding::warning(
                codes::CONTENT_TYPE_MISSING,
                "Thiếu thuộc tính loại nội dung (content-type) bắt buộc theo RFC 5652.",
                "The content-type signed attribute required by RFC 5652 §5.3 is missing.",
            ));
        }
        Ok(Some(v)) => {
            let ok = ber::read_tlv(v, 0)
                .ok()
                .and_then(|(t, _)| ber::oid(&t).ok())
                == Some(sd.content_type());
            r.content_type_ok = Some(ok);
            if ok {
                r.push(Finding::passed(
                    codes::CONTENT_TYPE_MATCH,
                    "Thuộc tính loại nội dung khớp với nội dung được ký.",
                    "The content-type attribute matches the signed content type.",
                ));
            } else {
                malformed(r, "content-type attribute differs from eContentType".into());
            }
        }
    }

    // signingTime (RFC 5652 §11.3).
    match attrs::single(sa, &oids::ATTR_SIGNING_TIME) {
        Err(e) => malformed(r, e),
        Ok(None) => {}
        Ok(Some(v)) => match ber::read_tlv(v, 0)
            .ok()
            .and_then(|(t, _)| parse_time_tlv(&t))
        {
            Some((t, _)) => {
                r.signing_time = Some(t);
                r.push(Finding::info(
                    codes::SIGNING_TIME,
                    format!(
                        "Thời điểm ký do người ký tự khai: {}.",
                        t.to_vietnam_display()
                    ),
                    format!("Signing time claimed by the signer: {}.", t.to_rfc3339()),
                ));
            }
            None => r.push(Finding::warning(
                codes::SIGNING_TIME_MALFORMED,
                "Thuộc tính thời điểm ký không đọc được.",
                "The signingTime attribute could not be read.",
            )),
        },
    }

    // ESS signing certificate (v2 preferred when both are present).
    let ess = match attrs::single(sa, &oids::ATTR_SIGNING_CERTIFICATE_V2) {
        Ok(Some(v)) => Some((v, true)),
        Ok(None) => match attrs::single(sa, &oids::ATTR_SIGNING_CERTIFICATE) {
            Ok(Some(v)) => Some((v, false)),
            Ok(None) => None,
            Err(e) => {
                malformed(r, e);
                None
            }
        },
        Err(e) => {
            malformed(r, e);
            None
        }
    };
    if let (Some((v, v2)), Some(c)) = (ess, cert) {
        match attrs::check_signing_certificate(v, v2, c) {
            EssOutcome::Match => {
                r.signing_certificate_ref_ok = Some(true);
                r.push(Finding::passed(
                    codes::ESS_SIGNING_CERT_MATCH,
                    "Tham chiếu chứng thư ký (signing-certificate) trong phần đã ký khớp với chứng thư của người ký.",
                    "The signed signing-certificate reference matches the signer's certificate.",
                ));
            }
            EssOutcome::UnsupportedHash(o) => r.push(Finding::warning(
                codes::ESS_SIGNING_CERT_UNSUPPORTED,
                format!("Không kiểm tra được tham chiếu chứng thư ký (thuật toán băm {o})."),
                format!("The signing-certificate reference uses an unsupported hash ({o})."),
            )),
            other => {
                r.signing_certificate_ref_ok = Some(false);
                let detail = match other {
                    EssOutcome::HashMismatch => "certificate hash differs".to_string(),
                    EssOutcome::IssuerSerialMismatch => "issuer/serial differs".to_string(),
                    EssOutcome::Malformed(e) => format!("malformed: {e}"),
                    _ => String::new(),
                };
                r.push(Finding::error(
                    codes::ESS_SIGNING_CERT_MISMATCH,
                    "Tham chiếu chứng thư ký trong phần đã ký KHÔNG khớp với chứng thư kèm theo (có thể bị thay chứng thư).",
                    format!("The signed signing-certificate reference does NOT match the embedded certificate ({detail})."),
                ));
            }
        }
    }

    // Content timestamps (signed: covered by the signature itself).
    for a in sa.iter().filter(|a| a.oid == oids::ATTR_CONTENT_TIMESTAMP) {
        r.content_timestamp_tokens.extend(a.values.iter().cloned());
    }

    // Adobe revocation archive (ISO 32000-1 §12.8.3.3.2).
    if let Some(a) = sa.iter().find(|a| a.oid == oids::ATTR_ADBE_REVOCATION) {
        r.revocation_info_archival = a.values.first().cloned();
    }

    // The signature over the DER of SignedAttributes as received, with the
    // [0] IMPLICIT tag replaced by the SET OF tag (RFC 5652 §5.4).
    if let (Some(alg), Some(s)) = (r.resolved_signature_alg, spki) {
        let mut msg = raw.to_vec();
        msg[0] = 0x31;
        let res = verify_signature(&alg, s, Message::Raw(&msg), &si.signature);
        crypto_finding(
            r,
            res,
            ("trên các thuộc tính ký", "over the signed attributes"),
        );
    }
}

/// Whether the elements of a SET OF are in DER order (X.690 §11.6: ascending
/// octet strings, shorter first when one is a prefix).
fn set_is_der_sorted(raw: &[u8]) -> bool {
    let Ok((t, _)) = ber::read_tlv(raw, 0) else {
        return true;
    };
    let mut r = t.children();
    let mut prev: Option<&[u8]> = None;
    while let Ok(Some(e)) = r.next_tlv() {
        if let Some(p) = prev {
            if p > e.raw {
                return false;
            }
        }
        prev = Some(e.raw);
    }
    true
}

/// `adbe.pkcs7.sha1` (ISO 32000-1 §12.8.3.3.1): the SignedData encapsulates
/// the SHA-1 digest of the PDF byte ranges, and the SignerInfo signs that
/// eContent. [`verify_signer`] with [`Content::Encapsulated`] checks the
/// signature; this checks that the encapsulated digest is the document's.
/// Returns `None` when there is no eContent.
pub fn check_adbe_sha1_digest(
    sd: &SignedDataView,
    hash: &dyn Fn(DigestAlg) -> Vec<u8>,
) -> (Option<bool>, Finding) {
    match sd.encapsulated_content() {
        None => (
            None,
            Finding::error(
                codes::ADBE_SHA1_NO_CONTENT,
                "Chữ ký kiểu adbe.pkcs7.sha1 nhưng không chứa giá trị băm của tài liệu.",
                "An adbe.pkcs7.sha1 signature without the encapsulated document digest.",
            ),
        ),
        Some(e) if e == hash(DigestAlg::Sha1).as_slice() => (
            Some(true),
            Finding::passed(
                codes::ADBE_SHA1_MATCH,
                "Giá trị băm SHA-1 của tài liệu nằm trong chữ ký khớp với tài liệu.",
                "The SHA-1 document digest encapsulated in the signature matches the document.",
            ),
        ),
        Some(_) => (
            Some(false),
            Finding::error(
                codes::ADBE_SHA1_MISMATCH,
                "Tài liệu đã bị thay đổi sau khi ký: giá trị băm SHA-1 trong chữ ký không khớp.",
                "The document was changed after signing: the encapsulated SHA-1 digest does not match.",
            ),
        ),
    }
}
