//! The edXML header (`edXMLHeader/MessageHeader`, `TraceHeaderList`) read
//! into [`EdxmlInfo`]. Elements are matched by local name: senders put them in
//! edXML's namespace through a default declaration, a prefix, or none at all.

use crate::roxmltree::Node;
use kyso_report::{
    EdxmlBusiness, EdxmlBusinessType, EdxmlDate, EdxmlDocumentRef, EdxmlInfo, EdxmlMessageKind,
    EdxmlOrganization, EdxmlSigner, EdxmlStatus, EdxmlStatusCode, EdxmlTrace, Labels, Lang,
};

/// Most items of one repeated element (`To`, `Place`, `TraceHeader`...) kept.
pub(crate) const MAX_LIST: usize = 256;
/// Longest text value kept, in characters (a header field; the Content may be long).
const MAX_TEXT: usize = 16 * 1024;

pub(crate) fn kids<'a, 'i: 'a>(
    n: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

pub(crate) fn kid<'a, 'i: 'a>(n: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    kids(n, name).next()
}

/// The element's text content (its text children joined), trimmed; `None` when empty.
pub(crate) fn text(n: Node<'_, '_>) -> Option<String> {
    let mut s = String::new();
    for c in n.children().filter(|c| c.is_text()) {
        s.push_str(c.text().unwrap_or(""));
        if s.len() > MAX_TEXT * 4 {
            break;
        }
    }
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    Some(t.chars().take(MAX_TEXT).collect())
}

pub(crate) fn field(n: Node<'_, '_>, name: &'static str) -> Option<String> {
    kid(n, name).and_then(text)
}

/// A date as written, with its ISO form when it is a real calendar date
/// (`yyyy/MM/dd` as QCVN says, also `yyyy-MM-dd` and `dd/MM/yyyy`; a time after it is ignored).
pub(crate) fn date(as_written: String) -> EdxmlDate {
    EdxmlDate {
        iso: iso_date(&as_written),
        as_written,
    }
}

