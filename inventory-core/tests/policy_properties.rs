//! Property tests of the policy math and classification.

use inventory_core::classify::{abc, xyz, AbcClass, AbcThresholds, XyzThresholds};
use inventory_core::policy::{
    eoq, eoq_cost, fill_rate_of, newsvendor_normal, safety_stock, DemandStats, LeadTime,
    SafetyStockMethod, ServiceTarget, TimeUnit,
};
use inventory_core::stats;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn eoq_is_the_cheapest_quantity(d in 1.0f64..1e6, s in 0.01f64..1e4, h in 0.01f64..1e3, f in 0.05f64..20.0) {
        let e = eoq(d, s, h).unwrap();
        let other = eoq_cost(d, s, h, e.quantity * f).unwrap();
        prop_assert!(other.total_cost >= e.total_cost * (1.0 - 1e-12));
        prop_assert!((e.ordering_cost - e.holding_cost).abs() <= 1e-9 * e.total_cost);
    }

    #[test]
    fn safety_stock_grows_with_service_lead_time_and_variability(
        mean in 0.0f64..1000.0, sd in 0.01f64..300.0, l in 0.1f64..60.0, sl in 0.0f64..10.0,
        a1 in 0.01f64..0.98, gap in 0.001f64..0.01,
    ) {
        let a2 = a1 + gap;
        let ss = |mean: f64, sd: f64, l: f64, sl: f64, a: f64| {
            safety_stock(
                &DemandStats::new(mean, sd, TimeUnit::Day).unwrap(),
                &LeadTime::new(l, sl, TimeUnit::Day).unwrap(),
                SafetyStockMethod::Combined,
                ServiceTarget::CycleServiceLevel(a),
            ).unwrap().safety_stock
        };
        let base = ss(mean, sd, l, sl, a1);
        prop_assert!(ss(mean, sd, l, sl, a2) > base);
        // Above 50 % service the safety factor is positive: more exposure, more stock.
        if a1 > 0.5 {
            prop_assert!(ss(mean, sd, l * 1.1, sl, a1) > base);
            prop_assert!(ss(mean, sd * 1.1, l, sl, a1) > base);
        }
    }

    #[test]
    fn fill_rate_solution_meets_beta(beta in 0.5f64..0.9999, q in 1.0f64..1e4, sigma in 0.1f64..1e3) {
        let k = inventory_core::policy::safety_factor(
            ServiceTarget::FillRate { fill_rate: beta, order_quantity: q }, sigma).unwrap();
        let achieved = fill_rate_of(k, sigma, q).unwrap();
        prop_assert!((achieved - beta).abs() < 1e-9, "β {} → {}", beta, achieved);
    }

    #[test]
    fn inverse_normal_round_trips(p in 1e-12f64..(1.0 - 1e-12)) {
        let z = stats::inv_cdf(p);
        let back = if z < 0.0 { stats::cdf(z) } else { 1.0 - stats::sf(z) };
        let tail = p.min(1.0 - p);
        let back_tail = if z < 0.0 { back } else { stats::sf(z) };
        prop_assert!((back_tail - tail).abs() <= 1e-9 * tail);
    }

    #[test]
    fn newsvendor_optimum_beats_neighbours(mu in 1.0f64..1e4, sigma in 0.1f64..1e3, cu in 0.1f64..100.0, co in 0.1f64..100.0) {
        let n = newsvendor_normal(mu, sigma, cu, co).unwrap();
        let cost = |q: f64| {
            let z = (q - mu) / sigma;
            let short = sigma * stats::loss(z);
            co * ((q - mu) + short) + cu * short
        };
        prop_assert!((cost(n.quantity) - n.expected_cost).abs() <= 1e-9 * (1.0 + n.expected_cost));
        if n.quantity > 0.0 {
            for f in [0.9, 0.99, 1.01, 1.1] {
                prop_assert!(cost(n.quantity * f) >= n.expected_cost * (1.0 - 1e-12));
            }
        }
    }

    #[test]
    fn abc_classes_follow_rank(values in prop::collection::vec(-10.0f64..1e6, 0..200)) {
        let r = abc(&values, AbcThresholds::default()).unwrap();
        let mut by_rank: Vec<_> = r.iter().zip(&values).collect();
        by_rank.sort_by_key(|(i, _)| i.rank);
        // Ranks are a permutation, values descend with rank, classes never improve down the list.
        for (k, (item, _)) in by_rank.iter().enumerate() {
            prop_assert_eq!(item.rank, k + 1);
        }
        for w in by_rank.windows(2) {
            prop_assert!(w[0].1 >= w[1].1);
            prop_assert!(w[0].0.class <= w[1].0.class);
        }
        for (item, v) in r.iter().zip(&values) {
            if *v <= 0.0 {
                prop_assert_eq!(item.class, AbcClass::C);
            }
        }
        // Deterministic: same input, same output.
        prop_assert_eq!(abc(&values, AbcThresholds::default()).unwrap(), r);
    }

    #[test]
    fn xyz_is_scale_invariant(series in prop::collection::vec(0.0f64..100.0, 2..60), k in 0.1f64..100.0) {
        let a = xyz(&series, XyzThresholds::default()).unwrap();
        let scaled: Vec<f64> = series.iter().map(|x| x * k).collect();
        let b = xyz(&scaled, XyzThresholds::default()).unwrap();
        if let (Some(x), Some(y)) = (a.cv, b.cv) {
            prop_assert!((x - y).abs() <= 1e-9 * (1.0 + x));
            // Classes agree unless the CV sits on a threshold within rounding.
            let near = |c: f64| (c - 0.5).abs() < 1e-9 || (c - 1.0).abs() < 1e-9;
            if !near(x) {
                prop_assert_eq!(a.class, b.class);
            }
        }
    }
}

