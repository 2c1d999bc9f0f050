"""Pledges on the web: the phone's plain form, my pledges, and the console's moderation,
paper entry and printable cards."""

import re

import pytest
from flask import g
from sqlalchemy import select

from facilitate.extensions import db
from facilitate.stages.pledges import service as pledges
from facilitate.store.models import Participant, Pledge
from tests.conftest import csrf_token as shared_csrf_token
from tests.conftest import log_in


def csrf_token(client, path: str) -> str:
    """The form's token for this client. The tests hold one app context open, and Flask-WTF
    keeps the token it made in `g`, so forget it first: each client has its own session."""
    g.pop("csrf_token", None)
    return shared_csrf_token(client, path)


def join(client, event, name="Sam", organisation="Carers Trust"):
    """Join the event on a 'phone' through the real welcome form."""
    token = csrf_token(client, f"/j/{event.code}")
    response = client.post(f"/j/{event.code}", data={
        "csrf_token": token, "name": name, "organisation": organisation})
    assert response.status_code == 302
    return db.session.scalars(select(Participant).order_by(Participant.id.desc())).first()


def pledge_form(client, event, **fields):
    """The phone pledge form's own fields (client id and CSRF token included), changed."""
    html = client.get(f"/j/{event.code}/pledges").get_data(as_text=True)
    client_id = re.search(r'name="client_id" type="hidden" value="([^"]+)"', html).group(1)
    data = {"csrf_token": csrf_token(client, f"/j/{event.code}/pledges"),
            "client_id": client_id, "action": "I will ask carers first", "due": "3",
            "theme": "Equality", "scope": "me", "display": "anonymous", "name": "Sam",
            "organisation": "Carers Trust"}
    data.update(fields)
    return data


@pytest.fixture
def phone(app):
    return app.test_client()


@pytest.fixture
def event(make_event):
    return make_event(status="live")


def only_pledge():
    return db.session.scalars(select(Pledge)).one()


# -- the phone's plain form ---------------------------------------------------------------

def test_pledges_page_sends_a_phone_that_has_not_joined_to_the_welcome(phone, event):
    response = phone.get(f"/j/{event.code}/pledges")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/j/{event.code}"


def test_pledges_page_of_an_unknown_event_is_not_found(phone):
    assert phone.get("/j/ZZZZZZ/pledges").status_code == 404


def test_pledge_form_prefills_what_the_person_said_when_joining(phone, event):
    join(phone, event, "Sam", "Carers Trust")
    html = phone.get(f"/j/{event.code}/pledges").get_data(as_text=True)
    assert 'value="Sam"' in html
    assert 'value="Carers Trust"' in html
    assert "What happens to your pledge" in html
    assert "Equality" in html


def test_phone_sends_a_pledge_with_the_plain_form(phone, event):
    sam = join(phone, event)
    response = phone.post(f"/j/{event.code}/pledges", data=pledge_form(
        phone, event, consent_contact="y", email="sam@example.org"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{event.code}/pledges#mine")
    pledge = only_pledge()
    assert (pledge.participant_id, pledge.action, pledge.theme, pledge.source) == (
        sam.id, "I will ask carers first", "Equality", "phone")
    assert (pledge.consent_contact, pledge.email) == (True, "sam@example.org")
    page = phone.get(f"/j/{event.code}/pledges").get_data(as_text=True)
    assert "Thank you. Your pledge is saved." in page
    assert "I will ask carers first" in page


def test_the_email_is_not_kept_without_the_tick(phone, event):
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event,
                                                            email="sam@example.org"))
    assert only_pledge().email == ""


def test_a_date_of_my_own_is_used_when_chosen(phone, event):
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event, due="date",
                                                            due_date="2031-01-31"))
    assert only_pledge().due_date.isoformat() == "2031-01-31"


def test_a_resent_form_is_stored_once(phone, event):
    join(phone, event)
    data = pledge_form(phone, event)
    assert phone.post(f"/j/{event.code}/pledges", data=data).status_code == 302
    assert phone.post(f"/j/{event.code}/pledges", data=data).status_code == 302
    assert len(db.session.scalars(select(Pledge)).all()) == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"action": ""}, "Please fill in your pledge."),
    ({"action": "x" * 501}, "Field cannot be longer than 500 characters."),
    ({"due": "date", "due_date": "yesterday"}, "Write the date like 2027-03-31."),
    ({"due": "date", "due_date": "2001-01-01"}, "The date is in the past."),
    ({"consent_contact": "y", "email": ""}, "Please fill in email."),
    ({"consent_contact": "y", "email": "nope"}, "That email address does not look right."),
    ({"theme": "<script>"}, "Choose a theme from the list."),
])
def test_a_wrong_form_is_explained_and_nothing_is_stored(phone, event, fields, message):
    join(phone, event)
    response = phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event, **fields))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalars(select(Pledge)).all() == []


