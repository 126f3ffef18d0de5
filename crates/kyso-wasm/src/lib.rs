//! WebAssembly binding of the Kyso core, used by the verifier's Web Worker
//! (`kyso-worker`), which the portal, the `<kyso-verifier>` widget and the
//! `kyso.js` API all talk to. It holds **no verification logic**: it turns
//! JavaScript values into [`kyso_core::Options`], calls [`kyso_core::verify`],
//! and hands the [`kyso_report::Report`] back as a plain JavaScript object
//! whose shape is the report's JSON form (`docs/report.md`).
//!
//! ```js
//! const report = verify("decree.pdf", bytes, { extra_trust: [derBytes], now: Date.now() / 1000, at: "claimed" });
//! report.verdict.summary_vi
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use js_sys::{Array, Reflect, Uint8Array};
use kyso_core::{Options, ValidationTimeChoice};
use kyso_report::Report;
use serde::Serialize as _;
use wasm_bindgen::prelude::*;

/// Largest number of extra trust anchors accepted from the caller: the
/// portal's settings panel is for a handful of certificates, not a trust list.
pub const MAX_EXTRA_TRUST: u32 = 256;

/// Largest single extra trust anchor, bytes (a `.p7b` bundle of a few dozen
/// certificates is well below this).
pub const MAX_TRUST_ITEM_BYTES: u32 = 4 * 1024 * 1024;

/// Verify `bytes` (the whole file as received) and return the report as a
/// JavaScript object.
///
/// `options` may be `undefined`/`null` or an object with
/// - `extra_trust`: an array of `Uint8Array` (DER or PEM certificates or
///   PKCS#7 bundles) the user chose to trust;
/// - `now`: validation time in unix **seconds** (fractional allowed); when
///   absent the core's default applies.
/// - `at`: the validation time the user chose ([`kyso_core::ValidationTimeChoice`]):
///   `"claimed"`, an RFC 3339 time with `Z` or an offset
///   (`"2025-01-01T00:00:00Z"`), or `undefined`/`null`/`"default"` for
///   Kyso's default. The report states the choice.
///
/// Errors only when the options are malformed; any input file yields a report.
#[wasm_bindgen]
pub fn verify(name: Option<String>, bytes: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    let opts = options_from_js(&options)?;
    let report = kyso_core::verify(name.as_deref(), bytes, &opts);
    report_to_js(&report)
}

/// [`verify`] for a detached signature file (`X.p7s`) together with the file
/// it signs (`signed_name`, `signed_bytes`): `kyso_core::verify_detached`.
#[wasm_bindgen]
pub fn verify_detached(
    name: Option<String>,
    bytes: &[u8],
    signed_name: String,
    signed_bytes: &[u8],
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts = options_from_js(&options)?;
    let report = kyso_core::verify_detached(
        name.as_deref(),
        bytes,
        Some((signed_name.as_str(), signed_bytes)),
        &opts,
    );
    report_to_js(&report)
}

/// A `Blob` (a dropped `File`) read slice by slice with `FileReaderSync`,
/// which a worker may call synchronously: the parser reads the parts it
/// needs and the digests stream through it, so a file of a gigabyte never
/// sits in the worker's memory (nor in wasm's) as a whole.
pub struct BlobSource {
    blob: web_sys::Blob,
    reader: web_sys::FileReaderSync,
    len: u64,
}

impl BlobSource {
    /// A source over `blob`; an error outside a worker (no `FileReaderSync`).
    pub fn new(blob: web_sys::Blob) -> Result<Self, JsValue> {
        let reader = web_sys::FileReaderSync::new()?;
        let len = blob.size() as u64;
        Ok(BlobSource { blob, reader, len })
    }
}

/// Where a read of `n` bytes at `offset` ends, or the error when it goes
/// beyond a file of `len` bytes.
fn read_end(offset: u64, n: usize, len: u64) -> Result<u64, kyso_core::ReadError> {
    offset
        .checked_add(n as u64)
        .filter(|&e| e <= len)
        .ok_or_else(|| {
            kyso_core::ReadError(format!("read of {n} bytes at {offset} is beyond the file"))
        })
}

