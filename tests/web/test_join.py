"""Phones join by code, see a plain-English privacy notice and send without JavaScript."""

import dataclasses
import re

import pytest
from sqlalchemy import func, select

from facilitate import registry
from facilitate.extensions import db
from facilitate.services import events, live
from facilitate.store.models import Participant, Reflection
from tests.conftest import csrf_token


def join(client, event, **fields):
    token = csrf_token(client, f"/j/{event.code}")
    return client.post(f"/j/{event.code}", data={"csrf_token": token, **fields})


def stage_id(event, kind):
    return next(s.id for s in event.stages if s.kind == kind)


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_welcome_page_explains_the_event_and_what_we_keep(client, make_event):
    event = make_event(status="live")

    response = client.get(f"/j/{event.code}")

    text = page_text(response)
    assert response.status_code == 200
    assert f"Welcome to {event.title}" in text
    assert "You can take part without giving your name." in text
    assert "What we keep and why" in text
    assert "You can ask the organisers to show you what we keep about you" in text
    html = response.get_data(as_text=True)
    assert 'name="name"' in html
    # The one-tap way in comes first, so it is on a small phone's first screen.
    assert html.index("Join without giving details") < html.index("What we keep and why")


def test_joining_with_no_details_goes_straight_to_the_live_page(client, make_event):
    event = make_event(status="live")

    response = join(client, event)

    assert response.status_code == 302
    assert response.location == f"/j/{event.code}/live"
    person = db.session.scalar(select(Participant))
    assert (person.display_name, person.organisation, person.roles) == ("", "", [])
    assert person.consent_show_name is False
    assert client.get(f"/j/{event.code}").location == f"/j/{event.code}/live"


def test_joining_keeps_the_details_given(client, make_event):
    event = make_event(status="live")

    join(client, event, name="  Ann  Smith ", organisation="Carers Group",
         roles=["Unpaid carer", "Provider"], show_name="y")

    person = db.session.scalar(select(Participant))
    assert (person.display_name, person.organisation) == ("Ann Smith", "Carers Group")
    assert person.roles == ["Unpaid carer", "Provider"]
    assert person.consent_show_name is True


def test_a_role_not_on_the_list_is_refused(client, make_event):
    event = make_event(status="live")

    response = join(client, event, roles=["Secret agent"])

    assert response.status_code == 422
    assert "Please choose roles from the list." in page_text(response)
    assert db.session.scalar(select(func.count(Participant.id))) == 0


def test_a_name_too_long_is_refused(client, make_event):
    event = make_event(status="live")

    response = join(client, event, name="x" * 81)

    assert response.status_code == 422
    assert db.session.scalar(select(func.count(Participant.id))) == 0


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{spaced}"])
def test_typing_a_code_leads_to_the_event(client, make_event, typed):
    event = make_event(status="live")
    code = event.code
    text = typed.format(code=code, lower=code.lower(), spaced=f" {code[:3]} {code[3:]} ")

    response = client.get("/join", query_string={"code": text})

    assert response.status_code == 302
    assert response.location == f"/j/{code}"


def test_the_front_page_says_where_to_type_a_code(client):
    html = client.get("/").get_data(as_text=True)

    assert 'href="/join"' in html


def test_a_wrong_code_gets_a_friendly_page_to_try_again(client):
    typed = client.get("/join", query_string={"code": "ZZZZZZ"})
    scanned = client.get("/j/ZZZZZZ")

    assert typed.status_code == scanned.status_code == 404
    assert "We cannot find an event with that code" in page_text(typed)
    assert "We cannot find that event" in page_text(scanned)
    assert 'name="code"' in scanned.get_data(as_text=True)


def test_a_closed_event_says_it_has_finished(client, make_event):
    event = make_event(status="closed")

    response = client.get(f"/j/{event.code}")

    assert response.status_code == 410
    assert "This event has finished" in page_text(response)


def test_a_phone_that_joined_sees_the_event_has_finished_not_that_it_will_start(
        client, make_event):
    event = make_event(status="live")
    join(client, event)
    events.set_status(event, "closed")

    html = client.get(f"/j/{event.code}/live").get_data(as_text=True)
    stage = html[html.index('id="stage"'):html.index("<noscript>")]

    assert "This event has finished" in stage
    assert "will start soon" not in stage


