//! Fields and widgets: signature dictionaries (covered by their own
//! signature: any later change is spoofing), the interactive form (§12.7.3)
//! and its /Fields, terminal fields and their values, appearance streams of
//! widgets, the form's default resources; new fields and signature values;
//! new signature fields that never get signed but paint something (sneaky
//! signatures). Filling in unlocked fields and adding signatures is cleared;
//! replacing what the signer saw is named as a shadow attack.

use super::{keys_union, Changed, Deleted, Rule};
use crate::attacks;
use crate::budget::Budget;
use crate::class::{Class, Judged};
use crate::compare::{array_growth, get, name_str, same, same_opt};
use crate::context::{appearance_refs, referrers, FieldInfo};
use crate::step::{Delta, Intent, StepContext};
use kyso_pdf::object::{Dict, ObjRef, Object};
use kyso_pdf::Document;
use std::collections::HashSet;

/// Signature dictionaries of the document: not to be changed or deleted.
pub(crate) struct SignatureDictionary;

impl Rule for SignatureDictionary {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        // A signature dictionary is covered by its own signature: any later
        // change only alters what viewers display (/Reason, /Name, /M ...).
        if !cx.sigs.by_num.contains_key(&o.num) {
            return None;
        }
        let (r, keys) = (o.r, changed_keys(o.old, o.new));
        cx.findings.push(attacks::signature_dict_changed(r, &keys));
        Some(vec![Judged::other(
            format!("Từ điển chữ ký {r} bị sửa sau khi ký (khóa: {keys})."),
            format!("Signature dictionary {r} was modified after signing (keys: {keys})."),
        )])
    }

    fn deleted(&self, cx: &mut StepContext<'_, '_>, o: &Deleted<'_>) -> Option<Judged> {
        let r = o.r;
        cx.sigs.by_num.contains_key(&o.num).then(|| {
            Judged::other(
                format!("Từ điển chữ ký {r} bị xóa."),
                format!("Signature dictionary {r} was deleted."),
            )
        })
    }
}

/// The AcroForm dictionary, held indirectly.
pub(crate) struct AcroForm;

impl Rule for AcroForm {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        if cx.form_new.acroform.map(|r| r.num) != Some(o.num)
            && cx.form_old.acroform.map(|r| r.num) != Some(o.num)
        {
            return None;
        }
        Some(match (o.old.as_dict(), o.new.as_dict()) {
            (Some(od), Some(nd)) => acroform(cx, od, nd),
            _ => vec![Judged::other(
                "Biểu mẫu (/AcroForm) bị thay thế.",
                "The interactive form (/AcroForm) was replaced.",
            )],
        })
    }
}

/// The form's /Fields array, held indirectly.
pub(crate) struct FieldsArray;

impl Rule for FieldsArray {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        (cx.form_new.fields_array.map(|r| r.num) == Some(o.num)
            || cx.form_old.fields_array.map(|r| r.num) == Some(o.num))
        .then(|| vec![fields_array(cx, o.old, o.new)])
    }
}

/// A terminal field or one of its widgets.
pub(crate) struct Field;

impl Rule for Field {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        (cx.form_old.field_of(o.num).is_some() || cx.form_new.field_of(o.num).is_some())
            .then(|| field(cx, o.num, o.r, o.old, o.new))
    }
}

/// A non-terminal node of the field tree.
pub(crate) struct FormNode;

impl Rule for FormNode {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        let r = o.r;
        (cx.form_old.nodes.contains(&o.num) || cx.form_new.nodes.contains(&o.num)).then(|| {
            vec![Judged::other(
                format!("Nút cây biểu mẫu {r} bị sửa."),
                format!("Form tree node {r} was modified."),
            )]
        })
    }
}

/// An appearance stream (or appearance sub-dictionary) of a widget.
pub(crate) struct Appearance;

