//! A year of a small online store, run through the engine's whole cycle week by week:
//! forecast, plan, buy (and move stock between warehouses), receive, sell, take returns,
//! pay, and reorder.
//!
//! Built-in sample data, deterministic: 300 SKUs (seasonal, trending, steady and
//! intermittent demand; one in twenty a dropshipped slow mover), three warehouses, four
//! suppliers with different lead times and reliability, two years of sales history before
//! the year starts. Each Monday the store forecasts every SKU's weekly demand from the
//! ledger's own history (every fourth week: automatic model selection with a 52-week
//! season; the pooled forecast is split over the warehouses by their share of the last 13
//! weeks' sales), classifies the SKUs ABC/XYZ on the last 13 weeks, plans with the class
//! policies, and accepts every suggested transfer and purchase order. Suppliers deliver
//! after their own lead time (late now and then, a few units damaged); customers buy
//! every day (what is not available is lost) and send some units back; invoices are paid
//! when due.

use std::collections::BTreeMap;

use inventory_core::forecast::{forecast_panel, Method};
use inventory_core::kits::{Component, KitDefinition, KitKind};
use inventory_core::policy::DiscountKind;
use inventory_core::purchasing::{
    DropshipSale, PaymentTerms, PriceBreak, ReceiptLine, Supplier, SupplierItem,
};
use inventory_core::replenish::{
    classes_from_ledger, AcceptedOrder, ClassPolicies, Plan, PlanRequest, Policy, PolicySettings,
    PooledForecast,
};
use inventory_core::time::{days_from_civil, SECONDS_PER_DAY};
use inventory_core::{Decimal, Error, Ledger, Movement, Period};
use rust_decimal::prelude::ToPrimitive;

use crate::Rng;

/// Gift bundles defined at the start of the year.
const YEAR_GIFTS: usize = 3;
/// Gift bundles asked for a day, all warehouses together.
const GIFT_RATE: f64 = 1.5;

/// The warehouses and their share of demand.
pub const YEAR_WAREHOUSES: [(&str, f64); 3] = [("BER", 0.5), ("HAM", 0.3), ("MUC", 0.2)];

/// A supplier of the year: id, name, lead time mean and deviation (days), the chance in
/// percent that a delivery is late (by 3–10 more days), damaged units per thousand.
pub struct YearSupplier {
    /// Id.
    pub id: &'static str,
    /// Name.
    pub name: &'static str,
    /// Lead time mean, days.
    pub lead: f64,
    /// Lead time deviation, days.
    pub lead_sd: f64,
    /// Chance of a late delivery, percent.
    pub late_pct: u64,
    /// Damaged units per thousand.
    pub damage_permille: u64,
}

/// The four suppliers.
pub const YEAR_SUPPLIERS: [YearSupplier; 4] = [
    YearSupplier {
        id: "NORD",
        name: "Nordic Goods",
        lead: 6.0,
        lead_sd: 1.0,
        late_pct: 5,
        damage_permille: 5,
    },
    YearSupplier {
        id: "EAST",
        name: "Eastern Trading",
        lead: 12.0,
        lead_sd: 3.0,
        late_pct: 20,
        damage_permille: 10,
    },
    YearSupplier {
        id: "FAR",
        name: "Far Harbour Imports",
        lead: 30.0,
        lead_sd: 6.0,
        late_pct: 30,
        damage_permille: 20,
    },
    YearSupplier {
        id: "LOCAL",
        name: "Local Makers",
        lead: 3.0,
        lead_sd: 0.5,
        late_pct: 2,
        damage_permille: 2,
    },
];

const HISTORY_WEEKS: i64 = 104;

/// The size of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearConfig {
    /// SKUs in the catalogue.
    pub skus: usize,
    /// Weeks run (the last one is planned, not run: its suggestions are the report's).
    pub weeks: i64,
}

impl Default for YearConfig {
    /// The main job: 300 SKUs, 52 weeks run and the 53rd planned.
    fn default() -> Self {
        YearConfig {
            skus: 300,
            weeks: 53,
        }
    }
}

impl YearConfig {
    /// A quick one for tests: 40 SKUs, 9 weeks run and the 10th planned.
    pub fn small() -> Self {
        YearConfig {
            skus: 40,
            weeks: 10,
        }
    }
}
const DAY: i64 = SECONDS_PER_DAY;

