//! Buildable and sellable quantities of many kits at once (see the
//! [module documentation](crate::kits#many-kits-at-once)).
//!
//! The book keeps its definitions a second time as dense ids ([`Index`], maintained by
//! [`KitBook::define`]): every name a definition mentions has an id, and each kit's
//! versions list their components as (id, quantity). A batch ([`Plan`]) walks each kit's
//! definition in force once, on ids, **exactly as the one-walk path of
//! [`KitBook::buildable`] walks it** (the same products in the same order, the same sums
//! of a SKU reached twice), and keeps what the walk found independent of the stock: the
//! plain SKUs with their units per kit, and the assembled kits below (whose stock makes
//! the needs non-linear). The availability of every name any kit needs is then read once
//! (an array, not a lookup per component per kit), and each kit is answered from it with
//! the arithmetic of the one-walk path. A kit that path does not answer (an assembled kit
//! below with stock, or a fraction of one per kit, or an overflow or a chain too deep to
//! report) is handed to [`KitBook::buildable`] itself, so every answer (and every error)
//! is the single query's.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{Buildable, KResult, KitBook, KitDefinition, KitError, KitKind, MAX_DEPTH, MAX_KITS};
use crate::hash::FxHashMap;
use crate::time::Timestamp;

/// No id (or no slot).
const NONE: u32 = u32::MAX;

/// Up to this many kits, a batch asks the single query for each: planning costs about as
/// much as 30 of them, in arrays as long as the book has names.
pub(crate) const FEW_KITS: usize = 16;

/// A kit's version as ids.
#[derive(Debug, Clone, Copy)]
struct Version {
    effective: Timestamp,
    kind: KitKind,
    /// The kit's previous version ([`NONE`] for its first).
    previous: u32,
    /// Its components: a range of [`Index::components`].
    first: u32,
    len: u32,
}

/// The book's definitions as dense ids (derived from them: not compared, not saved), in
/// flat arrays so that a batch walks them without chasing a pointer per kit.
#[derive(Clone, Default)]
pub(super) struct Index {
    /// Every name a definition mentions (kits and components) → its id.
    ids: FxHashMap<String, u32>,
    /// The names, end to end.
    text: String,
    /// By id: the name's range in `text`.
    names: Vec<(u32, u32)>,
    /// By id: the kit's latest version in [`Index::versions`] ([`NONE`]: not a kit).
    latest: Vec<u32>,
    /// Every version, in the order they were defined.
    versions: Vec<Version>,
    /// (the component's id, units per kit) of every version, in the definitions' order.
    components: Vec<(u32, Decimal)>,
    /// The kits' ids, sorted by name.
    sorted: Vec<u32>,
    /// Every version's effective time, sorted ([`Index::interval`]).
    effective: Vec<Timestamp>,
    /// A number no other state of any index has had (0: empty): a [`Plan`] made from this
    /// state holds while the stamp is the same.
    stamp: u64,
}

/// Its size (not its contents: they are the book's definitions again).
impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("names", &self.names.len())
            .field("versions", &self.versions.len())
            .field("stamp", &self.stamp)
            .finish()
    }
}

/// The source of [`Index::stamp`]s.
static STAMPS: AtomicU64 = AtomicU64::new(1);

impl Index {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_owned(), id);
        let start = self.text.len() as u32;
        self.text.push_str(name);
        self.names.push((start, self.text.len() as u32));
        self.latest.push(NONE);
        id
    }

    /// Adds a definition the book has just accepted (the latest version of its kit).
    pub(super) fn add(&mut self, def: &KitDefinition) {
        let kit = self.intern(&def.kit);
        let first = self.components.len() as u32;
        for c in &def.components {
            let id = self.intern(&c.sku);
            self.components.push((id, c.quantity));
        }
        let previous = self.latest[kit as usize];
        if previous == NONE {
            let at = self
                .sorted
                .partition_point(|&k| self.name(k) < def.kit.as_str());
            self.sorted.insert(at, kit);
        }
        let at = self.effective.partition_point(|&t| t <= def.effective);
        self.effective.insert(at, def.effective);
        self.stamp = STAMPS.fetch_add(1, Ordering::Relaxed);
        self.latest[kit as usize] = self.versions.len() as u32;
        self.versions.push(Version {
            effective: def.effective,
            kind: def.kind,
            previous,
            first,
            len: def.components.len() as u32,
        });
    }

    /// The version of kit `id` in force at `time` (versions are in time order).
    fn at(&self, id: u32, time: Timestamp) -> Option<&Version> {
        let mut v = self.latest[id as usize];
        while v != NONE {
            let version = &self.versions[v as usize];
            if version.effective <= time {
                return Some(version);
            }
            v = version.previous;
        }
        None
    }

    /// The name of `id`.
    fn name(&self, id: u32) -> &str {
        let (start, end) = self.names[id as usize];
        &self.text[start as usize..end as usize]
    }

    /// How many versions are effective at or before `time`: the same number at two times
    /// means the same definitions are in force at both.
    fn interval(&self, time: Timestamp) -> usize {
        self.effective.partition_point(|&t| t <= time)
    }

    /// The components of a version.
    fn components(&self, v: &Version) -> &[(u32, Decimal)] {
        &self.components[v.first as usize..(v.first + v.len) as usize]
    }
}

