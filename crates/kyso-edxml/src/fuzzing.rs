//! Entry point for the `edxml` fuzz target. Must never panic.

use kyso_report::{FileInfo, Format, Report};
use kyso_validation::{Nested, ValidationOptions};

/// Verify arbitrary bytes as an edXML package under tight XML limits; each
/// attached file goes to a callback that only records its size.
pub fn edxml_one(data: &[u8]) {
    let limits = kyso_xml::Limits {
        max_bytes: 1 << 20,
        max_nodes: 20_000,
        max_depth: 64,
        max_attributes: 64,
    };
    let opts = ValidationOptions {
        extra_trust: &[],
        test_anchors: &[],
        now: Some(1_767_225_600),
        validation_time: Default::default(),
    };
    let verify = |name: &str, bytes: &[u8]| {
        Report::new(
            FileInfo {
                name: Some(name.to_owned()),
                size: bytes.len() as u64,
                sha256: String::new(),
            },
            Format::Unknown,
        )
    };
    let nested = Nested {
        verify: &verify,
        max_files: 4,
    };
    let mut report = Report::new(
        FileInfo {
            name: None,
            size: data.len() as u64,
            sha256: String::new(),
        },
        Format::Edxml,
    );
    crate::verify_with_limits(data, &opts, Some(&nested), &limits, &mut report);
}
