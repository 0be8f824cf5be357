"""post_columns (lists, numpy, atomicity), times, demand history."""

import datetime as dt
from decimal import Decimal as D

import numpy as np
import pytest

import inventory_core as ic
from conftest import DAY, snapshot

UTC = dt.timezone.utc
JAN1 = 1_704_067_200  # 2024-01-01T00:00:00Z, a Monday


def test_post_columns_lists() -> None:
    ledger = ic.Ledger()
    n = ledger.post_columns(
        ["receive", "receive", "ship", "transfer", "reserve", "release", "adjust", "cycle_count", "customer_return"],
        ["A"] * 9,
        ["WH", "WH", "WH", "WH", "WH", "WH", "WH", "STORE", "WH"],
        [10, "10", D(15), 2, 3, None, -1, 1, 1],
        [0, DAY, 2 * DAY, 2 * DAY, 2 * DAY, 2 * DAY, 2 * DAY, 2 * DAY, 3 * DAY],
        unit_costs=["10.00", D("12.00"), None, None, None, None, None, None, "11"],
        to_locations=[None, None, None, "STORE", None, None, None, None, None],
        reservations=[None, None, None, None, "R", "R", None, None, None],
        reasons=[None] * 6 + ["damage", None, None],
        references=[None, None, "S1", None, None, None, None, None, None],
    )
    assert n == 9 and len(ledger) == 9
    journal = ledger.journal()
    assert journal[2].outcome.cogs == D("160.00")
    assert journal[7].outcome.adjustment == -1  # STORE held 2, counted 1
    assert journal[8].outcome.value == D("11")
    pos = ledger.position("A", "WH")
    # WH: 20 in, 15 shipped, 2 moved to STORE, 1 damaged, 1 returned
    assert (pos.on_hand, pos.reserved) == (3, 0)
    assert ledger.position("A", "STORE").on_hand == 1


def test_post_columns_numpy_and_cost_scale() -> None:
    ledger = ic.Ledger()
    n = 1000
    skus = np.array([f"S{i % 10}" for i in range(n)], dtype=object)
    ledger.post_columns(
        ["receive"] * n,
        skus,
        np.array(["WH"] * n),
        np.full(n, 3, dtype=np.int64),
        np.arange(n, dtype=np.int64),
        unit_costs=np.full(n, 1234, dtype=np.int64),
        cost_scale=2,
    )
    assert len(ledger) == n
    assert ledger.total_value() == D("12.34") * 3 * n
    assert ledger.valuation("S3").layers[0].unit_cost == D("12.34")
    ledger.post_columns(["ship"] * 10, [f"S{i}" for i in range(10)], ["WH"] * 10,
                        np.full(10, 2, dtype=np.int32), np.full(10, n, dtype=np.int64))
    assert ledger.position("S0").on_hand == 298
    # numpy integers are accepted per call too
    ledger.receive("S0", "WH", np.int64(2), np.int64(5), np.int64(n))


def test_post_columns_refuses_floats() -> None:
    ledger = ic.Ledger()
    with pytest.raises(ic.InvalidInput, match="float"):
        ledger.post_columns(["receive"], ["A"], ["WH"], np.array([1.0]), [0], unit_costs=["1"])
    with pytest.raises(ic.InvalidInput, match="float"):
        ledger.post_columns(["receive"], ["A"], ["WH"], [1], [0], unit_costs=np.array([1.5]))
    with pytest.raises(ic.InvalidInput, match=r"unit_costs\[1\].*float"):
        ledger.post_columns(["receive"] * 2, ["A"] * 2, ["WH"] * 2, [1, 1], [0, 0], unit_costs=["1", 2.5])
    # With cost_scale every entry is an int: a str is a wrong type.
    with pytest.raises(TypeError, match="cost_scale"):
        ledger.post_columns(["receive"], ["A"], ["WH"], [1], [0], unit_costs=["1.5"], cost_scale=2)
    assert len(ledger) == 0


def test_post_columns_is_atomic(stocked: ic.Ledger) -> None:
    before = snapshot(stocked)
    with pytest.raises(ic.InsufficientStock) as info:
        stocked.post_columns(
            ["receive", "ship", "ship"], ["A", "A", "B"], ["WH", "WH", "WH"], [5, 100, 1], [DAY, DAY, DAY],
            unit_costs=["1", None, None],
        )
    assert info.value.index == 1
    assert str(info.value).startswith("item 1 of the batch")
    assert snapshot(stocked) == before
    with pytest.raises(ic.InvalidInput) as info:
        stocked.post_columns(["receive", "teleport"], ["A", "A"], ["WH", "WH"], [1, 1], [DAY, DAY], unit_costs=["1", "1"])
    assert info.value.index == 1 and "teleport" in str(info.value)
    with pytest.raises(ic.InvalidInput, match="rows"):
        stocked.post_columns(["receive"], ["A", "B"], ["WH"], [1], [DAY], unit_costs=["1"])
    assert snapshot(stocked) == before


