//! A bounded BER/DER element reader (ITU-T X.690 §8.1) over borrowed bytes.
//!
//! Why not `der` 0.7 for the outer structures: it is DER-only, so it rejects
//! what real signers emit and RFC 5652 allows (SignedData is BER: indefinite
//! lengths, constructed OCTET STRINGs, unsorted SET OF in signedAttrs that must
//! still be hashed as received). This reader only splits elements and hands out
//! the exact bytes; leaf values that are DER in practice (AlgorithmIdentifier,
//! SubjectPublicKeyInfo, Certificate) are then decoded with the RustCrypto types.
//!
//! Every walk is bounded: nesting depth (indefinite lengths recurse) and the
//! number of elements read per call, so no input can make it hang or overflow.

use crate::CmsError;

/// Tag class (X.690 §8.1.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Universal,
    Application,
    Context,
    Private,
}

/// One element: its tag and the exact bytes it was read from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tlv<'a> {
    pub class: Class,
    pub constructed: bool,
    pub number: u32,
    /// The whole element as received (identifier, length, contents, end-of-contents).
    pub raw: &'a [u8],
    /// The contents octets (for indefinite length, without the end-of-contents octets).
    pub content: &'a [u8],
    pub indefinite: bool,
}

// Universal tag numbers used here.
pub(crate) const BOOLEAN: u32 = 1;
pub(crate) const INTEGER: u32 = 2;
pub(crate) const OCTET_STRING: u32 = 4;
pub(crate) const OID: u32 = 6;
pub(crate) const SEQUENCE: u32 = 16;
pub(crate) const SET: u32 = 17;
pub(crate) const UTC_TIME: u32 = 23;
pub(crate) const GENERALIZED_TIME: u32 = 24;

/// Hard nesting bound for indefinite-length walking: CMS nests about 12 deep;
/// 64 leaves room for nested tokens while keeping recursion shallow.
pub(crate) const MAX_DEPTH: usize = 64;

impl<'a> Tlv<'a> {
    pub fn is(&self, class: Class, constructed: bool, number: u32) -> bool {
        self.class == class && self.constructed == constructed && self.number == number
    }
    pub fn is_universal(&self, number: u32) -> bool {
        self.class == Class::Universal && self.number == number
    }
    pub fn is_context(&self, number: u32) -> bool {
        self.class == Class::Context && self.number == number
    }
    /// The children of a constructed element.
    pub fn children(&self) -> Reader<'a> {
        Reader::new(self.content)
    }
    /// Expect a universal SEQUENCE and return a reader over its children.
    pub fn sequence(&self, what: &'static str) -> Result<Reader<'a>, CmsError> {
        if !self.is(Class::Universal, true, SEQUENCE) {
            return Err(CmsError::Structure(format!("{what}: expected SEQUENCE")));
        }
        Ok(self.children())
    }
}

/// Sequential reader over a run of elements.
#[derive(Debug, Clone)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }
    /// Next element, or `None` at the end.
    pub fn next_tlv(&mut self) -> Result<Option<Tlv<'a>>, CmsError> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let (tlv, rest) = read_tlv(self.rest, 0)?;
        self.rest = rest;
        Ok(Some(tlv))
    }
    /// Next element, required.
    pub fn expect(&mut self, what: &'static str) -> Result<Tlv<'a>, CmsError> {
        self.next_tlv()?
            .ok_or_else(|| CmsError::Structure(format!("{what}: missing")))
    }
    /// The next element if it satisfies `pred`, without consuming otherwise.
    pub fn next_if(
        &mut self,
        pred: impl Fn(&Tlv<'a>) -> bool,
    ) -> Result<Option<Tlv<'a>>, CmsError> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let (tlv, rest) = read_tlv(self.rest, 0)?;
        if pred(&tlv) {
            self.rest = rest;
            Ok(Some(tlv))
        } else {
            Ok(None)
        }
    }
    /// Fail if anything is left.
    pub fn finish(&self, what: &'static str) -> Result<(), CmsError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(CmsError::Structure(format!(
                "{what}: unexpected trailing elements"
            )))
        }
    }
}

