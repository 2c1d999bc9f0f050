"""Poll and ladder answers through the service: stored once, changed, refused plainly."""

import pytest
from sqlalchemy import func, select

from facilitate.domain.errors import NotAllowed, NotFound, SendingPaused, UserError
from facilitate.extensions import db
from facilitate.services import live, privacy
from facilitate.stages.ladder import views as ladder_views
from facilitate.stages.poll import service, views
from facilitate.store.models import PollAnswer
from tests.stages.poll.conftest import HOW_HEARD, LISTENED, NOW, WANT, WHAT_HELPS, stage_of


def answer(event, person, n, kind, question_id, choices):
    return service.answer(event, person, f"answer-id-{n:04d}", stage_of(event, kind).id,
                          question_id, choices)


def console_question(event, kind, question_id):
    view = views.console(event, stage_of(event, kind))
    return next(q for q in view["questions"] if q["id"] == question_id)


def phone_counts(question):
    return [c["phone"] for c in question["counts"]]


def test_an_answer_is_stored_once_and_a_change_replaces_it(event, make_participant):
    ann = make_participant(event, "Ann")
    first, created = answer(event, ann, 1, "poll", HOW_HEARD, [0])
    again, created_again = answer(event, ann, 1, "poll", HOW_HEARD, [0])
    answer(event, ann, 2, "poll", HOW_HEARD, [2])

    assert created and not created_again and again.id == first.id
    assert phone_counts(console_question(event, "poll", HOW_HEARD)) == [0, 0, 1, 0]
    assert console_question(event, "poll", HOW_HEARD)["answered"] == 1
    assert views.mine(ann, stage_of(event, "poll")) == [
        {"question_id": HOW_HEARD, "client_id": "answer-id-0002", "choices": [2]}]


def test_an_id_someone_else_sent_is_refused(event, make_participant):
    ann, bo = make_participant(event, "Ann"), make_participant(event, "Bo")
    answer(event, ann, 1, "poll", HOW_HEARD, [0])
    with pytest.raises(UserError, match="not sent properly"):
        answer(event, bo, 1, "poll", HOW_HEARD, [1])


def test_only_the_question_on_show_is_open_and_a_closed_one_refuses(event, make_participant):
    ann = make_participant(event, "Ann")
    poll = stage_of(event, "poll")
    with pytest.raises(NotAllowed, match="not been asked yet"):
        answer(event, ann, 1, "poll", WHAT_HELPS, [0])

    service.control(event, poll.id, WHAT_HELPS, "ask")
    answer(event, ann, 2, "poll", WHAT_HELPS, [0, 3])
    answer(event, ann, 3, "poll", HOW_HEARD, [1])   # the first is still open
    service.control(event, poll.id, HOW_HEARD, "close")

    with pytest.raises(NotAllowed, match="has closed"):
        answer(event, ann, 4, "poll", HOW_HEARD, [2])
    assert phone_counts(console_question(event, "poll", HOW_HEARD)) == [0, 1, 0, 0]
    assert service.current_id(poll) == WHAT_HELPS


@pytest.mark.parametrize(("question_id", "choices", "error"), [
    (HOW_HEARD, [9], NotFound), (HOW_HEARD, [0, 1], UserError), (99, [0], NotFound),
    (HOW_HEARD, "0", UserError), (True, [0], UserError)])
def test_bad_answers_are_refused_and_change_nothing(event, make_participant, question_id,
                                                    choices, error):
    ann = make_participant(event, "Ann")
    with pytest.raises(error):
        answer(event, ann, 1, "poll", question_id, choices)
    assert db.session.scalar(select(func.count(PollAnswer.id))) == 0


def test_over_the_maximum_is_refused(event, make_participant):
    ann = make_participant(event, "Ann")
    service.control(event, stage_of(event, "poll").id, WHAT_HELPS, "ask")
    with pytest.raises(UserError, match="at most 2"):
        answer(event, ann, 1, "poll", WHAT_HELPS, [0, 1, 2])


def test_paused_sending_keeps_the_answer_for_later(event, make_participant):
    ann = make_participant(event, "Ann")
    live.set_locked(event, True)
    with pytest.raises(SendingPaused):
        answer(event, ann, 1, "poll", HOW_HEARD, [0])


def test_a_stage_of_another_kind_or_event_is_not_found(event, make_event, make_participant):
    ann = make_participant(event, "Ann")
    other = make_event(status="live")
    with pytest.raises(NotFound):
        service.answer(event, ann, "answer-id-0001", stage_of(other, "poll").id, HOW_HEARD, [0])
    with pytest.raises(NotFound):
        service.answer(event, ann, "answer-id-0001", stage_of(event, "reflection").id, 1, [0])


def test_paper_counts_are_kept_apart_from_phones(event, make_participant):
    ann = make_participant(event, "Ann")
    poll = stage_of(event, "poll")
    answer(event, ann, 1, "poll", HOW_HEARD, [0])
    service.set_paper(event, poll.id, HOW_HEARD, {"0": 3, "3": 2})

    question = console_question(event, "poll", HOW_HEARD)
    assert [(c["phone"], c["paper"]) for c in question["counts"]] == [(1, 3), (0, 0), (0, 0),
                                                                     (0, 2)]
    assert (question["answered"], question["paper_total"]) == (1, 5)
    assert question["status"] == "open"    # typing counts leaves the question as it was


