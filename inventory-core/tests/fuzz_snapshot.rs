//! Fuzzing of what reads outside data: snapshot JSON (with purchasing events), purchasing
//! event JSON, and columnar batches.
//!
//! No nightly toolchain is available for cargo-fuzz here, so this is structure-aware
//! mutation fuzzing driven by proptest: valid snapshots are mutated byte by byte and token
//! by token, and the reader must answer every input with a value or a typed error, never a
//! panic; anything it accepts must be a consistent ledger that writes the same JSON back.

use inventory_core::purchasing::{
    Charge, ChargeKind, NewLine, PaymentTerms, PurchaseEvent, ReceiptLine, Supplier, SupplierItem,
};
use inventory_core::{
    CostMethod, Decimal, ErrorKind, Ledger, LedgerConfig, Movement, MovementColumns,
};
use proptest::prelude::*;

fn sample() -> String {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let mut l = Ledger::with_config(LedgerConfig::new().costing(CostMethod::Lifo)).unwrap();
    l.post(Movement::receive("A", "W1", d("10"), d("1.25"), 0).with_reference("R1"))
        .unwrap();
    l.post(Movement::receive("A", "W1", d("5"), d("2.00"), 10))
        .unwrap();
    l.post(Movement::reserve("A", "W1", d("3"), "SO-1", 20))
        .unwrap();
    l.post(Movement::ship("A", "W1", d("4"), 30).with_reference("S1"))
        .unwrap();
    l.post(Movement::transfer("A", "W1", "W2", d("2"), 40))
        .unwrap();
    l.post(Movement::customer_return("A", "W2", d("1"), 50))
        .unwrap();
    with_purchasing(&mut l);
    l.to_json()
}

/// Adds a supplier and an order placed, received (with damage), charged and paid.
fn with_purchasing(l: &mut Ledger) {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let s = Supplier::new(
        "S",
        "Supplier",
        PaymentTerms::net(30).with_discount(d("2"), 10),
    )
    .item(SupplierItem::new("A", d("1.50"), 7.0).pack_size(d("2")));
    l.set_supplier(s, 60).unwrap();
    l.create_order(
        "PO-1",
        "S",
        vec![NewLine::new(1, "A", "W1", d("6"), 70)],
        60,
    )
    .unwrap();
    l.place_order("PO-1", 61).unwrap();
    l.receive_order(
        "PO-1",
        "R-1",
        vec![ReceiptLine::new(1, d("3")).damaged(d("1"))],
        65,
    )
    .unwrap();
    l.add_charge(
        "PO-1",
        Charge::new("F-1", ChargeKind::Freight, d("0.99")),
        66,
    )
    .unwrap();
    l.record_payment("PO-1", "P-1", d("2.00"), 67).unwrap();
}

