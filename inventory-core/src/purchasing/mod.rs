//! Purchasing: suppliers, purchase orders, receiving against them, landed costs, supplier
//! performance and the payment schedule.
//!
//! Purchasing is part of the ledger's state: a [`crate::Ledger`] holds its suppliers and
//! orders beside its stock, and every change to them is a [`PurchaseEvent`] posted with
//! [`crate::Ledger::purchase`] (or one of the methods that build one, such as
//! [`crate::Ledger::create_order`]). The rules below are each stated once; the tests hold
//! each of them.
//!
//! # One journal, atomic and idempotent
//!
//! - Purchasing events are journaled like movements, in their own numbered sequence
//!   ([`crate::Ledger::purchase_records`]), each with the stock movements it caused (a
//!   receipt's receive movements, a charge's landed costs), which are ordinary entries of
//!   the stock journal. An event and its movements apply together or not at all.
//! - An event with a [`PurchaseEvent::reference`] already posted returns the first outcome
//!   with `duplicate = true` and changes nothing; the same reference with another payload is
//!   [`crate::LedgerError::DuplicateReference`]. Event references and movement references
//!   are separate namespaces. Document ids (orders, receipts, charges, payments) are unique
//!   too: reusing one is [`crate::error::PurchasingError::DuplicateId`].
//! - A snapshot ([`crate::Ledger::to_json`]) holds the purchasing events; loading it replays
//!   movements and events in their original interleaving and checks that every event posts
//!   exactly the movements it posted before. [`crate::Ledger::replay`] of the stock journal
//!   alone reproduces every position, layer and value (purchasing posts nothing but
//!   movements) but no purchasing documents.
//! - Events on one order are in time order: one dated before the order's latest event is
//!   [`crate::error::PurchasingError::OutOfOrder`]. Stock movements keep the ledger's own rule (per SKU).
//!
//! # Suppliers
//!
//! A [`Supplier`] has payment terms and one [`SupplierItem`] per SKU it sells: the
//! supplier's item code, price breaks (all-units or incremental, the break model of
//! [`crate::policy::eoq_discount`]), a minimum order quantity, a pack size and a quoted
//! lead time. Setting a supplier again replaces its name, terms and catalogue; orders keep
//! the prices of their lines and, once placed, their terms. A SKU may have several
//! suppliers; setting one with a `preferred` item takes the preference from the others.
//!
//! **Prices.** A line without an explicit price takes the supplier's for its quantity:
//! all-units, the price of the highest break at or below the quantity (a quantity below
//! the first break has no price and is refused); incremental, each bracket's units at its
//! price (the first bracket from 0 units), the line's unit price being the total ÷ the
//! quantity (an exact decimal to 28 significant digits, so that quantity × unit price
//! rounds to the total). A line priced this way is re-priced from the supplier's current
//! breaks when the buyer amends its quantity ([`PurchaseEventKind::AmendLine`] without a
//! price); a line given a price keeps it until an amendment gives another, and the
//! supplier's confirmation never changes prices. Units already received keep the price
//! they were received at. **Order quantities**: a new or added line must be at least the
//! item's minimum order quantity and a whole multiple of its pack size
//! ([`crate::error::PurchasingError::OrderQuantity`]); the supplier's confirmation may change that.
//!
//! # Purchase orders
//!
//! An order is created as a draft ([`PurchaseEventKind::CreateOrder`]), then placed,
//! optionally confirmed by the supplier (with changed quantities or dates), received in
//! one or more receipts, and ends received, or closed when part of it was cancelled
//! ([`PurchaseEventKind::CancelOrder`]: the buyer no longer wants the remainder) or closed
//! short ([`PurchaseEventKind::CloseShort`]: the supplier will not deliver it). The
//! [`OrderStatus`] is derived from the lines: a line's *open* quantity is `quantity −
//! received − cancelled − closed short`, never below zero. With nothing open, an order is
//! `Cancelled` if nothing was received, `Closed` if some line's remainder was cancelled or
//! closed short, and `Received` otherwise; with something open it is `Draft` until placed,
//! then `PartiallyReceived` once anything was received, `Confirmed` once confirmed, else
//! `Placed`. A line whose remainder was cancelled or closed short receives nothing more.
//! An amendment or confirmation may not take a line below what it already received
//! ([`crate::error::PurchasingError::BelowReceived`]).
//!
//! **Incoming.** The open quantity of the lines of placed orders (placed, confirmed,
//! partially received) is *incoming* at the line's location: [`crate::Position::incoming`],
//! [`crate::Ledger::incoming`] over all SKUs and locations, and
//! [`crate::Ledger::incoming_schedule`] by the UTC day or ISO week of the lines' expected
//! times (an overdue line stays in the bucket of its expected time: the planner decides
//! what late means).
//!
//! # Receiving
//!
//! A receipt ([`PurchaseEventKind::ReceiveOrder`]) counts each line's units by condition at
//! the dock: sellable, damaged, quarantine. Each non-zero count is one
//! [`crate::MovementKind::Receive`] into that condition at the invoiced unit price (the
//! line's, unless the receipt gives one), naming the order. The **purchase price variance**
//! of a receipt line is `units × invoiced price − units × line price` (each rounded half
//! away from zero to the money scale). **Over-receipt** follows
//! [`crate::LedgerConfig::over_receipt`]: refuse any unit beyond the line's quantity (the
//! default), accept up to a tolerance in percent of it, or accept all. An under-receipt
//! leaves the remainder open until it arrives, is cancelled, or is closed short.
//!
//! # Landed cost
//!
//! A charge ([`PurchaseEventKind::AddCharge`]) of freight, duty, insurance or another cost
//! covers receipts of the order (given ones, or all so far), and is split over their
//! received lines (one part per line and condition) by units, by value (units × invoiced
//! price) or by units × a weight per unit given per line. **Rounding**: the parts are the
//! exact shares rounded *down* to the money scale, and the cents still missing go one
//! each to the parts with the largest remainders (ties: the earlier part): the largest
//! remainder method, so the parts sum exactly to the charge and none is negative. Each
//! part is a [`crate::MovementKind::LandedCost`] on its receipt movement: the share of the
//! units still on hand raises their cost layers (or moving-average pool) wherever they now
//! are, the share of units already gone is a COGS true-up; so stock value + COGS grows by
//! exactly the charge.
//!
//! # Dropship
//!
//! A dropshipped SKU is never stocked: the supplier delivers it to the customer. A sale of
//! one is a [`PurchaseEventKind::Dropship`] event ([`crate::Ledger::dropship`]), which
//! creates and places a one-line order (line 1; the [`DropshipSale`]'s supplier, else the
//! SKU's preferred one; its price, else the supplier's for the quantity; MOQ and pack size
//! are the supplier's terms for stock orders and do not apply to a customer's order)
//! marked [`PurchaseOrder::dropship`], with the customer's order id. Its open units are
//! **not incoming stock** (not in [`crate::Position::incoming`], the incoming views or the
//! planner's position); they are in the overdue lines and the payment schedule like any
//! order's, and the supplier's performance counts its deliveries.
//!
//! The supplier's delivery to the customer is received like any order
//! ([`PurchaseEventKind::ReceiveOrder`], sellable units only: damage found later is a
//! customer return): each receipt line posts the [`crate::MovementKind::Receive`] at the
//! invoiced price into the sale's location and, at once, a [`crate::MovementKind::Ship`]
//! of the same units from there. The position must be empty before (else
//! [`crate::error::PurchasingError::DropshipStocked`]), so the shipment's **COGS is
//! exactly the supplier's price** × units under every costing method, and the position is
//! empty again after. A charge on a dropship receipt is a COGS true-up (the units are
//! gone). The customer cancelling before delivery is a [`PurchaseEventKind::CancelOrder`].
//! The planner never suggests a dropship SKU ([`crate::replenish::Policy::Dropship`]).
//!
//! # Supplier performance
//!
//! From the engine's own history, per supplier and per supplier × SKU
//! ([`crate::Ledger::supplier_performance`]): the **lead time** of each receipt line
//! (receipt time − the order's placement, in days) with its mean and sample standard
//! deviation; the **on-time rate**, the share of receipt lines that arrived on or before
//! the UTC day the line was expected at the time of that receipt (amending the date later
//! does not rewrite past deliveries; the supplier's confirmed date counts); the **fill rate**, units received (capped at
//! what was asked) ÷ units the buyer asked for less what the buyer cancelled, over lines
//! with nothing left open; the **damage rate**, damaged ÷ received units.
//!
//! **Lead time for planning** ([`crate::Ledger::lead_time`]): the measured mean and
//! standard deviation of the supplier × SKU when it has at least
//! [`MIN_LEAD_TIME_SAMPLES`] receipt lines, else the supplier's quote for the SKU.
//!
//! # Payment schedule
//!
//! What is owed to whom and when ([`crate::Ledger::payment_schedule`]), from placed orders
//! and each order's terms. *Committed*: each receipt (its value at the invoiced prices)
//! and each charge, issued at its time and due `net_days` later; a receipt paid in full
//! by its discount date (issue + discount days) needs `amount − discount` (the discount
//! being `amount × percent / 100` rounded half away from zero to the money scale; charges
//! get no discount). *Expected*: the open quantity of each placed line at its price,
//! issued at its expected time with the same terms. A payment against an order settles
//! its committed items by due date (then issue order); one made by an item's discount date
//! that covers the item less its discount settles it with the discount taken; what is left
//! of a payment is a credit that settles later items as they are issued (and reduces the
//! expected items, due date first). This is a cash-flow view, not a general ledger: a
//! charge invoiced by a third party (a carrier) is recorded against the order and owed
//! with it, and returns to the supplier are not credited.

