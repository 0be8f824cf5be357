//! Purchasing throughput and queries on the workload (see
//! `inventory_benches::purchasing_data`): 100,000 purchase orders of 10 lines over 10,000
//! SKUs × 5 locations, placed, confirmed, received in 1–3 partial receipts with some
//! damage, some closed short, a third charged freight late, all paid.
//!
//! Run with `cargo bench -p inventory-benches --bench purchasing`.
//!
//! - `purchasing/events`: every event posted one by one into a ledger holding the
//!   suppliers (throughput in events per second; each receipt posts one receive movement
//!   per line and condition, each charge one landed cost per receipt line).
//! - `purchasing/movements`: the stock movements those events posted (taken from the
//!   journal of a run), posted one by one into an empty ledger: the ledger's own movement
//!   rate on the same stock stream, for the ratio the issue asks about.
//! - `incoming/*`: the incoming queries over every SKU and location on the state at the
//!   workload's midpoint (about a fortnight of orders open), and one position's.
//!
//! Memory per open line is measured by `benches/purchasing_memory.rs`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use inventory_benches::purchasing_data::{PurchasingConfig, PurchasingWorkload};
use inventory_core::purchasing::PurchaseEvent;
use inventory_core::{Ledger, Movement, Period};

/// `true` under `cargo bench` (criterion's `--bench` flag), `false` under `cargo test`.
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// A ledger holding the workload's suppliers.
fn with_suppliers(w: &PurchasingWorkload) -> Ledger {
    let mut l = Ledger::new();
    for s in &w.suppliers {
        l.set_supplier(s.clone(), 0).expect("valid supplier");
    }
    l
}

/// Times `run` on a fresh clone of `base` and fresh copies of the input, `iters` times.
fn timed<I: Clone>(
    iters: u64,
    base: &Ledger,
    input: &I,
    mut run: impl FnMut(&mut Ledger, I),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let mut ledger = base.clone();
        let input = input.clone();
        let start = Instant::now();
        run(&mut ledger, input);
        total += start.elapsed();
        drop(black_box(ledger));
    }
    total
}

fn post_events(ledger: &mut Ledger, events: Vec<PurchaseEvent>) {
    for e in events {
        black_box(ledger.purchase(e).expect("the workload is valid"));
    }
}

fn post_movements(ledger: &mut Ledger, movements: Vec<Movement>) {
    for m in movements {
        black_box(ledger.post(m).expect("the workload is valid"));
    }
}

fn purchasing(c: &mut Criterion) {
    let config = if bench_mode() {
        PurchasingConfig::default()
    } else {
        PurchasingConfig::small()
    };
    let w = PurchasingWorkload::new(&config);
    let base = with_suppliers(&w);
    // One run, for the movements it posts and the midpoint state.
    let mut full = base.clone();
    let mut mid = None;
    for e in &w.events {
        if mid.is_none() && e.time >= w.midpoint {
            mid = Some(full.clone());
        }
        full.purchase(e.clone()).expect("the workload is valid");
    }
    let movements: Vec<Movement> = full.journal().into_iter().map(|e| e.movement).collect();
    let mid = mid.unwrap_or_else(|| full.clone());
    eprintln!(
        "purchasing workload: {} events ({:?}), {} stock movements; midpoint: {} SKU × location pairs incoming, {} (SKU, location, day) buckets",
        w.events.len(),
        w.mix,
        movements.len(),
        mid.incoming(None, None).len(),
        mid.incoming_schedule(Period::Day, None, None).len(),
    );

    let mut g = c.benchmark_group("purchasing");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(if bench_mode() { 40 } else { 1 }));
    g.throughput(Throughput::Elements(w.events.len() as u64));
    g.bench_function("events", |b| {
        b.iter_custom(|iters| timed(iters, &base, &w.events, post_events))
    });
    g.throughput(Throughput::Elements(movements.len() as u64));
    g.bench_function("movements", |b| {
        b.iter_custom(|iters| timed(iters, &Ledger::new(), &movements, post_movements))
    });
    g.finish();

    let mut g = c.benchmark_group("incoming");
    g.sample_size(20);
    let positions = mid.incoming(None, None).len() as u64;
    g.throughput(Throughput::Elements(positions));
    g.bench_function("all_positions", |b| {
        b.iter(|| black_box(mid.incoming(None, None)))
    });
    g.bench_function("schedule_by_day", |b| {
        b.iter(|| black_box(mid.incoming_schedule(Period::Day, None, None)))
    });
    g.bench_function("schedule_by_week", |b| {
        b.iter(|| black_box(mid.incoming_schedule(Period::Week, None, None)))
    });
    let one = mid
        .incoming(None, None)
        .into_iter()
        .next()
        .expect("something incoming");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one_position", |b| {
        b.iter(|| {
            black_box(
                mid.position(&one.sku, Some(&one.location))
                    .map(|p| p.incoming),
            )
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    purchasing(&mut c);
    c.final_summary();
}
