//! Cross-reference sections (ISO 32000-1 §7.5.4 tables, §7.5.8 streams,
//! §7.5.8.4 hybrid-reference files) and the trailer chain (§7.5.6).

use crate::error::{limit, PdfError};
use crate::input::Input;
use crate::lexer::Lexer;
use crate::object::{Dict, Object};
use crate::Limits;
use std::collections::BTreeMap;

/// How a revision's cross-reference information is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum XrefKind {
    /// A classic `xref` table (§7.5.4).
    Table,
    /// A cross-reference stream (§7.5.8).
    Stream,
    /// A table whose trailer points to an xref stream with `/XRefStm` (§7.5.8.4).
    Hybrid,
}

/// One cross-reference entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum XrefEntry {
    /// A free entry (`f`, or type 0).
    Free {
        /// Generation to use if the number is reused.
        gen: u16,
    },
    /// An object at a byte offset (`n`, or type 1).
    InFile {
        /// Byte offset of `n g obj` in the file.
        offset: usize,
        /// Generation number.
        gen: u16,
    },
    /// An object inside an object stream (type 2), generation 0.
    InStream {
        /// Object number of the object stream.
        stream: u32,
        /// Index within it.
        index: u32,
    },
}

/// One parsed section (a table or a stream) with its trailer.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub offset: usize,
    pub kind: XrefKind,
    pub entries: BTreeMap<u32, XrefEntry>,
    pub trailer: Dict,
    /// One past the section's last byte (after the trailer dictionary or `endobj`).
    pub end: usize,
}

pub(crate) fn read_section(
    input: &Input<'_>,
    offset: usize,
    limits: &Limits,
    budget: &mut usize,
) -> Result<Section, PdfError> {
    let start_budget = *budget;
    input.parse_at(offset, limits.read_window, |buf, pos, base| {
        // A retry in a larger window starts from the same budget.
        *budget = start_budget;
        let mut lx = Lexer::new(
            buf,
            pos,
            Some(base),
            limits.max_depth,
            limits.max_collection_len,
        );
        lx.skip_ws();
        if lx.peek_word() == b"xref" {
            lx.pos += 4;
            let r = read_table(&mut lx, offset, limits, budget);
            match r {
                // A table cut by the window's end (not the input's): read again in a larger one.
                Err(PdfError::BadXref { .. })
                    if base + buf.len() < input.len() && lx.pos + 1024 >= buf.len() =>
                {
                    Err(PdfError::BadObject {
                        offset: base + lx.pos,
                        reason: "xref table longer than the window",
                    })
                }
                r => r,
            }
        } else {
            read_stream_section(input, buf, pos, base, offset, limits, budget)
        }
    })
}

fn bad(offset: usize, reason: &'static str) -> PdfError {
    PdfError::BadXref { offset, reason }
}

fn take_budget(budget: &mut usize, n: usize) -> Result<(), PdfError> {
    *budget = budget
        .checked_sub(n)
        .ok_or_else(|| limit(crate::codes::LIMIT_XREF_ENTRIES))?;
    Ok(())
}

fn read_table(
    lx: &mut Lexer<'_>,
    offset: usize,
    limits: &Limits,
    budget: &mut usize,
) -> Result<Section, PdfError> {
    let mut entries = BTreeMap::new();
    loop {
        lx.skip_ws();
        if lx.eat_keyword(b"trailer") {
            break;
        }
        let start = lx
            .read_uint()
            .ok_or_else(|| bad(offset, "expected subsection start or 'trailer'"))?;
        let count = lx
            .read_uint()
            .ok_or_else(|| bad(offset, "expected subsection count"))?;
        let count = usize::try_from(count).map_err(|_| limit(crate::codes::LIMIT_XREF_ENTRIES))?;
        take_budget(budget, count)?;
        for i in 0..count {
            let off = lx
                .read_uint()
                .ok_or_else(|| bad(offset, "bad entry offset"))?;
            let gen = lx
                .read_uint()
                .ok_or_else(|| bad(offset, "bad entry generation"))?;
            lx.skip_ws();
            let kind = lx.peek_word();
            let num = start
                .checked_add(i as u64)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| bad(offset, "object number out of range"))?;
            let gen = u16::try_from(gen).map_err(|_| bad(offset, "generation out of range"))?;
            let e = match kind {
                b"n" => XrefEntry::InFile {
                    offset: usize::try_from(off).map_err(|_| bad(offset, "offset out of range"))?,
                    gen,
                },
                b"f" => XrefEntry::Free { gen },
                _ => return Err(bad(offset, "entry type is neither 'n' nor 'f'")),
            };
            lx.pos += 1;
            // §7.5.4: within one section, a later subsection does not override.
            entries.entry(num).or_insert(e);
        }
    }
    let trailer = match lx.parse_object(0)? {
        Object::Dict(d) => d,
        _ => return Err(bad(offset, "trailer is not a dictionary")),
    };
    let _ = limits;
    Ok(Section {
        offset,
        kind: XrefKind::Table,
        entries,
        trailer,
        end: lx.base.unwrap_or(0) + lx.pos,
    })
}

