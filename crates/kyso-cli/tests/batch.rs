//! `kyso verify` over folders (`src/batch.rs`): the walk, the JSONL stream
//! and its summary, `--jobs 2` against `--jobs 1`, the worst exit status,
//! detached signatures paired inside folders. No timing is asserted.

mod common;

use common::{kyso, repo, scratch};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The test root of the generated PDF fixtures.
fn pdf_root() -> PathBuf {
    repo().join("fixtures/pdf/trust/kyso-test-root.pem")
}

fn cades(name: &str) -> PathBuf {
    repo().join("crates/kyso-cades/tests/data").join(name)
}

/// Fixtures and the class each gets with the PDF test root trusted.
fn samples() -> Vec<(PathBuf, u8)> {
    let pdf = repo().join("fixtures/pdf");
    let data = repo().join("crates/kyso-pdf/tests/data");
    vec![
        (pdf.join("i3-rsa2048-cades.pdf"), 0),
        (pdf.join("i3-p256-cades.pdf"), 0),
        (pdf.join("i3-two-signatures.pdf"), 0),
        (pdf.join("i3-neg-signature-value-flipped.pdf"), 1),
        (data.join("plain.pdf"), 2),
    ]
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}

/// A tree of `copies` × the samples over nested folders, an empty folder,
/// a file of no known format, and (on Unix) a dangling link and a link
/// back to the root. Returns the root and the expected class per path.
fn tree(name: &str, copies: usize) -> (PathBuf, BTreeMap<String, u8>) {
    let root = scratch(name);
    let mut want = BTreeMap::new();
    for i in 0..copies {
        for (j, (f, class)) in samples().into_iter().enumerate() {
            let to = root
                .join(format!("d{}", i % 3))
                .join(format!("sub{}", j % 2))
                .join(format!(
                    "{i:02}-{}",
                    f.file_name().unwrap().to_string_lossy()
                ));
            copy(&f, &to);
            want.insert(to.display().to_string(), class);
        }
    }
    std::fs::create_dir_all(root.join("empty/deeper")).unwrap();
    let junk = root.join("d0/junk.bin");
    std::fs::write(&junk, b"\x00\x01 not a document").unwrap();
    want.insert(junk.display().to_string(), 3);
    #[cfg(unix)]
    {
        let dangling = root.join("d1/dangling.pdf");
        std::os::unix::fs::symlink("no-such-target.pdf", &dangling).unwrap();
        want.insert(dangling.display().to_string(), 3);
        // Not followed: a folder link would walk forever.
        std::os::unix::fs::symlink("..", root.join("d1/loop")).unwrap();
    }
    (root, want)
}

/// Run `kyso verify --jsonl ARGS` and parse every line: the per-file
/// objects, the summary, the exit status.
fn jsonl(args: &[&str]) -> (Vec<Value>, Value, i32) {
    let mut all = vec!["verify", "--jsonl"];
    all.extend_from_slice(args);
    let out = kyso(&all);
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(text.ends_with('\n'), "every line ends: {text}");
    let mut lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let summary = lines.pop().expect("a summary line");
    assert!(summary["summary"].is_object(), "last line: {summary}");
    for l in &lines {
        assert!(l["summary"].is_null(), "one summary, last: {l}");
    }
    (
        lines,
        summary["summary"].clone(),
        out.status.code().unwrap_or(-1),
    )
}

/// path → (indication, exit, sha256) for each line, each path once.
fn by_path(lines: &[Value]) -> BTreeMap<String, (String, u64, String)> {
    let mut m = BTreeMap::new();
    for l in lines {
        let path = l["path"].as_str().expect("path").to_string();
        let got = (
            l["indication"].as_str().expect("indication").to_string(),
            l["exit"].as_u64().expect("exit"),
            l["report"]["file"]["sha256"]
                .as_str()
                .unwrap_or("")
                .to_string(),
        );
        assert_eq!(
            l["indication"], l["report"]["verdict"]["indication"],
            "{path}"
        );
        assert!(m.insert(path.clone(), got).is_none(), "{path} twice");
    }
    m
}

