//! Trust: which anchors, which validation time, which revocation evidence,
//! and path validation results turned into report facts.
//!
//! Validation time (ETSI EN 319 102-1 §5.6.2.1 past signature validation, in
//! the simple form Kyso implements): a valid, trusted signature timestamp's
//! genTime proves the signature existed then; failing that, a later valid
//! document timestamp that covers the signature (PAdES-LTA, ETSI EN 319 142-1
//! §5.4); failing that, the signer's own claim (`signingTime` or `/M`),
//! labelled *unproven*; failing that, the current time. Because a claim
//! proves nothing (ETSI EN 319 102-1 §5.6.3), a chain validated at the claimed
//! time is validated now as well and the claim stands only when both pass: a
//! certificate that expired or was revoked since gives `OUT_OF_BOUNDS_NO_POE` /
//! `REVOKED_NO_POE`, with a note that the chain was fine at the claimed time.
//!
//! The user may choose the validation time instead ([`ValidationTimeChoice`],
//! `kyso verify --at`, the portal's settings); see [`Clock`]. A choice is a
//! question ("was it valid then?"), never a proof: the report states it
//! (`Report::validation_time_choice`, `core.trust.user_validation_time`).

use crate::codes;
use kyso_pki::{AnchorSource, KeyPurpose, PathRequest, RevocationEvidence, TrustStore};
use kyso_report::{
    CertificateInfo, Finding, Time, TrustInfo, ValidationTimeChoice, ValidationTimeSource,
};

/// The store for one verification: bundled VN anchors, the user's extra
/// certificates, and test anchors when the caller asked for them.
pub fn build_store(opts: &crate::ValidationOptions<'_>, findings: &mut Vec<Finding>) -> TrustStore {
    let mut store = TrustStore::bundled();
    for (bytes, source) in opts
        .extra_trust
        .iter()
        .map(|b| (b, AnchorSource::User))
        .chain(opts.test_anchors.iter().map(|b| (b, AnchorSource::Test)))
    {
        if let Err(e) = store.add_pem_der_or_p7b(bytes, source) {
            findings.push(Finding::warning(
                codes::TRUST_INPUT_UNREADABLE,
                format!("Một tệp chứng thư tin cậy do người dùng thêm không đọc được và đã bị bỏ qua ({e})."),
                format!("A trust certificate file added by the user could not be read and was ignored ({e})."),
            ));
        }
    }
    if opts.test_anchors.iter().any(|b| !b.is_empty()) {
        findings.push(Finding::info(
            codes::TRUST_TEST_ANCHORS,
            "Lần kiểm tra này tin cậy thêm các chứng thư gốc dùng để thử nghiệm (không bao giờ được tin cậy mặc định).",
            "This run also trusts test root certificates (never trusted by default).",
        ));
    }
    store
}

/// A chosen validation time.
#[derive(Debug, Clone, Copy)]
pub struct ValidationTime {
    /// Unix seconds.
    pub time: i64,
    /// Where it comes from.
    pub source: ValidationTimeSource,
}

/// Choose the validation time (see the module docs).
pub fn choose_time(
    signature_ts: Option<Time>,
    later_doc_ts: Option<Time>,
    claimed: Option<Time>,
    now: Option<i64>,
) -> Option<ValidationTime> {
    if let Some(t) = signature_ts.or(later_doc_ts) {
        return Some(ValidationTime {
            time: t.0,
            source: ValidationTimeSource::Timestamp,
        });
    }
    if let Some(t) = claimed {
        return Some(ValidationTime {
            time: t.0,
            source: ValidationTimeSource::ClaimedUnproven,
        });
    }
    now.map(|t| ValidationTime {
        time: t,
        source: ValidationTimeSource::Now,
    })
}

