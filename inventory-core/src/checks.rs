//! Input checks and summaries shared by the statistical modules (policy math,
//! classification, health metrics, purchasing): each refuses NaN, infinities and
//! out-of-range values with a [`PolicyError`] that names the parameter.
//!
//! This module sits below everything else and knows nothing of the ledger.

use crate::error::PolicyError;

type PResult<T> = std::result::Result<T, PolicyError>;

pub(crate) fn finite(name: &'static str, v: f64) -> PResult<f64> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(PolicyError::InvalidParameter {
            name,
            value: v,
            expected: "a finite number",
        })
    }
}

pub(crate) fn non_negative(name: &'static str, v: f64) -> PResult<f64> {
    if finite(name, v)? < 0.0 {
        return Err(PolicyError::InvalidParameter {
            name,
            value: v,
            expected: "a number ≥ 0",
        });
    }
    Ok(v)
}

pub(crate) fn positive(name: &'static str, v: f64) -> PResult<f64> {
    if finite(name, v)? <= 0.0 {
        return Err(PolicyError::InvalidParameter {
            name,
            value: v,
            expected: "a number > 0",
        });
    }
    Ok(v)
}

/// Sum with four independent accumulators (combined pairwise at the end), so the additions
/// pipeline instead of waiting on each other; as accurate as a plain loop or better.
fn sum4(xs: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut acc = [0.0f64; 4];
    let mut chunks = xs.chunks_exact(4);
    for c in &mut chunks {
        acc[0] += f(c[0]);
        acc[1] += f(c[1]);
        acc[2] += f(c[2]);
        acc[3] += f(c[3]);
    }
    let tail: f64 = chunks.remainder().iter().map(|&x| f(x)).sum();
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + tail
}

/// Mean and sample standard deviation (n − 1; 0 for n = 1), by the two-pass algorithm (the
/// mean first, then the sum of squared deviations from it: no cancellation, and no division
/// on the per-value path).
pub(crate) fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = sum4(xs, |x| x) / n as f64;
    let ss = sum4(xs, |x| (x - mean) * (x - mean));
    let var = if n > 1 { ss / (n - 1) as f64 } else { 0.0 };
    (mean, var.max(0.0).sqrt())
}

/// [`mean_sd`] of a series that must be finite: the check rides on the sum (a NaN or an
/// infinity makes the sum non-finite), and only then are the values looked at one by one.
pub(crate) fn finite_mean_sd(name: &'static str, xs: &[f64]) -> PResult<(f64, f64)> {
    let (mean, sd) = mean_sd(xs);
    if !(mean.is_finite() && sd.is_finite()) {
        for &x in xs {
            finite(name, x)?;
        }
        return Err(PolicyError::Overflow {
            what: "the mean and standard deviation of the series",
        });
    }
    Ok((mean, sd))
}

/// `Ok` when every value of a result is finite; else [`PolicyError::Overflow`] naming the
/// result (finite inputs can still overflow `f64`).
pub(crate) fn finite_result(what: &'static str, values: &[f64]) -> PResult<()> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(PolicyError::Overflow { what })
    }
}
