//! The whitelist, one module per family of objects, in the manner of pyHanko's
//! `diff_analysis` (its `WhitelistRule`s and `StandardDiffPolicy`): a rule
//! recognises the objects it knows and judges their change; whatever no rule
//! explains stays disallowed.
//!
//! - [`catalog`]: the trailer's /Root and /Encrypt, the catalog, its name dictionary;
//! - [`fields`]: signature dictionaries, the interactive form, fields, widgets'
//!   appearance streams, form resources, new signatures and sneaky signature fields;
//! - [`pages`]: the page tree, pages, what they draw, annotation lists and
//!   annotations, and the covering rule (a later annotation over signed content);
//! - [`structure`]: the structure tree of tagged PDFs, compared by meaning;
//! - [`dss_metadata`]: DSS/VRI (LTV data), Info, XMP and /Extensions.
//!
//! A changed object is offered to the rules of [`DEFAULT_POLICY`]`.changed` in
//! order, a deleted one to those of `.deleted`; the first rule that knows the
//! object decides (the order is part of the policy: an object can be both,
//! say, a page resource and a form resource). New objects are judged through
//! whatever references them (see `step`), revision-wide checks run as phases
//! of the step.

pub(crate) mod catalog;
pub(crate) mod dss_metadata;
pub(crate) mod fields;
pub(crate) mod pages;
pub(crate) mod structure;

use crate::class::Judged;
use crate::compare::{name_str, subtype_of, type_of};
use crate::step::StepContext;
use kyso_pdf::object::{Dict, ObjRef, Object};

/// An object this revision changed: present in both revisions, read without error.
pub(crate) struct Changed<'o> {
    /// Object number.
    pub num: u32,
    /// The reference, with the generation now in force.
    pub r: ObjRef,
    /// The object in the previous revision.
    pub old: &'o Object,
    /// The object in this revision.
    pub new: &'o Object,
}

/// An object this revision deleted (freed, or re-listed as not present).
pub(crate) struct Deleted<'o> {
    /// Object number.
    pub num: u32,
    /// The reference.
    pub r: ObjRef,
    /// The object in the previous revision.
    pub old: &'o Object,
}

/// One whitelist rule. Each hook answers `None` when the object is not one
/// the rule knows; `Some` verdicts (allowed or not) settle it.
pub(crate) trait Rule {
    /// Verdicts on a changed object this rule knows.
    fn changed(&self, _cx: &mut StepContext<'_, '_>, _o: &Changed<'_>) -> Option<Vec<Judged>> {
        None
    }

    /// The verdict on a deleted object this rule knows.
    fn deleted(&self, _cx: &mut StepContext<'_, '_>, _o: &Deleted<'_>) -> Option<Judged> {
        None
    }
}

/// Which rules judge changed and deleted objects, in the order they are asked.
pub(crate) struct Policy {
    /// Objects present in both revisions.
    pub changed: &'static [&'static dyn Rule],
    /// Objects deleted by the revision.
    pub deleted: &'static [&'static dyn Rule],
}

/// The policy every revision is judged by.
pub(crate) const DEFAULT_POLICY: Policy = Policy {
    changed: &[
        &fields::SignatureDictionary,
        &catalog::Catalog,
        &dss_metadata::Info,
        &dss_metadata::Xmp,
        &dss_metadata::Extensions,
        &dss_metadata::Dss,
        &fields::AcroForm,
        &fields::FieldsArray,
        &fields::Field,
        &fields::FormNode,
        &fields::Appearance,
        &catalog::Names,
        &pages::Drawn,
        &fields::FormResources,
        &pages::PageTree,
        &pages::AnnotsArray,
        &structure::TreeHolder,
        &structure::Element,
        &pages::Annotation,
    ],
    deleted: &[
        &dss_metadata::Replaced,
        &fields::SignatureDictionary,
        &pages::Annotation,
    ],
};

/// The keys of two dictionaries, sorted, each once.
pub(crate) fn keys_union(a: &Dict, b: &Dict) -> Vec<Vec<u8>> {
    let mut k: Vec<Vec<u8>> = a.keys().chain(b.keys()).cloned().collect();
    k.sort();
    k.dedup();
    k
}

/// A short human label for an object.
pub(crate) fn describe(o: &Object) -> (String, String) {
    match (type_of(o), subtype_of(o), o) {
        (Some(t), _, _) => (format!("/{}", name_str(t)), format!("/{}", name_str(t))),
        (None, Some(s), _) => (format!("/{}", name_str(s)), format!("/{}", name_str(s))),
        (None, None, Object::Stream(_)) => ("luồng dữ liệu".into(), "stream".into()),
        (None, None, Object::Dict(_)) => ("từ điển".into(), "dictionary".into()),
        (None, None, Object::Array(_)) => ("mảng".into(), "array".into()),
        _ => ("giá trị".into(), "value".into()),
    }
}
