//! The one place where facts become a verdict.
//!
//! Verification stages only record facts ([`SignatureFacts`], [`TrustInfo`],
//! ...). [`finalize`] derives each signature's indication and the document's
//! bottom line from them, following ETSI EN 319 102-1 clause 5.1.3: a
//! `TOTAL_FAILED` condition wins over an `INDETERMINATE` one, and
//! `TOTAL_PASSED` needs every check to have passed.

use crate::{
    ChainStatus, Indication, Report, SignatureFacts, SignatureReport, SubIndication,
    ValidationTimeChoice, Verdict,
};
use crate::{Labels, Lang, Severity};

/// The finding a pipeline adds for a recognised format whose signatures it
/// does not verify yet: the summary then says so instead of "no signature".
pub use crate::codes::FORMAT_NOT_VERIFIED_YET;

/// Derive `(indication, sub_indication)` for one signature from its facts.
pub fn derive_signature(
    facts: &SignatureFacts,
    chain: ChainStatus,
) -> (Indication, Option<SubIndication>) {
    use Indication::*;
    use SubIndication as S;
    // TOTAL_FAILED: nothing more could change these.
    if facts.format_failure {
        return (TotalFailed, Some(S::FormatFailure));
    }
    if facts.digest_matches == Some(false) {
        return (TotalFailed, Some(S::HashFailure));
    }
    if facts.crypto_valid == Some(false) {
        return (TotalFailed, Some(S::SigCryptoFailure));
    }
    if facts.disallowed_changes {
        // EU DSS treats disallowed PDF modifications in its format-checking
        // block; the findings name the change.
        return (TotalFailed, Some(S::FormatFailure));
    }
    match chain {
        ChainStatus::Revoked => return (TotalFailed, Some(S::Revoked)),
        ChainStatus::NotYetValid => return (TotalFailed, Some(S::NotYetValid)),
        _ => {}
    }
    // The signed revision is in the file but the document's cross-reference
    // chain skips it: the signature may well be intact and genuine for the
    // version it signed, but the structure does not say how that version
    // relates to the document a reader is shown. Nothing proves a forgery
    // (TOTAL_FAILED) and nothing permits a pass: INDETERMINATE, for the
    // structure (FORMAT_FAILURE), whatever else could be decided.
    if facts.revision_unreachable {
        return (Indeterminate, Some(S::FormatFailure));
    }
    // Updates after the signature left unexamined by a budget: what they
    // change is unknown (FORMAT_FAILURE: Kyso could not process the
    // document whole), never a pass and never a proven forgery.
    if facts.changes_not_examined {
        return (Indeterminate, Some(S::FormatFailure));
    }
    // INDETERMINATE: more information (a certificate, a timestamp, a trust anchor) could decide.
    if facts.ambiguous_signer {
        return (Indeterminate, Some(S::SigConstraintsFailure));
    }
    if !facts.signer_certificate_found {
        return (Indeterminate, Some(S::NoSigningCertificateFound));
    }
    if facts.unsupported_algorithm {
        return (Indeterminate, Some(S::CryptoConstraintsFailure));
    }
    if facts.digest_matches.is_none() || facts.crypto_valid.is_none() {
        return (Indeterminate, Some(S::SignedDataNotFound));
    }
    if facts.signing_certificate_ref_ok == Some(false) {
        return (Indeterminate, Some(S::NoSigningCertificateFound));
    }
    if facts.weak_algorithm {
        let sub = if facts.weak_algorithm_no_poe {
            S::CryptoConstraintsFailureNoPoe
        } else {
            S::CryptoConstraintsFailure
        };
        return (Indeterminate, Some(sub));
    }
    if facts.timestamp_invalid {
        return (Indeterminate, Some(S::SigConstraintsFailure));
    }
    if facts.timestamp_order_failure {
        return (Indeterminate, Some(S::TimestampOrderFailure));
    }
    match chain {
        ChainStatus::Trusted => (TotalPassed, None),
        ChainStatus::NotChecked | ChainStatus::NoChainFound => {
            (Indeterminate, Some(S::NoCertificateChainFound))
        }
        ChainStatus::ExpiredNoPoe => (Indeterminate, Some(S::OutOfBoundsNoPoe)),
        ChainStatus::RevokedNoPoe => (Indeterminate, Some(S::RevokedNoPoe)),
        ChainStatus::ConstraintsFailure => (Indeterminate, Some(S::ChainConstraintsFailure)),
        ChainStatus::CertificateSignatureInvalid => {
            (Indeterminate, Some(S::CertificateChainGeneralFailure))
        }
        ChainStatus::CryptoConstraintsFailure => (Indeterminate, Some(S::CryptoConstraintsFailure)),
        ChainStatus::Revoked | ChainStatus::NotYetValid => unreachable!("handled above"),
    }
}

