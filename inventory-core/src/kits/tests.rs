//! Tests of kit definitions and the computations on them. Expected values are worked by hand
//! in the comments; the buildable quantity is also checked against building kits one at a
//! time.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::ErrorKind;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn c(sku: &str, q: &str) -> Component {
    Component::new(sku, d(q))
}

fn plain(sku: &str) -> bool {
    sku.starts_with('P')
}

/// GIFT (virtual) = 1 MUG + 1 TEA-SET (assembled) + 0.5 RIBBON (m);
/// TEA-SET (assembled) = 2 PTEA + 1 PBOX. Plain SKUs start with P.
fn gift_book() -> KitBook {
    let mut b = KitBook::new();
    b.define(
        KitDefinition::new(
            "TEA-SET",
            KitKind::Assembled,
            vec![c("PTEA", "2"), c("PBOX", "1")],
            0,
        ),
        plain,
    )
    .unwrap();
    b.define(
        KitDefinition::new(
            "GIFT",
            KitKind::Virtual,
            vec![c("PMUG", "1"), c("TEA-SET", "1"), c("PRIBBON", "0.5")],
            0,
        ),
        plain,
    )
    .unwrap();
    b
}

fn stock(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Decimal {
    let m: BTreeMap<String, Decimal> = pairs.iter().map(|(k, v)| (k.to_string(), d(v))).collect();
    move |sku: &str| m.get(sku).copied().unwrap_or_default()
}

#[test]
fn bad_definitions_are_refused_naming_the_skus() {
    let mut b = gift_book();
    let before = b.clone();
    let cases = [
        (
            KitDefinition::new("K", KitKind::Virtual, vec![], 0),
            ErrorKind::InvalidInput,
        ),
        (
            KitDefinition::new("K", KitKind::Virtual, vec![c("K", "1")], 0),
            ErrorKind::InvalidInput,
        ),
        (
            KitDefinition::new("K", KitKind::Virtual, vec![c("PA", "1"), c("PA", "2")], 0),
            ErrorKind::InvalidInput,
        ),
        (
            KitDefinition::new("K", KitKind::Virtual, vec![c("PA", "0")], 0),
            ErrorKind::InvalidInput,
        ),
        (
            KitDefinition::new("K", KitKind::Virtual, vec![c("PA", "-1")], 0),
            ErrorKind::InvalidInput,
        ),
        (
            KitDefinition::new("K", KitKind::Virtual, vec![c("PA", "1000000001")], 0),
            ErrorKind::InvalidInput,
        ),
        (
            KitDefinition::new("K", KitKind::Virtual, vec![c("NOPE", "1")], 0),
            ErrorKind::UnknownSku,
        ),
    ];
    for (def, kind) in cases {
        let err = b.define(def.clone(), plain).unwrap_err();
        assert_eq!(err.kind(), kind, "{def:?}: {err}");
        assert_eq!(b, before);
    }
    let err = b
        .define(
            KitDefinition::new("K", KitKind::Virtual, vec![c("PA", "1"), c("PA", "1")], 0),
            plain,
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "kit \"K\" lists component \"PA\" twice");
    let err = b
        .define(
            KitDefinition::new("K", KitKind::Virtual, vec![c("NOPE", "1")], 0),
            plain,
        )
        .unwrap_err();
    assert!(err.to_string().contains("\"NOPE\""), "{err}");
}

#[test]
fn cycles_are_refused_with_their_path_at_any_time() {
    let mut b = gift_book();
    // TEA-SET containing GIFT: GIFT -> TEA-SET -> GIFT.
    let def = KitDefinition::new("TEA-SET", KitKind::Assembled, vec![c("GIFT", "1")], 10);
    let before = b.clone();
    let err = b.define(def, plain).unwrap_err();
    assert_eq!(
        err,
        KitError::Cycle {
            path: vec!["TEA-SET".into(), "GIFT".into(), "TEA-SET".into()]
        }
    );
    assert_eq!(
        err.to_string(),
        "kit definitions would form a cycle: TEA-SET -> GIFT -> TEA-SET"
    );
    assert_eq!(b, before);
    // A cycle that only closes later: A = B from time 0; B = A from time 5 is refused, and
    // so is B = A from 0 when A changes to contain B only at 5.
    let mut b = KitBook::new();
    b.define(
        KitDefinition::new("B", KitKind::Virtual, vec![c("PX", "1")], 0),
        plain,
    )
    .unwrap();
    b.define(
        KitDefinition::new("A", KitKind::Virtual, vec![c("B", "1")], 0),
        plain,
    )
    .unwrap();
    let err = b
        .define(
            KitDefinition::new("B", KitKind::Virtual, vec![c("A", "1")], 5),
            plain,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(matches!(err, KitError::Cycle { .. }));
    // Versions only go forward in time.
    let err = b
        .define(
            KitDefinition::new("A", KitKind::Virtual, vec![c("PX", "1")], -1),
            plain,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutOfOrder);
}

#[test]
fn versions_apply_from_their_effective_time() {
    let mut b = gift_book();
    // From time 100, TEA-SET takes 3 PTEA.
    b.define(
        KitDefinition::new(
            "TEA-SET",
            KitKind::Assembled,
            vec![c("PTEA", "3"), c("PBOX", "1")],
            100,
        ),
        plain,
    )
    .unwrap();
    let at = |t| b.explode("TEA-SET", d("2"), t, false).unwrap();
    assert_eq!(
        at(99),
        vec![("PBOX".into(), d("2")), ("PTEA".into(), d("4"))]
    );
    assert_eq!(
        at(100),
        vec![("PBOX".into(), d("2")), ("PTEA".into(), d("6"))]
    );
    assert!(!b.is_kit("TEA-SET", -1));
    assert_eq!(b.versions("TEA-SET").len(), 2);
    assert_eq!(b.kits(), ["GIFT", "TEA-SET"]);
    assert_eq!(
        b.explode("TEA-SET", d("1"), -1, false).unwrap_err().kind(),
        ErrorKind::UnknownSku
    );
}

#[test]
fn explosion_stops_at_assembled_kits_unless_asked_for_leaves() {
    let b = gift_book();
    // 4 gifts: 4 PMUG, 4 TEA-SET (assembled: its own stock), 2 m of ribbon.
    assert_eq!(
        b.explode("GIFT", d("4"), 0, false).unwrap(),
        vec![
            ("PMUG".into(), d("4")),
            ("PRIBBON".into(), d("2.0")),
            ("TEA-SET".into(), d("4"))
        ]
    );
    // Down to plain SKUs: the tea sets' 8 PTEA and 4 PBOX.
    assert_eq!(
        b.explode("GIFT", d("4"), 0, true).unwrap(),
        vec![
            ("PBOX".into(), d("4")),
            ("PMUG".into(), d("4")),
            ("PRIBBON".into(), d("2.0")),
            ("PTEA".into(), d("8")),
        ]
    );
    assert_eq!(
        b.explode("GIFT", d("-1"), 0, false).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn buildable_uses_assembled_stock_first_and_names_the_limit() {
    let b = gift_book();
    // 10 mugs, 3 tea sets in stock, 9 PTEA and 5 PBOX (4 more sets: PTEA 9/2), 6 m ribbon
    // (12 gifts). Sets: 3 + 4 = 7 → 7 gifts; the 8th needs a 5th built set: PTEA short.
    let avail = stock(&[
        ("PMUG", "10"),
        ("TEA-SET", "3"),
        ("PTEA", "9"),
        ("PBOX", "5"),
        ("PRIBBON", "6"),
    ]);
    let g = b.buildable("GIFT", 0, &avail).unwrap();
    assert_eq!(
        (g.quantity, g.limiting.clone()),
        (d("7"), vec!["PTEA".to_string()])
    );
    // The virtual gift has no stock of its own: sellable = buildable.
    assert_eq!(b.sellable("GIFT", 0, &avail).unwrap(), g);
    // The assembled set: 4 can be built, and 3 are in stock: 7 sellable.
    assert_eq!(b.buildable("TEA-SET", 0, &avail).unwrap().quantity, d("4"));
    assert_eq!(b.sellable("TEA-SET", 0, &avail).unwrap().quantity, d("7"));
    // With only 1 m of ribbon: 2 gifts (0.5 m each), ribbon limits.
    let avail = stock(&[("PMUG", "10"), ("TEA-SET", "3"), ("PRIBBON", "1")]);
    let g = b.buildable("GIFT", 0, &avail).unwrap();
    assert_eq!(
        (g.quantity, g.limiting),
        (d("2"), vec!["PRIBBON".to_string()])
    );
    // Nothing at all: 0, and every component is limiting.
    let g = b.buildable("GIFT", 0, stock(&[])).unwrap();
    assert_eq!(g.quantity, d("0"));
    assert_eq!(g.limiting, ["PBOX", "PMUG", "PRIBBON", "PTEA"]);
}

#[test]
fn shared_components_are_not_promised_twice() {
    // DUO (virtual) = 1 A-KIT + 1 B-KIT, both virtual, each needing 1 PSHARED: 5 PSHARED
    // make 2 duos (4 used), not 5 (min over A-KIT's 5 and B-KIT's 5).
    let mut b = KitBook::new();
    for k in ["A-KIT", "B-KIT"] {
        b.define(
            KitDefinition::new(k, KitKind::Virtual, vec![c("PSHARED", "1")], 0),
            plain,
        )
        .unwrap();
    }
    b.define(
        KitDefinition::new(
            "DUO",
            KitKind::Virtual,
            vec![c("A-KIT", "1"), c("B-KIT", "1")],
            0,
        ),
        plain,
    )
    .unwrap();
    let g = b.buildable("DUO", 0, stock(&[("PSHARED", "5")])).unwrap();
    assert_eq!(
        (g.quantity, g.limiting),
        (d("2"), vec!["PSHARED".to_string()])
    );
}

#[test]
fn roll_up_and_margin() {
    let b = gift_book();
    // TEA-SET from components: 2 × 3.10 + 1.25 = 7.45. GIFT = 4.00 + 7.45 + 0.5 × 0.90
    // = 11.90; with the set's stock valued at 7.00 a set: 4.00 + 7.00 + 0.45 = 11.45.
    fn costs<'a>(m: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<Decimal> + 'a {
        move |sku: &str| m.iter().find(|(k, _)| *k == sku).map(|(_, v)| d(v))
    }
    let parts = [
        ("PMUG", "4.00"),
        ("PTEA", "3.10"),
        ("PBOX", "1.25"),
        ("PRIBBON", "0.90"),
    ];
    assert_eq!(b.rollup("TEA-SET", 0, costs(&parts)).unwrap(), d("7.45"));
    assert_eq!(b.rollup("GIFT", 0, costs(&parts)).unwrap(), d("11.90"));
    let with_stock = [("PMUG", "4.00"), ("TEA-SET", "7.00"), ("PRIBBON", "0.90")];
    assert_eq!(b.rollup("GIFT", 0, costs(&with_stock)).unwrap(), d("11.45"));
    assert_eq!(
        b.margin("GIFT", 0, d("19.99"), costs(&parts)).unwrap(),
        d("8.09")
    );
    let err = b.rollup("GIFT", 0, costs(&[("PMUG", "4.00")])).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("\"PTEA\""), "{err}");
}

// ----- buildable = building one kit at a time -----

/// Builds one `kit` from `stock` (whole quantities only), using an assembled kit's stock
/// first; false (and `stock` as it was) if something runs out.
fn build_one(b: &KitBook, kit: &str, stock: &mut BTreeMap<String, Decimal>) -> bool {
    let saved = stock.clone();
    let def = b.definition_at(kit, 0).unwrap().clone();
    for comp in &def.components {
        let mut k = comp.quantity;
        while k > Decimal::ZERO {
            k -= Decimal::ONE;
            let ok = match b.definition_at(&comp.sku, 0) {
                Some(sub) => {
                    let have = stock.get(&comp.sku).copied().unwrap_or_default();
                    if sub.kind == KitKind::Assembled && have >= Decimal::ONE {
                        stock.insert(comp.sku.clone(), have - Decimal::ONE);
                        true
                    } else {
                        build_one(b, &comp.sku, stock)
                    }
                }
                None => {
                    let have = stock.get(&comp.sku).copied().unwrap_or_default();
                    stock.insert(comp.sku.clone(), have - Decimal::ONE);
                    have >= Decimal::ONE
                }
            };
            if !ok {
                *stock = saved;
                return false;
            }
        }
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn buildable_is_exactly_what_can_be_built_one_at_a_time(
        kinds in prop::collection::vec(any::<bool>(), 3),
        lines in prop::collection::vec(prop::collection::vec((0usize..7, 1u32..4), 1..4), 3),
        plain_stock in prop::collection::vec(0u32..25, 4),
        kit_stock in prop::collection::vec(0u32..3, 3),
    ) {
        // Plain P0..P3; kit K{i} uses plain SKUs and kits K{j}, j < i (no cycles).
        let mut b = KitBook::new();
        for i in 0..3 {
            let mut comps: Vec<Component> = Vec::new();
            for &(pick, q) in &lines[i] {
                let sku = if pick < 4 || pick - 4 >= i { format!("P{}", pick % 4) } else { format!("K{}", pick - 4) };
                if comps.iter().all(|x| x.sku != sku) {
                    comps.push(Component::new(sku, Decimal::from(q)));
                }
            }
            let kind = if kinds[i] { KitKind::Assembled } else { KitKind::Virtual };
            b.define(KitDefinition::new(format!("K{i}"), kind, comps, 0), plain).unwrap();
        }
        let mut stock: BTreeMap<String, Decimal> = BTreeMap::new();
        for (i, q) in plain_stock.iter().enumerate() {
            stock.insert(format!("P{i}"), Decimal::from(*q));
        }
        for (i, q) in kit_stock.iter().enumerate() {
            if kinds[i] {
                stock.insert(format!("K{i}"), Decimal::from(*q));
            }
        }
        let avail = |sku: &str| stock.get(sku).copied().unwrap_or_default();
        let got = b.buildable("K2", 0, avail).unwrap();
        let mut s = stock.clone();
        let mut n = 0u32;
        while build_one(&b, "K2", &mut s) {
            n += 1;
        }
        prop_assert_eq!(got.quantity, Decimal::from(n));
        // The limiting SKUs are exactly the plain ones one more kit runs short of.
        prop_assert!(!got.limiting.is_empty());
    }
}

// ----- in the ledger -----

mod in_ledger {
    use super::*;
    use crate::purchasing::{PaymentTerms, Supplier, SupplierItem};
    use crate::{Ledger, LedgerError, Movement};

    const DAY: i64 = 86_400;

    /// EAST: 10 PMUG, 9 PTEA (one batch at 3.00, one at 3.20 after), 5 PBOX, 6 m PRIBBON,
    /// 3 TEA-SET in stock at 7.00; WEST: 4 PMUG, 2 PTEA, 1 PBOX, 1 PRIBBON. The gift
    /// book's kits defined at time 0.
    fn ledger() -> Ledger {
        let mut l = Ledger::new();
        let r = |sku: &str, loc: &str, q: &str, c: &str, t: i64| {
            Movement::receive(sku, loc, d(q), d(c), t)
        };
        let moves = vec![
            r("PMUG", "EAST", "10", "4.00", 0),
            r("PTEA", "EAST", "5", "3.00", 0),
            r("PTEA", "EAST", "4", "3.20", 1),
            r("PBOX", "EAST", "5", "1.25", 0),
            r("PRIBBON", "EAST", "6", "0.90", 0),
            r("TEA-SET", "EAST", "3", "7.00", 0),
            r("PMUG", "WEST", "4", "4.10", 0),
            r("PTEA", "WEST", "2", "3.00", 2),
            r("PBOX", "WEST", "1", "1.25", 0),
            r("PRIBBON", "WEST", "1", "0.90", 0),
        ];
        l.post_batch(moves).unwrap();
        for def in gift_defs() {
            l.define_kit(def, None).unwrap();
        }
        l
    }

    fn gift_defs() -> Vec<KitDefinition> {
        let b = gift_book();
        vec![
            b.versions("TEA-SET")[0].clone(),
            b.versions("GIFT")[0].clone(),
        ]
    }

    #[test]
    fn buildable_and_sellable_from_the_ledgers_positions() {
        let mut l = ledger();
        // EAST as in the hand-worked pure case: 7 gifts, PTEA limits.
        let g = l.buildable("GIFT", Some("EAST"), DAY).unwrap();
        assert_eq!(
            (g.quantity, g.limiting.clone()),
            (d("7"), vec!["PTEA".to_string()])
        );
        // WEST: no tea set in stock, PTEA 2 → 1 set → 1 gift (ribbon 1 m would allow 2).
        assert_eq!(
            l.buildable("GIFT", Some("WEST"), DAY).unwrap().quantity,
            d("1")
        );
        // Pooled: mugs 14, sets 3 + min(11 PTEA / 2, 6 PBOX) = 3 + 5 = 8, ribbon 7 m → 14;
        // so 8 gifts, the 9th short of PTEA.
        let g = l.buildable("GIFT", None, DAY).unwrap();
        assert_eq!((g.quantity, g.limiting), (d("8"), vec!["PTEA".to_string()]));
        // A reservation takes units out of what can be built: 4 PTEA reserved at EAST
        // leave 5 → 2 sets built + 3 in stock = 5 gifts.
        l.post(Movement::reserve("PTEA", "EAST", d("4"), "SO-1", 10))
            .unwrap();
        assert_eq!(
            l.buildable("GIFT", Some("EAST"), DAY).unwrap().quantity,
            d("5")
        );
        // The assembled set: 2 built + 3 in stock.
        assert_eq!(
            l.sellable("TEA-SET", Some("EAST"), DAY).unwrap().quantity,
            d("5")
        );
        // Not a kit, or not yet one.
        let err = l.buildable("PMUG", None, DAY).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnknownSku);
        assert_eq!(
            l.buildable("GIFT", None, -1).unwrap_err().kind(),
            ErrorKind::UnknownSku
        );
    }

    #[test]
    fn the_cost_of_a_kit_from_current_valuations() {
        let l = ledger();
        // EAST (FIFO): PTEA 5 × 3.00 + 4 × 3.20 = 27.80 / 9; the set's stock 7.00; so the
        // gift costs 4.00 + 7.00 + 0.5 × 0.90 = 11.45, and a built set 2 × 27.80/9 + 1.25.
        assert_eq!(l.kit_cost("GIFT", Some("EAST"), DAY).unwrap(), d("11.45"));
        let set = l.kit_cost("TEA-SET", Some("EAST"), DAY).unwrap();
        assert_eq!(
            set.round_dp(10),
            (d("55.60") / d("9") + d("1.25")).round_dp(10)
        );
        // WEST has no set in stock: it is rolled up (2 × 3.00 + 1.25 = 7.25), the mug is
        // 4.10: 4.10 + 7.25 + 0.45 = 11.80.
        assert_eq!(l.kit_cost("GIFT", Some("WEST"), DAY).unwrap(), d("11.80"));
        // A location without the components cannot value them.
        let err = l.kit_cost("GIFT", Some("NORTH"), DAY).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }

    #[test]
    fn definitions_are_idempotent_checked_and_in_the_snapshot() {
        let mut l = ledger();
        let json = l.to_json();
        assert!(json.contains("\"version\":3"), "{}", &json[..40]);
        let back = Ledger::from_json(&json).unwrap();
        assert_eq!(back, l);
        assert_eq!(back.to_json(), json);
        assert_eq!(back.buildable("GIFT", None, DAY).unwrap().quantity, d("8"));
        // A new version by reference, twice: the second is a duplicate.
        let v2 = KitDefinition::new(
            "GIFT",
            KitKind::Virtual,
            vec![c("PMUG", "2"), c("TEA-SET", "1")],
            5 * DAY,
        );
        let first = l.define_kit(v2.clone(), Some("GIFT-v2".into())).unwrap();
        let again = l.define_kit(v2.clone(), Some("GIFT-v2".into())).unwrap();
        assert!(!first.duplicate && again.duplicate);
        assert_eq!(again.sequence, first.sequence);
        assert_eq!(l.kit_records().len(), 3);
        // Mugs limit from day 5: 14 / 2 = 7 pooled.
        assert_eq!(l.buildable("GIFT", None, 5 * DAY).unwrap().quantity, d("7"));
        assert_eq!(l.buildable("GIFT", None, DAY).unwrap().quantity, d("8"));
        assert_eq!(
            l.kit_definition("GIFT", Some(DAY))
                .unwrap()
                .components
                .len(),
            3
        );
        assert_eq!(l.kit_definition("GIFT", None).unwrap(), &v2);
        // The same reference with another definition; bad definitions: nothing changes.
        let before = l.clone();
        let other = KitDefinition::new("GIFT", KitKind::Virtual, vec![c("PMUG", "3")], 6 * DAY);
        let err = l.define_kit(other, Some("GIFT-v2".into())).unwrap_err();
        assert!(matches!(
            err,
            crate::Error::Ledger(LedgerError::DuplicateReference { .. })
        ));
        for (def, kind) in [
            (
                KitDefinition::new("X", KitKind::Virtual, vec![c("NOPE", "1")], 0),
                ErrorKind::UnknownSku,
            ),
            (
                KitDefinition::new("TEA-SET", KitKind::Assembled, vec![c("GIFT", "1")], 9 * DAY),
                ErrorKind::InvalidInput,
            ),
            (
                KitDefinition::new("GIFT", KitKind::Virtual, vec![c("PMUG", "1")], DAY),
                ErrorKind::OutOfOrder,
            ),
            (
                KitDefinition::new("X", KitKind::Virtual, vec![c("PMUG", "1")], i64::MAX),
                ErrorKind::InvalidInput,
            ),
        ] {
            assert_eq!(l.define_kit(def, None).unwrap_err().kind(), kind);
            assert_eq!(l, before);
        }
        // The snapshot keeps every version and reference.
        let mut back = Ledger::from_json(&l.to_json()).unwrap();
        assert_eq!(back, l);
        assert!(
            back.define_kit(v2, Some("GIFT-v2".into()))
                .unwrap()
                .duplicate
        );
    }

    #[test]
    fn components_a_supplier_sells_are_known_and_kits_survive_a_failed_first_batch() {
        let mut l = Ledger::new();
        let s = Supplier::new("S", "Supplier", PaymentTerms::net(30)).item(SupplierItem::new(
            "PNEW",
            d("2.00"),
            5.0,
        ));
        l.set_supplier(s, 0).unwrap();
        // PNEW has no movements yet, but a supplier sells it.
        let def = KitDefinition::new("DUO", KitKind::Virtual, vec![c("PNEW", "2")], 0);
        l.define_kit(def, None).unwrap();
        // A failing batch into an otherwise empty stock ledger keeps the kit.
        let bad = vec![
            Movement::receive("PNEW", "W", d("3"), d("2.00"), 0),
            Movement::ship("PNEW", "W", d("9"), 1),
        ];
        assert!(l.post_batch(bad).is_err());
        assert_eq!(l.kit_records().len(), 1);
        assert_eq!(l.buildable("DUO", None, 0).unwrap().quantity, d("0"));
    }

    #[test]
    fn snapshots_before_version_3_cannot_hold_kits() {
        let l = ledger();
        let json = l.to_json().replacen("\"version\":3", "\"version\":2", 1);
        let err = Ledger::from_json(&json).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSnapshot);
        // A kit kind by index, an unknown field, a number for a quantity: refused.
        for (from, to) in [
            ("\"kind\":\"virtual\"", "\"kind\":1"),
            ("\"effective\":0", "\"effective\":0,\"extra\":1"),
            ("\"quantity\":\"0.5\"", "\"quantity\":0.5"),
        ] {
            let json = l.to_json();
            assert!(json.contains(from), "{from}");
            let bad = json.replacen(from, to, 1);
            assert_eq!(
                Ledger::from_json(&bad).unwrap_err().kind(),
                ErrorKind::InvalidSnapshot,
                "{to}"
            );
        }
    }
}

// ----- assembly and disassembly -----

mod assembly {
    use super::*;
    use crate::{CostMethod, Ledger, LedgerConfig, LedgerError, Movement};

    /// EAST, FIFO: PTEA 5 @ 3.00 then 4 @ 3.20, PBOX 5 @ 1.25; TEA-SET = 2 PTEA + 1 PBOX
    /// (assembled), GIFT (virtual) = 1 TEA-SET + 1 PBOX.
    fn ledger(method: CostMethod) -> Ledger {
        let mut l = Ledger::with_config(LedgerConfig::new().costing(method)).unwrap();
        l.post_batch(vec![
            Movement::receive("PTEA", "EAST", d("5"), d("3.00"), 0),
            Movement::receive("PTEA", "EAST", d("4"), d("3.20"), 1),
            Movement::receive("PBOX", "EAST", d("5"), d("1.25"), 0),
        ])
        .unwrap();
        let set = KitDefinition::new(
            "TEA-SET",
            KitKind::Assembled,
            vec![c("PTEA", "2"), c("PBOX", "1")],
            0,
        );
        l.define_kit(set, None).unwrap();
        let gift = KitDefinition::new(
            "GIFT",
            KitKind::Virtual,
            vec![c("TEA-SET", "1"), c("PBOX", "1")],
            0,
        );
        l.define_kit(gift, None).unwrap();
        l
    }

    fn units(l: &Ledger, sku: &str) -> Decimal {
        l.position(sku, Some("EAST"))
            .map(|p| p.on_hand)
            .unwrap_or_default()
    }

    fn value(l: &Ledger, sku: &str) -> Decimal {
        l.valuation(sku, Some("EAST"))
            .map(|v| v.value)
            .unwrap_or_default()
    }

    #[test]
    fn assembly_books_exactly_the_cost_consumed_plus_labour() {
        let mut l = ledger(CostMethod::Fifo);
        // 3 sets: PTEA 6 by FIFO = 5 × 3.00 + 1 × 3.20 = 18.20; PBOX 3 × 1.25 = 3.75;
        // + 0.60 labour = 22.55.
        let out = l
            .assemble(
                "TEA-SET",
                "EAST",
                d("3"),
                10,
                Some(d("0.60")),
                Some("ASM-1".into()),
            )
            .unwrap();
        assert_eq!(out.value, d("22.55"));
        assert_eq!(out.movements.len(), 3);
        assert_eq!(
            out.movements[0].moved_value + out.movements[1].moved_value,
            d("21.95")
        );
        assert!(out.movements.iter().all(|m| m.cogs.is_zero()));
        assert_eq!(
            (units(&l, "TEA-SET"), value(&l, "TEA-SET")),
            (d("3"), d("22.55"))
        );
        assert_eq!((units(&l, "PTEA"), value(&l, "PTEA")), (d("3"), d("9.60")));
        assert_eq!((units(&l, "PBOX"), value(&l, "PBOX")), (d("2"), d("2.50")));
        // Idempotent by reference; another operation under it is refused.
        let again = l
            .assemble(
                "TEA-SET",
                "EAST",
                d("3"),
                10,
                Some(d("0.60")),
                Some("ASM-1".into()),
            )
            .unwrap();
        assert!(again.duplicate);
        assert_eq!(again.movements[0].sequence, out.movements[2].sequence);
        let err = l
            .assemble("TEA-SET", "EAST", d("1"), 11, None, Some("ASM-1".into()))
            .unwrap_err();
        assert!(matches!(
            err,
            crate::Error::Ledger(LedgerError::DuplicateReference { .. })
        ));
        // The journal replays to the same ledger.
        let replayed = Ledger::replay(
            l.config().clone(),
            l.journal().into_iter().map(|e| e.movement),
        )
        .unwrap();
        assert_eq!(replayed.total_value().unwrap(), l.total_value().unwrap());
        let back = Ledger::from_json(&l.to_json()).unwrap();
        assert_eq!(back, l);
    }

    #[test]
    fn disassembly_splits_the_kits_cost_by_the_current_roll_up() {
        let mut l = ledger(CostMethod::Fifo);
        l.post(Movement::receive("TEA-SET", "EAST", d("3"), d("7.00"), 5))
            .unwrap();
        l.assemble("TEA-SET", "EAST", d("3"), 10, Some(d("0.60")), None)
            .unwrap();
        let before = l.total_value().unwrap();
        // 2 sets leave by FIFO at 7.00: V = 14.00. Components now: PTEA 3 @ 3.20, PBOX 2 @
        // 1.25; weights 4 × 3.20 = 12.80 and 2 × 1.25 = 2.50 (15.30): PTEA gets
        // 14.00 × 12.80 / 15.30 = 11.712… → 11.71 (rounded down), PBOX the rest, 2.29.
        let out = l
            .disassemble("TEA-SET", "EAST", d("2"), 20, Some("DIS-1".into()))
            .unwrap();
        assert_eq!(out.value, d("14.00"));
        let parts: Vec<Decimal> = out.movements[1..].iter().map(|m| m.moved_value).collect();
        assert_eq!(parts, [d("11.71"), d("2.29")]);
        assert_eq!(l.total_value().unwrap(), before);
        assert_eq!(
            (units(&l, "PTEA"), value(&l, "PTEA")),
            (d("7"), d("9.60") + d("11.71"))
        );
        assert_eq!(
            (units(&l, "TEA-SET"), value(&l, "TEA-SET")),
            (d("4"), d("7.00") + d("22.55"))
        );
        assert!(
            l.disassemble("TEA-SET", "EAST", d("2"), 20, Some("DIS-1".into()))
                .unwrap()
                .duplicate
        );
        // The same reference at another time is another operation.
        let err = l
            .disassemble("TEA-SET", "EAST", d("2"), 21, Some("DIS-1".into()))
            .unwrap_err();
        assert!(matches!(
            err,
            crate::Error::Ledger(LedgerError::DuplicateReference { .. })
        ));
    }

    #[test]
    fn refusals_are_typed_and_change_nothing() {
        let mut l = ledger(CostMethod::MovingAverage);
        let before = l.clone();
        let cases: Vec<(crate::Error, ErrorKind)> = vec![
            (
                l.assemble("GIFT", "EAST", d("1"), 10, None, None)
                    .unwrap_err(),
                ErrorKind::InvalidInput,
            ),
            (
                l.assemble("PTEA", "EAST", d("1"), 10, None, None)
                    .unwrap_err(),
                ErrorKind::UnknownSku,
            ),
            (
                l.assemble("TEA-SET", "EAST", d("0"), 10, None, None)
                    .unwrap_err(),
                ErrorKind::InvalidInput,
            ),
            (
                l.assemble("TEA-SET", "EAST", d("1"), 10, Some(d("-1")), None)
                    .unwrap_err(),
                ErrorKind::InvalidInput,
            ),
            // 5 sets need 10 PTEA: 9 are there.
            (
                l.assemble("TEA-SET", "EAST", d("5"), 10, None, None)
                    .unwrap_err(),
                ErrorKind::InsufficientStock,
            ),
            (
                l.assemble("TEA-SET", "WEST", d("1"), 10, None, None)
                    .unwrap_err(),
                ErrorKind::InsufficientStock,
            ),
            (
                l.disassemble("TEA-SET", "EAST", d("1"), 10, None)
                    .unwrap_err(),
                ErrorKind::InsufficientStock,
            ),
        ];
        for (err, kind) in cases {
            assert_eq!(err.kind(), kind, "{err}");
        }
        let err = l
            .assemble("TEA-SET", "EAST", d("5"), 10, None, None)
            .unwrap_err();
        assert!(err.to_string().contains("\"PTEA\""), "{err}");
        // An extra cost finer than the money scale (2 places) is refused as such.
        let err = l
            .assemble("TEA-SET", "EAST", d("1"), 10, Some(d("0.001")), None)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.to_string().contains("decimal places"), "{err}");
        // 0.100 is 0.10: fine.
        let mut ok = l.clone();
        ok.assemble("TEA-SET", "EAST", d("1"), 10, Some(d("0.100")), None)
            .unwrap();
        // Reserved units are not available to an assembly, even with negative stock allowed.
        l.post(Movement::reserve("PTEA", "EAST", d("8"), "SO-1", 10))
            .unwrap();
        let before_reserved = l.clone();
        assert_eq!(
            l.assemble("TEA-SET", "EAST", d("1"), 11, None, None)
                .unwrap_err()
                .kind(),
            ErrorKind::InsufficientStock
        );
        assert_eq!(l, before_reserved);
        assert_ne!(l, before);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Assembling what buildable promises succeeds and one more is refused; assembling
        /// then disassembling restores every quantity and the total value (+ the extra
        /// cost) exactly, under every costing method.
        #[test]
        fn assembly_then_disassembly_restores_the_start(
            method in 0usize..3,
            lots in prop::collection::vec((1u32..20, 1u32..5000, 0u8..3), 1..8),
            per in prop::collection::vec(1u32..4, 3),
            extra in 0u32..500,
        ) {
            let method = [CostMethod::Fifo, CostMethod::Lifo, CostMethod::MovingAverage][method];
            let mut l = Ledger::with_config(LedgerConfig::new().costing(method)).unwrap();
            // Lots of P0..P2 at cents costs, at increasing times.
            let mut moves = Vec::new();
            for (t, (q, cents, sku)) in lots.iter().enumerate() {
                moves.push(Movement::receive(
                    format!("P{sku}"),
                    "W",
                    Decimal::from(*q),
                    Decimal::new(i64::from(*cents), 2),
                    t as i64,
                ));
            }
            for sku in 0..3 {
                moves.push(Movement::receive(format!("P{sku}"), "W", d("1"), d("0.50"), 100));
            }
            l.post_batch(moves).unwrap();
            let comps: Vec<Component> = (0..3)
                .map(|i| Component::new(format!("P{i}"), Decimal::from(per[i])))
                .collect();
            l.define_kit(KitDefinition::new("K", KitKind::Assembled, comps, 0), None).unwrap();
            let n = l.buildable("K", Some("W"), 200).unwrap().quantity;
            let start = l.clone();
            let start_value = l.total_value().unwrap();
            if n > Decimal::ZERO {
                let e = Decimal::new(i64::from(extra), 2);
                l.assemble("K", "W", n, 200, Some(e), None).unwrap();
                prop_assert_eq!(l.total_value().unwrap(), start_value + e);
                l.disassemble("K", "W", n, 201, None).unwrap();
                prop_assert_eq!(l.total_value().unwrap(), start_value + e);
                for i in 0..3 {
                    let sku = format!("P{i}");
                    prop_assert_eq!(
                        l.position(&sku, None).unwrap().on_hand,
                        start.position(&sku, None).unwrap().on_hand
                    );
                }
                prop_assert_eq!(l.position("K", None).unwrap().on_hand, Decimal::ZERO);
            }
            let mut m = start.clone();
            prop_assert_eq!(
                m.assemble("K", "W", n + Decimal::ONE, 200, None, None).unwrap_err().kind(),
                ErrorKind::InsufficientStock
            );
            prop_assert_eq!(&m, &start);
        }
    }
}

// ----- virtual bundles -----

mod bundles {
    use super::*;
    use crate::{Ledger, LedgerError, Movement};

    /// EAST (FIFO): PMUG 3 @ 4.00 then 3 @ 5.00, PRIBBON 10 @ 0.90, TEA-SET (assembled
    /// stock) 2 @ 7.00; GIFT (virtual) = 1 PMUG + 1 TEA-SET + 0.5 PRIBBON.
    fn ledger() -> Ledger {
        let mut l = Ledger::new();
        l.post_batch(vec![
            Movement::receive("PMUG", "EAST", d("3"), d("4.00"), 0),
            Movement::receive("PMUG", "EAST", d("3"), d("5.00"), 1),
            Movement::receive("PRIBBON", "EAST", d("10"), d("0.90"), 0),
            Movement::receive("PTEA", "EAST", d("10"), d("3.00"), 0),
            Movement::receive("PBOX", "EAST", d("10"), d("1.25"), 0),
            Movement::receive("TEA-SET", "EAST", d("2"), d("7.00"), 0),
        ])
        .unwrap();
        for def in gift_book()
            .versions("TEA-SET")
            .iter()
            .chain(gift_book().versions("GIFT"))
        {
            l.define_kit(def.clone(), None).unwrap();
        }
        l
    }

    #[test]
    fn a_bundle_reserves_ships_and_returns_all_its_components_at_their_cost() {
        let mut l = ledger();
        let value0 = l.total_value().unwrap();
        // Reserve 2 gifts for SO-1: 2 mugs, 2 sets, 1 m ribbon.
        let r = l
            .reserve_bundle("GIFT", "EAST", d("2"), "SO-1", 10, None)
            .unwrap();
        assert_eq!(r.movements.len(), 3);
        assert_eq!(l.position("PMUG", Some("EAST")).unwrap().reserved, d("2"));
        // The sets in stock are held now; 4 more gifts can still be made (sets built from
        // 10 PTEA and 10 PBOX: 5; the 4 mugs left limit).
        let g = l.sellable("GIFT", Some("EAST"), 10).unwrap();
        assert_eq!((g.quantity, g.limiting), (d("4"), vec!["PMUG".to_string()]));
        // Ship them from the reservation: COGS 2 × 4.00 + 2 × 7.00 + 1 × 0.90 = 22.90.
        let s = l
            .ship_bundle("GIFT", "EAST", d("2"), 11, Some("SO-1"), "SHIP-1".into())
            .unwrap();
        assert_eq!(s.value, d("22.90"));
        let cogs: Decimal = s.movements.iter().map(|m| m.cogs).sum();
        assert_eq!(cogs, d("22.90"));
        assert_eq!(l.position("PMUG", Some("EAST")).unwrap().reserved, d("0"));
        assert_eq!(l.total_value().unwrap(), value0 - d("22.90"));
        // Redefine the gift (2 mugs from day 1): the return still brings back what shipped.
        let v2 = KitDefinition::new("GIFT", KitKind::Virtual, vec![c("PMUG", "2")], DAY);
        l.define_kit(v2, None).unwrap();
        // One gift back: 1 mug at 4.00, 1 set at 7.00, 0.5 m at 0.45 = 11.45 of COGS undone.
        let back = l
            .return_bundle("SHIP-1", "EAST", d("1"), 2 * DAY, Some("RET-1".into()))
            .unwrap();
        assert_eq!(back.movements.len(), 3);
        let undone: Decimal = back.movements.iter().map(|m| m.cogs).sum();
        assert_eq!(undone, d("-11.45"));
        assert_eq!(l.total_value().unwrap(), value0 - d("22.90") + d("11.45"));
        // A second one is fine; a third is more than shipped.
        l.return_bundle("SHIP-1", "EAST", d("1"), 2 * DAY, None)
            .unwrap();
        let before = l.clone();
        let err = l
            .return_bundle("SHIP-1", "EAST", d("1"), 2 * DAY, None)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ReturnMismatch, "{err}");
        assert_eq!(l, before);
        // The records attribute the movements to the bundle.
        let recs = l.bundle_records();
        assert_eq!(recs.len(), 4);
        assert_eq!(
            recs.iter().map(|r| r.action).collect::<Vec<_>>(),
            [
                BundleAction::Reserve,
                BundleAction::Ship,
                BundleAction::Return,
                BundleAction::Return
            ]
        );
        assert_eq!(
            (recs[1].first_movement, recs[1].movements),
            (s.first_movement, 3)
        );
        // And they survive a snapshot.
        let back = Ledger::from_json(&l.to_json()).unwrap();
        assert_eq!(back, l);
        assert_eq!(back.to_json(), l.to_json());
    }

    const DAY: i64 = 86_400;

    #[test]
    fn all_or_nothing_typed_errors_and_idempotency() {
        let mut l = ledger();
        let before = l.clone();
        // 3 gifts need 3 sets: 2 in stock. Nothing moves.
        let err = l
            .ship_bundle("GIFT", "EAST", d("3"), 10, None, "S".into())
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InsufficientStock);
        assert!(err.to_string().contains("TEA-SET"), "{err}");
        assert_eq!(l, before);
        for (err, kind) in [
            (
                l.ship_bundle("TEA-SET", "EAST", d("1"), 10, None, "S".into())
                    .unwrap_err(),
                ErrorKind::InvalidInput,
            ),
            (
                l.ship_bundle("PMUG", "EAST", d("1"), 10, None, "S".into())
                    .unwrap_err(),
                ErrorKind::UnknownSku,
            ),
            (
                l.ship_bundle("GIFT", "EAST", d("0"), 10, None, "S".into())
                    .unwrap_err(),
                ErrorKind::InvalidInput,
            ),
            (
                l.ship_bundle("GIFT", "EAST", d("1"), 10, Some("NO-ORDER"), "S".into())
                    .unwrap_err(),
                ErrorKind::UnknownReservation,
            ),
            (
                l.release_bundle("GIFT", "EAST", d("1"), "NO-ORDER", 10, None)
                    .unwrap_err(),
                ErrorKind::UnknownReservation,
            ),
            (
                l.return_bundle("NOPE", "EAST", d("1"), 10, None)
                    .unwrap_err(),
                ErrorKind::UnknownShipment,
            ),
        ] {
            assert_eq!(err.kind(), kind, "{err}");
            assert_eq!(l, before);
        }
        let first = l
            .ship_bundle("GIFT", "EAST", d("1"), 10, None, "S".into())
            .unwrap();
        let again = l
            .ship_bundle("GIFT", "EAST", d("1"), 10, None, "S".into())
            .unwrap();
        assert!(again.duplicate && !first.duplicate);
        assert_eq!(again.value, first.value);
        assert_eq!(l.bundle_records().len(), 1);
        let err = l
            .ship_bundle("GIFT", "EAST", d("2"), 10, None, "S".into())
            .unwrap_err();
        assert!(matches!(
            err,
            crate::Error::Ledger(LedgerError::DuplicateReference { .. })
        ));
        // Release what a reservation holds.
        l.reserve_bundle("GIFT", "EAST", d("1"), "SO-2", 11, None)
            .unwrap();
        l.release_bundle("GIFT", "EAST", d("1"), "SO-2", 12, None)
            .unwrap();
        assert_eq!(
            l.position("TEA-SET", Some("EAST")).unwrap().reserved,
            d("0")
        );
    }

    #[test]
    fn snapshots_before_version_3_cannot_hold_bundle_postings() {
        let mut l = Ledger::new();
        l.post(Movement::receive("PA", "W", d("5"), d("1.00"), 0))
            .unwrap();
        let def = KitDefinition::new("B", KitKind::Virtual, vec![c("PA", "2")], 0);
        l.define_kit(def, None).unwrap();
        l.ship_bundle("B", "W", d("1"), 1, None, "S".into())
            .unwrap();
        let json = l.to_json().replacen("\"version\":3", "\"version\":2", 1);
        assert_eq!(
            Ledger::from_json(&json).unwrap_err().kind(),
            ErrorKind::InvalidSnapshot
        );
        let bad = l
            .to_json()
            .replacen("\"action\":\"ship\"", "\"action\":2", 1);
        assert_eq!(
            Ledger::from_json(&bad).unwrap_err().kind(),
            ErrorKind::InvalidSnapshot
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// What sellable promises ships, in full; one more bundle is refused and moves
        /// nothing; stock value + COGS is conserved by shipments and returns.
        #[test]
        fn sellable_bundles_ship_and_one_more_does_not(
            stock in prop::collection::vec(0u32..30, 3),
            per in prop::collection::vec(1u32..4, 3),
            returned in 0u32..3,
        ) {
            let mut l = Ledger::new();
            let moves: Vec<Movement> = (0..3)
                .filter(|&i| stock[i] > 0)
                .map(|i| Movement::receive(format!("P{i}"), "W", Decimal::from(stock[i]), Decimal::new(125 + i as i64, 2), 0))
                .collect();
            if moves.is_empty() {
                return Ok(());
            }
            l.post_batch(moves).unwrap();
            let known: Vec<usize> = (0..3).filter(|&i| stock[i] > 0).collect();
            let comps: Vec<Component> = known
                .iter()
                .map(|&i| Component::new(format!("P{i}"), Decimal::from(per[i])))
                .collect();
            l.define_kit(KitDefinition::new("B", KitKind::Virtual, comps, 0), None).unwrap();
            let n = l.sellable("B", Some("W"), 1).unwrap().quantity;
            let value0 = l.total_value().unwrap();
            if n > Decimal::ZERO {
                let s = l.ship_bundle("B", "W", n, 1, None, "S1".into()).unwrap();
                let cogs: Decimal = s.movements.iter().map(|m| m.cogs).sum();
                prop_assert_eq!(l.total_value().unwrap() + cogs, value0);
                let r = Decimal::from(returned).min(n);
                if r > Decimal::ZERO {
                    let back = l.return_bundle("S1", "W", r, 2, None).unwrap();
                    let undone: Decimal = back.movements.iter().map(|m| m.cogs).sum();
                    prop_assert_eq!(l.total_value().unwrap() + cogs + undone, value0);
                }
            }
            let before = l.clone();
            let more = Decimal::ONE + l.sellable("B", Some("W"), 3).unwrap().quantity;
            prop_assert!(l.ship_bundle("B", "W", more, 3, None, "S2".into()).is_err());
            prop_assert_eq!(&l, &before);
        }
    }
}

