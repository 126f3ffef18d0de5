//! `kyso`: verify signed documents from the command line.
//!
//! ```text
//! kyso verify [--json | --jsonl] [--jobs N] [--lang vi|en] [--trust FILE]...
//!             [--at TIME|claimed] [--extract-signed-revision DIR] PATH...
//! kyso corpus DIR [--trust-dir DIR2] [--strict] [--json]
//! ```
//! A PATH is a file or a folder, walked recursively (`batch.rs`: order,
//! links, detached `X.p7s` beside `X`); `--jobs N` verifies N files at a time
//! and `--jsonl` streams one JSON line per file, then a summary line, in
//! memory that does not grow with the number of files (docs/scale.md runs it
//! as the map step over archives larger than one machine).
//!
//! Exit status of `verify` (the worst over all files): 0 every file valid
//! (TOTAL_PASSED); 1 some signature invalid (TOTAL_FAILED); 2 indeterminate, or a
//! document without any signature; 3 input error (missing, unreadable, unknown
//! format); 64 usage error. `corpus` exits 0 unless `--strict` and a row disagrees.
#![forbid(unsafe_code)]

mod batch;
mod input;
mod render;

use kyso_cli::corpus;
use kyso_report::{FileInfo, Format, Indication, InputError, Lang, Report};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
kyso — kiểm tra chữ ký số / verify digital signatures

Cách dùng / Usage:
  kyso verify [--json | --jsonl] [--jobs N] [--lang vi|en] [--trust FILE]...
              [--at TIME|claimed] [--extract-signed-revision DIR] PATH...
  kyso verify --etsi-xml [--trust FILE]... [--at TIME|claimed] FILE
  kyso corpus DIR [--trust-dir DIR2] [--strict] [--json]
  kyso --version | --help

Nhiều tệp / Many files (verify):
  PATH                một tệp hoặc một thư mục; thư mục được duyệt đệ quy theo thứ tự
                      tên, chỉ các tệp thường (liên kết tới thư mục không được theo);
                      X.p7s cạnh X được kiểm tra cùng X, X không kiểm tra riêng lần nữa
                      a file or a folder; folders are walked recursively in name order,
                      regular files only (links to folders are not followed); X.p7s
                      beside X is verified with X, and X is not verified again alone
  --jobs N            kiểm tra N tệp song song (mặc định 1; 0 = số lõi CPU)
                      verify N files in parallel (default 1; 0 = the number of CPUs)
  --jsonl             mỗi tệp một dòng JSON {path, indication, exit, report},
                      theo thứ tự xong, rồi một dòng {summary: {...}}; bộ nhớ không
                      tăng theo số tệp: dùng cho lô lớn
                      one JSON line per file {path, indication, exit, report},
                      in completion order, then one {summary: {...}} line; memory does
                      not grow with the number of files: the form for large batches
  --json              một báo cáo; một mảng khi có nhiều tệp hoặc một thư mục
                      one report; an array for several files or a folder
  --etsi-xml          báo cáo kiểm tra theo ETSI TS 119 102-2 (XML) của một tệp có chữ ký
                      the ETSI TS 119 102-2 validation report (XML) of one signed file
  Với --jobs 1 thứ tự là thứ tự duyệt; với N > 1 là thứ tự xong.
  With --jobs 1 the order is the walk order; with N > 1, completion order.

Thời điểm kiểm tra / Validation time (verify --at):
  mặc định / default  theo dấu thời gian hợp lệ; không có thì tại thời điểm hiện tại
                      at a valid timestamp's time; without one, at the current time
  --at TIME           kiểm tra như thể đang ở thời điểm TIME (RFC 3339, ví dụ
                      2025-01-01T00:00:00Z, 2025-01-01T07:00:00+07:00); dấu thời gian
                      không muộn hơn TIME vẫn là bằng chứng
                      validate as if it were TIME; a timestamp no later than TIME
                      still counts as proof
  --at claimed        chữ ký không có dấu thời gian: tại thời điểm người ký tự khai,
                      không kiểm tra lại tại thời điểm hiện tại
                      signatures without a timestamp: at the signer's claimed time,
                      not re-checked at the current time
  Lựa chọn này được ghi trong báo cáo và không chứng minh điều gì.
  The choice is stated in the report and proves nothing.

