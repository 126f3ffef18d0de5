//! Known attacks on PDF signatures (pdf-insecurity.org: Mladenov et al., "1 Trillion
//! Dollar Refund", CCS 2019 — USF, ISA, SWA; Mainka et al., "Shadow Attacks", NDSS 2021;
//! Rohlmann et al., "Breaking the Specification: PDF Certification", S&P 2021 — EAA, SSA),
//! each named in plain words, and the checks that are not about one revision's changes.

use crate::budget::Budget;
use crate::compare::{refs_in, type_of};
use kyso_pdf::byte_range::ByteRangeCheck;
use kyso_pdf::object::{ObjRef, Object};
use kyso_pdf::{Document, SignatureDict, XrefEntry};
use kyso_report::Finding;
use std::collections::HashSet;

/// Objects walked to find what a signed revision does not use. Beyond this the
/// check is skipped (and says so): it only adds information.
const MAX_REACHABILITY_OBJECTS: usize = 200_000;

pub(crate) fn incremental_saving(r: ObjRef) -> Finding {
    Finding::error(
        crate::codes::ATTACK_INCREMENTAL_SAVING,
        format!("Tấn công lưu bổ sung (incremental saving): sau khi ký, một bản cập nhật được nối vào cuối tệp đã thay nội dung trang ({r}). Trình xem PDF hiển thị bản đã sửa, không phải bản đã ký."),
        format!("Incremental saving attack: after signing, an update appended to the file replaced page content ({r}). PDF viewers show the modified version, not the one that was signed."),
    )
}

/// " (12 0 R)" for a real object, nothing for the placeholder 0 0 R.
fn at(r: ObjRef) -> String {
    if r.num == 0 {
        String::new()
    } else {
        format!(" ({r})")
    }
}

pub(crate) fn shadow_hide(r: ObjRef, how: &str) -> Finding {
    let (vi, en) = match how {
        "overlay_emptied" => ("một lớp phủ được vẽ trên trang lúc ký đã bị làm rỗng, để lộ nội dung nằm bên dưới", "an overlay drawn on the page when it was signed has been emptied, revealing what lay beneath"),
        "xobject_deleted" => ("một lớp phủ được vẽ trên trang lúc ký đã bị xóa", "an overlay drawn on the page when it was signed has been deleted"),
        "resources" => ("tài nguyên của trang (lớp phủ, hình) được trỏ sang đối tượng khác", "the page's resources (overlays, images) were re-pointed to other objects"),
        "optional_content" => ("thiết lập ẩn/hiện các lớp nội dung bị thay đổi", "the visibility of optional-content layers was changed"),
        "annotation_removed" => ("chú thích hoặc ô biểu mẫu bị gỡ khỏi trang", "annotations or form widgets were removed from the page"),
        "annotation_flags" => ("cờ hiển thị của một ô biểu mẫu bị thay đổi (có thể để ẩn/hiện nó)", "a widget's display flags were changed (possibly to hide or show it)"),
        _ => ("nội dung bị che giấu", "content was hidden"),
    };
    Finding::error(
        crate::codes::ATTACK_SHADOW_HIDE,
        format!("Tấn công bóng (shadow attack, kiểu “che giấu”): {vi}{}. Người ký đã thấy một nội dung, người đọc bây giờ thấy nội dung khác.", at(r)),
        format!("Shadow attack (hide): {en}{}. The signer saw one content; a reader now sees another.", at(r)),
    )
}

pub(crate) fn shadow_replace(r: ObjRef, what: &str) -> Finding {
    let (vi, en) = match what {
        "font" => ("phông chữ được thay để các chữ cái hiển thị khác đi", "a font was swapped so that characters display differently"),
        "appearance" => ("hình hiển thị của một ô biểu mẫu/chữ ký bị thay mà giá trị không đổi", "the appearance of a form or signature field was swapped while its value stayed the same"),
        "read_only_field" => ("giá trị của một trường chỉ-đọc bị thay", "the value of a read-only field was replaced"),
        "xobject" => ("một hình hoặc lớp phủ trên trang bị thay nội dung", "an image or overlay on the page was replaced"),
        "appearance_shared" => ("một hình hiển thị được thay dưới danh nghĩa ô chữ ký/biểu mẫu, nhưng nó còn được dùng ở chỗ khác", "an appearance stream was replaced in the name of a form or signature field, but it is used elsewhere too"),
        "need_appearances" => ("biểu mẫu yêu cầu trình xem vẽ lại mọi trường (/NeedAppearances)", "the form asks viewers to redraw every field (/NeedAppearances)"),
        "value_replaced" => ("giá trị một trường biểu mẫu mà người ký đã thấy bị thay bằng giá trị khác", "a form field value the signer saw was replaced by another"),
        _ => ("nội dung bị thay thế", "content was replaced"),
    };
    Finding::error(
        crate::codes::ATTACK_SHADOW_REPLACE,
        format!(
            "Tấn công bóng (shadow attack, kiểu “thay thế”): {vi}{}.",
            at(r)
        ),
        format!("Shadow attack (replace): {en}{}.", at(r)),
    )
}

