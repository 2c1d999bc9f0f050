"""Screen, console and phones in one event: stage changes, submissions, gaps and refusals."""

import time

import pytest
from sqlalchemy import func, select

from facilitate.extensions import db
from facilitate.services import events
from facilitate.stages.slides import service as slide_service
from facilitate.store.models import Event, Reflection
from tests.realtime.conftest import LiveClient, client_id, connect, stage_id


def snapshot_of(client: LiveClient) -> dict:
    (snapshot,) = client.received("snapshot")
    return snapshot


def reflection_count(event: Event) -> int:
    return db.session.scalar(select(func.count(Reflection.id))
                             .where(Reflection.event_id == event.id))


def version_of(event: Event) -> int:
    return db.session.scalar(select(Event.version).where(Event.id == event.id))


def test_everyone_gets_a_snapshot_for_their_audience(live_event, console, screen, make_phone):
    phone = make_phone(live_event, "Ann")

    console_view, screen_view, phone_view = (snapshot_of(c) for c in (console, screen, phone))

    assert [s["kind"] for s in console_view["stages"]] == [
        "welcome", "slides", "reflection", "open_space", "pledges", "ladder", "poll", "close"]
    assert console_view["event"]["joined"] == 0   # connected before the phone joined
    assert screen_view["event"]["join_url"] == f"http://192.0.2.10:5000/j/{live_event.code}"
    assert "stages" not in screen_view and "presence" not in screen_view
    assert phone_view["event"] == {"code": live_event.code, "title": live_event.title,
                                   "status": "live", "locked": False}
    assert phone_view["stage"] is None and phone_view["mine"] == []


def test_stage_change_reaches_screen_console_and_phones_only_of_that_event(
        live_event, make_event, console, screen, make_phone):
    phones = [make_phone(live_event), make_phone(live_event)]
    elsewhere = make_phone(make_event(status="live"))
    for client in (console, screen, *phones, elsewhere):
        client.received()
    slides = stage_id(live_event, "slides")

    ack = console.emit("go_to_stage", {"stage_id": slides})

    assert ack == {"ok": True, "stage_id": slides}
    for client in (console, screen, *phones):
        (message,) = client.received("stage_changed")
        assert message["stage"]["id"] == slides
        assert message["stage"]["slide"] == 0 and message["stage"]["count"] == 4
        assert "<h1>What is co-production?</h1>" in message["stage"]["html"]
    assert elsewhere.received() == []


def test_closing_the_event_tells_every_audience_of_that_event(
        app, live_event, make_event, console, screen, make_phone):
    phone = make_phone(live_event)
    elsewhere = make_phone(make_event(status="live"))
    for client in (console, screen, phone, elsewhere):
        client.received()

    with app.app_context():
        events.set_status(db.session.get(Event, live_event.id), "closed")

    for client in (console, screen, phone):
        (message,) = client.received("status_changed")
        assert message["status"] == "closed"
    assert elsewhere.received() == []
    assert phone.http.get(f"/j/{live_event.code}").status_code == 410


def test_console_sees_slide_sources_and_others_do_not(live_event, console, screen, make_phone):
    phone = make_phone(live_event)
    for client in (console, screen, phone):
        client.received()

    console.emit("go_to_stage", {"stage_id": stage_id(live_event, "slides")})

    assert len(console.received("stage_changed")[0]["stage"]["sources"]) == 4
    assert "sources" not in screen.received("stage_changed")[0]["stage"]
    assert "sources" not in phone.received("stage_changed")[0]["stage"]


def test_slides_move_from_console_and_from_the_screens_clicker(live_event, console, screen,
                                                               make_phone):
    phone = make_phone(live_event)
    console.emit("go_to_stage", {"stage_id": stage_id(live_event, "slides")})
    phone.received()

    assert console.emit("move_slide", {"step": 1}) == {"ok": True, "slide": 1}
    assert screen.emit("move_slide", {"step": 1}) == {"ok": True, "slide": 2}
    assert screen.emit("move_slide", {"step": -1}) == {"ok": True, "slide": 1}
    assert console.emit("move_slide", {"slide": 3}) == {"ok": True, "slide": 3}

    assert [m["stage"]["slide"] for m in phone.received("stage_changed")] == [1, 2, 1, 3]
    assert phone.emit("move_slide", {"step": 1})["reason"] == "not_allowed"


