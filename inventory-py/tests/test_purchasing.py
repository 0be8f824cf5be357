"""Purchasing from Python: suppliers, purchase orders through their life, receiving by
condition, landed costs, the payment schedule, supplier performance, and the errors.

The cases follow inventory-core/src/purchasing/tests.rs; expected values are worked by hand
in the comments.
"""

import datetime as dt
import math
from decimal import Decimal as D
from typing import Any, Callable

import pytest

import inventory_core as ic
from conftest import DAY, snapshot

UTC = dt.timezone.utc


def at(days: float) -> dt.datetime:
    """The aware UTC datetime `days` days after the Unix epoch."""
    return dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(days=days)


def acme() -> ic.Supplier:
    """2/10 net 30; mugs with all-units breaks 4.00 / 3.60 from 100 / 3.20 from 500, quoted
    12 days (sd 2), preferred; plates at 2.00, quoted 12 days."""
    return ic.Supplier(
        "ACME",
        "Acme Ceramics",
        net_days=30,
        discount_percent=2,
        discount_days=10,
        items=[
            ic.SupplierItem(
                "MUG",
                prices=[(0, D("4.00")), (100, D("3.60")), (500, D("3.20"))],
                lead_time_days=12,
                lead_time_std_days=2.0,
                preferred=True,
            ),
            ic.SupplierItem("PLATE", D("2.00"), lead_time_days=12, supplier_sku="AC-PL-1"),
        ],
    )


def ledger(**config: Any) -> ic.Ledger:
    ledger = ic.Ledger(**config)
    ledger.set_supplier(acme(), 0)
    return ledger


def placed(**config: Any) -> ic.Ledger:
    """PO-1, placed on day 1: line 1, 100 MUG to WH (3.60 by the break), line 2, 50 PLATE
    to WH (2.00), both expected on day 12."""
    ledger_ = ledger(**config)
    ledger_.create_order(
        "PO-1",
        "ACME",
        [(1, "MUG", "WH", 100, 12 * DAY), {"line": 2, "sku": "PLATE", "location": "WH", "quantity": 50, "expected": 12 * DAY}],
        0,
    )
    ledger_.place_order("PO-1", DAY)
    return ledger_


def state(ledger_: ic.Ledger) -> tuple:
    """Everything observable, purchasing included, to compare before and after an error."""
    return (
        snapshot(ledger_),
        [ledger_.order(o) for o in ledger_.order_ids()],
        ledger_.purchase_records(),
        ledger_.incoming(),
        ledger_.payment_schedule(),
    )


# ----- suppliers -----


def test_supplier_attributes_and_round_trip() -> None:
    s = acme()
    assert (s.id, s.name, s.net_days, s.discount_percent, s.discount_days) == ("ACME", "Acme Ceramics", 30, 2, 10)
    assert s.terms == "2/10 net 30"
    mug, plate = s.items
    assert mug.prices == [(0, D("4.00")), (100, D("3.60")), (500, D("3.20"))]
    assert (mug.discount, mug.lead_time_days, mug.lead_time_std_days, mug.preferred) == ("all_units", 12.0, 2.0, True)
    assert (mug.min_order_quantity, mug.pack_size, mug.supplier_sku) == (0, None, None)
    # A unit price is one break from 0 units.
    assert plate.prices == [(0, D("2.00"))] and plate.supplier_sku == "AC-PL-1"
    assert repr(plate).startswith("SupplierItem(sku='PLATE', prices=[(Decimal('0'), Decimal('2.00'))]")
    assert repr(s).startswith("Supplier(id='ACME', name='Acme Ceramics', net_days=30, discount_percent=Decimal('2')")
    assert s.to_dict()["items"][1] == plate.to_dict()
    assert plate.to_dict()["prices"] == [(D("0"), D("2.00"))]
    # Without a discount.
    plain = ic.Supplier("B", "Beta")
    assert (plain.net_days, plain.discount_percent, plain.discount_days, plain.items, plain.terms) == (0, None, 0, [], "net 0")

    ledger_ = ledger()
    assert ledger_.supplier("ACME") == s
    assert ledger_.supplier("NOPE") is None
    assert ledger_.suppliers() == [s]
    [(of, item)] = ledger_.suppliers_of("PLATE")
    assert of == s and item == plate
    assert ledger_.suppliers_of("BOWL") == []


def test_preferred_supplier_moves() -> None:
    ledger_ = ledger()
    beta = ic.Supplier("BETA", "Beta", net_days=14, items=[ic.SupplierItem("MUG", "3.90", lead_time_days=5, preferred=True)])
    out = ledger_.set_supplier(beta, 1)
    assert (out.status, out.movements, out.duplicate) == (None, [], False)
    # Setting BETA with a preferred mug takes the preference from ACME.
    (s1, i1), (s2, i2) = ledger_.suppliers_of("MUG")
    assert (s1.id, i1.preferred, s2.id, i2.preferred) == ("BETA", True, "ACME", False)
    # Replacing a supplier keeps the prices and terms of its orders once placed.
    ledger_.create_order("PO-1", "ACME", [(1, "MUG", "WH", 10, 0)], 2)
    ledger_.place_order("PO-1", 2)
    ledger_.set_supplier(ic.Supplier("ACME", "Acme", net_days=60, items=[ic.SupplierItem("MUG", 9, lead_time_days=1)]), 3)
    order = ledger_.order("PO-1")
    assert (order.lines[0].unit_price, order.net_days, order.terms) == (D("4.00"), 30, "2/10 net 30")


def test_all_units_and_incremental_prices() -> None:
    mug = acme().items[0]
    for q, p in [(1, "4.00"), (99, "4.00"), (100, "3.60"), ("499.5", "3.60"), (600, "3.20")]:
        assert mug.price_for(q) == D(p), q
    # A first break above zero: below it there is no price.
    above = ic.SupplierItem("X", prices=[(10, "5.00")], lead_time_days=1)
    with pytest.raises(ic.InvalidInput, match="first price break starts at 10"):
        above.price_for(9)
    # Incremental: the first 100 units at 4.00, the rest at 3.00. 150 units cost
    # 400 + 150 = 550.00, so 3.666...; a receipt of all 150 is worth exactly 550.00.
    inc = ic.SupplierItem("MUG", prices=[(0, "4.00"), (100, "3.00")], discount="incremental", lead_time_days=1)
    assert inc.discount == "incremental"
    assert (inc.price_for(150) * 150).quantize(D("0.01")) == D("550.00")
    assert inc.price_for(50) == 4
    ledger_ = ic.Ledger()
    ledger_.set_supplier(ic.Supplier("S", "S", items=[inc]), 0)
    ledger_.create_order("PO", "S", [(1, "MUG", "WH", 150, 0)], 0)
    ledger_.place_order("PO", 0)
    out = ledger_.receive_order("PO", "R", [(1, 150)], 0)
    assert out.movements[0].value == D("550.00")
    assert ledger_.receiving_report("PO").total.price_variance == 0


