"""Record ids from pages and messages: whole numbers a database column holds, nothing else."""

import pytest

from facilitate.domain.ids import MAX_ID, record_id


@pytest.mark.parametrize(("value", "expected"), [
    (1, 1), (7, 7), (MAX_ID, MAX_ID), ("7", 7), ("0012", 12), (str(MAX_ID), MAX_ID)])
def test_ids_are_read(value, expected):
    assert record_id(value) == expected


@pytest.mark.parametrize("value", [
    0, -1, MAX_ID + 1, 10**25, True, False, 1.0, None, [], {}, "", "0", "-1", "1.0", " 1",
    "²", "٣", "9" * 5000, str(MAX_ID + 1), "１"])
def test_anything_else_is_no_id(value):
    assert record_id(value) is None
