//! Assembly and disassembly of kits: stock movements with exact costing (the rules are in
//! the [module documentation](super#assembly-and-disassembly)).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::{KitError, KitKind};
use crate::error::{LedgerError, Result};
use crate::ledger::{AdjustReason, Condition, Movement, MovementKind, Outcome};
use crate::time::Timestamp;
use crate::Ledger;

/// What an assembly or disassembly posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitMovementOutcome {
    /// The journal sequence number of its first movement.
    pub first_movement: u64,
    /// Its movements, in journal order: the units consumed, then the units produced.
    pub movements: Vec<Outcome>,
    /// The value that moved: the cost consumed (+ the extra cost of an assembly).
    pub value: Decimal,
    /// `true` when the reference had been posted with the same operation: nothing changed
    /// (`movements` is then the one movement that carries the reference).
    pub duplicate: bool,
}

/// A movement of `quantity` (signed) of `sku` at `location` for an assembly or disassembly,
/// at `unit_cost` when units are added.
fn adjust(
    sku: &str,
    location: &str,
    quantity: Decimal,
    reason: AdjustReason,
    unit_cost: Option<Decimal>,
    time: Timestamp,
) -> Movement {
    Movement::new(
        MovementKind::Adjust {
            sku: sku.to_owned(),
            location: location.to_owned(),
            quantity,
            reason,
            condition: Condition::Sellable,
            unit_cost,
        },
        time,
    )
}

/// The unit cost that books `value` for `quantity` units exactly, to 28 significant
/// digits; an error if the rounding of quantity × it does not give back `value`.
fn unit_cost_for(value: Decimal, quantity: Decimal, scale: u32) -> Result<Decimal> {
    let u = value.checked_div(quantity).ok_or(KitError::Overflow {
        context: "a kit's unit cost",
    })?;
    let back = quantity
        .checked_mul(u)
        .map(|x| x.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero));
    if back != Some(value) {
        return Err(KitError::InvalidInput {
            message: format!(
                "{value} over {quantity} units has no unit cost that books it exactly"
            ),
        }
        .into());
    }
    Ok(u)
}

impl Ledger {
    /// A repeated reference: the first outcome, or an error if it posted something else (the
    /// kit, location, quantity, reason and time are compared; an assembly's extra cost is
    /// not kept apart from the value, so it is not).
    fn repeated_kit_move(
        &self,
        reference: Option<&str>,
        kit: &str,
        location: &str,
        quantity: Decimal,
        reason: AdjustReason,
        time: Timestamp,
    ) -> Result<Option<KitMovementOutcome>> {
        let Some(r) = reference else {
            return Ok(None);
        };
        let Some(first) = self.entry_of_reference(r) else {
            return Ok(None);
        };
        let same = first.movement.time == time
            && match &first.movement.kind {
                MovementKind::Adjust {
                    sku,
                    location: l,
                    quantity: q,
                    reason: why,
                    ..
                } => {
                    sku == kit
                        && l == location
                        && *why == reason
                        && (if reason == AdjustReason::Assembly {
                            *q == quantity
                        } else {
                            *q == -quantity
                        })
                }
                _ => false,
            };
        if !same {
            return Err(LedgerError::DuplicateReference {
                reference: r.to_owned(),
            }
            .into());
        }
        let mut o = first.outcome;
        o.duplicate = true;
        Ok(Some(KitMovementOutcome {
            first_movement: o.sequence,
            value: o.moved_value,
            movements: vec![o],
            duplicate: true,
        }))
    }

