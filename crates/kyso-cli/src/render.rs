//! Human-readable report: the verdict first, then each signature, then the
//! findings. Everything shown comes from the report; labels from
//! `kyso_report::Labels`, so the CLI and the portal say the same thing.

use kyso_report::{
    CertificateInfo, Finding, Indication, Labels, Lang, Report, Severity, SignatureReport,
    ValidationTimeChoice,
};
use std::fmt::Write;

fn marker(s: Severity) -> &'static str {
    match s {
        Severity::Passed => "✓",
        Severity::Info => "ℹ",
        Severity::Warning => "⚠",
        Severity::Error => "✗",
    }
}

fn verdict_marker(i: Indication) -> &'static str {
    match i {
        Indication::TotalPassed => "✓",
        Indication::TotalFailed => "✗",
        Indication::Indeterminate => "⚠",
        Indication::NoSignature => "ℹ",
    }
}

struct Out<'a> {
    s: String,
    l: Labels,
    lang: Lang,
    _p: std::marker::PhantomData<&'a ()>,
}

impl Out<'_> {
    fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        let _ = writeln!(self.s, "{:indent$}{}", "", text.as_ref(), indent = indent);
    }
    fn kv(&mut self, indent: usize, vi: &str, en: &str, value: impl AsRef<str>) {
        let k = self.l.pick(vi, en).to_string();
        self.line(indent, format!("{k}: {}", value.as_ref()));
    }
    fn t<'s>(&self, vi: &'s str, en: &'s str) -> &'s str {
        self.l.pick(vi, en)
    }
    fn finding(&mut self, indent: usize, f: &Finding) {
        let msg = f.message(self.lang).to_string();
        self.line(indent, format!("{} {msg} [{}]", marker(f.severity), f.code));
    }
}

