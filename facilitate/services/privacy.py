"""Data protection: find one person, export everything held about them, delete it, and erase
contact details when an event's retention period ends."""

import datetime as dt
import logging

from flask import Flask
from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from facilitate import registry
from facilitate.domain import people as retention
from facilitate.domain.errors import NotFound
from facilitate.domain.ids import record_id
from facilitate.extensions import db
from facilitate.store.models import Event, Participant, Pledge

log = logging.getLogger(__name__)

# Keys that let somebody act as the person; a subject access export leaves them out.
SECRET_COLUMNS = {"public_id", "follow_up_token", "client_id"}
PEOPLE_PAGE = 200


def people(event: Event, query: str = "") -> list[tuple[Participant, int]]:
    """People in the event who left anything to identify them by, with their pledge count.

    The query matches name, organisation, email, pledge text, or a follow-up link pasted whole.
    """
    query = " ".join((query or "").split())[:200]
    pledge_count = (select(db.func.count(Pledge.id))
                    .where(Pledge.participant_id == Participant.id).scalar_subquery())
    statement = select(Participant, pledge_count).where(Participant.event_id == event.id)
    if query:
        token = query.rstrip("/").rsplit("/", 1)[-1]
        like = f"%{_escape_like(query.casefold())}%"
        matching_pledges = select(Pledge.participant_id).where(
            Pledge.event_id == event.id,
            or_(db.func.lower(Pledge.action).like(like, escape="\\"),
                db.func.lower(Pledge.pledger_name).like(like, escape="\\"),
                db.func.lower(Pledge.organisation).like(like, escape="\\"),
                db.func.lower(Pledge.email).like(like, escape="\\"),
                Pledge.follow_up_token == token))
        statement = statement.where(or_(
            db.func.lower(Participant.display_name).like(like, escape="\\"),
            db.func.lower(Participant.organisation).like(like, escape="\\"),
            db.func.lower(Participant.email).like(like, escape="\\"),
            Participant.id.in_(matching_pledges)))
    else:
        statement = statement.where(or_(Participant.display_name != "",
                                        Participant.organisation != "",
                                        Participant.email != "", pledge_count > 0))
    statement = statement.order_by(Participant.display_name, Participant.id).limit(PEOPLE_PAGE)
    return [(person, count) for person, count in db.session.execute(statement)]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def person_in(event: Event, person_id: object) -> Participant:
    """One person of this event; NotFound for any other id."""
    is_id = isinstance(person_id, int) and record_id(person_id) is not None
    person = db.session.get(Participant, person_id) if is_id else None
    if person is None or person.event_id != event.id:
        raise NotFound("That person is not in this event.")
    return person


def _tables_about_people():
    """Every table with a participant_id column: whatever features exist, none is missed."""
    return [t for t in db.metadata.sorted_tables
            if "participant_id" in t.c and t.name != "participants"]


def subject_access(person: Participant) -> dict:
    """Everything held about one person, as plain data (for a subject access request)."""
    event = db.session.get(Event, person.event_id)
    held: dict = {
        "event": {"code": event.code, "title": event.title,
                  "date": event.date.isoformat() if event.date else None},
        "person": row_dict(Participant.__table__, db.session.execute(
            select(Participant.__table__).where(Participant.id == person.id)).one()._mapping),
    }
    for table in _tables_about_people():
        rows = db.session.execute(select(table).where(table.c.participant_id == person.id))
        held[table.name] = [row_dict(table, row._mapping) for row in rows]
    for part in registry.personal_data():
        if part.held is not None:
            held.update(part.held(person))
    log.info("subject access export for person %s of event %s", person.id, event.code)
    return held


def row_dict(table, values) -> dict:
    """One row as plain data, without the keys that let somebody act as the person."""
    out = {}
    for column in table.c:
        if column.name in SECRET_COLUMNS:
            continue
        value = values.get(column.name)
        out[column.name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def delete_person(person: Participant, *, keep_writing: bool = False) -> None:
    """Erase one person and everything they sent, in every table that holds it.

    With keep_writing, what they wrote for the group and a kind offers to keep (open-space
    notes and session reports) stays, without their name.
    """
    person_id, event_id = person.id, person.event_id
    for part in registry.personal_data():
        if keep_writing and part.keep is not None:
            part.keep(person_id)
        if part.erase is not None:
            part.erase(person_id)
    for table in reversed(_tables_about_people()):
        db.session.execute(delete(table).where(table.c.participant_id == person_id))
    db.session.execute(delete(Participant).where(Participant.id == person_id))
    db.session.commit()
    db.session.expunge_all()
    log.info("person %s of event %s deleted with all their data%s", person_id, event_id,
             " (their writing kept, nameless)" if keep_writing else "")


# -- retention ----------------------------------------------------------------------------

def erase_expired_contacts(today: dt.date | None = None) -> list[tuple[str, int]]:
    """Erase email addresses of every event whose retention period has ended.

    Returns (event code, emails erased) for each event where something was erased.
    """
    today = today or dt.date.today()
    erased = []
    for event in db.session.scalars(select(Event).where(Event.retention_days.is_not(None))):
        ends = retention.contacts_expire_on(event.date, event.created_at.date(),
                                        event.retention_days)
        if ends is None or today < ends:
            continue
        people_done = db.session.execute(
            update(Participant).where(Participant.event_id == event.id, Participant.email != "")
            .values(email="")).rowcount
        kinds_done = sum(part.expire_contacts(event) for part in registry.personal_data()
                         if part.expire_contacts is not None)
        if (event.settings or {}).get(retention.CONTACTS_ERASED_ON) is None:
            event.settings = {**(event.settings or {}),
                              retention.CONTACTS_ERASED_ON: today.isoformat()}
        db.session.commit()
        if people_done or kinds_done:
            log.info("retention: erased %s email addresses of event %s",
                     people_done + kinds_done, event.code)
            erased.append((event.code, people_done + kinds_done))
    return erased


def init_app(app: Flask) -> None:
    """Erase expired contact details when the app starts, then once a day while it runs."""
    state = {"last": None}

    def run_once_a_day() -> None:
        today = dt.date.today()
        if state["last"] == today:
            return
        state["last"] = today
        try:
            erase_expired_contacts(today)
        except SQLAlchemyError:
            db.session.rollback()
            log.exception("retention: could not erase expired contact details")

    # Not before the schema exists: `facilitate db upgrade` starts without upgrading.
    if app.config.get("RETENTION_ON_START", app.config.get("AUTO_UPGRADE", True)):
        with app.app_context():
            run_once_a_day()
    app.before_request(run_once_a_day)
