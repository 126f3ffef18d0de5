//! A ZIP archive read under bounds, for the containers that carry signed
//! documents (edXML attachments, OOXML and ODF packages). The `zip` crate does
//! the reading; this crate decides what is read: at most
//! [`ZipLimits::max_entries`] entries, each at most
//! [`ZipLimits::max_entry_size`] and never more than it declares, at most
//! [`ZipLimits::max_total_size`] in all, a compression ratio at most
//! [`ZipLimits::max_ratio`] beyond [`ZipLimits::ratio_floor`]. Names that
//! would leave an extraction folder and names written twice (the `zip` crate
//! keys entries by name, so a duplicate would silently hide one: the central
//! directory is walked here first) are refused, and so is an entry whose
//! local header names another entry than its central directory record (a
//! streaming reader would open something else). Every refusal is a value
//! ([`Refusal`]) that the profile turns into its own finding; nothing here
//! allocates more than a limit allows.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::io::Read;

/// The bounds of one archive.
#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    /// Most entries read.
    pub max_entries: usize,
    /// Largest uncompressed entry.
    pub max_entry_size: u64,
    /// Largest uncompressed total.
    pub max_total_size: u64,
    /// Largest compression ratio (uncompressed : compressed) beyond `ratio_floor`.
    pub max_ratio: u64,
    /// Entries up to this size may compress any amount (small XML, zeros).
    pub ratio_floor: u64,
    /// Names compared without ASCII case for duplicates (OPC part names, ECMA-376 Part 2 §9.1.1.1).
    pub case_insensitive_names: bool,
}

/// Why an entry was not read because it might be a ZIP bomb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BombReason {
    /// It declares more than the entry limit.
    EntryTooLarge {
        /// Declared uncompressed size.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// It would bring the total above the limit.
    TotalTooLarge {
        /// The limit.
        limit: u64,
    },
    /// It is compressed more than the ratio limit.
    Ratio {
        /// Compressed size.
        compressed: u64,
        /// Declared uncompressed size.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// It inflates to more than it declares.
    MoreThanDeclared {
        /// Declared uncompressed size.
        declared: u64,
    },
}

impl BombReason {
    /// What was found, in Vietnamese and in English, to follow "the entry X …".
    pub fn describe(&self) -> (String, String) {
        match *self {
            BombReason::EntryTooLarge { declared, limit } => (
                format!("khai báo {declared} byte khi giải nén, vượt giới hạn {limit} byte"),
                format!("declares {declared} bytes uncompressed, above the limit of {limit} bytes"),
            ),
            BombReason::TotalTooLarge { limit } => (
                format!("đưa tổng dung lượng giải nén vượt giới hạn {limit} byte"),
                format!("brings the uncompressed total above the limit of {limit} bytes"),
            ),
            BombReason::Ratio {
                compressed,
                declared,
                limit,
            } => {
                let r = declared / compressed.max(1);
                (
                    format!("nén với tỉ lệ {r}:1 ({compressed} → {declared} byte), vượt giới hạn {limit}:1"),
                    format!("is compressed at {r}:1 ({compressed} → {declared} bytes), above the limit of {limit}:1"),
                )
            }
            BombReason::MoreThanDeclared { declared } => (
                format!("giải nén ra nhiều hơn kích thước đã khai báo ({declared} byte)"),
                format!("inflates to more than its declared size ({declared} bytes)"),
            ),
        }
    }
}

/// Something not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Several entries have this name (as written, or case-insensitively when asked): none is read.
    Duplicate(String),
    /// The name leaves the extraction folder (`..`, absolute, drive letter, NUL).
    PathTrick(String),
    /// A possible ZIP bomb.
    Bomb(String, BombReason),
    /// The entry could not be read (damaged data, unsupported method).
    Unreadable(String, String),
}

impl Refusal {
    /// The entry's name.
    pub fn name(&self) -> &str {
        match self {
            Refusal::Duplicate(n)
            | Refusal::PathTrick(n)
            | Refusal::Bomb(n, _)
            | Refusal::Unreadable(n, _) => n,
        }
    }
}

/// Why the archive as a whole was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    /// Not a readable ZIP archive (the `zip` crate's reason).
    Unreadable(String),
    /// More entries than the limit: possibly a bomb, nothing read.
    TooManyEntries {
        /// Entries counted (at least).
        count: usize,
        /// The limit.
        limit: usize,
    },
}

