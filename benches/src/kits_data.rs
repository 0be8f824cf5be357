//! The kits workloads: a catalogue of kits nested three deep over plain components stocked
//! at several locations; a ledger for bundle shipments; a year of orders for mining.
//!
//! ```
//! use inventory_benches::kits_data::KitsWorkload;
//!
//! let w = KitsWorkload::new(300, 1_500, 2, 7);
//! let b = w.ledger.buildable(&w.kits[0], Some(&w.locations[0]), 1).unwrap();
//! assert!(b.quantity >= inventory_core::Decimal::ZERO);
//! ```

use inventory_core::kits::{Component, KitDefinition, KitKind};
use inventory_core::{Decimal, Ledger, Movement};

use crate::{location_name, sku_name, Rng};

/// Kits over components, stocked at locations.
pub struct KitsWorkload {
    /// The ledger: components stocked at every location, the kits defined at time 0.
    pub ledger: Ledger,
    /// The kits, 70 % nesting one level (5 components), 20 % two (2 kits of the first
    /// level + 3 components), 10 % three (2 of the second + 2 components); every third
    /// kit assembled, the others virtual.
    pub kits: Vec<String>,
    /// The locations.
    pub locations: Vec<String>,
}

impl KitsWorkload {
    /// `kits` kits over `components` components at `locations` locations.
    pub fn new(kits: usize, components: usize, locations: usize, seed: u64) -> Self {
        let mut rng = Rng(seed);
        let mut ledger = Ledger::new();
        let locs: Vec<String> = (0..locations).map(location_name).collect();
        let mut moves = Vec::with_capacity(components * locations);
        for c in 0..components {
            for (i, l) in locs.iter().enumerate() {
                // Stocked at the first location at least: every component is a known SKU.
                let q = rng.range(i64::from(i == 0), 200);
                if q > 0 {
                    moves.push(Movement::receive(
                        sku_name(c),
                        l.clone(),
                        Decimal::from(q),
                        Decimal::new(rng.range(50, 5_000), 2),
                        0,
                    ));
                }
            }
        }
        ledger.post_batch(moves).expect("valid receipts");
        let (l1, l2) = (kits * 7 / 10, kits * 9 / 10);
        let mut names = Vec::with_capacity(kits);
        let comp = |rng: &mut Rng| sku_name(rng.below(components as u64) as usize);
        for k in 0..kits {
            let name = format!("KIT-{k:05}");
            let mut parts: Vec<String> = Vec::new();
            let (subs, plain) = if k < l1 {
                (0, 5)
            } else if k < l2 {
                (2, 3)
            } else {
                (2, 2)
            };
            for _ in 0..subs {
                let (lo, hi) = if k < l2 { (0, l1) } else { (l1, l2) };
                parts.push(format!(
                    "KIT-{:05}",
                    lo + rng.below((hi - lo) as u64) as usize
                ));
            }
            for _ in 0..plain {
                parts.push(comp(&mut rng));
            }
            parts.sort();
            parts.dedup();
            let components = parts
                .into_iter()
                .map(|p| Component::new(p, Decimal::from(rng.range(1, 3))))
                .collect();
            let kind = if k % 3 == 0 {
                KitKind::Assembled
            } else {
                KitKind::Virtual
            };
            ledger
                .define_kit(KitDefinition::new(name.clone(), kind, components, 0), None)
                .expect("a valid kit");
            names.push(name);
        }
        KitsWorkload {
            ledger,
            kits: names,
            locations: locs,
        }
    }
}

/// A ledger with three components in deep stock and a virtual bundle of them (1, 2 and 1
/// units), for bundle shipments against the same component shipments one by one.
pub fn bundle_ledger() -> Ledger {
    let mut l = Ledger::new();
    for s in ["A", "B", "C"] {
        l.post(Movement::receive(
            s,
            "W",
            Decimal::from(1_000_000_000),
            Decimal::ONE,
            0,
        ))
        .expect("valid receipt");
    }
    let def = KitDefinition::new(
        "BUNDLE",
        KitKind::Virtual,
        vec![
            Component::new("A", Decimal::ONE),
            Component::new("B", Decimal::TWO),
            Component::new("C", Decimal::ONE),
        ],
        0,
    );
    l.define_kit(def, None).expect("a valid bundle");
    l
}

/// A ledger with `orders` orders over a year: 1–4 of 2,000 SKUs each (a few popular pairs
/// planted), each reserved and shipped under its order id.
pub fn orders_ledger(orders: usize, seed: u64) -> Ledger {
    let mut rng = Rng(seed);
    let skus = 2_000usize;
    let mut l = Ledger::new();
    let stock: Vec<Movement> = (0..skus)
        .map(|s| Movement::receive(sku_name(s), "W", Decimal::from(10_000_000), Decimal::ONE, 0))
        .collect();
    l.post_batch(stock).expect("valid receipts");
    let mut moves = Vec::with_capacity(orders * 5);
    let year = 365 * 86_400;
    for o in 0..orders {
        let t = 1 + (o as i64 * year) / orders as i64;
        let id = format!("SO-{o:07}");
        let n = rng.range(1, 4) as usize;
        let mut items: Vec<usize> = Vec::with_capacity(n);
        // Popular SKUs (the first 50) are picked more often, and SKU 2k+1 comes with 2k
        // a third of the time: the pairs to find.
        for _ in 0..n {
            let s = if rng.below(3) == 0 {
                rng.below(50) as usize
            } else {
                rng.below(skus as u64) as usize
            };
            items.push(s);
            if s % 2 == 0 && rng.below(3) == 0 {
                items.push(s + 1);
            }
        }
        items.sort_unstable();
        items.dedup();
        for s in items {
            moves.push(Movement::reserve(
                sku_name(s),
                "W",
                Decimal::ONE,
                id.clone(),
                t,
            ));
            moves.push(Movement::ship_reserved(
                sku_name(s),
                "W",
                Decimal::ONE,
                id.clone(),
                t,
            ));
        }
    }
    l.post_batch(moves).expect("valid orders");
    l
}