def test_the_live_page_needs_joining_first(client, make_event):
    event = make_event(status="live")

    assert client.get(f"/j/{event.code}/live").location == f"/j/{event.code}"


def test_the_live_page_shows_the_stage_on_show(client, make_event):
    event = make_event(status="live")
    join(client, event)
    live.go_to_stage(event, stage_id(event, "slides"))

    text = page_text(client.get(f"/j/{event.code}/live"))

    assert "Slide 1 of 4" in text and "What is co-production?" in text


def test_a_stage_kind_not_built_shows_a_holding_page(client, make_event, monkeypatch):
    # Every kind is built now: take the ladder's views away to see the holding page.
    bare = dataclasses.replace(registry.get("ladder"), views={})
    monkeypatch.setitem(registry._loaded(), "ladder", bare)
    event = make_event(status="live")
    join(client, event)
    live.go_to_stage(event, stage_id(event, "ladder"))

    text = page_text(client.get(f"/j/{event.code}/live"))

    assert "Where are we on the ladder?" in text
    assert "There is nothing to do on your phone for this part." in text


def reflection_form(client, event) -> dict:
    html = client.get(f"/j/{event.code}/live").get_data(as_text=True)
    fields = dict(re.findall(
        r'name="(csrf_token|client_id|stage_id)" type="hidden" value="([^"]*)"', html))
    fields.update(re.findall(r'name="(csrf_token)" value="([^"]*)"', html))
    return fields


def test_a_reflection_sent_by_plain_form_is_stored_once_however_often_sent(client, make_event):
    event = make_event(status="live")
    join(client, event)
    live.go_to_stage(event, stage_id(event, "reflection"))
    form = {**reflection_form(client, event), "text": "Ask people early"}

    first = client.post(f"/j/{event.code}/reflections", data=form)
    again = client.post(f"/j/{event.code}/reflections", data=form)

    assert first.status_code == again.status_code == 302
    assert [r.text for r in db.session.scalars(select(Reflection))] == ["Ask people early"]
    page = page_text(client.get(f"/j/{event.code}/live"))
    assert "Sent. Thank you!" in page and "Ask people early Sent" in page


def test_a_reflection_too_long_is_refused_with_the_reason(client, make_event):
    event = make_event(status="live")
    join(client, event)
    live.go_to_stage(event, stage_id(event, "reflection"))
    form = {**reflection_form(client, event), "text": "x" * 281}

    response = client.post(f"/j/{event.code}/reflections", data=form)

    assert response.status_code == 422
    assert db.session.scalar(select(func.count(Reflection.id))) == 0


def test_paused_sending_is_explained_on_the_plain_form(client, make_event):
    event = make_event(status="live")
    join(client, event)
    live.go_to_stage(event, stage_id(event, "reflection"))
    live.set_locked(event, True)
    form = {**reflection_form(client, event), "text": "Hello"}

    response = client.post(f"/j/{event.code}/reflections", data=form)

    assert response.status_code == 422
    assert "Sending is paused for now." in page_text(response)


def test_what_people_write_is_escaped_on_the_phone_page(client, make_event):
    event = make_event(status="live")
    join(client, event, name="<b>Ann</b>")
    live.go_to_stage(event, stage_id(event, "reflection"))
    form = {**reflection_form(client, event), "text": "<script>alert(1)</script>"}
    client.post(f"/j/{event.code}/reflections", data=form)

    html = client.get(f"/j/{event.code}/live").get_data(as_text=True)

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("path", ["/join", "/j/{code}", "/j/{code}/live"])
def test_phone_pages_have_no_inline_scripts_or_styles(client, make_event, path):
    event = make_event(status="live")
    join(client, event)

    response = client.get(path.format(code=event.code))
    html = response.get_data(as_text=True)

    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert " style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag


def test_joining_count_goes_up(client, make_event):
    event = make_event(status="live")
    before = event.version

    join(client, event)

    assert events.find_event(event.code).version == before + 1
