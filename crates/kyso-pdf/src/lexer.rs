//! Tokenising and object parsing (ISO 32000-1 §7.2, §7.3).
//!
//! The parser works on a byte slice with a known `base` (the slice's offset in
//! the file), so that string tokens carry their exact file [`Span`]: the
//! byte-range check compares the signature's gap against the `/Contents`
//! token as located here, never against a re-serialisation.

use crate::error::{limit, PdfError};
use crate::object::{Dict, ObjRef, Object, PdfString, Span};

/// PDF white-space characters (§7.2.2, Table 1).
pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

/// PDF delimiters (§7.2.2, Table 2).
pub(crate) fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_ws(b) && !is_delim(b)
}

/// Find `needle` in `hay` starting at `from`.
///
/// Through `memchr::memmem` (SIMD): several searches run over the whole file
/// (a `/ByteRange` scan for unreached signatures, `%%EOF` after the last
/// update), and a byte-by-byte window comparison cost ~50 ms on 100 MiB.
pub(crate) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

/// Find the last `needle` in `hay[..end]`.
pub(crate) fn rfind(hay: &[u8], needle: &[u8], end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if needle.is_empty() {
        return None;
    }
    memchr::memmem::rfind(hay.get(..end)?, needle)
}

/// Result of parsing an `n g obj` header and its body.
pub(crate) struct IndirectHead {
    pub r: ObjRef,
    pub obj: Object,
    /// For streams: position (relative to the lexer buffer) of the first data byte.
    pub stream_data: Option<usize>,
    /// The buffer ends before, or within 8 bytes of, the first token after
    /// a dictionary: a `stream` keyword (and its end of line) may lie beyond
    /// it. A caller reading through a window must read again in a larger
    /// one, or it would take a stream for a dictionary when whitespace or a
    /// comment runs past the window's end.
    pub near_end: bool,
}

