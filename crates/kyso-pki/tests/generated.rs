//! Behaviour on generated PKIs (`scripts/gen-pki-fixtures.py`, outputs in
//! `tests/data/`): constraints, path building through duplicates and cross
//! certificates, validity, revocation by CRL and OCSP before/after the time.

mod common;

use common::{data, utc};
use kyso_crypto::policy::AlgorithmPolicy;
use kyso_pki::codes;
use kyso_pki::{
    parse_revocation_info_archival, validate, Anchor, AnchorPurpose, AnchorSource, KeyPurpose,
    PathRequest, PathResult, RevocationEvidence, TrustStore,
};
use kyso_report::{ChainStatus, RevocationStatus, Severity};

fn store() -> TrustStore {
    let mut s = TrustStore::empty();
    s.add(Anchor {
        der: data("root.der"),
        label_vi: "Gốc thử nghiệm Kyso".into(),
        label_en: "Kyso Test Root".into(),
        purpose: AnchorPurpose::Root,
        source: AnchorSource::Test,
    });
    s
}

/// 2026-06-01, inside every fixture's validity unless the fixture says otherwise.
fn t() -> i64 {
    utc(2026, 6, 1)
}

fn run(
    leaf: &str,
    cands: &[&str],
    time: i64,
    purpose: KeyPurpose,
    ev: &RevocationEvidence,
) -> PathResult {
    let candidates: Vec<Vec<u8>> = cands.iter().map(|c| data(c)).collect();
    let leaf = data(leaf);
    let policy = AlgorithmPolicy::default();
    validate(
        &PathRequest {
            leaf: &leaf,
            candidates: &candidates,
            time,
            purpose,
            revocation: ev,
            policy: &policy,
        },
        &store(),
    )
}

fn signer(leaf: &str, cands: &[&str]) -> PathResult {
    run(
        leaf,
        cands,
        t(),
        KeyPurpose::DocumentSigning,
        &RevocationEvidence::default(),
    )
}

fn first_code(r: &PathResult) -> &str {
    &r.findings[0].code
}

#[test]
fn good_signer_chain() {
    let r = signer("leaf-good.der", &["ca.der"]);
    assert_eq!(r.status, ChainStatus::Trusted, "{:#?}", r.findings);
    assert_eq!(
        r.chain,
        vec![data("leaf-good.der"), data("ca.der"), data("root.der")]
    );
    assert_eq!(r.anchor_label.as_deref(), Some("Gốc thử nghiệm Kyso"));
    assert_eq!(first_code(&r), codes::CHAIN_TRUSTED);
    assert_eq!(r.revocation.status, RevocationStatus::NotChecked);
    // Intermediate missing: no path.
    let r = signer("leaf-good.der", &[]);
    assert_eq!(r.status, ChainStatus::NoChainFound);
    assert_eq!(first_code(&r), codes::CHAIN_NO_ISSUER);
    assert!(
        r.findings[0].message_vi.contains("Kyso Test CA"),
        "{}",
        r.findings[0].message_vi
    );
    // Test roots are not trusted by default.
    let leaf = data("leaf-good.der");
    let cands = vec![data("ca.der"), data("root.der")];
    let p = AlgorithmPolicy::default();
    let ev = RevocationEvidence::default();
    let req = PathRequest {
        leaf: &leaf,
        candidates: &cands,
        time: t(),
        purpose: KeyPurpose::Any,
        revocation: &ev,
        policy: &p,
    };
    let r = validate(&req, &TrustStore::bundled());
    assert_eq!(r.status, ChainStatus::NoChainFound);
    // The issuer's certificate is in the signature: the finding says so
    // instead of calling the issuer unknown.
    assert_eq!(first_code(&r), codes::CHAIN_NO_ISSUER);
    assert!(
        r.findings[0].message_en.contains("is in the signature"),
        "{}",
        r.findings[0].message_en
    );
}

#[test]
fn key_usage_and_purpose() {
    let r = signer("leaf-ku-encipher.der", &["ca.der"]);
    assert_eq!(r.status, ChainStatus::ConstraintsFailure);
    assert_eq!(first_code(&r), codes::LEAF_KEY_USAGE);
    // Any purpose: key usage of the end certificate is not examined.
    let r = run(
        "leaf-ku-encipher.der",
        &["ca.der"],
        t(),
        KeyPurpose::Any,
        &RevocationEvidence::default(),
    );
    assert_eq!(r.status, ChainStatus::Trusted);
    // TSA: needs id-kp-timeStamping.
    let r = run(
        "tsa.der",
        &["ca.der"],
        t(),
        KeyPurpose::TimeStamping,
        &RevocationEvidence::default(),
    );
    assert_eq!(r.status, ChainStatus::Trusted, "{:#?}", r.findings);
    let r = run(
        "leaf-good.der",
        &["ca.der"],
        t(),
        KeyPurpose::TimeStamping,
        &RevocationEvidence::default(),
    );
    assert_eq!(first_code(&r), codes::TSA_EKU_MISSING);
}

