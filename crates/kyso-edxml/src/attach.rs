//! Attachment content: base64 (whitespace tolerated), then a ZIP archive read
//! under bounds, or the document itself.

use crate::codes;
use base64ct::{Base64, Base64Unpadded, Encoding};
use kyso_report::Finding;

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
    kyso_zip::is_zip(bytes)
}

const LIMITS: kyso_zip::ZipLimits = kyso_zip::ZipLimits {
    max_entries: MAX_ENTRIES,
    max_entry_size: MAX_ENTRY_SIZE,
    max_total_size: MAX_TOTAL_SIZE,
    max_ratio: MAX_RATIO,
    ratio_floor: RATIO_FLOOR,
    case_insensitive_names: false,
};

/// The files of the ZIP archive `bytes` (kyso-zip, within this profile's
/// limits); every refusal is a finding naming `label` (the attachment).
pub(crate) fn extract_zip(
    bytes: &[u8],
    label: &str,
    findings: &mut Vec<Finding>,
) -> Vec<(String, Vec<u8>)> {
    let before = findings.len();
    let archive = match kyso_zip::read(bytes, &LIMITS) {
        Ok(a) => a,
        Err(kyso_zip::ArchiveError::Unreadable(e)) => {
            findings.push(unreadable(label, &e));
            return Vec::new();
        }
        Err(kyso_zip::ArchiveError::TooManyEntries { count, limit }) => {
            findings.push(Finding::error(
                codes::ATTACHMENT_ZIP_BOMB,
                format!("Tệp đính kèm “{label}” là tệp nén có {count} mục trở lên, vượt giới hạn {limit}: có thể là “bom nén”, không giải nén."),
                format!("Attachment “{label}” is a ZIP archive with {count} entries or more, above the limit of {limit}: possibly a ZIP bomb, not extracted."),
            ));
            return Vec::new();
        }
    };
    for r in &archive.refused {
        let name = r.name();
        findings.push(match r {
            kyso_zip::Refusal::Duplicate(_) => Finding::error(
                codes::ATTACHMENT_DUPLICATE_NAME,
                format!("Tệp đính kèm “{label}”: tệp nén có nhiều mục cùng tên “{name}”; các phần mềm khác nhau có thể mở ra các tài liệu khác nhau. Không mục nào tên này được kiểm tra."),
                format!("Attachment “{label}”: the ZIP archive has several entries named “{name}”; different tools may open different documents. None of them is verified."),
            ),
            kyso_zip::Refusal::PathTrick(_) => Finding::error(
                codes::ATTACHMENT_PATH_TRICK,
                format!("Tệp đính kèm “{label}”: mục “{name}” trong tệp nén có đường dẫn tìm cách thoát ra ngoài thư mục giải nén (“..”, đường dẫn tuyệt đối): không giải nén, không kiểm tra."),
                format!("Attachment “{label}”: the ZIP entry “{name}” has a path that tries to leave the extraction folder (“..”, absolute path): not extracted, not verified."),
            ),
            kyso_zip::Refusal::Bomb(_, why) => {
                let (vi, en) = why.describe();
                Finding::error(
                    codes::ATTACHMENT_ZIP_BOMB,
                    format!("Tệp đính kèm “{label}”: mục “{name}” {vi}: có thể là “bom nén”, không giải nén."),
                    format!("Attachment “{label}”: the entry “{name}” {en}: possibly a ZIP bomb, not extracted."),
                )
            }
            kyso_zip::Refusal::Unreadable(_, e) => unreadable(label, &format!("{name}: {e}")),
        });
    }
    if archive.files.is_empty() && findings.len() == before {
        findings.push(Finding::warning(
            codes::ATTACHMENT_ZIP_EMPTY,
            format!("Tệp đính kèm “{label}” là tệp nén không chứa tệp nào."),
            format!("Attachment “{label}” is a ZIP archive holding no file."),
        ));
    }
    archive.files
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
}
