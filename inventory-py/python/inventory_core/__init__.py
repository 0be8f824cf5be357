"""Embeddable inventory engine: a stock ledger with exact FIFO / LIFO / moving-average costing.

Conventions of the Python API:

* Money and quantities are :class:`decimal.Decimal` on the way out and accept ``Decimal``,
  ``int`` or ``str`` on the way in. A ``float`` (floats lose cents) or a ``bool`` is refused
  with :class:`InvalidInput`; any other type (None where a value is required, bytes, an
  object) raises ``TypeError``.
* Times accept ``int`` (whole seconds since the Unix epoch, UTC), :class:`datetime.datetime`
  (an aware datetime is converted to UTC; a *naive* datetime is taken as UTC; microseconds
  are dropped) or :class:`datetime.date` (midnight UTC). Times that the API returns
  (``CostLayer.received_at``, ``DemandHistory.start``) are aware UTC ``datetime`` objects.
  The ``time`` key of ``JournalEntry.movement`` keeps the core's JSON form: int seconds.
* Every error is an :class:`InventoryError`; each class also derives from the closest
  builtin (``ValueError``, ``KeyError`` or ``ArithmeticError``). A bad value is never a bare
  builtin exception: a ``str`` holding a lone surrogate (``"\\ud800"``, which is not text),
  an ``int`` beyond what a parameter can hold (``days=2**64``) or a number beyond a float
  raises :class:`InvalidInput` (its ``__cause__`` is the original ``UnicodeEncodeError`` or
  ``OverflowError``; on Python 3.11+ a note names the parameter). A value of the wrong type
  raises ``TypeError``, everywhere: a ``str`` where a number or a time is expected, an
  object of the wrong class (a tuple where a :class:`PooledForecast` is expected), a list
  item of the wrong class, None or a ``str`` where a list or a column is expected; the
  message names the argument and the item (``"demand[2]: expected a DemandForecast, got
  str"``). A value of the right type that is bad (NaN, negative, empty, out of range, a
  tuple of the wrong length, an array of the wrong number of dimensions) raises
  :class:`InvalidInput` or the core's error. An index beyond the machine's range is out of
  range (``IndexError``), as for Python's own sequences.
* Purchasing (suppliers, purchase orders, receiving, landed-cost charges, payments) posts
  events on the :class:`Ledger` (``set_supplier``, ``create_order``, ``place_order``,
  ``receive_order``, ``add_charge``, ...), each returning a :class:`PurchaseOutcome`; each
  takes an idempotency ``reference``. Order lines and receipt lines are dicts or tuples;
  :class:`Supplier` and :class:`SupplierItem` are built in Python. Every rule (prices,
  statuses, allocations, the payment schedule) is the core's. Query results are read-only
  objects with ``to_dict()``, so ``pandas.DataFrame([r.to_dict() for r in rows])`` works.
* Kits and bundles: :meth:`Ledger.define_kit` journals a bill of material (``"assembled"``:
  built ahead into stock of its own; ``"virtual"``: a bundle without stock) from an effective
  time on, with components as ``(sku, quantity)`` pairs, ``{"sku", "quantity"}`` dicts or
  :class:`Component` objects, idempotent by ``reference`` and in the snapshot.
  :meth:`Ledger.buildable` and :meth:`Ledger.sellable` give the whole kits the available
  stock can make (a :class:`Buildable` naming the limiting SKUs), :meth:`Ledger.kit_cost` the
  cost roll-up, :meth:`Ledger.explode_kit` the components a quantity of kits consumes.
  Their ``time`` (which definitions are in force) is required: the library never reads the
  clock. :meth:`Ledger.assemble` and :meth:`Ledger.disassemble` build and take apart
  assembled kits with exact costing; :meth:`Ledger.reserve_bundle`,
  :meth:`Ledger.release_bundle`, :meth:`Ledger.ship_bundle` and :meth:`Ledger.return_bundle`
  move every component of a virtual bundle in one posting (each recorded as a
  :class:`BundleRecord`); each returns a :class:`KitMovementOutcome` (its ``movements`` are
  :class:`Outcome` objects) and is idempotent by ``reference``.
  :meth:`Ledger.bundle_demand_history` (a bundle's own demand) and
  :meth:`Ledger.exploded_demand_history` (the true pull on a component, kits sold included)
  return a :class:`DemandHistory`; :meth:`Ledger.bundle_candidates` finds the pairs and
  triples bought together (:class:`BundleCandidates` of :class:`ItemSet`, ``min_support``
  defaulting to :data:`DEFAULT_MIN_SUPPORT`). Every rule (cycles, versions, what limits, how
  a cost is split, what counts as an order) is the core's.
* Replenishment: :meth:`Ledger.plan` takes a :class:`PlanRequest` (the as-of time, a
  :class:`DemandForecast` per SKU x location, :class:`PolicySettings` by default, by SKU or
  by SKU x location, or by ABC/XYZ class through :class:`ClassPolicies`, and optional
  budgets and capacities) and returns a read-only :class:`Plan`: the numbers of each pair,
  transfers, suggested orders by supplier, the lines cut by a constraint, and alerts. A
  :class:`PooledForecast` (all locations together) is split over the locations by their
  share of recent demand (:meth:`Ledger.split_forecast`, or ``PlanRequest(pooled=...)``).
  :meth:`Ledger.dropship` records a sale of a dropshipped SKU as a supplier order for
  direct delivery; receiving it books the sale at the supplier's price.
  Reasons, kinds and policy names are strings; the projection (by day, or by week with
  ``projection="week"``) is a float64 numpy array. :meth:`Ledger.accept_plan` places
  chosen suggestions as purchase orders (and posts transfers) in one all-or-nothing call.
  Every rule is the core's.
* Simulation: :func:`simulate` runs :class:`SimPolicy` objects (``reorder_point(r, q)``,
  ``min_max(s, big_s)``, ``order_up_to(review_days, big_s)``, ``periodic_min_max(review_days,
  s, big_s)``, or ``from_plan_item`` of a :class:`PlanItem`) side by side on one
  :class:`SimConfig` (demand as a history, ``("normal", mean, std_dev)``, ``("forecast",
  daily, std_dev)`` or a :class:`SimDemand`; lead time, costs, backorders or lost sales,
  seed) and returns a read-only :class:`SimReport` per policy (fill rate, cycle service
  level, stock, orders, costs); :func:`simulate_many` runs many SKUs on threads, with the
  same result on any count. Both release the GIL. Every rule and bound is the core's.
* Durability: :meth:`Ledger.open` opens (or creates) a ledger stored in one SQLite file
  (``sync="full"``, ``"normal"`` or ``"off"``; a checkpoint every ``checkpoint_every``
  movements and on :meth:`Ledger.checkpoint`). Every change is committed to the file
  before its call returns; a refused call writes nothing. One Ledger object at a time may
  have a file open (:class:`StoreLocked` otherwise; deleting the object releases it); a
  file that is not a ledger store or is damaged raises :class:`StoreCorrupt`, a failing disk
  :class:`StoreIoError` (each a :class:`StoreError`, which is also an ``OSError``).
  :meth:`Ledger.journal_jsonl` and :meth:`Ledger.journal_columns` export the journal from
  a sequence number on, for hosts that keep their own store.
* A :class:`Ledger` may be shared by several threads: every call takes the ledger's lock,
  and heavy calls (``post_columns``, ``journal``, ``to_json``, ``from_json``, ``replay``,
  ``open``, ``checkpoint``, ``journal_jsonl``, ``journal_columns``) run with the GIL
  released, as does every change of a durable ledger (it waits for its commit).
* Statistics (policy math, classification, ratios of the health metrics) are ``float``.
  Functions that take columns (``safety_stock``, ``eoq``, ``abc``, ``abc_measure``,
  ``xyz_many``) accept lists or numpy arrays and return numpy arrays; a float64 array is read
  through the buffer protocol, and the core runs with the GIL released. Every numeric array
  (there and in forecasting, planning, simulation and ``Ledger.post_columns``) is read in the
  byte order its dtype declares: an array of another byte order (``">f8"``, ``">i8"``) or
  dtype is converted to native first, never reinterpreted. In the array results
  a value that is ``None`` in the scalar result is NaN (``SafetyStockBatch.safety_factor``
  for ``max_minus_average``, ``XyzResult.cv`` for a non-positive mean).
* Forecasting (``fit_model``, ``forecast_series``, ``forecast_panel``, ``classify_demand``,
  ``backtest``, ``forecast_metrics``) takes float series (lists or numpy arrays, oldest
  first; ``forecast_series`` also takes a :class:`DemandHistory`) and names models by string
  (``"auto"``, ``"ses"``, ``"croston"``, ...). Forecasts, bounds and fitted values are numpy
  float64 arrays; interval levels are fractions in (0, 1) (``0.95``, not ``95``). A series
  of the wrong type raises ``TypeError``; NaN, an empty series, a horizon of 0, an unknown
  model or a level outside (0, 1) raise :class:`InvalidInput`.
"""

