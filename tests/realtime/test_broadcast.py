"""announce(): versions kept in the database, `since` per audience, payloads per audience."""

import pytest
from sqlalchemy import select

from facilitate.extensions import db, socketio
from facilitate.realtime.broadcast import announce
from facilitate.store.models import Event


@pytest.fixture
def app_config(app_config):
    return {**app_config, "PHONE_COALESCE_SECONDS": 0}


@pytest.fixture
def sent(monkeypatch):
    """What announce() hands to Socket.IO: (name, message, room)."""
    calls = []
    monkeypatch.setattr(socketio, "emit", lambda name, message, to: calls.append(
        (name, message, to)))
    return calls


def stored(event: Event) -> tuple[int, int, int]:
    return tuple(db.session.execute(select(Event.version, Event.screen_version,
                                           Event.console_version)
                              .where(Event.id == event.id)).one())


def test_each_announcement_adds_one_to_the_stored_version(make_event, sent):
    event = make_event()

    first = announce(event, "thing_changed", {"n": 1}, ("screen", "console", "phones"))
    second = announce(event, "thing_changed", {"n": 2}, ("console",))

    assert (first, second) == (1, 2)
    assert stored(event) == (2, 1, 2)


def test_messages_carry_version_and_since_of_their_own_audience(make_event, sent):
    event = make_event()
    announce(event, "a_changed", {}, ("console",))
    announce(event, "b_changed", {}, ("console",))

    announce(event, "c_changed", {"x": 1}, ("screen", "console", "phones"))

    rooms = {to: message for name, message, to in sent if name == "c_changed"}
    assert rooms == {f"event:{event.id}:screen": {"x": 1, "version": 3, "since": 0},
                     f"event:{event.id}:console": {"x": 1, "version": 3, "since": 2},
                     f"event:{event.id}:phones": {"x": 1, "version": 3}}


def test_a_payload_function_gives_each_audience_its_own_message_or_none(make_event, sent):
    event = make_event()

    announce(event, "secret_added", lambda audience: {"who": audience}
             if audience == "console" else None, ("screen", "console"))

    assert sent == [("secret_added", {"who": "console", "version": 1, "since": 0},
                     f"event:{event.id}:console")]
    assert stored(event) == (1, 0, 1)


def test_the_callers_changes_are_saved_with_the_version(make_event, sent):
    event = make_event()
    event.title = "Changed with its announcement"

    announce(event, "title_changed", {}, ("console",))
    db.session.expire_all()

    assert db.session.get(Event, event.id).title == "Changed with its announcement"


@pytest.mark.parametrize(("payload", "audiences"), [
    ({"version": 1}, ("console",)),
    ({"since": 1}, ("console",)),
    ({}, ("everyone",)),
])
def test_reserved_keys_and_unknown_audiences_are_bugs(make_event, sent, payload, audiences):
    event = make_event()

    with pytest.raises(ValueError):
        announce(event, "wrong", payload, audiences)
    assert sent == []
    assert stored(event) == (0, 0, 0)
