//! Format detection from the first bytes (and, for ZIP packages, the entry names).

use kyso_report::Format;

/// How far into the file a PDF header may start (ISO 32000-2 §7.5.2 allows
/// leading garbage; Acrobat looks at the first 1024 bytes).
const PDF_HEADER_WINDOW: usize = 1024;

/// Detect the container format of `bytes`.
pub fn detect_format(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    // A CMS .p7m/.p7s may carry a whole PDF inside: the DER structure wins.
    if bytes.first() == Some(&0x30) {
        let f = detect_der(bytes);
        if f != Format::Unknown {
            return f;
        }
    }
    let head = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    // A PDF whose header was damaged still ends with startxref/%%EOF
    // (ISO 32000-1 §7.5.5); call it a PDF so the parser says what is wrong.
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if find(tail, b"startxref").is_some() && find(tail, b"%%EOF").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return detect_zip(bytes);
    }
    let text_head = &bytes[..bytes.len().min(4096)];
    if find(text_head, b"-----BEGIN CERTIFICATE-----").is_some() {
        return Format::Certificate;
    }
    if find(text_head, b"-----BEGIN PKCS7-----").is_some()
        || find(text_head, b"-----BEGIN CMS-----").is_some()
    {
        return Format::Cms;
    }
    let trimmed = skip_bom_ws(text_head);
    if trimmed.starts_with(b"<") {
        if find(text_head, b"edXMLEnvelope").is_some() {
            return Format::Edxml;
        }
        return Format::Xml;
    }
    if bytes.first() == Some(&0x30) {
        return detect_der(bytes);
    }
    detect_base64(text_head)
}

/// Bare Base64 of DER (how some signing tools save a `.p7m`, and how
/// certificates are pasted without PEM lines): the decoded start of the
/// text is looked at like a binary file's. Only the first characters are
/// decoded; the profile decodes the whole text.
fn detect_base64(text_head: &[u8]) -> Format {
    use base64ct::{Base64, Encoding};
    let body = skip_bom_ws(text_head);
    if !body.iter().all(|&c| {
        c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=') || c.is_ascii_whitespace()
    }) {
        return Format::Unknown;
    }
    let chars: Vec<u8> = body
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .take(64)
        .collect();
    if chars.len() < 64 {
        return Format::Unknown;
    }
    let mut buf = [0u8; 48];
    match Base64::decode(&chars, &mut buf) {
        Ok(der) if der.first() == Some(&0x30) => detect_der(der),
        _ => Format::Unknown,
    }
}

fn detect_zip(bytes: &[u8]) -> Format {
    // Entry names sit in local file headers; the first few KiB are enough for
    // "mimetype" (ODF puts it first, uncompressed) and "[Content_Types].xml".
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if bytes.len() > 38
        && &bytes[30..38] == b"mimetype"
        && find(
            &bytes[38..bytes.len().min(120)],
            b"application/vnd.oasis.opendocument",
        )
        .is_some()
    {
        return Format::Odf;
    }
    if find(head, b"[Content_Types].xml").is_some() || find(bytes, b"[Content_Types].xml").is_some()
    {
        return Format::Ooxml;
    }
    if find(head, b"META-INF/manifest.xml").is_some() {
        return Format::Odf;
    }
    Format::Unknown
}

/// A DER SEQUENCE: a certificate starts SEQUENCE { SEQUENCE { [0] version ...
/// and CMS ContentInfo starts SEQUENCE { OID 1.2.840.113549.1.7.x.
fn detect_der(bytes: &[u8]) -> Format {
    const SIGNED_DATA: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
    ];
    let head = &bytes[..bytes.len().min(32)];
    if find(head, SIGNED_DATA).is_some() {
        return Format::Cms;
    }
    let body = skip_der_header(bytes).and_then(skip_der_header_at_seq);
    match body {
        Some([0xa0, 0x03, 0x02, 0x01, ..]) => Format::Certificate,
        Some(rest) if rest.first() == Some(&0x02) => Format::Certificate, // v1 certificate: serial first
        _ => Format::Unknown,
    }
}

fn skip_der_header(b: &[u8]) -> Option<&[u8]> {
    if b.len() < 2 || b[0] != 0x30 {
        return None;
    }
    let l = b[1];
    let hdr = if l < 0x80 { 2 } else { 2 + (l & 0x7f) as usize };
    b.get(hdr..)
}

fn skip_der_header_at_seq(b: &[u8]) -> Option<&[u8]> {
    skip_der_header(b)
}

fn skip_bom_ws(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        assert_eq!(detect_format(b"%PDF-1.7\n..."), Format::Pdf);
        assert_eq!(detect_format(b"garbage\n%PDF-1.4"), Format::Pdf);
        assert_eq!(
            detect_format(b"<?xml version=\"1.0\"?><edXMLEnvelope/>"),
            Format::Edxml
        );
        assert_eq!(
            detect_format(b"\xef\xbb\xbf<?xml version=\"1.0\"?><a/>"),
            Format::Xml
        );
        assert_eq!(
            detect_format(b"-----BEGIN CERTIFICATE-----\n"),
            Format::Certificate
        );
        assert_eq!(detect_format(b""), Format::Unknown);
        assert_eq!(detect_format(b"\x30"), Format::Unknown);
        assert_eq!(detect_format(b"hello"), Format::Unknown);
        assert_eq!(
            detect_format(b"#G\x00garbage\n1 0 obj\nstartxref\n12\n%%EOF\n"),
            Format::Pdf
        );
        let mut p7m = vec![
            0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
        ];
        p7m.extend_from_slice(b"....%PDF-1.7 inside");
        assert_eq!(detect_format(&p7m), Format::Cms);
        // The same, as bare Base64 text with line breaks.
        let mut der = p7m.clone();
        der.resize(96, b'.');
        use base64ct::Encoding;
        let mut b64 = base64ct::Base64::encode_string(&der).into_bytes();
        b64.insert(60, b'\n');
        assert_eq!(detect_format(&b64), Format::Cms);
        assert_eq!(detect_format(&[b'A'; 200]), Format::Unknown);
    }
}
