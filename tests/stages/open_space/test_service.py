"""The open space's service as people use it: conveners propose and place topics, people mark
interest and say "I'm here", facilitators fix, merge, hide and lock topics and edit the board."""

import random

import pytest
from sqlalchemy import func, select

from facilitate.domain.errors import (
    NotAllowed,
    NotFound,
    RateLimited,
    SendingPaused,
    UserError,
)
from facilitate.extensions import db
from facilitate.stages.open_space import arranger, arranging, board, service, views
from facilitate.store.models import CheckIn, Topic, TopicInterest

# The example plan's board: spaces 1-4, slots 1-3.
HALL, ROOM_1, ROOM_2, GARDEN = 1, 2, 3, 4
MORNING, NOON, AFTERNOON = 1, 2, 3

pytestmark = pytest.mark.usefixtures("clock")


def count(model, *where):
    return db.session.scalar(select(func.count(model.id)).where(*where))


def cells(stage) -> dict[int, tuple[int, int] | None]:
    db.session.expire_all()
    return {t.id: (t.space_id, t.slot_id) if t.space_id else None
            for t in service.live_topics(stage)}


def interest_of(topic) -> int:
    return service.interest_count(topic.id)


def here(stage) -> dict[str, int]:
    return views.headcounts(stage)


# -- proposing ------------------------------------------------------------------------------

def test_a_phone_proposes_a_topic_that_waits_in_the_tray(event, stage, make_participant):
    ann = make_participant(event, "Ann")

    topic, created = service.propose(event, ann, "topic-id-0001", stage.id,
                                     "  Getting   carers heard ", "Why it matters\r\nto us",
                                     show_name=True, name="Ann B", help_wanted=True)

    assert created is True
    assert (topic.title, topic.description) == ("Getting carers heard", "Why it matters\nto us")
    assert (topic.convener_name, topic.help_wanted, topic.source) == ("Ann B", True, "phone")
    assert (topic.participant_id, topic.space_id, topic.slot_id) == (ann.id, None, None)


def test_a_phone_that_chose_anonymous_shows_no_name(event, stage, make_participant):
    ann = make_participant(event, "Ann")

    topic, _ = service.propose(event, ann, "topic-id-0001", stage.id, "Transport",
                               show_name=False, name="Ann")

    assert topic.convener_name == ""
    with pytest.raises(UserError) as error:
        service.propose(event, ann, "topic-id-0002", stage.id, "Transport", show_name=True)
    assert (error.value.field, error.value.message) == (
        "name", "Write the name to show, or choose anonymous.")


def test_a_retried_topic_is_stored_once(event, stage, make_participant):
    ann = make_participant(event)
    first, created = service.propose(event, ann, "topic-id-0001", stage.id, "Transport")

    again, created_again = service.propose(event, ann, "topic-id-0001", stage.id, "Transport")

    assert (created, created_again) == (True, False)
    assert again.id == first.id
    assert count(Topic) == 1


def test_someone_elses_topic_id_is_refused_and_reveals_nothing(event, stage, make_participant):
    ann, bo = make_participant(event), make_participant(event)
    service.propose(event, ann, "topic-id-0001", stage.id, "Ann's topic")

    with pytest.raises(UserError) as error:
        service.propose(event, bo, "topic-id-0001", stage.id, "Bo's topic")

    assert "Ann" not in error.value.message
    assert count(Topic) == 1


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"title": "x" * 121}, "title", "The title is too long: 121 characters. The most is 120."),
    ({"title": "   "}, "title", "Please fill in the title."),
    ({"title": ["x"]}, "title", "The title must be text."),
    ({"description": "x" * 501}, "description",
     "A line or two is too long: 501 characters. The most is 500."),
    ({"name": "x" * 81, "show_name": True}, "name",
     "Your name is too long: 81 characters. The most is 80."),
])
def test_wrong_topics_are_refused_in_plain_words(event, stage, make_participant, fields, field,
                                                 message):
    ann = make_participant(event)
    sent = {"title": "Transport", **fields}

    with pytest.raises(UserError) as error:
        service.propose(event, ann, "topic-id-0001", stage.id, sent.pop("title"), **sent)

    assert (error.value.field, error.value.message) == (field, message)
    assert count(Topic) == 0


def test_the_longest_title_and_description_are_kept(event, stage, make_participant):
    topic, _ = service.propose(event, make_participant(event), "topic-id-0001", stage.id,
                               "t" * 120, "d" * 500)

    assert (len(topic.title), len(topic.description)) == (120, 500)


