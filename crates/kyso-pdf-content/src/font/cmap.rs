//! CMaps (ISO 32000-1 §9.7.5, §9.10.3; Adobe Technical Note #5014 and #5411):
//! `/ToUnicode` maps (`bfchar`, `bfrange` in both forms) and embedded
//! encoding CMaps of Type 0 fonts (`cidchar`, `cidrange`), with the
//! `codespacerange`s that say how many bytes each code has.
//!
//! The parser is a tolerant token scan, bounded by the input size (which
//! the caller caps) and by [`MAX_ENTRIES`]; it never fails, it keeps what it
//! could read.

/// Most mappings kept from one CMap (a full CJK ToUnicode has ~20,000
/// `bfchar` lines; ranges count once).
pub(crate) const MAX_ENTRIES: usize = 100_000;

/// A code as bytes read from a string: its value and length (1–4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Code {
    pub(crate) value: u32,
    pub(crate) len: u8,
}

/// One `codespacerange` entry: per-byte bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Codespace {
    lo: Vec<u8>,
    hi: Vec<u8>,
}

impl Codespace {
    fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.lo.len()
            && bytes
                .iter()
                .zip(self.lo.iter().zip(&self.hi))
                .all(|(b, (l, h))| l <= b && b <= h)
    }
}

#[derive(Debug, Clone)]
enum Dest {
    /// `bfrange` with a string destination: the last UTF-16 unit counts up.
    Utf16(Vec<u16>),
    /// `cidrange` / `cidchar`.
    Cid(u32),
}

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    pub(crate) codespaces: Vec<Codespace>,
    /// Single codes to text (`bfchar`, array-form `bfrange`), sorted by code.
    chars: Vec<(u32, String)>,
    /// Ranges `(lo, hi, dest)`, in file order (later wins, as in a reader).
    ranges: Vec<(u32, u32, Dest)>,
    /// CIDs of single codes (`cidchar`), sorted.
    cid_chars: Vec<(u32, u32)>,
    /// The `usecmap` / `/UseCMap` parent by name, when it is one.
    pub(crate) use_name: Option<Vec<u8>>,
    /// Entries dropped at [`MAX_ENTRIES`].
    pub(crate) truncated: bool,
}

/// A UTF-16BE byte string (as in `bfchar` destinations) to text; lone
/// surrogates become U+FFFD.
fn utf16_units(b: &[u8]) -> Vec<u16> {
    b.chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from(c[0])
            }
        })
        .collect()
}

fn units_to_string(u: &[u16]) -> String {
    char::decode_utf16(u.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .filter(|c| *c != '\0')
        .collect()
}

fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| (a << 8) | u32::from(x))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Int(i64),
    Name(Vec<u8>),
    Word(Vec<u8>),
    ArrOpen,
    ArrClose,
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    fn next(&mut self) -> Option<Tok> {
        loop {
            let c = *self.b.get(self.i)?;
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => self.i += 1,
                b'%' => {
                    while let Some(&c) = self.b.get(self.i) {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                b'<' => {
                    self.i += 1;
                    if self.b.get(self.i) == Some(&b'<') {
                        self.i += 1;
                        continue; // dictionary open: skipped
                    }
                    let mut digits = Vec::new();
                    while let Some(&c) = self.b.get(self.i) {
                        self.i += 1;
                        if c == b'>' {
                            break;
                        }
                        if let Some(d) = (c as char).to_digit(16) {
                            digits.push(d as u8);
                        }
                    }
                    if digits.len() % 2 == 1 {
                        digits.push(0);
                    }
                    return Some(Tok::Hex(
                        digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect(),
                    ));
                }
                b'>' => self.i += 1,
                b'[' => {
                    self.i += 1;
                    return Some(Tok::ArrOpen);
                }
                b']' => {
                    self.i += 1;
                    return Some(Tok::ArrClose);
                }
                b'(' => {
                    // A literal string (CMap names in usecmap dictionaries, or
                    // rare literal bfchar destinations): kept as Hex bytes.
                    self.i += 1;
                    let mut depth = 1;
                    let mut out = Vec::new();
                    while let Some(&c) = self.b.get(self.i) {
                        self.i += 1;
                        match c {
                            b'\\' => {
                                if let Some(&n) = self.b.get(self.i) {
                                    self.i += 1;
                                    out.push(match n {
                                        b'n' => b'\n',
                                        b'r' => b'\r',
                                        b't' => b'\t',
                                        other => other,
                                    });
                                }
                            }
                            b'(' => {
                                depth += 1;
                                out.push(c);
                            }
                            b')' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                                out.push(c);
                            }
                            _ => out.push(c),
                        }
                    }
                    return Some(Tok::Hex(out));
                }
                b'/' => {
                    self.i += 1;
                    return Some(Tok::Name(self.word().to_vec()));
                }
                b'{' | b'}' | b')' => self.i += 1,
                _ => {
                    let w = self.word();
                    if w.is_empty() {
                        self.i += 1;
                        continue;
                    }
                    if let Some(n) = std::str::from_utf8(w).ok().and_then(|s| s.parse().ok()) {
                        return Some(Tok::Int(n));
                    }
                    return Some(Tok::Word(w.to_vec()));
                }
            }
        }
    }

    fn word(&mut self) -> &[u8] {
        let s = self.i;
        while let Some(&c) = self.b.get(self.i) {
            if matches!(
                c,
                b' ' | b'\t'
                    | b'\r'
                    | b'\n'
                    | b'\x0c'
                    | b'\0'
                    | b'('
                    | b')'
                    | b'<'
                    | b'>'
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'/'
                    | b'%'
            ) {
                break;
            }
            self.i += 1;
        }
        &self.b[s..self.i]
    }
}

