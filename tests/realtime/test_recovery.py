"""A real server killed with kill -9 while phones send, and phones connecting all at once.

As shipped: `facilitate serve` under gevent, no public URL, phones on 127.0.0.1 (so the join
address must be worked out from the machine's own addresses). After a crash every phone comes
back by itself and every reflection it was keeping is stored exactly once; a storm of connects
is slow at worst, never fatal (no pool timeouts).
"""

import gc
import sqlite3
import threading
import time
from collections import Counter

import pytest

from tests.phones import Phone, Server, console_changes_stage, prepare, together
from tests.servers import free_port

CRASH_PHONES = 100
STORM_PHONES = 300
# Sockets of connects refused while the server was down are closed by the garbage collector;
# each test collects them before it ends.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture
def server(tmp_path):
    server = Server(tmp_path, free_port(), f"sqlite:///{tmp_path}/facilitate.db")
    yield server
    server.stop()


@pytest.fixture
def make_phones(server):
    """Factory: `count` phones of a new event on `server` and the event; all closed when the
    test ends."""
    made: list[Phone] = []

    def make(count: int) -> list[Phone]:
        event = prepare(server.database_url, count)
        made.extend(Phone(n, server.url, event.code, event.stage_id, cookie)
                    for n, cookie in enumerate(event.cookies))
        return made, event

    yield make
    together(made, Phone.close)
    made.clear()
    gc.collect()


def stored(server: Server) -> Counter:
    """How many times each reflection id is in the database."""
    path = server.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return Counter(row[0] for row in connection.execute("SELECT client_id FROM reflections"))


def log_problems(server: Server) -> list[str]:
    return [line for line in server.log.read_text(errors="replace").splitlines()
            if "QueuePool limit" in line or "Traceback" in line or "TimeoutError" in line]


def test_after_kill_9_every_phone_is_back_and_every_reflection_stored_once(server,
                                                                         make_phones):
    phones, event = make_phones(CRASH_PHONES)
    server.start()
    together(phones, Phone.connect, time.monotonic() + 30)
    for phone in phones:
        phone.write()
    together(phones, Phone.send, time.monotonic() + 30)
    assert sum(len(phone.acked) for phone in phones) == CRASH_PHONES

    for phone in phones:
        phone.write()
        phone.write()
    senders = [threading.Thread(target=phone.send, args=(time.monotonic() + 40,), daemon=True)
               for phone in phones]
    for sender in senders:
        sender.start()
    time.sleep(0.2)
    server.kill()
    restarted = time.monotonic()
    server.start()
    console, console_took = console_changes_stage(server.url, event, event.stages["welcome"])
    for sender in senders:
        sender.join()
    all_sent = time.monotonic() - restarted
    for phone in phones:
        assert phone.back.wait(max(0.1, restarted + 40 - time.monotonic()))
    all_back = time.monotonic() - restarted

    counts = stored(server)
    assert [p.number for p in phones if p.pending or p.refused] == []
    acked = {client_id for phone in phones for client_id in phone.acked}
    assert len(acked) == 3 * CRASH_PHONES
    assert set(counts) == acked and set(counts.values()) == {1}
    assert log_problems(server) == []
    assert all_back < 20 and all_sent < 20, (all_back, all_sent)
    assert console == {"ok": True, "stage_id": event.stages["welcome"]}
    assert console_took < 10, console_took


def test_three_hundred_phones_connecting_at_once_are_all_in_within_seconds(server,
                                                                          make_phones):
    phones, _ = make_phones(STORM_PHONES)
    server.start()

    began = time.monotonic()
    together(phones, Phone.connect, began + 30)
    took = time.monotonic() - began
    missing = [phone.number for phone in phones if not phone.back.is_set()]

    assert missing == []
    assert log_problems(server) == []
    assert took < 10, took
