"""The open space over Socket.IO: topics from phones reach the screen and console, two conveners
race for one cell, marks and check-ins count once, other events' topics are out of reach, and
phones get headcounts coalesced."""

import threading
import time

import pytest
from sqlalchemy import func, select

from facilitate.extensions import db
from facilitate.stages.open_space import service
from facilitate.store.models import CheckIn, Topic, TopicInterest
from tests.realtime.conftest import client_id, stage_id

HALL, ROOM_1 = 1, 2
MORNING, NOON = 1, 2
TAKEN = ("Another topic has just taken Main Hall at 11:00–11:45. Please choose another place "
         "or time.")

pytestmark = pytest.mark.usefixtures("clock")


def show_open_space(console, event) -> int:
    stage = stage_id(event, "open_space")
    assert console.emit("go_to_stage", {"stage_id": stage})["ok"]
    return stage


def propose(phone, event, n: int = 1, title: str = "Getting carers heard", **fields) -> dict:
    ack = phone.emit("propose_topic", {"id": client_id(n), "title": title,
                                       "stage_id": stage_id(event, "open_space"), **fields})
    assert ack["ok"] is True, ack
    return ack


def topics_of(message: dict) -> dict[int, dict]:
    return {t["id"]: t for t in message["stage"]["topics"]}


def count(model, *where) -> int:
    return db.session.scalar(select(func.count(model.id)).where(*where))


def test_a_topic_proposed_on_a_phone_reaches_the_screen_console_and_phones(
        live_event, console, screen, make_phone):
    ann, bo = make_phone(live_event, "Ann"), make_phone(live_event, "Bo")
    show_open_space(console, live_event)
    for client in (console, screen, ann, bo):
        client.received()

    ack = propose(ann, live_event, title="Getting carers heard", description="Why it matters",
                  show_name=True, name="Ann")

    assert ack["duplicate"] is False and ack["id"] == client_id(1)
    (on_screen,) = screen.received("board_changed")
    topic = topics_of(on_screen)[ack["topic_id"]]
    assert (topic["title"], topic["convener"], topic["space_id"], topic["interest"]) == (
        "Getting carers heard", "Ann", None, 0)
    (on_console,) = console.received("board_changed")
    assert topics_of(on_console)[ack["topic_id"]]["hidden"] is False
    assert on_console["stage"]["measure"]["missed"] == 1   # Ann's own topic, not yet placed
    (on_phone,) = bo.received("board_changed")
    assert "interest" not in topics_of(on_phone)[ack["topic_id"]]
    assert "measure" not in on_phone["stage"]


def test_a_retried_topic_is_stored_once_and_announced_once(live_event, console, screen,
                                                           make_phone):
    ann = make_phone(live_event)
    first = propose(ann, live_event)
    screen.received()

    again = propose(ann, live_event)

    assert again["duplicate"] is True and again["topic_id"] == first["topic_id"]
    assert screen.received() == []
    assert count(Topic) == 1


def test_a_phones_snapshot_shows_its_own_topics(live_event, console, make_phone):
    ann = make_phone(live_event)
    show_open_space(console, live_event)
    ack = propose(ann, live_event)

    snapshot = ann.emit("request_snapshot", {})["snapshot"]

    assert snapshot["stage"]["kind"] == "open_space"
    assert snapshot["mine"] == [{"kind": "convened", "id": ack["topic_id"],
                                 "client_id": client_id(1), "title": "Getting carers heard"}]


