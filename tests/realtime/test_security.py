"""Cross-cutting attacks on the Socket.IO handlers: every message with every wrong type, from
every audience, with ids of another event, and from connections whose right has gone.

A refused message must say why (never "error", which means a bug and makes phones retry)
and change nothing.
"""

import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from facilitate.extensions import db, socketio
from facilitate.realtime import handlers
from facilitate.realtime.handlers import client_events
from facilitate.services import events, privacy
from facilitate.stages.open_space import service as open_space
from facilitate.stages.pledges import service as pledges
from facilitate.store.models import Event, Participant
from facilitate.web import auth
from tests.conftest import csrf_token, log_in
from tests.realtime.conftest import LiveClient, client_id, connect, join_by_form, stage_id

_ids = itertools.count(1000)

# Every client event: who may send it and its keys (docs/protocol.md).
HANDLERS = {
    "request_snapshot": (("screen", "console", "phones"), ("version",)),
    "submit_reflection": (("phones",), ("id", "stage_id", "text")),
    "go_to_stage": (("console",), ("stage_id",)),
    "step_stage": (("console",), ("step",)),
    "move_slide": (("console", "screen"), ("step", "slide")),
    "lock_submissions": (("console",), ("locked",)),
    "set_moderation": (("console",), ("moderation",)),
    "set_visibility": (("console",), ("id", "visibility")),
    "say_me_too": (("phones",), ("id", "reflection_id", "me_too")),
    "request_wall": (("phones",), ("stage_id",)),
    "set_wall_order": (("console",), ("order", "stage_id")),
    "show_room": (("console",), ("shown",)),
    "answer_poll": (("phones",), ("id", "stage_id", "question_id", "choices")),
    "control_poll": (("console",), ("stage_id", "question_id", "action")),
    "count_paper": (("console",), ("stage_id", "question_id", "counts")),
    "submit_pledge": (("phones",), ("id", "action", "due", "theme", "scope", "support_needed",
                                    "display", "name", "organisation", "consent_contact",
                                    "email", "topic_id")),
    "request_my_pledges": (("phones",), ()),
    "moderate_pledge": (("console",), ("id", "action")),
    "set_pledging_open": (("console",), ("open",)),
    "propose_topic": (("phones",), ("id", "stage_id", "title", "description", "show_name",
                                    "name", "help_wanted")),
    "place_topic": (("phones", "console"), ("id", "topic_id", "space_id", "slot_id")),
    "mark_interest": (("phones",), ("id", "topic_id", "interested")),
    "check_in": (("phones",), ("id", "topic_id", "here")),
    "edit_topic": (("console",), ("topic_id", "title", "description", "name", "help_wanted")),
    "merge_topics": (("console",), ("keep_id", "other_id")),
    "hide_topic": (("console",), ("topic_id", "hidden")),
    "lock_topic": (("console",), ("topic_id", "locked")),
    "set_marketplace_open": (("console",), ("stage_id", "open")),
    "arrange_topics": (("console",), ("stage_id", "movable")),
    "apply_arrangement": (("console",), ("stage_id", "moves", "board_key")),
    "preview_move": (("console",), ("stage_id", "topic_id", "space_id", "slot_id")),
    "add_note": (("phones",), ("id", "topic_id", "kind", "text", "owner")),
    "moderate_note": (("console",), ("id", "visibility")),
    "show_notes": (("console",), ("stage_id", "mode", "topic_id")),
    "save_report": (("phones",), ("id", "topic_id", "discussed", "people_count", "names",
                                  "key_points", "recommendations", "actions")),
    "set_reports_open": (("console",), ("stage_id", "open")),
}


def deep(levels: int) -> dict:
    value: dict = {}
    for _ in range(levels):
        value = {"a": value}
    return value


WRONG_VALUES = [[], {}, [1, 2], deep(40), 1.0, True, False, -1, 0, 10**30, -(10**30),
                float("nan"), float("inf"), "²", "x" * 100_000, "\x00"]
