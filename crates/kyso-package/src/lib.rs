//! Signed Office packages: OOXML (`.docx`, `.xlsx`, `.pptx`: OPC digital
//! signatures, ECMA-376 Part 2 §13) and ODF (`.odt`, `.ods`, `.odp`: ODF 1.2
//! Part 3 §4, ODF 1.3 §5).
//!
//! The ZIP archive is read under bounds ([`zipread`]); every signature part is
//! verified by `kyso_xades::verify_xml_document` with the package's parts as
//! its external references (the XML-DSig engine applies the transforms,
//! including OPC's Relationship transform, and checks the Manifest's
//! references). Then **coverage** ("Every Signature is Broken", USENIX
//! Security 2023): a part that shows content and that some signature does not
//! cover is an error finding, so the document can never come out valid with
//! unsigned content; other unsigned parts are listed as information.
//!
//! Facts and findings only: the indication comes from `kyso_report::verdict::finalize`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codes;
pub mod fuzzing;
mod odf;
pub mod opc;
mod selection;
pub mod zipread;

pub use odf::verify_odf;

use kyso_report::{Finding, Report};
use kyso_validation::ValidationOptions;
use opc::{is_metadata_rel, parse_rels, rels_name, ContentTypes, REL_ORIGIN, REL_SIGNATURE};
use zipread::{read_package, Parts};

/// Most signature parts verified in one package.
const MAX_SIGNATURE_PARTS: usize = 64;

/// A reference URI (`/word/document.xml?ContentType=...`) → (part name, content type).
fn part_of_uri(uri: &str) -> Option<(&str, Option<&str>)> {
    let (path, query) = match uri.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (uri, None),
    };
    let path = path.split('#').next().unwrap_or("");
    let name = path.strip_prefix('/')?;
    let ct = query.and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("ContentType=")));
    Some((name, ct))
}

/// A part's bytes for a reference, within what is left of the package's budget.
pub(crate) fn take_budget(budget: &std::cell::Cell<u64>, part: &[u8]) -> Option<Vec<u8>> {
    let left = budget.get().checked_sub(part.len() as u64)?;
    budget.set(left);
    Some(part.to_vec())
}

/// Names joined for a message, at most 20 of them.
fn list(names: &[String]) -> String {
    let mut s = names
        .iter()
        .take(20)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 20 {
        s.push_str(&format!(", … (+{})", names.len() - 20));
    }
    s
}

/// Verify the signatures of an OOXML package (`.docx`, `.xlsx`, `.pptx`, …)
/// into `report`: one signature report per signature of every signature part,
/// then the coverage of the package's parts.
pub fn verify_ooxml(bytes: &[u8], opts: &ValidationOptions<'_>, report: &mut Report) {
    let Some(parts) = read_package(bytes, &mut report.findings) else {
        return;
    };
    // The origin, through the package's relationships.
    let root_rels = parts
        .get("_rels/.rels")
        .and_then(|b| parse_rels("", b))
        .unwrap_or_default();
    let origins: Vec<String> = root_rels
        .iter()
        .filter(|r| r.ty == REL_ORIGIN)
        .filter_map(|r| r.target.clone())
        .collect();
    let mut sig_parts: Vec<String> = Vec::new();
    let mut infra: Vec<String> = Vec::new();
    for o in &origins {
        infra.push(o.clone());
        let rn = rels_name(o);
        infra.push(rn.clone());
        let Some(rels) = parts.get(&rn).and_then(|b| parse_rels(o, b)) else {
            continue;
        };
        for r in rels.iter().filter(|r| r.ty == REL_SIGNATURE) {
            if let Some(t) = &r.target {
                if !sig_parts.contains(t) {
                    sig_parts.push(t.clone());
                }
            }
        }
    }
    if sig_parts.is_empty() {
        report.findings.push(Finding::info(
            codes::NO_SIGNATURE,
            "Gói tài liệu Office không có chữ ký số.",
            "The Office package has no digital signature.",
        ));
        return;
    }
    let budget = std::cell::Cell::new(zipread::MAX_RESOLVED);
    let resolver = |uri: &str| -> Option<Vec<u8>> {
        let (name, _) = part_of_uri(uri)?;
        take_budget(&budget, parts.get(name)?)
    };
    let first_sig = report.signatures.len();
    let mut selections: Vec<Vec<selection::Selection>> = Vec::new();
    for sp in sig_parts.iter().take(MAX_SIGNATURE_PARTS) {
        infra.push(rels_name(sp));
        match parts.get(sp) {
            Some(b) => {
                kyso_xades::verify_xml_document(b, opts, Some(&resolver), report);
                selections.push(selection::selections(b).unwrap_or_default());
            }
            None => report.findings.push(Finding::error(
                codes::SIGNATURE_PART_MISSING,
                format!("Phần chữ ký “{sp}” được khai báo nhưng không có trong gói."),
                format!("The signature part “{sp}” is declared but absent from the package."),
            )),
        }
    }
    infra.extend(sig_parts.iter().cloned());
    coverage_ooxml(&parts, &root_rels, &infra, &selections, first_sig, report);
}

