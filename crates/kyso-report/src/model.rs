//! The report's types. Each type is a record of facts; the only derived fields
//! are the indications, filled by [`crate::verdict::finalize`].

use crate::{Finding, Time};
use serde::{Deserialize, Serialize};

/// The report for one input. Nested inputs (an edXML attachment, a file
/// embedded in a PDF) get their own `Report` in [`Report::children`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// [`crate::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Version of Kyso that produced the report.
    pub kyso_version: String,
    /// The input as received.
    pub file: FileInfo,
    /// What the bytes are.
    pub format: Format,
    /// The bottom line, derived from the facts below.
    pub verdict: Verdict,
    /// Facts about the document itself (PDF metadata, page count, ...).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub document: Option<DocumentInfo>,
    /// Every signature and timestamp found, in document order (oldest revision first).
    pub signatures: Vec<SignatureReport>,
    /// Every change made by the updates after the first signed revision,
    /// listed once for the document, in revision order (already aggregated
    /// per revision and kind by the change analysis). A signature refers to
    /// those after its own revision ([`SignatureReport::changes_after`],
    /// [`Report::changes_after`]) instead of carrying a copy: with many
    /// signatures, copies made the report quadratic in size.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub changes: Vec<Change>,
    /// Document-level findings (structure, parse warnings, unsigned parts).
    pub findings: Vec<Finding>,
    /// Reports for nested documents (edXML attachments, PDF embedded files).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub children: Vec<ChildReport>,
    /// When the input is itself a certificate (or a bundle of them): each one described.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub certificates: Vec<CertificateInfo>,
    /// When the input is a certificate file: the path from its end-entity
    /// certificate (else its first) to a trusted anchor, at the validation time.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub certificate_trust: Option<TrustInfo>,
    /// Set when the input could not be read at all; then `format` may be `unknown`
    /// and `signatures` empty.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<InputError>,
    /// The validation time the user chose for this run (`kyso verify --at`,
    /// the portal's settings). Omitted when it is [`ValidationTimeChoice::Default`].
    /// A statement of what was asked, never a proof of anything.
    #[serde(skip_serializing_if = "ValidationTimeChoice::is_default", default)]
    pub validation_time_choice: ValidationTimeChoice,
    /// Kyso stopped at one of its resource budgets (e.g. more signature
    /// dictionaries than it examines) and left part of the document
    /// unexamined: the document is never better than INDETERMINATE. A
    /// document-level finding says which budget.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub budget_exceeded: bool,
    /// The document is encrypted and does not open without a password, so
    /// Kyso could not read what is inside encrypted objects: signatures
    /// stored there cannot be found. When none is found the document is
    /// INDETERMINATE, never said to be unsigned; signatures that are found
    /// are verified over the bytes as received and judged as usual.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub needs_password: bool,
}

impl Report {
    /// An empty report for a file, before any verification.
    pub fn new(file: FileInfo, format: Format) -> Self {
        Report {
            schema_version: crate::SCHEMA_VERSION,
            kyso_version: env!("CARGO_PKG_VERSION").to_string(),
            file,
            format,
            verdict: Verdict::default(),
            document: None,
            signatures: Vec::new(),
            changes: Vec::new(),
            findings: Vec::new(),
            children: Vec::new(),
            certificates: Vec::new(),
            certificate_trust: None,
            error: None,
            validation_time_choice: ValidationTimeChoice::Default,
            budget_exceeded: false,
            needs_password: false,
        }
    }

    /// The changes made after `sig` (the document's [`Report::changes`] of
    /// the revisions after the one it signed), in revision order; none when
    /// no change analysis applies to it.
    pub fn changes_after<'a>(&'a self, sig: &SignatureReport) -> impl Iterator<Item = &'a Change> {
        let after = sig.changes_after.map(|c| c.after_revision);
        self.changes
            .iter()
            .filter(move |c| after.is_some_and(|a| c.revision > a))
    }
}

/// A nested document and where it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChildReport {
    /// Where inside the parent: `attachment:ContentId`, `embedded:name.docx`, `zip:word/document.xml`.
    pub location: String,
    /// The nested report.
    pub report: Report,
    /// Whether the child's verdict is part of the parent's. `true` for what
    /// the parent exists to carry (an edXML attachment, a `.p7m`'s content);
    /// `false` for a file merely embedded in a signed PDF, which the PDF's
    /// own signatures already cover: its own signatures are shown, not
    /// counted.
    #[serde(default = "yes")]
    pub counts_for_verdict: bool,
    /// Where the child's bytes lie in the parent file, `[start, end)`, when
    /// they are one contiguous slice of it (a `.p7m`'s DER content): front
    /// ends offer them for download from the file the user gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[u64; 2]>,
}

