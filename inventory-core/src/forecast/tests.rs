use super::*;
use crate::error::{Error, ErrorKind, ForecastError};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn assert_all_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "lengths: {got:?} vs {want:?}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(close(*g, *w), "index {i}: got {g}, want {w}");
    }
}

fn fe(e: Error) -> ForecastError {
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    match e {
        Error::Forecast(f) => f,
        other => panic!("not a forecast error: {other:?}"),
    }
}

/// A seasonal demand series (period 4) with a trend, strictly positive.
fn seasonal_series() -> Vec<f64> {
    let pattern = [10.0, 14.0, 8.0, 12.0];
    (0..24)
        .map(|t| pattern[t % 4] + 0.5 * t as f64 + if t % 3 == 0 { 0.7 } else { -0.4 })
        .collect()
}

fn trend_series() -> Vec<f64> {
    (0..20)
        .map(|t| 50.0 + 2.0 * t as f64 + [1.5, -1.0, 0.3, -0.8, 0.0][t % 5])
        .collect()
}

// ---------------------------------------------------------------- textbook recursions

/// FPP §8.1–8.3 component form, written with 1-based time: y[1..=n], level l[0..=n],
/// trend b[0..=n], seasonal s[0..n+m] where s[j] is s_{j−m} (s[0..m] are s_{1−m}..s_0).
#[allow(clippy::too_many_arguments)]
fn textbook(
    y: &[f64],
    alpha: f64,
    beta: f64,
    gamma: f64,
    phi: f64,
    l0: f64,
    b0: f64,
    s0: &[f64],
    mult: bool,
    horizon: usize,
) -> (Vec<f64>, Vec<f64>) {
    let n = y.len();
    let m = s0.len();
    let mut l = vec![0.0; n + 1];
    let mut b = vec![0.0; n + 1];
    let mut s = vec![0.0; n + m + 1];
    l[0] = l0;
    b[0] = b0;
    s[..m].copy_from_slice(s0);
    // s_{t} is stored at s[t + m - 1] for t = 1-m ..= n (so s_0 at s[m-1]).
    let si = |t: i64| (t + m as i64 - 1) as usize;
    let mut fitted = Vec::new();
    for t in 1..=n {
        let yt = y[t - 1];
        if m == 0 {
            fitted.push(l[t - 1] + phi * b[t - 1]);
            l[t] = alpha * yt + (1.0 - alpha) * (l[t - 1] + phi * b[t - 1]);
        } else if !mult {
            let st_m = s[si(t as i64 - m as i64)];
            fitted.push(l[t - 1] + phi * b[t - 1] + st_m);
            l[t] = alpha * (yt - st_m) + (1.0 - alpha) * (l[t - 1] + phi * b[t - 1]);
            s[si(t as i64)] = gamma * (yt - l[t - 1] - phi * b[t - 1]) + (1.0 - gamma) * st_m;
        } else {
            let st_m = s[si(t as i64 - m as i64)];
            fitted.push((l[t - 1] + phi * b[t - 1]) * st_m);
            l[t] = alpha * yt / st_m + (1.0 - alpha) * (l[t - 1] + phi * b[t - 1]);
            s[si(t as i64)] = gamma * yt / (l[t - 1] + phi * b[t - 1]) + (1.0 - gamma) * st_m;
        }
        b[t] = beta * (l[t] - l[t - 1]) + (1.0 - beta) * phi * b[t - 1];
    }
    let mut fc = Vec::new();
    for h in 1..=horizon {
        let phi_h: f64 = (1..=h).map(|i| phi.powi(i as i32)).sum();
        let base = l[n] + phi_h * b[n];
        let v = if let Some(k) = (h - 1).checked_div(m) {
            let st = s[si(n as i64 + h as i64 - (m * (k + 1)) as i64)];
            if mult {
                base * st
            } else {
                base + st
            }
        } else {
            base
        };
        fc.push(v);
    }
    (fitted, fc)
}

