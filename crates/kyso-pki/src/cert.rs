//! A parsed certificate that keeps the bytes it was parsed from.

use crate::names;
use crate::PkiError;
use base64ct::{Base64, Encoding};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::Certificate;

/// Upper bound on a certificate's size. Real certificates are 1–3 KB; RFC 5280
/// sets no limit, but anything this large is an attack on the parser.
pub(crate) const MAX_CERT_SIZE: usize = 64 * 1024;

/// A decoded certificate with its DER, fingerprint and the facts path
/// building needs. Shared, not copied: one verification meets the same
/// certificates again and again (every path built parses the trust anchors,
/// the CMS and the DSS carry the same chain), so [`ParsedCert::parse`]
/// keeps what it decoded ([`CACHE`]) and a clone is a reference count.
#[derive(Debug, Clone)]
pub(crate) struct ParsedCert(Arc<CertData>);

/// What [`ParsedCert`] holds.
#[derive(Debug)]
pub(crate) struct CertData {
    pub der: Vec<u8>,
    pub cert: Certificate,
    pub sha256: [u8; 32],
    pub ski: Option<Vec<u8>>,
    pub aki: Option<Vec<u8>>,
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
}

impl core::ops::Deref for ParsedCert {
    type Target = CertData;
    fn deref(&self) -> &CertData {
        &self.0
    }
}

/// Most certificates [`CACHE`] keeps (per thread); when full it starts
/// again empty. A verification meets a few dozen at most (the anchors, each
/// signature's chain, its timestamp's and its revocation responders'); the
/// bound keeps a hostile file with thousands from growing it.
const CACHE_MAX: usize = 128;

thread_local! {
    /// Certificates decoded on this thread, by their exact DER bytes:
    /// [`ParsedCert::parse`] is a function of those bytes alone, so a hit is
    /// the same value a new parse gives. Every path built decoded the six
    /// bundled anchors again: 25 % of a 1 MiB PDF's verification natively
    /// (kyso-core's `worker_phases` bench: 650 → 358 µs with this), 17 % in
    /// V8's optimised wasm tier (1.37 → 1.14 ms; docs/benchmarks.md, stop 28).
    /// Failures are not kept: they cost little and are rare.
    static CACHE: RefCell<HashMap<Vec<u8>, ParsedCert>> = RefCell::new(HashMap::new());
}

/// Keep `parsed` (decoded from `der`) in [`CACHE`], emptied first when full.
fn remember(der: &[u8], parsed: &ParsedCert) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(der.to_vec(), parsed.clone());
    });
}

impl ParsedCert {
    /// Decode `der` (strict DER, at most [`MAX_CERT_SIZE`] bytes), or take
    /// it from this thread's [`CACHE`].
    pub fn parse(der: &[u8]) -> Result<ParsedCert, String> {
        if let Some(hit) = CACHE.with(|c| c.borrow().get(der).cloned()) {
            return Ok(hit);
        }
        let parsed = ParsedCert::decode(der)?;
        remember(der, &parsed);
        Ok(parsed)
    }

    fn decode(der: &[u8]) -> Result<ParsedCert, String> {
        if der.len() > MAX_CERT_SIZE {
            return Err(format!(
                "certificate of {} bytes exceeds the {MAX_CERT_SIZE}-byte limit",
                der.len()
            ));
        }
        let cert = Certificate::from_der(der).map_err(|e| e.to_string())?;
        // The signature is checked over the TBSCertificate as re-encoded by the
        // chain walker; insist that re-encoding gives back exactly the bytes
        // received (strict DER), so what is hashed is what the CA signed.
        match cert.to_der() {
            Ok(re) if re == der => {}
            _ => {
                return Err(
                    "certificate is not in canonical DER (re-encoding changes its bytes)".into(),
                )
            }
        }
        let tbs = &cert.tbs_certificate;
        let ski = tbs
            .get::<SubjectKeyIdentifier>()
            .ok()
            .flatten()
            .map(|(_, s)| s.0.as_bytes().to_vec());
        let aki = tbs
            .get::<AuthorityKeyIdentifier>()
            .ok()
            .flatten()
            .and_then(|(_, a)| a.key_identifier.map(|k| k.as_bytes().to_vec()));
        let subject_der = tbs.subject.to_der().map_err(|e| e.to_string())?;
        let issuer_der = tbs.issuer.to_der().map_err(|e| e.to_string())?;
        Ok(ParsedCert(Arc::new(CertData {
            sha256: Sha256::digest(der).into(),
            der: der.to_vec(),
            cert,
            ski,
            aki,
            subject_der,
            issuer_der,
        })))
    }