def test_pledge_form_without_csrf_token_is_refused(phone, event):
    join(phone, event)
    data = pledge_form(phone, event)
    del data["csrf_token"]
    assert phone.post(f"/j/{event.code}/pledges", data=data).status_code == 400


def test_pledge_text_is_escaped_on_my_pledges(phone, event):
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(
        phone, event, action="<script>alert(1)</script>"))
    html = phone.get(f"/j/{event.code}/pledges").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pledging_closed_shows_no_form(phone, event):
    join(phone, event)
    pledges.set_pledging_open(event, False)
    html = phone.get(f"/j/{event.code}/pledges").get_data(as_text=True)
    assert "Pledging has closed. Thank you for taking part." in html
    assert "Save my pledge" not in html


def test_a_pledge_sent_after_closing_is_refused(phone, event):
    join(phone, event)
    data = pledge_form(phone, event)
    pledges.set_pledging_open(event, False)
    response = phone.post(f"/j/{event.code}/pledges", data=data)
    assert response.status_code == 422
    assert "Pledging has closed." in response.get_data(as_text=True)


# -- editing and withdrawing on the phone -------------------------------------------------

def test_owner_edits_their_pledge(phone, event):
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event))
    pledge = only_pledge()
    url = f"/j/{event.code}/pledges/{pledge.id}/edit"
    assert "I will ask carers first" in phone.get(url).get_data(as_text=True)
    data = pledge_form(phone, event, action="I will ask carers every month", due="")
    response = phone.post(url, data={**data, "csrf_token": csrf_token(phone, url)})
    assert response.status_code == 302
    db.session.refresh(pledge)
    assert (pledge.action, pledge.due_date) == ("I will ask carers every month", None)


def test_someone_else_cannot_see_edit_or_withdraw_my_pledge(phone, event, app):
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event))
    pledge = only_pledge()
    other = app.test_client()
    join(other, event, "Kim")
    assert other.get(f"/j/{event.code}/pledges/{pledge.id}/edit").status_code == 404
    token = csrf_token(other, f"/j/{event.code}/pledges")
    response = other.post(f"/j/{event.code}/pledges/{pledge.id}/withdraw",
                          data={"csrf_token": token})
    assert response.status_code == 404
    assert "I will ask carers first" not in other.get(
        f"/j/{event.code}/pledges").get_data(as_text=True)
    db.session.refresh(pledge)
    assert pledge.withdrawn_at is None


def test_owner_withdraws_after_saying_yes(phone, event):
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event))
    pledge = only_pledge()
    url = f"/j/{event.code}/pledges/{pledge.id}/withdraw"
    assert "Take back your pledge?" in phone.get(url).get_data(as_text=True)
    response = phone.post(url, data={"csrf_token": csrf_token(phone, url)})
    assert response.status_code == 302
    db.session.refresh(pledge)
    assert pledge.withdrawn_at is not None
    assert "You have not made a pledge yet." in phone.get(
        f"/j/{event.code}/pledges").get_data(as_text=True)


def test_no_edits_once_pledging_closes(phone, event):
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event))
    pledge = only_pledge()
    url = f"/j/{event.code}/pledges/{pledge.id}/edit"
    data = pledge_form(phone, event, action="Changed")
    pledges.set_pledging_open(event, False)
    assert "Pledging has closed" in phone.get(url).get_data(as_text=True)
    response = phone.post(url, data=data)
    assert response.status_code == 422
    assert "Pledging has closed, so pledges cannot be changed now." in response.get_data(
        as_text=True)
    db.session.refresh(pledge)
    assert pledge.action == "I will ask carers first"


# -- the console --------------------------------------------------------------------------

@pytest.fixture
def facilitator(client, event):
    """A client logged in as the event's owner."""
    owner = event.facilitators[0].user
    assert log_in(client, owner.email).status_code == 302
    return client


def test_console_pledge_pages_need_login(client, event):
    for path in ("", "paper", "cards"):
        response = client.get(f"/console/events/{event.code}/pledges/{path}")
        assert response.status_code == 302
        assert "/console/login" in response.headers["Location"]


def test_other_facilitators_cannot_open_the_pledges(client, event, make_user):
    other = make_user()
    log_in(client, other.email)
    for path in ("", "paper", "cards"):
        assert client.get(f"/console/events/{event.code}/pledges/{path}").status_code == 404


