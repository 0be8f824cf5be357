"""Kits and bundles: definitions journaled on the ledger, buildable and sellable quantities,
the cost roll-up and the explosion into components, every error, and the snapshot.

The ledger and the expected values are those of inventory-core/src/kits/tests.rs, worked by
hand in the comments there and here.
"""

import datetime
import inspect
import random
from decimal import Decimal as D
from typing import Any, Callable

import pytest

import inventory_core as ic
from conftest import DAY, snapshot

UTC = datetime.timezone.utc


def kits_ledger() -> ic.Ledger:
    """EAST: 10 PMUG at 4.00, 9 PTEA (5 at 3.00, then 4 at 3.20), 5 PBOX at 1.25, 6 m PRIBBON at
    0.90, 3 TEA-SET in stock at 7.00; WEST: 4 PMUG at 4.10, 2 PTEA at 3.00, 1 PBOX, 1 m PRIBBON.
    TEA-SET (assembled) = 2 PTEA + 1 PBOX; GIFT (virtual) = 1 PMUG + 1 TEA-SET + 0.5 PRIBBON,
    both from time 0."""
    ledger = ic.Ledger()
    for sku, loc, q, cost, t in [
        ("PMUG", "EAST", "10", "4.00", 0),
        ("PTEA", "EAST", "5", "3.00", 0),
        ("PTEA", "EAST", "4", "3.20", 1),
        ("PBOX", "EAST", "5", "1.25", 0),
        ("PRIBBON", "EAST", "6", "0.90", 0),
        ("TEA-SET", "EAST", "3", "7.00", 0),
        ("PMUG", "WEST", "4", "4.10", 0),
        ("PTEA", "WEST", "2", "3.00", 2),
        ("PBOX", "WEST", "1", "1.25", 0),
        ("PRIBBON", "WEST", "1", "0.90", 0),
    ]:
        ledger.receive(sku, loc, q, cost, t)
    ledger.define_kit("TEA-SET", [("PTEA", 2), ("PBOX", 1)], 0)
    ledger.define_kit("GIFT", [("PMUG", 1), ("TEA-SET", 1), ("PRIBBON", "0.5")], 0, kind="virtual")
    return ledger


@pytest.fixture
def ledger() -> ic.Ledger:
    return kits_ledger()


# ----- definitions -----


def test_definitions_are_read_back(ledger: ic.Ledger) -> None:
    gift = ledger.kit_definition("GIFT")
    assert gift is not None
    assert (gift.kit, gift.kind, gift.effective) == ("GIFT", "virtual", datetime.datetime(1970, 1, 1, tzinfo=UTC))
    assert [(c.sku, c.quantity) for c in gift.components] == [("PMUG", 1), ("TEA-SET", 1), ("PRIBBON", D("0.5"))]
    assert str(gift.components[2].quantity) == "0.5"
    assert gift.to_dict() == {
        "kit": "GIFT",
        "kind": "virtual",
        "components": [
            {"sku": "PMUG", "quantity": D("1")},
            {"sku": "TEA-SET", "quantity": D("1")},
            {"sku": "PRIBBON", "quantity": D("0.5")},
        ],
        "effective": datetime.datetime(1970, 1, 1, tzinfo=UTC),
    }
    assert repr(gift.components[0]) == "Component(sku='PMUG', quantity=Decimal('1'))"
    tea = ledger.kit_definition("TEA-SET", 5 * DAY)
    assert tea is not None and tea.kind == "assembled"
    # Not a kit, or not yet one.
    assert ledger.kit_definition("PMUG") is None
    assert ledger.kit_definition("GIFT", -1) is None
    # The journal of definitions: each after the 10 receipts, without references.
    records = ledger.kit_records()
    assert [(r.sequence, r.first_movement, r.reference, r.definition.kit) for r in records] == [
        (0, 10, None, "TEA-SET"),
        (1, 10, None, "GIFT"),
    ]
    assert records[1].definition == gift
    assert records[1].to_dict()["definition"]["components"][2] == {"sku": "PRIBBON", "quantity": D("0.5")}


def test_components_as_pairs_dicts_and_component_objects_are_the_same(ledger: ic.Ledger) -> None:
    gift = ledger.kit_definition("GIFT")
    assert gift is not None
    forms: list[Any] = [
        [("PMUG", 2), ("TEA-SET", D("1")), ("PRIBBON", "0.5")],
        [{"sku": "PMUG", "quantity": 2}, {"quantity": 1, "sku": "TEA-SET"}, {"sku": "PRIBBON", "quantity": D("0.5")}],
        [ic.Component("PMUG", 2), gift.components[1], gift.components[2]],
        iter([["PMUG", "2"], ("TEA-SET", 1), ic.Component("PRIBBON", "0.5")]),
    ]
    defined = []
    for i, components in enumerate(forms):
        ledger.define_kit(f"BOX-{i}", components, datetime.datetime(1970, 1, 2, tzinfo=UTC), kind="virtual")
        d = ledger.kit_definition(f"BOX-{i}")
        assert d is not None and d.effective == datetime.datetime(1970, 1, 2, tzinfo=UTC)
        defined.append([(c.sku, c.quantity) for c in d.components])
    assert all(d == defined[0] for d in defined)
    assert defined[0] == [("PMUG", 2), ("TEA-SET", 1), ("PRIBBON", D("0.5"))]
    assert ic.Component("A", "1.50") == ic.Component("A", D("1.50"))
    assert ic.Component("A", "1.50") != ic.Component("A", "2")


# ----- buildable, sellable, cost, explosion -----


def test_buildable_and_sellable_from_the_ledgers_positions(ledger: ic.Ledger) -> None:
    # EAST: 10 mugs, 3 sets in stock + 4 buildable (PTEA 9 / 2), 6 m ribbon (12 gifts): 7
    # gifts; the 8th needs a 5th built set, short of PTEA.
    g = ledger.buildable("GIFT", "EAST", time=DAY)
    assert (g.kit, g.quantity, g.limiting) == ("GIFT", 7, ["PTEA"])
    assert g.to_dict() == {"kit": "GIFT", "quantity": D("7"), "limiting": ["PTEA"]}
    assert repr(g) == "Buildable(kit='GIFT', quantity=Decimal('7'), limiting=['PTEA'])"
    # WEST: no set in stock, PTEA 2 -> 1 set -> 1 gift (1 m of ribbon would allow 2).
    assert ledger.buildable("GIFT", location="WEST", time=DAY).quantity == 1
    # Pooled: mugs 14, sets 3 + min(11 PTEA / 2, 6 PBOX) = 8, ribbon 7 m -> 14: 8 gifts.
    pooled = ledger.buildable("GIFT", time=datetime.datetime(1970, 1, 2, tzinfo=UTC))
    assert (pooled.quantity, pooled.limiting) == (8, ["PTEA"])
    # The virtual gift has no stock: sellable = buildable.
    assert ledger.sellable("GIFT", "EAST", time=DAY) == g
    # The assembled set: 4 built + 3 in stock.
    assert ledger.buildable("TEA-SET", "EAST", time=DAY).quantity == 4
    assert ledger.sellable("TEA-SET", "EAST", time=DAY).quantity == 7
    # 4 PTEA reserved at EAST leave 5: 2 sets built + 3 in stock = 5 gifts, 5 sets sellable.
    ledger.reserve("PTEA", "EAST", 4, "SO-1", 10)
    assert ledger.buildable("GIFT", "EAST", time=DAY).quantity == 5
    assert ledger.sellable("TEA-SET", "EAST", time=DAY).quantity == 5


def singles(ledger: ic.Ledger, kits: list[str], location: Any, time: Any, sellable: bool = False) -> list:
    query = ledger.sellable if sellable else ledger.buildable
    return [query(k, location, time=time) for k in kits]


