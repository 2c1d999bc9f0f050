"""The open space on a phone without JavaScript: propose a topic, place your own, mark the
topics you want to join, say "I'm here". The same service as the live page's script."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from facilitate.domain.codes import new_token
from facilitate.domain.errors import UserError
from facilitate.domain.ids import record_id
from facilitate.stages.open_space import notes, records, rules, service, views
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


class NoteForm(FlaskForm):
    """A note from a topic: which topic, what kind of note, the words, and for an action who
    will do it. Its fields are named note-*, so it sits beside the topic form on one page."""

    topic_id = SelectField(_l("Which topic is it from?"), validate_choice=False, default="")
    kind = RadioField(_l("What kind of note?"), default="point", validate_choice=False,
                      choices=[SelectChoice("point", _l("Key point")),
                               SelectChoice("idea", _l("Idea")),
                               SelectChoice("question", _l("Question")),
                               SelectChoice("action", _l("Action"))])
    text = TextAreaField(_l("Your note"), validators=[Length(max=records.NOTE_LIMIT)],
                         description=_l("Up to %(limit)s characters.",
                                        limit=records.NOTE_LIMIT))
    owner = StringField(_l("For an action: who will do it? (you can leave this out)"),
                        validators=[Length(max=records.OWNER_LIMIT)])
    client_id = HiddenField()
    stage_id = HiddenField()


def note_form(event, stage, participant, formdata=None) -> NoteForm:
    """The note form, its topics those on the board (the one this person is at first)."""
    form = NoteForm(formdata=formdata, prefix="note")
    topics = service.live_topics(stage, include_hidden=False) if stage is not None else []
    form.topic_id.choices = [SelectChoice("", _("Choose the topic"))] + [
        SelectChoice(str(t.id), t.title) for t in topics]
    if formdata is None:
        form.client_id.data = new_token()
        form.stage_id.data = str(stage.id) if stage is not None else ""
        here = views.schedule(event, stage, participant)["here_ids"] \
            if stage is not None and participant is not None else set()
        at = [t for t in topics if t.id in here]
        form.topic_id.data = str(at[0].id) if at else ""
    return form


def phone_context(event, stage, participant) -> dict:
    """A blank topic form (with a fresh id and the person's name) and what they searched."""
    form = TopicForm(formdata=None)
    form.client_id.data = new_token()
    form.stage_id.data = str(stage.id) if stage else ""
    form.name.data = participant.display_name if participant else ""
    form.show_name.data = "name" if form.name.data else "anonymous"
    query = " ".join(request.args.get("q", "").split())[:SEARCH_LIMIT]
    context = {"topic_form": form, "search": query,
               "note_form": note_form(event, stage, participant)}
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


@bp.post("/j/<code>/notes")
def add_note(code: str):
    """The plain-form way to add a note from a topic."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    try:
        stage = service.stage_of(event, request.form.get("note-stage_id"))
    except UserError:
        stage = None
    form = note_form(event, stage, participant, formdata=request.form)
    if form.validate_on_submit():
        try:
            note, _created = notes.add(event, participant, form.client_id.data,
                                       record_id(form.topic_id.data), form.kind.data,
                                       form.text.data, form.owner.data,
                                       address=request.remote_addr or "")
        except UserError as error:
            target = getattr(form, error.field, None) if error.field else None
            target = target if target is not None and hasattr(target, "errors") else form.text
            target.errors = [*target.errors, error.message]
        else:
            flash(_("Your note is saved. A facilitator will check it before it is shown.")
                  if note.visibility == "pending" else _("Your note is saved."))
            return redirect(url_for("join.live_page", code=event.code, _anchor="notes"))
    return phones.live_page(event, participant, note_form=form), 422


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
