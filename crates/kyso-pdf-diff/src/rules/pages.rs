//! Pages and annotations: the page tree (§7.7.3), pages and what they draw
//! (content streams, XObjects, fonts, resources), /Annots lists and the
//! annotations in them (§12.5). Page content never changes after signing
//! (incremental saving, shadow attacks); annotation lists may grow, and
//! annotations count as annotation changes. Whatever DocMDP permits, a later
//! widget or annotation that hides signed content is not (the covering rule,
//! over `cover`).

use super::{describe, keys_union, Changed, Deleted, Rule};
use crate::attacks;
use crate::class::{Class, Judged};
use crate::compare::{array_growth, get, name_str, subtype_of, type_of};
use crate::context::appearance_refs;
use crate::cover::{self, Under, MAX_ANNOTS_PER_REVISION};
use crate::step::{Delta, Intent, StepContext};
use kyso_pdf::object::{ObjRef, Object};
use kyso_report::CoveredRegion;

/// What the signed pages draw: content streams, XObjects, fonts and
/// resource dictionaries they use.
pub(crate) struct Drawn;

impl Rule for Drawn {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        let num = o.num;
        let used = {
            let p = cx.pages_old();
            p.contents.contains(&num)
                || p.xobjects.contains(&num)
                || p.fonts.contains(&num)
                || p.resources.contains(&num)
        };
        used.then(|| drawn(cx, num, o.r, o.old, o.new))
    }
}

/// Page objects and page-tree nodes.
pub(crate) struct PageTree;

impl Rule for PageTree {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        match type_of(o.old) {
            Some(b"Page") => Some(page(cx, o.r, o.old, o.new)),
            Some(b"Pages") => Some(vec![pages_node(cx, o.r, o.old, o.new)]),
            _ => None,
        }
    }
}

/// A page's /Annots array, held indirectly.
pub(crate) struct AnnotsArray;

impl Rule for AnnotsArray {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        let &page = cx.pages_old().annots_arrays.get(&o.num)?;
        let (old, new) = (
            o.old.as_array().unwrap_or(&[]).to_vec(),
            o.new.as_array().unwrap_or(&[]).to_vec(),
        );
        Some(vec![annots_growth(cx, Some(page), &old, &new)])
    }
}

/// Annotations (not widgets, which are fields): changed or deleted, an
/// annotation change.
pub(crate) struct Annotation;

impl Rule for Annotation {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        if type_of(o.old) != Some(b"Annot") {
            return None;
        }
        let r = o.r;
        cx.enqueue_children(o.new, Judged::ok(Class::Annotation, "", ""), |_| {
            Intent::Inherit
        });
        Some(vec![Judged::ok(
            Class::Annotation,
            format!("Chú thích {r} được sửa."),
            format!("Annotation {r} was modified."),
        )])
    }

    fn deleted(&self, _cx: &mut StepContext<'_, '_>, o: &Deleted<'_>) -> Option<Judged> {
        let r = o.r;
        (type_of(o.old) == Some(b"Annot") && subtype_of(o.old) != Some(b"Widget")).then(|| {
            Judged::ok(
                Class::Annotation,
                format!("Chú thích {r} bị xóa."),
                format!("Annotation {r} was deleted."),
            )
        })
    }
}

