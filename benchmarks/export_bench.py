"""Time the Excel export of a big event and measure its peak memory (see docs/benchmarks.md)."""

# .venv/bin/python benchmarks/export_bench.py                    # 20,000 pledges, 40,000 updates...
# .venv/bin/python benchmarks/export_bench.py --pledges 2000 --runs 1
# .venv/bin/python benchmarks/export_bench.py --openpyxl-cells   # without the fast rows
#
# Builds the event in a throw-away SQLite database with bulk inserts, then writes the workbook
# several times (median time) and once more under tracemalloc (peak Python memory).

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitate import create_app  # noqa: E402
from facilitate.domain.codes import new_token  # noqa: E402
from facilitate.export.workbook import EventExport, build_workbook, fastrows  # noqa: E402
from facilitate.export.workbook.context import zone_named  # noqa: E402
from facilitate.extensions import db  # noqa: E402
from facilitate.services import accounts, events  # noqa: E402
from facilitate.services.demo import demo_plan_path  # noqa: E402
from facilitate.stages.pledges.rules import PROGRESS_STATUSES  # noqa: E402
from facilitate.store.models import (  # noqa: E402
    Participant,
    Pledge,
    ProgressUpdate,
    Reflection,
)

WORDS = ("carers", "early", "plain", "words", "meet", "people", "where", "they", "are", "share",
         "power", "budget", "listen", "together", "council", "équipe", "Diolch", "zażółć", "🎉")
START = dt.datetime(2026, 12, 3, 9, 30)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def bulk(model, rows: list[dict]) -> None:
    """Insert many rows at once (an empty list would insert one row of defaults)."""
    if rows:
        db.session.execute(insert(model), rows)


def build_event(args, rng: random.Random):
    """An event with the asked-for numbers of rows, inserted in bulk."""
    owner, _ = accounts.create_user("bench@example.org", "correct horse battery", "Bench")
    event = events.create_event_from_plan_text(owner, demo_plan_path().read_bytes())
    stage = next(s for s in event.stages if s.kind == "reflection")
    themes = list(event.themes)
    roles = list(event.roles) or ["Unpaid carer"]
    bulk(Participant, [
        {"event_id": event.id, "public_id": new_token(), "display_name": f"Person {i}",
         "organisation": rng.choice(["Carers Together", "NHS Trust", "Town Council", ""]),
         "roles": [rng.choice(roles)], "consent_show_name": i % 3 == 0,
         "consent_contact": i % 4 == 0, "email": f"p{i}@example.org" if i % 4 == 0 else "",
         "source": "phone", "joined_at": START} for i in range(args.participants)])
    bulk(Reflection, [
        {"event_id": event.id, "stage_id": stage.id, "participant_id": 1 + i % args.participants,
         "client_id": f"r{i:09d}", "text": sentence(rng, rng.randint(5, 40)),
         "visibility": "hidden" if i % 50 == 0 else "shown",
         "created_at": START + dt.timedelta(seconds=i)} for i in range(args.reflections)])
    bulk(Pledge, [
        {"event_id": event.id, "participant_id": 1 + i % args.participants,
         "client_id": f"p{i:09d}", "action": "I will " + sentence(rng, rng.randint(8, 60)),
         "due_date": dt.date(2027, 3, 31), "theme": rng.choice(themes), "scope": "me",
         "support_needed": sentence(rng, 6) if i % 2 else "", "display": "name",
         "pledger_name": f"Person {i}", "organisation": "Carers Together", "role": roles[0],
         "consent_contact": i % 4 == 0, "email": f"p{i}@example.org" if i % 4 == 0 else "",
         "source": "paper" if i % 10 == 0 else "phone", "visibility": "shown",
         "follow_up_token": new_token(), "status": rng.choice(PROGRESS_STATUSES),
         "created_at": START, "updated_at": START} for i in range(args.pledges)])
    bulk(ProgressUpdate, [
        {"event_id": event.id, "pledge_id": 1 + i % args.pledges,
         "status": rng.choice(PROGRESS_STATUSES), "note": sentence(rng, rng.randint(0, 30)),
         "source": "pledger", "created_at": START + dt.timedelta(days=42, seconds=i)}
        for i in range(args.updates)])
    db.session.commit()
    return event


def export_once(event, path: Path) -> tuple[float, float]:
    """Seconds taken, on the clock and in CPU time (steadier on a busy, shared machine)."""
    export = EventExport(event, link_for=lambda token: f"https://events.example.org/f/{token}",
                         zone=zone_named("Europe/London"))
    started, cpu = time.perf_counter(), time.process_time()
    build_workbook(export, str(path))
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pledges", type=int, default=20_000)
    parser.add_argument("--updates", type=int, default=40_000)
    parser.add_argument("--reflections", type=int, default=50_000)
    parser.add_argument("--participants", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--openpyxl-cells", action="store_true",
                        help="Write rows as openpyxl cells, as if rows as XML text were not "
                             "possible (for comparison).")
    args = parser.parse_args()
    if args.openpyxl_cells:
        fastrows.RowSink.open = classmethod(lambda cls, ws: None)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                          "SECRET_KEY": "bench", "ASYNC_MODE": "threading",
                          "TESTING": True})
        with app.app_context():
            started = time.perf_counter()
            event = build_event(args, random.Random(5))
            print(f"built the event in {time.perf_counter() - started:.1f}s: {args.pledges:,} "
                  f"pledges, {args.updates:,} updates, {args.reflections:,} reflections, "
                  f"{args.participants:,} participants")
            path = Path(folder) / "bench.xlsx"
            load = os.getloadavg()[0]
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            runs = [export_once(event, path) for _ in range(args.runs)]
            times, cpu = [r[0] for r in runs], [r[1] for r in runs]
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            tracemalloc.start()
            export_once(event, path)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"export: median {statistics.median(times):.2f}s over {args.runs} runs "
                  f"(min {min(times):.2f}s, max {max(times):.2f}s); "
                  f"CPU time median {statistics.median(cpu):.2f}s")
            print(f"machine load average (1 minute) before exporting: {load:.1f}")
            print(f"file: {os.path.getsize(path) / 1e6:.1f} MB")
            print(f"peak Python memory while exporting (tracemalloc): {peak / 1e6:.1f} MB")
            print(f"process peak RSS: {rss_before / 1024:.0f} MB before exporting, "
                  f"{rss_after / 1024:.0f} MB after")


if __name__ == "__main__":
    main()
