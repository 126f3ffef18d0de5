//! Labels for the report's enumerations, in Vietnamese and English, shared by
//! every front end so that the CLI and the portal say the same thing.

use crate::{
    ChainStatus, Coverage, Format, Indication, ModificationLevel, RevocationStatus, Severity,
    SignatureKind, SubIndication, ValidationTimeChoice, ValidationTimeSource,
};
use serde::{Deserialize, Serialize};

/// Display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Parse `vi` / `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" | "VI" | "vi-VN" => Some(Lang::Vi),
            "en" | "EN" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Labels in one language.
#[derive(Debug, Clone, Copy)]
pub struct Labels(pub Lang);

macro_rules! pick {
    ($self:ident, $vi:expr, $en:expr) => {
        match $self.0 {
            Lang::Vi => $vi,
            Lang::En => $en,
        }
    };
}

impl Labels {
    /// Pick a string by language.
    pub fn pick<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        pick!(self, vi, en)
    }

    /// Main indication.
    pub fn indication(&self, i: Indication) -> &'static str {
        match i {
            Indication::TotalPassed => pick!(self, "Hợp lệ", "Valid"),
            Indication::TotalFailed => pick!(self, "Không hợp lệ", "Invalid"),
            Indication::Indeterminate => pick!(self, "Chưa xác định được", "Indeterminate"),
            Indication::NoSignature => pick!(self, "Không có chữ ký", "No signature"),
        }
    }

    /// A sub-indication in plain words.
    pub fn sub_indication(&self, s: SubIndication) -> &'static str {
        use SubIndication::*;
        match s {
            FormatFailure => pick!(self, "Cấu trúc chữ ký hoặc tài liệu không đúng quy định, hoặc tài liệu bị thay đổi sau khi ký theo cách không được phép.", "The signature or document structure is malformed, or the document was changed after signing in a way that is not allowed."),
            HashFailure => pick!(self, "Nội dung đã ký bị thay đổi sau khi ký.", "The signed content was changed after signing."),
            SigCryptoFailure => pick!(self, "Giá trị chữ ký không khớp với khóa của người ký.", "The signature value does not match the signer's key."),
            Revoked => pick!(self, "Chứng thư số của người ký đã bị thu hồi trước khi ký.", "The signer's certificate was revoked before signing."),
            Expired => pick!(self, "Chứng thư số đã hết hạn trước thời điểm ký.", "The certificate had expired before the signing time."),
            NotYetValid => pick!(self, "Chứng thư số chưa có hiệu lực tại thời điểm ký.", "The certificate was not yet valid at the signing time."),
            SigConstraintsFailure => pick!(self, "Chữ ký không đáp ứng các ràng buộc kiểm tra (ví dụ nhiều người ký trong một chữ ký, hoặc dấu thời gian bị hỏng).", "The signature does not meet the validation constraints (e.g. several signers in one signature, or a broken timestamp)."),
            ChainConstraintsFailure => pick!(self, "Chuỗi chứng thư vi phạm ràng buộc (mục đích sử dụng khóa, giới hạn tên, độ dài chuỗi...).", "The certificate chain violates a constraint (key usage, name constraints, path length...)."),
            CertificateChainGeneralFailure => pick!(self, "Chuỗi chứng thư không kiểm tra được (chữ ký của một chứng thư trong chuỗi không hợp lệ).", "The certificate chain could not be validated (a certificate's signature in the chain is invalid)."),
            CryptoConstraintsFailure => pick!(self, "Dùng thuật toán mật mã yếu hoặc không được hỗ trợ.", "A weak or unsupported cryptographic algorithm is used."),
            CryptoConstraintsFailureNoPoe => pick!(self, "Dùng thuật toán mật mã đã lỗi thời và không có bằng chứng chữ ký tồn tại trước khi thuật toán bị loại bỏ.", "A deprecated algorithm is used and nothing proves the signature existed before it was withdrawn."),
            PolicyProcessingError => pick!(self, "Không xử lý được chính sách chữ ký.", "The signature policy could not be processed."),
            TimestampOrderFailure => pick!(self, "Thứ tự các dấu thời gian không hợp lý.", "The timestamps are out of order."),
            NoSigningCertificateFound => pick!(self, "Không tìm thấy chứng thư số của người ký (hoặc tham chiếu đến chứng thư không khớp).", "The signer's certificate was not found (or the reference to it does not match)."),
            NoCertificateChainFound => pick!(self, "Không xây dựng được chuỗi chứng thư đến một tổ chức cung cấp dịch vụ chứng thực được tin cậy.", "No certificate chain to a trusted certification authority could be built."),
            RevokedNoPoe => pick!(self, "Chứng thư số đã bị thu hồi và không có bằng chứng chữ ký được tạo trước đó.", "The certificate is revoked and nothing proves the signature was made before."),
            RevokedCaNoPoe => pick!(self, "Chứng thư của CA trong chuỗi đã bị thu hồi.", "A CA certificate in the chain is revoked."),
            OutOfBoundsNoPoe => pick!(self, "Chứng thư số đã hết hạn (hoặc chưa có hiệu lực) tại thời điểm kiểm tra và không có dấu thời gian chứng minh chữ ký được tạo khi chứng thư còn hiệu lực.", "The certificate has expired (or is not yet valid) at the validation time and no timestamp proves the signature was made while it was valid."),
            OutOfBoundsNotRevoked => pick!(self, "Chứng thư số đã hết hạn (không bị thu hồi) và thiếu bằng chứng thời gian.", "The certificate expired (not revoked) and a proof of time is missing."),
            RevocationOutOfBoundsNoPoe => pick!(self, "Thông tin thu hồi nằm ngoài thời hạn hiệu lực của chứng thư.", "The revocation information is outside the certificate's validity."),
            NoPoe => pick!(self, "Thiếu bằng chứng về thời điểm tồn tại của chữ ký.", "No proof of existence of the signature."),
            TryLater => pick!(self, "Chưa có thông tin thu hồi đủ mới; hãy kiểm tra lại sau.", "No fresh enough revocation information yet; try later."),
            SignedDataNotFound => pick!(self, "Không xác định được dữ liệu đã ký hoặc chưa kiểm tra được chữ ký.", "The signed data could not be determined or the signature could not be checked."),
        }
    }

    /// File format.
    pub fn format(&self, f: Format) -> &'static str {
        match f {
            Format::Pdf => "PDF",
            Format::Cms => pick!(self, "CMS/PKCS#7 (.p7s, .p7m)", "CMS/PKCS#7 (.p7s, .p7m)"),
            Format::Xml => pick!(self, "XML (chữ ký XML)", "XML (XML signature)"),
            Format::Ooxml => pick!(
                self,
                "Office Open XML (Word/Excel/PowerPoint)",
                "Office Open XML (Word/Excel/PowerPoint)"
            ),
            Format::Odf => "OpenDocument (ODF)",
            Format::Edxml => pick!(
                self,
                "Gói tin edXML (Trục liên thông văn bản)",
                "edXML package (document interconnection axis)"
            ),
            Format::Certificate => pick!(self, "Chứng thư số (X.509)", "Certificate (X.509)"),
            Format::Unknown => pick!(self, "Không nhận dạng được", "Unknown"),
        }
    }

    /// Signature kind.
    pub fn kind(&self, k: SignatureKind) -> &'static str {
        match k {
            SignatureKind::Signature => pick!(self, "Chữ ký số", "Signature"),
            SignatureKind::DocumentTimestamp => {
                pick!(self, "Dấu thời gian tài liệu", "Document timestamp")
            }
        }
    }

    /// Coverage.
    pub fn coverage(&self, c: Coverage) -> &'static str {
        match c {
            Coverage::EntireFile => pick!(self, "Toàn bộ tệp", "Entire file"),
            Coverage::EntireRevision => pick!(
                self,
                "Toàn bộ phiên bản đã ký (có cập nhật sau đó)",
                "Entire signed revision (later updates follow)"
            ),
            Coverage::Partial => pick!(self, "Một phần tệp", "Part of the file"),
            Coverage::Unclear => pick!(self, "Không xác định", "Unclear"),
        }
    }

    /// Modification level.
    pub fn modification(&self, m: ModificationLevel) -> &'static str {
        match m {
            ModificationLevel::None => pick!(
                self,
                "Không có thay đổi sau khi ký",
                "No change after signing"
            ),
            ModificationLevel::Ltv => pick!(
                self,
                "Chỉ thêm chữ ký, dấu thời gian hoặc dữ liệu kiểm tra dài hạn",
                "Only further signatures, timestamps or long-term validation data"
            ),
            ModificationLevel::FormFilling => pick!(self, "Điền biểu mẫu", "Form filling"),
            ModificationLevel::Annotations => {
                pick!(self, "Thêm/sửa chú thích", "Annotations added or changed")
            }
            ModificationLevel::Other => pick!(
                self,
                "Thay đổi nội dung hoặc cấu trúc",
                "Content or structure changed"
            ),
        }
    }

    /// What an XML signature's reference signed.
    pub fn signed_target(&self, t: crate::SignedTarget) -> &'static str {
        use crate::SignedTarget as T;
        match t {
            T::WholeDocument => pick!(self, "Toàn bộ tài liệu", "The whole document"),
            T::Element => pick!(
                self,
                "Một phần tử của tài liệu",
                "One element of the document"
            ),
            T::External => pick!(
                self,
                "Dữ liệu bên ngoài tài liệu (đã đối chiếu)",
                "Data outside the document (checked)"
            ),
            T::ExternalMissing => pick!(
                self,
                "Dữ liệu bên ngoài tài liệu (không có để đối chiếu)",
                "Data outside the document (not available to check)"
            ),
            T::Unresolved => pick!(self, "Không xác định được", "Could not be resolved"),
        }
    }

    /// Chain status.
    pub fn chain(&self, c: ChainStatus) -> &'static str {
        match c {
            ChainStatus::NotChecked => pick!(self, "Chưa kiểm tra", "Not checked"),
            ChainStatus::Trusted => pick!(self, "Tin cậy", "Trusted"),
            ChainStatus::NoChainFound => pick!(
                self,
                "Không đến được CA tin cậy",
                "No chain to a trusted CA"
            ),
            ChainStatus::ExpiredNoPoe => pick!(
                self,
                "Chứng thư hết hạn, không có dấu thời gian",
                "Certificate expired, no timestamp"
            ),
            ChainStatus::NotYetValid => pick!(
                self,
                "Chứng thư chưa có hiệu lực",
                "Certificate not yet valid"
            ),
            ChainStatus::Revoked => pick!(self, "Chứng thư đã bị thu hồi", "Certificate revoked"),
            ChainStatus::RevokedNoPoe => pick!(
                self,
                "Chứng thư đã bị thu hồi (không rõ thời điểm ký)",
                "Certificate revoked (signing time unproven)"
            ),
            ChainStatus::ConstraintsFailure => pick!(
                self,
                "Chuỗi vi phạm ràng buộc",
                "Chain violates constraints"
            ),
            ChainStatus::CertificateSignatureInvalid => pick!(
                self,
                "Chữ ký trên chứng thư không hợp lệ",
                "Invalid certificate signature"
            ),
            ChainStatus::CryptoConstraintsFailure => pick!(
                self,
                "Thuật toán yếu trong chuỗi",
                "Weak algorithm in chain"
            ),
        }
    }

    /// Revocation status.
    pub fn revocation(&self, r: RevocationStatus) -> &'static str {
        match r {
            RevocationStatus::Good => pick!(self, "Chưa bị thu hồi", "Not revoked"),
            RevocationStatus::Revoked => pick!(self, "Đã bị thu hồi", "Revoked"),
            RevocationStatus::NotChecked => {
                pick!(self, "Chưa kiểm tra thu hồi", "Revocation not checked")
            }
        }
    }

    /// Where a chain's validation time came from.
    pub fn validation_time_source(&self, s: ValidationTimeSource) -> &'static str {
        match s {
            ValidationTimeSource::Timestamp => {
                pick!(self, "theo dấu thời gian", "from a timestamp")
            }
            ValidationTimeSource::ClaimedUnproven => pick!(
                self,
                "thời điểm người ký tự khai, chưa được chứng minh",
                "claimed by the signer, unproven"
            ),
            ValidationTimeSource::Now => pick!(self, "thời điểm hiện tại", "current time"),
            ValidationTimeSource::UserChosen => pick!(
                self,
                "thời điểm do người dùng chọn, không phải bằng chứng",
                "chosen by the user, no proof"
            ),
        }
    }

    /// The user's validation-time choice, by kind (the time of
    /// [`ValidationTimeChoice::At`] is shown beside it by the caller).
    pub fn validation_time_choice(&self, c: ValidationTimeChoice) -> &'static str {
        match c {
            ValidationTimeChoice::Default => {
                pick!(self, "Mặc định (khuyến nghị)", "Default (recommended)")
            }
            ValidationTimeChoice::Claimed => {
                pick!(self, "Thời điểm ký được khai báo", "Claimed signing time")
            }
            ValidationTimeChoice::At { .. } => pick!(self, "Thời điểm cụ thể", "A specific time"),
        }
    }

    /// Severity marker.
    pub fn severity(&self, s: Severity) -> &'static str {
        match s {
            Severity::Passed => pick!(self, "Đạt", "Passed"),
            Severity::Info => pick!(self, "Thông tin", "Info"),
            Severity::Warning => pick!(self, "Cảnh báo", "Warning"),
            Severity::Error => pick!(self, "Lỗi", "Error"),
        }
    }
}
