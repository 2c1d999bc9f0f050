"""Pledges over Socket.IO: from a phone to the wall, approval first, retries stored once."""

from sqlalchemy import func, select

from facilitate.extensions import db
from facilitate.stages.pledges import service as pledges
from facilitate.store.models import Event, Pledge
from tests.realtime.conftest import client_id, stage_id


def pledge_count(event: Event) -> int:
    return db.session.scalar(select(func.count(Pledge.id)).where(Pledge.event_id == event.id))


def show_pledges(console, event: Event) -> None:
    assert console.emit("go_to_stage", {"stage_id": stage_id(event, "pledges")})["ok"]


def pledge(n: int = 1, **fields) -> dict:
    return {"id": client_id(n), "action": f"I will do thing {n}", "theme": "Equality",
            "display": "name", "due": 3, **fields}


def test_pledges_stage_views_for_each_audience(live_event, console, screen, make_phone):
    phone = make_phone(live_event, "Ann")
    for client in (console, screen, phone):
        client.received()
    show_pledges(console, live_event)
    (phone_view,) = phone.received("stage_changed")
    (screen_view,) = screen.received("stage_changed")
    (console_view,) = console.received("stage_changed")
    assert phone_view["stage"]["kind"] == "pledges"
    assert phone_view["stage"]["open"] is True
    assert phone_view["stage"]["themes"] == ["Equality", "Diversity", "Accessibility",
                                             "Reciprocity"]
    assert phone_view["stage"]["prompt"].startswith("What will you do")
    assert "pledges" not in phone_view["stage"]
    assert screen_view["stage"]["count"] == 0 and screen_view["stage"]["pledges"] == []
    assert console_view["stage"]["all"] == [] and console_view["stage"]["waiting"] == 0


def test_a_pledge_from_a_phone_reaches_the_wall(live_event, console, screen, make_phone):
    phone = make_phone(live_event, "Ann")
    show_pledges(console, live_event)
    for client in (console, screen, phone):
        client.received()

    ack = phone.emit("submit_pledge", pledge(1))

    assert ack["ok"] is True and ack["status"] == "shown" and ack["duplicate"] is False
    (on_screen,) = screen.received("pledge_added")
    assert on_screen["pledge"] == {"id": ack["pledge_id"], "action": "I will do thing 1",
                                   "theme": "Equality", "scope": "me", "who": "Ann"}
    assert on_screen["count"] == 1
    assert on_screen["themes"][0] == {"theme": "Equality", "count": 1}
    (on_console,) = console.received("pledge_added")
    assert on_console["pledge"]["visibility"] == "shown"
    assert (on_console["count"], on_console["total"], on_console["waiting"]) == (1, 1, 0)
    assert phone.received("pledge_added") == []   # phones hear nothing of others' pledges


def test_a_pledge_waiting_for_approval_reaches_the_screen_only_when_approved(
        live_event, console, screen, make_phone):
    live_event.moderation = "approve"
    db.session.commit()
    phone = make_phone(live_event)
    show_pledges(console, live_event)
    for client in (console, screen, phone):
        client.received()

    ack = phone.emit("submit_pledge", pledge(1))

    assert ack["status"] == "pending"
    assert screen.received() == []
    (waiting,) = console.received("pledge_added")
    assert waiting["pledge"]["visibility"] == "pending" and waiting["waiting"] == 1

    answer = console.emit("moderate_pledge", {"id": ack["pledge_id"], "action": "approve"})

    assert answer == {"ok": True, "id": ack["pledge_id"], "visibility": "shown"}
    (approved,) = screen.received("pledge_changed")
    assert approved["pledge"]["action"] == "I will do thing 1" and approved["count"] == 1
    (on_console,) = console.received("pledge_changed")
    assert on_console["pledge"]["visibility"] == "shown"


def test_a_hidden_pledge_leaves_the_wall(live_event, console, screen, make_phone):
    phone = make_phone(live_event)
    show_pledges(console, live_event)
    ack = phone.emit("submit_pledge", pledge(1))
    for client in (console, screen):
        client.received()

    console.emit("moderate_pledge", {"id": ack["pledge_id"], "action": "hide"})

    (gone,) = screen.received("pledge_changed")
    assert gone == {"id": ack["pledge_id"], "count": 0, "themes": gone["themes"],
                    "version": gone["version"], "since": gone["since"]}
    assert "pledge" not in gone