#[test]
fn unknown_critical_extension_rejected() {
    let r = signer("leaf-critical-ext.der", &["ca.der"]);
    assert_eq!(r.status, ChainStatus::ConstraintsFailure);
    assert_eq!(first_code(&r), codes::CERT_UNKNOWN_CRITICAL_EXTENSION);
}

#[test]
fn path_length_constraint() {
    let r = signer("leaf-under-sub.der", &["ca-pathlen0-sub.der", "ca.der"]);
    assert_eq!(
        r.status,
        ChainStatus::ConstraintsFailure,
        "{:#?}",
        r.findings
    );
    assert_eq!(first_code(&r), codes::CA_PATH_LENGTH);
}

#[test]
fn name_constraints() {
    let ok = signer("nc-leaf-ok.der", &["nc-ca.der"]);
    assert_eq!(ok.status, ChainStatus::Trusted, "{:#?}", ok.findings);
    for bad in [
        "nc-leaf-email.der",
        "nc-leaf-dns.der",
        "nc-leaf-dn.der",
        "nc-leaf-ip.der",
    ] {
        let r = signer(bad, &["nc-ca.der"]);
        assert_eq!(
            r.status,
            ChainStatus::ConstraintsFailure,
            "{bad}: {:#?}",
            r.findings
        );
        assert_eq!(first_code(&r), codes::NAME_CONSTRAINTS_VIOLATED, "{bad}");
    }
}

#[test]
fn validity_at_time() {
    let r = signer("leaf-expired.der", &["ca.der"]);
    assert_eq!(r.status, ChainStatus::ExpiredNoPoe);
    assert_eq!(first_code(&r), codes::LEAF_EXPIRED);
    assert_eq!(r.chain.len(), 3, "the path is reported even when expired");
    // Past-time validation: at a (timestamped) time before expiry it is fine.
    let r = run(
        "leaf-expired.der",
        &["ca.der"],
        utc(2025, 3, 1),
        KeyPurpose::DocumentSigning,
        &RevocationEvidence::default(),
    );
    assert_eq!(r.status, ChainStatus::Trusted);
    let r = signer("leaf-future.der", &["ca.der"]);
    assert_eq!(r.status, ChainStatus::NotYetValid);
    assert_eq!(first_code(&r), codes::LEAF_NOT_YET_VALID);
}

#[test]
fn same_name_ca_with_a_new_key() {
    // Both CAs at hand, the old one first: name + AKI/SKI pick the right one.
    let r = signer("rekey-leaf.der", &["rekey-ca-old.der", "rekey-ca-new.der"]);
    assert_eq!(r.status, ChainStatus::Trusted, "{:#?}", r.findings);
    assert_eq!(r.chain[1], data("rekey-ca-new.der"));
    // Without key identifiers only the signature tells them apart; the wrong
    // one is tried first, fails its signature check, and the search goes on.
    let r = signer(
        "rekey-leaf-noaki.der",
        &["rekey-ca-old-noski.der", "rekey-ca-new-noski.der"],
    );
    assert_eq!(r.status, ChainStatus::Trusted, "{:#?}", r.findings);
    assert_eq!(r.chain[1], data("rekey-ca-new-noski.der"));
    // Only the wrong one: the signature failure is the reason given.
    let r = signer("rekey-leaf-noaki.der", &["rekey-ca-old-noski.der"]);
    assert_eq!(r.status, ChainStatus::CertificateSignatureInvalid);
    assert_eq!(first_code(&r), codes::SIGNATURE_INVALID);
}

#[test]
fn cross_certificates() {
    // The cross certificate by the untrusted root comes first; the one by the trusted root completes the path.
    let r = signer(
        "cross-leaf.der",
        &[
            "cross-ca-by-other.der",
            "cross-root.der",
            "cross-ca-by-root.der",
        ],
    );
    assert_eq!(r.status, ChainStatus::Trusted, "{:#?}", r.findings);
    assert_eq!(r.chain[1], data("cross-ca-by-root.der"));
    let r = signer(
        "cross-leaf.der",
        &["cross-ca-by-other.der", "cross-root.der"],
    );
    assert_eq!(r.status, ChainStatus::NoChainFound);
}

