// Kyso's JavaScript API: verify a signed document in the browser, without a
// user interface and without sending it anywhere.
//
//   import { verify } from "/kyso/kyso.js";
//   const report = await verify(file, { lang: "vi" });
//   report.verdict.indication   // "TOTAL_PASSED" | "TOTAL_FAILED" | "INDETERMINATE" | "NO_SIGNATURE"
//
// Needs no DOM: usable from a page's own scripts or from a worker. The
// verifier runs in a Web Worker started from kyso-worker_loader.js beside
// this file (the same worker and wasm <kyso-verifier> uses); one worker per
// realm, started on the first call, stopped by terminate().
//
// The worker protocol is that of crates/kyso-wasm/src/bin/kyso-worker.rs.

const MESSAGES = {
  start: ["Không khởi động được bộ kiểm tra Kyso", "The Kyso verifier could not start"],
  input: ["verify() nhận File, Blob, ArrayBuffer hoặc Uint8Array", "verify() takes a File, Blob, ArrayBuffer or Uint8Array"],
  trust: ["trust nhận chuỗi PEM, ArrayBuffer hoặc Uint8Array", "trust takes PEM strings, ArrayBuffers or Uint8Arrays"],
  at: ["at phải là \"claimed\", \"default\", một Date hoặc thời điểm RFC 3339", "at must be \"claimed\", \"default\", a Date or an RFC 3339 time"],
  stopped: ["Bộ kiểm tra đã dừng", "The verifier was stopped"],
};

function message(key, lang) {
  return MESSAGES[key][lang === "en" ? 1 : 0];
}

let worker = null;
let ready = null;
let nextId = 1;
const waiting = new Map();

function start(lang) {
  if (ready) return ready;
  ready = new Promise((resolve, reject) => {
    let w;
    try {
      w = new Worker(new URL("./kyso-worker_loader.js", import.meta.url));
    } catch (e) {
      reject(new Error(`${message("start", lang)}: ${e?.message ?? e}`));
      return;
    }
    w.onmessage = (ev) => {
      const data = ev.data;
      if (data && data.ready === true) {
        worker = w;
        resolve(w);
        return;
      }
      const pending = waiting.get(data?.id);
      if (!pending) return;
      if (data.progress) {
        // Bytes through the digests so far (at most every 100 ms).
        try { pending.onProgress?.(data.progress.done, data.progress.total); } catch { /* the caller's */ }
        return;
      }
      if (data.fingerprint_pending === true && data.report) {
        // The verdict, before the file's SHA-256 (file.sha256 is "" until
        // the next message).
        pending.report = data.report;
        try { pending.onVerdict?.(data.report); } catch { /* the caller's */ }
        return;
      }
      if (typeof data.fingerprint === "string" && pending.report) {
        pending.report.file.sha256 = data.fingerprint;
        waiting.delete(data.id);
        pending.resolve(pending.report);
        return;
      }
      waiting.delete(data.id);
      if (typeof data.error === "string") pending.reject(new Error(data.error));
      else {
        try { pending.onVerdict?.(data.report); } catch { /* the caller's */ }
        pending.resolve(data.report);
      }
    };
    w.onerror = (ev) => {
      const err = new Error(`${message("start", lang)}: ${ev.message ?? "worker error"}`);
      reject(err);
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    };
  });
  ready.catch(() => {
    ready = null;
  });
  return ready;
}

function asBlob(input, lang) {
  if (input instanceof Blob) return input;
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return new Blob([input]);
  throw new TypeError(message("input", lang));
}

function asBytes(item, lang) {
  if (typeof item === "string") return new TextEncoder().encode(item);
  if (item instanceof ArrayBuffer) return new Uint8Array(item.slice(0));
  if (ArrayBuffer.isView(item)) return new Uint8Array(item.buffer.slice(item.byteOffset, item.byteOffset + item.byteLength));
  throw new TypeError(message("trust", lang));
}

function asAt(at, lang) {
  if (at === undefined || at === null) return undefined;
  if (at instanceof Date) {
    if (Number.isNaN(at.getTime())) throw new TypeError(message("at", lang));
    return at.toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  if (typeof at === "string") return at;
  throw new TypeError(message("at", lang));
}

/**
 * Verify `input` (File, Blob, ArrayBuffer or Uint8Array: the file as received).
 *
 * options:
 * - `name`: the file name (a File's own name by default);
 * - `lang`: "vi" (default) or "en", the language of errors thrown here (the
 *   report carries both languages);
 * - `trust`: extra trust anchors, PEM strings or DER/PEM/PKCS#7 bytes;
 * - `at`: validation time: "claimed", "default", a Date or an RFC 3339 time;
 * - `signed`: for a detached signature (.p7s), the file it signs (File,
 *   Blob, ArrayBuffer or Uint8Array), with `signedName`;
 * - `onProgress(done, total)`: called as the file goes through the digests
 *   (bytes; at most every 100 ms), e.g. for a progress bar on large files;
 * - `onVerdict(report)`: called once the verdict is known, with the report,
 *   which may still lack the file's SHA-256 fingerprint (`file.sha256` is
 *   "" until it is computed; no part of the verdict depends on it): a page
 *   can show the verdict of a large PDF at once.
 *
 * Resolves to the complete report, fingerprint included.
 * The report's JSON form: report.d.ts, report.schema.json; any file gets a
 * report, a malformed one included. Rejects only when the
 * options are malformed or the verifier cannot start.
 */
export async function verify(input, options = {}) {
  const lang = options.lang === "en" ? "en" : "vi";
  const file = asBlob(input, lang);
  const name = options.name ?? (typeof File !== "undefined" && input instanceof File ? input.name : undefined);
  const msg = {
    name,
    file,
    options: {
      extra_trust: Array.from(options.trust ?? [], (t) => asBytes(t, lang)),
      now: Date.now() / 1000,
      at: asAt(options.at, lang),
    },
  };
  if (options.signed !== undefined) {
    msg.signed_file = asBlob(options.signed, lang);
    msg.signed_name = options.signedName
      ?? (typeof File !== "undefined" && options.signed instanceof File ? options.signed.name : "document");
  }
  const w = await start(lang);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, {
      resolve,
      reject,
      onProgress: typeof options.onProgress === "function" ? options.onProgress : undefined,
      onVerdict: typeof options.onVerdict === "function" ? options.onVerdict : undefined,
    });
    w.postMessage({ id, ...msg });
  });
}

/**
 * Start the verifier now (fetch and compile its wasm) rather than on the
 * first verify(): a page that calls it on load makes no request at all while
 * a file is verified. Resolves once the verifier is ready.
 */
export async function preload(options = {}) {
  await start(options.lang === "en" ? "en" : "vi");
}

/** Stop the worker (verifications still running reject); the next verify() starts a new one. */
export function terminate(lang) {
  if (worker) worker.terminate();
  worker = null;
  ready = null;
  const err = new Error(message("stopped", lang));
  for (const p of waiting.values()) p.reject(err);
  waiting.clear();
}
