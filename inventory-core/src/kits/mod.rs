//! Kits and bundles: bills of material, versioned by time, with the rules that availability,
//! costing and demand of kits rest on.
//!
//! **Issue 15**: the definitions, their checks, and the computations on them (explosion
//! into components, buildable quantity, cost roll-up). A [`crate::Ledger`] journals
//! definitions ([`crate::Ledger::define_kit`]: idempotent by reference, in the snapshot)
//! and answers the buildable and sellable quantity (of one kit, or of many in one batch)
//! and the cost roll-up from its own positions and valuations, and assembles and
//! disassembles kits with exact costing, and sells virtual bundles as one posting.
//!
//! # Definitions
//!
//! A kit is a SKU with a bill of material ([`KitDefinition`]): components with a quantity
//! per kit (decimal quantities allowed: 0.5 m of ribbon). A component may itself be a kit,
//! to any depth. Two kinds ([`KitKind`]): an **assembled** kit is built ahead into stock of
//! its own; a **virtual** bundle has no stock and selling one moves its components.
//!
//! Refused, with a [`KitError`] naming the SKUs: a kit without components, a component
//! listed twice, a quantity ≤ 0 or beyond [`MAX_COMPONENT_QUANTITY`], a kit listing itself,
//! a component that is neither a known SKU nor a kit, and a cycle (a kit that contains
//! itself through other kits, at any time: the path is named, from the new definition's
//! kit back to it).
//!
//! **Versions.** A definition applies from its `effective` time; a new definition of the
//! same kit replaces the previous one from then on, and [`KitBook::definition_at`] gives
//! the one in force at a time. A definition may not be effective before the kit's latest
//! one (versions are appended in time order), nor, in a ledger, at or before the kit's
//! latest sale, customer return or bundle posting ([`KitError::UsedSince`]), so movements
//! already posted keep the components they used. (Redefining a sub-kit changes what a kit
//! containing it pulls from then on; its past postings keep theirs, being movements.)
//!
//! # Explosion
//!
//! [`KitBook::explode`] turns `n` kits into the components they consume at a time: each
//! component's quantity × `n`, and, through **virtual** components (which have no stock),
//! recursively their components; an **assembled** component is consumed as its own stock
//! and not exploded further (unless asked for `to_leaves`, which goes down to the SKUs that
//! are not kits: the view of demand). Equal SKUs are summed; the result is sorted by SKU.
//! Quantities are exact decimals (a product of more than 28 significant digits is
//! [`KitError::Overflow`]).
//!
//! # Buildable quantity
//!
//! [`KitBook::buildable`]: the largest whole number `n` of kits the given availability
//! can make, exactly, however the kits nest and share components. Making `n` kits needs
//! each component's quantity × `n`: an assembled component takes it from its own stock
//! first (`available(component)`, which only that component can use), and what its stock
//! does not cover is built from its components in turn; a virtual component is always
//! built; a plain SKU takes it from `available(sku)`. `n` is feasible when no plain SKU is
//! asked for more than is available, and feasibility falls as `n` grows, so the largest
//! feasible `n` is found by doubling then bisection (about 2·log2(n) walks of the kit's
//! tree). So two nested kits that share a component are not both promised its units,
//! which `min over components` alone would do. An assembled component is built in whole
//! kits (its stock counts in whole units). The **limiting** components are the plain SKUs
//! that `n + 1` kits would run short of. For an assembled kit, [`KitBook::sellable`] adds its
//! own stock to what can be built.
//!
//! # Many kits at once
//!
//! [`crate::Ledger::buildable_all`] (every kit in force at a time) and
//! [`crate::Ledger::buildable_many`] (these kits) answer at a location what
//! [`crate::Ledger::buildable`] answers for each kit, **the same answers, kit for kit**
//! (quantity, limiting SKUs, errors), in one batch; [`crate::Ledger::sellable_all`] and
//! [`crate::Ledger::sellable_many`] do the same for the sellable quantity, and
//! [`KitBook::buildable_many`] and [`KitBook::sellable_many`] for an availability of one's
//! own. A batch plans each kit once, whatever the stock: it walks the definition in force
//! as the one-walk path of the buildable quantity does (on dense ids, with the same
//! products and sums in the same order) and keeps the plain SKUs a kit needs with their
//! units per kit, and the assembled kits below it. Then it reads the availability of every
//! name any kit needs once (at one location, from each SKU's position there), and answers
//! each kit from those figures with the arithmetic of the one-walk path (in whole numbers
//! where the figures are small whole numbers, which give the same results). A kit that
//! path does not answer (an assembled kit below with stock of its own to use first, a
//! fraction of an assembled kit per kit, an overflow to report) is answered by the single
//! query.
//!
//! A ledger keeps the plan of the whole book from one batch to the next, with where the
//! names' positions are, while they hold: until a kit is defined, the definitions in force
//! change (a batch at a time across a new version's effective time), or SKUs or positions
//! are added or forgotten. So a batch of every kit after the first reads only the stock
//! (the kits benchmark's `buildable_all_kits_all_locations_batched`, against
//! `buildable_all_kits_all_locations`: one query per kit).
//!
//! # Cost roll-up
//!
//! [`KitBook::rollup`]: a kit's cost is the sum over its components of quantity × the
//! component's unit cost, where an assembled component with a known unit cost (its
//! stock's current valuation) is taken at it, and any other kit is rolled up in turn.
//! Exact decimals, not rounded (round to the money scale where it is shown);
//! [`KitBook::margin`] is price − roll-up.
//!
//! # Assembly and disassembly
//!
//! [`crate::Ledger::assemble`] builds `n` units of an **assembled** kit at a location from
//! the components its definition at that time names (exploded through virtual
//! sub-bundles; an assembled sub-kit is taken from its own stock). Every component must be
//! available (on hand less reserved) at the location, whatever the ledger's negative-stock
//! setting: an assembly cannot use units that are not there. In one transaction, each
//! component leaves through its costing method (an [`crate::MovementKind::Adjust`] with
//! reason [`crate::AdjustReason::Assembly`]: not a write-off, no COGS), and the kit's units
//! arrive (an adjustment with the same reason) at exactly the value consumed + the
//! optional extra cost (labour, packaging): its unit cost is that value ÷ `n` to 28
//! significant digits, which books the value back to the cent.
//!
//! [`crate::Ledger::disassemble`] takes `n` available kit units out through the kit's
//! costing method (value `V`) and puts its components back (reason
//! [`crate::AdjustReason::Disassembly`]). `V` is split over the components in proportion
//! to their **current cost roll-up**: units × the component's current unit cost at the
//! location (its stock's value ÷ units), else across all locations; if some component has
//! no stock anywhere to value it by, in proportion to units. In the definition's order
//! (virtual sub-bundles' components where the sub-bundle stands), each part but the last
//! is its exact share rounded down to the money scale, and the **last component takes the
//! remainder**, so the parts sum to `V` exactly and none is negative. Assembling then
//! disassembling restores every quantity and the total value exactly (a property test).
//!
//! Both carry an optional idempotency reference on the kit's movement: the same operation
//! posted again returns that movement with `duplicate` set; another operation under it is
//! [`crate::LedgerError::DuplicateReference`]. Replaying the journal reproduces them: they
//! are ordinary movements.
//!
//! # Virtual bundles
//!
//! A virtual bundle has no stock: [`crate::Ledger::reserve_bundle`],
//! [`crate::Ledger::release_bundle`], [`crate::Ledger::ship_bundle`] and
//! [`crate::Ledger::return_bundle`] post the matching movement of every component (the
//! definition at the time, exploded through virtual sub-bundles; an assembled component
//! moves as its own stock) in one transaction: all or nothing. A shipment's components
//! carry the references `"{reference}/{component}"`, so the bundle's **COGS is the sum of
//! its components'** (by their costing methods), and a return names the bundle shipment
//! (its reference): each component comes back as a customer return of its own shipment,
//! **at the cost it left with** (under the definition the shipment used, even if the
//! bundle was redefined since), never more than was shipped. Each posting is recorded
//! ([`BundleRecord`]: the bundle, action, quantity, order and the range of its movements
//! in the journal), so history stays attributable to the bundle; records are in the
//! snapshot and idempotent by reference (a shipment's reference is required). Selling an
//! assembled kit is an ordinary shipment of its own stock.
//!
//! # Demand explosion
//!
//! Two views of demand, per day or ISO week like [`crate::Ledger::demand_history`]:
//! [`crate::Ledger::bundle_demand_history`], a virtual bundle's **own** demand (bundles
//! shipped − returned, from its records); and
//! [`crate::Ledger::exploded_demand_history`], the **true pull on a component**: its own
//! net shipments (which include the components of bundles sold, since those are real
//! shipments) + every assembled kit's net shipments × the units of the component one kit
//! pulls through its definition in force at that shipment (through nested kits: an
//! assembled sub-kit is pulled itself, and pulls its components in turn). Forecast each
//! component from the exploded view, and the planner orders for what kits sold
//! ([`crate::replenish`]).
//!
//! # Bundle candidates
//!
//! [`crate::Ledger::bundle_candidates`] reads the orders of a period from the ledger's own
//! shipments: the SKUs shipped under one order (the shipment's reservation); a shipment
//! without an order is no order, and a bundle's component shipments count as the bundle
//! (so existing bundles are seen as items, not re-found). For each pair and triple of
//! items: **support** = orders holding all ÷ orders; **confidence** = the highest, over
//! the choice of one item, of support ÷ the support of the others (how often the others
//! bring it along); **lift** = support ÷ the product of the items' supports (above 1:
//! bought together more often than by chance). Only sets in at least `min_support` of the
//! orders, and in at least 2 orders, are kept (the documented default minimum is
//! [`DEFAULT_MIN_SUPPORT`], 1 %); a triple is counted only when its three pairs are
//! (Apriori). Ranked by lift, then orders, then the items' names.
//!

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

