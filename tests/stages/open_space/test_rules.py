"""The open space's plain rules: spaces and slots from plans (tables and old strings), and which
cells a topic may go in."""

import datetime as dt

import pytest

from facilitate import registry
from facilitate.domain.errors import NotAllowed, NotFound
from facilitate.domain.plans import PlanError, parse_plan
from facilitate.services.demo import demo_plan_path
from facilitate.stages.open_space import rules
from facilitate.stages.open_space.rules import Placed, Slot, Space

HALL, ROOM = Space(1, "Main Hall", 40), Space(2, "Room 1", 8)
MORNING = Slot(10, dt.time(11, 0), dt.time(11, 45))
NOON = Slot(11, dt.time(11, 50), dt.time(12, 35))
DAY = dt.date(2026, 12, 3)


def plan(spaces: str, slots: str = '["11:00-11:45"]') -> str:
    return f"""
[event]
title = "Our day"
date = 2026-12-03

[[stages]]
kind = "open_space"
spaces = {spaces}
slots = {slots}
"""


def open_space_config(source: str) -> dict:
    (stage,) = parse_plan(source, registry.by_name()).stages
    return stage.config


def problems(source: str) -> list[str]:
    with pytest.raises(PlanError) as error:
        parse_plan(source, registry.by_name())
    return [f"{p.field}: {p.message}" for p in error.value.problems]


# -- spaces ---------------------------------------------------------------------------------

def test_old_plans_name_spaces_and_get_ids_by_position():
    spaces, found = rules.read_spaces(["Main Hall", "Room 1"])

    assert found == []
    assert spaces == [Space(1, "Main Hall"), Space(2, "Room 1")]


def test_spaces_as_tables_keep_capacity_access_notes_and_ids():
    spaces, found = rules.read_spaces([
        {"name": "  Main   Hall ", "capacity": 40, "access": "Step-free, hearing loop"},
        {"id": 7, "name": "Quiet room", "capacity": "6"},
    ])

    assert found == []
    assert spaces == [Space(1, "Main Hall", 40, "Step-free, hearing loop"),
                      Space(7, "Quiet room", 6, "")]


@pytest.mark.parametrize("capacity", [0, -3, 10_001, 1.5, True, "lots", [40]])
def test_a_capacity_that_is_not_a_whole_number_of_people_is_a_plain_problem(capacity):
    spaces, found = rules.read_spaces(["Main Hall", {"name": "Room 1", "capacity": capacity}])

    assert spaces == [Space(1, "Main Hall")]
    assert found == ["Space 2: The capacity must be a whole number from 1 to 10000."]


@pytest.mark.parametrize(("raw", "expected"), [
    ([{"capacity": 4}], "Space 1: Give the space a name."),
    ([""], "Space 1: Give the space a name."),
    (["x" * 81], "Space 1: The name is too long. The most is 80 characters."),
    ([{"name": "Hall", "access": "x" * 201}],
     "Space 1: Access notes must be text of up to 200 characters."),
    ([{"name": "Hall", "access": 3}],
     "Space 1: Access notes must be text of up to 200 characters."),
    ([4], "Space 1 must be a name or a table with a name."),
    ([{"id": 2, "name": "Hall"}, "Room"], "Two spaces have the id 2."),
    ("Main Hall", 'Write the spaces as a list, like [{name = "Main Hall", capacity = 40}].'),
])
def test_wrong_spaces_are_plain_problems(raw, expected):
    _, found = rules.read_spaces(raw)

    assert found == [expected]


def test_at_most_thirty_spaces():
    spaces, found = rules.read_spaces([f"Room {n}" for n in range(31)])

    assert len(spaces) == 30
    assert found == ["There can be at most 30 spaces."]


# -- slots ----------------------------------------------------------------------------------

def test_old_plans_write_slots_as_strings():
    slots, found = rules.read_slots(["11:00-11:45", " 9:00 – 9:45 "])

    assert found == []
    assert slots == [Slot(1, dt.time(11, 0), dt.time(11, 45)),
                     Slot(2, dt.time(9, 0), dt.time(9, 45))]
    assert slots[0].label == "11:00–11:45"


