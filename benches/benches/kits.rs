//! Kits: buildable quantities of every kit at every location (10,000 kits nested three
//! deep over 50,000 components at 5 locations), one query per kit against one batch per
//! location; bundle shipments against the same
//! component shipments posted one by one; mining the pairs and triples of a year of
//! 1 million orders.
//!
//! Run with `cargo bench -p inventory-benches --bench kits`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use inventory_benches::kits_data::{bundle_ledger, orders_ledger, KitsWorkload};
use inventory_core::kits::DEFAULT_MIN_SUPPORT;
use inventory_core::{Decimal, Movement};

fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn kits(c: &mut Criterion) {
    let (kits, components, locations) = if bench_mode() {
        (10_000, 50_000, 5)
    } else {
        (100, 500, 2)
    };
    let w = KitsWorkload::new(kits, components, locations, 15);
    let mut g = c.benchmark_group("kits");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.throughput(Throughput::Elements((kits * locations) as u64));
    g.bench_function("buildable_all_kits_all_locations", |b| {
        b.iter(|| {
            for l in &w.locations {
                for k in &w.kits {
                    black_box(w.ledger.buildable(k, Some(l), 1).expect("a kit"));
                }
            }
        })
    });

    // The same answers in one batch per location (checked equal to the single queries).
    for l in &w.locations {
        let all = w.ledger.buildable_all(Some(l), 1).expect("kits");
        let one: Vec<_> = (w.kits.iter())
            .map(|k| w.ledger.buildable(k, Some(l), 1).expect("a kit"))
            .collect();
        assert!(
            all == one,
            "the batch differs from the single queries at {l}"
        );
    }
    g.bench_function("buildable_all_kits_all_locations_batched", |b| {
        b.iter(|| {
            for l in &w.locations {
                black_box(w.ledger.buildable_all(Some(l), 1).expect("kits"));
            }
        })
    });

    // Bundle shipments (3 components: 4 units) against the same 3 shipments one by one.
    let n = if bench_mode() { 20_000 } else { 200 };
    let base = bundle_ledger();
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("ship_bundle", |b| {
        b.iter_batched(
            || base.clone(),
            |mut l| {
                for i in 0..n {
                    black_box(
                        l.ship_bundle("BUNDLE", "W", Decimal::ONE, 1, None, format!("S{i}"))
                            .expect("in stock"),
                    );
                }
                l
            },
            BatchSize::LargeInput,
        )
    });
    g.throughput(Throughput::Elements(3 * n as u64));
    g.bench_function("ship_components_one_by_one", |b| {
        b.iter_batched(
            || base.clone(),
            |mut l| {
                for i in 0..n {
                    for (s, q) in [("A", 1), ("B", 2), ("C", 1)] {
                        let m = Movement::ship(s, "W", Decimal::from(q), 1)
                            .with_reference(format!("S{i}/{s}"));
                        black_box(l.post(m).expect("in stock"));
                    }
                }
                l
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let orders = if bench_mode() { 1_000_000 } else { 2_000 };
    let l = orders_ledger(orders, 16);
    let found = l
        .bundle_candidates(0, 400 * 86_400, DEFAULT_MIN_SUPPORT / 10.0)
        .expect("valid");
    eprintln!(
        "mining workload: {} orders, {} pairs and {} triples at support ≥ {}",
        found.orders,
        found.pairs.len(),
        found.triples.len(),
        DEFAULT_MIN_SUPPORT / 10.0
    );
    let mut g = c.benchmark_group("bundle_candidates");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(if bench_mode() { 30 } else { 1 }));
    g.throughput(Throughput::Elements(orders as u64));
    g.bench_function("one_year_of_orders", |b| {
        b.iter(|| {
            black_box(
                l.bundle_candidates(0, 400 * 86_400, DEFAULT_MIN_SUPPORT / 10.0)
                    .expect("valid"),
            )
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    kits(&mut c);
    c.final_summary();
}
