// Starts the portal's wasm. Trunk's default loader is an inline script, which
// the page's Content-Security-Policy forbids; Trunk.toml (pattern_script) puts
// the generated file names on this script's tag instead. The verifier's
// worker sits beside the page's wasm (widget/, shared with <kyso-verifier>).
const tag = document.querySelector("script[data-kyso-boot]");
const js = new URL(tag.dataset.js, document.baseURI);
const mod = await import(js.href);
await mod.default({ module_or_path: tag.dataset.wasm });
mod.mount_portal(new URL("kyso-worker_loader.js", js).href);
