//! Landed costs: an additional cost (freight, duty, insurance, ...) charged to an earlier
//! receipt, reaching the receipt's units wherever they now are (see
//! [`MovementKind::LandedCost`](super::MovementKind::LandedCost)).

use rust_decimal::Decimal;

use super::journal::{Kind, Resolved};
use super::{Effect, Ledger, Txn};
use crate::costing;
use crate::error::LedgerError;

impl Ledger {
    /// Applies a landed cost of `amount` to the receipt `receipt` of SKU `sku`.
    pub(super) fn apply_landed_cost(
        &mut self,
        txn: &mut Txn,
        sku: u32,
        receipt: u64,
        amount: Decimal,
    ) -> Result<(Effect, Resolved), LedgerError> {
        let scale = self.config.money_scale;
        if amount.normalize().scale() > scale {
            return Err(LedgerError::InvalidInput {
                message: format!(
                    "a landed cost of {amount} has more decimal places than the money scale ({scale})"
                ),
            });
        }
        let not_a_receipt = || LedgerError::UnknownReceipt {
            receipt,
            sku: self.skus.name(sku).to_owned(),
        };
        let r = u32::try_from(receipt)
            .ok()
            .filter(|&r| (r as usize) < self.journal.len())
            .ok_or_else(not_a_receipt)?;
        let entry = &self.journal[r as usize];
        if entry.kind != Kind::Receive || entry.sku != sku {
            return Err(not_a_receipt());
        }
        let received = entry.quantity();
        let location = entry.location;
        let received_at = entry.time;
        // The receipt's units still on hand, position by position.
        let mut held = Vec::new();
        let mut total = Decimal::ZERO;
        for &p in &self.sku_info[sku as usize].pools {
            let q = self.slots[p as usize]
                .pool
                .origin_quantity(r, received_at)?;
            if q > Decimal::ZERO {
                held.push((p, q));
                total = costing::add(total, q, "the units of a receipt")?;
            }
        }
        let on_hand = if total.is_zero() {
            Decimal::ZERO
        } else {
            costing::pro_rata(amount, total, received, scale)?
        };
        // Spread the share on hand over the positions: each takes what is left × its units
        // / the units left, so the last takes the exact remainder and none goes negative.
        let mut value_left = on_hand;
        let mut units_left = total;
        for (p, q) in held {
            let part = costing::pro_rata(value_left, q, units_left, scale)?;
            let slot = &mut self.slots[p as usize];
            txn.save(p, slot);
            txn.scratch.clear();
            let res = slot
                .pool
                .add_to_origin(r, received_at, part, q, scale, &mut txn.scratch);
            txn.record_layers(p);
            res?;
            value_left = costing::sub(value_left, part, "a landed cost")?;
            units_left = costing::sub(units_left, q, "the units of a receipt")?;
        }
        Ok((
            Effect {
                quantity: Decimal::ZERO,
                value: on_hand,
                cogs: costing::sub(amount, on_hand, "a landed cost's COGS")?,
                moved_value: amount,
                adjustment: None,
            },
            Resolved {
                location,
                to: r,
                extra: None,
            },
        ))
    }
}
