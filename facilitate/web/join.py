"""Phones: join by QR code or typed code, then follow the event. Works without JavaScript.

``/j/<code>`` welcomes a person (privacy notice, optional details) and remembers them in the
session cookie (see services.participants); ``/j/<code>/live`` is the phone page; the plain
forms post to the same services the Socket.IO handlers call.
"""

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from facilitate.domain.codes import new_token, normalise_join_code, spoken_join_code
from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.ids import record_id
from facilitate.export.qr import qr_png, qr_svg
from facilitate.ratelimits import rate_limits
from facilitate.resources import resource_dir
from facilitate.services import events, live, participants, reflections, snapshots
from facilitate.services.participants import EventClosed
from facilitate.store.models import Event
from facilitate.web.live_strings import live_strings

bp = Blueprint("join", __name__)


class CodeForm(FlaskForm):
    code = StringField(_l("Join code"), validators=[Length(max=32)],
                       description=_l("6 letters and numbers, for example K7M 2QX."))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class JoinForm(FlaskForm):
    name = StringField(_l("Your name (optional)"),
                       validators=[Length(max=participants.NAME_LIMIT)])
    organisation = StringField(_l("Your organisation or group (optional)"),
                               validators=[Length(max=participants.ORGANISATION_LIMIT)])
    roles = MultiCheckboxField(_l("How are you taking part? (optional, choose any)"),
                               validate_choice=False)
    show_name = BooleanField(_l("Show my name next to what I send"))


class ReflectionForm(FlaskForm):
    text = TextAreaField(_l("Your reflection"),
                         validators=[Length(max=reflections.TEXT_LIMIT)],
                         description=_l("Up to %(limit)s characters.",
                                        limit=reflections.TEXT_LIMIT))
    client_id = HiddenField()
    stage_id = HiddenField()


def _open_event(code: str) -> Event:
    return participants.check_open(events.find_event_by_anyone(code, request.remote_addr or ""))


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
        event = _open_event(code)
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
    event, participant = _joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    return _live(event, participant)


@bp.post("/j/<code>/reflections")
def send_reflection(code: str):
    """The plain-form way to send a reflection (same service as the live page's script)."""
    event, participant = _joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    form = ReflectionForm()
    if form.validate_on_submit():
        try:
            reflections.submit(event, participant, form.client_id.data,
                               record_id(form.stage_id.data),
                               form.text.data, address=request.remote_addr or "")
        except UserError as error:
            form.text.errors = [*form.text.errors, error.message]
        else:
            flash(_("Sent. Thank you!"))
            return redirect(url_for("join.live_page", code=event.code, _anchor="stage"))
    return _live(event, participant, form), 422


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


def _joined(code: str):
    try:
        event = _open_event(code)
    except EventClosed:
        event = events.find_event(code)
        return event, participants.current_participant(event)
    return event, participants.current_participant(event)


def _live(event: Event, participant, form: ReflectionForm | None = None):
    stage = snapshots.current_stage(event)
    view = snapshots.view_of(event, stage, "phones")
    if form is None:
        form = ReflectionForm(formdata=None)
        form.client_id.data = new_token()
        form.stage_id.data = str(stage.id) if stage else ""
    return render_template("join/live.html", event=event, stage=view, form=form,
                           mine=snapshots.my_reflections(participant, stage),
                           spoken=spoken_join_code(event.code))


@bp.app_context_processor
def _stage_scripts() -> dict:
    """The stage kinds that have a script in static/js/stages/, for _live_scripts.html."""
    return {"stage_scripts": _STAGE_SCRIPTS, "live_strings": live_strings}


_STAGE_SCRIPTS = sorted(p.stem for p in (resource_dir("static") / "js" / "stages").glob("*.js"))
