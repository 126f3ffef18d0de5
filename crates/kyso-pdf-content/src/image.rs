//! Blank-paper detection in page images (scanned documents).
//!
//! A stamp or signature appearance added after signing a *scanned* page sits
//! on one big image. Whether it hides scanned text or a blank margin is a
//! question about the image's pixels: [`region_is_blank`] decodes the image
//! XObject (ISO 32000-1 §8.9.5) and looks at the part under the stamp.
//!
//! # Formats
//!
//! | what | supported |
//! |---|---|
//! | filters | none, every non-image filter of kyso-pdf (Flate/LZW with predictors, ASCII85, ASCIIHex, RunLength), then optionally one image codec last in the chain |
//! | DCTDecode | baseline and progressive JPEG ([`zune_jpeg`]): gray, YCbCr, RGB, CMYK and YCCK (Adobe APP14) |
//! | CCITTFaxDecode | Group 3 1D (/K 0), Group 3 2D (/K > 0), Group 4 (/K < 0); /Columns, /Rows, /BlackIs1, /EncodedByteAlign, /EndOfLine, /EndOfBlock (code tables from [`fax`]) |
//! | JBIG2Decode, JPXDecode | [`Undecided::Unsupported`] |
//! | samples | /BitsPerComponent 1, 2, 4, 8, 16 (16 read as its high byte) |
//! | colour | DeviceGray, DeviceRGB, DeviceCMYK, CalGray, CalRGB, Lab (by L\*), ICCBased (by /N, the profile is not parsed), Indexed (over any of these; lookup string or stream), Separation and DeviceN (by tint: see below), /ImageMask stencils; /Decode arrays |
//!
//! Colour-space objects and the image dictionary's values may be indirect;
//! they are resolved in the document's newest revision, as
//! [`Document::decode_stream`] does for `/Filter`.
//!
//! # Policy: what is "blank"
//!
//! Every pixel of the region is classified as *ink* or *paper*:
//!
//! - Its colour is converted to a luminance in 0..=1 (BT.601 luma for RGB,
//!   the same weights JPEG's Y uses; naive CMYK→RGB; L\*/100 for Lab; for
//!   Separation/DeviceN `1 - max(tint)`, i.e. every colorant is assumed dark,
//!   and the colorant `/None` paints nothing). It is ink when the luminance is
//!   below [`INK_LUMINANCE`] (0.6): scanned paper is 0.8–1.0, printed or
//!   written text (black, blue, red ink) below 0.45; a light background tint
//!   or a yellow highlighter (0.9) is not ink.
//! - Stencil masks (/ImageMask): painted samples are ink, whatever the fill
//!   colour (it is not known here; assuming ink is the cautious side).
//!
//! The region is **not blank** as soon as either
//!
//! - one 8-connected group of ink pixels reaches [`mark_pixels`] pixels — a
//!   *mark*: a letter, a digit, a stroke. The threshold is the image's
//!   shorter side / 100 (clamped to 6..=64), about the area of a 0.45 mm dot
//!   on a full-page scan at any resolution (25 pixels at 300 dpi, 8 at
//!   100 dpi): a digit of 8-point text is 4× that or more, while a scanner
//!   speck, a full stop or an i-dot stays below. So a stamp hiding a single
//!   digit of an amount is still caught, however large the stamp is; or
//! - ink pixels of any size add up to more than [`MAX_INK_FRACTION`] (0.5 %)
//!   of the region: dense speckle, dithering or a tinted background is
//!   content, not blank paper.
//!
//! Otherwise the region is blank: white or near-white paper, possibly with a
//! few isolated specks. Errors and doubts are never "blank": data that ends
//! before the region, a corrupt CCITT row, a JPEG whose size differs from the
//! dictionary, or an unknown colour space give [`Undecided`]; a damaged JPEG
//! tail is decoded as mid-gray (ink). Transparency (/SMask, /Mask) is ignored:
//! the image is judged as if opaque (what shows through is other page content,
//! which the content-stream interpreter reports on its own).
//!
//! # Work and memory
//!
//! Declared /Width × /Height is checked against [`ImageLimits::max_pixels`]
//! and the bytes the decoder will need against
//! [`ImageLimits::max_decoded_bytes`] before anything is decoded. Only the
//! region's pixels are examined, and the examination stops at the first mark.
//! CCITT data is decoded row by row down to the region's last row only, with
//! memory proportional to the width. Sampled (raw/Flate/…) data is decoded by
//! kyso-pdf (bounded by the document's own [`kyso_pdf::Limits`]), then only the
//! region's rows are read. A JPEG is decoded whole (baseline needs its output
//! buffer, progressive also its coefficients: both are counted). A damaged
//! baseline JPEG decodes as mid-gray (ink) where data is lost; a damaged
//! progressive one is refused (strict mode), since its first scans already
//! give a complete, blurred picture in which small text may look like paper.

use kyso_pdf::{Dict, Document, Object, PdfError, Stream};
use std::borrow::Cow;

/// Bounds on decoding one image.
#[derive(Debug, Clone, Copy)]
pub struct ImageLimits {
    /// Most pixels decoded (width × height).
    pub max_pixels: u64,
    /// Most bytes of decoded sample data.
    pub max_decoded_bytes: usize,
}

impl Default for ImageLimits {
    fn default() -> Self {
        ImageLimits {
            max_pixels: 60_000_000,
            max_decoded_bytes: 256 * 1024 * 1024,
        }
    }
}

/// Why a region could not be judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecided {
    /// The image's encoding is not supported (e.g. JBIG2, JPX).
    Unsupported(String),
    /// Decoding failed or the data is malformed.
    Malformed(String),
    /// A limit was reached before the answer.
    Limit(&'static str),
}

impl std::fmt::Display for Undecided {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Undecided::Unsupported(what) => write!(f, "image not supported: {what}"),
            Undecided::Malformed(what) => write!(f, "image unreadable: {what}"),
            Undecided::Limit(code) => write!(f, "image limit reached ({code})"),
        }
    }
}

impl std::error::Error for Undecided {}

/// A region of an image in the image's unit square (ISO 32000-1 §8.9.4: the
/// image occupies `[0 1] × [0 1]` of image space, with (0,0) at the
/// *lower-left* corner of the image as placed, i.e. the last row of samples).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitRegion {
    /// Left, 0..=1.
    pub x0: f64,
    /// Bottom, 0..=1.
    pub y0: f64,
    /// Right, 0..=1.
    pub x1: f64,
    /// Top, 0..=1.
    pub y1: f64,
}

/// A pixel whose luminance (0 black ..= 1 white) is below this is ink.
pub const INK_LUMINANCE: f32 = 0.6;

/// A region whose ink pixels exceed this fraction of its pixels is not blank,
/// even when no single mark is large enough to count.
pub const MAX_INK_FRACTION: f64 = 0.005;

/// The smallest 8-connected group of ink pixels that counts as a mark in an
/// image of `width` × `height` pixels: the shorter side / 100, within 6..=64.
/// See the [module documentation](self) for why.
pub fn mark_pixels(width: u64, height: u64) -> u64 {
    (width.min(height) / 100).clamp(6, 64)
}

const LIMIT_PIXELS: &str = "image.limit.pixels";
const LIMIT_BYTES: &str = "image.limit.decoded_bytes";

fn malformed(s: impl Into<String>) -> Undecided {
    Undecided::Malformed(s.into())
}

fn from_pdf(e: PdfError) -> Undecided {
    match e {
        PdfError::Limit { code } => Undecided::Limit(code),
        PdfError::UnsupportedFilter(f) => Undecided::Unsupported(format!("filter /{f}")),
        e => Undecided::Malformed(e.to_string()),
    }
}

