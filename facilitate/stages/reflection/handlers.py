"""The reflection stage's client events: phones send answers, consoles moderate them."""

from flask import request

from facilitate.domain.errors import UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.domain.stages import client_event
from facilitate.services import participants
from facilitate.stages.reflection import service


@client_event("submit_reflection", ("phones",), {"id", "stage_id", "text"})
def submit_reflection(event, connection, data):
    """A phone sends a reflection with an id it made; stored once however often it is sent."""
    participant = participants.by_id(connection.participant_id)
    reflection, created = service.submit(event, participant, data.get("id"),
                                         data.get("stage_id"), data.get("text"),
                                         address=request.remote_addr or "")
    return {"ok": True, "id": reflection.client_id, "reflection_id": reflection.id,
            "status": reflection.visibility, "duplicate": not created}


@client_event("set_visibility", ("console",), {"id", "visibility"})
def set_visibility(event, connection, data):
    """Show, hide or approve one reflection."""
    reflection = service.set_visibility(event, data.get("id"), data.get("visibility"))
    return {"ok": True, "id": reflection.id, "visibility": reflection.visibility}


def _participant(connection):
    participant = participants.by_id(connection.participant_id)
    if participant is None:
        raise UserError("Please join the event first.")
    return participant


@client_event("say_me_too", ("phones",), {"id", "reflection_id", "me_too"})
def say_me_too(event, connection, data):
    """Add this phone's voice to a reflection on the wall (`me_too` false takes it back)."""
    if "id" in data:   # the outbox's id: checked, though saying it twice is once anyway
        check_client_id(data["id"])
    reflection, me_too, count = service.say_me_too(
        event, _participant(connection), data.get("reflection_id"), data.get("me_too", True),
        address=request.remote_addr or "")
    return {"ok": True, "reflection_id": reflection.id, "me_too": me_too, "count": count}


@client_event("request_wall", ("phones",), {"stage_id"})
def request_wall(event, connection, data):
    """The wall as it is now, for a phone whose person asked for the newest reflections."""
    return {"ok": True, **service.wall_for(event, _participant(connection),
                                           data.get("stage_id"))}


@client_event("set_wall_order", ("console",), {"order", "stage_id"})
def set_wall_order(event, connection, data):
    """Order the screen's wall by the newest or by "me too" (the stage on show by default)."""
    stage = service.set_wall_order(event, data.get("order"), data.get("stage_id"))
    return {"ok": True, "stage_id": stage.id, "order": data.get("order")}


CLIENT_EVENTS = (submit_reflection, set_visibility, say_me_too, request_wall, set_wall_order)
