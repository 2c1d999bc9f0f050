"""The workbook's Reflections sheet, column by column."""

from sqlalchemy import Select, and_, func, null, select

from facilitate.export.workbook import data
from facilitate.export.workbook.layout import Column, TableSheet
from facilitate.export.workbook.sheets import SHOWN, SOURCE_LABELS, left_out
from facilitate.store.models import Participant, Reflection, ReflectionSupport, Stage


def in_file(event, include_hidden: bool):
    """The reflections an export holds: shown ones, unless hidden items are wanted."""
    if include_hidden:
        return Reflection.event_id == event.id
    return and_(Reflection.event_id == event.id, Reflection.visibility == "shown")


def rows(event, include_hidden: bool) -> Select:
    """Every reflection in the export with its stage, how many said "me too" to it and, where
    allowed, its sender's name."""
    me_too = (select(func.count(ReflectionSupport.id))
              .where(ReflectionSupport.reflection_id == Reflection.id)
              .correlate(Reflection).scalar_subquery())
    return (
        select(Reflection.id, Reflection.created_at, Reflection.text, Reflection.visibility,
               null().label("withdrawn_at"),   # reflections cannot be taken back
               Reflection.source, Stage.title.label("stage_title"), Participant.display_name,
               Participant.consent_show_name, me_too.label("me_too"))
        .outerjoin(Stage, Stage.id == Reflection.stage_id)
        .outerjoin(Participant, Participant.id == Reflection.participant_id)
        .where(in_file(event, include_hidden))
        .order_by(Reflection.created_at, Reflection.id))


REFLECTIONS = TableSheet(
    title="Reflections",
    rows=lambda e: data.stream(rows(e.event, e.include_hidden)),
    marked=left_out,
    columns=(
        Column("Sent at", lambda r, e: e.local(r.created_at), kind="datetime", width=17),
        Column("Stage", lambda r, e: r.stage_title or "", width=24),
        Column("Reflection", lambda r, e: r.text, kind="long", width=70),
        Column("Me too", lambda r, e: r.me_too or 0, kind="number", width=10),
        Column("Name (if they agreed to show it)",
               lambda r, e: r.display_name if r.consent_show_name else "", width=22),
        Column("Came from", lambda r, e: SOURCE_LABELS.get(r.source, r.source), width=11),
        SHOWN,
    ),
)


def per_person(event, include_hidden: bool) -> Select:
    """How many of each person's reflections are in the export."""
    return (select(Reflection.participant_id, func.count(Reflection.id).label("n"))
            .where(in_file(event, include_hidden)).group_by(Reflection.participant_id))
