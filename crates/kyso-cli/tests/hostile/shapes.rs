//! Hostile inputs (issue 14): files built to exhaust a verifier's memory,
//! time or report, each a function of its size returning the file's bytes.
//! [`all`] lists them with a full size (what `docs/fuzzing.md` measures, and
//! what `examples/gen-hostile.rs` writes) and a smaller size for the debug
//! test build (`tests/hostile.rs`), where the same shape at full size would
//! take too long.
//!
//! Every certificate shape chains (or almost) to [`pki::root`], which the
//! CLI is given with `--trust` ([`ROOT_FILE`]): without a trusted root a
//! path is never evaluated to its end, and name constraints and revocation
//! evidence are never looked at.
#![allow(dead_code)]

use crate::writer::pdf::{hex, patch_byte_range, Pdf, BYTE_RANGE_SLOT};
use crate::writer::{der, pki, zlib, zlib_run};
use sha2::Digest;
use std::fmt::Write as _;

/// The name of the root certificate file given to `kyso verify --trust`.
pub const ROOT_FILE: &str = "hostile-root.der";

/// One hostile shape.
pub struct Shape {
    /// File name stem (also the test's name, with `-` as `_`).
    pub stem: &'static str,
    /// Extension: the format the CLI detects is from the bytes, but a
    /// `.p7s` is looked for beside its signed file.
    pub ext: &'static str,
    /// The size measured in `docs/fuzzing.md` (0: the shape has no size).
    pub full: usize,
    /// The size of the debug test (`cargo test -p kyso-cli --test hostile`).
    pub ci: usize,
    /// The unit of `full` and `ci` in the file name (`"mib"`; the
    /// function is given bytes), or `""`.
    pub unit: &'static str,
    /// The file of that size.
    pub build: fn(usize) -> Vec<u8>,
}

impl Shape {
    /// `stem-n.ext` (`stem-nmib.ext`), or `stem.ext` for a shape without a size.
    pub fn file_name(&self, n: usize) -> String {
        if self.full == 0 {
            format!("{}.{}", self.stem, self.ext)
        } else {
            format!("{}-{n}{}.{}", self.stem, self.unit, self.ext)
        }
    }
}

/// The size of the debug test build, or the full size with `full`.
pub fn size(s: &Shape, full: bool) -> usize {
    if full {
        s.full
    } else {
        s.ci
    }
}

macro_rules! shape {
    ($stem:literal, $ext:literal, $full:literal MiB, $ci:literal MiB, $f:expr) => {
        Shape {
            stem: $stem,
            ext: $ext,
            full: $full,
            ci: $ci,
            unit: "mib",
            build: |n| ($f)(n << 20),
        }
    };
    ($stem:literal, $ext:literal, $full:expr, $ci:expr, $f:expr) => {
        Shape {
            stem: $stem,
            ext: $ext,
            full: $full,
            ci: $ci,
            unit: "",
            build: $f,
        }
    };
}

