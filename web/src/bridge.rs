//! The page's side of the Web Worker protocol (see `crates/kyso-wasm/src/bin/kyso-worker.rs`).
//!
//! One worker per page, whatever mounts it: the portal, or every
//! `<kyso-verifier>` element of a host page (the verifier wasm is loaded
//! once). The worker, the files being verified and the status signal of
//! each file live in thread-locals: browser handles (`Worker`, `File`) are
//! not `Send`, and the reactive views only need the `Copy` signals.

use crate::Status;
use js_sys::{Array, Object, Reflect, Uint8Array};
use kyso_report::Report;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{File, MessageEvent, Worker};

/// Told a result as the worker sent it: `Ok(report)` (the report as a plain
/// JavaScript object, the JSON form) or `Err(message)`. The widget uses it to
/// hand the report to the host page; the portal needs none.
pub type Notify = Rc<dyn Fn(u32, Result<&JsValue, &str>)>;

/// The `ready` and `failed` signals of one front end mounted on the page.
type Watcher = (RwSignal<bool>, RwSignal<Option<String>>);

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    static READY: Cell<bool> = const { Cell::new(false) };
    /// Why the worker could not start, once known.
    static FAILED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The `ready` / `failed` signals of every front end mounted on the page.
    static WATCHERS: RefCell<Vec<Watcher>> = const { RefCell::new(Vec::new()) };
    /// Requests made before the worker finished loading its wasm.
    static QUEUE: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
    static FILES: RefCell<HashMap<u32, File>> = RefCell::new(HashMap::new());
    static STATUS: RefCell<HashMap<u32, RwSignal<Status>>> = RefCell::new(HashMap::new());
    /// Bytes through the digests so far and in all, per file being verified.
    static PROGRESS: RefCell<HashMap<u32, RwSignal<(f64, f64)>>> = RefCell::new(HashMap::new());
    static NOTIFY: RefCell<HashMap<u32, Notify>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// The worker's URL, to start it again after a cancellation.
    static URL: RefCell<String> = const { RefCell::new(String::new()) };
    /// Requests posted (or queued) and not yet answered, by id, to post
    /// again to a new worker when a cancellation ended the old one.
    static PENDING: RefCell<Vec<(u32, JsValue)>> = const { RefCell::new(Vec::new()) };
    /// Cancelled while queued behind another file: its result, when the
    /// worker gets to it, is dropped.
    static DROPPED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    /// The file's SHA-256, for a result whose verdict came before it
    /// (`fingerprint_pending`): `None` until the worker sends it.
    static FINGERPRINTS: RefCell<HashMap<u32, RwSignal<Option<String>>>> = RefCell::new(HashMap::new());
    /// Whoever asked to be told of such a result, told once it is complete.
    static DEFERRED: RefCell<HashMap<u32, (Notify, JsValue)>> = RefCell::new(HashMap::new());
}

/// The SHA-256 fingerprint of file `id` as it arrives, when its verdict came
/// before it (its report's `file.sha256` is then `""`); `None` otherwise.
pub fn fingerprint(id: u32) -> Option<RwSignal<Option<String>>> {
    FINGERPRINTS.with(|f| f.borrow().get(&id).copied())
}

/// The worker sent the fingerprint of file `id`: shown, put into the report
/// kept for downloads, and the result handed to whoever waits for it.
fn fingerprint_arrived(id: u32, hex: String) {
    if let Some(sig) = fingerprint(id) {
        sig.set(Some(hex.clone()));
    }
    STATUS.with(|s| {
        if let Some(sig) = s.borrow().get(&id) {
            // The views show the signal above; no need to draw the card again.
            sig.update_untracked(|st| {
                if let Status::Done(r) = st {
                    let mut full = Report::clone(r);
                    full.file.sha256 = hex.clone();
                    *r = Arc::new(full);
                }
            });
        }
    });
    if let Some((notify, raw)) = DEFERRED.with(|d| d.borrow_mut().remove(&id)) {
        if let Ok(file) = Reflect::get(&raw, &"file".into()) {
            let _ = Reflect::set(&file, &"sha256".into(), &hex.into());
        }
        notify(id, Ok(&raw));
    }
}

/// Ask a new worker for the fingerprints the ended one still owed (a
/// cancellation ended it while they were being computed).
fn fingerprints_owed() -> Vec<JsValue> {
    let owed: Vec<u32> = FINGERPRINTS.with(|f| {
        f.borrow()
            .iter()
            .filter(|(_, sig)| sig.get_untracked().is_none())
            .map(|(id, _)| *id)
            .collect()
    });
    owed.into_iter()
        .filter_map(|id| {
            let file = FILES.with(|f| f.borrow().get(&id).cloned())?;
            let msg = Object::new();
            let _ = Reflect::set(&msg, &"id".into(), &id.into());
            let _ = Reflect::set(&msg, &"fingerprint_only".into(), &true.into());
            let _ = Reflect::set(&msg, &"file".into(), &file);
            Some(msg.into())
        })
        .collect()
}

