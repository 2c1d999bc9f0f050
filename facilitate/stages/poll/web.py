"""Polls and the ladder without JavaScript: the phone's plain answer form, the run page's
buttons, and the console's pages for questions and paper counts. The same service as the
Socket.IO handlers."""

import hashlib

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from facilitate.domain.codes import new_token
from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.ids import record_id
from facilitate.services import snapshots
from facilitate.stages.poll import rules, service
from facilitate.web import phones
from facilitate.web.auth import console_blueprint, my_event
from facilitate.web.forms import ConfirmForm

bp = Blueprint("poll", __name__)
console = console_blueprint("poll_console", __name__)

# The ids the plain form's answers get: the page's id (at most PAGE_ID_LIMIT characters), the
# question's id and a mark of the choices, so the same page sent again (a retry) is stored
# once, and a changed answer sent from the same page (the Back button) is a new answer.
PAGE_ID_LIMIT = 40


def phone_context(event, stage, participant) -> dict:
    """A fresh id for the plain form, this person's answers, and whether they asked for the
    easy-read view."""
    answers = {}
    if stage is not None and participant is not None and stage.kind in service.KINDS:
        answers = {qid: list(row.choices)
                   for qid, row in service.mine(participant, stage).items()}
    return {"poll_client_id": new_token()[:PAGE_ID_LIMIT], "answers": answers,
            "easy": request.args.get("easy") == "1"}


@bp.post("/j/<code>/answers")
def answer(code: str):
    """The plain-form way to answer: one field ``q<id>`` a question (a checkbox field may
    come more than once)."""
    event, participant = phones.joined(code)
    if participant is None:
        return redirect(url_for("join.welcome", code=code))
    form = ConfirmForm()
    easy = request.form.get("easy") == "1"
    back = url_for("join.live_page", code=event.code, _anchor="stage",
                   **({"easy": "1"} if easy else {}))
    if not form.validate_on_submit():
        flash(_("Please try again."), "error")
        return redirect(back)
    page_id = (request.form.get("client_id") or "")[:PAGE_ID_LIMIT]
    try:
        stage = service.stage_of(event, record_id(request.form.get("stage_id")))
        sent = 0
        for question in service.questions_of(stage):
            field = f"q{question.id}"
            if field not in request.form:
                continue
            raw = request.form.getlist(field)
            choices = [int(v) for v in raw if v.lstrip("-").isdigit()][:rules.MAX_OPTIONS]
            if len(choices) != len(raw):
                raise UserError(_("Please choose from the list."))
            mark = hashlib.sha256(repr(sorted(choices)).encode()).hexdigest()[:8]
            service.answer(event, participant, f"{page_id}-q{question.id}-{mark}", stage.id,
                           question.id, choices, address=request.remote_addr or "")
            sent += 1
        if not sent:
            raise UserError(_("Please choose an answer first."))
    except UserError as error:
        flash(error.message, "error")
    else:
        flash(_("Sent. You can change your answer until the question closes."))
    return redirect(back)


# -- the console --------------------------------------------------------------------------

def act(event, value: str) -> None:
    """A run-page button without JavaScript: "<stage id>:<question id or all>:<action>"."""
    stage_part, _sep, rest = (value or "").partition(":")
    question_part, _sep, action = rest.partition(":")
    question_id = None if question_part == "all" else record_id(question_part)
    if question_part != "all" and question_id is None:
        raise UserError(_("Please try again."))
    service.control(event, record_id(stage_part), question_id, action)


CONSOLE_ACTIONS = {"poll": act}


def _stage(event, stage_id: int):
    try:
        return service.stage_of(event, stage_id)
    except NotFound:
        abort(404)


class QuestionForm(FlaskForm):
    """A question the facilitator adds or changes while the event runs."""

    text = StringField(_l("The question"), validators=[Length(max=rules.QUESTION_LIMIT)])
    kind = RadioField(_l("How people answer"), default="single", choices=[
        SelectChoice("single", _l("Choose one")),
        SelectChoice("multiple", _l("Choose several")),
        SelectChoice("scale", _l("A scale"))])
    options = TextAreaField(_l("Options, one a line (for choose one or several)"),
                            validators=[Length(max=rules.MAX_OPTIONS * (rules.OPTION_LIMIT + 2))],
                            description=_l("From 2 to %(most)s options.",
                                           most=rules.MAX_OPTIONS))
    max_choices = IntegerField(_l("The most each person may choose (for choose several)"),
                               validators=[Optional(), NumberRange(1, rules.MAX_OPTIONS)])
    scale = RadioField(_l("The scale"), default="1-5", choices=[
        SelectChoice("1-5", _l("1 to 5")), SelectChoice("0-10", _l("0 to 10"))])
    low = StringField(_l("Label at the low end (for a scale)"),
                      validators=[Length(max=rules.LABEL_LIMIT)])
    high = StringField(_l("Label at the high end (for a scale)"),
                       validators=[Length(max=rules.LABEL_LIMIT)])

    def entry(self) -> dict:
        entry = {"text": self.text.data or "", "kind": self.kind.data}
        if self.kind.data == "scale":
            entry.update(scale=self.scale.data, low=self.low.data or "",
                         high=self.high.data or "")
        else:
            entry["options"] = (self.options.data or "").splitlines()
        if self.kind.data == "multiple":
            entry["max"] = self.max_choices.data or len([o for o in entry["options"]
                                                        if o.strip()])
        return entry

    def fill(self, question: rules.Question) -> None:
        self.text.data, self.kind.data = question.text, question.kind
        if question.kind == "scale":
            self.scale.data, self.low.data = question.scale, question.low_label
            self.high.data = question.high_label
        else:
            self.options.data = "\n".join(label for _v, label in question.choices)
            self.max_choices.data = question.max_choices if question.kind == "multiple" else None


