//! Fonts as far as text extraction needs them (ISO 32000-1 §9.5–§9.10):
//! how a string splits into codes, and what text each code stands for.
//!
//! - simple fonts (Type 1, TrueType, Type 3): a base encoding
//!   (`encodings`) plus `/Differences` glyph names (`agl`);
//! - Type 0 fonts: `Identity-H`/`-V` or an embedded CMap stream
//!   (`/UseCMap` followed to a bounded depth) for codes and CIDs (`cmap`);
//! - `/ToUnicode` wins over both when it maps a code;
//! - legacy Vietnamese fonts (TCVN3 `.VnTime…`, VNI `VNI-…`) are converted
//!   by name ([`legacy`]).

pub(crate) mod agl;
pub(crate) mod cmap;
pub(crate) mod encodings;
pub mod legacy;

use cmap::{CMap, Code};
use encodings::Base;
use legacy::Legacy;

/// Deepest `/UseCMap` chain followed.
pub(crate) const MAX_USECMAP_DEPTH: usize = 4;

/// How codes map to text.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// One byte per code; the text of each code from the encoding.
    Simple(Box<[Option<String>]>),
    /// Type 0: codes by the encoding CMap, which also gives the CIDs.
    /// `unicode_codes` for the predefined `Uni…-UCS2-`/`-UTF16-` CMaps,
    /// whose two-byte codes are Unicode themselves.
    Composite {
        encoding: CMap,
        vertical: bool,
        unicode_codes: bool,
    },
}

/// What text extraction knows about a font.
#[derive(Debug, Clone)]
pub(crate) struct TextFont {
    /// `/BaseFont` without a subset tag (`ABCDEF+`).
    pub(crate) name: String,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    /// Ascent and descent as fractions of the em (0.8 / −0.2 when unknown).
    pub(crate) ascent: f64,
    pub(crate) descent: f64,
    /// The em in text space units: 1, except for Type 3 fonts, whose glyph
    /// space is set by `/FontMatrix` (their em is the `/FontBBox` height
    /// mapped by it; negative when the matrix flips y).
    pub(crate) v_scale: f64,
    pub(crate) kind: Kind,
    pub(crate) to_unicode: Option<CMap>,
    pub(crate) legacy: Option<Legacy>,
}

impl TextFont {
    /// A font that could not be read: printable ASCII only.
    pub(crate) fn fallback() -> TextFont {
        TextFont {
            name: String::new(),
            bold: false,
            italic: false,
            ascent: 0.8,
            descent: -0.2,
            v_scale: 1.0,
            kind: Kind::Simple(simple_table(Base::Builtin, &[])),
            to_unicode: None,
            legacy: None,
        }
    }

    pub(crate) fn vertical(&self) -> bool {
        matches!(self.kind, Kind::Composite { vertical: true, .. })
    }

    /// Split a shown string into codes.
    pub(crate) fn codes(&self, s: &[u8]) -> Vec<Code> {
        match &self.kind {
            Kind::Simple(_) => s
                .iter()
                .map(|&b| Code {
                    value: u32::from(b),
                    len: 1,
                })
                .collect(),
            Kind::Composite { encoding, .. } => {
                let mut out = Vec::with_capacity(s.len() / 2 + 1);
                let mut i = 0;
                while let Some((c, n)) = encoding.next_code(&s[i..]) {
                    out.push(c);
                    i += n;
                }
                out
            }
        }
    }

    /// The key of a code in the font's widths: the CID for Type 0 fonts.
    pub(crate) fn width_key(&self, code: Code) -> u32 {
        match &self.kind {
            Kind::Simple(_) => code.value,
            Kind::Composite { encoding, .. } => encoding.cid(code.value).unwrap_or(0),
        }
    }

    /// The text a code stands for, if known.
    pub(crate) fn unicode(&self, code: Code) -> Option<String> {
        if let Some(l) = self.legacy {
            // A /ToUnicode of a legacy font names the Windows-1252 characters
            // of the bytes that were typed (Word: codes are those bytes;
            // LibreOffice: codes are subset indices, so only the /ToUnicode
            // knows the byte). Without one, the code is the byte.
            let via_cmap = self.to_unicode.as_ref().and_then(|m| m.unicode(code.value));
            match (&self.kind, via_cmap) {
                (Kind::Simple(_), None) => {
                    let s = l.decode_byte(code.value as u8);
                    return (!s.is_empty()).then_some(s);
                }
                (Kind::Composite { .. }, None) => return None,
                (_, Some(t)) => {
                    let s: String = t
                        .chars()
                        .map(|c| match encodings::cp1252_byte(c) {
                            Some(b) => l.decode_byte(b),
                            None => c.to_string(),
                        })
                        .collect();
                    return (!s.is_empty()).then_some(s);
                }
            }
        }
        if let Some(t) = self.to_unicode.as_ref().and_then(|m| m.unicode(code.value)) {
            if !t.is_empty() {
                return Some(t);
            }
        }
        match &self.kind {
            Kind::Simple(table) => table.get(code.value as usize).cloned().flatten(),
            Kind::Composite {
                unicode_codes: true,
                ..
            } => char::from_u32(code.value)
                .filter(|c| !c.is_control())
                .map(String::from),
            Kind::Composite { .. } => None,
        }
    }
}

