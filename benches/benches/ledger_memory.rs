//! Ledger memory: bytes per position, per open cost layer and per journal entry, measured
//! with a counting global allocator on the same workload as the throughput bench.
//!
//! Run with `cargo bench -p inventory-benches --bench ledger_memory`. The method is
//! described in `BENCHMARKS.md`: the allocator counts the bytes requested from the system
//! allocator (not malloc's own per-block overhead, reported separately as a block count).
//!
//! - *Compact* figures come from cloning (a clone allocates exactly what it holds:
//!   `Vec`/`VecDeque` capacity = length, hash maps with the same bucket count), and the
//!   journal's share from cloning the journal alone. Per layer and per position are
//!   solved from two ledgers with the same positions and different numbers of layers.
//! - *Live* figures are the bytes held by a ledger built by posting one movement at a
//!   time, growth slack included.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

use inventory_benches::{Workload, WorkloadConfig};
use inventory_core::{JournalEntry, Ledger, Movement};

/// Counts live bytes and live blocks.
struct Counting;

static BYTES: AtomicI64 = AtomicI64::new(0);
static BLOCKS: AtomicI64 = AtomicI64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            BYTES.fetch_add(layout.size() as i64, Relaxed);
            BLOCKS.fetch_add(1, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        BYTES.fetch_sub(layout.size() as i64, Relaxed);
        BLOCKS.fetch_sub(1, Relaxed);
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            BYTES.fetch_add(layout.size() as i64, Relaxed);
            BLOCKS.fetch_add(1, Relaxed);
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            BYTES.fetch_add(new_size as i64 - layout.size() as i64, Relaxed);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Live (bytes, blocks).
fn live() -> (i64, i64) {
    (BYTES.load(Relaxed), BLOCKS.load(Relaxed))
}

/// Bytes (and blocks) that `make` allocates and keeps in what it returns.
fn footprint<T>(make: impl FnOnce() -> T) -> (T, i64, i64) {
    let (b0, n0) = live();
    let value = make();
    let (b1, n1) = live();
    (value, b1 - b0, n1 - n0)
}

struct Facts {
    positions: usize,
    layers: usize,
    entries: usize,
    /// Compact bytes of the whole ledger (from a clone).
    compact: i64,
    /// Compact bytes of the journal alone.
    journal: i64,
}

impl Facts {
    /// Compact bytes without the journal and without the per-SKU history index (4 bytes
    /// per journal entry): positions and layers only.
    fn state(&self) -> i64 {
        self.compact - self.journal - 4 * self.entries as i64
    }
}

fn facts(ledger: &Ledger) -> Facts {
    let mut positions = 0;
    let mut layers = 0;
    for sku in ledger.skus() {
        for loc in ledger.locations() {
            if ledger
                .position(sku, Some(loc))
                .is_ok_and(|p| p != Default::default())
            {
                positions += 1;
            }
        }
        layers += ledger.valuation(sku, None).map_or(0, |v| v.layers.len());
    }
    let (copy, compact, _) = footprint(|| ledger.clone());
    drop(copy);
    let (copy, journal, _) = footprint(|| ledger.journal().to_vec());
    drop(copy);
    Facts {
        positions,
        layers,
        entries: ledger.len(),
        compact,
        journal,
    }
}

fn build(movements: &[Movement]) -> (Ledger, i64, i64) {
    footprint(|| {
        let mut l = Ledger::new();
        // The movements' strings are allocated here and end up in the journal.
        for m in movements.iter().cloned() {
            l.post(m).expect("the workload is valid");
        }
        l
    })
}

fn mib(b: i64) -> String {
    format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0))
}

fn main() {
    // `cargo test --benches` runs this without `--bench`: a small smoke-test workload.
    let config = if std::env::args().any(|a| a == "--bench") {
        WorkloadConfig::default()
    } else {
        WorkloadConfig {
            skus: 100,
            mixed: 5_000,
            ..WorkloadConfig::default()
        }
    };
    let shallow = Workload::new(&WorkloadConfig {
        layers_per_position: 1,
        mixed: 0,
        ..config.clone()
    });
    let deep = Workload::new(&config);
    println!(
        "ledger memory: {} SKUs x {} locations; sizes: JournalEntry {} B, Movement {} B",
        config.skus,
        config.locations,
        std::mem::size_of::<JournalEntry>(),
        std::mem::size_of::<Movement>(),
    );

    let (a_ledger, _, _) = build(&shallow.setup);
    let a = facts(&a_ledger);
    drop(a_ledger);
    let (b_ledger, b_live, b_blocks) = build(&deep.setup);
    let b = facts(&b_ledger);

    let per_layer = (b.state() - a.state()) as f64 / (b.layers - a.layers) as f64;
    let per_position = (a.state() as f64 - per_layer * a.layers as f64) / a.positions as f64;
    let per_entry = b.journal as f64 / b.entries as f64;
    println!(
        "compact (clone) footprint, solved from 1 vs {} layers per position:",
        config.layers_per_position
    );
    println!("  per position (slot, index, names, reservations: none open): {per_position:.0} B");
    println!("  per open cost layer:                                       {per_layer:.0} B");
    println!(
        "  per journal entry (movement + outcome + their strings):    {per_entry:.0} B + 4 B history index"
    );
    println!(
        "  check: {} positions, {} layers, {} entries -> {} compact ({} journal)",
        b.positions,
        b.layers,
        b.entries,
        mib(b.compact),
        mib(b.journal)
    );

    // The throughput bench's full state: setup + mixed stream, posted one at a time.
    let (full, mixed_live, mixed_blocks) = footprint(|| {
        let mut l = b_ledger;
        for m in deep.mixed.iter().cloned() {
            l.post(m).expect("the workload is valid");
        }
        l
    });
    let f = facts(&full);
    let live_total = b_live + mixed_live;
    let blocks = b_blocks + mixed_blocks;
    // The live journal Vec grows by doubling: its slack is (capacity - length) entries.
    let cap = f.entries.next_power_of_two();
    let journal_slack = ((cap - f.entries) * std::mem::size_of::<JournalEntry>()) as i64;
    let live_state = live_total - f.journal - journal_slack - 4 * f.entries as i64;
    let compact_state = f.state();
    println!(
        "after the mixed stream: {} positions, {} open layers ({:.1} per position), {} journal entries",
        f.positions,
        f.layers,
        f.layers as f64 / f.positions as f64,
        f.entries
    );
    println!(
        "  live as built: {} in {} heap blocks ({:.0} B per journal entry all in)",
        mib(live_total),
        blocks,
        live_total as f64 / f.entries as f64
    );
    println!(
        "  positions + layers: live {} vs compact {} (growth slack x{:.2}); journal {} (+{} Vec slack)",
        mib(live_state),
        mib(compact_state),
        live_state as f64 / compact_state as f64,
        mib(f.journal),
        mib(journal_slack)
    );
    println!(
        "  live per open layer, if positions cost {per_position:.0} B: {:.0} B",
        (live_state as f64 - per_position * f.positions as f64) / f.layers as f64
    );
}
