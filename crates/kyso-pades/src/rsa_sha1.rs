//! `adbe.x509.rsa_sha1` (ISO 32000-1 §12.8.3.2): a bare PKCS#1 v1.5
//! signature over the SHA-1 of the byte ranges, the signer in /Cert.

use crate::codes;
use crate::signature::structure_error;
use crate::Ctx;
use kyso_crypto::policy::{Acceptance, Use};
use kyso_crypto::{DigestAlg, KeyInfo, Message, SignatureAlg};
use kyso_pdf::SignatureDict;
use kyso_report::{Finding, SignatureReport, Time};
use kyso_validation::signer::{judge_signer, SignerEvidence};

/// adbe.x509.rsa_sha1 (ISO 32000-1 §12.8.3.2): /Contents is a DER OCTET STRING
/// holding a PKCS#1 v1.5 signature over the SHA-1 of the byte ranges; the
/// signer certificate is the first of /Cert.
pub(crate) fn x509_rsa_sha1(
    ctx: &mut Ctx<'_>,
    s: &SignatureDict,
    value: &[u8],
    range: [u64; 4],
    later_doc_ts: Option<Time>,
    r: &mut SignatureReport,
) {
    use der::Decode;
    let Some(sig_value) = der_octet_string(value) else {
        structure_error(
            codes::PDF_RSA_SHA1_BAD_CONTENTS,
            "Giá trị chữ ký adbe.x509.rsa_sha1 không phải là một OCTET STRING DER.",
            "The adbe.x509.rsa_sha1 signature value is not a DER OCTET STRING.",
            r,
        );
        return;
    };
    let Some(leaf) = s.cert.first() else {
        r.findings.push(Finding::error(
            codes::PDF_RSA_SHA1_NO_CERTIFICATE,
            "Chữ ký adbe.x509.rsa_sha1 không kèm chứng thư của người ký (/Cert).",
            "The adbe.x509.rsa_sha1 signature carries no signer certificate (/Cert).",
        ));
        return;
    };
    let Ok(cert) = x509_cert::Certificate::from_der(leaf) else {
        r.findings.push(Finding::error(
            codes::PDF_RSA_SHA1_BAD_CERTIFICATE,
            "Chứng thư trong /Cert không đọc được.",
            "The certificate in /Cert could not be read.",
        ));
        return;
    };
    r.facts.signer_certificate_found = true;
    r.signer = kyso_pki::describe_certificate(leaf);
    let spki = cert.tbs_certificate.subject_public_key_info;
    let alg = SignatureAlg::RsaPkcs1v15(DigestAlg::Sha1);
    r.algorithms.digest = Some("SHA-1".into());
    r.algorithms.signature = Some(alg.name());
    let key = KeyInfo::from_spki(&spki).ok();
    r.algorithms.public_key = key.as_ref().map(|k| k.description());
    let digest = ctx.hasher.digest(range, DigestAlg::Sha1);
    match kyso_crypto::verify_signature(
        &alg,
        &spki,
        Message::Digest(DigestAlg::Sha1, &digest),
        sig_value,
    ) {
        Ok(_) => {
            r.facts.digest_matches = Some(true);
            r.facts.crypto_valid = Some(true);
            r.findings.push(Finding::passed(
                codes::PDF_RSA_SHA1_VALID,
                "Chữ ký RSA trên giá trị băm SHA-1 của tài liệu là đúng.",
                "The RSA signature over the document's SHA-1 digest verifies.",
            ));
        }
        Err(kyso_crypto::CryptoError::BadSignature) => {
            // PKCS#1 v1.5 cannot tell a changed document from a wrong value.
            r.facts.crypto_valid = Some(false);
            r.findings.push(Finding::error(
                codes::PDF_RSA_SHA1_INVALID,
                "Chữ ký RSA không khớp: tài liệu đã bị thay đổi hoặc giá trị chữ ký sai.",
                "The RSA signature does not verify: the document was changed or the signature value is wrong.",
            ));
        }
        Err(e) => {
            r.facts.unsupported_algorithm = true;
            r.findings.push(Finding::warning(
                codes::PDF_RSA_SHA1_UNSUPPORTED,
                format!("Không kiểm tra được chữ ký: {e}."),
                format!("The signature could not be checked: {e}."),
            ));
        }
    }
    let poe = later_doc_ts.map(|t| t.0);
    let mut judge = |a: Acceptance| {
        if let Acceptance::Rejected { reason, no_poe } = a {
            r.facts.weak_algorithm = true;
            r.facts.weak_algorithm_no_poe |= no_poe;
            r.findings.push(Finding::error(
                codes::ALGORITHM_WEAK,
                format!("Thuật toán không còn đủ an toàn theo chính sách: {reason}."),
                format!("Algorithm rejected by policy: {reason}."),
            ));
        }
    };
    judge(ctx.policy.digest(DigestAlg::Sha1, Use::Signature, poe));
    if let Some(k) = &key {
        judge(ctx.policy.key(k, poe));
    }
    let mut candidates: Vec<Vec<u8>> = s.cert.iter().skip(1).cloned().collect();
    candidates.extend(ctx.dss.certs.iter().cloned());
    let signer = SignerEvidence {
        leaf: Some(leaf),
        certs: &candidates,
        evidence: &ctx.dss,
        proof: None,
        later_proof: later_doc_ts,
        signer_clock: None,
        claimed: r.signing_time.pdf_m,
    };
    judge_signer(r, &ctx.clock, &ctx.store, &signer);
}

/// The content octets of a DER OCTET STRING at the start of `b` (zero padding
/// after it, as PDF writers leave in /Contents, is ignored).
fn der_octet_string(b: &[u8]) -> Option<&[u8]> {
    if b.first() != Some(&0x04) {
        return None;
    }
    let first = *b.get(1)?;
    let (len, hdr) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for k in 0..n {
            len = (len << 8) | *b.get(2 + k)? as usize;
        }
        (len, 2 + n)
    };
    let body = b.get(hdr..hdr.checked_add(len)?)?;
    b[hdr + len..].iter().all(|&x| x == 0).then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn octet_string_with_padding() {
        assert_eq!(
            der_octet_string(&[0x04, 0x02, 0xaa, 0xbb, 0, 0]),
            Some(&[0xaa, 0xbb][..])
        );
        assert_eq!(
            der_octet_string(&[0x04, 0x81, 0x01, 0xaa]),
            Some(&[0xaa][..])
        );
        assert_eq!(
            der_octet_string(&[0x04, 0x02, 0xaa, 0xbb, 1]),
            None,
            "non-zero trailing bytes"
        );
        assert_eq!(der_octet_string(&[0x04, 0x05, 0xaa]), None, "truncated");
        assert_eq!(der_octet_string(&[0x30, 0x00]), None);
        assert_eq!(der_octet_string(&[0x04, 0x85, 1, 1, 1, 1, 1]), None);
    }
}
