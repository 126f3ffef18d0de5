//! The parts of an administrative document (Nghị định 30/2020/NĐ-CP,
//! Điều 8 and Phụ lục I: "thể thức văn bản"), read from lines in reading order.

use kyso_report::{AdministrativeInfo, AppendixInfo, Confidence, ReadValue};

use crate::dates::{numeric_date, place_and_date, vietnamese_date};
use crate::doctypes::{abbreviation_in, title_type, CONG_VAN, TYPES};
use crate::layout::{Column, Line};
use crate::text::{
    clean, fold, is_all_caps, is_ordinal, is_rule, looks_like_name, starts_with_folded,
    strip_prefix_ci, strip_prefix_folded,
};

/// How far into the document the header may reach (lines).
const HEADER_LINES: usize = 45;
/// At most this many lines of trích yếu.
const SUBJECT_LINES: usize = 8;
/// At most this many addressees or recipients.
const LIST_ITEMS: usize = 60;
/// An appendix citation "(Kèm theo …)" is looked for this many lines under the heading.
const CITATION_WINDOW: usize = 8;

/// Reads the fields from `lines` (reading order, first page first).
pub fn read(lines: &[Line], source: &str) -> AdministrativeInfo {
    let mut info = AdministrativeInfo {
        source: source.to_string(),
        ..Default::default()
    };
    if lines.is_empty() {
        return info;
    }
    let appendix_starts = appendix_starts(lines);
    let main_end = appendix_starts.first().copied().unwrap_or(lines.len());
    let main = &lines[..main_end];
    let header_end = header(main, &mut info);
    addressees(main, header_end, &mut info);
    closing(main, &mut info);
    for (n, &start) in appendix_starts.iter().enumerate() {
        let end = appendix_starts.get(n + 1).copied().unwrap_or(lines.len());
        info.appendices.push(appendix(&lines[start..end]));
    }
    info
}

fn value(line: &Line, v: impl Into<String>, geometric: bool) -> ReadValue {
    let v = v.into();
    let confidence = match (line.rect.is_some(), geometric) {
        (true, true) => Confidence::High,
        (true, false) | (false, true) => Confidence::Medium,
        (false, false) => Confidence::Low,
    };
    ReadValue {
        as_written: (line.text != v).then(|| line.text.clone()),
        value: v,
        page: (line.page > 0).then_some(line.page),
        rect: line.rect,
        confidence,
    }
}

fn joined(lines: &[&Line], v: String, geometric: bool) -> ReadValue {
    let mut r = value(lines[0], v, geometric);
    let written = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    r.as_written = (written != r.value).then_some(written);
    if let Some(rect) = lines.iter().filter_map(|l| l.rect).reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    }) {
        r.rect = Some(rect);
    }
    r
}

/// Header lines (motto, marks, titles, place and date) are short; longer
/// lines are body text and are not folded for those tests.
const SHORT_LINE: usize = 160;

fn is_motto(text: &str) -> bool {
    if text.len() > SHORT_LINE {
        return false;
    }
    let f = fold(text);
    f.contains("cong hoa xa hoi chu nghia viet nam") || f.contains("doc lap tu do hanh phuc")
}

const URGENCY: &[&str] = &["HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"];
const CONFIDENTIALITY: &[&str] = &["TUYỆT MẬT", "TỐI MẬT", "MẬT"];

/// A mark line: the mark alone (boxed on the page), in either tone placement.
fn mark(text: &str, marks: &[&'static str]) -> Option<&'static str> {
    if text.len() > 40 {
        return None;
    }
    let f = fold(text);
    marks
        .iter()
        .copied()
        .find(|m| fold(m) == f && is_all_caps(text))
}

/// The text after "Số" on a number line, or `None` when the line is not one.
fn number_line(text: &str) -> Option<&str> {
    let rest = strip_prefix_ci(text, "số")?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix([':', '.']).unwrap_or(rest).trim_start();
    let ok = rest.contains('/') || rest.chars().next().is_some_and(|c| c.is_ascii_digit());
    ok.then_some(rest)
}

/// "49/2026/NĐ-CP" → ("49", "2026/NĐ-CP"); "986 /UBND-HCTC" → ("986",
/// "UBND-HCTC"); "  /QĐ-UBND" → (None, "QĐ-UBND"). Spaces around '/' and
/// '-' are dropped (typists add them); anything after a further space is not
/// part of the number.
pub fn split_number(s: &str) -> (Option<String>, Option<String>) {
    let s = clean(s);
    let mut compact = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = compact.chars().last();
            let next = chars[i + 1..].iter().find(|c| **c != ' ');
            if matches!(prev, Some('/' | '-')) || matches!(next, Some('/' | '-')) {
                continue;
            }
        }
        compact.push(c);
    }
    let token = compact
        .split(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ';', '.']);
    if token.is_empty() {
        return (None, None);
    }
    match token.split_once('/') {
        Some((n, k)) => {
            let n = n.trim();
            let number = (!n.is_empty()
                && n.chars().all(|c| c.is_alphanumeric())
                && n.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .then(|| n.to_string());
            let k = k.trim_matches('/');
            (number, (!k.is_empty()).then(|| k.to_string()))
        }
        None if token.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            (Some(token.to_string()), None)
        }
        None => (None, Some(token.to_string())),
    }
}

