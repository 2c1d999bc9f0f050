"""The event's workbook, reopened with openpyxl: every sheet, header, value, type and rule."""

import datetime as dt
import io
import zipfile

import pytest

from facilitate.export.workbook import EVENT_NAME, event_reference
from facilitate.export.workbook.layout import DATE_FORMAT, DATETIME_FORMAT
from tests.export.helpers import export_bytes, open_workbook, rows_of

PLEDGE_HEADERS = [
    "Pledge number", "Pledge", "Name", "Organisation", "By when", "Follow-up status", "New note",
    "Latest note", "Last update", "Theme", "Open space topic", "Whose pledge",
    "Support they need", "Role", "May be shown", "Came from", "Made on", "Follow-up link",
    "Email (agreed to be contacted)", "Status when downloaded",
]
PROGRESS_HEADERS = ["Pledge number", "Pledge", "Date", "Status", "Note", "What changed",
                    "Who updated it", "Staff member"]
REFLECTION_HEADERS = ["Sent at", "Stage", "Reflection", "Me too",
                      "Name (if they agreed to show it)", "Came from"]
PARTICIPANT_HEADERS = ["Joined at", "Name", "Organisation", "Roles", "Joined by",
                       "Agreed to show their name", "Agreed to be contacted",
                       "Email (agreed to be contacted)", "Pledges", "Topics convened",
                       "Topics marked", "Reflections"]


def uk(moment: dt.datetime) -> dt.datetime:
    """A stored UTC time as the workbook shows it (UK time, whole seconds)."""
    from zoneinfo import ZoneInfo
    return (moment.replace(tzinfo=dt.UTC).astimezone(ZoneInfo("Europe/London"))
            .replace(tzinfo=None, microsecond=0))


@pytest.fixture
def workbook(full_event):
    return open_workbook(export_bytes(full_event.event))


@pytest.fixture
def with_hidden(full_event):
    return open_workbook(export_bytes(full_event.event, include_hidden=True))


def test_workbook_has_the_sheets_in_order(workbook):
    assert workbook.sheetnames == ["Summary", "Pledges", "Progress", "Topics", "Board",
                                   "Notes", "Reports", "Reflections", "Ladder", "Polls",
                                   "Participants"]
    assert workbook.active.title == "Summary"


@pytest.mark.parametrize("title, headers, frozen", [
    ("Pledges", PLEDGE_HEADERS, "C2"), ("Progress", PROGRESS_HEADERS, "C2"),
    ("Reflections", REFLECTION_HEADERS, "A2"), ("Participants", PARTICIPANT_HEADERS, "A2")])
def test_table_sheet_has_a_styled_frozen_filtered_header(workbook, title, headers, frozen):
    sheet = workbook[title]
    header = [c.value for c in sheet[1]]
    assert header == headers
    assert sheet.freeze_panes == frozen
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}" \
                                    f"{sheet.max_row}"
    assert all(c.font.bold for c in sheet[1])
    assert all(c.fill.fgColor.rgb in ("001F4E79", "00FFD966") for c in sheet[1])
    assert all(sheet.column_dimensions[c.column_letter].width >= 10 for c in sheet[1])
    assert sheet.print_title_rows == "$1:$1"


def test_pledges_sheet_values_of_a_paper_pledge(workbook, full_event):
    paper = full_event.paper
    row = rows_of(workbook["Pledges"])[0]
    assert row == {
        "Pledge number": paper.id,
        "Made on": dt.datetime(2026, 6, 15, 10, 30),   # 09:30 UTC is 10:30 in a UK summer
        "Pledge": "I will ask carers first.",
        "By when": dt.datetime(2027, 3, 31),
        "Theme": "Equality",
        "Open space topic": None,
        "Whose pledge": "Their team's",
        "Support they need": "A room we can use.",
        "Name": paper.pledger_name or None,
        "Organisation": paper.organisation or None,
        "Role": paper.role or None,
        "May be shown": "With their name",
        "Came from": "Paper card",
        "Follow-up status": "Done",
        "New note": None,
        "Latest note": "Booked a room.",
        "Last update": uk(full_event.updates.second.created_at),
        "Follow-up link": f"https://events.example.org/f/{paper.follow_up_token}",
        "Email (agreed to be contacted)": "jo@example.org",
        "Status when downloaded": "Done",
    }


