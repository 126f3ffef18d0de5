//! Glyph names to Unicode, for `/Differences` (ISO 32000-1 §9.10.2).
//!
//! Not the whole Adobe Glyph List (4,500 names, most of them Cyrillic,
//! Hebrew, Arabic `afii…` names and CJK forms no Vietnamese document uses)
//! but what Latin and Vietnamese text needs, following the Adobe Glyph List
//! Specification's algorithm:
//!
//! 1. a suffix after the first `.` is dropped (`a.sc`), components joined
//!    by `_` are mapped one by one (`f_i`);
//! 2. `uniXXXX…` (groups of four hex digits) and `uXXXX`–`uXXXXXX`;
//! 3. the names of every glyph in the four base encodings and the AGL
//!    names of the Latin-1, Latin Extended-A and spacing-modifier
//!    characters (the table below);
//! 4. the AGL's systematic accented-letter names — a letter followed by
//!    accent words (`aacute`, `Ecircumflexacute`, `ohornhookabove`,
//!    `udieresisgrave`, …), which is how the AGL names every precomposed
//!    Vietnamese letter — are composed from the letter and the combining
//!    accents and normalised to NFC, which gives exactly the AGL's code
//!    point for each of them.
//!
//! Names outside this (`g123`, `cid45`, `afii10017`, private ones) have no
//! mapping: the glyph counts as undecodable unless `/ToUnicode` covers it.

use unicode_normalization::UnicodeNormalization;

/// Most `_`-joined components honoured in one name.
const MAX_COMPONENTS: usize = 8;

/// The text of a glyph name, if known.
pub(crate) fn glyph_to_unicode(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let mut out = String::new();
        for part in base.split('_').take(MAX_COMPONENTS) {
            out.push_str(&component(part)?);
        }
        return Some(out);
    }
    component(base)
}

fn component(n: &str) -> Option<String> {
    if let Some(s) = named(n) {
        return Some(s.to_string());
    }
    if let Some(hex) = n.strip_prefix("uni") {
        if !hex.is_empty() && hex.len() % 4 == 0 && hex.len() <= 32 {
            let mut out = String::new();
            for i in (0..hex.len()).step_by(4) {
                let v = u32::from_str_radix(hex.get(i..i + 4)?, 16).ok()?;
                // The AGL excludes surrogates here.
                out.push(char::from_u32(v)?);
            }
            return Some(out);
        }
    }
    if let Some(hex) = n.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return char::from_u32(v).map(String::from);
        }
    }
    if n.len() == 1 && n.as_bytes()[0].is_ascii_alphabetic() {
        return Some(n.to_string());
    }
    accented(n)
}

/// Accent words of the AGL's systematic names and their combining marks.
/// Longest first where one is a prefix of another.
const ACCENTS: &[(&str, &str)] = &[
    ("acute", "\u{301}"),
    ("grave", "\u{300}"),
    ("hookabove", "\u{309}"),
    ("tilde", "\u{303}"),
    ("dotbelow", "\u{323}"),
    ("dotaccent", "\u{307}"),
    ("circumflex", "\u{302}"),
    ("breve", "\u{306}"),
    ("horn", "\u{31b}"),
    ("dieresis", "\u{308}"),
    ("ring", "\u{30a}"),
    ("cedilla", "\u{327}"),
    ("caron", "\u{30c}"),
    ("macron", "\u{304}"),
    ("ogonek", "\u{328}"),
];

/// `Ecircumflexacute` → Ế: a letter and accent words, composed (NFC). Only
/// when NFC yields one precomposed character, as every such AGL name does.
fn accented(n: &str) -> Option<String> {
    let mut chars = n.chars();
    let first = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut rest = chars.as_str();
    if rest.is_empty() {
        return None;
    }
    let mut s = String::new();
    s.push(first);
    let mut count = 0;
    while !rest.is_empty() {
        let (word, mark) = ACCENTS.iter().find(|(w, _)| rest.starts_with(w))?;
        s.push_str(mark);
        rest = &rest[word.len()..];
        count += 1;
        if count > 3 {
            return None;
        }
    }
    let out: String = s.nfc().collect();
    (out.chars().count() == 1).then_some(out)
}

