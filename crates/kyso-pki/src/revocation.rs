//! Revocation evidence embedded in a signature: CRLs (RFC 5280 §5, §6.3) and
//! OCSP responses (RFC 6960). Nothing is fetched from the network.
//!
//! Time rule (ETSI EN 319 102-1 §5.2.5, "revocation freshness" relaxed to what a
//! document verifier can know): evidence says something about the validation
//! time `t` when it was still current at `t` or issued after it (its
//! nextUpdate, when present, is not before `t`). A certificate listed as
//! revoked with a revocation date at or before `t` is revoked at `t`; one
//! revoked later was still good at `t` (reported as information).

use crate::cert::ParsedCert;
use crate::codes;
use crate::names;
use crate::sig;
use der::{Decode, Encode};
use kyso_crypto::DigestAlg;
use kyso_report::{Finding, Time};
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{CrlDistributionPoints, CrlReason, KeyUsages};
use x509_ocsp::{BasicOcspResponse, CertStatus, OcspResponse, ResponderId};

/// Largest CRL accepted. Government CRLs are well under 1 MB; this bounds
/// parse time and memory for hostile input.
const MAX_CRL_SIZE: usize = 8 * 1024 * 1024;
/// Largest OCSP response accepted (real ones are 1–5 KB).
const MAX_OCSP_SIZE: usize = 256 * 1024;
/// At most this many CRLs / OCSP responses are examined per request.
const MAX_ITEMS: usize = 64;

const OID_DELTA_CRL_INDICATOR: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("2.5.29.27");
const OID_IDP: const_oid::ObjectIdentifier = const_oid::ObjectIdentifier::new_unwrap("2.5.29.28");
const OID_CRL_NUMBER: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("2.5.29.20");
const OID_AKI: const_oid::ObjectIdentifier = const_oid::ObjectIdentifier::new_unwrap("2.5.29.35");
const OID_FRESHEST_CRL: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("2.5.29.46");
const OID_ENTRY_REASON: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("2.5.29.21");
const OID_ENTRY_INVALIDITY: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("2.5.29.24");
const OID_ENTRY_CERT_ISSUER: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("2.5.29.29");
const OID_KP_OCSP_SIGNING: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");
const OID_OCSP_BASIC: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");

/// Revocation material gathered by the pipeline from CMS `RevocationInfoChoices`,
/// Adobe's `adbe-revocationInfoArchival` signed attribute and the PDF DSS/VRI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevocationEvidence {
    /// DER CertificateList values.
    pub crls: Vec<Vec<u8>>,
    /// DER OCSPResponse or BasicOCSPResponse values.
    pub ocsp: Vec<Vec<u8>>,
    /// Extra certificates that came with the evidence (CRL issuers, OCSP responders).
    pub certs: Vec<Vec<u8>>,
}

impl RevocationEvidence {
    /// No evidence at all.
    pub fn is_empty(&self) -> bool {
        self.crls.is_empty() && self.ocsp.is_empty()
    }

    /// Append another batch (e.g. DSS after CMS).
    pub fn extend(&mut self, other: RevocationEvidence) {
        self.crls.extend(other.crls);
        self.ocsp.extend(other.ocsp);
        self.certs.extend(other.certs);
    }
}

/// Parse Adobe's `RevocationInfoArchival` (OID 1.2.840.113583.1.1.8, ISO 32000-1 §12.8.3.3.2):
///
/// ```asn1
/// RevocationInfoArchival ::= SEQUENCE {
///   crl          [0] EXPLICIT SEQUENCE OF CRLs OPTIONAL,
///   ocsp         [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL,
///   otherRevInfo [2] EXPLICIT SEQUENCE OF OtherRevInfo OPTIONAL }
/// ```
///
/// Accepts the attribute value itself or a SET holding it. Malformed input
/// gives empty evidence (the caller then reports "not checked").
pub fn parse_revocation_info_archival(der: &[u8]) -> RevocationEvidence {
    parse_ria(der).unwrap_or_default()
}

/// (tag byte, whole TLV, contents).
type Tlv<'a> = (u8, &'a [u8], &'a [u8]);

