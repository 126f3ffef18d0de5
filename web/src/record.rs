//! What a user keeps of a result: the report as JSON, and a printable
//! verification record ("Kết quả kiểm tra chữ ký số") laid out for A4 by the
//! print rules of `kyso.css` (saved as PDF through the browser's print
//! dialog). Both are made from the report the worker returned; nothing is
//! judged here, and nothing leaves the browser (a `blob:` download, the
//! browser's own print).

use crate::report::{
    cert_line, fmt_iso_date, fmt_size, fmt_time, indication_class, indication_code,
};
use kyso_report::{Labels, Lang, Report, Time, ValidationTimeChoice};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Offer the report as `NAME.kyso.json` (pretty-printed, the CLI's `--json` form).
pub fn download_json(r: &Report) -> Result<(), wasm_bindgen::JsValue> {
    let json = serde_json::to_string_pretty(r)
        .map_err(|e| wasm_bindgen::JsValue::from_str(&format!("report: {e}")))?;
    let parts = js_sys::Array::of1(&json.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let name = format!("{}.kyso.json", r.file.name.as_deref().unwrap_or("document"));
    crate::bridge::download_blob(&blob, &name)
}

/// Offer the ETSI TS 119 102-2 validation report (XML) as
/// `NAME.etsi-report.xml` (`kyso-report-etsi`; only for a file with
/// signatures, the button is not shown otherwise).
pub fn download_etsi(r: &Report, verified_at: Time) -> Result<(), wasm_bindgen::JsValue> {
    let xml = kyso_report_etsi::to_xml(r, verified_at)
        .map_err(|e| wasm_bindgen::JsValue::from_str(&e.to_string()))?;
    let parts = js_sys::Array::of1(&xml.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let name = format!(
        "{}.etsi-report.xml",
        r.file.name.as_deref().unwrap_or("document")
    );
    crate::bridge::download_blob(&blob, &name)
}

/// Print the record of one result: mark it (and `<body>`) for the print
/// rules, open the browser's print dialog, and unmark after printing.
pub fn print(card: &web_sys::Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(body) = window.document().and_then(|d| d.body()) else {
        return;
    };
    // Only one record is printed: unmark any other first.
    if let Ok(marked) = body.query_selector_all(".file.printing") {
        for i in 0..marked.length() {
            if let Some(e) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = e.class_list().remove_1("printing");
            }
        }
    }
    let _ = card.class_list().add_1("printing");
    let _ = body.class_list().add_1("printing-record");
    // Unmarked when the dialog closes (`afterprint`), not when print()
    // returns: some browsers return before the page is laid out for print.
    let card = card.clone();
    let body_after = body.clone();
    let after = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = card.class_list().remove_1("printing");
        let _ = body_after.class_list().remove_1("printing-record");
    });
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "afterprint",
        after.unchecked_ref(),
        &opts,
    );
    let _ = window.print();
}

