//! Dates as Vietnamese documents print them.

use crate::text::fold;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl Date {
    /// A checked date (day within the month's length).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let len = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=len).contains(&day) && (1900..=2200).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn days(&self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    pub fn from_iso(s: &str) -> Option<Date> {
        let mut it = s.get(..10)?.split('-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }
}

/// "ngày 31 tháng 01 năm 2026" anywhere in `s` (any case, with or without
/// diacritics, stray spaces tolerated). Returns the date and the byte range
/// of the folded text where it starts, or `None` when a part is blank or
/// out of range (a date left blank for the issuing office to fill).
pub fn vietnamese_date(s: &str) -> Option<Date> {
    let f = fold(s);
    let words: Vec<&str> = f.split(' ').collect();
    let i = words.iter().position(|w| *w == "ngay")?;
    let num = |k: usize| -> Option<u32> { words.get(k)?.parse().ok() };
    if words.get(i + 2) != Some(&"thang") || words.get(i + 4) != Some(&"nam") {
        return None;
    }
    let d = num(i + 1)?;
    let m = num(i + 3)?;
    let y = num(i + 5)?;
    Date::new(y as i32, m, d)
}

/// A place-and-date line: "Hà Nội, ngày 31 tháng 01 năm 2026". Returns the
/// place as written and the date when filled in. `None` when the line is not
/// of that shape.
pub fn place_and_date(line: &str) -> Option<(String, Option<Date>)> {
    if line.len() > 160 {
        return None;
    }
    let comma = line.find(',')?;
    let place = line[..comma].trim();
    let rest = line[comma + 1..].trim();
    let f = fold(rest);
    if !f.starts_with("ngay") || !f.contains("thang") || !f.contains("nam") {
        return None;
    }
    if place.is_empty() || place.chars().count() > 40 || place.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((place.to_string(), vietnamese_date(rest)))
}

/// A numeric date "31/01/2026", "31.01.2026", "31-01-2026" or "2026-01-31" at the start of `s`.
pub fn numeric_date(s: &str) -> Option<(Date, usize)> {
    let s2 = s.trim_start();
    let off = s.len() - s2.len();
    let end = s2
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '.' | '-')))
        .unwrap_or(s2.len());
    let tok = &s2[..end];
    let parts: Vec<&str> = tok.split(['/', '.', '-']).collect();
    if parts.len() != 3 {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let d = if parts[0].len() == 4 {
        Date::new(n[0] as i32, n[1], n[2])?
    } else {
        Date::new(n[2] as i32, n[1], n[0])?
    };
    Some((d, off + end))
}

/// A signing time as stamps print it: "10.06.2026 14:15:42 +07:00",
/// "10/06/2026 14:15", "2026-06-10 14:15:42". Without an offset the time
/// is taken as Vietnam time (UTC+7): that is what the signing software
/// shows. Returns RFC 3339.
pub fn stamp_time(s: &str) -> Option<String> {
    let s = s.trim();
    // Time first ("14:15:42 10/06/2026") is also seen.
    if let Some((date, end)) = numeric_date(s) {
        let rest = s[end..].trim();
        let (hms, rest) = clock(rest)?;
        return Some(rfc3339(date, hms, offset(rest)));
    }
    let (hms, rest) = clock(s)?;
    let rest = rest.trim_start_matches([',', ' ']);
    let (date, end) = numeric_date(rest)?;
    Some(rfc3339(date, hms, offset(&rest[end..])))
}

fn clock(s: &str) -> Option<((u32, u32, u32), &str)> {
    let s = s.trim_start();
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(s.len());
    let parts: Vec<u32> = s[..end]
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    (h < 24 && m < 60 && sec < 61).then_some(((h, m, sec), &s[end..]))
}

fn offset(s: &str) -> String {
    let t = s.trim();
    let t = t
        .strip_prefix("GMT")
        .or_else(|| t.strip_prefix("UTC"))
        .unwrap_or(t);
    let b = t.as_bytes();
    if b.len() >= 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1..3].iter().all(u8::is_ascii_digit)
        && b[3] == b':'
        && b[4..6].iter().all(u8::is_ascii_digit)
    {
        return t[..6].to_string();
    }
    if t.starts_with('Z') {
        return "Z".into();
    }
    "+07:00".into()
}

fn rfc3339(d: Date, (h, m, s): (u32, u32, u32), off: String) -> String {
    format!("{}T{h:02}:{m:02}:{s:02}{off}", d.iso())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_and_date_lines() {
        let (p, d) = place_and_date("Hà Nội, ngày 31 tháng 01 năm 2026").unwrap();
        assert_eq!(p, "Hà Nội");
        assert_eq!(d.unwrap().iso(), "2026-01-31");
        let (p, d) = place_and_date("Kon Tum, ngày 25 tháng 4 năm 2019").unwrap();
        assert_eq!(
            (p.as_str(), d.unwrap().iso().as_str()),
            ("Kon Tum", "2019-04-25")
        );
        // Left blank for the office to fill in.
        let (p, d) = place_and_date("Hà Nội, ngày     tháng     năm 2026").unwrap();
        assert_eq!((p.as_str(), d), ("Hà Nội", None));
        assert!(place_and_date("Căn cứ Luật số 63/2025/QH15, ngày 1").is_none());
        assert!(vietnamese_date("ngày 31 tháng 02 năm 2026").is_none());
    }

    #[test]
    fn stamp_times() {
        assert_eq!(
            stamp_time("10.06.2026 14:15:42 +07:00").as_deref(),
            Some("2026-06-10T14:15:42+07:00")
        );
        assert_eq!(
            stamp_time("10/06/2026 14:15").as_deref(),
            Some("2026-06-10T14:15:00+07:00")
        );
        assert_eq!(
            stamp_time("14:15:42 10/06/2026").as_deref(),
            Some("2026-06-10T14:15:42+07:00")
        );
        assert_eq!(
            stamp_time("2026-06-10 07:15:42 Z").as_deref(),
            Some("2026-06-10T07:15:42Z")
        );
        assert_eq!(stamp_time("hôm nay"), None);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(
            Date::new(2026, 1, 31).unwrap().days() - Date::new(2025, 12, 31).unwrap().days(),
            31
        );
    }
}
