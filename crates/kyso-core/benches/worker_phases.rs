//! The browser worker's path for a PDF it can hash with WebCrypto
//! (`kyso_wasm::verify_blob_webcrypto`), phase by phase, natively: what the
//! core costs around the digests, which the browser computes itself.
//!
//! - `plan`: [`kyso_core::digest_plan`] (the parser reads the structure and
//!   each signature's claims);
//! - `search`: [`kyso_core::byte_range_keys`] over the whole file;
//! - `verify_guessed`: [`kyso_core::verify_source_with`] with the claimed
//!   digests and the search's result, as the worker verifies beside the
//!   digests;
//! - `report_json`: the report serialised as JSON.
//!
//! Inputs: `bench-1.pdf` (and whatever `KYSO_BENCH_SIZES` names) from
//! `scripts/gen-bench-pdfs.py` in `$KYSO_BENCH_DIR` (default
//! `<workspace>/target/bench-pdfs`, as `verify_large` makes them), and the
//! committed fixture the worker warms up with. Run with
//! `cargo bench -p kyso-core --bench worker_phases`.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use kyso_core::{Bytes, KnownDigests, Options};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = std::env::var_os("KYSO_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/bench-pdfs"));
    let sizes = std::env::var("KYSO_BENCH_SIZES").unwrap_or_else(|_| "1".into());
    let mut out = vec![(
        "i3-rsa2048-cades".to_owned(),
        std::fs::read(workspace_root().join("fixtures/pdf/i3-rsa2048-cades.pdf"))
            .expect("committed fixture"),
    )];
    for s in sizes.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let p = dir.join(format!("bench-{s}.pdf"));
        match std::fs::read(&p) {
            Ok(b) => out.push((format!("bench-{s}"), b)),
            Err(e) => eprintln!(
                "worker_phases: {} skipped ({e}); scripts/gen-bench-pdfs.py makes it",
                p.display()
            ),
        }
    }
    out
}

fn phases(c: &mut Criterion) {
    let opts = Options {
        now: Some(1_900_000_000),
        ..Options::default()
    };
    let mut g = c.benchmark_group("worker_phases");
    g.sample_size(30);
    for (name, bytes) in inputs() {
        let src = Bytes(&bytes);
        let Some(plan) = kyso_core::digest_plan(&src) else {
            eprintln!("worker_phases: {name} has no digest plan");
            continue;
        };
        let Some(mut guess) = KnownDigests::guessed(&plan) else {
            eprintln!("worker_phases: {name}: not every digest is claimed");
            continue;
        };
        guess.byte_range_keys = kyso_core::byte_range_keys(&src).ok();
        guess.fingerprint_later = true;
        g.bench_function(BenchmarkId::new("plan", &name), |b| {
            b.iter(|| kyso_core::digest_plan(&src))
        });
        g.bench_function(BenchmarkId::new("search", &name), |b| {
            b.iter(|| kyso_core::byte_range_keys(&src))
        });
        g.bench_function(BenchmarkId::new("verify_guessed", &name), |b| {
            b.iter(|| kyso_core::verify_source_with(Some("x.pdf"), &src, &opts, None, &guess))
        });
        let report = kyso_core::verify_source_with(Some("x.pdf"), &src, &opts, None, &guess);
        g.bench_function(BenchmarkId::new("report_json", &name), |b| {
            b.iter(|| serde_json::to_vec(&report).map(|v| v.len()))
        });
        eprintln!(
            "worker_phases: {name}: {} bytes, verdict {:?}, report JSON {} bytes",
            bytes.len(),
            report.verdict.indication,
            serde_json::to_vec(&report).map(|v| v.len()).unwrap_or(0)
        );
    }
    g.finish();
}

criterion_group!(benches, phases);
criterion_main!(benches);
