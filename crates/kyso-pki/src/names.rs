//! Distinguished names: comparison (RFC 5280 §7.1) and display (RFC 4514).

use const_oid::ObjectIdentifier as Oid;
use der::{Tag, Tagged};
use x509_cert::name::Name;

pub(crate) const CN: Oid = Oid::new_unwrap("2.5.4.3");
pub(crate) const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub(crate) const C: Oid = Oid::new_unwrap("2.5.4.6");
pub(crate) const L: Oid = Oid::new_unwrap("2.5.4.7");
pub(crate) const ST: Oid = Oid::new_unwrap("2.5.4.8");
pub(crate) const STREET: Oid = Oid::new_unwrap("2.5.4.9");
pub(crate) const O: Oid = Oid::new_unwrap("2.5.4.10");
pub(crate) const OU: Oid = Oid::new_unwrap("2.5.4.11");
pub(crate) const T: Oid = Oid::new_unwrap("2.5.4.12");
pub(crate) const DC: Oid = Oid::new_unwrap("0.9.2342.19200300.100.1.25");
pub(crate) const UID: Oid = Oid::new_unwrap("0.9.2342.19200300.100.1.1");
pub(crate) const EMAIL: Oid = Oid::new_unwrap("1.2.840.113549.1.9.1");

/// RFC 5280 §7.1 name comparison (case-insensitive, whitespace-collapsing for
/// the string types), as implemented by the chain walker we use, so path
/// building and validation agree on what "same name" means.
pub(crate) fn names_equal(a: &Name, b: &Name) -> bool {
    pkix_path::names_match(a, b)
}

/// Decode a directory string value. TeletexString (T.61) is read as Latin-1,
/// as every deployed CA writes it; BMPString as UTF-16BE; UniversalString as UTF-32BE.
pub(crate) fn decode_string(value: &der::Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String => core::str::from_utf8(bytes).ok().map(str::to_owned),
        Tag::PrintableString | Tag::Ia5String | Tag::VisibleString | Tag::NumericString => {
            core::str::from_utf8(bytes).ok().map(str::to_owned)
        }
        Tag::TeletexString => Some(bytes.iter().map(|&b| b as char).collect()),
        Tag::BmpString => {
            if bytes.len() % 2 != 0 {
                return None;
            }
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        Tag::Application { .. } | Tag::ContextSpecific { .. } | Tag::Private { .. } => None,
        t if t.octet() == 0x1C => {
            if bytes.len() % 4 != 0 {
                return None;
            }
            bytes
                .chunks(4)
                .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                .collect::<Option<String>>()
        }
        _ => None,
    }
}

fn short_name(oid: &Oid) -> Option<&'static str> {
    Some(match *oid {
        CN => "CN",
        SERIAL_NUMBER => "SERIALNUMBER",
        C => "C",
        L => "L",
        ST => "ST",
        STREET => "STREET",
        O => "O",
        OU => "OU",
        T => "T",
        DC => "DC",
        UID => "UID",
        EMAIL => "E",
        _ => return None,
    })
}

/// RFC 4514 §2.4 escaping.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let n = s.chars().count();
    for (i, ch) in s.chars().enumerate() {
        match ch {
            ',' | '+' | '"' | '\\' | '<' | '>' | ';' => {
                out.push('\\');
                out.push(ch);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i + 1 == n => out.push_str("\\ "),
            '\0' => out.push_str("\\00"),
            c => out.push(c),
        }
    }
    out
}

/// RFC 4514 string: RDNs last-to-first, multi-valued RDNs joined by `+`;
/// values that are not strings are written `#` + hex of their DER.
pub(crate) fn rfc4514(name: &Name) -> String {
    let mut parts = Vec::new();
    for rdn in name.0.iter().rev() {
        let mut atvs = Vec::new();
        for atv in rdn.0.iter() {
            let key = short_name(&atv.oid)
                .map(str::to_owned)
                .unwrap_or_else(|| atv.oid.to_string());
            let val = match decode_string(&atv.value) {
                Some(s) => escape(&s),
                None => {
                    let der = der::Encode::to_der(&atv.value).unwrap_or_default();
                    format!("#{}", hex::encode(der))
                }
            };
            atvs.push(format!("{key}={val}"));
        }
        parts.push(atvs.join("+"));
    }
    parts.join(",")
}

/// Every value of one attribute type, in DN order.
pub(crate) fn values(name: &Name, oid: Oid) -> Vec<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == oid)
        .filter_map(|atv| decode_string(&atv.value))
        .collect()
}

/// The most specific (last) value of one attribute type.
pub(crate) fn last_value(name: &Name, oid: Oid) -> Option<String> {
    values(name, oid).pop()
}

pub(crate) fn common_name(name: &Name) -> Option<String> {
    last_value(name, CN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::asn1::Any;

    #[test]
    fn rfc4514_order_and_escaping() {
        use core::str::FromStr;
        // The string form lists the last RDN first: C is the first RDN in the DER.
        let name = Name::from_str("CN=Nguyễn Văn A\\, Jr.,O=Sở #1,C=VN").unwrap();
        assert_eq!(name.0[0].0.iter().next().unwrap().oid, C);
        assert_eq!(rfc4514(&name), "CN=Nguyễn Văn A\\, Jr.,O=Sở #1,C=VN");
        assert_eq!(common_name(&name).as_deref(), Some("Nguyễn Văn A, Jr."));
        // `#` is escaped only when leading, a space when leading or trailing.
        assert_eq!(escape("#x "), "\\#x\\ ");
    }

    #[test]
    fn string_types() {
        let units: Vec<u8> = "Hà Nội"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let bmp = Any::new(Tag::BmpString, units).unwrap();
        assert_eq!(decode_string(&bmp).as_deref(), Some("Hà Nội"));
        // TeletexString read as Latin-1 (0xE9 = é).
        let t61 = Any::new(Tag::TeletexString, vec![0x43, 0x61, 0x66, 0xE9]).unwrap();
        assert_eq!(decode_string(&t61).as_deref(), Some("Café"));
        let bad = Any::new(Tag::Utf8String, vec![0xFF]).unwrap();
        assert_eq!(decode_string(&bad), None);
    }
}
