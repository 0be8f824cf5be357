//! Posting purchasing events: checks, the changes to the documents, and the movements.

use rust_decimal::{Decimal, RoundingStrategy};
use std::sync::Arc;

use super::state::{ChargeRecord, Line, Order, Payment, Receipt, ReceivedLine, Recorded};
use super::types::{
    Allocation, Charge, DropshipSale, LineChange, NewLine, OrderStatus, OverReceipt, PaymentTerms,
    PurchaseEvent, PurchaseEventKind, PurchaseOutcome, ReceiptLine, Supplier, SupplierItem,
};
use crate::costing;
use crate::error::{LedgerError, PurchasingError, Result};
use crate::ledger::{
    Condition, Ledger, Movement, MovementKind, Outcome, Posting, MAX_QUANTITY_SCALE, MAX_TIMESTAMP,
    MIN_TIMESTAMP,
};
use crate::policy::DiscountKind;
use crate::time::{Timestamp, SECONDS_PER_DAY};

type PResult<T> = std::result::Result<T, PurchasingError>;

fn invalid(message: String) -> PurchasingError {
    PurchasingError::InvalidInput { message }
}

fn id(field: &str, s: &str) -> PResult<()> {
    if s.is_empty() {
        return Err(invalid(format!("{field} must not be empty")));
    }
    Ok(())
}

fn time(field: &str, t: Timestamp) -> PResult<()> {
    if !(MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&t) {
        return Err(invalid(format!(
            "{field} {t} is outside the years 1 to 9999 (seconds since the Unix epoch, UTC)"
        )));
    }
    Ok(())
}

/// The largest quantity, price or amount an event may carry (10^15), so that the sums and
/// products purchasing keeps stay far inside the decimal range.
pub(crate) const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

fn at_most(field: &str, v: Decimal) -> PResult<()> {
    if v > MAX_AMOUNT {
        return Err(invalid(format!("{field} {v} is larger than 10^15")));
    }
    Ok(())
}

/// A quantity ≥ 0 (> 0 with `positive`) with at most [`MAX_QUANTITY_SCALE`] places.
fn quantity(field: &str, q: Decimal, positive: bool) -> PResult<()> {
    at_most(field, q)?;
    if q.is_sign_negative() && !q.is_zero() || positive && q.is_zero() {
        let expected = if positive { "> 0" } else { "≥ 0" };
        return Err(invalid(format!("{field} {q} must be {expected}")));
    }
    if q.normalize().scale() > MAX_QUANTITY_SCALE {
        return Err(invalid(format!(
            "{field} {q} has more than {MAX_QUANTITY_SCALE} decimal places"
        )));
    }
    Ok(())
}

fn price(field: &str, p: Decimal) -> PResult<()> {
    at_most(field, p)?;
    if p.is_sign_negative() && !p.is_zero() {
        return Err(invalid(format!("{field} {p} must not be negative")));
    }
    Ok(())
}

/// An amount > 0 with at most `scale` places.
fn money(field: &str, a: Decimal, scale: u32) -> PResult<()> {
    at_most(field, a)?;
    if a <= Decimal::ZERO {
        return Err(invalid(format!("{field} {a} must be > 0")));
    }
    if a.normalize().scale() > scale {
        return Err(invalid(format!(
            "{field} {a} has more decimal places than the money scale ({scale})"
        )));
    }
    Ok(())
}

fn days(field: &str, v: f64) -> PResult<()> {
    if !v.is_finite() || v < 0.0 {
        return Err(invalid(format!("{field} {v} must be a finite number ≥ 0")));
    }
    Ok(())
}

fn overflow(context: &'static str) -> PurchasingError {
    invalid(format!("arithmetic overflow while computing {context}"))
}

impl PaymentTerms {
    fn check(&self) -> PResult<()> {
        if let Some(d) = &self.discount {
            if d.percent < Decimal::ZERO || d.percent >= Decimal::ONE_HUNDRED {
                return Err(invalid(format!(
                    "an early-payment discount of {} % is not in [0, 100)",
                    d.percent
                )));
            }
            if d.days > self.net_days {
                return Err(invalid(format!(
                    "the discount period ({} days) is longer than the net period ({} days)",
                    d.days, self.net_days
                )));
            }
        }
        Ok(())
    }
}

impl SupplierItem {
    fn check(&self) -> PResult<()> {
        id("sku", &self.sku)?;
        if let Some(code) = &self.supplier_sku {
            id("supplier_sku", code)?;
        }
        if self.prices.is_empty() {
            return Err(invalid(format!("SKU {:?}: no price breaks", self.sku)));
        }
        for (i, b) in self.prices.iter().enumerate() {
            quantity("a price break's min_quantity", b.min_quantity, false)?;
            price("a price break's unit_price", b.unit_price)?;
            if i > 0 && b.min_quantity <= self.prices[i - 1].min_quantity {
                return Err(invalid(format!(
                    "SKU {:?}: price break {i} ({}) does not start above break {} ({}): breaks must increase",
                    self.sku,
                    b.min_quantity,
                    i - 1,
                    self.prices[i - 1].min_quantity
                )));
            }
        }
        quantity("min_order_quantity", self.min_order_quantity, false)?;
        if let Some(p) = self.pack_size {
            quantity("pack_size", p, true)?;
        }
        days("lead time mean_days", self.lead_time.mean_days)?;
        days("lead time std_days", self.lead_time.std_days)
    }

    /// The unit price of an order line of `quantity` units (see the
    /// [module documentation](super) for the rule).
    ///
    /// # Errors
    /// [`PurchasingError::InvalidInput`] for a quantity below the first all-units break.
    pub fn price_for(&self, quantity: Decimal) -> PResult<Decimal> {
        match self.discount {
            DiscountKind::AllUnits => {
                self.prices
                    .iter()
                    .rev()
                    .find(|b| b.min_quantity <= quantity)
                    .map(|b| b.unit_price)
                    .ok_or_else(|| {
                        invalid(format!(
                        "no price for {quantity} of SKU {:?}: its first price break starts at {}",
                        self.sku,
                        self.prices.first().map_or(Decimal::ZERO, |b| b.min_quantity)
                    ))
                    })
            }
            DiscountKind::Incremental => {
                if quantity <= Decimal::ZERO {
                    return Ok(self.prices.first().map_or(Decimal::ZERO, |b| b.unit_price));
                }
                let mut total = Decimal::ZERO;
                for (i, b) in self.prices.iter().enumerate() {
                    let start = if i == 0 {
                        Decimal::ZERO
                    } else {
                        b.min_quantity
                    };
                    if quantity <= start {
                        break;
                    }
                    let end = self
                        .prices
                        .get(i + 1)
                        .map_or(quantity, |n| n.min_quantity.min(quantity));
                    let part = (end - start)
                        .checked_mul(b.unit_price)
                        .ok_or_else(|| overflow("an incremental price"))?;
                    total = total
                        .checked_add(part)
                        .ok_or_else(|| overflow("an incremental price"))?;
                }
                total
                    .checked_div(quantity)
                    .map(|p| p.normalize())
                    .ok_or_else(|| overflow("an incremental price"))
            }
        }
    }

