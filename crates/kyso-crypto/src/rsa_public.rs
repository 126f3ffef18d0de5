//! RSAVP1's `s^e mod n` (RFC 8017 §5.2.2), variable-time Montgomery arithmetic.
//!
//! Why our own and not `rsa::hazmat::rsa_encrypt`: `rsa` 0.9 computes with
//! `num-bigint-dig`, whose Montgomery multiplication allocates a `BigUint` per
//! step (and works in 32-bit digits on wasm32). Measured with callgrind on a
//! signed 1 MiB PDF (one signature, a timestamp, two chains): its six RSA
//! verifications took 48 M of the verification's 117 M instructions, more than
//! hashing the file twice. `crypto-bigint` 0.5 (already in the tree through
//! `elliptic-curve`) was tried first: its constant-time set-up (R² mod n by a
//! bit-serial division) left 34 M. A public-key operation needs no constant
//! time: every value here is public (a certificate's key, a signature value
//! from the document), so this is the textbook CIOS Montgomery product on
//! 64-bit limbs with R² mod n from a dozen squarings, checked against
//! `num-bigint-dig` at every width in the tests below.
//!
//! Bounds: the modulus is at most 16,384 bits and the exponent at most 256
//! (`rsa_sig::rsa_key` refuses larger keys); an even modulus, or one below 3,
//! gives `None` and the caller falls back to the `rsa` crate.

/// Limbs of the widest modulus handled (16,384 bits).
const MAX_LIMBS: usize = 256;

/// `s^e mod n` as a big-endian octet string of `k` octets (I2OSP). `None`
/// when `s ≥ n`, when `n` is even, below 3 or wider than 16,384 bits, when
/// `e` is wider than `n`, or when the result does not fit in `k` octets.
pub(crate) fn rsavp1(n: &[u8], e: &[u8], s: &[u8], k: usize) -> Option<Vec<u8>> {
    let n = limbs(n, MAX_LIMBS)?;
    let len = n.len();
    if len == 0 || n[0] & 1 == 0 || (len == 1 && n[0] < 3) {
        return None;
    }
    let e = limbs(e, len)?;
    let mut s = limbs(s, len)?;
    s.resize(len, 0);
    if !less(&s, &n) {
        return None;
    }
    let m = Mont::new(n);
    let out = m.pow(&s, &e);
    // I2OSP: `out < n`, and `n` fits in `k` octets when the key does.
    let mut be = Vec::with_capacity(len * 8);
    for w in out.iter().rev() {
        be.extend_from_slice(&w.to_be_bytes());
    }
    let extra = be.len().checked_sub(k);
    match extra {
        Some(extra) => {
            if be[..extra].iter().any(|&b| b != 0) {
                return None;
            }
            Some(be.split_off(extra))
        }
        None => {
            let mut padded = vec![0u8; k - be.len()];
            padded.extend_from_slice(&be);
            Some(padded)
        }
    }
}

/// Little-endian 64-bit limbs of a big-endian integer, without leading zero
/// limbs; `None` when more than `max` limbs are needed.
fn limbs(be: &[u8], max: usize) -> Option<Vec<u64>> {
    let zeros = be.iter().take_while(|&&b| b == 0).count();
    let be = &be[zeros..];
    let count = be.len().div_ceil(8);
    if count > max {
        return None;
    }
    let mut out = Vec::with_capacity(count);
    for chunk in be.rchunks(8) {
        let mut w = [0u8; 8];
        w[8 - chunk.len()..].copy_from_slice(chunk);
        out.push(u64::from_be_bytes(w));
    }
    Some(out)
}

