//! Kyso's portal: a Leptos (CSR) page. The user drops or picks files; each
//! file goes, as a `File` handle, to the core running in a Web Worker
//! ([`bridge`]); the report that comes back is displayed ([`report`]). The
//! page decides nothing: verdicts, summaries and labels all come from
//! `kyso-report`.
//!
//! Stable hooks for tests and integrators: `data-testid="file-input"`,
//! `"file-result"` (one per file, `data-state` = `pending|done|failed`),
//! `"verdict"` (`data-indication` = the report's indication).
#![forbid(unsafe_code)]

mod bridge;
mod record;
mod report;
mod trust;
mod validation_time;
pub mod widget;

use kyso_report::{Labels, Lang, Report};
use leptos::prelude::*;
use std::sync::Arc;
use trust_panel::TrustPanel;
use validation_time_panel::ValidationTimePanel;
use wasm_bindgen::JsCast;

/// Where a file's verification stands.
#[derive(Debug, Clone)]
pub enum Status {
    /// Sent to the worker.
    Pending,
    /// The core's report.
    Done(Arc<Report>),
    /// The worker could not produce a report (should not happen: the core
    /// reports on any input).
    Failed(String),
    /// The user cancelled it before its report came.
    Cancelled,
}

/// One file the user gave.
#[derive(Debug, Clone, Copy)]
struct Entry {
    id: u32,
    name: StoredValue<String>,
    size: u64,
    status: RwSignal<Status>,
    /// Bytes through the digests so far and in all (from the worker).
    progress: RwSignal<(f64, f64)>,
    /// The validation time the worker was given (the time of verification).
    verified_at: kyso_report::Time,
}

const LANG_KEY: &str = "kyso.lang";
/// "1" when the user chose the experts' view (finding codes, DNs, serials,
/// algorithms, object numbers).
const EXPERTS_KEY: &str = "kyso.experts";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn stored_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|v| Lang::parse(&v))
        .unwrap_or_default()
}

fn set_document_lang(lang: Lang) {
    let code = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", code);
        }
        doc.set_title(Labels(lang).pick(
            "Kyso — Kiểm tra chữ ký số",
            "Kyso — Digital signature verifier",
        ));
    }
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(LANG_KEY, code);
    }
}

/// Once the worker has its wasm, nothing else needs the network: add a second
/// CSP that forbids every connection from the page (policies only ever
/// tighten, CSP3 §3.3; a `<meta>` inserted into `<head>` takes effect at once,
/// HTML §4.2.5.3). The first policy needed `connect-src 'self'` for the page's
/// own wasm.
fn lock_down_network() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(head) = doc.head() else { return };
    if let Ok(meta) = doc.create_element("meta") {
        let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
        let _ = meta.set_attribute("content", "connect-src 'none'");
        let _ = head.append_child(&meta);
    }
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("data-kyso-ready", "true");
    }
}

/// Mount the portal on `<body>`; its worker is started from `worker_url`
/// (`kyso-worker_loader.js`, resolved by `web/boot.js` beside the page's wasm).
pub fn mount_portal(worker_url: String) {
    console_log_panics();
    mount_to_body(move || view! { <App worker_url=worker_url /> });
}

/// Mount a `<kyso-verifier>` widget (see [`widget`]).
pub fn mount_widget(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    config: widget::Config,
) -> u32 {
    console_log_panics();
    widget::mount(container, host, config)
}

fn console_log_panics() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("kyso panicked: {info}").into());
    }));
}

/// Hand `file` (with `signed`, the file it signs, for a detached signature)
/// to the worker and show its result first: the card every front end adds.
fn add_entry(
    entries: RwSignal<Vec<Entry>>,
    file: web_sys::File,
    signed: Option<web_sys::File>,
    trust: &[Vec<u8>],
    at: Option<&str>,
    notify: Option<bridge::Notify>,
) -> u32 {
    let status = RwSignal::new(Status::Pending);
    let name = match &signed {
        Some(s) => format!("{} + {}", file.name(), s.name()),
        None => file.name(),
    };
    let size = file.size() as u64;
    let progress = RwSignal::new((0.0, 0.0));
    let (id, verified_at) = bridge::submit(file, signed, status, progress, trust, at, notify);
    entries.update(|e| {
        e.insert(
            0,
            Entry {
                id,
                name: StoredValue::new(name),
                size,
                status,
                progress,
                verified_at,
            },
        )
    });
    id
}