/// The coverage rule for OOXML.
///
/// Content parts: every part reachable through internal relationships from the
/// package root, except through the root's metadata relationships
/// ([`opc::METADATA_REL_SUFFIXES`]: core, extended and custom properties, the
/// thumbnail, which Office leaves unsigned) and the signature origin; plus the
/// relationships part of the root and of every content part (relationships
/// decide what is shown). Each signature must reference each content part
/// (the Relationship transform may select some relationships only; the parts
/// the unselected ones reach are content parts themselves and are caught
/// here), and each relationship of those relationships parts must be
/// selected by each signature's Relationship transform (module `selection`), else
/// its target (an external hyperlink, a template) can be changed without
/// breaking the signature: it is named `part#Id`. Office selects every
/// relationship there, and only the content ones of `_rels/.rels`. Unsigned
/// content part or relationship: error. Every other unsigned part (metadata,
/// `[Content_Types].xml`, parts no relationship reaches): info. A signed
/// reference whose `ContentType` differs from the package's: error.
fn coverage_ooxml(
    parts: &Parts,
    root_rels: &[opc::Rel],
    infra: &[String],
    selections: &[Vec<selection::Selection>],
    first_sig: usize,
    report: &mut Report,
) {
    let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    // Relationships of content relationships parts that some signature leaves
    // out of its Relationship transform: their target can be changed freely.
    let mut loose: Vec<String> = Vec::new();
    let root_content: Vec<opc::Rel> = root_rels
        .iter()
        .filter(|r| r.ty != REL_ORIGIN && !is_metadata_rel(&r.ty))
        .cloned()
        .collect();
    unselected("_rels/.rels", &root_content, selections, &mut loose);
    // Reachable content parts.
    let mut content: Vec<String> = vec!["_rels/.rels".into()];
    let mut queue: Vec<String> = root_rels
        .iter()
        .filter(|r| r.ty != REL_ORIGIN && !is_metadata_rel(&r.ty))
        .filter_map(|r| r.target.clone())
        .collect();
    while let Some(p) = queue.pop() {
        if content.iter().any(|c| eq(c, &p)) || infra.iter().any(|c| eq(c, &p)) {
            continue;
        }
        if content.len() > zipread::MAX_ENTRIES * 2 {
            break;
        }
        content.push(p.clone());
        let rn = rels_name(&p);
        if let Some(b) = parts.get(&rn) {
            content.push(rn.clone());
            match parse_rels(&p, b) {
                Some(rels) => {
                    unselected(&rn, &rels, selections, &mut loose);
                    queue.extend(rels.into_iter().filter_map(|r| r.target));
                }
                None => report.findings.push(Finding::warning(
                    codes::RELS_UNREADABLE,
                    format!("Không đọc được phần quan hệ “{rn}”."),
                    format!("The relationships part “{rn}” cannot be read."),
                )),
            }
        }
    }
    // Only parts that exist count (a relationship to a missing part shows nothing).
    content.retain(|c| parts.get(c).is_some());
    let sigs = &report.signatures[first_sig.min(report.signatures.len())..];
    let covered_by = |sig: &kyso_report::SignatureReport, part: &str| {
        sig.signed_references.iter().any(|r| {
            r.uri
                .as_deref()
                .and_then(part_of_uri)
                .is_some_and(|(n, _)| eq(n, part))
        })
    };
    let mut unsigned_content: Vec<String> = Vec::new();
    for c in &content {
        if sigs.is_empty() || sigs.iter().any(|s| !covered_by(s, c)) {
            unsigned_content.push(c.clone());
        }
    }
    unsigned_content.extend(parts.refused.iter().cloned());
    unsigned_content.extend(loose);
    let mut other: Vec<String> = Vec::new();
    for (n, _) in &parts.parts {
        if content.iter().any(|c| eq(c, n)) || infra.iter().any(|c| eq(c, n)) {
            continue;
        }
        if sigs.is_empty() || sigs.iter().any(|s| !covered_by(s, n)) {
            other.push(n.clone());
        }
    }
    // Content types: a signed reference names the type the signer saw.
    let mut mismatches: Vec<String> = Vec::new();
    if let Some(ct) = parts
        .get("[Content_Types].xml")
        .and_then(ContentTypes::parse)
    {
        for s in sigs {
            for r in &s.signed_references {
                if let Some((n, Some(t))) = r.uri.as_deref().and_then(part_of_uri) {
                    if parts.get(n).is_some() && ct.of(n) != Some(t) {
                        let m = format!("{n} ({t} ≠ {})", ct.of(n).unwrap_or("?"));
                        if !mismatches.contains(&m) {
                            mismatches.push(m);
                        }
                    }
                }
            }
        }
    }
    let findings = &mut report.findings;
    if !mismatches.is_empty() {
        findings.push(Finding::error(
            codes::CONTENT_TYPE_MISMATCH,
            format!("Loại nội dung của phần đã ký khác với loại mà gói khai báo trong [Content_Types].xml (tệp có thể được hiển thị khác với khi ký): {}.", list(&mismatches)),
            format!("A signed part's content type differs from the one the package declares in [Content_Types].xml (the file may be shown differently from when it was signed): {}.", list(&mismatches)),
        ));
    }
    if unsigned_content.is_empty() {
        findings.push(Finding::passed(
            codes::COVERAGE_COMPLETE,
            "Mọi phần hiển thị nội dung của gói đều được mọi chữ ký bao phủ.",
            "Every part of the package that shows content is covered by every signature.",
        ));
    } else {
        findings.push(Finding::error(
            codes::CONTENT_UNSIGNED,
            format!("Các phần sau của gói hiển thị (hoặc quyết định) nội dung nhưng KHÔNG được chữ ký bao phủ: có thể đã được thêm hoặc sửa sau khi ký: {}.", list(&unsigned_content)),
            format!("These parts of the package show (or decide) content but are NOT covered by the signature(s): they may have been added or changed after signing: {}.", list(&unsigned_content)),
        ));
    }
    if !other.is_empty() {
        findings.push(Finding::info(
            codes::OTHER_UNSIGNED,
            format!("Các phần không được ký (thuộc tính tài liệu, khai báo loại nội dung, phần không được tham chiếu; Office thường không ký các phần này): {}.", list(&other)),
            format!("Parts not signed (document properties, content-type declarations, unreferenced parts; Office usually leaves these unsigned): {}.", list(&other)),
        ));
    }
}

/// The relationships of the content relationships part `rn` that some
/// signature part does not sign (by selection or whole), as `part#Id`. A
/// relationships part no signature references at all is already unsigned
/// content itself.
fn unselected(
    rn: &str,
    rels: &[opc::Rel],
    selections: &[Vec<selection::Selection>],
    out: &mut Vec<String>,
) {
    for r in rels {
        let signed_by_all = selections.iter().all(|sels| {
            let of_part: Vec<_> = sels
                .iter()
                .filter(|s| s.rels.eq_ignore_ascii_case(rn))
                .collect();
            // Not referenced by this signature: the part itself is reported unsigned.
            of_part.is_empty() || of_part.iter().any(|s| s.selects(&r.id, &r.ty))
        });
        if !signed_by_all {
            let n = format!("{rn}#{}", r.id);
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(
            part_of_uri("/word/document.xml?ContentType=application/xml"),
            Some(("word/document.xml", Some("application/xml")))
        );
        assert_eq!(part_of_uri("#idPackageObject"), None);
    }
}