fn tlvs(mut input: &[u8]) -> Option<Vec<Tlv<'_>>> {
    // (tag byte, full TLV, content), one level; bounded by input length.
    let mut out = Vec::new();
    while !input.is_empty() {
        let mut r = der::SliceReader::new(input).ok()?;
        let h = der::Header::decode(&mut r).ok()?;
        let hl = usize::try_from(h.encoded_len().ok()?).ok()?;
        let bl = usize::try_from(h.length).ok()?;
        let total = hl.checked_add(bl)?;
        let tlv = input.get(..total)?;
        out.push((input[0], tlv, &tlv[hl..]));
        input = &input[total..];
        if out.len() > 10_000 {
            return None;
        }
    }
    Some(out)
}

fn parse_ria(der: &[u8]) -> Option<RevocationEvidence> {
    let top = tlvs(der)?;
    let (tag, _, mut content) = *top.first()?;
    if tag == 0x31 {
        // SET OF AttributeValue: take the first value.
        let inner = tlvs(content)?;
        let (t2, _, c2) = *inner.first()?;
        if t2 != 0x30 {
            return None;
        }
        content = c2;
    } else if tag != 0x30 {
        return None;
    }
    let mut ev = RevocationEvidence::default();
    for (t, _, c) in tlvs(content)? {
        // [n] EXPLICIT SEQUENCE OF ...
        let seq = tlvs(c)?;
        let Some(&(0x30, _, items)) = seq.first() else {
            continue;
        };
        for (_, tlv, _) in tlvs(items)? {
            match t {
                0xA0 if ev.crls.len() < MAX_ITEMS => ev.crls.push(tlv.to_vec()),
                0xA1 if ev.ocsp.len() < MAX_ITEMS => ev.ocsp.push(tlv.to_vec()),
                _ => {}
            }
        }
    }
    Some(ev)
}

/// Status of one certificate according to the evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Status {
    /// Shown not revoked at the time (or revoked only later: `revoked_later`).
    Good {
        source: &'static str,
        revoked_later: Option<i64>,
    },
    /// Revoked at or before the time.
    Revoked {
        at: i64,
        reason: Option<String>,
        source: &'static str,
    },
    /// No usable evidence.
    Unknown,
}

/// Outcome for one certificate, with explanations.
#[derive(Debug, Clone)]
pub(crate) struct CertRevocation {
    pub status: Status,
    pub findings: Vec<Finding>,
}

/// Evidence decoded once per validation.
pub(crate) struct ParsedEvidence {
    crls: Vec<(Vec<u8>, CertificateList)>,
    ocsp: Vec<(Vec<u8>, BasicOcspResponse)>,
    pub certs: Vec<ParsedCert>,
    pub findings: Vec<Finding>,
}

