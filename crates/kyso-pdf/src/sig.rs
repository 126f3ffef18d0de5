//! Signature fields and signature dictionaries (ISO 32000-1 §12.7.4.5,
//! §12.8.1; ISO 32000-2 §12.8.5 document timestamps).
//!
//! Signatures are found two ways, and both are reported so that change
//! analysis can spot a "sneaky" signature (one that the form does not show):
//! by walking the AcroForm field tree of every revision, and by scanning every
//! object defined in every revision for a signature dictionary.

// What a signature dictionary looks like is decided where decryption needs it
// (its /Contents is never decrypted); defined there so that `crypt` depends on
// nothing above it: sig → document → crypt, one way.
pub(crate) use crate::crypt::looks_like_signature;
use crate::document::Document;
use crate::object::{Dict, ObjRef, Object, Span};
use crate::text::{decode_text, decode_text_head};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

/// A signature form field (`/FT /Sig`), signed or empty.
#[derive(Debug, Clone, PartialEq)]
pub struct SigField {
    /// Fully qualified field name (`/T` of each ancestor joined by `.`, §12.7.3.2);
    /// empty when the document is encrypted and could not be opened.
    pub name: String,
    /// The field's own reference (`None` if it is a direct object in `/Fields`).
    pub field: Option<ObjRef>,
    /// Widget annotations of the field (the field itself when merged).
    pub widgets: Vec<ObjRef>,
    /// `/V` as written: a reference to, or a direct, signature dictionary; `None` for an empty field.
    pub value: Option<Object>,
    /// `/Lock` as written (§12.7.4.5, Table 233).
    pub lock: Option<Object>,
}

/// One `/Reference` entry: a signature reference dictionary (§12.8.1, Table 253).
#[derive(Debug, Clone, PartialEq)]
pub struct SigReference {
    /// `DocMDP`, `UR3` or `FieldMDP`.
    pub transform_method: Option<String>,
    /// DocMDP `/P` (1, 2 or 3; §12.8.2.2, Table 254), if given.
    pub p: Option<i64>,
    /// FieldMDP `/Action`: `All`, `Include` or `Exclude`.
    pub action: Option<String>,
    /// FieldMDP `/Fields`.
    pub fields: Vec<String>,
    /// `/TransformParams`, resolved.
    pub params: Dict,
}

/// A signature (or document timestamp) dictionary found in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureDict {
    /// The signature dictionary's own reference (`None` if direct in the field).
    pub obj: Option<ObjRef>,
    /// Fully qualified name of the field whose `/V` it is.
    pub field_name: Option<String>,
    /// That field.
    pub field: Option<ObjRef>,
    /// That field's widgets.
    pub widgets: Vec<ObjRef>,
    /// Whether an AcroForm field of some revision points to it.
    pub in_acroform: bool,
    /// The revision in which this dictionary first appears.
    pub first_revision: usize,
    /// The dictionary (the definition whose `/Contents` the byte range leaves out, if any).
    pub dict: Dict,
    /// `/Type /DocTimeStamp` or `/SubFilter /ETSI.RFC3161`.
    pub is_doc_timestamp: bool,
    /// `/Filter`.
    pub filter: Option<String>,
    /// `/SubFilter`.
    pub sub_filter: Option<String>,
    /// `/ByteRange`, raw, as written.
    pub byte_range: Option<Vec<Object>>,
    /// `/Contents`, hex-decoded (never decrypted).
    pub contents: Option<Vec<u8>>,
    /// Where the `/Contents` string token (delimiters included) sits in the file.
    pub contents_span: Option<Span>,
    /// `/Cert` (adbe.x509.rsa_sha1): one string or an array.
    pub cert: Vec<Vec<u8>>,
    /// `/M`, as written.
    pub m: Option<String>,
    /// `/Name`.
    pub name: Option<String>,
    /// `/Reason`.
    pub reason: Option<String>,
    /// `/Location`.
    pub location: Option<String>,
    /// `/ContactInfo`.
    pub contact_info: Option<String>,
    /// `/Reference` (DocMDP, FieldMDP, UR3).
    pub references: Vec<SigReference>,
}

