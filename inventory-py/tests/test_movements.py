"""Every movement kind, with values derived by hand."""

from decimal import Decimal as D

import pytest

import inventory_core as ic
from conftest import DAY


@pytest.mark.parametrize(
    "method, cogs, remaining",
    [("fifo", "160.00", "170.00"), ("lifo", "170.00", "160.00"), ("moving_average", "165.00", "165.00")],
)
def test_worked_costing_example(method: str, cogs: str, remaining: str) -> None:
    ledger = ic.Ledger(method)
    ledger.receive("A", "WH", 10, D("10.00"), 0)
    ledger.receive("A", "WH", 10, D("12.00"), DAY)
    ledger.receive("A", "WH", 10, D("11.00"), 2 * DAY)
    out = ledger.ship("A", "WH", 15, 3 * DAY)
    assert out.cogs == D(cogs)
    assert out.value == -D(cogs)
    assert out.moved_value == D(cogs)
    assert out.quantity == D(-15)
    assert out.sequence == 3
    assert out.adjustment is None and out.duplicate is False
    val = ledger.valuation("A")
    assert val.method == method
    assert val.quantity == 15
    assert val.value == D(remaining)
    assert ledger.total_value() == D(remaining)
    assert ledger.costing_of("A") == method


def test_receive_outcome_and_layers(stocked: ic.Ledger) -> None:
    out = stocked.receive("A", "WH", "2.5", "4", 2 * DAY, purchase_order="PO-7")
    assert (out.quantity, out.value, out.cogs, out.moved_value) == (D("2.5"), D("10"), D(0), D("10"))
    val = stocked.valuation("A", "WH")
    assert [(layer.quantity, layer.unit_cost, layer.value) for layer in val.layers] == [
        (10, D("10.00"), D("100.00")),
        (10, D("12.00"), D("120.00")),
        (D("2.5"), 4, 10),
    ]
    assert val.layers[1].received_at.timestamp() == DAY
    assert val.layers[0].location == "WH" and val.layers[0].condition == "sellable"
    assert val.unit_cost == D("10.222222222222222222222222222")  # 230.00 / 22.5, 28 places
    assert stocked.journal()[-1].movement["purchase_order"] == "PO-7"


def test_ship_partial_layer(stocked: ic.Ledger) -> None:
    out = stocked.ship("A", "WH", 12, 2 * DAY)
    assert out.cogs == D("124.00")  # 10 x 10.00 + 2 x 12.00
    pos = stocked.position("A", "WH")
    assert (pos.on_hand, pos.reserved, pos.available, pos.incoming, pos.damaged, pos.quarantine) == (8, 0, 8, 0, 0, 0)


def test_reserve_ship_reserved_release(stocked: ic.Ledger) -> None:
    stocked.reserve("A", "WH", 5, "ORD-1", DAY)
    pos = stocked.position("A")
    assert (pos.on_hand, pos.reserved, pos.available) == (20, 5, 15)
    assert stocked.reserved_by("ORD-1", "A", "WH") == 5
    out = stocked.ship("A", "WH", 2, DAY, reservation="ORD-1")
    assert out.cogs == D("20.00")
    assert stocked.reserved_by("ORD-1", "A", "WH") == 3
    stocked.release("A", "WH", "ORD-1", DAY, quantity=1)
    assert stocked.reserved_by("ORD-1", "A", "WH") == 2
    stocked.release("A", "WH", "ORD-1", DAY)  # all that is left
    assert stocked.reserved_by("ORD-1", "A", "WH") == 0
    pos = stocked.position("A")
    assert (pos.on_hand, pos.reserved, pos.available) == (18, 0, 18)
    assert stocked.reserved_by("nope", "A", "WH") == 0


def test_customer_return_by_shipment_at_the_cost_it_left_with(stocked: ic.Ledger) -> None:
    stocked.ship("A", "WH", 15, DAY, reference="SHIP-1")  # cogs 160.00
    stocked.receive("A", "WH", 10, "50.00", 2 * DAY)  # a new, much dearer layer
    out = stocked.customer_return("A", "WH", 3, 3 * DAY, shipment="SHIP-1")
    assert out.value == D("32.00")  # 160.00 x 3 / 15
    assert out.cogs == D("-32.00")
    last = stocked.customer_return("A", "WH", 12, 3 * DAY, shipment="SHIP-1")
    assert last.value == D("128.00")  # the exact remainder
    with pytest.raises(ic.ReturnMismatch):
        stocked.customer_return("A", "WH", 1, 3 * DAY, shipment="SHIP-1")