// ----- demand explosion -----

mod demand {
    use super::*;
    use crate::{Ledger, Movement, Period};

    const DAY: i64 = 86_400;

    #[test]
    fn kit_and_bundle_sales_explode_into_component_demand() {
        let mut l = Ledger::new();
        l.post_batch(vec![
            Movement::receive("PMUG", "EAST", d("20"), d("4.00"), 0),
            Movement::receive("PTEA", "EAST", d("50"), d("3.00"), 0),
            Movement::receive("PBOX", "EAST", d("20"), d("1.25"), 0),
            Movement::receive("PRIBBON", "EAST", d("20"), d("0.90"), 0),
            Movement::receive("TEA-SET", "EAST", d("10"), d("7.25"), 0),
        ])
        .unwrap();
        for def in gift_book()
            .versions("TEA-SET")
            .iter()
            .chain(gift_book().versions("GIFT"))
        {
            l.define_kit(def.clone(), None).unwrap();
        }
        // Day 1: 3 tea sets sold (each pulls 2 PTEA and 1 PBOX).
        l.post(Movement::ship("TEA-SET", "EAST", d("3"), DAY))
            .unwrap();
        // Day 2: 2 gifts: 2 PMUG, 2 TEA-SET (→ 4 PTEA, 2 PBOX), 1 m ribbon.
        l.ship_bundle("GIFT", "EAST", d("2"), 2 * DAY, None, "G1".into())
            .unwrap();
        // Day 3: one gift back (−1 set → −2 PTEA), 5 PTEA sold on their own.
        l.return_bundle("G1", "EAST", d("1"), 3 * DAY, None)
            .unwrap();
        l.post(Movement::ship("PTEA", "EAST", d("5"), 3 * DAY))
            .unwrap();
        // From day 4 a set takes 3 PTEA; one set sold on day 4.
        let v2 = KitDefinition::new(
            "TEA-SET",
            KitKind::Assembled,
            vec![c("PTEA", "3"), c("PBOX", "1")],
            4 * DAY,
        );
        l.define_kit(v2, None).unwrap();
        l.post(Movement::ship("TEA-SET", "EAST", d("1"), 4 * DAY))
            .unwrap();

        let days = |h: crate::demand::DemandHistory| h.quantities;
        let ptea = l
            .exploded_demand_history("PTEA", None, Period::Day, Some(DAY), Some(4 * DAY))
            .unwrap();
        assert_eq!(days(ptea), [d("6"), d("4"), d("3"), d("3")]);
        let pbox = l
            .exploded_demand_history("PBOX", Some("EAST"), Period::Day, Some(DAY), Some(4 * DAY))
            .unwrap();
        assert_eq!(days(pbox), [d("3"), d("2"), d("-1"), d("1")]);
        // The set's own demand counts the gifts' sets; its exploded view is the same (no
        // kit contains it but the virtual gift, whose sets are real shipments).
        let set = l
            .demand_history("TEA-SET", None, Period::Day, Some(DAY), Some(4 * DAY))
            .unwrap();
        assert_eq!(days(set), [d("3"), d("2"), d("-1"), d("1")]);
        let set_x = l
            .exploded_demand_history("TEA-SET", None, Period::Day, Some(DAY), Some(4 * DAY))
            .unwrap();
        assert_eq!(days(set_x), [d("3"), d("2"), d("-1"), d("1")]);
        // The gift's own demand: 2 on day 2, −1 on day 3.
        let gift = l
            .bundle_demand_history("GIFT", None, Period::Day, None, None)
            .unwrap();
        assert_eq!((gift.start, days(gift)), (2 * DAY, vec![d("2"), d("-1")]));
        // By ISO week: 1970-01-01 is a Thursday, so days 1–3 are in its week, day 4 (a
        // Monday) starts the next.
        let weekly = l
            .exploded_demand_history("PTEA", None, Period::Week, Some(DAY), Some(4 * DAY))
            .unwrap();
        assert_eq!(days(weekly), [d("13"), d("3")]);
        // Errors.
        assert_eq!(
            l.exploded_demand_history("NOPE", None, Period::Day, None, None)
                .unwrap_err()
                .kind(),
            ErrorKind::UnknownSku
        );
        assert_eq!(
            l.bundle_demand_history("PMUG", None, Period::Day, None, None)
                .unwrap_err()
                .kind(),
            ErrorKind::UnknownSku
        );
    }
}

