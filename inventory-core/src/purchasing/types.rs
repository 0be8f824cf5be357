//! The public types of purchasing: suppliers and their terms, purchase orders, the events
//! that change them, and what posting an event returns.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::error::PurchasingError;
use crate::ledger::{Condition, Outcome};
use crate::policy::DiscountKind;
use crate::time::Timestamp;

/// Payment terms: the invoice is due `net_days` after it is issued (the receipt or the
/// charge); with an early-payment discount, paying in full within `discount.days` saves
/// `discount.percent` % ("2/10 net 30").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentTerms {
    /// Days from the invoice to its due date.
    pub net_days: u32,
    /// An early-payment discount, if the supplier offers one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<EarlyPaymentDiscount>,
}

impl PaymentTerms {
    /// Net `days`, no early-payment discount.
    pub fn net(days: u32) -> Self {
        PaymentTerms {
            net_days: days,
            discount: None,
        }
    }

    /// Adds an early-payment discount of `percent` % within `days` days.
    ///
    /// ```
    /// use inventory_core::purchasing::PaymentTerms;
    /// use inventory_core::Decimal;
    ///
    /// let terms = PaymentTerms::net(30).with_discount(Decimal::from(2), 10); // "2/10 net 30"
    /// assert_eq!(terms.to_string(), "2/10 net 30");
    /// ```
    pub fn with_discount(mut self, percent: Decimal, days: u32) -> Self {
        self.discount = Some(EarlyPaymentDiscount { percent, days });
        self
    }

    /// Terms from their parts as a form or a binding gives them: `net_days`, and an
    /// early-payment discount of `discount_percent` within `discount_days` when a percent is
    /// given. The values are checked when the supplier is posted.
    ///
    /// # Errors
    /// [`PurchasingError::InvalidInput`] when `discount_days` is given (not 0) without a
    /// percent: a discount period with no discount is a mistake, not a choice.
    pub fn from_parts(
        net_days: u32,
        discount_percent: Option<Decimal>,
        discount_days: u32,
    ) -> Result<Self, PurchasingError> {
        match discount_percent {
            Some(percent) => Ok(PaymentTerms::net(net_days).with_discount(percent, discount_days)),
            None if discount_days != 0 => Err(PurchasingError::InvalidInput {
                message: format!("discount_days {discount_days} is given without discount_percent"),
            }),
            None => Ok(PaymentTerms::net(net_days)),
        }
    }
}

impl fmt::Display for PaymentTerms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(d) = &self.discount {
            write!(f, "{}/{} ", d.percent.normalize(), d.days)?;
        }
        write!(f, "net {}", self.net_days)
    }
}

/// An early-payment discount: `percent` % off an invoice paid in full within `days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlyPaymentDiscount {
    /// The discount, in percent (0 ≤ percent < 100).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub percent: Decimal,
    /// Days from the invoice within which it applies (≤ the net days).
    pub days: u32,
}

/// One price break: from `min_quantity` units on, the unit price is `unit_price`. The
/// money counterpart of [`crate::policy::PriceBreak`], with the same break model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBreak {
    /// The smallest quantity this price applies to (≥ 0; strictly increasing along a list).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub min_quantity: Decimal,
    /// The unit price (≥ 0).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub unit_price: Decimal,
}

impl PriceBreak {
    /// A break at `min_quantity` units.
    pub fn new(min_quantity: Decimal, unit_price: Decimal) -> Self {
        PriceBreak {
            min_quantity,
            unit_price,
        }
    }
}

/// A quoted lead time, in days.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadTimeQuote {
    /// Mean days from placing an order to receiving it (≥ 0).
    pub mean_days: f64,
    /// Its standard deviation in days (≥ 0).
    #[serde(default)]
    pub std_days: f64,
}

/// What a supplier sells of one SKU, and on what terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierItem {
    /// Our SKU.
    pub sku: String,
    /// The supplier's own item code, if it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier_sku: Option<String>,
    /// How the price breaks apply (every unit at the break's price, or each bracket's
    /// units at its price).
    pub discount: DiscountKind,
    /// The price breaks, by strictly increasing quantity (at least one).
    pub prices: Vec<PriceBreak>,
    /// The smallest quantity a line may order (0: none).
    #[serde(default)]
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub min_order_quantity: Decimal,
    /// Lines order multiples of this (`None`: any quantity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::strict::option_decimal")]
    pub pack_size: Option<Decimal>,
    /// The quoted lead time.
    pub lead_time: LeadTimeQuote,
    /// This supplier is the SKU's preferred one. Setting a supplier with a preferred item
    /// takes the preference from any other supplier of the SKU.
    #[serde(default)]
    pub preferred: bool,
}