def test_reflection_goes_to_screen_and_console_not_to_phones(live_event, console, screen,
                                                             make_phone):
    sender, other = make_phone(live_event, "Ann"), make_phone(live_event)
    reflection = stage_id(live_event, "reflection")
    console.emit("go_to_stage", {"stage_id": reflection})
    for client in (console, screen, sender, other):
        client.received()

    ack = sender.emit("submit_reflection", {"id": client_id(), "stage_id": reflection,
                                            "text": "Being asked early matters"})

    assert ack == {"ok": True, "id": client_id(), "reflection_id": ack["reflection_id"],
                   "status": "shown", "duplicate": False}
    (on_screen,) = screen.received("reflection_added")
    assert on_screen["reflection"] == {"id": on_screen["reflection"]["id"],
                                       "stage_id": reflection,
                                       "text": "Being asked early matters",
                                       "words": ["asked", "early", "matters"],
                                       "me_too": 0}
    (on_console,) = console.received("reflection_added")
    assert on_console["reflection"]["author"] == "Ann"
    assert on_console["reflection"]["visibility"] == "shown"
    # Phones hear only that the wall changed (numbers, no text): they ask for it when wanted.
    for phone in (sender, other):
        (changed,) = phone.received()
        assert {k: v for k, v in changed.items() if k != "version"} == {
            "stage_id": reflection, "shown": 1, "newest": on_screen["reflection"]["id"]}


def test_duplicate_submission_id_is_stored_once(live_event, console, make_phone):
    phone = make_phone(live_event)
    reflection = stage_id(live_event, "reflection")
    console.emit("go_to_stage", {"stage_id": reflection})
    console.received()
    payload = {"id": client_id(), "stage_id": reflection, "text": "Once only"}

    first = phone.emit("submit_reflection", payload)
    again = phone.emit("submit_reflection", payload)

    assert first["duplicate"] is False and again["duplicate"] is True
    assert first["id"] == again["id"] == client_id()
    assert reflection_count(live_event) == 1
    assert len(console.received("reflection_added")) == 1


def test_another_phone_cannot_reuse_a_submission_id(live_event, console, make_phone):
    first, second = make_phone(live_event), make_phone(live_event)
    reflection = stage_id(live_event, "reflection")
    payload = {"id": client_id(), "stage_id": reflection, "text": "Mine"}
    first.emit("submit_reflection", payload)

    ack = second.emit("submit_reflection", {**payload, "text": "Not mine"})

    assert ack["ok"] is False and ack["reason"] == "invalid"
    assert reflection_count(live_event) == 1


def test_reconnect_with_an_old_version_gets_a_snapshot(app, live_event, console, make_phone):
    phone = make_phone(live_event)
    old = snapshot_of(phone)["version"]
    phone.socket.disconnect()
    console.emit("go_to_stage", {"stage_id": stage_id(live_event, "welcome")})

    again = connect(app, phone.http, live_event, "phones", version=old)

    (message,) = [m for m in again.get_received() if m["name"] in ("snapshot", "up_to_date")]
    assert message["name"] == "snapshot"
    assert message["args"][0]["version"] == version_of(live_event) > old
    assert message["args"][0]["stage"]["kind"] == "welcome"


def test_reconnect_with_the_current_version_is_told_it_is_up_to_date(app, live_event,
                                                                     make_phone):
    phone = make_phone(live_event)
    current = snapshot_of(phone)["version"]
    phone.socket.disconnect()

    again = connect(app, phone.http, live_event, "phones", version=current)

    assert [m["name"] for m in again.get_received()] == ["up_to_date"]


def test_request_snapshot_answers_with_the_current_state(live_event, console, screen):
    console.emit("go_to_stage", {"stage_id": stage_id(live_event, "close")})

    ack = screen.emit("request_snapshot", {})

    assert ack["ok"] is True
    assert ack["snapshot"]["stage"]["kind"] == "close"
    assert ack["snapshot"]["version"] == version_of(live_event)


