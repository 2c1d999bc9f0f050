"""What each audience sees of a reflection stage, and what a phone sees of its own answers."""

from sqlalchemy import func, select

from facilitate.domain.stages import SummaryRow
from facilitate.extensions import db
from facilitate.stages.reflection.words import cloud_words, word_counts
from facilitate.store.models import Participant, Reflection

SCREEN_REFLECTIONS = 60
CONSOLE_REFLECTIONS = 500


def item(reflection: Reflection, audience: str) -> dict:
    """One reflection as the screen or console sees it (the console also sees who)."""
    shown = {"id": reflection.id, "stage_id": reflection.stage_id, "text": reflection.text,
             "words": cloud_words(reflection.text)}
    if audience == "console":
        shown["visibility"] = reflection.visibility
        shown["author"] = _author(reflection)
    return shown


def _author(reflection: Reflection) -> str:
    participant = db.session.get(Participant, reflection.participant_id) \
        if reflection.participant_id else None
    return participant.display_name if participant else ""


def phones(event, stage) -> dict:
    """The question: nothing anybody sent."""
    return {"question": stage.config.get("question", "")}


def screen(event, stage) -> dict:
    """The question, the newest shown answers and the words they use most."""
    shown = list(db.session.scalars(select(Reflection).where(
        Reflection.stage_id == stage.id, Reflection.visibility == "shown")
        .order_by(Reflection.id)))
    return {"question": stage.config.get("question", ""),
            "reflections": [item(r, "screen") for r in shown[-SCREEN_REFLECTIONS:]],
            "words": word_counts(r.text for r in shown)}


def console(event, stage) -> dict:
    """The question and every answer (the newest CONSOLE_REFLECTIONS), hidden ones too."""
    rows = list(db.session.scalars(select(Reflection).where(Reflection.stage_id == stage.id)
                                   .order_by(Reflection.id.desc()).limit(CONSOLE_REFLECTIONS)))
    return {"question": stage.config.get("question", ""),
            "reflections": [item(r, "console") for r in reversed(rows)]}


def mine(participant, stage) -> list[dict]:
    """What this participant sent in this stage, for their own phone."""
    rows = db.session.scalars(select(Reflection).where(
        Reflection.participant_id == participant.id, Reflection.stage_id == stage.id)
        .order_by(Reflection.id))
    return [{"client_id": r.client_id, "text": r.text, "visibility": r.visibility}
            for r in rows]


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
