"""The facilitator's live control page: /console/events/<code>/run.

Buttons are plain forms posting here (they work without JavaScript); static/js/run.js sends the
same actions over Socket.IO instead, so the screen and phones follow at once. Both paths call
services.live and services.reflections.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from facilitate.domain.codes import spoken_join_code
from facilitate.domain.errors import UserError
from facilitate.domain.ids import record_id
from facilitate.services import events, live, reflections, snapshots
from facilitate.web.forms import ConfirmForm
from facilitate.web.labels import stage_kind_label

bp = Blueprint("run", __name__, url_prefix="/console/events/<code>")


class AddressForm(FlaskForm):
    public_url = StringField(_l("Address phones use"), validators=[Length(max=300)],
                             description=_l("Leave empty to use this computer's network "
                                            "address. For example http://192.168.1.20:5000"))


class SlidesForm(FlaskForm):
    slides = TextAreaField(_l("Slides"), validators=[Length(max=500_000)],
                           description=_l("Write in Markdown. Put a line with only --- "
                                          "between slides."))


@bp.before_request
@login_required
def require_login():
    """Only a facilitator who set their own password runs an event."""
    if current_user.must_change_password:
        return redirect(url_for("auth.password"))
    return None


def _back(code: str, anchor: str | None = None):
    return redirect(url_for("run.page", code=code, _anchor=anchor))


@bp.get("/run")
def page(code: str):
    """The control page: agenda, stage on show, moderation, who is here, how to join."""
    event = events.event_for(current_user, code)
    stage = snapshots.current_stage(event)
    url = live.join_url(event, request.host, request.scheme)
    screen_link = url_for("screen.show", code=event.code, key=event.screen_token,
                          _external=True)
    address = AddressForm(formdata=None, public_url=event.public_url)
    return render_template(
        "console/run.html", event=event, stage=snapshots.view_of(event, stage, "console"),
        join_url=url, spoken=spoken_join_code(event.code), screen_link=screen_link,
        joined=snapshots.event_part(event, "console")["joined"], button=ConfirmForm(),
        address_form=address, kind_label=stage_kind_label, is_built=snapshots.is_built)


@bp.post("/run/<action>")
def act(code: str, action: str):
    """One console button without JavaScript: the same services as the live page uses."""
    event = events.event_for(current_user, code)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Please try again."), "error")
        return _back(event.code)
    value = form.value.data or ""
    try:
        if action == "stage":
            live.go_to_stage(event, record_id(value))
        elif action == "step":
            live.step_stage(event, {"next": 1, "previous": -1}.get(value))
        elif action == "slide":
            live.move_slide(event, {"next": 1, "previous": -1}.get(value))
        elif action == "lock":
            live.set_locked(event, {"pause": True, "resume": False}.get(value))
        elif action == "moderation":
            live.set_moderation(event, value)
        else:
            return _back(event.code)
    except UserError as error:
        flash(error.message, "error")
    return _back(event.code)


@bp.post("/run/reflections/<int:reflection_id>")
def moderate(code: str, reflection_id: int):
    """Show, hide or approve one reflection."""
    event = events.event_for(current_user, code)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            reflections.set_visibility(event, reflection_id, form.value.data)
        except UserError as error:
            flash(error.message, "error")
    return _back(event.code, "posts")


@bp.post("/run/address")
def address(code: str):
    """Change the address in the QR code (or go back to the automatic one)."""
    event = events.event_for(current_user, code)
    form = AddressForm()
    if form.validate_on_submit():
        try:
            live.set_public_url(event, form.public_url.data)
        except UserError as error:
            flash(error.message, "error")
        else:
            flash(_("Phones now use %(url)s",
                    url=live.join_url(event, request.host, request.scheme)))
    return _back(event.code, "joining")


@bp.route("/stages/<int:stage_id>/slides", methods=["GET", "POST"])
def edit_slides(code: str, stage_id: int):
    """Write or change a slides stage's slides."""
    event = events.event_for(current_user, code)
    stage = live.stage_of(event, stage_id)
    form = SlidesForm(formdata=request.form if request.method == "POST" else None,
                      slides=live.slides_text(stage))
    if request.method == "POST" and form.validate_on_submit():
        try:
            live.update_slides(event, stage.id, form.slides.data)
        except UserError as error:
            form.slides.errors = [*form.slides.errors, error.message]
        else:
            flash(_("Slides saved."))
            return _back(event.code)
    status = 422 if form.errors else 200
    return render_template("console/run_slides.html", event=event, stage=stage,
                           form=form), status
