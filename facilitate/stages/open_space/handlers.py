"""The open space's client events: phones propose, place, mark and check in; consoles run the
board. Each calls the same service as the plain forms (docs/protocol.md lists them)."""

from flask import request

from facilitate.domain.errors import UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.domain.ids import record_id
from facilitate.domain.stages import client_event
from facilitate.services import participants
from facilitate.stages.open_space import arranging, board, notes, reports, service


def _participant(connection):
    participant = participants.by_id(connection.participant_id)
    if participant is None:
        raise UserError("Please join the event first.")
    return participant


NOT_SENT_PROPERLY = "The message was not sent properly. Please send it again."


def _flag(data: dict, key: str, default: bool = True) -> bool:
    """A yes or no the message may leave out (then `default`); anything else is refused."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise UserError(NOT_SENT_PROPERLY, key)
    return value


def _outbox_id(data: dict) -> None:
    """The id a phone's outbox puts on everything it sends: refused if it is not one."""
    if "id" in data:
        check_client_id(data["id"])


def _cell(data: dict) -> tuple[int | None, int | None]:
    """A space and a slot, or neither (the tray)."""
    space_id, slot_id = data.get("space_id"), data.get("slot_id")
    if space_id is None and slot_id is None:
        return None, None
    if record_id(space_id) is None or record_id(slot_id) is None or \
            not all(isinstance(v, int) for v in (space_id, slot_id)):
        raise UserError("Choose a space and a time.", "space_id")
    return space_id, slot_id


@client_event("propose_topic", ("phones",),
              {"id", "stage_id", "title", "description", "show_name", "name", "help_wanted"})
def propose_topic(event, connection, data):
    """A phone proposes a topic with an id it made; stored once however often it is sent."""
    topic, created = service.propose(
        event, _participant(connection), data.get("id"), data.get("stage_id"),
        data.get("title"), data.get("description"), show_name=_flag(data, "show_name", False),
        name=data.get("name"), help_wanted=_flag(data, "help_wanted", False),
        address=request.remote_addr or "")
    return {"ok": True, "id": topic.client_id, "topic_id": topic.id, "duplicate": not created}


@client_event("place_topic", ("phones", "console"), {"id", "topic_id", "space_id", "slot_id"})
def place_topic(event, connection, data):
    """Put a topic in a cell (both null: back to the tray). A phone may place only its own."""
    by = _participant(connection) if connection.audience == "phones" else None
    _outbox_id(data)
    space_id, slot_id = _cell(data)
    topic = service.place(event, data.get("topic_id"), space_id, slot_id, by=by)
    return {"ok": True, "topic_id": topic.id, "space_id": topic.space_id,
            "slot_id": topic.slot_id}


@client_event("mark_interest", ("phones",), {"id", "topic_id", "interested"})
def mark_interest(event, connection, data):
    """I would like to join this topic (or not any more)."""
    _outbox_id(data)
    topic, interested = service.mark_interest(event, _participant(connection),
                                              data.get("topic_id"), data.get("interested"))
    return {"ok": True, "topic_id": topic.id, "interested": interested}


@client_event("check_in", ("phones",), {"id", "topic_id", "here"})
def check_in(event, connection, data):
    """I'm here (here true), or I have left (here false)."""
    _outbox_id(data)
    participant, here = _participant(connection), _flag(data, "here")
    if here:
        topic = service.check_in(event, participant, data.get("topic_id"))
    else:
        topic = service.leave(event, participant, data.get("topic_id"))
    return {"ok": True, "topic_id": topic.id, "here": here}


@client_event("edit_topic", ("console",),
              {"topic_id", "title", "description", "name", "help_wanted"})
def edit_topic(event, connection, data):
    """Correct a topic's words; a field the message leaves out stays as it is."""
    now = service.topic_of(event, data.get("topic_id"))
    topic = service.edit(event, now.id, data.get("title", now.title),
                         data.get("description", now.description),
                         data.get("name", now.convener_name),
                         _flag(data, "help_wanted", now.help_wanted))
    return {"ok": True, "topic_id": topic.id}


@client_event("merge_topics", ("console",), {"keep_id", "other_id"})
def merge_topics(event, connection, data):
    """Fold a duplicate into another topic."""
    topic = service.merge(event, data.get("keep_id"), data.get("other_id"))
    return {"ok": True, "topic_id": topic.id}


