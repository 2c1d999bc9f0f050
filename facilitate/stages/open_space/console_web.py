"""The open space on the console without JavaScript: the board's spaces and slots, topics typed
in from paper cards, editing, merging, hiding and moving topics, and Arrange for me."""

import json

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from facilitate.domain.codes import new_token
from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.ids import record_id
from facilitate.extensions import db
from facilitate.stages.open_space import arranging, board, rules, service, views
from facilitate.store.models import Event, Stage, Topic
from facilitate.web.auth import console_blueprint, my_event
from facilitate.web.forms import ConfirmForm, show_error
from facilitate.web.redirects import local_target

console = console_blueprint("open_space_console", __name__,
                            "/console/events/<code>/open-space/<int:stage_id>")
TRAY = "tray"
RECENT_CARDS = 8


# -- forms --------------------------------------------------------------------------------

class MoveForm(FlaskForm):
    """Where one topic goes: a free cell of the board, or back to the tray."""

    cell = SelectField(_l("Space and time"), validate_choice=False, default="")
    check = BooleanField()   # "Check this move": show what it would do, change nothing
    back = HiddenField()     # "tray": the form was in the board page's tray


class TopicForm(FlaskForm):
    """A topic's words, as a facilitator corrects them."""

    title = StringField(_l("Title"), validators=[Length(max=rules.TITLE_LIMIT)],
                        description=_l("Up to %(limit)s characters.", limit=rules.TITLE_LIMIT))
    description = TextAreaField(_l("A line or two about it"),
                                validators=[Length(max=rules.DESCRIPTION_LIMIT)],
                                description=_l("You can leave this out. Up to %(limit)s "
                                               "characters.", limit=rules.DESCRIPTION_LIMIT))
    name = StringField(_l("Convener's name"), validators=[Length(max=rules.NAME_LIMIT)],
                       description=_l("Leave empty to show it as anonymous."))
    help_wanted = BooleanField(_l("The convener would like help"))


class PaperTopicForm(TopicForm):
    """A paper topic card, with the id that makes a double submit store it once."""

    client_id = HiddenField()


class MergeForm(FlaskForm):
    """Fold this topic into another one: the one chosen is kept."""

    into = SelectField(_l("Merge into…"), validate_choice=False, default="",
                       description=_l("The topic you choose is kept. This one's interest and "
                                      "check-ins move over to it."))


class SpaceForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Length(max=rules.SPACE_LIMIT)])
    capacity = StringField(_l("How many people it holds"), validators=[Length(max=6)],
                           description=_l("A whole number. Leave empty if nobody said."))
    access = StringField(_l("Access notes"), validators=[Length(max=rules.ACCESS_LIMIT)],
                         description=_l("For example: step-free, hearing loop, quiet room."))


class SlotForm(FlaskForm):
    starts = StringField(_l("Starts"), validators=[Length(max=5)],
                         description=_l("Like 11:00."))
    ends = StringField(_l("Ends"), validators=[Length(max=5)], description=_l("Like 11:45."))
    day = StringField(_l("Date (optional)"), validators=[Length(max=10)],
                      description=_l("Only if it is not the event's date. Like 2026-12-03."))


class ArrangeForm(FlaskForm):
    movable = RadioField(_l("What may Arrange for me move?"), default="unscheduled",
                         validate_choice=False,
                         choices=[SelectChoice("unscheduled", _l("Only topics not on the board "
                                                                 "yet")),
                                  SelectChoice("unlocked", _l("All topics not locked"))])


class ApplyForm(FlaskForm):
    """The moves of a preview, sent back as they were shown, with the board they were for."""

    moves = HiddenField()
    board_key = HiddenField()


# -- finding things -----------------------------------------------------------------------

def _open_space(code: str, stage_id: int) -> tuple[Event, Stage]:
    event = my_event(code)
    return event, service.stage_of(event, stage_id)


def _topic(event: Event, stage: Stage, topic_id: int) -> Topic:
    topic = service.topic_of(event, topic_id)
    if topic.stage_id != stage.id:
        raise NotFound(_("That topic is not on this board."), "topic_id")
    return topic


def _board_url(event: Event, stage: Stage, anchor: str | None = None) -> str:
    return url_for("open_space_console.board_page", code=event.code, stage_id=stage.id,
                   _anchor=anchor)


def _topic_url(event: Event, stage: Stage, topic_id: int) -> str:
    return url_for("open_space_console.topic_page", code=event.code, stage_id=stage.id,
                   topic_id=topic_id)


