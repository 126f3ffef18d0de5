// Generated from https://kyso.vn/schema/report-v2.schema.json by crates/kyso-report/tests/schema.rs: do not edit.
// The report of one verification by Kyso; see docs/report.md.

/**
 * Vietnamese administrative metadata (Nghị định 30/2020/NĐ-CP, Phụ lục I: thể thức văn bản), read from the document's text (or an edXML header).
 * 
 * Every value says where it was read and how sure the reading is; none of it changes a signature's verdict. Cross-checks against the signatures are findings on the report (`doc.admin.*`).
 */
export interface AdministrativeInfo {
  /**
   * Addressees (Kính gửi).
   */
  addressees?: ReadValue[];
  /**
   * Appendices (Phụ lục) and the document they say they belong to.
   */
  appendices?: AppendixInfo[];
  /**
   * Signing authority lines (quyền hạn ký): `TM. CHÍNH PHỦ`, `KT. THỦ TƯỚNG`, `TL.`, `TUQ.`, `Q.`.
   */
  authority?: ReadValue[];
  /**
   * Confidentiality mark (độ mật): `MẬT`, `TỐI MẬT`, `TUYỆT MẬT`.
   */
  confidentiality?: ReadValue | null;
  /**
   * Date of issue (ngày ban hành) as `YYYY-MM-DD`; `as_written` keeps the line.
   */
  date?: ReadValue | null;
  /**
   * Type of document (tên loại văn bản) in capitals, e.g. `NGHỊ ĐỊNH`, `CÔNG VĂN`.
   */
  doc_type?: ReadValue | null;
  /**
   * The type's abbreviation in the notation (Phụ lục III), e.g. `NĐ`, `QĐ`, `TTr`.
   */
  doc_type_abbreviation?: string | null;
  /**
   * Issuing body (cơ quan, tổ chức ban hành), e.g. `CHÍNH PHỦ`.
   */
  issuing_body?: ReadValue | null;
  /**
   * Notation (ký hiệu), e.g. `2026/NĐ-CP`, `UBND-HCTC`.
   */
  notation?: ReadValue | null;
  /**
   * Number (số), e.g. `49`; leading zeros kept as written.
   */
  number?: ReadValue | null;
  /**
   * Governing body (cơ quan, tổ chức chủ quản), e.g. `BỘ TÀI CHÍNH` above `TỔNG CỤC THUẾ`.
   */
  parent_body?: ReadValue | null;
  /**
   * Place of issue (địa danh), e.g. `Hà Nội`.
   */
  place?: ReadValue | null;
  /**
   * Whether the pages carried readable text.
   */
  readability?: Readability;
  /**
   * Distribution list (Nơi nhận).
   */
  recipients?: ReadValue[];
  /**
   * Printed name of the signer (họ tên người ký).
   */
  signer_name?: ReadValue | null;
  /**
   * Position of the signer (chức vụ), e.g. `PHÓ THỦ TƯỚNG`.
   */
  signer_position?: ReadValue | null;
  /**
   * Where the facts were read from (`pdf_text`, `text`, `edxml_header`, ...).
   */
  source: string;
  /**
   * Visible signature stamps drawn by signing software ("Người ký: …").
   */
  stamps?: SignatureStamp[];
  /**
   * Subject (trích yếu nội dung), lines joined.
   */
  subject?: ReadValue | null;
  /**
   * Urgency mark (độ khẩn): `HỎA TỐC`, `THƯỢNG KHẨN`, `KHẨN`.
   */
  urgency?: ReadValue | null;
}

/**
 * Algorithms used by a signature.
 */
export interface Algorithms {
  /**
   * Digest algorithm name, e.g. `SHA-256`.
   */
  digest?: string | null;
  /**
   * Signer key, e.g. `RSA-3072`.
   */
  public_key?: string | null;
  /**
   * Signature algorithm name, e.g. `RSA PKCS#1 v1.5`, `RSASSA-PSS`, `ECDSA`.
   */
  signature?: string | null;
}

/**
 * An appendix (Phụ lục) and what it says it is attached to.
 */
export interface AppendixInfo {
  /**
   * The date it cites, `YYYY-MM-DD`.
   */
  cited_date?: string | null;
  /**
   * The notation (ký hiệu) it cites.
   */
  cited_notation?: string | null;
  /**
   * The number (số) it cites.
   */
  cited_number?: string | null;
  /**
   * The citation line as printed, e.g. `(Kèm theo Công văn số: 086 /UBND-HCTC ngày 25 tháng 4 năm 2019 …)`.
   */
  cites?: string | null;
  /**
   * Its heading, e.g. `Phụ lục I`.
   */
  label: ReadValue;
}

/**
 * A certificate as shown to a reader.
 */
