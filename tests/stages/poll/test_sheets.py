"""The workbook's Polls and Ladder sheets, read back with openpyxl: counts per choice and rung,
phones and paper apart, by role group, medians and the gap, a native chart each, and text
that stays text."""

import pytest

from facilitate.stages.poll import service
from tests.export.helpers import export_bytes, open_workbook
from tests.stages.poll.conftest import HOW_HEARD, LISTENED, NOW, WANT, WHAT_HELPS, stage_of


def rows(sheet) -> list[tuple]:
    return [tuple(v for v in row if v is not None)
            for row in sheet.iter_rows(values_only=True)]


def row_starting(sheet, label, after=None) -> tuple:
    found = [r for r in rows(sheet) if r and r[0] == label]
    return found[after or 0]


@pytest.fixture
def answered(event, make_participant):
    poll, ladder = stage_of(event, "poll"), stage_of(event, "ladder")
    ann = make_participant(event, "Ann", roles=["Person who draws on care and support"])
    bo = make_participant(event, "Bo", roles=["NHS"])
    cy = make_participant(event, "Cy", roles=["Voluntary or community organisation"])
    ids = iter(range(1, 100))

    def send(stage, person, question_id, choices):
        service.answer(event, person, f"answer-id-{next(ids):04d}", stage.id, question_id,
                       choices)

    send(poll, ann, HOW_HEARD, [0])
    send(poll, bo, HOW_HEARD, [2])
    send(poll, cy, HOW_HEARD, [0])
    service.set_paper(event, poll.id, HOW_HEARD, {"0": 5, "3": 2})
    service.control(event, poll.id, WHAT_HELPS, "ask")
    send(poll, ann, WHAT_HELPS, [1, 4])
    service.control(event, poll.id, LISTENED, "ask")
    send(poll, ann, LISTENED, [4])
    send(poll, bo, LISTENED, [2])
    for person, now, want in ((ann, 2, 7), (bo, 5, 6), (cy, 3, 6)):
        send(ladder, person, NOW, [now])
        send(ladder, person, WANT, [want])
    service.set_paper(event, ladder.id, NOW, {"4": 1})
    service.save_question(event, poll.id, {"text": "=HYPERLINK(\"http://x\")",
                                           "options": ["+1", "@me"]})
    return open_workbook(export_bytes(event))


def test_the_polls_sheet_counts_phones_and_paper_apart_by_role_group(answered):
    sheet = answered["Polls"]
    assert rows(sheet)[0] == ("Quick questions: question 1",)
    assert row_starting(sheet, "Question") == ("Question", "How did you hear about today?")
    assert row_starting(sheet, "Answer") == (
        "Answer", "Phones", "Paper or show of hands", "Total",
        "Phones: People who draw on care and support, carers and family",
        "Phones: Voluntary and community groups",
        "Phones: NHS, council, providers and commissioners", "Phones: Others",
        "Phones: Gave no role, or preferred not to say")
    assert row_starting(sheet, "From a friend or family") == (
        "From a friend or family", 2, 5, 7, 1, 1, 0, 0, 0)
    assert row_starting(sheet, "Another way") == ("Another way", 0, 2, 2, 0, 0, 0, 0, 0)
    assert row_starting(sheet, "People who answered on a phone") == (
        "People who answered on a phone", 3)
    assert row_starting(sheet, "How people answered", 1) == (
        "How people answered", "Choose up to 2")
    assert row_starting(sheet, "Median (phones and paper)") == (
        "Median (phones and paper)", 3)


def test_the_ladder_sheet_has_rungs_medians_and_the_gap(answered):
    sheet = answered["Ladder"]
    assert rows(sheet)[0] == ("Where are we on the ladder?",)
    top = row_starting(sheet, "7. Co-production")
    assert top[:7] == ("7. Co-production", 0, 0, 0, 1, 0, 1)
    assert row_starting(sheet, "4. Consultation")[:7] == ("4. Consultation", 0, 1, 1, 0, 0, 0)
    # Now, phones by group (care, community, services, other, none) for rung 2: Ann.
    assert row_starting(sheet, "2. Educating")[7:12] == (1, 0, 0, 0, 0)
    assert row_starting(sheet, "Median rung now (phones and paper)")[1] == 3.5
    assert row_starting(sheet, "Median now, in words")[1] == "between Informing and Consultation"
    assert row_starting(sheet, "Median rung wanted")[1] == 6
    assert row_starting(sheet, "Gap (rungs from now to wanted)")[1] == 2.5
    assert "Think Local Act Personal" in row_starting(sheet, "Credit")[1]


def test_the_summary_counts_who_answered(answered):
    summary = {row[0]: row[1] for row in rows(answered["Summary"]) if len(row) > 1}
    assert summary["People who answered a poll on their phone"] == 3
    assert summary["People who answered the ladder on their phone"] == 3


def test_each_block_has_a_native_chart(answered):
    assert len(answered["Polls"]._charts) == 4
    assert len(answered["Ladder"]._charts) == 1


def test_attendee_text_stays_text(answered):
    sheet = answered["Polls"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    question = next(c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert question.data_type == "s" and question.quotePrefix
    plus = next(c for c in cells if c.value == "+1")
    assert plus.data_type == "s"


def test_an_event_without_polls_says_so(make_event):
    event = make_event(plan='[event]\ntitle = "No polls"\n[[stages]]\nkind = "welcome"\n',
                       status="live")
    book = open_workbook(export_bytes(event))
    assert rows(book["Polls"]) == [("This event has no poll.",)]
    assert rows(book["Ladder"]) == [("This event has no ladder of co-production.",)]


def test_the_ladder_sheet_puts_the_earlier_events_answers_beside(event, make_event,
                                                                 make_participant):
    from facilitate.stages.ladder import earlier

    owner = event.facilitators[0].user
    march = make_event(owner=owner, status="live")
    before = stage_of(march, "ladder")
    person = make_participant(march, "Ann")
    service.answer(march, person, "march-id-0001", before.id, NOW, [4])
    service.answer(march, person, "march-id-0002", before.id, WANT, [6])
    earlier.set_earlier(event, owner, stage_of(event, "ladder").id, before.id)

    sheet = open_workbook(export_bytes(event))["Ladder"]
    assert row_starting(sheet, "Rung")[-2:] == ("Earlier event: now", "Earlier event: want")
    assert row_starting(sheet, "4. Consultation")[-2:] == (1, 0)
    assert row_starting(sheet, "6. Co-design")[-2:] == (0, 1)
    assert row_starting(sheet, "Compared with")[1] == (
        "Working together: our co-production day (2026-12-03): Where are we on the ladder?")
    assert row_starting(sheet, "Earlier gap (rungs)")[1] == 2
