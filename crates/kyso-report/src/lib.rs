//! Kyso's report model.
//!
//! A [`Report`] is a record of **facts** about one input (a file, or an
//! attachment nested inside one), gathered by the verification crates. The
//! bottom line ([`Verdict`], and each signature's indication) is derived from
//! those facts in exactly one place, [`verdict`], so that no front end (CLI,
//! portal, widget) ever decides anything: they only display.
//!
//! Every explanation is carried as a [`Finding`]: a stable machine code, a
//! severity, and the same sentence in Vietnamese and English.
//!
//! The JSON form (serde) is documented in `docs/report.md`; its field names are
//! part of Kyso's public interface.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
pub mod edxml;
mod finding;
mod i18n;
mod model;
pub mod reason;
mod time;
pub mod verdict;

pub use edxml::*;
pub use finding::{Finding, Severity};
pub use i18n::{Labels, Lang};
pub use model::*;
pub use time::Time;

/// The one size limit: the largest input, in bytes, that Kyso verifies,
/// whatever the front end (CLI, portal, widget). A larger file is refused
/// **before it is read** (from the file system's size, or `File.size` in the
/// browser) with [`input_too_large`].
///
/// 4 GiB less one byte: the largest offset a wasm32 `usize` holds, so the
/// CLI and the portal give the same answer for one file. A PDF is never held
/// whole: the parser reads what its structure needs through a
/// random-access source and the signed ranges stream through the digests
/// (`kyso-source`), so memory does not grow with the file.
pub const MAX_INPUT_LEN: u64 = (4 << 30) - 1;

/// Formats other than PDF (CMS, XML, edXML, OOXML/ODF packages, certificate
/// files) are parsed from one buffer: up to this many bytes (512 MiB, far
/// above any real one), refused above it with [`input_too_large_whole`]
/// before the buffer is read.
pub const MAX_WHOLE_INPUT_LEN: u64 = 512 << 20;

fn mib(n: u64) -> u64 {
    n.div_ceil(1 << 20)
}

/// The input error of a file larger than [`MAX_INPUT_LEN`] (`input.too_large`),
/// plain and bilingual: its size, the limit, and that it was not read.
pub fn input_too_large(size: u64) -> InputError {
    let size_mib = mib(size);
    InputError {
        code: INPUT_TOO_LARGE.into(),
        message_vi: format!(
            "Tệp quá lớn để kiểm tra ({size_mib} MiB; Kyso kiểm tra tệp đến 4 GiB, tức {MAX_INPUT_LEN} byte): tệp không được đọc, và điều này không nói gì về chữ ký của tệp."
        ),
        message_en: format!(
            "The file is too large to verify ({size_mib} MiB; Kyso verifies files up to 4 GiB, {MAX_INPUT_LEN} bytes): it was not read, and this says nothing about its signatures."
        ),
    }
}

/// The input error of a file in a format read whole (not PDF) larger than
/// [`MAX_WHOLE_INPUT_LEN`] (`input.too_large`); `format` names it.
pub fn input_too_large_whole(size: u64, format_vi: &str, format_en: &str) -> InputError {
    let (size_mib, limit_mib) = (mib(size), MAX_WHOLE_INPUT_LEN >> 20);
    InputError {
        code: INPUT_TOO_LARGE.into(),
        message_vi: format!(
            "Tệp {format_vi} quá lớn để kiểm tra ({size_mib} MiB; tệp định dạng này được đọc trọn vào bộ nhớ, đến {limit_mib} MiB): tệp không được đọc, và điều này không nói gì về chữ ký của tệp."
        ),
        message_en: format!(
            "The {format_en} file is too large to verify ({size_mib} MiB; files of this format are read whole, up to {limit_mib} MiB): it was not read, and this says nothing about its signatures."
        ),
    }
}

/// The input error of a file that could not be read to the end while it was
/// verified (`input.unreadable`): it changed, vanished or the device failed.
/// Nothing is concluded about its signatures.
pub fn input_unreadable(detail: &str) -> InputError {
    InputError {
        code: INPUT_UNREADABLE.into(),
        message_vi: format!(
            "Không đọc được tệp trong khi kiểm tra (tệp bị thay đổi, bị xóa hoặc thiết bị lỗi: {detail}). Chưa kết luận gì về chữ ký; hãy kiểm tra lại."
        ),
        message_en: format!(
            "The file could not be read while it was verified (it changed, was removed, or the device failed: {detail}). Nothing is concluded about its signatures; verify it again."
        ),
    }
}

pub use codes::INPUT_TOO_LARGE;
pub use codes::INPUT_UNREADABLE;

/// The longest text taken from a document into the report, in characters
/// (titles, authors, a signature's /Reason or /Location…). Real values are a
/// line or two (a decree's title runs to a few hundred characters); a file
/// whose /Title holds megabytes would otherwise be echoed whole, in every
/// front end (a 16 MB /Title printed 48 MB of JSON).
pub const MAX_TEXT_CHARS: usize = 2_000;

/// `s` cut to [`MAX_TEXT_CHARS`] characters, with `…` when cut.
pub fn clip_text(s: String) -> String {
    match s.char_indices().nth(MAX_TEXT_CHARS) {
        Some((at, _)) => {
            let mut t = s[..at].to_owned();
            t.push('…');
            t
        }
        None => s,
    }
}

/// Version of the JSON report schema. Bumped on any incompatible change.
///
/// 2: a signature's `changes_after` became a reference (`{after_revision,
/// count, not_permitted}`) to the document's `changes`, listed once.
pub const SCHEMA_VERSION: u32 = 2;

/// The code of the document finding a CMS profile gives a detached signature
/// verified without the file it signs (kyso-cades' `DETACHED_WITHOUT_DATA`,
/// held equal by its tests). Front ends offer to choose that file.
pub const DETACHED_WITHOUT_DATA: &str = "cades.detached.without_data";

/// Whether `report` is a detached signature verified without the file it
/// signs: a front end then offers to choose that file and verify both again.
pub fn awaits_signed_file(report: &Report) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.code == DETACHED_WITHOUT_DATA)
}

/// The name of the file a detached signature file signs, by the convention
/// every CMS signing tool follows: `X.p7s` (or `X.sig`) signs `X`. `None`
/// for other names. Front ends pair the files a user gives with it.
pub fn detached_partner_name(signature_name: &str) -> Option<&str> {
    let base = signature_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(signature_name);
    [".p7s", ".P7S", ".sig", ".SIG"]
        .iter()
        .find_map(|ext| base.strip_suffix(ext))
        .filter(|stem| !stem.is_empty())
}

#[cfg(test)]
mod partner_tests {
    use super::*;

    #[test]
    fn detached_partners() {
        assert_eq!(
            detached_partner_name("dir/CV-986.pdf.p7s"),
            Some("CV-986.pdf")
        );
        assert_eq!(detached_partner_name("a.docx.sig"), Some("a.docx"));
        assert_eq!(detached_partner_name(".p7s"), None);
        assert_eq!(detached_partner_name("a.p7m"), None);
    }
}
