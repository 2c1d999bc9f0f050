"""The queries every sheet shares: rows streamed from the database, never all in memory; the
people who took part. Each stage kind keeps its own queries."""

from collections.abc import Iterator

from sqlalchemy import Row, Select, false, func, or_, select

from facilitate.extensions import db
from facilitate.store.models import Event, Participant

# Rows fetched from the database at a time.
BATCH = 1000


def stream(statement: Select) -> Iterator[Row]:
    """The statement's rows, fetched a batch at a time."""
    yield from db.session.execute(statement.execution_options(yield_per=BATCH))


def participants(event: Event, include_hidden: bool, counts: list) -> Select:
    """Everyone who took part, with how many of their items of each kind are in the export.

    `counts` are PersonCount: each a query of (participant_id, n), labelled count_0, count_1...
    """
    counted = [count.query(event, include_hidden).subquery() for count in counts]
    numbers = [func.coalesce(sub.c.n, 0).label(f"count_{i}") for i, sub in enumerate(counted)]
    statement = select(Participant.id, Participant.joined_at, Participant.display_name,
                       Participant.organisation, Participant.roles, Participant.source,
                       Participant.consent_show_name, Participant.consent_contact,
                       Participant.email, *numbers)
    for sub in counted:
        statement = statement.outerjoin(sub, sub.c.participant_id == Participant.id)
    # A paper card makes a participant for what was on it: listed only with that in the file.
    with_items = or_(*(sub.c.n > 0 for sub in counted)) if counted else false()
    return (statement.where(Participant.event_id == event.id,
                            or_(Participant.source != "paper", with_items))
            .order_by(Participant.joined_at, Participant.id))


def count(statement: Select) -> int:
    """How many rows a count statement found."""
    return db.session.scalar(statement) or 0


def joined(event: Event) -> int:
    """How many people joined on a phone."""
    return count(select(func.count(Participant.id)).where(
        Participant.event_id == event.id, Participant.source == "phone"))
