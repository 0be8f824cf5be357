"""ABC and XYZ classification."""

import math

import numpy as np
import pytest

import inventory_core as ic

VALUES = [20, 400, 0, 150, 50, 250, -10, 100, 30, 0]
EXPECTED = "C A C A B A C B C C".split()


def test_abc_classes_ranks_and_shares() -> None:
    r = ic.abc(VALUES)
    assert isinstance(r, ic.AbcResult)
    assert r.classes == EXPECTED
    assert r.class_code.dtype == np.int8
    assert list(r.class_code) == [{"A": 0, "B": 1, "C": 2}[c] for c in EXPECTED]
    assert r.rank.dtype == np.int64
    # 1-based rank, descending by value, ties (the two zeros) in input order
    assert list(r.rank) == [7, 1, 8, 3, 5, 2, 10, 4, 6, 9]
    total = sum(v for v in VALUES if v > 0)
    assert math.isclose(r.cumulative_share[1], 400 / total, rel_tol=1e-12)
    assert math.isclose(r.cumulative_share[3], (400 + 250 + 150) / total, rel_tol=1e-12)
    assert r.cumulative_share[6] == 0.0
    assert len(r) == 10
    assert r[1].class_ == "A" and r[1].rank == 1
    assert r[-1] == r[9]
    with pytest.raises(IndexError):
        r[10]


def test_abc_numpy_and_thresholds() -> None:
    r = ic.abc(np.array(VALUES, dtype=np.float64))
    assert r.classes == EXPECTED
    # a = 0.5: 400 (before 0 %) and 250 (before 40 %) are A; 150 (before 65 %) starts B.
    r = ic.abc(np.array(VALUES, dtype=np.int64), a=0.5, b=0.9)
    assert (r.classes[1], r.classes[5], r.classes[3]) == ("A", "A", "B")
    with pytest.raises(ic.InvalidInput):
        ic.abc(VALUES, a=0.9, b=0.8)
    with pytest.raises(ic.InvalidInput):
        ic.abc([1.0, math.nan])


def test_abc_measure() -> None:
    units = [10, 0, 5]
    assert list(ic.abc_measure("units", units)) == [10, 0, 5]
    assert list(ic.abc_measure("revenue", units, unit_prices=[2.0, 3.0, 4.0])) == [20, 0, 20]
    assert list(ic.abc_measure("consumption_value", units, unit_costs=[1.0, 1.0, 3.0])) == [10, 0, 15]
    assert list(ic.abc_measure("margin", units, unit_costs=[1.0, 1.0, 3.0], unit_prices=[2.0, 3.0, 4.0])) == [10, 0, 5]
    with pytest.raises(ic.InvalidInput):
        ic.abc_measure("revenue", units)  # no prices
    with pytest.raises(ic.InvalidInput):
        ic.abc_measure("profit", units)  # type: ignore[arg-type]


def test_xyz() -> None:
    x = ic.xyz([5, 15, 10])
    assert x.class_ == "X" and x.cv == 0.5 and x.mean == 10.0 and x.std_dev == 5.0
    y = ic.xyz([2, 18, 10])
    assert y.class_ == "Y" and math.isclose(y.cv, 0.8, rel_tol=1e-12)
    z = ic.xyz([0, 0, 30])
    assert z.class_ == "Z" and math.isclose(z.cv, math.sqrt(300) / 10, rel_tol=1e-12)
    none = ic.xyz([0, 0, 0])
    assert none.class_ == "Z" and none.cv is None
    assert ic.xyz([5, 15, 10], x=0.4).class_ == "Y"
    with pytest.raises(ic.InvalidInput):
        ic.xyz([])
    with pytest.raises(ic.InvalidInput):
        ic.xyz([1.0, 2.0], x=2.0, y=1.0)


def test_xyz_many_list_2d_and_lengths() -> None:
    series = [[5, 15, 10], [2, 18, 10], [0, 0, 0]]
    r = ic.xyz_many(series)
    assert r.classes == ["X", "Y", "Z"]
    assert list(r.class_code) == [0, 1, 2]
    assert r.cv[0] == 0.5 and np.isnan(r.cv[2])
    arr = np.array(series, dtype=np.float64)
    r2 = ic.xyz_many(arr)
    assert r2.classes == r.classes
    assert np.array_equal(r2.std_dev, r.std_dev)
    assert r2[1] == ic.xyz([2, 18, 10])
    ragged = ic.xyz_many([[5, 15, 10], [1, 1]])
    assert ragged.classes == ["X", "X"]
    padded = np.array([[5, 15, 10, 99], [2, 18, 10, 0]], dtype=np.float64)
    r3 = ic.xyz_many(padded, lengths=[3, 3])
    assert r3.classes == ["X", "Y"]
    with pytest.raises(ic.InvalidInput):
        ic.xyz_many(padded, lengths=[3])
    with pytest.raises(ic.InvalidInput):
        ic.xyz_many(padded, lengths=[5, 3])
    with pytest.raises(ic.InvalidInput):
        ic.xyz_many([[1.0], []])


def test_abc_xyz_label() -> None:
    assert ic.abc_xyz_label("A", "X") == "AX"
    assert ic.abc_xyz_label("C", "Z") == "CZ"
    with pytest.raises(ic.InvalidInput):
        ic.abc_xyz_label("D", "X")  # type: ignore[arg-type]
