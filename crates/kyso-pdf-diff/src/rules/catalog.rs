//! The catalog (§7.7.2) and the trailer entries that lead to it: /Root must
//! stay the signed catalog (or a new object judged against it), /Encrypt must
//! not change; catalog entries are cleared one by one (form, DSS, metadata,
//! version) and the name dictionary only for its /AP tree.

use super::dss_metadata::{metadata_xmp, LTV_EN, LTV_VI};
use super::{fields, keys_union, Changed, Rule};
use crate::attacks;
use crate::class::{Class, Judged};
use crate::compare::{name_str, same_opt};
use crate::context::load;
use crate::step::{Delta, StepContext};
use kyso_pdf::object::{Dict, ObjRef, Object};

/// The catalog object, changed in place.
pub(crate) struct Catalog;

impl Rule for Catalog {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        let root = |rev: usize| {
            cx.doc
                .trailer(rev)
                .get(b"Root".as_slice())
                .and_then(Object::as_ref)
                .map(|r| r.num)
        };
        if root(cx.rev) != Some(o.num) && root(cx.prev) != Some(o.num) {
            return None;
        }
        Some(match (o.old.as_dict(), o.new.as_dict()) {
            (Some(od), Some(nd)) => catalog(cx, od, nd),
            _ => vec![Judged::other(
                "Danh mục tài liệu (/Root) bị thay thế.",
                "The document catalog (/Root) was replaced.",
            )],
        })
    }
}

/// The catalog's name dictionary, held indirectly.
pub(crate) struct Names;

impl Rule for Names {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        let held = |c: &Option<Dict>| {
            c.as_ref()
                .and_then(|c| c.get(b"Names".as_slice()))
                .and_then(Object::as_ref)
                .map(|r| r.num)
        };
        (held(&cx.cat_new) == Some(o.num) || held(&cx.cat_old) == Some(o.num))
            .then(|| vec![names(cx, o.old, o.new)])
    }
}

/// /Root and /Encrypt of the trailer (§7.5.5): a new /Root that already
/// existed in the signed bytes swaps in another document.
pub(crate) fn check_trailer(cx: &mut StepContext<'_, '_>) {
    let root = |rev| {
        cx.doc
            .trailer(rev)
            .get(b"Root".as_slice())
            .and_then(Object::as_ref)
    };
    let (old_root, new_root) = (root(cx.prev), root(cx.rev));
    if old_root != new_root {
        let fresh = new_root
            .and_then(|r| cx.delta.get(&r.num))
            .is_some_and(Delta::added);
        match (fresh, cx.cat_old.clone(), cx.cat_new.clone()) {
            (true, Some(old), Some(new)) => {
                // A new catalog object: judge it against the old catalog.
                let num = new_root.map_or(0, |r| r.num);
                let js = catalog(cx, &old, &new);
                for j in js {
                    cx.put(num, j);
                }
            }
            _ => {
                cx.findings
                    .push(attacks::hide_and_replace_root(old_root, new_root));
                cx.put(
                    new_root.map_or(0, |r| r.num),
                    Judged::other(
                        "Gốc tài liệu (/Root) được trỏ sang một đối tượng có sẵn trong phần đã ký: một tài liệu khác thay thế tài liệu đã ký.",
                        "The document root (/Root) was re-pointed to an object already present in the signed part: another document replaces the signed one.",
                    ),
                );
            }
        }
    }
    let enc = |rev| cx.doc.trailer(rev).get(b"Encrypt".as_slice()).cloned();
    if !same_opt(enc(cx.prev).as_ref(), enc(cx.rev).as_ref()) {
        cx.put(
            0,
            Judged::other(
                "Cách mã hóa tài liệu (/Encrypt) bị thay đổi.",
                "The document's encryption (/Encrypt) was changed.",
            ),
        );
    }
}

