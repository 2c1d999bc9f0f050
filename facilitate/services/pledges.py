"""Pledges: take one (phone or paper) exactly once, and record follow-up progress."""

import datetime as dt
import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facilitate.domain.codes import new_token
from facilitate.domain.errors import UserError
from facilitate.domain.pledges import check_pledge, check_progress
from facilitate.extensions import db
from facilitate.store.models import Event, Participant, Pledge, ProgressUpdate, User

log = logging.getLogger(__name__)


def _client_id(value: object) -> str:
    if not isinstance(value, str) or not 8 <= len(value) <= 64 or not value.isascii():
        raise UserError("The form was not sent properly. Please send it again.", "client_id")
    return value


def submit_pledge(event: Event, participant: Participant | None, client_id: str, raw: dict,
                  *, source: str = "phone", today: dt.date | None = None) -> tuple[Pledge, bool]:
    """Store a pledge once whatever the retries. Returns (pledge, created)."""
    client_id = _client_id(client_id)
    existing = _by_client_id(event, client_id)
    if existing is not None:
        return existing, False
    fields = check_pledge(raw, themes=list(event.themes or []),
                          today=today or dt.date.today())
    person = participant or Participant(event_id=event.id, public_id=new_token(),
                                        source="paper")
    pledge = Pledge(
        event_id=event.id, client_id=client_id, action=fields.action,
        due_date=fields.due_date, theme=fields.theme, scope=fields.scope,
        support_needed=fields.support_needed, topic_id=fields.topic_id, display=fields.display,
        pledger_name=raw.get("name_for_paper", "") if participant is None else "",
        consent_contact=fields.consent_contact, email=fields.email, source=source,
        visibility="pending" if event.moderation == "approve" else "shown",
        follow_up_token=new_token(), status="not_started",
    )
    if participant is not None:
        pledge.participant_id = participant.id
        pledge.pledger_name = participant.display_name
        pledge.organisation = participant.organisation
        pledge.role = ", ".join(participant.roles or [])
    else:
        db.session.add(person)
        db.session.flush()
        pledge.participant_id = person.id
    db.session.add(pledge)
    try:
        db.session.commit()
    except IntegrityError:
        # Two copies of the same send raced each other: the other one won.
        db.session.rollback()
        return _by_client_id(event, client_id), False
    log.info("pledge %s stored for event %s from %s", pledge.id, event.code, source)
    return pledge, True


def _by_client_id(event: Event, client_id: str) -> Pledge | None:
    return db.session.scalar(select(Pledge).where(Pledge.event_id == event.id,
                                                  Pledge.client_id == client_id))


def find_by_token(token: str) -> Pledge | None:
    """The pledge behind a private follow-up link, if the token is real."""
    if not isinstance(token, str) or not 16 <= len(token) <= 64:
        return None
    return db.session.scalar(select(Pledge).where(Pledge.follow_up_token == token))


def record_progress(pledge: Pledge, raw: dict, *, source: str = "pledger",
                    author: User | None = None) -> ProgressUpdate:
    """Add a progress update and move the pledge to its status."""
    fields = check_progress(raw)
    update = ProgressUpdate(event_id=pledge.event_id, pledge_id=pledge.id, status=fields.status,
                            note=fields.note, what_changed=fields.what_changed, source=source,
                            author_id=author.id if author else None)
    pledge.status = fields.status
    db.session.add(update)
    db.session.commit()
    log.info("progress on pledge %s: %s (%s)", pledge.id, fields.status, source)
    return update