#[test]
fn ses_matches_textbook() {
    let y = trend_series();
    let m = ModelSpec::Ses {
        alpha: Some(0.3),
        level0: Some(45.0),
    }
    .fit(&y)
    .unwrap();
    let (fit, fc) = textbook(&y, 0.3, 0.0, 0.0, 1.0, 45.0, 0.0, &[], false, 5);
    assert_all_close(m.fitted(), &fit);
    assert_all_close(&m.predict(5).unwrap(), &fc);
}

#[test]
fn holt_matches_textbook() {
    let y = trend_series();
    let m = ModelSpec::Holt {
        alpha: Some(0.4),
        beta: Some(0.2),
        damping: Damping::None,
        level0: Some(49.0),
        trend0: Some(1.5),
    }
    .fit(&y)
    .unwrap();
    let (fit, fc) = textbook(&y, 0.4, 0.2, 0.0, 1.0, 49.0, 1.5, &[], false, 7);
    assert_all_close(m.fitted(), &fit);
    assert_all_close(&m.predict(7).unwrap(), &fc);
}

#[test]
fn damped_holt_matches_textbook() {
    let y = trend_series();
    let m = ModelSpec::Holt {
        alpha: Some(0.6),
        beta: Some(0.3),
        damping: Damping::Fixed(0.9),
        level0: Some(51.0),
        trend0: Some(2.5),
    }
    .fit(&y)
    .unwrap();
    let (fit, fc) = textbook(&y, 0.6, 0.3, 0.0, 0.9, 51.0, 2.5, &[], false, 10);
    assert_all_close(m.fitted(), &fit);
    assert_all_close(&m.predict(10).unwrap(), &fc);
    assert_eq!(m.params().phi, Some(0.9));
}

#[test]
fn additive_holt_winters_matches_textbook() {
    let y = seasonal_series();
    let s0 = [-1.0, 3.0, -3.5, 1.5];
    for (phi, damping) in [(1.0, Damping::None), (0.92, Damping::Fixed(0.92))] {
        let m = ModelSpec::HoltWinters {
            seasonality: Seasonality::Additive,
            period: 4,
            alpha: Some(0.3),
            beta: Some(0.1),
            gamma: Some(0.2),
            damping,
            level0: Some(11.0),
            trend0: Some(0.4),
            seasonal0: Some(s0.to_vec()),
        }
        .fit(&y)
        .unwrap();
        let (fit, fc) = textbook(&y, 0.3, 0.1, 0.2, phi, 11.0, 0.4, &s0, false, 9);
        assert_all_close(m.fitted(), &fit);
        assert_all_close(&m.predict(9).unwrap(), &fc);
    }
}

#[test]
fn multiplicative_holt_winters_matches_textbook() {
    let y = seasonal_series();
    let s0 = [0.9, 1.25, 0.75, 1.1];
    for (phi, damping) in [(1.0, Damping::None), (0.85, Damping::Fixed(0.85))] {
        let m = ModelSpec::HoltWinters {
            seasonality: Seasonality::Multiplicative,
            period: 4,
            alpha: Some(0.25),
            beta: Some(0.15),
            gamma: Some(0.3),
            damping,
            level0: Some(11.0),
            trend0: Some(0.5),
            seasonal0: Some(s0.to_vec()),
        }
        .fit(&y)
        .unwrap();
        let (fit, fc) = textbook(&y, 0.25, 0.15, 0.3, phi, 11.0, 0.5, &s0, true, 9);
        assert_all_close(m.fitted(), &fit);
        assert_all_close(&m.predict(9).unwrap(), &fc);
    }
}

