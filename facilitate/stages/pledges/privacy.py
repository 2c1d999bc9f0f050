"""Pledges in one person's data: their progress updates, and pledge emails at retention.

services/privacy.py already finds every pledge by its participant_id; progress updates hang
off pledges, so they are shown and erased here.
"""

from sqlalchemy import delete, select, update

from facilitate.extensions import db
from facilitate.services.privacy import row_dict
from facilitate.store.models import Pledge, ProgressUpdate


def _pledges_of(person_id: int):
    return select(Pledge.id).where(Pledge.participant_id == person_id)


def held(person) -> dict:
    """The progress updates of the person's pledges."""
    table = ProgressUpdate.__table__
    rows = db.session.execute(select(table).where(
        ProgressUpdate.pledge_id.in_(_pledges_of(person.id))).order_by(ProgressUpdate.id))
    return {"progress_updates": [row_dict(table, row._mapping) for row in rows]}


def erase(person_id: int) -> None:
    """Erase the progress updates of the person's pledges (the pledges go with the person)."""
    db.session.execute(delete(ProgressUpdate).where(
        ProgressUpdate.pledge_id.in_(_pledges_of(person_id))))


def expire_contacts(event) -> int:
    """Erase the emails given on the event's pledges; how many there were."""
    return db.session.execute(update(Pledge).where(Pledge.event_id == event.id,
                                                   Pledge.email != "")
                              .values(email="")).rowcount
