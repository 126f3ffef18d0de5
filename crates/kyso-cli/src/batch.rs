//! Many files at once: `kyso verify [--jobs N] [--json | --jsonl] PATH...`.
//!
//! - **What is verified.** Each PATH is a file or a folder. A folder is walked
//!   recursively, depth first, each folder's entries in byte order of their
//!   names, so the order of `--jobs 1` is the same on every run. Only regular
//!   files are verified (and links to regular files); links to folders are
//!   not followed, so a link cannot make a loop; FIFOs, sockets and devices
//!   are skipped (reading a FIFO would block). A folder that cannot be listed,
//!   or a link whose target is missing, is an input error (exit 3) like a
//!   missing file. A folder without files is not an error.
//! - **Detached signatures.** `X.p7s` (or `X.sig`) beside `X` in a folder is
//!   verified with `X`, and `X` is not verified again on its own: the rule
//!   for files named on the command line, where `X` may also be given
//!   explicitly from elsewhere.
//! - **Workers.** `--jobs N` threads (the calling thread is one of them) take
//!   the next file from one shared walker, then read, verify, serialise and
//!   write it, and drop it. Nothing is kept per file but the counters of the
//!   summary: memory is that of `N` files in flight plus the listings of the
//!   folders on the current walk path, whatever the number of files.
//! - **Output.** Each file's output (a rendered report, a pretty JSON report
//!   in the array of `--json`, or one JSONL line) is written whole under one
//!   lock, never interleaved; with `--jobs 1` in walk order, otherwise in
//!   completion order. `--jsonl` ends with one `{"summary": …}` line; `--json`
//!   streams its array too (the same bytes as before for files named on the
//!   command line), so a large batch does not pile up in memory either way.
//! - **Exit status**: the worst over every file, as for one file.

use crate::{exit_class, io_error_report, read_input, EXIT_INPUT};
use kyso_report::{Indication, Lang, Report};
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// How each file's result is printed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Output {
    /// The rendered report (`render.rs`).
    Text,
    /// A pretty JSON report, or an array of them.
    Json,
    /// One compact JSON object per line, then a summary line.
    Jsonl,
    /// The ETSI TS 119 102-2 validation report (XML) of one file
    /// (`kyso-report-etsi`); a file without signatures has none.
    EtsiXml,
}

/// What a batch needs besides the paths.
pub struct Settings<'a> {
    pub opts: &'a kyso_core::Options,
    pub output: Output,
    pub lang: Lang,
    pub extract: Option<&'a Path>,
    /// Worker threads, at least 1.
    pub jobs: usize,
}

/// One input to verify.
struct Job {
    path: PathBuf,
    /// The file a detached signature `path` signs, when it was found.
    partner: Option<PathBuf>,
    /// Found by walking a folder, not named on the command line.
    walked: bool,
    /// A folder (or folder entry) that could not be read.
    error: Option<io::Error>,
}

impl Job {
    fn file(path: PathBuf, partner: Option<PathBuf>, walked: bool) -> Job {
        Job {
            path,
            partner,
            walked,
            error: None,
        }
    }
}

enum Top {
    File(Job),
    Dir(PathBuf),
}

enum Kind {
    /// A file to verify, with the name of its detached partner if any.
    File(Option<OsString>),
    Dir,
    /// An entry that could not be inspected.
    Error(io::Error),
}

/// One folder on the walk path: its remaining entries, sorted by name.
struct Frame {
    dir: PathBuf,
    entries: std::vec::IntoIter<(OsString, Kind)>,
}

/// The files to verify, produced one at a time, in a deterministic order.
struct Walker {
    top: std::vec::IntoIter<Top>,
    stack: Vec<Frame>,
}

fn name_of(p: &Path) -> String {
    crate::display_name(p)
}

