//! Reading purchasing: orders, incoming stock, receiving reports, overdue lines, supplier
//! performance, lead times for planning, and the payment schedule.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::state::{Order, Purchasing};
use super::types::{PurchaseOrder, PurchaseRecord, Supplier, SupplierItem};
use super::MIN_LEAD_TIME_SAMPLES;
use crate::checks::mean_sd;
use crate::error::{PurchasingError, Result};
use crate::hash::FxHashMap;
use crate::ledger::Ledger;
use crate::time::{day_of, week_start, Period, Timestamp, SECONDS_PER_DAY};

/// Units incoming of a SKU at a location (open quantity of placed orders).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incoming {
    /// The SKU.
    pub sku: String,
    /// The delivery location.
    pub location: String,
    /// Units incoming.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
}

/// Units incoming of a SKU at a location, expected in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomingBucket {
    /// The SKU.
    pub sku: String,
    /// The delivery location.
    pub location: String,
    /// The start of the period (UTC midnight; a Monday for weeks).
    pub start: Timestamp,
    /// Units expected in it.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
}

/// A line of a receiving report (see [`ReceivingReport`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivingLine {
    /// The line number (`None` in the report's total).
    pub line: Option<u32>,
    /// The SKU (empty in the total).
    pub sku: String,
    /// The location (empty in the total).
    pub location: String,
    /// Units on order.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub ordered: Decimal,
    /// Units received sellable.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub sellable: Decimal,
    /// Units received damaged.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub damaged: Decimal,
    /// Units received into quarantine.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quarantine: Decimal,
    /// Units still open.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub open: Decimal,
    /// Units cancelled.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub cancelled: Decimal,
    /// Units closed short.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub closed_short: Decimal,
    /// Value received at the invoiced prices.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub received_value: Decimal,
    /// Purchase price variance (see [`super::OrderLine::price_variance`]).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub price_variance: Decimal,
}

/// What an order asked for and what came of it, per line and in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivingReport {
    /// The order.
    pub order: String,
    /// The supplier.
    pub supplier: String,
    /// The order's status.
    pub status: super::OrderStatus,
    /// One row per line, in line order.
    pub lines: Vec<ReceivingLine>,
    /// The sums over the lines.
    pub total: ReceivingLine,
}

/// An order line past its expected date with units still open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverdueLine {
    /// The order.
    pub order: String,
    /// The supplier.
    pub supplier: String,
    /// The line number.
    pub line: u32,
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// When it was expected.
    pub expected: Timestamp,
    /// Units still open.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub open: Decimal,
    /// Whole UTC days from the expected day to the day asked about.
    pub days_late: i64,
}

/// A supplier's measured performance, from the engine's own purchase history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierPerformance {
    /// The supplier.
    pub supplier: String,
    /// The SKU, or `None` for all of the supplier's SKUs.
    pub sku: Option<String>,
    /// Orders placed.
    pub orders: usize,
    /// Receipt lines (one per receipt and order line): the lead-time samples.
    pub receipt_lines: usize,
    /// Mean lead time in days (placement → receipt), `None` without receipts.
    pub lead_time_mean_days: Option<f64>,
    /// Its sample standard deviation (n − 1; 0 for one sample).
    pub lead_time_std_days: Option<f64>,
    /// Share of receipt lines that arrived on or before their expected UTC day.
    pub on_time_rate: Option<f64>,
    /// Units received (capped at what was asked) ÷ units asked for less cancellations,
    /// over lines with nothing open.
    pub fill_rate: Option<f64>,
    /// Damaged ÷ received units.
    pub damage_rate: Option<f64>,
}

/// Where a lead time for planning came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadTimeSource {
    /// Measured from at least [`MIN_LEAD_TIME_SAMPLES`] receipt lines.
    Measured,
    /// The supplier's quote.
    Quoted,
}

impl LeadTimeSource {
    /// The lowercase name (`"measured"`, `"quoted"`).
    pub fn as_str(self) -> &'static str {
        match self {
            LeadTimeSource::Measured => "measured",
            LeadTimeSource::Quoted => "quoted",
        }
    }
}

