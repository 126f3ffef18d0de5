//! Kyso's verification pipeline.
//!
//! `bytes → detect format → signature profile → verdict`. This crate only
//! orchestrates: it records the file's facts, detects the format and hands
//! the bytes to the signature profile for it (`kyso-pades` for PDF), which
//! builds on `kyso-validation` (trust, validation time, timestamps) and the
//! CMS/PKI crates; every fact goes into a [`kyso_report::Report`], and the
//! verdict is derived by [`kyso_report::verdict::finalize`]. Front ends call
//! [`verify`] and display. Its own findings ([`codes`]) are about the input.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
mod detect;

pub use detect::detect_format;
pub use kyso_report as report;
pub use kyso_report::ValidationTimeChoice;

use kyso_report::{FileInfo, Format, InputError, Report};
use sha2::{Digest, Sha256};

/// Largest input verified, in bytes: the one limit, [`kyso_report::MAX_INPUT_LEN`]
/// (front ends check it before reading, see [`refused_too_large`]).
pub const MAX_INPUT_LEN: usize = kyso_report::MAX_INPUT_LEN as usize;

/// The report for a file larger than [`MAX_INPUT_LEN`], built from its size
/// alone: front ends call this instead of reading the file.
pub fn refused_too_large(name: Option<&str>, size: u64) -> Report {
    unread(name, size, kyso_report::input_too_large(size))
}

/// The report for an input that was not read (to the end): `error` says
/// why; the verdict is finalised with it.
fn unread(name: Option<&str>, size: u64, error: InputError) -> Report {
    let mut report = Report::new(
        FileInfo {
            name: name.map(str::to_owned),
            size,
            sha256: String::new(),
        },
        Format::Unknown,
    );
    report.error = Some(error);
    kyso_report::verdict::finalize(&mut report);
    report
}

/// What the caller decides; everything else is policy in the core.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra trust anchors or intermediates (DER or PEM certificates, or a
    /// PKCS#7 bundle), added by the user for this verification (CLI `--trust`,
    /// portal settings). Self-signed ones become anchors; others intermediates.
    pub extra_trust: Vec<Vec<u8>>,
    /// Test anchors (`kyso corpus`'s trust folder): trusted for this
    /// verification only and labelled as test roots. Never set by default.
    pub test_anchors: Vec<Vec<u8>>,
    /// Validation "now", unix seconds. `None`: the system clock natively;
    /// front ends on wasm pass `Date.now()`.
    pub now: Option<i64>,
    /// The validation time the user chose (CLI `--at`, portal settings);
    /// [`ValidationTimeChoice::Default`] unless the user asked. Recorded in
    /// `Report::validation_time_choice` and stated by the finding
    /// `core.trust.user_validation_time`; its semantics are those of
    /// `kyso_validation::trust::Clock` (see [`ValidationTimeChoice`]).
    pub validation_time: ValidationTimeChoice,
    /// How deep inside another document this input sits (0: the file the
    /// user gave). Documents nested deeper than [`MAX_NESTING`] are listed,
    /// not verified.
    pub nesting: u8,
}

impl Options {
    /// What a signature profile needs of these options.
    pub fn validation(&self) -> kyso_validation::ValidationOptions<'_> {
        kyso_validation::ValidationOptions {
            extra_trust: &self.extra_trust,
            test_anchors: &self.test_anchors,
            now: self.now,
            validation_time: self.validation_time,
        }
    }
}

/// Documents inside documents are verified this deep (a PDF's embedded
/// file, and that file's own embedded file); deeper ones are only listed,
/// so a file that embeds itself costs at most three verifications.
pub const MAX_NESTING: u8 = 2;
/// At most this many embedded files of one document are verified.
pub const MAX_NESTED_FILES: usize = 16;

/// Verify one input. Never panics on any input; an unreadable input yields a
/// report whose `error` says why.
pub fn verify(name: Option<&str>, bytes: &[u8], opts: &Options) -> Report {
    verify_detached(name, bytes, None, opts)
}