impl Walker {
    /// Classify the command-line PATHs and pair the files among them:
    /// `X.p7s` is verified with the `X` given on the command line (which is
    /// then not verified on its own), else with the `X` beside it.
    fn new(paths: &[PathBuf]) -> (Walker, bool) {
        let is_dir = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.is_dir());
        let files: Vec<&PathBuf> = paths.iter().filter(|p| !is_dir(p)).collect();
        let stem_of = |p: &Path| kyso_core::detached_partner_name(&name_of(p)).map(str::to_owned);
        let given_partner = |p: &Path| -> Option<PathBuf> {
            let stem = stem_of(p)?;
            files
                .iter()
                .find(|f| f.file_name().is_some_and(|n| n.to_string_lossy() == stem))
                .map(|f| (*f).clone())
        };
        let consumed: Vec<PathBuf> = files.iter().filter_map(|p| given_partner(p)).collect();
        let mut any_dir = false;
        let mut top = Vec::new();
        for p in paths {
            if is_dir(p) {
                any_dir = true;
                top.push(Top::Dir(p.clone()));
            } else if !consumed.contains(p) {
                let partner = given_partner(p).or_else(|| {
                    let beside = p.with_file_name(stem_of(p)?);
                    beside.is_file().then_some(beside)
                });
                top.push(Top::File(Job::file(p.clone(), partner, false)));
            }
        }
        let w = Walker {
            top: top.into_iter(),
            stack: Vec::new(),
        };
        (w, any_dir)
    }

    /// How many files, when no folder was given (known in advance).
    fn len_without_dirs(&self) -> usize {
        self.top.len()
    }

    fn next_job(&mut self) -> Option<Job> {
        loop {
            if let Some(frame) = self.stack.last_mut() {
                let Some((name, kind)) = frame.entries.next() else {
                    self.stack.pop();
                    continue;
                };
                let path = frame.dir.join(&name);
                match kind {
                    Kind::File(partner) => {
                        let partner = partner.map(|p| frame.dir.join(p));
                        return Some(Job::file(path, partner, true));
                    }
                    Kind::Error(e) => {
                        return Some(Job {
                            error: Some(e),
                            ..Job::file(path, None, true)
                        })
                    }
                    Kind::Dir => {
                        if let Some(job) = self.enter(path) {
                            return Some(job);
                        }
                    }
                }
                continue;
            }
            match self.top.next()? {
                Top::File(job) => return Some(job),
                Top::Dir(dir) => {
                    if let Some(job) = self.enter(dir) {
                        return Some(job);
                    }
                }
            }
        }
    }

    /// Push a folder's listing; a folder that cannot be listed is returned
    /// as a job carrying the error.
    fn enter(&mut self, dir: PathBuf) -> Option<Job> {
        match list(&dir) {
            Ok(entries) => {
                self.stack.push(Frame {
                    dir,
                    entries: entries.into_iter(),
                });
                None
            }
            Err(e) => Some(Job {
                error: Some(e),
                ..Job::file(dir, None, true)
            }),
        }
    }
}

/// A folder's entries sorted by name, files paired with their detached
/// signatures: `X.p7s` carries `X` as its partner and `X` is left out.
fn list(dir: &Path) -> io::Result<Vec<(OsString, Kind)>> {
    let mut files: Vec<OsString> = Vec::new();
    let mut out: Vec<(OsString, Kind)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // Unnamed: reported against the folder itself.
                out.push((OsString::new(), Kind::Error(e)));
                continue;
            }
        };
        let name = entry.file_name();
        let ft = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                out.push((name, Kind::Error(e)));
                continue;
            }
        };
        if ft.is_dir() {
            out.push((name, Kind::Dir));
        } else if ft.is_file() {
            files.push(name);
        } else if ft.is_symlink() {
            // Links to files are verified; links to folders are not
            // followed (no loops); a dangling link is reported missing.
            match std::fs::metadata(entry.path()) {
                Ok(m) if m.is_file() => files.push(name),
                Ok(_) => {}
                Err(_) => files.push(name),
            }
        }
    }
    files.sort_unstable();
    let has = |n: &str| {
        files
            .binary_search_by(|f| f.as_os_str().cmp(std::ffi::OsStr::new(n)))
            .is_ok()
    };
    let mut consumed: Vec<OsString> = Vec::new();
    let mut paired: Vec<(OsString, Kind)> = Vec::with_capacity(files.len());
    for f in &files {
        let lossy = f.to_string_lossy();
        let partner = kyso_core::detached_partner_name(&lossy)
            .filter(|stem| has(stem))
            .map(OsString::from);
        if let Some(p) = &partner {
            consumed.push(p.clone());
        }
        paired.push((f.clone(), Kind::File(partner)));
    }
    consumed.sort_unstable();
    drop(files);
    out.extend(
        paired
            .into_iter()
            .filter(|(n, _)| consumed.binary_search(n).is_err()),
    );
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The counters of the summary, and the output state, behind one lock.
#[derive(Default)]
struct Sink {
    files: u64,
    bytes: u64,
    passed: u64,
    failed: u64,
    indeterminate: u64,
    no_signature: u64,
    input_errors: u64,
    /// `--json`: the array has been opened (an element was written).
    array_open: bool,
    /// `--json`: one bare report, no array (exactly one file named).
    bare: bool,
    /// `--extract-signed-revision` (or serialising a report) failed: stop,
    /// exit 3, as with one file.
    fatal: bool,
}