/// How a SKU's demand moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// Peaks once a year.
    Seasonal,
    /// Grows or shrinks through the years.
    Trending,
    /// The same all year.
    Steady,
    /// Sells on few days.
    Intermittent,
}

/// A SKU of the year's catalogue.
#[derive(Debug, Clone)]
pub struct YearSku {
    /// Its code.
    pub sku: String,
    /// How its demand moves.
    pub pattern: Pattern,
    /// Units a day (for intermittent SKUs: the chance of a sale day, and 1–4 units then).
    pub base: f64,
    /// Peak week of the year (seasonal) or yearly growth (trending).
    pub shape: f64,
    /// Unit cost.
    pub cost: Decimal,
    /// Unit price.
    pub price: Decimal,
    /// Index in [`YEAR_SUPPLIERS`].
    pub supplier: usize,
    /// Sold from the supplier's stock, never stocked.
    pub dropship: bool,
}

fn money(x: f64) -> Decimal {
    Decimal::try_from(x).unwrap_or_default().round_dp(2)
}

/// The catalogue of `skus` SKUs (deterministic).
pub fn year_catalogue(skus: usize) -> Vec<YearSku> {
    let mut rng = Rng(0x570E_2027);
    (0..skus)
        .map(|i| {
            let pattern = match i % 10 {
                0..=2 => Pattern::Seasonal,
                3 | 4 => Pattern::Trending,
                5..=7 => Pattern::Steady,
                _ => Pattern::Intermittent,
            };
            let dropship = i % 20 == 9;
            let base = match pattern {
                Pattern::Intermittent => 0.05 + 0.2 * rng.uniform(),
                _ => 0.5 + 12.0 * rng.uniform() * rng.uniform(),
            };
            let shape = match pattern {
                Pattern::Seasonal => [48.0, 26.0, 12.0][i % 3],
                Pattern::Trending => [-0.3, 0.4, 0.8][i % 3],
                _ => 0.0,
            };
            let cost = 1.5 + 45.0 * rng.uniform() * rng.uniform();
            let margin = 1.6 + 0.8 * rng.uniform();
            YearSku {
                sku: format!("SKU-{i:03}"),
                pattern,
                base,
                shape,
                cost: money(cost),
                price: money(cost * margin),
                supplier: i % YEAR_SUPPLIERS.len(),
                dropship,
            }
        })
        .collect()
}

impl YearSku {
    /// Expected units a day on day `t` (days since the history began), all warehouses.
    fn rate(&self, t: i64) -> f64 {
        let years = t as f64 / 365.0;
        match self.pattern {
            Pattern::Seasonal => {
                let week = (t % 364) as f64 / 7.0;
                let phase = 2.0 * std::f64::consts::PI * (week - self.shape) / 52.0;
                self.base * (1.0 + 0.6 * phase.cos())
            }
            Pattern::Trending => self.base * (1.0 + self.shape).powf(years - 2.0).max(0.05),
            Pattern::Steady => self.base,
            Pattern::Intermittent => self.base, // chance of a sale day
        }
    }

    /// Units demanded at warehouse `w` on day `t`.
    fn demand(&self, rng: &mut Rng, t: i64, w: usize) -> i64 {
        let share = YEAR_WAREHOUSES[w].1;
        match self.pattern {
            Pattern::Intermittent => {
                if rng.uniform() < self.rate(t) * share {
                    1 + rng.below(4) as i64
                } else {
                    0
                }
            }
            _ => rng.poisson(self.rate(t) * share),
        }
    }
}

