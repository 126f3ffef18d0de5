//! Signature dictionaries that are in the file's bytes but that no
//! cross-reference section of the trailer chain reaches (ISO 32000-1 §7.5.6).
//!
//! A reader follows the chain from the last `startxref` through each `/Prev`.
//! An update whose `/Prev` skips the revision a signature was added in (it
//! names the section before it) makes that revision, and the signature with
//! it, invisible: the document then *reads* as if it had never been signed,
//! while the signed version is still in the file. Walking the chain alone,
//! a verifier would answer "no signature". So the bytes are searched once for
//! `/ByteRange` entries, and every one whose range is self-consistent (it
//! starts at 0, its gap is exactly a hex string, it stays within the file)
//! but belongs to no signature the chain reaches is reported, with its
//! dictionary read from the file where it stands.
//!
//! Bounded: at most [`MAX_HITS`] `/ByteRange` occurrences are examined and
//! at most [`MAX_UNREACHED`] signatures returned; the search for the
//! enclosing object looks back at most [`WINDOW`] bytes.

use crate::document::Document;
use crate::lexer::{is_delim, is_ws, rfind, Lexer};
use crate::object::{Dict, ObjRef, Object};
use crate::sig::{byte_range_values, looks_like_signature, SignatureDict};
use crate::xref::read_section;

/// Most `/ByteRange` occurrences examined.
pub const MAX_HITS: usize = 1000;
/// What [`Document::unreached_signatures`] searches the bytes for.
pub const BYTE_RANGE_KEY: &[u8] = b"/ByteRange";
/// Most unreached signatures returned (each costs a digest of its range and a CMS check).
pub const MAX_UNREACHED: usize = 16;
/// How far back from `/ByteRange` the `n g obj` header of its object is looked for.
const WINDOW: usize = 1 << 20;

/// A signature (or document timestamp) dictionary present in the file that
/// no cross-reference section of the trailer chain reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreachedSignature {
    /// The dictionary as read from the file (`first_revision`: the revision of
    /// the chain whose bytes hold it; `field_name` unknown).
    pub sig: SignatureDict,
    /// When the signed range ends exactly with a complete update (`startxref
    /// N %%EOF`) whose cross-reference section at `N` is readable but not in
    /// the chain: `N`. The signed revision itself is then hidden, not merely
    /// the dictionary.
    pub hidden_xref: Option<usize>,
}

impl<'a> Document<'a> {
    /// Signature dictionaries in the file that the trailer chain does not
    /// reach: those of `known` (from [`Document::signatures`]) are left out.
    /// Empty for a well-formed file. Costs one pass over the bytes.
    pub fn unreached_signatures(&self, known: &[SignatureDict]) -> Vec<UnreachedSignature> {
        let input = self.input();
        let mut hits = Vec::new();
        let mut from = 0;
        while hits.len() < MAX_HITS {
            let Some(p) = input.find(BYTE_RANGE_KEY, from, input.len()) else {
                break;
            };
            hits.push(p);
            from = p + BYTE_RANGE_KEY.len();
        }
        self.unreached_signatures_at(known, &hits)
    }

