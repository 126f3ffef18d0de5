//! Facts read from an edXML package (QCVN 102:2016/BTTTT, the national
//! document axis's message format): the message header as the sender wrote
//! it, the business type, a status message's code, the attachment manifest
//! and what the envelope's XML signature element is. Everything is optional:
//! real packages leave out much of what the standard lists.

use crate::Labels;
use serde::{Deserialize, Serialize};

/// What an edXML message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EdxmlMessageKind {
    /// An electronic document (văn bản điện tử) with its attachments.
    Document,
    /// A processing status about a document sent earlier (StatusCode).
    Status,
}

/// `TraceHeaderList/Bussiness/BussinessDocType`: why the document is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EdxmlBusinessType {
    /// 0: a new document.
    New,
    /// 1: revokes (thu hồi) a document sent earlier.
    Revoke,
    /// 2: updates (cập nhật) a document sent earlier.
    Update,
    /// 3: replaces (thay thế) a document sent earlier.
    Replace,
}

impl EdxmlBusinessType {
    /// From the code as written (`0`–`3`, surrounding spaces ignored).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "0" => Some(Self::New),
            "1" => Some(Self::Revoke),
            "2" => Some(Self::Update),
            "3" => Some(Self::Replace),
            _ => None,
        }
    }
}

/// `StatusCode` of a status message (QCVN 102:2016/BTTTT, processing states).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EdxmlStatusCode {
    /// 01: arrived, received by the document software, not yet handled by the clerk.
    Received,
    /// 02: refused by the clerk.
    Refused,
    /// 03: accepted and registered in the incoming-documents book.
    Accepted,
    /// 04: assigned for handling by a leader.
    Assigned,
    /// 05: being processed.
    Processing,
    /// 06: processing finished.
    Finished,
    /// 13: the sender asks to take the document back (with a reason).
    RecallRequested,
    /// 15: the request to update or take back is accepted.
    ChangeAccepted,
    /// 16: the request to update or take back is refused.
    ChangeRefused,
}

impl EdxmlStatusCode {
    /// From the code as written (`01`, `1`, ` 05 `...).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().trim_start_matches('0') {
            "1" => Some(Self::Received),
            "2" => Some(Self::Refused),
            "3" => Some(Self::Accepted),
            "4" => Some(Self::Assigned),
            "5" => Some(Self::Processing),
            "6" => Some(Self::Finished),
            "13" => Some(Self::RecallRequested),
            "15" => Some(Self::ChangeAccepted),
            "16" => Some(Self::ChangeRefused),
            _ => None,
        }
    }
}

impl Labels {
    /// What an edXML message carries.
    pub fn edxml_message_kind(&self, k: EdxmlMessageKind) -> &'static str {
        match k {
            EdxmlMessageKind::Document => {
                self.pick("Gói văn bản điện tử", "Electronic document package")
            }
            EdxmlMessageKind::Status => self.pick(
                "Thông báo trạng thái xử lý văn bản",
                "Document processing status",
            ),
        }
    }

    /// The business type of an edXML document.
    pub fn edxml_business_type(&self, t: EdxmlBusinessType) -> &'static str {
        match t {
            EdxmlBusinessType::New => self.pick("Văn bản mới", "New document"),
            EdxmlBusinessType::Revoke => {
                self.pick("Thu hồi văn bản đã gửi", "Revokes a document sent earlier")
            }
            EdxmlBusinessType::Update => {
                self.pick("Cập nhật văn bản đã gửi", "Updates a document sent earlier")
            }
            EdxmlBusinessType::Replace => self.pick(
                "Thay thế văn bản đã gửi",
                "Replaces a document sent earlier",
            ),
        }
    }

    /// The meaning of an edXML status code.
    pub fn edxml_status(&self, s: EdxmlStatusCode) -> &'static str {
        match s {
            EdxmlStatusCode::Received => self.pick(
                "Đã đến: phần mềm quản lý văn bản đã nhận, văn thư chưa xử lý",
                "Arrived: received by the document management software, not yet handled by the clerk",
            ),
            EdxmlStatusCode::Refused => self.pick(
                "Văn thư từ chối tiếp nhận văn bản điện tử",
                "The clerk refused to accept the electronic document",
            ),
            EdxmlStatusCode::Accepted => self.pick(
                "Văn thư đã tiếp nhận, vào sổ văn bản đến",
                "Accepted by the clerk and registered as an incoming document",
            ),
            EdxmlStatusCode::Assigned => self.pick("Lãnh đạo đã phân công xử lý", "Assigned for handling by a leader"),
            EdxmlStatusCode::Processing => self.pick("Đang xử lý", "Being processed"),
            EdxmlStatusCode::Finished => self.pick("Đã hoàn thành xử lý", "Processing finished"),
            EdxmlStatusCode::RecallRequested => self.pick(
                "Yêu cầu lấy lại văn bản điện tử (kèm lý do)",
                "Request to take the electronic document back (with a reason)",
            ),
            EdxmlStatusCode::ChangeAccepted => self.pick(
                "Đồng ý yêu cầu cập nhật, lấy lại văn bản",
                "The request to update or take back the document is accepted",
            ),
            EdxmlStatusCode::ChangeRefused => self.pick(
                "Từ chối yêu cầu cập nhật, lấy lại văn bản",
                "The request to update or take back the document is refused",
            ),
        }
    }
}

