"""Following pledges up: the pledger's private link, the organiser's follow-up pages, the
"you said, we did" page, and one person's data (see it, download it, delete it)."""

import datetime as dt
import ipaddress
import json

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from facilitate.domain.errors import NotFound, UserError
from facilitate.ratelimits import rate_limits
from facilitate.services import events, live, privacy
from facilitate.stages.pledges import followup, rules, service
from facilitate.stages.pledges.web import CHECKIN_LABELS, RETENTION_LABELS, STATUS_LABELS
from facilitate.store.models import Event, Pledge
from facilitate.web.auth import console_blueprint, my_event
from facilitate.web.forms import ConfirmForm, MultiCheckboxField, show_error

bp = Blueprint("followup", __name__)
console = console_blueprint("followup_console", __name__)

# Follow-up links are long random tokens; this only slows down anyone trying to guess one.
WRONG_TOKEN_LIMIT = "30 per 10 minutes"
UPDATE_LIMIT = "30 per hour"


class ProgressForm(FlaskForm):
    status = RadioField(_l("How is it going?"),
                        validators=[DataRequired(_l("Choose how it is going."))],
                        choices=[SelectChoice(k, v) for k, v in STATUS_LABELS.items()],
                        validate_choice=False)
    note = TextAreaField(_l("Tell us more (optional)"), validators=[Length(max=rules.NOTE_LIMIT)],
                         description=_l("Up to %(limit)s characters.", limit=rules.NOTE_LIMIT))
    what_changed = TextAreaField(
        _l("If it is done: what changed because of it? (optional)"),
        validators=[Length(max=rules.STORY_LIMIT)],
        description=_l("We may share this with everyone who took part, without your email."))


class SettingsForm(FlaskForm):
    checkin_days = MultiCheckboxField(
        _l("When should we check in on pledges?"), validate_choice=False, coerce=str,
        choices=[SelectChoice(str(k), v) for k, v in CHECKIN_LABELS.items()])
    retention_days = SelectField(
        _l("Delete email addresses after the event"), validate_choice=False,
        choices=[SelectChoice("", _l("Keep until the event is deleted"))]
        + [SelectChoice(str(k), v) for k, v in RETENTION_LABELS.items()],
        description=_l("Pledges stay; only the email addresses are deleted."))
    publish = BooleanField(_l("Share the \"you said, we did\" page with everyone who took part"))


class SearchForm(FlaskForm):
    q = StringField(_l("Find a person"), validators=[Length(max=200)],
                    description=_l("A name, organisation, email, words from a pledge, or "
                                   "their follow-up link."))


class DeletePersonForm(FlaskForm):
    keep_writing = BooleanField(
        _l("Keep the open-space notes and session reports they wrote, without their name"),
        description=_l("Leave this unticked to delete those too."))
    understood = BooleanField(_l("I understand this cannot be undone"),
                              validators=[DataRequired(_l("Tick the box to say you understand."))])


# -- the pledger's private follow-up link -------------------------------------------------

def _pledge_for(token: str) -> Pledge:
    """The pledge behind a follow-up link; a wrong or old link gets the same plain page."""
    limits, address = rate_limits(), request.remote_addr or ""
    if not limits.allowed(WRONG_TOKEN_LIMIT, "follow-up-wrong", address):
        abort(429)
    pledge = service.find_by_token(token)
    if pledge is None:
        limits.hit(WRONG_TOKEN_LIMIT, "follow-up-wrong", address)
        raise _LinkNotWorking()
    return pledge


class _LinkNotWorking(NotFound):
    def __init__(self):
        super().__init__("This link does not work.")


@bp.errorhandler(_LinkNotWorking)
def _link_not_working(error):
    return _no_store(render_template("stages/pledges/followup/not_found.html"), 404)


def _no_store(body, status: int = 200) -> Response:
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/f/<token>", methods=["GET", "POST"])
def pledge_page(token: str):
    """The pledger records progress: status, a note, and what changed once it is done."""
    pledge = _pledge_for(token)
    event = events.by_id(pledge.event_id)
    form = ProgressForm()
    status = 200
    if form.validate_on_submit():
        rate_limits().require(UPDATE_LIMIT, "follow-up-update", str(pledge.id))
        try:
            service.record_progress(pledge, {"status": form.status.data, "note": form.note.data,
                                             "what_changed": form.what_changed.data})
        except UserError as error:
            show_error(form, error)
            status = 422
        else:
            flash(_("Thank you. Your update is saved."))
            return redirect(url_for("followup.pledge_page", token=pledge.follow_up_token,
                                    _anchor="updates"))
    elif request.method == "POST":
        status = 422
    if request.method == "GET":
        form.status.data = pledge.status
    return _no_store(render_template("stages/pledges/followup/pledge.html", pledge=pledge,
                                     event=event, form=form, stop=ConfirmForm()), status)


@bp.post("/f/<token>/stop-contact")
def stop_contact(token: str):
    """The pledger asks us not to email them: the address is deleted at once."""
    pledge = _pledge_for(token)
    if ConfirmForm().validate_on_submit():
        service.stop_contact(pledge)
        flash(_("We have deleted your email address. We will not email you about this pledge."))
    return redirect(url_for("followup.pledge_page", token=pledge.follow_up_token))


# -- "you said, we did" -------------------------------------------------------------------

@bp.get("/e/<code>/you-said-we-did")
def you_said_we_did(code: str):
    """What pledgers report they have done, once the organiser chooses to share it."""
    event = events.find_event_by_anyone(code, request.remote_addr or "")
    if event is None or not followup.published(event):
        abort(404)
    return render_template("stages/pledges/followup/you_said_we_did.html", event=event,
                           page=followup.you_said_we_did(event))


