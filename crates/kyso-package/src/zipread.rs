//! The package's ZIP archive read under bounds (the approach of
//! `kyso-edxml`'s attachment reader): entry count, size per entry and in
//! total, compression ratio, never more than declared; duplicated names (as
//! written in the central directory, and OPC's case-insensitive comparison)
//! and path tricks refused as findings, never a blow-up.

use crate::codes;
use kyso_report::Finding;
use std::io::Read;

/// Most entries read from one package.
pub const MAX_ENTRIES: usize = 4096;
/// Largest uncompressed entry.
pub const MAX_ENTRY_SIZE: u64 = 256 * 1024 * 1024;
/// Largest uncompressed total of one package.
pub const MAX_TOTAL_SIZE: u64 = 512 * 1024 * 1024;
/// Largest compression ratio (uncompressed : compressed) accepted beyond [`RATIO_FLOOR`].
pub const MAX_RATIO: u64 = 200;
/// Entries up to this size may compress any amount (small XML, zeros).
pub const RATIO_FLOOR: u64 = 1024 * 1024;
/// Most bytes handed to the signatures' references of one package, all
/// references together: a manifest that names one large part ten thousand
/// times is refused past this (the references left are unresolved, so the
/// signature is not intact), instead of hashing terabytes.
pub const MAX_RESOLVED: u64 = 2 * MAX_TOTAL_SIZE;

/// The parts of a package, in archive order (names as in the ZIP, no leading `/`).
#[derive(Debug, Default)]
pub struct Parts {
    /// (name, bytes).
    pub parts: Vec<(String, Vec<u8>)>,
    /// Names refused (duplicates, bombs, tricks): they exist but were not read.
    pub refused: Vec<String>,
}

impl Parts {
    /// A part by name: exact, then ASCII case-insensitive (OPC part names).
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.parts
            .iter()
            .find(|(n, _)| n == name)
            .or_else(|| {
                self.parts
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
            })
            .map(|(_, b)| b.as_slice())
    }
}

/// An entry name that would leave the extraction folder, or hide what it is.
fn path_trick(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/')
        || n.contains('\0')
        || n.split('/').any(|c| c == "..")
        || n.as_bytes().get(1) == Some(&b':')
}

