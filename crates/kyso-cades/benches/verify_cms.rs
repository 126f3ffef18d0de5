//! Verification time of CMS files with 1 MiB and 100 MiB payloads (issue 11),
//! detached (`data-N.bin.p7s` + `data-N.bin`) and attached (`data-N.p7m`),
//! through [`kyso_cades::verify_cms_file`] on the bytes already in memory (no
//! process start-up, no file read, no SHA-256 of the file for the report, no
//! nested verification of the payload: those are kyso-core's).
//!
//! The inputs are not committed: `scripts/bench-cms-xml.sh` (or
//! `GEN_ONLY=1 scripts/bench-cms-xml.sh`) writes them into `$KYSO_BENCH_DIR`
//! (default `<workspace>/target/bench-cms-xml`); a missing input is skipped
//! with a message. Run with `cargo bench -p kyso-cades --bench verify_cms`;
//! sizes can be narrowed with `KYSO_BENCH_SIZES=1`.
//!
//! Two clocks: group `verify_cms` is criterion's wall time, `verify_cms_cpu`
//! the CPU time of the benchmarking thread (Linux), the steadier number on a
//! loaded machine.

#[cfg(target_os = "linux")]
#[path = "../../kyso-core/benches/cpu/mod.rs"]
mod cpu;

use std::path::{Path, PathBuf};

use criterion::measurement::Measurement;
use criterion::{BenchmarkId, Criterion, Throughput};
use kyso_cades::{verify_cms_file, ValidationOptions};
use kyso_report::{verdict, FileInfo, Format, Indication, Report};

fn bench_dir() -> PathBuf {
    std::env::var_os("KYSO_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-cms-xml"))
}

fn sizes() -> Vec<u32> {
    std::env::var("KYSO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 100])
}

/// One input: the signature file and, when detached, the signed data.
struct Input {
    id: String,
    name: String,
    cms: Vec<u8>,
    data: Option<Vec<u8>>,
}

impl Input {
    fn payload_len(&self) -> usize {
        self.data.as_ref().map_or(self.cms.len(), Vec::len)
    }
}

fn verify(input: &Input, opts: &ValidationOptions<'_>) -> Report {
    let file = FileInfo {
        name: Some(input.name.clone()),
        size: input.cms.len() as u64,
        sha256: String::new(),
    };
    let mut report = Report::new(file, Format::Cms);
    verify_cms_file(
        Some(&input.name),
        std::hint::black_box(&input.cms),
        input.data.as_deref(),
        opts,
        None,
        &mut report,
    );
    verdict::finalize(&mut report);
    report
}

fn load(opts: &ValidationOptions<'_>) -> Vec<Input> {
    let dir = bench_dir();
    let read = |p: &Path| match std::fs::read(p) {
        Ok(b) => Some(b),
        Err(e) => {
            eprintln!(
                "verify_cms: skipped {} ({e}); make it with `GEN_ONLY=1 scripts/bench-cms-xml.sh`",
                p.display()
            );
            None
        }
    };
    let mut out = Vec::new();
    for s in sizes() {
        let bin = dir.join(format!("data-{s}.bin"));
        if let (Some(cms), Some(data)) = (read(&bin.with_extension("bin.p7s")), read(&bin)) {
            out.push(Input {
                id: format!("detached-{s}MiB"),
                name: format!("data-{s}.bin.p7s"),
                cms,
                data: Some(data),
            });
        }
        if let Some(cms) = read(&dir.join(format!("data-{s}.p7m"))) {
            out.push(Input {
                id: format!("attached-{s}MiB"),
                name: format!("data-{s}.p7m"),
                cms,
                data: None,
            });
        }
    }
    // A benchmark of a failing verification is worthless: say what it gave,
    // and time only what verifies.
    for i in &out {
        let r = verify(i, opts);
        eprintln!(
            "verify_cms: {} ({} bytes signed): {:?}",
            i.id,
            i.payload_len(),
            r.verdict.indication
        );
        if r.verdict.indication != Indication::TotalPassed {
            let codes: Vec<&str> = r
                .signatures
                .iter()
                .flat_map(|s| s.findings.iter())
                .chain(r.findings.iter())
                .map(|f| f.code.as_str())
                .collect();
            eprintln!(
                "verify_cms:   not TOTAL_PASSED, not timed: {}",
                codes.join(" ")
            );
        }
    }
    out.retain(|i| verify(i, opts).verdict.indication == Indication::TotalPassed);
    out
}

fn run<M: Measurement>(
    c: &mut Criterion<M>,
    name: &str,
    inputs: &[Input],
    opts: &ValidationOptions<'_>,
) {
    let mut group = c.benchmark_group(name);
    for input in inputs {
        // One 100 MiB iteration hashes 100 MiB: criterion's minimum of 10
        // samples keeps the bench within a few minutes.
        group.sample_size(if input.payload_len() > 10 << 20 {
            10
        } else {
            30
        });
        group.throughput(Throughput::Bytes(input.payload_len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&input.id), input, |b, input| {
            b.iter(|| verify(input, opts))
        });
    }
    group.finish();
}

fn main() {
    let ca = bench_dir().join("ca.pem");
    let Ok(ca) = std::fs::read(&ca) else {
        eprintln!(
            "verify_cms: skipped, no {} (run `GEN_ONLY=1 scripts/bench-cms-xml.sh`)",
            ca.display()
        );
        return;
    };
    let trust = vec![ca];
    let opts = ValidationOptions {
        extra_trust: &trust,
        test_anchors: &[],
        now: None,
        validation_time: Default::default(),
    };
    let inputs = load(&opts);
    run(
        &mut Criterion::default().configure_from_args(),
        "verify_cms",
        &inputs,
        &opts,
    );
    #[cfg(target_os = "linux")]
    run(
        &mut Criterion::default()
            .with_measurement(cpu::ThreadCpu)
            .configure_from_args(),
        "verify_cms_cpu",
        &inputs,
        &opts,
    );
    Criterion::default().configure_from_args().final_summary();
}