pub(crate) fn hide_and_replace_root(old: Option<ObjRef>, new: Option<ObjRef>) -> Finding {
    let fmt = |r: Option<ObjRef>| r.map_or_else(|| "—".to_string(), |r| r.to_string());
    Finding::error(
        crate::codes::ATTACK_SHADOW_HIDE_AND_REPLACE,
        format!(
            "Tấn công bóng (kiểu “che giấu và thay thế”): gốc tài liệu được trỏ từ {} sang {}, một bộ đối tượng đã nằm sẵn (không dùng tới) trong phần đã ký. Cả tài liệu hiển thị bị thay bằng tài liệu khác.",
            fmt(old),
            fmt(new)
        ),
        format!(
            "Shadow attack (hide-and-replace): the document root was re-pointed from {} to {}, an object graph that sat unused in the signed part. The whole displayed document is replaced by another.",
            fmt(old),
            fmt(new)
        ),
    )
}

pub(crate) fn hide_and_replace_xref(r: ObjRef) -> Finding {
    Finding::error(
        crate::codes::ATTACK_SHADOW_HIDE_AND_REPLACE,
        format!("Tấn công bóng (kiểu “che giấu và thay thế”): bản cập nhật không thêm nội dung mới mà trỏ đối tượng {r} về một định nghĩa khác giấu sẵn trong phần đã ký."),
        format!("Shadow attack (hide-and-replace): the update adds no new content but re-points object {r} to another definition hidden in the signed part."),
    )
}

pub(crate) fn hide_and_replace_pages() -> Finding {
    Finding::error(
        crate::codes::ATTACK_SHADOW_HIDE_AND_REPLACE,
        "Tấn công bóng (kiểu “che giấu và thay thế”): danh mục tài liệu được trỏ sang một cây trang khác.",
        "Shadow attack (hide-and-replace): the document catalog was pointed at a different page tree.",
    )
}

pub(crate) fn signature_dict_changed(r: ObjRef, keys: &str) -> Finding {
    Finding::error(
        crate::codes::ATTACK_SIGNATURE_SPOOFING,
        format!("Giả mạo thông tin chữ ký: từ điển chữ ký {r} bị sửa sau khi ký ({keys}). Thông tin hiển thị (người ký, lý do, thời gian...) không còn là thông tin đã ký."),
        format!("Signature information spoofed: signature dictionary {r} was modified after signing ({keys}). What viewers display (signer, reason, time...) is no longer what was signed."),
    )
}

pub(crate) fn signature_value_swapped(field: &str) -> Finding {
    Finding::error(
        crate::codes::ATTACK_SIGNATURE_SPOOFING,
        format!("Giả mạo chữ ký: ô chữ ký “{field}” đã ký nay trỏ sang một giá trị chữ ký khác."),
        format!("Signature spoofing: the signed field '{field}' now points to a different signature value."),
    )
}

pub(crate) fn sneaky_signature(field: &str) -> Finding {
    Finding::error(
        crate::codes::ATTACK_SNEAKY_SIGNATURE,
        format!("Tấn công chữ ký lén (sneaky signature): ô chữ ký “{field}” được thêm sau khi ký, có hình hiển thị nhưng không có chữ ký thật. Hình đó có thể vẽ bất cứ gì lên trang, kể cả một “chữ ký” giả."),
        format!("Sneaky signature attack: signature field '{field}' was added after signing with a visible appearance but no actual signature. That appearance can paint anything on the page, including a fake 'signature'."),
    )
}

pub(crate) fn sneaky_orphan_widget(r: ObjRef, page: &str) -> Finding {
    Finding::error(
        crate::codes::ATTACK_SNEAKY_SIGNATURE,
        format!("Tấn công chữ ký lén: trang {page} có thêm một ô hiển thị ({r}) không thuộc trường biểu mẫu nào; nó có thể giả hình một chữ ký."),
        format!("Sneaky signature attack: page {page} gained a widget ({r}) that belongs to no form field; it can imitate a signature."),
    )
}

