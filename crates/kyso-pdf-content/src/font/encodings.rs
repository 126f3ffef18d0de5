//! The simple-font base encodings of ISO 32000-1 Annex D (Table D.2):
//! `StandardEncoding`, `WinAnsiEncoding`, `MacRomanEncoding` and
//! `PDFDocEncoding`, as code → Unicode tables. Codes an encoding leaves
//! undefined map to `None`.
//!
//! Ligature glyphs (`fi`, `fl`) are spelled out as letters, the way the
//! text is read, not as presentation forms.

/// A base encoding named by `/Encoding` or `/BaseEncoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    Standard,
    WinAnsi,
    MacRoman,
    PdfDoc,
    /// The font's own encoding, which we cannot read: only printable ASCII
    /// is assumed to mean itself (symbolic fonts, Type 3 without
    /// `/Differences` for a code).
    Builtin,
}

impl Base {
    pub(crate) fn from_name(n: &[u8]) -> Option<Base> {
        match n {
            b"StandardEncoding" => Some(Base::Standard),
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" => Some(Base::MacRoman),
            b"PDFDocEncoding" => Some(Base::PdfDoc),
            _ => None,
        }
    }

    /// The text of `code` in this encoding.
    pub(crate) fn decode(self, code: u8) -> Option<&'static str> {
        let ascii = |c: u8| -> Option<&'static str> {
            (0x20..0x7f)
                .contains(&c)
                .then(|| &ASCII[usize::from(c - 0x20)..usize::from(c - 0x1f)])
        };
        match self {
            Base::Standard => match code {
                0x27 => Some("\u{2019}"),
                0x60 => Some("\u{2018}"),
                0x20..=0x7e => ascii(code),
                0xa1..=0xff => STANDARD_HIGH[usize::from(code - 0xa1)],
                _ => None,
            },
            Base::WinAnsi => match code {
                0x20..=0x7e => ascii(code),
                0x80..=0x9f => WIN_ANSI_80[usize::from(code - 0x80)],
                // Annex D: code 240 is also the space, 255 (soft hyphen) also the hyphen.
                0xa0 => Some(" "),
                0xad => Some("-"),
                0xa1..=0xff => latin1(code),
                _ => None,
            },
            Base::MacRoman => match code {
                0x20..=0x7e => ascii(code),
                0x80..=0xff => MAC_ROMAN_HIGH[usize::from(code - 0x80)],
                _ => None,
            },
            Base::PdfDoc => match code {
                0x20..=0x7e => ascii(code),
                0x18..=0x1f => PDFDOC_18[usize::from(code - 0x18)],
                0x80..=0xa0 => PDFDOC_80[usize::from(code - 0x80)],
                0xad => None,
                0xa1..=0xff => latin1(code),
                _ => None,
            },
            Base::Builtin => match code {
                0x20..=0x7e => ascii(code),
                _ => None,
            },
        }
    }
}

const ASCII: &str =
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// U+00A1..U+00FF as static strings (Latin-1 upper half).
fn latin1(code: u8) -> Option<&'static str> {
    const L1: &str = "¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ";
    if code < 0xa1 {
        return None;
    }
    // Every character of L1 is two bytes in UTF-8.
    let i = usize::from(code - 0xa1) * 2;
    L1.get(i..i + 2)
}

/// `WinAnsiEncoding` 0x80–0x9F (Windows-1252; unused codes undefined).
pub(crate) const WIN_ANSI_80: [Option<&str>; 32] = [
    Some("€"),
    None,
    Some("‚"),
    Some("ƒ"),
    Some("„"),
    Some("…"),
    Some("†"),
    Some("‡"),
    Some("ˆ"),
    Some("‰"),
    Some("Š"),
    Some("‹"),
    Some("Œ"),
    None,
    Some("Ž"),
    None,
    None,
    Some("‘"),
    Some("’"),
    Some("“"),
    Some("”"),
    Some("•"),
    Some("–"),
    Some("—"),
    Some("˜"),
    Some("™"),
    Some("š"),
    Some("›"),
    Some("œ"),
    None,
    Some("ž"),
    Some("Ÿ"),
];

