// Starts the portal's wasm. Trunk's default loader is an inline script, which
// the page's Content-Security-Policy forbids; Trunk.toml (pattern_script) puts
// the generated file names on this script's tag instead. The verifier's
// worker sits beside the page's wasm (widget/, shared with <kyso-verifier>).
const tag = document.querySelector("script[data-kyso-boot]");
const js = new URL(tag.dataset.js, document.baseURI);
const mod = await import(js.href);
await mod.default({ module_or_path: tag.dataset.wasm });
mod.mount_portal(new URL("kyso-worker_loader.js", js).href);

// Offline: the service worker (sw.js, beside index.html) caches this build's
// files. <html data-kyso-offline> says whether the portal now works without
// a network: "ready", "unsupported" (no service workers here, e.g. a
// private window) or "failed".
const html = document.documentElement;
if ("serviceWorker" in navigator) {
  navigator.serviceWorker
    .register("./sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then(() => { html.dataset.kysoOffline = "ready"; })
    .catch(() => { html.dataset.kysoOffline = "failed"; });
} else {
  html.dataset.kysoOffline = "unsupported";
}