/// The files given at once, each with the file it signs when it is a
/// detached signature `X.p7s` given together with `X` (which is then not
/// verified on its own).
fn pair_detached(files: &web_sys::FileList) -> Vec<(web_sys::File, Option<web_sys::File>)> {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    let partner = |f: &web_sys::File| -> Option<web_sys::File> {
        let stem = kyso_report::detached_partner_name(&f.name())?.to_owned();
        files.iter().find(|g| g.name() == stem).cloned()
    };
    let consumed: Vec<String> = files
        .iter()
        .filter_map(&partner)
        .map(|g| g.name())
        .collect();
    files
        .iter()
        .filter(|f| !consumed.contains(&f.name()))
        .map(|f| (f.clone(), partner(f)))
        .collect()
}

#[component]
fn App(worker_url: String) -> impl IntoView {
    let lang = RwSignal::new(stored_lang());
    let ready = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let entries = RwSignal::new(Vec::<Entry>::new());
    let anchors = RwSignal::new(trust::load());
    let validation_time = RwSignal::new(validation_time::load());
    let experts = RwSignal::new(
        storage()
            .and_then(|s| s.get_item(EXPERTS_KEY).ok().flatten())
            .as_deref()
            == Some("1"),
    );
    Effect::new(move |_| {
        if let Some(s) = storage() {
            let _ = s.set_item(EXPERTS_KEY, if experts.get() { "1" } else { "0" });
        }
    });
    provide_context(lang);

    Effect::new(move |_| set_document_lang(lang.get()));
    Effect::new(move |_| {
        if ready.get() {
            lock_down_network();
        }
    });
    bridge::start(&worker_url, ready, failed);

    // Verify `file` (with `signed`, the file it signs, when it is a detached
    // signature) as one result, shown first.
    let submit = move |file: web_sys::File, signed: Option<web_sys::File>| {
        let extra: Vec<Vec<u8>> =
            anchors.with_untracked(|a| a.iter().map(trust::Anchor::bytes).collect());
        let at = validation_time.with_untracked(validation_time::Setting::option);
        add_entry(entries, file, signed, &extra, at.as_deref(), None);
    };
    let add_files = move |files: web_sys::FileList| {
        for (file, signed) in pair_detached(&files) {
            submit(file, signed);
        }
    };
    // The user chose the file a detached signature signs (whatever its
    // name): the signature's result is replaced by the pair's.
    // The new result's signals belong to the app, not to the card whose
    // chooser fired (that card is removed here, and its owner with it).
    let app = StoredValue::new(Owner::current().expect("the app has an owner"));
    let pair = move |id: u32, signed: web_sys::File| {
        let Some(signature) = bridge::file(id) else {
            return;
        };
        app.with_value(|owner| owner.with(|| submit(signature, Some(signed))));
        bridge::forget(id);
        entries.update(|e| e.retain(|x| x.id != id));
    };

    let l = move || Labels(lang.get());
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"✓"</span>
                <div>
                    <h1>"Kyso"</h1>
                    <p class="tagline">{move || l().pick("Kiểm tra chữ ký số ngay trong trình duyệt — tệp không rời khỏi máy của bạn.", "Verify digital signatures in your browser — your files never leave your device.")}</p>
                </div>
            </div>
            <div class="top-actions">
                <button type="button" class="experts-toggle" data-testid="experts-toggle"
                    aria-pressed=move || experts.get().to_string()
                    on:click=move |_| experts.update(|x| *x = !*x)>
                    {move || l().pick("Chi tiết kỹ thuật", "Technical details")}
                </button>
                <button type="button" class="lang" data-testid="lang-switch"
                    on:click=move |_| lang.update(|x| *x = if *x == Lang::Vi { Lang::En } else { Lang::Vi })>
                    {move || l().pick("English", "Tiếng Việt")}
                </button>
            </div>
        </header>
        <main class:experts=move || experts.get() class:has-results=move || entries.with(|e| !e.is_empty())>
            <DropZone on_files=add_files ready=ready />
            {move || failed.get().map(|e| view! {
                <p class="alert" role="alert" data-testid="worker-error">
                    {l().pick("Không khởi động được bộ kiểm tra: ", "The verifier could not start: ")}{e}
                </p>
            })}
            <section class="results" aria-live="polite">
                <For each=move || entries.get() key=|e| e.id let:entry>
                    <FileResult entry=entry printable=true on_remove=move |id| {
                        bridge::forget(id);
                        entries.update(|e| e.retain(|x| x.id != id));
                    } on_pair=pair />
                </For>
            </section>
            <ValidationTimePanel setting=validation_time />
            <TrustPanel anchors=anchors />
        </main>
        <footer>
            <p>{move || l().pick(
                "Kyso chạy hoàn toàn trên máy của bạn: tệp được đọc và kiểm tra trong trình duyệt, không gửi đi đâu.",
                "Kyso runs entirely on your device: files are read and checked in the browser and sent nowhere.")}</p>
            <PrivacyProof ready=ready />
        </footer>
    }
}