impl Rule for Appearance {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        let (num, r) = (o.num, o.r);
        let owners: Vec<u32> = cx
            .form_old
            .ap_owner
            .get(&num)
            .into_iter()
            .chain(cx.form_new.ap_owner.get(&num))
            .flatten()
            .copied()
            .collect();
        let &w = owners.first()?;
        let mut j = appearance(cx, r, w);
        for &other in &owners[1..] {
            if j.allowed && other != w {
                j = appearance(cx, r, other);
            }
        }
        if j.allowed && !only_used_by_widgets(cx, num, &owners) {
            cx.findings
                .push(attacks::shadow_replace(r, "appearance_shared"));
            j = Judged::other(
                format!("Hình hiển thị {r} được thay, nhưng nó còn được dùng ở chỗ khác trong tài liệu đã ký (thay đổi lén)."),
                format!("Appearance stream {r} was replaced, but it is also used elsewhere in the signed document (a sneaky change)."),
            );
        }
        Some(vec![j])
    }
}

/// The form's default resources (/DR) and their sub-dictionaries, held indirectly.
pub(crate) struct FormResources;

impl Rule for FormResources {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        (cx.form_old.resources.contains(&o.num) || cx.form_new.resources.contains(&o.num))
            .then(|| vec![additive_resources(cx, o.old, o.new)])
    }
}

/// The AcroForm dictionary's entries: /Fields may grow, /SigFlags and /DR
/// additions serve new signatures, /DA and /NeedAppearances (off) are form
/// filling; /NeedAppearances switched on redraws every field (shadow replace).
pub(crate) fn acroform(cx: &mut StepContext<'_, '_>, old: &Dict, new: &Dict) -> Vec<Judged> {
    let mut out = Vec::new();
    for key in keys_union(old, new) {
        let (o, n) = (old.get(&key), new.get(&key));
        if cx.same_val(o, n) {
            continue;
        }
        match key.as_slice() {
            b"Fields" if matches!(n, Some(Object::Ref(_))) => match cx.moved(o, n) {
                Some((old_arr, new_arr @ Object::Array(_), nr)) => {
                    let j = fields_array(cx, &old_arr, &new_arr);
                    cx.put(nr.num, j.clone());
                    out.push(j);
                }
                _ => out.push(Judged::other(
                    "Danh sách trường biểu mẫu bị thay thế.",
                    "The list of form fields was replaced.",
                )),
            },
            b"Fields" => match (o.map(|x| cx.resolve_direct(x)), n) {
                (_, Some(Object::Ref(_))) | (None, None) => out.push(Judged::other(
                    "Danh sách trường biểu mẫu bị thay thế.",
                    "The list of form fields was replaced.",
                )),
                (o, Some(n)) => {
                    let o = o.flatten().unwrap_or(Object::Array(Vec::new()));
                    out.push(fields_array(cx, &o, n));
                }
                (_, None) => out.push(Judged::other(
                    "Danh sách trường biểu mẫu bị xóa.",
                    "The list of form fields was removed.",
                )),
            },
            b"SigFlags" => out.push(Judged::ok(
                Class::Signature,
                "Cờ chữ ký của biểu mẫu được cập nhật.",
                "Form signature flags updated.",
            )),
            b"DR" => {
                if let Some(Object::Ref(dr)) = n {
                    let j = Judged::ok(
                        Class::Signature,
                        "Thêm phông chữ/tài nguyên cho hình hiển thị mới.",
                        "Fonts/resources added for a new appearance.",
                    );
                    cx.queue.push_back((*dr, Intent::Inherit, j));
                }
                let (o, n) = (
                    o.cloned().unwrap_or(Object::Dict(Dict::new())),
                    n.cloned().unwrap_or(Object::Null),
                );
                out.push(additive_resources(cx, &o, &n));
            }
            b"NeedAppearances"
                if n.and_then(|v| {
                    if let Object::Bool(b) = v {
                        Some(*b)
                    } else {
                        None
                    }
                }) == Some(true) =>
            {
                // §12.7.2 Table 218: viewers then redraw every field from its
                // value, which can change what the signer saw (see dss__replace).
                cx.findings.push(attacks::shadow_replace(
                    ObjRef { num: 0, gen: 0 },
                    "need_appearances",
                ));
                out.push(Judged::other(
                    "Biểu mẫu được đặt /NeedAppearances: trình xem sẽ vẽ lại mọi trường, hình hiển thị có thể khác lúc ký.",
                    "The form was set to /NeedAppearances: viewers will redraw every field, possibly differently from what was signed.",
                ));
            }
            b"DA" | b"NeedAppearances" => out.push(Judged::ok(
                Class::FormFilling,
                "Thiết lập hiển thị mặc định của biểu mẫu được cập nhật.",
                "Form display defaults updated.",
            )),
            k => {
                let name = name_str(k);
                out.push(Judged::other(
                    format!("Biểu mẫu: mục /{name} bị thay đổi."),
                    format!("Form: entry /{name} was changed."),
                ));
            }
        }
    }
    out
}