/// `StandardEncoding` 0xA1–0xFF (Adobe standard Latin character set).
const STANDARD_HIGH: [Option<&str>; 95] = [
    Some("¡"),        // a1 exclamdown
    Some("¢"),        // a2 cent
    Some("£"),        // a3 sterling
    Some("\u{2044}"), // a4 fraction
    Some("¥"),        // a5 yen
    Some("ƒ"),        // a6 florin
    Some("§"),        // a7 section
    Some("¤"),        // a8 currency
    Some("'"),        // a9 quotesingle
    Some("“"),        // aa quotedblleft
    Some("«"),        // ab guillemotleft
    Some("‹"),        // ac guilsinglleft
    Some("›"),        // ad guilsinglright
    Some("fi"),       // ae fi
    Some("fl"),       // af fl
    None,             // b0
    Some("–"),        // b1 endash
    Some("†"),        // b2 dagger
    Some("‡"),        // b3 daggerdbl
    Some("·"),        // b4 periodcentered
    None,             // b5
    Some("¶"),        // b6 paragraph
    Some("•"),        // b7 bullet
    Some("‚"),        // b8 quotesinglbase
    Some("„"),        // b9 quotedblbase
    Some("”"),        // ba quotedblright
    Some("»"),        // bb guillemotright
    Some("…"),        // bc ellipsis
    Some("‰"),        // bd perthousand
    None,             // be
    Some("¿"),        // bf questiondown
    None,             // c0
    Some("`"),        // c1 grave
    Some("´"),        // c2 acute
    Some("ˆ"),        // c3 circumflex
    Some("˜"),        // c4 tilde
    Some("¯"),        // c5 macron
    Some("˘"),        // c6 breve
    Some("˙"),        // c7 dotaccent
    Some("¨"),        // c8 dieresis
    None,             // c9
    Some("˚"),        // ca ring
    Some("¸"),        // cb cedilla
    None,             // cc
    Some("˝"),        // cd hungarumlaut
    Some("˛"),        // ce ogonek
    Some("ˇ"),        // cf caron
    Some("—"),        // d0 emdash
    None,             // d1
    None,             // d2
    None,             // d3
    None,             // d4
    None,             // d5
    None,             // d6
    None,             // d7
    None,             // d8
    None,             // d9
    None,             // da
    None,             // db
    None,             // dc
    None,             // dd
    None,             // de
    None,             // df
    None,             // e0
    Some("Æ"),        // e1 AE
    None,             // e2
    Some("ª"),        // e3 ordfeminine
    None,             // e4
    None,             // e5
    None,             // e6
    None,             // e7
    Some("Ł"),        // e8 Lslash
    Some("Ø"),        // e9 Oslash
    Some("Œ"),        // ea OE
    Some("º"),        // eb ordmasculine
    None,             // ec
    None,             // ed
    None,             // ee
    None,             // ef
    None,             // f0
    Some("æ"),        // f1 ae
    None,             // f2
    None,             // f3
    None,             // f4
    Some("ı"),        // f5 dotlessi
    None,             // f6
    None,             // f7
    Some("ł"),        // f8 lslash
    Some("ø"),        // f9 oslash
    Some("œ"),        // fa oe
    Some("ß"),        // fb germandbls
    None,             // fc
    None,             // fd
    None,             // fe
    None,             // ff
];

