"""Kits and bundles: definitions journaled on the ledger, buildable and sellable quantities,
the cost roll-up and the explosion into components, every error, and the snapshot.

The ledger and the expected values are those of inventory-core/src/kits/tests.rs, worked by
hand in the comments there and here.
"""

import datetime
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
    ("float time", ic.InvalidInput, lambda l: l.define_kit("X", [("PMUG", 1)], 1.0), ["effective"]),
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
    ("kit_cost", "kit_cost", ("GIFT", "EAST"), dict(time=DAY)),
    ("explode_kit", "explode_kit", ("GIFT", D("3"), DAY), dict(to_leaves=True)),
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
