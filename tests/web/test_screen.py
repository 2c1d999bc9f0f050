"""The presenter screen and the console's live control page, without JavaScript."""

import re

import pytest
from sqlalchemy import select

from facilitate.extensions import db
from facilitate.services import live
from facilitate.stages.reflection import service as reflections
from facilitate.store.models import Event, Participant, Reflection
from tests.conftest import csrf_token, log_in


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def stage_id(event, kind):
    return next(s.id for s in event.stages if s.kind == kind)


def fresh(event) -> Event:
    db.session.expire_all()
    return db.session.get(Event, event.id)


# -- the screen ---------------------------------------------------------------------------

def test_the_screen_needs_a_login_or_the_screen_link(client, make_event):
    event = make_event(status="live")

    response = client.get(f"/screen/{event.code}")

    assert response.status_code == 403


def test_the_screen_link_opens_the_screen_and_hides_the_key(client, make_event):
    event = make_event(status="live")

    opened = client.get(f"/screen/{event.code}?key={event.screen_token}")
    screen = client.get(f"/screen/{event.code}")

    assert opened.status_code == 302 and opened.location == f"/screen/{event.code}"
    assert screen.status_code == 200
    assert event.screen_token not in screen.get_data(as_text=True)


def test_a_wrong_screen_key_is_refused(client, make_event):
    event = make_event(status="live")

    response = client.get(f"/screen/{event.code}?key=not-the-key")

    assert response.status_code == 403
    assert client.get(f"/screen/{event.code}").status_code == 403


def test_the_screen_always_has_a_join_corner(logged_in, make_event):
    client, user = logged_in
    event = make_event(owner=user, status="live")

    response = client.get(f"/screen/{event.code}")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'src="/j/{event.code}/qr.svg"' in html
    assert f"192.0.2.10:5000/j/{event.code}" in page_text(response)
    assert 'class="code join-code"' in html and event.code in html
    assert 'href="/static/css/screen.css"' in html


def test_another_facilitator_cannot_open_the_screen(client, make_event, make_user):
    event = make_event(status="live")
    log_in(client, make_user().email)

    assert client.get(f"/screen/{event.code}").status_code == 403


# -- the console's run page ---------------------------------------------------------------

@pytest.fixture
def running(logged_in, make_event):
    """A logged-in facilitator and their live event."""
    client, user = logged_in
    return client, make_event(owner=user, status="live")


def press(client, event, action, value):
    token = csrf_token(client, f"/console/events/{event.code}/run")
    return client.post(f"/console/events/{event.code}/run/{action}",
                       data={"csrf_token": token, "value": value})


def test_the_event_page_links_to_the_run_page(running):
    client, event = running

    html = client.get(f"/console/events/{event.code}").get_data(as_text=True)

    assert f'href="/console/events/{event.code}/run"' in html


def test_the_run_page_shows_the_agenda_join_address_and_screen_link(running):
    client, event = running

    response = client.get(f"/console/events/{event.code}/run")

    text = page_text(response)
    assert response.status_code == 200
    assert "Show What co-production means" in text
    assert "Ladder of co-production" in text and "(coming soon)" not in text
    assert f"http://192.0.2.10:5000/j/{event.code}" in text
    assert f"/screen/{event.code}?key={event.screen_token}" in response.get_data(as_text=True)


def test_only_the_events_facilitators_can_run_it(client, make_event, make_user):
    event = make_event(status="live")
    log_in(client, make_user().email)

    token = csrf_token(client, "/console/")

    assert client.get(f"/console/events/{event.code}/run").status_code == 404
    assert client.post(f"/console/events/{event.code}/run/lock",
                       data={"csrf_token": token, "value": "pause"}).status_code == 404
    assert fresh(event).submissions_locked is False


