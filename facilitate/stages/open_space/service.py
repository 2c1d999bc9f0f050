"""Open-space topics: proposed from a phone or a paper card, placed on the board, edited,
merged and hidden by facilitators, marked by the people who want to join, checked in to.

The Socket.IO handlers, the phone's plain forms and the console's pages all call these. Every
change that moves a topic takes the board's lock first, so two conveners racing for one cell
get exactly one winner and the other a plain answer.
"""

import datetime as dt
import logging
import threading
from contextlib import contextmanager
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app
from sqlalchemy import delete, func, select, update

from facilitate.domain.errors import NotAllowed, NotFound, UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.domain.ids import record_id
from facilitate.domain.text import clean_text
from facilitate.extensions import db
from facilitate.realtime.broadcast import announce
from facilitate.services import sending
from facilitate.stages.open_space import rules
from facilitate.store.models import CheckIn, Event, Participant, Stage, Topic, TopicInterest

log = logging.getLogger(__name__)

# Say "I'm here" from this long before a slot starts (people arrive early).
CHECK_IN_EARLY = dt.timedelta(minutes=10)
_locks: dict[int, threading.Lock] = {}
_locks_lock = threading.Lock()


# -- finding things -----------------------------------------------------------------------

def stage_of(event: Event, stage_id: object) -> Stage:
    """The event's open-space stage with this id; NotFound for any other."""
    stage = next((s for s in event.stages if s.id == record_id(stage_id)), None) \
        if record_id(stage_id) else None
    if stage is None or stage.kind != "open_space":
        raise NotFound("That open space is not part of this event.", "stage_id")
    return stage


def topic_of(event: Event, topic_id: object, *, follow_merges: bool = True) -> Topic:
    """The event's topic with this id; a merged topic leads to the one it became."""
    topic = db.session.get(Topic, record_id(topic_id)) if record_id(topic_id) else None
    if topic is None or topic.event_id != event.id:
        raise NotFound("That topic is not on this board.", "topic_id")
    seen = set()
    while follow_merges and topic.merged_into_id and topic.id not in seen:
        seen.add(topic.id)
        topic = db.session.get(Topic, topic.merged_into_id) or topic
    return topic


def live_topics(stage: Stage, *, include_hidden: bool = True) -> list[Topic]:
    """The stage's topics (merged ones left out), in the order they were proposed."""
    query = select(Topic).where(Topic.stage_id == stage.id, Topic.merged_into_id.is_(None))
    if not include_hidden:
        query = query.where(Topic.hidden.is_(False))
    return list(db.session.scalars(query.order_by(Topic.id)))


def marketplace_open(stage: Stage) -> bool:
    """Whether phones may propose topics and place their own (the board is not fixed yet)."""
    return (stage.state or {}).get("marketplace", "open") == "open"


def sharing(stage: Stage) -> bool:
    """Whether a cell may hold more than one topic."""
    return bool((stage.config or {}).get("sharing"))


def zone() -> dt.tzinfo:
    """The event's time zone (the server's setting)."""
    try:
        return ZoneInfo(current_app.config.get("TIMEZONE") or "Europe/London")
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def local_now() -> dt.datetime:
    """Now in the event's time zone, without the zone (tests replace this clock)."""
    return dt.datetime.now(zone()).replace(tzinfo=None)


@contextmanager
def board_lock(event: Event):
    """One change to an event's board at a time: across threads here, and across processes
    (the event's row is locked on PostgreSQL; SQLite has one writer anyway)."""
    with _locks_lock:
        lock = _locks.setdefault(event.id, threading.Lock())
    with lock:
        db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())
        yield


# -- telling everyone ---------------------------------------------------------------------

def announce_board(event: Event, stage: Stage) -> None:
    """Commit, then send every audience the whole board (phones get it coalesced)."""
    from facilitate.services.snapshots import view_of

    announce(event, "board_changed",
             lambda audience: {"stage_id": stage.id, "stage": view_of(event, stage, audience)},
             ("screen", "console", "phones"))


def announce_interest(event: Event, topic: Topic) -> None:
    from facilitate.stages.open_space import views

    stage = db.session.get(Stage, topic.stage_id)
    count = interest_count(topic.id)
    announce(event, "interest_changed",
             {"stage_id": topic.stage_id, "topic_id": topic.id, "interest": count,
              "over_capacity": views.over_capacity(stage, topic, count)},
             ("screen", "console"))


def announce_headcounts(event: Event, stage: Stage, slot_id: int) -> None:
    from facilitate.stages.open_space import views

    # Every slot's headcounts: phones get only the last message of a burst, so each one
    # replaces them all.
    announce(event, "headcounts_changed",
             {"stage_id": stage.id, "slot_id": slot_id, "headcounts": views.headcounts(stage)},
             ("screen", "console", "phones"))