    /// Checks a quantity against the minimum order quantity and the pack size.
    fn check_order_quantity(&self, supplier: &str, line: u32, q: Decimal) -> PResult<()> {
        let fail = |reason: String| PurchasingError::OrderQuantity {
            supplier: supplier.to_owned(),
            sku: self.sku.clone(),
            line,
            quantity: q,
            reason,
        };
        if q < self.min_order_quantity {
            return Err(fail(format!(
                "is below the minimum order quantity {}",
                self.min_order_quantity
            )));
        }
        if let Some(pack) = self.pack_size {
            if !(q % pack).is_zero() {
                return Err(fail(format!("is not a multiple of the pack size {pack}")));
            }
        }
        Ok(())
    }
}

impl Supplier {
    fn check(&self) -> PResult<()> {
        id("supplier id", &self.id)?;
        id("supplier name", &self.name)?;
        self.terms.check()?;
        let mut seen = std::collections::HashSet::with_capacity(self.items.len());
        for item in &self.items {
            item.check()?;
            if !seen.insert(item.sku.as_str()) {
                return Err(PurchasingError::DuplicateId {
                    what: "item of the supplier for SKU",
                    id: item.sku.clone(),
                });
            }
        }
        Ok(())
    }
}

/// Checks an event's fields on their own (no state needed).
fn check(e: &PurchaseEvent, scale: u32) -> PResult<()> {
    time("time", e.time)?;
    if let Some(r) = &e.reference {
        id("reference", r)?;
    }
    if let Some(o) = e.order() {
        id("order", o)?;
    }
    let new_line = |l: &NewLine| -> PResult<()> {
        id("sku", &l.sku)?;
        id("location", &l.location)?;
        quantity("quantity", l.quantity, true)?;
        if let Some(p) = l.unit_price {
            price("unit_price", p)?;
        }
        time("expected", l.expected)
    };
    let change = |c: &LineChange| -> PResult<()> {
        if let Some(q) = c.quantity {
            quantity("quantity", q, false)?;
        }
        if let Some(p) = c.unit_price {
            price("unit_price", p)?;
        }
        if let Some(t) = c.expected {
            time("expected", t)?;
        }
        Ok(())
    };
    match &e.kind {
        PurchaseEventKind::SetSupplier { supplier } => supplier.check(),
        PurchaseEventKind::CreateOrder {
            supplier, lines, ..
        } => {
            id("supplier", supplier)?;
            if lines.is_empty() {
                return Err(invalid("a purchase order needs at least one line".into()));
            }
            for (i, l) in lines.iter().enumerate() {
                new_line(l)?;
                if lines[..i].iter().any(|x| x.line == l.line) {
                    return Err(PurchasingError::DuplicateId {
                        what: "line",
                        id: l.line.to_string(),
                    });
                }
            }
            Ok(())
        }
        PurchaseEventKind::AddLine { line, .. } => new_line(line),
        PurchaseEventKind::Dropship { sale, .. } => {
            id("sku", &sale.sku)?;
            id("location", &sale.location)?;
            quantity("quantity", sale.quantity, true)?;
            if let Some(s) = &sale.supplier {
                id("supplier", s)?;
            }
            if let Some(p) = sale.unit_price {
                price("unit_price", p)?;
            }
            if let Some(t) = sale.expected {
                time("expected", t)?;
            }
            if let Some(c) = &sale.customer_order {
                id("customer_order", c)?;
            }
            Ok(())
        }
        PurchaseEventKind::AmendLine { change: c, .. } => {
            change(c)?;
            if c.quantity.is_some_and(|q| q.is_zero()) {
                return Err(invalid(
                    "an amendment cannot set a quantity of 0: cancel the line instead".into(),
                ));
            }
            Ok(())
        }
        PurchaseEventKind::ConfirmOrder { changes, .. } => {
            for (i, c) in changes.iter().enumerate() {
                change(c)?;
                if c.unit_price.is_some() {
                    return Err(invalid(
                        "a confirmation does not change prices: amend the line instead".into(),
                    ));
                }
                if changes[..i].iter().any(|x| x.line == c.line) {
                    return Err(invalid(format!("line {} is changed twice", c.line)));
                }
            }
            Ok(())
        }
        PurchaseEventKind::ReceiveOrder { receipt, lines, .. } => {
            id("receipt", receipt)?;
            if lines.is_empty() {
                return Err(invalid("a receipt needs at least one line".into()));
            }
            for (i, l) in lines.iter().enumerate() {
                for (c, q) in l.by_condition() {
                    quantity(c.as_str(), q, false)?;
                }
                if l.sellable + l.damaged + l.quarantine <= Decimal::ZERO {
                    return Err(invalid(format!("receipt line {} has no units", l.line)));
                }
                if let Some(p) = l.unit_price {
                    price("unit_price", p)?;
                }
                if lines[..i].iter().any(|x| x.line == l.line) {
                    return Err(invalid(format!(
                        "line {} appears twice in the receipt",
                        l.line
                    )));
                }
            }
            Ok(())
        }
        PurchaseEventKind::PlaceOrder { .. }
        | PurchaseEventKind::CancelOrder { .. }
        | PurchaseEventKind::CloseShort { .. } => Ok(()),
        PurchaseEventKind::AddCharge { charge, .. } => {
            id("charge id", &charge.id)?;
            money("charge amount", charge.amount, scale)?;
            for r in &charge.receipts {
                id("receipt", r)?;
            }
            if let Allocation::ByWeight(w) = &charge.allocation {
                for (i, (line, weight)) in w.iter().enumerate() {
                    quantity("weight", *weight, false)?;
                    if w[..i].iter().any(|x| x.0 == *line) {
                        return Err(invalid(format!("line {line} is weighed twice")));
                    }
                }
            }
            Ok(())
        }
        PurchaseEventKind::RecordPayment {
            payment, amount, ..
        } => {
            id("payment", payment)?;
            money("payment amount", *amount, scale)
        }
    }
}