Mã thoát / Exit status (verify):
  0  mọi tệp hợp lệ / every file valid (TOTAL_PASSED)
  1  có chữ ký không hợp lệ / a signature is invalid (TOTAL_FAILED)
  2  chưa xác định được, hoặc không có chữ ký / indeterminate, or no signature
  3  lỗi đầu vào / input error (missing, unreadable, unknown format)
  64 sai cú pháp lệnh / usage error
";

/// Print to stdout; a closed pipe (`kyso verify … | head`) is not an error.
macro_rules! outln {
    () => { out("\n") };
    ($($t:tt)*) => { out(&format!("{}\n", format_args!($($t)*))) };
}

fn out(s: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

const EXIT_USAGE: u8 = 64;
const EXIT_INPUT: u8 = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("verify") => verify_cmd(&args[1..]),
        Some("corpus") => corpus_cmd(&args[1..]),
        Some("--version" | "-V") => {
            outln!("kyso {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h" | "help") => {
            out(USAGE);
            ExitCode::SUCCESS
        }
        _ => usage("thiếu lệnh / missing command"),
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("kyso: {msg}\n\n{USAGE}");
    ExitCode::from(EXIT_USAGE)
}

struct VerifyArgs {
    output: batch::Output,
    jobs: usize,
    lang: Lang,
    trust: Vec<PathBuf>,
    at: kyso_core::ValidationTimeChoice,
    extract: Option<PathBuf>,
    files: Vec<PathBuf>,
}

fn parse_verify(args: &[String]) -> Result<VerifyArgs, String> {
    let mut v = VerifyArgs {
        output: batch::Output::Text,
        jobs: 1,
        lang: Lang::Vi,
        trust: Vec::new(),
        at: kyso_core::ValidationTimeChoice::Default,
        extract: None,
        files: Vec::new(),
    };
    let mut it = args.iter();
    let mut only_files = false;
    while let Some(a) = it.next() {
        if only_files {
            v.files.push(a.into());
            continue;
        }
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or(format!("{name} cần một giá trị / needs a value"))
        };
        let exclusive =
            "--json và --jsonl không dùng cùng nhau / --json and --jsonl exclude each other";
        match a.as_str() {
            "--json" | "--jsonl" => {
                let o = if a == "--json" {
                    batch::Output::Json
                } else {
                    batch::Output::Jsonl
                };
                if v.output == batch::Output::EtsiXml {
                    return Err(
                        "--etsi-xml không dùng cùng --json/--jsonl / excludes --json and --jsonl"
                            .into(),
                    );
                }
                if v.output != batch::Output::Text && v.output != o {
                    return Err(exclusive.into());
                }
                v.output = o;
            }
            "--etsi-xml" => {
                if v.output != batch::Output::Text {
                    return Err(
                        "--etsi-xml không dùng cùng --json/--jsonl / excludes --json and --jsonl"
                            .into(),
                    );
                }
                v.output = batch::Output::EtsiXml;
            }
            "--jobs" => {
                let n = value("--jobs")?;
                v.jobs = n.parse().map_err(|_| {
                    format!("--jobs: '{n}' không phải số tự nhiên / is not a whole number")
                })?;
                if v.jobs == 0 {
                    v.jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
                }
            }
            "--lang" => {
                let l = value("--lang")?;
                v.lang = Lang::parse(&l).ok_or(format!("--lang: '{l}' (vi|en)"))?;
            }
            "--trust" => v.trust.push(value("--trust")?.into()),
            "--at" => {
                let t = value("--at")?;
                v.at = kyso_core::ValidationTimeChoice::parse(&t).ok_or(format!(
                    "--at: '{t}' không phải thời điểm RFC 3339 (2025-01-01T00:00:00Z, 2025-01-01T07:00:00+07:00) hay 'claimed' / is neither an RFC 3339 time with Z or an offset nor 'claimed'"
                ))?;
            }
            "--extract-signed-revision" => {
                v.extract = Some(value("--extract-signed-revision")?.into())
            }
            "--" => only_files = true,
            s if s.starts_with("--") => {
                return Err(format!("tùy chọn không rõ / unknown option {s}"))
            }
            _ => v.files.push(a.into()),
        }
    }
    if v.files.is_empty() {
        return Err("thiếu tệp hoặc thư mục cần kiểm tra / no file or folder given".into());
    }
    if v.output == batch::Output::EtsiXml && (v.files.len() != 1 || v.files[0].is_dir()) {
        return Err("--etsi-xml: một tệp / one file (one XML report per document)".into());
    }
    Ok(v)
}

