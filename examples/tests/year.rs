//! The main job (a year of the store, `inventory_examples::year`) on a small run: facts
//! that must hold whatever the numbers: conservation of value, cash and units, and a
//! report that says what it should.

use inventory_core::purchasing::PaymentKind;
use inventory_core::{Decimal, MovementKind};
use inventory_examples::year::{store_year, YearConfig, YearRun};
use inventory_examples::{cogs, written_off};
use std::sync::OnceLock;

fn run() -> &'static YearRun {
    static RUN: OnceLock<YearRun> = OnceLock::new();
    RUN.get_or_init(|| store_year(YearConfig::small()).unwrap())
}

#[test]
fn value_is_conserved_to_the_cent() {
    // Everything received (history, opening stock, purchase orders) is sold, still on
    // hand, or written off.
    let l = &run().ledger;
    let received: Decimal = l
        .journal()
        .iter()
        .filter(|e| matches!(e.movement.kind, MovementKind::Receive { .. }))
        .map(|e| e.outcome.value)
        .sum();
    let sold: Decimal = l.skus().iter().map(|s| cogs(l, s)).sum();
    assert_eq!(received, sold + l.total_value().unwrap() + written_off(l));
}

#[test]
fn suppliers_are_paid_or_owed_exactly_what_was_received() {
    // Invoices are paid on their due date (no early discount) and no charges are added,
    // so paid + owed for goods received = the value received against purchase orders.
    let r = run();
    let schedule = r.ledger.payment_schedule().unwrap();
    let owed: Decimal = schedule
        .iter()
        .filter(|p| p.kind == PaymentKind::Committed)
        .map(|p| p.amount)
        .sum();
    assert!(r.received_value > Decimal::ZERO);
    assert_eq!(r.paid + owed, r.received_value);
}

#[test]
fn incoming_is_what_open_orders_still_expect() {
    let l = &run().ledger;
    // Dropship orders go to customers, not into stock.
    let open: Decimal = l
        .order_ids()
        .iter()
        .map(|id| l.order(id).unwrap())
        .filter(|o| !o.dropship)
        .flat_map(|o| o.lines)
        .map(|line| line.open)
        .sum();
    let incoming: Decimal = l.incoming(None, None).iter().map(|i| i.quantity).sum();
    assert_eq!(open, incoming);
    assert!(run().orders_placed > 0, "the store bought something");
}

#[test]
fn service_and_the_report_add_up() {
    let r = run();
    assert!(r.served <= r.demanded && r.served > 0);
    let lost: i64 = r.lost.values().sum();
    assert_eq!(r.served + lost, r.demanded);
    let report = r.report().unwrap();
    for heading in [
        "SERVICE",
        "MONEY",
        "BUYING",
        "ABC/XYZ",
        "THIS WEEK'S SUGGESTIONS",
    ] {
        assert!(report.contains(heading), "{heading} missing:\n{report}");
    }
    assert!(report.contains(&format!("({} of {} units)", r.served, r.demanded)));
    // The same inputs give the same year.
    assert_eq!(
        report,
        store_year(YearConfig::small()).unwrap().report().unwrap()
    );
}

#[test]
fn dropship_sales_cost_what_their_suppliers_charged() {
    // Every delivered dropship order's value at the supplier's prices is exactly the COGS
    // the run booked for dropshipped SKUs, and nothing dropshipped is ever in stock.
    let r = run();
    let l = &r.ledger;
    let delivered: Decimal = l
        .order_ids()
        .iter()
        .map(|id| l.order(id).unwrap())
        .filter(|o| o.dropship)
        .flat_map(|o| o.lines)
        .map(|line| line.received_value)
        .sum();
    assert!(delivered > Decimal::ZERO, "the store dropshipped something");
    assert_eq!(delivered, r.dropship.1);
    for k in r.catalogue.iter().filter(|k| k.dropship) {
        if let Ok(p) = l.position(&k.sku, None) {
            assert_eq!(p.on_hand, Decimal::ZERO, "{}", k.sku);
        }
    }
}

#[test]
fn gift_bundles_ship_whole_and_are_recorded() {
    // Every gift sold is one bundle shipment record with its three components' shipments,
    // each component shipped once per gift.
    let r = run();
    let l = &r.ledger;
    let shipped: Decimal = l
        .bundle_records()
        .iter()
        .map(|b| {
            assert_eq!(b.movements, 3, "{b:?}");
            b.quantity
        })
        .sum();
    assert!(r.bundles.0 > 0, "gifts were sold");
    assert_eq!(shipped, Decimal::from(r.bundles.0));
    for b in l.bundle_records() {
        for j in b.first_movement..b.first_movement + b.movements {
            let e = l.journal_entry(j as usize).unwrap();
            assert_eq!(e.outcome.quantity, -b.quantity);
        }
    }
}
