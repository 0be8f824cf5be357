//! Strict reading of the engine's JSON (snapshots, movements, purchasing events): a decimal
//! is read from a JSON string only (`"12.50"`, as the engine writes it), never from a JSON
//! number, which a reader could not tell from a binary floating-point value. Used as
//! `#[serde(deserialize_with = "…")]` on every decimal field of a type that is read back.
//!
//! The other strict rules live on the types: every such type has
//! `#[serde(deny_unknown_fields)]`, and [`crate::Movement`] and
//! [`crate::purchasing::PurchaseEvent`] take their kind by name only ([`tagged_object`]).

use rust_decimal::Decimal;
use serde::de::{Deserializer, Error, Visitor};
use serde::Deserialize;

struct DecimalText;

impl Visitor<'_> for DecimalText {
    type Value = Decimal;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a decimal number written as a JSON string (e.g. \"12.50\")")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Decimal, E> {
        v.parse::<Decimal>()
            .map_err(|e| E::custom(format!("{v:?} is not a decimal number: {e}")))
    }
}

/// A decimal from a JSON string only.
pub(crate) fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_str(DecimalText)
}

/// An optional decimal: `null` or a JSON string (use with `#[serde(default)]`).
pub(crate) fn option_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    #[derive(Deserialize)]
    struct Text(#[serde(deserialize_with = "decimal")] Decimal);
    Ok(Option::<Text>::deserialize(d)?.map(|t| t.0))
}

/// A JSON object whose `tag` (`"kind"` of a movement, `"event"` of a purchasing event)
/// names its variant: the rest of the object is read as `T` (an internally tagged enum).
/// Returns the object's `time` and `reference` (the fields the tagged types share) and the
/// kind.
///
/// Serde reads an internally tagged enum's tag as a variant name *or index*, so on its own
/// `"kind": 0` would be a receipt; here the tag must be a string.
pub(crate) fn tagged_object<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
    what: &str,
    tag: &str,
) -> Result<(crate::Timestamp, Option<String>, T), D::Error> {
    use serde_json::Value;
    let mut map = serde_json::Map::<String, Value>::deserialize(d)?;
    let time = match map.remove("time") {
        Some(v) => crate::Timestamp::deserialize(v)
            .map_err(|e| D::Error::custom(format!("{what} time: {e}")))?,
        None => return Err(D::Error::missing_field("time")),
    };
    let reference = match map.remove("reference") {
        Some(v) => Option::<String>::deserialize(v)
            .map_err(|e| D::Error::custom(format!("{what} reference: {e}")))?,
        None => None,
    };
    match map.get(tag) {
        Some(Value::String(_)) => {}
        Some(other) => {
            return Err(D::Error::custom(format!(
                "{what} {tag} must be a name written as a JSON string, not {other}"
            )))
        }
        None => return Err(D::Error::custom(format!("{what} has no {tag:?}"))),
    }
    let kind = T::deserialize(Value::Object(map)).map_err(D::Error::custom)?;
    Ok((time, reference, kind))
}
