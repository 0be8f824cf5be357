//! The durable SQLite store against the in-memory ledger, side by side in one run:
//! posting one movement at a time (full durability: one fsync per commit; `normal`: no
//! fsync per commit, safe against a process crash), in batches of 1,000, and opening a
//! store of 1 million movements with and without a recent checkpoint (against replaying
//! the same movements into an in-memory ledger).
//!
//! Run with `cargo bench -p inventory-benches --bench store`. The stores are written to
//! the system's temporary directory (about 1 GB for the open benchmarks) and removed.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use inventory_benches::{Workload, WorkloadConfig};
use inventory_core::durable::{StoreConfig, SyncMode};
use inventory_core::{Decimal, Ledger, Movement};

fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// An endless valid stream: each SKU of 300 at one location is received (2 units), then
/// shipped (1 unit), in turn, at increasing times.
struct Stream {
    n: u64,
}

impl Stream {
    fn next(&mut self) -> Movement {
        let i = self.n;
        self.n += 1;
        let sku = format!("SKU-{:04}", (i / 2) % 300);
        if i.is_multiple_of(2) {
            Movement::receive(sku, "WH", Decimal::from(2), Decimal::new(1234, 2), i as i64)
        } else {
            Movement::ship(sku, "WH", Decimal::ONE, i as i64)
        }
    }
}

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let p = std::env::temp_dir().join(format!("inv-bench-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("a temporary directory");
        Dir(p)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn durable(path: &Path, sync: SyncMode) -> Ledger {
    Ledger::open(path, StoreConfig::new().sync(sync).checkpoint_every(0)).expect("a store")
}

fn posting(c: &mut Criterion) {
    let dir = Dir::new("post");
    let mut g = c.benchmark_group("store_post_one");
    g.throughput(Throughput::Elements(1));
    if !bench_mode() {
        g.sample_size(10);
        g.measurement_time(Duration::from_millis(200));
    }
    let targets: [(&str, Option<SyncMode>); 3] = [
        ("in_memory", None),
        ("sqlite_normal", Some(SyncMode::Normal)),
        ("sqlite_full", Some(SyncMode::Full)),
    ];
    for (name, sync) in targets {
        let mut ledger = match sync {
            None => Ledger::new(),
            Some(s) => durable(&dir.0.join(format!("{name}.ledger")), s),
        };
        let mut stream = Stream { n: 0 };
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    black_box(ledger.post(stream.next()).expect("valid"));
                }
                start.elapsed()
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("store_post_batch_1000");
    g.throughput(Throughput::Elements(1000));
    if !bench_mode() {
        g.sample_size(10);
        g.measurement_time(Duration::from_millis(200));
    }
    for (name, sync) in targets {
        let mut ledger = match sync {
            None => Ledger::new(),
            Some(s) => durable(&dir.0.join(format!("batch-{name}.ledger")), s),
        };
        let mut stream = Stream { n: 0 };
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let batch: Vec<Movement> = (0..1000).map(|_| stream.next()).collect();
                    let start = Instant::now();
                    black_box(ledger.post_batch(batch).expect("valid"));
                    total += start.elapsed();
                }
                total
            })
        });
    }
    g.finish();
}

fn opening(c: &mut Criterion) {
    // 1,000 SKUs × 5 locations, 20 layers each (100,000 receipts), then 900,000 mixed
    // movements: 1 million journal entries.
    let config = if bench_mode() {
        WorkloadConfig {
            skus: 1_000,
            mixed: 900_000,
            ..WorkloadConfig::default()
        }
    } else {
        WorkloadConfig {
            skus: 20,
            mixed: 2_000,
            ..WorkloadConfig::default()
        }
    };
    let w = Workload::new(&config);
    let n = w.setup.len() + w.mixed.len();
    let dir = Dir::new("open");
    let plain = dir.0.join("plain.ledger");
    let checkpointed = dir.0.join("checkpointed.ledger");
    {
        let mut l = durable(&plain, SyncMode::Off);
        for chunk in w.setup.chunks(10_000).chain(w.mixed.chunks(10_000)) {
            l.post_batch(chunk.iter().cloned()).expect("valid");
        }
        assert_eq!(l.len(), n);
    }
    std::fs::copy(&plain, &checkpointed).expect("a copy");
    {
        let mut l = durable(&checkpointed, SyncMode::Off);
        l.checkpoint().expect("a checkpoint");
    }
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "open workload: {n} movements; store {} MB ({} MB with its checkpoint)",
        size(&plain) / 1_000_000,
        size(&checkpointed) / 1_000_000
    );
    let all: Vec<Movement> = w.setup.iter().chain(&w.mixed).cloned().collect();
    let mut g = c.benchmark_group("store_open_1m");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    if !bench_mode() {
        g.measurement_time(Duration::from_millis(200));
    }
    g.bench_function("in_memory_replay", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let input = all.clone();
                let start = Instant::now();
                let l = Ledger::replay(Default::default(), input).expect("valid");
                total += start.elapsed();
                drop(black_box(l));
            }
            total
        })
    });
    for (name, path) in [
        ("sqlite_no_checkpoint", &plain),
        ("sqlite_checkpoint", &checkpointed),
    ] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let l = durable(path, SyncMode::Off);
                    total += start.elapsed();
                    assert_eq!(l.len(), n);
                    // Closed (dropped) untimed, before the next open takes the lock.
                    drop(black_box(l));
                }
                total
            })
        });
    }
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    posting(&mut c);
    opening(&mut c);
    c.final_summary();
}
