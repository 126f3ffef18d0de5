//! What the document says about itself, checked against its signatures.
//!
//! Information and warnings only: a printed name that differs from the
//! certificate does not make a valid signature invalid, but a reader must
//! see it. Organisation certificates are normal in the Vietnamese workflow
//! (the office signs in the agency's name next to the official's printed
//! name), so they are consistent with any printed signer.

use kyso_report::{
    AdministrativeInfo, CertificateInfo, Finding, Severity, SignatureKind, SignatureReport, Time,
};

use crate::codes;
use crate::dates::Date;
use crate::doctypes::abbreviation_of;
use crate::text::{fold, looks_like_name};

/// Signatures made on a day before the printed date of issue (Vietnam
/// time) are "before"; the first one may follow the date by this many days
/// before "long after" is said (a copy re-signed for publication).
pub const LONG_AFTER_DAYS: i64 = 30;
/// A stamp's printed time may differ from the signature's by this much
/// (clocks, and the minutes between drawing the stamp and the timestamp).
pub const STAMP_TIME_TOLERANCE_SECS: i64 = 3600;
/// Vietnam's UTC offset, minutes.
const VN_OFFSET_MIN: i32 = 7 * 60;

/// Common abbreviations in agency names, expanded before comparing.
const EXPANSIONS: &[(&str, &str)] = &[
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("vp", "van phong"),
    ("tp", "thanh pho"),
    ("ttdt", "thong tin dien tu"),
];

