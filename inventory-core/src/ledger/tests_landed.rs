//! Landed costs charged to earlier receipts. Expected values are worked by hand in the
//! comments.

use super::*;
use crate::error::ErrorKind;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn ledger(method: CostMethod) -> Ledger {
    Ledger::with_config(LedgerConfig::new().costing(method)).unwrap()
}

/// Receives 10 @ 10.00 (sequence 0) and 10 @ 12.00 (sequence 1) of A at W1, ships 15.
fn two_receipts_then_ship(method: CostMethod) -> (Ledger, Decimal) {
    let mut l = ledger(method);
    l.post(Movement::receive("A", "W1", d("10"), d("10.00"), 0))
        .unwrap();
    l.post(Movement::receive("A", "W1", d("10"), d("12.00"), 1))
        .unwrap();
    let shipped = l.post(Movement::ship("A", "W1", d("15"), 2)).unwrap();
    (l, shipped.cogs)
}

fn value_and_cogs(l: &Ledger) -> (Decimal, Decimal) {
    let cogs = l.journal_iter().map(|e| e.outcome.cogs).sum();
    (l.total_value().unwrap(), cogs)
}

#[test]
fn fifo_charge_reaches_the_units_left_wherever_they_are() {
    let (mut l, cogs) = two_receipts_then_ship(CostMethod::Fifo);
    // FIFO shipped all 10 of receipt 0 and 5 of receipt 1: 100 + 60 = 160.
    assert_eq!(cogs, d("160.00"));
    // Two of receipt 1's five units move to W2.
    l.post(Movement::transfer("A", "W1", "W2", d("2"), 3))
        .unwrap();
    // Freight of 3.00 on receipt 1: 5 of its 10 units are on hand → 1.50 to stock (W1 has 3
    // of them: 1.50 × 3/5 = 0.90; W2 the remaining 0.60), 1.50 to COGS.
    let out = l.post(Movement::landed_cost("A", 1, d("3.00"), 4)).unwrap();
    assert_eq!(
        (out.quantity, out.value, out.cogs),
        (d("0"), d("1.50"), d("1.50"))
    );
    assert_eq!(out.moved_value, d("3.00"));
    assert_eq!(l.valuation("A", Some("W1")).unwrap().value, d("36.90"));
    assert_eq!(l.valuation("A", Some("W2")).unwrap().value, d("24.60"));
    // Receipt 0 has no units left: all of its charge is COGS.
    let out = l.post(Movement::landed_cost("A", 0, d("2.00"), 5)).unwrap();
    assert_eq!((out.value, out.cogs), (d("0"), d("2.00")));
    // Value + COGS = purchases + charges: 220 + 3 + 2.
    let (value, cogs) = value_and_cogs(&l);
    assert_eq!(value + cogs, d("225.00"));
    // The next shipment from W1 takes the raised cost: 3 units at 36.90.
    let out = l.post(Movement::ship("A", "W1", d("3"), 6)).unwrap();
    assert_eq!(out.cogs, d("36.90"));
    // The layers still name their receipt.
    let v = l.valuation("A", None).unwrap();
    assert_eq!(v.layers.len(), 1);
    assert_eq!(v.layers[0].origin, 1);
}

#[test]
fn lifo_and_moving_average_charges() {
    // LIFO shipped all 10 of receipt 1 and 5 of receipt 0: 120 + 50 = 170.
    let (mut l, cogs) = two_receipts_then_ship(CostMethod::Lifo);
    assert_eq!(cogs, d("170.00"));
    let out = l.post(Movement::landed_cost("A", 0, d("1.00"), 3)).unwrap();
    assert_eq!((out.value, out.cogs), (d("0.50"), d("0.50")));
    assert_eq!(l.total_value().unwrap(), d("50.50"));
    // Moving average: 220 / 20 = 11.00 each, 165 shipped, 55 left. The pool's layers are
    // consumed first in, first out, so the 5 units left are receipt 1's.
    let (mut l, cogs) = two_receipts_then_ship(CostMethod::MovingAverage);
    assert_eq!(cogs, d("165.00"));
    let out = l.post(Movement::landed_cost("A", 1, d("4.00"), 3)).unwrap();
    assert_eq!((out.value, out.cogs), (d("2.00"), d("2.00")));
    assert_eq!(l.total_value().unwrap(), d("57.00"));
    let out = l.post(Movement::landed_cost("A", 0, d("4.00"), 3)).unwrap();
    assert_eq!((out.value, out.cogs), (d("0"), d("4.00")));
    // The next unit leaves at the new average 57 / 5 = 11.40.
    assert_eq!(
        l.post(Movement::ship("A", "W1", d("1"), 4)).unwrap().cogs,
        d("11.40")
    );
}