/// Whether the part `region` of the image XObject `img` (its dictionary and
/// raw data, as read from revision's objects) is near-white: blank paper.
///
/// `Ok(true)`: blank (an empty region is blank); `Ok(false)`: ink, per the
/// policy in the [module documentation](self). Never panics; every error is
/// an [`Undecided`].
pub fn region_is_blank(
    doc: &Document<'_>,
    img: &Stream,
    region: UnitRegion,
    limits: &ImageLimits,
) -> Result<bool, Undecided> {
    let res = Resolver::new(doc);
    let d = &img.dict;

    let coords = [region.x0, region.y0, region.x1, region.y1];
    if coords.iter().any(|v| v.is_nan()) {
        return Err(malformed("the region is not a number"));
    }
    let [x0, y0, x1, y1] = coords.map(|v| v.clamp(0.0, 1.0));
    if x0 >= x1 || y0 >= y1 {
        return Ok(true);
    }

    let width = res.dimension(d, b"Width", b"W")?;
    let height = res.dimension(d, b"Height", b"H")?;
    let pixels = width
        .checked_mul(height)
        .ok_or(Undecided::Limit(LIMIT_PIXELS))?;
    if pixels > limits.max_pixels {
        return Err(Undecided::Limit(LIMIT_PIXELS));
    }
    // Image space (§8.9.4): column c covers x in [c/w, (c+1)/w]; row r (row 0
    // is the first in the data) covers y in [1-(r+1)/h, 1-r/h].
    let (cx0, cx1) = span(x0, x1, width);
    let (ry0, ry1) = span(1.0 - y1, 1.0 - y0, height);
    let area = Area {
        x0: to_usize(cx0)?,
        x1: to_usize(cx1)?,
        r0: to_usize(ry0)?,
        r1: to_usize(ry1)?,
    };
    let mut judge = Judge::new(
        (cx1 - cx0).saturating_mul(ry1 - ry0),
        mark_pixels(width, height),
    );

    let (leading, codec) = res.filters(d)?;
    let image_mask = matches!(res.get(d, b"ImageMask", b"IM")?, Some(Object::Bool(true)));
    let bpc = match res.get(d, b"BitsPerComponent", b"BPC")? {
        Some(Object::Int(n)) => Some(n),
        Some(Object::Real(r)) if r.fract() == 0.0 => Some(r as i64),
        None => None,
        Some(_) => return Err(malformed("/BitsPerComponent is not a number")),
    };
    let decode = res.numbers(d, b"Decode", b"D")?;
    let space = if image_mask {
        if bpc.is_some_and(|b| b != 1) {
            return Err(malformed("an image mask has 1 bit per sample"));
        }
        Some(Space::Mask)
    } else {
        match res.get(d, b"ColorSpace", b"CS")? {
            Some(cs) => Some(res.space(&cs, 0)?),
            None => None,
        }
    };

    let data = res.decode_leading(img, &leading)?;
    let decided = match codec {
        Codec::None => {
            let space = space.ok_or_else(|| malformed("an image without /ColorSpace"))?;
            let bpc = match (bpc, &space) {
                (Some(b), _) => b,
                (None, Space::Mask) => 1,
                (None, _) => return Err(malformed("an image without /BitsPerComponent")),
            };
            let bpc = match bpc {
                1 | 2 | 4 | 8 | 16 => bpc as u8,
                _ => return Err(malformed(format!("/BitsPerComponent {bpc}"))),
            };
            let eval = Eval::new(&space, bpc, decode.as_deref())?;
            scan_samples(&data, width, height, &eval, area, limits, &mut judge)?
        }
        Codec::Dct => {
            if matches!(
                space,
                Some(Space::Mask | Space::Indexed { .. } | Space::Lab)
            ) {
                return Err(Undecided::Unsupported(
                    "a JPEG image in an Indexed or Lab colour space, or as a mask".into(),
                ));
            }
            let default_decode = decode
                .as_deref()
                .is_none_or(|v| v.chunks(2).all(|p| p == [0.0, 1.0]));
            let want_luma =
                default_decode && !matches!(space, Some(Space::Tints(_) | Space::NoInk(_)));
            let (samples, n) = jpeg_pixels(&data, width, height, want_luma, limits)?;
            let space = match space {
                Some(s) if s.components() == n => s,
                _ => match n {
                    1 => Space::Gray,
                    3 => Space::Rgb,
                    _ => Space::Cmyk,
                },
            };
            let eval = Eval::new(&space, 8, decode.as_deref())?;
            scan_samples(&samples, width, height, &eval, area, limits, &mut judge)?
        }
        Codec::Ccitt(parms) => {
            if bpc.is_some_and(|b| b != 1) {
                return Err(malformed("CCITT data has 1 bit per sample"));
            }
            let space = space.unwrap_or(Space::Gray);
            if space.components() != 1 {
                return Err(malformed(
                    "CCITT data in a colour space of several components",
                ));
            }
            let eval = Eval::new(&space, 1, decode.as_deref())?;
            let p = CcittParams::read(&res, parms.as_ref(), width, height)?;
            scan_ccitt(&data, &p, &eval, area, &mut judge)?
        }
    };
    Ok(!decided)
}

/// Pixel rows `r0..r1` and columns `x0..x1` of the region.
#[derive(Debug, Clone, Copy)]
struct Area {
    x0: usize,
    x1: usize,
    r0: usize,
    r1: usize,
}

fn to_usize(v: u64) -> Result<usize, Undecided> {
    usize::try_from(v).map_err(|_| Undecided::Limit(LIMIT_PIXELS))
}

/// The samples `[a, b)` out of `n` that a unit interval `[lo, hi]` (0 <= lo <
/// hi <= 1) overlaps; at least one. Rounding noise (1e-9 of a sample) does
/// not pull in a neighbour.
fn span(lo: f64, hi: f64, n: u64) -> (u64, u64) {
    const EPS: f64 = 1e-9;
    let nf = n as f64;
    let a = (lo * nf + EPS).floor().clamp(0.0, nf) as u64;
    let b = (hi * nf - EPS).ceil().clamp(0.0, nf) as u64;
    let a = a.min(n.saturating_sub(1));
    (a, b.max(a + 1).min(n))
}

// ---------------------------------------------------------------------------
// The decision: streaming connected components over the region's ink runs.

/// Counts ink and finds marks row by row (8-connected components over runs,
/// union-find with sizes). Memory is bounded by the runs seen before the
/// decision, which is at most [`MAX_INK_FRACTION`] of the region plus a row.
struct Judge {
    mark: u64,
    max_ink: u64,
    ink: u64,
    parent: Vec<u32>,
    size: Vec<u64>,
    prev: Vec<(u32, u32, u32)>,
    cur: Vec<(u32, u32, u32)>,
}