/// The lead time the planner uses for a supplier × SKU.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadTimeEstimate {
    /// Mean days.
    pub mean_days: f64,
    /// Standard deviation in days.
    pub std_days: f64,
    /// Measured or quoted.
    pub source: LeadTimeSource,
    /// The receipt lines measured (whichever source was used).
    pub samples: usize,
}

/// Whether an amount is owed for goods received (or charged) or for goods still to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// Received (or charged), not yet paid.
    Committed,
    /// Placed, not yet received.
    Expected,
}

impl PaymentKind {
    /// The lowercase name (`"committed"`, `"expected"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentKind::Committed => "committed",
            PaymentKind::Expected => "expected",
        }
    }
}

/// One amount owed (see the payment schedule rules in the [module documentation](super)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentDue {
    /// Owed to this supplier.
    pub supplier: String,
    /// For this order.
    pub order: String,
    /// Committed or expected.
    pub kind: PaymentKind,
    /// The receipt or charge id (committed), or the line number (expected).
    pub document: String,
    /// When it was (or will be) issued: the receipt, the charge, the line's expected time.
    pub issued: Timestamp,
    /// When it is due.
    pub due: Timestamp,
    /// What is left to pay.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub amount: Decimal,
    /// When the early-payment discount ends (the issue time + the discount days; a payment
    /// at or before it earns the discount), if there is one.
    pub discount_until: Option<Timestamp>,
    /// The discount if the rest is paid in full by then.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub discount: Decimal,
}

/// Cash going out in one period, by due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CashOutBucket {
    /// The start of the period (UTC midnight; a Monday for weeks).
    pub start: Timestamp,
    /// Committed amounts due in it.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub committed: Decimal,
    /// Expected amounts due in it.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub expected: Decimal,
}

fn overflow(context: &'static str) -> crate::Error {
    crate::error::LedgerError::Overflow { context }.into()
}

fn sum(total: &mut Decimal, x: Decimal, context: &'static str) -> Result<()> {
    *total = total.checked_add(x).ok_or_else(|| overflow(context))?;
    Ok(())
}

fn bucket(t: Timestamp, period: Period) -> Timestamp {
    let d = day_of(t);
    let d = match period {
        Period::Day => d,
        Period::Week => week_start(d),
    };
    d * SECONDS_PER_DAY
}

fn ratio(num: Decimal, den: Decimal) -> Option<f64> {
    (den > Decimal::ZERO).then(|| num.to_f64().unwrap_or(0.0) / den.to_f64().unwrap_or(1.0))
}

impl Purchasing {
    fn order_of(&self, id: &str) -> Result<u32> {
        self.order_index(id).ok_or_else(|| {
            PurchasingError::UnknownOrder {
                order: id.to_owned(),
            }
            .into()
        })
    }

    fn supplier_of(&self, id: &str) -> Result<u32> {
        self.supplier_index(id).ok_or_else(|| {
            PurchasingError::UnknownSupplier {
                supplier: id.to_owned(),
            }
            .into()
        })
    }
}

/// The discount on `amount` under the order's terms, rounded to `scale`.
///
/// The rate is below 100 %, so the discount is smaller than the amount and cannot overflow.
fn discount_of(amount: Decimal, percent: Decimal, scale: u32) -> Decimal {
    (amount * (percent / Decimal::ONE_HUNDRED))
        .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero)
}

/// An item owed while settling an order's payments.
struct Owed {
    kind: PaymentKind,
    document: String,
    issued: Timestamp,
    due: Timestamp,
    amount: Decimal,
    /// Discount rate in percent and last day, if it applies.
    discount: Option<(Decimal, Timestamp)>,
}

impl Owed {
    /// Settles up to `cash` paid at `time`; returns what is left of the cash.
    fn settle(&mut self, cash: Decimal, time: Timestamp, scale: u32) -> Decimal {
        if cash <= Decimal::ZERO || self.amount <= Decimal::ZERO {
            return cash;
        }
        if let Some((pct, until)) = self.discount {
            if time <= until {
                let need = self.amount - discount_of(self.amount, pct, scale);
                if cash >= need {
                    self.amount = Decimal::ZERO;
                    return cash - need;
                }
            }
        }
        let paid = cash.min(self.amount);
        self.amount -= paid;
        cash - paid
    }
}

