//! ABC and XYZ classification.
//!
//! # ABC
//!
//! Items are ranked by a measure (revenue, consumption value, units or margin; see
//! [`abc_measure`]) from largest to smallest; **ties keep their input order** (the earlier
//! item ranks first), so the result is deterministic. Each item's *cumulative share* is the
//! sum of the measure over itself and every item ranked before it, divided by the total.
//!
//! **Boundary rule:** an item is `A` while the share of the items ranked *before* it is
//! below the A threshold (default 0.80), `B` while it is below the B threshold (default
//! 0.95), else `C`. So the item whose own cumulative share crosses a threshold belongs to
//! the higher class (the A class is the smallest set of top items that reaches 80 %; a
//! single item holding 90 % of the value is A), and an item whose cumulative share lands
//! *exactly* on a threshold is the last of the higher class: the next item starts the lower
//! one. Shares are compared with a relative tolerance of 1e-12 to absorb floating-point
//! summation error. Items whose measure is zero or negative (a negative margin) are always
//! `C` and do not count in the total. Empty input gives an empty result.
//!
//! # XYZ
//!
//! By the coefficient of variation `CV = σ / μ` of per-period demand, σ the *sample*
//! standard deviation (divisor n − 1): `X` if CV ≤ 0.5, `Y` if CV ≤ 1.0, else `Z` (defaults,
//! configurable). A series with zero mean demand has no CV and is `Z`.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::checks::{finite, finite_mean_sd, non_negative};
use crate::error::{PolicyError, Result};

type PResult<T> = std::result::Result<T, PolicyError>;

/// An ABC class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AbcClass {
    /// The few items that make most of the measure.
    A,
    /// The middle.
    B,
    /// The long tail.
    C,
}

/// An XYZ class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum XyzClass {
    /// Steady demand.
    X,
    /// Fluctuating demand.
    Y,
    /// Erratic or no demand.
    Z,
}

impl fmt::Display for AbcClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AbcClass::A => "A",
            AbcClass::B => "B",
            AbcClass::C => "C",
        })
    }
}

impl fmt::Display for XyzClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            XyzClass::X => "X",
            XyzClass::Y => "Y",
            XyzClass::Z => "Z",
        })
    }
}

/// The combined class, e.g. `"AX"`.
pub fn abc_xyz_label(abc: AbcClass, xyz: XyzClass) -> String {
    format!("{abc}{xyz}")
}

/// Cumulative-share thresholds of the A and B classes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AbcThresholds {
    /// Cumulative share up to which items are A (default 0.80).
    pub a: f64,
    /// Cumulative share up to which items are B (default 0.95).
    pub b: f64,
}

impl Default for AbcThresholds {
    fn default() -> Self {
        AbcThresholds { a: 0.80, b: 0.95 }
    }
}

impl AbcThresholds {
    fn check(&self) -> PResult<()> {
        let ok = |v: f64| v.is_finite() && v > 0.0 && v <= 1.0;
        if !ok(self.a) || !ok(self.b) || self.a > self.b {
            return Err(PolicyError::InvalidParameter {
                name: "ABC thresholds",
                value: if ok(self.a) { self.b } else { self.a },
                expected: "0 < a ≤ b ≤ 1",
            });
        }
        Ok(())
    }
}

/// What ABC ranks items by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbcMeasure {
    /// Units sold × unit price.
    Revenue,
    /// Units sold × unit cost (annual dollar usage).
    ConsumptionValue,
    /// Units sold.
    Units,
    /// Units sold × (unit price − unit cost).
    Margin,
}

impl std::str::FromStr for AbcMeasure {
    type Err = PolicyError;
    fn from_str(s: &str) -> PResult<Self> {
        match s {
            "revenue" => Ok(AbcMeasure::Revenue),
            "consumption_value" => Ok(AbcMeasure::ConsumptionValue),
            "units" => Ok(AbcMeasure::Units),
            "margin" => Ok(AbcMeasure::Margin),
            _ => Err(PolicyError::InvalidInput {
                message: format!(
                    "unknown ABC measure {s:?} (expected revenue, consumption_value, units or margin)"
                ),
            }),
        }
    }
}

