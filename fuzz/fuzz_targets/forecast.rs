//! Forecasting entry points with hostile parameters: any series (NaN, infinities, huge or
//! tiny values, any length up to 200), any model name and options, horizons up to 500 and
//! levels anywhere: a forecast whose values are all finite, or a typed error; never a panic.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use inventory_core::forecast::{forecast_series, Method, ModelOptions, MODEL_NAMES};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    y: Vec<f64>,
    model: u8,
    horizon: u16,
    levels: Vec<f64>,
    period: Option<u8>,
    window: Option<u8>,
    aggregation: Option<u8>,
    alpha: Option<f64>,
    beta: Option<f64>,
    gamma: Option<f64>,
    phi: Option<f64>,
    level0: Option<f64>,
    trend0: Option<f64>,
    holdout: Option<u8>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(i) = Input::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    if i.y.len() > 200 || i.levels.len() > 8 {
        return;
    }
    let options = ModelOptions {
        period: i.period.map(usize::from),
        window: i.window.map(usize::from),
        aggregation: i.aggregation.map(usize::from),
        alpha: i.alpha,
        beta: i.beta,
        gamma: i.gamma,
        phi: i.phi,
        level0: i.level0,
        trend0: i.trend0,
        seasonal0: None,
        holdout: i.holdout.map(usize::from),
        multiplicative: None,
    };
    let name = match usize::from(i.model) % (MODEL_NAMES.len() + 1) {
        n if n == MODEL_NAMES.len() => "auto",
        n => MODEL_NAMES[n],
    };
    let Ok(method) = Method::from_name(name, &options) else {
        return;
    };
    let horizon = usize::from(i.horizon % 500);
    if let Ok(f) = forecast_series(&i.y, &method, horizon, &i.levels) {
        assert!(f.forecast.mean.iter().all(|x| x.is_finite()), "{name}: {:?}", f.forecast.mean);
    }
});
