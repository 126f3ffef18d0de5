//! A certificate as a reader sees it ([`kyso_report::CertificateInfo`]).

use crate::cert::ParsedCert;
use crate::names::{self, C, CN, EMAIL, L, O, OU, ST, T, UID};
use const_oid::ObjectIdentifier as Oid;
use kyso_report::{CertificateInfo, Identifier, Time};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{CertificatePolicies, KeyUsages, SubjectAltName};

/// Vietnamese identifier prefixes found in `UID` values (Thông tư 06/2015/TT-BTTTT
/// subject profile, as written by VGCA and the licensed public CAs).
const ID_PREFIXES: &[(&str, &str, &str)] = &[
    (
        "CMND",
        "Chứng minh nhân dân",
        "National ID card number (old, 9/12 digits)",
    ),
    ("CCCD", "Căn cước công dân", "Citizen identity card number"),
    ("MST", "Mã số thuế", "Tax code"),
    (
        "MNS",
        "Mã số đơn vị có quan hệ với ngân sách",
        "Budget-relationship unit code",
    ),
    ("HC", "Hộ chiếu", "Passport number"),
    ("BHXH", "Mã số bảo hiểm xã hội", "Social insurance number"),
];

/// Decode one `UID` value such as `MST:0102357802`.
pub fn decode_identifier(raw: &str) -> Identifier {
    if let Some((prefix, value)) = raw.split_once(':') {
        let p = prefix.trim().to_ascii_uppercase();
        if let Some((k, vi, en)) = ID_PREFIXES.iter().find(|(k, _, _)| *k == p) {
            return Identifier {
                kind: (*k).to_string(),
                value: value.trim().to_string(),
                meaning_vi: (*vi).to_string(),
                meaning_en: (*en).to_string(),
            };
        }
    }
    Identifier {
        kind: String::new(),
        value: raw.to_string(),
        meaning_vi: "Mã định danh".into(),
        meaning_en: "Identifier".into(),
    }
}

const KU_NAMES: &[(KeyUsages, &str)] = &[
    (KeyUsages::DigitalSignature, "digitalSignature"),
    (KeyUsages::NonRepudiation, "nonRepudiation"),
    (KeyUsages::KeyEncipherment, "keyEncipherment"),
    (KeyUsages::DataEncipherment, "dataEncipherment"),
    (KeyUsages::KeyAgreement, "keyAgreement"),
    (KeyUsages::KeyCertSign, "keyCertSign"),
    (KeyUsages::CRLSign, "cRLSign"),
    (KeyUsages::EncipherOnly, "encipherOnly"),
    (KeyUsages::DecipherOnly, "decipherOnly"),
];

/// Name of an extended key usage OID (RFC 5280 §4.2.1.12 and vendor arcs).
pub fn eku_name(oid: &Oid) -> String {
    match oid.to_string().as_str() {
        "2.5.29.37.0" => "anyExtendedKeyUsage".into(),
        "1.3.6.1.5.5.7.3.1" => "serverAuth".into(),
        "1.3.6.1.5.5.7.3.2" => "clientAuth".into(),
        "1.3.6.1.5.5.7.3.3" => "codeSigning".into(),
        "1.3.6.1.5.5.7.3.4" => "emailProtection".into(),
        "1.3.6.1.5.5.7.3.8" => "timeStamping".into(),
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning".into(),
        "1.3.6.1.5.5.7.3.36" => "documentSigning".into(),
        "1.3.6.1.4.1.311.20.2.2" => "smartcardLogon".into(),
        "1.3.6.1.4.1.311.10.3.12" => "msDocumentSigning".into(),
        "1.2.840.113583.1.1.5" => "adobeAuthenticDocumentsTrust".into(),
        "1.3.6.1.5.5.7.3.17" => "ipsecIKE".into(),
        s => s.to_string(),
    }
}

/// Serial number as uppercase hex, without the sign-padding zero byte DER adds
/// before a high bit (RFC 5280 §4.1.2.2 serials are positive).
fn serial_hex(bytes: &[u8]) -> String {
    let trimmed = match bytes {
        [0, rest @ ..] if rest.first().is_some_and(|b| b & 0x80 != 0) => rest,
        b => b,
    };
    hex::encode_upper(trimmed)
}