/// Start the page's worker from `worker_url` (the loader Trunk writes next to
/// the worker's wasm, `kyso-worker_loader.js`) unless it is already running,
/// and keep `ready` / `failed` told: `ready` once its wasm is loaded, `failed`
/// if it cannot start.
pub fn start(worker_url: &str, ready: RwSignal<bool>, failed: RwSignal<Option<String>>) {
    WATCHERS.with(|w| w.borrow_mut().push((ready, failed)));
    if READY.with(Cell::get) {
        ready.set(true);
    }
    if let Some(e) = FAILED.with(|f| f.borrow().clone()) {
        failed.set(Some(e));
    }
    if WORKER.with(|w| w.borrow().is_some()) || FAILED.with(|f| f.borrow().is_some()) {
        return;
    }
    URL.with(|u| *u.borrow_mut() = worker_url.to_owned());
    spawn(worker_url);
}

/// Create the worker and wire its messages.
fn spawn(worker_url: &str) {
    let worker = match Worker::new(worker_url) {
        Ok(w) => w,
        Err(e) => {
            fail(format!("{e:?}"));
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
            for (ready, _) in WATCHERS.with(|w| w.borrow().clone()) {
                ready.set(true);
            }
            return;
        }
        let Some(id) = Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
        else {
            return;
        };
        let id = id as u32;
        if let Ok(p) = Reflect::get(&data, &"progress".into()) {
            if p.is_object() {
                let num = |k: &str| Reflect::get(&p, &k.into()).ok().and_then(|v| v.as_f64());
                if let (Some(done), Some(total)) = (num("done"), num("total")) {
                    PROGRESS.with(|m| {
                        if let Some(sig) = m.borrow().get(&id) {
                            sig.set((done, total));
                        }
                    });
                }
                return;
            }
        }
        if let Some(hex) = Reflect::get(&data, &"fingerprint".into())
            .ok()
            .and_then(|v| v.as_string())
        {
            fingerprint_arrived(id, hex);
            return;
        }
        PROGRESS.with(|m| m.borrow_mut().remove(&id));
        PENDING.with(|p| p.borrow_mut().retain(|(x, _)| *x != id));
        let dropped = DROPPED.with(|d| {
            let mut d = d.borrow_mut();
            let was = d.contains(&id);
            d.retain(|x| *x != id);
            was
        });
        if dropped {
            return;
        }
        let raw = Reflect::get(&data, &"report".into()).unwrap_or(JsValue::UNDEFINED);
        let status = if let Some(err) = Reflect::get(&data, &"error".into())
            .ok()
            .and_then(|v| v.as_string())
        {
            Status::Failed(err)
        } else {
            match serde_wasm_bindgen::from_value::<Report>(raw.clone()) {
                Ok(report) => Status::Done(Arc::new(report)),
                Err(e) => Status::Failed(format!("report: {e}")),
            }
        };
        let later = Reflect::get(&data, &"fingerprint_pending".into())
            .ok()
            .and_then(|v| v.as_bool())
            == Some(true)
            && matches!(status, Status::Done(_));
        if later {
            // The verdict now; the file's SHA-256 in a moment.
            FINGERPRINTS.with(|f| f.borrow_mut().insert(id, RwSignal::new(None)));
        }
        if let Some(notify) = NOTIFY.with(|n| n.borrow_mut().remove(&id)) {
            match &status {
                Status::Failed(e) => notify(id, Err(e)),
                // Told once the report is complete.
                _ if later => {
                    DEFERRED.with(|d| d.borrow_mut().insert(id, (notify, raw.clone())));
                }
                _ => notify(id, Ok(&raw)),
            }
        }
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
        fail(msg);
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    WORKER.with(|w| *w.borrow_mut() = Some(worker));
}

fn fail(msg: String) {
    FAILED.with(|f| *f.borrow_mut() = Some(msg.clone()));
    for (_, failed) in WATCHERS.with(|w| w.borrow().clone()) {
        failed.set(Some(msg.clone()));
    }
}

/// Hand one file to the worker. Returns the id under which its status is
/// tracked and the validation time it was given (now).
/// `at` is the user's validation-time choice (`"claimed"` or an RFC 3339
/// time; `None` for the default), passed as `options.at`.
pub fn submit(
    file: File,
    signed: Option<File>,
    status: RwSignal<Status>,
    progress: RwSignal<(f64, f64)>,
    extra_trust: &[Vec<u8>],
    at: Option<&str>,
    notify: Option<Notify>,
) -> (u32, kyso_report::Time) {
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
    // The validation "now" (the core reads no clock on wasm); the result's
    // printable record states it as the time of verification.
    let now = js_sys::Date::now() / 1000.0;
    let _ = Reflect::set(&options, &"now".into(), &now.into());
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
    PROGRESS.with(|m| m.borrow_mut().insert(id, progress));
    if let Some(notify) = notify {
        NOTIFY.with(|n| n.borrow_mut().insert(id, notify));
    }
    let msg: JsValue = msg.into();
    PENDING.with(|p| p.borrow_mut().push((id, msg.clone())));
    if READY.with(Cell::get) {
        WORKER.with(|w| {
            if let Some(w) = &*w.borrow() {
                if let Err(e) = w.post_message(&msg) {
                    let e = format!("{e:?}");
                    if let Some(notify) = NOTIFY.with(|n| n.borrow_mut().remove(&id)) {
                        notify(id, Err(&e));
                    }
                    status.set(Status::Failed(e));
                }
            }
        });
    } else {
        QUEUE.with(|q| q.borrow_mut().push(msg));
    }
    (id, kyso_report::Time(now.floor() as i64))
}

/// Stop verifying file `id` (the user pressed "Hủy / Cancel" on its card).
///
/// A verification cannot be interrupted from outside while it runs: when
/// `id` is the file being verified, the worker is ended (`Worker.terminate`)
/// and a new one started from the same URL, and every other file still
/// waiting is posted to it again; a file still queued is only dropped. The cancelled
/// file's result becomes [`Status::Cancelled`], and whoever asked to be
/// notified is told so. Returns false when `id` was not waiting (its result
/// had already come).
pub fn cancel(id: u32) -> bool {
    // The worker verifies in the order it was sent files: the first waiting
    // one is being verified now (or will be first once the worker is ready).
    let (waiting, running) = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let running = p.first().is_some_and(|(x, _)| *x == id);
        let before = p.len();
        p.retain(|(x, _)| *x != id);
        (before != p.len(), running)
    });
    if !waiting {
        return false;
    }
    if let Some(notify) = NOTIFY.with(|n| n.borrow_mut().remove(&id)) {
        notify(id, Err("cancelled"));
    }
    STATUS.with(|s| {
        if let Some(sig) = s.borrow().get(&id) {
            sig.set(Status::Cancelled);
        }
    });
    let waiting_msgs = || -> Vec<JsValue> {
        PENDING.with(|p| p.borrow().iter().map(|(_, m)| m.clone()).collect())
    };
    if !READY.with(Cell::get) {
        // Not sent yet: taken out of the queue, nothing else to stop.
        QUEUE.with(|q| *q.borrow_mut() = waiting_msgs());
        return true;
    }
    if !running {
        // Queued in the worker behind another file: its result is dropped.
        DROPPED.with(|d| d.borrow_mut().push(id));
        return true;
    }
    if let Some(old) = WORKER.with(|w| w.borrow_mut().take()) {
        old.set_onmessage(None);
        old.set_onerror(None);
        old.terminate();
    }
    READY.with(|r| r.set(false));
    for (ready, _) in WATCHERS.with(|w| w.borrow().clone()) {
        ready.set(false);
    }
    // Every file still waiting goes to the new worker once it is ready; the
    // results the old one owed for files dropped meanwhile never come.
    let mut queue = fingerprints_owed();
    queue.extend(waiting_msgs());
    QUEUE.with(|q| *q.borrow_mut() = queue);
    DROPPED.with(|d| d.borrow_mut().clear());
    let url = URL.with(|u| u.borrow().clone());
    spawn(&url);
    true
}

/// The file the user gave for result `id`, while the result is shown.
pub fn file(id: u32) -> Option<File> {
    FILES.with(|f| f.borrow().get(&id).cloned())
}

/// Forget a file (the user removed its result). A result still on its way is
/// dropped; whoever asked to be notified of it is not.
pub fn forget(id: u32) {
    // Removing a card whose file is still being verified cancels it.
    cancel(id);
    FILES.with(|f| f.borrow_mut().remove(&id));
    STATUS.with(|s| s.borrow_mut().remove(&id));
    PROGRESS.with(|m| m.borrow_mut().remove(&id));
    FINGERPRINTS.with(|f| f.borrow_mut().remove(&id));
    DEFERRED.with(|d| d.borrow_mut().remove(&id));
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
    download_blob(&blob, download_name)
}

/// Offer `blob` as a download named `download_name`. A `blob:` URL: nothing
/// leaves the browser.
pub fn download_blob(blob: &web_sys::Blob, download_name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
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
