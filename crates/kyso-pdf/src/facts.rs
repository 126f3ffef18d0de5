//! Document facts a reader wants besides the signatures: page sizes
//! (§7.7.3.3, /MediaBox and /Rotate, inheritable), natural language (§14.9.2
//! /Lang), tagged PDF (§14.7.1 /MarkInfo, /StructTreeRoot), interactive form
//! (§12.7.3: /AcroForm /Fields, /XFA) and where JavaScript is attached
//! (§12.6.4.17: /Names /JavaScript, /OpenAction, additional actions /AA).
//!
//! Everything is read with dictionary-only loads and bounded walks: the
//! page list is the one [`Document::pages`] gives (already bounded), the
//! field walk stops at [`crate::Limits::max_form_fields`] nodes (and says so,
//! [`Document::limits_exceeded`]), the annotation walk at [`MAX_WALK`].

use crate::document::Document;
use crate::object::{Dict, Object};
use kyso_report::PageSize;
use std::borrow::Cow;
use std::collections::HashSet;

/// Annotations visited when looking for JavaScript (a real document has a
/// few per page, a 500-page one with links on every line some 10^4; hostile
/// files are cut here, and only that informational fact is incomplete).
pub const MAX_WALK: usize = 50_000;

/// Standard sizes, in millimetres (portrait).
const SIZES: &[(&str, u32, u32)] = &[
    ("A4", 210, 297),
    ("A3", 297, 420),
    ("A5", 148, 210),
    ("B5", 176, 250),
    ("Letter", 216, 279),
    ("Legal", 216, 356),
];

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Int(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

impl<'a> Document<'a> {
    /// Inheritable page attribute (§7.7.3.4), up at most 64 /Parent levels.
    fn page_attr(&self, rev: usize, page: &Dict, key: &[u8]) -> Option<Object> {
        let mut d = page.clone();
        for _ in 0..64 {
            if let Some(v) = d.get(key) {
                return self.resolve_head(rev, v).ok();
            }
            let parent = d.get(b"Parent".as_slice())?;
            d = match self.resolve_head(rev, parent).ok()? {
                Object::Dict(p) => p,
                _ => return None,
            };
        }
        None
    }

    /// Page sizes of revision `rev`, grouped in page order of first appearance.
    pub fn page_sizes(&self, rev: usize) -> Vec<PageSize> {
        self.pages(rev)
            .map(|p| self.page_sizes_of(rev, &p))
            .unwrap_or_default()
    }

    /// [`Document::page_sizes`] over a page list already walked.
    pub fn page_sizes_of(&self, rev: usize, pages: &[crate::object::ObjRef]) -> Vec<PageSize> {
        let mut out: Vec<PageSize> = Vec::new();
        for &r in pages {
            let Ok(Some(Object::Dict(p))) = self.object_head(rev, r) else {
                continue;
            };
            let Some(Object::Array(b)) = self.page_attr(rev, &p, b"MediaBox") else {
                continue;
            };
            let v: Vec<f64> = b.iter().filter_map(num).collect();
            let [x0, y0, x1, y1] = v.as_slice() else {
                continue;
            };
            let rotate = self
                .page_attr(rev, &p, b"Rotate")
                .and_then(|o| o.as_int())
                .unwrap_or(0)
                .rem_euclid(360);
            let mm = |pt: f64| (pt.abs() * 25.4 / 72.0).round().min(1e6) as u32;
            let (mut w, mut h) = (mm(x1 - x0), mm(y1 - y0));
            if rotate == 90 || rotate == 270 {
                std::mem::swap(&mut w, &mut h);
            }
            let name = SIZES
                .iter()
                .find(|(_, a, b)| {
                    let close = |x: u32, y: u32| x.abs_diff(y) <= 2;
                    (close(w, *a) && close(h, *b)) || (close(w, *b) && close(h, *a))
                })
                .map_or(String::new(), |(n, ..)| (*n).to_string());
            match out.iter_mut().find(|s| s.width_mm == w && s.height_mm == h) {
                Some(s) => s.count += 1,
                None => out.push(PageSize {
                    name,
                    width_mm: w,
                    height_mm: h,
                    count: 1,
                }),
            }
        }
        out
    }

    /// The catalog's `/Lang`, decoded.
    pub fn language(&self, rev: usize) -> Option<String> {
        let cat = self.catalog(rev).ok()?;
        let o = self.resolve_head(rev, cat.get(b"Lang".as_slice())?).ok()?;
        // A language tag is short (BCP 47); a longer string is not decoded.
        let b = &o.as_string()?.bytes;
        if b.len() > 4 * 64 + 2 {
            return None;
        }
        let t = crate::text::decode_text(b);
        let t = t.trim().to_string();
        (!t.is_empty() && t.len() <= 64).then_some(t)
    }

    /// Tagged PDF: `/MarkInfo << /Marked true >>` or a `/StructTreeRoot`.
    pub fn tagged(&self, rev: usize) -> Option<bool> {
        let cat = self.catalog(rev).ok()?;
        let marked = self
            .dict_at(rev, &cat, b"MarkInfo")
            .and_then(|m| m.get(b"Marked".as_slice()).cloned())
            .is_some_and(|o| matches!(o, Object::Bool(true)));
        Some(marked || cat.contains_key(b"StructTreeRoot".as_slice()))
    }

    /// Number of terminal form fields, and whether the form has XFA.
    /// `None` when the document has no /AcroForm.
    pub fn form(&self, rev: usize) -> Option<(u32, bool)> {
        let cat = self.catalog(rev).ok()?;
        let form = self.dict_at(rev, &cat, b"AcroForm")?;
        let xfa = form.contains_key(b"XFA".as_slice());
        let mut count = 0u32;
        let mut seen = HashSet::new();
        let mut stack: Vec<Object> = match form
            .get(b"Fields".as_slice())
            .and_then(|f| self.resolve_head(rev, f).ok())
        {
            Some(Object::Array(a)) => a,
            _ => Vec::new(),
        };
        let mut visits = 0;
        while let Some(node) = stack.pop() {
            visits += 1;
            if visits > self.limits().max_form_fields {
                self.note_limit(crate::codes::LIMIT_FORM_FIELDS);
                break;
            }
            if let Some(r) = node.as_ref() {
                if !seen.insert(r) {
                    continue;
                }
            }
            let Ok(Object::Dict(d)) = self.resolve_head(rev, &node) else {
                continue;
            };
            match d
                .get(b"Kids".as_slice())
                .and_then(|k| self.resolve_head(rev, k).ok())
            {
                // Kids that are fields (have /T) make this a non-terminal field;
                // kids that are only widgets leave it terminal.
                Some(Object::Array(kids)) if !kids.is_empty() => {
                    let field_kids = kids.iter().any(|k| {
                        matches!(self.resolve_head(rev, k), Ok(Object::Dict(kd)) if kd.contains_key(b"T".as_slice()))
                    });
                    if field_kids {
                        stack.extend(kids);
                    } else {
                        // Only widgets below: a terminal field with several appearances.
                        count = count.saturating_add(1);
                    }
                }
                _ => {
                    if d.contains_key(b"T".as_slice()) || d.contains_key(b"FT".as_slice()) {
                        count = count.saturating_add(1);
                    }
                }
            }
        }
        Some((count, xfa))
    }

    /// Where JavaScript is attached: `names` (document-level scripts),
    /// `open_action`, `catalog_aa`, `page_aa`, `annotation`, `field`. Bounded walk.
    pub fn javascript(&self, rev: usize) -> Vec<String> {
        let pages = self.pages(rev).unwrap_or_default();
        self.javascript_of(rev, &pages)
    }

    /// [`Document::javascript`] over a page list already walked.
    pub fn javascript_of(&self, rev: usize, pages: &[crate::object::ObjRef]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |s: &str| {
            if !out.iter().any(|x| x == s) {
                out.push(s.to_string());
            }
        };
        let Ok(cat) = self.catalog(rev) else {
            return Vec::new();
        };
        if self
            .dict_at(rev, &cat, b"Names")
            .is_some_and(|n| n.contains_key(b"JavaScript".as_slice()))
        {
            add("names");
        }
        let js = |o: Option<&Object>| -> bool { o.is_some_and(|o| self.action_has_js(rev, o, 0)) };
        if js(cat.get(b"OpenAction".as_slice())) {
            add("open_action");
        }
        if self.aa_has_js(rev, &cat) {
            add("catalog_aa");
        }
        let mut visits = 0usize;
        for &p in pages {
            let Ok(Some(Object::Dict(pd))) = self.object_head(rev, p) else {
                continue;
            };
            if self.aa_has_js(rev, &pd) {
                add("page_aa");
            }
            // A direct /Annots array is read where it is, not copied.
            let annots: Cow<'_, [Object]> = match pd.get(b"Annots".as_slice()) {
                Some(Object::Array(a)) => Cow::Borrowed(a),
                Some(r @ Object::Ref(_)) => match self.resolve_head(rev, r) {
                    Ok(Object::Array(a)) => Cow::Owned(a),
                    _ => continue,
                },
                _ => continue,
            };
            for a in annots.iter() {
                visits += 1;
                if visits > MAX_WALK {
                    return out;
                }
                let Ok(Object::Dict(ad)) = self.resolve_head(rev, a) else {
                    continue;
                };
                if js(ad.get(b"A".as_slice())) || self.aa_has_js(rev, &ad) {
                    let widget = ad.get(b"Subtype".as_slice()).and_then(Object::as_name)
                        == Some(b"Widget".as_slice());
                    add(if widget { "field" } else { "annotation" });
                }
            }
        }
        out
    }

    fn aa_has_js(&self, rev: usize, d: &Dict) -> bool {
        self.dict_at(rev, d, b"AA")
            .is_some_and(|aa| aa.values().any(|a| self.action_has_js(rev, a, 0)))
    }

    /// An action dictionary (or chain via /Next) of type JavaScript.
    fn action_has_js(&self, rev: usize, o: &Object, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        let Ok(Object::Dict(d)) = self.resolve_head(rev, o) else {
            return false;
        };
        if d.get(b"S".as_slice()).and_then(Object::as_name) == Some(b"JavaScript".as_slice()) {
            return true;
        }
        match d
            .get(b"Next".as_slice())
            .and_then(|n| self.resolve_head(rev, n).ok())
        {
            Some(Object::Array(a)) => a
                .iter()
                .take(16)
                .any(|n| self.action_has_js(rev, n, depth + 1)),
            Some(n @ Object::Dict(_)) => self.action_has_js(rev, &n, depth + 1),
            _ => false,
        }
    }
}