/// How one kit of a batch is answered.
#[derive(Debug, Clone)]
enum Step {
    /// Linear needs: `leaves` (plain SKUs and their units per kit) in [`Plan::leaves`], and
    /// the assembled kits below in [`Plan::assembled`] (with stock, the kit is answered by
    /// the single query); `own`, the slot of an assembled kit's own stock (for a sellable
    /// quantity; [`NONE`] for a virtual bundle).
    Linear {
        kit: u32,
        leaves: Range<u32>,
        assembled: Range<u32>,
        own: u32,
    },
    /// Answered by the single query.
    Single(u32),
}

/// A batch of buildable and sellable quantities planned at a time: what each of its kits
/// needs, whatever the stock. It holds for every time at which the same definitions are
/// in force ([`KitBook::plan_holds`]); its [`Plan::needed`] names' availabilities answer
/// it ([`Plan::answer`]).
#[derive(Debug)]
pub(crate) struct Plan {
    /// The [`Index::stamp`] and [`Index::interval`] it was planned at.
    stamp: u64,
    interval: usize,
    /// One step per kit planned.
    steps: Vec<Step>,
    /// By id: the kit's step, or [`NONE`].
    step_of: Vec<u32>,
    /// (slot in `needed`, units per kit as a small whole number, or [`NONE`] when it is
    /// not one: see [`small_int`]) of the kits' plain SKUs: what answering reads, kept
    /// small.
    leaves: Vec<(u32, u32)>,
    /// The units per kit of each of `leaves`, in decimals.
    per: Vec<Decimal>,
    /// Slots in `needed` of the assembled kits below.
    assembled: Vec<u32>,
    /// The ids whose availability is read, by slot.
    needed: Vec<u32>,
    /// The names of the steps' kits, then of `needed`, end to end in that order (so that
    /// answering copies them from one block, mostly in order).
    text: String,
    /// By step: its kit's name in `text`; then by slot: its name.
    spans: Vec<(u32, u32)>,
}

/// The state of planning one batch.
struct Planner<'a> {
    index: &'a Index,
    time: Timestamp,
    /// By id: its slot in `needed`, or [`NONE`].
    slot: Vec<u32>,
    /// By id: the position of a plain SKU in the current kit's leaves, or [`NONE`].
    pos: Vec<u32>,
    needed: Vec<u32>,
    leaves: Vec<(u32, Decimal)>,
    /// The ids of the current kit's leaves (to reset `pos`).
    touched: Vec<u32>,
    assembled: Vec<u32>,
}

