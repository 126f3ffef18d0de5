//! Inputs the fuzzers reported, kept so that they stay cheap and panic-free.

/// `page_text`, 2026-12-01: reported as a timeout (> 10 s) while the fuzzer
/// ran at nice 19 beside a full CI build and got ~10 % of a core. Re-run
/// alone, the same ASan fuzz binary takes 0.25 s and a release build 13 ms:
/// a wall-clock alarm under load, not a slow path. Kept as a regression input.
#[test]
fn page_text_reported_timeout_is_fast() {
    let d = include_bytes!("data/fuzz-page-text-timeout-1.bin");
    kyso_pdf_content::fuzzing::exercise_text(d);
}
