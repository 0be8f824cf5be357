//! `value × part / whole` rounded half away from zero, by integer arithmetic where that gives
//! exactly the `Decimal` result.
//!
//! Every partial issue from a cost layer computes one pro-rata value. With `Decimal` that is
//! a multiplication, a division and a rounding, about 60 ns, the division most of it. The
//! mantissas of realistic layers are small (a value in cents, whole units), so the same
//! quotient is a 128-bit integer division. But the `Decimal` result has a *scale* as well as
//! a value, and the scale of a `Decimal` quotient depends on how `rust_decimal` divides, so
//! [`fast`] answers only in the two cases where the result of the `Decimal` computation is
//! known digit for digit and scale for scale, and leaves every other case to it:
//!
//! 1. **The quotient is exact at its natural scale** (the dividend's scale minus the
//!    divisor's, ≥ 0): `Decimal` division then returns the exact quotient at that scale (its
//!    first step divides the mantissas; with no remainder it is done). Rounding to `scale`
//!    keeps it when its scale is at most `scale`, else rounds it half away from zero.
//!    A FIFO layer whose value is its quantity times a unit cost in cents is always in this
//!    case for whole-unit issues.
//! 2. **The quotient has digits beyond `scale`, and is farther than 10⁻¹⁶ from both the
//!    grid points at `scale` and the midpoint between them, and below 10¹²**: the `Decimal`
//!    quotient then carries at least 16 fractional digits (28 significant digits in all),
//!    so it is within 10⁻¹⁶ of the exact one, on the same side of the midpoint and with
//!    non-zero digits beyond `scale`; rounded, it is the exact quotient rounded half away
//!    from zero, at `scale`. With a divisor below 2³² and `scale` ≤ 4 the distance condition
//!    always holds (a nonzero distance is at least 10^-scale / 2^33 > 10⁻¹⁶); it is
//!    checked anyway.
//!
//! A zero result is left to `Decimal` (it may carry the sign of a negative value).
//! The unit test compares both ways on a million random and constructed operands.

use rust_decimal::Decimal;

/// The largest `scale` this handles.
const MAX_SCALE: u32 = 6;

/// `value × part / whole` rounded half away from zero to `scale` places, exactly as
/// `value.checked_mul(part)?.checked_div(whole)?.round_dp_with_strategy(scale,
/// MidpointAwayFromZero)` gives it, or `None` where that is not known without computing it.
/// `part` and `whole` must be positive for an answer.
pub(super) fn fast(value: Decimal, part: Decimal, whole: Decimal, scale: u32) -> Option<Decimal> {
    if scale > MAX_SCALE
        || value.is_zero()
        || part.is_sign_negative()
        || whole.is_sign_negative()
        || part.is_zero()
        || whole.is_zero()
    {
        return None;
    }
    let (sv, sp, sw) = (value.scale(), part.scale(), whole.scale());
    if sv + sp > 28 {
        // The product would be rounded.
        return None;
    }
    let v = value.mantissa().unsigned_abs();
    let p = part.mantissa().unsigned_abs();
    let w = whole.mantissa().unsigned_abs();
    if v >= 1 << 63 || p >= 1 << 32 || w >= 1 << 32 {
        return None;
    }
    let negative = value.is_sign_negative();
    // The product's mantissa, at scale sv + sp (exact: below 2^95).
    let vp = v * p;
    let natural = sv as i32 + sp as i32 - sw as i32;
    // Case 1: exact at the natural scale.
    let (q, rem) = div_rem(vp, w);
    if natural >= 0 && rem == 0 {
        let natural = natural as u32;
        if natural <= scale {
            return with_scale(q, natural, negative);
        }
        let unit = 10u128.checked_pow(natural - scale)?;
        let (r, rem) = div_rem(q, unit);
        return with_scale(round_half_away(r, rem, unit), scale, negative);
    }
    // Case 2: at `scale`, the quotient is n / d = r + rem / d with 0 < rem < d.
    let e = scale as i32 + sw as i32 - sv as i32 - sp as i32;
    let (n, d) = if e >= 0 {
        (vp.checked_mul(10u128.checked_pow(e as u32)?)?, w)
    } else {
        (vp, w.checked_mul(10u128.checked_pow(e.unsigned_abs())?)?)
    };
    let (r, rem) = div_rem(n, d);
    if rem == 0 || r >= 10u128.pow(12 + scale) {
        return None;
    }
    // Distances from the grid points and from the midpoint, in units of 10^-scale, times
    // d: rem, d - rem and |2 rem - d| / 2. Each must exceed 10^-16 / 10^-scale.
    let margin = 10u128.pow(16 - scale);
    let exceeds = |x: u128, bound: u128| x.checked_mul(margin).is_none_or(|y| y > bound);
    if !(exceeds(rem, d) && exceeds(d - rem, d) && exceeds((2 * rem).abs_diff(d), 2 * d)) {
        return None;
    }
    with_scale(round_half_away(r, rem, d), scale, negative)
}

/// `(n / d, n % d)`, by a 64-bit division when both fit (a 128-bit one is a library call
/// several times slower).
#[inline]
fn div_rem(n: u128, d: u128) -> (u128, u128) {
    match (u64::try_from(n), u64::try_from(d)) {
        (Ok(n), Ok(d)) => (u128::from(n / d), u128::from(n % d)),
        _ => (n / d, n % d),
    }
}

/// `r + rem / d` rounded half away from zero (for a magnitude).
fn round_half_away(r: u128, rem: u128, d: u128) -> u128 {
    if 2 * rem >= d {
        r + 1
    } else {
        r
    }
}

