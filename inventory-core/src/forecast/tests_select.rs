//! Tests of intervals, classification, automatic selection, ADIDA, panels, backtests and
//! model names. Expected values are derived here independently of the implementation: the
//! closed-form variances of FPP (3rd ed.) Table 8.8, hand-worked classifications and ADIDA,
//! quantiles computed by a separate routine, F quantiles from scipy 1.x.

use super::*;
use crate::error::Error;

fn fe(e: Error) -> ForecastError {
    match e {
        Error::Forecast(f) => f,
        other => panic!("expected a forecast error, got {other:?}"),
    }
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * (1.0 + a.abs().max(b.abs()))
}

/// A deterministic pseudo-noise in `[-1, 1)`.
fn noise(t: usize) -> f64 {
    let mut z = (t as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

fn level_series(n: usize) -> Vec<f64> {
    (0..n)
        .map(|t| 100.0 + 0.5 * t as f64 + 8.0 * noise(t))
        .collect()
}

fn seasonal(n: usize, m: usize) -> Vec<f64> {
    (0..n)
        .map(|t| {
            100.0 + 40.0 * (std::f64::consts::TAU * t as f64 / m as f64).sin() + 4.0 * noise(t)
        })
        .collect()
}

/// `σ` as documented: `sqrt(SSE / (k − p))` over the `k` one-step in-sample errors, `p` the
/// number of quantities the fit estimated (counted by hand at each call).
fn sigma_of(model: &FittedModel, y: &[f64], p: usize) -> f64 {
    let start = model.fitted_start();
    let sse: f64 = model
        .fitted()
        .iter()
        .zip(&y[start..])
        .map(|(f, a)| (a - f) * (a - f))
        .sum();
    (sse / (model.fitted().len() - p) as f64).sqrt()
}

/// The `σ_h` implied by a 95 % interval of `model`.
fn implied_sd(model: &FittedModel, horizon: usize) -> Vec<f64> {
    let f = model.forecast(horizon, &[0.95]).unwrap();
    let z = 1.959_963_984_540_054;
    f.upper[0]
        .iter()
        .zip(&f.mean)
        .map(|(u, m)| (u - m) / z)
        .collect()
}

// ---------------------------------------------------------------- analytic intervals

#[test]
fn naive_interval_is_last_value_plus_z_sigma_sqrt_h() {
    let y = level_series(30);
    let model = ModelSpec::Naive.fit(&y).unwrap();
    // Naive residuals y_t − y_{t−1}, σ over those 29.
    let diffs: Vec<f64> = y.windows(2).map(|w| w[1] - w[0]).collect();
    let sigma = (diffs.iter().map(|d| d * d).sum::<f64>() / diffs.len() as f64).sqrt();
    let f = model.forecast(4, &[0.8]).unwrap();
    let z80 = 1.281_551_565_544_600_4;
    for h in 0..4 {
        let half = z80 * sigma * ((h + 1) as f64).sqrt();
        assert!(close(f.lower[0][h], y[29] - half, 1e-12));
        assert!(close(f.upper[0][h], y[29] + half, 1e-12));
    }
    assert_eq!(f.method, IntervalMethod::Analytic);
}

#[test]
fn ets_intervals_match_fpp_table_8_8() {
    let y = level_series(40);
    let (a, bs, g, phi) = (0.3, 0.2, 0.1, 0.9);
    let b = a * bs; // error-correction β
    let ses = ModelSpec::Ses {
        alpha: Some(a),
        level0: None,
    }
    .fit(&y)
    .unwrap();
    let s = sigma_of(&ses, &y, 1); // ℓ0 by rule
    for (h, got) in implied_sd(&ses, 6).iter().enumerate() {
        let h = (h + 1) as f64;
        let want = s * (1.0 + a * a * (h - 1.0)).sqrt();
        assert!(close(*got, want, 1e-9), "ANN h={h}: {got} vs {want}");
    }

    let holt = ModelSpec::Holt {
        alpha: Some(a),
        beta: Some(bs),
        damping: Damping::None,
        level0: None,
        trend0: None,
    }
    .fit(&y)
    .unwrap();
    let s = sigma_of(&holt, &y, 2); // ℓ0, b0 by rule
    for (h, got) in implied_sd(&holt, 6).iter().enumerate() {
        let h = (h + 1) as f64;
        let v = 1.0 + (h - 1.0) * (a * a + a * b * h + b * b * h * (2.0 * h - 1.0) / 6.0);
        assert!(close(*got, s * v.sqrt(), 1e-9), "AAN h={h}");
    }

    let damped = ModelSpec::Holt {
        alpha: Some(a),
        beta: Some(bs),
        damping: Damping::Fixed(phi),
        level0: None,
        trend0: None,
    }
    .fit(&y)
    .unwrap();
    let s = sigma_of(&damped, &y, 2);
    let damped_part = |h: f64| {
        b * phi * h / (1.0 - phi).powi(2) * (2.0 * a * (1.0 - phi) + b * phi)
            - b * phi * (1.0 - phi.powf(h)) / ((1.0 - phi).powi(2) * (1.0 - phi * phi))
                * (2.0 * a * (1.0 - phi * phi) + b * phi * (1.0 + 2.0 * phi - phi.powf(h)))
    };
    for (h, got) in implied_sd(&damped, 6).iter().enumerate() {
        let h = (h + 1) as f64;
        let v = 1.0 + a * a * (h - 1.0) + damped_part(h);
        assert!(close(*got, s * v.sqrt(), 1e-9), "AAdN h={h}");
    }

    let m = 4usize;
    let ys = seasonal(40, m);
    for damping in [Damping::None, Damping::Fixed(phi)] {
        let hw = ModelSpec::HoltWinters {
            seasonality: Seasonality::Additive,
            period: m,
            alpha: Some(a),
            beta: Some(bs),
            gamma: Some(g),
            damping,
            level0: None,
            trend0: None,
            seasonal0: None,
        }
        .fit(&ys)
        .unwrap();
        let s = sigma_of(&hw, &ys, 2 + (m - 1)); // ℓ0, b0, m − 1 seasonal
        for (h, got) in implied_sd(&hw, 11).iter().enumerate() {
            let hh = h + 1;
            let k = ((hh - 1) / m) as f64;
            let h = hh as f64;
            let v = match damping {
                Damping::None => {
                    1.0 + (h - 1.0) * (a * a + a * b * h + b * b * h * (2.0 * h - 1.0) / 6.0)
                        + g * k * (2.0 * a + g + b * m as f64 * (k + 1.0))
                }
                _ => {
                    let pm = phi.powi(m as i32);
                    1.0 + a * a * (h - 1.0)
                        + g * k * (2.0 * a + g)
                        + damped_part(h)
                        + 2.0 * b * g * phi / ((1.0 - phi) * (1.0 - pm))
                            * (k * (1.0 - pm) - pm * (1.0 - phi.powf(m as f64 * k)))
                }
            };
            assert!(close(*got, s * v.sqrt(), 1e-9), "{damping:?} h={h}");
        }
    }
}

#[test]
fn seasonal_naive_and_mean_intervals() {
    let m = 4;
    let y = seasonal(20, m);
    let sn = ModelSpec::SeasonalNaive { period: m }.fit(&y).unwrap();
    let s = sigma_of(&sn, &y, 0);
    for (h, got) in implied_sd(&sn, 9).iter().enumerate() {
        let k = (h / m) as f64; // ⌊(h+1−1)/m⌋
        assert!(close(*got, s * (k + 1.0).sqrt(), 1e-9));
    }
    let mean = ModelSpec::HistoricAverage.fit(&y).unwrap();
    // FPP's mean method: σ is the sample standard deviation of the series.
    let ybar = y.iter().sum::<f64>() / 20.0;
    let s = (y.iter().map(|v| (v - ybar).powi(2)).sum::<f64>() / 19.0).sqrt();
    for got in implied_sd(&mean, 3) {
        assert!(close(got, s * (1.0 + 1.0 / 20.0_f64).sqrt(), 1e-9));
    }
}

// ---------------------------------------------------------------- empirical, simulated

/// Type-7 quantile, written independently of the implementation.
fn q7(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let h = (v.len() - 1) as f64 * p;
    let i = h.floor() as usize;
    if i + 1 >= v.len() {
        return v[i];
    }
    v[i] + (h - i as f64) * (v[i + 1] - v[i])
}

#[test]
fn croston_intervals_are_empirical_h_step_error_quantiles() {
    let y: Vec<f64> = (0..40)
        .map(|t| {
            if t % 3 == 0 {
                4.0 + (t % 5) as f64
            } else {
                0.0
            }
        })
        .collect();
    let model = ModelSpec::Croston { alpha: Some(0.1) }.fit(&y).unwrap();
    assert_eq!(model.interval_method(), IntervalMethod::Empirical);
    let f = model.forecast(3, &[0.9]).unwrap();
    let fitted = model.fitted();
    for h in 1..=3 {
        let errors: Vec<f64> = (0..40 - h + 1).map(|t| y[t + h - 1] - fitted[t]).collect();
        let lo = (f.mean[h - 1] + q7(&errors, 0.05)).max(0.0);
        let hi = (f.mean[h - 1] + q7(&errors, 0.95)).max(0.0);
        assert!(close(f.lower[0][h - 1], lo, 1e-12), "h={h}");
        assert!(close(f.upper[0][h - 1], hi, 1e-12), "h={h}");
    }
    // Demand never negative: the lower bound is floored.
    assert_eq!(f.lower[0][0], 0.0);
}

#[test]
fn short_intermittent_history_falls_back_to_the_normal_approximation() {
    let y = [0.0, 3.0, 0.0, 0.0, 2.0];
    let model = ModelSpec::Tsb {
        alpha: None,
        beta: None,
    }
    .fit(&y)
    .unwrap();
    assert_eq!(model.interval_method(), IntervalMethod::NormalApprox);
    let s = sigma_of(&model, &y, 0); // TSB constants have defaults
    let q = model.quantiles(2, &[0.9]).unwrap();
    let mean = model.predict(2).unwrap();
    for h in 0..2 {
        let want = mean[h] + 1.281_551_565_544_600_4 * s * ((h + 1) as f64).sqrt();
        assert!(close(q[0][h], want, 1e-9));
    }
}

#[test]
fn multiplicative_intervals_are_simulated_deterministic_and_nested() {
    let y = seasonal(48, 12);
    let model = ModelSpec::holt_winters(Seasonality::Multiplicative, 12, Damping::None)
        .fit(&y)
        .unwrap();
    assert_eq!(model.interval_method(), IntervalMethod::Simulated);
    let a = model.forecast(12, &[0.5, 0.8, 0.95]).unwrap();
    let b = model.forecast(12, &[0.5, 0.8, 0.95]).unwrap();
    assert_eq!(a, b);
    for h in 0..12 {
        for i in 0..2 {
            assert!(a.lower[i + 1][h] <= a.lower[i][h]);
            assert!(a.upper[i + 1][h] >= a.upper[i][h]);
        }
        assert!(a.lower[2][h] < a.mean[h] && a.mean[h] < a.upper[2][h]);
    }
}

#[test]
fn quantiles_are_monotone_non_negative_and_levels_are_checked() {
    let y: Vec<f64> = (0..30).map(|t| 2.0 + 2.0 * noise(t)).collect();
    let probs = [0.01, 0.1, 0.5, 0.9, 0.99];
    for spec in [
        ModelSpec::Naive,
        ModelSpec::ses(),
        ModelSpec::holt(Damping::Optimized),
        ModelSpec::MovingAverage { window: 4 },
        ModelSpec::Sba { alpha: None },
    ] {
        let q = spec.fit(&y).unwrap().quantiles(5, &probs).unwrap();
        for pair in q.windows(2) {
            assert!(
                pair[0].iter().zip(&pair[1]).all(|(a, b)| b >= a),
                "{spec:?}"
            );
        }
        assert!(q[0].iter().all(|v| *v >= 0.0));
    }
    let model = ModelSpec::ses().fit(&y).unwrap();
    for bad in [95.0, 0.0, 1.0, f64::NAN] {
        let e = fe(model.forecast(3, &[bad]).unwrap_err());
        assert!(matches!(
            e,
            ForecastError::InvalidParameter { name: "level", .. }
        ));
    }
    assert!(matches!(
        fe(model.forecast(0, &[0.9]).unwrap_err()),
        ForecastError::InvalidHorizon { .. }
    ));
    // No levels: point forecasts only.
    let f = model.forecast(3, &[]).unwrap();
    assert!(f.lower.is_empty() && f.upper.is_empty());
    assert_eq!(f.mean, model.predict(3).unwrap());
}

// ---------------------------------------------------------------- classification

#[test]
fn classification_worked_example() {
    // Demand at t = 2, 6, 8: ADI = 9 / 3 = 3; sizes 5, 7, 6: mean 6, sample variance 1.
    let y = [0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 7.0, 0.0, 6.0, 0.0];
    let c = classify_demand(&y).unwrap();
    assert_eq!(c.pattern, DemandPattern::Intermittent);
    assert!(close(c.adi.unwrap(), 3.0, 1e-15));
    assert!(close(c.cv2.unwrap(), 1.0 / 36.0, 1e-12));
    assert_eq!(
        (c.demand_periods, c.trailing_zeros, c.longest_gap),
        (3, 1, 3)
    );
    // Sizes 1 and 9: mean 5, sample variance 32, CV² = 1.28: lumpy.
    let c = classify_demand(&[1.0, 0.0, 9.0, 0.0]).unwrap();
    assert_eq!(c.pattern, DemandPattern::Lumpy);
    assert!(close(c.cv2.unwrap(), 1.28, 1e-12));
    // Every period, sizes 1 and 9: erratic; 5 and 6: smooth.
    assert_eq!(
        classify_demand(&[1.0, 9.0]).unwrap().pattern,
        DemandPattern::Erratic
    );
    assert_eq!(
        classify_demand(&[5.0, 6.0]).unwrap().pattern,
        DemandPattern::Smooth
    );
    assert_eq!(
        classify_demand(&[0.0, 0.0]).unwrap().pattern,
        DemandPattern::NoDemand
    );
    assert!(matches!(
        fe(classify_demand(&[]).unwrap_err()),
        ForecastError::EmptySeries { .. }
    ));
}

#[test]
fn f_tail_matches_scipy_quantiles() {
    // scipy.stats.f.ppf(q, d1, d2) for q = 0.99 and 0.95.
    for (d1, d2, f99, f95) in [
        (11, 35, 2.802_561_052_777_432, 2.074_956_341_826_234),
        (51, 51, 1.935_839_886_357_917, 1.591_972_237_668_956),
        (3, 10, 6.552_312_557_515_208, 3.708_264_819_046_843_5),
    ] {
        let p99 = auto::f_sf(f99, d1, d2);
        let p95 = auto::f_sf(f95, d1, d2);
        assert!((p99 - 0.01).abs() < 0.002, "{d1},{d2}: {p99}");
        assert!((p95 - 0.05).abs() < 0.004, "{d1},{d2}: {p95}");
    }
}

#[test]
fn seasonality_test_finds_a_real_52_week_season_only() {
    let y = seasonal(104, 52);
    let t = seasonality_test(&y, 52).unwrap();
    assert!(t.significant && t.p_value < 1e-6);
    assert_eq!(t.df, (51, 51));
    let flat: Vec<f64> = (0..104).map(|t| 50.0 + 10.0 * noise(t)).collect();
    assert!(!seasonality_test(&flat, 52).unwrap().significant);
    // A pure trend is not a season.
    let trend: Vec<f64> = (0..104).map(|t| 10.0 + t as f64).collect();
    assert!(!seasonality_test(&trend, 52).unwrap().significant);
    assert!(matches!(
        fe(seasonality_test(&y[..56], 52).unwrap_err()),
        ForecastError::TooShort { needed: 57, .. }
    ));
}

// ---------------------------------------------------------------- automatic selection

fn auto(y: &[f64], period: Option<usize>) -> AutoFit {
    auto_fit(
        y,
        &AutoConfig {
            period,
            ..AutoConfig::default()
        },
    )
    .unwrap()
}

#[test]
fn weekly_two_years_with_a_real_season_picks_a_seasonal_model() {
    let y = seasonal(104, 52);
    let fit = auto(&y, Some(52));
    assert!(fit.model.spec().is_seasonal(), "{fit:?}");
    assert_eq!(fit.criterion, Criterion::Aicc);
    assert!(fit.seasonality.unwrap().significant);
    // The forecast follows the season: next 13 weeks within 15 of the true curve.
    let f = fit.model.predict(13).unwrap();
    for (h, v) in f.iter().enumerate() {
        let t = 104 + h;
        let truth = 100.0 + 40.0 * (std::f64::consts::TAU * t as f64 / 52.0).sin();
        assert!((v - truth).abs() < 15.0, "h={h}: {v} vs {truth}");
    }
    // Without a real season, no seasonal model.
    let flat: Vec<f64> = (0..104).map(|t| 50.0 + 10.0 * noise(t)).collect();
    let fit = auto(&flat, Some(52));
    assert!(!fit.model.spec().is_seasonal());
}

#[test]
fn dying_item_forecast_decays() {
    let y = [
        5.0, 3.0, 0.0, 4.0, 6.0, 2.0, 5.0, 0.0, 4.0, 3.0, 5.0, 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    ];
    let fit = auto(&y, None);
    assert_eq!(fit.model.spec().key(), "tsb");
    assert_eq!(fit.notes, vec![AutoNote::DemandStopped { periods: 6 }]);
    let f = fit.model.predict(1).unwrap()[0];
    // Still selling the mean demand before it stopped would be about 3.4 a period.
    assert!(f < 0.6 * 3.4, "{f}");
    // One more empty period lowers the forecast further.
    let mut longer = y.to_vec();
    longer.push(0.0);
    let g = auto(&longer, None).model.predict(1).unwrap()[0];
    assert!(g < f);
}

#[test]
fn fallbacks_are_reported() {
    let fit = auto(&[0.0; 10], Some(4));
    assert_eq!(fit.notes, vec![AutoNote::NoDemand]);
    assert_eq!(fit.model.predict(3).unwrap(), vec![0.0; 3]);
    let f = fit.model.forecast(2, &[0.95]).unwrap();
    assert_eq!(f.upper, vec![vec![0.0; 2]]);

    let fit = auto(&[7.0], None);
    assert_eq!(fit.notes, vec![AutoNote::OneObservation]);
    assert_eq!(fit.model.predict(2).unwrap(), vec![7.0, 7.0]);

    let fit = auto(&[4.0, 5.0, 6.0, 5.0], None);
    assert_eq!(
        fit.notes,
        vec![AutoNote::TooShortToCompare {
            got: 4,
            needed: MIN_COMPARE
        }]
    );
    assert_eq!(fit.model.spec().key(), "ses");

    let y = seasonal(30, 52);
    let fit = auto(&y, Some(52));
    assert!(matches!(
        fit.notes[..],
        [AutoNote::TooShortForSeason { period: 52, .. }]
    ));
    assert!(!fit.model.spec().is_seasonal());
}

#[test]
fn intermittent_series_get_intermittent_candidates() {
    let y: Vec<f64> = (0..60)
        .map(|t| {
            if noise(t) > 0.4 {
                3.0 + (t % 4) as f64
            } else {
                0.0
            }
        })
        .collect();
    let fit = auto(&y, Some(12));
    assert!(fit.class.pattern.is_sporadic());
    let keys: Vec<&str> = fit.candidates.iter().map(|c| c.spec.key()).collect();
    assert_eq!(keys, ["croston", "sba", "tsb", "adida"]);
    assert!(keys.contains(&fit.model.spec().key()));
    // The winner has the smallest holdout score.
    let best = fit
        .candidates
        .iter()
        .filter_map(|c| c.score)
        .fold(f64::INFINITY, f64::min);
    let chosen = fit
        .candidates
        .iter()
        .find(|c| c.spec.key() == fit.model.spec().key())
        .unwrap();
    assert_eq!(chosen.score, Some(best));
    assert_eq!(fit.criterion, Criterion::HoldoutMse);
}

#[test]
fn auto_rejects_bad_input() {
    let c = AutoConfig::default();
    assert!(matches!(
        fe(auto_fit(&[], &c).unwrap_err()),
        ForecastError::EmptySeries { .. }
    ));
    assert!(matches!(
        fe(auto_fit(&[1.0, f64::NAN], &c).unwrap_err()),
        ForecastError::NonFinite { index: 1, .. }
    ));
    assert!(matches!(
        fe(auto_fit(&[1.0, -2.0], &c).unwrap_err()),
        ForecastError::OutOfDomain { index: 1, .. }
    ));
    let zero_period = AutoConfig {
        period: Some(0),
        ..AutoConfig::default()
    };
    assert!(matches!(
        fe(auto_fit(&[1.0], &zero_period).unwrap_err()),
        ForecastError::InvalidParameter { name: "period", .. }
    ));
}

// ---------------------------------------------------------------- ADIDA, one-season init

#[test]
fn adida_worked_example() {
    // Buckets of 2: [2, 0, 3, 1]; SES α = 0.5, ℓ0 = mean 1.5: fitted 1.5, 1.75, 0.875,
    // 1.9375; final level 1.46875; per period halved.
    let y = [0.0, 2.0, 0.0, 0.0, 3.0, 0.0, 1.0, 0.0];
    for aggregation in [Some(2), None] {
        let m = ModelSpec::Adida {
            aggregation,
            alpha: Some(0.5),
        }
        .fit(&y)
        .unwrap();
        assert_eq!(m.params().aggregation, Some(2));
        assert_eq!(
            m.fitted(),
            &[0.75, 0.75, 0.875, 0.875, 0.4375, 0.4375, 0.96875, 0.96875]
        );
        assert_eq!(m.predict(3).unwrap(), vec![0.734375; 3]);
    }
    // 9 periods in buckets of 2: the oldest period is dropped.
    let mut y9 = vec![5.0];
    y9.extend_from_slice(&y);
    let m = ModelSpec::Adida {
        aggregation: Some(2),
        alpha: Some(0.5),
    }
    .fit(&y9)
    .unwrap();
    assert_eq!(m.fitted_start(), 1);
    assert_eq!(m.predict(1).unwrap(), vec![0.734375]);
}

#[test]
fn holt_winters_with_one_season_uses_the_one_season_rule() {
    let y = [2.0, 4.0, 6.0, 8.0, 5.0, 6.0];
    let m = ModelSpec::HoltWinters {
        seasonality: Seasonality::Additive,
        period: 4,
        alpha: Some(0.5),
        beta: Some(0.5),
        gamma: Some(0.2),
        damping: Damping::None,
        level0: None,
        trend0: None,
        seasonal0: None,
    }
    .fit(&y)
    .unwrap();
    assert_eq!(m.params().level0, Some(5.0));
    assert_eq!(m.params().trend0, Some(0.0));
    assert_eq!(m.params().seasonal0, vec![-3.0, -1.0, 1.0, 3.0]);
}

// ---------------------------------------------------------------- panels, backtests, names

#[test]
fn panel_equals_series_by_series_on_any_thread_count() {
    let series: Vec<Vec<f64>> = vec![
        seasonal(48, 12),
        level_series(30),
        (0..40)
            .map(|t| if t % 4 == 0 { 3.0 } else { 0.0 })
            .collect(),
        vec![0.0; 5],
        vec![3.0],
    ];
    let method = Method::auto(12);
    let one = forecast_panel(&series, &method, 6, &[0.9], 1).unwrap();
    let two = forecast_panel(&series, &method, 6, &[0.9], 2).unwrap();
    assert_eq!(one, two);
    for (s, f) in series.iter().zip(&one) {
        assert_eq!(f, &forecast_series(s, &method, 6, &[0.9]).unwrap());
    }
    let mut bad = series.clone();
    bad[2][3] = f64::NAN;
    match forecast_panel(&bad, &method, 6, &[], 2).unwrap_err() {
        Error::Batch { index, source } => {
            assert_eq!(index, 2);
            assert!(matches!(
                fe(*source),
                ForecastError::NonFinite { index: 3, .. }
            ));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        fe(forecast_panel(&series, &method, 6, &[], 0).unwrap_err()),
        ForecastError::InvalidParameter {
            name: "threads",
            ..
        }
    ));
    // Regression (issue 13): 40,000 threads started one OS thread per series until the
    // system refused, then panicked. Beyond the engine's limit is a typed error now, checked
    // before anything runs.
    for threads in [crate::parallel::MAX_THREADS + 1, 40_000] {
        assert!(matches!(
            fe(forecast_panel(&series, &method, 6, &[], threads).unwrap_err()),
            ForecastError::InvalidParameter {
                name: "threads",
                ..
            }
        ));
    }
    let at_limit = forecast_panel(&series, &method, 6, &[], crate::parallel::MAX_THREADS);
    assert_eq!(
        at_limit.unwrap(),
        forecast_panel(&series, &method, 6, &[], 1).unwrap()
    );
    assert!(forecast_panel::<Vec<f64>>(&[], &method, 6, &[], 2)
        .unwrap()
        .is_empty());
}

#[test]
fn backtest_refits_at_each_origin() {
    let y = level_series(30);
    let spec = ModelSpec::Ses {
        alpha: Some(0.4),
        level0: None,
    };
    let bt = backtest(&y, &Method::Model(spec.clone()), 3, 2, 2, 1).unwrap();
    assert_eq!(bt.origins, vec![25, 27]);
    for (o, f) in bt.origins.iter().zip(&bt.forecasts) {
        assert_eq!(f, &spec.fit(&y[..*o]).unwrap().predict(3).unwrap());
    }
    let mae = |o: usize, f: &[f64]| {
        y[o..o + 3]
            .iter()
            .zip(f)
            .map(|(a, f)| (a - f).abs())
            .sum::<f64>()
            / 3.0
    };
    let want = (mae(25, &bt.forecasts[0]) + mae(27, &bt.forecasts[1])) / 2.0;
    assert!(close(bt.mean.mae, want, 1e-12));
    assert!(matches!(
        fe(backtest(&y, &Method::auto(1), 20, 3, 5, 1).unwrap_err()),
        ForecastError::TooShort { needed: 31, .. }
    ));
}

#[test]
fn model_names_round_trip() {
    let options = ModelOptions {
        period: Some(4),
        ..ModelOptions::default()
    };
    for name in MODEL_NAMES {
        assert_eq!(ModelSpec::from_name(name, &options).unwrap().key(), name);
    }
    assert!(matches!(
        Method::from_name("auto", &options).unwrap(),
        Method::Auto(AutoConfig {
            period: Some(4),
            ..
        })
    ));
    assert!(matches!(
        fe(ModelSpec::from_name("prophet", &options).unwrap_err()),
        ForecastError::UnknownModel { .. }
    ));
    assert!(matches!(
        fe(ModelSpec::from_name("seasonal_naive", &ModelOptions::default()).unwrap_err()),
        ForecastError::MissingParameter { .. }
    ));
}

#[test]
fn estimated_initial_states_minimise_the_squared_error() {
    let y = level_series(40);
    let sse = |m: &FittedModel| -> f64 {
        m.fitted()
            .iter()
            .zip(&y)
            .map(|(f, a)| (a - f) * (a - f))
            .sum()
    };
    for damping in [Damping::None, Damping::Optimized] {
        let fit = ModelSpec::holt(damping).fit(&y).unwrap();
        let p = fit.params().clone();
        let base = sse(&fit);
        // Same parameters, states moved: never better.
        for (dl, db) in [
            (0.5, 0.0),
            (-0.5, 0.0),
            (0.0, 0.05),
            (0.0, -0.05),
            (0.3, -0.03),
        ] {
            let moved = ModelSpec::Holt {
                alpha: p.alpha,
                beta: p.beta,
                damping: p.phi.map_or(Damping::None, Damping::Fixed),
                level0: Some(p.level0.unwrap() + dl),
                trend0: Some(p.trend0.unwrap() + db),
            }
            .fit(&y)
            .unwrap();
            assert!(sse(&moved) >= base * (1.0 - 1e-12), "{damping:?} {dl} {db}");
        }
    }
    let fit = ModelSpec::ses().fit(&y).unwrap();
    let p = fit.params().clone();
    for dl in [1.0, -1.0] {
        let moved = ModelSpec::Ses {
            alpha: p.alpha,
            level0: Some(p.level0.unwrap() + dl),
        }
        .fit(&y)
        .unwrap();
        assert!(sse(&moved) >= sse(&fit) * (1.0 - 1e-12));
    }
}

#[test]
fn seasonal_states_are_no_worse_than_the_rule() {
    for seasonality in [Seasonality::Additive, Seasonality::Multiplicative] {
        states_no_worse(seasonality);
    }
}

fn states_no_worse(seasonality: Seasonality) {
    let y: Vec<f64> = seasonal(60, 12)
        .iter()
        .enumerate()
        .map(|(t, v)| v + 0.8 * t as f64)
        .collect();
    let sse = |m: &FittedModel| -> f64 {
        m.fitted()
            .iter()
            .zip(&y)
            .map(|(f, a)| (a - f) * (a - f))
            .sum()
    };
    let free = ModelSpec::holt_winters(seasonality, 12, Damping::None)
        .fit(&y)
        .unwrap();
    // The documented rule's states, given explicitly: only the parameters are estimated.
    let rule = ModelSpec::HoltWinters {
        seasonality,
        period: 12,
        alpha: Some(0.5),
        beta: Some(0.5),
        gamma: Some(0.1),
        damping: Damping::None,
        level0: None,
        trend0: None,
        seasonal0: None,
    }
    .fit(&y)
    .unwrap();
    let given = ModelSpec::HoltWinters {
        seasonality,
        period: 12,
        alpha: None,
        beta: None,
        gamma: None,
        damping: Damping::None,
        level0: rule.params().level0,
        trend0: rule.params().trend0,
        seasonal0: Some(rule.params().seasonal0.clone()),
    }
    .fit(&y)
    .unwrap();
    assert!(sse(&free) <= sse(&given) * (1.0 + 1e-12));
    // Additive states sum to zero and multiplicative ones average one, re-estimated or not.
    let sum: f64 = free.params().seasonal0.iter().sum();
    let want = match seasonality {
        Seasonality::Additive => 0.0,
        Seasonality::Multiplicative => 12.0,
    };
    assert!((sum - want).abs() < 1e-6, "{seasonality:?}: {sum}");
}

#[test]
fn seasonal_ses_matches_the_ana_recursion_and_interval() {
    let m = 4;
    let y = seasonal(30, m);
    let (a, g) = (0.3, 0.2);
    let s0 = vec![-30.0, 10.0, 30.0, -10.0];
    let model = ModelSpec::SeasonalSes {
        seasonality: Seasonality::Additive,
        period: m,
        alpha: Some(a),
        gamma: Some(g),
        level0: Some(100.0),
        seasonal0: Some(s0.clone()),
    }
    .fit(&y)
    .unwrap();
    // FPP §8.3 with the trend removed: ŷ = ℓ + s_{t−m}; ℓ' = α(y − s) + (1−α)ℓ;
    // s' = γ(y − ℓ) + (1−γ)s.
    let (mut l, mut s) = (100.0, s0);
    for (t, &v) in y.iter().enumerate() {
        let j = t % m;
        assert!(close(model.fitted()[t], l + s[j], 1e-12), "t={t}");
        let new_l = a * (v - s[j]) + (1.0 - a) * l;
        s[j] = g * (v - l) + (1.0 - g) * s[j];
        l = new_l;
    }
    let f = model.predict(6).unwrap();
    for (h, v) in f.iter().enumerate() {
        assert!(close(*v, l + s[(y.len() + h) % m], 1e-12));
    }
    // FPP Table 8.8, ETS(A,N,A): σ_h² = σ²[1 + α²(h−1) + γk(2α + γ)], k = ⌊(h−1)/m⌋.
    let sigma = sigma_of(&model, &y, 0); // all given
    for (h, got) in implied_sd(&model, 9).iter().enumerate() {
        let k = (h / m) as f64;
        let want = sigma * (1.0 + a * a * h as f64 + g * k * (2.0 * a + g)).sqrt();
        assert!(close(*got, want, 1e-9), "h={}", h + 1);
    }
    assert!(model.spec().is_seasonal());
    assert_eq!(model.spec().key(), "seasonal_ses_additive");
}

// ---------------------------------------------------------------- edge cases from review

#[test]
fn constant_and_exactly_linear_series_are_not_seasonal() {
    for c in [0.1, 0.3, 3.7, 7.1, 12.34] {
        let y = vec![c; 40];
        let t = seasonality_test(&y, 12).unwrap();
        assert!(!t.significant, "{c}: {t:?}");
        let line: Vec<f64> = (0..40).map(|i| c + 0.7 * i as f64).collect();
        assert!(!seasonality_test(&line, 12).unwrap().significant, "{c}");
        let fit = auto(&y, Some(12));
        assert!(!fit.model.spec().is_seasonal());
        assert!(close(fit.model.predict(1).unwrap()[0], c, 1e-9));
    }
}

#[test]
fn huge_values_give_results_or_typed_errors_never_panics() {
    let y = [1e155, 3e155, 1e155, 3e155, 1e155, 3e155, 2e155, 1e155];
    let c = classify_demand(&y).unwrap();
    assert!(c.cv2.unwrap().is_finite());
    match auto_fit(&y, &AutoConfig::default()) {
        Ok(fit) => assert!(fit.model.predict(3).unwrap().iter().all(|v| v.is_finite())),
        Err(e) => assert!(matches!(fe(e), ForecastError::NumericalFailure { .. })),
    }
    // A season longer than any history, up to usize::MAX, is refused or left out.
    let fit = auto(&level_series(30), Some(usize::MAX));
    assert!(matches!(
        fit.notes[..],
        [AutoNote::TooShortForSeason { .. }]
    ));
    assert!(seasonality_test(&level_series(30), usize::MAX).is_err());
}

#[test]
fn leading_zeros_are_left_out_of_automatic_selection() {
    // Listed on day 50, then about 10 a day.
    let mut y = vec![0.0; 50];
    y.extend((0..20).map(|t| 10.0 + (t % 3) as f64 - 1.0));
    let fit = auto(&y, None);
    assert_eq!(fit.notes[0], AutoNote::LeadingZeros { periods: 50 });
    assert_eq!(fit.class.pattern, DemandPattern::Smooth);
    let f = fit.model.predict(1).unwrap()[0];
    assert!((f - 10.0).abs() < 1.5, "{f}");
    // Classification of the raw series still counts them.
    assert!(classify_demand(&y).unwrap().pattern.is_sporadic());
}

#[test]
fn simulated_intervals_stay_bounded_for_long_horizons() {
    let y = seasonal(48, 12);
    let model = ModelSpec::holt_winters(Seasonality::Multiplicative, 12, Damping::Fixed(0.9))
        .fit(&y)
        .unwrap();
    let f = model.forecast(2_000, &[0.8]).unwrap();
    assert_eq!(f.upper[0].len(), 2_000);
    assert!(f.upper[0].iter().all(|v| v.is_finite()));
}

#[test]
fn gamma_respects_one_minus_alpha_when_alpha_is_one() {
    let y = seasonal(24, 4);
    let fit = ModelSpec::HoltWinters {
        seasonality: Seasonality::Additive,
        period: 4,
        alpha: Some(1.0),
        beta: None,
        gamma: None,
        damping: Damping::None,
        level0: None,
        trend0: None,
        seasonal0: None,
    }
    .fit(&y)
    .unwrap();
    assert_eq!(fit.params().gamma, Some(0.0));
}
