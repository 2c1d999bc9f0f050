"""The pledges kind's tests use the live-event clients, the service factories and the
workbook's big event."""

from tests.export.conftest import full_event
from tests.realtime.conftest import app_config, console, live_event, make_phone, screen
from tests.services.conftest import make_participant, make_pledge

__all__ = ["app_config", "console", "full_event", "live_event", "make_participant", "make_phone",
           "make_pledge", "screen"]
