//! The text layer of a page: text runs with their positions, in Unicode.
//!
//! The same bounded walk as [`page_marks`](crate::page_marks) (one
//! interpreter, `q`/`Q`, `cm`, form XObjects, text state: `Tf`, `Tc`, `Tw`,
//! `Tz`, `TL`, `Ts`, `Tr`, `Td`/`TD`/`Tm`/`T*`, `Tj`/`TJ`/`'`/`"`) feeds
//! each glyph — its text from the font ([`crate::font`]), its box from the
//! font's widths and the text rendering matrix — to a sink that groups
//! glyphs into runs:
//!
//! - consecutive glyphs of one font (name without subset tag, size, style)
//!   on one baseline form one run; a gap wider than 0.15 em between them
//!   becomes a space (as pdftotext does), and a gap wider than 2 em, or a
//!   `TJ` kerning offset wider than 0.8 em, starts a new run — columns and
//!   table cells stay apart, the caller assembles lines and columns;
//! - text drawn in render mode 3 or 7 (the invisible OCR layer of scanned
//!   pages) is kept and marked [`TextRun::invisible`];
//! - runs are listed in content-stream order (for the documents this is
//!   meant for, the order they were typed in), not sorted;
//! - every run's text is NFC.
//!
//! Only the page's own content is read: annotation appearances (signature
//! stamps) are not part of the page text.

use crate::font::cmap::CMap;
use crate::font::encodings::Base;
use crate::font::legacy::Legacy;
use crate::font::{self, Kind, TextFont};
use crate::geometry::Rect;
use crate::interp::{ContentLimits, Interp, MarkKind};
use kyso_pdf::object::{Dict, ObjRef, Object};
use kyso_pdf::Document;
use unicode_normalization::UnicodeNormalization;

/// A `TJ` kerning offset wider than this (in em) splits the run: a column
/// gap, or a blank left to be filled in.
pub(crate) const TJ_SPLIT_EM: f64 = 0.8;
/// A gap wider than this (in em) between glyphs of one run is a space
/// (pdftotext's threshold for inter-word spacing).
const SPACE_EM: f64 = 0.15;
/// Glyphs further apart than this (in em) are never one run.
const MERGE_MAX_EM: f64 = 2.0;
/// Glyphs whose baselines differ by more than this (in em) are on
/// different lines (superscripts with `Ts` of up to ~0.3 em stay inside).
const SAME_LINE_EM: f64 = 0.3;

/// Bounds on one page's text extraction.
#[derive(Debug, Clone, Copy)]
pub struct TextLimits {
    /// Content-stream operators executed (page and forms). A dense text
    /// page has ~10⁴; 2·10⁶ is the bound [`ContentLimits`] uses for heavy
    /// vector drawings, well under a second of work.
    pub max_operators: u32,
    /// Glyphs shown. A dense A4 page has ~5,000; 10⁶ is 200 such pages
    /// drawn onto one, far beyond any document and still milliseconds.
    pub max_glyphs: u32,
    /// Runs listed. At most one per glyph in practice; 10⁵ is far beyond
    /// a dense page (~1,000 runs).
    pub max_runs: u32,
    /// Nesting of form XObjects (real files: 1–4), as in [`ContentLimits`].
    pub max_form_depth: u8,
    /// Decoded bytes of one CMap stream (`/ToUnicode` or an embedded
    /// encoding). A complete CJK ToUnicode is ~1–2 MB; 4 MiB.
    pub max_cmap_bytes: usize,
    /// Fonts read per page (beyond, fonts read as printable ASCII), as in
    /// [`ContentLimits`].
    pub max_fonts: u32,
    /// Decoded content bytes read in total, as in [`ContentLimits`].
    pub max_content_bytes: usize,
}

impl Default for TextLimits {
    fn default() -> Self {
        let c = ContentLimits::default();
        TextLimits {
            max_operators: c.max_ops as u32,
            max_glyphs: 1_000_000,
            max_runs: 100_000,
            max_form_depth: c.max_form_depth as u8,
            max_cmap_bytes: 4 * 1024 * 1024,
            max_fonts: c.max_fonts as u32,
            max_content_bytes: c.max_content_bytes,
        }
    }
}