pub use kyso_pades::Progress;
#[cfg(not(target_arch = "wasm32"))]
pub use kyso_source::FileSource;
pub use kyso_source::{Bytes, ReadError, Source};

/// The first bytes read to recognise the format of an input read through a
/// [`Source`].
const HEAD_LEN: u64 = 1024;

/// Whether `head`, the first bytes of an input, is a PDF that can be read
/// through a source: `%PDF-` at the start, or within the first kilobyte of
/// an input that is not DER (a CMS file may carry a PDF inside). A damaged
/// header is left to [`detect::detect_format`] over the whole input.
fn streamed_pdf(head: &[u8]) -> bool {
    head.starts_with(b"%PDF-")
        || (head.first() != Some(&0x30) && memchr::memmem::find(head, b"%PDF-").is_some())
}

/// Verify one input read through a [`Source`] (a file on disk, a browser
/// `File` in the worker). A PDF is never held whole: the parser reads what
/// its structure needs, and the signed ranges and the file's SHA-256 are
/// computed in one chunked pass (`progress(done, total)` as it goes). Other
/// formats are read whole, up to [`kyso_report::MAX_WHOLE_INPUT_LEN`]. An
/// input above [`MAX_INPUT_LEN`] is refused unread.
pub fn verify_source(
    name: Option<&str>,
    src: &dyn Source,
    opts: &Options,
    progress: Option<Progress<'_>>,
) -> Report {
    verify_source_with(name, src, opts, progress, &KnownDigests::default())
}

pub use kyso_pades::{byte_range_keys, DigestAlg, DigestPlan, KnownDigests};

/// What verifying `src` will hash, when it is a PDF read through a source
/// ([`verify_source`]) of at most [`MAX_INPUT_LEN`] bytes: for a front end
/// that hashes faster than the core (the browser's WebCrypto runs SHA-256
/// 3–5× faster than SHA-256 compiled to wasm) and passes the digests to
/// [`verify_source_with`]. `None` for anything else: verify it as usual.
pub fn digest_plan(src: &dyn Source) -> Option<DigestPlan> {
    let len = src.len();
    if len > kyso_report::MAX_INPUT_LEN {
        return None;
    }
    let head = kyso_source::read_range(src, 0, len.min(HEAD_LEN)).ok()?;
    if !streamed_pdf(&head) {
        return None;
    }
    kyso_pades::digest_plan(src)
}

/// [`verify_source`] with digests the caller computed over the same bytes
/// ([`digest_plan`]); they are used as given, never computed again.
pub fn verify_source_with(
    name: Option<&str>,
    src: &dyn Source,
    opts: &Options,
    progress: Option<Progress<'_>>,
    known: &KnownDigests,
) -> Report {
    let len = src.len();
    if len > kyso_report::MAX_INPUT_LEN {
        return refused_too_large(name, len);
    }
    let head = match kyso_source::read_range(src, 0, len.min(HEAD_LEN)) {
        Ok(h) => h.into_owned(),
        Err(e) => return unreadable(name, len, &e),
    };
    if !streamed_pdf(&head) {
        if len > kyso_report::MAX_WHOLE_INPUT_LEN {
            // Finalised with this error: the summary says why (it said the
            // 4 GiB limit when the error was overwritten after finalising).
            return unread(
                name,
                len,
                kyso_report::input_too_large_whole(len, "không phải PDF", "non-PDF"),
            );
        }
        return match kyso_source::read_range(src, 0, len) {
            Ok(bytes) => verify_detached(name, &bytes, None, opts),
            Err(e) => unreadable(name, len, &e),
        };
    }
    let mut report = Report::new(
        FileInfo {
            name: name.map(str::to_owned),
            size: len,
            sha256: String::new(),
        },
        Format::Pdf,
    );
    report.validation_time_choice = opts.validation_time;
    let mut digest = None;
    guarded(&mut report, |report| {
        let verify_child = child_verifier(opts);
        let nested = kyso_pades::Nested {
            verify: &verify_child,
            max_files: MAX_NESTED_FILES,
        };
        let nested = (opts.nesting < MAX_NESTING).then_some(&nested);
        digest =
            kyso_pades::verify_pdf_source(src, &opts.validation(), nested, report, progress, known);
    });
    // The pass did not run (no signature, or the structure was unreadable):
    // the fingerprint in chunks of its own, unless the caller computes it
    // after the verdict (`file.sha256` left empty for it to fill in).
    let digest = match digest.or_else(|| known.file_sha256.clone()) {
        Some(d) => Ok(Some(d)),
        None if known.fingerprint_later => Ok(None),
        None => fingerprint(src, progress).map(Some),
    };
    match digest {
        Ok(Some(d)) => report.file.sha256 = hex::encode(d),
        Ok(None) => {}
        Err(e) => return unreadable(name, len, &e),
    }
    if !report.signatures.is_empty() {
        if let Some(f) = kyso_validation::trust::user_choice_finding(opts.validation_time) {
            report.findings.insert(0, f);
        }
    }
    kyso_report::verdict::finalize(&mut report);
    report
}