def test_order_quantities_follow_the_supplier() -> None:
    ledger_ = ic.Ledger()
    item = ic.SupplierItem("MUG", 4, lead_time_days=7, min_order_quantity=24, pack_size=12)
    assert (item.min_order_quantity, item.pack_size) == (24, 12)
    ledger_.set_supplier(ic.Supplier("S", "S", items=[item]), 0)
    # 12: below the MOQ of 24; 30: not a multiple of the pack of 12; 24 and 36 are fine.
    for q, ok in [(12, False), (30, False), (24, True), (36, True)]:
        before = state(ledger_)
        if ok:
            assert ledger_.create_order(f"PO-{q}", "S", [(1, "MUG", "WH", q, 0)], 0).status == "draft"
        else:
            with pytest.raises(ic.InvalidInput, match="minimum order quantity|pack size"):
                ledger_.create_order(f"PO-{q}", "S", [(1, "MUG", "WH", q, 0)], 0)
            assert state(ledger_) == before


# ----- an order through its life -----


def test_an_order_through_its_life() -> None:
    ledger_ = ledger()
    # Naive datetimes are UTC; an aware one is converted (01:00 at +01:00 is midnight UTC).
    plus_one = dt.timezone(dt.timedelta(hours=1))
    out = ledger_.create_order(
        "PO-1",
        "ACME",
        [
            {"line": 1, "sku": "MUG", "location": "WH", "quantity": 100, "expected": dt.datetime(1970, 1, 13)},
            (2, "PLATE", "WH", "50", dt.datetime(1970, 1, 13, 1, 0, tzinfo=plus_one)),
        ],
        dt.date(1970, 1, 1),
    )
    assert (out.sequence, out.status, out.movements, out.duplicate) == (1, "draft", [], False)
    # A draft is not incoming: the SKU is still unknown to the stock.
    with pytest.raises(ic.UnknownSku):
        ledger_.position("MUG")
    order = ledger_.order("PO-1")
    # 100 mugs take the 3.60 break.
    assert (order.status, order.lines[0].unit_price, order.lines[1].unit_price) == ("draft", D("3.60"), D("2.00"))
    assert order.lines[1].expected == at(12) and order.created_at == at(0)
    assert (order.placed_at, order.confirmed_at) == (None, None)

    assert ledger_.place_order("PO-1", DAY).status == "placed"
    assert ledger_.position("MUG").incoming == 100
    assert ledger_.position("MUG", "WH").incoming == 100
    assert ledger_.order("PO-1").placed_at == at(1)
    # The supplier confirms 80 mugs, two days later.
    out = ledger_.confirm_order("PO-1", 2 * DAY, [{"line": 1, "quantity": 80, "expected": 14 * DAY}])
    assert out.status == "confirmed"
    line = ledger_.order("PO-1").lines[0]
    assert (line.quantity, line.ordered, line.expected) == (80, 100, at(14))
    assert ledger_.position("MUG").incoming == 80
    # 50 mugs arrive: 50 x 3.60 = 180.00.
    out = ledger_.receive_order("PO-1", "GRN-1", [(1, 50)], 13 * DAY)
    assert out.status == "partially_received"
    assert [m.value for m in out.movements] == [D("180.00")]
    pos = ledger_.position("MUG")
    assert (pos.on_hand, pos.incoming) == (50, 30)
    # The rest: 27 sellable, 2 damaged, 1 held for inspection; and all the plates.
    out = ledger_.receive_order(
        "PO-1", "GRN-2", [(1, 27, 2, 1), {"line": 2, "sellable": 50}], 15 * DAY
    )
    assert out.status == "received"
    # One receive movement per non-zero count: 27 x 3.60, 2 x 3.60, 1 x 3.60, 50 x 2.00.
    assert [m.value for m in out.movements] == [D("97.20"), D("7.20"), D("3.60"), D("100.00")]
    pos = ledger_.position("MUG")
    assert (pos.on_hand, pos.damaged, pos.quarantine, pos.incoming) == (77, 2, 1, 0)
    # The receipts are ordinary journal entries naming the order, by condition.
    moves = [e.movement for e in ledger_.journal()]
    assert all(m["kind"] == "receive" and m["purchase_order"] == "PO-1" for m in moves)
    # (The core's JSON leaves out the default condition, sellable.)
    assert [m.get("condition", "sellable") for m in moves] == ["sellable", "sellable", "damaged", "quarantine", "sellable"]
    report = ledger_.receiving_report("PO-1")
    assert (report.order, report.supplier, report.status) == ("PO-1", "ACME", "received")
    first = report.lines[0]
    assert (first.line, first.ordered, first.sellable, first.damaged, first.quarantine) == (1, 80, 77, 2, 1)
    # 80 x 3.60 + 50 x 2.00 = 388.00.
    assert (report.total.line, report.total.sku, report.total.received_value, report.total.open) == (
        None, "", D("388.00"), 0)
    order = ledger_.order("PO-1")
    assert order.receipts == ["GRN-1", "GRN-2"] and order.charges == [] and order.paid == 0
    assert order.lines[0].received == 80 and order.lines[0].open == 0
    assert ledger_.order_ids() == ["PO-1"]


def test_cancelling_and_closing_short() -> None:
    ledger_ = placed()
    ledger_.receive_order("PO-1", "R1", [(1, 60)], 10 * DAY)
    # The buyer cancels the plates; the supplier closes the mugs short at 60.
    assert ledger_.cancel_order("PO-1", 11 * DAY, line=2).status == "partially_received"
    assert ledger_.incoming("PLATE") == []
    # No plate ever moved, and none is incoming any more: the SKU is unknown to the stock.
    with pytest.raises(ic.UnknownSku):
        ledger_.position("PLATE", "WH")
    assert ledger_.close_order_short("PO-1", 12 * DAY).status == "closed"
    order = ledger_.order("PO-1")
    assert (order.lines[0].closed_short, order.lines[1].cancelled) == (40, 50)
    assert ledger_.incoming() == []
    # Nothing more can arrive on a closed line.
    before = state(ledger_)
    with pytest.raises(ic.InvalidOrderState, match="closed"):
        ledger_.receive_order("PO-1", "R2", [(1, 1)], 13 * DAY)
    assert state(ledger_) == before
    # Fill rate: mugs 60 of 100 asked (closed short counts); the cancelled plates don't.
    assert ledger_.supplier_performance("ACME").fill_rate == 0.6
    # A draft cancelled as a whole is cancelled.
    ledger_.create_order("PO-2", "ACME", [(1, "MUG", "WH", 5, 0)], 13 * DAY)
    assert ledger_.cancel_order("PO-2", 13 * DAY).status == "cancelled"


def test_amendments_and_added_lines_move_incoming() -> None:
    ledger_ = placed()
    ledger_.amend_order_line("PO-1", 2, 2 * DAY, quantity=70, unit_price="1.90")
    ledger_.add_order_line("PO-1", {"line": 3, "sku": "PLATE", "location": "SHOP", "quantity": 10,
                                    "expected": 20 * DAY, "unit_price": D("2.10")}, 2 * DAY)
    lines = ledger_.order("PO-1").lines
    # The buyer's amendment moves the fill rate's base too.
    assert (lines[1].quantity, lines[1].ordered, lines[1].unit_price) == (70, 70, D("1.90"))
    assert (lines[2].line, lines[2].location, lines[2].unit_price) == (3, "SHOP", D("2.10"))
    assert ledger_.position("PLATE").incoming == 80
    assert ledger_.position("PLATE", "SHOP").incoming == 10
    assert [(r.sku, r.location, r.quantity) for r in ledger_.incoming()] == [
        ("MUG", "WH", 100), ("PLATE", "SHOP", 10), ("PLATE", "WH", 70)]
    assert len(ledger_.incoming("PLATE", "SHOP")) == 1
    assert ledger_.incoming("NOPE") == []
    assert ledger_.incoming(location="SHOP")[0].to_dict() == {"sku": "PLATE", "location": "SHOP", "quantity": D("10")}