/// Every shape, in the order of `docs/fuzzing.md`'s table.
pub fn all() -> Vec<Shape> {
    vec![
        shape!("sigdicts", "pdf", 2_000, 2_000, many_signature_dictionaries),
        shape!("sigfields", "pdf", 100_000, 5_000, signature_fields),
        shape!("sigfields-x3", "pdf", 300_000, 15_000, signature_fields),
        shape!(
            "objects-one-update",
            "pdf",
            100_000,
            20_000,
            objects_one_update
        ),
        shape!(
            "objects-many-updates",
            "pdf",
            100_000,
            4_000,
            objects_many_updates
        ),
        shape!("objects", "pdf", 1_000_000, 100_000, many_objects),
        shape!("nested-arrays", "pdf", 100_000, 100_000, nested_arrays),
        shape!("nested-dicts", "pdf", 100_000, 100_000, nested_dicts),
        shape!("pagetree-cycle", "pdf", 0, 0, |_| page_tree_cycle()),
        shape!("pagetree-dag", "pdf", 62, 62, page_tree_dag),
        shape!("prev-self-loop", "pdf", 0, 0, |_| prev_loop(false)),
        shape!("prev-two-cycle", "pdf", 0, 0, |_| prev_loop(true)),
        shape!("revisions", "pdf", 100_000, 10_000, revision_chain),
        shape!("bomb-content", "pdf", 255 MiB, 32 MiB, bomb_content),
        shape!("bomb-content-2x", "pdf", 255 MiB, 32 MiB, bomb_content_two_layers),
        shape!("bomb-objstm", "pdf", 255 MiB, 16 MiB, bomb_object_stream),
        shape!("bomb-xrefstm", "pdf", 8_388_607, 500_000, bomb_xref_stream),
        shape!("huge-length", "pdf", 0, 0, |_| huge_length()),
        shape!("byterange-extremes", "pdf", 0, 0, |_| byte_range_extremes()),
        shape!("huge-contents", "pdf", 32 MiB, 4 MiB, huge_contents),
        shape!("encrypt-huge-ou-r3", "pdf", 8 MiB, 1 MiB, |n| encrypt_huge_ou(n, false)),
        shape!("encrypt-huge-ou-r6", "pdf", 8 MiB, 1 MiB, |n| encrypt_huge_ou(n, true)),
        shape!("encrypted-unsigned", "pdf", 0, 0, |_| encrypted_unsigned()),
        shape!(
            "info-huge-title",
            "pdf",
            4_000_000,
            4_000_000,
            info_huge_title
        ),
        shape!("ber-deep", "p7s", 100_000, 100_000, ber_deep),
        shape!("ber-deep-in-pdf", "pdf", 100_000, 100_000, ber_deep_in_pdf),
        shape!("certs-chains", "p7s", 1_000, 1_000, certs_chains),
        shape!("certs-chains-under-cap", "p7s", 120, 120, certs_chains),
        shape!("certs-cross", "p7s", 1_000, 1_000, certs_cross),
        shape!("certs-cross-under-cap", "p7s", 120, 120, certs_cross),
        shape!("name-constraints", "p7s", 10_000, 10_000, name_constraints),
        shape!(
            "name-constraints-under-cap",
            "p7s",
            1_600,
            1_600,
            name_constraints
        ),
        shape!("dss-ocsp", "pdf", 10_000, 10_000, |n| dss(n, Dss::Ocsp)),
        shape!("dss-crl", "pdf", 10_000, 10_000, |n| dss(n, Dss::Crl)),
        shape!("dss-bomb-refs", "pdf", 10_000, 10_000, |n| dss(
            n,
            Dss::BombRefs
        )),
    ]
}

/// The trust anchor given with `--trust` (DER).
pub fn root_cert() -> Vec<u8> {
    pki::root().0
}

// ---------------------------------------------------------------------------
// Signatures and form fields
// ---------------------------------------------------------------------------

/// A one-page PDF whose AcroForm holds `n` signature fields, each with a tiny
/// signature dictionary: every /ByteRange overlaps every other one and every
/// /Contents is a 5-byte CMS stub. Attacks the report: ByteRange collisions
/// reported pairwise and `changes_after` per signature were quadratic (1,000
/// dictionaries: 157 MB of JSON before the collision finding was made one per
/// signature); and the per-signature work (capped at 500 examined).
pub fn many_signature_dictionaries(n: usize) -> Vec<u8> {
    let mut objs: Vec<String> = vec![String::new(); 3];
    let mut fields = Vec::with_capacity(n);
    for k in 0..n {
        let fi = objs.len() + 1;
        fields.push(format!("{fi} 0 R"));
        objs.push(format!(
            "<< /FT /Sig /T (S{k}) /V {} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>",
            fi + 1
        ));
        objs.push(format!(
            "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 100 200 {k}] /Contents <3082000100> >>"
        ));
    }
    let fields = fields.join(" ");
    objs[0] =
        format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{fields}] /SigFlags 3 >> >>");
    objs[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into();
    objs[2] = format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [{fields}] >>");
    crate::writer::pdf::from_objects(&objs)
}

/// `n` unsigned signature fields, each a field dictionary with one widget
/// kid on the page (2n objects). Attacks memory per field and widget (issue
/// 14 measured ~22 KB per field: 10^5 fields took 2.2 GB, 3×10^5 6.7 GB and
/// 30 s, the 50,000-field budget was checked after the memory was spent).
pub fn signature_fields(n: usize) -> Vec<u8> {
    let mut p = Pdf::new();
    let refs = |first: u64| -> String {
        let mut s = String::with_capacity(n * 12);
        for k in 0..n as u64 {
            let _ = write!(s, "{} 0 R ", first + 2 * k);
        }
        s
    };
    p.obj(
        1,
        format!(
            "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{}] /SigFlags 1 >> >>",
            refs(4)
        ),
    );
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(
        3,
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [{}] >>",
            refs(5)
        ),
    );
    for k in 0..n as u64 {
        let f = 4 + 2 * k;
        p.obj(
            f,
            format!("<< /FT /Sig /T (Signature{k}) /Kids [{} 0 R] >>", f + 1),
        );
        p.obj(
            f + 1,
            format!(
                "<< /Type /Annot /Subtype /Widget /Parent {f} 0 R /P 3 0 R /Rect [{} 10 {} 20] /F 4 >>",
                k % 600,
                k % 600 + 10
            ),
        );
    }
    p.xref("");
    p.finish()
}