/// The xref stream at `offset`, whose dictionary is at `buf[pos..]` (`buf`
/// sits at `base` in the input); its data is read from `input`.
fn read_stream_section(
    input: &Input<'_>,
    buf: &[u8],
    pos: usize,
    base: usize,
    offset: usize,
    limits: &Limits,
    budget: &mut usize,
) -> Result<Section, PdfError> {
    let mut lx = Lexer::new(
        buf,
        pos,
        Some(base),
        limits.max_depth,
        limits.max_collection_len,
    );
    let head = lx.parse_indirect().map_err(|e| match e {
        // Cut by the window's end, not the input's: `Input::parse_at` reads again.
        PdfError::BadObject { offset: at, .. }
            if base + buf.len() < input.len() && at + 1024 >= base + buf.len() =>
        {
            e
        }
        _ => bad(offset, "neither 'xref' nor an xref stream object"),
    })?;
    // Its `stream` keyword may lie beyond the window: read again in a larger
    // one, as objects do.
    input.check_not_cut(&head, lx.pos, buf.len(), base)?;
    let (Object::Dict(dict), Some(data_start)) = (head.obj, head.stream_data.map(|d| d + base))
    else {
        return Err(bad(offset, "xref stream object is not a stream"));
    };
    if dict.get(b"Type".as_slice()).and_then(Object::as_name) != Some(b"XRef") {
        return Err(bad(offset, "stream is not /Type /XRef"));
    }
    // §7.5.8.2: xref stream dictionary values are direct objects.
    let len = dict
        .get(b"Length".as_slice())
        .and_then(Object::as_int)
        .ok_or_else(|| bad(offset, "xref stream /Length is not a direct integer"))?;
    let len = usize::try_from(len).map_err(|_| bad(offset, "negative /Length"))?;
    if len > limits.max_stream_len {
        return Err(limit(crate::codes::LIMIT_STREAM_LEN));
    }
    let data_end = data_start
        .checked_add(len)
        .ok_or_else(|| bad(offset, "/Length overflows"))?;
    let raw = input
        .get(data_start, data_end)
        .ok_or_else(|| bad(offset, "xref stream runs past the end of the file"))?;
    let (abuf, abase) = input
        .window(data_end, 4096)
        .ok_or_else(|| bad(offset, "xref stream runs past the end of the file"))?;
    let mut after = Lexer::new(&abuf, data_end - abase, Some(abase), 1, 1);
    if !after.eat_keyword(b"endstream") {
        return Err(bad(
            offset,
            "xref stream /Length does not end at 'endstream'",
        ));
    }
    // `endobj` is expected; a missing one is tolerated (the stream already ended).
    after.eat_keyword(b"endobj");
    let end = abase + after.pos;
    // Xref streams are never encrypted (§7.6.1).
    let data = crate::filters::decode(&dict, &raw, limits)?;
    let w: Vec<usize> = dict
        .get(b"W".as_slice())
        .and_then(Object::as_array)
        .ok_or_else(|| bad(offset, "missing /W"))?
        .iter()
        .map(|x| {
            x.as_int()
                .and_then(|v| usize::try_from(v).ok())
                .filter(|&v| v <= 8)
        })
        .collect::<Option<_>>()
        .ok_or_else(|| bad(offset, "bad /W"))?;
    let [w0, w1, w2] = w.as_slice() else {
        return Err(bad(offset, "/W must have three fields"));
    };
    let (w0, w1, w2) = (*w0, *w1, *w2);
    let row = w0 + w1 + w2;
    if row == 0 {
        return Err(bad(offset, "/W fields are all zero"));
    }
    let size = dict
        .get(b"Size".as_slice())
        .and_then(Object::as_int)
        .ok_or_else(|| bad(offset, "missing /Size"))?;
    let index: Vec<i64> = match dict.get(b"Index".as_slice()).and_then(Object::as_array) {
        Some(a) => a
            .iter()
            .map(Object::as_int)
            .collect::<Option<_>>()
            .ok_or_else(|| bad(offset, "bad /Index"))?,
        None => vec![0, size],
    };
    if index.len() % 2 != 0 {
        return Err(bad(offset, "odd /Index"));
    }
    let mut entries = BTreeMap::new();
    let mut rows = data.chunks_exact(row);
    for pair in index.chunks_exact(2) {
        let (start, count) = (pair[0], pair[1]);
        let start = u32::try_from(start).map_err(|_| bad(offset, "bad /Index start"))?;
        let count = usize::try_from(count).map_err(|_| bad(offset, "bad /Index count"))?;
        take_budget(budget, count)?;
        for i in 0..count {
            let Some(r) = rows.next() else {
                return Err(bad(offset, "xref stream data shorter than /Index says"));
            };
            let field = |from: usize, w: usize| {
                r.get(from..from + w)
                    .map(|b| b.iter().fold(0u64, |a, &x| a << 8 | u64::from(x)))
                    .unwrap_or(0)
            };
            let ty = if w0 == 0 { 1 } else { field(0, w0) };
            let f2 = field(w0, w1);
            let f3 = field(w0 + w1, w2);
            let num = u32::try_from(i)
                .ok()
                .and_then(|i| start.checked_add(i))
                .ok_or_else(|| bad(offset, "object number out of range"))?;
            let e = match ty {
                0 => XrefEntry::Free {
                    gen: u16::try_from(f3).unwrap_or(u16::MAX),
                },
                1 => XrefEntry::InFile {
                    offset: usize::try_from(f2).map_err(|_| bad(offset, "offset out of range"))?,
                    gen: u16::try_from(f3).map_err(|_| bad(offset, "generation out of range"))?,
                },
                2 => XrefEntry::InStream {
                    stream: u32::try_from(f2)
                        .map_err(|_| bad(offset, "object stream number out of range"))?,
                    index: u32::try_from(f3).map_err(|_| bad(offset, "index out of range"))?,
                },
                // §7.5.8.3: other types are references to the null object.
                _ => continue,
            };
            entries.entry(num).or_insert(e);
        }
    }
    Ok(Section {
        offset,
        kind: XrefKind::Stream,
        entries,
        trailer: dict,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_with_sloppy_eols() {
        let src = b"xref\r\n0 2\r\n0000000000 65535 f\r\n0000000017 00000 n\n3 1\n0000000099 00001 n \ntrailer\n<</Size 4/Root 1 0 R>>\nstartxref";
        let mut budget = 100;
        let s = read_section(&Input::Mem(src), 0, &Limits::default(), &mut budget).unwrap();
        assert_eq!(s.kind, XrefKind::Table);
        assert_eq!(s.entries.get(&0), Some(&XrefEntry::Free { gen: 65535 }));
        assert_eq!(
            s.entries.get(&1),
            Some(&XrefEntry::InFile { offset: 17, gen: 0 })
        );
        assert_eq!(
            s.entries.get(&3),
            Some(&XrefEntry::InFile { offset: 99, gen: 1 })
        );
        assert_eq!(&src[s.end..s.end + 10], b"\nstartxref");
        assert_eq!(budget, 97);
    }

    #[test]
    fn xref_stream_with_index_and_implicit_type() {
        // /W [0 2 1]: type field absent (defaults to 1, §7.5.8.3 Table 17);
        // /Index [0 1 5 2]: objects 0, 5, 6.
        let rows: &[u8] = &[0x00, 0x00, 0xff, 0x01, 0x00, 0x00, 0x02, 0x00, 0x03];
        let mut src = format!(
            "9 0 obj\n<</Type/XRef/Size 7/W[0 2 1]/Index[0 1 5 2]/Length {}>>\nstream\n",
            rows.len()
        )
        .into_bytes();
        src.extend_from_slice(rows);
        src.extend_from_slice(b"\nendstream\nendobj\n");
        let mut budget = 100;
        let s = read_section(&Input::Mem(&src), 0, &Limits::default(), &mut budget).unwrap();
        assert_eq!(s.kind, XrefKind::Stream);
        assert_eq!(
            s.entries.get(&0),
            Some(&XrefEntry::InFile {
                offset: 0,
                gen: 255
            })
        );
        assert_eq!(
            s.entries.get(&5),
            Some(&XrefEntry::InFile {
                offset: 256,
                gen: 0
            })
        );
        assert_eq!(
            s.entries.get(&6),
            Some(&XrefEntry::InFile {
                offset: 512,
                gen: 3
            })
        );
        assert_eq!(s.entries.len(), 3);
        assert_eq!(s.end, src.len() - 1);
        // A stream that is not /Type /XRef is not a cross-reference section.
        let other = String::from_utf8_lossy(&src).replace("/Type/XRef", "/Type/XRaf");
        assert!(read_section(
            &Input::Mem(other.as_bytes()),
            0,
            &Limits::default(),
            &mut 100
        )
        .is_err());
    }

    #[test]
    fn entry_budget() {
        let src = b"xref\n0 5000000\n";
        let mut budget = 1000;
        assert_eq!(
            read_section(&Input::Mem(src), 0, &Limits::default(), &mut budget)
                .unwrap_err()
                .code(),
            crate::codes::LIMIT_XREF_ENTRIES
        );
    }
}
