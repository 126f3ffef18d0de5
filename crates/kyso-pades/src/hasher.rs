//! Digests of the signed byte ranges and of the whole file, in one pass.
//!
//! Every signature's range starts at byte 0 and covers almost all of the
//! file up to its own `/Contents`; the file's SHA-256 fingerprint covers all
//! of it. Hashed one after the other, a 1 GB file with six signatures would
//! be read and hashed seven times. Instead [`RangeHasher::one_pass`] reads
//! the file once, in 1 MiB chunks, and keeps one digest state per group of
//! targets that have consumed exactly the same bytes so far: all of them
//! share the state until the first `/Contents` gap, where the signature that
//! skips it splits off with a copy of the state (SHA-2 states are a few
//! hundred bytes). A byte is hashed once per distinct state that needs it,
//! so the common prefix — nearly the whole file — is hashed once for the
//! fingerprint and every signature together. Each chunk is a short call into
//! the digest, which in wasm lets the engine's optimising tier take over
//! after the first few (one call over the whole file ran in the baseline
//! tier throughout: 14× slower in a fresh browser profile).
//!
//! A digest asked for later that the pass did not compute (an algorithm no
//! signature named, an unreached signature's range) is computed on demand
//! by its own chunked pass.

use kyso_crypto::{DigestAlg, Hasher};
use kyso_source::{for_each_chunk, ReadError, Source};
use std::cell::RefCell;
use std::collections::HashMap;

/// Bytes hashed so far and in all, for a progress display.
pub type Progress<'p> = &'p dyn Fn(u64, u64);

/// Digests of byte ranges, computed once per (range, algorithm), straight
/// from the input (no copy of the file).
pub(crate) struct RangeHasher<'a> {
    pub(crate) src: &'a dyn Source,
    pub(crate) cache: RefCell<DigestCache>,
    /// The first read that failed, if any.
    pub(crate) error: RefCell<Option<ReadError>>,
    /// The file's SHA-256, when the caller computed it.
    known_file: Option<Vec<u8>>,
    /// Where the scanned key occurs, when the caller searched for it.
    known_hits: Option<Vec<usize>>,
    /// The caller hashes the file itself, later
    /// ([`crate::KnownDigests::fingerprint_later`]).
    fingerprint_later: bool,
}

/// Finds where a needle occurs in bytes given in consecutive chunks (at
/// most `max` places, in order), a needle across two chunks included.
pub(crate) struct Scanner<'n> {
    needle: &'n [u8],
    max: usize,
    pub(crate) hits: Vec<usize>,
    /// The end of the previous chunk, for a needle across two chunks.
    carry: Vec<u8>,
}

impl<'n> Scanner<'n> {
    pub(crate) fn new(needle: &'n [u8], max: usize) -> Self {
        Scanner {
            needle,
            max,
            hits: Vec::new(),
            carry: Vec::new(),
        }
    }

    /// The next chunk, which starts at `off` in the file.
    pub(crate) fn feed(&mut self, off: u64, chunk: &[u8]) {
        let (needle, max_hits) = (self.needle, self.max);
        let (hits, carry) = (&mut self.hits, &mut self.carry);
        if hits.len() >= max_hits || needle.is_empty() {
            return;
        }
        let tail = carry.len();
        let base = off as usize - tail;
        carry.extend_from_slice(chunk.get(..chunk.len().min(needle.len())).unwrap_or(&[]));
        // Matches that start in the carried tail (those in the chunk are
        // found below).
        for p in memchr::memmem::find_iter(carry, needle).filter(|&p| p < tail) {
            if hits.len() < max_hits {
                hits.push(base + p);
            }
        }
        for p in memchr::memmem::find_iter(chunk, needle) {
            if hits.len() < max_hits {
                hits.push(off as usize + p);
            }
        }
        carry.clear();
        let keep = chunk.len().min(needle.len() - 1);
        carry.extend_from_slice(&chunk[chunk.len() - keep..]);
    }
}

/// Where `needle` occurs in `src` (at most `max` places, in order), in one
/// chunked pass.
pub(crate) fn scan(src: &dyn Source, needle: &[u8], max: usize) -> Result<Vec<usize>, ReadError> {
    let mut scanner = Scanner::new(needle, max);
    for_each_chunk(src, 0, src.len(), |off, chunk| scanner.feed(off, chunk))?;
    Ok(scanner.hits)
}

pub(crate) type DigestCache = HashMap<([u64; 4], DigestAlg), Vec<u8>>;

/// What one pass computes a digest of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    /// The whole file (its SHA-256 fingerprint).
    File,
    /// A signature's `[a, a+b) ∪ [c, c+d)`.
    Range([u64; 4]),
}

