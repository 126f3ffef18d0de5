//! Shared helpers for the integration tests: run parser + byte-range checks +
//! change analysis on a file, and read corpus manifests.
#![allow(dead_code)]

use kyso_pdf::{byte_range, Document, Limits};
use kyso_pdf_diff::Analysis;
use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` next to the repository, or `$KYSO_SHARED`; `None` (and a message) when absent.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIP: shared reference material not found at {} (set KYSO_SHARED)",
            p.display()
        );
        None
    }
}

/// What the pipeline up to the change analysis says about a file.
pub struct Outcome {
    pub parse_error: Option<String>,
    pub checks_ok: Vec<bool>,
    pub analysis: Option<Analysis>,
}

impl Outcome {
    pub fn any_disallowed(&self) -> bool {
        self.analysis
            .as_ref()
            .is_some_and(|a| a.per_signature.iter().any(|s| s.disallowed))
    }
    pub fn codes(&self) -> Vec<String> {
        let Some(a) = &self.analysis else {
            return Vec::new();
        };
        a.per_signature
            .iter()
            .flat_map(|s| s.findings.iter())
            .chain(&a.document_findings)
            .map(|f| f.code.clone())
            .collect()
    }
    pub fn has(&self, code: &str) -> bool {
        self.codes().iter().any(|c| c == code)
    }
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.codes().iter().any(|c| c.starts_with(prefix))
    }
    /// A structural failure the core reports as a format failure, or a named structural attack.
    pub fn structure_rejected(&self) -> bool {
        self.parse_error.is_some()
            || self.checks_ok.iter().any(|ok| !ok)
            || self.has("pdf.attack.universal_signature_forgery")
            || self.has("pdf.attack.signature_wrapping")
    }
    pub fn summary(&self) -> String {
        match (&self.parse_error, &self.analysis) {
            (Some(e), _) => format!("parse error: {e}"),
            (None, Some(a)) => format!(
                "checks_ok={:?} disallowed={:?} levels={:?} codes={:?}",
                self.checks_ok,
                a.per_signature
                    .iter()
                    .map(|s| s.disallowed)
                    .collect::<Vec<_>>(),
                a.per_signature
                    .iter()
                    .map(|s| s.modification_level)
                    .collect::<Vec<_>>(),
                self.codes()
            ),
            _ => "nothing".into(),
        }
    }
}

pub fn run(bytes: &[u8]) -> Outcome {
    let doc = match Document::parse(bytes, &Limits::default()) {
        Ok(d) => d,
        Err(e) => {
            return Outcome {
                parse_error: Some(e.to_string()),
                checks_ok: Vec::new(),
                analysis: None,
            }
        }
    };
    let sigs = doc.signatures();
    let checks = byte_range::check_all(&doc, &sigs);
    let analysis = kyso_pdf_diff::analyze(&doc, &sigs, &checks);
    Outcome {
        parse_error: None,
        checks_ok: checks.iter().map(|c| c.ok).collect(),
        analysis: Some(analysis),
    }
}

/// Rows of a corpus-format MANIFEST.tsv: (file, expected_verdict).
pub fn manifest(path: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some((cols.first()?.to_string(), cols.get(6)?.to_string()))
        })
        .collect()
}

/// Whether the outcome meets an expected verdict of the corpus vocabulary, as
/// far as the change analysis (and the parser's byte-range checks) can tell.
pub fn meets(expected: &str, o: &Outcome) -> bool {
    match expected {
        "valid-with-permitted-updates" => {
            o.parse_error.is_none()
                && !o.any_disallowed()
                && !o.has_prefix("pdf.attack.")
                && o.checks_ok.iter().all(|ok| *ok)
        }
        "flag-modified-after-signing" => o.any_disallowed(),
        "flag-shadow-attack" => o.any_disallowed() && o.has_prefix("pdf.attack.shadow"),
        "flag-signature-spoofing" => o.any_disallowed() || o.structure_rejected(),
        "flag-coverage" => o.any_disallowed() || o.checks_ok.iter().any(|ok| !ok),
        "invalid-structure" => o.structure_rejected(),
        _ => true,
    }
}
