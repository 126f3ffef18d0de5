//! Digests computed by the caller ([`kyso_core::digest_plan`] →
//! [`kyso_core::verify_source_with`], the browser worker's WebCrypto path)
//! give the very report the core's own pass gives, for every PDF of the
//! fixtures and of `../shared`; and they are used as given (a wrong one is
//! a wrong digest in the report, so the worker must compute them from the
//! bytes it verifies).

use kyso_core::{
    byte_range_keys, digest_plan, verify_source, verify_source_with, Bytes, DigestAlg,
    KnownDigests, Options,
};
use kyso_report::Indication;
use std::path::{Path, PathBuf};

fn pdfs() -> Vec<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = std::env::var_os("KYSO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("../shared"));
    let mut out = Vec::new();
    let mut dirs = vec![
        repo.join("fixtures"),
        shared.join("corpus"),
        shared.join("vn/pdf"),
    ];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn opts() -> Options {
    Options {
        now: Some(1_790_000_000),
        ..Default::default()
    }
}

/// What the worker does with WebCrypto (`webcrypto_only`): each planned
/// digest in one call over the range's bytes put end to end (only those
/// WebCrypto has: the core computes the rest), the search for `/ByteRange`
/// meanwhile, and the file's fingerprint after the verdict. Otherwise every
/// digest, the fingerprint included, given up front.
fn compute(bytes: &[u8], webcrypto_only: bool) -> Option<KnownDigests> {
    let plan = digest_plan(&Bytes(bytes))?;
    let mut known = KnownDigests {
        file_sha256: (!webcrypto_only).then(|| DigestAlg::Sha256.digest(bytes)),
        ranges: Vec::new(),
        byte_range_keys: webcrypto_only.then(|| byte_range_keys(&Bytes(bytes)).unwrap()),
        fingerprint_later: webcrypto_only,
    };
    for (key, parts) in &plan.ranges {
        for &alg in &plan.algs {
            if webcrypto_only
                && !matches!(
                    alg,
                    DigestAlg::Sha1 | DigestAlg::Sha256 | DigestAlg::Sha384 | DigestAlg::Sha512
                )
            {
                continue;
            }
            let mut h = alg.hasher();
            for &(a, b) in parts {
                h.update(&bytes[a as usize..b as usize]);
            }
            known.ranges.push((*key, alg, h.finalize()));
        }
    }
    Some(known)
}

/// The report as the worker completes it: with the fingerprint it asked
/// for later ([`KnownDigests::fingerprint_later`]) filled in, after checking
/// that the core left it empty.
fn with_fingerprint(
    mut r: kyso_report::Report,
    known: &KnownDigests,
    bytes: &[u8],
) -> kyso_report::Report {
    if known.fingerprint_later {
        assert_eq!(r.file.sha256, "", "a fingerprint asked for later");
        let d = kyso_core::fingerprint(&Bytes(bytes), None).unwrap();
        r.file.sha256 = hex::encode(d);
    }
    r
}

#[test]
fn known_digests_give_the_same_report() {
    let files = pdfs();
    assert!(files.len() > 50, "fixtures missing: {}", files.len());
    let mut planned = 0;
    for p in &files {
        let bytes = std::fs::read(p).unwrap();
        let name = p.file_name().and_then(|n| n.to_str());
        let plain =
            serde_json::to_value(verify_source(name, &Bytes(&bytes), &opts(), None)).unwrap();
        for webcrypto_only in [true, false] {
            let Some(known) = compute(&bytes, webcrypto_only) else {
                continue;
            };
            planned += 1;
            let with = with_fingerprint(
                verify_source_with(name, &Bytes(&bytes), &opts(), None, &known),
                &known,
                &bytes,
            );
            let with = serde_json::to_value(with).unwrap();
            assert_eq!(plain, with, "{}", p.display());
        }
    }
    assert!(planned > 100, "only {planned} plans");
}

#[test]
fn known_digests_are_used_as_given() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf/i3-two-signatures.pdf");
    let bytes = std::fs::read(p).unwrap();
    let plan = digest_plan(&Bytes(&bytes)).expect("a PDF");
    assert_eq!(plan.ranges.len(), 2, "{plan:?}");
    assert!(plan.algs.contains(&DigestAlg::Sha256));
    // Every part of a range lies in the file, in order.
    for (_, parts) in &plan.ranges {
        assert!(
            parts[0].0 <= parts[0].1
                && parts[0].1 <= parts[1].0
                && parts[1].1 <= bytes.len() as u64
        );
    }
    let good = compute(&bytes, false).unwrap();
    let base = verify_source_with(None, &Bytes(&bytes), &opts(), None, &good);
    assert_ne!(base.verdict.indication, Indication::TotalFailed);

    let mut bad = good.clone();
    for (_, _, d) in &mut bad.ranges {
        d[0] ^= 1;
    }
    let r = verify_source_with(None, &Bytes(&bytes), &opts(), None, &bad);
    assert_eq!(
        r.verdict.indication,
        Indication::TotalFailed,
        "{:?}",
        r.verdict
    );

    let mut other = good.clone();
    other.file_sha256 = Some(vec![7; 32]);
    let r = verify_source_with(None, &Bytes(&bytes), &opts(), None, &other);
    assert_eq!(r.file.sha256, "07".repeat(32));
}

#[test]
fn no_plan_for_what_is_not_a_pdf() {
    assert!(digest_plan(&Bytes(b"hello")).is_none());
    assert!(digest_plan(&Bytes(b"%PDF-1.7\nbroken")).is_none());
}