def test_screen_messages_chain_since_to_the_previous_version(live_event, console, screen):
    known = snapshot_of(screen)["version"]

    console.emit("go_to_stage", {"stage_id": stage_id(live_event, "welcome")})
    console.emit("lock_submissions", {"locked": True})
    console.emit("set_moderation", {"moderation": "approve"})

    messages = screen.received()
    assert [m["since"] for m in messages] == [known, known + 1, known + 2]
    assert [m["version"] for m in messages] == [known + 1, known + 2, known + 3]


def test_a_version_skipped_for_one_audience_is_not_a_gap_for_it(live_event, console, screen,
                                                                make_phone):
    phone = make_phone(live_event)
    reflection = stage_id(live_event, "reflection")
    console.emit("go_to_stage", {"stage_id": reflection})
    console.emit("set_moderation", {"moderation": "approve"})
    screen.received()
    last_on_screen = version_of(live_event)

    phone.emit("submit_reflection", {"id": client_id(), "stage_id": reflection, "text": "Wait"})
    console.emit("lock_submissions", {"locked": True})

    (message,) = screen.received()
    assert message["version"] == last_on_screen + 2
    assert message["since"] == last_on_screen


def test_approve_first_holds_reflections_back_from_the_screen(live_event, console, screen,
                                                              make_phone):
    phone = make_phone(live_event)
    reflection = stage_id(live_event, "reflection")
    console.emit("go_to_stage", {"stage_id": reflection})
    console.emit("set_moderation", {"moderation": "approve"})
    for client in (console, screen):
        client.received()

    ack = phone.emit("submit_reflection", {"id": client_id(), "stage_id": reflection,
                                           "text": "Please check me"})

    assert ack["status"] == "pending"
    assert screen.received() == []
    (held,) = console.received("reflection_added")
    assert held["reflection"]["visibility"] == "pending"

    console.emit("set_visibility", {"id": held["reflection"]["id"], "visibility": "shown"})

    (shown,) = screen.received("reflection_changed")
    assert shown["reflection"]["text"] == "Please check me"


def test_hiding_a_reflection_takes_it_off_the_screen(live_event, console, screen, make_phone):
    phone = make_phone(live_event)
    reflection = stage_id(live_event, "reflection")
    console.emit("go_to_stage", {"stage_id": reflection})
    phone.emit("submit_reflection", {"id": client_id(), "stage_id": reflection,
                                     "text": "Rude words here"})
    item_id = db.session.scalar(select(Reflection.id))
    for client in (console, screen):
        client.received()

    ack = console.emit("set_visibility", {"id": item_id, "visibility": "hidden"})

    assert ack == {"ok": True, "id": item_id, "visibility": "hidden"}
    (gone,) = screen.received("reflection_changed")
    assert gone == {"id": item_id, "stage_id": reflection, "words": ["rude", "words"],
                    "version": gone["version"], "since": gone["since"]}
    assert console.received("reflection_changed")[0]["reflection"]["visibility"] == "hidden"
    assert screen.emit("request_snapshot", {})["snapshot"]["stage"]["reflections"] == []


def test_paused_sending_is_refused_then_accepted_when_resumed(live_event, console, make_phone):
    phone = make_phone(live_event)
    reflection = stage_id(live_event, "reflection")
    console.emit("lock_submissions", {"locked": True})
    assert phone.received("submissions_locked")[-1]["locked"] is True
    payload = {"id": client_id(), "stage_id": reflection, "text": "Kept on the phone"}

    paused = phone.emit("submit_reflection", payload)
    console.emit("lock_submissions", {"locked": False})
    resent = phone.emit("submit_reflection", payload)

    assert paused["ok"] is False and paused["reason"] == "paused"
    assert resent["ok"] is True
    assert reflection_count(live_event) == 1


def test_closed_event_refuses_new_reflections(live_event, make_phone):
    phone = make_phone(live_event)
    events.set_status(live_event, "closed")

    ack = phone.emit("submit_reflection", {"id": client_id(), "text": "Too late",
                                           "stage_id": stage_id(live_event, "reflection")})

    assert ack["reason"] == "closed"
    assert reflection_count(live_event) == 0