/// What was read: the files in archive order (directories left out) and the refusals.
#[derive(Debug, Default)]
pub struct Archive {
    /// (name as in the archive, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// Entries not read, in archive order (duplicates first).
    pub refused: Vec<Refusal>,
}

/// An entry name that would leave the extraction folder, or hide what it is.
pub fn path_trick(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/')
        || n.contains('\0')
        || n.split('/').any(|c| c == "..")
        || n.as_bytes().get(1) == Some(&b':')
}

/// Whether `bytes` start like a ZIP archive (a local file header, or an empty archive's end record).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Read the archive `bytes` within `limits`.
pub fn read(bytes: &[u8], limits: &ZipLimits) -> Result<Archive, ArchiveError> {
    let fold = |n: &[u8]| {
        if limits.case_insensitive_names {
            n.to_ascii_lowercase()
        } else {
            n.to_vec()
        }
    };
    // Duplicates found through a set: linear in the entries, whatever their names.
    let (count, duplicates) = match central_directory_names(bytes, limits.max_entries) {
        Some(names) => {
            let mut seen = std::collections::HashSet::with_capacity(names.len());
            let mut dups = std::collections::HashSet::new();
            for n in &names {
                let f = fold(n);
                if !seen.insert(f.clone()) {
                    dups.insert(f);
                }
            }
            (names.len(), dups)
        }
        None => (0, std::collections::HashSet::new()),
    };
    // Refused before the `zip` crate reads (and allocates for) a central
    // directory that is already known to be too long.
    if count > limits.max_entries {
        return Err(ArchiveError::TooManyEntries {
            count,
            limit: limits.max_entries,
        });
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ArchiveError::Unreadable(e.to_string()))?;
    let count = count.max(archive.len());
    if count > limits.max_entries {
        return Err(ArchiveError::TooManyEntries {
            count,
            limit: limits.max_entries,
        });
    }
    let mut out = Archive::default();
    let mut listed: Vec<&Vec<u8>> = duplicates.iter().collect();
    listed.sort();
    for d in listed {
        out.refused
            .push(Refusal::Duplicate(String::from_utf8_lossy(d).into_owned()));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len().min(limits.max_entries) {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                out.refused
                    .push(Refusal::Unreadable(format!("#{i}"), e.to_string()));
                continue;
            }
        };
        let name = entry.name().to_owned();
        if entry.is_dir() || duplicates.contains(&fold(entry.name_raw())) {
            continue;
        }
        if path_trick(&name) {
            out.refused.push(Refusal::PathTrick(name));
            continue;
        }
        // A local header that names something else than the central directory
        // does: a reader that walks the local headers (streaming) opens
        // another entry than one that reads the central directory, as with
        // duplicate names.
        if local_header_name(bytes, entry.header_start()) != Some(entry.name_raw()) {
            out.refused.push(Refusal::Unreadable(
                name,
                "its local header names another entry than the central directory (ambiguous archive)"
                    .into(),
            ));
            continue;
        }
        let declared = entry.size();
        let compressed = entry.compressed_size();
        let reason = if declared > limits.max_entry_size {
            Some(BombReason::EntryTooLarge {
                declared,
                limit: limits.max_entry_size,
            })
        } else if total.saturating_add(declared) > limits.max_total_size {
            Some(BombReason::TotalTooLarge {
                limit: limits.max_total_size,
            })
        } else if declared > limits.ratio_floor && declared / compressed.max(1) > limits.max_ratio {
            Some(BombReason::Ratio {
                compressed,
                declared,
                limit: limits.max_ratio,
            })
        } else {
            None
        };
        if let Some(r) = reason {
            out.refused.push(Refusal::Bomb(name, r));
            continue;
        }
        // Never more than declared: reading stops one byte past it, and the
        // declared size is already within the bounds above.
        let cap = usize::try_from(declared.min(16 * 1024 * 1024)).unwrap_or(0);
        let mut data = Vec::with_capacity(cap);
        let read = (&mut entry).take(declared + 1).read_to_end(&mut data);
        if data.len() as u64 > declared {
            out.refused.push(Refusal::Bomb(
                name,
                BombReason::MoreThanDeclared { declared },
            ));
            continue;
        }
        if let Err(e) = read {
            out.refused.push(Refusal::Unreadable(name, e.to_string()));
            continue;
        }
        total += data.len() as u64;
        out.files.push((name, data));
    }
    Ok(out)
}

