//! The Standard security handler (ISO 32000-1 §7.6.3; ISO 32000-2 §7.6.4):
//! V1/V2 (RC4 40–128 bits), V4 (crypt filters: V2 = RC4, AESV2 = AES-128,
//! Identity), V5 R5/R6 (AES-256, hash of ISO 32000-2 §7.6.4.3.4).
//!
//! Kyso only opens documents with the empty user password: a verifier has no
//! password to ask for. The signature's `/Contents` is never decrypted
//! (ISO 32000-1 §7.6.1: strings in the signature dictionary's Contents are not encrypted).

use crate::object::{Dict, ObjRef, Object};
use aes::cipher::{
    block_padding::NoPadding, block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit,
};
use md5::{Digest, Md5};
use rc4::{consts, KeyInit, StreamCipher};
use sha2::{Sha256, Sha384, Sha512};

/// Encryption of the document, as far as Kyso could understand it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encryption {
    /// Security handler (`/Filter`), e.g. `Standard`.
    pub filter: String,
    /// `/SubFilter`, if any.
    pub sub_filter: Option<String>,
    /// `/V` algorithm version.
    pub v: i64,
    /// `/R` revision of the standard handler.
    pub r: i64,
    /// Key length in bits.
    pub key_bits: u32,
    /// Human-readable cipher: `RC4-40`, `RC4-128`, `AES-128`, `AES-256`, `Identity`, `unknown`.
    pub algorithm: String,
    /// Whether the empty user password opened the document.
    pub opened: bool,
    /// `/EncryptMetadata` (default true).
    pub encrypt_metadata: bool,
}

impl Encryption {
    pub(crate) fn unreadable() -> Encryption {
        Encryption {
            filter: String::new(),
            sub_filter: None,
            v: 0,
            r: 0,
            key_bits: 0,
            algorithm: "unknown".into(),
            opened: false,
            encrypt_metadata: true,
        }
    }