impl Planner<'_> {
    fn slot(&mut self, id: u32) -> u32 {
        let s = &mut self.slot[id as usize];
        if *s == NONE {
            *s = self.needed.len() as u32;
            self.needed.push(id);
        }
        *s
    }

    /// The walk of the one-walk path ([`KitBook::buildable`]'s `buildable_linear`) without
    /// the stock: `None` where it would stop (a fraction of an assembled kit per kit, a
    /// chain too deep) or fail (an overflow). Leaves are summed in the walk's order.
    fn walk(&mut self, v: &Version, per: Decimal, first: usize, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let index = self.index;
        for &(c, quantity) in index.components(v) {
            let q = quantity.checked_mul(per)?;
            match index.at(c, self.time) {
                Some(sub) => {
                    if sub.kind == KitKind::Assembled {
                        if q.fract() != Decimal::ZERO {
                            return None;
                        }
                        let s = self.slot(c);
                        self.assembled.push(s);
                    }
                    self.walk(sub, q, first, depth + 1)?;
                }
                None => match self.pos[c as usize] {
                    NONE => {
                        self.pos[c as usize] = (self.leaves.len() - first) as u32;
                        self.touched.push(c);
                        let s = self.slot(c);
                        self.leaves.push((s, q));
                    }
                    p => {
                        let l = &mut self.leaves[first + p as usize].1;
                        *l = l.checked_add(q)?;
                    }
                },
            }
        }
        Some(())
    }

    /// The step of kit `id`, whose version in force is `v`.
    fn step(&mut self, id: u32, v: &Version) -> Step {
        let (first, first_assembled) = (self.leaves.len(), self.assembled.len());
        let linear = self.walk(v, Decimal::ONE, first, 0);
        for &c in &self.touched {
            self.pos[c as usize] = NONE;
        }
        self.touched.clear();
        if linear.is_none() {
            self.leaves.truncate(first);
            self.assembled.truncate(first_assembled);
            return Step::Single(id);
        }
        let own = if v.kind == KitKind::Assembled {
            self.slot(id)
        } else {
            NONE
        };
        Step::Linear {
            kit: id,
            leaves: first as u32..self.leaves.len() as u32,
            assembled: first_assembled as u32..self.assembled.len() as u32,
            own,
        }
    }
}

impl KitBook {
    /// The kits with a definition in force at `time`, sorted.
    pub fn kits_at(&self, time: Timestamp) -> Vec<&str> {
        let ix = &self.index;
        ix.sorted
            .iter()
            .filter(|&&k| ix.at(k, time).is_some())
            .map(|&k| ix.name(k))
            .collect()
    }

    /// How many kits the book holds (at any time).
    pub(crate) fn kit_count(&self) -> usize {
        self.index.sorted.len()
    }

    /// Plans `kits` at `time` (`None`: every kit with a definition in force then); a name
    /// that is not a kit then is left out (see [`Plan::answer`]).
    pub(crate) fn plan(&self, kits: Option<&[&str]>, time: Timestamp) -> Plan {
        let ix = &self.index;
        let n = ix.names.len();
        let mut p = Planner {
            index: ix,
            time,
            slot: vec![NONE; n],
            pos: vec![NONE; n],
            needed: Vec::new(),
            leaves: Vec::new(),
            touched: Vec::new(),
            assembled: Vec::new(),
        };
        let mut steps = Vec::new();
        let mut step_of = vec![NONE; n];
        let mut add = |k: u32| {
            if step_of[k as usize] == NONE {
                if let Some(v) = ix.at(k, time) {
                    step_of[k as usize] = steps.len() as u32;
                    steps.push(p.step(k, v));
                }
            }
        };
        match kits {
            None => ix.sorted.iter().for_each(|&k| add(k)),
            Some(kits) => kits
                .iter()
                .filter_map(|kit| ix.ids.get(*kit))
                .for_each(|&k| add(k)),
        }
        let mut text = String::new();
        let mut spans = Vec::with_capacity(steps.len() + p.needed.len());
        let kits = steps.iter().map(|s| match *s {
            Step::Linear { kit, .. } | Step::Single(kit) => kit,
        });
        for id in kits.chain(p.needed.iter().copied()) {
            let start = text.len() as u32;
            text.push_str(ix.name(id));
            spans.push((start, text.len() as u32));
        }
        Plan {
            text,
            spans,
            stamp: ix.stamp,
            interval: ix.interval(time),
            steps,
            step_of,
            leaves: (p.leaves.iter())
                .map(|&(s, per)| (s, small_int(per, 1, MAX_PER).map_or(NONE, |p| p as u32)))
                .collect(),
            per: p.leaves.into_iter().map(|(_, per)| per).collect(),
            assembled: p.assembled,
            needed: p.needed,
        }
    }

    /// Whether `plan` answers queries at `time`: the book has not changed since, and the
    /// same definitions are in force.
    pub(crate) fn plan_holds(&self, plan: &Plan, time: Timestamp) -> bool {
        plan.stamp == self.index.stamp && plan.interval == self.index.interval(time)
    }

    /// [`KitBook::buildable`] of each of `kits`, in their order, reading `available` once
    /// for each SKU (and assembled kit) any of them needs: the same answers, faster (see
    /// the [module documentation](crate::kits#many-kits-at-once)).
    ///
    /// # Errors
    /// The first error of the kits in their order: [`KitError::NotAKit`],
    /// [`KitError::Overflow`], [`KitError::TooDeep`].
    pub fn buildable_many<S: AsRef<str>>(
        &self,
        kits: &[S],
        time: Timestamp,
        available: impl Fn(&str) -> Decimal,
    ) -> KResult<Vec<Buildable>> {
        self.many(kits, time, false, &available)
    }