def test_incoming_by_day_and_week_and_overdue_lines() -> None:
    ledger_ = ledger()
    monday = dt.datetime(2026, 11, 23)  # a Monday; naive = UTC
    ledger_.create_order(
        "PO-1",
        "ACME",
        [
            (1, "MUG", "WH", 10, monday + dt.timedelta(hours=1)),
            (2, "MUG", "WH", 20, monday + dt.timedelta(days=2)),
            (3, "MUG", "WH", 30, monday + dt.timedelta(days=8)),
        ],
        monday - dt.timedelta(days=1),
    )
    ledger_.place_order("PO-1", monday - dt.timedelta(days=1))
    m = monday.replace(tzinfo=UTC)
    days = ledger_.incoming_schedule("day", sku="MUG")
    assert [(b.start, b.quantity) for b in days] == [
        (m, 10), (m + dt.timedelta(days=2), 20), (m + dt.timedelta(days=8), 30)]
    weeks = ledger_.incoming_schedule("week", location="WH")
    assert [(b.sku, b.location, b.start, b.quantity) for b in weeks] == [
        ("MUG", "WH", m, 30), ("MUG", "WH", m + dt.timedelta(days=7), 30)]
    # On Wednesday, line 1 (Monday) is two days late; line 2 (due Wednesday) is not yet.
    late = ledger_.overdue_lines(monday + dt.timedelta(days=2, hours=2))
    assert [(r.order, r.supplier, r.line, r.days_late, r.open, r.expected) for r in late] == [
        ("PO-1", "ACME", 1, 2, 10, m + dt.timedelta(hours=1))]
    ledger_.receive_order("PO-1", "R", [(1, 4)], monday + dt.timedelta(days=2))
    late = ledger_.overdue_lines(monday + dt.timedelta(days=3))
    assert [(r.line, r.open) for r in late] == [(1, 6), (2, 20)]
    with pytest.raises(ic.InvalidInput, match="period"):
        ledger_.incoming_schedule("month")  # type: ignore[arg-type]


def test_price_variance_and_explicit_prices() -> None:
    ledger_ = placed()
    # 10 mugs invoiced at 3.75 instead of 3.60: value 37.50, variance 10 x 0.15 = 1.50.
    out = ledger_.receive_order("PO-1", "R1", [{"line": 1, "sellable": 10, "unit_price": "3.75"}], 5 * DAY)
    assert out.movements[0].value == D("37.50")
    line = ledger_.order("PO-1").lines[0]
    assert (line.received_value, line.price_variance) == (D("37.50"), D("1.50"))
    assert ledger_.valuation("MUG").value == D("37.50")


# ----- over-receipt -----


def test_over_receipt_refused_by_default() -> None:
    ledger_ = placed()
    assert ledger_.over_receipt == "refuse"
    before = state(ledger_)
    with pytest.raises(ic.OverReceipt) as info:
        ledger_.receive_order("PO-1", "R", [(2, 51)], 2 * DAY)
    assert "50 ordered" in str(info.value) and "51 arriving" in str(info.value) and "at most 50" in str(info.value)
    assert state(ledger_) == before


def test_over_receipt_tolerance_and_accept() -> None:
    # A 10 % tolerance on 50 plates: 55 in all is fine, 55.5 is not.
    for tolerance in (10, "10", D("10")):
        ledger_ = ledger(over_receipt=tolerance)
        assert ledger_.over_receipt == D("10")
        ledger_.create_order("PO-1", "ACME", [(2, "PLATE", "WH", 50, 0)], 0)
        ledger_.place_order("PO-1", 0)
        ledger_.receive_order("PO-1", "R1", [(2, 30)], DAY)
        before = state(ledger_)
        with pytest.raises(ic.OverReceipt, match="at most 55"):
            ledger_.receive_order("PO-1", "R2", [(2, "25.5")], DAY)
        assert state(ledger_) == before
        assert ledger_.receive_order("PO-1", "R2", [(2, 25)], DAY).status == "received"
        assert ledger_.order("PO-1").lines[0].open == 0
    # Accept all: 80 and 1 more of 50.
    ledger_ = ledger(over_receipt="accept")
    assert ledger_.over_receipt == "accept"
    ledger_.create_order("PO-1", "ACME", [(2, "PLATE", "WH", 50, 0)], 0)
    ledger_.place_order("PO-1", 0)
    ledger_.receive_order("PO-1", "R1", [(2, 80)], DAY)
    ledger_.receive_order("PO-1", "R2", [(2, 1)], DAY)
    assert ledger_.position("PLATE").on_hand == 81
    # The policy survives a snapshot.
    assert ic.Ledger.from_json(ledger_.to_json()).over_receipt == "accept"


@pytest.mark.parametrize("bad", [-1, "-1", "lots", 10.0, True, "tolerance"])
def test_bad_over_receipt_policies(bad: Any) -> None:
    # A negative tolerance is refused by the core's configuration check; the rest are not
    # a policy at all.
    with pytest.raises(ic.InvalidInput):
        ic.Ledger(over_receipt=bad)


# ----- landed cost -----


def charged(allocation: str, weights: Any = None) -> tuple[ic.Ledger, ic.PurchaseOutcome]:
    """Mugs: 10 at 4.00 (value 40); plates: 30 at 2.00 (value 60); freight of 10.00."""
    ledger_ = ledger()
    ledger_.create_order("PO-1", "ACME", [(1, "MUG", "WH", 10, 0, "4.00"), (2, "PLATE", "WH", 30, 0)], 0)
    ledger_.place_order("PO-1", 0)
    ledger_.receive_order("PO-1", "R1", [(1, 10), (2, 30)], DAY)
    out = ledger_.add_charge("PO-1", "F1", "freight", "10.00", 2 * DAY, allocation=allocation, weights=weights)  # type: ignore[arg-type]
    return ledger_, out


@pytest.mark.parametrize(
    "allocation, weights, parts",
    [
        ("quantity", None, ["2.50", "7.50"]),  # by units 10 : 30
        ("value", None, ["4.00", "6.00"]),  # by value 40 : 60
        # By weight: mugs 0.5 kg, plates 1 kg -> 5 : 30 = 1.428571... : 8.571428...; rounded
        # down 1.42 + 8.57 = 9.99, and the missing cent goes to the larger remainder (0.0086).
        ("weight", {1: "0.5", 2: 1}, ["1.43", "8.57"]),
    ],
)
def test_landed_costs_by_quantity_value_and_weight(allocation: str, weights: Any, parts: list[str]) -> None:
    ledger_, out = charged(allocation, weights)
    assert [m.moved_value for m in out.movements] == [D(p) for p in parts]
    assert out.status == "received"
    # Nothing was sold: all of it is stock value (100.00 + 10.00).
    assert ledger_.total_value() == D("110.00")
    # Each part is a landed_cost movement on its receipt movement (journal entries 0 and 1).
    moves = [e.movement for e in ledger_.journal()[2:]]
    assert [(m["kind"], m["sku"], m["receipt"], m["amount"]) for m in moves] == [
        ("landed_cost", "MUG", 0, D(parts[0])), ("landed_cost", "PLATE", 1, D(parts[1]))]
    assert [layer.origin for layer in ledger_.valuation("PLATE").layers] == [1]
    assert ledger_.order("PO-1").charges == ["F1"]


