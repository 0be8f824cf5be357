#!/usr/bin/env bash
# Builds the C binding, checks the committed header, compiles the C tests and the C++
# example with strict warnings, and runs both under valgrind (leaks and memory errors fail).
#
# Run from the repository root:  scripts/test-c.sh
# Works as root on a fresh Debian/Ubuntu machine (installs valgrind / compilers with apt-get
# when missing). Honours CARGO_TARGET_DIR; otherwise uses target/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '==> %s\n' "$*"; }

apt_updated=0
ensure_tool() { # ensure_tool COMMAND PACKAGE
    if command -v "$1" >/dev/null 2>&1; then
        return
    fi
    log "$1 not found: installing $2 with apt-get"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    if [ "$apt_updated" -eq 0 ]; then
        $sudo apt-get update
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "$2"
}

ensure_tool gcc gcc
ensure_tool g++ g++
ensure_tool valgrind valgrind

# A stale INV_UPDATE_HEADER would rewrite the header instead of checking it.
unset INV_UPDATE_HEADER

log "cargo build -p inventory-ffi"
cargo build -p inventory-ffi

log "header check (tests/header.rs): include/inventory.h must match cbindgen's output"
cargo test -p inventory-ffi --test header

target_dir="$(cargo metadata --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
lib_dir="$target_dir/debug"
static_lib="$lib_dir/libinventory_ffi.a"
[ -f "$static_lib" ] || { echo "missing $static_lib" >&2; exit 1; }
[ -f "$lib_dir/libinventory_ffi.so" ] || { echo "missing $lib_dir/libinventory_ffi.so" >&2; exit 1; }

out="$target_dir/c-tests"
mkdir -p "$out"
include="inventory-ffi/include"

c_tests=(test_ledger test_policy test_forecast test_purchasing test_replenish test_simulation test_kits test_store)
for t in "${c_tests[@]}"; do
    log "gcc -std=c99 ($t.c, static library)"
    gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -g -I"$include" \
        "inventory-ffi/tests/c/$t.c" "$static_lib" -lpthread -ldl -lm \
        -o "$out/$t"
done

# The README's C quickstarts are compiled and run too, so they cannot drift: each ```c
# block is a whole program of its own (readme_1.c, readme_2.c, ...).
log "gcc -std=c99 (README quickstarts)"
rm -f "$out"/readme_*.c
awk -v dir="$out" '/^```c$/ {n++; on = 1; next} /^```$/ {on = 0} on {print > (dir "/readme_" n ".c")}' README.md
readme_blocks=("$out"/readme_*.c)
[ -s "${readme_blocks[0]}" ] || { echo "no C block in README.md" >&2; exit 1; }
for src in "${readme_blocks[@]}"; do
    gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -g -I"$include" \
        "$src" "$static_lib" -lpthread -ldl -lm -o "${src%.c}"
done

log "g++ -std=c++17 (C++ example, shared library with rpath)"
g++ -std=c++17 -Wall -Wextra -Wpedantic -Werror -g -I"$include" \
    inventory-ffi/tests/c/example.cpp -L"$lib_dir" -linventory_ffi \
    -Wl,-rpath,"$lib_dir" -o "$out/example"

valgrind_run() {
    valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --error-exitcode=1 "$@"
}

for t in "${c_tests[@]}"; do
    log "valgrind: $t"
    valgrind_run "$out/$t"
done

log "valgrind: C++ example"
valgrind_run "$out/example"

for src in "${readme_blocks[@]}"; do
    log "valgrind: README quickstart ${src##*/}"
    valgrind_run "${src%.c}" | tee "${src%.c}.out"
done
# What the quickstarts print is checked against the values their comments give.
expect() { # expect FILE TEXT
    grep -qF "$2" "$1" || { echo "README quickstart ${1##*/} did not print \"$2\"" >&2; exit 1; }
}
expect "$out/readme_1.out" "COGS 40.00"
expect "$out/readme_2.out" "on hand 100, damaged 2, incoming 18"
expect "$out/readme_2.out" "landed unit cost 3.80"
expect "$out/readme_2.out" "PO-1 GRN-1: 367.20 due day 42, 7.34 off by day 22"
expect "$out/readme_3.out" "on hand 7, 2 movements"

log "C tests passed"