def test_post_columns_text_columns(stocked: ic.Ledger) -> None:
    """Text columns lend their str objects to the core: str subclasses (numpy.str_) and
    non-ASCII names work; a non-str entry (TypeError) or a str that is not valid text (a lone
    surrogate: InvalidInput) is refused with its column and row, and nothing is posted."""
    before = snapshot(stocked)
    locs = np.array(["WH", "Zürich-2"])  # numpy 'U' array: items are numpy.str_
    assert stocked.post_columns(["receive"] * 2, ["Ä", "Ä"], locs, [1, 2], [DAY, DAY], unit_costs=["1", "2"]) == 2
    assert stocked.position("Ä", "Zürich-2").on_hand == 2
    assert stocked.locations()[-1] == "Zürich-2"
    before = snapshot(stocked)
    with pytest.raises(TypeError, match=r"skus\[1\]: expected a str, got int"):
        stocked.post_columns(["receive"] * 2, ["A", 7], ["WH"] * 2, [1, 1], [DAY, DAY], unit_costs=["1", "1"])
    with pytest.raises(ic.InvalidInput, match=r"to_locations\[0\]: not valid text"):
        stocked.post_columns(["transfer"], ["A"], ["WH"], [1], [DAY], to_locations=["\ud800"])
    with pytest.raises(TypeError, match=r"kinds\[0\]: expected a str, got NoneType"):
        stocked.post_columns([None], ["A"], ["WH"], [1], [DAY])
    # Columns are checked in the order of the signature: the first bad one is reported.
    with pytest.raises(ic.InvalidInput, match=r"quantities\[1\]"):
        stocked.post_columns(["receive"] * 2, ["A"] * 2, ["WH"] * 2, [1, "x"], [DAY, DAY],
                             unit_costs=["1", "1"], references=[None, 5])
    assert snapshot(stocked) == before


def _fixed_width_rows() -> tuple[list[str], list[str], list[str], list[int], list[str], list[str]]:
    kinds = ["receive", "receive", "ship", "transfer", "receive", "transfer"]
    skus = ["A", "Ä-📦", "A", "Ä-📦", "B\x00C", "A"]  # non-BMP, and a NUL inside a name
    locs = ["WH", "Zürich-2", "WH", "Zürich-2", "WH", "WH"]
    qty = [10, 4, 3, 1, 2, 5]
    costs = ["1.50", "2", "", "", "3", ""]
    to = ["", "", "", "WH", "", "Zürich-2"]
    return kinds, skus, locs, qty, costs, to


def test_post_columns_fixed_width_numpy_strings_equal_lists() -> None:
    """numpy fixed-width string arrays (dtype U, either byte order, and S holding UTF-8) are
    read from the array's memory rather than item by item; they post exactly what the same
    rows as lists of str post. An empty string in an optional fixed-width column is a
    missing value (such arrays cannot hold None); trailing NULs are padding, as numpy reads
    them."""
    kinds, skus, locs, qty, costs, to = _fixed_width_rows()
    times = list(range(len(kinds)))
    unit_costs = [c or None for c in costs]
    expected = ic.Ledger()
    expected.post_columns(kinds, skus, locs, qty, times, unit_costs=unit_costs,
                          to_locations=[t or None for t in to])

    def utf8(xs: list[str]) -> np.ndarray:
        return np.array([x.encode() for x in xs])  # dtype S, UTF-8 bytes

    forms = {
        "U": lambda xs: np.array(xs),
        "U big-endian": lambda xs: np.array(xs, dtype=np.array(xs).dtype.newbyteorder(">")),
        "S": utf8,
        "U strided": lambda xs: np.array([x for pair in zip(xs, ["junk"] * len(xs)) for x in pair])[::2],
        "U wider than needed": lambda xs: np.array(xs, dtype="U40"),
    }
    for name, form in forms.items():
        ledger = ic.Ledger()
        n = ledger.post_columns(form(kinds), form(skus), form(locs), np.array(qty), np.array(times),
                                unit_costs=unit_costs, to_locations=form(to))
        assert n == len(kinds), name
        assert ledger.to_json() == expected.to_json(), name
    assert ic.Ledger.from_json(expected.to_json()).skus() == ["A", "Ä-📦", "B\x00C"]
    # Mixed: some columns as numpy arrays, others as lists.
    ledger = ic.Ledger()
    ledger.post_columns(kinds, np.array(skus), locs, qty, times, unit_costs=unit_costs, to_locations=np.array(to))
    assert ledger.to_json() == expected.to_json()


