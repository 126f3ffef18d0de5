//! Entry point for the `package` fuzz target. Must never panic.

use kyso_report::{FileInfo, Format, Report};
use kyso_validation::ValidationOptions;

/// Verify arbitrary bytes as an OOXML package, then as an ODF package.
pub fn package_one(data: &[u8]) {
    let opts = ValidationOptions {
        extra_trust: &[],
        test_anchors: &[],
        now: Some(1_767_225_600),
        validation_time: Default::default(),
    };
    let info = || FileInfo {
        name: None,
        size: data.len() as u64,
        sha256: String::new(),
    };
    let mut report = Report::new(info(), Format::Ooxml);
    crate::verify_ooxml(data, &opts, &mut report);
    let mut report = Report::new(info(), Format::Odf);
    crate::verify_odf(data, &opts, &mut report);
}
