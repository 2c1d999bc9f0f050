"""The open space on a phone without JavaScript: propose a topic, place your own, mark the
topics you want to join, say "I'm here", add a note, write your topic's report. The same
services as the live page's script."""

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from facilitate.domain.codes import new_token, spoken_join_code
from facilitate.domain.errors import UserError
from facilitate.domain.ids import record_id
from facilitate.stages.open_space import notes, records, reports, rules, service, views
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


class ActionForm(Form):
    """One action of a report: what, who leads it, by when."""

    what = TextAreaField(_l("What will be done"), validators=[Length(max=records.ACTION_LIMIT)])
    owner = StringField(_l("Who leads it"), validators=[Length(max=records.OWNER_LIMIT)])
    due = DateField(_l("By when (you can leave this out)"), validators=[Optional()],
                    description=_l("A date, like 2027-03-31."))


class ReportForm(FlaskForm):
    """A topic's session report, on the convener's phone or the facilitator's console."""

    discussed = TextAreaField(_l("What was discussed"),
                              validators=[Length(max=records.REPORT_TEXT_LIMIT)],
                              description=_l("Up to %(limit)s characters.",
                                             limit=records.REPORT_TEXT_LIMIT))
    people_count = StringField(_l("How many took part"), validators=[Length(max=6)],
                               description=_l("A number. You can leave this out."))
    names = TextAreaField(_l("Names of those who agreed to be named"),
                          validators=[Length(max=records.NAMES_LIMIT)],
                          description=_l("Only people who said yes. You can leave this out."))
    key_points = TextAreaField(_l("Key points"),
                               validators=[Length(max=records.REPORT_TEXT_LIMIT)],
                               description=_l("One a line."))
    recommendations = TextAreaField(_l("Recommendations"),
                                    validators=[Length(max=records.REPORT_TEXT_LIMIT)],
                                    description=_l("One a line."))
    actions = FieldList(FormField(ActionForm), min_entries=0, max_entries=records.MAX_ACTIONS)
    client_id = HiddenField()

    def raw(self) -> dict:
        """The report as the service reads it."""
        return {"discussed": self.discussed.data, "people_count": self.people_count.data,
                "names": self.names.data, "key_points": self.key_points.data,
                "recommendations": self.recommendations.data,
                "actions": [{"what": a["what"] or "", "owner": a["owner"] or "",
                             "due": a["due"].isoformat() if a["due"] else ""}
                            for a in self.actions.data]}


def report_form(report, formdata=None) -> ReportForm:
    """The report form: the report as it is (or blank), room for two more actions, a new id."""
    if formdata is not None:
        form = ReportForm(formdata=formdata)
    else:
        data = reports.item(report) if report is not None else {}
        actions = [{"what": a["what"], "owner": a["owner"],
                    "due": dt.date.fromisoformat(a["due"]) if a["due"] else None}
                   for a in data.get("actions", [])]
        form = ReportForm(formdata=None, discussed=data.get("discussed", ""),
                          people_count=str(data["people_count"])
                          if data.get("people_count") is not None else "",
                          names=data.get("names", ""), key_points=data.get("key_points", ""),
                          recommendations=data.get("recommendations", ""), actions=actions)
        while len(form.actions) < min(max(3, len(actions) + 2), records.MAX_ACTIONS):
            form.actions.append_entry()
        form.client_id.data = new_token()
    return form


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


@bp.route("/j/<code>/reports/<int:topic_id>", methods=["GET", "POST"])
def report(code: str, topic_id: int):
    """The convener's report on their topic: one screen, saved and changed until reports
    close."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    topic = service.topic_of(event, topic_id)
    if topic.hidden or not reports.may_write(topic, participant):
        abort(404)
    stage = service.stage_of(event, topic.stage_id)
    is_open = reports.reports_open(stage)
    saved = reports.report_of(topic)
    saved_at = saved.updated_at.isoformat() if saved is not None and saved.updated_at else ""
    if request.method == "GET":
        return _report_page(event, topic, report_form(saved), is_open, saved_at)
    form = report_form(None, formdata=request.form)
    if form.validate_on_submit():
        try:
            reports.save(event, participant, form.client_id.data, topic.id, form.raw(),
                         address=request.remote_addr or "", today=service.local_now().date())
        except UserError as error:
            show_report_error(form, error)
        else:
            flash(_("Your report is saved. You can change it until the facilitator closes "
                    "reports."))
            return redirect(url_for("join.live_page", code=event.code, _anchor="my-schedule"))
    return _report_page(event, topic, form, is_open, saved_at), 422


def show_report_error(form: ReportForm, error: UserError) -> None:
    """Put the service's problem next to its field; an action's under that action's words."""
    field = error.field or ""
    if field.startswith(("action-", "owner-", "due-")):
        part, _sep, number = field.partition("-")
        entries = list(form.actions)
        index = int(number) - 1 if number.isdigit() else -1
        if 0 <= index < len(entries):
            target = entries[index].form
            sub = {"action": target.what, "owner": target.owner, "due": target.due}[part]
            sub.errors = [*sub.errors, error.message]
            return
    target = getattr(form, field, None) if field else None
    if target is None or not hasattr(target, "errors") or field == "actions":
        form.form_errors.append(error.message)
    else:
        target.errors = [*target.errors, error.message]


def _report_page(event, topic, form: ReportForm, is_open: bool, saved_at: str):
    """The report page; `saved_at` (when the report last changed) lets the phone's script
    tell a draft not yet sent from one already saved."""
    return render_template("stages/open_space/report.html", event=event, topic=topic,
                           form=form, is_open=is_open, saved_at=saved_at,
                           spoken=spoken_join_code(event.code))


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
