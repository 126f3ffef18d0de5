//! `/ByteRange` checks (ISO 32000-1 §12.8.1; ETSI EN 319 142-1 §5.1; the
//! rules of EU DSS `ByteRangeCheck`/`ByteRangeCollisionCheck` and pyHanko's
//! coverage levels).
//!
//! A byte range is `[a b c d]`: the signed bytes are `[a, a+b)` and `[c, c+d)`.
//! Kyso requires: four non-negative integers; `a = 0`; `a+b < c`; `c+d` within
//! the file; the gap `[a+b, c)` is EXACTLY the `/Contents` token of the same
//! dictionary as located by the parser (signature-wrapping defence); gaps of
//! two signatures never meet and a later signature's gap lies outside every
//! earlier signature's range. Coverage: ends at the end of the file →
//! `entire_file`; at the end of a revision → `entire_revision`; else `partial`.

use crate::document::Document;
use crate::sig::{byte_range_values, SignatureDict};
use crate::unreached::UnreachedSignature;
use kyso_report::{Coverage, Finding};

/// Colliding signatures named in one `pdf.byte_range.collision` finding;
/// the rest are counted ("and N more").
const COLLISIONS_NAMED: usize = 5;

/// The outcome for one signature.
#[derive(Debug, Clone, PartialEq)]
pub struct ByteRangeCheck {
    /// No `Error` finding.
    pub ok: bool,
    /// The four integers, when well-formed.
    pub range: Option<[u64; 4]>,
    /// How much of the file is covered.
    pub coverage: Coverage,
    /// `c + d`: one past the last signed byte.
    pub signed_end: Option<u64>,
    /// The revision whose end the range reaches, if any.
    pub revision: Option<usize>,
    /// Every check made, passed or not.
    pub findings: Vec<Finding>,
}

/// The two signed slices `[a, a+b)` and `[c, c+d)`, clamped to the input
/// (check the range first: clamping is only a guard against panics).
pub fn signed_slices(bytes: &[u8], r: [u64; 4]) -> [&[u8]; 2] {
    let slice = |off: u64, len: u64| -> &[u8] {
        let start = usize::try_from(off).unwrap_or(usize::MAX).min(bytes.len());
        let end = usize::try_from(off.saturating_add(len))
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        bytes.get(start..end.max(start)).unwrap_or(&[])
    };
    [slice(r[0], r[1]), slice(r[2], r[3])]
}

/// Check every signature's byte range; one result per signature, same order.
pub fn check_all(doc: &Document, sigs: &[SignatureDict]) -> Vec<ByteRangeCheck> {
    let ranges: Vec<Option<[u64; 4]>> = sigs
        .iter()
        .map(|s| s.byte_range.as_deref().and_then(byte_range_values))
        .collect();
    sigs.iter()
        .enumerate()
        .map(|(i, s)| check_one(doc, s, i, sigs, &ranges, &[]))
        .collect()
}

/// Check the byte ranges of signatures the trailer chain does not reach
/// ([`Document::unreached_signatures`]); one result per signature, same order.
/// Collisions are looked for among them only. A range that ends exactly with
/// its hidden update (`hidden_xref`) covers that whole revision:
/// `entire_revision`, with no revision number (the chain has none for it).
pub fn check_unreached(doc: &Document, hidden: &[UnreachedSignature]) -> Vec<ByteRangeCheck> {
    let sigs: Vec<SignatureDict> = hidden.iter().map(|h| h.sig.clone()).collect();
    let ranges: Vec<Option<[u64; 4]>> = sigs
        .iter()
        .map(|s| s.byte_range.as_deref().and_then(byte_range_values))
        .collect();
    let hidden_ends: Vec<u64> = hidden
        .iter()
        .zip(&ranges)
        .filter(|(h, _)| h.hidden_xref.is_some())
        .filter_map(|(_, r)| r.and_then(|[_, _, c, d]| c.checked_add(d)))
        .collect();
    sigs.iter()
        .enumerate()
        .map(|(i, s)| check_one(doc, s, i, &sigs, &ranges, &hidden_ends))
        .collect()
}

fn err(code: &str, vi: String, en: String) -> Finding {
    Finding::error(code, vi, en)
}

