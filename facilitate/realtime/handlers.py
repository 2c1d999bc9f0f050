"""Socket.IO handlers: check who is asking and what they sent, call a service, answer.

Every client event is answered with an ack: ``{"ok": true, ...}`` or
``{"ok": false, "reason": "...", "error": "plain words"}``. docs/protocol.md lists them all.
"""

import functools
import logging

from flask import current_app, request, session
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, emit, join_room

from facilitate.domain.codes import normalise_join_code
from facilitate.domain.errors import NotAllowed, NotFound, RateLimited, UserError
from facilitate.extensions import db, socketio
from facilitate.ratelimits import rate_limits
from facilitate.realtime.broadcast import tell
from facilitate.realtime.presence import Connection, Presence
from facilitate.realtime.rooms import AUDIENCES, room
from facilitate.services import events, live, participants, reflections, snapshots
from facilitate.services.participants import EventClosed
from facilitate.services.reflections import SendingPaused
from facilitate.store.models import Event, Participant

log = logging.getLogger(__name__)

SCREENS_KEY = "screens"
MESSAGES_PER_CONNECTION = "300 per minute"
# (name, function) of every client event, registered on each app's Socket.IO server.
CLIENT_EVENTS: list[tuple[str, object]] = []


def register() -> None:
    """Attach the handlers to the Socket.IO server of the app being set up."""
    socketio.on_event("connect", connect)
    socketio.on_event("disconnect", disconnect)
    for name, function in CLIENT_EVENTS:
        socketio.on_event(name, function)


def presence() -> Presence:
    """This process's list of open connections."""
    return current_app.extensions["facilitate_presence"]


def may_show_screen(event: Event) -> bool:
    """A facilitator of the event, or a browser that opened the screen link."""
    if current_user.is_authenticated and events.can_run(current_user, event):
        return True
    return (session.get(SCREENS_KEY) or {}).get(event.code) == event.screen_token


def still_allowed(connection: Connection, event: Event) -> bool:
    """What was checked on connecting still holds: a console's facilitator still runs the
    event (co-facilitators can be removed), a phone's participant still exists (a person's
    data can be deleted)."""
    if connection.audience == "console":
        return any(f.user_id == connection.user_id for f in event.facilitators)
    if connection.audience == "phones":
        return db.session.get(Participant, connection.participant_id) is not None
    return True


def _reason(error: UserError) -> str:
    for kind, reason in ((SendingPaused, "paused"), (EventClosed, "closed"),
                         (RateLimited, "rate_limited"), (NotFound, "not_found"),
                         (NotAllowed, "not_allowed")):
        if isinstance(error, kind):
            return reason
    return "invalid"


def refuse(reason: str, error: str, field: str | None = None) -> dict:
    """The ack of a message that changed nothing."""
    answer = {"ok": False, "reason": reason, "error": error}
    if field:
        answer["field"] = field
    return answer


def handler(name: str, audiences: tuple[str, ...], keys: frozenset[str]):
    """Register a client event: only `audiences` may send it, with a dict of only `keys`."""
    def wrap(function):
        @functools.wraps(function)
        def run(data=None):
            connection = presence().get(request.sid)
            if connection is None or connection.audience not in audiences:
                return refuse("not_allowed", "You cannot do that from this page.")
            if not isinstance(data, dict) or not set(data) <= keys:
                return refuse("invalid", "The message was not understood.")
            if not rate_limits().hit(MESSAGES_PER_CONNECTION, "socket", request.sid):
                return refuse("rate_limited", "Too many messages. Please slow down.")
            event = db.session.get(Event, connection.event_id)
            if event is None:
                return refuse("not_found", "This event no longer exists.")
            if not still_allowed(connection, event):
                return refuse("not_allowed", "You cannot do that any more. Please reload the "
                              "page.")
            try:
                return function(event, connection, data) or {"ok": True}
            except UserError as error:
                db.session.rollback()
                return refuse(_reason(error), error.message, error.field)
            except Exception:
                db.session.rollback()
                log.exception("%s failed for event %s", name, connection.event_id)
                return refuse("error", "Something went wrong. Please try again.")
        CLIENT_EVENTS.append((name, run))
        return run
    return wrap


