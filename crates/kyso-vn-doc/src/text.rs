//! Small text helpers for Vietnamese: NFC, folding for comparison, spacing.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFC with runs of white space collapsed to one space and the ends trimmed.
pub fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Folded for comparison: diacritics removed (đ → d), lower case, only
/// letters and digits kept, words separated by one space. "Trần Hồng Hà",
/// "TRAN HONG HA" and "Tran  Hong Ha." fold to the same string.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Upper case as Vietnamese writes it (ASCII plus the precomposed letters).
pub fn upper(s: &str) -> String {
    s.chars().flat_map(char::to_uppercase).collect()
}

/// Whether every cased letter is upper case and there are at least two letters.
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 2
}

/// A rule line: only underscores, dashes, dots or similar.
pub fn is_rule(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(
                c,
                '_' | '-' | '‐' | '–' | '—' | '.' | '…' | '*' | '=' | ' ' | '¯'
            )
        })
}

/// The folded form of one character, pushed onto `out` (base letters,
/// lower case, đ → d; combining marks dropped). Returns whether anything
/// alphanumeric was pushed.
fn fold_char(c: char, out: &mut String) -> bool {
    let mut pushed = false;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        let d = if d == 'đ' || d == 'Đ' { 'd' } else { d };
        if d.is_alphanumeric() {
            out.extend(d.to_lowercase());
            pushed = true;
        }
    });
    pushed
}

/// `s` without a leading `prefix`, compared on folded text; the returned
/// rest keeps its original spelling. `prefix` is given folded ("kinh gui").
/// The prefix must end on a word boundary. Folds `s` one character at a
/// time and stops at the first mismatch (no allocation per step).
pub fn strip_prefix_folded<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let want = prefix.as_bytes();
    let mut got = String::with_capacity(prefix.len() + 4);
    let mut pending_space = false;
    for (i, c) in s.char_indices() {
        let before = got.len();
        let spaced = pending_space && !got.is_empty();
        if spaced {
            got.push(' ');
        }
        if fold_char(c, &mut got) {
            pending_space = false;
        } else {
            if spaced {
                got.pop();
            }
            if !is_combining_mark(c) {
                pending_space = true;
            }
        }
        if got.len() != before {
            if !want.starts_with(got.as_bytes()) {
                return None;
            }
            if got.len() == want.len() {
                let rest = &s[i + c.len_utf8()..];
                // The next base letter must not continue the word ("Soạn" is not "Số").
                let skip: usize = rest
                    .chars()
                    .take_while(|c| is_combining_mark(*c))
                    .map(char::len_utf8)
                    .sum();
                let rest = &rest[skip..];
                if rest.chars().next().is_some_and(char::is_alphanumeric) {
                    return None;
                }
                return Some(rest);
            }
        }
    }
    None
}

/// `s` without a leading `prefix`, compared case-insensitively with the
/// diacritics kept (so "Số" is not "Sở"). `prefix` is given in lower case, NFC.
pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut it = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = it.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    let rest = match it.next() {
        Some((i, _)) => &s[i..],
        None => "",
    };
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(rest)
}

/// Whether the folded text of `s` starts with the folded `prefix`, word-wise.
pub fn starts_with_folded(s: &str, prefix: &str) -> bool {
    strip_prefix_folded(s.trim_start(), prefix).is_some()
}

/// Whether a line looks like a person's printed name: 2–6 words, each
/// starting with a capital followed by lower-case letters, no digits.
pub fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) {
        return false;
    }
    words.iter().all(|w| {
        let mut cs = w.chars();
        match cs.next() {
            Some(first) if first.is_uppercase() => {
                let rest: Vec<char> = cs.collect();
                !rest.is_empty() && rest.iter().all(|c| c.is_lowercase())
            }
            _ => false,
        }
    })
}

/// Roman numeral (I..XXXIX) or decimal number as written after "Phụ lục".
pub fn is_ordinal(s: &str) -> bool {
    let t = s.trim_end_matches(['.', ':']);
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit())
            || t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            || (t.len() <= 4
                && t.chars().next().is_some_and(|c| c.is_ascii_digit())
                && t.chars().all(|c| c.is_ascii_alphanumeric())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Trần Hồng Hà"), "tran hong ha");
        assert_eq!(fold("TRẦN  HỒNG HÀ."), "tran hong ha");
        assert_eq!(fold("ĐỘC LẬP"), "doc lap");
        // Decomposed input folds the same.
        assert_eq!(fold("Tra\u{0302}\u{0300}n"), "tran");
        assert_eq!(clean("  Hà   Nội\u{00A0}, "), "Hà Nội ,");
    }

    #[test]
    fn prefixes() {
        assert_eq!(
            strip_prefix_folded("Kính gửi: Bộ", "kinh gui"),
            Some(": Bộ")
        );
        assert_eq!(strip_prefix_folded("KÍNH GỬI:", "kinh gui"), Some(":"));
        assert_eq!(strip_prefix_folded("Số: 49", "so"), Some(": 49"));
        assert_eq!(strip_prefix_folded("Sở Nội vụ", "so"), Some(" Nội vụ"));
        assert_eq!(strip_prefix_ci("SỐ: 49", "số"), Some(": 49"));
        assert_eq!(strip_prefix_ci("Sở Nội vụ", "số"), None);
        assert_eq!(strip_prefix_ci("Số49", "số"), None);
        assert_eq!(strip_prefix_folded("Soạn thảo", "so"), None);
        assert!(starts_with_folded("Nơi nhận:", "noi nhan"));
        assert!(!starts_with_folded("Nơi nhậnx", "noi nhan"));
    }

    #[test]
    fn names_and_caps() {
        assert!(looks_like_name("Trần Hồng Hà"));
        assert!(looks_like_name("Nguyễn Văn Hòa"));
        assert!(!looks_like_name("PHÓ THỦ TƯỚNG"));
        assert!(!looks_like_name("Như trên"));
        assert!(is_all_caps("PHÓ THỦ TƯỚNG"));
        assert!(!is_all_caps("Phó Thủ tướng"));
        assert!(is_rule("_________"));
        assert!(is_ordinal("IV"));
        assert!(is_ordinal("2"));
        assert!(!is_ordinal("ban"));
    }
}