/// The name written in the local file header at `at`, if there is one.
fn local_header_name(b: &[u8], at: u64) -> Option<&[u8]> {
    let at = usize::try_from(at).ok()?;
    if b.get(at..at.checked_add(4)?)? != b"PK\x03\x04" {
        return None;
    }
    let n = u16::from_le_bytes([*b.get(at + 26)?, *b.get(at + 27)?]) as usize;
    b.get(at + 30..(at + 30).checked_add(n)?)
}

/// The names in the central directory, as written, at most `max` + 1 of
/// them; `None` when there is no plain (non-ZIP64) end record to follow.
fn central_directory_names(b: &[u8], max: usize) -> Option<Vec<Vec<u8>>> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let le16 = |at: usize| -> Option<usize> {
        Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]) as usize)
    };
    let le32 = |at: usize| -> Option<usize> {
        let v = u32::from_le_bytes([
            *b.get(at)?,
            *b.get(at + 1)?,
            *b.get(at + 2)?,
            *b.get(at + 3)?,
        ]);
        usize::try_from(v).ok()
    };
    let from = b.len().saturating_sub(22 + 65_535);
    let eocd = (from..b.len().saturating_sub(21))
        .rev()
        .find(|&i| b.get(i..i + 4) == Some(EOCD))?;
    let entries = le16(eocd + 10)?;
    let offset = le32(eocd + 16)?;
    if entries == 0xFFFF || offset == 0xFFFF_FFFF {
        return None;
    }
    let mut names = Vec::new();
    let mut at = offset;
    for _ in 0..entries.min(max.saturating_add(1)) {
        // Offsets come from the file: checked, so that a 32-bit target never
        // overflows on a forged end record.
        if at.checked_add(46).is_none_or(|e| e > b.len())
            || b.get(at..at + 4) != Some(b"PK\x01\x02")
        {
            break;
        }
        let (n, m, k) = (le16(at + 28)?, le16(at + 30)?, le16(at + 32)?);
        names.push(b.get(at + 46..at + 46 + n)?.to_vec());
        at = at + 46 + n + m + k;
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tricks() {
        assert!(path_trick("../etc/passwd"));
        assert!(path_trick("a/../../b.pdf"));
        assert!(path_trick("/abs.pdf"));
        assert!(path_trick("C:\\x.pdf"));
        assert!(path_trick("..\\x.pdf"));
        assert!(!path_trick("văn bản..pdf"));
        assert!(!path_trick("dir/file.pdf"));
    }

    #[test]
    fn local_header_naming_another_entry_is_refused() {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        for (n, d) in [
            ("a.xml", &b"<a/>"[..]),
            ("b.xml", b"<b/>"),
            ("c.xml", b"<c/>"),
        ] {
            w.start_file(n, o).expect("start");
            w.write_all(d).expect("write");
        }
        let mut z = w.finish().expect("finish").into_inner();
        // The local header of c.xml renamed a.xml; its central record still says c.xml.
        let at = z
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == b"PK\x03\x04")
            .map(|(i, _)| i)
            .nth(2)
            .expect("third local header");
        z[at + 30..at + 35].copy_from_slice(b"a.xml");
        let l = ZipLimits {
            max_entries: 8,
            max_entry_size: 1 << 20,
            max_total_size: 1 << 20,
            max_ratio: 100,
            ratio_floor: 1 << 10,
            case_insensitive_names: false,
        };
        let a = read(&z, &l).expect("archive");
        let names: Vec<&str> = a.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.xml", "b.xml"]);
        assert!(
            matches!(&a.refused[..], [Refusal::Unreadable(n, why)] if n == "c.xml" && why.contains("local header")),
            "{:?}",
            a.refused
        );
    }

    #[test]
    fn garbage_is_an_error_value() {
        let l = ZipLimits {
            max_entries: 4,
            max_entry_size: 1 << 20,
            max_total_size: 1 << 20,
            max_ratio: 100,
            ratio_floor: 1 << 10,
            case_insensitive_names: false,
        };
        assert!(matches!(
            read(b"PK\x03\x04junk", &l),
            Err(ArchiveError::Unreadable(_))
        ));
        assert!(read(b"", &l).is_err());
        assert!(!is_zip(b"%PDF-"));
    }
}
