"""Every error class; the ledger is unchanged after each error."""

import json
from decimal import Decimal as D
from typing import Any, Callable

import pytest

import inventory_core as ic
from conftest import DAY, snapshot


def test_hierarchy() -> None:
    value_errors = [ic.InvalidInput, ic.InsufficientStock, ic.ReservationExceeded, ic.ReturnMismatch,
                    ic.DuplicateReference, ic.OutOfOrder, ic.InvalidState, ic.InvalidSnapshot]
    key_errors = [ic.UnknownSku, ic.UnknownLocation, ic.UnknownPosition, ic.UnknownReservation, ic.UnknownShipment]
    for cls in value_errors:
        assert issubclass(cls, ic.InventoryError) and issubclass(cls, ValueError)
    for cls in key_errors:
        assert issubclass(cls, ic.InventoryError) and issubclass(cls, KeyError)
    assert issubclass(ic.Overflow, ic.InventoryError) and issubclass(ic.Overflow, ArithmeticError)
    # Overflow covers decimal overflow and results that are not finite floats (the policy
    # math's inf / NaN from finite inputs); its description says both.
    assert ic.Overflow.__doc__ is not None
    assert "decimal" in ic.Overflow.__doc__ and "not a finite float" in ic.Overflow.__doc__
    assert issubclass(ic.InventoryError, Exception)
    assert ic.UnknownSku.__module__ == "inventory_core"


CASES: list[tuple[str, type, Callable[[ic.Ledger], Any], list[str]]] = [
    ("unknown sku", ic.UnknownSku, lambda l: l.position("NOPE"), ['"NOPE"']),
    ("unknown sku history", ic.UnknownSku, lambda l: l.history("NOPE"), ['"NOPE"']),
    ("unknown location", ic.UnknownLocation, lambda l: l.valuation("A", "MARS"), ['"MARS"']),
    ("unknown position", ic.UnknownPosition, lambda l: l.cycle_count("A", "ELSEWHERE", 1, DAY), ['"A"', '"ELSEWHERE"']),
    ("zero quantity", ic.InvalidInput, lambda l: l.receive("A", "WH", 0, "1", DAY), ["quantity 0"]),
    ("negative quantity", ic.InvalidInput, lambda l: l.ship("A", "WH", -1, DAY), ["quantity -1"]),
    ("float quantity", ic.InvalidInput, lambda l: l.receive("A", "WH", 1.5, "1", DAY), ["float", "cents"]),
    ("float cost", ic.InvalidInput, lambda l: l.receive("A", "WH", 1, 0.1, DAY), ["float", "cents"]),
    ("bool time", ic.InvalidInput, lambda l: l.receive("A", "WH", 1, "1", True), ["time", "bool"]),
    ("bool quantity", ic.InvalidInput, lambda l: l.receive("A", "WH", True, "1", DAY), ["bool"]),
    ("bad decimal string", ic.InvalidInput, lambda l: l.receive("A", "WH", "ten", "1", DAY), ["ten"]),
    ("nan", ic.InvalidInput, lambda l: l.receive("A", "WH", D("NaN"), "1", DAY), ["NaN"]),
    ("negative cost", ic.InvalidInput, lambda l: l.receive("A", "WH", 1, "-0.01", DAY), ["-0.01"]),
    ("empty sku", ic.InvalidInput, lambda l: l.receive("", "WH", 1, "1", DAY), ["sku"]),
    ("unknown condition", ic.InvalidInput, lambda l: l.customer_return("A", "WH", 1, DAY, condition="wet"), ["wet"]),
    ("unknown reason", ic.InvalidInput, lambda l: l.adjust("A", "WH", 1, "magic", DAY), ["magic"]),
    ("same source and destination", ic.InvalidInput, lambda l: l.transfer("A", "WH", "WH", 1, DAY), ["transfer"]),
    ("insufficient stock", ic.InsufficientStock, lambda l: l.ship("A", "WH", 21, DAY),
     ['"A"', '"WH"', "requested 21", "available 20"]),
    ("insufficient after reservation", ic.InsufficientStock, lambda l: l.ship("A", "WH", 6, DAY),
     ["requested 6", "available 5"]),
    ("duplicate reference, other payload", ic.DuplicateReference,
     lambda l: l.receive("A", "WH", 11, "10.00", DAY, reference="GRN-1"), ['"GRN-1"']),
    ("out of order", ic.OutOfOrder, lambda l: l.ship("A", "WH", 1, DAY - 1), ["before"]),
    ("unknown reservation", ic.UnknownReservation, lambda l: l.release("A", "WH", "ORD-404", DAY), ['"ORD-404"']),
    ("reservation exceeded", ic.ReservationExceeded, lambda l: l.release("A", "WH", "R2", DAY, quantity=3),
     ['"R2"', "holds 2", "3 was asked"]),
    ("unknown shipment", ic.UnknownShipment, lambda l: l.customer_return("A", "WH", 1, DAY, shipment="S-404"), ['"S-404"']),
    ("return exceeding shipment", ic.ReturnMismatch, lambda l: l.customer_return("A", "WH", 3, DAY, shipment="S-2"),
     ['"S-2"', "2 units left", "3 were returned"]),
    ("invalid state", ic.InvalidState, lambda l: l.set_sku_costing("A", "lifo"), ['"A"']),
    ("unknown costing", ic.InvalidInput, lambda l: l.set_sku_costing("NEW", "hifo"), ["hifo"]),
    ("overflow", ic.Overflow, lambda l: l.receive("A", "WH", 10**27, 10**27, DAY), ["overflow"]),
    ("unknown period", ic.InvalidInput, lambda l: l.demand_history("A", period="year"), ["year"]),
]


