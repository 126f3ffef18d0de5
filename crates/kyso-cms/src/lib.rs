//! CMS (RFC 5652) SignedData and RFC 3161 timestamp token verification for Kyso, over the bytes as received.
#![forbid(unsafe_code)]
