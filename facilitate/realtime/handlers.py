"""Socket.IO handlers: check who is asking and what they sent, call a service, answer.

The client events are the few every page shares (below) and each stage kind's own, from the
registry. Every one gets the same checks (``guarded``) and is answered with an ack:
``{"ok": true, ...}`` or ``{"ok": false, "reason": "...", "error": "plain words"}``.
So is every other message: one of an unknown name, with more than one argument, or named
like the server's own ``connect`` and ``disconnect`` (``gate``); each is counted against the
connection's limit and refused. docs/protocol.md lists them all.
"""

import functools
import logging

from flask import current_app, request
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, emit, join_room
from limits import parse

from facilitate import registry
from facilitate.domain.codes import normalise_join_code
from facilitate.domain.errors import (
    EventClosed,
    NotAllowed,
    NotFound,
    RateLimited,
    SendingPaused,
    UserError,
)
from facilitate.domain.stages import ClientEvent, client_event
from facilitate.extensions import db, socketio
from facilitate.realtime.broadcast import tell
from facilitate.realtime.presence import Connection, Presence
from facilitate.realtime.rooms import AUDIENCES, room
from facilitate.services import accounts, events, live, participants, snapshots
from facilitate.services import room as who_is_here
from facilitate.services.screens import may_show_screen
from facilitate.store.models import Event, Participant

log = logging.getLogger(__name__)

MESSAGES_PER_CONNECTION = "300 per minute"
# Connects, and messages, that use the database at once; the others wait their turn, so a
# storm of 300 phones reconnecting is slower, not refused (facilitate.store.database.POOL).
# Connects take turns apart from messages: a phone comes back without waiting behind every
# reflection the phones already back are sending; consoles apart from both, so the facilitator
# can change the stage in the middle of a storm.
CONNECTS_AT_ONCE = 4
MESSAGES_AT_ONCE = 6
CONSOLE_MESSAGES_AT_ONCE = 2
NOT_UNDERSTOOD = "The message was not understood."


def register() -> None:
    """Attach the handlers to the Socket.IO server of the app being set up."""
    socketio.on_event("connect", connect)
    socketio.on_event("disconnect", disconnect)
    socketio.on_event("*", unknown_message)
    for message in client_events():
        socketio.on_event(message.name, guarded(message))


def client_events() -> list[ClientEvent]:
    """Every client event the server answers: the shared ones, then each stage kind's."""
    return [*SHARED_EVENTS, *registry.client_events()]


def presence() -> Presence:
    """This process's list of open connections."""
    return current_app.extensions["facilitate_presence"]


def still_allowed(connection: Connection, event: Event) -> bool:
    """What was checked on connecting still holds: a console's facilitator is still logged in
    there and still runs the event (co-facilitators can be removed), a phone's participant
    still exists (a person's data can be deleted)."""
    if connection.audience == "console":
        return accounts.user_of_session(connection.login or "") is not None and \
            any(f.user_id == connection.user_id for f in event.facilitators)
    if connection.audience == "phones":
        return participants.by_id(connection.participant_id) is not None
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


def over_the_limit() -> dict | None:
    """Count one message of this connection; the refusal once it sent too many."""
    limit = parse(MESSAGES_PER_CONNECTION)
    if not presence().count_message(request.sid, limit.amount, limit.get_expiry()):
        return refuse("rate_limited", "Too many messages. Please slow down.")
    return None


def unknown_message(*_args):
    """A message of a name no handler has (gate.py gives reserved ones such a name): counted,
    then refused."""
    return over_the_limit() or refuse("invalid", "The server does not know that message.")


def guarded(message: ClientEvent):
    """The function Socket.IO calls for a client event: not too often, from an audience that
    may send it, one object of only its keys, for an event that exists, by someone still
    allowed; then the ack."""
    @functools.wraps(message.function)
    def run(*args):
        refused = over_the_limit()
        if refused:
            return refused
        connection = presence().get(request.sid)
        if connection is None or connection.audience not in message.audiences:
            return refuse("not_allowed", "You cannot do that from this page.")
        data = args[0] if len(args) == 1 else None
        if not isinstance(data, dict) or not set(data) <= message.keys:
            return refuse("invalid", NOT_UNDERSTOOD)
        with taking_turns("console" if connection.audience == "console" else "messages"):
            return _answer(message, connection, data)
    return run