#[test]
fn default_initial_states_follow_the_documented_rules() {
    let y = [3.0, 5.0, 4.0, 8.0];
    let m = ModelSpec::Holt {
        alpha: Some(0.5),
        beta: Some(0.5),
        damping: Damping::None,
        level0: None,
        trend0: None,
    }
    .fit(&y)
    .unwrap();
    // Least-squares line through (1, 3), (2, 5), (3, 4), (4, 8): slope 7/5, value 1.5 at 0.
    assert!((m.params().level0.unwrap() - 1.5).abs() < 1e-12);
    assert!((m.params().trend0.unwrap() - 1.4).abs() < 1e-12);
    let s = ModelSpec::Ses {
        alpha: Some(0.5),
        level0: None,
    }
    .fit(&y)
    .unwrap();
    assert_eq!(s.params().level0, Some(5.0)); // the mean of the first min(n, 10)

    // Two seasons of period 2: L1 = 3, L2 = 7, b0 = 2.
    let y = [2.0, 4.0, 5.0, 9.0];
    let hw = |seasonality| ModelSpec::HoltWinters {
        seasonality,
        period: 2,
        alpha: Some(0.5),
        beta: Some(0.5),
        gamma: Some(0.5),
        damping: Damping::None,
        level0: None,
        trend0: None,
        seasonal0: None,
    };
    let a = hw(Seasonality::Additive).fit(&y).unwrap();
    assert_eq!(a.params().level0, Some(3.0));
    assert_eq!(a.params().trend0, Some(2.0));
    assert_all_close(&a.params().seasonal0, &[-1.5, 1.5]);
    let p = hw(Seasonality::Multiplicative).fit(&y).unwrap();
    assert_all_close(
        &p.params().seasonal0,
        &[(2.0 / 3.0 + 5.0 / 7.0) / 2.0, (4.0 / 3.0 + 9.0 / 7.0) / 2.0],
    );
}

// ---------------------------------------------------------------- worked examples

#[test]
fn ses_worked_example() {
    let m = ModelSpec::Ses {
        alpha: Some(0.5),
        level0: Some(10.0),
    }
    .fit(&[12.0, 8.0, 14.0])
    .unwrap();
    // l1 = 11, l2 = 9.5, l3 = 11.75.
    assert_eq!(m.fitted(), &[10.0, 11.0, 9.5]);
    assert_eq!(m.predict(3).unwrap(), vec![11.75; 3]);
    // Residuals 2, -3, 4.5: sqrt((4 + 9 + 20.25) / 3).
    assert!(close(m.residual_sd().unwrap(), (33.25f64 / 3.0).sqrt()));
}

#[test]
fn benchmarks_worked_example() {
    let y = [4.0, 6.0, 5.0, 9.0, 7.0];
    let naive = ModelSpec::Naive.fit(&y).unwrap();
    assert_eq!(naive.fitted(), &[4.0, 6.0, 5.0, 9.0]);
    assert_eq!(naive.fitted_start(), 1);
    assert_eq!(naive.predict(2).unwrap(), vec![7.0, 7.0]);
    let sn = ModelSpec::SeasonalNaive { period: 2 }.fit(&y).unwrap();
    assert_eq!(sn.predict(3).unwrap(), vec![9.0, 7.0, 9.0]);
    assert_eq!(sn.fitted(), &[4.0, 6.0, 5.0]);
    let ha = ModelSpec::HistoricAverage.fit(&y).unwrap();
    assert_eq!(ha.predict(1).unwrap(), vec![6.2]);
    assert_eq!(ha.fitted(), &[4.0, 5.0, 5.0, 6.0]);
    let ma = ModelSpec::MovingAverage { window: 2 }.fit(&y).unwrap();
    assert_eq!(ma.predict(1).unwrap(), vec![8.0]);
    assert_eq!(ma.fitted(), &[5.0, 5.5, 7.0]);
}

const INTERMITTENT: [f64; 7] = [0.0, 3.0, 0.0, 0.0, 2.0, 0.0, 4.0];