/// Revision 1 of a signed document: catalog 1, pages 2, page 3, signature
/// field 4 with its widget, signature dictionary 5 whose /ByteRange covers
/// the revision except its /Contents, which holds `cms` padded with zeros to
/// `reserve` bytes.
fn signed_base(cms: &[u8], reserve: usize) -> Pdf {
    let mut p = Pdf::new();
    p.obj(
        1,
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
    );
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(
        3,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [4 0 R] >>",
    );
    p.obj(
        4,
        "<< /FT /Sig /T (Signature1) /V 5 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P 3 0 R >>",
    );
    let start = p.buf.len();
    let mut contents = hex(cms);
    contents.push_str(&"0".repeat(2 * reserve.saturating_sub(cms.len())));
    p.obj(
        5,
        format!(
            "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20260101000000Z) /ByteRange {BYTE_RANGE_SLOT} /Contents <{contents}> >>"
        ),
    );
    p.xref("");
    let end = p.buf.len();
    patch_byte_range(&mut p.buf, start, end);
    p
}

/// The CMS of [`signed_base`]'s signature: the signer and its CA (chaining
/// to the trusted root), signed attributes genuinely signed by the signer's
/// key, but a message digest of zeros, so the signature is never valid (the
/// chain and the revocation evidence are still checked: kyso-pades judges
/// the signer whatever the digest).
fn chain_cms() -> Vec<u8> {
    let c = pki::chain();
    pki::signed_data(
        &[c.leaf.clone(), c.ca.clone()],
        &pki::Sid {
            issuer: &c.ca_name,
            serial: c.leaf_serial,
        },
        &c.leaf_key,
        &[0; 32],
    )
}

// ---------------------------------------------------------------------------
// Objects and revisions
// ---------------------------------------------------------------------------

/// A signed revision, then ONE incremental update appending `n` unreferenced
/// objects. Attacks the change analysis of one update (issue 14: 10^5 such
/// objects took 13–14 s, superlinear in the objects of the update).
pub fn objects_one_update(n: usize) -> Vec<u8> {
    let mut p = signed_base(&chain_cms(), 4096);
    for k in 0..n as u64 {
        p.obj(6 + k, format!("<< /Hostile {k} >>"));
    }
    p.xref("");
    p.finish()
}

/// The same `n` objects as [`objects_one_update`] spread over `n / 200`
/// updates of 200 (500 updates for 10^5; the issue measured 2 s): attacks
/// the per-revision work, and the comparison with the one-update shape shows
/// whether the cost is per object or per update squared.
pub fn objects_many_updates(n: usize) -> Vec<u8> {
    let mut p = signed_base(&chain_cms(), 4096);
    let per = 200;
    let mut num = 6;
    for _ in 0..n.div_ceil(per) {
        for _ in 0..per {
            p.obj(num, format!("<< /Hostile {num} >>"));
            num += 1;
        }
        p.xref("");
    }
    p.finish()
}

/// `n` objects (10^6: the parser's `max_objects`) in one revision, none
/// referenced. Attacks the cross-reference table and any per-object index.
pub fn many_objects(n: usize) -> Vec<u8> {
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    for k in 0..n as u64 {
        p.obj(4 + k, format!("<< /N {k} >>"));
    }
    p.xref("");
    p.finish()
}

/// `n` arrays nested in each other, as the page's /MediaBox and the
/// catalog's /AcroForm. Attacks recursion in the parser (stack) and in every
/// walker (the limit is `max_depth` 64).
pub fn nested_arrays(n: usize) -> Vec<u8> {
    nested(&"[".repeat(n), &"]".repeat(n))
}

/// `n` dictionaries nested in each other (`<< /A << /A … >> >>`), as in
/// [`nested_arrays`].
pub fn nested_dicts(n: usize) -> Vec<u8> {
    nested(&"<< /A ".repeat(n), &" >>".repeat(n))
}

fn nested(open: &str, close: &str) -> Vec<u8> {
    crate::writer::pdf::from_objects(&[
        "<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R >>".into(),
        format!("{open}{close}"),
    ])
}

/// A page tree whose /Kids point back: the root lists itself and a node
/// whose only kid is the root again, and the page's /Parent is the node.
/// Attacks page-tree walks without a visited set (infinite loop).
pub fn page_tree_cycle() -> Vec<u8> {
    crate::writer::pdf::from_objects(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [2 0 R 4 0 R 3 0 R] /Count 3 >>",
        "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 612 792] >>",
        "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R 4 0 R] /Count 2 >>",
    ])
}

