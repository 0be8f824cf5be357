//! Benchmarks of the inventory engine (see `benches/`).
//!
//! This library builds the benchmark workload deterministically, so that the throughput
//! bench (`benches/ledger.rs`) and the memory bench (`benches/ledger_memory.rs`) measure
//! the same state:
//!
//! - [`Workload::setup`]: `layers_per_position` rounds of receipts into every position
//!   (SKU × location), each at a different unit cost, so every position starts with that
//!   many distinct open FIFO layers;
//! - [`Workload::mixed`]: a mixed stream of shipments, reservations, shipments against
//!   reservations, releases, transfers and more receipts, valid against the state it runs
//!   on (the generator tracks on-hand and reserved units, so nothing is refused).
//!
//! ```
//! use inventory_benches::{Workload, WorkloadConfig};
//! use inventory_core::Ledger;
//!
//! let w = Workload::new(&WorkloadConfig { skus: 20, locations: 3, layers_per_position: 4, mixed: 500, seed: 1 });
//! assert_eq!(w.setup.len(), 20 * 3 * 4);
//! let mut ledger = Ledger::new();
//! ledger.post_batch(w.setup.iter().cloned()).unwrap();
//! ledger.post_batch(w.mixed.iter().cloned()).unwrap();
//! assert_eq!(ledger.len(), w.setup.len() + w.mixed.len());
//! ```

use std::collections::VecDeque;

use inventory_core::{Decimal, Movement};

pub mod counting;
pub mod forecast_data;
pub mod kits_data;
pub mod policy_data;
pub mod purchasing_data;
pub mod replenish_data;

/// The size and shape of a workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadConfig {
    /// Number of SKUs.
    pub skus: usize,
    /// Number of locations; every SKU is stocked at every location.
    pub locations: usize,
    /// Receipts (distinct cost layers) per position before the mixed stream.
    pub layers_per_position: usize,
    /// Length of the mixed stream.
    pub mixed: usize,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for WorkloadConfig {
    /// The issue's workload: 10,000 SKUs × 5 locations, 20 layers per position, 500,000
    /// mixed movements.
    fn default() -> Self {
        WorkloadConfig {
            skus: 10_000,
            locations: 5,
            layers_per_position: 20,
            mixed: 500_000,
            seed: 0x1A7E_57C0_FFEE,
        }
    }
}

/// Movements of one kind in the mixed stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mix {
    /// Shipments of available stock.
    pub ship: usize,
    /// Reservations.
    pub reserve: usize,
    /// Shipments against a reservation.
    pub ship_reserved: usize,
    /// Releases of a whole reservation.
    pub release: usize,
    /// Transfers to another location.
    pub transfer: usize,
    /// Receipts.
    pub receive: usize,
}

/// A deterministic benchmark workload. See the [crate documentation](crate).
#[derive(Debug, Clone)]
pub struct Workload {
    /// The configuration it was built from.
    pub config: WorkloadConfig,
    /// Receipts building `layers_per_position` layers in every position.
    pub setup: Vec<Movement>,
    /// The mixed stream, to be posted after `setup`.
    pub mixed: Vec<Movement>,
    /// What the mixed stream is made of.
    pub mix: Mix,
}

/// SplitMix64, so every run builds the same workload.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
}

/// The name of SKU `i`.
pub fn sku_name(i: usize) -> String {
    format!("SKU-{i:06}")
}

/// The name of location `i`.
pub fn location_name(i: usize) -> String {
    format!("LOC-{i}")
}

