"""Plain rules of the reflection wall: who may say "me too", and the order the screen shows."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from facilitate.domain.errors import NotAllowed, NotFound

# How the screen orders its wall: the newest first, or the most "me too" first.
WALL_ORDERS = ("newest", "me_too")
DEFAULT_ORDER = "newest"

NOT_ON_WALL = "That reflection is not on the wall."
YOUR_OWN = "You wrote this one, so your voice is already in it."

T = TypeVar("T")


def check_may_say_me_too(visibility: str, author_id: int | None, person_id: int) -> None:
    """A person adds their voice only to a reflection the room can see, and not to their own.

    A reflection waiting for approval or hidden is, to phones, not there at all (NotFound);
    one's own is already one's voice, so a "me too" on it would count a person twice.
    """
    if visibility != "shown":
        raise NotFound(NOT_ON_WALL, "id")
    if author_id is not None and author_id == person_id:
        raise NotAllowed(YOUR_OWN, "id")


def wall_order(state: dict | None) -> str:
    """The order a reflection stage's wall is in (its stage state keeps the facilitator's)."""
    order = (state or {}).get("wall_order")
    return order if order in WALL_ORDERS else DEFAULT_ORDER


def ordered(items: Iterable[T], order: str,
            key: Callable[[T], tuple[int, int]] | None = None) -> list[T]:
    """Items as the wall shows them: newest first, or most "me too" first (ties: newest).

    `key(item) -> (id, me_too count)`: ids grow with time, so the newest has the highest.
    """
    key = key or (lambda item: (item["id"], item.get("me_too", 0)))
    if order == "me_too":
        return sorted(items, key=lambda item: (-key(item)[1], -key(item)[0]))
    return sorted(items, key=lambda item: -key(item)[0])