fn name_of(d: &Dict, k: &[u8]) -> Option<String> {
    d.get(k)
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// One definition of a signature dictionary, before grouping.
struct Candidate {
    obj: Option<ObjRef>,
    def_rev: usize,
    dict: Dict,
    field: Option<SigField>,
}

impl<'a> Document<'a> {
    /// Signature fields of revision `rev` (§12.7.4.5): the AcroForm field
    /// tree, with kids and inherited `/FT`, cycle-safe and bounded: at most
    /// [`crate::Limits::max_form_fields`] nodes are read, beyond which the walk
    /// stops and [`Document::limits_exceeded`] says so.
    pub fn signature_fields(&self, rev: usize) -> Vec<SigField> {
        self.walk_signature_fields(rev, &mut HashSet::new())
    }

    /// [`Document::signature_fields`], noting in `read` the number of every
    /// object the walk read (or tried to read): the catalog, the form, the
    /// field nodes and their kids, and the signature values. A later revision
    /// that redefines none of them has the same signature fields.
    fn walk_signature_fields(&self, rev: usize, read: &mut HashSet<u32>) -> Vec<SigField> {
        let mut out = Vec::new();
        // Resolve a reference chain, noting each object read; a direct value
        // is borrowed, not copied (a /Fields array of 10^5 entries written
        // directly in the catalog would otherwise be copied twice).
        let get = |o: &Object, read: &mut HashSet<u32>| -> Option<Object> {
            let mut cur = o.clone();
            for _ in 0..=self.limits().max_depth {
                match cur {
                    Object::Ref(r) => {
                        read.insert(r.num);
                        cur = self.object_head(rev, r).ok()?.unwrap_or(Object::Null);
                    }
                    other => return Some(other),
                }
            }
            None
        };
        fn borrowed_or_read<'o>(
            get: &impl Fn(&Object, &mut HashSet<u32>) -> Option<Object>,
            o: &'o Object,
            read: &mut HashSet<u32>,
        ) -> Option<Cow<'o, Object>> {
            match o {
                Object::Ref(_) => get(o, read).map(Cow::Owned),
                direct => Some(Cow::Borrowed(direct)),
            }
        }
        let follow = |o, read: &mut HashSet<u32>| borrowed_or_read(&get, o, read);
        let Some(root) = self.trailer(rev).get(b"Root".as_slice()) else {
            return out;
        };
        let Some(cat) = follow(root, read) else {
            return out;
        };
        let Some(form) = cat
            .as_dict()
            .and_then(|c| c.get(b"AcroForm".as_slice()))
            .and_then(|f| follow(f, read))
        else {
            return out;
        };
        let Some(fields) = form
            .as_dict()
            .and_then(|d| d.get(b"Fields".as_slice()))
            .and_then(|f| follow(f, read))
        else {
            return out;
        };
        let Some(fields) = fields.as_array() else {
            return out;
        };
        let readable = self.encryption().is_none_or(|e| e.opened);
        let max_nodes = self.limits().max_form_fields;
        let mut seen = HashSet::new();
        // Kids waiting to be read: (item, parent name, inherited FT, depth).
        // The top-level /Fields are taken in order from their array, never
        // copied here, so that the stack holds only what the budget allows.
        let mut stack: Vec<(Object, String, Option<Vec<u8>>, usize)> = Vec::new();
        let mut top = fields.iter();
        let mut visits = 0usize;
        loop {
            let (item, parent, ft, depth) = match stack.pop() {
                Some(n) => n,
                None => match top.next() {
                    Some(f) => (f.clone(), String::new(), None, 0),
                    None => break,
                },
            };
            if depth > self.limits().max_depth {
                continue;
            }
            // Each node read counts (a field kid twice: when its parent sorts
            // its kids, and when it is read as a field).
            visits += 1;
            if visits > max_nodes {
                self.note_limit(crate::codes::LIMIT_FORM_FIELDS);
                break;
            }
            let r = item.as_ref();
            if let Some(r) = r {
                if !seen.insert(r) {
                    continue;
                }
            }
            let Some(Object::Dict(d)) = get(&item, read) else {
                continue;
            };
            // Encrypted names that cannot be decrypted are left empty, not shown as garbage.
            let t = d
                .get(b"T".as_slice())
                .and_then(Object::as_string)
                .filter(|_| readable)
                .map(|s| decode_text(&s.bytes));
            let name = match (&t, parent.is_empty()) {
                (Some(t), true) => t.clone(),
                (Some(t), false) => format!("{parent}.{t}"),
                (None, _) => parent.clone(),
            };
            let ft = d
                .get(b"FT".as_slice())
                .and_then(Object::as_name)
                .map(<[u8]>::to_vec)
                .or(ft);
            let kids = match d.get(b"Kids".as_slice()).and_then(|k| get(k, read)) {
                Some(Object::Array(k)) => k,
                _ => Vec::new(),
            };
            let mut widgets = Vec::new();
            let mut child_fields = Vec::new();
            for k in &kids {
                visits += 1;
                if visits > max_nodes {
                    self.note_limit(crate::codes::LIMIT_FORM_FIELDS);
                    break;
                }
                let kd = get(k, read);
                let is_field = kd.as_ref().and_then(Object::as_dict).is_some_and(|kd| {
                    kd.contains_key(b"T".as_slice())
                        || kd.contains_key(b"FT".as_slice())
                            && !kd.contains_key(b"Subtype".as_slice())
                });
                if is_field {
                    child_fields.push(k.clone());
                } else if let Some(kr) = k.as_ref() {
                    widgets.push(kr);
                }
            }
            for c in child_fields.into_iter().rev() {
                stack.push((c, name.clone(), ft.clone(), depth + 1));
            }
            let terminal =
                d.contains_key(b"V".as_slice()) || !widgets.is_empty() || kids.is_empty();
            if ft.as_deref() == Some(b"Sig") && terminal {
                if d.get(b"Subtype".as_slice()).and_then(Object::as_name) == Some(b"Widget") {
                    if let Some(r) = r {
                        widgets.insert(0, r);
                    }
                }
                out.push(SigField {
                    name,
                    field: r,
                    widgets,
                    value: d.get(b"V".as_slice()).cloned(),
                    lock: d.get(b"Lock".as_slice()).cloned(),
                });
            }
        }
        out
    }

    /// Every signature or document-timestamp dictionary in any revision,
    /// from AcroForm fields and from a scan of every object; ordered by the
    /// revision they appear in, then by the end of their byte range.
    ///
    /// Each object is read once per revision that defines it, and the field
    /// tree only again in a revision that redefines something the last walk
    /// read: the cost is linear in the objects of the file, not in revisions
    /// times fields. The scan stops after [`crate::Limits::max_objects`]
    /// objects ([`Document::limits_exceeded`] then says so).
    pub fn signatures(&self) -> Vec<SignatureDict> {
        let mut cands: Vec<Candidate> = Vec::new();
        let nrev = self.revisions().len();
        let mut budget = self.limits().max_objects;
        // What the last walk of the field tree read, and in which revision.
        let mut walked: Option<(usize, HashSet<u32>)> = None;
        for rev in 0..nrev {
            // Every revision since the last walk was found unchanged: only
            // this one's entries need a look.
            let unchanged = walked.as_ref().is_some_and(|(w, read)| {
                self.trailer(*w).get(b"Root".as_slice())
                    == self.trailer(rev).get(b"Root".as_slice())
                    && self.revisions()[rev]
                        .entries
                        .keys()
                        .all(|n| !read.contains(n))
            });
            if !unchanged {
                let mut read = HashSet::new();
                let fields = self.walk_signature_fields(rev, &mut read);
                for f in fields {
                    match &f.value {
                        Some(Object::Ref(v)) => {
                            read.insert(v.num);
                            let def_rev = self.entry(rev, v.num).map(|(i, _)| i).unwrap_or(rev);
                            if let Ok(Some(Object::Dict(d))) = self.object_head(rev, *v) {
                                cands.push(Candidate {
                                    obj: Some(*v),
                                    def_rev,
                                    dict: d,
                                    field: Some(f),
                                });
                            }
                        }
                        Some(Object::Dict(d)) => {
                            let def_rev = f
                                .field
                                .and_then(|fr| self.entry(rev, fr.num))
                                .map(|(i, _)| i)
                                .unwrap_or(rev);
                            cands.push(Candidate {
                                obj: None,
                                def_rev,
                                dict: d.clone(),
                                field: Some(f),
                            });
                        }
                        _ => {}
                    }
                }
                walked = Some((rev, read));
            }
            for r in self.defined_in(rev) {
                if budget == 0 {
                    self.note_limit(crate::codes::LIMIT_OBJECTS);
                    break;
                }
                budget -= 1;
                let Ok(Some(o)) = self.object_head(rev, r) else {
                    continue;
                };
                if let Object::Dict(d) = o {
                    if looks_like_signature(&d) {
                        cands.push(Candidate {
                            obj: Some(r),
                            def_rev: rev,
                            dict: d,
                            field: None,
                        });
                    }
                }
            }
        }
        self.group(cands)
    }

    fn group(&self, cands: Vec<Candidate>) -> Vec<SignatureDict> {
        // Key: the object (or the field, for a direct dictionary), the byte
        // range and the contents. A later redefinition with other /Contents
        // or /ByteRange is a different signature.
        type Key = (Option<ObjRef>, Option<ObjRef>, String, Vec<u8>);
        let mut groups: BTreeMap<Key, Vec<Candidate>> = BTreeMap::new();
        for c in cands {
            let br = format!("{:?}", c.dict.get(b"ByteRange".as_slice()));
            let contents = c
                .dict
                .get(b"Contents".as_slice())
                .and_then(Object::as_string)
                .map(|s| s.bytes.clone())
                .unwrap_or_default();
            let field_key = if c.obj.is_none() {
                c.field.as_ref().and_then(|f| f.field)
            } else {
                None
            };
            groups
                .entry((c.obj, field_key, br, contents))
                .or_default()
                .push(c);
        }
        let mut out: Vec<SignatureDict> = groups
            .into_values()
            .filter_map(|g| self.build(g, true))
            .collect();
        out.sort_by_key(|s| (s.first_revision, signed_end(s).unwrap_or(u64::MAX), s.obj));
        out
    }

    /// A signature dictionary read straight from the file's bytes, outside
    /// every cross-reference section of the trailer chain (see
    /// [`Document::unreached_signatures`]): nothing in it is resolved through
    /// the chain, whose objects of the same numbers are other objects, and its
    /// strings are left out when the document is encrypted (they were never
    /// decrypted).
    pub(crate) fn build_unreached(
        &self,
        obj: Option<ObjRef>,
        def_rev: usize,
        dict: Dict,
    ) -> Option<SignatureDict> {
        self.build(
            vec![Candidate {
                obj,
                def_rev,
                dict,
                field: None,
            }],
            false,
        )
    }

    /// `resolve`: read indirect `/Reference` parts through the chain, and the
    /// strings as decrypted by it (false for a dictionary the chain does not reach).
    fn build(&self, group: Vec<Candidate>, resolve: bool) -> Option<SignatureDict> {
        let first_revision = group.iter().map(|c| c.def_rev).min()?;
        let field = group.iter().rev().find_map(|c| c.field.clone());
        let in_acroform = field.is_some();
        // Prefer the definition whose /Contents token is exactly the byte-range gap.
        let pick = group
            .iter()
            .find(|c| gap_matches(&c.dict))
            .or_else(|| group.iter().min_by_key(|c| c.def_rev))?;
        let d = pick.dict.clone();
        let readable = if resolve {
            self.encryption().is_none_or(|e| e.opened)
        } else {
            self.encryption().is_none()
        };
        let text = |k: &[u8]| -> Option<String> {
            if !readable {
                return None;
            }
            // Shown in the report (cut there to MAX_TEXT_CHARS), never compared.
            d.get(k)
                .and_then(Object::as_string)
                .map(|s| decode_text_head(&s.bytes))
        };
        let contents_str = d.get(b"Contents".as_slice()).and_then(Object::as_string);
        let cert = match d.get(b"Cert".as_slice()) {
            Some(Object::String(s)) => vec![s.bytes.clone()],
            Some(Object::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_string().map(|s| s.bytes.clone()))
                .collect(),
            _ => Vec::new(),
        };
        // Indirect /Reference parts are read as of the revision that defines this dictionary.
        let last = pick.def_rev;
        let resolve_head = |o: &Object| -> Result<Object, crate::PdfError> {
            match o {
                Object::Ref(_) if !resolve => Ok(Object::Null),
                _ => self.resolve_head(last, o),
            }
        };
        let references = match d.get(b"Reference".as_slice()).map(resolve_head) {
            Some(Ok(Object::Array(a))) => a
                .iter()
                .filter_map(|x| match resolve_head(x).ok()? {
                    Object::Dict(rd) => Some(self.sig_reference(last, &rd, resolve)),
                    _ => None,
                })
                .take(16)
                .collect(),
            _ => Vec::new(),
        };
        let sub_filter = name_of(&d, b"SubFilter");
        Some(SignatureDict {
            obj: pick.obj,
            field_name: field
                .as_ref()
                .map(|f| f.name.clone())
                .filter(|n| !n.is_empty()),
            field: field.as_ref().and_then(|f| f.field),
            widgets: field
                .as_ref()
                .map(|f| f.widgets.clone())
                .unwrap_or_default(),
            in_acroform,
            first_revision,
            is_doc_timestamp: d.get(b"Type".as_slice()).and_then(Object::as_name)
                == Some(b"DocTimeStamp")
                || sub_filter.as_deref() == Some("ETSI.RFC3161"),
            filter: name_of(&d, b"Filter"),
            sub_filter,
            byte_range: d
                .get(b"ByteRange".as_slice())
                .and_then(Object::as_array)
                .map(<[Object]>::to_vec),
            contents: contents_str.map(|s| s.bytes.clone()),
            contents_span: contents_str.and_then(|s| s.span),
            cert,
            m: text(b"M"),
            name: text(b"Name"),
            reason: text(b"Reason"),
            location: text(b"Location"),
            contact_info: text(b"ContactInfo"),
            references,
            dict: d,
        })
    }

    fn sig_reference(&self, rev: usize, rd: &Dict, resolve: bool) -> SigReference {
        let params = match rd.get(b"TransformParams".as_slice()) {
            Some(Object::Dict(p)) => p.clone(),
            Some(Object::Ref(_)) if !resolve => Dict::new(),
            _ => self
                .dict_at(rev, rd, b"TransformParams")
                .unwrap_or_default(),
        };
        let fields = match params.get(b"Fields".as_slice()).map(|f| match f {
            Object::Ref(_) if !resolve => Ok(Object::Null),
            _ => self.resolve_head(rev, f),
        }) {
            Some(Ok(Object::Array(a))) => a
                .iter()
                .filter_map(|x| x.as_string().map(|s| decode_text(&s.bytes)))
                .collect(),
            _ => Vec::new(),
        };
        SigReference {
            transform_method: name_of(rd, b"TransformMethod"),
            p: params.get(b"P".as_slice()).and_then(Object::as_int),
            action: name_of(&params, b"Action"),
            fields,
            params,
        }
    }
}

/// The four integers of a well-formed byte range.
pub(crate) fn byte_range_values(br: &[Object]) -> Option<[u64; 4]> {
    let v: Vec<u64> = br
        .iter()
        .map(|o| o.as_int().and_then(|i| u64::try_from(i).ok()))
        .collect::<Option<_>>()?;
    v.try_into().ok()
}

fn signed_end(s: &SignatureDict) -> Option<u64> {
    let [_, _, c, d] = byte_range_values(s.byte_range.as_deref()?)?;
    c.checked_add(d)
}

fn gap_matches(d: &Dict) -> bool {
    let Some([a, b, c, _]) = d
        .get(b"ByteRange".as_slice())
        .and_then(Object::as_array)
        .and_then(byte_range_values)
    else {
        return false;
    };
    let Some(span) = d
        .get(b"Contents".as_slice())
        .and_then(Object::as_string)
        .and_then(|s| s.span)
    else {
        return false;
    };
    a.checked_add(b) == Some(span.start as u64) && c == span.end as u64
}
