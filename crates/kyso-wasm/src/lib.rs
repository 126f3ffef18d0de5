//! WebAssembly binding of the Kyso core, used by the verifier's Web Worker
//! (`kyso-worker`), which the portal, the `<kyso-verifier>` widget and the
//! `kyso.js` API all talk to. It holds **no verification logic**: it turns
//! JavaScript values into [`kyso_core::Options`], calls [`kyso_core::verify`],
//! and hands the [`kyso_report::Report`] back as a plain JavaScript object
//! whose shape is the report's JSON form (`docs/report.md`).
//!
//! ```js
//! const report = verify("decree.pdf", bytes, { extra_trust: [derBytes], now: Date.now() / 1000, at: "claimed" });
//! report.verdict.summary_vi
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use js_sys::{Array, Reflect, Uint8Array};
use kyso_core::{Options, ValidationTimeChoice};
use kyso_report::Report;
use serde::Serialize as _;
use wasm_bindgen::prelude::*;

/// Largest number of extra trust anchors accepted from the caller: the
/// portal's settings panel is for a handful of certificates, not a trust list.
pub const MAX_EXTRA_TRUST: u32 = 256;

/// Largest single extra trust anchor, bytes (a `.p7b` bundle of a few dozen
/// certificates is well below this).
pub const MAX_TRUST_ITEM_BYTES: u32 = 4 * 1024 * 1024;

/// Verify `bytes` (the whole file as received) and return the report as a
/// JavaScript object.
///
/// `options` may be `undefined`/`null` or an object with
/// - `extra_trust`: an array of `Uint8Array` (DER or PEM certificates or
///   PKCS#7 bundles) the user chose to trust;
/// - `now`: validation time in unix **seconds** (fractional allowed); when
///   absent the core's default applies.
/// - `at`: the validation time the user chose ([`kyso_core::ValidationTimeChoice`]):
///   `"claimed"`, an RFC 3339 time with `Z` or an offset
///   (`"2025-01-01T00:00:00Z"`), or `undefined`/`null`/`"default"` for
///   Kyso's default. The report states the choice.
///
/// Errors only when the options are malformed; any input file yields a report.
#[wasm_bindgen]
pub fn verify(name: Option<String>, bytes: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    let opts = options_from_js(&options)?;
    let report = kyso_core::verify(name.as_deref(), bytes, &opts);
    report_to_js(&report)
}

/// [`verify`] for a detached signature file (`X.p7s`) together with the file
/// it signs (`signed_name`, `signed_bytes`): `kyso_core::verify_detached`.
#[wasm_bindgen]
pub fn verify_detached(
    name: Option<String>,
    bytes: &[u8],
    signed_name: String,
    signed_bytes: &[u8],
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = options_from_js(&options)?;
    let report = kyso_core::verify_detached(
        name.as_deref(),
        bytes,
        Some((signed_name.as_str(), signed_bytes)),
        &opts,
    );
    report_to_js(&report)
}

/// A `Blob` (a dropped `File`) read slice by slice with `FileReaderSync`,
/// which a worker may call synchronously: the parser reads the parts it
/// needs and the digests stream through it, so a file of a gigabyte never
/// sits in the worker's memory (nor in wasm's) as a whole.
pub struct BlobSource {
    blob: web_sys::Blob,
    reader: web_sys::FileReaderSync,
    len: u64,
}

impl BlobSource {
    /// A source over `blob`; an error outside a worker (no `FileReaderSync`).
    pub fn new(blob: web_sys::Blob) -> Result<Self, JsValue> {
        let reader = web_sys::FileReaderSync::new()?;
        let len = blob.size() as u64;
        Ok(BlobSource { blob, reader, len })
    }
}

