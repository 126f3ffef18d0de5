//! Mapping a [`Report`] onto the corpus manifest's `expected_verdict`
//! vocabulary (`../shared/corpus/README.md`), so that `kyso corpus` and the
//! conformance tests measure agreement the same way.
//!
//! Two questions are answered separately:
//! - [`observed`]: the single vocabulary word that best describes what Kyso
//!   concluded (for the disagreement listing);
//! - [`agrees`]: whether the report *agrees* with an expected word. Agreement is
//!   defined per word, from the facts (never from display strings), as follows:
//!
//! | expected | agrees when |
//! | --- | --- |
//! | `valid-untrusted` | ≥ 1 signature; every one intact and genuine (`signature_valid`); no disallowed change, no attack finding; chain may be anything |
//! | `valid-with-test-root` | every signature `TOTAL_PASSED` (test anchors trusted for the run), or intact and genuine with a chain that is expired now but was valid at the claimed signing time (the corpus validates "at the signing time") |
//! | `valid-with-permitted-updates` | like `valid-untrusted` (later revisions exist or not) |
//! | `no-signature` | no signature at all, no input error |
//! | `invalid-modified` | some signature is `TOTAL_FAILED` and not intact (digest mismatch, or its signed range is broken) |
//! | `invalid-crypto` | some signature `TOTAL_FAILED` / `SIG_CRYPTO_FAILURE` |
//! | `invalid-structure` | the document is not `TOTAL_PASSED` and either the input could not be read, a signature has a format failure, or a document-level error finding exists |
//! | `invalid-timestamp` | some signature has a broken timestamp (`timestamp_invalid`), or a document timestamp fails |
//! | `invalid-signing-cert-ref` | some signature's signing-certificate reference does not match |
//! | `invalid-cert-expired` | some signature's chain is expired at the validation time (`expired_no_poe`) |
//! | `weak-algorithm` | some signature is rejected for a weak algorithm |
//! | `indeterminate` | the document is `INDETERMINATE` (never `TOTAL_PASSED`) |
//! | `flag-*` | the document is not `TOTAL_PASSED` and some signature has disallowed changes, or an attack/changes error finding (`pdf.attack.*`, `pdf.changes.*`; `pdf.byte_range.*` warnings too for `flag-coverage`) is present, or (`flag-coverage`) a signature's coverage is partial/unclear |
//!
//! Attack findings of `Warning` severity (e.g. `pdf.attack.hidden_objects`:
//! unused object graphs in a signed revision, a *prepared* hide-and-replace)
//! are information for the reader; only `Error` ones count as a flag.

use kyso_report::{ChainStatus, Coverage, Format, Indication, Report, Severity, SubIndication};

/// Finding code for inputs whose format Kyso recognises but does not verify yet.
pub use kyso_core::codes::FORMAT_NOT_VERIFIED_YET as NOT_VERIFIED_YET;

/// The words of the corpus vocabulary, in the manifest's spelling.
pub const VOCABULARY: &[&str] = &[
    "valid-untrusted",
    "valid-with-test-root",
    "valid-with-permitted-updates",
    "no-signature",
    "invalid-modified",
    "invalid-crypto",
    "invalid-structure",
    "invalid-timestamp",
    "invalid-signing-cert-ref",
    "invalid-cert-expired",
    "weak-algorithm",
    "indeterminate",
    "flag-modified-after-signing",
    "flag-shadow-attack",
    "flag-signature-spoofing",
    "flag-coverage",
];

/// Whether the corpus command should count this report as *skipped*: a format
/// that Kyso recognises but does not verify yet (CMS, XML, OOXML, ...).
pub fn is_skipped(report: &Report) -> bool {
    report.error.is_none() && report.findings.iter().any(|f| f.code == NOT_VERIFIED_YET)
}

fn all_findings(report: &Report) -> impl Iterator<Item = &kyso_report::Finding> {
    report
        .findings
        .iter()
        .chain(report.signatures.iter().flat_map(|s| {
            s.findings
                .iter()
                .chain(s.trust.findings.iter())
                .chain(s.revocation.findings.iter())
                .chain(s.timestamp.iter().flat_map(|t| t.findings.iter()))
        }))
}

