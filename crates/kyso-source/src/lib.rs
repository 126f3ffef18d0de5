//! Random access to the input being verified.
//!
//! A signed PDF of a gigabyte is verified by reading the parts the parser
//! needs (its tail, the cross-reference chain, the objects it resolves) and
//! by streaming the signed byte ranges once through the digests; the file is
//! never held in memory as a whole. Everything that reads the input goes
//! through [`Source`]: a byte slice (tests, small inputs, formats read whole),
//! a native file with positioned reads ([`FileSource`]), or, in the browser's
//! worker, a `File` read slice by slice (`kyso-wasm`).
//!
//! Written here rather than taken from a crate: `positioned-io` and
//! `memmap2` are native-only (the worker needs the same trait over a
//! `Blob`), and a memory map would both need `unsafe` and count the whole
//! file in the process's resident memory once hashed.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;

/// A read that could not be completed: the input changed or vanished while
/// it was verified, or the device failed. Never a statement about the
/// document: whoever meets one reports that the input could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadError {}

/// Bytes of one input, read at any offset.
pub trait Source {
    /// The input's length in bytes.
    fn len(&self) -> u64;
    /// Fill `buf` with the bytes at `offset..offset + buf.len()`; an error
    /// when any of them is beyond [`Source::len`] or cannot be read.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), ReadError>;
    /// The whole input, when it is already in memory (no copy is made).
    fn as_slice(&self) -> Option<&[u8]> {
        None
    }
    /// Whether the input is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// How many bytes a sequential pass ([`for_each_chunk`]) should ask for
    /// per read: [`CHUNK`] unless a read costs much more than copying (the
    /// browser's `FileReaderSync`, a few milliseconds per call, says 8 MiB).
    /// The pass still hands on [`CHUNK`]-sized pieces.
    fn read_size(&self) -> usize {
        CHUNK
    }
}

impl Source for [u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), ReadError> {
        let start = usize::try_from(offset).map_err(|_| out_of_range(offset, buf.len()))?;
        let src = start
            .checked_add(buf.len())
            .and_then(|end| self.get(start..end))
            .ok_or_else(|| out_of_range(offset, buf.len()))?;
        buf.copy_from_slice(src);
        Ok(())
    }
    fn as_slice(&self) -> Option<&[u8]> {
        Some(self)
    }
}

impl Source for Vec<u8> {
    fn len(&self) -> u64 {
        self.as_slice().len() as u64
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), ReadError> {
        self.as_slice().read_at(offset, buf)
    }
    fn as_slice(&self) -> Option<&[u8]> {
        Some(self)
    }
}

/// A borrowed slice as a `&dyn Source` (a `[u8]` is unsized, so
/// `&[u8]` does not coerce to a trait object).
#[derive(Debug, Clone, Copy)]
pub struct Bytes<'a>(pub &'a [u8]);

impl Source for Bytes<'_> {
    fn len(&self) -> u64 {
        self.0.len() as u64
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), ReadError> {
        self.0.read_at(offset, buf)
    }
    fn as_slice(&self) -> Option<&[u8]> {
        Some(self.0)
    }
}

fn out_of_range(offset: u64, len: usize) -> ReadError {
    ReadError(format!(
        "read of {len} bytes at {offset} is beyond the input"
    ))
}

/// The size of the chunks [`for_each_chunk`] reads: large enough that a read
/// costs little next to hashing it, small enough that the memory it takes
/// does not matter, and (in wasm) that each call into the digest is short,
/// so the engine's optimising tier takes over after the first few.
pub const CHUNK: usize = 1 << 20;

/// The largest [`Source::read_size`] honoured: the buffer of a pass.
pub const MAX_READ_SIZE: usize = 64 << 20;

/// Call `f(offset, bytes)` for consecutive chunks of `start..end` (at most
/// [`CHUNK`] bytes each), in order. Zero-copy for inputs in memory; other
/// sources are read [`Source::read_size`] bytes at a time (at most 64 MiB).
pub fn for_each_chunk(
    src: &dyn Source,
    start: u64,
    end: u64,
    mut f: impl FnMut(u64, &[u8]),
) -> Result<(), ReadError> {
    if end > src.len() || start > end {
        return Err(out_of_range(
            start,
            usize::try_from(end.saturating_sub(start)).unwrap_or(usize::MAX),
        ));
    }
    if let Some(all) = src.as_slice() {
        let mut pos = start;
        while pos < end {
            let n = (end - pos).min(CHUNK as u64);
            // In range: checked against len above.
            let (a, b) = (pos as usize, (pos + n) as usize);
            f(pos, all.get(a..b).unwrap_or(&[]));
            pos += n;
        }
        return Ok(());
    }
    let read = src.read_size().clamp(CHUNK, MAX_READ_SIZE) as u64;
    let mut buf = vec![0u8; (end - start).min(read) as usize];
    let mut pos = start;
    while pos < end {
        let n = (end - pos).min(read) as usize;
        let part = &mut buf[..n];
        src.read_at(pos, part)?;
        for (k, piece) in part.chunks(CHUNK).enumerate() {
            f(pos + (k * CHUNK) as u64, piece);
        }
        pos += n as u64;
    }
    Ok(())
}