/// A run of text: glyphs of one font on one baseline, without a wide gap.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The text, NFC, legacy Vietnamese fonts converted. A glyph without
    /// any Unicode mapping is U+FFFD. Gaps are single spaces; no leading or
    /// trailing spaces.
    pub text: String,
    /// The glyph boxes' union in the page's user space (after the CTM and
    /// the text matrix): advance widths × the font's ascent and descent
    /// (from the font descriptor, else 0.8 / −0.2 em). Spaces are not
    /// boxed.
    pub bbox: Rect,
    /// y of the baseline of the run's first glyph (with `Ts` rise) in page
    /// space — meaningful for upright text.
    pub baseline: f64,
    /// Font size in page space (the `Tf` size scaled by the text matrix
    /// and CTM).
    pub font_size: f64,
    /// `/BaseFont` without the subset tag, e.g. `TimesNewRomanPS-BoldMT`.
    pub font: String,
    /// Bold by font name, descriptor flags (ForceBold) or `/FontWeight`.
    pub bold: bool,
    /// Italic by font name, descriptor flags or `/ItalicAngle`.
    pub italic: bool,
    /// Horizontal, left to right, unrotated (false for rotated, mirrored
    /// or vertical text).
    pub upright: bool,
    /// Drawn in render mode 3 or 7: not painted (OCR layers of scans).
    pub invisible: bool,
}

/// The text of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    /// Runs in content-stream order.
    pub runs: Vec<TextRun>,
    /// A limit stopped the extraction: the runs are a prefix.
    pub truncated: bool,
    /// No visible text is drawn and images cover at least half of the
    /// media box: a scan (its invisible OCR text, if any, is in `runs`).
    pub image_only: bool,
    /// Glyphs whose code has no Unicode mapping (shown as U+FFFD).
    pub undecodable_glyphs: u32,
    /// The page's media box (inherited; US Letter when missing).
    pub media_box: Rect,
    /// What could not be read (a stream that failed to decode, a missing
    /// resource); extraction went on without it.
    pub problems: Vec<String>,
}

/// The interpreter's limits for a text walk.
fn content_limits(limits: &TextLimits) -> ContentLimits {
    ContentLimits {
        max_ops: limits.max_operators as usize,
        // Only images are recorded as marks here (for `image_only`).
        max_marks: 10_000,
        max_form_depth: usize::from(limits.max_form_depth),
        max_content_bytes: limits.max_content_bytes,
        max_fonts: limits.max_fonts as usize,
    }
}

/// The runs a finished walk collected, with `area` as the box whose
/// coverage by images decides `image_only`.
fn finish(mut it: Interp<'_, '_>, limits: &TextLimits, area: Rect) -> PageText {
    let mut sink = it.text.take().unwrap_or_else(|| TextSink::new(limits));
    sink.flush();
    let visible = sink.runs.iter().any(|r| !r.invisible);
    let covered: f64 = it
        .out
        .items
        .iter()
        .filter(|m| m.kind == MarkKind::Image)
        .filter_map(|m| m.rect.intersect(&area))
        .map(|r| r.area())
        .sum();
    PageText {
        image_only: !visible && area.area() > 0.0 && covered >= 0.5 * area.area(),
        truncated: sink.truncated || it.out.truncated || it.halt,
        undecodable_glyphs: sink.undecodable,
        runs: sink.runs,
        media_box: area,
        problems: std::mem::take(&mut it.out.problems),
    }
}

/// The text of `page` in revision `rev`.
pub fn page_text(doc: &Document<'_>, rev: usize, page: ObjRef, limits: &TextLimits) -> PageText {
    let mut it = Interp::new(doc, rev, content_limits(limits));
    it.text = Some(TextSink::new(limits));
    let pd = it.run_page(page);
    let media_box = pd
        .as_ref()
        .and_then(|pd| it.inherited(pd, b"MediaBox"))
        .and_then(|b| it.rect_of(&b))
        .unwrap_or(Rect::new(0.0, 0.0, 612.0, 792.0));
    finish(it, limits, media_box)
}

