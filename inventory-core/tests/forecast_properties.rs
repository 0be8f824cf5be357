//! Property tests of forecasting: whatever the (valid) demand history, every model either
//! forecasts or refuses for a reason the history shows (too short, out of its domain), and
//! forecasts and quantiles are finite and non-negative, quantiles grow with the probability, intervals nest,
//! a panel's result does not depend on the thread count, and the demand pattern does not
//! depend on the unit of measure.

use inventory_core::forecast::{
    classify_demand, forecast_panel, forecast_series, Method, ModelOptions, ModelSpec,
};
use inventory_core::{Error, ForecastError};
use proptest::prelude::*;

/// Non-negative demand histories: smooth, intermittent, with spikes, of any length 1..80.
fn demand() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![
            3 => Just(0.0),
            5 => 0.0f64..50.0,
            1 => 1e3f64..1e6,
        ],
        1..80,
    )
}

const MODELS: [&str; 14] = [
    "auto",
    "naive",
    "seasonal_naive",
    "historic_average",
    "moving_average",
    "ses",
    "holt",
    "damped_holt",
    "croston",
    "sba",
    "tsb",
    "adida",
    "holt_winters_additive",
    "holt_winters_multiplicative",
];

/// Season lengths: short, the quarterly 4, a week of days, a year of months.
const PERIODS: [usize; 4] = [2, 4, 7, 12];

/// A model may refuse a valid-looking history only for a reason the history shows: it is
/// shorter than the model needs, or holds a value outside the model's domain (a zero for a
/// multiplicative model). Any other refusal (a numerical failure, a parameter the
/// optimiser could not find) is a defect.
fn justified(e: &Error, y: &[f64]) -> Result<(), String> {
    let e = match e {
        Error::Forecast(e) => e,
        other => return Err(format!("not a forecasting error: {other}")),
    };
    match e {
        ForecastError::TooShort { needed, got, .. } if *got == y.len() && got < needed => Ok(()),
        ForecastError::OutOfDomain { index, value, .. } if y.get(*index) == Some(value) => Ok(()),
        other => Err(format!("unjustified refusal: {other}")),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(128),
        ..ProptestConfig::default()
    })]

    #[test]
    fn forecasts_and_bounds_are_finite_non_negative_and_nested(
        y in demand(), model in 0usize..MODELS.len(), horizon in 1usize..20,
        period in 0usize..PERIODS.len(),
    ) {
        let options = ModelOptions { period: Some(PERIODS[period]), ..ModelOptions::default() };
        let method = Method::from_name(MODELS[model], &options).unwrap();
        // A model may refuse a history only for a reason the history shows (too short, a
        // value outside its domain); automatic selection never refuses one. Otherwise the
        // forecast must be there, finite, non-negative and nested.
        let got = forecast_series(&y, &method, horizon, &[0.5, 0.8, 0.95]);
        if let Err(e) = &got {
            prop_assert!(MODELS[model] != "auto", "automatic selection refused {:?}: {}", y, e);
            let why = justified(e, &y);
            prop_assert!(why.is_ok(), "{} refused {:?}: {:?}", MODELS[model], y, why);
        }
        if let Ok(f) = got {
            let fc = f.forecast;
            prop_assert_eq!(fc.mean.len(), horizon);
            for h in 0..horizon {
                prop_assert!(fc.mean[h].is_finite() && fc.mean[h] >= 0.0);
                for i in 0..3 {
                    prop_assert!(fc.lower[i][h] >= 0.0 && fc.upper[i][h].is_finite());
                    prop_assert!(fc.lower[i][h] <= fc.upper[i][h]);
                }
                for i in 1..3 {
                    prop_assert!(fc.lower[i][h] <= fc.lower[i - 1][h]);
                    prop_assert!(fc.upper[i][h] >= fc.upper[i - 1][h]);
                }
            }
        }
    }

    #[test]
    fn quantiles_grow_with_the_probability(
        y in demand(), model in 1usize..MODELS.len(), period in 0usize..PERIODS.len(),
    ) {
        let options = ModelOptions { period: Some(PERIODS[period]), ..ModelOptions::default() };
        let spec = ModelSpec::from_name(MODELS[model], &options).unwrap();
        let fitted = spec.fit(&y);
        if let Err(e) = &fitted {
            let why = justified(e, &y);
            prop_assert!(why.is_ok(), "{} refused {:?}: {:?}", MODELS[model], y, why);
        }
        if let Ok(m) = fitted {
            let probs = [0.05, 0.25, 0.5, 0.75, 0.95];
            let q = m.quantiles(6, &probs).unwrap();
            for pair in q.windows(2) {
                for (a, b) in pair[0].iter().zip(&pair[1]) {
                    prop_assert!(b >= a && *a >= 0.0);
                }
            }
        }
    }

    #[test]
    fn panel_does_not_depend_on_threads(
        panel in prop::collection::vec(demand(), 0..12), threads in 2usize..5,
    ) {
        let method = Method::auto(4);
        let one = forecast_panel(&panel, &method, 4, &[0.9], 1).unwrap();
        let many = forecast_panel(&panel, &method, 4, &[0.9], threads).unwrap();
        prop_assert_eq!(one, many);
    }

    #[test]
    fn pattern_does_not_depend_on_the_unit(y in demand(), scale in 0.001f64..1000.0) {
        let a = classify_demand(&y).unwrap();
        let scaled: Vec<f64> = y.iter().map(|v| v * scale).collect();
        let b = classify_demand(&scaled).unwrap();
        prop_assert_eq!(a.pattern, b.pattern);
        prop_assert_eq!(a.adi, b.adi);
        if let (Some(x), Some(z)) = (a.cv2, b.cv2) {
            prop_assert!((x - z).abs() <= 1e-9 * (1.0 + x));
        }
    }
}