/// Fill the derived fields of one signature (`intact`, `signature_valid`,
/// `trusted`, `indication`, `sub_indication`) from its facts.
pub fn finalize_signature(sig: &mut SignatureReport) {
    let f = &sig.facts;
    sig.intact = !f.format_failure && f.digest_matches == Some(true);
    sig.signature_valid = sig.intact && f.crypto_valid == Some(true) && f.signer_certificate_found;
    sig.trusted = sig.trust.status == ChainStatus::Trusted;
    let (ind, sub) = derive_signature(&sig.facts, sig.trust.status);
    sig.indication = ind;
    sig.sub_indication = sub;
    sig.key_finding = (ind != Indication::TotalPassed)
        .then(|| crate::reason::most_important(crate::reason::signature_findings(sig)).cloned())
        .flatten();
}

/// Derive every signature's indication, then the document's verdict.
///
/// The document is `TOTAL_PASSED` only when every signature is, and no
/// document-level finding is an error. Nested reports are finalised too; a
/// failing child makes the parent fail (a valid envelope around a forged
/// attachment is not a valid document).
pub fn finalize(report: &mut Report) {
    let chosen = !report.validation_time_choice.is_default();
    for sig in &mut report.signatures {
        finalize_signature(sig);
        if chosen {
            unproven_time_rule(sig);
        }
    }
    for child in &mut report.children {
        finalize(&mut child.report);
    }
    let (indication, sub) = document_indication(report);
    let next;
    let (mut vi, mut en) = match deciding_child(report, indication, sub) {
        Some(c) => {
            let name = c
                .report
                .file
                .name
                .clone()
                .unwrap_or_else(|| c.location.clone());
            // The child's own summary (which names its own deciding child in
            // turn), after the path to it; and its next step.
            next = c
                .report
                .verdict
                .next_step_vi
                .clone()
                .zip(c.report.verdict.next_step_en.clone());
            (
                format!(
                    "Theo tài liệu bên trong “{name}”: {}",
                    c.report.verdict.summary_vi
                ),
                format!(
                    "Decided by the nested document “{name}”: {}",
                    c.report.verdict.summary_en
                ),
            )
        }
        None => {
            let (vi, en, step) = summary(report, indication, sub);
            next = step.map(|(vi, en)| (vi.to_owned(), en.to_owned()));
            (vi, en)
        }
    };
    if let Some((cvi, cen)) = choice_note(report) {
        vi = format!("{vi} {cvi}");
        en = format!("{en} {cen}");
    }
    let (next_step_vi, next_step_en) = next.unzip();
    report.verdict = Verdict {
        indication,
        sub_indication: sub,
        summary_vi: vi,
        summary_en: en,
        next_step_vi,
        next_step_en,
    };
}

/// When the user chose the validation time (a time of their own, or each
/// signer's claim), nothing proves the signature existed at that time. A
/// certificate not yet valid then is ETSI EN 319 102-1's `OUT_OF_BOUNDS_NO_POE`
/// ("expired or not yet valid at the validation time, and nothing shows the
/// signature was made within its validity"), not the permanent `NOT_YET_VALID`,
/// which needs a proven signing time. The default rule is untouched.
fn unproven_time_rule(sig: &mut SignatureReport) {
    use crate::ValidationTimeSource as V;
    if sig.indication == Indication::TotalFailed
        && sig.sub_indication == Some(SubIndication::NotYetValid)
        && matches!(
            sig.trust.validation_time_source,
            Some(V::UserChosen | V::ClaimedUnproven)
        )
    {
        sig.indication = Indication::Indeterminate;
        sig.sub_indication = Some(SubIndication::OutOfBoundsNoPoe);
    }
}