/// What the year came to.
#[derive(Debug)]
pub struct YearRun {
    /// The ledger at the year's end.
    pub ledger: Ledger,
    /// The catalogue.
    pub catalogue: Vec<YearSku>,
    /// The first day of the year (a Monday).
    pub start: i64,
    /// Units customers asked for (stocked SKUs).
    pub demanded: i64,
    /// Units shipped on the day asked.
    pub served: i64,
    /// Warehouse-days with demand, and those on which some of it could not be served.
    pub demand_days: (u64, u64),
    /// Units lost per SKU.
    pub lost: BTreeMap<String, i64>,
    /// Revenue of stocked SKUs.
    pub revenue: Decimal,
    /// Revenue and cost of dropshipped SKUs delivered (booked when the supplier delivers).
    pub dropship: (Decimal, Decimal),
    /// Units customers sent back.
    pub returned: i64,
    /// Inventory value at each week's start.
    pub weekly_value: Vec<Decimal>,
    /// Purchase orders placed and transfers made.
    pub orders_placed: usize,
    /// Transfers accepted.
    pub transfers: usize,
    /// Paid to suppliers.
    pub paid: Decimal,
    /// The plan of the last week (this week's suggestions).
    pub last_plan: Plan,
    /// The policy table used.
    pub table: ClassPolicies,
    /// The size of the run.
    pub config: YearConfig,
    /// The value of every receipt against a purchase order.
    pub received_value: Decimal,
    /// Gift bundles (virtual kits of stocked SKUs): sold, not sold for a missing component,
    /// revenue.
    pub bundles: (i64, i64, Decimal),
}

struct Delivery {
    day: i64,
    order: String,
    lines: Vec<(u32, i64, i64)>, // line, sellable, damaged
    /// A dropship delivery's sale price (zero for a stock order).
    revenue: Decimal,
}

