//! Inventory health metrics read from a ledger: turnover, days of inventory, sell-through,
//! stock aging, dead stock, slow movers, overstock and stockout days.
//!
//! All metrics are per SKU across all locations, over a half-open window `[from, to)` of
//! timestamps (seconds since the Unix epoch, UTC), using only the ledger's journal:
//!
//! - **units sold**: units shipped minus customer returns in the window;
//! - **COGS**: the sum of the `cogs` of the SKU's movements in the window (shipments,
//!   returns as negative COGS, and true-ups of backorders);
//! - **average inventory value**: the *time-weighted* average of the SKU's total value over
//!   the window (the value is a step function that changes at each movement);
//! - **turnover** = COGS / average inventory value; **days of inventory** = average
//!   inventory value / (COGS per day) = window days / turnover (`None` when undefined);
//! - **sell-through** = units sold / (units on hand at the start + units received);
//! - **stockout days**: days of the window (UTC) whose *closing* sellable on hand, summed
//!   over all locations, is ≤ 0; days before the SKU's first movement are not counted.
//!
//! Money is exact ([`Decimal`]); ratios and rates are `f64`.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::costing::{add_to, mul};
use crate::error::{PolicyError, Result};
use crate::ledger::{Condition, JournalEntry, Ledger, MovementKind};
use crate::time::{day_of, Timestamp, SECONDS_PER_DAY};

/// A SKU's activity over a window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkuActivity {
    /// The SKU.
    pub sku: String,
    /// Units shipped minus units returned by customers.
    pub units_sold: Decimal,
    /// Units received from suppliers.
    pub units_received: Decimal,
    /// COGS booked in the window.
    pub cogs: Decimal,
    /// Physical units (all conditions) at the start of the window.
    pub opening_units: Decimal,
    /// Physical units at the end of the window.
    pub closing_units: Decimal,
    /// Inventory value at the start.
    pub opening_value: Decimal,
    /// Inventory value at the end.
    pub closing_value: Decimal,
    /// Time-weighted average inventory value over the window, rounded to the ledger's money
    /// scale.
    pub average_value: Decimal,
    /// COGS / average value (`None` when the average value is not positive).
    pub turnover: Option<f64>,
    /// Average value / COGS per day (`None` when COGS is not positive).
    pub days_of_inventory: Option<f64>,
    /// Units sold / (opening units + units received) (`None` when the denominator is 0).
    pub sell_through: Option<f64>,
    /// Days whose closing sellable on hand was ≤ 0.
    pub stockout_days: u64,
    /// Days in the window counted for stockouts (from the SKU's first movement on).
    pub days_observed: u64,
    /// Time of the latest shipment at or before the end of the window.
    pub last_sale: Option<Timestamp>,
}

fn window(from: Timestamp, to: Timestamp) -> Result<()> {
    if to <= from {
        return Err(PolicyError::InvalidInput {
            message: format!("the window [{from}, {to}) is empty"),
        }
        .into());
    }
    if to.checked_sub(from).is_none() {
        return Err(PolicyError::InvalidInput {
            message: format!("the window [{from}, {to}) is longer than 2^63 seconds"),
        }
        .into());
    }
    Ok(())
}