def test_a_topic_for_another_stage_or_event_is_not_found(event, stage, make_event,
                                                          make_participant):
    ann = make_participant(event)
    other = make_event(status="live")
    theirs = next(s for s in other.stages if s.kind == "open_space")
    pledges = next(s for s in event.stages if s.kind == "pledges")

    for stage_id in (theirs.id, pledges.id, "x", None):
        with pytest.raises(NotFound):
            service.propose(event, ann, "topic-id-0001", stage_id, "Transport")
    assert count(Topic) == 0


def test_a_phone_proposing_too_fast_is_slowed_down(event, stage, make_participant):
    ann = make_participant(event)
    for n in range(10):
        service.propose(event, ann, f"topic-id-{n:04d}", stage.id, f"Topic {n}")

    with pytest.raises(RateLimited):
        service.propose(event, ann, "topic-id-0010", stage.id, "One too many")

    # A retry of what already arrived is no new send.
    assert service.propose(event, ann, "topic-id-0003", stage.id, "Topic 3")[1] is False
    assert count(Topic) == 10


def test_paper_cards_are_not_rate_limited_and_keep_the_name_written(event, stage, make_topic):
    topics = [make_topic(event, None, f"Card {n}", name="Kim from Carers Trust")
              for n in range(12)]

    assert {(t.source, t.convener_name, t.participant_id) for t in topics} == {
        ("paper", "Kim from Carers Trust", None)}


def test_paused_sending_keeps_the_topic_for_later(event, stage, make_participant):
    ann = make_participant(event)
    event.submissions_locked = True
    db.session.commit()

    with pytest.raises(SendingPaused):
        service.propose(event, ann, "topic-id-0001", stage.id, "Transport")

    assert count(Topic) == 0


# -- the marketplace ------------------------------------------------------------------------

def test_a_closed_marketplace_stops_phones_but_not_paper_cards_or_facilitators(
        event, stage, make_participant, make_topic):
    ann = make_participant(event)
    before = make_topic(event, ann, "Before closing")

    board.set_marketplace_open(event, stage.id, False)

    assert service.marketplace_open(stage) is False
    with pytest.raises(NotAllowed) as error:
        service.propose(event, ann, "topic-id-late", stage.id, "After closing")
    assert error.value.message.startswith("The marketplace has closed")
    with pytest.raises(NotAllowed) as error:
        service.place(event, before.id, HALL, MORNING, by=ann)
    assert error.value.message == ("The board is fixed now. Ask a facilitator to move your "
                                   "topic.")
    card = make_topic(event, None, "From a paper card", name="Kim")
    service.place(event, card.id, HALL, MORNING)
    assert cells(stage)[card.id] == (HALL, MORNING)
    assert cells(stage)[before.id] is None


def test_reopening_the_marketplace_lets_phones_propose_again(event, stage, make_participant):
    ann = make_participant(event)
    board.set_marketplace_open(event, stage.id, False)

    board.set_marketplace_open(event, stage.id, True)

    assert service.propose(event, ann, "topic-id-0001", stage.id, "Transport")[1] is True
    with pytest.raises(UserError):
        board.set_marketplace_open(event, stage.id, "closed")


# -- placing --------------------------------------------------------------------------------

def test_a_convener_places_their_topic_in_a_free_cell_and_back_in_the_tray(
        event, stage, make_participant, make_topic):
    ann = make_participant(event)
    topic = make_topic(event, ann)

    service.place(event, topic.id, HALL, MORNING, by=ann)
    assert cells(stage)[topic.id] == (HALL, MORNING)

    service.place(event, topic.id, ROOM_1, NOON, by=ann)
    assert cells(stage)[topic.id] == (ROOM_1, NOON)

    service.place(event, topic.id, None, None, by=ann)
    assert cells(stage)[topic.id] is None


def test_only_the_convener_or_a_facilitator_places_a_topic(event, stage, make_participant,
                                                           make_topic):
    ann, bo = make_participant(event), make_participant(event)
    topic = make_topic(event, ann)

    with pytest.raises(NotAllowed):
        service.place(event, topic.id, HALL, MORNING, by=bo)

    service.place(event, topic.id, HALL, MORNING)
    assert cells(stage)[topic.id] == (HALL, MORNING)


