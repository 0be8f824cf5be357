//! The README's main job: 90 days of a small online store, posted into FIFO, LIFO and
//! moving-average ledgers, and the report a store owner reads.
//!
//! ```text
//! cargo run --release --example store_report
//! ```

fn main() -> Result<(), inventory_core::Error> {
    print!("{}", inventory_examples::store_report()?);
    Ok(())
}