/// The text an annotation's appearance stream draws when placed in `rect`
/// (page space), e.g. the "Người ký: … / Thời gian ký: …" stamp of a
/// signature widget. `media_box` of the result is `rect`; `image_only` is
/// whether the appearance is a picture without text.
pub fn appearance_text(
    doc: &Document<'_>,
    rev: usize,
    ap: &Object,
    rect: Rect,
    limits: &TextLimits,
) -> PageText {
    let mut it = Interp::new(doc, rev, content_limits(limits));
    it.text = Some(TextSink::new(limits));
    it.run_appearance(ap, rect);
    finish(it, limits, rect)
}

/// One glyph as the interpreter hands it over (page space).
pub(crate) struct Glyph {
    pub(crate) text: Option<String>,
    pub(crate) rect: Rect,
    /// Pen position before and after the glyph (baseline, with rise).
    pub(crate) origin: (f64, f64),
    pub(crate) end: (f64, f64),
    /// Font size in page space.
    pub(crate) em: f64,
    pub(crate) upright: bool,
    pub(crate) invisible: bool,
}

/// The run being built: its line frame (origin and direction of the
/// baseline) and how far along it the pen has come.
struct Building {
    run: TextRun,
    boxed: bool,
    origin: (f64, f64),
    dir: (f64, f64),
    end_along: f64,
}

/// Collects glyphs into runs.
pub(crate) struct TextSink {
    max_glyphs: u32,
    max_runs: u32,
    pub(crate) max_cmap_bytes: usize,
    glyphs: u32,
    pub(crate) undecodable: u32,
    pub(crate) runs: Vec<TextRun>,
    pub(crate) truncated: bool,
    cur: Option<Building>,
}

fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn dot(a: (f64, f64), b: (f64, f64)) -> f64 {
    a.0 * b.0 + a.1 * b.1
}

impl TextSink {
    pub(crate) fn new(l: &TextLimits) -> TextSink {
        TextSink {
            max_glyphs: l.max_glyphs,
            max_runs: l.max_runs,
            max_cmap_bytes: l.max_cmap_bytes,
            glyphs: 0,
            undecodable: 0,
            runs: Vec::new(),
            truncated: false,
            cur: None,
        }
    }

    /// End the current run (a wide `TJ` gap).
    pub(crate) fn split(&mut self) {
        self.flush();
    }