pub(crate) struct Lexer<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
    /// Offset of `buf` in the file, or `None` when `buf` is decoded data
    /// (an object stream) and no file spans exist.
    pub base: Option<usize>,
    pub max_depth: usize,
    pub max_len: usize,
    /// Dictionary keys seen twice in one dictionary (ambiguous: readers differ on which wins).
    pub dup_keys: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(
        buf: &'a [u8],
        pos: usize,
        base: Option<usize>,
        max_depth: usize,
        max_len: usize,
    ) -> Self {
        Lexer {
            buf,
            pos,
            base,
            max_depth,
            max_len,
            dup_keys: 0,
        }
    }

    fn err(&self, reason: &'static str) -> PdfError {
        PdfError::BadObject {
            offset: self.base.unwrap_or(0).saturating_add(self.pos),
            reason,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Skip white space and comments (§7.2.3).
    pub fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if is_ws(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The regular-character run at the current position (a keyword or number), without consuming it.
    pub fn peek_word(&self) -> &'a [u8] {
        let rest = self.buf.get(self.pos..).unwrap_or(&[]);
        let n = rest
            .iter()
            .position(|&b| !is_regular(b))
            .unwrap_or(rest.len());
        rest.get(..n).unwrap_or(&[])
    }

    /// Consume `kw` if the next token is exactly it.
    pub fn eat_keyword(&mut self, kw: &[u8]) -> bool {
        self.skip_ws();
        if self.peek_word() == kw {
            self.pos += kw.len();
            true
        } else {
            false
        }
    }

    /// Parse an unsigned integer token.
    pub fn read_uint(&mut self) -> Option<u64> {
        self.skip_ws();
        let w = self.peek_word();
        if w.is_empty() || w.len() > 19 || !w.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let v = std::str::from_utf8(w).ok()?.parse().ok()?;
        self.pos += w.len();
        Some(v)
    }

    /// Parse `n g obj` then the object; for a dictionary followed by `stream`,
    /// report where the data begins (§7.3.8.1: after `stream` and CRLF or LF).
    pub fn parse_indirect(&mut self) -> Result<IndirectHead, PdfError> {
        let num = self
            .read_uint()
            .ok_or_else(|| self.err("expected object number"))?;
        let gen = self
            .read_uint()
            .ok_or_else(|| self.err("expected generation number"))?;
        if !self.eat_keyword(b"obj") {
            return Err(self.err("expected 'obj'"));
        }
        let r = ObjRef {
            num: u32::try_from(num).map_err(|_| self.err("object number out of range"))?,
            gen: u16::try_from(gen).map_err(|_| self.err("generation out of range"))?,
        };
        let obj = self.parse_object(0)?;
        let mut stream_data = None;
        let mut near_end = false;
        if matches!(obj, Object::Dict(_)) {
            let save = self.pos;
            self.skip_ws();
            // "stream" and CRLF.
            near_end = self.pos + 8 >= self.buf.len();
            if self.peek_word() == b"stream" {
                self.pos += 6;
                // §7.3.8.1: EOL is CRLF or LF; tolerate a lone CR.
                match (self.buf.get(self.pos), self.buf.get(self.pos + 1)) {
                    (Some(b'\r'), Some(b'\n')) => self.pos += 2,
                    (Some(b'\n'), _) | (Some(b'\r'), _) => self.pos += 1,
                    _ => {}
                }
                stream_data = Some(self.pos);
            } else {
                self.pos = save;
            }
        }
        Ok(IndirectHead {
            r,
            obj,
            stream_data,
            near_end,
        })
    }

    /// Parse one direct object (§7.3), with `n g R` references.
    pub fn parse_object(&mut self, depth: usize) -> Result<Object, PdfError> {
        if depth > self.max_depth {
            return Err(limit(crate::codes::LIMIT_DEPTH));
        }
        self.skip_ws();
        let start = self.pos;
        let b = self
            .peek()
            .ok_or_else(|| self.err("unexpected end of data"))?;
        match b {
            b'/' => {
                self.pos += 1;
                Ok(Object::Name(self.read_name_body()))
            }
            b'(' => self.read_literal_string(start),
            b'<' => {
                if self.buf.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    self.read_dict(depth).map(Object::Dict)
                } else {
                    self.read_hex_string(start)
                }
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        None => return Err(self.err("unterminated array")),
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Object::Array(items));
                        }
                        _ => {
                            if items.len() >= self.max_len {
                                return Err(limit(crate::codes::LIMIT_COLLECTION));
                            }
                            let before = self.pos;
                            let item = self.parse_object(depth + 1)?;
                            if self.pos == before {
                                return Err(self.err("no progress in array"));
                            }
                            items.push(item);
                        }
                    }
                }
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.read_number_or_ref(),
            _ => {
                let w = self.peek_word();
                let o = match w {
                    b"true" => Object::Bool(true),
                    b"false" => Object::Bool(false),
                    b"null" => Object::Null,
                    _ => return Err(self.err("unexpected token")),
                };
                self.pos += w.len();
                Ok(o)
            }
        }
    }

    fn read_dict(&mut self, depth: usize) -> Result<Dict, PdfError> {
        let mut d = Dict::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => return Err(self.err("unterminated dictionary")),
                Some(b'>') => {
                    if self.buf.get(self.pos + 1) == Some(&b'>') {
                        self.pos += 2;
                        return Ok(d);
                    }
                    return Err(self.err("stray '>' in dictionary"));
                }
                Some(b'/') => {
                    self.pos += 1;
                    let key = self.read_name_body();
                    if d.len() >= self.max_len {
                        return Err(limit(crate::codes::LIMIT_COLLECTION));
                    }
                    let v = self.parse_object(depth + 1)?;
                    // §7.3.7: a null value is the same as an absent entry.
                    // Duplicate keys: the first wins, as in pdf.js and pdfium.
                    match d.entry(key) {
                        std::collections::btree_map::Entry::Occupied(_) => self.dup_keys += 1,
                        std::collections::btree_map::Entry::Vacant(e) => {
                            if !matches!(v, Object::Null) {
                                e.insert(v);
                            }
                        }
                    }
                }
                Some(_) => return Err(self.err("dictionary key is not a name")),
            }
        }
    }

    fn read_name_body(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let h = self.buf.get(self.pos..self.pos + 2).and_then(|h| {
                    let s = std::str::from_utf8(h).ok()?;
                    u8::from_str_radix(s, 16).ok()
                });
                if let Some(v) = h {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn span(&self, start: usize) -> Option<Span> {
        let base = self.base?;
        Some(Span {
            start: base.checked_add(start)?,
            end: base.checked_add(self.pos)?,
        })
    }

    /// Literal string (§7.3.4.2): balanced parentheses, escapes, EOL normalisation.
    fn read_literal_string(&mut self, start: usize) -> Result<Object, PdfError> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut nest = 1usize;
        loop {
            let b = self.peek().ok_or_else(|| self.err("unterminated string"))?;
            self.pos += 1;
            match b {
                b'(' => {
                    nest += 1;
                    out.push(b);
                }
                b')' => {
                    nest -= 1;
                    if nest == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let e = self.peek().ok_or_else(|| self.err("unterminated string"))?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'\r' => {
                    // §7.3.4.2: an unescaped EOL is read as a single LF.
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        Ok(Object::String(PdfString {
            bytes: out,
            hex: false,
            span: self.span(start),
        }))
    }

    /// Hex string (§7.3.4.3): white space ignored, odd final digit padded with 0.
    fn read_hex_string(&mut self, start: usize) -> Result<Object, PdfError> {
        self.pos += 1;
        let rest = self.buf.get(self.pos..).unwrap_or(&[]);
        let Some(close) = rest.iter().position(|&b| b == b'>') else {
            // Where the data ran out (a window of the file is read again larger).
            self.pos = self.buf.len();
            return Err(self.err("unterminated hex string"));
        };
        let body = rest.get(..close).unwrap_or(&[]);
        let mut out = Vec::with_capacity(body.len() / 2);
        let mut hi: Option<u8> = None;
        for &c in body {
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                c if is_ws(c) => continue,
                _ => return Err(self.err("invalid character in hex string")),
            };
            match hi.take() {
                None => hi = Some(v),
                Some(h) => out.push(h << 4 | v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        self.pos += close + 1;
        Ok(Object::String(PdfString {
            bytes: out,
            hex: true,
            span: self.span(start),
        }))
    }

    /// A number, or `n g R` when two unsigned integers are followed by `R` (§7.3.10).
    fn read_number_or_ref(&mut self) -> Result<Object, PdfError> {
        let w = self.peek_word();
        let n = parse_number(w).ok_or_else(|| self.err("bad number"))?;
        self.pos += w.len();
        if let Object::Int(num) = n {
            if num >= 0 && w.iter().all(u8::is_ascii_digit) {
                let save = self.pos;
                if let Some(gen) = self.read_uint() {
                    if self.eat_keyword(b"R") {
                        if let (Ok(num), Ok(gen)) = (u32::try_from(num), u16::try_from(gen)) {
                            return Ok(Object::Ref(ObjRef { num, gen }));
                        }
                        return Err(self.err("reference out of range"));
                    }
                }
                self.pos = save;
            }
        }
        Ok(n)
    }
}

/// Parse an integer or real token (§7.3.3). Tolerates `--5`-style double signs as readers do.
pub(crate) fn parse_number(w: &[u8]) -> Option<Object> {
    if w.is_empty() || w.len() > 64 {
        return None;
    }
    let s = std::str::from_utf8(w).ok()?;
    let t = s.trim_start_matches(['+', '-']);
    let neg = s.len() - t.len() > 0 && s.starts_with('-');
    if t.is_empty()
        || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || t.bytes().filter(|&b| b == b'.').count() > 1
    {
        return None;
    }
    if !t.contains('.') {
        if let Ok(v) = t.parse::<i64>() {
            return Some(Object::Int(if neg { -v } else { v }));
        }
    }
    let t2 = if t == "." { "0" } else { t };
    let v: f64 = t2.parse().ok()?;
    Some(Object::Real(if neg { -v } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Object {
        Lexer::new(s, 0, Some(100), 64, 1000)
            .parse_object(0)
            .unwrap()
    }

    #[test]
    fn scalars_and_refs() {
        assert_eq!(parse(b"12 0 R"), Object::Ref(ObjRef { num: 12, gen: 0 }));
        assert_eq!(parse(b"-12"), Object::Int(-12));
        assert_eq!(parse(b"3.5"), Object::Real(3.5));
        assert_eq!(parse(b"-.5"), Object::Real(-0.5));
        assert_eq!(parse(b"true"), Object::Bool(true));
        assert_eq!(parse(b"/A#20B"), Object::Name(b"A B".to_vec()));
        // `1 2 R` is a reference; `3` stays a number.
        assert_eq!(
            parse(b"[1 2 R 3]"),
            Object::Array(vec![Object::Ref(ObjRef { num: 1, gen: 2 }), Object::Int(3)])
        );
        assert_eq!(
            parse(b"[1 2 3]"),
            Object::Array(vec![Object::Int(1), Object::Int(2), Object::Int(3)])
        );
    }

    #[test]
    fn strings_with_spans() {
        let o = parse(b"(a\\(b\\)c\\101\\\nd)");
        let s = o.as_string().unwrap();
        assert_eq!(s.bytes, b"a(b)cAd");
        assert_eq!(
            s.span,
            Some(Span {
                start: 100,
                end: 116
            })
        );
        let o = parse(b"  <41 42 4>");
        let s = o.as_string().unwrap();
        assert_eq!(s.bytes, b"AB@");
        assert_eq!(
            s.span,
            Some(Span {
                start: 102,
                end: 111
            })
        );
        assert!(s.hex);
    }

    #[test]
    fn dict_nulls_and_duplicates() {
        let o = parse(b"<</A 1/B null/A 2/C<</D[/E]>>>>");
        let d = o.as_dict().unwrap();
        assert_eq!(d.get(b"A".as_slice()), Some(&Object::Int(1)));
        assert!(!d.contains_key(b"B".as_slice()));
        assert!(d.contains_key(b"C".as_slice()));
    }

    #[test]
    fn depth_is_bounded() {
        let deep = vec![b'['; 10_000];
        let e = Lexer::new(&deep, 0, None, 64, 1000)
            .parse_object(0)
            .unwrap_err();
        assert_eq!(e.code(), crate::codes::LIMIT_DEPTH);
    }

    #[test]
    fn indirect_stream_head() {
        let src = b"7 0 obj\n<</Length 3>>\r\nstream\r\nabc\nendstream endobj";
        let mut lx = Lexer::new(src, 0, Some(0), 64, 1000);
        let h = lx.parse_indirect().unwrap();
        assert_eq!(h.r, ObjRef { num: 7, gen: 0 });
        assert_eq!(h.stream_data, Some(31));
        assert_eq!(&src[31..34], b"abc");
    }
}
