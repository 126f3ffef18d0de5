//! Verification time of XML-DSig documents of 1 MiB and 100 MiB (issue 11):
//! `doc-N.xml`, signed by `xmlsec1 --sign` (enveloped, C14N 1.0, RSA-SHA256),
//! through [`kyso_xades::verify_xml_document`] on the bytes already in memory
//! (no process start-up, no file read, no SHA-256 of the file for the report:
//! those are kyso-core's).
//!
//! The inputs are not committed: `scripts/bench-cms-xml.sh` (or
//! `GEN_ONLY=1 scripts/bench-cms-xml.sh`) writes them into `$KYSO_BENCH_DIR`
//! (default `<workspace>/target/bench-cms-xml`); a missing input is skipped
//! with a message. Run with `cargo bench -p kyso-xades --bench verify_xml`;
//! sizes can be narrowed with `KYSO_BENCH_SIZES=1`.
//!
//! Two clocks: group `verify_xml` is criterion's wall time, `verify_xml_cpu`
//! the CPU time of the benchmarking thread (Linux), the steadier number on a
//! loaded machine.

#[cfg(target_os = "linux")]
#[path = "../../kyso-core/benches/cpu/mod.rs"]
mod cpu;

use std::path::{Path, PathBuf};

use criterion::measurement::Measurement;
use criterion::{BenchmarkId, Criterion, Throughput};
use kyso_report::{verdict, FileInfo, Format, Indication, Report};
use kyso_validation::ValidationOptions;
use kyso_xades::verify_xml_document;

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

fn verify(bytes: &[u8], opts: &ValidationOptions<'_>) -> Report {
    let file = FileInfo {
        name: Some("bench.xml".into()),
        size: bytes.len() as u64,
        sha256: String::new(),
    };
    let mut report = Report::new(file, Format::Xml);
    verify_xml_document(std::hint::black_box(bytes), opts, None, &mut report);
    verdict::finalize(&mut report);
    report
}

fn load(opts: &ValidationOptions<'_>) -> Vec<(String, Vec<u8>)> {
    let dir = bench_dir();
    let mut out = Vec::new();
    for s in sizes() {
        let p = dir.join(format!("doc-{s}.xml"));
        match std::fs::read(&p) {
            Ok(b) => out.push((format!("{s}MiB"), b)),
            Err(e) => eprintln!(
                "verify_xml: skipped {} ({e}); make it with `GEN_ONLY=1 scripts/bench-cms-xml.sh`",
                p.display()
            ),
        }
    }
    // A benchmark of a failing verification is worthless: say what it gave,
    // and time only what verifies.
    for (id, bytes) in &out {
        let r = verify(bytes, opts);
        eprintln!(
            "verify_xml: {id} ({} bytes): {:?}",
            bytes.len(),
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
                "verify_xml:   not TOTAL_PASSED, not timed: {}",
                codes.join(" ")
            );
        }
    }
    out.retain(|(_, b)| verify(b, opts).verdict.indication == Indication::TotalPassed);
    out
}

fn run<M: Measurement>(
    c: &mut Criterion<M>,
    name: &str,
    inputs: &[(String, Vec<u8>)],
    opts: &ValidationOptions<'_>,
) {
    let mut group = c.benchmark_group(name);
    for (id, bytes) in inputs {
        // One 100 MiB iteration parses and canonicalizes 100 MiB: criterion's
        // minimum of 10 samples keeps the bench within a few minutes.
        group.sample_size(if bytes.len() > 10 << 20 { 10 } else { 30 });
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(id), bytes, |b, bytes| {
            b.iter(|| verify(bytes, opts))
        });
    }
    group.finish();
}

fn main() {
    let ca = bench_dir().join("ca.pem");
    let Ok(ca) = std::fs::read(&ca) else {
        eprintln!(
            "verify_xml: skipped, no {} (run `GEN_ONLY=1 scripts/bench-cms-xml.sh`)",
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
        "verify_xml",
        &inputs,
        &opts,
    );
    #[cfg(target_os = "linux")]
    run(
        &mut Criterion::default()
            .with_measurement(cpu::ThreadCpu)
            .configure_from_args(),
        "verify_xml_cpu",
        &inputs,
        &opts,
    );
    Criterion::default().configure_from_args().final_summary();
}