// ----- bundle candidates -----

mod mining {
    use super::*;
    use crate::{Ledger, Movement};

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    /// Ships one unit of each SKU under `order` at time `t` (reserved first).
    fn order(l: &mut Ledger, id: &str, skus: &[&str], t: i64) {
        for s in skus {
            l.post(Movement::reserve(*s, "W", d("1"), id, t)).unwrap();
            l.post(Movement::ship_reserved(*s, "W", d("1"), id, t))
                .unwrap();
        }
    }

    #[test]
    fn pairs_and_triples_with_support_confidence_and_lift() {
        let mut l = Ledger::new();
        for s in ["TEA", "MUG", "HONEY", "CAKE", "PX"] {
            l.post(Movement::receive(s, "W", d("100"), d("1.00"), 0))
                .unwrap();
        }
        // 10 orders: 4 × {TEA, MUG}, 2 × {TEA, MUG, HONEY}, {TEA, HONEY}, {MUG},
        // {CAKE, TEA}, {CAKE}; and a shipment without an order (not an order).
        let baskets: [&[&str]; 10] = [
            &["TEA", "MUG"],
            &["TEA", "MUG"],
            &["TEA", "MUG"],
            &["TEA", "MUG"],
            &["TEA", "MUG", "HONEY"],
            &["TEA", "MUG", "HONEY"],
            &["TEA", "HONEY"],
            &["MUG"],
            &["CAKE", "TEA"],
            &["CAKE"],
        ];
        for (i, b) in baskets.iter().enumerate() {
            order(&mut l, &format!("O{i}"), b, 10 + i as i64);
        }
        l.post(Movement::ship("TEA", "W", d("5"), 30)).unwrap();
        let c = l.bundle_candidates(0, 100, 0.2).unwrap();
        assert_eq!(c.orders, 10);
        // Supports: TEA .8, MUG .7, HONEY .3, CAKE .2. Pairs kept (≥ 2 orders):
        // TEA+HONEY 3 (lift .3 / .24 = 1.25, confidence .3 / .3 = 1),
        // TEA+MUG 6 (lift .6 / .56, confidence .6 / .7),
        // HONEY+MUG 2 (lift .2 / .21, confidence .2 / .3). CAKE+TEA (1 order) is not.
        let names: Vec<Vec<&str>> = c
            .pairs
            .iter()
            .map(|p| p.items.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            names,
            [
                vec!["HONEY", "TEA"],
                vec!["MUG", "TEA"],
                vec!["HONEY", "MUG"]
            ]
        );
        let p = &c.pairs[0];
        assert_eq!(p.orders, 3);
        close(p.support, 0.3);
        close(p.confidence, 1.0);
        close(p.lift, 0.3 / (0.8 * 0.3));
        close(c.pairs[1].lift, 0.6 / (0.8 * 0.7));
        close(c.pairs[1].confidence, 0.6 / 0.7);
        close(c.pairs[2].confidence, 0.2 / 0.3);
        // The triple: 2 orders, support .2, confidence .2 / min(.6, .3, .2) = 1,
        // lift .2 / (.8 × .7 × .3).
        assert_eq!(c.triples.len(), 1);
        let t = &c.triples[0];
        assert_eq!(
            (t.items.clone(), t.orders),
            (vec!["HONEY".to_string(), "MUG".into(), "TEA".into()], 2)
        );
        close(t.confidence, 1.0);
        close(t.lift, 0.2 / (0.8 * 0.7 * 0.3));
        // A higher minimum support keeps only TEA+MUG; a window keeps only its orders.
        let c = l.bundle_candidates(0, 100, 0.5).unwrap();
        assert_eq!(c.pairs.len(), 1);
        assert!(c.triples.is_empty());
        assert_eq!(l.bundle_candidates(10, 14, 0.2).unwrap().orders, 4);
        // Bad input.
        for s in [0.0, -0.1, 1.5, f64::NAN] {
            assert_eq!(
                l.bundle_candidates(0, 100, s).unwrap_err().kind(),
                ErrorKind::InvalidInput
            );
        }
        assert_eq!(
            l.bundle_candidates(5, 4, 0.1).unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }

    #[test]
    fn a_bundles_components_count_as_the_bundle() {
        let mut l = Ledger::new();
        for s in ["TEA", "PMUG", "PBOX"] {
            l.post(Movement::receive(s, "W", d("100"), d("1.00"), 0))
                .unwrap();
        }
        let gift = KitDefinition::new(
            "GIFT",
            KitKind::Virtual,
            vec![c("PMUG", "1"), c("PBOX", "1")],
            0,
        );
        l.define_kit(gift, None).unwrap();
        for i in 0..3 {
            let o = format!("O{i}");
            let t = 10 * i;
            l.reserve_bundle("GIFT", "W", d("1"), &o, t + 1, None)
                .unwrap();
            l.ship_bundle("GIFT", "W", d("1"), t + 2, Some(&o), format!("S{i}"))
                .unwrap();
            order(&mut l, &o, &["TEA"], t + 3);
        }
        let c = l.bundle_candidates(0, 100, 0.5).unwrap();
        assert_eq!(c.orders, 3);
        let items: Vec<Vec<String>> = c.pairs.iter().map(|p| p.items.clone()).collect();
        assert_eq!(items, [vec!["GIFT".to_string(), "TEA".into()]]);
    }
}

// ----- found by review -----

mod review {
    use super::*;
    use crate::{Ledger, LedgerError, Movement, Period};

