//! Tests of the policy math against textbook examples worked by hand and formula identities.

use super::*;
use crate::error::{Error, ErrorKind};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn day(mean: f64, sd: f64) -> DemandStats {
    DemandStats::new(mean, sd, TimeUnit::Day).unwrap()
}

#[test]
fn safety_stock_methods_by_hand() {
    let z95 = 1.6448536269514715; // Φ⁻¹(0.95), Python statistics.NormalDist
    let d = day(100.0, 20.0);
    let lt = LeadTime::new(4.0, 1.0, TimeUnit::Day).unwrap();
    let csl = ServiceTarget::CycleServiceLevel(0.95);
    let cases = [
        (
            SafetyStockMethod::DemandVariability,
            z95 * 20.0 * 2.0,
            400.0,
        ),
        (
            SafetyStockMethod::LeadTimeVariability,
            z95 * 100.0 * 1.0,
            400.0,
        ),
        (
            SafetyStockMethod::Combined,
            z95 * (4.0f64 * 400.0 + 10_000.0).sqrt(),
            400.0,
        ),
        (
            SafetyStockMethod::PeriodicReview { review_period: 3.0 },
            z95 * (7.0f64 * 400.0 + 10_000.0).sqrt(),
            700.0,
        ),
        (
            SafetyStockMethod::MaxMinusAverage {
                max_demand: 150.0,
                max_lead_time: 6.0,
            },
            150.0 * 6.0 - 400.0,
            400.0,
        ),
    ];
    for (method, ss, demand) in cases {
        let r = safety_stock(&d, &lt, method, csl).unwrap();
        assert!(
            close(r.safety_stock, ss, 1e-12),
            "{method:?}: {} vs {ss}",
            r.safety_stock
        );
        assert!(close(r.reorder_point, demand + ss, 1e-12));
    }
}

#[test]
fn fill_rate_solution_meets_its_target() {
    let d = day(50.0, 15.0);
    let lt = LeadTime::fixed(9.0, TimeUnit::Day).unwrap();
    for beta in [0.8, 0.9, 0.95, 0.99, 0.999] {
        for q in [50.0, 200.0, 1000.0] {
            let target = ServiceTarget::FillRate {
                fill_rate: beta,
                order_quantity: q,
            };
            let r = safety_stock(&d, &lt, SafetyStockMethod::DemandVariability, target).unwrap();
            let k = r.safety_factor.unwrap();
            let achieved = fill_rate_of(k, r.std_dev_protection, q).unwrap();
            assert!(
                (achieved - beta).abs() < 1e-9,
                "β {beta}, Q {q}: {achieved}"
            );
        }
    }
    // Silver, Pyke & Peterson's tables: G(k) = 0.0833 ↔ k ≈ 1.00 (G(1) = 0.08332).
    assert!(close(stats::loss(1.0), 0.083315, 1e-4));
}

#[test]
fn safety_stock_is_monotonic() {
    let lt = LeadTime::new(5.0, 0.5, TimeUnit::Week).unwrap();
    let d = DemandStats::new(30.0, 8.0, TimeUnit::Week).unwrap();
    let mut last = f64::MIN;
    for a in [0.5, 0.6, 0.8, 0.9, 0.95, 0.99, 0.999999] {
        let r = safety_stock(
            &d,
            &lt,
            SafetyStockMethod::Combined,
            ServiceTarget::CycleServiceLevel(a),
        )
        .unwrap();
        assert!(r.safety_stock > last);
        last = r.safety_stock;
    }
    let base = |l: f64, sd: f64, sl: f64| {
        safety_stock(
            &DemandStats::new(30.0, sd, TimeUnit::Week).unwrap(),
            &LeadTime::new(l, sl, TimeUnit::Week).unwrap(),
            SafetyStockMethod::Combined,
            ServiceTarget::CycleServiceLevel(0.9),
        )
        .unwrap()
        .safety_stock
    };
    assert!(base(6.0, 8.0, 0.5) > base(5.0, 8.0, 0.5));
    assert!(base(5.0, 9.0, 0.5) > base(5.0, 8.0, 0.5));
    assert!(base(5.0, 8.0, 0.6) > base(5.0, 8.0, 0.5));
}