/// The lead time to plan with from measured samples (at least [`MIN_LEAD_TIME_SAMPLES`])
/// or else the item's quote; `None` with too few samples and no item.
pub(crate) fn lead_time_estimate(
    samples: &[f64],
    item: Option<&SupplierItem>,
) -> Option<LeadTimeEstimate> {
    if samples.len() >= MIN_LEAD_TIME_SAMPLES {
        let (mean, sd) = mean_sd(samples);
        return Some(LeadTimeEstimate {
            mean_days: mean,
            std_days: sd,
            source: LeadTimeSource::Measured,
            samples: samples.len(),
        });
    }
    item.map(|item| LeadTimeEstimate {
        mean_days: item.lead_time.mean_days,
        std_days: item.lead_time.std_days,
        source: LeadTimeSource::Quoted,
        samples: samples.len(),
    })
}

impl Ledger {
    /// The supplier with this id.
    pub fn supplier(&self, id: &str) -> Option<&Supplier> {
        self.purchasing
            .supplier_index(id)
            .map(|i| &self.purchasing.suppliers[i as usize])
    }

    /// Every supplier, in the order they were first set.
    pub fn suppliers(&self) -> &[Supplier] {
        &self.purchasing.suppliers
    }

    /// The suppliers of a SKU with their items: the preferred one first, then in the order
    /// the suppliers were first set.
    pub fn suppliers_of(&self, sku: &str) -> Vec<(&Supplier, &SupplierItem)> {
        let p = &self.purchasing;
        let mut v: Vec<(&Supplier, &SupplierItem)> = (0..p.suppliers.len() as u32)
            .filter_map(|s| p.item(s, sku).map(|i| (&p.suppliers[s as usize], i)))
            .collect();
        v.sort_by_key(|(_, i)| !i.preferred);
        v
    }

    /// The purchase order with this id.
    ///
    /// # Errors
    /// [`PurchasingError::UnknownOrder`].
    pub fn order(&self, id: &str) -> Result<PurchaseOrder> {
        let o = self.purchasing.order_of(id)?;
        Ok(self.purchasing.order_view(o))
    }

    /// The ids of every purchase order, in the order they were created.
    pub fn order_ids(&self) -> Vec<String> {
        self.purchasing
            .orders
            .iter()
            .map(|o| o.id.to_string())
            .collect()
    }

    /// The journal of purchasing events, in order.
    pub fn purchase_records(&self) -> Vec<PurchaseRecord> {
        self.purchasing
            .events
            .iter()
            .enumerate()
            .map(|(i, r)| PurchaseRecord {
                sequence: i as u64,
                first_movement: r.first_movement,
                movements: u64::from(r.movements),
                event: r.event.clone(),
            })
            .collect()
    }

    /// Units incoming per SKU and location (only those with some), optionally for one SKU
    /// and/or one location, sorted by SKU then location.
    pub fn incoming(&self, sku: Option<&str>, location: Option<&str>) -> Vec<Incoming> {
        let p = &self.purchasing;
        let want = |name: Option<&str>| match name {
            None => Ok(None),
            Some(n) => p.name_id(n).map(Some).ok_or(()),
        };
        let (Ok(s), Ok(l)) = (want(sku), want(location)) else {
            return Vec::new();
        };
        let mut rows: Vec<(u32, u32, Decimal)> = p
            .incoming
            .iter()
            .enumerate()
            .filter(|(ks, _)| s.is_none_or(|s| s as usize == *ks))
            .flat_map(|(ks, list)| list.iter().map(move |&(kl, q)| (ks as u32, kl, q)))
            .filter(|(_, kl, _)| l.is_none_or(|l| l == *kl))
            .collect();
        // By name, through the names' ranks (integer comparisons).
        let rank = p.name_ranks();
        rows.sort_unstable_by_key(|r| (rank[r.0 as usize], rank[r.1 as usize]));
        rows.into_iter()
            .map(|(ks, kl, q)| Incoming {
                sku: p.name(ks).to_owned(),
                location: p.name(kl).to_owned(),
                quantity: q,
            })
            .collect()
    }