def test_a_taken_cell_is_refused_unless_cells_are_shared(event, stage, make_participant,
                                                         make_topic):
    ann, bo = make_participant(event), make_participant(event)
    first, second = make_topic(event, ann, "First"), make_topic(event, bo, "Second")
    service.place(event, first.id, HALL, MORNING, by=ann)

    with pytest.raises(NotAllowed) as error:
        service.place(event, second.id, HALL, MORNING, by=bo)
    assert error.value.message == ("Another topic has just taken Main Hall at 11:00–11:45. "
                                   "Please choose another place or time.")
    with pytest.raises(NotAllowed):
        service.place(event, second.id, HALL, MORNING)   # facilitators keep the board whole
    assert cells(stage)[second.id] is None

    board.set_sharing(event, stage.id, True)
    service.place(event, second.id, HALL, MORNING, by=bo)
    assert cells(stage) == {first.id: (HALL, MORNING), second.id: (HALL, MORNING)}


def test_cells_stay_shared_until_each_holds_one_topic(event, stage, make_topic):
    first, second = make_topic(event, None, "First"), make_topic(event, None, "Second")
    board.set_sharing(event, stage.id, True)
    service.place(event, first.id, HALL, MORNING)
    service.place(event, second.id, HALL, MORNING)

    with pytest.raises(NotAllowed) as error:
        board.set_sharing(event, stage.id, False)

    assert error.value.message == ("Two topics share Main Hall at 11:00–11:45. Move one of "
                                   "them before giving each cell one topic.")
    assert service.sharing(stage) is True
    arranging.preview(event, stage.id)   # the arranger still reads the board
    service.place(event, second.id, ROOM_1, MORNING)
    board.set_sharing(event, stage.id, False)
    assert service.sharing(stage) is False


def test_a_convener_is_never_in_two_topics_of_one_slot(event, stage, make_participant,
                                                       make_topic):
    ann = make_participant(event)
    board.set_sharing(event, stage.id, True)
    first, second = make_topic(event, ann, "First"), make_topic(event, ann, "Second")
    service.place(event, first.id, HALL, MORNING, by=ann)

    for by in (ann, None):
        with pytest.raises(NotAllowed) as error:
            service.place(event, second.id, ROOM_1, MORNING, by=by)
        assert "You already convene a topic at 11:00–11:45" in error.value.message

    service.place(event, second.id, ROOM_1, NOON, by=ann)
    assert cells(stage) == {first.id: (HALL, MORNING), second.id: (ROOM_1, NOON)}


def test_a_space_or_slot_taken_off_the_board_cannot_be_chosen(event, stage, make_participant,
                                                              make_topic):
    ann = make_participant(event)
    topic = make_topic(event, ann)
    board.remove_space(event, stage.id, GARDEN)
    board.remove_slot(event, stage.id, AFTERNOON)

    with pytest.raises(NotFound):
        service.place(event, topic.id, GARDEN, MORNING, by=ann)
    with pytest.raises(NotFound):
        service.place(event, topic.id, HALL, AFTERNOON)
    with pytest.raises(UserError):
        service.place(event, topic.id, HALL, None, by=ann)
    assert cells(stage)[topic.id] is None


def test_an_ended_slot_is_closed_to_phones_but_not_to_facilitators(
        event, stage, make_participant, make_topic, clock):
    ann = make_participant(event)
    topic = make_topic(event, ann)
    clock.at(11, 45)

    with pytest.raises(NotAllowed) as error:
        service.place(event, topic.id, HALL, MORNING, by=ann)
    assert error.value.message == "The slot 11:00–11:45 has ended. Please choose a later one."

    service.place(event, topic.id, HALL, NOON, by=ann)   # a slot running may still be chosen
    clock.at(12, 0)
    service.place(event, topic.id, HALL, NOON, by=ann)
    service.place(event, topic.id, ROOM_1, MORNING)      # a facilitator records what happened
    assert cells(stage)[topic.id] == (ROOM_1, MORNING)


def test_a_merged_topic_cannot_be_placed(event, stage, make_participant, make_topic):
    ann, bo = make_participant(event), make_participant(event)
    kept, dup = make_topic(event, ann, "Transport"), make_topic(event, bo, "Buses")
    service.merge(event, kept.id, dup.id)

    with pytest.raises(NotFound) as error:
        service.place(event, dup.id, HALL, MORNING, by=bo)

    assert error.value.message == ('That topic was merged into "Transport". Place that one '
                                   'instead.')
    assert cells(stage) == {kept.id: None}