# -- the organiser's follow-up pages ------------------------------------------------------

def _event(code: str) -> Event:
    return my_event(code)


def _today() -> dt.date:
    return dt.date.today()


@console.get("/follow-up")
def overview(code: str):
    """Progress by status, theme, organisation and role; check-ins due; overdue pledges."""
    event = _event(code)
    return render_template("stages/pledges/followup/overview.html", event=event,
                           page=followup.follow_up(event, _today()),
                           local_links=only_on_local_network(_base(event)),
                           published=followup.published(event))


@console.route("/follow-up/settings", methods=["GET", "POST"])
def settings(code: str):
    """Check-in times, how long emails are kept, and sharing the public page."""
    event = _event(code)
    form = SettingsForm()
    if form.validate_on_submit():
        try:
            followup.save_settings(event, checkin_days=form.checkin_days.data or [],
                                   retention_days=form.retention_days.data,
                                   publish=form.publish.data)
        except UserError as error:
            show_error(form, error)
        else:
            flash(_("Follow-up settings saved."))
            return redirect(url_for("followup_console.overview", code=event.code))
    elif request.method == "GET":
        form.checkin_days.data = [str(d) for d in rules.checkin_days(event.settings)]
        form.retention_days.data = str(event.retention_days or "")
        form.publish.data = followup.published(event)
    status = 422 if form.errors or form.form_errors else 200
    return render_template("stages/pledges/followup/settings.html", event=event, form=form), status


@console.get("/follow-up/links.csv")
def links_csv(code: str):
    """Follow-up links with the emails of people who agreed to be contacted, for a mail merge."""
    event = _event(code)
    text = followup.mail_merge_csv(event, _links_for(event))
    return Response("\ufeff" + text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="follow-up-{event.code}.csv"',
        "Cache-Control": "no-store"})


def _base(event: Event) -> str:
    return live.base_url(event, request.host, request.scheme)


def _links_for(event: Event):
    """Follow-up links on the address phones use for this event (never localhost)."""
    base = _base(event)
    return lambda pledge: base + url_for("followup.pledge_page", token=pledge.follow_up_token)


def only_on_local_network(url: str) -> bool:
    """True when a link's address is a private one that works only on the venue's network."""
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
    try:
        return ipaddress.ip_address(host).is_private
    except ValueError:
        return host.endswith(".local")


@console.route("/pledges/<int:pledge_id>", methods=["GET", "POST"])
def pledge(code: str, pledge_id: int):
    """One pledge: its history, an update heard by phone, its follow-up link."""
    event = _event(code)
    pledge = service.pledge_in(event, pledge_id)
    form = ProgressForm()
    status = 200
    if form.validate_on_submit():
        try:
            service.record_progress(pledge, {"status": form.status.data, "note": form.note.data,
                                             "what_changed": form.what_changed.data},
                                    source="staff", author=current_user)
        except UserError as error:
            show_error(form, error)
            status = 422
        else:
            flash(_("Update saved."))
            return redirect(url_for("followup_console.pledge", code=event.code,
                                    pledge_id=pledge.id, _anchor="updates"))
    elif request.method == "POST":
        status = 422
    if request.method == "GET":
        form.status.data = pledge.status
    return render_template("stages/pledges/followup/console_pledge.html", event=event,
                           pledge=pledge, form=form, button=ConfirmForm(),
                           link=_links_for(event)(pledge),
                           withdrawn=pledge.withdrawn_at is not None), status


@console.post("/pledges/<int:pledge_id>/new-link")
def new_link(code: str, pledge_id: int):
    """Replace a pledge's follow-up link (if the old one was shared by mistake)."""
    event = _event(code)
    pledge = service.pledge_in(event, pledge_id)
    if ConfirmForm().validate_on_submit():
        service.reissue_link(pledge)
        flash(_("The pledge has a new follow-up link. The old link no longer works."))
    return redirect(url_for("followup_console.pledge", code=event.code, pledge_id=pledge.id))


# -- one person's data --------------------------------------------------------------------

@console.get("/people")
def people(code: str):
    """Find one person, to show, download or delete everything held about them."""
    event = _event(code)
    form = SearchForm(request.args, meta={"csrf": False})
    query = (form.q.data or "") if form.validate() else ""
    return render_template("stages/pledges/followup/people.html", event=event, form=form,
                           query=query, people=privacy.people(event, query),
                           limit=privacy.PEOPLE_PAGE)


@console.get("/people/<int:person_id>")
def person(code: str, person_id: int):
    event = _event(code)
    who = privacy.person_in(event, person_id)
    return render_template("stages/pledges/followup/person.html", event=event, person=who,
                           held=privacy.subject_access(who), form=DeletePersonForm())


@console.get("/people/<int:person_id>/data.json")
def person_json(code: str, person_id: int):
    """Everything held about one person, as a file to send them (subject access request)."""
    event = _event(code)
    who = privacy.person_in(event, person_id)
    body = json.dumps(privacy.subject_access(who), indent=2, ensure_ascii=False)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="person-{who.id}-{event.code}.json"',
        "Cache-Control": "no-store"})


@console.post("/people/<int:person_id>/delete")
def delete_person(code: str, person_id: int):
    event = _event(code)
    who = privacy.person_in(event, person_id)
    form = DeletePersonForm()
    if not form.validate_on_submit():
        return render_template("stages/pledges/followup/person.html", event=event, person=who,
                               held=privacy.subject_access(who), form=form), 422
    privacy.delete_person(who, keep_writing=bool(form.keep_writing.data))
    flash(_("That person's data is deleted. Their open-space notes and session reports stay, "
            "without their name.") if form.keep_writing.data else
          _("That person's data is deleted."))
    return redirect(url_for("followup_console.people", code=code))
