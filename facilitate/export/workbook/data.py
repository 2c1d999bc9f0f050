"""The queries behind the workbook: plain rows streamed from the database, never all in memory."""

from collections.abc import Iterator

from sqlalchemy import Row, Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from facilitate.extensions import db
from facilitate.store.models import (
    Event,
    Participant,
    Pledge,
    ProgressUpdate,
    Reflection,
    User,
)

# Rows fetched from the database at a time.
BATCH = 1000


def stream(statement: Select) -> Iterator[Row]:
    """The statement's rows, fetched a batch at a time."""
    yield from db.session.execute(statement.execution_options(yield_per=BATCH))


def pledge_filter(event: Event, include_hidden: bool):
    """The pledges an export holds: shown and not withdrawn, unless hidden items are wanted."""
    if include_hidden:
        return Pledge.event_id == event.id
    return and_(Pledge.event_id == event.id, Pledge.visibility == "shown",
                Pledge.withdrawn_at.is_(None))


def reflection_filter(event: Event, include_hidden: bool):
    """The reflections an export holds: shown ones, unless hidden items are wanted."""
    if include_hidden:
        return Reflection.event_id == event.id
    return and_(Reflection.event_id == event.id, Reflection.visibility == "shown")


def pledges(event: Event, include_hidden: bool) -> Select:
    """Every pledge with the date of its last update and its latest note."""
    last = _latest_update(event, ProgressUpdate.id.isnot(None))
    noted = _latest_update(event, ProgressUpdate.note != "")
    last_update, note_update = aliased(ProgressUpdate), aliased(ProgressUpdate)
    return (
        select(Pledge.id, Pledge.created_at, Pledge.action, Pledge.due_date, Pledge.theme,
               Pledge.topic_id, Pledge.scope, Pledge.support_needed, Pledge.display,
               Pledge.pledger_name, Pledge.organisation, Pledge.role, Pledge.source,
               Pledge.status, Pledge.consent_contact, Pledge.email, Pledge.follow_up_token,
               Pledge.visibility, Pledge.withdrawn_at,
               last_update.created_at.label("last_update_at"),
               note_update.note.label("latest_note"))
        .outerjoin(last, last.c.pledge_id == Pledge.id)
        .outerjoin(last_update, last_update.id == last.c.update_id)
        .outerjoin(noted, noted.c.pledge_id == Pledge.id)
        .outerjoin(note_update, note_update.id == noted.c.update_id)
        .where(pledge_filter(event, include_hidden))
        .order_by(Pledge.id))


def pledge_states(event: Event) -> Select:
    """Every pledge's status, withdrawal and latest note: what an import compares with."""
    noted = _latest_update(event, ProgressUpdate.note != "")
    note_update = aliased(ProgressUpdate)
    return (
        select(Pledge.id, Pledge.status, Pledge.withdrawn_at,
               note_update.note.label("latest_note"))
        .outerjoin(noted, noted.c.pledge_id == Pledge.id)
        .outerjoin(note_update, note_update.id == noted.c.update_id)
        .where(Pledge.event_id == event.id))


def _latest_update(event: Event, condition):
    """Per pledge, the id of its newest update meeting the condition."""
    return (select(ProgressUpdate.pledge_id, func.max(ProgressUpdate.id).label("update_id"))
            .where(ProgressUpdate.event_id == event.id, condition)
            .group_by(ProgressUpdate.pledge_id).subquery())


def progress(event: Event, include_hidden: bool) -> Select:
    """Every progress update on the pledges in the export, pledge by pledge, oldest first."""
    return (
        select(ProgressUpdate.pledge_id, ProgressUpdate.created_at, ProgressUpdate.status,
               ProgressUpdate.note, ProgressUpdate.what_changed, ProgressUpdate.source,
               Pledge.action, Pledge.visibility, Pledge.withdrawn_at,
               User.name.label("author_name"), User.email.label("author_email"))
        .join(Pledge, Pledge.id == ProgressUpdate.pledge_id)
        .outerjoin(User, User.id == ProgressUpdate.author_id)
        .where(ProgressUpdate.event_id == event.id, pledge_filter(event, include_hidden))
        .order_by(ProgressUpdate.pledge_id, ProgressUpdate.created_at, ProgressUpdate.id))


def participants(event: Event, include_hidden: bool) -> Select:
    """Everyone who took part, with how many of their pledges and reflections are in the export."""
    pledge_counts = (select(Pledge.participant_id, func.count(Pledge.id).label("n"))
                     .where(pledge_filter(event, include_hidden))
                     .group_by(Pledge.participant_id).subquery())
    reflection_counts = (select(Reflection.participant_id, func.count(Reflection.id).label("n"))
                         .where(reflection_filter(event, include_hidden))
                         .group_by(Reflection.participant_id).subquery())
    return (
        select(Participant.id, Participant.joined_at, Participant.display_name,
               Participant.organisation, Participant.roles, Participant.source,
               Participant.consent_show_name, Participant.consent_contact, Participant.email,
               func.coalesce(pledge_counts.c.n, 0).label("pledges"),
               func.coalesce(reflection_counts.c.n, 0).label("reflections"))
        .outerjoin(pledge_counts, pledge_counts.c.participant_id == Participant.id)
        .outerjoin(reflection_counts, reflection_counts.c.participant_id == Participant.id)
        # A paper card makes a participant for its pledge: listed only with that pledge.
        .where(Participant.event_id == event.id,
               or_(Participant.source != "paper", pledge_counts.c.n > 0))
        .order_by(Participant.joined_at, Participant.id))


def count(statement: Select) -> int:
    """How many rows a count statement found."""
    return db.session.scalar(statement) or 0


def joined(event: Event) -> int:
    """How many people joined on a phone."""
    return count(select(func.count(Participant.id)).where(
        Participant.event_id == event.id, Participant.source == "phone"))


def pledges_by(event: Event, include_hidden: bool, column) -> dict[str, int]:
    """How many pledges in the export, withdrawn ones aside, have each value of a column."""
    rows = db.session.execute(
        select(column, func.count(Pledge.id))
        .where(pledge_filter(event, include_hidden), Pledge.withdrawn_at.is_(None))
        .group_by(column))
    return {value or "": number for value, number in rows}
