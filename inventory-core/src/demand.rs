//! Demand series: what a SKU sold per period, as the ledger records it and forecasting and
//! the policy math read it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::time::{date_label, day_of, week_label, Period, Timestamp, SECONDS_PER_DAY};

/// Units shipped net of customer returns, per period: a dense series with zero-filled gaps.
///
/// Bucket `i` covers `[start + i·len, start + (i+1)·len)` seconds, `len` being one day or
/// one week. Shipments count on the day they ship; customer returns (any condition) are
/// subtracted on the day they come back, so a bucket can be negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemandHistory {
    /// The SKU.
    pub sku: String,
    /// The location, or `None` for all locations.
    pub location: Option<String>,
    /// The bucket size.
    pub period: Period,
    /// Start of the first bucket (UTC midnight; a Monday for weeks).
    pub start: Timestamp,
    /// Net units per bucket.
    pub quantities: Vec<Decimal>,
}

impl DemandHistory {
    /// Seconds in one bucket.
    pub fn bucket_seconds(&self) -> i64 {
        match self.period {
            Period::Day => SECONDS_PER_DAY,
            Period::Week => 7 * SECONDS_PER_DAY,
        }
    }

    /// The quantities as `f64` (the exact-to-statistics boundary: each decimal is converted
    /// to the nearest `f64`).
    pub fn to_f64(&self) -> Vec<f64> {
        use rust_decimal::prelude::ToPrimitive;
        self.quantities
            .iter()
            .map(|q| q.to_f64().unwrap_or(0.0))
            .collect()
    }

    /// The label of bucket `i`: `YYYY-MM-DD` for days, `YYYY-Www` for ISO weeks.
    pub fn label(&self, i: usize) -> String {
        let day = day_of(self.start) + (i as i64) * self.bucket_seconds() / SECONDS_PER_DAY;
        match self.period {
            Period::Day => date_label(day),
            Period::Week => week_label(day),
        }
    }
}