def test_the_plain_buttons_drive_the_event(running):
    client, event = running
    before = event.version

    press(client, event, "stage", str(stage_id(event, "slides")))
    press(client, event, "slide", "next")
    press(client, event, "step", "next")
    press(client, event, "lock", "pause")
    press(client, event, "moderation", "approve")

    event = fresh(event)
    slides = next(s for s in event.stages if s.kind == "slides")
    assert slides.state == {"slide": 1}
    assert event.current_stage_id == stage_id(event, "reflection")
    assert event.submissions_locked is True
    assert event.moderation == "approve"
    assert event.version == before + 5


def test_a_stage_of_another_event_is_refused(running, make_event):
    client, event = running
    other = make_event()

    response = press(client, event, "stage", str(stage_id(other, "slides")))

    assert response.status_code == 302
    assert fresh(event).current_stage_id is None
    assert "That stage is not in this event." in page_text(client.get(response.location))


def test_a_reflection_can_be_hidden_without_javascript(running):
    client, event = running
    person = Participant(event_id=event.id, public_id="p" * 20)
    db.session.add(person)
    db.session.commit()
    item, _ = reflections.submit(event, person, "phone-made-1", stage_id(event, "reflection"),
                                 "Hide me please")
    live.go_to_stage(event, stage_id(event, "reflection"))
    token = csrf_token(client, f"/console/events/{event.code}/run")

    client.post(f"/console/events/{event.code}/run/reflections/{item.id}",
                data={"csrf_token": token, "value": "hidden"})

    db.session.expire_all()
    assert db.session.scalar(select(Reflection.visibility)) == "hidden"
    assert "Hide me please" in page_text(client.get(f"/console/events/{event.code}/run"))


def test_the_join_address_can_be_changed_and_reset(running):
    client, event = running
    token = csrf_token(client, f"/console/events/{event.code}/run")

    client.post(f"/console/events/{event.code}/run/address",
                data={"csrf_token": token, "public_url": "https://join.example.org"})
    changed = page_text(client.get(f"/console/events/{event.code}/run"))
    client.post(f"/console/events/{event.code}/run/address",
                data={"csrf_token": token, "public_url": ""})

    assert f"https://join.example.org/j/{event.code}" in changed
    assert fresh(event).public_url == ""


def test_localhost_is_refused_as_the_join_address(running):
    client, event = running
    token = csrf_token(client, f"/console/events/{event.code}/run")

    response = client.post(f"/console/events/{event.code}/run/address",
                           data={"csrf_token": token, "public_url": "http://localhost:5000"})

    assert "Phones cannot reach this computer" in page_text(client.get(response.location))
    assert fresh(event).public_url == ""


def test_slides_can_be_edited_in_the_console(running):
    client, event = running
    slides = stage_id(event, "slides")
    path = f"/console/events/{event.code}/stages/{slides}/slides"
    token = csrf_token(client, path)

    response = client.post(path, data={"csrf_token": token,
                                       "slides": "# First\n\n---\n\n# Second\n- point"})

    assert response.status_code == 302
    stage = next(s for s in fresh(event).stages if s.id == slides)
    assert stage.config["slides"] == ["# First", "# Second\n- point"]


def test_empty_slides_are_refused(running):
    client, event = running
    path = f"/console/events/{event.code}/stages/{stage_id(event, 'slides')}/slides"
    token = csrf_token(client, path)

    response = client.post(path, data={"csrf_token": token, "slides": "  \n---\n "})

    assert response.status_code == 422
    assert "Write at least one slide." in page_text(response)


def test_the_screen_link_uses_the_address_phones_use_not_this_browsers(running):
    client, event = running

    # The test browser is at http://localhost/, as a facilitator on the laptop itself is.
    html = client.get(f"/console/events/{event.code}/run").get_data(as_text=True)

    link = f"http://192.0.2.10:5000/screen/{event.code}?key={event.screen_token}"
    assert f'id="screen-link" value="{link}"' in html
    assert "http://localhost/screen/" not in html