/// `MacRomanEncoding` 0x80–0xFF (Mac OS Roman; 0xF0, the Apple logo, undefined).
const MAC_ROMAN_HIGH: [Option<&str>; 128] = {
    const S: [&str; 128] = [
        "Ä", "Å", "Ç", "É", "Ñ", "Ö", "Ü", "á", "à", "â", "ä", "ã", "å", "ç", "é", "è", // 80
        "ê", "ë", "í", "ì", "î", "ï", "ñ", "ó", "ò", "ô", "ö", "õ", "ú", "ù", "û", "ü", // 90
        "†", "°", "¢", "£", "§", "•", "¶", "ß", "®", "©", "™", "´", "¨", "≠", "Æ", "Ø", // a0
        "∞", "±", "≤", "≥", "¥", "µ", "∂", "∑", "∏", "π", "∫", "ª", "º", "Ω", "æ", "ø", // b0
        "¿", "¡", "¬", "√", "ƒ", "≈", "∆", "«", "»", "…", " ", "À", "Ã", "Õ", "Œ", "œ", // c0
        "–", "—", "“", "”", "‘", "’", "÷", "◊", "ÿ", "Ÿ", "⁄", "¤", "‹", "›", "fi",
        "fl", // d0
        "‡", "·", "‚", "„", "‰", "Â", "Ê", "Á", "Ë", "È", "Í", "Î", "Ï", "Ì", "Ó", "Ô", // e0
        "", "Ò", "Ú", "Û", "Ù", "ı", "ˆ", "˜", "¯", "˘", "˙", "˚", "¸", "˝", "˛", "ˇ", // f0
    ];
    let mut out = [None; 128];
    let mut i = 0;
    while i < 128 {
        if !S[i].is_empty() {
            out[i] = Some(S[i]);
        }
        i += 1;
    }
    out
};

/// `PDFDocEncoding` 0x18–0x1F (Annex D.2).
const PDFDOC_18: [Option<&str>; 8] = [
    Some("˘"),
    Some("ˇ"),
    Some("ˆ"),
    Some("˙"),
    Some("˝"),
    Some("˛"),
    Some("˚"),
    Some("˜"),
];

/// `PDFDocEncoding` 0x80–0xA0 (Annex D.2).
const PDFDOC_80: [Option<&str>; 33] = [
    Some("•"),
    Some("†"),
    Some("‡"),
    Some("…"),
    Some("—"),
    Some("–"),
    Some("ƒ"),
    Some("⁄"),
    Some("‹"),
    Some("›"),
    Some("−"),
    Some("‰"),
    Some("„"),
    Some("“"),
    Some("”"),
    Some("‘"),
    Some("’"),
    Some("‚"),
    Some("™"),
    Some("fi"),
    Some("fl"),
    Some("Ł"),
    Some("Œ"),
    Some("Š"),
    Some("Ÿ"),
    Some("Ž"),
    Some("ı"),
    Some("ł"),
    Some("œ"),
    Some("š"),
    Some("ž"),
    None,
    Some("€"),
];

/// Windows-1252 byte of a character, for legacy 8-bit fonts reached through
/// a `/ToUnicode` that names the WinAnsi character rather than the glyph.
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xa0..=0xff).contains(&u) {
        return Some(u as u8);
    }
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    WIN_ANSI_80
        .iter()
        .position(|e| *e == Some(s))
        .map(|i| 0x80 + i as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        assert_eq!(Base::WinAnsi.decode(b'A'), Some("A"));
        assert_eq!(Base::WinAnsi.decode(0xcd), Some("Í"));
        assert_eq!(Base::WinAnsi.decode(0x93), Some("“"));
        assert_eq!(Base::WinAnsi.decode(0x81), None);
        assert_eq!(Base::WinAnsi.decode(0xff), Some("ÿ"));
        assert_eq!(Base::WinAnsi.decode(0xa1), Some("¡"));
        assert_eq!(Base::Standard.decode(0x27), Some("’"));
        assert_eq!(Base::Standard.decode(0xae), Some("fi"));
        assert_eq!(Base::Standard.decode(0xfb), Some("ß"));
        assert_eq!(Base::Standard.decode(0xd0), Some("—"));
        assert_eq!(Base::MacRoman.decode(0x8e), Some("é"));
        assert_eq!(Base::MacRoman.decode(0xf0), None);
        assert_eq!(Base::MacRoman.decode(0xff), Some("ˇ"));
        assert_eq!(Base::PdfDoc.decode(0xa0), Some("€"));
        assert_eq!(Base::Builtin.decode(0xe9), None);
        assert_eq!(cp1252_byte('“'), Some(0x93));
        assert_eq!(cp1252_byte('µ'), Some(0xb5));
        assert_eq!(cp1252_byte('ộ'), None);
    }
}
