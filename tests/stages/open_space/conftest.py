"""The open space's tests use the live-event clients, people made straight through the services,
a clock set on the example event's day, and topics proposed as phones and paper cards do."""

import datetime as dt
import itertools

import pytest

from facilitate.stages.open_space import service
from tests.realtime.conftest import app_config, console, live_event, make_phone, screen
from tests.services.conftest import make_participant

__all__ = ["app_config", "console", "live_event", "make_participant", "make_phone", "screen"]

# The example plan's day and its open space's slots: 11:00-11:45, 11:50-12:35, 13:30-14:15.
DAY = dt.date(2026, 12, 3)


class Clock:
    """service.local_now() as a test sets it: the event's day, at the time asked for."""

    def __init__(self):
        self.now = dt.datetime.combine(DAY, dt.time(10, 0))

    def at(self, hour: int, minute: int = 0, day: dt.date = DAY) -> None:
        self.now = dt.datetime.combine(day, dt.time(hour, minute))


@pytest.fixture
def clock(monkeypatch):
    """Ten in the morning of the event's day (before any slot) unless a test moves it; a
    module asks for it for all its tests with pytest.mark.usefixtures("clock")."""
    clock = Clock()
    monkeypatch.setattr(service, "local_now", lambda: clock.now)
    return clock


@pytest.fixture
def event(make_event):
    """A live event made from the example plan (dated 2026-12-03)."""
    return make_event(status="live")


def open_space_of(event):
    return next(s for s in event.stages if s.kind == "open_space")


@pytest.fixture
def stage(event):
    """The example event's open space: spaces 1-4 (Main Hall, Room 1, Room 2, Garden Room),
    slots 1-3 (11:00-11:45, 11:50-12:35, 13:30-14:15)."""
    return open_space_of(event)


@pytest.fixture
def make_topic(app):
    """A topic proposed from a phone (or typed from a paper card when participant is None)."""
    ids = (f"topic-id-{n:04d}" for n in itertools.count(1))

    def make(event, participant=None, title="Getting carers heard", **fields):
        stage = open_space_of(event)
        source = "phone" if participant is not None else "paper"
        topic, _ = service.propose(event, participant, next(ids), stage.id, title,
                                   source=source, **fields)
        return topic
    return make