impl ParsedEvidence {
    pub fn parse(ev: &RevocationEvidence) -> ParsedEvidence {
        let mut findings = Vec::new();
        let mut crls = Vec::new();
        for der in ev.crls.iter().take(MAX_ITEMS) {
            if der.len() > MAX_CRL_SIZE {
                findings.push(Finding::warning(
                    codes::CRL_TOO_LARGE,
                    format!(
                        "Bỏ qua một danh sách thu hồi (CRL) quá lớn ({} byte).",
                        der.len()
                    ),
                    format!(
                        "Ignored a certificate revocation list (CRL) that is too large ({} bytes).",
                        der.len()
                    ),
                ));
                continue;
            }
            match CertificateList::from_der(der) {
                Ok(c) => crls.push((der.clone(), c)),
                Err(e) => findings.push(Finding::warning(
                    codes::CRL_MALFORMED,
                    "Bỏ qua một danh sách thu hồi (CRL) không đọc được.",
                    format!(
                        "Ignored a certificate revocation list (CRL) that could not be read: {e}."
                    ),
                )),
            }
        }
        let mut ocsp = Vec::new();
        let mut certs = Vec::new();
        for der in ev.ocsp.iter().take(MAX_ITEMS) {
            if der.len() > MAX_OCSP_SIZE {
                continue;
            }
            let basic_der = match OcspResponse::from_der(der) {
                Ok(r) => match r.response_bytes {
                    Some(rb) if rb.response_type == OID_OCSP_BASIC => {
                        rb.response.as_bytes().to_vec()
                    }
                    _ => {
                        findings.push(Finding::warning(
                            codes::OCSP_UNSUCCESSFUL,
                            "Một phản hồi OCSP đi kèm không mang trạng thái chứng thư (phản hồi không thành công).",
                            "An embedded OCSP response carries no certificate status (unsuccessful response).",
                        ));
                        continue;
                    }
                },
                Err(_) => der.clone(),
            };
            match BasicOcspResponse::from_der(&basic_der) {
                Ok(b) => {
                    for c in b.certs.iter().flatten() {
                        if let Ok(d) = c.to_der() {
                            if let Ok(pc) = ParsedCert::parse(&d) {
                                certs.push(pc);
                            }
                        }
                    }
                    ocsp.push((basic_der, b));
                }
                Err(e) => findings.push(Finding::warning(
                    codes::OCSP_MALFORMED,
                    "Bỏ qua một phản hồi OCSP không đọc được.",
                    format!("Ignored an OCSP response that could not be read: {e}."),
                )),
            }
        }
        for der in ev.certs.iter().take(MAX_ITEMS * 4) {
            if let Ok(pc) = ParsedCert::parse(der) {
                certs.push(pc);
            }
        }
        ParsedEvidence {
            crls,
            ocsp,
            certs,
            findings,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.crls.is_empty() && self.ocsp.is_empty()
    }
}

fn t_of(t: &x509_cert::time::Time) -> i64 {
    t.to_unix_duration().as_secs() as i64
}

fn gt(t: &x509_ocsp::OcspGeneralizedTime) -> i64 {
    t.0.to_unix_duration().as_secs() as i64
}

fn reason_name(r: CrlReason) -> &'static str {
    match r {
        CrlReason::Unspecified => "unspecified",
        CrlReason::KeyCompromise => "keyCompromise",
        CrlReason::CaCompromise => "cACompromise",
        CrlReason::AffiliationChanged => "affiliationChanged",
        CrlReason::Superseded => "superseded",
        CrlReason::CessationOfOperation => "cessationOfOperation",
        CrlReason::CertificateHold => "certificateHold",
        CrlReason::RemoveFromCRL => "removeFromCRL",
        CrlReason::PrivilegeWithdrawn => "privilegeWithdrawn",
        CrlReason::AaCompromise => "aACompromise",
    }
}

/// The checks a caller must provide: whether a certificate that signed
/// revocation data (a CRL issuer with its own key, a delegated OCSP
/// responder) is itself trusted, by validating its own path.
pub(crate) trait SignerTrust {
    fn trusted_signer(&self, signer: &ParsedCert, time: i64) -> bool;
    /// Certificates that may have signed revocation data (beyond the evidence's own).
    fn signer_candidates(&self) -> &[ParsedCert];
    /// Take one signature check from the budget; false when exhausted.
    fn spend_signature(&self) -> bool;
}

/// All reason codes (RFC 5280 §5.2.5 ReasonFlags bits 1..=8, `unused` excluded).
const ALL_REASONS: u16 = 0b1_1111_1110;