def test_customer_return_with_unit_cost_and_quarantine(stocked: ic.Ledger) -> None:
    stocked.ship("A", "WH", 5, DAY)
    out = stocked.customer_return("A", "WH", 2, DAY, condition="quarantine", unit_cost="9.50")
    assert out.value == D("19.00")
    pos = stocked.position("A", "WH")
    assert (pos.on_hand, pos.available, pos.quarantine, pos.damaged) == (15, 15, 2, 0)
    # quarantined units are not available: they cannot ship
    with pytest.raises(ic.InsufficientStock):
        stocked.ship("A", "WH", 16, DAY)
    stocked.reclassify("A", "WH", 2, "quarantine", "sellable", DAY)
    pos = stocked.position("A", "WH")
    assert (pos.on_hand, pos.available, pos.quarantine) == (17, 17, 0)
    stocked.customer_return("A", "WH", 1, DAY, condition="damaged", unit_cost=0)
    assert stocked.position("A").damaged == 1


def test_return_to_supplier(stocked: ic.Ledger) -> None:
    out = stocked.return_to_supplier("A", "WH", 2, DAY, purchase_order="PO-1")
    assert (out.quantity, out.value, out.moved_value, out.cogs) == (-2, D("-20.00"), D("20.00"), 0)
    assert stocked.position("A").on_hand == 18


def test_transfer_moves_layers(stocked: ic.Ledger) -> None:
    out = stocked.transfer("A", "WH", "STORE", 12, DAY)
    assert (out.quantity, out.value, out.cogs, out.moved_value) == (0, 0, 0, D("124.00"))
    assert stocked.position("A", "WH").on_hand == 8
    assert stocked.position("A", "STORE").on_hand == 12
    assert stocked.valuation("A", "STORE").value == D("124.00")
    assert stocked.valuation("A", "WH").value == D("96.00")
    assert stocked.total_value() == D("220.00")
    assert stocked.locations() == ["WH", "STORE"]


def test_adjust_both_ways(stocked: ic.Ledger) -> None:
    out = stocked.adjust("A", "WH", -3, "damage", DAY)
    assert (out.quantity, out.value, out.moved_value) == (-3, D("-30.00"), D("30.00"))
    out = stocked.adjust("A", "WH", 4, "found", DAY, unit_cost="5")
    assert (out.quantity, out.value) == (4, D("20"))
    assert stocked.position("A").on_hand == 21
    assert stocked.journal()[-1].movement["reason"] == "found"


def test_cycle_count(stocked: ic.Ledger) -> None:
    out = stocked.cycle_count("A", "WH", 17, DAY)
    assert out.adjustment == -3
    assert out.value == D("-30.00")
    assert stocked.position("A", "WH").on_hand == 17
    out = stocked.cycle_count("A", "WH", 19, DAY, unit_cost="12.00")
    assert out.adjustment == 2 and out.value == D("24.00")


def test_reference_idempotency(stocked: ic.Ledger) -> None:
    first = stocked.ship("A", "WH", 3, DAY, reference="SHIP-9")
    before = stocked.to_json()
    again = stocked.ship("A", "WH", 3, DAY, reference="SHIP-9")
    assert again.duplicate is True
    assert (again.sequence, again.cogs, again.value) == (first.sequence, first.cogs, first.value)
    assert stocked.to_json() == before
    assert len(stocked) == 3


def test_queries_and_journal(stocked: ic.Ledger) -> None:
    stocked.receive("B", "WH2", 1, "1", 0)
    assert stocked.skus() == ["A", "B"]
    assert stocked.locations() == ["WH", "WH2"]
    assert len(stocked) == 3
    journal = stocked.journal()
    assert [e.outcome.sequence for e in journal] == [0, 1, 2]
    assert journal[0].movement == {
        "kind": "receive",
        "time": 0,
        "reference": "GRN-1",
        "sku": "A",
        "location": "WH",
        "quantity": D(10),
        "unit_cost": D("10.00"),
    }
    assert [e.movement["sku"] for e in stocked.history("B")] == ["B"]
    assert stocked.history("A") == journal[:2]


def test_costing_overrides() -> None:
    ledger = ic.Ledger("fifo", sku_costing={"L": "lifo"})
    ledger.set_sku_costing("M", "moving_average")
    assert (ledger.costing_of("L"), ledger.costing_of("M"), ledger.costing_of("X")) == ("lifo", "moving_average", "fifo")
    assert ledger.costing == "fifo" and ledger.allow_negative is False and ledger.money_scale == 2


