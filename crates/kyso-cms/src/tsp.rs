//! RFC 3161 timestamp tokens: a `SignedData` whose eContent is a `TSTInfo`.
//!
//! `TSTInfo` is read with the bounded BER reader rather than `x509-tsp`,
//! because `der` 0.7's GeneralizedTime refuses the fractional seconds that
//! RFC 3161 §2.4.2 allows and TSAs emit.

use crate::ber::{self, Class};
use crate::signed_data::{alg_id, parse_signed_data, SignedDataView};
use crate::signer::{verify_signer, Content, SignerResult};
use crate::time::parse_time_tlv;
use crate::{codes, oids, CmsError, Limits};
use der::Decode;
use kyso_crypto::policy::{Acceptance, AlgorithmPolicy, Use};
use kyso_crypto::DigestAlg;
use kyso_report::{Finding, Time};

/// A parsed timestamp token.
///
/// ```text
/// TSTInfo ::= SEQUENCE {
///   version INTEGER { v1(1) }, policy TSAPolicyId, messageImprint MessageImprint,
///   serialNumber INTEGER, genTime GeneralizedTime, accuracy Accuracy OPTIONAL,
///   ordering BOOLEAN DEFAULT FALSE, nonce INTEGER OPTIONAL,
///   tsa [0] GeneralName OPTIONAL, extensions [1] IMPLICIT Extensions OPTIONAL }
/// ```
#[derive(Debug, Clone)]
pub struct TimestampToken {
    /// The token's SignedData.
    pub cms: SignedDataView,
    /// The TSTInfo as received (the eContent the TSA signed).
    pub tst_info_der: Vec<u8>,
    /// `genTime` (seconds).
    pub gen_time: Time,
    /// Milliseconds of `genTime`, when given.
    pub gen_time_millis: Option<u32>,
    /// `accuracy` in milliseconds.
    pub accuracy_ms: Option<u64>,
    /// `policy` OID, dotted.
    pub policy: String,
    /// The message imprint's hash algorithm (None when not supported).
    pub imprint_alg: Option<DigestAlg>,
    /// The message imprint's hash algorithm OID, dotted.
    pub imprint_alg_oid: String,
    /// `hashedMessage`.
    pub imprint: Vec<u8>,
    /// `serialNumber`, uppercase hex.
    pub serial: String,
    /// `tsa` name, when present (directoryName as RFC 4514 string).
    pub tsa_name: Option<String>,
    /// `nonce` INTEGER content octets.
    pub nonce: Option<Vec<u8>>,
    /// `ordering`.
    pub ordering: bool,
}