impl CMap {
    /// Parse CMap program text.
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let mut m = CMap::default();
        let mut sc = Scan { b: data, i: 0 };
        // Operands since the last keyword.
        let mut ops: Vec<Tok> = Vec::new();
        let mut section: Option<&'static str> = None;
        let mut count = 0usize;
        while let Some(t) = sc.next() {
            match t {
                Tok::Word(w) => {
                    match w.as_slice() {
                        b"begincodespacerange" => section = Some("cs"),
                        b"beginbfchar" => section = Some("bfchar"),
                        b"beginbfrange" => section = Some("bfrange"),
                        b"begincidchar" => section = Some("cidchar"),
                        b"begincidrange" => section = Some("cidrange"),
                        b"beginnotdefrange" | b"beginnotdefchar" => section = Some("notdef"),
                        b"endcodespacerange" | b"endbfchar" | b"endbfrange" | b"endcidchar"
                        | b"endcidrange" | b"endnotdefrange" | b"endnotdefchar" => {
                            section = None;
                        }
                        b"usecmap" => {
                            if let Some(Tok::Name(n)) = ops.last() {
                                m.use_name = Some(n.clone());
                            }
                        }
                        _ => {}
                    }
                    ops.clear();
                    continue;
                }
                Tok::ArrOpen if section == Some("bfrange") => {
                    // Array destination: read the strings up to ']'.
                    let mut arr = Vec::new();
                    while let Some(t) = sc.next() {
                        match t {
                            Tok::ArrClose => break,
                            Tok::Hex(h) if arr.len() < 65_536 => arr.push(h),
                            Tok::Word(_) => break,
                            _ => {}
                        }
                    }
                    if let [.., Tok::Hex(lo), Tok::Hex(hi)] = ops.as_slice() {
                        let (lo, hi) = (be(lo), be(hi));
                        for (k, h) in arr.iter().enumerate() {
                            let Some(code) = lo.checked_add(k as u32) else {
                                break;
                            };
                            if code > hi {
                                break;
                            }
                            if count >= MAX_ENTRIES {
                                m.truncated = true;
                                break;
                            }
                            count += 1;
                            m.chars.push((code, units_to_string(&utf16_units(h))));
                        }
                    }
                    ops.clear();
                    continue;
                }
                other => {
                    if ops.len() >= 16 {
                        ops.remove(0);
                    }
                    ops.push(other);
                }
            }
            if count >= MAX_ENTRIES {
                m.truncated = true;
                continue;
            }
            match (section, ops.as_slice()) {
                (Some("cs"), [Tok::Hex(lo), Tok::Hex(hi)]) => {
                    if (1..=4).contains(&lo.len())
                        && lo.len() == hi.len()
                        && m.codespaces.len() < 256
                    {
                        m.codespaces.push(Codespace {
                            lo: lo.clone(),
                            hi: hi.clone(),
                        });
                    }
                    ops.clear();
                }
                (Some("bfchar"), [Tok::Hex(src), Tok::Hex(dst)]) => {
                    m.chars.push((be(src), units_to_string(&utf16_units(dst))));
                    count += 1;
                    ops.clear();
                }
                (Some("bfchar"), [Tok::Hex(src), Tok::Name(n)]) => {
                    // A glyph name destination (allowed by PDF 1.2 CMaps).
                    if let Some(s) = super::agl::glyph_to_unicode(n) {
                        m.chars.push((be(src), s));
                        count += 1;
                    }
                    ops.clear();
                }
                (Some("bfrange"), [Tok::Hex(lo), Tok::Hex(hi), Tok::Hex(dst)]) => {
                    let (lo, hi) = (be(lo), be(hi));
                    if lo <= hi {
                        m.ranges.push((lo, hi, Dest::Utf16(utf16_units(dst))));
                        count += 1;
                    }
                    ops.clear();
                }
                (Some("cidchar"), [Tok::Hex(src), Tok::Int(cid)]) => {
                    if let Ok(cid) = u32::try_from(*cid) {
                        m.cid_chars.push((be(src), cid));
                        count += 1;
                    }
                    ops.clear();
                }
                (Some("cidrange"), [Tok::Hex(lo), Tok::Hex(hi), Tok::Int(cid)]) => {
                    let (lo, hi) = (be(lo), be(hi));
                    if let (true, Ok(cid)) = (lo <= hi, u32::try_from(*cid)) {
                        m.ranges.push((lo, hi, Dest::Cid(cid)));
                        count += 1;
                    }
                    ops.clear();
                }
                (Some("notdef"), [_, _, Tok::Int(_)] | [_, Tok::Int(_)]) => ops.clear(),
                _ => {}
            }
        }
        // Later bfchar entries win: stable sort, then keep the last of equal codes.
        m.chars.sort_by_key(|(c, _)| *c);
        m.chars.reverse();
        m.chars.dedup_by_key(|(c, _)| *c);
        m.chars.reverse();
        m.cid_chars.sort_by_key(|(c, _)| *c);
        m
    }

    /// Take the next code from `bytes` by the codespace ranges (§9.7.6.2):
    /// the shortest prefix inside some range; when none matches, as many
    /// bytes as the shortest range has (at least one).
    pub(crate) fn next_code(&self, bytes: &[u8]) -> Option<(Code, usize)> {
        if bytes.is_empty() {
            return None;
        }
        for n in 1..=4usize.min(bytes.len()) {
            if self.codespaces.iter().any(|c| c.matches(&bytes[..n])) {
                return Some((
                    Code {
                        value: be(&bytes[..n]),
                        len: n as u8,
                    },
                    n,
                ));
            }
        }
        let n = self
            .codespaces
            .iter()
            .map(|c| c.lo.len())
            .min()
            .unwrap_or(1)
            .clamp(1, bytes.len());
        Some((
            Code {
                value: be(&bytes[..n]),
                len: n as u8,
            },
            n,
        ))
    }

    /// The text of a code (`bfchar`, then the latest `bfrange` holding it).
    pub(crate) fn unicode(&self, code: u32) -> Option<String> {
        if let Ok(i) = self.chars.binary_search_by_key(&code, |(c, _)| *c) {
            return Some(self.chars[i].1.clone());
        }
        for (lo, hi, d) in self.ranges.iter().rev() {
            if let (true, Dest::Utf16(u)) = (*lo <= code && code <= *hi, d) {
                let mut u = u.clone();
                let off = code - lo;
                if let Some(last) = u.last_mut() {
                    // Counting up the last unit (the common reading of
                    // §9.10.3; a carry into the previous byte is not made).
                    *last = last.wrapping_add(off as u16);
                }
                return Some(units_to_string(&u));
            }
        }
        None
    }

    /// The CID of a code (`cidchar`, then the latest `cidrange`).
    pub(crate) fn cid(&self, code: u32) -> Option<u32> {
        if let Ok(i) = self.cid_chars.binary_search_by_key(&code, |(c, _)| *c) {
            return Some(self.cid_chars[i].1);
        }
        for (lo, hi, d) in self.ranges.iter().rev() {
            if let (true, Dest::Cid(c)) = (*lo <= code && code <= *hi, d) {
                return Some(c.saturating_add(code - lo));
            }
        }
        None
    }

    /// Whether the CMap maps anything to text.
    pub(crate) fn has_unicode(&self) -> bool {
        !self.chars.is_empty() || self.ranges.iter().any(|r| matches!(r.2, Dest::Utf16(_)))
    }

    /// Fill gaps from a parent CMap (`usecmap`): its codespaces and
    /// mappings count where this one has none.
    pub(crate) fn inherit(&mut self, parent: &CMap) {
        if self.codespaces.is_empty() {
            self.codespaces = parent.codespaces.clone();
        }
        for (c, s) in &parent.chars {
            if self.unicode(*c).is_none() && self.chars.len() < MAX_ENTRIES {
                self.chars.push((*c, s.clone()));
            }
        }
        self.chars.sort_by_key(|(c, _)| *c);
        for (c, cid) in &parent.cid_chars {
            if self.cid(*c).is_none() && self.cid_chars.len() < MAX_ENTRIES {
                self.cid_chars.push((*c, *cid));
            }
        }
        self.cid_chars.sort_by_key(|(c, _)| *c);
        // Parent ranges go first, so this CMap's own ranges win.
        let mut r = parent.ranges.clone();
        r.truncate(MAX_ENTRIES);
        r.append(&mut self.ranges);
        self.ranges = r;
    }

    /// The two-byte Identity CMap (`Identity-H`/`Identity-V`): CID = code.
    pub(crate) fn identity() -> CMap {
        CMap {
            codespaces: vec![Codespace {
                lo: vec![0, 0],
                hi: vec![0xff, 0xff],
            }],
            ranges: vec![(0, 0xffff, Dest::Cid(0))],
            ..CMap::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0043>
<0008> <1EE6>
<0009> <00660069>
endbfchar
2 beginbfrange
<0010> <0012> <0041>
<0020> <0022> [<0110> <1ED8> <D835DC00>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end";

    #[test]
    fn to_unicode() {
        let m = CMap::parse(TO_UNICODE);
        assert_eq!(m.unicode(3).as_deref(), Some("C"));
        assert_eq!(m.unicode(8).as_deref(), Some("Ủ"));
        assert_eq!(m.unicode(9).as_deref(), Some("fi"));
        assert_eq!(m.unicode(0x11).as_deref(), Some("B"));
        assert_eq!(m.unicode(0x12).as_deref(), Some("C"));
        assert_eq!(m.unicode(0x13), None);
        assert_eq!(m.unicode(0x20).as_deref(), Some("Đ"));
        assert_eq!(m.unicode(0x21).as_deref(), Some("Ộ"));
        assert_eq!(m.unicode(0x22).as_deref(), Some("\u{1D400}"));
        assert!(m.has_unicode());
        let (c, n) = m.next_code(&[0, 8, 1]).unwrap();
        assert_eq!((c.value, c.len, n), (8, 2, 2));
    }

    #[test]
    fn codespaces_mixed_lengths() {
        let m = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange
              1 begincidrange <8140> <817E> 633 endcidrange
              1 begincidchar <41> 34 endcidchar
              /Foo usecmap",
        );
        let b = [0x41u8, 0x81, 0x41, 0xff];
        let (c, n) = m.next_code(&b).unwrap();
        assert_eq!((c.value, n), (0x41, 1));
        assert_eq!(m.cid(0x41), Some(34));
        let (c, n) = m.next_code(&b[1..]).unwrap();
        assert_eq!((c.value, n), (0x8141, 2));
        assert_eq!(m.cid(0x8141), Some(634));
        // 0xff is in no range: one byte (the shortest range) is consumed.
        let (c, n) = m.next_code(&b[3..]).unwrap();
        assert_eq!((c.value, n), (0xff, 1));
        assert_eq!(m.use_name.as_deref(), Some(&b"Foo"[..]));
    }

    #[test]
    fn hostile_input_is_bounded() {
        // A bfrange over the whole 32-bit space is one entry, not 4·10⁹.
        let m = CMap::parse(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(m.unicode(5).as_deref(), Some("F"));
        // Garbage and unterminated tokens.
        let _ = CMap::parse(b"beginbfchar <0 <> [ ( \\");
        let _ = CMap::parse(b"beginbfrange <00> <10> [ <41> <42");
        let mut many = b"beginbfchar ".to_vec();
        for i in 0..(MAX_ENTRIES + 10) {
            many.extend_from_slice(format!("<{:06X}> <0041>\n", i).as_bytes());
        }
        let m = CMap::parse(&many);
        assert!(m.truncated);
        assert!(m.chars.len() <= MAX_ENTRIES);
    }

    #[test]
    fn identity_and_inherit() {
        let id = CMap::identity();
        assert_eq!(id.cid(0x1234), Some(0x1234));
        let mut child = CMap::parse(b"1 begincidchar <0005> 99 endcidchar");
        child.inherit(&id);
        assert_eq!(child.cid(5), Some(99));
        assert_eq!(child.cid(6), Some(6));
        assert_eq!(child.next_code(&[0, 6]).unwrap().1, 2);
    }
}
