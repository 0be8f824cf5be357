//! The planning run and the acceptance of its suggestions.

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::{
    AcceptedOrder, Alert, AlertKind, CutLine, CutReason, DemandForecast, OrderQuantityRule, Plan,
    PlanItem, PlanRequest, Policy, PolicySettings, Reason, SkuClass, SuggestedLine,
    SuggestedTransfer, SupplierSuggestion,
};
use crate::classify::{self, AbcMeasure, AbcThresholds, XyzThresholds};
use crate::costing;
use crate::error::{PolicyError, Result};
use crate::hash::FxHashMap;
use crate::ledger::Ledger;
use crate::parallel::{check_threads, run_workers, spawn_failed};
use crate::policy::{self, DiscountKind, HoldingCost};
use crate::purchasing::{
    NewLine, PurchaseEvent, PurchaseEventKind, PurchaseOutcome, Supplier, SupplierItem, MAX_AMOUNT,
};
use crate::stats;
use crate::time::{day_of, Period, Timestamp, MAX_TIMESTAMP, MIN_TIMESTAMP, SECONDS_PER_DAY};

/// The longest horizon, review period or lead time a run handles, in days (ten years).
pub const MAX_PLAN_DAYS: u32 = 3660;

/// The most threads a planning run uses: the engine's one limit,
/// [`crate::parallel::MAX_THREADS`].
pub const MAX_PLAN_THREADS: usize = crate::parallel::MAX_THREADS;

pub(super) fn invalid(message: String) -> crate::Error {
    PolicyError::InvalidInput { message }.into()
}