/// Names that are not a letter with accents: punctuation, symbols, the
/// letters of Latin-1 and Latin Extended-A that have no decomposition,
/// spacing accents, ligatures (spelled out) and the combining marks by
/// their AGL names.
fn named(n: &str) -> Option<&'static str> {
    let i = NAMES.binary_search_by(|(k, _)| (*k).cmp(n)).ok()?;
    Some(NAMES[i].1)
}

/// Sorted by name (checked by a test).
const NAMES: &[(&str, &str)] = &[
    ("AE", "Æ"),
    ("Dcroat", "Đ"),
    ("Delta", "∆"),
    ("Dslash", "Đ"),
    ("Eng", "Ŋ"),
    ("Eth", "Ð"),
    ("Euro", "€"),
    ("Hbar", "Ħ"),
    ("IJ", "Ĳ"),
    ("Ldot", "Ŀ"),
    ("Lslash", "Ł"),
    ("OE", "Œ"),
    ("Ohm", "Ω"),
    ("Omega", "Ω"),
    ("Oslash", "Ø"),
    ("Tbar", "Ŧ"),
    ("Thorn", "Þ"),
    ("acute", "´"),
    ("acutecomb", "\u{301}"),
    ("ae", "æ"),
    ("ampersand", "&"),
    ("approxequal", "≈"),
    ("asciicircum", "^"),
    ("asciitilde", "~"),
    ("asterisk", "*"),
    ("at", "@"),
    ("backslash", "\\"),
    ("bar", "|"),
    ("braceleft", "{"),
    ("braceright", "}"),
    ("bracketleft", "["),
    ("bracketright", "]"),
    ("breve", "˘"),
    ("brokenbar", "¦"),
    ("bullet", "•"),
    ("caron", "ˇ"),
    ("cedilla", "¸"),
    ("cent", "¢"),
    ("circumflex", "ˆ"),
    ("colon", ":"),
    ("comma", ","),
    ("copyright", "©"),
    ("currency", "¤"),
    ("dagger", "†"),
    ("daggerdbl", "‡"),
    ("dcroat", "đ"),
    ("degree", "°"),
    ("dieresis", "¨"),
    ("divide", "÷"),
    ("dmacron", "đ"),
    ("dollar", "$"),
    ("dong", "₫"),
    ("dotaccent", "˙"),
    ("dotbelowcomb", "\u{323}"),
    ("dotlessi", "ı"),
    ("dotlessj", "ȷ"),
    ("eight", "8"),
    ("ellipsis", "…"),
    ("emdash", "—"),
    ("endash", "–"),
    ("eng", "ŋ"),
    ("equal", "="),
    ("estimated", "℮"),
    ("eth", "ð"),
    ("exclam", "!"),
    ("exclamdown", "¡"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("fi", "fi"),
    ("figuredash", "‒"),
    ("five", "5"),
    ("fl", "fl"),
    ("florin", "ƒ"),
    ("four", "4"),
    ("fraction", "⁄"),
    ("germandbls", "ß"),
    ("grave", "`"),
    ("gravecomb", "\u{300}"),
    ("greater", ">"),
    ("greaterequal", "≥"),
    ("guillemotleft", "«"),
    ("guillemotright", "»"),
    ("guilsinglleft", "‹"),
    ("guilsinglright", "›"),
    ("hbar", "ħ"),
    ("hookabovecomb", "\u{309}"),
    ("hungarumlaut", "˝"),
    ("hyphen", "-"),
    ("ij", "ĳ"),
    ("infinity", "∞"),
    ("integral", "∫"),
    ("kgreenlandic", "ĸ"),
    ("ldot", "ŀ"),
    ("less", "<"),
    ("lessequal", "≤"),
    ("logicalnot", "¬"),
    ("longs", "ſ"),
    ("lozenge", "◊"),
    ("lslash", "ł"),
    ("macron", "¯"),
    ("minus", "−"),
    ("mu", "µ"),
    ("multiply", "×"),
    ("napostrophe", "ŉ"),
    ("nbspace", "\u{a0}"),
    ("nine", "9"),
    ("notequal", "≠"),
    ("numbersign", "#"),
    ("numero", "№"),
    ("oe", "œ"),
    ("ogonek", "˛"),
    ("one", "1"),
    ("onehalf", "½"),
    ("onequarter", "¼"),
    ("onesuperior", "¹"),
    ("ordfeminine", "ª"),
    ("ordmasculine", "º"),
    ("oslash", "ø"),
    ("paragraph", "¶"),
    ("parenleft", "("),
    ("parenright", ")"),
    ("partialdiff", "∂"),
    ("percent", "%"),
    ("period", "."),
    ("periodcentered", "·"),
    ("perthousand", "‰"),
    ("pi", "π"),
    ("plus", "+"),
    ("plusminus", "±"),
    ("product", "∏"),
    ("question", "?"),
    ("questiondown", "¿"),
    ("quotedbl", "\""),
    ("quotedblbase", "„"),
    ("quotedblleft", "“"),
    ("quotedblright", "”"),
    ("quoteleft", "‘"),
    ("quotereversed", "‛"),
    ("quoteright", "’"),
    ("quotesinglbase", "‚"),
    ("quotesingle", "'"),
    ("radical", "√"),
    ("registered", "®"),
    ("ring", "˚"),
    ("section", "§"),
    ("semicolon", ";"),
    ("seven", "7"),
    ("sfthyphen", "\u{ad}"),
    ("six", "6"),
    ("slash", "/"),
    ("space", " "),
    ("sterling", "£"),
    ("summation", "∑"),
    ("tbar", "ŧ"),
    ("thorn", "þ"),
    ("three", "3"),
    ("threequarters", "¾"),
    ("threesuperior", "³"),
    ("tilde", "˜"),
    ("tildecomb", "\u{303}"),
    ("trademark", "™"),
    ("two", "2"),
    ("twosuperior", "²"),
    ("underscore", "_"),
    ("yen", "¥"),
    ("zero", "0"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn g(n: &str) -> Option<String> {
        glyph_to_unicode(n.as_bytes())
    }

    #[test]
    fn sorted() {
        for w in NAMES.windows(2) {
            assert!(w[0].0 < w[1].0, "{} !< {}", w[0].0, w[1].0);
        }
    }

    #[test]
    fn names() {
        assert_eq!(g("A").as_deref(), Some("A"));
        assert_eq!(g("space").as_deref(), Some(" "));
        assert_eq!(g("quotedblleft").as_deref(), Some("“"));
        assert_eq!(g("aacute").as_deref(), Some("á"));
        assert_eq!(g("Ccedilla").as_deref(), Some("Ç"));
        assert_eq!(g("Zcaron").as_deref(), Some("Ž"));
        assert_eq!(g("Aring").as_deref(), Some("Å"));
        assert_eq!(g("Idotaccent").as_deref(), Some("İ"));
        // Vietnamese letters by their AGL names.
        assert_eq!(g("Ecircumflexacute").as_deref(), Some("\u{1EBE}"));
        assert_eq!(g("ohornhookabove").as_deref(), Some("\u{1EDF}"));
        assert_eq!(g("uhorn").as_deref(), Some("ư"));
        assert_eq!(g("Uhorndotbelow").as_deref(), Some("\u{1EF0}"));
        assert_eq!(g("abrevetilde").as_deref(), Some("\u{1EB5}"));
        assert_eq!(g("acircumflexdotbelow").as_deref(), Some("ậ"));
        assert_eq!(g("ydotbelow").as_deref(), Some("ỵ"));
        assert_eq!(g("Itilde").as_deref(), Some("Ĩ"));
        assert_eq!(g("dcroat").as_deref(), Some("đ"));
        assert_eq!(g("Dcroat").as_deref(), Some("Đ"));
        assert_eq!(g("udieresisacute").as_deref(), Some("ǘ"));
        assert_eq!(g("dong").as_deref(), Some("₫"));
        // Forms.
        assert_eq!(g("uni1EA0").as_deref(), Some("Ạ"));
        assert_eq!(g("uni00410042").as_deref(), Some("AB"));
        assert_eq!(g("u1F600").as_deref(), Some("😀"));
        assert_eq!(g("a.sc").as_deref(), Some("a"));
        assert_eq!(g("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(g("fi").as_deref(), Some("fi"));
        // Unknown.
        assert_eq!(g("g123"), None);
        assert_eq!(g("cid00042"), None);
        assert_eq!(g("uniD800"), None);
        assert_eq!(g("xacuteacuteacuteacute"), None);
        assert_eq!(g(".notdef"), None);
        assert_eq!(g("Gcommaaccent"), None);
    }
}
