//! `<kyso-verifier>`: the portal's drop zone and result cards, mounted by
//! `web/widget/kyso-verifier.js` into the shadow root of a custom element on
//! a host page (an agency portal). Same components, same worker protocol,
//! same verifier wasm: the element is a second root over the portal's parts,
//! not a copy of them.
//!
//! What differs from the portal: no header, footer or settings panels; the
//! language, `compact` layout, `accept` list, validation time (`at`) and extra
//! trust anchors come from the element (attributes and properties) instead of
//! the user's stored settings; the page's `<html lang>`, title, storage and
//! CSP are the host's and are left alone; and every result is also handed to
//! the host as a `kyso-report` (or `kyso-error`) event on the element, with
//! the report in its JSON form.

use crate::{bridge, DropZone, Entry, FileResult};
use kyso_report::Lang;
use leptos::prelude::*;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{File, HtmlElement};

/// What the element controls in one mounted widget.
struct Control {
    lang: RwSignal<Lang>,
    compact: RwSignal<bool>,
    accept: RwSignal<String>,
    at: RwSignal<Option<String>>,
    experts: RwSignal<bool>,
    trust: StoredValue<Vec<Vec<u8>>>,
    entries: RwSignal<Vec<Entry>>,
    host: HtmlElement,
    /// Dropping it unmounts the view and frees its reactive owner.
    _mounted: Box<dyn Any>,
}