/// The bytes at `start..end`, copied (borrowed when the input is in memory).
pub fn read_range(
    src: &dyn Source,
    start: u64,
    end: u64,
) -> Result<std::borrow::Cow<'_, [u8]>, ReadError> {
    if end > src.len() || start > end {
        return Err(out_of_range(
            start,
            usize::try_from(end.saturating_sub(start)).unwrap_or(usize::MAX),
        ));
    }
    if let Some(all) = src.as_slice() {
        return Ok(std::borrow::Cow::Borrowed(
            all.get(start as usize..end as usize).unwrap_or(&[]),
        ));
    }
    let n = usize::try_from(end - start).map_err(|_| out_of_range(start, usize::MAX))?;
    let mut v = vec![0u8; n];
    src.read_at(start, &mut v)?;
    Ok(std::borrow::Cow::Owned(v))
}

#[cfg(not(target_arch = "wasm32"))]
mod file;
#[cfg(not(target_arch = "wasm32"))]
pub use file::FileSource;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_read_in_range_only() {
        let data: Vec<u8> = (0..=255).collect();
        let mut b = [0u8; 4];
        data.read_at(10, &mut b).unwrap();
        assert_eq!(b, [10, 11, 12, 13]);
        assert!(data.read_at(253, &mut b).is_err());
        assert!(data.read_at(u64::MAX, &mut b).is_err());
    }

    /// A source that is not in memory, to take the copying path.
    struct Far(Vec<u8>);
    impl Source for Far {
        fn len(&self) -> u64 {
            self.0.len() as u64
        }
        fn read_at(&self, o: u64, b: &mut [u8]) -> Result<(), ReadError> {
            self.0.read_at(o, b)
        }
    }

    /// A source whose reads are dear: it asks for 3 chunks per read.
    struct Dear(Vec<u8>, std::cell::Cell<usize>);
    impl Source for Dear {
        fn len(&self) -> u64 {
            self.0.len() as u64
        }
        fn read_at(&self, o: u64, b: &mut [u8]) -> Result<(), ReadError> {
            self.1.set(self.1.get() + 1);
            self.0.read_at(o, b)
        }
        fn read_size(&self) -> usize {
            3 * CHUNK
        }
    }

    #[test]
    fn large_reads_are_handed_on_in_chunks() {
        let data: Vec<u8> = (0..(CHUNK * 7 + 5)).map(|i| (i % 253) as u8).collect();
        let src = Dear(data.clone(), Default::default());
        let mut seen = Vec::new();
        let mut offsets = Vec::new();
        for_each_chunk(&src, 1, data.len() as u64, |o, c| {
            assert!(c.len() <= CHUNK);
            offsets.push(o);
            seen.extend_from_slice(c);
        })
        .unwrap();
        assert_eq!(seen, &data[1..]);
        assert_eq!(src.1.get(), 3, "7 MiB + 4 bytes in reads of 3 MiB");
        let want: Vec<u64> = (0..9u64)
            .map(|k| 1 + (k / 3) * 3 * CHUNK as u64 + (k % 3) * CHUNK as u64)
            .filter(|&o| o < data.len() as u64)
            .collect();
        assert_eq!(offsets, want);
    }

    #[test]
    fn chunks_cover_the_range_once_in_order() {
        let data: Vec<u8> = (0..(CHUNK * 2 + 17)).map(|i| (i % 251) as u8).collect();
        for src in [&data as &dyn Source, &Far(data.clone())] {
            let mut seen = Vec::new();
            let mut offsets = Vec::new();
            for_each_chunk(src, 5, data.len() as u64 - 3, |o, c| {
                offsets.push(o);
                seen.extend_from_slice(c);
            })
            .unwrap();
            assert_eq!(seen, &data[5..data.len() - 3]);
            assert_eq!(offsets, [5, 5 + CHUNK as u64, 5 + 2 * CHUNK as u64]);
            assert!(for_each_chunk(src, 0, data.len() as u64 + 1, |_, _| {}).is_err());
            assert_eq!(&*read_range(src, 3, 9).unwrap(), &data[3..9]);
        }
    }
}