/// The intervals a signature's `/ByteRange` `r` covers, clamped to `len`.
pub(crate) fn intervals(r: [u64; 4], len: u64) -> [(u64, u64); 2] {
    let clamp = |o: u64, l: u64| (o.min(len), o.saturating_add(l).min(len));
    [clamp(r[0], r[1]), clamp(r[2], r[3])]
}

/// Whether `r`'s second part starts where its first ends or later, so that
/// a forward pass can take it (a malformed /ByteRange — some bytes twice, or
/// out of order — is hashed on demand instead).
pub(crate) fn forward(r: [u64; 4]) -> bool {
    r[0].checked_add(r[1]).is_some_and(|e| e <= r[2])
}

impl Target {
    /// The target's intervals, clamped to `len`.
    fn intervals(self, len: u64) -> [(u64, u64); 2] {
        match self {
            Target::File => [(0, len), (len, len)],
            Target::Range(r) => intervals(r, len),
        }
    }
    fn includes(self, len: u64, s: u64, e: u64) -> bool {
        self.intervals(len)
            .iter()
            .any(|&(a, b)| a <= s && e <= b && a < b)
    }
}

struct Group {
    state: Hasher,
    members: Vec<usize>,
}

impl<'a> RangeHasher<'a> {
    #[cfg(test)]
    pub(crate) fn new(src: &'a dyn Source) -> Self {
        RangeHasher::with_known(src, &crate::KnownDigests::default())
    }

    /// A hasher that takes the digests in `known` as computed.
    pub(crate) fn with_known(src: &'a dyn Source, known: &crate::KnownDigests) -> Self {
        let cache = known
            .ranges
            .iter()
            .map(|(r, a, d)| ((*r, *a), d.clone()))
            .collect();
        RangeHasher {
            src,
            cache: RefCell::new(cache),
            error: RefCell::new(None),
            known_file: known.file_sha256.clone(),
            known_hits: known.byte_range_keys.clone(),
            fingerprint_later: known.fingerprint_later,
        }
    }

