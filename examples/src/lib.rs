//! Runnable examples of the inventory engine (see `examples/`).
