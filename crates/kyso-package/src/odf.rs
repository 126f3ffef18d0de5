//! ODF packages (ODF 1.2 Part 3 §4, ODF 1.3 Part 2 §5): the signatures of
//! `META-INF/documentsignatures.xml` (and of `META-INF/macrosignatures.xml`),
//! references by relative file name.

use crate::codes;
use crate::zipread::{read_package, Parts};
use kyso_report::{Finding, Report};
use kyso_validation::ValidationOptions;

/// The document signatures file.
pub const DOCUMENT_SIGNATURES: &str = "META-INF/documentsignatures.xml";
/// The macro signatures file.
pub const MACRO_SIGNATURES: &str = "META-INF/macrosignatures.xml";

/// A reference URI → file name in the package: relative, no fragment or query,
/// percent-decoded when the plain form is absent.
fn file_of_uri<'a>(parts: &'a Parts, uri: &str) -> Option<&'a str> {
    if uri.starts_with('#') || uri.contains("://") {
        return None;
    }
    let path = uri.split(['#', '?']).next().unwrap_or("");
    let path = path.trim_start_matches("./");
    let decoded = percent_decode(path);
    parts
        .parts
        .iter()
        .find(|(n, _)| n == path)
        .or_else(|| {
            parts
                .parts
                .iter()
                .find(|(n, _)| Some(n) == decoded.as_ref())
        })
        .map(|(n, _)| n.as_str())
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return None;
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The root media type `META-INF/manifest.xml` declares (`full-path="/"`).
fn manifest_media_type(parts: &Parts) -> Option<String> {
    let b = parts.get("META-INF/manifest.xml")?;
    let text = kyso_xml::decode(b).ok()?;
    let limits = kyso_xml::Limits {
        max_bytes: 16 << 20,
        max_nodes: 200_000,
        max_depth: 32,
        max_attributes: 64,
    };
    let doc = kyso_xml::parse(&text, &limits).ok()?;
    let found = doc.tree().descendants().find_map(|n| {
        let full = n.attributes().find(|a| a.name() == "full-path")?;
        if full.value() != "/" {
            return None;
        }
        n.attributes()
            .find(|a| a.name() == "media-type")
            .map(|a| a.value().to_string())
    });
    found
}

/// Verify the signatures of an ODF package (`.odt`, `.ods`, `.odp`, …) into
/// `report`, then their coverage.
///
/// Coverage rule (ODF 1.2 Part 3 §4.8, ODF 1.3 Part 2 §5: a document
/// signature covers every file of the package but the signatures file):
/// every file except `META-INF/documentsignatures.xml` must be referenced by
/// every document signature, else an error naming the files. `mimetype` is
/// included, with one allowance: LibreOffice does not sign it, and it is
/// harmless unsigned when its bytes equal the root media type that the
/// signed `META-INF/manifest.xml` declares (what it says is then signed);
/// otherwise it is unsigned content like any other file.
/// `META-INF/macrosignatures.xml` signatures are verified and reported too;
/// the macro signatures file is not itself required to be covered (a later
/// document signature may cover it).
pub fn verify_odf(bytes: &[u8], opts: &ValidationOptions<'_>, report: &mut Report) {
    let Some(parts) = read_package(bytes, &mut report.findings) else {
        return;
    };
    let budget = std::cell::Cell::new(crate::zipread::MAX_RESOLVED);
    let resolver = |uri: &str| -> Option<Vec<u8>> {
        let n = file_of_uri(&parts, uri)?;
        crate::take_budget(&budget, parts.get(n)?)
    };
    let first = report.signatures.len();
    let Some(sigs) = parts.get(DOCUMENT_SIGNATURES) else {
        if parts.get(MACRO_SIGNATURES).is_none() {
            report.findings.push(Finding::info(
                codes::NO_SIGNATURE,
                "Gói tài liệu ODF không có chữ ký số.",
                "The ODF package has no digital signature.",
            ));
        }
        let before = report.signatures.len();
        macros(&parts, opts, &resolver, report);
        if report.signatures.len() > before {
            report.findings.push(Finding::error(
                codes::CONTENT_UNSIGNED,
                "Gói ODF chỉ có chữ ký macro: nội dung tài liệu KHÔNG được ký.",
                "The ODF package has macro signatures only: the document's content is NOT signed.",
            ));
        }
        return;
    };
    kyso_xades::verify_xml_document(sigs, opts, Some(&resolver), report);
    let doc_sigs = first..report.signatures.len();
    macros(&parts, opts, &resolver, report);
    let sigs = &report.signatures[doc_sigs];
    let covered_by = |s: &kyso_report::SignatureReport, name: &str| {
        s.signed_references.iter().any(|r| {
            r.uri
                .as_deref()
                .and_then(|u| file_of_uri(&parts, u))
                .is_some_and(|n| n == name)
        })
    };
    let media = manifest_media_type(&parts);
    let mut unsigned = Vec::new();
    for (n, b) in &parts.parts {
        if n == DOCUMENT_SIGNATURES || n == MACRO_SIGNATURES {
            continue;
        }
        if !sigs.is_empty() && sigs.iter().all(|s| covered_by(s, n)) {
            continue;
        }
        if n == "mimetype"
            && media
                .as_deref()
                .is_some_and(|m| m.as_bytes() == b.as_slice())
            && !sigs.is_empty()
            && sigs.iter().all(|s| covered_by(s, "META-INF/manifest.xml"))
        {
            continue;
        }
        unsigned.push(n.clone());
    }
    unsigned.extend(parts.refused.iter().cloned());
    if unsigned.is_empty() {
        report.findings.push(Finding::passed(
            codes::COVERAGE_COMPLETE,
            "Mọi tệp của gói ODF đều được mọi chữ ký bao phủ.",
            "Every file of the ODF package is covered by every signature.",
        ));
    } else {
        report.findings.push(Finding::error(
            codes::CONTENT_UNSIGNED,
            format!("Các tệp sau của gói ODF KHÔNG được chữ ký bao phủ: có thể đã được thêm hoặc sửa sau khi ký: {}.", crate::list(&unsigned)),
            format!("These files of the ODF package are NOT covered by the signature(s): they may have been added or changed after signing: {}.", crate::list(&unsigned)),
        ));
    }
}

fn macros(
    parts: &Parts,
    opts: &ValidationOptions<'_>,
    resolver: kyso_xades::ExternalResolver<'_>,
    report: &mut Report,
) {
    if let Some(m) = parts.get(MACRO_SIGNATURES) {
        report.findings.push(Finding::info(
            codes::ODF_MACRO_SIGNATURES,
            "Gói có chữ ký macro (META-INF/macrosignatures.xml); chữ ký này chỉ bảo đảm cho macro, không cho nội dung tài liệu.",
            "The package has macro signatures (META-INF/macrosignatures.xml); they vouch for the macros only, not for the document's content.",
        ));
        kyso_xades::verify_xml_document(m, opts, Some(resolver), report);
    }
}