fn check_one(
    doc: &Document,
    s: &SignatureDict,
    me: usize,
    sigs: &[SignatureDict],
    ranges: &[Option<[u64; 4]>],
    hidden_ends: &[u64],
) -> ByteRangeCheck {
    let len = doc.len() as u64;
    let mut findings = Vec::new();
    let unclear = |findings: Vec<Finding>| ByteRangeCheck {
        ok: false,
        range: None,
        coverage: Coverage::Unclear,
        signed_end: None,
        revision: None,
        findings,
    };
    let Some(raw) = &s.byte_range else {
        findings.push(err(
            crate::codes::BYTE_RANGE_MISSING,
            "Chữ ký không có /ByteRange nên không xác định được phần nào của tệp đã được ký."
                .into(),
            "The signature has no /ByteRange, so it is unknown which part of the file was signed."
                .into(),
        ));
        return unclear(findings);
    };
    let Some(r) = ranges.get(me).copied().flatten() else {
        findings.push(err(
            crate::codes::BYTE_RANGE_MALFORMED,
            "/ByteRange phải gồm đúng bốn số nguyên không âm.".into(),
            format!(
                "/ByteRange must be exactly four non-negative integers; found {} entries.",
                raw.len()
            ),
        ));
        return unclear(findings);
    };
    let [a, b, c, d] = r;
    let (Some(gap_start), Some(end)) = (a.checked_add(b), c.checked_add(d)) else {
        findings.push(err(
            crate::codes::BYTE_RANGE_MALFORMED,
            "/ByteRange có giá trị quá lớn.".into(),
            "/ByteRange values overflow.".into(),
        ));
        return unclear(findings);
    };
    if a != 0 {
        findings.push(err(
            crate::codes::BYTE_RANGE_NOT_FROM_START,
            format!("Vùng được ký không bắt đầu từ đầu tệp (bắt đầu ở byte {a}); phần đầu tệp có thể bị thay đổi mà chữ ký không phát hiện."),
            format!("The signed range does not start at the beginning of the file (it starts at byte {a}); the start could be changed undetected."),
        ));
    }
    if gap_start >= c {
        findings.push(err(
            crate::codes::BYTE_RANGE_ORDER,
            "Hai đoạn trong /ByteRange chồng lên nhau hoặc sai thứ tự.".into(),
            "The two parts of /ByteRange overlap or are out of order.".into(),
        ));
    }
    if end > len {
        findings.push(err(
            crate::codes::BYTE_RANGE_OUTSIDE_FILE,
            format!("/ByteRange chỉ tới byte {end}, vượt quá độ dài tệp ({len} byte)."),
            format!("/ByteRange reaches byte {end}, beyond the end of the file ({len} bytes)."),
        ));
    }
    match s.contents_span {
        Some(sp) if sp.start as u64 == gap_start && sp.end as u64 == c => findings.push(Finding::passed(
            crate::codes::BYTE_RANGE_GAP_IS_CONTENTS,
            "Phần không được ký đúng bằng giá trị chữ ký (/Contents) của chính chữ ký này.".to_string(),
            "The unsigned gap is exactly this signature's own /Contents value.".to_string(),
        )),
        Some(sp) => findings.push(err(
            crate::codes::BYTE_RANGE_GAP_NOT_CONTENTS,
            format!(
                "Phần không được ký [{gap_start}, {c}) không trùng với giá trị chữ ký /Contents [{}, {}): dấu hiệu tấn công “bọc chữ ký”, nội dung ngoài vùng ký có thể bị tráo.",
                sp.start, sp.end
            ),
            format!(
                "The unsigned gap [{gap_start}, {c}) is not this signature's /Contents [{}, {}): a sign of signature wrapping; content outside the signed range may have been swapped.",
                sp.start, sp.end
            ),
        )),
        None => findings.push(err(
            crate::codes::BYTE_RANGE_GAP_NOT_CONTENTS,
            "Không xác định được vị trí /Contents của chữ ký trong tệp, nên không thể xác nhận phần không được ký chỉ chứa chữ ký.".into(),
            "The position of the signature's /Contents in the file could not be located, so the unsigned gap cannot be confirmed to hold only the signature.".into(),
        )),
    }
    // Collisions with other signatures (DSS ByteRangeCollisionCheck). One
    // finding per signature, naming the first few it collides with: a file
    // with thousands of signature dictionaries must not make the report
    // quadratic (N findings for each of N signatures).
    let mut collides: Vec<usize> = Vec::new();
    let mut n_collides = 0usize;
    for (j, other) in ranges.iter().enumerate() {
        let Some([oa, ob, oc, od]) = *other else {
            continue;
        };
        let (Some(ogap), Some(oend)) = (oa.checked_add(ob), oc.checked_add(od)) else {
            continue;
        };
        // A collision is blamed on the later signature (by revision, then range
        // end, then position): appending a bogus copy must not discredit an earlier one.
        let other_rev = sigs.get(j).map_or(0, |o| o.first_revision);
        if (other_rev, oend, j) >= (s.first_revision, end, me) {
            continue;
        }
        let gaps_meet = gap_start < oc && ogap < c;
        // My gap must not fall inside what an earlier-or-equal signature signed.
        let inside_other = oend <= end && gap_start < oend && !(gap_start == ogap && c == oc);
        if gaps_meet || inside_other || oend == end {
            n_collides += 1;
            if collides.len() < COLLISIONS_NAMED {
                collides.push(j + 1);
            }
        }
    }
    if n_collides > 0 {
        let list = collides
            .iter()
            .map(|k| format!("#{k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let more = n_collides - collides.len();
        let (more_vi, more_en) = if more > 0 {
            (
                format!(" và {more} chữ ký khác"),
                format!(" and {more} more"),
            )
        } else {
            (String::new(), String::new())
        };
        findings.push(err(
            crate::codes::BYTE_RANGE_COLLISION,
            format!("/ByteRange của chữ ký này chồng lấn với chữ ký {list}{more_vi} trong tệp."),
            format!("This signature's /ByteRange overlaps that of signature {list}{more_en} in the file."),
        ));
    }
    // Coverage.
    let revs = doc.revisions();
    let ends_rev = revs
        .iter()
        .find(|rv| end >= rv.eof_marker_end as u64 && end <= rv.end as u64)
        .map(|rv| rv.index);
    let tail_ws = usize::try_from(end).is_ok_and(|e| e <= doc.len() && doc.all_ws_from(e));
    let last_rev = revs.len().checked_sub(1);
    let (coverage, revision) = if end > len {
        (Coverage::Unclear, None)
    } else if ends_rev.is_none() && hidden_ends.contains(&end) {
        (Coverage::EntireRevision, None)
    } else if end == len || (tail_ws && (ends_rev == last_rev || ends_rev.is_none())) {
        (Coverage::EntireFile, ends_rev.or(last_rev))
    } else if let Some(ri) = ends_rev.filter(|ri| Some(*ri) != last_rev) {
        (Coverage::EntireRevision, Some(ri))
    } else if let Some(ri) = ends_rev {
        // The last revision, followed by bytes that form no revision (pyHanko
        // treats such a tail as uncovered content, not as an update).
        findings.push(Finding::warning(
            crate::codes::BYTE_RANGE_TRAILING_BYTES,
            format!("Sau vùng được ký có {} byte không thuộc phiên bản nào của tài liệu và không được chữ ký bảo vệ.", len - end),
            format!("{} bytes after the signed range belong to no revision of the document and are not protected by the signature.", len - end),
        ));
        (Coverage::Partial, Some(ri))
    } else {
        findings.push(Finding::warning(
            crate::codes::BYTE_RANGE_PARTIAL,
            format!("Vùng được ký kết thúc ở byte {end}, không trùng với điểm kết thúc của phiên bản nào; phần còn lại của tệp ({} byte) không được chữ ký này bảo vệ.", len - end),
            format!("The signed range ends at byte {end}, which is not the end of any revision; the rest of the file ({} bytes) is not protected by this signature.", len - end),
        ));
        (Coverage::Partial, None)
    };
    if let Some(ri) = revision {
        if ri != s.first_revision {
            findings.push(err(
                crate::codes::BYTE_RANGE_REVISION_MISMATCH,
                format!("Chữ ký được thêm ở phiên bản {} nhưng vùng ký lại kết thúc ở cuối phiên bản {}.", s.first_revision + 1, ri + 1),
                format!("The signature was added in revision {} but its signed range ends at the end of revision {}.", s.first_revision + 1, ri + 1),
            ));
        }
    }
    let ok = !findings
        .iter()
        .any(|f| f.severity == kyso_report::Severity::Error);
    ByteRangeCheck {
        ok,
        range: Some(r),
        coverage,
        signed_end: Some(end),
        revision,
        findings,
    }
}