# -- proposing ----------------------------------------------------------------------------

def propose(event: Event, participant: Participant | None, client_id: object, stage_id: object,
            title: object, description: object = "", *, show_name: object = False,
            name: object = "", help_wanted: object = False, address: str = "",
            source: str = "phone") -> tuple[Topic, bool]:
    """A new topic, unscheduled, stored once however often the phone sends it.

    From a phone: the marketplace must be open and the convener is the participant. From a
    paper card (source "paper", typed in by a facilitator): any time, with the name on it.
    """
    client_id = check_client_id(client_id)
    existing = sending.sent_before(Topic, event, client_id)
    if existing is not None:
        if participant is not None and existing.participant_id != participant.id:
            raise UserError("The message was not sent properly. Please send it again.", "id")
        return existing, False
    stage = stage_of(event, stage_id)
    from_phone = source == "phone"
    if from_phone:
        sending.check_can_send(event)
        if not marketplace_open(stage):
            raise NotAllowed("The marketplace has closed: no new topics now. You can still "
                             "join the topics on the board.", "title")
    title = clean_text(title, limit=rules.TITLE_LIMIT, field="title", label="The title",
                       required=True)
    description = clean_text(description, limit=rules.DESCRIPTION_LIMIT, field="description",
                             label="A line or two", multiline=True)
    shown_name = clean_text(name, limit=rules.NAME_LIMIT, field="name", label="Your name")
    if from_phone and show_name is not True:
        shown_name = ""
    if from_phone and show_name is True and not shown_name:
        raise UserError("Write the name to show, or choose anonymous.", "name")
    if from_phone:
        sending.limit_rate(participant, address)
    topic = Topic(event_id=event.id, stage_id=stage.id,
                  participant_id=participant.id if participant else None, client_id=client_id,
                  title=title, description=description, convener_name=shown_name,
                  help_wanted=help_wanted is True, source="phone" if from_phone else "paper")
    topic, created = sending.store_once(topic, event)
    if created:
        announce_board(event, stage)
        log.info("topic %s proposed in event %s (%s)", topic.id, event.code, topic.source)
    return topic, created


# -- placing ------------------------------------------------------------------------------

def place(event: Event, topic_id: object, space_id: object, slot_id: object, *,
          by: Participant | None = None) -> Topic:
    """Put a topic in a cell (or back in the tray when space and slot are None).

    `by` is the convener placing their own topic from a phone; None is a facilitator, who may
    also move locked topics and use slots that have ended.
    """
    with board_lock(event):
        topic = topic_of(event, topic_id, follow_merges=False)
        if topic.merged_into_id:
            into = topic_of(event, topic.id)
            raise NotFound(f"That topic was merged into \"{into.title}\". Place that one "
                           "instead.", "topic_id")
        stage = stage_of(event, topic.stage_id)
        if by is not None:
            _check_convener_may_place(event, stage, topic, by)
        elif topic.hidden:
            # A hidden topic holds no cell: others may take it while it is hidden.
            raise NotAllowed("This topic is hidden. Show it again before placing it.",
                             "topic_id")
        if space_id is None and slot_id is None:
            cell = None
        else:
            cell = _checked_cell(event, stage, topic, space_id, slot_id, from_phone=by is not None)
        if cell == (topic.space_id, topic.slot_id) or (cell is None and topic.space_id is None):
            db.session.rollback()
            return topic
        move_to(topic, cell)
        announce_board(event, stage)
    log.info("topic %s of event %s placed at %s", topic.id, event.code, cell)
    return topic


def _check_convener_may_place(event: Event, stage: Stage, topic: Topic, by: Participant):
    sending.check_can_send(event)
    if topic.participant_id != by.id:
        raise NotAllowed("Only the topic's convener or a facilitator can place it.", "topic_id")
    if not marketplace_open(stage):
        raise NotAllowed("The board is fixed now. Ask a facilitator to move your topic.",
                         "topic_id")
    if topic.locked:
        raise NotAllowed("A facilitator has fixed this topic's place. Ask them to move it.",
                         "topic_id")
    if topic.hidden:
        raise NotFound("That topic is not on this board.", "topic_id")


