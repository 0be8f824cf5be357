//! The posting machinery other modules build on: one transaction in which a module posts
//! movements and changes the ledger's documents (purchasing), all-or-nothing.

use super::{ahead, Ledger, Movement, Outcome, Txn};
use crate::error::{LedgerError, Result};

/// A transaction in progress (see [`Ledger::transaction`]).
pub(crate) struct Posting<'a> {
    /// The ledger, for reading and for changing its documents (whose changes are logged by
    /// their own undo logs, which the transaction commits or rolls back with the stock).
    pub(crate) ledger: &'a mut Ledger,
    txn: &'a mut Txn,
}

impl Posting<'_> {
    /// Posts one movement in the transaction.
    pub(crate) fn post(&mut self, mut m: Movement) -> Result<Outcome, LedgerError> {
        self.txn.known = ahead::Known::default();
        self.ledger.apply(self.txn, &mut m)
    }
}

impl Ledger {
    /// Runs `f` as one transaction: the movements it posts with [`Posting::post`] and the
    /// changes it makes to the ledger's documents are kept if it returns `Ok`, and undone
    /// if it returns an error or panics (the panic then goes on).
    pub(crate) fn transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Posting<'_>) -> Result<T>,
    ) -> Result<T> {
        let txn = self.begin();
        self.atomically(txn, |ledger, txn| f(&mut Posting { ledger, txn }))
    }
}