WRONG_PAYLOADS = [None, [], "text", 1, [1], {"unknown": 1}, {"__proto__": {}}]
# Keys whose wrong values are dropped, as documented, instead of refused: an unknown topic,
# an email sent without the consent tick, the version of a snapshot asked for.
DROPPED = {("submit_pledge", "topic_id"), ("submit_pledge", "email"),
           ("request_snapshot", "version")}


def good_payload(name: str, event: Event, pledge_id: int | None = None,
                 topics: tuple[int, int] = (1, 2)) -> dict:
    """A payload each handler takes; tests spoil one key at a time."""
    space = stage_id(event, "open_space")
    topic, other = topics
    return {
        "request_snapshot": {},
        "submit_reflection": {"id": client_id(next(_ids)),
                              "stage_id": stage_id(event, "reflection"), "text": "Hello"},
        "go_to_stage": {"stage_id": stage_id(event, "slides")},
        "step_stage": {"step": 1},
        "move_slide": {"step": 1},
        "lock_submissions": {"locked": False},
        "set_moderation": {"moderation": "show"},
        "set_visibility": {"id": 1, "visibility": "shown"},
        "say_me_too": {"id": client_id(next(_ids)), "reflection_id": 1, "me_too": True},
        "request_wall": {"stage_id": stage_id(event, "reflection")},
        "set_wall_order": {"order": "newest", "stage_id": stage_id(event, "reflection")},
        "show_room": {"shown": False},
        "answer_poll": {"id": client_id(next(_ids)), "stage_id": stage_id(event, "poll"),
                        "question_id": 1, "choices": [0]},
        "control_poll": {"stage_id": stage_id(event, "poll"), "question_id": 1,
                         "action": "reveal"},
        "count_paper": {"stage_id": stage_id(event, "poll"), "question_id": 1,
                        "counts": {"0": 3}},
        "submit_pledge": {"id": client_id(next(_ids)), "action": "I will listen"},
        "request_my_pledges": {},
        "moderate_pledge": {"id": pledge_id or 1, "action": "show"},
        "set_pledging_open": {"open": True},
        "propose_topic": {"id": client_id(next(_ids)), "stage_id": space, "title": "Buses"},
        "place_topic": {"id": client_id(next(_ids)), "topic_id": topic, "space_id": 1,
                        "slot_id": 1},
        "mark_interest": {"id": client_id(next(_ids)), "topic_id": topic, "interested": True},
        "check_in": {"id": client_id(next(_ids)), "topic_id": topic, "here": True},
        "edit_topic": {"topic_id": topic, "title": "Housing", "description": "",
                       "name": "", "help_wanted": False},
        "merge_topics": {"keep_id": topic, "other_id": other},
        "hide_topic": {"topic_id": topic, "hidden": False},
        "lock_topic": {"topic_id": topic, "locked": False},
        "set_marketplace_open": {"stage_id": space, "open": True},
        "arrange_topics": {"stage_id": space, "movable": "unscheduled"},
        "apply_arrangement": {"stage_id": space, "moves": [], "board_key": "stale"},
        "preview_move": {"stage_id": space, "topic_id": topic, "space_id": 1, "slot_id": 1},
        "add_note": {"id": client_id(next(_ids)), "topic_id": topic, "kind": "action",
                     "text": "Ring the council", "owner": "Pat"},
        "moderate_note": {"id": 1, "visibility": "shown"},
        "show_notes": {"stage_id": space, "mode": "topic", "topic_id": topic},
        "save_report": {"id": client_id(next(_ids)), "topic_id": topic, "discussed": "Buses",
                        "people_count": 4, "names": "", "key_points": "",
                        "recommendations": "", "actions": []},
        "set_reports_open": {"stage_id": space, "open": True},
    }[name]


def payload_for(name: str, event: Event, everyone: dict) -> dict:
    return good_payload(name, event, everyone["pledge_id"], everyone["topics"])


