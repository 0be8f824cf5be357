//! A fast reader of journal entries as the engine writes them (a durable store reads one
//! per movement when it opens).
//!
//! A movement's own `Deserialize` reads the object into a `serde_json::Value` map, then
//! the internally tagged kind from it: strict (the kind by name only, no unknown field,
//! decimals as strings), but 1.9 µs an entry. This reader takes every field of every kind
//! into one flat struct, straight from the text, and builds the kind from it. It accepts
//! only what the strict reader accepts with the same result: whenever it is in doubt (a
//! field the kind does not have, a missing one, a `null`, a duplicate key, anything it does
//! not parse), it hands the text to the strict reader, whose answer (value or error) is
//! then the answer. So it is a shortcut, never a second set of rules.

use rust_decimal::Decimal;
use serde::de::IntoDeserializer;
use serde::{Deserialize, Deserializer};

use super::{AdjustReason, Condition, JournalEntry, Movement, MovementKind, Outcome, Timestamp};

/// A present, non-null value (absent: `None` through `#[serde(default)]`; `null` is an
/// error, which sends the text to the strict reader).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

fn present_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    crate::strict::decimal(d).map(Some)
}

/// Every field of every movement kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    time: Timestamp,
    #[serde(default, deserialize_with = "present")]
    reference: Option<String>,
    kind: String,
    #[serde(default, deserialize_with = "present")]
    sku: Option<String>,
    #[serde(default, deserialize_with = "present")]
    location: Option<String>,
    #[serde(default, deserialize_with = "present_decimal")]
    quantity: Option<Decimal>,
    #[serde(default, deserialize_with = "present_decimal")]
    unit_cost: Option<Decimal>,
    #[serde(default, deserialize_with = "present")]
    purchase_order: Option<String>,
    #[serde(default, deserialize_with = "present")]
    condition: Option<Condition>,
    #[serde(default, deserialize_with = "present")]
    receipt: Option<u64>,
    #[serde(default, deserialize_with = "present_decimal")]
    amount: Option<Decimal>,
    #[serde(default, deserialize_with = "present")]
    reservation: Option<String>,
    #[serde(default, deserialize_with = "present")]
    shipment: Option<String>,
    /// A transfer's locations, or a reclassification's conditions (by name).
    #[serde(default, deserialize_with = "present")]
    from: Option<String>,
    #[serde(default, deserialize_with = "present")]
    to: Option<String>,
    #[serde(default, deserialize_with = "present")]
    reason: Option<AdjustReason>,
    #[serde(default, deserialize_with = "present_decimal")]
    counted: Option<Decimal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireEntry {
    movement: Wire,
    outcome: Outcome,
}

/// A condition by name, as the strict reader reads one.
fn condition(name: &str) -> Option<Condition> {
    let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    Condition::deserialize(d).ok()
}

