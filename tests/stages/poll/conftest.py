"""The poll's tests use the live-event clients and the example event, whose agenda has a
ladder and a poll of three questions (single choice, multiple choice with max 2, scale 1-5)."""

import pytest
from sqlalchemy import select

from facilitate.extensions import db
from facilitate.store.models import Participant
from tests.realtime.conftest import app_config, console, live_event, make_phone, screen
from tests.services.conftest import make_participant

__all__ = ["app_config", "console", "live_event", "make_participant", "make_phone", "screen"]

HOW_HEARD, WHAT_HELPS, LISTENED = 1, 2, 3
NOW, WANT = 1, 2


@pytest.fixture
def event(make_event):
    return make_event(status="live")


def stage_of(event, kind: str):
    return next(s for s in event.stages if s.kind == kind)


@pytest.fixture
def make_voter(make_phone):
    """A phone that joined with a name and (set straight in the database) roles."""
    def make(event, name: str, roles=()):
        phone = make_phone(event, name)
        person = db.session.scalar(select(Participant).where(
            Participant.event_id == event.id, Participant.display_name == name))
        person.roles = list(roles)
        db.session.commit()
        phone.person_id = person.id
        return phone
    return make