/// Render one report in `lang`.
pub fn render(r: &Report, lang: Lang) -> String {
    let mut o = Out {
        s: String::new(),
        l: Labels(lang),
        lang,
        _p: std::marker::PhantomData,
    };
    let name = r.file.name.clone().unwrap_or_else(|| "-".into());
    o.line(0, format!("══ {name} ══"));
    let summary = r.verdict.summary(lang);
    o.line(
        0,
        format!(
            "{} {}: {}",
            verdict_marker(r.verdict.indication),
            o.t("KẾT LUẬN", "VERDICT"),
            o.l.indication(r.verdict.indication)
        ),
    );
    o.line(2, summary);
    if let Some(n) = r.verdict.next_step(lang) {
        o.line(2, format!("→ {n}"));
    }
    if let Some(e) = &r.error {
        let msg = if lang == Lang::Vi {
            &e.message_vi
        } else {
            &e.message_en
        };
        o.line(2, format!("✗ {msg} [{}]", e.code));
    }
    o.line(0, "");
    if !r.validation_time_choice.is_default() {
        let c = r.validation_time_choice;
        let what = match c {
            ValidationTimeChoice::At { time } => {
                format!(
                    "{}: {}",
                    o.l.validation_time_choice(c),
                    time.to_vietnam_display()
                )
            }
            _ => o.l.validation_time_choice(c).to_string(),
        };
        o.kv(
            0,
            "⚠ Thời điểm kiểm tra do người dùng chọn",
            "⚠ Validation time chosen by the user",
            what,
        );
    }
    if let Some(e) = r.document.as_ref().and_then(|d| d.edxml.as_ref()) {
        edxml(&mut o, e);
    }
    if let Some(a) = r.document.as_ref().and_then(|d| d.administrative.as_ref()) {
        administrative(&mut o, r, a);
    }
    o.kv(0, "Định dạng", "Format", o.l.format(r.format));
    o.kv(0, "Kích thước", "Size", format!("{} bytes", r.file.size));
    // Empty when the file was not read (refused from its size).
    if !r.file.sha256.is_empty() {
        o.kv(0, "SHA-256", "SHA-256", &r.file.sha256);
    }
    if let Some(d) = &r.document {
        if let Some(v) = &d.pdf_version {
            o.kv(0, "Phiên bản PDF", "PDF version", v);
        }
        if let Some(n) = d.page_count {
            o.kv(0, "Số trang", "Pages", n.to_string());
        }
        if let Some(n) = d.revision_count {
            o.kv(0, "Số phiên bản (lần lưu)", "Revisions", n.to_string());
        }
        if let Some(n) = d.signature_field_count {
            o.kv(0, "Số ô chữ ký", "Signature fields", n.to_string());
        }
        if let Some(e) = &d.encryption {
            o.kv(
                0,
                "Mã hóa",
                "Encryption",
                format!("{} {}", e.filter, e.algorithm),
            );
        }
        if let Some(t) = &d.metadata.title {
            o.kv(0, "Tiêu đề", "Title", t);
        }
        if let Some(t) = &d.metadata.producer {
            o.kv(0, "Phần mềm tạo", "Producer", t);
        }
        if let Some(t) = &d.metadata.creator {
            o.kv(0, "Phần mềm soạn thảo", "Creator", t);
        }
        for p in &d.page_sizes {
            let name = if p.name.is_empty() {
                String::new()
            } else {
                format!("{} ", p.name)
            };
            o.kv(
                0,
                "Khổ giấy",
                "Page size",
                format!(
                    "{name}{} × {} mm ({} {})",
                    p.width_mm,
                    p.height_mm,
                    p.count,
                    o.t("trang", "pages")
                ),
            );
        }
        if let Some(l) = &d.language {
            o.kv(0, "Ngôn ngữ", "Language", l);
        }
        if let Some(t) = d.tagged {
            o.kv(
                0,
                "PDF có cấu trúc (tagged)",
                "Tagged PDF",
                o.t(if t { "có" } else { "không" }, if t { "yes" } else { "no" }),
            );
        }
        if let Some(n) = d.form_field_count {
            let xfa = if d.xfa { " + XFA" } else { "" };
            o.kv(0, "Trường biểu mẫu", "Form fields", format!("{n}{xfa}"));
        }
        if !d.javascript.is_empty() {
            o.kv(
                0,
                "⚠ Có mã JavaScript",
                "⚠ JavaScript present",
                d.javascript.join(", "),
            );
        }
        for f in &d.embedded_files {
            let mut v = f.name.clone();
            if let Some(n) = f.size {
                v.push_str(&format!(", {n} bytes"));
            }
            if let Some(h) = &f.sha256 {
                v.push_str(&format!(", SHA-256 {h}"));
            }
            o.kv(0, "Tệp đính kèm", "Embedded file", v);
        }
    }
    for c in &r.certificates {
        o.line(0, "");
        o.line(0, o.t("── Chứng thư số ──", "── Certificate ──"));
        cert(&mut o, 2, c);
    }
    if let Some(t) = &r.certificate_trust {
        o.line(0, "");
        let l = o.l;
        chain_lines(&mut o, l, t);
        for f in &t.findings {
            o.finding(4, f);
        }
    }
    for s in &r.signatures {
        o.line(0, "");
        signature(&mut o, r, s);
    }
    for c in &r.children {
        o.line(0, "");
        let note = if c.counts_for_verdict {
            ""
        } else {
            o.t(
                " (kiểm tra riêng; không tính vào kết luận của tệp chứa nó)",
                " (verified on its own; not counted in the enclosing file's verdict)",
            )
        };
        o.line(
            0,
            format!(
                "{}{}{note}",
                o.t("▼ Tài liệu lồng bên trong: ", "▼ Nested document: "),
                c.location
            ),
        );
        for l in render(&c.report, o.lang).lines() {
            o.line(4, l);
        }
    }
    // The document card already showed its cross-checks (doc.admin.*).
    let rest: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| {
            !f.code.starts_with("doc.admin.")
                || r.document
                    .as_ref()
                    .and_then(|d| d.administrative.as_ref())
                    .is_none()
        })
        .collect();
    if !rest.is_empty() {
        o.line(0, "");
        o.line(
            0,
            o.t("── Ghi nhận về tài liệu ──", "── Document findings ──"),
        );
        for f in rest {
            o.finding(2, f);
        }
    }
    o.s
}