export interface CertificateInfo {
  /**
   * Subject common name.
   */
  common_name?: string | null;
  /**
   * Country (C).
   */
  country?: string | null;
  /**
   * The DER certificate, base64, so a front end can offer it for download.
   */
  der_base64?: string | null;
  /**
   * E-mail from the subject or the SAN.
   */
  email?: string | null;
  /**
   * Extended key usage names or OIDs.
   */
  extended_key_usage?: string[];
  /**
   * Decoded `UID` values (`MST:0102357802` ...).
   */
  identifiers?: Identifier[];
  /**
   * Whether the certificate is a CA.
   */
  is_ca?: boolean;
  /**
   * Full issuer DN, RFC 4514 string.
   */
  issuer: string;
  /**
   * Issuer common name, for short display.
   */
  issuer_common_name?: string | null;
  /**
   * Key usage names.
   */
  key_usage?: string[];
  /**
   * Locality / province (L, ST).
   */
  locality?: string | null;
  /**
   * End of validity.
   */
  not_after?: Time | null;
  /**
   * Start of validity.
   */
  not_before?: Time | null;
  /**
   * Subject organisation (O).
   */
  organization?: string | null;
  /**
   * Subject organisational units (OU).
   */
  organizational_units?: string[];
  /**
   * Certificate policy OIDs.
   */
  policies?: string[];
  /**
   * Public key, e.g. `RSA-3072`, `ECDSA P-384`.
   */
  public_key?: string | null;
  /**
   * Serial number, uppercase hex.
   */
  serial: string;
  /**
   * SHA-256 of the DER certificate, lowercase hex.
   */
  sha256: string;
  /**
   * Full subject DN, RFC 4514 string.
   */
  subject: string;
  /**
   * Title (T).
   */
  title?: string | null;
}

/**
 * Outcome of the certificate path validation for a signer (or a TSA).
 */
export type ChainStatus = "not_checked" | "trusted" | "no_chain_found" | "expired_no_poe" | "not_yet_valid" | "revoked" | "revoked_no_poe" | "constraints_failure" | "certificate_signature_invalid" | "crypto_constraints_failure";

/**
 * One change made after a signature, in a later revision.
 */
export interface Change {
  /**
   * Whether the permission rules accept it.
   */
  allowed: boolean;
  /**
   * Class: `signature`, `ltv`, `form_filling`, `annotation`, `metadata`, `other`.
   */
  class: string;
  /**
   * English description.
   */
  message_en: string;
  /**
   * Vietnamese description.
   */
  message_vi: string;
  /**
   * Object reference(s) concerned, e.g. `12 0 R`.
   */
  object?: string | null;
  /**
   * The revision (1-based) that made it.
   */
  revision: number;
}

/**
 * The changes after one signature, by reference: those of [`Report::changes`] whose revision is later than `after_revision`.
 */
export interface ChangesAfter {
  /**
   * The revision (1-based) the signature covers.
   */
  after_revision: number;
  /**
   * How many entries of [`Report::changes`] follow it.
   */
  count: number;
  /**
   * How many of those the permission rules do not accept.
   */
  not_permitted: number;
}

/**
 * A nested document and where it was found.
 */
export interface ChildReport {
  /**
   * Whether the child's verdict is part of the parent's. `true` for what the parent exists to carry (an edXML attachment, a `.p7m`'s content); `false` for a file merely embedded in a signed PDF, which the PDF's own signatures already cover: its own signatures are shown, not counted.
   */
  counts_for_verdict?: boolean;
  /**
   * Where inside the parent: `attachment:ContentId`, `embedded:name.docx`, `zip:word/document.xml`.
   */
  location: string;
  /**
   * Where the child's bytes lie in the parent file, `[start, end)`, when they are one contiguous slice of it (a `.p7m`'s DER content): front ends offer them for download from the file the user gave.
   */
  range?: number[] | null;
  /**
   * The nested report.
   */
  report: Report;
}

/**
 * How sure a reading is.
 */
export type Confidence = "low" | "medium" | "high";

/**
 * How much of the file a signature's byte range covers. Ordered from worst to best.
 */
export type Coverage = "unclear" | "partial" | "entire_revision" | "entire_file";

/**
 * A region of a page that a later change hides: what the sketch of the page shows (page box and rectangle in PDF points, origin bottom-left).
 */
export interface CoveredRegion {
  /**
   * 1-based page number.
   */
  page: number;
  /**
   * The page's crop box `[x0, y0, x1, y1]`, when known.
   */
  page_box?: number[] | null;
  /**
   * The hidden region `[x0, y0, x1, y1]`.
   */
  rect: number[];
  /**
   * 1-based revision of the change.
   */
  revision: number;
  /**
   * Text that can be read in the hidden region (best effort).
   */
  texts?: string[];
}

/**
 * Facts about the document (format-specific, all optional).
 */
export interface DocumentInfo {
  /**
   * Vietnamese administrative metadata (số/ký hiệu, issuing body, ...), when read.
   */
  administrative?: AdministrativeInfo | null;
  /**
   * edXML package facts (QCVN 102:2016/BTTTT header, status, attachments), when the input is one.
   */
  edxml?: EdxmlInfo | null;
  /**
   * Files embedded in the document.
   */
  embedded_files?: EmbeddedFile[];
  /**
   * Encryption, if any.
   */
  encryption?: EncryptionInfo | null;
  /**
   * Interactive form fields (all kinds), when the document has a form.
   */
  form_field_count?: number | null;
  /**
   * Where the document carries JavaScript (`names`, `open_action`, `catalog_aa`, `page_aa`, `annotation`). Empty: none found.
   */
  javascript?: string[];
  /**
   * Natural language of the document (`/Lang`), e.g. `vi-VN`.
   */
  language?: string | null;
  /**
   * Title, author... from the Info dictionary (XMP where Info has none).
   */
  metadata?: Metadata;
  /**
   * Number of pages in the latest revision.
   */
  page_count?: number | null;
  /**
   * Page sizes, grouped: `[{"name":"A4","width_mm":210,"height_mm":297,"count":29}]`.
   */
  page_sizes?: PageSize[];
  /**
   * PDF header version, e.g. `1.7`.
   */
  pdf_version?: string | null;
  /**
   * Number of revisions (the original plus incremental updates).
   */
  revision_count?: number | null;
  /**
   * Signature fields in the AcroForm of the latest revision (signed or not).
   */
  signature_field_count?: number | null;
  /**
   * Tagged PDF (`/MarkInfo /Marked true` or a structure tree).
   */
  tagged?: boolean | null;
  /**
   * The form is (also) an XFA form.
   */
  xfa?: boolean;
  /**
   * The XMP metadata stream on its own, when present (so that a disagreement with the Info dictionary is visible).
   */
  xmp?: Metadata | null;
}

