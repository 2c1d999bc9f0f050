"""The Notes and Reports sheets, reopened with openpyxl: each note with its topic and kind,
each topic with its report and actions; hidden and waiting notes only with hidden items;
attendees' text stays text."""

import datetime as dt

import pytest

from facilitate.stages.open_space import notes, reports, service
from tests.export.helpers import export_bytes, join, open_workbook, rows_of
from tests.stages.open_space.test_sheets import PLAN, place, propose

FORMULA = '=HYPERLINK("http://evil.example","click")'
TODAY = dt.date(2030, 5, 14)


@pytest.fixture
def records(app, make_event):
    """Two topics on the board (one with a phone report and notes of every kind, one from a
    paper card with a paper report), a topic without a report, a hidden and a waiting note,
    and a hidden topic with a note."""
    event = make_event(plan=PLAN, status="live")
    morning = next(s for s in event.stages if s.kind == "open_space")
    ann = join(event, "Ann Jones", show_name=True)
    transport = propose(event, morning, ann, "Transport to meetings", name="Ann")
    place(event, morning, transport, "Main Hall", 1)
    paper = propose(event, morning, None, "Young carers' voices", name="Dee", source="paper")
    place(event, morning, paper, "Room 1", 2)
    propose(event, morning, ann, "Easy read", name="Ann")
    rude = propose(event, morning, ann, "Something rude")
    limits = app.extensions["facilitate_rate_limits"]   # one phone sends a lot here
    limits.reset()
    for n, (kind, text, owner) in enumerate([
            ("point", "Buses stop at six.", ""), ("idea", FORMULA, ""),
            ("question", "Who pays for taxis?", ""),
            ("action", "Ask the bus company", "Ann and Pat")], start=1):
        notes.add(event, ann, f"note-id-{n:04d}", transport.id, kind, text, owner)
    hidden, _ = notes.add(event, ann, "note-id-0010", transport.id, "point", "Hidden words")
    notes.moderate(event, hidden.id, "hidden")
    waiting, _ = notes.add(event, ann, "note-id-0011", transport.id, "point", "Waiting words")
    notes.moderate(event, waiting.id, "pending")
    notes.add(event, None, "note-id-0012", paper.id, "point", "From the flipchart",
              source="paper")
    notes.add(event, ann, "note-id-0013", rude.id, "point", "On a hidden topic")
    service.hide(event, rude.id, True)
    limits.reset()
    reports.save(event, ann, "report-id-0001", transport.id, {
        "discussed": "Getting to meetings", "people_count": 9, "names": "Ann, Bo",
        "key_points": "Buses\n" + FORMULA, "recommendations": "Evening buses",
        "actions": [{"what": "Write to the council", "owner": "Ann", "due": "2030-06-30"},
                    {"what": "Map the routes", "owner": "", "due": ""}]}, today=TODAY)
    reports.save(event, None, "report-id-0002", paper.id, {"discussed": "Young carers"},
                 source="paper", today=TODAY)
    return event


def test_the_notes_sheet_lists_each_shown_note_with_its_topic_and_kind(records):
    workbook = open_workbook(export_bytes(records))
    rows = rows_of(workbook["Notes"])

    assert [(r["Topic"], r["Kind"], r["Note"], r["Who will do it"], r["Came from"])
            for r in rows] == [
        ("Transport to meetings", "Key point", "Buses stop at six.", None, "Phone"),
        ("Transport to meetings", "Idea", FORMULA, None, "Phone"),
        ("Transport to meetings", "Question", "Who pays for taxis?", None, "Phone"),
        ("Transport to meetings", "Action", "Ask the bus company", "Ann and Pat", "Phone"),
        ("Young carers' voices", "Key point", "From the flipchart", None, "Paper card")]
    assert all(isinstance(r["Sent at"], dt.datetime) for r in rows)
    assert rows[0]["Stage"] == "Morning open space"
    idea = workbook["Notes"]["D3"]
    assert (idea.data_type, idea.quotePrefix) == ("s", True)   # text, never a formula


def test_with_hidden_items_the_notes_sheet_has_the_rest_greyed(records):
    workbook = open_workbook(export_bytes(records, include_hidden=True))
    rows = {r["Note"]: r for r in rows_of(workbook["Notes"])}

    assert rows["Hidden words"]["Shown to everyone"] == "No: hidden by a facilitator"
    assert rows["Waiting words"]["Shown to everyone"] == "No: waiting for approval"
    assert rows["On a hidden topic"]["Topic"] == "Something rude"
    assert rows["Buses stop at six."]["Shown to everyone"] == "Yes"


def test_the_reports_sheet_has_a_row_a_topic_with_its_report_and_actions(records):
    workbook = open_workbook(export_bytes(records))
    rows = {r["Topic"]: r for r in rows_of(workbook["Reports"])}

    assert list(rows) == ["Transport to meetings", "Young carers' voices", "Easy read"]
    transport = rows["Transport to meetings"]
    assert (transport["Convener"], transport["Where and when"], transport["Report written"],
            transport["Came from"], transport["What was discussed"],
            transport["How many took part"], transport["Names (with their agreement)"],
            transport["Key points"], transport["Recommendations"]) == (
        "Ann", "Main Hall, 14 May 2030, 11:00–11:45", "Yes", "Phone", "Getting to meetings",
        9, "Ann, Bo", "Buses\n" + FORMULA, "Evening buses")
    assert transport["Actions"] == ("1. Write to the council — led by Ann — by 30 Jun 2030\n"
                                    "2. Map the routes")
    assert isinstance(transport["Last changed"], dt.datetime)
    assert (rows["Young carers' voices"]["Came from"],
            rows["Young carers' voices"]["Report written"]) == ("Paper card", "Yes")
    assert (rows["Easy read"]["Report written"], rows["Easy read"]["What was discussed"],
            rows["Easy read"]["How many took part"]) == ("No", None, None)
    key_points = next(c for c in workbook["Reports"][2] if c.value == "Buses\n" + FORMULA)
    assert key_points.data_type == "s"


def test_with_hidden_items_the_reports_sheet_has_hidden_topics(records):
    workbook = open_workbook(export_bytes(records, include_hidden=True))
    rows = {r["Topic"]: r for r in rows_of(workbook["Reports"])}
    assert rows["Something rude"]["Shown to everyone"] == "No: hidden by a facilitator"
    assert rows["Something rude"]["Report written"] == "No"


def test_an_event_without_an_open_space_has_empty_notes_and_reports(make_event):
    workbook = open_workbook(export_bytes(make_event(plan=PLAN.split("[[stages]]")[0]
                                                     + '[[stages]]\nkind = "welcome"\n')))
    assert rows_of(workbook["Notes"]) == [] and rows_of(workbook["Reports"]) == []


def test_the_summary_counts_shown_notes_and_reports_written(records):
    summary = open_workbook(export_bytes(records))["Summary"]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert values["Notes from topics (shown)"] == 5
    assert values["Session reports written"] == 2
