//! Reading a signed PDF's administrative facts: which pages, and the
//! signature stamps drawn by signature widgets.
//!
//! Pages read (never all of them, so a 1,000-page file costs about what a
//! 30-page decree costs):
//! - the first page (header, title, trích yếu, Kính gửi);
//! - the signature page: from the last page backwards, at most
//!   [`MAX_PAGES_BACK`] pages, until one holds "Nơi nhận" or an authority
//!   line (TM., KT., …) — appendices may follow the signature;
//! - after the signature page, at most [`MAX_APPENDIX_PAGES`] pages, where
//!   appendices start ("Phụ lục …" with its "(Kèm theo …)" line).
//!
//! Stamps: the text of every signature widget's normal appearance, and
//! stamp-shaped lines ("Người ký: …") drawn in the pages read.

use kyso_pdf::object::{Dict, ObjRef, Object};
use kyso_pdf::{Document, SigField};
use kyso_pdf_content::{appearance_text, page_text, PageText, Rect, TextLimits};
use kyso_report::{AdministrativeInfo, Readability, SignatureStamp};

use crate::fields::read;
use crate::layout::{reading_order, Fragment, Line};
use crate::stamp;
use crate::text::{fold, starts_with_folded};

/// Pages searched backwards from the last for the signature block.
pub const MAX_PAGES_BACK: usize = 4;
/// Pages read after the signature page for appendix headings.
pub const MAX_APPENDIX_PAGES: usize = 6;
/// Signature widgets whose appearance is read for a stamp.
pub const MAX_STAMPS: usize = 64;

/// What was read, with the facts about the reading itself.
#[derive(Debug, Clone)]
pub struct PdfReading {
    /// The fields.
    pub info: AdministrativeInfo,
    /// 1-based pages whose text was read.
    pub pages_read: Vec<u32>,
    /// Glyphs without a Unicode mapping, over the pages read.
    pub undecodable_glyphs: u32,
    /// A limit stopped the text of some page.
    pub truncated: bool,
}

fn fragments(page_no: u32, t: &PageText) -> Vec<Fragment> {
    t.runs
        .iter()
        .filter(|r| r.upright && !r.text.trim().is_empty())
        .map(|r| Fragment {
            page: page_no,
            x0: r.bbox.x0,
            y0: r.bbox.y0,
            x1: r.bbox.x1,
            y1: r.bbox.y1,
            baseline: r.baseline,
            size: r.font_size,
            bold: r.bold,
            italic: r.italic,
            text: r.text.clone(),
        })
        .collect()
}

fn has_signature_block(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        starts_with_folded(&l.text, "noi nhan")
            || ["TM.", "KT.", "TL.", "TUQ."]
                .iter()
                .any(|p| l.text.starts_with(p))
    })
}

/// Reads the administrative facts of revision `rev` (the newest).
pub fn read_pdf(doc: &Document<'_>, rev: usize, fields: &[SigField]) -> PdfReading {
    let pages = doc.pages(rev).unwrap_or_default();
    read_pdf_pages(doc, rev, fields, &pages)
}

