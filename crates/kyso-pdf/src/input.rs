//! The bytes a [`crate::Document`] reads, in memory or through a
//! [`Source`] (a file on disk, a browser `File` in the worker).
//!
//! In memory every access borrows the input, exactly as when the parser
//! took a slice. Through a source the parser reads windows at the offsets it
//! needs (the tail, each xref section, each object it resolves), through a
//! bounded cache of fixed blocks, and searches stream through the input in
//! chunks; a gigabyte file is never held whole. A read that fails is
//! remembered ([`Input::read_error`]): the caller reports that the input
//! could not be read, never a damaged document.

use kyso_source::{ReadError, Source};
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Cache block size.
const BLOCK: usize = 64 * 1024;
/// Blocks kept (16 MiB).
const CACHED_BLOCKS: usize = 256;
/// Reads up to this long go through the cache; longer ones are read directly.
const CACHED_READ: usize = 4 * BLOCK;
/// The largest window: an object's dictionary or a classic xref section this
/// long is parsed; beyond it (a 64 MiB dictionary) the object is unreadable.
const MAX_WINDOW: usize = 64 << 20;
/// Search chunk when streaming through a source.
const SEARCH_CHUNK: usize = 1 << 20;

pub(crate) enum Input<'a> {
    Mem(&'a [u8]),
    Src(Streamed<'a>),
}

pub(crate) struct Streamed<'a> {
    src: &'a dyn Source,
    len: usize,
    cache: Mutex<Cache>,
    error: Mutex<Option<ReadError>>,
}

#[derive(Default)]
struct Cache {
    blocks: HashMap<usize, Arc<[u8]>>,
    order: VecDeque<usize>,
}

