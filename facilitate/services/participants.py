"""Joining an event from a phone, without an account: who a participant is and how many joined.

A phone is known by ``Participant.public_id``, kept in the signed session cookie under
``session["participants"][<join code>]``. ``current_participant(event)`` reads it back; the
join pages, the Socket.IO connect handler and any phone form (pledges too) use it.
"""

import logging

from flask import session
from sqlalchemy import func, select

from facilitate.domain.codes import new_token
from facilitate.domain.errors import EventClosed, NotFound, UserError
from facilitate.domain.text import clean_text
from facilitate.extensions import db
from facilitate.realtime.broadcast import announce
from facilitate.services import room
from facilitate.store.models import Event, Participant, utcnow

log = logging.getLogger(__name__)

SESSION_KEY = "participants"
NAME_LIMIT = 80
ORGANISATION_LIMIT = 120


def check_open(event: Event | None) -> Event:
    """The event if people may join it now; NotFound or EventClosed otherwise."""
    if event is None:
        raise NotFound("We cannot find an event with that code. Check the code and try again.")
    if event.status == "closed":
        raise EventClosed("This event has finished. Thank you for taking part.")
    return event


def join(event: Event, name: object = "", organisation: object = "", roles: object = (),
         show_name: object = False) -> Participant:
    """Add a participant with whatever they chose to tell us (all optional)."""
    check_open(event)
    chosen = [r for r in roles if isinstance(r, str)] if isinstance(roles, list | tuple) else []
    chosen = list(dict.fromkeys(chosen))   # each once: a form can send one role 20,000 times
    unknown = [r for r in chosen if r not in (event.roles or [])]
    if unknown:
        raise UserError("Please choose roles from the list.", "roles")
    participant = Participant(
        event_id=event.id, public_id=new_token(), source="phone",
        display_name=clean_text(name, limit=NAME_LIMIT, field="name", label="Your name"),
        organisation=clean_text(organisation, limit=ORGANISATION_LIMIT, field="organisation",
                                label="Organisation"),
        roles=chosen, consent_show_name=bool(show_name))
    db.session.add(participant)
    db.session.flush()
    count = joined_count(event)
    # Who is in the room goes with it, to the screen and console only (never the phones).
    announce(event, "participant_joined", {"joined": count, "room": room.view(event)},
             ("screen", "console"))
    log.info("participant %s joined event %s", participant.id, event.code)
    return participant


def joined_count(event: Event) -> int:
    """How many people joined on a phone."""
    return db.session.scalar(select(func.count(Participant.id)).where(
        Participant.event_id == event.id, Participant.source == "phone")) or 0


def find(event: Event, public_id: object) -> Participant | None:
    """The participant of this event with this public id, if any."""
    if not isinstance(public_id, str) or not 8 <= len(public_id) <= 64:
        return None
    return db.session.scalar(select(Participant).where(
        Participant.event_id == event.id, Participant.public_id == public_id))


def remember(event: Event, participant: Participant) -> None:
    """Keep the participant's id in the signed session cookie for 30 days."""
    joined = dict(session.get(SESSION_KEY) or {})
    joined[event.code] = participant.public_id
    # Keep the cookie small: a phone rarely needs more than its latest few events.
    session[SESSION_KEY] = dict(list(joined.items())[-5:])
    session.permanent = True


def current_participant(event: Event) -> Participant | None:
    """The participant this browser joined the event as, if it did."""
    public_id = (session.get(SESSION_KEY) or {}).get(event.code)
    return find(event, public_id) if public_id else None


def seen(participant: Participant) -> None:
    """Note that the participant is here now (saved with the next commit)."""
    participant.last_seen_at = utcnow()


def by_id(participant_id: int | None) -> Participant | None:
    """The participant with this id (a connection's), or None once their data was deleted."""
    return db.session.get(Participant, participant_id) if participant_id else None


def names(ids: list[int]) -> list[tuple[int, str]]:
    """(id, name given) of these participants."""
    if not ids:
        return []
    rows = db.session.execute(select(Participant.id, Participant.display_name)
                              .where(Participant.id.in_(ids)))
    return [(person_id, name) for person_id, name in rows]
