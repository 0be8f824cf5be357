//! Demand of kits and bundles: the bundle's own, and each component's direct + exploded
//! (the rules are in the [module documentation](super#demand-explosion)).

use rust_decimal::Decimal;

use super::{BundleAction, KitBook, KitKind};
use crate::demand::DemandHistory;
use crate::error::{LedgerError, Result};
use crate::ledger::bucket_series;
use crate::time::{Period, Timestamp};
use crate::Ledger;

impl KitBook {
    /// Units of `sku` one `kit` pulls at `time`, through every path of its definitions
    /// (assembled and virtual sub-kits alike: an assembled sub-kit is pulled itself, and
    /// pulls its own components when it is built).
    pub(crate) fn pull(
        &self,
        kit: &str,
        sku: &str,
        time: Timestamp,
        depth: usize,
    ) -> Result<Decimal, super::KitError> {
        let Some(def) = self.definition_at(kit, time) else {
            return Ok(Decimal::ZERO);
        };
        if depth >= super::MAX_DEPTH {
            return Err(super::KitError::TooDeep {
                kit: kit.to_owned(),
            });
        }
        let overflow = || super::KitError::Overflow {
            context: "an exploded demand",
        };
        let mut total = Decimal::ZERO;
        for c in &def.components {
            let own = if c.sku == sku {
                Decimal::ONE
            } else {
                Decimal::ZERO
            };
            let through = self.pull(&c.sku, sku, time, depth + 1)?;
            let per = own.checked_add(through).ok_or_else(overflow)?;
            let line = c.quantity.checked_mul(per).ok_or_else(overflow)?;
            total = total.checked_add(line).ok_or_else(overflow)?;
        }
        Ok(total)
    }
}

impl Ledger {
    /// A virtual bundle's own demand: bundles shipped net of bundles returned (its
    /// [`super::BundleRecord`]s) per day or ISO week at `location` (all with `None`), like
    /// [`Ledger::demand_history`] (default range: its first to its latest posting).
    ///
    /// # Errors
    /// [`super::KitError::NotAKit`] for a SKU that was never a kit;
    /// [`LedgerError::InvalidInput`] for a bad range, as [`Ledger::demand_history`].
    pub fn bundle_demand_history(
        &self,
        bundle: &str,
        location: Option<&str>,
        period: Period,
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    ) -> Result<DemandHistory> {
        if self.kits.book.versions(bundle).is_empty() {
            return Err(super::KitError::NotAKit {
                sku: bundle.to_owned(),
                time: to.unwrap_or(0),
            }
            .into());
        }
        let points: Vec<(Timestamp, Decimal)> = self
            .kits
            .bundles
            .iter()
            .filter(|r| r.bundle == bundle && location.is_none_or(|l| r.location == l))
            .filter_map(|r| match r.action {
                BundleAction::Ship => Some((r.time, r.quantity)),
                BundleAction::Return => Some((r.time, -r.quantity)),
                _ => None,
            })
            .collect();
        let (first, latest) = span(&points);
        bucket_series(
            bundle,
            location,
            period,
            from.or(first),
            to.or(latest),
            from,
            to,
            points.into_iter(),
        )
    }

    /// The true pull on `sku`: its own net shipments (which include the components of
    /// virtual bundles sold) + every assembled kit's net shipments × the units of `sku`
    /// each pulls (through nested kits, by the definition in force at each shipment), per
    /// day or ISO week at `location` (all with `None`), like [`Ledger::demand_history`]
    /// (default range: the first to the latest of those shipments). Forecast a component
    /// from this, and the planner sees what kits sold.
    ///
    /// # Errors
    /// [`LedgerError::UnknownSku`] for a SKU that has no movements and is in no kit;
    /// [`LedgerError::InvalidInput`] for a bad range, as [`Ledger::demand_history`].
    pub fn exploded_demand_history(
        &self,
        sku: &str,
        location: Option<&str>,
        period: Period,
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    ) -> Result<DemandHistory> {
        let book = &self.kits.book;
        // Every kit but the SKU itself: whether one pulls it, and how much, is decided at
        // each of its shipments by the definitions in force then (its own and its
        // sub-kits').
        let kits: Vec<&str> = book.kits().into_iter().filter(|k| *k != sku).collect();
        let known = self.skus().iter().any(|s| s == sku);
        let in_a_kit = kits.iter().any(|k| {
            book.versions(k)
                .iter()
                .any(|d| d.components.iter().any(|c| c.sku == sku))
        });
        if !known && !in_a_kit {
            return Err(LedgerError::UnknownSku {
                sku: sku.to_owned(),
            }
            .into());
        }
        let mut points: Vec<(Timestamp, Decimal)> = self.net_sales(sku, location).collect();
        for k in kits {
            for (t, q) in self.net_sales(k, location) {
                let Some(def) = book.definition_at(k, t) else {
                    continue;
                };
                if def.kind != KitKind::Assembled {
                    continue;
                }
                let f = book.pull(k, sku, t, 0)?;
                if !f.is_zero() {
                    let units = q.checked_mul(f).ok_or(super::KitError::Overflow {
                        context: "an exploded demand",
                    })?;
                    points.push((t, units));
                }
            }
        }
        let (first, latest) = span(&points);
        bucket_series(
            sku,
            location,
            period,
            from.or(first),
            to.or(latest),
            from,
            to,
            points.into_iter(),
        )
    }
}

/// The earliest and latest time of `points`.
fn span(points: &[(Timestamp, Decimal)]) -> (Option<Timestamp>, Option<Timestamp>) {
    (
        points.iter().map(|p| p.0).min(),
        points.iter().map(|p| p.0).max(),
    )
}
