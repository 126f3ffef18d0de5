//! From `kyso-cms` results (a SignerInfo, an RFC 3161 token) and `kyso-pki`
//! results to the report's facts and findings. Nothing is decided here: the
//! verdict comes from `kyso_report::verdict`.

use crate::codes;
use crate::trust::{chosen_time_notes, validate_signer, Clock};
use kyso_cms::tsp::{self, TokenResult};
use kyso_cms::{SignedDataView, SignerResult};
use kyso_crypto::policy::AlgorithmPolicy;
use kyso_crypto::DigestAlg;
use kyso_pki::{KeyPurpose, RevocationEvidence, TrustStore};
use kyso_report::{
    ChainStatus, Finding, SignatureReport, Time, TimestampInfo, ValidationTimeSource,
};

/// Record a verified SignerInfo as facts on `sig`.
pub fn apply_signer(sig: &mut SignatureReport, res: &SignerResult, sd: &SignedDataView) {
    let f = &mut sig.facts;
    f.format_failure |= res.format_failure;
    f.signer_certificate_found = res.signer_cert.is_some();
    f.digest_matches = res.digest_matches;
    f.crypto_valid = res.crypto_valid;
    f.unsupported_algorithm |= res.unsupported_algorithm;
    f.weak_algorithm |= res.weak_algorithm;
    f.weak_algorithm_no_poe |= res.weak_algorithm_no_poe;
    f.signing_certificate_ref_ok = res.signing_certificate_ref_ok;
    sig.algorithms.digest = res.digest_alg.map(|d| d.name().to_string());
    sig.algorithms.signature = res.signature_alg.clone();
    sig.algorithms.public_key = res.public_key.clone();
    sig.signing_time.cms_signing_time = res.signing_time;
    if let Some(c) = res.signer_cert.and_then(|i| sd.certificates().get(i)) {
        sig.signer = kyso_pki::describe_certificate(&c.der);
    }
    sig.findings.extend(res.findings.iter().cloned());
}

/// Facts about one timestamp token, ready for the report.
pub struct TokenOutcome {
    /// For the report.
    pub info: TimestampInfo,
    /// Imprint, token signature and TSA certificate all check out.
    pub valid: bool,
    /// The token's own SignerInfo verification.
    pub result: Option<TokenResult>,
    /// The TSA certificate, when found.
    pub tsa_cert: Option<Vec<u8>>,
}

/// How a timestamp's imprint is computed: the digest, by the token's
/// algorithm, of what the token covers.
pub type Imprint<'a> = &'a dyn Fn(DigestAlg) -> Vec<u8>;

