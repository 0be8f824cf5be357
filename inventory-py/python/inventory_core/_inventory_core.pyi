"""Type stubs of the compiled extension module ``inventory_core._inventory_core``."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal, Optional, Union, final

__all__ = [
    "__version__",
    "Ledger",
    "Outcome",
    "Position",
    "Valuation",
    "CostLayer",
    "JournalEntry",
    "DemandHistory",
    "InventoryError",
    "InvalidInput",
    "UnknownSku",
    "UnknownLocation",
    "UnknownPosition",
    "InsufficientStock",
    "UnknownReservation",
    "ReservationExceeded",
    "UnknownShipment",
    "ReturnMismatch",
    "DuplicateReference",
    "OutOfOrder",
    "InvalidState",
    "Overflow",
    "InvalidSnapshot",
]

__version__: str

_Amount = Union[Decimal, int, str]
"""Money or a quantity: ``Decimal``, ``int`` or ``str`` (a ``float`` raises InvalidInput)."""
_Time = Union[int, datetime.datetime, datetime.date]
"""Seconds since the Unix epoch (UTC), an aware or naive (= UTC) datetime, or a date (midnight UTC)."""
_CostMethod = Literal["fifo", "lifo", "moving_average"]
_Condition = Literal["sellable", "damaged", "quarantine"]
_AdjustReason = Literal["damage", "shrinkage", "found", "expired", "correction", "cycle_count", "other"]
_PeriodName = Literal["day", "daily", "week", "weekly"]

class InventoryError(Exception):
    """Base class of every error raised by inventory_core."""

    index: Optional[int]
    """For a batch (``post_columns``, ``replay``): the 0-based index of the failing movement."""

class InvalidInput(InventoryError, ValueError): ...
class UnknownSku(InventoryError, KeyError): ...
class UnknownLocation(InventoryError, KeyError): ...
class UnknownPosition(InventoryError, KeyError): ...
class InsufficientStock(InventoryError, ValueError): ...
class UnknownReservation(InventoryError, KeyError): ...
class ReservationExceeded(InventoryError, ValueError): ...
class UnknownShipment(InventoryError, KeyError): ...
class ReturnMismatch(InventoryError, ValueError): ...
class DuplicateReference(InventoryError, ValueError): ...
class OutOfOrder(InventoryError, ValueError): ...
class InvalidState(InventoryError, ValueError): ...
class Overflow(InventoryError, ArithmeticError): ...
class InvalidSnapshot(InventoryError, ValueError): ...

@final
class Outcome:
    """What posting a movement did."""

    @property
    def sequence(self) -> int: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def cogs(self) -> Decimal: ...
    @property
    def moved_value(self) -> Decimal: ...
    @property
    def adjustment(self) -> Optional[Decimal]: ...
    @property
    def duplicate(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Position:
    """Stock of a SKU at one location, or across all locations."""

    @property
    def on_hand(self) -> Decimal: ...
    @property
    def reserved(self) -> Decimal: ...
    @property
    def available(self) -> Decimal: ...
    @property
    def incoming(self) -> Decimal: ...
    @property
    def damaged(self) -> Decimal: ...
    @property
    def quarantine(self) -> Decimal: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class CostLayer:
    """One open cost layer of a valuation."""

    @property
    def location(self) -> str: ...
    @property
    def condition(self) -> _Condition: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def unit_cost(self) -> Decimal: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def received_at(self) -> datetime.datetime: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Valuation:
    """What a SKU's stock is worth."""

    @property
    def sku(self) -> str: ...
    @property
    def method(self) -> _CostMethod: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def unit_cost(self) -> Optional[Decimal]: ...
    @property
    def layers(self) -> list[CostLayer]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class JournalEntry:
    """One applied movement and its outcome."""

    @property
    def movement(self) -> dict[str, Any]:
        """The core's JSON of the movement as a dict; decimals as Decimal, ``time`` as int seconds."""
    @property
    def outcome(self) -> Outcome: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class DemandHistory:
    """Units shipped net of customer returns per day or ISO week, zero-filled."""

    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> Optional[str]: ...
    @property
    def period(self) -> Literal["day", "week"]: ...
    @property
    def start(self) -> datetime.datetime: ...
    @property
    def quantities(self) -> list[Decimal]: ...
    @property
    def labels(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Ledger:
    """A stock ledger; safe to share between threads."""

    def __new__(
        cls,
        costing: _CostMethod = "fifo",
        *,
        allow_negative: bool = False,
        money_scale: int = 2,
        sku_costing: Optional[Mapping[str, _CostMethod]] = None,
    ) -> Ledger: ...
    @property
    def costing(self) -> _CostMethod: ...
    @property
    def allow_negative(self) -> bool: ...
    @property
    def money_scale(self) -> int: ...
    def receive(
        self,
        sku: str,
        location: str,
        quantity: _Amount,
        unit_cost: _Amount,
        time: _Time,
        *,
        reference: Optional[str] = None,
        purchase_order: Optional[str] = None,
    ) -> Outcome: ...
    def ship(
        self,
        sku: str,
        location: str,
        quantity: _Amount,
        time: _Time,
        *,
        reservation: Optional[str] = None,
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def customer_return(
        self,
        sku: str,
        location: str,
        quantity: _Amount,
        time: _Time,
        *,
        condition: _Condition = "sellable",
        shipment: Optional[str] = None,
        unit_cost: Optional[_Amount] = None,
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def return_to_supplier(
        self,
        sku: str,
        location: str,
        quantity: _Amount,
        time: _Time,
        *,
        condition: _Condition = "sellable",
        purchase_order: Optional[str] = None,
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def transfer(
        self,
        sku: str,
        from_location: str,
        to_location: str,
        quantity: _Amount,
        time: _Time,
        *,
        condition: _Condition = "sellable",
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def reclassify(
        self,
        sku: str,
        location: str,
        quantity: _Amount,
        from_condition: _Condition,
        to_condition: _Condition,
        time: _Time,
        *,
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def adjust(
        self,
        sku: str,
        location: str,
        quantity: _Amount,
        reason: _AdjustReason,
        time: _Time,
        *,
        condition: _Condition = "sellable",
        unit_cost: Optional[_Amount] = None,
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def cycle_count(
        self,
        sku: str,
        location: str,
        counted: _Amount,
        time: _Time,
        *,
        condition: _Condition = "sellable",
        unit_cost: Optional[_Amount] = None,
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def reserve(
        self,
        sku: str,
        location: str,
        quantity: _Amount,
        reservation: str,
        time: _Time,
        *,
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def release(
        self,
        sku: str,
        location: str,
        reservation: str,
        time: _Time,
        *,
        quantity: Optional[_Amount] = None,
        reference: Optional[str] = None,
    ) -> Outcome: ...
    def post_columns(
        self,
        kinds: Iterable[str],
        skus: Iterable[str],
        locations: Iterable[str],
        quantities: Iterable[Optional[_Amount]],
        times: Iterable[_Time],
        *,
        unit_costs: Optional[Iterable[Optional[_Amount]]] = None,
        references: Optional[Iterable[Optional[str]]] = None,
        to_locations: Optional[Iterable[Optional[str]]] = None,
        reservations: Optional[Iterable[Optional[str]]] = None,
        reasons: Optional[Iterable[Optional[str]]] = None,
        conditions: Optional[Iterable[Optional[str]]] = None,
        cost_scale: Optional[int] = None,
    ) -> int:
        """Post parallel columns of movements, all-or-nothing; returns the number applied.

        Columns are lists, tuples, other iterables or numpy arrays (integer arrays for
        ``quantities``, ``times`` and ``unit_costs``; float arrays raise InvalidInput).
        With ``cost_scale=k`` every unit cost must be an integer count of 10**-k
        (e.g. cents with ``k=2``), which lets a numpy int64 array carry costs.
        """
    def position(self, sku: str, location: Optional[str] = None) -> Position: ...
    def valuation(self, sku: str, location: Optional[str] = None) -> Valuation: ...
    def total_value(self) -> Decimal: ...
    def skus(self) -> list[str]: ...
    def locations(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def costing_of(self, sku: str) -> _CostMethod: ...
    def set_sku_costing(self, sku: str, method: _CostMethod) -> None: ...
    def reserved_by(self, reservation: str, sku: str, location: str) -> Decimal: ...
    def journal(self) -> list[JournalEntry]: ...
    def history(self, sku: str) -> list[JournalEntry]: ...
    def demand_history(
        self,
        sku: str,
        location: Optional[str] = None,
        period: _PeriodName = "day",
        start: Optional[_Time] = None,
        end: Optional[_Time] = None,
    ) -> DemandHistory: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> Ledger: ...
    @staticmethod
    def replay(
        movements: Iterable[Union[JournalEntry, Mapping[str, Any]]],
        costing: _CostMethod = "fifo",
        *,
        allow_negative: bool = False,
        money_scale: int = 2,
        sku_costing: Optional[Mapping[str, _CostMethod]] = None,
    ) -> Ledger: ...