/// Check `cert` (issued by `issuer`) at `time`.
pub(crate) fn check(
    cert: &ParsedCert,
    issuer: &ParsedCert,
    time: i64,
    ev: &ParsedEvidence,
    trust: &dyn SignerTrust,
) -> CertRevocation {
    let mut findings = Vec::new();
    let mut good: Option<(&'static str, Option<i64>)> = None;
    let mut covered_reasons: u16 = 0;
    let mut crl_good_later: Option<i64> = None;

    // OCSP first: it is specific to the certificate.
    for (der, resp) in &ev.ocsp {
        match check_ocsp(cert, issuer, time, der, resp, ev, trust) {
            OcspOutcome::NotApplicable => {}
            OcspOutcome::Unusable(f) => findings.push(f),
            OcspOutcome::Good => good = good.or(Some(("ocsp", None))),
            OcspOutcome::RevokedLater(at) => good = Some(("ocsp", Some(at))),
            OcspOutcome::Revoked(at, reason) => {
                return CertRevocation {
                    status: Status::Revoked {
                        at,
                        reason,
                        source: "ocsp",
                    },
                    findings,
                };
            }
        }
    }
    for (der, crl) in &ev.crls {
        match check_crl(cert, issuer, time, der, crl, ev, trust) {
            CrlOutcome::NotApplicable => {}
            CrlOutcome::Unusable(f) => findings.push(f),
            CrlOutcome::NotListed { reasons } => covered_reasons |= reasons,
            CrlOutcome::RevokedLater { at, reasons } => {
                covered_reasons |= reasons;
                crl_good_later = Some(at);
            }
            CrlOutcome::Revoked(at, reason) => {
                return CertRevocation {
                    status: Status::Revoked {
                        at,
                        reason,
                        source: "crl",
                    },
                    findings,
                };
            }
        }
    }
    if covered_reasons & ALL_REASONS == ALL_REASONS {
        good = match good {
            Some((s, later)) => Some((s, later.or(crl_good_later))),
            None => Some(("crl", crl_good_later)),
        };
    } else if covered_reasons != 0 && good.is_none() {
        findings.push(Finding::warning(
            codes::CRL_PARTIAL_REASONS,
            "Các danh sách thu hồi đi kèm chỉ bao gồm một số lý do thu hồi, không đủ để kết luận.",
            "The embedded revocation lists cover only some revocation reasons, which is not enough to conclude.",
        ));
    }
    match good {
        Some((source, revoked_later)) => CertRevocation {
            status: Status::Good {
                source,
                revoked_later,
            },
            findings,
        },
        None => CertRevocation {
            status: Status::Unknown,
            findings,
        },
    }
}

enum OcspOutcome {
    NotApplicable,
    Unusable(Finding),
    Good,
    RevokedLater(i64),
    Revoked(i64, Option<String>),
}

fn check_ocsp(
    cert: &ParsedCert,
    issuer: &ParsedCert,
    time: i64,
    der: &[u8],
    resp: &BasicOcspResponse,
    ev: &ParsedEvidence,
    trust: &dyn SignerTrust,
) -> OcspOutcome {
    // RFC 6960 §4.1.1 CertID: hashes of the issuer's name (DER) and of its key (BIT STRING value).
    let serial = cert.tbs().serial_number.as_bytes();
    let single = resp.tbs_response_data.responses.iter().find(|s| {
        let Some(alg) = DigestAlg::from_oid(&s.cert_id.hash_algorithm.oid) else {
            return false;
        };
        let Some(key_bits) = issuer.spki().subject_public_key.as_bytes() else {
            return false;
        };
        s.cert_id.serial_number.as_bytes() == serial
            && s.cert_id.issuer_name_hash.as_bytes() == alg.digest(&cert.issuer_der).as_slice()
            && s.cert_id.issuer_key_hash.as_bytes() == alg.digest(key_bits).as_slice()
    });
    let Some(single) = single else {
        return OcspOutcome::NotApplicable;
    };
    let unusable = |vi: &str, en: &str| {
        OcspOutcome::Unusable(Finding::warning(
            codes::OCSP_UNUSABLE,
            format!("Phản hồi OCSP cho chứng thư này không dùng được: {vi}."),
            format!("The OCSP response for this certificate cannot be used: {en}."),
        ))
    };
    // RFC 6960 §4.2.1: the signature covers the DER ResponseData as received.
    let Some(tbs) = sig::tbs_slice(der) else {
        return unusable("cấu trúc hỏng", "malformed structure");
    };
    let Some(sig_bytes) = resp.signature.as_bytes() else {
        return unusable("chữ ký hỏng", "malformed signature");
    };
    let produced = gt(&resp.tbs_response_data.produced_at);
    // RFC 6960 §4.2.2.2: signed by the issuer itself, or by a responder the issuer
    // delegated with id-kp-OCSPSigning.
    let signed_by_issuer = trust.spend_signature()
        && sig::verify_raw(&resp.signature_algorithm, issuer.spki(), tbs, sig_bytes).is_ok();
    if !signed_by_issuer {
        let responder_matches = |c: &ParsedCert| match &resp.tbs_response_data.responder_id {
            ResponderId::ByName(n) => names::names_equal(n, &c.tbs().subject),
            ResponderId::ByKey(k) => c
                .spki()
                .subject_public_key
                .as_bytes()
                .map(|b| DigestAlg::Sha1.digest(b) == k.as_bytes())
                .unwrap_or(false),
        };
        let delegated = ev.certs.iter().filter(|c| responder_matches(c)).any(|c| {
            c.eku()
                .map(|e| e.contains(&OID_KP_OCSP_SIGNING))
                .unwrap_or(false)
                && c.may_be_issued_by(issuer)
                && trust.spend_signature()
                && sig::verify_cert_signature(&c.cert, &c.der, issuer.spki()).is_ok()
                && c.not_before() <= produced
                && produced <= c.not_after()
                && trust.spend_signature()
                && sig::verify_raw(&resp.signature_algorithm, c.spki(), tbs, sig_bytes).is_ok()
        });
        if !delegated {
            return unusable(
                "không xác minh được chữ ký của máy chủ OCSP (không phải CA phát hành hay máy chủ được CA ủy quyền)",
                "its signature does not verify as the issuing CA's or an authorised responder's",
            );
        }
    }
    let this_update = gt(&single.this_update);
    if let Some(next) = &single.next_update {
        if gt(next) < time {
            return unusable(
                "đã hết hạn trước thời điểm kiểm tra",
                "it expired before the validation time",
            );
        }
    } else if this_update < time {
        return unusable(
            "được cấp trước thời điểm kiểm tra và không có hạn",
            "it predates the validation time and has no nextUpdate",
        );
    }
    match &single.cert_status {
        CertStatus::Good(_) => OcspOutcome::Good,
        CertStatus::Unknown(_) => unusable(
            "máy chủ trả lời 'không rõ'",
            "the responder answered 'unknown'",
        ),
        CertStatus::Revoked(info) => {
            let at = gt(&info.revocation_time);
            if at <= time {
                OcspOutcome::Revoked(
                    at,
                    info.revocation_reason.map(|r| reason_name(r).to_string()),
                )
            } else {
                OcspOutcome::RevokedLater(at)
            }
        }
    }
}

enum CrlOutcome {
    NotApplicable,
    Unusable(Finding),
    NotListed { reasons: u16 },
    RevokedLater { at: i64, reasons: u16 },
    Revoked(i64, Option<String>),
}

fn crl_unusable(vi: &str, en: &str) -> CrlOutcome {
    CrlOutcome::Unusable(Finding::warning(
        codes::CRL_UNUSABLE,
        format!("Danh sách thu hồi (CRL) cho chứng thư này không dùng được: {vi}."),
        format!("The revocation list (CRL) for this certificate cannot be used: {en}."),
    ))
}

fn directory_names(g: &[GeneralName]) -> impl Iterator<Item = &x509_cert::name::Name> {
    g.iter().filter_map(|n| match n {
        GeneralName::DirectoryName(d) => Some(d),
        _ => None,
    })
}

fn general_names_equal(a: &GeneralName, b: &GeneralName) -> bool {
    match (a, b) {
        (GeneralName::DirectoryName(x), GeneralName::DirectoryName(y)) => names::names_equal(x, y),
        _ => a == b,
    }
}

/// Full names of a distribution point name, resolving nameRelativeToCRLIssuer (RFC 5280 §4.2.1.13).
fn dp_full_names(
    dp: &DistributionPointName,
    crl_issuer: &x509_cert::name::Name,
) -> Vec<GeneralName> {
    match dp {
        DistributionPointName::FullName(g) => g.clone(),
        DistributionPointName::NameRelativeToCRLIssuer(rdn) => {
            let mut n = crl_issuer.clone();
            n.0.push(rdn.clone());
            vec![GeneralName::DirectoryName(n)]
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check_crl(
    cert: &ParsedCert,
    issuer: &ParsedCert,
    time: i64,
    der: &[u8],
    crl: &CertificateList,
    ev: &ParsedEvidence,
    trust: &dyn SignerTrust,
) -> CrlOutcome {
    let tbs = &crl.tbs_cert_list;
    let exts = tbs.crl_extensions.as_deref().unwrap_or(&[]);
    let idp: Option<IssuingDistributionPoint> = exts
        .iter()
        .find(|e| e.extn_id == OID_IDP)
        .and_then(|e| IssuingDistributionPoint::from_der(e.extn_value.as_bytes()).ok());
    let indirect = idp.as_ref().map(|i| i.indirect_crl).unwrap_or(false);
    let crl_issuer_is_cert_issuer = names::names_equal(&tbs.issuer, &cert.tbs().issuer);
    // RFC 5280 §6.3.3(b)(1): when a distribution point of the certificate names
    // a cRLIssuer, the CRL must come from it (and be marked indirect unless it
    // is the certificate's issuer); otherwise the CRL issuer is the certificate's issuer.
    let cdp = cert
        .tbs()
        .get::<CrlDistributionPoints>()
        .ok()
        .flatten()
        .map(|(_, d)| d.0)
        .unwrap_or_default();
    let direct_dp = cdp.is_empty() || cdp.iter().any(|dp| dp.crl_issuer.is_none());
    let named_crl_issuer = cdp.iter().any(|dp| {
        dp.crl_issuer
            .as_ref()
            .map(|g| directory_names(g).any(|n| names::names_equal(n, &tbs.issuer)))
            .unwrap_or(false)
    });
    let applicable = (direct_dp && crl_issuer_is_cert_issuer)
        || (named_crl_issuer && (indirect || crl_issuer_is_cert_issuer));
    if !applicable {
        return CrlOutcome::NotApplicable;
    }
    // A delta CRL (RFC 5280 §5.2.4) is applied only on top of its complete CRL, below.
    if exts.iter().any(|e| e.extn_id == OID_DELTA_CRL_INDICATOR) {
        return CrlOutcome::NotApplicable;
    }
    // §5.2 / §6.3.3: unknown critical CRL extensions make the CRL unusable.
    if has_unknown_critical(crl) {
        return crl_unusable(
            "có phần mở rộng quan trọng không xác định",
            "it has an unknown critical extension",
        );
    }
    // §6.3.3(b)(2): the issuing distribution point must match the certificate.
    let mut reasons = ALL_REASONS;
    if let Some(idp) = &idp {
        if idp.only_contains_attribute_certs
            || (idp.only_contains_user_certs && cert.is_ca())
            || (idp.only_contains_ca_certs && !cert.is_ca())
        {
            return CrlOutcome::NotApplicable;
        }
        if let Some(dpn) = &idp.distribution_point {
            let idp_names = dp_full_names(dpn, &tbs.issuer);
            let matches = if cdp.is_empty() {
                false
            } else {
                cdp.iter().any(|dp| {
                    let mut names_of_dp: Vec<GeneralName> = Vec::new();
                    if let Some(n) = &dp.distribution_point {
                        // nameRelativeToCRLIssuer is relative to the cRLIssuer when present (§4.2.1.13).
                        let base = dp
                            .crl_issuer
                            .as_ref()
                            .and_then(|g| directory_names(g).next())
                            .unwrap_or(&cert.tbs().issuer);
                        names_of_dp.extend(dp_full_names(n, base));
                    }
                    if let Some(ci) = &dp.crl_issuer {
                        if dp.distribution_point.is_none() {
                            names_of_dp.extend(ci.iter().cloned());
                        }
                    }
                    names_of_dp
                        .iter()
                        .any(|a| idp_names.iter().any(|b| general_names_equal(a, b)))
                })
            };
            if !matches {
                return CrlOutcome::NotApplicable;
            }
        }
        if let Some(r) = &idp.only_some_reasons {
            reasons = r.bits() & ALL_REASONS;
        }
    }
    // §6.3.3(f)–(g): the CRL signature, by the issuer's key or by a CRL
    // signer with the same name (or the indirect CRL issuer) whose own path is valid.
    if !crl_signature_ok(cert, issuer, time, der, crl, ev, trust) {
        return crl_unusable(
            "không xác minh được chữ ký của CRL bằng khóa của CA phát hành",
            "its signature does not verify with a trusted key of the issuing CA",
        );
    }
    // Freshness: usable for `time` if still current then or issued later.
    if stale(crl, time) {
        return crl_unusable(
            "đã hết hiệu lực (nextUpdate) trước thời điểm kiểm tra",
            "its nextUpdate is before the validation time",
        );
    }
    let mut entry = match find_entry(cert, crl) {
        Ok(e) => e.filter(|(_, r)| *r != Some(CrlReason::RemoveFromCRL)),
        Err(f) => return f,
    };
    // Delta CRLs (RFC 5280 §5.2.4, §6.3.3(c)): a delta from the same issuer
    // whose BaseCRLNumber is not above this CRL's number updates it; an entry
    // with reason removeFromCRL lifts a hold. Only applied on top of a usable
    // complete CRL; a delta alone decides nothing.
    if let Some(number) = crl_number(crl, OID_CRL_NUMBER) {
        for (dder, dcrl) in &ev.crls {
            let Some(base) = crl_number(dcrl, OID_DELTA_CRL_INDICATOR) else {
                continue;
            };
            if (base.len(), &base) > (number.len(), &number)
                || !names::names_equal(&dcrl.tbs_cert_list.issuer, &tbs.issuer)
                || stale(dcrl, time)
                || has_unknown_critical(dcrl)
                || !crl_signature_ok(cert, issuer, time, dder, dcrl, ev, trust)
            {
                continue;
            }
            match find_entry(cert, dcrl) {
                Ok(Some((_, Some(CrlReason::RemoveFromCRL)))) => entry = None,
                Ok(Some(e)) => entry = Some(e),
                Ok(None) => {}
                Err(f) => return f,
            }
        }
    }
    match entry {
        None => CrlOutcome::NotListed { reasons },
        Some((at, reason)) if at <= time => {
            CrlOutcome::Revoked(at, reason.map(|r| reason_name(r).to_string()))
        }
        Some((at, _)) => CrlOutcome::RevokedLater { at, reasons },
    }
}

/// A CRL number (CRLNumber or BaseCRLNumber extension, both INTEGER), as bytes
/// without leading zeros so that longer means larger.
fn crl_number(crl: &CertificateList, oid: const_oid::ObjectIdentifier) -> Option<Vec<u8>> {
    let e = crl
        .tbs_cert_list
        .crl_extensions
        .as_deref()?
        .iter()
        .find(|e| e.extn_id == oid)?;
    let n = der::asn1::Uint::from_der(e.extn_value.as_bytes()).ok()?;
    Some(n.as_bytes().to_vec())
}

fn stale(crl: &CertificateList, time: i64) -> bool {
    matches!(&crl.tbs_cert_list.next_update, Some(n) if t_of(n) < time)
}

fn has_unknown_critical(crl: &CertificateList) -> bool {
    let known = [
        OID_IDP,
        OID_CRL_NUMBER,
        OID_AKI,
        OID_FRESHEST_CRL,
        OID_DELTA_CRL_INDICATOR,
    ];
    crl.tbs_cert_list
        .crl_extensions
        .iter()
        .flatten()
        .any(|e| e.critical && !known.contains(&e.extn_id))
}

#[allow(clippy::too_many_arguments)]
fn crl_signature_ok(
    cert: &ParsedCert,
    issuer: &ParsedCert,
    time: i64,
    der: &[u8],
    crl: &CertificateList,
    ev: &ParsedEvidence,
    trust: &dyn SignerTrust,
) -> bool {
    let tbs = &crl.tbs_cert_list;
    let (Some(tbs_raw), Some(sig_bytes)) = (sig::tbs_slice(der), crl.signature.as_bytes()) else {
        return false;
    };
    let crl_issuer_is_cert_issuer = names::names_equal(&tbs.issuer, &cert.tbs().issuer);
    let issuer_can_sign_crl = issuer.has_key_usage(KeyUsages::CRLSign).unwrap_or(true);
    if crl_issuer_is_cert_issuer
        && issuer_can_sign_crl
        && trust.spend_signature()
        && sig::verify_raw(&crl.signature_algorithm, issuer.spki(), tbs_raw, sig_bytes).is_ok()
    {
        return true;
    }
    ev.certs.iter().chain(trust.signer_candidates()).any(|c| {
        names::names_equal(&c.tbs().subject, &tbs.issuer)
            && c.der != issuer.der
            && c.has_key_usage(KeyUsages::CRLSign).unwrap_or(true)
            && trust.spend_signature()
            && sig::verify_raw(&crl.signature_algorithm, c.spki(), tbs_raw, sig_bytes).is_ok()
            && trust.trusted_signer(c, time)
    })
}

/// The entry for `cert` in `crl` (revocation date, reason), tracking the
/// certificateIssuer entry extension of indirect CRLs (§5.3.3). `Err` when the
/// entry carries an unknown critical extension (§5.3: the CRL cannot be used).
fn find_entry(
    cert: &ParsedCert,
    crl: &CertificateList,
) -> Result<Option<(i64, Option<CrlReason>)>, CrlOutcome> {
    let tbs = &crl.tbs_cert_list;
    let serial = cert.tbs().serial_number.as_bytes();
    let mut entry_issuer = tbs.issuer.clone();
    for entry in tbs.revoked_certificates.iter().flatten() {
        let eexts = entry.crl_entry_extensions.as_deref().unwrap_or(&[]);
        if let Some(ci) = eexts.iter().find(|e| e.extn_id == OID_ENTRY_CERT_ISSUER) {
            if let Ok(g) =
                x509_cert::ext::pkix::name::GeneralNames::from_der(ci.extn_value.as_bytes())
            {
                if let Some(n) = directory_names(&g).next() {
                    entry_issuer = n.clone();
                }
            }
        }
        if entry.serial_number.as_bytes() != serial
            || !names::names_equal(&entry_issuer, &cert.tbs().issuer)
        {
            continue;
        }
        let known_entry = [
            OID_ENTRY_REASON,
            OID_ENTRY_INVALIDITY,
            OID_ENTRY_CERT_ISSUER,
        ];
        if eexts
            .iter()
            .any(|e| e.critical && !known_entry.contains(&e.extn_id))
        {
            return Err(crl_unusable(
                "mục thu hồi của chứng thư có phần mở rộng quan trọng không xác định",
                "the certificate's entry has an unknown critical extension",
            ));
        }
        let reason = eexts
            .iter()
            .find(|e| e.extn_id == OID_ENTRY_REASON)
            .and_then(|e| CrlReason::from_der(e.extn_value.as_bytes()).ok());
        return Ok(Some((t_of(&entry.revocation_date), reason)));
    }
    Ok(None)
}

/// A finding describing a revocation date.
pub(crate) fn revoked_finding(at: i64, reason: &Option<String>, source: &str, ca: bool) -> Finding {
    let who_vi = if ca {
        "Chứng thư của CA trung gian"
    } else {
        "Chứng thư số của người ký"
    };
    let who_en = if ca {
        "An intermediate CA certificate"
    } else {
        "The signer's certificate"
    };
    let r = reason
        .as_deref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    Finding::error(
        if ca {
            codes::REVOCATION_CA_REVOKED
        } else {
            codes::REVOCATION_REVOKED
        },
        format!(
            "{who_vi} đã bị thu hồi từ {}{r}, trước thời điểm kiểm tra (theo {}).",
            Time(at).to_vietnam_display(),
            source.to_uppercase()
        ),
        format!(
            "{who_en} was revoked on {}{r}, before the validation time (per {}).",
            Time(at),
            source.to_uppercase()
        ),
    )
}
