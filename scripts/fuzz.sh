#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer + AddressSanitizer) of what reads outside
# data: snapshot JSON, purchasing event JSON, the columnar batch, text and decimals at the C
# boundary, and forecasting with hostile parameters (fuzz/fuzz_targets/; TESTING.md).
#
#   ./scripts/fuzz.sh                 # every target for FUZZ_SECONDS (default 20) each
#   FUZZ_SECONDS=600 ./scripts/fuzz.sh snapshot columns
#
# Needs the nightly toolchain (sanitizers); installs cargo-fuzz with cargo if it is missing.
# Without a nightly toolchain it says so and skips (exit 0): the stable tests still ran.
# Each target starts from the seeds in fuzz/seeds/<target> and keeps what it finds in
# fuzz/corpus/<target>; a crash is written to fuzz/artifacts/<target> and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-20}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(snapshot purchase_event columns c_text forecast)
fi

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "warning: no nightly toolchain: fuzzing skipped (rustup toolchain install nightly)" >&2
    exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
fi

echo "==> building the fuzz targets (nightly, AddressSanitizer)"
cargo +nightly fuzz build -O

for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    if [ -d "fuzz/seeds/$t" ]; then
        cp -n fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
    fi
    echo "==> fuzzing $t for ${seconds} s"
    log="fuzz/corpus/$t.log"
    if ! cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
        >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "error: fuzz target $t failed (the input is in fuzz/artifacts/$t)" >&2
        exit 1
    fi
    grep -E "^stat::(number_of_executed_units|new_units_added)" "$log" || true
done
echo "==> fuzzing passed"