impl Judge {
    fn new(region_pixels: u64, mark: u64) -> Judge {
        Judge {
            mark: mark.max(1),
            max_ink: (region_pixels as f64 * MAX_INK_FRACTION) as u64,
            ink: 0,
            parent: Vec::new(),
            size: Vec::new(),
            prev: Vec::new(),
            cur: Vec::new(),
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        let mut root = x;
        while let Some(&p) = self.parent.get(root as usize) {
            if p == root {
                break;
            }
            root = p;
        }
        while let Some(&p) = self.parent.get(x as usize) {
            if p == root {
                break;
            }
            if let Some(slot) = self.parent.get_mut(x as usize) {
                *slot = root;
            }
            x = p;
        }
        root
    }

    /// Merge two components; the size of the merged one.
    fn union(&mut self, a: u32, b: u32) -> u64 {
        let (ra, rb) = (self.find(a), self.find(b));
        let sa = self.size.get(ra as usize).copied().unwrap_or(0);
        if ra == rb {
            return sa;
        }
        let sb = self.size.get(rb as usize).copied().unwrap_or(0);
        let (big, small) = if sa >= sb { (ra, rb) } else { (rb, ra) };
        if let Some(p) = self.parent.get_mut(small as usize) {
            *p = big;
        }
        let total = sa.saturating_add(sb);
        if let Some(s) = self.size.get_mut(big as usize) {
            *s = total;
        }
        total
    }

    /// One row of the region, as sorted, disjoint ink runs `[start, end)` in
    /// region columns. True once the region is decided not blank.
    fn row(&mut self, runs: &[(u32, u32)]) -> bool {
        self.cur.clear();
        let mut j = 0usize;
        for &(s, e) in runs {
            if e <= s {
                continue;
            }
            let len = u64::from(e - s);
            self.ink = self.ink.saturating_add(len);
            let Ok(label) = u32::try_from(self.parent.len()) else {
                return true;
            };
            self.parent.push(label);
            self.size.push(len);
            let mut biggest = len;
            // Previous-row runs touching [s-1, e] (8-connectivity).
            while self.prev.get(j).is_some_and(|&(_, pe, _)| pe < s) {
                j += 1;
            }
            let mut k = j;
            while let Some(&(ps, pe, pl)) = self.prev.get(k) {
                if ps > e {
                    break;
                }
                biggest = self.union(label, pl);
                if pe > e {
                    break;
                }
                k += 1;
            }
            self.cur.push((s, e, label));
            if biggest >= self.mark {
                return true;
            }
        }
        std::mem::swap(&mut self.prev, &mut self.cur);
        self.ink > self.max_ink
    }
}

// ---------------------------------------------------------------------------
// Colour: from samples to ink.

/// A colour space, as far as luminance goes.
#[derive(Debug, Clone, PartialEq)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// CIE L*a*b*: L* (0..100) alone decides.
    Lab,
    /// Separation / DeviceN with n colorants: `1 - max(tint)`.
    Tints(usize),
    /// Separation /None (or DeviceN of /None only), with n components: paints nothing.
    NoInk(usize),
    /// A stencil mask: painted samples (decoded 0) are ink.
    Mask,
    Indexed {
        base: Box<Space>,
        hival: usize,
        lookup: Vec<u8>,
    },
}

impl Space {
    fn components(&self) -> usize {
        match self {
            Space::Gray | Space::Mask | Space::Indexed { .. } => 1,
            Space::Rgb | Space::Lab => 3,
            Space::Cmyk => 4,
            Space::Tints(n) | Space::NoInk(n) => *n,
        }
    }

    /// Default /Decode range of component `i` for `bpc`-bit samples (§8.9.5.2, Table 90).
    fn default_range(&self, i: usize, bpc: u8) -> (f64, f64) {
        match self {
            Space::Indexed { .. } => (0.0, f64::from((1u32 << bpc.min(16)) - 1)),
            Space::Lab if i == 0 => (0.0, 100.0),
            Space::Lab => (-100.0, 100.0),
            _ => (0.0, 1.0),
        }
    }

    /// Luminance 0..=1 of decoded component values (not for Indexed).
    fn luminance(&self, c: &[f32]) -> f32 {
        let g = |i: usize| c.get(i).copied().unwrap_or(0.0).clamp(0.0, 1.0);
        match self {
            Space::Gray => g(0),
            Space::Rgb => 0.299 * g(0) + 0.587 * g(1) + 0.114 * g(2),
            Space::Cmyk => {
                let k = 1.0 - g(3);
                0.299 * (1.0 - g(0)) * k + 0.587 * (1.0 - g(1)) * k + 0.114 * (1.0 - g(2)) * k
            }
            Space::Lab => (c.first().copied().unwrap_or(0.0) / 100.0).clamp(0.0, 1.0),
            Space::Tints(n) => 1.0 - (0..*n).map(g).fold(0.0, f32::max),
            Space::NoInk(_) => 1.0,
            Space::Mask => {
                if c.first().copied().unwrap_or(0.0) < 0.5 {
                    0.0
                } else {
                    1.0
                }
            }
            // Resolved through the lookup table by `Eval::new`.
            Space::Indexed { .. } => 0.0,
        }
    }
}

/// How a pixel's samples become ink or paper.
enum Eval {
    /// One component: ink by sample value (16-bit samples by their high byte).
    Table { bpc: u8, ink: Vec<bool> },
    /// Several components: per-component decoded values, then luminance.
    Colour {
        bpc: u8,
        space: Space,
        values: Vec<Vec<f32>>,
    },
}

impl Eval {
    fn new(space: &Space, bpc: u8, decode: Option<&[f64]>) -> Result<Eval, Undecided> {
        let n = space.components();
        if n == 0 || n > 32 {
            return Err(malformed("a colour space with no or too many components"));
        }
        // Table size: 16-bit samples are read as their high byte.
        let bits = bpc.min(8);
        let entries = 1usize << bits;
        let max = f64::from((1u32 << bits) - 1);
        let ranges: Vec<(f64, f64)> = match decode {
            Some(v) if v.len() == 2 * n && v.iter().all(|x| x.is_finite()) => {
                v.chunks(2).map(|p| (p[0], p[1])).collect()
            }
            _ => (0..n).map(|i| space.default_range(i, bpc)).collect(),
        };
        // §8.9.5.2: Dmin + s × (Dmax − Dmin) / (2^bpc − 1). For 16-bit
        // samples read by the high byte, hi/255 ≈ s/65535, except for Indexed
        // (not allowed above 8 bits).
        let value = |i: usize, s: usize| -> f64 {
            let (lo, hi) = ranges.get(i).copied().unwrap_or((0.0, 1.0));
            lo + s as f64 * (hi - lo) / max
        };
        match space {
            Space::Indexed {
                base,
                hival,
                lookup,
            } => {
                if bpc > 8 {
                    return Err(malformed("an Indexed image of more than 8 bits"));
                }
                let nb = base.components();
                let mut ink = Vec::with_capacity(entries);
                let mut comps = vec![0f32; nb];
                for s in 0..entries {
                    let idx = value(0, s).round().clamp(0.0, *hival as f64) as usize;
                    let entry = idx.checked_mul(nb).and_then(|a| lookup.get(a..a + nb));
                    // A palette entry the table lacks is taken as ink.
                    let is_ink = match entry {
                        None => true,
                        Some(bytes) => {
                            for (j, (b, c)) in bytes.iter().zip(comps.iter_mut()).enumerate() {
                                let (lo, hi) = base.default_range(j, 8);
                                *c = (lo + f64::from(*b) * (hi - lo) / 255.0) as f32;
                            }
                            base.luminance(&comps) < INK_LUMINANCE
                        }
                    };
                    ink.push(is_ink);
                }
                Ok(Eval::Table { bpc, ink })
            }
            _ if n == 1 => {
                let ink = (0..entries)
                    .map(|s| space.luminance(&[value(0, s) as f32]) < INK_LUMINANCE)
                    .collect();
                Ok(Eval::Table { bpc, ink })
            }
            _ => {
                let values = (0..n)
                    .map(|i| (0..entries).map(|s| value(i, s) as f32).collect())
                    .collect();
                Ok(Eval::Colour {
                    bpc,
                    space: space.clone(),
                    values,
                })
            }
        }
    }

    fn components(&self) -> usize {
        match self {
            Eval::Table { .. } => 1,
            Eval::Colour { values, .. } => values.len(),
        }
    }

    fn bpc(&self) -> u8 {
        match self {
            Eval::Table { bpc, .. } | Eval::Colour { bpc, .. } => *bpc,
        }
    }

    /// Ink runs of columns `x0..x1` of one row of samples, relative to `x0`.
    fn runs(&self, row: &[u8], x0: usize, x1: usize, out: &mut Vec<(u32, u32)>) {
        out.clear();
        let n = self.components();
        let bpc = self.bpc();
        let mut comps = [0f32; 32];
        let mut start: Option<u32> = None;
        for (rel, x) in (x0..x1).enumerate() {
            let is_ink = match self {
                Eval::Table { ink, .. } => ink
                    .get(usize::from(sample(row, x, bpc)))
                    .copied()
                    .unwrap_or(true),
                Eval::Colour { space, values, .. } => {
                    for (i, (c, v)) in comps.iter_mut().zip(values.iter()).enumerate() {
                        let s = sample(row, x * n + i, bpc);
                        *c = v.get(usize::from(s)).copied().unwrap_or(0.0);
                    }
                    let l = space.luminance(comps.get(..n).unwrap_or(&[]));
                    // NaN (cannot happen with finite /Decode) is ink.
                    l.is_nan() || l < INK_LUMINANCE
                }
            };
            let rel = rel as u32;
            match (is_ink, start) {
                (true, None) => start = Some(rel),
                (false, Some(s)) => {
                    out.push((s, rel));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, (x1 - x0) as u32));
        }
    }
}

