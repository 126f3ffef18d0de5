//! The model official letter in `../shared/vn` (Công văn 986/UBND-HCTC of
//! UBND tỉnh Kon Tum, as text): every field of the decree's layout, and the
//! appendix that cites "086" while the header says 986.

use std::path::PathBuf;

use kyso_vn_doc::{codes, cross_check, plain_lines, read};

fn shared(rel: &str) -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!(
                "skipped: {} not found (../shared is beside the checkout in CI)",
                p.display()
            );
            None
        }
    }
}

#[test]
fn model_letter_fields() {
    let Some(text) = shared("vn/000_bc47f22fae456a87.txt") else {
        return;
    };
    let info = read(&plain_lines(&text), "text");
    let v = |o: &Option<kyso_report::ReadValue>| o.as_ref().map(|v| v.value.clone());
    assert_eq!(
        v(&info.issuing_body).as_deref(),
        Some("ỦY BAN NHÂN DÂN TỈNH KON TUM")
    );
    assert_eq!(info.parent_body, None);
    assert_eq!(v(&info.number).as_deref(), Some("986"));
    assert_eq!(v(&info.notation).as_deref(), Some("UBND-HCTC"));
    assert_eq!(v(&info.doc_type).as_deref(), Some("CÔNG VĂN"));
    assert_eq!(info.doc_type_abbreviation, None);
    assert_eq!(v(&info.place).as_deref(), Some("Kon Tum"));
    assert_eq!(v(&info.date).as_deref(), Some("2019-04-25"));
    assert_eq!(
        v(&info.subject).as_deref(),
        Some("gửi, nhận văn bản điện tử có ký số trên Trục liên thông văn bản quốc gia")
    );
    let list =
        |l: &Vec<kyso_report::ReadValue>| l.iter().map(|v| v.value.clone()).collect::<Vec<_>>();
    assert_eq!(
        list(&info.addressees),
        vec![
            "Các cơ quan chuyên môn thuộc UBND tỉnh",
            "Văn phòng Hội đồng nhân dân tỉnh",
            "Ban Quản lý Khu kinh tế tỉnh",
            "Ủy ban nhân dân các huyện, thành phố",
            "Các cơ quan Trung ương đóng trên địa bàn tỉnh",
            "Viễn thông Kon Tum",
        ]
    );
    assert_eq!(
        list(&info.recipients),
        vec![
            "Như trên",
            "TT Tỉnh ủy (b/c)",
            "TT HĐND tỉnh (b/c)",
            "CT, các PCT UBND tỉnh",
            "Lãnh đạo VP UBND tỉnh",
            "Lưu: VT.HCTC",
        ]
    );
    assert!(info.authority.is_empty());
    assert_eq!(v(&info.signer_position).as_deref(), Some("CHỦ TỊCH"));
    assert_eq!(v(&info.signer_name).as_deref(), Some("Nguyễn Văn Hòa"));
    assert_eq!(info.urgency, None);
    assert_eq!(info.confidentiality, None);
    // Phụ lục I of this letter, then Phụ lục II of the Government Office's letter it forwards.
    assert_eq!(info.appendices.len(), 2, "{:#?}", info.appendices);
    let a = &info.appendices[0];
    assert_eq!(a.label.value, "Phụ lục I");
    assert_eq!(a.cited_number.as_deref(), Some("086"));
    assert_eq!(a.cited_notation.as_deref(), Some("UBND-HCTC"));
    assert_eq!(a.cited_date.as_deref(), Some("2019-04-25"));
    let b = &info.appendices[1];
    assert_eq!(b.cited_number.as_deref(), Some("2887"));
    assert_eq!(b.cited_notation.as_deref(), Some("VP-CP-KSTT"));

    // The appendix that cites 086 while the header says 986 is caught.
    let findings = cross_check(&info, &[]);
    let codes_found: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes_found,
        vec![
            codes::APPENDIX_CITATION_MISMATCH,
            codes::APPENDIX_OTHER_DOCUMENT
        ]
    );
    assert!(findings[0].message_vi.contains("086/UBND-HCTC"));
    assert!(findings[0].message_en.contains("the number differ"));
}
