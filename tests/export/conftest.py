"""An event with every kind of data the workbook holds, made through the services."""

import datetime as dt
from types import SimpleNamespace

import pytest

from facilitate.extensions import db
from facilitate.services import events
from facilitate.stages.pledges import service as pledges
from tests.export.helpers import (
    TODAY,
    hide_pledge,
    hide_reflection,
    join,
    paper_pledge,
    reflect,
    set_made_on,
    set_moderation,
    withdraw_pledge,
)


@pytest.fixture
def full_event(make_event, make_user):
    """Two people on phones, a paper pledge, progress, and hidden, waiting and taken-back items."""
    owner = make_user(email="sam@example.org", name="Sam Facilitator")
    event = make_event(owner=owner, status="live")
    amira = join(event, "Amira Khan", "Carers Together", ("Unpaid carer", "NHS"), show_name=True)
    bob = join(event, "Bob")
    # No form stores an address without consent; if one ever were, it must not be exported.
    bob.email = "bob@example.org"
    db.session.commit()
    early = reflect(event, amira, "Being asked early matters.", dt.datetime(2026, 6, 15, 9, 30))
    plain = reflect(event, bob, "Keep the words plain.", dt.datetime(2026, 12, 3, 10, 5))
    hidden_reflection = hide_reflection(event, reflect(event, bob, "Something rude.",
                                                       dt.datetime(2026, 12, 3, 10, 6)))
    paper = paper_pledge(event, "I will ask carers first.", due="2027-03-31", theme="Equality",
                         scope="team", support_needed="A room we can use.", display="name",
                         consent_contact=True, email="jo@example.org")
    set_made_on(paper, dt.datetime(2026, 6, 15, 9, 30))
    phone, _ = pledges.submit_pledge(event, amira, "phone-pledge-0001",
                                     {"action": "I will share the report.", "theme": "Diversity"},
                                     today=TODAY)
    set_made_on(phone, dt.datetime(2026, 12, 3, 11, 0))
    hidden = hide_pledge(paper_pledge(event, "A pledge that was hidden.", theme="Equality"))
    set_moderation(event, "approve")
    waiting = paper_pledge(event, "A pledge waiting for approval.")
    waiting_reflection = reflect(event, amira, "Waiting for a look.",
                                 dt.datetime(2026, 12, 3, 10, 7))
    set_moderation(event, "show")
    taken_back = withdraw_pledge(paper_pledge(event, "A pledge taken back."))
    first = pledges.record_progress(paper, {"status": "in_progress", "note": "Booked a room."},
                                    source="pledger")
    second = pledges.record_progress(paper, {"status": "done", "note": "",
                                             "what_changed": "Carers set the agenda now."},
                                     source="staff", author=owner)
    on_hidden = pledges.record_progress(hidden, {"status": "in_progress", "note": "Secret."},
                                        source="pledger")
    events.set_status(event, "closed")
    return SimpleNamespace(
        event=event, owner=owner, amira=amira, bob=bob, paper=paper, phone=phone, hidden=hidden,
        waiting=waiting, taken_back=taken_back,
        reflections=SimpleNamespace(early=early, plain=plain, hidden=hidden_reflection,
                                    waiting=waiting_reflection),
        updates=SimpleNamespace(first=first, second=second, on_hidden=on_hidden))
