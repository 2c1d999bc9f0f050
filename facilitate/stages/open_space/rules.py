"""The open space's plain rules, with no Flask: its spaces and slots, what a plan may write for
them, and which cells a topic may go in.

A stage's spaces and slots live in its config, each with an id that stays when others are
added or removed (topics name a cell by those ids). Old plans wrote bare lists,
``spaces = ["Main Hall"]`` and ``slots = ["11:00-11:45"]``: they read the same, with ids
1, 2, 3... by position until the console first saves the board.
"""

import datetime as dt
import re
from dataclasses import dataclass

from facilitate.domain.errors import NotAllowed, NotFound, UserError
from facilitate.domain.text import tidy_text

TITLE_LIMIT = 120
DESCRIPTION_LIMIT = 500
NAME_LIMIT = 80
SPACE_LIMIT = 80
ACCESS_LIMIT = 200
MAX_SPACES = 30
MAX_SLOTS = 20
MAX_CAPACITY = 10_000
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_SLOT = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$")


@dataclass(frozen=True)
class Space:
    """A room or corner where a topic meets."""

    id: int
    name: str
    capacity: int | None = None   # None: nobody said
    access: str = ""              # step-free, hearing loop, quiet room...

    def as_config(self) -> dict:
        return {"id": self.id, "name": self.name, "capacity": self.capacity,
                "access": self.access}


@dataclass(frozen=True)
class Slot:
    """A stretch of time when topics meet, in the event's time zone."""

    id: int
    starts: dt.time
    ends: dt.time
    day: dt.date | None = None    # None: the event's date

    @property
    def label(self) -> str:
        return f"{self.starts:%H:%M}–{self.ends:%H:%M}"

    def as_config(self) -> dict:
        return {"id": self.id, "starts": f"{self.starts:%H:%M}", "ends": f"{self.ends:%H:%M}",
                "date": self.day.isoformat() if self.day else None}

    def bounds(self, event_date: dt.date | None, today: dt.date) -> tuple[dt.datetime,
                                                                          dt.datetime]:
        """When it starts and ends, as local times without a zone."""
        day = self.day or event_date or today
        return dt.datetime.combine(day, self.starts), dt.datetime.combine(day, self.ends)


# -- reading a stage's config (and a plan) ------------------------------------------------

def spaces_of(config: dict) -> list[Space]:
    """The stage's spaces, in board order."""
    spaces, _ = read_spaces(config.get("spaces", []))
    return spaces


def slots_of(config: dict) -> list[Slot]:
    """The stage's slots, in board order."""
    slots, _ = read_slots(config.get("slots", []))
    return slots


def read_spaces(raw: object) -> tuple[list[Space], list[str]]:
    """Spaces from a plan or a stored config: names, or tables of name, capacity, access.
    Returns the spaces and the problems found (in plain words)."""
    if not isinstance(raw, list):
        return [], ['Write the spaces as a list, like [{name = "Main Hall", capacity = 40}].']
    spaces, problems = [], []
    for position, item in enumerate(raw[:MAX_SPACES], start=1):
        entry = {"name": item} if isinstance(item, str) else item
        if not isinstance(entry, dict):
            problems.append(f"Space {position} must be a name or a table with a name.")
            continue
        try:
            spaces.append(space_from(entry, _given_id(entry, position)))
        except UserError as error:
            problems.append(f"Space {position}: {error.message}")
    if len(raw) > MAX_SPACES:
        problems.append(f"There can be at most {MAX_SPACES} spaces.")
    return spaces, problems + _doubled_ids(spaces, "space")


def read_slots(raw: object) -> tuple[list[Slot], list[str]]:
    """Slots from a plan or a stored config: "11:00-11:45", or tables of starts, ends and
    (optionally) date. Returns the slots and the problems found."""
    if not isinstance(raw, list):
        return [], ['Write the slots as a list, like ["11:00-11:45", "12:00-12:45"].']
    slots, problems = [], []
    for position, item in enumerate(raw[:MAX_SLOTS], start=1):
        try:
            slots.append(slot_from(item, position))
        except UserError as error:
            problems.append(f"Slot {position}: {error.message}")
    if len(raw) > MAX_SLOTS:
        problems.append(f"There can be at most {MAX_SLOTS} slots.")
    return slots, problems + _doubled_ids(slots, "slot")


def space_from(entry: dict, space_id: int) -> Space:
    """One space from a table of name, capacity and access notes."""
    name = tidy_text(entry.get("name") if isinstance(entry.get("name"), str) else "")
    if not name:
        raise UserError("Give the space a name.", "name")
    if len(name) > SPACE_LIMIT:
        raise UserError(f"The name is too long. The most is {SPACE_LIMIT} characters.", "name")
    access = entry.get("access") or ""
    if not isinstance(access, str) or len(tidy_text(access)) > ACCESS_LIMIT:
        raise UserError(f"Access notes must be text of up to {ACCESS_LIMIT} characters.",
                        "access")
    return Space(space_id, name, read_capacity(entry.get("capacity")), tidy_text(access))


