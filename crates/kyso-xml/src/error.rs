use core::fmt;

/// Why a document could not be read or canonicalized.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlError {
    /// The document type declaration declares entities (`<!ENTITY`): refused
    /// (entity expansion, external entities, "billion laughs").
    EntityDeclared,
    /// The document type declaration has an internal subset (element, attribute
    /// list or notation declarations): refused, since attribute defaults and
    /// ID types from a DTD would change what was signed.
    DtdNotAllowed,
    /// Larger than [`crate::Limits::max_bytes`].
    TooLarge {
        /// Input size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// More nodes than [`crate::Limits::max_nodes`].
    TooManyNodes,
    /// Nested deeper than [`crate::Limits::max_depth`].
    TooDeep,
    /// An element with more attributes than [`crate::Limits::max_attributes`].
    TooManyAttributes,
    /// Not UTF-8 (or UTF-16 with a byte-order mark), or an encoding
    /// declaration naming another encoding with non-ASCII content.
    Encoding(String),
    /// Not well-formed XML 1.0 with namespaces (parser message with position).
    Malformed(String),
    /// The canonicalizer was asked for something it does not do (an unknown
    /// algorithm URI, a node set it cannot represent).
    Unsupported(String),
}

impl XmlError {
    /// Stable code for findings (`xml.parse.*`).
    pub fn code(&self) -> &'static str {
        match self {
            XmlError::EntityDeclared => "xml.parse.entity_declared",
            XmlError::DtdNotAllowed => "xml.parse.dtd_not_allowed",
            XmlError::TooLarge { .. } => "xml.parse.too_large",
            XmlError::TooManyNodes => "xml.parse.too_many_nodes",
            XmlError::TooDeep => "xml.parse.too_deep",
            XmlError::TooManyAttributes => "xml.parse.too_many_attributes",
            XmlError::Encoding(_) => "xml.parse.encoding",
            XmlError::Malformed(_) => "xml.parse.malformed",
            XmlError::Unsupported(_) => "xml.c14n.unsupported",
        }
    }

    /// The reason in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            XmlError::EntityDeclared => "Tệp XML khai báo thực thể (DOCTYPE với ENTITY): bị từ chối vì có thể dùng để tấn công (chèn dữ liệu, đọc tệp ngoài).".into(),
            XmlError::DtdNotAllowed => "Tệp XML có khai báo DTD nội bộ: bị từ chối vì DTD có thể thay đổi nội dung đã ký.".into(),
            XmlError::TooLarge { size, limit } => format!("Tệp XML quá lớn ({size} byte, giới hạn {limit})."),
            XmlError::TooManyNodes => "Tệp XML có quá nhiều nút.".into(),
            XmlError::TooDeep => "Tệp XML lồng nhau quá sâu.".into(),
            XmlError::TooManyAttributes => "Một phần tử XML có quá nhiều thuộc tính.".into(),
            XmlError::Encoding(s) => format!("Bảng mã của tệp XML không được hỗ trợ ({s})."),
            XmlError::Malformed(s) => format!("Tệp XML không đúng cú pháp ({s})."),
            XmlError::Unsupported(s) => format!("Chưa hỗ trợ: {s}."),
        }
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlError::EntityDeclared => f.write_str("the DOCTYPE declares entities: refused"),
            XmlError::DtdNotAllowed => f.write_str(
                "the DOCTYPE has an internal subset: refused (DTDs can change what was signed)",
            ),
            XmlError::TooLarge { size, limit } => {
                write!(f, "XML of {size} bytes exceeds the limit of {limit}")
            }
            XmlError::TooManyNodes => f.write_str("too many XML nodes"),
            XmlError::TooDeep => f.write_str("XML nested too deep"),
            XmlError::TooManyAttributes => f.write_str("an element has too many attributes"),
            XmlError::Encoding(s) => write!(f, "unsupported XML encoding: {s}"),
            XmlError::Malformed(s) => write!(f, "malformed XML: {s}"),
            XmlError::Unsupported(s) => write!(f, "unsupported: {s}"),
        }
    }
}

impl std::error::Error for XmlError {}