fn same_len(name: &str, n: usize, col: &[f64]) -> PResult<()> {
    if col.len() != n {
        return Err(PolicyError::InvalidInput {
            message: format!("{name} has {} values, expected {n}", col.len()),
        });
    }
    Ok(())
}

/// The measure per item from units, unit costs and unit prices (columns not needed by the
/// measure may be empty).
///
/// # Errors
/// [`PolicyError::InvalidInput`] for columns of the wrong length; [`PolicyError::InvalidParameter`]
/// for non-finite or negative units, costs or prices.
pub fn abc_measure(
    measure: AbcMeasure,
    units: &[f64],
    unit_costs: &[f64],
    unit_prices: &[f64],
) -> Result<Vec<f64>> {
    let n = units.len();
    for &u in units {
        if finite("units", u)? < 0.0 {
            return Err(PolicyError::InvalidParameter {
                name: "units",
                value: u,
                expected: "a number ≥ 0",
            }
            .into());
        }
    }
    let need_cost = matches!(measure, AbcMeasure::ConsumptionValue | AbcMeasure::Margin);
    let need_price = matches!(measure, AbcMeasure::Revenue | AbcMeasure::Margin);
    if need_cost {
        same_len("unit_costs", n, unit_costs)?;
        for &c in unit_costs {
            non_negative("unit cost", c)?;
        }
    }
    if need_price {
        same_len("unit_prices", n, unit_prices)?;
        for &p in unit_prices {
            non_negative("unit price", p)?;
        }
    }
    Ok((0..n)
        .map(|i| match measure {
            AbcMeasure::Units => units[i],
            AbcMeasure::Revenue => units[i] * unit_prices[i],
            AbcMeasure::ConsumptionValue => units[i] * unit_costs[i],
            AbcMeasure::Margin => units[i] * (unit_prices[i] - unit_costs[i]),
        })
        .collect())
}

/// The ABC result of one item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AbcItem {
    /// The class.
    pub class: AbcClass,
    /// 1-based rank by the measure (ties keep input order).
    pub rank: usize,
    /// Cumulative share of the measure up to and including this item (0 for items ≤ 0).
    pub cumulative_share: f64,
}

/// ABC classification of items by their measure values, in input order.
///
/// ```
/// use inventory_core::classify::{abc, AbcClass::*, AbcThresholds};
///
/// // Shares 50 %, 30 % (cumulative 80 %: lands on the A threshold, the last A), 15 % (starts B;
/// // cumulative 95 %, the last B), 5 % (C).
/// let r = abc(&[30.0, 50.0, 5.0, 15.0], AbcThresholds::default()).unwrap();
/// let classes: Vec<_> = r.iter().map(|i| i.class).collect();
/// assert_eq!(classes, vec![A, A, C, B]);
/// ```
///
/// # Errors
/// [`PolicyError::InvalidParameter`] for NaN or infinite values or bad thresholds.
pub fn abc(values: &[f64], thresholds: AbcThresholds) -> Result<Vec<AbcItem>> {
    thresholds.check()?;
    for &v in values {
        finite("ABC measure", v)?;
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    // Descending by value; the stable sort keeps input order among equal values.
    order.sort_by(|&i, &j| values[j].total_cmp(&values[i]));
    let total: f64 = values.iter().filter(|v| **v > 0.0).sum();
    let tol = 1e-12;
    let mut out = vec![
        AbcItem {
            class: AbcClass::C,
            rank: 0,
            cumulative_share: 0.0,
        };
        values.len()
    ];
    let mut cum = 0.0;
    for (r, &i) in order.iter().enumerate() {
        let v = values[i];
        let item = &mut out[i];
        item.rank = r + 1;
        if v <= 0.0 || total <= 0.0 {
            continue;
        }
        // The share of the items ranked before this one decides its class.
        let before = cum / total;
        cum += v;
        item.cumulative_share = (cum / total).min(1.0);
        item.class = if before < thresholds.a * (1.0 - tol) {
            AbcClass::A
        } else if before < thresholds.b * (1.0 - tol) {
            AbcClass::B
        } else {
            AbcClass::C
        };
    }
    Ok(out)
}

/// Coefficient-of-variation thresholds of the X and Y classes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct XyzThresholds {
    /// CV up to which demand is X (default 0.5).
    pub x: f64,
    /// CV up to which demand is Y (default 1.0).
    pub y: f64,
}