/// Puts the event in its one written form: every negative zero among its amounts a plain
/// zero (as the ledger does for movements), so that the journal reads back from its JSON as
/// the same text, and a charge's receipts and weights sorted (by receipt id and line), so
/// that a retry listing them in another order is the same event.
fn normalise(e: &mut PurchaseEvent) {
    fn z(d: &mut Decimal) {
        costing::clear_negative_zero(d);
    }
    fn zo(d: &mut Option<Decimal>) {
        if let Some(d) = d {
            costing::clear_negative_zero(d);
        }
    }
    fn line(l: &mut NewLine) {
        z(&mut l.quantity);
        zo(&mut l.unit_price);
    }
    fn change(c: &mut LineChange) {
        zo(&mut c.quantity);
        zo(&mut c.unit_price);
    }
    match &mut e.kind {
        PurchaseEventKind::SetSupplier { supplier } => {
            if let Some(d) = &mut supplier.terms.discount {
                z(&mut d.percent);
            }
            for i in &mut supplier.items {
                z(&mut i.min_order_quantity);
                zo(&mut i.pack_size);
                for b in &mut i.prices {
                    z(&mut b.min_quantity);
                    z(&mut b.unit_price);
                }
            }
        }
        PurchaseEventKind::CreateOrder { lines, .. } => lines.iter_mut().for_each(line),
        PurchaseEventKind::AddLine { line: l, .. } => line(l),
        PurchaseEventKind::AmendLine { change: c, .. } => change(c),
        PurchaseEventKind::ConfirmOrder { changes, .. } => changes.iter_mut().for_each(change),
        PurchaseEventKind::ReceiveOrder { lines, .. } => {
            for l in lines {
                z(&mut l.sellable);
                z(&mut l.damaged);
                z(&mut l.quarantine);
                zo(&mut l.unit_price);
            }
        }
        PurchaseEventKind::AddCharge { charge, .. } => {
            z(&mut charge.amount);
            charge.receipts.sort_unstable();
            if let Allocation::ByWeight(w) = &mut charge.allocation {
                w.iter_mut().for_each(|(_, d)| z(d));
                w.sort_by_key(|(line, _)| *line);
            }
        }
        PurchaseEventKind::RecordPayment { amount, .. } => z(amount),
        PurchaseEventKind::Dropship { sale, .. } => {
            z(&mut sale.quantity);
            zo(&mut sale.unit_price);
        }
        PurchaseEventKind::PlaceOrder { .. }
        | PurchaseEventKind::CancelOrder { .. }
        | PurchaseEventKind::CloseShort { .. } => {}
    }
}

/// Splits `amount` (> 0, in `scale`) over `bases` (≥ 0, summing above 0) by the largest
/// remainder method: each part is its exact share rounded down to `scale`, and the units of
/// `scale` still missing go one each to the parts with the largest remainders (ties: the
/// earlier part). The parts sum exactly to `amount` and none is negative.
pub(crate) fn allocate(amount: Decimal, bases: &[Decimal], scale: u32) -> PResult<Vec<Decimal>> {
    let total = bases
        .iter()
        .try_fold(Decimal::ZERO, |t, b| t.checked_add(*b))
        .ok_or_else(|| overflow("a charge's allocation basis"))?;
    if total <= Decimal::ZERO {
        return Err(invalid(
            "the charge's allocation basis is zero (no units, no value or no weight)".into(),
        ));
    }
    let mut parts = Vec::with_capacity(bases.len());
    let mut rests = Vec::with_capacity(bases.len());
    for b in bases {
        let exact = amount
            .checked_mul(*b)
            .and_then(|x| x.checked_div(total))
            .ok_or_else(|| overflow("a charge's allocation"))?;
        let down = exact.round_dp_with_strategy(scale, RoundingStrategy::ToZero);
        parts.push(down);
        rests.push(exact - down);
    }
    let unit = Decimal::new(1, scale);
    let mut missing = amount - parts.iter().copied().sum::<Decimal>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Largest remainder first; the sort is stable, so ties keep the earlier part first.
    order.sort_by(|&a, &b| rests[b].cmp(&rests[a]));
    for i in order {
        if missing < unit {
            break;
        }
        parts[i] += unit;
        missing -= unit;
    }
    Ok(parts)
}

impl Ledger {
    /// Posts one purchasing event, atomically with the stock movements it causes. See the
    /// [purchasing module documentation](crate::purchasing) for the rules.
    ///
    /// ```
    /// use inventory_core::purchasing::{NewLine, PaymentTerms, PurchaseEvent, PurchaseEventKind, ReceiptLine, Supplier, SupplierItem};
    /// use inventory_core::{Decimal, Ledger};
    ///
    /// let d = |s: &str| s.parse::<Decimal>().unwrap();
    /// let mut ledger = Ledger::new();
    /// let acme = Supplier::new("ACME", "Acme", PaymentTerms::net(30))
    ///     .item(SupplierItem::new("MUG", d("4.00"), 14.0));
    /// ledger.set_supplier(acme, 0).unwrap();
    /// ledger.create_order("PO-1", "ACME", vec![NewLine::new(1, "MUG", "WH", d("100"), 14 * 86_400)], 0).unwrap();
    /// ledger.place_order("PO-1", 0).unwrap();
    /// assert_eq!(ledger.position("MUG", None).unwrap().incoming, d("100"));
    /// let got = ledger.receive_order("PO-1", "GRN-1", vec![ReceiptLine::new(1, d("60")).damaged(d("2"))], 12 * 86_400).unwrap();
    /// assert_eq!(got.movements.len(), 2);          // 60 sellable and 2 damaged units
    /// let p = ledger.position("MUG", None).unwrap();
    /// assert_eq!((p.on_hand, p.damaged, p.incoming), (d("60"), d("2"), d("38")));
    /// ```
    ///
    /// # Errors
    /// [`PurchasingError`] for a bad or inapplicable event (unknown supplier, order, line or
    /// receipt, a duplicate id, an order whose status does not allow it, an over-receipt,
    /// ...), [`LedgerError::DuplicateReference`] for a reference reused with another
    /// payload, and any [`LedgerError`] of the movements it posts. On error nothing changed.
    pub fn purchase(&mut self, mut event: PurchaseEvent) -> Result<PurchaseOutcome> {
        normalise(&mut event);
        check(&event, self.config().money_scale)?;
        if let Some(first) = self.repeated(&event)? {
            return Ok(first);
        }
        self.transaction(|tx| apply(tx, event))
    }

