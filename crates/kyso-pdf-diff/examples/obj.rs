//! `cargo run -p kyso-pdf-diff --example obj -- FILE REV NUM`: print one object as seen in one revision.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).expect("read");
    let doc = kyso_pdf::Document::parse(&bytes, &kyso_pdf::Limits::default()).expect("parse");
    let rev: usize = a[2].parse().expect("rev");
    let num: u32 = a[3].parse().expect("num");
    println!("{:?}", doc.entry(rev, num));
    match doc.object(rev, kyso_pdf::ObjRef { num, gen: 0 }) {
        Ok(Some(kyso_pdf::Object::Stream(s))) => {
            println!("stream {:?} len {}", s.dict, s.raw.len())
        }
        other => println!("{other:?}"),
    }
}
