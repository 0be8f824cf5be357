//! Policy math over 1,000,000 SKUs: ABC and XYZ classification, safety stock and EOQ.
//!
//! Run with `cargo bench -p inventory-benches --bench policy`. The inputs come from
//! `inventory_benches::policy_data` (deterministic, fixed seed) and are built once, before
//! any measurement; each measured iteration makes one batch call over all SKUs, and the
//! result vectors are dropped outside the timed region (`iter_with_large_drop`).
//! Throughput is SKUs per second (`Throughput::Elements`). See `BENCHMARKS.md`.
//!
//! - `policy/abc_1m`: `classify::abc` over 1,000,000 skewed values;
//! - `policy/xyz_1m`: `classify::xyz_many` over 1,000,000 series of 52 weekly values,
//!   borrowed as row slices of one flat buffer (as from a C-contiguous 2-D numpy array);
//! - `policy/safety_stock_eoq_1m`: `policy::safety_stock_many` (combined demand and
//!   lead-time variability, 95 % cycle service level) then `policy::eoq_many`;
//! - `policy/safety_stock_1m` and `policy/eoq_1m`: the two halves of the previous one;
//! - `policy/safety_stock_eoq_columns_1m`: the same as columns (`safety_stock_columns` and
//!   `eoq_columns`: twelve fresh `Vec<f64>`, the vectorized block kernels);
//! - `policy/safety_stock_eoq_into_1m`: the twelve columns written into buffers allocated
//!   once (`safety_stock_into` / `eoq_into`): the kernels without the first touch of fresh
//!   pages;
//! - `policy/safety_stock_eoq_2_columns_into_1m`: only the safety stock and the order
//!   quantity (the other columns skipped, as the Python binding's `outputs=` does), into
//!   two buffers allocated once.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use inventory_benches::policy_data::{abc_values, DemandSeries, PolicyInputs, SEED};
use inventory_core::classify::{abc, xyz_many, AbcClass, AbcThresholds, XyzClass, XyzThresholds};
use inventory_core::policy::{
    eoq_columns, eoq_into, eoq_many, safety_stock_columns, safety_stock_into, safety_stock_many,
    OrderQuantityOut, SafetyStockMethod, SafetyStockOut, ServiceTarget, TimeUnit,
};

/// Weeks per XYZ series.
const PERIODS: usize = 52;

/// `true` under `cargo bench` (criterion's `--bench` flag), `false` under `cargo test`.
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Safety stock of every SKU: weekly demand, lead times in weeks, combined method, 95 %.
fn safety_stocks(p: &PolicyInputs) -> Vec<inventory_core::policy::SafetyStock> {
    safety_stock_many(
        &p.means,
        &p.std_devs,
        &p.lead_times,
        &p.lead_time_std_devs,
        TimeUnit::Week,
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.95),
    )
    .expect("the inputs are valid")
}

/// EOQ of every SKU.
fn eoqs(p: &PolicyInputs) -> Vec<inventory_core::policy::OrderQuantity> {
    eoq_many(&p.annual_demands, &p.order_costs, &p.holding_costs).expect("the inputs are valid")
}

/// Safety stock and EOQ of every SKU as twelve columns.
fn columns(p: &PolicyInputs) -> (impl Sized, impl Sized) {
    let ss = safety_stock_columns(
        &p.means,
        &p.std_devs,
        &p.lead_times,
        &p.lead_time_std_devs,
        TimeUnit::Week,
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.95),
    )
    .expect("the inputs are valid");
    let q = eoq_columns(&p.annual_demands, &p.order_costs, &p.holding_costs)
        .expect("the inputs are valid");
    (ss, q)
}

/// Safety stock and EOQ of every SKU into the columns of `out` (twelve, or `None` to skip).
fn into(p: &PolicyInputs, ss: SafetyStockOut<'_>, q: OrderQuantityOut<'_>) {
    safety_stock_into(
        &p.means,
        &p.std_devs,
        &p.lead_times,
        &p.lead_time_std_devs,
        TimeUnit::Week,
        SafetyStockMethod::Combined,
        ServiceTarget::CycleServiceLevel(0.95),
        ss,
    )
    .expect("the inputs are valid");
    eoq_into(&p.annual_demands, &p.order_costs, &p.holding_costs, q).expect("the inputs are valid");
}

