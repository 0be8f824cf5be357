//! Benchmarks of the inventory engine (see `benches/`).
