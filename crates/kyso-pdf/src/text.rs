//! Text strings (ISO 32000-1 §7.9.2.2): UTF-16BE with BOM, UTF-8 with BOM
//! (ISO 32000-2), otherwise PDFDocEncoding (Annex D.2).

/// PDFDocEncoding code points 0x18–0x1F and 0x80–0xAD that differ from Latin-1 (Annex D.2, Table D.2).
fn pdfdoc_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{2022}', '\u{2020}', '\u{2021}', '\u{2026}', '\u{2014}', '\u{2013}', '\u{0192}',
        '\u{2044}', '\u{2039}', '\u{203A}', '\u{2212}', '\u{2030}', '\u{201E}', '\u{201C}',
        '\u{201D}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{2122}', '\u{FB01}', '\u{FB02}',
        '\u{0141}', '\u{0152}', '\u{0160}', '\u{0178}', '\u{017D}', '\u{0131}', '\u{0142}',
        '\u{0153}', '\u{0161}', '\u{017E}', '\u{FFFD}',
    ];
    const LOW: [char; 8] = [
        '\u{02D8}', '\u{02C7}', '\u{02C6}', '\u{02D9}', '\u{02DD}', '\u{02DB}', '\u{02DA}',
        '\u{02DC}',
    ];
    match b {
        0x18..=0x1F => LOW[usize::from(b - 0x18)],
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        0xA0 => '\u{20AC}',
        0xAD => '\u{FFFD}',
        _ => char::from(b),
    }
}

/// [`decode_text`] of the part of a string a report can show: only the
/// bytes that can make up its first [`kyso_report::MAX_TEXT_CHARS`]
/// characters (at most 4 bytes each, in UTF-8 or UTF-16), which is all that
/// [`kyso_report::clip_text`] keeps, so that a string of hundreds of
/// megabytes is not decoded and copied whole to keep 2,000 characters of it.
/// Not for text that is compared (field names): two long strings with the
/// same beginning would be taken for the same.
pub(crate) fn decode_text_head(b: &[u8]) -> String {
    decode_text(
        b.get(..b.len().min(4 * kyso_report::MAX_TEXT_CHARS + 4))
            .unwrap_or(b),
    )
}

/// Decode a PDF text string to Rust text.
pub fn decode_text(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return strip_lang_escapes(
            char::decode_utf16(units)
                .map(|r| r.unwrap_or('\u{FFFD}'))
                .collect(),
        );
    }
    if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    // UTF-16LE with BOM is not allowed by the standard but is written by some Vietnamese tools.
    if let Some(rest) = b.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect();
    }
    b.iter().map(|&c| pdfdoc_char(c)).collect()
}

/// §7.9.2.2: an ESC (U+001B) language-tag sequence may appear in UTF-16 text; drop it.
fn strip_lang_escapes(s: String) -> String {
    if !s.contains('\u{1B}') {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut in_esc = false;
    for c in s.chars() {
        if c == '\u{1B}' {
            in_esc = !in_esc;
        } else if !in_esc {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode_text(b"\xfe\xff\x00N\x00g\x1e\xcb"), "Ngị");
        assert_eq!(decode_text(b"caf\xe9 \x84"), "café —");
        assert_eq!(decode_text(b"\xef\xbb\xbfNgh\xe1\xbb\x8b"), "Nghị");
    }
}
