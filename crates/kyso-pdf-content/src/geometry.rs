//! Rectangles and affine matrices in PDF user space (ISO 32000-1 §8.3).

/// An axis-aligned rectangle, normalised so that `x0 <= x1` and `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Bottom.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Top.
    pub y1: f64,
}

impl Rect {
    /// The rectangle spanned by two corners, in any order.
    pub fn new(ax: f64, ay: f64, bx: f64, by: f64) -> Rect {
        Rect {
            x0: ax.min(bx),
            y0: ay.min(by),
            x1: ax.max(bx),
            y1: ay.max(by),
        }
    }

    /// From a PDF rectangle array `[llx lly urx ury]` (§7.9.5).
    pub fn from_array(v: &[f64]) -> Option<Rect> {
        match v {
            [a, b, c, d] if [a, b, c, d].iter().all(|x| x.is_finite()) => {
                Some(Rect::new(*a, *b, *c, *d))
            }
            _ => None,
        }
    }

    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Area (0 for degenerate rectangles).
    pub fn area(&self) -> f64 {
        (self.width().max(0.0)) * (self.height().max(0.0))
    }

    /// The overlap of two rectangles, if they overlap with a positive area.
    pub fn intersect(&self, o: &Rect) -> Option<Rect> {
        let r = Rect {
            x0: self.x0.max(o.x0),
            y0: self.y0.max(o.y0),
            x1: self.x1.min(o.x1),
            y1: self.y1.min(o.y1),
        };
        (r.x0 < r.x1 && r.y0 < r.y1).then_some(r)
    }

    /// Whether `o` lies inside this rectangle (with a small tolerance).
    pub fn contains(&self, o: &Rect) -> bool {
        const EPS: f64 = 0.5;
        o.x0 >= self.x0 - EPS
            && o.y0 >= self.y0 - EPS
            && o.x1 <= self.x1 + EPS
            && o.y1 <= self.y1 + EPS
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    /// `[x0 y0 x1 y1]` rounded to whole points, for messages.
    pub fn to_text(&self) -> String {
        format!(
            "[{:.0} {:.0} {:.0} {:.0}]",
            self.x0, self.y0, self.x1, self.y1
        )
    }
}

/// An affine matrix `[a b c d e f]` (§8.3.4): `x' = a x + c y + e`, `y' = b x + d y + f`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `then` (the PDF order: `cm` pre-multiplies the CTM).
    pub fn then(&self, then: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    /// Apply to a point.
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The bounding box of a transformed rectangle.
    pub fn apply_rect(&self, r: &Rect) -> Rect {
        let pts = [
            self.apply(r.x0, r.y0),
            self.apply(r.x1, r.y0),
            self.apply(r.x0, r.y1),
            self.apply(r.x1, r.y1),
        ];
        let mut out = Rect::new(pts[0].0, pts[0].1, pts[0].0, pts[0].1);
        for (x, y) in &pts[1..] {
            out = out.union(&Rect::new(*x, *y, *x, *y));
        }
        out
    }

    /// The inverse, if the matrix is invertible.
    pub fn invert(&self) -> Option<Matrix> {
        let [a, b, c, d, e, f] = self.0;
        let det = a * d - b * c;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        let (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det);
        Some(Matrix([
            ia,
            ib,
            ic,
            id,
            -(e * ia + f * ic),
            -(e * ib + f * id),
        ]))
    }

    /// Whether every entry is finite.
    pub fn is_finite(&self) -> bool {
        self.0.iter().all(|x| x.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concat_and_invert() {
        let t = Matrix([1.0, 0.0, 0.0, 1.0, 10.0, 20.0]);
        let s = Matrix([2.0, 0.0, 0.0, 3.0, 0.0, 0.0]);
        // Scale then translate.
        assert_eq!(s.then(&t).apply(1.0, 1.0), (12.0, 23.0));
        let inv = s.then(&t).invert().unwrap();
        let (x, y) = inv.apply(12.0, 23.0);
        assert!((x - 1.0).abs() < 1e-9 && (y - 1.0).abs() < 1e-9);
        assert!(Matrix([0.0; 6]).invert().is_none());
    }

    #[test]
    fn rects() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        let b = Rect::new(5.0, 5.0, 20.0, 20.0);
        assert_eq!(a.intersect(&b), Some(Rect::new(5.0, 5.0, 10.0, 10.0)));
        assert!(a.intersect(&Rect::new(10.0, 0.0, 20.0, 10.0)).is_none());
        assert_eq!(a.union(&b).area(), 400.0);
    }
}