impl Eq for SupplierItem {}

impl SupplierItem {
    /// An item at one unit price for any quantity, quoted `lead_days` days (σ 0), no MOQ,
    /// no pack size, not preferred.
    pub fn new(sku: impl Into<String>, unit_price: Decimal, lead_days: f64) -> Self {
        SupplierItem {
            sku: sku.into(),
            supplier_sku: None,
            discount: DiscountKind::AllUnits,
            prices: vec![PriceBreak::new(Decimal::ZERO, unit_price)],
            min_order_quantity: Decimal::ZERO,
            pack_size: None,
            lead_time: LeadTimeQuote {
                mean_days: lead_days,
                std_days: 0.0,
            },
            preferred: false,
        }
    }

    /// Sets the supplier's item code.
    pub fn supplier_sku(mut self, code: impl Into<String>) -> Self {
        self.supplier_sku = Some(code.into());
        self
    }

    /// Sets the price breaks and how they apply.
    pub fn prices(mut self, discount: DiscountKind, breaks: Vec<PriceBreak>) -> Self {
        self.discount = discount;
        self.prices = breaks;
        self
    }

    /// Sets the minimum order quantity.
    pub fn min_order_quantity(mut self, q: Decimal) -> Self {
        self.min_order_quantity = q;
        self
    }

    /// Sets the pack size (lines order multiples of it).
    pub fn pack_size(mut self, q: Decimal) -> Self {
        self.pack_size = Some(q);
        self
    }

    /// Sets the lead time's standard deviation in days.
    pub fn lead_time_std(mut self, std_days: f64) -> Self {
        self.lead_time.std_days = std_days;
        self
    }

    /// Marks this supplier as the SKU's preferred one.
    pub fn preferred(mut self, preferred: bool) -> Self {
        self.preferred = preferred;
        self
    }
}

/// A supplier: who we buy from, on what payment terms, and what they sell.
///
/// ```
/// use inventory_core::purchasing::{PaymentTerms, PriceBreak, Supplier, SupplierItem};
/// use inventory_core::policy::DiscountKind;
/// use inventory_core::Decimal;
///
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// let acme = Supplier::new("ACME", "Acme Ceramics", PaymentTerms::net(30).with_discount(d("2"), 10))
///     .item(SupplierItem::new("MUG", d("4.00"), 14.0)
///         .prices(DiscountKind::AllUnits, vec![
///             PriceBreak::new(d("0"), d("4.00")),
///             PriceBreak::new(d("100"), d("3.60")),
///         ])
///         .pack_size(d("12"))
///         .preferred(true));
/// assert_eq!(acme.items[0].price_for(d("120")).unwrap(), d("3.60"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    /// The host's id.
    pub id: String,
    /// A display name.
    pub name: String,
    /// Payment terms.
    pub terms: PaymentTerms,
    /// What the supplier sells (one item per SKU).
    #[serde(default)]
    pub items: Vec<SupplierItem>,
}

impl Supplier {
    /// A supplier without items.
    pub fn new(id: impl Into<String>, name: impl Into<String>, terms: PaymentTerms) -> Self {
        Supplier {
            id: id.into(),
            name: name.into(),
            terms,
            items: Vec::new(),
        }
    }

    /// Adds an item.
    pub fn item(mut self, item: SupplierItem) -> Self {
        self.items.push(item);
        self
    }

    /// The item of `sku`, if the supplier sells it.
    pub fn item_of(&self, sku: &str) -> Option<&SupplierItem> {
        self.items.iter().find(|i| i.sku == sku)
    }
}