fn yes() -> bool {
    true
}

/// The input as received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FileInfo {
    /// File name as given by the user, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the whole input, lowercase hex.
    pub sha256: String,
}

/// What kind of container the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// PDF (PAdES / ISO 32000 signatures).
    Pdf,
    /// CMS / PKCS#7 SignedData (.p7s, .p7m).
    Cms,
    /// Generic XML (XML-DSig, XAdES).
    Xml,
    /// Office Open XML package (.docx, .xlsx, .pptx).
    Ooxml,
    /// OpenDocument package (.odt, .ods).
    Odf,
    /// edXML envelope (QCVN 102:2016/BTTTT).
    Edxml,
    /// A certificate (DER or PEM).
    Certificate,
    /// None of the above.
    Unknown,
}

/// ETSI EN 319 102-1 main indication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Indication {
    /// Every check passed: intact, genuine, trusted, valid at the validation time.
    TotalPassed,
    /// A check failed in a way that more information cannot fix.
    TotalFailed,
    /// Could not be decided with the information at hand.
    #[default]
    Indeterminate,
    /// Not an ETSI indication: the document carries no signature at all.
    NoSignature,
}

/// ETSI EN 319 102-1 sub-indications (clause 5.1.3), names as in the standard.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubIndication {
    // TOTAL_FAILED
    FormatFailure,
    HashFailure,
    SigCryptoFailure,
    Revoked,
    Expired,
    NotYetValid,
    // INDETERMINATE
    SigConstraintsFailure,
    ChainConstraintsFailure,
    CertificateChainGeneralFailure,
    CryptoConstraintsFailure,
    CryptoConstraintsFailureNoPoe,
    PolicyProcessingError,
    TimestampOrderFailure,
    NoSigningCertificateFound,
    NoCertificateChainFound,
    RevokedNoPoe,
    RevokedCaNoPoe,
    OutOfBoundsNoPoe,
    OutOfBoundsNotRevoked,
    RevocationOutOfBoundsNoPoe,
    NoPoe,
    TryLater,
    SignedDataNotFound,
}

/// The bottom line for a document or a signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Verdict {
    /// Main indication.
    pub indication: Indication,
    /// Why, when not `TOTAL_PASSED`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sub_indication: Option<SubIndication>,
    /// One sentence in Vietnamese.
    pub summary_vi: String,
    /// The same in English.
    pub summary_en: String,
    /// What the reader should do next (not `TOTAL_PASSED` nor `NO_SIGNATURE`), Vietnamese.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_step_vi: Option<String>,
    /// The same in English.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_step_en: Option<String>,
}

impl Verdict {
    /// The summary in the requested language.
    pub fn summary(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Vi => &self.summary_vi,
            crate::Lang::En => &self.summary_en,
        }
    }

    /// What the reader should do next, in the requested language.
    pub fn next_step(&self, lang: crate::Lang) -> Option<&str> {
        match lang {
            crate::Lang::Vi => self.next_step_vi.as_deref(),
            crate::Lang::En => self.next_step_en.as_deref(),
        }
    }
}

/// Why the input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InputError {
    /// Stable code, e.g. `io.not_found`, `pdf.no_trailer`, `input.too_large`.
    pub code: String,
    /// Vietnamese explanation.
    pub message_vi: String,
    /// English explanation.
    pub message_en: String,
}

/// Facts about the document (format-specific, all optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentInfo {
    /// PDF header version, e.g. `1.7`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pdf_version: Option<String>,
    /// Number of pages in the latest revision.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page_count: Option<u32>,
    /// Number of revisions (the original plus incremental updates).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub revision_count: Option<u32>,
    /// Signature fields in the AcroForm of the latest revision (signed or not).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signature_field_count: Option<u32>,
    /// Encryption, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub encryption: Option<EncryptionInfo>,
    /// Title, author... from the Info dictionary (XMP where Info has none).
    #[serde(default)]
    pub metadata: Metadata,
    /// The XMP metadata stream on its own, when present (so that a
    /// disagreement with the Info dictionary is visible).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub xmp: Option<Metadata>,
    /// Page sizes, grouped: `[{"name":"A4","width_mm":210,"height_mm":297,"count":29}]`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub page_sizes: Vec<PageSize>,
    /// Natural language of the document (`/Lang`), e.g. `vi-VN`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub language: Option<String>,
    /// Tagged PDF (`/MarkInfo /Marked true` or a structure tree).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tagged: Option<bool>,
    /// Interactive form fields (all kinds), when the document has a form.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub form_field_count: Option<u32>,
    /// The form is (also) an XFA form.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub xfa: bool,
    /// Where the document carries JavaScript (`names`, `open_action`,
    /// `catalog_aa`, `page_aa`, `annotation`). Empty: none found.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub javascript: Vec<String>,
    /// Files embedded in the document.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub embedded_files: Vec<EmbeddedFile>,
    /// Vietnamese administrative metadata (số/ký hiệu, issuing body, ...), when read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub administrative: Option<AdministrativeInfo>,
    /// edXML package facts (QCVN 102:2016/BTTTT header, status, attachments), when the input is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub edxml: Option<crate::EdxmlInfo>,
}