def test_a_topic_of_another_event_is_not_found(event, stage, make_event, make_topic):
    other = make_event(status="live")
    theirs = make_topic(other, None, "Theirs")

    for act in (lambda: service.place(event, theirs.id, HALL, MORNING),
                lambda: service.hide(event, theirs.id, True),
                lambda: service.set_locked(event, theirs.id, True),
                lambda: service.edit(event, theirs.id, "Mine now", "", "", False)):
        with pytest.raises(NotFound):
            act()
    db.session.refresh(theirs)
    assert (theirs.space_id, theirs.hidden, theirs.locked, theirs.title) == (
        None, False, False, "Theirs")


# -- locking --------------------------------------------------------------------------------

def test_a_convener_cannot_move_a_locked_topic_but_a_facilitator_can(
        event, stage, make_participant, make_topic):
    ann = make_participant(event)
    topic = make_topic(event, ann)
    service.place(event, topic.id, HALL, MORNING, by=ann)

    service.set_locked(event, topic.id, True)

    with pytest.raises(NotAllowed) as error:
        service.place(event, topic.id, ROOM_1, NOON, by=ann)
    assert error.value.message == ("A facilitator has fixed this topic's place. Ask them to "
                                   "move it.")
    service.place(event, topic.id, ROOM_1, NOON)
    assert cells(stage)[topic.id] == (ROOM_1, NOON)
    service.set_locked(event, topic.id, False)
    service.place(event, topic.id, HALL, MORNING, by=ann)
    assert cells(stage)[topic.id] == (HALL, MORNING)


# -- editing and hiding ---------------------------------------------------------------------

def test_a_facilitator_corrects_a_topics_words(event, stage, make_participant, make_topic):
    topic = make_topic(event, make_participant(event), "Trasnport")

    service.edit(event, topic.id, "Transport", "Buses and trains", "Ann", True)

    db.session.refresh(topic)
    assert (topic.title, topic.description, topic.convener_name, topic.help_wanted) == (
        "Transport", "Buses and trains", "Ann", True)
    with pytest.raises(UserError):
        service.edit(event, topic.id, "", "", "", False)


def test_a_hidden_topic_leaves_the_board_and_phones_and_comes_back_unscheduled(
        event, stage, make_participant, make_topic):
    ann = make_participant(event)
    topic = make_topic(event, ann, "Rude words")
    service.place(event, topic.id, HALL, MORNING, by=ann)

    service.hide(event, topic.id, True)

    assert cells(stage)[topic.id] is None
    assert views.phones(event, stage)["topics"] == []
    assert views.screen(event, stage)["topics"] == []
    (on_console,) = views.console(event, stage)["topics"]
    assert on_console["hidden"] is True
    with pytest.raises(NotFound):
        service.place(event, topic.id, HALL, MORNING, by=ann)
    with pytest.raises(NotFound):
        service.mark_interest(event, ann, topic.id, True)
    with pytest.raises(NotAllowed):
        service.place(event, topic.id, HALL, MORNING)   # it would hold a cell nobody sees

    service.hide(event, topic.id, False)

    assert [t["id"] for t in views.phones(event, stage)["topics"]] == [topic.id]
    assert cells(stage)[topic.id] is None


# -- interest -------------------------------------------------------------------------------

def test_interest_is_counted_once_per_person_and_can_be_taken_back(
        event, stage, make_participant, make_topic):
    ann, bo = make_participant(event), make_participant(event)
    topic = make_topic(event, None, "Transport")

    assert service.mark_interest(event, ann, topic.id, True)[1] is True
    service.mark_interest(event, ann, topic.id, True)
    service.mark_interest(event, bo, topic.id, True)
    assert interest_of(topic) == 2

    service.mark_interest(event, ann, topic.id, False)
    service.mark_interest(event, ann, topic.id, False)
    assert interest_of(topic) == 1
    assert views.screen(event, stage)["topics"][0]["interest"] == 1
    assert "interest" not in views.phones(event, stage)["topics"][0]
    with pytest.raises(UserError):
        service.mark_interest(event, ann, topic.id, "yes")


def test_interest_beyond_the_spaces_capacity_is_flagged(event, stage, make_participant,
                                                        make_topic):
    board.save_space(event, stage.id, GARDEN, "Garden Room", 2, "")
    topic = make_topic(event, None, "Gardening")
    service.place(event, topic.id, GARDEN, MORNING)
    for person in [make_participant(event) for _ in range(3)]:
        service.mark_interest(event, person, topic.id, True)

    (item,) = views.screen(event, stage)["topics"]

    assert (item["interest"], item["over_capacity"]) == (3, True)


