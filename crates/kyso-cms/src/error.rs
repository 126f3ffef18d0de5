use crate::codes;
use core::fmt;

/// Why a CMS structure could not be read. Verification outcomes (a digest
/// that does not match, a bad signature) are not errors: they are facts in
/// [`crate::SignerResult`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CmsError {
    /// Empty input, or only zero padding.
    Empty,
    /// The ASN.1 structure is not what RFC 5652 / RFC 3161 define.
    Structure(String),
    /// `ContentInfo.contentType` is not id-signedData (carries the OID).
    NotSignedData(String),
    /// A timestamp token whose eContentType is not id-ct-TSTInfo (carries the OID).
    NotTstInfo(String),
    /// A bound from [`crate::Limits`] or a parser budget was exceeded.
    LimitExceeded(&'static str),
}

impl CmsError {
    /// Stable machine code, e.g. `cms.structure`.
    pub fn code(&self) -> &'static str {
        match self {
            CmsError::Empty => codes::EMPTY,
            CmsError::Structure(_) => codes::STRUCTURE,
            CmsError::NotSignedData(_) => codes::NOT_SIGNED_DATA,
            CmsError::NotTstInfo(_) => codes::TSP_NOT_TST_INFO,
            CmsError::LimitExceeded(_) => codes::LIMIT_EXCEEDED,
        }
    }

    /// Plain-Vietnamese explanation.
    pub fn message_vi(&self) -> String {
        match self {
            CmsError::Empty => "Không có dữ liệu chữ ký (khối CMS rỗng).".into(),
            CmsError::Structure(s) => format!("Cấu trúc chữ ký CMS không hợp lệ: {s}."),
            CmsError::NotSignedData(o) => {
                format!("Khối CMS không phải dữ liệu đã ký (SignedData), mà là {o}.")
            }
            CmsError::NotTstInfo(o) => {
                format!("Dấu thời gian không chứa TSTInfo theo RFC 3161 (loại nội dung {o}).")
            }
            CmsError::LimitExceeded(w) => {
                format!("Chữ ký CMS vượt giới hạn an toàn khi đọc ({w}).")
            }
        }
    }
}

impl fmt::Display for CmsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CmsError::Empty => f.write_str("empty CMS input"),
            CmsError::Structure(s) => write!(f, "malformed CMS structure: {s}"),
            CmsError::NotSignedData(o) => write!(f, "ContentInfo is not id-signedData but {o}"),
            CmsError::NotTstInfo(o) => {
                write!(f, "timestamp token content is not id-ct-TSTInfo but {o}")
            }
            CmsError::LimitExceeded(w) => write!(f, "limit exceeded: {w}"),
        }
    }
}

impl std::error::Error for CmsError {}

impl CmsError {
    /// As an error finding (code, both languages).
    pub fn to_finding(&self) -> kyso_report::Finding {
        kyso_report::Finding::error(self.code(), self.message_vi(), self.to_string())
    }
}
