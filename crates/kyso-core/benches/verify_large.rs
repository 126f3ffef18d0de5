//! Verification time of large signed PDFs (1, 20 and 100 MiB) through
//! [`kyso_core::verify`], the same entry point the CLI and the portal use.
//!
//! The inputs are not committed: `scripts/gen-bench-pdfs.py` writes them into
//! `$KYSO_BENCH_DIR` (default `<workspace>/target/bench-pdfs`); this bench
//! runs it when a file is missing and skips, with a message, when Python or
//! pyHanko is unavailable. Run with `cargo bench -p kyso-core --bench verify_large`.
//! Sizes can be narrowed with `KYSO_BENCH_SIZES=1,20`.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bench_dir() -> PathBuf {
    std::env::var_os("KYSO_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/bench-pdfs"))
}

fn sizes() -> Vec<u32> {
    std::env::var("KYSO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 20, 100])
}

/// The benchmark inputs, generated on first use.
fn inputs() -> Vec<(u32, PathBuf)> {
    let dir = bench_dir();
    let sizes = sizes();
    let missing = sizes
        .iter()
        .any(|s| !dir.join(format!("bench-{s}.pdf")).exists());
    if missing {
        let list = sizes
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let status = Command::new("python3")
            .arg(workspace_root().join("scripts/gen-bench-pdfs.py"))
            .arg(&dir)
            .arg("--sizes")
            .arg(&list)
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!(
                "verify_large: skipped, could not generate inputs with scripts/gen-bench-pdfs.py \
                 (needs python3 with pyHanko and certomancer): {status:?}"
            );
        }
    }
    sizes
        .into_iter()
        .map(|s| (s, dir.join(format!("bench-{s}.pdf"))))
        .filter(|(_, p)| p.exists())
        .collect()
}

fn verify_large(c: &mut Criterion) {
    let opts = kyso_core::Options::default();
    let mut group = c.benchmark_group("verify_large");
    // Few samples: one 100 MiB iteration hashes 100 MiB; statistics over 10
    // runs are stable enough and keep the bench under a few minutes.
    group.sample_size(10);
    for (mib, path) in inputs() {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("verify_large: cannot read {}: {e}", path.display());
                continue;
            }
        };
        let report = kyso_core::verify(Some("bench.pdf"), &bytes, &opts);
        eprintln!(
            "verify_large: {} ({} bytes): {} signature(s) reported",
            path.display(),
            bytes.len(),
            report.signatures.len()
        );
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{mib}MiB")),
            &bytes,
            |b, bytes| {
                b.iter(|| kyso_core::verify(Some("bench.pdf"), std::hint::black_box(bytes), &opts))
            },
        );
    }
    group.finish();
}

/// The paths of issue 13, side by side on the same files: the file read
/// through [`kyso_core::FileSource`] (what the CLI does: parse what the
/// structure needs, one chunked pass for the ranges and the fingerprint),
/// the parser alone through the file, and SHA-256 of the bytes in 1 MiB
/// chunks (the floor any verifier pays).
fn paths(c: &mut Criterion) {
    let opts = kyso_core::Options::default();
    let mut group = c.benchmark_group("paths");
    group.sample_size(10);
    for (mib, path) in inputs() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        group.throughput(Throughput::Bytes(meta.len()));
        group.bench_function(
            BenchmarkId::new("verify_source_file", format!("{mib}MiB")),
            |b| {
                b.iter(|| {
                    let src = kyso_core::FileSource::open(&path).expect("open");
                    kyso_core::verify_source(Some("bench.pdf"), &src, &opts, None)
                })
            },
        );
        group.bench_function(
            BenchmarkId::new("parse_source_file", format!("{mib}MiB")),
            |b| {
                b.iter(|| {
                    let src = kyso_core::FileSource::open(&path).expect("open");
                    let doc = kyso_pdf::Document::parse_source(&src, &kyso_pdf::Limits::default())
                        .expect("parse");
                    std::hint::black_box(doc.signatures().len())
                })
            },
        );
        let bytes = std::fs::read(&path).expect("read");
        group.bench_function(
            BenchmarkId::new("sha256_1mib_chunks", format!("{mib}MiB")),
            |b| {
                b.iter(|| {
                    use sha2::Digest;
                    let mut h = sha2::Sha256::new();
                    for c in bytes.chunks(1 << 20) {
                        h.update(c);
                    }
                    h.finalize()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, verify_large, paths);
criterion_main!(benches);