# -- attendance -----------------------------------------------------------------------------

def placed_pair(event, make_topic):
    first, second = make_topic(event, None, "First"), make_topic(event, None, "Second")
    service.place(event, first.id, HALL, MORNING)
    service.place(event, second.id, ROOM_1, MORNING)
    return first, second


def test_saying_im_here_elsewhere_in_the_same_slot_moves_the_person(
        event, stage, make_participant, make_topic, clock):
    ann, bo = make_participant(event), make_participant(event)
    first, second = placed_pair(event, make_topic)
    clock.at(11, 5)

    service.check_in(event, ann, first.id)
    service.check_in(event, ann, first.id)
    service.check_in(event, bo, first.id)
    assert here(stage) == {str(first.id): 2}

    service.check_in(event, ann, second.id)   # the law of two feet

    assert here(stage) == {str(first.id): 1, str(second.id): 1}
    assert count(CheckIn) == 2
    db.session.refresh(first)
    assert first.peak_headcount == 2


def test_while_sending_is_paused_a_phone_keeps_its_check_in_and_its_leaving(
        event, stage, make_participant, make_topic, clock):
    ann = make_participant(event)
    first, _ = placed_pair(event, make_topic)
    clock.at(11, 5)
    service.check_in(event, ann, first.id)
    event.submissions_locked = True
    db.session.commit()

    with pytest.raises(SendingPaused):
        service.leave(event, ann, first.id)

    assert here(stage) == {str(first.id): 1}   # the outbox sends it again once resumed


def test_saying_im_here_is_open_from_just_before_a_slot_until_it_ends(
        event, stage, make_participant, make_topic, clock):
    ann = make_participant(event)
    first, _ = placed_pair(event, make_topic)
    unplaced = make_topic(event, None, "In the tray")

    clock.at(10, 49)
    with pytest.raises(NotAllowed):
        service.check_in(event, ann, first.id)
    clock.at(10, 50)
    service.check_in(event, ann, first.id)
    clock.at(11, 45)
    with pytest.raises(NotAllowed) as error:
        service.check_in(event, ann, first.id)
    assert error.value.message == "The slot 11:00–11:45 has ended."
    with pytest.raises(NotAllowed):
        service.check_in(event, ann, unplaced.id)


def test_leaving_takes_the_person_off_the_headcount(event, stage, make_participant,
                                                    make_topic, clock):
    ann = make_participant(event)
    first, _ = placed_pair(event, make_topic)
    clock.at(11, 10)
    service.check_in(event, ann, first.id)

    service.leave(event, ann, first.id)
    service.leave(event, ann, first.id)

    assert here(stage) == {}
    db.session.refresh(first)
    assert first.peak_headcount == 1


def test_moving_a_topic_to_another_slot_clears_who_was_there(event, stage, make_participant,
                                                             make_topic, clock):
    ann = make_participant(event)
    first, _ = placed_pair(event, make_topic)
    clock.at(11, 10)
    service.check_in(event, ann, first.id)

    service.place(event, first.id, GARDEN, MORNING)
    assert here(stage) == {str(first.id): 1}      # same slot, another room: still there
    service.place(event, first.id, GARDEN, NOON)
    assert here(stage) == {}


def test_the_peak_headcount_is_the_most_at_once(event, stage, make_participant, make_topic,
                                                clock):
    people = [make_participant(event) for _ in range(4)]
    first, second = placed_pair(event, make_topic)
    clock.at(11, 10)
    for person in people:
        service.check_in(event, person, first.id)
    for person in people[:3]:
        service.check_in(event, person, second.id)

    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.peak_headcount, second.peak_headcount) == (4, 3)
    assert here(stage) == {str(first.id): 1, str(second.id): 3}
    item = next(t for t in views.console(event, stage)["topics"] if t["id"] == first.id)
    assert (item["headcount"], item["peak_headcount"]) == (1, 4)


# -- merging --------------------------------------------------------------------------------

