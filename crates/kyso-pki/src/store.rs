//! The trust store: anchors (trusted by themselves) and known intermediates
//! (used to complete paths, never trusted by themselves).

use crate::cert::ParsedCert;
use crate::pins::PINS;
use crate::PkiError;
use base64ct::{Base64, Encoding};

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// At most this many certificates are read from one user input (a PEM file or
/// `.p7b` bundle); real CA bundles hold a few hundred.
pub(crate) const MAX_CERTS_PER_INPUT: usize = 1000;

/// What an entry of the store may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnchorPurpose {
    /// A trust anchor (a root): paths ending here are trusted for document
    /// signing and timestamping.
    Root,
    /// Known intermediate CA or authority certificate: completes paths whose
    /// signature container omitted it, and must itself chain to a root.
    Intermediate,
}

/// Where an entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnchorSource {
    /// Compiled into Kyso (pinned by fingerprint).
    Bundled,
    /// Added by the user.
    User,
    /// Added by a test; never trusted by default.
    Test,
}

/// One certificate of the trust store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// DER encoding.
    pub der: Vec<u8>,
    /// Label shown to a Vietnamese reader.
    pub label_vi: String,
    /// Label shown to an English reader.
    pub label_en: String,
    /// Root or intermediate.
    pub purpose: AnchorPurpose,
    /// Where it came from.
    pub source: AnchorSource,
}

/// A well-known Vietnamese anchor that Kyso does not ship (no public file),
/// listed so the user can add it and check the fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownAnchor {
    /// Name in Vietnamese.
    pub name_vi: &'static str,
    /// Name in English.
    pub name_en: &'static str,
    /// SHA-256 of the DER certificate, lowercase hex.
    pub sha256: &'static str,
}

/// From `vn/README.md` (fingerprints as published by Ban Cơ yếu Chính phủ).
const KNOWN_NOT_BUNDLED: &[KnownAnchor] = &[
    KnownAnchor {
        name_vi: "Ban Cơ yếu Chính phủ — RootCA chuyên dùng Chính phủ (thế hệ G1)",
        name_en: "Government Cipher Committee — Government Special-Use RootCA (G1)",
        sha256: "f7bc89054cec7f12730d7b8cd3eb7955b163835087e5eb873edfb584763b3f90",
    },
    KnownAnchor {
        name_vi: "Ban Cơ yếu Chính phủ — CA phục vụ các cơ quan Nhà nước (thế hệ G1, cp.crt)",
        name_en: "Government Cipher Committee — CA for State agencies (G1, cp.crt)",
        sha256: "75e969c07ba35c29c72bbc1bfb880f20f3891a619b00b77eb02ca6160736a1fe",
    },
    KnownAnchor {
        name_vi: "Ban Cơ yếu Chính phủ — CA phục vụ các cơ quan Đảng G2",
        name_en: "Government Cipher Committee — CA for Party agencies G2",
        sha256: "e4b402e3cb4cacc0a20d21fa49bce76beb4eb47ba7ffb7a8f71c554dbe561a81",
    },
];

/// Trust anchors and known intermediates.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    entries: Vec<Anchor>,
}

impl TrustStore {
    /// The Vietnamese certificates compiled into Kyso: the two roots (Ban Cơ
    /// yếu Chính phủ RootCA G2, Vietnam National Root CA) and the known
    /// intermediates (CA phục vụ các cơ quan Nhà nước G2, the two VGCA
    /// timestamp servers, VNPT-CA SHA2). Empty when the build did not find
    /// the reference folder (a cargo warning says so).
    pub fn bundled() -> TrustStore {
        let mut entries = Vec::new();
        for (sha, der) in BUNDLED_DER {
            let Some(pin) = PINS.iter().find(|p| p.sha256 == *sha) else {
                continue;
            };
            entries.push(Anchor {
                der: der.to_vec(),
                label_vi: pin.label_vi.to_string(),
                label_en: pin.label_en.to_string(),
                purpose: if pin.role == "root" {
                    AnchorPurpose::Root
                } else {
                    AnchorPurpose::Intermediate
                },
                source: AnchorSource::Bundled,
            });
        }
        TrustStore { entries }
    }

    /// A store with nothing in it.
    pub fn empty() -> TrustStore {
        TrustStore {
            entries: Vec::new(),
        }
    }

    /// Add every certificate in `bytes` (DER, PEM with one or more
    /// certificates, or a PKCS#7 / CMS "certs-only" bundle, DER or PEM).
    /// Self-signed certificates become anchors; the others intermediates.
    /// Returns how many were added (duplicates are skipped).
    pub fn add_pem_der_or_p7b(
        &mut self,
        bytes: &[u8],
        source: AnchorSource,
    ) -> Result<usize, PkiError> {
        let ders = crate::cert::split_certificates(bytes, MAX_CERTS_PER_INPUT)?;
        let mut added = 0;
        for der in ders {
            let cert = ParsedCert::parse(&der).map_err(PkiError::NotACertificate)?;
            if self.entries.iter().any(|e| e.der == der) {
                continue;
            }
            let label = cert.subject_display();
            self.entries.push(Anchor {
                purpose: if cert.is_self_signed() {
                    AnchorPurpose::Root
                } else {
                    AnchorPurpose::Intermediate
                },
                label_vi: label.clone(),
                label_en: label,
                der,
                source,
            });
            added += 1;
        }
        Ok(added)
    }

    /// Add one certificate with explicit labels and role.
    pub fn add(&mut self, anchor: Anchor) {
        if !self.entries.iter().any(|e| e.der == anchor.der) {
            self.entries.push(anchor);
        }
    }

    /// Every entry (roots and intermediates).
    pub fn anchors(&self) -> &[Anchor] {
        &self.entries
    }

    /// Well-known Vietnamese anchors not shipped with Kyso, with fingerprints.
    pub fn known_not_bundled() -> &'static [KnownAnchor] {
        KNOWN_NOT_BUNDLED
    }

    /// PEM text of every entry, for export.
    pub fn to_pem(&self) -> String {
        let mut s = String::new();
        for e in &self.entries {
            s.push_str("-----BEGIN CERTIFICATE-----\n");
            let b = Base64::encode_string(&e.der);
            for chunk in b.as_bytes().chunks(64) {
                s.push_str(core::str::from_utf8(chunk).unwrap_or(""));
                s.push('\n');
            }
            s.push_str("-----END CERTIFICATE-----\n");
        }
        s
    }
}