/// Encryption of a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EncryptionInfo {
    /// Security handler filter, e.g. `Standard`.
    pub filter: String,
    /// Cipher, e.g. `RC4-128`, `AES-128`, `AES-256`.
    pub algorithm: String,
    /// Whether the document opened with the empty user password.
    pub opened: bool,
}

/// Descriptive metadata; every field optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Metadata {
    #[allow(missing_docs)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    #[allow(missing_docs)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub author: Option<String>,
    #[allow(missing_docs)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subject: Option<String>,
    #[allow(missing_docs)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub keywords: Option<String>,
    #[allow(missing_docs)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub creator: Option<String>,
    #[allow(missing_docs)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub producer: Option<String>,
    /// Creation date as written (PDF date string or XMP).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub created: Option<String>,
    /// Modification date as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub modified: Option<String>,
}

/// A file embedded in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EmbeddedFile {
    /// Name as given in the document.
    pub name: String,
    /// Size in bytes, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub size: Option<u64>,
    /// MIME type, when given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mime_type: Option<String>,
    /// SHA-256 of the decoded file, when it could be decoded within the limits.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha256: Option<String>,
}

/// A page size and how many pages have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PageSize {
    /// `A4`, `A3`, `Letter`, … when the size is a standard one (either orientation), else empty.
    pub name: String,
    /// Width in millimetres (after /Rotate), rounded.
    pub width_mm: u32,
    /// Height in millimetres (after /Rotate), rounded.
    pub height_mm: u32,
    /// Pages of this size.
    pub count: u32,
}

/// Vietnamese administrative metadata (Nghị định 30/2020/NĐ-CP, Phụ lục I:
/// thể thức văn bản), read from the document's text (or an edXML header).
///
/// Every value says where it was read and how sure the reading is; none of
/// it changes a signature's verdict. Cross-checks against the signatures are
/// findings on the report (`doc.admin.*`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AdministrativeInfo {
    /// Where the facts were read from (`pdf_text`, `text`, `edxml_header`, ...).
    pub source: String,
    /// Whether the pages carried readable text.
    #[serde(default)]
    pub readability: Readability,
    /// Governing body (cơ quan, tổ chức chủ quản), e.g. `BỘ TÀI CHÍNH` above `TỔNG CỤC THUẾ`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parent_body: Option<ReadValue>,
    /// Issuing body (cơ quan, tổ chức ban hành), e.g. `CHÍNH PHỦ`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub issuing_body: Option<ReadValue>,
    /// Number (số), e.g. `49`; leading zeros kept as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub number: Option<ReadValue>,
    /// Notation (ký hiệu), e.g. `2026/NĐ-CP`, `UBND-HCTC`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub notation: Option<ReadValue>,
    /// Type of document (tên loại văn bản) in capitals, e.g. `NGHỊ ĐỊNH`, `CÔNG VĂN`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub doc_type: Option<ReadValue>,
    /// The type's abbreviation in the notation (Phụ lục III), e.g. `NĐ`, `QĐ`, `TTr`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub doc_type_abbreviation: Option<String>,
    /// Place of issue (địa danh), e.g. `Hà Nội`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub place: Option<ReadValue>,
    /// Date of issue (ngày ban hành) as `YYYY-MM-DD`; `as_written` keeps the line.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<ReadValue>,
    /// Subject (trích yếu nội dung), lines joined.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subject: Option<ReadValue>,
    /// Addressees (Kính gửi).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub addressees: Vec<ReadValue>,
    /// Distribution list (Nơi nhận).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub recipients: Vec<ReadValue>,
    /// Signing authority lines (quyền hạn ký): `TM. CHÍNH PHỦ`, `KT. THỦ TƯỚNG`, `TL.`, `TUQ.`, `Q.`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub authority: Vec<ReadValue>,
    /// Position of the signer (chức vụ), e.g. `PHÓ THỦ TƯỚNG`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signer_position: Option<ReadValue>,
    /// Printed name of the signer (họ tên người ký).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signer_name: Option<ReadValue>,
    /// Urgency mark (độ khẩn): `HỎA TỐC`, `THƯỢNG KHẨN`, `KHẨN`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub urgency: Option<ReadValue>,
    /// Confidentiality mark (độ mật): `MẬT`, `TỐI MẬT`, `TUYỆT MẬT`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub confidentiality: Option<ReadValue>,
    /// Appendices (Phụ lục) and the document they say they belong to.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub appendices: Vec<AppendixInfo>,
    /// Visible signature stamps drawn by signing software ("Người ký: …").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub stamps: Vec<SignatureStamp>,
}

