"""Polls and the ladder over Socket.IO: answers from phones reach the screen's counts once
revealed; hidden results reach neither phones nor the screen, not even in a snapshot."""

import pytest
from sqlalchemy import func, select

from facilitate.extensions import db
from facilitate.store.models import PollAnswer
from tests.realtime.conftest import LiveClient, client_id, connect, stage_id
from tests.stages.poll.conftest import HOW_HEARD, NOW, WANT, WHAT_HELPS


def show(console, event, kind: str) -> int:
    stage = stage_id(event, kind)
    assert console.emit("go_to_stage", {"stage_id": stage})["ok"]
    return stage


def answer(phone, event, n: int, question_id: int, choices, kind: str = "poll") -> dict:
    return phone.emit("answer_poll", {"id": client_id(n), "stage_id": stage_id(event, kind),
                                      "question_id": question_id, "choices": choices})


def control(console, event, action: str, question_id=HOW_HEARD, kind: str = "poll") -> dict:
    ack = console.emit("control_poll", {"stage_id": stage_id(event, kind),
                                        "question_id": question_id, "action": action})
    assert ack["ok"] is True, ack
    return ack


def last_stage(client: LiveClient, name: str = "poll_changed") -> dict:
    messages = client.received(name)
    assert messages, f"no {name}"
    return messages[-1]["stage"]


def has_results(question: dict) -> bool:
    return any(key in question for key in ("counts", "by_group", "median", "paper_total"))


def test_answers_from_phones_update_the_screen_once_revealed(live_event, console, screen,
                                                            make_voter):
    ann = make_voter(live_event, "Ann", ["Unpaid carer"])
    bo = make_voter(live_event, "Bo", ["NHS"])
    show(console, live_event, "poll")
    for client in (console, screen, ann, bo):
        client.received()

    assert answer(ann, live_event, 1, HOW_HEARD, [0])["ok"] is True
    assert answer(bo, live_event, 2, HOW_HEARD, [2])["ok"] is True

    (question,) = last_stage(screen)["questions"]
    assert question["answered"] == 2 and not has_results(question)
    assert ann.received("poll_changed") == []          # nothing new for phones while hidden
    console_question = last_stage(console)["questions"][0]
    assert [c["phone"] for c in console_question["counts"]] == [1, 0, 1, 0]

    control(console, live_event, "reveal")
    (question,) = last_stage(screen)["questions"]
    assert [c["phone"] for c in question["counts"]] == [1, 0, 1, 0]
    assert "by_group" not in question
    (on_phone,) = last_stage(ann)["questions"]
    assert [c["phone"] for c in on_phone["counts"]] == [1, 0, 1, 0]

    answer(ann, live_event, 3, HOW_HEARD, [1])        # changed: replaces Ann's answer
    (question,) = last_stage(screen)["questions"]
    assert [c["phone"] for c in question["counts"]] == [0, 1, 1, 0]

    control(console, live_event, "split", None)
    (question,) = last_stage(screen)["questions"]
    assert question["by_group"]["care"] == [0, 1, 0, 0]
    assert question["by_group"]["services"] == [0, 0, 1, 0]


def test_hidden_results_are_in_no_snapshot_until_revealed(app, live_event, console, screen,
                                                         make_voter):
    ann = make_voter(live_event, "Ann")
    show(console, live_event, "poll")
    answer(ann, live_event, 1, HOW_HEARD, [3])

    # A snapshot asked for, and one on reconnecting, as the screen and a phone would.
    for client in (screen, ann):
        (question,) = client.emit("request_snapshot", {})["snapshot"]["stage"]["questions"]
        assert not has_results(question)
    again = connect(app, screen.http, live_event, "screen")
    (snapshot,) = [m["args"][0] for m in again.get_received() if m["name"] == "snapshot"]
    assert not has_results(snapshot["stage"]["questions"][0])
    phone_again = connect(app, ann.http, live_event, "phones")
    (snapshot,) = [m["args"][0] for m in phone_again.get_received() if m["name"] == "snapshot"]
    assert not has_results(snapshot["stage"]["questions"][0])
    assert snapshot["mine"] == [{"question_id": HOW_HEARD, "client_id": client_id(1),
                                 "choices": [3]}]

    control(console, live_event, "reveal")
    for client in (screen, ann):
        (question,) = client.emit("request_snapshot", {})["snapshot"]["stage"]["questions"]
        assert [c["phone"] for c in question["counts"]] == [0, 0, 0, 1]

    control(console, live_event, "hide")
    (question,) = screen.emit("request_snapshot", {})["snapshot"]["stage"]["questions"]
    assert not has_results(question)


