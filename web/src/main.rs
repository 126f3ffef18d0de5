//! The page's wasm: exports what `web/boot.js` (the portal) and
//! `web/widget/kyso-verifier.js` (the `<kyso-verifier>` element) call once the
//! module is loaded. `main` does nothing, so that loading the module on a host
//! page never mounts the portal there.
#![forbid(unsafe_code)]

use kyso_report::Lang;
use wasm_bindgen::prelude::*;

fn main() {}

/// Mount the portal on `<body>`, with its worker at `worker_url`.
#[wasm_bindgen]
pub fn mount_portal(worker_url: String) {
    kyso_web::mount_portal(worker_url);
}

/// Mount a widget into `container` (in the element's shadow root), with
/// events dispatched on `host`; returns its handle. The element then passes
/// its attributes through [`widget_set`] before the browser paints.
#[wasm_bindgen]
pub fn widget_mount(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    worker_url: String,
) -> u32 {
    let config = kyso_web::widget::Config {
        worker_url,
        lang: Lang::default(),
        compact: false,
        accept: String::new(),
        at: None,
        experts: false,
    };
    kyso_web::mount_widget(container, host, config)
}

/// An attribute changed: `lang`, `compact`, `accept`, `at` or `experts` (`None`: removed).
#[wasm_bindgen]
pub fn widget_set(handle: u32, name: &str, value: Option<String>) {
    kyso_web::widget::set(handle, name, value);
}

/// Extra trust anchors for the widget's next verifications.
#[wasm_bindgen]
pub fn widget_set_trust(handle: u32, anchors: Vec<js_sys::Uint8Array>) {
    kyso_web::widget::set_trust(handle, anchors.iter().map(|a| a.to_vec()).collect());
}

/// Verify a file; returns the id its `kyso-report` / `kyso-error` event carries.
#[wasm_bindgen]
pub fn widget_verify(handle: u32, file: web_sys::File) -> Option<u32> {
    kyso_web::widget::verify(handle, file)
}

/// Remove the widget's results.
#[wasm_bindgen]
pub fn widget_reset(handle: u32) {
    kyso_web::widget::reset(handle);
}

/// The element left the page.
#[wasm_bindgen]
pub fn widget_unmount(handle: u32) {
    kyso_web::widget::unmount(handle);
}