impl AdministrativeInfo {
    /// `số/ký hiệu` as printed on the document, e.g. `49/2026/NĐ-CP`.
    pub fn number_and_notation(&self) -> Option<String> {
        match (&self.number, &self.notation) {
            (Some(n), Some(k)) => Some(format!("{}/{}", n.value, k.value)),
            (None, Some(k)) => Some(format!("/{}", k.value)),
            (Some(n), None) => Some(n.value.clone()),
            (None, None) => None,
        }
    }

    /// Whether nothing at all was read.
    pub fn is_empty(&self) -> bool {
        self.issuing_body.is_none()
            && self.number.is_none()
            && self.notation.is_none()
            && self.doc_type.is_none()
            && self.date.is_none()
            && self.subject.is_none()
            && self.signer_name.is_none()
            && self.stamps.is_empty()
    }
}

/// Whether the document's pages carry text that can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Readability {
    /// The pages read were text.
    #[default]
    Text,
    /// The pages read are images (a scan): the fields cannot be read from them.
    Scanned,
    /// Some glyphs could not be mapped to Unicode (fonts without a usable encoding).
    PartlyUnreadable,
    /// No text was found on the pages read.
    NoText,
}

/// How sure a reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Found where the decree's layout puts it, in the expected form, but some heuristics were needed.
    Low,
    /// Found in the expected form, position not confirmed (e.g. read from plain text).
    Medium,
    /// Found in its place in the layout, in the expected form.
    High,
}

/// One value read from the document, with its origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReadValue {
    /// The value, normalised (NFC, single spaces; dates as `YYYY-MM-DD`).
    pub value: String,
    /// The text as printed, when it differs from `value`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub as_written: Option<String>,
    /// 1-based page number it was read from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// Rectangle on that page `[x0, y0, x1, y1]` in PDF user space (points, origin bottom left).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rect: Option<[f64; 4]>,
    /// How sure the reading is.
    pub confidence: Confidence,
}

impl ReadValue {
    /// A value read without position.
    pub fn new(value: impl Into<String>, confidence: Confidence) -> Self {
        ReadValue {
            value: value.into(),
            as_written: None,
            page: None,
            rect: None,
            confidence,
        }
    }
}

/// An appendix (Phụ lục) and what it says it is attached to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AppendixInfo {
    /// Its heading, e.g. `Phụ lục I`.
    pub label: ReadValue,
    /// The citation line as printed, e.g. `(Kèm theo Công văn số: 086 /UBND-HCTC ngày 25 tháng 4 năm 2019 …)`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cites: Option<String>,
    /// The number (số) it cites.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cited_number: Option<String>,
    /// The notation (ký hiệu) it cites.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cited_notation: Option<String>,
    /// The date it cites, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cited_date: Option<String>,
}

/// A visible signature stamp as drawn by Vietnamese signing software.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SignatureStamp {
    /// Name of the signature field whose appearance drew it, when it is a widget.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub field: Option<String>,
    /// 1-based page.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// Rectangle on the page `[x0, y0, x1, y1]`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rect: Option<[f64; 4]>,
    /// "Người ký: …"
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signer: Option<String>,
    /// "Cơ quan: …"
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organisation: Option<String>,
    /// "Email: …"
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub email: Option<String>,
    /// "Thời gian ký: …" as printed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub time_as_written: Option<String>,
    /// The same as an RFC 3339 time, when it parses.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub time: Option<String>,
}

/// What a signature is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignatureKind {
    /// A signature by a person or organisation.
    Signature,
    /// A document timestamp (ETSI.RFC3161).
    DocumentTimestamp,
}

/// How much of the file a signature's byte range covers. Ordered from worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// The byte range could not be interpreted.
    Unclear,
    /// Covers part of the file, not ending at a revision boundary.
    Partial,
    /// Ends exactly at the end of a revision that later updates follow.
    EntireRevision,
    /// Covers the whole file except its own /Contents.
    EntireFile,
}

