"""Pledges on the web: the phone's plain form and "my pledges", and the console's moderation
list, paper entry form and printable pledge cards.

The phone page's script sends pledges over Socket.IO (facilitate.realtime.pledges); these plain
forms are the same service underneath, for phones without JavaScript.
"""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from facilitate.domain.codes import new_token, spoken_join_code
from facilitate.domain.errors import EventClosed, UserError
from facilitate.export.qr import qr_svg
from facilitate.services import live, snapshots
from facilitate.stages.pledges import rules, service
from facilitate.store.models import Event, Pledge
from facilitate.web import phones
from facilitate.web.auth import console_blueprint, my_event
from facilitate.web.forms import ConfirmForm, show_error
from facilitate.web.labels import VISIBILITY_LABELS
from facilitate.web.redirects import local_target

bp = Blueprint("pledges", __name__)
console = console_blueprint("pledge_console", __name__, "/console/events/<code>/pledges")

# -- words shown for the stored values ----------------------------------------------------

SCOPE_LABELS = {"me": _l("Just me"), "team": _l("My team"),
                "organisation": _l("My organisation")}
DISPLAY_LABELS = {"name": _l("With my name"), "organisation": _l("With my organisation only"),
                  "anonymous": _l("Without a name (anonymous)")}
DUE_LABELS = {"": _l("No date"), "1": _l("In 1 month"), "3": _l("In 3 months"),
              "6": _l("In 6 months"), "12": _l("In 12 months"),
              "date": _l("On a date I choose")}
STATUS_LABELS = {"not_started": _l("Not started"), "in_progress": _l("In progress"),
                 "done": _l("Done"), "could_not_do": _l("Could not do")}
SOURCE_LABELS = {"phone": _l("Phone"), "paper": _l("From paper")}
CHECKIN_LABELS = {14: _l("2 weeks"), 28: _l("4 weeks"), 42: _l("6 weeks"), 61: _l("2 months"),
                  91: _l("3 months"), 122: _l("4 months"), 182: _l("6 months"),
                  274: _l("9 months"), 365: _l("12 months")}
RETENTION_LABELS = {91: _l("3 months"), 182: _l("6 months"), 365: _l("1 year"),
                    548: _l("18 months"), 730: _l("2 years"), 1095: _l("3 years")}


@bp.app_template_filter("checkin_label")
def checkin_label(days: int) -> str:
    """'6 weeks' for 42 days; other numbers of days as they are."""
    return str(CHECKIN_LABELS.get(days) or _("%(days)s days", days=days))


@bp.app_context_processor
def _labels() -> dict:
    return {"pledge_labels": {"scope": SCOPE_LABELS, "display": DISPLAY_LABELS,
                              "due": DUE_LABELS, "status": STATUS_LABELS,
                              "visibility": VISIBILITY_LABELS, "source": SOURCE_LABELS,
                              "checkin": CHECKIN_LABELS, "retention": RETENTION_LABELS},
            "pledge_who": lambda p: rules.wall_name(p.display, p.pledger_name, p.organisation),
            "pledge_limits": {"action": rules.ACTION_LIMIT, "support": rules.SUPPORT_LIMIT,
                              "note": rules.NOTE_LIMIT, "story": rules.STORY_LIMIT}}


# -- forms --------------------------------------------------------------------------------

def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


class PledgeForm(FlaskForm):
    """The pledge form a person fills in on their phone."""

    action = TextAreaField(_l("I will ..."), validators=[Length(max=rules.ACTION_LIMIT)],
                           description=_l("What will you do? Up to %(limit)s characters.",
                                          limit=rules.ACTION_LIMIT))
    due = RadioField(_l("By when?"), choices=_choices(DUE_LABELS), default="3",
                     validate_choice=False)
    due_date = StringField(_l("The date (if you chose one)"), validators=[Length(max=20)],
                           description=_l("For example 2027-03-31."))
    theme = RadioField(_l("Which theme is it about?"), validate_choice=False, default="")
    scope = RadioField(_l("Whose pledge is it?"), choices=_choices(SCOPE_LABELS), default="me",
                       validate_choice=False)
    support_needed = TextAreaField(_l("What help do you need to do it? (optional)"),
                                   validators=[Length(max=rules.SUPPORT_LIMIT)])
    display = RadioField(_l("How may we show it on the big screen?"),
                         choices=_choices(DISPLAY_LABELS), default="anonymous",
                         validate_choice=False)
    name = StringField(_l("Your name (optional)"), validators=[Length(max=rules.NAME_LIMIT)])
    organisation = StringField(_l("Your organisation (optional)"),
                               validators=[Length(max=rules.ORGANISATION_LIMIT)])
    consent_contact = BooleanField(_l("You may email me later to ask how my pledge is going"))
    email = EmailField(_l("Your email"), validators=[Length(max=254)],
                       description=_l("Only if you ticked the box above. We use it for "
                                      "nothing else."))
    client_id = HiddenField()

    def fill_choices(self, event: Event) -> None:
        self.theme.choices = [SelectChoice(t, t) for t in event.themes or []] + [
            SelectChoice("", _("None of these"))]

    def raw(self) -> dict:
        """What the service checks, in its own words."""
        due = self.due.data or ""
        return {"action": self.action.data, "due": self.due_date.data if due == "date" else due,
                "theme": self.theme.data or "", "scope": self.scope.data,
                "support_needed": self.support_needed.data, "display": self.display.data,
                "name": self.name.data, "organisation": self.organisation.data,
                "consent_contact": bool(self.consent_contact.data), "email": self.email.data}


