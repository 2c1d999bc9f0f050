"""An event with every kind of data the workbook holds."""

import datetime as dt
from types import SimpleNamespace

import pytest

from facilitate.services import events, pledges
from tests.export.helpers import (
    TODAY,
    hide_pledge,
    make_participant,
    make_reflection,
    paper_pledge,
    set_made_on,
    withdraw_pledge,
)


@pytest.fixture
def full_event(make_event, make_user):
    """Two people on phones, a paper pledge, progress, and hidden, waiting and taken-back items."""
    owner = make_user(email="sam@example.org", name="Sam Facilitator")
    event = make_event(owner=owner, status="live")
    amira = make_participant(event, display_name="Amira Khan", organisation="Carers Together",
                             roles=["Unpaid carer", "NHS"], consent_show_name=True,
                             consent_contact=True, email="amira@example.org")
    # An address without consent must never reach the workbook, even if it were stored.
    bob = make_participant(event, display_name="Bob", roles=[], consent_contact=False,
                           email="bob@example.org")
    reflections = SimpleNamespace(
        early=make_reflection(event, "Being asked early matters.", participant=amira,
                              created_at=dt.datetime(2026, 6, 15, 9, 30)),
        plain=make_reflection(event, "Keep the words plain.", participant=bob,
                              created_at=dt.datetime(2026, 12, 3, 10, 5)),
        hidden=make_reflection(event, "Something rude.", visibility="hidden",
                               created_at=dt.datetime(2026, 12, 3, 10, 6)),
        waiting=make_reflection(event, "Waiting for a look.", visibility="pending",
                                created_at=dt.datetime(2026, 12, 3, 10, 7)),
    )
    paper = paper_pledge(event, "I will ask carers first.", due="2027-03-31", theme="Equality",
                         scope="team", support_needed="A room we can use.", display="name",
                         consent_contact="on", email="jo@example.org")
    set_made_on(paper, dt.datetime(2026, 6, 15, 9, 30))
    phone, _ = pledges.submit_pledge(event, amira, "phone-pledge-0001",
                                     {"action": "I will share the report.", "theme": "Diversity"},
                                     today=TODAY)
    set_made_on(phone, dt.datetime(2026, 12, 3, 11, 0))
    hidden = hide_pledge(paper_pledge(event, "A pledge that was hidden.", theme="Equality"))
    waiting = hide_pledge(paper_pledge(event, "A pledge waiting for approval."), "pending")
    taken_back = withdraw_pledge(paper_pledge(event, "A pledge taken back."))
    first = pledges.record_progress(paper, {"status": "in_progress", "note": "Booked a room."},
                                    source="pledger")
    second = pledges.record_progress(paper, {"status": "done", "note": "",
                                             "what_changed": "Carers set the agenda now."},
                                     source="staff", author=owner)
    on_hidden = pledges.record_progress(hidden, {"status": "in_progress", "note": "Secret."},
                                        source="pledger")
    events.set_status(event, "closed")
    return SimpleNamespace(event=event, owner=owner, amira=amira, bob=bob,
                           reflections=reflections, paper=paper, phone=phone, hidden=hidden,
                           waiting=waiting, taken_back=taken_back,
                           updates=SimpleNamespace(first=first, second=second,
                                                   on_hidden=on_hidden))