    /// Posts several purchasing events as one transaction: all of them, or (on the first
    /// error) none. Each is handled as by [`Ledger::purchase`], a repeated reference
    /// (also of an earlier event of the batch) returning the first outcome.
    ///
    /// # Errors
    /// As [`Ledger::purchase`], for the first event that fails; nothing changed then.
    pub fn purchase_batch(&mut self, events: Vec<PurchaseEvent>) -> Result<Vec<PurchaseOutcome>> {
        Ok(self.post_with_events(Vec::new(), events)?.1)
    }

    /// Posts stock movements, then purchasing events, as one transaction (see
    /// [`Ledger::purchase_batch`]).
    pub(crate) fn post_with_events(
        &mut self,
        movements: Vec<crate::Movement>,
        mut events: Vec<PurchaseEvent>,
    ) -> Result<(Vec<Outcome>, Vec<PurchaseOutcome>)> {
        let scale = self.config().money_scale;
        for e in &mut events {
            normalise(e);
            check(e, scale)?;
        }
        self.transaction(|tx| {
            let mut moved = Vec::with_capacity(movements.len());
            for m in movements {
                moved.push(tx.post(m)?);
            }
            let mut out = Vec::with_capacity(events.len());
            for e in events {
                out.push(match tx.ledger.repeated(&e)? {
                    Some(first) => first,
                    None => apply(tx, e)?,
                });
            }
            Ok((moved, out))
        })
    }

    /// The first outcome of an event whose reference was recorded with the same payload;
    /// `None` for an event without a reference or with a new one.
    fn repeated(&self, event: &PurchaseEvent) -> Result<Option<PurchaseOutcome>> {
        let Some(r) = &event.reference else {
            return Ok(None);
        };
        let Some(i) = self.purchasing.event_of_reference(r) else {
            return Ok(None);
        };
        let rec = &self.purchasing.events[i as usize];
        if rec.event != *event {
            return Err(LedgerError::DuplicateReference {
                reference: r.clone(),
            }
            .into());
        }
        Ok(Some(PurchaseOutcome {
            sequence: u64::from(i),
            movements: (0..u64::from(rec.movements))
                .filter_map(|k| self.journal_entry((rec.first_movement + k) as usize))
                .map(|e| Outcome {
                    duplicate: true,
                    ..e.outcome
                })
                .collect(),
            status: rec.status,
            duplicate: true,
        }))
    }

    /// Creates or replaces a supplier ([`PurchaseEventKind::SetSupplier`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn set_supplier(&mut self, supplier: Supplier, time: Timestamp) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::SetSupplier { supplier },
            time,
        ))
    }

    /// Creates a draft purchase order ([`PurchaseEventKind::CreateOrder`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn create_order(
        &mut self,
        order: impl Into<String>,
        supplier: impl Into<String>,
        lines: Vec<NewLine>,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::CreateOrder {
                order: order.into(),
                supplier: supplier.into(),
                lines,
            },
            time,
        ))
    }

    /// Places a draft order ([`PurchaseEventKind::PlaceOrder`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn place_order(
        &mut self,
        order: impl Into<String>,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::PlaceOrder {
                order: order.into(),
            },
            time,
        ))
    }

    /// Adds a line to an order ([`PurchaseEventKind::AddLine`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn add_order_line(
        &mut self,
        order: impl Into<String>,
        line: NewLine,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::AddLine {
                order: order.into(),
                line,
            },
            time,
        ))
    }

    /// The buyer changes a line ([`PurchaseEventKind::AmendLine`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn amend_order_line(
        &mut self,
        order: impl Into<String>,
        change: LineChange,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::AmendLine {
                order: order.into(),
                change,
            },
            time,
        ))
    }

    /// The supplier confirms an order, with its changes ([`PurchaseEventKind::ConfirmOrder`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn confirm_order(
        &mut self,
        order: impl Into<String>,
        changes: Vec<LineChange>,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::ConfirmOrder {
                order: order.into(),
                changes,
            },
            time,
        ))
    }

    /// Cancels the open remainder of one line, or of every line with `None`
    /// ([`PurchaseEventKind::CancelOrder`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn cancel_order(
        &mut self,
        order: impl Into<String>,
        line: Option<u32>,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::CancelOrder {
                order: order.into(),
                line,
            },
            time,
        ))
    }

    /// Closes the open remainder of one line, or of every line with `None`, short
    /// ([`PurchaseEventKind::CloseShort`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn close_order_short(
        &mut self,
        order: impl Into<String>,
        line: Option<u32>,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::CloseShort {
                order: order.into(),
                line,
            },
            time,
        ))
    }

    /// Receives goods against an order ([`PurchaseEventKind::ReceiveOrder`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn receive_order(
        &mut self,
        order: impl Into<String>,
        receipt: impl Into<String>,
        lines: Vec<ReceiptLine>,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::ReceiveOrder {
                order: order.into(),
                receipt: receipt.into(),
                lines,
            },
            time,
        ))
    }

    /// Adds a landed-cost charge to an order ([`PurchaseEventKind::AddCharge`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn add_charge(
        &mut self,
        order: impl Into<String>,
        charge: Charge,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::AddCharge {
                order: order.into(),
                charge,
            },
            time,
        ))
    }

    /// Records a payment against an order ([`PurchaseEventKind::RecordPayment`]).
    ///
    /// # Errors
    /// As [`Ledger::purchase`].
    pub fn record_payment(
        &mut self,
        order: impl Into<String>,
        payment: impl Into<String>,
        amount: Decimal,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::RecordPayment {
                order: order.into(),
                payment: payment.into(),
                amount,
            },
            time,
        ))
    }

    /// A customer bought a dropshipped SKU: creates and places order `order` for the
    /// supplier's direct delivery ([`PurchaseEventKind::Dropship`]; the rules are in the
    /// [module documentation](crate::purchasing#dropship)). Receiving it books the sale.
    ///
    /// ```
    /// use inventory_core::purchasing::{
    ///     DropshipSale, PaymentTerms, ReceiptLine, Supplier, SupplierItem,
    /// };
    /// use inventory_core::{Ledger, Decimal};
    ///
    /// let d = |s: &str| s.parse::<Decimal>().unwrap();
    /// let day = 86_400;
    /// let mut l = Ledger::new();
    /// let item = SupplierItem::new("RUG", d("40.00"), 5.0);
    /// let weavers = Supplier::new("WEAVERS", "Weavers Ltd", PaymentTerms::net(30)).item(item);
    /// l.set_supplier(weavers, 0).unwrap();
    /// let sale = DropshipSale::new("RUG", "DROPSHIP", d("2")).customer_order("WEB-1001");
    /// l.dropship("DS-1", sale, day).unwrap();
    /// assert_eq!(l.order("DS-1").unwrap().lines[0].expected, 6 * day); // the quoted 5 days
    /// assert!(l.incoming(Some("RUG"), None).is_empty()); // not for stock
    ///
    /// // The supplier delivers to the customer: a shipment at the supplier's price.
    /// let out = l.receive_order("DS-1", "DS-1-R", vec![ReceiptLine::new(1, d("2"))], 7 * day);
    /// let moves = out.unwrap().movements;
    /// assert_eq!(moves[1].cogs, d("80.00"));
    /// assert_eq!(l.position("RUG", None).unwrap().on_hand, d("0"));
    /// ```
    ///
    /// # Errors
    /// As [`Ledger::purchase`]; [`PurchasingError::NoSupplier`] when the sale names no
    /// supplier and none sells the SKU.
    pub fn dropship(
        &mut self,
        order: impl Into<String>,
        sale: DropshipSale,
        time: Timestamp,
    ) -> Result<PurchaseOutcome> {
        self.purchase(PurchaseEvent::new(
            PurchaseEventKind::Dropship {
                order: order.into(),
                sale,
            },
            time,
        ))
    }
}

