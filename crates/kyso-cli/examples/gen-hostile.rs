//! Write every hostile shape of issue 14 to a folder, at the size measured in
//! `docs/fuzzing.md` ("Hostile shapes"), to time them with the release CLI and
//! to seed fuzzing:
//!
//! ```text
//! cargo run --release -p kyso-cli --example gen-hostile -- OUTDIR [--ci] [--sparse] [STEM...]
//! ```
//!
//! `--ci` writes the smaller sizes of the debug test instead; `--sparse` adds
//! the sparse files (`sparse-1gib.pdf`, `sparse-3gib.pdf`: no disk blocks, but
//! a fuzzer must not read them); `STEM...` writes only those shapes. Also
//! writes `hostile-root.der` (the anchor to pass with `--trust`) and
//! `MANIFEST.tsv` (file, bytes, size parameter, SHA-256). The shapes are in
//! `tests/hostile/shapes.rs`, shared with `tests/hostile.rs`.
#![forbid(unsafe_code)]

#[path = "../tests/hostile/shapes.rs"]
mod shapes;
#[path = "../tests/hostile/writer.rs"]
mod writer;

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let mut out: Option<PathBuf> = None;
    let (mut ci, mut sparse) = (false, false);
    let mut only = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--ci" => ci = true,
            "--sparse" => sparse = true,
            _ if out.is_none() => out = Some(a.into()),
            _ => only.push(a),
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen-hostile OUTDIR [--ci] [--sparse] [STEM...]");
        std::process::exit(64);
    };
    std::fs::create_dir_all(&out).expect("create OUTDIR");
    std::fs::write(out.join(shapes::ROOT_FILE), shapes::root_cert()).expect("write root");
    let mut manifest = String::from("file\tbytes\tsize\tsha256\n");
    for s in shapes::all() {
        if !only.is_empty() && !only.iter().any(|o| o == s.stem) {
            continue;
        }
        let n = shapes::size(&s, !ci);
        let started = std::time::Instant::now();
        let bytes = (s.build)(n);
        let name = s.file_name(n);
        std::fs::write(out.join(&name), &bytes).expect("write shape");
        println!(
            "{name}\t{} bytes\t{:.1} s",
            bytes.len(),
            started.elapsed().as_secs_f64()
        );
        manifest.push_str(&format!(
            "{name}\t{}\t{n}\t{}\n",
            bytes.len(),
            shapes::sha256_hex(&bytes)
        ));
    }
    if sparse {
        for (name, len) in [
            ("sparse-1gib.pdf", 1u64 << 30),
            ("sparse-3gib.pdf", 3 << 30),
        ] {
            shapes::write_sparse(&out.join(name), len).expect("write sparse file");
            println!("{name}\t{len} bytes (sparse)");
            manifest.push_str(&format!("{name}\t{len}\t0\t-\n"));
        }
    }
    std::fs::File::create(out.join("MANIFEST.tsv"))
        .and_then(|mut f| f.write_all(manifest.as_bytes()))
        .expect("write MANIFEST.tsv");
}
