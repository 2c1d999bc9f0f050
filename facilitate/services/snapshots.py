"""What each audience may see: full snapshots, and the view of one stage per audience.

A stage's view is the common part (id, kind, title, position, built), then its kind's own
fields from the kind's ``views`` (facilitate/stages/<kind>/). A kind with no views is shown as
"coming soon" by every page.

Audiences: "phones" (one view for every phone: nothing personal, nothing hidden), "screen"
(what the room may see), "console" (everything, for facilitators).
"""

from sqlalchemy import select

from facilitate import registry
from facilitate.domain.codes import spoken_join_code
from facilitate.extensions import db
from facilitate.services import participants, room
from facilitate.store.models import Event, Participant, Stage


def stage_summary(stage: Stage) -> dict:
    """What every view of a stage holds, and the console's agenda lists."""
    return {"id": stage.id, "kind": stage.kind, "title": stage.title,
            "position": stage.position, "built": registry.is_built(stage.kind)}


def view_of(event: Event, stage: Stage | None, audience: str) -> dict | None:
    """One stage as an audience sees it."""
    if stage is None:
        return None
    view = stage_summary(stage)
    own = registry.view_part(stage.kind, audience)
    if own is not None:
        view.update(own(event, stage))
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
        data["stages"] = [stage_summary(s) for s in event.stages]
        data["presence"] = presence or {}
    if audience == "phones" and participant is not None:
        data["mine"] = registry.mine(participant, stage)
    return data


def event_part(event: Event, audience: str) -> dict:
    """The event's own fields an audience needs."""
    part = {"code": event.code, "title": event.title, "status": event.status,
            "locked": event.submissions_locked}
    if audience in ("screen", "console"):
        part["joined"] = participants.joined_count(event)
        part["moderation"] = event.moderation
        part["room"] = room.view(event)
    return part


def join_part(event: Event, join_url: str) -> dict:
    """How to join: the URL the QR code holds, a short form of it and the code."""
    return {"join_url": join_url, "short_url": join_url.split("://", 1)[-1],
            "spoken_code": spoken_join_code(event.code)}
