"""The open space in the workbook, reopened with openpyxl: Topics, Board, Summary, Participants."""

import datetime as dt
import io
import itertools
import zipfile
from types import SimpleNamespace

import pytest

from facilitate.export.workbook import fastrows
from facilitate.extensions import db
from facilitate.stages.open_space import rules, service
from facilitate.store.models import Topic
from tests.export.helpers import export_bytes, join, open_workbook, rows_of

PLAN = """
[event]
title = "Open space day"
date = 2030-05-14
venue = "Town Hall"

[[stages]]
kind = "open_space"
title = "Morning open space"
theme = "What matters most?"
spaces = [{name = "Main Hall", capacity = 40, access = "step-free"}, "Room 1"]
slots = ["11:00-11:45", {starts = "12:00", ends = "12:45", date = 2030-05-15}]

[[stages]]
kind = "open_space"
title = "Afternoon open space"
spaces = ["Garden Room"]
slots = ["14:00-14:45"]
"""
DAY_ONE = "14 May 2030, 11:00–11:45"
DAY_TWO = "15 May 2030, 12:00–12:45"
HALL = "Main Hall (40 people)\nstep-free"
TOPIC_HEADERS = ["Stage", "Topic", "A line or two", "Convener", "Space", "Slot", "Interest",
                 "Peak headcount", "Help wanted", "Came from"]
RAW_TITLE = "<script>alert(1)</script>"
_ids = itertools.count(1)


def propose(event, stage, person, title, description="", *, name="", help_wanted=False,
            source="phone") -> Topic:
    """A topic proposed from a phone (or typed in from a paper card when person is None)."""
    topic, created = service.propose(event, person, f"topic-{next(_ids):04d}", stage.id, title,
                                     description, show_name=bool(name), name=name,
                                     help_wanted=help_wanted, source=source)
    assert created
    return topic


def place(event, stage, topic, space_name, slot_number) -> Topic:
    """A facilitator puts the topic in a cell of the board."""
    space = next(s for s in rules.spaces_of(stage.config) if s.name == space_name)
    slot = rules.slots_of(stage.config)[slot_number - 1]
    return service.place(event, topic.id, space.id, slot.id)


def store_raw_topic(event, stage, **fields) -> Topic:
    """A topic stored as is, past the service's cleaning (text no form lets through)."""
    topic = Topic(event_id=event.id, stage_id=stage.id, client_id=f"raw-{next(_ids):08d}",
                  **fields)
    db.session.add(topic)
    db.session.commit()
    return topic


@pytest.fixture
def board(make_event, monkeypatch):
    """A live open space: topics in cells (two sharing one), a paper card, the tray, a hidden
    topic, a duplicate merged away, marks of interest and check-ins during the first slot."""
    event = make_event(plan=PLAN, status="live")
    morning, afternoon = (s for s in event.stages if s.kind == "open_space")
    morning.config = {**morning.config, "sharing": True}
    db.session.commit()
    ann = join(event, "Ann Jones", show_name=True)
    bo, cy = join(event, "Bo"), join(event, "Cy")
    transport = propose(event, morning, ann, "Transport to meetings", "Buses stop at six.",
                        name="Ann", help_wanted=True)
    paying = propose(event, morning, bo, "Paying carers for their time")
    easy_read = propose(event, morning, cy, "Easy read", "Plain words, big print.", name="Cy")
    paper = propose(event, morning, None, "Young carers' voices", name="Dee", source="paper")
    propose(event, morning, ann, "=1+1", "@SUM(A1)")
    raw = store_raw_topic(event, morning, title=RAW_TITLE,
                          description="bell\x07\x00 and\r\nbreak", convener_name="@SUM(A1)",
                          source="paper")
    rude = propose(event, morning, ann, "Something rude")
    duplicate = propose(event, morning, cy, "Buses and trains", name="Cy")
    for topic, space, slot in ((transport, "Main Hall", 1), (easy_read, "Main Hall", 1),
                               (paying, "Room 1", 1), (paper, "Room 1", 2)):
        place(event, morning, topic, space, slot)
    for person, topic in ((bo, transport), (cy, duplicate), (ann, paying), (bo, rude)):
        service.mark_interest(event, person, topic.id, True)
    service.hide(event, rude.id, True)
    service.merge(event, transport.id, duplicate.id)
    monkeypatch.setattr(service, "local_now", lambda: dt.datetime(2030, 5, 14, 11, 10))
    for person, topic in ((bo, transport), (cy, transport), (ann, paying)):
        service.check_in(event, person, topic.id)
    db.session.commit()
    return SimpleNamespace(event=event, morning=morning, afternoon=afternoon, ann=ann, bo=bo,
                           cy=cy, raw=raw)