/// The largest over-receipt tolerance, in percent: ten times the ordered quantity may
/// arrive in all. Beyond that, [`OverReceipt::Accept`] says what is meant.
pub const MAX_OVER_RECEIPT_TOLERANCE: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// How to treat a receipt beyond the ordered quantity ([`crate::LedgerConfig::over_receipt`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverReceipt {
    /// Refuse any unit beyond the line's quantity (the default).
    #[default]
    Refuse,
    /// Accept up to this many percent beyond the line's quantity (0 to
    /// [`MAX_OVER_RECEIPT_TOLERANCE`]).
    Tolerance(#[serde(deserialize_with = "crate::strict::decimal")] Decimal),
    /// Accept any quantity.
    Accept,
}

/// Where a purchase order is in its life. Derived from its lines: see the
/// [module documentation](super).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Being prepared: not yet sent, nothing incoming.
    Draft,
    /// Sent to the supplier; its open quantity is incoming.
    Placed,
    /// Confirmed by the supplier (possibly with changed quantities or dates).
    Confirmed,
    /// Some units received, some still open.
    PartiallyReceived,
    /// Every line received in full.
    Received,
    /// Nothing open any more, some units received, and some line's remainder cancelled or
    /// closed short.
    Closed,
    /// Cancelled before anything was received.
    Cancelled,
}

impl OrderStatus {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Draft => "draft",
            OrderStatus::Placed => "placed",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::PartiallyReceived => "partially_received",
            OrderStatus::Received => "received",
            OrderStatus::Closed => "closed",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    /// Whether the order's open quantity is incoming (placed, confirmed or partially
    /// received).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            OrderStatus::Placed | OrderStatus::Confirmed | OrderStatus::PartiallyReceived
        )
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A line of a new order (or one added to an order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewLine {
    /// The line's number, unique within the order (the host's, e.g. 10, 20, 30).
    pub line: u32,
    /// The SKU (the supplier must sell it).
    pub sku: String,
    /// Where it is to be delivered.
    pub location: String,
    /// Units ordered (> 0).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// The unit price; `None` takes it from the supplier's price breaks for the quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::strict::option_decimal")]
    pub unit_price: Option<Decimal>,
    /// When it is expected to arrive.
    pub expected: Timestamp,
}

impl NewLine {
    /// A line at the supplier's price.
    pub fn new(
        line: u32,
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Decimal,
        expected: Timestamp,
    ) -> Self {
        NewLine {
            line,
            sku: sku.into(),
            location: location.into(),
            quantity,
            unit_price: None,
            expected,
        }
    }

    /// Sets an explicit unit price.
    pub fn unit_price(mut self, price: Decimal) -> Self {
        self.unit_price = Some(price);
        self
    }
}

/// A change to a line: by the supplier in a confirmation, or by the buyer in an amendment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineChange {
    /// The line's number.
    pub line: u32,
    /// The new quantity (not below what was already received).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::strict::option_decimal")]
    pub quantity: Option<Decimal>,
    /// The new expected time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Timestamp>,
    /// The new unit price (amendments only; a confirmation does not change prices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::strict::option_decimal")]
    pub unit_price: Option<Decimal>,
}

impl LineChange {
    /// No change yet to line `line`.
    pub fn new(line: u32) -> Self {
        LineChange {
            line,
            ..LineChange::default()
        }
    }

    /// Sets the new quantity.
    pub fn quantity(mut self, q: Decimal) -> Self {
        self.quantity = Some(q);
        self
    }

    /// Sets the new expected time.
    pub fn expected(mut self, t: Timestamp) -> Self {
        self.expected = Some(t);
        self
    }

    /// Sets the new unit price.
    pub fn unit_price(mut self, p: Decimal) -> Self {
        self.unit_price = Some(p);
        self
    }
}

/// What arrived of one order line, counted by condition at the dock.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptLine {
    /// The line's number.
    pub line: u32,
    /// Units sellable.
    #[serde(default)]
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub sellable: Decimal,
    /// Units damaged.
    #[serde(default)]
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub damaged: Decimal,
    /// Units held for inspection.
    #[serde(default)]
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quarantine: Decimal,
    /// The price invoiced, if it differs from the line's (the difference × units is the
    /// purchase price variance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::strict::option_decimal")]
    pub unit_price: Option<Decimal>,
}