def test_post_columns_numpy_subclasses_are_read_item_by_item(stocked: ic.Ledger) -> None:
    """A masked array's raw memory holds its fill value under a masked entry, and a
    chararray strips trailing spaces from its items: both are read as they present their
    items, not from memory (found by review: a masked location was posted as "N/")."""
    before = snapshot(stocked)
    masked = np.ma.array(["WH", "ZZ"], mask=[0, 1])
    with pytest.raises(TypeError, match=r"locations\[1\]: expected a str, got .*MaskedConstant"):
        stocked.post_columns(["receive"] * 2, ["A"] * 2, masked, [1, 1], [DAY, DAY], unit_costs=["1", "1"])
    assert snapshot(stocked) == before
    chars = np.char.array(["WH ", "WH"])
    assert stocked.post_columns(["receive"] * 2, ["A"] * 2, chars, [1, 1], [DAY, DAY], unit_costs=["1", "1"]) == 2
    assert stocked.locations().count("WH ") == 0


def test_post_columns_fixed_width_numpy_strings_refused(stocked: ic.Ledger) -> None:
    """Bad fixed-width arrays are refused with the column and row, and nothing is posted."""
    before = snapshot(stocked)
    bad_utf8 = np.array([b"A", b"\xff\xfe"])
    with pytest.raises(ic.InvalidInput, match=r"skus\[1\]: not valid UTF-8"):
        stocked.post_columns(["receive"] * 2, bad_utf8, ["WH"] * 2, [1, 1], [DAY, DAY], unit_costs=["1", "1"])
    surrogate = np.array(["WH", "\ud800"])
    with pytest.raises(ic.InvalidInput, match=r"locations\[1\]: not valid text: code point 0xd800"):
        stocked.post_columns(["receive"] * 2, ["A"] * 2, surrogate, [1, 1], [DAY, DAY], unit_costs=["1", "1"])
    with pytest.raises(ic.InvalidInput, match=r"kinds: expected a one-dimensional array, got 2 dimensions"):
        stocked.post_columns(np.array([["receive"]]), ["A"], ["WH"], [1], [DAY], unit_costs=["1"])
    # An empty string in a required column is passed on, and the core refuses it.
    with pytest.raises(ic.InvalidInput):
        stocked.post_columns(np.array(["receive"]), np.array([""]), ["WH"], [1], [DAY], unit_costs=["1"])
    assert snapshot(stocked) == before


def test_post_columns_fixed_width_arrays_fuzz() -> None:
    """Random bytes and code points as fixed-width arrays (built from raw memory, so they
    hold what no Python str could: code points past U+10FFFF, lone surrogates, invalid
    UTF-8): each batch either posts exactly what the same names as lists of str post, or
    raises InvalidInput and posts nothing."""
    rng = np.random.default_rng(20261128)
    for case in range(300):
        rows = int(rng.integers(1, 6))
        if case % 2:
            width = int(rng.integers(1, 5))
            alphabet = np.array([0, 0x41, 0x42, 0xE9, 0xD800, 0xDFFF, 0x1F4E6, 0x10FFFF, 0x110000, 0xFFFFFFFF],
                                dtype=np.uint32)
            codes = rng.choice(alphabet, size=rows * width,
                               p=[0.15, 0.3, 0.3, 0.1, 0.02, 0.02, 0.05, 0.02, 0.02, 0.02])
            skus = codes.view(f"<U{width}")
            dec: list[object] = []
            for r in range(rows):
                cps = [int(c) for c in codes[r * width:(r + 1) * width]]
                while cps and cps[-1] == 0:
                    cps.pop()
                ok = all(c <= 0x10FFFF and not 0xD800 <= c <= 0xDFFF for c in cps)
                dec.append("".join(map(chr, cps)) if ok else None)
        else:
            width = int(rng.integers(1, 6))
            raw = rng.choice(np.array([0, 0x41, 0x7A, 0xC3, 0xA9, 0xFF, 0x80], dtype=np.uint8), size=rows * width,
                             p=[0.15, 0.35, 0.3, 0.08, 0.08, 0.02, 0.02])
            skus = raw.view(f"S{width}")
            dec = []
            for r in range(rows):
                b = bytes(raw[r * width:(r + 1) * width]).rstrip(b"\x00")
                try:
                    dec.append(b.decode("utf-8"))
                except UnicodeDecodeError:
                    dec.append(None)
        args = (["receive"] * rows, skus, ["WH"] * rows, [1] * rows, list(range(rows)))
        ledger = ic.Ledger()
        if any(d is None for d in dec):
            with pytest.raises(ic.InvalidInput, match=r"skus\[\d\]: not valid"):
                ledger.post_columns(*args, unit_costs=["1"] * rows)
            assert len(ledger) == 0
            continue
        expected = ic.Ledger()
        try:
            expected.post_columns(args[0], dec, *args[2:], unit_costs=["1"] * rows)
        except ic.InvalidInput:  # an empty name, refused by the core either way
            with pytest.raises(ic.InvalidInput):
                ledger.post_columns(*args, unit_costs=["1"] * rows)
            assert len(ledger) == 0
            continue
        assert ledger.post_columns(*args, unit_costs=["1"] * rows) == rows
        assert ledger.to_json() == expected.to_json()


