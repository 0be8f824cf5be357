"""The durable store from Python (issue 17): Ledger.open, the commit rule (an acknowledged
change is in the file, a refused one writes nothing), one writer at a time, damaged files,
configuration mismatches, checkpoints, the journal exports, and crashes of a real process
(SIGKILL) that never lose an acknowledged movement.
"""

import gc
import json
import os
import random
import signal
import subprocess
import sys
import shutil
import textwrap
import threading
import time
from decimal import Decimal as D
from pathlib import Path
from typing import Any, Callable, cast

import numpy as np
import pytest

import inventory_core as ic
from conftest import DAY


def collect() -> None:
    """After `del ledger`: the store is released once the object is collected (at once in
    CPython, which counts references; `gc.collect()` for other interpreters)."""
    gc.collect()


def positions(ledger: ic.Ledger) -> list[Any]:
    """Every position: of each SKU in total and at each location it has been."""
    out: list[Any] = []
    for sku in ledger.skus():
        out.append((sku, ledger.position(sku)))
        for loc in ledger.locations():
            try:
                out.append((sku, loc, ledger.position(sku, loc)))
            except ic.UnknownPosition:
                pass
    return out


def state(ledger: ic.Ledger) -> tuple[Any, ...]:
    """Everything observable: positions, the journal, the snapshot, purchasing and kits."""
    return (
        ledger.to_json(),
        ledger.journal(),
        positions(ledger),
        ledger.total_value(),
        ledger.skus(),
        ledger.locations(),
        ledger.purchase_records(),
        [ledger.order(o) for o in ledger.order_ids()],
        ledger.kit_records(),
        ledger.bundle_records(),
        ledger.costing_of("TEA"),
    )


def populate(ledger: ic.Ledger) -> None:
    """Movements of every kind, a batch, purchasing events, kits and a bundle shipment."""
    ledger.receive("MUG", "WH", 10, "4.00", 0, reference="GRN-1")
    ledger.receive("MUG", "WH", 5, "4.50", DAY)
    ledger.ship("MUG", "WH", 3, 2 * DAY, reference="S-1")
    ledger.transfer("MUG", "WH", "SHOP", 2, 2 * DAY)
    ledger.reserve("MUG", "WH", 2, "ORD-1", 3 * DAY)
    ledger.customer_return("MUG", "WH", 1, 3 * DAY, shipment="S-1")
    ledger.landed_cost("MUG", 0, "5.00", 3 * DAY)
    ledger.set_sku_costing("TEA", "moving_average")
    ledger.post_columns(
        ["receive", "receive", "ship"],
        ["TEA", "PLATE", "TEA"],
        ["WH", "WH", "WH"],
        [4, 6, 1],
        [4 * DAY, 4 * DAY, 4 * DAY],
        unit_costs=["2.00", "1.50", None],
        references=["B-1", None, "B-3"],
    )
    acme = ic.Supplier("ACME", "Acme", net_days=30, items=[ic.SupplierItem("MUG", "3.60", lead_time_days=12)])
    ledger.set_supplier(acme, 4 * DAY)
    ledger.create_order("PO-1", "ACME", [(1, "MUG", "WH", 20, 12 * DAY)], 4 * DAY)
    ledger.place_order("PO-1", 5 * DAY)
    ledger.receive_order("PO-1", "RC-1", [(1, 15)], 6 * DAY)
    ledger.add_charge("PO-1", "FR-1", "freight", "3.00", 6 * DAY)
    ledger.record_payment("PO-1", "PAY-1", "20.00", 7 * DAY)
    ledger.define_kit("SET", [("MUG", 1), ("PLATE", 2)], 0)
    ledger.assemble("SET", "WH", 2, 7 * DAY, extra_cost="0.50")
    ledger.define_kit("DUO", [("MUG", 1), ("TEA", 1)], 0, kind="virtual")
    ledger.ship_bundle("DUO", "WH", 1, 8 * DAY, reference="DUO-1")