impl kyso_core::Source for BlobSource {
    fn len(&self) -> u64 {
        self.len
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), kyso_core::ReadError> {
        let end = read_end(offset, buf.len(), self.len)?;
        let js_err =
            |e: JsValue| kyso_core::ReadError(e.as_string().unwrap_or_else(|| format!("{e:?}")));
        // Offsets below 2^53 are exact as f64.
        let part = self
            .blob
            .slice_with_f64_and_f64(offset as f64, end as f64)
            .map_err(js_err)?;
        let data = self.reader.read_as_array_buffer(&part).map_err(js_err)?;
        let view = Uint8Array::new(&data);
        if view.length() as usize != buf.len() {
            return Err(kyso_core::ReadError(format!(
                "the file gave {} bytes at {offset} instead of {}: it changed while it was verified",
                view.length(),
                buf.len()
            )));
        }
        view.copy_to(buf);
        Ok(())
    }
    /// Each `FileReaderSync` call costs about 4 ms in Chromium whatever
    /// its size: 100 MiB read in 1 MiB parts took 450 ms, in 8 MiB parts
    /// 200–270 ms, whole 130 ms (docs/benchmarks.md). 8 MiB keeps most of
    /// that gain with a bounded buffer.
    fn read_size(&self) -> usize {
        8 << 20
    }
}

/// A file already read whole into a JavaScript `Uint8Array`, as a
/// [`kyso_core::Source`]: the parser copies out the windows it needs, the
/// pass 8 MiB at a time. Nothing of it is copied into wasm memory whole.
pub struct JsBytesSource {
    data: Uint8Array,
    len: u64,
}

impl JsBytesSource {
    /// The bytes of `data`.
    pub fn new(data: Uint8Array) -> Self {
        let len = u64::from(data.length());
        JsBytesSource { data, len }
    }
}

impl kyso_core::Source for JsBytesSource {
    fn len(&self) -> u64 {
        self.len
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), kyso_core::ReadError> {
        let end = read_end(offset, buf.len(), self.len)?;
        // Both within the array's u32 length (checked above).
        self.data.subarray(offset as u32, end as u32).copy_to(buf);
        Ok(())
    }
    fn read_size(&self) -> usize {
        8 << 20
    }
}

/// Largest file whose digests [`verify_blob_webcrypto`] computes with the
/// browser's WebCrypto: the file is held whole (once), each signed range is
/// joined in place, and WebCrypto copies what it hashes, so the tab holds at
/// most twice this. Larger files are read in parts and hashed in wasm
/// ([`verify_blob`]), in bounded memory.
pub const WEBCRYPTO_MAX_LEN: u64 = 128 << 20;

/// Most bytes [`verify_blob_webcrypto`] hands WebCrypto, as a multiple of
/// the file's length (the fingerprint, then each range once per algorithm).
/// WebCrypto cannot share a prefix between two digests; beyond this the
/// core's single pass, which does, is cheaper.
pub const WEBCRYPTO_MAX_WORK_FACTOR: u64 = 4;

/// Signed ranges [`verify_blob_webcrypto`] has WebCrypto hash at once, for
/// a file of at most half [`WEBCRYPTO_MAX_LEN`] (a larger one: one at a
/// time). Two: a document signed by a person and then by the agency has
/// two ranges of nearly the whole file, which Firefox and WebKit hash on
/// two cores side by side. Each pending digest holds WebCrypto's copy of
/// its input, so the tab holds the file at most three times (≤ 192 MiB),
/// or twice above that size (≤ 256 MiB).
pub const WEBCRYPTO_IN_FLIGHT: usize = 2;

/// The algorithms WebCrypto's `digest()` has, by the names it takes (the
/// same as [`kyso_core::DigestAlg::name`]).
fn webcrypto_name(alg: kyso_core::DigestAlg) -> Option<&'static str> {
    use kyso_core::DigestAlg as A;
    matches!(alg, A::Sha1 | A::Sha256 | A::Sha384 | A::Sha512).then(|| alg.name())
}