/// Objects the pages draw: content streams, XObjects, fonts, resources.
pub(crate) fn drawn(
    cx: &mut StepContext<'_, '_>,
    num: u32,
    r: ObjRef,
    old: &Object,
    new: &Object,
) -> Vec<Judged> {
    let pages = cx.pages_old();
    let (content, xobj, font, res) = (
        pages.contents.contains(&num),
        pages.xobjects.contains(&num),
        pages.fonts.contains(&num),
        pages.resources.contains(&num),
    );
    if content {
        cx.findings.push(attacks::incremental_saving(r));
        return vec![Judged::other(
            format!("Nội dung trang ({r}) bị thay đổi sau khi ký."),
            format!("Page content ({r}) was changed after signing."),
        )];
    }
    if xobj || type_of(old) == Some(b"XObject") {
        let emptied = match new {
            Object::Stream(s) => s.raw.iter().all(u8::is_ascii_whitespace),
            _ => true,
        };
        cx.findings.push(if emptied {
            attacks::shadow_hide(r, "overlay_emptied")
        } else {
            attacks::shadow_replace(r, "xobject")
        });
        return vec![Judged::other(
            format!("Hình hoặc lớp phủ ({r}) được vẽ trên trang bị thay đổi sau khi ký."),
            format!("An image or overlay ({r}) drawn on the page was changed after signing."),
        )];
    }
    if font || type_of(old) == Some(b"Font") || type_of(old) == Some(b"FontDescriptor") {
        cx.findings.push(attacks::shadow_replace(r, "font"));
        return vec![Judged::other(
            format!("Phông chữ ({r}) bị thay đổi sau khi ký: chữ hiển thị có thể khác chữ đã ký."),
            format!("A font ({r}) was changed after signing: the text shown may differ from the text signed."),
        )];
    }
    if res {
        cx.findings.push(attacks::shadow_hide(r, "resources"));
        return vec![Judged::other(
            format!("Tài nguyên của trang ({r}) bị thay đổi sau khi ký."),
            format!("Page resources ({r}) were changed after signing."),
        )];
    }
    if matches!(type_of(old), Some(b"OCG") | Some(b"OCMD")) {
        cx.findings
            .push(attacks::shadow_hide(r, "optional_content"));
    }
    let what = describe(old);
    cx.enqueue_children(new, Judged::other("", ""), |_| Intent::Inherit);
    vec![Judged::other(
        format!("Đối tượng {r} ({}) bị sửa.", what.0),
        format!("Object {r} ({}) was modified.", what.1),
    )]
}

/// A page-tree node (§7.7.3.2): its kids, count and inheritable attributes
/// must not change; producers sometimes stamp other keys (iText's /ITXT).
fn pages_node(cx: &mut StepContext<'_, '_>, r: ObjRef, old: &Object, new: &Object) -> Judged {
    let (od, nd) = (
        old.as_dict().cloned().unwrap_or_default(),
        new.as_dict().cloned().unwrap_or_default(),
    );
    for key in [
        b"Kids".as_slice(),
        b"Count",
        b"Parent",
        b"Resources",
        b"MediaBox",
        b"CropBox",
        b"Rotate",
        b"Type",
    ] {
        if !cx.same_val(od.get(key), nd.get(key)) {
            return Judged::other(
                format!("Cây trang ({r}) bị sửa."),
                format!("The page tree ({r}) was modified."),
            );
        }
    }
    Judged::ok(
        Class::Metadata,
        format!("Nút cây trang ({r}) được phần mềm ghi thêm thông tin riêng; trang không đổi."),
        format!("Page tree node ({r}) stamped with producer-specific data; pages unchanged."),
    )
}