def _checked_cell(event: Event, stage: Stage, topic: Topic, space_id: object, slot_id: object,
                  *, from_phone: bool) -> tuple[int, int]:
    space_id, slot_id = record_id(space_id), record_id(slot_id)
    if space_id is None or slot_id is None:
        raise UserError("Choose a space and a time.", "space_id")
    slots = rules.slots_of(stage.config)
    placed = [rules.Placed(t.id, t.space_id, t.slot_id, t.participant_id)
              for t in live_topics(stage) if t.space_id is not None and not t.hidden]
    rules.check_cell(topic.id, topic.participant_id, space_id, slot_id,
                     spaces=rules.spaces_of(stage.config), slots=slots, placed=placed,
                     sharing=sharing(stage))
    if from_phone:
        slot = next(s for s in slots if s.id == slot_id)
        rules.check_not_ended(slot, event.date, local_now())
    return space_id, slot_id


def move_to(topic: Topic, cell: tuple[int, int] | None) -> None:
    """Move a topic; who said "I'm here" at its old slot is no longer there."""
    if topic.slot_id is not None and (cell is None or cell[1] != topic.slot_id):
        db.session.execute(delete(CheckIn).where(CheckIn.topic_id == topic.id))
    topic.space_id, topic.slot_id = cell if cell else (None, None)


def set_locked(event: Event, topic_id: object, locked: bool) -> Topic:
    """Fix a topic where it is (the arranger and its convener leave it), or free it."""
    topic = topic_of(event, topic_id)
    if topic.locked != bool(locked):
        topic.locked = bool(locked)
        announce_board(event, stage_of(event, topic.stage_id))
    return topic


# -- the facilitator's changes ------------------------------------------------------------

def edit(event: Event, topic_id: object, title: object, description: object,
         name: object, help_wanted: object) -> Topic:
    """Correct a topic's words (a typo, a clearer title, the convener's name)."""
    topic = topic_of(event, topic_id)
    topic.title = clean_text(title, limit=rules.TITLE_LIMIT, field="title", label="The title",
                             required=True)
    topic.description = clean_text(description, limit=rules.DESCRIPTION_LIMIT,
                                   field="description", label="A line or two", multiline=True)
    topic.convener_name = clean_text(name, limit=rules.NAME_LIMIT, field="name",
                                     label="The convener's name")
    topic.help_wanted = help_wanted is True
    announce_board(event, stage_of(event, topic.stage_id))
    return topic


def hide(event: Event, topic_id: object, hidden: bool) -> Topic:
    """Take a topic off the board and phones (it stays in the console and the workbook), or
    bring it back unscheduled."""
    topic = topic_of(event, topic_id)
    if topic.hidden == bool(hidden):
        return topic
    topic.hidden = bool(hidden)
    if topic.hidden:
        move_to(topic, None)
    announce_board(event, stage_of(event, topic.stage_id))
    log.info("topic %s of event %s hidden=%s", topic.id, event.code, topic.hidden)
    return topic


def merge(event: Event, keep_id: object, other_id: object) -> Topic:
    """Fold a duplicate into the topic kept: its interest and check-ins move over (each person
    once), its notes and report too, and phones that followed it follow the kept one."""
    with board_lock(event):
        keep, other = topic_of(event, keep_id), topic_of(event, other_id, follow_merges=False)
        if other.merged_into_id:
            raise NotAllowed("That topic is already merged.", "other_id")
        if keep.id == other.id or keep.stage_id != other.stage_id:
            raise UserError("Choose two different topics of the same open space.", "other_id")
        _move_interest(event, other, keep)
        _move_check_ins(other, keep)
        _move_records(other, keep)
        # Topics merged into the duplicate before now lead straight to the kept one.
        db.session.execute(update(Topic).where(Topic.merged_into_id == other.id)
                           .values(merged_into_id=keep.id))
        other.merged_into_id = keep.id
        other.space_id = other.slot_id = None
        keep.peak_headcount = max(keep.peak_headcount, other.peak_headcount, headcount(keep))
        if not keep.description and other.description:
            keep.description = other.description
        keep.help_wanted = keep.help_wanted or other.help_wanted
        announce_board(event, stage_of(event, keep.stage_id))
    log.info("topic %s merged into %s (event %s)", other.id, keep.id, event.code)
    return keep


def _move_records(source: Topic, target: Topic) -> None:
    """The duplicate's notes move over, and its report when the kept topic has none."""
    from facilitate.stages.open_space import notes, reports

    notes.follow_merge(source, target)
    reports.follow_merge(source, target)


def _move_interest(event: Event, source: Topic, target: Topic) -> None:
    already = select(TopicInterest.participant_id).where(TopicInterest.topic_id == target.id)
    db.session.execute(delete(TopicInterest).where(TopicInterest.topic_id == source.id,
                                                   TopicInterest.participant_id.in_(already)))
    db.session.execute(update(TopicInterest).where(TopicInterest.topic_id == source.id)
                       .values(topic_id=target.id))