    /// Units incoming per SKU, location and period of the lines' expected times (UTC days
    /// or ISO weeks), optionally for one SKU and/or location; sorted by SKU, location and
    /// period.
    pub fn incoming_schedule(
        &self,
        period: Period,
        sku: Option<&str>,
        location: Option<&str>,
    ) -> Vec<IncomingBucket> {
        let p = &self.purchasing;
        let want = |name: Option<&str>| match name {
            None => Ok(None),
            Some(n) => p.name_id(n).map(Some).ok_or(()),
        };
        let (Ok(s), Ok(l)) = (want(sku), want(location)) else {
            return Vec::new();
        };
        let mut rows: Vec<(u32, u32, Timestamp, Decimal)> = Vec::new();
        for &o in &p.open_orders {
            if p.orders[o as usize].dropship {
                continue;
            }
            for line in &p.orders[o as usize].lines {
                if s.is_some_and(|s| s != line.sku) || l.is_some_and(|l| l != line.location) {
                    continue;
                }
                let open = line.open();
                if open > Decimal::ZERO {
                    rows.push((line.sku, line.location, bucket(line.expected, period), open));
                }
            }
        }
        // Sort by name (through the names' ranks: integer comparisons) and time, and merge.
        let rank = p.name_ranks();
        rows.sort_unstable_by_key(|r| (rank[r.0 as usize], rank[r.1 as usize], r.2));
        let mut merged: Vec<(u32, u32, Timestamp, Decimal)> = Vec::with_capacity(rows.len());
        for r in rows {
            match merged.last_mut() {
                Some(m) if (m.0, m.1, m.2) == (r.0, r.1, r.2) => m.3 += r.3,
                _ => merged.push(r),
            }
        }
        merged
            .into_iter()
            .map(|(ks, kl, start, quantity)| IncomingBucket {
                sku: p.name(ks).to_owned(),
                location: p.name(kl).to_owned(),
                start,
                quantity,
            })
            .collect()
    }

    /// What an order asked for and what came of it, per line and in total.
    ///
    /// # Errors
    /// [`PurchasingError::UnknownOrder`]; [`crate::LedgerError::Overflow`] if a total
    /// leaves the decimal range.
    pub fn receiving_report(&self, order: &str) -> Result<ReceivingReport> {
        let p = &self.purchasing;
        let o = p.order_of(order)?;
        let view = p.order_view(o);
        let mut total = ReceivingLine {
            line: None,
            sku: String::new(),
            location: String::new(),
            ordered: Decimal::ZERO,
            sellable: Decimal::ZERO,
            damaged: Decimal::ZERO,
            quarantine: Decimal::ZERO,
            open: Decimal::ZERO,
            cancelled: Decimal::ZERO,
            closed_short: Decimal::ZERO,
            received_value: Decimal::ZERO,
            price_variance: Decimal::ZERO,
        };
        let mut lines = Vec::with_capacity(view.lines.len());
        for l in view.lines {
            let row = ReceivingLine {
                line: Some(l.line),
                sku: l.sku,
                location: l.location,
                ordered: l.quantity,
                sellable: l.received_sellable,
                damaged: l.received_damaged,
                quarantine: l.received_quarantine,
                open: l.open,
                cancelled: l.cancelled,
                closed_short: l.closed_short,
                received_value: l.received_value,
                price_variance: l.price_variance,
            };
            let c = "a receiving report's total";
            sum(&mut total.ordered, row.ordered, c)?;
            sum(&mut total.sellable, row.sellable, c)?;
            sum(&mut total.damaged, row.damaged, c)?;
            sum(&mut total.quarantine, row.quarantine, c)?;
            sum(&mut total.open, row.open, c)?;
            sum(&mut total.cancelled, row.cancelled, c)?;
            sum(&mut total.closed_short, row.closed_short, c)?;
            sum(&mut total.received_value, row.received_value, c)?;
            sum(&mut total.price_variance, row.price_variance, c)?;
            lines.push(row);
        }
        Ok(ReceivingReport {
            order: view.id,
            supplier: view.supplier,
            status: view.status,
            lines,
            total,
        })
    }