    /// Assembles `quantity` units of the assembled kit `kit` at `location` (see the
    /// [module documentation](crate::kits#assembly-and-disassembly)): its components, as
    /// defined at `time`, leave the location's available stock through their costing
    /// methods, and the kit's units arrive at exactly the cost consumed + `extra_cost`
    /// (labour, packaging). One transaction; the kit's movement carries `reference`.
    ///
    /// # Errors
    /// [`KitError::NotAKit`]; [`KitError::InvalidInput`] for a virtual bundle, a quantity
    /// ≤ 0 or a negative extra cost; [`LedgerError::InsufficientStock`] naming the first
    /// component short of available units; [`LedgerError::DuplicateReference`]; any error
    /// of the movements. Nothing changed then.
    pub fn assemble(
        &mut self,
        kit: &str,
        location: &str,
        quantity: Decimal,
        time: Timestamp,
        extra_cost: Option<Decimal>,
        reference: Option<String>,
    ) -> Result<KitMovementOutcome> {
        if let Some(first) = self.repeated_kit_move(
            reference.as_deref(),
            kit,
            location,
            quantity,
            AdjustReason::Assembly,
            time,
        )? {
            return Ok(first);
        }
        let def = self.assembled(kit, time)?;
        positive(quantity)?;
        let extra = extra_cost.unwrap_or(Decimal::ZERO);
        if extra.is_sign_negative() && !extra.is_zero() {
            return Err(KitError::InvalidInput {
                message: format!("an assembly's extra cost must be ≥ 0, got {extra}"),
            }
            .into());
        }
        let scale = self.config().money_scale;
        if extra.normalize().scale() > scale {
            return Err(KitError::InvalidInput {
                message: format!(
                    "an assembly's extra cost {extra} has more decimal places than the money scale ({scale})"
                ),
            }
            .into());
        }
        let parts = self
            .kits
            .book
            .explode_in_order(&def.kit, quantity, time, false)?;
        for (sku, q) in &parts {
            let p = self.position(sku, Some(location)).unwrap_or_default();
            if p.available < *q {
                return Err(LedgerError::InsufficientStock {
                    sku: sku.clone(),
                    location: location.to_owned(),
                    condition: Condition::Sellable,
                    requested: *q,
                    available: p.available.max(Decimal::ZERO),
                }
                .into());
            }
        }
        self.transaction(|tx| {
            let first_movement = tx.ledger.len() as u64;
            let mut movements = Vec::with_capacity(parts.len() + 1);
            let mut consumed = Decimal::ZERO;
            for (sku, q) in &parts {
                let out = tx.post(adjust(
                    sku,
                    location,
                    -*q,
                    AdjustReason::Assembly,
                    None,
                    time,
                ))?;
                consumed = consumed
                    .checked_add(out.moved_value)
                    .ok_or(KitError::Overflow {
                        context: "an assembly's cost",
                    })?;
                movements.push(out);
            }
            let value = consumed.checked_add(extra).ok_or(KitError::Overflow {
                context: "an assembly's cost",
            })?;
            let unit = unit_cost_for(value, quantity, scale)?;
            let mut m = adjust(
                kit,
                location,
                quantity,
                AdjustReason::Assembly,
                Some(unit),
                time,
            );
            m.reference = reference;
            let out = tx.post(m)?;
            debug_assert_eq!(out.moved_value, value);
            movements.push(out);
            Ok(KitMovementOutcome {
                first_movement,
                movements,
                value,
                duplicate: false,
            })
        })
    }

