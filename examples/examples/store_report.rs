//! The README's main job: a year of a small online store through the engine's whole
//! cycle (forecast, plan, buy, receive, sell, take returns, pay, reorder), and the report
//! a store owner reads. See `inventory_examples::year`.
//!
//! ```text
//! cargo run --release --example store_report
//! ```

fn main() -> Result<(), inventory_core::Error> {
    let run =
        inventory_examples::year::store_year(inventory_examples::year::YearConfig::default())?;
    print!("{}", run.report()?);
    Ok(())
}
