//! Ledger memory: bytes per position, per open cost layer and per journal entry, measured
//! with a counting global allocator on the same workload as the throughput bench.
//!
//! Run with `cargo bench -p inventory-benches --bench ledger_memory`. The method is
//! described in `BENCHMARKS.md`: the allocator counts the bytes requested from the system
//! allocator (not malloc's own per-block overhead, reported separately as a block count).
//!
//! - *Compact* figures come from clones of ledgers whose layer queues are exactly full (4
//!   and 32 layers per position; a clone keeps each queue's capacity, and `Vec`s and the
//!   index tables are cloned at their length or bucket count). The journal's share per
//!   entry comes from the same ledger with one more entry per position (a cycle count at
//!   the quantity held). Per layer and per position are then solved from the two ledgers,
//!   which have the same positions and different numbers of layers.
//! - *Live* figures are the bytes held by a ledger built by posting one movement at a
//!   time, growth slack included.

use inventory_benches::counting::{footprint, Counting};
use inventory_benches::{Workload, WorkloadConfig};
use inventory_core::{JournalEntry, Ledger, Movement};

#[global_allocator]
static GLOBAL: Counting = Counting;

struct Facts {
    positions: usize,
    layers: usize,
    entries: usize,
    /// Compact bytes of the whole ledger (from a clone).
    compact: i64,
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
    Facts {
        positions,
        layers,
        entries: ledger.len(),
        compact,
    }
}

/// `ledger` with one more journal entry per position and nothing else: a cycle count of
/// every position at the quantity it holds (no adjustment, no layer, no name, no
/// reservation).
fn with_counts(ledger: &Ledger) -> Ledger {
    let mut l = ledger.clone();
    let time = 4_000_000_000;
    for sku in ledger.skus() {
        for loc in ledger.locations() {
            let p = ledger.position(sku, Some(loc)).expect("known names");
            if p == Default::default() {
                continue; // never stocked there: a count would be refused
            }
            l.post(Movement::cycle_count(
                sku.as_str(),
                loc.as_str(),
                p.on_hand,
                time,
            ))
            .expect("a count at the quantity held");
        }
    }
    l
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
    // The per-layer and per-position sizes are solved from two ledgers whose layer queues
    // are exactly full (4 and 32 layers per position: a queue's capacity grows 4, 8, 16,
    // 32), so that their clones hold no spare room (a clone keeps a queue's capacity).
    let layered = |layers_per_position| {
        Workload::new(&WorkloadConfig {
            layers_per_position,
            mixed: 0,
            ..config.clone()
        })
    };
    let shallow = layered(4);
    let full_queues = layered(32);
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
    // The journal's share: the same ledger with one more entry per position.
    let a2 = facts(&with_counts(&a_ledger));
    drop(a_ledger);
    let per_entry = (a2.compact - a.compact) as f64 / (a2.entries - a.entries) as f64;
    // Positions and layers: the clone's bytes less the journal's.
    let state = |f: &Facts| f.compact as f64 - per_entry * f.entries as f64;
    let (q_ledger, _, _) = build(&full_queues.setup);
    let b = facts(&q_ledger);
    drop(q_ledger);
    let per_layer = (state(&b) - state(&a)) / (b.layers - a.layers) as f64;
    // The solve relies on both ledgers' queues being exactly full, which holds while
    // `VecDeque` grows by doubling from 4; a layer is 48 bytes (two decimals, a time and an origin).
    if (per_layer - 40.0).abs() > 0.5 {
        println!(
            "  WARNING: {per_layer:.1} B per layer, not 40: VecDeque growth no longer fills the 4- and 32-layer queues exactly, so the per-layer and per-position figures include spare room"
        );
    }
    let per_position = (state(&a) - per_layer * a.layers as f64) / a.positions as f64;
    println!(
        "compact footprint (clones of full queues), solved from 4 vs 32 layers per position and one more entry per position:"
    );
    println!("  per position (slot, index, names, reservations: none open): {per_position:.0} B");
    println!("  per open cost layer:                                       {per_layer:.0} B");
    println!(
        "  per journal entry (compact entry, no reference or reservation name): {per_entry:.0} B"
    );
    println!(
        "  check: {} positions, {} layers, {} entries -> {} compact ({} journal)",
        b.positions,
        b.layers,
        b.entries,
        mib(b.compact),
        mib((per_entry * b.entries as f64) as i64)
    );

    // The throughput bench's full state: setup + mixed stream, posted one at a time.
    let (b_ledger, b_live, b_blocks) = build(&deep.setup);
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
    // The journal grows in chunks of 4,096 entries (no doubling): its live share is the
    // entries rounded up to a whole chunk, at the compact size per entry, plus the shared
    // reservation names the mixed stream's entries hold (counted with the state below).
    let chunked = f.entries.div_ceil(4096) * 4096;
    let journal_live = per_entry * chunked as f64;
    let live_state = live_total as f64 - journal_live;
    // What the positions and layers would take at the compact sizes solved above.
    let compact_state = per_position * f.positions as f64 + per_layer * f.layers as f64;
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
        "  positions + layers (+ open reservations): live {} vs {} at the compact sizes (queue slack x{:.2}); journal {} live",
        mib(live_state as i64),
        mib(compact_state as i64),
        live_state / compact_state,
        mib(journal_live as i64),
    );
    println!(
        "  live per open layer, if positions cost {per_position:.0} B: {:.0} B",
        (live_state - per_position * f.positions as f64) / f.layers as f64
    );
}
