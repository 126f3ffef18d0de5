//! The two real decrees in `../shared/vn/pdf` give the values issue 10
//! states: 49/2026/NĐ-CP read field by field; 199 is a scan whose stamp is
//! still read.

use std::path::PathBuf;

use kyso_pdf::{Document, Limits};
use kyso_report::Readability;
use kyso_vn_doc::pdf::read_pdf;

fn shared(rel: &str) -> Option<Vec<u8>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!(
                "skipped: {} not found (../shared is beside the checkout in CI)",
                p.display()
            );
            None
        }
    }
}

fn v(x: &Option<kyso_report::ReadValue>) -> Option<&str> {
    x.as_ref().map(|v| v.value.as_str())
}

#[test]
fn decree_49_2026() {
    let Some(bytes) = shared("vn/pdf/49-2026-ND-CP.pdf") else {
        return;
    };
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let rev = doc.revisions().len() - 1;
    let r = read_pdf(&doc, rev, &doc.signature_fields(rev));
    let a = &r.info;
    // Only the first page and the signature page (the last) are read.
    assert_eq!(r.pages_read, vec![1, 29]);
    assert_eq!(a.readability, Readability::Text);
    assert_eq!(v(&a.issuing_body), Some("CHÍNH PHỦ"));
    assert_eq!(a.parent_body, None);
    assert_eq!(v(&a.number), Some("49"));
    assert_eq!(v(&a.notation), Some("2026/NĐ-CP"));
    assert_eq!(a.number_and_notation().as_deref(), Some("49/2026/NĐ-CP"));
    assert_eq!(v(&a.doc_type), Some("NGHỊ ĐỊNH"));
    assert_eq!(a.doc_type_abbreviation.as_deref(), Some("NĐ"));
    assert_eq!(v(&a.place), Some("Hà Nội"));
    assert_eq!(v(&a.date), Some("2026-01-31"));
    assert_eq!(
        v(&a.subject),
        Some(
            "Quy định chi tiết và hướng dẫn một số điều của Nghị quyết số 254/2025/QH15 của Quốc hội \
             quy định một số cơ chế, chính sách tháo gỡ khó khăn, vướng mắc trong tổ chức thi hành Luật Đất đai"
        )
    );
    let auth: Vec<&str> = a.authority.iter().map(|x| x.value.as_str()).collect();
    assert_eq!(auth, vec!["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"]);
    assert_eq!(v(&a.signer_position), Some("PHÓ THỦ TƯỚNG"));
    assert_eq!(v(&a.signer_name), Some("Trần Hồng Hà"));
    assert_eq!(a.recipients.len(), 16, "{:#?}", a.recipients);
    assert_eq!(a.recipients[0].value, "Ban Bí thư Trung ương Đảng");
    assert_eq!(
        a.recipients[14].value,
        "VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ, Cục, đơn vị trực thuộc, Công báo"
    );
    assert_eq!(a.recipients[15].value, "Lưu: VT, NN (2b)");
    assert!(a.addressees.is_empty());
    assert_eq!((a.urgency.clone(), a.confidentiality.clone()), (None, None));
    // Where each value was read: page 1, in the header's left column.
    let num = a.number.as_ref().unwrap();
    assert_eq!(num.page, Some(1));
    assert_eq!(num.confidence, kyso_report::Confidence::High);
    let rect = num.rect.unwrap();
    assert!(
        rect[0] > 90.0 && rect[2] < 230.0 && rect[1] > 700.0,
        "{rect:?}"
    );
    assert_eq!(a.signer_name.as_ref().unwrap().page, Some(29));
    // The signature widget draws no stamp text.
    assert!(a.stamps.is_empty());
}

#[test]
fn decree_199_is_a_scan_with_a_stamp() {
    let Some(bytes) = shared("vn/pdf/199-ndcp.signed.pdf") else {
        return;
    };
    let doc = Document::parse(&bytes, &Limits::default()).unwrap();
    let rev = doc.revisions().len() - 1;
    let r = read_pdf(&doc, rev, &doc.signature_fields(rev));
    let a = &r.info;
    assert_eq!(a.readability, Readability::Scanned);
    assert_eq!(a.number, None);
    assert_eq!(a.issuing_body, None);
    assert_eq!(
        r.findings()
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        vec![kyso_vn_doc::codes::SCANNED]
    );
    assert_eq!(a.stamps.len(), 1);
    let st = &a.stamps[0];
    assert_eq!(st.field.as_deref(), Some("Signature1"));
    assert_eq!(st.page, Some(1));
    assert_eq!(
        st.signer.as_deref(),
        Some("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ")
    );
    assert_eq!(st.organisation.as_deref(), Some("VĂN PHÒNG CHÍNH PHỦ"));
    assert_eq!(st.email.as_deref(), Some("thongtinchinhphu@chinhphu.vn"));
    assert_eq!(
        st.time_as_written.as_deref(),
        Some("10.06.2026 14:15:42 +07:00")
    );
    assert_eq!(st.time.as_deref(), Some("2026-06-10T14:15:42+07:00"));
    assert_eq!(st.rect, Some([215.0, 816.0, 348.0, 846.0]));
}
