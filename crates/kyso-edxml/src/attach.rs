//! Attachment content: base64 (whitespace tolerated), then a ZIP archive read
//! under bounds, or the document itself.

use crate::codes;
use base64ct::{Base64, Base64Unpadded, Encoding};
use kyso_report::Finding;
use std::io::Read;

/// Most entries read from one ZIP attachment.
pub const MAX_ENTRIES: usize = 64;
/// Largest uncompressed entry.
pub const MAX_ENTRY_SIZE: u64 = 512 * 1024 * 1024;
/// Largest uncompressed total of one ZIP attachment.
pub const MAX_TOTAL_SIZE: u64 = 1024 * 1024 * 1024;
/// Largest compression ratio (uncompressed : compressed) accepted beyond [`RATIO_FLOOR`].
pub const MAX_RATIO: u64 = 200;
/// Entries up to this size may compress any amount (small text, zeros).
pub const RATIO_FLOOR: u64 = 1024 * 1024;

/// The base64 text of `ContentTransferEncoded` decoded, ASCII whitespace
/// ignored (line-wrapped MIME style is common); padded or not.
pub(crate) fn decode_base64(parts: &[&str]) -> Option<Vec<u8>> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let mut clean = String::with_capacity(total);
    for p in parts {
        clean.extend(p.chars().filter(|c| !c.is_ascii_whitespace()));
    }
    if clean.is_empty() {
        return Some(Vec::new());
    }
    Base64::decode_vec(&clean)
        .or_else(|_| Base64Unpadded::decode_vec(&clean))
        .ok()
}

/// A ZIP archive (local file header or empty-archive end record).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// An entry name that would leave the extraction folder, or hide what it is.
fn path_trick(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/')
        || n.contains('\0')
        || n.split('/').any(|c| c == "..")
        || n.as_bytes().get(1) == Some(&b':')
}

