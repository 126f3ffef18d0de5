//! Structural comparison of PDF objects, and the references an object holds.
//!
//! Two definitions of the same object in different revisions are compared by
//! value (ISO 32000-1 §7.3): spans (where a string sits in the file) and the
//! hex/literal spelling of strings do not matter, nor does a stream's
//! `/Length` entry; stream data is compared as stored.

use kyso_pdf::object::{Dict, ObjRef, Object};

/// Deepest nesting compared; deeper structures compare as "different", which
/// only ever makes the analysis stricter. 64 matches the parser's `max_depth`.
const MAX_DEPTH: usize = 64;

/// Whether `a` and `b` are the same PDF value.
pub(crate) fn same(a: &Object, b: &Object) -> bool {
    same_at(a, b, 0)
}

fn same_at(a: &Object, b: &Object, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match (a, b) {
        (Object::Null, Object::Null) => true,
        (Object::Bool(x), Object::Bool(y)) => x == y,
        (Object::Int(x), Object::Int(y)) => x == y,
        (Object::Real(x), Object::Real(y)) => x.to_bits() == y.to_bits() || x == y,
        (Object::Int(x), Object::Real(y)) | (Object::Real(y), Object::Int(x)) => (*x as f64) == *y,
        (Object::String(x), Object::String(y)) => x.bytes == y.bytes,
        (Object::Name(x), Object::Name(y)) => x == y,
        (Object::Ref(x), Object::Ref(y)) => x == y,
        (Object::Array(x), Object::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_at(p, q, depth + 1))
        }
        (Object::Dict(x), Object::Dict(y)) => same_dict(x, y, depth + 1, false),
        (Object::Stream(x), Object::Stream(y)) => {
            x.raw == y.raw && same_dict(&x.dict, &y.dict, depth + 1, true)
        }
        _ => false,
    }
}

fn same_dict(x: &Dict, y: &Dict, depth: usize, skip_length: bool) -> bool {
    let keep = |k: &&Vec<u8>| !(skip_length && k.as_slice() == b"Length");
    let xs: Vec<_> = x.iter().filter(|(k, _)| keep(k)).collect();
    let ys: Vec<_> = y.iter().filter(|(k, _)| keep(k)).collect();
    xs.len() == ys.len()
        && xs
            .iter()
            .zip(&ys)
            .all(|((ka, va), (kb, vb))| ka == kb && same_at(va, vb, depth))
}

/// Whether a dictionary value differs between two versions (absent = `None`).
pub(crate) fn same_opt(a: Option<&Object>, b: Option<&Object>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => same(x, y),
        _ => false,
    }
}

/// Every indirect reference held by `o` (not followed), at most `cap` of them,
/// skipping the dictionary keys in `skip` at any level (back-pointers such as
/// `/P` and `/Parent` that point at existing objects).
pub(crate) fn refs_in(o: &Object, skip: &[&[u8]], cap: usize) -> Vec<(Vec<u8>, ObjRef)> {
    let mut out = Vec::new();
    collect(o, b"", skip, cap, 0, &mut out);
    out
}

fn collect(
    o: &Object,
    key: &[u8],
    skip: &[&[u8]],
    cap: usize,
    depth: usize,
    out: &mut Vec<(Vec<u8>, ObjRef)>,
) {
    if depth > MAX_DEPTH || out.len() >= cap {
        return;
    }
    match o {
        Object::Ref(r) => out.push((key.to_vec(), *r)),
        Object::Array(a) => a
            .iter()
            .for_each(|x| collect(x, key, skip, cap, depth + 1, out)),
        Object::Dict(d) => collect_dict(d, skip, cap, depth, out),
        Object::Stream(s) => collect_dict(&s.dict, skip, cap, depth, out),
        _ => {}
    }
}

fn collect_dict(
    d: &Dict,
    skip: &[&[u8]],
    cap: usize,
    depth: usize,
    out: &mut Vec<(Vec<u8>, ObjRef)>,
) {
    for (k, v) in d {
        if skip.contains(&k.as_slice()) {
            continue;
        }
        collect(v, k, skip, cap, depth + 1, out);
    }
}

/// The items of `new` that are not in `old` (multiset difference), and whether
/// every item of `old` is still in `new`: an array that only grew.
pub(crate) fn array_growth<'n>(old: &[Object], new: &'n [Object]) -> (Vec<&'n Object>, bool) {
    let mut used = vec![false; new.len()];
    let mut kept_all = true;
    for o in old {
        match new
            .iter()
            .enumerate()
            .find(|(i, n)| !used[*i] && same(o, n))
        {
            Some((i, _)) => used[i] = true,
            None => kept_all = false,
        }
    }
    let added = new
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(n, _)| n)
        .collect();
    (added, kept_all)
}

/// `/Type` (or, failing that, nothing) of a dictionary or stream.
pub(crate) fn type_of(o: &Object) -> Option<&[u8]> {
    o.as_dict()?.get(b"Type".as_slice())?.as_name()
}

/// `/Subtype` of a dictionary or stream.
pub(crate) fn subtype_of(o: &Object) -> Option<&[u8]> {
    o.as_dict()?.get(b"Subtype".as_slice())?.as_name()
}

/// A dictionary entry.
pub(crate) fn get<'o>(o: &'o Object, key: &[u8]) -> Option<&'o Object> {
    o.as_dict()?.get(key)
}

/// Lossy text of a name for messages.
pub(crate) fn name_str(n: &[u8]) -> String {
    String::from_utf8_lossy(n).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kyso_pdf::object::{PdfString, Span, Stream};

    fn s(b: &[u8], span: usize) -> Object {
        Object::String(PdfString {
            bytes: b.to_vec(),
            hex: span % 2 == 0,
            span: Some(Span {
                start: span,
                end: span + 3,
            }),
        })
    }

    #[test]
    fn strings_compare_by_value_not_position() {
        assert!(same(&s(b"abc", 10), &s(b"abc", 99)));
        assert!(!same(&s(b"abc", 10), &s(b"abd", 10)));
    }

    #[test]
    fn stream_length_ignored_data_not() {
        let mk = |len: i64, data: &[u8]| {
            let mut d = Dict::new();
            d.insert(b"Length".to_vec(), Object::Int(len));
            Object::Stream(Stream {
                dict: d,
                raw: data.to_vec(),
            })
        };
        assert!(same(&mk(3, b"abc"), &mk(4, b"abc")));
        assert!(!same(&mk(3, b"abc"), &mk(3, b"abd")));
    }

    #[test]
    fn growth_of_arrays() {
        let r = |n| Object::Ref(ObjRef { num: n, gen: 0 });
        let grown = [r(1), r(3), r(2)];
        let (added, kept) = array_growth(&[r(1), r(2)], &grown);
        assert!(kept);
        assert_eq!(added, vec![&r(3)]);
        let (_, kept) = array_growth(&[r(1), r(2)], &[r(1)]);
        assert!(!kept);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        // Deeper than MAX_DEPTH (the parser never builds more than 64 levels;
        // 500 keeps the recursive Clone/Drop of the test value itself safe).
        let mut o = Object::Null;
        for _ in 0..500 {
            o = Object::Array(vec![o]);
        }
        assert!(!same(&o, &o.clone()));
        let mut with_ref = Object::Ref(ObjRef { num: 1, gen: 0 });
        for _ in 0..500 {
            with_ref = Object::Array(vec![with_ref]);
        }
        assert!(refs_in(&with_ref, &[], 10).is_empty());
    }
}