/// Parse a timestamp token (a `ContentInfo`) whose eContentType is id-ct-TSTInfo.
pub fn parse_token(der: &[u8], limits: &Limits) -> Result<TimestampToken, CmsError> {
    let cms = parse_signed_data(der, limits)?;
    if cms.content_type() != oids::ID_CT_TST_INFO {
        return Err(CmsError::NotTstInfo(cms.content_type().to_string()));
    }
    let tst = cms
        .encapsulated_content()
        .ok_or_else(|| CmsError::Structure("timestamp token without TSTInfo".into()))?
        .to_vec();
    let (t, rest) = ber::read_tlv(&tst, 0)?;
    if !rest.is_empty() {
        return Err(CmsError::Structure("TSTInfo: trailing data".into()));
    }
    let mut r = t.sequence("TSTInfo")?;
    let version = ber::small_uint(&r.expect("TSTInfo.version")?)?;
    if version != 1 {
        return Err(CmsError::Structure(format!("TSTInfo version {version}")));
    }
    let policy = ber::oid_dotted(&r.expect("policy")?)?;
    let mi = r.expect("messageImprint")?;
    let mut mr = mi.sequence("messageImprint")?;
    let alg = alg_id(&mr.expect("hashAlgorithm")?)?;
    let hm = mr.expect("hashedMessage")?;
    if !hm.is(Class::Universal, false, ber::OCTET_STRING) {
        return Err(CmsError::Structure(
            "hashedMessage is not an OCTET STRING".into(),
        ));
    }
    let serial = r.expect("serialNumber")?;
    if !serial.is(Class::Universal, false, ber::INTEGER) {
        return Err(CmsError::Structure(
            "TSTInfo serialNumber is not an INTEGER".into(),
        ));
    }
    let gt = r.expect("genTime")?;
    if !gt.is(Class::Universal, false, ber::GENERALIZED_TIME) {
        return Err(CmsError::Structure(
            "genTime is not a GeneralizedTime".into(),
        ));
    }
    let (gen_time, gen_time_millis) =
        parse_time_tlv(&gt).ok_or_else(|| CmsError::Structure("genTime unreadable".into()))?;
    let mut accuracy_ms = None;
    if let Some(acc) = r.next_if(|t| t.is(Class::Universal, true, ber::SEQUENCE))? {
        // Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] INTEGER (1..999) OPTIONAL,
        //                         micros [1] INTEGER (1..999) OPTIONAL }
        let mut ar = acc.children();
        let mut ms: u64 = 0;
        while let Some(f) = ar.next_tlv()? {
            let v = ber::small_uint(&f)?;
            if f.is_universal(ber::INTEGER) {
                ms = ms.saturating_add(v.saturating_mul(1000));
            } else if f.is_context(0) {
                ms = ms.saturating_add(v);
            } else if f.is_context(1) && v > 0 {
                ms = ms.saturating_add(1); // round micros up to a whole millisecond
            }
        }
        accuracy_ms = Some(ms);
    }
    let mut ordering = false;
    if let Some(b) = r.next_if(|t| t.is_universal(ber::BOOLEAN))? {
        ordering = b.content.first().copied().unwrap_or(0) != 0;
    }
    let nonce = r
        .next_if(|t| t.is_universal(ber::INTEGER))?
        .map(|n| n.content.to_vec());
    let mut tsa_name = None;
    if let Some(tsa) = r.next_if(|t| t.is(Class::Context, true, 0))? {
        if let Some(gn) = tsa.children().next_tlv()? {
            tsa_name = Some(general_name(&gn));
        }
    }
    Ok(TimestampToken {
        cms,
        gen_time,
        gen_time_millis,
        accuracy_ms,
        policy,
        imprint_alg: DigestAlg::from_oid(&alg.oid),
        imprint_alg_oid: alg.oid.to_string(),
        imprint: hm.content.to_vec(),
        serial: ber::hex_upper(ber::normalize_integer(serial.content)),
        tsa_name,
        nonce,
        ordering,
        tst_info_der: tst,
    })
}

fn general_name(gn: &ber::Tlv<'_>) -> String {
    if gn.is(Class::Context, true, 4) {
        if let Some(Ok(name)) = gn
            .children()
            .next_tlv()
            .ok()
            .flatten()
            .map(|n| x509_cert::name::Name::from_der(n.raw))
        {
            return name.to_string();
        }
    }
    // dNSName [2], uniformResourceIdentifier [6], rfc822Name [1]: IA5String contents.
    if gn.class == Class::Context && !gn.constructed && matches!(gn.number, 1 | 2 | 6) {
        if let Ok(s) = core::str::from_utf8(gn.content) {
            return s.to_string();
        }
    }
    format!("GeneralName [{}]", gn.number)
}

/// Facts about one timestamp token.
#[derive(Debug, Clone, Default)]
pub struct TokenResult {
    /// The token's SignerInfo, verified over the TSTInfo (RFC 3161 §2.4.1).
    pub signer: SignerResult,
    /// Index of the TSA certificate in `token.cms.certificates()`.
    pub tsa_cert: Option<usize>,
    /// The message imprint equals the digest of what the token should cover.
    pub imprint_matches: Option<bool>,
    /// The TSA certificate has extKeyUsage id-kp-timeStamping only, marked
    /// critical (RFC 3161 §2.3); `None` when no certificate was found.
    pub tsa_eku_ok: Option<bool>,
    /// The imprint algorithm is weak (SHA-1: accepted with a warning).
    pub imprint_weak: bool,
    /// The token's SignerInfo has a signing-time attribute outside the TSA
    /// certificate's validity: the TSA signed with a certificate not valid then.
    pub signed_outside_validity: bool,
    /// Every check, codes `tsp.*` (the signer's `cms.*` findings stay in `signer`).
    pub findings: Vec<Finding>,
}