/// The SHA-256 fingerprint of the whole of `src` (a report's `file.sha256`,
/// hex-encoded there), in chunks; `progress(done, total)` as it goes. For a
/// caller that asked for it later ([`KnownDigests::fingerprint_later`]) and
/// could not compute it itself.
pub fn fingerprint(src: &dyn Source, progress: Option<Progress<'_>>) -> Result<Vec<u8>, ReadError> {
    let len = src.len();
    let mut h = Sha256::new();
    kyso_source::for_each_chunk(src, 0, len, |off, c| {
        h.update(c);
        if let Some(p) = progress {
            p(off + c.len() as u64, len);
        }
    })
    .map(|()| h.finalize().to_vec())
}

/// The report for an input that could not be read (`input.unreadable`).
fn unreadable(name: Option<&str>, size: u64, e: &ReadError) -> Report {
    unread(name, size, kyso_report::input_unreadable(&e.0))
}

pub use kyso_report::detached_partner_name;

/// Verify a detached signature file (`.p7s`) together with the file it signs
/// (`X` beside `X.p7s`, or the file the user chose for it): `signed` is that
/// file's name and bytes. For any other input `signed` is not used and the
/// result is [`verify`]'s.
pub fn verify_detached(
    name: Option<&str>,
    bytes: &[u8],
    signed: Option<(&str, &[u8])>,
    opts: &Options,
) -> Report {
    // A PDF alone goes through the source path: one chunked pass for its
    // fingerprint and signed ranges.
    if signed.is_none()
        && (bytes.len() as u64) <= kyso_report::MAX_INPUT_LEN
        && streamed_pdf(&bytes[..bytes.len().min(HEAD_LEN as usize)])
    {
        return verify_source(name, &Bytes(bytes), opts, None);
    }
    let file = FileInfo {
        name: name.map(str::to_owned),
        size: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(bytes)),
    };
    let format = detect_format(bytes);
    let mut report = Report::new(file, format);
    report.validation_time_choice = opts.validation_time;
    if bytes.len() as u64 > kyso_report::MAX_INPUT_LEN {
        report.error = Some(kyso_report::input_too_large(bytes.len() as u64));
    } else if bytes.len() as u64 > kyso_report::MAX_WHOLE_INPUT_LEN && format != Format::Pdf {
        report.error = Some(kyso_report::input_too_large_whole(
            bytes.len() as u64,
            "không phải PDF",
            "non-PDF",
        ));
    } else {
        guarded(&mut report, |report| {
            run(name, format, bytes, signed, opts, report)
        });
    }
    // The user's choice of validation time, first among the document's
    // findings, wherever a signature was validated at it.
    if !report.signatures.is_empty() {
        if let Some(f) = kyso_validation::trust::user_choice_finding(opts.validation_time) {
            report.findings.insert(0, f);
        }
    }
    kyso_report::verdict::finalize(&mut report);
    report
}

