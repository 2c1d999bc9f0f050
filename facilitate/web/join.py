"""Phones: join by QR code or typed code, then follow the event. Works without JavaScript.

``/j/<code>`` welcomes a person (privacy notice, optional details) and remembers them in the
session cookie (see services.participants); ``/j/<code>/live`` is the phone page; the plain
forms post to the same services the Socket.IO handlers call.
"""

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import Length

from facilitate import registry
from facilitate.domain.codes import normalise_join_code, spoken_join_code
from facilitate.domain.errors import EventClosed, NotFound, UserError
from facilitate.export.qr import qr_png, qr_svg
from facilitate.ratelimits import rate_limits
from facilitate.services import events, live, participants
from facilitate.store.models import Event
from facilitate.web import phones
from facilitate.web.forms import MultiCheckboxField
from facilitate.web.live_strings import live_strings

bp = Blueprint("join", __name__)


class CodeForm(FlaskForm):
    code = StringField(_l("Join code"), validators=[Length(max=32)],
                       description=_l("6 letters and numbers, for example K7M 2QX."))


class JoinForm(FlaskForm):
    name = StringField(_l("Your name (optional)"),
                       validators=[Length(max=participants.NAME_LIMIT)])
    organisation = StringField(_l("Your organisation or group (optional)"),
                               validators=[Length(max=participants.ORGANISATION_LIMIT)])
    roles = MultiCheckboxField(_l("How are you taking part? (optional, choose any)"),
                               validate_choice=False)
    show_name = BooleanField(_l("Show my name next to what I send"))


@bp.route("/join", methods=["GET", "POST"])
def enter_code():
    """Type a join code (for people who cannot scan the QR code)."""
    form = CodeForm(meta={"csrf": False}, formdata=request.values or None)
    if form.code.data:
        code = normalise_join_code(form.code.data)
        if events.find_event_by_anyone(code, request.remote_addr or "") is not None:
            return redirect(url_for("join.welcome", code=code))
        form.code.errors = [_("We cannot find an event with that code. Check it with the "
                              "person running the event and try again.")]
        return render_template("join/code.html", form=form), 404
    return render_template("join/code.html", form=form)


@bp.route("/j/<code>", methods=["GET", "POST"])
def welcome(code: str):
    """What the event is, what we keep and why, optional details, then in."""
    try:
        event = phones.open_event(code)
    except EventClosed:
        return render_template("join/closed.html", event=events.find_event(code)), 410
    except NotFound:
        return render_template("join/not_found.html", code=code, form=CodeForm(
            meta={"csrf": False})), 404
    if participants.current_participant(event) is not None and request.method == "GET":
        return redirect(url_for("join.live_page", code=event.code))
    form = JoinForm()
    form.roles.choices = [(r, r) for r in event.roles or []]
    if form.validate_on_submit():
        rate_limits().require(current_app.config["JOIN_LIMIT_PER_ADDRESS"], "join",
                              request.remote_addr or "")
        try:
            participant = participants.join(event, form.name.data, form.organisation.data,
                                            form.roles.data, form.show_name.data)
        except UserError as error:
            form.form_errors.append(error.message)
        else:
            participants.remember(event, participant)
            return redirect(url_for("join.live_page", code=event.code))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("join/welcome.html", event=event, form=form,
                           spoken=spoken_join_code(event.code)), status


@bp.get("/j/<code>/live")
def live_page(code: str):
    """The phone page: the stage on show, with a plain form where there is one."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    return phones.live_page(event, participant)


@bp.get("/j/<code>/qr.svg")
def qr_code_svg(code: str):
    """The join QR code as SVG."""
    event = _existing(code)
    url = live.join_url(event, request.host, request.scheme)
    return Response(qr_svg(url, _("QR code to join: %(url)s", url=url)),
                    mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})


@bp.get("/j/<code>/qr.png")
def qr_code_png(code: str):
    """The join QR code as PNG, to download, print or share."""
    event = _existing(code)
    url = live.join_url(event, request.host, request.scheme)
    download = request.args.get("download") == "1"
    headers = {"Cache-Control": "no-cache"}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="join-{event.code}.png"'
    return Response(qr_png(url), mimetype="image/png", headers=headers)


def _existing(code: str) -> Event:
    event = events.find_event_by_anyone(code, request.remote_addr or "")
    if event is None:
        raise NotFound(_("We cannot find an event with that code."))
    return event


@bp.app_context_processor
def _live_scripts() -> dict:
    """The stage kinds with a script, and the words the scripts show (_live_scripts.html)."""
    return {"stage_scripts": registry.scripts(), "live_strings": live_strings}
