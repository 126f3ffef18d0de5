//! "A later change covers signed content": the rule that looks at the page.
//!
//! DocMDP allows further signatures (P≥2), filled fields (P≥2) and
//! annotations (P=3) — but a visible widget or annotation drawn *over* signed
//! text changes what the reader sees while every object rule is satisfied
//! (sneaky signature, evil annotation, a hidden annotation revealed, a field
//! pre-positioned over text and filled later). For every annotation that a
//! revision adds, reveals, moves or re-draws, this rule interprets its
//! appearance and the page as it was before that revision: if something
//! opaque now lies over text, an image or a drawn shape, the change is not
//! permitted. On scanned pages (one page-sized image) it looks at the pixels
//! under the widget: a stamp on blank paper is fine, one over the scan's
//! text is not.

use kyso_pdf::object::{Dict, ObjRef, Object};
use kyso_pdf::Document;
use kyso_pdf_content::image::{region_is_blank, ImageLimits, Undecided, UnitRegion};
use kyso_pdf_content::{appearance_marks, page_marks, ContentLimits, Mark, MarkKind, Marks, Rect};
use std::collections::HashMap;

/// Annotations examined per revision. A signing revision touches 1–5; a
/// bulk-comment revision maybe a hundred. Beyond, the rest is reported as
/// not examined (a warning), never as covering.
pub(crate) const MAX_ANNOTS_PER_REVISION: usize = 200;

/// Share of a text run, image or shape that must lie under an opaque area to
/// count as hidden. A widget that only grazes the edge of a line's box (box
/// heights include descenders) does not hide it; one over a quarter of it does.
const COVERED_SHARE: f64 = 0.25;

/// An image this large (share of the page) is the page itself: a scan.
const SCAN_SHARE: f64 = 0.5;

/// What was found under one annotation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Under {
    /// Nothing signed lies under an opaque part of it.
    Clear,
    /// Signed content is hidden: where, and the text that can be read.
    Covered { rect: Rect, texts: Vec<String> },
    /// A scanned page whose pixels could not be examined.
    Undecided { rect: Rect, why: String },
}

/// Page marks of one revision, computed once per page.
#[derive(Default)]
pub(crate) struct PageCache {
    pages: HashMap<(usize, u32), Marks>,
}

impl PageCache {
    /// The crop box of a page as interpreted (computed with its marks).
    pub(crate) fn frame(&mut self, doc: &Document<'_>, rev: usize, page: ObjRef) -> Option<Rect> {
        self.marks(doc, rev, page).frame
    }

    fn marks(&mut self, doc: &Document<'_>, rev: usize, page: ObjRef) -> &Marks {
        self.pages
            .entry((rev, page.num))
            .or_insert_with(|| page_marks(doc, rev, page, &ContentLimits::default()))
    }
}

/// The annotation's normal appearance stream as shown (`/AP /N`, or its
/// `/AS` state), unless the annotation is hidden or translucent.
pub(crate) fn shown_appearance(doc: &Document<'_>, rev: usize, annot: &Dict) -> Option<Object> {
    let flags = annot
        .get(b"F".as_slice())
        .and_then(Object::as_int)
        .unwrap_or(0);
    // §12.5.3: Hidden (2) and NoView (32) are not displayed.
    if flags & 2 != 0 || flags & 32 != 0 {
        return None;
    }
    let ca = annot.get(b"CA".as_slice()).and_then(|v| match v {
        Object::Int(i) => Some(*i as f64),
        Object::Real(r) => Some(*r),
        _ => None,
    });
    if ca.is_some_and(|a| a < 0.5) {
        return None;
    }
    let ap = doc.resolve(rev, annot.get(b"AP".as_slice())?).ok()?;
    let n = ap.as_dict()?.get(b"N".as_slice())?.clone();
    match &n {
        Object::Ref(_) => {
            // A stream, or a dictionary of states.
            match doc.resolve(rev, &n).ok()? {
                Object::Stream(_) => Some(n),
                Object::Dict(states) => pick_state(annot, &states),
                _ => None,
            }
        }
        Object::Dict(states) => pick_state(annot, states),
        _ => None,
    }
}

fn pick_state(annot: &Dict, states: &Dict) -> Option<Object> {
    let state = annot.get(b"AS".as_slice()).and_then(Object::as_name)?;
    states.get(state).cloned()
}