/// `crypto.subtle` in this worker, when the page is a secure context
/// (https or localhost): elsewhere browsers leave it out.
fn subtle() -> Option<web_sys::SubtleCrypto> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let crypto = scope.crypto().ok()?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).ok()?;
    subtle.dyn_into().ok()
}

/// Start WebCrypto's `digest` of `data[from..to]` (a view, no copy).
fn start_digest(
    subtle: &web_sys::SubtleCrypto,
    alg: &str,
    data: &Uint8Array,
    from: u64,
    to: u64,
) -> Result<wasm_bindgen_futures::JsFuture, JsValue> {
    // Offsets within the array (at most WEBCRYPTO_MAX_LEN).
    let view = data.subarray(from as u32, to as u32);
    let promise = subtle.digest_with_str_and_buffer_source(alg, &view)?;
    Ok(wasm_bindgen_futures::JsFuture::from(promise))
}

/// Start WebCrypto's `digest` of a signed range's two parts put end to end,
/// without a second buffer for the whole range.
///
/// WebCrypto copies its input when `digest()` is called (Web Cryptography
/// API, digest step 2: "a copy of the bytes held by the data parameter"),
/// so the parts can be joined in place just for that call and the bytes
/// put back at once: the smaller part is moved next to the other one (the
/// tail after `/Contents` is usually a few kilobytes, the head the whole
/// document), and only the bytes it covered are saved and restored. The
/// concatenation this replaces took 87 ms and 100 MiB for a 100 MiB file
/// in Chromium.
fn start_range_digest(
    subtle: &web_sys::SubtleCrypto,
    alg: &str,
    data: &Uint8Array,
    parts: [(u64, u64); 2],
) -> Result<wasm_bindgen_futures::JsFuture, JsValue> {
    let [(a, b), (c, d)] = parts;
    if c == d || b == c {
        // One interval, or two that touch.
        return start_digest(subtle, alg, data, a, if c == d { b } else { d });
    }
    if a == b {
        return start_digest(subtle, alg, data, c, d);
    }
    let (head, tail) = (b - a, d - c);
    // (where the moved part goes, its source, the span to hash)
    let (dst, from, to, span) = if tail <= head {
        (b, c, d, (a, b + tail))
    } else {
        (c - head, a, b, (c - head, d))
    };
    let n = to - from;
    let saved = data.slice(dst as u32, (dst + n) as u32);
    data.copy_within(dst as i32, from as i32, to as i32);
    let started = start_digest(subtle, alg, data, span.0, span.1);
    data.set(&saved, dst as u32);
    started
}

async fn finish_digest(f: wasm_bindgen_futures::JsFuture) -> Result<Vec<u8>, JsValue> {
    Ok(Uint8Array::new(&f.await?).to_vec())
}

/// What [`verify_blob_webcrypto`] gives: the report, as soon as the verdict
/// is known, and the file's fingerprint still to come.
pub struct Verified {
    /// The report (a JavaScript object, [`report_to_js`]). While
    /// `fingerprint` is `Some`, its `file.sha256` is `""`.
    pub report: JsValue,
    /// The file's SHA-256 fingerprint, still being computed: `Some` when
    /// the verdict did not wait for it.
    pub fingerprint: Option<Fingerprint>,
}

/// The SHA-256 fingerprint of a file [`verify_blob_webcrypto`] verified,
/// computed by WebCrypto once the verdict is out: no part of the verdict
/// depends on it, so the verdict is not kept waiting for a second pass over
/// the file (in Chromium, at 100 MiB, it took the verdict from 2.5× to
/// 1.2–1.4× the browser's own read + one SHA-256; docs/benchmarks.md).
pub struct Fingerprint {
    /// The file as read.
    data: Uint8Array,
}