#[test]
fn units_cannot_be_mixed() {
    let d = day(10.0, 2.0);
    let lt = LeadTime::fixed(2.0, TimeUnit::Week).unwrap();
    let e = safety_stock(
        &d,
        &lt,
        SafetyStockMethod::DemandVariability,
        ServiceTarget::CycleServiceLevel(0.9),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Policy(PolicyError::UnitMismatch { .. })));
    // Converting explicitly works: 10/day = 70/week, σ 2·√7.
    let w = d.convert(TimeUnit::Week).unwrap();
    assert!(close(w.mean, 70.0, 1e-12) && close(w.std_dev, 2.0 * 7f64.sqrt(), 1e-12));
    assert!(safety_stock(
        &w,
        &lt,
        SafetyStockMethod::DemandVariability,
        ServiceTarget::CycleServiceLevel(0.9)
    )
    .is_ok());
}

#[test]
fn invalid_inputs_are_typed_errors() {
    let d = day(10.0, 2.0);
    let lt = LeadTime::fixed(2.0, TimeUnit::Day).unwrap();
    for a in [0.0, 1.0, -0.1, 1.5, f64::NAN] {
        let e = safety_stock(
            &d,
            &lt,
            SafetyStockMethod::Combined,
            ServiceTarget::CycleServiceLevel(a),
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
    }
    assert!(DemandStats::new(-1.0, 1.0, TimeUnit::Day).is_err());
    assert!(DemandStats::new(1.0, f64::INFINITY, TimeUnit::Day).is_err());
    assert!(DemandStats::from_series(&[], TimeUnit::Day).is_err());
    assert!(DemandStats::from_series(&[1.0, f64::NAN], TimeUnit::Day).is_err());
    assert!(eoq(100.0, 10.0, 0.0).is_err());
    assert!(eoq(-100.0, 10.0, 1.0).is_err());
    assert!(eoq(f64::NAN, 10.0, 1.0).is_err());
    assert!(epq(100.0, 10.0, 1.0, 100.0).is_err());
    assert!(eoq_backorders(100.0, 10.0, 1.0, 0.0).is_err());
    assert!(newsvendor_normal(100.0, 10.0, 0.0, 1.0).is_err());
    assert!(newsvendor_empirical(&[], 1.0, 1.0).is_err());
    assert!(newsvendor_empirical(&[1.0, -2.0], 1.0, 1.0).is_err());
    let fr = ServiceTarget::FillRate {
        fill_rate: 0.9,
        order_quantity: 0.0,
    };
    assert!(safety_stock(&d, &lt, SafetyStockMethod::Combined, fr).is_err());
}

#[test]
fn demand_stats_use_the_sample_deviation() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, sample variance 32/7.
    let s =
        DemandStats::from_series(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], TimeUnit::Day).unwrap();
    assert!(close(s.mean, 5.0, 1e-15) && close(s.std_dev, (32.0f64 / 7.0).sqrt(), 1e-14));
}

#[test]
fn eoq_textbook_and_minimality() {
    // D = 1000, S = 10, H = 0.5: Q* = 200, TC = 100 (ordering 50 + holding 50).
    let e = eoq(1000.0, 10.0, 0.5).unwrap();
    assert!(close(e.quantity, 200.0, 1e-12) && close(e.total_cost, 100.0, 1e-12));
    assert!(close(e.ordering_cost, e.holding_cost, 1e-12));
    assert!(close(e.orders_per_year, 5.0, 1e-12));
    for f in [0.5, 0.9, 0.99, 1.01, 1.1, 2.0] {
        assert!(
            eoq_cost(1000.0, 10.0, 0.5, e.quantity * f)
                .unwrap()
                .total_cost
                > e.total_cost
        );
    }
    assert_eq!(eoq(0.0, 10.0, 0.5).unwrap().quantity, 0.0);
}

