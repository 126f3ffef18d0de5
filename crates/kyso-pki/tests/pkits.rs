//! NIST PKITS (Public Key Interoperability Test Suite, 2011 edition) as
//! packaged by pyhanko-certvalidator: `pki-suites/nist-pkits/pkits.json`.
//!
//! Every case runs; `pkits-exceptions.tsv` lists the cases whose outcome is
//! known to differ from NIST's, each with a reason. The test fails on an
//! unexpected failure AND on an excepted case that now behaves as NIST says
//! (so the exceptions file cannot rot). `KYSO_PKITS_PRINT=1` prints every divergence.

mod common;

use kyso_crypto::policy::AlgorithmPolicy;
use kyso_pki::{
    validate_with_options, Anchor, AnchorPurpose, AnchorSource, KeyPurpose, PathRequest,
    RevocationEvidence, TrustStore, ValidationOptions,
};
use kyso_report::ChainStatus;
use std::collections::BTreeMap;

#[test]
fn nist_pkits() {
    let Some(shared) = common::shared() else {
        return;
    };
    let dir = shared.join("pki-suites/nist-pkits");
    let cases: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("pkits.json")).unwrap()).unwrap();
    let read = |sub: &str, name: &str| {
        std::fs::read(dir.join(sub).join(name)).unwrap_or_else(|e| panic!("{sub}/{name}: {e}"))
    };
    let exceptions: BTreeMap<String, String> = include_str!("pkits-exceptions.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut it = l.splitn(3, '\t');
            let _id = it.next().unwrap();
            let name = it.next().expect("name column").to_string();
            (name, it.next().expect("reason column").to_string())
        })
        .collect();
    let mut store = TrustStore::empty();
    store.add(Anchor {
        der: read("certs", "TrustAnchorRootCertificate.crt"),
        label_vi: "PKITS Trust Anchor".into(),
        label_en: "PKITS Trust Anchor".into(),
        purpose: AnchorPurpose::Root,
        source: AnchorSource::Test,
    });
    // Inside every PKITS certificate's validity window (2010-01-01 .. 2030-12-31).
    let time = common::utc(2020, 1, 1);
    let policy = AlgorithmPolicy::default();
    let print = std::env::var_os("KYSO_PKITS_PRINT").is_some();
    let (mut unexpected, mut passed, mut excepted) = (Vec::new(), 0, 0);
    let mut seen_exceptions = 0;
    for case in cases.as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let id = case["id"].as_str().unwrap();
        let leaf = read("certs", case["cert"].as_str().unwrap());
        let mut others: Vec<Vec<u8>> = Vec::new();
        for key in ["other_certs", "path_intermediates"] {
            for c in case[key].as_array().into_iter().flatten() {
                others.push(read("certs", c.as_str().unwrap()));
            }
        }
        // The anchor's own CRL is part of the environment in every PKITS test
        // (PKITS §3: "the trust anchor's CRL"); pkits.json lists only the others.
        let mut crls: Vec<Vec<u8>> = vec![read("crls", "TrustAnchorRootCRL.crl")];
        crls.extend(
            case["crls"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| read("crls", c.as_str().unwrap())),
        );
        let ev = RevocationEvidence {
            crls,
            ocsp: vec![],
            certs: vec![],
        };
        let params = &case["params"];
        let opts = ValidationOptions {
            initial_policy_set: params["user_initial_policy_set"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| v.as_str().unwrap().to_string())
                .collect(),
            initial_explicit_policy: params["initial_explicit_policy"].as_bool().unwrap_or(false),
            initial_policy_mapping_inhibit: params["initial_policy_mapping_inhibit"]
                .as_bool()
                .unwrap_or(false),
            initial_any_policy_inhibit: params["initial_any_policy_inhibit"]
                .as_bool()
                .unwrap_or(false),
            require_revocation: case["revocation"].as_bool().unwrap_or(true),
        };
        let req = PathRequest {
            leaf: &leaf,
            candidates: &others,
            time,
            purpose: KeyPurpose::Any,
            revocation: &ev,
            policy: &policy,
        };
        let res = validate_with_options(&req, &store, &opts);
        let expect_valid = case.get("error").is_none();
        let is_valid = res.status == ChainStatus::Trusted;
        let agrees = expect_valid == is_valid;
        let exc = exceptions.get(name);
        if exc.is_some() {
            seen_exceptions += 1;
        }
        match (agrees, exc) {
            (true, None) => passed += 1,
            (false, Some(_)) => excepted += 1,
            (false, None) => unexpected.push(format!(
                "{id}\t{name}\tUNEXPECTED {} (expected {}): {:?} {}",
                if is_valid { "valid" } else { "invalid" },
                if expect_valid { "valid" } else { "invalid" },
                res.status,
                res.findings
                    .first()
                    .map(|f| f.message_en.as_str())
                    .unwrap_or("")
            )),
            (true, Some(reason)) => unexpected.push(format!(
                "{id}\t{name}\tUNEXPECTED PASS of an excepted case ({reason})"
            )),
        }
        if print && !agrees {
            println!(
                "{id}\t{name}\texpected {}, got {:?}: {}",
                if expect_valid { "valid" } else { "invalid" },
                res.status,
                res.findings
                    .first()
                    .map(|f| f.message_en.as_str())
                    .unwrap_or("")
            );
        }
    }
    assert_eq!(
        seen_exceptions,
        exceptions.len(),
        "every exception must name an existing case"
    );
    println!(
        "PKITS: {passed} agree with NIST, {excepted} documented exceptions, {} unexpected",
        unexpected.len()
    );
    assert!(
        unexpected.is_empty(),
        "PKITS divergences:\n{}",
        unexpected.join("\n")
    );
    assert!(passed >= 240, "too few PKITS cases agree ({passed})");
}
