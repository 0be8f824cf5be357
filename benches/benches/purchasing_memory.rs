//! Purchasing memory: bytes per open purchase-order line, measured with the counting
//! allocator on the purchasing workload (see `inventory_benches::purchasing_data`).
//!
//! Run with `cargo bench -p inventory-benches --bench purchasing_memory`. A ledger holding
//! the suppliers and every order created and placed (nothing received: every line open) is
//! compared with the ledger holding only the suppliers. *Compact* figures come from clones
//! (vectors and tables at their length or bucket count), *live* ones from the ledgers as
//! built, growth slack included. The figure covers everything an open line costs: the
//! order and its line, the journaled event that created it (which keeps the line as it was
//! posted), the names, the id indexes and the incoming tables.

use inventory_benches::counting::{footprint, Counting};
use inventory_benches::purchasing_data::{PurchasingConfig, PurchasingWorkload};
use inventory_core::purchasing::PurchaseEventKind;
use inventory_core::Ledger;

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let config = if bench {
        PurchasingConfig::default()
    } else {
        PurchasingConfig::small()
    };
    let w = PurchasingWorkload::new(&config);
    let (base, base_live, _) = footprint(|| {
        let mut l = Ledger::new();
        for s in &w.suppliers {
            l.set_supplier(s.clone(), 0).expect("valid supplier");
        }
        l
    });
    let events: Vec<_> = w
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                PurchaseEventKind::CreateOrder { .. } | PurchaseEventKind::PlaceOrder { .. }
            )
        })
        .cloned()
        .collect();
    // The events are cloned inside, so that the text they carry into the journal counts.
    let (open, open_live, _) = footprint(|| {
        let mut l = base.clone();
        for e in &events {
            l.purchase(e.clone()).expect("valid event");
        }
        l
    });
    let lines = config.orders * config.lines;
    let incoming = open.incoming(None, None).len();
    let (_, base_compact, _) = footprint(|| base.clone());
    let (_, open_compact, _) = footprint(|| open.clone());
    let per_line = |bytes: i64| bytes as f64 / lines as f64;
    println!(
        "purchasing memory: {} orders, {lines} open lines over {incoming} SKU × location pairs",
        config.orders
    );
    println!(
        "  compact: {:.0} bytes per open line ({:.1} MB in all)",
        per_line(open_compact - base_compact),
        (open_compact - base_compact) as f64 / 1e6
    );
    println!(
        "  live:    {:.0} bytes per open line ({:.1} MB in all)",
        per_line(open_live - base_live),
        (open_live - base_live) as f64 / 1e6
    );
}