def test_batches_answer_what_the_single_queries_answer(ledger: ic.Ledger) -> None:
    # Every kit in force, sorted by kit: GIFT (7 at EAST, PTEA short), then TEA-SET.
    all_east = ledger.buildable_all("EAST", time=DAY)
    assert [(b.kit, b.quantity, b.limiting) for b in all_east] == [
        ("GIFT", 7, ["PTEA"]),
        ("TEA-SET", 4, ["PTEA"]),
    ]
    assert [b.quantity for b in ledger.sellable_all("EAST", time=DAY)] == [7, 7]
    ledger.define_kit("GIFT", V2, 5 * DAY, kind="virtual")
    names = ["TEA-SET", "GIFT", "TEA-SET"]
    for location in ["EAST", "WEST", "NORTH", None]:
        times: list[Any] = [DAY, 5 * DAY, datetime.datetime(1970, 1, 9, tzinfo=UTC)]
        for t in times:
            for sellable in [False, True]:
                every = ledger.sellable_all if sellable else ledger.buildable_all
                many = ledger.sellable_many if sellable else ledger.buildable_many
                assert every(location, time=t) == singles(ledger, ["GIFT", "TEA-SET"], location, t, sellable)
                assert many(names, location, time=t) == singles(ledger, names, location, t, sellable)
                assert many(tuple(names), location=location, time=t) == many(names, location, time=t)
    # Before any definition: no kit; an empty list of kits: no answer.
    assert ledger.buildable_all(time=-1) == []
    assert ledger.buildable_many([], "EAST", time=DAY) == []
    # The next batch reads the stock as it is then.
    ledger.reserve("PTEA", "EAST", 4, "SO-1", 10)
    assert [b.quantity for b in ledger.buildable_all("EAST", time=DAY)] == [5, 2]


def test_batches_of_many_random_kits_answer_what_the_single_queries_answer() -> None:
    # 80 kits over 20 components at 2 locations, nested up to three deep, a third assembled
    # (some with stock), decimal quantities among them; asked all, some and a handful.
    rng = random.Random(15)
    ledger = ic.Ledger()
    for c in range(20):
        for loc in ["EAST", "WEST"]:
            ledger.receive(f"P{c:02}", loc, rng.randint(1, 60), "1.00", 0)
    kits: list[str] = []
    for k in range(80):
        name = f"K{k:02}"
        parts = {f"P{rng.randrange(20):02}" for _ in range(rng.randint(1, 4))}
        if k >= 20:
            parts |= {rng.choice(kits) for _ in range(rng.randint(0, 2))}
        assembled = k % 3 == 0
        if assembled and k % 2 == 0:
            ledger.receive(name, "EAST", rng.randint(1, 3), "5.00", 0)
        quantities: list[Any] = [1, 2, 3, D("0.5"), D("1.25")]
        lines = [(p, rng.choice(quantities)) for p in sorted(parts)]
        ledger.define_kit(name, lines, 0, kind="assembled" if assembled else "virtual")
        kits.append(name)
    for location in ["EAST", "WEST", None]:
        for sellable in [False, True]:
            every = ledger.sellable_all if sellable else ledger.buildable_all
            many = ledger.sellable_many if sellable else ledger.buildable_many
            assert every(location, time=DAY) == singles(ledger, kits, location, DAY, sellable)
            for n in [3, 18, 40]:
                some = rng.sample(kits, n)
                assert many(some, location, time=DAY) == singles(ledger, some, location, DAY, sellable)


def test_the_cost_of_a_kit_from_current_valuations(ledger: ic.Ledger) -> None:
    # EAST: 4.00 + 7.00 (the set's stock) + 0.5 x 0.90 = 11.45.
    cost = ledger.kit_cost("GIFT", "EAST", time=DAY)
    assert isinstance(cost, D) and cost == D("11.45")
    # WEST has no set in stock: rolled up 2 x 3.00 + 1.25 = 7.25; 4.10 + 7.25 + 0.45 = 11.80.
    assert ledger.kit_cost("GIFT", location="WEST", time=DAY) == D("11.80")
    # A set built at EAST: 2 x 27.80 / 9 (FIFO PTEA) + 1.25, exact to 28 digits.
    tea = ledger.kit_cost("TEA-SET", "EAST", time=DAY)
    assert abs(tea - (D("55.60") / 9 + D("1.25"))) < D("1e-20")
    assert round(tea, 2) == D("7.43")


def test_explosion(ledger: ic.Ledger) -> None:
    # 4 gifts: 4 PMUG, 4 TEA-SET (assembled: its own stock), 2 m of ribbon.
    lines = ledger.explode_kit("GIFT", 4, 0)
    assert lines == [("PMUG", D("4")), ("PRIBBON", D("2.0")), ("TEA-SET", D("4"))]
    assert str(lines[1][1]) == "2.0"
    # Down to plain SKUs: the sets' 8 PTEA and 4 PBOX.
    assert ledger.explode_kit("GIFT", "4", DAY, to_leaves=True) == [
        ("PBOX", D("4")),
        ("PMUG", D("4")),
        ("PRIBBON", D("2.0")),
        ("PTEA", D("8")),
    ]
    assert ledger.explode_kit("TEA-SET", D("0"), 0) == [("PBOX", D("0")), ("PTEA", D("0"))]


# ----- versions, idempotency, snapshot -----


def test_versions_references_and_the_snapshot(ledger: ic.Ledger) -> None:
    json = ledger.to_json()
    back = ic.Ledger.from_json(json)
    assert back.to_json() == json
    assert back.kit_records() == ledger.kit_records()
    assert back.buildable("GIFT", time=DAY).quantity == 8
    # A new version from day 5, by reference, twice: the second is a duplicate.
    v2 = [("PMUG", 2), ("TEA-SET", 1)]
    first = ledger.define_kit("GIFT", v2, 5 * DAY, kind="virtual", reference="GIFT-v2")
    after = snapshot(ledger)
    again = ledger.define_kit("GIFT", v2, 5 * DAY, kind="virtual", reference="GIFT-v2")
    assert (first.sequence, first.duplicate) == (2, False)
    assert (again.sequence, again.duplicate) == (2, True)
    assert again.to_dict() == {"sequence": 2, "duplicate": True}
    assert repr(first) == "KitOutcome(sequence=2, duplicate=False)"
    assert snapshot(ledger) == after
    assert len(ledger.kit_records()) == 3
    assert ledger.kit_records()[2].reference == "GIFT-v2"
    # Mugs limit from day 5: 14 / 2 = 7 pooled; the first version still holds before.
    assert ledger.buildable("GIFT", time=5 * DAY).quantity == 7
    assert ledger.buildable("GIFT", time=DAY).quantity == 8
    old = ledger.kit_definition("GIFT", DAY)
    assert old is not None and len(old.components) == 3
    new = ledger.kit_definition("GIFT")
    assert new is not None and [(c.sku, c.quantity) for c in new.components] == [("PMUG", 2), ("TEA-SET", 1)]
    # The snapshot keeps every version and reference.
    back = ic.Ledger.from_json(ledger.to_json())
    assert back.to_json() == ledger.to_json()
    assert back.kit_records() == ledger.kit_records()
    assert back.define_kit("GIFT", v2, 5 * DAY, kind="virtual", reference="GIFT-v2").duplicate
    with pytest.raises(ic.DuplicateReference, match="GIFT-v2"):
        back.define_kit("GIFT", [("PMUG", 3)], 6 * DAY, kind="virtual", reference="GIFT-v2")


def test_a_component_a_supplier_sells_is_known() -> None:
    ledger = ic.Ledger()
    ledger.set_supplier(ic.Supplier("S", "Supplier", items=[ic.SupplierItem("PNEW", "2.00", lead_time_days=5)]), 0)
    ledger.define_kit("DUO", [("PNEW", 2)], 0, kind="virtual")
    b = ledger.buildable("DUO", time=0)
    assert (b.quantity, b.limiting) == (0, ["PNEW"])


# ----- errors: each refused, the ledger unchanged -----

V2 = [("PMUG", 2), ("TEA-SET", 1)]