fn check_settings(s: &PolicySettings, whose: &str) -> Result<()> {
    let ok = |v: f64, lo_open: f64, hi_open: f64| v.is_finite() && v > lo_open && v < hi_open;
    if !ok(s.service_level, 0.0, 1.0) {
        return Err(invalid(format!(
            "{whose}: service level {} is not strictly between 0 and 1",
            s.service_level
        )));
    }
    if !(s.order_cost.is_finite() && s.order_cost >= 0.0) {
        return Err(invalid(format!(
            "{whose}: order cost {} is not a finite amount ≥ 0",
            s.order_cost
        )));
    }
    if !ok(s.holding_rate, 0.0, f64::INFINITY) {
        return Err(invalid(format!(
            "{whose}: holding rate {} is not a finite rate > 0",
            s.holding_rate
        )));
    }
    if s.policy.review_days() > MAX_PLAN_DAYS {
        return Err(invalid(format!(
            "{whose}: review period of {} days is above {MAX_PLAN_DAYS}",
            s.policy.review_days()
        )));
    }
    match s.policy {
        Policy::ReorderPoint {
            quantity: OrderQuantityRule::Fixed(q),
        } if q <= Decimal::ZERO => Err(invalid(format!(
            "{whose}: fixed order quantity {q} is not above 0"
        ))),
        Policy::MinMax { min, max } => {
            if min.is_some_and(|m| m < Decimal::ZERO) || max.is_some_and(|m| m < Decimal::ZERO) {
                return Err(invalid(format!("{whose}: a negative min or max")));
            }
            if let (Some(lo), Some(hi)) = (min, max) {
                if hi < lo {
                    return Err(invalid(format!("{whose}: max {hi} is below min {lo}")));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn check_request(r: &PlanRequest) -> Result<()> {
    if !(MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&r.as_of) {
        return Err(invalid(format!("as_of {} is out of range", r.as_of)));
    }
    if r.horizon_days == 0 || r.horizon_days > MAX_PLAN_DAYS {
        return Err(invalid(format!(
            "horizon of {} days is not between 1 and {MAX_PLAN_DAYS}",
            r.horizon_days
        )));
    }
    check_threads(r.threads).map_err(invalid)?;
    if !(r.overstock_days.is_finite() && r.overstock_days > 0.0) {
        return Err(invalid(format!(
            "overstock threshold {} days is not a finite number > 0",
            r.overstock_days
        )));
    }
    if r.dead_stock_days == Some(0) || r.dead_stock_days.is_some_and(|d| d > MAX_PLAN_DAYS) {
        return Err(invalid(format!(
            "a dead stock look-back of {:?} days is not between 1 and {MAX_PLAN_DAYS}",
            r.dead_stock_days
        )));
    }
    if let Some(t) = r.transfer_days {
        if !(t.is_finite() && t >= 0.0 && t <= f64::from(MAX_PLAN_DAYS)) {
            return Err(invalid(format!(
                "transfer lead time {t} days is not between 0 and {MAX_PLAN_DAYS}"
            )));
        }
    }
    let amounts = r
        .budget
        .iter()
        .chain(&r.max_order_value)
        .chain(r.supplier_budgets.iter().map(|x| &x.1))
        .chain(r.capacity.iter().map(|x| &x.1))
        .chain(r.margins.iter().map(|x| &x.1));
    for a in amounts {
        if *a < Decimal::ZERO {
            return Err(invalid(format!(
                "a budget, order value, capacity or margin of {a} is negative"
            )));
        }
    }
    check_settings(&r.default_policy, "the default policy")?;
    for a in &r.policies {
        if a.sku.is_empty() || a.location.as_deref() == Some("") {
            return Err(invalid("a policy assignment with an empty name".into()));
        }
        check_settings(&a.settings, &format!("the policy of {}", a.sku))?;
    }
    // (Two forecasts for one pair are found when the forecasts are sorted.)
    for f in &r.demand {
        if f.sku.is_empty() || f.location.is_empty() {
            return Err(invalid("a forecast with an empty SKU or location".into()));
        }
        check_days(&f.daily, f.daily_std, || {
            format!("the forecast of {} at {}", f.sku, f.location)
        })?;
    }
    for f in &r.pooled {
        f.check()?;
    }
    if r.pooled_lookback_days == 0 || r.pooled_lookback_days > MAX_PLAN_DAYS {
        return Err(invalid(format!(
            "a pooled forecasts' look-back of {} days is not between 1 and {MAX_PLAN_DAYS}",
            r.pooled_lookback_days
        )));
    }
    Ok(())
}

/// A forecast's days are finite and ≥ 0, and so is its daily deviation (`whose` names it).
pub(super) fn check_days(daily: &[f64], daily_std: f64, whose: impl Fn() -> String) -> Result<()> {
    // One pass that vectorizes; the culprit is looked for only on failure.
    if !daily
        .iter()
        .fold(true, |ok, x| ok & (x.is_finite() & (*x >= 0.0)))
    {
        let x = daily
            .iter()
            .find(|x| !(x.is_finite() && **x >= 0.0))
            .copied()
            .unwrap_or(f64::NAN);
        return Err(invalid(format!(
            "{} has a day of {x} (expected a finite number ≥ 0)",
            whose()
        )));
    }
    if !(daily_std.is_finite() && daily_std >= 0.0) {
        return Err(invalid(format!(
            "{} has a daily deviation of {daily_std}",
            whose()
        )));
    }
    Ok(())
}

/// Expected demand over the first `days` days (fractional: the last day in proportion;
/// beyond the forecast's end its last day repeats).
pub(crate) fn demand_over(daily: &[f64], days: f64) -> f64 {
    if days <= 0.0 || daily.is_empty() {
        return 0.0;
    }
    let last = daily[daily.len() - 1];
    let whole = days.floor();
    let n = (whole as usize).min(daily.len());
    let mut sum: f64 = daily[..n].iter().sum();
    sum += (whole - n as f64) * last;
    let frac = days - whole;
    if frac > 0.0 {
        sum += frac * daily.get(whole as usize).copied().unwrap_or(last);
    }
    sum
}

/// Mean and deviation of demand over `p` days with lead-time deviation `sl`.
fn over_interval(daily: &[f64], sd: f64, p: f64, sl: f64) -> (f64, f64) {
    let mean = demand_over(daily, p);
    let d = if p > 0.0 { mean / p } else { 0.0 };
    (mean, (p * sd * sd + d * d * sl * sl).sqrt())
}

fn to_decimal(x: f64) -> Decimal {
    Decimal::try_from(x).unwrap_or_default()
}

/// `x` as a decimal quantity of at most [`MAX_AMOUNT`] units, else a clear error naming
/// `what` (a plan never suggests what purchasing would refuse, nor wraps to 0).
fn units(x: f64, what: &str) -> Result<Decimal> {
    if !(x.is_finite() && x.abs() <= MAX_AMOUNT_F64) {
        return Err(invalid(format!(
            "{what}: {x} units is beyond what the plan can order (at most 10^15)"
        )));
    }
    Decimal::try_from(x).map_err(|_| invalid(format!("{what}: {x} units cannot be written")))
}

/// [`MAX_AMOUNT`] as a float.
const MAX_AMOUNT_F64: f64 = 1e15;

/// The smallest multiple of `pack` (whole units without one) at or above `q` and at
/// least the item's floor (its MOQ and first price break, rounded up to the pack).
fn round_up(q: f64, item: &SupplierItem, what: &str) -> Result<Decimal> {
    let pack = item.pack_size.unwrap_or(Decimal::ONE);
    let n = (q / pack.to_f64().unwrap_or(1.0)).ceil().max(0.0);
    let q = units(n, what)?
        .checked_mul(pack)
        .filter(|q| *q <= MAX_AMOUNT)
        .ok_or_else(|| invalid(format!("{what}: more than 10^15 units")))?;
    Ok(q.max(least(item)))
}

/// The least an order line may be: the MOQ and the first all-units break, rounded up to
/// the pack size.
fn least(item: &SupplierItem) -> Decimal {
    let pack = item.pack_size.unwrap_or(Decimal::ONE);
    (item.min_order_quantity.max(first_break(item)) / pack).ceil() * pack
}

fn first_break(item: &SupplierItem) -> Decimal {
    match item.discount {
        DiscountKind::AllUnits => item
            .prices
            .first()
            .map_or(Decimal::ZERO, |b| b.min_quantity),
        DiscountKind::Incremental => Decimal::ZERO,
    }
}

/// `Q` for an item: fixed, or the EOQ under its price breaks rounded to its pack and MOQ.
fn order_quantity(
    rule: OrderQuantityRule,
    settings: &PolicySettings,
    annual: f64,
    item: &SupplierItem,
) -> Result<Option<Decimal>> {
    if let OrderQuantityRule::Fixed(q) = rule {
        // Rounded up to the pack and MOQ, as the supplier takes it.
        let pack = item.pack_size.unwrap_or(Decimal::ONE);
        return Ok(Some(((q / pack).ceil() * pack).max(least(item))));
    }
    if annual <= 0.0 {
        return Ok(None);
    }
    let breaks: Vec<policy::PriceBreak> = item
        .prices
        .iter()
        .map(|b| policy::PriceBreak {
            min_quantity: b.min_quantity.to_f64().unwrap_or(0.0),
            unit_price: b.unit_price.to_f64().unwrap_or(0.0),
        })
        .collect();
    let best = policy::eoq_discount(
        annual,
        settings.order_cost,
        HoldingCost::Rate(settings.holding_rate),
        &breaks,
        item.discount,
    )?;
    // To the pack: the multiple just below or just above (at least the least line), each
    // costed with the true price schedule (a multiple below the chosen break pays the
    // higher price); ties to the smaller.
    let pack = item.pack_size.unwrap_or(Decimal::ONE);
    let pack_f = pack.to_f64().unwrap_or(1.0);
    let least_f = least(item).to_f64().unwrap_or(0.0).max(pack_f);
    let what = "the order quantity";
    let cost = |q: f64| -> Result<f64> {
        let price = item.price_for(units(q, what)?)?.to_f64().unwrap_or(0.0);
        Ok(annual * price
            + annual / q * settings.order_cost
            + settings.holding_rate * price * q / 2.0)
    };
    let down = ((best.quantity / pack_f).floor() * pack_f).max(least_f);
    let up = ((best.quantity / pack_f).ceil() * pack_f).max(least_f);
    let (c_down, c_up) = (cost(down)?, cost(up)?);
    let chosen = if c_down <= c_up + 1e-12 * c_up.abs() {
        down
    } else {
        up
    };
    let n = units((chosen / pack_f).round(), what)?;
    let q = n
        .checked_mul(pack)
        .filter(|q| *q <= MAX_AMOUNT)
        .ok_or_else(|| invalid(format!("{what}: more than 10^15 units")))?;
    Ok(Some(q))
}

fn day_start(day: i64) -> Timestamp {
    day.saturating_mul(SECONDS_PER_DAY)
}

/// `f` over `items` on up to `threads` threads, in order; the first error (in input
/// order) wins.
fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let threads = threads.min(items.len()).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let parts: Vec<&[T]> = items.chunks(chunk).collect();
    let parts = run_workers(parts.len(), "inventory-plan", |i| {
        parts[i].iter().map(&f).collect::<Result<Vec<R>>>()
    })
    .map_err(|e| spawn_failed("planning", &e))?;
    let mut out = Vec::with_capacity(items.len());
    for p in parts {
        out.extend(p?);
    }
    Ok(out)
}

/// Units arriving by (SKU, location): (day index, units).
type Arriving<'a> = FxHashMap<(&'a str, &'a str), Vec<(usize, f64)>>;

/// What every SKU × location of a run shares.
struct Context<'a, 'b> {
    r: &'a PlanRequest,
    sources: &'b FxHashMap<&'a str, (&'a Supplier, &'a SupplierItem)>,
    arriving: &'b Arriving<'b>,
    samples: &'b FxHashMap<(u32, u32), Vec<f64>>,
    settings_of: &'b (dyn Fn(&str, &str) -> (PolicySettings, f64) + Sync),
}

/// A SKU × location being planned.
struct Work<'a> {
    item: PlanItem,
    /// The supplier's item bought from.
    source: Option<&'a SupplierItem>,
    /// Mean and deviation of demand over the lead time.
    lead: (f64, f64),
    /// Units the plan's transfers bring (+) or take (−).
    moved: Decimal,
}

impl Work<'_> {
    fn buys(&self) -> bool {
        !matches!(self.item.policy, Policy::Manual | Policy::Dropship)
    }
}

/// Phase 2: transfers between the locations of each SKU (see the module documentation).
fn transfers(works: &mut [Work<'_>], as_of: Timestamp, days: f64) -> Vec<SuggestedTransfer> {
    let arrives = as_of
        .saturating_add((days * SECONDS_PER_DAY as f64).round() as i64)
        .min(MAX_TIMESTAMP);
    let mut out = Vec::new();
    let mut start = 0;
    while start < works.len() {
        let mut end = start + 1;
        while end < works.len() && works[end].item.sku == works[start].item.sku {
            end += 1;
        }
        let group = &mut works[start..end];
        start = end;
        if group.len() < 2 {
            continue;
        }
        // Short: runs out before a purchase could arrive; needs up to its reorder point.
        let mut short: Vec<(usize, Decimal)> = group
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                // A purchase arrives after the lead time (never without a supplier): a
                // transfer helps when it is quicker and the stock runs out before that.
                let purchase = if w.source.is_some() {
                    w.item.lead_time_days
                } else {
                    f64::INFINITY
                };
                w.buys() && days < purchase && f64::from(w.item.days_of_cover) < purchase
            })
            .filter_map(|(i, w)| {
                let need = (to_decimal(w.item.reorder_point) - w.item.position).ceil();
                (need > Decimal::ZERO).then_some((i, need))
            })
            .collect();
        short.sort_by_key(|&(i, _)| (group[i].item.days_of_cover, i));
        // Spare: available stock above its own reorder point, in whole units.
        let mut spare: Vec<(usize, Decimal)> = group
            .iter()
            .enumerate()
            .filter(|(_, w)| w.buys())
            .filter_map(|(i, w)| {
                let available = w.item.available.to_f64().unwrap_or(0.0);
                let give = (available - w.item.reorder_point.max(0.0)).floor();
                (give >= 1.0).then(|| (i, to_decimal(give)))
            })
            .collect();
        spare.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (to, mut need) in short {
            for (from, give) in spare.iter_mut() {
                if need <= Decimal::ZERO {
                    break;
                }
                let q = need.min(*give);
                if q <= Decimal::ZERO || *from == to {
                    continue;
                }
                *give -= q;
                need -= q;
                group[*from].moved -= q;
                group[to].moved += q;
                out.push(SuggestedTransfer {
                    sku: group[to].item.sku.clone(),
                    from: group[*from].item.location.clone(),
                    to: group[to].item.location.clone(),
                    quantity: q,
                    arrives,
                });
            }
        }
    }
    out
}

/// The alerts of one SKU × location, from its state before the plan.
fn item_alerts(w: &Work<'_>, r: &PlanRequest) -> Vec<Alert> {
    let it = &w.item;
    let mut out = Vec::new();
    if matches!(it.policy, Policy::Dropship) {
        return out;
    }
    let alert = |kind: AlertKind, day: Option<Timestamp>, message: String| Alert {
        kind,
        sku: it.sku.clone(),
        location: it.location.clone(),
        day,
        message,
    };
    let lt = it.lead_time_days;
    let pos_f = it.position.to_f64().unwrap_or(0.0);
    if it.available < Decimal::ZERO {
        out.push(alert(
            AlertKind::NegativeAvailable,
            None,
            format!("{} units backordered", -it.available),
        ));
    }
    if it.stockout_day.is_some() && f64::from(it.days_of_cover) < lt {
        out.push(alert(
            AlertKind::StockoutWithinLeadTime,
            it.stockout_day,
            format!(
                "runs out in {} days, before an order placed now arrives ({lt:.1} days)",
                it.days_of_cover
            ),
        ));
    }
    let has_s = matches!(
        it.policy,
        Policy::ReorderPoint { .. }
            | Policy::MinMax { .. }
            | Policy::PeriodicMinMax { .. }
            | Policy::Manual
    );
    let s = it.reorder_point;
    if has_s && pos_f <= s && (s > 0.0 || pos_f < 0.0) {
        out.push(alert(
            AlertKind::BelowReorderPoint,
            None,
            format!(
                "position {} at or below the reorder point {s:.1}",
                it.position
            ),
        ));
    }
    if w.source.is_none() && w.buys() {
        out.push(alert(
            AlertKind::NoSupplier,
            None,
            "no supplier sells it".into(),
        ));
    }
    let daily = it.mean_daily_demand;
    let over = if daily > 0.0 {
        pos_f / daily > r.overstock_days
    } else {
        pos_f > 0.0
    };
    if over {
        out.push(alert(
            AlertKind::Overstock,
            None,
            if daily > 0.0 {
                format!("{:.0} days of cover", pos_f / daily)
            } else {
                format!("{} units and no forecast demand", it.position)
            },
        ));
    }
    out
}

/// Every SKU's ABC class by consumption value (COGS) and XYZ class by weekly demand over
/// `[from, to)`, with the default thresholds, for [`PlanRequest::class_policies`].
///
/// # Errors
/// As [`crate::classify::abc_from_ledger`] and [`crate::classify::xyz_from_ledger`].
pub fn classes_from_ledger(
    ledger: &Ledger,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<SkuClass>> {
    let abc = classify::abc_from_ledger(
        ledger,
        from,
        to,
        AbcMeasure::ConsumptionValue,
        AbcThresholds::default(),
    )?;
    let xyz = classify::xyz_from_ledger(ledger, from, to, Period::Week, XyzThresholds::default())?;
    Ok(abc
        .into_iter()
        .zip(xyz)
        .map(|((sku, a), (_, x))| SkuClass {
            sku,
            abc: a.class,
            xyz: x.class,
        })
        .collect())
}

impl Ledger {
    /// A planning run: projected stock, suggested purchase orders by supplier and alerts
    /// for every SKU × location of the request's forecasts. Reads the ledger only. See the
    /// [module documentation](crate::replenish) for the rules.
    ///
    /// ```
    /// use inventory_core::purchasing::{PaymentTerms, Supplier, SupplierItem};
    /// use inventory_core::replenish::{DemandForecast, PlanRequest, Reason};
    /// use inventory_core::{Decimal, Ledger, Movement};
    ///
    /// let d = |s: &str| s.parse::<Decimal>().unwrap();
    /// let mut ledger = Ledger::new();
    /// ledger.post(Movement::receive("MUG", "WH", d("30"), d("3.50"), 0)).unwrap();
    /// let acme = Supplier::new("ACME", "Acme", PaymentTerms::net(30))
    ///     .item(SupplierItem::new("MUG", d("4.00"), 10.0).pack_size(d("12")));
    /// ledger.set_supplier(acme, 0).unwrap();
    /// // 5 a day, σ 2: over the 10-day lead time 50 ± 6.3; the reorder point at 95 % is
    /// // 50 + 1.645 × 6.32 = 60.4, and 30 on hand is below it.
    /// let plan = ledger
    ///     .plan(&PlanRequest::new(86_400, vec![DemandForecast::flat("MUG", "WH", 5.0, 2.0, 90)]))
    ///     .unwrap();
    /// let line = &plan.orders[0].lines[0];
    /// assert_eq!((plan.orders[0].supplier.as_str(), line.reason), ("ACME", Reason::BelowReorderPoint));
    /// assert!((plan.items[0].reorder_point - 60.40).abs() < 0.01);
    /// assert_eq!(line.quantity % d("12"), d("0"));     // whole packs
    /// ```
    ///
    /// # Errors
    /// [`PolicyError::InvalidInput`] for a bad request (a horizon of 0 or above
    /// [`MAX_PLAN_DAYS`], a service level outside (0, 1), a negative or non-finite
    /// forecast, two forecasts for one pair, ...); [`PolicyError`] from the EOQ;
    /// [`crate::LedgerError::Overflow`] if a line's value leaves the decimal range.
    pub fn plan(&self, request: &PlanRequest) -> Result<Plan> {
        check_request(request)?;
        let expanded;
        let r = if request.pooled.is_empty() && request.kit_demand.is_empty() {
            request
        } else {
            let mut demand = request.demand.clone();
            demand.extend(self.split_forecast(
                &request.pooled,
                request.as_of,
                request.pooled_lookback_days,
                &[],
            )?);
            let demand = self.with_kit_demand(demand, &request.kit_demand, request.as_of)?;
            expanded = PlanRequest {
                demand,
                pooled: Vec::new(),
                kit_demand: Vec::new(),
                ..request.clone()
            };
            &expanded
        };
        let schedule = self.incoming_schedule(Period::Day, None, None);
        let mut works = self.plan_items(r, &schedule)?;
        let transfers = match r.transfer_days {
            Some(days) => transfers(&mut works, r.as_of, days),
            None => Vec::new(),
        };
        let margins: FxHashMap<&str, Decimal> =
            r.margins.iter().map(|(k, m)| (k.as_str(), *m)).collect();
        let per_item = par_map(&works, r.threads, |w| {
            Ok((item_alerts(w, r), self.suggest(w, r, &margins)?))
        })?;
        let mut alerts = Vec::with_capacity(works.len());
        let mut lines = Vec::with_capacity(works.len());
        for (a, l) in per_item {
            alerts.extend(a);
            lines.extend(l);
        }
        if let Some(days) = r.dead_stock_days {
            let mut dead = crate::metrics::dead_stock(self, r.as_of, days)?;
            dead.sort_by(|a, b| a.sku.cmp(&b.sku));
            for d in dead {
                alerts.push(Alert {
                    kind: AlertKind::DeadStock,
                    sku: d.sku,
                    location: String::new(),
                    day: d.last_sale,
                    message: format!(
                        "{} units worth {} and no sale in {days} days",
                        d.quantity, d.value
                    ),
                });
            }
            let mut slow = crate::metrics::slow_movers(self, r.as_of, days, r.overstock_days)?;
            slow.sort_by(|a, b| a.sku.cmp(&b.sku));
            for c in slow {
                alerts.push(Alert {
                    kind: AlertKind::SlowStock,
                    sku: c.sku,
                    location: String::new(),
                    day: None,
                    message: format!(
                        "{} units on hand, {:.0} days of supply at the last {days} days' sales",
                        c.on_hand,
                        c.days_of_supply.unwrap_or(f64::INFINITY)
                    ),
                });
            }
        }
        let mut overdue = Vec::new();
        for o in self.overdue_lines(r.as_of) {
            overdue.push(Alert {
                kind: AlertKind::OverdueLine,
                sku: o.sku,
                location: o.location,
                day: Some(o.expected),
                message: format!(
                    "{} line {} from {}: {} units {} days late",
                    o.order, o.line, o.supplier, o.open, o.days_late
                ),
            });
        }
        // By kind, then SKU, location and day. The items' alerts are already by SKU and
        // location (one of a kind per item), and the dead and slow ones by SKU, so a stable
        // sort by kind finishes them once the overdue lines are in that order too.
        overdue.sort_by(|a, b| (&a.sku, &a.location, a.day).cmp(&(&b.sku, &b.location, b.day)));
        alerts.extend(overdue);
        alerts.sort_by_key(|a| a.kind);
        // What the plan's transfers bring to (or take from) each location.
        let mut moved: FxHashMap<&str, Decimal> = FxHashMap::default();
        for w in &works {
            *moved.entry(w.item.location.as_str()).or_default() += w.moved;
        }
        let (orders, cut) = self.constrain(lines, r, &moved)?;
        Ok(Plan {
            as_of: r.as_of,
            items: works.into_iter().map(|w| w.item).collect(),
            transfers,
            orders,
            cut,
            alerts,
        })
    }

    /// Phase 1: the numbers of every SKU × location, sorted by SKU then location.
    fn plan_items<'a>(
        &'a self,
        r: &'a PlanRequest,
        schedule: &[crate::purchasing::IncomingBucket],
    ) -> Result<Vec<Work<'a>>> {
        let horizon = r.horizon_days as usize;
        let today = day_of(r.as_of);
        // Incoming by (SKU, location) and day index, from one pass over open lines.
        let mut arriving: Arriving<'_> = FxHashMap::default();
        for b in schedule {
            let k = (day_of(b.start) - today).max(0);
            if (k as usize) < horizon {
                arriving
                    .entry((b.sku.as_str(), b.location.as_str()))
                    .or_default()
                    .push((k as usize, b.quantity.to_f64().unwrap_or(0.0)));
            }
        }
        // The most specific assignment wins; of two for the same key, the later.
        // With each its safety factor z = Φ⁻¹(α), computed once.
        let with_z = |s: PolicySettings| (s, stats::inv_cdf(s.service_level));
        let mut assigned: FxHashMap<(&str, Option<&str>), (PolicySettings, f64)> =
            FxHashMap::default();
        for a in &r.policies {
            assigned.insert((a.sku.as_str(), a.location.as_deref()), with_z(a.settings));
        }
        let default = with_z(r.default_policy);
        let settings_of = |sku: &str, loc: &str| -> (PolicySettings, f64) {
            assigned
                .get(&(sku, Some(loc)))
                .or_else(|| assigned.get(&(sku, None)))
                .copied()
                .unwrap_or(default)
        };
        let mut forecasts: Vec<&DemandForecast> = r.demand.iter().collect();
        fn key<'f>(f: &&'f DemandForecast) -> (&'f str, &'f str) {
            (f.sku.as_str(), f.location.as_str())
        }
        if !forecasts.is_sorted_by(|a, b| key(a) < key(b)) {
            forecasts.sort_by(|a, b| key(a).cmp(&key(b)));
            if let Some(w) = forecasts.windows(2).find(|w| key(&w[0]) == key(&w[1])) {
                return Err(invalid(format!(
                    "two forecasts for {} at {}",
                    w[0].sku, w[0].location
                )));
            }
        }
        let samples = self.lead_time_samples();
        // Each SKU's source, as `suppliers_of` would rank them: the first preferred supplier
        // (in the order suppliers were first set), else the first.
        let mut sources: FxHashMap<&str, (&Supplier, &SupplierItem)> = FxHashMap::default();
        for supplier in self.suppliers() {
            for item in &supplier.items {
                let e = sources.entry(item.sku.as_str()).or_insert((supplier, item));
                if item.preferred && !e.1.preferred {
                    *e = (supplier, item);
                }
            }
        }
        let ctx = Context {
            sources: &sources,
            r,
            arriving: &arriving,
            samples: &samples,
            settings_of: &settings_of,
        };
        par_map(&forecasts, r.threads, |f| self.plan_item(&ctx, f))
    }

    /// One SKU × location's numbers.
    fn plan_item<'a>(&'a self, ctx: &Context<'a, '_>, f: &DemandForecast) -> Result<Work<'a>> {
        let r = ctx.r;
        let horizon = r.horizon_days as usize;
        let today = day_of(r.as_of);
        let z05 = stats::inv_cdf(0.05);
        {
            let (settings, z) = (ctx.settings_of)(&f.sku, &f.location);
            let policy = settings.policy;
            // Unknown to the ledger: nothing on hand.
            let pos = self.position(&f.sku, Some(&f.location)).unwrap_or_default();
            let position = pos.available + pos.incoming;
            let buys = !matches!(policy, Policy::Dropship);
            let source = if buys {
                ctx.sources.get(f.sku.as_str()).copied()
            } else {
                None
            };
            let (lt, lt_sd, lt_source) = match source {
                Some((s, item)) => {
                    let samples = self
                        .purchasing_ids(&s.id, &f.sku)
                        .and_then(|k| ctx.samples.get(&k))
                        .map_or(&[][..], Vec::as_slice);
                    match crate::purchasing::lead_time_estimate(samples, Some(item)) {
                        Some(e) => (e.mean_days, e.std_days, Some(e.source)),
                        None => (0.0, 0.0, None),
                    }
                }
                None => (0.0, 0.0, None),
            };
            if lt > f64::from(MAX_PLAN_DAYS) {
                return Err(invalid(format!(
                    "the lead time of {} is {lt} days, above {MAX_PLAN_DAYS}",
                    f.sku
                )));
            }
            let review = f64::from(policy.review_days());
            let protection = lt + review;
            let (p_mean, p_sd) = over_interval(&f.daily, f.daily_std, protection, lt_sd);
            let jit = matches!(policy, Policy::JustInTime { .. });
            let safety = if jit || !buys { 0.0 } else { z * p_sd };
            let mean_daily = demand_over(&f.daily, horizon as f64) / horizon as f64;
            let annual = mean_daily * 365.0;
            let mut reorder_point = p_mean + safety;
            if let Policy::MinMax { min: Some(m), .. } = policy {
                reorder_point = m.to_f64().unwrap_or(0.0);
            }
            let mut order_up_to = None;
            let mut q = None;
            if let Some((_, item)) = source {
                match policy {
                    Policy::ReorderPoint { quantity } => {
                        q = order_quantity(quantity, &settings, annual, item)?;
                    }
                    Policy::MinMax { max, .. } => {
                        q = order_quantity(OrderQuantityRule::Eoq, &settings, annual, item)?;
                        order_up_to = match max {
                            Some(m) => Some(m.to_f64().unwrap_or(0.0)),
                            None => q.map(|q| reorder_point + q.to_f64().unwrap_or(0.0)),
                        };
                    }
                    Policy::PeriodicMinMax { .. } => {
                        q = order_quantity(OrderQuantityRule::Eoq, &settings, annual, item)?;
                        order_up_to = q.map(|q| reorder_point + q.to_f64().unwrap_or(0.0));
                    }
                    Policy::OrderUpTo { .. } | Policy::JustInTime { .. } => {
                        order_up_to = Some(reorder_point);
                    }
                    Policy::Manual | Policy::Dropship => {}
                }
            }
            // A level no order could reach (an infinite deviation, demand beyond 10^15
            // units) is refused here rather than suggested as nothing.
            for (name, level) in [
                ("reorder point", Some(reorder_point)),
                ("order-up-to level", order_up_to),
            ] {
                if let Some(x) = level.filter(|x| !(x.is_finite() && x.abs() <= MAX_AMOUNT_F64)) {
                    return Err(invalid(format!(
                        "the {name} of {} at {} is {x}: the forecast and lead time give a level beyond 10^15 units",
                        f.sku, f.location
                    )));
                }
            }
            // Projection.
            // Arrivals come by day (the schedule is sorted), merged in as the days go by.
            let arrivals = ctx
                .arriving
                .get(&(f.sku.as_str(), f.location.as_str()))
                .map_or(&[][..], Vec::as_slice);
            let step = match r.projection {
                Period::Day => 1,
                Period::Week => 7,
            };
            let mut projected = Vec::with_capacity(horizon.div_ceil(step));
            let mut level = pos.available.to_f64().unwrap_or(0.0);
            let last = f.daily.last().copied().unwrap_or(0.0);
            let days = f.daily.iter().copied().chain(std::iter::repeat(last));
            let (mut stockout, mut next) = (None, 0);
            for (k, demand) in days.take(horizon).enumerate() {
                let mut arriving = 0.0;
                while let Some(&(day, qty)) = arrivals.get(next) {
                    if day != k {
                        break;
                    }
                    arriving += qty;
                    next += 1;
                }
                level += arriving - demand;
                if stockout.is_none() && level < -1e-9 {
                    stockout = Some(k);
                }
                if step == 1 || (k + 1) % step == 0 || k + 1 == horizon {
                    projected.push(level);
                }
            }
            if pos.available < Decimal::ZERO {
                stockout = Some(0);
            }
            let (l_mean, l_sd) = over_interval(&f.daily, f.daily_std, lt, lt_sd);
            let at_lt = position.to_f64().unwrap_or(0.0) - l_mean;
            Ok(Work {
                item: PlanItem {
                    sku: f.sku.clone(),
                    location: f.location.clone(),
                    policy,
                    supplier: source.map(|(s, _)| s.id.clone()),
                    available: pos.available,
                    incoming: pos.incoming,
                    position,
                    lead_time_days: lt,
                    lead_time_std_days: lt_sd,
                    lead_time_source: lt_source,
                    protection_days: protection,
                    protection_demand: p_mean,
                    protection_std: p_sd,
                    safety_stock: safety,
                    reorder_point,
                    order_up_to,
                    order_quantity: q,
                    mean_daily_demand: mean_daily,
                    projected,
                    stockout_day: stockout.map(|k| day_start(today + k as i64)),
                    days_of_cover: stockout.map_or(r.horizon_days, |k| k as u32),
                    stock_at_lead_time: [at_lt + z05 * l_sd, at_lt, at_lt - z05 * l_sd],
                },
                source: source.map(|(_, i)| i),
                lead: (l_mean, l_sd),
                moved: Decimal::ZERO,
            })
        }
    }

    /// Phase 3: the line a SKU × location needs, at its position after the transfers.
    fn suggest(
        &self,
        w: &Work<'_>,
        r: &PlanRequest,
        margins: &FxHashMap<&str, Decimal>,
    ) -> Result<Option<(String, SuggestedLine)>> {
        let it = &w.item;
        let (Some(item), Some(supplier)) = (w.source, it.supplier.as_ref()) else {
            return Ok(None);
        };
        let position = it.position + w.moved;
        let pos_f = position.to_f64().unwrap_or(0.0);
        let s = it.reorder_point;
        let what = format!("the line for {} at {}", it.sku, it.location);
        let wanted = match it.policy {
            // At or below s, as the alert says: a reorder point of 0 still refills
            // backorders, but does not buy for a SKU with neither stock nor demand.
            Policy::ReorderPoint { .. } => match it.order_quantity {
                Some(q) if pos_f <= s && (s > 0.0 || pos_f < 0.0) => {
                    let qf = q.to_f64().unwrap_or(1.0);
                    let n = ((s - pos_f) / qf).floor() + 1.0;
                    let quantity = units(n, &what)?
                        .checked_mul(q)
                        .filter(|x| *x <= MAX_AMOUNT)
                        .ok_or_else(|| invalid(format!("{what}: more than 10^15 units")))?;
                    Some((n * qf, quantity, Reason::BelowReorderPoint))
                }
                _ => None,
            },
            Policy::MinMax { .. } | Policy::PeriodicMinMax { .. } => match it.order_up_to {
                Some(top) if pos_f <= s && top > pos_f => {
                    let reason = if matches!(it.policy, Policy::MinMax { .. }) {
                        Reason::BelowMin
                    } else {
                        Reason::PeriodicReview
                    };
                    Some((top - pos_f, round_up(top - pos_f, item, &what)?, reason))
                }
                _ => None,
            },
            Policy::OrderUpTo { .. } | Policy::JustInTime { .. } => {
                let reason = if matches!(it.policy, Policy::JustInTime { .. }) {
                    Reason::JustInTime
                } else {
                    Reason::PeriodicReview
                };
                let raw = s - pos_f;
                if raw > 1e-9 {
                    Some((raw, round_up(raw, item, &what)?, reason))
                } else {
                    None
                }
            }
            Policy::Manual | Policy::Dropship => None,
        };
        let Some((raw, quantity, reason)) = wanted else {
            return Ok(None);
        };
        let scale = self.config().money_scale;
        let unit_price = item.price_for(quantity)?;
        let extra = (quantity.to_f64().unwrap_or(0.0) - raw).max(0.0);
        let mut rounding_cost = to_decimal(extra)
            .checked_mul(unit_price)
            .ok_or(crate::error::LedgerError::Overflow {
                context: "a line's rounding cost",
            })?
            .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
        rounding_cost.rescale(scale);
        let value = costing::extended(quantity, unit_price, scale)?;
        let lead = (it.lead_time_days * SECONDS_PER_DAY as f64).round() as i64;
        // Expected units short before arrival without the order (normal loss).
        let (l_mean, l_sd) = w.lead;
        let shortage = if l_sd > 0.0 {
            l_sd * stats::loss((pos_f - l_mean) / l_sd)
        } else {
            (l_mean - pos_f).max(0.0)
        };
        let margin = margins
            .get(it.sku.as_str())
            .copied()
            .unwrap_or(unit_price)
            .to_f64()
            .unwrap_or(0.0);
        let v = value.to_f64().unwrap_or(0.0);
        Ok(Some((
            supplier.clone(),
            SuggestedLine {
                sku: it.sku.clone(),
                location: it.location.clone(),
                quantity,
                unrounded: raw,
                rounding_cost,
                unit_price,
                value,
                order_by: r.as_of,
                expected: r.as_of.saturating_add(lead).min(MAX_TIMESTAMP),
                reason,
                position,
                reorder_point: s,
                expected_shortage: shortage,
                priority: if v > 0.0 { shortage * margin / v } else { 0.0 },
            },
        )))
    }

    /// Phase 4: lines by priority through the budgets, order values and capacities; the
    /// kept ones grouped by supplier, the rest listed with why.
    fn constrain(
        &self,
        mut lines: Vec<(String, SuggestedLine)>,
        r: &PlanRequest,
        moved: &FxHashMap<&str, Decimal>,
    ) -> Result<(Vec<SupplierSuggestion>, Vec<CutLine>)> {
        lines.sort_by(|(sa, a), (sb, b)| {
            b.priority
                .total_cmp(&a.priority)
                .then_with(|| (&a.sku, &a.location, sa).cmp(&(&b.sku, &b.location, sb)))
        });
        // What each capped location holds now: on hand + incoming of every SKU.
        let mut held: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
        for (loc, cap) in &r.capacity {
            let mut total = Decimal::ZERO;
            for sku in self.skus() {
                if let Ok(p) = self.position(sku, Some(loc)) {
                    total = costing::add(total, p.on_hand + p.incoming, "a location's units")?;
                }
            }
            let moved = moved.get(loc.as_str()).copied().unwrap_or_default();
            held.insert(loc.as_str(), (total + moved, *cap));
        }
        let budgets: FxHashMap<&str, Decimal> = r
            .supplier_budgets
            .iter()
            .map(|(k, b)| (k.as_str(), *b))
            .collect();
        let mut spent = Decimal::ZERO;
        let mut by_supplier: BTreeMap<String, (Vec<SuggestedLine>, Decimal)> = BTreeMap::new();
        let mut cut = Vec::new();
        for (supplier, line) in lines {
            let so_far = by_supplier.get(&supplier).map_or(Decimal::ZERO, |x| x.1);
            let after = costing::add(so_far, line.value, "a suggested order's total")?;
            let all = costing::add(spent, line.value, "the run's spending")?;
            let cap = budgets.get(supplier.as_str()).copied();
            let room = held.get(line.location.as_str());
            let reason = if r.budget.is_some_and(|b| all > b) {
                Some(CutReason::Budget)
            } else if cap.is_some_and(|b| after > b) {
                Some(CutReason::SupplierBudget)
            } else if r.max_order_value.is_some_and(|m| after > m) {
                Some(CutReason::MaxOrderValue)
            } else if room.is_some_and(|(h, c)| *h + line.quantity > *c) {
                Some(CutReason::Capacity)
            } else {
                None
            };
            match reason {
                Some(reason) => cut.push(CutLine {
                    supplier,
                    line,
                    reason,
                }),
                None => {
                    spent = all;
                    if let Some(h) = held.get_mut(line.location.as_str()) {
                        h.0 += line.quantity;
                    }
                    let e = by_supplier.entry(supplier).or_default();
                    e.1 = after;
                    e.0.push(line);
                }
            }
        }
        let orders = by_supplier
            .into_iter()
            .map(|(supplier, (mut lines, total))| {
                lines.sort_by(|a, b| (&a.sku, &a.location).cmp(&(&b.sku, &b.location)));
                SupplierSuggestion {
                    supplier,
                    lines,
                    total,
                }
            })
            .collect();
        Ok((orders, cut))
    }

    /// Turns accepted suggestions into stock transfers and purchase orders (created and
    /// placed), all at `time` and in one transaction: everything, or (on the first error)
    /// nothing. Transfers are posted first, as [`crate::Movement::transfer`]s (the ledger
    /// moves stock at once; the plan's transfer lead time is for planning). Each order
    /// line keeps the suggestion's quantity, unit price, location and expected time; lines
    /// are numbered from 1 in the suggestion's order. The outcomes are two per order, in
    /// the orders' order: its creation, then its placing.
    ///
    /// # Errors
    /// As [`Ledger::post`] for a transfer (not enough stock any more, ...) and
    /// [`Ledger::purchase`] for an order (an id already used, a quantity the supplier no
    /// longer accepts, ...); nothing changed then.
    pub fn accept_plan(
        &mut self,
        orders: Vec<AcceptedOrder>,
        transfers: Vec<SuggestedTransfer>,
        time: Timestamp,
    ) -> Result<Vec<PurchaseOutcome>> {
        let movements = transfers
            .into_iter()
            .map(|t| crate::Movement::transfer(t.sku, t.from, t.to, t.quantity, time))
            .collect();
        let mut events = Vec::with_capacity(orders.len() * 2);
        for a in orders {
            let lines = a
                .suggestion
                .lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    NewLine::new(i as u32 + 1, l.sku, l.location, l.quantity, l.expected)
                        .unit_price(l.unit_price)
                })
                .collect();
            events.push(PurchaseEvent::new(
                PurchaseEventKind::CreateOrder {
                    order: a.order.clone(),
                    supplier: a.suggestion.supplier,
                    lines,
                },
                time,
            ));
            events.push(PurchaseEvent::new(
                PurchaseEventKind::PlaceOrder { order: a.order },
                time,
            ));
        }
        Ok(self.post_with_events(movements, events)?.1)
    }
}