    fn stocked(skus: &[&str]) -> Ledger {
        let mut l = Ledger::new();
        for s in skus {
            l.post(Movement::receive(*s, "W", d("100"), d("1.00"), 0))
                .unwrap();
        }
        l
    }

    #[test]
    fn an_exploded_demand_beyond_the_decimal_range_is_an_error_not_a_panic() {
        let mut l = stocked(&["A"]);
        let mut below = "A".to_string();
        for k in ["K4", "K3", "K2", "K1"] {
            let def = KitDefinition::new(k, KitKind::Assembled, vec![c(&below, "1000000000")], 0);
            l.define_kit(def, None).unwrap();
            below = k.to_string();
        }
        l.post(Movement::receive("K1", "W", d("2"), d("1.00"), 10))
            .unwrap();
        l.post(Movement::ship("K1", "W", d("1"), 11)).unwrap();
        let err = l
            .exploded_demand_history("A", None, Period::Day, None, None)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Overflow, "{err}");
    }

    #[test]
    fn a_chain_deeper_than_the_limit_is_refused_where_it_is_used() {
        // Defined from the top down, each definition is one level deep on its own.
        let mut l = stocked(&["A"]);
        for i in 0..100 {
            let next = if i == 99 {
                "A".to_string()
            } else {
                format!("S{}", i + 1)
            };
            let mut l2 = l.clone();
            let def = KitDefinition::new(format!("S{i}"), KitKind::Virtual, vec![c(&next, "1")], 0);
            // S{i+1} is not known yet: make it known as a SKU first.
            if i < 99 {
                l2.post(Movement::receive(next.as_str(), "W", d("1"), d("1.00"), 0))
                    .unwrap();
            }
            l2.define_kit(def, None).unwrap();
            l = l2;
        }
        let err = l.kit_book().explode("S0", d("1"), 0, true).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(matches!(err, KitError::TooDeep { .. }), "{err}");
        assert!(l.buildable("S0", None, 0).is_err());
    }

