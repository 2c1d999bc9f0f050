"""'Me too' and who is in the room without JavaScript: the phone's plain "Me too" form, the run
page's wall order and room buttons, and the counts each page shows."""

import html
import re

from facilitate.extensions import db
from facilitate.services import live
from facilitate.stages.reflection import service
from facilitate.store.models import Event
from tests.conftest import csrf_token, log_in
from tests.export.helpers import hide_reflection, join, reflect
from tests.stages.reflection.conftest import reflection_stage


def page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ",
                                                    response.get_data(as_text=True))))


def as_phone(client, event, person) -> None:
    with client.session_transaction() as session:
        session["participants"] = {event.code: person.public_id}


def me_too(client, event, reflection_id: int, value: str = "yes"):
    token = csrf_token(client, f"/j/{event.code}/live")
    return client.post(f"/j/{event.code}/reflections/{reflection_id}/me-too",
                       data={"csrf_token": token, "value": value})


def test_a_phone_without_javascript_says_me_too_and_takes_it_back(client, event, people):
    ann, bo, _ = people
    transport = reflect(event, ann, "The bus stops at six")
    as_phone(client, event, bo)

    page = client.get(f"/j/{event.code}/live")
    assert "The bus stops at six" in page_text(page)
    assert f'aria-describedby="wall-{transport.id}"' in page.get_data(as_text=True)

    response = me_too(client, event, transport.id)

    assert response.status_code == 302 and response.headers["Location"].endswith("#wall")
    after = page_text(client.get(f"/j/{event.code}/live"))
    assert 'You said "me too".' in after and 'Take back my "me too"' in after
    assert service.say_me_too(event, ann, transport.id, False)[2] == 1   # Ann's: none; Bo's: 1

    me_too(client, event, transport.id, "no")
    assert 'You took back your "me too".' in page_text(client.get(f"/j/{event.code}/live"))
    assert service.wall_for(event, bo, reflection_stage(event).id)["me_too"] == []


def test_a_phone_sees_its_own_reflection_without_a_me_too_button(client, event, people):
    ann, _, _ = people
    own = reflect(event, ann, "Mine to say")
    as_phone(client, event, ann)

    text = page_text(client.get(f"/j/{event.code}/live"))
    assert "Mine to say You wrote this" in text

    me_too(client, event, own.id)
    assert "You wrote this one, so your voice is already in it." in \
        page_text(client.get(f"/j/{event.code}/live"))


def test_the_plain_me_too_refuses_hidden_and_other_events_reflections(client, event, people,
                                                                      make_event):
    ann, bo, _ = people
    hidden = hide_reflection(event, reflect(event, ann, "Rude"))
    other = make_event(status="live")
    live.go_to_stage(other, reflection_stage(other).id)
    elsewhere = reflect(other, join(other, "Dee"), "Another town")
    as_phone(client, event, bo)

    me_too(client, event, hidden.id)
    assert "That reflection is not on the wall." in page_text(client.get(f"/j/{event.code}/live"))
    me_too(client, event, elsewhere.id)
    assert "That reflection is not in this event." in \
        page_text(client.get(f"/j/{event.code}/live"))
    me_too(client, event, hidden.id, "maybe")
    assert "Please try again." in page_text(client.get(f"/j/{event.code}/live"))
    assert service.wall_for(event, bo, reflection_stage(event).id)["me_too"] == []


def test_a_stranger_without_the_join_cookie_is_sent_to_join(client, event, people):
    transport = reflect(event, people[0], "The bus")
    token = csrf_token(client, f"/j/{event.code}")

    response = client.post(f"/j/{event.code}/reflections/{transport.id}/me-too",
                           data={"csrf_token": token, "value": "yes"})

    assert response.status_code == 302 and response.headers["Location"].endswith(f"/j/{event.code}")


def run_button(client, event, action: str, value: str):
    token = csrf_token(client, f"/console/events/{event.code}/run")
    return client.post(f"/console/events/{event.code}/run/{action}",
                       data={"csrf_token": token, "value": value})


def test_the_run_page_orders_the_wall_by_me_too_without_javascript(client, event, people):
    ann, bo, cy = people
    quiet = reflect(event, ann, "Quiet point")
    reflect(event, bo, "Loud point")
    service.say_me_too(event, bo, quiet.id)
    service.say_me_too(event, cy, quiet.id)
    assert log_in(client, event.facilitators[0].user.email).status_code == 302

    before = page_text(client.get(f"/console/events/{event.code}/run"))
    assert "The screen shows the newest first." in before and "Me too: 2" in before

    assert run_button(client, event, "wall_order", "me_too").status_code == 302

    after = page_text(client.get(f"/console/events/{event.code}/run"))
    assert 'The screen shows the most "me too" first.' in after
    assert reflection_stage(db.session.get(Event, event.id)).state["wall_order"] == "me_too"


def test_the_run_page_shows_who_is_in_the_room_and_puts_it_on_the_screen(client, event):
    join(event, "Ann", roles=("Unpaid carer",))
    join(event, "Bo", roles=("NHS",))
    join(event, "Cy", roles=("Prefer not to say",))
    join(event, "Dee")
    assert log_in(client, event.facilitators[0].user.email).status_code == 302

    text = page_text(client.get(f"/console/events/{event.code}/run"))

    assert "Who is in the room" in text
    assert "People who draw on care and support, carers and family 1" in text
    assert "NHS, council, providers and commissioners 1" in text
    assert "Voluntary and community groups 0" in text
    assert "Gave no role, or preferred not to say 2" in text
    assert "Show who is in the room on the screen" in text

    assert run_button(client, event, "room", "show").status_code == 302
    assert db.session.get(Event, event.id).settings["show_room"] is True
    assert "The screen shows who is in the room." in \
        page_text(client.get(f"/console/events/{event.code}/run"))
    run_button(client, event, "room", "hide")
    db.session.expire_all()
    assert db.session.get(Event, event.id).settings["show_room"] is False
