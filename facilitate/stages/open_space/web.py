"""The open space on a phone without JavaScript: propose a topic, place your own, mark the
topics you want to join, say "I'm here". The same service as the live page's script."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from facilitate.domain.codes import new_token
from facilitate.domain.errors import UserError
from facilitate.domain.ids import record_id
from facilitate.stages.open_space import rules, service, views
from facilitate.web import phones
from facilitate.web.forms import ConfirmForm

bp = Blueprint("open_space", __name__)
SEARCH_LIMIT = 80


class TopicForm(FlaskForm):
    """A topic a phone proposes, with the id it made and the open space it is for."""

    title = StringField(_l("Your topic"), validators=[Length(max=rules.TITLE_LIMIT)],
                        description=_l("A question or a title. Up to %(limit)s characters.",
                                       limit=rules.TITLE_LIMIT))
    description = TextAreaField(_l("A line or two about it (you can leave this out)"),
                                validators=[Length(max=rules.DESCRIPTION_LIMIT)],
                                description=_l("Up to %(limit)s characters.",
                                               limit=rules.DESCRIPTION_LIMIT))
    show_name = RadioField(_l("Who is convening it?"), default="name",
                           choices=[SelectChoice("name", _l("Show my name")),
                                    SelectChoice("anonymous", _l("Anonymous"))])
    name = StringField(_l("Your name as it will be shown"),
                       validators=[Length(max=rules.NAME_LIMIT)])
    help_wanted = BooleanField(_l("I would like help convening"))
    client_id = HiddenField()
    stage_id = HiddenField()


def phone_context(event, stage, participant) -> dict:
    """A blank topic form (with a fresh id and the person's name) and what they searched."""
    form = TopicForm(formdata=None)
    form.client_id.data = new_token()
    form.stage_id.data = str(stage.id) if stage else ""
    form.name.data = participant.display_name if participant else ""
    form.show_name.data = "name" if form.name.data else "anonymous"
    query = " ".join(request.args.get("q", "").split())[:SEARCH_LIMIT]
    context = {"topic_form": form, "search": query}
    if stage is not None and participant is not None:
        context.update(views.schedule(event, stage, participant))
    return context


@bp.post("/j/<code>/topics")
def propose(code: str):
    """The plain-form way to propose a topic."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    form = TopicForm()
    if form.validate_on_submit():
        try:
            service.propose(event, participant, form.client_id.data,
                            record_id(form.stage_id.data), form.title.data,
                            form.description.data, show_name=form.show_name.data == "name",
                            name=form.name.data, help_wanted=form.help_wanted.data,
                            address=request.remote_addr or "")
        except UserError as error:
            target = getattr(form, error.field, None) if error.field else None
            target = target if target is not None and hasattr(target, "errors") else form.title
            target.errors = [*target.errors, error.message]
        else:
            flash(_("Your topic is in the marketplace. Now choose a place and a time for it."))
            return redirect(url_for("join.live_page", code=event.code, _anchor="my-schedule"))
    return phones.live_page(event, participant, topic_form=form), 422


@bp.post("/j/<code>/topics/<int:topic_id>/<action>")
def act(code: str, topic_id: int, action: str):
    """Mark or unmark interest, say "I'm here" or leave, place one's own topic."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            _do(event, participant, topic_id, action, form.value.data)
        except UserError as error:
            flash(error.message, "error")
        else:
            flash(_DONE.get(action, _("Done.")))
    return redirect(url_for("join.live_page", code=event.code, _anchor=f"topic-{topic_id}"))


def _do(event, participant, topic_id: int, action: str, value: str) -> None:
    if action == "interest":
        service.mark_interest(event, participant, topic_id, value == "yes")
    elif action == "here":
        if value == "yes":
            service.check_in(event, participant, topic_id)
        else:
            service.leave(event, participant, topic_id)
    elif action == "place":
        space_id, _sep, slot_id = value.partition(":")
        if value == "tray":
            service.place(event, topic_id, None, None, by=participant)
        else:
            service.place(event, topic_id, record_id(space_id), record_id(slot_id),
                          by=participant)
    else:
        raise UserError(_("That is not something you can do here."))


_DONE = {"interest": _l("Saved."), "here": _l("Saved: the board shows where you are."),
         "place": _l("Your topic has its place on the board.")}
