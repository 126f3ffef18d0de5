//! Types of administrative documents and their abbreviations
//! (Nghị định 30/2020/NĐ-CP, Điều 7 and Phụ lục III; legal documents per
//! Luật Ban hành văn bản quy phạm pháp luật).

use crate::text::fold;

/// `(name in capitals, abbreviation in the notation)`. A công văn has no
/// title and no abbreviation: its notation is the issuing unit's.
pub const TYPES: &[(&str, &str)] = &[
    ("NGHỊ ĐỊNH", "NĐ"),
    ("NGHỊ QUYẾT LIÊN TỊCH", "NQLT"),
    ("NGHỊ QUYẾT", "NQ"),
    ("THÔNG TƯ LIÊN TỊCH", "TTLT"),
    ("THÔNG TƯ", "TT"),
    ("QUYẾT ĐỊNH", "QĐ"),
    ("CHỈ THỊ", "CT"),
    ("PHÁP LỆNH", "PL"),
    ("LỆNH", "L"),
    ("LUẬT", "L"),
    ("QUY CHẾ", "QC"),
    ("QUY ĐỊNH", "QyĐ"),
    ("THÔNG CÁO", "TC"),
    ("THÔNG BÁO", "TB"),
    ("HƯỚNG DẪN", "HD"),
    ("CHƯƠNG TRÌNH", "CTr"),
    ("KẾ HOẠCH", "KH"),
    ("PHƯƠNG ÁN", "PA"),
    ("ĐỀ ÁN", "ĐA"),
    ("DỰ ÁN", "DA"),
    ("BÁO CÁO", "BC"),
    ("BIÊN BẢN", "BB"),
    ("TỜ TRÌNH", "TTr"),
    ("HỢP ĐỒNG", "HĐ"),
    ("CÔNG ĐIỆN", "CĐ"),
    ("BẢN GHI NHỚ", "GN"),
    ("BẢN THỎA THUẬN", "TTh"),
    ("BẢN THOẢ THUẬN", "TTh"),
    ("GIẤY ỦY QUYỀN", "GUQ"),
    ("GIẤY UỶ QUYỀN", "GUQ"),
    ("GIẤY MỜI", "GM"),
    ("GIẤY GIỚI THIỆU", "GGT"),
    ("GIẤY NGHỈ PHÉP", "NP"),
    ("PHIẾU GỬI", "PG"),
    ("PHIẾU CHUYỂN", "PC"),
    ("PHIẾU BÁO", "PB"),
];

/// The name used for a công văn (identified by its "V/v" subject line).
pub const CONG_VAN: &str = "CÔNG VĂN";

/// The document type named by a title line ("NGHỊ ĐỊNH", "Quyết định"),
/// only when the line is the type name alone (a trailing ':' is the
/// decision formula "QUYẾT ĐỊNH:", not a title).
pub fn title_type(line: &str) -> Option<&'static str> {
    // Folded, so that old and new tone placement ("THOẢ"/"THỎA") both match.
    if line.len() > 80 {
        return None;
    }
    let t = fold(line);
    if line.trim_end().ends_with(':') || t.is_empty() {
        return None;
    }
    TYPES.iter().map(|(n, _)| *n).find(|n| fold(n) == t)
}

/// The abbreviation a type uses in its notation.
pub fn abbreviation_of(name: &str) -> Option<&'static str> {
    let t = fold(name);
    TYPES.iter().find(|(n, _)| fold(n) == t).map(|(_, a)| *a)
}

/// The known abbreviation at the start of a notation's last part
/// ("2026/NĐ-CP" → "NĐ", "QĐ-UBND" → "QĐ"), if it is one.
pub fn abbreviation_in(notation: &str) -> Option<&'static str> {
    let last = notation.rsplit('/').next()?;
    let first = last.split('-').next()?.trim();
    TYPES.iter().map(|(_, a)| *a).find(|a| *a == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_abbreviations() {
        assert_eq!(title_type("NGHỊ ĐỊNH"), Some("NGHỊ ĐỊNH"));
        assert_eq!(title_type("Quyết định"), Some("QUYẾT ĐỊNH"));
        assert_eq!(title_type("QUYẾT ĐỊNH:"), None);
        assert_eq!(title_type("NGHỊ ĐỊNH này"), None);
        assert_eq!(abbreviation_in("2026/NĐ-CP"), Some("NĐ"));
        assert_eq!(abbreviation_in("QĐ-UBND"), Some("QĐ"));
        assert_eq!(abbreviation_in("UBND-HCTC"), None);
        assert_eq!(abbreviation_in("TTr-BTC"), Some("TTr"));
        assert_eq!(abbreviation_of("Nghị định"), Some("NĐ"));
    }
}