/// A page tree of `k` levels where each node lists the next one twice: one
/// page reachable 2^k ways (/Count says so). Attacks walks that visit every
/// path (time 2^k) or count pages by /Count and allocate that many.
pub fn page_tree_dag(k: usize) -> Vec<u8> {
    let mut objs = vec!["<< /Type /Catalog /Pages 2 0 R >>".to_string()];
    for level in 0..k {
        let num = 2 + level;
        let count = 1u64 << (k - level).min(62);
        objs.push(format!(
            "<< /Type /Pages /Kids [{n} 0 R {n} 0 R] /Count {count} >>",
            n = num + 1
        ));
    }
    objs.push(format!(
        "<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] >>",
        k + 1
    ));
    crate::writer::pdf::from_objects(&objs)
}

/// Cross-reference sections whose /Prev chain loops: onto the same section
/// (`two` false), or between two sections (`two` true). Attacks the revision
/// walk (infinite loop, or a revision list that grows forever).
pub fn prev_loop(two: bool) -> Vec<u8> {
    const SLOT: &str = "/Prev 0000000000";
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    p.xref(if two { SLOT } else { "" });
    p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
    if !two {
        // The next section's /Prev is its own offset.
        p.last_xref = Some(p.buf.len());
    }
    p.xref("");
    let second = p.last_xref.unwrap();
    let mut buf = p.finish();
    if two {
        // The first section's /Prev is the second, whose /Prev is the first.
        let at = buf
            .windows(SLOT.len())
            .position(|w| w == SLOT.as_bytes())
            .unwrap();
        let v = format!("/Prev {second:010}");
        buf[at..at + v.len()].copy_from_slice(v.as_bytes());
    }
    buf
}

/// `n` incremental updates (10^5; the parser's `max_revisions` is 1,000),
/// each rewriting the page. Attacks the revision list and anything per
/// revision (change analysis, revision facts in the report).
pub fn revision_chain(n: usize) -> Vec<u8> {
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    p.xref("");
    for k in 0..n {
        p.obj(
            3,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 {}] >>",
                100 + k % 700
            ),
        );
        p.xref("");
    }
    p.finish()
}

// ---------------------------------------------------------------------------
// Decompression bombs
// ---------------------------------------------------------------------------

fn one_page_with_content(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(
        3,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
    );
    p.stream(4, dict, data);
    p.xref("");
    p.finish()
}

/// The first page's content stream: FlateDecode of `n` zero bytes (NUL is
/// white space in content), ratio ~1030:1 (the parser allows 1100:1 and 256
/// MiB decoded). Attacks whoever reads the first page (text layer,
/// administrative reading, blank-page detection).
pub fn bomb_content(n: usize) -> Vec<u8> {
    one_page_with_content("/Filter /FlateDecode", &zlib_run(b"", 0, n, b""))
}

/// As [`bomb_content`] deflated twice (`/Filter [/FlateDecode
/// /FlateDecode]`): each stage ~1000:1, the whole ~10^6:1 (255 MiB from a
/// few hundred bytes). Attacks a ratio checked per stage only.
pub fn bomb_content_two_layers(n: usize) -> Vec<u8> {
    let once = zlib_run(b"", 0, n, b"");
    one_page_with_content("/Filter [/FlateDecode /FlateDecode]", &zlib(&once))
}

/// A PDF with a cross-reference stream whose object stream (FlateDecode,
/// ~1000:1) holds one object: a literal string of `n` bytes, the catalog's
/// /Lang. Attacks the object-stream cache (64 MiB) and any report field
/// that echoes /Lang.
pub fn bomb_object_stream(n: usize) -> Vec<u8> {
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R /Lang 5 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    let header = b"5 0 ";
    let first = header.len();
    p.stream(
        4,
        &format!("/Type /ObjStm /N 1 /First {first} /Filter /FlateDecode"),
        &zlib_run(b"5 0 (", b'a', n, b")"),
    );
    let offsets: Vec<usize> = offsets_of(&p.buf, 4);
    let xref_at = p.buf.len();
    let mut entries = vec![0u8, 0, 0, 0, 0, 0xff, 0xff];
    for off in &offsets {
        entries.extend_from_slice(&[1]);
        entries.extend_from_slice(&(*off as u32).to_be_bytes());
        entries.extend_from_slice(&[0, 0]);
    }
    entries.extend_from_slice(&[2, 0, 0, 0, 4, 0, 0]); // 5: in stream 4, index 0
    entries.extend_from_slice(&[1]);
    entries.extend_from_slice(&(xref_at as u32).to_be_bytes());
    entries.extend_from_slice(&[0, 0]);
    xref_stream_tail(p.finish(), 6, 7, &zlib(&entries))
}

