//! Algorithm URIs of XML-DSig 1.1 (§6) and RFC 9231 ("Additional XML Security
//! URIs") mapped to kyso-crypto's algorithms.

use kyso_crypto::{DigestAlg, PssParameters, SignatureAlg};

/// The XML-DSig namespace.
pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
/// The XML-DSig 1.1 namespace.
pub const DSIG11_NS: &str = "http://www.w3.org/2009/xmldsig11#";
/// RFC 9231 RSASSA-PSS parameters namespace (`pss:RSAPSSParams`).
pub const PSS_NS: &str = "http://www.w3.org/2007/05/xmldsig-more#";
/// Exclusive C14N `InclusiveNamespaces` namespace.
pub const EXC_NS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";

/// `DigestMethod` URI → digest.
pub fn digest_from_uri(uri: &str) -> Option<DigestAlg> {
    Some(match uri {
        "http://www.w3.org/2001/04/xmldsig-more#md5" => DigestAlg::Md5,
        "http://www.w3.org/2000/09/xmldsig#sha1" => DigestAlg::Sha1,
        "http://www.w3.org/2001/04/xmldsig-more#sha224" => DigestAlg::Sha224,
        "http://www.w3.org/2001/04/xmlenc#sha256" => DigestAlg::Sha256,
        "http://www.w3.org/2001/04/xmldsig-more#sha384" => DigestAlg::Sha384,
        "http://www.w3.org/2001/04/xmlenc#sha512" => DigestAlg::Sha512,
        "http://www.w3.org/2007/05/xmldsig-more#sha3-224" => DigestAlg::Sha3_224,
        "http://www.w3.org/2007/05/xmldsig-more#sha3-256" => DigestAlg::Sha3_256,
        "http://www.w3.org/2007/05/xmldsig-more#sha3-384" => DigestAlg::Sha3_384,
        "http://www.w3.org/2007/05/xmldsig-more#sha3-512" => DigestAlg::Sha3_512,
        _ => return None,
    })
}

/// A `SignatureMethod` as Kyso verifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlSignatureAlg {
    /// A kyso-crypto algorithm; ECDSA values arrive as `r || s` (XML-DSig 1.1
    /// §6.4.3) and are re-encoded as DER for kyso-crypto.
    Known(SignatureAlg),
    /// `rsa-pss` with its parameters in the `RSAPSSParams` child (RFC 9231 §2.3.10),
    /// resolved when the element is read.
    PssWithParams,
}

fn pss(hash: DigestAlg) -> SignatureAlg {
    SignatureAlg::RsaPss(PssParameters {
        hash,
        mgf_hash: hash,
        salt_len: hash.output_len(),
    })
}

/// `SignatureMethod` URI → algorithm (HMAC and DSA are not supported: no
/// shared keys, DSA is obsolete).
pub fn signature_from_uri(uri: &str) -> Option<XmlSignatureAlg> {
    use DigestAlg::*;
    use SignatureAlg::*;
    let a = match uri {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-md5" => RsaPkcs1v15(Md5),
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1" => RsaPkcs1v15(Sha1),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha224" => RsaPkcs1v15(Sha224),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => RsaPkcs1v15(Sha256),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => RsaPkcs1v15(Sha384),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => RsaPkcs1v15(Sha512),
        "http://www.w3.org/2007/05/xmldsig-more#sha3-224-rsa" => RsaPkcs1v15(Sha3_224),
        "http://www.w3.org/2007/05/xmldsig-more#sha3-256-rsa" => RsaPkcs1v15(Sha3_256),
        "http://www.w3.org/2007/05/xmldsig-more#sha3-384-rsa" => RsaPkcs1v15(Sha3_384),
        "http://www.w3.org/2007/05/xmldsig-more#sha3-512-rsa" => RsaPkcs1v15(Sha3_512),
        "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1" => pss(Sha1),
        "http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1" => pss(Sha224),
        "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1" => pss(Sha256),
        "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1" => pss(Sha384),
        "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1" => pss(Sha512),
        "http://www.w3.org/2007/05/xmldsig-more#sha3-224-rsa-MGF1" => pss(Sha3_224),
        "http://www.w3.org/2007/05/xmldsig-more#sha3-256-rsa-MGF1" => pss(Sha3_256),
        "http://www.w3.org/2007/05/xmldsig-more#sha3-384-rsa-MGF1" => pss(Sha3_384),
        "http://www.w3.org/2007/05/xmldsig-more#sha3-512-rsa-MGF1" => pss(Sha3_512),
        "http://www.w3.org/2007/05/xmldsig-more#rsa-pss" => {
            return Some(XmlSignatureAlg::PssWithParams)
        }
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1" => Ecdsa(Sha1),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224" => Ecdsa(Sha224),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" => Ecdsa(Sha256),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384" => Ecdsa(Sha384),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512" => Ecdsa(Sha512),
        "http://www.w3.org/2007/05/xmldsig-more#ecdsa-sha3-224" => Ecdsa(Sha3_224),
        "http://www.w3.org/2007/05/xmldsig-more#ecdsa-sha3-256" => Ecdsa(Sha3_256),
        "http://www.w3.org/2007/05/xmldsig-more#ecdsa-sha3-384" => Ecdsa(Sha3_384),
        "http://www.w3.org/2007/05/xmldsig-more#ecdsa-sha3-512" => Ecdsa(Sha3_512),
        "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519" => Ed25519,
        "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed448" => Ed448,
        _ => return None,
    };
    Some(XmlSignatureAlg::Known(a))
}

/// ECDSA `r || s` (two big-endian integers of equal length) → DER `Ecdsa-Sig-Value`.
pub fn ecdsa_raw_to_der(raw: &[u8]) -> Option<Vec<u8>> {
    if raw.is_empty() || raw.len() % 2 != 0 || raw.len() > 2 * 66 {
        return None;
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let int = |x: &[u8]| {
        let x = {
            let nz = x
                .iter()
                .position(|b| *b != 0)
                .unwrap_or(x.len().saturating_sub(1));
            &x[nz..]
        };
        let mut v = Vec::with_capacity(x.len() + 3);
        v.push(0x02);
        let pad = x.first().is_some_and(|b| b & 0x80 != 0);
        v.push((x.len() + usize::from(pad)) as u8);
        if pad {
            v.push(0);
        }
        v.extend_from_slice(x);
        v
    };
    let (ri, si) = (int(r), int(s));
    let len = ri.len() + si.len();
    let mut out = vec![0x30];
    if len >= 0x80 {
        out.push(0x81);
    }
    out.push(len as u8);
    out.extend(ri);
    out.extend(si);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_to_der() {
        assert_eq!(
            ecdsa_raw_to_der(&[0, 1, 0x80, 2]).unwrap(),
            vec![0x30, 0x08, 0x02, 0x01, 0x01, 0x02, 0x03, 0x00, 0x80, 0x02]
        );
        assert!(ecdsa_raw_to_der(&[1, 2, 3]).is_none());
        assert!(ecdsa_raw_to_der(&[0, 0]).is_some());
    }
}