impl<'a> Input<'a> {
    /// `None` when the source is longer than this platform's offsets (a
    /// wasm32 `usize`); callers refuse such an input before getting here.
    pub(crate) fn new(src: &'a dyn Source) -> Option<Self> {
        if let Some(s) = src.as_slice() {
            return Some(Input::Mem(s));
        }
        let len = usize::try_from(src.len()).ok()?;
        Some(Input::Src(Streamed {
            src,
            len,
            cache: Mutex::new(Cache::default()),
            error: Mutex::new(None),
        }))
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Input::Mem(b) => b.len(),
            Input::Src(s) => s.len,
        }
    }

    /// The whole input when it is in memory.
    pub(crate) fn as_slice(&self) -> Option<&'a [u8]> {
        match self {
            Input::Mem(b) => Some(b),
            Input::Src(_) => None,
        }
    }

    /// The first read that failed, if any.
    pub(crate) fn read_error(&self) -> Option<ReadError> {
        match self {
            Input::Mem(_) => None,
            Input::Src(s) => s.error.lock().ok().and_then(|e| e.clone()),
        }
    }

    /// The bytes at `start..end`; `None` when the range is not within the
    /// input (or could not be read).
    pub(crate) fn get(&self, start: usize, end: usize) -> Option<Cow<'a, [u8]>> {
        match self {
            Input::Mem(b) => b.get(start..end).map(Cow::Borrowed),
            Input::Src(s) => s.get(start, end).map(Cow::Owned),
        }
    }

    /// The bytes from `start` to the end of the input, or at most `max` of them.
    pub(crate) fn get_at_most(&self, start: usize, max: usize) -> Option<Cow<'a, [u8]>> {
        self.get(start, start.checked_add(max)?.min(self.len()))
    }

    /// The byte at `i`.
    pub(crate) fn byte(&self, i: usize) -> Option<u8> {
        match self {
            Input::Mem(b) => b.get(i).copied(),
            Input::Src(s) => s.get(i, i.checked_add(1)?).and_then(|v| v.first().copied()),
        }
    }

    /// A buffer holding `offset` and `base`, its position in the input: the
    /// whole input in memory (base 0), or a window of `want` bytes from
    /// `offset` read through the source.
    pub(crate) fn window(&self, offset: usize, want: usize) -> Option<(Cow<'a, [u8]>, usize)> {
        match self {
            Input::Mem(b) => Some((Cow::Borrowed(*b), 0)),
            Input::Src(_) if offset >= self.len() => Some((Cow::Borrowed(&[]), offset)),
            Input::Src(_) => Some((self.get_at_most(offset, want)?, offset)),
        }
    }

    /// For a parse in [`Input::parse_at`]: an `n g obj` read from `buf` (at
    /// `base` in the input, the lexer now at `end`) that may have been cut
    /// by the window's end rather than ended — it ends within 64 bytes of
    /// the window's end, or the token after its dictionary does
    /// ([`crate::lexer::IndirectHead::near_end`]: a `stream` keyword may lie
    /// beyond) — is an error that makes `parse_at` read again in a larger
    /// window. Never in memory, nor where the window reaches the input's end.
    pub(crate) fn check_not_cut(
        &self,
        head: &crate::lexer::IndirectHead,
        end: usize,
        buf_len: usize,
        base: usize,
    ) -> Result<(), crate::PdfError> {
        let near = head.near_end || end.max(head.stream_data.unwrap_or(0)) + 64 >= buf_len;
        if near && base + buf_len < self.len() {
            return Err(crate::PdfError::BadObject {
                offset: base + buf_len,
                reason: "object at the window's end",
            });
        }
        Ok(())
    }

    /// Run `parse(buf, pos, base)` on a buffer that holds the input from
    /// `offset` (`buf[pos]` is the byte at `offset`, `base` the buffer's
    /// position in the input). In memory: once, over the whole input.
    /// Through a source: in a window that grows while the parse fails before
    /// at the window's end, short of the end of the input (the object went on
    /// past it): a [`crate::PdfError::BadObject`] within 1 KiB of the window's
    /// end. Any other failure is the object's own.
    pub(crate) fn parse_at<T>(
        &self,
        offset: usize,
        first_window: usize,
        mut parse: impl FnMut(&[u8], usize, usize) -> Result<T, crate::PdfError>,
    ) -> Result<T, crate::PdfError> {
        let mut want = first_window.clamp(16, MAX_WINDOW);
        loop {
            let Some((buf, base)) = self.window(offset, want) else {
                return Err(crate::PdfError::BadObject {
                    offset,
                    reason: "offset beyond the end of the file",
                });
            };
            let r = parse(&buf, offset - base, base);
            let end = base + buf.len();
            // Only a failure where the window ends can be the window's fault.
            match r {
                Err(crate::PdfError::BadObject { offset: at, .. })
                    if end < self.len() && at.saturating_add(1024) >= end && want < MAX_WINDOW =>
                {
                    want = want.saturating_mul(16).min(MAX_WINDOW)
                }
                r => return r,
            }
        }
    }

    /// The first `needle` in `from..to`.
    pub(crate) fn find(&self, needle: &[u8], from: usize, to: usize) -> Option<usize> {
        let to = to.min(self.len());
        if needle.is_empty() || from >= to {
            return None;
        }
        match self {
            Input::Mem(b) => crate::lexer::find(b.get(..to)?, needle, from),
            Input::Src(_) => {
                let mut pos = from;
                while pos < to {
                    let end = pos.saturating_add(SEARCH_CHUNK).min(to);
                    // Overlap the next chunk by the needle's length less one.
                    let read_end = end.saturating_add(needle.len() - 1).min(to);
                    let chunk = self.get(pos, read_end)?;
                    if let Some(p) = memchr::memmem::find(&chunk, needle) {
                        return Some(pos + p);
                    }
                    pos = end;
                }
                None
            }
        }
    }

    /// The last `needle` that ends at or before `end` and starts at or after `lo`.
    pub(crate) fn rfind(&self, needle: &[u8], lo: usize, end: usize) -> Option<usize> {
        let end = end.min(self.len());
        if needle.is_empty() || lo >= end {
            return None;
        }
        match self {
            Input::Mem(b) => crate::lexer::rfind(b.get(lo..end)?, needle, end - lo).map(|p| p + lo),
            Input::Src(_) => {
                let mut hi = end;
                while hi > lo {
                    let start = hi.saturating_sub(SEARCH_CHUNK).max(lo);
                    let read_hi = hi;
                    let chunk = self.get(start, read_hi)?;
                    if let Some(p) = memchr::memmem::rfind(&chunk, needle) {
                        return Some(start + p);
                    }
                    if start == lo {
                        break;
                    }
                    // Overlap: a needle straddling `start` is found next round.
                    hi = start + needle.len() - 1;
                    if hi >= read_hi {
                        break;
                    }
                }
                None
            }
        }
    }

    /// Whether every byte from `from` to the end is PDF white space (read in chunks).
    pub(crate) fn all_ws_from(&self, from: usize) -> bool {
        let mut pos = from;
        while pos < self.len() {
            let end = pos.saturating_add(SEARCH_CHUNK).min(self.len());
            match self.get(pos, end) {
                Some(c) if c.iter().all(|b| crate::lexer::is_ws(*b)) => pos = end,
                _ => return false,
            }
        }
        true
    }
}