/// Annotation subtypes that paint an area and so can cover signed content
/// (ISO 32000-1 §12.5.6): the evil annotation attack uses them.
pub(crate) fn covering_annotation(subtype: Option<&[u8]>, has_ap: bool) -> bool {
    match subtype {
        Some(
            b"FreeText" | b"Stamp" | b"Square" | b"Circle" | b"Polygon" | b"PolyLine" | b"Ink"
            | b"Redact" | b"Watermark" | b"Screen" | b"RichMedia" | b"3D",
        ) => true,
        // Markup that only marks text, notes and links.
        Some(
            b"Text" | b"Link" | b"Highlight" | b"Underline" | b"Squiggly" | b"StrikeOut" | b"Popup"
            | b"Caret" | b"FileAttachment" | b"Sound" | b"Line",
        ) => false,
        _ => has_ap,
    }
}

pub(crate) fn evil_annotation(r: ObjRef, subtype: &str, page: &str) -> Finding {
    Finding::error(
        crate::codes::ATTACK_EVIL_ANNOTATION,
        format!("Tấn công chú thích độc (evil annotation): trang {page} có thêm chú thích /{subtype} ({r}) có thể che nội dung đã ký và hiện chữ khác lên trên, trong khi trình xem vẫn báo chữ ký hợp lệ."),
        format!("Evil annotation attack: page {page} gained a /{subtype} annotation ({r}) that can cover signed content and show other text on top, while viewers still report the signature as valid."),
    )
}

/// Universal signature forgery: a signature dictionary whose /Contents or
/// /ByteRange is missing, null, empty or zero (CCS 2019 §4.1). The core marks the
/// signature a format failure; this names the attack.
pub(crate) fn universal_forgery(sig: &SignatureDict) -> Option<Finding> {
    let contents_bad = match &sig.contents {
        None => true,
        Some(c) => c.is_empty() || c.iter().all(|b| *b == 0),
    };
    let br_bad = match &sig.byte_range {
        None => true,
        Some(a) => a.is_empty() || a.iter().all(|o| matches!(o, Object::Int(0) | Object::Null)),
    };
    if !(contents_bad || br_bad) {
        return None;
    }
    let what_vi = match (contents_bad, br_bad) {
        (true, true) => {
            "cả /Contents (giá trị chữ ký) và /ByteRange (vùng được ký) đều trống hoặc bằng 0"
        }
        (true, false) => "/Contents (giá trị chữ ký) trống hoặc toàn số 0",
        _ => "/ByteRange (vùng được ký) trống hoặc bằng 0",
    };
    let what_en = match (contents_bad, br_bad) {
        (true, true) => "both /Contents (the signature value) and /ByteRange (what is signed) are missing, empty or zero",
        (true, false) => "/Contents (the signature value) is missing, empty or all zeros",
        _ => "/ByteRange (what is signed) is missing, empty or zero",
    };
    Some(Finding::error(
        crate::codes::ATTACK_UNIVERSAL_SIGNATURE_FORGERY,
        format!("Giả mạo chữ ký toàn năng (universal signature forgery): có từ điển chữ ký nhưng {what_vi}. Đây không phải là chữ ký, dù một số trình xem vẫn hiển thị như đã ký."),
        format!("Universal signature forgery: a signature dictionary is present but {what_en}. This is not a signature, although some viewers display it as signed."),
    ))
}

/// Signature wrapping (CCS 2019 §4.3): the parser's byte-range check found that
/// the unsigned gap is not exactly this dictionary's /Contents.
pub(crate) fn signature_wrapping(check: &ByteRangeCheck) -> Option<Finding> {
    let wrapped = check.findings.iter().any(|f| {
        f.severity != kyso_report::Severity::Passed
            && matches!(
                f.code.as_str(),
                kyso_pdf::codes::BYTE_RANGE_GAP_NOT_CONTENTS
                    | kyso_pdf::codes::BYTE_RANGE_COLLISION
            )
    });
    wrapped.then(|| {
        Finding::error(
            crate::codes::ATTACK_SIGNATURE_WRAPPING,
            "Tấn công bọc chữ ký (signature wrapping): phần không được ký trong tệp không chỉ chứa giá trị chữ ký mà còn chứa dữ liệu khác, hoặc vùng ký bị dịch chuyển. Kẻ tấn công có thể nhét nội dung tùy ý vào đó.",
            "Signature wrapping attack: the unsigned part of the file holds more than the signature value, or the signed ranges were moved. An attacker can slip arbitrary content in there.",
        )
    })
}

