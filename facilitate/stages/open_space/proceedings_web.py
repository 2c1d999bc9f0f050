"""The book of proceedings as pages: the facilitators' (always, with Publish) and the
attendees' (once published). One template, printable on A4."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitate.services import events
from facilitate.stages.open_space import proceedings
from facilitate.web.auth import console_blueprint, my_event
from facilitate.web.forms import ConfirmForm

bp = Blueprint("proceedings", __name__)
console = console_blueprint("proceedings_console", __name__)


@bp.get("/e/<code>/proceedings")
def public_page(code: str):
    """The book for everyone who took part, once the facilitator has published it."""
    event = events.find_event_by_anyone(code, request.remote_addr or "")
    if event is None or not proceedings.published(event):
        abort(404)
    return render_template("stages/open_space/proceedings.html", book=proceedings.book(event),
                           console=False,
                           link=url_for("proceedings.public_page", code=event.code,
                                        _external=True))


@console.get("/proceedings")
def console_page(code: str):
    """The book as it stands, for facilitators (published or not), with Publish."""
    event = my_event(code)
    return render_template("stages/open_space/proceedings.html", book=proceedings.book(event),
                           console=True, published=proceedings.published(event),
                           button=ConfirmForm(),
                           link=url_for("proceedings.public_page", code=event.code,
                                        _external=True))


@console.post("/proceedings/publish")
def publish(code: str):
    """Let attendees read the book (a link on their phones and the closing stage), or not."""
    event = my_event(code)
    form = ConfirmForm()
    if not form.validate_on_submit() or form.value.data not in ("publish", "unpublish"):
        abort(400)
    proceedings.set_published(event, form.value.data == "publish")
    flash(_("The book of proceedings is published: phones and the closing stage link to it.")
          if proceedings.published(event) else
          _("The book of proceedings is no longer published: only facilitators can read it."))
    return redirect(url_for("proceedings_console.console_page", code=event.code))
