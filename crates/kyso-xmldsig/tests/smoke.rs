//! The fuzz entry points over the XML fixtures and cheap mutations of them
//! (truncations, byte flips, duplicated spans), so `cargo test` catches the
//! crashes a short fuzzing run would.

use std::path::PathBuf;

fn fixtures() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xml");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn mutated_fixtures_do_not_panic() {
    let mut seed: u32 = 0x4b59_534f;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as usize
    };
    for f in fixtures() {
        kyso_xml::fuzzing::c14n_one(&f);
        kyso_xmldsig::fuzzing::dsig_one(&f);
        for _ in 0..24 {
            let mut m = f.clone();
            match next() % 3 {
                0 => m.truncate(next() % (m.len() + 1)),
                1 => {
                    for _ in 0..4 {
                        let i = next() % m.len();
                        m[i] = b"<>\"'&=:/ #xX;!?[]-Ia0\n"[next() % 22];
                    }
                }
                _ => {
                    let a = next() % m.len();
                    let b = (a + next() % 64).min(m.len());
                    let span = m[a..b].to_vec();
                    let at = next() % m.len();
                    m.splice(at..at, span);
                }
            }
            kyso_xml::fuzzing::c14n_one(&m);
            kyso_xmldsig::fuzzing::dsig_one(&m);
        }
    }
}