fn count(lines: &[Value], f: impl Fn(&Value) -> bool) -> u64 {
    lines.iter().filter(|l| f(l)).count() as u64
}

#[test]
fn a_folder_is_walked_and_streamed_as_one_line_per_file_then_a_summary() {
    let (root, want) = tree("batch-walk", 6);
    let trust = pdf_root();
    let (lines, summary, code) =
        jsonl(&["--trust", trust.to_str().unwrap(), root.to_str().unwrap()]);
    let got = by_path(&lines);
    let classes: BTreeMap<String, u8> = got
        .iter()
        .map(|(p, (_, exit, _))| (p.clone(), *exit as u8))
        .collect();
    assert_eq!(classes, want, "every regular file once, nothing else");
    // `--jobs 1` walks in name order: the same order on every run.
    let order: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted, "depth-first, by name");
    // The summary counts what the lines say.
    let ind = |i: &'static str| move |l: &Value| l["exit"] != 3 && l["indication"] == i;
    assert_eq!(summary["files"], lines.len() as u64);
    assert_eq!(summary["total_passed"], count(&lines, ind("TOTAL_PASSED")));
    assert_eq!(summary["total_failed"], count(&lines, ind("TOTAL_FAILED")));
    assert_eq!(
        summary["indeterminate"],
        count(&lines, ind("INDETERMINATE"))
    );
    assert_eq!(summary["no_signature"], count(&lines, ind("NO_SIGNATURE")));
    assert_eq!(summary["input_errors"], count(&lines, |l| l["exit"] == 3));
    let sizes: u64 = lines
        .iter()
        .map(|l| l["report"]["file"]["size"].as_u64().unwrap())
        .sum();
    assert_eq!(summary["bytes"], sizes);
    assert!(summary["seconds"].as_f64().unwrap() >= 0.0);
    assert_eq!(summary["total_passed"], 18, "{summary}");
    assert_eq!(summary["total_failed"], 6, "{summary}");
    assert_eq!(summary["no_signature"], 6, "{summary}");
    assert_eq!(code, 3, "the worst over all files: an input error");
    assert_eq!(summary["exit"], 3);
}

#[test]
fn two_jobs_give_the_same_results_as_one() {
    let (root, _) = tree("batch-jobs", 8);
    let trust = pdf_root();
    let run = |jobs: &str| {
        jsonl(&[
            "--jobs",
            jobs,
            "--trust",
            trust.to_str().unwrap(),
            root.to_str().unwrap(),
        ])
    };
    let (one, s1, c1) = run("1");
    let (two, s2, c2) = run("2");
    assert_eq!(by_path(&one), by_path(&two));
    assert_eq!((c1, s2["jobs"].as_u64()), (c2, Some(2)));
    for k in [
        "files",
        "bytes",
        "total_passed",
        "total_failed",
        "indeterminate",
        "no_signature",
        "input_errors",
        "exit",
    ] {
        assert_eq!(s1[k], s2[k], "{k}");
    }
    // `--jobs 0`: as many as the machine has; the same results again.
    let (all, _, c0) = run("0");
    assert_eq!(by_path(&all), by_path(&one));
    assert_eq!(c0, c1);
}

#[test]
fn the_exit_status_is_the_worst_over_all_files() {
    let trust = pdf_root();
    let t = trust.to_str().unwrap();
    let dir = scratch("batch-exit");
    let s = samples();
    let mut args = vec![];
    // Valid only, then add a failed one, a no-signature one, a missing one.
    for (step, (f, want)) in [
        (&s[0].0, 0),
        (&s[4].0, 2),
        (&s[3].0, 1),
        (&dir.join("missing.pdf"), 3),
    ]
    .into_iter()
    .enumerate()
    {
        let sub = dir.join(format!("s{step}"));
        std::fs::create_dir_all(&sub).unwrap();
        if f.is_file() {
            copy(f, &sub.join(f.file_name().unwrap()));
            args.push(sub.display().to_string());
        } else {
            args.push(f.display().to_string());
        }
        let mut all = vec!["--jobs", "2", "--trust", t];
        all.extend(args.iter().map(String::as_str));
        let (lines, summary, code) = jsonl(&all);
        assert_eq!(lines.len(), step + 1);
        assert_eq!(code, want, "step {step}: {summary}");
        // The same status without --jsonl.
        let mut plain = vec!["verify", "--jobs", "2", "--trust", t];
        plain.extend(args.iter().map(String::as_str));
        assert_eq!(kyso(&plain).status.code(), Some(want));
    }
}

