//! A bounded content-stream interpreter that records where things are drawn.
//!
//! It follows the graphics state (§8.4: `q`/`Q`, `cm`, `gs` fill alpha and
//! blend mode, fill colour), paths (§8.5: construction, painting, `W` clip as
//! a bounding box), text (§9.4: `BT`/`ET`, positioning, `Tj`/`TJ`/`'`/`"`
//! with glyph advances from the font's widths, render mode), images (§8.9:
//! image XObjects and inline images as the CTM's unit square) and form
//! XObjects (§8.10: `/Matrix`, `/BBox` clip, nested resources, bounded depth,
//! no cycles). It draws nothing: it lists [`Mark`]s.

use crate::font::TextFont;
use crate::geometry::{Matrix, Rect};
use crate::lexer::{Item, Lexer, Operand};
use crate::text::TextSink;
use kyso_pdf::object::{Dict, ObjRef, Object};
use kyso_pdf::Document;
use std::collections::HashMap;
use std::rc::Rc;

/// Bounds on one interpretation (a page or an appearance stream with every
/// form XObject it uses).
#[derive(Debug, Clone, Copy)]
pub struct ContentLimits {
    /// Operators executed. A dense text page has ~10⁴; 2·10⁶ allows heavy
    /// vector drawings while keeping a hostile page to well under a second.
    pub max_ops: usize,
    /// Marks recorded (text runs, images, paths): beyond it the page is
    /// reported as truncated.
    pub max_marks: usize,
    /// Nesting of form XObjects (real files: 1–4).
    pub max_form_depth: usize,
    /// Decoded content bytes read in total.
    pub max_content_bytes: usize,
    /// Fonts read per interpretation.
    pub max_fonts: usize,
}

impl Default for ContentLimits {
    fn default() -> Self {
        ContentLimits {
            max_ops: 2_000_000,
            max_marks: 100_000,
            max_form_depth: 12,
            max_content_bytes: 64 * 1024 * 1024,
            max_fonts: 256,
        }
    }
}

/// What a mark is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A run of glyphs (split at spaces and wide gaps).
    Text,
    /// An image XObject or an inline image.
    Image,
    /// A filled path (or a shading).
    Fill,
    /// A stroked path.
    Stroke,
}

/// One thing drawn, in page (default user) space.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// What.
    pub kind: MarkKind,
    /// Where: bounding box after the CTM and the clip.
    pub rect: Rect,
    /// Constant alpha of the painting (`/ca` or `/CA` of the graphics state).
    pub alpha: f64,
    /// The blend mode hides nothing (`Multiply`, `Darken`: highlighter-like).
    pub blends: bool,
    /// Painted in white (a background, a mask over something).
    pub white: bool,
    /// For text: the characters when the font's encoding is a simple one
    /// (best effort, for messages).
    pub text: Option<String>,
    /// For image XObjects: the object and the CTM that placed its unit square.
    pub image: Option<(ObjRef, Matrix)>,
}

/// Everything a page or an appearance draws.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// The marks in painting order.
    pub items: Vec<Mark>,
    /// The page's crop box (for appearances: the annotation rectangle).
    pub frame: Option<Rect>,
    /// A limit stopped the interpretation early: what is listed is a prefix.
    pub truncated: bool,
    /// Content that could not be read (a stream that failed to decode, a
    /// missing resource); interpretation went on without it.
    pub problems: Vec<String>,
}

impl Marks {
    /// The marks that hide what lies under them: opaque fills and images
    /// (alpha ≥ 0.5, normal blending). Text alone hides almost nothing.
    pub fn opaque(&self) -> impl Iterator<Item = &Mark> {
        self.items.iter().filter(|m| {
            matches!(m.kind, MarkKind::Fill | MarkKind::Image)
                && m.alpha >= 0.5
                && !m.blends
                && m.rect.area() > 4.0
        })
    }
}

/// A font as far as geometry needs it.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    two_byte: bool,
    /// Width of each code in text space units × 1000.
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space scale (Type 3 FontMatrix), × 1000.
    scale: f64,
    /// Whether single-byte codes read as Latin text.
    simple_text: bool,
    /// Codes and text, read only when extracting text.
    text: Option<Rc<TextFont>>,
}

impl Font {
    fn fallback() -> Font {
        Font {
            two_byte: false,
            widths: HashMap::new(),
            default_width: 500.0,
            scale: 1.0,
            simple_text: true,
            text: None,
        }
    }
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    clip: Option<Rect>,
    fill_alpha: f64,
    stroke_alpha: f64,
    blends: bool,
    fill_white: bool,
    stroke_white: bool,
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    render: i64,
}

