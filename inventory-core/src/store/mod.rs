//! Durable stores (feature `sqlite`): implementations of [`crate::durable::JournalStore`].
//!
//! The store is a feature-gated module of this crate rather than a crate of its own so
//! that [`crate::Ledger::open`] is a method of the ledger users already hold, in Rust, in
//! Python and in C, while the crate built without the feature still does no I/O at all:
//! the ledger only knows the [`crate::durable::JournalStore`] interface.

pub mod sqlite;