def test_pledges_sheet_values_of_a_phone_pledge(workbook, full_event):
    phone = full_event.phone
    row = rows_of(workbook["Pledges"])[1]
    assert row == {
        "Pledge number": phone.id,
        "Made on": dt.datetime(2026, 12, 3, 11, 0),    # winter: UK time is UTC
        "Pledge": "I will share the report.",
        "By when": None,
        "Theme": "Diversity",
        "Open space topic": None,
        "Whose pledge": "Their own",
        "Support they need": None,
        "Name": "Amira Khan",
        "Organisation": "Carers Together",
        "Role": "Unpaid carer, NHS",
        "May be shown": "Without a name",
        "Came from": "Phone",
        "Follow-up status": "Not started",
        "New note": None,
        "Latest note": None,
        "Last update": None,
        "Follow-up link": f"https://events.example.org/f/{phone.follow_up_token}",
        # No consent was given with this pledge, so no address.
        "Email (agreed to be contacted)": None,
        "Status when downloaded": "Not started",
    }


def cell(sheet, header: str, row: int = 2):
    """The cell under a header."""
    column = next(c.column for c in sheet[1] if c.value == header)
    return sheet.cell(row, column)


def test_pledges_sheet_cells_have_real_types_and_formats(workbook):
    sheet = workbook["Pledges"]
    made_on, due = cell(sheet, "Made on"), cell(sheet, "By when")
    number, link, pledge = cell(sheet, "Pledge number"), cell(sheet, "Follow-up link"), \
        cell(sheet, "Pledge")
    assert made_on.is_date and made_on.number_format == DATETIME_FORMAT
    assert due.is_date and due.number_format == DATE_FORMAT
    assert number.data_type == "n"
    assert link.hyperlink.target == link.value
    assert pledge.alignment.wrap_text is True
    assert pledge.alignment.vertical == "top"
    assert not cell(sheet, "Name").alignment.wrap_text


def test_pledges_sheet_status_has_a_drop_down_of_the_labels(workbook):
    sheet = workbook["Pledges"]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"Not started,In progress,Done,Could not do"'
    assert str(validation.sqref) == "F2:F3"
    assert sheet["F1"].value == "Follow-up status"
    assert validation.showErrorMessage is True


def test_pledges_sheet_colours_statuses_and_marks_editable_columns(workbook):
    sheet = workbook["Pledges"]
    rules = {rule.formula[0]: rule for cf in sheet.conditional_formatting for rule in cf.rules}
    assert set(rules) == {'"Done"', '"In progress"', '"Could not do"'}
    assert cell(sheet, "Follow-up status", 1).fill.fgColor.rgb == "00FFD966"
    assert cell(sheet, "New note", 1).fill.fgColor.rgb == "00FFD966"
    assert cell(sheet, "New note").fill.fgColor.rgb == "00FFF9E5"
    assert cell(sheet, "Follow-up status", 1).comment is not None


def test_pledges_sheet_hides_the_status_when_downloaded(workbook):
    sheet = workbook["Pledges"]
    assert sheet["T1"].value == "Status when downloaded"
    assert sheet.column_dimensions["T"].hidden is True
    assert sheet.column_dimensions["S"].hidden is False


def test_progress_sheet_has_every_update_of_exported_pledges(workbook, full_event):
    paper, updates = full_event.paper, full_event.updates
    assert rows_of(workbook["Progress"]) == [
        {"Pledge number": paper.id, "Pledge": "I will ask carers first.",
         "Date": uk(updates.first.created_at), "Status": "In progress",
         "Note": "Booked a room.", "What changed": None, "Who updated it": "The pledger",
         "Staff member": None},
        {"Pledge number": paper.id, "Pledge": "I will ask carers first.",
         "Date": uk(updates.second.created_at), "Status": "Done", "Note": None,
         "What changed": "Carers set the agenda now.", "Who updated it": "Staff",
         "Staff member": "Sam Facilitator"},
    ]
    assert workbook["Progress"]["C2"].is_date


