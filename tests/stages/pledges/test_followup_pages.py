"""Follow-up on the web: the private link, the organiser's pages, the mail-merge download,
"you said, we did", and one person's data."""

import csv
import datetime as dt
import io
import json

import pytest
from flask import g
from sqlalchemy import select

from facilitate.domain.codes import new_token
from facilitate.extensions import db
from facilitate.stages.pledges import followup
from facilitate.stages.pledges import service as pledges
from facilitate.store.models import Participant, Pledge, ProgressUpdate
from tests.conftest import csrf_token as shared_csrf_token
from tests.conftest import log_in

EVENT_DAY = dt.date(2026, 12, 3)


def csrf_token(client, path: str) -> str:
    g.pop("csrf_token", None)   # one app context for the whole test: see test_pledges.py
    return shared_csrf_token(client, path)


def person(event, name: str, email: str = "") -> Participant:
    """Somebody who joined on a phone (and, with an email, agreed to be contacted)."""
    made = Participant(event_id=event.id, public_id=new_token(), display_name=name,
                       consent_contact=bool(email), email=email)
    db.session.add(made)
    db.session.commit()
    return made


@pytest.fixture
def event(make_event):
    return make_event(status="live")


@pytest.fixture
def pledge(event):
    """A paper pledge with consent to be emailed."""
    made, _ = pledges.submit_pledge(event, None, "paper-0001", {
        "action": "I will start a carers cafe", "name": "Pat", "organisation": "Age UK",
        "role": "Provider", "theme": "Reciprocity", "due": "2027-03-31",
        "consent_contact": True, "email": "pat@example.org", "display": "name"},
        source="paper", today=EVENT_DAY)
    return made


@pytest.fixture
def facilitator(client, event):
    assert log_in(client, event.facilitators[0].user.email).status_code == 302
    return client


# -- the pledger's private link -----------------------------------------------------------