impl ReceiptLine {
    /// `sellable` units of line `line`, nothing damaged or quarantined.
    pub fn new(line: u32, sellable: Decimal) -> Self {
        ReceiptLine {
            line,
            sellable,
            ..ReceiptLine::default()
        }
    }

    /// Sets the damaged units.
    pub fn damaged(mut self, q: Decimal) -> Self {
        self.damaged = q;
        self
    }

    /// Sets the quarantined units.
    pub fn quarantine(mut self, q: Decimal) -> Self {
        self.quarantine = q;
        self
    }

    /// Sets the invoiced unit price.
    pub fn unit_price(mut self, p: Decimal) -> Self {
        self.unit_price = Some(p);
        self
    }

    /// The units of each condition, in [`Condition::ALL`] order.
    pub(crate) fn by_condition(&self) -> [(Condition, Decimal); 3] {
        [
            (Condition::Sellable, self.sellable),
            (Condition::Damaged, self.damaged),
            (Condition::Quarantine, self.quarantine),
        ]
    }
}

/// What a landed-cost charge is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeKind {
    /// Freight.
    Freight,
    /// Customs duty.
    Duty,
    /// Insurance.
    Insurance,
    /// Anything else.
    Other,
}

impl ChargeKind {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChargeKind::Freight => "freight",
            ChargeKind::Duty => "duty",
            ChargeKind::Insurance => "insurance",
            ChargeKind::Other => "other",
        }
    }
}

impl FromStr for ChargeKind {
    type Err = PurchasingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "freight" => Ok(ChargeKind::Freight),
            "duty" => Ok(ChargeKind::Duty),
            "insurance" => Ok(ChargeKind::Insurance),
            "other" => Ok(ChargeKind::Other),
            _ => Err(PurchasingError::InvalidInput {
                message: format!(
                    "unknown charge kind {s:?} (expected freight, duty, insurance or other)"
                ),
            }),
        }
    }
}

/// How a charge is split over the receipt lines it covers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// By units received.
    #[default]
    ByQuantity,
    /// By value received (units × invoiced unit price).
    ByValue,
    /// By units received × a weight per unit (weight, volume) given per order line; lines
    /// not listed weigh nothing.
    ByWeight(Vec<(u32, Decimal)>),
}

impl Allocation {
    /// The name of the basis (`"quantity"`, `"value"`, `"weight"`).
    pub fn name(&self) -> &'static str {
        match self {
            Allocation::ByQuantity => "quantity",
            Allocation::ByValue => "value",
            Allocation::ByWeight(_) => "weight",
        }
    }

    /// The allocation named `name`, with the weights per order line that `"weight"` needs
    /// (and the others refuse).
    ///
    /// # Errors
    /// [`PurchasingError::InvalidInput`] for an unknown name, `"weight"` without weights, or
    /// weights with another name.
    pub fn from_name(
        name: &str,
        weights: Option<Vec<(u32, Decimal)>>,
    ) -> Result<Self, PurchasingError> {
        let invalid = |message: String| PurchasingError::InvalidInput { message };
        match (name, weights) {
            ("quantity", None) => Ok(Allocation::ByQuantity),
            ("value", None) => Ok(Allocation::ByValue),
            ("weight", Some(w)) => Ok(Allocation::ByWeight(w)),
            ("weight", None) => Err(invalid(
                "an allocation by weight needs weights: a weight per unit for order lines".into(),
            )),
            ("quantity" | "value", Some(_)) => Err(invalid(format!(
                "weights are for an allocation by weight, not by {name}"
            ))),
            _ => Err(invalid(format!(
                "unknown allocation {name:?} (expected quantity, value or weight)"
            ))),
        }
    }
}

impl OverReceipt {
    /// `"refuse"`, `"accept"` or `"tolerance"`.
    pub fn name(self) -> &'static str {
        match self {
            OverReceipt::Refuse => "refuse",
            OverReceipt::Tolerance(_) => "tolerance",
            OverReceipt::Accept => "accept",
        }
    }
}

/// `"refuse"`, `"accept"`, or a tolerance in percent (`"5"`, `"2.5"`).
impl FromStr for OverReceipt {
    type Err = PurchasingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "refuse" => Ok(OverReceipt::Refuse),
            "accept" => Ok(OverReceipt::Accept),
            _ => s.parse::<Decimal>().map(OverReceipt::Tolerance).map_err(|_| {
                PurchasingError::InvalidInput {
                    message: format!(
                        "unknown over-receipt policy {s:?} (expected refuse, accept or a tolerance in percent)"
                    ),
                }
            }),
        }
    }
}

