//! Content-stream tokens (ISO 32000-1 §7.8.2): operands in postfix order,
//! then an operator. Written here rather than reusing `kyso-pdf`'s object
//! lexer because content streams have no indirect objects, need inline
//! images (`BI … ID <data> EI`, §8.9.7) and must keep going after a bad
//! token the way viewers do.

/// One operand.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    Dict(Vec<(Vec<u8>, Operand)>),
    Bool(bool),
    Null,
}

impl Operand {
    pub(crate) fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
    pub(crate) fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// Deepest array/dictionary nesting in an operand.
const MAX_NESTING: usize = 32;
/// Most elements in one array operand (a long TJ array).
const MAX_ARRAY: usize = 100_000;
/// Most operands waiting for an operator (anything beyond is dropped).
const MAX_OPERANDS: usize = 1_000;

pub(crate) struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// What the lexer produced.
pub(crate) enum Item {
    /// An operator with its operands.
    Op(Vec<u8>, Vec<Operand>),
    /// An inline image (drawn in the CTM's unit square; its dictionary and
    /// data are skipped).
    InlineImage,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Lexer { buf, pos: 0 }
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.buf.get(self.pos) {
            if is_ws(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.buf.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(&b) = self.buf.get(self.pos) {
            if is_ws(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
        }
        &self.buf[start..self.pos]
    }

    /// The next operator with its operands; `None` at the end.
    pub(crate) fn next_item(&mut self) -> Option<Item> {
        let mut operands: Vec<Operand> = Vec::new();
        loop {
            self.skip_ws();
            let &b = self.buf.get(self.pos)?;
            let is_operator_start =
                !is_delim(b) && !b.is_ascii_digit() && !matches!(b, b'+' | b'-' | b'.');
            if is_operator_start {
                let w = self.word();
                if w.is_empty() {
                    self.pos += 1; // a stray delimiter such as ')' or '>'
                    continue;
                }
                match w {
                    b"true" => push(&mut operands, Operand::Bool(true)),
                    b"false" => push(&mut operands, Operand::Bool(false)),
                    b"null" => push(&mut operands, Operand::Null),
                    b"BI" => return Some(self.inline_image()),
                    _ => return Some(Item::Op(w.to_vec(), operands)),
                }
                continue;
            }
            match self.operand(0) {
                Some(o) => push(&mut operands, o),
                None => {
                    // Unreadable token: skip a byte, as viewers resynchronise.
                    self.pos += 1;
                }
            }
        }
    }

    fn operand(&mut self, depth: usize) -> Option<Operand> {
        if depth > MAX_NESTING {
            return None;
        }
        self.skip_ws();
        let &b = self.buf.get(self.pos)?;
        match b {
            b'/' => {
                self.pos += 1;
                Some(Operand::Name(decode_name(self.word())))
            }
            b'(' => Some(Operand::Str(self.literal_string())),
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let entries = self.dict_entries(depth, b">>")?;
                Some(Operand::Dict(entries))
            }
            b'<' => Some(Operand::Str(self.hex_string())),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.buf.get(self.pos) {
                        None => return Some(Operand::Array(items)),
                        Some(b']') => {
                            self.pos += 1;
                            return Some(Operand::Array(items));
                        }
                        Some(_) => {
                            let before = self.pos;
                            match self.operand(depth + 1) {
                                Some(o) if items.len() < MAX_ARRAY => items.push(o),
                                Some(_) => {}
                                None => {
                                    // A keyword or junk inside an array: skip it.
                                    let w = self.word();
                                    if w.is_empty() && self.pos == before {
                                        self.pos += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let w = self.word();
                parse_number(w).map(Operand::Num)
            }
            _ => {
                let start = self.pos;
                let w = self.word();
                match w {
                    b"true" => Some(Operand::Bool(true)),
                    b"false" => Some(Operand::Bool(false)),
                    b"null" => Some(Operand::Null),
                    _ => {
                        self.pos = start;
                        None
                    }
                }
            }
        }
    }

    /// `/Key value …` up to `end` (`>>` for dictionaries, `ID` for inline images).
    fn dict_entries(&mut self, depth: usize, end: &[u8]) -> Option<Vec<(Vec<u8>, Operand)>> {
        let mut entries = Vec::new();
        loop {
            self.skip_ws();
            let rest = self.buf.get(self.pos..)?;
            if rest.is_empty() {
                return Some(entries);
            }
            if rest.starts_with(end)
                && (end == b">>" || rest.get(end.len()).is_none_or(|&c| is_ws(c)))
            {
                self.pos += end.len();
                return Some(entries);
            }
            if rest[0] != b'/' {
                // Not a key: skip one value (or at least one byte) and go on.
                let before = self.pos;
                if self.operand(depth + 1).is_none() {
                    self.word();
                }
                if self.pos == before {
                    self.pos += 1;
                }
                continue;
            }
            self.pos += 1;
            let key = decode_name(self.word());
            let v = self.operand(depth + 1).unwrap_or(Operand::Null);
            if entries.len() < MAX_ARRAY {
                entries.push((key, v));
            }
        }
    }

    fn inline_image(&mut self) -> Item {
        let _ = self.dict_entries(0, b"ID");
        // One white-space byte follows ID (§8.9.7); then data up to "EI"
        // preceded by white space and followed by white space or the end.
        self.pos += 1;
        let data_start = self.pos;
        let mut i = data_start;
        while i + 1 < self.buf.len() {
            if self.buf[i] == b'E'
                && self.buf[i + 1] == b'I'
                && (i == data_start || is_ws(self.buf[i - 1]))
                && self.buf.get(i + 2).is_none_or(|&c| is_ws(c) || is_delim(c))
            {
                self.pos = i + 2;
                return Item::InlineImage;
            }
            i += 1;
        }
        self.pos = self.buf.len();
        Item::InlineImage
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => {
                    let Some(&e) = self.buf.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.buf.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        b'\r' => {
                            if self.buf.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let v = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }
}

fn push(operands: &mut Vec<Operand>, o: Operand) {
    if operands.len() < MAX_OPERANDS {
        operands.push(o);
    }
}

fn decode_name(w: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(w.len());
    let mut i = 0;
    while i < w.len() {
        if w[i] == b'#' && i + 2 < w.len() {
            let h = std::str::from_utf8(&w[i + 1..i + 3])
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok());
            if let Some(v) = h {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(w[i]);
        i += 1;
    }
    out
}

fn parse_number(w: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(w).ok()?;
    // Viewers accept "--5" and "5." and ".5"; keep the sign rules simple.
    let s = s.trim_start_matches('+');
    let s = if let Some(rest) = s.strip_prefix("--") {
        format!("-{rest}")
    } else {
        s.to_string()
    };
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(src: &[u8]) -> Vec<(String, usize)> {
        let mut l = Lexer::new(src);
        let mut out = Vec::new();
        while let Some(it) = l.next_item() {
            match it {
                Item::Op(o, a) => out.push((String::from_utf8_lossy(&o).into_owned(), a.len())),
                Item::InlineImage => out.push(("BI".into(), 0)),
            }
        }
        out
    }

    #[test]
    fn tokens() {
        let v = ops(b"q 1 0 0 1 72 700 cm BT /F1 12 Tf (a\\)b) Tj [(x) -250 <00410042>] TJ ET Q");
        assert_eq!(
            v,
            vec![
                ("q".into(), 0),
                ("cm".into(), 6),
                ("BT".into(), 0),
                ("Tf".into(), 2),
                ("Tj".into(), 1),
                ("TJ".into(), 1),
                ("ET".into(), 0),
                ("Q".into(), 0)
            ]
        );
    }

    #[test]
    fn inline_image_and_dict_operands() {
        let v = ops(b"q BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xffEI\xff EI Q /P <</MCID 0>> BDC EMC");
        assert_eq!(v[0], ("q".into(), 0));
        assert_eq!(v[1], ("BI".into(), 0));
        assert_eq!(v[2], ("Q".into(), 0));
        assert_eq!(v[3], ("BDC".into(), 2));
    }

    #[test]
    fn junk_does_not_hang() {
        for src in [
            &b")))>>]]}{"[..],
            b"<<<<",
            b"[[[[",
            b"(unterminated",
            b"BI /W",
            b"/#zz#4",
            b"- . + --3",
        ] {
            let _ = ops(src);
        }
        let deep = vec![b'['; 10_000];
        let _ = ops(&deep);
    }
}
