//! The 8-bit Vietnamese font encodings still found in administrative
//! documents typed before Unicode: TCVN3 (ABC) and VNI. Text in these fonts
//! is stored as Windows-1252 bytes that the font draws as Vietnamese
//! letters; a reader that trusts the PDF encoding gets "Céng hßa" instead
//! of "Cộng hòa". The font name says which table applies.
//!
//! Sources of the tables (each cross-checked against another):
//!
//! - TCVN3, TCVN 5712:1993 VN3 (the ABC fonts `.VnTime`, `.VnArial`, …):
//!   the lowercase/base-letter layout of `tcvn.h` in xvnkb (Dao Hai Lam,
//!   GPL-2, github.com/lamdao/xvnkb), agreeing byte for byte with
//!   `utf8ToTCVN3` in BoGo's `src/charset.hpp` (github.com/cmpitg/bogoengine)
//!   and with the converter table in `ConvertVNI/XtraForm1.cs` of
//!   github.com/backupvietsoft/HRM. VN3 holds the lowercase letters with
//!   tone marks at 0xB5–0xFE, ă â ê ô ơ ư đ at 0xA8–0xAE and their capitals
//!   Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7; capitals with tone marks do not exist in
//!   it: they are typed with the same codes in the companion uppercase
//!   fonts whose names end in `H` (`.VnTimeH`, `.VnArialH`), which draw
//!   every letter as a capital. Codes outside the Vietnamese positions are
//!   Windows-1252 (Word writes “quotes” and dashes through them).
//! - VNI (VNI-Windows, fonts `VNI-Times`, `VNI-Helve`, …): `vni.h` in xvnkb
//!   and `src/charsets.ts` of github.com/duydev/vietnamese-conversion.
//!   Most letters are a base letter followed by a byte whose glyph is the
//!   accent (`e` + 0xE4 = ệ); a few are single bytes (0xF4 ơ, 0xF6 ư, 0xF1
//!   đ, 0xED í, 0xEC ì, 0xE6 ỉ, 0xF3 ĩ, 0xF2 ị, 0xEE ỵ and their capitals
//!   at −0x20). Accent bytes become Unicode combining marks here and NFC
//!   composes them with the letter before.

/// Which legacy table a font uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN3 (ABC); `upper` for the `…H` capital-letter fonts.
    Tcvn3 {
        /// The font draws every letter as a capital.
        upper: bool,
    },
    /// VNI-Windows.
    Vni,
}

impl Legacy {
    /// The legacy encoding a font name (subset tag already removed) implies.
    pub fn from_font_name(name: &str) -> Option<Legacy> {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("vni-") || lower.starts_with("vni_") {
            return Some(Legacy::Vni);
        }
        // ".VnTime"; some producers write the dot as '_' or drop it only
        // when renaming subsets, so accept those spellings too.
        let rest = name
            .strip_prefix(".Vn")
            .or_else(|| name.strip_prefix("_Vn"))
            .or_else(|| name.strip_prefix(".VN"))?;
        // Style suffixes: ".VnTimeH,Bold", ".VnTimeH-BoldItalic".
        let family = rest.split([',', '-']).next().unwrap_or(rest);
        Some(Legacy::Tcvn3 {
            upper: family.ends_with('H'),
        })
    }

    /// Convert the bytes of one code (a byte of a simple font) to text.
    pub fn decode_byte(self, b: u8) -> String {
        match self {
            Legacy::Tcvn3 { upper } => {
                let s = tcvn3(b);
                if upper {
                    s.to_uppercase()
                } else {
                    s.to_string()
                }
            }
            Legacy::Vni => vni(b).to_string(),
        }
    }

    /// Convert a whole byte string (tests and callers holding legacy text).
    pub fn decode(self, bytes: &[u8]) -> String {
        use unicode_normalization::UnicodeNormalization;
        let s: String = bytes.iter().map(|&b| self.decode_byte(b)).collect();
        s.nfc().collect()
    }
}

/// TCVN3 (VN3) 0xA1–0xFE; `""` where VN3 has no Vietnamese letter.
const TCVN3_A1: [&str; 94] = [
    "Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ", "ă", "â", "ê", "ô", "ơ", "ư", "đ", // a1–ae
    "", "", "", "", "", "", // af–b4
    "à", "ả", "ã", "á", "ạ", // b5–b9
    "",  // ba
    "ằ", "ẳ", "ẵ", "ắ", // bb–be
    "", "", "", "", "", "", "",  // bf–c5
    "ặ", // c6
    "ầ", "ẩ", "ẫ", "ấ", "ậ", // c7–cb
    "è", "", "ẻ", "ẽ", "é", "ẹ", // cc–d1
    "ề", "ể", "ễ", "ế", "ệ", // d2–d6
    "ì", "ỉ", "", "", "", "ĩ", "í", "ị", // d7–de
    "ò", "", "ỏ", "õ", "ó", "ọ", // df–e4
    "ồ", "ổ", "ỗ", "ố", "ộ", // e5–e9
    "ờ", "ở", "ỡ", "ớ", "ợ", // ea–ee
    "ù", "", "ủ", "ũ", "ú", "ụ", // ef–f4
    "ừ", "ử", "ữ", "ứ", "ự", // f5–f9
    "ỳ", "ỷ", "ỹ", "ý", "ỵ", // fa–fe
];

fn cp1252(b: u8) -> &'static str {
    super::encodings::Base::WinAnsi
        .decode(b)
        .unwrap_or(match b {
            b'\t' | b'\n' | b'\r' => " ",
            _ => "",
        })
}