    /// [`Document::unreached_signatures`] given where [`BYTE_RANGE_KEY`]
    /// occurs in the file (the first [`MAX_HITS`] occurrences, in order), as
    /// a caller that already reads the whole file (the digests' one pass)
    /// finds them, so the file is not searched a second time.
    pub fn unreached_signatures_at(
        &self,
        known: &[SignatureDict],
        hits: &[usize],
    ) -> Vec<UnreachedSignature> {
        let input = self.input();
        let len = input.len() as u64;
        let known_ranges: Vec<[u64; 4]> = known
            .iter()
            .filter_map(|s| s.byte_range.as_deref().and_then(byte_range_values))
            .collect();
        let known_gaps: Vec<(u64, u64)> = known
            .iter()
            .filter_map(|s| s.contents_span)
            .map(|sp| (sp.start as u64, sp.end as u64))
            .collect();
        let mut seen: Vec<(u64, u64)> = Vec::new();
        let mut out = Vec::new();
        let mut budget = self.limits().max_xref_entries;
        for &p in hits.iter().take(MAX_HITS) {
            let Some((buf, base)) = input.window(p + 10, 1024) else {
                break;
            };
            let mut lx = Lexer::new(&buf, p + 10 - base, Some(base), 2, 8);
            let Some(r) = lx
                .parse_object(0)
                .ok()
                .and_then(|o| o.as_array().and_then(byte_range_values))
            else {
                continue;
            };
            let [a, b, c, d] = r;
            let Some(end) = c.checked_add(d) else {
                continue;
            };
            // Self-consistent: from the start of the file, within it, and the
            // gap is one hex string (what /Contents is).
            let hex_gap = usize::try_from(b)
                .ok()
                .zip(usize::try_from(c).ok())
                .is_some_and(|(b, c)| {
                    c >= b + 2 && input.byte(b) == Some(b'<') && input.byte(c - 1) == Some(b'>')
                });
            if a != 0 || b >= c || end > len || !hex_gap {
                continue;
            }
            let gap = (b, c);
            if known_ranges.contains(&r) || known_gaps.contains(&gap) || seen.contains(&gap) {
                continue;
            }
            seen.push(gap);
            let (b, c, end) = (b as usize, c as usize, end as usize);
            let def_rev = self
                .revisions()
                .iter()
                .find(|rv| p >= rv.start && p < rv.end)
                .or(self.revisions().last())
                .map_or(0, |rv| rv.index);
            let sig = self
                .enclosing_signature(p, b, c)
                .and_then(|(obj, d)| self.build_unreached(obj, def_rev, d))
                .or_else(|| self.bare_signature(r, b, def_rev));
            // A reserved but never filled /Contents (all zeros) is no signature.
            let Some(sig) = sig.filter(|s| {
                s.contents
                    .as_ref()
                    .is_some_and(|c| c.iter().any(|&x| x != 0))
            }) else {
                continue;
            };
            let hidden_xref = self.hidden_update(end, &mut budget);
            out.push(UnreachedSignature { sig, hidden_xref });
            if out.len() >= MAX_UNREACHED {
                break;
            }
        }
        out
    }

    /// The signature dictionary around the `/ByteRange` at `p` whose
    /// `/Contents` token is exactly `[b, c)`: the indirect object whose
    /// `n g obj` header precedes `p`, or a dictionary nested in it (a field
    /// whose `/V` is a direct signature dictionary).
    fn enclosing_signature(&self, p: usize, b: usize, c: usize) -> Option<(Option<ObjRef>, Dict)> {
        let input = self.input();
        let lo = p.saturating_sub(WINDOW);
        // The window before the `/ByteRange`, read once.
        let before = input.get(lo, p)?;
        let mut end = p - lo;
        // A few candidates: "obj" may also occur inside a string or a name.
        for _ in 0..8 {
            let h = rfind(&before, b"obj", end)?;
            end = h;
            if h >= 3 && before.get(h - 3..h) == Some(b"end") {
                // The previous object ended: the /ByteRange is not inside one.
                return None;
            }
            let Some(start) = header_start(&before, h).map(|s| s + lo) else {
                continue;
            };
            let limits = self.limits();
            let parsed = input.parse_at(start, limits.read_window, |buf, pos, base| {
                let mut lx = Lexer::new(
                    buf,
                    pos,
                    Some(base),
                    limits.max_depth,
                    limits.max_collection_len,
                );
                let head = lx.parse_indirect()?;
                input.check_not_cut(&head, lx.pos, buf.len(), base)?;
                Ok((head, base + lx.pos))
            });
            let Ok((head, head_end)) = parsed else {
                continue;
            };
            if head_end <= p {
                continue;
            }
            return find_sig_dict(&head.obj, b, c, 0, limits.max_depth).map(|(top, d)| {
                let obj = top.then_some(head.r);
                (obj, d)
            });
        }
        None
    }