def test_moderation_page_lists_every_pledge_with_buttons(facilitator, event, phone):
    event.moderation = "approve"
    db.session.commit()
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event, display="name"))
    html = facilitator.get(f"/console/events/{event.code}/pledges/").get_data(as_text=True)
    assert "I will ask carers first" in html
    assert "Waiting for approval" in html
    assert "Sam, Carers Trust" in html
    assert 'value="approve"' in html


def test_facilitator_approves_and_hides_a_pledge(facilitator, event, phone):
    event.moderation = "approve"
    db.session.commit()
    join(phone, event)
    phone.post(f"/j/{event.code}/pledges", data=pledge_form(phone, event))
    pledge = only_pledge()
    url = f"/console/events/{event.code}/pledges/{pledge.id}/moderate"
    token = csrf_token(facilitator, f"/console/events/{event.code}/pledges/")
    assert facilitator.post(url, data={"csrf_token": token, "value": "approve"}) \
        .status_code == 302
    db.session.refresh(pledge)
    assert pledge.visibility == "shown"
    facilitator.post(url, data={"csrf_token": token, "value": "hide"})
    db.session.refresh(pledge)
    assert pledge.visibility == "hidden"


def test_facilitator_closes_and_reopens_pledging(facilitator, event):
    url = f"/console/events/{event.code}/pledges/open"
    token = csrf_token(facilitator, f"/console/events/{event.code}/pledges/")
    facilitator.post(url, data={"csrf_token": token, "value": "close"})
    assert pledges.is_open(event) is False
    assert "Open pledging again" in facilitator.get(
        f"/console/events/{event.code}/pledges/").get_data(as_text=True)
    facilitator.post(url, data={"csrf_token": token, "value": "open"})
    assert pledges.is_open(event) is True


def paper_form(client, event, **fields):
    url = f"/console/events/{event.code}/pledges/paper"
    html = client.get(url).get_data(as_text=True)
    client_id = re.search(r'id="client_id" name="client_id" type="hidden" value="([^"]+)"',
                          html).group(1)
    data = {"csrf_token": csrf_token(client, url), "client_id": client_id,
            "action": "I will start a carers cafe", "due": "6", "theme": "Reciprocity",
            "scope": "organisation", "display": "organisation", "name": "Pat",
            "organisation": "Age UK", "role": "Provider"}
    data.update(fields)
    return data


def test_facilitator_types_in_paper_cards_and_sees_the_count(facilitator, event):
    url = f"/console/events/{event.code}/pledges/paper"
    assert "0 cards typed in so far." in facilitator.get(url).get_data(as_text=True)
    response = facilitator.post(url, data=paper_form(facilitator, event))
    assert response.status_code == 302
    assert response.headers["Location"] == url
    facilitator.post(url, data=paper_form(facilitator, event, action="I will phone Pat",
                                          consent_contact="y", email="pat@example.org"))
    html = facilitator.get(url).get_data(as_text=True)
    assert "2 cards typed in so far." in html
    assert "I will phone Pat" in html
    paper = db.session.scalars(select(Pledge).order_by(Pledge.id)).all()
    assert [(p.source, p.pledger_name, p.organisation, p.role, p.theme) for p in paper] == [
        ("paper", "Pat", "Age UK", "Provider", "Reciprocity")] * 2
    assert [p.email for p in paper] == ["", "pat@example.org"]


def test_paper_entry_works_after_pledging_closes(facilitator, event):
    pledges.set_pledging_open(event, False)
    url = f"/console/events/{event.code}/pledges/paper"
    assert facilitator.post(url, data=paper_form(facilitator, event)).status_code == 302
    assert only_pledge().source == "paper"


def test_a_wrong_paper_card_keeps_what_was_typed(facilitator, event):
    url = f"/console/events/{event.code}/pledges/paper"
    response = facilitator.post(url, data=paper_form(facilitator, event, consent_contact="y",
                                                     email="not an email"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "That email address does not look right." in html
    assert "I will start a carers cafe" in html
    assert db.session.scalars(select(Pledge)).all() == []


def test_pledge_cards_page_has_four_cards_and_the_qr_code(facilitator, event):
    html = facilitator.get(f"/console/events/{event.code}/pledges/cards").get_data(as_text=True)
    assert html.count('class="pledge-card"') == 4
    assert html.count("<svg") >= 4
    assert f"192.0.2.10:5000/j/{event.code}" in html
    assert "Reciprocity" in html
