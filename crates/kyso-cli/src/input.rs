//! Reading an input file whole, cheaply when it is large.
//!
//! Verification needs the file in memory (the parser, the byte ranges, the
//! content of a `.p7m`). A fresh heap buffer of 100 MiB costs about 25,800
//! page faults as it is filled: measured with `kyso verify` on a 100 MiB
//! detached payload, 90–180 ms of system time where `openssl cms -verify`,
//! which streams, spends 20–40 (docs/benchmarks.md, "CMS and XML files").
//! Large inputs are therefore read into anonymous memory advised for
//! transparent huge pages (`MADV_HUGEPAGE`, through `memmap2`'s safe API):
//! 2 MiB pages, a few hundred faults. Where the kernel has huge pages off,
//! the advice is ignored and this is an ordinary buffer.

use std::fs::File;
use std::io::{self, Read};
use std::ops::Deref;
use std::path::Path;

/// Below this size the heap is as cheap (a few hundred pages at most).
const LARGE: u64 = 8 << 20;

/// A file's bytes.
pub enum Input {
    /// A small file, on the heap.
    Heap(Vec<u8>),
    /// A large file, in its own anonymous mapping.
    Mapped(memmap2::MmapMut),
}

impl Deref for Input {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Input::Heap(v) => v,
            Input::Mapped(m) => m,
        }
    }
}

/// Read the file at `path` whole. A file that shrinks while it is read is an
/// error (`UnexpectedEof`); bytes appended meanwhile are not read.
pub fn read(path: &Path) -> io::Result<Input> {
    let mut f = File::open(path)?;
    let len = f.metadata()?.len();
    if len < LARGE {
        let mut v = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        f.read_to_end(&mut v)?;
        return Ok(Input::Heap(v));
    }
    let n = usize::try_from(len).map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
    let mut m = memmap2::MmapOptions::new().len(n).map_anon()?;
    #[cfg(target_os = "linux")]
    {
        // Advice only: refused or ignored, the mapping works the same.
        let _ = m.advise(memmap2::Advice::HugePage);
    }
    f.read_exact(&mut m[..])?;
    Ok(Input::Mapped(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_files_read_whole() {
        let dir = std::env::temp_dir().join(format!("kyso-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, len) in [("small", 1000usize), ("large", (LARGE as usize) + 12_345)] {
            let p = dir.join(name);
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            std::fs::write(&p, &data).unwrap();
            let got = read(&p).unwrap();
            assert_eq!(&got[..], &data[..], "{name}");
            assert_eq!(matches!(got, Input::Mapped(_)), len as u64 >= LARGE);
        }
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(read(&dir.join("absent")).is_err());
    }
}
