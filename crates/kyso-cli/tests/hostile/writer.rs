//! Byte writers for the hostile shapes (`shapes.rs`): a PDF writer that can
//! append incremental updates, a DER tag-length-value writer, certificates
//! signed with Ed25519 and a zlib bomb. Shared by `tests/hostile.rs` and
//! `examples/gen-hostile.rs` through `#[path]`, so it needs nothing but the
//! crate's dev-dependencies.
#![allow(dead_code)]

/// PDF bodies: objects, streams, cross-reference tables and incremental
/// updates (ISO 32000-2 §7.5), written byte by byte as an attacker would.
pub mod pdf {
    use std::fmt::Write as _;

    /// A PDF being written: every object and cross-reference section is
    /// appended to `buf`; [`Pdf::xref`] closes a revision.
    pub struct Pdf {
        pub buf: Vec<u8>,
        /// Objects written since the last cross-reference section (number, offset).
        pending: Vec<(u64, usize)>,
        /// One more than the highest object number written so far.
        size: u64,
        /// Offset of the last cross-reference section (the next one's `/Prev`).
        pub last_xref: Option<usize>,
    }

    impl Default for Pdf {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Pdf {
        /// A header and nothing else.
        pub fn new() -> Pdf {
            Pdf {
                buf: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
                pending: Vec::new(),
                size: 1,
                last_xref: None,
            }
        }

        /// Object `num` (generation 0) with the given body.
        pub fn obj(&mut self, num: u64, body: impl AsRef<[u8]>) {
            self.pending.push((num, self.buf.len()));
            self.size = self.size.max(num + 1);
            self.buf
                .extend_from_slice(format!("{num} 0 obj\n").as_bytes());
            self.buf.extend_from_slice(body.as_ref());
            self.buf.extend_from_slice(b"\nendobj\n");
        }

        /// Stream object `num`: `<< dict /Length n >>` and `data` as is.
        pub fn stream(&mut self, num: u64, dict: &str, data: &[u8]) {
            let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
            body.extend_from_slice(data);
            body.extend_from_slice(b"\nendstream");
            self.obj(num, body);
        }

        /// The next unused object number.
        pub fn next_num(&self) -> u64 {
            self.size
        }

        /// Close a revision with a classic cross-reference table of the
        /// objects written since the last one (one subsection per run of
        /// consecutive numbers) and a trailer `<< /Size /Root 1 0 R /Prev
        /// extra >>`.
        pub fn xref(&mut self, trailer_extra: &str) {
            let at = self.buf.len();
            let mut entries = std::mem::take(&mut self.pending);
            if self.last_xref.is_none() {
                entries.push((0, usize::MAX));
            }
            entries.sort_unstable();
            let mut s = String::from("xref\n");
            let mut i = 0;
            while i < entries.len() {
                let mut j = i + 1;
                while j < entries.len() && entries[j].0 == entries[j - 1].0 + 1 {
                    j += 1;
                }
                let _ = writeln!(s, "{} {}", entries[i].0, j - i);
                for &(num, off) in &entries[i..j] {
                    if num == 0 && off == usize::MAX {
                        s.push_str("0000000000 65535 f \n");
                    } else {
                        let _ = writeln!(s, "{off:010} 00000 n ");
                    }
                }
                i = j;
            }
            let prev = self
                .last_xref
                .map(|p| format!(" /Prev {p}"))
                .unwrap_or_default();
            let _ = write!(
                s,
                "trailer\n<< /Size {} /Root 1 0 R{prev} {trailer_extra} >>\nstartxref\n{at}\n%%EOF\n",
                self.size
            );
            self.buf.extend_from_slice(s.as_bytes());
            self.last_xref = Some(at);
        }

        /// The file's bytes.
        pub fn finish(self) -> Vec<u8> {
            self.buf
        }
    }

