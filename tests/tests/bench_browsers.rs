//! Issue 13's browser benchmark — a benchmark, not a test: `#[ignore]`d, run
//! by hand after `trunk build --release`:
//!
//! ```sh
//! python3 scripts/gen-bench-pdfs.py target/bench-pdfs --sizes 1,20,100,1024
//! cargo test -p kyso-e2e --test bench_browsers -- --ignored --nocapture --test-threads=1
//! ```
//!
//! For each browser (Chromium, Firefox ESR, WebKitGTK; `KYSO_BENCH_BROWSERS`)
//! and each signed PDF `target/bench-pdfs/bench-S.pdf` (`KYSO_BENCH_SIZES`,
//! default 1,20,100,1024 MiB), in a **new profile** (the driver makes one per
//! session, as a first-time visitor has), the page `bench/browser/` (not in
//! `dist/`; it imports the product's `widget/kyso.js`) measures:
//! - Kyso from `verify(file)` to the report through the worker every front
//!   end uses, the first time in that profile ("fresh"), then twice more
//!   ("warm", the better of the two);
//! - the floor: the same browser's `File.arrayBuffer()` + WebCrypto SHA-256
//!   of the same file (the better of two), and, in a session of its own, the
//!   same the first time in a new profile (what Kyso's fresh run is set
//!   against like for like: a new profile's first read and hash are the
//!   browser's cost, not Kyso's);
//! - the longest gap of a 10 ms timer on the page while Kyso ran (the longest
//!   main-thread task);
//! - in one more, untimed run, the browser's memory above idle: the peak PSS
//!   of the driver's process group (driver and browser), sampled every 250 ms;
//! - pdf-signature-reader (bundled by `bench/browser/build-peers.sh`), once,
//!   with its memory, up to `KYSO_BENCH_PSR_MAX` MiB.
//!
//! Prints a Markdown table and writes it to `$KYSO_ARTIFACTS/bench-browsers.md`.

use fantoccini::{Client, Locator};
use kyso_e2e::driver::{self, Browser, StartError};
use kyso_e2e::server::StaticServer;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn sizes() -> Vec<u32> {
    std::env::var("KYSO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 20, 100, 1024])
}

fn browsers() -> Vec<Browser> {
    let want =
        std::env::var("KYSO_BENCH_BROWSERS").unwrap_or_else(|_| "chromium,firefox,webkit".into());
    [Browser::Chromium, Browser::Firefox, Browser::WebKit]
        .into_iter()
        .filter(|b| want.split(',').any(|w| w.trim() == b.name()))
        .collect()
}

/// The served folder: the bench page beside a link to the built `dist/widget`.
fn site() -> PathBuf {
    let root = kyso_e2e::repo_root();
    let dir = std::env::temp_dir().join(format!("kyso-bench-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["index.html", "bench.mjs"] {
        std::fs::copy(root.join("bench/browser").join(f), dir.join(f)).unwrap();
    }
    if psr_available() {
        std::fs::copy(psr_bundle(), dir.join("psr.mjs")).unwrap();
    } else {
        eprintln!("pdf-signature-reader not bundled (bench/browser/build-peers.sh): its column is skipped");
    }
    std::os::unix::fs::symlink(kyso_e2e::dist_dir().join("widget"), dir.join("widget")).unwrap();
    dir
}

/// Proportional set size (KiB) of every process in group `pgid` (the
/// driver and the browser it started), from `/proc/*/smaps_rollup`: shared
/// pages are split between the processes that map them, so the sum is the
/// browser's footprint.
fn group_pss_kib(pgid: u32) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // After the command's closing parenthesis: state, ppid, pgrp, …
        let pgrp = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(2))
            .and_then(|g| g.parse::<u32>().ok());
        if pgrp != Some(pgid) {
            continue;
        }
        let rollup =
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        total += rollup
            .lines()
            .filter_map(|l| l.strip_prefix("Pss:"))
            .filter_map(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .sum::<u64>();
    }
    total
}

