"""The facilitator's console: the list of events, event forms and each event's control page."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from facilitate import registry
from facilitate.domain.codes import spoken_join_code
from facilitate.domain.errors import UserError
from facilitate.domain.plans import PlanError
from facilitate.domain.stages import EVENT_STATUSES
from facilitate.services import events
from facilitate.web.auth import require_login
from facilitate.web.forms import (
    ConfirmForm,
    DeleteEventForm,
    EventForm,
    FacilitatorForm,
    PlanForm,
    StageForm,
    show_error,
)

bp = Blueprint("console", __name__, url_prefix="/console")
bp.before_request(require_login)


def _kind_choices() -> list[SelectChoice]:
    return [SelectChoice(kind.name, str(kind.label)) for kind in registry.all_kinds()]


def _event(code: str):
    return events.event_for(current_user, code)


@bp.get("/")
def index():
    return render_template("console/index.html", events=events.events_for(current_user))


@bp.route("/events/new", methods=["GET", "POST"])
def new_event():
    form = EventForm()
    if form.validate_on_submit():
        try:
            event = events.create_blank_event(current_user, **_details(form))
        except UserError as error:
            show_error(form, error)
        else:
            flash(_("Event created. Its join code is %(code)s.", code=event.code))
            return redirect(url_for("console.event", code=event.code))
    return _form_page("console/event_form.html", form=form, event=None)


@bp.route("/events/import", methods=["GET", "POST"])
def import_plan():
    """Create an event from a plan file; a bad file is explained line by line."""
    form = PlanForm()
    problems = []
    if form.validate_on_submit():
        try:
            event = events.create_event_from_plan_text(current_user, form.plan.data.read())
        except PlanError as error:
            problems = error.problems
        else:
            flash(_("Event created from the plan. Its join code is %(code)s.", code=event.code))
            return redirect(url_for("console.event", code=event.code))
    status = 422 if problems or form.errors else 200
    return render_template("console/import.html", form=form, problems=problems), status


@bp.get("/events/<code>")
def event(code: str):
    """The event's control page."""
    event = _event(code)
    stage_form = StageForm()
    stage_form.kind.choices = _kind_choices()
    return render_template("console/event.html", event=event, spoken=spoken_join_code(event.code),
                           stage_form=stage_form, facilitator_form=FacilitatorForm(),
                           button=ConfirmForm(), statuses=EVENT_STATUSES,
                           kind_label=registry.label,
                           console_templates=registry.console_templates(event))


@bp.route("/events/<code>/edit", methods=["GET", "POST"])
def edit_event(code: str):
    event = _event(code)
    form = EventForm(obj=event)
    if form.validate_on_submit():
        try:
            events.update_event(event, **_details(form))
        except UserError as error:
            show_error(form, error)
        else:
            flash(_("Changes saved."))
            return redirect(url_for("console.event", code=event.code))
    return _form_page("console/event_form.html", form=form, event=event)


@bp.post("/events/<code>/status")
def set_status(code: str):
    event = _event(code)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Please try again."), "error")
        return redirect(url_for("console.event", code=event.code))
    try:
        events.set_status(event, form.value.data)
    except UserError as error:
        flash(error.message, "error")
    else:
        flash(_("The event is now %(status)s.", status=_status_label(event.status)))
    return redirect(url_for("console.event", code=event.code))


@bp.post("/events/<code>/stages")
def add_stage(code: str):
    event = _event(code)
    form = StageForm()
    form.kind.choices = _kind_choices()
    if form.validate_on_submit():
        stage = events.add_stage(event, form.kind.data, form.title.data)
        flash(_("Stage \"%(title)s\" added.", title=stage.title))
    else:
        flash(_("Choose a kind of stage."), "error")
    return redirect(url_for("console.event", code=event.code, _anchor="agenda"))


@bp.get("/events/<code>/stages/<int:stage_id>/remove")
def remove_stage(code: str, stage_id: int):
    """Ask before a stage (and its slides or questions) goes."""
    event = _event(code)
    stage = next((s for s in event.stages if s.id == stage_id), None)
    if stage is None:
        abort(404)
    return render_template("console/remove_stage.html", event=event, stage=stage,
                           kind_label=registry.label)


@bp.post("/events/<code>/stages/<int:stage_id>/<action>")
def change_stage(code: str, stage_id: int, action: str):
    event = _event(code)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if action == "up":
        events.move_stage(event, stage_id, -1)
    elif action == "down":
        events.move_stage(event, stage_id, +1)
    elif action == "remove":
        events.remove_stage(event, stage_id)
        flash(_("Stage removed."))
    else:
        abort(404)
    return redirect(url_for("console.event", code=event.code, _anchor="agenda"))


@bp.post("/events/<code>/facilitators")
def add_facilitator(code: str):
    event = _event(code)
    form = FacilitatorForm()
    if not form.validate_on_submit():
        flash(_("Please give a real email address."), "error")
    else:
        try:
            user, password = events.add_facilitator(event, form.email.data)
        except UserError as error:
            flash(error.message, "error")
        else:
            if password:
                flash(_("%(email)s can now run this event. They have no account yet, so we made "
                        "one. Give them this one-time password in person: %(password)s",
                        email=user.email, password=password))
            else:
                flash(_("%(email)s can now run this event.", email=user.email))
    return redirect(url_for("console.event", code=event.code, _anchor="team"))


@bp.post("/events/<code>/facilitators/<int:user_id>/remove")
def remove_facilitator(code: str, user_id: int):
    event = _event(code)
    if ConfirmForm().validate_on_submit():
        try:
            events.remove_facilitator(event, user_id)
        except UserError as error:
            flash(error.message, "error")
    return redirect(url_for("console.event", code=event.code, _anchor="team"))


@bp.route("/events/<code>/delete", methods=["GET", "POST"])
def delete_event(code: str):
    """Erase an event and everything in it, after the join code is typed back."""
    event = _event(code)
    form = DeleteEventForm()
    if form.validate_on_submit():
        if form.confirm.data.strip().upper() != event.code:
            form.confirm.errors = [_("That is not this event's join code.")]
        else:
            title = event.title
            events.delete_event(event)
            flash(_("\"%(title)s\" and all its data are deleted.", title=title))
            return redirect(url_for("console.index"))
    return _form_page("console/delete.html", form=form, event=event)


def _details(form: EventForm) -> dict:
    return {"title": form.title.data, "date": form.date.data, "venue": form.venue.data or "",
            "description": form.description.data or "", "moderation": form.moderation.data}


def _form_page(template: str, form, **context):
    status = 422 if request.method == "POST" and (form.errors or form.form_errors) else 200
    return render_template(template, form=form, **context), status


def _status_label(status: str) -> str:
    return {"draft": _("a draft"), "live": _("live"), "closed": _("closed")}.get(status, status)