/// Sample `i` of a row of `bpc`-bit samples (16-bit: the high byte).
fn sample(row: &[u8], i: usize, bpc: u8) -> u8 {
    match bpc {
        8 => row.get(i).copied().unwrap_or(0),
        16 => row.get(i.wrapping_mul(2)).copied().unwrap_or(0),
        1 | 2 | 4 => {
            let bits = usize::from(bpc);
            let bit = i.wrapping_mul(bits);
            let byte = row.get(bit / 8).copied().unwrap_or(0);
            let shift = 8 - bits - bit % 8;
            (byte >> shift) & ((1u8 << bits) - 1)
        }
        _ => 0,
    }
}

/// Scan the region of sample data (rows of `ceil(w × n × bpc / 8)` bytes).
fn scan_samples(
    data: &[u8],
    width: u64,
    height: u64,
    eval: &Eval,
    area: Area,
    limits: &ImageLimits,
    judge: &mut Judge,
) -> Result<bool, Undecided> {
    let n = eval.components() as u64;
    let bits = width
        .checked_mul(n)
        .and_then(|v| v.checked_mul(u64::from(eval.bpc())))
        .ok_or(Undecided::Limit(LIMIT_BYTES))?;
    let row_bytes = to_usize(bits.div_ceil(8))?;
    let total = (row_bytes as u64)
        .checked_mul(height)
        .ok_or(Undecided::Limit(LIMIT_BYTES))?;
    if total > limits.max_decoded_bytes as u64 || data.len() > limits.max_decoded_bytes {
        return Err(Undecided::Limit(LIMIT_BYTES));
    }
    let needed = row_bytes
        .checked_mul(area.r1)
        .ok_or(Undecided::Limit(LIMIT_BYTES))?;
    if data.len() < needed {
        return Err(malformed(format!(
            "the image data ends at row {} of {height}, before the region's last row {}",
            data.len() / row_bytes.max(1),
            area.r1
        )));
    }
    let mut runs = Vec::new();
    for r in area.r0..area.r1 {
        let start = r * row_bytes;
        let row = data.get(start..start + row_bytes).unwrap_or(&[]);
        eval.runs(row, area.x0, area.x1, &mut runs);
        if judge.row(&runs) {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---------------------------------------------------------------------------
// Reading the dictionary.

enum Codec {
    None,
    Dct,
    Ccitt(Option<Dict>),
}

struct Resolver<'d, 'a> {
    doc: &'d Document<'a>,
    rev: usize,
}

impl<'d, 'a> Resolver<'d, 'a> {
    fn new(doc: &'d Document<'a>) -> Self {
        Resolver {
            doc,
            rev: doc.revisions().len().saturating_sub(1),
        }
    }

    /// Follow references (without copying stream data); dangling → Null.
    fn head(&self, o: &Object) -> Result<Object, Undecided> {
        let mut cur = o.clone();
        for _ in 0..=self.doc.limits().max_depth {
            match cur {
                Object::Ref(r) => {
                    cur = self
                        .doc
                        .object_head(self.rev, r)
                        .map_err(from_pdf)?
                        .unwrap_or(Object::Null)
                }
                other => return Ok(other),
            }
        }
        Err(Undecided::Limit("pdf.limit.depth"))
    }

    /// An entry by its name or its inline-image abbreviation, resolved; null is absent.
    fn get(&self, d: &Dict, key: &[u8], short: &[u8]) -> Result<Option<Object>, Undecided> {
        match d.get(key).or_else(|| d.get(short)) {
            None => Ok(None),
            Some(o) => match self.head(o)? {
                Object::Null => Ok(None),
                o => Ok(Some(o)),
            },
        }
    }

    fn dimension(&self, d: &Dict, key: &[u8], short: &[u8]) -> Result<u64, Undecided> {
        let name = String::from_utf8_lossy(key);
        let v = match self.get(d, key, short)? {
            Some(Object::Int(n)) => n,
            Some(Object::Real(r)) if r.fract() == 0.0 && r.abs() < 1e15 => r as i64,
            _ => return Err(malformed(format!("/{name} is missing or not an integer"))),
        };
        if v < 1 {
            return Err(malformed(format!("/{name} {v}")));
        }
        Ok(v as u64)
    }

    fn numbers(&self, d: &Dict, key: &[u8], short: &[u8]) -> Result<Option<Vec<f64>>, Undecided> {
        let Some(Object::Array(a)) = self.get(d, key, short)? else {
            return Ok(None);
        };
        let mut out = Vec::with_capacity(a.len().min(64));
        for o in a.iter().take(64) {
            match self.head(o)? {
                Object::Int(i) => out.push(i as f64),
                Object::Real(r) => out.push(r),
                _ => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// The non-image filters (with their parameters) and the image codec after them.
    #[allow(clippy::type_complexity)]
    fn filters(&self, d: &Dict) -> Result<(Vec<(Vec<u8>, Option<Dict>)>, Codec), Undecided> {
        let names: Vec<Vec<u8>> = match self.get(d, b"Filter", b"F")? {
            None => Vec::new(),
            Some(Object::Name(n)) => vec![n],
            Some(Object::Array(a)) => {
                if a.len() > 8 {
                    return Err(Undecided::Limit("pdf.limit.filters"));
                }
                let mut v = Vec::new();
                for o in &a {
                    match self.head(o)? {
                        Object::Name(n) => v.push(n),
                        _ => return Err(malformed("/Filter holds something not a name")),
                    }
                }
                v
            }
            Some(_) => return Err(malformed("/Filter is not a name or an array")),
        };
        let parms: Vec<Option<Dict>> = match self.get(d, b"DecodeParms", b"DP")? {
            Some(Object::Dict(p)) => vec![Some(p)],
            Some(Object::Array(a)) => {
                let mut v = Vec::new();
                for o in a.iter().take(8) {
                    v.push(match self.head(o)? {
                        Object::Dict(p) => Some(p),
                        _ => None,
                    });
                }
                v
            }
            _ => Vec::new(),
        };
        let mut leading = Vec::new();
        let mut codec = Codec::None;
        let count = names.len();
        for (i, name) in names.into_iter().enumerate() {
            let p = parms.get(i).cloned().flatten();
            let image = match name.as_slice() {
                b"DCTDecode" | b"DCT" => Some(Codec::Dct),
                b"CCITTFaxDecode" | b"CCF" => Some(Codec::Ccitt(p.clone())),
                b"JBIG2Decode" => return Err(Undecided::Unsupported("JBIG2Decode".into())),
                b"JPXDecode" => return Err(Undecided::Unsupported("JPXDecode".into())),
                _ => None,
            };
            match image {
                Some(c) if i + 1 == count => codec = c,
                Some(_) => return Err(malformed("an image filter is not the last filter")),
                None => leading.push((name, p)),
            }
        }
        Ok((leading, codec))
    }

    /// The stream's data after the non-image filters.
    fn decode_leading<'s>(
        &self,
        img: &'s Stream,
        leading: &[(Vec<u8>, Option<Dict>)],
    ) -> Result<Cow<'s, [u8]>, Undecided> {
        if leading.is_empty() {
            return Ok(Cow::Borrowed(&img.raw));
        }
        let mut dict = Dict::new();
        dict.insert(
            b"Filter".to_vec(),
            Object::Array(
                leading
                    .iter()
                    .map(|(n, _)| Object::Name(n.clone()))
                    .collect(),
            ),
        );
        dict.insert(
            b"DecodeParms".to_vec(),
            Object::Array(
                leading
                    .iter()
                    .map(|(_, p)| p.clone().map_or(Object::Null, Object::Dict))
                    .collect(),
            ),
        );
        let s = Stream {
            dict,
            raw: img.raw.clone(),
        };
        self.doc.decode_stream(&s).map(Cow::Owned).map_err(from_pdf)
    }

    fn space(&self, o: &Object, depth: u8) -> Result<Space, Undecided> {
        if depth > 2 {
            return Err(malformed("colour spaces nested too deep"));
        }
        let o = self.head(o)?;
        let (family, args): (Vec<u8>, &[Object]) = match &o {
            Object::Name(n) => (n.clone(), &[]),
            Object::Array(a) => match a.split_first() {
                Some((f, rest)) => match self.head(f)? {
                    Object::Name(n) => (n, rest),
                    _ => return Err(malformed("a colour space array without a family name")),
                },
                None => return Err(malformed("an empty colour space array")),
            },
            _ => return Err(malformed("/ColorSpace is not a name or an array")),
        };
        let arg = |i: usize| args.get(i).map(|a| self.head(a)).transpose();
        Ok(match family.as_slice() {
            b"DeviceGray" | b"G" | b"CalGray" => Space::Gray,
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Space::Rgb,
            b"DeviceCMYK" | b"CMYK" => Space::Cmyk,
            b"Lab" => Space::Lab,
            b"ICCBased" => {
                let Some(Object::Stream(s)) = arg(0)? else {
                    return Err(malformed("ICCBased without a profile stream"));
                };
                match s
                    .dict
                    .get(b"N".as_slice())
                    .map(|n| self.head(n))
                    .transpose()?
                {
                    Some(Object::Int(1)) => Space::Gray,
                    Some(Object::Int(3)) => Space::Rgb,
                    Some(Object::Int(4)) => Space::Cmyk,
                    _ => match s.dict.get(b"Alternate".as_slice()) {
                        Some(alt) => self.space(alt, depth + 1)?,
                        None => return Err(malformed("ICCBased profile with a bad /N")),
                    },
                }
            }
            b"Indexed" | b"I" => {
                if depth > 0 {
                    return Err(malformed("an Indexed base that is itself Indexed"));
                }
                let base = match args.first() {
                    Some(b) => self.space(b, depth + 1)?,
                    None => return Err(malformed("Indexed without a base")),
                };
                if matches!(base, Space::Indexed { .. } | Space::Mask) {
                    return Err(malformed("a bad Indexed base"));
                }
                let hival = match arg(1)? {
                    Some(Object::Int(h)) if (0..=255).contains(&h) => h as usize,
                    _ => return Err(malformed("Indexed /hival is not 0..=255")),
                };
                let lookup = match args.get(2) {
                    Some(l) => match self.doc.resolve(self.rev, l).map_err(from_pdf)? {
                        Object::String(s) => s.bytes,
                        Object::Stream(s) => self.doc.decode_stream(&s).map_err(from_pdf)?,
                        _ => return Err(malformed("Indexed lookup is not a string or stream")),
                    },
                    None => return Err(malformed("Indexed without a lookup table")),
                };
                Space::Indexed {
                    base: Box::new(base),
                    hival,
                    lookup,
                }
            }
            b"Separation" => match arg(0)? {
                Some(Object::Name(n)) if n == b"None" => Space::NoInk(1),
                _ => Space::Tints(1),
            },
            b"DeviceN" => match arg(0)? {
                Some(Object::Array(names)) if !names.is_empty() && names.len() <= 32 => {
                    if names
                        .iter()
                        .all(|n| n.as_name().is_some_and(|n| n == b"None"))
                    {
                        Space::NoInk(names.len())
                    } else {
                        Space::Tints(names.len())
                    }
                }
                _ => return Err(malformed("DeviceN without colorant names")),
            },
            other => {
                return Err(Undecided::Unsupported(format!(
                    "colour space /{}",
                    String::from_utf8_lossy(other)
                )))
            }
        })
    }
}

// ---------------------------------------------------------------------------
// DCTDecode.

/// Decode a JPEG: the samples (8 bits, `n` components interleaved) and `n`.
/// 1: gray (or the Y of YCbCr when `want_luma`), 3: RGB, 4: CMYK as the
/// data has it (Adobe files inverted, which their /Decode undoes).
fn jpeg_pixels(
    data: &[u8],
    width: u64,
    height: u64,
    want_luma: bool,
    limits: &ImageLimits,
) -> Result<(Vec<u8>, usize), Undecided> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    use zune_jpeg::JpegDecoder;

    // JPEG's own maximum; our pixel limit is checked on the declared size.
    let base = DecoderOptions::default()
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX));
    let (jw, jh, input, progressive) = guarded(|| {
        let mut probe = JpegDecoder::new_with_options(ZCursor::new(data), base);
        probe
            .decode_headers()
            .map_err(|e| malformed(format!("JPEG: {e:?}")))?;
        let (w, h) = probe
            .dimensions()
            .ok_or_else(|| malformed("JPEG without a frame header"))?;
        let input = probe
            .input_colorspace()
            .ok_or_else(|| malformed("JPEG without a colour space"))?;
        // The SOF marker type is not nameable outside zune-jpeg; its Debug is.
        let progressive = probe
            .info()
            .is_some_and(|i| format!("{:?}", i.sof).contains("Progressive"));
        Ok((w, h, input, progressive))
    })?;
    if jw as u64 != width || jh as u64 != height {
        return Err(malformed(format!(
            "the JPEG is {jw}×{jh} pixels, the image dictionary says {width}×{height}"
        )));
    }
    let out = match input {
        ColorSpace::Luma => ColorSpace::Luma,
        ColorSpace::YCbCr if want_luma => ColorSpace::Luma,
        ColorSpace::YCbCr | ColorSpace::RGB => ColorSpace::RGB,
        ColorSpace::CMYK => ColorSpace::CMYK,
        ColorSpace::YCCK => ColorSpace::YCCK,
        other => {
            return Err(Undecided::Unsupported(format!(
                "JPEG colour space {other:?}"
            )))
        }
    };
    let n = out.num_components();
    let pixels = (jw as u64).saturating_mul(jh as u64);
    let bytes = pixels.saturating_mul(n as u64);
    // Progressive decoding keeps every coefficient (i16) of every component.
    let work = if progressive {
        bytes.saturating_add(pixels.saturating_mul(2 * input.num_components() as u64))
    } else {
        bytes
    };
    if work > limits.max_decoded_bytes as u64 {
        return Err(Undecided::Limit(LIMIT_BYTES));
    }
    let len = to_usize(bytes)?;
    // Mid-gray (ink) wherever a damaged tail leaves the buffer untouched.
    let mut buf = vec![128u8; len];
    // A damaged baseline JPEG leaves mid-gray (ink) where its data is lost.
    // A progressive one cut short is a complete but blurred picture (the
    // first scans cover the whole image): strict mode refuses it instead.
    let options = base
        .jpeg_set_out_colorspace(out)
        .set_strict_mode(progressive);
    guarded(|| {
        let mut dec = JpegDecoder::new_with_options(ZCursor::new(data), options);
        dec.decode_into(&mut buf)
            .map_err(|e| malformed(format!("JPEG: {e:?}")))
    })?;
    if out == ColorSpace::YCCK {
        // As libjpeg (and so PDF readers) do: YCC → RGB, then C = 255 − R …, K kept.
        for px in buf.chunks_exact_mut(4) {
            let (y, cb, cr) = (
                f32::from(px[0]),
                f32::from(px[1]) - 128.0,
                f32::from(px[2]) - 128.0,
            );
            let r = y + 1.402 * cr;
            let g = y - 0.344_136 * cb - 0.714_136 * cr;
            let b = y + 1.772 * cb;
            px[0] = (255.0 - r).round().clamp(0.0, 255.0) as u8;
            px[1] = (255.0 - g).round().clamp(0.0, 255.0) as u8;
            px[2] = (255.0 - b).round().clamp(0.0, 255.0) as u8;
        }
    }
    Ok((buf, n))
}

/// Run a third-party decoder so that a bug of its own (a panic) is an
/// [`Undecided`] rather than the end of the verification. On wasm (panic =
/// abort) this is a plain call.
fn guarded<T>(f: impl FnOnce() -> Result<T, Undecided>) -> Result<T, Undecided> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .unwrap_or_else(|_| Err(malformed("the JPEG decoder failed")))
    }
    #[cfg(target_arch = "wasm32")]
    {
        f()
    }
}

