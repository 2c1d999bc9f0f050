"""What each audience may see: full snapshots, and the view of one stage per audience.

Each stage kind adds its own part of a stage's view with ``@stage_view(kind, audience)``; the
common part (id, kind, title, position, built) comes first. A kind with no view registered is
shown as "coming soon" by every page. To add a kind, write::

    @stage_view("pledges", "screen")
    def _pledges_screen(event: Event, stage: Stage) -> dict:
        return {"prompt": stage.config.get("prompt", ""), "pledges": [...]}

Audiences: "phones" (one view for every phone: nothing personal, nothing hidden), "screen"
(what the room may see), "console" (everything, for facilitators).
"""

from collections.abc import Callable

from sqlalchemy import func, select

from facilitate.domain.codes import spoken_join_code
from facilitate.domain.slides import clamp_slide, slide_html
from facilitate.domain.words import cloud_words, word_counts
from facilitate.extensions import db
from facilitate.store.models import Event, Participant, Pledge, Reflection, Stage

ViewFunction = Callable[[Event, Stage], dict]
_VIEWS: dict[tuple[str, str], ViewFunction] = {}
_BUILT: set[str] = set()
SCREEN_REFLECTIONS = 60
CONSOLE_REFLECTIONS = 500


def stage_view(kind: str, *audiences: str) -> Callable[[ViewFunction], ViewFunction]:
    """Register a function that adds a kind's own fields to its view for these audiences."""
    def register(function: ViewFunction) -> ViewFunction:
        for audience in audiences or ("phones", "screen", "console"):
            _VIEWS[(kind, audience)] = function
        _BUILT.add(kind)
        return function
    return register


def is_built(kind: str) -> bool:
    """True when the kind has views; others show a holding view."""
    return kind in _BUILT


def view_of(event: Event, stage: Stage | None, audience: str) -> dict | None:
    """One stage as an audience sees it."""
    if stage is None:
        return None
    view = {"id": stage.id, "kind": stage.kind, "title": stage.title,
            "position": stage.position, "built": is_built(stage.kind)}
    extra = _VIEWS.get((stage.kind, audience))
    if extra is not None:
        view.update(extra(event, stage))
    return view


def current_stage(event: Event) -> Stage | None:
    """The stage on show, if the facilitator has chosen one."""
    if event.current_stage_id is None:
        return None
    return next((s for s in event.stages if s.id == event.current_stage_id), None)


def snapshot(event: Event, audience: str, *, join_url: str = "",
             participant: Participant | None = None, presence: dict | None = None) -> dict:
    """Everything an audience may see now, tagged with the version it reflects."""
    # Read the version first: the data read after it is at least as new, and deltas are
    # idempotent, so a change landing in between is at worst applied twice, never missed.
    version = db.session.scalar(select(Event.version).where(Event.id == event.id)) or 0
    db.session.refresh(event)
    stage = current_stage(event)
    data = {"version": version, "audience": audience, "event": event_part(event, audience),
            "stage": view_of(event, stage, audience)}
    if audience in ("screen", "console"):
        data["event"].update(join_part(event, join_url))
    if audience == "console":
        data["stages"] = [{"id": s.id, "kind": s.kind, "title": s.title,
                           "position": s.position, "built": is_built(s.kind)}
                          for s in event.stages]
        data["presence"] = presence or {}
    if audience == "phones" and participant is not None:
        data["mine"] = my_reflections(participant, stage)
    return data


def event_part(event: Event, audience: str) -> dict:
    """The event's own fields an audience needs."""
    part = {"code": event.code, "title": event.title, "status": event.status,
            "locked": event.submissions_locked}
    if audience in ("screen", "console"):
        part["joined"] = _joined(event)
        part["moderation"] = event.moderation
    return part


def join_part(event: Event, join_url: str) -> dict:
    """How to join: the URL the QR code holds, a short form of it and the code."""
    return {"join_url": join_url, "short_url": join_url.split("://", 1)[-1],
            "spoken_code": spoken_join_code(event.code)}


def _joined(event: Event) -> int:
    return db.session.scalar(select(func.count(Participant.id)).where(
        Participant.event_id == event.id, Participant.source == "phone")) or 0


def my_reflections(participant: Participant, stage: Stage | None) -> list[dict]:
    """What this participant sent in a reflection stage, for their own phone."""
    if stage is None or stage.kind != "reflection":
        return []
    rows = db.session.scalars(select(Reflection).where(
        Reflection.participant_id == participant.id, Reflection.stage_id == stage.id)
        .order_by(Reflection.id))
    return [{"client_id": r.client_id, "text": r.text, "visibility": r.visibility}
            for r in rows]


def reflection_item(reflection: Reflection, audience: str) -> dict:
    """One reflection as the screen or console sees it (the console also sees who)."""
    item = {"id": reflection.id, "stage_id": reflection.stage_id, "text": reflection.text,
            "words": cloud_words(reflection.text)}
    if audience == "console":
        item["visibility"] = reflection.visibility
        item["author"] = _author(reflection)
    return item


def _author(reflection: Reflection) -> str:
    participant = db.session.get(Participant, reflection.participant_id) \
        if reflection.participant_id else None
    return participant.display_name if participant else ""


# -- the built-in stage kinds -------------------------------------------------------------

@stage_view("welcome")
def _welcome(event: Event, stage: Stage) -> dict:
    return {"message": stage.config.get("message", "")}


@stage_view("slides")
def _slides(event: Event, stage: Stage) -> dict:
    sources = list(stage.config.get("slides") or [])
    index = clamp_slide((stage.state or {}).get("slide", 0), len(sources))
    current = slide_html(sources[index]) if sources else ""
    return {"slide": index, "count": len(sources), "html": current}


@stage_view("slides", "console")
def _slides_console(event: Event, stage: Stage) -> dict:
    view = _slides(event, stage)
    view["sources"] = list(stage.config.get("slides") or [])
    return view


@stage_view("reflection", "phones")
def _reflection_phones(event: Event, stage: Stage) -> dict:
    return {"question": stage.config.get("question", "")}


@stage_view("reflection", "screen")
def _reflection_screen(event: Event, stage: Stage) -> dict:
    shown = list(db.session.scalars(select(Reflection).where(
        Reflection.stage_id == stage.id, Reflection.visibility == "shown")
        .order_by(Reflection.id)))
    return {"question": stage.config.get("question", ""),
            "reflections": [reflection_item(r, "screen") for r in shown[-SCREEN_REFLECTIONS:]],
            "words": word_counts(r.text for r in shown)}


@stage_view("reflection", "console")
def _reflection_console(event: Event, stage: Stage) -> dict:
    rows = list(db.session.scalars(select(Reflection).where(Reflection.stage_id == stage.id)
                                   .order_by(Reflection.id.desc()).limit(CONSOLE_REFLECTIONS)))
    return {"question": stage.config.get("question", ""),
            "reflections": [reflection_item(r, "console") for r in reversed(rows)]}


@stage_view("close")
def _close(event: Event, stage: Stage) -> dict:
    reflections = db.session.scalar(select(func.count(Reflection.id)).where(
        Reflection.event_id == event.id, Reflection.visibility == "shown")) or 0
    pledges = db.session.scalar(select(func.count(Pledge.id)).where(
        Pledge.event_id == event.id, Pledge.withdrawn_at.is_(None))) or 0
    return {"message": stage.config.get("message", ""),
            "counts": {"joined": _joined(event), "reflections": reflections,
                       "pledges": pledges}}