/// "Làm sao biết? / How do I know?": how "nothing is uploaded" is enforced
/// and tested, with the page's live state (network locked, offline cache).
#[component]
fn PrivacyProof(ready: RwSignal<bool>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let l = move || Labels(lang.get());
    // <html data-kyso-offline> is set by boot.js when the service worker is
    // ready; read when the panel opens.
    let offline = RwSignal::new(None::<String>);
    let refresh = move || {
        let v = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|h| h.get_attribute("data-kyso-offline"));
        offline.set(v);
    };
    view! {
        <details class="privacy-proof" data-testid="privacy-proof" on:toggle=move |_| refresh()>
            <summary>{move || l().pick("Làm sao biết tệp không bị gửi đi?", "How do I know nothing is sent?")}</summary>
            <ul>
                <li>{move || l().pick(
                    "Trang chỉ được tải tệp của chính nó (chính sách bảo mật nội dung, CSP). Khi bộ kiểm tra đã sẵn sàng, trang tự thêm một chính sách thứ hai cấm mọi kết nối mạng (connect-src 'none'): từ đó trình duyệt từ chối mọi yêu cầu gửi dữ liệu đi.",
                    "The page may load only its own files (Content-Security-Policy). Once the verifier is ready the page adds a second policy forbidding every network connection (connect-src 'none'): from then on the browser refuses any request that could send data.")}</li>
                <li data-testid="privacy-network">{move || if ready.get() {
                    l().pick("Trạng thái: mạng đã bị khóa cho trang này.", "Now: the network is locked for this page.")
                } else {
                    l().pick("Trạng thái: đang tải bộ kiểm tra; mạng sẽ bị khóa khi xong.", "Now: loading the verifier; the network is locked once it is ready.")
                }}</li>
                <li data-testid="privacy-offline">{move || match offline.get().as_deref() {
                    Some("ready") => l().pick(
                        "Trang đã được lưu để dùng ngoại tuyến: có thể tắt mạng rồi kiểm tra tệp.",
                        "The page is saved for offline use: you can turn the network off and check files."),
                    Some("unsupported") => l().pick(
                        "Trình duyệt này (hoặc chế độ riêng tư) không cho lưu trang để dùng ngoại tuyến.",
                        "This browser (or private mode) does not allow saving the page for offline use."),
                    _ => l().pick("Chưa lưu được trang để dùng ngoại tuyến.", "The page is not saved for offline use yet."),
                }}</li>
                <li>{move || l().pick(
                    "Mỗi bản phát hành được kiểm thử tự động trên Chromium, Firefox và WebKit: kiểm tra tệp không tạo ra yêu cầu mạng nào (đếm tại máy chủ và trong trình duyệt), và trang vẫn kiểm tra được khi máy chủ đã tắt.",
                    "Every release is tested automatically in Chromium, Firefox and WebKit: checking files makes no network request (counted at the server and in the browser), and the page still checks files with the server gone.")}</li>
            </ul>
        </details>
    }
}