impl Fingerprint {
    /// The fingerprint of `blob` (read whole: for a file already verified
    /// through [`verify_blob_webcrypto`], at most [`WEBCRYPTO_MAX_LEN`]),
    /// for a worker asked again after the one that verified it was ended.
    pub fn of_blob(blob: &web_sys::Blob) -> Result<Self, JsValue> {
        if blob.size() as u64 > WEBCRYPTO_MAX_LEN {
            return Err(JsValue::from_str("kyso: file too large to be read whole"));
        }
        let buf = web_sys::FileReaderSync::new()?.read_as_array_buffer(blob)?;
        Ok(Fingerprint {
            data: Uint8Array::new(&buf),
        })
    }

    /// The fingerprint, hex-encoded as in a report's `file.sha256`.
    pub async fn finish(self) -> String {
        let len = u64::from(self.data.length());
        let digest = match subtle().map(|s| start_digest(&s, "SHA-256", &self.data, 0, len)) {
            Some(Ok(f)) => finish_digest(f).await.ok(),
            _ => None,
        };
        let digest = digest.or_else(|| {
            // WebCrypto refused (a quota): the core's hash, same value.
            kyso_core::fingerprint(&JsBytesSource::new(self.data.clone()), None).ok()
        });
        digest.map(hex::encode).unwrap_or_default()
    }
}