#[test]
fn croston_and_sba_worked_example() {
    // Init at the first demand (t = 1): z = 3, p = 2.
    // t = 4: interval 3 -> z = 3 + 0.5(2 - 3) = 2.5, p = 2 + 0.5(3 - 2) = 2.5.
    // t = 6: interval 2 -> z = 2.5 + 0.5(4 - 2.5) = 3.25, p = 2.5 + 0.5(2 - 2.5) = 2.25.
    let c = ModelSpec::Croston { alpha: Some(0.5) }
        .fit(&INTERMITTENT)
        .unwrap();
    assert_all_close(&c.predict(2).unwrap(), &[3.25 / 2.25, 3.25 / 2.25]);
    assert_all_close(c.fitted(), &[1.5, 1.5, 1.5, 1.5, 1.5, 1.0, 1.0]);
    let s = ModelSpec::Sba { alpha: Some(0.5) }
        .fit(&INTERMITTENT)
        .unwrap();
    assert_all_close(&s.predict(1).unwrap(), &[0.75 * 3.25 / 2.25]);
    // Default alpha is 0.1.
    let d = ModelSpec::Croston { alpha: None }
        .fit(&INTERMITTENT)
        .unwrap();
    assert_eq!(d.params().alpha, Some(0.1));
}

#[test]
fn tsb_worked_example() {
    // Init: z = 3, prob = 1/2. Then prob: .25, .125, .5625 (z 2.5), .28125, .640625 (z 3.25).
    let t = ModelSpec::Tsb {
        alpha: Some(0.5),
        beta: Some(0.5),
    }
    .fit(&INTERMITTENT)
    .unwrap();
    assert_all_close(&t.predict(1).unwrap(), &[0.640625 * 3.25]);
    assert_all_close(
        t.fitted(),
        &[1.5, 1.5, 1.5, 0.75, 0.375, 0.5625 * 2.5, 0.28125 * 2.5],
    );
}

#[test]
fn tsb_decays_after_demand_stops_croston_does_not() {
    let mut y = vec![5.0, 0.0, 4.0, 6.0, 0.0, 5.0];
    let before_c = ModelSpec::Croston { alpha: None }
        .fit(&y)
        .unwrap()
        .predict(1)
        .unwrap()[0];
    let before_t = ModelSpec::Tsb {
        alpha: None,
        beta: Some(0.2),
    }
    .fit(&y)
    .unwrap()
    .predict(1)
    .unwrap()[0];
    y.extend(std::iter::repeat_n(0.0, 30));
    let after_c = ModelSpec::Croston { alpha: None }
        .fit(&y)
        .unwrap()
        .predict(1)
        .unwrap()[0];
    let after_t = ModelSpec::Tsb {
        alpha: None,
        beta: Some(0.2),
    }
    .fit(&y)
    .unwrap()
    .predict(1)
    .unwrap()[0];
    assert_eq!(before_c, after_c);
    assert!(after_t < before_t * 0.8f64.powi(30) * 1.0000001);
    assert!((0.0..0.01).contains(&after_t));
}

#[test]
fn all_zero_intermittent_forecasts_zero() {
    for spec in [
        ModelSpec::Croston { alpha: None },
        ModelSpec::Sba { alpha: None },
        ModelSpec::Tsb {
            alpha: None,
            beta: None,
        },
    ] {
        let m = spec.fit(&[0.0; 5]).unwrap();
        assert_eq!(m.predict(3).unwrap(), vec![0.0; 3]);
    }
}

// ---------------------------------------------------------------- optimiser

fn sse_of(m: &FittedModel, y: &[f64]) -> f64 {
    y[m.fitted_start()..]
        .iter()
        .zip(m.fitted())
        .map(|(a, f)| (a - f) * (a - f))
        .sum()
}