/**
 * A file found inside an attachment (the ZIP's entry, or the attachment itself).
 */
export interface EdxmlAttachedFile {
  /**
   * Entry name (or the attachment name when the attachment is not a ZIP).
   */
  name: string;
  /**
   * SHA-256, lowercase hex.
   */
  sha256: string;
  /**
   * Uncompressed size in bytes.
   */
  size: number;
}

/**
 * One attachment: the manifest's `Reference` and the `Attachment` that carries it.
 */
export interface EdxmlAttachment {
  /**
   * `AttachmentName`.
   */
  attachment_name?: string | null;
  /**
   * Carried in `AttachmentEncoded` (content present).
   */
  carried?: boolean;
  /**
   * `zip` when the content is a ZIP archive, `file` when it is the document itself.
   */
  container?: string | null;
  /**
   * `ContentId` (`cid:...`).
   */
  content_id?: string | null;
  /**
   * `ContentType` (from the attachment, else the manifest).
   */
  content_type?: string | null;
  /**
   * Size of the base64-decoded content.
   */
  decoded_size?: number | null;
  /**
   * `Description` in the manifest.
   */
  description?: string | null;
  /**
   * The files extracted from it.
   */
  files?: EdxmlAttachedFile[];
  /**
   * Listed in `edXMLManifest`.
   */
  in_manifest?: boolean;
  /**
   * SHA-256 of the decoded content, lowercase hex.
   */
  sha256?: string | null;
}

/**
 * `TraceHeaderList/Bussiness`: why the document is sent.
 */
export interface EdxmlBusiness {
  /**
   * `BussinessDocType` understood.
   */
  doc_type?: EdxmlBusinessType | null;
  /**
   * `BussinessDocType` as written.
   */
  doc_type_as_written?: string | null;
  /**
   * `Paper`: whether a paper copy is also sent (as written).
   */
  paper?: string | null;
  /**
   * `BussinessDocReason`.
   */
  reason?: string | null;
  /**
   * The documents this one revokes, updates or replaces (`DocumentId`, `ReplacementInfo`).
   */
  refers_to?: EdxmlDocumentRef[];
}

/**
 * `TraceHeaderList/Bussiness/BussinessDocType`: why the document is sent.
 */
export type EdxmlBusinessType = "new" | "revoke" | "update" | "replace";

/**
 * A date as written in the envelope and, when it is a real calendar date, in ISO form.
 */
export interface EdxmlDate {
  /**
   * As written (QCVN: `yyyy/MM/dd`).
   */
  as_written: string;
  /**
   * `yyyy-mm-dd`, when the value is a real calendar date.
   */
  iso?: string | null;
}

/**
 * A document referred to (`ResponseFor`, the document a revocation or replacement concerns).
 */
export interface EdxmlDocumentRef {
  /**
   * `Code`: số/ký hiệu as one string.
   */
  code?: string | null;
  /**
   * `DocumentId` (`OrganId,yyyy/MM/dd,Số/Ký hiệu`, or a UUID).
   */
  document_id?: string | null;
  /**
   * `OrganId` of the organisation that issued it.
   */
  organ_id?: string | null;
  /**
   * Organisations concerned (`OrganIdList`, for a replacement).
   */
  organ_ids?: string[];
  /**
   * `PromulgationDate`.
   */
  promulgation_date?: EdxmlDate | null;
}

/**
 * The envelope's `Signature` element, as found.
 */
export interface EdxmlEnvelopeSignature {
  /**
   * `SignedInfo/CanonicalizationMethod/@Algorithm`.
   */
  canonicalization_method?: string | null;
  /**
   * `SignatureValue` is missing or empty: a placeholder, not a signature.
   */
  empty_value?: boolean;
  /**
   * `SignedInfo/SignatureMethod/@Algorithm`.
   */
  signature_method?: string | null;
  /**
   * Handed to the XML signature verifier (its result is in the report's signatures).
   */
  verified?: boolean;
  /**
   * In the XML-DSig namespace (`http://www.w3.org/2000/09/xmldsig#`). Many senders write `<Signature>` without its namespace, so it falls into edXML's default namespace and is not an XML signature as written.
   */
  xmldsig_namespace: boolean;
}

/**
 * What an edXML package says about itself (all as written by the sender).
 */
