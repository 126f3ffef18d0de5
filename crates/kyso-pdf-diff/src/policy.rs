//! Modification permissions: DocMDP (ISO 32000-1 §12.8.2.2, Table 254) of a
//! certification signature, FieldMDP locks (§12.8.2.4, Table 256; field /Lock,
//! §12.7.4.5 Table 233), and the default for approval signatures.

use kyso_pdf::object::{Dict, ObjRef, Object};
use kyso_pdf::SignatureDict;

/// DocMDP permission level /P (Table 254).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DocMdp {
    /// P=1: no changes at all (PAdES still allows DSS and document timestamps,
    /// ETSI EN 319 142-1 §5.4).
    NoChanges = 1,
    /// P=2: filling in forms, instantiating page templates, signing.
    FillForms = 2,
    /// P=3: as P=2, plus annotation creation, deletion and modification.
    Annotate = 3,
}

impl DocMdp {
    pub(crate) fn from_p(p: Option<i64>) -> DocMdp {
        match p {
            Some(1) => DocMdp::NoChanges,
            Some(3) => DocMdp::Annotate,
            // Table 254: default 2; out-of-range values read as the default.
            _ => DocMdp::FillForms,
        }
    }
}

/// Which fields a FieldMDP transform locks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lock {
    /// `/Action /All`.
    All,
    /// `/Action /Include`: only these.
    Include(Vec<String>),
    /// `/Action /Exclude`: all but these.
    Exclude(Vec<String>),
}

impl Lock {
    /// Table 256: field names are fully qualified; a lock on a field also
    /// covers its descendants.
    pub(crate) fn locks(&self, field: &str) -> bool {
        let listed = |names: &[String]| {
            names.iter().any(|n| {
                field == n
                    || field
                        .strip_prefix(n.as_str())
                        .is_some_and(|r| r.starts_with('.'))
            })
        };
        match self {
            Lock::All => true,
            Lock::Include(n) => listed(n),
            Lock::Exclude(n) => !listed(n),
        }
    }

    fn from_params(action: Option<&str>, fields: &[String]) -> Option<Lock> {
        match action? {
            "All" => Some(Lock::All),
            "Include" => Some(Lock::Include(fields.to_vec())),
            "Exclude" => Some(Lock::Exclude(fields.to_vec())),
            _ => None,
        }
    }
}

/// What one signature asks of later changes.
#[derive(Debug, Clone, Default)]
pub(crate) struct SigPolicy {
    /// DocMDP level, if the signature carries a DocMDP transform (a certification signature).
    pub docmdp: Option<DocMdp>,
    /// PDF 2.0 field /Lock /P: a DocMDP level that applies after this (approval) signature.
    pub lock_p: Option<DocMdp>,
    /// FieldMDP locks (from /Reference and from the field's /Lock).
    pub locks: Vec<Lock>,
}

/// Read DocMDP / FieldMDP from a signature dictionary's /Reference entries, and
/// the /Lock of its field (`field_lock`, already resolved), and the catalog's
/// `/Perms /DocMDP` pointer (`perms_docmdp`).
pub(crate) fn sig_policy(
    sig: &SignatureDict,
    field_lock: Option<&Dict>,
    perms_docmdp: Option<ObjRef>,
) -> SigPolicy {
    let mut p = SigPolicy::default();
    for r in &sig.references {
        match r.transform_method.as_deref() {
            Some("DocMDP") => p.docmdp = Some(DocMdp::from_p(r.p)),
            Some("FieldMDP") => {
                if let Some(l) = Lock::from_params(r.action.as_deref(), &r.fields) {
                    p.locks.push(l);
                }
            }
            _ => {}
        }
    }
    // §12.8.4: the catalog's /Perms /DocMDP names the certification signature,
    // even when its /Reference was omitted (some tools do).
    if p.docmdp.is_none() && perms_docmdp.is_some() && perms_docmdp == sig.obj {
        p.docmdp = Some(DocMdp::FillForms);
    }
    if let Some(lock) = field_lock {
        let action = lock
            .get(b"Action".as_slice())
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned());
        let fields: Vec<String> = lock
            .get(b"Fields".as_slice())
            .and_then(Object::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(|f| f.as_string().map(|s| kyso_text(&s.bytes)))
            .collect();
        if let Some(l) = Lock::from_params(action.as_deref(), &fields) {
            if !p.locks.contains(&l) {
                p.locks.push(l);
            }
        }
        // PDF 2.0 (ISO 32000-2 §12.7.5.5): /Lock may carry /P, a DocMDP level applied on signing.
        if let Some(level) = lock.get(b"P".as_slice()).and_then(Object::as_int) {
            p.lock_p = Some(DocMdp::from_p(Some(level)));
        }
    }
    p
}

/// Text string (PDFDocEncoding or UTF-16BE with BOM, §7.9.2.2) to a Rust string,
/// enough for field names.
pub(crate) fn kyso_text(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    b.iter().map(|&c| c as char).collect()
}

/// The policy in force for changes made in one revision: the certification
/// signature's DocMDP level (if it is valid as such) and the locks of every
/// signature signed before that revision.
#[derive(Debug, Clone, Default)]
pub(crate) struct StepPolicy {
    /// `None`: no certification signature; approval-signature default applies.
    pub docmdp: Option<DocMdp>,
    /// (locking signature's index, lock).
    pub locks: Vec<(usize, Lock)>,
}

impl StepPolicy {
    /// Whether a field (fully qualified name) is locked, and by which signature.
    pub(crate) fn locked_by(&self, field: &str) -> Option<usize> {
        self.locks
            .iter()
            .find(|(_, l)| l.locks(field))
            .map(|(i, _)| *i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_matching() {
        let inc = Lock::Include(vec!["a.b".into()]);
        assert!(inc.locks("a.b"));
        assert!(inc.locks("a.b.c"));
        assert!(!inc.locks("a.bc"));
        assert!(!inc.locks("x"));
        let exc = Lock::Exclude(vec!["x".into()]);
        assert!(!exc.locks("x"));
        assert!(exc.locks("y"));
        assert!(Lock::All.locks("anything"));
    }

    #[test]
    fn docmdp_default_is_two() {
        assert_eq!(DocMdp::from_p(None), DocMdp::FillForms);
        assert_eq!(DocMdp::from_p(Some(7)), DocMdp::FillForms);
        assert_eq!(DocMdp::from_p(Some(1)), DocMdp::NoChanges);
        assert_eq!(DocMdp::from_p(Some(3)), DocMdp::Annotate);
    }

    #[test]
    fn utf16_names() {
        assert_eq!(kyso_text(&[0xFE, 0xFF, 0, b'K', 0x1E, 0xF9]), "Kỹ");
        assert_eq!(kyso_text(b"Sig1"), "Sig1");
    }
}
