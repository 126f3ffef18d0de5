//! Entry point for the `xml_dsig` fuzz target. Must never panic.

use crate::{verify_xml, Options};

/// Verify arbitrary bytes as a signed XML document under tight limits.
pub fn dsig_one(data: &[u8]) {
    let opts = Options {
        limits: kyso_xml::Limits {
            max_bytes: 1 << 20,
            max_nodes: 20_000,
            max_depth: 64,
            max_attributes: 64,
        },
        ..Options::default()
    };
    let _ = verify_xml(data, &opts);
}