/// A customer's purchase of a dropshipped SKU: the supplier delivers it to the customer
/// directly (see [`PurchaseEventKind::Dropship`] and the
/// [module documentation](super#dropship)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropshipSale {
    /// The SKU sold (the supplier must sell it).
    pub sku: String,
    /// The location the sale is booked at: the delivery passes through its (empty) position
    /// so that the sale's COGS is the supplier's price. Not a warehouse: a dedicated name
    /// such as `"DROPSHIP"` keeps it apart from stock.
    pub location: String,
    /// Units sold (> 0).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// The supplier; `None`: the SKU's preferred supplier (else the first that sells it,
    /// as [`crate::Ledger::suppliers_of`] lists them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    /// The supplier's unit price; `None`: from its price breaks for the quantity.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::strict::option_decimal"
    )]
    pub unit_price: Option<Decimal>,
    /// When the supplier is to deliver; `None`: the event's time plus the supplier's
    /// quoted mean lead time (rounded to the second).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Timestamp>,
    /// The customer's order id (the host's), kept on the purchase order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_order: Option<String>,
}

impl DropshipSale {
    /// A sale of `quantity` units of `sku`, booked at `location`, from the preferred
    /// supplier at its price.
    pub fn new(sku: impl Into<String>, location: impl Into<String>, quantity: Decimal) -> Self {
        DropshipSale {
            sku: sku.into(),
            location: location.into(),
            quantity,
            supplier: None,
            unit_price: None,
            expected: None,
            customer_order: None,
        }
    }

    /// Buys from this supplier.
    pub fn supplier(mut self, supplier: impl Into<String>) -> Self {
        self.supplier = Some(supplier.into());
        self
    }

    /// Sets the supplier's unit price.
    pub fn unit_price(mut self, price: Decimal) -> Self {
        self.unit_price = Some(price);
        self
    }

    /// Sets the expected delivery time.
    pub fn expected(mut self, time: Timestamp) -> Self {
        self.expected = Some(time);
        self
    }

    /// Sets the customer's order id.
    pub fn customer_order(mut self, id: impl Into<String>) -> Self {
        self.customer_order = Some(id.into());
        self
    }
}

/// A landed-cost charge: freight, duty, insurance or another cost of goods received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// The host's id of the charge (unique in the ledger).
    pub id: String,
    /// What it is for.
    pub kind: ChargeKind,
    /// The amount (> 0, in the money scale).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub amount: Decimal,
    /// The receipts it covers (ids); empty: every receipt of the order so far.
    #[serde(default)]
    pub receipts: Vec<String>,
    /// How it is split over their lines.
    #[serde(default)]
    pub allocation: Allocation,
}

impl Charge {
    /// A charge over every receipt of the order so far, split by units received.
    pub fn new(id: impl Into<String>, kind: ChargeKind, amount: Decimal) -> Self {
        Charge {
            id: id.into(),
            kind,
            amount,
            receipts: Vec::new(),
            allocation: Allocation::ByQuantity,
        }
    }

    /// Limits the charge to these receipts.
    pub fn receipts(mut self, receipts: Vec<String>) -> Self {
        self.receipts = receipts;
        self
    }

    /// Sets how the charge is split.
    pub fn allocation(mut self, allocation: Allocation) -> Self {
        self.allocation = allocation;
        self
    }
}

