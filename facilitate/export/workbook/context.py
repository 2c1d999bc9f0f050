"""One export in progress: the event, the choices made, and helpers every sheet shares."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitate.store.models import Event

DEFAULT_ZONE = "Europe/London"


def zone_named(name: str | None) -> dt.tzinfo:
    """The time zone the workbook's times are shown in; UTC if the name is unknown here."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def zone_label(zone: dt.tzinfo) -> str:
    """How the Summary sheet names the time zone."""
    key = getattr(zone, "key", None)
    if key == "Europe/London":
        return "UK time"
    return key or "UTC"


@dataclass
class EventExport:
    """What the sheets of one event's workbook read from."""

    event: Event
    include_hidden: bool = False
    # The private follow-up link of a pledge, from its token.
    link_for: Callable[[str], str] = lambda token: ""
    zone: dt.tzinfo = dt.UTC
    exported_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    # Open-space topic names by id, once events have an open space.
    topic_names: dict[int, str] = field(default_factory=dict)

    def local(self, moment: dt.datetime | None) -> dt.datetime | None:
        """A stored (naive UTC) time as local time without a zone, as Excel wants it."""
        if moment is None:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(self.zone).replace(tzinfo=None, microsecond=0)