def test_post_columns_purchase_orders_and_shipments() -> None:
    kinds = ["receive", "receive", "ship", "customer_return", "customer_return", "customer_return"]
    batch = ic.Ledger()
    n = batch.post_columns(
        kinds,
        ["A"] * 6,
        ["WH", "WH", "WH", "WH", "WH", "STORE"],
        [10, 10, 15, 5, 5, 5],
        [0, DAY, 2 * DAY, 3 * DAY, 3 * DAY, 4 * DAY],
        unit_costs=["10.00", "12.00", None, "99", None, None],
        references=[None, None, "S1", None, None, None],
        conditions=[None, None, None, None, "quarantine", None],
        purchase_orders=["PO-1", None, None, None, None, None],
        shipments=(None, None, None, "S1", "S1", "S1"),
    )
    assert n == 6
    journal = batch.journal()
    assert journal[0].movement["purchase_order"] == "PO-1"
    assert "purchase_order" not in journal[1].movement
    assert journal[3].movement["shipment"] == "S1"
    # FIFO: 10 x 10.00 + 5 x 12.00 = 160.00 shipped.
    assert journal[2].outcome.cogs == D("160.00")
    # 5 of 15 back at 160.00 x 5/15 = 53.33 (the shipment's cost, not the 99 given);
    # 5 of the remaining 10 (106.67) at 53.335 -> 53.34; the last 5 take the rest, 53.33.
    assert [e.outcome.value for e in journal[3:]] == [D("53.33"), D("53.34"), D("53.33")]
    assert [e.outcome.cogs for e in journal[3:]] == [D("-53.33"), D("-53.34"), D("-53.33")]
    wh = batch.position("A", "WH")
    assert (wh.on_hand, wh.quarantine) == (10, 5)
    # WH: 5 left @ 12.00 + 53.33 + 53.34 (quarantined) = 166.67; STORE: 53.33.
    assert batch.valuation("A", "WH").value == D("166.67")
    assert batch.valuation("A").value == D("220.00")  # everything received is back

    single = ic.Ledger()
    single.receive("A", "WH", 10, "10.00", 0, purchase_order="PO-1")
    single.receive("A", "WH", 10, "12.00", DAY)
    single.ship("A", "WH", 15, 2 * DAY, reference="S1")
    single.customer_return("A", "WH", 5, 3 * DAY, shipment="S1", unit_cost="99")
    single.customer_return("A", "WH", 5, 3 * DAY, shipment="S1", condition="quarantine")
    single.customer_return("A", "STORE", 5, 4 * DAY, shipment="S1")
    assert batch.journal() == single.journal()
    for location in ("WH", "STORE", None):
        assert batch.position("A", location) == single.position("A", location)
        assert batch.valuation("A", location) == single.valuation("A", location)
    assert snapshot(batch) == snapshot(single)

    # S1 is fully returned: a further return is refused with its row, nothing applied.
    before = snapshot(batch)
    with pytest.raises(ic.ReturnMismatch) as info:
        batch.post_columns(["receive", "customer_return"], ["A", "A"], ["WH", "WH"], [1, 1],
                           [5 * DAY, 5 * DAY], unit_costs=["1", None],
                           purchase_orders=["PO-2", None], shipments=[None, "S1"])
    assert info.value.index == 1
    with pytest.raises(ic.UnknownShipment):
        batch.post_columns(["customer_return"], ["A"], ["WH"], [1], [5 * DAY], shipments=["S404"])
    # Columns must be as long as kinds, of str or None.
    with pytest.raises(ic.InvalidInput, match="purchase_orders has 2 rows, expected 1"):
        batch.post_columns(["receive"], ["A"], ["WH"], [1], [5 * DAY], unit_costs=["1"],
                           purchase_orders=["PO-2", None])
    with pytest.raises(ic.InvalidInput, match="shipments has 2 rows, expected 1"):
        batch.post_columns(["customer_return"], ["A"], ["WH"], [1], [5 * DAY], shipments=iter(["S1", None]))
    with pytest.raises(TypeError, match=r"shipments\[1\].*str"):
        batch.post_columns(["customer_return"] * 2, ["A"] * 2, ["WH"] * 2, [1, 1], [5 * DAY] * 2,
                           shipments=[None, 7])
    assert snapshot(batch) == before