/// A source that is not in memory and counts the bytes read from it.
struct Counting(Vec<u8>, std::cell::Cell<u64>);
impl kyso_core::Source for Counting {
    fn len(&self) -> u64 {
        self.0.len() as u64
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), kyso_core::ReadError> {
        self.1.set(self.1.get() + buf.len() as u64);
        kyso_core::Bytes(&self.0).read_at(offset, buf)
    }
}

#[test]
fn with_everything_known_the_file_is_not_read_again() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf/i3-two-signatures.pdf");
    let bytes = std::fs::read(p).unwrap();
    let len = bytes.len() as u64;
    let known = compute(&bytes, true).unwrap();
    let plain_src = Counting(bytes.clone(), Default::default());
    let plain = verify_source(None, &plain_src, &opts(), None);
    let known_src = Counting(bytes, Default::default());
    let with = verify_source_with(None, &known_src, &opts(), None, &known);
    let with = with_fingerprint(with, &known, &plain_src.0);
    // The core's pass reads the file once, whole; with every digest and the
    // search given, only the parser reads (the fingerprint is the caller's,
    // after the verdict).
    let (a, b) = (plain_src.1.get(), known_src.1.get());
    assert_eq!(plain, with);
    assert_eq!(
        a - b,
        len,
        "read {a} bytes without, {b} with the known digests"
    );
}

#[test]
fn a_fingerprint_asked_for_later_is_left_to_the_caller() {
    // Also when the core computes the signed ranges itself (nothing known
    // but that): its pass leaves the fingerprint out, the verdict is the same.
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf/i3-two-signatures.pdf");
    let bytes = std::fs::read(p).unwrap();
    let plain = verify_source(None, &Bytes(&bytes), &opts(), None);
    assert_eq!(plain.file.sha256.len(), 64);
    let later = KnownDigests {
        fingerprint_later: true,
        ..Default::default()
    };
    let r = verify_source_with(None, &Bytes(&bytes), &opts(), None, &later);
    assert_eq!(r.file.sha256, "");
    assert_eq!(r.verdict, plain.verdict);
    assert_eq!(with_fingerprint(r, &later, &bytes), plain);
    // Not a PDF the parser reads: the same.
    let r = verify_source_with(None, &Bytes(b"%PDF-1.7\nbroken"), &opts(), None, &later);
    assert_eq!(r.file.sha256, "");
    assert!(r.error.is_some());
}

/// The worker verifies with what the signatures claim their digests are
/// ([`KnownDigests::guessed`]) while WebCrypto hashes, and keeps that report
/// only when the computed digests confirm every guess. Confirmed, it is the
/// report computed digests give, byte for byte; refuted (a file changed
/// after signing), the guess would have said something else — which is why
/// the worker verifies again.
#[test]
fn guessed_digests_confirmed_give_the_same_report() {
    let (mut guessed, mut confirmed, mut refuted) = (0, 0, 0);
    for p in &pdfs() {
        let bytes = std::fs::read(p).unwrap();
        let name = p.file_name().and_then(|n| n.to_str());
        let Some(plan) = digest_plan(&Bytes(&bytes)) else {
            continue;
        };
        let Some(mut guess) = KnownDigests::guessed(&plan) else {
            continue;
        };
        guessed += 1;
        let real = compute(&bytes, true).expect("planned above");
        guess.byte_range_keys = real.byte_range_keys.clone();
        let with_real = serde_json::to_value(verify_source_with(
            name,
            &Bytes(&bytes),
            &opts(),
            None,
            &real,
        ))
        .unwrap();
        let with_guess = serde_json::to_value(verify_source_with(
            name,
            &Bytes(&bytes),
            &opts(),
            None,
            &guess,
        ))
        .unwrap();
        if guess.confirmed_by(&real.ranges) {
            confirmed += 1;
            assert_eq!(with_real, with_guess, "{}", p.display());
        } else {
            refuted += 1;
            assert_ne!(with_real, with_guess, "{}", p.display());
        }
    }
    eprintln!("guessed {guessed}, confirmed {confirmed}, refuted {refuted}");
    assert!(confirmed > 30, "only {confirmed} guesses confirmed");
    assert!(
        refuted > 0,
        "no file changed after signing among the fixtures"
    );
}

/// A guess is confirmed only by digests equal to every guessed one.
#[test]
fn a_guess_is_confirmed_only_by_equal_digests() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf/i3-two-signatures.pdf");
    let bytes = std::fs::read(p).unwrap();
    let plan = digest_plan(&Bytes(&bytes)).expect("a PDF");
    let guess = KnownDigests::guessed(&plan).expect("two SHA-256 signatures");
    assert_eq!(guess.ranges.len(), 2);
    let real = compute(&bytes, true).unwrap();
    assert!(guess.confirmed_by(&real.ranges));
    // One digest off by one bit, one missing, one for another algorithm.
    let mut off = real.ranges.clone();
    off[1].2[0] ^= 1;
    assert!(!guess.confirmed_by(&off));
    assert!(!guess.confirmed_by(&real.ranges[..1]));
    let mut other = real.ranges.clone();
    other[0].1 = DigestAlg::Sha384;
    assert!(!guess.confirmed_by(&other));
    // Two signatures claiming different digests for one range: no guess.
    let mut conflicting = plan.clone();
    let mut wrong = conflicting.claims[0].clone();
    wrong.2[0] ^= 1;
    conflicting.claims.push(wrong);
    assert!(KnownDigests::guessed(&conflicting).is_none());
    // A planned digest nobody claims: no guess.
    let mut unclaimed = plan.clone();
    unclaimed.claims.pop();
    assert!(KnownDigests::guessed(&unclaimed).is_none());
}