def read_capacity(value: object) -> int | None:
    """How many people a space holds: a whole number, or nothing."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CAPACITY:
        raise UserError(f"The capacity must be a whole number from 1 to {MAX_CAPACITY}.",
                        "capacity")
    return value


def slot_from(item: object, position: int) -> Slot:
    """One slot from "11:00-11:45" or a table {starts, ends, date}."""
    if isinstance(item, str):
        match = _SLOT.match(item)
        if not match:
            raise UserError(f'{item[:40]!r} is not a time slot like "11:00-11:45".', "slots")
        entry: dict = {"starts": match.group(1), "ends": match.group(2)}
    elif isinstance(item, dict):
        entry = item
    else:
        raise UserError('Write a slot like "11:00-11:45" or {starts = "11:00", ends = "11:45"}.',
                        "slots")
    starts, ends = read_time(entry.get("starts"), "starts"), read_time(entry.get("ends"), "ends")
    if ends <= starts:
        raise UserError("A slot must end after it starts.", "ends")
    return Slot(_given_id(entry, position), starts, ends, read_day(entry.get("date")))


def read_time(value: object, field: str) -> dt.time:
    """A time of day written like 11:00 (a TOML time works too)."""
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise UserError("Write the time like 11:00.", field)
    return dt.time(int(match.group(1)), int(match.group(2)))


def read_day(value: object) -> dt.date | None:
    """A slot's own date, when it is not the event's (a two-day event)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        if isinstance(value, str):
            return dt.date.fromisoformat(value.strip())
    except ValueError:
        pass
    raise UserError("Write the date like 2026-12-03.", "date")


def _given_id(entry: object, position: int) -> int:
    given = entry.get("id") if isinstance(entry, dict) else None
    return given if isinstance(given, int) and not isinstance(given, bool) and given > 0 \
        else position


def _doubled_ids(items, what: str) -> list[str]:
    ids = [item.id for item in items]
    return [f"Two {what}s have the id {i}." for i in sorted({i for i in ids if ids.count(i) > 1})]


def read_plan_spaces(raw: object) -> tuple[list[dict], list[str]]:
    """A plan's spaces as the stage's config keeps them."""
    spaces, problems = read_spaces(raw)
    if not spaces and not problems:
        problems.append("Give at least one space.")
    return [s.as_config() for s in spaces], problems


def read_plan_slots(raw: object) -> tuple[list[dict], list[str]]:
    """A plan's slots as the stage's config keeps them."""
    slots, problems = read_slots(raw)
    if not slots and not problems:
        problems.append("Give at least one slot.")
    return [s.as_config() for s in slots], problems


def shifted(slots: list[Slot], start: dt.datetime) -> list[Slot]:
    """The same slots, lengths and gaps, moved so the first starts at `start` (the demo)."""
    if not slots:
        return []
    first = dt.datetime.combine(start.date(), slots[0].starts)
    moved = []
    for slot in slots:
        begins = start + (dt.datetime.combine(start.date(), slot.starts) - first)
        length = (dt.datetime.combine(start.date(), slot.ends)
                  - dt.datetime.combine(start.date(), slot.starts))
        if (begins + length).date() != start.date():
            break
        moved.append(Slot(slot.id, begins.time(), (begins + length).time(), begins.date()))
    return moved


def next_id(config: dict) -> int:
    """An id no space or slot of the stage has had (the config remembers the highest)."""
    used = [s.id for s in spaces_of(config)] + [s.id for s in slots_of(config)]
    return max([config.get("last_id", 0), *used]) + 1


# -- the board ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Placed:
    """A topic already on the board, as the placement rules see it."""

    id: int
    space_id: int
    slot_id: int
    convener_id: int | None


def check_cell(topic_id: int, convener_id: int | None, space_id: int, slot_id: int, *,
               spaces: list[Space], slots: list[Slot], placed: list[Placed],
               sharing: bool) -> None:
    """UserError, in plain words, unless the topic may go in this cell."""
    space = next((s for s in spaces if s.id == space_id), None)
    if space is None:
        raise NotFound("That space is no longer on the board. Choose another.", "space_id")
    slot = next((s for s in slots if s.id == slot_id), None)
    if slot is None:
        raise NotFound("That time slot is no longer on the board. Choose another.", "slot_id")
    others = [p for p in placed if p.id != topic_id]
    if not sharing and any(p.space_id == space_id and p.slot_id == slot_id for p in others):
        raise NotAllowed(f"Another topic has just taken {space.name} at {slot.label}. "
                         "Please choose another place or time.", "space_id")
    if convener_id is not None and any(p.slot_id == slot_id and p.convener_id == convener_id
                                       for p in others):
        raise NotAllowed(f"You already convene a topic at {slot.label}. A convener can run "
                         "one topic at a time: choose another time.", "slot_id")


def check_not_ended(slot: Slot, event_date: dt.date | None, now: dt.datetime) -> None:
    """NotAllowed when the slot is over (now is local time without a zone)."""
    _, ends = slot.bounds(event_date, now.date())
    if ends <= now:
        raise NotAllowed(f"The slot {slot.label} has ended. Please choose a later one.",
                         "slot_id")


def slot_running(slots: list[Slot], event_date: dt.date | None, now: dt.datetime) -> int | None:
    """The id of the slot running now (local time without a zone), if any."""
    for slot in slots:
        starts, ends = slot.bounds(event_date, now.date())
        if starts <= now < ends:
            return slot.id
    return None
