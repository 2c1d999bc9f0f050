"""What each audience sees of an open space: the board of spaces x slots, its topics, interest
and headcounts; and what one phone sees of its own (topics it convenes, marks, "I'm here")."""

from sqlalchemy import func, select

from facilitate.domain.stages import SummaryRow
from facilitate.extensions import db
from facilitate.stages.open_space import notes, proceedings, records, reports, rules, service
from facilitate.stages.open_space.service import (
    live_topics,
    marketplace_open,
    sharing,
    zone,
)
from facilitate.store.models import CheckIn, Stage, Topic, TopicInterest, TopicNote, TopicReport


def frame(event, stage: Stage) -> dict:
    """The board's frame every audience sees: spaces, slots (with ISO start and end, so a
    page can light the slot running by its clock), and the marketplace's state."""
    today = service.local_now().date()
    slots = []
    for slot in rules.slots_of(stage.config):
        starts, ends = slot.bounds(event.date, today)
        slots.append({"id": slot.id, "label": slot.label,
                      "starts_at": starts.replace(tzinfo=zone()).isoformat(),
                      "ends_at": ends.replace(tzinfo=zone()).isoformat(),
                      "day": (slot.day or event.date or today).isoformat()})
    return {"theme": (stage.config or {}).get("theme", ""),
            "spaces": [s.as_config() for s in rules.spaces_of(stage.config)],
            "slots": slots,
            "sharing": sharing(stage),
            "marketplace_open": marketplace_open(stage),
            "running_slot_id": rules.slot_running(rules.slots_of(stage.config), event.date,
                                                  service.local_now())}


def interest_counts(stage: Stage) -> dict[int, int]:
    rows = db.session.execute(select(TopicInterest.topic_id, func.count(TopicInterest.id))
                              .join(Topic, Topic.id == TopicInterest.topic_id)
                              .where(Topic.stage_id == stage.id)
                              .group_by(TopicInterest.topic_id))
    return dict(rows.all())


def headcounts(stage: Stage, slot_id: int | None = None) -> dict[str, int]:
    """How many said "I'm here" at each topic, now (topic id as text: JSON's keys)."""
    query = (select(CheckIn.topic_id, func.count(CheckIn.id))
             .join(Topic, Topic.id == CheckIn.topic_id)
             .where(CheckIn.stage_id == stage.id, CheckIn.slot_id == Topic.slot_id))
    if slot_id is not None:
        query = query.where(CheckIn.slot_id == slot_id)
    rows = db.session.execute(query.group_by(CheckIn.topic_id))
    return {str(topic_id): n for topic_id, n in rows}


def over_capacity(stage: Stage, topic: Topic, interest: int) -> bool:
    """Whether more people marked the topic than its space holds."""
    space = next((s for s in rules.spaces_of(stage.config) if s.id == topic.space_id), None)
    return bool(space and space.capacity and interest > space.capacity)


def topic_item(stage: Stage, topic: Topic, interest: int, headcount: int,
               audience: str) -> dict:
    """One topic as an audience sees it (the console also sees what only it may change)."""
    item = {"id": topic.id, "title": topic.title, "description": topic.description,
            "convener": topic.convener_name, "help_wanted": topic.help_wanted,
            "source": topic.source, "space_id": topic.space_id, "slot_id": topic.slot_id,
            "locked": topic.locked, "headcount": headcount}
    if audience != "phones":
        item["interest"] = interest
        item["over_capacity"] = over_capacity(stage, topic, interest)
    if audience == "console":
        item["hidden"] = topic.hidden
        item["peak_headcount"] = topic.peak_headcount
    return item


def board(event, stage: Stage, audience: str) -> dict:
    """The whole board for one audience: phones and screen never see hidden topics."""
    interest = interest_counts(stage) if audience != "phones" else {}
    here = headcounts(stage)
    topics = live_topics(stage, include_hidden=audience == "console")
    return {**frame(event, stage),
            "topics": [topic_item(stage, t, interest.get(t.id, 0), here.get(str(t.id), 0),
                                  audience) for t in topics]}


def phones(event, stage: Stage) -> dict:
    """The board, whether notes and reports are still open, and the book's address once
    published ("" before)."""
    return {**board(event, stage, "phones"), "reports_open": records.reports_open(stage.state),
            "proceedings": proceedings.public_path(event)}


def screen(event, stage: Stage) -> dict:
    """The board, and the notes the facilitator chose to show (none, a topic's, the newest)."""
    return {**board(event, stage, "screen"), "notes_screen": notes.screen_state(stage),
            "notes": notes.screen_notes(stage)}