#[test]
fn backorders_and_production() {
    // D = 1000, S = 10, H = 0.5, B = 2: Q = √(40,000 · 2.5/2) = √50,000; b = Q·0.5/2.5.
    let b = eoq_backorders(1000.0, 10.0, 0.5, 2.0).unwrap();
    assert!(close(b.quantity, 50_000f64.sqrt(), 1e-12));
    assert!(close(b.max_backorder, b.quantity * 0.2, 1e-12));
    // The closed-form cost equals ordering + holding + backorder cost at that policy.
    let (q, s) = (b.quantity, b.max_backorder);
    let parts = 1000.0 / q * 10.0 + 0.5 * (q - s).powi(2) / (2.0 * q) + 2.0 * s * s / (2.0 * q);
    assert!(close(b.total_cost, parts, 1e-12));
    assert!(close(b.total_cost, 8_000f64.sqrt(), 1e-12));
    // EPQ with P = 5000: 1 − D/P = 0.8, Q = √(20,000/0.4), cost √8,000.
    let p = epq(1000.0, 10.0, 0.5, 5000.0).unwrap();
    assert!(
        close(p.quantity, 50_000f64.sqrt(), 1e-12) && close(p.total_cost, 8_000f64.sqrt(), 1e-12)
    );
    assert!(close(p.max_inventory, p.quantity * 0.8, 1e-12));
}

#[test]
fn all_units_discount_heizer_render() {
    // Heizer & Render, Operations Management, "Chris Beehner Company": D = 5000, S = 49,
    // I = 20 %; $5.00 below 1000, $4.80 from 1000, $4.75 from 2000. EOQs 700, 714, 718;
    // costs 25,700 (700), 24,725 (1000), 24,822.50 (2000): buy 1000 at $4.80.
    let breaks = [
        PriceBreak {
            min_quantity: 0.0,
            unit_price: 5.00,
        },
        PriceBreak {
            min_quantity: 1000.0,
            unit_price: 4.80,
        },
        PriceBreak {
            min_quantity: 2000.0,
            unit_price: 4.75,
        },
    ];
    let r = eoq_discount(
        5000.0,
        49.0,
        HoldingCost::Rate(0.2),
        &breaks,
        DiscountKind::AllUnits,
    )
    .unwrap();
    assert_eq!(r.break_index, 1);
    assert!(close(r.quantity, 1000.0, 1e-12) && close(r.total_cost, 24_725.0, 1e-12));
}

/// Brute-force minimum over a fine grid, with the incremental price schedule evaluated here.
fn brute_force_incremental(d: f64, s: f64, i: f64, breaks: &[(f64, f64)]) -> f64 {
    let price = |q: f64| {
        let mut c = 0.0;
        for (j, &(m, p)) in breaks.iter().enumerate() {
            let start = if j == 0 { 0.0 } else { m };
            let end = breaks.get(j + 1).map_or(f64::INFINITY, |n| n.0);
            if q > start {
                c += (q.min(end) - start) * p;
            }
        }
        c
    };
    let mut best = f64::INFINITY;
    let mut q = 1.0;
    while q < 20_000.0 {
        let c = price(q);
        best = best.min(d * c / q + d / q * s + i * c / 2.0);
        q += 0.25;
    }
    best
}

#[test]
fn incremental_discount_matches_brute_force() {
    let raw = [(0.0, 10.0), (500.0, 9.0), (1500.0, 8.5)];
    let breaks: Vec<PriceBreak> = raw
        .iter()
        .map(|&(m, p)| PriceBreak {
            min_quantity: m,
            unit_price: p,
        })
        .collect();
    for (d, s) in [(2400.0, 150.0), (10_000.0, 400.0), (500.0, 20.0)] {
        let r = eoq_discount(
            d,
            s,
            HoldingCost::Rate(0.25),
            &breaks,
            DiscountKind::Incremental,
        )
        .unwrap();
        let brute = brute_force_incremental(d, s, 0.25, &raw);
        assert!(
            r.total_cost <= brute + 1e-9 && r.total_cost > brute - 0.05 * brute / 1000.0,
            "{d}: {} vs {brute}",
            r.total_cost
        );
    }
}