def test_landed_cost_on_partly_sold_stock_trues_up_cogs() -> None:
    ledger_ = ledger()
    ledger_.create_order("PO-1", "ACME", [(1, "MUG", "WH", 10, 0, "4.00"), (2, "PLATE", "WH", 30, 0)], 0)
    ledger_.place_order("PO-1", 0)
    ledger_.receive_order("PO-1", "R1", [(1, 10), (2, 30)], DAY)
    ledger_.ship("MUG", "WH", 6, DAY + 1)
    # Of the mugs' 2.50 (by units 10 : 30), 4/10 stays in stock (1.00) and 6/10 is a COGS
    # true-up (1.50).
    out = ledger_.add_charge("PO-1", "F1", "freight", "10.00", 2 * DAY)
    assert (out.movements[0].value, out.movements[0].cogs) == (D("1.00"), D("1.50"))
    # 4 mugs at 4.00 + 1.00.
    assert ledger_.valuation("MUG").value == D("17.00")
    # Value + COGS = purchases (100.00) + charges (10.00).
    cogs = sum(e.outcome.cogs for e in ledger_.journal())
    assert ledger_.total_value() + cogs == D("110.00")
    # Charge ids are unique; a charge before any receipt is refused; both change nothing.
    before = state(ledger_)
    with pytest.raises(ic.DuplicateId, match='"F1"'):
        ledger_.add_charge("PO-1", "F1", "duty", 1, 3 * DAY)
    assert state(ledger_) == before
    ledger_.create_order("PO-2", "ACME", [(1, "MUG", "WH", 5, 0)], 3 * DAY)
    ledger_.place_order("PO-2", 3 * DAY)
    before = state(ledger_)
    with pytest.raises(ic.InvalidOrderState, match="nothing was received"):
        ledger_.add_charge("PO-2", "F2", "duty", 1, 3 * DAY)
    assert state(ledger_) == before


def test_direct_landed_cost_and_receive_condition() -> None:
    ledger_ = ic.Ledger()
    r = ledger_.receive("MUG", "WH", 10, "2.00", 0, reference="GRN-1")
    ledger_.ship("MUG", "WH", 4, 10)
    # Freight of 5.00 on the receipt: 6 of its 10 units are still here, so 3.00 raises
    # their value and 2.00 is COGS.
    out = ledger_.landed_cost("MUG", r.sequence, "5.00", 20, reference="FREIGHT-1")
    assert (out.value, out.cogs, out.moved_value) == (D("3.00"), D("2.00"), D("5.00"))
    assert ledger_.valuation("MUG").value == D("15.00")  # 6 x 2.00 + 3.00
    assert ledger_.valuation("MUG").layers[0].origin == r.sequence
    again = ledger_.landed_cost("MUG", r.sequence, "5.00", 20, reference="FREIGHT-1")
    assert again.duplicate and again.sequence == out.sequence
    # A receipt into damaged stock.
    ledger_.receive("MUG", "WH", 2, "2.00", 30, condition="damaged")
    pos = ledger_.position("MUG")
    assert (pos.on_hand, pos.damaged) == (6, 2)
    assert ledger_.journal()[-1].movement["condition"] == "damaged"
    # The journal (with its landed cost) replays into the same values.
    copy = ic.Ledger.replay([e.movement for e in ledger_.journal()])
    assert copy.total_value() == ledger_.total_value() == D("19.00")
    before = snapshot(ledger_)
    with pytest.raises(ic.UnknownReceipt, match="99"):
        ledger_.landed_cost("MUG", 99, "1.00", 40)
    with pytest.raises(ic.InvalidInput, match="wet"):
        ledger_.receive("MUG", "WH", 1, "1", 40, condition="wet")  # type: ignore[arg-type]
    assert snapshot(ledger_) == before


# ----- payments -----


def test_payment_schedule_with_terms_discounts_and_credit() -> None:
    # 2/10 net 30. Day 1: 100 mugs placed at 3.60 (360.00) and 50 plates at 2.00 (100.00).
    ledger_ = placed()
    # Before anything arrives, all of it is expected, due 30 days after the expected day 12.
    s = ledger_.payment_schedule()
    assert [(p.kind, p.document, p.amount, p.issued, p.due) for p in s] == [
        ("expected", "1", D("360.00"), at(12), at(42)), ("expected", "2", D("100.00"), at(12), at(42))]
    # Day 12: the mugs arrive: 360.00 committed, due day 42, discount 7.20 until day 22.
    ledger_.receive_order("PO-1", "R1", [(1, 100)], 12 * DAY)
    r1 = next(p for p in ledger_.payment_schedule() if p.document == "R1")
    assert (r1.supplier, r1.order, r1.kind, r1.amount, r1.due, r1.discount_until, r1.discount) == (
        "ACME", "PO-1", "committed", D("360.00"), at(42), at(22), D("7.20"))
    # Day 20: paying 352.80 (360 - 2 %) settles it in full.
    ledger_.record_payment("PO-1", "PAY-1", "352.80", 20 * DAY)
    assert all(p.document != "R1" for p in ledger_.payment_schedule())
    # A freight charge of 30.00 on day 21 is owed by day 51, without discount.
    ledger_.add_charge("PO-1", "F1", "freight", "30.00", 21 * DAY)
    f1 = next(p for p in ledger_.payment_schedule() if p.document == "F1")
    assert (f1.due, f1.discount_until, f1.discount) == (at(51), None, 0)
    # Day 25: a payment of 50.00 settles the freight (30) and leaves a 20.00 credit, which
    # reduces the plates still expected (100.00) to 80.00.
    ledger_.record_payment("PO-1", "PAY-2", 50, 25 * DAY)
    assert [(p.kind, p.amount) for p in ledger_.payment_schedule()] == [("expected", D("80.00"))]
    # The plates arrive on day 30 (100.00): the credit settles 20.00 of it at once; 80.00
    # is committed, due day 60, and paying it by day 40 takes 2 % of it (1.60).
    ledger_.receive_order("PO-1", "R2", [(2, 50)], 30 * DAY)
    [due] = ledger_.payment_schedule()
    assert (due.kind, due.amount, due.due, due.discount) == ("committed", D("80.00"), at(60), D("1.60"))
    # A partial payment after the discount date reduces it.
    ledger_.record_payment("PO-1", "PAY-3", "30.00", 45 * DAY)
    assert ledger_.payment_schedule()[0].amount == D("50.00")
    # Day 60 (1970-03-02) is a Monday: one weekly bucket.
    [week] = ledger_.cash_out()
    assert (week.start, week.committed, week.expected) == (at(60), D("50.00"), 0)
    assert [(b.start, b.committed) for b in ledger_.cash_out("day")] == [(at(60), D("50.00"))]
    # 352.80 + 50.00 + 30.00.
    assert ledger_.order("PO-1").paid == D("432.80")
    # Payments on drafts are refused; payment ids are unique.
    ledger_.create_order("PO-2", "ACME", [(1, "MUG", "WH", 1, 0)], 45 * DAY)
    before = state(ledger_)
    with pytest.raises(ic.InvalidOrderState, match="draft"):
        ledger_.record_payment("PO-2", "P", 1, 45 * DAY)
    with pytest.raises(ic.DuplicateId, match='"PAY-1"'):
        ledger_.record_payment("PO-1", "PAY-1", 1, 45 * DAY)
    assert state(ledger_) == before


