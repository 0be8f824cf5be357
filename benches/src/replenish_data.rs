//! The replenishment workload: a ledger with stock at every SKU × location, ten suppliers
//! with price breaks, MOQs, pack sizes and quoted lead times, open purchase orders, and a
//! daily forecast per SKU × location; plus the simulation workload.
//!
//! ```
//! use inventory_benches::replenish_data::{ReplenishConfig, ReplenishWorkload};
//!
//! let w = ReplenishWorkload::new(&ReplenishConfig::small());
//! let plan = w.ledger.plan(&w.request(1)).unwrap();
//! assert_eq!(plan.items.len(), w.config.skus * w.config.locations);
//! assert!(!plan.orders.is_empty());
//! ```

use inventory_core::policy::DiscountKind;
use inventory_core::purchasing::{NewLine, PaymentTerms, PriceBreak, Supplier, SupplierItem};
use inventory_core::replenish::{
    DemandForecast, PlanRequest, PooledForecast, SimConfig, SimDemand, SimPolicy,
};
use inventory_core::{Decimal, Ledger, Movement, Period};

use crate::{location_name, sku_name, Rng};

const DAY: i64 = 86_400;

/// The size and shape of the replenishment workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplenishConfig {
    /// SKUs.
    pub skus: usize,
    /// Locations.
    pub locations: usize,
    /// Suppliers (SKU `i` is sold by supplier `i % suppliers`).
    pub suppliers: usize,
    /// Days forecast and projected.
    pub horizon_days: u32,
    /// Open purchase orders (10 lines each).
    pub open_orders: usize,
    /// Seed.
    pub seed: u64,
}

impl ReplenishConfig {
    /// The issue's workload: 100,000 SKUs × 3 locations, 10 suppliers, 26 weeks.
    pub fn full() -> Self {
        ReplenishConfig {
            skus: 100_000,
            locations: 3,
            suppliers: 10,
            horizon_days: 182,
            open_orders: 10_000,
            seed: 14,
        }
    }

    /// A small one, for tests.
    pub fn small() -> Self {
        ReplenishConfig {
            skus: 200,
            locations: 3,
            suppliers: 10,
            horizon_days: 182,
            open_orders: 20,
            seed: 14,
        }
    }
}

/// The ledger and forecasts of a planning run.
#[derive(Debug)]
pub struct ReplenishWorkload {
    /// The configuration.
    pub config: ReplenishConfig,
    /// Stock, suppliers and open orders.
    pub ledger: Ledger,
    /// One forecast per SKU × location.
    pub demand: Vec<DemandForecast>,
    /// The as-of time.
    pub as_of: i64,
}

impl ReplenishWorkload {
    /// Builds the workload (deterministic).
    pub fn new(config: &ReplenishConfig) -> Self {
        let mut rng = Rng(config.seed);
        let d = Decimal::from;
        let mut ledger = Ledger::new();
        // Suppliers: lead times 5–30 days quoted, σ a fifth; three all-units breaks.
        let mut suppliers: Vec<Supplier> = (0..config.suppliers)
            .map(|s| {
                Supplier::new(
                    format!("SUP-{s:02}"),
                    format!("Supplier {s}"),
                    PaymentTerms::net(30),
                )
            })
            .collect();
        let mut base_price = Vec::with_capacity(config.skus);
        let mut pack = Vec::with_capacity(config.skus);
        for i in 0..config.skus {
            let s = i % config.suppliers;
            let price = Decimal::new(rng.range(150, 9_000), 2);
            let pk = [1, 1, 6, 12, 24][rng.below(5) as usize];
            let lead = 5.0 + (s * 25 / config.suppliers.max(1)) as f64;
            base_price.push(price);
            pack.push(pk);
            let p = |pct: i64| (price * Decimal::new(100 - pct, 2)).round_dp(2);
            suppliers[s].items.push(
                SupplierItem::new(sku_name(i), price, lead)
                    .prices(
                        DiscountKind::AllUnits,
                        vec![
                            PriceBreak::new(d(0), price),
                            PriceBreak::new(d(100), p(5)),
                            PriceBreak::new(d(500), p(10)),
                        ],
                    )
                    .lead_time_std(lead / 5.0)
                    .pack_size(d(pk))
                    .min_order_quantity(d(pk * 2))
                    .preferred(true),
            );
        }
        for s in suppliers {
            ledger.set_supplier(s, 0).expect("valid supplier");
        }
        // Stock: 0–300 at every SKU × location, and a mean daily demand 0.2–20.
        let mut receipts = Vec::with_capacity(config.skus * config.locations);
        let mut means = Vec::with_capacity(config.skus * config.locations);
        for (i, price) in base_price.iter().enumerate() {
            for l in 0..config.locations {
                let q = rng.range(0, 300);
                if q > 0 {
                    receipts.push(Movement::receive(
                        sku_name(i),
                        location_name(l),
                        d(q),
                        *price,
                        0,
                    ));
                }
                means.push(rng.range(2, 200) as f64 / 10.0);
            }
        }
        ledger.post_batch(receipts).expect("valid receipts");
        // Open orders: 10 lines of random SKUs of one supplier, expected within 40 days.
        for o in 0..config.open_orders {
            let s = o % config.suppliers;
            let per_supplier = config.skus / config.suppliers;
            let lines: Vec<NewLine> = (0..10)
                .map(|k| {
                    let i = s + config.suppliers * rng.below(per_supplier.max(1) as u64) as usize;
                    let qty = d(pack[i] * rng.range(4, 20));
                    NewLine::new(
                        k + 1,
                        sku_name(i),
                        location_name(rng.below(config.locations as u64) as usize),
                        qty,
                        rng.range(1, 40) * DAY,
                    )
                })
                .collect();
            let id = format!("PO-{o:06}");
            ledger
                .create_order(&id, format!("SUP-{s:02}"), lines, 0)
                .expect("valid order");
            ledger.place_order(&id, 0).expect("valid order");
        }
        // Forecasts: the mean with a weekly pattern (+20 % on weekends) and a slow trend.
        let h = config.horizon_days as usize;
        let mut demand = Vec::with_capacity(means.len());
        for i in 0..config.skus {
            for l in 0..config.locations {
                let m = means[i * config.locations + l];
                let daily = (0..h)
                    .map(|t| {
                        let week = if t % 7 >= 5 { 1.2 } else { 0.92 };
                        m * week * (1.0 + 0.001 * t as f64)
                    })
                    .collect();
                demand.push(DemandForecast {
                    sku: sku_name(i),
                    location: location_name(l),
                    daily,
                    daily_std: m.sqrt(),
                });
            }
        }
        ReplenishWorkload {
            config: config.clone(),
            ledger,
            demand,
            as_of: DAY,
        }
    }

