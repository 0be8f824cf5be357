//! Purchasing's state inside the ledger: suppliers, orders, receipts, charges, payments,
//! the incoming quantities, the journal of events, and the undo log that makes an event
//! atomic with the movements it posts.

use rust_decimal::Decimal;
use std::sync::Arc;

use super::types::{
    ChargeKind, OrderLine, OrderStatus, PaymentTerms, PurchaseEvent, PurchaseOrder, Supplier,
    SupplierItem,
};

/// A supplier's items by SKU.
fn index_items(s: &Supplier) -> FxHashMap<Box<str>, u32> {
    s.items
        .iter()
        .enumerate()
        .map(|(k, item)| (Box::from(item.sku.as_str()), k as u32))
        .collect()
}
use crate::hash::FxHashMap;
use crate::ledger::Condition;
use crate::time::Timestamp;

/// An order line, with its SKU and location as ids into [`Purchasing::names`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Line {
    pub(crate) line: u32,
    pub(crate) sku: u32,
    pub(crate) location: u32,
    pub(crate) quantity: Decimal,
    pub(crate) ordered: Decimal,
    pub(crate) unit_price: Decimal,
    /// The price came from the supplier's price breaks (no explicit price was given):
    /// the buyer's quantity amendments re-price the line.
    pub(crate) priced_by_breaks: bool,
    pub(crate) expected: Timestamp,
    /// Units received, by condition in [`Condition::ALL`] order.
    pub(crate) received: [Decimal; 3],
    pub(crate) cancelled: Decimal,
    pub(crate) short: Decimal,
    pub(crate) received_value: Decimal,
    pub(crate) variance: Decimal,
}

impl Line {
    pub(crate) fn received_total(&self) -> Decimal {
        self.received[0] + self.received[1] + self.received[2]
    }

    /// quantity − received − cancelled − closed short, not below zero.
    pub(crate) fn open(&self) -> Decimal {
        (self.quantity - self.received_total() - self.cancelled - self.short).max(Decimal::ZERO)
    }

    /// Why the line takes no more units, if its remainder was ended.
    pub(crate) fn ended(&self) -> Option<&'static str> {
        if self.cancelled > Decimal::ZERO {
            Some("cancelled")
        } else if self.short > Decimal::ZERO {
            Some("closed short")
        } else {
            None
        }
    }
}

/// A purchase order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Order {
    pub(crate) id: Arc<str>,
    pub(crate) supplier: u32,
    pub(crate) created_at: Timestamp,
    pub(crate) placed_at: Option<Timestamp>,
    pub(crate) confirmed_at: Option<Timestamp>,
    /// The time of the order's latest event.
    pub(crate) latest: Timestamp,
    /// The terms captured when placed.
    pub(crate) terms: Option<PaymentTerms>,
    pub(crate) lines: Vec<Line>,
    pub(crate) receipts: Vec<u32>,
    pub(crate) charges: Vec<u32>,
    pub(crate) payments: Vec<u32>,
    pub(crate) paid: Decimal,
    /// A dropship order: its open units are not incoming stock.
    pub(crate) dropship: bool,
    /// The customer's order id of a dropship order.
    pub(crate) customer_order: Option<Arc<str>>,
}

impl Order {
    pub(crate) fn status(&self) -> OrderStatus {
        let open = self.lines.iter().any(|l| l.open() > Decimal::ZERO);
        let received = self
            .lines
            .iter()
            .any(|l| l.received_total() > Decimal::ZERO);
        if !open {
            if !received {
                return OrderStatus::Cancelled;
            }
            return if self.lines.iter().any(|l| l.ended().is_some()) {
                OrderStatus::Closed
            } else {
                OrderStatus::Received
            };
        }
        if self.placed_at.is_none() {
            OrderStatus::Draft
        } else if received {
            OrderStatus::PartiallyReceived
        } else if self.confirmed_at.is_some() {
            OrderStatus::Confirmed
        } else {
            OrderStatus::Placed
        }
    }

    /// The index of line number `line`.
    pub(crate) fn line_index(&self, line: u32) -> Option<usize> {
        self.lines.iter().position(|l| l.line == line)
    }
}