def test_error_classes() -> None:
    assert issubclass(ic.StoreError, ic.InventoryError) and issubclass(ic.StoreError, OSError)
    for cls in (ic.StoreLocked, ic.StoreCorrupt, ic.StoreIoError):
        assert issubclass(cls, ic.StoreError) and cls.__module__ == "inventory_core"
        assert cls.__doc__ and len(cls.__doc__) > 60
    assert ic.StoreError.__doc__ is not None and "OSError" in ic.StoreError.__doc__
    # A configuration mismatch is bad input, not a store failure.
    assert not issubclass(ic.InvalidInput, ic.StoreError)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "shop.ledger"
    ledger = ic.Ledger.open(path)
    assert ledger.durable and len(ledger) == 0
    assert not ic.Ledger().durable
    populate(ledger)
    before = state(ledger)
    del ledger
    collect()

    again = ic.Ledger.open(str(path))  # a str works as a PathLike does
    assert again.durable
    assert state(again) == before
    # The state is the replay of its journal, and a copy is in memory only.
    copy = ic.Ledger.from_json(again.to_json())
    assert state(copy) == before and not copy.durable
    # Still usable after reopening.
    again.ship("MUG", "SHOP", 1, 9 * DAY)
    after = state(again)
    del again
    collect()
    third = ic.Ledger.open(os.fsencode(path))  # and bytes too
    assert state(third) == after


def test_refused_call_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.ledger"
    ledger = ic.Ledger.open(path, sync="off")
    populate(ledger)
    before = state(ledger)
    refused: list[Callable[[ic.Ledger], Any]] = [
        lambda l: l.ship("MUG", "WH", 10_000, 9 * DAY),
        lambda l: l.receive("MUG", "WH", 1, "1.00", 0),  # before the SKU's latest movement
        lambda l: l.receive("MUG", "WH", 11, "4.00", 9 * DAY, reference="GRN-1"),
        lambda l: l.post_columns(["receive", "ship"], ["NEW", "NEW"], ["WH", "WH"], [1, 5], [9 * DAY] * 2,
                                 unit_costs=["1.00", None]),
        lambda l: l.receive_order("PO-1", "RC-2", [(9, 1)], 9 * DAY),
        lambda l: l.assemble("SET", "WH", 1000, 9 * DAY),
        lambda l: l.define_kit("LOOP", [("LOOP", 1)], 0),
        lambda l: l.set_sku_costing("MUG", "lifo"),
    ]
    for call in refused:
        with pytest.raises(ic.InventoryError):
            call(ledger)
        assert state(ledger) == before
    # A duplicate changes nothing and writes nothing either.
    assert ledger.receive("MUG", "WH", 10, "4.00", 0, reference="GRN-1").duplicate
    del ledger
    collect()
    assert state(ic.Ledger.open(path)) == before


def test_one_writer(tmp_path: Path) -> None:
    path = tmp_path / "s.ledger"
    first = ic.Ledger.open(path)
    first.receive("A", "WH", 1, "1", 0)
    with pytest.raises(ic.StoreLocked, match="open for writing") as info:
        ic.Ledger.open(path)
    assert isinstance(info.value, OSError) and info.value.errno is None
    # Still locked: the refused open changed nothing.
    with pytest.raises(ic.StoreLocked):
        ic.Ledger.open(path, sync="off")
    first.receive("A", "WH", 1, "1", 1)
    del first
    collect()
    second = ic.Ledger.open(path)
    assert len(second) == 2