/// The change of sellable on hand (all locations) a journal entry made.
fn sellable_delta(e: &JournalEntry) -> Decimal {
    let sellable = |c: &Condition| *c == Condition::Sellable;
    match &e.movement.kind {
        MovementKind::Receive {
            quantity,
            condition,
            ..
        } if sellable(condition) => *quantity,
        MovementKind::Ship { quantity, .. } => -*quantity,
        MovementKind::CustomerReturn {
            quantity,
            condition,
            ..
        } if sellable(condition) => *quantity,
        MovementKind::ReturnToSupplier {
            quantity,
            condition,
            ..
        } if sellable(condition) => -*quantity,
        MovementKind::Reclassify {
            quantity, from, to, ..
        } => {
            let mut d = Decimal::ZERO;
            if sellable(to) {
                d += *quantity;
            }
            if sellable(from) {
                d -= *quantity;
            }
            d
        }
        MovementKind::Adjust {
            quantity,
            condition,
            ..
        } if sellable(condition) => *quantity,
        MovementKind::CycleCount { condition, .. } if sellable(condition) => {
            e.outcome.adjustment.unwrap_or_default()
        }
        _ => Decimal::ZERO,
    }
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Activity and health figures of one SKU over `[from, to)`.
///
/// ```
/// use inventory_core::{metrics::activity, Decimal, Ledger, Movement};
/// let day = 86_400;
/// let mut l = Ledger::new();
/// l.post(Movement::receive("A", "W", Decimal::from(10), Decimal::from(2), 0)).unwrap();
/// l.post(Movement::ship("A", "W", Decimal::from(5), 5 * day)).unwrap();
/// let a = activity(&l, "A", 0, 10 * day).unwrap();
/// // Value 20 for 5 days, 10 for 5 days: average 15; COGS 10: turnover 2/3.
/// assert_eq!(a.average_value, Decimal::from(15));
/// assert!((a.turnover.unwrap() - 10.0 / 15.0).abs() < 1e-12);
/// ```
///
/// # Errors
/// [`crate::LedgerError::UnknownSku`]; [`PolicyError::InvalidInput`] for an empty window.
pub fn activity(ledger: &Ledger, sku: &str, from: Timestamp, to: Timestamp) -> Result<SkuActivity> {
    window(from, to)?;
    let history = ledger.history(sku)?;
    let scale = ledger.config().money_scale;
    let mut units = Decimal::ZERO;
    let mut value = Decimal::ZERO;
    let mut sellable = Decimal::ZERO;
    let mut a = SkuActivity {
        sku: sku.to_owned(),
        units_sold: Decimal::ZERO,
        units_received: Decimal::ZERO,
        cogs: Decimal::ZERO,
        opening_units: Decimal::ZERO,
        closing_units: Decimal::ZERO,
        opening_value: Decimal::ZERO,
        closing_value: Decimal::ZERO,
        average_value: Decimal::ZERO,
        turnover: None,
        days_of_inventory: None,
        sell_through: None,
        stockout_days: 0,
        days_observed: 0,
        last_sale: None,
    };
    // Integral of value over time (value × seconds), exact.
    let mut integral = Decimal::ZERO;
    let mut t_prev = from;
    let mut opened = false;
    let (first_day, last_day) = (day_of(from), day_of(to - 1));
    let mut day_cursor: Option<i64> = None; // the first day not yet judged for stockout
    let judge_days_until =
        |upto: i64, sellable: Decimal, a: &mut SkuActivity, cursor: &mut Option<i64>| {
            // Judge every day before `upto` with the closing sellable stock `sellable`: no
            // movement falls on those days, so they all close with it. Counted, not walked,
            // so the cost does not grow with the window's width (days are at most
            // 2^63 / 86,400, which a u64 holds).
            if let Some(c) = cursor {
                let end = upto.min(last_day + 1);
                if *c < end {
                    let days = end.abs_diff(*c);
                    a.days_observed += days;
                    if sellable <= Decimal::ZERO {
                        a.stockout_days += days;
                    }
                    *c = end;
                }
            }
        };
    for e in &history {
        let t = e.movement.time;
        if t >= to {
            break;
        }
        let d = day_of(t);
        if t >= from {
            if !opened {
                a.opening_units = units;
                a.opening_value = value;
                opened = true;
            }
            accumulate_value_time(&mut integral, value, t - t_prev)?;
            t_prev = t;
            if day_cursor.is_none() {
                day_cursor = Some(d.max(first_day));
            }
            judge_days_until(d, sellable, &mut a, &mut day_cursor);
            add_to(&mut a.cogs, e.outcome.cogs, "the COGS of a window")?;
            match &e.movement.kind {
                MovementKind::Ship { quantity, .. } => {
                    add_to(&mut a.units_sold, *quantity, "the units sold in a window")?
                }
                MovementKind::CustomerReturn { quantity, .. } => {
                    add_to(&mut a.units_sold, -*quantity, "the units sold in a window")?
                }
                MovementKind::Receive { quantity, .. } => add_to(
                    &mut a.units_received,
                    *quantity,
                    "the units received in a window",
                )?,
                _ => {}
            }
        } else if day_cursor.is_none() {
            // The SKU existed before the window: every day of the window is observed.
            day_cursor = Some(first_day);
        }
        if matches!(e.movement.kind, MovementKind::Ship { .. }) {
            a.last_sale = Some(t);
        }
        add_to(&mut units, e.outcome.quantity, "a SKU's units")?;
        add_to(&mut value, e.outcome.value, "a SKU's value")?;
        add_to(&mut sellable, sellable_delta(e), "a SKU's sellable units")?;
    }
    if !opened {
        a.opening_units = units;
        a.opening_value = value;
    }
    accumulate_value_time(&mut integral, value, to - t_prev)?;
    judge_days_until(last_day + 1, sellable, &mut a, &mut day_cursor);
    a.closing_units = units;
    a.closing_value = value;
    let seconds = Decimal::from(to - from);
    a.average_value =
        (integral / seconds).round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
    let days = (to - from) as f64 / SECONDS_PER_DAY as f64;
    let avg = to_f64(integral / seconds);
    let cogs = to_f64(a.cogs);
    if avg > 0.0 {
        a.turnover = Some(cogs / avg);
    }
    if cogs > 0.0 {
        a.days_of_inventory = Some(avg / (cogs / days));
    }
    // Units available to sell in the window. The exact sum leaves the decimal range only
    // when both parts are huge and of one sign: then it is positive exactly when they are.
    let base = match a.opening_units.checked_add(a.units_received) {
        Some(b) => (b > Decimal::ZERO).then(|| to_f64(b)),
        None => (a.units_received > Decimal::ZERO)
            .then(|| to_f64(a.opening_units) + to_f64(a.units_received)),
    };
    if let Some(base) = base {
        a.sell_through = Some(to_f64(a.units_sold) / base);
    }
    Ok(a)
}

/// Activity of every SKU of the ledger over `[from, to)`, in the ledger's SKU order.
///
/// # Errors
/// [`PolicyError::InvalidInput`] for an empty window.
pub fn activity_all(ledger: &Ledger, from: Timestamp, to: Timestamp) -> Result<Vec<SkuActivity>> {
    ledger
        .skus()
        .iter()
        .map(|s| activity(ledger, s, from, to))
        .collect()
}

/// One age bucket of stock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgingBucket {
    /// The label, e.g. `"0-30"`, `"31-60"`, `"180+"`.
    pub label: String,
    /// Youngest age in the bucket, in whole days.
    pub min_days: u32,
    /// Oldest age in the bucket (`None` for the last, open bucket).
    pub max_days: Option<u32>,
    /// Units in the bucket.
    pub quantity: Decimal,
    /// Their value.
    pub value: Decimal,
}

