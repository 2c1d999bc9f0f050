"""Pledge rules: the form, edit and withdraw, moderation, check-ins, overdue and retention."""

import datetime as dt

import pytest

from facilitate.domain import people
from facilitate.domain.errors import NotAllowed, UserError
from facilitate.stages.pledges import rules

TODAY = dt.date(2026, 12, 3)
THEMES = ["Equality", "Diversity", "Accessibility", "Reciprocity"]
ROLES = ["Unpaid carer", "NHS"]


def check(**raw):
    return rules.check_pledge({"action": "I will ask carers first", **raw}, themes=THEMES,
                              roles=ROLES, today=TODAY)


# -- the form -----------------------------------------------------------------------------

def test_check_pledge_with_only_the_action_gives_defaults():
    fields = check()
    assert fields == rules.PledgeFields(action="I will ask carers first", scope="me",
                                        display="anonymous")


def test_check_pledge_keeps_every_field_given():
    fields = check(due="3", theme="Equality", scope="team", support_needed="Time",
                   display="name", consent_contact=True, email=" Sam@Example.ORG ",
                   name="Sam", organisation="Carers Trust", role="NHS")
    assert fields.due_date == dt.date(2027, 3, 3)
    assert (fields.theme, fields.scope, fields.support_needed) == ("Equality", "team", "Time")
    assert (fields.display, fields.consent_contact, fields.email) == ("name", True,
                                                                      "sam@example.org")
    assert (fields.name, fields.organisation, fields.role) == ("Sam", "Carers Trust", "NHS")


def test_check_pledge_needs_an_action():
    with pytest.raises(UserError) as error:
        rules.check_pledge({"action": "   "}, themes=THEMES, today=TODAY)
    assert error.value.field == "action"
    assert error.value.message == "Please fill in your pledge."


def test_check_pledge_takes_500_characters_and_refuses_501():
    assert len(check(action="a" * 500).action) == 500
    with pytest.raises(UserError) as error:
        check(action="a" * 501)
    assert error.value.field == "action"
    assert "The most is 500" in error.value.message


@pytest.mark.parametrize(("name", "value", "limit"), [
    ("support_needed", "s" * 501, 500),
    ("name", "n" * 81, 80),
    ("organisation", "o" * 121, 120),
])
def test_check_pledge_refuses_overlong_optional_fields(name, value, limit):
    with pytest.raises(UserError) as error:
        check(**{name: value})
    assert error.value.field == name
    assert f"The most is {limit}" in error.value.message


@pytest.mark.parametrize(("name", "value"), [
    ("theme", "Not a theme"), ("scope", "everyone"), ("display", "shout"), ("role", "Spy"),
    ("theme", ["Equality"]),
])
def test_check_pledge_refuses_choices_not_on_the_list(name, value):
    with pytest.raises(UserError) as error:
        check(**{name: value})
    assert error.value.field == name


def test_check_pledge_drops_the_email_without_consent():
    fields = check(email="sam@example.org")
    assert (fields.consent_contact, fields.email) == (False, "")


def test_check_pledge_drops_even_a_bad_email_without_consent():
    assert check(email="not an email").email == ""


def test_check_pledge_with_consent_needs_an_email():
    with pytest.raises(UserError) as error:
        check(consent_contact=True, email="")
    assert error.value.field == "email"


def test_check_pledge_with_consent_refuses_a_bad_email():
    with pytest.raises(UserError) as error:
        check(consent_contact=True, email="sam at example")
    assert error.value.field == "email"


def test_check_pledge_keeps_only_known_topics():
    assert rules.check_pledge({"action": "x", "topic_id": "7"}, themes=THEMES, today=TODAY,
                              topic_ids=[7]).topic_id == 7
    assert check(topic_id="7").topic_id is None


def test_check_pledge_refuses_what_is_not_a_form():
    with pytest.raises(UserError):
        rules.check_pledge(["action"], themes=THEMES, today=TODAY)


# -- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize(("choice", "expected"), [
    ("", None), (None, None), ("1", dt.date(2027, 1, 3)), (3, dt.date(2027, 3, 3)),
    ("6", dt.date(2027, 6, 3)), ("12", dt.date(2027, 12, 3)),
    ("2027-03-31", dt.date(2027, 3, 31)), (TODAY, TODAY),
])
def test_due_date_from_months_or_a_date(choice, expected):
    assert rules.due_date_from(choice, TODAY) == expected


@pytest.mark.parametrize(("choice", "message"), [
    ("2", "Choose 1, 3, 6 or 12 months, or a date."),
    ("31/03/2027", "Write the date like 2027-03-31."),
    ("2026-12-02", "The date is in the past. Choose a date from today on."),
    ("2032-01-01", "Choose a date within the next five years."),
    (True, "Choose 1, 3, 6 or 12 months, or a date."),
    (["3"], "Write the date like 2027-03-31."),
    ("9" * 5000, "Choose 1, 3, 6 or 12 months, or a date."),
])
def test_due_date_from_refuses_wrong_dates(choice, message):
    with pytest.raises(UserError) as error:
        rules.due_date_from(choice, TODAY)
    assert (error.value.field, error.value.message) == ("due", message)


