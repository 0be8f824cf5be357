//! Models by name, for the Python and C bindings and for configuration files.
//!
//! | name | model |
//! |---|---|
//! | `auto` | automatic selection ([`Method::Auto`]) |
//! | `naive`, `seasonal_naive`, `historic_average`, `moving_average` | the benchmarks |
//! | `ses` | simple exponential smoothing |
//! | `holt`, `damped_holt` | Holt, undamped or damped |
//! | `holt_winters_additive`, `holt_winters_multiplicative` | Holt-Winters |
//! | `damped_holt_winters_additive`, `damped_holt_winters_multiplicative` | damped Holt-Winters |
//! | `seasonal_ses_additive`, `seasonal_ses_multiplicative` | seasonal, no trend |
//! | `croston`, `sba`, `tsb`, `adida` | intermittent demand |
//!
//! [`ModelOptions`] carries the settings a name needs (period, window, aggregation) and the
//! parameters to fix; anything left `None` is estimated or set by the documented rule.
//! Options a model does not use are ignored (a `period` for SES, `holdout` for a named model),
//! so that one set of options can be applied to any name; one exception: a `phi` given to
//! `holt` or a Holt-Winters name damps it with that `φ` (its key becomes the damped one).

use serde::{Deserialize, Serialize};

/// Every model name [`ModelSpec::from_name`] accepts (besides `auto`, a [`Method`]), as
/// [`ModelSpec::key`] gives them back.
pub const MODEL_NAMES: [&str; 17] = [
    "naive",
    "seasonal_naive",
    "historic_average",
    "moving_average",
    "ses",
    "holt",
    "damped_holt",
    "holt_winters_additive",
    "holt_winters_multiplicative",
    "damped_holt_winters_additive",
    "damped_holt_winters_multiplicative",
    "seasonal_ses_additive",
    "seasonal_ses_multiplicative",
    "croston",
    "sba",
    "tsb",
    "adida",
];

use super::auto::AutoConfig;
use super::panel::Method;
use super::{Damping, FResult, ModelSpec, Seasonality};
use crate::error::{ForecastError, Result};

/// Settings and fixed parameters for [`ModelSpec::from_name`] and [`Method::from_name`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelOptions {
    /// The season length (seasonal naive, Holt-Winters, automatic selection).
    pub period: Option<usize>,
    /// The moving-average window (default: the period, else 3).
    pub window: Option<usize>,
    /// ADIDA's bucket length.
    pub aggregation: Option<usize>,
    /// The level / size smoothing `α`.
    pub alpha: Option<f64>,
    /// The trend smoothing `β*`, or TSB's probability smoothing.
    pub beta: Option<f64>,
    /// The seasonal smoothing `γ`.
    pub gamma: Option<f64>,
    /// The damping `φ` of a damped model (estimated when `None`).
    pub phi: Option<f64>,
    /// The initial level.
    pub level0: Option<f64>,
    /// The initial trend.
    pub trend0: Option<f64>,
    /// The initial seasonal states.
    pub seasonal0: Option<Vec<f64>>,
    /// Automatic selection's holdout length.
    pub holdout: Option<usize>,
    /// Whether automatic selection may pick multiplicative Holt-Winters (`None`: yes).
    pub multiplicative: Option<bool>,
}

impl ModelSpec {
    /// The model named `name` (see the table in [`names`](self)), with `options`.
    pub fn from_name(name: &str, options: &ModelOptions) -> Result<ModelSpec> {
        Ok(from_name(name, options)?)
    }

    /// The snake-case name [`from_name`](ModelSpec::from_name) reads (`"damped_holt"` for a
    /// damped Holt, ...).
    pub fn key(&self) -> &'static str {
        let damped = |d: &Damping| !matches!(d, Damping::None);
        match self {
            ModelSpec::Naive => "naive",
            ModelSpec::SeasonalNaive { .. } => "seasonal_naive",
            ModelSpec::HistoricAverage => "historic_average",
            ModelSpec::MovingAverage { .. } => "moving_average",
            ModelSpec::Ses { .. } => "ses",
            ModelSpec::Holt { damping, .. } if damped(damping) => "damped_holt",
            ModelSpec::Holt { .. } => "holt",
            ModelSpec::HoltWinters {
                seasonality,
                damping,
                ..
            } => match (seasonality, damped(damping)) {
                (Seasonality::Additive, false) => "holt_winters_additive",
                (Seasonality::Additive, true) => "damped_holt_winters_additive",
                (Seasonality::Multiplicative, false) => "holt_winters_multiplicative",
                (Seasonality::Multiplicative, true) => "damped_holt_winters_multiplicative",
            },
            ModelSpec::SeasonalSes {
                seasonality: Seasonality::Additive,
                ..
            } => "seasonal_ses_additive",
            ModelSpec::SeasonalSes {
                seasonality: Seasonality::Multiplicative,
                ..
            } => "seasonal_ses_multiplicative",
            ModelSpec::Croston { .. } => "croston",
            ModelSpec::Sba { .. } => "sba",
            ModelSpec::Tsb { .. } => "tsb",
            ModelSpec::Adida { .. } => "adida",
        }
    }
}

