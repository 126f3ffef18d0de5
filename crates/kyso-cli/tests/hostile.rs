//! Hostile shapes whose cost must stay bounded: the `kyso` binary on files
//! built here to exhaust a verifier, asserting what a user (or a batch over
//! an archive) depends on: an exit status 0–3, valid JSON, a report of
//! bounded size, and a verdict that is never "valid". Time and memory are
//! measured outside the tests (docs/fuzzing.md), never asserted here.

mod common;

use common::{kyso, scratch};
use serde_json::Value;

/// The report size no hostile file may exceed (issue 14: ≤ 20 MB of JSON).
const MAX_JSON: usize = 20 * 1024 * 1024;

/// A one-page PDF whose AcroForm holds `n` signature fields, each with a tiny
/// signature dictionary: every /ByteRange overlaps every other one and every
/// /Contents is a 5-byte CMS stub. Before the collision finding was made one
/// per signature, 1,000 such dictionaries produced 157 MB of JSON.
fn many_signature_dictionaries(n: usize) -> Vec<u8> {
    let mut objs: Vec<String> = vec![String::new(); 3];
    let mut fields = Vec::with_capacity(n);
    for k in 0..n {
        let fi = objs.len() + 1;
        fields.push(format!("{fi} 0 R"));
        objs.push(format!(
            "<< /FT /Sig /T (S{k}) /V {} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>",
            fi + 1
        ));
        objs.push(format!(
            "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 100 200 {k}] /Contents <3082000100> >>"
        ));
    }
    let fields = fields.join(" ");
    objs[0] =
        format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{fields}] /SigFlags 3 >> >>");
    objs[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into();
    objs[2] = format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [{fields}] >>");
    common::pdf_from_objects(&objs)
}

/// Run `kyso verify --json` on `bytes` and check the invariants every
/// hostile file must keep; the parsed report.
fn verify_bounded(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Value {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = kyso(&["verify", "--json", path.to_str().unwrap()]);
    let code = out.status.code().unwrap_or(-1);
    assert!((0..=3).contains(&code), "{name}: exit status {code}");
    assert!(
        out.stdout.len() <= MAX_JSON,
        "{name}: {} bytes of JSON",
        out.stdout.len()
    );
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: not JSON ({e})"));
    assert_ne!(v["verdict"]["indication"], "TOTAL_PASSED", "{name}");
    v
}

#[test]
fn thousands_of_signature_dictionaries_stay_bounded() {
    let dir = scratch("hostile-sigdicts");
    // Below the examination budget: every dictionary examined, and each
    // collision said once per signature (not once per pair).
    let v = verify_bounded(&dir, "sigdicts-300.pdf", &many_signature_dictionaries(300));
    let sigs = v["signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 300);
    let last = &sigs[299]["findings"];
    let collisions: Vec<&Value> = last
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "pdf.byte_range.collision")
        .collect();
    assert_eq!(collisions.len(), 1, "{collisions:?}");
    let en = collisions[0]["message_en"].as_str().unwrap();
    assert!(en.contains("and 294 more"), "{en}");
    assert_eq!(v["budget_exceeded"], Value::Null);

    // Above it: the first 500 examined, the document never better than
    // INDETERMINATE, and the report no larger for 4,000 than for 600.
    let small = verify_bounded(&dir, "sigdicts-600.pdf", &many_signature_dictionaries(600));
    let large = verify_bounded(
        &dir,
        "sigdicts-4000.pdf",
        &many_signature_dictionaries(4000),
    );
    for v in [&small, &large] {
        assert_eq!(v["signatures"].as_array().unwrap().len(), 500);
        assert_eq!(v["budget_exceeded"], true);
        assert!(v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == kyso_pades::codes::PDF_TOO_MANY_SIGNATURES));
    }
    let size = |v: &Value| serde_json::to_vec(v).unwrap().len();
    assert!(
        size(&large) < size(&small) * 11 / 10,
        "{} vs {}",
        size(&large),
        size(&small)
    );
}

/// A sparse file larger than the core accepts is refused from its size,
/// before a byte is read (it used to be read whole, then refused).
#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = scratch("hostile-sparse");
    let path = dir.join("sparse-3gib.pdf");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(3 << 30).unwrap();
    drop(f);
    let out = kyso(&["verify", "--json", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], kyso_core::codes::INPUT_TOO_LARGE);
    assert!(v["error"]["message_en"]
        .as_str()
        .unwrap()
        .contains("it was not read"));
}
