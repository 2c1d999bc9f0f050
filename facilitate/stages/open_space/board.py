"""The board's frame, changed by facilitators while the event runs: spaces, slots, whether a
cell may be shared, and whether the marketplace is open."""

import datetime as dt
import logging
from collections import Counter

from sqlalchemy import delete, select
from sqlalchemy.orm.attributes import flag_modified

from facilitate.domain.errors import NotAllowed, NotFound, UserError
from facilitate.domain.ids import record_id
from facilitate.extensions import db
from facilitate.stages.open_space import rules, service
from facilitate.stages.open_space.service import announce_board, board_lock, live_topics, stage_of
from facilitate.store.models import CheckIn, Event, Stage, Topic

log = logging.getLogger(__name__)


def set_marketplace_open(event: Event, stage_id: object, is_open: object) -> Stage:
    """Open the marketplace (phones propose and place topics) or close it (the board is
    fixed: phones can still mark interest and say "I'm here")."""
    if not isinstance(is_open, bool):
        raise UserError("Choose open or closed.", "open")
    stage = stage_of(event, stage_id)
    stage.state = {**(stage.state or {}), "marketplace": "open" if is_open else "closed"}
    announce_board(event, stage)
    log.info("open space %s of event %s: marketplace %s", stage.id, event.code,
             "open" if is_open else "closed")
    return stage


def set_sharing(event: Event, stage_id: object, allowed: object) -> Stage:
    """Let a cell hold more than one topic (a big hall with corners), or one each."""
    if not isinstance(allowed, bool):
        raise UserError("Choose yes or no.", "sharing")
    with board_lock(event):
        stage = stage_of(event, stage_id)
        if not allowed:
            _check_no_cell_shared(stage)
        _save(stage, sharing=allowed)
        announce_board(event, stage)
    return stage


def _check_no_cell_shared(stage: Stage) -> None:
    held = Counter((t.space_id, t.slot_id) for t in live_topics(stage) if t.space_id is not None)
    shared = next((cell for cell, n in held.items() if n > 1), None)
    if shared is not None:
        space = next((s.name for s in rules.spaces_of(stage.config) if s.id == shared[0]), "")
        slot = next((s.label for s in rules.slots_of(stage.config) if s.id == shared[1]), "")
        raise NotAllowed(f"Two topics share {space} at {slot}. Move one of them before "
                         "giving each cell one topic.", "sharing")


def save_space(event: Event, stage_id: object, space_id: object, name: object,
               capacity: object, access: object) -> rules.Space:
    """Add a space (space_id None) or change one."""
    with board_lock(event):
        stage = stage_of(event, stage_id)
        spaces = rules.spaces_of(stage.config)
        new_id = _existing(spaces, space_id, "space") if space_id is not None \
            else rules.next_id(stage.config)
        if space_id is None and len(spaces) >= rules.MAX_SPACES:
            raise UserError(f"A board can have at most {rules.MAX_SPACES} spaces.", "name")
        space = rules.space_from({"name": name, "capacity": capacity, "access": access}, new_id)
        spaces = [space if s.id == new_id else s for s in spaces]
        if space_id is None:
            spaces.append(space)
        _save(stage, spaces=[s.as_config() for s in spaces])
        announce_board(event, stage)
    return space


def save_slot(event: Event, stage_id: object, slot_id: object, starts: object, ends: object,
              day: object = None) -> rules.Slot:
    """Add a slot (slot_id None) or change its times; slots stay in time order."""
    with board_lock(event):
        stage = stage_of(event, stage_id)
        slots = rules.slots_of(stage.config)
        new_id = _existing(slots, slot_id, "slot") if slot_id is not None \
            else rules.next_id(stage.config)
        if slot_id is None and len(slots) >= rules.MAX_SLOTS:
            raise UserError(f"A board can have at most {rules.MAX_SLOTS} slots.", "starts")
        slot = rules.slot_from({"starts": starts, "ends": ends, "date": day or None}, new_id)
        slots = [slot if s.id == new_id else s for s in slots]
        if slot_id is None:
            slots.append(slot)
        slots.sort(key=lambda s: (s.day or event.date or dt.date.min, s.starts))
        _save(stage, slots=[s.as_config() for s in slots])
        announce_board(event, stage)
    return slot


def remove_space(event: Event, stage_id: object, space_id: object) -> int:
    """Take a space off the board; its topics go back to the tray. Returns how many."""
    return _remove(event, stage_id, space_id, "space")


def remove_slot(event: Event, stage_id: object, slot_id: object) -> int:
    """Take a slot off the board; its topics go back to the tray. Returns how many."""
    return _remove(event, stage_id, slot_id, "slot")


def _remove(event: Event, stage_id: object, item_id: object, what: str) -> int:
    with board_lock(event):
        stage = stage_of(event, stage_id)
        items = rules.spaces_of(stage.config) if what == "space" else rules.slots_of(stage.config)
        gone = _existing(items, item_id, what)
        if len(items) == 1:
            raise UserError(f"A board needs at least one {what}.", f"{what}_id")
        column = Topic.space_id if what == "space" else Topic.slot_id
        topics = list(db.session.scalars(select(Topic).where(Topic.stage_id == stage.id,
                                                             column == gone)))
        for topic in topics:
            db.session.execute(delete(CheckIn).where(CheckIn.topic_id == topic.id))
            topic.space_id = topic.slot_id = None
        remaining = [i.as_config() for i in items if i.id != gone]
        _save(stage, **{f"{what}s": remaining, "last_id": max(rules.next_id(stage.config) - 1,
                                                              gone)})
        announce_board(event, stage)
    log.info("open space %s of event %s: %s %s removed, %s topics back in the tray",
             stage.id, event.code, what, gone, len(topics))
    return len(topics)


def ready_for_demo(event: Event, stage: Stage) -> None:
    """The demo's slots start at this quarter hour, today, so its first slot runs now."""
    now = service.local_now()
    start = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    slots = rules.shifted(rules.slots_of(stage.config), start)
    if slots:
        _save(stage, slots=[s.as_config() for s in slots])


def _existing(items, item_id: object, what: str) -> int:
    found = record_id(item_id)
    if found is None or all(i.id != found for i in items):
        raise NotFound(f"That {what} is no longer on the board.", f"{what}_id")
    return found


def _save(stage: Stage, **changes) -> None:
    """Write the config, remembering the highest id given so none is given twice."""
    config = {**(stage.config or {}), **changes}
    config["last_id"] = rules.next_id(config) - 1
    stage.config = config
    flag_modified(stage, "config")