/// A report for an input that could not even be read.
fn input_error_report(path: &Path, code: &str, vi: String, en: String) -> Report {
    let mut r = Report::new(
        FileInfo {
            name: Some(display_name(path)),
            size: 0,
            sha256: String::new(),
        },
        Format::Unknown,
    );
    r.error = Some(InputError {
        code: code.into(),
        message_vi: vi,
        message_en: en,
    });
    kyso_report::verdict::finalize(&mut r);
    r
}

fn display_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn read_input(path: &Path) -> Result<input::Input, Box<Report>> {
    // Refused before reading: a file larger than the core accepts (a sparse
    // multi-GiB file took seconds and its size in memory, then this refusal).
    if let Ok(m) = std::fs::metadata(path) {
        if m.len() > kyso_core::MAX_INPUT_LEN as u64 {
            return Err(Box::new(kyso_core::refused_too_large(
                Some(&display_name(path)),
                m.len(),
            )));
        }
    }
    input::read(path).map_err(|e| Box::new(io_error_report(path, &e)))
}

/// The report for a file (or folder) that could not be read.
fn io_error_report(path: &Path, e: &std::io::Error) -> Report {
    let (code, vi) = match e.kind() {
        std::io::ErrorKind::NotFound => ("io.not_found", "Không tìm thấy tệp."),
        std::io::ErrorKind::PermissionDenied => ("io.permission_denied", "Không có quyền đọc tệp."),
        _ => ("io.unreadable", "Không đọc được tệp."),
    };
    input_error_report(
        path,
        code,
        format!("{vi} ({})", path.display()),
        format!("{e} ({})", path.display()),
    )
}

fn exit_class(r: &Report) -> u8 {
    if r.error.is_some() {
        return EXIT_INPUT;
    }
    match r.verdict.indication {
        Indication::TotalPassed => 0,
        Indication::TotalFailed => 1,
        Indication::Indeterminate | Indication::NoSignature => 2,
    }
}

fn verify_cmd(args: &[String]) -> ExitCode {
    let a = match parse_verify(args) {
        Ok(a) => a,
        Err(m) => return usage(&m),
    };
    let mut opts = kyso_core::Options {
        validation_time: a.at,
        ..Default::default()
    };
    for t in &a.trust {
        match std::fs::read(t) {
            Ok(b) => opts.extra_trust.push(b),
            Err(e) => {
                eprintln!("kyso: --trust {}: {e}", t.display());
                return ExitCode::from(EXIT_INPUT);
            }
        }
    }
    let set = batch::Settings {
        opts: &opts,
        output: a.output,
        lang: a.lang,
        extract: a.extract.as_deref(),
        jobs: a.jobs,
    };
    ExitCode::from(batch::run(&a.files, &set))
}

