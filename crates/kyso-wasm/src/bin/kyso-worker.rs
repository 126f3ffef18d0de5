//! The portal's Web Worker: receives a file from the page, runs the core on
//! it off the main thread, and posts the report back.
//!
//! Protocol (structured-clone messages):
//! - worker → page, once initialised and warmed up: `{ ready: true, version, warm_up_ms }`;
//! - page → worker: `{ id, name, file: Blob, options: { extra_trust: [Uint8Array], now, at },
//!   signed_name?, signed_file?: Blob }` (the file a detached `.p7s` signs, when
//!   the user gave both);
//!   (`at`: `"claimed"`, an RFC 3339 time, or absent for the default; passed
//!   through to `kyso_wasm::verify`, which reads it);
//! - worker → page, while verifying a file read in parts: `{ id, progress: { done, total } }`
//!   (bytes through the digests so far, at most every 100 ms);
//! - worker → page: `{ id, report }` or `{ id, error }`; or, when the verdict
//!   did not wait for the file's fingerprint, `{ id, report, fingerprint_pending: true }`
//!   (the report's `file.sha256` is `""`) and then `{ id, fingerprint }`
//!   (the hex SHA-256 to put there);
//! - page → worker: `{ id, fingerprint_only: true, file }` when a worker ended
//!   by a cancellation still owed that fingerprint; worker → page: `{ id, fingerprint }`.
//!
//! The page sends the `File` itself (a `Blob` handle, no copy); the bytes are
//! read here, so a large file never blocks the page. A PDF of up to 128 MiB
//! is read whole and its digests computed by WebCrypto
//! (`kyso_wasm::verify_blob_webcrypto`); a larger one, or any file where
//! WebCrypto is missing, is read in parts (`kyso_wasm::BlobSource`:
//! `FileReaderSync` over `Blob.slice`) and never sits whole in memory.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kyso-worker runs only as a Web Worker (wasm32); use the `kyso` CLI natively");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

    /// Files above the one limit (`kyso_core::MAX_INPUT_LEN`) are refused
    /// from `File.size`, before a byte is read, with the core's report.
    const MAX_FILE_BYTES: f64 = kyso_core::MAX_INPUT_LEN as f64;

    pub fn run() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let scope = reply_scope.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let data = ev.data();
                let id = Reflect::get(&data, &"id".into()).unwrap_or(JsValue::NULL);
                let out = Object::new();
                let _ = Reflect::set(&out, &"id".into(), &id);
                if Reflect::get(&data, &"fingerprint_only".into())
                    .ok()
                    .and_then(|v| v.as_bool())
                    == Some(true)
                {
                    // A fingerprint owed by a worker that was ended.
                    let file = Reflect::get(&data, &"file".into())
                        .ok()
                        .and_then(|f| f.dyn_into::<Blob>().ok());
                    let hex = match file.map(|f| kyso_wasm::Fingerprint::of_blob(&f)) {
                        Some(Ok(f)) => f.finish().await,
                        _ => String::new(),
                    };
                    let _ = Reflect::set(&out, &"fingerprint".into(), &hex.into());
                    let _ = scope.post_message(&out);
                    return;
                }
                let mut fingerprint = None;
                match handle(&data).await {
                    Ok(v) => {
                        let _ = Reflect::set(&out, &"report".into(), &v.report);
                        if v.fingerprint.is_some() {
                            let _ = Reflect::set(&out, &"fingerprint_pending".into(), &true.into());
                        }
                        fingerprint = v.fingerprint;
                    }
                    Err(e) => {
                        let msg = e.as_string().unwrap_or_else(|| format!("{e:?}"));
                        let _ = Reflect::set(&out, &"error".into(), &msg.into());
                    }
                }
                let _ = scope.post_message(&out);
                // The verdict is out; the fingerprint follows.
                if let Some(f) = fingerprint {
                    let hex = f.finish().await;
                    let out = Object::new();
                    let _ = Reflect::set(&out, &"id".into(), &id);
                    let _ = Reflect::set(&out, &"fingerprint".into(), &hex.into());
                    let _ = scope.post_message(&out);
                }
            });
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();

        // Files sent meanwhile wait in the queue: the warm-up is what their
        // first verification would have paid anyway (kyso_wasm::warm_up).
        wasm_bindgen_futures::spawn_local(async move {
            let t0 = js_sys::Date::now();
            kyso_wasm::warm_up().await;
            let ready = Object::new();
            let _ = Reflect::set(&ready, &"ready".into(), &true.into());
            let _ = Reflect::set(
                &ready,
                &"warm_up_ms".into(),
                &(js_sys::Date::now() - t0).into(),
            );
            let _ = Reflect::set(&ready, &"version".into(), &env!("CARGO_PKG_VERSION").into());
            let _ = scope.post_message(&ready);
        });
    }

    /// A report; its fingerprint still to come when the verdict did not
    /// wait for it.
    fn done(report: Result<JsValue, JsValue>) -> Result<kyso_wasm::Verified, JsValue> {
        Ok(kyso_wasm::Verified {
            report: report?,
            fingerprint: None,
        })
    }

    async fn handle(data: &JsValue) -> Result<kyso_wasm::Verified, JsValue> {
        let name = Reflect::get(data, &"name".into())?.as_string();
        let file: Blob = Reflect::get(data, &"file".into())?
            .dyn_into()
            .map_err(|_| JsValue::from_str("kyso-worker: message without a file"))?;
        if file.size() > MAX_FILE_BYTES {
            let report = kyso_core::refused_too_large(name.as_deref(), file.size() as u64);
            return done(kyso_wasm::report_to_js(&report));
        }
        let options = Reflect::get(data, &"options".into())?;
        let options = if options.is_object() {
            options
        } else {
            Object::new().into()
        };
        // Validation "now": the core does not read clocks on wasm (kyso_core::Options::now).
        if Reflect::get(&options, &"now".into())?.is_undefined() {
            Reflect::set(
                &options,
                &"now".into(),
                &(js_sys::Date::now() / 1000.0).into(),
            )?;
        }
        let signed_name = Reflect::get(data, &"signed_name".into())?.as_string();
        let signed_file = Reflect::get(data, &"signed_file".into())?
            .dyn_into::<Blob>()
            .ok();
        match (signed_name, signed_file) {
            (Some(signed_name), Some(signed)) if signed.size() > MAX_FILE_BYTES => {
                // The file a detached signature signs is as large as any input.
                let report = kyso_core::refused_too_large(Some(&signed_name), signed.size() as u64);
                done(kyso_wasm::report_to_js(&report))
            }
            (Some(signed_name), Some(signed)) => {
                // A detached signature and the file it signs: both read whole
                // (the signed file is hashed as one message).
                let buf = JsFuture::from(file.array_buffer()).await?;
                let bytes = Uint8Array::new(&buf).to_vec();
                let buf = JsFuture::from(signed.array_buffer()).await?;
                let signed_bytes = Uint8Array::new(&buf).to_vec();
                done(kyso_wasm::verify_detached(
                    name,
                    &bytes,
                    signed_name,
                    &signed_bytes,
                    options,
                ))
            }
            _ => {
                // The page is told how far the digests are, at most every
                // 100 ms.
                let id = Reflect::get(data, &"id".into())?;
                let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
                let last = std::cell::Cell::new(0.0f64);
                let progress = move |done: u64, total: u64| {
                    let now = js_sys::Date::now();
                    if now - last.get() < 100.0 && done < total {
                        return;
                    }
                    last.set(now);
                    let p = Object::new();
                    let _ = Reflect::set(&p, &"done".into(), &(done as f64).into());
                    let _ = Reflect::set(&p, &"total".into(), &(total as f64).into());
                    let msg = Object::new();
                    let _ = Reflect::set(&msg, &"id".into(), &id);
                    let _ = Reflect::set(&msg, &"progress".into(), &p);
                    let _ = scope.post_message(&msg);
                };
                // Up to 128 MiB, WebCrypto hashes (several times faster
                // than wasm); beyond, or without it, the core's own pass
                // over the file read in parts.
                if let Some(v) =
                    kyso_wasm::verify_blob_webcrypto(name.clone(), &file, &options, Some(&progress))
                        .await?
                {
                    return Ok(v);
                }
                done(kyso_wasm::verify_blob(name, file, options, Some(&progress)))
            }
        }
    }
}
