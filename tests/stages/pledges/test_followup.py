"""Follow-up: progress by group, check-ins due, overdue, mail merge, "you said, we did"."""

import csv
import datetime as dt
import io

import pytest

from facilitate.domain.errors import UserError
from facilitate.extensions import db
from facilitate.stages.pledges import followup
from facilitate.stages.pledges import service as pledges
from facilitate.store.models import ProgressUpdate

EVENT_DAY = dt.date(2026, 12, 3)


@pytest.fixture
def event(make_event):
    made = make_event()
    assert made.date == EVENT_DAY
    return made


def backdate(update: ProgressUpdate, day: dt.date) -> None:
    update.created_at = dt.datetime.combine(day, dt.time(12))
    db.session.commit()


def test_follow_up_counts_by_status_theme_organisation_and_role(event, make_participant,
                                                                make_pledge):
    nhs = make_participant(event, "Ann", "NHS Trust", ["NHS"])
    carer = make_participant(event, "Bo", "", ["Unpaid carer", "Family member or friend"])
    first = make_pledge(event, nhs, theme="Equality")
    make_pledge(event, nhs, theme="Equality", organisation="nhs trust")
    make_pledge(event, carer)
    make_pledge(event, None, organisation="Age UK", role="Provider")
    pledges.record_progress(first, {"status": "done"})
    page = followup.follow_up(event, today=EVENT_DAY)
    assert page.total == 4
    assert page.by_status == {"not_started": 3, "in_progress": 0, "done": 1, "could_not_do": 0}
    assert [(g.name, g.total, g.counts["done"]) for g in page.by_theme] == [
        ("Equality", 2, 1), ("", 2, 0)]
    assert [(g.name, g.total) for g in page.by_organisation] == [
        ("NHS Trust", 2), ("Age UK", 1), ("", 1)]
    assert [(g.name, g.total) for g in page.by_role] == [
        ("NHS", 2), ("Family member or friend", 1), ("Provider", 1), ("Unpaid carer", 1)]


def test_withdrawn_pledges_are_not_followed_up(event, make_participant, make_pledge):
    sam = make_participant(event)
    pledges.withdraw_pledge(make_pledge(event, sam), sam)
    assert followup.follow_up(event, today=EVENT_DAY).total == 0


def test_checkins_fall_due_after_six_weeks_three_and_six_months(event, make_pledge):
    pledge = make_pledge(event)
    assert followup.follow_up(event, today=EVENT_DAY + dt.timedelta(days=41)).checkins_due == []
    due = followup.follow_up(event, today=EVENT_DAY + dt.timedelta(days=42)).checkins_due
    assert [(r.pledge, r.checkin) for r in due] == [(pledge, (42, dt.date(2027, 1, 14)))]
    later = followup.follow_up(event, today=dt.date(2027, 6, 10)).checkins_due
    assert [r.checkin for r in later] == [(182, dt.date(2027, 6, 3))]


def test_an_update_answers_the_checkin(event, make_pledge):
    pledge = make_pledge(event)
    backdate(pledges.record_progress(pledge, {"status": "in_progress"}), dt.date(2027, 1, 20))
    assert followup.follow_up(event, today=dt.date(2027, 2, 1)).checkins_due == []
    assert len(followup.follow_up(event, today=dt.date(2027, 3, 4)).checkins_due) == 1


def test_checkins_are_configurable_per_event(event, make_pledge):
    make_pledge(event)
    followup.save_settings(event, checkin_days=["14"], retention_days="", publish=False)
    due = followup.follow_up(event, today=EVENT_DAY + dt.timedelta(days=14)).checkins_due
    assert [r.checkin[0] for r in due] == [14]


def test_overdue_lists_pledges_whose_date_passed_without_an_update(event, make_pledge):
    today = dt.date(2027, 4, 1)
    late = make_pledge(event, due="2027-01-31", action="Late")
    answered = make_pledge(event, due="2027-01-31", action="Answered")
    done = make_pledge(event, due="2027-01-31", action="Done")
    make_pledge(event, due="2027-06-30", action="Not yet due")
    make_pledge(event, action="No date")
    backdate(pledges.record_progress(answered, {"status": "in_progress"}), dt.date(2027, 2, 1))
    backdate(pledges.record_progress(done, {"status": "done"}), dt.date(2027, 1, 2))
    early = pledges.record_progress(late, {"status": "in_progress"})
    backdate(early, dt.date(2027, 1, 2))
    overdue = followup.follow_up(event, today=today).overdue
    assert [r.pledge.action for r in overdue] == ["Late"]
    assert overdue[0].last_update_on == dt.date(2027, 1, 2)


def test_save_settings_checks_its_fields(event):
    with pytest.raises(UserError) as error:
        followup.save_settings(event, checkin_days=[], retention_days="", publish=False)
    assert error.value.field == "checkin_days"
    with pytest.raises(UserError) as error:
        followup.save_settings(event, checkin_days=["182"], retention_days="91", publish=False)
    assert error.value.field == "retention_days"
    followup.save_settings(event, checkin_days=["42", "182"], retention_days="365", publish=True)
    assert (event.retention_days, event.settings["checkin_days"]) == (365, [42, 182])
    assert followup.published(event) is True


def test_mail_merge_lists_only_consented_emails(event, make_participant, make_pledge):
    yes = make_pledge(event, make_participant(event, "Ann"), consent_contact=True,
                      email="ann@example.org", due="2027-03-31")
    make_pledge(event, make_participant(event, "Bo", email="bo@example.org"))
    make_pledge(event, None, name="Cy", email="cy@example.org")
    rows = list(csv.reader(io.StringIO(followup.mail_merge_csv(
        event, lambda p: f"https://x.test/f/{p.follow_up_token}"))))
    assert rows == [list(followup.MAIL_MERGE_HEADERS),
                    ["Ann", "ann@example.org", "I will invite carers to the planning group",
                     "2027-03-31", "Not started", f"https://x.test/f/{yes.follow_up_token}"]]


@pytest.mark.parametrize(("value", "safe"), [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"), ("+1", "'+1"),
    ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("plain", "plain"),
    (None, ""), ("a=b", "a=b"),
])
def test_spreadsheet_safe_stops_formulas(value, safe):
    assert followup.spreadsheet_safe(value) == safe


def test_mail_merge_cells_cannot_become_formulas(event, make_participant, make_pledge):
    make_pledge(event, make_participant(event, "=cmd|' /C calc'!A0"), consent_contact=True,
                email="ann@example.org", action="@SUM(1+1)")
    text = followup.mail_merge_csv(event, lambda p: "link")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[0] == "'=cmd|' /C calc'!A0"
    assert row[2] == "'@SUM(1+1)"


def test_you_said_we_did_shares_done_pledges_the_room_could_see(event, make_participant,
                                                                make_pledge):
    ann = make_participant(event, "Ann", "NHS Trust")
    shown = make_pledge(event, ann, display="name", action="Shown and done")
    hidden = make_pledge(event, ann, action="Hidden and done")
    make_pledge(event, ann, action="Still going")
    pledges.moderate(hidden, "hide")
    pledges.record_progress(shown, {"status": "done", "what_changed": "Carers on the board"})
    pledges.record_progress(shown, {"status": "done", "note": "Still done"})
    pledges.record_progress(hidden, {"status": "done", "what_changed": "Secret"})
    page = followup.you_said_we_did(event)
    assert page["total"] == 3
    assert page["by_status"]["done"] == 2
    assert page["stories"] == [followup.Story(action="Shown and done", who="Ann, NHS Trust",
                                              theme="", what_changed="Carers on the board")]