thread_local! {
    static WIDGETS: RefCell<HashMap<u32, Control>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

/// What the element passes when it mounts.
pub struct Config {
    /// URL of `kyso-worker_loader.js`, resolved by the element from its own
    /// script's URL (never from the host page's).
    pub worker_url: String,
    pub lang: Lang,
    pub compact: bool,
    pub accept: String,
    pub at: Option<String>,
    pub experts: bool,
}

/// Mount a widget into `container` (inside the element's shadow root);
/// events are dispatched on `host` (the element). Returns the handle the
/// element passes back to [`set`], [`verify`], [`reset`] and [`unmount`].
pub fn mount(container: HtmlElement, host: HtmlElement, config: Config) -> u32 {
    let handle = NEXT.with(|n| {
        let h = n.get();
        n.set(h + 1);
        h
    });
    let lang = RwSignal::new(config.lang);
    let compact = RwSignal::new(config.compact);
    let accept = RwSignal::new(config.accept);
    let at = RwSignal::new(config.at);
    let experts = RwSignal::new(config.experts);
    let entries = RwSignal::new(Vec::<Entry>::new());
    let trust = StoredValue::new(Vec::<Vec<u8>>::new());
    // The signals above belong to no owner that could be disposed before
    // the widget is: they live until `unmount`.
    let worker_url = config.worker_url;
    let view_host = host.clone();
    let mounted = leptos::mount::mount_to(container, move || {
        view! {
            <Widget worker_url=worker_url lang=lang compact=compact accept=accept
                experts=experts entries=entries host=view_host handle=handle />
        }
    });
    WIDGETS.with(|w| {
        w.borrow_mut().insert(
            handle,
            Control {
                lang,
                compact,
                accept,
                at,
                experts,
                trust,
                entries,
                host,
                _mounted: Box::new(mounted),
            },
        )
    });
    handle
}

/// Change what an attribute or property controls: `lang` (`vi`|`en`),
/// `compact` (present or not), `accept`, `at` (`claimed`, an RFC 3339 time,
/// or empty for the default), `experts` (present or not: finding codes, DNs,
/// serials and algorithms shown).
pub fn set(handle: u32, name: &str, value: Option<String>) {
    WIDGETS.with(|w| {
        let w = w.borrow();
        let Some(c) = w.get(&handle) else { return };
        match name {
            "lang" => c
                .lang
                .set(value.as_deref().and_then(Lang::parse).unwrap_or_default()),
            "compact" => c.compact.set(value.is_some_and(|v| v != "false")),
            "accept" => c.accept.set(value.unwrap_or_default()),
            "at" => c.at.set(value.filter(|v| !v.trim().is_empty())),
            "experts" => c.experts.set(value.is_some_and(|v| v != "false")),
            _ => {}
        }
    });
}

/// Extra trust anchors (DER or PEM certificates, PKCS#7 bundles) for the
/// files verified from now on.
pub fn set_trust(handle: u32, anchors: Vec<Vec<u8>>) {
    WIDGETS.with(|w| {
        if let Some(c) = w.borrow().get(&handle) {
            c.trust.set_value(anchors);
        }
    });
}

/// Verify `file` as if the user had dropped it; returns the result's id,
/// which the `kyso-report` / `kyso-error` event for it carries.
pub fn verify(handle: u32, file: File) -> Option<u32> {
    let (entries, host, trust, at) = WIDGETS.with(|w| {
        w.borrow().get(&handle).map(|c| {
            (
                c.entries,
                c.host.clone(),
                c.trust.get_value(),
                c.at.get_untracked(),
            )
        })
    })?;
    Some(submit(entries, &host, file, None, &trust, at.as_deref()))
}

/// Remove every result shown.
pub fn reset(handle: u32) {
    WIDGETS.with(|w| {
        if let Some(c) = w.borrow().get(&handle) {
            for e in c.entries.get_untracked() {
                bridge::forget(e.id);
            }
            c.entries.set(Vec::new());
        }
    });
}

/// Unmount the widget (the element left the page).
pub fn unmount(handle: u32) {
    let removed = WIDGETS.with(|w| w.borrow_mut().remove(&handle));
    if let Some(c) = removed {
        for e in c.entries.get_untracked() {
            bridge::forget(e.id);
        }
        drop(c);
    }
}

/// Hand a file to the worker as one result shown first, and tell the host
/// when its report comes back.
fn submit(
    entries: RwSignal<Vec<Entry>>,
    host: &HtmlElement,
    file: File,
    signed: Option<File>,
    trust: &[Vec<u8>],
    at: Option<&str>,
) -> u32 {
    let host = host.clone();
    let event_name = match &signed {
        Some(s) => format!("{} + {}", file.name(), s.name()),
        None => file.name(),
    };
    let notify: bridge::Notify = Rc::new(move |id, result| {
        dispatch(&host, id, &event_name, result);
    });
    crate::add_entry(entries, file, signed, trust, at, Some(notify))
}

/// `kyso-report` with `{ id, name, report }`, or `kyso-error` with
/// `{ id, name, error }`; both bubble and cross the shadow boundary.
fn dispatch(host: &HtmlElement, id: u32, name: &str, result: Result<&JsValue, &str>) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&detail, &"name".into(), &name.into());
    let kind = match result {
        Ok(report) => {
            let _ = js_sys::Reflect::set(&detail, &"report".into(), report);
            "kyso-report"
        }
        Err(e) => {
            let _ = js_sys::Reflect::set(&detail, &"error".into(), &e.into());
            "kyso-error"
        }
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(kind, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

#[component]
fn Widget(
    worker_url: String,
    lang: RwSignal<Lang>,
    compact: RwSignal<bool>,
    accept: RwSignal<String>,
    experts: RwSignal<bool>,
    entries: RwSignal<Vec<Entry>>,
    host: HtmlElement,
    handle: u32,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    provide_context(lang);
    bridge::start(&worker_url, ready, failed);
    let host = StoredValue::new_local(host);

    let add_files = move |files: web_sys::FileList| {
        let (trust, at) = WIDGETS.with(|w| {
            w.borrow()
                .get(&handle)
                .map(|c| (c.trust.get_value(), c.at.get_untracked()))
                .unwrap_or_default()
        });
        for (file, signed) in crate::pair_detached(&files) {
            host.with_value(|h| submit(entries, h, file, signed, &trust, at.as_deref()));
        }
    };
    let app = StoredValue::new(Owner::current().expect("the widget has an owner"));
    let pair = move |id: u32, signed: File| {
        let Some(signature) = bridge::file(id) else {
            return;
        };
        let (trust, at) = WIDGETS.with(|w| {
            w.borrow()
                .get(&handle)
                .map(|c| (c.trust.get_value(), c.at.get_untracked()))
                .unwrap_or_default()
        });
        app.with_value(|owner| {
            owner.with(|| {
                host.with_value(|h| {
                    submit(entries, h, signature, Some(signed), &trust, at.as_deref())
                })
            })
        });
        bridge::forget(id);
        entries.update(|e| e.retain(|x| x.id != id));
    };
    let l = move || kyso_report::Labels(lang.get());
    view! {
        <div class="kyso-widget" class:compact=move || compact.get() class:experts=move || experts.get() part="root"
            lang=move || if lang.get() == Lang::En { "en" } else { "vi" }>
            <DropZone on_files=add_files ready=ready accept=Signal::derive(move || accept.get()) />
            {move || failed.get().map(|e| view! {
                <p class="alert" role="alert" data-testid="worker-error" part="error">
                    {l().pick("Không khởi động được bộ kiểm tra: ", "The verifier could not start: ")}{e}
                </p>
            })}
            <section class="results" aria-live="polite" part="results">
                <For each=move || entries.get() key=|e| e.id let:entry>
                    <FileResult entry=entry compact=compact on_remove=move |id| {
                        bridge::forget(id);
                        entries.update(|e| e.retain(|x| x.id != id));
                    } on_pair=pair />
                </For>
            </section>
            <p class="privacy" part="privacy">{move || l().pick(
                "Kiểm tra bằng Kyso ngay trên máy của bạn: tệp không được gửi đi đâu.",
                "Checked by Kyso on your device: the file is sent nowhere.")}</p>
        </div>
    }
}
