//! Tests of batches of buildable and sellable quantities: every batch is checked against
//! the single queries, kit by kit (quantities, limiting SKUs and errors), under random
//! books (the scheme of the buildable property test: plain SKUs P0..P3 and kits K{i} over
//! them and over kits K{j}, j < i; here more kits, decimal and extreme quantities, a second
//! version of some kits) and random availability (negative, decimal, beyond any need).

use proptest::prelude::*;

use super::batch::{is_limiting, linear_limit, FEW_KITS};
use super::*;
use crate::{Ledger, Movement};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn plain(sku: &str) -> bool {
    sku.starts_with('P')
}

/// Units per kit: mostly small whole numbers, and decimals, tiny and huge ones.
fn quantity() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => (1u32..4).prop_map(Decimal::from),
        1 => Just(d("0.5")),
        1 => Just(d("1.5")),
        1 => Just(d("2.0")),
        1 => Just(d("0.3333333333")),
        1 => Just(d("0.000001")),
        1 => Just(d("1000000000")),
    ]
}

/// Available units: mostly small whole numbers, and zero, negative, decimal and huge ones.
fn availability() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => (0u32..40).prop_map(Decimal::from),
        2 => Just(Decimal::ZERO),
        1 => Just(d("-3")),
        1 => (0u32..4000).prop_map(|c| Decimal::new(i64::from(c), 2)),
        1 => Just(d("12.0")),
        1 => Just(d("100000000000000000000")),
        1 => Just(Decimal::MAX),
    ]
}

/// The lines of one version: (a pick among P0..P3 and the kits below, units per kit).
fn lines() -> impl Strategy<Value = Vec<(usize, Decimal)>> {
    prop::collection::vec((0usize..12, quantity()), 1..5)
}

/// A book and availability.
#[derive(Debug, Clone)]
struct Case {
    /// Assembled (true) or virtual, by kit.
    kinds: Vec<bool>,
    /// The version at time 0, by kit.
    first: Vec<Vec<(usize, Decimal)>>,
    /// A version at time 10, for some kits.
    second: Vec<Option<Vec<(usize, Decimal)>>>,
    /// Availability of P0..P3, then of the kits' own stock.
    plain: Vec<Decimal>,
    kits: Vec<Decimal>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..8).prop_flat_map(|n| {
        (
            prop::collection::vec(any::<bool>(), n),
            prop::collection::vec(lines(), n),
            prop::collection::vec(prop::option::weighted(0.3, lines()), n),
            prop::collection::vec(availability(), 4),
            prop::collection::vec(availability(), n),
        )
            .prop_map(|(kinds, first, second, plain, kits)| Case {
                kinds,
                first,
                second,
                plain,
                kits,
            })
    })
}

impl Case {
    /// The definitions: K{i} picks P{pick} for a pick below 4, else kit K{pick - 4} if it
    /// is below i (no cycles), else P{pick % 4}; a SKU picked twice is kept once.
    fn definitions(&self) -> Vec<KitDefinition> {
        let def = |i: usize, lines: &[(usize, Decimal)], t: i64| {
            let mut comps: Vec<Component> = Vec::new();
            for &(pick, q) in lines {
                let sku = if pick >= 4 && pick - 4 < i {
                    format!("K{}", pick - 4)
                } else {
                    format!("P{}", pick % 4)
                };
                if comps.iter().all(|c| c.sku != sku) {
                    comps.push(Component::new(sku, q));
                }
            }
            let kind = if self.kinds[i] {
                KitKind::Assembled
            } else {
                KitKind::Virtual
            };
            KitDefinition::new(format!("K{i}"), kind, comps, t)
        };
        let mut defs: Vec<KitDefinition> = (0..self.kinds.len())
            .map(|i| def(i, &self.first[i], 0))
            .collect();
        for (i, second) in self.second.iter().enumerate() {
            if let Some(lines) = second {
                defs.push(def(i, lines, 10));
            }
        }
        defs
    }

    fn book(&self) -> KitBook {
        let mut b = KitBook::new();
        for def in self.definitions() {
            b.define(def, plain).unwrap();
        }
        b
    }

    fn available(&self, sku: &str) -> Decimal {
        let i: usize = sku[1..].parse().unwrap();
        match &sku[..1] {
            "P" => self.plain[i],
            _ => self.kits[i],
        }
    }

    /// Every kit, twice, with a plain SKU and an unknown name among them when `errors`.
    fn names(&self, errors: bool) -> Vec<String> {
        let mut v: Vec<String> = (0..self.kinds.len()).map(|i| format!("K{i}")).collect();
        v.extend((0..self.kinds.len()).rev().map(|i| format!("K{i}")));
        if errors {
            v.insert(v.len() / 2, "P1".into());
            v.push("NOPE".into());
        }
        v
    }
}

