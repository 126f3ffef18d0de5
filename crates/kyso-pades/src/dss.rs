//! Revocation evidence a PDF carries for all its signatures: the Document
//! Security Store (ISO 32000-2 §12.8.4.3, PAdES-LT/LTA).

use crate::codes;
use kyso_crypto::DigestAlg;
use kyso_pdf::{Dict, Document, ObjRef, Object};
use kyso_pki::RevocationEvidence;
use kyso_report::Finding;
use std::collections::HashSet;

/// At most this many DSS/VRI entries are read: real PAdES-LTA files carry tens
/// (one CRL and one OCSP response per certificate of each chain).
const MAX_DSS_ITEMS: usize = 2_000;

/// At most this many decoded bytes are kept from the DSS in all. A real
/// store holds a few certificates (1–2 KB each), OCSP responses (2–5 KB) and
/// CRLs; a national CA's full CRL is the large one (a few MB). 64 MiB is
/// room for many such CRLs, while a file of thousands of large entries (2,000
/// streams of 512 KiB took 1 GiB before) stays within the memory caps.
const MAX_DSS_BYTES: usize = 64 << 20;

/// DSS (ISO 32000-2 §12.8.4.3): `/Certs`, `/CRLs`, `/OCSPs` of the catalog's
/// `/DSS` in the latest revision, plus every `/VRI` entry's `/Cert`, `/CRL`,
/// `/OCSP`; each stream read once (entries are deduplicated by object before
/// decoding, and by content after), within [`MAX_DSS_ITEMS`] and
/// [`MAX_DSS_BYTES`]. The finding says when a budget left entries unread.
pub fn dss_evidence(doc: &Document<'_>) -> (RevocationEvidence, Option<Finding>) {
    let mut ev = RevocationEvidence::default();
    let Some(last) = doc.revisions().len().checked_sub(1) else {
        return (ev, None);
    };
    let Ok(catalog) = doc.catalog(last) else {
        return (ev, None);
    };
    let Some(dss) = catalog
        .get(b"DSS".as_slice())
        .and_then(|o| doc.resolve(last, o).ok())
    else {
        return (ev, None);
    };
    let Some(dss) = dss.as_dict() else {
        return (ev, None);
    };
    let mut r = Reader {
        doc,
        rev: last,
        items: MAX_DSS_ITEMS,
        bytes: MAX_DSS_BYTES,
        refs: HashSet::new(),
        digests: HashSet::new(),
        stopped: false,
    };
    r.collect(dss, b"Certs", &mut ev.certs);
    r.collect(dss, b"CRLs", &mut ev.crls);
    r.collect(dss, b"OCSPs", &mut ev.ocsp);
    if let Some(vri) = dss
        .get(b"VRI".as_slice())
        .and_then(|o| doc.resolve(last, o).ok())
    {
        if let Some(vri) = vri.as_dict() {
            for entry in vri.values() {
                if !r.spend_item() {
                    break;
                }
                let Ok(entry) = doc.resolve(last, entry) else {
                    continue;
                };
                let Some(d) = entry.as_dict() else { continue };
                r.collect(d, b"Cert", &mut ev.certs);
                r.collect(d, b"CRL", &mut ev.crls);
                r.collect(d, b"OCSP", &mut ev.ocsp);
            }
        }
    }
    let finding = r.stopped.then(|| {
        Finding::warning(
            codes::PDF_DSS_TOO_LARGE,
            format!("Kho dữ liệu kiểm tra dài hạn (DSS) của tài liệu lớn bất thường: Kyso chỉ đọc tối đa {MAX_DSS_ITEMS} mục và {} MiB; phần còn lại không được đọc, nên dữ liệu thu hồi có thể không đầy đủ.", MAX_DSS_BYTES >> 20),
            format!("The document's long-term validation store (DSS) is unusually large: Kyso reads at most {MAX_DSS_ITEMS} entries and {} MiB; the rest was not read, so revocation evidence may be incomplete.", MAX_DSS_BYTES >> 20),
        )
    });
    (ev, finding)
}

struct Reader<'d, 'a> {
    doc: &'d Document<'a>,
    rev: usize,
    items: usize,
    bytes: usize,
    /// Streams already read, by object: a store that lists one stream a
    /// thousand times costs one decoding.
    refs: HashSet<ObjRef>,
    /// SHA-256 of the entries kept (the same CRL in several streams).
    digests: HashSet<Vec<u8>>,
    stopped: bool,
}

impl Reader<'_, '_> {
    fn spend_item(&mut self) -> bool {
        if self.items == 0 {
            self.stopped = true;
            return false;
        }
        self.items -= 1;
        true
    }

    fn collect(&mut self, d: &Dict, key: &[u8], out: &mut Vec<Vec<u8>>) {
        let Some(arr) = d.get(key).and_then(|o| self.doc.resolve(self.rev, o).ok()) else {
            return;
        };
        let Some(items) = arr.as_array() else { return };
        for item in items {
            if !self.spend_item() {
                return;
            }
            if let Object::Ref(r) = item {
                if !self.refs.insert(*r) {
                    continue;
                }
            }
            let Ok(Object::Stream(s)) = self.doc.resolve(self.rev, item) else {
                continue;
            };
            let Ok(data) = self.doc.decode_stream(&s) else {
                continue;
            };
            if data.len() > self.bytes {
                self.stopped = true;
                self.bytes = 0;
                return;
            }
            if self.digests.insert(DigestAlg::Sha256.digest(&data)) {
                self.bytes -= data.len();
                out.push(data);
            }
        }
    }
}
