//! The package's ZIP archive read under bounds by kyso-zip: entry count, size per entry and in
//! total, compression ratio, never more than declared; duplicated names (as
//! written in the central directory, and OPC's case-insensitive comparison)
//! and path tricks refused as findings, never a blow-up.

use crate::codes;
use kyso_report::Finding;

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

const LIMITS: kyso_zip::ZipLimits = kyso_zip::ZipLimits {
    max_entries: MAX_ENTRIES,
    max_entry_size: MAX_ENTRY_SIZE,
    max_total_size: MAX_TOTAL_SIZE,
    max_ratio: MAX_RATIO,
    ratio_floor: RATIO_FLOOR,
    // OPC part names are compared without ASCII case (ECMA-376 Part 2 §9.1.1.1).
    case_insensitive_names: true,
};

/// Read the package `bytes` (kyso-zip, within this profile's limits); every
/// refusal is a finding.
pub fn read_package(bytes: &[u8], findings: &mut Vec<Finding>) -> Option<Parts> {
    let archive = match kyso_zip::read(bytes, &LIMITS) {
        Ok(a) => a,
        Err(kyso_zip::ArchiveError::Unreadable(e)) => {
            findings.push(unreadable(&e));
            return None;
        }
        Err(kyso_zip::ArchiveError::TooManyEntries { count, limit }) => {
            findings.push(Finding::error(
                codes::ZIP_BOMB,
                format!("Tệp là gói nén có {count} mục trở lên, vượt giới hạn {limit}: có thể là “bom nén”, không đọc."),
                format!("The package is a ZIP archive with {count} entries or more, above the limit of {limit}: possibly a ZIP bomb, not read."),
            ));
            return None;
        }
    };
    let mut out = Parts {
        parts: archive.files,
        refused: Vec::new(),
    };
    for r in archive.refused {
        let name = r.name().to_owned();
        findings.push(match &r {
            kyso_zip::Refusal::Duplicate(_) => Finding::error(
                codes::DUPLICATE_NAME,
                format!("Gói có nhiều mục cùng tên “{name}” (không phân biệt hoa thường): các phần mềm khác nhau có thể mở ra nội dung khác nhau. Không mục nào tên này được đọc."),
                format!("The package has several entries named “{name}” (case-insensitively): different tools may open different content. None of them is read."),
            ),
            kyso_zip::Refusal::PathTrick(_) => Finding::error(
                codes::PATH_TRICK,
                format!("Mục “{name}” trong gói có đường dẫn tìm cách thoát ra ngoài gói (“..”, đường dẫn tuyệt đối): không đọc."),
                format!("The package entry “{name}” has a path that tries to leave the package (“..”, absolute path): not read."),
            ),
            kyso_zip::Refusal::Bomb(_, why) => {
                let (vi, en) = why.describe();
                Finding::error(
                    codes::ZIP_BOMB,
                    format!("Mục “{name}” trong gói {vi}: có thể là “bom nén”, không đọc."),
                    format!("The package entry “{name}” {en}: possibly a ZIP bomb, not read."),
                )
            }
            // One entry (damaged data, unsupported method, a local header
            // naming another entry): the rest of the package is still read.
            kyso_zip::Refusal::Unreadable(_, e) => Finding::error(
                codes::UNREADABLE,
                format!("Mục “{name}” trong gói không đọc được ({e}): không đọc."),
                format!("The package entry “{name}” cannot be read ({e}): not read."),
            ),
        });
        out.refused.push(name);
    }
    Some(out)
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
    fn garbage_is_a_finding() {
        let mut f = Vec::new();
        assert!(read_package(b"not a zip", &mut f).is_none());
        assert_eq!(f[0].code, codes::UNREADABLE);
    }
}
