#!/usr/bin/env bash
# Builds the Python binding, installs it into .venv and runs its tests and the stub check.
# Run from the repository root:  scripts/test-python.sh
# Needs python3 (3.9+, with venv and pip), a Rust toolchain and a C compiler.
set -euo pipefail

cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"

echo "==> installing build and test tools"
"$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$PY" -m pip install --quiet --disable-pip-version-check "maturin>=1.7,<2" pytest numpy mypy hypothesis

echo "==> building and installing inventory-py (release)"
# Cargo builds with as many jobs as there are cores by default.
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./inventory-py

echo "==> pytest"
set +e
"$PY" -m pytest inventory-py/tests -q -p no:cacheprovider
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests in inventory-py/tests" >&2
    exit 1
elif [ "$status" -ne 0 ]; then
    echo "error: pytest failed (exit code $status)" >&2
    exit "$status"
fi

echo "==> mypy.stubtest"
# Run from a neutral directory so that the installed package (not the source tree) is checked.
(cd "$VENV" && "$PWD/bin/python" -m mypy.stubtest inventory_core --mypy-config-file /dev/null)

echo "==> all Python checks passed"