/// The /Fields array: may only grow, by references to new fields.
fn fields_array(cx: &mut StepContext<'_, '_>, old: &Object, new: &Object) -> Judged {
    let (o, n) = (old.as_array().unwrap_or(&[]), new.as_array().unwrap_or(&[]));
    let (added, kept) = array_growth(o, n);
    if !kept {
        return Judged::other(
            "Trường biểu mẫu bị gỡ khỏi biểu mẫu.",
            "Form fields were removed from the form.",
        );
    }
    let j = Judged::ok(
        Class::Signature,
        "Thêm trường mới vào biểu mẫu.",
        "New fields added to the form.",
    );
    for a in added {
        match a.as_ref() {
            Some(r) => cx.queue.push_back((r, Intent::Field, j.clone())),
            None => {
                return Judged::other(
                    "Thêm trường biểu mẫu trực tiếp (không hợp lệ).",
                    "A direct (invalid) form field was added.",
                )
            }
        }
    }
    j
}

/// Resource dictionaries (form /DR): adding entries that point at new
/// objects (fonts for a new widget's appearance) is fine; changing what an
/// existing name points at is not.
fn additive_resources(cx: &mut StepContext<'_, '_>, old: &Object, new: &Object) -> Judged {
    let bad = Judged::other(
        "Tài nguyên mặc định của biểu mẫu (phông chữ...) bị thay đổi.",
        "The form's default resources (fonts...) were changed.",
    );
    // Either side may be held indirectly; a new /DR may be a new object.
    let old = cx.resolve_direct(old).unwrap_or(Object::Null);
    let new = match new {
        Object::Ref(r) => {
            if !cx.budget.take(1) {
                return bad;
            }
            cx.doc
                .object(cx.rev, *r)
                .ok()
                .flatten()
                .unwrap_or(Object::Null)
        }
        other => other.clone(),
    };
    let Some(n) = new.as_dict().cloned() else {
        return bad;
    };
    let o = old.as_dict().cloned().unwrap_or_default();
    let (o, n) = (&o, &n);
    let ok = Judged::ok(
        Class::Signature,
        "Thêm phông chữ/tài nguyên cho hình hiển thị mới.",
        "Fonts/resources added for a new appearance.",
    );
    for (k, ov) in o {
        match n.get(k) {
            Some(nv) if same(ov, nv) => {}
            Some(nv) => {
                // One level deeper (/Font << ... >>): only additions.
                let (Some(od), Some(nd)) = (ov.as_dict(), nv.as_dict()) else {
                    return bad;
                };
                // An entry may be re-pointed to a new object (Adobe keeps the
                // newest signature appearance as /DR /XObject /FRM).
                let to_new = |v: Option<&Object>| {
                    v.and_then(Object::as_ref)
                        .is_some_and(|r| cx.delta.get(&r.num).is_some_and(Delta::added))
                };
                if od
                    .iter()
                    .any(|(kk, vv)| !same_opt(Some(vv), nd.get(kk)) && !to_new(nd.get(kk)))
                {
                    return bad;
                }
                for (kk, vv) in nd {
                    if od.contains_key(kk) && !same_opt(od.get(kk), Some(vv)) {
                        cx.enqueue_value(vv, &ok);
                    }
                }
                for (kk, vv) in nd {
                    if !od.contains_key(kk) {
                        cx.enqueue_value(vv, &ok);
                    }
                }
            }
            None => return bad,
        }
    }
    for (k, nv) in n {
        if !o.contains_key(k) {
            cx.enqueue_value(nv, &ok);
        }
    }
    ok
}