impl Method {
    /// `"auto"` for automatic selection (with `options.period`, `holdout`,
    /// `multiplicative`), any other name for that model.
    pub fn from_name(name: &str, options: &ModelOptions) -> Result<Method> {
        if name == "auto" {
            if let Some(h) = options.holdout.filter(|h| *h == 0) {
                return Err(ForecastError::InvalidParameter {
                    name: "holdout",
                    value: h as f64,
                    expected: "at least 1",
                }
                .into());
            }
            return Ok(Method::Auto(AutoConfig {
                period: options.period,
                holdout: options.holdout,
                multiplicative: options.multiplicative.unwrap_or(true),
            }));
        }
        Ok(Method::Model(from_name(name, options)?))
    }
}

fn from_name(name: &str, o: &ModelOptions) -> FResult<ModelSpec> {
    let period = || {
        o.period.ok_or(ForecastError::MissingParameter {
            name: "period (season length)",
            model: "a seasonal model",
        })
    };
    let damping = |damped: bool| match (damped, o.phi) {
        (false, None) => Damping::None,
        (true, None) => Damping::Optimized,
        (_, Some(phi)) => Damping::Fixed(phi),
    };
    let hw = |seasonality, damped| -> FResult<ModelSpec> {
        Ok(ModelSpec::HoltWinters {
            seasonality,
            period: period()?,
            alpha: o.alpha,
            beta: o.beta,
            gamma: o.gamma,
            damping: damping(damped),
            level0: o.level0,
            trend0: o.trend0,
            seasonal0: o.seasonal0.clone(),
        })
    };
    let holt = |damped| ModelSpec::Holt {
        alpha: o.alpha,
        beta: o.beta,
        damping: damping(damped),
        level0: o.level0,
        trend0: o.trend0,
    };
    Ok(match name {
        "naive" => ModelSpec::Naive,
        "seasonal_naive" => ModelSpec::SeasonalNaive { period: period()? },
        "historic_average" => ModelSpec::HistoricAverage,
        "moving_average" => ModelSpec::MovingAverage {
            window: o.window.or(o.period).unwrap_or(3),
        },
        "ses" => ModelSpec::Ses {
            alpha: o.alpha,
            level0: o.level0,
        },
        "holt" => holt(false),
        "damped_holt" => holt(true),
        "holt_winters_additive" => hw(Seasonality::Additive, false)?,
        "damped_holt_winters_additive" => hw(Seasonality::Additive, true)?,
        "holt_winters_multiplicative" => hw(Seasonality::Multiplicative, false)?,
        "damped_holt_winters_multiplicative" => hw(Seasonality::Multiplicative, true)?,
        "seasonal_ses_additive" | "seasonal_ses_multiplicative" => ModelSpec::SeasonalSes {
            seasonality: if name.ends_with("additive") {
                Seasonality::Additive
            } else {
                Seasonality::Multiplicative
            },
            period: period()?,
            alpha: o.alpha,
            gamma: o.gamma,
            level0: o.level0,
            seasonal0: o.seasonal0.clone(),
        },
        "croston" => ModelSpec::Croston { alpha: o.alpha },
        "sba" => ModelSpec::Sba { alpha: o.alpha },
        "tsb" => ModelSpec::Tsb {
            alpha: o.alpha,
            beta: o.beta,
        },
        "adida" => ModelSpec::Adida {
            aggregation: o.aggregation,
            alpha: o.alpha,
        },
        other => {
            return Err(ForecastError::UnknownModel {
                name: other.to_string(),
            })
        }
    })
}