def state(event: Event) -> dict:
    """What a message could change: every row of the event's tables."""
    db.session.expire_all()
    return {table.name: sorted(repr(tuple(row)) for row in db.session.execute(select(table)))
            for table in db.metadata.sorted_tables
            if table.name not in ("users",)}


@pytest.fixture
def everyone(app, live_event, console, screen, make_phone, monkeypatch):
    """Console, screen and a phone of a live event on its slides stage, with one pledge and
    two open-space topics of the phone's, on the morning of the event."""
    monkeypatch.setattr(open_space, "local_now", lambda: dt.datetime(2026, 12, 3, 10, 0))
    phone = make_phone(live_event, "Ann")
    assert console.emit("go_to_stage", {"stage_id": stage_id(live_event, "slides")})["ok"]
    pledge = phone.emit("submit_pledge", {"id": client_id(1), "action": "I will"})
    assert pledge["ok"]
    topics = tuple(phone.emit("propose_topic", {
        "id": client_id(1000 + n), "stage_id": stage_id(live_event, "open_space"),
        "title": f"Topic {n}"})["topic_id"] for n in (1, 2))
    app.extensions["facilitate_rate_limits"].reset()
    return {"console": console, "screen": screen, "phones": phone,
            "pledge_id": pledge["pledge_id"], "topics": topics}


def test_the_handler_list_covers_every_client_event(app):
    assert {message.name for message in client_events()} == set(HANDLERS)


@pytest.mark.parametrize("name", sorted(HANDLERS))
def test_a_payload_that_is_not_an_object_of_known_keys_is_refused(app, live_event, everyone,
                                                                   name):
    audiences, _ = HANDLERS[name]
    sender = everyone[audiences[0]]
    before = state(live_event)
    for payload in WRONG_PAYLOADS:
        ack = sender.emit(name, payload)
        assert ack["ok"] is False and ack["reason"] == "invalid", (payload, ack)
        assert ack["error"] == "The message was not understood."
    assert state(live_event) == before


@pytest.mark.parametrize("name", sorted(HANDLERS))
def test_only_the_audiences_named_may_send_each_message(app, live_event, everyone, name):
    audiences, _ = HANDLERS[name]
    before = state(live_event)
    for audience in ("console", "screen", "phones"):
        if audience in audiences:
            continue
        ack = everyone[audience].emit(name, payload_for(name, live_event, everyone))
        assert ack == {"ok": False, "reason": "not_allowed",
                       "error": "You cannot do that from this page."}
    assert state(live_event) == before


@pytest.mark.parametrize(("name", "key"), [(name, key) for name, (_, keys) in HANDLERS.items()
                                          for key in keys])
def test_every_wrong_type_in_every_key_is_refused_plainly(app, live_event, everyone, name, key):
    audiences, _ = HANDLERS[name]
    sender = everyone[audiences[0]]
    limits = app.extensions["facilitate_rate_limits"]
    for value in WRONG_VALUES:
        limits.reset()
        payload = {**payload_for(name, live_event, everyone), key: value}
        before = state(live_event)

        ack = sender.emit(name, payload)

        assert ack["reason"] != "error" if not ack["ok"] else True, (value, ack)
        if (name, key) in DROPPED or name in ("request_my_pledges",):
            continue
        if _acceptable(key, value):
            continue
        assert ack["ok"] is False, (key, repr(value)[:40], ack)
        assert ack["reason"] in ("invalid", "not_found"), (key, repr(value)[:40], ack)
        assert ack["error"]
        assert state(live_event) == before, (key, repr(value)[:40])


TEXT_KEYS = {"text", "action", "support_needed", "name", "organisation", "title",
             "description", "board_key", "owner", "discussed", "names", "key_points",
             "recommendations"}
FLAG_KEYS = {"locked", "open", "show_name", "help_wanted", "interested", "here", "hidden",
             "me_too", "shown"}