/// What changed after a signature, as the most permissive class needed. Ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModificationLevel {
    /// Nothing after the signed revision.
    None,
    /// Only long-term-validation data, further signatures and document timestamps.
    Ltv,
    /// Form filling (and the above).
    FormFilling,
    /// Annotations (and the above).
    Annotations,
    /// Anything else: page content, structure, ...
    Other,
}

/// A certificate as shown to a reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CertificateInfo {
    /// Subject common name.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub common_name: Option<String>,
    /// Subject organisation (O).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organization: Option<String>,
    /// Subject organisational units (OU).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub organizational_units: Vec<String>,
    /// Title (T).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// Locality / province (L, ST).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub locality: Option<String>,
    /// Country (C).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country: Option<String>,
    /// E-mail from the subject or the SAN.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub email: Option<String>,
    /// Decoded `UID` values (`MST:0102357802` ...).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub identifiers: Vec<Identifier>,
    /// Full subject DN, RFC 4514 string.
    pub subject: String,
    /// Full issuer DN, RFC 4514 string.
    pub issuer: String,
    /// Issuer common name, for short display.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub issuer_common_name: Option<String>,
    /// Serial number, uppercase hex.
    pub serial: String,
    /// Start of validity.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub not_before: Option<Time>,
    /// End of validity.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub not_after: Option<Time>,
    /// SHA-256 of the DER certificate, lowercase hex.
    pub sha256: String,
    /// Public key, e.g. `RSA-3072`, `ECDSA P-384`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub public_key: Option<String>,
    /// Key usage names.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub key_usage: Vec<String>,
    /// Extended key usage names or OIDs.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub extended_key_usage: Vec<String>,
    /// Certificate policy OIDs.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub policies: Vec<String>,
    /// Whether the certificate is a CA.
    #[serde(default)]
    pub is_ca: bool,
    /// The DER certificate, base64, so a front end can offer it for download.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub der_base64: Option<String>,
}

/// A decoded identifier from a Vietnamese certificate's `UID` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Identifier {
    /// The prefix as written: `CMND`, `CCCD`, `MST`, `MNS`, `HC`, `BHXH`, or empty.
    pub kind: String,
    /// The value after the prefix.
    pub value: String,
    /// What the prefix means, in Vietnamese (`Mã số thuế`).
    pub meaning_vi: String,
    /// In English (`Tax code`).
    pub meaning_en: String,
}

/// The times a signature claims, and the proven one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SigningTime {
    /// The PDF signature dictionary's /M, as parsed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pdf_m: Option<Time>,
    /// The CMS `signingTime` signed attribute, as labelled (UTC).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cms_signing_time: Option<Time>,
    /// The signature timestamp's genTime, if a timestamp token is present and valid.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub timestamp: Option<Time>,
    /// The XAdES `SigningTime` signed property (ETSI EN 319 132-1 §5.2.1):
    /// the time the signer claims, as written (no proof).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub xades_signing_time: Option<Time>,
    /// Explanatory notes (e.g. local time labelled as UTC).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub notes: Vec<Finding>,
}

/// Algorithms used by a signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Algorithms {
    /// Digest algorithm name, e.g. `SHA-256`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub digest: Option<String>,
    /// Signature algorithm name, e.g. `RSA PKCS#1 v1.5`, `RSASSA-PSS`, `ECDSA`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signature: Option<String>,
    /// Signer key, e.g. `RSA-3072`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub public_key: Option<String>,
}

/// An RFC 3161 timestamp token (signature timestamp or document timestamp).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TimestampInfo {
    /// The time the authority asserts.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub gen_time: Option<Time>,
    /// Accuracy in milliseconds, if stated.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub accuracy_ms: Option<u64>,
    /// TSA policy OID.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub policy: Option<String>,
    /// Message imprint digest algorithm.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub imprint_algorithm: Option<String>,
    /// Whether the imprint matches what it must cover.
    pub imprint_matches: bool,
    /// Whether the token's own signature verifies.
    pub signature_valid: bool,
    /// Whether the authority's certificate chains to a trusted anchor.
    pub trusted: bool,
    /// The authority's certificate.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub authority: Option<CertificateInfo>,
    /// The authority's chain, leaf first.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub chain: Vec<CertificateInfo>,
    /// Explanations.
    #[serde(default)]
    pub findings: Vec<Finding>,
}

/// Revocation status of a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevocationStatus {
    /// Evidence shows the certificate was not revoked.
    Good,
    /// Evidence shows the certificate revoked.
    Revoked,
    /// No usable evidence; not checked.
    NotChecked,
}

