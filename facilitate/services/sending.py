"""What everything a phone sends passes, whatever the stage kind: the event still open, sending
not paused by the facilitator, not too fast, and stored once however often it is sent.

The phone makes an id for each thing it sends (domain.ids.client_id); each kind's table has a
unique (event_id, client_id), so a retry finds what the first send stored.
"""

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facilitate.domain.errors import SendingPaused
from facilitate.extensions import db
from facilitate.ratelimits import rate_limits
from facilitate.services.participants import check_open
from facilitate.store.models import Event, Participant

PAUSED = "Sending is paused for now. We will send it when it opens again."


def check_can_send(event: Event) -> None:
    """EventClosed when the event has finished; SendingPaused (the phone keeps the item and
    sends it again once sending opens) while the facilitator has paused sending."""
    check_open(event)
    if event.submissions_locked:
        raise SendingPaused(PAUSED)


def limit_rate(participant: Participant, address: str) -> None:
    """One phone may not flood the screen; a whole venue on one address still gets through."""
    limits, config = rate_limits(), current_app.config
    limits.require(config["SUBMIT_LIMIT"], "submit", str(participant.id),
                   message="You are sending very fast. Please wait a minute and try again.")
    limits.require(config["SUBMIT_LIMIT_PER_ADDRESS"], "submit-address", address,
                   message="Lots of people are sending at once. Please wait a moment.")


def sent_before(model, event: Event, client_id: str):
    """The row a phone (or a form) already sent with this id, if it arrived."""
    return db.session.scalar(select(model).where(model.event_id == event.id,
                                                 model.client_id == client_id))


def store_once(row, event: Event) -> tuple[object, bool]:
    """Add the row: (row, True); or, when the same send arrived twice at once (two tabs, two
    processes) and the other copy won, (that copy, False) with this transaction rolled back."""
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return sent_before(type(row), event, row.client_id), False
    return row, True