def _questions_page(event, stage, form, editing=None, status: int = 200):
    view = snapshots.view_of(event, stage, "console")
    return render_template("stages/poll/questions.html", event=event, stage=stage, view=view,
                           form=form, editing=editing, button=ConfirmForm()), status


@console.get("/polls/<int:stage_id>")
def questions_page(code: str, stage_id: int):
    """The poll's questions: add, change, reorder, remove; each one's results."""
    event = my_event(code)
    stage = _stage(event, stage_id)
    return _questions_page(event, stage, QuestionForm(formdata=None))


@console.post("/polls/<int:stage_id>/questions")
def add_question(code: str, stage_id: int):
    event = my_event(code)
    stage = _stage(event, stage_id)
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            service.save_question(event, stage.id, form.entry())
        except UserError as error:
            form.text.errors = [*form.text.errors, error.message]
        else:
            flash(_("Question added."))
            return redirect(url_for(".questions_page", code=event.code, stage_id=stage.id))
    return _questions_page(event, stage, form, status=422)


@console.route("/polls/<int:stage_id>/questions/<int:question_id>", methods=["GET", "POST"])
def edit_question(code: str, stage_id: int, question_id: int):
    """Change a question (a typo, another option) while the event runs."""
    event = my_event(code)
    stage = _stage(event, stage_id)
    try:
        question = service.question_of(stage, question_id)
    except NotFound:
        abort(404)
    if stage.kind != "poll":
        abort(404)
    form = QuestionForm()
    if request.method == "GET":
        form = QuestionForm(formdata=None)
        form.fill(question)
    elif form.validate_on_submit():
        try:
            service.save_question(event, stage.id, form.entry(), question.id)
        except UserError as error:
            form.text.errors = [*form.text.errors, error.message]
        else:
            flash(_("Question saved."))
            return redirect(url_for(".questions_page", code=event.code, stage_id=stage.id))
    return render_template("stages/poll/question.html", event=event, stage=stage,
                           question=question, form=form), 200 if request.method == "GET" else 422


@console.post("/polls/<int:stage_id>/questions/<int:question_id>/<action>")
def change_question(code: str, stage_id: int, question_id: int, action: str):
    """Move a question up or down, or remove it."""
    event = my_event(code)
    stage = _stage(event, stage_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            if action == "remove":
                service.remove_question(event, stage.id, question_id)
                flash(_("Question removed."))
            elif action in ("up", "down"):
                service.move_question(event, stage.id, question_id, -1 if action == "up" else 1)
            else:
                abort(404)
        except UserError as error:
            flash(error.message, "error")
    return redirect(url_for(".questions_page", code=event.code, stage_id=stage.id))


@console.route("/polls/<int:stage_id>/paper/<int:question_id>", methods=["GET", "POST"])
def paper(code: str, stage_id: int, question_id: int):
    """Type in counts from paper slips or a show of hands: one number a choice."""
    event = my_event(code)
    stage = _stage(event, stage_id)
    try:
        question = service.question_of(stage, question_id)
    except NotFound:
        abort(404)
    current = service.state_of(stage, question).paper
    form = ConfirmForm()
    errors: list[str] = []
    values = {value: current.get(value, 0) for value in question.values}
    if request.method == "POST" and form.validate_on_submit():
        counts = {}
        for value in question.values:
            raw = (request.form.get(f"count-{value}") or "0").strip() or "0"
            if not raw.isdigit() or int(raw) > rules.MAX_PAPER:
                errors.append(_("“%(choice)s”: write a whole number from 0 to %(most)s.",
                                choice=question.label_of(value), most=rules.MAX_PAPER))
                continue
            counts[str(value)] = values[value] = int(raw)
        if not errors:
            try:
                service.set_paper(event, stage.id, question.id, counts)
            except UserError as error:
                errors.append(error.message)
            else:
                flash(_("Counts saved. They show apart from the answers from phones."))
                return redirect(url_for(".paper", code=event.code, stage_id=stage.id,
                                        question_id=question.id))
    return render_template("stages/poll/paper.html", event=event, stage=stage,
                           question=question, values=values, errors=errors,
                           button=form), 422 if errors else 200
