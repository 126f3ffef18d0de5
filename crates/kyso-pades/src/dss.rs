//! Revocation evidence a PDF carries for all its signatures: the Document
//! Security Store (ISO 32000-2 §12.8.4.3, PAdES-LT/LTA).

use kyso_pdf::{Dict, Document, Object};
use kyso_pki::RevocationEvidence;

/// At most this many DSS/VRI entries are read: real PAdES-LTA files carry tens
/// (one CRL and one OCSP response per certificate of each chain).
const MAX_DSS_ITEMS: usize = 2_000;

/// DSS (ISO 32000-2 §12.8.4.3): `/Certs`, `/CRLs`, `/OCSPs` of the catalog's
/// `/DSS` in the latest revision, plus every `/VRI` entry's `/Cert`, `/CRL`, `/OCSP`.
pub fn dss_evidence(doc: &Document<'_>) -> RevocationEvidence {
    let mut ev = RevocationEvidence::default();
    let Some(last) = doc.revisions().len().checked_sub(1) else {
        return ev;
    };
    let Ok(catalog) = doc.catalog(last) else {
        return ev;
    };
    let Some(dss) = catalog
        .get(b"DSS".as_slice())
        .and_then(|o| doc.resolve(last, o).ok())
    else {
        return ev;
    };
    let Some(dss) = dss.as_dict() else { return ev };
    let mut budget = MAX_DSS_ITEMS;
    collect(doc, last, dss, b"Certs", &mut ev.certs, &mut budget);
    collect(doc, last, dss, b"CRLs", &mut ev.crls, &mut budget);
    collect(doc, last, dss, b"OCSPs", &mut ev.ocsp, &mut budget);
    if let Some(vri) = dss
        .get(b"VRI".as_slice())
        .and_then(|o| doc.resolve(last, o).ok())
    {
        if let Some(vri) = vri.as_dict() {
            for entry in vri.values() {
                if budget == 0 {
                    break;
                }
                budget -= 1;
                let Ok(entry) = doc.resolve(last, entry) else {
                    continue;
                };
                let Some(d) = entry.as_dict() else { continue };
                collect(doc, last, d, b"Cert", &mut ev.certs, &mut budget);
                collect(doc, last, d, b"CRL", &mut ev.crls, &mut budget);
                collect(doc, last, d, b"OCSP", &mut ev.ocsp, &mut budget);
            }
        }
    }
    for list in [&mut ev.certs, &mut ev.crls, &mut ev.ocsp] {
        let mut seen = std::collections::HashSet::new();
        list.retain(|x| seen.insert(x.clone()));
    }
    ev
}

fn collect(
    doc: &Document<'_>,
    rev: usize,
    d: &Dict,
    key: &[u8],
    out: &mut Vec<Vec<u8>>,
    budget: &mut usize,
) {
    let Some(arr) = d.get(key).and_then(|o| doc.resolve(rev, o).ok()) else {
        return;
    };
    let Some(items) = arr.as_array() else { return };
    for item in items {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        if let Ok(Object::Stream(s)) = doc.resolve(rev, item) {
            if let Ok(data) = doc.decode_stream(&s) {
                out.push(data);
            }
        }
    }
}