#[test]
fn rounding_to_packs_and_moq() {
    // EOQ 200 (D 1000, S 10, H 0.5); packs of 48: 192 or 240 → 192 is cheaper.
    let r = round_order_quantity(1000.0, 10.0, 0.5, 200.0, 0.0, 48.0).unwrap();
    assert_eq!(r.quantity, 192.0);
    let expect = 1000.0 / 192.0 * 10.0 + 96.0 * 0.5;
    assert!(close(r.total_cost, expect, 1e-12) && close(r.penalty, expect - 100.0, 1e-12));
    assert!(r.penalty >= 0.0);
    // A MOQ of 500 forces 528 (the first pack multiple ≥ 500).
    let r = round_order_quantity(1000.0, 10.0, 0.5, 200.0, 500.0, 48.0).unwrap();
    assert_eq!(r.quantity, 528.0);
}

#[test]
fn newsvendor_normal_by_hand_and_by_integration() {
    // μ 100, σ 20, Cu 6, Co 4: CR 0.6, z = Φ⁻¹(0.6) = 0.2533471031357997 (Python).
    let n = newsvendor_normal(100.0, 20.0, 6.0, 4.0).unwrap();
    assert!(close(n.quantity, 100.0 + 20.0 * 0.2533471031357997, 1e-12));
    // Expected cost by numerical integration over the normal density (Simpson, ±10σ).
    let q = n.quantity;
    let steps = 20_000;
    let (a, b) = (100.0 - 200.0, 100.0 + 200.0);
    let h = (b - a) / steps as f64;
    let f = |x: f64| {
        let dens = stats::pdf((x - 100.0) / 20.0) / 20.0;
        (4.0 * (q - x).max(0.0) + 6.0 * (x - q).max(0.0)) * dens
    };
    let mut sum = f(a) + f(b);
    for i in 1..steps {
        let x = a + i as f64 * h;
        sum += if i % 2 == 1 { 4.0 } else { 2.0 } * f(x);
    }
    let integral = sum * h / 3.0;
    assert!(
        close(n.expected_cost, integral, 1e-6),
        "{} vs {integral}",
        n.expected_cost
    );
    // The optimum is a minimum: nearby quantities cost more (same integration).
    assert!(close(n.expected_sales + n.expected_shortage, 100.0, 1e-12));
}

#[test]
fn newsvendor_empirical_quantile() {
    // CR 0.6 over 5 observations: the smallest x with F̂(x) ≥ 0.6 is the 3rd, 30.
    let n = newsvendor_empirical(&[50.0, 10.0, 40.0, 20.0, 30.0], 6.0, 4.0).unwrap();
    assert_eq!(n.quantity, 30.0);
    assert!(close(n.expected_leftover, 6.0, 1e-12) && close(n.expected_shortage, 6.0, 1e-12));
    assert!(close(n.expected_cost, 4.0 * 6.0 + 6.0 * 6.0, 1e-12));
    // A critical ratio landing exactly on k/n takes the k-th: CR 0.4 → 20.
    let n = newsvendor_empirical(&[50.0, 10.0, 40.0, 20.0, 30.0], 2.0, 3.0).unwrap();
    assert_eq!(n.quantity, 20.0);
}

#[test]
fn batches_broadcast_and_match_scalars() {
    let ss = safety_stock_many(
        &[100.0, 50.0, 0.0],
        &[20.0],
        &[4.0, 9.0, 1.0],
        &[0.0],
        TimeUnit::Day,
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.95),
    )
    .unwrap();
    assert_eq!(ss.len(), 3);
    let one = safety_stock(
        &day(50.0, 20.0),
        &LeadTime::fixed(9.0, TimeUnit::Day).unwrap(),
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.95),
    )
    .unwrap();
    assert_eq!(ss[1], one);
    let e = safety_stock_many(
        &[1.0, -1.0],
        &[1.0],
        &[1.0],
        &[0.0],
        TimeUnit::Day,
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.9),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Batch { index: 1, .. }));
    assert!(safety_stock_many(
        &[1.0, 2.0],
        &[1.0, 2.0, 3.0],
        &[1.0],
        &[0.0],
        TimeUnit::Day,
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.9)
    )
    .is_err());
    let q = eoq_many(&[1000.0, 4000.0], &[10.0], &[0.5]).unwrap();
    assert!(close(q[1].quantity, 400.0, 1e-12));
}