/// Purchasing events as JSON, one of each kind, valid on a ledger built by [`sample`].
fn events() -> Vec<String> {
    [
        r#"{"time":100,"event":"create_order","order":"PO-2","supplier":"S","lines":[{"line":1,"sku":"A","location":"W2","quantity":"4","expected":200}]}"#,
        r#"{"time":100,"event":"add_line","order":"PO-1","line":{"line":2,"sku":"A","location":"W2","quantity":"2","unit_price":"1.40","expected":150}}"#,
        r#"{"time":100,"event":"amend_line","order":"PO-1","change":{"line":1,"quantity":"8","expected":120}}"#,
        r#"{"time":100,"event":"confirm_order","order":"PO-1","changes":[{"line":1,"quantity":"4"}]}"#,
        r#"{"time":100,"reference":"GRN","event":"receive_order","order":"PO-1","receipt":"R-2","lines":[{"line":1,"sellable":"1","quarantine":"1","unit_price":"1.55"}]}"#,
        r#"{"time":100,"event":"cancel_order","order":"PO-1","line":1}"#,
        r#"{"time":100,"event":"close_short","order":"PO-1"}"#,
        r#"{"time":100,"event":"add_charge","order":"PO-1","charge":{"id":"F-2","kind":"duty","amount":"1.01","receipts":["R-1"],"allocation":{"by_weight":[[1,"0.5"]]}}}"#,
        r#"{"time":100,"event":"record_payment","order":"PO-1","payment":"P-2","amount":"1.00"}"#,
        r#"{"time":100,"event":"set_supplier","supplier":{"id":"T","name":"T","terms":{"net_days":5},"items":[{"sku":"A","discount":"incremental","prices":[{"min_quantity":"0","unit_price":"2"},{"min_quantity":"10","unit_price":"1"}],"lead_time":{"mean_days":3.0}}]}}"#,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The unmutated events are valid: otherwise the fuzz test below would only exercise the parser.
#[test]
fn every_sample_event_posts() {
    for (i, text) in events().iter().enumerate() {
        let mut l = Ledger::from_json(&sample()).unwrap();
        let event: PurchaseEvent =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{i}: {e}"));
        l.purchase(event).unwrap_or_else(|e| panic!("{i}: {e}"));
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 1usize..20).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "-",
                "0",
                "9",
                "\"",
                ",",
                "{",
                "}",
                "[",
                "]",
                "null",
                "1e99",
                "\"x\"",
                "79228162514264337593543950335",
                "-1",
                "\\u0000",
                "true",
            ])
        )
            .prop_map(|(i, s)| Mutation::Insert(i, s.to_string())),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip(i, b) => {
            if !bytes.is_empty() {
                bytes[i % len] = *b;
            }
        }
        Mutation::Delete(i, n) => {
            let start = i % len;
            let end = (start + n).min(bytes.len());
            bytes.drain(start.min(end)..end);
        }
        Mutation::Insert(i, s) => {
            let at = i % (bytes.len() + 1);
            bytes.splice(at..at, s.bytes());
        }
        Mutation::Duplicate(i, n) => {
            let start = i % len;
            let end = (start + n).min(bytes.len());
            let piece: Vec<u8> = bytes[start.min(end)..end].to_vec();
            bytes.splice(end..end, piece);
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_snapshots_never_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        let base = sample();
        let mut bytes = base.clone().into_bytes();
        for m in &muts {
            bytes = apply(bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes);
        match Ledger::from_json(&text) {
            Ok(l) => {
                // Accepted: it must be a consistent ledger (replay agrees) and write canonically.
                let again = Ledger::from_json(&l.to_json()).unwrap();
                prop_assert_eq!(again, l);
            }
            Err(e) => prop_assert_eq!(e.kind(), ErrorKind::InvalidSnapshot),
        }
    }

    #[test]
    fn mutated_events_never_panic_and_change_nothing_when_refused(
        which in 0usize..10,
        muts in prop::collection::vec(mutation(), 0..4),
    ) {
        let mut l = Ledger::from_json(&sample()).unwrap();
        let mut bytes = events()[which].clone().into_bytes();
        for m in &muts {
            bytes = apply(bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes);
        let Ok(event) = serde_json::from_str::<PurchaseEvent>(&text) else {
            return Ok(());
        };
        let before = l.clone();
        match l.purchase(event) {
            Ok(_) => {
                let again = Ledger::from_json(&l.to_json()).unwrap();
                prop_assert!(again == l);
            }
            Err(_) => prop_assert!(l == before, "a refused event changed the ledger"),
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        prop_assert!(Ledger::from_json(&text).is_err());
    }

    #[test]
    fn arbitrary_columns_never_panic(
        rows in prop::collection::vec(
            (
                prop::sample::select(vec!["receive", "ship", "transfer", "adjust", "cycle_count",
                    "reserve", "release", "customer_return", "return_to_supplier", "bogus", ""]),
                prop::sample::select(vec!["A", "B", ""]),
                prop::option::of(-5i64..50),
                prop::option::of(-100i64..1000),
                prop::option::of(prop::sample::select(vec!["W1", "W2", ""])),
                prop::option::of(prop::sample::select(vec!["SO", ""])),
                prop::option::of(prop::sample::select(vec!["damage", "found", "nope"])),
                prop::option::of(prop::sample::select(vec!["sellable", "damaged", "quarantine", "nope"])),
                prop::option::of(prop::sample::select(vec!["S1", "S2", ""])),
                prop::option::of(prop::sample::select(vec!["PO", ""])),
                prop::option::of(prop::sample::select(vec!["S1", "S2", ""])),
            ),
            0..25,
        ),
    ) {
        let n = rows.len();
        let mut c = MovementColumns::default();
        for (i, (k, s, q, cost, to, res, reason, cond, reference, po, shipment)) in rows.into_iter().enumerate() {
            c.kinds.push(k.into());
            c.skus.push(s.into());
            c.locations.push("W1".into());
            c.quantities.push(q.map(Decimal::from));
            c.times.push(i as i64);
            c.unit_costs.push(cost.map(|x| Decimal::new(x, 2)));
            c.to_locations.push(to.map(Into::into));
            c.reservations.push(res.map(Into::into));
            c.reasons.push(reason.map(Into::into));
            c.conditions.push(cond.map(Into::into));
            c.references.push(reference.map(Into::into));
            c.purchase_orders.push(po.map(Into::into));
            c.shipments.push(shipment.map(Into::into));
        }
        let mut l = Ledger::new();
        match l.post_columns(&c) {
            Ok(out) => prop_assert_eq!(out.len(), n),
            Err(_) => prop_assert!(l.is_empty()),
        }
    }
}