mod assembly;
mod batch;
mod bundles;
mod demand;
mod ledger;
mod mining;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_batch;

pub use assembly::KitMovementOutcome;
pub(crate) use batch::Plan;
pub use bundles::{BundleAction, BundleRecord};
pub(crate) use ledger::Kits;
pub use ledger::{KitOutcome, KitRecord};
pub use mining::{BundleCandidates, ItemSet, DEFAULT_MIN_SUPPORT};

/// The largest quantity of a component per kit (10^9).
pub const MAX_COMPONENT_QUANTITY: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// How deep kits may nest. A definition whose own tree goes deeper is refused; a chain
/// built deeper from above (a kit defined on top of a deep one) is refused where it is used
/// ([`KitError::TooDeep`] from explosion, buildable quantities, roll-ups and demand).
pub const MAX_DEPTH: usize = 64;

/// Assembled ahead into stock, or a virtual bundle with no stock of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KitKind {
    /// Built ahead into stock of its own (its own positions and cost layers).
    Assembled,
    /// No stock of its own: selling one moves its components.
    Virtual,
}

impl KitKind {
    /// `"assembled"` or `"virtual"`.
    pub fn as_str(self) -> &'static str {
        match self {
            KitKind::Assembled => "assembled",
            KitKind::Virtual => "virtual",
        }
    }
}

