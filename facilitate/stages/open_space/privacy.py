"""A person's open-space data: the topics they convened stay the group's when they go.

services/privacy.py finds every row with a participant_id: the person's topics, their marks
of interest and their check-ins are shown to them and, on deletion, their marks and check-ins
are deleted. A topic is not theirs alone, though: others marked interest in it, checked in to
it and met there, and it stays on the board and in the workbook. So `erase` first takes the
person off their topics (no participant_id, no convener's name, which shows "anonymous"); the
generic deletion then finds no topic of theirs to delete. The title and the lines they wrote
stay: a facilitator can edit or hide a topic whose words name them.

Marks and check-ins only name a topic by its id, so `held` adds which topic each one was; so
it does for the notes the person added and the session reports they wrote.

Notes and reports are theirs: deleting the person deletes them (every row with their
participant_id goes), unless the organiser chooses, when deleting, to keep them for the group
without the person's name (`keep`: the rows lose their participant_id first). The words stay
as written either way a report is kept, so a facilitator edits one whose words name them.
Retention: notes and reports hold no contact details (nothing to erase when the contact
period ends); they go with the event when it is deleted.
"""

from sqlalchemy import select, update

from facilitate.domain.stages import PersonalData
from facilitate.extensions import db
from facilitate.stages.open_space import rules
from facilitate.store.models import CheckIn, Stage, Topic, TopicInterest, TopicNote, TopicReport


def _slot_label(config: dict, slot_id: int) -> str:
    slot = next((s for s in rules.slots_of(config or {}) if s.id == slot_id), None)
    return slot.label if slot else ""


def held(person) -> dict:
    """The topics behind the person's marks of interest and check-ins, by title."""
    marks = db.session.execute(
        select(TopicInterest.topic_id, Topic.title, TopicInterest.created_at)
        .join(Topic, Topic.id == TopicInterest.topic_id)
        .where(TopicInterest.participant_id == person.id).order_by(TopicInterest.id))
    check_ins = db.session.execute(
        select(CheckIn.topic_id, Topic.title, CheckIn.slot_id, Stage.config, CheckIn.created_at)
        .join(Topic, Topic.id == CheckIn.topic_id).join(Stage, Stage.id == CheckIn.stage_id)
        .where(CheckIn.participant_id == person.id).order_by(CheckIn.id))
    return {
        "topics_marked": [{"topic_id": topic_id, "title": title,
                           "marked_at": marked_at.isoformat()}
                          for topic_id, title, marked_at in marks],
        "topics_checked_in_to": [{"topic_id": topic_id, "title": title,
                                  "slot": _slot_label(config, slot_id),
                                  "checked_in_at": checked_at.isoformat()}
                                 for topic_id, title, slot_id, config, checked_at in check_ins],
    }


def _written(person) -> dict:
    """The notes and session reports the person wrote, with their topic's title."""
    notes = db.session.execute(
        select(TopicNote, Topic.title).join(Topic, Topic.id == TopicNote.topic_id)
        .where(TopicNote.participant_id == person.id).order_by(TopicNote.id))
    reports = db.session.execute(
        select(TopicReport, Topic.title).join(Topic, Topic.id == TopicReport.topic_id)
        .where(TopicReport.participant_id == person.id).order_by(TopicReport.id))
    return {
        "notes_written": [{"topic": title, "kind": note.kind, "text": note.text,
                           "who_will_do_it": note.owner, "shown": note.visibility,
                           "sent_at": note.created_at.isoformat()} for note, title in notes],
        "session_reports_written": [
            {"topic": title, "what_was_discussed": report.discussed,
             "how_many_took_part": report.people_count, "names": report.names,
             "key_points": report.key_points, "recommendations": report.recommendations,
             "actions": report.actions, "last_changed": report.updated_at.isoformat()}
            for report, title in reports],
    }


def keep(person_id: int) -> None:
    """Keep the person's notes and reports for the group, without their name."""
    db.session.execute(update(TopicNote).where(TopicNote.participant_id == person_id)
                       .values(participant_id=None))
    db.session.execute(update(TopicReport).where(TopicReport.participant_id == person_id)
                       .values(participant_id=None))


def erase(person_id: int) -> None:
    """Take the person off the topics they convened, which stay on the board for the group."""
    db.session.execute(update(Topic).where(Topic.participant_id == person_id)
                       .values(participant_id=None, convener_name=""))


def held_all(person) -> dict:
    """Everything of the open space's to show one person, by title."""
    return {**held(person), **_written(person)}


PERSONAL_DATA = PersonalData(held=held_all, erase=erase, keep=keep)
