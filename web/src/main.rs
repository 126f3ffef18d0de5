//! Mounts the portal; everything else is in the library.
#![forbid(unsafe_code)]

fn main() {
    kyso_web::mount();
}