/// [`read_pdf`] with the revision's page list already walked (the caller
/// needs it anyway for the page count and sizes): the page tree is the only
/// part of the document whose cost grows with the number of pages.
pub fn read_pdf_pages(
    doc: &Document<'_>,
    rev: usize,
    fields: &[SigField],
    pages: &[ObjRef],
) -> PdfReading {
    let limits = TextLimits::default();
    let mut reading = PdfReading {
        info: AdministrativeInfo {
            source: "pdf_text".into(),
            ..Default::default()
        },
        pages_read: Vec::new(),
        undecodable_glyphs: 0,
        truncated: false,
    };
    if pages.is_empty() {
        reading.info.readability = Readability::NoText;
        return reading;
    }
    let mut texts: Vec<(u32, PageText)> = Vec::new();
    let read_page = |i: usize, texts: &mut Vec<(u32, PageText)>| -> usize {
        if let Some(k) = texts.iter().position(|(n, _)| *n as usize == i + 1) {
            return k;
        }
        let t = page_text(doc, rev, pages[i], &limits);
        texts.push((i as u32 + 1, t));
        texts.len() - 1
    };
    let first = read_page(0, &mut texts);
    let scanned_first =
        texts[first].1.image_only && texts[first].1.runs.iter().all(|r| r.invisible);
    let n = pages.len();
    // The signature page, searched from the end.
    let mut sig_page = None;
    for i in (0..n).rev().take(MAX_PAGES_BACK) {
        let k = read_page(i, &mut texts);
        let lines = lines_of(&texts[k..=k], doc, rev, pages);
        if has_signature_block(&lines) {
            sig_page = Some(i);
            break;
        }
    }
    if let Some(s) = sig_page {
        for i in (s + 1..n).take(MAX_APPENDIX_PAGES) {
            read_page(i, &mut texts);
        }
    }
    texts.sort_by_key(|(n, _)| *n);
    reading.pages_read = texts.iter().map(|(n, _)| *n).collect();
    reading.undecodable_glyphs = texts.iter().map(|(_, t)| t.undecodable_glyphs).sum();
    reading.truncated = texts.iter().any(|(_, t)| t.truncated);

    let lines = lines_of(&texts, doc, rev, pages);
    let mut info = read(&lines, "pdf_text");
    info.readability = if scanned_first {
        Readability::Scanned
    } else if lines.is_empty() {
        Readability::NoText
    } else if reading.undecodable_glyphs > 0 {
        Readability::PartlyUnreadable
    } else {
        Readability::Text
    };
    if info.readability == Readability::Scanned {
        // Whatever an OCR layer says is not the printed page: only stamps are kept.
        info = AdministrativeInfo {
            source: "pdf_text".into(),
            readability: Readability::Scanned,
            ..Default::default()
        };
    }
    info.stamps = widget_stamps(doc, rev, fields, pages);
    info.stamps.extend(page_stamps(&lines));
    reading.info = info;
    reading
}

fn lines_of(
    texts: &[(u32, PageText)],
    doc: &Document<'_>,
    rev: usize,
    pages: &[ObjRef],
) -> Vec<Line> {
    let _ = (doc, rev, pages);
    let mut frags = Vec::new();
    let mut boxes = Vec::new();
    for (n, t) in texts {
        frags.extend(fragments(*n, t));
        boxes.push((*n, t.media_box));
    }
    reading_order(&frags, |p| {
        boxes
            .iter()
            .find(|(n, _)| *n == p)
            .map_or((0.0, 595.0), |(_, b)| (b.x0, b.x1))
    })
}

/// Stamps drawn by the signature fields' appearances.
fn widget_stamps(
    doc: &Document<'_>,
    rev: usize,
    fields: &[SigField],
    pages: &[ObjRef],
) -> Vec<SignatureStamp> {
    let mut out = Vec::new();
    let limits = TextLimits::default();
    for f in fields.iter().take(MAX_STAMPS) {
        for w in f.widgets.iter().take(4) {
            let Ok(Some(Object::Dict(wd))) = doc.object(rev, *w) else {
                continue;
            };
            let Some((ap, rect)) = normal_appearance(doc, rev, &wd) else {
                continue;
            };
            let t = appearance_text(doc, rev, &ap, rect, &limits);
            let lines = text_lines(&t);
            if let Some(mut st) = stamp::parse(&lines) {
                st.field = Some(f.name.clone());
                st.rect = Some([rect.x0, rect.y0, rect.x1, rect.y1]);
                st.page = wd
                    .get(b"P".as_slice())
                    .and_then(Object::as_ref)
                    .and_then(|p| pages.iter().position(|x| *x == p))
                    .map(|i| i as u32 + 1);
                out.push(st);
            }
        }
    }
    out
}

