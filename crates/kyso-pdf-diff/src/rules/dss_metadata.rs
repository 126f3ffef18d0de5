//! DSS and metadata: long-term-validation data (DSS/VRI, ETSI EN 319 142-1
//! §5.4) and document metadata — Info (§14.3.3), XMP (§14.3.2), the
//! catalog's /Extensions. Permitted as LTV or metadata changes; a change of
//! what a viewer displays from Info is named.

use super::{Changed, Deleted, Rule};
use crate::attacks;
use crate::class::{Class, Judged};
use crate::compare::{name_str, same_opt};
use crate::step::{Intent, StepContext};
use kyso_pdf::object::{Dict, Object};

pub(crate) const LTV_VI: &str = "Bổ sung dữ liệu kiểm tra dài hạn (DSS: chứng thư, OCSP, CRL).";
pub(crate) const LTV_EN: &str = "Long-term validation data added (DSS: certificates, OCSP, CRLs).";

/// The document information dictionary (the trailer's /Info).
pub(crate) struct Info;

impl Rule for Info {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        let info = |rev: usize| {
            cx.doc
                .trailer(rev)
                .get(b"Info".as_slice())
                .and_then(Object::as_ref)
                .map(|r| r.num)
        };
        if info(cx.rev) != Some(o.num) && info(cx.prev) != Some(o.num) {
            return None;
        }
        if let (Some(od), Some(nd)) = (o.old.as_dict(), o.new.as_dict()) {
            for key in [b"Title".as_slice(), b"Subject", b"Author", b"Keywords"] {
                // Compared as the text a viewer shows (§7.9.2.2): a value
                // re-encoded from UTF-16BE to PDFDocEncoding is not a change.
                if !same_text(od.get(key), nd.get(key)) {
                    cx.findings.push(attacks::displayed_metadata_changed(
                        &name_str(key),
                        od.get(key),
                        nd.get(key),
                    ));
                }
            }
        }
        Some(vec![metadata_info()])
    }
}

/// The catalog's XMP metadata stream.
pub(crate) struct Xmp;

impl Rule for Xmp {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        (catalog_ref(&cx.cat_new, b"Metadata") == Some(o.num)
            || catalog_ref(&cx.cat_old, b"Metadata") == Some(o.num))
        .then(|| vec![metadata_xmp()])
    }
}

/// The catalog's /Extensions dictionary (§7.12).
pub(crate) struct Extensions;

impl Rule for Extensions {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        (catalog_ref(&cx.cat_new, b"Extensions") == Some(o.num)
            || catalog_ref(&cx.cat_old, b"Extensions") == Some(o.num))
        .then(|| {
            vec![Judged::ok(
                Class::Metadata,
                "Khai báo phần mở rộng PDF (/Extensions) được cập nhật.",
                "PDF extensions declaration (/Extensions) updated.",
            )]
        })
    }
}

/// Everything reachable from the catalog's /DSS: LTV data, and whatever new
/// objects it references.
pub(crate) struct Dss;

impl Rule for Dss {
    fn changed(&self, cx: &mut StepContext<'_, '_>, o: &Changed<'_>) -> Option<Vec<Judged>> {
        if !cx.dss().contains(&o.num) {
            return None;
        }
        cx.enqueue_children(o.new, Judged::ok(Class::Ltv, LTV_VI, LTV_EN), |_| {
            Intent::Inherit
        });
        Some(vec![Judged::ok(Class::Ltv, LTV_VI, LTV_EN)])
    }
}

/// An Info dictionary or XMP stream the trailer or catalog no longer points
/// at: replaced by a new version.
pub(crate) struct Replaced;

impl Rule for Replaced {
    fn deleted(&self, cx: &mut StepContext<'_, '_>, o: &Deleted<'_>) -> Option<Judged> {
        let r = o.r;
        let info_new = cx
            .doc
            .trailer(cx.rev)
            .get(b"Info".as_slice())
            .and_then(Object::as_ref);
        let info_old = cx
            .doc
            .trailer(cx.prev)
            .get(b"Info".as_slice())
            .and_then(Object::as_ref);
        let xmp = |c: &Option<Dict>| {
            c.as_ref()
                .and_then(|c| c.get(b"Metadata".as_slice()))
                .and_then(Object::as_ref)
        };
        let (xmp_old, xmp_new) = (xmp(&cx.cat_old), xmp(&cx.cat_new));
        ((info_old == Some(r) && info_new != Some(r)) || (xmp_old == Some(r) && xmp_new != Some(r)))
            .then(|| {
                Judged::ok(
                    Class::Metadata,
                    "Siêu dữ liệu cũ được thay bằng bản mới.",
                    "Old metadata replaced by a new version.",
                )
            })
    }
}

/// The object number an entry of a catalog points at.
fn catalog_ref(c: &Option<Dict>, key: &[u8]) -> Option<u32> {
    c.as_ref()
        .and_then(|c| c.get(key))
        .and_then(Object::as_ref)
        .map(|r| r.num)
}

/// The verdict on an updated Info dictionary.
fn metadata_info() -> Judged {
    Judged::ok(
        Class::Metadata,
        "Thông tin mô tả tài liệu (/Info) được cập nhật.",
        "Document information (/Info) updated.",
    )
}

/// The verdict on an updated XMP stream.
pub(crate) fn metadata_xmp() -> Judged {
    Judged::ok(
        Class::Metadata,
        "Siêu dữ liệu XMP được cập nhật.",
        "XMP metadata updated.",
    )
}

/// Two Info values that display the same: equal objects, or text strings
/// that decode (PDFDocEncoding or UTF-16BE/UTF-8 with BOM) to the same text.
fn same_text(a: Option<&Object>, b: Option<&Object>) -> bool {
    if same_opt(a, b) {
        return true;
    }
    match (a, b) {
        (Some(Object::String(x)), Some(Object::String(y))) => {
            kyso_pdf::decode_text(&x.bytes) == kyso_pdf::decode_text(&y.bytes)
        }
        _ => false,
    }
}
