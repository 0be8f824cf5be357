//! Runnable examples of the inventory engine (see `examples/`).
//!
//! The main job lives here so that the example binary (`cargo run --release --example
//! store_report`) and the tests (`examples/tests/run_example.rs`) run the same code:
//!
//! ```
//! let report = inventory_examples::store_report().unwrap();
//! assert!(report.contains("COGS"));
//! ```
//!
//! [`simulate`] plays 90 days of an online store (3 warehouses, 12 SKUs, 2 suppliers) on
//! built-in, deterministic sample data and posts every movement and purchase-order event
//! into three ledgers that differ only in their costing method (FIFO, LIFO, moving
//! average); [`StoreRun::report`] prints what a store owner wants to know from them.

pub mod year;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use inventory_core::ledger::{date_label, day_of, days_from_civil, SECONDS_PER_DAY};
use inventory_core::purchasing::{
    Charge, ChargeKind, NewLine, PaymentKind, PaymentTerms, PurchaseEvent, PurchaseEventKind,
    PurchaseOutcome, ReceiptLine, Supplier, SupplierItem,
};
use inventory_core::{
    AdjustReason, Condition, CostMethod, Decimal, Error, Ledger, LedgerConfig, Movement,
    MovementKind, Outcome, Period, Timestamp,
};

/// The warehouses, in report order.
pub const WAREHOUSES: [&str; 3] = ["BER-1", "HAM-2", "3PL-MUC"];

/// Share of orders (percent) each warehouse is asked to fill first.
const SHARE_PCT: [u64; 3] = [55, 35, 10];

/// Days simulated.
pub const DAYS: i64 = 90;

/// One supplier of the sample store: who, on what terms, how long it quotes for delivery
/// (days, σ), and how long it really takes (the fewest and most days).
#[derive(Debug, Clone, Copy)]
pub struct Vendor {
    /// The supplier's id.
    pub id: &'static str,
    /// Its name.
    pub name: &'static str,
    /// Net payment days.
    pub net_days: u32,
    /// Early-payment discount (percent, days), if any.
    pub discount: Option<(i64, u32)>,
    /// The quoted lead time in days and its standard deviation.
    pub quoted: (f64, f64),
    /// The fewest and the most days a delivery really takes.
    pub actual: (i64, i64),
    /// Freight per unit received, in cents, invoiced three days after each receipt.
    pub freight_cents: i64,
}

/// The suppliers: ceramics and paper from Kassel, textiles from a Nordic printer.
pub const VENDORS: [Vendor; 2] = [
    Vendor {
        id: "KWK",
        name: "Keramik Werk Kassel",
        net_days: 14,
        discount: None,
        quoted: (4.0, 1.0),
        actual: (4, 6),
        freight_cents: 0,
    },
    Vendor {
        id: "NPT",
        name: "Nordic Print & Textile",
        net_days: 30,
        discount: Some((2, 10)),
        quoted: (6.0, 1.5),
        actual: (5, 9),
        freight_cents: 35,
    },
];

/// Which supplier sells a product of the catalogue (index into [`VENDORS`]).
pub fn vendor_of(product: usize) -> usize {
    match CATALOGUE[product].sku.split('-').next() {
        Some("MUG" | "POSTER" | "NOTE" | "BOTTLE") => 0,
        _ => 1,
    }
}

/// One product of the sample store.
#[derive(Debug, Clone, Copy)]
pub struct Product {
    /// The SKU.
    pub sku: &'static str,
    /// What the store owner calls it.
    pub name: &'static str,
    /// Purchase cost on day 1, in cents.
    pub cost_cents: i64,
    /// Sale price, in cents.
    pub price_cents: i64,
    /// Orders per day, times ten.
    pub orders_per_10_days: u64,
    /// Opening stock at BER-1 and HAM-2.
    pub opening: [i64; 2],
}

/// The catalogue of the sample store.
pub const CATALOGUE: [Product; 12] = [
    p("MUG-WHT", "Mug, white 330 ml", 380, 1290, 40, [120, 80]),
    p("MUG-BLK", "Mug, black 330 ml", 395, 1290, 25, [80, 60]),
    p("TEE-BLK-M", "T-shirt black, M", 610, 2490, 35, [100, 60]),
    p("TEE-BLK-L", "T-shirt black, L", 610, 2490, 30, [90, 60]),
    p("TEE-WHT-M", "T-shirt white, M", 590, 2490, 20, [60, 40]),
    p("HOOD-GRY-L", "Hoodie grey, L", 1850, 5490, 12, [40, 30]),
    p("TOTE-NAT", "Canvas tote, natural", 240, 1490, 22, [80, 60]),
    p("CAP-NAV", "Baseball cap, navy", 420, 1990, 10, [30, 30]),
    p("POSTER-A3", "Poster A3 'Skyline'", 150, 990, 15, [50, 30]),
    p("NOTE-A5", "Notebook A5, dotted", 260, 890, 18, [60, 40]),
    p("BOTTLE-750", "Steel bottle 750 ml", 690, 2290, 14, [40, 30]),
    p("SOCKS-3PK", "Socks, 3-pack", 330, 1190, 28, [90, 60]),
];

const fn p(
    sku: &'static str,
    name: &'static str,
    cost_cents: i64,
    price_cents: i64,
    orders_per_10_days: u64,
    opening: [i64; 2],
) -> Product {
    Product {
        sku,
        name,
        cost_cents,
        price_cents,
        orders_per_10_days,
        opening,
    }
}

