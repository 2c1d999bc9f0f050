"""'Me too' and who is in the room over Socket.IO: a phone's "me too" reaches the screen and
console counts, the wall's order follows the facilitator, phones hear only that the wall changed
and fetch it; room counts reach the console and screen, never the phones."""

import time

from facilitate.extensions import db
from facilitate.realtime.broadcast import Coalescer
from facilitate.services import live
from facilitate.store.models import Event
from tests.conftest import csrf_token
from tests.export import helpers
from tests.realtime.conftest import client_id, connect, stage_id


def show_reflection(console, event) -> int:
    stage = stage_id(event, "reflection")
    assert console.emit("go_to_stage", {"stage_id": stage})["ok"]
    return stage


def reflect(phone, stage: int, n: int, text: str) -> int:
    ack = phone.emit("submit_reflection", {"id": client_id(n), "stage_id": stage, "text": text})
    assert ack["ok"] is True, ack
    return ack["reflection_id"]


def test_a_phones_me_too_updates_the_screen_and_console_counts(live_event, console, screen,
                                                               make_phone):
    ann, bo, cy = (make_phone(live_event, name) for name in ("Ann", "Bo", "Cy"))
    stage = show_reflection(console, live_event)
    transport = reflect(ann, stage, 1, "The bus stops at six")
    for client in (console, screen, ann, bo, cy):
        client.received()

    ack = bo.emit("say_me_too", {"id": client_id(2), "reflection_id": transport,
                                 "me_too": True})

    assert ack == {"ok": True, "reflection_id": transport, "me_too": True, "count": 1}
    (on_screen,) = screen.received("me_too_changed")
    assert (on_screen["reflection"]["id"], on_screen["reflection"]["me_too"]) == (transport, 1)
    assert "author" not in on_screen["reflection"]
    (on_console,) = console.received("me_too_changed")
    assert (on_console["reflection"]["me_too"], on_console["reflection"]["author"]) == (1, "Ann")
    assert ann.received() == [] and cy.received() == []   # no count goes to phones

    again = bo.emit("say_me_too", {"id": client_id(3), "reflection_id": transport})
    assert again["count"] == 1 and screen.received() == []    # said twice: once
    cy.emit("say_me_too", {"reflection_id": transport, "me_too": True})
    assert [m["reflection"]["me_too"] for m in screen.received("me_too_changed")] == [2]
    back = bo.emit("say_me_too", {"reflection_id": transport, "me_too": False})
    assert back == {"ok": True, "reflection_id": transport, "me_too": False, "count": 1}
    assert [m["reflection"]["me_too"] for m in console.received("me_too_changed")] == [2, 1]


def test_me_too_refused_on_ones_own_and_on_a_hidden_reflection(live_event, console, make_phone):
    ann, bo = make_phone(live_event, "Ann"), make_phone(live_event, "Bo")
    stage = show_reflection(console, live_event)
    own = reflect(ann, stage, 1, "Mine")
    hidden = reflect(ann, stage, 2, "Rude words")
    console.emit("set_visibility", {"id": hidden, "visibility": "hidden"})

    assert ann.emit("say_me_too", {"reflection_id": own})["reason"] == "not_allowed"
    refused = bo.emit("say_me_too", {"reflection_id": hidden})
    assert refused == {"ok": False, "reason": "not_found", "field": "id",
                       "error": "That reflection is not on the wall."}


def test_the_screens_wall_orders_by_me_too_when_the_facilitator_says(live_event, console,
                                                                     screen, make_phone):
    ann, bo, cy = (make_phone(live_event, name) for name in ("Ann", "Bo", "Cy"))
    stage = show_reflection(console, live_event)
    quiet = reflect(ann, stage, 1, "Quiet point")
    loud = reflect(bo, stage, 2, "Loud point")
    bo.emit("say_me_too", {"reflection_id": quiet})
    cy.emit("say_me_too", {"reflection_id": quiet})
    screen.received()
    console.received()

    ack = console.emit("set_wall_order", {"order": "me_too"})

    assert ack == {"ok": True, "stage_id": stage, "order": "me_too"}
    (message,) = screen.received("wall_order_changed")
    assert message["stage"]["order"] == "me_too"
    assert [(r["id"], r["me_too"]) for r in message["stage"]["reflections"]] == [
        (quiet, 2), (loud, 0)]
    (on_console,) = console.received("wall_order_changed")
    assert on_console["stage"]["order"] == "me_too"
    # A screen that reconnects gets the same order in its snapshot.
    snapshot = screen.emit("request_snapshot", {})["snapshot"]
    assert snapshot["stage"]["order"] == "me_too"
    assert screen.emit("set_wall_order", {"order": "newest"})["reason"] == "not_allowed"
    assert ann.emit("set_wall_order", {"order": "newest"})["reason"] == "not_allowed"


