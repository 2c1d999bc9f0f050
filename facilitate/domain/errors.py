"""Errors that describe a person's mistake, kept apart from bugs."""


class UserError(Exception):
    """Something the person can fix: shown to them in plain words."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(UserError):
    """The thing asked for does not exist, or the asker may not know it exists."""


class NotAllowed(UserError):
    """The person may not do this."""


class RateLimited(UserError):
    """Too many tries in a short time."""


class SendingPaused(UserError):
    """The facilitator has paused sending; the phone keeps the item and sends it later."""


class EventClosed(UserError):
    """The event has finished: nobody can join or send any more."""
