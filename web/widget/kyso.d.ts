// Types of kyso.js, Kyso's JavaScript API. The report's types (report.d.ts)
// are generated from the Rust report model (crates/kyso-report/tests/schema.rs).
import type { Report } from "./report";
export type { Report } from "./report";

/** Bytes or PEM text of a certificate, or a PKCS#7 bundle of certificates. */
export type TrustAnchor = string | ArrayBuffer | Uint8Array;

export interface VerifyOptions {
  /** The file name shown in the report (a File's own name by default). */
  name?: string;
  /** Language of errors thrown by `verify` (the report carries both). Default "vi". */
  lang?: "vi" | "en";
  /** Extra trust anchors, on top of the bundled Vietnamese roots. */
  trust?: Iterable<TrustAnchor>;
  /** Validation time: "claimed", "default", a Date, or an RFC 3339 time with Z or an offset. */
  at?: "claimed" | "default" | Date | string;
  /** For a detached signature (.p7s): the file it signs. */
  signed?: Blob | ArrayBuffer | Uint8Array;
  /** The name of `signed` (a File's own name by default). */
  signedName?: string;
  /** Called as the file goes through the digests (bytes so far and in all; at most every 100 ms). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called once the verdict is known, with the report, which may still lack
   * the file's SHA-256 fingerprint (`file.sha256` is "" until it is computed;
   * the promise resolves to the complete report).
   */
  onVerdict?: (report: Report) => void;
}

/** Verify a file in a Web Worker; nothing leaves the browser. Any file gets a report. */
export function verify(input: Blob | ArrayBuffer | Uint8Array, options?: VerifyOptions): Promise<Report>;

/** Start the verifier now (fetch and compile its wasm) rather than on the first verify(). */
export function preload(options?: { lang?: "vi" | "en" }): Promise<void>;

/** Stop the worker; verifications still running reject. */
export function terminate(lang?: "vi" | "en"): void;
