"""Type stubs of the compiled extension module ``inventory_core._inventory_core``."""

import datetime
import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, Optional, TypedDict, Union, final, overload

import numpy as np
from numpy.typing import NDArray

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
    "UnknownReceipt",
    "UnknownSupplier",
    "UnknownOrder",
    "UnknownOrderLine",
    "DuplicateId",
    "InvalidOrderState",
    "OverReceipt",
    "StoreError",
    "StoreLocked",
    "StoreCorrupt",
    "StoreIoError",
    "Supplier",
    "SupplierItem",
    "PurchaseOutcome",
    "PurchaseOrder",
    "OrderLine",
    "Incoming",
    "IncomingBucket",
    "ReceivingReport",
    "ReceivingLine",
    "OverdueLine",
    "SupplierPerformance",
    "LeadTimeEstimate",
    "PaymentDue",
    "CashOutBucket",
    "PurchaseRecord",
    "Component",
    "KitDefinition",
    "KitRecord",
    "KitOutcome",
    "Buildable",
    "KitMovementOutcome",
    "BundleRecord",
    "ItemSet",
    "BundleCandidates",
    "DEFAULT_MIN_SUPPORT",
    "PolicySettings",
    "PolicyAssignment",
    "DemandForecast",
    "PooledForecast",
    "PlanRequest",
    "SkuClass",
    "ClassPolicies",
    "classes_from_ledger",
    "Plan",
    "PlanItem",
    "SuggestedLine",
    "SuggestedTransfer",
    "SupplierSuggestion",
    "CutLine",
    "Alert",
    "SimDemand",
    "SimPolicy",
    "SimConfig",
    "SimReport",
    "simulate",
    "simulate_many",
    "MAX_SIM_DAYS",
    "MAX_SIM_THREADS",
    "SafetyStock",
    "SafetyStockBatch",
    "OrderQuantity",
    "OrderQuantityBatch",
    "BackorderQuantity",
    "ProductionQuantity",
    "DiscountQuantity",
    "RoundedQuantity",
    "Newsvendor",
    "AbcItem",
    "AbcResult",
    "XyzItem",
    "XyzResult",
    "SkuActivity",
    "AgingBucket",
    "DeadStock",
    "StockCover",
    "normal_cdf",
    "inverse_normal_cdf",
    "normal_loss",
    "demand_stats",
    "safety_stock",
    "eoq",
    "eoq_cost",
    "eoq_backorders",
    "epq",
    "eoq_discount",
    "round_order_quantity",
    "newsvendor_normal",
    "newsvendor_empirical",
    "newsvendor_costs_from_prices",
    "abc",
    "abc_measure",
    "xyz",
    "xyz_many",
    "abc_xyz_label",
    "FittedModel",
    "Forecast",
    "SeriesForecast",
    "PanelForecast",
    "Backtest",
    "fit_model",
    "forecast_series",
    "forecast_panel",
    "classify_demand",
    "backtest",
    "forecast_metrics",
]

__version__: str

_Amount = Union[Decimal, int, str]
"""Money or a quantity: ``Decimal``, ``int`` or ``str`` (a ``float`` or a ``bool`` raises InvalidInput, another type
TypeError)."""
_Time = Union[int, datetime.datetime, datetime.date]
"""Seconds since the Unix epoch (UTC), an aware or naive (= UTC) datetime, or a date (midnight UTC)."""
_CostMethod = Literal["fifo", "lifo", "moving_average"]
_Condition = Literal["sellable", "damaged", "quarantine"]
_AdjustReason = Literal["damage", "shrinkage", "found", "expired", "correction", "cycle_count", "other", "assembly", "disassembly"]
_PeriodName = Literal["day", "daily", "week", "weekly"]
_TimeUnit = Literal["day", "days", "week", "weeks", "month", "months", "year", "years"]
_SafetyStockMethod = Literal[
    "demand_variability", "lead_time_variability", "combined", "max_minus_average", "periodic_review"
]
_AbcMeasure = Literal["revenue", "consumption_value", "units", "margin"]
_Floats = Union[Sequence[float], NDArray[Any]]
_SafetyStockColumn = Literal[
    "safety_stock", "safety_factor", "protection_interval", "expected_demand", "std_dev_protection", "reorder_point"
]
_OrderQuantityColumn = Literal["quantity", "total_cost", "ordering_cost", "holding_cost", "orders_per_year", "cycle_years"]
"""A column of floats: a list / tuple of numbers or a one-dimensional numpy array (native-order float64 is
read without conversion; any other real dtype (ints, bools, objects), byte order or strides is converted to
native float64 once; complex, text, datetime64 and timedelta64 arrays and arrays of two or more dimensions are
refused)."""
_FloatOrFloats = Union[float, _Floats]
_OverReceipt = Union[Literal["refuse", "accept"], _Amount]
"""The over-receipt policy: refuse any unit beyond a line's quantity, accept all, or a tolerance in percent."""
_DiscountKind = Literal["all_units", "incremental"]
_OrderStatus = Literal["draft", "placed", "confirmed", "partially_received", "received", "closed", "cancelled"]
_ChargeKind = Literal["freight", "duty", "insurance", "other"]
_Allocation = Literal["quantity", "value", "weight"]
_PolicyName = Literal["reorder_point", "min_max", "order_up_to", "periodic_min_max", "just_in_time", "dropship", "manual"]
_Reason = Literal["below_reorder_point", "below_min", "periodic_review", "just_in_time"]
_CutReason = Literal["budget", "supplier_budget", "max_order_value", "capacity"]
_AlertKind = Literal[
    "negative_available",
    "stockout_within_lead_time",
    "below_reorder_point",
    "overdue_line",
    "no_supplier",
    "overstock",
    "dead_stock",
    "slow_stock",
]
_SyncMode = Literal["full", "normal", "off"]
"""How durable a commit of ``Ledger.open`` is: ``"full"`` survives a process crash and a power loss, ``"normal"`` a
process crash only, ``"off"`` (tests and bulk loads) neither for sure."""
_MovementKindName = Literal[
    "receive",
    "landed_cost",
    "ship",
    "customer_return",
    "return_to_supplier",
    "transfer",
    "reclassify",
    "adjust",
    "cycle_count",
    "reserve",
    "release",
]
_Abc = Literal["A", "B", "C"]
_Xyz = Literal["X", "Y", "Z"]
_KitKind = Literal["assembled", "virtual"]
_BundleAction = Literal["reserve", "release", "ship", "return"]

class _ComponentDict(TypedDict):
    sku: str
    quantity: _Amount

_Component = Union[tuple[str, _Amount], _ComponentDict, "Component"]
"""A line of a bill of material: a pair ``(sku, quantity)``, a dict ``{"sku", "quantity"}`` or a
:class:`Component`; the quantity is an amount (a ``float`` raises InvalidInput)."""

class _NewLineRequired(TypedDict):
    line: int
    sku: str
    location: str
    quantity: _Amount
    expected: _Time

class _NewLineDict(_NewLineRequired, total=False):
    unit_price: Optional[_Amount]

_NewLine = Union[
    _NewLineDict,
    tuple[int, str, str, _Amount, _Time],
    tuple[int, str, str, _Amount, _Time, Optional[_Amount]],
]
"""An order line: a dict, or a tuple ``(line, sku, location, quantity, expected[, unit_price])``;
without a unit price the line takes the supplier's price for its quantity."""

class _LineChangeRequired(TypedDict):
    line: int

class _LineChangeDict(_LineChangeRequired, total=False):
    quantity: Optional[_Amount]
    expected: Optional[_Time]

class _ReceiptLineRequired(TypedDict):
    line: int

class _ReceiptLineDict(_ReceiptLineRequired, total=False):
    sellable: Optional[_Amount]
    damaged: Optional[_Amount]
    quarantine: Optional[_Amount]
    unit_price: Optional[_Amount]

_ReceiptLine = Union[
    _ReceiptLineDict,
    tuple[int, _Amount],
    tuple[int, _Amount, _Amount],
    tuple[int, _Amount, _Amount, _Amount],
]
"""What arrived of an order line: a dict, or a tuple ``(line, sellable[, damaged[, quarantine]])``."""

class _JournalColumns(TypedDict):
    """``Ledger.journal_columns``: one row per journal entry."""

    sequence: NDArray[np.uint64]
    time: NDArray[np.int64]
    kind: list[_MovementKindName]
    sku: list[str]
    location: list[Optional[str]]
    to_location: list[Optional[str]]
    quantity: list[Optional[Decimal]]
    unit_cost: list[Optional[Decimal]]
    reference: list[Optional[str]]
    quantity_change: list[Decimal]
    value_change: list[Decimal]
    cogs: list[Decimal]

class InventoryError(Exception):
    """Base class of every error raised by inventory_core."""

    index: Optional[int]
    """For a batch (``post_columns``, ``replay``, ``forecast_panel``, ``simulate_many``): the 0-based index of the failing
    movement, series or run."""

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
class Overflow(InventoryError, ArithmeticError):
    """A result the types cannot hold: a decimal computation overflowed the decimal range, or finite inputs gave a
    result that is not a finite float (inf or NaN; e.g. the EOQ of a demand of 1e308 units a year)."""
class InvalidSnapshot(InventoryError, ValueError): ...
class UnknownReceipt(InventoryError, KeyError): ...
class UnknownSupplier(InventoryError, KeyError): ...
class UnknownOrder(InventoryError, KeyError): ...
class UnknownOrderLine(InventoryError, KeyError): ...
class DuplicateId(InventoryError, ValueError): ...
class InvalidOrderState(InventoryError, ValueError): ...
class OverReceipt(InventoryError, ValueError): ...
class StoreError(InventoryError, OSError):
    """A durable store (``Ledger.open``) cannot be used: it is locked, damaged or not a ledger store, or reading or
    writing it failed. Also an ``OSError``, as the file errors it stands for are; ``errno``, ``strerror`` and
    ``filename`` are None (the message names the file). A configuration other than the store's is InvalidInput."""

class StoreLocked(StoreError):
    """Another ledger has the store open for writing (in this process or another) until that Ledger object is
    deleted or its process ends."""

class StoreCorrupt(StoreError):
    """The file is not a ledger store, is damaged (truncated, overwritten, a bad checksum, a journal that does not
    replay), or has a format version this build does not read."""