/// The catalog's entries one by one: form, DSS, metadata, version and names
/// may change as their rules allow; /Pages and /OCProperties never; anything
/// else is an unexplained catalog change.
fn catalog(cx: &mut StepContext<'_, '_>, old: &Dict, new: &Dict) -> Vec<Judged> {
    let mut out = Vec::new();
    for key in keys_union(old, new) {
        let (o, n) = (old.get(&key), new.get(&key));
        if cx.same_val(o, n) {
            // Re-pointed to an identical copy (writers that re-save the
            // XMP stream unchanged): the copy serves the same entry.
            if key.as_slice() == b"Metadata" && !same_opt(o, n) {
                if let Some(r) = n.and_then(Object::as_ref) {
                    if cx.delta.get(&r.num).is_some_and(Delta::added) {
                        cx.put(r.num, metadata_xmp());
                    }
                }
            }
            continue;
        }
        match key.as_slice() {
            b"AcroForm" => match (o, n) {
                (Some(Object::Dict(od)), Some(Object::Dict(nd))) => {
                    out.extend(fields::acroform(cx, od, nd))
                }
                (None, Some(Object::Dict(nd))) => {
                    out.extend(fields::acroform(cx, &Dict::new(), nd))
                }
                (None, Some(Object::Ref(r))) if cx.delta.get(&r.num).is_some_and(Delta::added) => {
                    let j = Judged::ok(
                        Class::Signature,
                        "Tạo biểu mẫu để chứa chữ ký.",
                        "Form created to hold a signature.",
                    );
                    if let Some(Object::Dict(nd)) = cx.new_of(r.num) {
                        let js = fields::acroform(cx, &Dict::new(), &nd);
                        for j2 in js {
                            cx.put(r.num, j2);
                        }
                    }
                    out.push(j);
                }
                _ => match cx.moved(o, n) {
                    Some((Object::Dict(od), Object::Dict(nd), nr)) => {
                        let js = fields::acroform(cx, &od, &nd);
                        for j in &js {
                            cx.put(nr.num, j.clone());
                        }
                        out.extend(js);
                    }
                    _ => out.push(Judged::other(
                        "Biểu mẫu (/AcroForm) bị thay thế.",
                        "The interactive form (/AcroForm) was replaced.",
                    )),
                },
            },
            b"DSS" => {
                let j = Judged::ok(Class::Ltv, LTV_VI, LTV_EN);
                if let Some(n) = n {
                    cx.enqueue_value(n, &j);
                }
                out.push(j);
            }
            b"Metadata" => {
                let j = metadata_xmp();
                if let Some(n) = n {
                    cx.enqueue_value(n, &j);
                }
                out.push(j);
            }
            b"Extensions" | b"Version" => {
                let j = Judged::ok(
                    Class::Metadata,
                    "Khai báo phiên bản/phần mở rộng PDF được cập nhật.",
                    "PDF version/extensions declaration updated.",
                );
                if let Some(n) = n {
                    cx.enqueue_value(n, &j);
                }
                out.push(j);
            }
            b"Names" => {
                let (od, nd) = (
                    o.and_then(|x| cx.resolve_direct(x)),
                    n.and_then(|x| load(cx.doc, cx.rev, x, cx.budget)),
                );
                let empty = Object::Dict(Dict::new());
                let j = names(
                    cx,
                    od.as_ref().unwrap_or(&empty),
                    nd.as_ref().unwrap_or(&empty),
                );
                if let Some(nr) = n.and_then(Object::as_ref) {
                    if cx.delta.get(&nr.num).is_some_and(Delta::added) {
                        cx.put(nr.num, j.clone());
                    }
                }
                out.push(j);
            }
            b"Pages" => {
                cx.findings.push(attacks::hide_and_replace_pages());
                out.push(Judged::other(
                    "Danh mục trỏ sang một cây trang khác.",
                    "The catalog points to a different page tree.",
                ));
            }
            b"OCProperties" => {
                cx.findings.push(attacks::shadow_hide(
                    ObjRef { num: 0, gen: 0 },
                    "optional_content",
                ));
                out.push(Judged::other(
                    "Thiết lập ẩn/hiện lớp nội dung (/OCProperties) bị thay đổi.",
                    "Optional-content visibility (/OCProperties) was changed.",
                ));
            }
            k => {
                let name = name_str(k);
                out.push(Judged::other(
                    format!("Danh mục tài liệu: mục /{name} bị thay đổi."),
                    format!("Document catalog: entry /{name} was changed."),
                ));
            }
        }
    }
    out
}

/// The catalog's name dictionary (§7.7.4). Only its `/AP` tree — the
/// appearance streams of comments (Acrobat keeps stamp icons there) — may
/// change, and counts as an annotation change; any other tree (JavaScript,
/// embedded files, destinations, page templates…) is not permitted.
fn names(cx: &mut StepContext<'_, '_>, old: &Object, new: &Object) -> Judged {
    let empty = Dict::new();
    let (od, nd) = (
        old.as_dict().unwrap_or(&empty),
        new.as_dict().unwrap_or(&empty),
    );
    let mut changed = Vec::new();
    for key in keys_union(od, nd) {
        let (o, n) = (od.get(&key), nd.get(&key));
        if !cx.same_val(o, n) {
            changed.push(key);
        }
    }
    if changed.iter().all(|k| k.as_slice() == b"AP") {
        let j = Judged::ok(
            Class::Annotation,
            "Cây tên /AP (hình hiển thị của chú thích) được cập nhật.",
            "The /AP name tree (appearances of comments) was updated.",
        );
        if let Some(v) = nd.get(b"AP".as_slice()) {
            cx.enqueue_value(v, &j);
        }
        return j;
    }
    let list: Vec<String> = changed
        .iter()
        .map(|k| format!("/{}", name_str(k)))
        .collect();
    let list = list.join(", ");
    Judged::other(
        format!("Từ điển tên của tài liệu (/Names) bị thay đổi: {list}."),
        format!("The document's name dictionary (/Names) was changed: {list}."),
    )
}