def _frame_url(event: Event, stage: Stage, anchor: str | None = None) -> str:
    return url_for("open_space_console.frame_page", code=event.code, stage_id=stage.id,
                   _anchor=anchor)


def _confirmed_value(allowed: tuple[str, ...]) -> str:
    """The value of a button-only form; 400 for a form without its token or a strange value."""
    form = ConfirmForm()
    if not form.validate_on_submit() or form.value.data not in allowed:
        abort(400)
    return form.value.data


def _failed(error: UserError) -> None:
    """Forget what the service changed before it refused, and say why in plain words."""
    db.session.rollback()
    flash(error.message, "error")


# -- the board's cells --------------------------------------------------------------------

def _slot_names(stage: Stage) -> dict[int, str]:
    """Each slot's label, with its date when the board spans more than one day."""
    slots = rules.slots_of(stage.config)
    dated = any(slot.day for slot in slots)
    return {slot.id: f"{slot.day:%Y-%m-%d} {slot.label}" if dated and slot.day else slot.label
            for slot in slots}


def cell_names(stage: Stage) -> dict[str, str]:
    """"Room 1, 11:00–11:45" for each cell, by its form value "<space id>:<slot id>"."""
    slots = _slot_names(stage)
    return {f"{space.id}:{slot_id}": f"{space.name}, {label}"
            for space in rules.spaces_of(stage.config) for slot_id, label in slots.items()}


def _taken(topics: list[dict]) -> dict[str, int]:
    """Each held cell and the topic in it (hidden topics hold none)."""
    return {f"{t['space_id']}:{t['slot_id']}": t["id"] for t in topics
            if t["space_id"] is not None and not t["hidden"]}


def move_choices(stage: Stage, topic: dict, taken: dict[str, int]) -> list[SelectChoice]:
    """The cells this topic may go to (every one when topics share cells), and the tray."""
    free = [SelectChoice(value, name) for value, name in cell_names(stage).items()
            if service.sharing(stage) or taken.get(value, topic["id"]) == topic["id"]]
    here = f"{topic['space_id']}:{topic['slot_id']}"
    choices = [SelectChoice("", _("Choose a space and time"))]
    choices += [c for c in free if c.value != here]
    if topic["space_id"] is not None:
        choices.append(SelectChoice(TRAY, _("Back to the tray")))
    return choices


def _move_form(stage: Stage, topic: dict, taken: dict[str, int], back: str = "",
               formdata=None) -> MoveForm:
    form = MoveForm(formdata=formdata, prefix=f"move-{topic['id']}")
    form.cell.choices = move_choices(stage, topic, taken)
    if formdata is None:
        form.back.data = back
    return form


def _read_cell(value: str) -> tuple[int | None, int | None]:
    """(space id, slot id) from the select's value; (None, None) for the tray."""
    if value == TRAY:
        return None, None
    space_id, _sep, slot_id = (value or "").partition(":")
    if record_id(space_id) is None or record_id(slot_id) is None:
        raise UserError(_("Choose a space and time, or the tray."), "cell")
    return record_id(space_id), record_id(slot_id)


def _where(stage: Stage, topic: dict | Topic) -> str:
    space_id = topic["space_id"] if isinstance(topic, dict) else topic.space_id
    slot_id = topic["slot_id"] if isinstance(topic, dict) else topic.slot_id
    if space_id is None:
        return _("the tray")
    return cell_names(stage).get(f"{space_id}:{slot_id}", _("the tray"))


# -- the board ----------------------------------------------------------------------------

def board_context(event: Event, stage: Stage) -> dict:
    """The grid of spaces x slots with each cell's topics, the tray, the hidden topics and
    how good the board is, for the board page."""
    view = views.console(event, stage)
    names = cell_names(stage)
    cells: dict[str, list[dict]] = {value: [] for value in names}
    tray, hidden = [], []
    for topic in view["topics"]:
        value = f"{topic['space_id']}:{topic['slot_id']}"
        if topic["hidden"]:
            hidden.append(topic)
        elif value in cells:
            cells[value].append(topic)
        else:
            tray.append(topic)
    taken = _taken(view["topics"])
    return {"event": event, "stage": stage, "view": view, "cells": cells, "tray": tray,
            "hidden": hidden, "spaces": rules.spaces_of(stage.config),
            "slot_names": _slot_names(stage),
            "move_forms": {t["id"]: _move_form(stage, t, taken, TRAY) for t in tray},
            "arrange_form": ArrangeForm(formdata=None), "button": ConfirmForm()}