#[test]
fn sha1_certificate_accepted_with_warning() {
    let r = run(
        "sha1-leaf.der",
        &["sha1-ca.der"],
        utc(2027, 6, 1),
        KeyPurpose::DocumentSigning,
        &RevocationEvidence::default(),
    );
    assert_eq!(r.status, ChainStatus::Trusted, "{:#?}", r.findings);
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == codes::ALGORITHM_WEAK_CERTIFICATE_DIGEST
            && f.severity == Severity::Warning));
}

fn ev(crls: &[&str], ocsp: &[&str], certs: &[&str]) -> RevocationEvidence {
    RevocationEvidence {
        crls: crls.iter().map(|c| data(c)).collect(),
        ocsp: ocsp.iter().map(|c| data(c)).collect(),
        certs: certs.iter().map(|c| data(c)).collect(),
    }
}

fn rev(leaf: &str, e: &RevocationEvidence) -> PathResult {
    run(leaf, &["ca.der"], t(), KeyPurpose::DocumentSigning, e)
}

#[test]
fn crl_revocation() {
    let e = ev(&["crl-ca.der"], &[], &[]);
    let r = rev("rev-leaf-before.der", &e);
    assert_eq!(r.status, ChainStatus::Revoked, "{:#?}", r.findings);
    assert_eq!(first_code(&r), codes::REVOCATION_REVOKED);
    assert_eq!(r.revocation.status, RevocationStatus::Revoked);
    assert_eq!(r.revocation.revoked_at.map(|t| t.0), Some(utc(2026, 3, 1)));
    assert!(r.findings[0].message_en.contains("keyCompromise"));
    let r = rev("rev-leaf-after.der", &e);
    assert_eq!(r.status, ChainStatus::Trusted, "{:#?}", r.findings);
    assert_eq!(r.revocation.status, RevocationStatus::Good);
    assert!(r
        .revocation
        .findings
        .iter()
        .any(|f| f.code == codes::REVOCATION_REVOKED_LATER && f.severity == Severity::Info));
    let r = rev("rev-leaf-ok.der", &e);
    assert_eq!(r.status, ChainStatus::Trusted);
    assert_eq!(r.revocation.status, RevocationStatus::Good);
    assert_eq!(r.revocation.source.as_deref(), Some("crl"));
    // A stale CRL (nextUpdate before the time) proves nothing.
    let r = rev("rev-leaf-ok.der", &ev(&["crl-ca-stale.der"], &[], &[]));
    assert_eq!(r.status, ChainStatus::Trusted);
    assert_eq!(r.revocation.status, RevocationStatus::NotChecked);
    assert!(r
        .revocation
        .findings
        .iter()
        .any(|f| f.code == codes::CRL_UNUSABLE));
    // A CRL whose signature does not verify is not believed, even about a revocation.
    let r = rev("rev-leaf-before.der", &ev(&["crl-ca-badsig.der"], &[], &[]));
    assert_eq!(r.status, ChainStatus::Trusted);
    assert_eq!(r.revocation.status, RevocationStatus::NotChecked);
}

#[test]
fn ocsp_revocation() {
    let r = rev("rev-leaf-ok.der", &ev(&[], &["ocsp-good.der"], &[]));
    assert_eq!(r.status, ChainStatus::Trusted);
    assert_eq!(r.revocation.status, RevocationStatus::Good);
    assert_eq!(r.revocation.source.as_deref(), Some("ocsp"));
    let r = rev(
        "rev-leaf-before.der",
        &ev(&[], &["ocsp-revoked-before.der"], &[]),
    );
    assert_eq!(r.status, ChainStatus::Revoked);
    let r = rev(
        "rev-leaf-after.der",
        &ev(&[], &["ocsp-revoked-after.der"], &[]),
    );
    assert_eq!(r.status, ChainStatus::Trusted);
    assert_eq!(r.revocation.revoked_at.map(|t| t.0), Some(utc(2026, 9, 1)));
    // Delegated responder (id-kp-OCSPSigning, issued by the CA).
    let r = rev(
        "rev-leaf-ok.der",
        &ev(&[], &["ocsp-delegated-good.der"], &[]),
    );
    assert_eq!(
        r.revocation.status,
        RevocationStatus::Good,
        "{:#?}",
        r.revocation.findings
    );
    // A response for another certificate says nothing about this one.
    let r = rev("rev-leaf-before.der", &ev(&[], &["ocsp-good.der"], &[]));
    assert_eq!(r.revocation.status, RevocationStatus::NotChecked);
    // A "good" from a responder the CA never authorised is ignored; the CRL still says revoked.
    let r = rev(
        "rev-leaf-before.der",
        &ev(&["crl-ca.der"], &["ocsp-rogue.der"], &[]),
    );
    assert_eq!(r.status, ChainStatus::Revoked);
    assert!(r
        .revocation
        .findings
        .iter()
        .any(|f| f.code == codes::OCSP_UNUSABLE));
}