/// Read one element from the front of `input`; returns it and what follows.
pub(crate) fn read_tlv(input: &[u8], depth: usize) -> Result<(Tlv<'_>, &[u8]), CmsError> {
    if depth > MAX_DEPTH {
        return Err(CmsError::LimitExceeded("ASN.1 nesting depth"));
    }
    let trunc = || CmsError::Structure("truncated ASN.1 element".into());
    let first = *input.first().ok_or_else(trunc)?;
    let class = match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::Context,
        _ => Class::Private,
    };
    let constructed = first & 0x20 != 0;
    let mut pos = 1;
    let mut number = u32::from(first & 0x1f);
    if number == 0x1f {
        // High-tag-number form (X.690 §8.1.2.4): base-128, at most 4 octets here.
        number = 0;
        loop {
            let b = *input.get(pos).ok_or_else(trunc)?;
            pos += 1;
            if pos > 5 {
                return Err(CmsError::Structure("tag number too large".into()));
            }
            number = (number << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let len_byte = *input.get(pos).ok_or_else(trunc)?;
    pos += 1;
    if len_byte == 0x80 {
        // Indefinite length (X.690 §8.1.3.6): only for constructed encodings.
        if !constructed {
            return Err(CmsError::Structure(
                "indefinite length on a primitive element".into(),
            ));
        }
        let start = pos;
        let mut rest = &input[pos..];
        loop {
            if rest.len() >= 2 && rest[0] == 0 && rest[1] == 0 {
                let end = input.len() - rest.len();
                let tlv = Tlv {
                    class,
                    constructed,
                    number,
                    raw: &input[..end + 2],
                    content: &input[start..end],
                    indefinite: true,
                };
                return Ok((tlv, &rest[2..]));
            }
            if rest.is_empty() {
                return Err(trunc());
            }
            let (_, r) = read_tlv(rest, depth + 1)?;
            rest = r;
        }
    }
    let len = if len_byte & 0x80 == 0 {
        usize::from(len_byte)
    } else {
        let n = usize::from(len_byte & 0x7f);
        if n > 4 {
            return Err(CmsError::LimitExceeded("ASN.1 length field over 4 octets"));
        }
        let bytes = input.get(pos..pos + n).ok_or_else(trunc)?;
        pos += n;
        bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
    };
    let end = pos.checked_add(len).ok_or_else(trunc)?;
    if end > input.len() {
        return Err(trunc());
    }
    let tlv = Tlv {
        class,
        constructed,
        number,
        raw: &input[..end],
        content: &input[pos..end],
        indefinite: false,
    };
    Ok((tlv, &input[end..]))
}

/// Whether the element is encoded in DER as far as lengths go (definite, minimal).
/// Used only to report BER encodings as information.
pub(crate) fn uses_indefinite(input: &[u8], depth: usize) -> bool {
    let Ok((tlv, _)) = read_tlv(input, depth) else {
        return false;
    };
    if tlv.indefinite {
        return true;
    }
    if !tlv.constructed || depth >= 8 {
        return false;
    }
    let mut r = tlv.children();
    while let Ok(Some(child)) = r.next_tlv() {
        if uses_indefinite(child.raw, depth + 1) {
            return true;
        }
    }
    false
}

/// The value of an OCTET STRING, primitive or (BER) constructed from segments
/// (X.690 §8.7.3). `max` bounds the total size.
pub(crate) fn octet_string(tlv: &Tlv<'_>, max: usize) -> Result<Vec<u8>, CmsError> {
    fn collect(tlv: &Tlv<'_>, out: &mut Vec<u8>, max: usize, depth: usize) -> Result<(), CmsError> {
        if depth > 8 {
            return Err(CmsError::LimitExceeded("constructed OCTET STRING nesting"));
        }
        if !tlv.is_universal(OCTET_STRING) {
            return Err(CmsError::Structure("expected OCTET STRING".into()));
        }
        if !tlv.constructed {
            if out.len() + tlv.content.len() > max {
                return Err(CmsError::LimitExceeded("OCTET STRING size"));
            }
            out.extend_from_slice(tlv.content);
            return Ok(());
        }
        let mut r = tlv.children();
        while let Some(seg) = r.next_tlv()? {
            collect(&seg, out, max, depth + 1)?;
        }
        Ok(())
    }
    let mut out = Vec::new();
    collect(tlv, &mut out, max, 0)?;
    Ok(out)
}

/// A non-negative INTEGER that fits in u64.
pub(crate) fn small_uint(tlv: &Tlv<'_>) -> Result<u64, CmsError> {
    let c = tlv.content;
    if c.is_empty() || c[0] & 0x80 != 0 {
        return Err(CmsError::Structure(
            "expected a non-negative INTEGER".into(),
        ));
    }
    let c = if c.len() > 1 && c[0] == 0 { &c[1..] } else { c };
    if c.len() > 8 {
        return Err(CmsError::Structure("INTEGER too large".into()));
    }
    Ok(c.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

/// INTEGER content octets in minimal two's-complement form (X.690 §8.3.2), for
/// comparing serial numbers written with redundant leading octets (a BER habit of some CAs).
pub(crate) fn normalize_integer(c: &[u8]) -> &[u8] {
    let mut c = c;
    while c.len() > 1 && ((c[0] == 0 && c[1] & 0x80 == 0) || (c[0] == 0xff && c[1] & 0x80 != 0)) {
        c = &c[1..];
    }
    c
}

/// Uppercase hex of bytes.
pub(crate) fn hex_upper(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// An OBJECT IDENTIFIER in dotted form (X.690 §8.19), for display-only fields
/// such as a TSA policy: `const-oid` refuses some short OIDs real TSAs use
/// (e.g. `1.1.2`, written by a GeoTrust TSA). Arcs are bounded to u64, 64 arcs.
pub(crate) fn oid_dotted(tlv: &Tlv<'_>) -> Result<String, CmsError> {
    let bad = || CmsError::Structure("malformed OBJECT IDENTIFIER".into());
    if !tlv.is(Class::Universal, false, OID) || tlv.content.is_empty() || tlv.content.len() > 512 {
        return Err(bad());
    }
    let mut arcs: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    let mut started = false;
    for &b in tlv.content {
        if !started && b == 0x80 {
            return Err(bad()); // non-minimal arc encoding (X.690 §8.19.2)
        }
        started = true;
        acc = acc.checked_mul(128).ok_or_else(bad)? | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (acc / 40).min(2);
                arcs.push(first);
                arcs.push(acc - first * 40);
            } else {
                arcs.push(acc);
            }
            if arcs.len() > 64 {
                return Err(bad());
            }
            acc = 0;
            started = false;
        }
    }
    if started {
        return Err(bad());
    }
    Ok(arcs
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join("."))
}

/// Decode an OBJECT IDENTIFIER element.
pub(crate) fn oid(tlv: &Tlv<'_>) -> Result<const_oid::ObjectIdentifier, CmsError> {
    if !tlv.is(Class::Universal, false, OID) {
        return Err(CmsError::Structure("expected OBJECT IDENTIFIER".into()));
    }
    const_oid::ObjectIdentifier::from_bytes(tlv.content)
        .map_err(|_| CmsError::Structure("malformed OBJECT IDENTIFIER".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definite_and_indefinite() {
        // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING (constructed, indefinite) { "ab", "c" } }
        let bytes = [
            0x30, 0x80, 0x02, 0x01, 0x05, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c',
            0x00, 0x00, 0x00, 0x00, 0xff,
        ];
        let (tlv, rest) = read_tlv(&bytes, 0).unwrap();
        assert!(tlv.indefinite);
        assert_eq!(rest, &[0xff]);
        let mut r = tlv.sequence("t").unwrap();
        assert_eq!(small_uint(&r.expect("i").unwrap()).unwrap(), 5);
        let os = r.expect("os").unwrap();
        assert_eq!(octet_string(&os, 100).unwrap(), b"abc");
        assert!(octet_string(&os, 2).is_err());
        r.finish("t").unwrap();
        assert!(uses_indefinite(&bytes, 0));
    }

    #[test]
    fn rejects_truncation_and_depth() {
        assert!(read_tlv(&[0x30, 0x05, 0x02, 0x01], 0).is_err());
        assert!(read_tlv(&[0x04, 0x80, 0x00, 0x00], 0).is_err());
        assert!(read_tlv(&[0x30, 0x85, 1, 0, 0, 0, 0], 0).is_err());
        let deep: Vec<u8> = std::iter::repeat_n([0x30u8, 0x80], 200).flatten().collect();
        assert!(matches!(
            read_tlv(&deep, 0),
            Err(CmsError::LimitExceeded(_))
        ));
        assert_eq!(normalize_integer(&[0, 0, 0x80]), &[0, 0x80]);
        assert_eq!(normalize_integer(&[0, 0x7f]), &[0x7f]);
        let oid = |b: &[u8]| {
            let mut v = vec![0x06, b.len() as u8];
            v.extend_from_slice(b);
            let (t, _) = read_tlv(&v, 0).unwrap();
            oid_dotted(&t)
        };
        assert_eq!(oid(&[0x29, 0x02]).unwrap(), "1.1.2");
        assert_eq!(
            oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]).unwrap(),
            "1.2.840.113549.1.7.2"
        );
        assert_eq!(oid(&[0x88, 0x37, 0x01]).unwrap(), "2.999.1");
        assert!(oid(&[0x2a, 0x86]).is_err());
        assert!(oid(&[0x2a, 0x80, 0x01]).is_err());
    }
}
