"""Packets no library can read: one line per kind per connection, never a traceback."""

import logging

import pytest

from facilitate.realtime.gate import Problems
from tests.realtime.conftest import stage_id

BROKEN = {
    "JSONDecodeError": ["40{bad json", '42["x"', "42[1,]"],
    "RecursionError": ["42" + "[" * 100_000],
    "ValueError": ['42["x",' + "1" * 5000 + "]", "4" + "9" * 50, "47"],
    "Unexpected CONNECT_ERROR packet.": ["44{}"],
}


def gate_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "facilitate.realtime.gate"]


def test_broken_packets_write_one_line_per_kind_and_the_phone_goes_on(live_event, make_phone,
                                                                      caplog):
    phone = make_phone(live_event)
    server, sid = phone.socket.socketio.server, phone.socket.eio_sid
    caplog.set_level(logging.INFO)

    for _ in range(50):
        for packets in BROKEN.values():
            for packet in packets:
                server._handle_eio_message(sid, packet)

    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []
    assert sorted(line.rsplit(": ", 1)[1] for line in gate_lines(caplog)) == sorted(BROKEN)
    assert phone.emit("request_wall", {"stage_id": stage_id(live_event, "reflection")})["ok"]


def test_problems_are_logged_at_most_so_many_a_minute_saying_how_many_were_left_out(caplog):
    problems = Problems(per_minute=3)

    written = [problems.report(f"phone-{n}", "JSONDecodeError") for n in range(10)]
    again = problems.report("phone-0", "JSONDecodeError")

    assert written == [True] * 3 + [False] * 7 and again is False
    assert len(gate_lines(caplog)) == 3
    problems.lines.clear()   # as if a minute had passed
    assert problems.report("phone-11", "RecursionError")
    assert gate_lines(caplog)[-1] == ("connection phone-11 sent a packet that could not be "
                                      "read: RecursionError (7 more problems were not logged)")


@pytest.mark.parametrize("remember", [2])
def test_problems_forget_the_oldest_connections_so_memory_stays_small(remember):
    problems = Problems(remember=remember)
    for n in range(5):
        problems.report(f"phone-{n}", "ValueError")
    assert list(problems.seen) == [("phone-3", "ValueError"), ("phone-4", "ValueError")]
