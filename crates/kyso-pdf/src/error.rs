//! Errors as values. Every variant has a stable code (`pdf.*`) and a
//! bilingual explanation, so the pipeline can show why a file was not read.

use crate::object::ObjRef;
use kyso_report::Finding;
use std::fmt;

/// Why a PDF (or a part of it) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfError {
    /// No `%PDF-` header in the first kilobyte (ISO 32000-1 §7.5.2).
    NoHeader,
    /// No `startxref` / `%%EOF` at the end of the file (§7.5.5).
    NoStartxref,
    /// A cross-reference section could not be read (§7.5.4, §7.5.8).
    BadXref {
        /// Where the section was expected.
        offset: usize,
        /// What was wrong.
        reason: &'static str,
    },
    /// The trailer chain loops: a `/Prev` leads back to a cross-reference
    /// section already read (§7.5.6 requires each to name the one before it),
    /// so the revisions of the document are not defined.
    PrevLoop {
        /// The section whose `/Prev` closes the loop.
        offset: usize,
    },
    /// An object could not be parsed (§7.3).
    BadObject {
        /// Byte offset (in the file, or in a decoded object stream).
        offset: usize,
        /// What was wrong.
        reason: &'static str,
    },
    /// The xref says an object is somewhere it is not.
    ObjectMismatch {
        /// The object asked for.
        want: ObjRef,
        /// Where the xref pointed.
        offset: usize,
    },
    /// A budget from [`crate::Limits`] was exceeded; `code` is `pdf.limit.*`.
    Limit {
        /// Stable code, e.g. `pdf.limit.depth`.
        code: &'static str,
    },
    /// A stream filter Kyso does not decode (image codecs, JBIG2, ...).
    UnsupportedFilter(String),
    /// A stream could not be decoded.
    Decode {
        /// The filter.
        filter: &'static str,
        /// What was wrong.
        reason: &'static str,
    },
    /// The document is encrypted and does not open with the empty user password.
    NeedsPassword,
    /// The encryption dictionary is not one Kyso supports or is malformed.
    Encryption(&'static str),
}

impl PdfError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::NoHeader => crate::codes::NO_HEADER,
            PdfError::NoStartxref => crate::codes::NO_STARTXREF,
            PdfError::BadXref { .. } => crate::codes::BAD_XREF,
            PdfError::PrevLoop { .. } => crate::codes::XREF_PREV_LOOP,
            PdfError::BadObject { .. } => crate::codes::BAD_OBJECT,
            PdfError::ObjectMismatch { .. } => crate::codes::OBJECT_MISMATCH,
            PdfError::Limit { code } => code,
            PdfError::UnsupportedFilter(_) => crate::codes::UNSUPPORTED_FILTER,
            PdfError::Decode { .. } => crate::codes::DECODE,
            PdfError::NeedsPassword => crate::codes::ENCRYPTION_NEEDS_PASSWORD,
            PdfError::Encryption(_) => crate::codes::ENCRYPTION_UNSUPPORTED,
        }
    }

    /// The error as an `Error` finding with plain Vietnamese and English.
    pub fn to_finding(&self) -> Finding {
        let vi = match self {
            PdfError::NoHeader => "Tệp không có phần đầu “%PDF-”, không phải tệp PDF hợp lệ.".to_owned(),
            PdfError::NoStartxref => "Không tìm thấy mục “startxref” ở cuối tệp: cấu trúc PDF bị hỏng hoặc bị cắt cụt.".to_owned(),
            PdfError::BadXref { offset, .. } => format!("Bảng tham chiếu chéo (xref) tại vị trí {offset} không đọc được."),
            PdfError::PrevLoop { offset } => format!("Chuỗi bảng tham chiếu chéo (xref) quay vòng: mục /Prev của bảng tại vị trí {offset} dẫn ngược về một bảng đã đọc, nên không xác định được các phiên bản của tài liệu. Cấu trúc PDF không hợp lệ; không thể kết luận về chữ ký."),
            PdfError::BadObject { offset, .. } => format!("Đối tượng PDF tại vị trí {offset} không đọc được."),
            PdfError::ObjectMismatch { want, offset } => {
                format!("Bảng xref chỉ đối tượng {want} tới vị trí {offset}, nhưng ở đó không có đối tượng này.")
            }
            PdfError::Limit { code } => format!("Tệp vượt quá giới hạn an toàn ({code}); dừng đọc để tránh bị tấn công từ chối dịch vụ."),
            PdfError::UnsupportedFilter(f) => format!("Bộ lọc luồng “{f}” chưa được hỗ trợ."),
            PdfError::Decode { filter, .. } => format!("Không giải mã được luồng dữ liệu ({filter})."),
            PdfError::NeedsPassword => "Tài liệu được mã hóa và cần mật khẩu để mở; chỉ kiểm tra được một phần.".to_owned(),
            PdfError::Encryption(_) => "Kiểu mã hóa của tài liệu không được hỗ trợ hoặc bị hỏng.".to_owned(),
        };
        Finding::error(self.code(), vi, self.to_string())
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NoHeader => {
                f.write_str("no %PDF- header in the first 1024 bytes: not a PDF file")
            }
            PdfError::NoStartxref => f.write_str(
                "no startxref/%%EOF at the end of the file: the PDF is damaged or truncated",
            ),
            PdfError::BadXref { offset, reason } => write!(
                f,
                "cross-reference section at byte {offset} is unreadable: {reason}"
            ),
            PdfError::PrevLoop { offset } => write!(
                f,
                "the cross-reference chain loops: the /Prev of the section at byte {offset} leads back to a section already read, so the document's revisions are not defined; the PDF structure is invalid and no conclusion can be drawn about its signatures"
            ),
            PdfError::BadObject { offset, reason } => {
                write!(f, "PDF object at byte {offset} is unreadable: {reason}")
            }
            PdfError::ObjectMismatch { want, offset } => {
                write!(
                    f,
                    "the xref points object {want} to byte {offset}, but that object is not there"
                )
            }
            PdfError::Limit { code } => write!(
                f,
                "safety limit exceeded ({code}); stopped reading to avoid denial of service"
            ),
            PdfError::UnsupportedFilter(name) => write!(f, "stream filter {name} is not supported"),
            PdfError::Decode { filter, reason } => {
                write!(f, "could not decode {filter} stream: {reason}")
            }
            PdfError::NeedsPassword => f.write_str(
                "the document is encrypted and needs a password; only part of it can be checked",
            ),
            PdfError::Encryption(reason) => {
                write!(f, "unsupported or malformed encryption: {reason}")
            }
        }
    }
}

impl std::error::Error for PdfError {}

pub(crate) fn limit(code: &'static str) -> PdfError {
    PdfError::Limit { code }
}