impl Default for XyzThresholds {
    fn default() -> Self {
        XyzThresholds { x: 0.5, y: 1.0 }
    }
}

/// The XYZ result of one series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct XyzItem {
    /// The class.
    pub class: XyzClass,
    /// The coefficient of variation (`None` when the mean is zero).
    pub cv: Option<f64>,
    /// Mean demand per period.
    pub mean: f64,
    /// Sample standard deviation per period.
    pub std_dev: f64,
}

/// XYZ classification of one demand series (one value per period).
///
/// ```
/// use inventory_core::classify::{xyz, XyzClass, XyzThresholds};
/// // mean 10, sample σ = √(8/3) ≈ 1.63: CV 0.163 → X.
/// assert_eq!(xyz(&[8.0, 12.0, 10.0, 10.0], XyzThresholds::default()).unwrap().class, XyzClass::X);
/// ```
///
/// # Errors
/// [`PolicyError::InvalidInput`] for an empty series; [`PolicyError::InvalidParameter`] for
/// NaN or infinite values or bad thresholds.
pub fn xyz(series: &[f64], thresholds: XyzThresholds) -> Result<XyzItem> {
    thresholds.check()?;
    Ok(xyz_checked(series, thresholds)?)
}

impl XyzThresholds {
    fn check(&self) -> PResult<()> {
        let ok = |v: f64| v.is_finite() && v >= 0.0;
        if !ok(self.x) || !ok(self.y) || self.x > self.y {
            return Err(PolicyError::InvalidParameter {
                name: "XYZ thresholds",
                value: self.x,
                expected: "0 ≤ x ≤ y",
            });
        }
        Ok(())
    }
}

/// [`xyz`] with thresholds already checked.
fn xyz_checked(series: &[f64], thresholds: XyzThresholds) -> PResult<XyzItem> {
    if series.is_empty() {
        return Err(PolicyError::InvalidInput {
            message: "the demand series is empty".into(),
        });
    }
    let (mean, sd) = finite_mean_sd("demand", series)?;
    if mean <= 0.0 {
        return Ok(XyzItem {
            class: XyzClass::Z,
            cv: None,
            mean,
            std_dev: sd,
        });
    }
    let cv = sd / mean;
    let class = if cv <= thresholds.x {
        XyzClass::X
    } else if cv <= thresholds.y {
        XyzClass::Y
    } else {
        XyzClass::Z
    };
    Ok(XyzItem {
        class,
        cv: Some(cv),
        mean,
        std_dev: sd,
    })
}

/// XYZ classification of many series at once (one result per series).
///
/// # Errors
/// As [`xyz`], for the first failing series, wrapped in [`crate::Error::Batch`] with its index.
pub fn xyz_many<S: AsRef<[f64]>>(series: &[S], thresholds: XyzThresholds) -> Result<Vec<XyzItem>> {
    thresholds.check()?;
    series
        .iter()
        .enumerate()
        .map(|(index, s)| {
            xyz_checked(s.as_ref(), thresholds).map_err(|e| crate::Error::Batch {
                index,
                source: Box::new(e.into()),
            })
        })
        .collect()
}

/// ABC classification of a ledger's SKUs by what they sold in `[from, to)`: `Units` (net
/// units sold) or `ConsumptionValue` (the COGS booked). Revenue and margin need sale prices,
/// which the ledger does not hold: compute them with [`abc_measure`] and call [`abc`].
/// Results are in the ledger's SKU order.
///
/// # Errors
/// [`PolicyError::InvalidInput`] for `Revenue` / `Margin` or an empty window.
pub fn abc_from_ledger(
    ledger: &crate::Ledger,
    from: crate::Timestamp,
    to: crate::Timestamp,
    measure: AbcMeasure,
    thresholds: AbcThresholds,
) -> Result<Vec<(String, AbcItem)>> {
    use rust_decimal::prelude::ToPrimitive;
    let acts = crate::metrics::activity_all(ledger, from, to)?;
    let values: Vec<f64> = match measure {
        AbcMeasure::Units => acts.iter().map(|a| a.units_sold.to_f64().unwrap_or(0.0)).collect(),
        AbcMeasure::ConsumptionValue => acts.iter().map(|a| a.cogs.to_f64().unwrap_or(0.0)).collect(),
        AbcMeasure::Revenue | AbcMeasure::Margin => {
            return Err(PolicyError::InvalidInput {
                message: "the ledger holds no sale prices: compute revenue or margin with abc_measure and call abc".into(),
            }
            .into())
        }
    };
    let items = abc(&values, thresholds)?;
    Ok(acts.into_iter().map(|a| a.sku).zip(items).collect())
}