def console(event, stage: Stage) -> dict:
    """The board with hidden topics, and how good it is (missed, overflow, the floor)."""
    from facilitate.stages.open_space.arranger import floor, measure
    from facilitate.stages.open_space.arranging import problem_of

    view = board(event, stage, "console")
    problem = problem_of(stage)
    now = measure(problem, problem.current())
    view["measure"] = {"missed": now.missed, "overflow": now.overflow, "floor": floor(problem)}
    view.update(reports_open=records.reports_open(stage.state),
                notes_screen=notes.screen_state(stage), notes=notes.console_notes(stage),
                reported=sorted(reports.reports_of(stage)))
    return view


def mine(participant, stage: Stage) -> list[dict]:
    """What this phone did here: topics it convenes, topics it marked, where it said "I'm
    here". Merged topics show as the topic they became."""
    convened = db.session.scalars(select(Topic).where(
        Topic.stage_id == stage.id, Topic.participant_id == participant.id))
    items = [{"kind": "convened", "id": t.merged_into_id or t.id, "client_id": t.client_id,
              "title": t.title} for t in convened]
    marked = db.session.scalars(select(TopicInterest.topic_id).join(
        Topic, Topic.id == TopicInterest.topic_id).where(
        Topic.stage_id == stage.id, TopicInterest.participant_id == participant.id))
    items += [{"kind": "interest", "id": topic_id} for topic_id in marked]
    here = db.session.execute(select(CheckIn.slot_id, CheckIn.topic_id).where(
        CheckIn.stage_id == stage.id, CheckIn.participant_id == participant.id))
    items += [{"kind": "here", "id": topic_id, "slot_id": slot_id} for slot_id, topic_id in here]
    return items + notes.mine(participant, stage)


def _count(model, *conditions) -> int:
    return db.session.scalar(select(func.count(model.id)).where(*conditions)) or 0


def counts(event) -> dict[str, int]:
    """For the closing stage: the topics people convened."""
    return {"topics": _count(Topic, Topic.event_id == event.id, Topic.hidden.is_(False),
                             Topic.merged_into_id.is_(None))}


def summary(event, include_hidden: bool) -> list[SummaryRow]:
    """The workbook's Summary lines."""
    live = (Topic.event_id == event.id, Topic.merged_into_id.is_(None))
    where = "In this file, greyed out" if include_hidden else "Not in this file"
    return [
        SummaryRow("Open-space topics", _count(Topic, *live, Topic.hidden.is_(False))),
        SummaryRow("Open-space topics from paper cards",
                   _count(Topic, *live, Topic.hidden.is_(False), Topic.source == "paper")),
        SummaryRow("Open-space topics hidden", _count(Topic, *live, Topic.hidden.is_(True)),
                   where),
        SummaryRow("Marks of interest in topics", _count(
            TopicInterest, TopicInterest.event_id == event.id,
            *([] if include_hidden else [TopicInterest.topic_id.in_(
                select(Topic.id).where(*live, Topic.hidden.is_(False)))]))),
        SummaryRow("Notes from topics (shown)", _count(
            TopicNote, TopicNote.event_id == event.id, TopicNote.visibility == "shown",
            TopicNote.topic_id.in_(select(Topic.id).where(*live, Topic.hidden.is_(False))))),
        SummaryRow("Session reports written", _count(
            TopicReport, TopicReport.event_id == event.id,
            TopicReport.topic_id.in_(select(Topic.id).where(*live, Topic.hidden.is_(False))))),
    ]


def free_cells(stage: Stage, topic: Topic | None = None) -> list[tuple[str, str]]:
    """The cells a topic may go in, as ("space:slot", "Room 1, 11:00–11:45"), by time."""
    taken = {(t.space_id, t.slot_id) for t in live_topics(stage, include_hidden=False)
             if t.space_id is not None and (topic is None or t.id != topic.id)}
    spaces, slots = rules.spaces_of(stage.config), rules.slots_of(stage.config)
    return [(f"{space.id}:{slot.id}", f"{space.name}, {slot.label}")
            for slot in slots for space in spaces
            if sharing(stage) or (space.id, slot.id) not in taken]


def schedule(event, stage: Stage, participant) -> dict:
    """A phone page's "my schedule": what this person convenes, marked and is at, by id."""
    items = mine(participant, stage)
    convened = {i["id"] for i in items if i["kind"] == "convened"}
    own = [t for t in live_topics(stage, include_hidden=False) if t.id in convened]
    return {"convened_ids": convened,
            "interest_ids": {i["id"] for i in items if i["kind"] == "interest"},
            "here_ids": {i["id"] for i in items if i["kind"] == "here"},
            "free_cells": {t.id: free_cells(stage, t) for t in own}}