def _acceptable(key: str, value) -> bool:
    """The few values in WRONG_VALUES that are right for a key."""
    return ((key in TEXT_KEYS and isinstance(value, str) and len(value) < 1000)
            or (key == "consent_contact" and isinstance(value, bool))
            or (key == "counts" and value == {})   # no paper counts: clears them
            or (key in FLAG_KEYS and isinstance(value, bool))
            or (key == "moves" and isinstance(value, list))
            or (key == "actions" and value == [])   # a report with no actions
            or (key == "people_count" and type(value) is int and 0 <= value <= 10_000)
            or (key == "step" and type(value) is int and value == -1))


def test_a_step_of_true_or_one_point_oh_moves_nothing(live_event, everyone):
    console = everyone["console"]
    before = state(live_event)
    for name, payload in [("step_stage", {"step": True}), ("step_stage", {"step": 1.0}),
                          ("move_slide", {"step": True}), ("move_slide", {"step": 1.0}),
                          ("move_slide", {"step": -1.0})]:
        ack = console.emit(name, payload)
        assert ack == {"ok": False, "reason": "invalid", "field": "step",
                       "error": "Go one stage forward or back." if name == "step_stage"
                       else "Give a step of 1 or -1, or a slide number."}, (name, payload)
    assert state(live_event) == before


def test_ids_too_big_for_the_database_are_not_found(live_event, everyone):
    console = everyone["console"]
    for name, payload in [("set_visibility", {"id": 10**30, "visibility": "hidden"}),
                          ("set_visibility", {"id": -(10**30), "visibility": "hidden"}),
                          ("moderate_pledge", {"id": 10**30, "action": "hide"}),
                          ("go_to_stage", {"stage_id": 10**30})]:
        ack = console.emit(name, payload)
        assert ack["ok"] is False and ack["reason"] == "not_found", (name, ack)


def test_a_moderation_action_that_is_not_text_is_refused(live_event, everyone):
    for action in ([], {}, ["hide"], {"hide": 1}):
        ack = everyone["console"].emit("moderate_pledge", {"id": everyone["pledge_id"],
                                                           "action": action})
        assert ack == {"ok": False, "reason": "invalid", "field": "action",
                       "error": "Choose approve, show or hide."}


@pytest.mark.parametrize("consent", [1, 0, [], {}, [True], 1.0])
def test_a_consent_that_is_not_a_tick_is_refused_not_taken_as_no(live_event, everyone,
                                                                  consent):
    before = state(live_event)

    ack = everyone["phones"].emit("submit_pledge", {
        "id": client_id(next(_ids)), "action": "I will", "consent_contact": consent,
        "email": "ann@example.org"})

    assert ack == {"ok": False, "reason": "invalid", "field": "consent_contact",
                   "error": "Say whether we may email you: tick the box or leave it empty."}
    assert state(live_event) == before


def test_a_huge_text_is_refused_with_its_length(live_event, everyone):
    console = everyone["console"]
    assert console.emit("go_to_stage", {"stage_id": stage_id(live_event, "reflection")})["ok"]

    ack = everyone["phones"].emit("submit_reflection", {
        "id": client_id(next(_ids)), "stage_id": stage_id(live_event, "reflection"),
        "text": "x" * 100_000})

    assert ack == {"ok": False, "reason": "invalid", "field": "text",
                   "error": "Your reflection is too long: 100000 characters. The most is 280."}


# -- another event --------------------------------------------------------------------------

def test_a_console_reaches_nothing_of_another_event_by_id(app, live_event, make_event,
                                                        everyone, make_phone):
    other = make_event(status="live")
    stranger = make_phone(other, "Bo")
    pledge = stranger.emit("submit_pledge", {"id": client_id(2), "action": "Mine"})
    assert pledge["ok"]
    before = state(other)
    console = everyone["console"]
    for name, payload in [
            ("go_to_stage", {"stage_id": stage_id(other, "slides")}),
            ("moderate_pledge", {"id": pledge["pledge_id"], "action": "hide"})]:
        ack = console.emit(name, payload)
        assert ack["ok"] is False and ack["reason"] == "not_found", (name, ack)
    assert state(other) == before


