//! Runs the 90-day costing run (the `costing_report` example) and checks facts of its output,
//! so the example and the documentation cannot drift from the engine.

use inventory_core::{Decimal, Ledger, Period};
use inventory_examples::{cogs, simulate, store_report, written_off, CATALOGUE};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn opening_stock_matches_the_catalogue_worked_by_hand() {
    // By hand from CATALOGUE (BER-1 + HAM-2 units × day-1 cost):
    // MUG-WHT 200 × 3.80 = 760.00, MUG-BLK 140 × 3.95 = 553.00, TEE-BLK-M 160 × 6.10 = 976.00,
    // TEE-BLK-L 150 × 6.10 = 915.00, TEE-WHT-M 100 × 5.90 = 590.00, HOOD-GRY-L 70 × 18.50 =
    // 1295.00, TOTE-NAT 140 × 2.40 = 336.00, CAP-NAV 60 × 4.20 = 252.00, POSTER-A3 80 × 1.50 =
    // 120.00, NOTE-A5 100 × 2.60 = 260.00, BOTTLE-750 70 × 6.90 = 483.00, SOCKS-3PK 150 × 3.30 =
    // 495.00; 1420 units worth 7035.00.
    let run = simulate().unwrap();
    assert_eq!(run.opening_units, d("1420"));
    assert_eq!(run.opening_value, d("7035.00"));
    let report = run.report();
    assert!(report.contains("Opening stock (one batch): 1420 units worth 7035.00"));
}

#[test]
fn every_method_splits_the_same_purchases() {
    let run = simulate().unwrap();
    for ledger in [&run.fifo, &run.lifo, &run.avg] {
        let sold: Decimal = CATALOGUE.iter().map(|p| cogs(ledger, p.sku)).sum();
        // Nothing was lost or invented: purchases = COGS + closing stock + write-offs.
        assert_eq!(
            run.purchases,
            sold + ledger.total_value().unwrap() + written_off(ledger),
            "{:?}",
            ledger.config().costing
        );
    }
    // The same stream of movements went into the three ledgers.
    assert_eq!(run.fifo.len(), run.lifo.len());
    assert_eq!(run.fifo.len(), run.avg.len());
    for (a, b) in run.fifo.journal().iter().zip(run.lifo.journal()) {
        assert_eq!(a.movement, b.movement);
        assert_eq!(a.outcome.quantity, b.outcome.quantity);
    }
}

#[test]
fn rising_costs_order_the_methods() {
    let run = simulate().unwrap();
    let total = |l: &Ledger| -> Decimal { CATALOGUE.iter().map(|p| cogs(l, p.sku)).sum() };
    let (f, l, a) = (total(&run.fifo), total(&run.lifo), total(&run.avg));
    assert!(f < a && a < l, "FIFO {f} < AVG {a} < LIFO {l}");
    assert!(run.fifo.total_value().unwrap() > run.lifo.total_value().unwrap());
    // Units on hand do not depend on the costing method.
    for p in &CATALOGUE {
        let q = |l: &Ledger| l.valuation(p.sku, None).unwrap().quantity;
        assert_eq!(q(&run.fifo), q(&run.lifo));
        assert_eq!(q(&run.fifo), q(&run.avg));
    }
}

#[test]
fn idempotency_and_refusal_are_shown() {
    let run = simulate().unwrap();
    assert!(run.duplicate.duplicate);
    let (before, after) = run.journal_len_around_duplicate;
    assert_eq!(before, after);
    assert_eq!(after, run.fifo.len(), "the refused shipment left no trace");
    assert!(run
        .refused
        .contains("insufficient stock of SKU \"MUG-WHT\""));
    assert!(run.refused.contains("requested 500"));
    let report = run.report();
    assert!(report.contains("duplicate = true"));
    assert!(report.contains(&run.refused));
}

#[test]
fn weekly_demand_adds_up_to_net_units_sold() {
    let run = simulate().unwrap();
    for p in &CATALOGUE {
        let h = run
            .fifo
            .demand_history(p.sku, None, Period::Week, Some(run.start), Some(run.end))
            .unwrap();
        assert_eq!(h.quantities.len(), 13, "2026-W02 .. 2026-W14");
        assert_eq!(h.label(0), "2026-W02");
        let sum: Decimal = h.quantities.iter().copied().sum();
        assert_eq!(Some(&sum), run.net_units.get(p.sku), "{}", p.sku);
    }
}