/// Verify a `Blob` of at most [`WEBCRYPTO_MAX_LEN`] bytes with its digests
/// computed by the browser's WebCrypto (`crypto.subtle.digest`), which runs
/// SHA-256 several times faster than SHA-256 compiled to wasm (no SHA
/// instructions in wasm; measured in docs/benchmarks.md). The core says what
/// to hash ([`kyso_core::digest_plan`]: each signed range); each digest is
/// one WebCrypto call over the file read once; while WebCrypto hashes the
/// file on its own thread, the core searches it for `/ByteRange`
/// ([`kyso_core::byte_range_keys`]); then the core verifies with all of that
/// ([`kyso_core::verify_source_with`]) and reads no more than the parser
/// needs. When every signed range's digest is claimed by its signature
/// ([`kyso_core::KnownDigests::guessed`]), the core verifies with the claims
/// while WebCrypto hashes, and that report is kept only if the digests
/// computed confirm every claim (otherwise verified again with them) — the same report as its own pass gives (tested natively in
/// kyso-core's `known_digests`, and by the fuzz target of that name). The
/// file's fingerprint is left to be computed after the verdict
/// ([`Verified::fingerprint`]).
///
/// Any other file of that size (not a PDF, a damaged one) is verified from
/// the bytes read. `Ok(None)` when this does not apply — no WebCrypto (not
/// a secure context), a larger file, a file that cannot be read whole — and
/// the caller verifies with [`verify_blob`]. `progress(done, total)` after
/// each digest of a signed range, in bytes of the file.
pub async fn verify_blob_webcrypto(
    name: Option<String>,
    blob: &web_sys::Blob,
    options: &JsValue,
    progress: Option<kyso_core::Progress<'_>>,
) -> Result<Option<Verified>, JsValue> {
    let len = blob.size() as u64;
    if len > WEBCRYPTO_MAX_LEN {
        return Ok(None);
    }
    let Some(subtle) = subtle() else {
        return Ok(None);
    };
    let opts = options_from_js(options)?;
    // A file that cannot be read, or changed after it was chosen, is left
    // to the usual path, which reports it (input.unreadable). Read with
    // `Blob.arrayBuffer()`, not `FileReaderSync`: in Chromium the file
    // arrived sooner (warm, 20 MiB: 98 ms to the verdict before, 68–90 ms
    // after; 100 MiB: 386 → 360 ms; docs/benchmarks.md), the others about
    // the same within this VM's spread.
    let Ok(buf) = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await else {
        return Ok(None);
    };
    let data = Uint8Array::new(&buf);
    if u64::from(data.length()) != len {
        return Ok(None);
    }
    let src = JsBytesSource::new(data.clone());
    // The core's own pass over the bytes already read (the fingerprint
    // included).
    let core_pass = |progress| {
        let report = kyso_core::verify_source(name.as_deref(), &src, &opts, progress);
        Ok(Some(Verified {
            report: report_to_js(&report)?,
            fingerprint: None,
        }))
    };
    let Some(plan) = kyso_core::digest_plan(&src) else {
        // Not a PDF, or one the parser rejects: nothing to hash ahead; the
        // core verifies (and says what is wrong).
        return core_pass(None);
    };
    // Every digest of a signed range WebCrypto can compute, each range's
    // with each algorithm the signatures name.
    struct Target([u64; 4], [(u64, u64); 2], kyso_core::DigestAlg);
    impl Target {
        fn bytes(&self) -> u64 {
            self.1.iter().map(|(a, b)| b - a).sum()
        }
    }
    let mut todo: std::collections::VecDeque<Target> = plan
        .ranges
        .iter()
        .flat_map(|(key, parts)| {
            plan.algs
                .iter()
                .filter(|a| webcrypto_name(**a).is_some())
                .map(move |a| Target(*key, *parts, *a))
        })
        .collect();
    let verdict_work: u64 = todo.iter().map(Target::bytes).sum();
    // The fingerprint is WebCrypto's too, after the verdict.
    if verdict_work.saturating_add(len) > len.saturating_mul(WEBCRYPTO_MAX_WORK_FACTOR) {
        // Many distinct signed ranges, each covering most of the file (a
        // hostile or unusual PDF): one whole digest per range would hash the
        // file again and again. The core's single pass shares what the
        // ranges have in common.
        return core_pass(progress);
    }
    let mut done = 0u64;
    let mut tell = |n: u64| {
        done += n;
        if let Some(p) = progress {
            // In bytes of the file, whatever the number of digests.
            p(
                (done as f64 / verdict_work.max(1) as f64 * len as f64) as u64,
                len,
            );
        }
    };
    // Every digest is started as soon as fewer than `in_flight` are
    // pending: the browser hashes them on its own threads, and this thread
    // searches the file for `/ByteRange` meanwhile. The file's fingerprint
    // is not among them: it is started once the verdict is out
    // (Fingerprint::finish). Started beside the ranges it cost the verdict
    // in Chromium, which took WebCrypto's copy of 100 MiB on this thread and
    // hashed it on the core the search needed.
    let in_flight = if len <= WEBCRYPTO_MAX_LEN / 2 {
        WEBCRYPTO_IN_FLIGHT
    } else {
        1
    };
    // The common case — every range's digest claimed by its signature, few
    // enough to hash at once, all of them WebCrypto's — is verified with the
    // claims while WebCrypto hashes (KnownDigests::guessed): the verdict
    // then costs the longer of the two, not their sum. The report stands
    // only when the digests computed confirm every claim; otherwise (a file
    // changed after signing) it is verified again with the digests computed.
    let speculate = kyso_core::KnownDigests::guessed(&plan).filter(|_| {
        todo.len() <= in_flight && plan.algs.iter().all(|a| webcrypto_name(*a).is_some())
    });
    if let Some(mut guess) = speculate {
        let mut pending = Vec::with_capacity(todo.len());
        let started: Result<(), JsValue> = todo.drain(..).try_for_each(|t| {
            // Names come from webcrypto_name, filtered above.
            let js_name = webcrypto_name(t.2).unwrap_or("SHA-256");
            pending.push((start_range_digest(&subtle, js_name, &data, t.1)?, t));
            Ok(())
        });
        if started.is_ok() {
            // The buffer is as read again (start_range_digest restores it).
            guess.byte_range_keys = kyso_core::byte_range_keys(&src).ok();
            let report = kyso_core::verify_source_with(name.as_deref(), &src, &opts, None, &guess);
            let mut computed = Vec::with_capacity(pending.len());
            let mut refused = false;
            for (f, t) in pending {
                match finish_digest(f).await {
                    Ok(d) => {
                        tell(t.bytes());
                        computed.push((t.0, t.2, d));
                    }
                    Err(_) => refused = true,
                }
            }
            if !refused {
                let report = if guess.confirmed_by(&computed) {
                    report
                } else {
                    let known = kyso_core::KnownDigests {
                        ranges: computed,
                        byte_range_keys: guess.byte_range_keys,
                        fingerprint_later: true,
                        ..Default::default()
                    };
                    kyso_core::verify_source_with(name.as_deref(), &src, &opts, None, &known)
                };
                return Ok(Some(Verified {
                    report: report_to_js(&report)?,
                    fingerprint: Some(Fingerprint { data }),
                }));
            }
        }
        // WebCrypto refused a digest: the core's pass reaches the verdict.
        return core_pass(progress);
    }
    let mut known = kyso_core::KnownDigests {
        fingerprint_later: true,
        ..Default::default()
    };
    let digested: Result<(), JsValue> = async {
        let mut pending = std::collections::VecDeque::new();
        let mut searched = false;
        loop {
            while pending.len() < in_flight {
                let Some(t) = todo.pop_front() else { break };
                // Names come from webcrypto_name, filtered above.
                let js_name = webcrypto_name(t.2).unwrap_or("SHA-256");
                let f = start_range_digest(&subtle, js_name, &data, t.1)?;
                pending.push_back((t, f));
            }
            if !searched {
                // The buffer is as read again (start_range_digest restores it).
                known.byte_range_keys = kyso_core::byte_range_keys(&src).ok();
                searched = true;
            }
            let Some((t, f)) = pending.pop_front() else {
                break;
            };
            let digest = finish_digest(f).await?;
            tell(t.bytes());
            known.ranges.push((t.0, t.2, digest));
        }
        Ok(())
    }
    .await;
    if digested.is_err() {
        // WebCrypto refused a digest (an algorithm this browser lacks, a
        // quota): the core's pass reaches the same verdict.
        return core_pass(progress);
    }
    // What WebCrypto lacks (SHA-3, …) is the core's, over the bytes already
    // in memory.
    let report = kyso_core::verify_source_with(name.as_deref(), &src, &opts, None, &known);
    Ok(Some(Verified {
        report: report_to_js(&report)?,
        fingerprint: Some(Fingerprint { data }),
    }))
}