def test_a_retried_submission_is_stored_once(live_event, console, screen, make_phone):
    phone = make_phone(live_event)
    show_pledges(console, live_event)
    first = phone.emit("submit_pledge", pledge(1))
    screen.received()

    again = phone.emit("submit_pledge", pledge(1))

    assert again["ok"] is True and again["duplicate"] is True
    assert again["pledge_id"] == first["pledge_id"]
    assert pledge_count(live_event) == 1
    assert screen.received() == []


def test_a_phone_gets_its_own_pledges_only(live_event, make_phone):
    ann, bo = make_phone(live_event, "Ann"), make_phone(live_event, "Bo")
    ann.emit("submit_pledge", pledge(1, consent_contact=True, email="ann@example.org"))
    bo.emit("submit_pledge", pledge(2))

    mine = ann.emit("request_my_pledges", {})

    assert mine["ok"] is True and mine["open"] is True
    assert [p["action"] for p in mine["mine"]] == ["I will do thing 1"]
    assert mine["mine"][0]["email"] == "ann@example.org"
    assert mine["me"] == {"name": "Ann", "organisation": "", "email": ""}


def test_wrong_pledges_are_refused_and_change_nothing(live_event, make_phone, console):
    phone = make_phone(live_event)
    cases = [
        (pledge(1, action=""), "invalid", "action"),
        (pledge(2, action="x" * 501), "invalid", "action"),
        (pledge(3, theme="Not a theme"), "invalid", "theme"),
        (pledge(4, consent_contact=True, email="nope"), "invalid", "email"),
        (pledge(5, due="2001-01-01"), "invalid", "due"),
        (pledge(6, action=["list"]), "invalid", "action"),
        ({"id": "short", "action": "x"}, "invalid", "client_id"),
    ]
    for payload, reason, field in cases:
        answer = phone.emit("submit_pledge", payload)
        assert (answer["ok"], answer["reason"], answer.get("field")) == (False, reason, field)
    assert phone.emit("submit_pledge", {**pledge(7), "secret": 1})["reason"] == "invalid"
    assert phone.emit("submit_pledge", "not a dict")["reason"] == "invalid"
    assert console.emit("submit_pledge", pledge(8))["reason"] == "not_allowed"
    assert pledge_count(live_event) == 0


def test_phones_cannot_moderate_and_consoles_only_their_event(live_event, make_event,
                                                             console, make_phone):
    phone = make_phone(live_event)
    ack = phone.emit("submit_pledge", pledge(1))
    assert phone.emit("moderate_pledge", {"id": ack["pledge_id"], "action": "hide"})[
        "reason"] == "not_allowed"
    other = make_event(status="live")
    theirs, _ = pledges.submit_pledge(other, None, "paper-0001", {"action": "x"},
                                      source="paper")
    answer = console.emit("moderate_pledge", {"id": theirs.id, "action": "hide"})
    assert answer["reason"] == "not_found"
    db.session.refresh(theirs)
    assert theirs.visibility == "shown"


def test_paused_sending_keeps_the_pledge_for_later(live_event, make_phone, console):
    phone = make_phone(live_event)
    console.emit("lock_submissions", {"locked": True})
    answer = phone.emit("submit_pledge", pledge(1))
    assert (answer["ok"], answer["reason"]) == (False, "paused")
    console.emit("lock_submissions", {"locked": False})
    assert phone.emit("submit_pledge", pledge(1))["ok"] is True


def test_closing_pledging_tells_every_audience(live_event, console, screen, make_phone):
    phone = make_phone(live_event)
    for client in (console, screen, phone):
        client.received()

    answer = console.emit("set_pledging_open", {"open": False})

    assert answer == {"ok": True, "open": False}
    for client in (console, screen, phone):
        (message,) = client.received("pledging_changed")
        assert message["open"] is False
    refused = phone.emit("submit_pledge", pledge(1))
    assert (refused["ok"], refused["reason"]) == (False, "not_allowed")
    assert console.emit("set_pledging_open", {"open": "no"})["reason"] == "invalid"


def test_hostile_text_is_sent_as_plain_data(live_event, console, screen, make_phone):
    phone = make_phone(live_event, "<img src=x onerror=alert(1)>")
    show_pledges(console, live_event)
    screen.received()
    phone.emit("submit_pledge", pledge(1, action="<script>alert(1)</script>"))
    (message,) = screen.received("pledge_added")
    # Stored and sent as typed; the screen's script puts it on the page with textContent.
    assert message["pledge"]["action"] == "<script>alert(1)</script>"
    assert message["pledge"]["who"] == "<img src=x onerror=alert(1)>"