impl Wire {
    /// The movement, if the fields are exactly a kind's (required ones present, no other).
    fn movement(self) -> Option<Movement> {
        let Wire {
            time,
            reference,
            kind,
            sku,
            location,
            quantity,
            unit_cost,
            purchase_order,
            condition: cond,
            receipt,
            amount,
            reservation,
            shipment,
            from,
            to,
            reason,
            counted,
        } = self;
        // Which optional fields are present, to check each kind takes no field it lacks.
        let has = [
            location.is_some(),
            quantity.is_some(),
            unit_cost.is_some(),
            purchase_order.is_some(),
            cond.is_some(),
            receipt.is_some(),
            amount.is_some(),
            reservation.is_some(),
            shipment.is_some(),
            from.is_some(),
            to.is_some(),
            reason.is_some(),
            counted.is_some(),
        ];
        // Field names in the order of `has`.
        const L: usize = 0;
        const Q: usize = 1;
        const U: usize = 2;
        const PO: usize = 3;
        const C: usize = 4;
        const RC: usize = 5;
        const A: usize = 6;
        const RS: usize = 7;
        const SH: usize = 8;
        const F: usize = 9;
        const T: usize = 10;
        const RE: usize = 11;
        const CO: usize = 12;
        let only = |allowed: &[usize]| {
            has.iter()
                .enumerate()
                .all(|(i, &h)| !h || allowed.contains(&i))
        };
        let sku = sku?;
        let kind = match kind.as_str() {
            "receive" if only(&[L, Q, U, PO, C]) => MovementKind::Receive {
                sku,
                location: location?,
                quantity: quantity?,
                unit_cost: unit_cost?,
                purchase_order,
                condition: cond.unwrap_or_default(),
            },
            "landed_cost" if only(&[RC, A]) => MovementKind::LandedCost {
                sku,
                receipt: receipt?,
                amount: amount?,
            },
            "ship" if only(&[L, Q, RS]) => MovementKind::Ship {
                sku,
                location: location?,
                quantity: quantity?,
                reservation,
            },
            "customer_return" if only(&[L, Q, C, SH, U]) => MovementKind::CustomerReturn {
                sku,
                location: location?,
                quantity: quantity?,
                condition: cond.unwrap_or_default(),
                shipment,
                unit_cost,
            },
            "return_to_supplier" if only(&[L, Q, C, PO]) => MovementKind::ReturnToSupplier {
                sku,
                location: location?,
                quantity: quantity?,
                condition: cond.unwrap_or_default(),
                purchase_order,
            },
            "transfer" if only(&[F, T, Q, C]) => MovementKind::Transfer {
                sku,
                from: from?,
                to: to?,
                quantity: quantity?,
                condition: cond.unwrap_or_default(),
            },
            "reclassify" if only(&[L, Q, F, T]) => MovementKind::Reclassify {
                sku,
                location: location?,
                quantity: quantity?,
                from: condition(&from?)?,
                to: condition(&to?)?,
            },
            "adjust" if only(&[L, Q, RE, C, U]) => MovementKind::Adjust {
                sku,
                location: location?,
                quantity: quantity?,
                reason: reason?,
                condition: cond.unwrap_or_default(),
                unit_cost,
            },
            "cycle_count" if only(&[L, CO, C, U]) => MovementKind::CycleCount {
                sku,
                location: location?,
                counted: counted?,
                condition: cond.unwrap_or_default(),
                unit_cost,
            },
            "reserve" if only(&[L, Q, RS]) => MovementKind::Reserve {
                sku,
                location: location?,
                quantity: quantity?,
                reservation: reservation?,
            },
            "release" if only(&[L, Q, RS]) => MovementKind::Release {
                sku,
                location: location?,
                quantity,
                reservation: reservation?,
            },
            _ => return None,
        };
        Some(Movement {
            time,
            reference,
            kind,
        })
    }
}

