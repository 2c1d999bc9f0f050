"""Arrange for me, on a real board: the arranger's proposal as a preview, applied only when a
facilitator confirms it, and what one move by hand would do."""

import hashlib
import logging

from sqlalchemy import select

from facilitate.domain.errors import NotAllowed, NotFound, UserError
from facilitate.domain.ids import record_id
from facilitate.extensions import db
from facilitate.stages.open_space import arranger, rules, service
from facilitate.stages.open_space.service import (
    announce_board,
    board_lock,
    live_topics,
    move_to,
    sharing,
    stage_of,
)
from facilitate.store.models import Event, Stage, Topic, TopicInterest

log = logging.getLogger(__name__)

MOVABLE = ("unscheduled", "unlocked")
# A space nobody gave a capacity holds everyone.
UNLIMITED = 1_000_000


def problem_of(stage: Stage, movable: str = "unscheduled") -> arranger.Problem:
    """The stage's board as the arranger sees it: ids as text, people by participant id."""
    topics = [t for t in live_topics(stage) if not t.hidden]
    interested: dict[int, set[str]] = {t.id: set() for t in topics}
    rows = db.session.execute(select(TopicInterest.topic_id, TopicInterest.participant_id)
                              .where(TopicInterest.topic_id.in_(list(interested))))
    for topic_id, participant_id in rows:
        interested[topic_id].add(str(participant_id))
    spaces = rules.spaces_of(stage.config)
    slots = rules.slots_of(stage.config)
    return arranger.Problem(
        closed=frozenset(str(s.id) for s in started_slots(stage, slots)),
        spaces=tuple(arranger.Space(str(s.id), s.capacity or UNLIMITED) for s in spaces),
        slots=tuple(str(s.id) for s in slots),
        topics=tuple(arranger.Topic(
            str(t.id), str(t.participant_id) if t.participant_id else None,
            frozenset(interested[t.id]),
            arranger.Cell(str(t.space_id), str(t.slot_id)) if t.space_id is not None else None,
            t.locked) for t in topics),
        sharing=sharing(stage), movable=movable)


def started_slots(stage: Stage, slots: list[rules.Slot]) -> list[rules.Slot]:
    """Slots running or over by the clock: the arranger moves nothing into or out of them, so
    nobody's session changes under them."""
    now = service.local_now()   # through the module, so that tests can set the clock
    return [s for s in slots if s.bounds(stage.event.date, now.date())[0] <= now]


def _off_the_event_loop(work, *args, **kwargs):
    """Run a second or two of arithmetic in a thread of its own under gevent, so that phones'
    messages keep flowing meanwhile (the interpreter switches threads every few
    milliseconds); elsewhere simply call it."""
    from facilitate.extensions import socketio

    if socketio.async_mode != "gevent":
        return work(*args, **kwargs)
    import gevent

    return gevent.get_hub().threadpool.apply(work, args, kwargs)