@console.get("/")
def board_page(code: str, stage_id: int):
    """The board: every cell's topics, the tray with a Move form each, and Arrange for me."""
    event, stage = _open_space(code, stage_id)
    return render_template("stages/open_space/console/board.html", **board_context(event, stage))


@console.post("/marketplace")
def marketplace(code: str, stage_id: int):
    """Open or close the marketplace (from the board, its frame page or the run page)."""
    event, stage = _open_space(code, stage_id)
    is_open = _confirmed_value(("open", "close")) == "open"
    board.set_marketplace_open(event, stage.id, is_open)
    flash(_("The marketplace is open: phones can propose topics and place their own.")
          if is_open else
          _("The marketplace is closed: the board is fixed. Phones can still choose the "
            "topics they would like to join. You can still type in paper cards."))
    return redirect(local_target(request.form.get("next"), f"/console/events/{event.code}/")
                    or _board_url(event, stage))


# -- one topic ----------------------------------------------------------------------------

def _topic_page(event: Event, stage: Stage, topic: Topic, *, move_form: MoveForm | None = None,
                edit_form: TopicForm | None = None, effect: str = "", status: int = 200):
    view = views.console(event, stage)
    item = next(t for t in view["topics"] if t["id"] == topic.id)
    if move_form is None:
        move_form = _move_form(stage, item, _taken(view["topics"]))
    if edit_form is None:
        edit_form = TopicForm(formdata=None, title=topic.title, description=topic.description,
                              name=topic.convener_name, help_wanted=topic.help_wanted)
    merge_form = MergeForm(formdata=None, prefix="merge")
    others = sorted((t for t in view["topics"] if t["id"] != topic.id and not t["hidden"]),
                    key=lambda t: t["title"].casefold())
    merge_form.into.choices = [SelectChoice("", _("Choose the topic to keep"))] + [
        SelectChoice(str(t["id"]), t["title"]) for t in others]
    return render_template("stages/open_space/console/topic.html", event=event, stage=stage,
                           topic=item, where=_where(stage, item), move=move_form,
                           edit_form=edit_form, merge_form=merge_form, effect=effect,
                           chosen=cell_names(stage).get(move_form.cell.data or "", ""),
                           button=ConfirmForm()), status


@console.get("/topics/<int:topic_id>")
def topic_page(code: str, stage_id: int, topic_id: int):
    """One topic: move it (and check what a move would do), edit, hide, lock or merge it."""
    event, stage = _open_space(code, stage_id)
    topic = _topic(event, stage, topic_id)
    if topic.id != topic_id:   # it was merged: the page of the topic it became
        return redirect(_topic_url(event, stage, topic.id))
    return _topic_page(event, stage, topic)


@console.post("/topics/<int:topic_id>/move")
def move(code: str, stage_id: int, topic_id: int):
    """Put a topic in a cell or back in the tray (WCAG 2.5.7: no dragging needed)."""
    event, stage = _open_space(code, stage_id)
    topic = _topic(event, stage, topic_id)
    view_topics = views.console(event, stage)["topics"]
    item = next(t for t in view_topics if t["id"] == topic.id)
    form = _move_form(stage, item, _taken(view_topics), formdata=request.form)
    if not form.validate_on_submit():
        abort(400)
    came_from = _board_url(event, stage, "tray") if form.back.data == TRAY \
        else _topic_url(event, stage, topic.id)
    try:
        if topic.hidden:
            raise UserError(_("This topic is hidden. Show it again before you give it a "
                              "place."), "cell")
        space_id, slot_id = _read_cell(form.cell.data)
        effect = _effect_words(event, stage, topic.id, space_id, slot_id)
        if form.check.data:
            return _topic_page(event, stage, topic, move_form=form, effect=effect)
        service.place(event, topic.id, space_id, slot_id)
    except UserError as error:
        _failed(error)
        return redirect(came_from)
    flash(_("“%(title)s” is now in %(where)s. %(effect)s", title=topic.title,
            where=_where(stage, topic), effect=effect))
    return redirect(_board_url(event, stage, "tray" if form.back.data == TRAY
                               else f"topic-{topic.id}"))


def _effect_words(event: Event, stage: Stage, topic_id: int, space_id: int | None,
                  slot_id: int | None) -> str:
    return arranging.move_effect(event, stage.id, topic_id, space_id, slot_id)["words"]