/// A page changed in place: /Annots may grow, /Tabs and a first
/// /StructParents are bookkeeping of a new widget; /Contents and /Resources
/// are never changed (incremental saving, shadow hide).
fn page(cx: &mut StepContext<'_, '_>, r: ObjRef, old: &Object, new: &Object) -> Vec<Judged> {
    let mut out = Vec::new();
    let (od, nd) = (
        old.as_dict().cloned().unwrap_or_default(),
        new.as_dict().cloned().unwrap_or_default(),
    );
    let pno = cx
        .page_number(r)
        .map_or_else(|| r.to_string(), |n| n.to_string());
    for key in keys_union(&od, &nd) {
        let (o, n) = (od.get(&key), nd.get(&key));
        if cx.same_val(o, n) {
            continue;
        }
        match key.as_slice() {
            b"Annots" => match (o, n) {
                (Some(Object::Array(oa)), Some(Object::Array(na))) => {
                    out.push(annots_growth(cx, Some(r), &oa.clone(), &na.clone()))
                }
                (None, Some(Object::Array(na))) => {
                    out.push(annots_growth(cx, Some(r), &[], &na.clone()))
                }
                (None, Some(Object::Ref(ar)))
                    if cx.delta.get(&ar.num).is_some_and(Delta::added) =>
                {
                    let j = Judged::ok(Class::Signature, "", "");
                    cx.queue.push_back((*ar, Intent::AnnotsArray(Some(r)), j));
                    out.push(Judged::ok(
                        Class::Signature,
                        format!("Trang {pno}: thêm danh sách chú thích."),
                        format!("Page {pno}: annotation list added."),
                    ));
                }
                (Some(Object::Ref(_)), Some(Object::Array(na))) => {
                    // An indirect list replaced by a direct one: compare contents.
                    let oa = o
                        .and_then(|x| cx.resolve_direct(x))
                        .and_then(|x| x.as_array().map(<[Object]>::to_vec))
                        .unwrap_or_default();
                    out.push(annots_growth(cx, Some(r), &oa, &na.clone()));
                }
                _ => match cx.moved(o, n) {
                    Some((old_arr, Object::Array(na), nr)) => {
                        let oa = old_arr
                            .as_array()
                            .map(<[Object]>::to_vec)
                            .unwrap_or_default();
                        let j = annots_growth(cx, Some(r), &oa, &na);
                        cx.put(nr.num, j.clone());
                        out.push(j);
                    }
                    _ => out.push(Judged::other(
                        format!("Trang {pno}: danh sách chú thích bị thay thế."),
                        format!("Page {pno}: annotation list replaced."),
                    )),
                },
            },
            b"Tabs" => out.push(Judged::ok(
                Class::Signature,
                format!("Trang {pno}: thứ tự tab."),
                format!("Page {pno}: tab order."),
            )),
            b"StructParents" if o.is_none() => out.push(Judged::ok(
                Class::Signature,
                format!("Trang {pno}: gắn thẻ cấu trúc."),
                format!("Page {pno}: structure tagging."),
            )),
            b"Contents" => {
                cx.findings.push(attacks::incremental_saving(r));
                out.push(Judged::other(
                    format!("Trang {pno}: nội dung bị thay thế."),
                    format!("Page {pno}: content replaced."),
                ));
            }
            b"Resources" => {
                cx.findings.push(attacks::shadow_hide(r, "resources"));
                out.push(Judged::other(
                    format!(
                        "Trang {pno}: tài nguyên (hình, lớp phủ, phông chữ) bị trỏ sang chỗ khác."
                    ),
                    format!("Page {pno}: resources (images, overlays, fonts) re-pointed."),
                ));
            }
            k => {
                let kn = name_str(k);
                out.push(Judged::other(
                    format!("Trang {pno}: mục /{kn} bị thay đổi."),
                    format!("Page {pno}: entry /{kn} was changed."),
                ));
            }
        }
    }
    out
}

/// An /Annots list of `page`: may only grow, by references to new annotations.
pub(crate) fn annots_growth(
    cx: &mut StepContext<'_, '_>,
    page: Option<ObjRef>,
    old: &[Object],
    new: &[Object],
) -> Judged {
    let pno = page
        .and_then(|p| cx.page_number(p))
        .map_or_else(|| "?".to_string(), |n| n.to_string());
    let (added, kept) = array_growth(old, new);
    if !kept {
        cx.findings.push(attacks::shadow_hide(
            page.unwrap_or(ObjRef { num: 0, gen: 0 }),
            "annotation_removed",
        ));
        return Judged::bad(
            Class::Annotation,
            format!("Trang {pno}: chú thích hoặc ô biểu mẫu bị gỡ khỏi trang."),
            format!("Page {pno}: annotations or form widgets were removed from the page."),
        );
    }
    for a in added {
        match a.as_ref() {
            Some(ar) => cx.queue.push_back((
                ar,
                Intent::Annot(page),
                Judged::ok(Class::Signature, "", ""),
            )),
            None => {
                return Judged::bad(
                    Class::Annotation,
                    format!("Trang {pno}: thêm chú thích trực tiếp."),
                    format!("Page {pno}: direct annotation added."),
                )
            }
        }
    }
    Judged::ok(
        Class::Signature,
        format!("Trang {pno}: thêm vào danh sách chú thích."),
        format!("Page {pno}: annotation list extended."),
    )
}

