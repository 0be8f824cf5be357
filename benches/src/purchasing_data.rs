//! The purchasing workload: 100,000 purchase orders of 10 lines over 10,000 SKUs × 5
//! locations from 10 suppliers, placed, confirmed (a fifth with a changed line), received
//! in 1–3 partial receipts with some damaged units, a tenth closed short, a third charged
//! freight weeks after the last receipt, and paid; every event in time order.
//!
//! ```
//! use inventory_benches::purchasing_data::{PurchasingConfig, PurchasingWorkload};
//! use inventory_core::Ledger;
//!
//! let w = PurchasingWorkload::new(&PurchasingConfig::small());
//! let mut ledger = Ledger::new();
//! for s in &w.suppliers {
//!     ledger.set_supplier(s.clone(), 0).unwrap();
//! }
//! for e in &w.events {
//!     ledger.purchase(e.clone()).unwrap();
//! }
//! assert_eq!(ledger.order_ids().len(), w.config.orders);
//! ```

use inventory_core::policy::DiscountKind;
use inventory_core::purchasing::{
    Allocation, Charge, ChargeKind, LineChange, NewLine, PaymentTerms, PriceBreak, PurchaseEvent,
    PurchaseEventKind, ReceiptLine, Supplier, SupplierItem,
};
use inventory_core::{Decimal, Timestamp};

use crate::{location_name, sku_name, Rng};

const DAY: i64 = 86_400;

/// The size and shape of the purchasing workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchasingConfig {
    /// Purchase orders.
    pub orders: usize,
    /// Lines per order.
    pub lines: usize,
    /// SKUs.
    pub skus: usize,
    /// Locations.
    pub locations: usize,
    /// Suppliers (SKU `i` is sold by supplier `i % suppliers`).
    pub suppliers: usize,
    /// Seconds between two orders.
    pub spacing: i64,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for PurchasingConfig {
    /// The issue's workload: 100,000 orders of 10 lines, 10,000 SKUs × 5 locations.
    fn default() -> Self {
        PurchasingConfig {
            orders: 100_000,
            lines: 10,
            skus: 10_000,
            locations: 5,
            suppliers: 10,
            spacing: 60,
            seed: 0x0B0E_5EED,
        }
    }
}

impl PurchasingConfig {
    /// A small workload for tests (1,000 orders, 100 SKUs).
    pub fn small() -> Self {
        PurchasingConfig {
            orders: 1_000,
            skus: 100,
            spacing: 6_000,
            ..PurchasingConfig::default()
        }
    }
}

/// Events of each kind in the workload.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurchasingMix {
    /// Orders created.
    pub create: usize,
    /// Orders placed.
    pub place: usize,
    /// Confirmations.
    pub confirm: usize,
    /// Receipts.
    pub receive: usize,
    /// Lines closed short.
    pub close_short: usize,
    /// Freight charges.
    pub charge: usize,
    /// Payments.
    pub pay: usize,
}

/// A deterministic purchasing workload. See the [module documentation](self).
#[derive(Debug, Clone)]
pub struct PurchasingWorkload {
    /// The configuration it was built from.
    pub config: PurchasingConfig,
    /// The suppliers, to be set first.
    pub suppliers: Vec<Supplier>,
    /// The events, in time order.
    pub events: Vec<PurchaseEvent>,
    /// What the events are made of.
    pub mix: PurchasingMix,
    /// The time at which half of the orders have been created.
    pub midpoint: Timestamp,
}

/// The first order's time.
pub const START: Timestamp = 1_700_000_000;

