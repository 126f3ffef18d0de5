//! The binding in a real browser (wasm-bindgen-test, headless Chromium):
//! options are read from JavaScript values and the report comes back with the
//! JSON form's field names.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |acc, k| {
        Reflect::get(&acc, &JsValue::from_str(k)).unwrap()
    })
}

/// A well-formed one-page PDF (catalog, page tree, xref with exact offsets):
/// a structure the core must read without an input error.
fn minimal_pdf() -> Vec<u8> {
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[wasm_bindgen_test]
fn pdf_report_has_json_shape() {
    let bytes = &minimal_pdf()[..];
    let report = kyso_wasm::verify(Some("a.pdf".into()), bytes, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        get(&report, &["format"]).as_string().as_deref(),
        Some("pdf")
    );
    assert_eq!(
        get(&report, &["file", "size"]).as_f64(),
        Some(bytes.len() as f64)
    );
    assert_eq!(
        get(&report, &["file", "name"]).as_string().as_deref(),
        Some("a.pdf")
    );
    let sha = get(&report, &["file", "sha256"]).as_string().unwrap();
    assert_eq!(sha.len(), 64);
    assert!(get(&report, &["verdict", "summary_vi"])
        .as_string()
        .is_some_and(|s| !s.is_empty()));
    // None is omitted, not `undefined`-valued: JSON.stringify round trip is lossless.
    assert!(get(&report, &["error"]).is_undefined());
}

#[wasm_bindgen_test]
fn options_are_read_and_checked() {
    let opts = Object::new();
    let trust = Array::new();
    trust.push(&Uint8Array::from(&b"-----BEGIN CERTIFICATE-----"[..]));
    Reflect::set(&opts, &"extra_trust".into(), &trust).unwrap();
    Reflect::set(&opts, &"now".into(), &1_780_000_000.5f64.into()).unwrap();
    let parsed = kyso_wasm::options_from_js(&opts.into()).unwrap();
    assert_eq!(parsed.extra_trust.len(), 1);
    assert_eq!(parsed.now, Some(1_780_000_000));

    assert_eq!(
        parsed.validation_time,
        kyso_core::ValidationTimeChoice::Default
    );

    for (at, want) in [
        (
            JsValue::from_str("claimed"),
            kyso_core::ValidationTimeChoice::Claimed,
        ),
        (
            JsValue::from_str("default"),
            kyso_core::ValidationTimeChoice::Default,
        ),
        (JsValue::NULL, kyso_core::ValidationTimeChoice::Default),
        (
            JsValue::from_str("2025-01-01T07:00:00+07:00"),
            kyso_core::ValidationTimeChoice::At {
                time: kyso_report::Time(1_735_689_600),
            },
        ),
    ] {
        let o = Object::new();
        Reflect::set(&o, &"at".into(), &at).unwrap();
        assert_eq!(
            kyso_wasm::options_from_js(&o.into())
                .unwrap()
                .validation_time,
            want
        );
    }
    for bad_at in [JsValue::from_str("yesterday"), JsValue::from_f64(1.0)] {
        let o = Object::new();
        Reflect::set(&o, &"at".into(), &bad_at).unwrap();
        assert!(kyso_wasm::options_from_js(&o.into()).is_err());
    }

    let bad = Object::new();
    Reflect::set(&bad, &"extra_trust".into(), &"not an array".into()).unwrap();
    assert!(kyso_wasm::options_from_js(&bad.into()).is_err());
    assert!(kyso_wasm::options_from_js(&JsValue::from_f64(3.0)).is_err());
    assert!(kyso_wasm::options_from_js(&JsValue::NULL)
        .unwrap()
        .extra_trust
        .is_empty());
}

#[wasm_bindgen_test]
fn the_chosen_validation_time_is_recorded_in_the_report() {
    let opts = Object::new();
    Reflect::set(&opts, &"at".into(), &"claimed".into()).unwrap();
    let report = kyso_wasm::verify(None, &minimal_pdf(), opts.into()).unwrap();
    assert_eq!(
        get(&report, &["validation_time_choice", "kind"])
            .as_string()
            .as_deref(),
        Some("claimed")
    );
    let report = kyso_wasm::verify(None, &minimal_pdf(), JsValue::UNDEFINED).unwrap();
    assert!(get(&report, &["validation_time_choice"]).is_undefined());
}

#[wasm_bindgen_test]
fn empty_and_garbage_inputs_yield_reports() {
    for input in [&b""[..], b"\x30\x82\xff\xff", b"PK\x03\x04"] {
        let report = kyso_wasm::verify(None, input, JsValue::NULL).unwrap();
        assert!(get(&report, &["verdict", "indication"])
            .as_string()
            .is_some());
    }
}