def test_reflections_sheet_shows_names_only_with_consent(workbook):
    assert rows_of(workbook["Reflections"]) == [
        {"Sent at": dt.datetime(2026, 6, 15, 10, 30), "Stage": "What did you hear?",
         "Reflection": "Being asked early matters.", "Me too": 0,
         "Name (if they agreed to show it)": "Amira Khan", "Came from": "Phone"},
        {"Sent at": dt.datetime(2026, 12, 3, 10, 5), "Stage": "What did you hear?",
         "Reflection": "Keep the words plain.", "Me too": 0,
         "Name (if they agreed to show it)": None, "Came from": "Phone"},
    ]


def test_participants_sheet_gives_contact_only_with_consent(workbook, full_event):
    rows = rows_of(workbook["Participants"])
    assert [r["Name"] for r in rows] == ["Amira Khan", "Bob", None]
    amira, bob, paper = rows
    assert amira == {"Joined at": uk(full_event.amira.joined_at), "Name": "Amira Khan",
                     "Organisation": "Carers Together", "Roles": "Unpaid carer, NHS",
                     "Joined by": "Phone", "Agreed to show their name": "Yes",
                     "Agreed to be contacted": "No", "Email (agreed to be contacted)": None,
                     "Pledges": 1, "Topics convened": 0, "Topics marked": 0,
                     "Reflections": 1}
    # Bob's address was stored without consent: it stays out.
    assert (bob["Agreed to be contacted"], bob["Email (agreed to be contacted)"]) == ("No", None)
    assert (paper["Joined by"], paper["Agreed to be contacted"],
            paper["Email (agreed to be contacted)"], paper["Pledges"]) == (
        "Paper card", "Yes", "jo@example.org", 1)


def test_hidden_waiting_and_taken_back_items_are_left_out_by_default(workbook, full_event):
    text = "\n".join(str(c.value) for sheet in workbook for row in sheet.iter_rows()
                     for c in row if c.value is not None)
    for left_out in ("A pledge that was hidden.", "A pledge waiting for approval.",
                     "A pledge taken back.", "Secret.", "Something rude.", "Waiting for a look."):
        assert left_out not in text
    assert "Shown to everyone" not in text


def test_hidden_items_are_included_and_marked_when_asked(with_hidden, full_event):
    pledges = rows_of(with_hidden["Pledges"])
    assert [(p["Pledge"], p["Shown to everyone"]) for p in pledges] == [
        ("I will ask carers first.", "Yes"),
        ("I will share the report.", "Yes"),
        ("A pledge that was hidden.", "No: hidden by a facilitator"),
        ("A pledge waiting for approval.", "No: waiting for approval"),
        ("A pledge taken back.", "No: taken back by the pledger"),
    ]
    sheet = with_hidden["Pledges"]
    assert sheet["B2"].font.italic is not True
    assert all(sheet.cell(row, 2).font.italic for row in (4, 5, 6))
    assert sheet.cell(4, 2).fill.fgColor.rgb == "00EDEDED"
    assert [r["Note"] for r in rows_of(with_hidden["Progress"])][-1] == "Secret."
    assert [(r["Reflection"], r["Shown to everyone"])
            for r in rows_of(with_hidden["Reflections"])][2:] == [
        ("Something rude.", "No: hidden by a facilitator"),
        ("Waiting for a look.", "No: waiting for approval")]


def summary_values(workbook) -> dict:
    return {row[0]: row[1:] for row in workbook["Summary"].iter_rows(values_only=True)
            if row and row[0] is not None}


