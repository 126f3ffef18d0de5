// Starts the verifier in a Web Worker: the worker's wasm-bindgen glue (no
// modules), then its wasm, both beside this file.
importScripts("./kyso-worker.js");
wasm_bindgen("./kyso-worker_bg.wasm");