/// `a < b` for equal-length limb vectors.
fn less(a: &[u64], b: &[u64]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// `a -= b` (equal lengths), returning the borrow.
fn sub_in_place(a: &mut [u64], b: &[u64]) -> bool {
    let mut borrow = false;
    for (x, &y) in a.iter_mut().zip(b) {
        let (d1, b1) = x.overflowing_sub(y);
        let (d2, b2) = d1.overflowing_sub(borrow as u64);
        *x = d2;
        borrow = b1 || b2;
    }
    borrow
}

/// Montgomery arithmetic modulo an odd `n` with `R = 2^(64·len)`.
struct Mont {
    n: Vec<u64>,
    /// `-n⁻¹ mod 2^64`.
    n_prime: u64,
}

impl Mont {
    fn new(n: Vec<u64>) -> Mont {
        // Newton's iteration doubles the correct low bits each step: 1 → 64 in 6.
        let mut inv: u64 = 1;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n[0].wrapping_mul(inv)));
        }
        Mont {
            n,
            n_prime: inv.wrapping_neg(),
        }
    }

    /// `2x mod n`, for `x < n`.
    fn double(&self, x: &mut [u64]) {
        let mut carry = 0u64;
        for w in x.iter_mut() {
            let next = *w >> 63;
            *w = (*w << 1) | carry;
            carry = next;
        }
        if carry == 1 || !less(x, &self.n) {
            sub_in_place(x, &self.n);
        }
    }

    /// `a·b·R⁻¹ mod n` (CIOS), for `a, b < n`.
    fn mul(&self, a: &[u64], b: &[u64]) -> Vec<u64> {
        let len = self.n.len();
        let mut t = vec![0u64; len + 2];
        for &ai in a {
            let mut c: u64 = 0;
            for j in 0..len {
                let p = t[j] as u128 + ai as u128 * b[j] as u128 + c as u128;
                t[j] = p as u64;
                c = (p >> 64) as u64;
            }
            let p = t[len] as u128 + c as u128;
            t[len] = p as u64;
            t[len + 1] = (p >> 64) as u64;
            let m = t[0].wrapping_mul(self.n_prime);
            let p = t[0] as u128 + m as u128 * self.n[0] as u128;
            let mut c = (p >> 64) as u64;
            for j in 1..len {
                let p = t[j] as u128 + m as u128 * self.n[j] as u128 + c as u128;
                t[j - 1] = p as u64;
                c = (p >> 64) as u64;
            }
            let p = t[len] as u128 + c as u128;
            t[len - 1] = p as u64;
            t[len] = t[len + 1] + (p >> 64) as u64;
        }
        // t < 2n: one conditional subtraction.
        let top = t[len];
        t.truncate(len);
        if top != 0 || !less(&t, &self.n) {
            sub_in_place(&mut t, &self.n);
        }
        t
    }

    /// `R² mod n`: `R mod n` by doubling from the modulus's top bit, then
    /// square-and-double along the bits of `64·len` (Montgomery form of `2^(64·len)`).
    fn r_squared(&self) -> Vec<u64> {
        let len = self.n.len();
        let bits = 64 * len - self.n[len - 1].leading_zeros() as usize;
        // 2^(bits-1) < n (n is odd and has `bits` bits, n ≥ 3).
        let mut x = vec![0u64; len];
        x[(bits - 1) / 64] = 1 << ((bits - 1) % 64);
        for _ in 0..(64 * len - (bits - 1)) {
            self.double(&mut x);
        }
        // x = R mod n, the Montgomery form of 1. Walk the bits of K = 64·len
        // from the top: form(2^a)² → form(2^2a), doubling → form(2^(a+1)).
        let k = 64 * len;
        let top = usize::BITS - 1 - k.leading_zeros();
        self.double(&mut x); // form(2^1), the top bit
        for i in (0..top).rev() {
            x = self.mul(&x, &x);
            if (k >> i) & 1 == 1 {
                self.double(&mut x);
            }
        }
        x
    }

    /// `s^e mod n` (plain, not Montgomery, form), left to right.
    fn pow(&self, s: &[u64], e: &[u64]) -> Vec<u64> {
        let len = self.n.len();
        let mut one = vec![0u64; len];
        one[0] = 1;
        let base = self.mul(s, &self.r_squared());
        let mut acc: Option<Vec<u64>> = None;
        for i in (0..e.len() * 64).rev() {
            if let Some(a) = acc.as_mut() {
                *a = self.mul(a, a);
            }
            if (e[i / 64] >> (i % 64)) & 1 == 1 {
                acc = Some(match acc {
                    Some(a) => self.mul(&a, &base),
                    None => base.clone(),
                });
            }
        }
        match acc {
            Some(a) => self.mul(&a, &one),
            // s^0 = 1 (n ≥ 3).
            None => one,
        }
    }
}

/// The fuzz target's oracle: where `rsavp1` answers, it equals
/// `num-bigint-dig`'s `s^e mod n`; it declines only what its documentation says.
pub(crate) fn check_against_reference(n: &[u8], e: &[u8], s: &[u8]) {
    use rsa::BigUint;
    let (bn, be, bs) = (
        BigUint::from_bytes_be(n),
        BigUint::from_bytes_be(e),
        BigUint::from_bytes_be(s),
    );
    let k = n.len();
    let got = rsavp1(n, e, s, k);
    let odd = bn.bits() >= 2 && n.last().is_some_and(|b| b & 1 == 1);
    if !odd || bs >= bn || be.bits() > bn.bits().div_ceil(64) * 64 {
        return;
    }
    assert_eq!(
        got,
        Some(reference(n, e, s, k)),
        "n={n:02x?} e={e:02x?} s={s:02x?}"
    );
}