@pytest.mark.parametrize(("name", "payload", "reason"), [
    ("submit_reflection", "just text", "invalid"),
    ("submit_reflection", None, "invalid"),
    ("submit_reflection", {"id": 12345678, "stage_id": 0, "text": "x"}, "invalid"),
    ("submit_reflection", {"id": "short", "stage_id": 0, "text": "x"}, "invalid"),
    ("submit_reflection", {"id": "x" * 65, "stage_id": 0, "text": "x"}, "invalid"),
    ("submit_reflection", {"id": "has spaces in it", "stage_id": 0, "text": "x"}, "invalid"),
    ("submit_reflection", {"id": "phone-made-id-0001", "stage_id": "3", "text": "x"},
     "invalid"),
    ("submit_reflection", {"id": "phone-made-id-0001", "stage_id": 0, "text": "x" * 281},
     "invalid"),
    ("submit_reflection", {"id": "phone-made-id-0001", "stage_id": 0, "text": "x" * 100_000},
     "invalid"),
    ("submit_reflection", {"id": "phone-made-id-0001", "stage_id": 0, "text": "   "},
     "invalid"),
    ("submit_reflection", {"id": "phone-made-id-0001", "stage_id": 0, "text": ["x"]},
     "invalid"),
    ("submit_reflection", {"id": "phone-made-id-0001", "stage_id": 0, "text": "x",
                           "event": "OTHER1"}, "invalid"),
    ("go_to_stage", {"stage_id": 1}, "not_allowed"),
    ("lock_submissions", {"locked": True}, "not_allowed"),
    ("set_visibility", {"id": 1, "visibility": "hidden"}, "not_allowed"),
    ("no_such_event", {}, "invalid"),
])
def test_wrong_payloads_from_a_phone_are_refused_and_change_nothing(
        live_event, make_phone, name, payload, reason):
    phone = make_phone(live_event)
    reflection = stage_id(live_event, "reflection")
    if isinstance(payload, dict) and payload.get("stage_id") == 0:
        payload = {**payload, "stage_id": reflection}
    before = version_of(live_event)

    ack = phone.emit(name, payload)

    assert ack["ok"] is False and ack["reason"] == reason and ack["error"]
    assert reflection_count(live_event) == 0
    assert version_of(live_event) == before


@pytest.mark.parametrize(("name", "payload", "reason"), [
    ("go_to_stage", {"stage_id": "1"}, "invalid"),
    ("go_to_stage", {"stage_id": True}, "invalid"),
    ("go_to_stage", {"stage_id": 999_999}, "not_found"),
    ("step_stage", {"step": 2}, "invalid"),
    ("move_slide", {"step": 1}, "invalid"),           # no slides on show
    ("lock_submissions", {"locked": "yes"}, "invalid"),
    ("set_moderation", {"moderation": "never"}, "invalid"),
    ("set_visibility", {"id": 999_999, "visibility": "hidden"}, "not_found"),
    ("set_visibility", {"id": 1, "visibility": "gone"}, "invalid"),
    ("go_to_stage", {"stage_id": 1, "extra": 1}, "invalid"),
])
def test_wrong_payloads_from_the_console_are_refused_and_change_nothing(
        live_event, console, name, payload, reason):
    before = version_of(live_event)
    console.received()

    ack = console.emit(name, payload)

    assert ack["ok"] is False and ack["reason"] == reason and ack["error"]
    assert version_of(live_event) == before
    assert console.received() == []


def test_ids_from_another_event_are_refused(live_event, make_event, console, make_phone):
    other = make_event(status="live")
    other_phone = make_phone(other)
    other_stage = stage_id(other, "reflection")
    other_phone.emit("submit_reflection", {"id": client_id(), "stage_id": other_stage,
                                           "text": "Someone else's"})
    other_reflection = db.session.scalar(select(Reflection.id))
    phone = make_phone(live_event)
    before = version_of(live_event)

    to_stage = console.emit("go_to_stage", {"stage_id": other_stage})
    to_reflection = console.emit("set_visibility", {"id": other_reflection,
                                                    "visibility": "hidden"})
    from_phone = phone.emit("submit_reflection", {"id": client_id(2), "stage_id": other_stage,
                                                  "text": "Wrong event"})

    assert to_stage["reason"] == to_reflection["reason"] == from_phone["reason"] == "not_found"
    assert db.session.get(Reflection, other_reflection).visibility == "shown"
    assert reflection_count(live_event) == 0
    assert version_of(live_event) == before