/// Applies a checked event in a transaction.
fn apply(tx: &mut Posting<'_>, event: PurchaseEvent) -> Result<PurchaseOutcome> {
    let first_movement = tx.ledger.len() as u64;
    let t = event.time;
    let mut movements = Vec::new();
    let order = match &event.kind {
        PurchaseEventKind::SetSupplier { supplier } => {
            set_supplier(tx, supplier);
            None
        }
        PurchaseEventKind::CreateOrder {
            order,
            supplier,
            lines,
        } => Some(create_order(tx, order, supplier, lines, t)?),
        PurchaseEventKind::Dropship { order, sale } => Some(dropship(tx, order, sale, t)?),
        _ => {
            let id = event.order().unwrap_or_default();
            let o = order_of(tx, id)?;
            let latest = tx.ledger.purchasing.orders[o as usize].latest;
            if t < latest {
                return Err(PurchasingError::OutOfOrder {
                    order: id.to_owned(),
                    time: t,
                    latest,
                }
                .into());
            }
            // Charges and payments leave the open quantities (so incoming) as they are.
            let moves_incoming = !matches!(
                event.kind,
                PurchaseEventKind::AddCharge { .. } | PurchaseEventKind::RecordPayment { .. }
            );
            if moves_incoming {
                tx.ledger.purchasing.note_contributions(o);
            }
            match &event.kind {
                PurchaseEventKind::AddLine { line, .. } => add_line(tx, o, line)?,
                PurchaseEventKind::AmendLine { change, .. } => amend(tx, o, change, true)?,
                PurchaseEventKind::PlaceOrder { .. } => place(tx, o, t)?,
                PurchaseEventKind::ConfirmOrder { changes, .. } => {
                    require(tx, o, "confirm", |s| s.is_open())?;
                    for c in changes {
                        amend(tx, o, c, false)?;
                    }
                    let p = &mut tx.ledger.purchasing;
                    p.order_mut(o).confirmed_at.get_or_insert(t);
                }
                PurchaseEventKind::ReceiveOrder { receipt, lines, .. } => {
                    movements = receive(tx, o, receipt, lines, t)?;
                }
                PurchaseEventKind::CancelOrder { line, .. } => end(tx, o, *line, false)?,
                PurchaseEventKind::CloseShort { line, .. } => end(tx, o, *line, true)?,
                PurchaseEventKind::AddCharge { charge, .. } => {
                    movements = charge_order(tx, o, charge, t)?;
                }
                PurchaseEventKind::RecordPayment {
                    payment, amount, ..
                } => pay(tx, o, payment, *amount, t)?,
                PurchaseEventKind::SetSupplier { .. }
                | PurchaseEventKind::CreateOrder { .. }
                | PurchaseEventKind::Dropship { .. } => {}
            }
            let p = &mut tx.ledger.purchasing;
            p.order_mut(o).latest = t;
            if moves_incoming {
                p.settle_incoming(o);
            }
            Some(o)
        }
    };
    let p = &mut tx.ledger.purchasing;
    let status = order.map(|o| p.orders[o as usize].status());
    let sequence = p.record(Recorded {
        first_movement,
        movements: movements.len() as u32,
        status,
        event,
    });
    Ok(PurchaseOutcome {
        sequence: u64::from(sequence),
        movements,
        status,
        duplicate: false,
    })
}

fn order_of(tx: &Posting<'_>, id: &str) -> PResult<u32> {
    tx.ledger
        .purchasing
        .order_index(id)
        .ok_or_else(|| PurchasingError::UnknownOrder {
            order: id.to_owned(),
        })
}

/// Refuses the action unless the order's status passes `ok`.
fn require(
    tx: &Posting<'_>,
    o: u32,
    action: &'static str,
    ok: impl Fn(OrderStatus) -> bool,
) -> PResult<()> {
    let order = &tx.ledger.purchasing.orders[o as usize];
    let status = order.status();
    if !ok(status) {
        return Err(PurchasingError::InvalidOrderState {
            order: order.id.to_string(),
            status,
            action,
        });
    }
    Ok(())
}