fn subject_start(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for p in ["V/v", "V/V", "v/v"] {
        if let Some(r) = t.strip_prefix(p) {
            return Some(r.trim_start_matches([':', '.', ' ']));
        }
    }
    strip_prefix_folded(t, "ve viec").map(|r| r.trim_start_matches([':', '.', ' ']))
}

fn starts_body(text: &str) -> bool {
    [
        "can cu",
        "kinh gui",
        "theo de nghi",
        "xet de nghi",
        "thuc hien",
        "dieu 1",
        "chuong i",
    ]
    .iter()
    .any(|p| starts_with_folded(text, p))
}

/// Header fields; returns the index of the first line after the header.
fn header(main: &[Line], info: &mut AdministrativeInfo) -> usize {
    let first_page = main[0].page;
    let h: Vec<&Line> = main
        .iter()
        .take(HEADER_LINES)
        .take_while(|l| l.page == first_page)
        .collect();
    let geometric = |l: &Line| l.column != Column::Full;
    let mut last_header = 0usize;

    // Độ khẩn, độ mật.
    for (i, l) in h.iter().enumerate() {
        if info.urgency.is_none() {
            if let Some(m) = mark(&l.text, URGENCY) {
                info.urgency = Some(value(l, m, true));
                last_header = last_header.max(i);
            }
        }
        if info.confidentiality.is_none() {
            if let Some(m) = mark(&l.text, CONFIDENTIALITY) {
                info.confidentiality = Some(value(l, m, true));
                last_header = last_header.max(i);
            }
        }
    }

    // Số, ký hiệu.
    let so = h.iter().position(|l| number_line(&l.text).is_some());
    if let Some(i) = so {
        let l = h[i];
        let (n, k) = split_number(number_line(&l.text).unwrap_or(""));
        let g = geometric(l);
        info.number = n.map(|n| value(l, n, g));
        info.notation = k.map(|k| value(l, k, g));
        info.doc_type_abbreviation = info
            .notation
            .as_ref()
            .and_then(|k| abbreviation_in(&k.value))
            .map(str::to_string);
        last_header = last_header.max(i);
    }

    // Cơ quan chủ quản / ban hành: capitals above the number, in its column.
    let body_limit = so.unwrap_or_else(|| h.iter().position(|l| is_motto(&l.text)).unwrap_or(0));
    let body_col = so.map(|i| h[i].column);
    let bodies: Vec<&Line> = h[..body_limit]
        .iter()
        .copied()
        .filter(|l| {
            body_col.is_none_or(|c| l.column == c || l.column == Column::Full)
                && !is_rule(&l.text)
                && !is_motto(&l.text)
                && mark(&l.text, URGENCY).is_none()
                && mark(&l.text, CONFIDENTIALITY).is_none()
                && is_all_caps(&l.text)
        })
        .collect();
    if !bodies.is_empty() {
        let styled = bodies[0].styled;
        let split = bodies.iter().position(|l| l.bold);
        let (parent, issuing): (Vec<&Line>, Vec<&Line>) = match split {
            Some(k) if styled && k > 0 && bodies[k..].iter().all(|l| l.bold) => {
                (bodies[..k].to_vec(), bodies[k..].to_vec())
            }
            _ => (Vec::new(), bodies.clone()),
        };
        let g = geometric(issuing[0]);
        let text = |ls: &[&Line]| {
            clean(
                &ls.iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        if !parent.is_empty() {
            info.parent_body = Some(joined(&parent, text(&parent), g));
        }
        info.issuing_body = Some(joined(&issuing, text(&issuing), g));
    }

    // Trích yếu of a công văn: "V/v …" under the number, in its column.
    if let Some(i) = so {
        let col = h[i].column;
        if let Some(k) = (i + 1..h.len().min(i + 4)).find(|&k| subject_start(&h[k].text).is_some())
        {
            let mut parts = vec![subject_start(&h[k].text).unwrap_or("").to_string()];
            let mut used = vec![h[k]];
            let mut j = k + 1;
            while j < h.len() && used.len() < SUBJECT_LINES {
                let l = h[j];
                if l.column != col
                    || is_rule(&l.text)
                    || is_motto(&l.text)
                    || place_and_date(&l.text).is_some()
                    || starts_body(&l.text)
                    || (l.rect.is_some() && l.gap_before > 2.0)
                    || title_type(&l.text).is_some()
                {
                    break;
                }
                parts.push(l.text.clone());
                used.push(l);
                j += 1;
            }
            info.subject = Some(joined(&used, clean(&parts.join(" ")), geometric(h[k])));
            info.doc_type = Some(value(h[k], CONG_VAN, false));
            last_header = last_header.max(j - 1);
        }
    }

    // Địa danh, ngày tháng năm.
    if let Some((i, (place, date))) = h
        .iter()
        .enumerate()
        .find_map(|(i, l)| place_and_date(&l.text).map(|p| (i, p)))
    {
        let l = h[i];
        let g = geometric(l);
        info.place = Some(value(l, place, g));
        info.date = date.map(|d| value(l, d.iso(), g));
        last_header = last_header.max(i);
    }
    for (i, l) in h.iter().enumerate() {
        if is_motto(&l.text) {
            last_header = last_header.max(i);
        }
    }

    // Tên loại and trích yếu under it.
    let mut end = last_header + 1;
    if let Some(t) = (end..h.len().min(end + 6)).find(|&k| title_type(&h[k].text).is_some()) {
        let l = h[t];
        let name = title_type(&l.text).unwrap_or_default();
        info.doc_type = Some(value(l, name, l.centered.unwrap_or(false)));
        let mut used: Vec<&Line> = Vec::new();
        let mut j = t + 1;
        while j < h.len() && used.len() < SUBJECT_LINES {
            let s = h[j];
            let stop = is_rule(&s.text)
                || starts_body(&s.text)
                || is_all_caps(&s.text)
                || s.centered == Some(false)
                || (s.styled && l.bold && !s.bold)
                || (!used.is_empty() && s.rect.is_some() && s.gap_before > 2.0);
            if stop {
                break;
            }
            used.push(s);
            j += 1;
        }
        if !used.is_empty() && info.subject.is_none() {
            let text = clean(
                &used
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let g = used[0].centered == Some(true);
            info.subject = Some(joined(&used, text, g));
        }
        end = j;
    } else if info.doc_type.is_none() {
        // No title and no "V/v": name the type from the notation, if it says.
        if let Some(a) = info.doc_type_abbreviation.as_deref() {
            if let (Some((name, _)), Some(l)) =
                (TYPES.iter().find(|(_, x)| *x == a), so.map(|i| h[i]))
            {
                let mut v = value(l, *name, false);
                v.confidence = Confidence::Low;
                info.doc_type = Some(v);
            }
        }
    }
    end.min(main.len())
}

fn bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let rest = t.strip_prefix(['-', '+', '•', '–', '*'])?;
    Some(rest.trim_start())
}

fn item_text(s: &str) -> String {
    clean(
        s.trim_end_matches([';', ','])
            .trim_end_matches(['.'])
            .trim(),
    )
}

/// Kính gửi: one addressee on the line, or a list of "- …" lines under it.
fn addressees(main: &[Line], from: usize, info: &mut AdministrativeInfo) {
    let window = main.len().min(from + 30);
    let Some(k) = (0..window).find(|&i| starts_with_folded(&main[i].text, "kinh gui")) else {
        return;
    };
    let l = &main[k];
    let rest = strip_prefix_folded(&l.text, "kinh gui").unwrap_or("");
    let rest = rest.trim_start_matches([':', ' ']).trim();
    if !rest.is_empty() {
        let r = bullet(rest).unwrap_or(rest);
        info.addressees
            .push(value(l, item_text(r), l.rect.is_some()));
    }
    let mut j = k + 1;
    while j < main.len() && info.addressees.len() < LIST_ITEMS {
        let Some(b) = bullet(&main[j].text) else {
            break;
        };
        info.addressees
            .push(value(&main[j], item_text(b), main[j].rect.is_some()));
        j += 1;
    }
}

fn authority(text: &str) -> bool {
    let t = text.trim_start();
    ["TM.", "T/M", "KT.", "K/T", "TL.", "T/L", "TUQ.", "Q.", "Q/"]
        .iter()
        .any(|p| {
            t.strip_prefix(p).is_some_and(|r| {
                r.starts_with(' ') || r.chars().next().is_some_and(char::is_uppercase)
            })
        })
}

fn is_stamp_line(text: &str) -> bool {
    [
        "nguoi ky",
        "ky boi",
        "co quan",
        "thoi gian ky",
        "ngay ky",
        "email",
    ]
    .iter()
    .any(|p| starts_with_folded(text, p) && text.contains(':'))
}

/// Nơi nhận, thẩm quyền ký, chức vụ, họ tên.
fn closing(main: &[Line], info: &mut AdministrativeInfo) {
    let noi_nhan = main
        .iter()
        .rposition(|l| starts_with_folded(&l.text, "noi nhan"));
    let right: Vec<&Line> = match noi_nhan {
        Some(n) => {
            let l = &main[n];
            let col = l.column;
            let mut j = n + 1;
            let rest = strip_prefix_folded(&l.text, "noi nhan").unwrap_or("");
            let rest = rest.trim_start_matches([':', ' ']).trim();
            if !rest.is_empty() {
                info.recipients
                    .push(value(l, item_text(bullet(rest).unwrap_or(rest)), false));
            }
            // Items in Nơi nhận's column; an item without ';' or '.' continues on the next line.
            while j < main.len() && info.recipients.len() < LIST_ITEMS {
                let m = &main[j];
                if m.column != col || (m.page != l.page && col != Column::Full && m.page != 0) {
                    break;
                }
                if let Some(b) = bullet(&m.text) {
                    info.recipients
                        .push(value(m, item_text(b), m.rect.is_some()));
                } else if let Some(prev) = info.recipients.last_mut() {
                    let open = !prev
                        .as_written
                        .as_deref()
                        .unwrap_or(&prev.value)
                        .trim_end()
                        .ends_with([';', '.']);
                    if !open || is_all_caps(&m.text) || looks_like_name(&m.text) {
                        break;
                    }
                    let written = format!(
                        "{} {}",
                        prev.as_written.as_deref().unwrap_or(&prev.value),
                        m.text
                    );
                    prev.value = item_text(bullet(&written).unwrap_or(&written));
                    prev.as_written = Some(written);
                } else {
                    break;
                }
                j += 1;
            }
            if col == Column::Left {
                main.iter()
                    .filter(|m| m.block == l.block && m.column == Column::Right)
                    .collect()
            } else {
                // No column geometry: the right cell may sit a little higher
                // than "Nơi nhận:" (its authority and position lines just
                // before it) and its name after the list.
                let before = (n.saturating_sub(3)..n)
                    .skip_while(|&k| !(authority(&main[k].text) || is_all_caps(&main[k].text)))
                    .take_while(|&k| {
                        (authority(&main[k].text) || is_all_caps(&main[k].text))
                            && main[k].page == l.page
                    })
                    .map(|k| &main[k]);
                before.chain(main[j..].iter()).collect()
            }
        }
        None => {
            let Some(a) = main.iter().rposition(|l| authority(&l.text)) else {
                return;
            };
            let first = (0..=a)
                .rev()
                .take_while(|&i| authority(&main[i].text))
                .last()
                .unwrap_or(a);
            main[first..].iter().take(12).collect()
        }
    };
    let right: Vec<&Line> = right
        .into_iter()
        .filter(|l| !is_stamp_line(&l.text))
        .collect();
    let geometric = |l: &Line| l.column == Column::Right;
    let mut last_auth = None;
    for (i, l) in right.iter().enumerate() {
        if authority(&l.text) {
            info.authority.push(value(l, clean(&l.text), geometric(l)));
            last_auth = Some(i);
        }
    }
    let from = last_auth.map_or(0, |i| i + 1);
    if let Some(p) = right[from.min(right.len())..]
        .iter()
        .find(|l| is_all_caps(&l.text) && !authority(&l.text) && !fold(&l.text).contains("da ky"))
    {
        info.signer_position = Some(value(p, clean(&p.text), geometric(p)));
    }
    if let Some(n) = right.iter().rev().find(|l| looks_like_name(&l.text)) {
        info.signer_name = Some(value(n, clean(&n.text), geometric(n)));
    }
}

/// Where appendices start: a heading "Phụ lục" (+ numeral), alone on its
/// line, that either carries a "(Kèm theo …)" citation under it or stands at
/// the top of a page in capitals. A mention inside a sentence never counts.
fn appendix_starts(lines: &[Line]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i < 5 {
            continue;
        }
        let Some(rest) = strip_prefix_folded(&l.text, "phu luc") else {
            continue;
        };
        let rest = rest.trim();
        let words: Vec<&str> = rest.split_whitespace().collect();
        let heading = words.is_empty()
            || (words.len() == 1 && is_ordinal(words[0]))
            || (words.len() >= 2 && words[0] == "số" && is_ordinal(words[1]) && words.len() == 2)
            || (is_ordinal(words[0].trim_end_matches([':', '.']))
                && (words[0].ends_with(':') || words[0].ends_with('.'))
                && is_all_caps(&l.text));
        if !heading {
            continue;
        }
        let cited = lines[i + 1..lines.len().min(i + 1 + CITATION_WINDOW)]
            .iter()
            .any(|m| fold(&m.text).starts_with("kem theo"));
        let top_of_page = i > 0 && lines[i - 1].page != l.page && l.page != 0;
        if cited || (top_of_page && is_all_caps(&l.text)) {
            out.push(i);
        }
    }
    out
}

fn appendix(lines: &[Line]) -> AppendixInfo {
    let head = &lines[0];
    let label = value(head, clean(&head.text), head.rect.is_some());
    let mut info = AppendixInfo {
        label,
        cites: None,
        cited_number: None,
        cited_notation: None,
        cited_date: None,
    };
    let Some(k) = lines
        .iter()
        .take(CITATION_WINDOW + 1)
        .position(|m| fold(&m.text).starts_with("kem theo"))
    else {
        return info;
    };
    let mut cite = lines[k].text.clone();
    let mut j = k + 1;
    while !cite.contains(')') && j < lines.len() && j < k + 4 {
        cite.push(' ');
        cite.push_str(&lines[j].text);
        j += 1;
    }
    let cite = clean(&cite);
    // "… số: 086 /UBND-HCTC ngày 25 tháng 4 năm 2019 của …"
    let lower = cite.to_lowercase();
    if let Some(p) = lower.find(" số") {
        let after = &cite[p + " số".len()..];
        let after = after.trim_start_matches([':', ' ']);
        let stop = [" ngày", " của", ")", " ban hành"]
            .iter()
            .filter_map(|s| after.find(s))
            .min()
            .unwrap_or(after.len());
        let (n, k) = split_number(&after[..stop]);
        info.cited_number = n;
        info.cited_notation = k;
    }
    let date = vietnamese_date(&cite).or_else(|| {
        let p = lower.find("ngày ")?;
        numeric_date(&cite[p + "ngày ".len()..]).map(|(d, _)| d)
    });
    info.cited_date = date.map(|d| d.iso());
    info.cites = Some(cite);
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(
            split_number("49/2026/NĐ-CP"),
            (Some("49".into()), Some("2026/NĐ-CP".into()))
        );
        assert_eq!(
            split_number("986 /UBND-HCTC"),
            (Some("986".into()), Some("UBND-HCTC".into()))
        );
        assert_eq!(
            split_number(" 49 / 2026 / NĐ - CP "),
            (Some("49".into()), Some("2026/NĐ-CP".into()))
        );
        assert_eq!(split_number("   /QĐ-UBND"), (None, Some("QĐ-UBND".into())));
        assert_eq!(
            split_number("086 /UBND-HCTC"),
            (Some("086".into()), Some("UBND-HCTC".into()))
        );
        assert_eq!(number_line("Số: 49/2026/NĐ-CP"), Some("49/2026/NĐ-CP"));
        assert_eq!(number_line("Sở Nội vụ: Hướng dẫn"), None);
        assert_eq!(number_line("Số liệu thống kê"), None);
    }

    #[test]
    fn authorities() {
        assert!(authority("TM. CHÍNH PHỦ"));
        assert!(authority("KT. THỦ TƯỚNG"));
        assert!(authority("TUQ. CHỦ TỊCH"));
        assert!(!authority("TT HĐND tỉnh"));
        assert!(!authority("Quyết định"));
    }
}