def test_slots_as_tables_take_toml_times_and_their_own_day():
    slots, found = rules.read_slots([
        {"starts": "11:00", "ends": "11:45"},
        {"id": 9, "starts": dt.time(9, 30, 15), "ends": dt.time(10, 15),
         "date": dt.date(2026, 12, 4)},
    ])

    assert found == []
    assert slots == [Slot(1, dt.time(11, 0), dt.time(11, 45)),
                     Slot(9, dt.time(9, 30), dt.time(10, 15), dt.date(2026, 12, 4))]
    assert slots[1].as_config() == {"id": 9, "starts": "09:30", "ends": "10:15",
                                    "date": "2026-12-04"}


@pytest.mark.parametrize(("raw", "expected"), [
    (["11:45-11:00"], "Slot 1: A slot must end after it starts."),
    (["11:00-11:00"], "Slot 1: A slot must end after it starts."),
    (["eleven"], "Slot 1: 'eleven' is not a time slot like \"11:00-11:45\"."),
    (["25:00-26:00"], "Slot 1: Write the time like 11:00."),
    ([{"starts": "11:00"}], "Slot 1: Write the time like 11:00."),
    ([{"starts": "11:00", "ends": "12:00", "date": "3rd December"}],
     "Slot 1: Write the date like 2026-12-03."),
    ([{"starts": "11:00", "ends": "12:00", "date": 20261203}],
     "Slot 1: Write the date like 2026-12-03."),
    ([11], 'Slot 1: Write a slot like "11:00-11:45" or {starts = "11:00", ends = "11:45"}.'),
    ("11:00-11:45", 'Write the slots as a list, like ["11:00-11:45", "12:00-12:45"].'),
])
def test_wrong_slots_are_plain_problems(raw, expected):
    _, found = rules.read_slots(raw)

    assert found == [expected]


def test_a_slot_without_a_date_is_on_the_events_day():
    slot = Slot(1, dt.time(11, 0), dt.time(11, 45))

    assert slot.bounds(DAY, dt.date(2030, 1, 1)) == (dt.datetime(2026, 12, 3, 11, 0),
                                                     dt.datetime(2026, 12, 3, 11, 45))
    assert slot.bounds(None, DAY)[0] == dt.datetime(2026, 12, 3, 11, 0)


def test_new_ids_are_never_given_twice():
    config = {"spaces": [{"id": 1, "name": "Hall"}], "slots": [{"id": 4, "starts": "11:00",
                                                                 "ends": "11:45"}],
              "last_id": 6}

    assert rules.next_id(config) == 7
    assert rules.next_id({"spaces": ["Hall", "Room"], "slots": ["11:00-11:45"]}) == 3


# -- plans ----------------------------------------------------------------------------------

def test_old_plans_with_strings_are_still_valid():
    config = open_space_config(plan('["Main Hall", "Room 1"]', '["11:00-11:45", "11:50-12:35"]'))

    assert config["spaces"] == [
        {"id": 1, "name": "Main Hall", "capacity": None, "access": ""},
        {"id": 2, "name": "Room 1", "capacity": None, "access": ""}]
    assert config["slots"] == [
        {"id": 1, "starts": "11:00", "ends": "11:45", "date": None},
        {"id": 2, "starts": "11:50", "ends": "12:35", "date": None}]


def test_the_example_plan_is_valid():
    event_plan = parse_plan(demo_plan_path().read_bytes(), registry.by_name())

    (stage,) = [s for s in event_plan.stages if s.kind == "open_space"]
    assert [s["name"] for s in stage.config["spaces"]] == ["Main Hall", "Room 1", "Room 2",
                                                         "Garden Room"]
    assert [s["id"] for s in stage.config["slots"]] == [1, 2, 3]


def test_a_plan_may_write_tables_of_spaces_and_slots():
    config = open_space_config(plan(
        '[{name = "Main Hall", capacity = 60, access = "Step-free"}, "Room 1"]',
        '[{starts = 11:00:00, ends = 11:45:00}, {starts = "9:30", ends = "10:15", '
        'date = 2026-12-04}]'))

    assert config["spaces"] == [
        {"id": 1, "name": "Main Hall", "capacity": 60, "access": "Step-free"},
        {"id": 2, "name": "Room 1", "capacity": None, "access": ""}]
    assert config["slots"] == [
        {"id": 1, "starts": "11:00", "ends": "11:45", "date": None},
        {"id": 2, "starts": "09:30", "ends": "10:15", "date": "2026-12-04"}]
    assert rules.spaces_of(config)[0].capacity == 60