/// XYZ classification of a ledger's SKUs by their demand history (daily or weekly, net of
/// returns) over `[from, to)`. Results are in the ledger's SKU order.
///
/// # Errors
/// [`PolicyError::InvalidInput`] for an empty window.
pub fn xyz_from_ledger(
    ledger: &crate::Ledger,
    from: crate::Timestamp,
    to: crate::Timestamp,
    period: crate::Period,
    thresholds: XyzThresholds,
) -> Result<Vec<(String, XyzItem)>> {
    if to <= from {
        return Err(PolicyError::InvalidInput {
            message: format!("the window [{from}, {to}) is empty"),
        }
        .into());
    }
    ledger
        .skus()
        .iter()
        .map(|sku| {
            let h = ledger.demand_history(sku, None, period, Some(from), Some(to - 1))?;
            Ok((sku.clone(), xyz(&h.to_f64(), thresholds)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::AbcClass::*;
    use super::XyzClass::*;
    use super::*;

    fn classes(values: &[f64]) -> Vec<AbcClass> {
        abc(values, AbcThresholds::default())
            .unwrap()
            .iter()
            .map(|i| i.class)
            .collect()
    }

    #[test]
    fn abc_boundaries_ties_and_zeros() {
        // Ten items, worked by hand: total 1000; sorted 400, 250, 150 (80 % → A), 100 (90 %),
        // 50 (95 % → B), 30, 20, 0, 0, −10 (margin loss → C).
        let v = [
            20.0, 400.0, 0.0, 150.0, 50.0, 250.0, -10.0, 100.0, 30.0, 0.0,
        ];
        assert_eq!(classes(&v), vec![C, A, C, A, B, A, C, B, C, C]);
        let r = abc(&v, AbcThresholds::default()).unwrap();
        assert_eq!(r[1].rank, 1);
        assert!((r[3].cumulative_share - 0.8).abs() < 1e-15);
        // Ties keep input order: the first of two equal items ranks first; its share lands
        // exactly on A's 50 %, so it closes A and the second starts B.
        let r = abc(&[5.0, 5.0], AbcThresholds { a: 0.5, b: 0.9 }).unwrap();
        assert_eq!((r[0].rank, r[0].class, r[1].class), (1, A, B));
        // A dominant item is A; the item crossing a threshold joins the higher class.
        assert_eq!(classes(&[90.0, 6.0, 3.0, 1.0]), vec![A, B, C, C]);
        assert_eq!(classes(&[70.0, 20.0, 6.0, 4.0]), vec![A, A, B, C]);
        assert!(abc(&[], AbcThresholds::default()).unwrap().is_empty());
        assert_eq!(classes(&[0.0, 0.0]), vec![C, C]);
        assert!(abc(&[1.0, f64::NAN], AbcThresholds::default()).is_err());
        assert!(abc(&[1.0], AbcThresholds { a: 0.9, b: 0.8 }).is_err());
    }

    #[test]
    fn abc_measures() {
        let u = [10.0, 2.0];
        let c = [1.0, 30.0];
        let p = [5.0, 35.0];
        assert_eq!(
            abc_measure(AbcMeasure::Units, &u, &[], &[]).unwrap(),
            vec![10.0, 2.0]
        );
        assert_eq!(
            abc_measure(AbcMeasure::Revenue, &u, &[], &p).unwrap(),
            vec![50.0, 70.0]
        );
        assert_eq!(
            abc_measure(AbcMeasure::ConsumptionValue, &u, &c, &[]).unwrap(),
            vec![10.0, 60.0]
        );
        assert_eq!(
            abc_measure(AbcMeasure::Margin, &u, &c, &p).unwrap(),
            vec![40.0, 10.0]
        );
        assert!(abc_measure(AbcMeasure::Margin, &u, &c, &[1.0]).is_err());
        assert!(abc_measure(AbcMeasure::Units, &[-1.0], &[], &[]).is_err());
    }

    #[test]
    fn xyz_by_hand() {
        let t = XyzThresholds::default();
        // 10, 10, 10: CV 0 → X.
        assert_eq!(xyz(&[10.0, 10.0, 10.0], t).unwrap().class, X);
        // 0, 20: mean 10, sample σ = √200 = 14.14: CV 1.414 → Z.
        let r = xyz(&[0.0, 20.0], t).unwrap();
        assert!((r.cv.unwrap() - 2f64.sqrt()).abs() < 1e-12 && r.class == Z);
        // 5, 15, 10: mean 10, sample σ = 5: CV 0.5 lands on X's threshold → X.
        assert_eq!(xyz(&[5.0, 15.0, 10.0], t).unwrap().class, X);
        // 2, 18, 10: σ = 8: CV 0.8 → Y.
        assert_eq!(xyz(&[2.0, 18.0, 10.0], t).unwrap().class, Y);
        let zero = xyz(&[0.0, 0.0], t).unwrap();
        assert_eq!((zero.class, zero.cv), (Z, None));
        assert!(xyz(&[], t).is_err());
        assert!(xyz(&[1.0, f64::INFINITY], t).is_err());
        assert_eq!(abc_xyz_label(A, Y), "AY");
        assert_eq!(xyz_many(&[vec![1.0, 1.0], vec![0.0]], t).unwrap().len(), 2);
        let e = xyz_many(&[vec![1.0, 2.0], vec![3.0, f64::NAN]], t).unwrap_err();
        assert!(matches!(e, crate::Error::Batch { index: 1, .. }), "{e}");
        assert!(xyz_many(&[vec![1.0]], XyzThresholds { x: 2.0, y: 1.0 }).is_err());
    }

    #[test]
    fn from_a_ledger() {
        use crate::{Decimal, Ledger, Movement, Period};
        let day = 86_400;
        let mut l = Ledger::new();
        for (sku, cost) in [("HOT", 1), ("WARM", 2), ("COLD", 3)] {
            l.post(Movement::receive(
                sku,
                "W",
                Decimal::from(1000),
                Decimal::from(cost),
                0,
            ))
            .unwrap();
        }
        // HOT sells 10 every day, WARM 10 every other day, COLD once.
        for t in 0..10 {
            l.post(Movement::ship("HOT", "W", Decimal::from(10), t * day))
                .unwrap();
            if t % 2 == 0 {
                l.post(Movement::ship("WARM", "W", Decimal::from(10), t * day))
                    .unwrap();
            }
        }
        l.post(Movement::ship("COLD", "W", Decimal::from(5), 3 * day))
            .unwrap();
        // Units: 100, 50, 5 of 155: shares before each 0 %, 64.5 %, 96.8 % → A, A, C.
        let r =
            abc_from_ledger(&l, 0, 10 * day, AbcMeasure::Units, AbcThresholds::default()).unwrap();
        let got: Vec<_> = r.iter().map(|(s, i)| (s.as_str(), i.class)).collect();
        assert_eq!(got, vec![("HOT", A), ("WARM", A), ("COLD", C)]);
        // Consumption value: 100, 100, 15 of 215: before 0 %, 46.5 %, 93.0 % → A, A, B.
        let r = abc_from_ledger(
            &l,
            0,
            10 * day,
            AbcMeasure::ConsumptionValue,
            AbcThresholds::default(),
        )
        .unwrap();
        assert_eq!(
            r.iter().map(|x| x.1.class).collect::<Vec<_>>(),
            vec![A, A, B]
        );
        assert!(abc_from_ledger(
            &l,
            0,
            10 * day,
            AbcMeasure::Revenue,
            AbcThresholds::default()
        )
        .is_err());
        let x = xyz_from_ledger(&l, 0, 10 * day, Period::Day, XyzThresholds::default()).unwrap();
        // HOT: constant → X; WARM: 10,0,… mean 5, sample σ = √(250/9) → CV 1.054 → Z; COLD → Z.
        assert_eq!(
            x.iter().map(|v| v.1.class).collect::<Vec<_>>(),
            vec![X, Z, Z]
        );
    }
}
