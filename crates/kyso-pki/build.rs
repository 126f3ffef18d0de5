//! Embeds the pinned Vietnamese certificates (see `src/pins.rs`).
//!
//! The certificates are public data and part of the product: they are
//! committed in `anchors/` beside this file (copied byte for byte from the
//! shared reference folder `vn/trust`), so every clone — and every fuzz or
//! wasm build — embeds the same national trust store. Each file is decoded
//! from PEM and its SHA-256 compared with the pinned value; a missing file or
//! a mismatch is a build error: the trust store must never change silently,
//! and never be empty.

use base64ct::{Base64, Encoding};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

include!("src/pins.rs");

fn pem_to_der(text: &str) -> Option<Vec<u8>> {
    let start = text.find("-----BEGIN CERTIFICATE-----")? + "-----BEGIN CERTIFICATE-----".len();
    let end = text[start..].find("-----END CERTIFICATE-----")? + start;
    let b64: String = text[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Base64::decode_vec(&b64).ok()
}

fn main() {
    println!("cargo:rerun-if-changed=src/pins.rs");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let dir = manifest.join("anchors");
    println!("cargo:rerun-if-changed={}", dir.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut code = String::from("pub(crate) static BUNDLED_DER: &[(&str, &[u8])] = &[\n");
    for pin in PINS {
        let path = dir.join(pin.file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "kyso-pki: cannot read pinned anchor {}: {e} (the trust store must not be empty)",
                path.display()
            )
        });
        let der = pem_to_der(&text)
            .unwrap_or_else(|| panic!("kyso-pki: {} is not a PEM certificate", path.display()));
        let got = hex::encode(Sha256::digest(&der));
        if got != pin.sha256 {
            panic!(
                "kyso-pki: {} has SHA-256 {got}, pinned {}: refusing to embed it",
                path.display(),
                pin.sha256
            );
        }
        let der_path = out.join(format!("{}.der", pin.sha256));
        std::fs::write(&der_path, &der).unwrap();
        code.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            pin.sha256,
            der_path.display().to_string()
        ));
    }
    code.push_str("];\n");
    std::fs::write(out.join("bundled.rs"), code).unwrap();
}