#[test]
fn optimizer_beats_fixed_choices_and_respects_bounds() {
    let y = trend_series();
    let opt = ModelSpec::ses().fit(&y).unwrap();
    for a in [0.1, 0.5, 0.9] {
        let f = ModelSpec::Ses {
            alpha: Some(a),
            level0: None,
        }
        .fit(&y)
        .unwrap();
        assert!(sse_of(&opt, &y) <= sse_of(&f, &y) + 1e-9);
    }
    let a = opt.params().alpha.unwrap();
    assert!((ALPHA_BOUNDS.0..=ALPHA_BOUNDS.1).contains(&a));

    let opt = ModelSpec::holt(Damping::Optimized).fit(&y).unwrap();
    let p = opt.params();
    let (a, b, phi) = (p.alpha.unwrap(), p.beta.unwrap(), p.phi.unwrap());
    assert!(a > 0.0 && a < 1.0 && b > 0.0 && b < 1.0 && a * b <= a);
    assert!((PHI_BOUNDS.0..=PHI_BOUNDS.1).contains(&phi));
    for (a, b, phi) in [(0.2, 0.1, 0.9), (0.5, 0.5, 0.8), (0.8, 0.2, 0.98)] {
        let f = ModelSpec::Holt {
            alpha: Some(a),
            beta: Some(b),
            damping: Damping::Fixed(phi),
            level0: None,
            trend0: None,
        }
        .fit(&y)
        .unwrap();
        assert!(sse_of(&opt, &y) <= sse_of(&f, &y) + 1e-9);
    }

    let y = seasonal_series();
    for seasonality in [Seasonality::Additive, Seasonality::Multiplicative] {
        let opt = ModelSpec::holt_winters(seasonality, 4, Damping::None)
            .fit(&y)
            .unwrap();
        let p = opt.params();
        let (a, b, g) = (p.alpha.unwrap(), p.beta.unwrap(), p.gamma.unwrap());
        assert!(a > 0.0 && a < 1.0 && b > 0.0 && b < 1.0);
        assert!(g > 0.0 && g <= 1.0 - a, "gamma {g} alpha {a}");
        for (a, b, g) in [(0.2, 0.1, 0.1), (0.5, 0.3, 0.3), (0.1, 0.5, 0.8)] {
            let f = ModelSpec::HoltWinters {
                seasonality,
                period: 4,
                alpha: Some(a),
                beta: Some(b),
                gamma: Some(g),
                damping: Damping::None,
                level0: None,
                trend0: None,
                seasonal0: None,
            }
            .fit(&y)
            .unwrap();
            assert!(sse_of(&opt, &y) <= sse_of(&f, &y) + 1e-9);
        }
    }
}