    /// A PDF of the given objects (numbered from 1, the first the catalog)
    /// in one revision.
    pub fn from_objects<S: AsRef<str>>(objs: &[S]) -> Vec<u8> {
        let mut p = Pdf::new();
        for (i, o) in objs.iter().enumerate() {
            p.obj(i as u64 + 1, o.as_ref());
        }
        p.xref("");
        p.finish()
    }

    /// Uppercase hexadecimal, for `<…>` strings.
    pub fn hex(bytes: &[u8]) -> String {
        let mut s = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            let _ = write!(s, "{b:02X}");
        }
        s
    }

    /// The placeholder for a `/ByteRange` patched by [`patch_byte_range`].
    pub const BYTE_RANGE_SLOT: &str = "[0000000000 0000000000 0000000000 0000000000]";

    /// Fill the first [`BYTE_RANGE_SLOT`] after `from` so that the ranges
    /// cover `0..end` except the `<…>` of the `/Contents` that follows it
    /// (the hashed bytes of a PDF signature, ISO 32000-2 §12.8.1).
    pub fn patch_byte_range(buf: &mut [u8], from: usize, end: usize) {
        let find = |needle: &[u8], from: usize| {
            from + buf[from..]
                .windows(needle.len())
                .position(|w| w == needle)
                .expect("placeholder")
        };
        let slot = find(BYTE_RANGE_SLOT.as_bytes(), from);
        let lt = find(b"/Contents <", slot) + "/Contents ".len();
        let gt = find(b">", lt) + 1;
        let v = format!("[{:010} {:010} {:010} {:010}]", 0, lt, gt, end - gt);
        buf[slot..slot + v.len()].copy_from_slice(v.as_bytes());
    }
}

/// DER (X.690) by hand: tag, definite length, content.
pub mod der {
    /// One TLV with a one-byte tag.
    pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(content.len() + 6);
        out.push(tag);
        let n = content.len();
        if n < 0x80 {
            out.push(n as u8);
        } else {
            let bytes = n.to_be_bytes();
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
        out.extend_from_slice(content);
        out
    }

    fn cat(parts: &[&[u8]]) -> Vec<u8> {
        parts.concat()
    }

    pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
        tlv(0x30, &cat(parts))
    }

    pub fn set(parts: &[&[u8]]) -> Vec<u8> {
        tlv(0x31, &cat(parts))
    }

    /// SEQUENCE of owned items.
    pub fn seq_of(items: &[Vec<u8>]) -> Vec<u8> {
        tlv(0x30, &items.concat())
    }

    /// Context-specific constructed `[n]` (EXPLICIT, or IMPLICIT of a SEQUENCE/SET).
    pub fn ctx(n: u8, content: &[u8]) -> Vec<u8> {
        tlv(0xa0 | n, content)
    }

    /// Context-specific primitive `[n]` (IMPLICIT of a primitive type).
    pub fn ctx_prim(n: u8, content: &[u8]) -> Vec<u8> {
        tlv(0x80 | n, content)
    }

    /// An OBJECT IDENTIFIER from its dotted form.
    pub fn oid(dotted: &str) -> Vec<u8> {
        let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
        let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
        for &a in &arcs[2..] {
            let mut chunk = vec![(a & 0x7f) as u8];
            let mut v = a >> 7;
            while v > 0 {
                chunk.push(0x80 | (v & 0x7f) as u8);
                v >>= 7;
            }
            chunk.reverse();
            body.extend_from_slice(&chunk);
        }
        tlv(0x06, &body)
    }

    /// A non-negative INTEGER.
    pub fn uint(v: u64) -> Vec<u8> {
        let bytes = v.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count().min(7);
        let mut body = Vec::new();
        if bytes[skip] & 0x80 != 0 {
            body.push(0);
        }
        body.extend_from_slice(&bytes[skip..]);
        tlv(0x02, &body)
    }

    pub fn octets(b: &[u8]) -> Vec<u8> {
        tlv(0x04, b)
    }

    /// BIT STRING without unused bits.
    pub fn bits(b: &[u8]) -> Vec<u8> {
        let mut body = vec![0];
        body.extend_from_slice(b);
        tlv(0x03, &body)
    }

    pub fn utf8(s: &str) -> Vec<u8> {
        tlv(0x0c, s.as_bytes())
    }

    pub fn ia5(s: &str) -> Vec<u8> {
        tlv(0x16, s.as_bytes())
    }

    pub fn boolean(v: bool) -> Vec<u8> {
        tlv(0x01, &[if v { 0xff } else { 0 }])
    }

    pub fn null() -> Vec<u8> {
        vec![0x05, 0x00]
    }

    /// UTCTime `YYMMDDHHMMSSZ`.
    pub fn utc_time(s: &str) -> Vec<u8> {
        tlv(0x17, s.as_bytes())
    }

    /// GeneralizedTime `YYYYMMDDHHMMSSZ`.
    pub fn gen_time(s: &str) -> Vec<u8> {
        tlv(0x18, s.as_bytes())
    }

    /// AlgorithmIdentifier without parameters.
    pub fn alg(dotted: &str) -> Vec<u8> {
        seq(&[&oid(dotted)])
    }

    /// A Name of one RDN per attribute: `O=Kyso hostile, CN=<cn>`.
    pub fn name(cn: &str) -> Vec<u8> {
        let rdn = |o: &str, v: &str| set(&[&seq(&[&oid(o), &utf8(v)])]);
        seq(&[&rdn(oids::O, "Kyso hostile shapes"), &rdn(oids::CN, cn)])
    }

    /// Object identifiers used by the shapes.
    pub mod oids {
        pub const CN: &str = "2.5.4.3";
        pub const O: &str = "2.5.4.10";
        pub const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
        pub const DATA: &str = "1.2.840.113549.1.7.1";
        pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
        pub const ED25519: &str = "1.3.101.112";
        pub const CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
        pub const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
        pub const BASIC_CONSTRAINTS: &str = "2.5.29.19";
        pub const KEY_USAGE: &str = "2.5.29.15";
        pub const SUBJECT_ALT_NAME: &str = "2.5.29.17";
        pub const NAME_CONSTRAINTS: &str = "2.5.29.30";
        pub const OCSP_BASIC: &str = "1.3.6.1.5.5.7.48.1.1";
    }
}

/// Certificates, CRLs and OCSP responses signed with Ed25519 keys derived
/// from a label (deterministic: the same shape is the same file every run).
pub mod pki {
    use super::der::{self, oids};
    use ed25519_dalek::{Signer, SigningKey};
    use sha2::{Digest, Sha256};

    /// A key pair named by a label.
    pub struct Key(SigningKey);

    impl Key {
        pub fn new(label: &str) -> Key {
            Key(SigningKey::from_bytes(
                &Sha256::digest(label.as_bytes()).into(),
            ))
        }

        /// SubjectPublicKeyInfo (RFC 8410).
        pub fn spki(&self) -> Vec<u8> {
            der::seq(&[
                &der::alg(oids::ED25519),
                &der::bits(self.0.verifying_key().as_bytes()),
            ])
        }

        pub fn public(&self) -> [u8; 32] {
            self.0.verifying_key().to_bytes()
        }

        /// `SEQUENCE { tbs, algorithm, BIT STRING signature }`: the shape of a
        /// certificate, a CRL and a BasicOCSPResponse alike.
        pub fn signed(&self, tbs: &[u8]) -> Vec<u8> {
            let sig = self.0.sign(tbs).to_bytes();
            der::seq(&[tbs, &der::alg(oids::ED25519), &der::bits(&sig)])
        }

        /// A raw signature (for a SignerInfo).
        pub fn sign_raw(&self, data: &[u8]) -> Vec<u8> {
            self.0.sign(data).to_bytes().to_vec()
        }
    }