@pytest.fixture
def workbook(board):
    return open_workbook(export_bytes(board.event))


@pytest.fixture
def with_hidden(board):
    return open_workbook(export_bytes(board.event, include_hidden=True))


def topic_row(title, line=None, convener="anonymous", space=None, slot=None, interest=0,
              peak=0, help_wanted="No", source="Phone", stage="Morning open space") -> dict:
    return {"Stage": stage, "Topic": title, "A line or two": line, "Convener": convener,
            "Space": space, "Slot": slot, "Interest": interest, "Peak headcount": peak,
            "Help wanted": help_wanted, "Came from": source}


SHOWN_TOPICS = [
    topic_row("Transport to meetings", "Buses stop at six.", "Ann", "Main Hall", DAY_ONE,
              interest=2, peak=2, help_wanted="Yes"),
    topic_row("Paying carers for their time", space="Room 1", slot=DAY_ONE, interest=1, peak=1),
    topic_row("Easy read", "Plain words, big print.", "Cy", "Main Hall", DAY_ONE),
    topic_row("Young carers' voices", convener="Dee", space="Room 1", slot=DAY_TWO,
              source="Paper card"),
    topic_row("=1+1", "@SUM(A1)"),
    topic_row(RAW_TITLE, "bell and\nbreak", "@SUM(A1)", source="Paper card"),
]


def test_workbook_has_the_open_space_sheets_after_the_pledges(workbook):
    assert workbook.sheetnames == ["Summary", "Pledges", "Progress", "Topics", "Board",
                                   "Notes", "Reports", "Reflections", "Ladder", "Polls",
                                   "Participants"]


def test_topics_sheet_has_every_shown_topic_once_and_no_merged_one(workbook):
    sheet = workbook["Topics"]
    assert [c.value for c in sheet[1]] == TOPIC_HEADERS
    assert rows_of(sheet) == SHOWN_TOPICS
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:J7"


def test_topics_sheet_cells_have_real_types(workbook):
    sheet = workbook["Topics"]
    assert (sheet["G2"].data_type, sheet["H2"].data_type) == ("n", "n")
    assert sheet["B2"].alignment.wrap_text is True
    assert sheet["D1"].comment is not None


def test_topics_sheet_includes_hidden_topics_greyed_when_asked(with_hidden):
    sheet = with_hidden["Topics"]
    assert [c.value for c in sheet[1]] == [*TOPIC_HEADERS, "Shown to everyone"]
    rude = topic_row("Something rude", interest=1)
    assert rows_of(sheet) == [{**row, "Shown to everyone": "Yes"} for row in SHOWN_TOPICS] + [
        {**rude, "Shown to everyone": "No: hidden by a facilitator"}]
    assert sheet["B8"].font.italic is True
    assert sheet["B8"].fill.fgColor.rgb == "00EDEDED"
    assert sheet["B7"].font.italic is not True


def test_topics_sheet_keeps_hostile_text_as_text(workbook):
    sheet = workbook["Topics"]
    # Row 6 is "=1+1" with "@SUM(A1)" under it; row 7 the topic stored past the forms.
    for ref in ("B6", "C6", "D7"):
        assert (sheet[ref].data_type, sheet[ref].quotePrefix) == ("s", True)
    assert (sheet["B7"].value, sheet["B7"].data_type, sheet["B7"].quotePrefix) == (
        RAW_TITLE, "s", False)
    assert sheet["C7"].value == "bell and\nbreak"


def test_board_sheet_is_the_grid_people_saw(workbook):
    assert list(workbook["Board"].iter_rows(values_only=True)) == [
        ("Morning open space", None, None),
        ("Time slot", HALL, "Room 1"),
        (DAY_ONE, "Transport to meetings\nEasy read", "Paying carers for their time"),
        (DAY_TWO, None, "Young carers' voices"),
        ("Not on the board yet", f"=1+1\n{RAW_TITLE}", None),
        (None, None, None),
        ("Afternoon open space", None, None),
        ("Time slot", "Garden Room", None),
        ("14 May 2030, 14:00–14:45", None, None),
        ("Not on the board yet", None, None),
    ]


