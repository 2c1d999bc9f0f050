"""The book of proceedings: the event's theme, the board (who convened what, where and when),
every topic's report and notes, what other stages give it (the ladder's and polls' results,
through the registry), then the pledges people chose to share.

Live while the event runs (it fills in as reports and notes arrive) and final once it has
closed. Facilitators always see it; attendees once the facilitator publishes it. Built with a
handful of queries whatever the number of topics, so a book of 80 topics opens at once.
"""

from collections import defaultdict

from sqlalchemy import func, select

from facilitate import registry
from facilitate.extensions import db
from facilitate.stages.open_space import records, reports, rules
from facilitate.stages.open_space.service import live_topics
from facilitate.stages.pledges import rules as pledge_rules
from facilitate.store.models import Event, Pledge, Stage, Topic, TopicInterest, TopicNote

PUBLISHED = "proceedings_published"


def published(event: Event) -> bool:
    """Whether attendees may read the book (the facilitator published it)."""
    return bool((event.settings or {}).get(PUBLISHED))


def set_published(event: Event, is_published: bool) -> None:
    """Publish the book (or take it back); phones see the link on the stage on show at once."""
    from facilitate.services import live

    event.settings = {**(event.settings or {}), PUBLISHED: bool(is_published)}
    live.announce_stage(event)


def public_path(event: Event) -> str:
    """The attendees' address of the book, or "" while it is not published."""
    return f"/e/{event.code}/proceedings" if published(event) else ""


def _notes_by_topic(stage: Stage) -> dict[int, dict[str, list[TopicNote]]]:
    """Each topic's shown notes, by kind, oldest first."""
    found: dict[int, dict[str, list[TopicNote]]] = defaultdict(lambda: defaultdict(list))
    for note in db.session.scalars(select(TopicNote).where(
            TopicNote.stage_id == stage.id, TopicNote.visibility == "shown")
            .order_by(TopicNote.id)):
        found[note.topic_id][note.kind].append(note)
    return found


def _interest(stage: Stage) -> dict[int, int]:
    return dict(db.session.execute(
        select(TopicInterest.topic_id, func.count(TopicInterest.id))
        .join(Topic, Topic.id == TopicInterest.topic_id)
        .where(Topic.stage_id == stage.id).group_by(TopicInterest.topic_id)).all())


def _open_space(event: Event, stage: Stage) -> dict:
    """One open space: its board by time and its topics in board order, each with its report
    and notes."""
    spaces = rules.spaces_of(stage.config)
    slots = rules.slots_of(stage.config)
    space_names = {s.id: s.name for s in spaces}
    slot_names = {s.id: s.label for s in slots}
    slot_order = {s.id: n for n, s in enumerate(slots)}
    space_order = {s.id: n for n, s in enumerate(spaces)}
    topics = live_topics(stage, include_hidden=False)
    topics.sort(key=lambda t: (t.slot_id not in slot_order, slot_order.get(t.slot_id, 0),
                               space_order.get(t.space_id, 0), t.id))
    written = reports.reports_of(stage)
    notes = _notes_by_topic(stage)
    interest = _interest(stage)
    items = []
    for topic in topics:
        report = written.get(topic.id)
        placed = topic.space_id in space_names and topic.slot_id in slot_names
        items.append({
            "id": topic.id, "title": topic.title, "description": topic.description,
            "convener": topic.convener_name, "source": topic.source,
            "space": space_names.get(topic.space_id, "") if placed else "",
            "slot": slot_names.get(topic.slot_id, "") if placed else "",
            "interest": interest.get(topic.id, 0), "peak": topic.peak_headcount,
            "report": _report(report) if report else None,
            "notes": [(kind, records.NOTE_KIND_LABELS[kind], notes[topic.id][kind])
                      for kind in records.NOTE_KINDS if notes[topic.id][kind]],
        })
    board = [{"label": slot.label, "day": slot.day,
              "cells": [(space.name, [t for t in items if t["slot"] == slot.label
                                      and t["space"] == space.name]) for space in spaces]}
             for slot in slots]
    return {"stage": stage, "title": stage.title,
            "theme": (stage.config or {}).get("theme", ""), "board": board, "topics": items,
            "unplaced": [t for t in items if not t["space"]],
            "reported": sum(1 for t in items if t["report"])}


def _report(report) -> dict:
    return {**reports.item(report), "key_point_lines": records.lines(report.key_points),
            "recommendation_lines": records.lines(report.recommendations)}


def _pledges(event: Event, titles: dict[int, str]) -> list[dict]:
    """The pledges the room could see (shown, not taken back), each with only the name the
    pledger chose to show, and the topic it came from."""
    rows = db.session.scalars(select(Pledge).where(
        Pledge.event_id == event.id, Pledge.visibility == "shown",
        Pledge.withdrawn_at.is_(None)).order_by(Pledge.id))
    return [{"action": p.action, "theme": p.theme,
             "who": pledge_rules.wall_name(p.display, p.pledger_name, p.organisation),
             "topic": titles.get(p.topic_id, "") if p.topic_id else ""} for p in rows]


def book(event: Event) -> dict:
    """Everything the book holds, in its order."""
    spaces = [_open_space(event, stage) for stage in event.stages
              if stage.kind == "open_space"]
    titles = {t["id"]: t["title"] for space in spaces for t in space["topics"]}
    return {"event": event, "final": event.status == "closed", "open_spaces": spaces,
            "topic_count": sum(len(s["topics"]) for s in spaces),
            # Convergence (dot voting on the topics, the priorities adopted) goes here once
            # it exists: after the topics, before the pledges.
            "convergence": None,
            "parts": registry.proceedings_parts(event),
            "pledges": _pledges(event, titles)}
