"""The workbook's Topics, Board, Notes and Reports sheets, and the open space's Participants
columns."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import Select, and_, case, func, null, select

from facilitate.domain.stages import PersonCount
from facilitate.export.workbook import data
from facilitate.export.workbook.grid import Grid, GridRow, GridSheet
from facilitate.export.workbook.layout import Column, Export, TableSheet
from facilitate.export.workbook.sheets import SHOWN, SOURCE_LABELS, left_out
from facilitate.stages.open_space import records, rules
from facilitate.stages.open_space.service import live_topics
from facilitate.store.models import Stage, Topic, TopicInterest, TopicNote, TopicReport

ANONYMOUS = "anonymous"
SLOT_CORNER = "Time slot"
TRAY = "Not on the board yet"
HIDDEN = "Hidden by a facilitator"


# -- the board's names --------------------------------------------------------------------

@dataclass(frozen=True)
class BoardFrame:
    """One open space's spaces and slots, as the sheets name them."""

    spaces: tuple[rules.Space, ...]
    slots: tuple[rules.Slot, ...]
    event_date: dt.date | None

    @classmethod
    def of(cls, stage: Stage | None, event_date: dt.date | None) -> "BoardFrame":
        config = (stage.config or {}) if stage is not None else {}
        return cls(tuple(rules.spaces_of(config)), tuple(rules.slots_of(config)), event_date)

    def cell_of(self, space_id: int | None,
                slot_id: int | None) -> tuple[rules.Space, rules.Slot] | None:
        """The (space, slot) a topic sits in, or None: in the tray, or a cell since removed."""
        space = next((s for s in self.spaces if s.id == space_id), None)
        slot = next((s for s in self.slots if s.id == slot_id), None)
        return (space, slot) if space and slot else None

    def slot_name(self, slot: rules.Slot) -> str:
        """The slot with its day, like "3 Dec 2026, 11:00–11:45" (just the times if no day)."""
        day = slot.day or self.event_date
        return f"{day.day} {day:%b %Y}, {slot.label}" if day else slot.label


def space_heading(space: rules.Space) -> str:
    """A space as the board's header names it: "Main Hall (40 people)", then its access."""
    heading = f"{space.name} ({space.capacity} people)" if space.capacity else space.name
    return f"{heading}\n{space.access}" if space.access else heading


def open_spaces(event) -> list[Stage]:
    """The event's open-space stages, in agenda order."""
    return [stage for stage in event.stages if stage.kind == "open_space"]


# -- the Topics sheet ---------------------------------------------------------------------

def in_file(event, include_hidden: bool):
    """The topics an export holds: none merged into another; hidden ones only when wanted."""
    live = and_(Topic.event_id == event.id, Topic.merged_into_id.is_(None))
    return live if include_hidden else and_(live, Topic.hidden.is_(False))


def rows(event, include_hidden: bool) -> Select:
    """Every topic in the export with its stage and how many marked interest in it."""
    marks = (select(TopicInterest.topic_id, func.count(TopicInterest.id).label("n"))
             .where(TopicInterest.event_id == event.id)
             .group_by(TopicInterest.topic_id).subquery())
    return (
        select(Topic.id, Topic.stage_id, Topic.title, Topic.description, Topic.convener_name,
               Topic.help_wanted, Topic.source, Topic.space_id, Topic.slot_id,
               Topic.peak_headcount, func.coalesce(marks.c.n, 0).label("interest"),
               case((Topic.hidden.is_(True), "hidden"), else_="shown").label("visibility"),
               null().label("withdrawn_at"),   # topics cannot be taken back
               Stage.title.label("stage_title"))
        .outerjoin(Stage, Stage.id == Topic.stage_id)
        .outerjoin(marks, marks.c.topic_id == Topic.id)
        .where(in_file(event, include_hidden))
        .order_by(Stage.position, Topic.id))


def placed_rows(export: Export) -> Iterator[SimpleNamespace]:
    """The topics' rows, each with the names of its space and slot ("" when unscheduled)."""
    event = export.event
    frames = {stage.id: BoardFrame.of(stage, event.date) for stage in open_spaces(event)}
    for row in data.stream(rows(event, export.include_hidden)):
        # A topic whose stage was removed from the agenda has no board left to sit on.
        frame = frames.get(row.stage_id) or BoardFrame.of(None, event.date)
        cell = frame.cell_of(row.space_id, row.slot_id)
        yield SimpleNamespace(**row._mapping, space_name=cell[0].name if cell else "",
                              slot_name=frame.slot_name(cell[1]) if cell else "")


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