    /// Disassembles `quantity` units of the assembled kit `kit` at `location`: they leave
    /// through the kit's costing method, and its components (as defined at `time`) come
    /// back with that cost split over them in proportion to their current cost (see the
    /// [module documentation](crate::kits#assembly-and-disassembly)): no cent lost or
    /// created. One transaction; the kit's movement carries `reference`.
    ///
    /// # Errors
    /// As [`Ledger::assemble`]; [`LedgerError::InsufficientStock`] when the kit's available
    /// units are short.
    pub fn disassemble(
        &mut self,
        kit: &str,
        location: &str,
        quantity: Decimal,
        time: Timestamp,
        reference: Option<String>,
    ) -> Result<KitMovementOutcome> {
        if let Some(first) = self.repeated_kit_move(
            reference.as_deref(),
            kit,
            location,
            quantity,
            AdjustReason::Disassembly,
            time,
        )? {
            return Ok(first);
        }
        let def = self.assembled(kit, time)?;
        positive(quantity)?;
        let p = self.position(kit, Some(location)).unwrap_or_default();
        if p.available < quantity {
            return Err(LedgerError::InsufficientStock {
                sku: kit.to_owned(),
                location: location.to_owned(),
                condition: Condition::Sellable,
                requested: quantity,
                available: p.available.max(Decimal::ZERO),
            }
            .into());
        }
        let parts = self
            .kits
            .book
            .explode_in_order(&def.kit, quantity, time, false)?;
        // Each component's weight: its units × its current unit cost here (else across all
        // locations); without a cost for every one, its units.
        let cost_of = |sku: &str| -> Option<Decimal> {
            [Some(location), None].into_iter().find_map(|l| {
                let v = self.valuation(sku, l).ok()?;
                (v.quantity > Decimal::ZERO)
                    .then(|| v.value.checked_div(v.quantity))
                    .flatten()
            })
        };
        let costs: Option<Vec<Decimal>> = parts.iter().map(|(s, _)| cost_of(s)).collect();
        let weights: Vec<Decimal> = match costs {
            Some(c) => parts
                .iter()
                .zip(c)
                .map(|((_, q), u)| q.checked_mul(u).unwrap_or(Decimal::MAX))
                .collect(),
            None => parts.iter().map(|(_, q)| *q).collect(),
        };
        let weights = if weights.iter().all(|w| w.is_zero()) {
            parts.iter().map(|(_, q)| *q).collect()
        } else {
            weights
        };
        let scale = self.config().money_scale;
        self.transaction(|tx| {
            let first_movement = tx.ledger.len() as u64;
            let mut m = adjust(
                kit,
                location,
                -quantity,
                AdjustReason::Disassembly,
                None,
                time,
            );
            m.reference = reference;
            let out = tx.post(m)?;
            let value = out.moved_value;
            let mut movements = Vec::with_capacity(parts.len() + 1);
            movements.push(out);
            for ((sku, q), part) in parts.iter().zip(split(value, &weights, scale)?) {
                let unit = unit_cost_for(part, *q, scale)?;
                let out = tx.post(adjust(
                    sku,
                    location,
                    *q,
                    AdjustReason::Disassembly,
                    Some(unit),
                    time,
                ))?;
                debug_assert_eq!(out.moved_value, part);
                movements.push(out);
            }
            Ok(KitMovementOutcome {
                first_movement,
                movements,
                value,
                duplicate: false,
            })
        })
    }

    /// The definition of the assembled kit `kit` at `time`.
    fn assembled(&self, kit: &str, time: Timestamp) -> Result<super::KitDefinition> {
        let def = self
            .kits
            .book
            .definition_at(kit, time)
            .ok_or_else(|| KitError::NotAKit {
                sku: kit.to_owned(),
                time,
            })?;
        if def.kind != KitKind::Assembled {
            return Err(KitError::InvalidInput {
                message: format!(
                    "{kit:?} is a virtual bundle: it has no stock to assemble or disassemble"
                ),
            }
            .into());
        }
        Ok(def.clone())
    }
}

fn positive(quantity: Decimal) -> Result<()> {
    if quantity <= Decimal::ZERO {
        return Err(KitError::InvalidInput {
            message: format!("a quantity of kits must be > 0, got {quantity}"),
        }
        .into());
    }
    Ok(())
}

/// `value` split in proportion to `weights` (≥ 0, some > 0): each part but the last is its
/// exact share rounded down to `scale`, the last takes the remainder (≥ 0).
pub(crate) fn split(value: Decimal, weights: &[Decimal], scale: u32) -> Result<Vec<Decimal>> {
    let overflow = || KitError::Overflow {
        context: "a disassembly's split",
    };
    let total = weights
        .iter()
        .try_fold(Decimal::ZERO, |a, w| a.checked_add(*w))
        .ok_or_else(overflow)?;
    let mut parts = Vec::with_capacity(weights.len());
    let mut given = Decimal::ZERO;
    for (i, w) in weights.iter().enumerate() {
        let part = if i + 1 == weights.len() {
            value - given
        } else if total.is_zero() {
            Decimal::ZERO
        } else {
            value
                .checked_mul(*w)
                .and_then(|x| x.checked_div(total))
                .ok_or_else(overflow)?
                .round_dp_with_strategy(scale, RoundingStrategy::ToZero)
        };
        given += part;
        parts.push(part);
    }
    Ok(parts)
}