#[test]
fn fitting_is_deterministic() {
    let y = seasonal_series();
    let spec = ModelSpec::holt_winters(Seasonality::Additive, 4, Damping::Optimized);
    let a = spec.fit(&y).unwrap();
    let b = spec.fit(&y).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a.predict(8)
            .unwrap()
            .iter()
            .map(|v| v.to_bits())
            .collect::<Vec<_>>(),
        b.predict(8)
            .unwrap()
            .iter()
            .map(|v| v.to_bits())
            .collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------- errors and NaN

#[test]
fn bad_input_gives_typed_errors() {
    let e = fe(ModelSpec::ses().fit(&[]).unwrap_err());
    assert!(matches!(e, ForecastError::EmptySeries { .. }));
    let e = fe(ModelSpec::Naive.fit(&[1.0, f64::NAN]).unwrap_err());
    assert!(matches!(e, ForecastError::NonFinite { index: 1, .. }));
    let e = fe(ModelSpec::Naive.fit(&[f64::INFINITY]).unwrap_err());
    assert!(matches!(e, ForecastError::NonFinite { index: 0, .. }));
    let e = fe(
        ModelSpec::holt_winters(Seasonality::Additive, 4, Damping::None)
            .fit(&[1.0; 4])
            .unwrap_err(),
    );
    assert!(matches!(
        e,
        ForecastError::TooShort {
            needed: 5,
            got: 4,
            ..
        }
    ));
    let e = fe(ModelSpec::holt(Damping::None).fit(&[1.0]).unwrap_err());
    assert!(matches!(e, ForecastError::TooShort { needed: 2, .. }));
    let e = fe(ModelSpec::MovingAverage { window: 0 }
        .fit(&[1.0])
        .unwrap_err());
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "window", .. }
    ));
    let e = fe(ModelSpec::SeasonalNaive { period: 3 }
        .fit(&[1.0])
        .unwrap_err());
    assert!(matches!(e, ForecastError::TooShort { .. }));
    let e = fe(
        ModelSpec::holt_winters(Seasonality::Additive, 1, Damping::None)
            .fit(&[1.0; 8])
            .unwrap_err(),
    );
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "period", .. }
    ));
    let e = fe(ModelSpec::Ses {
        alpha: Some(1.5),
        level0: None,
    }
    .fit(&[1.0])
    .unwrap_err());
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "alpha", .. }
    ));
    let e = fe(ModelSpec::Ses {
        alpha: Some(f64::NAN),
        level0: None,
    }
    .fit(&[1.0])
    .unwrap_err());
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "alpha", .. }
    ));
    let e = fe(ModelSpec::Ses {
        alpha: None,
        level0: Some(f64::INFINITY),
    }
    .fit(&[1.0])
    .unwrap_err());
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "level0", .. }
    ));
    let e = fe(ModelSpec::Holt {
        alpha: None,
        beta: None,
        damping: Damping::Fixed(1.2),
        level0: None,
        trend0: None,
    }
    .fit(&[1.0, 2.0])
    .unwrap_err());
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "phi", .. }
    ));
    let mut y = seasonal_series();
    y[5] = 0.0;
    let e = fe(
        ModelSpec::holt_winters(Seasonality::Multiplicative, 4, Damping::None)
            .fit(&y)
            .unwrap_err(),
    );
    assert!(matches!(e, ForecastError::OutOfDomain { index: 5, .. }));
    let e = fe(ModelSpec::HoltWinters {
        seasonality: Seasonality::Additive,
        period: 4,
        alpha: Some(0.8),
        beta: Some(0.1),
        gamma: Some(0.5),
        damping: Damping::None,
        level0: None,
        trend0: None,
        seasonal0: None,
    }
    .fit(&seasonal_series())
    .unwrap_err());
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "gamma", .. }
    ));
    let e = fe(ModelSpec::HoltWinters {
        seasonality: Seasonality::Additive,
        period: 4,
        alpha: None,
        beta: None,
        gamma: None,
        damping: Damping::None,
        level0: Some(1.0),
        trend0: Some(0.0),
        seasonal0: Some(vec![0.0; 3]),
    }
    .fit(&seasonal_series())
    .unwrap_err());
    assert!(matches!(e, ForecastError::LengthMismatch { .. }));
    let e = fe(ModelSpec::Croston { alpha: None }
        .fit(&[1.0, -1.0])
        .unwrap_err());
    assert!(matches!(e, ForecastError::OutOfDomain { index: 1, .. }));
    let e = fe(ModelSpec::Tsb {
        alpha: Some(0.0),
        beta: None,
    }
    .fit(&[1.0])
    .unwrap_err());
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "alpha", .. }
    ));

    let m = ModelSpec::Naive.fit(&[1.0]).unwrap();
    for h in [0, MAX_HORIZON + 1, usize::MAX] {
        let e = fe(m.predict(h).unwrap_err());
        assert!(matches!(e, ForecastError::InvalidHorizon { .. }));
    }
}

