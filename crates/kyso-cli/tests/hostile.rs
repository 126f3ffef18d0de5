//! Hostile shapes whose cost must stay bounded (issue 14): the `kyso` binary
//! on files built to exhaust a verifier (`hostile/shapes.rs`, also written to
//! a folder by `examples/gen-hostile.rs`), asserting what a user (or a batch
//! over an archive) depends on: an exit status 0–3, valid JSON, a report of
//! at most 20 MB, a verdict that is never "valid", and on Linux a peak
//! memory of at most 512 MiB, measured from outside the CLI. Time is printed,
//! never asserted (docs/fuzzing.md, "Hostile shapes", has the release
//! figures).
//!
//! The debug build runs most shapes at a smaller size (`Shape::ci`);
//! `KYSO_HOSTILE_FULL=1` runs the full sizes of the table.
//!
//! Peak memory: the test binary runs itself again as a helper process
//! ([`measure_helper`]) whose only child is `kyso`; once that child is
//! reaped, `getrusage(RUSAGE_CHILDREN)` in the helper gives the child's
//! peak resident set. It also counts the helper's own few megabytes (the
//! child starts as its copy), which only makes the check stricter.

mod common;
#[path = "hostile/shapes.rs"]
mod shapes;
#[path = "hostile/writer.rs"]
mod writer;

use common::scratch;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The report size no hostile file may exceed (issue 14: ≤ 20 MB of JSON).
const MAX_JSON: u64 = 20 * 1024 * 1024;

/// The peak memory no hostile file may take (issue 14: ≤ 512 MiB).
const MAX_RSS_KIB: u64 = 512 * 1024;

/// A child still running after this long is stopped (`Child::kill`) and
/// the shape fails: a hang, not a slow shape.
const DEADLINE: Duration = Duration::from_secs(300);

/// The helper's arguments for `kyso`, one per line.
const ENV_ARGS: &str = "KYSO_HOSTILE_ARGS";
/// Where the helper puts `kyso`'s standard output.
const ENV_OUT: &str = "KYSO_HOSTILE_OUT";
/// The line the helper prints its measurement on.
const MARK: &str = "kyso-hostile-measure:";

/// What one run of the CLI cost.
struct Run {
    /// Exit status (-1: killed by a signal).
    code: i32,
    /// The file holding the JSON printed.
    json: PathBuf,
    /// Peak resident set of the child (KiB); `None` where not measured.
    rss_kib: Option<u64>,
    wall: Duration,
}

/// Not a test of its own: when run by [`run`] with `KYSO_HOSTILE_ARGS`
/// set, spawns `kyso` with those arguments as its only child, waits, and
/// prints the exit status, the child's peak memory and the wall time. Does
/// nothing in a normal test run.
#[test]
fn measure_helper() {
    let (Some(args), Some(out)) = (std::env::var_os(ENV_ARGS), std::env::var_os(ENV_OUT)) else {
        return;
    };
    let args = args.into_string().unwrap();
    let stdout = std::fs::File::create(&out).unwrap();
    let stderr = std::fs::File::create(PathBuf::from(&out).with_extension("stderr")).unwrap();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kyso"))
        .args(args.lines())
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("run kyso");
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > DEADLINE {
            child.kill().unwrap();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let wall = started.elapsed();
    let rss = peak_rss_of_children_kib();
    println!(
        "{MARK} code={} rss_kib={} wall_ms={}",
        status.code().unwrap_or(-1),
        rss.map_or(-1, |k| k as i64),
        wall.as_millis()
    );
}

#[cfg(target_os = "linux")]
fn peak_rss_of_children_kib() -> Option<u64> {
    use nix::sys::resource::{getrusage, UsageWho};
    // ru_maxrss is in KiB on Linux.
    getrusage(UsageWho::RUSAGE_CHILDREN)
        .ok()
        .and_then(|u| u64::try_from(u.max_rss()).ok())
}

#[cfg(not(target_os = "linux"))]
fn peak_rss_of_children_kib() -> Option<u64> {
    None
}

/// Run `kyso` with `args` through [`measure_helper`], its standard output
/// into `json`.
fn run(args: &[&str], json: &Path) -> Run {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "measure_helper",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ENV_ARGS, args.join("\n"))
        .env(ENV_OUT, json)
        .stdin(Stdio::null())
        .output()
        .expect("run the measuring helper");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.split_once(MARK).map(|(_, m)| m.to_owned()))
        .unwrap_or_else(|| {
            panic!(
                "no measurement from the helper: {text}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let field = |k: &str| -> i64 {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(k)?.strip_prefix('='))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{k} in {line}"))
    };
    Run {
        code: field("code") as i32,
        json: json.to_path_buf(),
        rss_kib: u64::try_from(field("rss_kib")).ok(),
        wall: Duration::from_millis(field("wall_ms") as u64),
    }
}

