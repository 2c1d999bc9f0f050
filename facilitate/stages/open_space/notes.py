"""Notes from open-space topics: anyone at a topic adds them from their phone (each a key
point, an idea, a question or an action); facilitators type in notes from paper, approve or
hide them, and choose what the screen shows (one topic's notes spotlit, or the newest).

The Socket.IO handler, the phone's plain form and the console's paper form all call add().
A retried send (same client id) returns the stored note and announces nothing new.
"""

import logging

from sqlalchemy import select, update

from facilitate.domain.errors import NotAllowed, NotFound, UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.domain.ids import record_id
from facilitate.extensions import db
from facilitate.realtime.broadcast import announce
from facilitate.services import sending
from facilitate.stages.open_space import records
from facilitate.stages.open_space.service import stage_of, topic_of
from facilitate.store.models import Event, Participant, Stage, Topic, TopicNote

log = logging.getLogger(__name__)
NOT_SENT_PROPERLY = "The message was not sent properly. Please send it again."


# -- what each audience sees --------------------------------------------------------------

def item(note: TopicNote, title: str, audience: str) -> dict:
    """One note as an audience sees it: the console also sees its state and where it came
    from. Nobody sees who wrote it."""
    out = {"id": note.id, "topic_id": note.topic_id, "topic": title, "kind": note.kind,
           "text": note.text, "owner": note.owner}
    if audience == "console":
        out.update(visibility=note.visibility, source=note.source,
                   created_at=note.created_at.isoformat(timespec="seconds"))
    return out


def _titles(stage: Stage) -> dict[int, str]:
    return dict(db.session.execute(select(Topic.id, Topic.title)
                                   .where(Topic.stage_id == stage.id)).all())


def screen_state(stage: Stage) -> dict:
    """What the facilitator chose for the screen: {"mode": "off" | "topic" | "wall",
    "topic_id"}."""
    chosen = (stage.state or {}).get("notes_screen") or {}
    mode = chosen.get("mode") if chosen.get("mode") in records.SCREEN_MODES else "off"
    return {"mode": mode, "topic_id": chosen.get("topic_id") if mode == "topic" else None}


def screen_notes(stage: Stage) -> list[dict]:
    """The shown notes the screen has now: a spotlit topic's (oldest first), or the newest of
    all (newest first); none when the screen shows no notes."""
    chosen = screen_state(stage)
    query = select(TopicNote).join(Topic, Topic.id == TopicNote.topic_id).where(
        TopicNote.stage_id == stage.id, TopicNote.visibility == "shown",
        Topic.hidden.is_(False))
    if chosen["mode"] == "off":
        return []
    if chosen["mode"] == "topic":
        rows = list(db.session.scalars(query.where(TopicNote.topic_id == chosen["topic_id"])
                                       .order_by(TopicNote.id.desc())
                                       .limit(records.SPOTLIGHT_NOTES)))[::-1]
    else:
        rows = list(db.session.scalars(query.order_by(TopicNote.id.desc())
                                       .limit(records.SCREEN_NOTES)))
    titles = _titles(stage)
    return [item(n, titles.get(n.topic_id, ""), "screen") for n in rows]


def console_notes(stage: Stage) -> list[dict]:
    """The newest notes of every state, newest first, for the console."""
    rows = db.session.scalars(select(TopicNote).where(TopicNote.stage_id == stage.id)
                              .order_by(TopicNote.id.desc()).limit(records.CONSOLE_NOTES))
    titles = _titles(stage)
    return [item(n, titles.get(n.topic_id, ""), "console") for n in rows]


def notes_of(topic: Topic, *, shown_only: bool = False) -> list[TopicNote]:
    """A topic's notes, oldest first."""
    query = select(TopicNote).where(TopicNote.topic_id == topic.id)
    if shown_only:
        query = query.where(TopicNote.visibility == "shown")
    return list(db.session.scalars(query.order_by(TopicNote.id)))


def mine(participant: Participant, stage: Stage) -> list[dict]:
    """The notes this phone sent here (merged topics' notes name the topic they moved to)."""
    rows = db.session.scalars(select(TopicNote).where(
        TopicNote.stage_id == stage.id, TopicNote.participant_id == participant.id)
        .order_by(TopicNote.id))
    return [{"kind": "note", "id": n.id, "client_id": n.client_id, "topic_id": n.topic_id,
             "type": n.kind, "text": n.text, "owner": n.owner, "visibility": n.visibility}
            for n in rows]


# -- telling everyone ---------------------------------------------------------------------

def _announce_note(event: Event, stage: Stage, note: TopicNote, name: str,
                   screen_too: bool) -> None:
    """The console hears of the note itself; the screen gets its whole notes part again when
    what it shows may have changed."""
    title = db.session.scalar(select(Topic.title).where(Topic.id == note.topic_id)) or ""

    def payload(audience: str) -> dict | None:
        if audience == "console":
            return {"stage_id": stage.id, "note": item(note, title, "console")}
        return _screen_part(stage) if screen_too else None

    announce(event, name, payload, ("screen", "console"))