class PaperForm(FlaskForm):
    """A paper pledge card, typed in by a facilitator: fields in the card's order."""

    action = TextAreaField(_l("I will ..."), validators=[Length(max=rules.ACTION_LIMIT)])
    due = SelectField(_l("By when"), choices=_choices(DUE_LABELS), default="",
                      validate_choice=False)
    due_date = StringField(_l("The date (if written)"), validators=[Length(max=20)],
                           description=_l("For example 2027-03-31."))
    theme = SelectField(_l("Theme"), validate_choice=False, default="")
    scope = SelectField(_l("Whose pledge"), choices=_choices(SCOPE_LABELS), default="me",
                        validate_choice=False)
    support_needed = TextAreaField(_l("Help they need"),
                                   validators=[Length(max=rules.SUPPORT_LIMIT)])
    display = SelectField(_l("Show on the wall"), choices=_choices(DISPLAY_LABELS),
                          default="anonymous", validate_choice=False)
    name = StringField(_l("Name"), validators=[Length(max=rules.NAME_LIMIT)])
    organisation = StringField(_l("Organisation"),
                               validators=[Length(max=rules.ORGANISATION_LIMIT)])
    role = SelectField(_l("Role"), validate_choice=False, default="")
    consent_contact = BooleanField(_l("Ticked: we may email them about their pledge"))
    email = EmailField(_l("Email"), validators=[Length(max=254)],
                       description=_l("Typed only if the box is ticked. Otherwise it is not "
                                      "kept."))
    client_id = HiddenField()

    def fill_choices(self, event: Event) -> None:
        self.theme.choices = [SelectChoice("", _("Not given"))] + [
            SelectChoice(t, t) for t in event.themes or []]
        self.role.choices = [SelectChoice("", _("Not given"))] + [
            SelectChoice(r, r) for r in event.roles or []]

    def raw(self) -> dict:
        due = self.due.data or ""
        return {"action": self.action.data, "due": self.due_date.data if due == "date" else due,
                "theme": self.theme.data or "", "scope": self.scope.data,
                "support_needed": self.support_needed.data, "display": self.display.data,
                "name": self.name.data, "organisation": self.organisation.data,
                "role": self.role.data or "", "consent_contact": bool(self.consent_contact.data),
                "email": self.email.data}


def _new_form(form_class, event: Event, participant=None):
    form = form_class(formdata=None)
    form.fill_choices(event)
    form.client_id.data = new_token()
    if participant is not None:
        form.name.data = participant.display_name
        form.organisation.data = participant.organisation
        if participant.consent_contact and participant.email:
            form.consent_contact.data, form.email.data = True, participant.email
    return form


def _form_from(pledge: Pledge, event: Event) -> PledgeForm:
    form = PledgeForm(formdata=None)
    form.fill_choices(event)
    form.action.data, form.theme.data = pledge.action, pledge.theme
    form.scope.data, form.display.data = pledge.scope, pledge.display
    form.support_needed.data = pledge.support_needed
    form.name.data, form.organisation.data = pledge.pledger_name, pledge.organisation
    form.consent_contact.data, form.email.data = pledge.consent_contact, pledge.email
    form.due.data = "date" if pledge.due_date else ""
    form.due_date.data = pledge.due_date.isoformat() if pledge.due_date else ""
    return form


def phone_context(event: Event, stage, participant) -> dict:
    """The pledge form for the phone page, filled in with what the person told us."""
    return {"pledge_form": _new_form(PledgeForm, event, participant),
            "pledge_mine": service.pledges_of(participant) if participant else [],
            "pledge_open": service.is_open(event)}


# -- phones (plain forms) -----------------------------------------------------------------