@console.post("/topics/<int:topic_id>/edit")
def edit(code: str, stage_id: int, topic_id: int):
    """Correct a topic's title, its line or two, the convener's name, help wanted."""
    event, stage = _open_space(code, stage_id)
    topic = _topic(event, stage, topic_id)
    form = TopicForm()
    if form.validate_on_submit():
        try:
            service.edit(event, topic.id, form.title.data, form.description.data,
                         form.name.data, bool(form.help_wanted.data))
        except UserError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Saved: “%(title)s”.", title=topic.title))
            return redirect(_board_url(event, stage, f"topic-{topic.id}"))
    return _topic_page(event, stage, topic, edit_form=form, status=422)


@console.post("/topics/<int:topic_id>/hide")
def hide(code: str, stage_id: int, topic_id: int):
    """Take a topic off the board and phones, or bring it back to the tray."""
    event, stage = _open_space(code, stage_id)
    topic = _topic(event, stage, topic_id)
    hidden = _confirmed_value(("hide", "show")) == "hide"
    service.hide(event, topic.id, hidden)
    flash(_("“%(title)s” is hidden: it is off the board and off phones. It stays here and in "
            "the workbook.", title=topic.title) if hidden else
          _("“%(title)s” is shown again, in the tray.", title=topic.title))
    return redirect(_board_url(event, stage, "hidden" if hidden else "tray"))


@console.post("/topics/<int:topic_id>/lock")
def lock(code: str, stage_id: int, topic_id: int):
    """Fix a topic where it is (Arrange for me and its convener leave it), or free it."""
    event, stage = _open_space(code, stage_id)
    topic = _topic(event, stage, topic_id)
    locked = _confirmed_value(("lock", "unlock")) == "lock"
    service.set_locked(event, topic.id, locked)
    flash(_("“%(title)s” is locked: Arrange for me and its convener leave it where it is.",
            title=topic.title) if locked else
          _("“%(title)s” is unlocked: Arrange for me may move it.", title=topic.title))
    return redirect(_board_url(event, stage, f"topic-{topic.id}"))


@console.post("/topics/<int:topic_id>/merge")
def merge(code: str, stage_id: int, topic_id: int):
    """Fold a duplicate into the topic chosen, which is kept."""
    event, stage = _open_space(code, stage_id)
    topic = _topic(event, stage, topic_id)
    form = MergeForm(prefix="merge")
    if not form.validate_on_submit():
        abort(400)
    try:
        if record_id(form.into.data) is None:
            raise UserError(_("Choose the topic to keep."), "into")
        kept = service.merge(event, _topic(event, stage, form.into.data).id, topic.id)
    except UserError as error:
        _failed(error)
        return redirect(_topic_url(event, stage, topic.id))
    flash(_("“%(title)s” is merged into “%(kept)s”. Its interest and check-ins moved over.",
            title=topic.title, kept=kept.title))
    return redirect(_board_url(event, stage, f"topic-{kept.id}"))


# -- paper cards --------------------------------------------------------------------------

def _paper_cards(stage: Stage) -> list[Topic]:
    return list(db.session.scalars(
        select(Topic).where(Topic.stage_id == stage.id, Topic.source == "paper")
        .order_by(Topic.id.desc())))


@console.route("/paper", methods=["GET", "POST"])
def paper(code: str, stage_id: int):
    """Type in topics from paper cards: save, and the form is blank for the next card."""
    event, stage = _open_space(code, stage_id)
    form = PaperTopicForm()
    status = 200
    if form.validate_on_submit():
        try:
            topic, _created = service.propose(
                event, None, form.client_id.data, stage.id, form.title.data,
                form.description.data, name=form.name.data,
                help_wanted=bool(form.help_wanted.data), source="paper")
        except UserError as error:
            db.session.rollback()
            show_error(form, error)
            if error.field == "id":   # the form lost its id: the next try gets a new one
                form.client_id.data = new_token()
            status = 422
        else:
            flash(_("Saved: %(title)s. Type the next card.", title=topic.title))
            return redirect(url_for("open_space_console.paper", code=event.code,
                                    stage_id=stage.id))
    elif request.method == "POST":
        status = 422
    if status == 200:
        form = PaperTopicForm(formdata=None)
        form.client_id.data = new_token()
    cards = _paper_cards(stage)
    return render_template("stages/open_space/console/paper.html", event=event, stage=stage,
                           form=form, entered=len(cards), recent=cards[:RECENT_CARDS]), status


# -- spaces and slots ---------------------------------------------------------------------