/// A batch planned and answered (whatever the number of kits: [`KitBook::buildable_many`]
/// asks the single query for a handful).
fn planned(
    b: &KitBook,
    kits: Option<&[&str]>,
    time: i64,
    sellable: bool,
    available: &dyn Fn(&str) -> Decimal,
) -> KResult<Vec<Buildable>> {
    let plan = b.plan(kits, time);
    let free: Vec<Decimal> = plan.needed().map(available).collect();
    plan.answer(b, kits, time, sellable, &free, available)
}

/// The single queries of `kits` in turn (the first error stops them).
fn singles(
    b: &KitBook,
    kits: &[&str],
    time: i64,
    sellable: bool,
    available: &dyn Fn(&str) -> Decimal,
) -> KResult<Vec<Buildable>> {
    kits.iter()
        .map(|k| {
            if sellable {
                b.sellable(k, time, available)
            } else {
                b.buildable(k, time, available)
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// A batch answers exactly what the single queries answer: every kit in force, and a
    /// list with repeats (and names that are not kits), before, at and after the second
    /// versions, buildable and sellable.
    #[test]
    fn a_batch_answers_what_the_single_queries_answer(c in case()) {
        let b = c.book();
        let available = |sku: &str| c.available(sku);
        for time in [-1, 0, 5, 10, 15] {
            let all = b.kits_at(time);
            for sellable in [false, true] {
                prop_assert_eq!(
                    planned(&b, None, time, sellable, &available),
                    singles(&b, &all, time, sellable, &available)
                );
                for errors in [false, true] {
                    let names = c.names(errors);
                    let names: Vec<&str> = names.iter().map(String::as_str).collect();
                    let expected = singles(&b, &names, time, sellable, &available);
                    prop_assert_eq!(
                        &planned(&b, Some(&names), time, sellable, &available),
                        &expected
                    );
                    let public = if sellable {
                        b.sellable_many(&names, time, available)
                    } else {
                        b.buildable_many(&names, time, available)
                    };
                    prop_assert_eq!(&public, &expected);
                }
            }
        }
    }

    /// In whole numbers up to 10^18 available and 10^9 per kit, a batch's arithmetic is the
    /// one-walk path's decimal arithmetic.
    #[test]
    fn whole_numbers_give_what_decimals_give(
        h in prop_oneof![
            0u64..1_000,
            0u64..=1_000_000_000_000_000_000,
            (999_999_999_000_000_000u64..=1_000_000_000_000_000_000),
        ],
        p in prop_oneof![1u64..10, 1u64..=1_000_000_000, 999_999_000u64..=1_000_000_000],
    ) {
        let (hd, pd) = (Decimal::from(h), Decimal::from(p));
        prop_assert_eq!(linear_limit(hd, pd), Decimal::from(h / p));
        let n = (h / p).min(1_000_000_000_000_000);
        for next in [n, n + 1, n + 2] {
            prop_assert_eq!(
                is_limiting(hd, pd, Decimal::from(next)),
                u128::from(p) * u128::from(next) > u128::from(h)
            );
        }
    }
}

#[test]
fn the_quotients_nearest_a_whole_number_are_not_rounded_up() {
    // (10^18 − 1) ÷ (10^9 − 1) and its neighbours: fractions 1 − 10^-9 away from whole.
    for (h, p) in [
        (999_999_999_999_999_999u64, 999_999_999u64),
        (999_999_998_999_999_999, 999_999_999),
        (1_000_000_000_000_000_000, 999_999_999),
        (999_999_999_999_999_999, 1_000_000_000),
        (1_999_999_999, 1_000_000_000),
    ] {
        assert_eq!(
            linear_limit(Decimal::from(h), Decimal::from(p)),
            Decimal::from(h / p),
            "{h} / {p}"
        );
    }
}

#[test]
fn a_handful_of_kits_and_many_give_the_same() {
    // Above FEW_KITS the batch plans; below it asks the single query: both the same.
    let mut b = KitBook::new();
    for i in 0..40 {
        let comps = vec![
            Component::new(format!("P{}", i % 4), Decimal::from(1 + i % 3)),
            Component::new(format!("P{}", (i + 1) % 4), d("0.5")),
        ];
        b.define(
            KitDefinition::new(format!("K{i:02}"), KitKind::Virtual, comps, 0),
            plain,
        )
        .unwrap();
    }
    let available = |sku: &str| Decimal::from(10 + sku.len());
    let kits = b.kits_at(0);
    for n in [1, FEW_KITS, FEW_KITS + 1, kits.len()] {
        let some = &kits[..n];
        assert_eq!(
            b.buildable_many(some, 0, available).unwrap(),
            singles(&b, some, 0, false, &available).unwrap()
        );
    }
}

// ----- in the ledger -----

#[test]
fn a_ledgers_batch_of_a_few_some_or_all_kits_gives_the_same() {
    // 100 kits: a handful are asked one by one, a few planned on their own, many from the
    // plan of every kit; all as the single queries.
    let mut l = Ledger::new();
    for i in 0..30 {
        let q = Decimal::from(1 + i * 7 % 23);
        l.post(Movement::receive(
            format!("P{i:02}"),
            "W",
            q,
            Decimal::ONE,
            0,
        ))
        .unwrap();
    }
    for i in 0..100 {
        let comps = vec![
            Component::new(format!("P{:02}", i % 30), Decimal::from(1 + i % 3)),
            Component::new(format!("P{:02}", (i * 7 + 3) % 30), d("0.5")),
        ];
        let kind = if i % 4 == 0 {
            KitKind::Assembled
        } else {
            KitKind::Virtual
        };
        l.define_kit(KitDefinition::new(format!("K{i:03}"), kind, comps, 0), None)
            .unwrap();
    }
    let kits = l.kit_book().kits_at(0);
    for n in [3, FEW_KITS + 1, 24, 60, 100] {
        let some: Vec<&str> = kits
            .iter()
            .rev()
            .step_by(100 / n)
            .take(n)
            .copied()
            .collect();
        for location in [Some("W"), None] {
            let one: Vec<Buildable> = (some.iter())
                .map(|k| l.buildable(k, location, 0).unwrap())
                .collect();
            assert_eq!(l.buildable_many(&some, location, 0).unwrap(), one);
            let one: Vec<Buildable> = (some.iter())
                .map(|k| l.sellable(k, location, 0).unwrap())
                .collect();
            assert_eq!(l.sellable_many(&some, location, 0).unwrap(), one);
        }
    }
}

/// A ledger holding the case: P0..P3 and the assembled kits' own stock at W1 (the case's
/// availability, where a whole number, as on hand less 2 reserved units) and at W2 (half,
/// rounded down, received), the kits defined after.
fn ledger(c: &Case) -> Ledger {
    let mut l = Ledger::new();
    let mut moves = Vec::new();
    let stock: Vec<(String, Decimal)> = (0..4)
        .map(|i| (format!("P{i}"), c.plain[i]))
        .chain(
            (0..c.kinds.len())
                .filter(|&i| c.kinds[i])
                .map(|i| (format!("K{i}"), c.kits[i])),
        )
        .collect();
    for (sku, q) in stock {
        // Units the ledger takes (at most 9 decimals, not beyond 10^20).
        let q = q.min(d("100000000000000000000")).max(Decimal::ZERO);
        moves.push(Movement::receive(
            sku.as_str(),
            "W1",
            q + Decimal::TWO,
            Decimal::ONE,
            0,
        ));
        moves.push(Movement::reserve(
            sku.as_str(),
            "W1",
            Decimal::TWO,
            "SO-1",
            0,
        ));
        let half = (q / Decimal::TWO).floor();
        if half > Decimal::ZERO {
            moves.push(Movement::receive(sku.as_str(), "W2", half, Decimal::ONE, 0));
        }
    }
    l.post_batch(moves).unwrap();
    for def in c.definitions() {
        l.define_kit(def, None).unwrap();
    }
    l
}

/// Every batch of the ledger at `time` against the single queries, at W1, W2, a location
/// it does not know, and all.
fn check_ledger(l: &Ledger, names: &[&str], time: i64) -> Result<(), TestCaseError> {
    let all = l.kit_book().kits_at(time);
    for location in [Some("W1"), Some("W2"), Some("W9"), None] {
        let one = |kits: &[&str], sellable: bool| -> crate::Result<Vec<Buildable>> {
            kits.iter()
                .map(|k| {
                    if sellable {
                        l.sellable(k, location, time)
                    } else {
                        l.buildable(k, location, time)
                    }
                })
                .collect()
        };
        let err = |r: crate::Result<Vec<Buildable>>| r.map_err(|e| e.to_string());
        prop_assert_eq!(err(l.buildable_all(location, time)), err(one(&all, false)));
        prop_assert_eq!(err(l.sellable_all(location, time)), err(one(&all, true)));
        prop_assert_eq!(
            err(l.buildable_many(names, location, time)),
            err(one(names, false))
        );
        prop_assert_eq!(
            err(l.sellable_many(names, location, time)),
            err(one(names, true))
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// The ledger's batches answer what its single queries answer, and go on doing so as
    /// its stock, SKUs, positions and definitions change (the plan it keeps is made afresh
    /// when it no longer holds).
    #[test]
    fn the_ledgers_batches_answer_what_its_single_queries_answer(c in case()) {
        let mut l = ledger(&c);
        // Enough names for a batch to plan rather than ask one by one.
        let mut names: Vec<String> = Vec::new();
        while names.len() <= FEW_KITS {
            names.extend(c.names(false));
        }
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for time in [5, 15] {
            check_ledger(&l, &names, time)?;
        }
        // Stock moves: the next batch reads it.
        l.post(Movement::ship("P0", "W1", Decimal::ONE, 20)).ok();
        l.post(Movement::receive("P1", "W2", d("7"), Decimal::ONE, 20)).unwrap();
        check_ledger(&l, &names, 15)?;
        // A new position (P3 at W3) and a new SKU; a failed batch that added others.
        l.post(Movement::receive("P3", "W3", d("5"), Decimal::ONE, 21)).unwrap();
        l.post(Movement::receive("PX", "W1", d("5"), Decimal::ONE, 21)).unwrap();
        let bad = vec![
            Movement::receive("PY", "W4", d("5"), Decimal::ONE, 22),
            Movement::ship("PY", "W4", d("9"), 22),
        ];
        prop_assert!(l.post_batch(bad).is_err());
        check_ledger(&l, &names, 15)?;
        // A new version of K0 from time 30 over the new SKU: before and after it.
        let def = KitDefinition::new("K0", KitKind::Virtual, vec![Component::new("PX", d("2"))], 30);
        l.define_kit(def, None).unwrap();
        for time in [15, 30, 40] {
            check_ledger(&l, &names, time)?;
        }
        // A copy goes its own way.
        let mut copy = l.clone();
        copy.post(Movement::receive("P2", "W3", d("8"), Decimal::ONE, 41)).unwrap();
        check_ledger(&copy, &names, 40)?;
        check_ledger(&l, &names, 40)?;
    }
}

#[test]
fn a_component_the_ledger_learns_of_later_is_read_when_it_arrives() {
    // PNEW is known from a supplier only (no position); the kit's batch finds none, then
    // the units that arrive.
    use crate::purchasing::{PaymentTerms, Supplier, SupplierItem};
    let mut l = Ledger::new();
    let s = Supplier::new("S", "Supplier", PaymentTerms::net(30)).item(SupplierItem::new(
        "PNEW",
        d("2.00"),
        5.0,
    ));
    l.set_supplier(s, 0).unwrap();
    l.post(Movement::receive("POLD", "W", d("10"), d("1.00"), 0))
        .unwrap();
    let comps = vec![
        Component::new("PNEW", d("2")),
        Component::new("POLD", d("1")),
    ];
    l.define_kit(KitDefinition::new("DUO", KitKind::Virtual, comps, 0), None)
        .unwrap();
    let b = &l.buildable_all(Some("W"), 1).unwrap()[0];
    assert_eq!(
        (b.quantity, b.limiting.clone()),
        (d("0"), vec!["PNEW".to_string()])
    );
    l.post(Movement::receive("PNEW", "W", d("7"), d("2.00"), 2))
        .unwrap();
    let b = &l.buildable_all(Some("W"), 3).unwrap()[0];
    assert_eq!(
        (b.quantity, b.limiting.clone()),
        (d("3"), vec!["PNEW".to_string()])
    );
    // At a location it reaches later.
    assert_eq!(l.buildable_all(Some("E"), 3).unwrap()[0].quantity, d("0"));
    l.post(Movement::receive("PNEW", "E", d("4"), d("2.00"), 4))
        .unwrap();
    l.post(Movement::receive("POLD", "E", d("1"), d("1.00"), 4))
        .unwrap();
    assert_eq!(l.buildable_all(Some("E"), 5).unwrap()[0].quantity, d("1"));
    assert_eq!(l.buildable_all(None, 5).unwrap()[0].quantity, d("5"));
}

#[test]
fn a_batch_reports_the_first_kits_error() {
    let mut l = Ledger::new();
    l.post(Movement::receive("A", "W", d("5"), d("1.00"), 0))
        .unwrap();
    // K1 → K2 → K3 → K4 → A, 10^9 each: 10^36 units of A per K1, beyond the decimal range.
    let mut below = "A".to_string();
    for k in ["K4", "K3", "K2", "K1"] {
        let def = KitDefinition::new(
            k,
            KitKind::Virtual,
            vec![Component::new(&below, d("1000000000"))],
            0,
        );
        l.define_kit(def, None).unwrap();
        below = k.to_string();
    }
    let err = l.buildable_all(Some("W"), 0).unwrap_err();
    assert_eq!(
        err.to_string(),
        l.buildable("K1", Some("W"), 0).unwrap_err().to_string()
    );
    let names = ["K4", "K3", "NOPE", "K1"];
    let err = l.buildable_many(&names, Some("W"), 0).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::UnknownSku, "{err}");
    assert!(l.buildable_many(&["K4", "K3"], None, 0).is_ok());
}