/// Run `kyso verify --json --trust <root> <file>` in `dir` and check every
/// cap; the parsed report. Every cap is checked before any assertion fails,
/// so one run says all that a shape exceeds.
fn verify_bounded(dir: &Path, file: &Path) -> Value {
    let root = dir.join(shapes::ROOT_FILE);
    if !root.exists() {
        std::fs::write(&root, shapes::root_cert()).unwrap();
    }
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let json = dir.join(format!("{name}.json"));
    let r = run(
        &[
            "verify",
            "--json",
            "--trust",
            root.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
        &json,
    );
    let json_len = std::fs::metadata(&r.json).map(|m| m.len()).unwrap_or(0);
    let mut failed = Vec::new();
    if !(0..=3).contains(&r.code) {
        let stderr = std::fs::read_to_string(r.json.with_extension("stderr")).unwrap_or_default();
        failed.push(format!("exit status {} ({stderr})", r.code));
    }
    if json_len > MAX_JSON {
        failed.push(format!("{json_len} bytes of JSON (cap {MAX_JSON})"));
    }
    if let Some(k) = r.rss_kib.filter(|&k| k > MAX_RSS_KIB) {
        failed.push(format!("peak memory {} MiB (cap 512 MiB)", k / 1024));
    }
    let v: Value = if json_len <= MAX_JSON {
        let text = std::fs::read(&r.json).unwrap();
        serde_json::from_slice(&text).unwrap_or_else(|e| {
            failed.push(format!("not JSON ({e})"));
            Value::Null
        })
    } else {
        Value::Null
    };
    let indication = v["verdict"]["indication"]
        .as_str()
        .unwrap_or("-")
        .to_owned();
    if indication == "TOTAL_PASSED" {
        failed.push("verdict TOTAL_PASSED".into());
    }
    println!(
        "hostile {name}: exit {}, {:.2} s, {} MiB peak, {json_len} B JSON, {indication}",
        r.code,
        r.wall.as_secs_f64(),
        r.rss_kib.map_or("?".into(), |k| (k / 1024).to_string()),
    );
    assert!(failed.is_empty(), "{name}: {}", failed.join("; "));
    let _ = std::fs::remove_file(&r.json);
    let _ = std::fs::remove_file(r.json.with_extension("stderr"));
    v
}

/// Build the shape `stem` (at its debug size unless `KYSO_HOSTILE_FULL` is
/// set), write it and check it with [`verify_bounded`].
fn check_shape(stem: &str) -> Value {
    let all = shapes::all();
    let s = all.iter().find(|s| s.stem == stem).expect("a shape");
    let n = shapes::size(s, std::env::var_os("KYSO_HOSTILE_FULL").is_some());
    let dir = scratch(&format!("hostile-{stem}"));
    let path = dir.join(s.file_name(n));
    std::fs::write(&path, (s.build)(n)).unwrap();
    let v = verify_bounded(&dir, &path);
    let _ = std::fs::remove_file(&path);
    v
}

/// One test per shape (so that each can be ignored with its reason), and
/// the list of stems tested.
macro_rules! shape_tests {
    ($($(#[$attr:meta])* $test:ident: $stem:literal,)*) => {
        $(
            $(#[$attr])*
            #[test]
            fn $test() {
                check_shape($stem);
            }
        )*
        const TESTED: &[&str] = &[$($stem),*];
    };
}

shape_tests! {
    sigdicts: "sigdicts",
    sigfields: "sigfields",
    sigfields_x3: "sigfields-x3",
    objects_one_update: "objects-one-update",
    objects_many_updates: "objects-many-updates",
    objects: "objects",
    nested_arrays: "nested-arrays",
    nested_dicts: "nested-dicts",
    pagetree_cycle: "pagetree-cycle",
    pagetree_dag: "pagetree-dag",
    prev_self_loop: "prev-self-loop",
    prev_two_cycle: "prev-two-cycle",
    revisions: "revisions",
    bomb_content: "bomb-content",
    bomb_content_2x: "bomb-content-2x",
    bomb_objstm: "bomb-objstm",
    bomb_xrefstm: "bomb-xrefstm",
    huge_length: "huge-length",
    byterange_extremes: "byterange-extremes",
    huge_contents: "huge-contents",
    encrypt_huge_ou_r3: "encrypt-huge-ou-r3",
    encrypt_huge_ou_r6: "encrypt-huge-ou-r6",
    encrypted_unsigned: "encrypted-unsigned",
    info_huge_title: "info-huge-title",
    ber_deep: "ber-deep",
    ber_deep_in_pdf: "ber-deep-in-pdf",
    certs_chains: "certs-chains",
    certs_chains_under_cap: "certs-chains-under-cap",
    certs_cross: "certs-cross",
    certs_cross_under_cap: "certs-cross-under-cap",
    name_constraints: "name-constraints",
    name_constraints_under_cap: "name-constraints-under-cap",
    dss_ocsp: "dss-ocsp",
    dss_crl: "dss-crl",
    dss_bomb_refs: "dss-bomb-refs",
}

#[test]
fn every_shape_has_a_test() {
    let stems: Vec<&str> = shapes::all().iter().map(|s| s.stem).collect();
    assert_eq!(stems, TESTED);
}

#[test]
fn thousands_of_signature_dictionaries_stay_bounded() {
    let dir = scratch("hostile-sigdicts-budget");
    let write = |n: usize| {
        let p = dir.join(format!("sigdicts-{n}.pdf"));
        std::fs::write(&p, shapes::many_signature_dictionaries(n)).unwrap();
        p
    };
    // Below the examination budget: every dictionary examined, and each
    // collision said once per signature (not once per pair).
    let v = verify_bounded(&dir, &write(300));
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
    let small = verify_bounded(&dir, &write(600));
    let large = verify_bounded(&dir, &write(4000));
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

/// A sparse file larger than the one limit (`kyso_report::MAX_INPUT_LEN`,
/// 4 GiB) is refused from its size, before a byte is read.
#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = scratch("hostile-sparse");
    let path = dir.join("sparse-4gib.pdf");
    shapes::write_sparse(&path, kyso_report::MAX_INPUT_LEN + 1).unwrap();
    let v = verify_bounded(&dir, &path);
    let _ = std::fs::remove_file(&path);
    assert_eq!(v["error"]["code"], kyso_core::codes::INPUT_TOO_LARGE);
    assert!(v["error"]["message_en"]
        .as_str()
        .unwrap()
        .contains("it was not read"));
}

/// A sparse "PDF" of 1 GiB (a header, then zeros): it used to be refused
/// for its size; now it is read through the file in parts (its tail, then
/// one search for the end marker) within the memory cap, and found to have
/// no PDF structure.
#[test]
fn sparse_1gib_pdf_is_read_in_parts_not_whole() {
    let dir = scratch("hostile-sparse-1gib");
    let path = dir.join("sparse-1gib.pdf");
    shapes::write_sparse(&path, 1 << 30).unwrap();
    let v = verify_bounded(&dir, &path);
    let _ = std::fs::remove_file(&path);
    assert_eq!(v["verdict"]["indication"], "INDETERMINATE");
    assert_eq!(v["error"]["code"], kyso_pdf::PdfError::NoStartxref.code());
}
