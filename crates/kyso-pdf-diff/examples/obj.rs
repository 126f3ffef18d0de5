//! `cargo run -p kyso-pdf-diff --example obj -- FILE REV NUM`: print one object as seen in one revision.
fn show(o: &kyso_pdf::Object) -> String {
    use kyso_pdf::Object::{Array, Dict, Name, Ref, Stream, String};
    match o {
        Dict(d) => format!(
            "<<{}>>",
            d.iter()
                .map(|(k, v)| format!("/{} {}", std::string::String::from_utf8_lossy(k), show(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Array(a) => format!("[{}]", a.iter().map(show).collect::<Vec<_>>().join(" ")),
        Ref(r) => r.to_string(),
        Name(n) => format!("/{}", std::string::String::from_utf8_lossy(n)),
        String(s) => format!("({})", std::string::String::from_utf8_lossy(&s.bytes)),
        Stream(s) => format!("{} stream[{}]", show(&Dict(s.dict.clone())), s.raw.len()),
        other => format!("{other:?}"),
    }
}
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).expect("read");
    let doc = kyso_pdf::Document::parse(&bytes, &kyso_pdf::Limits::default()).expect("parse");
    let rev: usize = a[2].parse().expect("rev");
    let num: u32 = a[3].parse().expect("num");
    let e = doc.entry(rev, num);
    println!("{e:?}");
    let gen = match e {
        Some((_, kyso_pdf::XrefEntry::InFile { gen, .. })) => gen,
        _ => 0,
    };
    match doc.object(rev, kyso_pdf::ObjRef { num, gen }) {
        Ok(Some(o)) => println!("{}", show(&o)),
        other => println!("{other:?}"),
    }
}