    pub fn tbs(&self) -> &x509_cert::TbsCertificate {
        &self.cert.tbs_certificate
    }

    /// Subject and issuer names match (RFC 5280 §6.1 name comparison).
    pub fn is_self_issued(&self) -> bool {
        names::names_equal(&self.tbs().subject, &self.tbs().issuer)
    }

    /// Self-issued and its signature verifies with its own key.
    pub fn is_self_signed(&self) -> bool {
        self.is_self_issued()
            && crate::sig::verify_cert_signature(&self.cert, &self.der, self.spki()).is_ok()
    }

    pub fn spki(&self) -> &spki::SubjectPublicKeyInfoOwned {
        &self.tbs().subject_public_key_info
    }

    /// `issuer` may have issued `self`: names match and, when both carry key
    /// identifiers, AKI = SKI (RFC 5280 §4.2.1.1; a mismatch means a re-keyed CA with the same name).
    pub fn may_be_issued_by(&self, issuer: &ParsedCert) -> bool {
        if !names::names_equal(&self.tbs().issuer, &issuer.tbs().subject) {
            return false;
        }
        match (&self.aki, &issuer.ski) {
            (Some(a), Some(s)) => a == s,
            _ => true,
        }
    }

    pub fn basic_constraints(&self) -> Option<BasicConstraints> {
        self.tbs()
            .get::<BasicConstraints>()
            .ok()
            .flatten()
            .map(|(_, b)| b)
    }

    pub fn is_ca(&self) -> bool {
        self.basic_constraints().map(|b| b.ca).unwrap_or(false)
    }

    /// Key usage bits, `None` when the extension is absent.
    pub fn key_usage(&self) -> Option<KeyUsage> {
        self.tbs().get::<KeyUsage>().ok().flatten().map(|(_, k)| k)
    }

    pub fn has_key_usage(&self, bit: KeyUsages) -> Option<bool> {
        self.key_usage().map(|k| k.0.contains(bit))
    }

    pub fn eku(&self) -> Option<Vec<const_oid::ObjectIdentifier>> {
        self.tbs()
            .get::<x509_cert::ext::pkix::ExtendedKeyUsage>()
            .ok()
            .flatten()
            .map(|(_, e)| e.0)
    }

    pub fn not_before(&self) -> i64 {
        self.tbs().validity.not_before.to_unix_duration().as_secs() as i64
    }

    pub fn not_after(&self) -> i64 {
        self.tbs().validity.not_after.to_unix_duration().as_secs() as i64
    }

    pub fn subject_display(&self) -> String {
        names::common_name(&self.tbs().subject)
            .unwrap_or_else(|| names::rfc4514(&self.tbs().subject))
    }

    pub fn der_base64(&self) -> String {
        Base64::encode_string(&self.der)
    }
}

