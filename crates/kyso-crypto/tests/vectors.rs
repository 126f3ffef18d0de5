//! OpenSSL-generated vectors (scripts/gen-crypto-vectors.sh): every supported
//! signature scheme with several parameter sets, and the negative cases that a
//! verifier must refuse. Ed448 also against the RFC 8032 §7.4 vectors.

use der::{asn1::BitString, Decode};
use kyso_crypto::{
    oids, verify_signature, CryptoError, DigestAlg, Message, PssParameters, SignatureAlg,
};
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
        ["ed448"] => SignatureAlg::Ed448,
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
        (21, 20),
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
    // Ed448 with an Ed25519 key, and pure Ed448 over a digest.
    assert_eq!(
        verify_signature(
            &SignatureAlg::Ed448,
            &ed,
            Message::Raw(&msg),
            &data("ed25519.sig")
        ),
        Err(CryptoError::KeyAlgorithmMismatch)
    );
    let ed448 = SubjectPublicKeyInfoOwned::from_der(&data("ed448.spki.der")).unwrap();
    let d = DigestAlg::Shake256.digest(&msg);
    assert!(matches!(
        verify_signature(
            &SignatureAlg::Ed448,
            &ed448,
            Message::Digest(DigestAlg::Shake256, &d),
            &data("ed448.sig")
        ),
        Err(CryptoError::Unsupported(_))
    ));
    // RSA or ECDSA "with SHAKE256" through a bare key-type OID is not a defined combination.
    let rsa_enc = AlgorithmIdentifierOwned {
        oid: oids::RSA_ENCRYPTION,
        parameters: None,
    };
    assert!(matches!(
        SignatureAlg::from_algorithm_identifier(&rsa_enc, Some(DigestAlg::Shake256)),
        Err(CryptoError::Unsupported(_))
    ));
}

/// An Ed448 SubjectPublicKeyInfo (RFC 8410) around a raw 57-byte key.
fn ed448_spki(public_hex: &str) -> SubjectPublicKeyInfoOwned {
    SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned {
            oid: oids::ED448,
            parameters: None,
        },
        subject_public_key: BitString::from_bytes(&hex::decode(public_hex).unwrap()).unwrap(),
    }
}

/// RFC 8032 §7.4, "Test Vectors for Ed448" (pure Ed448, empty context).
#[test]
fn rfc8032_ed448_vectors() {
    let cases = [
        (
            "-----Blank",
            "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778\
             edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
            "",
            "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f\
             2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a\
             9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4db\
             b61149f05a7363268c71d95808ff2e652600",
        ),
        (
            "-----1 octet",
            "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c086\
             6aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
            "03",
            "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f435\
             2541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cb\
             cee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0f\
             f3348ab21aa4adafd1d234441cf807c03a00",
        ),
        (
            "-----11 octets",
            "dcea9e78f35a1bf3499a831b10b86c90aac01cd84b67a0109b55a36e9328b1e3\
             65fce161d71ce7131a543ea4cb5f7e9f1d8b00696447001400",
            "0c3e544074ec63b0265e0c",
            "1f0a8888ce25e8d458a21130879b840a9089d999aaba039eaf3e3afa090a09d3\
             89dba82c4ff2ae8ac5cdfb7c55e94d5d961a29fe0109941e00b8dbdeea6d3b05\
             1068df7254c0cdc129cbe62db2dc957dbb47b51fd3f213fb8698f064774250a5\
             028961c9bf8ffd973fe5d5c206492b140e00",
        ),
    ];
    for (name, public, msg, sig) in cases {
        let spki = ed448_spki(public);
        let (msg, sig) = (hex::decode(msg).unwrap(), hex::decode(sig).unwrap());
        let ok = verify_signature(&SignatureAlg::Ed448, &spki, Message::Raw(&msg), &sig);
        assert_eq!(ok.map(|v| v.alg), Ok(SignatureAlg::Ed448), "{name}");
        // One bit flipped in R, in S, and in the message: each must fail.
        for at in [0, 60] {
            let mut bad = sig.clone();
            bad[at] ^= 0x01;
            assert_eq!(
                verify_signature(&SignatureAlg::Ed448, &spki, Message::Raw(&msg), &bad),
                Err(CryptoError::BadSignature),
                "{name}: bit flipped in signature byte {at}"
            );
        }
        let mut other = msg.clone();
        other.push(0);
        assert_eq!(
            verify_signature(&SignatureAlg::Ed448, &spki, Message::Raw(&other), &sig),
            Err(CryptoError::BadSignature),
            "{name}: other message"
        );
    }
    // "1 octet (with context)": made with context "foo", so it must not verify as
    // pure Ed448 with the empty context that RFC 8410 / RFC 8419 prescribe.
    let spki = ed448_spki(
        "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c086\
         6aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
    );
    let with_ctx = hex::decode(
        "d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2\
         151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea000c85741de5c8da\
         1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d\
         5428407e85dcbc98a49155c13764e66c3c00",
    )
    .unwrap();
    assert_eq!(
        verify_signature(
            &SignatureAlg::Ed448,
            &spki,
            Message::Raw(&[0x03]),
            &with_ctx
        ),
        Err(CryptoError::BadSignature)
    );
    // ...while it is the RFC's valid signature under that context.
    let pk: [u8; 57] = spki.subject_public_key.raw_bytes().try_into().unwrap();
    let vk = ed448_goldilocks_plus::VerifyingKey::from_bytes(&pk).unwrap();
    let sig =
        ed448_goldilocks_plus::Signature::from_bytes(&with_ctx[..].try_into().unwrap()).unwrap();
    assert!(vk.verify_ctx(&sig, b"foo", &[0x03]).is_ok());
    // A key that is not 57 bytes, and a 57-byte string that is no curve point.
    let short = ed448_spki("00");
    assert!(matches!(
        verify_signature(&SignatureAlg::Ed448, &short, Message::Raw(&[]), &with_ctx),
        Err(CryptoError::Malformed(_))
    ));
    let mut not_canonical = "ff".repeat(56);
    not_canonical.push_str("00");
    assert!(matches!(
        verify_signature(
            &SignatureAlg::Ed448,
            &ed448_spki(&not_canonical),
            Message::Raw(&[]),
            &with_ctx
        ),
        Err(CryptoError::Malformed(_))
    ));
}