@bp.route("/j/<code>/pledges", methods=["GET", "POST"])
def phone_page(code: str):
    """Make a pledge and see "my pledges", without JavaScript."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=event.code))
    if request.method == "GET":
        form = _new_form(PledgeForm, event, participant)
        return _phone_page(event, participant, form)
    form = PledgeForm()
    form.fill_choices(event)
    if form.validate_on_submit():
        try:
            pledge, _created = service.submit_pledge(
                event, participant, form.client_id.data or "", form.raw(),
                address=request.remote_addr or "")
        except EventClosed as error:
            form.form_errors.append(error.message)
        except UserError as error:
            show_error(form, error)
        else:
            flash(_("Thank you. Your pledge is saved.") if pledge.visibility == "shown" else
                  _("Thank you. Your pledge is saved. It shows on the screen once a "
                    "facilitator has checked it."))
            return redirect(url_for("pledges.phone_page", code=event.code, _anchor="mine"))
    return _phone_page(event, participant, form), 422


def _phone_page(event: Event, participant, form: PledgeForm):
    stage = snapshots.current_stage(event)
    prompt = stage.config.get("prompt", "") if stage is not None and stage.kind == "pledges" \
        else ""
    return _phone_template("stages/pledges/page.html", event, form=form, prompt=prompt,
                           mine=service.pledges_of(participant), is_open=service.is_open(event))


def _phone_template(template: str, event: Event, **context):
    return render_template(template, event=event, spoken=spoken_join_code(event.code),
                           **context)


@bp.route("/j/<code>/pledges/<int:pledge_id>/edit", methods=["GET", "POST"])
def edit_pledge(code: str, pledge_id: int):
    """Change one of my pledges while pledging is open."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=event.code))
    pledge = service.own_pledge(participant, pledge_id)
    if request.method == "GET":
        return _phone_template("stages/pledges/edit.html", event, pledge=pledge,
                               form=_form_from(pledge, event), is_open=service.is_open(event))
    form = PledgeForm()
    form.fill_choices(event)
    if form.validate_on_submit():
        try:
            service.update_pledge(pledge, participant, form.raw(),
                                  address=request.remote_addr or "")
        except UserError as error:
            show_error(form, error)
        else:
            flash(_("Your changes are saved."))
            return redirect(url_for("pledges.phone_page", code=event.code, _anchor="mine"))
    return _phone_template("stages/pledges/edit.html", event, pledge=pledge, form=form,
                           is_open=service.is_open(event)), 422


@bp.route("/j/<code>/pledges/<int:pledge_id>/withdraw", methods=["GET", "POST"])
def withdraw_pledge(code: str, pledge_id: int):
    """Take one of my pledges back, after saying yes."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=event.code))
    pledge = service.own_pledge(participant, pledge_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.withdraw_pledge(pledge, participant)
        except UserError as error:
            flash(error.message, "error")
        else:
            flash(_("Your pledge is taken back. It is no longer on the screen."))
        return redirect(url_for("pledges.phone_page", code=event.code, _anchor="mine"))
    return _phone_template("stages/pledges/withdraw.html", event, pledge=pledge, form=form,
                           is_open=service.is_open(event))


# -- the console: moderation, paper cards -------------------------------------------------

def _event(code: str) -> Event:
    return my_event(code)


@console.get("/")
def moderation(code: str):
    """Every pledge of the event with approve and hide buttons, and pledging open or closed."""
    event = _event(code)
    return render_template("stages/pledges/list.html", event=event, button=ConfirmForm(),
                           snapshot=service.console_snapshot(event),
                           pledges=service.active_pledges(event),
                           is_open=service.is_open(event),
                           closed_by_facilitator=not rules.pledging_open(event.settings))


@console.post("/<int:pledge_id>/moderate")
def moderate(code: str, pledge_id: int):
    event = _event(code)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        pledge = service.moderate(service.pledge_in(event, pledge_id), form.value.data)
    except UserError as error:
        flash(error.message, "error")
    else:
        flash(_("Pledge %(number)s: %(state)s.", number=pledge.id,
                state=VISIBILITY_LABELS[pledge.visibility]))
    return redirect(local_target(request.form.get("next"), f"/console/events/{event.code}/")
                    or url_for("pledge_console.moderation", code=event.code, _anchor="list"))


@console.post("/open")
def set_open(code: str):
    event = _event(code)
    form = ConfirmForm()
    if not form.validate_on_submit() or form.value.data not in ("open", "close"):
        abort(400)
    service.set_pledging_open(event, form.value.data == "open")
    flash(_("Pledging is open. Phones can send, change and take back pledges.")
          if form.value.data == "open" else
          _("Pledging is closed. Phones can no longer send or change pledges. You can still "
            "type in paper cards."))
    return redirect(url_for("pledge_console.moderation", code=event.code))


@console.route("/paper", methods=["GET", "POST"])
def paper(code: str):
    """Type in a stack of paper pledge cards quickly: save, and the form is ready again."""
    event = _event(code)
    form = PaperForm()
    form.fill_choices(event)
    status = 200
    if form.validate_on_submit():
        try:
            service.submit_pledge(event, None, form.client_id.data or "", form.raw(),
                                  source="paper")
        except UserError as error:
            show_error(form, error)
            status = 422
        else:
            flash(_("Card saved. Type the next one."))
            return redirect(url_for("pledge_console.paper", code=event.code))
    elif request.method == "POST":
        status = 422
    if status == 200:
        form = _new_form(PaperForm, event)
    return render_template("stages/pledges/paper.html", event=event, form=form,
                           entered=service.paper_count(event),
                           recent=service.recent_paper(event)), status


@console.get("/cards")
def cards(code: str):
    """An A4 page of four pledge cards with the event's QR code, to print."""
    event = _event(code)
    url = live.join_url(event, request.host, request.scheme)
    stage = next((s for s in event.stages if s.kind == "pledges"), None)
    return render_template("stages/pledges/cards.html", event=event, join_url=url,
                           short_url=url.split("://", 1)[-1],
                           prompt=stage.config.get("prompt", "") if stage else "",
                           qr=Markup(qr_svg(url)), cards=range(4))