/// A column of `n` values drawn from `values`, or (when `single`) one value broadcast.
fn column(values: &[f64], n: usize, single: bool) -> Vec<f64> {
    if single {
        vec![values[0]]
    } else {
        values.iter().copied().cycle().take(n).collect()
    }
}

/// Non-negative inputs with exact zeros (and a negative zero) mixed in, as catalogues have.
fn input_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.0f64..1e4,
        1 => Just(0.0),
        1 => Just(-0.0),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    /// The block kernels of `safety_stock_into` / `eoq_into` equal the one-item functions bit
    /// for bit, across block boundaries, with broadcast inputs and any subset of outputs.
    #[test]
    fn column_kernels_equal_items_bit_for_bit(
        n in 0usize..1300,
        values in prop::collection::vec(input_value(), 1..40),
        holding in prop::collection::vec(0.01f64..100.0, 1..40),
        singles in prop::array::uniform4(prop::bool::weighted(0.25)),
        wanted in prop::array::uniform6(any::<bool>()),
        method_pick in 0usize..4,
        level in 0.5f64..0.999,
    ) {
        use inventory_core::policy::{
            eoq_into, eoq_many, safety_stock_into, safety_stock_many, OrderQuantityOut,
            SafetyStockOut,
        };
        let n = n.max(1);
        let [m, s, l, sl] = [0usize, 7, 13, 19].map(|shift| {
            let rotated: Vec<f64> = values.iter().cycle().skip(shift).take(values.len()).copied().collect();
            rotated
        });
        let (m, s, l, sl) = (
            column(&m, n, singles[0]),
            column(&s, n, singles[1]),
            column(&l, n, singles[2]),
            column(&sl, n, singles[3]),
        );
        let h = column(&holding, n, singles[3]);
        let len = [m.len(), s.len(), l.len(), sl.len()].into_iter().max().unwrap();
        let method = [
            SafetyStockMethod::DemandVariability,
            SafetyStockMethod::LeadTimeVariability,
            SafetyStockMethod::Combined,
            SafetyStockMethod::PeriodicReview { review_period: 7.0 },
        ][method_pick];
        let target = ServiceTarget::CycleServiceLevel(level);
        let mut cols = vec![vec![f64::NAN; len]; 6];
        {
            let mut it = cols.iter_mut().zip(wanted).map(|(c, w)| w.then_some(c.as_mut_slice()));
            let out = SafetyStockOut {
                safety_stock: it.next().flatten(),
                safety_factor: it.next().flatten(),
                protection_interval: it.next().flatten(),
                expected_demand: it.next().flatten(),
                std_dev_protection: it.next().flatten(),
                reorder_point: it.next().flatten(),
            };
            safety_stock_into(&m, &s, &l, &sl, TimeUnit::Day, method, target, out).unwrap();
        }
        let items = safety_stock_many(&m, &s, &l, &sl, TimeUnit::Day, method, target).unwrap();
        for (i, r) in items.iter().enumerate() {
            let expected = [
                r.safety_stock,
                r.safety_factor.unwrap(),
                r.protection_interval,
                r.expected_demand,
                r.std_dev_protection,
                r.reorder_point,
            ];
            for c in 0..6 {
                if wanted[c] {
                    prop_assert_eq!(cols[c][i].to_bits(), expected[c].to_bits(), "column {} item {}", c, i);
                } else {
                    prop_assert!(cols[c][i].is_nan(), "column {} was written", c);
                }
            }
        }

        let len = [m.len(), s.len(), h.len()].into_iter().max().unwrap();
        let mut cols = vec![vec![f64::NAN; len]; 6];
        {
            let mut it = cols.iter_mut().zip(wanted).map(|(c, w)| w.then_some(c.as_mut_slice()));
            let out = OrderQuantityOut {
                quantity: it.next().flatten(),
                total_cost: it.next().flatten(),
                ordering_cost: it.next().flatten(),
                holding_cost: it.next().flatten(),
                orders_per_year: it.next().flatten(),
                cycle_years: it.next().flatten(),
            };
            eoq_into(&m, &s, &h, out).unwrap();
        }
        let items = eoq_many(&m, &s, &h).unwrap();
        for (i, r) in items.iter().enumerate() {
            let expected = [
                r.quantity,
                r.total_cost,
                r.ordering_cost,
                r.holding_cost,
                r.orders_per_year,
                r.cycle_years,
            ];
            for c in 0..6 {
                if wanted[c] {
                    prop_assert_eq!(cols[c][i].to_bits(), expected[c].to_bits(), "eoq column {} item {}", c, i);
                } else {
                    prop_assert!(cols[c][i].is_nan(), "eoq column {} was written", c);
                }
            }
        }
    }

    /// An invalid item anywhere (in any block) is reported with its index, as item by item.
    #[test]
    fn column_kernels_report_the_first_bad_item(n in 1usize..1300, bad in 0usize..1300, which in 0usize..3) {
        use inventory_core::policy::{eoq_into, safety_stock_into, OrderQuantityOut, SafetyStockOut};
        use inventory_core::Error;
        let bad = bad % n;
        let mut cols = vec![vec![1.0; n]; 3];
        cols[which][bad] = [f64::NAN, -1.0, f64::INFINITY][which];
        let mut o = vec![0.0; n];
        let e = safety_stock_into(
            &cols[0], &cols[1], &cols[2], &[0.5], TimeUnit::Day,
            SafetyStockMethod::Combined, ServiceTarget::CycleServiceLevel(0.95),
            SafetyStockOut { safety_stock: Some(&mut o), ..SafetyStockOut::default() },
        ).unwrap_err();
        prop_assert!(matches!(e, Error::Batch { index, .. } if index == bad), "{:?}", e);
        let e = eoq_into(&cols[0], &cols[1], &cols[2], OrderQuantityOut { quantity: Some(&mut o), ..OrderQuantityOut::default() }).unwrap_err();
        prop_assert!(matches!(e, Error::Batch { index, .. } if index == bad), "{:?}", e);
    }
}
