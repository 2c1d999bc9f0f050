"""Reflection tests use the live-event clients and people who join through the services."""

import pytest

from tests.export.helpers import join
from tests.realtime.conftest import app_config, console, live_event, make_phone, screen

__all__ = ["app_config", "console", "live_event", "make_phone", "screen"]


@pytest.fixture
def event(make_event):
    """A live event made from the example plan, its reflection stage on show."""
    from facilitate.services import live

    event = make_event(status="live")
    live.go_to_stage(event, reflection_stage(event).id)
    return event


def reflection_stage(event):
    return next(s for s in event.stages if s.kind == "reflection")


@pytest.fixture
def people(event):
    """Ann, Bo and Cy joined on their phones."""
    return join(event, "Ann", show_name=True), join(event, "Bo"), join(event, "Cy")