/// An annotation added to a page: a widget of a signature field is a
/// signature change, of another field not cleared, of no field a sneaky
/// widget; other annotations are annotation changes, unless they paint an
/// area without an appearance stream (evil annotation).
pub(crate) fn new_annot(
    cx: &mut StepContext<'_, '_>,
    r: ObjRef,
    obj: &Object,
    page: Option<ObjRef>,
) -> Judged {
    let pno = page
        .and_then(|p| cx.page_number(p))
        .map_or_else(|| "?".to_string(), |n| n.to_string());
    if subtype_of(obj) == Some(b"Widget") {
        let info = cx.form_new.field_of(r.num).map(|(f, i)| (f, i.clone()));
        return match info {
            Some((_, fi)) if fi.is_sig() => {
                let name = fi.name;
                let j = Judged::ok(
                    Class::Signature,
                    format!("Ô chữ ký “{name}” trên trang {pno}."),
                    format!("Signature widget '{name}' on page {pno}."),
                );
                cx.enqueue_children(obj, j.clone(), |k| {
                    if k == b"V" {
                        Intent::SigValue
                    } else {
                        Intent::Inherit
                    }
                });
                j
            }
            Some((_, fi)) => {
                let name = fi.name;
                let j = Judged::other(
                    format!("Thêm ô biểu mẫu “{name}” trên trang {pno}."),
                    format!("Form widget '{name}' added on page {pno}."),
                );
                cx.enqueue_children(obj, j.clone(), |_| Intent::Inherit);
                j
            }
            None => {
                cx.findings.push(attacks::sneaky_orphan_widget(r, &pno));
                Judged::other(
                    format!("Trang {pno}: thêm một ô hiển thị (widget) không thuộc trường biểu mẫu nào."),
                    format!("Page {pno}: a widget that belongs to no form field was added."),
                )
            }
        };
    }
    let sub = subtype_of(obj).map(name_str).unwrap_or_else(|| "?".into());
    // "/FreeText [70 690 370 720]": type and where it sits (§12.5.2 /Rect).
    let sub = match rect_text(obj) {
        Some(rect) => format!("{sub} {rect}"),
        None => sub,
    };
    // With an appearance stream the page geometry decides (`check_covering`);
    // without one, viewers draw their own, so judge by what the type paints.
    let has_ap = get(obj, b"AP").is_some();
    let covering = !has_ap && attacks::covering_annotation(subtype_of(obj), false);
    let j = if covering {
        cx.findings.push(attacks::evil_annotation(r, &sub, &pno));
        Judged::bad(
            Class::Annotation,
            format!("Trang {pno}: thêm chú thích /{sub} có thể che nội dung đã ký."),
            format!("Page {pno}: a /{sub} annotation that can cover signed content was added."),
        )
    } else {
        Judged::ok(
            Class::Annotation,
            format!("Trang {pno}: thêm chú thích /{sub}."),
            format!("Page {pno}: /{sub} annotation added."),
        )
    };
    cx.enqueue_children(obj, j.clone(), |k| {
        if k == b"Popup" {
            Intent::Annot(page)
        } else {
            Intent::Inherit
        }
    });
    j
}

