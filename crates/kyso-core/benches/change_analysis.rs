//! Issue 9's benchmark requirement: verification time of a 30-page
//! multi-signature decree (the workload of the covering check, which
//! interprets the pages touched by later widgets) and of the 100 MiB file of
//! `verify_large`, through [`kyso_core::verify`] with the fixtures' test root
//! trusted (as `kyso verify --trust fixtures/pdf/trust/kyso-test-root.pem`).
//! The decree comes twice: `decree-30p`, every update writing /ParentTree
//! anew (as VGCA tools do), and `decree-30p-append`, the same signatures
//! appending to /ParentTree in place (accepted by commits older than
//! d9dc764 too, so a like-for-like input across that change).
//!
//! The inputs are not committed: `scripts/gen-bench-pdfs.py --decree 30
//! --sizes 100` writes `decree-30.pdf`, `decree-30-append.pdf` and `bench-100.pdf` into
//! `$KYSO_BENCH_DIR` (default `<workspace>/target/bench-pdfs`); this bench
//! runs it when a file is missing and skips, with a message, when Python or
//! pyHanko is unavailable. Run with
//! `cargo bench -p kyso-core --bench change_analysis`.
//!
//! Two clocks: the group `change_analysis` is criterion's wall time,
//! `change_analysis_cpu` the CPU time of the benchmarking thread (Linux;
//! `verify` is single-threaded), the steadier number on a shared machine
//! where other builds take the cores away between samples.
//!
//! The bench uses only `Options { extra_trust, ..Default::default() }` and
//! `Report::{verdict, signatures}`, so the same file builds at commits before
//! issue 9 (e048a20) for a before/after comparison (docs/benchmarks.md).

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::measurement::Measurement;
use criterion::{BenchmarkId, Criterion, Throughput};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bench_dir() -> PathBuf {
    std::env::var_os("KYSO_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/bench-pdfs"))
}

/// `(benchmark id, file)`, generated on first use.
fn inputs() -> Vec<(&'static str, PathBuf)> {
    let dir = bench_dir();
    let wanted = [
        ("decree-30p", dir.join("decree-30.pdf")),
        ("decree-30p-append", dir.join("decree-30-append.pdf")),
        ("bench-100MiB", dir.join("bench-100.pdf")),
    ];
    if wanted.iter().any(|(_, p)| !p.exists()) {
        let status = Command::new("python3")
            .arg(workspace_root().join("scripts/gen-bench-pdfs.py"))
            .arg(&dir)
            .args(["--sizes", "100", "--decree", "30"])
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!(
                "change_analysis: could not generate inputs with scripts/gen-bench-pdfs.py \
                 (needs python3 with pyHanko and certomancer): {status:?}"
            );
        }
    }
    wanted.into_iter().filter(|(_, p)| p.exists()).collect()
}

fn options() -> kyso_core::Options {
    let root = workspace_root().join("fixtures/pdf/trust/kyso-test-root.pem");
    let extra_trust = match std::fs::read(&root) {
        Ok(b) => vec![b],
        Err(e) => {
            eprintln!("change_analysis: no test root at {}: {e}", root.display());
            Vec::new()
        }
    };
    kyso_core::Options {
        extra_trust,
        ..Default::default()
    }
}

/// The inputs' bytes, each verified once up front to say what is timed.
fn load(opts: &kyso_core::Options) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    for (id, path) in inputs() {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("change_analysis: cannot read {}: {e}", path.display());
                continue;
            }
        };
        let report = kyso_core::verify(Some("bench.pdf"), &bytes, opts);
        eprintln!(
            "change_analysis: {} ({} bytes): {} signature(s), verdict {:?}",
            path.display(),
            bytes.len(),
            report.signatures.len(),
            report.verdict.indication,
        );
        // What a commit rejects is timed too, but say why: a rejected
        // revision may take a shorter path through the change analysis.
        for s in &report.signatures {
            let codes: Vec<&str> = s.findings.iter().map(|f| f.code.as_str()).collect();
            eprintln!(
                "change_analysis:   {:?}: {:?} {}",
                s.field.as_deref().unwrap_or("?"),
                s.indication,
                codes.join(" ")
            );
        }
        out.push((id, bytes));
    }
    out
}

fn run<M: Measurement>(
    c: &mut Criterion<M>,
    name: &str,
    inputs: &[(&'static str, Vec<u8>)],
    opts: &kyso_core::Options,
) {
    let mut group = c.benchmark_group(name);
    for (id, bytes) in inputs {
        // The 100 MiB input costs ~0.3 s an iteration: 10 samples keep the
        // bench within a few minutes; a decree (~50 ms) affords 20.
        group.sample_size(if bytes.len() > 10 << 20 { 10 } else { 20 });
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(id), bytes, |b, bytes| {
            b.iter(|| kyso_core::verify(Some("bench.pdf"), std::hint::black_box(bytes), opts))
        });
    }
    group.finish();
}

fn main() {
    let opts = options();
    let inputs = load(&opts);
    run(
        &mut Criterion::default().configure_from_args(),
        "change_analysis",
        &inputs,
        &opts,
    );
    #[cfg(target_os = "linux")]
    run(
        &mut Criterion::default()
            .with_measurement(cpu::ThreadCpu)
            .configure_from_args(),
        "change_analysis_cpu",
        &inputs,
        &opts,
    );
    Criterion::default().configure_from_args().final_summary();
}

/// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`), in nanoseconds;
/// shared with the CMS and XML benches of kyso-cades and kyso-xades.
#[cfg(target_os = "linux")]
mod cpu;