/// Revocation facts for the signer (and the path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RevocationInfo {
    /// Status of the signer certificate.
    pub status: RevocationStatus,
    /// Revocation date, if revoked.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub revoked_at: Option<Time>,
    /// Where the evidence came from (`cms`, `adbe-revocationInfoArchival`, `dss`, `vri`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<String>,
    /// Explanations (why not checked, which CRL/OCSP was used).
    #[serde(default)]
    pub findings: Vec<Finding>,
}

impl Default for RevocationInfo {
    fn default() -> Self {
        RevocationInfo {
            status: RevocationStatus::NotChecked,
            revoked_at: None,
            source: None,
            findings: Vec::new(),
        }
    }
}

/// Where the validation time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ValidationTimeSource {
    /// A valid signature timestamp (or a later document timestamp) proves existence then.
    Timestamp,
    /// The signer's claim (/M or signingTime), not proven.
    ClaimedUnproven,
    /// The current time.
    Now,
    /// A time the user chose ([`ValidationTimeChoice::At`]); proves nothing.
    UserChosen,
}

/// When certificates are validated, as the user chose it (`kyso verify --at`,
/// the portal's settings). Like EU DSS's "validation time" and the "current
/// time" input of ETSI EN 319 102-1: the validation is performed *as if* at
/// that time. The choice is a question the user asks ("was this valid then?"),
/// never evidence: only a timestamp proves when a signature existed.
///
/// JSON: omitted for `Default`; `{"kind":"at","time":"2025-01-01T00:00:00Z"}`;
/// `{"kind":"claimed"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValidationTimeChoice {
    /// Kyso's rule: a signature is validated at the time a valid timestamp
    /// proves; without one, at the current time (and at the signer's claimed
    /// time, which stands only when both pass).
    #[default]
    Default,
    /// Validate as if the current time were `time`. A proof of existence
    /// (a valid, trusted timestamp) not later than `time` still moves a
    /// signature's validation back to the proven time (past signature
    /// validation); a proof later than `time` cannot, so the signature is
    /// validated at `time`. Document timestamps are validated at `time`
    /// instead of the current time.
    At {
        /// The chosen time.
        time: crate::Time,
    },
    /// Validate each signature without a proof of existence at the signing
    /// time its signer claims (CMS `signingTime`, else PDF `/M`), and **not**
    /// again at the current time. Signatures with a proof are validated at the
    /// proven time, as by default; signatures without a claim at the current time.
    Claimed,
}

impl ValidationTimeChoice {
    /// `true` for [`ValidationTimeChoice::Default`] (serde's skip test).
    pub fn is_default(&self) -> bool {
        *self == ValidationTimeChoice::Default
    }

    /// Parse a user's answer: `claimed`, or an RFC 3339 time with `Z` or an
    /// offset (`2025-01-01T00:00:00Z`, `2025-01-01T07:00:00+07:00`).
    /// `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("claimed") {
            return Some(ValidationTimeChoice::Claimed);
        }
        crate::Time::parse_rfc3339(s).map(|time| ValidationTimeChoice::At { time })
    }
}

/// Outcome of the certificate path validation for a signer (or a TSA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChainStatus {
    /// Not attempted (e.g. the signature itself failed).
    NotChecked,
    /// A valid path to a trusted anchor at the validation time.
    Trusted,
    /// No path to any trusted anchor could be built.
    NoChainFound,
    /// A path was built but a certificate was expired at the validation time,
    /// with no proof of existence before expiry.
    ExpiredNoPoe,
    /// A certificate was not yet valid at the validation time.
    NotYetValid,
    /// The signer certificate was revoked before the validation time.
    Revoked,
    /// Revoked, but no proof that the signature existed before revocation.
    RevokedNoPoe,
    /// A path exists but violates constraints (basic constraints, key usage, name constraints, critical extensions...).
    ConstraintsFailure,
    /// A certificate signature in the path does not verify.
    CertificateSignatureInvalid,
    /// An algorithm in the path is rejected by policy.
    CryptoConstraintsFailure,
}

/// Certificate path validation facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrustInfo {
    /// Outcome.
    pub status: ChainStatus,
    /// The path, signer first, anchor last.
    #[serde(default)]
    pub chain: Vec<CertificateInfo>,
    /// Label of the trust anchor reached (e.g. `Ban Cơ yếu Chính phủ — RootCA G2`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub anchor: Option<String>,
    /// The time at which the path was validated.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub validation_time: Option<Time>,
    /// Where that time comes from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub validation_time_source: Option<ValidationTimeSource>,
    /// Explanations.
    #[serde(default)]
    pub findings: Vec<Finding>,
}