/// Bytes after the last revision that look like an attempted update the parser
/// could not read (objects, an xref, a trailer): some viewers repair and show
/// them. Returns a finding if so.
pub(crate) fn unparsed_tail(doc: &Document<'_>) -> Option<Finding> {
    let end = doc.revisions().last()?.end;
    if end > doc.len() || doc.all_ws_from(end) {
        return None;
    }
    let tail_len = doc.len() - end;
    // In chunks (the tail may be most of a large file), overlapping by the
    // longest keyword less one.
    const KEYWORDS: [&[u8]; 5] = [b"obj", b"xref", b"trailer", b"startxref", b"%%EOF"];
    let mut looks_like_update = false;
    let mut pos = end;
    while pos < doc.len() && !looks_like_update {
        let to = pos.saturating_add(1 << 20).min(doc.len());
        let chunk = doc.read(pos, to.saturating_add(8).min(doc.len()))?;
        looks_like_update = KEYWORDS
            .iter()
            .any(|k| memchr::memmem::find(&chunk, k).is_some());
        pos = to;
    }
    Some(if looks_like_update {
        Finding::error(
            crate::codes::ATTACK_UNREADABLE_UPDATE,
            format!("Sau phiên bản cuối cùng có {} byte trông như một bản cập nhật (đối tượng, bảng tham chiếu) nhưng không đọc được đúng chuẩn: một số trình xem sẽ “sửa” và hiển thị nó. Mọi thay đổi trong đó đều không được chữ ký bảo đảm.", tail_len),
            format!("After the last revision, {} bytes look like an update (objects, cross-reference data) but cannot be read properly: some viewers would 'repair' and display it. Nothing in it is covered by any signature.", tail_len),
        )
    } else {
        Finding::warning(
            crate::codes::CHANGES_TRAILING_BYTES,
            format!("Sau phiên bản cuối cùng có {} byte không thuộc phiên bản nào; chúng không được chữ ký bảo đảm.", tail_len),
            format!("{} bytes after the last revision belong to no revision; no signature covers them.", tail_len),
        )
    })
}

/// Objects defined in revision `rev` that the document of that revision does
/// not use, found by walking from the trailer. Pages, page trees or catalogs
/// among them are what a hide-and-replace attack plants before signing.
pub(crate) fn unused_objects(
    doc: &Document<'_>,
    rev: usize,
    budget: &mut Budget,
) -> Option<Finding> {
    let trailer = doc.trailer(rev).clone();
    let mut seen: HashSet<u32> = HashSet::new();
    let mut stack: Vec<ObjRef> = refs_in(&Object::Dict(trailer), &[b"Prev", b"XRefStm"], 100)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    while let Some(r) = stack.pop() {
        if !seen.insert(r.num) {
            continue;
        }
        if seen.len() > MAX_REACHABILITY_OBJECTS || !budget.take(1) {
            return None;
        }
        if let Ok(Some(o)) = doc.object_head(rev, r) {
            stack.extend(refs_in(&o, &[], 100_000).into_iter().map(|(_, r)| r));
        }
    }
    let mut defined: Vec<(u32, XrefEntry)> = Vec::new();
    for r in doc.revisions().get(..=rev)?.iter() {
        for (n, e) in &r.entries {
            if !matches!(e, XrefEntry::Free { .. }) && *n != 0 {
                defined.push((*n, *e));
            }
        }
    }
    defined.sort_by_key(|(n, _)| *n);
    defined.dedup_by_key(|(n, _)| *n);
    let mut planted = Vec::new();
    let mut unused = 0usize;
    for (n, e) in defined {
        if seen.contains(&n)
            || doc.entry(rev, n).map(|(_, x)| x) != Some(e)
                && doc
                    .entry(rev, n)
                    .is_some_and(|(_, x)| matches!(x, XrefEntry::Free { .. }))
        {
            continue;
        }
        if !budget.take(1) {
            return None;
        }
        let gen = match doc.entry(rev, n) {
            Some((_, XrefEntry::InFile { gen, .. })) => gen,
            Some((_, XrefEntry::InStream { .. })) => 0,
            _ => continue,
        };
        let Ok(Some(o)) = doc.object_head(rev, ObjRef { num: n, gen }) else {
            continue;
        };
        match type_of(&o) {
            Some(b"XRef" | b"ObjStm") => continue,
            Some(b"Catalog" | b"Pages" | b"Page") => planted.push(ObjRef { num: n, gen }),
            _ => {}
        }
        if o.as_dict()
            .is_some_and(|d| d.contains_key(b"Linearized".as_slice()))
        {
            continue;
        }
        unused += 1;
    }
    if !planted.is_empty() {
        let list = planted
            .iter()
            .take(5)
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        return Some(Finding::warning(
            crate::codes::ATTACK_HIDDEN_OBJECTS,
            format!("Phần đã ký chứa {unused} đối tượng mà tài liệu không dùng tới, trong đó có danh mục/trang ({list}): đây là cách tấn công “che giấu và thay thế” chuẩn bị sẵn một tài liệu thứ hai trong tệp."),
            format!("The signed part holds {unused} objects the document does not use, including a catalog/pages ({list}): this is how a hide-and-replace attack plants a second document in the file."),
        ));
    }
    (unused > 0).then(|| {
        Finding::info(
            crate::codes::CHANGES_UNUSED_OBJECTS,
            format!("Phần đã ký chứa {unused} đối tượng mà tài liệu không dùng tới (thường là phần thừa khi chỉnh sửa)."),
            format!("The signed part holds {unused} objects the document does not use (usually leftovers from editing)."),
        )
    })
}