/// Every annotation this revision adds, reveals, moves or re-draws: does
/// its appearance now hide content of the page as it was before? (See
/// `cover`.) Whatever DocMDP permits, hiding signed content is not.
pub(crate) fn check_covering(cx: &mut StepContext<'_, '_>) {
    let pages = cx.pages_new().pages.clone();
    let (mut examined, mut skipped) = (0usize, 0usize);
    for (pi, page) in pages.iter().enumerate() {
        let Ok(Some(pd)) = cx.doc.object_head(cx.rev, *page) else {
            continue;
        };
        let Some(annots) = get(&pd, b"Annots")
            .cloned()
            .and_then(|a| cx.doc.resolve(cx.rev, &a).ok())
        else {
            continue;
        };
        for a in annots.as_array().unwrap_or(&[]).iter().take(10_000) {
            let Some(ar) = a.as_ref() else { continue };
            let touched = cx.delta.contains_key(&ar.num)
                || appearance_refs(cx.doc, cx.rev, a, cx.budget)
                    .iter()
                    .any(|n| cx.delta.contains_key(n));
            if !touched {
                continue;
            }
            if examined >= MAX_ANNOTS_PER_REVISION {
                skipped += 1;
                continue;
            }
            examined += 1;
            let Ok(Some(obj)) = cx.doc.object(cx.rev, ar) else {
                continue;
            };
            let Some(ad) = obj.as_dict() else { continue };
            let opaque = cover::opaque_areas(cx.doc, cx.rev, ad);
            if opaque.is_empty() {
                continue;
            }
            // Shown the same way when the earlier revision was signed: not new.
            let before = match cx.doc.object(cx.prev, ar) {
                Ok(Some(o)) => o
                    .as_dict()
                    .map(|od| cover::opaque_areas(cx.doc, cx.prev, od))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            if opaque.iter().all(|o| before.iter().any(|b| b.contains(o))) {
                continue;
            }
            let what = match subtype_of(&obj) {
                Some(b"Widget") => {
                    let name = cx
                        .form_new
                        .field_of(ar.num)
                        .map(|(_, f)| f.name.clone())
                        .unwrap_or_default();
                    (format!("ô “{name}”"), format!("widget '{name}'"))
                }
                Some(sub) => {
                    let sub = name_str(sub);
                    (format!("chú thích /{sub}"), format!("/{sub} annotation"))
                }
                None => ("chú thích".to_string(), "annotation".to_string()),
            };
            match cover::under(cx.doc, &mut cx.page_cache, cx.prev, *page, &opaque) {
                Under::Clear => {}
                Under::Covered { rect, texts } => {
                    match subtype_of(&obj) {
                        Some(b"Widget") => {}
                        sub => {
                            let sub = sub.map(name_str).unwrap_or_else(|| "?".into());
                            let pno = (pi + 1).to_string();
                            cx.findings.push(attacks::evil_annotation(ar, &sub, &pno));
                        }
                    }
                    cx.findings.push(attacks::covers_signed_content(
                        ar,
                        pi + 1,
                        &what,
                        &rect,
                        &texts,
                    ));
                    if cx.covered.len() < MAX_ANNOTS_PER_REVISION {
                        let page_box = cx.page_cache.frame(cx.doc, cx.prev, *page);
                        cx.covered.push(CoveredRegion {
                            revision: u32::try_from(cx.rev + 1).unwrap_or(u32::MAX),
                            page: u32::try_from(pi + 1).unwrap_or(u32::MAX),
                            page_box: page_box.map(|b| [b.x0, b.y0, b.x1, b.y1]),
                            rect: [rect.x0, rect.y0, rect.x1, rect.y1],
                            texts: texts.clone(),
                        });
                    }
                    let rt = rect.to_text();
                    cx.put(
                        ar.num,
                        Judged::other(
                            format!("Trang {}: {} được thêm hoặc sửa sau khi ký và che nội dung đã ký {rt}.", pi + 1, what.0),
                            format!("Page {}: a {} added or changed after signing hides signed content {rt}.", pi + 1, what.1),
                        ),
                    );
                }
                Under::Undecided { rect, why } => {
                    cx.findings
                        .push(attacks::coverage_undecided(pi + 1, &what, &rect, &why));
                }
            }
        }
    }
    if skipped > 0 {
        cx.findings.push(attacks::coverage_not_examined(skipped));
    }
}
/// An annotation's /Rect as written, for messages.
fn rect_text(o: &Object) -> Option<String> {
    let nums: Vec<String> = get(o, b"Rect")?
        .as_array()?
        .iter()
        .filter_map(|x| match x {
            Object::Int(i) => Some(i.to_string()),
            Object::Real(r) => Some(format!("{r:.0}")),
            _ => None,
        })
        .collect();
    (nums.len() == 4).then(|| format!("[{}]", nums.join(" ")))
}