fn finished(s: OrderStatus) -> bool {
    matches!(
        s,
        OrderStatus::Received | OrderStatus::Closed | OrderStatus::Cancelled
    )
}

fn line_of(tx: &Posting<'_>, o: u32, line: u32) -> PResult<usize> {
    let order = &tx.ledger.purchasing.orders[o as usize];
    order
        .line_index(line)
        .ok_or_else(|| PurchasingError::UnknownLine {
            order: order.id.to_string(),
            line,
        })
}

fn set_supplier(tx: &mut Posting<'_>, supplier: &Supplier) {
    let p = &mut tx.ledger.purchasing;
    let i = match p.supplier_index(&supplier.id) {
        Some(i) => {
            p.replace_supplier(i, supplier.clone());
            i
        }
        None => p.add_supplier(supplier.clone()),
    };
    // A preferred item takes the preference from the SKU's other suppliers.
    for item in supplier.items.iter().filter(|x| x.preferred) {
        for j in (0..p.suppliers.len() as u32).filter(|&j| j != i) {
            p.unprefer(j, &item.sku);
        }
    }
}

/// A new line of order `o`'s supplier `s`, checked against the supplier's catalogue (and,
/// for a stock order, its minimum order quantity and pack size).
fn new_line(tx: &mut Posting<'_>, s: u32, l: &NewLine, stock: bool) -> PResult<Line> {
    let p = &mut tx.ledger.purchasing;
    let supplier = &p.suppliers[s as usize].id;
    let item = p
        .item(s, &l.sku)
        .ok_or_else(|| PurchasingError::NotSupplied {
            supplier: supplier.clone(),
            sku: l.sku.clone(),
        })?;
    if stock {
        item.check_order_quantity(supplier, l.line, l.quantity)?;
    }
    let unit_price = match l.unit_price {
        Some(price) => price,
        None => item.price_for(l.quantity)?,
    };
    Ok(Line {
        line: l.line,
        sku: p.intern(&l.sku),
        location: p.intern(&l.location),
        quantity: l.quantity,
        ordered: l.quantity,
        unit_price,
        priced_by_breaks: l.unit_price.is_none(),
        expected: l.expected,
        received: [Decimal::ZERO; 3],
        cancelled: Decimal::ZERO,
        short: Decimal::ZERO,
        received_value: Decimal::ZERO,
        variance: Decimal::ZERO,
    })
}

fn create_order(
    tx: &mut Posting<'_>,
    id: &str,
    supplier: &str,
    lines: &[NewLine],
    t: Timestamp,
) -> PResult<u32> {
    let p = &tx.ledger.purchasing;
    if p.order_index(id).is_some() {
        return Err(PurchasingError::DuplicateId {
            what: "purchase order",
            id: id.to_owned(),
        });
    }
    let s = p
        .supplier_index(supplier)
        .ok_or_else(|| PurchasingError::UnknownSupplier {
            supplier: supplier.to_owned(),
        })?;
    let mut built = Vec::with_capacity(lines.len());
    for l in lines {
        built.push(new_line(tx, s, l, true)?);
    }
    Ok(tx.ledger.purchasing.add_order(Order {
        id: Arc::from(id),
        supplier: s,
        created_at: t,
        placed_at: None,
        confirmed_at: None,
        latest: t,
        terms: None,
        lines: built,
        receipts: Vec::new(),
        charges: Vec::new(),
        payments: Vec::new(),
        paid: Decimal::ZERO,
        dropship: false,
        customer_order: None,
    }))
}

/// Creates and places a dropship sale's one-line order.
fn dropship(tx: &mut Posting<'_>, id: &str, sale: &DropshipSale, t: Timestamp) -> PResult<u32> {
    let supplier = match &sale.supplier {
        Some(s) => s.clone(),
        None => tx
            .ledger
            .suppliers_of(&sale.sku)
            .first()
            .map(|(s, _)| s.id.clone())
            .ok_or_else(|| PurchasingError::NoSupplier {
                sku: sale.sku.clone(),
            })?,
    };
    let p = &tx.ledger.purchasing;
    if p.order_index(id).is_some() {
        return Err(PurchasingError::DuplicateId {
            what: "purchase order",
            id: id.to_owned(),
        });
    }
    let s = p
        .supplier_index(&supplier)
        .ok_or(PurchasingError::UnknownSupplier { supplier })?;
    let expected = match (sale.expected, p.item(s, &sale.sku)) {
        (Some(e), _) => e,
        (None, Some(item)) => {
            // A quote is finite and ≥ 0; a huge one saturates and is refused as a time.
            let seconds = (item.lead_time.mean_days * SECONDS_PER_DAY as f64).round() as i64;
            let e = t.saturating_add(seconds);
            time("expected", e)?;
            e
        }
        // new_line names the SKU the supplier does not sell.
        (None, None) => t,
    };
    let mut line = NewLine::new(1, &sale.sku, &sale.location, sale.quantity, expected);
    line.unit_price = sale.unit_price;
    let built = new_line(tx, s, &line, false)?;
    let o = tx.ledger.purchasing.add_order(Order {
        id: Arc::from(id),
        supplier: s,
        created_at: t,
        placed_at: None,
        confirmed_at: None,
        latest: t,
        terms: None,
        lines: vec![built],
        receipts: Vec::new(),
        charges: Vec::new(),
        payments: Vec::new(),
        paid: Decimal::ZERO,
        dropship: true,
        customer_order: sale.customer_order.as_deref().map(Arc::from),
    });
    place(tx, o, t)?;
    // Not incoming stock, but an open order (overdue lines, the payment schedule).
    tx.ledger.purchasing.settle_incoming(o);
    Ok(o)
}

fn add_line(tx: &mut Posting<'_>, o: u32, l: &NewLine) -> PResult<()> {
    require(tx, o, "add a line to", |s| !finished(s))?;
    let order = &tx.ledger.purchasing.orders[o as usize];
    if order.line_index(l.line).is_some() {
        return Err(PurchasingError::DuplicateId {
            what: "line",
            id: format!("{} of purchase order {:?}", l.line, order.id),
        });
    }
    let line = new_line(tx, order.supplier, l, !order.dropship)?;
    tx.ledger.purchasing.order_mut(o).lines.push(line);
    Ok(())
}

