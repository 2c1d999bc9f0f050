"""Who is connected right now, per event: kept in this process's memory.

Connections are short-lived and cheap to rebuild (every client reconnects after a restart), so
they are not written to the database. With several server processes each one knows only its
own connections; the console then shows the counts of the process it is connected to.
"""

import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Connection:
    """One open Socket.IO connection and what it may do."""

    sid: str
    event_id: int
    audience: str  # "screen", "console" or "phones"
    participant_id: int | None = None
    user_id: int | None = None
    login: str | None = None  # a console's login session (services.accounts), ended by logout


class Presence:
    """Open connections by Socket.IO session id."""

    def __init__(self):
        self.lock = threading.Lock()
        self.connections: dict[str, Connection] = {}
        self.changed: set[int] = set()   # events whose consoles are yet to hear of a change
        # When each connection's recent messages came: its limit lives and dies with it, so it
        # is counted here, not in the shared rate-limit storage (a key per connection).
        self.messages: dict[str, deque[float]] = {}

    def count_message(self, sid: str, most: int, seconds: float) -> bool:
        """Count one message of a connection; False when it already sent `most` within the
        last `seconds` (a moving window)."""
        now = time.monotonic()
        with self.lock:
            times = self.messages.setdefault(sid, deque())
            while times and now - times[0] >= seconds:
                times.popleft()
            if len(times) >= most:
                return False
            times.append(now)
            return True

    def first_change(self, event_id: int) -> bool:
        """Note a change; True if it is the first since the consoles were last told."""
        with self.lock:
            first = event_id not in self.changed
            self.changed.add(event_id)
            return first

    def changes_told(self, event_id: int) -> None:
        with self.lock:
            self.changed.discard(event_id)

    def add(self, connection: Connection) -> None:
        with self.lock:
            self.connections[connection.sid] = connection

    def remove(self, sid: str) -> Connection | None:
        with self.lock:
            self.messages.pop(sid, None)
            return self.connections.pop(sid, None)

    def get(self, sid: str) -> Connection | None:
        with self.lock:
            return self.connections.get(sid)

    def of_event(self, event_id: int) -> list[Connection]:
        with self.lock:
            return [c for c in self.connections.values() if c.event_id == event_id]

    def of_user(self, user_id: int) -> list[Connection]:
        with self.lock:
            return [c for c in self.connections.values() if c.user_id == user_id]

    def summary(self, event_id: int) -> dict:
        """Counts per audience and the participants online (each once)."""
        connections = self.of_event(event_id)
        counts = {a: 0 for a in ("screen", "console", "phones")}
        for connection in connections:
            counts[connection.audience] += 1
        people = sorted({c.participant_id for c in connections if c.participant_id})
        return {"counts": counts, "participant_ids": people}