/// The files of the ZIP archive `bytes`, each checked against the bounds;
/// every refusal is a finding naming `label` (the attachment).
pub(crate) fn extract_zip(
    bytes: &[u8],
    label: &str,
    findings: &mut Vec<Finding>,
) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let before = findings.len();
    // The zip crate keys entries by name: a duplicated name silently hides an
    // entry. The central directory is walked here first to count entries and
    // find duplicated names as written.
    let (count, duplicates) = match central_directory_names(bytes) {
        Some(names) => {
            let mut dups: Vec<Vec<u8>> = Vec::new();
            for (i, n) in names.iter().enumerate() {
                if names[..i].contains(n) && !dups.contains(n) {
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
            findings.push(unreadable(label, &e.to_string()));
            return out;
        }
    };
    let count = count.max(archive.len());
    if count > MAX_ENTRIES {
        findings.push(Finding::error(
            codes::ATTACHMENT_ZIP_BOMB,
            format!("Tệp đính kèm “{label}” là tệp nén có {count} mục trở lên, vượt giới hạn {MAX_ENTRIES}: có thể là “bom nén”, không giải nén."),
            format!("Attachment “{label}” is a ZIP archive with {count} entries or more, above the limit of {MAX_ENTRIES}: possibly a ZIP bomb, not extracted."),
        ));
        return out;
    }
    for d in &duplicates {
        let name = String::from_utf8_lossy(d);
        findings.push(Finding::error(
            codes::ATTACHMENT_DUPLICATE_NAME,
            format!("Tệp đính kèm “{label}”: tệp nén có nhiều mục cùng tên “{name}”; các phần mềm khác nhau có thể mở ra các tài liệu khác nhau. Không mục nào tên này được kiểm tra."),
            format!("Attachment “{label}”: the ZIP archive has several entries named “{name}”; different tools may open different documents. None of them is verified."),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len().min(MAX_ENTRIES) {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                findings.push(unreadable(label, &e.to_string()));
                continue;
            }
        };
        let name = entry.name().to_owned();
        if entry.is_dir() || duplicates.iter().any(|d| d.as_slice() == entry.name_raw()) {
            continue;
        }
        if path_trick(&name) {
            findings.push(Finding::error(
                codes::ATTACHMENT_PATH_TRICK,
                format!("Tệp đính kèm “{label}”: mục “{name}” trong tệp nén có đường dẫn tìm cách thoát ra ngoài thư mục giải nén (“..”, đường dẫn tuyệt đối): không giải nén, không kiểm tra."),
                format!("Attachment “{label}”: the ZIP entry “{name}” has a path that tries to leave the extraction folder (“..”, absolute path): not extracted, not verified."),
            ));
            continue;
        }
        let declared = entry.size();
        let compressed = entry.compressed_size();
        let bomb = |why_vi: String, why_en: String| {
            Finding::error(
                codes::ATTACHMENT_ZIP_BOMB,
                format!("Tệp đính kèm “{label}”: mục “{name}” {why_vi}: có thể là “bom nén”, không giải nén."),
                format!("Attachment “{label}”: the entry “{name}” {why_en}: possibly a ZIP bomb, not extracted."),
            )
        };
        if declared > MAX_ENTRY_SIZE {
            findings.push(bomb(
                format!("khai báo {declared} byte khi giải nén, vượt giới hạn {MAX_ENTRY_SIZE} byte"),
                format!("declares {declared} bytes uncompressed, above the limit of {MAX_ENTRY_SIZE} bytes"),
            ));
            continue;
        }
        if total.saturating_add(declared) > MAX_TOTAL_SIZE {
            findings.push(bomb(
                format!("đưa tổng dung lượng giải nén vượt giới hạn {MAX_TOTAL_SIZE} byte"),
                format!("brings the uncompressed total above the limit of {MAX_TOTAL_SIZE} bytes"),
            ));
            continue;
        }
        if declared > RATIO_FLOOR && declared / compressed.max(1) > MAX_RATIO {
            findings.push(bomb(
                format!("nén với tỉ lệ {}:1 ({compressed} → {declared} byte), vượt giới hạn {MAX_RATIO}:1", declared / compressed.max(1)),
                format!("is compressed at {}:1 ({compressed} → {declared} bytes), above the limit of {MAX_RATIO}:1", declared / compressed.max(1)),
            ));
            continue;
        }
        // Never more than declared: reading stops one byte past it, and the
        // declared size is already within the bounds above.
        let cap = usize::try_from(declared.min(16 * 1024 * 1024)).unwrap_or(0);
        let mut data = Vec::with_capacity(cap);
        let read = (&mut entry).take(declared + 1).read_to_end(&mut data);
        if data.len() as u64 > declared {
            findings.push(bomb(
                format!("giải nén ra nhiều hơn kích thước đã khai báo ({declared} byte)"),
                format!("inflates to more than its declared size ({declared} bytes)"),
            ));
            continue;
        }
        if let Err(e) = read {
            findings.push(unreadable(label, &format!("{name}: {e}")));
            continue;
        }
        total += data.len() as u64;
        out.push((name, data));
    }
    if out.is_empty() && findings.len() == before {
        findings.push(Finding::warning(
            codes::ATTACHMENT_ZIP_EMPTY,
            format!("Tệp đính kèm “{label}” là tệp nén không chứa tệp nào."),
            format!("Attachment “{label}” is a ZIP archive holding no file."),
        ));
    }
    out
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
    // The end record is in the last 22 + 65535 bytes (its comment at most 65535).
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
        if b.get(at..at + 4) != Some(b"PK\x01\x02") {
            break;
        }
        let (n, m, k) = (le16(at + 28)?, le16(at + 30)?, le16(at + 32)?);
        names.push(b.get(at + 46..at + 46 + n)?.to_vec());
        at = at + 46 + n + m + k;
    }
    Some(names)
}

fn unreadable(label: &str, why: &str) -> Finding {
    Finding::error(
        codes::ATTACHMENT_ZIP_UNREADABLE,
        format!("Tệp đính kèm “{label}” là tệp nén bị hỏng hoặc không đọc được ({why}): không kiểm tra được tài liệu bên trong."),
        format!("Attachment “{label}” is a ZIP archive that is damaged or cannot be read ({why}): the document inside cannot be verified."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_with_whitespace() {
        assert_eq!(
            decode_base64(&["SGVs\r\n bG8=\n"]).as_deref(),
            Some(&b"Hello"[..])
        );
        assert_eq!(decode_base64(&["SGVsbG8"]).as_deref(), Some(&b"Hello"[..]));
        assert_eq!(decode_base64(&["${__StringFromFile(test.txt,,,)}"]), None);
    }

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
}
