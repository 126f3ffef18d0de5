//! Fuzz CMS SignedData parsing and SignerInfo / timestamp verification.
//! The first input byte picks how the content is supplied; the rest is the CMS.
#![no_main]

use kyso_cms::tsp::{parse_token, verify_token};
use kyso_cms::{parse_signed_data, verify_signer, Content, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, der)) = data.split_first() else {
        return;
    };
    let limits = Limits::default();
    let policy = Default::default();
    let detached = b"Kyso fuzz content";
    let hash = |d: kyso_crypto::DigestAlg| d.digest(detached);
    if let Ok(sd) = parse_signed_data(der, &limits) {
        for i in 0..sd.signer_count() {
            let content = match mode % 3 {
                0 => Content::Encapsulated,
                1 => Content::Bytes(detached),
                _ => Content::Detached(&hash),
            };
            let r = verify_signer(&sd, i, content, &policy);
            for t in &r.timestamp_tokens {
                if let Ok(tok) = parse_token(t, &limits) {
                    let _ = verify_token(&tok, &r.signature_value, &policy);
                }
            }
        }
    }
    if let Ok(tok) = parse_token(der, &limits) {
        let _ = verify_token(&tok, detached, &policy);
    }
});