impl Sink {
    fn count(&mut self, class: u8, r: &Report) {
        self.files += 1;
        self.bytes += r.file.size;
        match class {
            EXIT_INPUT => self.input_errors += 1,
            _ => match r.verdict.indication {
                Indication::TotalPassed => self.passed += 1,
                Indication::TotalFailed => self.failed += 1,
                Indication::Indeterminate => self.indeterminate += 1,
                Indication::NoSignature => self.no_signature += 1,
            },
        }
    }

    fn exit(&self) -> u8 {
        if self.fatal || self.input_errors > 0 {
            EXIT_INPUT
        } else if self.failed > 0 {
            1
        } else if self.indeterminate + self.no_signature > 0 {
            2
        } else {
            0
        }
    }
}

#[derive(serde::Serialize)]
struct Line<'a> {
    path: &'a str,
    indication: Indication,
    exit: u8,
    report: &'a Report,
}

#[derive(serde::Serialize)]
struct Summary {
    files: u64,
    bytes: u64,
    total_passed: u64,
    total_failed: u64,
    indeterminate: u64,
    no_signature: u64,
    input_errors: u64,
    exit: u8,
    jobs: usize,
    seconds: f64,
}

fn write_out(s: &[u8]) -> io::Result<()> {
    let mut o = io::stdout().lock();
    o.write_all(s)?;
    o.flush()
}

