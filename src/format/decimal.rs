//! Unsigned integers in decimal, as every format writes its offsets: eight digits at a time,
//! without the formatting machinery of `write!`, which would cost more than the rest of a row.

use crate::text::LO;

/// Appends `n` in decimal.
#[inline]
pub(crate) fn push_uint(out: &mut Vec<u8>, n: usize) {
    let n = n as u64;
    if n < EIGHT_DIGITS {
        push_digits(out, eight_digits(n), true);
    } else {
        push_long_uint(out, n);
    }
}

/// `n` in decimal if it has at most eight digits: the digits in ASCII in the low bytes of a
/// word, first digit first in memory (little-endian), and how many there are; `None` for a
/// larger number. What [`push_uint`] appends, for a writer that stores the word itself.
#[inline]
pub(crate) fn short_uint(n: usize) -> Option<(u64, usize)> {
    let n = n as u64;
    if n < FOUR_DIGITS {
        // Most offsets: two pairs of digits from a table, and as many leading zeros cut off
        // as three compares count.
        let hundreds = (n * 5243) >> 19;
        let rest = n - hundreds * 100;
        // Both below 100: the masks only spare the compiler a bounds check.
        let digits =
            u64::from(PAIRS[hundreds as usize & 127]) | u64::from(PAIRS[rest as usize & 127]) << 16;
        let skip = usize::from(n < 10) + usize::from(n < 100) + usize::from(n < 1000);
        return Some((digits >> (8 * skip), 4 - skip));
    }
    if n >= EIGHT_DIGITS {
        return None;
    }
    let digits = eight_digits(n);
    // Leading zeros are the low zero bytes; keep the last digit even if it is zero.
    let skip = ((digits.trailing_zeros() / 8) as usize).min(7);
    Some(((digits + LO * u64::from(b'0')) >> (8 * skip), 8 - skip))
}

/// 10⁴: numbers below it have at most four digits.
const FOUR_DIGITS: u64 = 10_000;

/// The two ASCII digits of each number below 100 (the tens first in memory, zero-padded),
/// in a table of 128 so that an index masked to seven bits needs no bounds check.
const PAIRS: [u16; 128] = {
    let mut pairs = [0; 128];
    let mut n = 0;
    while n < 100 {
        pairs[n] = (b'0' + (n / 10) as u8) as u16 | ((b'0' + (n % 10) as u8) as u16) << 8;
        n += 1;
    }
    pairs
};

/// Appends `n`, at least 10⁸, in decimal: eight digits at a time, the first group without
/// leading zeros.
#[cold]
#[inline(never)]
fn push_long_uint(out: &mut Vec<u8>, n: u64) {
    // A `u64` has at most 20 digits: up to four before two groups of eight.
    let (high, low) = (n / EIGHT_DIGITS, n % EIGHT_DIGITS);
    if high < EIGHT_DIGITS {
        push_digits(out, eight_digits(high), true);
    } else {
        push_digits(out, eight_digits(high / EIGHT_DIGITS), true);
        push_digits(out, eight_digits(high % EIGHT_DIGITS), false);
    }
    push_digits(out, eight_digits(low), false);
}

/// 10⁸: numbers below it have at most eight digits.
const EIGHT_DIGITS: u64 = 100_000_000;

/// The eight decimal digits of `n` (below 10⁸, zero-padded), one per byte as the values
/// 0 to 9, the most significant digit in the lowest byte (first in memory).
///
/// Splits four digits from four, then two from two in each half, then one from one, every
/// lane at once; the divisions by 100 and by 10 are multiplications that are exact for the
/// lanes' ranges (below 10⁴ and below 100).
#[inline]
fn eight_digits(n: u64) -> u64 {
    // Two 32-bit lanes, each below 10⁴.
    let x = (n / 10_000) | ((n % 10_000) << 32);
    // Four 16-bit lanes, each below 100.
    let hundreds = ((x * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let x = hundreds | ((x - hundreds * 100) << 16);
    // Eight bytes, each below 10.
    let tens = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
    tens | ((x - tens * 10) << 8)
}

/// Appends the digits of `digits` (as from [`eight_digits`]) in ASCII; if `trim`, without
/// leading zeros, but always at least one digit.
#[inline]
fn push_digits(out: &mut Vec<u8>, digits: u64, trim: bool) {
    let skip = if trim {
        // Leading zeros are the low zero bytes; keep the last digit even if it is zero.
        ((digits.trailing_zeros() / 8) as usize).min(7)
    } else {
        0
    };
    let ascii = (digits + LO * u64::from(b'0')) >> (8 * skip);
    push_word(out, ascii, 8 - skip);
}

/// Appends the first `len` (at most eight) bytes of the word `x` in memory order.
///
/// All eight bytes are appended and the rest cut off again: a store of fixed size costs less
/// than a copy of variable length.
#[inline]
fn push_word(out: &mut Vec<u8>, x: u64, len: usize) {
    let end = out.len() + len;
    out.extend_from_slice(&x.to_le_bytes());
    out.truncate(end);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The digits of `n` (below 10⁸) as `eight_digits` lays them out, one at a time.
    fn eight_digits_slowly(mut n: u64) -> u64 {
        let mut digits = 0;
        for k in (0..8).rev() {
            digits |= (n % 10) << (8 * k);
            n /= 10;
        }
        digits
    }

    #[test]
    fn eight_digits_for_every_number_below_ten_to_the_eight() {
        for n in 0..EIGHT_DIGITS {
            assert_eq!(eight_digits(n), eight_digits_slowly(n), "{n}");
        }
    }

    #[test]
    fn short_uint_for_every_number_below_ten_to_the_four() {
        for n in 0..FOUR_DIGITS as usize {
            let (word, len) = short_uint(n).unwrap();
            assert_eq!(&word.to_le_bytes()[..len], n.to_string().as_bytes(), "{n}");
        }
    }

    #[test]
    fn numbers_near_every_power_of_ten() {
        let mut p = 1u64;
        loop {
            for n in [
                p - 1,
                p,
                p + 1,
                p.saturating_mul(2) - 1,
                p.saturating_mul(9),
                p.saturating_mul(10) - 1,
            ] {
                let mut out = Vec::new();
                push_uint(&mut out, n as usize);
                assert_eq!(out, n.to_string().into_bytes());
            }
            match p.checked_mul(10) {
                Some(next) => p = next,
                None => break,
            }
        }
        let mut out = Vec::new();
        push_uint(&mut out, usize::MAX);
        assert_eq!(out, usize::MAX.to_string().into_bytes());
    }

    proptest! {
        #[test]
        fn short_numbers_are_the_digits_push_uint_writes(n in prop_oneof![0..2 * FOUR_DIGITS as usize, 0..2 * EIGHT_DIGITS as usize]) {
            let mut out = Vec::new();
            push_uint(&mut out, n);
            match short_uint(n) {
                Some((word, len)) => prop_assert_eq!(&word.to_le_bytes()[..len], &out[..]),
                None => prop_assert!(n >= EIGHT_DIGITS as usize),
            }
        }

        #[test]
        fn numbers_match_to_string(n in any::<usize>(), small in 0..EIGHT_DIGITS as usize) {
            for n in [n, small] {
                let mut out = Vec::new();
                push_uint(&mut out, n);
                prop_assert_eq!(out, n.to_string().into_bytes());
            }
        }
    }
}
