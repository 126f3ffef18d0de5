//! Real signed files from `../shared` (resolved as `<repo>/../shared`, or env
//! `KYSO_SHARED`): the corpus' CMS files with their expected verdicts, and the
//! CMS inside the two published Vietnamese decrees. Skipped, with a message,
//! when the folder is absent.

use kyso_cms::tsp::{parse_token, verify_token};
use kyso_cms::{parse_signed_data, verify_signer, Content, Limits, SignerResult};
use kyso_crypto::policy::AlgorithmPolicy;
use kyso_crypto::DigestAlg;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: shared reference folder {} not found (set KYSO_SHARED)",
            p.display()
        );
        None
    }
}

fn read(p: PathBuf) -> Vec<u8> {
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn verify_enveloping(bytes: &[u8]) -> Result<SignerResult, kyso_cms::CmsError> {
    let sd = parse_signed_data(bytes, &Limits::default())?;
    Ok(verify_signer(
        &sd,
        0,
        Content::Encapsulated,
        &AlgorithmPolicy::default(),
    ))
}

#[test]
fn corpus_cms_files_match_expected_verdicts() {
    let Some(sh) = shared() else { return };
    let corpus = sh.join("corpus");
    let cases: &[(&str, &str)] = &[
        ("dss__Signature-C-HU_MIC-1.p7m", "valid"),
        ("dss__Signature-CBp-B-1.p7m", "valid"),
        ("dss__cades-bes-signeddata-enveloping.p7m", "valid"),
        ("dss__signedFile.pdf.p7s", "valid"),
        ("dss__counterSig.p7m", "valid"),
        // MANIFEST says invalid-crypto from `openssl cms` ("bad signature"), but OpenSSL
        // only refuses the DigestInfo written without its NULL parameters, which
        // RFC 4055 §2.1 says implementations MUST accept; the value verifies. DSS's own
        // test (DSS-3507 `brokenTNoSignCert`) treats the file as a broken signature
        // *timestamp*: its TSA certificate is an expired one ("... Expired"), a
        // kyso-pki finding. Here: crypto intact, timestamp imprint and signature intact.
        ("dss__cades-broken-sig-tst.p7m", "valid-broken-tsa"),
        ("dss__cades-enveloping-broken.pkcs7", "invalid-modified"),
        ("dss__cms-no-sign-cert.p7m", "no-cert"),
        ("dss__malformed-cades.p7m", "structure"),
        ("dss__CAdES-BpT_modified_ts_hash.p7m", "invalid-timestamp"),
    ];
    for (name, expect) in cases {
        let bytes = read(corpus.join(name));
        let r = verify_enveloping(&bytes);
        match *expect {
            "structure" => assert!(
                r.is_err() || r.as_ref().unwrap().format_failure,
                "{name}: {r:?}"
            ),
            _ => {
                let r = r.unwrap_or_else(|e| panic!("{name}: {e}"));
                match *expect {
                    "valid" | "invalid-timestamp" | "valid-broken-tsa" => {
                        assert_eq!(r.digest_matches, Some(true), "{name}: {:#?}", r.findings);
                        assert_eq!(r.crypto_valid, Some(true), "{name}: {:#?}", r.findings);
                        assert!(r.signer_cert.is_some(), "{name}");
                        assert_ne!(r.signing_certificate_ref_ok, Some(false), "{name}");
                    }
                    "invalid-modified" => {
                        assert_eq!(r.digest_matches, Some(false), "{name}: {:#?}", r.findings)
                    }
                    "no-cert" => {
                        assert_eq!(r.signer_cert, None, "{name}");
                        assert_eq!(r.crypto_valid, None, "{name}");
                    }
                    _ => unreachable!(),
                }
                if *expect == "invalid-timestamp" {
                    assert!(!r.timestamp_tokens.is_empty(), "{name}");
                    let tok = parse_token(&r.timestamp_tokens[0], &Limits::default()).unwrap();
                    let tr = verify_token(&tok, &r.signature_value, &AlgorithmPolicy::default());
                    assert_eq!(
                        tr.imprint_matches,
                        Some(false),
                        "{name}: {:#?}",
                        tr.findings
                    );
                    assert!(!tr.is_valid());
                }
                if *expect == "valid-broken-tsa" {
                    let tok = parse_token(&r.timestamp_tokens[0], &Limits::default()).unwrap();
                    let tr = verify_token(&tok, &r.signature_value, &AlgorithmPolicy::default());
                    assert_eq!(tr.imprint_matches, Some(true));
                    let tsa = &tok.cms.certificates()[tr.tsa_cert.unwrap()];
                    assert!(
                        tsa.subject_display().contains("Expired"),
                        "{}",
                        tsa.subject_display()
                    );
                }
                if *name == "dss__counterSig.p7m" {
                    assert!(r.counter_signatures > 0);
                }
            }
        }
    }
}

/// The signature dictionaries' /ByteRange and the hex /Contents between its
/// two ranges, found by a plain byte scan (no PDF parser needed here).
fn pdf_signatures(pdf: &[u8]) -> Vec<([usize; 4], Vec<u8>)> {
    let mut out = Vec::new();
    let key = b"/ByteRange";
    let mut i = 0;
    while let Some(p) = pdf[i..].windows(key.len()).position(|w| w == key) {
        let start = i + p + key.len();
        i = start;
        let Some(open) = pdf[start..].iter().position(|&b| b == b'[') else {
            break;
        };
        let Some(close) = pdf[start + open..].iter().position(|&b| b == b']') else {
            break;
        };
        let inner = std::str::from_utf8(&pdf[start + open + 1..start + open + close]).unwrap_or("");
        let nums: Vec<usize> = inner
            .split_whitespace()
            .filter_map(|t| t.parse().ok())
            .collect();
        if nums.len() != 4 || nums[0] + nums[1] > nums[2] || nums[2] + nums[3] > pdf.len() {
            continue;
        }
        let gap = &pdf[nums[0] + nums[1]..nums[2]];
        let hex: Vec<u8> = gap
            .iter()
            .copied()
            .filter(|b| b.is_ascii_hexdigit())
            .collect();
        let Ok(der) = hex::decode(&hex) else { continue };
        out.push(([nums[0], nums[1], nums[2], nums[3]], der));
    }
    out
}

#[test]
fn vietnamese_decrees_verify_over_their_byte_ranges() {
    let Some(sh) = shared() else { return };
    let cases = [
        (
            "49-2026-ND-CP.pdf",
            "CHÍNH PHỦ",
            "RSA-3072",
            DigestAlg::Sha256,
        ),
        (
            "199-ndcp.signed.pdf",
            "CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ",
            "",
            DigestAlg::Sha1,
        ),
    ];
    for (file, cn, key, ts_imprint) in cases {
        let pdf = read(sh.join("vn/pdf").join(file));
        let sigs = pdf_signatures(&pdf);
        assert_eq!(sigs.len(), 1, "{file}: one signature");
        let (br, contents) = &sigs[0];
        let sd = parse_signed_data(contents, &Limits::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(sd.signer_count(), 1);
        let hash = |d: DigestAlg| {
            let mut h = d.hasher();
            h.update(&pdf[br[0]..br[0] + br[1]]);
            h.update(&pdf[br[2]..br[2] + br[3]]);
            h.finalize()
        };
        let r = verify_signer(
            &sd,
            0,
            Content::Detached(&hash),
            &AlgorithmPolicy::default(),
        );
        assert_eq!(r.digest_matches, Some(true), "{file}: {:#?}", r.findings);
        assert_eq!(r.crypto_valid, Some(true), "{file}: {:#?}", r.findings);
        let cert = &sd.certificates()[r.signer_cert.expect("signer certificate")];
        assert_eq!(cert.subject_display(), cn, "{file}");
        if !key.is_empty() {
            assert_eq!(r.public_key.as_deref(), Some(key), "{file}");
        }
        assert!(
            !r.timestamp_tokens.is_empty(),
            "{file}: signature timestamp"
        );
        let tok = parse_token(&r.timestamp_tokens[0], &Limits::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(tok.imprint_alg, Some(ts_imprint), "{file}");
        let tr = verify_token(&tok, &r.signature_value, &AlgorithmPolicy::default());
        assert!(
            tr.is_valid(),
            "{file}: {:#?} {:#?}",
            tr.findings,
            tr.signer.findings
        );
        assert_eq!(tr.imprint_weak, ts_imprint == DigestAlg::Sha1, "{file}");
        eprintln!(
            "{file}: signer {cn}, {}, {}, timestamp {} ({}), TSA cert #{:?}",
            r.signature_alg.as_deref().unwrap_or("?"),
            r.public_key.as_deref().unwrap_or("?"),
            tok.gen_time,
            tok.imprint_alg.map(|d| d.name()).unwrap_or("?"),
            tr.tsa_cert
        );
    }
}

/// pyHanko's Ed448 PDF (RFC 8419): digestAlgorithm id-shake256 (parameters
/// absent, 512-bit output) for the messageDigest, pure Ed448 over the signed
/// attributes, by an Ed448 certificate.
#[test]
fn ed448_shake256_pdf_verifies() {
    let Some(sh) = shared() else { return };
    let file = "pyhanko__ed448-shake256-nolen.pdf";
    let pdf = read(sh.join("corpus").join(file));
    let sigs = pdf_signatures(&pdf);
    assert_eq!(sigs.len(), 1, "{file}: one signature");
    let (br, contents) = &sigs[0];
    let sd = parse_signed_data(contents, &Limits::default()).unwrap();
    let hash = |d: DigestAlg| {
        let mut h = d.hasher();
        h.update(&pdf[br[0]..br[0] + br[1]]);
        h.update(&pdf[br[2]..br[2] + br[3]]);
        h.finalize()
    };
    let r = verify_signer(
        &sd,
        0,
        Content::Detached(&hash),
        &AlgorithmPolicy::default(),
    );
    assert_eq!(r.digest_alg, Some(DigestAlg::Shake256));
    assert_eq!(r.signature_alg.as_deref(), Some("Ed448"));
    assert_eq!(r.public_key.as_deref(), Some("Ed448"));
    assert_eq!(r.digest_matches, Some(true), "{:#?}", r.findings);
    assert_eq!(r.crypto_valid, Some(true), "{:#?}", r.findings);
    assert!(
        !r.unsupported_algorithm && !r.weak_algorithm,
        "{:#?}",
        r.findings
    );
    // Another document: the SHAKE256 message digest no longer matches.
    let other = |d: DigestAlg| d.digest(b"another document");
    let r = verify_signer(
        &sd,
        0,
        Content::Detached(&other),
        &AlgorithmPolicy::default(),
    );
    assert_eq!(r.digest_matches, Some(false));
}

/// Every signature in the corpus PDFs (found by the plain ByteRange scan)
/// against pyHanko's integrity tag: where pyHanko says `crypto-ok`, the
/// message digest and signature value must verify here too.
#[test]
fn corpus_pdf_signatures_agree_with_pyhanko() {
    let Some(sh) = shared() else { return };
    // Known, explained differences.
    let exceptions: &[(&str, &str)] = &[
        ("dss__siwa.pdf", "signature wrapping: the naive scan hashes the attacker's ByteRange; the PDF layer must reject it"),
        ("dss__malformed-pades.pdf", "pyHanko cannot read the file; the scanned ByteRange does not match (invalid-modified)"),
    ];
    let manifest = String::from_utf8(read(sh.join("corpus/MANIFEST.tsv"))).unwrap();
    let (mut checked, mut tokens_ok, mut sha1_seen) = (0, 0, 0);
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, pyhanko) = (cols[0], cols[8]);
        if !file.ends_with(".pdf") || exceptions.iter().any(|(f, _)| *f == file) {
            continue;
        }
        if !pyhanko.contains("crypto-ok") || pyhanko.contains("crypto-BAD") {
            continue;
        }
        let pdf = read(sh.join("corpus").join(file));
        for (br, contents) in pdf_signatures(&pdf) {
            let Ok(sd) = parse_signed_data(&contents, &Limits::default()) else {
                continue;
            };
            let hash = |d: DigestAlg| {
                let mut h = d.hasher();
                h.update(&pdf[br[0]..br[0] + br[1]]);
                h.update(&pdf[br[2]..br[2] + br[3]]);
                h.finalize()
            };
            // adbe.pkcs7.sha1 encapsulates SHA-1(byte ranges); document timestamps encapsulate TSTInfo.
            let r = if let Some(e) = sd.encapsulated_content() {
                if sd.content_type() == kyso_cms::oids::ID_DATA {
                    assert_eq!(e.len(), 20);
                    let (ok, f) = kyso_cms::check_adbe_sha1_digest(&sd, &hash);
                    assert_eq!(ok, Some(true), "{file}: {}", f.message_en);
                    let other = |d: DigestAlg| d.digest(b"another document");
                    assert_eq!(kyso_cms::check_adbe_sha1_digest(&sd, &other).0, Some(false));
                    sha1_seen += 1;
                } else {
                    let tok = parse_token(&contents, &Limits::default()).unwrap();
                    let tr =
                        kyso_cms::tsp::verify_token_with(&tok, &hash, &AlgorithmPolicy::default());
                    assert!(
                        tr.is_valid(),
                        "{file}: document timestamp {:#?}",
                        tr.findings
                    );
                }
                verify_signer(&sd, 0, Content::Encapsulated, &AlgorithmPolicy::default())
            } else {
                verify_signer(
                    &sd,
                    0,
                    Content::Detached(&hash),
                    &AlgorithmPolicy::default(),
                )
            };
            assert_eq!(r.digest_matches, Some(true), "{file}: {:#?}", r.findings);
            assert_eq!(r.crypto_valid, Some(true), "{file}: {:#?}", r.findings);
            assert!(r.signer_cert.is_some(), "{file}");
            for t in &r.timestamp_tokens {
                let tok =
                    parse_token(t, &Limits::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
                let tr = verify_token(&tok, &r.signature_value, &AlgorithmPolicy::default());
                assert!(tr.is_valid(), "{file}: {:#?}", tr.findings);
                tokens_ok += 1;
            }
            checked += 1;
        }
    }
    eprintln!("{checked} corpus PDF signatures and {tokens_ok} signature timestamps verified");
    assert!(
        checked >= 50 && tokens_ok >= 10,
        "{checked} signatures, {tokens_ok} tokens"
    );
    assert!(
        sha1_seen >= 1,
        "dss__pkcs7_sha1.pdf's adbe.pkcs7.sha1 signature was checked"
    );
}
