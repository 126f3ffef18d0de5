//! Randomized documents of `fixtures/xml/c14n-vectors` (drawn from a fixed seed
//! by `scripts/gen-xml-fixtures.sh`) with libxml2's canonical forms (through
//! lxml): whole documents under C14N 1.0 and exclusive C14N, with and without
//! comments, and the subtree of the element marked `sel="1"`.

use kyso_xml::{canonicalize, parse, C14nAlgorithm, C14nMethod, Limits, NodeSet};
use std::path::PathBuf;

#[test]
fn agree_with_libxml2() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xml/c14n-vectors");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 40);
    let mut checked = 0;
    for input in inputs {
        let text = std::fs::read_to_string(&input).unwrap();
        let doc =
            parse(&text, &Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let cases = [
            ("c14n", C14nAlgorithm::Inclusive10, false, false),
            ("c14n-comments", C14nAlgorithm::Inclusive10, true, false),
            ("exc", C14nAlgorithm::Exclusive, false, false),
            ("exc-comments", C14nAlgorithm::Exclusive, true, false),
            ("sub-c14n", C14nAlgorithm::Inclusive10, false, true),
            ("sub-exc", C14nAlgorithm::Exclusive, false, true),
        ];
        for (ext, alg, comments, sub) in cases {
            let Ok(want) = std::fs::read(input.with_extension(ext)) else {
                continue;
            };
            let m = C14nMethod::new(alg, comments);
            let set = if sub {
                let el = doc
                    .tree()
                    .descendants()
                    .find(|n| n.attribute("sel") == Some("1"))
                    .unwrap();
                NodeSet::subtree(&doc, el, comments)
            } else {
                NodeSet::whole_document(&doc, comments)
            };
            let got = canonicalize(&doc, &set, m, &[]).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want),
                "{} {ext}",
                input.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 180, "{checked}");
}