/// One received line of a receipt, in one condition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ReceivedLine {
    /// The index of the order line.
    pub(crate) line: u32,
    pub(crate) condition: Condition,
    pub(crate) quantity: Decimal,
    pub(crate) unit_price: Decimal,
    /// quantity × unit price, in the money scale.
    pub(crate) value: Decimal,
    /// The journal sequence number of its receive movement.
    pub(crate) movement: u32,
    /// When the line was expected at the time of the receipt (what on-time is measured
    /// against: a later amendment of the date does not rewrite past deliveries).
    pub(crate) expected: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Receipt {
    pub(crate) id: Arc<str>,
    pub(crate) order: u32,
    pub(crate) time: Timestamp,
    pub(crate) lines: Vec<ReceivedLine>,
}

impl Receipt {
    /// The receipt's value, `None` if the sum leaves the decimal range.
    pub(crate) fn value(&self) -> Option<Decimal> {
        self.lines
            .iter()
            .try_fold(Decimal::ZERO, |t, l| t.checked_add(l.value))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ChargeRecord {
    pub(crate) id: Arc<str>,
    pub(crate) order: u32,
    pub(crate) time: Timestamp,
    pub(crate) kind: ChargeKind,
    pub(crate) amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Payment {
    pub(crate) id: Arc<str>,
    pub(crate) order: u32,
    pub(crate) time: Timestamp,
    pub(crate) amount: Decimal,
}

/// A journaled event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Recorded {
    pub(crate) first_movement: u64,
    pub(crate) movements: u32,
    /// The order's status after the event (what a repeat of it returns).
    pub(crate) status: Option<OrderStatus>,
    pub(crate) event: PurchaseEvent,
}

/// One change to undo.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Undo {
    Order(u32, Box<Order>),
    Supplier(u32, Box<Supplier>),
    /// Entry `1` of SKU `0`'s incoming list had units `2`.
    IncomingSet(u32, u32, Decimal),
    /// Entry `1` of SKU `0`'s incoming list, removed.
    IncomingRemoved(u32, u32, (u32, Decimal)),
    /// An entry was pushed onto SKU `0`'s incoming list.
    IncomingPushed(u32),
    /// Whether the order was among the open ones.
    Open(u32, bool),
}

/// Where purchasing stood when a transaction began (see [`Purchasing::mark`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mark {
    names: usize,
    suppliers: usize,
    orders: usize,
    receipts: usize,
    charges: usize,
    payments: usize,
    events: usize,
    undo: usize,
}

/// The purchasing state of a ledger.
/// Serialized into a durable store's checkpoints (see [`crate::durable`]) without its
/// indexes (rebuilt and checked by [`Purchasing::restored`]) and undo log (empty between
/// transactions).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Purchasing {
    /// SKU and location names, shared by id.
    pub(crate) names: Vec<Arc<str>>,
    #[serde(skip)]
    name_ids: FxHashMap<Arc<str>, u32>,
    pub(crate) suppliers: Vec<Supplier>,
    #[serde(skip)]
    supplier_ids: FxHashMap<Arc<str>, u32>,
    /// Per supplier, its items by SKU (index into its `items`).
    #[serde(skip)]
    items: Vec<FxHashMap<Box<str>, u32>>,
    pub(crate) orders: Vec<Order>,
    #[serde(skip)]
    order_ids: FxHashMap<Arc<str>, u32>,
    pub(crate) receipts: Vec<Receipt>,
    #[serde(skip)]
    receipt_ids: FxHashMap<Arc<str>, u32>,
    pub(crate) charges: Vec<ChargeRecord>,
    #[serde(skip)]
    charge_ids: FxHashMap<Arc<str>, u32>,
    pub(crate) payments: Vec<Payment>,
    #[serde(skip)]
    payment_ids: FxHashMap<Arc<str>, u32>,
    /// Open quantity of placed lines: by SKU name id, the (location name id, units) pairs
    /// with units (a SKU has a few locations: a short list beats a hash table here, and an
    /// event's lines each touch one entry of one dense vector).
    pub(crate) incoming: Vec<Vec<(u32, Decimal)>>,
    /// The orders with an open quantity incoming (placed, not finished).
    pub(crate) open_orders: std::collections::BTreeSet<u32>,
    pub(crate) events: Vec<Recorded>,
    /// Event references → event index.
    #[serde(skip)]
    event_refs: FxHashMap<Arc<str>, u32>,
    #[serde(skip)]
    undo: Vec<Undo>,
    /// Orders and suppliers already saved in the undo log by the current transaction.
    #[serde(skip)]
    saved_orders: Vec<u32>,
    #[serde(skip)]
    saved_suppliers: Vec<u32>,
    /// Buffers of [`Purchasing::settle_incoming`], kept between events (empty between
    /// them), so that an event allocates nothing for its incoming bookkeeping.
    #[serde(skip)]
    before: Vec<((u32, u32), Decimal)>,
    #[serde(skip)]
    after: Vec<((u32, u32), Decimal)>,
}

