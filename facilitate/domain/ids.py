"""Record ids as pages and messages send them: whole numbers a database column can hold."""

# The largest id an INTEGER column holds on PostgreSQL (SQLite holds more): a bigger number
# is no record of ours, and asking the database about it would raise instead of finding none.
MAX_ID = 2**31 - 1


def record_id(value: object) -> int | None:
    """A positive id from JSON (an int, never a bool) or a form (ASCII digits), else None.

    "²" and "٣" are digits to str.isdigit() but not ids; ten thousand digits are not one either.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and 0 < len(value) <= 10 and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and 0 < value <= MAX_ID:
        return value
    return None