def test_merging_moves_interest_and_check_ins_counting_each_person_once(
        event, stage, make_participant, make_topic, clock):
    ann, bo, cy, di = (make_participant(event, name) for name in ("Ann", "Bo", "Cy", "Di"))
    kept, dup = placed_pair(event, make_topic)
    for person in (ann, bo):
        service.mark_interest(event, person, kept.id, True)
    for person in (bo, cy):
        service.mark_interest(event, person, dup.id, True)
    clock.at(11, 10)
    service.check_in(event, ann, kept.id)
    for person in (bo, cy, di):
        service.check_in(event, person, dup.id)

    service.merge(event, kept.id, dup.id)

    assert interest_of(kept) == 3
    assert count(TopicInterest) == 3
    assert here(stage) == {str(kept.id): 4}
    assert count(CheckIn) == 4
    db.session.refresh(kept)
    assert kept.peak_headcount == 4
    assert cells(stage) == {kept.id: (HALL, MORNING)}


def test_merging_a_duplicate_from_another_slot_keeps_each_person_in_one_place(
        event, stage, make_participant, make_topic, clock):
    ann, bo = make_participant(event), make_participant(event)
    kept, dup = make_topic(event, None, "Kept"), make_topic(event, None, "Duplicate")
    service.place(event, kept.id, HALL, MORNING)
    service.place(event, dup.id, HALL, NOON)
    clock.at(11, 44)    # the next slot starts within ten minutes: both are open
    service.check_in(event, ann, kept.id)
    service.check_in(event, ann, dup.id)
    service.check_in(event, bo, dup.id)

    service.merge(event, kept.id, dup.id)

    assert here(stage) == {str(kept.id): 2}
    assert count(CheckIn) == 2


def test_the_merged_topics_phones_follow_the_kept_one(event, stage, make_participant,
                                                      make_topic, clock):
    ann, bo = make_participant(event), make_participant(event)
    kept, dup = make_topic(event, ann, "Transport"), make_topic(event, bo, "Buses")
    service.place(event, kept.id, HALL, MORNING)
    service.merge(event, kept.id, dup.id)
    clock.at(11, 5)

    topic, _ = service.mark_interest(event, bo, dup.id, True)
    assert topic.id == kept.id
    assert service.check_in(event, bo, dup.id).id == kept.id

    assert interest_of(kept) == 1
    assert here(stage) == {str(kept.id): 1}
    mine = views.mine(bo, stage)
    assert {(m["kind"], m["id"]) for m in mine} == {("convened", kept.id),
                                                    ("interest", kept.id), ("here", kept.id)}
    assert [t["id"] for t in views.phones(event, stage)["topics"]] == [kept.id]


def test_a_topic_merged_twice_leads_phones_to_the_last_one(event, stage, make_participant,
                                                           make_topic):
    ann = make_participant(event)
    first, second, third = (make_topic(event, None, "One"), make_topic(event, ann, "Two"),
                            make_topic(event, None, "Three"))
    service.merge(event, first.id, second.id)

    service.merge(event, third.id, first.id)

    assert service.mark_interest(event, ann, second.id, True)[0].id == third.id
    assert [m["id"] for m in views.mine(ann, stage) if m["kind"] == "convened"] == [third.id]


def test_merging_wrong_pairs_is_refused(event, stage, make_topic, make_event):
    first, second = make_topic(event, None, "One"), make_topic(event, None, "Two")
    theirs = make_topic(make_event(status="live"), None, "Theirs")

    with pytest.raises(UserError):
        service.merge(event, first.id, first.id)
    with pytest.raises(NotFound):
        service.merge(event, first.id, theirs.id)
    service.merge(event, first.id, second.id)
    with pytest.raises(NotAllowed):
        service.merge(event, first.id, second.id)


# -- the board's frame ----------------------------------------------------------------------

def test_removing_a_space_sends_its_topics_to_the_tray(event, stage, make_participant,
                                                       make_topic, clock):
    ann = make_participant(event)
    first, second = placed_pair(event, make_topic)
    clock.at(11, 10)
    service.check_in(event, ann, first.id)

    assert board.remove_space(event, stage.id, HALL) == 1

    assert cells(stage) == {first.id: None, second.id: (ROOM_1, MORNING)}
    assert here(stage) == {}
    assert [s["name"] for s in views.console(event, stage)["spaces"]] == [
        "Room 1", "Room 2", "Garden Room"]


def test_removing_a_slot_sends_its_topics_to_the_tray(event, stage, make_topic):
    first, second = placed_pair(event, make_topic)
    service.place(event, second.id, ROOM_1, NOON)

    assert board.remove_slot(event, stage.id, MORNING) == 1

    assert cells(stage) == {first.id: None, second.id: (ROOM_1, NOON)}


