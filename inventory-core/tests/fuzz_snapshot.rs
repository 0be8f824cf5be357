//! Fuzzing of what reads outside data: snapshot JSON and columnar batches.
//!
//! No nightly toolchain is available for cargo-fuzz here, so this is structure-aware
//! mutation fuzzing driven by proptest: valid snapshots are mutated byte by byte and token
//! by token, and the reader must answer every input with a value or a typed error, never a
//! panic; anything it accepts must be a consistent ledger that writes the same JSON back.

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
    l.to_json()
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