pub(crate) fn dangling_reference_filled(r: ObjRef) -> Finding {
    Finding::error(
        crate::codes::ATTACK_SHADOW_HIDE_AND_REPLACE,
        format!("Tấn công bóng (kiểu “che giấu và thay thế”): bản đã ký có một tham chiếu tới đối tượng {r} chưa tồn tại (nên không hiển thị gì); bản cập nhật sau khi ký mới thêm đối tượng đó, làm nội dung hiển thị thay đổi."),
        format!("Shadow attack (hide-and-replace): the signed version referred to object {r}, which did not exist (so nothing was shown); an update after signing supplied it, changing what is displayed."),
    )
}

/// The Info entries viewers show (title bar, document properties) changed after signing.
pub(crate) fn displayed_metadata_changed(
    key: &str,
    old: Option<&Object>,
    new: Option<&Object>,
) -> Finding {
    let text = |o: Option<&Object>| match o {
        Some(Object::String(s)) => format!("“{}”", kyso_pdf::decode_text(&s.bytes)),
        Some(_) => "(?)".to_string(),
        None => "(trống/empty)".to_string(),
    };
    let (a, b) = (text(old), text(new));
    Finding::warning(
        crate::codes::CHANGES_DISPLAYED_METADATA,
        format!("Thông tin mô tả /{key} mà trình xem hiển thị (tiêu đề...) đã bị đổi sau khi ký: {a} → {b}. Thông tin này không được chữ ký bảo đảm."),
        format!("The /{key} that viewers display (title...) was changed after signing: {a} → {b}. It is not covered by the signature."),
    )
}

/// A widget or annotation added or changed after signing draws something
/// opaque over signed content (sneaky signature, evil annotation, a revealed
/// or filled overlay: "Shadow" and "evil annotation" attacks whose page
/// effect is the same).
pub(crate) fn covers_signed_content(
    r: ObjRef,
    page: usize,
    what: &(String, String),
    rect: &kyso_pdf_content::Rect,
    texts: &[String],
) -> Finding {
    let rt = rect.to_text();
    let (tv, te) = if texts.is_empty() {
        (String::new(), String::new())
    } else {
        let t = texts
            .iter()
            .map(|t| format!("“{t}”"))
            .collect::<Vec<_>>()
            .join(", ");
        (
            format!(" Phần bị che có chữ: {t}."),
            format!(" The hidden part reads: {t}."),
        )
    };
    Finding::error(
        crate::codes::ATTACK_COVERS_SIGNED_CONTENT,
        format!("Trang {page}: {} ({r}) được thêm hoặc sửa sau khi ký và vẽ một vùng không trong suốt đè lên nội dung đã ký {rt}: người xem thấy trang khác với trang đã ký.{tv} Hãy xem phiên bản đã ký.", what.0),
        format!("Page {page}: a {} ({r}) added or changed after signing paints an opaque area over signed content {rt}: readers see another page than the one signed.{te} Look at the signed version.", what.1),
    )
}

