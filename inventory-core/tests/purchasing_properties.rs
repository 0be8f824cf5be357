//! Property tests of purchasing's invariants over random streams of purchase-order events
//! mixed with stock movements:
//!
//! - value + COGS + write-offs = purchases + charges, exactly, after every step (landed
//!   costs that arrive after part of the goods left go partly to COGS);
//! - a charge's parts sum exactly to the charge;
//! - incoming = the open quantity of placed lines, per SKU × location and in total, and each
//!   line's open quantity follows an independent model of quantity, receipts,
//!   cancellations and short closes;
//! - a refused event or movement changes nothing; a repeated reference changes nothing;
//! - the snapshot round-trips, and the stock journal alone replays to the same value.

use std::collections::BTreeMap;

use inventory_core::purchasing::{
    Allocation, Charge, ChargeKind, NewLine, OverReceipt, PaymentTerms, PurchaseEvent,
    PurchaseEventKind, ReceiptLine, Supplier, SupplierItem,
};
use inventory_core::{
    AdjustReason, CostMethod, Decimal, Ledger, LedgerConfig, Movement, MovementKind,
};
use proptest::prelude::*;

const SKUS: [&str; 3] = ["A", "B", "C"];
const LOCS: [&str; 2] = ["W1", "W2"];
const DAY: i64 = 86_400;

