//! The readers never panic on mutated real text (the cheap part of the
//! `vn_doc` fuzz target, run by `cargo test`).

use std::path::PathBuf;

#[test]
fn mutated_model_letter_never_panics() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/vn/000_bc47f22fae456a87.txt");
    let seed = std::fs::read(&p).unwrap_or_else(|_| {
        "ỦY BAN NHÂN DÂN\nSố: 986 /UBND-HCTC\nV/v gửi\nKon Tum, ngày 25 tháng 4 năm 2019\nKính gửi:\n- A;\nNơi nhận:\n- B;\nCHỦ TỊCH\nNguyễn Văn Hòa\nPhụ lục I\n(Kèm theo Công văn số: 086 /UBND-HCTC ngày 25 tháng 4 năm 2019)".as_bytes().to_vec()
    });
    kyso_vn_doc::fuzzing::exercise(&seed);
    // Deterministic mutations: truncations, byte flips, line shuffles.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..100 {
        let mut d = seed.clone();
        for _ in 0..(1 + round % 16) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = (x as usize) % d.len().max(1);
            match x % 4 {
                0 => d[i] = (x >> 8) as u8,
                1 => d.truncate(i),
                2 => d.insert(i, b'\n'),
                _ => {
                    let j = ((x >> 20) as usize) % d.len().max(1);
                    let k = (i.min(j), i.max(j));
                    let chunk = d[k.0..k.1].to_vec();
                    d.extend_from_slice(&chunk);
                }
            }
            if d.is_empty() {
                break;
            }
        }
        kyso_vn_doc::fuzzing::exercise(&d);
    }
    // Pathological shapes: one huge line, many tiny lines, only bullets.
    kyso_vn_doc::fuzzing::exercise(&vec![b'x'; 200_000]);
    kyso_vn_doc::fuzzing::exercise("Số:\n".repeat(2_000).as_bytes());
    kyso_vn_doc::fuzzing::exercise("Nơi nhận:\n- a\n".repeat(1_000).as_bytes());
    kyso_vn_doc::fuzzing::exercise(
        "Phụ lục I\n(Kèm theo số 1/A ngày 1 tháng 1 năm 2020)\n"
            .repeat(1_000)
            .as_bytes(),
    );
}