/// How one run picks validation times: the current time and the user's choice.
///
/// - [`ValidationTimeChoice::Default`]: [`choose_time`], and a claimed time is
///   re-checked at the current time ([`validate_signer`]).
/// - [`ValidationTimeChoice::At`]`(t)`: `t` is the current time of ETSI EN
///   319 102-1 (EU DSS's "validation time"): the validation is performed as
///   if it were `t`. A signer is validated at its best-signature-time, the
///   earliest of `t` and its proofs of existence: a proof not later than `t`
///   (valid, trusted signature timestamp, else a later document timestamp)
///   moves the validation back to the proven time, as by default; a proof
///   later than `t` did not exist yet at `t` and cannot, so the chain is
///   validated at `t`. The signer's claim is not used. A document timestamp's
///   own authority is validated at `t` (or a later document timestamp's time
///   not later than `t`) instead of now.
/// - [`ValidationTimeChoice::Claimed`]: a signer without a proof is validated
///   at its claimed signing time only, never re-checked now; with a proof, at
///   the proven time; without a claim, now.
///
/// The choice never touches the algorithm policy: a weak algorithm is only
/// saved by a proof (a forger working today can write any date).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The current time (unix seconds), when known.
    pub now: Option<i64>,
    /// The user's choice.
    pub choice: ValidationTimeChoice,
}

impl Clock {
    /// The clock of one verification: the caller's current time (else the
    /// system clock, natively) and the user's choice.
    pub fn new(opts: &crate::ValidationOptions<'_>) -> Self {
        Clock {
            now: crate::time::now(opts.now),
            choice: opts.validation_time,
        }
    }

    /// A proof of existence, when it counts: under `At(t)` only if not later than `t`.
    pub fn usable(&self, proof: Option<Time>) -> Option<Time> {
        match self.choice {
            ValidationTimeChoice::At { time } => proof.filter(|p| *p <= time),
            _ => proof,
        }
    }

    /// The validation time for a signer (or a document timestamp's authority,
    /// with no claim): `proof` is the usable proof of existence ([`Clock::usable`]).
    pub fn time_for(&self, proof: Option<Time>, claimed: Option<Time>) -> Option<ValidationTime> {
        match self.choice {
            ValidationTimeChoice::At { time } => Some(match proof {
                Some(p) => ValidationTime {
                    time: p.0,
                    source: ValidationTimeSource::Timestamp,
                },
                None => ValidationTime {
                    time: time.0,
                    source: ValidationTimeSource::UserChosen,
                },
            }),
            ValidationTimeChoice::Default | ValidationTimeChoice::Claimed => {
                choose_time(proof, None, claimed, self.now)
            }
        }
    }

    /// The time at which a chain validated at an unproven claim is validated
    /// again: the current time by default; never when the user chose.
    pub fn recheck_at(&self) -> Option<i64> {
        match self.choice {
            ValidationTimeChoice::Default => self.now,
            _ => None,
        }
    }
}

/// The document-level statement of the user's choice (`None` by default).
pub fn user_choice_finding(choice: ValidationTimeChoice) -> Option<Finding> {
    const CODE: &str = codes::TRUST_USER_VALIDATION_TIME;
    match choice {
        ValidationTimeChoice::Default => None,
        ValidationTimeChoice::At { time } => Some(Finding::warning(
            CODE,
            format!("Thời điểm kiểm tra do người dùng chọn ({}); lựa chọn này không chứng minh chữ ký tồn tại vào thời điểm đó. Chữ ký có dấu thời gian hợp lệ không muộn hơn thời điểm này vẫn được kiểm tra tại thời điểm ghi trong dấu thời gian.", time.to_vietnam_display()),
            format!("Validation time chosen by the user ({}); this choice proves nothing about when the signature existed. Signatures with a valid timestamp no later than that time are still validated at the timestamp's time.", time.to_rfc3339()),
        )),
        ValidationTimeChoice::Claimed => Some(Finding::warning(
            CODE,
            "Thời điểm kiểm tra do người dùng chọn (thời điểm ký được khai báo của từng chữ ký); lựa chọn này không chứng minh chữ ký tồn tại vào thời điểm đó. Chữ ký không có dấu thời gian được kiểm tra tại thời điểm người ký tự khai, và không kiểm tra lại tại thời điểm hiện tại.",
            "Validation time chosen by the user (each signature's claimed signing time); this choice proves nothing about when the signature existed. Signatures without a timestamp are validated at the time their signer claims, and not re-checked at the current time.",
        )),
    }
}

