"""The open space's "Arrange for me": the measure, the floor, first-fit and the arranger."""

import dataclasses
import random

import pytest

from facilitate.stages.open_space.arranger import (
    Cell,
    Measure,
    Problem,
    Space,
    Topic,
    arrange,
    broken_rules,
    first_fit,
    floor,
    measure,
)

HALL, ROOM = Space("Hall", 40), Space("Room", 5)
QUICK = {"seconds": 0.2, "steps": 4000}


def topic(topic_id, *people, convener=None, cell=None, locked=False):
    return Topic(topic_id, convener=convener, interested=frozenset(people), cell=cell,
                 locked=locked)


def board(*topics, spaces=(HALL, ROOM), slots=("10:00", "11:00"), **options):
    return Problem(spaces=tuple(spaces), slots=tuple(slots), topics=tuple(topics), **options)


def make_event(seed, *, topics=20, people=60, slots=4, locked=0, placed=0,
               movable="unscheduled", sharing=False):
    """A small open space: people mark topics mostly in one or two of four themes."""
    rng = random.Random(seed)
    spaces = (Space("Room 1", 8), Space("Hall", 30), Space("Room 2", 12), Space("Room 3", 6))
    slot_ids = tuple(f"slot {s + 1}" for s in range(slots))
    theme_of = [t % 4 for t in range(topics)]
    appeal = [rng.paretovariate(1.5) for _ in range(topics)]
    marked = [set() for _ in range(topics)]
    for p in range(people):
        themes = rng.sample(range(4), rng.choice((1, 2)))
        near = [t for t in range(topics) if theme_of[t] in themes]
        for _ in range(rng.randint(2, 5)):
            pool = near if rng.random() < 0.8 else range(topics)
            marked[rng.choices(pool, weights=[appeal[t] for t in pool])[0]].add(f"p{p}")
    made = []
    for t in range(topics):
        # The first few topics sit one to a slot in Room 3: locked ones, then placed ones.
        cell = Cell("Room 3", slot_ids[t]) if t < min(slots, locked + placed) else None
        made.append(Topic(f"topic {t}", convener=f"p{t % 15}", interested=frozenset(marked[t]),
                          cell=cell, locked=t < locked))
    return Problem(spaces=spaces, slots=slot_ids, topics=tuple(made), sharing=sharing,
                   movable=movable)


# -- the measure ------------------------------------------------------------------------------

def test_measure_counts_the_second_and_third_topic_in_a_slot_not_the_first():
    problem = board(topic("a", "ann", "bo"), topic("b", "ann"), topic("c", "ann"),
                    spaces=(HALL, ROOM, Space("Yard", 10)))

    missed, _ = measure(problem, {"a": Cell("Hall", "10:00"), "b": Cell("Room", "10:00"),
                                  "c": Cell("Yard", "10:00")})

    assert missed == 2


def test_measure_counts_nothing_missed_when_marked_topics_are_in_different_slots():
    problem = board(topic("a", "ann"), topic("b", "ann"))

    assert measure(problem, {"a": Cell("Hall", "10:00"), "b": Cell("Hall", "11:00")}) == (0, 0)


def test_measure_counts_each_person_of_a_topic_left_off_the_board():
    problem = board(topic("a", "ann", "bo", "cy"), topic("b", "ann"))

    assert measure(problem, {"b": Cell("Hall", "10:00")}) == Measure(missed=3, overflow=0)


def test_measure_counts_the_convener_as_in_their_own_topic():
    problem = board(topic("a", "bo", convener="ann"), topic("b", "ann"))

    assert measure(problem, {"a": Cell("Hall", "10:00"), "b": Cell("Room", "10:00")}) == (1, 0)


def test_measure_counts_overflow_beyond_the_space_capacity():
    problem = board(topic("a", *[f"p{i}" for i in range(8)]), topic("b", "ann"))

    overflow = measure(problem, {"a": Cell("Room", "10:00"), "b": Cell("Hall", "10:00")})

    assert overflow == Measure(missed=0, overflow=3)


def test_measure_counts_overflow_of_topics_sharing_a_space_together():
    problem = board(topic("a", "p1", "p2", "p3"), topic("b", "p4", "p5", "p6"), sharing=True)

    assert measure(problem, {"a": Cell("Room", "10:00"), "b": Cell("Room", "10:00")}) == (0, 1)


def test_measure_compares_missed_before_overflow():
    assert Measure(missed=1, overflow=0) > Measure(missed=0, overflow=500)


# -- the floor --------------------------------------------------------------------------------

def test_floor_counts_marked_topics_beyond_one_a_slot():
    problem = board(topic("a", "ann", "bo"), topic("b", "ann"), topic("c", "ann"),
                    topic("d", "ann", convener="bo"))

    assert floor(problem) == 2   # ann marked four topics for two slots; bo is in two