fn document_indication(report: &Report) -> (Indication, Option<SubIndication>) {
    if report.error.is_some() {
        return (
            Indication::Indeterminate,
            Some(SubIndication::FormatFailure),
        );
    }
    let child_verdicts = report
        .children
        .iter()
        .filter(|c| c.counts_for_verdict)
        .map(|c| (c.report.verdict.indication, c.report.verdict.sub_indication));
    let sig_verdicts = report
        .signatures
        .iter()
        .map(|s| (s.indication, s.sub_indication));
    let all: Vec<_> = sig_verdicts
        .chain(child_verdicts.filter(|(i, _)| *i != Indication::NoSignature))
        .collect();
    if let Some(&(i, s)) = all.iter().find(|(i, _)| *i == Indication::TotalFailed) {
        return (i, s);
    }
    if report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
    {
        return (Indication::TotalFailed, Some(SubIndication::FormatFailure));
    }
    // Part of the document was left unexamined: whatever passed, nothing
    // permits a pass (FORMAT_FAILURE: Kyso could not process it whole).
    if report.budget_exceeded {
        return (
            Indication::Indeterminate,
            Some(SubIndication::FormatFailure),
        );
    }
    if all.is_empty() {
        // An encrypted document Kyso cannot open may keep its signatures in
        // encrypted objects: "no signature" cannot be concluded. (Signatures
        // it does find are verified over the bytes as received, and judged
        // as usual.)
        if report.needs_password {
            return (
                Indication::Indeterminate,
                Some(SubIndication::FormatFailure),
            );
        }
        return (Indication::NoSignature, None);
    }
    if let Some(&(i, s)) = all.iter().find(|(i, _)| *i == Indication::Indeterminate) {
        return (i, s);
    }
    (Indication::TotalPassed, None)
}

/// The nested document that decided a failing or indeterminate verdict: the
/// first counted child with that verdict, when none of the document's own
/// signatures has it (then the summary names the child and quotes it).
fn deciding_child(
    report: &Report,
    ind: Indication,
    sub: Option<SubIndication>,
) -> Option<&crate::ChildReport> {
    if matches!(ind, Indication::TotalPassed | Indication::NoSignature) || report.error.is_some() {
        return None;
    }
    if report
        .signatures
        .iter()
        .any(|s| s.indication == ind && s.sub_indication == sub)
    {
        return None;
    }
    report.children.iter().find(|c| {
        c.counts_for_verdict
            && c.report.verdict.indication == ind
            && c.report.verdict.sub_indication == sub
    })
}

/// A verdict reached at a validation time the user chose holds at that time
/// only: the summary says so, so that it is never read as an unconditional "valid".
fn choice_note(report: &Report) -> Option<(String, String)> {
    let c = report.validation_time_choice;
    if c.is_default() || report.signatures.is_empty() || report.error.is_some() {
        return None;
    }
    let (vi_l, en_l) = (Labels(Lang::Vi), Labels(Lang::En));
    let (when_vi, when_en) = match c {
        ValidationTimeChoice::At { time } => (
            format!(
                "{}: {}",
                vi_l.validation_time_choice(c),
                time.to_vietnam_display()
            ),
            format!("{}: {}", en_l.validation_time_choice(c), time.to_rfc3339()),
        ),
        _ => (
            vi_l.validation_time_choice(c).to_owned(),
            en_l.validation_time_choice(c).to_owned(),
        ),
    };
    Some((
        format!("Kết luận này là tại thời điểm kiểm tra do người dùng chọn ({when_vi}), không phải bằng chứng về thời điểm ký."),
        format!("This verdict holds at the validation time chosen by the user ({when_en}), which is no proof of when anything was signed."),
    ))
}

type Step = Option<(&'static str, &'static str)>;