def board_key(stage: Stage) -> str:
    """Changes whenever a topic moves, is hidden, merged or locked, or the frame changes: a
    preview made from another board is not applied."""
    parts = [repr(sorted((stage.config or {}).items(), key=str))]
    parts += [f"{t.id}:{t.space_id}:{t.slot_id}:{t.hidden}:{t.locked}" for t in live_topics(stage)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def preview(event: Event, stage_id: object, movable: object = "unscheduled") -> dict:
    """What the arranger proposes: which topics move where, missed and overflow before and
    after. Nothing changes until apply()."""
    if movable not in MOVABLE:
        raise UserError("Choose what the arranger may move.", "movable")
    stage = stage_of(event, stage_id)
    problem = problem_of(stage, movable)
    proposal = _off_the_event_loop(arranger.arrange, problem, seconds=2.0)
    titles = {t.id: t.title for t in live_topics(stage)}
    names = _cell_names(stage)
    started = [slot.label for slot in rules.slots_of(stage.config)
               if str(slot.id) in problem.closed]   # as problem_of found them, once
    moves = [{"topic_id": int(topic_id), "title": titles.get(int(topic_id), ""),
              "from": _cell(before), "to": _cell(after),
              "from_label": names(before), "to_label": names(after)}
             for topic_id, (before, after) in proposal.moves.items()]
    log.info("arranger for open space %s of event %s: missed %s -> %s (floor %s) in %.2fs",
             stage.id, event.code, proposal.before.missed, proposal.after.missed,
             proposal.floor, proposal.seconds)
    return {"stage_id": stage.id, "movable": movable, "board_key": board_key(stage),
            "before": proposal.before._asdict(), "after": proposal.after._asdict(),
            "floor": proposal.floor, "moves": moves,
            "words": _words(proposal.before, proposal.after, len(moves), started)}


def apply(event: Event, stage_id: object, moves: object, key: object) -> int:
    """Apply a preview the facilitator confirmed: all its moves or none. Returns how many."""
    if not isinstance(moves, list) or len(moves) > 500 or not isinstance(key, str) \
            or len(key) > 64:
        raise UserError("The proposal was not sent properly. Please arrange again.", "moves")
    with board_lock(event):
        stage = stage_of(event, stage_id)
        if key != board_key(stage):
            raise NotAllowed("The board has changed since this proposal. Please press "
                             "Arrange for me again.", "moves")
        topics = {t.id: t for t in live_topics(stage) if not t.hidden}
        wanted = _wanted_cells(moves, topics)
        problem = problem_of(stage, "unlocked")
        placements = {**problem.current()}
        for topic_id, cell in wanted.items():
            placements.pop(str(topic_id), None)
            if cell is not None:
                placements[str(topic_id)] = arranger.Cell(str(cell[0]), str(cell[1]))
        broken = arranger.broken_rules(problem, placements)
        if broken:
            raise NotAllowed("This proposal breaks the board's rules now. Please arrange "
                             "again.", "moves")
        for topic_id, cell in wanted.items():
            move_to(topics[topic_id], cell)
        announce_board(event, stage)
    log.info("arrangement applied to open space %s of event %s: %s moves", stage.id,
             event.code, len(wanted))
    return len(wanted)


def _wanted_cells(moves: list, topics: dict[int, Topic]) -> dict[int, tuple[int, int] | None]:
    wanted = {}
    for move in moves:
        topic_id = record_id(move.get("topic_id")) if isinstance(move, dict) else None
        to = move.get("to") if isinstance(move, dict) else None
        if topic_id not in topics:
            raise NotAllowed("A topic in this proposal has gone. Please arrange again.", "moves")
        if topics[topic_id].locked:
            raise NotAllowed("A topic in this proposal is fixed now. Please arrange again.",
                             "moves")
        if to is None:
            wanted[topic_id] = None
        elif isinstance(to, list) and len(to) == 2 and all(record_id(v) for v in to):
            wanted[topic_id] = (record_id(to[0]), record_id(to[1]))
        else:
            raise UserError("The proposal was not sent properly. Please arrange again.", "moves")
    return wanted


def move_effect(event: Event, stage_id: object, topic_id: object, space_id: object,
                slot_id: object) -> dict:
    """What moving one topic by hand would do to missed and overflow, in plain words."""
    stage = stage_of(event, stage_id)
    problem = problem_of(stage, "unlocked")
    now = problem.current()
    topic_key = str(record_id(topic_id))
    if all(t.id != topic_key for t in problem.topics):
        raise NotFound("That topic is not on this board.", "topic_id")
    moved = {k: v for k, v in now.items() if k != topic_key}
    if record_id(space_id) and record_id(slot_id):
        moved[topic_key] = arranger.Cell(str(record_id(space_id)), str(record_id(slot_id)))
    before, after = arranger.measure(problem, now), arranger.measure(problem, moved)
    missed, overflow = after.missed - before.missed, after.overflow - before.overflow
    return {"missed": missed, "overflow": overflow, "words": effect_words(missed, overflow)}


def effect_words(missed: int, overflow: int) -> str:
    """"14 more people would miss one of their topics", and the like."""
    parts = []
    if missed > 0:
        parts.append(f"{missed} more {_people(missed)} would miss one of their topics")
    elif missed < 0:
        parts.append(f"{-missed} fewer {_people(-missed)} would miss one of their topics")
    if overflow > 0:
        parts.append(f"{overflow} more {_people(overflow)} than the rooms hold")
    elif overflow < 0:
        parts.append(f"{-overflow} fewer {_people(-overflow)} over the rooms' capacity")
    return ("; ".join(parts) + ".") if parts else "No change to who misses a topic."


def _people(n: int) -> str:
    return "person" if n == 1 else "people"


def _words(before: arranger.Measure, after: arranger.Measure, moves: int,
           started: list[str]) -> str:
    if not moves:
        words = "Nothing to move: the board cannot get better by moving these topics."
    else:
        words = (f"{moves} {'topic moves' if moves == 1 else 'topics move'}. Missed topics: "
                 f"{before.missed} now, {after.missed} after. People over a room's capacity: "
                 f"{before.overflow} now, {after.overflow} after.")
    if started:
        words += (" Sessions that have started stay as they are: "
                  f"{', '.join(started)}.")
    return words


def _cell(cell: arranger.Cell | None) -> list[int] | None:
    return [int(cell.space), int(cell.slot)] if cell else None


def _cell_names(stage: Stage):
    spaces = {str(s.id): s.name for s in rules.spaces_of(stage.config)}
    slots = {str(s.id): s.label for s in rules.slots_of(stage.config)}

    def name(cell: arranger.Cell | None) -> str:
        if cell is None:
            return "not on the board"
        return f"{spaces.get(cell.space, '?')}, {slots.get(cell.slot, '?')}"
    return name