/// Write `DIR/<stem>.sig<N>.rev<R>.pdf`: the file's first `signed_length` bytes,
/// i.e. exactly the revision signature N covers (ISO 32000-1 §12.8.1).
fn extract(dir: &Path, path: &Path, bytes: &[u8], r: &Report) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    for s in &r.signatures {
        let Some(len) = s.signed_length.and_then(|l| usize::try_from(l).ok()) else {
            continue;
        };
        let Some(prefix) = bytes.get(..len) else {
            continue;
        };
        let name = format!(
            "{stem}.sig{}.rev{}.pdf",
            s.index + 1,
            s.revision.unwrap_or(0)
        );
        std::fs::write(dir.join(name), prefix)?;
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct CorpusRow {
    file: String,
    format: String,
    expected: String,
    got: String,
    agrees: bool,
    skipped: bool,
    why: String,
    indication: Indication,
    /// At least one signature, and every one intact (digest matches, structure sound).
    intact: bool,
    signatures: usize,
}

fn corpus_cmd(args: &[String]) -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut trust_dir: Option<PathBuf> = None;
    let (mut strict, mut json) = (false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--trust-dir" => match it.next() {
                Some(d) => trust_dir = Some(d.into()),
                None => return usage("--trust-dir cần một thư mục / needs a folder"),
            },
            "--strict" => strict = true,
            "--json" => json = true,
            s if s.starts_with("--") => {
                return usage(&format!("tùy chọn không rõ / unknown option {s}"))
            }
            _ if dir.is_none() => dir = Some(a.into()),
            _ => return usage("chỉ một thư mục / only one folder"),
        }
    }
    let Some(dir) = dir else {
        return usage("thiếu thư mục / missing folder");
    };
    let manifest = match std::fs::read_to_string(dir.join("MANIFEST.tsv")) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("kyso: {}: {e}", dir.join("MANIFEST.tsv").display());
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let rows = match corpus::parse_manifest(&manifest) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("kyso: MANIFEST.tsv: {e}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let trust_dir = trust_dir.unwrap_or_else(|| dir.join("trust"));
    let mut opts = kyso_core::Options::default();
    if let Ok(entries) = std::fs::read_dir(&trust_dir) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if matches!(ext.as_str(), "pem" | "crt" | "cer" | "der" | "p7b" | "p7c") {
                if let Ok(b) = std::fs::read(&p) {
                    opts.test_anchors.push(b);
                }
            }
        }
    }
    let mut out_rows = Vec::new();
    for row in &rows {
        let path = dir.join(&row.file);
        let report = match read_input(&path) {
            Ok(bytes) => kyso_core::verify(Some(&row.file), &bytes, &opts),
            Err(r) => *r,
        };
        let skipped = corpus::is_skipped(&report)
            || (report.error.is_none() && !corpus::format_supported(report.format));
        let (agrees, why) = match corpus::agrees(&row.expected, &report) {
            Ok(()) => (true, String::new()),
            Err(w) => (false, w),
        };
        out_rows.push(CorpusRow {
            file: row.file.clone(),
            format: row.format.clone(),
            expected: row.expected.clone(),
            got: corpus::observed(&report).to_string(),
            agrees: agrees && !skipped,
            skipped,
            why,
            indication: report.verdict.indication,
            intact: !report.signatures.is_empty() && report.signatures.iter().all(|s| s.intact),
            signatures: report.signatures.len(),
        });
    }
    let passed = out_rows.iter().filter(|r| r.agrees).count();
    let skipped = out_rows.iter().filter(|r| r.skipped).count();
    let failed = out_rows.len() - passed - skipped;
    if json {
        match serde_json::to_string_pretty(&out_rows) {
            Ok(s) => outln!("{s}"),
            Err(e) => eprintln!("kyso: {e}"),
        }
    } else {
        outln!("file\texpected\tgot\twhy");
        for r in out_rows.iter().filter(|r| !r.agrees && !r.skipped) {
            outln!("{}\t{}\t{}\t{}", r.file, r.expected, r.got, r.why);
        }
        outln!();
        outln!(
            "{:<30} {:>5} {:>7} {:>9} {:>7}",
            "expected_verdict",
            "rows",
            "agree",
            "disagree",
            "skipped"
        );
        let mut words: Vec<&str> = out_rows.iter().map(|r| r.expected.as_str()).collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            let of: Vec<&CorpusRow> = out_rows.iter().filter(|r| r.expected == w).collect();
            let a = of.iter().filter(|r| r.agrees).count();
            let s = of.iter().filter(|r| r.skipped).count();
            outln!(
                "{:<30} {:>5} {:>7} {:>9} {:>7}",
                w,
                of.len(),
                a,
                of.len() - a - s,
                s
            );
        }
        outln!();
    }
    // The closing line.
    let summary = format!("{passed} passed, {failed} failed, {skipped} skipped");
    if json {
        eprintln!("{summary}");
    } else {
        outln!("{summary}");
    }
    if strict && failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
