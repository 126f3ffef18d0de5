//! Certificate, CRL and OCSP signatures, all through `kyso_crypto::verify_signature`.

use der::{Decode, Encode};
use kyso_crypto::{verify_signature, CryptoError, Message, SignatureAlg};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::Certificate;

/// Verify `signature` over `tbs` (bytes as received) with `alg` and `key`.
pub(crate) fn verify_raw(
    alg: &AlgorithmIdentifierOwned,
    key: &SubjectPublicKeyInfoOwned,
    tbs: &[u8],
    signature: &[u8],
) -> Result<SignatureAlg, CryptoError> {
    let a = SignatureAlg::from_algorithm_identifier(alg, None)?;
    verify_signature(&a, key, Message::Raw(tbs), signature)?;
    Ok(a)
}

/// The TBSCertificate bytes exactly as they appear inside `der`
/// (RFC 5280 §4.1.1.3: the signature is computed over the DER TBSCertificate).
pub(crate) fn tbs_slice(der: &[u8]) -> Option<&[u8]> {
    let outer = der::asn1::AnyRef::from_der(der).ok()?; // Certificate SEQUENCE
    let inner = outer.value();
    // First element: TBSCertificate SEQUENCE; take its full TLV.
    let mut reader = der::SliceReader::new(inner).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    let hlen = usize::try_from(header.encoded_len().ok()?).ok()?;
    let blen = usize::try_from(header.length).ok()?;
    inner.get(..hlen.checked_add(blen)?)
}

pub(crate) fn verify_cert_signature(
    cert: &Certificate,
    der: &[u8],
    issuer_key: &SubjectPublicKeyInfoOwned,
) -> Result<SignatureAlg, CryptoError> {
    let tbs =
        tbs_slice(der).ok_or_else(|| CryptoError::Malformed("certificate structure".into()))?;
    let sig = cert
        .signature
        .as_bytes()
        .ok_or_else(|| CryptoError::Malformed("signature bit string".into()))?;
    verify_raw(&cert.signature_algorithm, issuer_key, tbs, sig)
}

/// Adapter: the chain walker asks for signature checks through this trait;
/// every check is counted against the path-building budget and its outcome
/// (algorithm used, or why it failed) is recorded for the report.
pub(crate) struct KysoVerifier<'a> {
    pub budget: &'a core::cell::Cell<u32>,
    pub log: &'a core::cell::RefCell<Vec<Result<SignatureAlg, CryptoError>>>,
}

impl pkix_path::SignatureVerifier for KysoVerifier<'_> {
    fn verify_signature(
        &self,
        algorithm: spki::AlgorithmIdentifierRef<'_>,
        issuer_spki: spki::SubjectPublicKeyInfoRef<'_>,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), signature::Error> {
        let left = self.budget.get();
        if left == 0 {
            return Err(signature::Error::new());
        }
        self.budget.set(left - 1);
        let res = (|| {
            let alg: AlgorithmIdentifierOwned = AlgorithmIdentifierOwned::from_der(
                &algorithm
                    .to_der()
                    .map_err(|e| CryptoError::Malformed(e.to_string()))?,
            )
            .map_err(|e| CryptoError::Malformed(e.to_string()))?;
            let key = SubjectPublicKeyInfoOwned::from_der(
                &issuer_spki
                    .to_der()
                    .map_err(|e| CryptoError::Malformed(e.to_string()))?,
            )
            .map_err(|e| CryptoError::Malformed(e.to_string()))?;
            verify_raw(&alg, &key, message, signature)
        })();
        let ok = res.is_ok();
        self.log.borrow_mut().push(res);
        if ok {
            Ok(())
        } else {
            Err(signature::Error::new())
        }
    }
}