def test_a_board_keeps_at_least_one_space_and_slot(event, stage):
    for space_id in (HALL, ROOM_1, ROOM_2):
        board.remove_space(event, stage.id, space_id)

    with pytest.raises(UserError):
        board.remove_space(event, stage.id, GARDEN)
    with pytest.raises(NotFound):
        board.remove_space(event, stage.id, HALL)


def test_a_new_space_or_slot_gets_an_id_never_used_before(event, stage):
    board.remove_space(event, stage.id, GARDEN)

    space = board.save_space(event, stage.id, None, "Library", "30", "Step-free")
    slot = board.save_slot(event, stage.id, None, "10:00", "10:45")

    assert space.id == 5 and space.capacity == 30
    assert slot.id == 6
    frame = views.console(event, stage)
    assert [s["id"] for s in frame["spaces"]] == [HALL, ROOM_1, ROOM_2, 5]
    assert [s["label"] for s in frame["slots"]] == ["10:00–10:45", "11:00–11:45",
                                                     "11:50–12:35", "13:30–14:15"]
    with pytest.raises(UserError):
        board.save_slot(event, stage.id, None, "12:00", "11:00")
    with pytest.raises(UserError):
        board.save_space(event, stage.id, HALL, "", None, "")


def test_the_frame_shows_the_slot_running_by_the_clock(event, stage, clock):
    assert views.phones(event, stage)["running_slot_id"] is None
    clock.at(11, 55)
    view = views.phones(event, stage)
    assert view["running_slot_id"] == NOON
    assert view["slots"][0]["starts_at"].startswith("2026-12-03T11:00:00")


# -- arrange for me -------------------------------------------------------------------------

def crowd(event, stage, make_participant, make_topic, seed, *, topics=14, people=40):
    """An open space where people mark topics mostly within one or two of four themes."""
    rng = random.Random(seed)
    persons = [make_participant(event, f"Person {p}") for p in range(people)]
    made = [make_topic(event, None, f"Topic {t}") for t in range(topics)]
    for person in persons:
        themes = rng.sample(range(4), rng.choice((1, 2)))
        near = [t for t in made if int(t.title.split()[1]) % 4 in themes]
        for topic in rng.sample(near, min(len(near), rng.randint(2, 4))):
            service.mark_interest(event, person, topic.id, True)
    return made


def board_breaks(stage) -> list[str]:
    problem = arranging.problem_of(stage, "unlocked")
    return arranger.broken_rules(problem, problem.current())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_arranger_misses_fewer_than_first_fit_and_keeps_the_rules(
        event, stage, make_participant, make_topic, seed):
    made = crowd(event, stage, make_participant, make_topic, seed)
    fixed = made[0]
    service.place(event, fixed.id, GARDEN, AFTERNOON)
    service.set_locked(event, fixed.id, True)
    problem = arranging.problem_of(stage)
    first_fit = arranger.measure(problem, arranger.first_fit(problem))

    preview = arranging.preview(event, stage.id)

    assert preview["after"]["missed"] < first_fit.missed
    assert preview["after"]["missed"] >= preview["floor"]
    assert all(m["topic_id"] != fixed.id for m in preview["moves"])
    assert cells(stage)[made[1].id] is None            # a preview moves nothing

    moved = arranging.apply(event, stage.id, preview["moves"], preview["board_key"])

    assert moved == len(preview["moves"])
    assert cells(stage)[fixed.id] == (GARDEN, AFTERNOON)
    assert board_breaks(stage) == []
    now = arranging.problem_of(stage)
    assert arranger.measure(now, now.current()).missed == preview["after"]["missed"]


def test_the_arranger_may_move_every_unlocked_topic_but_never_a_locked_one(
        event, stage, make_participant, make_topic):
    made = crowd(event, stage, make_participant, make_topic, 4, topics=10, people=25)
    for topic, cell in zip(made[:4], [(HALL, MORNING), (ROOM_1, MORNING), (HALL, NOON),
                                      (ROOM_1, NOON)], strict=True):
        service.place(event, topic.id, *cell)
    service.set_locked(event, made[0].id, True)
    service.set_locked(event, made[2].id, True)

    preview = arranging.preview(event, stage.id, "unlocked")
    arranging.apply(event, stage.id, preview["moves"], preview["board_key"])

    assert {m["topic_id"] for m in preview["moves"]}.isdisjoint({made[0].id, made[2].id})
    board_now = cells(stage)
    assert (board_now[made[0].id], board_now[made[2].id]) == ((HALL, MORNING), (HALL, NOON))
    assert board_breaks(stage) == []


