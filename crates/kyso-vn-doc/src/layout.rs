//! From positioned text fragments to lines in reading order.
//!
//! A Vietnamese administrative document has two two-column blocks (Nghị
//! định 30/2020/NĐ-CP, Phụ lục I): the header (issuing body and number on
//! the left; national motto, place and date on the right) and the signature
//! block (Nơi nhận on the left; authority, position and name on the right).
//! A naive top-to-bottom reading interleaves them ("CHÍNH PHỦ CỘNG HÒA XÃ
//! HỘI…"). Here rows are clustered by baseline, split into segments at wide
//! gaps, and runs of rows that share a column split are read left column
//! first, then right column.

use crate::text::{clean, fold, starts_with_folded};

/// A piece of text on a page, as the PDF text layer (or any other source)
/// gives it. Coordinates in page space, y up.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// 1-based page number.
    pub page: u32,
    /// Left edge.
    pub x0: f64,
    /// Bottom edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge.
    pub y1: f64,
    /// Baseline y.
    pub baseline: f64,
    /// Font size in page space.
    pub size: f64,
    /// Bold font.
    pub bold: bool,
    /// Italic font.
    pub italic: bool,
    /// The text (NFC).
    pub text: String,
}

/// Which part of a two-column block a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Not in a two-column block (or no geometry known).
    Full,
    /// Left column of a two-column block.
    Left,
    /// Right column of a two-column block.
    Right,
}

/// One line of text in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based page (0 when unknown).
    pub page: u32,
    /// The text, NFC, single spaces.
    pub text: String,
    /// `[x0, y0, x1, y1]` when known.
    pub rect: Option<[f64; 4]>,
    /// Font size (0 when unknown).
    pub size: f64,
    /// Most of the line is bold.
    pub bold: bool,
    /// Most of the line is italic.
    pub italic: bool,
    /// Column in a two-column block.
    pub column: Column,
    /// Index of the two-column block (so that two blocks on a page are told apart).
    pub block: u32,
    /// Whether style (bold) information is known for this source.
    pub styled: bool,
    /// Centred on the text body (title lines); `None` when no geometry.
    pub centered: Option<bool>,
    /// Vertical distance from the previous line in the same column, in line heights (0 when unknown).
    pub gap_before: f64,
}

impl Line {
    /// A line from plain text, without geometry. `**bold**` markers (as in
    /// Markdown exports) mark the line bold.
    pub fn plain(text: &str) -> Line {
        let bold = text.trim().starts_with("**");
        let t = text.replace("**", "");
        Line {
            page: 0,
            text: clean(&t),
            rect: None,
            size: 0.0,
            bold,
            italic: false,
            column: Column::Full,
            block: 0,
            styled: text.contains("**"),
            centered: None,
            gap_before: 0.0,
        }
    }
}