    /// The planning request: the default (s, Q) policy with the EOQ, a weekly projection,
    /// on `threads`.
    pub fn request(&self, threads: usize) -> PlanRequest {
        PlanRequest::new(self.as_of, self.demand.clone())
            .horizon_days(self.config.horizon_days)
            .projection(Period::Week)
            .threads(threads)
    }
}

/// The simulation workload: `skus` SKUs of normal demand (means 1–50 a day, σ a third),
/// each run for `days` days under four policies with levels set from its mean.
pub fn simulation_runs(skus: usize, days: usize, seed: u64) -> Vec<(SimConfig, Vec<SimPolicy>)> {
    let mut rng = Rng(seed);
    (0..skus)
        .map(|i| {
            let mean = rng.range(10, 500) as f64 / 10.0;
            let sd = mean / 3.0;
            let lead = 7.0;
            let mut c = SimConfig::new(SimDemand::Normal { mean, std_dev: sd });
            c.days = days;
            c.lead_time_days = lead;
            c.lead_time_std_days = 1.0;
            c.start_on_hand = mean * 14.0;
            c.seed = seed ^ i as u64;
            let r = mean * lead + 1.65 * sd * lead.sqrt();
            let q = mean * 14.0;
            let policies = vec![
                SimPolicy::ReorderPoint { r, q },
                SimPolicy::MinMax { s: r, big_s: r + q },
                SimPolicy::OrderUpTo {
                    review_days: 7,
                    big_s: mean * 14.0 + 1.65 * sd * 14f64.sqrt(),
                },
                SimPolicy::PeriodicMinMax {
                    review_days: 7,
                    s: mean * 14.0,
                    big_s: mean * 28.0,
                },
            ];
            (c, policies)
        })
        .collect()
}

/// The pooled-forecast workload: `skus` SKUs stocked at `locations` locations, each sold
/// every week for 13 weeks at each location (39 shipments per SKU at 3 locations), and a
/// pooled daily forecast of 182 days per SKU, split at the end of the 13 weeks.
pub struct PooledWorkload {
    /// The ledger.
    pub ledger: Ledger,
    /// One pooled forecast per SKU.
    pub pooled: Vec<PooledForecast>,
    /// The as-of time of the split (the day after the last week).
    pub as_of: i64,
}

impl PooledWorkload {
    /// The workload (deterministic for a seed).
    pub fn new(skus: usize, locations: usize, seed: u64) -> Self {
        let mut rng = Rng(seed);
        let mut ledger = Ledger::new();
        let mut moves = Vec::with_capacity(skus * locations * 14);
        let mut pooled = Vec::with_capacity(skus);
        for i in 0..skus {
            let mut total = 0;
            for l in 0..locations {
                moves.push(Movement::receive(
                    sku_name(i),
                    location_name(l),
                    Decimal::from(10_000),
                    Decimal::ONE,
                    0,
                ));
            }
            for week in 0..13 {
                for l in 0..locations {
                    let q = rng.range(1, 60);
                    total += q;
                    moves.push(Movement::ship(
                        sku_name(i),
                        location_name(l),
                        Decimal::from(q),
                        (week * 7 + 1) * DAY,
                    ));
                }
            }
            let mean = total as f64 / 91.0;
            pooled.push(PooledForecast::new(
                sku_name(i),
                vec![mean; 182],
                mean.sqrt(),
            ));
        }
        ledger.post_batch(moves).expect("valid movements");
        PooledWorkload {
            ledger,
            pooled,
            as_of: 92 * DAY,
        }
    }
}