#[test]
fn positions_are_consistent_and_replay_is_the_truth() {
    let run = simulate().unwrap();
    for p in &CATALOGUE {
        let pos = run.fifo.position(p.sku, None).unwrap();
        assert_eq!(pos.available, pos.on_hand - pos.reserved);
        assert!(pos.available >= Decimal::ZERO);
    }
    // The journal of movements alone rebuilds every position, layer and value (purchase
    // orders post nothing but movements); the snapshot, with its purchasing events too,
    // rebuilds the identical ledger.
    let replayed = Ledger::replay(
        run.fifo.config().clone(),
        run.fifo.journal().iter().map(|e| e.movement.clone()),
    )
    .unwrap();
    assert!(replayed.journal_iter().eq(run.fifo.journal_iter()));
    for p in &CATALOGUE {
        assert_eq!(
            replayed.valuation(p.sku, None).unwrap(),
            run.fifo.valuation(p.sku, None).unwrap()
        );
    }
    assert_eq!(Ledger::from_json(&run.fifo.to_json()).unwrap(), run.fifo);
}

#[test]
fn report_is_readable_and_deterministic() {
    let report = store_report().unwrap();
    assert_eq!(report, store_report().unwrap(), "same input, same output");
    let lines: Vec<&str> = report.lines().collect();
    assert!(lines.len() <= 150, "{} lines", lines.len());
    for line in &lines {
        assert!(line.chars().count() <= 100, "too wide: {line}");
    }
    for section in [
        "STOCK BY WAREHOUSE",
        "PURCHASING",
        "VALUE AND COST OF GOODS SOLD BY COSTING METHOD",
        "TEN LARGEST OPEN COST LAYERS",
        "DEMAND PER ISO WEEK",
        "WHAT TO REORDER",
        "DEMAND FORECAST",
        "SAFETY CHECKS",
        "WHAT THIS SHOWS",
    ] {
        assert!(report.contains(section), "missing {section}");
    }
    // Exactly ten layer rows follow the layer table's header.
    let at = lines
        .iter()
        .position(|l| l.starts_with("TEN LARGEST"))
        .unwrap();
    assert_eq!(lines[at + 12], "");
}