# ----- supplier performance -----


def test_supplier_performance_and_planning_lead_time() -> None:
    ledger_ = ledger()
    # Five orders placed on day 0, expected day 12, received on days 10, 12, 14, 12, 12:
    # lead times 10, 12, 14, 12, 12, mean 12, sample sd sqrt(8/4) = sqrt(2); on time 4 of 5.
    # Order 4 receives 9 sellable and 1 damaged mug of 10.
    for i in range(5):
        ledger_.create_order(f"PO-{i}", "ACME", [(1, "MUG", "WH", 10, 12 * DAY)], 0)
        ledger_.place_order(f"PO-{i}", 0)
    # Receipts in day order (stock movements of a SKU are in time order).
    for i, day in sorted(enumerate([10, 12, 14, 12, 12]), key=lambda r: r[1]):
        line = (1, 9, 1) if i == 4 else (1, 10)
        ledger_.receive_order(f"PO-{i}", f"R-{i}", [line], day * DAY)
    perf = ledger_.supplier_performance("ACME", "MUG")
    assert (perf.supplier, perf.sku, perf.orders, perf.receipt_lines) == ("ACME", "MUG", 5, 5)
    assert perf.lead_time_mean_days == 12.0
    assert perf.lead_time_std_days is not None and math.isclose(perf.lead_time_std_days, math.sqrt(2), rel_tol=1e-12)
    assert (perf.on_time_rate, perf.fill_rate, perf.damage_rate) == (0.8, 1.0, 1 / 50)
    lt = ledger_.lead_time("ACME", "MUG")
    assert (lt.source, lt.mean_days, lt.samples) == ("measured", 12.0, 5)
    # Plates have no history: the quote.
    lt = ledger_.lead_time("ACME", "PLATE")
    assert (lt.source, lt.mean_days, lt.std_days, lt.samples) == ("quoted", 12.0, 0.0, 0)
    assert lt.to_dict() == {"mean_days": 12.0, "std_days": 0.0, "source": "quoted", "samples": 0}
    # Without receipts, the measures are None.
    none = ledger_.supplier_performance("ACME", "PLATE")
    assert (none.orders, none.lead_time_mean_days, none.on_time_rate, none.fill_rate) == (0, None, None, None)
    with pytest.raises(ic.UnknownSupplier, match='"BOWL"'):
        ledger_.lead_time("ACME", "BOWL")
    with pytest.raises(ic.UnknownSupplier, match='"NOBODY"'):
        ledger_.supplier_performance("NOBODY")


# ----- idempotency, snapshots, the event journal -----


def test_idempotent_references() -> None:
    ledger_ = placed()
    first = ledger_.receive_order("PO-1", "R1", [(1, 10)], 5 * DAY, reference="GRN-R1")
    before = state(ledger_)
    again = ledger_.receive_order("PO-1", "R1", [(1, 10)], 5 * DAY, reference="GRN-R1")
    assert again.duplicate and not first.duplicate
    assert (again.sequence, again.status) == (first.sequence, first.status)
    # The repeat returns the first movements' outcomes, marked as duplicates.
    assert [(m.sequence, m.value, m.duplicate) for m in again.movements] == [
        (m.sequence, m.value, True) for m in first.movements
    ]
    assert state(ledger_) == before
    # The same reference with another payload.
    with pytest.raises(ic.DuplicateReference, match='"GRN-R1"'):
        ledger_.receive_order("PO-1", "R1", [(1, 11)], 5 * DAY, reference="GRN-R1")
    assert state(ledger_) == before
    # Every event kind takes a reference.
    out = ledger_.set_supplier(acme(), 6 * DAY, reference="SUP-1")
    again = ledger_.set_supplier(acme(), 6 * DAY, reference="SUP-1")
    assert (out.duplicate, again.duplicate, again.sequence) == (False, True, out.sequence)
    assert ledger_.record_payment("PO-1", "P1", 1, 6 * DAY, reference="PAY").duplicate is False
    assert ledger_.record_payment("PO-1", "P1", 1, 6 * DAY, reference="PAY").duplicate
    # Event references and movement references are separate namespaces.
    assert ledger_.receive("X", "WH", 1, 1, 0, reference="PAY").duplicate is False


def test_snapshot_round_trip_with_purchasing() -> None:
    ledger_ = placed(over_receipt=5)
    ledger_.receive("MUG", "WH", 5, "3.00", DAY)
    ledger_.receive_order("PO-1", "R1", [(1, 60, 2)], 5 * DAY)
    ledger_.ship("MUG", "WH", 20, 6 * DAY)
    ledger_.add_charge("PO-1", "F1", "freight", "12.34", 7 * DAY, allocation="value")
    ledger_.record_payment("PO-1", "P1", 100, 8 * DAY)
    text = ledger_.to_json()
    back = ic.Ledger.from_json(text)
    assert back.to_json() == text
    assert state(back) == state(ledger_)
    assert back.purchase_records() == ledger_.purchase_records()
    assert back.over_receipt == 5
    assert back.suppliers() == ledger_.suppliers()
    # The stock journal alone reproduces every position and value, not the documents.
    stock = ic.Ledger.replay([e.movement for e in ledger_.journal()])
    assert stock.total_value() == ledger_.total_value()
    assert stock.valuation("MUG") == ledger_.valuation("MUG")
    assert stock.order_ids() == [] and stock.purchase_records() == []
    # A tampered event is caught.
    tampered = text.replace('"sellable":"60"', '"sellable":"61"', 1)
    assert tampered != text
    with pytest.raises(ic.InvalidSnapshot):
        ic.Ledger.from_json(tampered)


def test_purchase_records_hold_the_events() -> None:
    ledger_, _ = charged("weight", {1: "0.5", 2: 1})
    records = ledger_.purchase_records()
    assert [r.event["event"] for r in records] == [
        "set_supplier", "create_order", "place_order", "receive_order", "add_charge"]
    assert [r.sequence for r in records] == [0, 1, 2, 3, 4]
    # The receipt posted journal entries 0 and 1; the charge 2 and 3.
    assert [(r.first_movement, r.movements) for r in records[3:]] == [(0, 2), (2, 2)]
    create = records[1].event
    assert create["lines"][0] == {"line": 1, "sku": "MUG", "location": "WH", "quantity": D("10"),
                                  "unit_price": D("4.00"), "expected": 0}
    assert (create["order"], create["supplier"], create["time"]) == ("PO-1", "ACME", 0)
    receipt = records[3].event
    assert receipt["lines"][1] == {"line": 2, "sellable": D("30"), "damaged": D("0"), "quarantine": D("0")}
    charge = records[4].event["charge"]
    assert (charge["id"], charge["kind"], charge["amount"]) == ("F1", "freight", D("10.00"))
    assert charge["allocation"] == {"by_weight": [[1, D("0.5")], [2, D("1")]]}
    supplier = records[0].event["supplier"]
    assert supplier["terms"] == {"net_days": 30, "discount": {"percent": D("2"), "days": 10}}
    assert supplier["items"][0]["lead_time"] == {"mean_days": 12.0, "std_days": 2.0}
    assert records[4].to_dict()["event"] == records[4].event
    assert "PurchaseRecord(sequence=4, first_movement=2, movements=2, event={" in repr(records[4])