/// Every certificate in a DER certificate, a PEM file (CERTIFICATE and PKCS7
/// blocks, with any text around them, as OpenSSL writes "Bag Attributes"), or
/// a PKCS#7 / CMS SignedData bundle (`.p7b`, DER or BER).
pub(crate) fn split_certificates(bytes: &[u8], max: usize) -> Result<Vec<Vec<u8>>, PkiError> {
    let mut out = Vec::new();
    if let Ok(text) = core::str::from_utf8(bytes) {
        if text.contains("-----BEGIN ") {
            for block in pem_blocks(text) {
                // Each block is decoded by pem-rfc7468 (RFC 7468: label,
                // Base64 body, matching END line); only the boundaries are
                // found here.
                let (label, der) = pem_rfc7468::decode_vec(block.as_bytes())
                    .map_err(|e| PkiError::NotACertificate(format!("PEM: {e}")))?;
                match label {
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => out.push(der),
                    "PKCS7" | "CMS" => out.extend(p7b_certificates(&der)?),
                    _ => {}
                }
                if out.len() > max {
                    return Err(PkiError::TooMany(out.len()));
                }
            }
            if out.is_empty() {
                return Err(PkiError::NotACertificate(
                    "no CERTIFICATE or PKCS7 block in the PEM text".into(),
                ));
            }
            return Ok(out);
        }
    }
    if Certificate::from_der(bytes).is_ok() {
        return Ok(vec![bytes.to_vec()]);
    }
    let certs = p7b_certificates(bytes)?;
    if certs.len() > max {
        return Err(PkiError::TooMany(certs.len()));
    }
    Ok(certs)
}

/// The `-----BEGIN X-----` … `-----END X-----` blocks of a PEM text, in order.
fn pem_blocks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find("-----BEGIN ")?;
        let after = &rest[start + 11..];
        let label = &after[..after.find("-----")?];
        let end_marker = format!("-----END {label}-----");
        let end = rest[start..].find(&end_marker)? + start + end_marker.len();
        let block = &rest[start..end];
        rest = &rest[end..];
        Some(block)
    })
}

/// Certificates of a CMS ContentInfo holding SignedData (RFC 5652 §5.1), as
/// in `.p7b` files, read by kyso-cms (the one CMS reader: BER included).
fn p7b_certificates(der: &[u8]) -> Result<Vec<Vec<u8>>, PkiError> {
    let sd = kyso_cms::parse_signed_data(der, &kyso_cms::Limits::default())
        .map_err(|e| PkiError::NotACertificate(e.to_string()))?;
    let out: Vec<Vec<u8>> = sd.certificates().iter().map(|c| c.der.clone()).collect();
    if out.is_empty() {
        return Err(PkiError::NotACertificate(
            "PKCS#7 bundle without certificates".into(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_der() -> Vec<u8> {
        let pem = include_str!("../../../fixtures/pdf/trust/kyso-test-root.pem");
        pem_rfc7468::decode_vec(pem.trim().as_bytes()).unwrap().1
    }

    /// A second parse of the same bytes is the cached value, equal in every
    /// field to a fresh decode.
    #[test]
    fn cached_parse_is_the_decoded_certificate() {
        let der = root_der();
        let a = ParsedCert::parse(&der).unwrap();
        let b = ParsedCert::parse(&der).unwrap();
        assert!(
            Arc::ptr_eq(&a.0, &b.0),
            "the second parse comes from the cache"
        );
        let fresh = ParsedCert::decode(&der).unwrap();
        assert_eq!(b.der, fresh.der);
        assert_eq!(b.cert, fresh.cert);
        assert_eq!(b.sha256, fresh.sha256);
        assert_eq!((&b.ski, &b.aki), (&fresh.ski, &fresh.aki));
        assert_eq!(
            (&b.subject_der, &b.issuer_der),
            (&fresh.subject_der, &fresh.issuer_der)
        );
    }

    /// Bytes that are not exactly a certificate's are decoded (and refused)
    /// on their own, never answered from the cache; the cache stays bounded.
    #[test]
    fn cache_keys_are_exact_bytes_and_bounded() {
        let der = root_der();
        ParsedCert::parse(&der).unwrap();
        let mut longer = der.clone();
        longer.push(0);
        assert!(ParsedCert::parse(&longer).is_err());
        let mut flipped = der.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        if let Ok(p) = ParsedCert::parse(&flipped) {
            assert_ne!(p.der, der);
        }
        // Distinct keys beyond the bound: it starts again empty.
        for i in 0..(CACHE_MAX + 10) {
            let mut k = der.clone();
            k.extend_from_slice(&(i as u32).to_be_bytes());
            remember(&k, &ParsedCert::parse(&der).unwrap());
            assert!(CACHE.with(|c| c.borrow().len()) <= CACHE_MAX);
        }
        assert!(CACHE.with(|c| c.borrow().len()) <= CACHE_MAX);
    }
}