/// Verify a `Blob` read in parts ([`BlobSource`]; workers only), calling
/// `progress(done, total)` as the digests go through it.
pub fn verify_blob(
    name: Option<String>,
    blob: web_sys::Blob,
    options: JsValue,
    progress: Option<kyso_core::Progress<'_>>,
) -> Result<JsValue, JsValue> {
    let opts = options_from_js(&options)?;
    let src = BlobSource::new(blob)?;
    let report = kyso_core::verify_source(name.as_deref(), &src, &opts, progress);
    report_to_js(&report)
}

/// A signed PDF made by the committed fixture script (pyHanko, RSA-2048,
/// PAdES), verified once by [`warm_up`].
const WARM_UP_PDF: &[u8] = include_bytes!("../../../fixtures/pdf/i3-rsa2048-cades.pdf");

/// Run the verification paths once, so that a first-time visitor's first
/// file does not pay for them: the engine compiles each wasm function on its
/// first call (V8: baseline tier first, optimising tier once it has run
/// enough), and a function caught in the baseline tier by one long call
/// stays there for that call. In a fresh Chromium profile the first 1 MiB
/// verification took 650 ms against 100 ms afterwards (docs/benchmarks.md).
///
/// Verifies [`WARM_UP_PDF`] (parser, CMS, RSA, path validation, change
/// analysis, report serialisation; the result is dropped) and hashes 2 MiB
/// of zeros in 16 KiB calls, so SHA-256 runs optimised before the first
/// real megabyte, and searches 2 MiB for `/ByteRange`; then, in a worker
/// with WebCrypto, verifies the same PDF [`WARM_UP_ROUNDS`] times through
/// [`verify_blob_webcrypto`] (its own functions, and the browser's
/// first WebCrypto call: 85 against 44 ms for a first 1 MiB file in a fresh
/// Chromium profile without this). The worker calls it before it says it is
/// ready.
pub async fn warm_up() {
    let report = kyso_core::verify(Some("warm-up.pdf"), WARM_UP_PDF, &Options::default());
    let _ = report_to_js(&report);
    use sha2::Digest as _;
    let zeros = [0u8; 16 << 10];
    let mut h = sha2::Sha256::new();
    for _ in 0..128 {
        h.update(zeros);
    }
    let _ = h.finalize();
    // The search for `/ByteRange` over a large file is one loop of its own.
    let _ = kyso_core::byte_range_keys(&kyso_core::Bytes(&vec![0u8; 2 << 20]));
    let parts = js_sys::Array::of1(&Uint8Array::from(WARM_UP_PDF));
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&parts) {
        for _ in 0..WARM_UP_ROUNDS {
            if let Ok(Some(v)) = verify_blob_webcrypto(None, &blob, &JsValue::UNDEFINED, None).await
            {
                if let Some(f) = v.fingerprint {
                    let _ = f.finish().await;
                }
            }
        }
    }
}