/// Offsets of objects 1..=`last` written by `Pdf` (searched, in order).
fn offsets_of(buf: &[u8], last: u64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    for num in 1..=last {
        let needle = format!("{num} 0 obj\n");
        let at = from
            + buf[from..]
                .windows(needle.len())
                .position(|w| w == needle.as_bytes())
                .unwrap();
        out.push(at);
        from = at + 1;
    }
    out
}

/// Append the cross-reference stream object `num` (/W [1 4 2], /Size
/// `size`, `data` FlateDecoded) and the trailer pointing at it.
fn xref_stream_tail(mut buf: Vec<u8>, num: u64, size: usize, data: &[u8]) -> Vec<u8> {
    let at = buf.len();
    buf.extend_from_slice(
        format!(
            "{num} 0 obj\n<< /Type /XRef /Size {size} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length {} >>\nstream\n",
            data.len()
        )
        .as_bytes(),
    );
    buf.extend_from_slice(data);
    buf.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    buf
}

/// A cross-reference stream of `n` entries (8,388,607: ISO 32000's limit on
/// objects, the parser's `max_xref_entries`), all free but the first few,
/// FlateDecoded ~1000:1 (58 MiB of entries from ~60 KB). Attacks the
/// cross-reference index (one allocation per entry) and its decoding.
pub fn bomb_xref_stream(n: usize) -> Vec<u8> {
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    let offsets = offsets_of(&p.buf, 3);
    let xref_at = p.buf.len();
    let mut entries = vec![0u8, 0, 0, 0, 0, 0xff, 0xff];
    for off in offsets.iter().chain([&xref_at]) {
        entries.extend_from_slice(&[1]);
        entries.extend_from_slice(&(*off as u32).to_be_bytes());
        entries.extend_from_slice(&[0, 0]);
    }
    let rest = 7 * n.saturating_sub(5);
    xref_stream_tail(p.finish(), 4, n.max(5), &zlib_run(&entries, 0, rest, b""))
}

// ---------------------------------------------------------------------------
// Out-of-range numbers and huge values
// ---------------------------------------------------------------------------

/// Content streams whose /Length is u64::MAX, i64::MAX, -1 and a number of
/// 30 digits. Attacks offset arithmetic (overflow, a slice past the end)
/// and allocations sized from /Length.
pub fn huge_length() -> Vec<u8> {
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(
        3,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 5 0 R 6 0 R 7 0 R] >>",
    );
    for (num, len) in [
        (4, "18446744073709551615"),
        (5, "9223372036854775807"),
        (6, "-1"),
        (7, "999999999999999999999999999999"),
    ] {
        p.obj(
            num,
            format!("<< /Length {len} >>\nstream\nBT /F1 12 Tf (x) Tj ET\nendstream"),
        );
    }
    p.xref("");
    p.finish()
}