TOPICS = TableSheet(
    title="Topics",
    rows=placed_rows,
    marked=left_out,
    freeze="C2",
    columns=(
        Column("Stage", lambda r, e: r.stage_title or "", width=18),
        Column("Topic", lambda r, e: r.title, kind="long", width=36),
        Column("A line or two", lambda r, e: r.description, kind="long", width=44),
        Column("Convener", lambda r, e: r.convener_name or ANONYMOUS, width=20,
               note="The name the convener chose to show, or 'anonymous'."),
        Column("Space", lambda r, e: r.space_name, width=18,
               note="Empty for a topic that was not on the board."),
        Column("Slot", lambda r, e: r.slot_name, width=22),
        Column("Interest", lambda r, e: r.interest, kind="number", width=10,
               note="How many people marked that they would like to join."),
        Column("Peak headcount", lambda r, e: r.peak_headcount, kind="number", width=11,
               note="The most people who said \"I'm here\" at the topic at one time."),
        Column("Help wanted", lambda r, e: _yes_no(r.help_wanted), width=10),
        Column("Came from", lambda r, e: SOURCE_LABELS.get(r.source, r.source), width=11),
        SHOWN,
    ),
)


# -- the Board sheet ----------------------------------------------------------------------

def _titles(topics: list[Topic]) -> str:
    return "\n".join(topic.title for topic in topics)


# Where a topic sits on the Board sheet: a cell (space id, slot id), the tray or hidden.
_TRAY, _HIDDEN = "tray", "hidden"


def sorted_onto(frame: BoardFrame, topics: list[Topic]) -> dict[object, list[Topic]]:
    """The topics by where they sit: each cell, the tray (a cell since removed is the tray)
    and the hidden ones, each in the order they were proposed."""
    places: dict[object, list[Topic]] = defaultdict(list)
    for topic in topics:
        cell = frame.cell_of(topic.space_id, topic.slot_id)
        place = _HIDDEN if topic.hidden else (cell[0].id, cell[1].id) if cell else _TRAY
        places[place].append(topic)
    return places


def board_grid(stage: Stage, event_date: dt.date | None, topics: list[Topic],
               include_hidden: bool) -> Grid:
    """One open space as people saw it: slots down, spaces across, then the tray (and the
    hidden topics, greyed, when they are wanted)."""
    frame = BoardFrame.of(stage, event_date)
    places = sorted_onto(frame, topics)
    rest = ("",) * max(len(frame.spaces) - 1, 0)
    grid_rows = [GridRow(frame.slot_name(slot),
                         tuple(_titles(places[space.id, slot.id]) for space in frame.spaces))
                 for slot in frame.slots]
    grid_rows.append(GridRow(TRAY, (_titles(places[_TRAY]), *rest)))
    if include_hidden:
        grid_rows.append(GridRow(HIDDEN, (_titles(places[_HIDDEN]), *rest), marked=True))
    return Grid(title=stage.title, corner=SLOT_CORNER,
                headers=tuple(space_heading(s) for s in frame.spaces), rows=tuple(grid_rows))


def boards(export: Export) -> Iterator[Grid]:
    """Each open space of the event, in agenda order."""
    for stage in open_spaces(export.event):
        topics = live_topics(stage, include_hidden=export.include_hidden)
        yield board_grid(stage, export.event.date, topics, export.include_hidden)


BOARD = GridSheet(title="Board", grids=boards, empty="This event has no open space.")



# -- the Notes sheet ----------------------------------------------------------------------

def note_rows(export: Export) -> Select:
    """Every note of the topics in the export, by topic, oldest first; hidden notes and
    notes waiting for approval only when wanted."""
    event = export.event
    query = (select(TopicNote.kind, TopicNote.text, TopicNote.owner, TopicNote.source,
                    TopicNote.visibility, TopicNote.created_at, Topic.title.label("topic"),
                    Stage.title.label("stage_title"), null().label("withdrawn_at"))
             .join(Topic, Topic.id == TopicNote.topic_id)
             .outerjoin(Stage, Stage.id == TopicNote.stage_id)
             .where(TopicNote.event_id == event.id, in_file(event, export.include_hidden)))
    if not export.include_hidden:
        query = query.where(TopicNote.visibility == "shown")
    return data.stream(query.order_by(Stage.position, Topic.id, TopicNote.id))


NOTES = TableSheet(
    title="Notes",
    rows=note_rows,
    marked=left_out,
    freeze="C2",
    columns=(
        Column("Stage", lambda r, e: r.stage_title or "", width=18),
        Column("Topic", lambda r, e: r.topic, kind="long", width=30),
        Column("Kind", lambda r, e: records.NOTE_KIND_LABELS.get(r.kind, r.kind), width=12,
               note="Key point, idea, question or action."),
        Column("Note", lambda r, e: r.text, kind="long", width=60),
        Column("Who will do it", lambda r, e: r.owner, width=20,
               note="For an action: who the note says will do it."),
        Column("Sent at", lambda r, e: e.local(r.created_at), kind="datetime", width=17),
        Column("Came from", lambda r, e: SOURCE_LABELS.get(r.source, r.source), width=11),
        SHOWN,
    ),
)