def test_lines_as_tuples_or_dicts_are_the_same_event() -> None:
    as_tuples = ledger()
    as_tuples.create_order("PO-1", "ACME", [(1, "MUG", "WH", 100, 12 * DAY), (2, "PLATE", "WH", 50, 12 * DAY, "1.95")], 0)
    as_dicts = ledger()
    as_dicts.create_order("PO-1", "ACME", [
        {"line": 1, "sku": "MUG", "location": "WH", "quantity": D(100), "expected": at(12)},
        {"line": 2, "sku": "PLATE", "location": "WH", "quantity": "50", "expected": dt.date(1970, 1, 13), "unit_price": D("1.95")},
    ], dt.datetime(1970, 1, 1))
    assert as_dicts.to_json() == as_tuples.to_json()
    # Lists work as tuples; None is an absent optional field.
    as_lists = ledger()
    as_lists.create_order("PO-1", "ACME", [[1, "MUG", "WH", 100, 12 * DAY, None], [2, "PLATE", "WH", 50, 12 * DAY, "1.95"]], 0)
    assert as_lists.to_json() == as_tuples.to_json()


def test_results_convert_to_plain_dicts() -> None:
    ledger_ = placed()
    ledger_.receive_order("PO-1", "R1", [(1, 10)], 5 * DAY)
    rows: list[Any] = [
        ledger_.order("PO-1"), *ledger_.order("PO-1").lines, *ledger_.incoming(), *ledger_.incoming_schedule(),
        ledger_.receiving_report("PO-1"), *ledger_.overdue_lines(20 * DAY), ledger_.supplier_performance("ACME"),
        ledger_.lead_time("ACME", "MUG"), *ledger_.payment_schedule(), *ledger_.cash_out(),
        *ledger_.purchase_records(), *ledger_.suppliers(), acme().items[0],
    ]
    plain = (str, int, float, bool, type(None), D, dt.datetime, tuple)

    def check(value: Any) -> None:
        if isinstance(value, list):
            for v in value:
                check(v)
        elif isinstance(value, dict):
            for v in value.values():
                check(v)
        else:
            assert isinstance(value, plain), (type(value), value)

    for row in rows:
        d = row.to_dict()
        assert type(d) is dict
        check(d)
        # The repr names the class and every field of the dict.
        text = repr(row)
        assert text.startswith(type(row).__name__ + "(")
        assert all(f"{k}=" in text for k in d)
    order = ledger_.order("PO-1").to_dict()
    assert order["lines"][0]["received_sellable"] == 10 and order["status"] == "partially_received"
    assert order["placed_at"] == at(1)
    # 10 mugs received on day 5 at 3.60 (36.00, due day 35); open: 90 mugs (324.00) and 50
    # plates (100.00), due day 42.
    schedule = [r.to_dict() for r in ledger_.payment_schedule()]
    assert [(r["document"], r["amount"], r["due"]) for r in schedule] == [
        ("R1", D("36.00"), at(35)), ("1", D("324.00"), at(42)), ("2", D("100.00"), at(42))]


def test_dataframe_of_results() -> None:
    pd = pytest.importorskip("pandas")
    ledger_ = placed()
    ledger_.receive_order("PO-1", "R1", [(1, 10)], 5 * DAY)
    frame = pd.DataFrame([r.to_dict() for r in ledger_.payment_schedule()])
    assert list(frame["amount"]) == [D("36.00"), D("324.00"), D("100.00")]
    lines = pd.DataFrame([line.to_dict() for line in ledger_.order("PO-1").lines])
    assert list(lines["open"]) == [D("90"), D("50")]


# ----- errors: every purchasing exception, and nothing changes -----


def test_hierarchy_of_purchasing_errors() -> None:
    for cls in (ic.UnknownReceipt, ic.UnknownSupplier, ic.UnknownOrder, ic.UnknownOrderLine):
        assert issubclass(cls, ic.InventoryError) and issubclass(cls, KeyError)
    for cls in (ic.DuplicateId, ic.InvalidOrderState, ic.OverReceipt):
        assert issubclass(cls, ic.InventoryError) and issubclass(cls, ValueError)
    assert ic.OverReceipt.__module__ == "inventory_core"


def receive(order: str, receipt: str, lines: Any, day: int) -> Callable[[ic.Ledger], Any]:
    return lambda l: l.receive_order(order, receipt, lines, day * DAY)


