"""Ids as pages and messages send them: record ids a database column can hold, and the ids
phones make for what they send."""

from facilitate.domain.errors import UserError

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


def client_id(value: object, field: str = "id",
              message: str = "The message was not sent properly. Please send it again.") -> str:
    """The id a phone (or a form) made for what it sends: 8 to 64 letters, digits, '-' or '_'.

    The phone makes it before sending, so a retried send is recognised and stored once.
    """
    if not isinstance(value, str) or not 8 <= len(value) <= 64 or \
            not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value):
        raise UserError(message, field)
    return value