    /// For the report.
    pub fn info(&self) -> kyso_report::EncryptionInfo {
        kyso_report::EncryptionInfo {
            filter: self.filter.clone(),
            algorithm: self.algorithm.clone(),
            opened: self.opened,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Identity,
    Rc4,
    Aes128,
    Aes256,
}

/// Decrypts strings and streams object by object (Algorithm 1, §7.6.2).
#[derive(Debug, Clone)]
pub(crate) struct Decryptor {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
    encrypt_metadata: bool,
}

/// 32-byte padding string (§7.6.3.3, Algorithm 2 step a).
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

fn name(d: &Dict, k: &[u8]) -> Option<String> {
    d.get(k)
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

fn bytes_of(d: &Dict, k: &[u8]) -> Vec<u8> {
    d.get(k)
        .and_then(Object::as_string)
        .map(|s| s.bytes.clone())
        .unwrap_or_default()
}

/// Read the encryption dictionary and try the empty user password.
pub(crate) fn open(dict: &Dict, id0: &[u8]) -> (Encryption, Option<Decryptor>) {
    let filter = name(dict, b"Filter").unwrap_or_default();
    let sub_filter = name(dict, b"SubFilter");
    let v = dict
        .get(b"V".as_slice())
        .and_then(Object::as_int)
        .unwrap_or(0);
    let r = dict
        .get(b"R".as_slice())
        .and_then(Object::as_int)
        .unwrap_or(0);
    let encrypt_metadata = !matches!(
        dict.get(b"EncryptMetadata".as_slice()),
        Some(Object::Bool(false))
    );
    let mut info = Encryption {
        filter: filter.clone(),
        sub_filter,
        v,
        r,
        key_bits: 0,
        algorithm: "unknown".into(),
        opened: false,
        encrypt_metadata,
    };
    if filter != "Standard" {
        return (info, None);
    }
    let (strings, streams, key_bits) = match v {
        1 => (Method::Rc4, Method::Rc4, 40),
        2 => {
            let bits = dict
                .get(b"Length".as_slice())
                .and_then(Object::as_int)
                .unwrap_or(40);
            (Method::Rc4, Method::Rc4, bits)
        }
        4 | 5 => {
            let cf = dict.get(b"CF".as_slice()).and_then(Object::as_dict);
            let method_of = |fname: Option<String>| -> Option<(Method, i64)> {
                let fname = fname.unwrap_or_else(|| "Identity".into());
                if fname == "Identity" {
                    return Some((Method::Identity, 0));
                }
                let f = cf?.get(fname.as_bytes()).and_then(Object::as_dict)?;
                let bits = f.get(b"Length".as_slice()).and_then(Object::as_int);
                match name(f, b"CFM").as_deref() {
                    Some("V2") => Some((
                        Method::Rc4,
                        bits.map(|b| if b <= 32 { b * 8 } else { b }).unwrap_or(128),
                    )),
                    Some("AESV2") => Some((Method::Aes128, 128)),
                    Some("AESV3") => Some((Method::Aes256, 256)),
                    Some("None") | None => Some((Method::Identity, 0)),
                    _ => None,
                }
            };
            let (Some(s), Some(t)) = (
                method_of(name(dict, b"StrF")),
                method_of(name(dict, b"StmF")),
            ) else {
                return (info, None);
            };
            let bits = if v == 5 {
                256
            } else {
                s.1.max(t.1).max(
                    dict.get(b"Length".as_slice())
                        .and_then(Object::as_int)
                        .unwrap_or(128),
                )
            };
            (s.0, t.0, bits)
        }
        _ => return (info, None),
    };
    if !(40..=256).contains(&key_bits) || key_bits % 8 != 0 {
        return (info, None);
    }
    info.key_bits = key_bits as u32;
    info.algorithm = match (strings, streams) {
        (Method::Aes256, _) | (_, Method::Aes256) => "AES-256".into(),
        (Method::Aes128, _) | (_, Method::Aes128) => "AES-128".into(),
        (Method::Rc4, _) | (_, Method::Rc4) => format!("RC4-{key_bits}"),
        _ => "Identity".into(),
    };
    let o = bytes_of(dict, b"O");
    let u = bytes_of(dict, b"U");
    let key = if r >= 5 {
        r6_file_key(r, &u, &bytes_of(dict, b"UE"))
    } else {
        let p = dict
            .get(b"P".as_slice())
            .and_then(Object::as_int)
            .unwrap_or(0) as i32;
        let n = if r == 2 { 5 } else { (key_bits / 8) as usize };
        let key = r4_file_key(r, n, &o, p, id0, encrypt_metadata);
        r4_check_user(r, &key, &u, id0).then_some(key)
    };
    match key {
        Some(key) => {
            info.opened = true;
            (
                info,
                Some(Decryptor {
                    key,
                    strings,
                    streams,
                    encrypt_metadata,
                }),
            )
        }
        None => (info, None),
    }
}

/// Algorithm 2 (§7.6.3.3) with the empty password.
fn r4_file_key(r: i64, n: usize, o: &[u8], p: i32, id0: &[u8], encrypt_metadata: bool) -> Vec<u8> {
    let mut h = Md5::new();
    h.update(PAD);
    h.update(o.get(..32).unwrap_or(o));
    h.update(p.to_le_bytes());
    h.update(id0);
    if r >= 4 && !encrypt_metadata {
        h.update([0xff; 4]);
    }
    let mut k = h.finalize().to_vec();
    let n = n.min(16);
    if r >= 3 {
        for _ in 0..50 {
            k = Md5::digest(k.get(..n).unwrap_or(&k)).to_vec();
        }
    }
    k.truncate(n);
    k
}

/// Algorithms 4 and 5 (§7.6.3.4): is the empty string the user password?
fn r4_check_user(r: i64, key: &[u8], u: &[u8], id0: &[u8]) -> bool {
    if r == 2 {
        let mut x = PAD.to_vec();
        rc4_apply(key, &mut x);
        return u.get(..32) == Some(&x[..]);
    }
    let mut h = Md5::new();
    h.update(PAD);
    h.update(id0);
    let mut x = h.finalize().to_vec();
    for i in 0..20u8 {
        let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
        rc4_apply(&k, &mut x);
    }
    u.get(..16) == Some(&x[..])
}

/// ISO 32000-2 §7.6.4.3.3 (Algorithm 2.A) with the empty password: check U, derive the key from UE.
fn r6_file_key(r: i64, u: &[u8], ue: &[u8]) -> Option<Vec<u8>> {
    if u.len() < 48 || ue.len() < 32 {
        return None;
    }
    let (hash, vsalt, ksalt) = (&u[..32], &u[32..40], &u[40..48]);
    if hash_2b(r, b"", vsalt, &[]) != hash {
        return None;
    }
    let ik = hash_2b(r, b"", ksalt, &[]);
    let mut buf = ue[..32].to_vec();
    let dec = cbc::Decryptor::<aes::Aes256>::new_from_slices(&ik, &[0u8; 16]).ok()?;
    dec.decrypt_padded_mut::<NoPadding>(&mut buf).ok()?;
    Some(buf)
}

/// Algorithm 2.B (ISO 32000-2 §7.6.4.3.4); R5 (deprecated extension level 3) is a single SHA-256.
fn hash_2b(r: i64, pw: &[u8], salt: &[u8], udata: &[u8]) -> Vec<u8> {
    let mut k = {
        let mut h = Sha256::new();
        h.update(pw);
        h.update(salt);
        h.update(udata);
        h.finalize().to_vec()
    };
    if r < 6 {
        return k;
    }
    // The loop runs at least 64 rounds and stops once the last byte of E is
    // ≤ round − 32; E's last byte is < 256, so it ends by round 288.
    let mut round = 0usize;
    loop {
        let mut k1 = Vec::with_capacity(64 * (pw.len() + k.len() + udata.len()));
        for _ in 0..64 {
            k1.extend_from_slice(pw);
            k1.extend_from_slice(&k);
            k1.extend_from_slice(udata);
        }
        let (Some(key), Some(iv)) = (k.get(..16), k.get(16..32)) else {
            return k;
        };
        let Ok(enc) = cbc::Encryptor::<aes::Aes128>::new_from_slices(key, iv) else {
            return k;
        };
        let len = k1.len();
        let Ok(e) = enc.encrypt_padded_mut::<NoPadding>(&mut k1, len) else {
            return k;
        };
        let e = e.to_vec();
        let m: u32 = e.iter().take(16).map(|&b| u32::from(b)).sum::<u32>() % 3;
        k = match m {
            0 => Sha256::digest(&e).to_vec(),
            1 => Sha384::digest(&e).to_vec(),
            _ => Sha512::digest(&e).to_vec(),
        };
        round += 1;
        let last = usize::from(e.last().copied().unwrap_or(0));
        if round >= 64 && last + 32 <= round {
            break;
        }
        if round > 300 {
            break;
        }
    }
    k.truncate(32);
    k
}

macro_rules! rc4_sizes {
    ($key:expr, $data:expr, $($n:literal => $t:ty),*) => {
        match $key.len() {
            $($n => {
                if let Ok(mut c) = rc4::Rc4::<$t>::new_from_slice($key) {
                    c.apply_keystream($data);
                }
            })*
            _ => {}
        }
    };
}

/// RC4 with a key of 5..=16 bytes (every length Algorithm 1 can produce), or 32.
fn rc4_apply(key: &[u8], data: &mut [u8]) {
    use consts::*;
    rc4_sizes!(key, data, 5 => U5, 6 => U6, 7 => U7, 8 => U8, 9 => U9, 10 => U10, 11 => U11, 12 => U12,
        13 => U13, 14 => U14, 15 => U15, 16 => U16, 32 => U32);
}

impl Decryptor {
    /// Algorithm 1 (§7.6.2): the per-object key.
    fn object_key(&self, r: ObjRef, m: Method) -> Vec<u8> {
        if m == Method::Aes256 {
            return self.key.clone();
        }
        let mut h = Md5::new();
        h.update(&self.key);
        h.update(&r.num.to_le_bytes()[..3]);
        h.update(r.gen.to_le_bytes());
        if m == Method::Aes128 {
            h.update(b"sAlT");
        }
        let mut k = h.finalize().to_vec();
        k.truncate((self.key.len() + 5).min(16));
        k
    }

    fn decrypt(&self, r: ObjRef, m: Method, data: &[u8]) -> Vec<u8> {
        match m {
            Method::Identity => data.to_vec(),
            Method::Rc4 => {
                let mut out = data.to_vec();
                rc4_apply(&self.object_key(r, m), &mut out);
                out
            }
            Method::Aes128 | Method::Aes256 => {
                let key = self.object_key(r, m);
                let (Some(iv), Some(body)) = (data.get(..16), data.get(16..)) else {
                    return Vec::new();
                };
                let mut buf = body.to_vec();
                let res = if m == Method::Aes128 {
                    cbc::Decryptor::<aes::Aes128>::new_from_slices(&key, iv)
                        .ok()
                        .and_then(|d| {
                            d.decrypt_padded_mut::<Pkcs7>(&mut buf)
                                .ok()
                                .map(<[u8]>::len)
                        })
                } else {
                    cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, iv)
                        .ok()
                        .and_then(|d| {
                            d.decrypt_padded_mut::<Pkcs7>(&mut buf)
                                .ok()
                                .map(<[u8]>::len)
                        })
                };
                match res {
                    Some(n) => {
                        buf.truncate(n);
                        buf
                    }
                    // Bad padding: keep nothing rather than garbage.
                    None => Vec::new(),
                }
            }
        }
    }

    /// Decrypt every string and the stream data of object `r`, except the
    /// signature `/Contents`, xref streams and (if /EncryptMetadata false) metadata streams.
    pub(crate) fn decrypt_object(&self, r: ObjRef, obj: Object) -> Object {
        match obj {
            Object::Stream(mut s) => {
                let ty = s.dict.get(b"Type".as_slice()).and_then(Object::as_name);
                let skip_data = ty == Some(b"XRef")
                    || (ty == Some(b"Metadata") && !self.encrypt_metadata)
                    || is_identity_crypt(&s.dict);
                s.dict = self.decrypt_dict(r, s.dict, 0);
                if !skip_data && !s.raw.is_empty() {
                    s.raw = self.decrypt(r, self.streams, &s.raw);
                }
                Object::Stream(s)
            }
            other => self.decrypt_value(r, other, 0),
        }
    }

    fn decrypt_dict(&self, r: ObjRef, d: Dict, depth: usize) -> Dict {
        let is_sig = looks_like_signature(&d);
        d.into_iter()
            .map(|(k, v)| {
                if is_sig && k == b"Contents" {
                    (k, v)
                } else {
                    let v = self.decrypt_value(r, v, depth + 1);
                    (k, v)
                }
            })
            .collect()
    }

    fn decrypt_value(&self, r: ObjRef, o: Object, depth: usize) -> Object {
        // Depth was bounded by the parser; this guard only protects against misuse.
        if depth > 256 {
            return o;
        }
        match o {
            Object::String(mut s) => {
                s.bytes = self.decrypt(r, self.strings, &s.bytes);
                Object::String(s)
            }
            Object::Array(a) => Object::Array(
                a.into_iter()
                    .map(|x| self.decrypt_value(r, x, depth + 1))
                    .collect(),
            ),
            Object::Dict(d) => Object::Dict(self.decrypt_dict(r, d, depth)),
            other => other,
        }
    }
}

/// A signature dictionary: `/Type /Sig` or `/DocTimeStamp`, or `/ByteRange` with `/Contents`.
///
/// Decryption needs it first (the signature's `/Contents` stays as written),
/// so it lives here, below `document` and `sig`, which re-exports it.
pub(crate) fn looks_like_signature(d: &Dict) -> bool {
    let ty = d.get(b"Type".as_slice()).and_then(Object::as_name);
    matches!(ty, Some(b"Sig") | Some(b"DocTimeStamp"))
        || (d.contains_key(b"ByteRange".as_slice()) && d.contains_key(b"Contents".as_slice()))
}

fn is_identity_crypt(d: &Dict) -> bool {
    let is_crypt = |o: &Object| o.as_name() == Some(b"Crypt");
    let has_crypt = match d.get(b"Filter".as_slice()) {
        Some(Object::Array(a)) => a.first().is_some_and(is_crypt),
        Some(o) => is_crypt(o),
        None => false,
    };
    if !has_crypt {
        return false;
    }
    let parms = match d.get(b"DecodeParms".as_slice()) {
        Some(Object::Array(a)) => a.first().and_then(Object::as_dict),
        Some(o) => o.as_dict(),
        None => None,
    };
    parms
        .and_then(|p| p.get(b"Name".as_slice()))
        .and_then(Object::as_name)
        .is_none_or(|n| n == b"Identity")
}