# -- the Reports sheet --------------------------------------------------------------------

def report_rows(export: Export) -> Iterator[SimpleNamespace]:
    """Every topic in the export with its report (empty cells when it has none yet)."""
    event = export.event
    query = (select(Topic.title, Topic.convener_name, Topic.space_id, Topic.slot_id,
                    Topic.stage_id,
                    case((Topic.hidden.is_(True), "hidden"), else_="shown").label("visibility"),
                    Stage.title.label("stage_title"), TopicReport.id.label("report_id"),
                    TopicReport.discussed, TopicReport.people_count, TopicReport.names,
                    TopicReport.key_points, TopicReport.recommendations, TopicReport.actions,
                    TopicReport.source, TopicReport.updated_at,
                    null().label("withdrawn_at"))
             .outerjoin(Stage, Stage.id == Topic.stage_id)
             .outerjoin(TopicReport, TopicReport.topic_id == Topic.id)
             .where(in_file(event, export.include_hidden))
             .order_by(Stage.position, Topic.id))
    frames = {stage.id: BoardFrame.of(stage, event.date) for stage in open_spaces(event)}
    for row in data.stream(query):
        frame = frames.get(row.stage_id) or BoardFrame.of(None, event.date)
        cell = frame.cell_of(row.space_id, row.slot_id)
        yield SimpleNamespace(**row._mapping,
                              where=f"{cell[0].name}, {frame.slot_name(cell[1])}" if cell
                              else "")


def actions_text(actions: list | None) -> str:
    """A report's actions, one a line: "1. What — who leads it — by 31 Jan 2027"."""
    out = []
    for number, action in enumerate(actions or [], start=1):
        parts = [f"{number}. {action.get('what', '')}"]
        if action.get("owner"):
            parts.append(f"led by {action['owner']}")
        if action.get("due"):
            due = dt.date.fromisoformat(action["due"])
            parts.append(f"by {due.day} {due:%b %Y}")
        out.append(" — ".join(parts))
    return "\n".join(out)


REPORTS = TableSheet(
    title="Reports",
    rows=report_rows,
    marked=left_out,
    freeze="C2",
    columns=(
        Column("Stage", lambda r, e: r.stage_title or "", width=18),
        Column("Topic", lambda r, e: r.title, kind="long", width=30),
        Column("Convener", lambda r, e: r.convener_name or ANONYMOUS, width=18),
        Column("Where and when", lambda r, e: r.where, width=24),
        Column("Report written", lambda r, e: _yes_no(r.report_id is not None), width=10),
        Column("Came from", lambda r, e: SOURCE_LABELS.get(r.source, r.source)
               if r.report_id else "", width=11,
               note="Phone: written by the convener. Paper card: typed in by a facilitator."),
        Column("What was discussed", lambda r, e: r.discussed or "", kind="long", width=44),
        Column("How many took part", lambda r, e: r.people_count, kind="number", width=10),
        Column("Names (with their agreement)", lambda r, e: r.names or "", kind="long",
               width=24),
        Column("Key points", lambda r, e: r.key_points or "", kind="long", width=44),
        Column("Recommendations", lambda r, e: r.recommendations or "", kind="long", width=44),
        Column("Actions", lambda r, e: actions_text(r.actions), kind="long", width=50,
               note="One a line: what, who leads it, by when."),
        Column("Last changed", lambda r, e: e.local(r.updated_at) if r.updated_at else None,
               kind="datetime", width=17),
        SHOWN,
    ),
)

SHEETS = (TOPICS, BOARD, NOTES, REPORTS)


# -- the Participants sheet ---------------------------------------------------------------

def convened_per_person(event, include_hidden: bool) -> Select:
    """How many of the topics in the export each person convened."""
    return (select(Topic.participant_id, func.count(Topic.id).label("n"))
            .where(in_file(event, include_hidden)).group_by(Topic.participant_id))


def marked_per_person(event, include_hidden: bool) -> Select:
    """How many of the topics in the export each person marked an interest in."""
    return (select(TopicInterest.participant_id, func.count(TopicInterest.id).label("n"))
            .join(Topic, Topic.id == TopicInterest.topic_id)
            .where(in_file(event, include_hidden)).group_by(TopicInterest.participant_id))


PERSON_COUNTS = (PersonCount("Topics convened", convened_per_person),
                 PersonCount("Topics marked", marked_per_person))