def test_phones_hear_the_wall_changed_and_fetch_it_with_their_me_toos(live_event, console,
                                                                      make_phone):
    ann, bo = make_phone(live_event, "Ann"), make_phone(live_event, "Bo")
    stage = show_reflection(console, live_event)
    first = reflect(ann, stage, 1, "First")
    bo.emit("say_me_too", {"reflection_id": first})
    bo.received()

    second = reflect(ann, stage, 2, "Second")

    (changed,) = bo.received("wall_changed")
    assert (changed["stage_id"], changed["shown"], changed["newest"]) == (stage, 2, second)
    wall = bo.emit("request_wall", {"stage_id": stage})
    assert wall == {"ok": True, "stage_id": stage, "me_too": [first],
                    "wall": [{"id": first, "text": "First"}, {"id": second, "text": "Second"}]}
    snapshot = bo.emit("request_snapshot", {})["snapshot"]
    assert {"kind": "me_too", "id": first} in snapshot["mine"]
    assert [r["id"] for r in snapshot["stage"]["wall"]] == [first, second]


def test_room_counts_reach_the_console_and_screen_not_the_phones(app, live_event, console,
                                                                 screen, make_phone):
    watcher = make_phone(live_event, "Watcher")
    for client in (console, screen, watcher):
        client.received()
    http = app.test_client()
    code = live_event.code
    token = csrf_token(http, f"/j/{code}")
    response = http.post(f"/j/{code}", data={"csrf_token": token, "name": "Carer",
                                             "roles": ["Unpaid carer"]})
    assert response.status_code == 302
    connect(app, http, live_event, "phones")

    (on_console,) = console.received("participant_joined")
    groups = {g["group"]: g["count"] for g in on_console["room"]["groups"]}
    assert groups == {"care": 1, "community": 0, "services": 0, "other": 0, "none": 1}
    assert on_console["room"]["joined"] == 2 and on_console["room"]["shown"] is False
    (on_screen,) = screen.received("participant_joined")
    assert on_screen["room"] == on_console["room"]
    assert watcher.received() == []


def test_the_facilitator_shows_who_is_in_the_room_on_the_screen(live_event, console, screen,
                                                               make_phone):
    phone = make_phone(live_event, "Ann")
    for client in (console, screen, phone):
        client.received()

    assert console.emit("show_room", {"shown": True}) == {"ok": True, "shown": True}

    (message,) = screen.received("room_changed")
    assert message["room"]["shown"] is True and message["room"]["joined"] == 1
    assert [g["label"] for g in message["room"]["groups"]][-1] == \
        "Gave no role, or preferred not to say"
    assert console.received("room_changed")[0]["room"]["shown"] is True
    assert phone.received() == []
    assert screen.emit("request_snapshot", {})["snapshot"]["event"]["room"]["shown"] is True
    assert "room" not in phone.emit("request_snapshot", {})["snapshot"]["event"]
    assert console.emit("show_room", {"shown": "yes"})["reason"] == "invalid"
    assert screen.emit("show_room", {"shown": False})["reason"] == "not_allowed"
    assert phone.emit("show_room", {"shown": False})["reason"] == "not_allowed"
    db.session.expire_all()
    assert db.session.get(Event, live_event.id).settings["show_room"] is True


def test_a_burst_of_reflections_and_joins_reaches_phones_as_a_few_small_messages(
        app, live_event, console, screen, make_phone):
    app.extensions["facilitate_coalescer"] = Coalescer(1.0)
    phone = make_phone(live_event, "Watcher")
    stage = stage_id(live_event, "reflection")
    live.go_to_stage(live_event, stage)
    time.sleep(1.5)
    for client in (phone, console, screen):
        client.received()

    people = [helpers.join(live_event, f"Person {n}", roles=("NHS",)) for n in range(20)]
    for n, person in enumerate(people):
        helpers.reflect(live_event, person, f"Point number {n}")
    time.sleep(1.5)

    on_phone = phone.received()
    assert {m.get("stage_id") for m in on_phone} == {stage}   # only wall_changed, no joins
    assert 1 <= len(on_phone) <= 5
    assert (on_phone[-1]["shown"], on_phone[-1]["newest"]) == (20, max(
        m["reflection"]["id"] for m in screen.received("reflection_added")))
    joins = console.received("participant_joined")
    assert len(joins) == 20
    assert joins[-1]["room"]["groups"][2] == {
        "group": "services", "label": "NHS, council, providers and commissioners", "count": 20}
