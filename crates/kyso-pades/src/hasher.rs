//! Digests of the signed byte ranges, straight from the input.

use kyso_crypto::DigestAlg;
use kyso_pdf::byte_range::signed_slices;
use std::cell::RefCell;
use std::collections::HashMap;

/// Digests of byte ranges, computed once per (range, algorithm) straight from
/// the input slices (no copy of the file).
pub(crate) struct RangeHasher<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) cache: RefCell<DigestCache>,
}

pub(crate) type DigestCache = HashMap<([u64; 4], DigestAlg), Vec<u8>>;

impl<'a> RangeHasher<'a> {
    pub(crate) fn digest(&self, range: [u64; 4], alg: DigestAlg) -> Vec<u8> {
        if let Some(d) = self.cache.borrow().get(&(range, alg)) {
            return d.clone();
        }
        let mut h = alg.hasher();
        for s in signed_slices(self.bytes, range) {
            h.update(s);
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
        let bytes = b"0123456789";
        let h = RangeHasher {
            bytes,
            cache: RefCell::new(HashMap::new()),
        };
        let d = h.digest([0, 3, 5, 5], DigestAlg::Sha256);
        assert_eq!(d, DigestAlg::Sha256.digest(b"01256789"));
        let _ = h.digest([0, 3, 5, 5], DigestAlg::Sha256);
        let _ = h.digest([0, 3, 5, 5], DigestAlg::Sha1);
        assert_eq!(h.cache.borrow().len(), 2);
    }
}
