//! One function for the cargo-fuzz target (`fuzz/fuzz_targets/pdf_diff.rs`)
//! and the in-crate smoke test: parse, locate signatures, check byte ranges,
//! analyse changes. Must never panic or hang.

use crate::{analyze_with_budget, Budget};
use kyso_pdf::byte_range::{check_all, ByteRangeCheck};
use kyso_pdf::Document;

/// Object loads per fuzz iteration: enough for every rule on the seed files,
/// small enough to keep iterations fast.
const FUZZ_LOADS: usize = 50_000;

/// Run the whole change analysis on arbitrary bytes.
pub fn exercise(bytes: &[u8]) {
    let Ok(doc) = Document::parse(bytes, &kyso_pdf::fuzzing::fuzz_limits()) else {
        return;
    };
    let sigs = doc.signatures();
    let checks = check_all(&doc, &sigs);
    let a = analyze_with_budget(&doc, &sigs, &checks, Budget::new(FUZZ_LOADS));
    assert_eq!(a.per_signature.len(), sigs.len());
    // Also as if every signature covered each revision in turn: reaches the
    // step rules on inputs whose byte ranges are broken.
    let n = doc.revisions().len().min(4);
    for rev in 0..n {
        let forced: Vec<ByteRangeCheck> = checks
            .iter()
            .cloned()
            .map(|c| ByteRangeCheck {
                revision: Some(rev),
                ..c
            })
            .collect();
        let _ = analyze_with_budget(&doc, &sigs, &forced, Budget::new(FUZZ_LOADS));
    }
}