#[test]
fn forecasts_are_floored_at_zero_and_never_nan() {
    let falling: Vec<f64> = (0..12).map(|t| 100.0 - 9.0 * t as f64).collect();
    let m = ModelSpec::Holt {
        alpha: Some(0.8),
        beta: Some(0.8),
        damping: Damping::None,
        level0: None,
        trend0: None,
    }
    .fit(&falling)
    .unwrap();
    let p = m.predict(30).unwrap();
    assert!(p.iter().all(|v| *v >= 0.0));
    assert_eq!(*p.last().unwrap(), 0.0);

    let series: Vec<Vec<f64>> = vec![
        vec![0.0; 12],
        vec![5.0; 12],
        vec![1e200, -1e200, 1e200, 0.0, 3.0, 1e-300, 7.0, 1e200],
        INTERMITTENT.to_vec(),
        seasonal_series(),
        trend_series(),
        vec![1.0, 1e6, 1.0, 1e6, 1.0, 1e6, 1.0, 1e6],
    ];
    let specs = [
        ModelSpec::Naive,
        ModelSpec::SeasonalNaive { period: 4 },
        ModelSpec::HistoricAverage,
        ModelSpec::MovingAverage { window: 3 },
        ModelSpec::ses(),
        ModelSpec::holt(Damping::None),
        ModelSpec::holt(Damping::Optimized),
        ModelSpec::holt_winters(Seasonality::Additive, 2, Damping::Optimized),
        ModelSpec::holt_winters(Seasonality::Multiplicative, 4, Damping::None),
        ModelSpec::Croston { alpha: None },
        ModelSpec::Sba { alpha: None },
        ModelSpec::Tsb {
            alpha: None,
            beta: None,
        },
    ];
    for y in &series {
        for spec in &specs {
            // Errors are fine (e.g. multiplicative on zeros); NaN is not.
            let Ok(m) = spec.fit(y) else { continue };
            assert!(m.fitted().iter().all(|v| v.is_finite()), "{spec:?} {y:?}");
            assert!(m.residual_sd().is_none_or(f64::is_finite));
            if let Ok(p) = m.predict(12) {
                assert!(p.iter().all(|v| v.is_finite() && *v >= 0.0), "{spec:?}");
            }
        }
    }
}

// ---------------------------------------------------------------- metrics

#[test]
fn metrics_worked_example() {
    let actual = [10.0, 0.0, 5.0];
    let forecast = [8.0, 2.0, 4.0];
    let insample = [1.0, 3.0, 2.0, 6.0];
    // errors 2, -2, 1
    let a = metrics(&actual, &forecast, &insample, 1).unwrap();
    assert!(close(a.mae, 5.0 / 3.0));
    assert!(close(a.rmse, 3f64.sqrt()));
    assert!(close(a.bias, 1.0 / 3.0));
    // MAPE skips the zero actual: (20% + 20%) / 2.
    assert!(close(a.mape.unwrap(), 20.0));
    // sMAPE: 200*2/18, 200*2/2, 200*1/9.
    assert!(close(a.smape.unwrap(), 2200.0 / 27.0));
    // Naive in-sample MAE: (2 + 1 + 4) / 3.
    assert!(close(a.mase.unwrap(), 5.0 / 7.0));
    // Seasonal naive with period 2: (1 + 3) / 2.
    let b = metrics(&actual, &forecast, &insample, 2).unwrap();
    assert!(close(b.mase.unwrap(), 5.0 / 6.0));

    // All-zero actuals: no MAPE; constant in-sample: no MASE.
    let c = metrics(&[0.0, 0.0], &[0.0, 1.0], &[3.0, 3.0], 1).unwrap();
    assert_eq!(c.mape, None);
    assert!(close(c.smape.unwrap(), 200.0));
    assert_eq!(c.mase, None);
}