/// Lines of a plain-text document (one per text line; empty lines dropped).
/// Style is known only if the text uses `**bold**` anywhere.
pub fn plain_lines(text: &str) -> Vec<Line> {
    let styled = text.contains("**");
    let mut in_bold = false;
    let mut out = Vec::new();
    for l in text.lines() {
        let mut line = Line::plain(l);
        line.styled = styled;
        // Bold spans (`**…**`) may cover several lines.
        line.bold = in_bold || l.trim_start().starts_with("**");
        if l.matches("**").count() % 2 == 1 {
            in_bold = !in_bold;
        }
        if !line.text.is_empty() {
            out.push(line);
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Segment {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    size: f64,
    bold_chars: usize,
    italic_chars: usize,
    chars: usize,
    text: String,
}

impl Segment {
    fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

#[derive(Debug, Clone)]
struct Row {
    baseline: f64,
    size: f64,
    segs: Vec<Segment>,
}

/// A gap wider than this many font sizes separates two segments of a row
/// (columns, or the two halves of a header). Word spaces in justified text
/// stay under it; a header's column gap is 1.5 em or more (a justified body
/// line split here is harmless: its two halves are read in order).
const SEGMENT_GAP_EM: f64 = 1.2;
/// Fragments whose baselines differ by less than this fraction of the font
/// size are on one row (the two cells of a header or closing table are
/// often a few points apart; consecutive lines are a whole line apart).
const SAME_ROW_EM: f64 = 0.5;
/// A space is inserted between fragments further apart than this.
const SPACE_EM: f64 = 0.15;

/// Lines of one or more pages in reading order. `body` is the page's text
/// area `[x0, x1]` (e.g. the media box); it decides what "centred" means.
pub fn reading_order(fragments: &[Fragment], body: impl Fn(u32) -> (f64, f64)) -> Vec<Line> {
    let mut pages: Vec<u32> = fragments.iter().map(|f| f.page).collect();
    pages.sort_unstable();
    pages.dedup();
    let mut out = Vec::new();
    let mut block = 0;
    for page in pages {
        let frags: Vec<&Fragment> = fragments
            .iter()
            .filter(|f| f.page == page && !f.text.trim().is_empty() && f.size > 0.0)
            .collect();
        let rows = rows(&frags);
        let (bx0, bx1) = body(page);
        page_lines(page, &rows, (bx0, bx1), &mut block, &mut out);
    }
    out
}

fn rows(frags: &[&Fragment]) -> Vec<Row> {
    let mut sorted: Vec<&Fragment> = frags.to_vec();
    sorted.sort_by(|a, b| {
        b.baseline
            .partial_cmp(&a.baseline)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.x0.partial_cmp(&b.x0).unwrap_or(std::cmp::Ordering::Equal))
    });
    let mut rows: Vec<(f64, f64, Vec<&Fragment>)> = Vec::new();
    for f in sorted {
        match rows.last_mut() {
            Some((base, size, members))
                if (*base - f.baseline).abs() <= SAME_ROW_EM * size.min(f.size).max(1.0) =>
            {
                members.push(f);
                *size = size.max(f.size);
                let _ = base;
            }
            _ => rows.push((f.baseline, f.size, vec![f])),
        }
    }
    rows.into_iter()
        .map(|(baseline, size, mut members)| {
            members.sort_by(|a, b| a.x0.partial_cmp(&b.x0).unwrap_or(std::cmp::Ordering::Equal));
            let mut segs: Vec<Segment> = Vec::new();
            for f in members {
                let n = f.text.chars().count();
                let text = f.text.as_str();
                match segs.last_mut() {
                    Some(s) if f.x0 - s.x1 < SEGMENT_GAP_EM * size => {
                        let gap = f.x0 - s.x1;
                        if gap > SPACE_EM * f.size
                            && !s.text.ends_with(' ')
                            && !text.starts_with(' ')
                        {
                            s.text.push(' ');
                        }
                        s.text.push_str(text);
                        s.x1 = s.x1.max(f.x1);
                        s.y0 = s.y0.min(f.y0);
                        s.y1 = s.y1.max(f.y1);
                        s.chars += n;
                        s.bold_chars += if f.bold { n } else { 0 };
                        s.italic_chars += if f.italic { n } else { 0 };
                        s.size = s.size.max(f.size);
                    }
                    _ => segs.push(Segment {
                        x0: f.x0,
                        x1: f.x1,
                        y0: f.y0,
                        y1: f.y1,
                        size: f.size,
                        bold_chars: if f.bold { n } else { 0 },
                        italic_chars: if f.italic { n } else { 0 },
                        chars: n,
                        text: text.to_string(),
                    }),
                }
            }
            Row {
                baseline,
                size,
                segs,
            }
        })
        .collect()
}

/// A row that starts the body after a header, whatever its position.
fn breaks_block(text: &str) -> bool {
    let f = fold(text);
    starts_with_folded(text, "kinh gui")
        || f.starts_with("can cu ")
        || crate::doctypes::title_type(text).is_some()
}

fn page_lines(page: u32, rows: &[Row], body: (f64, f64), block: &mut u32, out: &mut Vec<Line>) {
    let body_center = (body.0 + body.1) / 2.0;
    let width = (body.1 - body.0).max(1.0);
    let mut i = 0;
    let mut prev_baseline: Option<(f64, f64)> = None;
    while i < rows.len() {
        let row = &rows[i];
        if row.segs.len() >= 2 && !breaks_block(&row.segs[0].text) {
            // A two-column block starts here. The right column begins where
            // this row's last segment begins; the left column's text may run
            // up to it (a short "Nơi nhận:" beside a long list item below).
            let right_x0 = row.segs[row.segs.len() - 1].x0;
            let left_x0 = row.segs[0].x0;
            // Columns are centred text: a segment belongs to the side of
            // this boundary its centre is on.
            let split = (row.segs[0].x1 + right_x0) / 2.0;
            let (lc, rc) = (row.segs[0].center(), row.segs[row.segs.len() - 1].center());
            let mut members = vec![i];
            let mut j = i + 1;
            while j < rows.len() {
                let r = &rows[j];
                if breaks_block(&r.segs[0].text) {
                    break;
                }
                let tol = r.size;
                let fits = if r.segs.len() >= 2 {
                    // Another split row of the same block: its right part starts near ours.
                    let last = &r.segs[r.segs.len() - 1];
                    last.x0 >= right_x0 - 2.0 * tol && r.segs[0].x0 < right_x0
                } else {
                    let s = &r.segs[0];
                    let c = s.center();
                    let left = c < split && s.x1 <= right_x0 + tol;
                    let right = c >= split && s.x0 >= split - tol;
                    // Near a column's centre rather than the body's: a centred
                    // title right under the header is not in either column.
                    let near_col = if left { (c - lc).abs() } else { (c - rc).abs() };
                    // A list under "Nơi nhận:" shares its left edge.
                    let aligned = left && (s.x0 - left_x0).abs() <= tol;
                    (left || right)
                        && (aligned || near_col <= (c - body_center).abs() + 0.02 * width)
                };
                if !fits {
                    break;
                }
                members.push(j);
                j += 1;
            }
            *block += 1;
            for side in [Column::Left, Column::Right] {
                let mut last: Option<(f64, f64)> = None;
                for &k in &members {
                    let r = &rows[k];
                    let segs: Vec<&Segment> = r
                        .segs
                        .iter()
                        .filter(|s| (s.center() < split) == (side == Column::Left))
                        .collect();
                    if segs.is_empty() {
                        continue;
                    }
                    let gap = last.map_or(0.0, |(b, sz)| (b - r.baseline) / (sz * 1.2).max(1.0));
                    last = Some((r.baseline, r.size));
                    out.push(line_of(page, &segs, r, side, *block, None, gap));
                }
            }
            prev_baseline = Some((rows[j - 1].baseline, rows[j - 1].size));
            i = j;
            continue;
        }
        let gap = prev_baseline.map_or(0.0, |(b, sz)| (b - row.baseline) / (sz * 1.2).max(1.0));
        let segs: Vec<&Segment> = row.segs.iter().collect();
        let x0 = segs[0].x0;
        let x1 = segs[segs.len() - 1].x1;
        let c = (x0 + x1) / 2.0;
        let centered = (c - body_center).abs() < 0.06 * width && (x1 - x0) < 0.9 * width;
        out.push(line_of(
            page,
            &segs,
            row,
            Column::Full,
            0,
            Some(centered),
            gap,
        ));
        prev_baseline = Some((row.baseline, row.size));
        i += 1;
    }
}

fn line_of(
    page: u32,
    segs: &[&Segment],
    row: &Row,
    column: Column,
    block: u32,
    centered: Option<bool>,
    gap_before: f64,
) -> Line {
    let text = segs
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let chars: usize = segs.iter().map(|s| s.chars).sum();
    let bold: usize = segs.iter().map(|s| s.bold_chars).sum();
    let italic: usize = segs.iter().map(|s| s.italic_chars).sum();
    let x0 = segs.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let x1 = segs.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let y0 = segs.iter().map(|s| s.y0).fold(f64::INFINITY, f64::min);
    let y1 = segs.iter().map(|s| s.y1).fold(f64::NEG_INFINITY, f64::max);
    Line {
        page,
        text: clean(&text),
        rect: Some([x0, y0, x1, y1]),
        size: row.size,
        bold: bold * 2 > chars,
        italic: italic * 2 > chars,
        column,
        block,
        styled: true,
        centered,
        gap_before,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(page: u32, x0: f64, baseline: f64, text: &str, bold: bool) -> Fragment {
        let size = 13.0;
        Fragment {
            page,
            x0,
            y0: baseline - 3.0,
            x1: x0 + text.chars().count() as f64 * size * 0.5,
            y1: baseline + 10.0,
            baseline,
            size,
            bold,
            italic: false,
            text: text.into(),
        }
    }

    #[test]
    fn header_reads_as_two_columns() {
        let f = vec![
            frag(1, 110.0, 800.0, "CHÍNH PHỦ", true),
            frag(1, 250.0, 800.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true),
            frag(1, 290.0, 785.0, "Độc lập - Tự do - Hạnh phúc", true),
            frag(1, 95.0, 760.0, "Số: 49/2026/NĐ-CP", false),
            frag(1, 270.0, 760.0, "Hà Nội, ngày 31 tháng 01 năm 2026", false),
            frag(1, 270.0, 720.0, "NGHỊ ĐỊNH", true),
            frag(
                1,
                120.0,
                705.0,
                "Quy định chi tiết và hướng dẫn một số điều",
                true,
            ),
            frag(
                1,
                85.0,
                680.0,
                "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;",
                false,
            ),
        ];
        let lines = reading_order(&f, |_| (0.0, 595.0));
        let texts: Vec<(&str, Column)> =
            lines.iter().map(|l| (l.text.as_str(), l.column)).collect();
        assert_eq!(
            texts,
            vec![
                ("CHÍNH PHỦ", Column::Left),
                ("Số: 49/2026/NĐ-CP", Column::Left),
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Column::Right),
                ("Độc lập - Tự do - Hạnh phúc", Column::Right),
                ("Hà Nội, ngày 31 tháng 01 năm 2026", Column::Right),
                ("NGHỊ ĐỊNH", Column::Full),
                ("Quy định chi tiết và hướng dẫn một số điều", Column::Full),
                (
                    "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;",
                    Column::Full
                ),
            ]
        );
        assert!(lines[0].bold);
    }

    #[test]
    fn fragments_on_a_row_join_with_spaces() {
        let mut a = frag(1, 100.0, 500.0, "Số:", false);
        a.x1 = 120.0;
        let b = frag(1, 123.0, 500.0, "49/2026", false);
        let lines = reading_order(&[a, b], |_| (0.0, 595.0));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "Số: 49/2026");
    }

    #[test]
    fn plain_text_keeps_order_and_bold() {
        let l = plain_lines("**ỦY BAN NHÂN DÂN\nTỈNH KON TUM**\n\nSố: 986 /UBND-HCTC\n");
        assert_eq!(l.len(), 3);
        assert!(l[0].bold && l[0].styled);
        assert_eq!(l[1].text, "TỈNH KON TUM");
        assert!(l[1].bold);
        assert!(!l[2].bold);
    }
}
