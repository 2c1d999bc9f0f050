"""announce(): the one way a change reaches live clients. Services call it after a change.

How it works (docs/protocol.md has the whole protocol):

* ``announce(event, name, payload, audiences)`` adds one to ``Event.version`` in the database,
  in the same transaction as the caller's unsaved changes, commits, then emits ``name`` to the
  rooms of the audiences named ("screen", "console", "phones").
* ``payload`` is a dict sent to every audience named, or a function ``payload(audience)`` that
  returns each audience's own dict, or None to send that audience nothing this time.
* Every message gets ``version`` (the event's new version). Messages to the screen and console
  also get ``since``: the version of the previous message that audience was sent. A client
  whose last known version is older than ``since`` missed something and asks for a snapshot.
* Messages to phones carry no ``since``: each one must replace a whole part of a phone's state
  (the stage shown, whether sending is paused), never add to it. That lets a burst of them be
  coalesced: within ``PHONE_COALESCE_SECONDS`` only the last message of each name is sent, so
  a thousand phones hear one broadcast, not fifty. A message that carries a ``stage_id``
  replaces only that stage's part: the last one of each name for each stage is sent.
* ``tell()`` sends an unversioned message that replaces a whole piece of state which the
  database does not keep (who is connected); bursts are coalesced the same way.

Example, from a service::

    reflection.visibility = "hidden"
    announce(event, "reflection_removed", {"id": reflection.id}, ("screen", "console"))
"""

import logging
import threading
from collections.abc import Callable, Iterable

from flask import current_app
from sqlalchemy import select, update

from facilitate.extensions import db, socketio
from facilitate.realtime.rooms import AUDIENCES, room
from facilitate.store.models import Event

log = logging.getLogger(__name__)

Payload = dict | Callable[[str], dict | None]
# Audiences whose messages carry `since`, kept in a column named <audience>_version.
TRACKED = ("screen", "console")
RESERVED = ("version", "since")


def announce(event: Event, name: str, payload: Payload, audiences: Iterable[str]) -> int:
    """Commit the caller's changes with a new event version, then send `name`; return it."""
    audiences = tuple(audiences)
    for audience in audiences:
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}")
    bodies = {a: payload(a) if callable(payload) else payload for a in audiences}
    bodies = {a: body for a, body in bodies.items() if body is not None}
    for body in bodies.values():
        if any(key in body for key in RESERVED):
            raise ValueError(f"payload of {name} may not use the keys {RESERVED}")
    # Read before the commit expires it: reading it after would load the event again.
    event_id = event.id
    version, since = _bump(event_id, [a for a in bodies if a in TRACKED])
    db.session.commit()
    for audience, body in bodies.items():
        message = {**body, "version": version}
        if audience in TRACKED:
            message["since"] = since[audience]
            socketio.emit(name, message, to=room(event_id, audience))
        else:
            _coalescer().send(room(event_id, audience), name, message)
    log.debug("event %s v%s: %s to %s", event_id, version, name, ",".join(bodies))
    return version


def tell(event_id: int, name: str, payload: dict, audience: str) -> None:
    """Send an unversioned, whole-state message (coalesced) to one audience."""
    _coalescer().send(room(event_id, audience), name, payload)


def drop(event_id: int, audience: str, user_id: int) -> None:
    """Close one user's connections to one audience of an event (they may no longer see it).

    Only this process's connections are known; one on another process can no longer send
    (handlers check again) and is closed when its page reloads.
    """
    for connection in current_app.extensions["facilitate_presence"].of_event(event_id):
        if connection.audience == audience and connection.user_id == user_id:
            socketio.server.disconnect(connection.sid, namespace="/")


def close_consoles(user_id: int, login: str | None = None) -> None:
    """Close the console connections of one user on this process: of one login (logged out),
    or all (logged out everywhere). One on another process can no longer act or reconnect."""
    for connection in current_app.extensions["facilitate_presence"].of_user(user_id):
        if connection.audience == "console" and login in (None, connection.login):
            socketio.server.disconnect(connection.sid, namespace="/")


def _bump(event_id: int, tracked: list[str]) -> tuple[int, dict[str, int]]:
    """Add one to the event's version; return it and each tracked audience's previous one."""
    # The UPDATE locks the event's row (PostgreSQL) or the database (SQLite) until commit, so
    # two processes announcing at once get different versions and a consistent `since`.
    db.session.execute(update(Event).where(Event.id == event_id)
                       .values(version=Event.version + 1))
    row = db.session.execute(select(Event.version, Event.screen_version, Event.console_version)
                             .where(Event.id == event_id)).one()
    since = {"screen": row.screen_version, "console": row.console_version}
    if tracked:
        db.session.execute(update(Event).where(Event.id == event_id)
                           .values({f"{a}_version": row.version for a in tracked}))
    return row.version, {a: since[a] for a in tracked}


class Coalescer:
    """Sends the last message of each name (and stage, if it names one) to a room at most once
    per window."""

    def __init__(self, window: float):
        self.window = window
        self.lock = threading.Lock()
        self.pending: dict[str, dict[str, dict]] = {}

    def send(self, to: str, name: str, message: dict) -> None:
        """Queue a message; the first one of a window starts the timer."""
        if self.window <= 0:
            socketio.emit(name, message, to=to)
            return
        with self.lock:
            waiting = to in self.pending
            self.pending.setdefault(to, {})[name, message.get("stage_id")] = message
        if not waiting:
            socketio.start_background_task(self._flush, to)

    def _flush(self, to: str) -> None:
        socketio.sleep(self.window)
        with self.lock:
            batch = self.pending.pop(to, {})
        for (name, _), message in batch.items():
            socketio.emit(name, message, to=to)


def _coalescer() -> Coalescer:
    return current_app.extensions["facilitate_coalescer"]