// ---------------------------------------------------------------------------
// CCITTFaxDecode (ITU-T T.4 and T.6; ISO 32000-1 §7.4.6, Table 11).

#[derive(Debug, Clone)]
struct CcittParams {
    k: i64,
    end_of_line: bool,
    byte_align: bool,
    columns: u32,
    rows: u32,
    end_of_block: bool,
    black_is_1: bool,
}

impl CcittParams {
    fn read(
        res: &Resolver<'_, '_>,
        p: Option<&Dict>,
        width: u64,
        height: u64,
    ) -> Result<CcittParams, Undecided> {
        let empty = Dict::new();
        let p = p.unwrap_or(&empty);
        let int = |k: &[u8], default: i64| -> Result<i64, Undecided> {
            match p.get(k).map(|o| res.head(o)).transpose()? {
                None | Some(Object::Null) => Ok(default),
                Some(Object::Int(i)) => Ok(i),
                Some(_) => Err(malformed(format!(
                    "CCITT /{} is not an integer",
                    String::from_utf8_lossy(k)
                ))),
            }
        };
        let flag = |k: &[u8], default: bool| -> Result<bool, Undecided> {
            match p.get(k).map(|o| res.head(o)).transpose()? {
                Some(Object::Bool(b)) => Ok(b),
                _ => Ok(default),
            }
        };
        let columns = int(b"Columns", 1728)?;
        let rows = int(b"Rows", 0)?;
        // The decoded rows are the image's rows: a disagreement would make
        // every reader show something different.
        if columns < 1 || columns as u64 != width {
            return Err(malformed(format!(
                "CCITT /Columns {columns} but the image is {width} wide"
            )));
        }
        if rows != 0 && rows as u64 != height {
            return Err(malformed(format!(
                "CCITT /Rows {rows} but the image is {height} high"
            )));
        }
        Ok(CcittParams {
            k: int(b"K", 0)?,
            end_of_line: flag(b"EndOfLine", false)?,
            byte_align: flag(b"EncodedByteAlign", false)?,
            columns: u32::try_from(columns).map_err(|_| Undecided::Limit(LIMIT_PIXELS))?,
            rows: u32::try_from(height).map_err(|_| Undecided::Limit(LIMIT_PIXELS))?,
            end_of_block: flag(b"EndOfBlock", true)?,
            black_is_1: flag(b"BlackIs1", false)?,
        })
    }
}