/// Signature dictionaries whose /ByteRange values are near u64::MAX, at
/// i64::MAX, negative, or overlapping with a length that wraps. Attacks the
/// range arithmetic (overflow) and the hasher (a range read past the end).
pub fn byte_range_extremes() -> Vec<u8> {
    let ranges = [
        "[0 18446744073709551615 18446744073709551615 18446744073709551615]",
        "[18446744073709551615 1 0 1]",
        "[0 100 18446744073709551515 100]",
        "[0 9223372036854775807 9223372036854775807 9223372036854775807]",
        "[-1 100 200 -18446744073709551615]",
        "[0 18446744073709551616 0 0]",
    ];
    let mut objs: Vec<String> = vec![String::new(); 3];
    let mut fields = Vec::new();
    for (k, br) in ranges.iter().enumerate() {
        let fi = objs.len() + 1;
        fields.push(format!("{fi} 0 R"));
        objs.push(format!(
            "<< /FT /Sig /T (S{k}) /V {} 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>",
            fi + 1
        ));
        objs.push(format!(
            "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange {br} /Contents <3082000100> >>"
        ));
    }
    let fields = fields.join(" ");
    objs[0] =
        format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [{fields}] /SigFlags 3 >> >>");
    objs[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into();
    objs[2] = format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [{fields}] >>");
    crate::writer::pdf::from_objects(&objs)
}

/// A signature whose /Contents is `n` bytes (a real CMS padded with zeros,
/// as signers pad, but to many MB; the CMS reader allows 64 MiB). Attacks
/// copies of /Contents (hex decoding, the CMS, the report's views of it).
pub fn huge_contents(n: usize) -> Vec<u8> {
    signed_base(&chain_cms(), n).finish()
}

/// An encrypted document whose /Encrypt /O and /U (and for R6 /OE, /UE,
/// /Perms) are `n` bytes each instead of 32–48. Attacks key derivation
/// (Algorithm 2 hashes /O; R6's hashes slice /U) and copies of the strings.
pub fn encrypt_huge_ou(n: usize, r6: bool) -> Vec<u8> {
    let big = hex(&vec![0x5a; n]);
    let enc = if r6 {
        format!("<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <{big}> /U <{big}> /OE <{big}> /UE <{big}> /Perms <{big}> >>")
    } else {
        format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <{big}> /U <{big}> >>")
    };
    encrypted(&enc)
}

fn encrypted(encrypt_dict: &str) -> Vec<u8> {
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    p.obj(4, encrypt_dict);
    p.xref(
        "/Encrypt 4 0 R /ID [<dcb50224f853dbb9a26bfc1c5b45b7f2><31415926535897932384626433832795>]",
    );
    p.finish()
}

/// A document encrypted with RC4-128 and the empty user password (the
/// /O, /U, /P and /ID of `fixtures/pdf/i3-encrypted-rc4-128.pdf`, which
/// determine the key; no object here holds a string or stream to decrypt),
/// and no signature. Attacks the wording: the issue saw "Invalid: 0/0
/// signature(s) pass every check".
pub fn encrypted_unsigned() -> Vec<u8> {
    encrypted("<< /Filter /Standard /Length 128 /O <672b7b5984350120dacc3470112bcd70063786d6eda4bd241d337fc2e87d9ab2> /P -4 /R 3 /U <46b5b4e680d0b47e4b19ef43848d0d020122456a91bae5134273a6db134c87c4> /V 2 >>")
}

/// A document information dictionary whose /Title is `n` UTF-16 code units
/// U+0001 (each escaped as six bytes `\u0001` in JSON). Attacks the report
/// size: any echo of the title is 6n bytes of JSON.
pub fn info_huge_title(n: usize) -> Vec<u8> {
    let mut t = vec![0xfe, 0xff];
    for _ in 0..n {
        t.extend_from_slice(&[0, 1]);
    }
    let mut p = Pdf::new();
    p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
    p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
    p.obj(
        4,
        format!("<< /Title <{}> /Author <{}> >>", hex(&t), hex(&t)),
    );
    p.xref("/Info 4 0 R");
    p.finish()
}

// ---------------------------------------------------------------------------
// CMS and certificates
// ---------------------------------------------------------------------------

/// A ContentInfo (signedData) whose content is `n` SEQUENCEs of BER
/// indefinite length nested in each other, each closed by end-of-contents.
/// Attacks recursive BER readers (stack) and indefinite-length scanning
/// (quadratic when each level searches for its end).
pub fn ber_deep(n: usize) -> Vec<u8> {
    let mut out = vec![0x30, 0x80];
    out.extend_from_slice(&der::oid(der::oids::SIGNED_DATA));
    out.extend_from_slice(&[0xa0, 0x80]);
    for _ in 0..n {
        out.extend_from_slice(&[0x30, 0x80]);
    }
    out.resize(out.len() + 2 * n + 4, 0);
    out
}

/// [`ber_deep`] as a PDF signature's /Contents.
pub fn ber_deep_in_pdf(n: usize) -> Vec<u8> {
    let cms = ber_deep(n);
    signed_base(&cms, cms.len()).finish()
}

/// A detached CMS whose signer is issued by "Hostile level 0", with `n` CA
/// certificates (rounded down to a multiple of 8) in eight levels (the path
/// builder's depth) that share their names: level j's n/8 are all "Hostile level j" issued by "Hostile level
/// j+1", the last level by the root. Every path has the same names, so a
/// builder that tries each same-named issuer explores (n/8)^8 paths, each
/// ending at the root (so evaluated, signatures checked). The signatures are
/// genuine, but each certificate is signed by the *last* of the level
/// above, so a depth-first builder meets the one valid path last: every path
/// it tries before fails only at its evaluation. Above 256 certificates the CMS reader refuses the whole
/// SignedData (`max_certificates`), and above 256 candidates (the
/// SignedData's certificates are offered twice) the path builder stops at
/// once: the "under-cap" size (120) reaches the search.
pub fn certs_chains(n: usize) -> Vec<u8> {
    let (_, root_name, root_key) = pki::root();
    let levels = 8;
    let width = (n / levels).max(1);
    let names: Vec<Vec<u8>> = (0..levels)
        .map(|j| der::name(&format!("Hostile level {j}")))
        .collect();
    let keys: Vec<Vec<pki::Key>> = (0..levels)
        .map(|j| {
            (0..width)
                .map(|w| pki::Key::new(&format!("chain {j} {w}")))
                .collect()
        })
        .collect();
    let mut certs = Vec::with_capacity(n + 1);
    let leaf_key = pki::Key::new("chain leaf");
    certs.push(pki::cert(
        &pki::CertSpec {
            serial: 1,
            issuer: &names[0],
            subject: &der::name("Hostile chain signer"),
            key: &leaf_key,
            ca: false,
            extensions: Vec::new(),
        },
        &keys[0][width - 1],
    ));
    let mut serial = 2;
    for j in 0..levels {
        let (issuer, issuer_key) = if j + 1 < levels {
            (&names[j + 1], &keys[j + 1][width - 1])
        } else {
            (&root_name, &root_key)
        };
        for key in &keys[j] {
            certs.push(pki::cert(
                &pki::CertSpec {
                    serial,
                    issuer,
                    subject: &names[j],
                    key,
                    ca: true,
                    extensions: Vec::new(),
                },
                issuer_key,
            ));
            serial += 1;
        }
    }
    pki::signed_data(
        &certs,
        &pki::Sid {
            issuer: &names[0],
            serial: 1,
        },
        &leaf_key,
        &[0; 32],
    )
}

/// A detached CMS with `n` CA certificates in cross-issued pairs: "Hostile
/// cross A" issued by "Hostile cross B" and back (issuer/subject loops, the
/// same two names throughout, each pair a distinct key), plus one "Hostile
/// cross A" issued by the root, placed last so that a depth-first builder
/// meets it after the loops. Signatures are genuine, as in [`certs_chains`].
pub fn certs_cross(n: usize) -> Vec<u8> {
    let (_, root_name, root_key) = pki::root();
    let a = der::name("Hostile cross A");
    let b = der::name("Hostile cross B");
    let pairs = (n / 2).max(1);
    let ka: Vec<pki::Key> = (0..pairs)
        .map(|i| pki::Key::new(&format!("cross a {i}")))
        .collect();
    let kb: Vec<pki::Key> = (0..pairs)
        .map(|i| pki::Key::new(&format!("cross b {i}")))
        .collect();
    let leaf_key = pki::Key::new("cross leaf");
    let mut certs = vec![pki::cert(
        &pki::CertSpec {
            serial: 1,
            issuer: &a,
            subject: &der::name("Hostile cross signer"),
            key: &leaf_key,
            ca: false,
            extensions: Vec::new(),
        },
        &ka[0],
    )];
    let ca = |serial, issuer: &[u8], subject: &[u8], key: &pki::Key, by: &pki::Key| {
        pki::cert(
            &pki::CertSpec {
                serial,
                issuer,
                subject,
                key,
                ca: true,
                extensions: Vec::new(),
            },
            by,
        )
    };
    for i in 0..pairs {
        certs.push(ca(10 + 2 * i as u64, &b, &a, &ka[i], &kb[i]));
        certs.push(ca(11 + 2 * i as u64, &a, &b, &kb[i], &ka[(i + 1) % pairs]));
    }
    certs.push(ca(2, &root_name, &a, &ka[0], &root_key));
    pki::signed_data(
        &certs,
        &pki::Sid {
            issuer: &a,
            serial: 1,
        },
        &leaf_key,
        &[0; 32],
    )
}

/// A detached CMS whose signer (1,000 dNSNames in subjectAltName) is issued
/// by a CA, certified by the root, with `n` name-constraint subtrees: n/2
/// permitted dNSNames, n/4 permitted directoryNames, n/4 excluded rfc822Names
/// (plus one directoryName permitting the signer's subject). Every signature
/// is genuine, so the path reaches the name-constraint check (an invalid
/// signature would stop it before). Attacks the check's names × subtrees
/// product and the parse of the extension. A certificate above 64 KiB is
/// refused unparsed (kyso-pki `MAX_CERT_SIZE`): 10^4 subtrees make ~250 KB,
/// the "under-cap" size (1,600) ~55 KB.
pub fn name_constraints(n: usize) -> Vec<u8> {
    use der::{ctx, ctx_prim, seq, seq_of};
    let (_, root_name, root_key) = pki::root();
    let mut permitted = Vec::with_capacity(n);
    for k in 0..n / 2 {
        permitted.push(seq(&[&ctx_prim(
            2,
            format!("h{k}.hostile.example").as_bytes(),
        )]));
    }
    for k in 0..n / 4 {
        permitted.push(seq(&[&ctx(4, &der::name(&format!("Hostile NC {k}")))]));
    }
    // O=Kyso hostile shapes: the signer's subject is inside it.
    let o = der::set(&[&seq(&[
        &der::oid(der::oids::O),
        &der::utf8("Kyso hostile shapes"),
    ])]);
    permitted.push(seq(&[&ctx(4, &seq(&[&o]))]));
    permitted.push(seq(&[&ctx_prim(2, b"signer.hostile.example")]));
    let excluded: Vec<Vec<u8>> = (0..n / 4)
        .map(|k| seq(&[&ctx_prim(1, format!("x{k}@hostile.example").as_bytes())]))
        .collect();
    let nc = seq(&[&ctx(0, &permitted.concat()), &ctx(1, &excluded.concat())]);
    let ca_name = der::name("Hostile constrained CA");
    let ca_key = pki::Key::new("nc ca");
    let ca = pki::cert(
        &pki::CertSpec {
            serial: 2,
            issuer: &root_name,
            subject: &ca_name,
            key: &ca_key,
            ca: true,
            extensions: vec![pki::extension(der::oids::NAME_CONSTRAINTS, true, &nc)],
        },
        &root_key,
    );
    // Names from the end of the permitted list: a linear matcher scans it all.
    let m = (n / 2).max(1);
    let sans: Vec<Vec<u8>> = (0..1000)
        .map(|k| ctx_prim(2, format!("h{}.hostile.example", m - 1 - k % m).as_bytes()))
        .collect();
    let leaf_key = pki::Key::new("nc leaf");
    let leaf = pki::cert(
        &pki::CertSpec {
            serial: 3,
            issuer: &ca_name,
            subject: &der::name("Hostile constrained signer"),
            key: &leaf_key,
            ca: false,
            extensions: vec![pki::extension(
                der::oids::SUBJECT_ALT_NAME,
                false,
                &seq_of(&sans),
            )],
        },
        &ca_key,
    );
    pki::signed_data(
        &[leaf, ca],
        &pki::Sid {
            issuer: &ca_name,
            serial: 3,
        },
        &leaf_key,
        &[0; 32],
    )
}

/// What the DSS of [`dss`] holds.
pub enum Dss {
    /// `n` distinct OCSP responses for the signer, each signed by its CA.
    Ocsp,
    /// `n` distinct CRLs of the signer's CA, each signed by it.
    Crl,
    /// One FlateDecode stream of 512 KiB of zeros (from ~500 bytes) listed
    /// `n` times in /OCSPs: each listing is decoded again, and duplicates
    /// removed only after all are held (2,000 entries read: ~1 GiB).
    BombRefs,
}

/// A signed revision (signer → CA → trusted root; the signature itself
/// invalid, see [`chain_cms`]), then an LTV-style update adding a DSS
/// (ISO 32000-2 §12.8.4.3) with `n` revocation entries. Attacks the DSS
/// reader (its budget is 2,000 entries), revocation matching (every
/// response against every certificate; signature checks are budgeted) and
/// the change analysis of an update of `n` new streams.
pub fn dss(n: usize, what: Dss) -> Vec<u8> {
    let mut p = signed_base(&chain_cms(), 4096);
    let c = pki::chain();
    let mut refs = String::with_capacity(n * 12);
    let first = p.next_num();
    let key = match what {
        Dss::Crl => "CRLs",
        Dss::Ocsp | Dss::BombRefs => "OCSPs",
    };
    match what {
        Dss::BombRefs => {
            p.stream(
                first,
                "/Filter /FlateDecode",
                &zlib_run(b"", 0, 512 << 10, b""),
            );
            for _ in 0..n {
                let _ = write!(refs, "{first} 0 R ");
            }
        }
        Dss::Ocsp | Dss::Crl => {
            for k in 0..n as u64 {
                let when = format!(
                    "2026{:02}{:02}{:02}{:02}{:02}Z",
                    1 + k / 100_000 % 12,
                    1 + k / 3600 % 28,
                    k / 60 % 24,
                    k % 60,
                    k * 7 % 60
                );
                let der = match what {
                    Dss::Ocsp => pki::ocsp_response(&c.ca_name, &c.ca_key, c.leaf_serial, &when),
                    _ => pki::crl(&c.ca_name, &c.ca_key, 1000 + k, &when),
                };
                p.stream(first + k, "", &der);
                let _ = write!(refs, "{} 0 R ", first + k);
            }
        }
    }
    let dss_num = p.next_num();
    p.obj(dss_num, format!("<< /Type /DSS /{key} [{refs}] >>"));
    p.obj(
        1,
        format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> /DSS {dss_num} 0 R >>"),
    );
    p.xref("");
    p.finish()
}

/// SHA-256 of the bytes, hex (for the generator's manifest).
pub fn sha256_hex(b: &[u8]) -> String {
    hex(&sha2::Sha256::digest(b)).to_lowercase()
}

/// A sparse file of `len` bytes starting with a PDF header (no disk blocks
/// but the header's). Attacks reading before refusing: above the core's
/// limit (2 GiB) the CLI must refuse it from its size; below, it is read
/// whole unless the size is checked against the PDF parser's own limit
/// (512 MiB) first.
pub fn write_sparse(path: &std::path::Path, len: u64) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    std::io::Write::write_all(&mut f, b"%PDF-1.7\n")?;
    f.set_len(len)
}