fn has_finding(report: &Report, prefix: &str, min: Severity) -> bool {
    all_findings(report).any(|f| f.code.starts_with(prefix) && f.severity >= min)
}

fn attack_named(report: &Report, words: &[&str]) -> bool {
    all_findings(report).any(|f| {
        f.code.starts_with("pdf.attack.")
            && f.severity >= Severity::Error
            && words.iter().any(|w| f.code.contains(w))
    })
}

fn passed(report: &Report) -> bool {
    report.verdict.indication == Indication::TotalPassed
}

fn intact_and_genuine(report: &Report) -> bool {
    !report.signatures.is_empty()
        && report.error.is_none()
        && report
            .signatures
            .iter()
            .all(|s| s.intact && s.signature_valid && !s.facts.disallowed_changes)
        && !has_finding(report, "pdf.attack.", Severity::Error)
        && !report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error)
}

/// The corpus defines `valid-with-test-root` as "validates at the signing
/// time"; without a timestamp Kyso validates now (ETSI) and reports an expired
/// chain, noting that it was valid at the claimed time. That note counts.
fn trusted_at_claimed_time(s: &kyso_report::SignatureReport) -> bool {
    s.trust.status == ChainStatus::ExpiredNoPoe
        && s.trust
            .findings
            .iter()
            .any(|f| f.code == "core.trust.valid_at_claimed_time")
}

fn flagged_changes(report: &Report) -> bool {
    report.signatures.iter().any(|s| s.facts.disallowed_changes)
        || has_finding(report, "pdf.attack.", Severity::Error)
        || has_finding(report, "pdf.changes.", Severity::Error)
}

fn any_sub(report: &Report, sub: SubIndication) -> bool {
    report
        .signatures
        .iter()
        .any(|s| s.sub_indication == Some(sub))
}

/// Whether `report` agrees with the manifest's `expected` word (see the module
/// table). Returns the reason as a short English phrase when it does not.
pub fn agrees(expected: &str, report: &Report) -> Result<(), String> {
    let ok = match expected {
        "valid-untrusted" | "valid-with-permitted-updates" => intact_and_genuine(report),
        "valid-with-test-root" => {
            intact_and_genuine(report)
                && (passed(report)
                    || report.signatures.iter().all(|s| {
                        s.indication == Indication::TotalPassed || trusted_at_claimed_time(s)
                    }))
        }
        "no-signature" => report.error.is_none() && report.signatures.is_empty(),
        "invalid-modified" => {
            !passed(report)
                && report
                    .signatures
                    .iter()
                    .any(|s| s.indication == Indication::TotalFailed && !s.intact)
        }
        "invalid-crypto" => any_sub(report, SubIndication::SigCryptoFailure),
        "invalid-structure" => {
            !passed(report)
                && (report.error.is_some()
                    || report.signatures.iter().any(|s| s.facts.format_failure)
                    || report
                        .findings
                        .iter()
                        .any(|f| f.severity == Severity::Error))
        }
        "invalid-timestamp" => {
            report.signatures.iter().any(|s| s.facts.timestamp_invalid)
                || report.signatures.iter().any(|s| {
                    s.kind == kyso_report::SignatureKind::DocumentTimestamp
                        && s.indication == Indication::TotalFailed
                })
        }
        "invalid-signing-cert-ref" => report
            .signatures
            .iter()
            .any(|s| s.facts.signing_certificate_ref_ok == Some(false)),
        "invalid-cert-expired" => report.signatures.iter().any(|s| {
            s.trust.status == ChainStatus::ExpiredNoPoe
                || s.sub_indication == Some(SubIndication::Expired)
        }),
        "weak-algorithm" => {
            !passed(report) && report.signatures.iter().any(|s| s.facts.weak_algorithm)
        }
        "indeterminate" => report.verdict.indication == Indication::Indeterminate,
        "flag-modified-after-signing" | "flag-shadow-attack" | "flag-signature-spoofing" => {
            !passed(report) && flagged_changes(report)
        }
        "flag-coverage" => {
            !passed(report)
                && (flagged_changes(report)
                    || has_finding(report, "pdf.byte_range.", Severity::Warning)
                    || report
                        .signatures
                        .iter()
                        .any(|s| matches!(s.coverage, Coverage::Partial | Coverage::Unclear)))
        }
        other => return Err(format!("unknown expected verdict '{other}'")),
    };
    if ok {
        Ok(())
    } else {
        Err(explain(report))
    }
}

