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

c_tests=(test_ledger test_policy test_forecast test_purchasing)
for t in "${c_tests[@]}"; do
    log "gcc -std=c99 ($t.c, static library)"
    gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -g -I"$include" \
        "inventory-ffi/tests/c/$t.c" "$static_lib" -lpthread -ldl -lm \
        -o "$out/$t"
done

# The README's C quickstart is compiled and run too, so it cannot drift.
log "gcc -std=c99 (README quickstart)"
awk '/^```c$/ {on = 1; next} /^```$/ {on = 0} on' README.md > "$out/readme_quickstart.c"
[ -s "$out/readme_quickstart.c" ] || { echo "no C block in README.md" >&2; exit 1; }
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -g -I"$include" \
    "$out/readme_quickstart.c" "$static_lib" -lpthread -ldl -lm -o "$out/readme_quickstart"

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

log "valgrind: README quickstart"
valgrind_run "$out/readme_quickstart" | tee "$out/readme_quickstart.out"
grep -q "COGS 40.00" "$out/readme_quickstart.out" || { echo "README quickstart printed the wrong COGS" >&2; exit 1; }

log "C tests passed"
