"""Room names: one room per event and audience, so each audience hears only what it needs."""

# Who listens: the presenter screen, the facilitators' consoles, the attendees' phones.
AUDIENCES = ("screen", "console", "phones")


def room(event_id: int, audience: str) -> str:
    """The Socket.IO room of one audience of one event, e.g. 'event:7:screen'."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return f"event:{event_id}:{audience}"