/// The annotation rectangle (§12.5.2 /Rect).
pub(crate) fn annot_rect(doc: &Document<'_>, rev: usize, annot: &Dict) -> Option<Rect> {
    let v = doc.resolve(rev, annot.get(b"Rect".as_slice())?).ok()?;
    let nums: Option<Vec<f64>> = v
        .as_array()?
        .iter()
        .map(|x| match doc.resolve(rev, x).ok()? {
            Object::Int(i) => Some(i as f64),
            Object::Real(r) => Some(r),
            _ => None,
        })
        .collect();
    Rect::from_array(&nums?)
}

/// The opaque areas an annotation draws in revision `rev` (empty: it hides nothing).
pub(crate) fn opaque_areas(doc: &Document<'_>, rev: usize, annot: &Dict) -> Vec<Rect> {
    let (Some(ap), Some(rect)) = (
        shown_appearance(doc, rev, annot),
        annot_rect(doc, rev, annot),
    ) else {
        return Vec::new();
    };
    let marks = appearance_marks(doc, rev, &ap, rect, &ContentLimits::default());
    marks.opaque().map(|m| m.rect).collect()
}

/// Whether a page mark is signed content a reader would miss if hidden.
fn is_content(m: &Mark, frame: Option<Rect>) -> bool {
    if m.white || m.alpha < 0.5 {
        return false;
    }
    match m.kind {
        MarkKind::Text => !m
            .text
            .as_deref()
            .is_some_and(|t| t.chars().all(|c| matches!(c, '.' | '_' | '-' | '…' | '·'))),
        MarkKind::Image => true,
        // Thin rules and table borders are not content a widget hides;
        // a page-wide background is not either.
        MarkKind::Fill => {
            m.rect.width() >= 2.0
                && m.rect.height() >= 2.0
                && frame.is_none_or(|f| m.rect.area() < 0.9 * f.area())
        }
        MarkKind::Stroke => false,
    }
}

/// What lies under the opaque areas `opaque` on `page` as it was in revision
/// `before` (the signed content).
pub(crate) fn under(
    doc: &Document<'_>,
    cache: &mut PageCache,
    before: usize,
    page: ObjRef,
    opaque: &[Rect],
) -> Under {
    let marks = cache.marks(doc, before, page);
    let frame = marks.frame;
    let mut covered: Option<Rect> = None;
    let mut texts: Vec<String> = Vec::new();
    let mut undecided: Option<(Rect, String)> = None;
    for m in marks.items.iter().filter(|m| is_content(m, frame)) {
        for o in opaque {
            let Some(inter) = m.rect.intersect(o) else {
                continue;
            };
            let scan = m.kind == MarkKind::Image
                && frame.is_some_and(|f| m.rect.area() >= SCAN_SHARE * f.area());
            if scan {
                match scan_region(doc, before, m, &inter) {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(why) => {
                        undecided.get_or_insert((inter, why));
                        continue;
                    }
                }
            } else if inter.area() < COVERED_SHARE * m.rect.area() {
                continue;
            }
            covered = Some(covered.map_or(inter, |c| c.union(&inter)));
            if let Some(t) = &m.text {
                if texts.len() < 12 && !texts.contains(t) {
                    texts.push(t.clone());
                }
            }
        }
    }
    match (covered, undecided) {
        (Some(rect), _) => Under::Covered { rect, texts },
        (None, Some((rect, why))) => Under::Undecided { rect, why },
        (None, None) => Under::Clear,
    }
}

/// Whether the part `inter` of a scanned page image is blank paper.
fn scan_region(doc: &Document<'_>, rev: usize, m: &Mark, inter: &Rect) -> Result<bool, String> {
    let Some((r, ctm)) = m.image else {
        return Err("inline image".into());
    };
    let inv = ctm.invert().ok_or("degenerate image matrix")?;
    let u = inv.apply_rect(inter);
    let region = UnitRegion {
        x0: u.x0.clamp(0.0, 1.0),
        y0: u.y0.clamp(0.0, 1.0),
        x1: u.x1.clamp(0.0, 1.0),
        y1: u.y1.clamp(0.0, 1.0),
    };
    let Ok(Some(Object::Stream(s))) = doc.object(rev, r) else {
        return Err(format!("image {r} cannot be read"));
    };
    region_is_blank(doc, &s, region, &ImageLimits::default()).map_err(|e| match e {
        Undecided::Unsupported(w) => format!("unsupported image encoding ({w})"),
        Undecided::Malformed(w) => format!("image cannot be decoded ({w})"),
        Undecided::Limit(w) => format!("image too large to examine ({w})"),
    })
}