/// Notes for a signer validated at the user's chosen time although the file
/// holds a proof or a claim later than that time.
pub fn chosen_time_notes(trust: &mut TrustInfo, proof: Option<Time>, claimed: Option<Time>) {
    if trust.validation_time_source != Some(ValidationTimeSource::UserChosen) {
        return;
    }
    let Some(at) = trust.validation_time else {
        return;
    };
    if let Some(p) = proof.filter(|p| p.0 > at.0) {
        trust.findings.push(Finding::info(
            codes::TRUST_TIME_PROOF_AFTER_CHOSEN,
            format!("Một dấu thời gian chứng minh chữ ký đã tồn tại lúc {}, muộn hơn thời điểm kiểm tra đã chọn: vào thời điểm đã chọn bằng chứng này chưa có, nên chuỗi chứng thư được kiểm tra tại thời điểm đã chọn.", p.to_vietnam_display()),
            format!("A timestamp proves the signature existed at {}, later than the chosen validation time: at the chosen time that proof did not exist yet, so the chain was validated at the chosen time.", p.to_rfc3339()),
        ));
    }
    if let Some(c) = claimed.filter(|c| c.0 > at.0) {
        trust.findings.push(Finding::warning(
            codes::TRUST_TIME_CLAIM_AFTER_CHOSEN,
            format!("Người ký khai rằng đã ký lúc {}, muộn hơn thời điểm kiểm tra đã chọn: theo chính lời khai đó, chữ ký chưa tồn tại vào thời điểm đã chọn.", c.to_vietnam_display()),
            format!("The signer claims to have signed at {}, later than the chosen validation time: by that claim, the signature did not exist yet at the chosen time.", c.to_rfc3339()),
        ));
    }
}

/// Validate `leaf` for `purpose` at `time` and describe the outcome.
pub fn validate_path(
    leaf: &[u8],
    candidates: &[Vec<u8>],
    time: Option<ValidationTime>,
    purpose: KeyPurpose,
    evidence: &RevocationEvidence,
    store: &TrustStore,
) -> (TrustInfo, kyso_report::RevocationInfo) {
    let Some(vt) = time else {
        let mut t = TrustInfo::default();
        t.findings.push(Finding::warning(
            codes::TRUST_NO_TIME,
            "Không có thời điểm để kiểm tra chuỗi chứng thư (không có dấu thời gian, thời điểm ký hay giờ hiện tại).",
            "No time to validate the certificate chain at (no timestamp, no claimed signing time, no current time).",
        ));
        return (t, kyso_report::RevocationInfo::default());
    };
    let policy = kyso_crypto::policy::AlgorithmPolicy::default();
    let req = PathRequest {
        leaf,
        candidates,
        time: vt.time,
        purpose,
        revocation: evidence,
        policy: &policy,
    };
    let res = kyso_pki::validate(&req, store);
    let chain: Vec<CertificateInfo> = res
        .chain
        .iter()
        .filter_map(|d| kyso_pki::describe_certificate(d))
        .collect();
    let mut findings = res.findings;
    let when = Time(vt.time);
    findings.push(match vt.source {
        ValidationTimeSource::Timestamp => Finding::info(
            codes::TRUST_TIME_TIMESTAMP,
            format!("Chuỗi chứng thư được kiểm tra tại thời điểm ghi trong dấu thời gian: {}.", when.to_vietnam_display()),
            format!("The certificate chain was validated at the time proven by a timestamp: {}.", when.to_rfc3339()),
        ),
        ValidationTimeSource::ClaimedUnproven => Finding::warning(
            codes::TRUST_TIME_CLAIMED,
            format!("Không có dấu thời gian: chuỗi chứng thư được kiểm tra tại thời điểm ký do người ký tự khai ({}), thời điểm này chưa được chứng minh.", when.to_vietnam_display()),
            format!("No timestamp: the chain was validated at the signing time the signer claims ({}), which nothing proves.", when.to_rfc3339()),
        ),
        ValidationTimeSource::Now => Finding::info(
            codes::TRUST_TIME_NOW,
            format!("Chuỗi chứng thư được kiểm tra tại thời điểm hiện tại ({}).", when.to_vietnam_display()),
            format!("The certificate chain was validated at the current time ({}).", when.to_rfc3339()),
        ),
        ValidationTimeSource::UserChosen => Finding::warning(
            codes::TRUST_TIME_USER_CHOSEN,
            format!("Chuỗi chứng thư được kiểm tra tại thời điểm do người dùng chọn ({}); lựa chọn này không chứng minh chữ ký tồn tại vào thời điểm đó.", when.to_vietnam_display()),
            format!("The certificate chain was validated at the time chosen by the user ({}); this choice proves nothing about when the signature existed.", when.to_rfc3339()),
        ),
    });
    let trust = TrustInfo {
        status: res.status,
        chain,
        anchor: res.anchor_label,
        validation_time: Some(when),
        validation_time_source: Some(vt.source),
        findings,
    };
    (trust, res.revocation)
}