    #[test]
    fn a_component_reference_already_posted_refuses_the_bundle() {
        let mut l = stocked(&["A", "C"]);
        let def = KitDefinition::new("B", KitKind::Virtual, vec![c("A", "1"), c("C", "1")], 0);
        l.define_kit(def, None).unwrap();
        l.post(Movement::ship("A", "W", d("1"), 5).with_reference("R/A"))
            .unwrap();
        let before = l.clone();
        let err = l
            .ship_bundle("B", "W", d("1"), 5, None, "R".into())
            .unwrap_err();
        assert!(
            matches!(
                err,
                crate::Error::Ledger(LedgerError::DuplicateReference { .. })
            ),
            "{err}"
        );
        assert_eq!(l, before);
    }

    #[test]
    fn a_definition_cannot_change_what_was_already_sold() {
        let mut l = stocked(&["A", "C"]);
        l.define_kit(
            KitDefinition::new("B", KitKind::Virtual, vec![c("A", "1")], 0),
            None,
        )
        .unwrap();
        l.ship_bundle("B", "W", d("1"), 100, None, "S".into())
            .unwrap();
        let before = l.clone();
        for t in [50, 100] {
            let def = KitDefinition::new("B", KitKind::Virtual, vec![c("C", "1")], t);
            let err = l.define_kit(def, None).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::OutOfOrder, "{err}");
            assert_eq!(l, before);
        }
        // A SKU sold as a plain SKU cannot become a kit over its past sales either.
        l.post(Movement::receive("K", "W", d("10"), d("1.00"), 0))
            .unwrap();
        l.post(Movement::ship("K", "W", d("4"), 10)).unwrap();
        let def = KitDefinition::new("K", KitKind::Assembled, vec![c("A", "3")], 0);
        assert_eq!(
            l.define_kit(def, None).unwrap_err().kind(),
            ErrorKind::OutOfOrder
        );
        // From later on, both are fine, and the bundle's return still uses what it shipped.
        l.define_kit(
            KitDefinition::new("B", KitKind::Virtual, vec![c("C", "1")], 101),
            None,
        )
        .unwrap();
        let back = l.return_bundle("S", "W", d("1"), 102, None).unwrap();
        assert_eq!(back.movements.len(), 1);
        assert_eq!(l.position("A", None).unwrap().on_hand, d("100"));
    }

    #[test]
    fn a_sub_kits_new_version_changes_the_pull_from_then_on() {
        // K (assembled) = {S}, S (virtual) = {A}: one K sold on day 10; S = {2 A} from day
        // 20; one K sold on day 30: A's pull is 1 + 2 = 3.
        let mut l = stocked(&["A", "K"]);
        let day = 86_400;
        l.define_kit(
            KitDefinition::new("S", KitKind::Virtual, vec![c("A", "1")], 0),
            None,
        )
        .unwrap();
        l.define_kit(
            KitDefinition::new("K", KitKind::Assembled, vec![c("S", "1")], 0),
            None,
        )
        .unwrap();
        l.post(Movement::ship("K", "W", d("1"), 10 * day)).unwrap();
        l.define_kit(
            KitDefinition::new("S", KitKind::Virtual, vec![c("A", "2")], 20 * day),
            None,
        )
        .unwrap();
        l.post(Movement::ship("K", "W", d("1"), 30 * day)).unwrap();
        let h = l
            .exploded_demand_history("A", None, Period::Week, Some(0), Some(35 * day))
            .unwrap();
        assert_eq!(h.quantities.iter().copied().sum::<Decimal>(), d("3"));
    }

    #[test]
    fn a_tampered_bundle_record_is_refused() {
        let mut l = stocked(&["A", "C"]);
        l.define_kit(
            KitDefinition::new("B", KitKind::Virtual, vec![c("A", "1")], 0),
            None,
        )
        .unwrap();
        l.ship_bundle("B", "W", d("1"), 5, None, "S".into())
            .unwrap();
        l.post(Movement::ship("C", "W", d("1"), 6)).unwrap();
        let json = l.to_json();
        assert!(Ledger::from_json(&json).is_ok());
        for (from, to) in [
            (
                "\"quantity\":\"1\",\"time\":5",
                "\"quantity\":\"1000\",\"time\":5",
            ),
            ("\"movements\":1", "\"movements\":2"),
            (
                "\"first_movement\":2,\"movements\":1",
                "\"first_movement\":3,\"movements\":1",
            ),
        ] {
            assert!(json.contains(from), "{from}");
            let bad = json.replacen(from, to, 1);
            assert_eq!(
                Ledger::from_json(&bad).unwrap_err().kind(),
                ErrorKind::InvalidSnapshot,
                "{to}"
            );
        }
    }

    #[test]
    fn a_pair_in_exactly_the_minimum_share_of_orders_is_kept() {
        // 100 orders, the pair in 7 of them: 0.07 × 100 is 7.000000000000001 in floating
        // point, and the pair must still count as in at least 7 % of the orders.
        let mut l = stocked(&["A", "B", "X"]);
        for o in 0..100 {
            let id = format!("O{o}");
            let skus: &[&str] = if o < 7 { &["A", "B"] } else { &["X"] };
            for sku in skus {
                l.post(Movement::reserve(*sku, "W", d("1"), id.as_str(), 1))
                    .unwrap();
                l.post(Movement::ship_reserved(*sku, "W", d("1"), id.as_str(), 1))
                    .unwrap();
            }
        }
        let c = l.bundle_candidates(0, 10, 0.07).unwrap();
        assert_eq!(c.pairs.len(), 1);
        assert_eq!(c.pairs[0].orders, 7);
    }

    #[test]
    fn both_buildable_paths_agree_near_the_largest_answer() {
        let mut b = KitBook::new();
        b.define(
            KitDefinition::new("S", KitKind::Assembled, vec![c("PQ", "1")], 0),
            plain,
        )
        .unwrap();
        b.define(
            KitDefinition::new(
                "V",
                KitKind::Virtual,
                vec![c("PP", "0.000001"), c("S", "1")],
                0,
            ),
            plain,
        )
        .unwrap();
        let linear = b.buildable("V", 0, stock(&[("PP", "700000000"), ("PQ", "1e16")]));
        let bisected = b.buildable(
            "V",
            0,
            stock(&[("PP", "700000000"), ("PQ", "1e16"), ("S", "1")]),
        );
        assert_eq!(linear.unwrap().quantity, d("700000000000000"));
        assert_eq!(bisected.unwrap().quantity, d("700000000000000"));
    }
}
