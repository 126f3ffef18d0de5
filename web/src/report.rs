//! Displays a [`Report`]. Pure presentation: every label comes from
//! [`kyso_report::Labels`], every sentence from the report's findings and
//! summaries; nothing here judges a signature.

use kyso_report::{
    AdministrativeInfo, CertificateInfo, Finding, Indication, Labels, Lang, ReadValue, Readability,
    Report, Severity, SignatureKind, SignatureReport, Time, ValidationTimeChoice,
};
use leptos::prelude::*;
use std::sync::Arc;

/// Changes listed under one signature; the rest are counted (the report
/// has them all, aggregated per revision and kind).
const MAX_CHANGES_SHOWN: usize = 50;

/// Size for humans: exact bytes plus KiB/MiB, with the language's separators.
pub fn fmt_size(n: u64, lang: Lang) -> String {
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    let unit = Labels(lang).pick("byte", "bytes");
    let human = if n >= 1024 * 1024 {
        Some(format!("{:.1} MiB", n as f64 / 1048576.0))
    } else if n >= 1024 {
        Some(format!("{:.1} KiB", n as f64 / 1024.0))
    } else {
        None
    };
    let human = human.map(|h| {
        if lang == Lang::Vi {
            h.replace('.', ",")
        } else {
            h
        }
    });
    match human {
        Some(h) => format!("{grouped} {unit} ({h})"),
        None => format!("{grouped} {unit}"),
    }
}

pub fn fmt_time(t: Time, lang: Lang) -> String {
    match lang {
        Lang::Vi => t.to_vietnam_display(),
        Lang::En => format!("{} ({})", t.to_rfc3339(), t.to_vietnam_display()),
    }
}

/// The serde name of an indication (`TOTAL_PASSED` ...), used as a stable hook.
pub fn indication_code(i: Indication) -> &'static str {
    match i {
        Indication::TotalPassed => "TOTAL_PASSED",
        Indication::TotalFailed => "TOTAL_FAILED",
        Indication::Indeterminate => "INDETERMINATE",
        Indication::NoSignature => "NO_SIGNATURE",
    }
}

pub fn indication_class(i: Indication) -> &'static str {
    match i {
        Indication::TotalPassed => "ind passed",
        Indication::TotalFailed => "ind failed",
        Indication::Indeterminate => "ind indeterminate",
        Indication::NoSignature => "ind none",
    }
}

fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Passed => "✓",
        Severity::Info => "ℹ",
        Severity::Warning => "⚠",
        Severity::Error => "✗",
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Passed => "finding passed",
        Severity::Info => "finding info",
        Severity::Warning => "finding warning",
        Severity::Error => "finding error",
    }
}

/// Findings as a reader needs them: what went wrong first (errors, then
/// warnings, then context, then the checks that passed), each distinct
/// finding once (a repeat is counted, "×3"), codes in the experts' view.
fn findings_view(findings: &[Finding], lang: Lang) -> AnyView {
    let l = Labels(lang);
    let mut distinct: Vec<(&Finding, usize)> = Vec::new();
    for f in findings {
        match distinct
            .iter_mut()
            .find(|(g, _)| g.code == f.code && g.message(lang) == f.message(lang))
        {
            Some((_, n)) => *n += 1,
            None => distinct.push((f, 1)),
        }
    }
    // Stable: within a severity, the order the checks were made.
    distinct.sort_by_key(|(f, _)| std::cmp::Reverse(f.severity));
    let items: Vec<_> = distinct
        .into_iter()
        .map(|(f, n)| {
            view! {
                <li class=severity_class(f.severity) data-testid="finding" data-code=f.code.clone() data-severity=l.severity(f.severity)>
                    <span class="icon" role="img" aria-label=l.severity(f.severity)>{severity_icon(f.severity)}</span>
                    <span class="msg">{message_view(f.message(lang))}{(n > 1).then(|| format!(" (×{n})"))}</span>
                    <code class="code expert">{f.code.clone()}</code>
                </li>
            }
        })
        .collect();
    if items.is_empty() {
        return ().into_any();
    }
    view! { <ul class="findings">{items}</ul> }.into_any()
}

