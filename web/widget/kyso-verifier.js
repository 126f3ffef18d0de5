// <kyso-verifier>: Kyso's signature verifier as a custom element, for any
// page that embeds it with one module script from its own origin:
//
//   <script type="module" src="/kyso/kyso-verifier.js"></script>
//   <kyso-verifier lang="vi"></kyso-verifier>
//
// The element mounts the portal's own components (the page wasm beside this
// file) into a shadow root, so no style leaks in or out; the file is verified
// in a Web Worker by the verifier wasm, also beside this file, and never
// leaves the browser. See README.md for attributes, properties, events,
// theming and the Content-Security-Policy a host page needs.
//
// The page wasm's hashed file names are written in at build time
// (scripts/widget-package.sh); this file is otherwise served as written.

const PAGE_JS = "__KYSO_WEB_JS__";
const PAGE_WASM = "__KYSO_WEB_WASM__";
const here = (name) => new URL(name, import.meta.url).href;

let loading = null;
/** The page wasm, loaded once for every element on the page. */
function pageModule() {
  loading ??= import(here(PAGE_JS)).then(async (mod) => {
    await mod.default({ module_or_path: here(PAGE_WASM) });
    return mod;
  });
  return loading;
}

/** What `verify()` and the `trust` property accept, as a `File`. */
function asFile(input, name) {
  if (typeof File !== "undefined" && input instanceof File) return input;
  if (input instanceof Blob) return new File([input], name ?? "document");
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return new File([input], name ?? "document");
  throw new TypeError("kyso-verifier: verify() takes a File, Blob, ArrayBuffer or Uint8Array");
}

function asBytes(item) {
  if (typeof item === "string") return new TextEncoder().encode(item); // PEM
  if (item instanceof ArrayBuffer) return new Uint8Array(item);
  if (ArrayBuffer.isView(item)) return new Uint8Array(item.buffer, item.byteOffset, item.byteLength);
  throw new TypeError("kyso-verifier: trust takes PEM strings, ArrayBuffers or Uint8Arrays");
}

export class KysoVerifierElement extends HTMLElement {
  static observedAttributes = ["lang", "compact", "accept", "at", "experts"];

  #container;
  #mod = null;
  #handle = null;
  #mounting = null;
  #report = null;
  #trust = [];
  /** id → { resolve, reject } of `verify()` calls waiting for their report. */
  #waiting = new Map();

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = here("kyso.css");
    this.#container = document.createElement("div");
    root.append(css, this.#container);
    this.addEventListener("kyso-report", (ev) => {
      this.#report = ev.detail.report;
      this.#settle(ev.detail.id, (w) => w.resolve(ev.detail.report));
    });
    this.addEventListener("kyso-error", (ev) => {
      this.#settle(ev.detail.id, (w) => w.reject(new Error(ev.detail.error)));
    });
  }

  #settle(id, f) {
    const w = this.#waiting.get(id);
    if (w) {
      this.#waiting.delete(id);
      f(w);
    }
  }

  connectedCallback() {
    this.#mount().catch((e) => {
      this.dispatchEvent(new CustomEvent("kyso-error", {
        bubbles: true, composed: true, detail: { id: null, name: null, error: String(e?.message ?? e) },
      }));
    });
  }

  disconnectedCallback() {
    if (this.#handle !== null) {
      this.#mod.widget_unmount(this.#handle);
      this.#handle = null;
      this.#mounting = null;
    }
  }

  attributeChangedCallback(name, _old, value) {
    if (this.#handle !== null) this.#mod.widget_set(this.#handle, name, value ?? undefined);
  }

  /** Mount once connected; resolves to the widget's handle. */
  #mount() {
    this.#mounting ??= pageModule().then((mod) => {
      if (this.#handle !== null) return this.#handle;
      this.#mod = mod;
      this.#handle = mod.widget_mount(this.#container, this, here("kyso-worker_loader.js"));
      for (const name of KysoVerifierElement.observedAttributes) {
        if (this.hasAttribute(name)) mod.widget_set(this.#handle, name, this.getAttribute(name));
      }
      if (this.#trust.length) mod.widget_set_trust(this.#handle, this.#trust);
      return this.#handle;
    });
    return this.#mounting;
  }

  /**
   * Verify a file as if the user had dropped it: a File, Blob, ArrayBuffer
   * or Uint8Array (`name` names the latter three). Resolves to the report
   * (also sent as a `kyso-report` event and kept in `report`).
   */
  async verify(input, name) {
    const file = asFile(input, name);
    if (!this.isConnected) throw new Error("kyso-verifier: the element is not on the page");
    const handle = await this.#mount();
    const id = this.#mod.widget_verify(handle, file);
    if (id === undefined) throw new Error("kyso-verifier: the element is not on the page");
    return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
  }

  /** Remove every result shown. */
  reset() {
    this.#report = null;
    if (this.#handle !== null) this.#mod.widget_reset(this.#handle);
  }

  /** The report of the last file verified (JSON form, see report.d.ts), or null. */
  get report() {
    return this.#report;
  }

  /** Extra trust anchors (PEM strings or DER/PEM/PKCS#7 bytes) for the files verified from now on. */
  get trust() {
    return [...this.#trust];
  }

  set trust(list) {
    this.#trust = Array.from(list ?? [], asBytes);
    if (this.#handle !== null) this.#mod.widget_set_trust(this.#handle, this.#trust);
  }
}

if (!customElements.get("kyso-verifier")) customElements.define("kyso-verifier", KysoVerifierElement);