def connect(auth=None):
    """Join the rooms of one event and audience, then get a snapshot (or 'up to date')."""
    auth = auth if isinstance(auth, dict) else {}
    code, audience = auth.get("event"), auth.get("audience")
    if not isinstance(code, str) or audience not in AUDIENCES:
        raise ConnectionRefusedError("invalid")
    try:
        event = events.find_event_by_anyone(normalise_join_code(code), request.remote_addr or "")
    except RateLimited as error:
        raise ConnectionRefusedError("rate_limited") from error
    if event is None:
        raise ConnectionRefusedError("not_found")
    participant = None
    if audience == "phones":
        participant = participants.current_participant(event)
        if participant is None:
            raise ConnectionRefusedError("not_joined")
    elif audience == "screen" and not may_show_screen(event):
        raise ConnectionRefusedError("not_allowed")
    elif audience == "console" and not (current_user.is_authenticated
                                        and events.can_run(current_user, event)):
        raise ConnectionRefusedError("not_allowed")
    join_room(room(event.id, audience))
    presence().add(Connection(request.sid, event.id, audience,
                              participant.id if participant else None,
                              current_user.id if current_user.is_authenticated else None))
    known = auth.get("version")
    if isinstance(known, int) and not isinstance(known, bool) and known == event.version:
        emit("up_to_date", {"version": known})
    else:
        emit("snapshot", _snapshot(event, audience, participant))
    _tell_presence(event.id)


def disconnect(reason=None):
    """Forget the connection and tell the consoles who is still here."""
    connection = presence().remove(request.sid)
    if connection is not None:
        _tell_presence(connection.event_id)


def _snapshot(event: Event, audience: str, participant: Participant | None = None) -> dict:
    return snapshots.snapshot(event, audience, participant=participant,
                              join_url=live.join_url(event, request.host, request.scheme),
                              presence=presence_summary(event.id)
                              if audience == "console" else None)


def presence_summary(event_id: int) -> dict:
    """Counts of open connections and the people online, for the console."""
    summary = presence().summary(event_id)
    ids = summary.pop("participant_ids")[:500]
    people = db.session.query(Participant.id, Participant.display_name).filter(
        Participant.id.in_(ids)).all() if ids else []
    summary["people"] = [{"id": pid, "name": name} for pid, name in people]
    return summary


def _tell_presence(event_id: int) -> None:
    tell(event_id, "presence_changed", presence_summary(event_id), "console")


@handler("request_snapshot", AUDIENCES, frozenset({"version"}))
def request_snapshot(event, connection, data):
    """A client that missed a message asks for everything again."""
    participant = db.session.get(Participant, connection.participant_id) \
        if connection.participant_id else None
    return {"ok": True, "snapshot": _snapshot(event, connection.audience, participant)}


@handler("submit_reflection", ("phones",), frozenset({"id", "stage_id", "text"}))
def submit_reflection(event, connection, data):
    """A phone sends a reflection with an id it made; stored once however often it is sent."""
    participant = db.session.get(Participant, connection.participant_id)
    reflection, created = reflections.submit(event, participant, data.get("id"),
                                             data.get("stage_id"), data.get("text"),
                                             address=request.remote_addr or "")
    return {"ok": True, "id": reflection.client_id, "status": reflection.visibility,
            "duplicate": not created}


@handler("go_to_stage", ("console",), frozenset({"stage_id"}))
def go_to_stage(event, connection, data):
    """Put a stage on show."""
    stage = live.go_to_stage(event, data.get("stage_id"))
    return {"ok": True, "stage_id": stage.id}


@handler("step_stage", ("console",), frozenset({"step"}))
def step_stage(event, connection, data):
    """Go to the next or previous stage."""
    stage = live.step_stage(event, data.get("step"))
    return {"ok": True, "stage_id": stage.id}


@handler("move_slide", ("console", "screen"), frozenset({"step", "slide"}))
def move_slide(event, connection, data):
    """Next or previous slide (the screen's clicker may do this too), or a slide by number."""
    return {"ok": True, "slide": live.move_slide(event, data.get("step"), data.get("slide"))}


@handler("lock_submissions", ("console",), frozenset({"locked"}))
def lock_submissions(event, connection, data):
    """Pause or resume sending from phones."""
    return {"ok": True, "locked": live.set_locked(event, data.get("locked"))}


@handler("set_moderation", ("console",), frozenset({"moderation"}))
def set_moderation(event, connection, data):
    """Show posts at once or only after approval."""
    return {"ok": True, "moderation": live.set_moderation(event, data.get("moderation"))}


@handler("set_visibility", ("console",), frozenset({"id", "visibility"}))
def set_visibility(event, connection, data):
    """Show, hide or approve one reflection."""
    reflection = reflections.set_visibility(event, data.get("id"), data.get("visibility"))
    return {"ok": True, "id": reflection.id, "visibility": reflection.visibility}
