"""Fixtures for service tests: people and pledges made straight through the services."""

import datetime as dt
import itertools

import pytest

from facilitate.domain.codes import new_token
from facilitate.extensions import db
from facilitate.stages.pledges import service as pledges
from facilitate.store.models import Participant

# The example event's day: dates typed on pledges are checked against it, not the clock.
TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def make_participant(app):
    """A person who joined an event on their phone."""
    def make(event, name: str = "", organisation: str = "", roles=(), email: str = ""):
        person = Participant(event_id=event.id, public_id=new_token(), display_name=name,
                             organisation=organisation, roles=list(roles),
                             consent_contact=bool(email), email=email)
        db.session.add(person)
        db.session.commit()
        return person
    return make


@pytest.fixture
def make_pledge(app):
    """A pledge sent from a phone (or typed from paper when participant is None)."""
    ids = (f"client-{n:04d}" for n in itertools.count(1))

    def make(event, participant=None, source=None, today=TODAY, **raw):
        raw.setdefault("action", "I will invite carers to the planning group")
        pledge, _ = pledges.submit_pledge(event, participant, next(ids), raw, today=today,
                                          source=source or ("phone" if participant else "paper"))
        return pledge
    return make