    /// Lines of placed orders with units open whose expected UTC day is before the UTC day
    /// of `as_of`, most overdue first (then by order and line).
    pub fn overdue_lines(&self, as_of: Timestamp) -> Vec<OverdueLine> {
        let p = &self.purchasing;
        let today = day_of(as_of);
        let mut out = Vec::new();
        for &o in &p.open_orders {
            let order = &p.orders[o as usize];
            for l in &order.lines {
                let open = l.open();
                let expected_day = day_of(l.expected);
                if open > Decimal::ZERO && expected_day < today {
                    out.push(OverdueLine {
                        order: order.id.to_string(),
                        supplier: p.suppliers[order.supplier as usize].id.clone(),
                        line: l.line,
                        sku: p.name(l.sku).to_owned(),
                        location: p.name(l.location).to_owned(),
                        expected: l.expected,
                        open,
                        days_late: today - expected_day,
                    });
                }
            }
        }
        out.sort_by(|a, b| (a.expected, &a.order, a.line).cmp(&(b.expected, &b.order, b.line)));
        out
    }

    /// A supplier's measured performance, over all its SKUs or one (see the
    /// [module documentation](crate::purchasing) for the definitions).
    ///
    /// # Errors
    /// [`PurchasingError::UnknownSupplier`].
    pub fn supplier_performance(
        &self,
        supplier: &str,
        sku: Option<&str>,
    ) -> Result<SupplierPerformance> {
        let p = &self.purchasing;
        let s = p.supplier_of(supplier)?;
        let sku_id = sku.map(|k| p.name_id(k));
        let wanted = |id: u32| match sku_id {
            None => true,
            Some(k) => k == Some(id),
        };
        let mut orders = 0;
        let mut lead = Vec::new();
        let mut on_time = 0usize;
        let (mut filled, mut asked) = (Decimal::ZERO, Decimal::ZERO);
        let (mut damaged, mut received) = (Decimal::ZERO, Decimal::ZERO);
        let c = "a supplier's performance";
        for order in &p.orders {
            if order.supplier != s || order.placed_at.is_none() {
                continue;
            }
            if !order.lines.iter().any(|l| wanted(l.sku)) {
                continue;
            }
            orders += 1;
            for l in order.lines.iter().filter(|l| wanted(l.sku)) {
                sum(&mut received, l.received_total(), c)?;
                sum(&mut damaged, l.received[1], c)?;
                if l.open().is_zero() {
                    let base = (l.ordered - l.cancelled).max(Decimal::ZERO);
                    sum(&mut asked, base, c)?;
                    sum(&mut filled, l.received_total().min(base), c)?;
                }
            }
            self.receipt_lines_of(order, &wanted, |_, placed, expected, at| {
                lead.push((at - placed) as f64 / SECONDS_PER_DAY as f64);
                if day_of(at) <= day_of(expected) {
                    on_time += 1;
                }
            });
        }
        let (mean, sd) = mean_sd(&lead);
        let n = lead.len();
        Ok(SupplierPerformance {
            supplier: supplier.to_owned(),
            sku: sku.map(str::to_owned),
            orders,
            receipt_lines: n,
            lead_time_mean_days: (n > 0).then_some(mean),
            lead_time_std_days: (n > 0).then_some(sd),
            on_time_rate: (n > 0).then(|| on_time as f64 / n as f64),
            fill_rate: ratio(filled, asked),
            damage_rate: ratio(damaged, received),
        })
    }

    /// Calls `each(sku, placed, expected, received_at)` once per receipt line (receipt ×
    /// order line, whatever the conditions) of order `o` whose SKU (name id) is `wanted`.
    fn receipt_lines_of(
        &self,
        order: &Order,
        wanted: &dyn Fn(u32) -> bool,
        mut each: impl FnMut(u32, Timestamp, Timestamp, Timestamp),
    ) {
        let p = &self.purchasing;
        let Some(placed) = order.placed_at else {
            return;
        };
        for &r in &order.receipts {
            let receipt = &p.receipts[r as usize];
            let mut seen: Vec<u32> = Vec::new();
            for rl in &receipt.lines {
                if seen.contains(&rl.line) {
                    continue;
                }
                seen.push(rl.line);
                let line = &order.lines[rl.line as usize];
                if wanted(line.sku) {
                    each(line.sku, placed, rl.expected, receipt.time);
                }
            }
        }
    }