/// The default aging bucket bounds: 0-30, 31-60, 61-90, 91-180, 180+ days.
pub const DEFAULT_AGING_BOUNDS: [u32; 4] = [30, 60, 90, 180];

/// Stock by age, from the open cost layers (age = whole days since the layer's original
/// receipt, which transfers keep; a layer dated after `as_of` has age 0). Bucket `i` holds
/// ages `bounds[i-1] + 1 ..= bounds[i]` (the first from 0), the last bucket everything older
/// than the last bound. `sku = None` ages the whole ledger.
///
/// # Errors
/// [`crate::LedgerError::UnknownSku`]; [`PolicyError::InvalidInput`] for bounds that are not
/// strictly increasing.
pub fn aging(
    ledger: &Ledger,
    sku: Option<&str>,
    as_of: Timestamp,
    bounds: &[u32],
) -> Result<Vec<AgingBucket>> {
    if bounds.windows(2).any(|w| w[0] >= w[1]) {
        return Err(PolicyError::InvalidInput {
            message: "aging bounds must be strictly increasing".into(),
        }
        .into());
    }
    if bounds.last() == Some(&u32::MAX) {
        return Err(PolicyError::InvalidInput {
            message: format!("aging bounds must be below {} days", u32::MAX),
        }
        .into());
    }
    let mut buckets: Vec<AgingBucket> = Vec::with_capacity(bounds.len() + 1);
    let mut lo = 0u32;
    for &b in bounds {
        buckets.push(AgingBucket {
            label: format!("{lo}-{b}"),
            min_days: lo,
            max_days: Some(b),
            quantity: Decimal::ZERO,
            value: Decimal::ZERO,
        });
        lo = b + 1;
    }
    buckets.push(AgingBucket {
        label: match bounds.last() {
            Some(b) => format!("{b}+"),
            None => "0+".into(),
        },
        min_days: lo,
        max_days: None,
        quantity: Decimal::ZERO,
        value: Decimal::ZERO,
    });
    let skus: Vec<&str> = match sku {
        Some(s) => vec![s],
        None => ledger.skus().iter().map(String::as_str).collect(),
    };
    for s in skus {
        for layer in ledger.valuation(s, None)?.layers {
            let age = (as_of.saturating_sub(layer.received_at).max(0) / SECONDS_PER_DAY) as u64;
            let i = bounds
                .iter()
                .position(|&b| age <= u64::from(b))
                .unwrap_or(bounds.len());
            add_to(
                &mut buckets[i].quantity,
                layer.quantity,
                "an aging bucket's units",
            )?;
            add_to(
                &mut buckets[i].value,
                layer.value,
                "an aging bucket's value",
            )?;
        }
    }
    Ok(buckets)
}