def test_garbage_and_truncated_files(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.ledger"
    garbage.write_bytes(b"not a database\n" * 300)
    with pytest.raises(ic.StoreCorrupt, match="garbage.ledger"):
        ic.Ledger.open(garbage)
    assert garbage.read_bytes() == b"not a database\n" * 300

    # A real store, then cut short: refused as corrupt, and the file is left as it was.
    data = store_bytes(tmp_path / "s.ledger")
    page = 4096
    assert len(data) >= 6 * page
    for cut in (16, 100, page, page + 1, 5000, len(data) // 2 // page * page, len(data) // 2 + 7, len(data) - 2 * page):
        cut_path = tmp_path / f"cut-{cut}.ledger"
        cut_path.write_bytes(data[:cut])
        with pytest.raises(ic.StoreCorrupt):
            ic.Ledger.open(cut_path)
        assert cut_path.read_bytes() == data[:cut], cut
    # A database that is not a ledger store.
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t(x)")
    conn.close()
    with pytest.raises(ic.StoreCorrupt, match="not a ledger store"):
        ic.Ledger.open(other)


def store_bytes(path: Path) -> bytes:
    """The bytes of a closed store holding `populate` and a checkpoint."""
    ledger = ic.Ledger.open(path, sync="off", checkpoint_every=0)
    populate(ledger)
    ledger.checkpoint()
    del ledger
    collect()
    # Closed: the write-ahead log is folded into the database file.
    assert not Path(f"{path}-wal").exists()
    return path.read_bytes()


def test_store_cut_inside_its_last_page_is_corrupt(tmp_path: Path) -> None:
    data = store_bytes(tmp_path / "s.ledger")
    cut_path = tmp_path / "cut.ledger"
    cut_path.write_bytes(data[:-1])
    with pytest.raises(ic.StoreCorrupt):
        ic.Ledger.open(cut_path)


def test_configuration(tmp_path: Path) -> None:
    path = tmp_path / "s.ledger"
    ledger = ic.Ledger.open(path, costing="lifo", money_scale=4)
    assert (ledger.costing, ledger.money_scale, ledger.allow_negative) == ("lifo", 4, False)
    del ledger
    collect()
    # None of the keywords: the store's own configuration.
    ledger = ic.Ledger.open(path)
    assert (ledger.costing, ledger.money_scale) == ("lifo", 4)
    del ledger
    collect()
    # The same one, given in full, is accepted (and released at once: the object is not kept).
    ic.Ledger.open(path, costing="lifo", money_scale=4, allow_negative=False, over_receipt="refuse")
    collect()
    # Another one is refused; keywords not given take Ledger()'s defaults.
    for config in ({"costing": "fifo", "money_scale": 4}, {"costing": "lifo"}, {"allow_negative": True}):
        with pytest.raises(ic.InvalidInput, match="configuration differs"):
            ic.Ledger.open(path, **config)
    # Bad settings.
    with pytest.raises(ic.InvalidInput, match="sync mode"):
        ic.Ledger.open(tmp_path / "x.ledger", sync="fast")  # type: ignore[arg-type]
    with pytest.raises(ic.InvalidInput):
        ic.Ledger.open(tmp_path / "x.ledger", checkpoint_every=-1)
    with pytest.raises(ic.InvalidInput):
        ic.Ledger.open(tmp_path / "x.ledger", money_scale=-1)
    with pytest.raises(ic.InvalidInput, match="NUL"):
        ic.Ledger.open(str(tmp_path / "x\0.ledger"))
    with pytest.raises(TypeError):
        ic.Ledger.open(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ic.Ledger.open(tmp_path / "x.ledger", sync=None)  # type: ignore[arg-type]
    with pytest.raises(ic.StoreIoError):
        ic.Ledger.open(tmp_path / "no-such-dir" / "x.ledger")


def test_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "s.ledger"
    ledger = ic.Ledger.open(path, checkpoint_every=0, sync="off")
    populate(ledger)
    ledger.checkpoint()
    ledger.receive("TEA", "WH", 2, "2.20", 9 * DAY)
    ledger.ship("MUG", "WH", 1, 9 * DAY)
    ledger.define_kit("SET", [("MUG", 2), ("PLATE", 1)], 9 * DAY)
    ledger.assemble("SET", "WH", 1, 9 * DAY)
    before = state(ledger)
    del ledger
    collect()
    again = ic.Ledger.open(path)
    assert state(again) == before
    # Automatic checkpoints: every 3 movements.
    again.checkpoint()
    del again
    collect()
    auto = ic.Ledger.open(path, checkpoint_every=3)
    for t in range(10):
        auto.receive("AUTO", "WH", 1, "1.00", t)
    before = state(auto)
    del auto
    collect()
    assert state(ic.Ledger.open(path)) == before

    with pytest.raises(ic.InvalidInput, match="no store"):
        ic.Ledger().checkpoint()


def test_journal_jsonl(tmp_path: Path) -> None:
    ledger = ic.Ledger.open(tmp_path / "s.ledger", sync="off")
    populate(ledger)
    journal = ledger.journal()
    for since in (0, 1, 7, len(journal) - 1, len(journal), len(journal) + 5):
        text = ledger.journal_jsonl(since)
        lines = text.splitlines()
        assert text == "".join(line + "\n" for line in lines)
        assert len(lines) == len(journal[since:])
        for line, entry in zip(lines, journal[since:]):
            parsed = json.loads(line)
            assert set(parsed) == {"movement", "outcome"}
            assert parsed["movement"] == json.loads(json.dumps(entry.movement, default=str))
            out = parsed["outcome"]
            assert out["sequence"] == entry.outcome.sequence
            assert (D(out["quantity"]), D(out["value"]), D(out["cogs"]), D(out["moved_value"])) == (
                entry.outcome.quantity,
                entry.outcome.value,
                entry.outcome.cogs,
                entry.outcome.moved_value,
            )
    assert ledger.journal_jsonl() == ledger.journal_jsonl(0)
    # The same for a ledger in memory.
    memory = ic.Ledger.from_json(ledger.to_json())
    assert memory.journal_jsonl(3) == ledger.journal_jsonl(3)
    with pytest.raises(ic.InvalidInput):
        ledger.journal_jsonl(-1)


def test_journal_columns(tmp_path: Path) -> None:
    ledger = ic.Ledger.open(tmp_path / "s.ledger", sync="off")
    populate(ledger)
    journal = ledger.journal()
    for since in (0, 5, len(journal), len(journal) + 1):
        cols = ledger.journal_columns(since)
        rows = journal[since:]
        assert list(cols) == [
            "sequence", "time", "kind", "sku", "location", "to_location", "quantity", "unit_cost",
            "reference", "quantity_change", "value_change", "cogs",
        ]
        assert isinstance(cols["sequence"], np.ndarray) and cols["sequence"].dtype == np.uint64
        assert isinstance(cols["time"], np.ndarray) and cols["time"].dtype == np.int64
        assert all(len(v) == len(rows) for v in cast(dict[str, Any], cols).values())
        assert cols["sequence"].tolist() == [e.outcome.sequence for e in rows]
        assert cols["time"].tolist() == [e.movement["time"] for e in rows]
        assert cols["kind"] == [e.movement["kind"] for e in rows]
        assert cols["sku"] == [e.movement["sku"] for e in rows]
        assert cols["reference"] == [e.movement.get("reference") for e in rows]
        assert cols["quantity_change"] == [e.outcome.quantity for e in rows]
        assert cols["value_change"] == [e.outcome.value for e in rows]
        assert cols["cogs"] == [e.outcome.cogs for e in rows]
        for i, e in enumerate(rows):
            m = e.movement
            if m["kind"] == "transfer":
                assert (cols["location"][i], cols["to_location"][i]) == (m["from"], m["to"])
            else:
                assert cols["location"][i] == m.get("location") and cols["to_location"][i] is None
            quantity = m.get("counted", m.get("quantity"))
            assert cols["quantity"][i] == quantity
            assert cols["unit_cost"][i] == m.get("unit_cost", m.get("amount"))
            for key in ("quantity", "unit_cost", "quantity_change", "value_change", "cogs"):
                v = cols[key][i]
                assert v is None or isinstance(v, D)
    assert ledger.journal_columns()["sequence"].tolist() == list(range(len(journal)))


def test_threads_share_a_durable_ledger(tmp_path: Path) -> None:
    # Changes of a durable ledger run with the GIL released (they wait for the store).
    path = tmp_path / "s.ledger"
    ledger = ic.Ledger.open(path, sync="off")
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(40):
                ledger.receive(f"T{k}", "WH", 1, "1.00", i, reference=f"T{k}-{i}")
                if i % 10 == 9:
                    ledger.ship(f"T{k}", "WH", 2, i)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(ledger) == 4 * 44
    assert all(ledger.position(f"T{k}").on_hand == 32 for k in range(4))
    before = state(ledger)
    del ledger
    collect()
    assert state(ic.Ledger.open(path)) == before


QUICKSTART = """\
import os, tempfile
import inventory_core as inv
path = os.path.join(tempfile.mkdtemp(), "shop.ledger")
ledger = inv.Ledger.open(path)            # creates the SQLite file; sync="full" by default
ledger.receive("MUG-BLUE", "BER-1", 10, "10.00", 0, reference="GRN-1")
ledger.ship("MUG-BLUE", "BER-1", 3, 86_400, reference="SHIP-1")  # on disk before it returns
del ledger                                # releases the file: one writer at a time
ledger = inv.Ledger.open(path)            # the newest checkpoint + the journal after it
assert ledger.position("MUG-BLUE").on_hand == 7
print(ledger.journal_jsonl(since=1), end="")   # the journal from sequence 1, as JSON lines
"""


def test_quickstart(capsys: pytest.CaptureFixture[str]) -> None:
    """The README snippet offered for the durable store."""
    namespace: dict[str, Any] = {}
    try:
        exec(compile(QUICKSTART, "quickstart", "exec"), namespace)  # noqa: S102 - our own snippet
    finally:
        namespace.pop("ledger", None)
        collect()
        if "path" in namespace:
            shutil.rmtree(os.path.dirname(namespace["path"]))
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["movement"]["reference"] == "SHIP-1"


CHILD = textwrap.dedent(
    """
    import sys
    import inventory_core as ic

    ledger = ic.Ledger.open(sys.argv[1], sync="normal", checkpoint_every=int(sys.argv[2]))
    i = len(ledger)
    print("ready", i, flush=True)
    while True:
        out = ledger.receive("SKU", "WH", 1, "1.25", i, reference="R-%d" % i)
        print(out.sequence, flush=True)
        i += 1
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writer_loses_no_acknowledged_movement(tmp_path: Path) -> None:
    path = tmp_path / "crash.ledger"
    rng = random.Random()
    seed = rng.randrange(2**32)
    rng.seed(seed)
    acknowledged: list[int] = []
    for run in range(10):
        out_path = tmp_path / f"out-{run}.txt"
        err_path = tmp_path / f"err-{run}.txt"
        # A checkpoint now and then (every 500 movements) in some runs.
        every = rng.choice([0, 500])
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(every)], stdout=out, stderr=err)
        try:
            deadline = time.monotonic() + 20
            while not out_path.read_bytes().startswith(b"ready") and time.monotonic() < deadline:
                assert child.poll() is None, err_path.read_text()
                time.sleep(0.005)
            delay = rng.uniform(0.0, 0.25)
            time.sleep(delay)
            assert child.poll() is None, err_path.read_text()
            child.send_signal(signal.SIGKILL)
        finally:
            child.kill()
            child.wait()
        assert child.returncode == -signal.SIGKILL
        lines = out_path.read_bytes().split(b"\n")[:-1]  # only whole lines were acknowledged
        assert lines and lines[0].startswith(b"ready")
        start = int(lines[0].split()[1])
        acked = [int(x) for x in lines[1:]]
        assert acked == list(range(start, start + len(acked)))
        acknowledged.extend(acked)

        ledger = ic.Ledger.open(path)
        where = f"seed {seed}, run {run}, delay {delay:.3f}"
        # Every acknowledged receipt is there (one more may be, committed but not printed).
        assert len(ledger) in (start + len(acked), start + len(acked) + 1), where
        assert len(ledger) >= len(acknowledged), where
        cols = ledger.journal_columns()
        assert cols["sequence"].tolist() == list(range(len(ledger))), where
        references = cols["reference"]
        assert all(references[s] == f"R-{s}" for s in acknowledged), where
        if len(ledger):
            assert ledger.position("SKU").on_hand == len(ledger), where
        # The state is the replay of its journal.
        copy = ic.Ledger.from_json(ledger.to_json())
        assert copy.to_json() == ledger.to_json() and copy.journal() == ledger.journal(), where
        assert positions(copy) == positions(ledger), where
        del ledger
        collect()
    assert len(acknowledged) > 10, f"seed {seed}: the writer was killed too early to test much"


def test_close_and_with_release_the_store(tmp_path: Path) -> None:
    path = tmp_path / "s.ledger"
    with ic.Ledger.open(path) as ledger:
        ledger.receive("A", "W", 2, "1.00", 0)
        with pytest.raises(ic.StoreLocked):
            ic.Ledger.open(path)
    assert not ledger.durable
    other = ic.Ledger.open(path)  # released at the end of the block
    assert other.position("A").on_hand == 2
    ledger.ship("A", "W", 1, 1)  # the closed ledger goes on in memory only
    other.close()
    other.close()  # a no-op the second time
    assert len(ic.Ledger.open(path).journal()) == 1
