//! Embeds the pinned Vietnamese certificates (see `src/pins.rs`).
//!
//! The certificates are public data kept outside the repository
//! (`$KYSO_SHARED/vn/trust`, default `<workspace>/../shared/vn/trust`). Each
//! file is decoded from PEM, its SHA-256 compared with the pinned value (a
//! mismatch is a build error: the trust store must never change silently), and
//! the DER written to `OUT_DIR`, from where `bundled.rs` includes it with
//! `include_bytes!`. When the folder is absent the build prints a warning and
//! the bundled store is empty.

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
    println!("cargo:rerun-if-env-changed=KYSO_SHARED");
    println!("cargo:rerun-if-changed=src/pins.rs");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let shared = match std::env::var_os("KYSO_SHARED") {
        Some(s) => PathBuf::from(s),
        None => manifest.join("../../../shared"),
    };
    let dir = shared.join("vn/trust");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut code = String::from("pub(crate) static BUNDLED_DER: &[(&str, &[u8])] = &[\n");
    if dir.is_dir() {
        println!("cargo:rerun-if-changed={}", dir.display());
        for pin in PINS {
            let path = dir.join(pin.file);
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!(
                    "kyso-pki: cannot read pinned anchor {}: {e}",
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
    } else {
        println!(
            "cargo:warning=kyso-pki: {} not found (set KYSO_SHARED); the bundled trust store is EMPTY in this build",
            dir.display()
        );
    }
    code.push_str("];\n");
    std::fs::write(out.join("bundled.rs"), code).unwrap();
}