/// MSB-first bits over a slice, for the code tables of [`fax::maps`]. Peeking
/// past the end reads zeros (a code may end exactly at the end of the data);
/// consuming past it is remembered in `over`.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    end: usize,
    over: bool,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8]) -> Self {
        Bits {
            data,
            pos: 0,
            end: data.len().saturating_mul(8),
            over: false,
        }
    }

    fn peek12(&self) -> Option<u16> {
        fax::BitReader::peek(self, 12)
    }

    fn eat(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
        if self.pos > self.end {
            self.over = true;
            self.pos = self.end;
        }
    }

    fn align(&mut self) {
        let rem = self.pos % 8;
        if rem != 0 {
            self.eat(8 - rem);
        }
    }
}

impl fax::BitReader for Bits<'_> {
    type Error = ();

    fn peek(&self, bits: u8) -> Option<u16> {
        if bits > 16 || self.pos >= self.end {
            return None;
        }
        if bits == 0 {
            return Some(0);
        }
        let byte = self.pos / 8;
        let mut w: u32 = 0;
        for i in 0..4 {
            w = (w << 8) | u32::from(self.data.get(byte + i).copied().unwrap_or(0));
        }
        let w = w << (self.pos % 8);
        Some((w >> (32 - u32::from(bits))) as u16)
    }

    fn consume(&mut self, bits: u8) -> Result<(), ()> {
        self.eat(usize::from(bits));
        Ok(())
    }

    fn bits_to_byte_boundary(&self) -> u8 {
        ((8 - self.pos % 8) % 8) as u8
    }
}

/// A row decoder. `coding` holds the row's changing elements as in pdf.js and
/// xpdf: the ends of the white, black, white, … runs, the last at `columns`.
struct Ccitt<'a> {
    bits: Bits<'a>,
    p: CcittParams,
    coding: Vec<u32>,
    reference: Vec<u32>,
    next_2d: bool,
    eof: bool,
    row: u32,
}

/// Why a row could not be decoded.
#[derive(Debug, PartialEq)]
enum RowError {
    Ended,
    Bad,
    Unsupported,
}

impl<'a> Ccitt<'a> {
    fn new(data: &'a [u8], p: CcittParams) -> Self {
        let columns = p.columns;
        let mut c = Ccitt {
            bits: Bits::new(data),
            p,
            coding: vec![columns],
            reference: Vec::new(),
            next_2d: false,
            eof: false,
            row: 0,
        };
        // Leading fill bits and an EOL (T.4 data begins with one). Data that
        // begins with an EOL has them between rows too, declared or not
        // (xpdf does the same).
        while c.bits.peek12() == Some(0) {
            c.bits.eat(1);
        }
        if c.bits.peek12() == Some(1) {
            c.bits.eat(12);
            c.p.end_of_line = true;
        }
        c.next_2d = c.p.k < 0;
        if c.p.k > 0 {
            c.next_2d = fax::BitReader::peek(&c.bits, 1) == Some(0);
            c.bits.eat(1);
        }
        if c.bits.pos >= c.bits.end {
            c.eof = true;
        }
        c
    }

    fn a0(&self) -> u32 {
        self.coding.last().copied().unwrap_or(self.p.columns)
    }

    /// Extend the coding line to `a1` in colour `black` (pdf.js `_addPixels`).
    fn add(&mut self, a1: u32, black: bool) {
        if a1 > self.a0() {
            let a1 = a1.min(self.p.columns);
            let pos = self.coding.len().saturating_sub(1);
            if ((pos & 1) == 1) != black {
                self.coding.push(a1);
            } else if let Some(last) = self.coding.last_mut() {
                *last = a1;
            }
        }
    }

    /// Like `add`, for vertical modes left of b1 (pdf.js `_addPixelsNeg`).
    fn add_neg(&mut self, a1: i64, black: bool) {
        let a0 = i64::from(self.a0());
        if a1 > a0 {
            self.add(a1.min(i64::from(u32::MAX)) as u32, black);
        } else if a1 < a0 {
            let a1 = a1.max(0) as u32;
            let mut pos = self.coding.len().saturating_sub(1);
            while pos > 0 && self.coding.get(pos - 1).is_some_and(|&c| a1 < c) {
                pos -= 1;
            }
            self.coding.truncate(pos + 1);
            if let Some(last) = self.coding.last_mut() {
                *last = a1;
            }
        }
    }

    fn run(&mut self, black: bool) -> Result<u32, RowError> {
        let mut total: u32 = 0;
        loop {
            let code = if black {
                fax::maps::black::decode(&mut self.bits)
            } else {
                fax::maps::white::decode(&mut self.bits)
            };
            let v = code.ok_or(RowError::Bad)?;
            total = total.saturating_add(u32::from(v));
            if v < 64 {
                return Ok(total);
            }
        }
    }

