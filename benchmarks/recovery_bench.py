"""A server killed with kill -9 in the middle of an event, and phones connecting all at once
(docs/benchmarks.md, "Recovery after a crash").

# .venv/bin/python benchmarks/recovery_bench.py --phones 300 --runs 3

Each run: a fresh `facilitate serve` on 127.0.0.1 as shipped (gevent, SQLite, no public URL),
an event with --phones participants on its reflection stage. It times the connect storm (every
phone connecting at once to the fresh server), has every phone send one reflection, then each
phone writes two more and starts sending; 0.2 s later the server is killed with kill -9 and
started again at once, and the facilitator's console connects and changes the stage. It prints
how long that took, the spread of when phones were back (the 0, 10, 50, 90, 99 and 100th
percentiles), how long after the restart began every phone was back (had its snapshot) and
every reflection it kept was stored, checks every acknowledged reflection is
stored exactly once, and counts pool timeouts and tracebacks in the server log. Last, medians.
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.phones import (  # noqa: E402
    Phone,
    Server,
    console_changes_stage,
    prepare,
    together,
)
from tests.servers import free_port  # noqa: E402


def run(phones_count: int) -> dict:
    """One crash of one event: the figures of that run."""
    import sqlite3

    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder), free_port(), f"sqlite:///{folder}/facilitate.db")
        event = prepare(server.database_url, phones_count)
        phones = [Phone(n, server.url, event.code, event.stage_id, c)
                  for n, c in enumerate(event.cookies)]
        try:
            server.start()
            began = time.monotonic()
            together(phones, Phone.connect, began + 60)
            storm = time.monotonic() - began
            for phone in phones:
                phone.write()
            sending = time.monotonic()
            together(phones, Phone.send, time.monotonic() + 60)
            print(f"{phones_count} reflections sent at once: {time.monotonic() - sending:.2f} s",
                  flush=True)
            for phone in phones:
                phone.write()
                phone.write()
            senders = [threading.Thread(target=p.send, args=(time.monotonic() + 120,))
                       for p in phones]
            for sender in senders:
                sender.start()
            time.sleep(0.2)
            server.kill()
            restarted = time.monotonic()
            start_took = server.start()
            console, console_took = console_changes_stage(server.url, event,
                                                           event.stages["welcome"])
            back = [p.back.wait(max(0.1, restarted + 120 - time.monotonic())) for p in phones]
            all_back = time.monotonic() - restarted
            times = sorted(p.back_at - restarted for p in phones)
            print("back at (s): " + " ".join(f"{times[int(q * (len(times) - 1))]:.1f}"
                                             for q in (0, 0.1, 0.5, 0.9, 0.99, 1)), flush=True)
            for sender in senders:
                sender.join()
            all_stored = time.monotonic() - restarted
            with sqlite3.connect(f"{folder}/facilitate.db") as connection:
                counts = Counter(r[0] for r in connection.execute(
                    "SELECT client_id FROM reflections"))
            acked = {i for p in phones for i in p.acked}
            log = server.log.read_text(errors="replace")
            return {"storm": storm, "start": start_took, "back": all_back,
                    "console": console_took if console.get("ok") else float("inf"),
                    "stored": all_stored, "phones_back": sum(back),
                    "acked": len(acked), "written": sum(p.made for p in phones),
                    "exactly_once": set(counts) == acked and set(counts.values()) == {1},
                    "pool_timeouts": log.count("QueuePool limit"),
                    "tracebacks": log.count("Traceback")}
        finally:
            together(phones, Phone.close)
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    results = []
    for number in range(1, options.runs + 1):
        result = run(options.phones)
        results.append(result)
        print(f"run {number}: storm {result['storm']:.2f} s; after kill -9: server up "
              f"{result['start']:.2f} s, console changed the stage {result['console']:.2f} s, "
              f"{result['phones_back']}/{options.phones} phones back "
              f"{result['back']:.2f} s, {result['acked']}/{result['written']} reflections "
              f"stored {result['stored']:.2f} s, exactly once: {result['exactly_once']}, "
              f"pool timeouts {result['pool_timeouts']}, tracebacks {result['tracebacks']}",
              flush=True)
    for key, label in (("storm", "connect storm"), ("start", "server up again"),
                       ("console", "console changed the stage"),
                       ("back", "every phone back"), ("stored", "every reflection stored")):
        print(f"median {label}: {statistics.median(r[key] for r in results):.2f} s")


if __name__ == "__main__":
    main()