ERRORS: list[tuple[str, type, Callable[[ic.Ledger], Any], list[str]]] = [
    ("unknown supplier", ic.UnknownSupplier, lambda l: l.create_order("PO-9", "NOBODY", [(1, "MUG", "WH", 1, 0)], 6 * DAY),
     ['"NOBODY"']),
    ("sku not supplied", ic.UnknownSupplier, lambda l: l.create_order("PO-9", "ACME", [(1, "BOWL", "WH", 1, 0)], 6 * DAY),
     ['"ACME"', '"BOWL"']),
    ("unknown order", ic.UnknownOrder, receive("PO-404", "R9", [(1, 1)], 6), ['"PO-404"']),
    ("unknown order line", ic.UnknownOrderLine, receive("PO-1", "R9", [(7, 1)], 6), ['"PO-1"', "line 7"]),
    ("unknown receipt", ic.UnknownReceipt, lambda l: l.add_charge("PO-1", "F9", "freight", 1, 6 * DAY, receipts=["R404"]),
     ['"R404"']),
    ("duplicate order id", ic.DuplicateId, lambda l: l.create_order("PO-1", "ACME", [(1, "MUG", "WH", 1, 0)], 6 * DAY),
     ['"PO-1"']),
    ("duplicate line", ic.DuplicateId,
     lambda l: l.create_order("PO-9", "ACME", [(1, "MUG", "WH", 1, 0), (1, "PLATE", "WH", 1, 0)], 6 * DAY), ["line"]),
    ("duplicate receipt id", ic.DuplicateId, receive("PO-1", "R1", [(1, 1)], 6), ['"R1"']),
    ("duplicate added line", ic.DuplicateId, lambda l: l.add_order_line("PO-1", (2, "MUG", "WH", 5, 0), 6 * DAY), ["2"]),
    ("place twice", ic.InvalidOrderState, lambda l: l.place_order("PO-1", 6 * DAY), ["place", "partially_received"]),
    ("amend below received", ic.InvalidOrderState, lambda l: l.amend_order_line("PO-1", 1, 6 * DAY, quantity=39),
     ["39", "40 already received"]),
    ("over-receipt", ic.OverReceipt, receive("PO-1", "R9", [(1, 61)], 6), ["100 ordered", "40 received", "61 arriving"]),
    ("out of order", ic.OutOfOrder, receive("PO-1", "R9", [(1, 1)], 4), ['"PO-1"', "before"]),
    ("zero quantity", ic.InvalidInput, lambda l: l.create_order("PO-9", "ACME", [(1, "MUG", "WH", 0, 0)], 6 * DAY),
     ["quantity 0"]),
    ("too many places", ic.InvalidInput,
     lambda l: l.create_order("PO-9", "ACME", [(1, "MUG", "WH", "0.0000000001", 0)], 6 * DAY), ["decimal places"]),
    ("no lines", ic.InvalidInput, lambda l: l.create_order("PO-9", "ACME", [], 6 * DAY), ["at least one line"]),
    ("empty receipt line", ic.InvalidInput, receive("PO-1", "R9", [(1, 0)], 6), ["no units"]),
    ("negative damaged", ic.InvalidInput, receive("PO-1", "R9", [(1, 1, -1)], 6), ["damaged -1"]),
    ("confirmation with a price", ic.InvalidInput,
     lambda l: l.confirm_order("PO-1", 6 * DAY, [{"line": 1, "unit_price": 1}]), ["does not change prices"]),
    ("charge below a cent", ic.InvalidInput, lambda l: l.add_charge("PO-1", "F9", "freight", "1.005", 6 * DAY),
     ["money scale"]),
    ("zero payment", ic.InvalidInput, lambda l: l.record_payment("PO-1", "P9", 0, 6 * DAY), ["payment amount 0"]),
    ("unknown charge kind", ic.InvalidInput, lambda l: l.add_charge("PO-1", "F9", "tips", 1, 6 * DAY), ["tips"]),
    # Python input the core never sees: a value of the wrong type is a TypeError, a float
    # where money or a quantity is expected InvalidInput (floats lose cents).
    ("float quantity", ic.InvalidInput, lambda l: l.create_order("PO-9", "ACME", [(1, "MUG", "WH", 1.5, 0)], 6 * DAY),
     ["lines[0].quantity", "float"]),
    ("float receipt", ic.InvalidInput, receive("PO-1", "R9", [{"line": 1, "sellable": 2.0}], 6), ["lines[0].sellable", "float"]),
    ("float payment", ic.InvalidInput, lambda l: l.record_payment("PO-1", "P9", 1.0, 6 * DAY), ["amount", "float"]),
    ("bool quantity", ic.InvalidInput, lambda l: l.add_order_line("PO-1", (3, "MUG", "WH", True, 0), 6 * DAY), ["bool"]),
    ("short line tuple", ic.InvalidInput, lambda l: l.create_order("PO-9", "ACME", [(1, "MUG", "WH")], 6 * DAY),
     ["lines[0]", "5 to 6 items", "got 3"]),
    ("long receipt tuple", ic.InvalidInput, receive("PO-1", "R9", [(1, 1, 0, 0, "3.60")], 6), ["1 to 4 items", "got 5"]),
    ("line neither dict nor tuple", TypeError, lambda l: l.create_order("PO-9", "ACME", [5], 6 * DAY),
     ["lines[0]", "dict or a tuple", "int"]),
    ("receipt line a string", TypeError, receive("PO-1", "R9", ["1,1"], 6), ["lines[0]", "str"]),
    ("lines not a list", TypeError, receive("PO-1", "R9", {"line": 1, "sellable": 1}, 6), ["lines", "dict"]),
    ("unknown key", ic.InvalidInput, receive("PO-1", "R9", [{"line": 1, "good": 1}], 6), ["'good'", "sellable"]),
    ("missing key", ic.InvalidInput,
     lambda l: l.create_order("PO-9", "ACME", [{"line": 1, "sku": "MUG", "location": "WH", "quantity": 1}], 6 * DAY),
     ['"expected"']),
    ("negative line number", ic.InvalidInput, receive("PO-1", "R9", [(-1, 1)], 6), ["lines[0].line", "-1"]),
    ("float line number", TypeError, lambda l: l.cancel_order("PO-1", 6 * DAY, line=1.0), ["line", "float"]),
    ("sku not a str", TypeError, lambda l: l.create_order("PO-9", "ACME", [(1, 7, "WH", 1, 0)], 6 * DAY),
     ["lines[0].sku", "str"]),
    ("float expected", TypeError, lambda l: l.create_order("PO-9", "ACME", [(1, "MUG", "WH", 1, 0.5)], 6 * DAY),
     ["lines[0].expected"]),
    ("change as a tuple", TypeError, lambda l: l.confirm_order("PO-1", 6 * DAY, [(1, 50)]), ["changes[0]", "dict"]),
    ("unknown allocation", ic.InvalidInput, lambda l: l.add_charge("PO-1", "F9", "freight", 1, 6 * DAY, allocation="volume"),
     ["volume"]),
    ("weights without weight", ic.InvalidInput,
     lambda l: l.add_charge("PO-1", "F9", "freight", 1, 6 * DAY, allocation="value", weights={1: 1}), ["weights"]),
    ("weight without weights", ic.InvalidInput,
     lambda l: l.add_charge("PO-1", "F9", "freight", 1, 6 * DAY, allocation="weight"), ["weights"]),
    ("weights not a dict", TypeError,
     lambda l: l.add_charge("PO-1", "F9", "freight", 1, 6 * DAY, allocation="weight", weights=[(1, 1)]), ["dict"]),
    ("float weight", ic.InvalidInput,
     lambda l: l.add_charge("PO-1", "F9", "freight", 1, 6 * DAY, allocation="weight", weights={1: 0.5}), ["weights[1]", "float"]),
    ("weight of an unknown line", ic.UnknownOrderLine,
     lambda l: l.add_charge("PO-1", "F9", "freight", 1, 6 * DAY, allocation="weight", weights={9: 1}), ["line 9"]),
    ("time not a time", TypeError, lambda l: l.place_order("PO-1", "tomorrow"), ["time"]),
]