/// Verify every file under `paths`; the exit status is the worst class.
pub fn run(paths: &[PathBuf], set: &Settings) -> u8 {
    let start = Instant::now();
    let (walker, any_dir) = Walker::new(paths);
    // Text: a blank line after each report when several paths were given.
    let several = any_dir || paths.len() > 1;
    let sink = Mutex::new(Sink {
        bare: !any_dir && walker.len_without_dirs() == 1,
        ..Sink::default()
    });
    let walker = Mutex::new(walker);
    // A closed stdout (`| head`) or a failed extraction: take no more files.
    let stop = AtomicBool::new(false);
    let work = || worker(&walker, &sink, &stop, set, several);
    std::thread::scope(|s| {
        for i in 1..set.jobs {
            // The size of the main thread's stack, for the same inputs.
            let spawned = std::thread::Builder::new()
                .name(format!("kyso-verify-{i}"))
                .stack_size(8 << 20)
                .spawn_scoped(s, work);
            if let Err(e) = spawned {
                eprintln!("kyso: --jobs: {e}");
                break;
            }
        }
        work();
    });
    let sink = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    let tail = match set.output {
        Output::Json if !sink.bare && sink.array_open => "\n]\n".to_string(),
        Output::Json if !sink.bare && !sink.fatal => "[]\n".to_string(),
        Output::Jsonl => {
            let summary = Summary {
                files: sink.files,
                bytes: sink.bytes,
                total_passed: sink.passed,
                total_failed: sink.failed,
                indeterminate: sink.indeterminate,
                no_signature: sink.no_signature,
                input_errors: sink.input_errors,
                exit: sink.exit(),
                jobs: set.jobs,
                seconds: (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            };
            #[derive(serde::Serialize)]
            struct Last {
                summary: Summary,
            }
            let line = serde_json::to_string(&Last { summary }).unwrap_or_default();
            format!("{line}\n")
        }
        _ => String::new(),
    };
    let _ = write_out(tail.as_bytes());
    sink.exit()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A worker that panicked held no lock while verifying; go on.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn worker(
    walker: &Mutex<Walker>,
    sink: &Mutex<Sink>,
    stop: &AtomicBool,
    set: &Settings,
    several: bool,
) {
    while !stop.load(Ordering::Relaxed) {
        let Some(job) = lock(walker).next_job() else {
            return;
        };
        let mut r = match verify(&job, set) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("kyso: --extract-signed-revision {e}");
                lock(sink).fatal = true;
                stop.store(true, Ordering::Relaxed);
                return;
            }
        };
        let class = exit_class(&r);
        // Serialised outside the lock; only the write is under it.
        let text = match set.output {
            Output::Text => {
                if job.walked {
                    // Folders may hold files of the same name: say which.
                    r.file.name = Some(job.path.display().to_string());
                }
                let mut t = crate::render::render(&r, set.lang);
                if several {
                    t.push('\n');
                }
                Ok(t)
            }
            Output::Json => serde_json::to_string_pretty(&r),
            Output::EtsiXml => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64);
                Ok(match kyso_report_etsi::to_xml(&r, kyso_report::Time(now)) {
                    Ok(x) => x,
                    Err(e) => {
                        eprintln!("kyso: {}: {e}", job.path.display());
                        String::new()
                    }
                })
            }
            Output::Jsonl => {
                let path = job.path.to_string_lossy();
                let line = Line {
                    path: &path,
                    indication: r.verdict.indication,
                    exit: class,
                    report: &r,
                };
                serde_json::to_string(&line).map(|s| s + "\n")
            }
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("kyso: {e}");
                lock(sink).fatal = true;
                stop.store(true, Ordering::Relaxed);
                return;
            }
        };
        let mut g = lock(sink);
        g.count(class, &r);
        let written = match set.output {
            Output::Json if g.bare => write_out(format!("{text}\n").as_bytes()),
            Output::Json => {
                // The bytes `to_string_pretty` gives for an array, streamed:
                // each element indented by two spaces (JSON strings hold no
                // raw newline, so this touches only the layout).
                let sep = if g.array_open { ",\n  " } else { "[\n  " };
                g.array_open = true;
                write_out(format!("{sep}{}", text.replace('\n', "\n  ")).as_bytes())
            }
            _ => write_out(text.as_bytes()),
        };
        drop(g);
        if written.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

/// Read, verify, extract: one file's report.
fn verify(job: &Job, set: &Settings) -> io::Result<Report> {
    if let Some(e) = &job.error {
        return Ok(io_error_report(&job.path, e));
    }
    // Alone (no detached partner, nothing to extract): read through the
    // file, never whole; a PDF of any size takes a few MiB.
    if job.partner.is_none() && set.extract.is_none() {
        let src = match kyso_core::FileSource::open(&job.path) {
            Ok(s) => s,
            Err(e) => return Ok(io_error_report(&job.path, &e)),
        };
        return Ok(kyso_core::verify_source(
            Some(&name_of(&job.path)),
            &src,
            set.opts,
            None,
        ));
    }
    let bytes = match read_input(&job.path) {
        Ok(b) => b,
        Err(r) => return Ok(*r),
    };
    let signed = job.partner.as_ref().and_then(|p| {
        let data = crate::input::read(p).ok()?;
        Some((name_of(p), data))
    });
    let r = kyso_core::verify_detached(
        Some(&name_of(&job.path)),
        &bytes,
        signed.as_ref().map(|(n, d)| (n.as_str(), &d[..])),
        set.opts,
    );
    if let Some(dir) = set.extract {
        crate::extract(dir, &job.path, &bytes, &r)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    }
    Ok(r)
}