    /// Add a glyph; `false` when a limit is reached (stop the walk).
    pub(crate) fn glyph(&mut self, g: Glyph, f: &TextFont) -> bool {
        if self.truncated {
            return false;
        }
        if self.glyphs >= self.max_glyphs {
            self.truncated = true;
            return false;
        }
        self.glyphs += 1;
        let raw = match g.text {
            Some(t) => t,
            None => {
                self.undecodable += 1;
                "\u{FFFD}".to_string()
            }
        };
        let blank = !raw.is_empty() && raw.chars().all(char::is_whitespace);
        let text: String = raw.chars().filter(|c| !c.is_control()).collect();
        let combining = text.chars().next().is_some_and(is_combining);
        let (dx, dy) = (g.end.0 - g.origin.0, g.end.1 - g.origin.1);
        let len = dx.hypot(dy);
        let dir = if len > 1e-9 {
            Some((dx / len, dy / len))
        } else {
            None
        };
        if let Some(b) = &self.cur {
            let r = &b.run;
            let em = r.font_size.max(1e-6);
            let rel = (g.origin.0 - b.origin.0, g.origin.1 - b.origin.1);
            let along = dot(rel, b.dir);
            let across = -rel.0 * b.dir.1 + rel.1 * b.dir.0;
            let gap = along - b.end_along;
            let same_style = r.font == f.name
                && (r.font_size - g.em).abs() <= 0.05 * r.font_size.max(g.em)
                && r.bold == f.bold
                && r.italic == f.italic
                && r.invisible == g.invisible
                && r.upright == g.upright;
            let parallel = dir.is_none_or(|d| dot(d, b.dir) > 0.99);
            let back = if combining { 2.0 } else { 0.5 };
            let in_line = parallel
                && across.abs() <= SAME_LINE_EM * em
                && gap <= MERGE_MAX_EM * em
                && gap >= -back * em;
            // A space in another font (a regular space between bold words)
            // is still the space between them.
            let fits = in_line && (same_style || blank);
            if !fits && !self.flush() {
                return false;
            }
        }
        let b = match &mut self.cur {
            Some(b) => b,
            None => {
                if blank || text.is_empty() {
                    return true; // a run never starts with a space
                }
                self.cur.insert(Building {
                    run: TextRun {
                        text: String::new(),
                        bbox: g.rect,
                        baseline: g.origin.1,
                        font_size: g.em,
                        font: f.name.clone(),
                        bold: f.bold,
                        italic: f.italic,
                        upright: g.upright,
                        invisible: g.invisible,
                    },
                    boxed: false,
                    origin: g.origin,
                    dir: dir.unwrap_or((1.0, 0.0)),
                    end_along: 0.0,
                })
            }
        };
        let em = b.run.font_size.max(1e-6);
        let rel = (g.origin.0 - b.origin.0, g.origin.1 - b.origin.1);
        let gap = dot(rel, b.dir) - b.end_along;
        if blank {
            if !b.run.text.ends_with(' ') {
                b.run.text.push(' ');
            }
        } else if !text.is_empty() {
            if !combining
                && gap > SPACE_EM * em
                && !b.run.text.is_empty()
                && !b.run.text.ends_with(' ')
            {
                b.run.text.push(' ');
            }
            b.run.text.push_str(&text);
            b.run.bbox = if b.boxed {
                b.run.bbox.union(&g.rect)
            } else {
                g.rect
            };
            b.boxed = true;
        }
        let end = dot((g.end.0 - b.origin.0, g.end.1 - b.origin.1), b.dir);
        b.end_along = b.end_along.max(end);
        true
    }

    /// Finish the current run; `false` when the run limit is reached.
    pub(crate) fn flush(&mut self) -> bool {
        let Some(b) = self.cur.take() else {
            return !self.truncated;
        };
        let mut run = b.run;
        let t = run.text.trim_end_matches(' ');
        if !b.boxed || t.is_empty() {
            return !self.truncated;
        }
        run.text = t.nfc().collect();
        if self.runs.len() >= self.max_runs as usize {
            self.truncated = true;
            return false;
        }
        self.runs.push(run);
        true
    }
}

