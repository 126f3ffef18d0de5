// Types of kyso-verifier.js, the <kyso-verifier> custom element.
import type { Report } from "./report";
import type { TrustAnchor } from "./kyso";
export type { Report } from "./report";

/** `detail` of the `kyso-report` event. */
export interface KysoReportDetail {
  /** The result's id (as returned to `verify()`'s caller through the promise). */
  id: number;
  /** The file name (`a.p7s + a.pdf` for a detached signature with its file). */
  name: string;
  report: Report;
}

/** `detail` of the `kyso-error` event: the file could not be checked, or the verifier could not start (`id` null). */
export interface KysoErrorDetail {
  id: number | null;
  name: string | null;
  error: string;
}

export class KysoVerifierElement extends HTMLElement {
  /** Verify a file as if the user had dropped it; resolves to its report. */
  verify(input: Blob | ArrayBuffer | Uint8Array, name?: string): Promise<Report>;
  /** Remove every result shown. */
  reset(): void;
  /** The report of the last file verified, or null. */
  readonly report: Report | null;
  /** Extra trust anchors for the files verified from now on. */
  trust: TrustAnchor[];
}

declare global {
  interface HTMLElementTagNameMap {
    "kyso-verifier": KysoVerifierElement;
  }
  interface HTMLElementEventMap {
    "kyso-report": CustomEvent<KysoReportDetail>;
    "kyso-error": CustomEvent<KysoErrorDetail>;
  }
}