/// An organisation in the header (`From`, `To`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlOrganization {
    /// `OrganId`: the organisation's code on the axis (e.g. `000.00.00.G22`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organ_id: Option<String>,
    /// `OrganName`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organ_name: Option<String>,
    /// `OrganizationInCharge` (cơ quan chủ quản; some senders write `OrganInCharge`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organ_in_charge: Option<String>,
    /// `OrganAdd`: address.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub address: Option<String>,
    /// `Email`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub email: Option<String>,
    /// `Telephone`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub telephone: Option<String>,
    /// `Fax`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fax: Option<String>,
    /// `Website`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub website: Option<String>,
}

/// A date as written in the envelope and, when it is a real calendar date, in ISO form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlDate {
    /// `yyyy-mm-dd`, when the value is a real calendar date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub iso: Option<String>,
    /// As written (QCVN: `yyyy/MM/dd`).
    pub as_written: String,
}

/// A document referred to (`ResponseFor`, the document a revocation or replacement concerns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlDocumentRef {
    /// `OrganId` of the organisation that issued it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organ_id: Option<String>,
    /// `Code`: số/ký hiệu as one string.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
    /// `PromulgationDate`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub promulgation_date: Option<EdxmlDate>,
    /// `DocumentId` (`OrganId,yyyy/MM/dd,Số/Ký hiệu`, or a UUID).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub document_id: Option<String>,
    /// Organisations concerned (`OrganIdList`, for a replacement).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub organ_ids: Vec<String>,
}

/// `SignerInfo`: who signed the paper-equivalent document, as the sender says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlSigner {
    /// `Competence`: thẩm quyền ký (`TL. BỘ TRƯỞNG`, `KT. CHỦ TỊCH`...).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub competence: Option<String>,
    /// `Position`: chức vụ.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub position: Option<String>,
    /// `FullName`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub full_name: Option<String>,
}

/// One `TraceHeader`: an organisation the message passed through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlTrace {
    /// `OrganId`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organ_id: Option<String>,
    /// `Timestamp` as written (`yyyy/MM/dd HH:mm:ss`, local time).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub timestamp: Option<String>,
}

/// `TraceHeaderList/Bussiness`: why the document is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlBusiness {
    /// `BussinessDocType` understood.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub doc_type: Option<EdxmlBusinessType>,
    /// `BussinessDocType` as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub doc_type_as_written: Option<String>,
    /// `BussinessDocReason`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
    /// `Paper`: whether a paper copy is also sent (as written).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub paper: Option<String>,
    /// The documents this one revokes, updates or replaces (`DocumentId`, `ReplacementInfo`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub refers_to: Vec<EdxmlDocumentRef>,
}

/// A status message's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlStatus {
    /// `StatusCode` as written.
    pub code: String,
    /// The code understood.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub status: Option<EdxmlStatusCode>,
    /// Its meaning in Vietnamese (from the QCVN table).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub meaning_vi: Option<String>,
    /// Its meaning in English.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub meaning_en: Option<String>,
    /// `Description` as the sender wrote it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub description: Option<String>,
    /// `Timestamp` as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub timestamp: Option<String>,
    /// `StaffInfo/Department`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub department: Option<String>,
    /// `StaffInfo/Staff`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub staff: Option<String>,
}