impl TokenResult {
    /// Imprint matches, the TSA's signature verifies and its certificate was found.
    /// (Whether the TSA is trusted is `kyso-pki`'s question.)
    pub fn is_valid(&self) -> bool {
        self.imprint_matches == Some(true)
            && self.signer.digest_matches == Some(true)
            && self.signer.crypto_valid == Some(true)
            && self.tsa_cert.is_some()
            && !self.signer.format_failure
            && !self.signed_outside_validity
    }
}

/// Verify a token whose imprint covers `covered` (a signature value for a
/// signature timestamp, RFC 3161 Appendix A).
pub fn verify_token(tok: &TimestampToken, covered: &[u8], policy: &AlgorithmPolicy) -> TokenResult {
    verify_token_with(tok, &|d| d.digest(covered), policy)
}

/// Verify a token whose imprint the caller computes (a PDF document timestamp,
/// ETSI.RFC3161: the byte ranges, ISO 32000-2 §12.8.5).
pub fn verify_token_with(
    tok: &TimestampToken,
    hash: &dyn Fn(DigestAlg) -> Vec<u8>,
    policy: &AlgorithmPolicy,
) -> TokenResult {
    verify_token_inner(tok, Some(hash), policy)
}

/// [`verify_token_with`] for a token whose imprint cannot be recomputed here
/// (an archive timestamp): everything but the imprint is checked, and
/// `imprint_matches` stays `None`, so [`TokenResult::is_valid`] is false and
/// the token is never a proof of existence of anything.
pub fn verify_token_unbound(tok: &TimestampToken, policy: &AlgorithmPolicy) -> TokenResult {
    verify_token_inner(tok, None, policy)
}

fn verify_token_inner(
    tok: &TimestampToken,
    hash: Option<&dyn Fn(DigestAlg) -> Vec<u8>>,
    policy: &AlgorithmPolicy,
) -> TokenResult {
    let mut res = TokenResult::default();
    if tok.cms.signer_count() != 1 {
        // RFC 3161 §2.4.1: the token has exactly one SignerInfo.
        res.findings.push(Finding::error(
            codes::TSP_SIGNER_COUNT,
            format!(
                "Dấu thời gian phải có đúng một chữ ký của đơn vị cấp dấu thời gian, ở đây có {}.",
                tok.cms.signer_count()
            ),
            format!(
                "A timestamp token must have exactly one SignerInfo; this one has {}.",
                tok.cms.signer_count()
            ),
        ));
    }
    match tok.imprint_alg {
        None => res.findings.push(Finding::warning(
            codes::TSP_IMPRINT_ALGORITHM_UNSUPPORTED,
            format!(
                "Thuật toán băm của dấu thời gian ({}) chưa được hỗ trợ.",
                tok.imprint_alg_oid
            ),
            format!(
                "The timestamp's imprint algorithm ({}) is not supported.",
                tok.imprint_alg_oid
            ),
        )),
        Some(d) => {
            match policy.digest(d, Use::TimestampImprint, Some(tok.gen_time.0)) {
                Acceptance::Accepted => {}
                Acceptance::AcceptedWithWarning(why) => {
                    res.imprint_weak = true;
                    res.findings.push(Finding::warning(
                        codes::TSP_IMPRINT_ALGORITHM_WEAK,
                        format!(
                            "Dấu thời gian dùng thuật toán băm {} đã cũ ({why}).",
                            d.name()
                        ),
                        format!(
                            "The timestamp uses the dated {} imprint algorithm ({why}).",
                            d.name()
                        ),
                    ));
                }
                Acceptance::Rejected { reason, .. } => {
                    res.imprint_weak = true;
                    res.signer.weak_algorithm = true;
                    res.findings.push(Finding::error(
                        codes::TSP_IMPRINT_ALGORITHM_REJECTED,
                        format!(
                            "Dấu thời gian dùng thuật toán băm {} không an toàn ({reason}).",
                            d.name()
                        ),
                        format!(
                            "The timestamp's {} imprint is rejected ({reason}).",
                            d.name()
                        ),
                    ));
                }
            }
            let Some(hash) = hash else {
                return verify_token_signer(tok, policy, res);
            };
            let ok = hash(d) == tok.imprint;
            res.imprint_matches = Some(ok);
            if ok {
                res.findings.push(Finding::passed(
                    codes::TSP_IMPRINT_MATCH,
                    "Dấu thời gian đúng là cấp cho dữ liệu này (giá trị băm khớp).",
                    "The timestamp was issued for this data (message imprint matches).",
                ));
            } else {
                res.findings.push(Finding::error(
                    codes::TSP_IMPRINT_MISMATCH,
                    "Dấu thời gian KHÔNG khớp với dữ liệu được đóng dấu (giá trị băm khác).",
                    "The timestamp does NOT match the data it should cover (message imprint differs).",
                ));
            }
        }
    }
    verify_token_signer(tok, policy, res)
}