#[test]
fn columns_equal_items_bit_for_bit() {
    let means = [100.0, 50.0, 0.0, 7.5];
    let sds = [20.0, 3.0, 1.0, 0.0];
    let lts = [4.0, 9.0, 1.0, 2.5];
    for method in [
        SafetyStockMethod::DemandVariability,
        SafetyStockMethod::LeadTimeVariability,
        SafetyStockMethod::Combined,
        SafetyStockMethod::PeriodicReview { review_period: 7.0 },
        SafetyStockMethod::MaxMinusAverage {
            max_demand: 200.0,
            max_lead_time: 10.0,
        },
    ] {
        for target in [
            ServiceTarget::CycleServiceLevel(0.97),
            ServiceTarget::FillRate {
                fill_rate: 0.98,
                order_quantity: 300.0,
            },
        ] {
            let cols =
                safety_stock_columns(&means, &sds, &lts, &[0.5], TimeUnit::Day, method, target)
                    .unwrap();
            let items =
                safety_stock_many(&means, &sds, &lts, &[0.5], TimeUnit::Day, method, target)
                    .unwrap();
            for (i, r) in items.iter().enumerate() {
                assert_eq!(cols.safety_stock[i].to_bits(), r.safety_stock.to_bits());
                assert_eq!(cols.reorder_point[i].to_bits(), r.reorder_point.to_bits());
                assert_eq!(
                    cols.std_dev_protection[i].to_bits(),
                    r.std_dev_protection.to_bits()
                );
                match r.safety_factor {
                    Some(k) => assert_eq!(cols.safety_factor[i].to_bits(), k.to_bits()),
                    None => assert!(cols.safety_factor[i].is_nan()),
                }
            }
        }
    }
    let e = safety_stock_columns(
        &[1.0, f64::NAN],
        &[1.0],
        &[1.0],
        &[0.0],
        TimeUnit::Day,
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.9),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Batch { index: 1, .. }));
    let q = eoq_columns(&[1000.0, 0.0, 4000.0], &[10.0], &[0.5]).unwrap();
    for (i, d) in [1000.0, 0.0, 4000.0].into_iter().enumerate() {
        let one = eoq(d, 10.0, 0.5).unwrap();
        assert_eq!(q.quantity[i].to_bits(), one.quantity.to_bits());
        assert_eq!(q.total_cost[i].to_bits(), one.total_cost.to_bits());
        assert_eq!(q.cycle_years[i].to_bits(), one.cycle_years.to_bits());
    }
    let e = eoq_columns(&[1.0, 2.0, 3.0], &[1.0], &[1.0, 0.0, 1.0]).unwrap_err();
    assert!(matches!(e, Error::Batch { index: 1, .. }));
}