/// Describe a DER certificate for display; `None` when it does not parse.
pub fn describe_certificate(der: &[u8]) -> Option<CertificateInfo> {
    let pc = ParsedCert::parse(der).ok()?;
    Some(describe_parsed(&pc))
}

pub(crate) fn describe_parsed(pc: &ParsedCert) -> CertificateInfo {
    let tbs = pc.tbs();
    let subject = &tbs.subject;
    let san = tbs
        .get::<SubjectAltName>()
        .ok()
        .flatten()
        .map(|(_, s)| s.0)
        .unwrap_or_default();
    let san_email = san.iter().find_map(|g| match g {
        GeneralName::Rfc822Name(e) => Some(e.to_string()),
        _ => None,
    });
    let mut locality: Vec<String> = names::values(subject, L);
    locality.extend(names::values(subject, ST));
    let key_usage = pc
        .key_usage()
        .map(|k| {
            KU_NAMES
                .iter()
                .filter(|(b, _)| k.0.contains(*b))
                .map(|(_, n)| (*n).to_string())
                .collect()
        })
        .unwrap_or_default();
    let extended_key_usage = pc.eku().unwrap_or_default().iter().map(eku_name).collect();
    let policies = tbs
        .get::<CertificatePolicies>()
        .ok()
        .flatten()
        .map(|(_, p)| {
            p.0.iter()
                .map(|pi| pi.policy_identifier.to_string())
                .collect()
        })
        .unwrap_or_default();
    let public_key = kyso_crypto::KeyInfo::from_spki(pc.spki())
        .ok()
        .map(|k| k.description());
    CertificateInfo {
        common_name: names::common_name(subject),
        organization: names::last_value(subject, O),
        organizational_units: names::values(subject, OU),
        title: names::last_value(subject, T),
        locality: if locality.is_empty() {
            None
        } else {
            Some(locality.join(", "))
        },
        country: names::last_value(subject, C),
        email: names::last_value(subject, EMAIL).or(san_email),
        identifiers: names::values(subject, UID)
            .iter()
            .map(|v| decode_identifier(v))
            .collect(),
        subject: names::rfc4514(subject),
        issuer: names::rfc4514(&tbs.issuer),
        issuer_common_name: names::last_value(&tbs.issuer, CN),
        serial: serial_hex(tbs.serial_number.as_bytes()),
        not_before: Some(Time(pc.not_before())),
        not_after: Some(Time(pc.not_after())),
        sha256: hex::encode(pc.sha256),
        public_key,
        key_usage,
        extended_key_usage,
        policies,
        is_ca: pc.is_ca(),
        der_base64: Some(pc.der_base64()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_identifiers() {
        let id = decode_identifier("MST:0102357802");
        assert_eq!(
            (id.kind.as_str(), id.value.as_str(), id.meaning_vi.as_str()),
            ("MST", "0102357802", "Mã số thuế")
        );
        assert_eq!(
            decode_identifier("CCCD:001099012345").meaning_en,
            "Citizen identity card number"
        );
        assert_eq!(decode_identifier("cmnd: 012345678").kind, "CMND");
        assert_eq!(
            decode_identifier("BHXH:0123456789").meaning_vi,
            "Mã số bảo hiểm xã hội"
        );
        assert_eq!(decode_identifier("HC:B1234567").kind, "HC");
        assert_eq!(
            decode_identifier("MNS:1032158").meaning_vi,
            "Mã số đơn vị có quan hệ với ngân sách"
        );
        let other = decode_identifier("XYZ:1");
        assert_eq!((other.kind.as_str(), other.value.as_str()), ("", "XYZ:1"));
    }

    #[test]
    fn serials() {
        assert_eq!(serial_hex(&[0x00, 0x8F, 0x01]), "8F01");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[0x00, 0x10]), "0010");
        assert_eq!(serial_hex(&[0x54, 0x01]), "5401");
    }
}