from ._inventory_core import (
    abc,
    abc_measure,
    abc_xyz_label,
    AbcItem,
    AbcResult,
    AgingBucket,
    Alert,
    BackorderQuantity,
    Buildable,
    BundleCandidates,
    BundleRecord,
    backtest,
    Backtest,
    CashOutBucket,
    classes_from_ledger,
    classify_demand,
    ClassPolicies,
    Component,
    CostLayer,
    CutLine,
    DeadStock,
    DEFAULT_MIN_SUPPORT,
    demand_stats,
    DemandForecast,
    PooledForecast,
    DemandHistory,
    DiscountQuantity,
    DuplicateId,
    DuplicateReference,
    eoq,
    eoq_backorders,
    eoq_cost,
    eoq_discount,
    epq,
    fit_model,
    FittedModel,
    Forecast,
    forecast_metrics,
    forecast_panel,
    forecast_series,
    Incoming,
    IncomingBucket,
    InsufficientStock,
    InvalidInput,
    InvalidOrderState,
    InvalidSnapshot,
    InvalidState,
    InventoryError,
    inverse_normal_cdf,
    ItemSet,
    JournalEntry,
    KitDefinition,
    KitMovementOutcome,
    KitOutcome,
    KitRecord,
    LeadTimeEstimate,
    Ledger,
    MAX_SIM_DAYS,
    MAX_SIM_THREADS,
    Newsvendor,
    newsvendor_costs_from_prices,
    newsvendor_empirical,
    newsvendor_normal,
    normal_cdf,
    normal_loss,
    OrderLine,
    OrderQuantity,
    OrderQuantityBatch,
    Outcome,
    OutOfOrder,
    OverdueLine,
    Overflow,
    OverReceipt,
    PanelForecast,
    PaymentDue,
    Plan,
    PlanItem,
    PlanRequest,
    PolicyAssignment,
    PolicySettings,
    Position,
    ProductionQuantity,
    PurchaseOrder,
    PurchaseOutcome,
    PurchaseRecord,
    ReceivingLine,
    ReceivingReport,
    ReservationExceeded,
    ReturnMismatch,
    round_order_quantity,
    RoundedQuantity,
    safety_stock,
    SafetyStock,
    SafetyStockBatch,
    SeriesForecast,
    SimConfig,
    SimDemand,
    SimPolicy,
    SimReport,
    simulate,
    simulate_many,
    SkuActivity,
    SkuClass,
    StockCover,
    StoreCorrupt,
    StoreError,
    StoreIoError,
    StoreLocked,
    SuggestedLine,
    SuggestedTransfer,
    Supplier,
    SupplierItem,
    SupplierPerformance,
    SupplierSuggestion,
    UnknownLocation,
    UnknownOrder,
    UnknownOrderLine,
    UnknownPosition,
    UnknownReceipt,
    UnknownReservation,
    UnknownShipment,
    UnknownSku,
    UnknownSupplier,
    Valuation,
    xyz,
    xyz_many,
    XyzItem,
    XyzResult,
    __version__,
)