/// The drop zone the portal and the widget share: a `<label>` around the
/// file input, so that keyboard users reach the input and screen readers read
/// the label. `accept`: the input's `accept` list (the widget's attribute).
#[component]
fn DropZone(
    on_files: impl Fn(web_sys::FileList) + Copy + 'static,
    ready: RwSignal<bool>,
    #[prop(optional)] accept: Option<Signal<String>>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let l = move || Labels(lang.get());
    let over = RwSignal::new(false);
    view! {
        <label class="drop" class:over=move || over.get() data-testid="drop-zone" part="drop"
            on:dragenter=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                over.set(false);
                if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                    on_files(files);
                }
            }>
            <input type="file" multiple class="visually-hidden" data-testid="file-input"
                accept=move || accept.map(|a| a.get()).filter(|a| !a.is_empty())
                on:change=move |ev| {
                    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                    if let Some(files) = input.files() {
                        on_files(files);
                    }
                    // Choosing the same file again must fire `change` again.
                    input.set_value("");
                } />
            <span class="drop-icon" aria-hidden="true">"⇩"</span>
            <strong>{move || l().pick("Kéo thả tệp vào đây hoặc bấm để chọn tệp", "Drop files here or click to choose")}</strong>
            <span class="hint">{move || l().pick("PDF, .p7s/.p7m, XML, Word/Excel, gói edXML — có thể chọn nhiều tệp.", "PDF, .p7s/.p7m, XML, Word/Excel, edXML packages — several files at once.")}</span>
            <span class="engine" data-testid="engine-state" data-ready=move || ready.get().to_string()>{move || if ready.get() {
                l().pick("Bộ kiểm tra đã sẵn sàng.", "Verifier ready.")
            } else {
                l().pick("Đang tải bộ kiểm tra…", "Loading the verifier…")
            }}</span>
        </label>
    }
}