/// A message as people read it: PDF object references (`(80 0 R)`, `(12 0 R,
/// 13 0 R)`) and rectangles in PDF points (`[72 756 264 772]`) are for
/// experts, so they are marked up to show only in the experts' view.
/// Presentation only: the words are the report's.
pub fn message_view(msg: &str) -> AnyView {
    let parts = split_expert_tokens(msg);
    parts
        .into_iter()
        .map(|(text, expert)| {
            if expert {
                view! { <span class="expert objref">{text}</span> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect::<Vec<_>>()
        .into_any()
}

/// `msg` cut into (text, is for experts) runs; an expert run takes the space
/// before it.
pub fn split_expert_tokens(msg: &str) -> Vec<(String, bool)> {
    fn is_rect(inner: &str) -> bool {
        let nums: Vec<&str> = inner.split(' ').collect();
        nums.len() == 4 && nums.iter().all(|n| n.parse::<f64>().is_ok())
    }
    fn is_ref_list(inner: &str) -> bool {
        !inner.is_empty()
            && inner.split(", ").all(|r| {
                let mut it = r.split(' ');
                matches!(
                    (it.next(), it.next(), it.next(), it.next()),
                    (Some(a), Some(b), Some("R"), None)
                        if !a.is_empty() && !b.is_empty()
                            && a.bytes().all(|c| c.is_ascii_digit())
                            && b.bytes().all(|c| c.is_ascii_digit())
                )
            })
    }
    // Plain text gathers in `plain` until an expert run closes it.
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut plain = String::new();
    let mut rest = msg;
    while let Some(open) = rest.find(['(', '[']) {
        let closing = if rest[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        let Some(close) = rest[open..].find(closing).map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 1..close];
        let expert = if closing == ')' {
            is_ref_list(inner)
        } else {
            is_rect(inner)
        };
        if expert {
            let start = if rest[..open].ends_with(' ') {
                open - 1
            } else {
                open
            };
            plain.push_str(&rest[..start]);
            if !plain.is_empty() {
                out.push((std::mem::take(&mut plain), false));
            }
            out.push((rest[start..=close].to_owned(), true));
        } else {
            plain.push_str(&rest[..=close]);
        }
        rest = &rest[close + 1..];
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push((plain, false));
    }
    out
}

/// The summary without the indication it starts with ("Hợp lệ: 1 chữ ký…"
/// under the label "Hợp lệ" read "Hợp lệ" twice).
fn summary_after_label(summary: &str, label: &str) -> String {
    summary
        .strip_prefix(label)
        .and_then(|rest| rest.strip_prefix(':'))
        .map(|rest| {
            let rest = rest.trim_start();
            let mut chars = rest.chars();
            match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .filter(|rest| !rest.is_empty())
        .unwrap_or_else(|| summary.to_owned())
}

/// A row only the experts' view shows (raw names, serials, algorithms).
fn expert_row(label: &str, value: Option<String>) -> Option<impl IntoView> {
    value.map(|v| view! { <dt class="expert">{label.to_owned()}</dt><dd class="expert">{v}</dd> })
}

/// A definition-list row, skipped when there is no value.
fn row(label: &str, value: Option<String>) -> Option<impl IntoView> {
    value.map(|v| view! { <dt>{label.to_owned()}</dt><dd>{v}</dd> })
}

/// A certificate's subject as people read it: name — organisation (the DN
/// only when it names neither).
pub fn cert_line(c: &CertificateInfo) -> String {
    let mut parts = Vec::new();
    if let Some(cn) = &c.common_name {
        parts.push(cn.clone());
    }
    if let Some(o) = &c.organization {
        if Some(o) != c.common_name.as_ref() {
            parts.push(o.clone());
        }
    }
    if parts.is_empty() {
        parts.push(c.subject.clone());
    }
    parts.join(" — ")
}

/// Vietnamese identifiers of a certificate subject (MST, CCCD, …) with their meaning.
fn identifiers_line(c: &CertificateInfo, lang: Lang) -> Option<String> {
    let s = c
        .identifiers
        .iter()
        .map(|i| {
            let meaning = if lang == Lang::Vi {
                &i.meaning_vi
            } else {
                &i.meaning_en
            };
            format!("{meaning}: {}", i.value)
        })
        .collect::<Vec<_>>()
        .join("; ");
    (!s.is_empty()).then_some(s)
}

/// A certificate file: each certificate described, and its path to a
/// trusted anchor (the report's `certificate_trust`).
fn certificates_view(r: &Report, lang: Lang) -> AnyView {
    let l = Labels(lang);
    let cards: Vec<_> = r
        .certificates
        .iter()
        .map(|c| {
            let validity = match (c.not_before, c.not_after) {
                (Some(a), Some(b)) => Some(format!("{} → {}", fmt_time(a, lang), fmt_time(b, lang))),
                _ => None,
            };
            let join = |v: &[String]| (!v.is_empty()).then(|| v.join(", "));
            view! {
                <li class="certificate" data-testid="certificate">
                    <header class="sig-head"><span class="sig-title">{cert_line(c)}</span>
                    <span class="kind">{if c.is_ca { l.pick("Tổ chức chứng thực (CA)", "Certification authority (CA)") } else { l.pick("Chứng thư người dùng", "End-entity certificate") }}</span></header>
                    <dl class="facts">
                        {row(l.pick("Chủ thể", "Subject"), Some(c.subject.clone()))}
                        {row(l.pick("Định danh", "Identifiers"), identifiers_line(c, lang))}
                        {row(l.pick("Cấp bởi", "Issued by"), Some(c.issuer.clone()))}
                        {row(l.pick("Hiệu lực", "Validity"), validity)}
                        {row(l.pick("Số hiệu chứng thư", "Certificate serial"), Some(c.serial.clone()))}
                        {row(l.pick("Khóa công khai", "Public key"), c.public_key.clone())}
                        {row(l.pick("Mục đích khóa", "Key usage"), join(&c.key_usage))}
                        {row(l.pick("Mục đích mở rộng", "Extended key usage"), join(&c.extended_key_usage))}
                        {row(l.pick("Chính sách", "Policies"), join(&c.policies))}
                        <dt>"SHA-256"</dt><dd class="hash">{c.sha256.clone()}</dd>
                    </dl>
                </li>
            }
        })
        .collect();
    let trust = r.certificate_trust.as_ref().map(|t| {
        let path = (!t.chain.is_empty())
            .then(|| t.chain.iter().map(cert_line).collect::<Vec<_>>().join(" → "));
        view! {
            <dl class="facts">
                <dt>{l.pick("Chuỗi tin cậy", "Trust chain")}</dt>
                <dd data-testid="certificate-trust" data-status=format!("{:?}", t.status)>{l.chain(t.status)}{t.anchor.clone().map(|a| format!(" · {a}"))}</dd>
                {row(l.pick("Chuỗi chứng thư", "Certificate path"), path)}
                {row(l.pick("Thời điểm kiểm tra chuỗi", "Path validated at"), t.validation_time.map(|x| fmt_time(x, lang)))}
            </dl>
            {findings_view(&t.findings, lang)}
        }
    });
    view! {
        <h3 class="sigs-title">{l.pick("Chứng thư số trong tệp", "Certificates in the file")}" ("{cards.len()}")"</h3>
        <ol class="signatures">{cards}</ol>
        {trust}
    }
    .into_any()
}

/// "Gói tin edXML / edXML package": the header as the sender wrote it
/// (QCVN 102:2016/BTTTT), before the attached documents' own reports.
fn edxml_card(e: &kyso_report::EdxmlInfo, lang: Lang) -> AnyView {
    let l = Labels(lang);
    let number = match (&e.code_number, &e.code_notation) {
        (Some(n), Some(k)) => Some(format!("{n}/{k}")),
        (Some(n), None) => Some(n.clone()),
        (None, Some(k)) => Some(k.clone()),
        _ => None,
    };
    let org = |o: &kyso_report::EdxmlOrganization| {
        o.organ_name
            .clone()
            .or_else(|| o.organ_id.clone())
            .unwrap_or_default()
    };
    let date = e.promulgation_date.as_ref().map(|d| match &d.iso {
        Some(iso) => fmt_iso_date(iso, lang),
        None => d.as_written.clone(),
    });
    let signer = e.signer.as_ref().map(|s| {
        [&s.competence, &s.position, &s.full_name]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" / ")
    });
    let status = e.status.as_ref().map(|st| {
        let meaning = if lang == Lang::Vi {
            st.meaning_vi.clone()
        } else {
            st.meaning_en.clone()
        };
        format!("{} — {}", st.code, meaning.unwrap_or_default())
    });
    let business = e
        .business
        .as_ref()
        .and_then(|b| b.doc_type)
        .map(|t| l.edxml_business_type(t).to_owned());
    let to: Vec<String> = e.to.iter().map(org).collect();
    view! {
        <section class="document-card" data-testid="edxml-card">
            <h3>{l.pick("Gói tin edXML (do bên gửi ghi)", "edXML package (as the sender wrote it)")}</h3>
            <dl class="facts">
                {row(l.pick("Loại gói tin", "Message"), e.kind.map(|k| l.edxml_message_kind(k).to_owned()))}
                {row(l.pick("Nơi gửi", "From"), e.from.as_ref().map(org))}
                {row(l.pick("Nơi nhận", "To"), (!to.is_empty()).then(|| to.join("; ")))}
                {row(l.pick("Số, ký hiệu", "Number"), number)}
                {row(l.pick("Loại văn bản", "Document type"), e.document_type_name.clone())}
                {row(l.pick("Nơi, ngày ban hành", "Place, date"), match (&e.promulgation_place, date) {
                    (Some(p), Some(d)) => Some(format!("{p}, {d}")),
                    (p, d) => p.clone().or(d),
                })}
                {row(l.pick("Trích yếu", "Subject"), e.subject.clone())}
                {row(l.pick("Người ký", "Signer"), signer)}
                {row(l.pick("Nghiệp vụ", "Business"), business)}
                {row(l.pick("Trạng thái", "Status"), status)}
                {row(l.pick("Tệp đính kèm", "Attachments"), (!e.attachments.is_empty()).then(|| e.attachments.len().to_string()))}
            </dl>
            <p class="note">{l.pick(
                "Các thông tin này do bên gửi ghi trong gói tin; chỉ chữ ký của các văn bản đính kèm chứng minh nội dung.",
                "These details are written by the sender; only the attached documents' signatures prove their content.",
            )}</p>
        </section>
    }
    .into_any()
}

/// "Thông tin văn bản / Document": what the document says it is (read from
/// its pages), shown before the signatures, with the cross-checks beside it.
fn document_card(a: &AdministrativeInfo, findings: &[Finding], lang: Lang) -> AnyView {
    let l = Labels(lang);
    let v = |x: &Option<ReadValue>| x.as_ref().map(|v| v.value.clone());
    let date = match (&a.place, &a.date) {
        (Some(p), Some(d)) => Some(format!("{}, {}", p.value, fmt_iso_date(&d.value, lang))),
        (None, Some(d)) => Some(fmt_iso_date(&d.value, lang)),
        _ => None,
    };
    let mut signer: Vec<String> = a.authority.iter().map(|x| x.value.clone()).collect();
    signer.extend(v(&a.signer_position));
    signer.extend(v(&a.signer_name));
    let signer = (!signer.is_empty()).then(|| signer.join(" / "));
    let scanned = a.readability == Readability::Scanned;
    let stamps: Vec<_> = a
        .stamps
        .iter()
        .map(|st| {
            let mut parts = Vec::new();
            parts.extend(st.signer.clone());
            parts.extend(st.organisation.clone());
            parts.extend(st.time_as_written.clone());
            view! { <li data-testid="doc-stamp">{parts.join(" · ")}</li> }
        })
        .collect();
    let appendices: Vec<_> = a
        .appendices
        .iter()
        .map(|p| view! { <li>{p.label.value.clone()}" "{p.cites.clone().unwrap_or_default()}</li> })
        .collect();
    view! {
        <section class="doc-card" data-testid="document-card" aria-labelledby="doc-card-title">
            <h3 id="doc-card-title">{l.pick("Thông tin văn bản", "Document")}</h3>
            {scanned.then(|| view! {
                <p class="note" data-testid="doc-scanned">{l.pick(
                    "Văn bản là ảnh quét: không đọc được số, ký hiệu, ngày, trích yếu từ nội dung.",
                    "The document is a scan: its number, date and subject cannot be read from its pages.",
                )}</p>
            })}
            <dl class="facts">
                {a.number_and_notation().map(|n| view! {
                    <dt>{l.pick("Số, ký hiệu", "Number")}</dt><dd data-testid="doc-number">{n}</dd>
                })}
                {v(&a.doc_type).map(|t| view! {
                    <dt>{l.pick("Loại văn bản", "Type")}</dt><dd data-testid="doc-type">{t}</dd>
                })}
                {date.map(|d| view! {
                    <dt>{l.pick("Ngày ban hành", "Date of issue")}</dt><dd data-testid="doc-date">{d}</dd>
                })}
                {row(l.pick("Cơ quan chủ quản", "Governing body"), v(&a.parent_body))}
                {v(&a.issuing_body).map(|b| view! {
                    <dt>{l.pick("Cơ quan ban hành", "Issued by")}</dt><dd data-testid="doc-issuer">{b}</dd>
                })}
                {v(&a.subject).map(|t| view! {
                    <dt>{l.pick("Trích yếu", "Subject")}</dt><dd data-testid="doc-subject">{t}</dd>
                })}
                {signer.map(|t| view! {
                    <dt>{l.pick("Người ký (in trên văn bản)", "Signer (as printed)")}</dt><dd data-testid="doc-signer">{t}</dd>
                })}
                {row(l.pick("Độ khẩn", "Urgency"), v(&a.urgency))}
                {row(l.pick("Độ mật", "Confidentiality"), v(&a.confidentiality))}
            </dl>
            {(!stamps.is_empty()).then(|| view! {
                <p class="sub-title">{l.pick("Hình dấu chữ ký trên trang", "Signature stamps on the page")}</p>
                <ul class="stamps">{stamps}</ul>
            })}
            {(!appendices.is_empty()).then(|| view! {
                <p class="sub-title">{l.pick("Phụ lục", "Appendices")}</p>
                <ul class="appendices">{appendices}</ul>
            })}
            {findings_view(findings, lang)}
        </section>
    }
    .into_any()
}

/// `2026-01-31` as `31/01/2026` in Vietnamese, unchanged (ISO 8601) in English.
pub fn fmt_iso_date(iso: &str, lang: Lang) -> String {
    match (lang, iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Lang::Vi, Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

/// The file's SHA-256 as shown: the report's own, or, when the verdict came
/// before it (the worker's WebCrypto path, [`crate::bridge::fingerprint`]),
/// "computing…" until it arrives. `None` when there is none to show.
pub fn fingerprint_view(r: &Report, file_id: u32, lang: Lang) -> Option<AnyView> {
    if !r.file.sha256.is_empty() {
        let h = r.file.sha256.clone();
        return Some(view! { <dd class="hash" data-testid="sha256">{h}</dd> }.into_any());
    }
    let sig = crate::bridge::fingerprint(file_id)?;
    let l = Labels(lang);
    let (wait, none) = (
        l.pick("đang tính…", "computing…").to_owned(),
        l.pick("không tính được", "could not be computed")
            .to_owned(),
    );
    Some(
        (move || match sig.get() {
            Some(h) if !h.is_empty() => {
                view! { <dd class="hash" data-testid="sha256">{h}</dd> }.into_any()
            }
            Some(_) => view! { <dd class="hash">{none.clone()}</dd> }.into_any(),
            None => view! {
                <dd class="hash pending" data-testid="sha256-pending">{wait.clone()}</dd>
            }
            .into_any(),
        })
        .into_any(),
    )
}

/// The whole report for one file.
pub fn report_view(r: Arc<Report>, file_id: u32, lang: Lang) -> AnyView {
    report_parts(r, file_id, lang, true, true)
}

/// The verdict of a report: indication, summary, the user's validation-time
/// choice and an input error (the widget's compact card shows only this).
pub fn verdict_view(r: Arc<Report>, file_id: u32, lang: Lang) -> AnyView {
    report_parts(r, file_id, lang, true, false)
}

/// Everything of a report but its verdict (behind "Chi tiết" in a compact card).
pub fn details_view(r: Arc<Report>, file_id: u32, lang: Lang) -> AnyView {
    report_parts(r, file_id, lang, false, true)
}

fn report_parts(r: Arc<Report>, file_id: u32, lang: Lang, verdict: bool, details: bool) -> AnyView {
    let l = Labels(lang);
    let ind = r.verdict.indication;
    let summary = r.verdict.summary(lang).to_owned();
    let doc = r.document.clone().unwrap_or_default();
    let sub = r
        .verdict
        .sub_indication
        .map(|s| l.sub_indication(s).to_owned());
    let error = r.error.as_ref().map(|e| match lang {
        Lang::Vi => e.message_vi.clone(),
        Lang::En => e.message_en.clone(),
    });
    let file_name = r.file.name.clone().unwrap_or_else(|| "document".to_owned());
    let choice = r.validation_time_choice;
    let choice_line = (!choice.is_default()).then(|| {
        let what = match choice {
            ValidationTimeChoice::At { time } => {
                format!("{}: {}", l.validation_time_choice(choice), fmt_time(time, lang))
            }
            _ => l.validation_time_choice(choice).to_owned(),
        };
        let kind = match choice {
            ValidationTimeChoice::At { .. } => "at",
            _ => "claimed",
        };
        view! {
            <p class="user-choice" role="note" data-testid="validation-time-choice" data-kind=kind>
                "⚠ "{l.pick("Thời điểm kiểm tra do người dùng chọn: ", "Validation time chosen by the user: ")}{what}
            </p>
        }
    });
    let signatures: Vec<_> = r
        .signatures
        .iter()
        .map(|s| signature_view(&r, s, file_id, &file_name, lang))
        .collect();
    // The document card shows its own cross-checks (doc.admin.*) beside it.
    let (admin_findings, other_findings): (Vec<Finding>, Vec<Finding>) = r
        .findings
        .iter()
        .cloned()
        .partition(|f| f.code.starts_with("doc.admin.") && doc.administrative.is_some());
    let children: Vec<_> = r
        .children
        .iter()
        .map(|c| {
            view! {
                <section class="child" data-testid="child-report" data-counts=c.counts_for_verdict.to_string()>
                    <h3>{l.pick("Tài liệu lồng bên trong: ", "Nested document: ")}{c.location.clone()}</h3>
                    {(!c.counts_for_verdict).then(|| view! {
                        <p class="note">{l.pick(
                            "Tệp đính kèm được kiểm tra riêng; kết quả này không tính vào kết luận của tệp chứa nó (chữ ký của tệp chứa đã bao gồm các byte của tệp đính kèm).",
                            "The embedded file is verified on its own; this result is not counted in the enclosing file's verdict (whose signatures already cover its bytes).",
                        )}</p>
                    })}
                    {c.range.map(|[start, end]| {
                        let name = c.report.file.name.clone().unwrap_or_else(|| "content".to_owned());
                        view! {
                            <button class="download" data-testid="download-child"
                                on:click=move |_| { let _ = crate::bridge::download_slice(file_id, start, end, &name); }>
                                {l.pick("Tải tài liệu bên trong", "Download the document inside")}
                            </button>
                        }
                    })}
                    {report_view(Arc::new(c.report.clone()), file_id, lang)}
                </section>
            }
        })
        .collect();
    // The sub-indication's sentence is usually the summary's second half:
    // shown only when it adds something.
    // For an input that could not be read, the error says why; the generic
    // sentence of its sub-indication (FORMAT_FAILURE: "the structure is
    // malformed, or the document was changed…") would mislead.
    let sub = sub.filter(|s| !summary.contains(s.as_str()) && r.error.is_none());
    let next_step = r.verdict.next_step(lang).map(str::to_owned);
    // Shown apart only when the summary does not already say it.
    let error = error.filter(|e| !summary.contains(e.as_str()));
    let shown_summary = summary_after_label(&summary, l.indication(ind));
    let head = verdict.then(|| view! {
        <div class=indication_class(ind) data-testid="verdict" data-indication=indication_code(ind) part="verdict">
            <strong class="ind-label">{l.indication(ind)}</strong>
            <p class="summary" data-testid="verdict-summary" data-summary=summary.clone()>{message_view(&shown_summary)}</p>
            {next_step.map(|s| view! { <p class="next-step" data-testid="next-step">{s}</p> })}
            // The ETSI sub-indication's general sentence, for experts: the
            // summary already names the specific reason.
            {sub.map(|s| view! { <p class="sub expert">{s}</p> })}
        </div>
        {choice_line}
        {error.map(|e| view! { <p class="alert" data-testid="input-error">{e}</p> })}
    });
    if !details {
        return head.into_any();
    }
    view! {
        {head}
        {doc.administrative.as_ref().map(|a| document_card(a, &admin_findings, lang))}
        {doc.edxml.as_ref().map(|e| edxml_card(e, lang))}
        <dl class="facts">
            <dt>{l.pick("Định dạng", "Format")}</dt><dd data-testid="format">{l.format(r.format)}</dd>
            <dt>{l.pick("Kích thước", "Size")}</dt><dd data-testid="size" data-bytes=r.file.size.to_string()>{fmt_size(r.file.size, lang)}</dd>
            {fingerprint_view(&r, file_id, lang).map(|v| view! { <dt>"SHA-256"</dt>{v} })}
            {doc.signature_field_count.map(|n| view! {
                <dt>{l.pick("Số trường chữ ký", "Signature fields")}</dt><dd data-testid="signature-field-count">{n.to_string()}</dd>
            })}
            {row(l.pick("Phiên bản PDF", "PDF version"), doc.pdf_version.clone())}
            {row(l.pick("Số trang", "Pages"), doc.page_count.map(|n| n.to_string()))}
            {row(l.pick("Số lần lưu (phiên bản)", "Revisions"), doc.revision_count.map(|n| n.to_string()))}
            {row(l.pick("Tiêu đề", "Title"), doc.metadata.title.clone())}
            {row(l.pick("Ngôn ngữ", "Language"), doc.language.clone())}
            {(!doc.javascript.is_empty()).then(|| view! {
                <dt>{l.pick("Mã JavaScript", "JavaScript")}</dt><dd data-testid="javascript">"⚠ "{doc.javascript.join(", ")}</dd>
            })}
        </dl>
        {findings_view(&other_findings, lang)}
        {(!r.certificates.is_empty()).then(|| certificates_view(&r, lang))}
        {(!signatures.is_empty()).then(|| view! {
            <h3 class="sigs-title">{l.pick("Chữ ký", "Signatures")}" ("{signatures.len()}")"</h3>
            <ol class="signatures">{signatures}</ol>
        })}
        {children}
    }
    .into_any()
}

fn signature_view(
    r: &Report,
    s: &SignatureReport,
    file_id: u32,
    file_name: &str,
    lang: Lang,
) -> impl IntoView {
    let l = Labels(lang);
    let ind = s.indication;
    let title = match (&s.signer, s.kind) {
        (Some(c), _) => cert_line(c),
        (None, SignatureKind::DocumentTimestamp) => l.kind(s.kind).to_owned(),
        (None, _) => s
            .name
            .clone()
            .unwrap_or_else(|| l.pick("Không rõ người ký", "Unknown signer").to_owned()),
    };
    let signer = s.signer.clone();
    let identifiers = signer.as_ref().and_then(|c| identifiers_line(c, lang));
    let st = &s.signing_time;
    let proven = st.timestamp.map(|t| fmt_time(t, lang));
    let claimed = st.cms_signing_time.or(st.pdf_m).map(|t| fmt_time(t, lang));
    // XML signatures: exactly the elements each reference signed (signature
    // wrapping: what is shown is what was signed, nothing else).
    let signed_refs: Vec<_> = s
        .signed_references
        .iter()
        .map(|r| {
            let what = match (&r.element, &r.id, &r.uri) {
                (Some(e), Some(id), _) => format!("<{e} Id=\"{id}\">"),
                (Some(e), None, _) => format!("<{e}> {}", r.path.clone().unwrap_or_default()),
                (None, _, Some(u)) => u.clone(),
                _ => String::new(),
            };
            let ok = match r.digest_ok {
                Some(true) => "✓",
                Some(false) => "✗",
                None => "?",
            };
            view! {
                <li data-target=format!("{:?}", r.target)>{format!("{ok} {}: {what}{}", l.signed_target(r.target), if r.signed_properties { " (XAdES SignedProperties)" } else { "" })}</li>
            }
        })
        .collect();
    let has_refs = !signed_refs.is_empty();
    let trust = &s.trust;
    let chain = (!trust.chain.is_empty()).then(|| {
        trust
            .chain
            .iter()
            .map(cert_line)
            .collect::<Vec<_>>()
            .join(" → ")
    });
    let ts = s.timestamp.as_ref();
    let ts_line = ts.map(|t| {
        let mut parts = Vec::new();
        if let Some(g) = t.gen_time {
            parts.push(fmt_time(g, lang));
        }
        if let Some(a) = &t.authority {
            parts.push(cert_line(a));
        }
        parts.push(if t.imprint_matches && t.signature_valid {
            l.pick("dấu thời gian toàn vẹn", "timestamp intact")
                .to_owned()
        } else {
            l.pick("dấu thời gian bị hỏng", "timestamp broken")
                .to_owned()
        });
        parts.push(
            if t.trusted {
                l.pick("TSA tin cậy", "TSA trusted")
            } else {
                l.pick("TSA chưa được tin cậy", "TSA not trusted")
            }
            .to_owned(),
        );
        parts.join(" · ")
    });
    let revocation = {
        let r = &s.revocation;
        let mut v = l.revocation(r.status).to_owned();
        if let Some(t) = r.revoked_at {
            v.push_str(&format!(" ({})", fmt_time(t, lang)));
        }
        if let Some(src) = &r.source {
            v.push_str(&format!(" · {src}"));
        }
        v
    };
    let algs = [
        &s.algorithms.digest,
        &s.algorithms.signature,
        &s.algorithms.public_key,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect::<Vec<_>>()
    .join(" · ");
    let changes: Vec<_> = r
        .changes_after(s)
        .take(MAX_CHANGES_SHOWN)
        .map(|c| {
            let msg = if lang == Lang::Vi {
                c.message_vi.clone()
            } else {
                c.message_en.clone()
            };
            let (cls, icon) = if c.allowed {
                ("change allowed", "✓")
            } else {
                ("change disallowed", "✗")
            };
            view! {
                <li class=cls data-testid="change" data-class=c.class.clone()>
                    <span class="icon" aria-hidden="true">{icon}</span>
                    {format!("{} {}: ", l.pick("Phiên bản", "Revision"), c.revision)}{message_view(&msg)}
                    {c.object.clone().map(|o| view! { <code class="code expert">{o}</code> })}
                </li>
            }
        })
        .collect();
    let more_changes = s
        .changes_after
        .map_or(0, |c| c.count as usize)
        .checked_sub(MAX_CHANGES_SHOWN)
        .filter(|n| *n > 0)
        .map(|n| {
            view! {
                <li class="change more">
                    {format!("… {n} {}", l.pick("thay đổi nữa", "more changes"))}
                </li>
            }
        });
    // A sketch of each page where a later change hides signed content: the
    // page box and the hidden rectangle (PDF points, origin bottom-left).
    let sketches: Vec<_> = s
        .covered
        .iter()
        .take(6)
        .map(|c| {
            let [px0, py0, px1, py1] = c.page_box.unwrap_or([0.0, 0.0, 595.0, 842.0]);
            let (pw, ph) = ((px1 - px0).max(1.0), (py1 - py0).max(1.0));
            let [x0, y0, x1, y1] = c.rect;
            let label = format!(
                "{} {}: {} [{:.0} {:.0} {:.0} {:.0}]",
                l.pick("Trang", "Page"),
                c.page,
                l.pick("vùng bị che sau khi ký", "region hidden after signing"),
                x0,
                y0,
                x1,
                y1
            );
            view! {
                <figure class="page-sketch" data-testid="covered-region" data-page=c.page>
                    <svg viewBox=format!("0 0 {pw:.0} {ph:.0}") role="img" aria-label=label.clone()
                        preserveAspectRatio="xMidYMid meet">
                        <rect class="page" x="0" y="0" width=format!("{pw:.1}") height=format!("{ph:.1}")></rect>
                        <rect class="hidden-region" x=format!("{:.1}", x0 - px0) y=format!("{:.1}", py1 - y1)
                            width=format!("{:.1}", (x1 - x0).max(1.0)) height=format!("{:.1}", (y1 - y0).max(1.0))></rect>
                    </svg>
                    <figcaption>{message_view(&label)}</figcaption>
                </figure>
            }
        })
        .collect();
    let all_findings: Vec<Finding> = s
        .findings
        .iter()
        .chain(st.notes.iter())
        .chain(trust.findings.iter())
        .chain(s.revocation.findings.iter())
        .chain(ts.into_iter().flat_map(|t| t.findings.iter()))
        .cloned()
        .collect();
    let download = s.signed_length.map(|len| {
        let rev = s.revision.unwrap_or(s.index + 1);
        let (stem, ext) = match file_name.rsplit_once('.') {
            Some((a, b)) => (a.to_owned(), format!(".{b}")),
            None => (file_name.to_owned(), String::new()),
        };
        let name = format!("{stem}.signed-rev{rev}{ext}");
        view! {
            <button type="button" class="button" data-testid="download-signed-version"
                on:click=move |_| { let _ = crate::bridge::download_prefix(file_id, len, &name); }>
                {l.pick("Tải phiên bản đã ký", "Download the signed version")}
            </button>
        }
    });
    // Why this signature is not valid: its most important failed check,
    // unless the verdict above already says exactly that (one signature);
    // the sub-indication's general sentence only when no check names it.
    let verdict_says = |m: &str| r.verdict.summary(lang).contains(m.trim_end_matches('.'));
    let key_line = match (&s.key_finding, s.sub_indication) {
        (Some(f), _) if verdict_says(f.message(lang)) => None,
        (Some(f), _) => Some(f.message(lang).to_owned()),
        (None, Some(x)) => Some(l.sub_indication(x).to_owned()),
        (None, None) => None,
    }
    .map(|m| view! { <p class="sub" data-testid="signature-reason">{message_view(&m)}</p> });
    view! {
        <li class="signature" data-testid="signature" data-indication=indication_code(ind)>
            <header class="sig-head">
                <span class=indication_class(ind) data-testid="signature-indication">{l.indication(ind)}</span>
                <span class="sig-title">{format!("#{} ", s.index + 1)}{title}</span>
                <span class="kind">{l.kind(s.kind)}{s.field.clone().map(|f| format!(" · {f}"))}</span>
            </header>
            {key_line}
            <dl class="facts">
                {row(l.pick("Người ký", "Signer"), signer.as_ref().map(cert_line))}
                {row(l.pick("Định danh", "Identifiers"), identifiers)}
                {row(l.pick("Cấp bởi", "Issued by"), signer.as_ref().map(|c| c.issuer_common_name.clone().unwrap_or_else(|| c.issuer.clone())))}
                {expert_row(l.pick("Chủ thể (DN)", "Subject (DN)"), signer.as_ref().map(|c| c.subject.clone()))}
                {expert_row(l.pick("Số hiệu chứng thư", "Certificate serial"), signer.as_ref().map(|c| c.serial.clone()))}
                {row(l.pick("Thời điểm ký (được chứng minh)", "Signing time (proven)"), proven)}
                {row(l.pick("Thời điểm ký (người ký khai)", "Signing time (claimed)"), claimed)}
                {row(l.pick("Lý do", "Reason"), s.reason.clone())}
                {row(l.pick("Nơi ký", "Location"), s.location.clone())}
                <dt>{l.pick("Phạm vi ký", "Coverage")}</dt><dd data-testid="coverage">{l.coverage(s.coverage)}</dd>
                {row(l.pick("Thay đổi sau khi ký", "Changes after signing"), s.modification_level.map(|m| l.modification(m).to_owned()))}
                {has_refs.then(move || view! {
                    <dt>{l.pick("Những gì được ký", "What is signed")}</dt>
                    <dd><ul class="signed-refs" data-testid="signed-references">{signed_refs}</ul></dd>
                })}
                <dt>{l.pick("Chuỗi tin cậy", "Trust chain")}</dt>
                <dd data-testid="trust">{l.chain(trust.status)}{trust.anchor.clone().map(|a| format!(" · {a}"))}</dd>
                {row(l.pick("Chuỗi chứng thư", "Certificate path"), chain)}
                {row(l.pick("Thời điểm kiểm tra chuỗi", "Path validated at"), trust.validation_time.map(|t| match trust.validation_time_source {
                    Some(src) => format!("{} ({})", fmt_time(t, lang), l.validation_time_source(src)),
                    None => fmt_time(t, lang),
                }))}
                {row(l.pick("Dấu thời gian", "Timestamp"), ts_line)}
                <dt>{l.pick("Thu hồi", "Revocation")}</dt><dd>{revocation}</dd>
                {expert_row(l.pick("Thuật toán", "Algorithms"), (!algs.is_empty()).then_some(algs))}
                {expert_row(l.pick("Mức chứng nhận (DocMDP)", "Certification level (DocMDP)"), s.certification_level.map(|n| n.to_string()))}
            </dl>
            {(!changes.is_empty()).then(|| view! { <ul class="changes">{changes}{more_changes}</ul> })}
            {(!sketches.is_empty()).then(|| view! { <div class="page-sketches">{sketches}</div> })}
            {findings_view(&all_findings, lang)}
            {download}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::split_expert_tokens;

    #[test]
    fn object_references_are_set_apart_for_experts() {
        assert_eq!(
            split_expert_tokens("Trang 1: ô “SoVanBan” (80 0 R) được thêm (sau khi ký)."),
            vec![
                ("Trang 1: ô “SoVanBan”".to_owned(), false),
                (" (80 0 R)".to_owned(), true),
                (" được thêm (sau khi ký).".to_owned(), false),
            ]
        );
        assert_eq!(
            split_expert_tokens("objects (12 0 R, 13 2 R)"),
            vec![
                ("objects".to_owned(), false),
                (" (12 0 R, 13 2 R)".to_owned(), true)
            ]
        );
        assert_eq!(
            split_expert_tokens("nội dung đã ký [72 756.5 264 -772]: người xem [1 2]"),
            vec![
                ("nội dung đã ký".to_owned(), false),
                (" [72 756.5 264 -772]".to_owned(), true),
                (": người xem [1 2]".to_owned(), false),
            ]
        );
        for plain in [
            "(1 R)",
            "no refs",
            "(a 0 R)",
            "unclosed (1 0 R",
            "",
            "(80 0 R",
            "[a b c d]",
            "x [1 2 3 4",
        ] {
            assert!(
                split_expert_tokens(plain).iter().all(|(_, e)| !e),
                "{plain}"
            );
            assert_eq!(
                split_expert_tokens(plain)
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect::<String>(),
                plain
            );
        }
    }
}
