//! Fuzz edXML package reading: envelope repair (leading bytes, undeclared
//! prefixes), header, manifest, base64 attachments, the bounded ZIP reader
//! and the envelope signature's discovery.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_edxml::fuzzing::edxml_one(data);
});