/// The TSA's SignerInfo, certificate usage and signing time: the part of a
/// token's verification that does not depend on what it stamped.
fn verify_token_signer(
    tok: &TimestampToken,
    policy: &AlgorithmPolicy,
    mut res: TokenResult,
) -> TokenResult {
    let mut signer = verify_signer(&tok.cms, 0, Content::Encapsulated, policy);
    // Algorithms of the TSA's own signature are judged at genTime.
    signer.reassess_with_poe(policy, Some(tok.gen_time));
    res.tsa_cert = signer.signer_cert;
    if let Some(c) = res.tsa_cert.map(|i| &tok.cms.certificates()[i]) {
        let ok = match &c.ext_key_usage {
            Some((list, critical)) => {
                *critical && list.len() == 1 && list[0] == oids::KP_TIME_STAMPING
            }
            None => false,
        };
        res.tsa_eku_ok = Some(ok);
        if ok {
            res.findings.push(Finding::passed(
                codes::TSP_TSA_EKU_OK,
                "Chứng thư của đơn vị cấp dấu thời gian có mục đích sử dụng cấp dấu thời gian (timeStamping).",
                "The TSA certificate has the critical timeStamping extended key usage.",
            ));
        } else {
            res.findings.push(Finding::warning(
                codes::TSP_TSA_EKU_MISSING,
                "Chứng thư của đơn vị cấp dấu thời gian không có đúng mục đích timeStamping (bắt buộc, critical).",
                "The TSA certificate lacks the sole, critical timeStamping extended key usage (RFC 3161 §2.3).",
            ));
        }
    }
    // The TSA's own claim of when it signed (a signing-time attribute in the
    // token's SignerInfo) outside its certificate's validity: by its own
    // account the TSA signed with a certificate that was not valid then, so
    // the token vouches for nothing (BouncyCastle's verifier, and with it EU
    // DSS, refuse such a SignerInfo: "signingTime is outside timestamp
    // issuer's validity range").
    if let (Some(t), Some(c)) = (
        signer.signing_time,
        res.tsa_cert
            .and_then(|i| tok.cms.certificates()[i].parsed.as_ref()),
    ) {
        let v = &c.tbs_certificate.validity;
        let secs = |x: x509_cert::time::Time| {
            i64::try_from(x.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
        };
        let (nb, na) = (secs(v.not_before), secs(v.not_after));
        if t.0 < nb || t.0 > na {
            res.signed_outside_validity = true;
            res.findings.push(Finding::error(
                codes::TSP_SIGNING_TIME_OUTSIDE_TSA_VALIDITY,
                format!(
                    "Đơn vị cấp dấu thời gian tự ghi rằng đã ký lúc {}, khi chứng thư của chính họ không còn (hoặc chưa) có hiệu lực: dấu thời gian không có giá trị.",
                    t.to_vietnam_display()
                ),
                format!(
                    "The TSA states it signed the token at {}, when its own certificate was not valid: the timestamp is worthless.",
                    t.to_rfc3339()
                ),
            ));
        }
    }
    res.signer = signer;
    let sig_ok = res.signer.crypto_valid == Some(true) && res.signer.digest_matches == Some(true);
    res.findings.push(if sig_ok {
        Finding::passed(
            codes::TSP_SIGNATURE_VALID,
            format!(
                "Chữ ký của đơn vị cấp dấu thời gian hợp lệ; thời điểm: {}.",
                tok.gen_time.to_vietnam_display()
            ),
            format!(
                "The TSA's signature on the timestamp is valid; time: {}.",
                tok.gen_time.to_rfc3339()
            ),
        )
    } else {
        Finding::error(
            codes::TSP_SIGNATURE_INVALID,
            "Chữ ký của đơn vị cấp dấu thời gian không kiểm tra được hoặc không hợp lệ.",
            "The TSA's signature on the timestamp could not be verified or is invalid.",
        )
    });
    res
}
