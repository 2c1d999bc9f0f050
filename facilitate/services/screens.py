"""Who may open an event's presenter screen: its facilitators, or a browser that opened the
screen link (the key is kept in the session). The screen page and Socket.IO both ask here."""

from flask import session
from flask_login import current_user

from facilitate.services import events
from facilitate.store.models import Event

SCREENS_KEY = "screens"
REMEMBERED = 5


def may_show_screen(event: Event) -> bool:
    """A facilitator of the event, or a browser that opened the screen link."""
    if current_user.is_authenticated and events.can_run(current_user, event):
        return True
    return (session.get(SCREENS_KEY) or {}).get(event.code) == event.screen_token


def remember_screen_key(event: Event) -> None:
    """This browser opened the screen link: let it show the screen (the last few events)."""
    screens = dict(session.get(SCREENS_KEY) or {})
    screens[event.code] = event.screen_token
    session[SCREENS_KEY] = dict(list(screens.items())[-REMEMBERED:])
    session.permanent = True