/// `"assembled"` or `"virtual"`.
impl std::str::FromStr for KitKind {
    type Err = KitError;
    fn from_str(s: &str) -> Result<Self, KitError> {
        match s {
            "assembled" => Ok(KitKind::Assembled),
            "virtual" => Ok(KitKind::Virtual),
            _ => Err(KitError::InvalidInput {
                message: format!("unknown kit kind {s:?} (expected assembled or virtual)"),
            }),
        }
    }
}

/// By name only (a snapshot is read strictly: no variant index).
impl<'de> Deserialize<'de> for KitKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One line of a bill of material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// The component's SKU (a plain SKU or another kit).
    pub sku: String,
    /// Units of it per kit (> 0; decimals allowed).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
}

impl Component {
    /// A component line.
    pub fn new(sku: impl Into<String>, quantity: Decimal) -> Self {
        Component {
            sku: sku.into(),
            quantity,
        }
    }
}

/// A kit's bill of material from a time on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitDefinition {
    /// The kit's SKU.
    pub kit: String,
    /// Assembled or virtual.
    pub kind: KitKind,
    /// The components, each once.
    pub components: Vec<Component>,
    /// From when it applies (seconds since the Unix epoch, UTC).
    pub effective: Timestamp,
}

impl KitDefinition {
    /// A definition.
    pub fn new(
        kit: impl Into<String>,
        kind: KitKind,
        components: Vec<Component>,
        effective: Timestamp,
    ) -> Self {
        KitDefinition {
            kit: kit.into(),
            kind,
            components,
            effective,
        }
    }
}

