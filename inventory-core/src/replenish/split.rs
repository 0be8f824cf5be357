//! A pooled forecast (all locations together) split over the locations by their share of
//! recent demand: the rule is in the [module documentation](super#pooled-forecasts).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::plan::invalid;
use super::{DemandForecast, PooledForecast, MAX_PLAN_DAYS};
use crate::error::{LedgerError, Result};
use crate::ledger::{MAX_TIMESTAMP, MIN_TIMESTAMP};
use crate::time::{Timestamp, SECONDS_PER_DAY};
use crate::Ledger;

impl Ledger {
    /// Splits pooled forecasts over locations by each location's share of the SKU's net
    /// demand (shipments less customer returns) in the `lookback_days` before `as_of`
    /// (the rule, and the deviation of a location's day, are in the
    /// [module documentation](crate::replenish#pooled-forecasts)).
    ///
    /// The locations are `locations` when given (the same for every SKU), else each SKU's
    /// own: those where it has sellable stock or a sale in the look-back. The forecasts
    /// come out in the order of `pooled`, each SKU's by location name.
    ///
    /// ```
    /// use inventory_core::replenish::PooledForecast;
    /// use inventory_core::{Ledger, Movement, Decimal};
    ///
    /// let day = 86_400;
    /// let mut l = Ledger::new();
    /// for wh in ["EAST", "WEST"] {
    ///     l.post(Movement::receive("TEA", wh, Decimal::from(100), Decimal::ONE, 0)).unwrap();
    /// }
    /// l.post(Movement::ship("TEA", "EAST", Decimal::from(30), 5 * day)).unwrap();
    /// l.post(Movement::ship("TEA", "WEST", Decimal::from(10), 5 * day)).unwrap();
    /// let pooled = PooledForecast::new("TEA", vec![8.0; 28], 4.0);
    /// let split = l.split_forecast(&[pooled], 10 * day, 28, &[]).unwrap();
    /// assert_eq!((split[0].location.as_str(), split[0].daily[0]), ("EAST", 6.0));
    /// assert_eq!((split[1].location.as_str(), split[1].daily[0]), ("WEST", 2.0));
    /// // σ² = w²·16 + w(1 − w)·8: 0.5625·16 + 0.1875·8 = 10.5 for EAST.
    /// assert!((split[0].daily_std - 10.5f64.sqrt()).abs() < 1e-12);
    /// ```
    ///
    /// # Errors
    /// [`crate::LedgerError::InvalidInput`] for a look-back of 0 or more than
    /// [`MAX_PLAN_DAYS`] days, an `as_of` out of range, a forecast with a negative or
    /// non-finite value or more than [`MAX_PLAN_DAYS`] days, an empty or repeated location
    /// name; [`crate::LedgerError::UnknownSku`] for a SKU the ledger has never seen when
    /// no `locations` are given (there is nothing to split it by).
    pub fn split_forecast(
        &self,
        pooled: &[PooledForecast],
        as_of: Timestamp,
        lookback_days: u32,
        locations: &[String],
    ) -> Result<Vec<DemandForecast>> {
        if !(MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&as_of) {
            return Err(invalid(format!("as_of {as_of} is out of range")));
        }
        if lookback_days == 0 || lookback_days > MAX_PLAN_DAYS {
            return Err(invalid(format!(
                "a look-back of {lookback_days} days is not between 1 and {MAX_PLAN_DAYS}"
            )));
        }
        for (i, l) in locations.iter().enumerate() {
            if l.is_empty() || locations[..i].contains(l) {
                return Err(invalid(format!("location {l:?} is empty or repeated")));
            }
        }
        let from = as_of - i64::from(lookback_days) * SECONDS_PER_DAY;
        let mut out = Vec::new();
        for f in pooled {
            f.check()?;
            let demand = self.net_demand_by_location(&f.sku, from, as_of);
            let shares: Vec<(&str, Decimal)> = if locations.is_empty() {
                demand.ok_or_else(|| LedgerError::UnknownSku { sku: f.sku.clone() })?
            } else {
                let demand = demand.unwrap_or_default();
                locations
                    .iter()
                    .map(|l| {
                        let q = demand
                            .iter()
                            .find(|d| d.0 == l)
                            .map_or(Decimal::ZERO, |d| d.1);
                        (l.as_str(), q)
                    })
                    .collect()
            };
            let weights = weights(&shares);
            let n = f.daily.len().max(1) as f64;
            let mean = f.daily.iter().sum::<f64>() / n;
            let var = f.daily_std * f.daily_std;
            for ((location, _), w) in shares.iter().zip(weights) {
                out.push(DemandForecast {
                    sku: f.sku.clone(),
                    location: (*location).to_owned(),
                    daily: f.daily.iter().map(|x| x * w).collect(),
                    daily_std: (w * w * var + w * (1.0 - w) * mean).max(0.0).sqrt(),
                });
            }
        }
        Ok(out)
    }
}

/// Each location's share: its net demand (below zero counts as zero) ÷ the total, or equal
/// shares when the total is zero.
fn weights(shares: &[(&str, Decimal)]) -> Vec<f64> {
    let q: Vec<f64> = shares
        .iter()
        .map(|s| s.1.max(Decimal::ZERO).to_f64().unwrap_or(0.0))
        .collect();
    let total: f64 = q.iter().sum();
    if total > 0.0 {
        q.iter().map(|x| x / total).collect()
    } else {
        vec![1.0 / shares.len().max(1) as f64; shares.len()]
    }
}