def test_the_ladder_gives_medians_and_the_gap_split_by_role_group(event, make_participant):
    ladder = stage_of(event, "ladder")
    people = [make_participant(event, "Ann", roles=["Person who draws on care and support"]),
              make_participant(event, "Bo", roles=["Unpaid carer"]),
              make_participant(event, "Cy", roles=["NHS"]),
              make_participant(event, "Di", roles=[])]
    for n, (person, now, want) in enumerate(zip(people, (2, 3, 5, 4), (7, 7, 6, 6),
                                                strict=True)):
        answer(event, person, 2 * n + 1, "ladder", NOW, [now])
        answer(event, person, 2 * n + 2, "ladder", WANT, [want])

    view = ladder_views.console(event, ladder)
    now, want = view["questions"]
    assert (now["median"], want["median"], view["gap"]) == (3.5, 6.5, 3.0)
    assert view["median_names"] == {"now": "between Informing and Consultation",
                                    "want": "between Co-design and Co-production"}
    assert now["by_group"]["care"] == [0, 1, 1, 0, 0, 0, 0]
    assert now["by_group"]["services"] == [0, 0, 0, 0, 1, 0, 0]
    assert now["by_group"]["none"] == [0, 0, 0, 1, 0, 0, 0]
    care = next(g for g in view["group_medians"] if g["key"] == "care")
    assert (care["answered"], care["now"], care["want"], care["gap"]) == (2, 2.5, 7, 4.5)
    assert (care["now_name"], care["want_name"]) == ("between Educating and Informing",
                                                      "Co-production")
    community = next(g for g in view["group_medians"] if g["key"] == "community")
    assert (community["answered"], community["now"], community["gap"]) == (0, None, None)


def test_answers_are_part_of_one_persons_data_and_go_with_them(event, make_participant):
    ann = make_participant(event, "Ann")
    answer(event, ann, 1, "poll", HOW_HEARD, [0])
    held = privacy.subject_access(ann)
    assert [(r["question_id"], r["choices"]) for r in held["poll_answers"]] == [(HOW_HEARD, [0])]

    privacy.delete_person(ann)
    assert db.session.scalar(select(func.count(PollAnswer.id))) == 0


def test_questions_are_added_edited_and_removed_in_the_console(event, make_participant):
    poll = stage_of(event, "poll")
    added = service.save_question(event, poll.id, {"text": "Lunch?", "kind": "single",
                                                    "options": ["Yes", "No"]})
    assert added.id == LISTENED + 1
    service.save_question(event, poll.id, {"text": "Lunch today?", "kind": "single",
                                           "options": ["Yes", "No", "Maybe"]}, added.id)
    service.remove_question(event, poll.id, HOW_HEARD)
    texts = [q.text for q in service.questions_of(poll)]
    assert texts == ["Which two things would help you take part more?",
                     "How much did you feel listened to today?", "Lunch today?"]
    again = service.save_question(event, poll.id, {"text": "Tea?", "options": ["Yes", "No"]})
    assert again.id == LISTENED + 2


def test_options_cannot_be_taken_away_once_answered(event, make_participant):
    ann = make_participant(event, "Ann")
    poll = stage_of(event, "poll")
    answer(event, ann, 1, "poll", HOW_HEARD, [3])
    with pytest.raises(UserError, match="cannot be taken away"):
        service.save_question(event, poll.id, {"text": "How?", "options": ["A", "B"]},
                              HOW_HEARD)
    with pytest.raises(UserError, match="cannot be taken away"):
        service.save_question(event, poll.id, {"text": "How?", "kind": "scale"}, HOW_HEARD)
    changed = service.save_question(event, poll.id, {
        "text": "How did you hear about today's event?", "kind": "single",
        "options": ["From a friend", "From a group", "From the council", "Another way",
                    "Online"]}, HOW_HEARD)
    assert len(changed.choices) == 5    # words changed and an option added: answers stay


def test_a_ladder_is_compared_with_the_same_subject_at_an_earlier_event(event, make_event,
                                                                        make_participant):
    from facilitate.stages.ladder import earlier

    owner = event.facilitators[0].user
    march = make_event(owner=owner, status="live")
    before = stage_of(march, "ladder")
    for n, (now, want) in enumerate(((3, 6), (4, 6), (4, 7))):
        person = make_participant(march, f"P{n}")
        service.answer(march, person, f"march-id-{2 * n:04d}", before.id, NOW, [now])
        service.answer(march, person, f"march-id-{2 * n + 1:04d}", before.id, WANT, [want])
    ladder = stage_of(event, "ladder")
    assert before.id in dict(earlier.choices_for(owner, ladder))

    earlier.set_earlier(event, owner, ladder.id, before.id)

    found = ladder_views.console(event, ladder)["earlier"]
    assert (found["now"], found["want"], found["gap"]) == (4, 6, 2)
    assert (found["now_name"], found["want_name"]) == ("Consultation", "Co-design")
    assert found["counts_now"] == [0, 0, 1, 2, 0, 0, 0] and found["answered_now"] == 3
    # Not shown to the room before today's results are.
    assert "earlier" not in ladder_views.screen(event, ladder)
    service.control(event, ladder.id, None, "reveal")
    assert ladder_views.screen(event, ladder)["earlier"]["now_name"] == "Consultation"


def test_only_a_ladder_of_ones_own_events_can_be_compared(event, make_event, make_user):
    from facilitate.stages.ladder import earlier

    stranger = make_event(owner=make_user(), status="live")
    with pytest.raises(NotFound):
        earlier.set_earlier(event, event.facilitators[0].user, stage_of(event, "ladder").id,
                            stage_of(stranger, "ladder").id)