/// Read the package `bytes`; every refusal is a finding.
pub fn read_package(bytes: &[u8], findings: &mut Vec<Finding>) -> Option<Parts> {
    let mut out = Parts::default();
    let (count, duplicates) = match central_directory_names(bytes) {
        Some(names) => {
            let lower: Vec<Vec<u8>> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
            let mut dups: Vec<Vec<u8>> = Vec::new();
            for (i, n) in lower.iter().enumerate() {
                if lower[..i].contains(n) && !dups.contains(n) {
                    dups.push(n.clone());
                }
            }
            (names.len(), dups)
        }
        None => (0, Vec::new()),
    };
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            findings.push(unreadable(&e.to_string()));
            return None;
        }
    };
    let count = count.max(archive.len());
    if count > MAX_ENTRIES {
        findings.push(Finding::error(
            codes::ZIP_BOMB,
            format!("Tệp là gói nén có {count} mục trở lên, vượt giới hạn {MAX_ENTRIES}: có thể là “bom nén”, không đọc."),
            format!("The package is a ZIP archive with {count} entries or more, above the limit of {MAX_ENTRIES}: possibly a ZIP bomb, not read."),
        ));
        return None;
    }
    for d in &duplicates {
        let name = String::from_utf8_lossy(d).into_owned();
        findings.push(Finding::error(
            codes::DUPLICATE_NAME,
            format!("Gói có nhiều mục cùng tên “{name}” (không phân biệt hoa thường): các phần mềm khác nhau có thể mở ra nội dung khác nhau. Không mục nào tên này được đọc."),
            format!("The package has several entries named “{name}” (case-insensitively): different tools may open different content. None of them is read."),
        ));
        out.refused.push(name);
    }
    let mut total: u64 = 0;
    for i in 0..archive.len().min(MAX_ENTRIES) {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                findings.push(unreadable(&e.to_string()));
                continue;
            }
        };
        let name = entry.name().to_owned();
        if entry.is_dir()
            || duplicates
                .iter()
                .any(|d| d.as_slice() == entry.name_raw().to_ascii_lowercase().as_slice())
        {
            continue;
        }
        if path_trick(&name) {
            findings.push(Finding::error(
                codes::PATH_TRICK,
                format!("Mục “{name}” trong gói có đường dẫn tìm cách thoát ra ngoài gói (“..”, đường dẫn tuyệt đối): không đọc."),
                format!("The package entry “{name}” has a path that tries to leave the package (“..”, absolute path): not read."),
            ));
            out.refused.push(name);
            continue;
        }
        let declared = entry.size();
        let compressed = entry.compressed_size();
        let bomb = |why_vi: String, why_en: String| {
            Finding::error(
                codes::ZIP_BOMB,
                format!("Mục “{name}” trong gói {why_vi}: có thể là “bom nén”, không đọc."),
                format!("The package entry “{name}” {why_en}: possibly a ZIP bomb, not read."),
            )
        };
        let refusal = if declared > MAX_ENTRY_SIZE {
            Some(bomb(
                format!("khai báo {declared} byte khi giải nén, vượt giới hạn {MAX_ENTRY_SIZE} byte"),
                format!("declares {declared} bytes uncompressed, above the limit of {MAX_ENTRY_SIZE} bytes"),
            ))
        } else if total.saturating_add(declared) > MAX_TOTAL_SIZE {
            Some(bomb(
                format!("đưa tổng dung lượng giải nén vượt giới hạn {MAX_TOTAL_SIZE} byte"),
                format!("brings the uncompressed total above the limit of {MAX_TOTAL_SIZE} bytes"),
            ))
        } else if declared > RATIO_FLOOR && declared / compressed.max(1) > MAX_RATIO {
            Some(bomb(
                format!("nén với tỉ lệ {}:1 ({compressed} → {declared} byte), vượt giới hạn {MAX_RATIO}:1", declared / compressed.max(1)),
                format!("is compressed at {}:1 ({compressed} → {declared} bytes), above the limit of {MAX_RATIO}:1", declared / compressed.max(1)),
            ))
        } else {
            None
        };
        if let Some(f) = refusal {
            findings.push(f);
            out.refused.push(name);
            continue;
        }
        // Never more than declared: reading stops one byte past it.
        let cap = usize::try_from(declared.min(16 * 1024 * 1024)).unwrap_or(0);
        let mut data = Vec::with_capacity(cap);
        let read = (&mut entry).take(declared + 1).read_to_end(&mut data);
        if data.len() as u64 > declared {
            findings.push(bomb(
                format!("giải nén ra nhiều hơn kích thước đã khai báo ({declared} byte)"),
                format!("inflates to more than its declared size ({declared} bytes)"),
            ));
            out.refused.push(name);
            continue;
        }
        if let Err(e) = read {
            findings.push(unreadable(&format!("{name}: {e}")));
            out.refused.push(name);
            continue;
        }
        total += data.len() as u64;
        out.parts.push((name, data));
    }
    Some(out)
}

/// The names in the central directory, as written, at most [`MAX_ENTRIES`] + 1
/// of them; `None` when there is no plain (non-ZIP64) end record to follow.
fn central_directory_names(b: &[u8]) -> Option<Vec<Vec<u8>>> {
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
    for _ in 0..entries.min(MAX_ENTRIES + 1) {
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

fn unreadable(why: &str) -> Finding {
    Finding::error(
        codes::UNREADABLE,
        format!("Tệp gói (ZIP) bị hỏng hoặc không đọc được ({why}): không kiểm tra được chữ ký."),
        format!("The ZIP package is damaged or cannot be read ({why}): its signatures cannot be checked."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tricks() {
        assert!(path_trick("../etc/passwd"));
        assert!(path_trick("/abs.xml"));
        assert!(path_trick("C:\\x.xml"));
        assert!(!path_trick("word/document.xml"));
    }

    #[test]
    fn garbage_is_a_finding() {
        let mut f = Vec::new();
        assert!(read_package(b"not a zip", &mut f).is_none());
        assert_eq!(f[0].code, codes::UNREADABLE);
    }
}