fn normal_appearance(doc: &Document<'_>, rev: usize, wd: &Dict) -> Option<(Object, Rect)> {
    let rect: Vec<f64> = match doc.resolve(rev, wd.get(b"Rect".as_slice())?).ok()? {
        Object::Array(a) => a
            .iter()
            .filter_map(|o| match o {
                Object::Int(i) => Some(*i as f64),
                Object::Real(r) => Some(*r),
                _ => None,
            })
            .collect(),
        _ => return None,
    };
    let rect = Rect::from_array(&rect)?;
    if rect.width() < 1.0 || rect.height() < 1.0 {
        return None;
    }
    let ap = match doc.resolve(rev, wd.get(b"AP".as_slice())?).ok()? {
        Object::Dict(d) => d,
        _ => return None,
    };
    let n = ap.get(b"N".as_slice())?.clone();
    // /N may be a dictionary of states (check boxes); a signature has one stream.
    let n = match doc.resolve(rev, &n).ok()? {
        Object::Stream(_) => n,
        Object::Dict(states) => {
            let state = wd.get(b"AS".as_slice()).and_then(Object::as_name)?;
            states.get(state)?.clone()
        }
        _ => return None,
    };
    Some((n, rect))
}

/// The lines of an appearance, top to bottom, runs on one baseline joined.
fn text_lines(t: &PageText) -> Vec<String> {
    let frags = fragments(1, t);
    let lines = reading_order(&frags, |_| (t.media_box.x0, t.media_box.x1));
    lines.into_iter().map(|l| l.text).collect()
}

/// "Người ký: …" blocks drawn in the page itself (a stamp image's caption,
/// or a stamp flattened into the page).
fn page_stamps(lines: &[Line]) -> Vec<SignatureStamp> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() && out.len() < MAX_STAMPS {
        let f = fold(&lines[i].text);
        if (f.starts_with("nguoi ky") || f.starts_with("ky boi")) && lines[i].text.contains(':') {
            // Key lines, each followed by at most one wrapped line.
            let mut block: Vec<String> = Vec::new();
            let mut after_key = false;
            for l in lines[i..].iter().take(10) {
                let key = stamp::is_key_line(&l.text);
                if l.page != lines[i].page || !(key || after_key) {
                    break;
                }
                after_key = key;
                block.push(l.text.clone());
            }
            if let Some(mut st) = stamp::parse(&block) {
                st.page = (lines[i].page > 0).then_some(lines[i].page);
                st.rect = lines[i].rect;
                out.push(st);
            }
            i += block.len().max(1);
        } else {
            i += 1;
        }
    }
    out
}

impl PdfReading {
    /// Findings about the reading itself (scan, unreadable glyphs, nothing found).
    pub fn findings(&self) -> Vec<kyso_report::Finding> {
        use kyso_report::{Finding, Severity};
        let mut out = Vec::new();
        let pages = self
            .pages_read
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        match self.info.readability {
            Readability::Scanned => out.push(Finding::new(
                crate::codes::SCANNED,
                Severity::Info,
                "Các trang của văn bản là ảnh quét: không đọc được số, ký hiệu, ngày, trích yếu từ nội dung. \
                 Chữ ký số vẫn được kiểm tra đầy đủ."
                    .to_string(),
                "The document's pages are scanned images: its number, date and subject cannot be read from them. \
                 The digital signatures are still fully checked."
                    .to_string(),
            )),
            Readability::PartlyUnreadable => out.push(Finding::new(
                crate::codes::PARTLY_UNREADABLE,
                Severity::Info,
                format!(
                    "{} ký tự trên các trang đã đọc ({pages}) dùng phông chữ không có bảng mã Unicode: \
                     thông tin văn bản có thể đọc thiếu.",
                    self.undecodable_glyphs
                ),
                format!(
                    "{} characters on the pages read ({pages}) use fonts without a Unicode mapping: \
                     the document's details may be incomplete.",
                    self.undecodable_glyphs
                ),
            )),
            _ => {}
        }
        out
    }
}

/// The lines of the given 1-based pages in reading order (for the
/// `read_pdf` example and for tests).
pub fn debug_lines(doc: &Document<'_>, rev: usize, pages_read: &[u32]) -> Vec<Line> {
    let pages = doc.pages(rev).unwrap_or_default();
    let limits = TextLimits::default();
    let texts: Vec<(u32, PageText)> = pages_read
        .iter()
        .filter_map(|&n| {
            let p = *pages.get(n.checked_sub(1)? as usize)?;
            Some((n, page_text(doc, rev, p, &limits)))
        })
        .collect();
    lines_of(&texts, doc, rev, &pages)
}