/// The decimal `±m × 10^-scale`; `None` for zero (whose sign `Decimal` may keep) or a
/// mantissa above 96 bits.
fn with_scale(m: u128, scale: u32, negative: bool) -> Option<Decimal> {
    if m == 0 || m >= 1 << 96 {
        return None;
    }
    let m = i128::try_from(m).ok()?;
    Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale).ok()
}

#[cfg(test)]
mod tests {
    use super::fast;
    use rust_decimal::{Decimal, RoundingStrategy};

    fn slow(value: Decimal, part: Decimal, whole: Decimal, scale: u32) -> Option<Decimal> {
        Some(
            value
                .checked_mul(part)?
                .checked_div(whole)?
                .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Checks one case: where the fast way answers, it is the `Decimal` result bit for bit
    /// (value and scale). Returns whether it answered.
    fn check(value: Decimal, part: Decimal, whole: Decimal, scale: u32) -> bool {
        let Some(f) = fast(value, part, whole, scale) else {
            return false;
        };
        let s = slow(value, part, whole, scale).expect("the fast way answered an overflow");
        assert_eq!(
            f.serialize(),
            s.serialize(),
            "{value} x {part} / {whole} at {scale}: fast {f}, Decimal {s}"
        );
        true
    }

    #[test]
    fn agrees_with_decimal_on_random_operands() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let (mut cases, mut answered) = (0u32, 0u32);
        for _ in 0..1_000_000 {
            let scale = rng.below(7) as u32;
            // Values: cents mostly, any scale up to 8 sometimes, magnitudes up to 2^50.
            let vs = if rng.below(4) == 0 {
                rng.below(9) as u32
            } else {
                2
            };
            let bits = 1 + rng.below(50);
            let mut value = Decimal::from_i128_with_scale((rng.next() >> (64 - bits)) as i128, vs);
            value.set_sign_negative(rng.below(8) == 0);
            // Quantities: whole units mostly, decimals sometimes; part ≤ whole mostly.
            let qs = if rng.below(4) == 0 {
                rng.below(4) as u32
            } else {
                0
            };
            let range = if rng.below(3) == 0 { 1 << 31 } else { 500 };
            let whole_m = 1 + rng.below(range);
            let over = rng.below(3);
            let part_m = 1 + rng.below(whole_m + over);
            let ps = if rng.below(6) == 0 {
                rng.below(4) as u32
            } else {
                qs
            };
            let whole = Decimal::from_i128_with_scale(whole_m as i128, qs);
            let part = Decimal::from_i128_with_scale(part_m as i128, ps);
            cases += 1;
            answered += u32::from(check(value, part, whole, scale));
        }
        // The fast way must answer most realistic cases, or it is not worth having.
        assert!(answered > cases / 2, "answered {answered} of {cases}");
    }

    #[test]
    fn agrees_with_decimal_near_midpoints_and_grid_points() {
        // value × part / whole lands exactly on, just beside, and far from the midpoints
        // and the grid points at `scale`.
        let mut answered = 0;
        for scale in 0..=6u32 {
            for whole in [1u64, 2, 3, 4, 7, 8, 10, 16, 37, 1000, 4_294_967_291] {
                for part in [1u64, 2, 3, 5, whole.saturating_sub(1).max(1)] {
                    for vm in [
                        1i64,
                        5,
                        15,
                        25,
                        49,
                        50,
                        51,
                        99,
                        100,
                        101,
                        12345,
                        999_999_999,
                    ] {
                        for vs in [0u32, 1, 2, 3, 4, 8] {
                            for negative in [false, true] {
                                let mut value = Decimal::new(vm, vs);
                                value.set_sign_negative(negative);
                                let (p, w) = (Decimal::from(part), Decimal::from(whole));
                                answered += u32::from(check(value, p, w, scale));
                            }
                        }
                    }
                }
            }
        }
        assert!(answered > 1000, "answered {answered}");
    }

    #[test]
    fn leaves_what_it_cannot_know_to_decimal() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // 10 / 4 at 4 places: exact at scale 1, not at the natural scale 0; Decimal says
        // 2.50 (its division's own scale), which only Decimal knows.
        assert_eq!(fast(d("10"), d("1"), d("4"), 4), None);
        // Zero, negative or zero operands, a product above 28 places, a large scale.
        assert_eq!(fast(d("0.00"), d("1"), d("3"), 2), None);
        assert_eq!(fast(d("1.00"), d("-1"), d("3"), 2), None);
        assert_eq!(fast(d("1.00"), d("1"), d("0"), 2), None);
        assert_eq!(
            fast(d("1.0000000000000000000000000001"), d("0.1"), d("3"), 2),
            None
        );
        assert_eq!(fast(d("1.00"), d("1"), d("3"), 7), None);
        // A rounded result of zero (its sign is Decimal's business).
        assert_eq!(fast(d("-0.01"), d("1"), d("3"), 2), None);
        // And what it answers, by hand: 456.58 × 3 / 37 = 37.02 exactly (case 1);
        // 100.00 × 1 / 3 = 33.333… → 33.33, × 2 / 3 → 66.67 (case 2).
        assert_eq!(fast(d("456.58"), d("3"), d("37"), 2), Some(d("37.02")));
        assert_eq!(fast(d("100.00"), d("1"), d("3"), 2), Some(d("33.33")));
        assert_eq!(fast(d("100.00"), d("2"), d("3"), 2), Some(d("66.67")));
        assert_eq!(fast(d("-100.00"), d("2"), d("3"), 2), Some(d("-66.67")));
    }
}