/// A file found inside an attachment (the ZIP's entry, or the attachment itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlAttachedFile {
    /// Entry name (or the attachment name when the attachment is not a ZIP).
    pub name: String,
    /// Uncompressed size in bytes.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// One attachment: the manifest's `Reference` and the `Attachment` that carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlAttachment {
    /// `ContentId` (`cid:...`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub content_id: Option<String>,
    /// `ContentType` (from the attachment, else the manifest).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub content_type: Option<String>,
    /// `AttachmentName`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub attachment_name: Option<String>,
    /// `Description` in the manifest.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub description: Option<String>,
    /// Listed in `edXMLManifest`.
    #[serde(default)]
    pub in_manifest: bool,
    /// Carried in `AttachmentEncoded` (content present).
    #[serde(default)]
    pub carried: bool,
    /// Size of the base64-decoded content.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub decoded_size: Option<u64>,
    /// SHA-256 of the decoded content, lowercase hex.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha256: Option<String>,
    /// `zip` when the content is a ZIP archive, `file` when it is the document itself.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub container: Option<String>,
    /// The files extracted from it.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub files: Vec<EdxmlAttachedFile>,
}

/// The envelope's `Signature` element, as found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlEnvelopeSignature {
    /// In the XML-DSig namespace (`http://www.w3.org/2000/09/xmldsig#`). Many
    /// senders write `<Signature>` without its namespace, so it falls into
    /// edXML's default namespace and is not an XML signature as written.
    pub xmldsig_namespace: bool,
    /// `SignedInfo/SignatureMethod/@Algorithm`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signature_method: Option<String>,
    /// `SignedInfo/CanonicalizationMethod/@Algorithm`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub canonicalization_method: Option<String>,
    /// `SignatureValue` is missing or empty: a placeholder, not a signature.
    #[serde(default)]
    pub empty_value: bool,
    /// Handed to the XML signature verifier (its result is in the report's signatures).
    #[serde(default)]
    pub verified: bool,
}

/// What an edXML package says about itself (all as written by the sender).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EdxmlInfo {
    /// Document or status message.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<EdxmlMessageKind>,
    /// `From`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub from: Option<EdxmlOrganization>,
    /// Every `To`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub to: Vec<EdxmlOrganization>,
    /// `DocumentId`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub document_id: Option<String>,
    /// `Code/CodeNumber`: số.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code_number: Option<String>,
    /// `Code/CodeNotation`: ký hiệu.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code_notation: Option<String>,
    /// `PromulgationInfo/Place`: địa danh.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub promulgation_place: Option<String>,
    /// `PromulgationInfo/PromulgationDate`: ngày ban hành.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub promulgation_date: Option<EdxmlDate>,
    /// `DocumentType/Type`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub document_type: Option<String>,
    /// `DocumentType/TypeDetail`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub document_type_detail: Option<String>,
    /// `DocumentType/TypeName`: loại văn bản (`Công văn`, `Thông tư`...).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub document_type_name: Option<String>,
    /// `Subject`: trích yếu.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub subject: Option<String>,
    /// `Content`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub content: Option<String>,
    /// `SignerInfo`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signer: Option<EdxmlSigner>,
    /// `DueDate` as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub due_date: Option<String>,
    /// `ToPlaces/Place`: nơi nhận.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub to_places: Vec<String>,
    /// `OtherInfo/Priority`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub priority: Option<String>,
    /// `OtherInfo/SphereOfPromulgation`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sphere_of_promulgation: Option<String>,
    /// `OtherInfo/PageAmount`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page_amount: Option<String>,
    /// `OtherInfo/Appendixes/Appendix`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub appendixes: Vec<String>,
    /// `SteeringType`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub steering_type: Option<String>,
    /// Every non-empty `ResponseFor`: the documents this message answers.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub response_for: Vec<EdxmlDocumentRef>,
    /// `TraceHeaderList/TraceHeader`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub traces: Vec<EdxmlTrace>,
    /// `TraceHeaderList/Bussiness`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub business: Option<EdxmlBusiness>,
    /// A status message's status.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub status: Option<EdxmlStatus>,
    /// The attachments (manifest and content, matched by ContentId).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub attachments: Vec<EdxmlAttachment>,
    /// The envelope's `Signature` element, when there is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub signature: Option<EdxmlEnvelopeSignature>,
}