/// A simple font's code → text table: the base encoding with
/// `/Differences` applied.
pub(crate) fn simple_table(base: Base, differences: &[(u8, Vec<u8>)]) -> Box<[Option<String>]> {
    let mut t: Vec<Option<String>> = (0..=255u8)
        .map(|c| base.decode(c).map(str::to_string))
        .collect();
    for (code, name) in differences {
        t[usize::from(*code)] = agl::glyph_to_unicode(name);
    }
    t.into_boxed_slice()
}

/// `/BaseFont` without the subset tag: six capitals and `+` (§9.6.4).
pub(crate) fn strip_subset(name: &str) -> &str {
    let b = name.as_bytes();
    if b.len() > 7 && b[6] == b'+' && b[..6].iter().all(u8::is_ascii_uppercase) {
        &name[7..]
    } else {
        name
    }
}

/// Bold and italic from the name (`-Bold`, `,BoldItalic`, `Black`,
/// `Oblique`, …), the descriptor flags (ForceBold 1<<18, Italic 1<<6),
/// `/FontWeight` and `/ItalicAngle`.
pub(crate) fn style(
    name: &str,
    flags: i64,
    weight: Option<f64>,
    angle: Option<f64>,
) -> (bool, bool) {
    let n = name.to_ascii_lowercase();
    let bold = [
        "bold",
        "black",
        "heavy",
        "semibold",
        "demi",
        "extrabold",
        "ultrabold",
    ]
    .iter()
    .any(|w| n.contains(w))
        || flags & (1 << 18) != 0
        || weight.is_some_and(|w| w >= 600.0);
    let italic = n.contains("italic")
        || n.contains("oblique")
        || flags & (1 << 6) != 0
        || angle.is_some_and(|a| a.abs() > 0.5);
    (bold, italic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_over_a_base() {
        let t = simple_table(
            Base::WinAnsi,
            &[
                (0xb5, b"ohornacute".to_vec()),
                (0x41, b"uni1EA0".to_vec()),
                (0x42, b"g77".to_vec()),
            ],
        );
        assert_eq!(t[0xb5].as_deref(), Some("ớ"));
        assert_eq!(t[0x41].as_deref(), Some("Ạ"));
        assert_eq!(t[0x42], None);
        assert_eq!(t[0x43].as_deref(), Some("C"));
        assert_eq!(t[0xcd].as_deref(), Some("Í"));
    }

    #[test]
    fn names_and_style() {
        assert_eq!(
            strip_subset("FAAAAH+TimesNewRomanPS-BoldMT"),
            "TimesNewRomanPS-BoldMT"
        );
        assert_eq!(strip_subset("Helvetica"), "Helvetica");
        assert_eq!(strip_subset("ABCDEf+X"), "ABCDEf+X");
        assert_eq!(
            style("TimesNewRomanPS-BoldMT", 0, None, None),
            (true, false)
        );
        assert_eq!(
            style("TimesNewRomanPS-ItalicMT", 0, None, None),
            (false, true)
        );
        assert_eq!(style(".VnTime,BoldItalic", 0, None, None), (true, true));
        assert_eq!(style("Arial", 1 << 18, None, None), (true, false));
        assert_eq!(style("Arial", 0, Some(700.0), Some(-12.0)), (true, true));
        assert_eq!(style("ArialMT", 32, Some(400.0), Some(0.0)), (false, false));
    }

    #[test]
    fn legacy_font_decodes_bytes() {
        let mut f = TextFont::fallback();
        f.legacy = Some(Legacy::Tcvn3 { upper: false });
        let s: String = f
            .codes(b"Vi\xd6t")
            .into_iter()
            .filter_map(|c| f.unicode(c))
            .collect();
        assert_eq!(s, "Việt");
    }
}