#[test]
fn shares_round_half_away_from_zero_and_sum_exactly() {
    // 3 of 7 units on hand: 1.00 × 3/7 = 0.428… → 0.43 on hand, 0.57 COGS.
    let mut l = ledger(CostMethod::Fifo);
    l.post(Movement::receive("A", "W1", d("7"), d("1.00"), 0))
        .unwrap();
    l.post(Movement::ship("A", "W1", d("4"), 1)).unwrap();
    let out = l.post(Movement::landed_cost("A", 0, d("1.00"), 2)).unwrap();
    assert_eq!((out.value, out.cogs), (d("0.43"), d("0.57")));
    // Spread over three positions of one unit each (sellable W1, damaged W1, W2):
    // 0.43 × 1/3 = 0.14 (0.143), then 0.29 × 1/2 = 0.15 (0.145), then the remaining 0.14.
    let mut l = ledger(CostMethod::Fifo);
    l.post(Movement::receive("A", "W1", d("3"), d("1.00"), 0))
        .unwrap();
    l.post(Movement::new(
        MovementKind::Reclassify {
            sku: "A".into(),
            location: "W1".into(),
            quantity: d("1"),
            from: Condition::Sellable,
            to: Condition::Damaged,
        },
        1,
    ))
    .unwrap();
    l.post(Movement::transfer("A", "W1", "W2", d("1"), 2))
        .unwrap();
    let out = l.post(Movement::landed_cost("A", 0, d("0.43"), 3)).unwrap();
    assert_eq!((out.value, out.cogs), (d("0.43"), d("0")));
    let v = l.valuation("A", None).unwrap();
    let values: Vec<Decimal> = v.layers.iter().map(|l| l.value).collect();
    // Layers sorted by (receipt time, location, condition): W1 sellable, W1 damaged, W2.
    assert_eq!(values, vec![d("1.14"), d("1.15"), d("1.14")]);
}

#[test]
fn a_receipt_into_damaged_stock_is_not_available() {
    let mut l = ledger(CostMethod::Fifo);
    let mut m = Movement::receive("A", "W1", d("4"), d("2.50"), 0);
    if let MovementKind::Receive { condition, .. } = &mut m.kind {
        *condition = Condition::Damaged;
    }
    let out = l.post(m.clone()).unwrap();
    assert_eq!(out.value, d("10.00"));
    let p = l.position("A", None).unwrap();
    assert_eq!(
        (p.on_hand, p.available, p.damaged),
        (d("0"), d("0"), d("4"))
    );
    // The condition is journaled and replays.
    assert_eq!(l.journal()[0].movement, m);
    assert_eq!(Ledger::from_json(&l.to_json()).unwrap(), l);
}

#[test]
fn bad_landed_costs_are_refused_and_change_nothing() {
    let (mut l, _) = two_receipts_then_ship(CostMethod::Fifo);
    l.post(Movement::receive("B", "W1", d("1"), d("1"), 3))
        .unwrap();
    let refused = |l: &mut Ledger, m: Movement| {
        let before = l.clone();
        let e = l.post(m).expect_err("refused");
        assert_eq!(*l, before);
        e
    };
    // Entry 2 is a shipment, entry 3 a receipt of B, entry 99 does not exist.
    for receipt in [2, 3, 99, u64::MAX] {
        let e = refused(&mut l, Movement::landed_cost("A", receipt, d("1.00"), 4));
        assert_eq!(e.kind(), ErrorKind::UnknownReceipt, "{e}");
    }
    for amount in ["0", "-1.00", "0.001"] {
        let e = refused(&mut l, Movement::landed_cost("A", 0, d(amount), 4));
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    }
    // 2.500 is 2.50: trailing zeros are not extra places.
    l.post(Movement::landed_cost("A", 1, d("2.500"), 4))
        .unwrap();
    // Dated before A's latest movement.
    let e = refused(&mut l, Movement::landed_cost("A", 1, d("1.00"), 3));
    assert_eq!(e.kind(), ErrorKind::OutOfOrder);
}

#[test]
fn landed_costs_replay_and_roll_back_in_batches() {
    let (mut l, _) = two_receipts_then_ship(CostMethod::Lifo);
    l.post(Movement::landed_cost("A", 0, d("1.00"), 3)).unwrap();
    let back = Ledger::from_json(&l.to_json()).unwrap();
    assert_eq!(back, l);
    let replayed = Ledger::replay(
        l.config().clone(),
        l.journal().into_iter().map(|e| e.movement),
    )
    .unwrap();
    assert_eq!(replayed, l);
    // A batch whose last movement fails undoes the revaluation before it.
    let before = l.clone();
    let e = l
        .post_batch([
            Movement::landed_cost("A", 0, d("3.00"), 4),
            Movement::ship("A", "W1", d("100"), 5),
        ])
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InsufficientStock);
    assert_eq!(l, before);
}