    /// The lead time to plan with for `sku` bought from `supplier`: measured when the
    /// supplier × SKU has at least [`MIN_LEAD_TIME_SAMPLES`] receipt lines, else quoted.
    ///
    /// # Errors
    /// [`PurchasingError::UnknownSupplier`], [`PurchasingError::NotSupplied`] when the
    /// supplier does not sell the SKU and too few receipts were measured.
    pub fn lead_time(&self, supplier: &str, sku: &str) -> Result<LeadTimeEstimate> {
        let p = &self.purchasing;
        let s = p.supplier_of(supplier)?;
        let mut lead = Vec::new();
        for order in p.orders.iter().filter(|o| o.supplier == s) {
            self.receipt_lines_of(order, &|id| p.name(id) == sku, |_, placed, _, at| {
                lead.push((at - placed) as f64 / SECONDS_PER_DAY as f64);
            });
        }
        lead_time_estimate(
            &lead,
            p.supplier_index(supplier).and_then(|s| p.item(s, sku)),
        )
        .ok_or_else(|| {
            PurchasingError::NotSupplied {
                supplier: supplier.to_owned(),
                sku: sku.to_owned(),
            }
            .into()
        })
    }

    /// The lead-time samples (days, placement → each receipt line) of every supplier ×
    /// SKU (by supplier index and SKU name id) with any, in one pass over the orders: what
    /// [`Ledger::lead_time`] measures, for many SKUs at once.
    pub(crate) fn lead_time_samples(&self) -> FxHashMap<(u32, u32), Vec<f64>> {
        let mut out: FxHashMap<(u32, u32), Vec<f64>> = FxHashMap::default();
        for order in &self.purchasing.orders {
            self.receipt_lines_of(order, &|_| true, |sku, placed, _, at| {
                out.entry((order.supplier, sku))
                    .or_default()
                    .push((at - placed) as f64 / SECONDS_PER_DAY as f64);
            });
        }
        out
    }

    /// The purchasing state's supplier index and name id of a supplier and SKU.
    pub(crate) fn purchasing_ids(&self, supplier: &str, sku: &str) -> Option<(u32, u32)> {
        let p = &self.purchasing;
        Some((p.supplier_index(supplier)?, p.name_id(sku)?))
    }