/// A scanned page whose pixels under a later widget could not be examined.
pub(crate) fn coverage_undecided(
    page: usize,
    what: &(String, String),
    rect: &kyso_pdf_content::Rect,
    why: &str,
) -> Finding {
    let rt = rect.to_text();
    Finding::warning(
        crate::codes::CHANGES_COVERAGE_UNDECIDED,
        format!("Trang {page} là ảnh quét; không xem được phần ảnh dưới {} {rt} ({why}), nên không biết nó che giấy trắng hay nội dung. Hãy so với phiên bản đã ký.", what.0),
        format!("Page {page} is a scanned image; the pixels under the {} {rt} could not be examined ({why}), so whether it covers blank paper or content is unknown. Compare with the signed version.", what.1),
    )
}

/// More changed annotations in one revision than the covering rule examines.
pub(crate) fn coverage_not_examined(n: usize) -> Finding {
    Finding::warning(
        crate::codes::CHANGES_COVERAGE_NOT_EXAMINED,
        format!("Còn {n} chú thích/ô được thêm hoặc sửa trong một lần cập nhật chưa được kiểm tra xem có che nội dung đã ký không (quá nhiều)."),
        format!("{n} more annotations or widgets added or changed in one update were not checked for covering signed content (too many)."),
    )
}

/// Comments added after approval-only signatures: accepted, but said. `changes`
/// are "vi\u{1f}en" message pairs of the permitted annotation changes.
pub(crate) fn annotations_after_approval(changes: &[String]) -> Finding {
    const SHOWN: usize = 5;
    let (mut vi, mut en): (Vec<&str>, Vec<&str>) = changes
        .iter()
        .take(SHOWN)
        .map(|c| c.split_once('\u{1f}').unwrap_or((c.as_str(), c.as_str())))
        .map(|(v, e)| (v.trim_end_matches('.'), e.trim_end_matches('.')))
        .unzip();
    let more = changes.len().saturating_sub(SHOWN);
    let (more_vi, more_en) = (
        format!("và {more} thay đổi khác"),
        format!("and {more} more"),
    );
    if more > 0 {
        vi.push(&more_vi);
        en.push(&more_en);
    }
    Finding::warning(
        crate::codes::CHANGES_ANNOTATIONS_AFTER_APPROVAL,
        format!(
            "Sau khi ký, tài liệu được thêm hoặc sửa chú thích (ghi chú, đánh dấu…): {}. Chữ ký phê duyệt không khóa việc này, nhưng chú thích không được chữ ký bảo đảm — hãy đọc chúng như ghi chú của người khác, không phải nội dung đã ký.",
            vi.join("; ")
        ),
        format!(
            "After signing, comments (notes, highlights…) were added or changed: {}. Approval signatures do not forbid this, but comments are not covered by the signature: read them as someone else's notes, not signed content.",
            en.join("; ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covering_subtypes() {
        assert!(covering_annotation(Some(b"FreeText"), false));
        assert!(covering_annotation(Some(b"Stamp"), false));
        assert!(!covering_annotation(Some(b"Highlight"), true));
        assert!(!covering_annotation(Some(b"Link"), true));
        // Unknown subtypes: covering if they carry an appearance.
        assert!(covering_annotation(Some(b"Foo"), true));
        assert!(!covering_annotation(None, false));
    }

    #[test]
    fn findings_are_bilingual_and_coded() {
        let r = ObjRef { num: 7, gen: 0 };
        for f in [
            incremental_saving(r),
            shadow_hide(r, "overlay_emptied"),
            shadow_replace(r, "font"),
            hide_and_replace_root(Some(r), None),
            hide_and_replace_xref(r),
            signature_dict_changed(r, "/Reason"),
            sneaky_signature("S"),
            evil_annotation(r, "FreeText", "1"),
            dangling_reference_filled(r),
        ] {
            assert!(f.code.starts_with("pdf.attack."), "{}", f.code);
            assert!(
                !f.message_vi.is_empty()
                    && !f.message_en.is_empty()
                    && f.message_vi != f.message_en
            );
            assert!(
                f.message_en.contains("7 0 R") || f.code.contains("sneaky"),
                "{}",
                f.message_en
            );
        }
        // The placeholder reference is not shown.
        assert!(
            !shadow_replace(ObjRef { num: 0, gen: 0 }, "need_appearances")
                .message_en
                .contains("0 0 R")
        );
    }
}