/// Applies a change to a line: by the buyer (`buyer`: the ordered base follows, prices may
/// change, order quantities are checked) or by the supplier's confirmation.
fn amend(tx: &mut Posting<'_>, o: u32, c: &LineChange, buyer: bool) -> PResult<()> {
    if buyer {
        require(tx, o, "amend", |s| !finished(s))?;
    }
    let i = line_of(tx, o, c.line)?;
    let p = &tx.ledger.purchasing;
    let order = &p.orders[o as usize];
    let line = &order.lines[i];
    if let Some(how) = line.ended() {
        return Err(PurchasingError::LineClosed {
            order: order.id.to_string(),
            line: c.line,
            how,
        });
    }
    // The buyer's new quantity re-prices a line priced by the breaks (a confirmation
    // keeps the prices; an explicit new price wins).
    let mut price = c.unit_price;
    if let Some(q) = c.quantity {
        let received = line.received_total();
        if q < received {
            return Err(PurchasingError::BelowReceived {
                order: order.id.to_string(),
                line: c.line,
                quantity: q,
                received,
            });
        }
        if buyer {
            if let Some(item) = p.item(order.supplier, p.name(line.sku)) {
                let supplier = &p.suppliers[order.supplier as usize].id;
                item.check_order_quantity(supplier, c.line, q)?;
                if price.is_none() && line.priced_by_breaks {
                    price = Some(item.price_for(q)?);
                }
            }
        }
    }
    let line = &mut tx.ledger.purchasing.order_mut(o).lines[i];
    if let Some(q) = c.quantity {
        line.quantity = q;
        if buyer {
            line.ordered = q;
        }
    }
    if let Some(t) = c.expected {
        line.expected = t;
    }
    if let Some(p) = price {
        line.unit_price = p;
        line.priced_by_breaks &= c.unit_price.is_none();
    }
    Ok(())
}

fn place(tx: &mut Posting<'_>, o: u32, t: Timestamp) -> PResult<()> {
    require(tx, o, "place", |s| s == OrderStatus::Draft)?;
    let p = &mut tx.ledger.purchasing;
    let terms = p.suppliers[p.orders[o as usize].supplier as usize]
        .terms
        .clone();
    let order = p.order_mut(o);
    order.placed_at = Some(t);
    order.terms = Some(terms);
    // What the buyer asked for when placing is the fill rate's base.
    for l in &mut order.lines {
        l.ordered = l.quantity;
    }
    Ok(())
}

fn receive(
    tx: &mut Posting<'_>,
    o: u32,
    receipt: &str,
    lines: &[ReceiptLine],
    t: Timestamp,
) -> Result<Vec<Outcome>> {
    let p = &tx.ledger.purchasing;
    if p.receipt_index(receipt).is_some() {
        return Err(PurchasingError::DuplicateId {
            what: "receipt",
            id: receipt.to_owned(),
        }
        .into());
    }
    require(tx, o, "receive against", |s| {
        s.is_open() || s == OrderStatus::Received
    })?;
    let policy = tx.ledger.config().over_receipt;
    let scale = tx.ledger.config().money_scale;
    // Check every line before posting anything.
    let mut plan = Vec::with_capacity(lines.len());
    for r in lines {
        let i = line_of(tx, o, r.line)?;
        let order = &tx.ledger.purchasing.orders[o as usize];
        let line = &order.lines[i];
        if let Some(how) = line.ended() {
            return Err(PurchasingError::LineClosed {
                order: order.id.to_string(),
                line: r.line,
                how,
            }
            .into());
        }
        if order.dropship && !(r.damaged.is_zero() && r.quarantine.is_zero()) {
            return Err(PurchasingError::InvalidInput {
                message: format!(
                    "line {} of purchase order {:?} is a dropship delivery to the customer: receive sellable units only (damage found later is a customer return)",
                    r.line, order.id
                ),
            }
            .into());
        }
        let arriving = r.sellable + r.damaged + r.quarantine;
        let received = line.received_total();
        let allowed = match policy {
            OverReceipt::Refuse => Some(line.quantity),
            OverReceipt::Tolerance(pct) => Some(
                Decimal::ONE_HUNDRED
                    .checked_add(pct)
                    .and_then(|f| line.quantity.checked_mul(f))
                    .map(|x| x / Decimal::ONE_HUNDRED)
                    .ok_or_else(|| overflow("the over-receipt tolerance"))?,
            ),
            OverReceipt::Accept => None,
        };
        if let Some(allowed) = allowed {
            if received + arriving > allowed {
                return Err(PurchasingError::OverReceipt {
                    order: order.id.to_string(),
                    line: r.line,
                    quantity: line.quantity,
                    received,
                    receiving: arriving,
                    allowed,
                }
                .into());
            }
        }
        plan.push((i, r.unit_price.unwrap_or(line.unit_price)));
    }
    let order_id = tx.ledger.purchasing.orders[o as usize].id.to_string();
    let dropship = tx.ledger.purchasing.orders[o as usize].dropship;
    let mut outcomes = Vec::with_capacity(lines.len());
    let mut received_lines = Vec::with_capacity(lines.len());
    for (r, &(i, unit_price)) in lines.iter().zip(&plan) {
        let (sku, location, line_price, expected) = {
            let p = &tx.ledger.purchasing;
            let l = &p.orders[o as usize].lines[i];
            (
                p.name(l.sku).to_owned(),
                p.name(l.location).to_owned(),
                l.unit_price,
                l.expected,
            )
        };
        for (c, q) in r.by_condition() {
            if q.is_zero() {
                continue;
            }
            if dropship {
                let on_hand = tx
                    .ledger
                    .position(&sku, Some(&location))
                    .map_or(Decimal::ZERO, |p| p.on_hand);
                if !on_hand.is_zero() {
                    return Err(PurchasingError::DropshipStocked {
                        sku,
                        location,
                        on_hand,
                    }
                    .into());
                }
            }
            let out = tx.post(Movement::new(
                MovementKind::Receive {
                    sku: sku.clone(),
                    location: location.clone(),
                    quantity: q,
                    unit_cost: unit_price,
                    purchase_order: Some(order_id.clone()),
                    condition: c,
                },
                t,
            ))?;
            let value = out.moved_value;
            let at_order = costing::extended(q, line_price, scale)?;
            let line = &mut tx.ledger.purchasing.order_mut(o).lines[i];
            let k = Condition::ALL.iter().position(|x| *x == c).unwrap_or(0);
            line.received[k] += q;
            line.received_value = costing::add(line.received_value, value, "a line's value")?;
            line.variance = costing::add(
                line.variance,
                costing::sub(value, at_order, "a price variance")?,
                "a price variance",
            )?;
            received_lines.push(ReceivedLine {
                line: i as u32,
                condition: c,
                quantity: q,
                unit_price,
                value,
                movement: out.sequence as u32,
                expected,
            });
            outcomes.push(out);
            if dropship {
                // Straight on to the customer, out of the position it just entered empty:
                // the COGS is the receipt's value.
                let out = tx.post(Movement::ship(&sku, &location, q, t))?;
                debug_assert_eq!(out.cogs, value);
                outcomes.push(out);
            }
        }
    }
    let p = &mut tx.ledger.purchasing;
    let r = p.add_receipt(Receipt {
        id: Arc::from(receipt),
        order: o,
        time: t,
        lines: received_lines,
    });
    p.order_mut(o).receipts.push(r);
    Ok(outcomes)
}