fn policy(c: &mut Criterion) {
    // `cargo test --benches` runs each benchmark once: a small smoke-test workload.
    let n: usize = if bench_mode() { 1_000_000 } else { 1_000 };

    let start = Instant::now();
    let values = abc_values(n, SEED);
    let series = DemandSeries::new(n, PERIODS, SEED + 1);
    let rows = series.rows();
    let inputs = PolicyInputs::new(n, SEED + 2);
    eprintln!(
        "inputs: {n} SKUs, {PERIODS} weeks per series ({:.0} MiB of series), built in {:.2?}",
        (series.values.len() * size_of::<f64>()) as f64 / (1u64 << 20) as f64,
        start.elapsed()
    );

    // The shape of the workload, for BENCHMARKS.md (not timed).
    let a = abc(&values, AbcThresholds::default()).expect("valid");
    let count_abc = |k: AbcClass| a.iter().filter(|i| i.class == k).count();
    let x = xyz_many(&rows, XyzThresholds::default()).expect("valid");
    let count_xyz = |k: XyzClass| x.iter().filter(|i| i.class == k).count();
    let zeros = values.iter().filter(|v| **v == 0.0).count();
    let ss = safety_stocks(&inputs);
    let mean_ss = ss.iter().map(|s| s.safety_stock).sum::<f64>() / n as f64;
    eprintln!(
        "ABC: A {} / B {} / C {} ({zeros} zero); XYZ: X {} / Y {} / Z {}; mean safety stock {mean_ss:.1}",
        count_abc(AbcClass::A),
        count_abc(AbcClass::B),
        count_abc(AbcClass::C),
        count_xyz(XyzClass::X),
        count_xyz(XyzClass::Y),
        count_xyz(XyzClass::Z),
    );
    drop((a, x, ss));

    let mut g = c.benchmark_group("policy");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(n as u64));

    g.bench_function("abc_1m", |b| {
        b.iter_with_large_drop(|| abc(black_box(&values), AbcThresholds::default()).expect("valid"))
    });
    g.bench_function("xyz_1m", |b| {
        b.iter_with_large_drop(|| {
            xyz_many(black_box(&rows), XyzThresholds::default()).expect("valid")
        })
    });
    g.bench_function("safety_stock_eoq_1m", |b| {
        b.iter_with_large_drop(|| (safety_stocks(black_box(&inputs)), eoqs(black_box(&inputs))))
    });
    g.bench_function("safety_stock_1m", |b| {
        b.iter_with_large_drop(|| safety_stocks(black_box(&inputs)))
    });
    g.bench_function("eoq_1m", |b| {
        b.iter_with_large_drop(|| eoqs(black_box(&inputs)))
    });
    g.bench_function("safety_stock_eoq_columns_1m", |b| {
        b.iter_with_large_drop(|| columns(black_box(&inputs)))
    });
    let mut bufs = vec![vec![0.0; n]; 12];
    g.bench_function("safety_stock_eoq_into_1m", |b| {
        b.iter(|| {
            let mut c = bufs.iter_mut().map(|v| Some(v.as_mut_slice()));
            let mut next = || c.next().flatten();
            let ss = SafetyStockOut {
                safety_stock: next(),
                safety_factor: next(),
                protection_interval: next(),
                expected_demand: next(),
                std_dev_protection: next(),
                reorder_point: next(),
            };
            let q = OrderQuantityOut {
                quantity: next(),
                total_cost: next(),
                ordering_cost: next(),
                holding_cost: next(),
                orders_per_year: next(),
                cycle_years: next(),
            };
            into(black_box(&inputs), ss, q)
        })
    });
    g.bench_function("safety_stock_eoq_2_columns_into_1m", |b| {
        b.iter(|| {
            let [ss, q] = bufs.get_disjoint_mut([0, 6]).expect("two distinct buffers");
            let ss = SafetyStockOut {
                safety_stock: Some(ss),
                ..SafetyStockOut::default()
            };
            let q = OrderQuantityOut {
                quantity: Some(q),
                ..OrderQuantityOut::default()
            };
            into(black_box(&inputs), ss, q)
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    policy(&mut c);
    c.final_summary();
}