impl Default for TrustInfo {
    fn default() -> Self {
        TrustInfo {
            status: ChainStatus::NotChecked,
            chain: Vec::new(),
            anchor: None,
            validation_time: None,
            validation_time_source: None,
            findings: Vec::new(),
        }
    }
}

/// The changes after one signature, by reference: those of
/// [`Report::changes`] whose revision is later than `after_revision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChangesAfter {
    /// The revision (1-based) the signature covers.
    pub after_revision: u32,
    /// How many entries of [`Report::changes`] follow it.
    pub count: u32,
    /// How many of those the permission rules do not accept.
    pub not_permitted: u32,
}

/// One change made after a signature, in a later revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Change {
    /// The revision (1-based) that made it.
    pub revision: u32,
    /// Class: `signature`, `ltv`, `form_filling`, `annotation`, `metadata`, `other`.
    pub class: String,
    /// Whether the permission rules accept it.
    pub allowed: bool,
    /// Object reference(s) concerned, e.g. `12 0 R`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub object: Option<String>,
    /// Vietnamese description.
    pub message_vi: String,
    /// English description.
    pub message_en: String,
}

/// The typed facts the verdict is derived from. Each is set by the stage that
/// establishes it; `None` means "not established" (stage not reached or not applicable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SignatureFacts {
    /// The container around the signature is malformed or malicious
    /// (ByteRange, /Contents, CMS ASN.1). Set with an error finding.
    pub format_failure: bool,
    /// More than one SignerInfo where one is expected.
    pub ambiguous_signer: bool,
    /// The signer's certificate was found among those embedded.
    pub signer_certificate_found: bool,
    /// The message digest equals the digest of the signed bytes.
    pub digest_matches: Option<bool>,
    /// The signature value verifies with the signer's public key.
    pub crypto_valid: Option<bool>,
    /// An algorithm is unsupported (cannot decide).
    pub unsupported_algorithm: bool,
    /// An algorithm is rejected by the policy (weak); the finding names it.
    pub weak_algorithm: bool,
    /// The weak algorithm would be acceptable had a proof of existence predated its sunset.
    pub weak_algorithm_no_poe: bool,
    /// The ESS signing-certificate(-v2) attribute matches the signer certificate.
    pub signing_certificate_ref_ok: Option<bool>,
    /// A signature timestamp is present and broken (imprint or signature).
    pub timestamp_invalid: bool,
    /// Two of the signature's timestamps contradict each other: a content
    /// timestamp (taken before signing) is later than the signature timestamp
    /// (ETSI EN 319 102-1 §5.6.2.3, TIMESTAMP_ORDER_FAILURE).
    #[serde(default)]
    pub timestamp_order_failure: bool,
    /// Changes after this signature that no rule allows.
    pub disallowed_changes: bool,
    /// Some updates after this signature were not examined: a budget of the
    /// change analysis stopped it (work, revisions, form fields). Nothing
    /// proves a forbidden change and nothing proves there is none: the
    /// signature is INDETERMINATE, never valid and never failed for this.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub changes_not_examined: bool,
    /// The signature is in the file, but the document's cross-reference
    /// chain no longer reaches it or the revision it signed (a later update
    /// skips it): what a reader shows is not what was signed.
    #[serde(default)]
    pub revision_unreachable: bool,
}

/// A region of a page that a later change hides: what the sketch of the page
/// shows (page box and rectangle in PDF points, origin bottom-left).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CoveredRegion {
    /// 1-based revision of the change.
    pub revision: u32,
    /// 1-based page number.
    pub page: u32,
    /// The page's crop box `[x0, y0, x1, y1]`, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_box: Option<[f64; 4]>,
    /// The hidden region `[x0, y0, x1, y1]`.
    pub rect: [f64; 4],
    /// Text that can be read in the hidden region (best effort).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<String>,
}

