//! The two real signed decrees published by the Government (`vn/pdf`): their
//! signer certificates must chain to "RootCA chuyên dùng Chính phủ G2" through
//! the bundled intermediate at the timestamp's time, and their timestamp
//! authorities' certificates must validate for time-stamping. The CMS blobs
//! carry only the leaf, so the intermediate must come from the bundle.

mod common;

use der::{Decode, Encode};
use kyso_crypto::policy::AlgorithmPolicy;
use kyso_pki::codes;
use kyso_pki::{
    describe_certificate, validate, KeyPurpose, PathRequest, RevocationEvidence, TrustStore,
};
use kyso_report::{ChainStatus, RevocationStatus, Time};

/// The first /Contents hex string large enough to be a signature, decoded and
/// cut to its DER length (the rest is zero padding, ISO 32000-1 §12.8.1).
fn pdf_cms(pdf: &[u8]) -> Vec<u8> {
    let needle = b"/Contents";
    let mut i = 0;
    while let Some(pos) = pdf[i..].windows(needle.len()).position(|w| w == needle) {
        let mut j = i + pos + needle.len();
        while pdf[j].is_ascii_whitespace() {
            j += 1;
        }
        if pdf[j] == b'<' {
            let end = j + pdf[j..].iter().position(|&b| b == b'>').unwrap();
            let hex: Vec<u8> = pdf[j + 1..end]
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            if hex.len() > 2000 {
                let bytes = hex::decode(hex).unwrap();
                let len = der::Header::from_der(&bytes[..6.min(bytes.len())]).ok();
                let _ = len;
                let mut reader = der::SliceReader::new(&bytes).unwrap();
                let h = der::Header::decode(&mut reader).unwrap();
                let total = usize::try_from(h.encoded_len().unwrap()).unwrap()
                    + usize::try_from(h.length).unwrap();
                return bytes[..total].to_vec();
            }
        }
        i = j;
    }
    panic!("no signature /Contents found");
}

struct Sig {
    leaf: Vec<u8>,
    certs: Vec<Vec<u8>>,
    tsa: Vec<u8>,
    tsa_certs: Vec<Vec<u8>>,
    gen_time: i64,
}

/// The signer certificate (found as kyso-cms finds it: issuer and serial
/// or key identifier) and every certificate of a SignedData.
fn certs_and_signer(sd: &kyso_cms::SignedDataView) -> (Vec<u8>, Vec<Vec<u8>>) {
    let res = kyso_cms::verify_signer(
        sd,
        0,
        kyso_cms::Content::Encapsulated,
        &AlgorithmPolicy::default(),
    );
    let certs: Vec<Vec<u8>> = sd.certificates().iter().map(|c| c.der.clone()).collect();
    let leaf = certs[res.signer_cert.expect("signer certificate in the CMS")].clone();
    (leaf, certs)
}

fn read_sig(pdf: &[u8]) -> Sig {
    let limits = kyso_cms::Limits::default();
    let sd = kyso_cms::parse_signed_data(&pdf_cms(pdf), &limits).unwrap();
    let (leaf, certs) = certs_and_signer(&sd);
    let token = sd.signer_infos()[0]
        .unsigned_attrs
        .iter()
        .find(|a| a.oid == kyso_cms::oids::ATTR_SIGNATURE_TIMESTAMP)
        .expect("signature timestamp")
        .values[0]
        .clone();
    let tok = kyso_cms::tsp::parse_token(&token, &limits).unwrap();
    let (tsa, tsa_certs) = certs_and_signer(&tok.cms);
    Sig {
        leaf,
        certs,
        tsa,
        tsa_certs,
        gen_time: tok.gen_time.0,
    }
}

fn check(file: &str, expect_year: i64) {
    let Some(shared) = common::shared() else {
        return;
    };
    let store = TrustStore::bundled();
    let pdf = std::fs::read(shared.join("vn/pdf").join(file)).unwrap();
    let sig = read_sig(&pdf);
    assert_eq!(sig.certs.len(), 1, "{file}: the CMS carries only the leaf");
    assert_eq!(Time(sig.gen_time).fields(0).0, expect_year);
    let policy = AlgorithmPolicy::default();
    let ev = RevocationEvidence::default();
    let req = PathRequest {
        leaf: &sig.leaf,
        candidates: &sig.certs,
        time: sig.gen_time,
        purpose: KeyPurpose::DocumentSigning,
        revocation: &ev,
        policy: &policy,
    };
    let res = validate(&req, &store);
    assert_eq!(
        res.status,
        ChainStatus::Trusted,
        "{file}: {:#?}",
        res.findings
    );
    assert_eq!(
        res.chain.len(),
        3,
        "leaf, CA phục vụ các cơ quan Nhà nước G2, RootCA G2"
    );
    let ca = describe_certificate(&res.chain[1]).unwrap();
    assert_eq!(
        ca.common_name.as_deref(),
        Some("CA phục vụ các cơ quan Nhà nước G2")
    );
    assert_eq!(
        res.anchor_label.as_deref(),
        Some("Ban Cơ yếu Chính phủ — RootCA chuyên dùng Chính phủ G2")
    );
    assert_eq!(res.findings[0].code, codes::CHAIN_TRUSTED);
    assert!(
        res.policies
            .iter()
            .any(|p| p.starts_with("2.16.704.1.1.1.1")),
        "VGCA policy recorded: {:?}",
        res.policies
    );
    // No revocation data is embedded in these files: said honestly.
    assert_eq!(res.revocation.status, RevocationStatus::NotChecked);
    assert_eq!(
        res.revocation.findings[0].code,
        codes::REVOCATION_NOT_CHECKED
    );

    // The same signer is not a timestamp authority.
    let as_tsa = validate(
        &PathRequest {
            purpose: KeyPurpose::TimeStamping,
            ..req
        },
        &store,
    );
    assert_eq!(as_tsa.status, ChainStatus::ConstraintsFailure);
    assert_eq!(as_tsa.findings[0].code, codes::TSA_EKU_MISSING);
    // Without the bundle, nobody vouches for the issuer.
    let none = validate(&req, &TrustStore::empty());
    assert_eq!(none.status, ChainStatus::NoChainFound);
    // Long after the certificate's expiry, with no proof of existence.
    let late = validate(
        &PathRequest {
            time: Time::from_utc(2060, 1, 1, 0, 0, 0).unwrap().0,
            ..req
        },
        &store,
    );
    assert_eq!(
        late.status,
        ChainStatus::ExpiredNoPoe,
        "{:#?}",
        late.findings
    );
    assert_eq!(late.findings[0].code, codes::LEAF_EXPIRED);

    // The timestamp authority, at its own genTime.
    let tsa_req = PathRequest {
        leaf: &sig.tsa,
        candidates: &sig.tsa_certs,
        time: sig.gen_time,
        purpose: KeyPurpose::TimeStamping,
        revocation: &ev,
        policy: &policy,
    };
    let tsa = validate(&tsa_req, &store);
    assert_eq!(
        tsa.status,
        ChainStatus::Trusted,
        "{file} TSA: {:#?}",
        tsa.findings
    );
    assert_eq!(tsa.chain.len(), 2);
    // The TSA certificate alone (token without certificates): the bundle still completes it.
    let tsa_alone = validate(
        &PathRequest {
            candidates: &[],
            ..tsa_req
        },
        &store,
    );
    assert_eq!(tsa_alone.status, ChainStatus::Trusted);
}

