"""The reflection stage's client events: phones send answers, consoles moderate them."""

from flask import request

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
    return {"ok": True, "id": reflection.client_id, "status": reflection.visibility,
            "duplicate": not created}


@client_event("set_visibility", ("console",), {"id", "visibility"})
def set_visibility(event, connection, data):
    """Show, hide or approve one reflection."""
    reflection = service.set_visibility(event, data.get("id"), data.get("visibility"))
    return {"ok": True, "id": reflection.id, "visibility": reflection.visibility}


CLIENT_EVENTS = (submit_reflection, set_visibility)