/// What happened to the purchasing documents: one variant per kind of event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PurchaseEventKind {
    /// Creates a supplier, or replaces its name, terms and catalogue (orders already
    /// created keep their prices; orders already placed keep their terms).
    SetSupplier {
        /// The supplier.
        supplier: Supplier,
    },
    /// Creates a draft order.
    CreateOrder {
        /// The host's order id (unique in the ledger).
        order: String,
        /// The supplier's id.
        supplier: String,
        /// The lines (at least one).
        lines: Vec<NewLine>,
    },
    /// Adds a line to an order that is not finished.
    AddLine {
        /// The order.
        order: String,
        /// The new line.
        line: NewLine,
    },
    /// The buyer changes a line's quantity, expected time or price.
    AmendLine {
        /// The order.
        order: String,
        /// The change.
        change: LineChange,
    },
    /// Sends a draft order to the supplier: its lines become incoming.
    PlaceOrder {
        /// The order.
        order: String,
    },
    /// The supplier confirms a placed order, possibly with changed quantities or dates.
    ConfirmOrder {
        /// The order.
        order: String,
        /// The supplier's changes (no prices).
        #[serde(default)]
        changes: Vec<LineChange>,
    },
    /// Goods arrive against the order: each line's units are received into stock by
    /// condition at the line's (or the invoiced) unit price.
    ReceiveOrder {
        /// The order.
        order: String,
        /// The host's receipt id (unique in the ledger).
        receipt: String,
        /// What arrived, per line (at least one line, each with units).
        lines: Vec<ReceiptLine>,
    },
    /// Cancels the open remainder of one line (`Some`) or of every line (`None`).
    CancelOrder {
        /// The order.
        order: String,
        /// The line, or every line.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<u32>,
    },
    /// Closes the open remainder of one line or every line short: the supplier will not
    /// deliver it (unlike a cancellation, this counts against the supplier's fill rate).
    CloseShort {
        /// The order.
        order: String,
        /// The line, or every line.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<u32>,
    },
    /// A landed-cost charge on goods already received against the order.
    AddCharge {
        /// The order.
        order: String,
        /// The charge.
        charge: Charge,
    },
    /// A customer bought a dropshipped SKU: creates and places a one-line order (line 1)
    /// for direct delivery to the customer. Its open units are not incoming stock; its
    /// receipt books the sale (see the [module documentation](super#dropship)).
    Dropship {
        /// The host's id of the new order (unique in the ledger).
        order: String,
        /// The sale.
        sale: DropshipSale,
    },
    /// A payment to the supplier against the order.
    RecordPayment {
        /// The order.
        order: String,
        /// The host's payment id (unique in the ledger).
        payment: String,
        /// The amount paid (> 0, in the money scale).
        #[serde(deserialize_with = "crate::strict::decimal")]
        amount: Decimal,
    },
}

/// One purchasing event: a time, an optional idempotency reference, and what happened.
///
/// Events are posted with [`crate::Ledger::purchase`] and kept in the ledger's journal of
/// purchasing events (see the [module documentation](super)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurchaseEvent {
    /// When it happened, in seconds since the Unix epoch (UTC).
    pub time: Timestamp,
    /// An idempotency reference: posting an event with a reference already posted is a
    /// no-op that returns the first outcome (or an error if the payload differs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What happened.
    #[serde(flatten)]
    pub kind: PurchaseEventKind,
}

/// Read strictly, as a snapshot is: the event by name only, no unknown field, decimals as
/// JSON strings only.
impl<'de> Deserialize<'de> for PurchaseEvent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (time, reference, kind) = crate::strict::tagged_object(d, "purchasing event", "event")?;
        Ok(PurchaseEvent {
            time,
            reference,
            kind,
        })
    }
}

impl PurchaseEvent {
    /// An event of the given kind at `time`, without reference.
    pub fn new(kind: PurchaseEventKind, time: Timestamp) -> Self {
        PurchaseEvent {
            time,
            reference: None,
            kind,
        }
    }