/// Errors of kit definitions and the computations on them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KitError {
    /// A kit without components.
    #[error("kit {kit:?} has no components")]
    NoComponents {
        /// The kit.
        kit: String,
    },
    /// A kit listing itself as a component.
    #[error("kit {kit:?} lists itself as a component")]
    SelfReference {
        /// The kit.
        kit: String,
    },
    /// A component listed twice.
    #[error("kit {kit:?} lists component {component:?} twice")]
    DuplicateComponent {
        /// The kit.
        kit: String,
        /// The component.
        component: String,
    },
    /// A quantity per kit that is not > 0 (or beyond [`MAX_COMPONENT_QUANTITY`]).
    #[error("kit {kit:?} needs {quantity} of component {component:?}: a quantity per kit must be > 0 and at most 10^9")]
    InvalidQuantity {
        /// The kit.
        kit: String,
        /// The component.
        component: String,
        /// The quantity given.
        quantity: Decimal,
    },
    /// A component that is neither a known SKU nor a kit.
    #[error("kit {kit:?} lists component {component:?}, which is neither a known SKU nor a kit")]
    UnknownComponent {
        /// The kit.
        kit: String,
        /// The component.
        component: String,
    },
    /// A kit that would contain itself.
    #[error("kit definitions would form a cycle: {}", path.join(" -> "))]
    Cycle {
        /// The kits on the cycle, from the new definition's kit back to it.
        path: Vec<String>,
    },
    /// Kits nested deeper than [`MAX_DEPTH`].
    #[error("kit {kit:?} nests kits deeper than {MAX_DEPTH} levels")]
    TooDeep {
        /// The kit.
        kit: String,
    },
    /// A definition effective before the kit's latest one.
    #[error("a definition of kit {kit:?} effective at {effective} is before its latest one, effective at {latest}")]
    OutOfOrder {
        /// The kit.
        kit: String,
        /// The new definition's time.
        effective: Timestamp,
        /// The latest definition's time.
        latest: Timestamp,
    },
    /// A definition effective at or before the kit's latest sale, return or bundle posting:
    /// it would change what those used.
    #[error("a definition of kit {kit:?} effective at {effective} would change its sales and postings up to {latest}: define it from a later time")]
    UsedSince {
        /// The kit.
        kit: String,
        /// The definition's time.
        effective: Timestamp,
        /// The kit's latest sale, return or bundle posting.
        latest: Timestamp,
    },
    /// A SKU that is not a kit (or not yet one at the time asked).
    #[error("{sku:?} is not a kit at time {time}")]
    NotAKit {
        /// The SKU.
        sku: String,
        /// The time asked.
        time: Timestamp,
    },
    /// A quantity or cost beyond the decimal range.
    #[error("arithmetic overflow while computing {context}")]
    Overflow {
        /// What was being computed.
        context: &'static str,
    },
    /// A value that is not valid (an empty name, a negative quantity of kits, ...).
    #[error("invalid input: {message}")]
    InvalidInput {
        /// What was wrong.
        message: String,
    },
}

impl KitError {
    /// The kind of this error: an unknown component or a SKU that is not a kit is
    /// [`crate::ErrorKind::UnknownSku`], a definition dated before the kit's latest
    /// [`crate::ErrorKind::OutOfOrder`], an overflow [`crate::ErrorKind::Overflow`], every
    /// other bad definition [`crate::ErrorKind::InvalidInput`].
    pub fn kind(&self) -> crate::ErrorKind {
        use crate::ErrorKind;
        match self {
            KitError::UnknownComponent { .. } | KitError::NotAKit { .. } => ErrorKind::UnknownSku,
            KitError::OutOfOrder { .. } | KitError::UsedSince { .. } => ErrorKind::OutOfOrder,
            KitError::Overflow { .. } => ErrorKind::Overflow,
            KitError::NoComponents { .. }
            | KitError::SelfReference { .. }
            | KitError::DuplicateComponent { .. }
            | KitError::InvalidQuantity { .. }
            | KitError::Cycle { .. }
            | KitError::TooDeep { .. }
            | KitError::InvalidInput { .. } => ErrorKind::InvalidInput,
        }
    }
}

type KResult<T> = std::result::Result<T, KitError>;

/// How many kits can be made, and what runs short first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buildable {
    /// The kit.
    pub kit: String,
    /// Whole kits that can be made (for [`KitBook::sellable`], plus the kit's own stock).
    pub quantity: Decimal,
    /// The plain SKUs that one more kit would run short of, sorted.
    pub limiting: Vec<String>,
}

/// Every kit's definitions, each kit's in time order.
#[derive(Debug, Clone, Default)]
pub struct KitBook {
    kits: HashMap<String, Vec<KitDefinition>>,
    /// The same definitions as dense ids, for batches (see [`batch`]).
    index: batch::Index,
}

/// Books with the same definitions are equal (the index is derived from them).
impl PartialEq for KitBook {
    fn eq(&self, other: &Self) -> bool {
        self.kits == other.kits
    }
}

impl Eq for KitBook {}

impl KitBook {
    /// An empty book.
    pub fn new() -> Self {
        KitBook::default()
    }

    /// Whether `sku` has a definition in force at `time`.
    pub fn is_kit(&self, sku: &str, time: Timestamp) -> bool {
        self.definition_at(sku, time).is_some()
    }

    /// The definition of `kit` in force at `time`: the latest effective at or before it.
    pub fn definition_at(&self, kit: &str, time: Timestamp) -> Option<&KitDefinition> {
        let versions = self.kits.get(kit)?;
        let n = versions.partition_point(|d| d.effective <= time);
        n.checked_sub(1).map(|i| &versions[i])
    }

