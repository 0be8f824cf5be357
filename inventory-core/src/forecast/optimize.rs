//! A small, dependency-free, deterministic Nelder–Mead minimiser on the unit box `[0, 1]^d`.
//!
//! Trial points outside the box are clamped back onto it. Several fixed starting points are
//! tried and the best result (first one on ties) is polished by one more restart from it.
//! A non-finite objective value counts as `+∞`.

const MAX_ITER: usize = 600;
const STEP: f64 = 0.1;

/// How hard the minimiser works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effort {
    /// Seven starting points, tight tolerances and a polishing restart (single fits).
    Thorough,
    /// Two starting points and looser tolerances (automatic selection, many fits per series).
    Fast,
}

/// Minimises `f` over `[0, 1]^dim`, returning the best point found.
pub(crate) fn minimize_unit_box<F: FnMut(&[f64]) -> f64>(
    mut f: F,
    dim: usize,
    effort: Effort,
) -> Vec<f64> {
    if dim == 0 {
        return Vec::new();
    }
    if effort == Effort::Fast {
        let tol = Tol {
            spread: 1e-8,
            size: 1e-4,
            max_iter: 200,
        };
        let mut best: Option<(Vec<f64>, f64)> = None;
        for s in [0.15, 0.5] {
            let (x, fx) = nelder_mead(&mut f, vec![s; dim], tol);
            if best.as_ref().is_none_or(|b| fx < b.1) {
                best = Some((x, fx));
            }
        }
        return best.map_or_else(|| vec![0.5; dim], |b| b.0);
    }
    let tol = Tol {
        spread: 1e-13,
        size: 1e-9,
        max_iter: MAX_ITER,
    };
    let mut starts: Vec<Vec<f64>> = [0.1, 0.3, 0.5, 0.7, 0.9]
        .iter()
        .map(|&v| vec![v; dim])
        .collect();
    if dim > 1 {
        starts.push(
            (0..dim)
                .map(|i| if i % 2 == 0 { 0.2 } else { 0.8 })
                .collect(),
        );
        starts.push(
            (0..dim)
                .map(|i| if i % 2 == 0 { 0.8 } else { 0.2 })
                .collect(),
        );
    }
    let mut best: Option<(Vec<f64>, f64)> = None;
    for s in starts {
        let (x, fx) = nelder_mead(&mut f, s, tol);
        if best.as_ref().is_none_or(|b| fx < b.1) {
            best = Some((x, fx));
        }
    }
    let (x, fx) = best.unwrap_or_else(|| (vec![0.5; dim], f64::INFINITY));
    let (x2, fx2) = nelder_mead(&mut f, x.clone(), tol);
    if fx2 < fx {
        x2
    } else {
        x
    }
}

/// When a Nelder–Mead run stops.
#[derive(Debug, Clone, Copy)]
struct Tol {
    /// Relative spread of the simplex's values.
    spread: f64,
    /// Largest coordinate distance from the best vertex.
    size: f64,
    /// Iteration cap.
    max_iter: usize,
}

fn eval<F: FnMut(&[f64]) -> f64>(f: &mut F, x: &[f64]) -> f64 {
    let v = f(x);
    if v.is_finite() {
        v
    } else {
        f64::INFINITY
    }
}

fn clamp(x: &mut [f64]) {
    for v in x {
        *v = v.clamp(0.0, 1.0);
    }
}

/// `a + t·(b − a)`, clamped to the box.
fn along(a: &[f64], b: &[f64], t: f64) -> Vec<f64> {
    let mut x: Vec<f64> = a.iter().zip(b).map(|(a, b)| a + t * (b - a)).collect();
    clamp(&mut x);
    x
}

fn nelder_mead<F: FnMut(&[f64]) -> f64>(f: &mut F, mut x0: Vec<f64>, tol: Tol) -> (Vec<f64>, f64) {
    clamp(&mut x0);
    let n = x0.len();
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    let f0 = eval(f, &x0);
    simplex.push((x0.clone(), f0));
    for i in 0..n {
        let mut x = x0.clone();
        x[i] = if x[i] + STEP <= 1.0 {
            x[i] + STEP
        } else {
            x[i] - STEP
        };
        let fx = eval(f, &x);
        simplex.push((x, fx));
    }
    for _ in 0..tol.max_iter {
        // Stable sort: ties keep their order, so the run is deterministic.
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let fb = simplex[0].1;
        let fw = simplex[n].1;
        let spread = (fw - fb).abs();
        let size = simplex[1..]
            .iter()
            .flat_map(|(x, _)| x.iter().zip(&simplex[0].0).map(|(a, b)| (a - b).abs()))
            .fold(0.0_f64, f64::max);
        if spread <= tol.spread * (1.0 + fb.abs()) && size <= tol.size {
            break;
        }
        let mut c = vec![0.0; n];
        for (x, _) in &simplex[..n] {
            for (ci, xi) in c.iter_mut().zip(x) {
                *ci += xi / n as f64;
            }
        }
        let worst = simplex[n].0.clone();
        let xr = along(&c, &worst, -1.0);
        let fr = eval(f, &xr);
        if fr < fb {
            let xe = along(&c, &worst, -2.0);
            let fe = eval(f, &xe);
            simplex[n] = if fe < fr { (xe, fe) } else { (xr, fr) };
            continue;
        }
        if fr < simplex[n - 1].1 {
            simplex[n] = (xr, fr);
            continue;
        }
        let (xc, fc, ok) = if fr < fw {
            let xc = along(&c, &xr, 0.5);
            let fc = eval(f, &xc);
            let ok = fc <= fr;
            (xc, fc, ok)
        } else {
            let xc = along(&c, &worst, 0.5);
            let fc = eval(f, &xc);
            let ok = fc < fw;
            (xc, fc, ok)
        };
        if ok {
            simplex[n] = (xc, fc);
            continue;
        }
        let best = simplex[0].0.clone();
        for item in simplex.iter_mut().skip(1) {
            let x = along(&best, &item.0, 0.5);
            let fx = eval(f, &x);
            *item = (x, fx);
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    simplex.swap_remove(0)
}