ERRORS: list[tuple[str, type, Callable[[ic.Ledger], Any], list[str]]] = [
    ("cycle", ic.InvalidInput, lambda l: l.define_kit("TEA-SET", [("GIFT", 1)], 9 * DAY),
     ["kit definitions would form a cycle: TEA-SET -> GIFT -> TEA-SET"]),
    ("unknown component", ic.UnknownSku, lambda l: l.define_kit("X", [("NOPE", 1)], 0), ['"NOPE"', '"X"']),
    ("out of order", ic.OutOfOrder, lambda l: l.define_kit("GIFT", [("PMUG", 1)], DAY, kind="virtual"),
     ['"GIFT"', "before its latest"]),
    ("bad kind", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 1)], 0, kind="bundle"),
     ['unknown kit kind "bundle"']),
    ("kind case", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 1)], 0, kind="Virtual"), ["Virtual"]),
    ("no components", ic.InvalidInput, lambda l: l.define_kit("X", [], 0), ['"X" has no components']),
    ("itself", ic.InvalidInput, lambda l: l.define_kit("X", [("X", 1)], 0), ["itself"]),
    ("twice", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 1), ("PMUG", 2)], 0),
     ['lists component "PMUG" twice']),
    ("zero quantity", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 0)], 0), ['"PMUG"', "> 0"]),
    ("negative quantity", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", "-1")], 0), ["-1"]),
    ("huge quantity", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 10**9 + 1)], 0), ["1000000001"]),
    ("float quantity", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 0.5)], 0), ["float", "cents"]),
    ("bad decimal", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", "half")], 0),
     ["components[0].quantity", "half"]),
    ("empty kit", ic.InvalidInput, lambda l: l.define_kit("", [("PMUG", 1)], 0), ["empty"]),
    ("effective out of range", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 1)], 2**63 - 1),
     ["out of range"]),
    ("effective beyond 64 bits", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 1)], 2**64), ["64 bits"]),
    ("empty reference", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 1)], 0, reference=""),
     ["empty reference"]),
    ("same reference, other definition", ic.DuplicateReference,
     lambda l: l.define_kit("GIFT", [("PMUG", 3)], 6 * DAY, kind="virtual", reference="GIFT-v2"), ['"GIFT-v2"']),
    ("pair of one", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG",)], 0),
     ["components[0]", "(sku, quantity) pair", "sequence of 1"]),
    ("pair of three", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 1, 2)], 0), ["sequence of 3"]),
    ("dict without quantity", ic.InvalidInput, lambda l: l.define_kit("X", [{"sku": "PMUG"}], 0),
     ["components[0]", '"quantity"']),
    ("dict with an unknown key", ic.InvalidInput,
     lambda l: l.define_kit("X", [{"sku": "PMUG", "quantity": 1, "qty": 1}], 0), ["components[0]", "'qty'"]),
    ("surrogate sku", ic.InvalidInput, lambda l: l.define_kit("X", [("P\ud800", 1)], 0), ["components[0].sku"]),
    ("surrogate kit", ic.InvalidInput, lambda l: l.define_kit("\ud800", [("PMUG", 1)], 0), ["expected text"]),
    # queries
    ("not a kit", ic.UnknownSku, lambda l: l.buildable("PMUG", time=DAY), ['"PMUG" is not a kit']),
    ("not yet a kit", ic.UnknownSku, lambda l: l.sellable("GIFT", time=-1), ['"GIFT"', "-1"]),
    ("many with one not a kit", ic.UnknownSku, lambda l: l.buildable_many(["GIFT", "PMUG", "NOPE"], time=DAY),
     ['"PMUG" is not a kit']),
    ("sellable many not yet kits", ic.UnknownSku, lambda l: l.sellable_many(["GIFT"], "EAST", time=-1),
     ['"GIFT"', "-1"]),
    ("batch surrogate kit", ic.InvalidInput, lambda l: l.buildable_many(["GIFT", "\ud800"], time=DAY),
     ["expected text"]),
    ("cost of not a kit", ic.UnknownSku, lambda l: l.kit_cost("PBOX", time=DAY), ['"PBOX"']),
    ("cost without stock", ic.InvalidInput, lambda l: l.kit_cost("GIFT", "NORTH", time=DAY),
     ['"PMUG"', "no unit cost"]),
    ("explode not a kit", ic.UnknownSku, lambda l: l.explode_kit("NOPE", 1, DAY), ['"NOPE"']),
    ("explode negative", ic.InvalidInput, lambda l: l.explode_kit("GIFT", -1, DAY), ["-1"]),
    ("explode float", ic.InvalidInput, lambda l: l.explode_kit("GIFT", 1.5, DAY), ["float"]),
]