def test_add_months_clamps_to_the_last_day_of_the_month():
    assert rules.add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert rules.add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(("value", "expected"), [
    ("7", 7), (7, 7), ("", None), (True, None), ("²", None), ("1" * 10, None), ("-1", None),
    (None, None), (7.0, None)])
def test_small_int_takes_only_plain_whole_numbers(value, expected):
    assert rules.small_int(value) == expected


@pytest.mark.parametrize("consent", ["yes", "on", "true", "", "no", 1, 0, None, [True]])
def test_check_pledge_takes_only_a_boolean_as_consent(consent):
    with pytest.raises(UserError) as refused:
        check(consent_contact=consent, email="sam@example.org")
    assert (refused.value.field, refused.value.message) == (
        "consent_contact", "Say whether we may email you: tick the box or leave it empty.")


# -- who may change a pledge --------------------------------------------------------------

def test_the_owner_may_change_an_open_pledge():
    rules.check_can_change(owner_id=5, participant_id=5, withdrawn=False, closed=False)


@pytest.mark.parametrize(("participant_id", "withdrawn", "closed", "message"), [
    (6, False, False, "Only the person who made this pledge can change it."),
    (None, False, False, "Only the person who made this pledge can change it."),
    (5, True, False, "This pledge was taken back, so it cannot be changed."),
    (5, False, True, "Pledging has closed, so pledges cannot be changed now."),
])
def test_nobody_else_may_change_a_pledge_nor_after_closing(participant_id, withdrawn, closed,
                                                           message):
    with pytest.raises(NotAllowed) as error:
        rules.check_can_change(owner_id=5, participant_id=participant_id, withdrawn=withdrawn,
                               closed=closed)
    assert error.value.message == message


def test_pledging_is_open_until_closed():
    assert rules.pledging_open({}) is True
    assert rules.pledging_open(None) is True
    assert rules.pledging_open({rules.PLEDGES_CLOSED: True}) is False


# -- moderation and the wall --------------------------------------------------------------

def test_new_pledges_wait_when_the_event_approves_first():
    assert rules.first_visibility("show") == "shown"
    assert rules.first_visibility("approve") == "pending"


@pytest.mark.parametrize(("action", "visibility"), [
    ("approve", "shown"), ("show", "shown"), ("hide", "hidden")])
def test_moderation_actions(action, visibility):
    assert rules.visibility_after(action) == visibility


def test_unknown_moderation_action_is_refused():
    with pytest.raises(UserError):
        rules.visibility_after("delete")


@pytest.mark.parametrize(("current", "moderation", "after"), [
    ("shown", "show", "shown"), ("shown", "approve", "pending"),
    ("pending", "approve", "pending"), ("hidden", "show", "hidden"),
    ("hidden", "approve", "hidden"),
])
def test_an_edit_goes_back_for_approval_and_hidden_stays_hidden(current, moderation, after):
    assert rules.visibility_after_edit(current, moderation) == after


@pytest.mark.parametrize(("display", "expected"), [
    ("name", "Sam, Carers Trust"), ("organisation", "Carers Trust"), ("anonymous", "")])
def test_wall_name_shows_only_what_the_person_chose(display, expected):
    assert rules.wall_name(display, "Sam", "Carers Trust") == expected


def test_wall_name_without_a_name_gives_what_there_is():
    assert rules.wall_name("name", "", "Carers Trust") == "Carers Trust"
    assert rules.wall_name("name", "", "") == ""


# -- check-ins and overdue ----------------------------------------------------------------

def test_checkin_days_default_to_six_weeks_three_and_six_months():
    assert rules.checkin_days({}) == (42, 91, 182)
    assert rules.checkin_days({rules.CHECKIN_DAYS: [91, 28]}) == (28, 91)
    assert rules.checkin_days({rules.CHECKIN_DAYS: "junk"}) == (42, 91, 182)


def test_check_checkin_days_takes_choices_from_the_list():
    assert rules.check_checkin_days(["91", 28, "28"]) == [28, 91]


@pytest.mark.parametrize("values", [[], ["13"], [True], ["x"]])
def test_check_checkin_days_refuses_others(values):
    with pytest.raises(UserError) as error:
        rules.check_checkin_days(values)
    assert error.value.field == "checkin_days"


