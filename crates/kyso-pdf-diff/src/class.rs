//! Change classes and verdicts on single objects.

use crate::policy::{DocMdp, StepPolicy};
use kyso_report::ModificationLevel;
use std::borrow::Cow;

/// What a change is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Class {
    /// A further signature: its dictionary, field, widget, appearance, and the
    /// form, page and structure-tree entries that hold them.
    Signature,
    /// Long-term-validation data: DSS/VRI, document timestamps.
    Ltv,
    /// Document metadata: Info, XMP, /Extensions, /Version.
    Metadata,
    /// Filling in an unlocked form field.
    FormFilling,
    /// Adding, changing or removing an annotation.
    Annotation,
    /// Anything else.
    Other,
    /// New objects that nothing in the document uses.
    Unused,
}

impl Class {
    pub(crate) fn level(self) -> ModificationLevel {
        match self {
            Class::Unused => ModificationLevel::None,
            // DSS/VRI data and document timestamps (and metadata touch-ups).
            Class::Ltv | Class::Metadata => ModificationLevel::Ltv,
            // A new signature (field, widget, appearance) is form filling, as
            // in pyHanko and PAdES: it changes what the pages show.
            Class::Signature | Class::FormFilling => ModificationLevel::FormFilling,
            Class::Annotation => ModificationLevel::Annotations,
            Class::Other => ModificationLevel::Other,
        }
    }

    /// The `Change.class` string (kyso-report).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Class::Signature => "signature",
            Class::Ltv => "ltv",
            Class::Metadata => "metadata",
            Class::FormFilling => "form_filling",
            Class::Annotation => "annotation",
            Class::Other | Class::Unused => "other",
        }
    }
}

/// A rule's verdict on one change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Judged {
    pub class: Class,
    pub allowed: bool,
    pub vi: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Judged {
    pub(crate) fn ok(
        class: Class,
        vi: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Judged {
            class,
            allowed: true,
            vi: vi.into(),
            en: en.into(),
        }
    }
    pub(crate) fn bad(
        class: Class,
        vi: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Judged {
            class,
            allowed: false,
            vi: vi.into(),
            en: en.into(),
        }
    }
    pub(crate) fn other(
        vi: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) -> Self {
        Judged::bad(Class::Other, vi, en)
    }
}

/// Whether the permissions in force allow a class of change (ISO 32000-1 Table 254;
/// approval signatures without DocMDP: as P=2, the ISO default, which is also
/// pyHanko's and Adobe's reading). `ltv_in_step`: the same revision adds LTV data
/// (then a metadata touch-up, e.g. /ModDate, is part of that and allowed under P=1).
pub(crate) fn permitted(
    class: Class,
    policy: &StepPolicy,
    ltv_in_step: bool,
) -> Result<(), (String, String)> {
    let p = policy.docmdp;
    match class {
        Class::Unused | Class::Ltv => Ok(()),
        Class::Other => Err(("thay đổi này không thuộc loại nào được phép".into(), "this change is of no permitted kind".into())),
        Class::Metadata if p == Some(DocMdp::NoChanges) && !ltv_in_step => Err(p1()),
        Class::Metadata => Ok(()),
        Class::Signature | Class::FormFilling if p == Some(DocMdp::NoChanges) => Err(p1()),
        Class::Signature | Class::FormFilling => Ok(()),
        Class::Annotation if p == Some(DocMdp::Annotate) => Ok(()),
        // Approval signatures only (no DocMDP): comments are accepted with a
        // warning that names them, as EU DSS and Acrobat do; annotations that
        // cover signed content are judged `bad` before this point.
        Class::Annotation if p.is_none() => Ok(()),
        Class::Annotation => Err((
            "chữ ký chứng nhận (DocMDP P=2) không cho phép thêm, sửa hay xóa chú thích".into(),
            "the certification signature (DocMDP P=2) does not permit adding, changing or removing annotations".into(),
        )),
    }
}

fn p1() -> (String, String) {
    (
        "chữ ký chứng nhận (DocMDP P=1) không cho phép bất kỳ thay đổi nào, kể cả ký thêm".into(),
        "the certification signature (DocMDP P=1) permits no change at all, not even another signature".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{DocMdp, StepPolicy};

    fn policy(p: Option<DocMdp>) -> StepPolicy {
        StepPolicy {
            docmdp: p,
            locks: Vec::new(),
        }
    }

    #[test]
    fn docmdp_matrix() {
        use Class::*;
        // (class, P=None (approval), P=1, P=2, P=3)
        let table = [
            (Signature, true, false, true, true),
            (Ltv, true, true, true, true),
            (FormFilling, true, false, true, true),
            (Annotation, true, false, false, true),
            (Other, false, false, false, false),
            (Unused, true, true, true, true),
        ];
        for (c, none, p1, p2, p3) in table {
            assert_eq!(
                permitted(c, &policy(None), false).is_ok(),
                none,
                "{c:?} approval"
            );
            assert_eq!(
                permitted(c, &policy(Some(DocMdp::NoChanges)), false).is_ok(),
                p1,
                "{c:?} P=1"
            );
            assert_eq!(
                permitted(c, &policy(Some(DocMdp::FillForms)), false).is_ok(),
                p2,
                "{c:?} P=2"
            );
            assert_eq!(
                permitted(c, &policy(Some(DocMdp::Annotate)), false).is_ok(),
                p3,
                "{c:?} P=3"
            );
        }
    }

    #[test]
    fn metadata_under_p1_only_with_ltv() {
        let p1 = policy(Some(DocMdp::NoChanges));
        assert!(permitted(Class::Metadata, &p1, false).is_err());
        assert!(permitted(Class::Metadata, &p1, true).is_ok());
        assert!(permitted(Class::Metadata, &policy(None), false).is_ok());
    }

    #[test]
    fn levels_are_ordered() {
        assert!(Class::Ltv.level() < Class::Signature.level());
        assert_eq!(Class::Signature.level(), Class::FormFilling.level());
        assert!(Class::FormFilling.level() < Class::Annotation.level());
        assert!(Class::Annotation.level() < Class::Other.level());
        assert_eq!(Class::Unused.level(), ModificationLevel::None);
    }
}