impl Workload {
    /// Builds the workload.
    pub fn new(config: &WorkloadConfig) -> Self {
        let mut rng = Rng(config.seed);
        let skus: Vec<String> = (0..config.skus).map(sku_name).collect();
        let locs: Vec<String> = (0..config.locations).map(location_name).collect();
        let positions = config.skus * config.locations;
        let mut on_hand = vec![0i64; positions];
        let mut reserved = vec![0i64; positions];
        let mut time: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
        let mut tick = || {
            time += 1;
            time
        };
        // A unit cost in cents that differs from layer to layer and drifts upward.
        let cost = |rng: &mut Rng, sku: usize, round: i64| {
            Decimal::new(500 + (sku as i64 % 997) + 3 * round + rng.range(0, 40), 2)
        };

        let mut setup = Vec::with_capacity(positions * config.layers_per_position);
        for round in 0..config.layers_per_position {
            for s in 0..config.skus {
                for l in 0..config.locations {
                    let q = rng.range(20, 60);
                    on_hand[s * config.locations + l] += q;
                    setup.push(Movement::receive(
                        skus[s].as_str(),
                        locs[l].as_str(),
                        Decimal::from(q),
                        cost(&mut rng, s, round as i64),
                        tick(),
                    ));
                }
            }
        }

        let mut mixed = Vec::with_capacity(config.mixed);
        let mut mix = Mix::default();
        // Open reservations, oldest first: (order id, position, quantity).
        let mut open: VecDeque<(u64, usize, i64)> = VecDeque::new();
        let mut next_order = 0u64;
        let mut round = config.layers_per_position as i64;
        while mixed.len() < config.mixed {
            let p = rng.below(positions as u64) as usize;
            let (s, l) = (p / config.locations, p % config.locations);
            let available = on_hand[p] - reserved[p];
            let roll = rng.below(100);
            let m = match roll {
                // Ship available stock.
                0..=29 => {
                    let q = rng.range(1, 4);
                    if q > available {
                        continue;
                    }
                    on_hand[p] -= q;
                    mix.ship += 1;
                    Movement::ship(skus[s].as_str(), locs[l].as_str(), Decimal::from(q), tick())
                }
                // Reserve for an order.
                30..=49 => {
                    let q = rng.range(1, 4);
                    if q > available {
                        continue;
                    }
                    reserved[p] += q;
                    next_order += 1;
                    open.push_back((next_order, p, q));
                    mix.reserve += 1;
                    Movement::reserve(
                        skus[s].as_str(),
                        locs[l].as_str(),
                        Decimal::from(q),
                        format!("ORD-{next_order}"),
                        tick(),
                    )
                }
                // Ship the oldest open order, or give it up.
                50..=71 => {
                    let Some((id, p, q)) = open.pop_front() else {
                        continue;
                    };
                    let (s, l) = (p / config.locations, p % config.locations);
                    reserved[p] -= q;
                    if roll < 68 {
                        on_hand[p] -= q;
                        mix.ship_reserved += 1;
                        Movement::ship_reserved(
                            skus[s].as_str(),
                            locs[l].as_str(),
                            Decimal::from(q),
                            format!("ORD-{id}"),
                            tick(),
                        )
                    } else {
                        mix.release += 1;
                        Movement::release(
                            skus[s].as_str(),
                            locs[l].as_str(),
                            None,
                            format!("ORD-{id}"),
                            tick(),
                        )
                    }
                }
                // Transfer to another location of the same SKU.
                72..=83 => {
                    let q = rng.range(2, 10);
                    if q > available || config.locations < 2 {
                        continue;
                    }
                    let to = (l + 1 + rng.below(config.locations as u64 - 1) as usize)
                        % config.locations;
                    on_hand[p] -= q;
                    on_hand[s * config.locations + to] += q;
                    mix.transfer += 1;
                    Movement::transfer(
                        skus[s].as_str(),
                        locs[l].as_str(),
                        locs[to].as_str(),
                        Decimal::from(q),
                        tick(),
                    )
                }
                // Receive a new layer.
                _ => {
                    let q = rng.range(5, 25);
                    on_hand[p] += q;
                    round += 1;
                    mix.receive += 1;
                    Movement::receive(
                        skus[s].as_str(),
                        locs[l].as_str(),
                        Decimal::from(q),
                        cost(&mut rng, s, round / positions as i64),
                        tick(),
                    )
                }
            };
            mixed.push(m);
        }
        Workload {
            config: config.clone(),
            setup,
            mixed,
            mix,
        }
    }
}

/// Gives every movement a unique idempotency reference (`M-<index>`), as an order system
/// that retries would send.
pub fn with_references(movements: &[Movement], prefix: &str) -> Vec<Movement> {
    movements
        .iter()
        .enumerate()
        .map(|(i, m)| m.clone().with_reference(format!("{prefix}-{i}")))
        .collect()
}