def test_a_phone_cannot_send_to_a_stage_of_another_event(live_event, make_event, everyone):
    other = make_event(status="live")

    ack = everyone["phones"].emit("submit_reflection", {
        "id": client_id(next(_ids)), "stage_id": stage_id(other, "reflection"), "text": "Hi"})

    assert ack == {"ok": False, "reason": "not_found", "field": "stage_id",
                   "error": "That question is not part of this event."}


def test_a_phone_cannot_say_me_too_to_another_events_reflection(live_event, make_event,
                                                                 everyone, make_phone):
    other = make_event(status="live")
    stranger = make_phone(other, "Bo")
    reflection = stranger.emit("submit_reflection", {
        "id": client_id(next(_ids)), "stage_id": stage_id(other, "reflection"), "text": "Hi"})
    assert reflection["ok"]
    before = state(other)

    ack = everyone["phones"].emit("say_me_too", {"reflection_id": reflection["reflection_id"]})
    wall = everyone["phones"].emit("request_wall", {"stage_id": stage_id(other, "reflection")})
    order = everyone["console"].emit("set_wall_order", {
        "order": "me_too", "stage_id": stage_id(other, "reflection")})

    assert ack == {"ok": False, "reason": "not_found", "field": "id",
                   "error": "That reflection is not in this event."}
    assert wall["reason"] == "not_found" and order["reason"] == "not_found"
    assert state(other) == before


def test_the_screen_link_of_one_event_does_not_open_another(app, live_event, make_event):
    other = make_event(status="live")
    http = app.test_client()
    with app.app_context():
        assert http.get(f"/screen/{other.code}?key={other.screen_token}").status_code == 302
    assert not connect(app, http, live_event, "screen").is_connected()
    assert connect(app, http, other, "screen").is_connected()


# -- rights that have gone ------------------------------------------------------------------

@pytest.fixture
def co_facilitator(app, live_event, make_user):
    """A co-facilitator of the event on the run page."""
    user = make_user()
    events.add_facilitator(live_event, user.email)
    http = app.test_client()
    with app.app_context():
        assert log_in(http, user.email).status_code == 302
    return user, LiveClient(app, http, connect(app, http, live_event, "console"))


def test_a_removed_co_facilitator_is_disconnected(live_event, co_facilitator):
    user, console = co_facilitator
    assert console.socket.is_connected()

    events.remove_facilitator(live_event, user.id)

    assert not console.socket.is_connected()


def test_a_removed_co_facilitator_connected_elsewhere_can_no_longer_act(
        monkeypatch, live_event, co_facilitator):
    user, console = co_facilitator
    # As if the connection were on another server process: nobody here can close it.
    monkeypatch.setattr(events, "drop", lambda *args: None)
    events.remove_facilitator(live_event, user.id)
    before = state(live_event)

    for name, payload in [("go_to_stage", {"stage_id": stage_id(live_event, "slides")}),
                          ("lock_submissions", {"locked": True}),
                          ("request_snapshot", {})]:
        ack = console.emit(name, payload)
        assert ack == {"ok": False, "reason": "not_allowed",
                       "error": "You cannot do that any more. Please reload the page."}
    assert state(live_event) == before


def log_out(console: LiveClient) -> None:
    """The console's browser presses Log out."""
    with console.app.app_context():
        token = csrf_token(console.http, "/console/")
    with console.app.app_context():
        assert console.http.post("/console/logout",
                                 data={"csrf_token": token}).status_code == 302


def test_logging_out_closes_that_browsers_live_console(live_event, console):
    assert console.socket.is_connected()

    log_out(console)

    assert not console.socket.is_connected()


def test_a_console_whose_browser_logged_out_elsewhere_can_no_longer_act(
        monkeypatch, live_event, console):
    # As if the connection were on another server process: nobody here can close it.
    monkeypatch.setattr(auth, "close_consoles", lambda *args: None)
    log_out(console)
    before = state(live_event)

    for name, payload in [("go_to_stage", {"stage_id": stage_id(live_event, "slides")}),
                          ("request_snapshot", {})]:
        ack = console.emit(name, payload)
        assert ack == {"ok": False, "reason": "not_allowed",
                       "error": "You cannot do that any more. Please reload the page."}
    assert state(live_event) == before


