"""What each audience sees of a reflection stage, and what a phone sees of its own answers."""

from sqlalchemy import func, select

from facilitate.domain.stages import SummaryRow
from facilitate.extensions import db
from facilitate.stages.reflection import rules
from facilitate.stages.reflection.words import cloud_words, word_counts
from facilitate.store.models import Participant, Reflection, ReflectionSupport

FROM_PAPER = "From a paper card"   # who wrote it, as the console says of a card typed in

SCREEN_REFLECTIONS = 60
CONSOLE_REFLECTIONS = 500
# The wall a phone can say "me too" on: the newest shown reflections, oldest first, so new ones
# come at the end and nothing moves under a finger about to tap.
PHONE_WALL = 60


def me_too_counts(reflection_ids: list[int]) -> dict[int, int]:
    """How many said "me too" to each of these reflections (none: left out)."""
    if not reflection_ids:
        return {}
    rows = db.session.execute(
        select(ReflectionSupport.reflection_id, func.count(ReflectionSupport.id))
        .where(ReflectionSupport.reflection_id.in_(reflection_ids))
        .group_by(ReflectionSupport.reflection_id))
    return {reflection_id: n for reflection_id, n in rows}


def item(reflection: Reflection, audience: str, me_too: int | None = None) -> dict:
    """One reflection as the screen or console sees it (the console also sees who), with how
    many said "me too" (counted here unless given)."""
    if me_too is None:
        me_too = me_too_counts([reflection.id]).get(reflection.id, 0)
    shown = {"id": reflection.id, "stage_id": reflection.stage_id, "text": reflection.text,
             "words": cloud_words(reflection.text), "me_too": me_too}
    if audience == "console":
        shown["visibility"] = reflection.visibility
        shown["author"] = _author(reflection)
    return shown


def _author(reflection: Reflection) -> str:
    if reflection.source == "paper":
        return FROM_PAPER
    participant = db.session.get(Participant, reflection.participant_id) \
        if reflection.participant_id else None
    return participant.display_name if participant else ""


def phones(event, stage) -> dict:
    """The question and the wall as every phone sees it: shown reflections' words, no counts
    and nothing about who wrote them."""
    rows = db.session.execute(
        select(Reflection.id, Reflection.text)
        .where(Reflection.stage_id == stage.id, Reflection.visibility == "shown")
        .order_by(Reflection.id.desc()).limit(PHONE_WALL)).all()
    return {"question": stage.config.get("question", ""),
            "wall": [{"id": r.id, "text": r.text} for r in reversed(rows)]}


def wall_state(stage) -> dict:
    """What tells a phone its wall is out of date: how many are shown, and the newest."""
    count, newest = db.session.execute(
        select(func.count(Reflection.id), func.max(Reflection.id))
        .where(Reflection.stage_id == stage.id, Reflection.visibility == "shown")).one()
    return {"stage_id": stage.id, "shown": count or 0, "newest": newest or 0}


def screen(event, stage) -> dict:
    """The question, the shown answers the wall may hold (the newest, or the most "me too"
    when the facilitator orders it so) and the words they all use most."""
    order = rules.wall_order(stage.state)
    shown = list(db.session.scalars(select(Reflection).where(
        Reflection.stage_id == stage.id, Reflection.visibility == "shown")
        .order_by(Reflection.id)))
    counts = me_too_counts([r.id for r in shown])
    wall = rules.ordered(shown, order, key=lambda r: (r.id, counts.get(r.id, 0)))
    wall = sorted(wall[:SCREEN_REFLECTIONS], key=lambda r: r.id)
    return {"question": stage.config.get("question", ""), "order": order,
            "reflections": [item(r, "screen", counts.get(r.id, 0)) for r in wall],
            "words": word_counts(r.text for r in shown)}


def console(event, stage) -> dict:
    """The question and every answer (the newest CONSOLE_REFLECTIONS), hidden ones too."""
    rows = list(db.session.scalars(select(Reflection).where(Reflection.stage_id == stage.id)
                                   .order_by(Reflection.id.desc()).limit(CONSOLE_REFLECTIONS)))
    counts = me_too_counts([r.id for r in rows])
    return {"question": stage.config.get("question", ""),
            "order": rules.wall_order(stage.state),
            "reflections": [item(r, "console", counts.get(r.id, 0)) for r in reversed(rows)]}


def mine(participant, stage) -> list[dict]:
    """What this participant sent in this stage, for their own phone, and the reflections they
    said "me too" to (`{"kind": "me_too", "id"}`)."""
    rows = db.session.scalars(select(Reflection).where(
        Reflection.participant_id == participant.id, Reflection.stage_id == stage.id)
        .order_by(Reflection.id))
    own = [{"id": r.id, "client_id": r.client_id, "text": r.text, "visibility": r.visibility}
           for r in rows]
    return own + [{"kind": "me_too", "id": reflection_id}
                  for reflection_id in supported(participant, stage)]


def supported(participant, stage) -> list[int]:
    """The reflections of this stage this person said "me too" to."""
    return list(db.session.scalars(
        select(ReflectionSupport.reflection_id)
        .join(Reflection, Reflection.id == ReflectionSupport.reflection_id)
        .where(ReflectionSupport.participant_id == participant.id,
               Reflection.stage_id == stage.id)
        .order_by(ReflectionSupport.reflection_id)))


def _count(*conditions) -> int:
    return db.session.scalar(select(func.count(Reflection.id)).where(*conditions)) or 0


def counts(event) -> dict[str, int]:
    """For the closing stage: the reflections everybody could see."""
    return {"reflections": _count(Reflection.event_id == event.id,
                                  Reflection.visibility == "shown")}


def summary(event, include_hidden: bool) -> list[SummaryRow]:
    """The workbook's Summary lines."""
    where = "In this file, greyed out" if include_hidden else "Not in this file"
    return [
        SummaryRow("Reflections", _count(Reflection.event_id == event.id,
                                         Reflection.visibility == "shown")),
        SummaryRow("Reflections hidden or waiting for approval",
                   _count(Reflection.event_id == event.id, Reflection.visibility != "shown"),
                   where),
    ]
