//! The `kyso` binary on real inputs: the two Government decrees in
//! `../shared/vn/pdf`, a tampered copy, unreadable inputs, and usage errors.

mod common;

use common::{kyso, repo, scratch, shared, verify_json};
use kyso_validation::codes as code;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn decree(name: &str) -> Option<std::path::PathBuf> {
    let p = shared()?.join("vn/pdf").join(name);
    p.is_file().then_some(p).or_else(|| {
        eprintln!("SKIP: {name} not found");
        None
    })
}

fn sig0(v: &Value) -> &Value {
    &v["signatures"][0]
}

fn identifiers(signer: &Value) -> Vec<(String, String)> {
    signer["identifiers"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| {
                    (
                        i["kind"].as_str().unwrap_or("").to_string(),
                        i["value"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn decree_49_is_valid_at_the_timestamp_with_the_bundled_anchors() {
    let Some(p) = decree("49-2026-ND-CP.pdf") else {
        return;
    };
    let bytes = std::fs::read(&p).unwrap();
    let (v, code) = verify_json(&[p.to_str().unwrap()]);
    assert_eq!(v["format"], "pdf");
    assert_eq!(v["file"]["size"], bytes.len() as u64);
    assert_eq!(v["file"]["sha256"], hex::encode(Sha256::digest(&bytes)));
    assert_eq!(v["document"]["revision_count"], 2);
    assert_eq!(v["document"]["page_count"], 29);
    assert_eq!(v["signatures"].as_array().unwrap().len(), 1);
    let s = sig0(&v);
    assert_eq!(s["signer"]["common_name"], "CHÍNH PHỦ");
    assert_eq!(s["intact"], true);
    assert_eq!(s["signature_valid"], true);
    assert_eq!(s["coverage"], "entire_file");
    assert_eq!(s["signed_length"], bytes.len() as u64);
    assert_eq!(s["certification_level"], 2);
    assert_eq!(s["sub_filter"], "adbe.pkcs7.detached");
    // Trust: the bundled VGCA anchors, validated at the timestamp's time.
    assert_eq!(s["trust"]["status"], "trusted", "{}", s["trust"]);
    assert!(s["trust"]["anchor"]
        .as_str()
        .unwrap()
        .contains("RootCA chuyên dùng Chính phủ G2"));
    assert_eq!(s["trust"]["validation_time_source"], "timestamp");
    assert_eq!(
        s["trust"]["validation_time"],
        s["signing_time"]["timestamp"]
    );
    let tsa = s["timestamp"]["authority"]["common_name"].as_str().unwrap();
    assert!(tsa.contains("Máy chủ cấp dấu thời gian"), "{tsa}");
    assert_eq!(s["timestamp"]["trusted"], true);
    // Revocation: honestly not checked, with the reason.
    assert_eq!(s["revocation"]["status"], "not_checked");
    assert!(!s["revocation"]["findings"].as_array().unwrap().is_empty());
    // The local-time-labelled-UTC habit is explained, not held against the signature.
    let notes = s["signing_time"]["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["code"] == code::TIME_LOCAL_LABELLED_UTC),
        "{notes:?}"
    );
    assert_eq!(s["indication"], "TOTAL_PASSED");
    assert_eq!(v["verdict"]["indication"], "TOTAL_PASSED");
    assert_eq!(code, 0);
}

#[test]
fn decree_199_names_the_portal_with_decoded_identifiers() {
    let Some(p) = decree("199-ndcp.signed.pdf") else {
        return;
    };
    let (v, code) = verify_json(&[p.to_str().unwrap()]);
    assert_eq!(v["signatures"].as_array().unwrap().len(), 1);
    let s = sig0(&v);
    assert_eq!(
        s["signer"]["common_name"],
        "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ"
    );
    assert_eq!(s["signer"]["organization"], "VĂN PHÒNG CHÍNH PHỦ");
    let ids = identifiers(&s["signer"]);
    assert!(ids.contains(&("MNS".into(), "1032158".into())), "{ids:?}");
    assert!(
        ids.contains(&("MST".into(), "0102357802".into())),
        "{ids:?}"
    );
    let mst = s["signer"]["identifiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "MST")
        .unwrap();
    assert_eq!(mst["meaning_vi"], "Mã số thuế");
    assert_eq!(s["timestamp"]["imprint_algorithm"], "SHA-1");
    assert_eq!(s["trust"]["status"], "trusted");
    assert_eq!(s["trust"]["validation_time_source"], "timestamp");
    // Timestamped 10/06/2026 14:22:59 Vietnam time.
    assert!(s["signing_time"]["timestamp"]
        .as_str()
        .unwrap()
        .starts_with("2026-06-10T07:"));
    assert_eq!(v["verdict"]["indication"], "TOTAL_PASSED");
    assert_eq!(code, 0);
}

#[test]
fn text_output_is_vietnamese_by_default_and_english_on_request() {
    let Some(p) = decree("199-ndcp.signed.pdf") else {
        return;
    };
    let vi = kyso(&["verify", p.to_str().unwrap()]);
    let vi = String::from_utf8(vi.stdout).unwrap();
    assert!(vi.contains("KẾT LUẬN: Hợp lệ"), "{vi}");
    assert!(vi.contains("MST: 0102357802 (Mã số thuế)"), "{vi}");
    assert!(vi.contains("(UTC+7)"));
    let en = kyso(&["verify", "--lang", "en", p.to_str().unwrap()]);
    assert_eq!(en.status.code(), Some(0));
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.contains("VERDICT: Valid"), "{en}");
    assert!(en.contains("MST: 0102357802 (Tax code)"), "{en}");
    assert!(en.contains("Revocation not checked"), "{en}");
}

#[test]
fn a_byte_changed_inside_the_signed_range_is_invalid() {
    let Some(p) = decree("49-2026-ND-CP.pdf") else {
        return;
    };
    let mut bytes = std::fs::read(&p).unwrap();
    let (v, _) = verify_json(&[p.to_str().unwrap()]);
    // The middle of the first signed slice [0, b).
    let b = sig0(&v)["byte_range"][1].as_u64().unwrap() as usize;
    let at = b / 2;
    // A digit of a content stream's byte would do too; flip the low bit of a
    // byte that is neither a delimiter nor a newline so the structure stays parseable.
    let at = (at..b)
        .find(|&i| bytes[i].is_ascii_alphanumeric())
        .unwrap_or(at);
    bytes[at] ^= 0x01;
    let dir = scratch("tampered");
    let t = dir.join("tampered.pdf");
    std::fs::write(&t, &bytes).unwrap();
    let (v, code) = verify_json(&[t.to_str().unwrap()]);
    assert_eq!(
        v["verdict"]["indication"], "TOTAL_FAILED",
        "{}",
        v["verdict"]
    );
    assert_eq!(sig0(&v)["intact"], false);
    assert_eq!(code, 1);
}

#[test]
fn unreadable_input_still_gives_a_json_report() {
    let dir = scratch("missing");
    let missing = dir.join("no-such-file.pdf");
    let (v, code) = verify_json(&[missing.to_str().unwrap()]);
    assert_eq!(v["error"]["code"], "io.not_found");
    assert!(!v["error"]["message_vi"].as_str().unwrap().is_empty());
    assert_eq!(v["file"]["name"], "no-such-file.pdf");
    assert_eq!(code, 3);

    let junk = dir.join("junk.bin");
    std::fs::write(&junk, b"\x00\x01 not a document").unwrap();
    let (v, code) = verify_json(&[junk.to_str().unwrap()]);
    assert_eq!(v["error"]["code"], kyso_core::codes::INPUT_UNKNOWN_FORMAT);
    assert_eq!(code, 3);
}

#[test]
fn several_files_give_an_array_and_the_worst_exit_status() {
    let dir = scratch("several");
    let pdf = dir.join("unsigned.pdf");
    std::fs::write(&pdf, minimal_pdf()).unwrap();
    let missing = dir.join("missing.pdf");
    let (v, code) = verify_json(&[pdf.to_str().unwrap()]);
    assert_eq!(v["verdict"]["indication"], "NO_SIGNATURE", "{v}");
    assert_eq!(v["document"]["page_count"], 1);
    assert_eq!(code, 2, "no signature exits 2");
    let (v, code) = verify_json(&[pdf.to_str().unwrap(), missing.to_str().unwrap()]);
    let arr = v.as_array().expect("an array for several files");
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[1]["error"]["code"], "io.not_found");
    assert_eq!(code, 3);
}

#[test]
fn extract_signed_revision_writes_the_signed_prefix() {
    // A file signed twice: the first signature covers a shorter prefix.
    let two = repo().join("fixtures/pdf/i3-two-signatures.pdf");
    let mut files = vec![];
    if two.is_file() {
        files.push(two);
    }
    if let Some(p) = decree("49-2026-ND-CP.pdf") {
        files.push(p);
    }
    if files.is_empty() {
        eprintln!("SKIP: no signed PDF available");
        return;
    }
    for f in files {
        let dir = scratch(&format!(
            "extract-{}",
            f.file_stem().unwrap().to_string_lossy()
        ));
        let (v, _) = verify_json(&[
            "--extract-signed-revision",
            dir.to_str().unwrap(),
            f.to_str().unwrap(),
        ]);
        let bytes = std::fs::read(&f).unwrap();
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let sigs = v["signatures"].as_array().unwrap();
        assert!(!sigs.is_empty());
        for s in sigs {
            let n = s["index"].as_u64().unwrap() + 1;
            let r = s["revision"].as_u64().unwrap();
            let len = s["signed_length"].as_u64().unwrap() as usize;
            let out = dir.join(format!("{stem}.sig{n}.rev{r}.pdf"));
            let got = std::fs::read(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
            assert_eq!(got, &bytes[..len], "{}", out.display());
            // The extracted revision verifies on its own, as what was signed.
            let (ev, _) = verify_json(&[out.to_str().unwrap()]);
            let last = ev["signatures"].as_array().unwrap().last().unwrap().clone();
            assert_eq!(last["coverage"], "entire_file", "{}", out.display());
            assert_eq!(last["intact"], true);
        }
        if sigs.len() > 1 {
            let l0 = sigs[0]["signed_length"].as_u64().unwrap();
            let l1 = sigs[1]["signed_length"].as_u64().unwrap();
            assert!(l0 < l1, "successive signatures cover growing prefixes");
        }
    }
}

#[test]
fn usage_errors_exit_64() {
    assert_eq!(kyso(&[]).status.code(), Some(64));
    assert_eq!(kyso(&["verify"]).status.code(), Some(64));
    assert_eq!(
        kyso(&["verify", "--lang", "fr", "x.pdf"]).status.code(),
        Some(64)
    );
    assert_eq!(
        kyso(&["verify", "--bogus", "x.pdf"]).status.code(),
        Some(64)
    );
    assert_eq!(kyso(&["frobnicate"]).status.code(), Some(64));
    assert_eq!(kyso(&["--help"]).status.code(), Some(0));
    for bad in [
        "garbage",
        "2025-01-01",
        "2025-01-01T00:00:00",
        "2025-01-01T00:00:00+25:00",
        "now",
    ] {
        let out = kyso(&["verify", "--at", bad, "x.pdf"]);
        assert_eq!(out.status.code(), Some(64), "--at {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--at") && err.contains("RFC 3339"), "{err}");
        assert!(out.stdout.is_empty(), "no report for a usage error");
    }
    assert_eq!(kyso(&["verify", "x.pdf", "--at"]).status.code(), Some(64));
    let help = String::from_utf8_lossy(&kyso(&["--help"]).stdout).into_owned();
    assert!(help.contains("--at TIME|claimed"), "{help}");
}

/// The test root of the generated fixtures (`fixtures/pdf/trust`).
fn fixture_root() -> Option<std::path::PathBuf> {
    let p = repo().join("fixtures/pdf/trust/kyso-test-root.pem");
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("SKIP: {} not found", p.display());
        None
    }
}

fn codes(findings: &Value) -> Vec<String> {
    findings
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// `i4-expired-no-timestamp.pdf`: signer certificate valid 2025-07-01..2026-06-30,
/// signingTime 2026-03-01T02:00:00Z, no timestamp.
#[test]
fn at_chooses_the_validation_time_of_an_expired_signature_without_timestamp() {
    let Some(root) = fixture_root() else { return };
    let f = repo().join("fixtures/pdf/i4-expired-no-timestamp.pdf");
    let (root, f) = (root.to_str().unwrap(), f.to_str().unwrap());

    // Default: unchanged — checked now, expired, nothing proves the signature predates expiry.
    let (v, code) = verify_json(&["--trust", root, f]);
    assert_eq!(v["verdict"]["indication"], "INDETERMINATE");
    assert_eq!(v["verdict"]["sub_indication"], "OUT_OF_BOUNDS_NO_POE");
    assert_eq!(code, 2);
    assert!(
        v.get("validation_time_choice").is_none(),
        "omitted by default"
    );
    assert!(!codes(&v["findings"]).contains(&code::TRUST_USER_VALIDATION_TIME.into()));
    let s = sig0(&v);
    assert_eq!(s["trust"]["status"], "expired_no_poe");
    assert_eq!(s["trust"]["validation_time_source"], "now");
    assert!(codes(&s["trust"]["findings"]).contains(&code::TRUST_VALID_AT_CLAIMED_TIME.into()));

    // --at claimed: validated at the claimed time only, and the report says it was the user's choice.
    let (v, code) = verify_json(&["--trust", root, "--at", "claimed", f]);
    assert_eq!(
        v["verdict"]["indication"], "TOTAL_PASSED",
        "{}",
        v["verdict"]
    );
    assert_eq!(code, 0);
    assert_eq!(v["validation_time_choice"]["kind"], "claimed");
    assert_eq!(codes(&v["findings"])[0], code::TRUST_USER_VALIDATION_TIME);
    assert_eq!(v["findings"][0]["severity"], "warning");
    assert!(v["findings"][0]["message_vi"]
        .as_str()
        .unwrap()
        .contains("Thời điểm kiểm tra do người dùng chọn"));
    assert!(v["findings"][0]["message_en"]
        .as_str()
        .unwrap()
        .contains("this choice proves nothing about when the signature existed"));
    assert!(v["verdict"]["summary_en"]
        .as_str()
        .unwrap()
        .contains("chosen by the user"));
    let s = sig0(&v);
    assert_eq!(s["trust"]["status"], "trusted");
    assert_eq!(s["trust"]["validation_time_source"], "claimed_unproven");
    assert_eq!(s["trust"]["validation_time"], "2026-03-01T02:00:00Z");
    assert!(codes(&s["trust"]["findings"]).contains(&code::TRUST_TIME_CLAIMED.into()));

    // --at a time within the certificate's validity (offset accepted): passes at that time.
    let (v, code) = verify_json(&["--trust", root, "--at", "2026-04-01T07:00:00+07:00", f]);
    assert_eq!(v["verdict"]["indication"], "TOTAL_PASSED");
    assert_eq!(code, 0);
    assert_eq!(
        v["validation_time_choice"],
        serde_json::json!({"kind": "at", "time": "2026-04-01T00:00:00Z"})
    );
    let s = sig0(&v);
    assert_eq!(s["trust"]["validation_time_source"], "user_chosen");
    assert_eq!(s["trust"]["validation_time"], "2026-04-01T00:00:00Z");
    assert!(codes(&s["trust"]["findings"]).contains(&code::TRUST_TIME_USER_CHOSEN.into()));

    // --at a time after expiry: expired at the chosen time, indeterminate, and still stated.
    let (v, code) = verify_json(&["--trust", root, "--at", "2026-07-01T00:00:00Z", f]);
    assert_eq!(v["verdict"]["indication"], "INDETERMINATE");
    assert_eq!(v["verdict"]["sub_indication"], "OUT_OF_BOUNDS_NO_POE");
    assert_eq!(code, 2);
    assert_eq!(codes(&v["findings"])[0], code::TRUST_USER_VALIDATION_TIME);
    assert_eq!(sig0(&v)["trust"]["status"], "expired_no_poe");
    assert_eq!(sig0(&v)["trust"]["validation_time"], "2026-07-01T00:00:00Z");

    // --at a time before the certificate existed: nothing proves when it was
    // signed, so not a permanent NOT_YET_VALID; the later claim is pointed out.
    let (v, code) = verify_json(&["--trust", root, "--at", "2025-01-01T00:00:00Z", f]);
    assert_eq!(v["verdict"]["indication"], "INDETERMINATE");
    assert_eq!(v["verdict"]["sub_indication"], "OUT_OF_BOUNDS_NO_POE");
    assert_eq!(code, 2);
    let s = sig0(&v);
    assert_eq!(s["trust"]["status"], "not_yet_valid");
    assert!(codes(&s["trust"]["findings"]).contains(&code::TRUST_TIME_CLAIM_AFTER_CHOSEN.into()));

    // The text report names the choice near the verdict.
    let out = kyso(&[
        "verify", "--lang", "en", "--trust", root, "--at", "claimed", f,
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Validation time chosen by the user: Claimed signing time"),
        "{text}"
    );
    assert!(
        text.contains(&format!("[{}]", code::TRUST_USER_VALIDATION_TIME)),
        "{text}"
    );
}

/// `i4-expired-after-timestamp.pdf`: the same expired signer, time-stamped
/// 2026-03-01T02:00:00Z. A timestamp no later than the chosen time is still
/// the proof; a later one did not exist yet at the chosen time.
#[test]
fn at_keeps_an_earlier_timestamp_as_proof_and_not_a_later_one() {
    let Some(root) = fixture_root() else { return };
    let f = repo().join("fixtures/pdf/i4-expired-after-timestamp.pdf");
    let (root, f) = (root.to_str().unwrap(), f.to_str().unwrap());

    let (v, code) = verify_json(&["--trust", root, "--at", "2026-12-01T00:00:00Z", f]);
    assert_eq!(v["verdict"]["indication"], "TOTAL_PASSED");
    assert_eq!(code, 0);
    let s = sig0(&v);
    assert_eq!(s["trust"]["validation_time_source"], "timestamp");
    assert_eq!(s["trust"]["validation_time"], "2026-03-01T02:00:00Z");

    let (v, code) = verify_json(&["--trust", root, "--at", "2026-02-01T00:00:00Z", f]);
    assert_eq!(v["verdict"]["indication"], "TOTAL_PASSED");
    assert_eq!(code, 0);
    let s = sig0(&v);
    assert_eq!(s["signing_time"]["timestamp"], "2026-03-01T02:00:00Z");
    assert_eq!(s["trust"]["validation_time_source"], "user_chosen");
    assert_eq!(s["trust"]["validation_time"], "2026-02-01T00:00:00Z");
    let c = codes(&s["trust"]["findings"]);
    assert!(
        c.contains(&code::TRUST_TIME_PROOF_AFTER_CHOSEN.into()),
        "{c:?}"
    );
    assert!(
        c.contains(&code::TRUST_TIME_CLAIM_AFTER_CHOSEN.into()),
        "{c:?}"
    );

    // --at claimed changes nothing for a timestamped signature but is stated.
    let (v, code) = verify_json(&["--trust", root, "--at", "claimed", f]);
    assert_eq!(code, 0);
    assert_eq!(sig0(&v)["trust"]["validation_time_source"], "timestamp");
    assert_eq!(codes(&v["findings"])[0], code::TRUST_USER_VALIDATION_TIME);
}

#[test]
fn a_certificate_file_is_described() {
    let Some(sh) = shared() else { return };
    let pem = sh.join("vn/trust/rootcag2.pem");
    if !pem.is_file() {
        eprintln!("SKIP: rootcag2.pem not found");
        return;
    }
    let (v, code) = verify_json(&[pem.to_str().unwrap()]);
    assert_eq!(v["format"], "certificate");
    assert_eq!(
        v["certificates"][0]["common_name"],
        "RootCA chuyên dùng Chính phủ G2"
    );
    assert_eq!(v["verdict"]["indication"], "NO_SIGNATURE");
    assert_eq!(code, 2);
}

/// A one-page unsigned PDF with a correct cross-reference table.
fn minimal_pdf() -> Vec<u8> {
    common::pdf_from_objects(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ])
}

#[test]
fn trust_option_adds_an_anchor_for_this_run_only() {
    let f = repo().join("fixtures/pdf/i3-rsa2048-pkcs7.pdf");
    let trust_dir = repo().join("fixtures/pdf/trust");
    let Some(root) = std::fs::read_dir(&trust_dir).ok().and_then(|d| {
        d.filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "pem"))
    }) else {
        eprintln!("SKIP: no fixture trust root");
        return;
    };
    if !f.is_file() {
        eprintln!("SKIP: {} not found", f.display());
        return;
    }
    let (v, code) = verify_json(&[f.to_str().unwrap()]);
    assert_eq!(sig0(&v)["intact"], true);
    assert_ne!(
        sig0(&v)["trust"]["status"],
        "trusted",
        "test roots are never trusted by default"
    );
    assert_eq!(code, 2);
    let (v, code) = verify_json(&["--trust", root.to_str().unwrap(), f.to_str().unwrap()]);
    assert_eq!(
        sig0(&v)["trust"]["status"],
        "trusted",
        "{}",
        sig0(&v)["trust"]
    );
    assert_eq!(v["verdict"]["indication"], "TOTAL_PASSED");
    assert_eq!(code, 0);
}

/// An encrypted PDF that needs a password, with no signature Kyso can see:
/// undecided, said plainly, never "unsigned" and never "0/0 signatures";
/// the parser's own "needs a password" is not repeated beside the
/// document finding.
#[test]
fn an_encrypted_pdf_that_needs_a_password_is_undecided_not_unsigned() {
    let p = common::repo().join("crates/kyso-pdf/tests/data/aes-256-user-password.pdf");
    let (v, code) = common::verify_json(&[p.to_str().unwrap()]);
    assert_eq!(v["verdict"]["indication"], "INDETERMINATE", "{v}");
    assert_eq!(v["needs_password"], true);
    let en = v["verdict"]["summary_en"].as_str().unwrap();
    assert!(en.contains("needs a password"), "{en}");
    assert!(!en.contains("0/0"), "{en}");
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [kyso_pades::codes::PDF_ENCRYPTED_LOCKED],
        "{codes:?}"
    );
    assert_eq!(code, 2, "undecided");
}