def test_a_plan_with_wrong_spaces_and_slots_lists_every_problem_in_plain_words():
    found = problems(plan('[{name = "Hall", capacity = "lots"}, {capacity = 4}]',
                          '["11:45-11:00", "soon"]'))

    assert found == [
        "stages[1].spaces: Space 1: The capacity must be a whole number from 1 to 10000.",
        "stages[1].spaces: Space 2: Give the space a name.",
        "stages[1].slots: Slot 1: A slot must end after it starts.",
        "stages[1].slots: Slot 2: 'soon' is not a time slot like \"11:00-11:45\".",
    ]


def test_a_plan_needs_a_space_and_a_slot():
    assert problems(plan("[]", "[]")) == ["stages[1].spaces: Give at least one space.",
                                          "stages[1].slots: Give at least one slot."]


# -- placing --------------------------------------------------------------------------------

def check(topic_id=1, convener=None, space=1, slot=10, placed=(), sharing=False):
    rules.check_cell(topic_id, convener, space, slot, spaces=[HALL, ROOM],
                     slots=[MORNING, NOON], placed=list(placed), sharing=sharing)


def test_a_topic_may_go_in_a_free_cell():
    check(placed=[Placed(2, 2, 10, None), Placed(3, 1, 11, None)])


def test_a_taken_cell_is_refused_in_plain_words_unless_cells_are_shared():
    taken = [Placed(2, 1, 10, None)]

    with pytest.raises(NotAllowed) as error:
        check(placed=taken)

    assert error.value.message == ("Another topic has just taken Main Hall at 11:00–11:45. "
                                   "Please choose another place or time.")
    check(placed=taken, sharing=True)


def test_a_topic_may_stay_in_its_own_cell():
    check(topic_id=2, convener=5, placed=[Placed(2, 1, 10, 5)])


def test_a_convener_is_never_in_two_topics_of_one_slot_even_when_cells_are_shared():
    theirs = [Placed(2, 2, 10, 5)]

    for sharing in (False, True):
        with pytest.raises(NotAllowed) as error:
            check(convener=5, placed=theirs, sharing=sharing)
        assert error.value.field == "slot_id"
        assert "You already convene a topic at 11:00–11:45" in error.value.message
    check(convener=5, slot=11, placed=theirs)
    check(convener=None, placed=[Placed(2, 2, 10, None)])   # paper cards have no convener


def test_a_space_or_slot_taken_off_the_board_is_not_found():
    with pytest.raises(NotFound) as error:
        check(space=3)
    assert error.value.message == "That space is no longer on the board. Choose another."
    with pytest.raises(NotFound) as error:
        check(slot=12)
    assert error.value.message == "That time slot is no longer on the board. Choose another."


def test_an_ended_slot_is_refused_and_a_running_one_is_not():
    rules.check_not_ended(MORNING, DAY, dt.datetime(2026, 12, 3, 11, 44))

    with pytest.raises(NotAllowed) as error:
        rules.check_not_ended(MORNING, DAY, dt.datetime(2026, 12, 3, 11, 45))

    assert error.value.message == "The slot 11:00–11:45 has ended. Please choose a later one."


def test_the_slot_running_is_found_by_the_clock():
    slots = [MORNING, NOON]

    assert rules.slot_running(slots, DAY, dt.datetime(2026, 12, 3, 10, 59)) is None
    assert rules.slot_running(slots, DAY, dt.datetime(2026, 12, 3, 11, 0)) == 10
    assert rules.slot_running(slots, DAY, dt.datetime(2026, 12, 3, 11, 47)) is None
    assert rules.slot_running(slots, DAY, dt.datetime(2026, 12, 3, 12, 0)) == 11
    assert rules.slot_running(slots, DAY, dt.datetime(2026, 12, 4, 12, 0)) is None