/// How many times [`warm_up`] verifies its fixture through the WebCrypto
/// path: once left WebKit's first 1 MiB file at 45 ms against 19 ms for the
/// next ones (the parser and the verification still in its lower tiers).
const WARM_UP_ROUNDS: usize = 4;

/// The report as a JavaScript object with the JSON form's field names
/// (`Option::None` is omitted, maps become plain objects).
pub fn report_to_js(report: &Report) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    report
        .serialize(&ser)
        .map_err(|e| JsValue::from_str(&format!("kyso: cannot serialise report: {e}")))
}

/// Read [`Options`] from a JavaScript object (see [`verify`]).
pub fn options_from_js(options: &JsValue) -> Result<Options, JsValue> {
    let mut opts = Options::default();
    if options.is_undefined() || options.is_null() {
        return Ok(opts);
    }
    if !options.is_object() {
        return Err(JsValue::from_str("kyso: options must be an object"));
    }
    let trust = Reflect::get(options, &JsValue::from_str("extra_trust"))?;
    if !trust.is_undefined() && !trust.is_null() {
        if !Array::is_array(&trust) {
            return Err(JsValue::from_str(
                "kyso: options.extra_trust must be an array of Uint8Array",
            ));
        }
        let trust = Array::from(&trust);
        if trust.length() > MAX_EXTRA_TRUST {
            return Err(JsValue::from_str("kyso: too many extra trust anchors"));
        }
        for item in trust.iter() {
            let arr = item.dyn_into::<Uint8Array>().map_err(|_| {
                JsValue::from_str("kyso: options.extra_trust must be an array of Uint8Array")
            })?;
            if arr.length() > MAX_TRUST_ITEM_BYTES {
                return Err(JsValue::from_str("kyso: extra trust anchor too large"));
            }
            opts.extra_trust.push(arr.to_vec());
        }
    }
    let now = Reflect::get(options, &JsValue::from_str("now"))?;
    if let Some(secs) = now.as_f64() {
        if secs.is_finite() {
            opts.now = Some(secs.floor() as i64);
        }
    }
    let at = Reflect::get(options, &JsValue::from_str("at"))?;
    if !at.is_undefined() && !at.is_null() {
        opts.validation_time = at
            .as_string()
            .and_then(|s| parse_at(&s))
            .ok_or_else(|| JsValue::from_str(AT_ERROR))?;
    }
    Ok(opts)
}

const AT_ERROR: &str =
    "kyso: options.at must be \"claimed\", \"default\", an RFC 3339 time with Z or an offset, or null";

/// `options.at` as a string: `"default"`, or what the CLI's `--at` accepts.
pub fn parse_at(s: &str) -> Option<ValidationTimeChoice> {
    if s.trim().eq_ignore_ascii_case("default") {
        return Some(ValidationTimeChoice::Default);
    }
    ValidationTimeChoice::parse(s)
}