impl Purchasing {
    /// Rebuilds the indexes of purchasing state read from a checkpoint and checks that
    /// every reference in it holds (ids within their lists, ids unique, movements within
    /// the journal's first `movements`), so that no later call can index out of bounds.
    pub(crate) fn restored(mut self, movements: u64) -> Result<Purchasing, String> {
        fn index<T>(
            items: &[T],
            id: impl Fn(&T) -> &Arc<str>,
            what: &str,
        ) -> Result<FxHashMap<Arc<str>, u32>, String> {
            let mut map = FxHashMap::default();
            for (i, x) in items.iter().enumerate() {
                if map.insert(id(x).clone(), i as u32).is_some() {
                    return Err(format!("{what} {:?} appears twice", id(x)));
                }
            }
            Ok(map)
        }
        self.name_ids = index(&self.names, |n| n, "name")?;
        let supplier_ids: Vec<Arc<str>> = self
            .suppliers
            .iter()
            .map(|s| Arc::from(s.id.as_str()))
            .collect();
        self.supplier_ids = index(&supplier_ids, |n| n, "supplier")?;
        self.items = self.suppliers.iter().map(index_items).collect();
        self.order_ids = index(&self.orders, |o| &o.id, "order")?;
        self.receipt_ids = index(&self.receipts, |r| &r.id, "receipt")?;
        self.charge_ids = index(&self.charges, |c| &c.id, "charge")?;
        self.payment_ids = index(&self.payments, |p| &p.id, "payment")?;
        self.event_refs = FxHashMap::default();
        for (i, e) in self.events.iter().enumerate() {
            if let Some(r) = &e.event.reference {
                if self
                    .event_refs
                    .insert(Arc::from(r.as_str()), i as u32)
                    .is_some()
                {
                    return Err(format!("event reference {r:?} appears twice"));
                }
            }
        }
        let bad = |what: &str| Err(format!("its purchasing state names a missing {what}"));
        let (names, suppliers, orders) = (
            self.names.len() as u32,
            self.suppliers.len() as u32,
            self.orders.len() as u32,
        );
        for o in &self.orders {
            if o.supplier >= suppliers {
                return bad("supplier");
            }
            if o.lines
                .iter()
                .any(|l| l.sku >= names || l.location >= names)
            {
                return bad("name");
            }
            let within = |ids: &[u32], len: usize| ids.iter().all(|&i| (i as usize) < len);
            if !within(&o.receipts, self.receipts.len())
                || !within(&o.charges, self.charges.len())
                || !within(&o.payments, self.payments.len())
            {
                return bad("receipt, charge or payment");
            }
        }
        for r in &self.receipts {
            let Some(o) = self.orders.get(r.order as usize) else {
                return bad("order");
            };
            if r.lines
                .iter()
                .any(|l| l.line as usize >= o.lines.len() || u64::from(l.movement) >= movements)
            {
                return bad("order line or movement");
            }
        }
        if self.charges.iter().any(|c| c.order >= orders)
            || self.payments.iter().any(|p| p.order >= orders)
            || self.open_orders.iter().any(|&o| o >= orders)
        {
            return bad("order");
        }
        if self.incoming.len() > names as usize
            || self.incoming.iter().flatten().any(|&(l, _)| l >= names)
        {
            return bad("name");
        }
        if self.events.iter().any(|e| {
            e.first_movement
                .checked_add(u64::from(e.movements))
                .is_none_or(|end| end > movements)
        }) {
            return bad("movement");
        }
        Ok(self)
    }

    /// Nothing was ever posted.
    pub(crate) fn is_empty(&self) -> bool {
        self.events.is_empty() && self.names.is_empty()
    }

    /// Begins a transaction.
    pub(crate) fn mark(&self) -> Mark {
        Mark {
            names: self.names.len(),
            suppliers: self.suppliers.len(),
            orders: self.orders.len(),
            receipts: self.receipts.len(),
            charges: self.charges.len(),
            payments: self.payments.len(),
            events: self.events.len(),
            undo: self.undo.len(),
        }
    }