/// The record, hidden on screen and the only thing printed when its card is
/// marked. `verified_at`: the time the page asked the worker to verify (the
/// `now` it was given).
pub fn record_view(r: Arc<Report>, file_id: u32, verified_at: Time, lang: Lang) -> impl IntoView {
    let l = Labels(lang);
    let ind = r.verdict.indication;
    let summary = r.verdict.summary(lang).to_owned();
    let next_step = r.verdict.next_step(lang).map(str::to_owned);
    let admin = r.document.as_ref().and_then(|d| d.administrative.clone());
    let value = |v: &Option<kyso_report::ReadValue>| v.as_ref().map(|v| v.value.clone());
    let doc_rows = admin.map(|a| {
        view! {
            <h2>{l.pick("Văn bản", "Document")}</h2>
            <dl class="facts">
                {row(l.pick("Số, ký hiệu", "Number"), a.number_and_notation())}
                {row(l.pick("Loại văn bản", "Type"), value(&a.doc_type))}
                {row(l.pick("Ngày ban hành", "Date of issue"), a.date.as_ref().map(|d| fmt_iso_date(&d.value, lang)))}
                {row(l.pick("Cơ quan ban hành", "Issued by"), value(&a.issuing_body))}
                {row(l.pick("Trích yếu", "Subject"), value(&a.subject))}
            </dl>
        }
    });
    let choice = r.validation_time_choice;
    let choice_row = (!choice.is_default()).then(|| {
        let what = match choice {
            ValidationTimeChoice::At { time } => {
                format!("{}: {}", l.validation_time_choice(choice), fmt_time(time, lang))
            }
            _ => l.validation_time_choice(choice).to_owned(),
        };
        view! { <dt>{l.pick("Thời điểm kiểm tra do người dùng chọn", "Validation time chosen by the user")}</dt><dd>{what}</dd> }
    });
    let mut anchors: Vec<String> = Vec::new();
    let rows: Vec<_> = r
        .signatures
        .iter()
        .map(|s| {
            if let Some(a) = &s.trust.anchor {
                if !anchors.contains(a) {
                    anchors.push(a.clone());
                }
            }
            let who = s
                .signer
                .as_ref()
                .map(cert_line)
                .unwrap_or_else(|| l.pick("Không rõ", "Unknown").to_owned());
            let when = match (
                s.signing_time.timestamp,
                s.signing_time.cms_signing_time.or(s.signing_time.pdf_m),
            ) {
                (Some(t), _) => format!(
                    "{} ({})",
                    fmt_time(t, lang),
                    l.pick("dấu thời gian", "timestamp")
                ),
                (None, Some(t)) => format!(
                    "{} ({})",
                    fmt_time(t, lang),
                    l.pick("người ký khai", "claimed")
                ),
                (None, None) => "—".to_owned(),
            };
            let chain = match &s.trust.anchor {
                Some(a) => format!("{} → {a}", l.chain(s.trust.status)),
                None => l.chain(s.trust.status).to_owned(),
            };
            view! {
                <tr>
                    <td>{(s.index + 1).to_string()}</td>
                    <td>{who}</td>
                    <td>{when}</td>
                    <td>{l.indication(s.indication).to_owned()}</td>
                    <td>{chain}</td>
                    <td>{l.revocation(s.revocation.status).to_owned()}</td>
                    <td>{l.coverage(s.coverage).to_owned()}</td>
                </tr>
            }
        })
        .collect();
    let has_rows = !rows.is_empty();
    let anchors_line = (!anchors.is_empty()).then(|| anchors.join("; "));
    view! {
        <section class="print-record" data-testid="print-record" aria-hidden="true">
            <header class="record-head">
                <p class="record-brand">"Kyso"</p>
                <h1>{l.pick("Kết quả kiểm tra chữ ký số", "Digital signature verification record")}</h1>
            </header>
            <dl class="facts">
                <dt>{l.pick("Tệp", "File")}</dt><dd>{r.file.name.clone().unwrap_or_default()}</dd>
                <dt>{l.pick("Kích thước", "Size")}</dt><dd>{fmt_size(r.file.size, lang)}</dd>
                {crate::report::fingerprint_view(&r, file_id, lang).map(|v| view! { <dt>"SHA-256"</dt>{v} })}
                <dt>{l.pick("Định dạng", "Format")}</dt><dd>{l.format(r.format)}</dd>
                <dt>{l.pick("Thời điểm kiểm tra", "Verified at")}</dt><dd>{fmt_time(verified_at, lang)}</dd>
                {choice_row}
                <dt>{l.pick("Phần mềm", "Software")}</dt><dd>{format!("Kyso {}", r.kyso_version)}</dd>
            </dl>
            <div class=indication_class(ind) data-indication=indication_code(ind)>
                <strong class="ind-label">{l.indication(ind)}</strong>
                <p class="summary">{summary}</p>
                {next_step.map(|n| view! { <p class="next-step">{n}</p> })}
            </div>
            {doc_rows}
            {has_rows.then(|| view! {
                <h2>{l.pick("Chữ ký", "Signatures")}" ("{r.signatures.len()}")"</h2>
                <table class="record-sigs">
                    <thead><tr>
                        <th>"#"</th>
                        <th>{l.pick("Người ký", "Signer")}</th>
                        <th>{l.pick("Thời điểm ký", "Signed at")}</th>
                        <th>{l.pick("Kết quả", "Result")}</th>
                        <th>{l.pick("Chuỗi chứng thư", "Certificate chain")}</th>
                        <th>{l.pick("Thu hồi", "Revocation")}</th>
                        <th>{l.pick("Phạm vi ký", "Coverage")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
            <dl class="facts">
                <dt>{l.pick("Chứng thư gốc tin cậy đã dùng", "Trust anchors used")}</dt>
                <dd>{anchors_line.unwrap_or_else(|| l.pick("không có (không chuỗi nào đến được chứng thư gốc tin cậy)", "none (no chain reached a trusted anchor)").to_owned())}</dd>
            </dl>
            <p class="record-note">{l.pick(
                "Biên bản do Kyso lập ngay trên máy người kiểm tra; tệp không được gửi đi đâu. Có thể đối chiếu tệp với biên bản qua giá trị SHA-256 ở trên.",
                "Made by Kyso on the verifier's own device; the file was sent nowhere. Match the file to this record by its SHA-256 above.")}</p>
        </section>
    }
}

fn row(label: &str, value: Option<String>) -> Option<impl IntoView> {
    value.map(|v| view! { <dt>{label.to_owned()}</dt><dd>{v}</dd> })
}