/// One file's card, in the portal and the widget. `compact` (the widget's
/// attribute): the verdict only, the rest of the report behind "Chi tiết".
/// Each result can be kept: downloaded as JSON, and (`printable`: the
/// portal, whose page is Kyso's own) printed as a verification record.
#[component]
fn FileResult(
    entry: Entry,
    on_remove: impl Fn(u32) + Copy + 'static,
    on_pair: impl Fn(u32, web_sys::File) + Copy + Send + Sync + 'static,
    #[prop(optional)] compact: Option<RwSignal<bool>>,
    #[prop(optional)] printable: bool,
) -> impl IntoView {
    let card = NodeRef::<leptos::html::Article>::new();
    let lang = expect_context::<RwSignal<Lang>>();
    let l = move || Labels(lang.get());
    let state = move || match entry.status.get() {
        Status::Pending => "pending",
        Status::Done(_) => "done",
        Status::Failed(_) => "failed",
        Status::Cancelled => "cancelled",
    };
    view! {
        <article class="file" node_ref=card data-testid="file-result" data-state=state data-file-name=entry.name.get_value() part="result">
            <header class="file-head">
                <h2 class="file-name">{entry.name.get_value()}</h2>
                <button type="button" class="remove" data-testid="remove-result"
                    aria-label=move || l().pick("Xóa kết quả", "Remove result").to_owned()
                    on:click=move |_| on_remove(entry.id)>"×"</button>
            </header>
            {move || match entry.status.get() {
                Status::Pending => view! {
                    <p class="pending" role="status">
                        {l().pick("Đang kiểm tra…", "Checking…")}" ("{report::fmt_size(entry.size, lang.get())}") "
                        {move || {
                            let (done, total) = entry.progress.get();
                            (total > 0.0).then(|| {
                                let pct = (done / total * 100.0).clamp(0.0, 100.0).round();
                                let label = match lang.get() {
                                    Lang::Vi => format!("Đã đọc {pct}% tệp"),
                                    Lang::En => format!("{pct}% of the file read"),
                                };
                                view! {
                                    <progress data-testid="progress" max=total value=done
                                        aria-label=label.clone() title=label></progress>
                                }
                            })
                        }}
                        " "
                        <button type="button" class="cancel" data-testid="cancel"
                            on:click=move |_| { bridge::cancel(entry.id); }>
                            {l().pick("Hủy", "Cancel")}
                        </button>
                    </p>
                }.into_any(),
                Status::Cancelled => view! {
                    <p class="pending" role="status" data-testid="cancelled">{l().pick(
                        "Đã hủy kiểm tra tệp này.",
                        "Checking this file was cancelled.")}</p>
                }.into_any(),
                Status::Failed(e) => view! {
                    <p class="alert" data-testid="verdict" data-indication="ERROR">{l().pick("Không kiểm tra được tệp: ", "The file could not be checked: ")}{e}</p>
                }.into_any(),
                Status::Done(r) => {
                    let awaits = kyso_report::awaits_signed_file(&r);
                    let lg = lang.get();
                    // What is downloaded is the report as it is at the
                    // click: with the file's fingerprint, which may come
                    // after the verdict (bridge::fingerprint).
                    let current = move || match entry.status.get_untracked() {
                        Status::Done(r) => Some(r),
                        _ => None,
                    };
                    // Until it has come, a download would carry an empty
                    // `file.sha256`: the buttons wait for it (a moment: the
                    // worker hashes the file right after the verdict).
                    let id = entry.id;
                    let hashing = move || bridge::fingerprint(id).is_some_and(|f| f.get().is_none());
                    let etsi = r.signatures.iter().any(|s| s.kind == kyso_report::SignatureKind::Signature);
                    let record = printable.then(|| record::record_view(r.clone(), entry.id, entry.verified_at, lg));
                    let full = compact.is_none_or(|c| !c.get());
                    let body = if full {
                        report::report_view(r, entry.id, lg)
                    } else {
                        view! {
                            {report::verdict_view(r.clone(), entry.id, lg)}
                            <details class="compact-details" part="details">
                                <summary>{l().pick("Chi tiết", "Details")}</summary>
                                {report::details_view(r, entry.id, lg)}
                            </details>
                        }.into_any()
                    };
                    view! {
                        {body}
                        {awaits.then(|| view! { <ChooseSignedFile id=entry.id on_pair=on_pair /> })}
                        <div class="actions" part="actions">
                            <button type="button" data-testid="download-json" disabled=hashing on:click=move |_| {
                                if let Some(Err(e)) = current().map(|r| record::download_json(&r)) {
                                    web_sys::console::error_1(&e);
                                }
                            }>{l().pick("Tải báo cáo (JSON)", "Download the report (JSON)")}</button>
                            {etsi.then(|| {
                                view! {
                                    <button type="button" class="expert" data-testid="download-etsi" disabled=hashing on:click=move |_| {
                                        if let Some(Err(e)) = current().map(|r| record::download_etsi(&r, entry.verified_at)) {
                                            web_sys::console::error_1(&e);
                                        }
                                    }>{l().pick("Báo cáo ETSI TS 119 102-2 (XML)", "ETSI TS 119 102-2 report (XML)")}</button>
                                }
                            })}
                            {printable.then(|| view! {
                                <button type="button" data-testid="print-record-button" on:click=move |_| {
                                    if let Some(el) = card.get_untracked() {
                                        record::print(&el);
                                    }
                                }>{l().pick("In biên bản kiểm tra", "Print the verification record")}</button>
                            })}
                        </div>
                        {record}
                    }.into_any()
                }
            }}
        </article>
    }
}

/// A detached signature verified alone: let the user choose the file it
/// signs, whatever its name, and verify both together.
#[component]
fn ChooseSignedFile(
    id: u32,
    on_pair: impl Fn(u32, web_sys::File) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let l = move || Labels(lang.get());
    view! {
        <label class="choose-signed" data-testid="choose-signed">
            <span>{move || l().pick(
                "Chọn tệp đã được ký bằng chữ ký này để kiểm tra tệp đó có bị thay đổi hay không",
                "Choose the file this signature signs, to check whether it was changed")}</span>
            <input type="file" data-testid="choose-signed-file"
                on:change=move |ev| {
                    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                    if let Some(f) = input.files().and_then(|fs| fs.get(0)) {
                        on_pair(id, f);
                    }
                } />
        </label>
    }
}

