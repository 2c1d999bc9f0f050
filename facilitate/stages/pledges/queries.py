"""The queries behind the pledge sheets, the Summary's pledge counts and the import."""

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import aliased

from facilitate.extensions import db
from facilitate.store.models import Event, Pledge, ProgressUpdate, User


def pledge_filter(event: Event, include_hidden: bool):
    """The pledges an export holds: shown and not withdrawn, unless hidden items are wanted."""
    if include_hidden:
        return Pledge.event_id == event.id
    return and_(Pledge.event_id == event.id, Pledge.visibility == "shown",
                Pledge.withdrawn_at.is_(None))


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


def pledges_by(event: Event, include_hidden: bool, column) -> dict[str, int]:
    """How many pledges in the export, withdrawn ones aside, have each value of a column."""
    rows = db.session.execute(
        select(column, func.count(Pledge.id))
        .where(pledge_filter(event, include_hidden), Pledge.withdrawn_at.is_(None))
        .group_by(column))
    return {value or "": number for value, number in rows}


def per_person(event: Event, include_hidden: bool) -> Select:
    """How many of each person's pledges are in the export."""
    return (select(Pledge.participant_id, func.count(Pledge.id).label("n"))
            .where(pledge_filter(event, include_hidden)).group_by(Pledge.participant_id))