/// A SKU holding stock without sales.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadStock {
    /// The SKU.
    pub sku: String,
    /// Physical units held (all conditions and locations).
    pub quantity: Decimal,
    /// Their value.
    pub value: Decimal,
    /// The latest shipment at or before `as_of`, if any.
    pub last_sale: Option<Timestamp>,
}

/// SKUs with stock on hand and no shipment in the `days` days up to `as_of`, held at least
/// that long (a SKU first stocked more recently is not dead yet), most valuable first (ties
/// in SKU order).
///
/// # Errors
/// [`PolicyError::InvalidInput`] for `days = 0`.
pub fn dead_stock(ledger: &Ledger, as_of: Timestamp, days: u32) -> Result<Vec<DeadStock>> {
    if days == 0 {
        return Err(PolicyError::InvalidInput {
            message: "dead stock needs a period of at least one day".into(),
        }
        .into());
    }
    // A period reaching before the first representable second starts there.
    let since = as_of.saturating_sub(i64::from(days) * SECONDS_PER_DAY);
    let mut out = Vec::new();
    for sku in ledger.skus() {
        let history = ledger.history(sku)?;
        let Some(first) = history.first() else {
            continue;
        };
        if first.movement.time > since {
            continue;
        }
        let mut qty = Decimal::ZERO;
        let mut value = Decimal::ZERO;
        let mut last_sale = None;
        for e in history.iter().take_while(|e| e.movement.time <= as_of) {
            add_to(&mut qty, e.outcome.quantity, "a SKU's units")?;
            add_to(&mut value, e.outcome.value, "a SKU's value")?;
            if matches!(e.movement.kind, MovementKind::Ship { .. }) {
                last_sale = Some(e.movement.time);
            }
        }
        if qty > Decimal::ZERO && last_sale.is_none_or(|t| t <= since) {
            out.push(DeadStock {
                sku: sku.clone(),
                quantity: qty,
                value,
                last_sale,
            });
        }
    }
    out.sort_by_key(|x| std::cmp::Reverse(x.value));
    Ok(out)
}

/// A SKU that sells, but slowly, or holds more than it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockCover {
    /// The SKU.
    pub sku: String,
    /// Sellable units on hand at `as_of` (all locations).
    pub on_hand: Decimal,
    /// Average net units sold per day over the look-back window.
    pub daily_demand: f64,
    /// On hand / daily demand (`None` when nothing sold).
    pub days_of_supply: Option<f64>,
    /// Units beyond the allowed cover (overstock) or 0.
    pub excess_units: f64,
    /// Value of the excess units, at the SKU's average unit cost, rounded to the money scale.
    pub excess_value: Decimal,
}