    /// Keeps the transaction's changes.
    pub(crate) fn commit(&mut self) {
        self.undo.clear();
        self.saved_orders.clear();
        self.saved_suppliers.clear();
    }

    /// Undoes every change since `mark`.
    pub(crate) fn rollback(&mut self, mark: Mark) {
        // An event refused between noting and settling its incoming left these behind.
        self.before.clear();
        self.after.clear();
        while self.undo.len() > mark.undo {
            match self.undo.pop() {
                Some(Undo::Order(i, o)) => self.orders[i as usize] = *o,
                Some(Undo::Supplier(i, s)) => {
                    self.items[i as usize] = index_items(&s);
                    self.suppliers[i as usize] = *s;
                }
                Some(Undo::IncomingSet(k, i, q)) => {
                    if let Some(x) = self.incoming.get_mut(k as usize) {
                        x[i as usize].1 = q;
                    }
                }
                Some(Undo::IncomingRemoved(k, i, entry)) => {
                    if let Some(x) = self.incoming.get_mut(k as usize) {
                        x.insert(i as usize, entry);
                    }
                }
                Some(Undo::IncomingPushed(k)) => {
                    if let Some(x) = self.incoming.get_mut(k as usize) {
                        x.pop();
                    }
                }
                Some(Undo::Open(o, was)) => {
                    if was {
                        self.open_orders.insert(o);
                    } else {
                        self.open_orders.remove(&o);
                    }
                }
                None => break,
            }
        }
        fn cut<T>(
            items: &mut Vec<T>,
            ids: &mut FxHashMap<Arc<str>, u32>,
            len: usize,
            id: impl Fn(&T) -> &Arc<str>,
        ) {
            while items.len() > len {
                if let Some(x) = items.pop() {
                    ids.remove(id(&x));
                }
            }
        }
        while self.events.len() > mark.events {
            if let Some(r) = self.events.pop() {
                if let Some(reference) = &r.event.reference {
                    self.event_refs.remove(reference.as_str());
                }
            }
        }
        cut(
            &mut self.payments,
            &mut self.payment_ids,
            mark.payments,
            |p| &p.id,
        );
        cut(&mut self.charges, &mut self.charge_ids, mark.charges, |c| {
            &c.id
        });
        cut(
            &mut self.receipts,
            &mut self.receipt_ids,
            mark.receipts,
            |r| &r.id,
        );
        cut(&mut self.orders, &mut self.order_ids, mark.orders, |o| {
            &o.id
        });
        while self.suppliers.len() > mark.suppliers {
            if let Some(s) = self.suppliers.pop() {
                self.supplier_ids.remove(s.id.as_str());
                self.items.pop();
            }
        }
        self.incoming.truncate(mark.names);
        cut(&mut self.names, &mut self.name_ids, mark.names, |n| n);
        self.saved_orders.clear();
        self.saved_suppliers.clear();
    }

    // ----- names and ids -----

