//! RSA PKCS#1 v1.5 (RFC 8017 §8.2.2, §9.2): the digest a signature value
//! carries, recovered with the public key, to tell "signed by this key over
//! other data" from "not signed by this key".

use kyso_crypto::DigestAlg;
use spki::SubjectPublicKeyInfoOwned;

/// The digest inside a well-formed EMSA-PKCS1-v1_5 block for `alg` (DigestInfo
/// with or without NULL parameters), or `None` when the block is not one (the
/// key did not make this signature, or not with `alg`). The public-key
/// operation and its bounds are kyso-crypto's.
pub(crate) fn signed_digest(
    spki: &SubjectPublicKeyInfoOwned,
    alg: DigestAlg,
    sig: &[u8],
) -> Option<Vec<u8>> {
    let em = kyso_crypto::rsa_public_block(spki, sig).ok()?;
    // 0x00 0x01 PS(0xff, at least 8) 0x00 T
    if em.len() < 11 || em[0] != 0 || em[1] != 1 {
        return None;
    }
    let sep = em[2..].iter().position(|&b| b != 0xff)? + 2;
    if sep < 10 || em[sep] != 0 {
        return None;
    }
    let t = &em[sep + 1..];
    let dlen = alg.digest(&[]).len();
    if t.len() < dlen {
        return None;
    }
    let (prefix, digest) = t.split_at(t.len() - dlen);
    let expected = |null: bool| {
        let mut v = Vec::new();
        let oid = alg.oid();
        let oid_der = der::Encode::to_der(&oid).ok()?;
        let alg_len = oid_der.len() + if null { 2 } else { 0 };
        v.push(0x30);
        v.push(u8::try_from(alg_len + 2 + 2 + dlen).ok()?);
        v.push(0x30);
        v.push(u8::try_from(alg_len).ok()?);
        v.extend_from_slice(&oid_der);
        if null {
            v.extend_from_slice(&[0x05, 0x00]);
        }
        v.push(0x04);
        v.push(u8::try_from(dlen).ok()?);
        Some(v)
    };
    [true, false]
        .into_iter()
        .filter_map(expected)
        .any(|p| p == prefix)
        .then(|| digest.to_vec())
}
