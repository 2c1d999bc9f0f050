"""Reflections: take one from a phone exactly once, and let facilitators hide or show it.

The phone's Socket.IO handler and the plain form on the phone page both call submit(). A
retried send (same client id) returns the stored reflection and announces nothing new.
"""

import logging

from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.domain.ids import record_id
from facilitate.domain.text import clean_text
from facilitate.extensions import db
from facilitate.realtime.broadcast import announce
from facilitate.services import sending
from facilitate.stages.reflection import views
from facilitate.store.models import Event, Participant, Reflection

log = logging.getLogger(__name__)

TEXT_LIMIT = 280
VISIBILITIES = ("shown", "pending", "hidden")


def submit(event: Event, participant: Participant, client_id: object, stage_id: object,
           text: object, address: str = "") -> tuple[Reflection, bool]:
    """Store a reflection once whatever the retries. Returns (reflection, created)."""
    client_id = check_client_id(client_id)
    existing = sending.sent_before(Reflection, event, client_id)
    if existing is not None:
        if existing.participant_id != participant.id:
            raise UserError("The message was not sent properly. Please send it again.", "id")
        return existing, False
    sending.check_can_send(event)
    stage = _reflection_stage(event, stage_id)
    text = clean_text(text, limit=TEXT_LIMIT, field="text", label="Your reflection",
                      required=True, multiline=True)
    sending.limit_rate(participant, address)
    reflection = Reflection(event_id=event.id, stage_id=stage.id, participant_id=participant.id,
                            client_id=client_id, text=text,
                            visibility="pending" if event.moderation == "approve" else "shown")
    reflection, created = sending.store_once(reflection, event)
    if not created:
        return reflection, False
    announce(event, "reflection_added",
             lambda audience: _item_for(reflection, audience), ("screen", "console"))
    log.info("reflection %s stored for event %s", reflection.id, event.code)
    return reflection, True


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
    log.info("reflection %s of event %s: %s", reflection.id, event.code, visibility)
    return reflection


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
