//! Purchasing event JSON posted into a ledger with a supplier and an order: a typed error
//! leaves the ledger exactly as it was; an accepted event keeps the snapshot readable.
#![no_main]

use inventory_core::purchasing::{NewLine, PaymentTerms, PurchaseEvent, Supplier, SupplierItem};
use inventory_core::{Decimal, Ledger};
use libfuzzer_sys::fuzz_target;

fn base() -> Ledger {
    let mut l = Ledger::new();
    let s = Supplier::new("S", "Supplier", PaymentTerms::net(30))
        .item(SupplierItem::new("A", Decimal::new(250, 2), 5.0));
    l.set_supplier(s, 0).unwrap();
    l.create_order("PO-1", "S", vec![NewLine::new(1, "A", "W", Decimal::TEN, 86_400)], 0)
        .unwrap();
    l.place_order("PO-1", 1).unwrap();
    l
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(event) = serde_json::from_str::<PurchaseEvent>(text) else {
        return;
    };
    let mut l = base();
    let before = l.to_json();
    match l.purchase(event) {
        Ok(_) => {
            let back = Ledger::from_json(&l.to_json()).expect("the snapshot reads back");
            assert_eq!(back, l);
        }
        Err(_) => assert_eq!(l.to_json(), before, "a refused event changed the ledger"),
    }
});
