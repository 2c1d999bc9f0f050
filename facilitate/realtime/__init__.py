"""Socket.IO: rooms per event and audience, handlers that validate and call services.

``facilitate.realtime.broadcast.announce`` is how services tell clients of a change;
``handlers`` holds the client events; docs/protocol.md describes every message.
"""

from flask import Flask

from facilitate.realtime.broadcast import Coalescer
from facilitate.realtime.presence import Presence


def init_app(app: Flask) -> None:
    """Register the Socket.IO handlers and this process's presence list and coalescer."""
    # Importing pledges adds the pledges stage's handlers to the ones registered below.
    from facilitate.realtime import handlers, pledges  # noqa: F401

    handlers.register()
    app.extensions["facilitate_presence"] = Presence()
    app.extensions["facilitate_coalescer"] = Coalescer(
        float(app.config.get("PHONE_COALESCE_SECONDS", 0.25)))