fn norm(s: &str) -> String {
    fold(s)
        .split(' ')
        .map(|w| {
            EXPANSIONS
                .iter()
                .find(|(a, _)| *a == w)
                .map_or(w.to_string(), |(_, b)| b.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One folded name contains the other as whole words.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (a, b) = (format!(" {a} "), format!(" {b} "));
    a.contains(&b) || b.contains(&a)
}

/// Whether a certificate is an organisation's (UID MST/MNS, or CN = O)
/// rather than a person's (UID CMND/CCCD/HC/BHXH, or a personal name).
fn is_organisation(c: &CertificateInfo) -> Option<bool> {
    let kinds: Vec<String> = c
        .identifiers
        .iter()
        .map(|i| i.kind.to_uppercase())
        .collect();
    if kinds
        .iter()
        .any(|k| matches!(k.as_str(), "CMND" | "CCCD" | "HC" | "BHXH"))
    {
        return Some(false);
    }
    let cn = c.common_name.as_deref().unwrap_or("");
    if looks_like_name(cn) {
        return Some(false);
    }
    if kinds.iter().any(|k| matches!(k.as_str(), "MST" | "MNS")) {
        return Some(true);
    }
    if let Some(o) = c.organization.as_deref() {
        if !cn.is_empty() && fold(cn) == fold(o) {
            return Some(true);
        }
    }
    None
}

fn when(s: &SignatureReport) -> Option<(Time, bool)> {
    let t = &s.signing_time;
    t.timestamp
        .map(|t| (t, true))
        .or(t.pdf_m.map(|t| (t, false)))
        .or(t.cms_signing_time.map(|t| (t, false)))
}

/// `YYYY-MM-DD` as Vietnamese write it, `DD/MM/YYYY` (anything else unchanged).
fn vi_date(iso: &str) -> String {
    match Date::from_iso(iso) {
        Some(d) => format!("{:02}/{:02}/{}", d.day, d.month, d.year),
        None => iso.to_string(),
    }
}

fn vn_date(t: Time) -> Option<Date> {
    let (y, m, d, ..) = t.fields(VN_OFFSET_MIN);
    Date::new(y as i32, m, d)
}

fn cn(s: &SignatureReport) -> String {
    s.signer
        .as_ref()
        .and_then(|c| c.common_name.clone().or(c.organization.clone()))
        .unwrap_or_else(|| "?".into())
}

/// Findings comparing the document's printed facts with its signatures.
pub fn cross_check(info: &AdministrativeInfo, sigs: &[SignatureReport]) -> Vec<Finding> {
    let mut out = Vec::new();
    let signatures: Vec<&SignatureReport> = sigs
        .iter()
        .filter(|s| s.kind == SignatureKind::Signature && s.signer.is_some())
        .collect();
    signer_name(info, &signatures, &mut out);
    issuing_body(info, &signatures, &mut out);
    date(info, &signatures, &mut out);
    type_and_notation(info, &mut out);
    appendices(info, &mut out);
    stamps(info, &signatures, &mut out);
    out
}

fn signer_name(info: &AdministrativeInfo, sigs: &[&SignatureReport], out: &mut Vec<Finding>) {
    let Some(name) = info.signer_name.as_ref().map(|v| v.value.as_str()) else {
        return;
    };
    if sigs.is_empty() {
        return;
    }
    let people: Vec<&&SignatureReport> = sigs
        .iter()
        .filter(|s| s.signer.as_ref().and_then(is_organisation) != Some(true))
        .collect();
    if let Some(s) = people.iter().find(|s| {
        let c = s.signer.as_ref();
        c.and_then(|c| c.common_name.as_deref())
            .is_some_and(|cn| same_name(cn, name))
    }) {
        out.push(Finding::new(
            codes::SIGNER_NAME_MATCHES,
            Severity::Info,
            format!("Họ tên người ký in trên văn bản ({name}) trùng với chứng thư số của chữ ký #{}.", s.index + 1),
            format!("The signer's name printed on the document ({name}) is the name in signature #{}'s certificate.", s.index + 1),
        ));
        return;
    }
    let named_people: Vec<String> = people
        .iter()
        .filter(|s| s.signer.as_ref().and_then(is_organisation) == Some(false))
        .map(|s| cn(s))
        .collect();
    if !named_people.is_empty() {
        let list = named_people.join(", ");
        out.push(Finding::new(
            codes::SIGNER_NAME_MISMATCH,
            Severity::Warning,
            format!(
                "Văn bản in tên người ký là {name}, nhưng chữ ký số cá nhân trên văn bản là của {list}. \
                 Hãy xác minh ai đã ký văn bản này."
            ),
            format!(
                "The document prints {name} as its signer, but the personal signatures on it are {list}'s. \
                 Check who signed this document."
            ),
        ));
        return;
    }
    let orgs: Vec<String> = sigs.iter().map(|s| cn(s)).collect();
    out.push(Finding::new(
        codes::SIGNED_BY_ORGANISATION,
        Severity::Info,
        format!(
            "Văn bản in tên người ký là {name}; chữ ký số là chữ ký của cơ quan, tổ chức ({}). \
             Điều này phù hợp với quy trình: văn thư ký số bằng chứng thư số của cơ quan.",
            orgs.join(", ")
        ),
        format!(
            "The document prints {name} as its signer; the digital signatures are an organisation's ({}). \
             That is consistent with the workflow: the office signs with the agency's certificate.",
            orgs.join(", ")
        ),
    ));
}

fn issuing_body(info: &AdministrativeInfo, sigs: &[&SignatureReport], out: &mut Vec<Finding>) {
    let Some(body) = info.issuing_body.as_ref().map(|v| v.value.as_str()) else {
        return;
    };
    let orgs: Vec<&&SignatureReport> = sigs
        .iter()
        .filter(|s| s.signer.as_ref().and_then(is_organisation) == Some(true))
        .collect();
    if orgs.is_empty() {
        return;
    }
    let matches = |s: &SignatureReport| {
        let c = s.signer.as_ref();
        let cn = c.and_then(|c| c.common_name.as_deref());
        let o = c.and_then(|c| c.organization.as_deref());
        cn.is_some_and(|x| same_name(x, body)) || o.is_some_and(|x| same_name(x, body))
    };
    if let Some(s) = orgs.iter().find(|s| matches(s)) {
        out.push(Finding::new(
            codes::ISSUER_MATCHES,
            Severity::Info,
            format!(
                "Chữ ký #{} là của cơ quan ban hành in trên văn bản ({body}).",
                s.index + 1
            ),
            format!(
                "Signature #{} is by the issuing body printed on the document ({body}).",
                s.index + 1
            ),
        ));
    } else {
        let list = orgs.iter().map(|s| cn(s)).collect::<Vec<_>>().join(", ");
        out.push(Finding::new(
            codes::ISSUER_DIFFERS,
            Severity::Info,
            format!(
                "Văn bản ghi cơ quan ban hành là {body}; chữ ký số của tổ chức trên văn bản là của {list} \
                 (ví dụ bản sao do cơ quan khác ký để đăng tải)."
            ),
            format!(
                "The document names {body} as its issuing body; the organisation signatures on it are {list}'s \
                 (for example a copy signed by another office for publication)."
            ),
        ));
    }
}

fn date(info: &AdministrativeInfo, sigs: &[&SignatureReport], out: &mut Vec<Finding>) {
    let Some(printed) = info.date.as_ref().and_then(|v| Date::from_iso(&v.value)) else {
        return;
    };
    let days: Vec<(i64, &SignatureReport, bool)> = sigs
        .iter()
        .filter_map(|s| {
            let (t, proven) = when(s)?;
            Some((vn_date(t)?.days(), *s, proven))
        })
        .collect();
    let Some(latest) = days.iter().max_by_key(|d| d.0) else {
        return;
    };
    let earliest = days.iter().min_by_key(|d| d.0).unwrap_or(latest);
    let p = printed.days();
    let d = printed.iso();
    let dv = vi_date(&d);
    if latest.0 < p {
        out.push(Finding::new(
            codes::SIGNED_BEFORE_DATE,
            Severity::Warning,
            format!(
                "Mọi chữ ký đều được ký trước ngày ban hành in trên văn bản ({dv}); chữ ký cuối cùng (#{}) \
                 sớm hơn {} ngày. Ngày ban hành có thể đã bị sửa hoặc văn bản chưa được ban hành.",
                latest.1.index + 1,
                p - latest.0
            ),
            format!(
                "Every signature was made before the date of issue printed on the document ({d}); the last one \
                 (#{}) is {} day(s) earlier. The date may have been altered, or the document not yet issued.",
                latest.1.index + 1,
                p - latest.0
            ),
        ));
    } else if earliest.0 > p + LONG_AFTER_DAYS {
        out.push(Finding::new(
            codes::SIGNED_LONG_AFTER_DATE,
            Severity::Info,
            format!(
                "Chữ ký đầu tiên (#{}) được ký {} ngày sau ngày ban hành in trên văn bản ({dv}): \
                 có thể là bản sao được ký lại (ví dụ để đăng tải).",
                earliest.1.index + 1,
                earliest.0 - p
            ),
            format!(
                "The first signature (#{}) was made {} days after the date of issue printed on the document ({d}): \
                 possibly a copy signed later (for example for publication).",
                earliest.1.index + 1,
                earliest.0 - p
            ),
        ));
    } else {
        out.push(Finding::new(
            codes::DATE_CONSISTENT,
            Severity::Info,
            format!("Thời điểm ký phù hợp với ngày ban hành in trên văn bản ({dv})."),
            format!(
                "The signing times agree with the date of issue printed on the document ({d})."
            ),
        ));
    }
}

fn type_and_notation(info: &AdministrativeInfo, out: &mut Vec<Finding>) {
    let (Some(t), Some(k)) = (info.doc_type.as_ref(), info.notation.as_ref()) else {
        return;
    };
    let (Some(expected), Some(found)) = (
        abbreviation_of(&t.value),
        info.doc_type_abbreviation.as_deref(),
    ) else {
        return;
    };
    if expected != found {
        let (t, k) = (&t.value, &k.value);
        out.push(Finding::new(
            codes::TYPE_NOTATION_MISMATCH,
            Severity::Warning,
            format!("Tên loại văn bản là {t} nhưng ký hiệu {k} viết tắt là {found} (đúng ra là {expected})."),
            format!("The document's type is {t} but its notation {k} abbreviates {found} (expected {expected})."),
        ));
    }
}

fn same_notation(a: &str, b: &str) -> bool {
    // Folding drops '-', '/' and spaces: "VP-CP-KSTT" is "VPCP-KSTT" mistyped.
    let n = |s: &str| fold(s).replace(' ', "");
    n(a) == n(b)
}

fn appendices(info: &AdministrativeInfo, out: &mut Vec<Finding>) {
    let header_number = info.number.as_ref().map(|v| v.value.as_str());
    let header_notation = info.notation.as_ref().map(|v| v.value.as_str());
    let header_date = info.date.as_ref().map(|v| v.value.as_str());
    let header = info.number_and_notation().unwrap_or_default();
    for a in &info.appendices {
        let label = &a.label.value;
        let cited = match (&a.cited_number, &a.cited_notation) {
            (Some(n), Some(k)) => format!("{n}/{k}"),
            (None, Some(k)) => format!("/{k}"),
            (Some(n), None) => n.clone(),
            (None, None) => continue,
        };
        let same_doc = match (a.cited_notation.as_deref(), header_notation) {
            (Some(k), Some(h)) => same_notation(k, h),
            _ => false,
        };
        if !same_doc {
            if header_notation.is_some() {
                out.push(Finding::new(
                    codes::APPENDIX_OTHER_DOCUMENT,
                    Severity::Info,
                    format!(
                        "{label} ghi kèm theo văn bản {cited}, không phải văn bản này ({header})."
                    ),
                    format!(
                        "{label} says it accompanies document {cited}, not this one ({header})."
                    ),
                ));
            }
            continue;
        }
        let number_differs = match (a.cited_number.as_deref(), header_number) {
            (Some(c), Some(h)) => c.trim_start_matches('0') != h.trim_start_matches('0'),
            _ => false,
        };
        let date_differs = match (a.cited_date.as_deref(), header_date) {
            (Some(c), Some(h)) => c != h,
            _ => false,
        };
        if number_differs || date_differs {
            let what_vi = match (number_differs, date_differs) {
                (true, true) => "số và ngày",
                (true, false) => "số",
                _ => "ngày",
            };
            let what_en = match (number_differs, date_differs) {
                (true, true) => "number and date",
                (true, false) => "number",
                _ => "date",
            };
            let cd = a.cited_date.as_deref().unwrap_or("?");
            let hd = header_date.unwrap_or("?");
            let (cdv, hdv) = (vi_date(cd), vi_date(hd));
            out.push(Finding::new(
                codes::APPENDIX_CITATION_MISMATCH,
                Severity::Warning,
                format!(
                    "{label} ghi kèm theo văn bản số {cited} ngày {cdv}, nhưng văn bản này là số {header} ngày {hdv}: \
                     khác {what_vi}. Phụ lục có thể thuộc văn bản khác hoặc bị ghi sai."
                ),
                format!(
                    "{label} says it accompanies document {cited} of {cd}, but this document is {header} of {hd}: \
                     the {what_en} differ. The appendix may belong to another document, or be mistyped."
                ),
            ));
        } else {
            out.push(Finding::new(
                codes::APPENDIX_CITATION_MATCHES,
                Severity::Info,
                format!("{label} ghi đúng số, ký hiệu của văn bản này ({cited})."),
                format!("{label} cites this document's number correctly ({cited})."),
            ));
        }
    }
}

fn stamps(info: &AdministrativeInfo, sigs: &[&SignatureReport], out: &mut Vec<Finding>) {
    for st in &info.stamps {
        let time = st.time.as_deref().and_then(Time::parse_rfc3339);
        let owner = st
            .field
            .as_deref()
            .and_then(|f| sigs.iter().find(|s| s.field.as_deref() == Some(f)));
        let Some(sig) = owner else {
            // Drawn in the page: does any signature match it?
            let any = sigs.iter().any(|s| {
                st.signer.as_deref().is_some_and(|n| {
                    s.signer
                        .as_ref()
                        .and_then(|c| c.common_name.as_deref())
                        .is_some_and(|cn| same_name(cn, n))
                })
            });
            if !any && st.signer.is_some() {
                let who = st.signer.as_deref().unwrap_or("?");
                out.push(Finding::new(
                    codes::STAMP_WITHOUT_SIGNATURE,
                    Severity::Warning,
                    format!(
                        "Trang có hình dấu chữ ký ghi \"Người ký: {who}\" nhưng không chữ ký số nào trên tệp là của {who}. \
                         Hình dấu không phải là chữ ký số."
                    ),
                    format!(
                        "A page shows a signature stamp \"Signer: {who}\" but no digital signature in the file is {who}'s. \
                         A picture of a stamp is not a digital signature."
                    ),
                ));
            }
            continue;
        };
        let c = sig.signer.as_ref();
        let cn = c.and_then(|c| c.common_name.as_deref()).unwrap_or("");
        let o = c.and_then(|c| c.organization.as_deref()).unwrap_or("");
        let mut ok = true;
        if let Some(who) = st.signer.as_deref() {
            if !same_name(who, cn) && !same_name(who, o) {
                ok = false;
                out.push(Finding::new(
                    codes::STAMP_SIGNER_MISMATCH,
                    Severity::Warning,
                    format!(
                        "Hình dấu của chữ ký #{} ghi \"Người ký: {who}\", nhưng chứng thư số ký là của {cn}. \
                         Hình dấu hiển thị không khớp với chữ ký số — dấu hiệu giả mạo."
                    , sig.index + 1),
                    format!(
                        "Signature #{}'s stamp says \"Signer: {who}\", but the signing certificate is {cn}'s. \
                         The visible stamp does not match the digital signature — a sign of spoofing.",
                        sig.index + 1
                    ),
                ));
            }
        }
        if let (Some(t), Some((sig_t, proven))) = (time, when(sig)) {
            let diff = (t.0 - sig_t.0).abs();
            // Claimed times of Vietnamese signers are often local time labelled UTC.
            let quirk = !proven && (diff - 7 * 3600).abs() <= STAMP_TIME_TOLERANCE_SECS;
            if diff > STAMP_TIME_TOLERANCE_SECS && !quirk {
                ok = false;
                let shown = st.time_as_written.as_deref().unwrap_or("?");
                let real = sig_t.to_vietnam_display();
                let kind_vi = if proven {
                    "dấu thời gian chứng minh"
                } else {
                    "thời điểm ký khai báo"
                };
                let kind_en = if proven {
                    "the timestamp proves"
                } else {
                    "the signature claims"
                };
                out.push(Finding::new(
                    codes::STAMP_TIME_MISMATCH,
                    Severity::Warning,
                    format!(
                        "Hình dấu của chữ ký #{} ghi thời gian ký {shown}, nhưng {kind_vi} là {real}.",
                        sig.index + 1
                    ),
                    format!(
                        "Signature #{}'s stamp shows signing time {shown}, but {kind_en} {real}.",
                        sig.index + 1
                    ),
                ));
            }
        }
        if ok {
            out.push(Finding::new(
                codes::STAMP_MATCHES,
                Severity::Info,
                format!(
                    "Hình dấu của chữ ký #{} khớp với chứng thư số và thời điểm ký.",
                    sig.index + 1
                ),
                format!(
                    "Signature #{}'s stamp agrees with its certificate and signing time.",
                    sig.index + 1
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_by_folded_words() {
        assert!(same_name("TRẦN HỒNG HÀ", "Trần Hồng Hà"));
        assert!(same_name(
            "UBND TỈNH KON TUM",
            "ỦY BAN NHÂN DÂN TỈNH KON TUM"
        ));
        assert!(!same_name("", "Trần Hồng Hà"));
        assert!(!same_name("Nguyễn Văn A", "Trần Hồng Hà"));
        assert!(same_notation("VPCP-KSTT", "VP-CP-KSTT"));
    }
}