/// SplitMix64: a tiny, fixed pseudo-random generator, so every run is identical.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// `true` with probability `pct` percent.
    fn pct(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    /// Uniform on (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A Poisson draw (Knuth below 30, a rounded normal above).
    fn poisson(&mut self, mean: f64) -> i64 {
        if mean <= 0.0 {
            return 0;
        }
        if mean > 30.0 {
            let z = inventory_core::stats::inv_cdf(self.uniform());
            return (mean + mean.sqrt() * z).round().max(0.0) as i64;
        }
        let limit = (-mean).exp();
        let (mut k, mut p) = (0i64, 1.0);
        loop {
            p *= self.uniform();
            if p <= limit {
                return k;
            }
            k += 1;
        }
    }
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

fn units(q: i64) -> Decimal {
    Decimal::from(q)
}

/// The three ledgers fed with the same movements, and the clock of the simulation.
struct Books {
    fifo: Ledger,
    lifo: Ledger,
    avg: Ledger,
}

impl Books {
    fn new() -> Result<Self, Error> {
        let l = |m| Ledger::with_config(LedgerConfig::new().costing(m));
        Ok(Books {
            fifo: l(CostMethod::Fifo)?,
            lifo: l(CostMethod::Lifo)?,
            avg: l(CostMethod::MovingAverage)?,
        })
    }

    /// Posts one movement into all three ledgers; returns the FIFO outcome.
    fn post(&mut self, m: Movement) -> Result<Outcome, Error> {
        self.lifo.post(m.clone())?;
        self.avg.post(m.clone())?;
        self.fifo.post(m)
    }

    /// Posts one purchasing event into all three ledgers; returns the FIFO outcome.
    fn purchase(&mut self, e: PurchaseEvent) -> Result<PurchaseOutcome, Error> {
        self.lifo.purchase(e.clone())?;
        self.avg.purchase(e.clone())?;
        self.fifo.purchase(e)
    }

    fn available(&self, sku: &str, wh: &str) -> i64 {
        self.fifo
            .position(sku, Some(wh))
            .map(|p| p.available)
            .unwrap_or_default()
            .try_into()
            .unwrap_or(0)
    }
}

/// An order waiting to ship (reserved) the next morning.
struct OpenOrder {
    id: u64,
    product: usize,
    wh: usize,
    qty: i64,
}

/// A purchase order on its way: its lines (line number, product, warehouse, units) and the
/// deliveries the supplier will make (day, units per line).
struct Inbound {
    po: String,
    lines: Vec<(u32, usize, usize, i64)>,
    deliveries: Vec<(i64, Vec<i64>)>,
    /// Units of line 1 the supplier will never send (closed short after the last delivery).
    short: i64,
}

/// A shipment that will come back.
struct DueReturn {
    day: i64,
    product: usize,
    wh: usize,
    qty: i64,
    shipment: String,
}

/// Everything the simulation produced: the three ledgers and the facts the report shows.
#[derive(Debug, Clone)]
pub struct StoreRun {
    /// The FIFO ledger.
    pub fifo: Ledger,
    /// The LIFO ledger (same movements).
    pub lifo: Ledger,
    /// The moving-average ledger (same movements).
    pub avg: Ledger,
    /// Start of day 1 (UTC midnight, a Monday).
    pub start: Timestamp,
    /// End of the last day.
    pub end: Timestamp,
    /// Units of the opening stock (posted as one batch).
    pub opening_units: Decimal,
    /// Value of the opening stock.
    pub opening_value: Decimal,
    /// Value of every receipt (opening stock and purchases), at cost.
    pub purchases: Decimal,
    /// Revenue per SKU: units shipped × price, less refunds of returned units.
    pub revenue: BTreeMap<&'static str, Decimal>,
    /// Net units sold per SKU (shipped − returned).
    pub net_units: BTreeMap<&'static str, Decimal>,
    /// Orders placed, cancelled, and turned away for lack of stock.
    pub orders: (u64, u64, u64),
    /// Movements posted per kind.
    pub kinds: BTreeMap<&'static str, u64>,
    /// The outcome of posting an already-posted reservation again.
    pub duplicate: Outcome,
    /// Journal length before and after that repeated post.
    pub journal_len_around_duplicate: (usize, usize),
    /// The error that refused an oversized shipment.
    pub refused: String,
    /// Purchase orders placed, receipts posted, and freight charged (amount).
    pub purchasing: (u64, u64, Decimal),
}

/// Runs the 90-day sample store.
///
/// # Errors
/// Any [`Error`] of the ledger (none is expected: the simulation only posts what the stock
/// allows, apart from the one shipment it posts to show a refusal).
pub fn simulate() -> Result<StoreRun, Error> {
    let mut rng = Rng(0x5EED_2026);
    let mut books = Books::new()?;
    let start = days_from_civil(2026, 1, 5) * SECONDS_PER_DAY; // a Monday
    let mut kinds: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut revenue: BTreeMap<&'static str, Decimal> = BTreeMap::new();
    let mut net_units: BTreeMap<&'static str, Decimal> = BTreeMap::new();
    let mut purchases = Decimal::ZERO;

    // Opening stock, posted as one all-or-nothing batch.
    let mut opening = Vec::new();
    for (i, prod) in CATALOGUE.iter().enumerate() {
        for (w, &q) in prod.opening.iter().enumerate() {
            opening.push(
                Movement::receive(
                    prod.sku,
                    WAREHOUSES[w],
                    units(q),
                    cents(prod.cost_cents),
                    start + 60 * (i as i64),
                )
                .with_reference(format!("OPEN-{}-{}", prod.sku, WAREHOUSES[w])),
            );
        }
    }
    let mut opening_units = Decimal::ZERO;
    let mut opening_value = Decimal::ZERO;
    books.lifo.post_batch(opening.clone())?;
    books.avg.post_batch(opening.clone())?;
    for o in books.fifo.post_batch(opening)? {
        opening_units += o.quantity;
        opening_value += o.value;
        *kinds.entry("receive").or_default() += 1;
    }
    purchases += opening_value;

    // The suppliers, each selling its part of the catalogue at the day-1 cost.
    for (v, vendor) in VENDORS.iter().enumerate() {
        let mut terms = PaymentTerms::net(vendor.net_days);
        if let Some((pct, days)) = vendor.discount {
            terms = terms.with_discount(units(pct), days);
        }
        let mut supplier = Supplier::new(vendor.id, vendor.name, terms);
        for (i, prod) in CATALOGUE.iter().enumerate() {
            if vendor_of(i) == v {
                supplier = supplier.item(
                    SupplierItem::new(prod.sku, cents(prod.cost_cents), vendor.quoted.0)
                        .lead_time_std(vendor.quoted.1)
                        .min_order_quantity(units(12))
                        .preferred(true),
                );
            }
        }
        books.purchase(PurchaseEvent::new(
            PurchaseEventKind::SetSupplier { supplier },
            start,
        ))?;
    }

    let mut open_orders: Vec<OpenOrder> = Vec::new();
    let mut returns: Vec<DueReturn> = Vec::new();
    let mut on_order: BTreeMap<(usize, usize), String> = BTreeMap::new(); // → its PO
    let mut inbound: Vec<Inbound> = Vec::new();
    let mut freight_due: Vec<(i64, String, String, Decimal)> = Vec::new(); // day, PO, id, amount
    let (mut next_order, mut next_po, mut cancelled, mut lost) = (1u64, 1u64, 0u64, 0u64);
    let (mut receipts, mut freight, mut next_payment) = (0u64, Decimal::ZERO, 1u64);
    let mut last_order: Option<Movement> = None;

    for day in 0..DAYS {
        // Every event of a day gets its own minute from 06:00 on: times only go forward.
        let mut minute = 0i64;
        let mut clock = || {
            minute += 1;
            start + day * SECONDS_PER_DAY + 6 * 3600 + 60 * minute
        };

        // 1. Deliveries against purchase orders that arrive today: counted at the dock (now
        //    and then a unit is broken), received into stock at the order's price. A line
        //    the supplier cannot fill in full is closed short after its last delivery.
        for ib in &mut inbound {
            let Some(at) = ib.deliveries.iter().position(|d| d.0 == day) else {
                continue;
            };
            let (_, quantities) = ib.deliveries.remove(at);
            let mut lines = Vec::new();
            for (&(line, _, _, _), &q) in ib.lines.iter().zip(&quantities) {
                if q > 0 {
                    let broken = (i64::from(rng.pct(15)) * (1 + rng.below(2) as i64)).min(q);
                    lines.push(ReceiptLine::new(line, units(q - broken)).damaged(units(broken)));
                }
            }
            receipts += 1;
            let receipt = format!("GRN-{}-{}", ib.po, receipts);
            let got = books.purchase(PurchaseEvent::new(
                PurchaseEventKind::ReceiveOrder {
                    order: ib.po.clone(),
                    receipt: receipt.clone(),
                    lines,
                },
                clock(),
            ))?;
            for m in &got.movements {
                purchases += m.value;
                *kinds.entry("receive").or_default() += 1;
            }
            if ib.deliveries.is_empty() && ib.short > 0 {
                books.purchase(PurchaseEvent::new(
                    PurchaseEventKind::CloseShort {
                        order: ib.po.clone(),
                        line: Some(1),
                    },
                    clock(),
                ))?;
            }
            let vendor = &VENDORS[vendor_of(ib.lines[0].1)];
            if vendor.freight_cents > 0 {
                let received: i64 = quantities.iter().sum();
                let amount = cents(vendor.freight_cents * received);
                freight_due.push((day + 3, ib.po.clone(), format!("FRT-{receipt}"), amount));
            }
        }
        inbound.retain(|ib| !ib.deliveries.is_empty());
        for (i, w) in on_order.keys().copied().collect::<Vec<_>>() {
            let po = &on_order[&(i, w)];
            if !inbound.iter().any(|ib| &ib.po == po) {
                on_order.remove(&(i, w));
            }
        }
        // Freight invoices arrive three days after their delivery: a landed cost on that
        // receipt, part of it on units already sold.
        let (today, later): (Vec<_>, Vec<_>) = freight_due.drain(..).partition(|f| f.0 == day);
        freight_due = later;
        for (_, po, id, amount) in today {
            let receipt = id.trim_start_matches("FRT-").to_owned();
            let charge = Charge::new(id, ChargeKind::Freight, amount).receipts(vec![receipt]);
            let got = books.purchase(PurchaseEvent::new(
                PurchaseEventKind::AddCharge { order: po, charge },
                clock(),
            ))?;
            *kinds.entry("landed_cost").or_default() += got.movements.len() as u64;
            purchases += amount;
            freight += amount;
        }
        // Pay what falls due today, or what earns a discount if paid today.
        let tonight = start + (day + 1) * SECONDS_PER_DAY - 1;
        for due in books.fifo.payment_schedule()? {
            if due.kind != PaymentKind::Committed {
                continue;
            }
            // A discount is taken the day before its last day, so the payment is in time.
            let discounted = due
                .discount_until
                .is_some_and(|d| d <= tonight + SECONDS_PER_DAY);
            if due.due <= tonight || discounted {
                let amount = if discounted {
                    due.amount - due.discount
                } else {
                    due.amount
                };
                let payment = format!("PAY-{next_payment:04}");
                next_payment += 1;
                books.purchase(PurchaseEvent::new(
                    PurchaseEventKind::RecordPayment {
                        order: due.order,
                        payment,
                        amount,
                    },
                    clock(),
                ))?;
            }
        }

        // 2. Yesterday's orders ship (against their reservations).
        for o in std::mem::take(&mut open_orders) {
            let prod = &CATALOGUE[o.product];
            let shipment = format!("SHP-{:05}", o.id);
            let m = Movement::ship_reserved(
                prod.sku,
                WAREHOUSES[o.wh],
                units(o.qty),
                format!("ORD-{:05}", o.id),
                clock(),
            )
            .with_reference(shipment.clone());
            books.post(m)?;
            *kinds.entry("ship").or_default() += 1;
            *revenue.entry(prod.sku).or_default() += cents(prod.price_cents * o.qty);
            *net_units.entry(prod.sku).or_default() += units(o.qty);
            if rng.pct(6) {
                returns.push(DueReturn {
                    day: day + 4 + rng.below(9) as i64,
                    product: o.product,
                    wh: o.wh,
                    qty: 1 + rng.below(o.qty as u64) as i64,
                    shipment,
                });
            }
        }

        // 3. Customer returns due today: most by shipment (back at the cost they left
        //    with), some without paperwork (at the current cost); some not sellable.
        let (due, later): (Vec<_>, Vec<_>) = returns.drain(..).partition(|r| r.day == day);
        returns = later;
        for r in due {
            let prod = &CATALOGUE[r.product];
            let condition = match rng.below(100) {
                0..=64 => Condition::Sellable,
                65..=84 => Condition::Quarantine,
                _ => Condition::Damaged,
            };
            let with_paperwork = rng.pct(80);
            let m = Movement::new(
                MovementKind::CustomerReturn {
                    sku: prod.sku.into(),
                    location: WAREHOUSES[r.wh].into(),
                    quantity: units(r.qty),
                    condition,
                    shipment: with_paperwork.then(|| r.shipment.clone()),
                    unit_cost: None,
                },
                clock(),
            )
            .with_reference(format!("RET-{}", r.shipment));
            books.post(m)?;
            *kinds.entry("customer_return").or_default() += 1;
            *revenue.entry(prod.sku).or_default() -= cents(prod.price_cents * r.qty);
            *net_units.entry(prod.sku).or_default() -= units(r.qty);
        }

        // 4. Mondays: top up the Munich 3PL from Berlin for the five fastest sellers.
        if day % 7 == 0 {
            for i in [0, 2, 3, 11, 1] {
                let sku = CATALOGUE[i].sku;
                let need = 24 - books.available(sku, "3PL-MUC").max(0);
                let spare = books.available(sku, "BER-1") - 30;
                let qty = need.min(spare);
                if qty >= 6 {
                    let m = Movement::transfer(sku, "BER-1", "3PL-MUC", units(qty), clock())
                        .with_reference(format!("TRF-{day:02}-{sku}"));
                    books.post(m)?;
                    *kinds.entry("transfer").or_default() += 1;
                }
            }
        }

        // 5. One-off events a real quarter has.
        if day == 30 || day == 60 {
            // Inspection: quarantined returns that pass go back to sellable stock.
            for prod in &CATALOGUE {
                for wh in WAREHOUSES {
                    let q = books
                        .fifo
                        .position(prod.sku, Some(wh))
                        .map(|p| p.quarantine)
                        .unwrap_or_default();
                    if q > Decimal::ZERO {
                        let m = Movement::new(
                            MovementKind::Reclassify {
                                sku: prod.sku.into(),
                                location: wh.into(),
                                quantity: q,
                                from: Condition::Quarantine,
                                to: Condition::Sellable,
                            },
                            clock(),
                        );
                        books.post(m)?;
                        *kinds.entry("reclassify").or_default() += 1;
                    }
                }
            }
        }
        if day == 42 {
            // A misprinted hoodie batch goes back to the supplier.
            let qty = books.available("HOOD-GRY-L", "HAM-2").min(6);
            if qty > 0 {
                let m = Movement::return_to_supplier("HOOD-GRY-L", "HAM-2", units(qty), clock())
                    .with_reference("RTS-0001");
                books.post(m)?;
                *kinds.entry("return_to_supplier").or_default() += 1;
            }
        }
        if day == 55 {
            // A dropped carton of mugs.
            let qty = books.available("MUG-WHT", "BER-1").min(4);
            if qty > 0 {
                let m = Movement::adjust(
                    "MUG-WHT",
                    "BER-1",
                    units(-qty),
                    AdjustReason::Damage,
                    clock(),
                )
                .with_reference("ADJ-0001");
                books.post(m)?;
                *kinds.entry("adjust").or_default() += 1;
            }
        }
        if day == 75 {
            // Cycle count of totes in Hamburg: two fewer on the shelf than on record.
            let pos = books.fifo.position("TOTE-NAT", Some("HAM-2"))?;
            let short = books.available("TOTE-NAT", "HAM-2").clamp(0, 2);
            let m = Movement::cycle_count("TOTE-NAT", "HAM-2", pos.on_hand - units(short), clock())
                .with_reference("CNT-0001");
            books.post(m)?;
            *kinds.entry("cycle_count").or_default() += 1;
        }

        // 6. Today's orders: reserve where there is stock (preferred warehouse first),
        //    some are cancelled the same day.
        for (i, prod) in CATALOGUE.iter().enumerate() {
            let x = rng.below(2 * prod.orders_per_10_days + 1);
            let n = x / 10 + u64::from(rng.below(10) < x % 10);
            for _ in 0..n {
                let qty = match rng.below(100) {
                    0..=74 => 1,
                    75..=94 => 2,
                    _ => 3,
                };
                let r = rng.below(100);
                let first = if r < SHARE_PCT[0] {
                    0
                } else if r < SHARE_PCT[0] + SHARE_PCT[1] {
                    1
                } else {
                    2
                };
                let order = [first, 0, 1]
                    .into_iter()
                    .find(|&w| books.available(prod.sku, WAREHOUSES[w]) >= qty);
                let Some(wh) = order else {
                    lost += 1;
                    continue;
                };
                let id = next_order;
                next_order += 1;
                let m = Movement::reserve(
                    prod.sku,
                    WAREHOUSES[wh],
                    units(qty),
                    format!("ORD-{id:05}"),
                    clock(),
                )
                .with_reference(format!("ORD-{id:05}"));
                last_order = Some(m.clone());
                books.post(m)?;
                *kinds.entry("reserve").or_default() += 1;
                if rng.pct(7) {
                    let m = Movement::release(
                        prod.sku,
                        WAREHOUSES[wh],
                        None,
                        format!("ORD-{id:05}"),
                        clock(),
                    )
                    .with_reference(format!("CXL-{id:05}"));
                    books.post(m)?;
                    *kinds.entry("release").or_default() += 1;
                    cancelled += 1;
                } else {
                    open_orders.push(OpenOrder {
                        id,
                        product: i,
                        wh,
                        qty,
                    });
                }
            }
        }

        // 7. Replenishment: below the reorder point (8 days of demand) at BER-1 / HAM-2,
        //    order up to 21 days of demand at today's (rising) price: one purchase order
        //    per supplier and day, placed at once. The supplier delivers after 4–9 days,
        //    sometimes in two parts, and now and then short.
        let mut wanted: Vec<Vec<(usize, usize, i64, i64)>> = vec![Vec::new(); VENDORS.len()];
        for (i, prod) in CATALOGUE.iter().enumerate() {
            for w in 0..2 {
                if on_order.contains_key(&(i, w)) {
                    continue;
                }
                // Units per day × 100: orders/day × share × 1.3 units per order.
                let share = SHARE_PCT[w] + if w == 0 { SHARE_PCT[2] } else { 0 };
                let daily_x100 = (prod.orders_per_10_days * share * 13 / 100) as i64;
                let avail = books.available(prod.sku, WAREHOUSES[w]);
                if avail * 100 < daily_x100 * 8 {
                    let qty = (daily_x100 * 21 / 100 - avail).max(12);
                    // +25 % over the quarter, ±2 % noise per purchase order.
                    let permille = 1000 + 250 * day / (DAYS - 1) + rng.below(41) as i64 - 20;
                    let cost = prod.cost_cents * permille / 1000;
                    wanted[vendor_of(i)].push((i, w, qty, cost));
                }
            }
        }
        for (v, lines) in wanted.into_iter().enumerate() {
            if lines.is_empty() {
                continue;
            }
            let vendor = &VENDORS[v];
            let po = format!("PO-{next_po:04}");
            next_po += 1;
            let time = clock();
            let expected = time + (vendor.quoted.0 as i64) * SECONDS_PER_DAY;
            let new_lines: Vec<NewLine> = lines
                .iter()
                .enumerate()
                .map(|(n, &(i, w, qty, cost))| {
                    NewLine::new(
                        n as u32 + 1,
                        CATALOGUE[i].sku,
                        WAREHOUSES[w],
                        units(qty),
                        expected,
                    )
                    .unit_price(cents(cost))
                })
                .collect();
            books.purchase(PurchaseEvent::new(
                PurchaseEventKind::CreateOrder {
                    order: po.clone(),
                    supplier: vendor.id.into(),
                    lines: new_lines,
                },
                time,
            ))?;
            books.purchase(PurchaseEvent::new(
                PurchaseEventKind::PlaceOrder { order: po.clone() },
                time,
            ))?;
            let (lo, hi) = vendor.actual;
            let first = day + lo + rng.below((hi - lo + 1) as u64) as i64;
            let short = if rng.pct(10) { lines[0].2.min(3) } else { 0 };
            let mut due: Vec<i64> = lines.iter().map(|l| l.2).collect();
            due[0] -= short;
            let deliveries = if rng.pct(20) {
                let part: Vec<i64> = due.iter().map(|q| q / 2).collect();
                let rest: Vec<i64> = due.iter().zip(&part).map(|(q, p)| q - p).collect();
                vec![(first, part), (first + 2, rest)]
            } else {
                vec![(first, due)]
            };
            for &(i, w, _, _) in &lines {
                on_order.insert((i, w), po.clone());
            }
            inbound.push(Inbound {
                po,
                lines: lines
                    .iter()
                    .enumerate()
                    .map(|(n, &(i, w, q, _))| (n as u32 + 1, i, w, q))
                    .collect(),
                deliveries,
                short,
            });
        }
    }

    let end = start + DAYS * SECONDS_PER_DAY - 1;
    // Idempotency: the last order arrives again (a retried webhook). Nothing changes.
    let repeat = last_order.expect("the store takes orders");
    let before = books.fifo.len();
    let duplicate = books.post(repeat)?;
    let after = books.fifo.len();
    // Refusal: shipping more than is available is an error, and changes nothing.
    let refused = match books
        .fifo
        .post(Movement::ship("MUG-WHT", "BER-1", units(500), end))
    {
        Ok(_) => "accepted (unexpected)".to_owned(),
        Err(e) => e.to_string(),
    };
    Ok(StoreRun {
        fifo: books.fifo,
        lifo: books.lifo,
        avg: books.avg,
        start,
        end,
        opening_units,
        opening_value,
        purchases,
        revenue,
        net_units,
        orders: (next_order - 1, cancelled, lost),
        kinds,
        duplicate,
        journal_len_around_duplicate: (before, after),
        refused,
        purchasing: (next_po - 1, receipts, freight),
    })
}

/// Net COGS of a SKU in a ledger: the sum of the `cogs` of its journal entries (shipments,
/// less returns, plus true-ups).
pub fn cogs(ledger: &Ledger, sku: &str) -> Decimal {
    ledger
        .history(sku)
        .map(|h| h.iter().map(|e| e.outcome.cogs).sum())
        .unwrap_or_default()
}

/// Value that left without being sold (write-offs, counts, returns to the supplier).
pub fn written_off(ledger: &Ledger) -> Decimal {
    ledger
        .journal()
        .iter()
        .filter(|e| {
            matches!(
                e.movement.kind,
                MovementKind::Adjust { .. }
                    | MovementKind::CycleCount { .. }
                    | MovementKind::ReturnToSupplier { .. }
            )
        })
        .map(|e| -e.outcome.value)
        .sum()
}

fn value(ledger: &Ledger, sku: &str) -> Decimal {
    ledger
        .valuation(sku, None)
        .map(|v| v.value)
        .unwrap_or_default()
}

fn total(ledger: &Ledger, f: impl Fn(&Ledger, &str) -> Decimal) -> Decimal {
    CATALOGUE.iter().map(|p| f(ledger, p.sku)).sum()
}

fn pct(part: Decimal, whole: Decimal) -> String {
    match (part * Decimal::from(100)).checked_div(whole) {
        Some(p) if !whole.is_zero() => format!("{:.1}%", p),
        _ => "-".into(),
    }
}

impl StoreRun {
    /// The report a store owner reads: stock, value, COGS by method, margins, old layers,
    /// weekly demand, and what it all shows.
    pub fn report(&self) -> String {
        let mut o = String::new();
        self.write_report(&mut o)
            .expect("writing to a String cannot fail");
        o
    }

    fn write_report(&self, o: &mut String) -> std::fmt::Result {
        let (f, l, a) = (&self.fifo, &self.lifo, &self.avg);
        let first_day = day_of(self.start);
        let last_day = day_of(self.end);
        writeln!(
            o,
            "STORE REPORT  {} .. {}  ({} days, {} warehouses, {} SKUs)",
            date_label(first_day),
            date_label(last_day),
            DAYS,
            WAREHOUSES.len(),
            CATALOGUE.len()
        )?;
        writeln!(o, "{}", "=".repeat(96))?;
        let kinds: Vec<String> = self.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(o, "Movements posted: {} per ledger:", f.len())?;
        for chunk in kinds.chunks(5) {
            writeln!(o, "  {}", chunk.join(", "))?;
        }
        let (orders, cancelled, lost) = self.orders;
        writeln!(
            o,
            "Orders: {orders} placed, {cancelled} cancelled, {lost} turned away (no stock)"
        )?;
        writeln!(
            o,
            "Opening stock (one batch): {} units worth {:.2}; purchases incl. opening: {:.2}",
            self.opening_units, self.opening_value, self.purchases
        )?;

        writeln!(o, "\nSTOCK BY WAREHOUSE (units)")?;
        writeln!(
            o,
            "{:<11} {:<8} {:>7} {:>8} {:>9} {:>8} {:>10}",
            "SKU", "where", "on hand", "reserved", "available", "damaged", "quarantine"
        )?;
        for prod in &CATALOGUE {
            for wh in WAREHOUSES {
                let Ok(p) = f.position(prod.sku, Some(wh)) else {
                    continue;
                };
                if p == Default::default() {
                    continue;
                }
                writeln!(
                    o,
                    "{:<11} {:<8} {:>7} {:>8} {:>9} {:>8} {:>10}",
                    prod.sku, wh, p.on_hand, p.reserved, p.available, p.damaged, p.quarantine
                )?;
            }
        }

        writeln!(o, "\nVALUE AND COST OF GOODS SOLD BY COSTING METHOD")?;
        writeln!(
            o,
            "{:<11} {:>5} {:>9} {:>9} {:>9} | {:>9} {:>9} {:>9} | {:>9} {:>7}",
            "SKU",
            "units",
            "val FIFO",
            "val LIFO",
            "val AVG",
            "COGS FIFO",
            "COGS LIFO",
            "COGS AVG",
            "revenue",
            "GM%FIFO"
        )?;
        for prod in &CATALOGUE {
            let units = f
                .valuation(prod.sku, None)
                .map(|v| v.quantity)
                .unwrap_or_default();
            let rev = self.revenue.get(prod.sku).copied().unwrap_or_default();
            let c = cogs(f, prod.sku);
            writeln!(
                o,
                "{:<11} {:>5} {:>9.2} {:>9.2} {:>9.2} | {:>9.2} {:>9.2} {:>9.2} | {:>9.2} {:>7}",
                prod.sku,
                units,
                value(f, prod.sku),
                value(l, prod.sku),
                value(a, prod.sku),
                c,
                cogs(l, prod.sku),
                cogs(a, prod.sku),
                rev,
                pct(rev - c, rev)
            )?;
        }
        let rev: Decimal = self.revenue.values().copied().sum();
        let (cf, cl, ca) = (total(f, cogs), total(l, cogs), total(a, cogs));
        // Totals of the sample data fit easily; an overflow would fail the report.
        let stock = |x: &Ledger| x.total_value().map_err(|_| std::fmt::Error);
        let (vf, vl, va) = (stock(f)?, stock(l)?, stock(a)?);
        writeln!(
            o,
            "{:<11} {:>5} {:>9.2} {:>9.2} {:>9.2} | {:>9.2} {:>9.2} {:>9.2} | {:>9.2} {:>7}",
            "TOTAL",
            "",
            vf,
            vl,
            va,
            cf,
            cl,
            ca,
            rev,
            pct(rev - cf, rev)
        )?;
        writeln!(
            o,
            "Gross margin: FIFO {:.2} ({}), LIFO {:.2} ({}), moving average {:.2} ({})",
            rev - cf,
            pct(rev - cf, rev),
            rev - cl,
            pct(rev - cl, rev),
            rev - ca,
            pct(rev - ca, rev)
        )?;

        writeln!(o, "\nTEN LARGEST OPEN COST LAYERS (FIFO)")?;
        writeln!(
            o,
            "{:<11} {:<8} {:<10} {:>5} {:>9} {:>9}  {:<10} {:>8}",
            "SKU", "where", "condition", "units", "unit cost", "value", "received", "age days"
        )?;
        let mut layers = Vec::new();
        for prod in &CATALOGUE {
            if let Ok(v) = f.valuation(prod.sku, None) {
                layers.extend(v.layers.into_iter().map(|l| (prod.sku, l)));
            }
        }
        layers.sort_by(|(sa, a), (sb, b)| {
            b.value
                .cmp(&a.value)
                .then(a.received_at.cmp(&b.received_at))
                .then(sa.cmp(sb))
                .then(a.location.cmp(&b.location))
        });
        for (sku, layer) in layers.iter().take(10) {
            writeln!(
                o,
                "{:<11} {:<8} {:<10} {:>5} {:>9.2} {:>9.2}  {:<10} {:>8}",
                sku,
                layer.location,
                layer.condition,
                layer.quantity,
                layer.unit_cost,
                layer.value,
                date_label(day_of(layer.received_at)),
                (self.end - layer.received_at) / SECONDS_PER_DAY
            )?;
        }

        // Top three sellers by net units.
        let mut sellers: Vec<_> = self.net_units.iter().collect();
        sellers.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<&str> = sellers.iter().take(3).map(|(s, _)| **s).collect();
        writeln!(
            o,
            "\nDEMAND PER ISO WEEK, TOP SELLERS (units shipped net of returns)"
        )?;
        let mut line = format!("{:<9}", "week");
        for s in &top {
            let _ = write!(line, " {s:>11}");
        }
        writeln!(o, "{line}")?;
        let hist: Vec<_> = top
            .iter()
            .filter_map(|s| {
                f.demand_history(s, None, Period::Week, Some(self.start), Some(self.end))
                    .ok()
            })
            .collect();
        if let Some(h0) = hist.first() {
            for i in 0..h0.quantities.len() {
                let mut line = format!("{:<9}", h0.label(i));
                for h in &hist {
                    let _ = write!(line, " {:>11}", h.quantities[i]);
                }
                writeln!(o, "{line}")?;
            }
        }

        self.write_purchasing(o)?;
        self.write_replenishment(o)?;
        self.write_forecast(o)?;

        writeln!(o, "\nSAFETY CHECKS")?;
        let (before, after) = self.journal_len_around_duplicate;
        writeln!(
            o,
            "Same order posted twice (reference ORD-{:05}): duplicate = {}, journal {} -> {} entries",
            self.orders.0, self.duplicate.duplicate, before, after
        )?;
        writeln!(
            o,
            "Shipping 500 x MUG-WHT from BER-1 was refused, nothing changed:"
        )?;
        writeln!(o, "  {}", self.refused)?;

        let wf = written_off(f);
        writeln!(o, "\nWHAT THIS SHOWS")?;
        writeln!(
            o,
            "- Purchase prices rose about 25% over the quarter. FIFO sells the oldest, cheapest\n  \
             units first: lowest COGS ({cf:.2}), highest closing stock ({:.2}). LIFO sells the\n  \
             newest, dearest first: COGS {cl:.2}, stock {:.2}. Moving average sits between ({ca:.2}).",
            vf,
            vl
        )?;
        writeln!(
            o,
            "- Same purchases ({:.2}) in all three: COGS + closing stock + write-offs/returns to\n  \
             supplier ({wf:.2} under FIFO) add up to it; the methods only split it differently.",
            self.purchases
        )?;
        writeln!(
            o,
            "- Reserved units are on hand but not available; damaged and quarantined returns are\n  \
             counted and valued but never sold until an inspection moves them back."
        )?;
        writeln!(
            o,
            "- Stock arrives on purchase orders: on order it is incoming, counted at the dock it is\n  \
             stock; late freight lands on the units still here, the rest of it on COGS."
        )?;
        Ok(())
    }
}

impl StoreRun {
    fn write_purchasing(&self, o: &mut String) -> std::fmt::Result {
        let f = &self.fifo;
        let fail = |_| std::fmt::Error;
        let (orders, receipts, freight) = self.purchasing;
        let incoming: Decimal = f.incoming(None, None).iter().map(|i| i.quantity).sum();
        let open = f
            .order_ids()
            .iter()
            .filter(|id| f.order(id).is_ok_and(|po| po.status.is_open()))
            .count();
        let late = f.overdue_lines(self.end).len();
        writeln!(o, "\nPURCHASING")?;
        writeln!(
            o,
            "{orders} purchase orders, {receipts} deliveries; {open} orders open with {incoming} units \
             incoming, {late} line(s) overdue"
        )?;
        writeln!(
            o,
            "{:<24} {:>6} {:>8} {:>6} {:>7}  lead time (days)",
            "supplier", "orders", "on time", "filled", "damaged"
        )?;
        for v in &VENDORS {
            let perf = f.supplier_performance(v.id, None).map_err(fail)?;
            let lead = match (perf.lead_time_mean_days, perf.lead_time_std_days) {
                (Some(m), Some(sd)) => format!("{m:.1} ± {sd:.1} (quoted {:.0})", v.quoted.0),
                _ => "-".into(),
            };
            let rate = |x: Option<f64>| x.map_or("-".into(), |r| format!("{:.0}%", 100.0 * r));
            writeln!(
                o,
                "{:<24} {:>6} {:>8} {:>6} {:>7}  {}",
                v.name,
                perf.orders,
                rate(perf.on_time_rate),
                rate(perf.fill_rate),
                format!("{:.1}%", 100.0 * perf.damage_rate.unwrap_or(0.0)),
                lead
            )?;
        }
        let landed = |l: &Ledger| -> (Decimal, Decimal) {
            l.journal_iter()
                .filter(|e| matches!(e.movement.kind, MovementKind::LandedCost { .. }))
                .fold((Decimal::ZERO, Decimal::ZERO), |(v, c), e| {
                    (v + e.outcome.value, c + e.outcome.cogs)
                })
        };
        let (to_stock, to_cogs) = landed(f);
        writeln!(
            o,
            "Freight invoiced after delivery {freight:.2}: {to_stock:.2} onto units in stock, \
             {to_cogs:.2} to COGS (already sold)"
        )?;
        let schedule = f.payment_schedule().map_err(fail)?;
        let owed = |kind: PaymentKind| -> Decimal {
            schedule
                .iter()
                .filter(|d| d.kind == kind)
                .map(|d| d.amount)
                .sum()
        };
        let paid: Decimal = f
            .order_ids()
            .iter()
            .filter_map(|id| f.order(id).ok())
            .map(|po| po.paid)
            .sum();
        writeln!(
            o,
            "Paid to suppliers {paid:.2}; owed for goods received {:.2}, for goods on order {:.2}",
            owed(PaymentKind::Committed),
            owed(PaymentKind::Expected)
        )?;
        let weeks = f.cash_out(Period::Week).map_err(fail)?;
        let next: Vec<String> = weeks
            .iter()
            .take(4)
            .map(|w| {
                format!(
                    "{} {:.2}",
                    inventory_core::ledger::week_label(day_of(w.start)),
                    w.committed + w.expected
                )
            })
            .collect();
        writeln!(o, "Cash out by week due: {}", next.join(", "))?;
        Ok(())
    }
}

/// Runs the sample store and returns its report (what `cargo run --example store_report`
/// prints).
///
/// # Errors
/// As [`simulate`].
pub fn store_report() -> Result<String, Error> {
    Ok(simulate()?.report())
}

/// The repository README's Rust code blocks, compiled and run as doctests so that the
/// README cannot drift from the library.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// Cycle service level the reorder points protect.
pub const SERVICE_LEVEL: f64 = 0.95;

/// Cost of placing one purchase order, and the yearly holding cost rate, for the EOQ.
pub const ORDER_COST: f64 = 25.0;
/// Yearly holding cost as a share of the unit cost.
pub const HOLDING_RATE: f64 = 0.25;

/// One line of the replenishment section.
#[derive(Debug, Clone)]
pub struct ReorderLine {
    /// The SKU.
    pub sku: &'static str,
    /// ABC class by revenue and XYZ class by weekly demand, e.g. `"AX"`.
    pub class: String,
    /// Mean and sample standard deviation of daily demand.
    pub daily: (f64, f64),
    /// The supplier's lead time in days (mean, σ), as the ledger gives it for planning:
    /// measured from its deliveries once there are enough, quoted before.
    pub lead: (f64, f64),
    /// Whether that lead time was measured.
    pub measured: bool,
    /// Safety stock and reorder point (units, before rounding).
    pub safety_stock: f64,
    /// The reorder point.
    pub reorder_point: f64,
    /// Available units now (all warehouses).
    pub available: Decimal,
    /// Units on open purchase orders.
    pub incoming: Decimal,
    /// Economic order quantity.
    pub eoq: f64,
}

/// One line of the demand-forecast section.
#[derive(Debug, Clone)]
pub struct ForecastLine {
    /// The SKU.
    pub sku: &'static str,
    /// The demand pattern (`"smooth"`, `"intermittent"`, ...).
    pub pattern: &'static str,
    /// The model automatic selection chose.
    pub model: &'static str,
    /// Expected units over the next 7 and 28 days.
    pub next_7: f64,
    /// Expected units over the next 28 days.
    pub next_28: f64,
    /// The largest 95 % upper bound of a single day over the next 7 days.
    pub busy_day: f64,
}

/// Days forecast in the demand-forecast section.
pub const FORECAST_DAYS: usize = 28;

impl StoreRun {
    /// Automatic forecast of each SKU's daily demand (all warehouses, weekly season of 7
    /// days) over the next [`FORECAST_DAYS`] days, from the FIFO ledger's demand history.
    pub fn demand_forecast(&self) -> Result<Vec<ForecastLine>, Error> {
        use inventory_core::forecast::{forecast_history, Method};
        let mut out = Vec::new();
        for p in CATALOGUE {
            let daily = self.fifo.demand_history(
                p.sku,
                None,
                Period::Day,
                Some(self.start),
                Some(self.end),
            )?;
            let f = forecast_history(
                &daily,
                &Method::auto_for(Period::Day),
                FORECAST_DAYS,
                &[0.9],
            )?;
            out.push(ForecastLine {
                sku: p.sku,
                pattern: f.class.pattern.as_str(),
                model: f.model.spec().key(),
                next_7: f.forecast.mean[..7].iter().sum(),
                next_28: f.forecast.mean.iter().sum(),
                busy_day: f.forecast.upper[0][..7].iter().copied().fold(0.0, f64::max),
            });
        }
        Ok(out)
    }

    fn write_forecast(&self, o: &mut String) -> std::fmt::Result {
        let Ok(lines) = self.demand_forecast() else {
            return writeln!(o, "\nDEMAND FORECAST: not available");
        };
        writeln!(
            o,
            "\nDEMAND FORECAST (all warehouses, model chosen per SKU from 90 days of daily sales)"
        )?;
        writeln!(
            o,
            "{:<11} {:<13} {:<29} {:>7} {:>8} {:>9}",
            "SKU", "pattern", "model", "7 days", "28 days", "busy day"
        )?;
        for l in &lines {
            writeln!(
                o,
                "{:<11} {:<13} {:<29} {:>7.0} {:>8.0} {:>9.0}",
                l.sku, l.pattern, l.model, l.next_7, l.next_28, l.busy_day
            )?;
        }
        writeln!(
            o,
            "(busy day: on 19 days in 20 a single day sells no more than this, by the model's \
             90% interval)"
        )
    }

    /// ABC (by revenue) / XYZ (by weekly demand), safety stock, reorder point and EOQ per
    /// SKU, from the FIFO ledger's demand history and valuation.
    pub fn replenishment(&self) -> Result<Vec<ReorderLine>, Error> {
        use inventory_core::classify::{abc, abc_xyz_label, xyz, AbcThresholds, XyzThresholds};
        use inventory_core::policy::{
            eoq, safety_stock, DemandStats, LeadTime, SafetyStockMethod, ServiceTarget, TimeUnit,
        };
        use rust_decimal::prelude::ToPrimitive;
        let f = &self.fifo;
        let revenue: Vec<f64> = CATALOGUE
            .iter()
            .map(|p| {
                self.revenue
                    .get(p.sku)
                    .and_then(|r| r.to_f64())
                    .unwrap_or(0.0)
            })
            .collect();
        let classes = abc(&revenue, AbcThresholds::default())?;
        let mut out = Vec::new();
        for (i, (p, a)) in CATALOGUE.iter().zip(classes).enumerate() {
            let lt = f.lead_time(VENDORS[vendor_of(i)].id, p.sku)?;
            let lead = LeadTime::new(lt.mean_days, lt.std_days, TimeUnit::Day)?;
            let weekly =
                f.demand_history(p.sku, None, Period::Week, Some(self.start), Some(self.end))?;
            let x = xyz(&weekly.to_f64(), XyzThresholds::default())?;
            let daily =
                f.demand_history(p.sku, None, Period::Day, Some(self.start), Some(self.end))?;
            let stats = DemandStats::from_history(&daily)?;
            let ss = safety_stock(
                &stats,
                &lead,
                SafetyStockMethod::Combined,
                ServiceTarget::CycleServiceLevel(SERVICE_LEVEL),
            )?;
            let unit_cost = f
                .valuation(p.sku, None)?
                .unit_cost
                .and_then(|c| c.to_f64())
                .unwrap_or(p.cost_cents as f64 / 100.0);
            let q = eoq(
                stats.mean * 365.25,
                ORDER_COST,
                HOLDING_RATE * unit_cost.max(0.01),
            )?;
            out.push(ReorderLine {
                sku: p.sku,
                class: abc_xyz_label(a.class, x.class),
                daily: (stats.mean, stats.std_dev),
                lead: (lt.mean_days, lt.std_days),
                measured: lt.source == inventory_core::purchasing::LeadTimeSource::Measured,
                safety_stock: ss.safety_stock,
                reorder_point: ss.reorder_point,
                available: f.position(p.sku, None)?.available,
                incoming: f.position(p.sku, None)?.incoming,
                eoq: q.quantity,
            });
        }
        Ok(out)
    }

    fn write_replenishment(&self, o: &mut String) -> std::fmt::Result {
        use rust_decimal::prelude::ToPrimitive;
        let Ok(lines) = self.replenishment() else {
            return writeln!(o, "\nWHAT TO REORDER: not available");
        };
        writeln!(
            o,
            "\nWHAT TO REORDER ({:.0}% cycle service, order cost {:.2}, holding {:.0}%/yr, \
             lead m=measured q=quoted)",
            SERVICE_LEVEL * 100.0,
            ORDER_COST,
            HOLDING_RATE * 100.0
        )?;
        writeln!(
            o,
            "{:<11} {:>5} {:>6} {:>5} {:>11} {:>6} {:>8} {:>5} {:>6} {:>8}",
            "SKU", "class", "daily", "sd", "lead", "safety", "reorder@", "EOQ", "avail", "incoming"
        )?;
        for l in &lines {
            // The inventory position (available + on order) against the reorder point.
            let position = (l.available + l.incoming).to_f64().unwrap_or(0.0);
            let flag = if position <= l.reorder_point {
                " <- order now"
            } else {
                ""
            };
            let lead = format!(
                "{:.1}±{:.1}{}",
                l.lead.0,
                l.lead.1,
                if l.measured { "m" } else { "q" }
            );
            writeln!(
                o,
                "{:<11} {:>5} {:>6.1} {:>5.1} {:>11} {:>6.0} {:>8.0} {:>5.0} {:>6} {:>8}{flag}",
                l.sku,
                l.class,
                l.daily.0,
                l.daily.1,
                lead,
                l.safety_stock.ceil(),
                l.reorder_point.ceil(),
                l.eoq.round(),
                l.available,
                l.incoming
            )?;
        }
        Ok(())
    }
}