impl PurchasingWorkload {
    /// Builds the workload.
    pub fn new(config: &PurchasingConfig) -> Self {
        let mut rng = Rng(config.seed);
        let d = |v: i64, scale: u32| Decimal::new(v, scale);
        let suppliers: Vec<Supplier> = (0..config.suppliers)
            .map(|s| {
                let mut sup = Supplier::new(
                    format!("SUP-{s:02}"),
                    format!("Supplier {s}"),
                    PaymentTerms::net(30).with_discount(d(2, 0), 10),
                );
                for i in (s..config.skus).step_by(config.suppliers) {
                    let base = 200 + (i as i64 * 37) % 2_000;
                    sup = sup.item(
                        SupplierItem::new(sku_name(i), d(base, 2), 10.0 + (i % 7) as f64)
                            .prices(
                                DiscountKind::AllUnits,
                                vec![
                                    PriceBreak::new(d(0, 0), d(base, 2)),
                                    PriceBreak::new(d(120, 0), d(base * 95 / 100, 2)),
                                ],
                            )
                            .min_order_quantity(d(12, 0))
                            .pack_size(d(12, 0))
                            .lead_time_std(2.0)
                            .preferred(true),
                    );
                }
                sup
            })
            .collect();
        let mut events: Vec<(Timestamp, usize, PurchaseEvent)> = Vec::new();
        let mut mix = PurchasingMix::default();
        let mut push = |t: Timestamp, kind: PurchaseEventKind| {
            let n = events.len();
            events.push((t, n, PurchaseEvent::new(kind, t)));
        };
        let per_supplier = config.skus / config.suppliers;
        for k in 0..config.orders {
            let t0 = START + k as i64 * config.spacing;
            let s = k % config.suppliers;
            let order = format!("PO-{k:06}");
            let expected = t0 + 14 * DAY;
            let mut quantities = Vec::with_capacity(config.lines);
            let lines: Vec<NewLine> = (0..config.lines)
                .map(|j| {
                    let sku = s + config.suppliers * rng.below(per_supplier as u64) as usize;
                    let loc = rng.below(config.locations as u64) as usize;
                    let q = 12 * rng.range(1, 20);
                    quantities.push(q);
                    NewLine::new(
                        j as u32 + 1,
                        sku_name(sku),
                        location_name(loc),
                        d(q, 0),
                        expected,
                    )
                })
                .collect();
            push(
                t0,
                PurchaseEventKind::CreateOrder {
                    order: order.clone(),
                    supplier: suppliers[s].id.clone(),
                    lines,
                },
            );
            mix.create += 1;
            push(
                t0 + 3_600,
                PurchaseEventKind::PlaceOrder {
                    order: order.clone(),
                },
            );
            mix.place += 1;
            // A fifth of the confirmations change a line: 12 fewer units, two days later.
            let mut changes = Vec::new();
            if rng.below(5) == 0 {
                let j = rng.below(config.lines as u64) as usize;
                if quantities[j] > 12 {
                    quantities[j] -= 12;
                    changes.push(
                        LineChange::new(j as u32 + 1)
                            .quantity(d(quantities[j], 0))
                            .expected(expected + 2 * DAY),
                    );
                }
            }
            push(
                t0 + DAY,
                PurchaseEventKind::ConfirmOrder {
                    order: order.clone(),
                    changes,
                },
            );
            mix.confirm += 1;
            // 1–3 receipts, days 10, 12 and 14; a tenth of the orders miss 12 units of
            // their first line, closed short on day 16.
            let receipts = rng.range(1, 3) as usize;
            let short = rng.below(10) == 0 && quantities[0] > 12;
            let mut left = quantities.clone();
            if short {
                left[0] -= 12;
            }
            for r in 0..receipts {
                let last = r + 1 == receipts;
                let lines: Vec<ReceiptLine> = (0..config.lines)
                    .filter_map(|j| {
                        let q = if last {
                            left[j]
                        } else {
                            left[j] / (receipts - r) as i64
                        };
                        if q == 0 {
                            return None;
                        }
                        left[j] -= q;
                        let damaged = i64::from(rng.below(50) == 0).min(q);
                        Some(
                            ReceiptLine::new(j as u32 + 1, d(q - damaged, 0))
                                .damaged(d(damaged, 0)),
                        )
                    })
                    .collect();
                push(
                    t0 + (10 + 2 * r as i64) * DAY,
                    PurchaseEventKind::ReceiveOrder {
                        order: order.clone(),
                        receipt: format!("GRN-{k:06}-{r}"),
                        lines,
                    },
                );
                mix.receive += 1;
            }
            if short {
                push(
                    t0 + 16 * DAY,
                    PurchaseEventKind::CloseShort {
                        order: order.clone(),
                        line: Some(1),
                    },
                );
                mix.close_short += 1;
            }
            // A third are charged freight 20–30 days after placing, by value.
            if rng.below(3) == 0 {
                let amount = d(rng.range(1_000, 20_000), 2);
                push(
                    t0 + rng.range(20, 30) * DAY,
                    PurchaseEventKind::AddCharge {
                        order: order.clone(),
                        charge: Charge::new(format!("FRT-{k:06}"), ChargeKind::Freight, amount)
                            .allocation(Allocation::ByValue),
                    },
                );
                mix.charge += 1;
            }
            push(
                t0 + 25 * DAY,
                PurchaseEventKind::RecordPayment {
                    order,
                    payment: format!("PAY-{k:06}"),
                    amount: d(100, 0),
                },
            );
            mix.pay += 1;
        }
        events.sort_by_key(|e| (e.0, e.1));
        PurchasingWorkload {
            config: config.clone(),
            suppliers,
            events: events.into_iter().map(|e| e.2).collect(),
            mix,
            midpoint: START + (config.orders / 2) as i64 * config.spacing,
        }
    }
}