def test_phones_see_only_the_question_on_show_and_step_with_the_console(live_event, console,
                                                                       make_voter):
    ann = make_voter(live_event, "Ann")
    show(console, live_event, "poll")
    ann.received()
    assert answer(ann, live_event, 1, WHAT_HELPS, [0])["reason"] == "not_allowed"

    control(console, live_event, "ask", WHAT_HELPS)
    (question,) = last_stage(ann)["questions"]
    assert (question["id"], question["max"], question["status"]) == (WHAT_HELPS, 2, "open")
    assert answer(ann, live_event, 2, WHAT_HELPS, [0, 4])["ok"] is True

    control(console, live_event, "close", WHAT_HELPS)
    refused = answer(ann, live_event, 3, WHAT_HELPS, [1])
    assert (refused["ok"], refused["reason"]) == (False, "not_allowed")
    assert "closed" in refused["error"]


def test_a_retried_answer_is_stored_once_and_announced_once(live_event, console, screen,
                                                           make_voter):
    ann = make_voter(live_event, "Ann")
    show(console, live_event, "poll")
    first = answer(ann, live_event, 1, HOW_HEARD, [0])
    screen.received()
    again = answer(ann, live_event, 1, HOW_HEARD, [0])
    assert (first["duplicate"], again["duplicate"]) == (False, True)
    assert screen.received() == []
    assert db.session.scalar(select(func.count(PollAnswer.id))) == 1


@pytest.mark.parametrize(("payload", "reason"), [
    ({"question_id": HOW_HEARD, "choices": [7]}, "not_found"),
    ({"question_id": HOW_HEARD, "choices": [0, 1]}, "invalid"),
    ({"question_id": HOW_HEARD, "choices": ["0"]}, "invalid"),
    ({"question_id": 42, "choices": [0]}, "not_found"),
    ({"question_id": HOW_HEARD, "choices": [0], "extra": 1}, "invalid"),
])
def test_bad_answers_are_refused_plainly(live_event, console, make_voter, payload, reason):
    ann = make_voter(live_event, "Ann")
    show(console, live_event, "poll")
    ack = ann.emit("answer_poll", {"id": client_id(1), "stage_id": stage_id(live_event, "poll"),
                                   **payload})
    assert (ack["ok"], ack["reason"]) == (False, reason)
    assert ack["error"]


def test_phones_and_the_screen_cannot_run_a_poll(live_event, screen, make_voter):
    ann = make_voter(live_event, "Ann")
    for client in (ann, screen):
        ack = client.emit("control_poll", {"stage_id": stage_id(live_event, "poll"),
                                           "question_id": HOW_HEARD, "action": "reveal"})
        assert (ack["ok"], ack["reason"]) == (False, "not_allowed")
        ack = client.emit("count_paper", {"stage_id": stage_id(live_event, "poll"),
                                          "question_id": HOW_HEARD, "counts": {"0": 5}})
        assert (ack["ok"], ack["reason"]) == (False, "not_allowed")


def test_another_events_poll_is_out_of_reach(live_event, make_event, console):
    other = make_event(status="live")
    ack = console.emit("control_poll", {"stage_id": stage_id(other, "poll"),
                                        "question_id": HOW_HEARD, "action": "reveal"})
    assert (ack["ok"], ack["reason"]) == (False, "not_found")