impl Streamed<'_> {
    fn note(&self, e: ReadError) {
        if let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert(e);
        }
    }

    fn get(&self, start: usize, end: usize) -> Option<Vec<u8>> {
        if start > end || end > self.len {
            return None;
        }
        let n = end - start;
        if n > CACHED_READ {
            let mut v = vec![0u8; n];
            return match self.src.read_at(start as u64, &mut v) {
                Ok(()) => Some(v),
                Err(e) => {
                    self.note(e);
                    None
                }
            };
        }
        let mut out = Vec::with_capacity(n);
        let mut pos = start;
        while pos < end {
            let bi = pos / BLOCK;
            let block = self.block(bi)?;
            let lo = pos - bi * BLOCK;
            let hi = (end - bi * BLOCK).min(block.len());
            out.extend_from_slice(block.get(lo..hi)?);
            pos = bi * BLOCK + hi;
        }
        Some(out)
    }

    fn block(&self, bi: usize) -> Option<Arc<[u8]>> {
        if let Some(b) = self.cache.lock().ok()?.blocks.get(&bi) {
            return Some(b.clone());
        }
        let start = bi.checked_mul(BLOCK)?;
        let end = start.saturating_add(BLOCK).min(self.len);
        let mut v = vec![0u8; end.checked_sub(start)?];
        if let Err(e) = self.src.read_at(start as u64, &mut v) {
            self.note(e);
            return None;
        }
        let b: Arc<[u8]> = v.into();
        let mut c = self.cache.lock().ok()?;
        if c.order.len() >= CACHED_BLOCKS {
            if let Some(old) = c.order.pop_front() {
                c.blocks.remove(&old);
            }
        }
        c.order.push_back(bi);
        c.blocks.insert(bi, b.clone());
        Some(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Far(Vec<u8>);
    impl Source for Far {
        fn len(&self) -> u64 {
            self.0.len() as u64
        }
        fn read_at(&self, o: u64, b: &mut [u8]) -> Result<(), ReadError> {
            self.0.as_slice().read_at(o, b)
        }
    }

    #[test]
    fn streamed_search_agrees_with_memory_across_chunk_edges() {
        let mut data = vec![b'.'; 3 * SEARCH_CHUNK + 100];
        // Needles straddling every chunk boundary, and at both ends.
        for at in [0, SEARCH_CHUNK - 3, 2 * SEARCH_CHUNK - 1, data.len() - 9] {
            data[at..at + 9].copy_from_slice(b"endstream");
        }
        let far = Far(data.clone());
        let (m, s) = (Input::Mem(&data), Input::new(&far).unwrap());
        let mut from = 0;
        loop {
            let a = m.find(b"endstream", from, data.len());
            assert_eq!(a, s.find(b"endstream", from, data.len()));
            let Some(p) = a else { break };
            from = p + 1;
        }
        let mut end = data.len();
        loop {
            let a = m.rfind(b"endstream", 0, end);
            assert_eq!(a, s.rfind(b"endstream", 0, end), "end {end}");
            let Some(p) = a else { break };
            end = p + 8;
        }
        assert_eq!(
            m.rfind(b"endstream", 10, data.len() - 1),
            s.rfind(b"endstream", 10, data.len() - 1)
        );
        assert_eq!(
            &*s.get(SEARCH_CHUNK - 5, SEARCH_CHUNK + 5).unwrap(),
            &data[SEARCH_CHUNK - 5..SEARCH_CHUNK + 5]
        );
        assert!(s.get(0, data.len() + 1).is_none());
        assert!(!s.all_ws_from(0));
    }
}
