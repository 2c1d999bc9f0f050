"""Socket.IO: rooms per event and audience, handlers that validate and call services."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the Socket.IO handlers (the live-event issue fills them in)."""