/// One line saying what Kyso concluded, for the disagreement listing.
pub fn explain(report: &Report) -> String {
    if let Some(e) = &report.error {
        return format!("input error {}", e.code);
    }
    let mut parts = vec![format!(
        "{:?}{}",
        report.verdict.indication,
        report
            .verdict
            .sub_indication
            .map(|s| format!("/{s:?}"))
            .unwrap_or_default()
    )];
    for s in &report.signatures {
        let first_bad = s
            .findings
            .iter()
            .chain(s.trust.findings.iter())
            .find(|f| f.severity >= Severity::Warning)
            .map(|f| f.code.as_str())
            .unwrap_or("-");
        parts.push(format!(
            "#{} {:?}{} intact={} valid={} chain={:?} cov={:?} first={}",
            s.index + 1,
            s.indication,
            s.sub_indication
                .map(|x| format!("/{x:?}"))
                .unwrap_or_default(),
            s.intact,
            s.signature_valid,
            s.trust.status,
            s.coverage,
            first_bad
        ));
    }
    if let Some(f) = report
        .findings
        .iter()
        .find(|f| f.severity >= Severity::Warning)
    {
        parts.push(format!("doc: {}", f.code));
    }
    parts.join("; ")
}

/// The vocabulary word that best describes the report (most severe first).
pub fn observed(report: &Report) -> &'static str {
    if report.error.is_some() {
        return "invalid-structure";
    }
    if is_skipped(report) {
        return "skipped";
    }
    if report.signatures.is_empty() {
        return if report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error)
        {
            "invalid-structure"
        } else {
            "no-signature"
        };
    }
    let sigs = &report.signatures;
    if any_sub(report, SubIndication::SigCryptoFailure) {
        return "invalid-crypto";
    }
    if any_sub(report, SubIndication::HashFailure) {
        return "invalid-modified";
    }
    if sigs.iter().any(|s| s.facts.format_failure) {
        return "invalid-structure";
    }
    if attack_named(report, &["shadow"]) {
        return "flag-shadow-attack";
    }
    if attack_named(report, &["spoof", "sneaky"]) {
        return "flag-signature-spoofing";
    }
    if flagged_changes(report) {
        return "flag-modified-after-signing";
    }
    if sigs
        .iter()
        .any(|s| matches!(s.coverage, Coverage::Partial | Coverage::Unclear))
    {
        return "flag-coverage";
    }
    if sigs.iter().any(|s| s.facts.timestamp_invalid) {
        return "invalid-timestamp";
    }
    if sigs
        .iter()
        .any(|s| s.facts.signing_certificate_ref_ok == Some(false))
    {
        return "invalid-signing-cert-ref";
    }
    if sigs.iter().any(|s| s.facts.weak_algorithm) {
        return "weak-algorithm";
    }
    if sigs
        .iter()
        .any(|s| s.trust.status == ChainStatus::ExpiredNoPoe)
    {
        return "invalid-cert-expired";
    }
    if sigs.iter().any(|s| {
        matches!(
            s.trust.status,
            ChainStatus::Revoked | ChainStatus::RevokedNoPoe
        )
    }) {
        return "indeterminate";
    }
    if !intact_and_genuine(report) {
        return "indeterminate";
    }
    if passed(report) {
        return "valid-with-test-root";
    }
    if sigs.iter().any(|s| {
        s.modification_level
            .is_some_and(|m| m > kyso_report::ModificationLevel::None)
    }) {
        return "valid-with-permitted-updates";
    }
    "valid-untrusted"
}

/// Whether a manifest row's `format` column names a PDF.
pub fn is_pdf_row(format_column: &str) -> bool {
    format_column.starts_with("pdf")
}

/// Whether Kyso verifies this format today (others are counted as skipped).
pub fn format_supported(format: Format) -> bool {
    matches!(
        format,
        Format::Pdf | Format::Cms | Format::Xml | Format::Edxml | Format::Ooxml | Format::Odf
    )
}