/// Every signature timestamp of one signature (RFC 3161 tokens over what the
/// format says they cover: the CMS signature value, a XAdES signature's
/// canonicalized SignatureValue), verified with [`verify_timestamp`] and
/// recorded on `sig`: `facts.timestamp_invalid` when any token fails, the
/// first token's facts as `sig.timestamp`. Returns the proof of existence:
/// the earliest genTime of the valid tokens whose authority is trusted.
pub fn signature_timestamps(
    tokens: &[(&[u8], Imprint<'_>)],
    extra_certs: &[Vec<u8>],
    evidence: &RevocationEvidence,
    store: &TrustStore,
    policy: &AlgorithmPolicy,
    sig: &mut SignatureReport,
) -> Option<Time> {
    let mut proof: Option<Time> = None;
    for (k, (token, hash)) in tokens.iter().enumerate() {
        let out = verify_timestamp(token, *hash, extra_certs, evidence, store, policy);
        if !out.valid {
            sig.facts.timestamp_invalid = true;
        }
        if out.valid && out.info.trusted {
            proof = match (proof, out.info.gen_time) {
                (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
                (a, b) => a.or(b),
            };
        }
        if k == 0 || sig.timestamp.is_none() {
            sig.timestamp = Some(out.info);
        }
    }
    proof
}

/// Parse and verify a timestamp token whose imprint is computed by `hash`,
/// then validate its authority's path for time-stamping.
///
/// The authority is validated at the token's own genTime: the token is the
/// evidence of that time, and a TSA certificate that expired since still
/// vouches for what it stamped while valid (ETSI EN 319 102-1 §5.6.2.4 would
/// ask for a later proof; Kyso notes the simplification here).
pub fn verify_timestamp(
    token_der: &[u8],
    hash: &dyn Fn(DigestAlg) -> Vec<u8>,
    extra_certs: &[Vec<u8>],
    evidence: &RevocationEvidence,
    store: &TrustStore,
    policy: &AlgorithmPolicy,
) -> TokenOutcome {
    timestamp_outcome(token_der, Some(hash), extra_certs, evidence, store, policy)
}

/// Read a timestamp token whose imprint Kyso does not recompute (an archive
/// timestamp): its authority's signature and path are checked and reported,
/// the imprint is not, so it is never valid and never a proof of existence.
pub fn read_unbound_timestamp(
    token_der: &[u8],
    extra_certs: &[Vec<u8>],
    evidence: &RevocationEvidence,
    store: &TrustStore,
    policy: &AlgorithmPolicy,
) -> TokenOutcome {
    timestamp_outcome(token_der, None, extra_certs, evidence, store, policy)
}

fn timestamp_outcome(
    token_der: &[u8],
    hash: Option<&dyn Fn(DigestAlg) -> Vec<u8>>,
    extra_certs: &[Vec<u8>],
    evidence: &RevocationEvidence,
    store: &TrustStore,
    policy: &AlgorithmPolicy,
) -> TokenOutcome {
    let mut info = TimestampInfo::default();
    let tok = match tsp::parse_token(token_der, &kyso_cms::Limits::default()) {
        Ok(t) => t,
        Err(e) => {
            info.findings.push(e.to_finding());
            info.findings.push(Finding::error(
                codes::TIMESTAMP_UNREADABLE,
                "Dấu thời gian đi kèm chữ ký không đọc được.",
                "The timestamp token attached to the signature could not be read.",
            ));
            return TokenOutcome {
                info,
                valid: false,
                result: None,
                tsa_cert: None,
            };
        }
    };
    let res = match hash {
        Some(h) => tsp::verify_token_with(&tok, h, policy),
        None => tsp::verify_token_unbound(&tok, policy),
    };
    info.gen_time = Some(tok.gen_time);
    info.accuracy_ms = tok.accuracy_ms;
    info.policy = Some(tok.policy.clone()).filter(|p| !p.is_empty());
    info.imprint_algorithm = Some(
        tok.imprint_alg
            .map(|a| a.name().to_string())
            .unwrap_or_else(|| tok.imprint_alg_oid.clone()),
    );
    info.imprint_matches = res.imprint_matches == Some(true);
    info.signature_valid =
        res.signer.digest_matches == Some(true) && res.signer.crypto_valid == Some(true);
    info.findings.extend(res.findings.iter().cloned());
    info.findings.extend(res.signer.findings.iter().cloned());
    let certs = tok.cms.certificates();
    let tsa_cert = res
        .tsa_cert
        .and_then(|i| certs.get(i))
        .map(|c| c.der.clone());
    if let Some(der) = &tsa_cert {
        info.authority = kyso_pki::describe_certificate(der);
        let mut candidates: Vec<Vec<u8>> = certs.iter().map(|c| c.der.clone()).collect();
        candidates.extend(extra_certs.iter().cloned());
        let when = Some(crate::trust::ValidationTime {
            time: tok.gen_time.0,
            source: ValidationTimeSource::Timestamp,
        });
        let (trust, _rev) = crate::trust::validate_path(
            der,
            &candidates,
            when,
            KeyPurpose::TimeStamping,
            evidence,
            store,
        );
        info.trusted = trust.status == ChainStatus::Trusted;
        info.chain = trust.chain;
        info.findings.extend(trust.findings);
    }
    let valid = res.is_valid();
    if hash.is_none() {
        // Unbound: say what was and was not checked, and nothing else.
        let sig_ok = info.signature_valid && tsa_cert.is_some() && !res.signer.format_failure;
        info.findings.push(if sig_ok {
            Finding::info(
                codes::TIMESTAMP_UNBOUND,
                format!("Dấu thời gian lưu trữ ngày {}: chữ ký của đơn vị cấp dấu thời gian đúng; Kyso chưa kiểm tra nó phủ những dữ liệu nào, nên không dùng nó làm bằng chứng.", tok.gen_time.to_vietnam_display()),
                format!("Archive timestamp of {}: the authority's signature is correct; Kyso does not check what it covers, so it is not used as proof.", tok.gen_time.to_rfc3339()),
            )
        } else {
            Finding::warning(
                codes::TIMESTAMP_UNBOUND,
                "Dấu thời gian lưu trữ không kiểm tra được (chữ ký của đơn vị cấp dấu thời gian sai hoặc thiếu chứng thư); nó không được dùng làm bằng chứng.",
                "The archive timestamp does not verify (bad authority signature or missing certificate); it is not used as proof.",
            )
        });
        return TokenOutcome {
            info,
            valid: false,
            result: Some(res),
            tsa_cert,
        };
    }
    info.findings.push(if valid {
        Finding::passed(
            codes::TIMESTAMP_VALID,
            format!("Dấu thời gian hợp lệ: {}.", tok.gen_time.to_vietnam_display()),
            format!("The timestamp is valid: {}.", tok.gen_time.to_rfc3339()),
        )
    } else {
        Finding::error(
            codes::TIMESTAMP_INVALID,
            "Dấu thời gian không hợp lệ (dấu vân tay không khớp, chữ ký của đơn vị cấp dấu thời gian sai, hoặc thiếu chứng thư của đơn vị này).",
            "The timestamp is not valid (imprint mismatch, bad authority signature, or the authority's certificate is missing).",
        )
    });
    if valid && !info.trusted {
        info.findings.push(Finding::warning(
            codes::TIMESTAMP_UNTRUSTED,
            "Đơn vị cấp dấu thời gian không thuộc danh sách tin cậy, nên dấu thời gian không được dùng làm bằng chứng về thời điểm ký.",
            "The timestamp authority is not trusted, so the timestamp is not used as proof of the signing time.",
        ));
    }
    TokenOutcome {
        info,
        valid,
        result: Some(res),
        tsa_cert,
    }
}

/// Vietnamese government signers write local time (UTC+7) into the CMS
/// `signingTime`, labelled UTC (see `../shared/vn/README.md`). When the
/// claimed time exceeds the timestamp by 7 h ± 15 min, say so as information.
pub fn local_time_note(claimed: Option<Time>, proven: Option<Time>) -> Option<Finding> {
    let (c, p) = (claimed?, proven?);
    let diff = c.0 - p.0;
    if (7 * 3600 - 15 * 60..=7 * 3600 + 15 * 60).contains(&diff) {
        return Some(Finding::info(
            codes::TIME_LOCAL_LABELLED_UTC,
            format!(
                "Thời điểm ký do phần mềm ký ghi ({}) là giờ Việt Nam nhưng bị gắn nhãn UTC, nên lệch khoảng 7 giờ so với dấu thời gian ({}). Đây là thói quen của phần mềm ký, không phải lỗi của chữ ký; Kyso dùng thời điểm trong dấu thời gian.",
                c.to_rfc3339(),
                p.to_vietnam_display()
            ),
            format!(
                "The signing software wrote Vietnam local time labelled as UTC ({}), about 7 hours off the timestamp ({}). This is a habit of the signing software, not a fault of the signature; Kyso uses the timestamp's time.",
                c.to_rfc3339(),
                p.to_rfc3339()
            ),
        ));
    }
    None
}

/// What a signature profile knows of its signer once the signature's own
/// checks and its timestamps are done: the input of [`judge_signer`].
pub struct SignerEvidence<'a> {
    /// The signer's certificate (DER), when the signature names one that is present.
    pub leaf: Option<&'a [u8]>,
    /// Every certificate the file offers for the path.
    pub certs: &'a [Vec<u8>],
    /// Revocation data the file carries.
    pub evidence: &'a RevocationEvidence,
    /// The earliest trusted signature timestamp ([`signature_timestamps`]).
    pub proof: Option<Time>,
    /// A later proof of existence that is not the signature's own (a PDF
    /// document timestamp added after it), used when `proof` is absent.
    pub later_proof: Option<Time>,
    /// The time the signer's software wrote (CMS signingTime, XAdES
    /// SigningTime): the 7-hour local-time note compares it with `proof`.
    pub signer_clock: Option<Time>,
    /// The claimed signing time used when no proof is usable (may fall back to
    /// a container's own date, e.g. the PDF /M).
    pub claimed: Option<Time>,
}

/// The tail every signature profile shares once its own checks are done: the
/// proven time and the local-time note on the report, then the signer's path
/// validated at the one time [`Clock`] chooses, and the notes when the user
/// chose that time. One function, so that PDF, CMS and XML signatures cannot
/// drift apart in how the validation time is picked.
pub fn judge_signer(
    r: &mut SignatureReport,
    clock: &Clock,
    store: &TrustStore,
    s: &SignerEvidence<'_>,
) {
    r.signing_time.timestamp = s.proof;
    if let Some(n) = local_time_note(s.signer_clock, s.proof) {
        r.signing_time.notes.push(n);
    }
    let Some(leaf) = s.leaf else {
        return;
    };
    let usable = clock.usable(s.proof).or(clock.usable(s.later_proof));
    let when = clock.time_for(usable, s.claimed);
    let (trust, rev) = validate_signer(leaf, s.certs, when, clock.recheck_at(), s.evidence, store);
    r.trust = trust;
    r.revocation = rev;
    chosen_time_notes(&mut r.trust, s.proof.or(s.later_proof), s.claimed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_note_only_near_seven_hours() {
        let p = Time(1_000_000);
        assert!(local_time_note(Some(Time(p.0 + 7 * 3600 + 60)), Some(p)).is_some());
        assert!(local_time_note(Some(Time(p.0 + 7 * 3600 - 14 * 60)), Some(p)).is_some());
        assert!(local_time_note(Some(Time(p.0 + 60)), Some(p)).is_none());
        assert!(local_time_note(Some(Time(p.0 + 8 * 3600)), Some(p)).is_none());
        assert!(local_time_note(None, Some(p)).is_none());
    }
}