def _answer(message: ClientEvent, connection: Connection, data: dict) -> dict:
    event = events.by_id(connection.event_id)
    if event is None:
        return refuse("not_found", "This event no longer exists.")
    if not still_allowed(connection, event):
        return refuse("not_allowed", "You cannot do that any more. Please reload the page.")
    try:
        return message.function(event, connection, data) or {"ok": True}
    except UserError as error:
        db.session.rollback()
        return refuse(_reason(error), error.message, error.field)
    except Exception:
        db.session.rollback()
        log.exception("%s failed for event %s", message.name, connection.event_id)
        return refuse("error", "Something went wrong. Please try again.")
    finally:
        db.session.close()   # the connection goes back to the pool before the next one waits


def taking_turns(kind: str):
    """The turns of connects, messages or consoles' messages: at most so many at the database
    at a time."""
    return current_app.extensions["facilitate_socket_turns"][kind]


def connect(auth=None):
    """Join the rooms of one event and audience, then get a snapshot (or 'up to date')."""
    with taking_turns("connects"):
        try:
            _connect(auth)
        finally:
            db.session.close()


def _connect(auth) -> None:
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
                              current_user.id if current_user.is_authenticated else None,
                              current_user.get_id() if audience == "console" else None))
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
    # Phones are not shown the join address: a storm of them reconnecting need not work it out.
    join_url = live.join_url(event, request.host, request.scheme) if audience != "phones" \
        else ""
    return snapshots.snapshot(event, audience, participant=participant, join_url=join_url,
                              presence=presence_summary(event.id)
                              if audience == "console" else None)


def presence_summary(event_id: int) -> dict:
    """Counts of open connections and the people online, for the console."""
    summary = presence().summary(event_id)
    ids = summary.pop("participant_ids")[:500]
    summary["people"] = [{"id": pid, "name": name} for pid, name in participants.names(ids)]
    return summary


def _tell_presence(event_id: int) -> None:
    """Tell the event's consoles who is here: at once without a coalescing window, else once
    per window however many connect (the summary reads the database)."""
    window = float(current_app.config.get("PHONE_COALESCE_SECONDS", 0.25))
    if window <= 0:
        tell(event_id, "presence_changed", presence_summary(event_id), "console")
    elif presence().first_change(event_id):
        socketio.start_background_task(_tell_presence_later, current_app._get_current_object(),
                                       event_id, window)


def _tell_presence_later(app, event_id: int, window: float) -> None:
    socketio.sleep(window)
    with app.app_context():
        presence().changes_told(event_id)
        if any(c.audience == "console" for c in presence().of_event(event_id)):
            tell(event_id, "presence_changed", presence_summary(event_id), "console")


@client_event("request_snapshot", AUDIENCES, {"version"})
def request_snapshot(event, connection, data):
    """A client that missed a message asks for everything again."""
    participant = participants.by_id(connection.participant_id)
    return {"ok": True, "snapshot": _snapshot(event, connection.audience, participant)}


@client_event("go_to_stage", ("console",), {"stage_id"})
def go_to_stage(event, connection, data):
    """Put a stage on show."""
    stage = live.go_to_stage(event, data.get("stage_id"))
    return {"ok": True, "stage_id": stage.id}


@client_event("step_stage", ("console",), {"step"})
def step_stage(event, connection, data):
    """Go to the next or previous stage."""
    stage = live.step_stage(event, data.get("step"))
    return {"ok": True, "stage_id": stage.id}


@client_event("lock_submissions", ("console",), {"locked"})
def lock_submissions(event, connection, data):
    """Pause or resume sending from phones."""
    return {"ok": True, "locked": live.set_locked(event, data.get("locked"))}


@client_event("set_moderation", ("console",), {"moderation"})
def set_moderation(event, connection, data):
    """Show posts at once or only after approval."""
    return {"ok": True, "moderation": live.set_moderation(event, data.get("moderation"))}


@client_event("show_room", ("console",), {"shown"})
def show_room(event, connection, data):
    """Show (or hide) who is in the room on the screen."""
    return {"ok": True, "shown": who_is_here.show_on_screen(event, data.get("shown"))}


SHARED_EVENTS = (request_snapshot, go_to_stage, step_stage, lock_submissions, set_moderation,
                 show_room)
