//! The change analysis costs what the updates hold, once (issue 14: 10^5
//! unused objects appended in one update took 13 s, the aggregation of their
//! changes was quadratic; 100 updates of 1,000 such objects ran out of the
//! work budget, each update reading the whole file again to look for
//! dangling references), and its report stays small whatever an update
//! holds. These tests count what is read and what is reported, never time.

use kyso_pdf::byte_range::ByteRangeCheck;
use kyso_pdf::{Document, Limits};
use kyso_report::{Change, Coverage};

/// A one-page document with a signed signature field (its byte-range check
/// is made by hand: these files carry no real signature), then updates.
struct Pdf {
    buf: Vec<u8>,
    prev: usize,
    size: u32,
}

impl Pdf {
    fn signed() -> Pdf {
        let mut p = Pdf {
            buf: b"%PDF-1.7\n".to_vec(),
            prev: 0,
            size: 1,
        };
        p.revision(
            &[
                (1, "<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>".into()),
                (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into()),
                (3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>".into()),
                (4, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (S) /Rect [0 0 0 0] /P 3 0 R /V 6 0 R >>".into()),
                (5, "<< /Fields [4 0 R] /SigFlags 3 >>".into()),
                (6, format!("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 1 2 3] /Contents <{}> >>", "11".repeat(64))),
            ],
            true,
        );
        p
    }

    fn revision(&mut self, objs: &[(u32, String)], first: bool) {
        let mut offsets = Vec::new();
        for (n, body) in objs {
            offsets.push((*n, self.buf.len()));
            self.buf
                .extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
            self.size = self.size.max(n + 1);
        }
        let xref = self.buf.len();
        self.buf.extend_from_slice(b"xref\n");
        if first {
            self.buf.extend_from_slice(b"0 1\n0000000000 65535 f \n");
        }
        // One subsection per run of consecutive numbers.
        let mut i = 0;
        while i < offsets.len() {
            let mut j = i;
            while j + 1 < offsets.len() && offsets[j + 1].0 == offsets[j].0 + 1 {
                j += 1;
            }
            self.buf
                .extend_from_slice(format!("{} {}\n", offsets[i].0, j - i + 1).as_bytes());
            for (_, off) in &offsets[i..=j] {
                self.buf
                    .extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
            }
            i = j + 1;
        }
        let prev = if first {
            String::new()
        } else {
            format!(" /Prev {}", self.prev)
        };
        self.buf.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R{prev} >>\nstartxref\n{xref}\n%%EOF\n",
                self.size
            )
            .as_bytes(),
        );
        self.prev = xref;
    }

    /// An update adding `n` objects that nothing refers to.
    fn unused(&mut self, n: u32) {
        let objs: Vec<(u32, String)> = (self.size..self.size + n)
            .map(|k| (k, format!("<< /K {k} >>")))
            .collect();
        self.revision(&objs, false);
    }
}

fn check(rev: usize) -> ByteRangeCheck {
    ByteRangeCheck {
        ok: true,
        range: None,
        coverage: Coverage::EntireRevision,
        signed_end: None,
        revision: Some(rev),
        findings: Vec::new(),
    }
}

/// The analysis, and how many objects the whole verification read.
fn analyse(bytes: &[u8], limits: &Limits) -> (kyso_pdf_diff::Analysis, usize, Vec<String>) {
    let doc = Document::parse(bytes, limits).expect("parses");
    let sigs = doc.signatures();
    assert_eq!(sigs.len(), 1);
    let checks = vec![check(0)];
    let a = kyso_pdf_diff::analyze(&doc, &sigs, &checks);
    let limits = doc.limits_exceeded().into_iter().map(|f| f.code).collect();
    (a, doc.object_reads(), limits)
}

fn changes_of(a: &kyso_pdf_diff::Analysis, revision: u32) -> Vec<&Change> {
    a.changes
        .iter()
        .filter(|c| c.revision == revision)
        .collect()
}

#[test]
fn unused_objects_in_one_update_are_read_a_few_times_each_and_reported_once() {
    let n = 20_000;
    let mut p = Pdf::signed();
    p.unused(n);
    let (a, reads, limits) = analyse(&p.buf, &Limits::default());
    let s = &a.per_signature[0];
    assert!(!s.disallowed, "{:?}", s.findings);
    assert!(limits.is_empty());
    assert!(!a
        .document_findings
        .iter()
        .any(|f| f.code == kyso_pdf_diff::codes::BUDGET_EXHAUSTED));
    // Linear: each new object is read by the signature search, twice by the
    // delta (both versions), once more for references; not once per other object.
    let objects = n as usize + 6;
    assert!(reads <= 6 * objects, "{reads} reads for {objects} objects");
    // One change for all of them, naming the first few and counting the rest.
    let ch = changes_of(&a, 2);
    assert_eq!(ch.len(), 1, "{ch:?}");
    assert!(ch[0].allowed);
    let listed = ch[0].object.as_deref().unwrap_or("");
    assert!(
        listed.ends_with(&format!("(+{})", n as usize - 8)),
        "{listed}"
    );
}