#[test]
fn reorder_points_follow_the_formula() {
    use inventory_examples::SERVICE_LEVEL;
    let run = simulate().unwrap();
    let lines = run.replenishment().unwrap();
    assert_eq!(lines.len(), 12);
    assert!((SERVICE_LEVEL - 0.95).abs() < 1e-12);
    let z95 = 1.6448536269514715; // Python statistics.NormalDist().inv_cdf(0.95)
    for line in &lines {
        let (l, sl) = line.lead;
        // Daily demand statistics worked here from the raw journal, independently of the core's
        // demand history: net units shipped per UTC day over the 90 days.
        let mut per_day = vec![0.0f64; 90];
        for e in run.fifo.journal() {
            let day = ((e.movement.time - run.start) / 86_400) as usize;
            if e.movement.sku() != line.sku || day >= 90 {
                continue;
            }
            match &e.movement.kind {
                inventory_core::MovementKind::Ship { quantity, .. } => {
                    per_day[day] += quantity.to_string().parse::<f64>().unwrap()
                }
                inventory_core::MovementKind::CustomerReturn { quantity, .. } => {
                    per_day[day] -= quantity.to_string().parse::<f64>().unwrap()
                }
                _ => {}
            }
        }
        let n = per_day.len() as f64;
        let mean = per_day.iter().sum::<f64>() / n;
        let sd = (per_day.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        assert!(
            (line.daily.0 - mean).abs() < 1e-9,
            "{}: mean {} vs {mean}",
            line.sku,
            line.daily.0
        );
        assert!(
            (line.daily.1 - sd).abs() < 1e-9,
            "{}: sd {} vs {sd}",
            line.sku,
            line.daily.1
        );
        let ss = z95 * (l * sd * sd + mean * mean * sl * sl).sqrt();
        assert!(
            (line.safety_stock - ss).abs() < 1e-9 * (1.0 + ss),
            "{}",
            line.sku
        );
        assert!(
            (line.reorder_point - (mean * l + ss)).abs() < 1e-9 * (1.0 + ss),
            "{}",
            line.sku
        );
        assert!(line.eoq > 0.0);
        assert_eq!(line.class.len(), 2);
    }
    // The best seller by revenue is class A.
    let top = run.revenue.iter().max_by(|a, b| a.1.cmp(b.1)).unwrap().0;
    assert!(lines
        .iter()
        .any(|l| l.sku == *top && l.class.starts_with('A')));
}

#[test]
fn demand_forecast_is_consistent_with_its_models() {
    let run = simulate().unwrap();
    let lines = run.demand_forecast().unwrap();
    assert_eq!(lines.len(), 12);
    for l in &lines {
        assert!(l.next_7 >= 0.0 && l.busy_day >= 0.0, "{l:?}");
        // Flat forecasters (SES and the intermittent ones) give four equal weeks.
        if ["ses", "croston", "sba", "tsb", "adida"].contains(&l.model) {
            assert!(
                (l.next_28 - 4.0 * l.next_7).abs() < 1e-9 * (1.0 + l.next_28),
                "{l:?}"
            );
            // The busy day is above the average day.
            assert!(l.busy_day > l.next_7 / 7.0, "{l:?}");
        }
        // Sporadic demand is forecast by an intermittent-demand model.
        if l.pattern == "intermittent" || l.pattern == "lumpy" {
            assert!(
                ["croston", "sba", "tsb", "adida"].contains(&l.model),
                "{l:?}"
            );
        }
    }
}

#[test]
fn purchasing_documents_agree_with_the_stock() {
    use inventory_core::purchasing::{LeadTimeSource, PaymentKind};
    use inventory_core::MovementKind;
    use inventory_examples::{vendor_of, VENDORS};
    use std::collections::BTreeMap;
    let run = simulate().unwrap();
    let f = &run.fifo;
    // The three ledgers hold the same purchase orders.
    for id in f.order_ids() {
        assert_eq!(f.order(&id).unwrap(), run.lifo.order(&id).unwrap());
        assert_eq!(f.order(&id).unwrap(), run.avg.order(&id).unwrap());
    }
    assert_eq!(f.order_ids().len() as u64, run.purchasing.0);
    // Incoming per SKU = the open units of the lines of open orders, summed here by hand.
    let mut open: BTreeMap<String, Decimal> = BTreeMap::new();
    for id in f.order_ids() {
        let po = f.order(&id).unwrap();
        for l in &po.lines {
            assert_eq!(
                l.open,
                (l.quantity - l.received() - l.cancelled - l.closed_short).max(Decimal::ZERO)
            );
            if po.status.is_open() {
                *open.entry(l.sku.clone()).or_default() += l.open;
            }
        }
    }
    for p in &CATALOGUE {
        let want = open.get(p.sku).copied().unwrap_or_default();
        assert_eq!(f.position(p.sku, None).unwrap().incoming, want, "{}", p.sku);
    }
    // Measured lead times, recomputed from the journal: one sample per delivery of an order
    // line (its sellable and damaged units arrive together), placement → delivery, in days.
    for (v, vendor) in VENDORS.iter().enumerate() {
        let mut samples = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for e in f.journal() {
            if let MovementKind::Receive {
                purchase_order: Some(po),
                sku,
                location,
                ..
            } = &e.movement.kind
            {
                let i = CATALOGUE.iter().position(|p| p.sku == sku).unwrap();
                if vendor_of(i) != v
                    || !seen.insert((po.clone(), e.movement.time, sku.clone(), location.clone()))
                {
                    continue;
                }
                let placed = f.order(po).unwrap().placed_at.unwrap();
                samples.push((e.movement.time - placed) as f64 / 86_400.0);
            }
        }
        let perf = f.supplier_performance(vendor.id, None).unwrap();
        assert_eq!(perf.receipt_lines, samples.len());
        let mean = samples.iter().sum::<f64>() / samples.len() as f64;
        assert!(
            (perf.lead_time_mean_days.unwrap() - mean).abs() < 1e-9,
            "{}",
            vendor.id
        );
        // Deliveries take at least the supplier's fewest days (placed later in the day than
        // goods are received: less a day).
        assert!(
            samples.iter().all(|&d| d > (vendor.actual.0 - 1) as f64),
            "{}",
            vendor.id
        );
    }
    // The reorder section plans with the measured lead times.
    assert!(run.replenishment().unwrap().iter().all(|l| l.measured));
    assert_eq!(
        f.lead_time("KWK", "MUG-WHT").unwrap().source,
        LeadTimeSource::Measured
    );
    // Freight: every charge is split between stock and COGS, to the cent, in every ledger.
    for l in [&run.fifo, &run.lifo, &run.avg] {
        let landed: Decimal = l
            .journal_iter()
            .filter(|e| matches!(e.movement.kind, MovementKind::LandedCost { .. }))
            .map(|e| e.outcome.value + e.outcome.cogs)
            .sum();
        assert_eq!(landed, run.purchasing.2);
    }
    // What was paid plus what is still owed for received goods covers their value and the
    // freight, less at most the 2 % discounts taken.
    let received: Decimal = f
        .journal_iter()
        .filter(|e| {
            matches!(
                e.movement.kind,
                MovementKind::Receive {
                    purchase_order: Some(_),
                    ..
                }
            )
        })
        .map(|e| e.outcome.moved_value)
        .sum();
    let billed = received + run.purchasing.2;
    let paid: Decimal = f
        .order_ids()
        .iter()
        .map(|id| f.order(id).unwrap().paid)
        .sum();
    let owed: Decimal = f
        .payment_schedule()
        .unwrap()
        .iter()
        .filter(|d| d.kind == PaymentKind::Committed)
        .map(|d| d.amount)
        .sum();
    assert!(paid + owed <= billed, "{paid} + {owed} > {billed}");
    assert!(
        paid + owed >= billed * d("0.98"),
        "{paid} + {owed} < 98 % of {billed}"
    );
    // The snapshot with its purchase orders replays to the same ledger.
    assert_eq!(&Ledger::from_json(&f.to_json()).unwrap(), f);
}