fn cover(
    ledger: &Ledger,
    sku: &str,
    as_of: Timestamp,
    window_days: u32,
    cover_days: f64,
) -> Result<StockCover> {
    // Windows reaching past the representable seconds are cut there.
    let from = as_of.saturating_sub(i64::from(window_days) * SECONDS_PER_DAY);
    let a = activity(ledger, sku, from, as_of.saturating_add(1))?;
    let on_hand = sellable_at(ledger, sku, as_of)?;
    let daily = to_f64(a.units_sold).max(0.0) / f64::from(window_days);
    let supply = if daily > 0.0 {
        Some(to_f64(on_hand) / daily)
    } else {
        None
    };
    let excess = (to_f64(on_hand) - cover_days * daily).max(0.0);
    let excess_value = if excess > 0.0 && a.closing_units > Decimal::ZERO {
        let share = Decimal::from_f64_retain(excess / to_f64(a.closing_units)).unwrap_or_default();
        (a.closing_value * share.min(Decimal::ONE)).round_dp_with_strategy(
            ledger.config().money_scale,
            RoundingStrategy::MidpointAwayFromZero,
        )
    } else {
        Decimal::ZERO
    };
    Ok(StockCover {
        sku: sku.to_owned(),
        on_hand,
        daily_demand: daily,
        days_of_supply: supply,
        excess_units: excess,
        excess_value,
    })
}

/// `*integral += value × seconds`, or an overflow error (the value-time integral of a
/// window, for its average value).
fn accumulate_value_time(integral: &mut Decimal, value: Decimal, seconds: i64) -> Result<()> {
    let area = mul(value, Decimal::from(seconds), "a value-time integral")?;
    Ok(add_to(integral, area, "a value-time integral")?)
}

/// Sellable units of a SKU (all locations) at a time.
fn sellable_at(ledger: &Ledger, sku: &str, at: Timestamp) -> Result<Decimal> {
    let mut total = Decimal::ZERO;
    for e in ledger
        .history(sku)?
        .iter()
        .take_while(|e| e.movement.time <= at)
    {
        add_to(&mut total, sellable_delta(e), "a SKU's sellable units")?;
    }
    Ok(total)
}

/// SKUs that sold something in the `window_days` days up to `as_of` but whose sellable stock
/// would last more than `min_days_of_supply` days at that rate, slowest first.
///
/// # Errors
/// [`PolicyError::InvalidParameter`] for a zero window or a negative threshold.
pub fn slow_movers(
    ledger: &Ledger,
    as_of: Timestamp,
    window_days: u32,
    min_days_of_supply: f64,
) -> Result<Vec<StockCover>> {
    check_window(window_days)?;
    crate::checks::non_negative("days of supply", min_days_of_supply)?;
    let mut out = Vec::new();
    for sku in ledger.skus() {
        let c = cover(ledger, sku, as_of, window_days, 0.0)?;
        if c.on_hand > Decimal::ZERO && c.days_of_supply.is_some_and(|d| d > min_days_of_supply) {
            out.push(StockCover {
                excess_units: 0.0,
                excess_value: Decimal::ZERO,
                ..c
            });
        }
    }
    out.sort_by(|a, b| {
        b.days_of_supply
            .unwrap_or(0.0)
            .total_cmp(&a.days_of_supply.unwrap_or(0.0))
    });
    Ok(out)
}

/// SKUs holding more sellable stock than `cover_days` days of their average demand over the
/// `window_days` days up to `as_of` (a SKU that sold nothing has all its stock in excess),
/// largest excess value first.
///
/// # Errors
/// [`PolicyError::InvalidParameter`] for a zero window or a negative cover.
pub fn overstock(
    ledger: &Ledger,
    as_of: Timestamp,
    window_days: u32,
    cover_days: f64,
) -> Result<Vec<StockCover>> {
    check_window(window_days)?;
    crate::checks::non_negative("cover days", cover_days)?;
    let mut out = Vec::new();
    for sku in ledger.skus() {
        let c = cover(ledger, sku, as_of, window_days, cover_days)?;
        if c.excess_units > 0.0 {
            out.push(c);
        }
    }
    out.sort_by_key(|x| std::cmp::Reverse(x.excess_value));
    Ok(out)
}