#[test]
fn metrics_bad_input() {
    let e = fe(metrics(&[1.0], &[1.0, 2.0], &[1.0, 2.0], 1).unwrap_err());
    assert!(matches!(e, ForecastError::LengthMismatch { .. }));
    let e = fe(metrics(&[], &[], &[1.0, 2.0], 1).unwrap_err());
    assert!(matches!(e, ForecastError::EmptySeries { what: "actual" }));
    let e = fe(metrics(&[1.0], &[f64::NAN], &[1.0, 2.0], 1).unwrap_err());
    assert!(matches!(
        e,
        ForecastError::NonFinite {
            what: "forecast",
            ..
        }
    ));
    let e = fe(metrics(&[1.0], &[1.0], &[1.0, 2.0], 0).unwrap_err());
    assert!(matches!(
        e,
        ForecastError::InvalidParameter { name: "period", .. }
    ));
    let e = fe(metrics(&[1.0], &[1.0], &[1.0, 2.0], 2).unwrap_err());
    assert!(matches!(e, ForecastError::TooShort { .. }));
}

#[test]
fn serde_round_trip() {
    let m = ModelSpec::holt(Damping::Optimized)
        .fit(&trend_series())
        .unwrap();
    let json = serde_json::to_string(&m).unwrap();
    let back: FittedModel = serde_json::from_str(&json).unwrap();
    assert_eq!(back.predict(3).unwrap(), m.predict(3).unwrap());
}

#[test]
fn output_beyond_the_cell_limit_is_refused_before_it_is_allocated() {
    // Found by review (issue 13): a panel of 400 series 10^6 periods ahead at 2 levels
    // (2·10^9 values, 16 GB) or 2,000 quantiles 10^6 periods ahead aborted the process
    // on allocation. Each is refused with a typed error before anything is computed.
    let too_large = |e: Error| match fe(e) {
        ForecastError::OutputTooLarge { what, cells, max } => {
            assert_eq!(max, MAX_OUTPUT_CELLS);
            (what, cells)
        }
        other => panic!("{other:?}"),
    };
    let start = std::time::Instant::now();
    let panel = vec![vec![1.0; 20]; 400];
    let e = forecast_panel(&panel, &Method::auto(1), 1_000_000, &[0.5, 0.9], 2).unwrap_err();
    // 400 × 10^6 × (1 + 2 × 2)
    assert_eq!(too_large(e), ("a forecast panel", 2_000_000_000));
    let m = ModelSpec::Naive.fit(&[1.0, 2.0, 3.0]).unwrap();
    let probs: Vec<f64> = (1..=2000).map(|i| i as f64 / 2001.0).collect();
    let e = m.quantiles(1_000_000, &probs).unwrap_err();
    assert_eq!(too_large(e), ("quantiles", 2_000_000_000));
    let levels = vec![0.9; 50];
    let e = m.forecast(1_000_000, &levels).unwrap_err();
    assert_eq!(too_large(e), ("a forecast", 101_000_000));
    let e = forecast_series(
        &[1.0, 2.0],
        &Method::Model(ModelSpec::Naive),
        1_000_000,
        &levels,
    )
    .unwrap_err();
    assert_eq!(too_large(e), ("a forecast", 101_000_000));
    let long = vec![1.0; 30_000];
    let e = backtest(
        &long,
        &Method::Model(ModelSpec::Naive),
        10_000,
        10_001,
        1,
        1,
    )
    .unwrap_err();
    assert_eq!(too_large(e), ("a backtest", 100_010_000));
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    // The limit itself is allowed; a product that overflows usize is refused too.
    assert!(check_cells("x", &[MAX_OUTPUT_CELLS]).is_ok());
    assert!(check_cells("x", &[MAX_OUTPUT_CELLS / 2 + 1, 2]).is_err());
    assert!(check_cells("x", &[usize::MAX, usize::MAX, 3]).is_err());
    assert!(check_cells("x", &[usize::MAX, 0]).is_ok());
    // A large call within the limit still works: 10^6 periods at one level.
    assert_eq!(
        m.forecast(1_000_000, &[0.9]).unwrap().upper[0].len(),
        1_000_000
    );
}