#[test]
fn decree_49_2026_chains_to_rootca_g2() {
    check("49-2026-ND-CP.pdf", 2026);
}

#[test]
fn decree_199_chains_to_rootca_g2() {
    check("199-ndcp.signed.pdf", 2026);
}

#[test]
fn decree_199_signer_described_in_vietnamese() {
    let Some(shared) = common::shared() else {
        return;
    };
    let pdf = std::fs::read(shared.join("vn/pdf/199-ndcp.signed.pdf")).unwrap();
    let sig = read_sig(&pdf);
    let info = describe_certificate(&sig.leaf).unwrap();
    assert_eq!(
        info.common_name.as_deref(),
        Some("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ")
    );
    assert_eq!(info.organization.as_deref(), Some("VĂN PHÒNG CHÍNH PHỦ"));
    assert_eq!(info.locality.as_deref(), Some("Hà Nội"));
    assert_eq!(info.email.as_deref(), Some("thongtinchinhphu@chinhphu.vn"));
    let ids: Vec<(&str, &str, &str)> = info
        .identifiers
        .iter()
        .map(|i| (i.kind.as_str(), i.value.as_str(), i.meaning_vi.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("MNS", "1032158", "Mã số đơn vị có quan hệ với ngân sách"),
            ("MST", "0102357802", "Mã số thuế")
        ]
    );
    assert!(
        info.subject
            .starts_with("E=thongtinchinhphu@chinhphu.vn,UID=MST:0102357802,UID=MNS:1032158,CN="),
        "{}",
        info.subject
    );
    assert_eq!(
        info.issuer_common_name.as_deref(),
        Some("CA phục vụ các cơ quan Nhà nước G2")
    );
    assert!(info.key_usage.contains(&"nonRepudiation".to_string()));
    assert!(!info.is_ca);
    assert_eq!(
        info.public_key.as_deref().map(|k| k.starts_with("RSA-")),
        Some(true)
    );
}

#[test]
fn bundled_store_contents() {
    // No reference folder needed: the anchors are committed with the code.
    let store = TrustStore::bundled();
    let roots: Vec<&str> = store
        .anchors()
        .iter()
        .filter(|a| a.purpose == kyso_pki::AnchorPurpose::Root)
        .map(|a| a.label_vi.as_str())
        .collect();
    assert_eq!(
        roots,
        vec![
            "Ban Cơ yếu Chính phủ — RootCA chuyên dùng Chính phủ G2",
            "Trung tâm Chứng thực điện tử quốc gia (NEAC) — Vietnam National Root CA"
        ]
    );
    assert_eq!(store.anchors().len(), 6);
    assert!(store
        .anchors()
        .iter()
        .all(|a| a.source == kyso_pki::AnchorSource::Bundled));
    let known = TrustStore::known_not_bundled();
    assert_eq!(known.len(), 3);
    assert!(known
        .iter()
        .all(|k| k.sha256.len() == 64 && k.sha256.bytes().all(|b| b.is_ascii_hexdigit())));
    // Nothing known-but-not-bundled is accidentally bundled.
    for a in store.anchors() {
        let fp = describe_certificate(&a.der).unwrap().sha256;
        assert!(known.iter().all(|k| k.sha256 != fp));
    }
}

/// The committed anchors are the shared reference folder's files, byte for
/// byte: a changed or added file there must be reviewed and pinned here.
#[test]
fn committed_anchors_match_the_reference_folder() {
    let Some(shared) = common::shared() else {
        return;
    };
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("anchors");
    let mut names: Vec<String> = std::fs::read_dir(shared.join("vn/trust"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut ours: Vec<String> = std::fs::read_dir(&committed)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    ours.sort();
    assert_eq!(names, ours, "anchors/ and vn/trust list the same files");
    for n in &names {
        assert_eq!(
            std::fs::read(shared.join("vn/trust").join(n)).unwrap(),
            std::fs::read(committed.join(n)).unwrap(),
            "{n} differs from the reference folder"
        );
    }
}