impl Ledger {
    /// `demand` with the kits' and bundles' forecasts `kits` exploded into their plain
    /// components at each location (see [`PlanRequest::kit_demand`]): a component's day
    /// gains units per kit × the kit's day, its deviation `√(σ² + Σ (units per kit × σ_kit)²)`.
    fn with_kit_demand(
        &self,
        mut demand: Vec<DemandForecast>,
        kits: &[DemandForecast],
        as_of: Timestamp,
    ) -> Result<Vec<DemandForecast>> {
        for (i, k) in kits.iter().enumerate() {
            if k.sku.is_empty() || k.location.is_empty() {
                return Err(invalid(
                    "a kit forecast with an empty kit or location".into(),
                ));
            }
            if kits[..i]
                .iter()
                .any(|x| x.sku == k.sku && x.location == k.location)
            {
                return Err(invalid(format!(
                    "two kit forecasts for {} at {}",
                    k.sku, k.location
                )));
            }
            check_days(&k.daily, k.daily_std, || {
                format!("the kit forecast of {} at {}", k.sku, k.location)
            })?;
            let parts = self.kit_book().explode(&k.sku, Decimal::ONE, as_of, true)?;
            for (sku, per) in parts {
                let per = per.to_f64().unwrap_or(0.0);
                let i = match demand
                    .iter()
                    .position(|f| f.sku == sku && f.location == k.location)
                {
                    Some(i) => i,
                    None => {
                        demand.push(DemandForecast {
                            sku: sku.clone(),
                            location: k.location.clone(),
                            daily: Vec::new(),
                            daily_std: 0.0,
                        });
                        demand.len() - 1
                    }
                };
                let f = &mut demand[i];
                // Beyond a forecast's end its last day repeats: extend the shorter one so.
                let n = f.daily.len().max(k.daily.len());
                let last = |v: &[f64], t: usize| v.get(t).or(v.last()).copied().unwrap_or(0.0);
                f.daily = (0..n)
                    .map(|t| last(&f.daily, t) + per * last(&k.daily, t))
                    .collect();
                f.daily_std = (f.daily_std.powi(2) + (per * k.daily_std).powi(2)).sqrt();
            }
        }
        Ok(demand)
    }
}