fn check_window(days: u32) -> Result<()> {
    if days == 0 {
        return Err(PolicyError::InvalidParameter {
            name: "window days",
            value: 0.0,
            expected: "at least one day",
        }
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AdjustReason, Movement};

    const DAY: i64 = SECONDS_PER_DAY;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn sample() -> Ledger {
        let mut l = Ledger::new();
        // Day 0: 10 @ 2.00 (value 20). Day 4: ship 10 (stock out). Day 6: receive 8 @ 2.50.
        // Day 8: ship 3, a customer returns 1. Day 9: 2 damaged written off.
        l.post(Movement::receive("A", "W", d("10"), d("2.00"), 0))
            .unwrap();
        l.post(Movement::ship("A", "W", d("10"), 4 * DAY + 100))
            .unwrap();
        l.post(Movement::receive("A", "W", d("8"), d("2.50"), 6 * DAY))
            .unwrap();
        l.post(Movement::ship("A", "W", d("3"), 8 * DAY)).unwrap();
        l.post(Movement::customer_return("A", "W", d("1"), 8 * DAY + 50))
            .unwrap();
        l.post(Movement::adjust(
            "A",
            "W",
            d("-2"),
            AdjustReason::Damage,
            9 * DAY,
        ))
        .unwrap();
        l.post(Movement::receive("OLD", "W", d("5"), d("4.00"), 0))
            .unwrap();
        l
    }

    #[test]
    fn activity_by_hand() {
        let l = sample();
        let a = activity(&l, "A", 0, 10 * DAY).unwrap();
        assert_eq!(a.units_sold, d("12"));
        assert_eq!(a.units_received, d("18"));
        // COGS: 20.00 + 7.50 − 2.50 (return at the average 2.50) = 25.00.
        assert_eq!(a.cogs, d("25.00"));
        assert_eq!((a.opening_units, a.closing_units), (d("0"), d("4")));
        assert_eq!(a.closing_value, d("10.00"));
        // Value over time: 20 for 4 days + 100 s, 0 until day 6, 20 until day 8, 12.50 for
        // 50 s, 15 until day 9, 10 until day 10.
        let integral = 20.0 * (4.0 * 86_400.0 + 100.0)
            + 20.0 * 2.0 * 86_400.0
            + 12.5 * 50.0
            + 15.0 * (86_400.0 - 50.0)
            + 10.0 * 86_400.0;
        let avg = integral / (10.0 * 86_400.0);
        assert_eq!(
            a.average_value,
            Decimal::from_f64_retain(avg).unwrap().round_dp(2)
        );
        assert!((a.turnover.unwrap() - 25.0 / avg).abs() < 1e-9);
        assert!((a.days_of_inventory.unwrap() - avg / 2.5).abs() < 1e-9);
        assert!((a.sell_through.unwrap() - 12.0 / 18.0).abs() < 1e-12);
        // Closing sellable stock ≤ 0 on days 4 and 5.
        assert_eq!((a.stockout_days, a.days_observed), (2, 10));
        assert_eq!(a.last_sale, Some(8 * DAY));
        assert!(activity(&l, "A", 5, 5).is_err());
        assert!(activity(&l, "Z", 0, 5).is_err());
    }

    #[test]
    fn aging_buckets() {
        let l = sample();
        // At day 100: OLD's layer (day 0) is 100 days old; A keeps 3 units of the day-6
        // receipt (94 days; the write-off took the oldest) and the 1 returned on day 8 (92
        // days): all 9 units are in 91-180.
        let b = aging(&l, None, 100 * DAY, &DEFAULT_AGING_BOUNDS).unwrap();
        let labels: Vec<_> = b.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, vec!["0-30", "31-60", "61-90", "91-180", "180+"]);
        let total_q: Decimal = b.iter().map(|x| x.quantity).sum();
        let total_v: Decimal = b.iter().map(|x| x.value).sum();
        assert_eq!(total_q, d("9"));
        assert_eq!(total_v, l.total_value().unwrap());
        assert_eq!(b[3].quantity, d("9"));
        // At day 30 exactly 30 days old stock is in 0-30; 31 days is 31-60.
        let b = aging(&l, Some("OLD"), 30 * DAY, &DEFAULT_AGING_BOUNDS).unwrap();
        assert_eq!(b[0].quantity, d("5"));
        let b = aging(&l, Some("OLD"), 31 * DAY, &DEFAULT_AGING_BOUNDS).unwrap();
        assert_eq!(b[1].quantity, d("5"));
        assert!(aging(&l, None, 0, &[30, 30]).is_err());
    }

    #[test]
    fn dead_slow_and_over() {
        let l = sample();
        // At day 40 with 30 days: OLD never sold and was stocked on day 0 → dead; A sold on day 8
        // (32 days ago) → dead too.
        let dead = dead_stock(&l, 40 * DAY, 30).unwrap();
        let names: Vec<_> = dead.iter().map(|x| x.sku.as_str()).collect();
        assert_eq!(names, vec!["OLD", "A"]); // 20.00 before 10.00
        assert_eq!(dead[0].value, d("20.00"));
        // At day 10 with 30 days: nothing is dead (A sold, OLD held only 10 days).
        assert!(dead_stock(&l, 10 * DAY, 30).unwrap().is_empty());
        // A over the 10 days up to day 10: 12 sold → 1.2/day; 4 on hand → 3.33 days of supply.
        let slow = slow_movers(&l, 10 * DAY, 10, 3.0).unwrap();
        assert_eq!(slow.len(), 1);
        assert!((slow[0].days_of_supply.unwrap() - 4.0 / 1.2).abs() < 1e-12);
        assert!(slow_movers(&l, 10 * DAY, 10, 4.0).unwrap().is_empty());
        // Overstock with 2 days of cover: A holds 4 − 2.4 = 1.6 excess (value 10 × 1.6/4 = 4.00);
        // OLD sold nothing: all 5 units (20.00) are excess.
        let over = overstock(&l, 10 * DAY, 10, 2.0).unwrap();
        assert_eq!(over[0].sku, "OLD");
        assert_eq!(over[0].excess_value, d("20.00"));
        assert!((over[1].excess_units - 1.6).abs() < 1e-12);
        assert_eq!(over[1].excess_value, d("4.00"));
        assert!(overstock(&l, 10 * DAY, 0, 2.0).is_err());
    }

    /// Stockout and observed days by walking the window day by day (the definition, written
    /// independently of `activity`): a day is observed from the day of the SKU's first
    /// movement on, and is a stockout day when the sellable units of the movements before
    /// the day's end (or the window's end) are ≤ 0. Only receipts, shipments and
    /// adjustments of sellable stock are posted, so a movement's sellable change is its
    /// outcome's quantity.
    fn brute_force_days(l: &Ledger, sku: &str, from: i64, to: i64) -> (u64, u64) {
        let h = l.history(sku).unwrap();
        let Some(first) = h.first().map(|e| e.movement.time).filter(|&t| t < to) else {
            return (0, 0);
        };
        let (mut stockouts, mut observed) = (0, 0);
        for day in from.div_euclid(DAY)..=(to - 1).div_euclid(DAY) {
            if day < first.div_euclid(DAY) {
                continue;
            }
            let end = ((day + 1) * DAY).min(to);
            let closing: Decimal = h
                .iter()
                .filter(|e| e.movement.time < end)
                .map(|e| e.outcome.quantity)
                .sum();
            observed += 1;
            if closing <= Decimal::ZERO {
                stockouts += 1;
            }
        }
        (stockouts, observed)
    }

    #[test]
    fn stockout_days_equal_a_day_by_day_walk_on_random_windows() {
        let mut rng = crate::stats::SplitMix64(0x5106_0D4F);
        let mut below = |n: u64| rng.next_u64() % n;
        for round in 0..60 {
            let mut l =
                Ledger::with_config(crate::LedgerConfig::new().allow_negative(true)).unwrap();
            let mut t = below(5 * DAY as u64) as i64;
            for _ in 0..1 + below(12) {
                let q = Decimal::from(1 + below(6));
                let m = match below(4) {
                    0 | 1 => Movement::receive("A", "W", q, d("1.00"), t),
                    2 => Movement::ship("A", "W", q, t),
                    _ => Movement::adjust("A", "W", -q, AdjustReason::Damage, t),
                };
                l.post(m).unwrap();
                // Several movements a day now and then, gaps of up to 4 days.
                t += below(4 * DAY as u64) as i64;
            }
            for _ in 0..10 {
                let from = below(40 * DAY as u64) as i64 - 5 * DAY;
                let to = from + 1 + below(30 * DAY as u64) as i64;
                let a = activity(&l, "A", from, to).unwrap();
                let want = brute_force_days(&l, "A", from, to);
                assert_eq!(
                    (a.stockout_days, a.days_observed),
                    want,
                    "round {round}, window [{from}, {to})"
                );
            }
        }
    }

    #[test]
    fn a_window_of_millions_of_years_costs_what_its_movements_cost() {
        // Found by review: the stockout days were judged one day at a time, so a window of
        // 10^15 seconds took 20 s (2^62: hours) while the ledger was locked, and the 32-bit
        // day counters wrapped beyond 2^32 days.
        let l = sample();
        let start = std::time::Instant::now();
        let to = 1_000_000_000_000_000; // 10^15 s: 11,574,074,074 days
        let a = activity(&l, "A", 0, to).unwrap();
        // Observed from day 0 to the window's last day; out of stock on days 4 and 5 and,
        // after the last movement (day 9, 4 units left), never again.
        let days = ((to - 1) / DAY + 1) as u64;
        assert_eq!(days, 11_574_074_075);
        assert_eq!((a.stockout_days, a.days_observed), (2, days));
        let a = activity(&l, "A", 0, 1 << 62).unwrap();
        assert_eq!(a.days_observed, ((1u64 << 62) - 1) / DAY as u64 + 1);
        // A SKU that stocks out and stays out: every day of the window after day 10.
        let mut m = Ledger::new();
        m.post(Movement::receive("B", "W", d("1"), d("1"), 0))
            .unwrap();
        m.post(Movement::ship("B", "W", d("1"), 10 * DAY)).unwrap();
        let b = activity(&m, "B", 0, to).unwrap();
        assert_eq!((b.stockout_days, b.days_observed), (days - 10, days));
        assert!(slow_movers(&l, to, u32::MAX, 0.0).is_ok());
        assert!(overstock(&l, i64::MAX, u32::MAX, 0.0).is_ok());
        assert!(crate::classify::abc_from_ledger(
            &l,
            0,
            i64::MAX,
            crate::classify::AbcMeasure::Units,
            Default::default()
        )
        .is_ok());
        // All of it in well under a second (the day walk took minutes here).
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn extreme_quantities_and_times_give_results_or_errors_not_panics() {
        // Found by review: the units available to sell overflowed (5e28 + 5e28), and
        // window and age arithmetic overflowed at the ends of the timestamp range.
        let big = d("50000000000000000000000000000");
        let mut l = Ledger::new();
        l.post(Movement::receive("A", "W", big, Decimal::ZERO, 0))
            .unwrap();
        l.post(Movement::ship("A", "W", big, 10)).unwrap();
        l.post(Movement::receive("A", "W", big, Decimal::ZERO, 20))
            .unwrap();
        // 5e28 open, 5e28 received, 5e28 sold: half of the 1e29 units available sold.
        let a = activity(&l, "A", 5, 100).unwrap();
        assert_eq!(
            (a.opening_units, a.units_received, a.units_sold),
            (big, big, big)
        );
        assert_eq!(a.sell_through, Some(0.5));
        let a = activity(&l, "A", 15, 100).unwrap(); // nothing opening, nothing sold
        assert_eq!(a.sell_through, Some(0.0));
        let b = d("40000000000000000000000000000");
        let mut m = Ledger::new();
        m.post(Movement::receive("A", "W", b, Decimal::ZERO, 0))
            .unwrap();
        m.post(Movement::receive("A", "V", b, Decimal::ZERO, 20))
            .unwrap();
        // 8e28 units on hand across two locations leave the decimal range: an error.
        let e = activity(&m, "A", 5, 100).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Overflow, "{e}");
        assert!(crate::classify::abc_from_ledger(
            &l,
            5,
            100,
            crate::classify::AbcMeasure::Units,
            Default::default()
        )
        .is_ok());
        let err = activity(&l, "A", i64::MIN, i64::MAX).unwrap_err();
        assert!(err.to_string().contains("longer than"), "{err}");
        assert!(dead_stock(&l, i64::MIN, 1).unwrap().is_empty());
        assert!(dead_stock(&l, i64::MAX, 1).is_ok());
        assert!(overstock(&l, i64::MAX, 1, 0.0).is_ok());
        assert!(slow_movers(&l, i64::MIN, 1, 0.0).is_ok());
        assert!(aging(&l, None, 0, &[u32::MAX]).is_err());
        assert!(aging(&l, None, i64::MAX, &[1, u32::MAX - 1]).is_ok());
        assert!(aging(&l, None, i64::MIN, &[1]).is_ok());
    }
}
