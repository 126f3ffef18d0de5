// Starts the portal's wasm. Trunk's default loader is an inline script, which
// the page's Content-Security-Policy forbids; Trunk.toml (pattern_script) puts
// the generated file names on this script's tag instead.
const tag = document.querySelector("script[data-kyso-boot]");
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