fn tcvn3(b: u8) -> &'static str {
    if (0xa1..=0xfe).contains(&b) {
        let s = TCVN3_A1[usize::from(b - 0xa1)];
        if !s.is_empty() {
            return s;
        }
    }
    cp1252(b)
}

/// VNI: accent bytes as combining marks, single-byte letters, otherwise
/// Windows-1252.
fn vni(b: u8) -> &'static str {
    match b {
        // Tone marks (lowercase-letter and capital-letter forms).
        0xf9 | 0xd9 => "\u{301}", // ù Ù: sắc (acute)
        0xf8 | 0xd8 => "\u{300}", // ø Ø: huyền (grave)
        0xfb | 0xdb => "\u{309}", // û Û: hỏi (hook above)
        0xf5 | 0xd5 => "\u{303}", // õ Õ: ngã (tilde)
        0xef | 0xcf => "\u{323}", // ï Ï: nặng (dot below)
        // Circumflex, alone and with a tone.
        0xe2 | 0xc2 => "\u{302}",
        0xe1 | 0xc1 => "\u{302}\u{301}",
        0xe0 | 0xc0 => "\u{302}\u{300}",
        0xe5 | 0xc5 => "\u{302}\u{309}",
        0xe3 | 0xc3 => "\u{302}\u{303}",
        0xe4 | 0xc4 => "\u{302}\u{323}",
        // Breve, alone and with a tone.
        0xea | 0xca => "\u{306}",
        0xe9 | 0xc9 => "\u{306}\u{301}",
        0xe8 | 0xc8 => "\u{306}\u{300}",
        0xfa | 0xda => "\u{306}\u{309}",
        0xfc | 0xdc => "\u{306}\u{303}",
        0xeb | 0xcb => "\u{306}\u{323}",
        // Letters of one byte.
        0xf4 => "ơ",
        0xd4 => "Ơ",
        0xf6 => "ư",
        0xd6 => "Ư",
        0xf1 => "đ",
        0xd1 => "Đ",
        0xed => "í",
        0xcd => "Í",
        0xec => "ì",
        0xcc => "Ì",
        0xe6 => "ỉ",
        0xc6 => "Ỉ",
        0xf3 => "ĩ",
        0xd3 => "Ĩ",
        0xf2 => "ị",
        0xd2 => "Ị",
        0xee => "ỵ",
        0xce => "Ỵ",
        _ => cp1252(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            Legacy::from_font_name(".VnTime"),
            Some(Legacy::Tcvn3 { upper: false })
        );
        assert_eq!(
            Legacy::from_font_name(".VnTimeH"),
            Some(Legacy::Tcvn3 { upper: true })
        );
        assert_eq!(
            Legacy::from_font_name(".VnArialH,Bold"),
            Some(Legacy::Tcvn3 { upper: true })
        );
        assert_eq!(
            Legacy::from_font_name(".VnTime,BoldItalic"),
            Some(Legacy::Tcvn3 { upper: false })
        );
        assert_eq!(Legacy::from_font_name("VNI-Times"), Some(Legacy::Vni));
        assert_eq!(Legacy::from_font_name("VNI-Helve-Bold"), Some(Legacy::Vni));
        assert_eq!(Legacy::from_font_name("TimesNewRomanPSMT"), None);
        assert_eq!(Legacy::from_font_name("Vni"), None);
    }

    #[test]
    fn tcvn3_words() {
        let t = Legacy::Tcvn3 { upper: false };
        assert_eq!(
            t.decode(b"C\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            t.decode(b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c"),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(t.decode(b"B\xb6o Th\xbeng"), "Bảo Thắng");
        assert_eq!(t.decode(b"M\xad\xeang Kh\xad\xacng"), "Mường Khương");
        assert_eq!(t.decode(b"\x93\xae\xe5ng\x94"), "“đồng”");
        // The capital-letter font: lowercase codes draw capitals.
        let h = Legacy::Tcvn3 { upper: true };
        assert_eq!(h.decode(b"\xf1y ban nh\xa9n d\xa9n"), "ỦY BAN NHÂN DÂN");
        assert_eq!(h.decode(b"\xf1Y BAN NH\xa2N D\xa2N"), "ỦY BAN NHÂN DÂN");
        assert_eq!(
            h.decode(b"c\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca vi\xd6t nam"),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
    }

    #[test]
    fn tcvn3_table_is_complete() {
        // Every Vietnamese letter of VN3 appears exactly once: 7 capitals,
        // 7 lowercase base letters, 5 tones × 12 vowels − 0 = 60... counted.
        let letters: Vec<&str> = TCVN3_A1.iter().copied().filter(|s| !s.is_empty()).collect();
        assert_eq!(letters.len(), 14 + 12 * 5);
        let mut sorted = letters.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), letters.len());
    }

    #[test]
    fn vni_words() {
        let v = Legacy::Vni;
        assert_eq!(
            v.decode(b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(v.decode(b"U\xdbY BAN NHA\xc2N DA\xc2N"), "ỦY BAN NHÂN DÂN");
        assert_eq!(
            v.decode(b"\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c"),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(v.decode(b"Ng\xf6\xf4\xf8i ky\xf9"), "Người ký");
        assert_eq!(v.decode(b"ta\xe9c ta\xeb"), "tắc tặ");
        assert_eq!(v.decode(b"NGH\xd2 \xd1\xd2NH"), "NGHỊ ĐỊNH");
        assert_eq!(v.decode(b"NGH\xc6"), "NGHỈ");
    }
}
