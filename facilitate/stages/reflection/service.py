"""Reflections: take one from a phone exactly once, and let facilitators hide or show it.

The phone's Socket.IO handler and the plain form on the phone page both call submit(). A
retried send (same client id) returns the stored reflection and announces nothing new.

"Me too": a person adds their voice to a reflection on the wall, once (saying it again changes
nothing), and may take it back; the screen can order its wall by how many said it.
"""

import logging

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.domain.ids import record_id
from facilitate.domain.text import clean_text
from facilitate.extensions import db
from facilitate.ratelimits import rate_limits
from facilitate.realtime.broadcast import announce
from facilitate.services import sending
from facilitate.stages.reflection import rules, views
from facilitate.store.models import Event, Participant, Reflection, ReflectionSupport, Stage

log = logging.getLogger(__name__)

TEXT_LIMIT = 280
VISIBILITIES = ("shown", "pending", "hidden")
SOURCES = ("phone", "paper")
NOT_SENT_PROPERLY = "The message was not sent properly. Please send it again."
# Tapping "me too" down a long wall is fine; a script flooding the screen with changes is not.
ME_TOO_LIMIT = "60 per minute"


def submit(event: Event, participant: Participant | None, client_id: object, stage_id: object,
           text: object, address: str = "", *, source: str = "phone") -> tuple[Reflection, bool]:
    """Store a reflection once whatever the retries. Returns (reflection, created).

    From a phone: sending must be open, within the rate limit, and the event's moderation
    applies. From a paper card (source "paper", typed in by a facilitator, no participant):
    any time, shown at once (the facilitator typing it is the moderator).
    """
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    from_phone = source == "phone"
    client_id = check_client_id(client_id)
    existing = sending.sent_before(Reflection, event, client_id)
    if existing is not None:
        if existing.participant_id != (participant.id if participant else None):
            raise UserError("The message was not sent properly. Please send it again.", "id")
        return existing, False
    if from_phone:
        sending.check_can_send(event)
    stage = _reflection_stage(event, stage_id)
    text = clean_text(text, limit=TEXT_LIMIT, field="text",
                      label="Your reflection" if from_phone else "What the card says",
                      required=True, multiline=True)
    if from_phone:
        sending.limit_rate(participant, address)
    held_back = from_phone and event.moderation == "approve"
    reflection = Reflection(event_id=event.id, stage_id=stage.id,
                            participant_id=participant.id if participant else None,
                            client_id=client_id, text=text, source=source,
                            visibility="pending" if held_back else "shown")
    reflection, created = sending.store_once(reflection, event)
    if not created:
        return reflection, False
    shown = reflection.visibility == "shown"   # read before the commit expires it
    announce(event, "reflection_added",
             lambda audience: _item_for(reflection, audience), ("screen", "console"))
    if shown:
        announce_wall(event, stage)
    log.info("reflection %s stored for event %s from %s", reflection.id, event.code, source)
    return reflection, True


def paper_count(event: Event, stage: Stage) -> int:
    """How many paper cards have been typed in for this stage."""
    return db.session.scalar(select(func.count(Reflection.id)).where(
        Reflection.stage_id == stage.id, Reflection.source == "paper")) or 0


def recent_paper(event: Event, stage: Stage, limit: int = 5) -> list[Reflection]:
    """The cards typed in last for this stage, newest first."""
    return list(db.session.scalars(select(Reflection).where(
        Reflection.stage_id == stage.id, Reflection.source == "paper")
        .order_by(Reflection.id.desc()).limit(limit)))


def set_visibility(event: Event, reflection_id: object, visibility: object) -> Reflection:
    """Show, hide or hold back a reflection; the screen adds or removes it at once."""
    if visibility not in VISIBILITIES:
        raise UserError("Choose show or hide.", "visibility")
    reflection = _of_event(event, reflection_id)
    before = reflection.visibility
    if before == visibility:
        return reflection
    reflection.visibility = visibility

    def payload(audience: str) -> dict | None:
        if audience == "console":
            return {"reflection": views.item(reflection, "console")}
        if visibility == "shown":
            return {"reflection": views.item(reflection, "screen")}
        if before == "shown":
            return {"id": reflection.id, "stage_id": reflection.stage_id,
                    "words": views.item(reflection, "screen")["words"]}
        return None

    announce(event, "reflection_changed", payload, ("screen", "console"))
    if "shown" in (before, visibility):
        stage = db.session.get(Stage, reflection.stage_id) if reflection.stage_id else None
        if stage is not None:
            announce_wall(event, stage)
    log.info("reflection %s of event %s: %s", reflection.id, event.code, visibility)
    return reflection