def test_summary_has_the_event_facts_and_counts(workbook, full_event):
    event = full_event.event
    values = summary_values(workbook)
    assert workbook["Summary"]["A1"].value == event.title
    assert values["Event"][0] == event.title
    assert values["Join code"][0] == event.code
    assert values["Date"][0] == dt.datetime(2026, 12, 3)
    assert values["Venue"][0] == "Town Hall, Main Hall"
    assert values["Status"][0] == "Closed"
    assert values["Themes"][0] == "Equality, Diversity, Accessibility, Reciprocity"
    assert isinstance(values["Downloaded on"][0], dt.datetime)
    assert values["Times are in"][0] == "UK time"
    assert values["Hidden, waiting and taken-back items"][0] == "Left out"
    assert values["Event reference"][0] == event_reference(event)
    assert values["People who joined on a phone"][:2] == (2, None)
    assert values["Reflections"][0] == 2
    assert values["Reflections hidden or waiting for approval"][:2] == (2, "Not in this file")
    assert values["Pledges"][0] == 2
    assert values["Pledges hidden or waiting for approval"][:2] == (2, "Not in this file")
    assert values["Pledges taken back by the pledger"][:2] == (1, "Not in this file")
    assert values["Pledges from paper cards"][0] == 1
    assert values["Pledges with an email for follow-up"][0] == 1
    assert values["Progress updates"][0] == 2


def test_summary_counts_pledges_by_theme_and_status(workbook):
    rows = [r[:2] for r in workbook["Summary"].iter_rows(values_only=True)]
    themes = rows.index(("Theme", "Pledges"))
    assert rows[themes + 1:themes + 5] == [("Equality", 1), ("Diversity", 1),
                                           ("Accessibility", 0), ("Reciprocity", 0)]
    statuses = rows.index(("Follow-up status", "Pledges"))
    assert rows[statuses + 1:statuses + 5] == [("Not started", 1), ("In progress", 0),
                                               ("Done", 1), ("Could not do", 0)]


def test_summary_counts_hidden_items_when_included(with_hidden):
    values = summary_values(with_hidden)
    assert values["Hidden, waiting and taken-back items"][0] == "Included, greyed out"
    assert values["Pledges hidden or waiting for approval"][:2] == (2, "In this file, greyed out")
    rows = [r[:2] for r in with_hidden["Summary"].iter_rows(values_only=True)]
    themes = rows.index(("Theme", "Pledges"))
    # The hidden pledge counts; the one taken back does not, and has no theme anyway.
    assert rows[themes + 1:themes + 6] == [("Equality", 2), ("Diversity", 1),
                                           ("Accessibility", 0), ("Reciprocity", 0),
                                           ("(No theme)", 1)]


def test_summary_has_two_native_bar_charts_of_its_tables(full_event):
    content = export_bytes(full_event.event)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = [archive.read(name).decode() for name in charts]
    # The Summary's two come first; then the Ladder sheet's one and the Polls sheet's three.
    assert len(charts) == 6
    assert '<barDir val="bar" />' in xml[0] and "Pledges by theme" in xml[0]
    assert '<barDir val="col" />' in xml[1] and "Pledges by follow-up status" in xml[1]
    summary = open_workbook(content)["Summary"]
    rows = [r[0] for r in summary.iter_rows(values_only=True)]
    theme_header = rows.index("Theme") + 1
    assert f"<val><numRef><f>'Summary'!$B${theme_header + 1}:$B${theme_header + 4}</f>" in xml[0]
    assert f"<cat><strRef><f>'Summary'!$A${theme_header + 1}:$A${theme_header + 4}</f>" in xml[0]


def test_workbook_carries_the_event_reference_as_a_defined_name(workbook, full_event):
    name = workbook.defined_names[EVENT_NAME]
    assert name.attr_text == f'"{event_reference(full_event.event)}"'


def test_empty_event_exports_headers_and_zero_counts(make_event):
    event = make_event()
    workbook = open_workbook(export_bytes(event))
    for title in ("Pledges", "Progress", "Reflections", "Participants"):
        assert workbook[title].max_row == 1
    assert summary_values(workbook)["Pledges"][0] == 0
