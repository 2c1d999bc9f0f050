"""The door client messages come through: reserved names answered as unknown, unreadable
packets logged in one line, not a traceback.

Names. python-socketio hands a message to the handler of the same name, so a client that sent
a message called ``connect`` would run the connect handler again (joining another event) and
one called ``disconnect`` would cut its own connection off from its later messages; a message
called ``*`` or named by something other than text would reach no handler and answer nothing.
Every such message is renamed ``UNKNOWN`` here, so the catch-all handler counts and refuses it
like any other unknown message.

Packets. A packet the libraries cannot read (bad JSON, nesting too deep, binary junk, an
unknown packet type) made them log a traceback each, so a broken or hostile phone could fill
the disk. ``Problems`` logs one line per kind of problem per connection, and at most
``LINES_PER_MINUTE`` lines a minute in all (saying how many it left out).
"""

import logging
import threading
import time
from collections import OrderedDict, deque
from urllib.parse import parse_qs

import socketio

log = logging.getLogger(__name__)

# No handler has this name (it has a space), so the catch-all answers it.
UNKNOWN = "unknown message"
LINES_PER_MINUTE = 30
# What python-socketio says of a packet of a type a client may not send.
LIBRARY_REFUSALS = ("Unexpected binary packet", "Unknown packet type",
                    "Unexpected CONNECT_ERROR packet")
# What a packet the Engine.IO layer could not read raises.
UNREADABLE = (ValueError, RecursionError, IndexError, KeyError, TypeError)


class Unreadable(ValueError):
    """A packet that could not be read; the message names the kind of problem."""


class Problems:
    """One log line per kind of problem per connection; at most `per_minute` lines a minute."""

    def __init__(self, per_minute: int = LINES_PER_MINUTE, remember: int = 10_000):
        self.per_minute, self.remember = per_minute, remember
        self.lock = threading.Lock()
        self.seen: OrderedDict[tuple[str, str], None] = OrderedDict()
        self.lines: deque[float] = deque()
        self.left_out = 0

    def report(self, who: str, kind: str) -> bool:
        """Log the problem unless this connection had it already or too many lines went out
        this minute; True when a line was written."""
        with self.lock:
            if (who, kind) in self.seen:
                return False
            self.seen[who, kind] = None
            if len(self.seen) > self.remember:
                self.seen.popitem(last=False)
            now = time.monotonic()
            while self.lines and now - self.lines[0] > 60:
                self.lines.popleft()
            if len(self.lines) >= self.per_minute:
                self.left_out += 1
                return False
            self.lines.append(now)
            left_out, self.left_out = self.left_out, 0
        more = f" ({left_out} more problems were not logged)" if left_out else ""
        log.warning("connection %s sent a packet that could not be read: %s%s", who, kind, more)
        return True


def install(server: socketio.Server, problems: Problems) -> None:
    """Rename the messages a client may not send, and log unreadable packets in one line."""
    server.packet_class = _checked_packets(server.packet_class)
    _rename_reserved(server)
    handle_message = server._handle_eio_message

    def message(eio_sid, data):
        try:
            return handle_message(eio_sid, data)
        except Unreadable as problem:
            problems.report(eio_sid, str(problem))
        except ValueError as problem:
            if not str(problem).startswith(LIBRARY_REFUSALS):
                raise
            problems.report(eio_sid, str(problem))
        return None

    # Engine.IO holds the bound method it was given when the server was made.
    server._handle_eio_message = message
    server.eio.on("message", message)
    engineio_log = server.eio.logger
    if not any(isinstance(f, OneLine) for f in engineio_log.filters):
        engineio_log.addFilter(OneLine(problems))


def quiet_transport(wsgi_app, problems: Problems, path: str = "/socket.io"):
    """WSGI middleware: a packet the Engine.IO layer cannot read ends that connection (as
    before) with one line in the log instead of the server's traceback."""
    def app(environ, start_response):
        if not environ.get("PATH_INFO", "").startswith(path):
            return wsgi_app(environ, start_response)
        try:
            return wsgi_app(environ, start_response)
        except UNREADABLE as problem:
            who = parse_qs(environ.get("QUERY_STRING", "")).get("sid", [""])[0]
            problems.report(who or environ.get("REMOTE_ADDR") or "?",
                            f"Engine.IO packet: {type(problem).__name__}")
            return []
    return app


class OneLine(logging.Filter):
    """On Engine.IO's logger: a polling request it could not read becomes one line."""

    def __init__(self, problems: Problems):
        super().__init__()
        self.problems = problems

    def filter(self, record: logging.LogRecord) -> bool:
        problem = record.exc_info[1] if record.exc_info else None
        if record.msg == "post request handler error" and isinstance(problem, UNREADABLE):
            self.problems.report("(a polling request)",
                                 f"Engine.IO packet: {type(problem).__name__}")
            return False
        return True


def _rename_reserved(server: socketio.Server) -> None:
    reserved = {"*", *server.reserved_events}
    handle_event = server._handle_event

    def handle(eio_sid, namespace, ack_id, data):
        if not isinstance(data, list):
            data = [UNKNOWN]
        elif not data or not isinstance(data[0], str) or data[0] in reserved:
            data = [UNKNOWN, *data[1:]]
        return handle_event(eio_sid, namespace, ack_id, data)

    server._handle_event = handle


def _checked_packets(base: type) -> type:
    """The server's packet class, raising Unreadable (with the kind) for what it cannot read."""
    class Checked(base):
        def decode(self, encoded_packet):
            try:
                return super().decode(encoded_packet)
            except Exception as problem:
                raise Unreadable(type(problem).__name__) from None

        def add_attachment(self, attachment):
            try:
                return super().add_attachment(attachment)
            except Exception as problem:
                raise Unreadable(type(problem).__name__) from None

    return Checked