export interface EdxmlInfo {
  /**
   * `OtherInfo/Appendixes/Appendix`.
   */
  appendixes?: string[];
  /**
   * The attachments (manifest and content, matched by ContentId).
   */
  attachments?: EdxmlAttachment[];
  /**
   * `TraceHeaderList/Bussiness`.
   */
  business?: EdxmlBusiness | null;
  /**
   * `Code/CodeNotation`: ký hiệu.
   */
  code_notation?: string | null;
  /**
   * `Code/CodeNumber`: số.
   */
  code_number?: string | null;
  /**
   * `Content`.
   */
  content?: string | null;
  /**
   * `DocumentId`.
   */
  document_id?: string | null;
  /**
   * `DocumentType/Type`.
   */
  document_type?: string | null;
  /**
   * `DocumentType/TypeDetail`.
   */
  document_type_detail?: string | null;
  /**
   * `DocumentType/TypeName`: loại văn bản (`Công văn`, `Thông tư`...).
   */
  document_type_name?: string | null;
  /**
   * `DueDate` as written.
   */
  due_date?: string | null;
  /**
   * `From`.
   */
  from?: EdxmlOrganization | null;
  /**
   * Document or status message.
   */
  kind?: EdxmlMessageKind | null;
  /**
   * `OtherInfo/PageAmount`.
   */
  page_amount?: string | null;
  /**
   * `OtherInfo/Priority`.
   */
  priority?: string | null;
  /**
   * `PromulgationInfo/PromulgationDate`: ngày ban hành.
   */
  promulgation_date?: EdxmlDate | null;
  /**
   * `PromulgationInfo/Place`: địa danh.
   */
  promulgation_place?: string | null;
  /**
   * Every non-empty `ResponseFor`: the documents this message answers.
   */
  response_for?: EdxmlDocumentRef[];
  /**
   * The envelope's `Signature` element, when there is one.
   */
  signature?: EdxmlEnvelopeSignature | null;
  /**
   * `SignerInfo`.
   */
  signer?: EdxmlSigner | null;
  /**
   * `OtherInfo/SphereOfPromulgation`.
   */
  sphere_of_promulgation?: string | null;
  /**
   * A status message's status.
   */
  status?: EdxmlStatus | null;
  /**
   * `SteeringType`.
   */
  steering_type?: string | null;
  /**
   * `Subject`: trích yếu.
   */
  subject?: string | null;
  /**
   * Every `To`.
   */
  to?: EdxmlOrganization[];
  /**
   * `ToPlaces/Place`: nơi nhận.
   */
  to_places?: string[];
  /**
   * `TraceHeaderList/TraceHeader`.
   */
  traces?: EdxmlTrace[];
}

/**
 * What an edXML message carries.
 */
export type EdxmlMessageKind = "document" | "status";

/**
 * An organisation in the header (`From`, `To`).
 */
export interface EdxmlOrganization {
  /**
   * `OrganAdd`: address.
   */
  address?: string | null;
  /**
   * `Email`.
   */
  email?: string | null;
  /**
   * `Fax`.
   */
  fax?: string | null;
  /**
   * `OrganId`: the organisation's code on the axis (e.g. `000.00.00.G22`).
   */
  organ_id?: string | null;
  /**
   * `OrganizationInCharge` (cơ quan chủ quản; some senders write `OrganInCharge`).
   */
  organ_in_charge?: string | null;
  /**
   * `OrganName`.
   */
  organ_name?: string | null;
  /**
   * `Telephone`.
   */
  telephone?: string | null;
  /**
   * `Website`.
   */
  website?: string | null;
}

/**
 * `SignerInfo`: who signed the paper-equivalent document, as the sender says.
 */
export interface EdxmlSigner {
  /**
   * `Competence`: thẩm quyền ký (`TL. BỘ TRƯỞNG`, `KT. CHỦ TỊCH`...).
   */
  competence?: string | null;
  /**
   * `FullName`.
   */
  full_name?: string | null;
  /**
   * `Position`: chức vụ.
   */
  position?: string | null;
}

/**
 * A status message's status.
 */
export interface EdxmlStatus {
  /**
   * `StatusCode` as written.
   */
  code: string;
  /**
   * `StaffInfo/Department`.
   */
  department?: string | null;
  /**
   * `Description` as the sender wrote it.
   */
  description?: string | null;
  /**
   * Its meaning in English.
   */
  meaning_en?: string | null;
  /**
   * Its meaning in Vietnamese (from the QCVN table).
   */
  meaning_vi?: string | null;
  /**
   * `StaffInfo/Staff`.
   */
  staff?: string | null;
  /**
   * The code understood.
   */
  status?: EdxmlStatusCode | null;
  /**
   * `Timestamp` as written.
   */
  timestamp?: string | null;
}

/**
 * `StatusCode` of a status message (QCVN 102:2016/BTTTT, processing states).
 */
export type EdxmlStatusCode = "received" | "refused" | "accepted" | "assigned" | "processing" | "finished" | "recall_requested" | "change_accepted" | "change_refused";

/**
 * One `TraceHeader`: an organisation the message passed through.
 */
export interface EdxmlTrace {
  /**
   * `OrganId`.
   */
  organ_id?: string | null;
  /**
   * `Timestamp` as written (`yyyy/MM/dd HH:mm:ss`, local time).
   */
  timestamp?: string | null;
}

