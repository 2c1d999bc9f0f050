"""The open space's records on the console without JavaScript: every note (approve, hide),
what the screen shows of them, notes typed in from paper; every topic's report, reports typed
in from paper, closing reports. The same services as the live console's messages."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice

from facilitate.domain.codes import new_token
from facilitate.domain.errors import UserError
from facilitate.domain.ids import record_id
from facilitate.extensions import db
from facilitate.stages.open_space import notes, records, reports, service
from facilitate.stages.open_space.console_web import _open_space, console
from facilitate.stages.open_space.web import NoteForm, report_form, show_report_error
from facilitate.store.models import Event, Stage
from facilitate.web.forms import ConfirmForm, show_error


class ScreenNotesForm(FlaskForm):
    """What the screen shows of the notes."""

    mode = HiddenField()
    topic_id = SelectField(validate_choice=False, default="")


def _topic_choices(stage: Stage, first: str) -> list[SelectChoice]:
    return [SelectChoice("", first)] + [
        SelectChoice(str(t.id), t.title) for t in service.live_topics(stage, include_hidden=False)]


def paper_note_form(stage: Stage, formdata=None, topic_id: int | None = None) -> NoteForm:
    form = NoteForm(formdata=formdata, prefix="paper")
    form.topic_id.choices = _topic_choices(stage, _("Choose the topic"))
    if formdata is None:
        form.client_id.data = new_token()
        form.stage_id.data = str(stage.id)
        form.topic_id.data = str(topic_id) if topic_id else ""
    return form


def _notes_url(event: Event, stage: Stage, anchor: str | None = None) -> str:
    return url_for("open_space_console.notes_page", code=event.code, stage_id=stage.id,
                   _anchor=anchor)


def _notes_page(event: Event, stage: Stage, form: NoteForm | None = None, status: int = 200):
    screen_form = ScreenNotesForm(formdata=None, prefix="screen")
    screen_form.topic_id.choices = _topic_choices(stage, _("Choose a topic to spotlight"))
    chosen = notes.screen_state(stage)
    screen_form.topic_id.data = str(chosen["topic_id"] or "")
    all_notes = notes.console_notes(stage)
    return render_template(
        "stages/open_space/console/notes.html", event=event, stage=stage,
        notes=all_notes, waiting=sum(1 for n in all_notes if n["visibility"] == "pending"),
        form=form or paper_note_form(stage, topic_id=record_id(request.args.get("topic"))),
        screen_form=screen_form, chosen=chosen, kinds=records.NOTE_KIND_LABELS,
        titles={t.id: t.title for t in service.live_topics(stage)},
        limit=records.CONSOLE_NOTES, button=ConfirmForm()), status


@console.route("/notes", methods=["GET", "POST"])
def notes_page(code: str, stage_id: int):
    """Every note, newest first, to approve or hide; the screen's notes; paper entry."""
    event, stage = _open_space(code, stage_id)
    if request.method == "GET":
        return _notes_page(event, stage)
    form = paper_note_form(stage, formdata=request.form)
    if form.validate_on_submit():
        try:
            note, _created = notes.add(event, None, form.client_id.data,
                                       record_id(form.topic_id.data), form.kind.data,
                                       form.text.data, form.owner.data, source="paper")
        except UserError as error:
            db.session.rollback()
            show_error(form, error)
            if error.field == "id":
                form.client_id.data = new_token()
        else:
            flash(_("Saved, from paper: %(text)s. Type the next note.", text=note.text))
            return redirect(url_for("open_space_console.notes_page", code=event.code,
                                    stage_id=stage.id, topic=note.topic_id, _anchor="paper"))
    return _notes_page(event, stage, form, 422)


@console.post("/notes/<int:note_id>/moderate")
def moderate_note(code: str, stage_id: int, note_id: int):
    """Approve (show), hide or hold back one note."""
    event, stage = _open_space(code, stage_id)
    form = ConfirmForm()
    if not form.validate_on_submit() or form.value.data not in records.VISIBILITIES:
        abort(400)
    note = notes.note_in(event, note_id)
    if note.stage_id != stage.id:
        abort(404)
    notes.moderate(event, note.id, form.value.data)
    flash({"shown": _("The note is shown."), "hidden": _("The note is hidden."),
           "pending": _("The note is waiting for approval.")}[form.value.data])
    return redirect(_notes_url(event, stage, f"note-{note.id}"))


@console.post("/notes/screen")
def screen_notes(code: str, stage_id: int):
    """What the screen shows of the notes: off, one topic's, or the newest of all."""
    event, stage = _open_space(code, stage_id)
    form = ScreenNotesForm(prefix="screen")
    if not form.validate_on_submit() or form.mode.data not in records.SCREEN_MODES:
        abort(400)
    try:
        notes.show_on_screen(event, stage.id, form.mode.data, record_id(form.topic_id.data))
    except UserError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash({"off": _("The screen shows no notes."),
               "topic": _("The screen shows that topic's notes."),
               "wall": _("The screen shows the newest notes.")}[form.mode.data])
    return redirect(_notes_url(event, stage, "screen-notes"))


# -- reports ------------------------------------------------------------------------------

@console.get("/reports")
def reports_page(code: str, stage_id: int):
    """Every topic on the board with its report (or none yet); close or reopen reports."""
    event, stage = _open_space(code, stage_id)
    written = reports.reports_of(stage)
    topics = service.live_topics(stage, include_hidden=False)
    return render_template("stages/open_space/console/reports.html", event=event, stage=stage,
                           topics=topics, written=written, is_open=reports.reports_open(stage),
                           button=ConfirmForm())


@console.post("/reports/open")
def set_reports_open(code: str, stage_id: int):
    """Close reports (phones can no longer write reports or notes) or open them again."""
    event, stage = _open_space(code, stage_id)
    form = ConfirmForm()
    if not form.validate_on_submit() or form.value.data not in ("open", "close"):
        abort(400)
    is_open = form.value.data == "open"
    reports.set_reports_open(event, stage.id, is_open)
    flash(_("Reports are open: conveners can write and change them, and phones add notes.")
          if is_open else
          _("Reports are closed: phones can no longer write reports or notes. You can still "
            "type them in from paper."))
    return redirect(url_for("open_space_console.reports_page", code=event.code,
                            stage_id=stage.id))


@console.route("/topics/<int:topic_id>/report", methods=["GET", "POST"])
def report_page(code: str, stage_id: int, topic_id: int):
    """A topic's report, typed in from paper or corrected by a facilitator (any time)."""
    event, stage = _open_space(code, stage_id)
    topic = service.topic_of(event, topic_id)
    if topic.stage_id != stage.id:
        abort(404)
    if topic.id != topic_id:   # merged: the report of the topic it became
        return redirect(url_for("open_space_console.report_page", code=event.code,
                                stage_id=stage.id, topic_id=topic.id))
    report = reports.report_of(topic)
    if request.method == "GET":
        form, status = report_form(report), 200
    else:
        form, status = report_form(None, formdata=request.form), 422
        if form.validate_on_submit():
            try:
                reports.save(event, None, form.client_id.data, topic.id, form.raw(),
                             source="paper", today=service.local_now().date())
            except UserError as error:
                db.session.rollback()
                show_report_error(form, error)
            else:
                flash(_("The report on “%(title)s” is saved, marked from paper.",
                        title=topic.title))
                return redirect(url_for("open_space_console.reports_page", code=event.code,
                                        stage_id=stage.id, _anchor=f"topic-{topic.id}"))
    return render_template("stages/open_space/console/report.html", event=event, stage=stage,
                           topic=topic, report=report, form=form), status