def _frame_page(event: Event, stage: Stage, editing: str = "",
                failed: tuple[str, FlaskForm] | None = None):
    """The spaces and slots as two lists, the form to change the one being edited ("space-3",
    "slot-4"), and the forms to add one; `failed` is a form that came back with problems,
    shown in its place."""
    spaces, slots = rules.spaces_of(stage.config), rules.slots_of(stage.config)
    forms: dict[str, FlaskForm] = {"new-space": SpaceForm(formdata=None, prefix="new-space"),
                                   "new-slot": SlotForm(formdata=None, prefix="new-slot")}
    if failed is not None:
        editing = failed[0]
    space = next((s for s in spaces if f"space-{s.id}" == editing), None)
    slot = next((s for s in slots if f"slot-{s.id}" == editing), None)
    if space is not None:
        forms[editing] = SpaceForm(formdata=None, prefix=editing, name=space.name,
                                   capacity=str(space.capacity or ""), access=space.access)
    if slot is not None:
        forms[editing] = SlotForm(formdata=None, prefix=editing, starts=f"{slot.starts:%H:%M}",
                                  ends=f"{slot.ends:%H:%M}",
                                  day=slot.day.isoformat() if slot.day else "")
    if failed is not None:
        forms[failed[0]] = failed[1]
    return render_template("stages/open_space/console/frame.html", event=event, stage=stage,
                           spaces=spaces, slots=slots, slot_names=_slot_names(stage),
                           editing_space=space, editing_slot=slot, forms=forms,
                           sharing=service.sharing(stage),
                           marketplace_open=service.marketplace_open(stage),
                           button=ConfirmForm()), 200 if failed is None else 422


@console.get("/spaces-and-slots")
def frame_page(code: str, stage_id: int):
    """The board's frame: spaces and slots to add, change or remove; sharing; the
    marketplace."""
    event, stage = _open_space(code, stage_id)
    return _frame_page(event, stage, request.args.get("edit", ""))


def _save_frame(event: Event, stage: Stage, prefix: str, form: FlaskForm, save, done: str):
    """Save one space or slot form; back to the page with a flash, or the form's problems.
    `done(saved)` says what was saved, in plain words."""
    if not form.validate_on_submit():
        return _frame_page(event, stage, failed=(prefix, form))
    try:
        saved = save(form)
    except UserError as error:
        db.session.rollback()
        show_error(form, error)
        return _frame_page(event, stage, failed=(prefix, form))
    flash(done(saved))
    return redirect(_frame_url(event, stage, "spaces" if isinstance(saved, rules.Space)
                               else "slots"))


@console.post("/spaces")
def add_space(code: str, stage_id: int):
    event, stage = _open_space(code, stage_id)
    return _save_frame(event, stage, "new-space", SpaceForm(prefix="new-space"),
                       lambda f: board.save_space(event, stage.id, None, f.name.data,
                                                  f.capacity.data, f.access.data),
                       lambda space: _("Added the space %(name)s.", name=space.name))


@console.post("/spaces/<int:space_id>")
def save_space(code: str, stage_id: int, space_id: int):
    event, stage = _open_space(code, stage_id)
    prefix = f"space-{space_id}"
    return _save_frame(event, stage, prefix, SpaceForm(prefix=prefix),
                       lambda f: board.save_space(event, stage.id, space_id, f.name.data,
                                                  f.capacity.data, f.access.data),
                       lambda space: _("Saved the space %(name)s.", name=space.name))


@console.post("/slots")
def add_slot(code: str, stage_id: int):
    event, stage = _open_space(code, stage_id)
    return _save_frame(event, stage, "new-slot", SlotForm(prefix="new-slot"),
                       lambda f: board.save_slot(event, stage.id, None, f.starts.data,
                                                 f.ends.data, f.day.data),
                       lambda slot: _("Added the slot %(time)s.", time=slot.label))


@console.post("/slots/<int:slot_id>")
def save_slot(code: str, stage_id: int, slot_id: int):
    event, stage = _open_space(code, stage_id)
    prefix = f"slot-{slot_id}"
    return _save_frame(event, stage, prefix, SlotForm(prefix=prefix),
                       lambda f: board.save_slot(event, stage.id, slot_id, f.starts.data,
                                                 f.ends.data, f.day.data),
                       lambda slot: _("Saved the slot %(time)s.", time=slot.label))


