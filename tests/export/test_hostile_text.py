"""Whatever attendees write comes back from the workbook as the same text, never as a formula."""

import pytest

from facilitate.export.workbook.cells import CELL_LIMIT, TRUNCATION_MARK
from tests.export.helpers import (
    export_bytes,
    join,
    open_workbook,
    paper_pledge,
    reflect,
    rows_of,
    sheet_xml,
    store_raw_reflection,
)

FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "=1+1",
                "=cmd|' /C calc'!A0"]
KEPT_AS_IS = [
    *FORMULA_LIKE,
    "\tstarts with a tab",
    "#N/A",
    "'starts with an apostrophe",
    "Parti 🎉👍🏽 emoji",
    "شكراً لكم جميعاً",
    "תודה רבה",
    "Diolch yn fawr iawn: ŵ ŷ â",
    "Zażółć gęślą jaźń",
    "谢谢大家的参与",
    "line one\nline two",
]
# Written by an attendee -> how the workbook gives it back (documented in cells.py).
CHANGED = [
    ("control\x00\x01\x07\x1b\x1fcharacters", "controlcharacters"),
    ("\r\nstarts with a carriage return", "\nstarts with a carriage return"),
    ("carriage\rreturn", "carriage\nreturn"),
]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture
def event(make_event):
    return make_event()


def export_reflections(event, texts: list[str]):
    for text in texts:
        store_raw_reflection(event, text)
    content = export_bytes(event)
    return content, open_workbook(content)["Reflections"]


@pytest.mark.parametrize("text", KEPT_AS_IS)
def test_reflection_comes_back_as_the_same_text(event, text):
    _, sheet = export_reflections(event, [text])
    cell = sheet["C2"]
    assert cell.value == text
    assert cell.data_type == "s"


@pytest.mark.parametrize("text", FORMULA_LIKE + ["\tstarts with a tab"])
def test_formula_like_text_is_marked_as_text_for_excel(event, text):
    _, sheet = export_reflections(event, [text])
    assert sheet["C2"].quotePrefix is True


def test_plain_text_has_no_quote_mark(event):
    _, sheet = export_reflections(event, ["Just words."])
    assert sheet["C2"].quotePrefix is False


@pytest.mark.parametrize("text, expected", CHANGED)
def test_forbidden_characters_are_removed_not_crashed_on(event, text, expected):
    _, sheet = export_reflections(event, [text])
    assert sheet["C2"].value == expected
    assert sheet["C2"].data_type == "s"


def test_workbook_holds_no_formula_anywhere(event):
    content, _ = export_reflections(event, KEPT_AS_IS)
    xml = sheet_xml(content, open_workbook(content).sheetnames.index("Reflections") + 1)
    assert "<f>" not in xml and "<f " not in xml
    assert xml.count('t="inlineStr"') >= len(KEPT_AS_IS)


def test_text_past_the_cell_limit_is_cut_with_a_visible_mark(event):
    _, sheet = export_reflections(event, ["x" * 40_000])
    value = sheet["C2"].value
    assert len(value) == CELL_LIMIT
    assert value.endswith(TRUNCATION_MARK)
    assert value == "x" * (CELL_LIMIT - len(TRUNCATION_MARK)) + TRUNCATION_MARK


def test_emoji_past_the_cell_limit_are_cut_whole(event):
    _, sheet = export_reflections(event, ["😀" * 20_000])
    value = sheet["C2"].value
    assert value.endswith(TRUNCATION_MARK)
    assert utf16_length(value) <= CELL_LIMIT
    assert set(value[:-len(TRUNCATION_MARK)]) == {"😀"}


def test_text_at_the_cell_limit_is_kept_whole(event):
    text = "y" * CELL_LIMIT
    _, sheet = export_reflections(event, [text])
    assert sheet["C2"].value == text


@pytest.mark.parametrize("action", FORMULA_LIKE)
def test_pledge_text_through_the_service_stays_text(event, action):
    paper_pledge(event, action, support_needed="=SUM(1,2)")
    sheet = open_workbook(export_bytes(event))["Pledges"]
    row = rows_of(sheet)[0]
    assert (row["Pledge"], row["Support they need"]) == (action, "=SUM(1,2)")
    assert sheet["B2"].data_type == "s" and sheet["M2"].data_type == "s"
    assert (sheet["B1"].value, sheet["M1"].value) == ("Pledge", "Support they need")


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_reflection_sent_from_a_phone_stays_text(event, text):
    reflect(event, join(event, "Kim"), text)
    sheet = open_workbook(export_bytes(event))["Reflections"]
    assert (sheet["C2"].value, sheet["C2"].data_type) == (text, "s")


def test_names_and_organisations_stay_text(event):
    join(event, '=HYPERLINK("http://x","y")', "@SUM(A1)", ("Unpaid carer",))
    sheet = open_workbook(export_bytes(event))["Participants"]
    row = rows_of(sheet)[0]
    assert (row["Name"], row["Organisation"]) == ('=HYPERLINK("http://x","y")', "@SUM(A1)")
    assert sheet["B2"].data_type == "s" and sheet["C2"].data_type == "s"


def test_event_title_on_the_summary_stays_text(make_event):
    plan = b'[event]\ntitle = "=HYPERLINK(\\"http://x\\",\\"y\\")"\n[[stages]]\nkind = "welcome"\n'
    event = make_event(plan=plan)
    summary = open_workbook(export_bytes(event))["Summary"]
    assert summary["A1"].value == '=HYPERLINK("http://x","y")'
    assert summary["A1"].data_type == "s"