    /// When no dictionary can be read around the byte range: what the bytes
    /// alone say (the range and the hex string of its gap).
    fn bare_signature(&self, r: [u64; 4], b: usize, def_rev: usize) -> Option<SignatureDict> {
        let contents = self
            .input()
            .parse_at(b, self.limits().read_window, |buf, pos, base| {
                Lexer::new(buf, pos, Some(base), 1, 1).parse_object(0)
            })
            .ok()?;
        let mut d = Dict::new();
        d.insert(
            b"ByteRange".to_vec(),
            Object::Array(
                r.iter()
                    .map(|&v| Object::Int(i64::try_from(v).unwrap_or(i64::MAX)))
                    .collect(),
            ),
        );
        d.insert(b"Contents".to_vec(), contents);
        self.build_unreached(None, def_rev, d)
    }

    /// Whether the bytes before `end` close an update (`startxref N` then
    /// `%%EOF`, white space between and after) whose xref section at `N` is
    /// readable and not one the chain reads: then `N`.
    fn hidden_update(&self, end: usize, budget: &mut usize) -> Option<usize> {
        let input = self.input();
        // `startxref`, up to 19 digits, `%%EOF` and white space: a short
        // window before `end` (a real update has no kilobytes of blanks there).
        let lo = if input.as_slice().is_some() {
            0
        } else {
            end.saturating_sub(4096)
        };
        let head = input.get(lo, end)?;
        let t = trim_end_ws(&head);
        let t = t.strip_suffix(b"%%EOF")?;
        let t = trim_end_ws(t);
        let digits = t.iter().rev().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 19 {
            return None;
        }
        let n: usize = std::str::from_utf8(t.get(t.len() - digits..)?)
            .ok()?
            .parse()
            .ok()?;
        let t = trim_end_ws(t.get(..t.len() - digits)?);
        if !t.ends_with(b"startxref") || n >= lo + t.len() || self.in_chain(n) {
            return None;
        }
        read_section(input, n, self.limits(), budget).ok()?;
        Some(n)
    }
}

fn trim_end_ws(b: &[u8]) -> &[u8] {
    let n = b.iter().rev().take_while(|c| is_ws(**c)).count();
    b.get(..b.len() - n).unwrap_or(&[])
}

/// Where the `n g obj` header whose `obj` keyword is at `h` starts.
fn header_start(bytes: &[u8], h: usize) -> Option<usize> {
    let mut i = h;
    let skip_ws = |i: &mut usize| {
        while *i > 0 && bytes.get(*i - 1).copied().is_some_and(is_ws) {
            *i -= 1;
        }
    };
    let skip_digits = |i: &mut usize| -> bool {
        let at = *i;
        while *i > 0 && bytes.get(*i - 1).is_some_and(u8::is_ascii_digit) {
            *i -= 1;
        }
        *i < at
    };
    skip_ws(&mut i);
    if i == h || !skip_digits(&mut i) {
        return None;
    }
    let gen_start = i;
    skip_ws(&mut i);
    if i == gen_start || !skip_digits(&mut i) {
        return None;
    }
    let before_ok = i == 0
        || bytes
            .get(i - 1)
            .copied()
            .is_some_and(|x| is_ws(x) || is_delim(x));
    before_ok.then_some(i)
}

/// A signature dictionary in `o` (itself, or nested, bounded) whose
/// `/Contents` string token is exactly `[b, c)`; `true` when it is `o` itself.
fn find_sig_dict(o: &Object, b: usize, c: usize, depth: usize, max: usize) -> Option<(bool, Dict)> {
    if depth > max {
        return None;
    }
    let d = match o {
        Object::Dict(d) => d,
        Object::Array(a) => {
            return a
                .iter()
                .find_map(|x| find_sig_dict(x, b, c, depth + 1, max))
                .map(|(_, d)| (false, d))
        }
        _ => return None,
    };
    let span = d
        .get(b"Contents".as_slice())
        .and_then(Object::as_string)
        .and_then(|s| s.span);
    if looks_like_signature(d) && span.is_some_and(|sp| sp.start == b && sp.end == c) {
        return Some((depth == 0, d.clone()));
    }
    d.values()
        .find_map(|x| find_sig_dict(x, b, c, depth + 1, max))
        .map(|(_, d)| (false, d))
}
