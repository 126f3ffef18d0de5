use core::fmt;

/// Why certificates could not be loaded into a [`crate::TrustStore`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PkiError {
    /// The bytes are neither a DER certificate, a PEM file with certificates, nor a PKCS#7 (`.p7b`) bundle.
    NotACertificate(String),
    /// More certificates than a store accepts from one input.
    TooMany(usize),
}

impl fmt::Display for PkiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PkiError::NotACertificate(s) => {
                write!(f, "not a certificate, PEM or PKCS#7 bundle: {s}")
            }
            PkiError::TooMany(n) => write!(f, "too many certificates in one input ({n})"),
        }
    }
}

impl std::error::Error for PkiError {}
