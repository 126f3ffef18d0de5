// Shared by `build.rs` (via `include!`) and the library: the Vietnamese
// certificates Kyso ships, pinned by SHA-256 of their DER encoding. The build
// refuses a file whose fingerprint is not the one pinned here, so a changed
// file can never silently change what Kyso trusts.
//
// Fields: file name in `crates/kyso-pki/anchors/` (copied byte for byte from
// the reference folder `vn/trust`), SHA-256 (lowercase hex), role
// (`root` = trust anchor, `intermediate` = helps build paths but is not
// trusted by itself), label in Vietnamese, label in English.

/// One pinned certificate.
#[allow(dead_code)]
pub(crate) struct Pin {
    pub file: &'static str,
    pub sha256: &'static str,
    pub role: &'static str,
    pub label_vi: &'static str,
    pub label_en: &'static str,
}

#[allow(dead_code)]
pub(crate) const PINS: &[Pin] = &[
    Pin {
        file: "rootcag2.pem",
        sha256: "f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8",
        role: "root",
        label_vi: "Ban Cơ yếu Chính phủ — RootCA chuyên dùng Chính phủ G2",
        label_en: "Government Cipher Committee — Government Special-Use RootCA G2",
    },
    Pin {
        file: "cpcag2.pem",
        sha256: "d8cab7a4aef92e6bb2509d7c61cee7b44f3731b2d21074963530277b366fae4b",
        role: "intermediate",
        label_vi: "Ban Cơ yếu Chính phủ — CA phục vụ các cơ quan Nhà nước G2",
        label_en: "Government Cipher Committee — CA for State agencies G2",
    },
    Pin {
        file: "tsa_vgca_May-chu-cap-dau-thoi-gian-CPNET.pem",
        sha256: "5a4bd3c54b3310ebda0275dd7c9e5dbcc0aa9b65bd377c8b24db373054f113e6",
        role: "intermediate",
        label_vi: "Ban Cơ yếu Chính phủ — Máy chủ cấp dấu thời gian CPNET",
        label_en: "Government Cipher Committee — CPNET timestamp server",
    },
    Pin {
        file: "tsa_vgca_May-chu-cap-dau-thoi-gian-02.pem",
        sha256: "eae46d68a0b921ec7c82da11c75466222f4996912e53caa41ec70672ce954bd6",
        role: "intermediate",
        label_vi: "Ban Cơ yếu Chính phủ — Máy chủ cấp dấu thời gian 02",
        label_en: "Government Cipher Committee — timestamp server 02",
    },
    Pin {
        file: "vnrca256.pem",
        sha256: "bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7",
        role: "root",
        label_vi: "Trung tâm Chứng thực điện tử quốc gia (NEAC) — Vietnam National Root CA",
        label_en: "National Electronic Authentication Centre (NEAC) — Vietnam National Root CA",
    },
    Pin {
        file: "vnpt-ca-sha2.pem",
        sha256: "7d6ba5245317f9ed5d8bc765a4634d26ac6340d36b9f584df3b52d9c4a81a306",
        role: "intermediate",
        label_vi: "Tập đoàn Bưu chính Viễn thông Việt Nam — VNPT-CA SHA2",
        label_en: "Vietnam Posts and Telecommunications Group — VNPT-CA SHA2",
    },
];