def test_floor_is_zero_when_nobody_marked_more_topics_than_slots():
    assert floor(board(topic("a", "ann"), topic("b", "ann"))) == 0


# -- the rules --------------------------------------------------------------------------------

def test_broken_rules_names_a_convener_in_two_topics_of_a_slot():
    problem = board(topic("a", convener="ann"), topic("b", convener="ann"))

    broken = broken_rules(problem, {"a": Cell("Hall", "10:00"), "b": Cell("Room", "10:00")})

    assert broken == ["ann convenes 2 topics at 10:00"]


def test_broken_rules_names_a_shared_cell_and_a_moved_locked_topic():
    problem = board(topic("a", cell=Cell("Room", "11:00"), locked=True), topic("b"))

    broken = broken_rules(problem, {"a": Cell("Hall", "10:00"), "b": Cell("Hall", "10:00")})

    assert broken == ["a has to stay where it is",
                      "2 topics share Cell(space='Hall', slot='10:00')"]


def test_arrange_refuses_locked_topics_that_already_break_the_rules():
    problem = board(topic("a", convener="ann", cell=Cell("Hall", "10:00"), locked=True),
                    topic("b", convener="ann", cell=Cell("Room", "10:00"), locked=True))

    with pytest.raises(ValueError, match="ann convenes 2 topics at 10:00"):
        arrange(problem, **QUICK)


# -- first fit --------------------------------------------------------------------------------

def test_first_fit_fills_the_first_free_cells_in_proposal_order():
    problem = board(topic("a"), topic("b"), topic("c"), topic("d"), topic("e"))

    assert first_fit(problem) == {"a": Cell("Hall", "10:00"), "b": Cell("Room", "10:00"),
                                  "c": Cell("Hall", "11:00"), "d": Cell("Room", "11:00")}


def test_first_fit_keeps_conveners_apart_and_placed_topics_where_they_are():
    problem = board(topic("a", convener="ann"), topic("b", convener="ann"),
                    topic("c", cell=Cell("Hall", "11:00")))

    placements = first_fit(problem)

    assert placements == {"a": Cell("Hall", "10:00"), "b": Cell("Room", "11:00"),
                          "c": Cell("Hall", "11:00")}
    assert broken_rules(problem, placements) == []


def test_first_fit_with_sharing_fills_empty_cells_before_sharing_one():
    problem = board(topic("a"), topic("b"), topic("c"), spaces=(HALL,), sharing=True)

    assert first_fit(problem) == {"a": Cell("Hall", "10:00"), "b": Cell("Hall", "11:00"),
                                  "c": Cell("Hall", "10:00")}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_first_fit_keeps_the_rules_on_generated_events(seed):
    problem = make_event(seed, locked=2, placed=1)

    assert broken_rules(problem, first_fit(problem)) == []


# -- the arranger -----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_arrange_misses_fewer_than_first_fit_on_generated_events(seed):
    problem = make_event(seed)

    result = arrange(problem, seed=seed, **QUICK)

    assert result.after.missed < measure(problem, first_fit(problem)).missed
    assert result.after.missed >= result.floor


@pytest.mark.parametrize(("seed", "movable", "sharing"), [
    (1, "unscheduled", False), (2, "unlocked", False), (3, "unscheduled", True),
    (4, "unlocked", True),
])
def test_arrange_keeps_the_rules_on_generated_events(seed, movable, sharing):
    problem = make_event(seed, topics=24, locked=2, placed=2, movable=movable, sharing=sharing)

    result = arrange(problem, seed=seed, **QUICK)

    assert broken_rules(problem, result.placements) == []
    conveners = [(problem.topics[int(t.split()[1])].convener, cell.slot)
                 for t, cell in result.placements.items()]
    assert len(conveners) == len(set(conveners))
    if not sharing:
        assert len(set(result.placements.values())) == len(result.placements)
    assert result.after == measure(problem, result.placements)


@pytest.mark.parametrize("movable", ["unscheduled", "unlocked"])
def test_arrange_never_moves_locked_topics(movable):
    problem = make_event(5, locked=3, movable=movable)

    result = arrange(problem, seed=5, **QUICK)

    assert [result.placements[f"topic {t}"] for t in range(3)] == [
        Cell("Room 3", "slot 1"), Cell("Room 3", "slot 2"), Cell("Room 3", "slot 3")]
    assert not {"topic 0", "topic 1", "topic 2"} & set(result.moves)