def test_allow_negative_backorders() -> None:
    ledger = ic.Ledger(allow_negative=True)
    ledger.receive("A", "WH", 1, "2.00", 0)
    ledger.ship("A", "WH", 3, 0)
    assert ledger.position("A").on_hand == -2


def test_replay_and_snapshot_round_trip(stocked: ic.Ledger) -> None:
    stocked.ship("A", "WH", 4, DAY, reference="S")
    stocked.reserve("A", "WH", 2, "R", DAY)
    stocked.customer_return("A", "WH", 1, DAY, shipment="S")
    text = stocked.to_json()
    copy = ic.Ledger.from_json(text)
    assert copy.to_json() == text
    assert ic.Ledger.replay(stocked.journal()).to_json() == text
    assert ic.Ledger.replay([e.movement for e in stocked.journal()]).to_json() == text
    assert copy.position("A") == stocked.position("A")
    assert copy.valuation("A") == stocked.valuation("A")


def test_snapshots_are_read_strictly(stocked: ic.Ledger) -> None:
    """Regression (issue 13): unknown nested fields were dropped, "kind": 0 read as a
    receipt and decimals read from JSON numbers."""
    import json
    from typing import Any, Callable

    stocked.ship("A", "WH", 4, DAY, reference="S")
    snap = json.loads(stocked.to_json())
    assert ic.Ledger.from_json(json.dumps(snap)).to_json() == stocked.to_json()

    def refused(edit: Callable[[Any], None], match: str) -> None:
        bad = json.loads(json.dumps(snap))
        edit(bad)
        with pytest.raises(ic.InvalidSnapshot, match=match):
            ic.Ledger.from_json(json.dumps(bad))

    refused(lambda s: s["journal"][0]["movement"].update(colour="blue"), "unknown field `colour`")
    refused(lambda s: s["state"]["positions"][0]["layers"][0].update(colour="blue"), "unknown field")
    refused(lambda s: s["config"].update(colour="blue"), "unknown field")
    refused(lambda s: s["journal"][0]["movement"].update(kind=0), "name written as a JSON string")
    refused(lambda s: s["journal"][0]["movement"].update(quantity=10), "written as a JSON string")
    refused(lambda s: s["state"]["positions"][0].update(quantity=6), "written as a JSON string")


@pytest.mark.parametrize(
    "quantity, cost",
    [
        ("1", "0"),
        ("12.500", "0.00"),
        ("0.000000001", "10"),
        ("1", "0.0000000001"),  # scale 10
        ("3", "0.0000000000000000000000000001"),  # scale 28
        ("1", "79228162514264.337593543950335"),  # 29 digits: a mantissa wider than 64 bits
        ("999999999", "18446744073.709551615"),  # mantissa 2^64 - 1
        ("1", "18446744073.709551616"),  # mantissa 2^64
    ],
)
def test_decimals_come_back_with_their_sign_digits_and_exponent(quantity: str, cost: str) -> None:
    """Every Decimal the binding returns has exactly the sign, coefficient and exponent of the
    core's value: `Decimal.as_tuple()` compares them, where `==` would ignore the exponent."""
    ledger = ic.Ledger(money_scale=4)
    out = ledger.receive("A", "WH", D(quantity), D(cost), 0)
    movement = ledger.journal()[0].movement
    assert movement["quantity"].as_tuple() == D(quantity).as_tuple()
    assert movement["unit_cost"].as_tuple() == D(cost).as_tuple()
    assert out.quantity.as_tuple() == D(quantity).as_tuple()
    # The receipt's value is quantity × cost rounded half away from zero to 4 places.
    from decimal import ROUND_HALF_UP, Context
    exact = Context(prec=80).multiply(D(quantity), D(cost))
    assert out.value == exact.quantize(D("0.0001"), rounding=ROUND_HALF_UP)
    # Negative values: an adjustment out of everything.
    adj = ledger.adjust("A", "WH", D("-" + quantity), "damage", 1)
    assert adj.quantity.as_tuple() == D("-" + quantity).as_tuple()
    assert ledger.journal()[1].movement["quantity"].as_tuple() == D("-" + quantity).as_tuple()
    assert adj.value == -out.value


def test_sums_beyond_the_decimal_range_raise_overflow() -> None:
    """Each position holds the largest decimal; their sum does not fit and is an error."""
    ledger = ic.Ledger()
    biggest = D("79228162514264337593543950335")
    for loc in ("W1", "W2"):
        ledger.receive("A", loc, 1, biggest, 0)
    with pytest.raises(ic.Overflow):
        ledger.total_value()
    with pytest.raises(ic.Overflow):
        ledger.valuation("A")
    assert ledger.valuation("A", "W1").value == biggest
