"""Embeddable inventory engine: a stock ledger with exact FIFO / LIFO / moving-average costing.

Conventions of the Python API:

* Money and quantities are :class:`decimal.Decimal` on the way out and accept ``Decimal``,
  ``int`` or ``str`` on the way in. A ``float`` is refused with :class:`InvalidInput`
  (floats lose cents).
* Times accept ``int`` (whole seconds since the Unix epoch, UTC), :class:`datetime.datetime`
  (an aware datetime is converted to UTC; a *naive* datetime is taken as UTC; microseconds
  are dropped) or :class:`datetime.date` (midnight UTC). Times that the API returns
  (``CostLayer.received_at``, ``DemandHistory.start``) are aware UTC ``datetime`` objects.
  The ``time`` key of ``JournalEntry.movement`` keeps the core's JSON form: int seconds.
* Every error is an :class:`InventoryError`; each class also derives from the closest
  builtin (``ValueError``, ``KeyError`` or ``ArithmeticError``).
* A :class:`Ledger` may be shared by several threads: every call takes the ledger's lock,
  and heavy calls (``post_columns``, ``journal``, ``to_json``, ``from_json``, ``replay``)
  run with the GIL released.
"""

from ._inventory_core import (
    CostLayer,
    DemandHistory,
    DuplicateReference,
    InsufficientStock,
    InvalidInput,
    InvalidSnapshot,
    InvalidState,
    InventoryError,
    JournalEntry,
    Ledger,
    Outcome,
    OutOfOrder,
    Overflow,
    Position,
    ReservationExceeded,
    ReturnMismatch,
    UnknownLocation,
    UnknownPosition,
    UnknownReservation,
    UnknownShipment,
    UnknownSku,
    Valuation,
    __version__,
)

__all__ = [
    "CostLayer",
    "DemandHistory",
    "DuplicateReference",
    "InsufficientStock",
    "InvalidInput",
    "InvalidSnapshot",
    "InvalidState",
    "InventoryError",
    "JournalEntry",
    "Ledger",
    "Outcome",
    "OutOfOrder",
    "Overflow",
    "Position",
    "ReservationExceeded",
    "ReturnMismatch",
    "UnknownLocation",
    "UnknownPosition",
    "UnknownReservation",
    "UnknownShipment",
    "UnknownSku",
    "Valuation",
    "__version__",
]
