#!/usr/bin/env bash
# The one test command: every test of all three languages, from a fresh machine.
#
#   ./scripts/test.sh
#
# 1. Rust: format check, clippy (warnings are errors), the core's rustdoc (warnings are
#    errors), `cargo test --workspace` (unit,
#    property and doc tests, the header-up-to-date check of the C binding, the example run).
# 2. Python: builds the wheel into .venv and runs pytest + stubtest (scripts/test-python.sh).
# 3. C/C++: builds the C test and C++ example with -Werror and runs them under valgrind
#    (scripts/test-c.sh).
# 4. Fuzzing: each cargo-fuzz target for FUZZ_SECONDS (default 20) on the nightly toolchain
#    (scripts/fuzz.sh; skipped with a warning where there is no nightly toolchain).
set -euo pipefail
cd "$(dirname "$0")/.."

# Two cores: keep build parallelism sensible.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$*"; }

step "rustfmt"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "rustdoc (broken or private links are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p inventory-core
# Again with the SQLite store, whose module the default build leaves out.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p inventory-core --features sqlite

step "cargo test --workspace"
cargo test --workspace

step "Python binding"
./scripts/test-python.sh

step "C binding"
./scripts/test-c.sh

step "fuzzing (short runs; long ones in TESTING.md)"
./scripts/fuzz.sh

step "all tests passed"