    pub(crate) fn name_id(&self, name: &str) -> Option<u32> {
        self.name_ids.get(name).copied()
    }

    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_ids.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        let n: Arc<str> = Arc::from(name);
        self.names.push(Arc::clone(&n));
        self.name_ids.insert(n, i);
        self.incoming.push(Vec::new());
        i
    }

    /// The rank of every name id in the names' sorted order, so that rows keyed by ids can
    /// be sorted by name with integer comparisons.
    pub(crate) fn name_ranks(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..self.names.len() as u32).collect();
        ids.sort_unstable_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        let mut rank = vec![0; ids.len()];
        for (r, &id) in ids.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        rank
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    pub(crate) fn supplier_index(&self, id: &str) -> Option<u32> {
        self.supplier_ids.get(id).copied()
    }

    pub(crate) fn order_index(&self, id: &str) -> Option<u32> {
        self.order_ids.get(id).copied()
    }

    pub(crate) fn receipt_index(&self, id: &str) -> Option<u32> {
        self.receipt_ids.get(id).copied()
    }

    pub(crate) fn charge_exists(&self, id: &str) -> bool {
        self.charge_ids.contains_key(id)
    }

    pub(crate) fn payment_exists(&self, id: &str) -> bool {
        self.payment_ids.contains_key(id)
    }

    pub(crate) fn event_of_reference(&self, reference: &str) -> Option<u32> {
        self.event_refs.get(reference).copied()
    }

    // ----- changes, each logged for undo -----

    /// Replaces supplier `i`, saved for undo on its first change in a transaction.
    pub(crate) fn replace_supplier(&mut self, i: u32, s: Supplier) {
        self.save_supplier(i);
        self.items[i as usize] = index_items(&s);
        self.suppliers[i as usize] = s;
    }

    fn save_supplier(&mut self, i: u32) {
        if !self.saved_suppliers.contains(&i) {
            self.saved_suppliers.push(i);
            let old = Box::new(self.suppliers[i as usize].clone());
            self.undo.push(Undo::Supplier(i, old));
        }
    }

    /// Takes the preference for `sku` from supplier `i` (its item set as preferred).
    pub(crate) fn unprefer(&mut self, i: u32, sku: &str) {
        let Some(k) = self.item_index(i, sku) else {
            return;
        };
        if self.suppliers[i as usize].items[k].preferred {
            self.save_supplier(i);
            self.suppliers[i as usize].items[k].preferred = false;
        }
    }

    pub(crate) fn add_supplier(&mut self, s: Supplier) -> u32 {
        let i = self.suppliers.len() as u32;
        self.supplier_ids.insert(Arc::from(s.id.as_str()), i);
        self.items.push(index_items(&s));
        self.suppliers.push(s);
        i
    }

    fn item_index(&self, supplier: u32, sku: &str) -> Option<usize> {
        self.items[supplier as usize].get(sku).map(|&k| k as usize)
    }

    /// What supplier `supplier` sells of `sku`.
    pub(crate) fn item(&self, supplier: u32, sku: &str) -> Option<&SupplierItem> {
        self.item_index(supplier, sku)
            .map(|k| &self.suppliers[supplier as usize].items[k])
    }

    /// An order to change, saved for undo on its first change in a transaction. The
    /// incoming quantities follow the order: call [`Purchasing::settle_incoming`] with the
    /// contributions taken before the change.
    pub(crate) fn order_mut(&mut self, i: u32) -> &mut Order {
        if !self.saved_orders.contains(&i) {
            self.saved_orders.push(i);
            let old = Box::new(self.orders[i as usize].clone());
            self.undo.push(Undo::Order(i, old));
        }
        &mut self.orders[i as usize]
    }

    pub(crate) fn add_order(&mut self, o: Order) -> u32 {
        let i = self.orders.len() as u32;
        self.order_ids.insert(Arc::clone(&o.id), i);
        self.orders.push(o);
        // A new order is saved as new: a rollback truncates it.
        self.saved_orders.push(i);
        i
    }

    pub(crate) fn add_receipt(&mut self, r: Receipt) -> u32 {
        let i = self.receipts.len() as u32;
        self.receipt_ids.insert(Arc::clone(&r.id), i);
        self.receipts.push(r);
        i
    }

    pub(crate) fn add_charge(&mut self, c: ChargeRecord) -> u32 {
        let i = self.charges.len() as u32;
        self.charge_ids.insert(Arc::clone(&c.id), i);
        self.charges.push(c);
        i
    }

    pub(crate) fn add_payment(&mut self, p: Payment) -> u32 {
        let i = self.payments.len() as u32;
        self.payment_ids.insert(Arc::clone(&p.id), i);
        self.payments.push(p);
        i
    }

    pub(crate) fn record(&mut self, r: Recorded) -> u32 {
        let i = self.events.len() as u32;
        if let Some(reference) = &r.event.reference {
            self.event_refs.insert(Arc::from(reference.as_str()), i);
        }
        self.events.push(r);
        i
    }

    /// The incoming quantities order `i` contributes, into `out` (cleared first): its
    /// lines' open quantities if it is placed (and not finished), by (SKU, location).
    fn contributions_into(&self, i: u32, out: &mut Vec<((u32, u32), Decimal)>) {
        out.clear();
        let o = &self.orders[i as usize];
        if o.placed_at.is_none() {
            return;
        }
        out.extend(
            o.lines
                .iter()
                .map(|l| ((l.sku, l.location), l.open()))
                .filter(|(_, q)| *q > Decimal::ZERO),
        );
    }

    /// Notes order `i`'s contributions before a change (see
    /// [`Purchasing::settle_incoming`]), in a buffer kept between events.
    pub(crate) fn note_contributions(&mut self, i: u32) {
        let mut before = std::mem::take(&mut self.before);
        self.contributions_into(i, &mut before);
        self.before = before;
    }

    /// Moves the incoming quantities from order `i`'s contributions noted before a change
    /// ([`Purchasing::note_contributions`]; none if not noted since the last settle) to its
    /// contributions now.
    pub(crate) fn settle_incoming(&mut self, i: u32) {
        let mut before = std::mem::take(&mut self.before);
        let mut deltas = std::mem::take(&mut self.after);
        self.contributions_into(i, &mut deltas);
        let (was, is) = (!before.is_empty(), !deltas.is_empty());
        // The net change per (SKU, location): most lines of an event change once, and
        // most keep their quantity.
        for &(k, q) in &before {
            match deltas.iter_mut().find(|(x, _)| *x == k) {
                Some(d) => d.1 -= q,
                None => deltas.push((k, -q)),
            }
        }
        // A dropship order's open units go to the customer, not into stock.
        let stocked = !self.orders[i as usize].dropship;
        if stocked {
            for &(k, q) in &deltas {
                if !q.is_zero() {
                    self.add_incoming(k, q);
                }
            }
        }
        if was != is {
            self.undo.push(Undo::Open(i, was));
            if is {
                self.open_orders.insert(i);
            } else {
                self.open_orders.remove(&i);
            }
        }
        before.clear();
        deltas.clear();
        self.before = before;
        self.after = deltas;
    }

    fn add_incoming(&mut self, (sku, location): (u32, u32), q: Decimal) {
        let list = &mut self.incoming[sku as usize];
        match list.iter().position(|x| x.0 == location) {
            Some(i) => {
                let old = list[i];
                let new = old.1 + q;
                if new.is_zero() {
                    list.remove(i);
                    self.undo.push(Undo::IncomingRemoved(sku, i as u32, old));
                } else {
                    list[i].1 = new;
                    self.undo.push(Undo::IncomingSet(sku, i as u32, old.1));
                }
            }
            None => {
                list.push((location, q));
                self.undo.push(Undo::IncomingPushed(sku));
            }
        }
    }

    /// Units incoming of `sku` at `location` (or all locations).
    pub(crate) fn incoming_of(&self, sku: &str, location: Option<&str>) -> Decimal {
        let Some(list) = self.name_id(sku).map(|s| &self.incoming[s as usize]) else {
            return Decimal::ZERO;
        };
        match location {
            None => list.iter().map(|x| x.1).sum(),
            Some(l) => self
                .name_id(l)
                .and_then(|l| list.iter().find(|x| x.0 == l))
                .map_or(Decimal::ZERO, |x| x.1),
        }
    }

    // ----- public views -----

    /// Order `i` as its public type.
    pub(crate) fn order_view(&self, i: u32) -> PurchaseOrder {
        let o = &self.orders[i as usize];
        let supplier = &self.suppliers[o.supplier as usize];
        PurchaseOrder {
            id: o.id.to_string(),
            supplier: supplier.id.clone(),
            status: o.status(),
            created_at: o.created_at,
            placed_at: o.placed_at,
            confirmed_at: o.confirmed_at,
            terms: o.terms.clone().unwrap_or_else(|| supplier.terms.clone()),
            lines: o.lines.iter().map(|l| self.line_view(l)).collect(),
            receipts: o
                .receipts
                .iter()
                .map(|&r| self.receipts[r as usize].id.to_string())
                .collect(),
            charges: o
                .charges
                .iter()
                .map(|&c| self.charges[c as usize].id.to_string())
                .collect(),
            paid: o.paid,
            dropship: o.dropship,
            customer_order: o.customer_order.as_deref().map(str::to_owned),
        }
    }

    pub(crate) fn line_view(&self, l: &Line) -> OrderLine {
        OrderLine {
            line: l.line,
            sku: self.name(l.sku).to_owned(),
            location: self.name(l.location).to_owned(),
            quantity: l.quantity,
            ordered: l.ordered,
            unit_price: l.unit_price,
            expected: l.expected,
            received_sellable: l.received[0],
            received_damaged: l.received[1],
            received_quarantine: l.received[2],
            cancelled: l.cancelled,
            closed_short: l.short,
            open: l.open(),
            received_value: l.received_value,
            price_variance: l.variance,
        }
    }

    /// The terms of order `i`: captured when placed, else its supplier's current ones.
    pub(crate) fn terms_of(&self, i: u32) -> &PaymentTerms {
        let o = &self.orders[i as usize];
        o.terms
            .as_ref()
            .unwrap_or(&self.suppliers[o.supplier as usize].terms)
    }
}