@console.get("/spaces/<int:space_id>/remove")
def confirm_remove_space(code: str, stage_id: int, space_id: int):
    """Ask before a space goes, saying which topics would go back to the tray."""
    event, stage = _open_space(code, stage_id)
    space = next((s for s in rules.spaces_of(stage.config) if s.id == space_id), None)
    if space is None:
        abort(404)
    held = [t for t in service.live_topics(stage) if t.space_id == space.id]
    return render_template("stages/open_space/console/remove.html", event=event, stage=stage,
                           name=space.name, topics=held, anchor="spaces",
                           action=url_for("open_space_console.remove_space", code=event.code,
                                          stage_id=stage.id, space_id=space.id))


@console.get("/slots/<int:slot_id>/remove")
def confirm_remove_slot(code: str, stage_id: int, slot_id: int):
    """Ask before a slot goes, saying which topics would go back to the tray."""
    event, stage = _open_space(code, stage_id)
    name = _slot_names(stage).get(slot_id)
    if name is None:
        abort(404)
    held = [t for t in service.live_topics(stage) if t.slot_id == slot_id]
    return render_template("stages/open_space/console/remove.html", event=event, stage=stage,
                           name=name, topics=held, anchor="slots",
                           action=url_for("open_space_console.remove_slot", code=event.code,
                                          stage_id=stage.id, slot_id=slot_id))


@console.post("/spaces/<int:space_id>/remove")
def remove_space(code: str, stage_id: int, space_id: int):
    event, stage = _open_space(code, stage_id)
    _confirmed_value(("remove",))
    name = next((s.name for s in rules.spaces_of(stage.config) if s.id == space_id), "")
    _remove(lambda: board.remove_space(event, stage.id, space_id), name)
    return redirect(_frame_url(event, stage, "spaces"))


@console.post("/slots/<int:slot_id>/remove")
def remove_slot(code: str, stage_id: int, slot_id: int):
    event, stage = _open_space(code, stage_id)
    _confirmed_value(("remove",))
    name = _slot_names(stage).get(slot_id, "")
    _remove(lambda: board.remove_slot(event, stage.id, slot_id), name)
    return redirect(_frame_url(event, stage, "slots"))


def _remove(remove, name: str) -> None:
    try:
        moved = remove()
    except UserError as error:
        _failed(error)
        return
    flash(ngettext("%(name)s is off the board. %(num)s topic went back to the tray.",
                   "%(name)s is off the board. %(num)s topics went back to the tray.",
                   moved, name=name))


@console.post("/sharing")
def set_sharing(code: str, stage_id: int):
    """Let topics share a cell, or one topic a cell."""
    event, stage = _open_space(code, stage_id)
    allowed = _confirmed_value(("on", "off")) == "on"
    board.set_sharing(event, stage.id, allowed)
    flash(_("Topics may share a cell now.") if allowed else
          _("One topic a cell now. Topics already sharing a cell stay there until you move "
            "them."))
    return redirect(_frame_url(event, stage, "sharing"))


# -- Arrange for me -----------------------------------------------------------------------

@console.post("/arrange")
def arrange(code: str, stage_id: int):
    """What Arrange for me proposes, to look at before using it: nothing changes yet."""
    event, stage = _open_space(code, stage_id)
    form = ArrangeForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        proposal = arranging.preview(event, stage.id, form.movable.data)
    except UserError as error:
        _failed(error)
        return redirect(_board_url(event, stage))
    apply_form = ApplyForm(formdata=None, board_key=proposal["board_key"], moves=json.dumps(
        [{"topic_id": m["topic_id"], "to": m["to"]} for m in proposal["moves"]]))
    return render_template("stages/open_space/console/arrange.html", event=event, stage=stage,
                           proposal=proposal, apply_form=apply_form)


@console.post("/arrange/apply")
def apply_arrangement(code: str, stage_id: int):
    """Use the arrangement the facilitator looked at, unless the board changed since."""
    event, stage = _open_space(code, stage_id)
    form = ApplyForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        moves = _read_moves(form.moves.data)
        moved = arranging.apply(event, stage.id, moves, form.board_key.data)
    except UserError as error:
        _failed(error)
        return redirect(_board_url(event, stage))
    flash(ngettext("The arrangement is on the board: %(num)s topic moved.",
                   "The arrangement is on the board: %(num)s topics moved.", moved))
    return redirect(_board_url(event, stage))


def _read_moves(text: str) -> list:
    try:
        moves = json.loads(text or "")
    except ValueError:
        moves = None
    if not isinstance(moves, list):
        raise UserError(_("The proposal was not sent properly. Please arrange again."), "moves")
    return moves