def _move_check_ins(source: Topic, target: Topic) -> None:
    if target.slot_id is None:
        db.session.execute(delete(CheckIn).where(CheckIn.topic_id == source.id))
        return
    # Who was at the duplicate is now at the kept topic, in the kept topic's slot.
    for check_in in db.session.scalars(select(CheckIn).where(CheckIn.topic_id == source.id)):
        mine = db.session.scalar(select(CheckIn).where(
            CheckIn.stage_id == check_in.stage_id, CheckIn.slot_id == target.slot_id,
            CheckIn.participant_id == check_in.participant_id))
        if mine is not None and mine.id != check_in.id:
            db.session.delete(check_in)
        else:
            check_in.topic_id, check_in.slot_id = target.id, target.slot_id
    db.session.flush()


# -- interest and check-ins ---------------------------------------------------------------

def interest_count(topic_id: int) -> int:
    return db.session.scalar(select(func.count(TopicInterest.id))
                             .where(TopicInterest.topic_id == topic_id)) or 0


def headcount(topic: Topic) -> int:
    """How many said "I'm here" at the topic in its slot."""
    return db.session.scalar(select(func.count(CheckIn.id)).where(
        CheckIn.topic_id == topic.id, CheckIn.slot_id == topic.slot_id)) or 0


def mark_interest(event: Event, participant: Participant, topic_id: object,
                  interested: object) -> tuple[Topic, bool]:
    """Mark (or unmark) a topic this person would like to join; saying it twice is once."""
    if not isinstance(interested, bool):
        raise UserError("The message was not sent properly. Please send it again.",
                        "interested")
    sending.check_can_send(event)
    topic = _visible_topic(event, topic_id)
    mark = db.session.scalar(select(TopicInterest).where(
        TopicInterest.topic_id == topic.id, TopicInterest.participant_id == participant.id))
    if interested == (mark is not None):
        return topic, interested
    if interested:
        db.session.add(TopicInterest(event_id=event.id, topic_id=topic.id,
                                     participant_id=participant.id))
    else:
        db.session.delete(mark)
    try:
        db.session.flush()
    except Exception:   # the same mark from two tabs at once: the other one counted it
        db.session.rollback()
        return topic_of(event, topic_id), interested
    announce_interest(event, topic)
    return topic, interested


def check_in(event: Event, participant: Participant, topic_id: object) -> Topic:
    """"I'm here": this person is at this topic now, and no longer at another of its slot."""
    sending.check_can_send(event)
    topic = _visible_topic(event, topic_id)
    stage = stage_of(event, topic.stage_id)
    slot = next((s for s in rules.slots_of(stage.config) if s.id == topic.slot_id), None)
    if slot is None:
        raise NotAllowed("This topic has no place on the board yet, so nobody can be there.",
                         "topic_id")
    _check_slot_is_on(event, slot)
    here = db.session.scalar(select(CheckIn).where(
        CheckIn.stage_id == stage.id, CheckIn.slot_id == slot.id,
        CheckIn.participant_id == participant.id))
    if here is not None and here.topic_id == topic.id:
        return topic
    if here is None:
        db.session.add(CheckIn(event_id=event.id, stage_id=stage.id, slot_id=slot.id,
                               topic_id=topic.id, participant_id=participant.id))
    else:
        here.topic_id = topic.id
    db.session.flush()
    topic.peak_headcount = max(topic.peak_headcount, headcount(topic))
    announce_headcounts(event, stage, slot.id)
    return topic


def leave(event: Event, participant: Participant, topic_id: object) -> Topic:
    """Take back "I'm here" (they went for a walk: the law of two feet)."""
    sending.check_can_send(event)
    topic = _visible_topic(event, topic_id)
    removed = db.session.execute(delete(CheckIn).where(
        CheckIn.topic_id == topic.id, CheckIn.participant_id == participant.id)).rowcount
    if removed and topic.slot_id is not None:
        announce_headcounts(event, stage_of(event, topic.stage_id), topic.slot_id)
    else:
        db.session.commit()
    return topic


def _check_slot_is_on(event: Event, slot: rules.Slot) -> None:
    now = local_now()
    starts, ends = slot.bounds(event.date, now.date())
    if now < starts - CHECK_IN_EARLY:
        raise NotAllowed(f"This topic meets at {slot.label}. You can say you are here when "
                         "it starts.", "topic_id")
    if now >= ends:
        raise NotAllowed(f"The slot {slot.label} has ended.", "topic_id")


def _visible_topic(event: Event, topic_id: object) -> Topic:
    topic = topic_of(event, topic_id)
    if topic.hidden:
        raise NotFound("That topic is not on this board.", "topic_id")
    return topic