    /// Decode the next row into `coding`.
    fn next_row(&mut self) -> Result<(), RowError> {
        if self.eof {
            return Err(RowError::Ended);
        }
        let columns = self.p.columns;
        if self.next_2d {
            self.reference.clear();
            for &c in &self.coding {
                if c >= columns {
                    break;
                }
                self.reference.push(c);
            }
            self.reference.push(columns);
            self.reference.push(columns);
            self.coding.clear();
            self.coding.push(0);
            let mut ref_pos = 0usize;
            let mut black = false;
            let rl = |r: &Vec<u32>, i: usize| r.get(i).copied().unwrap_or(columns);
            while self.a0() < columns {
                let mode = fax::maps::mode::decode(&mut self.bits).ok_or(RowError::Bad)?;
                match mode {
                    fax::maps::Mode::Pass => {
                        let b2 = rl(&self.reference, ref_pos + 1);
                        self.add(b2, black);
                        if b2 < columns {
                            ref_pos += 2;
                        }
                    }
                    fax::maps::Mode::Horizontal => {
                        let first = self.run(black)?;
                        let second = self.run(!black)?;
                        self.add(self.a0().saturating_add(first), black);
                        if self.a0() < columns {
                            self.add(self.a0().saturating_add(second), !black);
                        }
                        while rl(&self.reference, ref_pos) <= self.a0()
                            && rl(&self.reference, ref_pos) < columns
                        {
                            ref_pos += 2;
                        }
                    }
                    fax::maps::Mode::Vertical(delta) => {
                        let b1 = rl(&self.reference, ref_pos);
                        if delta >= 0 {
                            self.add(b1.saturating_add(delta as u32), black);
                        } else {
                            self.add_neg(i64::from(b1) + i64::from(delta), black);
                        }
                        black = !black;
                        if self.a0() < columns {
                            if delta >= 0 || ref_pos == 0 {
                                ref_pos += 1;
                            } else {
                                ref_pos -= 1;
                            }
                            while rl(&self.reference, ref_pos) <= self.a0()
                                && rl(&self.reference, ref_pos) < columns
                            {
                                ref_pos += 2;
                            }
                        }
                    }
                    fax::maps::Mode::Extension => return Err(RowError::Unsupported),
                    // EOFB, or an EOL where a row was expected.
                    fax::maps::Mode::EOF => return Err(RowError::Ended),
                }
            }
        } else {
            self.coding.clear();
            self.coding.push(0);
            let mut black = false;
            while self.a0() < columns {
                let r = self.run(black)?;
                self.add(self.a0().saturating_add(r), black);
                black = !black;
            }
        }
        if self.bits.over {
            return Err(RowError::Ended);
        }
        self.row = self.row.saturating_add(1);
        self.after_row();
        Ok(())
    }

    /// Fill bits, EOL, byte alignment and the next row's 1D/2D tag, as xpdf
    /// (and poppler) do: EOLs are looked for only when they may be there
    /// (/EndOfLine, or no byte alignment; a byte-aligned row may end in zeros
    /// that look like the start of an EOL), and a row is byte-aligned only
    /// when no EOL followed it (writers align either the EOL or the row).
    fn after_row(&mut self) {
        if !self.p.end_of_block && self.row >= self.p.rows {
            self.eof = true;
            return;
        }
        let mut got_eol = false;
        if self.p.end_of_line || !self.p.byte_align {
            if self.p.end_of_line {
                while let Some(c) = self.bits.peek12() {
                    if c == 1 {
                        break;
                    }
                    self.bits.eat(1);
                }
            } else {
                while self.bits.peek12() == Some(0) {
                    self.bits.eat(1);
                }
            }
            if self.bits.peek12() == Some(1) {
                self.bits.eat(12);
                got_eol = true;
            }
        }
        if self.p.byte_align && !got_eol {
            self.bits.align();
        }
        if self.bits.pos >= self.bits.end {
            self.eof = true;
            return;
        }
        if self.p.k > 0 {
            self.next_2d = fax::BitReader::peek(&self.bits, 1) == Some(0);
            self.bits.eat(1);
        }
    }

    /// Ink runs of the current row in columns `x0..x1`, relative to `x0`,
    /// given whether CCITT black and white pixels are ink.
    fn runs(&self, x0: u32, x1: u32, ink: [bool; 2], out: &mut Vec<(u32, u32)>) {
        out.clear();
        let [white_ink, black_ink] = ink;
        if white_ink == black_ink {
            if white_ink {
                out.push((0, x1 - x0));
            }
            return;
        }
        let mut start = 0u32;
        let mut black = false;
        for &end in &self.coding {
            let end = end.min(self.p.columns);
            if black == black_ink && end > start {
                let (s, e) = (start.max(x0), end.min(x1));
                if s < e {
                    out.push((s - x0, e - x0));
                }
            }
            start = start.max(end);
            black = !black;
            if start >= x1 {
                break;
            }
        }
    }
}

