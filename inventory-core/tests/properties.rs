//! Property tests of the ledger's invariants: quantity and value conservation to the cent,
//! atomicity (a refused movement changes nothing), replay = live state, snapshot round trip.

use inventory_core::{
    AdjustReason, Condition, CostMethod, Decimal, Ledger, LedgerConfig, Movement, MovementColumns,
    MovementKind,
};
use proptest::prelude::*;

const SKUS: [&str; 3] = ["A", "B", "C"];
const LOCS: [&str; 3] = ["W1", "W2", "W3"];
const CONDS: [Condition; 3] = [
    Condition::Sellable,
    Condition::Damaged,
    Condition::Quarantine,
];

#[derive(Debug, Clone)]
enum Op {
    Receive(usize, usize, i64, i64),
    Ship(usize, usize, i64, Option<usize>),
    Return(usize, usize, i64, usize, bool),
    ToSupplier(usize, usize, i64),
    Transfer(usize, usize, usize, i64),
    Reclassify(usize, usize, i64, usize, usize),
    Adjust(usize, usize, i64),
    Count(usize, usize, i64),
    Reserve(usize, usize, i64, usize),
    Release(usize, usize, usize, Option<i64>),
    Repeat(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let s = 0..SKUS.len();
    let l = 0..LOCS.len();
    let q = 1i64..40;
    prop_oneof![
        4 => (s.clone(), l.clone(), q.clone(), 0i64..5_000).prop_map(|(s, l, q, c)| Op::Receive(s, l, q, c)),
        4 => (s.clone(), l.clone(), q.clone(), prop::option::of(0usize..3)).prop_map(|(s, l, q, r)| Op::Ship(s, l, q, r)),
        1 => (s.clone(), l.clone(), q.clone(), 0usize..3, any::<bool>()).prop_map(|(s, l, q, c, by)| Op::Return(s, l, q, c, by)),
        1 => (s.clone(), l.clone(), q.clone()).prop_map(|(s, l, q)| Op::ToSupplier(s, l, q)),
        2 => (s.clone(), l.clone(), l.clone(), q.clone()).prop_map(|(s, a, b, q)| Op::Transfer(s, a, b, q)),
        1 => (s.clone(), l.clone(), q.clone(), 0usize..3, 0usize..3).prop_map(|(s, l, q, a, b)| Op::Reclassify(s, l, q, a, b)),
        1 => (s.clone(), l.clone(), -20i64..20).prop_map(|(s, l, q)| Op::Adjust(s, l, q)),
        1 => (s.clone(), l.clone(), 0i64..60).prop_map(|(s, l, q)| Op::Count(s, l, q)),
        2 => (s.clone(), l.clone(), q.clone(), 0usize..3).prop_map(|(s, l, q, r)| Op::Reserve(s, l, q, r)),
        1 => (s, l, 0usize..3, prop::option::of(q)).prop_map(|(s, l, r, q)| Op::Release(s, l, r, q)),
        1 => (0usize..1000).prop_map(Op::Repeat),
    ]
}

fn dec(q: i64) -> Decimal {
    Decimal::from(q)
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

fn movement(op: &Op, time: i64, n: usize, posted: &[Movement]) -> Movement {
    let res = |r: usize| format!("SO-{r}");
    match *op {
        Op::Receive(s, l, q, c) => Movement::receive(SKUS[s], LOCS[l], dec(q), cents(c), time),
        Op::Ship(s, l, q, r) => match r {
            Some(r) => Movement::ship_reserved(SKUS[s], LOCS[l], dec(q), res(r), time),
            None => Movement::ship(SKUS[s], LOCS[l], dec(q), time),
        }
        .with_reference(format!("SHP-{n}")),
        Op::Return(s, l, q, c, by_shipment) => {
            // Return against one of the earlier shipments (the newest of this SKU), or at cost.
            let shipment = if by_shipment {
                posted
                    .iter()
                    .rev()
                    .find(|m| m.kind_name() == "ship" && m.sku() == SKUS[s])
                    .and_then(|m| m.reference.clone())
            } else {
                None
            };
            Movement::new(
                MovementKind::CustomerReturn {
                    sku: SKUS[s].into(),
                    location: LOCS[l].into(),
                    quantity: dec(q),
                    condition: CONDS[c],
                    shipment,
                    unit_cost: None,
                },
                time,
            )
        }
        Op::ToSupplier(s, l, q) => Movement::return_to_supplier(SKUS[s], LOCS[l], dec(q), time),
        Op::Transfer(s, a, b, q) => Movement::transfer(SKUS[s], LOCS[a], LOCS[b], dec(q), time),
        Op::Reclassify(s, l, q, a, b) => Movement::new(
            MovementKind::Reclassify {
                sku: SKUS[s].into(),
                location: LOCS[l].into(),
                quantity: dec(q),
                from: CONDS[a],
                to: CONDS[b],
            },
            time,
        ),
        Op::Adjust(s, l, q) => {
            Movement::adjust(SKUS[s], LOCS[l], dec(q), AdjustReason::Other, time)
        }
        Op::Count(s, l, q) => Movement::cycle_count(SKUS[s], LOCS[l], dec(q), time),
        Op::Reserve(s, l, q, r) => Movement::reserve(SKUS[s], LOCS[l], dec(q), res(r), time),
        Op::Release(s, l, r, q) => Movement::release(SKUS[s], LOCS[l], q.map(dec), res(r), time),
        Op::Repeat(_) => unreachable!("handled by the caller"),
    }
}

/// The movements of `ops` that `keep` keeps (repeats left out), one time step apart.
fn movements_of(ops: &[Op], keep: impl Fn(&Op) -> bool) -> Vec<Movement> {
    let mut posted = Vec::new();
    for (n, o) in ops.iter().enumerate() {
        if !matches!(o, Op::Repeat(_)) && keep(o) {
            let mv = movement(o, 1_000 + n as i64, n, &posted);
            posted.push(mv);
        }
    }
    posted
}

/// A new ledger costed by `method` with the first `split` movements posted one by one
/// (refused ones change nothing), and the movements after them.
fn posted_prefix(
    method: CostMethod,
    movements: &[Movement],
    split: usize,
) -> (Ledger, &[Movement]) {
    let mut l = Ledger::with_config(LedgerConfig::new().costing(method)).unwrap();
    let split = split.min(movements.len());
    for mv in &movements[..split] {
        let _ = l.post(mv.clone());
    }
    (l, &movements[split..])
}

/// Movements as columns (every kind but reclassification), borrowing their text.
fn to_columns(movements: &[Movement]) -> MovementColumns<'_> {
    MovementColumns::from_movements(movements).expect("no reclassifications")
}

/// Total physical units in the ledger (every SKU, location and condition).
fn total_units(l: &Ledger) -> Decimal {
    l.skus()
        .iter()
        .map(|s| {
            let p = l.position(s, None).unwrap();
            p.on_hand + p.damaged + p.quarantine
        })
        .sum()
}

fn method(i: u8) -> CostMethod {
    [
        CostMethod::Fifo,
        CostMethod::Lifo,
        CostMethod::MovingAverage,
    ][i as usize % 3]
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES raises the count for a longer local run.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(192),
        ..ProptestConfig::default()
    })]

    #[test]
    fn invariants_hold_for_any_sequence(
        m in 0u8..3,
        allow_negative in any::<bool>(),
        ops in prop::collection::vec((op(), 0i64..3), 1..70),
    ) {
        let config = LedgerConfig::new().costing(method(m)).allow_negative(allow_negative);
        let mut l = Ledger::with_config(config.clone()).unwrap();
        let mut time = 1_700_000_000i64;
        let mut posted: Vec<Movement> = Vec::new();
        let mut value_sum = Decimal::ZERO;
        let mut qty_sum = Decimal::ZERO;
        // Positions where a count or a write-off left reserved above on hand (a physical
        // fact cannot be refused); until their stock covers the reservations again, and
        // only there, reserved may exceed on hand.
        let mut excused: std::collections::BTreeSet<(String, String)> = Default::default();
        for (n, (op, dt)) in ops.iter().enumerate() {
            time += dt * 43_200;
            let mv = match op {
                Op::Repeat(i) if !posted.is_empty() => posted[i % posted.len()].clone(),
                Op::Repeat(_) => continue,
                other => movement(other, time, n, &posted),
            };
            let before = l.clone();
            let (v0, q0) = (l.total_value().unwrap(), total_units(&l));
            match l.post(mv.clone()) {
                Ok(o) => {
                    if o.duplicate {
                        // A repeated reference changes nothing.
                        prop_assert_eq!(&l, &before);
                        continue;
                    }
                    // Conservation: the outcome states exactly how value and units changed.
                    prop_assert_eq!(l.total_value().unwrap() - v0, o.value, "value of {:?}", mv);
                    prop_assert_eq!(total_units(&l) - q0, o.quantity);
                    prop_assert!(o.moved_value >= Decimal::ZERO);
                    // Exact to the cent: integer quantities and cent costs keep every amount in cents.
                    for x in [o.value, o.cogs, o.moved_value] {
                        prop_assert!(x.normalize().scale() <= 2, "{} has sub-cent digits", x);
                    }
                    if mv.kind_name() == "ship" {
                        prop_assert_eq!(o.value, -o.cogs);
                    }
                    value_sum += o.value;
                    qty_sum += o.quantity;
                    if let Some(at) = counted_or_adjusted_at(&mv) {
                        excused.insert(at);
                    }
                    posted.push(mv);
                }
                Err(_) => {
                    // Atomicity: a refused movement changes nothing.
                    prop_assert_eq!(&l, &before);
                }
            }
            // Available is on hand less reserved, everywhere.
            for s in l.skus() {
                for loc in l.locations() {
                    let p = l.position(s, Some(loc)).unwrap();
                    prop_assert_eq!(p.available, p.on_hand - p.reserved);
                    if !allow_negative {
                        prop_assert!(p.on_hand >= Decimal::ZERO);
                        let at = (s.to_string(), loc.to_string());
                        if p.reserved <= p.on_hand {
                            excused.remove(&at);
                        } else {
                            prop_assert!(
                                excused.contains(&at),
                                "{} reserved > {} on hand at {:?} after {:?}",
                                p.reserved, p.on_hand, at, posted.last()
                            );
                        }
                    }
                }
            }
        }
        prop_assert_eq!(value_sum, l.total_value().unwrap());
        prop_assert_eq!(qty_sum, total_units(&l));
        // Layers add up to the valuation when there is no negative stock.
        if !allow_negative {
            for s in l.skus() {
                let v = l.valuation(s, None).unwrap();
                prop_assert_eq!(v.layers.iter().map(|x| x.quantity).sum::<Decimal>(), v.quantity);
                prop_assert_eq!(v.layers.iter().map(|x| x.value).sum::<Decimal>(), v.value);
                prop_assert!(v.layers.windows(2).all(|w| w[0].received_at <= w[1].received_at));
            }
        }
        // Replay is the truth, and snapshots round-trip exactly.
        let replayed = Ledger::replay(config, l.journal().iter().map(|e| e.movement.clone())).unwrap();
        prop_assert_eq!(&replayed, &l);
        let json = l.to_json();
        let back = Ledger::from_json(&json).unwrap();
        prop_assert_eq!(&back, &l);
        prop_assert_eq!(back.to_json(), json);
    }

    #[test]
    fn batch_equals_sequential_posts_or_changes_nothing(
        m in 0u8..3,
        ops in prop::collection::vec(op(), 1..40),
        split in 0usize..40,
    ) {
        // The first `split` movements are posted one by one (into both ledgers), the rest as
        // one batch: a batch into a ledger with history (undo log) and into a new one (none).
        let movements = movements_of(&ops, |_| true);
        let (mut seq, rest) = posted_prefix(method(m), &movements, split);
        let mut batch = seq.clone();
        let rest = rest.to_vec();
        let all_ok = rest.iter().all(|mv| seq.post(mv.clone()).is_ok());
        let before = batch.clone();
        match batch.post_batch(rest.clone()) {
            Ok(_) => {
                prop_assert!(all_ok);
                prop_assert_eq!(&batch, &seq);
            }
            Err(_) => {
                prop_assert!(!all_ok);
                prop_assert_eq!(&batch, &before);
                // The rolled-back ledger goes on exactly as one that never saw the batch.
                let mut again = before.clone();
                for mv in &rest {
                    let a = again.post(mv.clone()).map_err(|e| e.to_string());
                    let b = batch.post(mv.clone()).map_err(|e| e.to_string());
                    prop_assert_eq!(a, b);
                }
                prop_assert_eq!(&batch, &again);
            }
        }
    }

    #[test]
    fn long_batches_and_columns_equal_sequential_posts(
        m in 0u8..3,
        // Long enough that most rows are looked ahead (the look-ahead starts 20 rows out).
        ops in prop::collection::vec(op(), 1..240),
        split in 0usize..60,
    ) {
        // Long batches, so that most movements are looked ahead: through `post_columns`
        // (whose look-ahead reads the columns) and `post_batch` (which reads the movements).
        // Reclassifications have no column kind and are left out.
        let movements = movements_of(&ops, |o| !matches!(o, Op::Reclassify(..)));
        let (seq, rest) = posted_prefix(method(m), &movements, split);
        // The movements that post, in order: a refused one changes nothing, so on their own
        // they give the same outcomes. As columns they must all post, with those outcomes.
        let mut expected = seq.clone();
        let mut valid = Vec::new();
        let mut outcomes = Vec::new();
        for mv in rest {
            if let Ok(o) = expected.post(mv.clone()) {
                valid.push(mv.clone());
                outcomes.push(o);
            }
        }
        let columns = to_columns(&valid);
        // The columns say exactly what the movements say.
        prop_assert_eq!(&columns.movements().unwrap(), &valid);
        let mut cols_ledger = seq.clone();
        prop_assert_eq!(&cols_ledger.post_columns(&columns).unwrap(), &outcomes);
        prop_assert_eq!(&cols_ledger, &expected);
        // And as one `post_batch` (the look-ahead reads the movements themselves).
        let mut batch_ledger = seq.clone();
        prop_assert_eq!(&batch_ledger.post_batch(valid.clone()).unwrap(), &outcomes);
        prop_assert_eq!(&batch_ledger, &expected);
        // `post_columns_with` hands out the same outcomes, in order, without collecting them.
        let mut each_ledger = seq.clone();
        let mut handed = Vec::new();
        prop_assert_eq!(each_ledger.post_columns_with(&columns, |o| handed.push(o)).unwrap(), valid.len());
        prop_assert_eq!(&handed, &outcomes);
        prop_assert_eq!(&each_ledger, &expected);
        // All of them, refused ones included, are all-or-nothing.
        if valid.len() < rest.len() {
            let mut failed = seq.clone();
            prop_assert!(failed.post_columns(&to_columns(rest)).is_err());
            prop_assert_eq!(&failed, &seq);
            prop_assert!(failed.post_columns_with(&to_columns(rest), |_| ()).is_err());
            prop_assert_eq!(&failed, &seq);
        }
    }

    #[test]
    fn sold_out_cogs_equals_cost_received(
        m in 0u8..3,
        receipts in prop::collection::vec((1i64..50, 0i64..10_000), 1..12),
        ships in prop::collection::vec(1i64..30, 1..12),
    ) {
        // Receive, ship in arbitrary slices (backorders allowed), then receive/ship to zero:
        // the total COGS is exactly the total cost received, whatever the method.
        let mut l = Ledger::with_config(LedgerConfig::new().costing(method(m)).allow_negative(true)).unwrap();
        let mut t = 0;
        let mut received = Decimal::ZERO;
        let mut cogs = Decimal::ZERO;
        let mut qty = 0i64;
        for (i, (q, c)) in receipts.iter().enumerate() {
            t += 1;
            received += dec(*q) * cents(*c);
            cogs += l.post(Movement::receive("A", "W", dec(*q), cents(*c), t)).unwrap().cogs;
            qty += q;
            if let Some(s) = ships.get(i) {
                cogs += l.post(Movement::ship("A", "W", dec(*s), t)).unwrap().cogs;
                qty -= s;
            }
        }
        if qty < 0 {
            received += dec(-qty) * cents(123);
            cogs += l.post(Movement::receive("A", "W", dec(-qty), cents(123), t + 1)).unwrap().cogs;
        } else if qty > 0 {
            cogs += l.post(Movement::ship("A", "W", dec(qty), t + 1)).unwrap().cogs;
        }
        prop_assert_eq!(l.total_value().unwrap(), Decimal::ZERO);
        prop_assert_eq!(cogs, received);
    }
}

/// The (SKU, location) of a count or an adjustment, which may take reserved units (a
/// physical fact cannot be refused): the only movements that may leave reserved above on
/// hand, at their own position.
fn counted_or_adjusted_at(m: &Movement) -> Option<(String, String)> {
    match &m.kind {
        MovementKind::CycleCount { sku, location, .. }
        | MovementKind::Adjust { sku, location, .. } => Some((sku.clone(), location.clone())),
        _ => None,
    }
}