def test_board_sheet_adds_hidden_topics_greyed_when_asked(with_hidden):
    sheet = with_hidden["Board"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[5] == ("Hidden by a facilitator", "Something rude", None)
    assert rows[11] == ("Hidden by a facilitator", None, None)
    assert len(rows) == 12
    assert sheet["B6"].font.italic is True and sheet["B6"].fill.fgColor.rgb == "00EDEDED"
    assert sheet["B5"].font.italic is not True


def test_board_sheet_looks_like_a_board(workbook):
    sheet = workbook["Board"]
    assert sheet["A1"].font.bold is True and sheet["A1"].font.size == 13
    assert all(c.font.bold and c.fill.fgColor.rgb == "001F4E79" for c in sheet[2])
    assert sheet["B3"].alignment.wrap_text is True and sheet["B3"].alignment.vertical == "top"
    assert sheet.row_dimensions[3].height == 30      # two titles share the hall at 11:00
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["C"].width) == (22, 30)
    assert sheet.page_setup.orientation == "landscape"


def test_board_sheet_keeps_hostile_titles_as_text(workbook):
    tray = workbook["Board"]["B5"]
    assert (tray.value, tray.data_type, tray.quotePrefix) == (f"=1+1\n{RAW_TITLE}", "s", True)


def test_board_sheet_of_an_event_without_open_space_says_so(make_event):
    plan = '[event]\ntitle = "No open space"\n[[stages]]\nkind = "welcome"\n'
    workbook = open_workbook(export_bytes(make_event(plan=plan)))
    assert list(workbook["Board"].iter_rows(values_only=True)) == [
        ("This event has no open space.",)]
    assert workbook["Topics"].max_row == 1


def summary_values(workbook) -> dict:
    return {row[0]: row[1:3] for row in workbook["Summary"].iter_rows(values_only=True)
            if row and row[0] is not None}


@pytest.mark.parametrize("include_hidden, remark, marks", [(False, "Not in this file", 3),
                                                           (True, "In this file, greyed out", 4)])
def test_summary_counts_the_topics(board, include_hidden, remark, marks):
    values = summary_values(open_workbook(export_bytes(board.event,
                                                       include_hidden=include_hidden)))
    assert values["Open-space topics"] == (6, None)
    assert values["Open-space topics from paper cards"] == (2, None)
    assert values["Open-space topics hidden"] == (1, remark)
    # Bo's mark on the hidden topic counts only in a file that has hidden topics.
    assert values["Marks of interest in topics"] == (marks, None)


def participants(workbook) -> dict:
    return {row["Name"]: (row["Topics convened"], row["Topics marked"])
            for row in rows_of(workbook["Participants"])}


def test_participants_sheet_counts_topics_convened_and_marked(workbook):
    # Cy's duplicate was merged away, and their mark moved to the topic kept.
    assert participants(workbook) == {"Ann Jones": (2, 1), "Bo": (1, 1), "Cy": (1, 1)}


def test_participants_sheet_counts_hidden_topics_when_asked(with_hidden):
    assert participants(with_hidden) == {"Ann Jones": (3, 1), "Bo": (1, 2), "Cy": (1, 1)}


def test_workbook_holds_no_formula(board):
    with zipfile.ZipFile(io.BytesIO(export_bytes(board.event))) as archive:
        xml = "".join(archive.read(name).decode() for name in archive.namelist()
                      if name.startswith("xl/worksheets/sheet"))
    assert "<f>" not in xml and "<f " not in xml
    assert "<script>" not in xml


def described(sheet) -> list:
    """Each cell as a reader sees it (an empty cell's type says nothing, as in test_fastrows)."""
    return [(c.coordinate, c.value, c.data_type if c.value is not None else None,
             c.quotePrefix, c.font.italic, c.fill.fgColor.rgb)
            for row in sheet.iter_rows() for c in row]


@pytest.mark.parametrize("include_hidden", [False, True])
def test_open_space_sheets_read_the_same_without_fast_rows(board, monkeypatch, include_hidden):
    fast = open_workbook(export_bytes(board.event, include_hidden=include_hidden))
    monkeypatch.setattr(fastrows.RowSink, "open", classmethod(lambda cls, ws: None))
    plain = open_workbook(export_bytes(board.event, include_hidden=include_hidden))
    for title in ("Topics", "Board"):
        assert described(fast[title]) == described(plain[title])