def test_checkins_due_lists_the_dates_that_have_come():
    start = dt.date(2026, 1, 1)
    assert rules.checkins_due(start, dt.date(2026, 2, 11)) == []
    assert rules.checkins_due(start, dt.date(2026, 2, 12)) == [dt.date(2026, 2, 12)]
    assert rules.checkins_due(start, dt.date(2026, 7, 2)) == [
        dt.date(2026, 2, 12), dt.date(2026, 4, 2), dt.date(2026, 7, 2)]


def test_open_checkin_is_the_latest_come_without_an_update_since():
    start, days = dt.date(2026, 1, 1), (42, 91, 182)
    before = dict(status="in_progress", last_update_on=None)
    assert rules.open_checkin(start, dt.date(2026, 2, 11), days, **before) is None
    assert rules.open_checkin(start, dt.date(2026, 2, 12), days, **before) == (
        42, dt.date(2026, 2, 12))
    assert rules.open_checkin(start, dt.date(2026, 4, 5), days, **before) == (
        91, dt.date(2026, 4, 2))


def test_open_checkin_is_answered_by_an_update_on_or_after_it():
    start, days = dt.date(2026, 1, 1), (42, 91)
    assert rules.open_checkin(start, dt.date(2026, 3, 1), days, status="in_progress",
                              last_update_on=dt.date(2026, 2, 12)) is None
    assert rules.open_checkin(start, dt.date(2026, 3, 1), days, status="in_progress",
                              last_update_on=dt.date(2026, 2, 11)) == (42, dt.date(2026, 2, 12))


@pytest.mark.parametrize("status", ["done", "could_not_do"])
def test_open_checkin_is_never_due_for_a_finished_pledge(status):
    assert rules.open_checkin(dt.date(2026, 1, 1), dt.date(2027, 1, 1), (42,), status=status,
                              last_update_on=None) is None


@pytest.mark.parametrize(("due", "status", "last", "overdue"), [
    (None, "not_started", None, False),
    (dt.date(2026, 12, 3), "not_started", None, False),          # due today: not yet
    (dt.date(2026, 12, 2), "not_started", None, True),
    (dt.date(2026, 12, 2), "in_progress", dt.date(2026, 12, 1), True),
    (dt.date(2026, 12, 2), "in_progress", dt.date(2026, 12, 2), False),
    (dt.date(2026, 12, 2), "done", None, False),
    (dt.date(2026, 12, 2), "could_not_do", None, False),
])
def test_is_overdue_when_the_date_passed_without_an_update(due, status, last, overdue):
    assert rules.is_overdue(due, TODAY, status=status, last_update_on=last) is overdue


# -- progress -----------------------------------------------------------------------------

def test_check_progress_keeps_the_story_only_when_done():
    done = rules.check_progress({"status": "done", "note": " ok ", "what_changed": "More carers"})
    assert done == rules.ProgressFields("done", "ok", "More carers")
    going = rules.check_progress({"status": "in_progress", "what_changed": "Ignored"})
    assert going == rules.ProgressFields("in_progress", "", "")


@pytest.mark.parametrize(("raw", "field"), [
    ({"status": "finished"}, "status"),
    ({}, "status"),
    ({"status": "done", "note": "n" * 1001}, "note"),
    ({"status": "done", "what_changed": "w" * 2001}, "what_changed"),
])
def test_check_progress_refuses_wrong_updates(raw, field):
    with pytest.raises(UserError) as error:
        rules.check_progress(raw)
    assert error.value.field == field


# -- counting -----------------------------------------------------------------------------

def test_count_by_counts_statuses_per_group_biggest_first():
    groups = rules.count_by([(["NHS"], "done"), (["Carers Trust"], "done"),
                             (["nhs "], "in_progress"), ([""], "not_started"),
                             (["NHS", "Unpaid carer"], "could_not_do")])
    assert [(g.name, g.total) for g in groups] == [("NHS", 3), ("Carers Trust", 1),
                                                   ("Unpaid carer", 1), ("", 1)]
    assert groups[0].counts == {"not_started": 0, "in_progress": 1, "done": 1,
                                "could_not_do": 1}


# -- retention ----------------------------------------------------------------------------

def test_contacts_expire_after_the_retention_period_from_the_event_day():
    assert people.contacts_expire_on(dt.date(2026, 1, 1), dt.date(2025, 12, 1), 182) == \
        dt.date(2026, 7, 2)
    assert people.contacts_expire_on(None, dt.date(2025, 12, 1), 91) == dt.date(2026, 3, 2)
    assert people.contacts_expire_on(dt.date(2026, 1, 1), dt.date(2025, 12, 1), None) is None


@pytest.mark.parametrize(("value", "expected"), [("", None), ("keep", None), ("182", 182),
                                                 (365, 365)])
def test_check_retention_days(value, expected):
    assert rules.check_retention_days(value) == expected


def test_check_retention_days_refuses_others():
    with pytest.raises(UserError):
        rules.check_retention_days("100")
