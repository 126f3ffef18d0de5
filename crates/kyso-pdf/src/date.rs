//! PDF dates (ISO 32000-1 §7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`.

use kyso_report::Time;

/// Parse a PDF date. Tolerant of a missing `D:` prefix, missing trailing
/// fields (defaults per §7.9.4), a trailing apostrophe, `Z00'00'`, and the
/// common `HH'mm` without a final apostrophe. Returns `None` for impossible dates.
pub fn parse_pdf_date(s: &str) -> Option<Time> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits < 4 {
        return None;
    }
    let num = |from: usize, len: usize, default: u32| -> Option<u32> {
        if from + len <= digits {
            std::str::from_utf8(b.get(from..from + len)?)
                .ok()?
                .parse()
                .ok()
        } else if from >= digits {
            Some(default)
        } else {
            None // a field cut in half
        }
    };
    let year = i64::from(num(0, 4, 0)?);
    let month = num(4, 2, 1)?;
    let day = num(6, 2, 1)?;
    let hour = num(8, 2, 0)?;
    let min = num(10, 2, 0)?;
    let sec = num(12, 2, 0)?;
    if digits > 14 {
        return None;
    }
    let t = Time::from_utc(year, month, day, hour, min, sec)?;
    let rest = s.get(digits..).unwrap_or("");
    let offset_minutes: i64 = match rest.as_bytes().first() {
        None | Some(b'Z') => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let r = &rest[1..];
            let parts: Vec<&str> = r.split('\'').filter(|p| !p.is_empty()).collect();
            let oh: i64 = parts
                .first()
                .and_then(|p| p.get(..2))
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            // Some writers emit HHmm without apostrophes.
            let om: i64 = match (parts.first(), parts.get(1)) {
                (Some(p), _) if p.len() == 4 => {
                    p.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0)
                }
                (_, Some(m)) => m
                    .get(..2.min(m.len()))
                    .and_then(|m| m.parse().ok())
                    .unwrap_or(0),
                _ => 0,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 60 + om;
            if sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    Some(Time(t.0 - offset_minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let t = Time::from_utc(2026, 6, 10, 7, 15, 42).unwrap();
        assert_eq!(parse_pdf_date("D:20260610141542+07'00'"), Some(t));
        assert_eq!(parse_pdf_date("D:20260610141542+07'00"), Some(t));
        assert_eq!(parse_pdf_date("D:20260610141542+0700"), Some(t));
        assert_eq!(parse_pdf_date("D:20260610071542Z"), Some(t));
        assert_eq!(parse_pdf_date("D:20260610071542Z00'00'"), Some(t));
        assert_eq!(parse_pdf_date("20260610071542"), Some(t));
        assert_eq!(
            parse_pdf_date("D:2026"),
            Time::from_utc(2026, 1, 1, 0, 0, 0)
        );
        assert_eq!(parse_pdf_date("D:20260230"), None);
        assert_eq!(parse_pdf_date("D:202606101"), None);
        assert_eq!(
            parse_pdf_date("D:20260610071542-05'30'").unwrap().0,
            t.0 + 5 * 3600 + 1800
        );
        assert_eq!(parse_pdf_date("yesterday"), None);
    }
}