class StoreIoError(StoreError):
    """Reading or writing the store failed (disk full, not writable, a database error); nothing of the call was
    kept, in the store or in memory."""

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
    @property
    def origin(self) -> int:
        """The journal sequence number of the movement that brought the units into the books."""
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
        over_receipt: _OverReceipt = "refuse",
    ) -> Ledger: ...
    @property
    def costing(self) -> _CostMethod: ...
    @property
    def allow_negative(self) -> bool: ...
    @property
    def money_scale(self) -> int: ...
    @property
    def over_receipt(self) -> Union[Literal["refuse", "accept"], Decimal]:
        """What a receipt against a purchase order may bring beyond a line's quantity."""
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
        condition: _Condition = "sellable",
    ) -> Outcome: ...
    def landed_cost(
        self, sku: str, receipt: int, amount: _Amount, time: _Time, *, reference: Optional[str] = None
    ) -> Outcome:
        """A cost added to the receipt movement with journal sequence number ``receipt``: the share of
        its units still on hand raises their value, the share already gone is COGS."""
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
        purchase_orders: Optional[Iterable[Optional[str]]] = None,
        shipments: Optional[Iterable[Optional[str]]] = None,
        cost_scale: Optional[int] = None,
    ) -> int:
        """Post parallel columns of movements, all-or-nothing; returns the number applied.

        Columns are lists, tuples, other iterables or numpy arrays (integer arrays for
        ``quantities``, ``times`` and ``unit_costs``, of either byte order; float arrays raise
        InvalidInput). A column given as an array must be one-dimensional: a 2-d (or 0-d) array
        raises InvalidInput naming the column rather than being flattened. A bool (``True``,
        ``numpy.bool_``) is not a quantity or an amount (InvalidInput).
        Optional columns are None (absent) or as long as ``kinds``, and an entry may be
        None. Row ``i`` uses what its kind uses, as the per-movement methods do:
        ``purchase_orders`` for ``receive`` and ``return_to_supplier`` rows, ``shipments`` for ``customer_return``
        rows (the units come back at the cost the named shipment left with, as with
        ``customer_return(..., shipment=...)``), ``reservations`` for ``ship``,
        ``reserve`` and ``release``, ``to_locations`` for ``transfer``, ``reasons`` for
        ``adjust``; entries on rows of other kinds are ignored.
        With ``cost_scale=k`` every unit cost must be an integer count of 10**-k
        (e.g. cents with ``k=2``), which lets a numpy int64 array carry costs.
        Text entries must be ``str`` (subclasses such as ``numpy.str_`` too); the text of
        each str object is read in place for the call, not copied into the library. A
        column entry that is not a str raises TypeError, a str that is not valid Unicode text
        (a lone surrogate) InvalidInput, each naming the column and row. A column that is a
        str, bytes or a dict (not a column), or a float array of times, raises TypeError.
        A text column may also be a one-dimensional ``numpy.ndarray`` of fixed-width
        strings (dtype ``U``, or ``S`` holding UTF-8 bytes): its text is copied out of the
        array in one pass, without a Python object per row (subclasses such as masked
        arrays and ``chararray`` are read item by item, as they present their items). Trailing NULs are padding, as numpy
        reads them, and in an optional column an empty string is a missing entry (such
        arrays cannot hold None).
        """
    def position(self, sku: str, location: Optional[str] = None) -> Position: ...
    def valuation(self, sku: str, location: Optional[str] = None) -> Valuation: ...
    def total_value(self) -> Decimal:
        """Total value of all stock (raises Overflow if the sum leaves the decimal range)."""
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
    def demand_stats(
        self,
        sku: str,
        location: Optional[str] = None,
        period: _PeriodName = "day",
        start: Optional[_Time] = None,
        end: Optional[_Time] = None,
    ) -> tuple[float, float]:
        """(mean, sample standard deviation) of the SKU's demand history per day or week."""
    def abc(
        self,
        start: _Time,
        end: _Time,
        *,
        measure: Literal["units", "consumption_value"] = "units",
        a: float = 0.8,
        b: float = 0.95,
    ) -> list[tuple[str, AbcItem]]:
        """ABC classes of every SKU over [start, end), in the ledger's SKU order."""
    def xyz(
        self, start: _Time, end: _Time, *, period: _PeriodName = "day", x: float = 0.5, y: float = 1.0
    ) -> list[tuple[str, XyzItem]]:
        """XYZ classes of every SKU from its demand per period over [start, end)."""
    def activity(self, sku: str, start: _Time, end: _Time) -> SkuActivity: ...
    def activity_all(self, start: _Time, end: _Time) -> list[SkuActivity]: ...
    def aging(
        self, as_of: _Time, *, sku: Optional[str] = None, bounds: Optional[Sequence[int]] = None
    ) -> list[AgingBucket]:
        """Stock by age in days (default bounds (30, 60, 90, 180))."""
    def dead_stock(self, as_of: _Time, days: int) -> list[DeadStock]: ...
    def slow_movers(self, as_of: _Time, window_days: int, min_days_of_supply: float) -> list[StockCover]: ...
    def overstock(self, as_of: _Time, window_days: int, cover_days: float) -> list[StockCover]: ...
    def to_json(self) -> str: ...

    # ----- durable store -----

    @staticmethod
    def open(
        path: Union[str, bytes, os.PathLike[str], os.PathLike[bytes]],
        *,
        costing: Optional[_CostMethod] = None,
        allow_negative: Optional[bool] = None,
        money_scale: Optional[int] = None,
        sku_costing: Optional[Mapping[str, _CostMethod]] = None,
        over_receipt: Optional[_OverReceipt] = None,
        checkpoint_every: int = 100000,
        sync: _SyncMode = "full",
    ) -> Ledger:
        """Opens (or creates) the durable ledger in the SQLite database file at ``path``: every change is committed
        to the file before its call returns; a refused call writes nothing. The configuration keywords are those of
        ``Ledger()``: all None keeps an existing store's configuration (a new store gets the default); any given
        builds the configuration as ``Ledger()`` does, which must equal an existing store's (else InvalidInput).
        ``checkpoint_every``: a checkpoint after every this many movements (0: only on ``checkpoint()``). Raises
        StoreLocked while another Ledger has the file open, StoreCorrupt for a file that is not a ledger store or is
        damaged. The lock is released when the Ledger object is deleted (and garbage-collected)."""
    def checkpoint(self) -> None:
        """Writes a checkpoint of the state to the store now (InvalidInput for a ledger without a store)."""
    def close(self) -> None:
        """Closes the store (releasing its lock), keeping the ledger in memory; a no-op in memory."""
    def __enter__(self) -> "Ledger": ...
    def __exit__(self, *_exc: object) -> bool: ...
    @property
    def durable(self) -> bool:
        """Whether the ledger commits every change to a store (``Ledger.open``)."""
    def journal_jsonl(self, since: int = 0) -> str:
        """The journal entries from sequence number ``since`` on, one JSON object
        ``{"movement": ..., "outcome": ...}`` per line (decimals as strings)."""
    def journal_columns(self, since: int = 0) -> _JournalColumns:
        """The journal entries from sequence number ``since`` on, as columns (numpy ``sequence`` and ``time``, lists
        for the rest; None where a movement's kind has no such field)."""
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
        over_receipt: _OverReceipt = "refuse",
    ) -> Ledger: ...

    # ----- purchasing: events (each returns a PurchaseOutcome) -----

    def set_supplier(self, supplier: Supplier, time: _Time, *, reference: Optional[str] = None) -> PurchaseOutcome:
        """Creates a supplier, or replaces its name, terms and catalogue."""
    def create_order(
        self,
        order: str,
        supplier: str,
        lines: Iterable[_NewLine],
        time: _Time,
        *,
        reference: Optional[str] = None,
    ) -> PurchaseOutcome:
        """Creates a draft purchase order."""
    def add_order_line(
        self, order: str, line: _NewLine, time: _Time, *, reference: Optional[str] = None
    ) -> PurchaseOutcome: ...
    def amend_order_line(
        self,
        order: str,
        line: int,
        time: _Time,
        *,
        quantity: Optional[_Amount] = None,
        expected: Optional[_Time] = None,
        unit_price: Optional[_Amount] = None,
        reference: Optional[str] = None,
    ) -> PurchaseOutcome:
        """The buyer changes a line's quantity, expected time or unit price."""
    def place_order(self, order: str, time: _Time, *, reference: Optional[str] = None) -> PurchaseOutcome:
        """Sends a draft order to the supplier: its open lines become incoming."""
    def confirm_order(
        self,
        order: str,
        time: _Time,
        changes: Iterable[_LineChangeDict] = (),
        *,
        reference: Optional[str] = None,
    ) -> PurchaseOutcome:
        """The supplier confirms a placed order, possibly with changed quantities or dates."""
    def receive_order(
        self,
        order: str,
        receipt: str,
        lines: Iterable[_ReceiptLine],
        time: _Time,
        *,
        reference: Optional[str] = None,
    ) -> PurchaseOutcome:
        """Goods arrive against an order, counted by condition; each non-zero count is a receive movement."""
    def cancel_order(
        self, order: str, time: _Time, line: Optional[int] = None, *, reference: Optional[str] = None
    ) -> PurchaseOutcome:
        """The buyer cancels the open remainder of one line, or of every line."""
    def close_order_short(
        self, order: str, time: _Time, line: Optional[int] = None, *, reference: Optional[str] = None
    ) -> PurchaseOutcome:
        """The supplier will not deliver the open remainder of one line, or of every line."""
    def add_charge(
        self,
        order: str,
        charge: str,
        kind: _ChargeKind,
        amount: _Amount,
        time: _Time,
        *,
        receipts: Optional[Sequence[str]] = None,
        allocation: _Allocation = "quantity",
        weights: Optional[Mapping[int, _Amount]] = None,
        reference: Optional[str] = None,
    ) -> PurchaseOutcome:
        """A landed-cost charge over the order's receipts (all so far, or ``receipts``), split by
        units, value, or units x a weight per unit (``weights``: {line number: weight}, only with
        ``allocation="weight"``)."""
    def record_payment(
        self, order: str, payment: str, amount: _Amount, time: _Time, *, reference: Optional[str] = None
    ) -> PurchaseOutcome: ...
    def dropship(
        self,
        order: str,
        sku: str,
        location: str,
        quantity: _Amount,
        time: _Time,
        *,
        supplier: Optional[str] = None,
        unit_price: Optional[_Amount] = None,
        expected: Optional[_Time] = None,
        customer_order: Optional[str] = None,
        reference: Optional[str] = None,
    ) -> PurchaseOutcome:
        """A customer bought a dropshipped SKU: creates and places order ``order`` (one line,
        number 1) for the supplier's direct delivery. Its open units are not incoming stock;
        receiving it (sellable units only) ships them on at once, so the sale's COGS is the
        supplier's price. ``location`` must hold no stock (else InvalidState). Defaults: the
        SKU's preferred supplier (UnknownSupplier if none sells it), its price for the
        quantity, ``time`` plus its quoted lead time."""

    # ----- purchasing: queries -----

    def supplier(self, id: str) -> Optional[Supplier]: ...
    def suppliers(self) -> list[Supplier]: ...
    def suppliers_of(self, sku: str) -> list[tuple[Supplier, SupplierItem]]:
        """The suppliers of a SKU with their items, the preferred one first."""
    def order(self, id: str) -> PurchaseOrder: ...
    def order_ids(self) -> list[str]: ...
    def incoming(self, sku: Optional[str] = None, location: Optional[str] = None) -> list[Incoming]: ...
    def incoming_schedule(
        self, period: _PeriodName = "day", sku: Optional[str] = None, location: Optional[str] = None
    ) -> list[IncomingBucket]: ...
    def receiving_report(self, order: str) -> ReceivingReport: ...
    def overdue_lines(self, as_of: _Time) -> list[OverdueLine]: ...
    def supplier_performance(self, supplier: str, sku: Optional[str] = None) -> SupplierPerformance: ...
    def lead_time(self, supplier: str, sku: str) -> LeadTimeEstimate:
        """Measured (from at least 5 receipt lines) or the supplier's quote."""
    def payment_schedule(self) -> list[PaymentDue]: ...
    def cash_out(self, period: _PeriodName = "week") -> list[CashOutBucket]: ...
    def purchase_records(self) -> list[PurchaseRecord]: ...

    # ----- kits -----

    def define_kit(
        self,
        kit: str,
        components: Iterable[_Component],
        effective: _Time,
        *,
        kind: _KitKind = "assembled",
        reference: Optional[str] = None,
    ) -> KitOutcome:
        """Defines a kit, or a new version of one from ``effective`` on. Each component is a
        SKU the ledger knows (with movements, or sold by a supplier) or a kit. Refused, with
        the ledger unchanged: no components, a component listed twice or naming the kit
        itself, a quantity <= 0 or above 10^9, an unknown kind, an effective time out of
        range (InvalidInput); a cycle through other kits at any time (InvalidInput naming the
        path); an unknown component (UnknownSku); a version dated before the kit's latest
        (OutOfOrder); a ``reference`` already posted with another definition
        (DuplicateReference). The same definition with the same ``reference`` returns the
        first outcome with ``duplicate`` set."""
    def kit_definition(self, kit: str, time: Optional[_Time] = None) -> Optional[KitDefinition]:
        """The definition of ``kit`` in force at ``time`` (the latest version when ``time`` is
        None), or None if it is not a kit (at that time)."""
    def kit_records(self) -> list[KitRecord]:
        """Every kit definition, in the order they were posted (in the snapshot)."""
    def buildable(self, kit: str, location: Optional[str] = None, *, time: _Time) -> Buildable:
        """The whole kits that can be built at ``location`` (None: all locations, as if their
        stock were pooled) from the available stock (on hand less reserved), with the
        definitions in force at ``time``; an assembled component's own stock is used first.
        ``time`` is required (it selects the definitions' versions; it is not read from the
        clock). UnknownSku if ``kit`` is not a kit at ``time``."""
    def sellable(self, kit: str, location: Optional[str] = None, *, time: _Time) -> Buildable:
        """``buildable``, plus the kit's own available stock for an assembled kit (a virtual
        bundle has none). ``time`` is required, as for ``buildable``."""
    def buildable_all(self, location: Optional[str] = None, *, time: _Time) -> list[Buildable]:
        """``buildable`` of every kit with a definition in force at ``time``, sorted by kit, at
        ``location`` (None: all locations pooled): the same answers, kit for kit, in one batch
        that reads each component's stock once (the ledger keeps what the batch planned for the
        next ones, while the definitions, SKUs and positions are the same). The first kit's
        error, as ``buildable`` of each in turn would raise it."""
    def buildable_many(
        self, kits: Sequence[str], location: Optional[str] = None, *, time: _Time
    ) -> list[Buildable]:
        """``buildable`` of each of ``kits`` (a list or another sequence of str, repeats allowed),
        in their order, at ``location`` (None: all pooled), in one batch as ``buildable_all``.
        UnknownSku for the first that is not a kit at ``time`` (unless a kit before it raises
        first, as ``buildable`` of each in turn would)."""
    def sellable_all(self, location: Optional[str] = None, *, time: _Time) -> list[Buildable]:
        """``sellable`` of every kit with a definition in force at ``time``, sorted by kit, at
        ``location`` (None: all), in one batch as ``buildable_all``."""
    def sellable_many(
        self, kits: Sequence[str], location: Optional[str] = None, *, time: _Time
    ) -> list[Buildable]:
        """``sellable`` of each of ``kits``, in their order, at ``location`` (None: all), in one
        batch as ``buildable_many``."""
    def kit_cost(self, kit: str, location: Optional[str] = None, *, time: _Time) -> Decimal:
        """The cost of one kit from its components' current unit costs (stock value / units)
        at ``location`` (None: all), with the definitions in force at ``time`` (required); an
        assembled component in stock at its own unit cost, any other kit rolled up. Exact,
        not rounded. UnknownSku if ``kit`` is not a kit then; InvalidInput naming a component
        without stock to value it by."""
    def explode_kit(
        self, kit: str, quantity: _Amount, time: _Time, to_leaves: bool = False
    ) -> list[tuple[str, Decimal]]:
        """The components ``quantity`` kits consume at ``time``, as ``(sku, quantity)`` pairs
        summed by SKU and sorted: through virtual components down to what has stock (plain
        SKUs and assembled kits), or with ``to_leaves`` down to the SKUs that are not kits.
        InvalidInput for a negative quantity; UnknownSku if ``kit`` is not a kit then."""
    def assemble(
        self,
        kit: str,
        location: str,
        quantity: _Amount,
        time: _Time,
        *,
        extra_cost: Optional[_Amount] = None,
        reference: Optional[str] = None,
    ) -> KitMovementOutcome:
        """Assembles ``quantity`` units of the assembled kit ``kit`` at ``location`` in one
        transaction: its components, as defined at ``time`` (through virtual sub-bundles; an
        assembled sub-kit from its own stock), leave the location's available stock (on hand
        less reserved, whatever ``allow_negative`` says) through their costing methods (adjustments
        with reason "assembly": no COGS), and the kit's units arrive at exactly the cost consumed
        + ``extra_cost`` (labour, packaging). The kit's movement carries ``reference``: the same
        assembly again returns it with ``duplicate`` set. Refused, with the ledger unchanged:
        UnknownSku (not a kit at ``time``), InvalidInput (a virtual bundle, a quantity <= 0, a
        negative extra cost), InsufficientStock naming the first component short,
        DuplicateReference (``reference`` used by another operation)."""
    def disassemble(
        self, kit: str, location: str, quantity: _Amount, time: _Time, *, reference: Optional[str] = None
    ) -> KitMovementOutcome:
        """Takes ``quantity`` available units of the assembled kit ``kit`` at ``location`` apart in
        one transaction: they leave through the kit's costing method (value V), and its components
        (as defined at ``time``) come back (reason "disassembly") with V split in proportion to
        their current cost, each part but the last rounded down to the money scale and the last
        taking the remainder: no cent lost or created. Errors as ``assemble``; InsufficientStock
        when the kit's available units are short."""
    def reserve_bundle(
        self,
        bundle: str,
        location: str,
        quantity: _Amount,
        order: str,
        time: _Time,
        *,
        reference: Optional[str] = None,
    ) -> KitMovementOutcome:
        """Reserves every component of ``quantity`` virtual bundles at ``location`` for ``order``
        (the definition at ``time``, through virtual sub-bundles; an assembled component as its
        own stock), all or nothing, recorded as a ``BundleRecord``. Refused, with the ledger
        unchanged: UnknownSku (not a kit at ``time``), InvalidInput (an assembled kit, a quantity
        <= 0, an empty reference), InsufficientStock naming a component, DuplicateReference."""
    def release_bundle(
        self,
        bundle: str,
        location: str,
        quantity: _Amount,
        order: str,
        time: _Time,
        *,
        reference: Optional[str] = None,
    ) -> KitMovementOutcome:
        """Releases the reservation of every component of ``quantity`` bundles for ``order``, all
        or nothing. Errors as ``reserve_bundle``, and UnknownReservation or ReservationExceeded
        naming a component."""
    def ship_bundle(
        self,
        bundle: str,
        location: str,
        quantity: _Amount,
        time: _Time,
        *,
        reference: str,
        order: Optional[str] = None,
    ) -> KitMovementOutcome:
        """Ships ``quantity`` bundles from ``location`` (from ``order``'s reservation when given,
        else from available stock), all or nothing; ``value`` is the bundle's COGS, the sum of its
        components'. ``reference`` is required: the components' shipments carry the references
        ``"{reference}/{component}"``, and ``return_bundle`` names it. Errors as
        ``reserve_bundle``, and UnknownReservation or ReservationExceeded."""
    def return_bundle(
        self, shipment: str, location: str, quantity: _Amount, time: _Time, *, reference: Optional[str] = None
    ) -> KitMovementOutcome:
        """Takes back ``quantity`` bundles of the bundle shipment ``shipment`` (its reference) at
        ``location``: every component the shipment moved (under the definition it shipped with)
        comes back as a customer return of its own shipment, at the cost it left with; all or
        nothing. Refused, with the ledger unchanged: UnknownShipment (no bundle shipment under
        that reference), ReturnMismatch (more than is left to return), and as
        ``reserve_bundle``."""
    def bundle_records(self) -> list[BundleRecord]:
        """Every bundle posting, in order (in the snapshot)."""
    def bundle_demand_history(
        self,
        bundle: str,
        location: Optional[str] = None,
        period: _PeriodName = "day",
        start: Optional[_Time] = None,
        end: Optional[_Time] = None,
    ) -> DemandHistory:
        """A virtual bundle's own demand: bundles shipped net of bundles returned (its
        ``BundleRecord``s) per day or ISO week at ``location`` (None: all), zero-filled, as
        ``demand_history`` (default range: its first to its latest shipment or return).
        UnknownSku for a SKU that was never a kit; InvalidInput for a bad range."""
    def exploded_demand_history(
        self,
        sku: str,
        location: Optional[str] = None,
        period: _PeriodName = "day",
        start: Optional[_Time] = None,
        end: Optional[_Time] = None,
    ) -> DemandHistory:
        """The true pull on ``sku``: its own net shipments (which include the components of
        virtual bundles sold) plus every assembled kit's net shipments times the units of
        ``sku`` one kit pulls (through nested kits, by the definition in force at each
        shipment), per day or ISO week, zero-filled, as ``demand_history``. Forecast a
        component from this. UnknownSku for a SKU with no movements that is in no kit;
        InvalidInput for a bad range."""
    def bundle_candidates(self, start: _Time, end: _Time, min_support: float = 0.01) -> BundleCandidates:
        """The item pairs and triples bought together in the orders shipped in [start, end) (the
        SKUs shipped under one reservation; a bundle's components count as the bundle), with
        support, confidence and lift, best first. Only sets in at least ``min_support`` of the
        orders (default ``DEFAULT_MIN_SUPPORT``, 1 %) and in at least 2 orders are kept.
        InvalidInput for a ``min_support`` outside (0, 1] or ``start`` after ``end``."""

    # ----- replenishment -----

    def split_forecast(
        self,
        pooled: Iterable[PooledForecast],
        as_of: _Time,
        lookback_days: int = 91,
        locations: Optional[Iterable[str]] = None,
    ) -> list[DemandForecast]:
        """Splits pooled forecasts over locations by each location's share of the SKU's net
        demand (shipments less customer returns) in the ``lookback_days`` before ``as_of``
        (equal shares without any). The locations are ``locations`` (the same for every SKU),
        else each SKU's with sellable stock or a recent sale (UnknownSku for a SKU the ledger
        never saw). A location's daily deviation is sqrt(w^2 sd^2 + w (1 - w) mean): the
        binomial thinning of the pooled demand."""
    def plan(self, request: PlanRequest) -> Plan:
        """A planning run: projected stock, suggested purchase orders by supplier, transfers and
        alerts for every SKU x location of the request's forecasts. Reads the ledger only, with
        the GIL released; a bad request (horizon 0, a service level outside (0, 1), a negative
        forecast, two forecasts for one pair, ...) raises InvalidInput."""
    def accept_plan(
        self,
        orders: Union[Mapping[str, SupplierSuggestion], Iterable[tuple[str, SupplierSuggestion]]],
        transfers: Iterable[SuggestedTransfer] = (),
        *,
        time: _Time,
    ) -> list[PurchaseOutcome]:
        """Posts the transfers (as stock transfers) and creates and places each suggestion as a
        purchase order under its id (lines numbered from 1, with the suggestion's quantities,
        prices, locations and expected times), all at ``time`` and all-or-nothing: on the first
        error (an id already used, not enough stock to move, ...) the ledger is unchanged.
        Returns the purchasing outcomes (a create and a place per order)."""