/// Cancels (or, with `short`, closes short) the open remainder of one line or every line.
fn end(tx: &mut Posting<'_>, o: u32, line: Option<u32>, short: bool) -> PResult<()> {
    let action = if short { "close short" } else { "cancel" };
    require(tx, o, action, |s| {
        !(finished(s) || short && s == OrderStatus::Draft)
    })?;
    let indices: Vec<usize> = match line {
        Some(n) => {
            let i = line_of(tx, o, n)?;
            let order = &tx.ledger.purchasing.orders[o as usize];
            let l = &order.lines[i];
            if let Some(how) = l.ended() {
                return Err(PurchasingError::LineClosed {
                    order: order.id.to_string(),
                    line: n,
                    how,
                });
            }
            if l.open().is_zero() {
                return Err(invalid(format!(
                    "line {n} of purchase order {:?} has nothing open to {action}",
                    order.id
                )));
            }
            vec![i]
        }
        None => (0..tx.ledger.purchasing.orders[o as usize].lines.len()).collect(),
    };
    let order = tx.ledger.purchasing.order_mut(o);
    for i in indices {
        let l = &mut order.lines[i];
        let open = l.open();
        if open.is_zero() {
            continue;
        }
        if short {
            l.short += open;
        } else {
            l.cancelled += open;
        }
    }
    Ok(())
}

fn charge_order(
    tx: &mut Posting<'_>,
    o: u32,
    charge: &Charge,
    t: Timestamp,
) -> Result<Vec<Outcome>> {
    let p = &tx.ledger.purchasing;
    if p.charge_exists(&charge.id) {
        return Err(PurchasingError::DuplicateId {
            what: "charge",
            id: charge.id.clone(),
        }
        .into());
    }
    let order = &p.orders[o as usize];
    let receipts: Vec<u32> = if charge.receipts.is_empty() {
        order.receipts.clone()
    } else {
        let mut v = Vec::with_capacity(charge.receipts.len());
        for r in &charge.receipts {
            let i = p
                .receipt_index(r)
                .filter(|&i| p.receipts[i as usize].order == o)
                .ok_or_else(|| PurchasingError::UnknownReceipt {
                    order: order.id.to_string(),
                    receipt: r.clone(),
                })?;
            if !v.contains(&i) {
                v.push(i);
            }
        }
        // In the order they were received, however the charge lists them.
        v.sort_unstable();
        v
    };
    if receipts.is_empty() {
        return Err(PurchasingError::InvalidOrderState {
            order: order.id.to_string(),
            status: order.status(),
            action: "charge a landed cost to (nothing was received)",
        }
        .into());
    }
    let weights = match &charge.allocation {
        Allocation::ByWeight(w) => {
            for (line, _) in w {
                line_of(tx, o, *line)?;
            }
            Some(w)
        }
        _ => None,
    };
    // The receipt lines covered, and their bases.
    let mut targets = Vec::new();
    let mut bases = Vec::new();
    for &r in &receipts {
        for rl in &p.receipts[r as usize].lines {
            let basis = match (&charge.allocation, weights) {
                (Allocation::ByQuantity, _) => rl.quantity,
                (Allocation::ByValue, _) => rl.value,
                (_, Some(w)) => {
                    let number = order.lines[rl.line as usize].line;
                    let weight = w
                        .iter()
                        .find(|(l, _)| *l == number)
                        .map_or(Decimal::ZERO, |x| x.1);
                    rl.quantity
                        .checked_mul(weight)
                        .ok_or_else(|| overflow("a charge's weight basis"))?
                }
                (Allocation::ByWeight(_), None) => Decimal::ZERO,
            };
            targets.push((order.lines[rl.line as usize].sku, rl.movement));
            bases.push(basis);
        }
    }
    let scale = tx.ledger.config().money_scale;
    let parts = allocate(charge.amount, &bases, scale)?;
    let mut outcomes = Vec::new();
    for ((sku, movement), part) in targets.into_iter().zip(parts) {
        if part.is_zero() {
            continue;
        }
        let sku = tx.ledger.purchasing.name(sku).to_owned();
        outcomes.push(tx.post(Movement::landed_cost(sku, u64::from(movement), part, t))?);
    }
    let p = &mut tx.ledger.purchasing;
    let c = p.add_charge(ChargeRecord {
        id: Arc::from(charge.id.as_str()),
        order: o,
        time: t,
        kind: charge.kind,
        amount: charge.amount,
    });
    p.order_mut(o).charges.push(c);
    Ok(outcomes)
}

fn pay(tx: &mut Posting<'_>, o: u32, payment: &str, amount: Decimal, t: Timestamp) -> PResult<()> {
    if tx.ledger.purchasing.payment_exists(payment) {
        return Err(PurchasingError::DuplicateId {
            what: "payment",
            id: payment.to_owned(),
        });
    }
    require(tx, o, "pay", |s| s != OrderStatus::Draft)?;
    let p = &mut tx.ledger.purchasing;
    let i = p.add_payment(Payment {
        id: Arc::from(payment),
        order: o,
        time: t,
        amount,
    });
    let order = p.order_mut(o);
    order.payments.push(i);
    order.paid = order
        .paid
        .checked_add(amount)
        .ok_or_else(|| overflow("an order's payments"))?;
    Ok(())
}