impl Interp<'_, '_> {
    /// Read what text extraction needs of a font dictionary.
    pub(crate) fn text_font(&mut self, fd: &Dict) -> TextFont {
        let subtype = fd.get(b"Subtype".as_slice()).and_then(Object::as_name);
        let base_font = fd
            .get(b"BaseFont".as_slice())
            .and_then(|b| self.resolve(b))
            .and_then(|b| b.as_name().map(|n| String::from_utf8_lossy(n).into_owned()))
            .unwrap_or_default();
        let name = font::strip_subset(&base_font).to_string();
        let type0 = subtype == Some(b"Type0");
        let descendant = if type0 {
            fd.get(b"DescendantFonts".as_slice())
                .and_then(|d| self.resolve(d))
                .and_then(|d| d.as_array().and_then(|a| a.first().cloned()))
                .and_then(|d| self.load_dict(&d))
        } else {
            None
        };
        let descriptor = descendant
            .as_ref()
            .unwrap_or(fd)
            .get(b"FontDescriptor".as_slice())
            .and_then(|d| self.load_dict(d))
            .unwrap_or_default();
        let dnum = |k: &[u8]| descriptor.get(k).and_then(|v| self.num(v));
        let flags = dnum(b"Flags").unwrap_or(0.0) as i64;
        let (bold, italic) = font::style(&name, flags, dnum(b"FontWeight"), dnum(b"ItalicAngle"));
        let (mut ascent, mut descent) = (0.8, -0.2);
        if subtype != Some(b"Type3") {
            if let Some(a) = dnum(b"Ascent").map(|a| a / 1000.0) {
                if (0.3..=1.5).contains(&a) {
                    ascent = a;
                }
            }
            if let Some(d) = dnum(b"Descent").map(|d| d / 1000.0) {
                if (-0.7..0.0).contains(&d) {
                    descent = d;
                }
            }
        }
        let mut v_scale = 1.0;
        if subtype == Some(b"Type3") {
            let fm = fd
                .get(b"FontMatrix".as_slice())
                .and_then(|m| self.nums(m))
                .filter(|m| m.len() == 6);
            let bbox = fd.get(b"FontBBox".as_slice()).and_then(|b| self.rect_of(b));
            if let (Some(fm), Some(b)) = (fm, bbox) {
                let em = b.height() * fm[3];
                if em.is_finite() && em.abs() > 1e-6 && em.abs() < 1e6 {
                    v_scale = em;
                    ascent = b.y1 / b.height();
                    descent = b.y0 / b.height();
                }
            }
        }
        let to_unicode = match fd
            .get(b"ToUnicode".as_slice())
            .and_then(|t| self.resolve(t))
        {
            Some(Object::Stream(s)) => self.cmap_stream(&s),
            _ => None,
        }
        .filter(CMap::has_unicode);
        let kind = if type0 {
            let enc = fd.get(b"Encoding".as_slice()).and_then(|e| self.resolve(e));
            self.composite(enc, 0)
        } else {
            let symbolic = flags & 4 != 0 && flags & 32 == 0;
            let default = match subtype {
                Some(b"Type3") => Base::Builtin,
                Some(b"TrueType") if symbolic => Base::Builtin,
                Some(b"TrueType") => Base::WinAnsi,
                _ if symbolic || name == "Symbol" || name == "ZapfDingbats" => Base::Builtin,
                _ => Base::Standard,
            };
            let (base, diffs) = match fd.get(b"Encoding".as_slice()).and_then(|e| self.resolve(e)) {
                Some(Object::Name(n)) => (Base::from_name(&n).unwrap_or(default), Vec::new()),
                Some(Object::Dict(d)) => {
                    let base = d
                        .get(b"BaseEncoding".as_slice())
                        .and_then(Object::as_name)
                        .and_then(Base::from_name)
                        .unwrap_or(default);
                    (base, self.differences(&d))
                }
                _ => (default, Vec::new()),
            };
            Kind::Simple(font::simple_table(base, &diffs))
        };
        TextFont {
            legacy: Legacy::from_font_name(&name),
            name,
            bold,
            italic,
            ascent,
            descent,
            v_scale,
            kind,
            to_unicode,
        }
    }

    /// `/Differences` (§9.6.6.1): a code, then names for it and the codes after.
    fn differences(&self, enc: &Dict) -> Vec<(u8, Vec<u8>)> {
        let mut out = Vec::new();
        let Some(Object::Array(a)) = enc
            .get(b"Differences".as_slice())
            .and_then(|d| self.resolve(d))
        else {
            return out;
        };
        let mut code: Option<u32> = None;
        for item in a.iter().take(4096) {
            match item {
                Object::Int(i) => code = u32::try_from(*i).ok(),
                Object::Name(n) => {
                    if let Some(c) = code.filter(|c| *c <= 255) {
                        out.push((c as u8, n.clone()));
                    }
                    code = code.map(|c| c.saturating_add(1));
                }
                _ => {}
            }
        }
        out
    }

