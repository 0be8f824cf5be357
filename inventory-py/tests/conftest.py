import pytest

import inventory_core as ic

DAY = 86_400


def snapshot(ledger: ic.Ledger) -> tuple:
    """Everything observable about a ledger, to compare before and after an error."""
    return (ledger.to_json(), len(ledger), ledger.total_value(), ledger.skus(), ledger.locations())


@pytest.fixture
def stocked() -> ic.Ledger:
    """FIFO ledger: A @ WH: 10 @ 10.00 (t=0), 10 @ 12.00 (t=DAY)."""
    ledger = ic.Ledger()
    ledger.receive("A", "WH", 10, "10.00", 0, reference="GRN-1")
    ledger.receive("A", "WH", 10, "12.00", DAY, reference="GRN-2")
    return ledger