fn run(
    name: Option<&str>,
    format: Format,
    bytes: &[u8],
    signed: Option<(&str, &[u8])>,
    opts: &Options,
    report: &mut Report,
) {
    match format {
        Format::Unknown => {
            report.error = Some(InputError {
                code: codes::INPUT_UNKNOWN_FORMAT.into(),
                message_vi: "Không nhận dạng được định dạng tệp (không phải PDF, CMS/PKCS#7, XML, Office, edXML hay chứng thư số).".into(),
                message_en: "The file format was not recognised (not PDF, CMS/PKCS#7, XML, Office, edXML or a certificate).".into(),
            });
        }
        Format::Pdf => pdf_pipeline(bytes, opts, report),
        Format::Certificate => certificate_input(bytes, opts, report),
        Format::Cms => {
            let verify_child = child_verifier(opts);
            let nested = kyso_validation::Nested {
                verify: &verify_child,
                max_files: 1,
            };
            let nested = (opts.nesting < MAX_NESTING).then_some(&nested);
            kyso_cades::verify_cms_file(
                name,
                bytes,
                signed.map(|(_, b)| b),
                &opts.validation(),
                nested,
                report,
            );
        }
        Format::Xml => {
            kyso_xades::verify_xml_document(bytes, &opts.validation(), None, report);
        }
        Format::Edxml => {
            let verify_child = child_verifier(opts);
            let nested = kyso_validation::Nested {
                verify: &verify_child,
                max_files: MAX_NESTED_FILES,
            };
            let nested = (opts.nesting < MAX_NESTING).then_some(&nested);
            kyso_edxml::verify_edxml(name, bytes, &opts.validation(), nested, report);
        }
        Format::Ooxml => kyso_package::verify_ooxml(bytes, &opts.validation(), report),
        Format::Odf => kyso_package::verify_odf(bytes, &opts.validation(), report),
    }
}

/// How a profile verifies a document inside the one it reads: the whole
/// pipeline, one level deeper (down to [`MAX_NESTING`]).
fn child_verifier(opts: &Options) -> impl Fn(&str, &[u8]) -> Report + '_ {
    move |name: &str, data: &[u8]| {
        let child_opts = Options {
            nesting: opts.nesting + 1,
            ..opts.clone()
        };
        verify(Some(name), data, &child_opts)
    }
}

fn pdf_pipeline(bytes: &[u8], opts: &Options, report: &mut Report) {
    let verify_child = child_verifier(opts);
    let nested = kyso_pades::Nested {
        verify: &verify_child,
        max_files: MAX_NESTED_FILES,
    };
    let nested = (opts.nesting < MAX_NESTING).then_some(&nested);
    kyso_pades::verify_pdf(bytes, &opts.validation(), nested, report);
}

/// A certificate file: described by `kyso_validation::certfile`; an
/// unreadable one is an input error.
fn certificate_input(bytes: &[u8], opts: &Options, report: &mut Report) {
    if let Err(e) =
        kyso_validation::certfile::describe_certificate_file(bytes, &opts.validation(), report)
    {
        report.error = Some(InputError {
            code: codes::INPUT_CERTIFICATE_UNREADABLE.into(),
            message_vi: "Tệp trông như chứng thư số nhưng không đọc được.".into(),
            message_en: format!("The file looks like a certificate but could not be read: {e}."),
        });
    }
}