def test_a_phone_whose_data_was_deleted_is_told_not_to_retry(live_event, everyone):
    phone = everyone["phones"]
    assert everyone["console"].emit("go_to_stage",
                                    {"stage_id": stage_id(live_event, "reflection")})["ok"]
    event_id, reflection_stage = live_event.id, stage_id(live_event, "reflection")
    person = db.session.scalar(select(Participant).where(Participant.event_id == event_id))
    privacy.delete_person(person)

    for name, payload in [
            ("submit_reflection", {"id": client_id(next(_ids)), "text": "Hi",
                                   "stage_id": reflection_stage}),
            ("submit_pledge", {"id": client_id(next(_ids)), "action": "I will"}),
            ("request_my_pledges", {})]:
        ack = phone.emit(name, payload)
        assert ack == {"ok": False, "reason": "not_allowed",
                       "error": "You cannot do that any more. Please reload the page."}
    assert pledges.active_pledges(db.session.get(Event, event_id)) == []


def test_guessing_join_codes_over_socket_io_is_slowed_down_too(app, live_event):
    app.config["WRONG_CODE_LIMIT_PER_ADDRESS"] = "2 per 10 minutes"
    http = app.test_client()     # a projector laptop that opened the screen link
    with app.app_context():
        assert http.get(f"/screen/{live_event.code}?key={live_event.screen_token}") \
            .status_code == 302
    assert connect(app, http, live_event, "screen").is_connected()
    for guess in ("AAAAAA", "BBBBBB"):
        with app.app_context():
            socket = socketio.test_client(app, flask_test_client=http,
                                          auth={"event": guess, "audience": "phones"})
        assert not socket.is_connected()

    assert not connect(app, http, live_event, "screen").is_connected()


# -- messages the server does not expect ----------------------------------------------------

NOT_UNDERSTOOD = {"ok": False, "reason": "invalid", "error": "The message was not understood."}
UNKNOWN = {"ok": False, "reason": "invalid", "error": "The server does not know that message."}


def send(client: LiveClient, name: str, *args) -> dict:
    """Send a message with any number of arguments; return its ack."""
    with client.app.app_context():
        return client.socket.emit(name, *args, callback=True)


def connections_of(app, event: Event) -> list:
    return sorted((c.audience, c.participant_id or 0)
                  for c in app.extensions["facilitate_presence"].of_event(event.id))