fn cert(o: &mut Out<'_>, ind: usize, c: &CertificateInfo) {
    if let Some(cn) = &c.common_name {
        o.kv(ind, "Tên (CN)", "Name (CN)", cn);
    }
    if let Some(x) = &c.organization {
        o.kv(ind, "Cơ quan / tổ chức (O)", "Organisation (O)", x);
    }
    for x in &c.organizational_units {
        o.kv(ind, "Đơn vị (OU)", "Unit (OU)", x);
    }
    if let Some(x) = &c.title {
        o.kv(ind, "Chức danh", "Title", x);
    }
    if let Some(x) = &c.locality {
        o.kv(ind, "Địa phương", "Locality", x);
    }
    for id in &c.identifiers {
        let meaning = if o.lang == Lang::Vi {
            &id.meaning_vi
        } else {
            &id.meaning_en
        };
        let kind = if id.kind.is_empty() {
            "UID".to_string()
        } else {
            id.kind.clone()
        };
        o.line(ind, format!("{kind}: {} ({meaning})", id.value));
    }
    if let Some(x) = &c.email {
        o.kv(ind, "Thư điện tử", "E-mail", x);
    }
    o.kv(
        ind,
        "Cấp bởi",
        "Issued by",
        c.issuer_common_name.as_deref().unwrap_or(&c.issuer),
    );
    if let (Some(a), Some(b)) = (c.not_before, c.not_after) {
        o.kv(
            ind,
            "Hiệu lực",
            "Valid",
            format!("{} → {}", a.to_vietnam_display(), b.to_vietnam_display()),
        );
    }
    o.kv(ind, "Số hiệu", "Serial", &c.serial);
}

