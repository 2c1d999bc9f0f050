"""How the open space's "Arrange for me" does against the sticky-note wall (docs/benchmarks.md)."""

# .venv/bin/python benchmarks/arranger_bench.py --seeds 10
# .venv/bin/python benchmarks/arranger_bench.py --seeds 10 --best-of 3
#
# Each seed makes an event like a real one: 60 topics on 12 spaces (a few halls, many rooms) x
# 5 slots, 400 people whose interests cluster by theme, a few topics far more wanted than the
# rest. It prints first-fit's and the arranger's missed and overflow, the floor no board can
# beat, the arranger's CPU time and how much of first-fit's excess over the floor is left. With
# --best-of N it also runs N searches of --best-steps steps each (other seeds, no time limit)
# and prints the fewest missed any of them found: how near the best known board the arranger is.

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitate.stages.open_space.arranger import (  # noqa: E402
    Problem,
    Space,
    Topic,
    arrange,
    broken_rules,
    first_fit,
    floor,
    measure,
)

THEMES = ("housing", "transport", "care", "mental health", "money", "young people",
          "older people", "getting around", "food", "work and skills")
SLOTS = ("10:00", "11:00", "12:00", "14:00", "15:00")


def make_event(seed: int, *, topics: int = 60, people: int = 400, halls: int = 3,
               rooms: int = 9) -> Problem:
    """An open space whose people care about a few themes each and mark topics mostly in them."""
    rng = random.Random(seed)
    spaces = [Space(f"Hall {i + 1}", rng.randint(60, 100)) for i in range(halls)]
    spaces += [Space(f"Room {i + 1}", rng.randint(10, 30)) for i in range(rooms)]
    rng.shuffle(spaces)   # a venue's list of spaces is in no particular order of size
    theme_of = [rng.choice(THEMES) for _ in range(topics)]
    # Heavy-tailed: a few topics everyone talks about, many that draw a handful.
    appeal = [rng.paretovariate(1.3) for _ in range(topics)]
    by_theme = {theme: [t for t in range(topics) if theme_of[t] == theme] for theme in THEMES}
    marked: list[set[str]] = [set() for _ in range(topics)]
    cares: dict[str, list[str]] = {}
    for p in range(people):
        person = f"person {p + 1}"
        cares[person] = rng.sample(THEMES, rng.choices((1, 2, 3), weights=(4, 4, 2))[0])
        near = [t for theme in cares[person] for t in by_theme[theme]]
        wants: set[int] = set()
        for _ in range(rng.randint(3, 8)):
            pool = near if near and rng.random() < 0.8 else range(topics)
            wants.add(rng.choices(pool, weights=[appeal[t] for t in pool])[0])
        for t in wants:
            marked[t].add(person)
    everyone = list(cares)
    made = []
    for t in range(topics):
        carers = [p for p in everyone if theme_of[t] in cares[p]] or everyone
        # One topic in ten comes from the organisers, with nobody in particular convening it.
        convener = None if rng.random() < 0.1 else rng.choice(carers)
        made.append(Topic(f"{theme_of[t]} {t + 1}", convener=convener,
                          interested=frozenset(marked[t])))
    return Problem(spaces=tuple(spaces), slots=SLOTS, topics=tuple(made))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=2.0, help="the arranger's time limit")
    parser.add_argument("--steps", type=int, default=None, help="the arranger's step budget")
    parser.add_argument("--best-of", type=int, default=0,
                        help="long searches a seed, for the best board known")
    parser.add_argument("--best-steps", type=int, default=3_000_000)
    args = parser.parse_args()

    print(f"{'seed':>4} | {'first-fit':>12} | {'arranger':>12} | {'floor':>5} | "
          f"{'ratio':>5} | {'seconds':>7} | {'steps':>7} | {'stopped':>7} | best known")
    rows = []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        problem = make_event(seed)
        baseline = measure(problem, first_fit(problem))
        started = time.process_time()
        result = arrange(problem, seconds=args.seconds, seed=seed, steps=args.steps)
        took = time.process_time() - started
        assert not broken_rules(problem, result.placements), broken_rules(problem,
                                                                          result.placements)
        assert result.after == measure(problem, result.placements)
        lowest = floor(problem)
        ratio = (result.after.missed - lowest) / max(1, baseline.missed - lowest)
        rows.append((baseline, result.after, lowest, ratio, took))
        best = min([result.after.missed] + [
            arrange(problem, seconds=1e9, seed=1000 * seed + n, steps=args.best_steps).after.missed
            for n in range(args.best_of)])
        print(f"{seed:>4} | {baseline.missed:>5} / {baseline.overflow:>4} | "
              f"{result.after.missed:>5} / {result.after.overflow:>4} | {lowest:>5} | "
              f"{ratio:>5.2f} | {took:>7.2f} | {result.steps:>7} | {result.stopped:>7} | "
              f"{best if args.best_of else '-'}")

    def median(values):
        return statistics.median(values)

    print(f"{'med':>4} | {median(r[0].missed for r in rows):>5} / "
          f"{median(r[0].overflow for r in rows):>4} | {median(r[1].missed for r in rows):>5} / "
          f"{median(r[1].overflow for r in rows):>4} | {median(r[2] for r in rows):>5} | "
          f"{median(r[3] for r in rows):>5.2f} | {median(r[4] for r in rows):>7.2f} |")
    print("(missed / overflow; ratio = (arranger missed - floor) / (first-fit missed - floor);"
          " seconds = process time of one arrangement)")


if __name__ == "__main__":
    main()
