use serde::{Deserialize, Serialize};

/// How much a finding matters to the reader. Ordered: `Passed < Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A check was made and passed ("the signed bytes are unchanged").
    Passed,
    /// Context the reader should know; does not affect the verdict.
    Info,
    /// Something questionable that does not by itself invalidate the signature.
    Warning,
    /// A check failed; the verdict reflects it.
    Error,
}

/// One explained fact: what was checked and what came out, in both languages.
///
/// `code` is stable (e.g. `pdf.byte_range.gap_not_contents`): tests, policies
/// and integrators match on it; the messages may be reworded at any time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// Stable dotted code, `area.check.outcome`.
    pub code: String,
    /// Severity of the outcome.
    pub severity: Severity,
    /// Plain Vietnamese, for a citizen.
    pub message_vi: String,
    /// The same in English.
    pub message_en: String,
}

impl Finding {
    /// A finding with the given code, severity and messages.
    pub fn new(
        code: impl Into<String>,
        severity: Severity,
        message_vi: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Self {
            code: code.into(),
            severity,
            message_vi: message_vi.into(),
            message_en: message_en.into(),
        }
    }

    /// A check that passed.
    pub fn passed(code: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(code, Severity::Passed, vi, en)
    }

    /// Context for the reader.
    pub fn info(code: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, vi, en)
    }

    /// Something questionable.
    pub fn warning(code: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, vi, en)
    }

    /// A failed check.
    pub fn error(code: impl Into<String>, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, vi, en)
    }

    /// The message in the requested language.
    pub fn message(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Vi => &self.message_vi,
            crate::Lang::En => &self.message_en,
        }
    }
}