@pytest.mark.parametrize("name, cls, action, words", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_change_nothing(
    ledger: ic.Ledger, name: str, cls: type, action: Callable[[ic.Ledger], Any], words: list[str]
) -> None:
    ledger.define_kit("GIFT", V2, 5 * DAY, kind="virtual", reference="GIFT-v2")
    before = snapshot(ledger)
    records = ledger.kit_records()
    with pytest.raises(cls) as info:
        action(ledger)
    assert type(info.value) is cls
    assert isinstance(info.value, ic.InventoryError)
    message = str(info.value)
    for word in words:
        assert word in message, (word, message)
    assert snapshot(ledger) == before
    assert ledger.kit_records() == records


def test_an_unknown_component_is_a_key_error_and_a_cycle_a_value_error(ledger: ic.Ledger) -> None:
    with pytest.raises(KeyError):
        ledger.define_kit("X", [("NOPE", 1)], 0)
    with pytest.raises(ValueError):
        ledger.define_kit("TEA-SET", [("GIFT", 1)], 9 * DAY)


WRONG_TYPES: list[tuple[str, Callable[[ic.Ledger], Any], list[str]]] = [
    ("float time", lambda l: l.define_kit("X", [("PMUG", 1)], 1.0), ["effective"]),
    ("kit an int", lambda l: l.define_kit(1, [("PMUG", 1)], 0), []),  # type: ignore[arg-type]
    ("components an int", lambda l: l.define_kit("X", 5, 0), ["components", "int"]),  # type: ignore[arg-type]
    ("components a str", lambda l: l.define_kit("X", "PMUG", 0), ["components", "str"]),  # type: ignore[arg-type]
    ("components a dict", lambda l: l.define_kit("X", {"sku": "PMUG", "quantity": 1}, 0),  # type: ignore[dict-item]
     ["components", "dict"]),
    ("a component an int", lambda l: l.define_kit("X", [5], 0), ["components[0]", "int"]),  # type: ignore[list-item]
    ("a component a str", lambda l: l.define_kit("X", ["PMUG"], 0), ["components[0]", "str"]),  # type: ignore[list-item]
    ("a sku an int", lambda l: l.define_kit("X", [(1, 1)], 0), ["components[0].sku", "int"]),  # type: ignore[list-item]
    ("a dict sku an int", lambda l: l.define_kit("X", [{"sku": 1, "quantity": 1}], 0),  # type: ignore[list-item]
     ["components[0].sku"]),
    ("kind an int", lambda l: l.define_kit("X", [("PMUG", 1)], 0, kind=1), []),  # type: ignore[arg-type]
    ("reference an int", lambda l: l.define_kit("X", [("PMUG", 1)], 0, reference=1), []),  # type: ignore[arg-type]
    ("effective missing", lambda l: l.define_kit("X", [("PMUG", 1)]), ["effective"]),  # type: ignore[call-arg]
    ("definition kit an int", lambda l: l.kit_definition(1), []),  # type: ignore[arg-type]
    ("buildable kit an int", lambda l: l.buildable(1, time=DAY), []),  # type: ignore[arg-type]
    ("buildable location an int", lambda l: l.buildable("GIFT", 5, time=DAY), []),  # type: ignore[arg-type]
    ("buildable without time", lambda l: l.buildable("GIFT"), ["time"]),  # type: ignore[call-arg]
    ("buildable time positional", lambda l: l.buildable("GIFT", None, DAY), []),  # type: ignore[call-arg]
    ("sellable location bytes", lambda l: l.sellable("GIFT", b"EAST", time=DAY), []),  # type: ignore[arg-type]
    ("buildable_all without time", lambda l: l.buildable_all("EAST"), ["time"]),  # type: ignore[call-arg]
    ("buildable_all location an int", lambda l: l.buildable_all(5, time=DAY), []),  # type: ignore[arg-type]
    ("buildable_many kits a str", lambda l: l.buildable_many("GIFT", time=DAY), ["str"]),
    ("buildable_many kits None", lambda l: l.buildable_many(None, time=DAY), []),  # type: ignore[arg-type]
    ("buildable_many a kit an int", lambda l: l.buildable_many(["GIFT", 1], time=DAY), []),  # type: ignore[list-item]
    ("sellable_all time positional", lambda l: l.sellable_all(None, DAY), []),  # type: ignore[misc]
    ("sellable_many kits a dict", lambda l: l.sellable_many({"GIFT": 1}, time=DAY),  # type: ignore[arg-type]
     ["dict"]),
    ("kit_cost kit None", lambda l: l.kit_cost(None, time=DAY), []),  # type: ignore[arg-type]
    ("explode to_leaves a str", lambda l: l.explode_kit("GIFT", 1, DAY, to_leaves="yes"), []),  # type: ignore[arg-type]
    ("explode to_leaves an int", lambda l: l.explode_kit("GIFT", 1, DAY, 1), []),  # type: ignore[arg-type]
    ("Component sku an int", lambda l: ic.Component(1, 1), []),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("name, action, words", WRONG_TYPES, ids=[w[0] for w in WRONG_TYPES])
def test_wrong_types_are_type_errors(
    ledger: ic.Ledger, name: str, action: Callable[[ic.Ledger], Any], words: list[str]
) -> None:
    before = snapshot(ledger)
    with pytest.raises(TypeError) as info:
        action(ledger)
    assert not isinstance(info.value, ic.InventoryError)
    for word in words:
        assert word in str(info.value), (word, str(info.value))
    assert snapshot(ledger) == before


def test_views_are_read_only(ledger: ic.Ledger) -> None:
    gift = ledger.kit_definition("GIFT")
    assert gift is not None
    with pytest.raises(AttributeError):
        gift.kit = "OTHER"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ledger.buildable("GIFT", time=DAY).quantity = D("100")  # type: ignore[misc]
    with pytest.raises(TypeError):
        ic.KitDefinition()


# ----- hostile values: an InventoryError (InvalidInput for text) or a TypeError, nothing else -----

SURROGATE = "\ud800"
HOSTILE: dict[type, list[Any]] = {
    str: [SURROGATE, "a\udfffb"],
    int: [2**64, -(2**64), 2**63, -(2**63) - 1, 2**200],
    D: [D("sNaN"), D("1e100000"), SURROGATE, D("Infinity")],
}

CALLS: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = [
    ("define_kit", "define_kit", ("BOX", [("PMUG", 1), {"sku": "PBOX", "quantity": D("2")}], 3 * DAY),
     dict(kind="virtual", reference="BOX-1")),
    ("kit_definition", "kit_definition", ("GIFT", DAY), {}),
    ("buildable", "buildable", ("GIFT", "EAST"), dict(time=DAY)),
    ("sellable", "sellable", ("TEA-SET", "EAST"), dict(time=DAY)),
    ("buildable_all", "buildable_all", ("EAST",), dict(time=DAY)),
    ("buildable_many", "buildable_many", (["GIFT", "TEA-SET"], "EAST"), dict(time=DAY)),
    ("sellable_all", "sellable_all", ("WEST",), dict(time=DAY)),
    ("sellable_many", "sellable_many", (("TEA-SET",), "EAST"), dict(time=DAY)),
    ("kit_cost", "kit_cost", ("GIFT", "EAST"), dict(time=DAY)),
    ("explode_kit", "explode_kit", ("GIFT", D("3"), DAY), dict(to_leaves=True)),
    ("assemble", "assemble", ("TEA-SET", "EAST", D("2"), 3 * DAY), dict(extra_cost=D("0.60"), reference="ASM-9")),
    ("disassemble", "disassemble", ("TEA-SET", "EAST", 1, 3 * DAY), dict(reference="DIS-9")),
    ("reserve_bundle", "reserve_bundle", ("GIFT", "EAST", D("2"), "SO-9", 3 * DAY), dict(reference="RES-9")),
    ("ship_bundle", "ship_bundle", ("GIFT", "EAST", 1, 3 * DAY), dict(reference="SHIP-9", order=None)),
    ("bundle_demand_history", "bundle_demand_history", ("GIFT", "EAST", "week", 0, 9 * DAY), {}),
    ("exploded_demand_history", "exploded_demand_history", ("PTEA", "EAST", "day", DAY, 3 * DAY), {}),
    ("bundle_candidates", "bundle_candidates", (0, 9 * DAY), dict(min_support=0.5)),
]


def leaves(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """(path, leaf) for each str, int (not bool) and Decimal in `value`, dict keys too."""
    if isinstance(value, (list, tuple)):
        return [x for i, v in enumerate(value) for x in leaves(v, path + (i,))]
    if isinstance(value, dict):
        out: list[tuple[tuple, Any]] = []
        for k, v in value.items():
            out += [(path + (("key", k),), k)]
            out += leaves(v, path + (k,))
        return out
    if isinstance(value, (str, D)) or (isinstance(value, int) and not isinstance(value, bool)):
        return [(path, value)]
    return []


def replaced(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        if isinstance(head, tuple) and head[0] == "key" and not rest:
            return {(new if k == head[1] else k): v for k, v in value.items()}
        return {k: (replaced(v, rest, new) if k == head else v) for k, v in value.items()}
    items = list(value)
    items[head] = replaced(items[head], rest, new)
    return type(value)(items) if isinstance(value, tuple) else items


@pytest.mark.parametrize("name", [c[0] for c in CALLS])
def test_hostile_values_raise_only_documented_errors(name: str) -> None:
    _, method, args, kwargs = next(c for c in CALLS if c[0] == name)
    getattr(kits_ledger(), method)(*args, **kwargs)  # the row itself is valid
    problems = []
    # Argument values (positional and keyword), not the keywords themselves.
    paths = leaves(args, (0,)) + [x for k, v in kwargs.items() for x in leaves(v, (1, k))]
    for path, leaf in paths:
        for bad in HOSTILE[type(leaf) if not isinstance(leaf, D) else D]:
            ledger = kits_ledger()
            before = ledger.to_json()
            a, k = replaced((args, kwargs), path, bad)
            try:
                getattr(ledger, method)(*a, **k)
            except (ic.InventoryError, TypeError) as e:
                if ledger.to_json() != before:
                    problems.append(f"{path} = {bad!r}: refused ({e!r}) but the ledger changed")
                if isinstance(bad, str) and not isinstance(e, ic.InvalidInput):
                    problems.append(f"{path} = {bad!r}: {type(e).__name__} instead of InvalidInput: {e}")
            except BaseException as e:  # noqa: BLE001 - this is what the test looks for
                problems.append(f"{path} = {bad!r}: {type(e).__module__}.{type(e).__name__}: {e}")
            else:
                if isinstance(bad, str):
                    problems.append(f"{path} = {bad!r}: accepted a lone surrogate")
    assert not problems, "\n".join(problems)


# ===== assembly, disassembly, virtual bundles, demand explosion, bundle candidates =====
#
# The ledgers and the expected values are those of the modules `assembly`, `bundles`, `demand`
# and `mining` of inventory-core/src/kits/tests.rs, worked by hand in the comments.


def assembly_ledger(costing: str = "fifo") -> ic.Ledger:
    """EAST: PTEA 5 at 3.00 then 4 at 3.20, PBOX 5 at 1.25; TEA-SET (assembled) = 2 PTEA + 1 PBOX,
    GIFT (virtual) = 1 TEA-SET + 1 PBOX."""
    ledger = ic.Ledger(costing)  # type: ignore[arg-type]
    ledger.receive("PTEA", "EAST", 5, "3.00", 0)
    ledger.receive("PTEA", "EAST", 4, "3.20", 1)
    ledger.receive("PBOX", "EAST", 5, "1.25", 0)
    ledger.define_kit("TEA-SET", [("PTEA", 2), ("PBOX", 1)], 0)
    ledger.define_kit("GIFT", [("TEA-SET", 1), ("PBOX", 1)], 0, kind="virtual")
    return ledger


def units_and_value(ledger: ic.Ledger, sku: str) -> tuple[D, D]:
    return ledger.position(sku, "EAST").on_hand, ledger.valuation(sku, "EAST").value


def test_assembly_books_exactly_the_cost_consumed_plus_labour() -> None:
    ledger = assembly_ledger()
    # 3 sets: PTEA 6 by FIFO = 5 x 3.00 + 1 x 3.20 = 18.20; PBOX 3 x 1.25 = 3.75; + 0.60 labour
    # = 22.55.
    out = ledger.assemble("TEA-SET", "EAST", 3, 10, extra_cost=D("0.60"), reference="ASM-1")
    assert isinstance(out, ic.KitMovementOutcome)
    assert isinstance(out.value, D) and out.value == D("22.55")
    assert (out.first_movement, out.duplicate, len(out.movements)) == (3, False, 3)
    assert all(isinstance(m, ic.Outcome) for m in out.movements)
    assert [m.sequence for m in out.movements] == [3, 4, 5]
    assert out.movements[0].moved_value + out.movements[1].moved_value == D("21.95")
    assert all(m.cogs == 0 for m in out.movements)
    assert (out.movements[2].quantity, out.movements[2].moved_value) == (3, D("22.55"))
    assert units_and_value(ledger, "TEA-SET") == (3, D("22.55"))
    assert units_and_value(ledger, "PTEA") == (3, D("9.60"))
    assert units_and_value(ledger, "PBOX") == (2, D("2.50"))
    # Adjustments with the reason "assembly"; the outcomes are the journal's.
    journal = ledger.journal()
    assert [e.movement["reason"] for e in journal[3:]] == ["assembly"] * 3
    assert [e.outcome for e in journal[3:]] == out.movements
    # The read-only view.
    assert out.to_dict() == {"first_movement": 3, "movements": out.movements, "value": D("22.55"), "duplicate": False}
    assert repr(out).startswith("KitMovementOutcome(first_movement=3, movements=[Outcome(sequence=3, ")
    assert repr(out).endswith("], value=Decimal('22.55'), duplicate=False)")
    # Idempotent by reference: the kit's movement, flagged; nothing changes.
    after = snapshot(ledger)
    again = ledger.assemble("TEA-SET", "EAST", "3", 10, extra_cost="0.60", reference="ASM-1")
    assert again.duplicate and again != out
    assert (again.first_movement, len(again.movements), again.value) == (5, 1, D("22.55"))
    assert again.movements[0].sequence == out.movements[2].sequence and again.movements[0].duplicate
    assert snapshot(ledger) == after
    with pytest.raises(ic.DuplicateReference, match="ASM-1"):
        ledger.assemble("TEA-SET", "EAST", 1, 11, reference="ASM-1")
    assert snapshot(ledger) == after
    # The journal replays to the same ledger; the snapshot round-trips.
    replayed = ic.Ledger.replay(ledger.journal())
    assert replayed.total_value() == ledger.total_value()
    assert units_and_value(replayed, "TEA-SET") == (3, D("22.55"))
    back = ic.Ledger.from_json(ledger.to_json())
    assert back.to_json() == ledger.to_json()
    assert back.assemble("TEA-SET", "EAST", 3, 10, extra_cost="0.60", reference="ASM-1").duplicate


def test_disassembly_splits_the_kits_cost_by_the_current_roll_up() -> None:
    ledger = assembly_ledger()
    ledger.receive("TEA-SET", "EAST", 3, "7.00", 5)
    ledger.assemble("TEA-SET", "EAST", 3, datetime.datetime(1970, 1, 1, 0, 0, 10, tzinfo=UTC), extra_cost="0.60")
    before = ledger.total_value()
    # 2 sets leave by FIFO at 7.00: V = 14.00. Components now: PTEA 3 at 3.20, PBOX 2 at 1.25;
    # weights 4 x 3.20 = 12.80 and 2 x 1.25 = 2.50 (15.30): PTEA gets 14.00 x 12.80 / 15.30 =
    # 11.712... -> 11.71 (rounded down), PBOX the rest, 2.29.
    out = ledger.disassemble("TEA-SET", "EAST", 2, 20, reference="DIS-1")
    assert out.value == D("14.00") and not out.duplicate
    assert [m.quantity for m in out.movements] == [-2, 4, 2]
    assert [m.moved_value for m in out.movements[1:]] == [D("11.71"), D("2.29")]
    assert [e.movement["reason"] for e in ledger.journal()[-3:]] == ["disassembly"] * 3
    assert ledger.total_value() == before
    assert units_and_value(ledger, "PTEA") == (7, D("9.60") + D("11.71"))
    assert units_and_value(ledger, "TEA-SET") == (4, D("7.00") + D("22.55"))
    again = ledger.disassemble("TEA-SET", "EAST", 2, 20, reference="DIS-1")
    assert again.duplicate and (again.first_movement, again.value) == (out.first_movement, D("14.00"))
    # The same reference at another time is another operation.
    with pytest.raises(ic.DuplicateReference):
        ledger.disassemble("TEA-SET", "EAST", 2, 21, reference="DIS-1")


def test_assembly_under_every_costing_method_restores_the_start() -> None:
    for costing in ["fifo", "lifo", "moving_average"]:
        ledger = assembly_ledger(costing)
        start = ledger.total_value()
        ledger.assemble("TEA-SET", "EAST", 4, 10, extra_cost="1.01")
        assert ledger.total_value() == start + D("1.01")
        ledger.disassemble("TEA-SET", "EAST", 4, 11)
        assert ledger.total_value() == start + D("1.01")
        assert [ledger.position(s, "EAST").on_hand for s in ["PTEA", "PBOX", "TEA-SET"]] == [9, 5, 0]


def bundle_ledger() -> ic.Ledger:
    """EAST (FIFO): PMUG 3 at 4.00 then 3 at 5.00, PRIBBON 10 at 0.90, PTEA 10 at 3.00, PBOX 10 at
    1.25, TEA-SET (assembled stock) 2 at 7.00; GIFT (virtual) = 1 PMUG + 1 TEA-SET + 0.5 PRIBBON."""
    ledger = ic.Ledger()
    for sku, q, cost, t in [
        ("PMUG", 3, "4.00", 0),
        ("PMUG", 3, "5.00", 1),
        ("PRIBBON", 10, "0.90", 0),
        ("PTEA", 10, "3.00", 0),
        ("PBOX", 10, "1.25", 0),
        ("TEA-SET", 2, "7.00", 0),
    ]:
        ledger.receive(sku, "EAST", q, cost, t)
    ledger.define_kit("TEA-SET", [("PTEA", 2), ("PBOX", 1)], 0)
    ledger.define_kit("GIFT", [("PMUG", 1), ("TEA-SET", 1), ("PRIBBON", "0.5")], 0, kind="virtual")
    return ledger


def test_a_bundle_reserves_ships_and_returns_all_its_components_at_their_cost() -> None:
    ledger = bundle_ledger()
    value0 = ledger.total_value()
    # Reserve 2 gifts for SO-1: 2 mugs, 2 sets, 1 m ribbon.
    r = ledger.reserve_bundle("GIFT", "EAST", 2, "SO-1", 10)
    assert (r.first_movement, len(r.movements), r.duplicate) == (6, 3, False)
    assert [ledger.reserved_by("SO-1", s, "EAST") for s in ["PMUG", "TEA-SET", "PRIBBON"]] == [2, 2, 1]
    # The sets in stock are held now; 4 more gifts can still be made, the mugs limit.
    g = ledger.sellable("GIFT", "EAST", time=10)
    assert (g.quantity, g.limiting) == (4, ["PMUG"])
    # Ship them from the reservation: COGS 2 x 4.00 + 2 x 7.00 + 1 x 0.90 = 22.90.
    s = ledger.ship_bundle("GIFT", "EAST", 2, 11, order="SO-1", reference="SHIP-1")
    assert s.value == D("22.90")
    assert sum(m.cogs for m in s.movements) == D("22.90")
    assert [m.cogs for m in s.movements] == [D("8.00"), D("14.00"), D("0.90")]
    assert ledger.position("PMUG", "EAST").reserved == 0
    assert ledger.total_value() == value0 - D("22.90")
    assert [e.movement.get("reference") for e in ledger.journal()[9:12]] == [
        "SHIP-1/PMUG",
        "SHIP-1/TEA-SET",
        "SHIP-1/PRIBBON",
    ]
    # Redefine the gift (2 mugs from day 1): the return still brings back what shipped.
    ledger.define_kit("GIFT", [("PMUG", 2)], DAY, kind="virtual")
    # One gift back: 1 mug at 4.00, 1 set at 7.00, 0.5 m at 0.45 = 11.45 of COGS undone.
    back = ledger.return_bundle("SHIP-1", "EAST", 1, 2 * DAY, reference="RET-1")
    assert len(back.movements) == 3
    assert sum(m.cogs for m in back.movements) == D("-11.45")
    assert ledger.total_value() == value0 - D("22.90") + D("11.45")
    after = snapshot(ledger)
    assert ledger.return_bundle("SHIP-1", "EAST", 1, 2 * DAY, reference="RET-1").duplicate
    shipped_again = ledger.ship_bundle("GIFT", "EAST", 2, 11, order="SO-1", reference="SHIP-1")
    assert shipped_again.duplicate and shipped_again.value == D("22.90")
    assert [m.sequence for m in shipped_again.movements] == [m.sequence for m in s.movements]
    assert snapshot(ledger) == after
    # A second one is fine; a third is more than shipped.
    ledger.return_bundle("SHIP-1", "EAST", 1, 2 * DAY)
    before = snapshot(ledger)
    with pytest.raises(ic.ReturnMismatch, match="SHIP-1"):
        ledger.return_bundle("SHIP-1", "EAST", 1, 2 * DAY)
    assert snapshot(ledger) == before
    # The records attribute the movements to the bundle.
    recs = ledger.bundle_records()
    assert all(isinstance(x, ic.BundleRecord) for x in recs)
    assert [x.action for x in recs] == ["reserve", "ship", "return", "return"]
    assert [x.sequence for x in recs] == [0, 1, 2, 3]
    assert (recs[1].first_movement, recs[1].movements) == (s.first_movement, 3)
    assert (recs[1].order, recs[1].reference, recs[1].shipment) == ("SO-1", "SHIP-1", None)
    assert recs[2].to_dict() == {
        "sequence": 2,
        "first_movement": back.first_movement,
        "movements": 3,
        "action": "return",
        "bundle": "GIFT",
        "location": "EAST",
        "quantity": D("1"),
        "time": datetime.datetime(1970, 1, 3, tzinfo=UTC),
        "order": None,
        "shipment": "SHIP-1",
        "reference": "RET-1",
    }
    assert repr(recs[0]).startswith("BundleRecord(sequence=0, first_movement=6, movements=3, action='reserve', ")
    # And they survive a snapshot.
    copy = ic.Ledger.from_json(ledger.to_json())
    assert copy.to_json() == ledger.to_json()
    assert copy.bundle_records() == recs


def test_bundle_idempotency_and_releases() -> None:
    ledger = bundle_ledger()
    first = ledger.ship_bundle("GIFT", "EAST", 1, 10, reference="S")
    again = ledger.ship_bundle("GIFT", "EAST", 1, 10, reference="S")
    assert not first.duplicate and again.duplicate
    assert again.value == first.value == D("11.45")
    assert len(ledger.bundle_records()) == 1
    with pytest.raises(ic.DuplicateReference, match='"S"'):
        ledger.ship_bundle("GIFT", "EAST", 2, 10, reference="S")
    # Release what a reservation holds.
    ledger.reserve_bundle("GIFT", "EAST", 1, "SO-2", 11, reference="RES-2")
    assert ledger.position("TEA-SET", "EAST").reserved == 1
    released = ledger.release_bundle("GIFT", "EAST", 1, "SO-2", 12, reference="REL-2")
    assert len(released.movements) == 3 and released.value == 0
    assert ledger.position("TEA-SET", "EAST").reserved == 0
    assert [r.action for r in ledger.bundle_records()] == ["ship", "reserve", "release"]
    assert ledger.release_bundle("GIFT", "EAST", 1, "SO-2", 12, reference="REL-2").duplicate


def demand_ledger() -> ic.Ledger:
    ledger = ic.Ledger()
    for sku, q, cost in [("PMUG", 20, "4.00"), ("PTEA", 50, "3.00"), ("PBOX", 20, "1.25"),
                         ("PRIBBON", 20, "0.90"), ("TEA-SET", 10, "7.25")]:
        ledger.receive(sku, "EAST", q, cost, 0)
    ledger.define_kit("TEA-SET", [("PTEA", 2), ("PBOX", 1)], 0)
    ledger.define_kit("GIFT", [("PMUG", 1), ("TEA-SET", 1), ("PRIBBON", "0.5")], 0, kind="virtual")
    # Day 1: 3 tea sets sold (each pulls 2 PTEA and 1 PBOX).
    ledger.ship("TEA-SET", "EAST", 3, DAY)
    # Day 2: 2 gifts: 2 PMUG, 2 TEA-SET (-> 4 PTEA, 2 PBOX), 1 m ribbon.
    ledger.ship_bundle("GIFT", "EAST", 2, 2 * DAY, reference="G1")
    # Day 3: one gift back (-1 set -> -2 PTEA), 5 PTEA sold on their own.
    ledger.return_bundle("G1", "EAST", 1, 3 * DAY)
    ledger.ship("PTEA", "EAST", 5, 3 * DAY)
    # From day 4 a set takes 3 PTEA; one set sold on day 4.
    ledger.define_kit("TEA-SET", [("PTEA", 3), ("PBOX", 1)], 4 * DAY)
    ledger.ship("TEA-SET", "EAST", 1, 4 * DAY)
    return ledger


def test_kit_and_bundle_sales_explode_into_component_demand() -> None:
    ledger = demand_ledger()
    ptea = ledger.exploded_demand_history("PTEA", None, "day", DAY, 4 * DAY)
    assert isinstance(ptea, ic.DemandHistory)
    assert (ptea.sku, ptea.location, ptea.period) == ("PTEA", None, "day")
    assert ptea.start == datetime.datetime(1970, 1, 2, tzinfo=UTC)
    assert ptea.quantities == [6, 4, 3, 3]
    # Times as dates and datetimes, by keyword.
    pbox = ledger.exploded_demand_history(
        "PBOX", location="EAST", start=datetime.date(1970, 1, 2), end=datetime.datetime(1970, 1, 5, tzinfo=UTC)
    )
    assert pbox.quantities == [3, 2, -1, 1]
    assert pbox.location == "EAST"
    # The set's own demand counts the gifts' sets; its exploded view is the same.
    assert ledger.demand_history("TEA-SET", None, "day", DAY, 4 * DAY).quantities == [3, 2, -1, 1]
    assert ledger.exploded_demand_history("TEA-SET", None, "day", DAY, 4 * DAY).quantities == [3, 2, -1, 1]
    # The gift's own demand: 2 on day 2, -1 on day 3 (default range).
    gift = ledger.bundle_demand_history("GIFT")
    assert (gift.sku, gift.start, gift.quantities) == ("GIFT", datetime.datetime(1970, 1, 3, tzinfo=UTC), [2, -1])
    assert gift.labels == ["1970-01-03", "1970-01-04"]
    assert ledger.bundle_demand_history("GIFT", "WEST", "day", 2 * DAY, 3 * DAY).quantities == [0, 0]
    # By ISO week: days 1-3 are in the week of Thursday 1970-01-01, day 4 (a Monday) starts the
    # next.
    weekly = ledger.exploded_demand_history("PTEA", period="week", start=DAY, end=4 * DAY)
    assert (weekly.period, weekly.quantities) == ("week", [13, 3])


def order(ledger: ic.Ledger, id: str, skus: list[str], t: int) -> None:
    """Ships one unit of each SKU under order `id` at time `t` (reserved first)."""
    for s in skus:
        ledger.reserve(s, "W", 1, id, t)
        ledger.ship(s, "W", 1, t, reservation=id)


def mining_ledger() -> ic.Ledger:
    """10 orders: 4 x {TEA, MUG}, 2 x {TEA, MUG, HONEY}, {TEA, HONEY}, {MUG}, {CAKE, TEA}, {CAKE};
    and a shipment without an order (not an order)."""
    ledger = ic.Ledger()
    for s in ["TEA", "MUG", "HONEY", "CAKE", "PX"]:
        ledger.receive(s, "W", 100, "1.00", 0)
    baskets = [["TEA", "MUG"]] * 4 + [["TEA", "MUG", "HONEY"]] * 2 + [["TEA", "HONEY"], ["MUG"], ["CAKE", "TEA"], ["CAKE"]]
    for i, b in enumerate(baskets):
        order(ledger, f"O{i}", b, 10 + i)
    ledger.ship("TEA", "W", 5, 30)
    return ledger


def test_bundle_candidates_with_support_confidence_and_lift() -> None:
    ledger = mining_ledger()
    c = ledger.bundle_candidates(0, 100, 0.2)
    assert isinstance(c, ic.BundleCandidates)
    assert (c.orders, c.min_support) == (10, 0.2)
    # Supports: TEA .8, MUG .7, HONEY .3, CAKE .2. Pairs kept (>= 2 orders): TEA+HONEY 3 (lift
    # .3 / .24 = 1.25, confidence 1), TEA+MUG 6 (lift .6 / .56, confidence .6 / .7), HONEY+MUG 2
    # (lift .2 / .21, confidence .2 / .3). CAKE+TEA (1 order) is not.
    assert [p.items for p in c.pairs] == [["HONEY", "TEA"], ["MUG", "TEA"], ["HONEY", "MUG"]]
    p = c.pairs[0]
    assert isinstance(p, ic.ItemSet)
    assert p.orders == 3
    assert p.support == pytest.approx(0.3, abs=1e-12)
    assert p.confidence == pytest.approx(1.0, abs=1e-12)
    assert p.lift == pytest.approx(1.25, abs=1e-12)
    assert c.pairs[1].lift == pytest.approx(0.6 / (0.8 * 0.7), abs=1e-12)
    assert c.pairs[1].confidence == pytest.approx(0.6 / 0.7, abs=1e-12)
    assert c.pairs[2].confidence == pytest.approx(0.2 / 0.3, abs=1e-12)
    # The triple: 2 orders, support .2, confidence .2 / min(.6, .3, .2) = 1, lift .2 / (.8 x .7
    # x .3).
    (t,) = c.triples
    assert (t.items, t.orders) == (["HONEY", "MUG", "TEA"], 2)
    assert t.confidence == pytest.approx(1.0, abs=1e-12)
    assert t.lift == pytest.approx(0.2 / (0.8 * 0.7 * 0.3), abs=1e-12)
    # Views: to_dict nests the item sets as dicts; equality by value.
    d = c.to_dict()
    assert d["orders"] == 10 and d["min_support"] == 0.2
    assert d["pairs"][0] == {"items": ["HONEY", "TEA"], "orders": 3, "support": p.support,
                             "confidence": p.confidence, "lift": p.lift}
    assert d["triples"] == [t.to_dict()]
    assert repr(p).startswith("ItemSet(items=['HONEY', 'TEA'], orders=3, support=0.3")
    assert ledger.bundle_candidates(0, 100, 0.2) == c
    # The default minimum support (1 %) keeps every set of at least 2 orders: the same here.
    assert ic.DEFAULT_MIN_SUPPORT == 0.01
    assert ledger.bundle_candidates(0, 100).min_support == ic.DEFAULT_MIN_SUPPORT
    assert ledger.bundle_candidates(0, 100).pairs == c.pairs
    assert inspect.signature(ic.Ledger.bundle_candidates).parameters["min_support"].default == ic.DEFAULT_MIN_SUPPORT
    # A higher minimum support keeps only TEA+MUG; a window keeps only its orders.
    high = ledger.bundle_candidates(0, 100, min_support=0.5)
    assert ([p.items for p in high.pairs], high.triples) == ([["MUG", "TEA"]], [])
    assert ledger.bundle_candidates(datetime.date(1970, 1, 1), 14, 0.2).orders == 4


def test_a_bundles_components_count_as_the_bundle() -> None:
    ledger = ic.Ledger()
    for s in ["TEA", "PMUG", "PBOX"]:
        ledger.receive(s, "W", 100, "1.00", 0)
    ledger.define_kit("GIFT", [("PMUG", 1), ("PBOX", 1)], 0, kind="virtual")
    for i in range(3):
        o, t = f"O{i}", 10 * i
        ledger.reserve_bundle("GIFT", "W", 1, o, t + 1)
        ledger.ship_bundle("GIFT", "W", 1, t + 2, order=o, reference=f"S{i}")
        order(ledger, o, ["TEA"], t + 3)
    c = ledger.bundle_candidates(0, 100, 0.5)
    assert c.orders == 3
    assert [p.items for p in c.pairs] == [["GIFT", "TEA"]]


# ----- the postings' and queries' errors: each refused, the ledger unchanged -----


def posted_ledger() -> ic.Ledger:
    """The kits ledger after one set assembled at EAST (ASM-1: PTEA 7, PBOX 4, TEA-SET 4 left), one
    gift shipped (SHIP-1: PMUG 9, TEA-SET 3, PRIBBON 5.5 left) and one reserved for SO-1."""
    ledger = kits_ledger()
    ledger.assemble("TEA-SET", "EAST", 1, 10, reference="ASM-1")
    ledger.ship_bundle("GIFT", "EAST", 1, 11, reference="SHIP-1")
    ledger.reserve_bundle("GIFT", "EAST", 1, "SO-1", 12)
    return ledger


POSTING_ERRORS: list[tuple[str, type, Callable[[ic.Ledger], Any], list[str]]] = [
    # assembly and disassembly
    ("assemble a virtual bundle", ic.InvalidInput, lambda l: l.assemble("GIFT", "EAST", 1, 20),
     ['"GIFT" is a virtual bundle']),
    ("assemble not a kit", ic.UnknownSku, lambda l: l.assemble("PMUG", "EAST", 1, 20), ['"PMUG" is not a kit']),
    ("assemble before the kit", ic.UnknownSku, lambda l: l.assemble("TEA-SET", "EAST", 1, -1), ['"TEA-SET"', "-1"]),
    ("assemble zero", ic.InvalidInput, lambda l: l.assemble("TEA-SET", "EAST", 0, 20), ["> 0", "got 0"]),
    ("assemble negative", ic.InvalidInput, lambda l: l.assemble("TEA-SET", "EAST", "-1", 20), ["-1"]),
    ("negative extra cost", ic.InvalidInput, lambda l: l.assemble("TEA-SET", "EAST", 1, 20, extra_cost=-1),
     ["extra cost", "-1"]),
    # 4 sets need 8 PTEA: 7 are left.
    ("components short", ic.InsufficientStock, lambda l: l.assemble("TEA-SET", "EAST", 4, 20),
     ['"PTEA"', '"EAST"', "8", "7"]),
    ("components elsewhere", ic.InsufficientStock, lambda l: l.assemble("TEA-SET", "NORTH", 1, 20), ['"NORTH"']),
    # 3 sets at EAST, 1 reserved for SO-1: 2 available.
    ("disassemble more than available", ic.InsufficientStock, lambda l: l.disassemble("TEA-SET", "EAST", 3, 20),
     ['"TEA-SET"', "3", "2"]),
    ("disassemble a virtual bundle", ic.InvalidInput, lambda l: l.disassemble("GIFT", "EAST", 1, 20),
     ["virtual bundle"]),
    ("assembly reference reused", ic.DuplicateReference, lambda l: l.assemble("TEA-SET", "EAST", 2, 20, reference="ASM-1"),
     ['"ASM-1"']),
    ("assembly reference disassembled", ic.DuplicateReference,
     lambda l: l.disassemble("TEA-SET", "EAST", 1, 20, reference="ASM-1"), ['"ASM-1"']),
    ("bundle reference on an assembly", ic.DuplicateReference,
     lambda l: l.assemble("TEA-SET", "EAST", 1, 20, reference="SHIP-1/PMUG"), ['"SHIP-1/PMUG"']),
    ("empty assembly reference", ic.InvalidInput, lambda l: l.assemble("TEA-SET", "EAST", 1, 20, reference=""),
     ["empty"]),
    ("float quantity", ic.InvalidInput, lambda l: l.assemble("TEA-SET", "EAST", 1.0, 20), ["quantity", "float"]),
    ("float extra cost", ic.InvalidInput, lambda l: l.assemble("TEA-SET", "EAST", 1, 20, extra_cost=0.6),
     ["extra_cost", "float"]),
    ("bad decimal", ic.InvalidInput, lambda l: l.disassemble("TEA-SET", "EAST", "one", 20), ["quantity", "one"]),
    ("time beyond 64 bits", ic.InvalidInput, lambda l: l.assemble("TEA-SET", "EAST", 1, 2**64), ["64 bits"]),
    # bundles
    ("ship an assembled kit", ic.InvalidInput, lambda l: l.ship_bundle("TEA-SET", "EAST", 1, 20, reference="S"),
     ['"TEA-SET" is an assembled kit']),
    ("ship not a kit", ic.UnknownSku, lambda l: l.ship_bundle("PMUG", "EAST", 1, 20, reference="S"), ['"PMUG"']),
    ("ship zero", ic.InvalidInput, lambda l: l.ship_bundle("GIFT", "EAST", 0, 20, reference="S"), ["> 0"]),
    # 3 gifts need 3 sets: 2 are available.
    ("ship more than available", ic.InsufficientStock, lambda l: l.ship_bundle("GIFT", "EAST", 3, 20, reference="S"),
     ['"TEA-SET"']),
    ("reserve more than available", ic.InsufficientStock, lambda l: l.reserve_bundle("GIFT", "EAST", 3, "SO-2", 20),
     ['"TEA-SET"']),
    ("ship from an unknown order", ic.UnknownReservation,
     lambda l: l.ship_bundle("GIFT", "EAST", 1, 20, order="NO-ORDER", reference="S"), ['"NO-ORDER"']),
    ("ship more than the order holds", ic.ReservationExceeded,
     lambda l: l.ship_bundle("GIFT", "EAST", 2, 20, order="SO-1", reference="S"), ['"SO-1"']),
    ("release an unknown order", ic.UnknownReservation, lambda l: l.release_bundle("GIFT", "EAST", 1, "NO-ORDER", 20),
     ['"NO-ORDER"']),
    ("release more than reserved", ic.ReservationExceeded, lambda l: l.release_bundle("GIFT", "EAST", 2, "SO-1", 20),
     ['"SO-1"']),
    ("return an unknown shipment", ic.UnknownShipment, lambda l: l.return_bundle("NOPE", "EAST", 1, 20), ['"NOPE"']),
    ("return a component shipment", ic.UnknownShipment, lambda l: l.return_bundle("SHIP-1/PMUG", "EAST", 1, 20),
     ['"SHIP-1/PMUG"']),
    ("return more than shipped", ic.ReturnMismatch, lambda l: l.return_bundle("SHIP-1", "EAST", 2, 20), ["SHIP-1"]),
    ("shipment reference reused", ic.DuplicateReference,
     lambda l: l.ship_bundle("GIFT", "EAST", 2, 11, reference="SHIP-1"), ['"SHIP-1"']),
    ("empty shipment reference", ic.InvalidInput, lambda l: l.ship_bundle("GIFT", "EAST", 1, 20, reference=""),
     ["empty reference"]),
    ("float bundles", ic.InvalidInput, lambda l: l.reserve_bundle("GIFT", "EAST", 0.5, "SO-2", 20), ["float"]),
    # demand and candidates
    ("bundle demand of a plain SKU", ic.UnknownSku, lambda l: l.bundle_demand_history("PMUG"), ['"PMUG"']),
    ("exploded demand of an unknown SKU", ic.UnknownSku, lambda l: l.exploded_demand_history("NOPE"), ['"NOPE"']),
    ("bad period", ic.InvalidInput, lambda l: l.bundle_demand_history("GIFT", period="month"), ["month"]),  # type: ignore[arg-type]
    ("start after end", ic.InvalidInput, lambda l: l.exploded_demand_history("PTEA", start=5 * DAY, end=DAY), []),
    ("min support 0", ic.InvalidInput, lambda l: l.bundle_candidates(0, DAY, 0), ["minimum support", "(0, 1]"]),
    ("min support above 1", ic.InvalidInput, lambda l: l.bundle_candidates(0, DAY, 1.5), ["1.5"]),
    ("min support NaN", ic.InvalidInput, lambda l: l.bundle_candidates(0, DAY, float("nan")), ["NaN"]),
    ("min support beyond a float", ic.InvalidInput, lambda l: l.bundle_candidates(0, DAY, 10**400), []),
    ("candidates start after end", ic.InvalidInput, lambda l: l.bundle_candidates(5, 4), ["after"]),
]


@pytest.mark.parametrize("name, cls, action, words", POSTING_ERRORS, ids=[e[0] for e in POSTING_ERRORS])
def test_posting_errors_change_nothing(
    name: str, cls: type, action: Callable[[ic.Ledger], Any], words: list[str]
) -> None:
    ledger = posted_ledger()
    before = snapshot(ledger)
    records = ledger.bundle_records()
    with pytest.raises(cls) as info:
        action(ledger)
    assert type(info.value) is cls
    assert isinstance(info.value, ic.InventoryError)
    message = str(info.value)
    for word in words:
        assert word in message, (word, message)
    assert snapshot(ledger) == before
    assert ledger.bundle_records() == records


POSTING_WRONG_TYPES: list[tuple[str, Callable[[ic.Ledger], Any], list[str]]] = [
    ("float time", lambda l: l.disassemble("TEA-SET", "EAST", 1, 20.0), ["time"]),
    ("float start", lambda l: l.exploded_demand_history("PTEA", start=1.5), ["start"]),
    ("assemble kit an int", lambda l: l.assemble(1, "EAST", 1, 20), []),  # type: ignore[arg-type]
    ("assemble location None", lambda l: l.assemble("TEA-SET", None, 1, 20), []),  # type: ignore[arg-type]
    ("assemble reference an int", lambda l: l.assemble("TEA-SET", "EAST", 1, 20, reference=1), []),  # type: ignore[arg-type]
    ("assemble extra cost positional", lambda l: l.assemble("TEA-SET", "EAST", 1, 20, "0.60"), []),  # type: ignore[misc]
    ("assemble without time", lambda l: l.assemble("TEA-SET", "EAST", 1), ["time"]),  # type: ignore[call-arg]
    ("disassemble kit bytes", lambda l: l.disassemble(b"TEA-SET", "EAST", 1, 20), []),  # type: ignore[arg-type]
    ("disassemble unknown keyword", lambda l: l.disassemble("TEA-SET", "EAST", 1, 20, ref="X"), ["ref"]),  # type: ignore[call-arg]
    ("reserve order an int", lambda l: l.reserve_bundle("GIFT", "EAST", 1, 2, 20), []),  # type: ignore[arg-type]
    ("release bundle None", lambda l: l.release_bundle(None, "EAST", 1, "SO-1", 20), []),  # type: ignore[arg-type]
    ("ship without reference", lambda l: l.ship_bundle("GIFT", "EAST", 1, 20), ["reference"]),  # type: ignore[call-arg]
    ("ship reference None", lambda l: l.ship_bundle("GIFT", "EAST", 1, 20, reference=None), []),  # type: ignore[arg-type]
    ("ship reference positional", lambda l: l.ship_bundle("GIFT", "EAST", 1, 20, "S"), []),  # type: ignore[misc]
    ("ship order an int", lambda l: l.ship_bundle("GIFT", "EAST", 1, 20, reference="S", order=1), []),  # type: ignore[arg-type]
    ("return shipment an int", lambda l: l.return_bundle(1, "EAST", 1, 20), []),  # type: ignore[arg-type]
    ("bundle records with an argument", lambda l: l.bundle_records("GIFT"), []),  # type: ignore[call-arg]
    ("bundle demand bundle an int", lambda l: l.bundle_demand_history(1), []),  # type: ignore[arg-type]
    ("bundle demand period an int", lambda l: l.bundle_demand_history("GIFT", None, 7), []),  # type: ignore[arg-type]
    ("exploded demand location bytes", lambda l: l.exploded_demand_history("PTEA", b"EAST"), []),  # type: ignore[arg-type]
    ("candidates min support a str", lambda l: l.bundle_candidates(0, DAY, "0.1"), []),  # type: ignore[arg-type]
    ("candidates min support None", lambda l: l.bundle_candidates(0, DAY, None), []),  # type: ignore[arg-type]
    ("candidates without end", lambda l: l.bundle_candidates(0), ["end"]),  # type: ignore[call-arg]
    ("KitMovementOutcome built", lambda l: ic.KitMovementOutcome(), []),  # type: ignore[call-arg]
    ("BundleRecord built", lambda l: ic.BundleRecord(), []),  # type: ignore[call-arg]
]


@pytest.mark.parametrize("name, action, words", POSTING_WRONG_TYPES, ids=[w[0] for w in POSTING_WRONG_TYPES])
def test_posting_wrong_types_are_type_errors(name: str, action: Callable[[ic.Ledger], Any], words: list[str]) -> None:
    ledger = posted_ledger()
    before = snapshot(ledger)
    with pytest.raises(TypeError) as info:
        action(ledger)
    assert not isinstance(info.value, ic.InventoryError)
    for word in words:
        assert word in str(info.value), (word, str(info.value))
    assert snapshot(ledger) == before


def test_posting_views_are_read_only() -> None:
    ledger = posted_ledger()
    out = ledger.assemble("TEA-SET", "EAST", 1, 20)
    with pytest.raises(AttributeError):
        out.value = D("0")  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ledger.bundle_records()[0].action = "return"  # type: ignore[misc]
    c = mining_ledger().bundle_candidates(0, 100, 0.2)
    with pytest.raises(AttributeError):
        c.pairs[0].lift = 2.0  # type: ignore[misc]
    # Lists handed out are copies.
    c.pairs.clear()
    assert len(c.pairs) == 3

