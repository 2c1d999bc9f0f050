"""Reflection without JavaScript: the phone's plain form, the run page's moderation buttons,
and the console page where a facilitator types in reflections written on paper cards.

All call the same service as the Socket.IO handlers.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length

from facilitate.domain.codes import new_token
from facilitate.domain.errors import UserError
from facilitate.domain.ids import record_id
from facilitate.stages.reflection import service, views
from facilitate.web import phones
from facilitate.web.auth import console_blueprint, my_event
from facilitate.web.forms import ConfirmForm, show_error

bp = Blueprint("reflection", __name__)
console = console_blueprint("reflection_console", __name__)


class ReflectionForm(FlaskForm):
    """The answer a phone sends, with the id it made and the stage it answers."""

    text = TextAreaField(_l("Your reflection"),
                         validators=[Length(max=service.TEXT_LIMIT)],
                         description=_l("Up to %(limit)s characters.",
                                        limit=service.TEXT_LIMIT))
    client_id = HiddenField()
    stage_id = HiddenField()


class PaperReflectionForm(FlaskForm):
    """One paper card, typed in by a facilitator, with an id made when the form was drawn so
    that pressing Save twice stores it once."""

    text = TextAreaField(_l("What the card says"),
                         validators=[Length(max=service.TEXT_LIMIT)],
                         description=_l("Up to %(limit)s characters, as written.",
                                        limit=service.TEXT_LIMIT))
    client_id = HiddenField()


def phone_context(event, stage, participant) -> dict:
    """A blank form for the phone page, with a fresh id for what it sends; the wall to say
    "me too" on, which of it this person wrote and which they said "me too" to."""
    form = ReflectionForm(formdata=None)
    form.client_id.data = new_token()
    form.stage_id.data = str(stage.id) if stage else ""
    if stage is None:
        return {"form": form, "wall": [], "own_ids": set(), "me_too_ids": set()}
    own = {item["id"] for item in views.mine(participant, stage) if "client_id" in item}
    return {"form": form, "wall": views.phones(event, stage)["wall"], "own_ids": own,
            "me_too_ids": set(views.supported(participant, stage)),
            "me_too_form": ConfirmForm(formdata=None)}


@bp.post("/j/<code>/reflections/<int:reflection_id>/me-too")
def me_too(code: str, reflection_id: int):
    """The plain-form "Me too" (value "yes") and taking it back ("no"): the same service as
    the live page's script."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    form = ConfirmForm()
    if not form.validate_on_submit() or form.value.data not in ("yes", "no"):
        flash(_("Please try again."), "error")
        return redirect(url_for("join.live_page", code=event.code, _anchor="wall"))
    try:
        service.say_me_too(event, participant, reflection_id, form.value.data == "yes",
                           address=request.remote_addr or "")
    except UserError as error:
        flash(error.message, "error")
    else:
        flash(_("You said \"me too\".") if form.value.data == "yes"
              else _("You took back your \"me too\"."))
    return redirect(url_for("join.live_page", code=event.code, _anchor="wall"))


@bp.post("/j/<code>/reflections")
def send(code: str):
    """The plain-form way to send a reflection (same service as the live page's script)."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    form = ReflectionForm()
    if form.validate_on_submit():
        try:
            service.submit(event, participant, form.client_id.data,
                           record_id(form.stage_id.data),
                           form.text.data, address=request.remote_addr or "")
        except UserError as error:
            form.text.errors = [*form.text.errors, error.message]
        else:
            flash(_("Sent. Thank you!"))
            return redirect(url_for("join.live_page", code=event.code, _anchor="stage"))
    return phones.live_page(event, participant, form=form), 422


@console.post("/run/reflections/<int:reflection_id>")
def moderate(code: str, reflection_id: int):
    """Show, hide or approve one reflection."""
    event = my_event(code)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.set_visibility(event, reflection_id, form.value.data)
        except UserError as error:
            flash(error.message, "error")
    return redirect(url_for("run.page", code=event.code, _anchor="posts"))


@console.route("/reflections/<int:stage_id>/paper", methods=["GET", "POST"])
def paper(code: str, stage_id: int):
    """Type in a stack of reflections written on paper cards: save, and the form is ready for
    the next card. They are shown at once, marked as from paper."""
    event = my_event(code)
    stage = next((s for s in event.stages if s.id == stage_id and s.kind == "reflection"), None)
    if stage is None:
        abort(404)
    form = PaperReflectionForm()
    status = 200
    if form.validate_on_submit():
        try:
            service.submit(event, None, form.client_id.data or "", stage.id, form.text.data,
                           source="paper")
        except UserError as error:
            show_error(form, error)
            status = 422
        else:
            flash(_("Card saved. Type the next one."))
            return redirect(url_for(".paper", code=event.code, stage_id=stage.id))
    elif request.method == "POST":
        status = 422
    if status == 200:
        form = PaperReflectionForm(formdata=None)
        form.client_id.data = new_token()
    return render_template("stages/reflection/paper.html", event=event, stage=stage, form=form,
                           entered=service.paper_count(event, stage),
                           recent=service.recent_paper(event, stage)), status