    /// Every version of `kit`, in time order (empty for a SKU that is not a kit).
    pub fn versions(&self, kit: &str) -> &[KitDefinition] {
        self.kits.get(kit).map_or(&[], Vec::as_slice)
    }

    /// The kits, sorted.
    pub fn kits(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.kits.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// Adds a definition after checking it (see the [module documentation](self)):
    /// `known` says whether a component that is not a kit is a known SKU. Nothing changes
    /// on error.
    ///
    /// # Errors
    /// Every [`KitError`] of a definition named in the module documentation.
    pub fn define(&mut self, def: KitDefinition, known: impl Fn(&str) -> bool) -> KResult<()> {
        check_definition(&def)?;
        if let Some(latest) = self.kits.get(&def.kit).and_then(|v| v.last()) {
            if def.effective < latest.effective {
                return Err(KitError::OutOfOrder {
                    kit: def.kit,
                    effective: def.effective,
                    latest: latest.effective,
                });
            }
        }
        for c in &def.components {
            if !self.kits.contains_key(&c.sku) && !known(&c.sku) {
                return Err(KitError::UnknownComponent {
                    kit: def.kit.clone(),
                    component: c.sku.clone(),
                });
            }
        }
        // The graph changes at the new definition's time and at every later version of
        // any kit: check it at each of those times.
        let mut times: Vec<Timestamp> = self
            .kits
            .values()
            .flatten()
            .map(|d| d.effective)
            .filter(|&t| t > def.effective)
            .collect();
        times.push(def.effective);
        times.sort_unstable();
        times.dedup();
        let kit = def.kit.clone();
        let versions = self.kits.entry(kit.clone()).or_default();
        versions.push(def);
        let checked = times.iter().try_for_each(|&t| self.find_cycle(&kit, t));
        if let Err(e) = checked {
            let versions = self.kits.get_mut(&kit).expect("just added");
            versions.pop();
            if versions.is_empty() {
                self.kits.remove(&kit);
            }
            return Err(e);
        }
        if let Some(def) = self.kits.get(&kit).and_then(|v| v.last()) {
            self.index.add(def);
        }
        Ok(())
    }

    /// A cycle through `kit` at `time`, as an error naming its path.
    fn find_cycle(&self, kit: &str, time: Timestamp) -> KResult<()> {
        // Depth-first from `kit`, with the path on a stack.
        fn walk<'a>(
            book: &'a KitBook,
            sku: &'a str,
            time: Timestamp,
            path: &mut Vec<&'a str>,
            done: &mut Vec<&'a str>,
        ) -> KResult<()> {
            if let Some(start) = path.iter().position(|s| *s == sku) {
                let mut cycle: Vec<String> = path[start..].iter().map(|s| s.to_string()).collect();
                cycle.push(sku.to_owned());
                return Err(KitError::Cycle { path: cycle });
            }
            if done.contains(&sku) {
                return Ok(());
            }
            let Some(def) = book.definition_at(sku, time) else {
                return Ok(());
            };
            if path.len() >= MAX_DEPTH {
                return Err(KitError::TooDeep {
                    kit: path[0].to_owned(),
                });
            }
            path.push(sku);
            for c in &def.components {
                walk(book, &c.sku, time, path, done)?;
            }
            path.pop();
            done.push(sku);
            Ok(())
        }
        walk(self, kit, time, &mut Vec::new(), &mut Vec::new())
    }