/**
 * A file embedded in the document.
 */
export interface EmbeddedFile {
  /**
   * MIME type, when given.
   */
  mime_type?: string | null;
  /**
   * Name as given in the document.
   */
  name: string;
  /**
   * SHA-256 of the decoded file, when it could be decoded within the limits.
   */
  sha256?: string | null;
  /**
   * Size in bytes, when known.
   */
  size?: number | null;
}

/**
 * Encryption of a PDF.
 */
export interface EncryptionInfo {
  /**
   * Cipher, e.g. `RC4-128`, `AES-128`, `AES-256`.
   */
  algorithm: string;
  /**
   * Security handler filter, e.g. `Standard`.
   */
  filter: string;
  /**
   * Whether the document opened with the empty user password.
   */
  opened: boolean;
}

/**
 * The input as received.
 */
export interface FileInfo {
  /**
   * File name as given by the user, if any.
   */
  name?: string | null;
  /**
   * SHA-256 of the whole input, lowercase hex.
   */
  sha256: string;
  /**
   * Size in bytes.
   */
  size: number;
}

/**
 * One explained fact: what was checked and what came out, in both languages.
 * 
 * `code` is stable (e.g. `pdf.byte_range.gap_not_contents`): tests, policies and integrators match on it; the messages may be reworded at any time.
 */
export interface Finding {
  /**
   * Stable dotted code, `area.check.outcome`.
   */
  code: string;
  /**
   * The same in English.
   */
  message_en: string;
  /**
   * Plain Vietnamese, for a citizen.
   */
  message_vi: string;
  /**
   * Severity of the outcome.
   */
  severity: Severity;
}

/**
 * What kind of container the bytes are.
 */
export type Format = "pdf" | "cms" | "xml" | "ooxml" | "odf" | "edxml" | "certificate" | "unknown";

/**
 * A decoded identifier from a Vietnamese certificate's `UID` attribute.
 */
export interface Identifier {
  /**
   * The prefix as written: `CMND`, `CCCD`, `MST`, `MNS`, `HC`, `BHXH`, or empty.
   */
  kind: string;
  /**
   * In English (`Tax code`).
   */
  meaning_en: string;
  /**
   * What the prefix means, in Vietnamese (`Mã số thuế`).
   */
  meaning_vi: string;
  /**
   * The value after the prefix.
   */
  value: string;
}

/**
 * ETSI EN 319 102-1 main indication.
 */
export type Indication = "TOTAL_PASSED" | "TOTAL_FAILED" | "INDETERMINATE" | "NO_SIGNATURE";

/**
 * Why the input could not be read.
 */
export interface InputError {
  /**
   * Stable code, e.g. `io.not_found`, `pdf.no_trailer`, `input.too_large`.
   */
  code: string;
  /**
   * English explanation.
   */
  message_en: string;
  /**
   * Vietnamese explanation.
   */
  message_vi: string;
}

/**
 * Descriptive metadata; every field optional.
 */
export interface Metadata {
  author?: string | null;
  /**
   * Creation date as written (PDF date string or XMP).
   */
  created?: string | null;
  creator?: string | null;
  keywords?: string | null;
  /**
   * Modification date as written.
   */
  modified?: string | null;
  producer?: string | null;
  subject?: string | null;
  title?: string | null;
}

/**
 * What changed after a signature, as the most permissive class needed. Ordered.
 */
export type ModificationLevel = "none" | "ltv" | "form_filling" | "annotations" | "other";

/**
 * A page size and how many pages have it.
 */
export interface PageSize {
  /**
   * Pages of this size.
   */
  count: number;
  /**
   * Height in millimetres (after /Rotate), rounded.
   */
  height_mm: number;
  /**
   * `A4`, `A3`, `Letter`, … when the size is a standard one (either orientation), else empty.
   */
  name: string;
  /**
   * Width in millimetres (after /Rotate), rounded.
   */
  width_mm: number;
}

/**
 * One value read from the document, with its origin.
 */
export interface ReadValue {
  /**
   * The text as printed, when it differs from `value`.
   */
  as_written?: string | null;
  /**
   * How sure the reading is.
   */
  confidence: Confidence;
  /**
   * 1-based page number it was read from.
   */
  page?: number | null;
  /**
   * Rectangle on that page `[x0, y0, x1, y1]` in PDF user space (points, origin bottom left).
   */
  rect?: number[] | null;
  /**
   * The value, normalised (NFC, single spaces; dates as `YYYY-MM-DD`).
   */
  value: string;
}

/**
 * Whether the document's pages carry text that can be read.
 */
export type Readability = "text" | "scanned" | "partly_unreadable" | "no_text";

/**
 * The report for one input. Nested inputs (an edXML attachment, a file embedded in a PDF) get their own `Report` in [`Report::children`].
 */
