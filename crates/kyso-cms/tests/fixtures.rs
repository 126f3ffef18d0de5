//! Generated fixtures (scripts/gen-cms-fixtures.sh): each case asserts the
//! facts a correct verifier must establish.

use kyso_cms::codes;
use kyso_cms::tsp::{parse_token, verify_token};
use kyso_cms::{parse_signed_data, verify_signer, Content, Limits, SignedDataView, SignerResult};
use kyso_crypto::policy::AlgorithmPolicy;
use kyso_crypto::DigestAlg;
use std::path::PathBuf;

fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn parse(name: &str) -> SignedDataView {
    parse_signed_data(&data(name), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn verify_detached(name: &str, content: &[u8]) -> (SignedDataView, SignerResult) {
    let sd = parse(name);
    let hash = |d: DigestAlg| d.digest(content);
    let r = verify_signer(
        &sd,
        0,
        Content::Detached(&hash),
        &AlgorithmPolicy::default(),
    );
    (sd, r)
}

fn has(r: &SignerResult, code: &str) -> bool {
    r.findings.iter().any(|f| f.code == code)
}

fn assert_good(name: &str, r: &SignerResult) {
    assert_eq!(r.digest_matches, Some(true), "{name}: {:#?}", r.findings);
    assert_eq!(r.crypto_valid, Some(true), "{name}: {:#?}", r.findings);
    assert!(r.signer_cert.is_some(), "{name}");
    assert!(
        !r.format_failure && !r.unsupported_algorithm,
        "{name}: {:#?}",
        r.findings
    );
    for f in &r.findings {
        assert!(!f.message_vi.is_empty() && !f.message_en.is_empty() && f.code.starts_with("cms."));
    }
}

#[test]
fn detached_signatures_with_each_algorithm_verify() {
    let content = data("content.txt");
    let cases = [
        (
            "rsa-sha256-detached.p7s",
            DigestAlg::Sha256,
            "RSA PKCS#1 v1.5 with SHA-256",
            "RSA-2048",
        ),
        (
            "rsa-sha384-detached.p7s",
            DigestAlg::Sha384,
            "RSA PKCS#1 v1.5 with SHA-384",
            "RSA-2048",
        ),
        (
            "rsa-sha512-detached.p7s",
            DigestAlg::Sha512,
            "RSA PKCS#1 v1.5 with SHA-512",
            "RSA-2048",
        ),
        (
            "rsa-sha3-256-detached.p7s",
            DigestAlg::Sha3_256,
            "RSA PKCS#1 v1.5 with SHA3-256",
            "RSA-2048",
        ),
        (
            "rsa-keyid-detached.p7s",
            DigestAlg::Sha256,
            "RSA PKCS#1 v1.5 with SHA-256",
            "RSA-2048",
        ),
        (
            "rsa-pss-sha256-detached.p7s",
            DigestAlg::Sha256,
            "RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt 32 bytes)",
            "RSA-2048",
        ),
        (
            "rsa-pss-sha384-detached.p7s",
            DigestAlg::Sha384,
            "RSASSA-PSS with SHA-384 (MGF1 SHA-384, salt 48 bytes)",
            "RSA-2048",
        ),
        (
            "ec-p256-sha256-detached.p7s",
            DigestAlg::Sha256,
            "ECDSA with SHA-256",
            "ECDSA P-256",
        ),
        (
            "ec-p384-sha384-detached.p7s",
            DigestAlg::Sha384,
            "ECDSA with SHA-384",
            "ECDSA P-384",
        ),
        (
            "ec-p521-sha512-detached.p7s",
            DigestAlg::Sha512,
            "ECDSA with SHA-512",
            "ECDSA P-521",
        ),
    ];
    for (name, d, alg, key) in cases {
        let (sd, r) = verify_detached(name, &content);
        assert_good(name, &r);
        assert_eq!(r.digest_alg, Some(d), "{name}");
        assert_eq!(r.signature_alg.as_deref(), Some(alg), "{name}");
        assert_eq!(r.public_key.as_deref(), Some(key), "{name}");
        assert_eq!(r.content_type_ok, Some(true), "{name}");
        assert!(r.signing_time.is_some(), "{name}");
        assert!(!r.weak_algorithm, "{name}");
        assert!(sd.encapsulated_content().is_none());
        assert_eq!(sd.content_type(), kyso_cms::oids::ID_DATA);
        // The same signature over changed content: the digest no longer matches.
        let (_, bad) = verify_detached(name, &data("content-tampered.txt"));
        assert_eq!(bad.digest_matches, Some(false), "{name}");
        assert!(has(&bad, codes::MESSAGE_DIGEST_MISMATCH));
    }
}

#[test]
fn signer_found_by_subject_key_identifier() {
    let sd = parse("rsa-keyid-detached.p7s");
    assert!(matches!(
        sd.signer_infos()[0].sid,
        kyso_cms::SignerIdentifier::SubjectKeyId(_)
    ));
    let (_, r) = verify_detached("rsa-keyid-detached.p7s", &data("content.txt"));
    assert_eq!(r.signer_cert, Some(0));
}

#[test]
fn sha1_is_verified_but_weak_without_proof_of_existence() {
    let (_, mut r) = verify_detached("rsa-sha1-detached.p7s", &data("content.txt"));
    assert_good("sha1", &r);
    assert!(r.weak_algorithm && r.weak_algorithm_no_poe);
    assert!(has(&r, codes::ALGORITHM_WEAK));
    // A proof of existence before the 2013 sunset lifts the rejection.
    r.reassess_with_poe(
        &AlgorithmPolicy::default(),
        Some(kyso_report::Time(1_300_000_000)),
    );
    assert!(!r.weak_algorithm && !has(&r, codes::ALGORITHM_WEAK));
    assert!(has(&r, codes::ALGORITHM_WEAK_ACCEPTED));
}

#[test]
fn enveloping_signatures_verify_over_econtent() {
    for name in [
        "rsa-sha256-attached.p7m",
        "rsa-noattr-attached.p7m",
        "ed25519-attached.p7m",
        "ed25519-noattr-attached.p7m",
    ] {
        let sd = parse(name);
        assert_eq!(
            sd.encapsulated_content(),
            Some(data("content.txt").as_slice()),
            "{name}"
        );
        let r = verify_signer(&sd, 0, Content::Encapsulated, &AlgorithmPolicy::default());
        assert_good(name, &r);
    }
    let sd = parse("ed25519-attached.p7m");
    let r = verify_signer(&sd, 0, Content::Encapsulated, &AlgorithmPolicy::default());
    assert_eq!(r.signature_alg.as_deref(), Some("Ed25519"));
    assert_eq!(r.public_key.as_deref(), Some("Ed25519"));
}

#[test]
fn no_signed_attributes_signature_over_content_digest() {
    let (_, r) = verify_detached("rsa-noattr-detached.p7s", &data("content.txt"));
    assert_good("noattr", &r);
    assert!(!r.has_signed_attrs && has(&r, codes::SIGNED_ATTRS_ABSENT));
    assert_eq!(r.content_type_ok, None);
    let (_, bad) = verify_detached("rsa-noattr-detached.p7s", &data("content-tampered.txt"));
    assert_eq!(bad.crypto_valid, Some(false));
    assert_ne!(bad.digest_matches, Some(true));
    // Ed25519 over an encapsulated message changed in place: invalid.
    let mut raw = data("ed25519-noattr-attached.p7m");
    let pos = raw.windows(5).position(|w| w == b"Kyso ").unwrap();
    raw[pos] = b'k';
    let sd = parse_signed_data(&raw, &Limits::default()).unwrap();
    let r = verify_signer(&sd, 0, Content::Encapsulated, &AlgorithmPolicy::default());
    assert_eq!(r.crypto_valid, Some(false));
}

#[test]
fn tampered_signed_attribute_breaks_the_signature_only() {
    let (_, r) = verify_detached("rsa-sha256-tampered-attr.p7s", &data("content.txt"));
    assert_eq!(r.digest_matches, Some(true));
    assert_eq!(r.crypto_valid, Some(false));
    assert!(has(&r, codes::SIGNATURE_INVALID));
}

#[test]
fn unsorted_signed_attributes_are_hashed_as_received() {
    let (_, r) = verify_detached("rsa-sha256-unsorted-attrs.p7s", &data("content.txt"));
    assert!(
        has(&r, codes::SIGNED_ATTRS_NOT_DER_SORTED),
        "fixture must really be out of DER order"
    );
    assert_good("unsorted", &r);
    let (_, sorted) = verify_detached("rsa-sha256-detached.p7s", &data("content.txt"));
    assert!(!has(&sorted, codes::SIGNED_ATTRS_NOT_DER_SORTED));
}

#[test]
fn embedded_certificate_is_parsed() {
    let sd = parse("rsa-sha256-detached.p7s");
    assert_eq!(sd.certificates().len(), 1);
    let c = &sd.certificates()[0];
    assert!(c.parsed.is_some());
    assert_eq!(c.subject_display(), "Nguyễn Văn A");
    assert!(c.subject_key_id.is_some());
    // OpenSSL 3.0 `cms -sign` writes no ESS attribute: absent, not failed.
    let (_, r) = verify_detached("rsa-sha256-detached.p7s", &data("content.txt"));
    assert_eq!(r.signing_certificate_ref_ok, None);
}

#[test]
fn ess_signing_certificate_v2_in_timestamp_matches() {
    // `openssl ts` writes signingCertificateV2 (ess_cert_id_alg = sha256).
    let tok = parse_token(&data("token-sha256.tst"), &Limits::default()).unwrap();
    let r = verify_token(&tok, &data("tst-data.txt"), &AlgorithmPolicy::default());
    assert_eq!(
        r.signer.signing_certificate_ref_ok,
        Some(true),
        "{:#?}",
        r.signer.findings
    );
}

#[test]
fn two_signers_are_reported_each() {
    let sd = parse("two-signers-detached.p7s");
    assert_eq!(sd.signer_count(), 2);
    let content = data("content.txt");
    let hash = |d: DigestAlg| d.digest(&content);
    let keys: Vec<_> = (0..2)
        .map(|i| {
            let r = verify_signer(
                &sd,
                i,
                Content::Detached(&hash),
                &AlgorithmPolicy::default(),
            );
            assert_good("two", &r);
            r.public_key.unwrap()
        })
        .collect();
    assert!(keys.contains(&"RSA-2048".to_string()) && keys.contains(&"ECDSA P-256".to_string()));
    let r = verify_signer(
        &sd,
        2,
        Content::Detached(&hash),
        &AlgorithmPolicy::default(),
    );
    assert!(r.format_failure && has(&r, codes::SIGNER_MISSING));
}

#[test]
fn missing_certificate_is_undecided_not_invalid() {
    let (sd, r) = verify_detached("rsa-nocerts-detached.p7s", &data("content.txt"));
    assert!(sd.certificates().is_empty());
    assert_eq!(r.signer_cert, None);
    assert_eq!(r.crypto_valid, None);
    assert_eq!(r.digest_matches, Some(true));
    assert!(has(&r, codes::SIGNER_CERT_MISSING));
}

#[test]
fn pdf_contents_padding_and_garbage() {
    let mut raw = data("rsa-sha256-detached.p7s");
    raw.extend(std::iter::repeat_n(0u8, 4096));
    let sd = parse_signed_data(&raw, &Limits::default()).unwrap();
    assert!(sd.findings().is_empty());
    raw.push(0x41);
    let sd = parse_signed_data(&raw, &Limits::default()).unwrap();
    assert!(sd.findings().iter().any(|f| f.code == codes::TRAILING_DATA));
    assert_eq!(
        parse_signed_data(&[0u8; 64], &Limits::default())
            .unwrap_err()
            .code(),
        codes::EMPTY
    );
    // A token is not id-signedData's content type id-data: a ContentInfo of id-data is refused.
    let data_ci = [
        0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x02,
        0x04, 0x00,
    ];
    assert_eq!(
        parse_signed_data(&data_ci, &Limits::default())
            .unwrap_err()
            .code(),
        codes::NOT_SIGNED_DATA
    );
    let no_tokens = Limits {
        max_timestamp_tokens: 0,
        ..Limits::default()
    };
    assert!(parse_signed_data(&data("rsa-sha256-detached.p7s"), &no_tokens).is_ok());
    assert_eq!(
        parse_signed_data(&data("rsa-sha256-tst.p7s"), &no_tokens)
            .unwrap_err()
            .code(),
        codes::LIMIT_EXCEEDED
    );
    let tight = Limits {
        max_certificates: 0,
        ..Limits::default()
    };
    assert_eq!(
        parse_signed_data(&data("rsa-sha256-detached.p7s"), &tight)
            .unwrap_err()
            .code(),
        codes::LIMIT_EXCEEDED
    );
}

#[test]
fn timestamp_tokens_parse_and_verify() {
    let covered = data("tst-data.txt");
    let p = AlgorithmPolicy::default();
    for (name, alg) in [
        ("token-sha256.tst", DigestAlg::Sha256),
        ("token-sha1.tst", DigestAlg::Sha1),
    ] {
        let tok = parse_token(&data(name), &Limits::default()).unwrap();
        assert_eq!(tok.imprint_alg, Some(alg));
        assert_eq!(tok.policy, "1.2.3.4.1");
        assert_eq!(tok.accuracy_ms, Some(1500));
        assert!(tok.nonce.is_some());
        assert!(
            tok.tsa_name
                .as_deref()
                .unwrap_or("")
                .contains("Kyso Test TSA"),
            "{:?}",
            tok.tsa_name
        );
        assert!(tok.gen_time.0 > 1_700_000_000);
        let r = verify_token(&tok, &covered, &p);
        assert!(
            r.is_valid(),
            "{name}: {:#?} {:#?}",
            r.findings,
            r.signer.findings
        );
        assert_eq!(r.tsa_eku_ok, Some(true));
        assert_eq!(r.imprint_weak, alg == DigestAlg::Sha1);
        assert_eq!(
            r.findings
                .iter()
                .any(|f| f.code == codes::TSP_IMPRINT_ALGORITHM_WEAK),
            alg == DigestAlg::Sha1
        );
        let wrong = verify_token(&tok, b"other data", &p);
        assert_eq!(wrong.imprint_matches, Some(false));
        assert!(!wrong.is_valid());
    }
    let bad = parse_token(&data("token-sha256-badsig.tst"), &Limits::default()).unwrap();
    let r = verify_token(&bad, &covered, &p);
    assert_eq!(r.imprint_matches, Some(true));
    assert_eq!(r.signer.crypto_valid, Some(false));
    assert!(!r.is_valid());
    // A plain signature is not a token.
    assert_eq!(
        parse_token(&data("rsa-sha256-attached.p7m"), &Limits::default())
            .unwrap_err()
            .code(),
        codes::TSP_NOT_TST_INFO
    );
}

#[test]
fn signature_timestamp_covers_the_signature_value() {
    let (_, r) = verify_detached("rsa-sha256-tst.p7s", &data("content.txt"));
    assert_good("tst", &r);
    assert_eq!(r.timestamp_tokens.len(), 1);
    let tok = parse_token(&r.timestamp_tokens[0], &Limits::default()).unwrap();
    let tr = verify_token(&tok, &r.signature_value, &AlgorithmPolicy::default());
    assert!(tr.is_valid(), "{:#?}", tr.findings);
}