/// A field or widget changed in place: a signature field may be signed now
/// (its /V and appearance), another field filled in if unlocked, not
/// read-only and empty when signed; everything else is named.
fn field(
    cx: &mut StepContext<'_, '_>,
    num: u32,
    r: ObjRef,
    old: &Object,
    new: &Object,
) -> Vec<Judged> {
    let info = cx
        .form_new
        .field_of(num)
        .or_else(|| cx.form_old.field_of(num))
        .map(|(f, i)| (f, i.clone()));
    let Some((fnum, fi)) = info else {
        return vec![Judged::other(
            "Trường biểu mẫu bị sửa.",
            "A form field was modified.",
        )];
    };
    let name = fi.name.clone();
    let mut out = Vec::new();
    let keys = keys_union(
        old.as_dict().unwrap_or(&Dict::new()),
        new.as_dict().unwrap_or(&Dict::new()),
    );
    if fi.is_sig() {
        let signing_now = signed_in_this_revision(cx, fnum);
        for key in keys {
            let (o, n) = (get(old, &key), get(new, &key));
            if cx.same_val(o, n) {
                continue;
            }
            match (key.as_slice(), signing_now) {
                (b"V", true) => {
                    let j = Judged::ok(
                        Class::Signature,
                        format!("Ký vào ô chữ ký có sẵn “{name}”."),
                        format!("Existing signature field '{name}' signed."),
                    );
                    if let Some(Object::Ref(v)) = n {
                        cx.queue.push_back((*v, Intent::SigValue, j.clone()));
                    }
                    out.push(j);
                }
                (b"V", false) => {
                    cx.findings.push(attacks::signature_value_swapped(&name));
                    out.push(Judged::other(
                        format!("Ô chữ ký “{name}” đã ký nay trỏ sang một chữ ký khác."),
                        format!(
                            "The signed field '{name}' now points to a different signature value."
                        ),
                    ));
                }
                (b"AP" | b"AS" | b"MK" | b"F" | b"P" | b"StructParent" | b"DA", true) => {
                    let j = Judged::ok(
                        Class::Signature,
                        format!("Hình hiển thị của chữ ký “{name}”."),
                        format!("Appearance of signature '{name}'."),
                    );
                    if let Some(n) = n {
                        cx.enqueue_value(n, &j);
                    }
                    out.push(j);
                }
                (b"AP" | b"AS", false) => {
                    cx.findings.push(attacks::shadow_replace(r, "appearance"));
                    let j = Judged::other(
                        format!("Hình hiển thị của ô chữ ký “{name}” bị thay thế."),
                        format!("The appearance of signature field '{name}' was replaced."),
                    );
                    // The new appearance streams are part of this change, not unused objects.
                    if let Some(n) = n {
                        cx.enqueue_value(n, &j);
                    }
                    out.push(j);
                }
                (k, _) => {
                    let kn = name_str(k);
                    out.push(Judged::other(
                        format!("Ô chữ ký “{name}”: mục /{kn} bị thay đổi."),
                        format!("Signature field '{name}': entry /{kn} was changed."),
                    ));
                }
            }
        }
        return out;
    }
    let locked = cx.policy.locked_by(&name);
    let v_old = cx.form_old.fields.get(&fnum).and_then(|f| f.v.clone());
    let v_new = cx.form_new.fields.get(&fnum).and_then(|f| f.v.clone());
    let value_changed = !same_opt(v_old.as_ref(), v_new.as_ref());
    for key in keys {
        let (o, n) = (get(old, &key), get(new, &key));
        if cx.same_val(o, n) {
            continue;
        }
        match key.as_slice() {
            b"V" | b"AS" | b"AP" | b"RV" | b"DA" => {
                let j = if fi.read_only() {
                    cx.findings
                        .push(attacks::shadow_replace(r, "read_only_field"));
                    Judged::other(
                        format!("Trường chỉ-đọc “{name}” bị đổi giá trị hoặc hình hiển thị."),
                        format!(
                            "The read-only field '{name}' had its value or appearance changed."
                        ),
                    )
                } else if matches!(key.as_slice(), b"AP" | b"AS") && !value_changed {
                    // What the signer saw was the appearance, not /V: a new
                    // appearance for an unchanged value changes the display.
                    cx.findings.push(attacks::shadow_replace(r, "appearance"));
                    Judged::other(
                        format!("Hình hiển thị của trường “{name}” bị thay mà giá trị không đổi."),
                        format!("The appearance of field '{name}' was replaced while its value stayed the same."),
                    )
                } else if key.as_slice() == b"V" && o.is_some_and(|v| !is_empty_value(v)) {
                    // The signer saw this value: replacing it is the "replace"
                    // shadow attack, not filling in a form.
                    cx.findings
                        .push(attacks::shadow_replace(r, "value_replaced"));
                    Judged::other(
                        format!("Giá trị của trường “{name}” lúc ký đã bị thay bằng giá trị khác."),
                        format!(
                            "The value field '{name}' had when signed was replaced by another."
                        ),
                    )
                } else if let Some(by) = locked {
                    Judged::bad(
                        Class::FormFilling,
                        format!(
                            "Trường “{name}” bị khóa bởi chữ ký #{} nhưng vẫn bị điền lại.",
                            by + 1
                        ),
                        format!(
                            "Field '{name}' is locked by signature #{} but was filled in again.",
                            by + 1
                        ),
                    )
                } else {
                    Judged::ok(
                        Class::FormFilling,
                        format!("Điền trường biểu mẫu “{name}”."),
                        format!("Form field '{name}' filled in."),
                    )
                };
                if let Some(n) = n {
                    cx.enqueue_value(n, &j);
                }
                out.push(j);
            }
            b"Ff" if read_only_set(o, n) => out.push(Judged::ok(
                Class::Signature,
                format!("Trường “{name}” được khóa (chỉ đọc) bởi một chữ ký mới."),
                format!("Field '{name}' was locked (made read-only) by a new signature."),
            )),
            k => {
                let kn = name_str(k);
                if k == b"F" {
                    cx.findings
                        .push(attacks::shadow_hide(r, "annotation_flags"));
                }
                out.push(Judged::other(
                    format!("Trường “{name}”: mục /{kn} bị thay đổi."),
                    format!("Field '{name}': entry /{kn} was changed."),
                ));
            }
        }
    }
    out
}