def test_times_int_date_datetime_are_the_same_instant() -> None:
    plus2 = dt.timezone(dt.timedelta(hours=2))
    times = [
        JAN1,
        dt.date(2024, 1, 1),
        dt.datetime(2024, 1, 1),  # naive: taken as UTC
        dt.datetime(2024, 1, 1, tzinfo=UTC),
        dt.datetime(2024, 1, 1, 2, 0, tzinfo=plus2),
        dt.datetime(2024, 1, 1, 0, 0, 0, 999_999, tzinfo=UTC),  # microseconds are dropped
    ]
    for i, t in enumerate(times):
        ledger = ic.Ledger()
        ledger.receive("A", "WH", 1, "1", t)
        assert ledger.journal()[0].movement["time"] == JAN1, i
        received = ledger.valuation("A").layers[0].received_at
        assert received == dt.datetime(2024, 1, 1, tzinfo=UTC)
        assert received.tzinfo is not None and received.utcoffset() == dt.timedelta(0)
    ledger = ic.Ledger()
    ledger.post_columns(["receive"] * 2, ["A"] * 2, ["WH"] * 2, [1, 1],
                        [dt.date(2024, 1, 1), dt.datetime(2024, 1, 2, 12, tzinfo=UTC)], unit_costs=[1, 1])
    assert [e.movement["time"] for e in ledger.journal()] == [JAN1, JAN1 + DAY + 12 * 3600]


@pytest.fixture
def demand() -> ic.Ledger:
    ledger = ic.Ledger()
    ledger.receive("A", "WH", 100, "1", dt.date(2024, 1, 1))
    ledger.receive("A", "STORE", 100, "1", dt.date(2024, 1, 1))
    ledger.ship("A", "WH", 3, dt.datetime(2024, 1, 2, 9))
    ledger.ship("A", "WH", 2, dt.datetime(2024, 1, 4, 10))
    ledger.customer_return("A", "WH", 1, dt.datetime(2024, 1, 4, 18))
    ledger.ship("A", "STORE", 4, dt.datetime(2024, 1, 4, 19))
    ledger.ship("A", "WH", 5, dt.date(2024, 1, 10))
    return ledger


def test_demand_history_daily_zero_filled(demand: ic.Ledger) -> None:
    h = demand.demand_history("A", "WH")
    assert h.period == "day" and h.sku == "A" and h.location == "WH"
    assert h.start == dt.datetime(2024, 1, 1, tzinfo=UTC)
    assert h.quantities == [0, 3, 0, 1, 0, 0, 0, 0, 0, 5]
    assert h.labels == [f"2024-01-{d:02}" for d in range(1, 11)]
    assert len(h) == 10
    all_locations = demand.demand_history("A")
    assert all_locations.location is None
    assert all_locations.quantities == [0, 3, 0, 5, 0, 0, 0, 0, 0, 5]
    window = demand.demand_history("A", "WH", "day", start=dt.date(2023, 12, 31), end=JAN1 + DAY)
    assert window.quantities == [0, 0, 3]
    assert window.labels == ["2023-12-31", "2024-01-01", "2024-01-02"]


def test_demand_history_weekly(demand: ic.Ledger) -> None:
    h = demand.demand_history("A", period="week")
    assert h.period == "week"
    assert h.start == dt.datetime(2024, 1, 1, tzinfo=UTC)
    assert h.quantities == [8, 5]
    assert h.labels == ["2024-W01", "2024-W02"]
    gap = ic.Ledger()
    gap.receive("B", "WH", 10, "1", dt.date(2024, 1, 3))
    gap.ship("B", "WH", 1, dt.date(2024, 1, 3))
    gap.ship("B", "WH", 2, dt.date(2024, 1, 24))
    g = gap.demand_history("B", period="weekly")
    assert g.quantities == [1, 0, 0, 2]
    assert g.labels == ["2024-W01", "2024-W02", "2024-W03", "2024-W04"]