/// The reference: `num-bigint-dig`'s modpow, as `rsa` computes it, I2OSP to `k` octets.
fn reference(n: &[u8], e: &[u8], s: &[u8], k: usize) -> Vec<u8> {
    use rsa::BigUint;
    let m = BigUint::from_bytes_be(s)
        .modpow(&BigUint::from_bytes_be(e), &BigUint::from_bytes_be(n))
        .to_bytes_be();
    let mut out = vec![0u8; k - m.len()];
    out.extend_from_slice(&m);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic byte stream (xorshift), so failures reproduce.
    fn bytes(seed: &mut u64, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                (*seed >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn agrees_with_num_bigint_at_every_width_and_exponent() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        // Odd moduli of awkward and usual lengths (including ones not a
        // multiple of the limb size), small and large exponents, and
        // signature values of every length up to the modulus.
        for bits in [
            512usize, 1023, 1024, 1536, 2047, 2048, 3072, 4096, 4100, 8192,
        ] {
            let k = bits.div_ceil(8);
            for e in [
                vec![3u8],
                vec![1, 0, 1],
                bytes(&mut seed, 4),
                bytes(&mut seed, 32),
            ] {
                let mut n = bytes(&mut seed, k);
                let top = bits - 8 * (k - 1); // bits used in the first octet
                n[0] &= ((1u16 << top) - 1) as u8;
                n[0] |= 1 << (top - 1);
                n[k - 1] |= 1;
                for s_len in [1, k / 2, k] {
                    let mut s = bytes(&mut seed, s_len);
                    if s_len == k {
                        s[0] = n[0] >> 1; // below n
                    }
                    assert_eq!(
                        rsavp1(&n, &e, &s, k).as_deref(),
                        Some(&reference(&n, &e, &s, k)[..]),
                        "{bits}-bit modulus, exponent {e:02x?}, |s| = {s_len}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_fuzz_oracle_holds_on_random_shapes() {
        // Leading zero octets, even moduli, s ≥ n, long exponents: the
        // oracle skips what rsavp1 declines and compares the rest.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for i in 0..400usize {
            let mut data = bytes(&mut seed, 3 + (i % 300) + 40);
            data[0] = 0;
            data[1] = (i % 200) as u8;
            if i % 7 == 0 {
                data[3] = 0;
            }
            crate::fuzzing::rsavp1_differential(&data);
        }
    }

    #[test]
    fn exponent_zero_and_one() {
        let n = [0xc5u8; 128];
        let s = [0x33u8; 100];
        let mut one = vec![0u8; 128];
        one[127] = 1;
        assert_eq!(rsavp1(&n, &[], &s, 128), Some(one.clone()));
        assert_eq!(rsavp1(&n, &[0, 0], &s, 128), Some(one));
        let mut same = vec![0u8; 28];
        same.extend_from_slice(&s);
        assert_eq!(rsavp1(&n, &[1], &s, 128), Some(same));
    }

    #[test]
    fn refuses_what_it_cannot_compute_instead_of_panicking() {
        // An even modulus (no Montgomery form), and 1.
        assert_eq!(rsavp1(&[0x80, 0x00], &[3], &[5], 2), None);
        assert_eq!(rsavp1(&[0x01], &[3], &[0], 1), None);
        // No modulus at all.
        assert_eq!(rsavp1(&[0, 0], &[3], &[5], 2), None);
        // Wider than 16,384 bits.
        let mut n = vec![0xffu8; 2049];
        n[2048] = 0xfd;
        assert_eq!(rsavp1(&n, &[3], &[5], 2049), None);
        // An exponent wider than the modulus's width.
        assert_eq!(rsavp1(&[0xc5; 128], &[1; 129], &[5], 128), None);
        // A signature value not below the modulus.
        assert_eq!(rsavp1(&[0xc5; 128], &[3], &[0xc5; 128], 128), None);
        // The result does not fit the stated length.
        assert_eq!(rsavp1(&[0xc5; 128], &[3], &[0x77; 127], 64), None);
    }
}