mod apply;
mod query;
mod state;
mod types;

pub(crate) use query::lead_time_estimate;
pub use query::{
    CashOutBucket, Incoming, IncomingBucket, LeadTimeEstimate, LeadTimeSource, OverdueLine,
    PaymentDue, PaymentKind, ReceivingLine, ReceivingReport, SupplierPerformance,
};
pub(crate) use state::{Mark, Purchasing};
pub use types::{
    Allocation, Charge, ChargeKind, DropshipSale, EarlyPaymentDiscount, LeadTimeQuote, LineChange,
    NewLine, OrderLine, OrderStatus, OverReceipt, PaymentTerms, PriceBreak, PurchaseEvent,
    PurchaseEventKind, PurchaseOrder, PurchaseOutcome, PurchaseRecord, ReceiptLine, Supplier,
    SupplierItem, MAX_OVER_RECEIPT_TOLERANCE,
};

/// The receipt lines a supplier × SKU needs before its measured lead time replaces the
/// quoted one in [`crate::Ledger::lead_time`].
pub const MIN_LEAD_TIME_SAMPLES: usize = 5;

/// The largest quantity, price or amount a purchasing event may carry (10^15). A line's
/// value (quantity × price) may still reach 10^30, beyond the decimal range (about
/// 7.9 × 10^28): the movement it posts is then refused, and a query whose sums leave the
/// range ([`crate::Ledger::payment_schedule`], the receiving report, supplier performance)
/// returns [`crate::LedgerError::Overflow`] rather than a wrong figure.
pub const MAX_AMOUNT: rust_decimal::Decimal = apply::MAX_AMOUNT;

#[cfg(test)]
mod tests;