def test_two_conveners_racing_for_one_cell_get_one_winner(live_event, console, screen,
                                                          make_phone):
    ann, bo = make_phone(live_event, "Ann"), make_phone(live_event, "Bo")
    topic_ids = [propose(ann, live_event, 1)["topic_id"], propose(bo, live_event, 2)["topic_id"]]
    screen.received()
    start = threading.Barrier(2)
    acks = {}

    def place(phone, topic_id):
        start.wait()
        acks[topic_id] = phone.emit("place_topic", {"id": client_id(topic_id + 10),
                                                    "topic_id": topic_id,
                                                    "space_id": HALL, "slot_id": MORNING})

    racers = [threading.Thread(target=place, args=pair)
              for pair in zip((ann, bo), topic_ids, strict=True)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()

    won = [t for t, ack in acks.items() if ack["ok"]]
    lost = [ack for ack in acks.values() if not ack["ok"]]
    assert len(won) == 1
    assert lost == [{"ok": False, "reason": "not_allowed", "error": TAKEN, "field": "space_id"}]
    db.session.expire_all()
    in_hall = db.session.scalars(select(Topic.id).where(Topic.space_id == HALL,
                                                        Topic.slot_id == MORNING)).all()
    assert in_hall == won
    (board,) = screen.received("board_changed")
    assert {t["id"]: (t["space_id"], t["slot_id"]) for t in board["stage"]["topics"]} == {
        won[0]: (HALL, MORNING), next(t for t in topic_ids if t not in won): (None, None)}


def test_interest_sent_twice_counts_once(live_event, console, make_phone):
    ann, bo = make_phone(live_event), make_phone(live_event)
    topic_id = propose(ann, live_event)["topic_id"]
    console.received()
    mark = {"id": client_id(5), "topic_id": topic_id, "interested": True}

    assert ann.emit("mark_interest", mark) == {"ok": True, "topic_id": topic_id,
                                               "interested": True}
    assert ann.emit("mark_interest", mark)["ok"] is True
    bo.emit("mark_interest", mark)

    counts = [m["interest"] for m in console.received("interest_changed")]
    assert counts == [1, 2]
    assert count(TopicInterest) == 2
    bo.emit("mark_interest", {**mark, "interested": False})
    (taken_back,) = console.received("interest_changed")
    assert taken_back["interest"] == 1


def test_a_check_in_sent_twice_counts_once(live_event, console, screen, make_phone, clock):
    ann = make_phone(live_event)
    topic_id = propose(ann, live_event)["topic_id"]
    assert console.emit("place_topic", {"topic_id": topic_id, "space_id": HALL,
                                        "slot_id": MORNING})["ok"]
    clock.at(11, 5)
    screen.received()

    here = {"id": client_id(7), "topic_id": topic_id, "here": True}
    assert ann.emit("check_in", here) == {"ok": True, "topic_id": topic_id, "here": True}
    assert ann.emit("check_in", here)["ok"] is True

    (message,) = screen.received("headcounts_changed")
    assert message["headcounts"] == {str(topic_id): 1} and message["slot_id"] == MORNING
    assert count(CheckIn) == 1
    assert ann.emit("check_in", {**here, "here": False})["here"] is False
    (left,) = screen.received("headcounts_changed")
    assert left["headcounts"] == {}


def test_after_a_merge_the_duplicates_phone_acts_on_the_kept_topic(live_event, console,
                                                                   screen, make_phone, clock):
    ann, bo = make_phone(live_event), make_phone(live_event)
    kept, dup = propose(ann, live_event, 1)["topic_id"], propose(bo, live_event, 2)["topic_id"]
    console.emit("place_topic", {"topic_id": kept, "space_id": HALL, "slot_id": MORNING})
    screen.received()

    assert console.emit("merge_topics", {"keep_id": kept, "other_id": dup}) == {
        "ok": True, "topic_id": kept}

    (board,) = screen.received("board_changed")
    assert list(topics_of(board)) == [kept]
    clock.at(11, 5)
    assert bo.emit("mark_interest", {"topic_id": dup, "interested": True})["topic_id"] == kept
    assert bo.emit("check_in", {"topic_id": dup, "here": True})["topic_id"] == kept
    mine = bo.emit("request_snapshot", {})["snapshot"]["mine"]
    assert {(m["kind"], m["id"]) for m in mine} == set()   # the open space is not on show
    show_open_space(console, live_event)
    mine = bo.emit("request_snapshot", {})["snapshot"]["mine"]
    assert {(m["kind"], m["id"]) for m in mine} == {("convened", kept), ("interest", kept),
                                                    ("here", kept)}


def test_a_closed_marketplace_reaches_phones_and_stops_their_topics(live_event, console,
                                                                   make_phone):
    ann = make_phone(live_event)
    stage = show_open_space(console, live_event)
    ann.received()

    assert console.emit("set_marketplace_open", {"stage_id": stage, "open": False}) == {
        "ok": True, "open": False}

    (board,) = ann.received("board_changed")
    assert board["stage"]["marketplace_open"] is False
    refused = ann.emit("propose_topic", {"id": client_id(1), "stage_id": stage, "title": "Late"})
    assert (refused["ok"], refused["reason"]) == (False, "not_allowed")
    assert console.emit("set_marketplace_open", {"stage_id": stage, "open": "no"})[
        "reason"] == "invalid"


def test_wrong_topics_are_refused_and_change_nothing(live_event, make_phone):
    ann = make_phone(live_event)
    stage = stage_id(live_event, "open_space")
    cases = [
        ({"id": client_id(1), "stage_id": stage, "title": "x" * 121}, "invalid", "title"),
        ({"id": client_id(2), "stage_id": stage, "title": ""}, "invalid", "title"),
        ({"id": client_id(3), "stage_id": stage, "title": "x", "description": "d" * 501},
         "invalid", "description"),
        ({"id": "short", "stage_id": stage, "title": "x"}, "invalid", "id"),
        ({"id": client_id(4), "stage_id": stage_id(live_event, "pledges"), "title": "x"},
         "not_found", "stage_id"),
    ]
    for payload, reason, field in cases:
        answer = ann.emit("propose_topic", payload)
        assert (answer["ok"], answer["reason"], answer.get("field")) == (False, reason, field)
    extra = {"id": client_id(5), "stage_id": stage, "title": "x", "space_id": 1}
    assert ann.emit("propose_topic", extra)["reason"] == "invalid"
    assert count(Topic) == 0


def test_yes_or_no_fields_that_are_not_true_or_false_are_refused(live_event, console,
                                                                 make_phone):
    ann = make_phone(live_event)
    topic_id = propose(ann, live_event)["topic_id"]

    for client, name, payload in [
            (console, "hide_topic", {"topic_id": topic_id, "hidden": "no"}),
            (console, "lock_topic", {"topic_id": topic_id, "locked": 0}),
            (ann, "check_in", {"topic_id": topic_id, "here": "yes"}),
            (ann, "mark_interest", {"topic_id": topic_id, "interested": 1})]:
        answer = client.emit(name, payload)
        assert (answer["ok"], answer["reason"]) == (False, "invalid"), name

    topic = db.session.get(Topic, topic_id)
    db.session.refresh(topic)
    assert (topic.hidden, topic.locked) == (False, False)
    assert console.emit("hide_topic", {"topic_id": topic_id}) == {
        "ok": True, "topic_id": topic_id, "hidden": True}


CONSOLE_EVENTS = [
    ("place_topic", lambda t, s: {"topic_id": t, "space_id": HALL, "slot_id": MORNING}),
    ("edit_topic", lambda t, s: {"topic_id": t, "title": "Ours now"}),
    ("hide_topic", lambda t, s: {"topic_id": t, "hidden": True}),
    ("lock_topic", lambda t, s: {"topic_id": t, "locked": True}),
    ("merge_topics", lambda t, s: {"keep_id": t, "other_id": t + 1}),
    ("set_marketplace_open", lambda t, s: {"stage_id": s, "open": False}),
    ("arrange_topics", lambda t, s: {"stage_id": s}),
    ("apply_arrangement", lambda t, s: {"stage_id": s, "board_key": "x",
                                        "moves": [{"topic_id": t, "to": [HALL, MORNING]}]}),
    ("preview_move", lambda t, s: {"stage_id": s, "topic_id": t, "space_id": HALL,
                                   "slot_id": MORNING}),
]


@pytest.mark.parametrize(("name", "payload"), CONSOLE_EVENTS, ids=[c[0] for c in CONSOLE_EVENTS])
def test_a_console_cannot_touch_another_events_board(live_event, make_event, console, name,
                                                     payload):
    other = make_event(status="live")
    theirs = stage_id(other, "open_space")
    first, _ = service.propose(other, None, "paper-0001", theirs, "Theirs", source="paper")
    service.propose(other, None, "paper-0002", theirs, "Theirs too", source="paper")
    version = other.version

    answer = console.emit(name, payload(first.id, theirs))

    assert (answer["ok"], answer["reason"]) == (False, "not_found")
    db.session.expire_all()
    assert other.version == version
    topic = db.session.get(Topic, first.id)
    assert (topic.title, topic.hidden, topic.locked, topic.space_id, topic.merged_into_id) == (
        "Theirs", False, False, None, None)
    assert service.marketplace_open(service.stage_of(other, theirs)) is True


def test_a_console_asking_about_another_events_topic_on_its_own_board_is_refused(
        live_event, make_event, console):
    other = make_event(status="live")
    theirs, _ = service.propose(other, None, "paper-0001", stage_id(other, "open_space"),
                                "Theirs", source="paper")
    mine = stage_id(live_event, "open_space")

    answer = console.emit("preview_move", {"stage_id": mine, "topic_id": theirs.id,
                                           "space_id": HALL, "slot_id": MORNING})

    assert (answer["ok"], answer["reason"]) == (False, "not_found")


def test_a_phone_cannot_touch_another_events_topics(live_event, make_event, make_phone, clock):
    ann = make_phone(live_event)
    other = make_event(status="live")
    theirs, _ = service.propose(other, None, "paper-0001", stage_id(other, "open_space"),
                                "Theirs", source="paper")
    service.place(other, theirs.id, HALL, MORNING)
    clock.at(11, 5)

    for name, payload in [("mark_interest", {"topic_id": theirs.id, "interested": True}),
                          ("check_in", {"topic_id": theirs.id, "here": True}),
                          ("place_topic", {"topic_id": theirs.id, "space_id": ROOM_1,
                                           "slot_id": NOON})]:
        answer = ann.emit(name, payload)
        assert (answer["ok"], answer["reason"]) == (False, "not_found"), name
    assert count(TopicInterest) == 0 and count(CheckIn) == 0
    db.session.refresh(theirs)
    assert (theirs.space_id, theirs.slot_id) == (HALL, MORNING)


@pytest.mark.parametrize(("name", "payload"), CONSOLE_EVENTS[1:],
                         ids=[c[0] for c in CONSOLE_EVENTS[1:]])
def test_a_phone_cannot_send_console_events(live_event, make_phone, name, payload):
    ann = make_phone(live_event)
    topic_id = propose(ann, live_event)["topic_id"]

    answer = ann.emit(name, payload(topic_id, stage_id(live_event, "open_space")))

    assert (answer["ok"], answer["reason"]) == (False, "not_allowed")
    topic = db.session.get(Topic, topic_id)
    db.session.refresh(topic)
    assert (topic.hidden, topic.locked, topic.title) == (False, False, "Getting carers heard")


def test_a_phone_places_only_its_own_topic(live_event, make_phone):
    ann, bo = make_phone(live_event), make_phone(live_event)
    topic_id = propose(ann, live_event)["topic_id"]

    answer = bo.emit("place_topic", {"topic_id": topic_id, "space_id": HALL, "slot_id": MORNING})

    assert (answer["ok"], answer["reason"]) == (False, "not_allowed")
    assert ann.emit("place_topic", {"topic_id": topic_id, "space_id": HALL,
                                    "slot_id": MORNING}) == {
        "ok": True, "topic_id": topic_id, "space_id": HALL, "slot_id": MORNING}


def test_the_console_arranges_and_applies_the_proposal(live_event, console, screen, make_phone):
    phones = [make_phone(live_event) for _ in range(3)]
    topic_ids = [propose(phone, live_event, n)["topic_id"] for n, phone in enumerate(phones)]
    for phone in phones:
        for topic_id in topic_ids[:2]:
            phone.emit("mark_interest", {"topic_id": topic_id, "interested": True})
    stage = stage_id(live_event, "open_space")
    screen.received()

    preview = console.emit("arrange_topics", {"stage_id": stage})["preview"]

    assert {m["topic_id"] for m in preview["moves"]} == set(topic_ids)
    assert preview["after"]["missed"] == 0 and screen.received() == []
    answer = console.emit("apply_arrangement", {"stage_id": stage, "moves": preview["moves"],
                                                "board_key": preview["board_key"]})
    assert answer == {"ok": True, "moved": 3}
    (board,) = screen.received("board_changed")
    placed = {t["id"]: (t["space_id"], t["slot_id"]) for t in board["stage"]["topics"]}
    assert None not in {cell[0] for cell in placed.values()}
    assert placed[topic_ids[0]][1] != placed[topic_ids[1]][1]
    again = console.emit("apply_arrangement", {"stage_id": stage, "moves": preview["moves"],
                                               "board_key": preview["board_key"]})
    assert (again["ok"], again["reason"]) == (False, "not_allowed")


# -- coalescing -----------------------------------------------------------------------------

@pytest.fixture
def coalescing(app):
    from facilitate.realtime.broadcast import Coalescer

    # Wide enough that a burst of check-ins falls in one or two windows on a busy machine.
    app.extensions["facilitate_coalescer"] = Coalescer(1.0)


def test_phones_get_a_burst_of_headcounts_coalesced(coalescing, live_event, console, make_phone,
                                                    make_participant, clock):
    phone = make_phone(live_event)
    stage = stage_id(live_event, "open_space")
    topic, _ = service.propose(live_event, None, "paper-0001", stage, "Transport",
                               source="paper")
    service.place(live_event, topic.id, HALL, MORNING)
    people = [make_participant(live_event) for _ in range(30)]
    clock.at(11, 5)
    time.sleep(1.5)
    phone.received()
    console.received()

    for person in people:
        service.check_in(live_event, person, topic.id)
    time.sleep(1.5)

    on_phone = phone.received("headcounts_changed")
    assert 1 <= len(on_phone) <= 5
    assert on_phone[-1]["headcounts"] == {str(topic.id): 30}
    assert len(console.received("headcounts_changed")) == 30


def test_coalesced_headcounts_hold_every_slot(coalescing, live_event, make_phone,
                                              make_participant, clock):
    phone = make_phone(live_event)
    stage = stage_id(live_event, "open_space")
    morning, _ = service.propose(live_event, None, "paper-0001", stage, "One", source="paper")
    noon, _ = service.propose(live_event, None, "paper-0002", stage, "Two", source="paper")
    service.place(live_event, morning.id, HALL, MORNING)
    service.place(live_event, noon.id, HALL, NOON)
    ann, bo = make_participant(live_event), make_participant(live_event)
    clock.at(11, 44)   # the morning slot still runs; the next opens ten minutes early
    time.sleep(1.5)
    phone.received()

    service.check_in(live_event, ann, morning.id)
    service.check_in(live_event, bo, noon.id)
    time.sleep(1.5)

    (message,) = phone.received("headcounts_changed")
    assert message["headcounts"] == {str(morning.id): 1, str(noon.id): 1}


def test_an_edit_that_leaves_fields_out_changes_only_those_it_sends(live_event, console):
    stage = stage_id(live_event, "open_space")
    topic, _ = service.propose(live_event, None, "paper-0001", stage, "Transprot",
                               description="Buses after six", name="Kim", help_wanted=True,
                               source="paper")

    answer = console.emit("edit_topic", {"topic_id": topic.id, "title": "Transport"})

    assert answer == {"ok": True, "topic_id": topic.id}
    db.session.refresh(topic)
    assert (topic.title, topic.description, topic.convener_name, topic.help_wanted) == (
        "Transport", "Buses after six", "Kim", True)
