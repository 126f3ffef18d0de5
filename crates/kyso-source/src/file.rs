//! A native file read with positioned reads: no seek position shared
//! between threads, nothing mapped, nothing read that is not asked for.

use crate::{ReadError, Source};
use std::fs::File;
use std::path::Path;

/// A file on disk as a [`Source`]. Its length is taken when it is opened; a
/// file that shrinks while it is verified gives [`ReadError`]s, not a
/// different document.
#[derive(Debug)]
pub struct FileSource {
    file: File,
    len: u64,
}

impl FileSource {
    /// Open `path` for reading.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        Ok(FileSource { file, len })
    }
    /// A file already open, at its current length.
    pub fn new(file: File) -> std::io::Result<Self> {
        let len = file.metadata()?.len();
        Ok(FileSource { file, len })
    }
}

impl Source for FileSource {
    fn len(&self) -> u64 {
        self.len
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), ReadError> {
        if offset
            .checked_add(buf.len() as u64)
            .is_none_or(|e| e > self.len)
        {
            return Err(crate::out_of_range(offset, buf.len()));
        }
        read_exact_at(&self.file, buf, offset)
            .map_err(|e| ReadError(format!("reading {} bytes at {offset}: {e}", buf.len())))
    }
}

#[cfg(unix)]
fn read_exact_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(f: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match f.seek_read(buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_what_is_there_and_refuses_the_rest() {
        let dir = std::env::temp_dir().join(format!("kyso-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("f.bin");
        std::fs::File::create(&p)
            .unwrap()
            .write_all(b"0123456789")
            .unwrap();
        let s = FileSource::open(&p).unwrap();
        assert_eq!(s.len(), 10);
        let mut b = [0u8; 3];
        s.read_at(7, &mut b).unwrap();
        assert_eq!(&b, b"789");
        assert!(s.read_at(8, &mut b).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
