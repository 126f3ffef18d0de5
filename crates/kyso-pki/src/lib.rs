//! Certificate path building and validation (RFC 5280 §6) for long-lived document signatures, trust store with the Vietnamese anchors, embedded revocation evidence.
#![forbid(unsafe_code)]