/// The document's one-sentence summary, and what the reader should do next.
fn summary(report: &Report, ind: Indication, sub: Option<SubIndication>) -> (String, String, Step) {
    use crate::reason::{class_of, most_important, next_step};
    let n = report.signatures.len();
    let passed = report
        .signatures
        .iter()
        .filter(|s| s.indication == Indication::TotalPassed)
        .count();
    let (vi_l, en_l) = (Labels(Lang::Vi), Labels(Lang::En));
    if let Some(e) = &report.error {
        return (
            format!("Không thể đọc tệp: {}", e.message_vi),
            format!("The file could not be read: {}", e.message_en),
            // A refusal of a file too large says all there is to say.
            (e.code != crate::INPUT_TOO_LARGE)
                .then(|| next_step(ind, Some(class_of(&e.code))))
                .flatten(),
        );
    }
    if report.needs_password && n == 0 && ind != Indication::TotalFailed {
        return (
            "Chưa xác định được: tài liệu được mã hóa và cần mật khẩu để mở. Kyso không đọc được bên trong nên không biết tài liệu có chữ ký số hay không. Hãy đề nghị nơi gửi cung cấp bản không đặt mật khẩu mở.".into(),
            "Indeterminate: the document is encrypted and needs a password to open. Kyso cannot read inside it, so it cannot tell whether it carries a digital signature. Ask the sender for a copy without an opening password.".into(),
            None,
        );
    }
    match ind {
        Indication::NoSignature if report.format == crate::Format::Certificate => {
            let (cvi, cen) = match &report.certificate_trust {
                Some(t) => (
                    format!(" Chuỗi chứng thư: {}.", vi_l.chain(t.status)),
                    format!(" Certificate chain: {}.", en_l.chain(t.status)),
                ),
                None => (String::new(), String::new()),
            };
            (
                format!("Đây là chứng thư số, không phải tài liệu được ký: không có chữ ký nào để kiểm tra.{cvi}"),
                format!("This is a certificate, not a signed document: there is no signature to verify.{cen}"),
                None,
            )
        }
        Indication::NoSignature
            if report
                .findings
                .iter()
                .any(|f| f.code == FORMAT_NOT_VERIFIED_YET) =>
        {
            let (fvi, fen) = (vi_l.format(report.format), en_l.format(report.format));
            (
                format!("Kyso chưa kiểm tra được chữ ký trong tệp {fvi}: chưa có kết luận nào về chữ ký của tệp này (không có nghĩa là tệp không được ký)."),
                format!("Kyso cannot verify signatures in {fen} files yet: there is no conclusion about this file's signatures (which does not mean it is unsigned)."),
                None,
            )
        }
        Indication::NoSignature => (
            "Tài liệu không có chữ ký số nào.".into(),
            "The document carries no digital signature.".into(),
            None,
        ),
        Indication::TotalPassed => (
            format!("Hợp lệ: {n} chữ ký, tất cả còn nguyên vẹn, đúng người ký và được tin cậy."),
            if n == 1 {
                "Valid: 1 signature, intact, genuine and trusted.".to_owned()
            } else {
                format!("Valid: {n} signatures, all intact, genuine and trusted.")
            },
            None,
        ),
        _ => {
            // The signature that decided the verdict (the first with the
            // document's indication), else the document's own findings: its
            // most important failed check is the reason given.
            let deciding = report
                .signatures
                .iter()
                .find(|s| s.indication == ind && s.sub_indication == sub);
            // A deciding signature does not pass, so finalize_signature set
            // its key finding (None: no failed check names the reason).
            let key = match deciding {
                Some(s) => s.key_finding.as_ref(),
                None => most_important(&report.findings),
            };
            let (why_vi, why_en) = match key {
                Some(f) => (sentence(&f.message_vi), sentence(&f.message_en)),
                None => (
                    sub.map(|s| vi_l.sub_indication(s)).unwrap_or("").to_owned(),
                    sub.map(|s| en_l.sub_indication(s)).unwrap_or("").to_owned(),
                ),
            };
            let step = next_step(ind, key.map(|f| class_of(&f.code)));
            let (ivi, ien) = (vi_l.indication(ind), en_l.indication(ind));
            if n == 0 {
                // No signature, yet the document fails or is undecided: the
                // reason is a document finding, said as such (never "0/0
                // signatures pass").
                return (
                    format!("{ivi}: tài liệu không có chữ ký nào được kiểm tra. {why_vi}"),
                    format!("{ien}: no signature was checked in the document. {why_en}"),
                    step,
                );
            }
            let (vi, en) = match deciding {
                Some(s) if n > 1 => {
                    let k = s.index + 1;
                    let who = s
                        .signer
                        .as_ref()
                        .and_then(|c| c.common_name.clone())
                        .map(|name| format!(" ({name})"))
                        .unwrap_or_default();
                    (
                        format!("{ivi}: chữ ký #{k}{who}: {why_vi}"),
                        format!("{ien}: signature #{k}{who}: {why_en}"),
                    )
                }
                _ => (format!("{ivi}: {why_vi}"), format!("{ien}: {why_en}")),
            };
            if n == 1 {
                return (vi, en, step);
            }
            (
                format!("{vi} Có {passed}/{n} chữ ký đạt mọi kiểm tra."),
                format!("{en} {passed} of {n} signatures pass every check."),
                step,
            )
        }
    }
}

