"""Socket.IO: rooms per event and audience, handlers that validate and call services.

``facilitate.realtime.broadcast.announce`` is how services tell clients of a change;
``handlers`` checks every client event (the shared ones and each stage kind's) and answers;
docs/protocol.md describes every message.
"""

import threading

from flask import Flask

from facilitate.realtime.broadcast import Coalescer
from facilitate.realtime.presence import Presence


def init_app(app: Flask) -> None:
    """Register the Socket.IO handlers and this process's presence list and coalescer."""
    from facilitate.extensions import socketio
    from facilitate.realtime import gate, handlers

    handlers.register()
    problems = gate.Problems()
    gate.install(socketio.server, problems)
    app.wsgi_app = gate.quiet_transport(app.wsgi_app, problems)
    app.extensions["facilitate_presence"] = Presence()
    app.extensions["facilitate_socket_turns"] = {
        "connects": threading.BoundedSemaphore(handlers.CONNECTS_AT_ONCE),
        "messages": threading.BoundedSemaphore(handlers.MESSAGES_AT_ONCE),
        "console": threading.BoundedSemaphore(handlers.CONSOLE_MESSAGES_AT_ONCE)}
    app.extensions["facilitate_coalescer"] = Coalescer(
        float(app.config.get("PHONE_COALESCE_SECONDS", 0.25)))
