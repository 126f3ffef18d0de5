#![no_main]
//! kyso-pdf-content's blank-paper detection on arbitrary image streams
//! (`kyso_pdf_content::image::fuzz_one`, also run by the crate's
//! `tests/image.rs` smoke test): the first 8 bytes pick the dictionary
//! (filter — none, DCT, CCITT with /K and flags, Flate —, colour space,
//! size, bits, /Decode) and the region; the rest is the stream data.
//! Seed with `fixtures/images/*` behind 8 arbitrary bytes.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso_pdf_content::image::fuzz_one(data);
});
