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


@pytest.fixture(params=["sqlite", "postgres"])
def store_app(request, tmp_path):
    """An app on SQLite, and the same on a fresh PostgreSQL database."""
    from facilitate import create_app

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("fresh_postgres_url")
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url,
                      "ASYNC_MODE": "threading", "PHONE_COALESCE_SECONDS": 0})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_announcements_at_once_get_distinct_versions_and_an_unbroken_chain(store_app, sent):
    import threading

    from facilitate.services import accounts, events
    from facilitate.services.demo import demo_plan_path

    owner, _ = accounts.create_user("owner@example.org", "correct horse battery")
    event_id = events.create_event_from_plan_text(owner, demo_plan_path().read_bytes()).id
    errors = []

    def announce_many(worker: int) -> None:
        try:
            with store_app.app_context():
                for n in range(10):
                    event = db.session.get(Event, event_id)
                    announce(event, "tick", {"worker": worker, "n": n}, ("console",))
                db.session.remove()
        except Exception as error:  # reported by the assert below
            errors.append(error)

    workers = [threading.Thread(target=announce_many, args=(w,)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    chain = sorted((message["version"], message["since"]) for _, message, _ in sent)
    assert [version for version, _ in chain] == list(range(1, 41))
    assert [since for _, since in chain] == list(range(0, 40))


def test_a_burst_keeps_the_last_message_of_each_name_and_of_each_stage(monkeypatch, sent):
    from facilitate.realtime.broadcast import Coalescer

    flushes = []
    monkeypatch.setattr(socketio, "start_background_task", lambda fn, to: flushes.append(
        (fn, to)))
    monkeypatch.setattr(socketio, "sleep", lambda seconds: None)
    coalescer = Coalescer(0.25)
    for message in ({"stage_id": 1, "n": 1}, {"stage_id": 2, "n": 2}, {"stage_id": 1, "n": 3}):
        coalescer.send("phones-room", "headcounts_changed", message)
    coalescer.send("phones-room", "stage_changed", {"n": 4})
    coalescer.send("phones-room", "stage_changed", {"n": 5})

    assert len(flushes) == 1     # one timer for the window
    flush, to = flushes[0]
    flush(to)

    assert sent == [("headcounts_changed", {"stage_id": 1, "n": 3}, "phones-room"),
                    ("headcounts_changed", {"stage_id": 2, "n": 2}, "phones-room"),
                    ("stage_changed", {"n": 5}, "phones-room")]