    /// [`KitBook::sellable`] of each of `kits`, as [`KitBook::buildable_many`].
    ///
    /// # Errors
    /// As [`KitBook::buildable_many`].
    pub fn sellable_many<S: AsRef<str>>(
        &self,
        kits: &[S],
        time: Timestamp,
        available: impl Fn(&str) -> Decimal,
    ) -> KResult<Vec<Buildable>> {
        self.many(kits, time, true, &available)
    }

    fn many<S: AsRef<str>>(
        &self,
        kits: &[S],
        time: Timestamp,
        sellable: bool,
        available: &dyn Fn(&str) -> Decimal,
    ) -> KResult<Vec<Buildable>> {
        let kits: Vec<&str> = kits.iter().map(AsRef::as_ref).collect();
        if kits.len() <= FEW_KITS {
            return (kits.iter())
                .map(|kit| {
                    if sellable {
                        self.sellable(kit, time, available)
                    } else {
                        self.buildable(kit, time, available)
                    }
                })
                .collect();
        }
        let plan = self.plan(Some(&kits), time);
        let free: Vec<Decimal> = plan.needed().map(available).collect();
        plan.answer(self, Some(&kits), time, sellable, &free, available)
    }
}

impl Plan {
    /// The names whose availability answers the plan, in slot order.
    pub(crate) fn needed(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        self.spans[self.steps.len()..]
            .iter()
            .map(|&(start, end)| &self.text[start as usize..end as usize])
    }

    /// The buildable (or with `sellable`, sellable) quantities of `kits` (`None`: every kit
    /// planned, in the plan's order) at `time`, in their order: `free[i]` is the
    /// availability of the `i`-th [`Plan::needed`] name, which must be what `available`
    /// gives for it (`available` answers the kits the single query answers). The plan must
    /// hold at `time` ([`KitBook::plan_holds`]) and have planned `kits`.
    ///
    /// # Errors
    /// The first kit's error, as the single queries in turn.
    pub(crate) fn answer(
        &self,
        book: &KitBook,
        kits: Option<&[&str]>,
        time: Timestamp,
        sellable: bool,
        free: &[Decimal],
        available: &dyn Fn(&str) -> Decimal,
    ) -> KResult<Vec<Buildable>> {
        debug_assert_eq!(free.len(), self.needed.len());
        let index = &book.index;
        let text = |i: usize| {
            let (start, end) = self.spans[i];
            &self.text[start as usize..end as usize]
        };
        let steps = self.steps.len();
        // What each name has (not below zero) as a small whole number, where it is one.
        let have_int: Vec<u64> = (free.iter())
            .map(|&f| {
                if f.is_sign_negative() {
                    0
                } else {
                    small_int(f, 0, MAX_HAVE).unwrap_or(u64::MAX)
                }
            })
            .collect();
        let answer = |(i, step): (usize, &Step)| -> KResult<Buildable> {
            let single = |kit: &str| {
                if sellable {
                    book.sellable(kit, time, available)
                } else {
                    book.buildable(kit, time, available)
                }
            };
            let kit = text(i);
            let (leaves, assembled, own) = match step {
                Step::Single(_) => return single(kit),
                Step::Linear {
                    leaves,
                    assembled,
                    own,
                    ..
                } => (leaves, assembled, *own),
            };
            let assembled = &self.assembled[assembled.start as usize..assembled.end as usize];
            let stocked = |s: u32| match have_int[s as usize] {
                0 => false,
                u64::MAX => free[s as usize] > Decimal::ZERO,
                _ => true,
            };
            if assembled.iter().any(|&s| stocked(s)) {
                // The stock of an assembled kit below: not linear.
                return single(kit);
            }
            let range = leaves.start as usize..leaves.end as usize;
            let (leaves, per) = (&self.leaves[range.clone()], &self.per[range]);
            let name = |slot: u32| text(steps + slot as usize).to_owned();
            let have = |s: u32| free[s as usize].max(Decimal::ZERO);
            // The least whole number of kits any leaf allows, in whole numbers where both
            // figures are small ones (see `small_int`), else in decimals.
            let mut n_int = MAX_KITS_INT;
            let mut n_dec = None;
            for (&(s, p), &per) in leaves.iter().zip(per) {
                let h = have_int[s as usize];
                if p != NONE && h != u64::MAX {
                    n_int = n_int.min(h / u64::from(p));
                } else {
                    let n = linear_limit(have(s), per);
                    n_dec = Some(n_dec.map_or(n, |d: Decimal| d.min(n)));
                }
            }
            let (n, mut limiting) = match n_dec {
                // Whole numbers only.
                None if n_int == MAX_KITS_INT => (MAX_KITS, Vec::new()),
                None => {
                    let next = u128::from(n_int + 1);
                    let limiting: Vec<String> = (leaves.iter())
                        .filter(|&&(s, p)| u128::from(p) * next > u128::from(have_int[s as usize]))
                        .map(|&(s, _)| name(s))
                        .collect();
                    (Decimal::from(n_int), limiting)
                }
                Some(n_dec) => {
                    let n = n_dec.min(Decimal::from(n_int));
                    if n == MAX_KITS {
                        (n, Vec::new())
                    } else {
                        let next = n + Decimal::ONE;
                        let next_int = n.to_u64().map_or(u64::MAX, |n| n + 1);
                        let limiting: Vec<String> = (leaves.iter().zip(per))
                            .filter(|&(&(s, p), &per)| {
                                let h = have_int[s as usize];
                                if p != NONE && h != u64::MAX {
                                    u128::from(p) * u128::from(next_int) > u128::from(h)
                                } else {
                                    is_limiting(have(s), per, next)
                                }
                            })
                            .map(|(&(s, _), _)| name(s))
                            .collect();
                        (n, limiting)
                    }
                }
            };
            limiting.sort_unstable();
            let mut quantity = n;
            if sellable && own != NONE {
                let own = free[own as usize].max(Decimal::ZERO).floor();
                quantity = quantity.checked_add(own).ok_or(KitError::Overflow {
                    context: "a sellable quantity",
                })?;
            }
            Ok(Buildable {
                kit: kit.to_owned(),
                quantity,
                limiting,
            })
        };
        match kits {
            None => self.steps.iter().enumerate().map(answer).collect(),
            Some(kits) => kits
                .iter()
                .map(|&kit| match index.ids.get(kit) {
                    Some(&k) if self.step_of[k as usize] != NONE => {
                        let i = self.step_of[k as usize] as usize;
                        answer((i, &self.steps[i]))
                    }
                    _ => Err(KitError::NotAKit {
                        sku: kit.to_owned(),
                        time,
                    }),
                })
                .collect(),
        }
    }
}