fn signature(o: &mut Out<'_>, r: &Report, s: &SignatureReport) {
    let l = o.l;
    let title = format!(
        "── {} #{}{} ──",
        l.kind(s.kind),
        s.index + 1,
        s.field
            .as_ref()
            .map(|f| format!(" ({f})"))
            .unwrap_or_default()
    );
    o.line(0, title);
    // Why: the signature's most important failed check, else the
    // sub-indication's general sentence.
    let sub = match (&s.key_finding, s.sub_indication) {
        (Some(f), _) => format!(" — {}", f.message(o.lang)),
        (None, Some(x)) => format!(" — {}", l.sub_indication(x)),
        (None, None) => String::new(),
    };
    o.line(
        2,
        format!(
            "{} {}{sub}",
            verdict_marker(s.indication),
            l.indication(s.indication)
        ),
    );
    if let Some(c) = &s.signer {
        o.line(2, o.t("Người ký:", "Signed by:"));
        cert(o, 4, c);
    }
    // When: the proven time first.
    if let Some(t) = s.signing_time.timestamp {
        o.kv(
            2,
            "Thời điểm ký (theo dấu thời gian)",
            "Signing time (timestamped)",
            t.to_vietnam_display(),
        );
    }
    if let Some(t) = s.signing_time.cms_signing_time {
        o.kv(
            2,
            "Thời điểm ký do người ký khai (CMS)",
            "Claimed signing time (CMS)",
            t.to_rfc3339(),
        );
    }
    if let Some(t) = s.signing_time.pdf_m {
        o.kv(
            2,
            "Thời điểm ghi trong PDF (/M)",
            "Time written in the PDF (/M)",
            t.to_vietnam_display(),
        );
    }
    for n in &s.signing_time.notes {
        o.finding(4, n);
    }
    for (vi, en, v) in [
        ("Lý do", "Reason", &s.reason),
        ("Nơi ký", "Location", &s.location),
        ("Tên ghi trong chữ ký", "Name in the signature", &s.name),
        ("Liên hệ", "Contact", &s.contact_info),
    ] {
        if let Some(v) = v {
            o.kv(2, vi, en, v);
        }
    }
    if let Some(p) = s.certification_level {
        let what = match p {
            1 => o.t("không cho phép thay đổi", "no changes allowed"),
            2 => o.t(
                "cho phép điền biểu mẫu và ký thêm",
                "form filling and further signatures allowed",
            ),
            _ => o.t(
                "cho phép thêm chú thích, điền biểu mẫu và ký thêm",
                "annotations, form filling and further signatures allowed",
            ),
        };
        o.kv(
            2,
            "Chữ ký chứng nhận (DocMDP)",
            "Certification signature (DocMDP)",
            format!("P={p}: {what}"),
        );
    }
    let cov = match (s.revision, s.signed_length) {
        (Some(r), Some(n)) => format!(
            "{} — {} {r}, {n} bytes",
            l.coverage(s.coverage),
            o.t("phiên bản", "revision")
        ),
        _ => l.coverage(s.coverage).to_string(),
    };
    o.kv(2, "Phạm vi được ký", "Coverage", cov);
    let yes_no = |b: bool, o: &Out<'_>| {
        if b {
            o.t("có", "yes")
        } else {
            o.t("không", "no")
        }
        .to_string()
    };
    o.kv(
        2,
        "Nội dung nguyên vẹn",
        "Content intact",
        yes_no(s.intact, o),
    );
    o.kv(
        2,
        "Chữ ký đúng với khóa người ký",
        "Signature genuine",
        yes_no(s.signature_valid, o),
    );
    let alg = [
        &s.algorithms.signature,
        &s.algorithms.digest,
        &s.algorithms.public_key,
    ]
    .iter()
    .filter_map(|x| x.as_deref())
    .collect::<Vec<_>>()
    .join(", ");
    if !alg.is_empty() {
        o.kv(2, "Thuật toán", "Algorithms", alg);
    }
    if !s.signed_references.is_empty() {
        o.line(
            2,
            o.t("Những gì chữ ký này ký:", "What this signature signs:"),
        );
        for r in &s.signed_references {
            o.line(4, signed_reference_line(l, r));
        }
    }
    chain_lines(o, l, &s.trust);
    if let Some(ts) = &s.timestamp {
        let who = ts
            .authority
            .as_ref()
            .and_then(|a| a.common_name.clone())
            .unwrap_or_else(|| o.t("không rõ", "unknown").to_string());
        let state = if ts.imprint_matches && ts.signature_valid {
            if ts.trusted {
                o.t("hợp lệ, tin cậy", "valid, trusted")
            } else {
                o.t("hợp lệ, chưa tin cậy", "valid, not trusted")
            }
        } else {
            o.t("không hợp lệ", "not valid")
        };
        let when = ts
            .gen_time
            .map(|t| t.to_vietnam_display())
            .unwrap_or_default();
        o.kv(
            2,
            "Dấu thời gian",
            "Timestamp",
            format!("{when} — {who} ({state})"),
        );
        if let Some(a) = &ts.imprint_algorithm {
            o.kv(4, "Thuật toán băm", "Imprint algorithm", a);
        }
    }
    o.kv(
        2,
        "Tình trạng thu hồi",
        "Revocation",
        l.revocation(s.revocation.status),
    );
    for f in &s.revocation.findings {
        o.finding(4, f);
    }
    if let Some(m) = s.modification_level {
        o.kv(
            2,
            "Thay đổi sau khi ký",
            "Changes after signing",
            l.modification(m),
        );
        for c in r.changes_after(s).take(20) {
            let msg = if o.lang == Lang::Vi {
                &c.message_vi
            } else {
                &c.message_en
            };
            o.line(
                4,
                format!(
                    "{} {} {}: {msg}",
                    if c.allowed { "·" } else { "✗" },
                    o.t("phiên bản", "revision"),
                    c.revision
                ),
            );
        }
        let total = s.changes_after.map_or(0, |c| c.count as usize);
        if total > 20 {
            let n = total - 20;
            o.line(4, format!("… {n} {}", o.t("thay đổi nữa", "more changes")));
        }
    }
    o.line(2, o.t("Các bước kiểm tra:", "Checks:"));
    for f in s.findings.iter().chain(
        s.trust
            .findings
            .iter()
            .filter(|f| !s.revocation.findings.contains(f)),
    ) {
        o.finding(4, f);
    }
    if let Some(ts) = &s.timestamp {
        for f in &ts.findings {
            if f.severity >= Severity::Warning {
                o.finding(4, f);
            }
        }
    }
}

