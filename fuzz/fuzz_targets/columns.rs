//! The columnar batch: columns of any lengths and values post all or nothing; a refused
//! batch leaves the ledger unchanged, an accepted one equals a replay of its journal.
#![no_main]

use std::borrow::Cow;

use arbitrary::Arbitrary;
use inventory_core::{Decimal, Ledger, Movement, MovementColumns};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Row {
    kind: u8,
    sku: u8,
    location: u8,
    to: Option<u8>,
    quantity: Option<(i64, u8)>,
    cost: Option<(i64, u8)>,
    time: i64,
    reference: Option<u8>,
    reservation: Option<u8>,
    reason: Option<u8>,
    condition: Option<u8>,
    text: Option<String>,
}

const KINDS: [&str; 12] = [
    "receive", "ship", "customer_return", "return_to_supplier", "transfer", "reclassify",
    "adjust", "cycle_count", "reserve", "release", "landed_cost", "bogus",
];
const REASONS: [&str; 4] = ["damage", "loss", "found", "weird"];
const CONDITIONS: [&str; 4] = ["sellable", "damaged", "quarantine", "wet"];

fn dec((m, s): (i64, u8)) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(i128::from(m), u32::from(s % 32)).ok()
}

fn name(prefix: &str, i: u8, text: &Option<String>) -> String {
    match (i % 7, text) {
        (6, Some(t)) => t.clone(),
        _ => format!("{prefix}{}", i % 4),
    }
}

fuzz_target!(|rows: Vec<Row>| {
    let mut l = Ledger::new();
    l.post(Movement::receive("S0", "L0", Decimal::from(50), Decimal::ONE, 0))
        .unwrap();
    let before = l.to_json();
    let mut c = MovementColumns::default();
    for r in &rows {
        c.kinds.push(Cow::Borrowed(KINDS[usize::from(r.kind) % KINDS.len()]));
        c.skus.push(Cow::Owned(name("S", r.sku, &r.text)));
        c.locations.push(Cow::Owned(name("L", r.location, &r.text)));
        c.to_locations.push(r.to.map(|t| Cow::Owned(name("L", t, &None))));
        c.quantities.push(r.quantity.and_then(dec));
        c.unit_costs.push(r.cost.and_then(dec));
        c.times.push(r.time % 1_000_000_000);
        c.references.push(r.reference.map(|x| Cow::Owned(format!("R{}", x % 8))));
        c.reservations.push(r.reservation.map(|x| Cow::Owned(format!("O{}", x % 3))));
        c.reasons
            .push(r.reason.map(|x| Cow::Borrowed(REASONS[usize::from(x) % REASONS.len()])));
        c.conditions
            .push(r.condition.map(|x| Cow::Borrowed(CONDITIONS[usize::from(x) % CONDITIONS.len()])));
    }
    // Ragged columns too, now and then.
    if rows.len() % 5 == 1 {
        c.times.pop();
    }
    match l.post_columns(&c) {
        Ok(_) => {
            let replayed = Ledger::replay(
                l.config().clone(),
                l.journal().into_iter().map(|e| e.movement).collect::<Vec<_>>(),
            )
            .expect("the journal replays");
            assert_eq!(replayed, l);
        }
        Err(_) => assert_eq!(l.to_json(), before, "a refused batch changed the ledger"),
    }
});