export interface Report {
  /**
   * Kyso stopped at one of its resource budgets (e.g. more signature dictionaries than it examines) and left part of the document unexamined: the document is never better than INDETERMINATE. A document-level finding says which budget.
   */
  budget_exceeded?: boolean;
  /**
   * When the input is a certificate file: the path from its end-entity certificate (else its first) to a trusted anchor, at the validation time.
   */
  certificate_trust?: TrustInfo | null;
  /**
   * When the input is itself a certificate (or a bundle of them): each one described.
   */
  certificates?: CertificateInfo[];
  /**
   * Every change made by the updates after the first signed revision, listed once for the document, in revision order (already aggregated per revision and kind by the change analysis). A signature refers to those after its own revision ([`SignatureReport::changes_after`], [`Report::changes_after`]) instead of carrying a copy: with many signatures, copies made the report quadratic in size.
   */
  changes?: Change[];
  /**
   * Reports for nested documents (edXML attachments, PDF embedded files).
   */
  children?: ChildReport[];
  /**
   * Facts about the document itself (PDF metadata, page count, ...).
   */
  document?: DocumentInfo | null;
  /**
   * Set when the input could not be read at all; then `format` may be `unknown` and `signatures` empty.
   */
  error?: InputError | null;
  /**
   * The input as received.
   */
  file: FileInfo;
  /**
   * Document-level findings (structure, parse warnings, unsigned parts).
   */
  findings: Finding[];
  /**
   * What the bytes are.
   */
  format: Format;
  /**
   * Version of Kyso that produced the report.
   */
  kyso_version: string;
  /**
   * The document is encrypted and does not open without a password, so Kyso could not read what is inside encrypted objects: signatures stored there cannot be found. When none is found the document is INDETERMINATE, never said to be unsigned; signatures that are found are verified over the bytes as received and judged as usual.
   */
  needs_password?: boolean;
  /**
   * [`crate::SCHEMA_VERSION`].
   */
  schema_version: number;
  /**
   * Every signature and timestamp found, in document order (oldest revision first).
   */
  signatures: SignatureReport[];
  /**
   * The validation time the user chose for this run (`kyso verify --at`, the portal's settings). Omitted when it is [`ValidationTimeChoice::Default`]. A statement of what was asked, never a proof of anything.
   */
  validation_time_choice?: ValidationTimeChoice;
  /**
   * The bottom line, derived from the facts below.
   */
  verdict: Verdict;
}

/**
 * Revocation facts for the signer (and the path).
 */
export interface RevocationInfo {
  /**
   * Explanations (why not checked, which CRL/OCSP was used).
   */
  findings?: Finding[];
  /**
   * Revocation date, if revoked.
   */
  revoked_at?: Time | null;
  /**
   * Where the evidence came from (`cms`, `adbe-revocationInfoArchival`, `dss`, `vri`).
   */
  source?: string | null;
  /**
   * Status of the signer certificate.
   */
  status: RevocationStatus;
}

/**
 * Revocation status of a certificate.
 */
export type RevocationStatus = "good" | "revoked" | "not_checked";

/**
 * How much a finding matters to the reader. Ordered: `Passed < Info < Warning < Error`.
 */
export type Severity = "passed" | "info" | "warning" | "error";

/**
 * The typed facts the verdict is derived from. Each is set by the stage that establishes it; `None` means "not established" (stage not reached or not applicable).
 */
export interface SignatureFacts {
  /**
   * More than one SignerInfo where one is expected.
   */
  ambiguous_signer: boolean;
  /**
   * Some updates after this signature were not examined: a budget of the change analysis stopped it (work, revisions, form fields). Nothing proves a forbidden change and nothing proves there is none: the signature is INDETERMINATE, never valid and never failed for this.
   */
  changes_not_examined?: boolean;
  /**
   * The signature value verifies with the signer's public key.
   */
  crypto_valid?: boolean | null;
  /**
   * The message digest equals the digest of the signed bytes.
   */
  digest_matches?: boolean | null;
  /**
   * Changes after this signature that no rule allows.
   */
  disallowed_changes: boolean;
  /**
   * The container around the signature is malformed or malicious (ByteRange, /Contents, CMS ASN.1). Set with an error finding.
   */
  format_failure: boolean;
  /**
   * The signature is in the file, but the document's cross-reference chain no longer reaches it or the revision it signed (a later update skips it): what a reader shows is not what was signed.
   */
  revision_unreachable?: boolean;
  /**
   * The signer's certificate was found among those embedded.
   */
  signer_certificate_found: boolean;
  /**
   * The ESS signing-certificate(-v2) attribute matches the signer certificate.
   */
  signing_certificate_ref_ok?: boolean | null;
  /**
   * A signature timestamp is present and broken (imprint or signature).
   */
  timestamp_invalid: boolean;
  /**
   * Two of the signature's timestamps contradict each other: a content timestamp (taken before signing) is later than the signature timestamp (ETSI EN 319 102-1 §5.6.2.3, TIMESTAMP_ORDER_FAILURE).
   */
  timestamp_order_failure?: boolean;
  /**
   * An algorithm is unsupported (cannot decide).
   */
  unsupported_algorithm: boolean;
  /**
   * An algorithm is rejected by the policy (weak); the finding names it.
   */
  weak_algorithm: boolean;
  /**
   * The weak algorithm would be acceptable had a proof of existence predated its sunset.
   */
  weak_algorithm_no_poe: boolean;
}

/**
 * What a signature is.
 */
export type SignatureKind = "signature" | "document_timestamp";

/**
 * Everything about one signature or document timestamp.
 */
