//! UTCTime and GeneralizedTime (X.680 §46–47, RFC 5280 §4.1.2.5) to [`Time`].
//!
//! Written here rather than with `der` 0.7's types because those refuse
//! fractional seconds, which RFC 3161 §2.4.2 allows in `genTime` and TSAs
//! emit (`20260610071542.123Z`).

use crate::ber::{self, Tlv};
use kyso_report::Time;

/// Parse a complete UTCTime or GeneralizedTime element (tag, length, value).
/// Returns the instant (seconds) and the milliseconds part, if any.
pub fn parse_asn1_time(der: &[u8]) -> Option<(Time, Option<u32>)> {
    let (tlv, rest) = ber::read_tlv(der, 0).ok()?;
    if !rest.is_empty() {
        return None;
    }
    parse_time_tlv(&tlv)
}

pub(crate) fn parse_time_tlv(tlv: &Tlv<'_>) -> Option<(Time, Option<u32>)> {
    if tlv.constructed || tlv.class != ber::Class::Universal {
        return None;
    }
    let s = core::str::from_utf8(tlv.content).ok()?;
    match tlv.number {
        ber::UTC_TIME => parse_utc_time(s).map(|t| (t, None)),
        ber::GENERALIZED_TIME => parse_generalized_time(s),
        _ => None,
    }
}

fn digits(s: &str, r: core::ops::Range<usize>) -> Option<u32> {
    let part = s.get(r)?;
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// Offset suffix: `Z`, or (BER) `+hhmm` / `-hhmm`. Returns seconds east of UTC.
fn offset(rest: &str) -> Option<i64> {
    match rest {
        "Z" => Some(0),
        o if o.len() == 5 && (o.starts_with('+') || o.starts_with('-')) => {
            let h = i64::from(digits(o, 1..3)?);
            let m = i64::from(digits(o, 3..5)?);
            if h > 23 || m > 59 {
                return None;
            }
            Some(if o.starts_with('-') { -1 } else { 1 } * (h * 3600 + m * 60))
        }
        _ => None,
    }
}

/// `YYMMDDHHMM[SS](Z|±hhmm)`; years 50–99 are 19xx (RFC 5280 §4.1.2.5.1).
fn parse_utc_time(s: &str) -> Option<Time> {
    let yy = digits(s, 0..2)?;
    let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
    let (mo, d, h, mi) = (
        digits(s, 2..4)?,
        digits(s, 4..6)?,
        digits(s, 6..8)?,
        digits(s, 8..10)?,
    );
    let (sec, rest) = match digits(s, 10..12) {
        Some(sec) => (sec, s.get(12..)?),
        None => (0, s.get(10..)?),
    };
    let off = offset(rest)?;
    let t = Time::from_utc(i64::from(year), mo, d, h, mi, sec)?;
    Some(Time(t.0 - off))
}

/// `YYYYMMDDHHMMSS[.fff](Z|±hhmm)`.
fn parse_generalized_time(s: &str) -> Option<(Time, Option<u32>)> {
    let year = digits(s, 0..4)?;
    let (mo, d, h, mi, sec) = (
        digits(s, 4..6)?,
        digits(s, 6..8)?,
        digits(s, 8..10)?,
        digits(s, 10..12)?,
        digits(s, 12..14)?,
    );
    let mut rest = s.get(14..)?;
    let mut millis = None;
    if let Some(frac) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(',')) {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 9 {
            return None;
        }
        let mut ms = 0u32;
        for (i, b) in frac.bytes().take(3).enumerate() {
            if i < n {
                ms = ms * 10 + u32::from(b - b'0');
            }
        }
        for _ in n.min(3)..3 {
            ms *= 10;
        }
        millis = Some(ms);
        rest = &frac[n..];
    }
    let off = offset(rest)?;
    let t = Time::from_utc(i64::from(year), mo, d, h, mi, sec)?;
    Some((Time(t.0 - off), millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: u8, s: &str) -> Vec<u8> {
        let mut v = vec![tag, s.len() as u8];
        v.extend_from_slice(s.as_bytes());
        v
    }

    #[test]
    fn times() {
        let t = Time::from_utc(2026, 6, 10, 7, 15, 42).unwrap();
        assert_eq!(parse_asn1_time(&el(0x17, "260610071542Z")), Some((t, None)));
        assert_eq!(
            parse_asn1_time(&el(0x18, "20260610071542Z")),
            Some((t, None))
        );
        assert_eq!(
            parse_asn1_time(&el(0x18, "20260610071542.5Z")),
            Some((t, Some(500)))
        );
        assert_eq!(
            parse_asn1_time(&el(0x18, "20260610071542.123456Z")),
            Some((t, Some(123)))
        );
        assert_eq!(
            parse_asn1_time(&el(0x17, "260610141542+0700")),
            Some((t, None))
        );
        assert_eq!(
            parse_asn1_time(&el(0x17, "991231235959Z"))
                .unwrap()
                .0
                .to_rfc3339(),
            "1999-12-31T23:59:59Z"
        );
        assert_eq!(parse_asn1_time(&el(0x18, "20260230071542Z")), None);
        assert_eq!(parse_asn1_time(&el(0x18, "2026061007154Z")), None);
        assert_eq!(parse_asn1_time(&el(0x04, "20260610071542Z")), None);
    }
}