def test_follow_up_link_shows_the_pledge_without_login(client, pledge):
    response = client.get(f"/f/{pledge.follow_up_token}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "I will start a carers cafe" in html
    assert "Tell us how it is going" in html
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex">' in html


def test_pledger_records_progress_many_times(client, pledge):
    url = f"/f/{pledge.follow_up_token}"
    response = client.post(url, data={"csrf_token": csrf_token(client, url),
                                      "status": "in_progress", "note": "Found a room"})
    assert response.status_code == 302
    client.post(url, data={"csrf_token": csrf_token(client, url), "status": "done",
                           "note": "Open every Friday", "what_changed": "Carers meet weekly"})
    db.session.refresh(pledge)
    assert pledge.status == "done"
    assert [(u.status, u.note, u.what_changed, u.source) for u in pledge.updates] == [
        ("in_progress", "Found a room", "", "pledger"),
        ("done", "Open every Friday", "Carers meet weekly", "pledger")]
    html = client.get(url).get_data(as_text=True)
    assert "Thank you. Your update is saved." in html
    assert "Carers meet weekly" in html


def test_a_wrong_update_is_explained(client, pledge):
    url = f"/f/{pledge.follow_up_token}"
    response = client.post(url, data={"csrf_token": csrf_token(client, url),
                                      "status": "finished"})
    assert response.status_code == 422
    assert "Choose how the pledge is going." in response.get_data(as_text=True)
    assert db.session.scalars(select(ProgressUpdate)).all() == []


@pytest.mark.parametrize("token", ["wrong", "x" * 32, "A" * 200, "%3Cscript%3E"])
def test_a_wrong_link_gets_a_clear_page_that_reveals_nothing(client, pledge, token):
    response = client.get(f"/f/{token}")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "This link does not work" in html
    assert "ask the people who ran the event for a new link" in html
    for secret in ("carers cafe", "Pat", "Working together", "Age UK"):
        assert secret not in html


def test_an_old_link_gets_the_same_page_as_a_wrong_one(client, pledge):
    old = pledge.follow_up_token
    pledges.reissue_link(pledge)
    old_page = client.get(f"/f/{old}")
    wrong_page = client.get("/f/" + "x" * len(old))
    assert old_page.status_code == wrong_page.status_code == 404
    assert old_page.get_data() == wrong_page.get_data()
    assert client.get(f"/f/{pledge.follow_up_token}").status_code == 200


def test_a_withdrawn_pledges_link_stops_working(client, event):
    sam = person(event, "Sam")
    made, _ = pledges.submit_pledge(event, sam, "phone-0001", {"action": "x"})
    pledges.withdraw_pledge(made, sam)
    assert client.get(f"/f/{made.follow_up_token}").status_code == 404


def test_guessing_links_is_slowed_down(client, pledge):
    for _ in range(30):
        assert client.get("/f/" + "y" * 32).status_code == 404
    assert client.get("/f/" + "y" * 32).status_code == 429
    assert client.get(f"/f/{pledge.follow_up_token}").status_code == 429


def test_pledger_can_delete_their_email(client, pledge):
    url = f"/f/{pledge.follow_up_token}"
    response = client.post(f"{url}/stop-contact", data={"csrf_token": csrf_token(client, url)})
    assert response.status_code == 302
    db.session.refresh(pledge)
    assert (pledge.email, pledge.consent_contact) == ("", False)


# -- the organiser's pages ----------------------------------------------------------------

def test_follow_up_pages_need_a_facilitator_of_the_event(client, event, pledge, make_user):
    paths = ["follow-up", "follow-up/settings", "follow-up/links.csv", f"pledges/{pledge.id}",
             "people", f"people/{pledge.participant_id}",
             f"people/{pledge.participant_id}/data.json"]
    for path in paths:
        response = client.get(f"/console/events/{event.code}/{path}")
        assert response.status_code == 302, path
    log_in(client, make_user().email)
    for path in paths:
        assert client.get(f"/console/events/{event.code}/{path}").status_code == 404, path


def test_follow_up_page_shows_progress_with_a_chart_and_tables(facilitator, event, pledge):
    pledges.record_progress(pledge, {"status": "in_progress"})
    html = facilitator.get(f"/console/events/{event.code}/follow-up").get_data(as_text=True)
    assert "1 pledge is being followed up." in html
    assert '<th scope="row">Reciprocity</th>' in html
    assert '<th scope="row">Age UK</th>' in html
    assert '<th scope="row">Provider</th>' in html
    assert 'class="seg seg-in_progress"' in html
    assert 'style=' not in html
    assert "<script>" not in html


def test_follow_up_page_lists_overdue_and_checkins_due(facilitator, event, pledge, monkeypatch):
    from facilitate.stages.pledges import followup_web as page

    monkeypatch.setattr(page, "_today", lambda: dt.date(2027, 4, 10))
    html = facilitator.get(f"/console/events/{event.code}/follow-up").get_data(as_text=True)
    assert "Overdue (1)" in html
    assert "Check-ins due (1)" in html
    assert "3 months (4 Mar 2027)" in html


def test_staff_log_an_update_heard_by_phone(facilitator, event, pledge):
    url = f"/console/events/{event.code}/pledges/{pledge.id}"
    html = facilitator.get(url).get_data(as_text=True)
    assert f"/f/{pledge.follow_up_token}" in html
    response = facilitator.post(url, data={"csrf_token": csrf_token(facilitator, url),
                                           "status": "done", "note": "Told us by phone"})
    assert response.status_code == 302
    db.session.refresh(pledge)
    update = pledge.updates[0]
    assert (update.source, update.note, update.author_id) == (
        "staff", "Told us by phone", event.facilitators[0].user_id)
    assert "logged by staff" in facilitator.get(url).get_data(as_text=True)


def test_staff_make_a_new_link_and_the_old_one_stops(facilitator, client, event, pledge):
    old = pledge.follow_up_token
    url = f"/console/events/{event.code}/pledges/{pledge.id}"
    facilitator.post(f"{url}/new-link", data={"csrf_token": csrf_token(facilitator, url)})
    db.session.refresh(pledge)
    assert pledge.follow_up_token != old
    assert client.get(f"/f/{old}").status_code == 404


def test_mail_merge_download_has_only_consented_emails(facilitator, event, pledge):
    bo = person(event, "Bo", email="bo@example.org")
    pledges.submit_pledge(event, bo, "phone-0001", {"action": "=HYPERLINK(\"x\")"})
    response = facilitator.get(f"/console/events/{event.code}/follow-up/links.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == list(followup.MAIL_MERGE_HEADERS)
    assert [row[1] for row in rows[1:]] == ["pat@example.org"]
    assert rows[1][5] == f"http://192.0.2.10:5000/f/{pledge.follow_up_token}"
    assert "bo@example.org" not in response.get_data(as_text=True)


def test_settings_change_checkins_retention_and_sharing(facilitator, event):
    url = f"/console/events/{event.code}/follow-up/settings"
    html = facilitator.get(url).get_data(as_text=True)
    assert '<input checked id="checkin_days-2" name="checkin_days" type="checkbox" ' \
        'value="42">' in html
    response = facilitator.post(url, data={"csrf_token": csrf_token(facilitator, url),
                                           "checkin_days": ["28", "91"],
                                           "retention_days": "365", "publish": "y"})
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.settings["checkin_days"] == [28, 91]
    assert event.retention_days == 365
    assert followup.published(event) is True


def test_settings_refuse_no_checkins(facilitator, event):
    url = f"/console/events/{event.code}/follow-up/settings"
    response = facilitator.post(url, data={"csrf_token": csrf_token(facilitator, url),
                                           "retention_days": ""})
    assert response.status_code == 422
    assert "Choose at least one check-in." in response.get_data(as_text=True)


# -- "you said, we did" -------------------------------------------------------------------

def test_you_said_we_did_is_private_until_shared(client, event, pledge):
    url = f"/e/{event.code}/you-said-we-did"
    assert client.get(url).status_code == 404
    pledges.record_progress(pledge, {"status": "done", "what_changed": "A cafe every Friday"})
    followup.save_settings(event, checkin_days=[42], retention_days="", publish=True)
    html = client.get(url).get_data(as_text=True)
    assert "You said, we did" in html
    assert "I will start a carers cafe" in html
    assert "A cafe every Friday" in html
    assert "Pat, Age UK" in html
    assert "pat@example.org" not in html
    assert client.get("/e/ZZZZZZ/you-said-we-did").status_code == 404


# -- one person's data --------------------------------------------------------------------

def test_people_page_finds_a_person(facilitator, event, pledge):
    url = f"/console/events/{event.code}/people"
    assert "Pat" in facilitator.get(url).get_data(as_text=True)
    assert "Pat" in facilitator.get(url + "?q=age+uk").get_data(as_text=True)
    assert "Pat" not in facilitator.get(url + "?q=nobody").get_data(as_text=True)


def test_subject_access_download_holds_everything_about_the_person(facilitator, event, pledge):
    pledges.record_progress(pledge, {"status": "in_progress", "note": "Going well"})
    person = pledge.participant_id
    page = facilitator.get(f"/console/events/{event.code}/people/{person}")
    assert "I will start a carers cafe" in page.get_data(as_text=True)
    # Deleting says plainly what stays: the topics they convened, without their name.
    assert "Open-space topics they convened stay on the board for the others who met there, " \
           "without their name" in page.get_data(as_text=True)
    response = facilitator.get(f"/console/events/{event.code}/people/{person}/data.json")
    held = json.loads(response.get_data(as_text=True))
    assert "attachment" in response.headers["Content-Disposition"]
    assert held["person"]["display_name"] == "Pat"
    assert held["pledges"][0]["email"] == "pat@example.org"
    assert held["progress_updates"][0]["note"] == "Going well"
    assert pledge.follow_up_token not in response.get_data(as_text=True)


def test_deleting_a_person_needs_the_tick_then_erases_them(facilitator, event, pledge):
    person = pledge.participant_id
    url = f"/console/events/{event.code}/people/{person}"
    token = csrf_token(facilitator, url)
    assert facilitator.post(f"{url}/delete", data={"csrf_token": token}).status_code == 422
    assert db.session.get(Participant, person) is not None
    response = facilitator.post(f"{url}/delete", data={"csrf_token": token, "understood": "y"})
    assert response.status_code == 302
    assert db.session.scalars(select(Pledge)).all() == []
    assert db.session.get(Participant, person) is None
