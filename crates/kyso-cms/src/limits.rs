/// Bounds on what a CMS structure may contain. Every count an attacker
/// controls is capped; exceeding one is an error value
/// ([`crate::CmsError::LimitExceeded`]), never a panic or a long loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest `ContentInfo` accepted, in bytes. 64 MiB: enveloping `.p7m`
    /// files carry the document itself; PDF `/Contents` are a few tens of KiB.
    pub max_der_len: usize,
    /// Embedded certificates (RFC 5652 §5.1 `certificates`). Real signatures
    /// carry a chain of 1–5 plus, for LTV, a few dozen; 256 is generous.
    pub max_certificates: usize,
    /// CRLs and other revocation entries (`crls`). Same reasoning as certificates.
    pub max_crls: usize,
    /// SignerInfos. One is normal in a PDF; `.p7m` co-signatures have a few.
    pub max_signer_infos: usize,
    /// Attributes per signed or unsigned attribute set (CAdES uses about ten).
    pub max_attributes: usize,
    /// Values per attribute.
    pub max_attribute_values: usize,
    /// Timestamp tokens per signer (signature timestamps, archive timestamps).
    pub max_timestamp_tokens: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_der_len: 64 * 1024 * 1024,
            max_certificates: 256,
            max_crls: 256,
            max_signer_infos: 32,
            max_attributes: 64,
            max_attribute_values: 16,
            max_timestamp_tokens: 16,
        }
    }
}