def test_the_arranger_leaves_sessions_that_have_started_as_they_are(
        event, stage, make_participant, make_topic, clock):
    made = crowd(event, stage, make_participant, make_topic, 7, topics=10, people=25)
    service.place(event, made[0].id, HALL, MORNING)
    clock.at(11, 55)          # the first slot is over, the second (11:50-12:35) running

    preview = arranging.preview(event, stage.id, "unlocked")

    assert preview["moves"]
    assert all(m["topic_id"] != made[0].id for m in preview["moves"])
    assert all(m["to"] is None or m["to"][1] == AFTERNOON for m in preview["moves"])
    assert preview["words"].endswith("Sessions that have started stay as they are: "
                                     "11:00–11:45, 11:50–12:35.")
    arranging.apply(event, stage.id, preview["moves"], preview["board_key"])
    assert cells(stage)[made[0].id] == (HALL, MORNING)


def test_a_proposal_made_before_a_slot_started_is_refused_after(
        event, stage, make_participant, make_topic, clock):
    crowd(event, stage, make_participant, make_topic, 8, topics=8, people=20)
    preview = arranging.preview(event, stage.id)
    assert any(m["to"][1] == MORNING for m in preview["moves"])
    clock.at(11, 5)

    with pytest.raises(NotAllowed):
        arranging.apply(event, stage.id, preview["moves"], preview["board_key"])
    assert set(cells(stage).values()) == {None}


def test_a_proposal_for_a_board_that_changed_is_refused_and_changes_nothing(
        event, stage, make_participant, make_topic):
    made = crowd(event, stage, make_participant, make_topic, 5, topics=8, people=20)
    preview = arranging.preview(event, stage.id)
    assert preview["moves"]
    service.place(event, made[-1].id, GARDEN, AFTERNOON)
    before = cells(stage)

    with pytest.raises(NotAllowed) as error:
        arranging.apply(event, stage.id, preview["moves"], preview["board_key"])

    assert error.value.message == ("The board has changed since this proposal. Please press "
                                   "Arrange for me again.")
    assert cells(stage) == before


def test_a_proposal_is_applied_whole_or_not_at_all(event, stage, make_participant, make_topic):
    made = crowd(event, stage, make_participant, make_topic, 6, topics=8, people=20)
    key = arranging.board_key(stage)
    good = {"topic_id": made[0].id, "to": [HALL, MORNING]}
    bad_cases = [
        [good, {"topic_id": made[1].id, "to": [HALL, MORNING]}],      # two in one cell
        [good, {"topic_id": 999_999, "to": [ROOM_1, MORNING]}],       # not a topic here
        [good, {"topic_id": made[1].id, "to": [99, MORNING]}],        # no such space
        [good, {"topic_id": made[1].id, "to": "Hall"}],
        [good, "not a move"],
    ]

    for moves in bad_cases:
        with pytest.raises(UserError):
            arranging.apply(event, stage.id, moves, key)
        assert set(cells(stage).values()) == {None}

    assert arranging.apply(event, stage.id, [good], key) == 1


def test_a_proposal_moving_a_topic_locked_since_is_refused(event, stage, make_topic):
    topic = make_topic(event, None, "Transport")
    key = arranging.board_key(stage)
    service.set_locked(event, topic.id, True)

    with pytest.raises(NotAllowed):
        arranging.apply(event, stage.id, [{"topic_id": topic.id, "to": [HALL, MORNING]}],
                        arranging.board_key(stage))
    with pytest.raises(NotAllowed):
        arranging.apply(event, stage.id, [{"topic_id": topic.id, "to": [HALL, MORNING]}], key)
    assert cells(stage)[topic.id] is None


def test_what_one_move_by_hand_would_do_is_said_in_plain_words(event, stage, make_participant,
                                                               make_topic):
    ann = make_participant(event)
    first, second = make_topic(event, None, "First"), make_topic(event, None, "Second")
    for topic in (first, second):
        service.mark_interest(event, ann, topic.id, True)
    service.place(event, first.id, HALL, MORNING)
    service.place(event, second.id, ROOM_1, NOON)

    effect = arranging.move_effect(event, stage.id, second.id, ROOM_1, MORNING)

    assert effect == {"missed": 1, "overflow": 0,
                      "words": "1 more person would miss one of their topics."}
    back = arranging.move_effect(event, stage.id, first.id, None, None)
    assert back["words"] == "1 more person would miss one of their topics."