@pytest.mark.parametrize("sharing", [False, True])
def test_arrange_moves_nothing_into_or_out_of_a_slot_that_has_started(sharing):
    problem = dataclasses.replace(make_event(8, placed=3, movable="unlocked", sharing=sharing),
                                  closed=frozenset({"slot 1", "slot 2"}))

    result = arrange(problem, seed=8, **QUICK)

    started = {t: c for t, c in result.placements.items() if c.slot in problem.closed}
    assert started == {"topic 0": Cell("Room 3", "slot 1"), "topic 1": Cell("Room 3", "slot 2")}
    assert broken_rules(problem, result.placements) == []
    assert len(result.placements) >= 2 + 8   # the other slots' eight cells all filled


def test_broken_rules_names_a_move_into_or_out_of_a_started_slot():
    problem = board(topic("a", "ann", cell=Cell("Hall", "10:00")), topic("b", "bo"),
                    movable="unlocked", closed=frozenset({"10:00"}))

    assert broken_rules(problem, {"a": Cell("Hall", "11:00"), "b": Cell("Room", "10:00")}) == [
        "a has to stay where it is", "b would move into 10:00, which has started"]
    assert broken_rules(problem, {"a": Cell("Hall", "10:00"), "b": Cell("Room", "11:00")}) == []


def test_arrange_leaves_placed_topics_unless_it_may_move_all_unlocked_ones():
    problem = make_event(6, placed=2)

    result = arrange(problem, seed=6, **QUICK)

    assert result.placements["topic 0"] == Cell("Room 3", "slot 1")
    assert result.placements["topic 1"] == Cell("Room 3", "slot 2")
    assert all(problem.topics[int(t.split()[1])].cell is None for t in result.moves)


def test_arrange_puts_the_most_wanted_topic_in_the_big_space():
    crowd = [f"p{i}" for i in range(30)]
    problem = board(topic("small", "ann", "bo"), topic("big", *crowd), spaces=(ROOM, HALL),
                    slots=("10:00",))

    result = arrange(problem, **QUICK)

    assert first_fit(problem)["small"] == Cell("Room", "10:00")
    assert result.placements == {"big": Cell("Hall", "10:00"), "small": Cell("Room", "10:00")}
    assert result.after == Measure(missed=0, overflow=0)


def test_arrange_fills_the_biggest_spaces_of_a_slot_with_its_most_wanted_topics():
    problem = make_event(7, topics=16)

    result = arrange(problem, seed=7, **QUICK)

    capacity = {space.id: space.capacity for space in problem.spaces}
    size = {t.id: len(t.people) for t in problem.topics}
    for slot in problem.slots:
        here = {t: cell.space for t, cell in result.placements.items() if cell.slot == slot}
        overflow = sum(max(0, size[t] - capacity[space]) for t, space in here.items())
        biggest_first = zip(sorted(here.values(), key=lambda space: -capacity[space]),
                            sorted(here, key=lambda t: -size[t]), strict=True)
        assert overflow == sum(max(0, size[t] - capacity[space]) for space, t in biggest_first)


def test_arrange_gives_the_same_board_for_the_same_seed():
    problem = make_event(8, topics=24, movable="unlocked", placed=2)

    first = arrange(problem, seed=3, seconds=5, steps=4000)
    again = arrange(problem, seed=3, seconds=5, steps=4000)

    assert first.placements == again.placements
    assert (first.after, first.moves, first.steps) == (again.after, again.moves, again.steps)


def test_arrange_with_sharing_lets_two_topics_share_a_cell():
    topics = (topic("a", "ann", "bo"), topic("b", "cy"))
    alone = board(*topics, spaces=(HALL,), slots=("10:00",))
    shared = board(*topics, spaces=(HALL,), slots=("10:00",), sharing=True)

    assert arrange(alone, **QUICK).placements == {"a": Cell("Hall", "10:00")}
    assert arrange(alone, **QUICK).after == Measure(missed=1, overflow=0)
    assert arrange(shared, **QUICK).placements == {"a": Cell("Hall", "10:00"),
                                                   "b": Cell("Hall", "10:00")}


def test_arrange_previews_the_moves_and_the_board_before():
    problem = board(topic("a", "ann", cell=Cell("Hall", "10:00")), topic("b", "ann"),
                    topic("c", "bo", cell=Cell("Room", "10:00"), locked=True))

    result = arrange(problem, **QUICK)

    assert result.before == Measure(missed=1, overflow=0)
    assert result.after == Measure(missed=0, overflow=0)
    assert result.moves == {"b": (None, Cell("Hall", "11:00"))}
    assert result.stopped == "floor"


def test_arrange_with_nothing_to_move_keeps_the_board():
    problem = board(topic("a", "ann", cell=Cell("Hall", "10:00"), locked=True))

    result = arrange(problem, **QUICK)

    assert (result.placements, result.moves, result.stopped) == (
        {"a": Cell("Hall", "10:00")}, {}, "nothing to move")
