//! OpenSSL-generated vectors (scripts/gen-crypto-vectors.sh): every supported
//! signature scheme with several parameter sets, and the negative cases that a
//! verifier must refuse.

use der::Decode;
use kyso_crypto::{verify_signature, CryptoError, DigestAlg, Message, PssParameters, SignatureAlg};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use std::path::PathBuf;

fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn digest(name: &str) -> DigestAlg {
    match name {
        "sha1" => DigestAlg::Sha1,
        "sha224" => DigestAlg::Sha224,
        "sha256" => DigestAlg::Sha256,
        "sha384" => DigestAlg::Sha384,
        "sha512" => DigestAlg::Sha512,
        "sha3-256" => DigestAlg::Sha3_256,
        "sha3-512" => DigestAlg::Sha3_512,
        other => panic!("digest {other}"),
    }
}

fn alg(spec: &str) -> SignatureAlg {
    let parts: Vec<&str> = spec.split(':').collect();
    match parts.as_slice() {
        ["pkcs1", h] => SignatureAlg::RsaPkcs1v15(digest(h)),
        ["ecdsa", h] => SignatureAlg::Ecdsa(digest(h)),
        ["ed25519"] => SignatureAlg::Ed25519,
        ["pss", h, m, s] => SignatureAlg::RsaPss(PssParameters {
            hash: digest(h),
            mgf_hash: digest(m),
            salt_len: s.parse().unwrap(),
        }),
        _ => panic!("algorithm {spec}"),
    }
}

#[test]
fn openssl_vectors() {
    let tsv = String::from_utf8(data("vectors.tsv")).unwrap();
    let (mut valid, mut invalid) = (0, 0);
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [name, spec, key, msg, sig, expected] = f[..] else {
            panic!("bad row {line}")
        };
        let a = alg(spec);
        let spki = SubjectPublicKeyInfoOwned::from_der(&data(key)).unwrap();
        let (msg, sig) = (data(msg), data(sig));
        let raw = verify_signature(&a, &spki, Message::Raw(&msg), &sig);
        // The same check through a caller-computed digest (detached PDF content).
        let pre = a
            .digest()
            .map(|d| verify_signature(&a, &spki, Message::Digest(d, &d.digest(&msg)), &sig));
        match expected {
            "valid" => {
                assert!(raw.is_ok(), "{name}: {raw:?}");
                assert_eq!(raw.unwrap().alg, a);
                if let Some(p) = pre {
                    assert!(p.is_ok(), "{name} (digest): {p:?}");
                }
                valid += 1;
            }
            "invalid" => {
                assert_eq!(raw, Err(CryptoError::BadSignature), "{name}");
                if let Some(p) = pre {
                    assert_eq!(p, Err(CryptoError::BadSignature), "{name} (digest)");
                }
                invalid += 1;
            }
            other => panic!("{name}: expected {other}"),
        }
    }
    assert_eq!(
        (valid, invalid),
        (20, 17),
        "every row of vectors.tsv is checked"
    );
}

#[test]
fn pss_algorithm_identifiers_written_by_openssl() {
    let spki = SubjectPublicKeyInfoOwned::from_der(&data("rsa.spki.der")).unwrap();
    let cases = [
        (
            "pss-sha256",
            PssParameters {
                hash: DigestAlg::Sha256,
                mgf_hash: DigestAlg::Sha256,
                salt_len: 32,
            },
        ),
        (
            "pss-sha384",
            PssParameters {
                hash: DigestAlg::Sha384,
                mgf_hash: DigestAlg::Sha384,
                salt_len: 48,
            },
        ),
        // `30 00`: every field at its RFC 4055 §3.1 default (SHA-1, MGF1-SHA-1, salt 20).
        (
            "pss-sha1",
            PssParameters {
                hash: DigestAlg::Sha1,
                mgf_hash: DigestAlg::Sha1,
                salt_len: 20,
            },
        ),
    ];
    for (name, expected) in cases {
        let id = AlgorithmIdentifierOwned::from_der(&data(&format!("{name}.algid.der"))).unwrap();
        let a = SignatureAlg::from_algorithm_identifier(&id, None).unwrap();
        assert_eq!(a, SignatureAlg::RsaPss(expected), "{name}");
        let tbs = data(&format!("{name}.tbs.der"));
        let sig = data(&format!("{name}.certsig.bin"));
        assert!(
            verify_signature(&a, &spki, Message::Raw(&tbs), &sig).is_ok(),
            "{name}"
        );
        let mut bad = tbs.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert_eq!(
            verify_signature(&a, &spki, Message::Raw(&bad), &sig),
            Err(CryptoError::BadSignature)
        );
    }
}

#[test]
fn mismatches_are_not_reported_as_bad_signatures() {
    let msg = data("msg.bin");
    let rsa = SubjectPublicKeyInfoOwned::from_der(&data("rsa.spki.der")).unwrap();
    let ec = SubjectPublicKeyInfoOwned::from_der(&data("p256.spki.der")).unwrap();
    let ed = SubjectPublicKeyInfoOwned::from_der(&data("ed25519.spki.der")).unwrap();
    let sig = data("rsa-pkcs1-sha256.sig");
    // Wrong key type for the algorithm.
    assert_eq!(
        verify_signature(
            &SignatureAlg::Ecdsa(DigestAlg::Sha256),
            &rsa,
            Message::Raw(&msg),
            &sig
        ),
        Err(CryptoError::KeyAlgorithmMismatch)
    );
    assert_eq!(
        verify_signature(
            &SignatureAlg::RsaPkcs1v15(DigestAlg::Sha256),
            &ec,
            Message::Raw(&msg),
            &sig
        ),
        Err(CryptoError::KeyAlgorithmMismatch)
    );
    // A digest of the wrong algorithm given: cannot decide, not "invalid".
    let d384 = DigestAlg::Sha384.digest(&msg);
    assert!(matches!(
        verify_signature(
            &SignatureAlg::RsaPkcs1v15(DigestAlg::Sha256),
            &rsa,
            Message::Digest(DigestAlg::Sha384, &d384),
            &sig
        ),
        Err(CryptoError::Malformed(_))
    ));
    // Pure Ed25519 cannot be checked over a digest.
    let d = DigestAlg::Sha512.digest(&msg);
    assert!(matches!(
        verify_signature(
            &SignatureAlg::Ed25519,
            &ed,
            Message::Digest(DigestAlg::Sha512, &d),
            &data("ed25519.sig")
        ),
        Err(CryptoError::Unsupported(_))
    ));
    assert!(matches!(
        verify_signature(
            &SignatureAlg::Ed448,
            &ed,
            Message::Raw(&msg),
            &data("ed25519.sig")
        ),
        Err(CryptoError::Unsupported(_))
    ));
}