def test_per_participant_rate_limit_refuses_floods(app, live_event, make_phone):
    app.config["SUBMIT_LIMIT"] = "2 per minute"
    phone, neighbour = make_phone(live_event), make_phone(live_event)
    reflection = stage_id(live_event, "reflection")

    acks = [phone.emit("submit_reflection", {"id": client_id(n), "stage_id": reflection,
                                             "text": f"Number {n}"}) for n in range(3)]
    neighbour_ack = neighbour.emit("submit_reflection", {"id": client_id(9),
                                                         "stage_id": reflection, "text": "Hi"})

    assert [a["ok"] for a in acks] == [True, True, False]
    assert acks[2]["reason"] == "rate_limited"
    assert neighbour_ack["ok"] is True
    assert reflection_count(live_event) == 3


def test_a_retry_of_a_stored_item_is_not_rate_limited(app, live_event, make_phone):
    app.config["SUBMIT_LIMIT"] = "1 per minute"
    phone = make_phone(live_event)
    payload = {"id": client_id(), "stage_id": stage_id(live_event, "reflection"), "text": "Hi"}

    acks = [phone.emit("submit_reflection", payload) for _ in range(3)]

    assert [a["ok"] for a in acks] == [True, True, True]


@pytest.mark.parametrize("audience", ["phones", "screen", "console"])
def test_strangers_cannot_connect(app, live_event, audience):
    stranger = connect(app, app.test_client(), live_event, audience)

    assert not stranger.is_connected()


def test_another_facilitator_cannot_connect_as_console_or_screen(app, live_event, make_user):
    from tests.conftest import log_in

    http = app.test_client()
    email = make_user().email
    with app.app_context():
        log_in(http, email)

    assert not connect(app, http, live_event, "console").is_connected()
    assert not connect(app, http, live_event, "screen").is_connected()


def test_a_phone_of_one_event_cannot_connect_to_another(app, live_event, make_event, make_phone):
    phone = make_phone(live_event)

    assert not connect(app, phone.http, make_event(status="live"), "phones").is_connected()


def test_console_sees_who_is_connected(live_event, console, make_phone):
    console.received()

    make_phone(live_event, "Ann")

    presence = console.received("presence_changed")[-1]
    assert presence["counts"] == {"screen": 0, "console": 1, "phones": 1}
    assert [p["name"] for p in presence["people"]] == ["Ann"]
    assert "version" not in presence


def test_joining_updates_the_count_on_screen_and_console(live_event, console, screen,
                                                       make_phone):
    screen.received()

    make_phone(live_event)
    make_phone(live_event)

    assert [m["joined"] for m in screen.received("participant_joined")] == [1, 2]


@pytest.fixture
def coalescing(app):
    from facilitate.realtime.broadcast import Coalescer

    # Wide enough that the four sends below fall in one window even on a busy machine.
    app.extensions["facilitate_coalescer"] = Coalescer(2.0)


def test_a_burst_to_phones_is_coalesced_into_the_last_message(coalescing, live_event, console,
                                                              screen, make_phone):
    phone = make_phone(live_event)
    console.emit("go_to_stage", {"stage_id": stage_id(live_event, "slides")})
    for step in (1, 1, 1):
        console.emit("move_slide", {"step": step})
    time.sleep(2.6)

    (message,) = phone.received("stage_changed")
    assert message["stage"]["slide"] == 3
    assert message["version"] == version_of(live_event)
    assert len(screen.received("stage_changed")) == 4


def test_slides_edited_in_the_console_reach_the_screen(live_event, console, screen):
    slides = stage_id(live_event, "slides")
    console.emit("go_to_stage", {"stage_id": slides})
    screen.received()
    db.session.refresh(live_event)   # the console changed it in its own session

    slide_service.update_slides(live_event, slides, "# One\n\n---\n\n# Two <b>bold</b>")

    (message,) = screen.received("stage_changed")
    assert message["stage"]["count"] == 2
    assert message["stage"]["html"] == "<h1>One</h1>\n"
