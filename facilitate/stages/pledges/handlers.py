"""Socket.IO handlers of the pledges stage: phones send pledges, consoles moderate them.

Each is checked as every client event is (facilitate.realtime.handlers) and calls the pledges
service, which stores the change and announces it (pledge_added, pledge_changed, pledge_removed,
pledging_changed). docs/protocol.md describes the messages.
"""

from flask import request

from facilitate.domain.errors import UserError
from facilitate.domain.stages import client_event
from facilitate.services import participants
from facilitate.stages.pledges import service as pledges

PLEDGE_FIELDS = frozenset({"action", "due", "theme", "scope", "support_needed", "display",
                           "name", "organisation", "consent_contact", "email", "topic_id"})


@client_event("submit_pledge", ("phones",), PLEDGE_FIELDS | {"id"})
def submit_pledge(event, connection, data):
    """A phone sends a pledge with an id it made; stored once however often it is sent."""
    participant = participants.by_id(connection.participant_id)
    raw = {key: value for key, value in data.items() if key in PLEDGE_FIELDS}
    pledge, created = pledges.submit_pledge(event, participant, data.get("id"), raw,
                                            address=request.remote_addr or "")
    return {"ok": True, "id": pledge.client_id, "pledge_id": pledge.id,
            "status": pledge.visibility, "duplicate": not created}


@client_event("request_my_pledges", ("phones",), frozenset())
def request_my_pledges(event, connection, data):
    """A phone asks for its own pledges (after connecting, and after each send)."""
    participant = participants.by_id(connection.participant_id)
    if participant is None:
        raise UserError("Please join the event first.")
    return {"ok": True, **pledges.phone_snapshot(event, participant),
            "me": {"name": participant.display_name, "organisation": participant.organisation,
                   "email": participant.email if participant.consent_contact else ""}}


@client_event("moderate_pledge", ("console",), frozenset({"id", "action"}))
def moderate_pledge(event, connection, data):
    """Approve, show or hide one pledge on the wall."""
    pledge = pledges.moderate(pledges.pledge_in(event, data.get("id")), data.get("action"))
    return {"ok": True, "id": pledge.id, "visibility": pledge.visibility}


@client_event("set_pledging_open", ("console",), frozenset({"open"}))
def set_pledging_open(event, connection, data):
    """Open or close pledging for phones."""
    if not isinstance(data.get("open"), bool):
        raise UserError("Say whether pledging is open.", "open")
    pledges.set_pledging_open(event, data["open"])
    return {"ok": True, "open": pledges.is_open(event)}


CLIENT_EVENTS = (submit_pledge, request_my_pledges, moderate_pledge, set_pledging_open)
