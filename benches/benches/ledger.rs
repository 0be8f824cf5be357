//! Ledger throughput: 10,000 SKUs × 5 locations with deep FIFO layer queues (20 distinct
//! layers per position to start), then a mixed stream of shipments, reservations,
//! shipments against reservations, releases, transfers and receipts.
//!
//! Run with `cargo bench -p inventory-benches --bench ledger`. Each measured iteration
//! starts from a clone of the prepared ledger (the clone and the cloning of the input
//! movements are not timed) and posts the whole mixed stream; throughput is reported in
//! movements per second. `replay/setup_and_mixed` replays the setup and the mixed stream
//! (1,500,000 movements) into an empty ledger, as loading a snapshot does;
//! `mixed/post_columns` posts the stream as one columnar batch whose text borrows the
//! movements' (as the bindings post); `mixed_moving_average/post` posts it one by one into
//! a moving-average ledger. See `BENCHMARKS.md`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use inventory_benches::{with_references, Workload, WorkloadConfig};
use inventory_core::{CostMethod, Ledger, LedgerConfig, Movement, MovementColumns};

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

/// `true` under `cargo bench` (criterion's `--bench` flag), `false` under `cargo test`.
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn post_each(ledger: &mut Ledger, movements: Vec<Movement>) {
    for m in movements {
        black_box(ledger.post(m).expect("the workload is valid"));
    }
}

fn ledger(c: &mut Criterion) {
    let config = if bench_mode() {
        WorkloadConfig::default()
    } else {
        // `cargo test --benches` runs each benchmark once: a small smoke-test workload.
        WorkloadConfig {
            skus: 100,
            mixed: 5_000,
            ..WorkloadConfig::default()
        }
    };
    let w = Workload::new(&config);
    eprintln!(
        "workload: {} SKUs x {} locations, {} setup receipts, {} mixed movements: {:?}",
        config.skus,
        config.locations,
        w.setup.len(),
        w.mixed.len(),
        w.mix
    );
    let empty = Ledger::new();
    let mut base = Ledger::new();
    base.post_batch(w.setup.iter().cloned())
        .expect("the setup is valid");
    // The same positions and stream under moving-average costing: every issue then takes
    // a pro-rata share of the pool's value, usually an inexact quotient.
    let average = LedgerConfig::new().costing(CostMethod::MovingAverage);
    let mut base_average = Ledger::with_config(average).expect("a valid configuration");
    base_average
        .post_batch(w.setup.iter().cloned())
        .expect("the setup is valid");
    let columns = MovementColumns::from_movements(&w.mixed).expect("no reclassifications");
    let referenced = with_references(&w.mixed, "M");
    let chunks: Vec<Vec<Movement>> = w.mixed.chunks(1000).map(<[_]>::to_vec).collect();

    let mut g = c.benchmark_group("ledger");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));

    g.throughput(Throughput::Elements(w.setup.len() as u64));
    g.bench_function("receipts_build_deep_queues/post", |b| {
        b.iter_custom(|iters| timed(iters, &empty, &w.setup, post_each))
    });

    g.throughput(Throughput::Elements(w.mixed.len() as u64));
    g.bench_function("mixed/post", |b| {
        b.iter_custom(|iters| timed(iters, &base, &w.mixed, post_each))
    });
    g.bench_function("mixed_moving_average/post", |b| {
        b.iter_custom(|iters| timed(iters, &base_average, &w.mixed, post_each))
    });
    g.bench_function("mixed/post_columns", |b| {
        b.iter_custom(|iters| {
            timed(iters, &base, &(), |l, ()| {
                black_box(
                    l.post_columns_with(&columns, |_| ())
                        .expect("the workload is valid"),
                );
            })
        })
    });
    g.bench_function("mixed/post_with_references", |b| {
        b.iter_custom(|iters| timed(iters, &base, &referenced, post_each))
    });
    g.bench_function("mixed/post_batch_1000", |b| {
        b.iter_custom(|iters| {
            timed(iters, &base, &chunks, |l, chunks| {
                for chunk in chunks {
                    black_box(l.post_batch(chunk).expect("the workload is valid"));
                }
            })
        })
    });
    // Replay (as `Ledger::from_json` and a rebuild from a journal do): the setup and the
    // mixed stream, 1,500,000 movements, into an empty ledger.
    let all: Vec<Movement> = w.setup.iter().chain(&w.mixed).cloned().collect();
    g.throughput(Throughput::Elements(all.len() as u64));
    g.bench_function("replay/setup_and_mixed", |b| {
        b.iter_custom(|iters| {
            timed(iters, &empty, &all, |ledger, all| {
                let l = Ledger::replay(inventory_core::LedgerConfig::default(), all);
                // Handed back so that it is dropped outside the timed region.
                *ledger = black_box(l.expect("the workload is valid"));
            })
        })
    });
    g.throughput(Throughput::Elements(w.mixed.len() as u64));
    g.bench_function("mixed/post_batch_all", |b| {
        b.iter_custom(|iters| {
            timed(iters, &base, &w.mixed, |l, all| {
                black_box(l.post_batch(all).expect("the workload is valid"));
            })
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    ledger(&mut c);
    c.final_summary();
}
