//! The 90-day costing run: a small online store posted into FIFO, LIFO and
//! moving-average ledgers side by side, buying through purchase orders, and the report a
//! store owner reads about stock value, cost of goods sold and purchasing.
//!
//! ```text
//! cargo run --release --example costing_report
//! ```

fn main() -> Result<(), inventory_core::Error> {
    print!("{}", inventory_examples::store_report()?);
    Ok(())
}