/// Run a pipeline stage so that an internal bug (a panic) becomes a report
/// error instead of taking the caller down. On wasm (panic = abort) this is a
/// plain call; the code paths are written not to panic in the first place.
fn guarded(report: &mut Report, f: impl FnOnce(&mut Report)) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut scratch = report.clone();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            f(&mut scratch);
            scratch
        }));
        match outcome {
            Ok(done) => *report = done,
            Err(_) => {
                report.error = Some(InputError {
                    code: codes::INTERNAL_ERROR.into(),
                    message_vi: "Lỗi nội bộ của Kyso khi kiểm tra tệp này; xin báo lỗi kèm tệp. Không có kết luận nào về chữ ký.".into(),
                    message_en: "Kyso hit an internal error on this file; please report it with the file. No conclusion is drawn about its signatures.".into(),
                });
            }
        }
    }
    #[cfg(target_arch = "wasm32")]
    f(report);
}

#[cfg(test)]
mod tests {

    /// A source as long as asked, all zeros, never allocated.
    struct Zeros(u64);
    impl Source for Zeros {
        fn len(&self) -> u64 {
            self.0
        }
        fn read_at(&self, _: u64, buf: &mut [u8]) -> Result<(), ReadError> {
            buf.fill(0);
            Ok(())
        }
    }

    #[test]
    fn a_large_non_pdf_is_refused_unread_with_its_own_reason_in_the_summary() {
        let r = verify_source(
            Some("big.bin"),
            &Zeros(600 << 20),
            &Options::default(),
            None,
        );
        let e = r.error.as_ref().expect("refused");
        assert_eq!(e.code, kyso_report::INPUT_TOO_LARGE);
        assert!(e.message_en.contains("512 MiB"), "{}", e.message_en);
        assert!(
            r.verdict.summary_en.contains("512 MiB"),
            "{}",
            r.verdict.summary_en
        );
        let r = verify_source(Some("huge.bin"), &Zeros(5 << 30), &Options::default(), None);
        assert!(
            r.verdict.summary_en.contains("4 GiB"),
            "{}",
            r.verdict.summary_en
        );
    }

    use super::*;

    use kyso_report::Indication;

    #[test]
    fn unknown_bytes_are_an_input_error() {
        let r = verify(Some("x.bin"), b"hello", &Options::default());
        assert_eq!(r.error.as_ref().unwrap().code, codes::INPUT_UNKNOWN_FORMAT);
        assert_ne!(r.verdict.indication, Indication::TotalPassed);
        assert_eq!(r.file.size, 5);
        assert_eq!(
            r.file.sha256,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
    }

    #[test]
    fn unsigned_xml_has_no_signature() {
        let r = verify(None, b"<?xml version=\"1.0\"?><a/>", &Options::default());
        assert_eq!(r.format, Format::Xml);
        assert!(r.error.is_none());
        assert!(r.signatures.is_empty());
        assert_eq!(r.verdict.indication, Indication::NoSignature);
        assert!(!r
            .findings
            .iter()
            .any(|f| f.code == codes::FORMAT_NOT_VERIFIED_YET));
    }

    #[test]
    fn a_format_not_verified_never_reads_as_unsigned() {
        // An ODF package's first entry (ODF 1.2 Part 3 §3.3): `mimetype`, stored.
        let mut odf = b"PK\x03\x04".to_vec();
        odf.extend_from_slice(&[0u8; 22]);
        odf.extend_from_slice(&[8, 0, 0, 0]);
        odf.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        let r = verify(Some("a.odt"), &odf, &Options::default());
        assert_eq!(r.format, Format::Odf);
        assert_ne!(r.verdict.indication, Indication::TotalPassed);
        if r.findings
            .iter()
            .any(|f| f.code == codes::FORMAT_NOT_VERIFIED_YET)
        {
            assert!(r.verdict.summary_en.contains("cannot verify signatures"));
            assert!(!r
                .verdict
                .summary_en
                .contains("carries no digital signature"));
        }
    }

    #[test]
    fn a_panicking_stage_becomes_an_error() {
        let mut r = Report::new(
            FileInfo {
                name: None,
                size: 0,
                sha256: String::new(),
            },
            Format::Pdf,
        );
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        guarded(&mut r, |_| panic!("boom"));
        std::panic::set_hook(prev);
        assert_eq!(r.error.unwrap().code, codes::INTERNAL_ERROR);
    }
}