#[test]
fn unused_objects_over_many_updates_are_not_read_again_by_each() {
    // 100 updates of 200 unused objects: looking for dangling references by
    // reading every object of the revision before each update read 2 million
    // objects (quadratic) and ran out of the work budget.
    let (updates, per) = (100, 200u32);
    let mut p = Pdf::signed();
    for _ in 0..updates {
        p.unused(per);
    }
    let (a, reads, _) = analyse(&p.buf, &Limits::default());
    let s = &a.per_signature[0];
    assert!(!s.disallowed, "{:?}", s.findings);
    let objects = updates * per as usize + 6;
    assert!(reads <= 8 * objects, "{reads} reads for {objects} objects");
    for r in 2..=(updates as u32 + 1) {
        assert_eq!(changes_of(&a, r).len(), 1);
    }
}

#[test]
fn a_dangling_reference_filled_later_is_still_found() {
    // After signing, an update makes the catalog refer to object 50, which
    // does not exist; two updates later object 50 is defined. The reference
    // counts carried from update to update must still see the catalog's.
    let mut p = Pdf::signed();
    // Updates that fill nothing, then one that defines object 50, which the
    // update before it made the catalog refer to.
    p.unused(10);
    p.revision(
        &[(
            1,
            "<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /Extra 50 0 R >>".into(),
        )],
        false,
    );
    p.unused(10);
    p.revision(&[(50, "<< /Filled true >>".into())], false);
    let (a, _, _) = analyse(&p.buf, &Limits::default());
    assert!(
        a.per_signature[0]
            .findings
            .iter()
            .any(|f| f.code == "pdf.attack.shadow_hide_and_replace"
                && f.message_en.contains("referred to object 50 0 R")),
        "{:?}",
        a.per_signature[0].findings
    );
}

#[test]
fn a_form_too_large_to_read_leaves_its_update_unexamined_not_guessed() {
    // 3,000 new signature fields after signing, with a field budget of 1,000:
    // the fields beyond it cannot be told from "sneaky" widgets that belong
    // to no field (which made 50,000 attack findings at 10^5 fields).
    let limits = Limits {
        max_form_fields: 1_000,
        ..Limits::default()
    };
    let n = 3_000u32;
    let mut p = Pdf::signed();
    let first = p.size;
    let refs: Vec<String> = (first..first + n).map(|k| format!("{k} 0 R")).collect();
    let refs = refs.join(" ");
    let mut objs = vec![
        (
            3,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R {refs}] >>"
            ),
        ),
        (5, format!("<< /Fields [4 0 R {refs}] /SigFlags 3 >>")),
    ];
    for k in first..first + n {
        objs.push((
            k,
            format!(
                "<< /FT /Sig /T (F{k}) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"
            ),
        ));
    }
    p.revision(&objs, false);
    let (a, _, limits) = analyse(&p.buf, &limits);
    assert!(limits.contains(&kyso_pdf::codes::LIMIT_FORM_FIELDS.to_string()));
    let s = &a.per_signature[0];
    // Not a pass and not a proven forbidden change: the update was not
    // examined (the signature is INDETERMINATE).
    assert!(s.not_examined);
    assert!(!s.disallowed);
    assert!(
        !s.findings.iter().any(|f| f.code.starts_with("pdf.attack.")),
        "{:?}",
        s.findings
    );
    assert!(s.findings.len() <= 10, "{:?}", s.findings);
    assert!(changes_of(&a, 2).len() <= 2, "{:?}", changes_of(&a, 2));
}

#[test]
fn many_distinct_changes_in_one_update_are_folded() {
    // 500 new signature fields (under every budget), each its own change
    // ("signature field Fk added"): listed up to the per-update bound, the
    // rest folded into one change that counts them.
    let n = 500u32;
    let mut p = Pdf::signed();
    let first = p.size;
    let refs: Vec<String> = (first..first + n).map(|k| format!("{k} 0 R")).collect();
    let refs = refs.join(" ");
    let mut objs = vec![
        (
            3,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R {refs}] >>"
            ),
        ),
        (5, format!("<< /Fields [4 0 R {refs}] /SigFlags 3 >>")),
    ];
    for k in first..first + n {
        objs.push((
            k,
            format!(
                "<< /FT /Sig /T (F{k}) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"
            ),
        ));
    }
    p.revision(&objs, false);
    let (a, _, _) = analyse(&p.buf, &Limits::default());
    let ch = changes_of(&a, 2);
    assert!(ch.len() <= 40, "{} changes listed", ch.len());
    assert!(
        ch.iter().any(|c| c.message_en.starts_with("And ")),
        "{ch:?}"
    );
    let s = &a.per_signature[0];
    assert!(s.findings.len() <= 30, "{:?}", s.findings);
}
