"""The presenter screen: /screen/<code>, for facilitators or whoever opened the screen link.

The screen link (/screen/<code>?key=<screen token>) lets a second laptop on the projector open
the screen without logging in: the key is kept in the session and the address bar is cleaned,
so the room never sees the key.
"""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitate.domain.codes import spoken_join_code
from facilitate.domain.errors import NotAllowed, NotFound
from facilitate.services import events, live
from facilitate.services.screens import may_show_screen, remember_screen_key

bp = Blueprint("screen", __name__)


@bp.get("/screen/<code>")
def show(code: str):
    """The projected page: the stage on show and, always, how to join."""
    event = events.find_event_by_anyone(code, request.remote_addr or "")
    if event is None:
        raise NotFound(_("There is no event with that code."))
    key = request.args.get("key")
    if key is not None:
        if key != event.screen_token:
            raise NotAllowed(_("This screen link is not right. Ask the facilitator for the "
                               "link again."))
        remember_screen_key(event)
        return redirect(url_for("screen.show", code=event.code))
    if not may_show_screen(event):
        raise NotAllowed(_("Only the people running this event can open its screen. "
                           "Log in, or use the screen link from the console."))
    url = live.join_url(event, request.host, request.scheme)
    return render_template("screen/show.html", event=event, join_url=url,
                           short_url=url.split("://", 1)[-1],
                           spoken=spoken_join_code(event.code))