/// One row of a corpus `MANIFEST.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestRow {
    /// File name inside the corpus folder.
    pub file: String,
    /// The `format` column.
    pub format: String,
    /// The `expected_verdict` column.
    pub expected: String,
    /// The `why` column.
    pub why: String,
}

/// Parse a `MANIFEST.tsv` (tab-separated, header row naming the columns). Rows
/// missing the `file` or `expected_verdict` column are reported as errors.
pub fn parse_manifest(text: &str) -> Result<Vec<ManifestRow>, String> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty manifest")?.split('\t').collect();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (file_c, exp_c) = (
        col("file").ok_or("no 'file' column")?,
        col("expected_verdict").ok_or("no 'expected_verdict' column")?,
    );
    let (fmt_c, why_c) = (col("format"), col("why"));
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let get = |c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let file = get(Some(file_c));
        let expected = get(Some(exp_c));
        if file.is_empty() || expected.is_empty() {
            return Err(format!("line {}: missing file or expected_verdict", n + 2));
        }
        rows.push(ManifestRow {
            file,
            format: get(fmt_c),
            expected,
            why: get(why_c),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kyso_report::{
        verdict::finalize, FileInfo, Finding, ModificationLevel, SignatureFacts, SignatureKind,
        SignatureReport, TrustInfo,
    };

    fn sig(facts: SignatureFacts, chain: ChainStatus) -> SignatureReport {
        let mut s = SignatureReport::new(0, SignatureKind::Signature);
        s.facts = facts;
        s.coverage = Coverage::EntireFile;
        s.trust = TrustInfo {
            status: chain,
            ..Default::default()
        };
        s
    }
    fn good_facts() -> SignatureFacts {
        SignatureFacts {
            signer_certificate_found: true,
            digest_matches: Some(true),
            crypto_valid: Some(true),
            ..Default::default()
        }
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
    fn trusted_whole_file_is_valid_with_test_root() {
        let r = report(vec![sig(good_facts(), ChainStatus::Trusted)]);
        assert_eq!(observed(&r), "valid-with-test-root");
        assert!(agrees("valid-with-test-root", &r).is_ok());
        assert!(agrees("valid-untrusted", &r).is_ok());
        assert!(agrees("invalid-modified", &r).is_err());
        assert!(agrees("invalid-structure", &r).is_err());
        assert!(agrees("flag-modified-after-signing", &r).is_err());
    }

    #[test]
    fn intact_untrusted_is_valid_untrusted_only() {
        let r = report(vec![sig(good_facts(), ChainStatus::NoChainFound)]);
        assert_eq!(observed(&r), "valid-untrusted");
        assert!(agrees("valid-untrusted", &r).is_ok());
        assert!(agrees("valid-with-test-root", &r).is_err());
        assert!(
            agrees("indeterminate", &r).is_ok(),
            "an untrusted chain is INDETERMINATE"
        );
    }

    #[test]
    fn permitted_updates() {
        let mut s = sig(good_facts(), ChainStatus::NoChainFound);
        s.modification_level = Some(ModificationLevel::Ltv);
        s.coverage = Coverage::EntireRevision;
        let r = report(vec![s]);
        assert_eq!(observed(&r), "valid-with-permitted-updates");
        assert!(agrees("valid-with-permitted-updates", &r).is_ok());
    }

    #[test]
    fn hash_failure_is_invalid_modified_and_never_valid() {
        let r = report(vec![sig(
            SignatureFacts {
                digest_matches: Some(false),
                ..good_facts()
            },
            ChainStatus::Trusted,
        )]);
        assert_eq!(observed(&r), "invalid-modified");
        assert!(agrees("invalid-modified", &r).is_ok());
        for w in [
            "valid-untrusted",
            "valid-with-test-root",
            "valid-with-permitted-updates",
            "invalid-crypto",
        ] {
            assert!(agrees(w, &r).is_err(), "{w}");
        }
    }

    #[test]
    fn crypto_failure() {
        let r = report(vec![sig(
            SignatureFacts {
                crypto_valid: Some(false),
                ..good_facts()
            },
            ChainStatus::NotChecked,
        )]);
        assert_eq!(observed(&r), "invalid-crypto");
        assert!(agrees("invalid-crypto", &r).is_ok());
        assert!(agrees("valid-untrusted", &r).is_err());
    }

    #[test]
    fn format_failure_is_invalid_structure() {
        let mut s = sig(
            SignatureFacts {
                format_failure: true,
                ..Default::default()
            },
            ChainStatus::NotChecked,
        );
        s.findings
            .push(Finding::error("pdf.byte_range.gap_not_contents", "x", "x"));
        let r = report(vec![s]);
        assert_eq!(observed(&r), "invalid-structure");
        assert!(agrees("invalid-structure", &r).is_ok());
        assert!(
            agrees("invalid-modified", &r).is_ok(),
            "a broken signed range is not intact"
        );
        assert!(agrees("valid-untrusted", &r).is_err());
    }

    #[test]
    fn disallowed_changes_flag() {
        let mut s = sig(
            SignatureFacts {
                disallowed_changes: true,
                ..good_facts()
            },
            ChainStatus::NoChainFound,
        );
        s.findings
            .push(Finding::error("pdf.attack.shadow_hide", "x", "x"));
        let r = report(vec![s]);
        assert_eq!(observed(&r), "flag-shadow-attack");
        for w in [
            "flag-modified-after-signing",
            "flag-shadow-attack",
            "flag-signature-spoofing",
            "flag-coverage",
        ] {
            assert!(agrees(w, &r).is_ok(), "{w}");
        }
        assert!(agrees("valid-untrusted", &r).is_err());
    }

    #[test]
    fn attack_warnings_alone_do_not_flag() {
        let mut s = sig(good_facts(), ChainStatus::NoChainFound);
        s.findings
            .push(Finding::warning("pdf.attack.hidden_objects", "x", "x"));
        let r = report(vec![s]);
        assert!(agrees("valid-untrusted", &r).is_ok());
        assert!(agrees("flag-shadow-attack", &r).is_err());
    }

    #[test]
    fn partial_coverage_flags_coverage_only_when_not_passed() {
        let mut s = sig(good_facts(), ChainStatus::NoChainFound);
        s.coverage = Coverage::Partial;
        let r = report(vec![s]);
        assert!(agrees("flag-coverage", &r).is_ok());
        assert_eq!(observed(&r), "flag-coverage");
    }

    #[test]
    fn ambiguous_signer_is_indeterminate() {
        let r = report(vec![sig(
            SignatureFacts {
                ambiguous_signer: true,
                ..good_facts()
            },
            ChainStatus::NoChainFound,
        )]);
        assert!(agrees("indeterminate", &r).is_ok());
        assert!(agrees("valid-with-test-root", &r).is_err());
    }

    #[test]
    fn no_signature_and_skipped() {
        let r = report(vec![]);
        assert_eq!(observed(&r), "no-signature");
        assert!(agrees("no-signature", &r).is_ok());
        let mut r2 = Report::new(
            FileInfo {
                name: None,
                size: 1,
                sha256: String::new(),
            },
            Format::Cms,
        );
        r2.findings.push(Finding::info(NOT_VERIFIED_YET, "x", "x"));
        finalize(&mut r2);
        assert!(is_skipped(&r2));
        assert!(agrees("valid-untrusted", &r2).is_err());
    }

    #[test]
    fn unknown_expected_word_is_an_error() {
        let r = report(vec![]);
        assert!(agrees("valid-ish", &r).unwrap_err().contains("unknown"));
    }

    #[test]
    fn manifest_parses_the_shared_format() {
        let t = "file\tsource_repo\tformat\texpected_verdict\twhy\na.pdf\tx\tpdf/adbe\tvalid-untrusted\tbecause\n\n";
        let rows = parse_manifest(t).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].file, "a.pdf");
        assert_eq!(rows[0].format, "pdf/adbe");
        assert_eq!(rows[0].expected, "valid-untrusted");
        assert!(parse_manifest("file\tx\n").is_err());
        for w in VOCABULARY {
            if let Err(e) = agrees(w, &report(vec![])) {
                assert!(!e.contains("unknown expected"), "{w} is not handled");
            }
        }
    }
}