#[test]
fn into_checks_output_lengths() {
    let mut a = [0.0; 2];
    let mut b = [0.0; 2];
    let mut c = [0.0; 2];
    let mut d = [0.0; 2];
    let mut e = [0.0; 2];
    let mut f = [0.0; 1];
    let out = OrderQuantityOut {
        quantity: Some(&mut a),
        total_cost: Some(&mut b),
        ordering_cost: Some(&mut c),
        holding_cost: Some(&mut d),
        orders_per_year: Some(&mut e),
        cycle_years: Some(&mut f),
    };
    let err = eoq_into(&[1.0, 2.0], &[1.0], &[1.0], out).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    // A skipped column has no length to check; the requested ones are written.
    let out = OrderQuantityOut {
        quantity: Some(&mut a),
        ..OrderQuantityOut::default()
    };
    eoq_into(&[200.0, 800.0], &[1.0], &[1.0], out).unwrap();
    assert_eq!(a, [20.0, 40.0]);
    let mut g = [0.0; 3];
    let out = SafetyStockOut {
        reorder_point: Some(&mut g),
        ..SafetyStockOut::default()
    };
    let err = safety_stock_into(
        &[1.0, 2.0],
        &[1.0],
        &[1.0],
        &[0.0],
        TimeUnit::Day,
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.9),
        out,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn column_errors_match_the_item_by_item_ones() {
    // A bad review period is reported for the first item, as `safety_stock_many` does.
    let method = SafetyStockMethod::PeriodicReview {
        review_period: -1.0,
    };
    let target = ServiceTarget::CycleServiceLevel(0.95);
    let means = [1.0, -1.0, 1.0];
    let many = safety_stock_many(
        &means,
        &[1.0],
        &[1.0],
        &[0.0],
        TimeUnit::Day,
        method,
        target,
    )
    .unwrap_err();
    let cols = safety_stock_columns(
        &means,
        &[1.0],
        &[1.0],
        &[0.0],
        TimeUnit::Day,
        method,
        target,
    )
    .unwrap_err();
    assert!(matches!(many, Error::Batch { index: 0, .. }), "{many}");
    assert_eq!(cols.to_string(), many.to_string());
    // A bad service level is refused even for an empty batch, by both.
    let bad = ServiceTarget::CycleServiceLevel(1.5);
    let empty: [f64; 0] = [];
    assert!(
        safety_stock_columns(&empty, &empty, &empty, &empty, TimeUnit::Day, method, bad).is_err()
    );
    assert!(safety_stock_many(&empty, &empty, &empty, &empty, TimeUnit::Day, method, bad).is_err());
}

#[test]
fn converted_demand_and_costs_from_prices_beyond_f64_are_overflow_errors() {
    // Found by the review of the fix below: `newsvendor_costs_from_prices` returned a plain
    // tuple holding inf (price and cost 1e308, salvage −1e308: Co = cost − salvage = 2e308),
    // and `DemandStats::convert` an infinite mean, which the next function then called an
    // invalid parameter (kind InvalidInput) rather than an overflow.
    let kind = |e: crate::Error| e.kind();
    assert_eq!(
        newsvendor_costs_from_prices(10.0, 6.0, 1.0, 2.0).unwrap(),
        (6.0, 5.0)
    );
    assert_eq!(
        kind(newsvendor_costs_from_prices(1e308, 1e308, -1e308, 0.0).unwrap_err()),
        ErrorKind::Overflow
    );
    // Cu = price − cost + penalty.
    assert_eq!(
        kind(newsvendor_costs_from_prices(1e308, -1e308, 0.0, 0.0).unwrap_err()),
        ErrorKind::Overflow
    );
    assert_eq!(
        kind(newsvendor_costs_from_prices(f64::MAX, 0.0, 0.0, f64::MAX).unwrap_err()),
        ErrorKind::Overflow
    );
    // A non-finite input is a bad parameter, named.
    for (args, name) in [
        ([f64::NAN, 1.0, 0.0, 0.0], "price"),
        ([10.0, f64::INFINITY, 0.0, 0.0], "unit cost"),
        ([10.0, 1.0, f64::NEG_INFINITY, 0.0], "salvage value"),
        ([10.0, 1.0, 0.0, f64::NAN], "shortage penalty"),
    ] {
        let e = newsvendor_costs_from_prices(args[0], args[1], args[2], args[3]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
        assert!(e.to_string().contains(name), "{e}");
    }

    // 1e308 a day is 3.65e310 a year; σ f64::MAX a day is √365.25 · f64::MAX a year.
    for d in [day(1e308, 0.0), day(0.0, f64::MAX)] {
        let e = d.convert(TimeUnit::Year).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Overflow, "{e}");
        assert!(e.to_string().contains("converted demand"), "{e}");
    }
    // The other way the numbers shrink: f64::MAX a year is a number per day.
    let y = DemandStats::new(f64::MAX, f64::MAX, TimeUnit::Year).unwrap();
    let d = y.convert(TimeUnit::Day).unwrap();
    assert!(d.mean.is_finite() && d.std_dev.is_finite() && d.per == TimeUnit::Day);
    // The fields are public: a non-finite or negative one is a bad parameter.
    for bad in [
        DemandStats {
            mean: f64::NAN,
            ..y
        },
        DemandStats { std_dev: -1.0, ..y },
        DemandStats {
            mean: f64::INFINITY,
            ..y
        },
    ] {
        let e = bad.convert(TimeUnit::Week).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    }
}

#[test]
fn finite_inputs_with_results_beyond_f64_are_overflow_errors() {
    // Found by review (issue 13): `eoq(1e308, 10, 0.5)` returned an infinite quantity (C:
    // INV_OK with inf); every policy function now refuses a result that is not finite.
    let overflow = |r: Result<(), crate::Error>| {
        let e = r.unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Overflow, "{e}");
        assert!(e.to_string().contains("overflow"), "{e}");
    };
    let big = 1e308;
    // 2·D·S = 2e309 is beyond f64.
    overflow(eoq(big, 10.0, 0.5).map(drop));
    // Q = 1, D/Q·S = 1e308 · 1e308.
    overflow(eoq_cost(big, big, 1.0, 1.0).map(drop));
    overflow(eoq_backorders(big, 10.0, 0.5, 1.0).map(drop));
    overflow(epq(big, 10.0, 0.5, f64::MAX).map(drop));
    overflow(round_order_quantity(big, big, 1.0, 1.0, 0.0, 1.0).map(drop));
    let breaks = [PriceBreak {
        min_quantity: 0.0,
        unit_price: 1.0,
    }];
    overflow(
        eoq_discount(
            big,
            10.0,
            HoldingCost::PerUnit(0.5),
            &breaks,
            DiscountKind::AllUnits,
        )
        .map(drop),
    );
    // Expected demand over 4 days: 4e308.
    let d = DemandStats::new(big, 1.0, TimeUnit::Day).unwrap();
    let lt = LeadTime::fixed(4.0, TimeUnit::Day).unwrap();
    let target = ServiceTarget::CycleServiceLevel(0.95);
    overflow(safety_stock(&d, &lt, SafetyStockMethod::DemandVariability, target).map(drop));
    // σ over the lead time: √(4 · (1e308)²).
    let d = DemandStats::new(1.0, big, TimeUnit::Day).unwrap();
    overflow(safety_stock(&d, &lt, SafetyStockMethod::Combined, target).map(drop));
    let max_minus = SafetyStockMethod::MaxMinusAverage {
        max_demand: big,
        max_lead_time: 8.0,
    };
    overflow(safety_stock(&d, &lt, max_minus, target).map(drop));
    // μ = σ = 1e308, Cu = 6, Co = 4: Q = 1.25e308, but the expected cost
    // 4 · 5.4e307 + 6 · 2.9e307 = 3.9e308 is beyond f64.
    overflow(newsvendor_normal(big, big, 6.0, 4.0).map(drop));
    // The sample's mean (f64::MAX + f64::MAX) / 2 overflows in the sum.
    overflow(newsvendor_empirical(&[f64::MAX, f64::MAX], 6.0, 4.0).map(drop));
    overflow(fill_rate_of(-big, big, 1.0).map(drop));
    overflow(DemandStats::from_series(&[f64::MAX, f64::MAX], TimeUnit::Day).map(drop));
    // Batches name the item, whichever path computes them.
    let in_item = |r: Result<(), crate::Error>, want: usize| match r.unwrap_err() {
        crate::Error::Batch { index, source } => {
            assert_eq!(index, want);
            assert_eq!(source.kind(), crate::ErrorKind::Overflow, "{source}");
        }
        other => panic!("{other:?}"),
    };
    let demands = [1000.0, big, 5.0];
    in_item(eoq_many(&demands, &[10.0], &[0.5]).map(drop), 1);
    in_item(eoq_columns(&demands, &[10.0], &[0.5]).map(drop), 1);
    let mut q = [0.0; 3];
    let out = OrderQuantityOut {
        quantity: Some(&mut q),
        ..Default::default()
    };
    in_item(eoq_into(&demands, &[10.0], &[0.5], out), 1);
    let means = [100.0, big, 3.0];
    let cols = safety_stock_columns(
        &means,
        &[20.0],
        &[4.0],
        &[0.0],
        TimeUnit::Day,
        SafetyStockMethod::DemandVariability,
        target,
    );
    in_item(cols.map(drop), 1);
    let mut ss = [0.0; 3];
    let out = SafetyStockOut {
        safety_factor: Some(&mut ss),
        ..Default::default()
    };
    let r = safety_stock_into(
        &means,
        &[20.0],
        &[4.0],
        &[0.0],
        TimeUnit::Day,
        SafetyStockMethod::DemandVariability,
        target,
        out,
    );
    in_item(r, 1);
    // The same figures just inside f64 still work.
    assert!(eoq(1e300, 10.0, 0.5).unwrap().quantity.is_finite());
    assert!(newsvendor_normal(1e300, 1e300, 6.0, 4.0).is_ok());
}