@pytest.mark.parametrize("name, cls, action, words", CASES, ids=[c[0] for c in CASES])
def test_error_and_state_unchanged(
    stocked: ic.Ledger, name: str, cls: type, action: Callable[[ic.Ledger], Any], words: list[str]
) -> None:
    stocked.receive("B", "ELSEWHERE", 1, "1", 0)  # ELSEWHERE exists, A was never there

    setup = {
        "insufficient after reservation": lambda l: l.reserve("A", "WH", 15, "R1", DAY),
        "reservation exceeded": lambda l: l.reserve("A", "WH", 2, "R2", DAY),
        "return exceeding shipment": lambda l: l.ship("A", "WH", 2, DAY, reference="S-2"),
    }.get(name)
    if setup is not None:
        setup(stocked)
    before = snapshot(stocked)
    pos_before = stocked.position("A")
    val_before = stocked.valuation("A")
    with pytest.raises(cls) as info:
        action(stocked)
    message = str(info.value)
    for word in words:
        assert word in message, (word, message)
    assert info.value.index is None
    assert snapshot(stocked) == before
    assert stocked.position("A") == pos_before
    assert stocked.valuation("A") == val_before


def test_insufficient_stock_message_names_everything(stocked: ic.Ledger) -> None:
    with pytest.raises(ic.InsufficientStock) as info:
        stocked.ship("A", "WH", 25, DAY)
    assert str(info.value) == 'insufficient stock of SKU "A" at location "WH" (sellable): requested 25, available 20'


def test_same_reference_twice_returns_first_outcome(stocked: ic.Ledger) -> None:
    before = snapshot(stocked)
    again = stocked.receive("A", "WH", 10, "10.00", 0, reference="GRN-1")
    assert again.duplicate and again.sequence == 0 and again.value == D("100.00")
    assert snapshot(stocked) == before


def test_malformed_and_tampered_snapshots(stocked: ic.Ledger) -> None:
    with pytest.raises(ic.InvalidSnapshot, match="malformed"):
        ic.Ledger.from_json("{not json")
    data = json.loads(stocked.to_json())
    data["version"] = 999
    with pytest.raises(ic.InvalidSnapshot, match="version"):
        ic.Ledger.from_json(json.dumps(data))
    data = json.loads(stocked.to_json())
    data["state"]["positions"][0]["quantity"] = "19"
    with pytest.raises(ic.InvalidSnapshot, match="inconsistent"):
        ic.Ledger.from_json(json.dumps(data))


def test_bad_constructor_arguments() -> None:
    with pytest.raises(ic.InvalidInput, match="hifo"):
        ic.Ledger("hifo")  # type: ignore[arg-type]
    with pytest.raises(ic.InvalidInput, match="money_scale"):
        ic.Ledger(money_scale=13)
    with pytest.raises(ic.InvalidInput, match="money_scale"):
        ic.Ledger(money_scale=-1)


def test_time_outside_datetime_range_is_refused() -> None:
    ledger = ic.Ledger()
    with pytest.raises(ic.InvalidInput):
        ledger.receive("A", "WH", 1, "1", 10**15)
    with pytest.raises(ic.InvalidInput, match="64 bits"):
        ledger.receive("A", "WH", 1, "1", 10**20)
    assert len(ledger) == 0