#[test]
fn adobe_revocation_info_archival() {
    let e = parse_revocation_info_archival(&data("ria-crl.der"));
    assert_eq!(e.crls, vec![data("crl-ca.der")]);
    assert_eq!(e.ocsp, vec![data("ocsp-good.der")]);
    assert_eq!(rev("rev-leaf-before.der", &e).status, ChainStatus::Revoked);
    assert!(parse_revocation_info_archival(b"\x30\x03\xA0\x01").is_empty());
    assert!(parse_revocation_info_archival(&[]).is_empty());
}

#[test]
fn trust_store_loading() {
    let mut s = TrustStore::empty();
    // DER root -> anchor, DER intermediate -> intermediate, duplicates skipped.
    assert_eq!(
        s.add_pem_der_or_p7b(&data("root.der"), AnchorSource::User),
        Ok(1)
    );
    assert_eq!(
        s.add_pem_der_or_p7b(&data("ca.der"), AnchorSource::User),
        Ok(1)
    );
    assert_eq!(
        s.add_pem_der_or_p7b(&data("root.der"), AnchorSource::User),
        Ok(0)
    );
    assert_eq!(s.anchors()[0].purpose, AnchorPurpose::Root);
    assert_eq!(s.anchors()[1].purpose, AnchorPurpose::Intermediate);
    // PEM with both, round trip.
    let pem = s.to_pem();
    let mut s2 = TrustStore::empty();
    assert_eq!(
        s2.add_pem_der_or_p7b(pem.as_bytes(), AnchorSource::User),
        Ok(2)
    );
    // With the user's store, the leaf validates without any candidates.
    let leaf = data("leaf-good.der");
    let p = AlgorithmPolicy::default();
    let e = RevocationEvidence::default();
    let req = PathRequest {
        leaf: &leaf,
        candidates: &[],
        time: t(),
        purpose: KeyPurpose::DocumentSigning,
        revocation: &e,
        policy: &p,
    };
    assert_eq!(validate(&req, &s2).status, ChainStatus::Trusted);
    assert!(s2
        .add_pem_der_or_p7b(b"not a certificate", AnchorSource::User)
        .is_err());
    assert!(s2
        .add_pem_der_or_p7b(
            b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
            AnchorSource::User
        )
        .is_err());
}

#[test]
fn path_building_stops_on_its_budget() {
    // 90 same-name CAs certifying each other: billions of paths, none to a root.
    let pem = data("mesh.pem");
    let mut bag = TrustStore::empty();
    assert_eq!(bag.add_pem_der_or_p7b(&pem, AnchorSource::Test), Ok(90));
    let cands: Vec<Vec<u8>> = bag.anchors().iter().map(|a| a.der.clone()).collect();
    let leaf = data("mesh-leaf.der");
    let p = AlgorithmPolicy::default();
    let e = RevocationEvidence::default();
    let req = PathRequest {
        leaf: &leaf,
        candidates: &cands,
        time: t(),
        purpose: KeyPurpose::Any,
        revocation: &e,
        policy: &p,
    };
    let started = std::time::Instant::now();
    let r = validate(&req, &store());
    assert_eq!(r.status, ChainStatus::NoChainFound);
    // The reason given is the limit that stopped the search, named, not an
    // unknown issuer (the issuers are all in the signature).
    assert_eq!(
        first_code(&r),
        codes::CHAIN_BUDGET_EXCEEDED,
        "{:#?}",
        r.findings
    );
    assert!(
        r.findings[0].message_en.contains("at most"),
        "{}",
        r.findings[0].message_en
    );
    assert!(!r.findings.iter().any(|f| f.code == codes::CHAIN_NO_ISSUER));
    eprintln!("budget reached in {:?}", started.elapsed());
}
