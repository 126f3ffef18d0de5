//! The page's side of the Web Worker protocol (see `crates/kyso-wasm/src/bin/kyso-worker.rs`).
//!
//! The worker, the files being verified and the status signal of each file
//! live in thread-locals: browser handles (`Worker`, `File`) are not `Send`,
//! and the reactive views only need the `Copy` signals.

use crate::Status;
use js_sys::{Array, Object, Reflect, Uint8Array};
use kyso_report::Report;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{File, MessageEvent, Worker};

/// Written by Trunk next to `index.html` (`data-type="worker"`, `data-loader-shim`).
const WORKER_URL: &str = "./kyso-worker_loader.js";

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    static READY: Cell<bool> = const { Cell::new(false) };
    /// Requests made before the worker finished loading its wasm.
    static QUEUE: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
    static FILES: RefCell<HashMap<u32, File>> = RefCell::new(HashMap::new());
    static STATUS: RefCell<HashMap<u32, RwSignal<Status>>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Start the worker. `on_ready` runs once its wasm is loaded; `on_fail` if it cannot start.
pub fn start(ready: RwSignal<bool>, failed: RwSignal<Option<String>>) {
    let worker = match Worker::new(WORKER_URL) {
        Ok(w) => w,
        Err(e) => {
            failed.set(Some(format!("{e:?}")));
            return;
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        if Reflect::get(&data, &"ready".into())
            .ok()
            .and_then(|v| v.as_bool())
            == Some(true)
        {
            READY.with(|r| r.set(true));
            let queued = QUEUE.with(|q| std::mem::take(&mut *q.borrow_mut()));
            WORKER.with(|w| {
                if let Some(w) = &*w.borrow() {
                    for msg in queued {
                        let _ = w.post_message(&msg);
                    }
                }
            });
            ready.set(true);
            return;
        }
        let Some(id) = Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
        else {
            return;
        };
        let id = id as u32;
        let status = if let Some(err) = Reflect::get(&data, &"error".into())
            .ok()
            .and_then(|v| v.as_string())
        {
            Status::Failed(err)
        } else {
            match Reflect::get(&data, &"report".into())
                .map(serde_wasm_bindgen::from_value::<Report>)
            {
                Ok(Ok(report)) => Status::Done(Arc::new(report)),
                Ok(Err(e)) => Status::Failed(format!("report: {e}")),
                Err(e) => Status::Failed(format!("{e:?}")),
            }
        };
        STATUS.with(|s| {
            if let Some(sig) = s.borrow().get(&id) {
                sig.set(status);
            }
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let msg = ev
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .unwrap_or_else(|| "worker error".to_owned());
        failed.set(Some(msg));
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    WORKER.with(|w| *w.borrow_mut() = Some(worker));
}

/// Hand one file to the worker. Returns the id under which its status is tracked.
/// `at` is the user's validation-time choice (`"claimed"` or an RFC 3339
/// time; `None` for the default), passed as `options.at`.
pub fn submit(
    file: File,
    signed: Option<File>,
    status: RwSignal<Status>,
    extra_trust: &[Vec<u8>],
    at: Option<&str>,
) -> u32 {
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let msg = Object::new();
    let trust = Array::new();
    for der in extra_trust {
        trust.push(&Uint8Array::from(der.as_slice()));
    }
    let options = Object::new();
    let _ = Reflect::set(&options, &"extra_trust".into(), &trust);
    let _ = Reflect::set(
        &options,
        &"now".into(),
        &(js_sys::Date::now() / 1000.0).into(),
    );
    if let Some(at) = at {
        let _ = Reflect::set(&options, &"at".into(), &at.into());
    }
    let _ = Reflect::set(&msg, &"id".into(), &id.into());
    let _ = Reflect::set(&msg, &"name".into(), &file.name().into());
    let _ = Reflect::set(&msg, &"file".into(), &file);
    let _ = Reflect::set(&msg, &"options".into(), &options);
    // A detached signature's signed file travels with it (a handle, no copy).
    if let Some(signed) = &signed {
        let _ = Reflect::set(&msg, &"signed_name".into(), &signed.name().into());
        let _ = Reflect::set(&msg, &"signed_file".into(), signed);
    }
    FILES.with(|f| f.borrow_mut().insert(id, file));
    STATUS.with(|s| s.borrow_mut().insert(id, status));
    let msg: JsValue = msg.into();
    if READY.with(Cell::get) {
        WORKER.with(|w| {
            if let Some(w) = &*w.borrow() {
                if let Err(e) = w.post_message(&msg) {
                    status.set(Status::Failed(format!("{e:?}")));
                }
            }
        });
    } else {
        QUEUE.with(|q| q.borrow_mut().push(msg));
    }
    id
}

/// Forget a file (the user removed its result).
/// The file the user gave for result `id`, while the result is shown.
pub fn file(id: u32) -> Option<File> {
    FILES.with(|f| f.borrow().get(&id).cloned())
}

pub fn forget(id: u32) {
    FILES.with(|f| f.borrow_mut().remove(&id));
    STATUS.with(|s| s.borrow_mut().remove(&id));
}

/// Offer the first `len` bytes of file `id` — the version a signature covers —
/// as a download. A `blob:` URL: nothing leaves the browser.
pub fn download_prefix(id: u32, len: u64, download_name: &str) -> Result<(), JsValue> {
    download_slice(id, 0, len, download_name)
}

/// Offer bytes `start..end` of file `id` — a document inside it, such as a
/// `.p7m`'s content — as a download. A `blob:` URL: nothing leaves the browser.
pub fn download_slice(id: u32, start: u64, end: u64, download_name: &str) -> Result<(), JsValue> {
    let blob = FILES.with(|f| -> Result<Option<web_sys::Blob>, JsValue> {
        match f.borrow().get(&id) {
            Some(file) => Ok(Some(file.slice_with_f64_and_f64(start as f64, end as f64)?)),
            None => Ok(None),
        }
    })?;
    let Some(blob) = blob else { return Ok(()) };
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(download_name);
    a.click();
    // Revoking at once can cancel the download in some browsers.
    set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(60),
    );
    Ok(())
}
