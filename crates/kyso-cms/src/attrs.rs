//! Signed-attribute helpers: single-valued lookups (RFC 5652 §11) and the ESS
//! signing-certificate references (RFC 2634 §5.4, RFC 5035 §3).

use crate::ber::{self, Class};
use crate::signed_data::{alg_id, Attribute, CertDer};
use const_oid::ObjectIdentifier;
use kyso_crypto::DigestAlg;

/// The single value of a single-valued attribute. `Err` when the attribute
/// occurs more than once or has other than exactly one value (RFC 5652 §11.1–§11.3).
pub(crate) fn single<'a>(
    attrs: &'a [Attribute],
    oid: &ObjectIdentifier,
) -> Result<Option<&'a [u8]>, String> {
    let mut found = attrs.iter().filter(|a| a.oid == *oid);
    let Some(first) = found.next() else {
        return Ok(None);
    };
    if found.next().is_some() {
        return Err(format!("attribute {oid} occurs more than once"));
    }
    match first.values.as_slice() {
        [v] => Ok(Some(v.as_slice())),
        _ => Err(format!("attribute {oid} must have exactly one value")),
    }
}

/// Outcome of comparing an ESS signing-certificate reference with the signer certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EssOutcome {
    Match,
    HashMismatch,
    IssuerSerialMismatch,
    UnsupportedHash(String),
    Malformed(String),
}

/// Check the first `ESSCertID(v2)` of a SigningCertificate(V2) value against `cert`.
///
/// ```text
/// SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID, policies ... OPTIONAL }
/// ESSCertID ::= SEQUENCE { certHash Hash (SHA-1), issuerSerial IssuerSerial OPTIONAL }
/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
/// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {id-sha256},
///                            certHash Hash, issuerSerial IssuerSerial OPTIONAL }
/// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
/// ```
/// The first ESSCertID identifies the signing certificate (RFC 5035 §3).
pub(crate) fn check_signing_certificate(value: &[u8], v2: bool, cert: &CertDer) -> EssOutcome {
    match check_inner(value, v2, cert) {
        Ok(o) => o,
        Err(e) => EssOutcome::Malformed(e.to_string()),
    }
}

fn check_inner(value: &[u8], v2: bool, cert: &CertDer) -> Result<EssOutcome, crate::CmsError> {
    let (sc, _) = ber::read_tlv(value, 0)?;
    let mut r = sc.sequence("SigningCertificate")?;
    let certs = r.expect("certs")?;
    let mut cr = certs.sequence("certs")?;
    let id = cr.expect("ESSCertID")?;
    let mut ir = id.sequence("ESSCertID")?;
    let mut alg = DigestAlg::Sha1;
    if v2 {
        alg = DigestAlg::Sha256;
        if let Some(a) = ir.next_if(|t| t.is(Class::Universal, true, ber::SEQUENCE))? {
            let a = alg_id(&a)?;
            match DigestAlg::from_oid(&a.oid) {
                Some(d) => alg = d,
                None => return Ok(EssOutcome::UnsupportedHash(a.oid.to_string())),
            }
        }
    }
    let hash = ir.expect("certHash")?;
    if !hash.is(Class::Universal, false, ber::OCTET_STRING) {
        return Err(crate::CmsError::Structure(
            "certHash is not an OCTET STRING".into(),
        ));
    }
    if hash.content != alg.digest(&cert.der).as_slice() {
        return Ok(EssOutcome::HashMismatch);
    }
    if let Some(is) = ir.next_tlv()? {
        let mut isr = is.sequence("IssuerSerial")?;
        let names = isr.expect("issuer")?;
        let serial = isr.expect("serialNumber")?;
        if ber::normalize_integer(serial.content) != cert.serial.as_slice() {
            return Ok(EssOutcome::IssuerSerialMismatch);
        }
        // GeneralNames: look for directoryName [4] EXPLICIT Name equal to the issuer.
        let mut nr = names.sequence("GeneralNames")?;
        let mut any_dir = false;
        let mut matched = false;
        while let Some(gn) = nr.next_tlv()? {
            if gn.is(Class::Context, true, 4) {
                any_dir = true;
                if let Some(name) = gn.children().next_tlv()? {
                    if names_equal(name.raw, &cert.issuer_der) {
                        matched = true;
                    }
                }
            }
        }
        if any_dir && !matched {
            return Ok(EssOutcome::IssuerSerialMismatch);
        }
    }
    Ok(EssOutcome::Match)
}

/// Name equality: identical encodings, or equal once decoded (tolerates BER
/// length forms). RFC 5280 §7.1 string preparation is left to `kyso-pki`.
pub(crate) fn names_equal(a: &[u8], b: &[u8]) -> bool {
    use der::Decode;
    if a == b {
        return true;
    }
    match (
        x509_cert::name::Name::from_der(a),
        x509_cert::name::Name::from_der(b),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_signed_data, Limits};

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut v = vec![tag];
        let n = content.len();
        if n < 0x80 {
            v.push(n as u8);
        } else if n < 0x100 {
            v.extend([0x81, n as u8]);
        } else {
            v.extend([0x82, (n >> 8) as u8, n as u8]);
        }
        v.extend_from_slice(content);
        v
    }

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(name),
        )
        .unwrap()
    }

    #[test]
    fn ess_reference_must_name_the_signer_certificate() {
        let tok = parse_signed_data(&fixture("token-sha256.tst"), &Limits::default()).unwrap();
        let other =
            parse_signed_data(&fixture("rsa-sha256-detached.p7s"), &Limits::default()).unwrap();
        let si = &tok.signer_infos()[0];
        let v = single(&si.signed_attrs, &crate::oids::ATTR_SIGNING_CERTIFICATE_V2)
            .unwrap()
            .unwrap();
        let tsa = &tok.certificates()
            [crate::signer::find_signer_cert(tok.certificates(), &si.sid).unwrap()];
        assert_eq!(check_signing_certificate(v, true, tsa), EssOutcome::Match);
        assert_eq!(
            check_signing_certificate(v, true, &other.certificates()[0]),
            EssOutcome::HashMismatch
        );
        assert!(matches!(
            check_signing_certificate(&v[..v.len() - 3], true, tsa),
            EssOutcome::Malformed(_)
        ));
        // With issuerSerial (RFC 5035 §4): hash, serial and directoryName must all agree.
        let ess = |serial: &[u8], issuer: &[u8]| {
            let hash = DigestAlg::Sha256.digest(&tsa.der);
            let dir = tlv(0xa4, issuer);
            let issuer_serial = tlv(0x30, &[tlv(0x30, &dir), tlv(0x02, serial)].concat());
            let id = tlv(0x30, &[tlv(0x04, &hash), issuer_serial].concat());
            tlv(0x30, &tlv(0x30, &id))
        };
        assert_eq!(
            check_signing_certificate(&ess(&tsa.serial, &tsa.issuer_der), true, tsa),
            EssOutcome::Match
        );
        let mut serial = tsa.serial.clone();
        *serial.last_mut().unwrap() ^= 1;
        assert_eq!(
            check_signing_certificate(&ess(&serial, &tsa.issuer_der), true, tsa),
            EssOutcome::IssuerSerialMismatch
        );
        let other_issuer = &other.certificates()[0].subject_der;
        assert_eq!(
            check_signing_certificate(&ess(&tsa.serial, other_issuer), true, tsa),
            EssOutcome::IssuerSerialMismatch
        );
    }
}