fn scan_ccitt(
    data: &[u8],
    p: &CcittParams,
    eval: &Eval,
    area: Area,
    judge: &mut Judge,
) -> Result<bool, Undecided> {
    // CCITT white and black are decoded samples 1 and 0 unless /BlackIs1.
    let Eval::Table { ink, .. } = eval else {
        return Err(malformed(
            "CCITT data in a colour space of several components",
        ));
    };
    let ink_of = |sample: usize| ink.get(sample).copied().unwrap_or(true);
    let (white, black) = if p.black_is_1 { (0, 1) } else { (1, 0) };
    let ink = [ink_of(white), ink_of(black)];
    let x0 = u32::try_from(area.x0).map_err(|_| Undecided::Limit(LIMIT_PIXELS))?;
    let x1 = u32::try_from(area.x1).map_err(|_| Undecided::Limit(LIMIT_PIXELS))?;
    let mut dec = Ccitt::new(data, p.clone());
    let mut runs = Vec::new();
    for r in 0..area.r1 {
        if let Err(e) = dec.next_row() {
            return Err(match e {
                RowError::Unsupported => {
                    Undecided::Unsupported("CCITT extension (uncompressed) mode".into())
                }
                RowError::Ended => malformed(format!(
                    "the CCITT data ends at row {r}, before the region's last row {}",
                    area.r1
                )),
                RowError::Bad => malformed(format!("CCITT row {r} is corrupt")),
            });
        }
        if r >= area.r0 {
            dec.runs(x0, x1, ink, &mut runs);
            if judge.row(&runs) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

// ---------------------------------------------------------------------------
// Fuzzing.

/// A document with no page, for [`fuzz_one`]: nothing the images refer to.
const FUZZ_PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n";

/// Drive [`region_is_blank`] with an image built from arbitrary bytes; shared
/// by the cargo-fuzz target `image_blank` and the crate's smoke test. Must
/// never panic or hang.
#[doc(hidden)]
pub fn fuzz_one(data: &[u8]) {
    let Ok(doc) = Document::parse(FUZZ_PDF, &kyso_pdf::Limits::default()) else {
        return;
    };
    let Some((head, body)) = data.split_first_chunk::<8>() else {
        return;
    };
    let [sel, w, h, cs, bpc, k, rx, ry] = *head;
    let name = |s: &str| Object::Name(s.as_bytes().to_vec());
    let mut d = Dict::new();
    d.insert(b"Width".to_vec(), Object::Int(i64::from(w % 64) + 1));
    d.insert(b"Height".to_vec(), Object::Int(i64::from(h % 64) + 1));
    d.insert(
        b"BitsPerComponent".to_vec(),
        Object::Int([1, 2, 4, 8, 16, 3][usize::from(bpc % 6)]),
    );
    let space = match cs % 8 {
        0 => name("DeviceGray"),
        1 => name("DeviceRGB"),
        2 => name("DeviceCMYK"),
        3 => Object::Array(vec![
            name("Indexed"),
            name("DeviceRGB"),
            Object::Int(3),
            Object::String(kyso_pdf::PdfString {
                bytes: body.iter().take(12).copied().collect(),
                hex: true,
                span: None,
            }),
        ]),
        4 => Object::Array(vec![name("Lab")]),
        5 => Object::Array(vec![name("Separation"), name("Spot")]),
        6 => {
            d.insert(b"ImageMask".to_vec(), Object::Bool(true));
            Object::Null
        }
        _ => name("Pattern"),
    };
    if space != Object::Null {
        d.insert(b"ColorSpace".to_vec(), space);
    }
    if sel & 0x40 != 0 {
        d.insert(
            b"Decode".to_vec(),
            Object::Array(vec![Object::Int(1), Object::Int(0)]),
        );
    }
    match sel % 4 {
        1 => {
            d.insert(b"Filter".to_vec(), name("DCTDecode"));
        }
        2 => {
            let mut p = Dict::new();
            p.insert(b"K".to_vec(), Object::Int(i64::from(k as i8 % 3)));
            p.insert(b"Columns".to_vec(), Object::Int(i64::from(w % 64) + 1));
            p.insert(b"BlackIs1".to_vec(), Object::Bool(k & 4 != 0));
            p.insert(b"EncodedByteAlign".to_vec(), Object::Bool(k & 8 != 0));
            p.insert(b"EndOfBlock".to_vec(), Object::Bool(k & 16 == 0));
            p.insert(b"EndOfLine".to_vec(), Object::Bool(k & 32 != 0));
            d.insert(b"Filter".to_vec(), name("CCITTFaxDecode"));
            d.insert(b"DecodeParms".to_vec(), Object::Dict(p));
        }
        3 => {
            d.insert(b"Filter".to_vec(), name("FlateDecode"));
        }
        _ => {}
    }
    let img = Stream {
        dict: d,
        raw: body.to_vec(),
    };
    let fx = f64::from(rx) / 255.0;
    let fy = f64::from(ry) / 255.0;
    let region = UnitRegion {
        x0: fx * 0.5,
        y0: fy * 0.5,
        x1: fx * 0.5 + 0.5,
        y1: (fy * 0.5 + 0.5).min(if sel & 0x80 != 0 { 2.0 } else { 1.0 }),
    };
    let limits = ImageLimits {
        max_pixels: 1 << 20,
        max_decoded_bytes: 1 << 22,
    };
    let _ = region_is_blank(&doc, &img, region, &limits);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fuzz_document_parses_cleanly() {
        let doc = Document::parse(FUZZ_PDF, &kyso_pdf::Limits::default()).unwrap();
        assert!(doc.warnings().is_empty(), "{:?}", doc.warnings());
        assert!(doc.catalog(0).is_ok());
    }

    #[test]
    fn spans_follow_image_space() {
        assert_eq!(span(0.0, 1.0, 10), (0, 10));
        assert_eq!(span(0.25, 0.5, 100), (25, 50));
        assert_eq!(span(0.3, 0.7, 10), (3, 7));
        assert_eq!(span(0.31, 0.69, 10), (3, 7));
        // A sliver still covers one sample.
        assert_eq!(span(0.5, 0.5 + 1e-12, 10), (5, 6));
        assert_eq!(span(0.999_999, 1.0, 10), (9, 10));
    }

    #[test]
    fn judge_marks_and_speckle() {
        // 100×100 region, marks of 10 pixels.
        let mut j = Judge::new(10_000, 10);
        // Isolated specks: blank.
        for _ in 0..10 {
            assert!(!j.row(&[(5, 6), (50, 51)]));
            assert!(!j.row(&[]));
        }
        // A diagonal stroke connects across rows (8-connectivity).
        let mut j = Judge::new(10_000, 10);
        let mut hit = false;
        for i in 0..10u32 {
            hit |= j.row(&[(i + 20, i + 21)]);
        }
        assert!(hit);
        // Dense small dots: the ink fraction decides.
        let mut j = Judge::new(10_000, 1000);
        let dots: Vec<(u32, u32)> = (0..25).map(|i| (i * 4, i * 4 + 1)).collect();
        let mut hit = false;
        for r in 0..100 {
            hit |= j.row(if r % 2 == 0 { &dots } else { &[] });
        }
        assert!(hit);
    }

    #[test]
    fn samples() {
        let row = [0b1011_0001u8, 0xF0];
        assert_eq!(
            (0..8).map(|i| sample(&row, i, 1)).collect::<Vec<_>>(),
            [1, 0, 1, 1, 0, 0, 0, 1]
        );
        assert_eq!(sample(&row, 0, 2), 0b10);
        assert_eq!(sample(&row, 3, 2), 0b01);
        assert_eq!(sample(&row, 1, 4), 1);
        assert_eq!(sample(&row, 2, 4), 0xF);
        assert_eq!(sample(&row, 0, 16), 0b1011_0001);
        assert_eq!(sample(&row, 5, 8), 0);
    }

    fn pbm() -> (u32, u32, Vec<u8>) {
        let p = include_bytes!("../../../fixtures/images/page.pbm");
        // "P4\n240 320\n" then rows of 30 bytes, 1 = black.
        let text = String::from_utf8_lossy(&p[..11]).to_string();
        assert_eq!(text, "P4\n240 320\n");
        (240, 320, p[11..].to_vec())
    }

    /// The CCITT decoder reproduces the page that libtiff encoded, bit for
    /// bit, in the three codings (CCITT black = the page's black pixels).
    fn check_ccitt(data: &[u8], k: i64, byte_align: bool) {
        let (w, h, bits) = pbm();
        let p = CcittParams {
            k,
            end_of_line: false,
            byte_align,
            columns: w,
            rows: h,
            end_of_block: true,
            black_is_1: false,
        };
        let mut dec = Ccitt::new(data, p);
        let mut runs = Vec::new();
        for r in 0..h as usize {
            dec.next_row().unwrap_or_else(|e| panic!("row {r}: {e:?}"));
            dec.runs(0, w, [false, true], &mut runs);
            let mut got = vec![false; w as usize];
            for &(s, e) in &runs {
                for x in s..e {
                    got[x as usize] = true;
                }
            }
            let row = &bits[r * 30..r * 30 + 30];
            // CCITT black (runs above) = PBM 1 (black).
            let want: Vec<bool> = (0..w as usize).map(|x| sample(row, x, 1) == 1).collect();
            assert_eq!(got, want, "row {r}");
        }
    }

    #[test]
    fn ccitt_g4_matches_libtiff() {
        check_ccitt(
            include_bytes!("../../../fixtures/images/page-g4.ccitt"),
            -1,
            false,
        );
    }

    #[test]
    fn ccitt_g3_matches_libtiff() {
        check_ccitt(
            include_bytes!("../../../fixtures/images/page-g3-1d.ccitt"),
            0,
            false,
        );
        check_ccitt(
            include_bytes!("../../../fixtures/images/page-g3-2d.ccitt"),
            4,
            false,
        );
        check_ccitt(
            include_bytes!("../../../fixtures/images/page-g3-1d-aligned.ccitt"),
            0,
            true,
        );
        check_ccitt(
            include_bytes!("../../../fixtures/images/page-g3-2d-aligned.ccitt"),
            2,
            true,
        );
    }

    #[test]
    fn ccitt_g4_agrees_with_the_fax_crate() {
        let data = include_bytes!("../../../fixtures/images/page-g4.ccitt");
        let mut theirs = Vec::new();
        fax::decoder::decode_g4(data.iter().copied(), 240, Some(320), |t| {
            theirs.push(
                fax::decoder::pels(t, 240)
                    .map(|c| c == fax::Color::Black)
                    .collect::<Vec<_>>(),
            )
        });
        let (_, _, bits) = pbm();
        for (r, row) in theirs.iter().enumerate() {
            let want: Vec<bool> = (0..240)
                .map(|x| sample(&bits[r * 30..], x, 1) == 1)
                .collect();
            assert_eq!(row, &want, "row {r}");
        }
    }
}