    /// What a certificate says.
    pub struct CertSpec<'a> {
        pub serial: u64,
        pub issuer: &'a [u8],
        pub subject: &'a [u8],
        pub key: &'a Key,
        pub ca: bool,
        /// Further extensions (DER `Extension`s).
        pub extensions: Vec<Vec<u8>>,
    }

    /// One `Extension`.
    pub fn extension(oid: &str, critical: bool, value: &[u8]) -> Vec<u8> {
        if critical {
            der::seq(&[&der::oid(oid), &der::boolean(true), &der::octets(value)])
        } else {
            der::seq(&[&der::oid(oid), &der::octets(value)])
        }
    }

    /// An X.509 v3 certificate valid 2020–2040, signed by `issuer_key`.
    pub fn cert(spec: &CertSpec<'_>, issuer_key: &Key) -> Vec<u8> {
        let mut exts = Vec::new();
        if spec.ca {
            exts.push(extension(
                oids::BASIC_CONSTRAINTS,
                true,
                &der::seq(&[&der::boolean(true)]),
            ));
            // keyCertSign, cRLSign
            exts.push(extension(
                oids::KEY_USAGE,
                true,
                &der::tlv(0x03, &[1, 0x06]),
            ));
        } else {
            // digitalSignature, nonRepudiation
            exts.push(extension(
                oids::KEY_USAGE,
                true,
                &der::tlv(0x03, &[6, 0xc0]),
            ));
        }
        exts.extend(spec.extensions.iter().cloned());
        let tbs = der::seq(&[
            &der::ctx(0, &der::uint(2)),
            &der::uint(spec.serial),
            &der::alg(oids::ED25519),
            spec.issuer,
            &der::seq(&[
                &der::utc_time("200101000000Z"),
                &der::utc_time("400101000000Z"),
            ]),
            spec.subject,
            &spec.key.spki(),
            &der::ctx(3, &der::seq_of(&exts)),
        ]);
        issuer_key.signed(&tbs)
    }

    /// The self-signed root every certificate shape chains to, given to the
    /// CLI with `--trust` (so that paths are evaluated to the end, which is
    /// where name constraints and revocation are checked).
    pub fn root() -> (Vec<u8>, Vec<u8>, Key) {
        let key = Key::new("root");
        let name = der::name("Kyso Hostile Root");
        let cert = cert(
            &CertSpec {
                serial: 1,
                issuer: &name,
                subject: &name,
                key: &key,
                ca: true,
                extensions: Vec::new(),
            },
            &key,
        );
        (cert, name, key)
    }

    /// `issuerAndSerialNumber` of a certificate we wrote: its issuer Name and serial.
    pub struct Sid<'a> {
        pub issuer: &'a [u8],
        pub serial: u64,
    }

    /// A CMS SignedData (RFC 5652) in a ContentInfo: detached, SHA-256, one
    /// SignerInfo naming `sid`, signed attributes (content type, message
    /// digest `digest`) signed by `key` — so the signature value is genuine
    /// over those attributes; whether the digest matches the content is up
    /// to the caller. `certs` go in `certificates` in the order given.
    pub fn signed_data(certs: &[Vec<u8>], sid: &Sid<'_>, key: &Key, digest: &[u8]) -> Vec<u8> {
        let attrs = [
            der::seq(&[
                &der::oid(oids::CONTENT_TYPE),
                &der::set(&[&der::oid(oids::DATA)]),
            ]),
            der::seq(&[
                &der::oid(oids::MESSAGE_DIGEST),
                &der::set(&[&der::octets(digest)]),
            ]),
        ]
        .concat();
        // Signed over the SET OF encoding (RFC 5652 §5.4), carried as [0] IMPLICIT.
        let sig = key.sign_raw(&der::tlv(0x31, &attrs));
        let signer_info = der::seq(&[
            &der::uint(1),
            &der::seq(&[sid.issuer, &der::uint(sid.serial)]),
            &der::alg(oids::SHA256),
            &der::ctx(0, &attrs),
            &der::alg(oids::ED25519),
            &der::octets(&sig),
        ]);
        let sd = der::seq(&[
            &der::uint(1),
            &der::set(&[&der::alg(oids::SHA256)]),
            &der::seq(&[&der::oid(oids::DATA)]),
            &der::ctx(0, &certs.concat()),
            &der::set(&[&signer_info]),
        ]);
        der::seq(&[&der::oid(oids::SIGNED_DATA), &der::ctx(0, &sd)])
    }

    /// A signer certified by a CA certified by [`root`], with the CMS
    /// pieces: (leaf certificate, CA certificate, leaf key, CA key, CA name).
    pub struct Chain {
        pub leaf: Vec<u8>,
        pub ca: Vec<u8>,
        pub leaf_key: Key,
        pub ca_key: Key,
        pub ca_name: Vec<u8>,
        pub leaf_serial: u64,
    }

    pub fn chain() -> Chain {
        let (_, root_name, root_key) = root();
        let ca_key = Key::new("ca");
        let ca_name = der::name("Kyso Hostile CA");
        let ca = cert(
            &CertSpec {
                serial: 2,
                issuer: &root_name,
                subject: &ca_name,
                key: &ca_key,
                ca: true,
                extensions: Vec::new(),
            },
            &root_key,
        );
        let leaf_key = Key::new("leaf");
        let leaf = cert(
            &CertSpec {
                serial: 3,
                issuer: &ca_name,
                subject: &der::name("Kyso Hostile Signer"),
                key: &leaf_key,
                ca: false,
                extensions: Vec::new(),
            },
            &ca_key,
        );
        Chain {
            leaf,
            ca,
            leaf_key,
            ca_key,
            ca_name,
            leaf_serial: 3,
        }
    }

    /// A signed OCSP response (RFC 6960) saying "good" for `serial` of the
    /// CA `issuer_name`/`issuer_key`, produced at `produced` (which makes each
    /// response distinct), signed by the CA itself.
    pub fn ocsp_response(
        issuer_name: &[u8],
        issuer_key: &Key,
        serial: u64,
        produced: &str,
    ) -> Vec<u8> {
        let cert_id = der::seq(&[
            &der::alg(oids::SHA256),
            &der::octets(&Sha256::digest(issuer_name)),
            &der::octets(&Sha256::digest(issuer_key.public())),
            &der::uint(serial),
        ]);
        let single = der::seq(&[&cert_id, &der::ctx_prim(0, &[]), &der::gen_time(produced)]);
        let tbs = der::seq(&[
            &der::ctx(1, issuer_name),
            &der::gen_time(produced),
            &der::seq(&[&single]),
        ]);
        let basic = issuer_key.signed(&tbs);
        der::seq(&[
            &der::tlv(0x0a, &[0]),
            &der::ctx(
                0,
                &der::seq(&[&der::oid(oids::OCSP_BASIC), &der::octets(&basic)]),
            ),
        ])
    }

    /// A signed v2 CRL of the CA `issuer_name` issued at `this_update`,
    /// revoking one serial that is not the signer's.
    pub fn crl(issuer_name: &[u8], issuer_key: &Key, revoked: u64, this_update: &str) -> Vec<u8> {
        let tbs = der::seq(&[
            &der::uint(1),
            &der::alg(oids::ED25519),
            issuer_name,
            &der::gen_time(this_update),
            &der::gen_time("20391231000000Z"),
            &der::seq(&[&der::seq(&[
                &der::uint(revoked),
                &der::utc_time("200601000000Z"),
            ])]),
        ]);
        issuer_key.signed(&tbs)
    }
}

/// zlib (RFC 1950) of `prefix`, `n` times `fill`, then `suffix`, compressed
/// at the best level without ever holding the `n` bytes: deflate's best
/// ratio on a run is ~1030:1.
pub fn zlib_run(prefix: &[u8], fill: u8, n: usize, suffix: &[u8]) -> Vec<u8> {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    let chunk = vec![fill; 1 << 20];
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::best());
    enc.write_all(prefix).unwrap();
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        enc.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    enc.write_all(suffix).unwrap();
    enc.finish().unwrap()
}

/// zlib of `data`.
pub fn zlib(data: &[u8]) -> Vec<u8> {
    zlib_run(data, 0, 0, b"")
}