def _screen_part(stage: Stage) -> dict:
    return {"stage_id": stage.id, "notes_screen": screen_state(stage),
            "notes": screen_notes(stage)}


def _touches_screen(stage: Stage, note: TopicNote) -> bool:
    chosen = screen_state(stage)
    return chosen["mode"] == "wall" or (chosen["mode"] == "topic"
                                        and chosen["topic_id"] == note.topic_id)


# -- adding -------------------------------------------------------------------------------

def add(event: Event, participant: Participant | None, client_id: object, topic_id: object,
        kind: object, text: object, owner: object = "", *, address: str = "",
        source: str = "phone") -> tuple[TopicNote, bool]:
    """Store a note once whatever the retries. Returns (note, created).

    From a phone: a topic on the board, while reports are open; shown at once or waiting for
    approval, as the event's moderation says. From paper (a facilitator types it): any time,
    shown at once.
    """
    client_id = check_client_id(client_id)
    existing = sending.sent_before(TopicNote, event, client_id)
    if existing is not None:
        if participant is not None and existing.participant_id != participant.id:
            raise UserError(NOT_SENT_PROPERLY, "id")
        return existing, False
    from_phone = source == "phone"
    if from_phone:
        sending.check_can_send(event)
    topic = topic_of(event, topic_id)
    if topic.hidden:
        raise NotFound("That topic is not on this board.", "topic_id")
    stage = stage_of(event, topic.stage_id)
    if from_phone and not records.reports_open(stage.state):
        raise NotAllowed("Notes and reports are closed now. Hand your notes to a "
                         "facilitator.", "text")
    checked = records.check_note(kind, text, owner)
    if from_phone:
        sending.limit_rate(participant, address)
    note = TopicNote(event_id=event.id, stage_id=stage.id, topic_id=topic.id,
                     participant_id=participant.id if participant else None,
                     client_id=client_id, kind=checked.kind, text=checked.text,
                     owner=checked.owner, source="phone" if from_phone else "paper",
                     visibility=records.first_visibility(event.moderation) if from_phone
                     else "shown")
    note, created = sending.store_once(note, event)
    if created:
        _announce_note(event, stage, note, "note_added",
                       note.visibility == "shown" and _touches_screen(stage, note))
        log.info("note %s on topic %s of event %s (%s)", note.id, topic.id, event.code,
                 note.source)
    return note, created


# -- the facilitator's choices ------------------------------------------------------------

def note_in(event: Event, note_id: object) -> TopicNote:
    note = db.session.get(TopicNote, record_id(note_id)) if record_id(note_id) else None
    if note is None or note.event_id != event.id:
        raise NotFound("That note is not in this event.", "id")
    return note


def moderate(event: Event, note_id: object, visibility: object) -> TopicNote:
    """Show, hide or hold back a note; the screen follows at once."""
    if visibility not in records.VISIBILITIES:
        raise UserError("Choose show or hide.", "visibility")
    note = note_in(event, note_id)
    if note.visibility == visibility:
        return note
    before, note.visibility = note.visibility, visibility
    stage = db.session.get(Stage, note.stage_id)
    if stage is None:
        db.session.commit()
        return note
    _announce_note(event, stage, note, "note_changed",
                   "shown" in (before, visibility) and _touches_screen(stage, note))
    log.info("note %s of event %s: %s", note.id, event.code, visibility)
    return note


def show_on_screen(event: Event, stage_id: object, mode: object,
                   topic_id: object = None) -> Stage:
    """Choose what the screen shows of the notes: off, one topic's (spotlit), or the newest."""
    stage = stage_of(event, stage_id)
    topic = None
    if mode == "topic":
        topic = topic_of(event, topic_id)
        if topic.stage_id != stage.id or topic.hidden:
            raise NotFound("That topic is not on this board.", "topic_id")
    mode = records.check_screen_mode(mode, topic.id if topic else None)
    stage.state = {**(stage.state or {}),
                   "notes_screen": {"mode": mode, "topic_id": topic.id if topic else None}}
    announce(event, "screen_notes_changed", _screen_part(stage), ("screen", "console"))
    log.info("open space %s of event %s: notes on screen %s %s", stage.id, event.code, mode,
             topic.id if topic else "")
    return stage


# -- merges -------------------------------------------------------------------------------

def follow_merge(source: Topic, target: Topic) -> None:
    """A merged topic's notes move to the topic kept (called inside the merge)."""
    db.session.execute(update(TopicNote).where(TopicNote.topic_id == source.id)
                       .values(topic_id=target.id))
    state = None
    stage = db.session.get(Stage, target.stage_id) if target.stage_id else None
    if stage is not None:
        state = screen_state(stage)
    if state and state["mode"] == "topic" and state["topic_id"] == source.id:
        stage.state = {**(stage.state or {}),
                       "notes_screen": {"mode": "topic", "topic_id": target.id}}