/// A message as a sentence of the summary: ends with a full stop.
fn sentence(msg: &str) -> String {
    let m = msg.trim_end();
    if m.ends_with(['.', '!', '?', '…']) {
        m.to_owned()
    } else {
        format!("{m}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FileInfo, Format, SignatureKind, TrustInfo};

    fn good() -> SignatureReport {
        let mut s = SignatureReport::new(0, SignatureKind::Signature);
        s.facts = SignatureFacts {
            signer_certificate_found: true,
            digest_matches: Some(true),
            crypto_valid: Some(true),
            ..Default::default()
        };
        s.trust = TrustInfo {
            status: ChainStatus::Trusted,
            ..Default::default()
        };
        s
    }

    fn report(sigs: Vec<SignatureReport>) -> Report {
        let mut r = Report::new(
            FileInfo {
                name: None,
                size: 1,
                sha256: String::new(),
            },
            Format::Pdf,
        );
        r.signatures = sigs;
        finalize(&mut r);
        r
    }

    #[test]
    fn all_good_is_total_passed() {
        let r = report(vec![good()]);
        assert_eq!(r.verdict.indication, Indication::TotalPassed);
        assert!(
            r.signatures[0].intact && r.signatures[0].signature_valid && r.signatures[0].trusted
        );
    }

    #[test]
    fn embedded_child_is_shown_not_counted_an_attachment_counts() {
        let mut forged = good();
        forged.facts.digest_matches = Some(false);
        for (counts, want) in [
            (false, Indication::TotalPassed),
            (true, Indication::TotalFailed),
        ] {
            let mut r = report(vec![good()]);
            r.children.push(crate::ChildReport {
                location: "embedded:x.pdf".into(),
                report: report(vec![forged.clone()]),
                counts_for_verdict: counts,
                range: None,
            });
            finalize(&mut r);
            assert_eq!(r.verdict.indication, want, "counts_for_verdict = {counts}");
            assert_eq!(
                r.children[0].report.verdict.indication,
                Indication::TotalFailed
            );
        }
    }

    #[test]
    fn a_failing_child_decides_and_is_named() {
        let mut child = report(vec![]);
        child.file.name = Some("QD-12.pdf".into());
        let mut bad = good();
        bad.facts.digest_matches = Some(false);
        child.signatures.push(bad);
        let mut parent = report(vec![good()]);
        parent.children.push(crate::ChildReport {
            location: "content:QD-12.pdf".into(),
            report: child,
            counts_for_verdict: true,
            range: None,
        });
        finalize(&mut parent);
        assert_eq!(parent.verdict.indication, Indication::TotalFailed);
        assert!(parent
            .verdict
            .summary_en
            .starts_with("Decided by the nested document “QD-12.pdf”: "));
        assert!(parent.verdict.summary_vi.contains("QD-12.pdf"));
        // Not counted: the parent's own verdict, no mention.
        parent.children[0].counts_for_verdict = false;
        finalize(&mut parent);
        assert_eq!(parent.verdict.indication, Indication::TotalPassed);
        assert!(!parent.verdict.summary_en.contains("nested"));
    }

    #[test]
    fn no_signature() {
        assert_eq!(report(vec![]).verdict.indication, Indication::NoSignature);
    }

    #[test]
    fn hash_failure_beats_everything_indeterminate() {
        let mut s = good();
        s.facts.digest_matches = Some(false);
        s.facts.weak_algorithm = true;
        let r = report(vec![s]);
        assert_eq!(r.verdict.indication, Indication::TotalFailed);
        assert_eq!(r.verdict.sub_indication, Some(SubIndication::HashFailure));
        assert!(!r.signatures[0].intact);
    }

    #[test]
    fn untrusted_is_indeterminate_not_failed() {
        let mut s = good();
        s.trust.status = ChainStatus::NoChainFound;
        let r = report(vec![s, good()]);
        assert_eq!(r.verdict.indication, Indication::Indeterminate);
        assert_eq!(
            r.verdict.sub_indication,
            Some(SubIndication::NoCertificateChainFound)
        );
        assert!(
            r.signatures[0].intact && r.signatures[0].signature_valid && !r.signatures[0].trusted
        );
    }

    #[test]
    fn disallowed_changes_never_pass() {
        let mut s = good();
        s.facts.disallowed_changes = true;
        let r = report(vec![s]);
        assert_eq!(r.verdict.indication, Indication::TotalFailed);
    }

    #[test]
    fn an_unreachable_signed_revision_is_indeterminate_unless_it_fails() {
        let mut s = good();
        s.facts.revision_unreachable = true;
        let r = report(vec![s.clone(), good()]);
        assert_eq!(r.signatures[0].indication, Indication::Indeterminate);
        assert_eq!(
            r.signatures[0].sub_indication,
            Some(SubIndication::FormatFailure)
        );
        assert!(r.signatures[0].intact && r.signatures[0].signature_valid);
        assert_eq!(r.verdict.indication, Indication::Indeterminate);
        // A broken signature still fails for good.
        s.facts.digest_matches = Some(false);
        let r = report(vec![s]);
        assert_eq!(r.verdict.indication, Indication::TotalFailed);
        assert_eq!(r.verdict.sub_indication, Some(SubIndication::HashFailure));
    }

    #[test]
    fn unestablished_facts_are_not_valid() {
        let mut s = SignatureReport::new(0, SignatureKind::Signature);
        s.facts.signer_certificate_found = true;
        s.trust.status = ChainStatus::Trusted;
        let r = report(vec![s]);
        assert_ne!(r.verdict.indication, Indication::TotalPassed);
        assert!(!r.signatures[0].intact);
    }

    #[test]
    fn json_names_follow_the_documented_schema() {
        let r = report(vec![good()]);
        let v = serde_json_value(&r);
        assert!(v.contains("\"indication\":\"TOTAL_PASSED\""), "{v}");
        assert!(v.contains("\"coverage\":\"unclear\""), "{v}");
        assert!(v.contains("\"kind\":\"signature\""), "{v}");
    }

    #[test]
    fn a_chosen_validation_time_is_stated_and_omitted_by_default() {
        let r = report(vec![good()]);
        let v = serde_json_value(&r);
        assert!(!v.contains("validation_time_choice"), "{v}");
        assert!(!r.verdict.summary_en.contains("chosen by the user"));

        let mut r = report(vec![good()]);
        r.validation_time_choice = ValidationTimeChoice::At {
            time: crate::Time(1_735_689_600),
        };
        finalize(&mut r);
        assert_eq!(r.verdict.indication, Indication::TotalPassed);
        assert!(
            r.verdict
                .summary_en
                .contains("chosen by the user (A specific time: 2025-01-01T00:00:00Z)"),
            "{}",
            r.verdict.summary_en
        );
        assert!(r.verdict.summary_vi.contains("do người dùng chọn"));
        let v = serde_json_value(&r);
        assert!(
            v.contains(r#""validation_time_choice":{"kind":"at","time":"2025-01-01T00:00:00Z"}"#),
            "{v}"
        );
        let back: Report = serde_json::from_str(&v).unwrap();
        assert_eq!(back.validation_time_choice, r.validation_time_choice);

        r.validation_time_choice = ValidationTimeChoice::Claimed;
        let v = serde_json_value(&r);
        assert!(
            v.contains(r#""validation_time_choice":{"kind":"claimed"}"#),
            "{v}"
        );
        let back: Report = serde_json::from_str(&v).unwrap();
        assert_eq!(back.validation_time_choice, ValidationTimeChoice::Claimed);

        // No signature: nothing was validated at the chosen time.
        let mut r = report(vec![]);
        r.validation_time_choice = ValidationTimeChoice::Claimed;
        finalize(&mut r);
        assert!(!r.verdict.summary_en.contains("chosen by the user"));
    }

    #[test]
    fn not_yet_valid_at_an_unproven_chosen_time_is_indeterminate() {
        let mut s = good();
        s.trust.status = ChainStatus::NotYetValid;
        s.trust.validation_time_source = Some(crate::ValidationTimeSource::UserChosen);
        // Default: today's rule.
        let r = report(vec![s.clone()]);
        assert_eq!(r.verdict.indication, Indication::TotalFailed);
        assert_eq!(r.verdict.sub_indication, Some(SubIndication::NotYetValid));
        // A time the user chose proves nothing.
        let mut r = report(vec![s.clone()]);
        r.validation_time_choice = ValidationTimeChoice::At {
            time: crate::Time(0),
        };
        finalize(&mut r);
        assert_eq!(r.verdict.indication, Indication::Indeterminate);
        assert_eq!(
            r.verdict.sub_indication,
            Some(SubIndication::OutOfBoundsNoPoe)
        );
        // A proven time still fails for good.
        s.trust.validation_time_source = Some(crate::ValidationTimeSource::Timestamp);
        let mut r = report(vec![s]);
        r.validation_time_choice = ValidationTimeChoice::Claimed;
        finalize(&mut r);
        assert_eq!(r.verdict.sub_indication, Some(SubIndication::NotYetValid));
    }

    #[test]
    fn validation_time_choices_parse() {
        assert_eq!(
            ValidationTimeChoice::parse("claimed"),
            Some(ValidationTimeChoice::Claimed)
        );
        assert_eq!(
            ValidationTimeChoice::parse("2025-01-01T07:00:00+07:00"),
            Some(ValidationTimeChoice::At {
                time: crate::Time(1_735_689_600)
            })
        );
        for bad in ["", "now", "2025-01-01", "2025-01-01T00:00:00", "garbage"] {
            assert_eq!(ValidationTimeChoice::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn updates_left_unexamined_make_a_signature_indeterminate_not_failed() {
        let mut s = good();
        s.facts.changes_not_examined = true;
        let r = report(vec![s.clone()]);
        assert_eq!(r.signatures[0].indication, Indication::Indeterminate);
        assert_eq!(r.verdict.indication, Indication::Indeterminate);
        // A proven forbidden change still fails.
        s.facts.disallowed_changes = true;
        let r = report(vec![s]);
        assert_eq!(r.verdict.indication, Indication::TotalFailed);
    }

    #[test]
    fn a_locked_document_without_visible_signatures_is_not_called_unsigned() {
        let mut r = report(vec![]);
        assert_eq!(r.verdict.indication, Indication::NoSignature);
        r.needs_password = true;
        finalize(&mut r);
        assert_eq!(r.verdict.indication, Indication::Indeterminate);
        assert!(
            r.verdict.summary_en.contains("needs a password"),
            "{}",
            r.verdict.summary_en
        );
        assert!(!r.verdict.summary_en.contains("0/0"));
        // Signatures that are found are judged as usual.
        let mut r = report(vec![good()]);
        r.needs_password = true;
        finalize(&mut r);
        assert_eq!(r.verdict.indication, Indication::TotalPassed);
    }

    #[test]
    fn no_signature_and_a_document_error_says_the_error_not_zero_of_zero() {
        let mut r = report(vec![]);
        r.findings.push(crate::Finding::error(
            "pdf.test",
            "Cấu trúc hỏng.",
            "The structure is broken.",
        ));
        finalize(&mut r);
        assert_eq!(r.verdict.indication, Indication::TotalFailed);
        assert!(
            r.verdict.summary_en.contains("The structure is broken."),
            "{}",
            r.verdict.summary_en
        );
        assert!(!r.verdict.summary_en.contains("0/0"));
        assert!(!r.verdict.summary_vi.contains("0/0"));
    }

    fn serde_json_value(r: &Report) -> String {
        serde_json::to_string(r).unwrap()
    }
}