impl GState {
    fn new(ctm: Matrix, clip: Option<Rect>) -> Self {
        GState {
            ctm,
            clip,
            fill_alpha: 1.0,
            stroke_alpha: 1.0,
            blends: false,
            fill_white: false,
            stroke_white: false,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// Deepest `q` nesting honoured (deeper `q`s are counted but not stored).
const MAX_SAVE_DEPTH: usize = 256;

pub(crate) struct Interp<'d, 'a> {
    doc: &'a Document<'d>,
    rev: usize,
    limits: ContentLimits,
    ops: usize,
    bytes: usize,
    pub(crate) out: Marks,
    fonts: HashMap<(Option<u32>, Vec<u8>), Rc<Font>>,
    forms: Vec<u32>,
    /// Text extraction: where glyphs go (`None` for marks only).
    pub(crate) text: Option<TextSink>,
    /// A text limit stopped the walk.
    pub(crate) halt: bool,
}

/// What a page draws, in revision `rev` (crop box as the frame).
pub fn page_marks(doc: &Document<'_>, rev: usize, page: ObjRef, limits: &ContentLimits) -> Marks {
    let mut it = Interp::new(doc, rev, *limits);
    it.run_page(page);
    it.out
}

/// What an annotation's appearance stream draws when placed in `rect`
/// (§12.5.5: the form's `/BBox` transformed by its `/Matrix` is mapped onto
/// the annotation rectangle). `ap` is the stream (or a reference to it).
pub fn appearance_marks(
    doc: &Document<'_>,
    rev: usize,
    ap: &Object,
    rect: Rect,
    limits: &ContentLimits,
) -> Marks {
    let mut it = Interp::new(doc, rev, *limits);
    it.run_appearance(ap, rect);
    it.out
}

impl<'d, 'a> Interp<'d, 'a> {
    /// Interpret an annotation's appearance stream placed in `rect`.
    pub(crate) fn run_appearance(&mut self, ap: &Object, rect: Rect) {
        let it = self;
        it.out.frame = Some(rect);
        let form_num = ap.as_ref().map(|r| r.num);
        let Some(Object::Stream(s)) = it.resolve(ap) else {
            it.out.problems.push("appearance is not a stream".into());
            return;
        };
        let bbox = s
            .dict
            .get(b"BBox".as_slice())
            .and_then(|b| it.rect_of(b))
            .unwrap_or(rect);
        let m = s
            .dict
            .get(b"Matrix".as_slice())
            .and_then(|m| it.matrix_of(m))
            .unwrap_or(Matrix::IDENTITY);
        let tb = m.apply_rect(&bbox);
        // Algorithm 8.1: A maps the transformed box onto Rect.
        let (sx, sy) = (
            if tb.width() > 1e-9 {
                rect.width() / tb.width()
            } else {
                1.0
            },
            if tb.height() > 1e-9 {
                rect.height() / tb.height()
            } else {
                1.0
            },
        );
        let a = Matrix([sx, 0.0, 0.0, sy, rect.x0 - tb.x0 * sx, rect.y0 - tb.y0 * sy]);
        let ctm = m.then(&a);
        let resources = s
            .dict
            .get(b"Resources".as_slice())
            .cloned()
            .and_then(|r| it.load_dict(&r));
        let Some(data) = it.decode(&s) else {
            return;
        };
        if let Some(n) = form_num {
            it.forms.push(n);
        }
        let gs = GState::new(ctm, Some(rect));
        it.run(&data, resources.as_ref(), form_num, gs);
    }
}

impl<'d, 'a> Interp<'d, 'a> {
    /// Interpret a page's content (crop box as the frame and clip); the
    /// page dictionary, if it could be read.
    pub(crate) fn run_page(&mut self, page: ObjRef) -> Option<Dict> {
        let it = self;
        let Some(pd) = it.load_dict(&Object::Ref(page)) else {
            it.out.problems.push(format!("page {page} cannot be read"));
            return None;
        };
        let resources = it
            .inherited(&pd, b"Resources")
            .and_then(|r| it.load_dict(&r));
        let frame = it
            .inherited(&pd, b"CropBox")
            .or_else(|| it.inherited(&pd, b"MediaBox"))
            .and_then(|b| it.rect_of(&b));
        it.out.frame = frame;
        let mut data = Vec::new();
        match pd.get(b"Contents".as_slice()) {
            Some(Object::Array(parts)) => {
                for p in parts.iter().take(10_000) {
                    it.append_stream(p, &mut data);
                    data.push(b'\n');
                }
            }
            Some(c) => {
                let c = c.clone();
                match it.resolve(&c) {
                    Some(Object::Array(parts)) => {
                        for p in parts.iter().take(10_000) {
                            it.append_stream(p, &mut data);
                            data.push(b'\n');
                        }
                    }
                    _ => it.append_stream(&c, &mut data),
                }
            }
            None => {}
        }
        let gs = GState::new(Matrix::IDENTITY, frame);
        it.run(&data, resources.as_ref(), None, gs);
        Some(pd)
    }

    pub(crate) fn doc(&self) -> &'a Document<'d> {
        self.doc
    }

    pub(crate) fn new(doc: &'a Document<'d>, rev: usize, limits: ContentLimits) -> Self {
        Interp {
            doc,
            rev,
            limits,
            ops: 0,
            bytes: 0,
            out: Marks::default(),
            fonts: HashMap::new(),
            forms: Vec::new(),
            text: None,
            halt: false,
        }
    }

    pub(crate) fn resolve(&self, o: &Object) -> Option<Object> {
        match o {
            Object::Ref(r) => self.doc.object(self.rev, *r).ok().flatten(),
            other => Some(other.clone()),
        }
    }

    /// Like [`Self::resolve`] without copying a stream's data (its
    /// dictionary only): an image XObject of a scanned page can be 100 MB.
    pub(crate) fn resolve_head(&self, o: &Object) -> Option<Object> {
        match o {
            Object::Ref(r) => self.doc.object_head(self.rev, *r).ok().flatten(),
            other => Some(other.clone()),
        }
    }

    pub(crate) fn load_dict(&self, o: &Object) -> Option<Dict> {
        match self.resolve_head(o)? {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(s.dict),
            _ => None,
        }
    }

    pub(crate) fn num(&self, o: &Object) -> Option<f64> {
        match self.resolve(o)? {
            Object::Int(i) => Some(i as f64),
            Object::Real(r) if r.is_finite() => Some(r),
            _ => None,
        }
    }

    pub(crate) fn nums(&self, o: &Object) -> Option<Vec<f64>> {
        let a = self.resolve(o)?;
        a.as_array()?.iter().map(|x| self.num(x)).collect()
    }

    pub(crate) fn rect_of(&self, o: &Object) -> Option<Rect> {
        Rect::from_array(&self.nums(o)?)
    }

    fn matrix_of(&self, o: &Object) -> Option<Matrix> {
        let v = self.nums(o)?;
        let m: [f64; 6] = v.try_into().ok()?;
        Some(Matrix(m))
    }

    /// An inheritable page attribute (§7.7.3.4), up the /Parent chain.
    pub(crate) fn inherited(&self, page: &Dict, key: &[u8]) -> Option<Object> {
        let mut d = page.clone();
        for _ in 0..64 {
            if let Some(v) = d.get(key) {
                return Some(v.clone());
            }
            let parent = d.get(b"Parent".as_slice())?.clone();
            d = self.load_dict(&parent)?;
        }
        None
    }

    pub(crate) fn decode(&mut self, s: &kyso_pdf::Stream) -> Option<Vec<u8>> {
        // Decoded only as far as the content budget left allows: a 255 MiB
        // Flate bomb in a page's content was decoded whole (261 MB) before
        // being refused here.
        let left = self.limits.max_content_bytes.saturating_sub(self.bytes);
        match self.doc.decode_stream_at_most(s, left) {
            Ok(d) => {
                self.bytes = self.bytes.saturating_add(d.len());
                Some(d)
            }
            Err(kyso_pdf::PdfError::Limit { .. }) => {
                self.out.truncated = true;
                None
            }
            Err(e) => {
                self.out.problems.push(format!("content stream: {e}"));
                None
            }
        }
    }

    pub(crate) fn append_stream(&mut self, o: &Object, data: &mut Vec<u8>) {
        if let Some(Object::Stream(s)) = self.resolve(o) {
            if let Some(d) = self.decode(&s) {
                data.extend_from_slice(&d);
            }
        }
    }

    fn mark(
        &mut self,
        gs: &GState,
        kind: MarkKind,
        rect: Rect,
        text: Option<String>,
        image: Option<(ObjRef, Matrix)>,
    ) {
        let rect = match gs.clip {
            Some(c) => match rect.intersect(&c) {
                Some(r) => r,
                None => return,
            },
            None => rect,
        };
        if !(rect.x0.is_finite()
            && rect.y0.is_finite()
            && rect.x1.is_finite()
            && rect.y1.is_finite())
        {
            return;
        }
        if self.text.is_some() && kind != MarkKind::Image {
            return;
        }
        if self.out.items.len() >= self.limits.max_marks {
            self.out.truncated = true;
            return;
        }
        let (alpha, white) = match kind {
            MarkKind::Stroke => (gs.stroke_alpha, gs.stroke_white),
            MarkKind::Image => (gs.fill_alpha, false),
            _ => (gs.fill_alpha, gs.fill_white),
        };
        self.out.items.push(Mark {
            kind,
            rect,
            alpha,
            blends: gs.blends,
            white,
            text,
            image,
        });
    }

    fn font(&mut self, resources: Option<&Dict>, res_id: Option<u32>, name: &[u8]) -> Rc<Font> {
        let key = (res_id, name.to_vec());
        if let Some(f) = self.fonts.get(&key) {
            return f.clone();
        }
        let mut f = if self.fonts.len() >= self.limits.max_fonts {
            None
        } else {
            self.read_font(resources, name)
        }
        .unwrap_or_else(Font::fallback);
        if self.text.is_some() && f.text.is_none() {
            f.text = Some(Rc::new(TextFont::fallback()));
        }
        let f = Rc::new(f);
        self.fonts.insert(key, f.clone());
        f
    }

    fn read_font(&mut self, resources: Option<&Dict>, name: &[u8]) -> Option<Font> {
        let fonts = self.load_dict(resources?.get(b"Font".as_slice())?)?;
        let fd = self.load_dict(fonts.get(name)?)?;
        let text = if self.text.is_some() {
            Some(Rc::new(self.text_font(&fd)))
        } else {
            None
        };
        let mut font = self.font_metrics(&fd)?;
        font.text = text;
        Some(font)
    }

    fn font_metrics(&self, fd: &Dict) -> Option<Font> {
        let subtype = fd.get(b"Subtype".as_slice()).and_then(Object::as_name);
        if subtype == Some(b"Type0") {
            let desc = self.resolve(fd.get(b"DescendantFonts".as_slice())?)?;
            let d0 = self.load_dict(desc.as_array()?.first()?)?;
            let dw = d0
                .get(b"DW".as_slice())
                .and_then(|v| self.num(v))
                .unwrap_or(1000.0);
            let mut widths = HashMap::new();
            if let Some(w) = d0.get(b"W".as_slice()).and_then(|w| self.resolve(w)) {
                let w = w.as_array().unwrap_or(&[]).to_vec();
                let mut i = 0;
                while i < w.len() && widths.len() < 70_000 {
                    let Some(first) = self.num(&w[i]) else { break };
                    match w.get(i + 1).and_then(|x| self.resolve(x)) {
                        Some(Object::Array(list)) => {
                            for (k, v) in list.iter().enumerate().take(70_000) {
                                if let Some(v) = self.num(v) {
                                    widths.insert(first as u32 + k as u32, v);
                                }
                            }
                            i += 2;
                        }
                        Some(_) => {
                            let last = w.get(i + 1).and_then(|x| self.num(x));
                            let v = w.get(i + 2).and_then(|x| self.num(x));
                            if let (Some(last), Some(v)) = (last, v) {
                                let (a, b) = (first as u32, last as u32);
                                for c in a..=b.min(a.saturating_add(70_000)) {
                                    widths.insert(c, v);
                                }
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
            return Some(Font {
                two_byte: true,
                widths,
                default_width: dw,
                scale: 1.0,
                simple_text: false,
                text: None,
            });
        }
        let first = fd
            .get(b"FirstChar".as_slice())
            .and_then(|v| self.num(v))
            .unwrap_or(0.0) as u32;
        let mut widths = HashMap::new();
        if let Some(Object::Array(w)) = fd.get(b"Widths".as_slice()).and_then(|w| self.resolve(w)) {
            for (k, v) in w.iter().enumerate().take(256) {
                if let Some(v) = self.num(v) {
                    widths.insert(first + k as u32, v);
                }
            }
        }
        let missing = fd
            .get(b"FontDescriptor".as_slice())
            .and_then(|d| self.load_dict(d))
            .and_then(|d| d.get(b"MissingWidth".as_slice()).and_then(|v| self.num(v)))
            .unwrap_or(if widths.is_empty() { 500.0 } else { 0.0 });
        let scale = if subtype == Some(b"Type3") {
            fd.get(b"FontMatrix".as_slice())
                .and_then(|m| self.nums(m))
                .and_then(|m| m.first().copied())
                .map(|a| a * 1000.0)
                .filter(|a| a.is_finite() && *a > 0.0)
                .unwrap_or(1.0)
        } else {
            1.0
        };
        Some(Font {
            two_byte: false,
            widths,
            default_width: missing,
            scale,
            simple_text: subtype != Some(b"Type3"),
            text: None,
        })
    }

    /// Run `data` with `resources`; `res_id` identifies the resources (the
    /// form's object number) for the font cache.
    fn run(&mut self, data: &[u8], resources: Option<&Dict>, res_id: Option<u32>, gs: GState) {
        let mut lex = Lexer::new(data);
        let mut stack: Vec<GState> = Vec::new();
        let mut extra_saves = 0usize;
        let mut gs = gs;
        // Path under construction (page space) and a pending clip.
        let mut path: Option<Rect> = None;
        let mut cur: (f64, f64) = (0.0, 0.0);
        let mut pending_clip = false;
        // Text.
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        while let Some(item) = lex.next_item() {
            if self.halt {
                return;
            }
            self.ops += 1;
            if self.ops > self.limits.max_ops {
                self.out.truncated = true;
                return;
            }
            let (op, a) = match item {
                Item::Op(op, a) => (op, a),
                Item::InlineImage => {
                    let r = gs.ctm.apply_rect(&Rect::new(0.0, 0.0, 1.0, 1.0));
                    self.mark(&gs, MarkKind::Image, r, None, None);
                    continue;
                }
            };
            let n = |i: usize| a.get(i).and_then(Operand::num);
            let add_pt = |path: &mut Option<Rect>, x: f64, y: f64, ctm: &Matrix| {
                let (px, py) = ctm.apply(x, y);
                let r = Rect::new(px, py, px, py);
                *path = Some(match path {
                    Some(p) => p.union(&r),
                    None => r,
                });
            };
            match op.as_slice() {
                b"q" => {
                    if stack.len() < MAX_SAVE_DEPTH {
                        stack.push(gs.clone());
                    } else {
                        extra_saves += 1;
                    }
                }
                b"Q" => {
                    if extra_saves > 0 {
                        extra_saves -= 1;
                    } else if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" => {
                    if let (Some(a0), Some(b), Some(c), Some(d), Some(e), Some(f)) =
                        (n(0), n(1), n(2), n(3), n(4), n(5))
                    {
                        let m = Matrix([a0, b, c, d, e, f]).then(&gs.ctm);
                        if m.is_finite() {
                            gs.ctm = m;
                        }
                    }
                }
                b"gs" => {
                    if let Some(name) = a.first().and_then(Operand::name) {
                        self.ext_gstate(resources, name, &mut gs);
                    }
                }
                b"g" | b"rg" | b"k" | b"sc" | b"scn" => {
                    gs.fill_white = is_white(&op, &a);
                }
                b"G" | b"RG" | b"K" | b"SC" | b"SCN" => {
                    gs.stroke_white = is_white(&op, &a);
                }
                b"cs" => gs.fill_white = false,
                b"CS" => gs.stroke_white = false,
                b"m" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        add_pt(&mut path, x, y, &gs.ctm);
                        cur = (x, y);
                    }
                }
                b"l" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        add_pt(&mut path, cur.0, cur.1, &gs.ctm);
                        add_pt(&mut path, x, y, &gs.ctm);
                        cur = (x, y);
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Bezier curves lie in the hull of their control points.
                    let k = a.len() / 2;
                    for i in 0..k {
                        if let (Some(x), Some(y)) = (n(2 * i), n(2 * i + 1)) {
                            add_pt(&mut path, x, y, &gs.ctm);
                            cur = (x, y);
                        }
                    }
                }
                b"re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                        add_pt(&mut path, x, y, &gs.ctm);
                        add_pt(&mut path, x + w, y + h, &gs.ctm);
                        add_pt(&mut path, x + w, y, &gs.ctm);
                        add_pt(&mut path, x, y + h, &gs.ctm);
                        cur = (x, y);
                    }
                }
                b"h" => {}
                b"W" | b"W*" => pending_clip = true,
                b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"S" | b"s" | b"n" => {
                    if let Some(p) = path.take() {
                        match op.as_slice() {
                            b"n" => {}
                            b"S" | b"s" => self.mark(&gs, MarkKind::Stroke, p, None, None),
                            _ => self.mark(&gs, MarkKind::Fill, p, None, None),
                        }
                        if pending_clip {
                            gs.clip = Some(match gs.clip {
                                Some(c) => {
                                    c.intersect(&p).unwrap_or(Rect::new(p.x0, p.y0, p.x0, p.y0))
                                }
                                None => p,
                            });
                        }
                    }
                    pending_clip = false;
                }
                b"sh" => {
                    if let Some(c) = gs.clip.or(self.out.frame) {
                        self.mark(&gs, MarkKind::Fill, c, None, None);
                    }
                }
                b"Do" => {
                    if let Some(name) = a.first().and_then(Operand::name) {
                        self.xobject(resources, name, &gs);
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"ET" => {}
                b"Tf" => {
                    gs.font = a.first().and_then(Operand::name).map(<[u8]>::to_vec);
                    gs.size = n(1).unwrap_or(0.0);
                }
                b"Tc" => gs.char_spacing = n(0).unwrap_or(0.0),
                b"Tw" => gs.word_spacing = n(0).unwrap_or(0.0),
                b"Tz" => gs.hscale = n(0).unwrap_or(100.0) / 100.0,
                b"TL" => gs.leading = n(0).unwrap_or(0.0),
                b"Ts" => gs.rise = n(0).unwrap_or(0.0),
                b"Tr" => gs.render = n(0).unwrap_or(0.0) as i64,
                b"Td" | b"TD" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        if op.as_slice() == b"TD" {
                            gs.leading = -y;
                        }
                        tlm = Matrix([1.0, 0.0, 0.0, 1.0, x, y]).then(&tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let (Some(a0), Some(b), Some(c), Some(d), Some(e), Some(f)) =
                        (n(0), n(1), n(2), n(3), n(4), n(5))
                    {
                        let m = Matrix([a0, b, c, d, e, f]);
                        if m.is_finite() {
                            tlm = m;
                            tm = m;
                        }
                    }
                }
                b"T*" => {
                    tlm = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading]).then(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op.as_slice() == b"'" || op.as_slice() == b"\"" {
                        if op.as_slice() == b"\"" {
                            gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                            gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                        }
                        tlm = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading]).then(&tlm);
                        tm = tlm;
                    }
                    let font = match &gs.font {
                        Some(f) => {
                            let f = f.clone();
                            self.font(resources, res_id, &f)
                        }
                        None => self.font(resources, res_id, b"\0none"),
                    };
                    let mut run = TextRun::default();
                    match a.last() {
                        Some(Operand::Str(s)) => {
                            self.show(&gs, &font, s, &mut tm, &mut run);
                        }
                        Some(Operand::Array(items)) if op.as_slice() == b"TJ" => {
                            for it in items {
                                match it {
                                    Operand::Str(s) => self.show(&gs, &font, s, &mut tm, &mut run),
                                    Operand::Num(adj) if adj.is_finite() => {
                                        let tx = -adj / 1000.0 * gs.size * gs.hscale;
                                        // A wide gap splits the run (a blank
                                        // left to be filled, a column break).
                                        if *adj < -300.0 && self.text.is_none() {
                                            self.flush(&gs, &mut run);
                                        }
                                        if *adj < -crate::text::TJ_SPLIT_EM * 1000.0 {
                                            if let Some(t) = &mut self.text {
                                                t.split();
                                            }
                                        }
                                        let vertical =
                                            font.text.as_ref().is_some_and(|t| t.vertical());
                                        tm = if vertical {
                                            let ty = -adj / 1000.0 * gs.size;
                                            Matrix([1.0, 0.0, 0.0, 1.0, 0.0, ty]).then(&tm)
                                        } else {
                                            Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(&tm)
                                        };
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                    self.flush(&gs, &mut run);
                }
                _ => {}
            }
        }
    }

    /// Show one string: advance the text matrix glyph by glyph, collecting
    /// glyph boxes into runs split at spaces.
    fn show(&mut self, gs: &GState, font: &Font, s: &[u8], tm: &mut Matrix, run: &mut TextRun) {
        if self.text.is_some() {
            if let Some(tf) = &font.text {
                self.show_text(gs, font, tf, s, tm);
                return;
            }
        }
        let codes: Vec<u32> = if font.two_byte {
            s.chunks(2)
                .map(|c| c.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)))
                .collect()
        } else {
            s.iter().map(|&b| u32::from(b)).collect()
        };
        let visible = !matches!(gs.render, 3 | 7);
        for code in codes {
            let w0 = font
                .widths
                .get(&code)
                .copied()
                .unwrap_or(font.default_width)
                / 1000.0
                * font.scale;
            let is_space = !font.two_byte && code == 32;
            let tx =
                (w0 * gs.size + gs.char_spacing + if is_space { gs.word_spacing } else { 0.0 })
                    * gs.hscale;
            if is_space {
                self.flush(gs, run);
            } else if visible && gs.size.abs() > 0.0 {
                let trm = tm.then(&gs.ctm);
                let glyph = Rect::new(
                    0.0,
                    gs.rise - 0.22 * gs.size,
                    (w0 * gs.size * gs.hscale).max(0.1),
                    gs.rise + 0.78 * gs.size,
                );
                let r = trm.apply_rect(&glyph);
                run.rect = Some(match run.rect {
                    Some(p) => p.union(&r),
                    None => r,
                });
                if font.simple_text {
                    if let Some(ch) = latin(code) {
                        run.text.push(ch);
                    }
                } else {
                    run.opaque_text = true;
                }
            }
            *tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(tm);
        }
    }

    /// Show one string for text extraction: each code's text, box and
    /// advance go to the text sink.
    fn show_text(&mut self, gs: &GState, font: &Font, tf: &TextFont, s: &[u8], tm: &mut Matrix) {
        let invisible = matches!(gs.render, 3 | 7);
        let vertical = tf.vertical();
        for code in tf.codes(s) {
            if self.halt {
                return;
            }
            let key = tf.width_key(code);
            let w0 =
                font.widths.get(&key).copied().unwrap_or(font.default_width) / 1000.0 * font.scale;
            // §9.3.3: word spacing applies to the single-byte code 32.
            let is_space = code.len == 1 && code.value == 32;
            let spacing = gs.char_spacing + if is_space { gs.word_spacing } else { 0.0 };
            let trm = tm.then(&gs.ctm);
            // The em's height in text space (Type 3 glyph spaces differ).
            let vsize = gs.size * tf.v_scale;
            let (glyph, adv_x, adv_y) = if vertical {
                // Default vertical metrics (§9.7.4.3, DW2 [880 −1000]):
                // one em down, the glyph centred on the pen.
                let ty = -gs.size + spacing;
                (
                    Rect::new(-0.5 * gs.size, -gs.size, 0.5 * gs.size, 0.0),
                    0.0,
                    ty,
                )
            } else {
                let tx = (w0 * gs.size + spacing) * gs.hscale;
                (
                    Rect::new(
                        0.0,
                        gs.rise + tf.descent * vsize,
                        (w0 * gs.size * gs.hscale).max(0.0),
                        gs.rise + tf.ascent * vsize,
                    ),
                    tx,
                    0.0,
                )
            };
            if trm.is_finite() && gs.size.abs() > 0.0 {
                let origin = trm.apply(0.0, if vertical { 0.0 } else { gs.rise });
                let end = trm.apply(adv_x, if vertical { adv_y } else { gs.rise });
                let text = tf.unicode(code);
                let em = vsize.abs() * trm.0[2].hypot(trm.0[3]);
                // Upright: the full text rendering matrix (§9.4.4) keeps
                // x to the right and y up, without rotation or shear.
                let [a, b, c, d, _, _] = Matrix([gs.size * gs.hscale, 0.0, 0.0, vsize, 0.0, 0.0])
                    .then(&trm)
                    .0;
                let upright =
                    !vertical && a > 0.0 && d > 0.0 && b.abs() <= 1e-3 * a && c.abs() <= 1e-3 * d;
                let g = crate::text::Glyph {
                    text,
                    rect: trm.apply_rect(&glyph),
                    origin,
                    end,
                    em,
                    upright,
                    invisible,
                };
                if let Some(sink) = &mut self.text {
                    if !sink.glyph(g, tf) {
                        self.halt = true;
                        return;
                    }
                }
            }
            *tm = Matrix([1.0, 0.0, 0.0, 1.0, adv_x, adv_y]).then(tm);
        }
    }

    fn flush(&mut self, gs: &GState, run: &mut TextRun) {
        if let Some(r) = run.rect.take() {
            let text = if run.opaque_text || run.text.is_empty() {
                None
            } else {
                Some(std::mem::take(&mut run.text))
            };
            self.mark(gs, MarkKind::Text, r, text, None);
        }
        run.text.clear();
        run.opaque_text = false;
    }

    fn ext_gstate(&mut self, resources: Option<&Dict>, name: &[u8], gs: &mut GState) {
        let Some(egs) = resources
            .and_then(|r| r.get(b"ExtGState".as_slice()))
            .and_then(|e| self.load_dict(e))
            .and_then(|e| e.get(name).cloned())
            .and_then(|e| self.load_dict(&e))
        else {
            return;
        };
        if let Some(v) = egs.get(b"ca".as_slice()).and_then(|v| self.num(v)) {
            gs.fill_alpha = v.clamp(0.0, 1.0);
        }
        if let Some(v) = egs.get(b"CA".as_slice()).and_then(|v| self.num(v)) {
            gs.stroke_alpha = v.clamp(0.0, 1.0);
        }
        if let Some(bm) = egs.get(b"BM".as_slice()) {
            let names: Vec<Vec<u8>> = match self.resolve(bm) {
                Some(Object::Name(n)) => vec![n],
                Some(Object::Array(a)) => a
                    .iter()
                    .filter_map(|x| x.as_name().map(<[u8]>::to_vec))
                    .collect(),
                _ => Vec::new(),
            };
            gs.blends = names
                .first()
                .is_some_and(|n| matches!(n.as_slice(), b"Multiply" | b"Darken" | b"ColorBurn"));
        }
    }

    fn xobject(&mut self, resources: Option<&Dict>, name: &[u8], gs: &GState) {
        let Some(xref) = resources
            .and_then(|r| r.get(b"XObject".as_slice()))
            .and_then(|x| self.load_dict(x))
            .and_then(|x| x.get(name).cloned())
        else {
            self.out.problems.push(format!(
                "XObject /{} not found",
                String::from_utf8_lossy(name)
            ));
            return;
        };
        // The dictionary first: an image's data is not needed to place it.
        let Some(Object::Stream(head)) = self.resolve_head(&xref) else {
            return;
        };
        let subtype = head
            .dict
            .get(b"Subtype".as_slice())
            .and_then(Object::as_name);
        let s = if subtype == Some(b"Form".as_slice()) {
            match self.resolve(&xref) {
                Some(Object::Stream(s)) => s,
                _ => return,
            }
        } else {
            head
        };
        let subtype = s.dict.get(b"Subtype".as_slice()).and_then(Object::as_name);
        match subtype {
            Some(b"Image") => {
                let r = gs.ctm.apply_rect(&Rect::new(0.0, 0.0, 1.0, 1.0));
                let img = xref.as_ref().map(|r| (r, gs.ctm));
                self.mark(gs, MarkKind::Image, r, None, img);
            }
            Some(b"Form") => {
                let num = xref.as_ref().map(|r| r.num);
                if self.forms.len() >= self.limits.max_form_depth {
                    self.out.truncated = true;
                    return;
                }
                if num.is_some_and(|n| self.forms.contains(&n)) {
                    self.out
                        .problems
                        .push("form XObject draws itself (cycle)".into());
                    return;
                }
                let m = s
                    .dict
                    .get(b"Matrix".as_slice())
                    .and_then(|m| self.matrix_of(m))
                    .unwrap_or(Matrix::IDENTITY);
                let mut inner = gs.clone();
                inner.ctm = m.then(&gs.ctm);
                if let Some(bbox) = s.dict.get(b"BBox".as_slice()).and_then(|b| self.rect_of(b)) {
                    let b = inner.ctm.apply_rect(&bbox);
                    inner.clip = Some(match gs.clip {
                        Some(c) => c.intersect(&b).unwrap_or(Rect::new(b.x0, b.y0, b.x0, b.y0)),
                        None => b,
                    });
                }
                let res = s
                    .dict
                    .get(b"Resources".as_slice())
                    .and_then(|r| self.load_dict(r));
                let Some(data) = self.decode(&s) else { return };
                if let Some(n) = num {
                    self.forms.push(n);
                }
                let (res_ref, res_id) = match &res {
                    Some(r) => (Some(r), num),
                    None => (resources, None),
                };
                let res_owned = res_ref.cloned();
                self.run(&data, res_owned.as_ref(), res_id, inner);
                if num.is_some() {
                    self.forms.pop();
                }
            }
            _ => {}
        }
    }
}

#[derive(Default)]
struct TextRun {
    rect: Option<Rect>,
    text: String,
    opaque_text: bool,
}

/// A single-byte code as a character of Latin text (WinAnsi/Latin-1 range),
/// for messages only.
fn latin(code: u32) -> Option<char> {
    match code {
        0x21..=0x7e | 0xa0..=0xff => char::from_u32(code),
        _ => None,
    }
}

/// Whether a colour operator sets white (gray 1, RGB 1 1 1, CMYK 0 0 0 0).
fn is_white(op: &[u8], a: &[Operand]) -> bool {
    let v: Vec<f64> = a.iter().filter_map(Operand::num).collect();
    match (op, v.as_slice()) {
        (b"g" | b"G", [g]) => *g >= 0.98,
        (b"rg" | b"RG", [r, g, b]) => *r >= 0.98 && *g >= 0.98 && *b >= 0.98,
        (b"k" | b"K", [c, m, y, k]) => *c <= 0.02 && *m <= 0.02 && *y <= 0.02 && *k <= 0.02,
        // sc/scn in an unknown colour space: white only if every component is 1
        // and there are 1 or 3 of them.
        (_, [g]) => *g >= 0.98,
        (_, [r, g, b]) => *r >= 0.98 && *g >= 0.98 && *b >= 0.98,
        _ => false,
    }
}