def test_the_ladder_on_the_screen_counts_medians_gap_and_role_split(live_event, console,
                                                                   screen, make_voter):
    show(console, live_event, "ladder")
    voters = [make_voter(live_event, "Ann", ["Person who draws on care and support"]),
              make_voter(live_event, "Bo", ["Unpaid carer"]),
              make_voter(live_event, "Cy", ["Local authority"]),
              make_voter(live_event, "Di", ["Voluntary or community organisation"])]
    for n, (phone, now, want) in enumerate(zip(voters, (2, 3, 5, 3), (7, 7, 6, 6),
                                               strict=True)):
        assert answer(phone, live_event, 2 * n + 1, NOW, [now], "ladder")["ok"]
        assert answer(phone, live_event, 2 * n + 2, WANT, [want], "ladder")["ok"]
    hidden = last_stage(screen)
    assert [q["answered"] for q in hidden["questions"]] == [4, 4]
    assert "gap" not in hidden and not has_results(hidden["questions"][0])

    control(console, live_event, "reveal", None, "ladder")
    control(console, live_event, "split", None, "ladder")
    shown = last_stage(screen)
    now, want = shown["questions"]
    assert [c["phone"] for c in now["counts"]] == [0, 1, 2, 0, 1, 0, 0]
    assert (now["median"], want["median"], shown["gap"]) == (3, 6.5, 3.5)
    assert shown["median_names"]["now"] == "Informing"
    assert now["by_group"]["care"] == [0, 1, 1, 0, 0, 0, 0]
    assert now["by_group"]["community"] == [0, 0, 1, 0, 0, 0, 0]
    assert [r["name"] for r in shown["rungs"]][::6] == ["Coercion", "Co-production"]

    control(console, live_event, "close", None, "ladder")
    assert answer(voters[0], live_event, 20, NOW, [4], "ladder")["reason"] == "not_allowed"


def test_paper_counts_reach_the_screen_apart_from_phones(live_event, console, screen,
                                                        make_voter):
    ann = make_voter(live_event, "Ann")
    show(console, live_event, "poll")
    answer(ann, live_event, 1, HOW_HEARD, [0])
    control(console, live_event, "reveal")
    ack = console.emit("count_paper", {"stage_id": stage_id(live_event, "poll"),
                                       "question_id": HOW_HEARD, "counts": {"0": 4, "2": 6}})
    assert ack["ok"] is True
    (question,) = last_stage(screen)["questions"]
    assert [(c["phone"], c["paper"]) for c in question["counts"]] == [(1, 4), (0, 0), (0, 6),
                                                                     (0, 0)]
    bad = console.emit("count_paper", {"stage_id": stage_id(live_event, "poll"),
                                       "question_id": HOW_HEARD, "counts": {"0": -2}})
    assert (bad["ok"], bad["reason"]) == (False, "invalid")


def test_phones_hear_nothing_of_a_poll_that_is_not_on_show(live_event, console, make_voter):
    ann = make_voter(live_event, "Ann")
    show(console, live_event, "ladder")
    ann.received()
    control(console, live_event, "reveal")          # the poll, not on show
    assert ann.received("poll_changed") == []
    assert last_stage(console)["id"] == stage_id(live_event, "poll")


def test_a_flood_of_answers_from_one_phone_is_refused_plainly(app, live_event, console,
                                                             make_voter):
    app.config["SUBMIT_LIMIT"] = "3 per minute"
    ann = make_voter(live_event, "Ann")
    show(console, live_event, "poll")
    acks = [answer(ann, live_event, n, HOW_HEARD, [n % 4]) for n in range(1, 6)]
    assert [a["ok"] for a in acks] == [True, True, True, False, False]
    assert acks[-1]["reason"] == "rate_limited" and acks[-1]["error"]
    assert db.session.scalar(select(func.count(PollAnswer.id))) == 3