impl kyso_core::Source for BlobSource {
    fn len(&self) -> u64 {
        self.len
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), kyso_core::ReadError> {
        let end = offset
            .checked_add(buf.len() as u64)
            .filter(|&e| e <= self.len)
            .ok_or_else(|| {
                kyso_core::ReadError(format!(
                    "read of {} bytes at {offset} is beyond the file",
                    buf.len()
                ))
            })?;
        let js_err =
            |e: JsValue| kyso_core::ReadError(e.as_string().unwrap_or_else(|| format!("{e:?}")));
        // Offsets below 2^53 are exact as f64.
        let part = self
            .blob
            .slice_with_f64_and_f64(offset as f64, end as f64)
            .map_err(js_err)?;
        let data = self.reader.read_as_array_buffer(&part).map_err(js_err)?;
        let view = Uint8Array::new(&data);
        if view.length() as usize != buf.len() {
            return Err(kyso_core::ReadError(format!(
                "the file gave {} bytes at {offset} instead of {}: it changed while it was verified",
                view.length(),
                buf.len()
            )));
        }
        view.copy_to(buf);
        Ok(())
    }
}

/// Verify a `Blob` read in parts ([`BlobSource`]; workers only), calling
/// `progress(done, total)` as the digests go through it.
pub fn verify_blob(
    name: Option<String>,
    blob: web_sys::Blob,
    options: JsValue,
    progress: Option<kyso_core::Progress<'_>>,
) -> Result<JsValue, JsValue> {
    let opts = options_from_js(&options)?;
    let src = BlobSource::new(blob)?;
    let report = kyso_core::verify_source(name.as_deref(), &src, &opts, progress);
    report_to_js(&report)
}

/// The report as a JavaScript object with the JSON form's field names
/// (`Option::None` is omitted, maps become plain objects).
pub fn report_to_js(report: &Report) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    report
        .serialize(&ser)
        .map_err(|e| JsValue::from_str(&format!("kyso: cannot serialise report: {e}")))
}

/// Read [`Options`] from a JavaScript object (see [`verify`]).
pub fn options_from_js(options: &JsValue) -> Result<Options, JsValue> {
    let mut opts = Options::default();
    if options.is_undefined() || options.is_null() {
        return Ok(opts);
    }
    if !options.is_object() {
        return Err(JsValue::from_str("kyso: options must be an object"));
    }
    let trust = Reflect::get(options, &JsValue::from_str("extra_trust"))?;
    if !trust.is_undefined() && !trust.is_null() {
        if !Array::is_array(&trust) {
            return Err(JsValue::from_str(
                "kyso: options.extra_trust must be an array of Uint8Array",
            ));
        }
        let trust = Array::from(&trust);
        if trust.length() > MAX_EXTRA_TRUST {
            return Err(JsValue::from_str("kyso: too many extra trust anchors"));
        }
        for item in trust.iter() {
            let arr = item.dyn_into::<Uint8Array>().map_err(|_| {
                JsValue::from_str("kyso: options.extra_trust must be an array of Uint8Array")
            })?;
            if arr.length() > MAX_TRUST_ITEM_BYTES {
                return Err(JsValue::from_str("kyso: extra trust anchor too large"));
            }
            opts.extra_trust.push(arr.to_vec());
        }
    }
    let now = Reflect::get(options, &JsValue::from_str("now"))?;
    if let Some(secs) = now.as_f64() {
        if secs.is_finite() {
            opts.now = Some(secs.floor() as i64);
        }
    }
    let at = Reflect::get(options, &JsValue::from_str("at"))?;
    if !at.is_undefined() && !at.is_null() {
        opts.validation_time = at
            .as_string()
            .and_then(|s| parse_at(&s))
            .ok_or_else(|| JsValue::from_str(AT_ERROR))?;
    }
    Ok(opts)
}

const AT_ERROR: &str =
    "kyso: options.at must be \"claimed\", \"default\", an RFC 3339 time with Z or an offset, or null";

/// `options.at` as a string: `"default"`, or what the CLI's `--at` accepts.
pub fn parse_at(s: &str) -> Option<ValidationTimeChoice> {
    if s.trim().eq_ignore_ascii_case("default") {
        return Some(ValidationTimeChoice::Default);
    }
    ValidationTimeChoice::parse(s)
}
