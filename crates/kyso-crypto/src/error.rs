use core::fmt;

/// Why a signature value could not be verified.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CryptoError {
    /// The algorithm (or parameter set) is not implemented: the answer is "cannot decide", not "invalid".
    Unsupported(String),
    /// The public key or algorithm parameters are malformed.
    Malformed(String),
    /// The key and the algorithm do not belong together (e.g. an EC key with an RSA algorithm).
    KeyAlgorithmMismatch,
    /// The signature value does not verify.
    BadSignature,
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CryptoError::Unsupported(s) => write!(f, "unsupported algorithm: {s}"),
            CryptoError::Malformed(s) => write!(f, "malformed key or parameters: {s}"),
            CryptoError::KeyAlgorithmMismatch => {
                f.write_str("key type does not match the signature algorithm")
            }
            CryptoError::BadSignature => f.write_str("signature value does not verify"),
        }
    }
}

impl std::error::Error for CryptoError {}