/// The "Thông tin văn bản / Document" card: what the document says it is,
/// then the cross-checks with its signatures.
fn administrative(o: &mut Out<'_>, r: &Report, a: &kyso_report::AdministrativeInfo) {
    o.line(0, o.t("── Thông tin văn bản ──", "── Document ──"));
    if a.readability == kyso_report::Readability::Scanned {
        o.line(
            2,
            o.t(
                "Văn bản là ảnh quét: không đọc được số, ký hiệu, ngày, trích yếu.",
                "The document is a scan: its number, date and subject cannot be read.",
            ),
        );
    }
    let v = |x: &Option<kyso_report::ReadValue>| x.as_ref().map(|v| v.value.clone());
    let rows: Vec<(&str, &str, Option<String>)> = vec![
        ("Số, ký hiệu", "Number", a.number_and_notation()),
        ("Loại văn bản", "Type", v(&a.doc_type)),
        (
            "Ngày ban hành",
            "Date of issue",
            match (&a.place, &a.date) {
                (Some(p), Some(d)) => Some(format!("{}, {}", p.value, d.value)),
                (None, Some(d)) => Some(d.value.clone()),
                _ => None,
            },
        ),
        ("Cơ quan chủ quản", "Governing body", v(&a.parent_body)),
        ("Cơ quan ban hành", "Issued by", v(&a.issuing_body)),
        ("Trích yếu", "Subject", v(&a.subject)),
        ("Độ khẩn", "Urgency", v(&a.urgency)),
        ("Độ mật", "Confidentiality", v(&a.confidentiality)),
    ];
    for (vi, en, val) in rows {
        if let Some(val) = val {
            o.kv(2, vi, en, val);
        }
    }
    let mut signer: Vec<String> = a.authority.iter().map(|x| x.value.clone()).collect();
    signer.extend(v(&a.signer_position));
    signer.extend(v(&a.signer_name));
    if !signer.is_empty() {
        o.kv(
            2,
            "Người ký (in trên văn bản)",
            "Signer (as printed)",
            signer.join(" / "),
        );
    }
    if !a.addressees.is_empty() {
        let list = a
            .addressees
            .iter()
            .map(|x| x.value.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        o.kv(2, "Kính gửi", "To", list);
    }
    if !a.recipients.is_empty() {
        let list = a
            .recipients
            .iter()
            .map(|x| x.value.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        o.kv(2, "Nơi nhận", "Distribution", list);
    }
    for p in &a.appendices {
        let cites = p.cites.clone().unwrap_or_default();
        o.kv(
            2,
            "Phụ lục",
            "Appendix",
            format!("{} {cites}", p.label.value).trim_end(),
        );
    }
    for st in &a.stamps {
        let mut parts = Vec::new();
        if let Some(f) = &st.field {
            parts.push(format!("[{f}]"));
        }
        if let Some(x) = &st.signer {
            parts.push(x.clone());
        }
        if let Some(x) = &st.organisation {
            parts.push(x.clone());
        }
        if let Some(x) = &st.time_as_written {
            parts.push(x.clone());
        }
        o.kv(2, "Hình dấu chữ ký", "Signature stamp", parts.join(", "));
    }
    for f in r
        .findings
        .iter()
        .filter(|f| f.code.starts_with("doc.admin."))
    {
        o.finding(2, f);
    }
    o.line(0, "");
}

/// A certificate chain and when it was validated.
fn chain_lines(o: &mut Out<'_>, l: Labels, trust: &kyso_report::TrustInfo) {
    let mut chain = l.chain(trust.status).to_string();
    if let Some(a) = &trust.anchor {
        chain.push_str(&format!(" — {} {a}", o.t("đến", "to")));
    }
    o.kv(2, "Chuỗi chứng thư", "Certificate chain", chain);
    for c in trust.chain.iter().skip(1) {
        o.line(
            4,
            format!("↑ {}", c.common_name.as_deref().unwrap_or(&c.subject)),
        );
    }
    if let (Some(t), Some(src)) = (trust.validation_time, trust.validation_time_source) {
        let src = l.validation_time_source(src);
        o.kv(
            2,
            "Kiểm tra tại thời điểm",
            "Validated at",
            format!("{} ({src})", t.to_vietnam_display()),
        );
    }
}

/// One reference of an XML signature: what it signed, and whether its digest matched.
pub(crate) fn signed_reference_line(l: Labels, r: &kyso_report::SignedReference) -> String {
    let mut line = l.signed_target(r.target).to_string();
    let what = match (&r.element, &r.id, &r.path, &r.uri) {
        (Some(e), Some(id), _, _) => Some(format!("<{e} Id=\"{id}\">")),
        (Some(e), None, Some(p), _) => Some(format!("<{e}> {p}")),
        (Some(e), None, None, _) => Some(format!("<{e}>")),
        (None, _, _, Some(u)) if !u.is_empty() => Some(u.clone()),
        _ => None,
    };
    if let Some(w) = what {
        line.push_str(": ");
        line.push_str(&w);
    }
    if r.signed_properties {
        line.push_str(" (XAdES SignedProperties)");
    }
    line.push_str(match r.digest_ok {
        Some(true) => " ✓",
        Some(false) => " ✗",
        None => " ?",
    });
    line
}

/// The edXML header as the sender wrote it.
fn edxml(o: &mut Out<'_>, e: &kyso_report::EdxmlInfo) {
    let l = o.l;
    o.line(0, "");
    o.line(
        0,
        o.t(
            "── Gói tin edXML (do bên gửi ghi) ──",
            "── edXML package (as the sender wrote it) ──",
        ),
    );
    let org = |x: &kyso_report::EdxmlOrganization| {
        x.organ_name
            .clone()
            .or_else(|| x.organ_id.clone())
            .unwrap_or_default()
    };
    if let Some(k) = e.kind {
        o.kv(2, "Loại gói tin", "Message", l.edxml_message_kind(k));
    }
    if let Some(f) = &e.from {
        o.kv(2, "Nơi gửi", "From", org(f));
    }
    if !e.to.is_empty() {
        let to: Vec<String> = e.to.iter().map(org).collect();
        o.kv(2, "Nơi nhận", "To", to.join("; "));
    }
    match (&e.code_number, &e.code_notation) {
        (Some(n), Some(k)) => o.kv(2, "Số, ký hiệu", "Number", format!("{n}/{k}")),
        (Some(x), None) | (None, Some(x)) => o.kv(2, "Số, ký hiệu", "Number", x.clone()),
        _ => {}
    }
    if let Some(t) = &e.document_type_name {
        o.kv(2, "Loại văn bản", "Document type", t.clone());
    }
    let date = e
        .promulgation_date
        .as_ref()
        .map(|d| d.iso.clone().unwrap_or_else(|| d.as_written.clone()));
    match (&e.promulgation_place, date) {
        (Some(p), Some(d)) => o.kv(2, "Nơi, ngày ban hành", "Place, date", format!("{p}, {d}")),
        (Some(x), None) => o.kv(2, "Nơi, ngày ban hành", "Place, date", x.clone()),
        (None, Some(d)) => o.kv(2, "Nơi, ngày ban hành", "Place, date", d),
        _ => {}
    }
    if let Some(s) = &e.subject {
        o.kv(2, "Trích yếu", "Subject", s.clone());
    }
    if let Some(s) = &e.signer {
        let who: Vec<String> = [&s.competence, &s.position, &s.full_name]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        if !who.is_empty() {
            o.kv(2, "Người ký", "Signer", who.join(" / "));
        }
    }
    if let Some(t) = e.business.as_ref().and_then(|b| b.doc_type) {
        o.kv(2, "Nghiệp vụ", "Business", l.edxml_business_type(t));
    }
    if let Some(st) = &e.status {
        let meaning = o.t(
            st.meaning_vi.as_deref().unwrap_or(""),
            st.meaning_en.as_deref().unwrap_or(""),
        );
        o.kv(
            2,
            "Trạng thái",
            "Status",
            format!("{} — {meaning}", st.code),
        );
    }
}
