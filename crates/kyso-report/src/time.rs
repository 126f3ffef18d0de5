//! A UTC instant with second precision, serialised as RFC 3339 (`2026-06-10T07:15:42Z`).
//!
//! Written here (days-from-civil arithmetic, public-domain algorithm by Howard
//! Hinnant) so the report model depends on nothing but serde and works the
//! same natively and in wasm, where the system clock is not used.

use core::fmt;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub i64);

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Time {
    /// From calendar fields in UTC. Returns `None` for out-of-range fields.
    pub fn from_utc(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        min: u32,
        sec: u32,
    ) -> Option<Self> {
        if !(1..=12).contains(&month)
            || !(1..=31).contains(&day)
            || hour > 23
            || min > 59
            || sec > 60
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        // Reject e.g. 31 February: the round trip must give the same date.
        if civil_from_days(days) != (year, month, day) {
            return None;
        }
        Some(Time(
            days * 86400 + hour as i64 * 3600 + min as i64 * 60 + sec.min(59) as i64,
        ))
    }

    /// Calendar fields `(year, month, day, hour, minute, second)` at the given UTC offset.
    pub fn fields(self, offset_minutes: i32) -> (i64, u32, u32, u32, u32, u32) {
        let t = self.0 + offset_minutes as i64 * 60;
        let days = t.div_euclid(86400);
        let secs = t.rem_euclid(86400);
        let (y, m, d) = civil_from_days(days);
        (
            y,
            m,
            d,
            (secs / 3600) as u32,
            ((secs % 3600) / 60) as u32,
            (secs % 60) as u32,
        )
    }

    /// RFC 3339 in UTC: `2026-06-10T07:15:42Z`.
    pub fn to_rfc3339(self) -> String {
        let (y, mo, d, h, mi, s) = self.fields(0);
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }

    /// Vietnamese display in Indochina Time: `10/06/2026 14:15:42 (UTC+7)`.
    pub fn to_vietnam_display(self) -> String {
        let (y, mo, d, h, mi, s) = self.fields(7 * 60);
        format!("{d:02}/{mo:02}/{y:04} {h:02}:{mi:02}:{s:02} (UTC+7)")
    }

    /// Parse RFC 3339 (`Z` or `±hh:mm`, fractional seconds ignored).
    pub fn parse_rfc3339(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || !(b[10] == b'T' || b[10] == b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        // Digits only: `str::parse` would also take a sign ("+1").
        let num = |r: core::ops::Range<usize>| -> Option<i64> {
            let f = s.get(r)?;
            f.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| f.parse().ok())?
        };
        let (y, mo, d, h, mi, se) = (
            num(0..4)?,
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
            num(17..19)?,
        );
        let mut rest = &s[19..];
        if let Some(r) = rest.strip_prefix('.') {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            rest = &r[n..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            o if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) => {
                let sign = if o.starts_with('-') { -1 } else { 1 };
                let digits = |f: &str| f.bytes().all(|c| c.is_ascii_digit());
                let (oh, om) = (o.get(1..3)?, o.get(4..6)?);
                if o.as_bytes()[3] != b':' || !digits(oh) || !digits(om) {
                    return None;
                }
                let (oh, om): (i64, i64) = (oh.parse().ok()?, om.parse().ok()?);
                if oh > 23 || om > 59 {
                    return None;
                }
                sign * (oh * 60 + om)
            }
            _ => return None,
        };
        let t = Time::from_utc(y, mo as u32, d as u32, h as u32, mi as u32, se as u32)?;
        Some(Time(t.0 - offset * 60))
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Time::parse_rfc3339(&s).ok_or_else(|| serde::de::Error::custom("expected an RFC 3339 time"))
    }
}

/// In the JSON Schema of the report: an RFC 3339 string, always UTC (`Z`).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Time {
    fn schema_name() -> String {
        "Time".into()
    }

    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            format: Some("date-time".into()),
            metadata: Some(Box::new(schemars::schema::Metadata {
                description: Some("An instant, RFC 3339 in UTC: `2026-06-10T07:15:42Z`.".into()),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let t = Time::from_utc(2026, 6, 10, 7, 15, 42).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-06-10T07:15:42Z");
        assert_eq!(t.to_vietnam_display(), "10/06/2026 14:15:42 (UTC+7)");
        assert_eq!(Time::parse_rfc3339("2026-06-10T14:15:42+07:00"), Some(t));
        assert_eq!(Time::parse_rfc3339("2026-06-10T07:15:42.250Z"), Some(t));
        assert_eq!(Time::parse_rfc3339("2026-06-10T00:15:42-07:00"), Some(t));
        for bad in [
            "2026-06-10T14:15:42+99:00",
            "2026-06-10T14:15:42+07-00",
            "2026-06-10T14:15:42+7:000",
            "+026-06-10T14:15:42Z",
            "2026-06-10T14:15:42",
            "2026-13-10T14:15:42Z",
            "garbage",
        ] {
            assert_eq!(Time::parse_rfc3339(bad), None, "{bad}");
        }
        assert_eq!(Time::from_utc(1970, 1, 1, 0, 0, 0), Some(Time(0)));
        assert_eq!(Time::from_utc(2025, 2, 29, 0, 0, 0), None);
        assert_eq!(
            Time::from_utc(1950, 12, 31, 23, 59, 59)
                .unwrap()
                .to_rfc3339(),
            "1950-12-31T23:59:59Z"
        );
    }
}
