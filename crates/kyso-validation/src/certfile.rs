//! A certificate file (`.cer`, `.crt`, `.pem`, `.der`, `.p7b`, `.p7c`) is not
//! a signed document: each certificate is described (with Vietnamese
//! identifiers explained by `kyso_pki::describe_certificate`), and the path
//! from its end-entity certificate to a trusted anchor is checked at the
//! validation time the one [`Clock`] picks (now, or the user's choice), with
//! the certificates of the file as candidate intermediates.

use crate::codes;
use crate::trust::{build_store, validate_path, Clock};
use kyso_pki::{KeyPurpose, PkiError, RevocationEvidence};
use kyso_report::{Finding, Report};

/// Describe the certificate file `bytes` into `report` (`certificates`,
/// `certificate_trust`, one finding). An unreadable file is an error value
/// for the caller to report as an input error.
pub fn describe_certificate_file(
    bytes: &[u8],
    opts: &crate::ValidationOptions<'_>,
    report: &mut Report,
) -> Result<(), PkiError> {
    let ders = kyso_pki::certificates_in(bytes)?;
    let described: Vec<_> = ders
        .iter()
        .filter_map(|d| kyso_pki::describe_certificate(d).map(|c| (d, c)))
        .collect();
    // The end-entity certificate is the one a user asks about; a bundle of
    // CA certificates is judged by its first.
    let leaf = described
        .iter()
        .find(|(_, c)| !c.is_ca)
        .or(described.first())
        .map(|(d, _)| (*d).clone());
    report.certificates = described.into_iter().map(|(_, c)| c).collect();
    let n = report.certificates.len();
    let store = build_store(opts, &mut report.findings);
    if let Some(leaf) = leaf {
        let time = Clock::new(opts).time_for(None, None);
        let (trust, _) = validate_path(
            &leaf,
            &ders,
            time,
            KeyPurpose::Any,
            &RevocationEvidence::default(),
            &store,
        );
        report.certificate_trust = Some(trust);
    }
    report.findings.push(Finding::info(
        codes::CERTIFICATE_DESCRIBED,
        format!("Tệp là chứng thư số ({n} chứng thư), không phải tài liệu được ký: không có chữ ký tài liệu nào để kiểm tra. Kyso mô tả từng chứng thư và kiểm tra chuỗi đến một tổ chức chứng thực tin cậy."),
        format!("The file is a certificate file ({n} certificate(s)), not a signed document: there is no document signature to verify. Kyso describes each certificate and checks its chain to a trusted certification authority."),
    ));
    Ok(())
}