/// Everything about one signature or document timestamp.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SignatureReport {
    /// Index in the report (0-based, document order).
    pub index: u32,
    /// Fully qualified field name, when the signature belongs to a form field.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub field: Option<String>,
    /// Signature or document timestamp.
    pub kind: SignatureKind,
    /// PDF /SubFilter (or the CMS/XML equivalent), as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sub_filter: Option<String>,
    /// The revision (1-based) whose bytes this signature covers.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub revision: Option<u32>,
    /// Byte range as written, `[a, b, c, d]`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub byte_range: Option<Vec<i64>>,
    /// How much of the file is covered.
    pub coverage: Coverage,
    /// Length of the version that was signed: the file's first `signed_length`
    /// bytes are exactly the revision this signature covers (end of its byte range).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signed_length: Option<u64>,
    /// Signed bytes unchanged (digest matches).
    pub intact: bool,
    /// Signature value genuine for the signer's key.
    pub signature_valid: bool,
    /// Signer chains to a trusted anchor, valid at the validation time.
    pub trusted: bool,
    /// Derived: main indication for this signature.
    pub indication: Indication,
    /// Derived: why.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sub_indication: Option<SubIndication>,
    /// The signer.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signer: Option<CertificateInfo>,
    /// Claimed and proven times.
    #[serde(default)]
    pub signing_time: SigningTime,
    /// /Name from the signature dictionary.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    /// /Reason.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
    /// /Location.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<String>,
    /// /ContactInfo.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub contact_info: Option<String>,
    /// Algorithms used.
    #[serde(default)]
    pub algorithms: Algorithms,
    /// DocMDP permission (1, 2, 3) if this is a certification signature.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub certification_level: Option<u8>,
    /// Signature timestamp (unsigned attribute), or, for a document timestamp, the token itself.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub timestamp: Option<TimestampInfo>,
    /// Path validation.
    #[serde(default)]
    pub trust: TrustInfo,
    /// Revocation.
    #[serde(default)]
    pub revocation: RevocationInfo,
    /// Most permissive class of change after this signature.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub modification_level: Option<ModificationLevel>,
    /// What changed after this signature: a reference to the document's
    /// [`Report::changes`] (those of revisions after `after_revision`) with
    /// their counts; `None` when no change analysis applies.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub changes_after: Option<ChangesAfter>,
    /// Places where a change made after this signature hides signed content
    /// of a page (`pdf.attack.covers_signed_content`), for a sketch of the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covered: Vec<CoveredRegion>,
    /// XML signatures: what each `ds:Reference` signed, in SignedInfo order
    /// (exactly that element and nothing else; signature wrapping shows here).
    /// Empty for PDF and CMS signatures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signed_references: Vec<SignedReference>,
    /// Derived: the one most important failed check behind a verdict other
    /// than `TOTAL_PASSED` (ranked by [`crate::reason`]), copied from the
    /// findings of the signature, its path, revocation or timestamp.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub key_finding: Option<Finding>,
    /// Typed facts the indication derives from.
    pub facts: SignatureFacts,
    /// Everything checked, in order, with outcome.
    pub findings: Vec<Finding>,
}

/// What one reference of an XML signature (XML-DSig 1.1 §4.4.3 `ds:Reference`) covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignedTarget {
    /// `URI=""` or `#xpointer(/)`: the whole document (after its transforms,
    /// e.g. without the enveloped signature).
    WholeDocument,
    /// `#id`: exactly one element of the document and its content.
    Element,
    /// Data outside the document (a package part, a detached file), supplied by the caller.
    External,
    /// Data outside the document that was not available: it could not be checked.
    ExternalMissing,
    /// The reference could not be resolved (no or several matching elements, unknown form).
    Unresolved,
}

/// One reference of an XML signature and the element it signed, for the
/// reader: a front end shows that element and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SignedReference {
    /// The `URI` attribute as written (absent: `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// What kind of data was signed.
    pub target: SignedTarget,
    /// The element signed (for the whole document: its root element), qualified name as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    /// Its namespace URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Its `Id`/`ID`/`id`/`xml:id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where it sits, XPath-like (`/Envelope/ds:Signature/ds:Object`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The reference signs the XAdES SignedProperties (not document content).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed_properties: bool,
    /// Digest algorithm name (`SHA-256`), or the DigestMethod URI when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest_algorithm: Option<String>,
    /// The digest of the referenced data equals DigestValue (`None`: not computed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest_ok: Option<bool>,
}

impl SignatureReport {
    /// A signature report with nothing established yet.
    pub fn new(index: u32, kind: SignatureKind) -> Self {
        SignatureReport {
            index,
            field: None,
            kind,
            sub_filter: None,
            revision: None,
            byte_range: None,
            coverage: Coverage::Unclear,
            signed_length: None,
            intact: false,
            signature_valid: false,
            trusted: false,
            indication: Indication::Indeterminate,
            sub_indication: None,
            signer: None,
            signing_time: SigningTime::default(),
            name: None,
            reason: None,
            location: None,
            contact_info: None,
            algorithms: Algorithms::default(),
            certification_level: None,
            timestamp: None,
            trust: TrustInfo::default(),
            revocation: RevocationInfo::default(),
            modification_level: None,
            changes_after: None,
            covered: Vec::new(),
            signed_references: Vec::new(),
            key_finding: None,
            facts: SignatureFacts::default(),
            findings: Vec::new(),
        }
    }
}