__all__ = [
    "abc",
    "abc_measure",
    "abc_xyz_label",
    "AbcItem",
    "AbcResult",
    "AgingBucket",
    "Alert",
    "BackorderQuantity",
    "Buildable",
    "BundleCandidates",
    "BundleRecord",
    "backtest",
    "Backtest",
    "CashOutBucket",
    "classes_from_ledger",
    "classify_demand",
    "ClassPolicies",
    "Component",
    "CostLayer",
    "CutLine",
    "DeadStock",
    "DEFAULT_MIN_SUPPORT",
    "demand_stats",
    "DemandForecast",
    "PooledForecast",
    "DemandHistory",
    "DiscountQuantity",
    "DuplicateId",
    "DuplicateReference",
    "eoq",
    "eoq_backorders",
    "eoq_cost",
    "eoq_discount",
    "epq",
    "fit_model",
    "FittedModel",
    "Forecast",
    "forecast_metrics",
    "forecast_panel",
    "forecast_series",
    "Incoming",
    "IncomingBucket",
    "InsufficientStock",
    "InvalidInput",
    "InvalidOrderState",
    "InvalidSnapshot",
    "InvalidState",
    "InventoryError",
    "inverse_normal_cdf",
    "ItemSet",
    "JournalEntry",
    "KitDefinition",
    "KitMovementOutcome",
    "KitOutcome",
    "KitRecord",
    "LeadTimeEstimate",
    "Ledger",
    "MAX_SIM_DAYS",
    "MAX_SIM_THREADS",
    "Newsvendor",
    "newsvendor_costs_from_prices",
    "newsvendor_empirical",
    "newsvendor_normal",
    "normal_cdf",
    "normal_loss",
    "OrderLine",
    "OrderQuantity",
    "OrderQuantityBatch",
    "Outcome",
    "OutOfOrder",
    "OverdueLine",
    "Overflow",
    "OverReceipt",
    "PanelForecast",
    "PaymentDue",
    "Plan",
    "PlanItem",
    "PlanRequest",
    "PolicyAssignment",
    "PolicySettings",
    "Position",
    "ProductionQuantity",
    "PurchaseOrder",
    "PurchaseOutcome",
    "PurchaseRecord",
    "ReceivingLine",
    "ReceivingReport",
    "ReservationExceeded",
    "ReturnMismatch",
    "round_order_quantity",
    "RoundedQuantity",
    "safety_stock",
    "SafetyStock",
    "SafetyStockBatch",
    "SeriesForecast",
    "SimConfig",
    "SimDemand",
    "SimPolicy",
    "SimReport",
    "simulate",
    "simulate_many",
    "SkuActivity",
    "SkuClass",
    "StockCover",
    "StoreCorrupt",
    "StoreError",
    "StoreIoError",
    "StoreLocked",
    "SuggestedLine",
    "SuggestedTransfer",
    "Supplier",
    "SupplierItem",
    "SupplierPerformance",
    "SupplierSuggestion",
    "UnknownLocation",
    "UnknownOrder",
    "UnknownOrderLine",
    "UnknownPosition",
    "UnknownReceipt",
    "UnknownReservation",
    "UnknownShipment",
    "UnknownSku",
    "UnknownSupplier",
    "Valuation",
    "xyz",
    "xyz_many",
    "XyzItem",
    "XyzResult",
    "__version__",
]