/// A journal entry (`{"movement": ..., "outcome": ...}`) read from `text`, exactly as
/// `serde_json::from_str::<JournalEntry>` reads it (see the [module documentation](self)).
pub(crate) fn parse_entry(text: &str) -> serde_json::Result<JournalEntry> {
    // Only an entry whose movement is an object, as written: a derived struct would also
    // read a JSON array, which the strict reader refuses.
    if !text.starts_with("{\"movement\":{") {
        return serde_json::from_str(text);
    }
    if let Ok(w) = serde_json::from_str::<WireEntry>(text) {
        let outcome = w.outcome;
        if let Some(movement) = w.movement.movement() {
            return Ok(JournalEntry { movement, outcome });
        }
    }
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn samples() -> Vec<String> {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let mut l = crate::Ledger::new();
        let ms = vec![
            Movement::receive("A", "W", d("10"), d("1.25"), 0).with_reference("R1"),
            Movement::receive("A", "W", d("2"), d("1"), 0),
            Movement::ship("A", "W", d("1"), 1),
            Movement::reserve("A", "W", d("2"), "O", 2),
            Movement::ship_reserved("A", "W", d("1"), "O", 3).with_reference("S1"),
            Movement::release("A", "W", None, "O", 4),
            Movement::customer_return("A", "W", d("1"), 5),
            Movement::transfer("A", "W", "X", d("2"), 6),
            Movement::adjust("A", "W", d("-1"), AdjustReason::Damage, 7),
            Movement::cycle_count("A", "W", d("3"), 8),
            Movement::landed_cost("A", 0, d("2.00"), 9),
        ];
        for m in ms {
            l.post(m).unwrap();
        }
        let mut r = MovementKind::Reclassify {
            sku: "A".into(),
            location: "W".into(),
            quantity: d("1"),
            from: Condition::Sellable,
            to: Condition::Damaged,
        };
        l.post(Movement::new(r.clone(), 10)).unwrap();
        if let MovementKind::Reclassify { to, .. } = &mut r {
            *to = Condition::Quarantine;
        }
        l.post(Movement::new(r, 11)).unwrap();
        l.post(Movement::new(
            MovementKind::ReturnToSupplier {
                sku: "A".into(),
                location: "X".into(),
                quantity: d("1"),
                condition: Condition::Sellable,
                purchase_order: Some("PO".into()),
            },
            12,
        ))
        .unwrap();
        l.journal_jsonl(0).lines().map(str::to_owned).collect()
    }

    #[test]
    fn every_kind_reads_back_through_the_fast_path() {
        for text in samples() {
            let w: WireEntry = serde_json::from_str(&text).unwrap();
            let fast = w
                .movement
                .movement()
                .expect("the fast path takes what the engine writes");
            let strict: JournalEntry = serde_json::from_str(&text).unwrap();
            assert_eq!(fast, strict.movement, "{text}");
            assert_eq!(parse_entry(&text).unwrap(), strict);
        }
    }

    #[test]
    fn a_movement_written_as_an_array_is_refused_as_the_strict_reader_refuses_it() {
        let outcome = r#"{"sequence":0,"quantity":"1","value":"1","cogs":"0","moved_value":"1"}"#;
        for movement in [r#"[0,"R","receive","A","W","1","1"]"#, r#"[0]"#] {
            for text in [
                format!(r#"{{"movement":{movement},"outcome":{outcome}}}"#),
                format!(r#"[{movement},{outcome}]"#),
            ] {
                let strict = serde_json::from_str::<JournalEntry>(&text).map_err(|e| e.to_string());
                let fast = parse_entry(&text).map_err(|e| e.to_string());
                assert_eq!(strict, fast, "{text}");
                assert!(fast.is_err());
            }
        }
    }

    fn tokens() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "null",
            "0",
            "1.5",
            "\"1.5\"",
            "\"x\"",
            "\"sellable\"",
            "\"damaged\"",
            "\"damage\"",
            "true",
            "[]",
            "{}",
            "-1",
            "\"receive\"",
            "\"release\"",
            "18446744073709551616",
        ])
        .prop_map(str::to_owned)
    }

    fn keys() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "time",
            "reference",
            "kind",
            "sku",
            "location",
            "quantity",
            "unit_cost",
            "purchase_order",
            "condition",
            "receipt",
            "amount",
            "reservation",
            "shipment",
            "from",
            "to",
            "reason",
            "counted",
            "colour",
        ])
        .prop_map(str::to_owned)
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2048),
            ..ProptestConfig::default()
        })]

        /// On any movement altered (a field set to another value, added or removed), the
        /// fast reader's answer is the strict reader's.
        #[test]
        fn the_fast_reader_answers_as_the_strict_one(
            pick in any::<usize>(),
            edits in prop::collection::vec((keys(), prop::option::of(tokens())), 1..4),
        ) {
            let all = samples();
            let text = &all[pick % all.len()];
            let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
            let m = v["movement"].as_object_mut().unwrap();
            for (k, t) in &edits {
                match t {
                    Some(t) => { m.insert(k.clone(), serde_json::from_str(t).unwrap()); }
                    None => { m.remove(k); }
                }
            }
            let edited = serde_json::to_string(&v).unwrap();
            let strict = serde_json::from_str::<JournalEntry>(&edited);
            let fast = parse_entry(&edited);
            match (strict, fast) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                (a, b) => prop_assert!(false, "strict {:?}, fast {:?} on {}", a, b, edited),
            }
        }
    }
}
