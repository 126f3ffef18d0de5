//! Entry points for the `vn_doc` fuzz target and the smoke test: arbitrary
//! bytes as plain text and as positioned fragments, through layout, field
//! reading and the cross-checks. Must never panic.

use crate::layout::{plain_lines, reading_order, Fragment};
use crate::{cross_check, read};

/// Runs `data` through every reader of this crate.
pub fn exercise(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let info = read(&plain_lines(&text), "text");
    let _ = cross_check(&info, &[]);
    let _ = crate::stamp::parse(&text.lines().map(str::to_string).collect::<Vec<_>>());

    // The same text as fragments: each line a fragment whose position comes
    // from the bytes before it, so the fuzzer steers rows, columns and pages.
    let mut frags = Vec::new();
    for (i, line) in text.lines().enumerate().take(10_000) {
        let b = line.as_bytes();
        let g = |k: usize| f64::from(*b.get(k).unwrap_or(&0));
        let x0 = g(0) * 2.0;
        let baseline = 842.0 - (i as f64) * 14.0 + g(1) / 16.0;
        let size = 6.0 + g(2) / 16.0;
        frags.push(Fragment {
            page: 1 + (i / 50) as u32,
            x0,
            y0: baseline - size * 0.2,
            x1: x0 + line.chars().count() as f64 * size * 0.5,
            y1: baseline + size * 0.8,
            baseline,
            size,
            bold: g(3) > 127.0,
            italic: g(4) > 200.0,
            text: line.to_string(),
        });
    }
    let lines = reading_order(&frags, |_| (0.0, 595.0));
    let info = read(&lines, "pdf_text");
    let _ = cross_check(&info, &[]);
}