export interface SignatureReport {
  /**
   * Algorithms used.
   */
  algorithms?: Algorithms;
  /**
   * Byte range as written, `[a, b, c, d]`.
   */
  byte_range?: number[] | null;
  /**
   * DocMDP permission (1, 2, 3) if this is a certification signature.
   */
  certification_level?: number | null;
  /**
   * What changed after this signature: a reference to the document's [`Report::changes`] (those of revisions after `after_revision`) with their counts; `None` when no change analysis applies.
   */
  changes_after?: ChangesAfter | null;
  /**
   * /ContactInfo.
   */
  contact_info?: string | null;
  /**
   * How much of the file is covered.
   */
  coverage: Coverage;
  /**
   * Places where a change made after this signature hides signed content of a page (`pdf.attack.covers_signed_content`), for a sketch of the page.
   */
  covered?: CoveredRegion[];
  /**
   * Typed facts the indication derives from.
   */
  facts: SignatureFacts;
  /**
   * Fully qualified field name, when the signature belongs to a form field.
   */
  field?: string | null;
  /**
   * Everything checked, in order, with outcome.
   */
  findings: Finding[];
  /**
   * Index in the report (0-based, document order).
   */
  index: number;
  /**
   * Derived: main indication for this signature.
   */
  indication: Indication;
  /**
   * Signed bytes unchanged (digest matches).
   */
  intact: boolean;
  /**
   * Derived: the one most important failed check behind a verdict other than `TOTAL_PASSED` (ranked by [`crate::reason`]), copied from the findings of the signature, its path, revocation or timestamp.
   */
  key_finding?: Finding | null;
  /**
   * Signature or document timestamp.
   */
  kind: SignatureKind;
  /**
   * /Location.
   */
  location?: string | null;
  /**
   * Most permissive class of change after this signature.
   */
  modification_level?: ModificationLevel | null;
  /**
   * /Name from the signature dictionary.
   */
  name?: string | null;
  /**
   * /Reason.
   */
  reason?: string | null;
  /**
   * The revision (1-based) whose bytes this signature covers.
   */
  revision?: number | null;
  /**
   * Revocation.
   */
  revocation?: RevocationInfo;
  /**
   * Signature value genuine for the signer's key.
   */
  signature_valid: boolean;
  /**
   * Length of the version that was signed: the file's first `signed_length` bytes are exactly the revision this signature covers (end of its byte range).
   */
  signed_length?: number | null;
  /**
   * XML signatures: what each `ds:Reference` signed, in SignedInfo order (exactly that element and nothing else; signature wrapping shows here). Empty for PDF and CMS signatures.
   */
  signed_references?: SignedReference[];
  /**
   * The signer.
   */
  signer?: CertificateInfo | null;
  /**
   * Claimed and proven times.
   */
  signing_time?: SigningTime;
  /**
   * PDF /SubFilter (or the CMS/XML equivalent), as written.
   */
  sub_filter?: string | null;
  /**
   * Derived: why.
   */
  sub_indication?: SubIndication | null;
  /**
   * Signature timestamp (unsigned attribute), or, for a document timestamp, the token itself.
   */
  timestamp?: TimestampInfo | null;
  /**
   * Path validation.
   */
  trust?: TrustInfo;
  /**
   * Signer chains to a trusted anchor, valid at the validation time.
   */
  trusted: boolean;
}

/**
 * A visible signature stamp as drawn by Vietnamese signing software.
 */
export interface SignatureStamp {
  /**
   * "Email: …"
   */
  email?: string | null;
  /**
   * Name of the signature field whose appearance drew it, when it is a widget.
   */
  field?: string | null;
  /**
   * "Cơ quan: …"
   */
  organisation?: string | null;
  /**
   * 1-based page.
   */
  page?: number | null;
  /**
   * Rectangle on the page `[x0, y0, x1, y1]`.
   */
  rect?: number[] | null;
  /**
   * "Người ký: …"
   */
  signer?: string | null;
  /**
   * The same as an RFC 3339 time, when it parses.
   */
  time?: string | null;
  /**
   * "Thời gian ký: …" as printed.
   */
  time_as_written?: string | null;
}

/**
 * One reference of an XML signature and the element it signed, for the reader: a front end shows that element and nothing else.
 */
export interface SignedReference {
  /**
   * Digest algorithm name (`SHA-256`), or the DigestMethod URI when unknown.
   */
  digest_algorithm?: string | null;
  /**
   * The digest of the referenced data equals DigestValue (`None`: not computed).
   */
  digest_ok?: boolean | null;
  /**
   * The element signed (for the whole document: its root element), qualified name as written.
   */
  element?: string | null;
  /**
   * Its `Id`/`ID`/`id`/`xml:id`.
   */
  id?: string | null;
  /**
   * Its namespace URI.
   */
  namespace?: string | null;
  /**
   * Where it sits, XPath-like (`/Envelope/ds:Signature/ds:Object`).
   */
  path?: string | null;
  /**
   * The reference signs the XAdES SignedProperties (not document content).
   */
  signed_properties?: boolean;
  /**
   * What kind of data was signed.
   */
  target: SignedTarget;
  /**
   * The `URI` attribute as written (absent: `None`).
   */
  uri?: string | null;
}

/**
 * What one reference of an XML signature (XML-DSig 1.1 §4.4.3 `ds:Reference`) covers.
 */