/// [`MAX_KITS`] as a whole number.
const MAX_KITS_INT: u64 = 1_000_000_000_000_000;
/// The largest availability answered in whole numbers (10^18).
const MAX_HAVE: u64 = 1_000_000_000_000_000_000;
/// The largest units per kit answered in whole numbers (10^9).
const MAX_PER: u64 = 1_000_000_000;

/// `d` as a whole number when it is one written without decimals (scale 0) from `min` to
/// `max`.
///
/// Availabilities up to [`MAX_HAVE`] and units per kit from 1 to [`MAX_PER`] are answered
/// in whole numbers, with the same results as the decimals of the one-walk path: a
/// quotient `h ÷ p` there has at most 18 integer digits, so the decimal keeps at least 10
/// of its decimals, and the fraction of a quotient that is not whole is at most
/// 1 − 1/p ≤ 1 − 10^-9, which 10 decimals never round up to 1: its floor is the whole
/// quotient. A product `p × (n + 1)` of at most 10^9 × (10^15 + 1) is exact in decimals.
/// (A property test checks both against [`linear_limit`] and [`is_limiting`].)
fn small_int(d: Decimal, min: u64, max: u64) -> Option<u64> {
    if d.scale() != 0 || d.is_sign_negative() {
        return None;
    }
    let m = u64::try_from(d.mantissa()).ok()?;
    (min..=max).contains(&m).then_some(m)
}

/// The whole kits `have` units make at `per` units per kit (at most [`MAX_KITS`]): the
/// one-walk path's figure for one plain SKU.
pub(super) fn linear_limit(have: Decimal, per: Decimal) -> Decimal {
    // A quotient beyond the decimal range is more than MAX_KITS anyway.
    have.checked_div(per).map_or(MAX_KITS, |x| x.floor())
}

/// Whether `next` kits need more than `have` units at `per` units per kit.
pub(super) fn is_limiting(have: Decimal, per: Decimal, next: Decimal) -> bool {
    per.checked_mul(next).is_none_or(|x| x > have)
}