pub(crate) fn iso_date(s: &str) -> Option<String> {
    let d = s.trim().split([' ', 'T']).next()?;
    let parts: Vec<&str> = d.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |x: &str| -> Option<u32> {
        if x.is_empty() || x.len() > 4 || !x.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        x.parse().ok()
    };
    let (y, m, dd) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else if c.len() == 4 {
        (num(c)?, num(b)?, num(a)?)
    } else {
        return None;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days).contains(&dd) || y < 1000 {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{dd:02}"))
}

fn organization(n: Node<'_, '_>) -> Option<EdxmlOrganization> {
    let o = EdxmlOrganization {
        organ_id: field(n, "OrganId"),
        organ_name: field(n, "OrganName"),
        organ_in_charge: field(n, "OrganizationInCharge").or_else(|| field(n, "OrganInCharge")),
        address: field(n, "OrganAdd"),
        email: field(n, "Email"),
        telephone: field(n, "Telephone"),
        fax: field(n, "Fax"),
        website: field(n, "Website"),
    };
    (o != EdxmlOrganization::default()).then_some(o)
}

fn document_ref(n: Node<'_, '_>) -> Option<EdxmlDocumentRef> {
    let r = EdxmlDocumentRef {
        organ_id: field(n, "OrganId"),
        code: field(n, "Code"),
        promulgation_date: field(n, "PromulgationDate").map(date),
        document_id: field(n, "DocumentId"),
        organ_ids: kid(n, "OrganIdList")
            .map(|l| kids(l, "OrganId").filter_map(text).take(MAX_LIST).collect())
            .unwrap_or_default(),
    };
    (r != EdxmlDocumentRef::default()).then_some(r)
}

fn business(n: Node<'_, '_>) -> EdxmlBusiness {
    let as_written = field(n, "BussinessDocType").or_else(|| field(n, "BusinessDocType"));
    let mut refers_to = Vec::new();
    if let Some(id) = field(n, "DocumentId") {
        refers_to.push(EdxmlDocumentRef {
            document_id: Some(id),
            ..Default::default()
        });
    }
    if let Some(list) = kid(n, "ReplacementInfoList") {
        refers_to.extend(
            kids(list, "ReplacementInfo")
                .filter_map(document_ref)
                .take(MAX_LIST),
        );
    }
    EdxmlBusiness {
        doc_type: as_written.as_deref().and_then(EdxmlBusinessType::from_code),
        doc_type_as_written: as_written,
        reason: field(n, "BussinessDocReason").or_else(|| field(n, "BusinessDocReason")),
        paper: field(n, "Paper"),
        refers_to,
    }
}

fn status(header: Node<'_, '_>, code: String) -> EdxmlStatus {
    let s = EdxmlStatusCode::from_code(&code);
    let staff = kid(header, "StaffInfo");
    EdxmlStatus {
        status: s,
        meaning_vi: s.map(|s| Labels(Lang::Vi).edxml_status(s).to_owned()),
        meaning_en: s.map(|s| Labels(Lang::En).edxml_status(s).to_owned()),
        code,
        description: field(header, "Description"),
        timestamp: field(header, "Timestamp"),
        department: staff.and_then(|s| field(s, "Department")),
        staff: staff.and_then(|s| field(s, "Staff")),
    }
}

/// Read `MessageHeader` (and the `TraceHeaderList` beside it).
pub(crate) fn read(mh: Node<'_, '_>) -> EdxmlInfo {
    let mut info = EdxmlInfo {
        from: kid(mh, "From").and_then(organization),
        to: kids(mh, "To")
            .filter_map(organization)
            .take(MAX_LIST)
            .collect(),
        document_id: field(mh, "DocumentId"),
        ..Default::default()
    };
    if let Some(c) = kid(mh, "Code") {
        info.code_number = field(c, "CodeNumber");
        info.code_notation = field(c, "CodeNotation");
    }
    if let Some(p) = kid(mh, "PromulgationInfo") {
        info.promulgation_place = field(p, "Place");
        info.promulgation_date = field(p, "PromulgationDate").map(date);
    }
    if let Some(t) = kid(mh, "DocumentType") {
        info.document_type = field(t, "Type");
        info.document_type_detail = field(t, "TypeDetail");
        info.document_type_name = field(t, "TypeName");
    }
    info.subject = field(mh, "Subject");
    info.content = field(mh, "Content");
    info.signer = kid(mh, "SignerInfo").and_then(|s| {
        let v = EdxmlSigner {
            competence: field(s, "Competence"),
            position: field(s, "Position"),
            full_name: field(s, "FullName"),
        };
        (v != EdxmlSigner::default()).then_some(v)
    });
    info.due_date = field(mh, "DueDate");
    info.to_places = kid(mh, "ToPlaces")
        .map(|p| kids(p, "Place").filter_map(text).take(MAX_LIST).collect())
        .unwrap_or_default();
    if let Some(o) = kid(mh, "OtherInfo") {
        info.priority = field(o, "Priority");
        info.sphere_of_promulgation = field(o, "SphereOfPromulgation");
        info.page_amount = field(o, "PageAmount");
        info.appendixes = kid(o, "Appendixes")
            .map(|a| {
                kids(a, "Appendix")
                    .filter_map(text)
                    .take(MAX_LIST)
                    .collect()
            })
            .unwrap_or_default();
    }
    info.steering_type = field(mh, "SteeringType");
    info.response_for = kids(mh, "ResponseFor")
        .filter_map(document_ref)
        .take(MAX_LIST)
        .collect();
    // TraceHeaderList is MessageHeader's sibling in edXMLHeader; some senders nest it inside.
    let trace_list = kid(mh, "TraceHeaderList").or_else(|| {
        mh.parent()
            .filter(|p| p.is_element())
            .and_then(|p| kid(p, "TraceHeaderList"))
    });
    if let Some(tl) = trace_list {
        info.traces = kids(tl, "TraceHeader")
            .map(|t| EdxmlTrace {
                organ_id: field(t, "OrganId"),
                timestamp: field(t, "Timestamp"),
            })
            .take(MAX_LIST)
            .collect();
        info.business = kid(tl, "Bussiness")
            .or_else(|| kid(tl, "Business"))
            .map(business);
    }
    match field(mh, "StatusCode") {
        Some(code) => {
            info.kind = Some(EdxmlMessageKind::Status);
            info.status = Some(status(mh, code));
        }
        None => info.kind = Some(EdxmlMessageKind::Document),
    }
    info
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn dates() {
        assert_eq!(iso_date("2019/01/17").as_deref(), Some("2019-01-17"));
        assert_eq!(
            iso_date("2018/09/28 17:25:11").as_deref(),
            Some("2018-09-28")
        );
        assert_eq!(iso_date("17/01/2019").as_deref(), Some("2019-01-17"));
        assert_eq!(iso_date("2014/02/30"), None);
        assert_eq!(iso_date("2024/02/29").as_deref(), Some("2024-02-29"));
        assert_eq!(iso_date("abc"), None);
        assert_eq!(iso_date(""), None);
    }
}