/// Whether, in the previous revision, nothing but the given widgets (and their
/// appearance dictionaries) refers to object `num` (pyHanko's "sneaky" updates
/// re-use an appearance stream that the catalog or a page also points at).
fn only_used_by_widgets(cx: &mut StepContext<'_, '_>, num: u32, widgets: &[u32]) -> bool {
    let targets: HashSet<u32> = [num].into_iter().collect();
    let Some(map) = referrers(cx.doc, cx.prev, &targets, cx.budget) else {
        return false;
    };
    let allowed: HashSet<u32> = widgets
        .iter()
        .copied()
        .chain(
            cx.form_old
                .ap_owner
                .iter()
                .chain(cx.form_new.ap_owner.iter())
                .filter(|(_, ws)| ws.iter().any(|w| widgets.contains(w)))
                .map(|(n, _)| *n),
        )
        .collect();
    map.get(&num)
        .is_none_or(|from| from.iter().all(|f| allowed.contains(f)))
}

/// Whether the signature field (object `fnum`) gets its value in this revision.
fn signed_in_this_revision(cx: &StepContext<'_, '_>, fnum: u32) -> bool {
    let had = cx
        .form_old
        .fields
        .get(&fnum)
        .and_then(|f| f.v.clone())
        .is_some_and(|v| v != Object::Null);
    let has = match cx.form_new.fields.get(&fnum).and_then(|f| f.v.clone()) {
        Some(Object::Ref(r)) => cx.sigs.by_num.get(&r.num).is_some_and(|s| s.2 == cx.rev),
        _ => false,
    };
    !had && has
}