# ----- purchasing -----

@final
class SupplierItem:
    """What a supplier sells of one SKU: pass exactly one of ``unit_price`` or ``prices``."""

    def __new__(
        cls,
        sku: str,
        unit_price: Optional[_Amount] = None,
        *,
        lead_time_days: float,
        lead_time_std_days: float = 0.0,
        prices: Optional[Iterable[tuple[_Amount, _Amount]]] = None,
        discount: _DiscountKind = "all_units",
        min_order_quantity: Optional[_Amount] = 0,
        pack_size: Optional[_Amount] = None,
        preferred: bool = False,
        supplier_sku: Optional[str] = None,
    ) -> SupplierItem: ...
    @property
    def sku(self) -> str: ...
    @property
    def prices(self) -> list[tuple[Decimal, Decimal]]:
        """(min_quantity, unit_price) pairs by increasing quantity (a unit_price is one break at 0)."""
    @property
    def discount(self) -> _DiscountKind: ...
    @property
    def lead_time_days(self) -> float: ...
    @property
    def lead_time_std_days(self) -> float: ...
    @property
    def min_order_quantity(self) -> Decimal: ...
    @property
    def pack_size(self) -> Optional[Decimal]: ...
    @property
    def preferred(self) -> bool: ...
    @property
    def supplier_sku(self) -> Optional[str]: ...
    def price_for(self, quantity: _Amount) -> Decimal:
        """The unit price of an order line of ``quantity`` units."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Supplier:
    """A supplier: payment terms ("2/10 net 30": ``discount_percent=2, discount_days=10, net_days=30``) and items."""

    def __new__(
        cls,
        id: str,
        name: str,
        *,
        net_days: int = 0,
        discount_percent: Optional[_Amount] = None,
        discount_days: int = 0,
        items: Iterable[SupplierItem] = (),
    ) -> Supplier: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def net_days(self) -> int: ...
    @property
    def discount_percent(self) -> Optional[Decimal]: ...
    @property
    def discount_days(self) -> int: ...
    @property
    def items(self) -> list[SupplierItem]: ...
    @property
    def terms(self) -> str:
        """The payment terms as text ("2/10 net 30")."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PurchaseOutcome:
    """What posting a purchasing event did."""

    @property
    def sequence(self) -> int: ...
    @property
    def movements(self) -> list[Outcome]: ...
    @property
    def status(self) -> Optional[_OrderStatus]: ...
    @property
    def duplicate(self) -> bool: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class OrderLine:
    """A purchase order line as it stands."""

    @property
    def line(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def ordered(self) -> Decimal: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def expected(self) -> datetime.datetime: ...
    @property
    def received_sellable(self) -> Decimal: ...
    @property
    def received_damaged(self) -> Decimal: ...
    @property
    def received_quarantine(self) -> Decimal: ...
    @property
    def received(self) -> Decimal: ...
    @property
    def cancelled(self) -> Decimal: ...
    @property
    def closed_short(self) -> Decimal: ...
    @property
    def open(self) -> Decimal: ...
    @property
    def received_value(self) -> Decimal: ...
    @property
    def price_variance(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PurchaseOrder:
    """A purchase order as it stands."""

    @property
    def id(self) -> str: ...
    @property
    def supplier(self) -> str: ...
    @property
    def status(self) -> _OrderStatus: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def placed_at(self) -> Optional[datetime.datetime]: ...
    @property
    def confirmed_at(self) -> Optional[datetime.datetime]: ...
    @property
    def net_days(self) -> int: ...
    @property
    def discount_percent(self) -> Optional[Decimal]: ...
    @property
    def discount_days(self) -> int: ...
    @property
    def terms(self) -> str: ...
    @property
    def lines(self) -> list[OrderLine]: ...
    @property
    def receipts(self) -> list[str]: ...
    @property
    def charges(self) -> list[str]: ...
    @property
    def paid(self) -> Decimal: ...
    @property
    def dropship(self) -> bool:
        """A dropship order: delivered by the supplier to the customer, never stocked."""
    @property
    def customer_order(self) -> Optional[str]:
        """The customer's order id of a dropship order."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Incoming:
    """Units incoming of a SKU at a location (open quantity of placed orders)."""

    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class IncomingBucket:
    """Units incoming of a SKU at a location, expected in one UTC day or ISO week."""

    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def start(self) -> datetime.datetime: ...
    @property
    def quantity(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ReceivingLine:
    """A line of a receiving report; in the total, ``line`` is None and ``sku`` and ``location`` are ""."""

    @property
    def line(self) -> Optional[int]: ...
    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def ordered(self) -> Decimal: ...
    @property
    def sellable(self) -> Decimal: ...
    @property
    def damaged(self) -> Decimal: ...
    @property
    def quarantine(self) -> Decimal: ...
    @property
    def open(self) -> Decimal: ...
    @property
    def cancelled(self) -> Decimal: ...
    @property
    def closed_short(self) -> Decimal: ...
    @property
    def received_value(self) -> Decimal: ...
    @property
    def price_variance(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ReceivingReport:
    """What an order asked for and what came of it, per line and in total."""

    @property
    def order(self) -> str: ...
    @property
    def supplier(self) -> str: ...
    @property
    def status(self) -> _OrderStatus: ...
    @property
    def lines(self) -> list[ReceivingLine]: ...
    @property
    def total(self) -> ReceivingLine: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class OverdueLine:
    """An order line past its expected UTC day with units still open."""

    @property
    def order(self) -> str: ...
    @property
    def supplier(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def expected(self) -> datetime.datetime: ...
    @property
    def open(self) -> Decimal: ...
    @property
    def days_late(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SupplierPerformance:
    """A supplier's measured performance (rates and days are floats; None without data)."""

    @property
    def supplier(self) -> str: ...
    @property
    def sku(self) -> Optional[str]: ...
    @property
    def orders(self) -> int: ...
    @property
    def receipt_lines(self) -> int: ...
    @property
    def lead_time_mean_days(self) -> Optional[float]: ...
    @property
    def lead_time_std_days(self) -> Optional[float]: ...
    @property
    def on_time_rate(self) -> Optional[float]: ...
    @property
    def fill_rate(self) -> Optional[float]: ...
    @property
    def damage_rate(self) -> Optional[float]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class LeadTimeEstimate:
    """The lead time the planner uses for a supplier and SKU."""

    @property
    def mean_days(self) -> float: ...
    @property
    def std_days(self) -> float: ...
    @property
    def source(self) -> Literal["measured", "quoted"]: ...
    @property
    def samples(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PaymentDue:
    """One amount owed to a supplier."""

    @property
    def supplier(self) -> str: ...
    @property
    def order(self) -> str: ...
    @property
    def kind(self) -> Literal["committed", "expected"]: ...
    @property
    def document(self) -> str: ...
    @property
    def issued(self) -> datetime.datetime: ...
    @property
    def due(self) -> datetime.datetime: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def discount_until(self) -> Optional[datetime.datetime]: ...
    @property
    def discount(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class CashOutBucket:
    """Cash going out in one UTC day or ISO week, by due date."""

    @property
    def start(self) -> datetime.datetime: ...
    @property
    def committed(self) -> Decimal: ...
    @property
    def expected(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PurchaseRecord:
    """A purchasing event as journaled, with the stock movements it posted
    (journal sequence numbers ``first_movement`` to ``first_movement + movements - 1``)."""

    @property
    def sequence(self) -> int: ...
    @property
    def first_movement(self) -> int: ...
    @property
    def movements(self) -> int: ...
    @property
    def event(self) -> dict[str, Any]:
        """The core's JSON of the event as a dict: ``event`` names its kind; decimals as Decimal;
        ``time`` and ``expected`` as int seconds, as in ``JournalEntry.movement``."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

# ----- kits -----

@final
class Component:
    """One line of a bill of material: ``quantity`` units of ``sku`` (a plain SKU or another
    kit) per kit. Read-only."""

    def __new__(cls, sku: str, quantity: _Amount) -> Component: ...
    @property
    def sku(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class KitDefinition:
    """A kit's bill of material from ``effective`` on (a new version replaces it from its own
    ``effective`` on). Read-only; from ``Ledger.kit_definition`` and ``KitRecord.definition``."""

    @property
    def kit(self) -> str: ...
    @property
    def kind(self) -> _KitKind:
        """"assembled" (built ahead into stock of its own) or "virtual" (no stock)."""
    @property
    def components(self) -> list[Component]: ...
    @property
    def effective(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class KitRecord:
    """A kit definition as the ledger journaled it."""

    @property
    def sequence(self) -> int: ...
    @property
    def first_movement(self) -> int:
        """The number of stock movements journaled before it."""
    @property
    def reference(self) -> Optional[str]: ...
    @property
    def definition(self) -> KitDefinition: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class KitOutcome:
    """What posting a kit definition did."""

    @property
    def sequence(self) -> int:
        """The definition's ``KitRecord.sequence``."""
    @property
    def duplicate(self) -> bool:
        """True when the reference had been posted with the same definition: nothing changed."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Buildable:
    """How many kits can be built (or sold), and the plain SKUs one more would run short of."""

    @property
    def kit(self) -> str: ...
    @property
    def quantity(self) -> Decimal:
        """Whole kits (``Ledger.sellable`` of an assembled kit includes its own stock)."""
    @property
    def limiting(self) -> list[str]:
        """The plain SKUs that one more kit would run short of, sorted."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class KitMovementOutcome:
    """What an assembly, a disassembly or a bundle posting did. Read-only."""

    @property
    def first_movement(self) -> int:
        """The journal sequence number of its first movement."""
    @property
    def movements(self) -> list[Outcome]:
        """Its movements' outcomes, in journal order: an assembly's components consumed then the
        kit's units, a disassembly's kit units then the components, a bundle posting's
        components. For a duplicate assembly or disassembly, the one movement that carries the
        reference."""
    @property
    def value(self) -> Decimal:
        """The value that moved: the cost consumed (+ an assembly's extra cost); for a bundle
        shipment its COGS."""
    @property
    def duplicate(self) -> bool:
        """True when the reference had been posted with the same operation: nothing changed."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class BundleRecord:
    """A bundle posting as the ledger recorded it: its components' movements are the journal
    entries ``first_movement`` to ``first_movement + movements - 1``. Read-only."""

    @property
    def sequence(self) -> int: ...
    @property
    def first_movement(self) -> int: ...
    @property
    def movements(self) -> int:
        """How many movements it posted."""
    @property
    def action(self) -> _BundleAction: ...
    @property
    def bundle(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def time(self) -> datetime.datetime: ...
    @property
    def order(self) -> Optional[str]:
        """The order of a reservation, a release or a reserved shipment."""
    @property
    def shipment(self) -> Optional[str]:
        """The shipment (its reference) a return is of."""
    @property
    def reference(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ItemSet:
    """Items bought together (a pair or a triple). Read-only."""

    @property
    def items(self) -> list[str]:
        """The SKUs (or bundles), sorted."""
    @property
    def orders(self) -> int:
        """Orders that hold all of them."""
    @property
    def support(self) -> float:
        """``orders`` / all orders."""
    @property
    def confidence(self) -> float:
        """The highest confidence of a rule "the others -> one of them"."""
    @property
    def lift(self) -> float:
        """support / the product of the items' own supports (above 1: bought together more often
        than by chance)."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class BundleCandidates:
    """What ``Ledger.bundle_candidates`` found. Read-only."""

    @property
    def orders(self) -> int:
        """Orders in the period."""
    @property
    def min_support(self) -> float: ...
    @property
    def pairs(self) -> list[ItemSet]:
        """Pairs, best first (by lift, then orders, then items)."""
    @property
    def triples(self) -> list[ItemSet]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

DEFAULT_MIN_SUPPORT: float
"""The default minimum support of ``Ledger.bundle_candidates`` (0.01: 1 % of orders)."""

# ----- replenishment -----

@final
class PolicySettings:
    """A replenishment policy with the parameters its numbers come from.

    Which parameters a policy takes is the core's rule: ``review_days`` for ``order_up_to``,
    ``periodic_min_max`` and ``just_in_time``; ``fixed_quantity`` for ``reorder_point`` (None:
    the EOQ); ``min`` and ``max`` for ``min_max`` (None: computed). An unknown name or a
    parameter the policy does not take raises InvalidInput; the service level, order cost and
    holding rate are checked by ``Ledger.plan``.
    """

    def __new__(
        cls,
        policy: _PolicyName = "reorder_point",
        *,
        service_level: float = 0.95,
        order_cost: float = 25.0,
        holding_rate: float = 0.25,
        review_days: int = 0,
        fixed_quantity: Optional[_Amount] = None,
        min: Optional[_Amount] = None,
        max: Optional[_Amount] = None,
    ) -> PolicySettings: ...
    @property
    def policy(self) -> _PolicyName: ...
    @property
    def review_days(self) -> int: ...
    @property
    def fixed_quantity(self) -> Optional[Decimal]: ...
    @property
    def min(self) -> Optional[Decimal]: ...
    @property
    def max(self) -> Optional[Decimal]: ...
    @property
    def service_level(self) -> float: ...
    @property
    def order_cost(self) -> float: ...
    @property
    def holding_rate(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PolicyAssignment:
    """The policy of one SKU (``location=None``: at every location) or of one SKU at one location."""

    def __new__(cls, sku: str, location: Optional[str], settings: PolicySettings) -> PolicyAssignment: ...
    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> Optional[str]: ...
    @property
    def settings(self) -> PolicySettings: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class DemandForecast:
    """Expected demand of a SKU at a location: units per day from the as-of day on (beyond the
    end the last day repeats) and the standard deviation of one day's demand.

    ``daily`` is a sequence (or another iterable) or a 1-d array of numbers; an array of any
    numeric dtype or byte order is converted to native float64 first. A value of the wrong type (None, a str, an
    item that is not a number, an array of text) raises TypeError; an array of other than one dimension InvalidInput.
    Negative or non-finite values raise InvalidInput from ``Ledger.plan``.
    """

    def __new__(cls, sku: str, location: str, daily: Union[Iterable[float], NDArray[Any]], daily_std: float) -> DemandForecast: ...
    @staticmethod
    def flat(sku: str, location: str, daily: float, daily_std: float, days: int) -> DemandForecast:
        """``daily`` units a day (sd ``daily_std``) for ``days`` days (at least one; at most 3660, the longest horizon
        a plan may have: beyond a forecast's end its last day repeats anyway)."""
    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def daily(self) -> NDArray[np.float64]:
        """A new float64 array on each read."""
    @property
    def daily_std(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PooledForecast:
    """Expected demand of a SKU over all locations together: units per day from the as-of day
    on and the standard deviation of one day's demand, to be split over the locations by
    ``Ledger.split_forecast`` or ``PlanRequest(pooled=...)``."""

    def __new__(cls, sku: str, daily: Union[Iterable[float], NDArray[Any]], daily_std: float) -> PooledForecast: ...
    @property
    def sku(self) -> str: ...
    @property
    def daily(self) -> NDArray[np.float64]:
        """A new float64 array on each read."""
    @property
    def daily_std(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

_Policy = Union[tuple[str, Optional[str], PolicySettings], PolicyAssignment]
"""A policy assignment: ``(sku, location or None, settings)`` or a PolicyAssignment."""

@final
class PlanRequest:
    """What a planning run is asked; read-only (``class_policies`` returns a new request).

    Only the SKU x location pairs with a forecast in ``demand`` are planned. ``policies`` are
    by SKU (location None) or SKU x location, the most specific winning over
    ``default_policy`` (default: ``PolicySettings()``). ``transfer_days=None``: no transfers
    are suggested. ``dead_stock_days`` is the look-back of the dead and slow stock alerts
    (None, the default: none are raised; they read every SKU's history). ``budget`` caps the run, ``supplier_budgets`` each supplier, and
    ``max_order_value`` each supplier's order (money); ``capacity`` caps the units a location
    holds; ``margins`` (per unit, by SKU; default: the unit price) rank lines under those
    constraints. ``projection="week"`` reports ``PlanItem.projected`` every 7 days from the
    as-of day instead of every day. ``threads`` (1 to 64) compute the pairs in parallel; the
    plan is the same on any count. ``pooled`` forecasts (all locations together) are split
    over each SKU's locations by ``Ledger.split_forecast`` with ``pooled_lookback_days``
    and planned with ``demand`` (a pair in both is two forecasts: InvalidInput).
    ``kit_demand`` forecasts of kits' and bundles' sales add their components' pull.
    """

    def __new__(
        cls,
        as_of: _Time,
        demand: Iterable[DemandForecast],
        *,
        horizon_days: int = 182,
        default_policy: Optional[PolicySettings] = None,
        policies: Optional[Iterable[_Policy]] = None,
        overstock_days: float = 180.0,
        transfer_days: Optional[float] = 2.0,
        dead_stock_days: Optional[int] = None,
        budget: Optional[_Amount] = None,
        supplier_budgets: Optional[Mapping[str, _Amount]] = None,
        max_order_value: Optional[_Amount] = None,
        capacity: Optional[Mapping[str, _Amount]] = None,
        margins: Optional[Mapping[str, _Amount]] = None,
        projection: _PeriodName = "day",
        threads: int = 1,
        pooled: Optional[Iterable[PooledForecast]] = None,
        pooled_lookback_days: int = 91,
        kit_demand: Optional[Iterable[DemandForecast]] = None,
    ) -> PlanRequest: ...
    def class_policies(
        self, classes: Iterable[Union[SkuClass, tuple[str, _Abc, _Xyz]]], table: Optional[ClassPolicies] = None
    ) -> PlanRequest:
        """A new request that also assigns every SKU of ``classes`` (at every location) the policy
        of its class in ``table`` (default: ``ClassPolicies()``)."""
    @property
    def as_of(self) -> datetime.datetime: ...
    @property
    def demand(self) -> list[DemandForecast]: ...
    @property
    def pooled(self) -> list[PooledForecast]: ...
    @property
    def pooled_lookback_days(self) -> int: ...
    @property
    def kit_demand(self) -> list[DemandForecast]:
        """Forecasts of kits' and bundles' sales (``DemandForecast`` with the kit as ``sku``):
        each is exploded by the kit definitions in force at ``as_of`` down to plain components
        and added to their forecasts at that location."""
    @property
    def horizon_days(self) -> int: ...
    @property
    def default_policy(self) -> PolicySettings: ...
    @property
    def policies(self) -> list[PolicyAssignment]: ...
    @property
    def overstock_days(self) -> float: ...
    @property
    def transfer_days(self) -> Optional[float]: ...
    @property
    def dead_stock_days(self) -> Optional[int]: ...
    @property
    def budget(self) -> Optional[Decimal]: ...
    @property
    def supplier_budgets(self) -> dict[str, Decimal]: ...
    @property
    def max_order_value(self) -> Optional[Decimal]: ...
    @property
    def capacity(self) -> dict[str, Decimal]: ...
    @property
    def margins(self) -> dict[str, Decimal]: ...
    @property
    def projection(self) -> Literal["day", "week"]: ...
    @property
    def threads(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SkuClass:
    """A SKU's ABC and XYZ classes."""

    def __new__(cls, sku: str, abc: _Abc, xyz: _Xyz) -> SkuClass: ...
    @property
    def sku(self) -> str: ...
    @property
    def abc(self) -> _Abc: ...
    @property
    def xyz(self) -> _Xyz: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ClassPolicies:
    """The policy of each ABC class, and of erratic (Z) items whatever their ABC class.

    Each row not given is the core's: A (s, Q) with the EOQ at 98 %, B (s, Q) at 95 %, C
    just-in-time with a 14-day review, Z an order-up-to level every 7 days at 90 %.
    ``z=None``: no Z row (by ABC only).
    """

    def __new__(
        cls,
        a: Optional[PolicySettings] = None,
        b: Optional[PolicySettings] = None,
        c: Optional[PolicySettings] = None,
        z: Optional[PolicySettings] = ...,
    ) -> ClassPolicies: ...
    @property
    def a(self) -> PolicySettings: ...
    @property
    def b(self) -> PolicySettings: ...
    @property
    def c(self) -> PolicySettings: ...
    @property
    def z(self) -> Optional[PolicySettings]: ...
    def settings(self, abc: _Abc, xyz: _Xyz) -> PolicySettings:
        """The settings of a SKU of classes ``abc`` and ``xyz``."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

def classes_from_ledger(ledger: Ledger, from_: _Time, to: _Time) -> list[SkuClass]:
    """Every SKU's ABC class by consumption value (COGS) and XYZ class by weekly demand over
    [from_, to), with the default thresholds, for ``PlanRequest.class_policies``."""

@final
class PlanItem:
    """The plan of one SKU at one location: the numbers every suggestion is traced to."""

    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def policy(self) -> _PolicyName: ...
    @property
    def supplier(self) -> Optional[str]: ...
    @property
    def available(self) -> Decimal: ...
    @property
    def incoming(self) -> Decimal: ...
    @property
    def position(self) -> Decimal: ...
    @property
    def lead_time_days(self) -> float: ...
    @property
    def lead_time_std_days(self) -> float: ...
    @property
    def lead_time_source(self) -> Optional[Literal["measured", "quoted"]]: ...
    @property
    def protection_days(self) -> float: ...
    @property
    def protection_demand(self) -> float: ...
    @property
    def protection_std(self) -> float: ...
    @property
    def safety_stock(self) -> float: ...
    @property
    def reorder_point(self) -> float: ...
    @property
    def order_up_to(self) -> Optional[float]: ...
    @property
    def order_quantity(self) -> Optional[Decimal]: ...
    @property
    def mean_daily_demand(self) -> float: ...
    @property
    def projected(self) -> NDArray[np.float64]:
        """Projected available stock (without this plan's transfers and orders) at the end of each
        day, or of each 7 days from the as-of day with ``projection="week"`` (the last step may be
        shorter); a new array on each read."""
    @property
    def stockout_day(self) -> Optional[datetime.datetime]: ...
    @property
    def days_of_cover(self) -> int: ...
    @property
    def stock_at_lead_time(self) -> tuple[float, float, float]:
        """The 5 %, 50 % and 95 % quantiles of the stock at the lead time."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SuggestedLine:
    """A suggested purchase-order line."""

    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def unrounded(self) -> float: ...
    @property
    def rounding_cost(self) -> Decimal: ...
    @property
    def unit_price(self) -> Decimal: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def order_by(self) -> datetime.datetime: ...
    @property
    def expected(self) -> datetime.datetime: ...
    @property
    def reason(self) -> _Reason: ...
    @property
    def position(self) -> Decimal: ...
    @property
    def reorder_point(self) -> float: ...
    @property
    def expected_shortage(self) -> float: ...
    @property
    def priority(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SuggestedTransfer:
    """A suggested move of stock between two locations before buying (``from_``: ``from`` is a keyword)."""

    @property
    def sku(self) -> str: ...
    @property
    def from_(self) -> str: ...
    @property
    def to(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def arrives(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SupplierSuggestion:
    """Suggested lines for one supplier."""

    @property
    def supplier(self) -> str: ...
    @property
    def lines(self) -> list[SuggestedLine]: ...
    @property
    def total(self) -> Decimal: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class CutLine:
    """A line the constraints left out, with the first constraint it breaks."""

    @property
    def supplier(self) -> str: ...
    @property
    def line(self) -> SuggestedLine: ...
    @property
    def reason(self) -> _CutReason: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Alert:
    """An alert of a planning run."""

    @property
    def kind(self) -> _AlertKind: ...
    @property
    def sku(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def day(self) -> Optional[datetime.datetime]: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Plan:
    """The result of a planning run; the same inputs give the same plan (everything is sorted)."""

    @property
    def as_of(self) -> datetime.datetime: ...
    @property
    def items(self) -> list[PlanItem]: ...
    @property
    def transfers(self) -> list[SuggestedTransfer]: ...
    @property
    def orders(self) -> list[SupplierSuggestion]: ...
    @property
    def cut(self) -> list[CutLine]: ...
    @property
    def alerts(self) -> list[Alert]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

# ----- simulation -----

MAX_SIM_DAYS: int
"""The most days one simulation runs (warm-up included)."""
MAX_SIM_THREADS: int
"""The most threads ``simulate_many`` uses."""

@final
class SimDemand:
    """Where simulated demand comes from: a history replayed as it is, or normal draws (seeded by
    ``SimConfig.seed``) around a constant mean or a forecast's daily means, truncated at 0.

    ``days`` and ``daily`` are sequences (or other iterables) or 1-d arrays of numbers; an array of
    any numeric dtype or byte order is converted to native float64 first. A value of the wrong type
    (None, a str, an item that is not a number) raises TypeError. Negative or non-finite values raise
    InvalidInput from ``simulate``.
    """

    @staticmethod
    def history(days: Union[Iterable[float], NDArray[Any]]) -> SimDemand:
        """A history replayed day by day; its length is the run's length (``SimConfig.days`` is then ignored)."""
    @staticmethod
    def normal(mean: float, std_dev: float) -> SimDemand:
        """Independent normal draws of ``mean`` and ``std_dev`` a day, truncated at 0."""
    @staticmethod
    def forecast(daily: Union[Iterable[float], NDArray[Any]], std_dev: float) -> SimDemand:
        """Normal draws of ``std_dev`` around a forecast's daily means (its last day repeating), truncated at 0."""
    @property
    def kind(self) -> Literal["history", "normal", "forecast"]: ...
    @property
    def daily(self) -> Optional[NDArray[np.float64]]:
        """The history's days or the forecast's daily means (None for normal demand); a new array on each read."""
    @property
    def mean(self) -> Optional[float]:
        """The mean of normal demand (None otherwise)."""
    @property
    def std_dev(self) -> Optional[float]:
        """The standard deviation of one day (None for a history)."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

_SimDemandLike = Union[
    SimDemand,
    tuple[Literal["normal"], float, float],
    tuple[Literal["forecast"], Union[Iterable[float], NDArray[Any]], float],
    tuple[Literal["history"], Union[Iterable[float], NDArray[Any]]],
    Sequence[float],
    NDArray[Any],
]
"""Demand: a SimDemand, ``("normal", mean, std_dev)``, ``("forecast", daily, std_dev)``,
``("history", days)``, or the days of a history (a sequence or 1-d array of numbers)."""

_SimPolicyName = Literal["reorder_point", "min_max", "order_up_to", "periodic_min_max"]

@final
class SimPolicy:
    """A policy with its levels, for simulation. Built by the static methods (there is no constructor).

    The order-up-to level S is spelled ``big_s`` (as in the core); a level the policy does not have
    is None. The levels are checked by ``simulate`` (InvalidInput for Q <= 0, S < s, a review
    period of 0, a non-finite level); a negative ``review_days`` raises InvalidInput at once.
    """

    @staticmethod
    def reorder_point(r: float, q: float) -> SimPolicy:
        """(r, Q): after any day at or below ``r``, order the smallest multiple of ``q`` that lifts
        the inventory position above ``r``."""
    @staticmethod
    def min_max(s: float, big_s: float) -> SimPolicy:
        """(s, S): after any day at or below ``s``, order up to ``big_s``."""
    @staticmethod
    def order_up_to(review_days: int, big_s: float) -> SimPolicy:
        """(R, S): every ``review_days`` days (day 0 first), order up to ``big_s``."""
    @staticmethod
    def periodic_min_max(review_days: int, s: float, big_s: float) -> SimPolicy:
        """(R, s, S): every ``review_days`` days (day 0 first), at or below ``s``, order up to ``big_s``."""
    @staticmethod
    def from_plan_item(item: PlanItem) -> Optional[SimPolicy]:
        """The levels a planning run computed (reorder_point: r and Q; min_max: s and S; order_up_to
        and just_in_time: (R, S); periodic_min_max: (R, s, S)); None for manual or dropship, or where
        a level is missing (no supplier, no demand). TypeError if ``item`` is not a PlanItem."""
    @property
    def name(self) -> _SimPolicyName: ...
    @property
    def r(self) -> Optional[float]: ...
    @property
    def q(self) -> Optional[float]: ...
    @property
    def s(self) -> Optional[float]: ...
    @property
    def big_s(self) -> Optional[float]:
        """S, the level min_max, order_up_to and periodic_min_max order up to."""
    @property
    def review_days(self) -> Optional[int]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SimConfig:
    """One SKU's simulation (read-only). The defaults are the core's ``SimConfig::new``: a year, no
    warm-up, 100 on hand, a fixed 7-day lead time, unit cost 1, holding 25 % a year of it per day,
    order cost 25, shortage 1 per unit per day, backorders, seed 1.

    Each day: orders due arrive; demand is served from stock, the rest backordered (served first
    from later arrivals) or lost (``lost_sales=True``); the end-of-day stock is costed (holding per
    unit per day; shortage per unit backordered per day, or per unit lost); the policy reviews the
    inventory position and may order. An order placed on day t with a lead time of L days arrives
    at the start of day t + L; each order's lead time is drawn from the normal distribution of
    ``lead_time_days`` and ``lead_time_std_days``, rounded to whole days, at least 1. The first
    ``warmup_days`` days are simulated but not measured. Bounds (finite non-negative values, at most
    ``MAX_SIM_DAYS`` days, a warm-up shorter than the run) are checked by ``simulate``; a negative
    ``days``, ``warmup_days`` or ``seed`` raises InvalidInput at once.
    """

    def __new__(
        cls,
        demand: _SimDemandLike,
        *,
        days: int = 365,
        warmup_days: int = 0,
        start_on_hand: float = 100.0,
        lead_time_days: float = 7.0,
        lead_time_std_days: float = 0.0,
        unit_cost: float = 1.0,
        holding_cost: float = 0.0006849315068493151,
        order_cost: float = 25.0,
        shortage_cost: float = 1.0,
        lost_sales: bool = False,
        seed: int = 1,
    ) -> SimConfig: ...
    @property
    def demand(self) -> SimDemand: ...
    @property
    def days(self) -> int:
        """Days measured after the warm-up (ignored for a history, whose length is the run's)."""
    @property
    def warmup_days(self) -> int: ...
    @property
    def start_on_hand(self) -> float: ...
    @property
    def lead_time_days(self) -> float: ...
    @property
    def lead_time_std_days(self) -> float: ...
    @property
    def unit_cost(self) -> float: ...
    @property
    def holding_cost(self) -> float: ...
    @property
    def order_cost(self) -> float: ...
    @property
    def shortage_cost(self) -> float: ...
    @property
    def lost_sales(self) -> bool: ...
    @property
    def seed(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SimReport:
    """What a policy achieved over the days after the warm-up."""

    @property
    def policy(self) -> SimPolicy: ...
    @property
    def days(self) -> int: ...
    @property
    def cycle_service_level(self) -> Optional[float]:
        """Share of replenishment cycles (from one measured arrival to the next) without a stockout
        day; None when no whole cycle was measured."""
    @property
    def fill_rate(self) -> Optional[float]:
        """Share of demand served from stock on the day; None without demand."""
    @property
    def average_on_hand(self) -> float: ...
    @property
    def average_on_hand_value(self) -> float: ...
    @property
    def average_backorders(self) -> float: ...
    @property
    def orders(self) -> int: ...
    @property
    def stockout_days(self) -> int: ...
    @property
    def units_short(self) -> float:
        """Units lost (lost sales) or backordered when demanded (backorders)."""
    @property
    def holding_cost(self) -> float: ...
    @property
    def ordering_cost(self) -> float: ...
    @property
    def shortage_cost(self) -> float: ...
    @property
    def total_cost(self) -> float: ...
    @property
    def cost_per_day(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

def simulate(config: SimConfig, policies: Iterable[SimPolicy]) -> list[SimReport]:
    """Simulates ``policies`` side by side on the demand of ``config``: one report per policy, in
    order. Every policy sees the same demand; lead times come from a second stream of the seed, one
    per policy, so a policy's result does not depend on the others. Runs with the GIL released.
    TypeError if ``config`` is not a SimConfig; InvalidInput for a bad configuration or policy."""

def simulate_many(runs: Iterable[tuple[SimConfig, Iterable[SimPolicy]]], threads: int = 1) -> list[list[SimReport]]:
    """``simulate`` for many SKUs, ``runs`` being ``(SimConfig, [SimPolicy, ...])`` pairs, on up to
    ``threads`` threads (1 to ``MAX_SIM_THREADS``) with the GIL released; the result is the same on
    any thread count. A bad configuration or policy raises the error of the first run (in input order) that
    has one, its ``index`` naming that run; nothing is simulated then."""

# ----- policy math -----

def normal_cdf(z: float) -> float:
    """The standard normal distribution function."""
def inverse_normal_cdf(p: float) -> float:
    """The inverse of the standard normal distribution function, for 0 < p < 1."""
def normal_loss(z: float) -> float:
    """The standard normal loss function E[(Z - z)+]."""
def demand_stats(series: _Floats, per: _TimeUnit = "day") -> tuple[float, float]:
    """(mean, sample standard deviation) of a demand series."""

@final
class SafetyStock:
    @property
    def safety_stock(self) -> float: ...
    @property
    def safety_factor(self) -> Optional[float]: ...
    @property
    def protection_interval(self) -> float: ...
    @property
    def expected_demand(self) -> float: ...
    @property
    def std_dev_protection(self) -> float: ...
    @property
    def reorder_point(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SafetyStockBatch:
    """Safety stock of many items: float64 arrays; safety_factor is NaN for max_minus_average."""

    @property
    def safety_stock(self) -> NDArray[np.float64]: ...
    @property
    def safety_factor(self) -> NDArray[np.float64]: ...
    @property
    def protection_interval(self) -> NDArray[np.float64]: ...
    @property
    def expected_demand(self) -> NDArray[np.float64]: ...
    @property
    def std_dev_protection(self) -> NDArray[np.float64]: ...
    @property
    def reorder_point(self) -> NDArray[np.float64]: ...
    def __len__(self) -> int: ...

@overload
def safety_stock(
    mean: float,
    std_dev: float,
    lead_time: float,
    *,
    lead_time_std_dev: Optional[float] = None,
    unit: _TimeUnit = "day",
    method: _SafetyStockMethod = "combined",
    service_level: Optional[float] = None,
    fill_rate: Optional[float] = None,
    order_quantity: Optional[float] = None,
    review_period: Optional[float] = None,
    max_demand: Optional[float] = None,
    max_lead_time: Optional[float] = None,
    outputs: None = None,
) -> SafetyStock: ...
@overload
def safety_stock(
    mean: _FloatOrFloats,
    std_dev: _FloatOrFloats,
    lead_time: _FloatOrFloats,
    *,
    lead_time_std_dev: Optional[_FloatOrFloats] = None,
    unit: _TimeUnit = "day",
    method: _SafetyStockMethod = "combined",
    service_level: Optional[float] = None,
    fill_rate: Optional[float] = None,
    order_quantity: Optional[float] = None,
    review_period: Optional[float] = None,
    max_demand: Optional[float] = None,
    max_lead_time: Optional[float] = None,
    outputs: None = None,
) -> Union[SafetyStock, SafetyStockBatch]: ...
@overload
def safety_stock(
    mean: _FloatOrFloats,
    std_dev: _FloatOrFloats,
    lead_time: _FloatOrFloats,
    *,
    lead_time_std_dev: Optional[_FloatOrFloats] = None,
    unit: _TimeUnit = "day",
    method: _SafetyStockMethod = "combined",
    service_level: Optional[float] = None,
    fill_rate: Optional[float] = None,
    order_quantity: Optional[float] = None,
    review_period: Optional[float] = None,
    max_demand: Optional[float] = None,
    max_lead_time: Optional[float] = None,
    outputs: _SafetyStockColumn,
) -> NDArray[np.float64]: ...
@overload
def safety_stock(
    mean: _FloatOrFloats,
    std_dev: _FloatOrFloats,
    lead_time: _FloatOrFloats,
    *,
    lead_time_std_dev: Optional[_FloatOrFloats] = None,
    unit: _TimeUnit = "day",
    method: _SafetyStockMethod = "combined",
    service_level: Optional[float] = None,
    fill_rate: Optional[float] = None,
    order_quantity: Optional[float] = None,
    review_period: Optional[float] = None,
    max_demand: Optional[float] = None,
    max_lead_time: Optional[float] = None,
    outputs: Union[tuple[_SafetyStockColumn, ...], list[_SafetyStockColumn]],
) -> tuple[NDArray[np.float64], ...]: ...

@final
class OrderQuantity:
    @property
    def quantity(self) -> float: ...
    @property
    def total_cost(self) -> float: ...
    @property
    def ordering_cost(self) -> float: ...
    @property
    def holding_cost(self) -> float: ...
    @property
    def orders_per_year(self) -> float: ...
    @property
    def cycle_years(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class OrderQuantityBatch:
    @property
    def quantity(self) -> NDArray[np.float64]: ...
    @property
    def total_cost(self) -> NDArray[np.float64]: ...
    @property
    def ordering_cost(self) -> NDArray[np.float64]: ...
    @property
    def holding_cost(self) -> NDArray[np.float64]: ...
    @property
    def orders_per_year(self) -> NDArray[np.float64]: ...
    @property
    def cycle_years(self) -> NDArray[np.float64]: ...
    def __len__(self) -> int: ...

@overload
def eoq(annual_demand: float, order_cost: float, holding_cost: float, *, outputs: None = None) -> OrderQuantity: ...
@overload
def eoq(
    annual_demand: _FloatOrFloats,
    order_cost: _FloatOrFloats,
    holding_cost: _FloatOrFloats,
    *,
    outputs: None = None,
) -> Union[OrderQuantity, OrderQuantityBatch]: ...
@overload
def eoq(
    annual_demand: _FloatOrFloats,
    order_cost: _FloatOrFloats,
    holding_cost: _FloatOrFloats,
    *,
    outputs: _OrderQuantityColumn,
) -> NDArray[np.float64]: ...
@overload
def eoq(
    annual_demand: _FloatOrFloats,
    order_cost: _FloatOrFloats,
    holding_cost: _FloatOrFloats,
    *,
    outputs: Union[tuple[_OrderQuantityColumn, ...], list[_OrderQuantityColumn]],
) -> tuple[NDArray[np.float64], ...]: ...
def eoq_cost(annual_demand: float, order_cost: float, holding_cost: float, quantity: float) -> OrderQuantity: ...

@final
class BackorderQuantity:
    @property
    def quantity(self) -> float: ...
    @property
    def max_backorder(self) -> float: ...
    @property
    def max_inventory(self) -> float: ...
    @property
    def total_cost(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

def eoq_backorders(
    annual_demand: float, order_cost: float, holding_cost: float, backorder_cost: float
) -> BackorderQuantity: ...

@final
class ProductionQuantity:
    @property
    def quantity(self) -> float: ...
    @property
    def max_inventory(self) -> float: ...
    @property
    def total_cost(self) -> float: ...
    @property
    def run_years(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

def epq(annual_demand: float, setup_cost: float, holding_cost: float, production_rate: float) -> ProductionQuantity: ...

@final
class DiscountQuantity:
    @property
    def break_index(self) -> int: ...
    @property
    def unit_price(self) -> float: ...
    @property
    def quantity(self) -> float: ...
    @property
    def total_cost(self) -> float: ...
    @property
    def purchase_cost(self) -> float: ...
    @property
    def ordering_cost(self) -> float: ...
    @property
    def holding_cost(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

def eoq_discount(
    annual_demand: float,
    order_cost: float,
    breaks: Sequence[tuple[float, float]],
    *,
    holding_cost: Optional[float] = None,
    holding_rate: Optional[float] = None,
    kind: Literal["all_units", "incremental"] = "all_units",
) -> DiscountQuantity:
    """EOQ with quantity discounts; breaks are (min_quantity, unit_price)."""

@final
class RoundedQuantity:
    @property
    def quantity(self) -> float: ...
    @property
    def total_cost(self) -> float: ...
    @property
    def unrounded_cost(self) -> float: ...
    @property
    def penalty(self) -> float: ...
    @property
    def penalty_ratio(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

def round_order_quantity(
    annual_demand: float,
    order_cost: float,
    holding_cost: float,
    quantity: float,
    *,
    min_order_quantity: float = 0.0,
    pack_size: float = 1.0,
) -> RoundedQuantity: ...

@final
class Newsvendor:
    @property
    def quantity(self) -> float: ...
    @property
    def critical_ratio(self) -> float: ...
    @property
    def expected_cost(self) -> float: ...
    @property
    def expected_sales(self) -> float: ...
    @property
    def expected_leftover(self) -> float: ...
    @property
    def expected_shortage(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

def newsvendor_normal(mean: float, std_dev: float, underage_cost: float, overage_cost: float) -> Newsvendor: ...
def newsvendor_empirical(sample: _Floats, underage_cost: float, overage_cost: float) -> Newsvendor: ...
def newsvendor_costs_from_prices(
    price: float, cost: float, salvage: float = 0.0, shortage_penalty: float = 0.0
) -> tuple[float, float]:
    """(underage cost, overage cost): ``(price - cost + shortage_penalty, cost - salvage)``. A non-finite input
    raises InvalidInput; a cost beyond a float (a cost of 1e308 and a salvage value of -1e308) Overflow."""

# ----- classification -----

@final
class AbcItem:
    @property
    def class_(self) -> Literal["A", "B", "C"]: ...
    @property
    def rank(self) -> int: ...
    @property
    def cumulative_share(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class AbcResult:
    """class_code: int8 (0 = A, 1 = B, 2 = C); rank: int64 (1-based); cumulative_share: float64."""

    @property
    def class_code(self) -> NDArray[np.int8]: ...
    @property
    def rank(self) -> NDArray[np.int64]: ...
    @property
    def cumulative_share(self) -> NDArray[np.float64]: ...
    @property
    def classes(self) -> list[Literal["A", "B", "C"]]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> AbcItem: ...

def abc(values: _Floats, *, a: float = 0.8, b: float = 0.95) -> AbcResult: ...
def abc_measure(
    measure: _AbcMeasure,
    units: _Floats,
    unit_costs: Optional[_Floats] = None,
    unit_prices: Optional[_Floats] = None,
) -> NDArray[np.float64]: ...

@final
class XyzItem:
    @property
    def class_(self) -> Literal["X", "Y", "Z"]: ...
    @property
    def cv(self) -> Optional[float]: ...
    @property
    def mean(self) -> float: ...
    @property
    def std_dev(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class XyzResult:
    """class_code: int8 (0 = X, 1 = Y, 2 = Z); cv (NaN where undefined), mean, std_dev: float64."""

    @property
    def class_code(self) -> NDArray[np.int8]: ...
    @property
    def cv(self) -> NDArray[np.float64]: ...
    @property
    def mean(self) -> NDArray[np.float64]: ...
    @property
    def std_dev(self) -> NDArray[np.float64]: ...
    @property
    def classes(self) -> list[Literal["X", "Y", "Z"]]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> XyzItem: ...

def xyz(series: _Floats, *, x: float = 0.5, y: float = 1.0) -> XyzItem: ...
def xyz_many(
    series: Union[NDArray[Any], Sequence[_Floats]],
    *,
    lengths: Optional[Sequence[int]] = None,
    x: float = 0.5,
    y: float = 1.0,
) -> XyzResult:
    """XYZ of many series: a 2-d array (one row per item) or a list of sequences.

    A C-contiguous float64 array is read in place, without a copy, while the GIL is
    released: do not write to it from another thread during the call.
    """
    ...
def abc_xyz_label(abc: Literal["A", "B", "C"], xyz: Literal["X", "Y", "Z"]) -> str: ...

# ----- health metrics -----

@final
class SkuActivity:
    @property
    def sku(self) -> str: ...
    @property
    def units_sold(self) -> Decimal: ...
    @property
    def units_received(self) -> Decimal: ...
    @property
    def cogs(self) -> Decimal: ...
    @property
    def opening_units(self) -> Decimal: ...
    @property
    def closing_units(self) -> Decimal: ...
    @property
    def opening_value(self) -> Decimal: ...
    @property
    def closing_value(self) -> Decimal: ...
    @property
    def average_value(self) -> Decimal: ...
    @property
    def turnover(self) -> Optional[float]: ...
    @property
    def days_of_inventory(self) -> Optional[float]: ...
    @property
    def sell_through(self) -> Optional[float]: ...
    @property
    def stockout_days(self) -> int: ...
    @property
    def days_observed(self) -> int: ...
    @property
    def last_sale(self) -> Optional[datetime.datetime]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class AgingBucket:
    @property
    def label(self) -> str: ...
    @property
    def min_days(self) -> int: ...
    @property
    def max_days(self) -> Optional[int]: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def value(self) -> Decimal: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class DeadStock:
    @property
    def sku(self) -> str: ...
    @property
    def quantity(self) -> Decimal: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def last_sale(self) -> Optional[datetime.datetime]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class StockCover:
    @property
    def sku(self) -> str: ...
    @property
    def on_hand(self) -> Decimal: ...
    @property
    def daily_demand(self) -> float: ...
    @property
    def days_of_supply(self) -> Optional[float]: ...
    @property
    def excess_units(self) -> float: ...
    @property
    def excess_value(self) -> Decimal: ...
    def __eq__(self, value: object, /) -> bool: ...

# ----- forecasting -----

_ModelName = Literal[
    "naive",
    "seasonal_naive",
    "historic_average",
    "moving_average",
    "ses",
    "holt",
    "damped_holt",
    "holt_winters_additive",
    "holt_winters_multiplicative",
    "damped_holt_winters_additive",
    "damped_holt_winters_multiplicative",
    "seasonal_ses_additive",
    "seasonal_ses_multiplicative",
    "croston",
    "sba",
    "tsb",
    "adida",
]
"""A model by name (``FittedModel.model``, ``SeriesForecast.model``)."""
_Method = Union[Literal["auto"], _ModelName]
"""``"auto"`` (automatic selection) or a model name."""
_DemandPattern = Literal["smooth", "erratic", "intermittent", "lumpy", "no_demand"]
_IntervalMethod = Literal["analytic", "simulated", "empirical", "normal_approx", "degenerate"]

class _Params(TypedDict):
    """The parameters and initial states of a fitted model (None where not applicable)."""

    alpha: Optional[float]
    beta: Optional[float]
    gamma: Optional[float]
    phi: Optional[float]
    level0: Optional[float]
    trend0: Optional[float]
    seasonal0: Optional[list[float]]
    aggregation: Optional[int]

class _DemandClass(TypedDict):
    pattern: _DemandPattern
    adi: Optional[float]
    cv2: Optional[float]
    demand_periods: int
    trailing_zeros: int
    longest_gap: int

class _Accuracy(TypedDict):
    """mape and smape in percent; None where undefined (all actuals zero, zero MASE scale)."""

    mae: float
    rmse: float
    mape: Optional[float]
    smape: Optional[float]
    mase: Optional[float]
    bias: float

@final
class Forecast:
    """Point forecasts (floored at 0) and prediction intervals; lower/upper have one row per level."""

    @property
    def mean(self) -> NDArray[np.float64]:
        """Shape (horizon,)."""
    @property
    def lower(self) -> NDArray[np.float64]:
        """Shape (len(levels), horizon)."""
    @property
    def upper(self) -> NDArray[np.float64]:
        """Shape (len(levels), horizon)."""
    @property
    def levels(self) -> list[float]: ...
    @property
    def interval_method(self) -> _IntervalMethod: ...
    def __len__(self) -> int: ...

@final
class FittedModel:
    """A fitted model; the only object that can predict."""

    @property
    def model(self) -> _ModelName: ...
    @property
    def name(self) -> str:
        """A readable name ("SES", "additive Holt-Winters", ...)."""
    @property
    def params(self) -> _Params:
        """Given or estimated; ``fit_model(y, m.model, period=..., **m.params)`` refits the same model."""
    @property
    def fitted(self) -> NDArray[np.float64]:
        """One-step in-sample fitted values for observations fitted_start onwards."""
    @property
    def fitted_start(self) -> int: ...
    @property
    def residual_sd(self) -> Optional[float]: ...
    @property
    def interval_method(self) -> _IntervalMethod: ...
    def predict(self, horizon: int) -> NDArray[np.float64]:
        """Point forecasts for 1..=horizon periods ahead, floored at 0."""
    def forecast(self, horizon: int, levels: _Floats = ()) -> Forecast:
        """Point forecasts and intervals at each level (fractions in (0, 1), e.g. 0.95)."""
    def quantiles(self, horizon: int, probs: _Floats) -> NDArray[np.float64]:
        """Quantiles of demand, shape (len(probs), horizon)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class SeriesForecast:
    """A series' forecast, the model behind it and the series' demand pattern."""

    @property
    def mean(self) -> NDArray[np.float64]:
        """Shape (horizon,)."""
    @property
    def lower(self) -> NDArray[np.float64]:
        """Shape (len(levels), horizon)."""
    @property
    def upper(self) -> NDArray[np.float64]:
        """Shape (len(levels), horizon)."""
    @property
    def levels(self) -> list[float]: ...
    @property
    def interval_method(self) -> _IntervalMethod: ...
    @property
    def model(self) -> _ModelName: ...
    @property
    def params(self) -> _Params: ...
    @property
    def pattern(self) -> _DemandPattern: ...
    @property
    def adi(self) -> Optional[float]: ...
    @property
    def cv2(self) -> Optional[float]: ...
    @property
    def notes(self) -> list[str]:
        """Fallbacks taken by automatic selection, as sentences (empty for a given model)."""
    @property
    def fitted_model(self) -> FittedModel: ...
    def __len__(self) -> int: ...

@final
class PanelForecast:
    """Forecasts of a panel: arrays with one row per series, lists with one item per series."""

    @property
    def mean(self) -> NDArray[np.float64]:
        """Shape (n, horizon)."""
    @property
    def lower(self) -> NDArray[np.float64]:
        """Shape (n, len(levels), horizon)."""
    @property
    def upper(self) -> NDArray[np.float64]:
        """Shape (n, len(levels), horizon)."""
    @property
    def levels(self) -> list[float]: ...
    @property
    def models(self) -> list[_ModelName]: ...
    @property
    def patterns(self) -> list[_DemandPattern]: ...
    @property
    def notes(self) -> list[list[str]]: ...
    @property
    def interval_methods(self) -> list[_IntervalMethod]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> SeriesForecast: ...

@final
class Backtest:
    """A rolling-origin backtest."""

    @property
    def horizon(self) -> int: ...
    @property
    def origins(self) -> list[int]:
        """The training length of each origin, oldest first."""
    @property
    def forecasts(self) -> NDArray[np.float64]:
        """Shape (len(origins), horizon)."""
    @property
    def accuracy(self) -> list[_Accuracy]: ...
    @property
    def mean(self) -> _Accuracy: ...
    def __len__(self) -> int: ...

def fit_model(
    y: _Floats,
    model: _Method,
    *,
    period: Optional[int] = None,
    window: Optional[int] = None,
    aggregation: Optional[int] = None,
    alpha: Optional[float] = None,
    beta: Optional[float] = None,
    gamma: Optional[float] = None,
    phi: Optional[float] = None,
    level0: Optional[float] = None,
    trend0: Optional[float] = None,
    seasonal0: Optional[_Floats] = None,
    holdout: Optional[int] = None,
    multiplicative: bool = True,
) -> FittedModel:
    """Fit a model by name to y (oldest first); parameters left None are estimated.

    "auto" selects a model as forecast_series does, holding out ``holdout`` periods
    (default len(y) // 5).
    """
def forecast_series(
    y: Union[_Floats, DemandHistory],
    horizon: int,
    *,
    model: _Method = "auto",
    period: Optional[int] = None,
    levels: _Floats = (),
    holdout: Optional[int] = None,
    multiplicative: bool = True,
    window: Optional[int] = None,
    aggregation: Optional[int] = None,
    alpha: Optional[float] = None,
    beta: Optional[float] = None,
    gamma: Optional[float] = None,
    phi: Optional[float] = None,
    level0: Optional[float] = None,
    trend0: Optional[float] = None,
    seasonal0: Optional[_Floats] = None,
) -> SeriesForecast:
    """Forecast y horizon periods ahead with intervals at levels (fractions in (0, 1)).

    y is a list or 1-d array, or a DemandHistory (negative net buckets count as 0; with
    model "auto" and no period the season is 52 for weekly and 7 for daily buckets).
    """
def forecast_panel(
    series: Union[NDArray[Any], Sequence[_Floats]],
    horizon: int,
    *,
    model: _Method = "auto",
    period: Optional[int] = None,
    lengths: Optional[Union[Sequence[int], NDArray[Any]]] = None,
    levels: _Floats = (),
    threads: int = 1,
    holdout: Optional[int] = None,
    multiplicative: bool = True,
    window: Optional[int] = None,
    aggregation: Optional[int] = None,
    alpha: Optional[float] = None,
    beta: Optional[float] = None,
    gamma: Optional[float] = None,
    phi: Optional[float] = None,
    level0: Optional[float] = None,
    trend0: Optional[float] = None,
    seasonal0: Optional[_Floats] = None,
) -> PanelForecast:
    """Forecast every series of a panel on ``threads`` threads (same result for any count).

    series is a list of series or a 2-d array with one series per row, of which lengths
    optionally gives how many leading values to use. A C-contiguous float64 array is read
    in place, without a copy, while the GIL is released: do not write to it from another
    thread during the call. A failing series raises InvalidInput with its ``index``.
    """
def classify_demand(y: _Floats) -> _DemandClass:
    """Syntetos-Boylan demand pattern of a series (values <= 0 count as no demand)."""
def backtest(
    y: _Floats,
    horizon: int,
    *,
    model: _Method = "auto",
    origins: int = 5,
    step: int = 1,
    period: Optional[int] = None,
    holdout: Optional[int] = None,
    multiplicative: bool = True,
    window: Optional[int] = None,
    aggregation: Optional[int] = None,
    alpha: Optional[float] = None,
    beta: Optional[float] = None,
    gamma: Optional[float] = None,
    phi: Optional[float] = None,
    level0: Optional[float] = None,
    trend0: Optional[float] = None,
    seasonal0: Optional[_Floats] = None,
) -> Backtest:
    """Rolling-origin backtest; MASE is scaled with lag ``period`` (1 when None)."""
def forecast_metrics(actual: _Floats, forecast: _Floats, insample: _Floats, period: int = 1) -> _Accuracy:
    """Accuracy of forecast against actual; insample and period scale the MASE."""
