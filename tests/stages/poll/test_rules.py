"""The poll's plain rules: questions from plans, what an answer may be, one answer a person,
results by role group, paper apart, medians and the ladder's gap."""

import pytest

from facilitate.domain.errors import NotAllowed, NotFound, UserError
from facilitate.stages.poll import rules

SINGLE = rules.question_from({"text": "Which day?", "options": ["Monday", "Tuesday", "Friday"]}, 1)
MULTIPLE = rules.question_from({"text": "What helps?", "kind": "multiple",
                                "options": ["Travel", "Easy read", "Pay", "Time"], "max": 2}, 2)
SCALE = rules.question_from({"text": "Heard?", "kind": "scale", "scale": "0-10",
                             "low": "Not at all", "high": "Completely"}, 3)


def test_an_old_plan_question_and_options_are_one_single_choice_question():
    (question,) = rules.poll_questions({"question": "Which day?", "options": ["Mon", "Tue"]})
    assert (question.id, question.kind, question.text, question.choices) == (
        1, "single", "Which day?", ((0, "Mon"), (1, "Tue")))


def test_plan_questions_keep_their_kinds_and_limits():
    questions, problems = rules.read_questions([
        {"text": "Which day?", "options": ["Mon", "Tue"]},
        {"text": "What helps?", "kind": "multiple", "options": ["a", "b", "c"], "max": 2},
        {"text": "Heard?", "kind": "scale", "scale": "1-5", "low": "No", "high": "Yes"}])
    assert problems == []
    assert [(q.id, q.kind, q.max_choices) for q in questions] == [
        (1, "single", 1), (2, "multiple", 2), (3, "scale", 1)]
    assert questions[2].values == (1, 2, 3, 4, 5)
    assert (questions[2].low_label, questions[2].high_label) == ("No", "Yes")


@pytest.mark.parametrize(("entry", "problem"), [
    ({"text": "", "options": ["a", "b"]}, "Write the question."),
    ({"text": "Q", "options": ["a"]}, "Give at least two options."),
    ({"text": "Q", "options": ["a", "A"]}, "Two options are the same."),
    ({"text": "Q", "kind": "ranked", "options": ["a", "b"]},
     "The kind must be single, multiple or scale."),
    ({"text": "Q", "kind": "multiple", "options": ["a", "b"], "max": 3},
     "The most people may choose must be 1 to 2."),
    ({"text": "Q", "kind": "scale", "scale": "1-7"}, 'The scale must be "1-5" or "0-10".'),
    ({"text": "Q" * 301, "options": ["a", "b"]},
     "The question is too long. The most is 300 characters."),
])
def test_a_bad_question_is_refused_in_plain_words(entry, problem):
    with pytest.raises(UserError) as error:
        rules.question_from(entry, 1)
    assert error.value.message == problem


def test_a_plan_with_bad_questions_lists_each_problem():
    _questions, problems = rules.read_questions([{"text": "Q", "options": ["a"]},
                                                 {"text": "R", "colour": "red",
                                                  "options": ["a", "b"]}])
    assert problems == ["Question 1: Give at least two options.",
                        "Question 2: unknown keys colour."]


def test_answers_are_checked_against_the_question():
    assert rules.check_answer(SINGLE, [2]) == (2,)
    assert rules.check_answer(MULTIPLE, [3, 0]) == (0, 3)
    assert rules.check_answer(SCALE, [0]) == (0,)
    with pytest.raises(NotFound, match="not one of the choices"):
        rules.check_answer(SINGLE, [3])
    with pytest.raises(UserError, match="Choose one answer."):
        rules.check_answer(SINGLE, [0, 1])
    with pytest.raises(UserError, match="Choose at most 2 answers."):
        rules.check_answer(MULTIPLE, [0, 1, 2])
    with pytest.raises(UserError, match="Please choose an answer first."):
        rules.check_answer(SINGLE, [])
    for wrong in ([True], ["1"], [1.0], 1, None, {"0": 1}):
        with pytest.raises(UserError, match="not sent properly"):
            rules.check_answer(SINGLE, wrong)


def test_only_an_open_question_takes_answers():
    rules.check_may_answer(rules.QuestionState("open", False, {}))
    with pytest.raises(NotAllowed, match="has closed"):
        rules.check_may_answer(rules.QuestionState("closed", True, {}))
    with pytest.raises(NotAllowed, match="not been asked yet"):
        rules.check_may_answer(rules.QuestionState("ready", False, {}))


def test_a_question_on_show_is_open_until_told_otherwise_and_others_wait():
    assert rules.state_of({}, SINGLE, current=True).status == "open"
    assert rules.state_of({}, MULTIPLE, current=False).status == "ready"
    state = rules.with_question_state({}, 1, status="closed", revealed=True, paper={"2": 5})
    assert rules.state_of(state, SINGLE, current=True) == rules.QuestionState(
        "closed", True, {2: 5})


def test_one_answer_a_person_a_question_and_changing_it_replaces_it():
    sends = [(1, 1, 10, (0,), "care"), (2, 1, 11, (1,), "services"),
             (3, 1, 10, (2,), "care"),   # person 10 changes their mind
             (4, 2, 10, (0, 1), "care")]
    answers = rules.current_answers(sends)
    assert rules.tally(SINGLE, answers) == {0: 0, 1: 1, 2: 1}
    assert rules.respondents(SINGLE, answers) == 2
    assert rules.tally(MULTIPLE, answers) == {0: 1, 1: 1, 2: 0, 3: 0}


def test_results_split_by_role_group():
    answers = rules.current_answers([(1, 1, 10, (0,), "care"), (2, 1, 11, (0,), "care"),
                                     (3, 1, 12, (1,), "services"), (4, 1, 13, (2,), "none")])
    split = rules.tally_by_group(SINGLE, answers, ["care", "community", "services", "none"])
    assert split == {"care": {0: 2, 1: 0, 2: 0}, "community": {0: 0, 1: 0, 2: 0},
                     "services": {0: 0, 1: 1, 2: 0}, "none": {0: 0, 1: 0, 2: 1}}


def test_paper_counts_are_kept_apart_and_checked():
    assert rules.read_paper_counts(SINGLE, {"0": 4, "2": 0, 1: 3}) == {0: 4, 1: 3}
    with pytest.raises(NotFound):
        rules.read_paper_counts(SINGLE, {"7": 1})
    with pytest.raises(UserError, match="whole numbers"):
        rules.read_paper_counts(SINGLE, {"0": -1})
    with pytest.raises(UserError, match="whole numbers"):
        rules.read_paper_counts(SINGLE, {"0": True})
    phone = rules.tally(SCALE, rules.current_answers([(1, 3, 10, (2,), "care")]))
    assert rules.combined(phone, {5: 2})[5] == 2 and phone[5] == 0


def test_medians_and_the_gap_between_now_and_want():
    assert rules.median({1: 0, 2: 3, 3: 1, 4: 1}) == 2
    assert rules.median({3: 1, 4: 1}) == 3.5
    assert rules.median({1: 0, 2: 0}) is None
    assert rules.gap(3, 6) == 3
    assert rules.gap(3.5, 5) == 1.5
    assert rules.gap(None, 5) is None


def test_a_new_question_never_reuses_the_id_of_a_removed_one():
    assert rules.next_question_id([SINGLE, MULTIPLE], {"last_id": 5}) == 6
    assert rules.next_question_id([SINGLE, MULTIPLE], {}) == 3