/// Runs the year.
///
/// # Errors
/// Any engine error (none is expected: the run is built to be valid).
pub fn store_year(config: YearConfig) -> Result<YearRun, Error> {
    let catalogue = year_catalogue(config.skus);
    let mut rng = Rng(0xC0FF_EE26);
    let start = days_from_civil(2027, 1, 4) * DAY; // a Monday
    let history_start = start - HISTORY_WEEKS * 7 * DAY;
    let mut ledger = Ledger::new();

    // Suppliers: three all-units price breaks, packs, an MOQ of two packs.
    for (s, sup) in YEAR_SUPPLIERS.iter().enumerate() {
        let mut supplier = Supplier::new(
            sup.id,
            sup.name,
            PaymentTerms::net(30).with_discount(Decimal::from(2), 10),
        );
        for (i, item) in catalogue
            .iter()
            .enumerate()
            .filter(|(_, k)| k.supplier == s)
        {
            let pack = Decimal::from([1, 6, 12][i % 3]);
            let c = item.cost;
            supplier = supplier.item(
                SupplierItem::new(&item.sku, c, sup.lead)
                    .prices(
                        DiscountKind::AllUnits,
                        vec![
                            PriceBreak::new(Decimal::ZERO, c),
                            PriceBreak::new(
                                Decimal::from(100),
                                (c * Decimal::new(95, 2)).round_dp(2),
                            ),
                            PriceBreak::new(
                                Decimal::from(500),
                                (c * Decimal::new(90, 2)).round_dp(2),
                            ),
                        ],
                    )
                    .lead_time_std(sup.lead_sd)
                    .pack_size(pack)
                    .min_order_quantity(pack * Decimal::TWO)
                    .preferred(true),
            );
        }
        ledger.set_supplier(supplier, history_start)?;
    }

    // Two years of history: each week's sales received on its Monday, then shipped.
    let mut history = Vec::new();
    for week in 0..HISTORY_WEEKS {
        let monday = history_start + week * 7 * DAY;
        let mut sales = Vec::new();
        for item in catalogue.iter().filter(|k| !k.dropship) {
            for (w, (loc, _)) in YEAR_WAREHOUSES.iter().enumerate() {
                let days: Vec<i64> = (0..7)
                    .map(|d| item.demand(&mut rng, (monday - history_start) / DAY + d, w))
                    .collect();
                let total: i64 = days.iter().sum();
                if total > 0 {
                    history.push(Movement::receive(
                        &item.sku,
                        *loc,
                        Decimal::from(total),
                        item.cost,
                        monday,
                    ));
                }
                for (d, q) in days.into_iter().enumerate() {
                    if q > 0 {
                        sales.push(Movement::ship(
                            &item.sku,
                            *loc,
                            Decimal::from(q),
                            monday + d as i64 * DAY + 12 * 3600,
                        ));
                    }
                }
            }
        }
        sales.sort_by_key(|m| m.time);
        history.extend(sales);
    }
    ledger.post_batch(history)?;
    // Opening stock: three weeks of expected demand.
    let mut opening = Vec::new();
    for item in catalogue.iter().filter(|k| !k.dropship) {
        for (loc, share) in YEAR_WAREHOUSES {
            let q = (item.rate((start - history_start) / DAY) * share * 21.0).ceil() as i64 + 2;
            opening.push(Movement::receive(
                &item.sku,
                loc,
                Decimal::from(q),
                item.cost,
                start,
            ));
        }
    }
    ledger.post_batch(opening)?;

    // Gift bundles: virtual kits of three stocked SKUs each, sold at 90 % of their parts.
    let stocked_ids: Vec<usize> = (0..catalogue.len())
        .filter(|&i| !catalogue[i].dropship)
        .collect();
    let mut gifts: Vec<(String, Decimal)> = Vec::new();
    for g in 0..YEAR_GIFTS {
        let parts: Vec<&YearSku> = (0..3)
            .map(|j| &catalogue[stocked_ids[(g * 7 + j * 3) % stocked_ids.len()]])
            .collect();
        let name = format!("GIFT-{}", g + 1);
        let components = parts
            .iter()
            .map(|k| Component::new(&k.sku, Decimal::ONE))
            .collect();
        ledger.define_kit(
            KitDefinition::new(&name, KitKind::Virtual, components, start),
            None,
        )?;
        let price = parts.iter().map(|k| k.price).sum::<Decimal>() * Decimal::new(9, 1);
        gifts.push((name, price.round_dp(2)));
    }

    let table = ClassPolicies::default();
    let mut run = YearRun {
        ledger: Ledger::new(),
        catalogue: Vec::new(),
        start,
        demanded: 0,
        served: 0,
        demand_days: (0, 0),
        lost: BTreeMap::new(),
        revenue: Decimal::ZERO,
        dropship: (Decimal::ZERO, Decimal::ZERO),
        returned: 0,
        weekly_value: Vec::new(),
        orders_placed: 0,
        transfers: 0,
        paid: Decimal::ZERO,
        last_plan: Plan {
            as_of: start,
            items: Vec::new(),
            transfers: Vec::new(),
            orders: Vec::new(),
            cut: Vec::new(),
            alerts: Vec::new(),
        },
        table,
        config,
        received_value: Decimal::ZERO,
        bundles: (0, 0, Decimal::ZERO),
    };
    let stocked: Vec<&YearSku> = catalogue.iter().filter(|k| !k.dropship).collect();
    let mut weekly_forecast: Vec<Vec<f64>> = Vec::new();
    let mut weekly_sd: Vec<f64> = Vec::new();
    let mut deliveries: Vec<Delivery> = Vec::new();
    let mut returns: Vec<(i64, String, &'static str, i64, bool)> = Vec::new(); // day, sku, loc, units, damaged
    let mut paid_items: BTreeMap<(String, String), ()> = BTreeMap::new();
    let mut payment = 0u64;
    let mut dropships = 0u64;

    for week in 0..config.weeks {
        let monday = start + week * 7 * DAY;
        run.weekly_value.push(ledger.total_value()?);
        // 1. Forecast every fourth week: weekly demand per SKU, all warehouses pooled.
        if week % 4 == 0 {
            let series: Vec<Vec<f64>> = stocked
                .iter()
                .map(|k| {
                    let h = ledger.demand_history(
                        &k.sku,
                        None,
                        Period::Week,
                        Some(history_start),
                        Some(monday - 1),
                    )?;
                    Ok(inventory_core::forecast::history_demand(&h))
                })
                .collect::<Result<_, Error>>()?;
            let fc = forecast_panel(&series, &Method::auto(52), 26, &[], 2)?;
            weekly_forecast = fc.iter().map(|f| f.forecast.mean.clone()).collect();
            weekly_sd = fc
                .iter()
                .zip(&series)
                .map(|(f, y)| {
                    f.model
                        .residual_sd()
                        .unwrap_or_else(|| y.iter().sum::<f64>().sqrt() / 10.0)
                })
                .collect();
        }
        let offset = (week % 4) as usize;
        // The pooled forecast of each SKU, by day; the engine splits it over the warehouses
        // by their share of the last 13 weeks' sales.
        let pooled: Vec<PooledForecast> = stocked
            .iter()
            .enumerate()
            .map(|(k, item)| {
                let daily: Vec<f64> = weekly_forecast[k]
                    .iter()
                    .skip(offset)
                    .flat_map(|wk| std::iter::repeat_n(wk / 7.0, 7))
                    .collect();
                PooledForecast::new(&item.sku, daily, weekly_sd[k] / 7f64.sqrt())
            })
            .collect();
        // 2. Plan with the class policies (dropship SKUs never stocked), 3. accept it all.
        let classes = classes_from_ledger(&ledger, monday - 91 * DAY, monday)?;
        let mut request = PlanRequest::new(monday, Vec::new())
            .pooled(pooled, 91)
            .horizon_days(26 * 7 - 7 * offset as u32)
            .class_policies(&classes, &run.table)
            .dead_stock_days(Some(90))
            .threads(2);
        for item in catalogue.iter().filter(|k| k.dropship) {
            request = request.policy(&item.sku, None, PolicySettings::new(Policy::Dropship));
        }
        let plan = ledger.plan(&request)?;
        if week == config.weeks - 1 {
            run.last_plan = plan;
            break;
        }
        let accepted: Vec<AcceptedOrder> = plan
            .orders
            .iter()
            .map(|o| AcceptedOrder {
                order: format!("PO-{:02}-{}", week + 1, o.supplier),
                suggestion: o.clone(),
            })
            .collect();
        run.orders_placed += accepted.len();
        run.transfers += plan.transfers.len();
        for a in &accepted {
            let sup = YEAR_SUPPLIERS
                .iter()
                .find(|s| s.id == a.suggestion.supplier)
                .expect("a known supplier");
            let mut lead = sup.lead + sup.lead_sd * inventory_core::stats::inv_cdf(rng.uniform());
            if rng.pct(sup.late_pct) {
                lead += 3.0 + rng.below(8) as f64;
            }
            let day = monday / DAY + lead.round().max(1.0) as i64;
            let lines = a
                .suggestion
                .lines
                .iter()
                .enumerate()
                .map(|(n, l)| {
                    let q = l.quantity.to_i64().unwrap_or(0);
                    let broken = (0..q)
                        .filter(|_| rng.below(1000) < sup.damage_permille)
                        .count() as i64;
                    (n as u32 + 1, q - broken, broken)
                })
                .collect();
            deliveries.push(Delivery {
                day,
                order: a.order.clone(),
                lines,
                revenue: Decimal::ZERO,
            });
        }
        ledger.accept_plan(accepted, plan.transfers.clone(), monday + 6 * 3600)?;

        // 4. The week's days: deliveries, returns, sales.
        for d in 0..7 {
            let day = monday / DAY + d;
            let t = day * DAY;
            let mut due: Vec<Delivery> = Vec::new();
            deliveries.retain_mut(|x| {
                if x.day == day {
                    due.push(Delivery {
                        day: x.day,
                        order: std::mem::take(&mut x.order),
                        lines: std::mem::take(&mut x.lines),
                        revenue: x.revenue,
                    });
                    false
                } else {
                    true
                }
            });
            for x in due {
                let lines = x
                    .lines
                    .iter()
                    .map(|&(line, good, broken)| {
                        ReceiptLine::new(line, Decimal::from(good)).damaged(Decimal::from(broken))
                    })
                    .collect();
                let got = ledger.receive_order(
                    &x.order,
                    format!("GRN-{}", x.order),
                    lines,
                    t + 7 * 3600,
                )?;
                // What came in: a dropship delivery's shipment takes its value out again
                // as COGS.
                for m in &got.movements {
                    run.received_value += m.value + m.cogs;
                }
                if !x.revenue.is_zero() {
                    run.dropship.0 += x.revenue;
                    run.dropship.1 += got.movements.iter().map(|m| m.cogs).sum::<Decimal>();
                }
            }
            let (back, later): (Vec<_>, Vec<_>) = returns.drain(..).partition(|r| r.0 == day);
            returns = later;
            for (_, sku, loc, q, damaged) in back {
                let mut m = Movement::customer_return(sku, loc, Decimal::from(q), t + 9 * 3600);
                if damaged {
                    if let inventory_core::MovementKind::CustomerReturn { condition, .. } =
                        &mut m.kind
                    {
                        *condition = inventory_core::Condition::Damaged;
                    }
                }
                ledger.post(m)?;
                run.returned += q;
            }
            let abs_day = (t - history_start) / DAY;
            for item in &catalogue {
                for (w, (loc, _)) in YEAR_WAREHOUSES.iter().enumerate() {
                    let want = item.demand(&mut rng, abs_day, w);
                    if want == 0 {
                        continue;
                    }
                    if item.dropship {
                        // The supplier delivers to the customer after its lead time; the
                        // sale is booked then, at the supplier's price.
                        dropships += 1;
                        let order = format!("DS-{dropships:05}");
                        let sale = DropshipSale::new(&item.sku, "DROPSHIP", Decimal::from(want))
                            .customer_order(format!("WEB-{dropships:05}"));
                        ledger.dropship(&order, sale, t + 12 * 3600 + w as i64 * 60)?;
                        let sup = &YEAR_SUPPLIERS[item.supplier];
                        let lead =
                            sup.lead + sup.lead_sd * inventory_core::stats::inv_cdf(rng.uniform());
                        deliveries.push(Delivery {
                            day: day + lead.round().max(1.0) as i64,
                            order,
                            lines: vec![(1, want, 0)],
                            revenue: item.price * Decimal::from(want),
                        });
                        continue;
                    }
                    run.demanded += want;
                    run.demand_days.0 += 1;
                    let available = ledger
                        .position(&item.sku, Some(loc))
                        .map(|p| p.available)
                        .unwrap_or_default();
                    let ship = Decimal::from(want)
                        .min(available.max(Decimal::ZERO))
                        .floor();
                    let shipped = ship.to_i64().unwrap_or(0);
                    if shipped > 0 {
                        ledger.post(Movement::ship(
                            &item.sku,
                            *loc,
                            ship,
                            t + 12 * 3600 + w as i64 * 60,
                        ))?;
                        run.served += shipped;
                        run.revenue += item.price * ship;
                        if rng.pct(3) {
                            returns.push((
                                day + 10 + rng.below(10) as i64,
                                item.sku.clone(),
                                loc,
                                1,
                                rng.pct(20),
                            ));
                        }
                    }
                    if shipped < want {
                        run.demand_days.1 += 1;
                        *run.lost.entry(item.sku.clone()).or_default() += want - shipped;
                    }
                }
            }
            // Gift bundles: a few a day per warehouse, shipped whole or not at all.
            for (b, (gift, price)) in gifts.iter().enumerate() {
                for (w, (loc, share)) in YEAR_WAREHOUSES.iter().enumerate() {
                    let want = rng.poisson(GIFT_RATE * share);
                    if want == 0 {
                        continue;
                    }
                    let q = Decimal::from(want);
                    let can = ledger.sellable(gift, Some(loc), t)?.quantity;
                    if can < q {
                        run.bundles.1 += want;
                        continue;
                    }
                    let reference = format!("G-{day}-{b}-{w}");
                    ledger.ship_bundle(gift, loc, q, t + 13 * 3600, None, reference)?;
                    run.bundles.0 += want;
                    run.bundles.2 += *price * q;
                    run.revenue += *price * q;
                }
            }
        }
        // 5. Pay what falls due this week, on its due date's terms (no early discount).
        let end = monday + 7 * DAY;
        for due in ledger.payment_schedule()? {
            if due.kind != inventory_core::purchasing::PaymentKind::Committed || due.due >= end {
                continue;
            }
            if paid_items
                .insert((due.order.clone(), due.document.clone()), ())
                .is_some()
            {
                continue;
            }
            payment += 1;
            ledger.record_payment(&due.order, format!("PAY-{payment}"), due.amount, end - 3600)?;
            run.paid += due.amount;
        }
    }
    run.ledger = ledger;
    run.catalogue = catalogue;
    Ok(run)
}

fn pct(x: f64) -> String {
    format!("{:.1} %", 100.0 * x)
}

impl YearRun {
    /// Units sold, COGS and closing value over the year (stocked SKUs).
    fn totals(&self) -> Result<(Decimal, Decimal), Error> {
        let end = self.start + (self.config.weeks - 1) * 7 * DAY;
        let acts = inventory_core::metrics::activity_all(&self.ledger, self.start, end)?;
        let stocked = |sku: &str| self.catalogue.iter().any(|k| k.sku == sku && !k.dropship);
        let acts = acts.iter().filter(|a| stocked(&a.sku));
        let (units, cogs) = acts.fold((Decimal::ZERO, Decimal::ZERO), |(u, c), a| {
            (u + a.units_sold, c + a.cogs)
        });
        Ok((units, cogs))
    }

    /// The owner's report.
    ///
    /// # Errors
    /// Any engine error from the queries.
    pub fn report(&self) -> Result<String, Error> {
        use std::fmt::Write;
        let mut out = String::new();
        let w = &mut out;
        let (units, cogs) = self.totals()?;
        let stocked = self.catalogue.iter().filter(|k| !k.dropship).count();
        let _ = writeln!(
            w,
            "A YEAR OF THE STORE ({} weeks from Monday 4 January 2027, then next week's plan)",
            self.config.weeks - 1
        );
        let _ = writeln!(
            w,
            "{} SKUs ({} stocked, {} dropshipped) in {} warehouses, bought from {} suppliers.",
            self.catalogue.len(),
            stocked,
            self.catalogue.len() - stocked,
            YEAR_WAREHOUSES.len(),
            YEAR_SUPPLIERS.len()
        );
        let _ = writeln!(w);
        let _ = writeln!(w, "SERVICE");
        let fill = self.served as f64 / self.demanded.max(1) as f64;
        let in_stock = 1.0 - self.demand_days.1 as f64 / self.demand_days.0.max(1) as f64;
        let _ = writeln!(
            w,
            "  Fill rate (units shipped the day they were asked for): {} ({} of {} units)",
            pct(fill),
            self.served,
            self.demanded
        );
        let _ = writeln!(
            w,
            "  Days with every order served in full: {} of warehouse-days with demand",
            pct(in_stock)
        );
        let _ = writeln!(
            w,
            "  Warehouse-days with a stockout: {}",
            self.demand_days.1
        );
        let mut worst: Vec<(&String, &i64)> = self.lost.iter().collect();
        worst.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let worst: Vec<String> = worst
            .iter()
            .take(5)
            .map(|(k, v)| format!("{k} ({v})"))
            .collect();
        let _ = writeln!(w, "  Most units lost: {}", worst.join(", "));
        let _ = writeln!(w, "  Customer returns: {} units", self.returned);
        let _ = writeln!(
            w,
            "  Gift bundles ({} kinds, shipped whole or not at all): {} sold for {:.2}, {} not sold for a missing part",
            YEAR_GIFTS, self.bundles.0, self.bundles.2, self.bundles.1
        );
        let _ = writeln!(w);
        let _ = writeln!(w, "MONEY");
        let revenue = self.revenue + self.dropship.0;
        let all_cogs = cogs + self.dropship.1;
        let margin = revenue - all_cogs;
        let _ = writeln!(
            w,
            "  Revenue {:.2}, cost of goods sold {:.2} (stocked {:.2}, dropshipped {:.2})",
            revenue, all_cogs, cogs, self.dropship.1
        );
        let _ = writeln!(
            w,
            "  Gross margin {:.2} ({})",
            margin,
            pct(margin.to_f64().unwrap_or(0.0) / revenue.to_f64().unwrap_or(1.0))
        );
        let avg: Decimal = self.weekly_value.iter().copied().sum::<Decimal>()
            / Decimal::from(self.weekly_value.len().max(1));
        let closing = self.ledger.total_value()?;
        let turns = cogs.to_f64().unwrap_or(0.0) / avg.to_f64().unwrap_or(1.0).max(1e-9);
        let _ = writeln!(
            w,
            "  Inventory value: {:.2} at the end, {:.2} on average; {} units sold from stock",
            closing,
            avg.round_dp(2),
            units
        );
        let _ = writeln!(
            w,
            "  Turnover {turns:.1} a year, {:.0} days of inventory",
            364.0 / turns.max(1e-9)
        );
        let _ = writeln!(w);
        let _ = writeln!(w, "BUYING");
        let _ = writeln!(
            w,
            "  Purchase orders placed {}, transfers between warehouses {}",
            self.orders_placed, self.transfers
        );
        let _ = writeln!(
            w,
            "  {:<22} {:>8} {:>8} {:>8} {:>10}",
            "supplier", "on time", "fill", "damaged", "lead (d)"
        );
        for s in &YEAR_SUPPLIERS {
            let p = self.ledger.supplier_performance(s.id, None)?;
            let f = |x: Option<f64>| x.map_or("-".to_string(), pct);
            let _ = writeln!(
                w,
                "  {:<22} {:>8} {:>8} {:>8} {:>10}",
                s.name,
                f(p.on_time_rate),
                f(p.fill_rate),
                f(p.damage_rate),
                p.lead_time_mean_days
                    .map_or("-".into(), |x| format!("{x:.1}"))
            );
        }
        let dropship: Vec<_> = self
            .ledger
            .order_ids()
            .iter()
            .filter_map(|id| self.ledger.order(id).ok())
            .filter(|o| o.dropship)
            .collect();
        let awaited = dropship
            .iter()
            .filter(|o| o.lines.iter().any(|l| !l.open.is_zero()))
            .count();
        let _ = writeln!(
            w,
            "  Dropship orders sent to suppliers {}, {} still on their way to customers",
            dropship.len(),
            awaited
        );
        let schedule = self.ledger.payment_schedule()?;
        let owed = |kind| -> Decimal {
            schedule
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| p.amount)
                .sum()
        };
        let _ = writeln!(
            w,
            "  Paid to suppliers {:.2}; owed for goods received {:.2}; on order {:.2}",
            self.paid,
            owed(inventory_core::purchasing::PaymentKind::Committed),
            owed(inventory_core::purchasing::PaymentKind::Expected)
        );
        let _ = writeln!(w);
        let _ = writeln!(w, "ABC/XYZ (last 13 weeks) AND THE POLICY EACH CLASS GOT");
        let end = self.start + (self.config.weeks - 1) * 7 * DAY;
        let classes = classes_from_ledger(&self.ledger, end - 91 * DAY, end)?;
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for c in &classes {
            *counts
                .entry((c.abc.to_string(), c.xyz.to_string()))
                .or_default() += 1;
        }
        for ((a, x), n) in &counts {
            let abc = match a.as_str() {
                "A" => inventory_core::classify::AbcClass::A,
                "B" => inventory_core::classify::AbcClass::B,
                _ => inventory_core::classify::AbcClass::C,
            };
            let xyz = match x.as_str() {
                "X" => inventory_core::classify::XyzClass::X,
                "Y" => inventory_core::classify::XyzClass::Y,
                _ => inventory_core::classify::XyzClass::Z,
            };
            let s = self.table.settings(abc, xyz);
            let review = s.policy.review_days();
            let service = match s.policy {
                Policy::JustInTime { .. } => "no safety stock".to_string(),
                _ => format!("{} cycle service", pct(s.service_level)),
            };
            let _ = writeln!(
                w,
                "  {a}{x}: {n:>3} SKUs  {}{}, {service}",
                s.policy.name(),
                if review > 0 {
                    format!(" every {review} days")
                } else {
                    String::new()
                },
            );
        }
        let _ = writeln!(w);
        let plan = &self.last_plan;
        let _ = writeln!(
            w,
            "THIS WEEK'S SUGGESTIONS ({} transfers first)",
            plan.transfers.len()
        );
        for o in &plan.orders {
            let name = YEAR_SUPPLIERS
                .iter()
                .find(|s| s.id == o.supplier)
                .map_or(o.supplier.as_str(), |s| s.name);
            let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
            for l in &o.lines {
                *reasons.entry(l.reason.as_str()).or_default() += 1;
            }
            let reasons: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
            let _ = writeln!(
                w,
                "  {name}: {} lines, {:.2} ({})",
                o.lines.len(),
                o.total,
                reasons.join(", ")
            );
            let mut top: Vec<_> = o.lines.iter().collect();
            top.sort_by(|a, b| b.value.cmp(&a.value).then(a.sku.cmp(&b.sku)));
            for l in top.iter().take(3) {
                let _ = writeln!(
                    w,
                    "    {} to {}: {} at {} = {:.2}  (position {} vs reorder point {:.1})",
                    l.sku,
                    l.location,
                    l.quantity,
                    l.unit_price,
                    l.value,
                    l.position,
                    l.reorder_point
                );
            }
        }
        let mut alerts: BTreeMap<&str, usize> = BTreeMap::new();
        for a in &plan.alerts {
            *alerts.entry(a.kind.as_str()).or_default() += 1;
        }
        let alerts: Vec<String> = alerts.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let _ = writeln!(w, "  Alerts: {}", alerts.join(", "));
        Ok(out)
    }
}
