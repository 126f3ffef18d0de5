//! `src/codes.rs` is the list of codes this crate emits: every constant is
//! used by the crate, under its family's prefix.

use std::path::Path;

fn src(file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(file))
        .expect(file)
}

#[test]
fn every_code_is_emitted() {
    let all: String = ["error.rs", "signed_data.rs", "signer.rs", "tsp.rs"]
        .iter()
        .map(|f| src(f))
        .collect();
    let mut n = 0;
    for r in src("codes.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("pub const "))
    {
        let (name, rest) = r
            .split_once(": &str = \"")
            .expect("pub const X: &str = \"…\";");
        let value = rest.split_once('"').expect("closing quote").0;
        let prefix = if name.starts_with("TSP_") {
            "tsp."
        } else {
            "cms."
        };
        assert!(
            value.starts_with(prefix),
            "{name} = {value}: not under {prefix}"
        );
        assert!(
            all.contains(&format!("codes::{name}")),
            "{name} ({value}) is never emitted"
        );
        n += 1;
    }
    assert!(n > 40);
}