    /// One pass over the file: the digests of every range in `ranges` with
    /// every algorithm in `algs`, and the file's SHA-256 (returned; `None`
    /// when the caller computes it later).
    /// `progress(done, total)` after each chunk. Every byte goes by in
    /// order, so the pass also finds where `scan.0` occurs (at most `scan.1`
    /// occurrences, in order): the search for unreached signatures needs no
    /// pass of its own.
    pub(crate) fn one_pass(
        &self,
        ranges: &[[u64; 4]],
        algs: &[DigestAlg],
        scan: (&[u8], usize),
        progress: Option<Progress<'_>>,
    ) -> Option<(Option<Vec<u8>>, Vec<usize>)> {
        let len = self.src.len();
        // Every segment between the cuts below is read, whether a digest
        // takes it or not, so the scan sees the whole file in order.
        let mut targets: Vec<(Target, DigestAlg)> = Vec::new();
        if self.known_file.is_none() && !self.fingerprint_later {
            targets.push((Target::File, DigestAlg::Sha256));
        }
        // A range whose second part starts before its first ends (a
        // malformed /ByteRange: some bytes twice, or out of order) cannot
        // share a forward pass; its digest is computed on demand.
        for &r in ranges.iter().filter(|r| forward(**r)) {
            for &a in algs {
                let t = (Target::Range(r), a);
                if !targets.contains(&t) && !self.cache.borrow().contains_key(&(r, a)) {
                    targets.push(t);
                }
            }
        }
        if targets.is_empty() {
            if let Some(hits) = &self.known_hits {
                if self.known_file.is_some() || self.fingerprint_later {
                    // Everything was computed by the caller: nothing to read.
                    return Some((self.known_file.clone(), hits.clone()));
                }
            }
        }
        let mut scanner = Scanner::new(scan.0, scan.1);
        // Every place where some target starts or stops including bytes.
        let mut cuts: Vec<u64> = vec![0, len];
        for (t, _) in &targets {
            for (a, b) in t.intervals(len) {
                cuts.extend([a, b]);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut groups: Vec<Group> = Vec::new();
        for a in algs.iter().chain([&DigestAlg::Sha256]) {
            let members: Vec<usize> = (0..targets.len()).filter(|&i| targets[i].1 == *a).collect();
            if !members.is_empty() && !groups.iter().any(|g| g.members == members) {
                groups.push(Group {
                    state: a.hasher(),
                    members,
                });
            }
        }
        let total: u64 = len;
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            if s >= e {
                continue;
            }
            // Split each group into those that take this segment and those
            // that skip it (the latter keep a copy of the state as it is).
            let mut split = Vec::new();
            for g in &mut groups {
                let (take, skip): (Vec<usize>, Vec<usize>) = g
                    .members
                    .iter()
                    .partition(|&&i| targets[i].0.includes(len, s, e));
                if !take.is_empty() && !skip.is_empty() {
                    split.push(Group {
                        state: g.state.clone(),
                        members: skip,
                    });
                    g.members = take;
                }
            }
            groups.extend(split);
            let feeding: Vec<usize> = (0..groups.len())
                .filter(|&k| {
                    groups[k]
                        .members
                        .first()
                        .is_some_and(|&i| targets[i].0.includes(len, s, e))
                })
                .collect();
            let read = for_each_chunk(self.src, s, e, |off, chunk| {
                for &k in &feeding {
                    groups[k].state.update(chunk);
                }
                scanner.feed(off, chunk);
                if let Some(p) = progress {
                    p(off + chunk.len() as u64, total);
                }
            });
            if let Err(err) = read {
                self.error.borrow_mut().get_or_insert(err);
                return None;
            }
        }
        let mut file_digest = None;
        for g in groups {
            let d = g.state.finalize();
            for &i in &g.members {
                match targets[i] {
                    (Target::File, _) => file_digest = Some(d.clone()),
                    (Target::Range(r), a) => {
                        self.cache.borrow_mut().insert((r, a), d.clone());
                    }
                }
            }
        }
        Some((
            file_digest.or_else(|| self.known_file.clone()),
            scanner.hits,
        ))
    }

    pub(crate) fn digest(&self, range: [u64; 4], alg: DigestAlg) -> Vec<u8> {
        if let Some(d) = self.cache.borrow().get(&(range, alg)) {
            return d.clone();
        }
        let mut h = alg.hasher();
        let len = self.src.len();
        for (a, b) in Target::Range(range).intervals(len) {
            if a >= b {
                continue;
            }
            if let Err(e) = for_each_chunk(self.src, a, b, |_, c| h.update(c)) {
                self.error.borrow_mut().get_or_insert(e);
            }
        }
        let d = h.finalize();
        self.cache.borrow_mut().insert((range, alg), d.clone());
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_hasher_hashes_once_per_algorithm() {
        let bytes = kyso_source::Bytes(b"0123456789");
        let h = RangeHasher::new(&bytes);
        let d = h.digest([0, 3, 5, 5], DigestAlg::Sha256);
        assert_eq!(d, DigestAlg::Sha256.digest(b"01256789"));
        let _ = h.digest([0, 3, 5, 5], DigestAlg::Sha256);
        let _ = h.digest([0, 3, 5, 5], DigestAlg::Sha1);
        assert_eq!(h.cache.borrow().len(), 2);
    }

    #[test]
    fn one_pass_agrees_with_separate_passes() {
        // Long enough for several chunks; ranges as signatures in successive
        // updates have them, one malformed (overlapping, past the end).
        let data: Vec<u8> = (0..(kyso_source::CHUNK * 3 + 777))
            .map(|i| (i * 7 % 253) as u8)
            .collect();
        let n = data.len() as u64;
        let ranges = [
            [0, 1000, 1500, 2_000_000],
            [0, 2_500_000, 2_600_000, n - 2_600_000],
            [0, 2_500_000, 2_600_000, n - 2_600_000 - 5],
            [10, 20, 5, n],
        ];
        let algs = [DigestAlg::Sha256, DigestAlg::Sha1];
        let one = RangeHasher::new(&data);
        let seen = std::cell::Cell::new(0u64);
        // A needle across the first chunk boundary.
        let needle = data[1_048_570..1_048_580].to_vec();
        let (file, hits) = one
            .one_pass(
                &ranges,
                &algs,
                (&needle, 1 << 20),
                Some(&|d, t| {
                    assert!(d <= t && t == n);
                    seen.set(d);
                }),
            )
            .unwrap();
        assert_eq!(file, Some(DigestAlg::Sha256.digest(&data)));
        let want: Vec<usize> = data
            .windows(needle.len())
            .enumerate()
            .filter(|(_, w)| *w == needle.as_slice())
            .map(|(i, _)| i)
            .collect();
        assert!(want.contains(&1_048_570), "{want:?}");
        assert_eq!(hits, want);
        assert_eq!(seen.get(), n);
        let apart = RangeHasher::new(&data);
        for r in ranges {
            for a in algs {
                let mut h = a.hasher();
                for (s, e) in Target::Range(r).intervals(n) {
                    h.update(&data[s as usize..e as usize]);
                }
                let want = h.finalize();
                // Well-ordered ranges come from the pass; the malformed one on demand.
                let from_pass = one.cache.borrow().get(&(r, a)).cloned();
                assert_eq!(from_pass.is_some(), r[0] + r[1] <= r[2], "{r:?} {a:?}");
                assert_eq!(one.digest(r, a), want, "{r:?} {a:?}");
                assert_eq!(apart.digest(r, a), want);
            }
        }
    }
}
