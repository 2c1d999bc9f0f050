"""Pledge service: stored once, owner-only edits and withdrawals, moderation, tokens, progress."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from facilitate.domain.errors import NotAllowed, NotFound, SendingPaused, UserError
from facilitate.extensions import db
from facilitate.stages.pledges import service as pledges
from facilitate.store.models import Participant, Pledge, ProgressUpdate


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_phone_pledge_is_stored_with_the_persons_details(make_event, make_participant):
    event = make_event()
    sam = make_participant(event, "Sam", "Carers Trust", ["Unpaid carer", "NHS"])
    pledge, created = pledges.submit_pledge(event, sam, "phone-0001", {
        "action": "I will ask carers first", "theme": "Equality", "due": "3",
        "display": "name"}, today=dt.date(2026, 12, 3))
    assert created is True
    assert (pledge.pledger_name, pledge.organisation, pledge.role) == (
        "Sam", "Carers Trust", "Unpaid carer, NHS")
    assert (pledge.source, pledge.visibility, pledge.status) == ("phone", "shown", "not_started")
    assert pledge.due_date == dt.date(2027, 3, 3)
    assert len(pledge.follow_up_token) >= 32


def test_the_form_may_change_the_name_given_when_joining(make_event, make_participant):
    event = make_event()
    sam = make_participant(event, "Sam", "Carers Trust")
    pledge, _ = pledges.submit_pledge(event, sam, "phone-0001", {
        "action": "x", "name": "", "organisation": "Our Team"})
    assert (pledge.pledger_name, pledge.organisation) == ("", "Our Team")


def test_show_my_name_with_an_empty_name_box_uses_the_name_given_when_joining(
        make_event, make_participant):
    event = make_event()
    sam = make_participant(event, "Sam", "Carers Trust")
    named, _ = pledges.submit_pledge(event, sam, "phone-0001", {
        "action": "x", "name": "", "display": "name"})
    by_group, _ = pledges.submit_pledge(event, sam, "phone-0002", {
        "action": "y", "organisation": "", "display": "organisation"})
    assert named.pledger_name == "Sam"
    assert by_group.organisation == "Carers Trust"


def test_a_retried_pledge_is_stored_once(make_event, make_participant):
    event = make_event()
    sam = make_participant(event)
    first, created = pledges.submit_pledge(event, sam, "phone-0001", {"action": "x"})
    again, created_again = pledges.submit_pledge(event, sam, "phone-0001", {"action": "x"})
    assert (created, created_again) == (True, False)
    assert again.id == first.id
    assert count(Pledge) == 1


def test_someone_elses_client_id_reveals_nothing(make_event, make_participant):
    event = make_event()
    sam, kim = make_participant(event), make_participant(event)
    pledges.submit_pledge(event, sam, "phone-0001", {"action": "Sam's secret"})
    with pytest.raises(UserError) as error:
        pledges.submit_pledge(event, kim, "phone-0001", {"action": "x"})
    assert "Sam" not in error.value.message
    assert count(Pledge) == 1


def test_several_pledges_per_person(make_event, make_participant, make_pledge):
    event = make_event()
    sam = make_participant(event)
    make_pledge(event, sam, action="One")
    make_pledge(event, sam, action="Two")
    assert [p.action for p in pledges.pledges_of(sam)] == ["One", "Two"]


@pytest.mark.parametrize("client_id", ["short", "x" * 65, "naïve-client-id", 12345678, None])
def test_a_bad_client_id_is_refused(make_event, make_participant, client_id):
    event = make_event()
    with pytest.raises(UserError):
        pledges.submit_pledge(event, make_participant(event), client_id, {"action": "x"})
    assert count(Pledge) == 0


def test_a_phone_pledge_needs_a_participant_of_this_event(make_event, make_participant):
    event, other = make_event(), make_event()
    with pytest.raises(NotAllowed):
        pledges.submit_pledge(event, make_participant(other), "phone-0001", {"action": "x"})
    with pytest.raises(NotAllowed):
        pledges.submit_pledge(event, None, "phone-0002", {"action": "x"}, source="phone")


def test_phones_cannot_pledge_once_pledging_is_closed(make_event, make_participant):
    event = make_event()
    pledges.set_pledging_open(event, False)
    with pytest.raises(NotAllowed) as error:
        pledges.submit_pledge(event, make_participant(event), "phone-0001", {"action": "x"})
    assert error.value.message == "Pledging has closed. Thank you for taking part."


def test_phones_wait_while_submissions_are_paused(make_event, make_participant):
    event = make_event()
    event.submissions_locked = True
    db.session.commit()
    with pytest.raises(SendingPaused):
        pledges.submit_pledge(event, make_participant(event), "phone-0001", {"action": "x"})
    assert count(Pledge) == 0


def test_paper_pledges_are_taken_after_closing_and_make_a_person(make_event):
    event = make_event()
    pledges.set_pledging_open(event, False)
    pledge, created = pledges.submit_pledge(event, None, "paper-0001", {
        "action": "I will run a carers cafe", "name": "Pat", "organisation": "Age UK",
        "role": "Provider", "consent_contact": True, "email": "pat@example.org",
        "display": "name"}, source="paper")
    person = db.session.get(Participant, pledge.participant_id)
    assert created is True
    assert pledge.source == "paper"
    assert (pledge.pledger_name, pledge.organisation, pledge.role) == ("Pat", "Age UK",
                                                                       "Provider")
    assert (person.source, person.display_name, person.roles, person.email) == (
        "paper", "Pat", ["Provider"], "pat@example.org")


def test_the_email_is_stored_only_with_consent(make_event, make_participant, make_pledge):
    event = make_event()
    pledge = make_pledge(event, make_participant(event), email="sam@example.org")
    assert (pledge.consent_contact, pledge.email) == (False, "")


def test_approve_first_keeps_new_pledges_off_the_wall(make_event, make_participant,
                                                      make_pledge):
    event = make_event()
    event.moderation = "approve"
    db.session.commit()
    pledge = make_pledge(event, make_participant(event))
    assert pledge.visibility == "pending"
    assert pledges.wall_pledges(event) == []
    pledges.moderate(pledge, "approve")
    assert pledges.wall_pledges(event) == [pledge]


def test_a_hidden_pledge_leaves_the_wall(make_event, make_participant, make_pledge):
    event = make_event()
    pledge = make_pledge(event, make_participant(event))
    pledges.moderate(pledge, "hide")
    assert pledges.wall_snapshot(event)["count"] == 0
    assert pledges.console_snapshot(event)["all"][0]["visibility"] == "hidden"


# -- editing and withdrawing --------------------------------------------------------------

def test_the_owner_edits_their_pledge(make_event, make_participant, make_pledge):
    event = make_event()
    sam = make_participant(event, "Sam")
    pledge = make_pledge(event, sam, action="Old words", theme="Equality")
    pledges.update_pledge(pledge, sam, {"action": "New words", "theme": "Diversity",
                                        "consent_contact": True, "email": "s@example.org"})
    db.session.refresh(pledge)
    assert (pledge.action, pledge.theme, pledge.email) == ("New words", "Diversity",
                                                           "s@example.org")
    assert pledge.pledger_name == "Sam"


def test_an_edit_needs_approval_again_when_the_event_approves_first(
        make_event, make_participant, make_pledge):
    event = make_event()
    event.moderation = "approve"
    db.session.commit()
    sam = make_participant(event)
    pledge = make_pledge(event, sam)
    pledges.moderate(pledge, "approve")
    pledges.update_pledge(pledge, sam, {"action": "Now something rude"})
    assert pledge.visibility == "pending"


def test_an_edit_cannot_unhide_a_pledge(make_event, make_participant, make_pledge):
    event = make_event()
    sam = make_participant(event)
    pledge = make_pledge(event, sam)
    pledges.moderate(pledge, "hide")
    pledges.update_pledge(pledge, sam, {"action": "Try again"})
    assert pledge.visibility == "hidden"


def test_nobody_else_may_edit_or_withdraw(make_event, make_participant, make_pledge):
    event = make_event()
    sam, kim = make_participant(event), make_participant(event)
    pledge = make_pledge(event, sam, action="Sam's")
    with pytest.raises(NotAllowed):
        pledges.update_pledge(pledge, kim, {"action": "Kim's now"})
    with pytest.raises(NotAllowed):
        pledges.withdraw_pledge(pledge, kim)
    with pytest.raises(NotFound):
        pledges.own_pledge(kim, pledge.id)
    db.session.refresh(pledge)
    assert (pledge.action, pledge.withdrawn_at) == ("Sam's", None)


def test_no_edits_or_withdrawals_once_pledging_closes(make_event, make_participant,
                                                      make_pledge):
    event = make_event()
    sam = make_participant(event)
    pledge = make_pledge(event, sam, action="Kept")
    pledges.set_pledging_open(event, False)
    with pytest.raises(NotAllowed):
        pledges.update_pledge(pledge, sam, {"action": "Changed"})
    with pytest.raises(NotAllowed):
        pledges.withdraw_pledge(pledge, sam)
    pledges.set_pledging_open(event, True)
    pledges.update_pledge(pledge, sam, {"action": "Changed"})
    assert pledge.action == "Changed"


def test_a_withdrawn_pledge_leaves_everything_and_loses_its_email(
        make_event, make_participant, make_pledge):
    event = make_event()
    sam = make_participant(event)
    pledge = make_pledge(event, sam, consent_contact=True, email="sam@example.org")
    token = pledge.follow_up_token
    pledges.withdraw_pledge(pledge, sam)
    assert (pledge.email, pledge.consent_contact) == ("", False)
    assert pledges.pledges_of(sam) == []
    assert pledges.wall_pledges(event) == []
    assert pledges.find_by_token(token) is None
    with pytest.raises(NotAllowed):
        pledges.withdraw_pledge(pledge, sam)


# -- the wall -----------------------------------------------------------------------------

def test_wall_snapshot_counts_by_theme_and_hides_names_unless_chosen(
        make_event, make_participant, make_pledge):
    event = make_event()
    sam = make_participant(event, "Sam", "Carers Trust", email="sam@example.org")
    make_pledge(event, sam, theme="Equality", display="name")
    make_pledge(event, sam, theme="Equality", display="organisation")
    make_pledge(event, sam, display="anonymous", consent_contact=True, email="sam@example.org")
    snapshot = pledges.wall_snapshot(event)
    assert snapshot["count"] == 3
    assert snapshot["themes"] == [{"theme": "Equality", "count": 2},
                                  {"theme": "Diversity", "count": 0},
                                  {"theme": "Accessibility", "count": 0},
                                  {"theme": "Reciprocity", "count": 0},
                                  {"theme": "", "count": 1}]
    assert [p["who"] for p in snapshot["pledges"]] == ["Sam, Carers Trust", "Carers Trust", ""]
    assert "sam@example.org" not in repr(snapshot)


# -- follow-up tokens and progress --------------------------------------------------------

def test_find_by_token_finds_only_real_tokens(make_event, make_pledge):
    event = make_event()
    pledge = make_pledge(event)
    assert pledges.find_by_token(pledge.follow_up_token) == pledge
    token = pledge.follow_up_token
    changed = token[:-1] + ("B" if token.endswith("A") else "A")
    for wrong in ("", "short", changed, token.upper() if token != token.upper() else "x" * 32,
                  "x" * 65, None, 42):
        assert pledges.find_by_token(wrong) is None


def test_a_reissued_link_replaces_the_old_one(make_event, make_pledge):
    event = make_event()
    pledge = make_pledge(event)
    old = pledge.follow_up_token
    pledges.reissue_link(pledge)
    assert pledges.find_by_token(old) is None
    assert pledges.find_by_token(pledge.follow_up_token) == pledge


def test_progress_updates_are_kept_in_order_and_move_the_status(make_event, make_pledge):
    event = make_event()
    pledge = make_pledge(event)
    pledges.record_progress(pledge, {"status": "in_progress", "note": "Started"})
    pledges.record_progress(pledge, {"status": "done", "note": "Finished",
                                     "what_changed": "Carers now sit on the board"})
    db.session.refresh(pledge)
    assert pledge.status == "done"
    assert [(u.status, u.note, u.what_changed, u.source) for u in pledge.updates] == [
        ("in_progress", "Started", "", "pledger"),
        ("done", "Finished", "Carers now sit on the board", "pledger")]


def test_staff_log_an_update_heard_by_phone(make_event, make_pledge, make_user):
    event = make_event()
    staff = make_user()
    pledge = make_pledge(event)
    update = pledges.record_progress(pledge, {"status": "in_progress", "note": "By phone"},
                                     source="staff", author=staff)
    assert (update.source, update.author_id) == ("staff", staff.id)


def test_a_wrong_progress_update_changes_nothing(make_event, make_pledge):
    event = make_event()
    pledge = make_pledge(event)
    with pytest.raises(UserError):
        pledges.record_progress(pledge, {"status": "nearly"})
    assert count(ProgressUpdate) == 0
    assert pledge.status == "not_started"


def test_stop_contact_erases_the_email(make_event, make_pledge):
    event = make_event()
    pledge = make_pledge(event, consent_contact=True, email="pat@example.org")
    pledges.stop_contact(pledge)
    assert (pledge.consent_contact, pledge.email) == (False, "")


def test_no_changes_while_sending_is_paused_but_pledging_stays_open(
        make_event, make_participant, make_pledge):
    event = make_event()
    sam = make_participant(event)
    pledge = make_pledge(event, sam, action="Kept")
    event.submissions_locked = True
    db.session.commit()
    assert pledges.is_open(event) is True
    with pytest.raises(SendingPaused):
        pledges.update_pledge(pledge, sam, {"action": "Changed"})
    with pytest.raises(SendingPaused):
        pledges.withdraw_pledge(pledge, sam)
    assert pledge.action == "Kept"


def test_a_closed_event_closes_pledging(make_event, make_participant):
    event = make_event(status="closed")
    assert pledges.is_open(event) is False
    with pytest.raises(UserError):
        pledges.submit_pledge(event, make_participant(event), "phone-0001", {"action": "x"})