    /// A Type 0 font's encoding: a predefined CMap name or an embedded
    /// CMap stream (with its `/UseCMap` chain, at most
    /// [`font::MAX_USECMAP_DEPTH`] deep).
    fn composite(&mut self, enc: Option<Object>, depth: usize) -> Kind {
        match enc {
            Some(Object::Name(n)) => Kind::Composite {
                // Other predefined CMaps (CJK) are read as two-byte codes
                // with CID = code: text then comes from /ToUnicode alone,
                // except for the Unicode ones.
                encoding: CMap::identity(),
                vertical: n.ends_with(b"-V"),
                unicode_codes: n.starts_with(b"Uni")
                    && (n.windows(4).any(|w| w == b"UCS2") || n.windows(5).any(|w| w == b"UTF16")),
            },
            Some(Object::Stream(s)) if depth < font::MAX_USECMAP_DEPTH => {
                let vertical = s.dict.get(b"WMode".as_slice()).and_then(Object::as_int) == Some(1);
                let mut m = self.cmap_stream(&s).unwrap_or_default();
                let parent = match s
                    .dict
                    .get(b"UseCMap".as_slice())
                    .and_then(|u| self.resolve(u))
                {
                    Some(p) => Some(p),
                    None => m.use_name.clone().map(Object::Name),
                };
                if let Some(p) = parent {
                    if let Kind::Composite { encoding, .. } = self.composite(Some(p), depth + 1) {
                        m.inherit(&encoding);
                    }
                }
                if m.codespaces.is_empty() {
                    m.codespaces = CMap::identity().codespaces;
                }
                Kind::Composite {
                    encoding: m,
                    vertical,
                    unicode_codes: false,
                }
            }
            _ => Kind::Composite {
                encoding: CMap::identity(),
                vertical: false,
                unicode_codes: false,
            },
        }
    }

    /// Parse a CMap stream, within the size bound.
    fn cmap_stream(&mut self, s: &kyso_pdf::Stream) -> Option<CMap> {
        let max = self.text.as_ref().map_or(0, |t| t.max_cmap_bytes);
        match self.doc().decode_stream_at_most(s, max) {
            Ok(d) => Some(CMap::parse(&d)),
            Err(kyso_pdf::PdfError::Limit { .. }) => {
                self.out
                    .problems
                    .push(format!("CMap larger than {max} bytes skipped"));
                None
            }
            Err(e) => {
                self.out.problems.push(format!("CMap stream: {e}"));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> TextFont {
        let mut f = TextFont::fallback();
        f.name = "F".into();
        f
    }

    fn g(text: &str, x: f64, w: f64) -> Glyph {
        Glyph {
            text: Some(text.into()),
            rect: Rect::new(x, 98.0, x + w, 108.0),
            origin: (x, 100.0),
            end: (x + w, 100.0),
            em: 10.0,
            upright: true,
            invisible: false,
        }
    }

    #[test]
    fn gaps_make_spaces_and_runs() {
        let f = font();
        let mut s = TextSink::new(&TextLimits::default());
        for (i, c) in "ab".chars().enumerate() {
            assert!(s.glyph(g(&c.to_string(), 10.0 + 5.0 * i as f64, 5.0), &f));
        }
        // 1 em further: a space.
        assert!(s.glyph(g("c", 30.0, 5.0), &f));
        // 3 em further: a new run.
        assert!(s.glyph(g("d", 65.0, 5.0), &f));
        // A combining mark drawn back over the letter joins it (NFC).
        assert!(s.glyph(g("\u{301}", 67.0, 0.0), &f));
        assert!(s.flush());
        let t: Vec<&str> = s.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(t, ["ab c", "d\u{301}".nfc().collect::<String>().as_str()]);
        assert_eq!(s.runs[0].bbox, Rect::new(10.0, 98.0, 35.0, 108.0));
    }

    #[test]
    fn limits_stop() {
        let f = font();
        let mut s = TextSink::new(&TextLimits {
            max_glyphs: 3,
            max_runs: 1,
            ..TextLimits::default()
        });
        assert!(s.glyph(g("a", 0.0, 5.0), &f));
        assert!(!s.glyph(g("b", 200.0, 5.0), &f) || !s.glyph(g("c", 400.0, 5.0), &f));
        assert!(s.truncated);
        assert_eq!(s.runs.len(), 1);
    }
}