#[test]
fn a_detached_signature_is_verified_with_the_file_beside_it_in_a_folder() {
    let (content, p7s, pss) = (
        cades("content.txt"),
        cades("content.txt.p7s"),
        cades("detached-pss.p7s"),
    );
    if !content.is_file() || !p7s.is_file() {
        eprintln!("SKIP: CMS fixtures not found");
        return;
    }
    let dir = scratch("batch-pairing");
    let inner = dir.join("a/b");
    copy(&content, &inner.join("content.txt"));
    copy(&p7s, &inner.join("content.txt.p7s"));
    // Alone: its file is not beside it.
    copy(&pss, &dir.join("a/detached-pss.p7s"));
    let ca = cades("ca.crt");
    for jobs in ["1", "2"] {
        let (lines, summary, _) = jsonl(&[
            "--jobs",
            jobs,
            "--trust",
            ca.to_str().unwrap(),
            dir.to_str().unwrap(),
        ]);
        let got = by_path(&lines);
        let pair = inner.join("content.txt.p7s").display().to_string();
        assert!(
            !got.contains_key(&inner.join("content.txt").display().to_string()),
            "the signed file is not verified again on its own: {got:?}"
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[&pair].0, "TOTAL_PASSED", "verified with content.txt");
        let alone = dir.join("a/detached-pss.p7s").display().to_string();
        assert_ne!(got[&alone].0, "TOTAL_PASSED", "no file to check it against");
        assert_eq!(summary["files"], 2);
    }
}

#[test]
fn json_keeps_its_array_and_text_keeps_each_report_whole() {
    let (root, want) = tree("batch-json", 2);
    let trust = pdf_root();
    let t = trust.to_str().unwrap();
    let r = root.to_str().unwrap();
    // --json over a folder: one array, one element per file.
    let out = kyso(&["verify", "--json", "--jobs", "2", "--trust", t, r]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v.as_array().expect("an array").len(), want.len());
    assert_eq!(out.status.code(), Some(3));
    // An empty folder: an empty array, a summary of nothing, exit 0.
    let empty = root.join("empty");
    let out = kyso(&["verify", "--json", empty.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert_eq!(out.status.code(), Some(0));
    let (lines, summary, code) = jsonl(&[empty.to_str().unwrap()]);
    assert!(lines.is_empty());
    assert_eq!((summary["files"].as_u64(), code), (Some(0), 0));
    // Text: each report begins with its heading (the path, for files found
    // in folders) and holds exactly one verdict line: none interleaved.
    let out = kyso(&["verify", "--lang", "en", "--jobs", "2", "--trust", t, r]);
    let text = String::from_utf8(out.stdout).unwrap();
    let blocks: Vec<&str> = text.split("══ ").skip(1).collect();
    assert_eq!(blocks.len(), want.len(), "{text}");
    for b in blocks {
        let head = b.lines().next().unwrap().trim_end_matches(" ══");
        assert!(want.contains_key(head), "heading {head}");
        assert_eq!(b.matches("VERDICT:").count(), 1, "{b}");
    }
}

#[test]
fn batch_usage_errors_exit_64() {
    for args in [
        &["verify", "--json", "--jsonl", "x.pdf"][..],
        &["verify", "--jobs", "many", "x.pdf"],
        &["verify", "--jobs", "-1", "x.pdf"],
        &["verify", "x.pdf", "--jobs"],
    ] {
        let out = kyso(args);
        assert_eq!(out.status.code(), Some(64), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let help = String::from_utf8_lossy(&kyso(&["--help"]).stdout).into_owned();
    assert!(
        help.contains("--jobs N") && help.contains("--jsonl"),
        "{help}"
    );
}
