// The measurements of issue 13's browser benchmark, each on the file chosen
// in #file, as the driver asks for them (window.kysoBench(mode) → result):
//
// - "floor": this browser's own File.arrayBuffer() + WebCrypto SHA-256 of
//   the file: the least any verifier pays to read and hash it once.
// - "kyso": the product's JavaScript API (widget/kyso.js, the worker every
//   front end uses) from verify(file) to the report: "drop to verdict"
//   without the page's own rendering (ms: to the verdict, onVerdict; ms_full:
//   to the report with the file's SHA-256 fingerprint, which may come after).
//   The worker is started (preload) before the clock starts, as the portal
//   starts it on load.
//
// - "psr": the npm package pdf-signature-reader (bundled by
//   bench/browser/build-peers.sh into psr.mjs beside this page, never into
//   dist/), a JavaScript verifier, from File.arrayBuffer() to its result, on
//   the page's thread as its README shows it.
//
// Each result carries the longest gap of a 10 ms timer while it ran (the
// longest main-thread task, in every browser) and, where the browser has it
// (Chromium), performance.memory's JS heap before and after.
import { verify, preload } from "./widget/kyso.js";

const out = document.getElementById("out");

function gapMonitor() {
  const g = { last: performance.now(), max: 0 };
  g.timer = setInterval(() => {
    const n = performance.now();
    g.max = Math.max(g.max, n - g.last);
    g.last = n;
  }, 10);
  return g;
}

async function run(mode) {
  const file = document.getElementById("file").files[0];
  if (!file) throw new Error("no file chosen");
  const p0 = performance.now();
  if (mode === "kyso") await preload();
  // The worker's start and warm-up, on the first run (0 after).
  const preload_ms = performance.now() - p0;
  const psr = mode === "psr" ? (await import("./psr.mjs")).default : null;
  const heap0 = performance.memory?.usedJSHeapSize ?? null;
  const gap = gapMonitor();
  const t0 = performance.now();
  let detail;
  let verdictAt = null;
  if (mode === "floor") {
    const buf = await file.arrayBuffer();
    const d = await crypto.subtle.digest("SHA-256", buf);
    detail = Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
  } else if (mode === "kyso") {
    // The verdict may come before the file's SHA-256 fingerprint
    // (onVerdict); the promise resolves with both.
    const r = await verify(file, { onVerdict: () => { verdictAt ??= performance.now(); } });
    detail = `${r.verdict.indication} ${r.file.sha256}`;
  } else if (mode === "psr") {
    const buf = await file.arrayBuffer();
    const r = psr(new Uint8Array(buf));
    detail = `verified=${r.verified} integrity=${r.signatures?.[0]?.integrity}`;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const end = performance.now();
  // Time to the verdict; for Kyso also to the complete report (ms_full).
  const ms = (verdictAt ?? end) - t0;
  const ms_full = end - t0;
  clearInterval(gap.timer);
  const heap1 = performance.memory?.usedJSHeapSize ?? null;
  const res = { mode, bytes: file.size, ms, ms_full, preload_ms, gap_ms: gap.max, heap0, heap1, detail };
  out.textContent += JSON.stringify(res) + "\n";
  return res;
}

window.kysoBench = run;
window.kysoBenchReady = true;