mod validation_time_panel {
    use super::validation_time::{self, Mode, Setting};
    use kyso_report::{Labels, Lang, ValidationTimeChoice};
    use leptos::prelude::*;

    /// "Thời điểm kiểm tra / Validation time": the default (recommended), each
    /// signature's claimed signing time, or a specific time. Applies to files
    /// verified after the change; the report of each states the choice.
    #[component]
    pub fn ValidationTimePanel(setting: RwSignal<Setting>) -> impl IntoView {
        let lang = expect_context::<RwSignal<Lang>>();
        let l = move || Labels(lang.get());
        let saved = RwSignal::new(true);
        let change = move |f: &dyn Fn(&mut Setting)| {
            setting.update(|s| f(s));
            saved.set(validation_time::save(&setting.get_untracked()));
        };
        let option = move |mode: Mode, choice: ValidationTimeChoice, testid: &'static str| {
            view! {
                <label class="choice">
                    <input type="radio" name="kyso-validation-time" data-testid=testid
                        prop:checked=move || setting.with(|s| s.mode == mode)
                        on:change=move |_| change(&|s| s.mode = mode) />
                    {move || l().validation_time_choice(choice)}
                </label>
            }
        };
        let current = move || {
            let s = setting.get();
            let lg = l();
            match (s.mode, s.time()) {
                (Mode::Default, _) | (Mode::At, None) => lg
                    .validation_time_choice(ValidationTimeChoice::Default)
                    .to_owned(),
                (Mode::Claimed, _) => lg
                    .validation_time_choice(ValidationTimeChoice::Claimed)
                    .to_owned(),
                (Mode::At, Some(t)) => t.to_vietnam_display(),
            }
        };
        view! {
            <details class="settings" data-testid="validation-time-settings">
                <summary>{move || l().pick("Cài đặt: thời điểm kiểm tra", "Settings: validation time")}" ("{current}")"</summary>
                <fieldset class="choices">
                    <legend>{move || l().pick("Thời điểm kiểm tra", "Validation time")}</legend>
                    {option(Mode::Default, ValidationTimeChoice::Default, "validation-time-default")}
                    {option(Mode::Claimed, ValidationTimeChoice::Claimed, "validation-time-claimed")}
                    {option(Mode::At, ValidationTimeChoice::At { time: kyso_report::Time(0) }, "validation-time-at")}
                    <label class="choice indent">
                        <input type="datetime-local" step="1" data-testid="validation-time-input"
                            prop:value=move || setting.with(|s| s.local.clone())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                change(&|s| { s.local = v.clone(); s.mode = Mode::At; });
                            } />
                        " "{move || l().pick("(giờ Việt Nam, UTC+7)", "(Vietnam time, UTC+7)")}
                    </label>
                </fieldset>
                {move || setting.with(Setting::incomplete).then(|| view! {
                    <p class="alert" role="status">{l().pick("Chưa chọn ngày giờ: đang dùng thời điểm mặc định.", "No date and time chosen: the default is used.")}</p>
                })}
                {move || (!saved.get()).then(|| view! {
                    <p class="alert" role="status">{l().pick("Trình duyệt không cho lưu; lựa chọn chỉ được dùng trong phiên này.", "The browser refused to store it; the choice is used for this session only.")}</p>
                })}
                <p class="hint">{move || l().pick(
                    "Mặc định: chữ ký có dấu thời gian hợp lệ được kiểm tra tại thời điểm ghi trong dấu thời gian; chữ ký không có dấu thời gian được kiểm tra tại thời điểm hiện tại. Thời điểm ký được khai báo: chữ ký không có dấu thời gian được kiểm tra tại thời điểm người ký tự khai. Thời điểm cụ thể: kiểm tra như thể đang ở thời điểm đó; dấu thời gian không muộn hơn vẫn là bằng chứng.",
                    "Default: a signature with a valid timestamp is validated at the timestamp's time; one without, at the current time. Claimed signing time: a signature without a timestamp is validated at the time its signer claims. A specific time: validate as if it were that time; a timestamp no later than it still counts as proof.")}</p>
                <p class="hint">{move || l().pick(
                    "Lựa chọn khác mặc định không chứng minh chữ ký tồn tại vào thời điểm đó; kết quả ghi rõ lựa chọn của bạn. Áp dụng cho các tệp kiểm tra sau khi thay đổi, chỉ trên trình duyệt này.",
                    "A choice other than the default proves nothing about when a signature existed; the result states your choice. It applies to files checked after the change, in this browser only.")}</p>
            </details>
        }
    }
}