/// An appearance stream of `widget` replaced: fine for a signature signed in
/// this revision, or a field (not read-only, not locked) whose value is
/// filled in now.
fn appearance(cx: &mut StepContext<'_, '_>, r: ObjRef, widget: u32) -> Judged {
    let info = cx
        .form_new
        .field_of(widget)
        .or_else(|| cx.form_old.field_of(widget))
        .map(|(f, i)| (f, i.clone()));
    let Some((fnum, fi)) = info else {
        return Judged::other(
            format!("Hình hiển thị {r} bị thay thế."),
            format!("Appearance stream {r} was replaced."),
        );
    };
    let name = fi.name.clone();
    if fi.is_sig() {
        if signed_in_this_revision(cx, fnum) {
            return Judged::ok(
                Class::Signature,
                format!("Hình hiển thị của chữ ký “{name}”."),
                format!("Appearance of signature '{name}'."),
            );
        }
        cx.findings.push(attacks::shadow_replace(r, "appearance"));
        return Judged::other(
            format!("Hình hiển thị của ô chữ ký “{name}” bị thay thế sau khi ký."),
            format!("The appearance of signature field '{name}' was replaced after signing."),
        );
    }
    let v_old = cx.form_old.fields.get(&fnum).and_then(|f| f.v.clone());
    let v_new = cx.form_new.fields.get(&fnum).and_then(|f| f.v.clone());
    let filled = !same_opt(v_old.as_ref(), v_new.as_ref());
    if fi.read_only() || !filled {
        cx.findings.push(attacks::shadow_replace(
            r,
            if fi.read_only() {
                "read_only_field"
            } else {
                "appearance"
            },
        ));
        return Judged::other(
            format!("Hình hiển thị của trường “{name}” bị thay mà giá trị không đổi (hoặc trường chỉ-đọc)."),
            format!("The appearance of field '{name}' was replaced without a change of value (or the field is read-only)."),
        );
    }
    if let Some(by) = cx.policy.locked_by(&name) {
        return Judged::bad(
            Class::FormFilling,
            format!(
                "Trường “{name}” bị khóa bởi chữ ký #{} nhưng vẫn bị điền lại.",
                by + 1
            ),
            format!(
                "Field '{name}' is locked by signature #{} but was filled in again.",
                by + 1
            ),
        );
    }
    Judged::ok(
        Class::FormFilling,
        format!("Điền trường biểu mẫu “{name}”."),
        format!("Form field '{name}' filled in."),
    )
}

/// A field added to /Fields (or a field's /Kids): a signature field is a
/// signature change; any other new field is not cleared.
pub(crate) fn new_field(cx: &mut StepContext<'_, '_>, r: ObjRef, obj: &Object) -> Judged {
    let info = cx.form_new.field_of(r.num).map(|(f, i)| (f, i.clone()));
    let Some((fnum, fi)) = info else {
        if get(obj, b"Kids").is_some() {
            let j = Judged::other(
                "Thêm một nhóm trường biểu mẫu.",
                "A group of form fields was added.",
            );
            cx.enqueue_children(obj, j.clone(), |k| {
                if k == b"Kids" {
                    Intent::Field
                } else {
                    Intent::Inherit
                }
            });
            return j;
        }
        return Judged::other(
            format!("Thêm một trường biểu mẫu lạ ({r})."),
            format!("An unusual form field ({r}) was added."),
        );
    };
    let name = fi.name.clone();
    if !fi.is_sig() {
        let j = Judged::other(
            format!("Thêm trường biểu mẫu mới “{name}”."),
            format!("New form field '{name}' added."),
        );
        cx.enqueue_children(obj, j.clone(), |_| Intent::Inherit);
        return j;
    }
    let j = Judged::ok(
        Class::Signature,
        format!("Thêm ô chữ ký “{name}”."),
        format!("Signature field '{name}' added."),
    );
    cx.enqueue_children(obj, j.clone(), |k| match k {
        b"V" => Intent::SigValue,
        b"Kids" => Intent::Annot(None),
        _ => Intent::Inherit,
    });
    let _ = fnum;
    j
}

/// A new signature field's /V: a signature or document timestamp first
/// defined in this revision.
pub(crate) fn new_sig_value(cx: &mut StepContext<'_, '_>, r: ObjRef) -> Judged {
    match cx.sigs.by_num.get(&r.num) {
        Some(&(_, true, fr)) if fr == cx.rev => Judged::ok(
            Class::Ltv,
            "Thêm dấu thời gian cho tài liệu.",
            "Document timestamp added.",
        ),
        Some(&(i, false, fr)) if fr == cx.rev => Judged::ok(
            Class::Signature,
            format!("Thêm chữ ký #{}.", i + 1),
            format!("Signature #{} added.", i + 1),
        ),
        _ => Judged::other(
            format!("Ô chữ ký trỏ tới một giá trị ({r}) không phải chữ ký hợp lệ."),
            format!("A signature field points to a value ({r}) that is not a proper signature."),
        ),
    }
}