@client_event("hide_topic", ("console",), {"topic_id", "hidden"})
def hide_topic(event, connection, data):
    topic = service.hide(event, data.get("topic_id"), _flag(data, "hidden"))
    return {"ok": True, "topic_id": topic.id, "hidden": topic.hidden}


@client_event("lock_topic", ("console",), {"topic_id", "locked"})
def lock_topic(event, connection, data):
    """Fix a topic where it is, so the arranger and its convener leave it (or free it)."""
    topic = service.set_locked(event, data.get("topic_id"), _flag(data, "locked"))
    return {"ok": True, "topic_id": topic.id, "locked": topic.locked}


@client_event("set_marketplace_open", ("console",), {"stage_id", "open"})
def set_marketplace_open(event, connection, data):
    stage = board.set_marketplace_open(event, data.get("stage_id"), data.get("open"))
    return {"ok": True, "open": service.marketplace_open(stage)}


@client_event("arrange_topics", ("console",), {"stage_id", "movable"})
def arrange_topics(event, connection, data):
    """The arranger's proposal, as a preview: nothing moves yet."""
    return {"ok": True, "preview": arranging.preview(event, data.get("stage_id"),
                                                     data.get("movable", "unscheduled"))}


@client_event("apply_arrangement", ("console",), {"stage_id", "moves", "board_key"})
def apply_arrangement(event, connection, data):
    """The facilitator confirmed the preview: move its topics, all or none."""
    moved = arranging.apply(event, data.get("stage_id"), data.get("moves"),
                            data.get("board_key"))
    return {"ok": True, "moved": moved}


@client_event("preview_move", ("console",), {"stage_id", "topic_id", "space_id", "slot_id"})
def preview_move(event, connection, data):
    """What moving one topic here would do ("14 more people would miss one of their
    topics"), before the facilitator drops it."""
    space_id, slot_id = _cell(data)
    return {"ok": True, **arranging.move_effect(event, data.get("stage_id"),
                                                data.get("topic_id"), space_id, slot_id)}


@client_event("add_note", ("phones",), {"id", "topic_id", "kind", "text", "owner"})
def add_note(event, connection, data):
    """A note from a topic, with an id the phone made; stored once however often it is sent."""
    note, created = notes.add(event, _participant(connection), data.get("id"),
                              data.get("topic_id"), data.get("kind"), data.get("text"),
                              data.get("owner", ""), address=request.remote_addr or "")
    return {"ok": True, "id": note.client_id, "note_id": note.id, "topic_id": note.topic_id,
            "status": note.visibility, "duplicate": not created}


@client_event("moderate_note", ("console",), {"id", "visibility"})
def moderate_note(event, connection, data):
    """Approve (show), hide or hold back a note."""
    note = notes.moderate(event, data.get("id"), data.get("visibility"))
    return {"ok": True, "id": note.id, "visibility": note.visibility}


@client_event("show_notes", ("console",), {"stage_id", "mode", "topic_id"})
def show_notes(event, connection, data):
    """What the screen shows of the notes: "off", "topic" (one topic's) or "wall" (newest)."""
    stage = notes.show_on_screen(event, data.get("stage_id"), data.get("mode"),
                                 data.get("topic_id"))
    return {"ok": True, **notes.screen_state(stage)}


@client_event("save_report", ("phones",),
              {"id", "topic_id", "discussed", "people_count", "names", "key_points",
               "recommendations", "actions"})
def save_report(event, connection, data):
    """The convener writes (or changes) their topic's report; a retried send changes nothing."""
    report, changed = reports.save(event, _participant(connection), data.get("id"),
                                   data.get("topic_id"),
                                   {k: v for k, v in data.items() if k not in ("id", "topic_id")},
                                   address=request.remote_addr or "")
    return {"ok": True, "id": report.client_id, "topic_id": report.topic_id,
            "duplicate": not changed}


@client_event("set_reports_open", ("console",), {"stage_id", "open"})
def set_reports_open(event, connection, data):
    """Close reports (and notes from phones), or open them again."""
    stage = reports.set_reports_open(event, data.get("stage_id"), data.get("open"))
    return {"ok": True, "open": reports.reports_open(stage)}


CLIENT_EVENTS = (propose_topic, place_topic, mark_interest, check_in, edit_topic, merge_topics,
                 hide_topic, lock_topic, set_marketplace_open, arrange_topics,
                 apply_arrangement, preview_move, add_note, moderate_note, show_notes,
                 save_report, set_reports_open)