mod trust_panel {
    use super::trust::{self, Anchor};
    use kyso_report::{Labels, Lang};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    #[component]
    pub fn TrustPanel(anchors: RwSignal<Vec<Anchor>>) -> impl IntoView {
        let lang = expect_context::<RwSignal<Lang>>();
        let l = move || Labels(lang.get());
        let note = RwSignal::new(None::<String>);
        let add = move |files: web_sys::FileList| {
            for i in 0..files.length() {
                let Some(file) = files.get(i) else { continue };
                leptos::task::spawn_local(async move {
                    let lg = Labels(lang.get_untracked());
                    if file.size() as usize > trust::MAX_ANCHOR_BYTES {
                        note.set(Some(format!(
                            "{}: {}",
                            file.name(),
                            lg.pick("tệp quá lớn", "file too large")
                        )));
                        return;
                    }
                    let Ok(buf) = JsFuture::from(file.array_buffer()).await else {
                        return;
                    };
                    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                    let mut full = false;
                    anchors.update(|a| {
                        if a.len() >= trust::MAX_ANCHORS {
                            full = true;
                        } else if !a.iter().any(|x| x.bytes() == bytes) {
                            a.push(Anchor::new(file.name(), &bytes));
                        }
                    });
                    let saved = trust::save(&anchors.get_untracked());
                    note.set(match (full, saved) {
                        (true, _) => Some(lg.pick("Đã đạt số chứng thư tối đa.", "Too many certificates.").to_owned()),
                        (false, false) => Some(lg.pick("Trình duyệt không cho lưu; chứng thư chỉ được dùng trong phiên này.", "The browser refused to store it; the certificate is used for this session only.").to_owned()),
                        _ => None,
                    });
                });
            }
        };
        view! {
            <details class="settings" data-testid="trust-settings">
                <summary>{move || l().pick("Cài đặt: chứng thư tin cậy bổ sung", "Settings: additional trusted certificates")}" ("{move || anchors.with(Vec::len)}")"</summary>
                <p class="hint">{move || l().pick(
                    "Thêm chứng thư gốc hoặc trung gian (.pem, .cer, .crt, .der, .p7b) mà bạn tin cậy. Chúng được lưu trong trình duyệt này và dùng cho các lần kiểm tra sau.",
                    "Add root or intermediate certificates (.pem, .cer, .crt, .der, .p7b) you trust. They are kept in this browser and used for later verifications.")}</p>
                <label class="button">
                    {move || l().pick("Thêm chứng thư…", "Add certificates…")}
                    <input type="file" multiple class="visually-hidden" data-testid="trust-input"
                        accept=".pem,.cer,.crt,.der,.p7b,.p7c,application/pkix-cert,application/x-x509-ca-cert,application/x-pkcs7-certificates"
                        on:change=move |ev| {
                            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                            if let Some(files) = input.files() { add(files); }
                            input.set_value("");
                        } />
                </label>
                {move || note.get().map(|n| view! { <p class="alert" role="status">{n}</p> })}
                <ul class="anchors">
                    {move || anchors.get().into_iter().enumerate().map(|(i, a)| view! {
                        <li data-testid="trust-anchor">
                            <span>{a.name.clone()}" · "{super::report::fmt_size(a.size() as u64, lang.get())}</span>
                            <button type="button" data-testid="trust-remove" on:click=move |_| {
                                anchors.update(|v| { if i < v.len() { v.remove(i); } });
                                trust::save(&anchors.get_untracked());
                            }>{l().pick("Gỡ bỏ", "Remove")}</button>
                        </li>
                    }).collect_view()}
                </ul>
                <p class="hint">{move || l().pick(
                    "Lưu ý: các chứng thư này chỉ có tác dụng trên trình duyệt này.",
                    "Note: these certificates only apply in this browser.")}</p>
            </details>
        }
    }
}
