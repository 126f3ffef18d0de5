//! Visible signature stamps drawn by Vietnamese signing software (VGCA,
//! VNPT, Viettel, …): "Người ký: …", "Cơ quan: …", "Email: …",
//! "Thời gian ký: 10.06.2026 14:15:42 +07:00". A value may wrap onto the
//! next line; that line carries no key of its own.

use kyso_report::SignatureStamp;

use crate::dates::stamp_time;
use crate::text::{clean, fold};

/// The keys a stamp uses (folded), and which field each fills.
const KEYS: &[(&str, Key)] = &[
    ("nguoi ky", Key::Signer),
    ("ky boi", Key::Signer),
    ("duoc ky boi", Key::Signer),
    ("signed by", Key::Signer),
    ("co quan", Key::Organisation),
    ("don vi", Key::Organisation),
    ("to chuc", Key::Organisation),
    ("email", Key::Email),
    ("thoi gian ky", Key::Time),
    ("ngay ky", Key::Time),
    ("thoi gian", Key::Time),
    ("signing time", Key::Time),
    ("date", Key::Time),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Signer,
    Organisation,
    Email,
    Time,
}

fn key_of(line: &str) -> Option<(Key, &str)> {
    let (head, rest) = line.split_once(':')?;
    // Keys are a few words: fold the head once, only when short.
    if head.len() > 40 {
        return None;
    }
    let h = fold(head);
    KEYS.iter()
        .find(|(k, _)| *k == h)
        .map(|(_, key)| (*key, rest))
}

/// Whether a line starts with a stamp key ("Người ký:", "Thời gian ký:", …).
pub fn is_key_line(line: &str) -> bool {
    key_of(&clean(line)).is_some()
}

/// A stamp from the lines of one appearance (or one block of page text),
/// top to bottom. `None` when no line has a stamp key.
pub fn parse(lines: &[String]) -> Option<SignatureStamp> {
    let mut st = SignatureStamp::default();
    let mut current: Option<Key> = None;
    let mut any = false;
    let mut time_text = String::new();
    for raw in lines {
        let line = clean(raw);
        if line.is_empty() {
            continue;
        }
        let (key, text) = match key_of(&line) {
            Some((k, rest)) => {
                current = Some(k);
                any = true;
                (k, rest.trim().to_string())
            }
            None => match current {
                Some(k) => (k, line.clone()),
                None => continue,
            },
        };
        let slot = match key {
            Key::Signer => &mut st.signer,
            Key::Organisation => &mut st.organisation,
            Key::Email => &mut st.email,
            Key::Time => {
                if !time_text.is_empty() {
                    time_text.push(' ');
                }
                time_text.push_str(&text);
                continue;
            }
        };
        match slot {
            Some(v) if !text.is_empty() => {
                v.push(' ');
                v.push_str(&text);
            }
            None if !text.is_empty() => *slot = Some(text),
            _ => {}
        }
    }
    if !any {
        return None;
    }
    if !time_text.is_empty() {
        st.time = stamp_time(&time_text);
        st.time_as_written = Some(clean(&time_text));
    }
    if let Some(e) = st.email.as_mut() {
        e.retain(|c| c != ' ');
    }
    Some(st)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vgca_stamp_with_wrapped_values() {
        let lines: Vec<String> = [
            "Người ký: CỔNG THÔNG TIN ĐIỆN",
            "TỬ CHÍNH PHỦ",
            "Email: thongtinchinhphu@chinhphu.vn",
            "Cơ quan: VĂN PHÒNG CHÍNH PHỦ",
            "Thời gian ký: 10.06.2026 14:15:42",
            "+07:00",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let st = parse(&lines).unwrap();
        assert_eq!(
            st.signer.as_deref(),
            Some("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ")
        );
        assert_eq!(st.organisation.as_deref(), Some("VĂN PHÒNG CHÍNH PHỦ"));
        assert_eq!(st.email.as_deref(), Some("thongtinchinhphu@chinhphu.vn"));
        assert_eq!(st.time.as_deref(), Some("2026-06-10T14:15:42+07:00"));
        assert_eq!(
            st.time_as_written.as_deref(),
            Some("10.06.2026 14:15:42 +07:00")
        );
    }

    #[test]
    fn not_a_stamp() {
        assert!(parse(&["Căn cứ Luật".to_string()]).is_none());
    }
}