/// Validate a document signer at the chosen time (issue 4: a valid
/// timestamp's time, else the claimed signing time marked unproven, else now).
///
/// A claimed time proves nothing (ETSI EN 319 102-1 §5.6.2.1), so when the
/// chain was validated at the claim it is validated at `now` too: the claim
/// stands only when both pass. A certificate that has expired (or been
/// revoked) since the unproven claim gives `ExpiredNoPoe` (`RevokedNoPoe`), with
/// the note that the chain was fine at the claimed time. `now` is
/// [`Clock::recheck_at`]: `None` when the user chose the validation time,
/// which is then the only one.
#[allow(clippy::too_many_arguments)]
pub fn validate_signer(
    leaf: &[u8],
    candidates: &[Vec<u8>],
    time: Option<ValidationTime>,
    now: Option<i64>,
    evidence: &RevocationEvidence,
    store: &TrustStore,
) -> (TrustInfo, kyso_report::RevocationInfo) {
    use kyso_report::ChainStatus as C;
    let (mut trust, mut rev) = validate_path(
        leaf,
        candidates,
        time,
        KeyPurpose::DocumentSigning,
        evidence,
        store,
    );
    match (trust.validation_time_source, now) {
        (Some(ValidationTimeSource::Timestamp), _) => return (trust, rev),
        (Some(ValidationTimeSource::ClaimedUnproven), Some(now)) => {
            let claimed = trust.validation_time;
            let at_now = Some(ValidationTime {
                time: now,
                source: ValidationTimeSource::Now,
            });
            let (current, current_rev) = validate_path(
                leaf,
                candidates,
                at_now,
                KeyPurpose::DocumentSigning,
                evidence,
                store,
            );
            match (trust.status, current.status) {
                // Both pass: report the claimed time (with its "unproven" warning).
                (C::Trusted, C::Trusted) => {}
                // Revoked before the signer's own claimed time: revocation is
                // permanent (RFC 5280 §5.3.1), whatever the current CRL says.
                (C::Revoked | C::RevokedNoPoe, _) => {}
                (at_claim, _) => {
                    trust = current;
                    rev = current_rev;
                    if let (C::Trusted, Some(c)) = (at_claim, claimed) {
                        trust.findings.push(Finding::info(
                            codes::TRUST_VALID_AT_CLAIMED_TIME,
                            format!("Tại thời điểm ký do người ký tự khai ({}), chuỗi chứng thư hợp lệ; nhưng không có dấu thời gian chứng minh chữ ký được tạo vào lúc đó.", c.to_vietnam_display()),
                            format!("At the signing time the signer claims ({}), the chain was valid; but no timestamp proves the signature was made then.", c.to_rfc3339()),
                        ));
                    }
                }
            }
        }
        _ => {}
    }
    if trust.status == C::Revoked {
        trust.status = C::RevokedNoPoe;
        trust.findings.insert(0, Finding::error(
            codes::TRUST_REVOKED_NO_POE,
            "Chứng thư của người ký đã bị thu hồi, và không có dấu thời gian nào chứng minh chữ ký được tạo trước khi bị thu hồi.",
            "The signer's certificate is revoked, and no timestamp proves the signature was made before the revocation.",
        ));
    }
    (trust, rev)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_beats_claim_beats_now() {
        let ts = Some(Time(100));
        let doc = Some(Time(200));
        let claim = Some(Time(50));
        let t = choose_time(ts, doc, claim, Some(999)).unwrap();
        assert_eq!((t.time, t.source), (100, ValidationTimeSource::Timestamp));
        let t = choose_time(None, doc, claim, Some(999)).unwrap();
        assert_eq!((t.time, t.source), (200, ValidationTimeSource::Timestamp));
        let t = choose_time(None, None, claim, Some(999)).unwrap();
        assert_eq!(
            (t.time, t.source),
            (50, ValidationTimeSource::ClaimedUnproven)
        );
        let t = choose_time(None, None, None, Some(999)).unwrap();
        assert_eq!((t.time, t.source), (999, ValidationTimeSource::Now));
        assert!(choose_time(None, None, None, None).is_none());
    }

    #[test]
    fn the_clock_follows_the_users_choice() {
        let (proof, claim, now) = (Some(Time(100)), Some(Time(50)), Some(999));
        let default = Clock {
            now,
            choice: ValidationTimeChoice::Default,
        };
        let t = default.time_for(default.usable(proof), claim).unwrap();
        assert_eq!((t.time, t.source), (100, ValidationTimeSource::Timestamp));
        let t = default.time_for(None, claim).unwrap();
        assert_eq!(
            (t.time, t.source),
            (50, ValidationTimeSource::ClaimedUnproven)
        );
        assert_eq!(default.recheck_at(), Some(999));

        let claimed = Clock {
            now,
            choice: ValidationTimeChoice::Claimed,
        };
        let t = claimed.time_for(claimed.usable(proof), claim).unwrap();
        assert_eq!((t.time, t.source), (100, ValidationTimeSource::Timestamp));
        let t = claimed.time_for(None, claim).unwrap();
        assert_eq!(
            (t.time, t.source),
            (50, ValidationTimeSource::ClaimedUnproven)
        );
        let t = claimed.time_for(None, None).unwrap();
        assert_eq!((t.time, t.source), (999, ValidationTimeSource::Now));
        assert_eq!(claimed.recheck_at(), None);

        // At(t): a proof no later than t counts; a later one does not.
        let at = |t| Clock {
            now,
            choice: ValidationTimeChoice::At { time: Time(t) },
        };
        let c = at(200);
        let t = c.time_for(c.usable(proof), claim).unwrap();
        assert_eq!((t.time, t.source), (100, ValidationTimeSource::Timestamp));
        let c = at(100);
        assert_eq!(c.usable(proof), proof);
        let c = at(80);
        assert_eq!(c.usable(proof), None);
        let t = c.time_for(c.usable(proof), claim).unwrap();
        assert_eq!((t.time, t.source), (80, ValidationTimeSource::UserChosen));
        assert_eq!(c.recheck_at(), None);
        // Known even without a current time (wasm caller gave none).
        let c = Clock {
            now: None,
            choice: ValidationTimeChoice::At { time: Time(7) },
        };
        assert_eq!(c.time_for(None, None).unwrap().time, 7);
    }

    #[test]
    fn later_proofs_and_claims_are_noted_at_a_chosen_time() {
        let mut t = TrustInfo {
            validation_time: Some(Time(80)),
            validation_time_source: Some(ValidationTimeSource::UserChosen),
            ..Default::default()
        };
        chosen_time_notes(&mut t, Some(Time(100)), Some(Time(90)));
        let codes: Vec<_> = t.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                codes::TRUST_TIME_PROOF_AFTER_CHOSEN,
                codes::TRUST_TIME_CLAIM_AFTER_CHOSEN
            ]
        );
        let mut t = TrustInfo {
            validation_time: Some(Time(80)),
            validation_time_source: Some(ValidationTimeSource::UserChosen),
            ..Default::default()
        };
        chosen_time_notes(&mut t, None, Some(Time(70)));
        assert!(t.findings.is_empty());
        assert!(user_choice_finding(ValidationTimeChoice::Default).is_none());
    }

    #[test]
    fn test_anchors_are_added_only_when_given() {
        let mut f = Vec::new();
        let none = crate::ValidationOptions {
            extra_trust: &[],
            test_anchors: &[],
            now: None,
            validation_time: ValidationTimeChoice::Default,
        };
        let base = build_store(&none, &mut f).anchors().len();
        assert!(f.is_empty());
        let test = [b"not a certificate".to_vec()];
        let opts = crate::ValidationOptions {
            test_anchors: &test,
            ..none
        };
        let store = build_store(&opts, &mut f);
        assert_eq!(store.anchors().len(), base);
        assert!(f.iter().any(|x| x.code == codes::TRUST_INPUT_UNREADABLE));
    }
}