export type SignedTarget = "whole_document" | "element" | "external" | "external_missing" | "unresolved";

/**
 * The times a signature claims, and the proven one.
 */
export interface SigningTime {
  /**
   * The CMS `signingTime` signed attribute, as labelled (UTC).
   */
  cms_signing_time?: Time | null;
  /**
   * Explanatory notes (e.g. local time labelled as UTC).
   */
  notes?: Finding[];
  /**
   * The PDF signature dictionary's /M, as parsed.
   */
  pdf_m?: Time | null;
  /**
   * The signature timestamp's genTime, if a timestamp token is present and valid.
   */
  timestamp?: Time | null;
  /**
   * The XAdES `SigningTime` signed property (ETSI EN 319 132-1 §5.2.1): the time the signer claims, as written (no proof).
   */
  xades_signing_time?: Time | null;
}

/**
 * ETSI EN 319 102-1 sub-indications (clause 5.1.3), names as in the standard.
 */
export type SubIndication = "FORMAT_FAILURE" | "HASH_FAILURE" | "SIG_CRYPTO_FAILURE" | "REVOKED" | "EXPIRED" | "NOT_YET_VALID" | "SIG_CONSTRAINTS_FAILURE" | "CHAIN_CONSTRAINTS_FAILURE" | "CERTIFICATE_CHAIN_GENERAL_FAILURE" | "CRYPTO_CONSTRAINTS_FAILURE" | "CRYPTO_CONSTRAINTS_FAILURE_NO_POE" | "POLICY_PROCESSING_ERROR" | "TIMESTAMP_ORDER_FAILURE" | "NO_SIGNING_CERTIFICATE_FOUND" | "NO_CERTIFICATE_CHAIN_FOUND" | "REVOKED_NO_POE" | "REVOKED_CA_NO_POE" | "OUT_OF_BOUNDS_NO_POE" | "OUT_OF_BOUNDS_NOT_REVOKED" | "REVOCATION_OUT_OF_BOUNDS_NO_POE" | "NO_POE" | "TRY_LATER" | "SIGNED_DATA_NOT_FOUND";

/**
 * An instant, RFC 3339 in UTC: `2026-06-10T07:15:42Z`.
 */
export type Time = string;

/**
 * An RFC 3161 timestamp token (signature timestamp or document timestamp).
 */
export interface TimestampInfo {
  /**
   * Accuracy in milliseconds, if stated.
   */
  accuracy_ms?: number | null;
  /**
   * The authority's certificate.
   */
  authority?: CertificateInfo | null;
  /**
   * The authority's chain, leaf first.
   */
  chain?: CertificateInfo[];
  /**
   * Explanations.
   */
  findings?: Finding[];
  /**
   * The time the authority asserts.
   */
  gen_time?: Time | null;
  /**
   * Message imprint digest algorithm.
   */
  imprint_algorithm?: string | null;
  /**
   * Whether the imprint matches what it must cover.
   */
  imprint_matches: boolean;
  /**
   * TSA policy OID.
   */
  policy?: string | null;
  /**
   * Whether the token's own signature verifies.
   */
  signature_valid: boolean;
  /**
   * Whether the authority's certificate chains to a trusted anchor.
   */
  trusted: boolean;
}

/**
 * Certificate path validation facts.
 */
export interface TrustInfo {
  /**
   * Label of the trust anchor reached (e.g. `Ban Cơ yếu Chính phủ — RootCA G2`).
   */
  anchor?: string | null;
  /**
   * The path, signer first, anchor last.
   */
  chain?: CertificateInfo[];
  /**
   * Explanations.
   */
  findings?: Finding[];
  /**
   * Outcome.
   */
  status: ChainStatus;
  /**
   * The time at which the path was validated.
   */
  validation_time?: Time | null;
  /**
   * Where that time comes from.
   */
  validation_time_source?: ValidationTimeSource | null;
}

/**
 * When certificates are validated, as the user chose it (`kyso verify --at`, the portal's settings). Like EU DSS's "validation time" and the "current time" input of ETSI EN 319 102-1: the validation is performed *as if* at that time. The choice is a question the user asks ("was this valid then?"), never evidence: only a timestamp proves when a signature existed.
 * 
 * JSON: omitted for `Default`; `{"kind":"at","time":"2025-01-01T00:00:00Z"}`; `{"kind":"claimed"}`.
 */
export type ValidationTimeChoice = {
  kind: "default";
} | {
  kind: "at";
  /**
   * The chosen time.
   */
  time: Time;
} | {
  kind: "claimed";
};

/**
 * Where the validation time came from.
 */
export type ValidationTimeSource = "timestamp" | "claimed_unproven" | "now" | "user_chosen";

/**
 * The bottom line for a document or a signature.
 */
export interface Verdict {
  /**
   * Main indication.
   */
  indication: Indication;
  /**
   * The same in English.
   */
  next_step_en?: string | null;
  /**
   * What the reader should do next (not `TOTAL_PASSED` nor `NO_SIGNATURE`), Vietnamese.
   */
  next_step_vi?: string | null;
  /**
   * Why, when not `TOTAL_PASSED`.
   */
  sub_indication?: SubIndication | null;
  /**
   * The same in English.
   */
  summary_en: string;
  /**
   * One sentence in Vietnamese.
   */
  summary_vi: string;
}