/// New signature fields must end up signed: a signature box that never gets
/// a signature but paints something is a "sneaky signature" (pdf-insecurity.org).
pub(crate) fn check_new_signature_fields(cx: &mut StepContext<'_, '_>) {
    let new_fields: Vec<(u32, FieldInfo)> = cx
        .form_new
        .fields
        .iter()
        .filter(|(n, f)| {
            f.is_sig()
                && (!cx.form_old.fields.contains_key(n)
                    || f.widgets
                        .iter()
                        .any(|w| cx.delta.get(w).is_some_and(Delta::added)))
        })
        .map(|(n, f)| (*n, f.clone()))
        .collect();
    for (fnum, fi) in new_fields {
        if !cx.budget.take(1 + fi.widgets.len()) {
            return;
        }
        let gen = cx.delta.get(&fnum).map_or(0, |d| d.r.gen);
        let final_v = cx
            .doc
            .object(cx.last, ObjRef { num: fnum, gen })
            .ok()
            .flatten()
            .and_then(|o| get(&o, b"V").cloned());
        let signed = match final_v {
            Some(Object::Ref(v)) => cx.sigs.by_num.contains_key(&v.num),
            Some(Object::Dict(_)) => true,
            _ => false,
        };
        if signed {
            continue;
        }
        let mut paints = false;
        for w in &fi.widgets {
            let Some(wo) = cx.new_of(*w).or_else(|| {
                cx.doc
                    .object(cx.rev, ObjRef { num: *w, gen: 0 })
                    .ok()
                    .flatten()
            }) else {
                continue;
            };
            if widget_paints(cx.doc, cx.rev, &wo, cx.budget) {
                paints = true;
            }
        }
        if paints {
            cx.findings.push(attacks::sneaky_signature(&fi.name));
            cx.put(
                fnum,
                Judged::bad(
                    Class::Signature,
                    format!("Ô chữ ký “{}” được thêm vào, có hình hiển thị nhưng không có chữ ký thật.", fi.name),
                    format!("Signature field '{}' was added with a visible appearance but no actual signature.", fi.name),
                ),
            );
        }
    }
}
/// The keys whose values differ, for messages (`/Reason /M`).
fn changed_keys(old: &Object, new: &Object) -> String {
    let (od, nd) = (
        old.as_dict().cloned().unwrap_or_default(),
        new.as_dict().cloned().unwrap_or_default(),
    );
    let keys: Vec<String> = keys_union(&od, &nd)
        .into_iter()
        .filter(|k| !same_opt(od.get(k), nd.get(k)))
        .map(|k| format!("/{}", name_str(&k)))
        .collect();
    if keys.is_empty() {
        "?".into()
    } else {
        keys.join(" ")
    }
}

/// Whether a widget has a visible, non-empty normal appearance (§12.5.5) in a
/// non-degenerate /Rect and is not hidden (/F bit 2, Table 165).
pub(crate) fn widget_paints(
    doc: &Document<'_>,
    rev: usize,
    w: &Object,
    budget: &mut Budget,
) -> bool {
    let rect: Vec<f64> = get(w, b"Rect")
        .and_then(Object::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(|x| match x {
            Object::Int(i) => Some(*i as f64),
            Object::Real(r) => Some(*r),
            _ => None,
        })
        .collect();
    let [x1, y1, x2, y2] = rect.as_slice() else {
        return false;
    };
    if (x2 - x1).abs() < 1.0 || (y2 - y1).abs() < 1.0 {
        return false;
    }
    if get(w, b"F")
        .and_then(Object::as_int)
        .is_some_and(|f| f & 2 != 0)
    {
        return false;
    }
    appearance_refs(doc, rev, w, budget).into_iter().any(|n| {
        budget.take(1)
            && matches!(doc.object(rev, ObjRef { num: n, gen: 0 }), Ok(Some(Object::Stream(s))) if !s.raw.iter().all(u8::is_ascii_whitespace))
    })
}

/// An empty field value: absent, null, an empty string or the /Off state.
fn is_empty_value(v: &Object) -> bool {
    match v {
        Object::Null => true,
        Object::String(s) => s.bytes.is_empty() || s.bytes == [0xFE, 0xFF],
        Object::Name(n) => n.as_slice() == b"Off",
        Object::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Field flags that differ only by ReadOnly (Table 221, bit 1) being set: what
/// a signing tool does to the fields a FieldMDP lock covers. Clearing it is not.
fn read_only_set(old: Option<&Object>, new: Option<&Object>) -> bool {
    let o = old.and_then(Object::as_int).unwrap_or(0);
    let Some(n) = new.and_then(Object::as_int) else {
        return false;
    };
    n & 1 == 1 && (o | 1) == n
}