@pytest.mark.parametrize("args", [(), ({}, "x"), ({}, {}), ({"version": None}, 1, 2, 3)])
def test_a_message_without_exactly_one_argument_is_refused_plainly(app, live_event, everyone,
                                                                   caplog, args):
    before = state(live_event)

    acks = [send(everyone[audience], "request_snapshot", *args)
            for audience in ("console", "screen", "phones")]
    acks.append(send(everyone["phones"], "submit_pledge",
                     {"id": client_id(next(_ids)), "action": "I will"}, "x"))

    assert acks == [NOT_UNDERSTOOD] * 4
    assert state(live_event) == before
    assert [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")] == []


@pytest.mark.parametrize("name", ["no_such_message", "", "x" * 500, "__proto__",
                                  "connect_error", "message", "*", "unknown message", 5, None,
                                  ["request_snapshot"], {"a": 1}, True])
def test_a_message_of_an_unknown_name_is_answered_and_changes_nothing(live_event, everyone,
                                                                      name):
    before = state(live_event)

    acks = [send(everyone[audience], name, {"stage_id": 1}, "more")
            for audience in ("console", "screen", "phones")]

    assert acks == [UNKNOWN] * 3
    assert state(live_event) == before


def test_a_phone_sending_connect_stays_in_its_own_event(app, live_event, make_event, everyone):
    other = make_event(status="live")
    phone = everyone["phones"]
    join_by_form(app, phone.http, other, "Ann elsewhere")   # the same phone joined both
    assert console_of(app, other).emit("go_to_stage", {
        "stage_id": stage_id(other, "reflection")})["ok"]
    here, there = state(live_event), state(other)
    connections = (connections_of(app, live_event), connections_of(app, other))
    auth = {"event": other.code, "audience": "phones", "version": None}
    phone.received()

    acks = [send(phone, "connect", auth), send(phone, "connect", {}, auth),
            send(phone, "connect")]
    reflection = phone.emit("submit_reflection", {
        "id": client_id(next(_ids)), "stage_id": stage_id(other, "reflection"), "text": "Hi"})

    assert acks == [UNKNOWN] * 3
    assert reflection == {"ok": False, "reason": "not_found", "field": "stage_id",
                          "error": "That question is not part of this event."}
    assert (connections_of(app, live_event), connections_of(app, other)) == connections
    assert (state(live_event), state(other)) == (here, there)
    assert phone.received("snapshot") == []


def test_a_console_sending_disconnect_is_still_connected_and_heard(app, live_event, everyone):
    console = everyone["console"]
    connections = connections_of(app, live_event)

    acks = [send(console, "disconnect"), send(console, "disconnect", "client disconnect"),
            send(console, "disconnect", {}, "x")]

    assert acks == [UNKNOWN] * 3
    assert connections_of(app, live_event) == connections
    assert console.emit("go_to_stage", {"stage_id": stage_id(live_event, "welcome")})["ok"]


@pytest.mark.parametrize("spoilt", [("request_snapshot", {}, "x"), ("no_such_message", {}),
                                    ("connect", {}), ("disconnect",), ("request_snapshot",)])
def test_every_message_counts_against_the_connections_limit(app, monkeypatch, live_event,
                                                            make_phone, spoilt):
    monkeypatch.setattr(handlers, "MESSAGES_PER_CONNECTION", "5 per minute")
    phone = make_phone(live_event)

    acks = [send(phone, *spoilt) for _ in range(5)]
    after = [send(phone, *spoilt), phone.emit("request_snapshot", {})]

    assert all(ack["ok"] is False and ack["reason"] == "invalid" for ack in acks), acks
    assert after == [{"ok": False, "reason": "rate_limited",
                      "error": "Too many messages. Please slow down."}] * 2


def test_four_hundred_spoilt_messages_write_no_traceback(app, everyone, caplog):
    phone = everyone["phones"]

    for n in range(400):
        send(phone, "request_snapshot", {}, n)

    assert not [r for r in caplog.records if r.exc_info or r.levelname == "ERROR"]


def console_of(app, event: Event) -> LiveClient:
    """The event's owner on its run page."""
    http = app.test_client()
    with app.app_context():
        assert log_in(http, event.facilitators[0].user.email).status_code == 302
    return LiveClient(app, http, connect(app, http, event, "console"))


# -- ticks are booleans ---------------------------------------------------------------------

TICKS = sorted({(name, key) for name, (_, keys) in HANDLERS.items() for key in keys
                if key in FLAG_KEYS | {"consent_contact"}})


@pytest.mark.parametrize(("name", "key"), TICKS)
def test_a_tick_sent_as_words_or_numbers_is_refused(app, live_event, everyone, name, key):
    audiences, _ = HANDLERS[name]
    sender = everyone[audiences[0]]
    limits = app.extensions["facilitate_rate_limits"]
    for value in ("yes", "true", "True", "on", "1", "false", "no", "", "0", 1, 0, None):
        limits.reset()
        payload = {**payload_for(name, live_event, everyone), key: value}
        if key == "consent_contact":
            payload["email"] = "ann@example.org"
        before = state(live_event)

        ack = sender.emit(name, payload)

        assert ack["ok"] is False and ack["reason"] == "invalid", (key, value, ack)
        assert ack["field"] == key, (key, value, ack)
        assert state(live_event) == before, (key, value)
