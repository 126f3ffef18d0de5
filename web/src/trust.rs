//! Trust anchors the user adds in the settings panel: kept in `localStorage`
//! (this browser only, never sent anywhere) and passed to the core as
//! `Options.extra_trust` with every verification.

use base64::Engine as _;
use serde::{Deserialize, Serialize};

const KEY: &str = "kyso.trust.v1";
/// Same bounds as the binding (`kyso_wasm::MAX_EXTRA_TRUST`, `MAX_TRUST_ITEM_BYTES`).
pub const MAX_ANCHORS: usize = 256;
/// Largest file accepted as a trust anchor.
pub const MAX_ANCHOR_BYTES: usize = 4 * 1024 * 1024;

/// One user-added anchor: the file as chosen (PEM, DER or PKCS#7 bundle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// File name as chosen.
    pub name: String,
    /// The bytes, base64 (localStorage holds strings).
    pub data: String,
}

impl Anchor {
    /// The bytes.
    pub fn bytes(&self) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD
            .decode(&self.data)
            .unwrap_or_default()
    }

    /// From a chosen file.
    pub fn new(name: String, bytes: &[u8]) -> Self {
        Anchor {
            name,
            data: base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }

    /// Size in bytes.
    pub fn size(&self) -> usize {
        self.data.len() / 4 * 3
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored anchors (empty when storage is unavailable or unreadable).
pub fn load() -> Vec<Anchor> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Persist the anchors. Returns false when storage refused (quota, private mode).
pub fn save(anchors: &[Anchor]) -> bool {
    let Some(s) = storage() else { return false };
    match serde_json::to_string(anchors) {
        Ok(json) => s.set_item(KEY, &json).is_ok(),
        Err(_) => false,
    }
}
