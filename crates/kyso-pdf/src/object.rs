//! The PDF object model (ISO 32000-1 §7.3), with byte spans kept so that
//! signature checks can refer to exactly where a value sits in the file.

use std::collections::BTreeMap;
use std::fmt;

/// An indirect reference `n g R`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjRef {
    /// Object number.
    pub num: u32,
    /// Generation number.
    pub gen: u16,
}

impl fmt::Display for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} R", self.num, self.gen)
    }
}

/// A byte range `[start, end)` in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A PDF string, with how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfString {
    /// Decoded bytes (after hex/escape decoding, and decryption when the document is encrypted).
    pub bytes: Vec<u8>,
    /// True for `<...>` hex strings.
    pub hex: bool,
    /// Where the token (delimiters included) sits in the file, when it was parsed
    /// directly from the file (not from a decompressed object stream).
    pub span: Option<Span>,
}

/// A dictionary; keys are names without the leading `/`.
pub type Dict = BTreeMap<Vec<u8>, Object>;

/// A stream: its dictionary and raw (still encoded) data.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// The stream dictionary.
    pub dict: Dict,
    /// Raw data as in the file (or decrypted, for encrypted documents), before filters.
    pub raw: Vec<u8>,
}

/// A PDF object.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A real number.
    Real(f64),
    /// A string.
    String(PdfString),
    /// A name, without the `/`, `#xx` escapes decoded.
    Name(Vec<u8>),
    /// An array.
    Array(Vec<Object>),
    /// A dictionary.
    Dict(Dict),
    /// A stream.
    Stream(Stream),
    /// An indirect reference.
    Ref(ObjRef),
}

impl Object {
    /// The dictionary of a Dict or Stream.
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
    /// Integer value.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Object::Int(i) => Some(*i),
            _ => None,
        }
    }
    /// Name bytes.
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }
    /// Array items.
    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }
    /// String.
    pub fn as_string(&self) -> Option<&PdfString> {
        match self {
            Object::String(s) => Some(s),
            _ => None,
        }
    }
    /// Reference.
    pub fn as_ref(&self) -> Option<ObjRef> {
        match self {
            Object::Ref(r) => Some(*r),
            _ => None,
        }
    }
}