    /// The components `n` kits consume at `time`, summed by SKU and sorted: through
    /// virtual components down to what has stock (assembled kits and plain SKUs), or with
    /// `to_leaves` down to plain SKUs (see the [module documentation](self#explosion)).
    ///
    /// # Errors
    /// [`KitError::NotAKit`], [`KitError::InvalidInput`] for `n` < 0,
    /// [`KitError::Overflow`].
    pub fn explode(
        &self,
        kit: &str,
        n: Decimal,
        time: Timestamp,
        to_leaves: bool,
    ) -> KResult<Vec<(String, Decimal)>> {
        if n.is_sign_negative() && !n.is_zero() {
            return Err(KitError::InvalidInput {
                message: format!("a quantity of kits must be ≥ 0, got {n}"),
            });
        }
        let mut out = self.explode_in_order(kit, n, time, to_leaves)?;
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    /// [`KitBook::explode`] in the order of the definitions (each SKU where it first
    /// appears, depth first): the order assembly and disassembly post in.
    pub(crate) fn explode_in_order(
        &self,
        kit: &str,
        n: Decimal,
        time: Timestamp,
        to_leaves: bool,
    ) -> KResult<Vec<(String, Decimal)>> {
        let def = self
            .definition_at(kit, time)
            .ok_or_else(|| KitError::NotAKit {
                sku: kit.to_owned(),
                time,
            })?;
        let mut out: Vec<(String, Decimal)> = Vec::new();
        self.explode_into(def, n, time, to_leaves, &mut out, 0)?;
        Ok(out)
    }

    fn explode_into(
        &self,
        def: &KitDefinition,
        n: Decimal,
        time: Timestamp,
        to_leaves: bool,
        out: &mut Vec<(String, Decimal)>,
        depth: usize,
    ) -> KResult<()> {
        if depth >= MAX_DEPTH {
            return Err(KitError::TooDeep {
                kit: def.kit.clone(),
            });
        }
        for c in &def.components {
            let q = c.quantity.checked_mul(n).ok_or(KitError::Overflow {
                context: "a component's quantity",
            })?;
            match self.definition_at(&c.sku, time) {
                Some(sub) if to_leaves || sub.kind == KitKind::Virtual => {
                    self.explode_into(sub, q, time, to_leaves, out, depth + 1)?;
                }
                _ => {
                    let i = match out.iter().position(|(s, _)| *s == c.sku) {
                        Some(i) => i,
                        None => {
                            out.push((c.sku.clone(), Decimal::ZERO));
                            out.len() - 1
                        }
                    };
                    out[i].1 = out[i].1.checked_add(q).ok_or(KitError::Overflow {
                        context: "a component's quantity",
                    })?;
                }
            }
        }
        Ok(())
    }

    /// Whether `n` kits can be made from `available` at `time`, and the SKUs short.
    fn shortfalls(
        &self,
        def: &KitDefinition,
        n: Decimal,
        time: Timestamp,
        available: &dyn Fn(&str) -> Decimal,
    ) -> KResult<Vec<String>> {
        // Needs of plain SKUs and of assembled kits' stock, walking the kits top-down: an
        // assembled component uses its stock first, then builds the rest.
        let mut needs: BTreeMap<String, Decimal> = BTreeMap::new();
        let mut stock_used: BTreeMap<String, Decimal> = BTreeMap::new();
        self.need(def, n, time, available, &mut needs, &mut stock_used, 0)?;
        let mut short: Vec<String> = needs
            .into_iter()
            .filter(|(sku, q)| *q > available(sku).max(Decimal::ZERO))
            .map(|(sku, _)| sku)
            .collect();
        short.sort_unstable();
        Ok(short)
    }

    #[allow(clippy::too_many_arguments)]
    fn need(
        &self,
        def: &KitDefinition,
        n: Decimal,
        time: Timestamp,
        available: &dyn Fn(&str) -> Decimal,
        needs: &mut BTreeMap<String, Decimal>,
        stock_used: &mut BTreeMap<String, Decimal>,
        depth: usize,
    ) -> KResult<()> {
        if depth >= MAX_DEPTH {
            return Err(KitError::TooDeep {
                kit: def.kit.clone(),
            });
        }
        let overflow = || KitError::Overflow {
            context: "the components of a buildable quantity",
        };
        for c in &def.components {
            let mut q = c.quantity.checked_mul(n).ok_or_else(overflow)?;
            match self.definition_at(&c.sku, time) {
                Some(sub) => {
                    if sub.kind == KitKind::Assembled {
                        // Its own stock first (only this kit can use it), in whole kits.
                        let used = stock_used.entry(c.sku.clone()).or_insert(Decimal::ZERO);
                        let left = (available(&c.sku).max(Decimal::ZERO) - *used)
                            .max(Decimal::ZERO)
                            .floor();
                        let take = left.min(q);
                        *used += take;
                        q -= take;
                    }
                    if q > Decimal::ZERO {
                        // Kits are made whole: a fraction of one is a whole one to build.
                        let build = if sub.kind == KitKind::Assembled {
                            q.ceil()
                        } else {
                            q
                        };
                        self.need(sub, build, time, available, needs, stock_used, depth + 1)?;
                    }
                }
                None => {
                    let slot = needs.entry(c.sku.clone()).or_insert(Decimal::ZERO);
                    *slot = slot.checked_add(q).ok_or_else(overflow)?;
                }
            }
        }
        Ok(())
    }

    /// The whole kits the availability can build at `time` (see the
    /// [module documentation](self#buildable-quantity)); `available` gives the units of a
    /// SKU (or of an assembled kit's stock) free to use.
    ///
    /// # Errors
    /// [`KitError::NotAKit`], [`KitError::Overflow`].
    pub fn buildable(
        &self,
        kit: &str,
        time: Timestamp,
        available: impl Fn(&str) -> Decimal,
    ) -> KResult<Buildable> {
        let def = self
            .definition_at(kit, time)
            .ok_or_else(|| KitError::NotAKit {
                sku: kit.to_owned(),
                time,
            })?;
        if let Some(b) = self.buildable_linear(def, time, &available)? {
            return Ok(b);
        }
        let feasible = |n: Decimal| -> KResult<bool> {
            Ok(self.shortfalls(def, n, time, &available)?.is_empty())
        };
        // Doubling, then bisection on whole numbers: feasibility falls as n grows.
        let mut lo = Decimal::ZERO; // feasible
        let mut hi = Decimal::ONE;
        while feasible(hi)? {
            lo = hi;
            hi = match hi.checked_mul(Decimal::TWO) {
                Some(h) if h <= MAX_KITS => h,
                _ if feasible(MAX_KITS)? => {
                    // MAX_KITS or more: report that many (no stock is that large).
                    return Ok(Buildable {
                        kit: kit.to_owned(),
                        quantity: MAX_KITS,
                        limiting: Vec::new(),
                    });
                }
                _ => {
                    // Between lo and MAX_KITS: bisect there.
                    hi = MAX_KITS;
                    break;
                }
            };
        }
        while hi - lo > Decimal::ONE {
            let mid = ((lo + hi) / Decimal::TWO).floor();
            if feasible(mid)? {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let limiting = self.shortfalls(def, lo + Decimal::ONE, time, &available)?;
        Ok(Buildable {
            kit: kit.to_owned(),
            quantity: lo,
            limiting,
        })
    }

    /// The buildable quantity in one walk when the needs are linear in the number of kits:
    /// no assembled kit below has stock to use first, and every assembled kit below is
    /// needed in whole units per kit (so none is rounded up). Then `n` kits need `n` × each
    /// plain SKU's units per kit, and `n` = the least `⌊available ÷ units per kit⌋`.
    /// `None` when the needs are not linear (the bisection answers then).
    fn buildable_linear(
        &self,
        def: &KitDefinition,
        time: Timestamp,
        available: &dyn Fn(&str) -> Decimal,
    ) -> KResult<Option<Buildable>> {
        fn walk<'a>(
            book: &'a KitBook,
            def: &'a KitDefinition,
            per: Decimal,
            time: Timestamp,
            available: &dyn Fn(&str) -> Decimal,
            leaves: &mut Vec<(&'a str, Decimal)>,
            depth: usize,
        ) -> KResult<bool> {
            if depth > MAX_DEPTH {
                return Ok(false);
            }
            for c in &def.components {
                let q = c.quantity.checked_mul(per).ok_or(KitError::Overflow {
                    context: "the components of a buildable quantity",
                })?;
                match book.definition_at(&c.sku, time) {
                    Some(sub) => {
                        if sub.kind == KitKind::Assembled
                            && (q.fract() != Decimal::ZERO || available(&c.sku) > Decimal::ZERO)
                        {
                            return Ok(false);
                        }
                        if !walk(book, sub, q, time, available, leaves, depth + 1)? {
                            return Ok(false);
                        }
                    }
                    None => match leaves.iter_mut().find(|(s, _)| *s == c.sku) {
                        Some(l) => {
                            l.1 = l.1.checked_add(q).ok_or(KitError::Overflow {
                                context: "the components of a buildable quantity",
                            })?;
                        }
                        None => leaves.push((c.sku.as_str(), q)),
                    },
                }
            }
            Ok(true)
        }
        let mut leaves: Vec<(&str, Decimal)> = Vec::new();
        if !walk(self, def, Decimal::ONE, time, available, &mut leaves, 0)? {
            return Ok(None);
        }
        let free: Vec<Decimal> = leaves
            .iter()
            .map(|(s, _)| available(s).max(Decimal::ZERO))
            .collect();
        let mut n = MAX_KITS;
        for ((_, per), have) in leaves.iter().zip(&free) {
            n = n.min(batch::linear_limit(*have, *per));
        }
        let next = n + Decimal::ONE;
        let mut limiting: Vec<String> = leaves
            .iter()
            .zip(&free)
            .filter(|((_, per), have)| batch::is_limiting(**have, *per, next))
            .map(|((s, _), _)| (*s).to_owned())
            .collect();
        limiting.sort_unstable();
        if n == MAX_KITS {
            limiting.clear();
        }
        Ok(Some(Buildable {
            kit: def.kit.clone(),
            quantity: n,
            limiting,
        }))
    }

    /// What can be sold of `kit` at `time`: for an assembled kit, its own stock
    /// (`available(kit)`, whole units) + what can be built; for a virtual bundle, what
    /// can be built.
    ///
    /// # Errors
    /// As [`KitBook::buildable`].
    pub fn sellable(
        &self,
        kit: &str,
        time: Timestamp,
        available: impl Fn(&str) -> Decimal,
    ) -> KResult<Buildable> {
        let mut b = self.buildable(kit, time, &available)?;
        if self.definition_at(kit, time).map(|d| d.kind) == Some(KitKind::Assembled) {
            let own = available(kit).max(Decimal::ZERO).floor();
            b.quantity = b.quantity.checked_add(own).ok_or(KitError::Overflow {
                context: "a sellable quantity",
            })?;
        }
        Ok(b)
    }

    /// The cost of one kit at `time` from its components' unit costs (see the
    /// [module documentation](self#cost-roll-up)); `unit_cost` gives a plain SKU's (or an
    /// assembled kit's stock's) current unit cost, `None` when unknown.
    ///
    /// # Errors
    /// [`KitError::NotAKit`]; [`KitError::InvalidInput`] naming a plain component
    /// without a unit cost; [`KitError::Overflow`].
    pub fn rollup(
        &self,
        kit: &str,
        time: Timestamp,
        unit_cost: impl Fn(&str) -> Option<Decimal>,
    ) -> KResult<Decimal> {
        let def = self
            .definition_at(kit, time)
            .ok_or_else(|| KitError::NotAKit {
                sku: kit.to_owned(),
                time,
            })?;
        self.rollup_def(def, time, &unit_cost, 0)
    }

    fn rollup_def(
        &self,
        def: &KitDefinition,
        time: Timestamp,
        unit_cost: &dyn Fn(&str) -> Option<Decimal>,
        depth: usize,
    ) -> KResult<Decimal> {
        if depth >= MAX_DEPTH {
            return Err(KitError::TooDeep {
                kit: def.kit.clone(),
            });
        }
        let overflow = || KitError::Overflow {
            context: "a cost roll-up",
        };
        let mut total = Decimal::ZERO;
        for c in &def.components {
            let sub = self.definition_at(&c.sku, time);
            let cost = match (sub, unit_cost(&c.sku)) {
                (Some(s), None)
                | (
                    Some(
                        s @ KitDefinition {
                            kind: KitKind::Virtual,
                            ..
                        },
                    ),
                    _,
                ) => self.rollup_def(s, time, unit_cost, depth + 1)?,
                (_, Some(cost)) => cost,
                (None, None) => {
                    return Err(KitError::InvalidInput {
                        message: format!(
                            "component {:?} of kit {:?} has no unit cost",
                            c.sku, def.kit
                        ),
                    })
                }
            };
            let line = c.quantity.checked_mul(cost).ok_or_else(overflow)?;
            total = total.checked_add(line).ok_or_else(overflow)?;
        }
        Ok(total)
    }

    /// `price` − the roll-up of `kit` at `time`.
    ///
    /// # Errors
    /// As [`KitBook::rollup`].
    pub fn margin(
        &self,
        kit: &str,
        time: Timestamp,
        price: Decimal,
        unit_cost: impl Fn(&str) -> Option<Decimal>,
    ) -> KResult<Decimal> {
        let cost = self.rollup(kit, time, unit_cost)?;
        price.checked_sub(cost).ok_or(KitError::Overflow {
            context: "a margin",
        })
    }
}

/// The most kits [`KitBook::buildable`] reports (10^15).
pub const MAX_KITS: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// The checks of one definition on its own.
fn check_definition(def: &KitDefinition) -> KResult<()> {
    if def.kit.is_empty() {
        return Err(KitError::InvalidInput {
            message: "a kit's SKU is empty".into(),
        });
    }
    if def.components.is_empty() {
        return Err(KitError::NoComponents {
            kit: def.kit.clone(),
        });
    }
    for (i, c) in def.components.iter().enumerate() {
        if c.sku.is_empty() {
            return Err(KitError::InvalidInput {
                message: format!("kit {:?} has a component with an empty SKU", def.kit),
            });
        }
        if c.sku == def.kit {
            return Err(KitError::SelfReference {
                kit: def.kit.clone(),
            });
        }
        if c.quantity <= Decimal::ZERO || c.quantity > MAX_COMPONENT_QUANTITY {
            return Err(KitError::InvalidQuantity {
                kit: def.kit.clone(),
                component: c.sku.clone(),
                quantity: c.quantity,
            });
        }
        if def.components[..i].iter().any(|x| x.sku == c.sku) {
            return Err(KitError::DuplicateComponent {
                kit: def.kit.clone(),
                component: c.sku.clone(),
            });
        }
    }
    Ok(())
}