def announce_wall(event: Event, stage: Stage) -> None:
    """Tell phones the wall changed: a few numbers, not the wall (a room of 400 sending would
    otherwise send every phone the whole wall again and again); a phone asks for the wall
    (request_wall) when its person wants the new one. Coalesced, so a burst is one message."""
    announce(event, "wall_changed", views.wall_state(stage), ("phones",))


# -- "me too" ---------------------------------------------------------------------------

def say_me_too(event: Event, participant: Participant, reflection_id: object,
               me_too: object = True, address: str = "") -> tuple[Reflection, bool, int]:
    """Add (or, with me_too False, take back) this person's "me too" on a shown reflection of
    the event. Saying it twice is once. Returns (reflection, me_too now, how many said it)."""
    if not isinstance(me_too, bool):
        raise UserError(NOT_SENT_PROPERLY, "me_too")
    sending.check_can_send(event)
    reflection = _of_event(event, reflection_id)
    mark = db.session.scalar(select(ReflectionSupport).where(
        ReflectionSupport.reflection_id == reflection.id,
        ReflectionSupport.participant_id == participant.id))
    if me_too == (mark is not None):
        if me_too:   # still only on the wall, even when nothing changes
            rules.check_may_say_me_too(reflection.visibility, reflection.participant_id,
                                       participant.id)
        return reflection, me_too, _me_too_count(reflection)
    if me_too:
        rules.check_may_say_me_too(reflection.visibility, reflection.participant_id,
                                   participant.id)
    rate_limits().require(ME_TOO_LIMIT, "me-too", str(participant.id),
                          message="You are sending very fast. Please wait a minute and try "
                                  "again.")
    if me_too:
        db.session.add(ReflectionSupport(event_id=event.id, reflection_id=reflection.id,
                                         participant_id=participant.id))
    else:
        db.session.delete(mark)
    try:
        db.session.flush()
    except IntegrityError:   # the same "me too" from two tabs at once: the other counted it
        db.session.rollback()
        reflection = _of_event(event, reflection_id)
        return reflection, me_too, _me_too_count(reflection)
    count = _me_too_count(reflection)

    def payload(audience: str) -> dict | None:
        if audience == "screen" and reflection.visibility != "shown":
            return None
        return {"reflection": views.item(reflection, audience, count)}

    announce(event, "me_too_changed", payload, ("screen", "console"))
    log.info("reflection %s of event %s: me too %s (%s)", reflection.id, event.code,
             me_too, count)
    return reflection, me_too, count


def _me_too_count(reflection: Reflection) -> int:
    return views.me_too_counts([reflection.id]).get(reflection.id, 0)


def set_wall_order(event: Event, order: object, stage_id: object = None) -> Stage:
    """Order the screen's wall by the newest, or by how many said "me too" (the stage on show,
    unless another of the event's reflection stages is named)."""
    if order not in rules.WALL_ORDERS:
        raise UserError("Choose newest first or most \"me too\" first.", "order")
    if stage_id is None:
        stage = next((s for s in event.stages if s.id == event.current_stage_id), None)
        if stage is None or stage.kind != "reflection":
            raise NotFound("There is no reflection on show.", "stage_id")
    else:
        stage = _reflection_stage(event, stage_id)
    if rules.wall_order(stage.state) == order:
        return stage
    stage.state = {**(stage.state or {}), "wall_order": order}
    from facilitate.services.snapshots import view_of

    announce(event, "wall_order_changed",
             lambda audience: {"stage": view_of(event, stage, audience)}, ("screen", "console"))
    log.info("reflection stage %s of event %s: wall by %s", stage.id, event.code, order)
    return stage


def wall_for(event: Event, participant: Participant, stage_id: object) -> dict:
    """A phone's wall now, and the reflections its person said "me too" to."""
    stage = _reflection_stage(event, stage_id)
    return {"stage_id": stage.id, "wall": views.phones(event, stage)["wall"],
            "me_too": views.supported(participant, stage)}


def _item_for(reflection: Reflection, audience: str) -> dict | None:
    if audience == "screen" and reflection.visibility != "shown":
        return None
    return {"reflection": views.item(reflection, audience)}


def _reflection_stage(event: Event, stage_id: object):
    if not isinstance(stage_id, int) or isinstance(stage_id, bool):
        raise UserError("The message was not sent properly. Please send it again.", "stage_id")
    stage = next((s for s in event.stages if s.id == stage_id), None)
    if stage is None or stage.kind != "reflection":
        raise NotFound("That question is not part of this event.", "stage_id")
    return stage


def _of_event(event: Event, reflection_id: object) -> Reflection:
    if not isinstance(reflection_id, int) or isinstance(reflection_id, bool):
        raise UserError("Choose a reflection.", "id")
    reflection = db.session.get(Reflection, reflection_id) if record_id(reflection_id) else None
    if reflection is None or reflection.event_id != event.id:
        raise NotFound("That reflection is not in this event.", "id")
    return reflection