@pytest.mark.parametrize("name, cls, action, words", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_change_nothing(name: str, cls: type, action: Callable[[ic.Ledger], Any], words: list[str]) -> None:
    ledger_ = placed()
    ledger_.receive_order("PO-1", "R1", [(1, 40)], 5 * DAY)
    before = state(ledger_)
    with pytest.raises(cls) as info:
        action(ledger_)
    message = str(info.value)
    for word in words:
        assert word in message, (word, message)
    assert type(info.value) is cls
    assert state(ledger_) == before


def test_wrong_argument_types_are_type_errors() -> None:
    ledger_ = placed()
    before = state(ledger_)
    with pytest.raises(TypeError):
        ledger_.set_supplier("ACME", 0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ledger_.place_order(1, 0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ledger_.add_charge("PO-1", "F", "freight", 1, 0, receipts="R1")  # type: ignore[arg-type]
    assert state(ledger_) == before


@pytest.mark.parametrize(
    "build, cls, words",
    [
        (lambda: ic.SupplierItem("A", lead_time_days=1), ic.InvalidInput, ["exactly one of unit_price", "prices"]),
        (lambda: ic.SupplierItem("A", 1, prices=[(0, 1)], lead_time_days=1), ic.InvalidInput, ["exactly one"]),
        (lambda: ic.SupplierItem("A", 1.5, lead_time_days=1), ic.InvalidInput, ["unit_price", "float"]),
        (lambda: ic.SupplierItem("A", prices=[(0, 1, 2)], lead_time_days=1), ic.InvalidInput, ["prices[0]", "2 items"]),
        (lambda: ic.SupplierItem("A", prices=[0.5], lead_time_days=1), TypeError, ["prices[0]"]),
        (lambda: ic.SupplierItem("A", 1, lead_time_days=1, discount="bulk"), ic.InvalidInput, ["bulk"]),  # type: ignore[arg-type]
        (lambda: ic.SupplierItem("A", 1, lead_time_days=1, pack_size=0.5), ic.InvalidInput, ["pack_size", "float"]),
        (lambda: ic.Supplier("S", "S", net_days=-1), ic.InvalidInput, ["net_days", "-1"]),
        (lambda: ic.Supplier("S", "S", discount_days=10), ic.InvalidInput, ["discount_percent"]),
        (lambda: ic.Supplier("S", "S", items=["MUG"]), TypeError, ["items[0]", "SupplierItem"]),  # type: ignore[list-item]
        (lambda: ic.Supplier("S", "S", items=ic.SupplierItem("A", 1, lead_time_days=1)), TypeError,  # type: ignore[arg-type]
         ["items"]),
    ],
)
def test_bad_supplier_arguments(build: Callable[[], Any], cls: type, words: list[str]) -> None:
    with pytest.raises(cls) as info:
        build()
    assert isinstance(info.value, ic.InventoryError) == (cls is not TypeError)
    for word in words:
        assert word in str(info.value), (word, str(info.value))


@pytest.mark.parametrize(
    "supplier, cls",
    [
        (ic.Supplier("", "S"), ic.InvalidInput),
        # The discount period is longer than the net period.
        (ic.Supplier("S", "S", net_days=10, discount_percent=2, discount_days=11), ic.InvalidInput),
        (ic.Supplier("S", "S", net_days=10, discount_percent=100, discount_days=1), ic.InvalidInput),
        (ic.Supplier("S", "S", items=[ic.SupplierItem("A", -1, lead_time_days=1)]), ic.InvalidInput),
        (ic.Supplier("S", "S", items=[ic.SupplierItem("A", 1, lead_time_days=math.nan)]), ic.InvalidInput),
        (ic.Supplier("S", "S", items=[ic.SupplierItem("A", 1, lead_time_days=1, pack_size=0)]), ic.InvalidInput),
        (ic.Supplier("S", "S", items=[ic.SupplierItem("A", prices=[(10, 1), (10, "0.9")], lead_time_days=1)]), ic.InvalidInput),
        (ic.Supplier("S", "S", items=[ic.SupplierItem("A", prices=[], lead_time_days=1)]), ic.InvalidInput),
        (ic.Supplier("S", "S", items=[ic.SupplierItem("A", 1, lead_time_days=1), ic.SupplierItem("A", 2, lead_time_days=1)]),
         ic.DuplicateId),
    ],
)
def test_the_core_checks_suppliers(supplier: ic.Supplier, cls: type) -> None:
    # The binding builds any of these; setting one is refused by the core, changing nothing.
    ledger_ = ledger()
    before = state(ledger_)
    with pytest.raises(cls):
        ledger_.set_supplier(supplier, 0)
    assert state(ledger_) == before


# ----- dropship -----


def dropship_ledger(costing: str = "fifo") -> ic.Ledger:
    """RUG is dropshipped by WEAVERS: 38.50 a rug, quoted 4.5 days, net 15 (MOQ 5 and packs
    of 5 apply to stock orders only)."""
    ledger_ = ic.Ledger(costing)
    rug = ic.SupplierItem("RUG", D("38.50"), lead_time_days=4.5, min_order_quantity=5, pack_size=5, preferred=True)
    ledger_.set_supplier(ic.Supplier("WEAVERS", "Weavers", net_days=15, items=[rug]), 0)
    return ledger_


def test_a_dropship_sale_is_a_placed_order_for_the_customer_not_incoming_stock() -> None:
    ledger_ = dropship_ledger()
    out = ledger_.dropship("DS-1", "RUG", "DROPSHIP", 3, 2 * DAY, customer_order="WEB-7")
    assert (out.status, out.movements) == ("placed", [])
    order = ledger_.order("DS-1")
    assert (order.supplier, order.dropship, order.customer_order) == ("WEAVERS", True, "WEB-7")
    line = order.lines[0]
    # 3 × 38.50, expected 4.5 days after day 2.
    assert (line.line, line.quantity, line.unit_price) == (1, D(3), D("38.50"))
    assert line.expected == at(6.5)
    assert ledger_.incoming() == []
    assert ledger_.incoming_schedule() == []
    due = [p for p in ledger_.payment_schedule() if p.order == "DS-1"]
    assert [(p.kind, p.amount) for p in due] == [("expected", D("115.50"))]
    assert [o.days_late for o in ledger_.overdue_lines(8 * DAY)] == [2]
    assert order.to_dict()["customer_order"] == "WEB-7"


@pytest.mark.parametrize("costing", ["fifo", "lifo", "moving_average"])
def test_a_dropship_delivery_books_the_sale_at_the_suppliers_price(costing: str) -> None:
    ledger_ = dropship_ledger(costing)
    ledger_.dropship("DS-1", "RUG", "DROPSHIP", 3, DAY, unit_price=D("12.345"), expected=5 * DAY, supplier="WEAVERS")
    # 2 × 12.345 = 24.69 received and shipped on at once; then 1 × 12.345 → 12.35.
    out = ledger_.receive_order("DS-1", "R1", [(1, 2)], 6 * DAY)
    assert [m.cogs for m in out.movements] == [D(0), D("24.69")]
    out = ledger_.receive_order("DS-1", "R2", [(1, 1)], 7 * DAY)
    assert out.movements[1].cogs == D("12.35")
    assert out.status == "received"
    assert ledger_.position("RUG", "DROPSHIP").on_hand == 0
    assert ledger_.total_value() == 0


def test_dropship_refusals_are_typed_and_change_nothing() -> None:
    ledger_ = dropship_ledger()
    before = ledger_.to_json()
    with pytest.raises(ic.UnknownSupplier, match='no supplier sells SKU "LAMP"'):
        ledger_.dropship("DS-1", "LAMP", "DROPSHIP", 1, DAY)
    with pytest.raises(ic.InvalidInput):
        ledger_.dropship("DS-1", "RUG", "DROPSHIP", 0, DAY)
    assert ledger_.to_json() == before
    ledger_.dropship("DS-1", "RUG", "DROPSHIP", 1, DAY)
    with pytest.raises(ic.InvalidInput, match="sellable units only"):
        ledger_.receive_order("DS-1", "R1", [{"line": 1, "damaged": 1}], 2 * DAY)
    ledger_.receive("RUG", "DROPSHIP", 1, "30.00", 2 * DAY)
    before = ledger_.to_json()
    with pytest.raises(ic.InvalidState, match="holds 1 units"):
        ledger_.receive_order("DS-1", "R1", [(1, 1)], 3 * DAY)
    assert ledger_.to_json() == before
