//! Replenishment: a planning run over the workload (100,000 SKUs × 3 locations,
//! ten suppliers, a 26-week daily projection; see `inventory_benches::replenish_data`) on
//! one and two threads; splitting a pooled forecast per SKU over 3 locations by 13 weeks
//! of sales (100,000 SKUs); and a simulation of 1,000 SKUs × 365 days × 4 policies on one
//! and two threads.
//!
//! Run with `cargo bench -p inventory-benches --bench replenish`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use inventory_benches::replenish_data::{
    simulation_runs, PooledWorkload, ReplenishConfig, ReplenishWorkload,
};
use inventory_core::replenish::simulate_many;

fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn replenish(c: &mut Criterion) {
    let config = if bench_mode() {
        ReplenishConfig::full()
    } else {
        ReplenishConfig::small()
    };
    let w = ReplenishWorkload::new(&config);
    let one = w.ledger.plan(&w.request(1)).expect("the workload plans");
    eprintln!(
        "planning workload: {} SKU × location pairs, {} suppliers, {} days; plan: {} lines for {} suppliers, {} transfers, {} alerts",
        one.items.len(),
        config.suppliers,
        config.horizon_days,
        one.orders.iter().map(|o| o.lines.len()).sum::<usize>(),
        one.orders.len(),
        one.transfers.len(),
        one.alerts.len(),
    );
    let mut g = c.benchmark_group("plan");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(if bench_mode() { 20 } else { 1 }));
    g.throughput(Throughput::Elements(one.items.len() as u64));
    for threads in [1, 2] {
        let request = w.request(threads);
        g.bench_function(format!("threads_{threads}"), |b| {
            b.iter(|| black_box(w.ledger.plan(&request).expect("the workload plans")))
        });
    }
    g.finish();

    // A pooled forecast per SKU split over its 3 locations by 13 weeks of sales.
    let skus = if bench_mode() { 100_000 } else { 200 };
    let p = PooledWorkload::new(skus, 3, 21);
    let mut g = c.benchmark_group("split_forecast");
    g.sample_size(10);
    g.throughput(Throughput::Elements(skus as u64));
    g.bench_function("13_weeks_3_locations", |b| {
        b.iter(|| {
            black_box(
                p.ledger
                    .split_forecast(&p.pooled, p.as_of, 91, &[])
                    .expect("valid forecasts"),
            )
        })
    });
    g.finish();

    let (skus, days) = if bench_mode() {
        (1_000, 365)
    } else {
        (20, 365)
    };
    let runs = simulation_runs(skus, days, 7);
    let policies: usize = runs.iter().map(|r| r.1.len()).sum();
    let mut g = c.benchmark_group("simulate");
    g.sample_size(10);
    g.throughput(Throughput::Elements((policies * days) as u64));
    for threads in [1, 2] {
        g.bench_function(format!("threads_{threads}"), |b| {
            b.iter(|| black_box(simulate_many(&runs, threads).expect("valid runs")))
        });
    }
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    replenish(&mut c);
    c.final_summary();
}
