"""One Ledger shared by several Python threads stays consistent."""

import threading
from decimal import Decimal as D

import numpy as np

import inventory_core as ic

THREADS = 8
ROUNDS = 500


def test_threads_share_one_ledger() -> None:
    ledger = ic.Ledger()
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def work(t: int) -> None:
        try:
            barrier.wait()
            for i in range(ROUNDS):
                # a shared SKU (equal times are fine) and a SKU of this thread
                ledger.receive("SHARED", "WH", 2, "1.50", 0)
                ledger.ship("SHARED", "WH", 1, 0)
                ledger.receive(f"T{t}", "WH", 1, "2.00", i)
                if i % 100 == 0:
                    ledger.post_columns(["receive", "ship"], ["SHARED", "SHARED"], ["WH", "WH"],
                                        np.array([3, 3], dtype=np.int64), np.array([0, 0], dtype=np.int64),
                                        unit_costs=["1.50", None])
                    ledger.position("SHARED")
                    len(ledger)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    batches = THREADS * (ROUNDS // 100)
    assert len(ledger) == THREADS * ROUNDS * 3 + 2 * batches
    assert ledger.position("SHARED").on_hand == THREADS * ROUNDS  # +2 -1 per round, +3 -3 per batch
    assert ledger.valuation("SHARED").value == D("1.50") * THREADS * ROUNDS
    for t in range(THREADS):
        assert ledger.position(f"T{t}").on_hand == ROUNDS
    assert ledger.total_value() == D("1.50") * THREADS * ROUNDS + D("2.00") * THREADS * ROUNDS
    assert [e.outcome.sequence for e in ledger.journal()] == list(range(len(ledger)))
    # the journal replays to the same state
    assert ic.Ledger.replay(ledger.journal()).to_json() == ledger.to_json()