    /// What is owed to whom and when: every committed and expected amount still unpaid,
    /// by due date (then supplier, order, issue time and document). See the
    /// [module documentation](crate::purchasing) for the rules.
    ///
    /// # Errors
    /// [`crate::LedgerError::Overflow`] if an order's amounts leave the decimal range.
    pub fn payment_schedule(&self) -> Result<Vec<PaymentDue>> {
        let p = &self.purchasing;
        let scale = self.config().money_scale;
        let mut out = Vec::new();
        for (o, order) in p.orders.iter().enumerate() {
            if order.placed_at.is_none() {
                continue;
            }
            let terms = p.terms_of(o as u32);
            let net = i64::from(terms.net_days) * SECONDS_PER_DAY;
            let discount = terms
                .discount
                .as_ref()
                .map(|d| (d.percent, i64::from(d.days) * SECONDS_PER_DAY));
            // Receipts, charges and payments in the order they happened.
            enum Ev {
                Item(Owed),
                Pay(Timestamp, Decimal),
            }
            let mut events: Vec<(Timestamp, usize, Ev)> = Vec::new();
            for &r in &order.receipts {
                let rec = &p.receipts[r as usize];
                events.push((
                    rec.time,
                    events.len(),
                    Ev::Item(Owed {
                        kind: PaymentKind::Committed,
                        document: rec.id.to_string(),
                        issued: rec.time,
                        due: rec.time.saturating_add(net),
                        amount: rec.value().ok_or_else(|| overflow("a receipt's value"))?,
                        discount: discount.map(|(pct, d)| (pct, rec.time.saturating_add(d))),
                    }),
                ));
            }
            for &c in &order.charges {
                let ch = &p.charges[c as usize];
                events.push((
                    ch.time,
                    events.len(),
                    Ev::Item(Owed {
                        kind: PaymentKind::Committed,
                        document: ch.id.to_string(),
                        issued: ch.time,
                        due: ch.time.saturating_add(net),
                        amount: ch.amount,
                        discount: None,
                    }),
                ));
            }
            for &pay in &order.payments {
                let pm = &p.payments[pay as usize];
                events.push((pm.time, events.len(), Ev::Pay(pm.time, pm.amount)));
            }
            // Stable by time: within a time, receipts, then charges, then payments.
            events.sort_by_key(|e| (e.0, e.1));
            let mut open: Vec<Owed> = Vec::new();
            let mut credit = Decimal::ZERO;
            for (_, _, ev) in events {
                match ev {
                    Ev::Item(mut item) => {
                        credit = item.settle(credit, item.issued, scale);
                        open.push(item);
                    }
                    Ev::Pay(time, amount) => {
                        let mut cash = credit
                            .checked_add(amount)
                            .ok_or_else(|| overflow("an order's payments"))?;
                        open.sort_by_key(|x| (x.due, x.issued));
                        for item in &mut open {
                            cash = item.settle(cash, time, scale);
                        }
                        credit = cash;
                    }
                }
            }
            // Expected: the open lines, reduced by what credit is left, due date first.
            let mut expected: Vec<Owed> = order
                .lines
                .iter()
                .filter(|l| l.open() > Decimal::ZERO)
                .map(|l| {
                    let amount = l
                        .open()
                        .checked_mul(l.unit_price)
                        .ok_or_else(|| overflow("an open line's value"))?;
                    Ok(Owed {
                        kind: PaymentKind::Expected,
                        document: l.line.to_string(),
                        issued: l.expected,
                        due: l.expected.saturating_add(net),
                        amount: amount
                            .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero),
                        discount: discount.map(|(pct, d)| (pct, l.expected.saturating_add(d))),
                    })
                })
                .collect::<Result<_>>()?;
            expected.sort_by_key(|x| (x.due, x.issued));
            for item in &mut expected {
                if credit <= Decimal::ZERO {
                    break;
                }
                let paid = credit.min(item.amount);
                item.amount -= paid;
                credit -= paid;
            }
            let supplier = &p.suppliers[order.supplier as usize].id;
            for item in open.into_iter().chain(expected) {
                if item.amount <= Decimal::ZERO {
                    continue;
                }
                let disc = item.discount.filter(|(_, until)| *until >= item.issued);
                out.push(PaymentDue {
                    supplier: supplier.clone(),
                    order: order.id.to_string(),
                    kind: item.kind,
                    document: item.document,
                    issued: item.issued,
                    due: item.due,
                    amount: item.amount,
                    discount_until: disc.map(|(_, until)| until),
                    discount: disc.map_or(Decimal::ZERO, |(pct, _)| {
                        discount_of(item.amount, pct, scale)
                    }),
                });
            }
        }
        out.sort_by(|a, b| {
            (a.due, &a.supplier, &a.order, a.issued, &a.document).cmp(&(
                b.due,
                &b.supplier,
                &b.order,
                b.issued,
                &b.document,
            ))
        });
        Ok(out)
    }

    /// The payment schedule summed by the UTC day or ISO week of the due dates.
    ///
    /// # Errors
    /// As [`Ledger::payment_schedule`].
    pub fn cash_out(&self, period: Period) -> Result<Vec<CashOutBucket>> {
        let mut out: Vec<CashOutBucket> = Vec::new();
        for d in self.payment_schedule()? {
            let start = bucket(d.due, period);
            if out.last().is_none_or(|b| b.start != start) {
                out.push(CashOutBucket {
                    start,
                    committed: Decimal::ZERO,
                    expected: Decimal::ZERO,
                });
            }
            if let Some(b) = out.last_mut() {
                let slot = match d.kind {
                    PaymentKind::Committed => &mut b.committed,
                    PaymentKind::Expected => &mut b.expected,
                };
                sum(slot, d.amount, "a cash-out total")?;
            }
        }
        Ok(out)
    }
}