    /// Sets the idempotency reference.
    pub fn with_reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// The kind's name (`"set_supplier"`, `"create_order"`, ...).
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            PurchaseEventKind::SetSupplier { .. } => "set_supplier",
            PurchaseEventKind::CreateOrder { .. } => "create_order",
            PurchaseEventKind::AddLine { .. } => "add_line",
            PurchaseEventKind::AmendLine { .. } => "amend_line",
            PurchaseEventKind::PlaceOrder { .. } => "place_order",
            PurchaseEventKind::ConfirmOrder { .. } => "confirm_order",
            PurchaseEventKind::ReceiveOrder { .. } => "receive_order",
            PurchaseEventKind::CancelOrder { .. } => "cancel_order",
            PurchaseEventKind::CloseShort { .. } => "close_short",
            PurchaseEventKind::AddCharge { .. } => "add_charge",
            PurchaseEventKind::RecordPayment { .. } => "record_payment",
            PurchaseEventKind::Dropship { .. } => "dropship",
        }
    }

    /// The order the event is about (`None` for a supplier).
    pub fn order(&self) -> Option<&str> {
        match &self.kind {
            PurchaseEventKind::SetSupplier { .. } => None,
            PurchaseEventKind::CreateOrder { order, .. }
            | PurchaseEventKind::AddLine { order, .. }
            | PurchaseEventKind::AmendLine { order, .. }
            | PurchaseEventKind::PlaceOrder { order }
            | PurchaseEventKind::ConfirmOrder { order, .. }
            | PurchaseEventKind::ReceiveOrder { order, .. }
            | PurchaseEventKind::CancelOrder { order, .. }
            | PurchaseEventKind::CloseShort { order, .. }
            | PurchaseEventKind::AddCharge { order, .. }
            | PurchaseEventKind::RecordPayment { order, .. }
            | PurchaseEventKind::Dropship { order, .. } => Some(order),
        }
    }
}

/// What posting a purchasing event did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurchaseOutcome {
    /// The event's sequence number in the journal of purchasing events.
    pub sequence: u64,
    /// The outcomes of the stock movements it posted, in order (a receipt's receive
    /// movements, a charge's landed costs; none for the other events).
    pub movements: Vec<Outcome>,
    /// The order's status after the event (`None` for a supplier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// `true` when this was a repeat of an event already posted with the same reference.
    pub duplicate: bool,
}

/// A purchasing event as journaled: the event, its sequence number, and the stock
/// movements it posted (journal sequence numbers `first_movement ..
/// first_movement + movements`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseRecord {
    /// The event's sequence number.
    pub sequence: u64,
    /// The stock journal's length when the event was posted: its movements start here.
    pub first_movement: u64,
    /// How many stock movements it posted.
    pub movements: u64,
    /// The event.
    #[serde(flatten)]
    pub event: PurchaseEvent,
}

/// A purchase order line as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderLine {
    /// The line's number.
    pub line: u32,
    /// The SKU.
    pub sku: String,
    /// The delivery location.
    pub location: String,
    /// Units on order now (after the supplier's confirmation and the buyer's amendments).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// Units the buyer asked for: the quantity when placed, changed by the buyer's own
    /// amendments but not by the supplier's confirmation (the base of the fill rate).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub ordered: Decimal,
    /// The unit price.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub unit_price: Decimal,
    /// When it is expected.
    pub expected: Timestamp,
    /// Units received sellable.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub received_sellable: Decimal,
    /// Units received damaged.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub received_damaged: Decimal,
    /// Units received into quarantine.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub received_quarantine: Decimal,
    /// Units of the remainder the buyer cancelled.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub cancelled: Decimal,
    /// Units of the remainder closed short (the supplier will not deliver them).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub closed_short: Decimal,
    /// Units still to come: quantity − received − cancelled − closed short, not below 0.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub open: Decimal,
    /// Value received at the invoiced prices.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub received_value: Decimal,
    /// Purchase price variance: value received at the invoiced prices − at the line's
    /// price at the time (positive: paid more than ordered).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub price_variance: Decimal,
}

impl OrderLine {
    /// Units received in any condition.
    pub fn received(&self) -> Decimal {
        self.received_sellable + self.received_damaged + self.received_quarantine
    }
}

/// A purchase order as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurchaseOrder {
    /// The host's id.
    pub id: String,
    /// The supplier's id.
    pub supplier: String,
    /// Its status.
    pub status: OrderStatus,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it was placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed_at: Option<Timestamp>,
    /// When the supplier confirmed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_at: Option<Timestamp>,
    /// The payment terms: the supplier's when it was placed (its current ones while a draft).
    pub terms: PaymentTerms,
    /// The lines, in the order they were added.
    pub lines: Vec<OrderLine>,
    /// The receipts' ids, in order.
    pub receipts: Vec<String>,
    /// The charges' ids, in order.
    pub charges: Vec<String>,
    /// Paid so far.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub paid: Decimal,
    /// A dropship order: delivered by the supplier to the customer, never stocked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dropship: bool,
    /// The customer's order id of a dropship order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_order: Option<String>,
}
