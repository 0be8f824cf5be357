//! Bundle candidates from the ledger's orders: the item pairs and triples bought together
//! (the rules are in the [module documentation](super#bundle-candidates)).

use crate::hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::{Deserialize, Serialize};

use super::BundleAction;
use crate::error::{LedgerError, Result};
use crate::time::Timestamp;
use crate::Ledger;

/// The default minimum support of [`Ledger::bundle_candidates`]: 1 % of orders.
pub const DEFAULT_MIN_SUPPORT: f64 = 0.01;

/// Items bought together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemSet {
    /// The SKUs (or bundles), sorted.
    pub items: Vec<String>,
    /// Orders that hold all of them.
    pub orders: u64,
    /// `orders` ÷ all orders.
    pub support: f64,
    /// The highest confidence of a rule "the others → one of them": support of the set ÷
    /// support of the others, over the choices of the one.
    pub confidence: f64,
    /// support ÷ the product of the items' own supports (1: bought together as often as by
    /// chance; above 1: more often).
    pub lift: f64,
}

/// What [`Ledger::bundle_candidates`] found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleCandidates {
    /// Orders in the period.
    pub orders: u64,
    /// The minimum support used.
    pub min_support: f64,
    /// Pairs, best first (by lift, then support, then items).
    pub pairs: Vec<ItemSet>,
    /// Triples, best first.
    pub triples: Vec<ItemSet>,
}

impl Ledger {
    /// The pairs and triples of items bought together in the orders shipped in
    /// `[from, to)`, with support, confidence and lift, best first (see the
    /// [module documentation](super#bundle-candidates)); `min_support` in (0, 1]
    /// ([`DEFAULT_MIN_SUPPORT`] is a sensible start).
    ///
    /// # Errors
    /// [`LedgerError::InvalidInput`] for a `min_support` outside (0, 1] or `from` after
    /// `to`.
    pub fn bundle_candidates(
        &self,
        from: Timestamp,
        to: Timestamp,
        min_support: f64,
    ) -> Result<BundleCandidates> {
        if !(min_support > 0.0 && min_support <= 1.0) {
            return Err(LedgerError::InvalidInput {
                message: format!("a minimum support must be in (0, 1], got {min_support}"),
            }
            .into());
        }
        if from > to {
            return Err(LedgerError::InvalidInput {
                message: format!("the period starts ({from}) after it ends ({to})"),
            }
            .into());
        }
        // A bundle's component shipments count as the bundle.
        let mut bundle_of: HashMap<u32, &str> = HashMap::default();
        for r in self
            .kits
            .bundles
            .iter()
            .filter(|r| r.action == BundleAction::Ship)
        {
            for j in r.first_movement..r.first_movement + r.movements {
                bundle_of.insert(j as u32, r.bundle.as_str());
            }
        }
        // Items (interned) per order.
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut names: Vec<&str> = Vec::new();
        let mut orders: HashMap<&str, Vec<u32>> = HashMap::default();
        for (j, sku, order) in self.order_shipments(from, to) {
            let item = bundle_of.get(&j).copied().unwrap_or(sku);
            let id = *ids.entry(item).or_insert_with(|| {
                names.push(item);
                names.len() as u32 - 1
            });
            orders.entry(order).or_default().push(id);
        }
        let baskets: Vec<Vec<u32>> = orders
            .into_values()
            .map(|mut v| {
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let n = baskets.len() as u64;
        // At least `min_support` of the orders, with a little slack for the binary
        // fraction (0.07 × 100 is 7.000000000000001).
        let min_count = ((min_support * n as f64 * (1.0 - 1e-12)).ceil() as u64).max(2);
        let mut single = vec![0u64; names.len()];
        for b in &baskets {
            for &i in b {
                single[i as usize] += 1;
            }
        }
        let frequent = |i: u32| single[i as usize] >= min_count;
        let mut pairs: HashMap<(u32, u32), u64> = HashMap::default();
        for b in &baskets {
            let f: Vec<u32> = b.iter().copied().filter(|&i| frequent(i)).collect();
            for (x, &a) in f.iter().enumerate() {
                for &c in &f[x + 1..] {
                    *pairs.entry((a, c)).or_default() += 1;
                }
            }
        }
        pairs.retain(|_, c| *c >= min_count);
        let frequent_pair: HashSet<(u32, u32)> = pairs.keys().copied().collect();
        let mut triples: HashMap<(u32, u32, u32), u64> = HashMap::default();
        for b in &baskets {
            let f: Vec<u32> = b.iter().copied().filter(|&i| frequent(i)).collect();
            for x in 0..f.len() {
                for y in x + 1..f.len() {
                    if !frequent_pair.contains(&(f[x], f[y])) {
                        continue;
                    }
                    for z in y + 1..f.len() {
                        if frequent_pair.contains(&(f[x], f[z]))
                            && frequent_pair.contains(&(f[y], f[z]))
                        {
                            *triples.entry((f[x], f[y], f[z])).or_default() += 1;
                        }
                    }
                }
            }
        }
        triples.retain(|_, c| *c >= min_count);
        let supp = |c: u64| c as f64 / n as f64;
        let s1 = |i: u32| supp(single[i as usize]);
        let s2 = |a: u32, b: u32| supp(pairs.get(&(a.min(b), a.max(b))).copied().unwrap_or(0));
        let set = |items: &[u32], count: u64, confidence: f64, chance: f64| {
            let mut items: Vec<String> = items
                .iter()
                .map(|&i| names[i as usize].to_owned())
                .collect();
            items.sort_unstable();
            ItemSet {
                items,
                orders: count,
                support: supp(count),
                confidence,
                lift: supp(count) / chance,
            }
        };
        let mut pair_sets: Vec<ItemSet> = pairs
            .iter()
            .map(|(&(a, b), &c)| {
                let conf = supp(c) / s1(a).min(s1(b));
                set(&[a, b], c, conf, s1(a) * s1(b))
            })
            .collect();
        let mut triple_sets: Vec<ItemSet> = triples
            .iter()
            .map(|(&(a, b, c), &k)| {
                let conf = supp(k) / s2(a, b).min(s2(a, c)).min(s2(b, c));
                set(&[a, b, c], k, conf, s1(a) * s1(b) * s1(c))
            })
            .collect();
        let rank = |x: &ItemSet, y: &ItemSet| {
            y.lift
                .total_cmp(&x.lift)
                .then(y.orders.cmp(&x.orders))
                .then(x.items.cmp(&y.items))
        };
        pair_sets.sort_by(rank);
        triple_sets.sort_by(rank);
        Ok(BundleCandidates {
            orders: n,
            min_support,
            pairs: pair_sets,
            triples: triple_sets,
        })
    }
}