/// Run one measurement on the page and wait for it. With `pgid`, the
/// browser's memory is sampled meanwhile (`mem_extra_mib`: the peak above
/// what it used just before). Timed runs are not sampled: reading
/// `smaps_rollup` walks the browser's page tables under its memory-map lock
/// and doubled the floor's own time at 100 MiB when sampled every 50 ms.
async fn measure(c: &Client, pgid: Option<u32>, mode: &str) -> Value {
    let started = c.execute(
        "window.__r = null; window.kysoBench(arguments[0]).then(r => window.__r = r, e => window.__r = { error: String(e) });",
        vec![json!(mode)],
    )
    .await
    .map_err(|e| format!("{e}"));
    let base = pgid.map(group_pss_kib).unwrap_or(0);
    let mut peak = base;
    if let Err(e) = started {
        return json!({ "error": format!("start measurement: {e}") });
    }
    let t0 = Instant::now();
    let mut polls = 0u32;
    loop {
        let r = match c.execute("return window.__r;", vec![]).await {
            Ok(r) => r,
            // The page is gone (a tab that ran out of memory).
            Err(e) => return json!({ "error": format!("{e}") }),
        };
        polls += 1;
        if let Some(g) = pgid {
            // Every 250 ms.
            if polls % 5 == 1 || !r.is_null() {
                peak = peak.max(group_pss_kib(g));
            }
        }
        if !r.is_null() {
            let mut r = r;
            if let (Some(o), Some(_)) = (r.as_object_mut(), pgid) {
                o.insert(
                    "mem_extra_mib".into(),
                    json!(peak.saturating_sub(base) as f64 / 1024.0),
                );
            }
            return r;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(600),
            "{mode}: no result after 600 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn ms(v: &Value) -> f64 {
    v["ms"].as_f64().unwrap_or(f64::NAN)
}

/// A new browser session (a new profile) on the bench page with `pdf`
/// chosen in its file input.
async fn open(browser: Browser, server: &StaticServer, pdf: &Path) -> Option<driver::Session> {
    let session = match driver::start(browser).await {
        Ok(s) => s,
        Err(StartError::Missing(why)) | Err(StartError::Failed(why)) => {
            eprintln!("[{}] skipped: {why}", browser.name());
            return None;
        }
    };
    let c = session.client.clone();
    c.goto(&server.base).await.expect("open bench page");
    let t0 = Instant::now();
    while c
        .execute("return window.kysoBenchReady === true;", vec![])
        .await
        .ok()
        .and_then(|v| v.as_bool())
        != Some(true)
    {
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "bench page did not load"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    c.find(Locator::Id("file"))
        .await
        .expect("file input")
        .send_keys(&pdf.display().to_string())
        .await
        .expect("choose file");
    Some(session)
}

async fn one(browser: Browser, server: &StaticServer, pdf: &Path, mib: u32) -> Option<String> {
    // The floor the first time in a new profile, in a session of its own
    // (the same browser's own read + hash of a file it has not read before):
    // what Kyso's first run in a new profile is set against, like for like.
    let fresh_floor = match open(browser, server, pdf).await {
        Some(session) => {
            let r = measure(&session.client, None, "floor").await;
            session.close().await;
            r
        }
        None => return None,
    };
    let session = open(browser, server, pdf).await?;
    let c = session.client.clone();
    let pgid = session.process_group();
    let fresh = measure(&c, None, "kyso").await;
    let warm = [
        measure(&c, None, "kyso").await,
        measure(&c, None, "kyso").await,
    ];
    let floor = [
        measure(&c, None, "floor").await,
        measure(&c, None, "floor").await,
    ];
    // Memory in a run of its own (not timed).
    let sampled = measure(&c, pgid, "kyso").await;
    // The JavaScript peer last: it may take the tab down with it. It takes
    // seconds to minutes, so one run, sampled (the sampling's cost is small
    // beside it).
    let peer = if psr_available() && f64::from(mib) <= psr_max_mib() {
        Some(measure(&c, pgid, "psr").await)
    } else {
        None
    };
    session.close().await;
    for r in warm
        .iter()
        .chain(&floor)
        .chain([&fresh, &sampled, &fresh_floor])
    {
        if r.get("error").is_some() {
            eprintln!("[{}] {}: {r}", browser.name(), pdf.display());
            return None;
        }
    }
    eprintln!(
        "[{}] worker start and warm-up before the first run: {:.0} ms",
        browser.name(),
        fresh["preload_ms"].as_f64().unwrap_or(f64::NAN)
    );
    let best = |rs: &[Value]| rs.iter().map(ms).fold(f64::INFINITY, f64::min);
    let (f, w, fl, ffl) = (ms(&fresh), best(&warm), best(&floor), ms(&fresh_floor));
    // To the report with the fingerprint (which may follow the verdict).
    let w_full = warm
        .iter()
        .filter_map(|r| r["ms_full"].as_f64())
        .fold(f64::INFINITY, f64::min);
    let gap = warm
        .iter()
        .chain([&fresh])
        .filter_map(|r| r["gap_ms"].as_f64())
        .fold(0.0, f64::max);
    let mem = |r: &Value| r["mem_extra_mib"].as_f64().unwrap_or(f64::NAN);
    let kyso_mem = mem(&sampled);
    let peer = match &peer {
        None => "not run".to_owned(),
        Some(p) if p.get("error").is_some() => {
            eprintln!(
                "[{}] {} pdf-signature-reader: {p}",
                browser.name(),
                pdf.display()
            );
            format!(
                "failed: {}",
                p["error"]
                    .as_str()
                    .unwrap_or("")
                    .chars()
                    .take(60)
                    .collect::<String>()
            )
        }
        Some(p) => format!(
            "{:.0} ms ({:.0}× Kyso warm), +{:.0} MiB, {}",
            ms(p),
            ms(p) / w,
            mem(p),
            p["detail"].as_str().unwrap_or("")
        ),
    };
    let bytes = fresh["bytes"].as_f64().unwrap_or(0.0);
    let row = format!(
        "| {} | {:.0} MiB | {:.0} ms | {:.0} ms | {:.0} ms ({:.1}×; {:.1}× fresh) | {:.0} ms ({:.1}×) | {:.0} ms ({:.1}×) | +{:.0} MiB | {:.0} ms | {} | {} |",
        browser.name(),
        bytes / 1048576.0,
        fl,
        ffl,
        f,
        f / fl,
        f / ffl,
        w,
        w / fl,
        w_full,
        w_full / fl,
        kyso_mem,
        gap,
        fresh["detail"]
            .as_str()
            .unwrap_or("")
            .split(' ')
            .next()
            .unwrap_or(""),
        peer,
    );
    eprintln!("{row}");
    Some(row)
}

/// The bundled peer, built by `bench/browser/build-peers.sh`.
fn psr_bundle() -> PathBuf {
    kyso_e2e::repo_root().join("target/bench-npm/psr.mjs")
}

fn psr_available() -> bool {
    psr_bundle().is_file()
}

/// The largest file given to pdf-signature-reader (`KYSO_BENCH_PSR_MAX`,
/// MiB; default 1024: every size, up to where it fails).
fn psr_max_mib() -> f64 {
    std::env::var("KYSO_BENCH_PSR_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run by hand (see the module's documentation)"]
async fn bench() {
    let dir = site();
    let server = StaticServer::start(dir.clone()).await.expect("server");
    let mut rows = Vec::new();
    for browser in browsers() {
        for s in sizes() {
            let pdf = kyso_e2e::repo_root().join(format!("target/bench-pdfs/bench-{s}.pdf"));
            let Ok(pdf) = pdf.canonicalize() else {
                eprintln!("{}: absent (scripts/gen-bench-pdfs.py)", pdf.display());
                continue;
            };
            rows.extend(one(browser, &server, &pdf, s).await);
        }
    }
    let mut md = String::from(
        "| browser | file | floor: read + WebCrypto SHA-256 | floor, first in a new profile | Kyso, fresh profile (× floor; × fresh floor) | Kyso, warm (× floor) | Kyso warm, with the file's SHA-256 (× floor) | Kyso, browser memory above idle (peak PSS) | longest main-thread gap | verdict | pdf-signature-reader (npm) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n",
    );
    for r in &rows {
        md.push_str(r);
        md.push('\n');
    }
    println!("{md}");
    let _ = std::fs::write(kyso_e2e::artifacts_dir().join("bench-browsers.md"), &md);
    let _ = std::fs::remove_dir_all(&dir);
}