#[derive(Debug, Clone)]
enum Op {
    /// Lines of (sku, location, quantity, explicit price in cents).
    Create(Vec<(usize, usize, i64, Option<i64>)>),
    Place(usize),
    Confirm(usize, usize, i64),
    /// Per line of the order (by position): (sellable, damaged, quarantine, price in cents).
    Receive(usize, Vec<(i64, i64, i64, Option<i64>)>),
    Cancel(usize, Option<usize>),
    CloseShort(usize, Option<usize>),
    /// Amount in cents, allocation 0..3, the last receipt only or all.
    Charge(usize, i64, usize, bool),
    Pay(usize, i64),
    Ship(usize, usize, i64),
    Transfer(usize, i64),
    WriteOff(usize, usize, i64),
    ToSupplier(usize, usize, i64),
    Repeat(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let s = 0..SKUS.len();
    let l = 0..LOCS.len();
    // An order by position among the orders so far (modulo their number; see `event`).
    let o = 0usize..1000;
    let line = (s.clone(), l.clone(), 1i64..30, prop::option::of(0i64..900));
    prop_oneof![
        2 => prop::collection::vec(line, 1..4).prop_map(Op::Create),
        4 => o.clone().prop_map(Op::Place),
        1 => (o.clone(), 0usize..4, 0i64..35).prop_map(|(o, i, q)| Op::Confirm(o, i, q)),
        6 => (o.clone(), prop::collection::vec((0i64..20, 0i64..3, 0i64..2, prop::option::of(0i64..900)), 1..4))
            .prop_map(|(o, v)| Op::Receive(o, v)),
        1 => (o.clone(), prop::option::of(0usize..4)).prop_map(|(o, i)| Op::Cancel(o, i)),
        1 => (o.clone(), prop::option::of(0usize..4)).prop_map(|(o, i)| Op::CloseShort(o, i)),
        3 => (o.clone(), 1i64..5_000, 0usize..3, any::<bool>()).prop_map(|(o, a, k, last)| Op::Charge(o, a, k, last)),
        1 => (o, 1i64..20_000).prop_map(|(o, a)| Op::Pay(o, a)),
        4 => (s.clone(), l.clone(), 1i64..25).prop_map(|(s, l, q)| Op::Ship(s, l, q)),
        2 => (s.clone(), 1i64..10).prop_map(|(s, q)| Op::Transfer(s, q)),
        1 => (s.clone(), l.clone(), 1i64..5).prop_map(|(s, l, q)| Op::WriteOff(s, l, q)),
        1 => (s, l, 1i64..5).prop_map(|(s, l, q)| Op::ToSupplier(s, l, q)),
        1 => (0usize..1000).prop_map(Op::Repeat),
    ]
}

fn dec(q: i64) -> Decimal {
    Decimal::from(q)
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

/// The test's own model of an order line: what it asked, got, and gave up.
#[derive(Debug, Clone, Default)]
struct LineModel {
    quantity: Decimal,
    received: Decimal,
    ended: Decimal,
}

impl LineModel {
    fn open(&self) -> Decimal {
        (self.quantity - self.received - self.ended).max(Decimal::ZERO)
    }
}

#[derive(Debug, Clone, Default)]
struct OrderModel {
    placed: bool,
    lines: Vec<LineModel>,
}

fn supplier() -> Supplier {
    let mut s = Supplier::new(
        "S",
        "Supplier",
        PaymentTerms::net(30).with_discount(dec(2), 10),
    );
    for (i, sku) in SKUS.iter().enumerate() {
        s = s.item(SupplierItem::new(*sku, cents(100 + 37 * i as i64), 7.0));
    }
    s
}

/// value + COGS + write-offs and purchases + charges, from the journal.
fn books(l: &Ledger) -> (Decimal, Decimal) {
    let (mut cogs, mut out, mut purchases, mut charges) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for e in l.journal_iter() {
        cogs += e.outcome.cogs;
        match &e.movement.kind {
            MovementKind::Receive { .. } => purchases += e.outcome.moved_value,
            MovementKind::LandedCost { .. } => charges += e.outcome.moved_value,
            MovementKind::Adjust { .. } | MovementKind::ReturnToSupplier { .. } => {
                out += e.outcome.moved_value
            }
            _ => {}
        }
    }
    (l.total_value().unwrap() + cogs + out, purchases + charges)
}

fn event(op: &Op, n: usize, t: i64, orders: &[OrderModel], l: &Ledger) -> Option<PurchaseEvent> {
    // Ops name orders modulo their number, the newest more often (half the draws pick one
    // of the last three).
    let pick = |o: usize| {
        let n = orders.len();
        if o.is_multiple_of(2) {
            n - 1 - (o / 2) % n.min(3)
        } else {
            o % n
        }
    };
    let id = |o: usize| format!("PO-{}", pick(o));
    let known = |_: usize| !orders.is_empty();
    let lines_of = |o: usize| orders[pick(o)].lines.len();
    let kind = match op {
        Op::Create(lines) => PurchaseEventKind::CreateOrder {
            order: format!("PO-{}", orders.len()),
            supplier: "S".into(),
            lines: lines
                .iter()
                .enumerate()
                .map(|(i, &(s, loc, q, p))| {
                    let mut line =
                        NewLine::new(i as u32 + 1, SKUS[s], LOCS[loc], dec(q), t + 5 * DAY);
                    line.unit_price = p.map(cents);
                    line
                })
                .collect(),
        },
        Op::Place(o) if known(*o) => PurchaseEventKind::PlaceOrder { order: id(*o) },
        Op::Confirm(o, i, q) if known(*o) => PurchaseEventKind::ConfirmOrder {
            order: id(*o),
            changes: vec![inventory_core::purchasing::LineChange::new(
                (i % lines_of(*o)) as u32 + 1,
            )
            .quantity(dec(*q))],
        },
        Op::Receive(o, v) if known(*o) => PurchaseEventKind::ReceiveOrder {
            order: id(*o),
            receipt: format!("R-{n}"),
            lines: v
                .iter()
                .take(lines_of(*o))
                .enumerate()
                .map(|(i, &(s, d, q, p))| ReceiptLine {
                    line: i as u32 + 1,
                    sellable: dec(s),
                    damaged: dec(d),
                    quarantine: dec(q),
                    unit_price: p.map(cents),
                })
                .collect(),
        },
        Op::Cancel(o, i) if known(*o) => PurchaseEventKind::CancelOrder {
            order: id(*o),
            line: i.map(|i| (i % lines_of(*o)) as u32 + 1),
        },
        Op::CloseShort(o, i) if known(*o) => PurchaseEventKind::CloseShort {
            order: id(*o),
            line: i.map(|i| (i % lines_of(*o)) as u32 + 1),
        },
        Op::Charge(o, a, k, last) if known(*o) => {
            let receipts = l.order(&id(*o)).ok()?.receipts;
            let allocation = match k {
                0 => Allocation::ByQuantity,
                1 => Allocation::ByValue,
                _ => Allocation::ByWeight(
                    (1..=lines_of(*o) as u32)
                        .map(|i| (i, Decimal::new(i as i64 * 7, 1)))
                        .collect(),
                ),
            };
            let mut c = Charge::new(format!("C-{n}"), ChargeKind::Freight, cents(*a))
                .allocation(allocation);
            if *last {
                c = c.receipts(receipts.last().cloned().into_iter().collect());
            }
            PurchaseEventKind::AddCharge {
                order: id(*o),
                charge: c,
            }
        }
        Op::Pay(o, a) if known(*o) => PurchaseEventKind::RecordPayment {
            order: id(*o),
            payment: format!("P-{n}"),
            amount: cents(*a),
        },
        _ => return None,
    };
    Some(PurchaseEvent::new(kind, t).with_reference(format!("E-{n}")))
}

fn movement(op: &Op, t: i64) -> Option<Movement> {
    Some(match *op {
        Op::Ship(s, l, q) => Movement::ship(SKUS[s], LOCS[l], dec(q), t),
        Op::Transfer(s, q) => Movement::transfer(SKUS[s], LOCS[0], LOCS[1], dec(q), t),
        Op::WriteOff(s, l, q) => {
            Movement::adjust(SKUS[s], LOCS[l], dec(-q), AdjustReason::Damage, t)
        }
        Op::ToSupplier(s, l, q) => Movement::return_to_supplier(SKUS[s], LOCS[l], dec(q), t),
        _ => return None,
    })
}

/// Updates the model after `e` was applied.
fn update(orders: &mut Vec<OrderModel>, e: &PurchaseEvent, l: &Ledger) {
    let index = |o: &str| o.trim_start_matches("PO-").parse::<usize>().unwrap();
    match &e.kind {
        PurchaseEventKind::CreateOrder { lines, .. } => orders.push(OrderModel {
            placed: false,
            lines: lines
                .iter()
                .map(|x| LineModel {
                    quantity: x.quantity,
                    ..LineModel::default()
                })
                .collect(),
        }),
        PurchaseEventKind::PlaceOrder { order } => orders[index(order)].placed = true,
        PurchaseEventKind::ConfirmOrder { order, changes } => {
            for c in changes {
                orders[index(order)].lines[c.line as usize - 1].quantity = c.quantity.unwrap();
            }
        }
        PurchaseEventKind::ReceiveOrder { order, lines, .. } => {
            for r in lines {
                orders[index(order)].lines[r.line as usize - 1].received +=
                    r.sellable + r.damaged + r.quarantine;
            }
        }
        PurchaseEventKind::CancelOrder { order, line }
        | PurchaseEventKind::CloseShort { order, line } => {
            let m = &mut orders[index(order)];
            for (i, x) in m.lines.iter_mut().enumerate() {
                if line.is_none_or(|n| n as usize == i + 1) {
                    x.ended += x.open();
                }
            }
        }
        _ => {}
    }
    let _ = l;
}

fn check_incoming(l: &Ledger, orders: &[OrderModel]) -> Result<(), TestCaseError> {
    let mut expected: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    for (o, m) in orders.iter().enumerate() {
        let view = l.order(&format!("PO-{o}")).unwrap();
        for (x, line) in m.lines.iter().zip(&view.lines) {
            prop_assert_eq!(x.open(), line.open, "PO-{} line {}", o, line.line);
            prop_assert_eq!(x.received, line.received());
            if m.placed && x.open() > Decimal::ZERO {
                *expected
                    .entry((line.sku.clone(), line.location.clone()))
                    .or_default() += x.open();
            }
        }
    }
    let got: BTreeMap<(String, String), Decimal> = l
        .incoming(None, None)
        .into_iter()
        .map(|i| ((i.sku, i.location), i.quantity))
        .collect();
    prop_assert_eq!(&got, &expected);
    for sku in SKUS {
        let total: Decimal = expected
            .iter()
            .filter(|(k, _)| k.0 == sku)
            .map(|(_, q)| *q)
            .sum();
        let p = l
            .position(sku, None)
            .map(|p| p.incoming)
            .unwrap_or_default();
        prop_assert_eq!(p, total, "{}", sku);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn purchasing_keeps_the_books_exact(
        method in prop_oneof![Just(CostMethod::Fifo), Just(CostMethod::Lifo), Just(CostMethod::MovingAverage)],
        tolerance in prop_oneof![Just(OverReceipt::Refuse), Just(OverReceipt::Tolerance(dec(10))), Just(OverReceipt::Accept)],
        ops in prop::collection::vec(op(), 1..70),
    ) {
        let config = LedgerConfig::new().costing(method).over_receipt(tolerance);
        let mut l = Ledger::with_config(config).unwrap();
        l.set_supplier(supplier(), 0).unwrap();
        let mut orders: Vec<OrderModel> = Vec::new();
        let mut posted: Vec<PurchaseEvent> = Vec::new();
        for (n, op) in ops.iter().enumerate() {
            let t = (n as i64 + 1) * 3600;
            let before = l.clone();
            if let Op::Repeat(k) = op {
                if posted.is_empty() {
                    continue;
                }
                let e = posted[k % posted.len()].clone();
                let json = l.to_json();
                let out = l.purchase(e).unwrap();
                prop_assert!(out.duplicate);
                prop_assert_eq!(l.to_json(), json);
                continue;
            }
            if let Some(e) = event(op, n, t, &orders, &l) {
                match l.purchase(e.clone()) {
                    Ok(out) => {
                        if let PurchaseEventKind::AddCharge { charge, .. } = &e.kind {
                            let parts: Decimal = out.movements.iter().map(|m| m.moved_value).sum();
                            prop_assert_eq!(parts, charge.amount);
                        }
                        update(&mut orders, &e, &l);
                        posted.push(e);
                    }
                    Err(_) => prop_assert!(l == before, "a refused event changed the ledger"),
                }
            } else if let Some(m) = movement(op, t) {
                if l.post(m).is_err() {
                    prop_assert!(l == before, "a refused movement changed the ledger");
                }
            }
            let (left, right) = books(&l);
            prop_assert_eq!(left, right, "value + COGS + write-offs ≠ purchases + charges after {:?}", op);
            check_incoming(&l, &orders)?;
        }
        let back = Ledger::from_json(&l.to_json()).unwrap();
        prop_assert!(back == l);
        let stock = Ledger::replay(l.config().clone(), l.journal().into_iter().map(|e| e.movement)).unwrap();
        prop_assert_eq!(stock.total_value().unwrap(), l.total_value().unwrap());
        // The receiving reports add up to the receipts' values.
        for o in 0..orders.len() {
            let id = format!("PO-{o}");
            let report = l.receiving_report(&id).unwrap();
            let received: Decimal = l
                .journal_iter()
                .filter(|e| matches!(&e.movement.kind, MovementKind::Receive { purchase_order: Some(p), .. } if *p == id))
                .map(|e| e.outcome.moved_value)
                .sum();
            prop_assert_eq!(report.total.received_value, received);
        }
        // The payment schedule never lists a settled or negative amount.
        for due in l.payment_schedule().unwrap() {
            prop_assert!(due.amount > Decimal::ZERO);
        }
    }
}
