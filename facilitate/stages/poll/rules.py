"""The poll's plain rules, with no Flask: its questions, what an answer may be, and the
results (counts by choice and by role group, phone and paper apart, medians and gaps).

A poll stage's questions live in its config, each with an id that stays when others are added
or removed (answers name a question by it). An old plan's ``question`` and ``options`` read as
one single-choice question with id 1. The ladder of co-production is a poll with two fixed
questions ("now" and "want") whose choices are the seven rungs (stages/ladder/rungs.py).

Live state lives in the stage's state: ``{"current": id, "split": bool, "questions":
{"<id>": {"status": "ready" | "open" | "closed", "revealed": bool, "paper": {"<value>": n}}}}``.
"""

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from facilitate.domain.errors import NotAllowed, NotFound, UserError
from facilitate.domain.text import tidy_text

QUESTION_LIMIT = 300
OPTION_LIMIT = 120
LABEL_LIMIT = 60
MAX_OPTIONS = 12
MAX_QUESTIONS = 20
MAX_PAPER = 100_000
KINDS = ("single", "multiple", "scale")
SCALES = {"1-5": (1, 5), "0-10": (0, 10)}
STATUSES = ("ready", "open", "closed")
NOT_SENT_PROPERLY = "The message was not sent properly. Please send it again."


@dataclass(frozen=True)
class Question:
    """One question: what it asks, how people answer it and the values they may choose.

    ``choices`` are (value, label) pairs: option numbers from 0 for single and multiple
    choice, the numbers themselves for a scale, rungs 1 to 7 for the ladder.
    """

    id: int
    kind: str                                   # single, multiple, scale, ladder
    text: str
    choices: tuple[tuple[int, str], ...]
    max_choices: int = 1
    low_label: str = ""                         # a scale's ends
    high_label: str = ""
    part: str = ""                              # the ladder's "now" or "want"

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(value for value, _label in self.choices)

    @property
    def scale(self) -> str:
        """"1-5" or "0-10" for a scale, else ""."""
        if self.kind != "scale":
            return ""
        return f"{self.values[0]}-{self.values[-1]}"

    @property
    def ordered(self) -> bool:
        """Whether its values are in order, so a median means something (scale, ladder)."""
        return self.kind in ("scale", "ladder")

    def label_of(self, value: int) -> str:
        return dict(self.choices).get(value, str(value))

    def as_config(self) -> dict:
        """As the stage's config keeps it (the ladder's are not kept: they are fixed)."""
        entry: dict = {"id": self.id, "kind": self.kind, "text": self.text}
        if self.kind == "scale":
            entry.update(scale=self.scale, low=self.low_label, high=self.high_label)
        else:
            entry["options"] = [label for _value, label in self.choices]
        if self.kind == "multiple":
            entry["max"] = self.max_choices
        return entry


# -- reading questions (a plan, a stored config, the console's form) ----------------------

def question_from(entry: dict, question_id: int) -> Question:
    """One question from a table of text, kind, options (and max), or scale and end labels."""
    text = _text(entry.get("text"), QUESTION_LIMIT, "The question")
    if not text:
        raise UserError("Write the question.", "text")
    kind = entry.get("kind", "single")
    if kind not in KINDS:
        raise UserError("The kind must be single, multiple or scale.", "kind")
    if kind == "scale":
        scale = entry.get("scale", "1-5")
        if scale not in SCALES:
            raise UserError('The scale must be "1-5" or "0-10".', "scale")
        low, high = SCALES[scale]
        return Question(question_id, kind, text,
                        tuple((n, str(n)) for n in range(low, high + 1)),
                        low_label=_text(entry.get("low", ""), LABEL_LIMIT, "The low end's label"),
                        high_label=_text(entry.get("high", ""), LABEL_LIMIT,
                                         "The high end's label"))
    options = entry.get("options")
    if isinstance(options, str):
        options = options.splitlines()
    if not isinstance(options, list):
        raise UserError("Give the options as a list.", "options")
    labels = [_text(o, OPTION_LIMIT, f"Option {n}") for n, o in enumerate(options, 1)]
    labels = [label for label in labels if label]
    if len(labels) < 2:
        raise UserError("Give at least two options.", "options")
    if len(labels) > MAX_OPTIONS:
        raise UserError(f"There can be at most {MAX_OPTIONS} options.", "options")
    if len({label.casefold() for label in labels}) != len(labels):
        raise UserError("Two options are the same.", "options")
    most = 1
    if kind == "multiple":
        most = entry.get("max", len(labels))
        if isinstance(most, str) and most.strip().isdigit():
            most = int(most)
        if not isinstance(most, int) or isinstance(most, bool) or not 1 <= most <= len(labels):
            raise UserError(f"The most people may choose must be 1 to {len(labels)}.", "max")
    return Question(question_id, kind, text, tuple(enumerate(labels)), max_choices=most)


def _text(value: object, limit: int, label: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise UserError(f"{label} must be text.")
    text = tidy_text(value)
    if len(text) > limit:
        raise UserError(f"{label} is too long. The most is {limit} characters.")
    return text


def read_questions(raw: object) -> tuple[list[Question], list[str]]:
    """Questions from a plan or a stored config. Returns them and the problems found."""
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        return [], ['Write each question as a [[stages.questions]] table with text, kind '
                    '("single", "multiple" or "scale") and options.']
    questions, problems = [], []
    for position, entry in enumerate(raw[:MAX_QUESTIONS], start=1):
        given = entry.get("id", position)
        question_id = given if isinstance(given, int) and not isinstance(given, bool) \
            and 0 < given < 2**31 else position
        unknown = set(entry) - {"id", "text", "kind", "options", "max", "scale", "low", "high"}
        if unknown:
            problems.append(f"Question {position}: unknown keys {', '.join(sorted(unknown))}.")
        try:
            questions.append(question_from(entry, question_id))
        except UserError as error:
            problems.append(f"Question {position}: {error.message}")
    if len(raw) > MAX_QUESTIONS:
        problems.append(f"A poll can have at most {MAX_QUESTIONS} questions.")
    if len({q.id for q in questions}) != len(questions):
        problems.append("Two questions have the same id.")
    return questions, problems


def read_plan_questions(raw: object) -> tuple[list[dict], list[str]]:
    """The plan setting ``questions``: kept in the config as tables with ids."""
    questions, problems = read_questions(raw)
    return [q.as_config() for q in questions], problems


def poll_questions(config: dict) -> list[Question]:
    """A poll stage's questions, in order: its ``questions``, else its one old-style question."""
    if "questions" in config:
        questions, _ = read_questions(config.get("questions"))
        return questions
    if config.get("question") and config.get("options"):
        try:
            return [question_from({"text": config["question"], "kind": "single",
                                   "options": config["options"]}, 1)]
        except UserError:
            return []
    return []


def next_question_id(questions: Iterable[Question], state: dict) -> int:
    """An id no question of the stage had before (answers to a removed one keep theirs)."""
    used = max((q.id for q in questions), default=0)
    return max(used, int((state or {}).get("last_id", 0))) + 1


# -- the live state -----------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionState:
    """Where one question is: ready (not asked yet), open, closed; results shown or not; and
    the counts typed in from paper or a show of hands."""

    status: str
    revealed: bool
    paper: dict[int, int]


def state_of(state: dict, question: Question, *, current: bool) -> QuestionState:
    """A question's state; one never touched is open if it is on show (the first of a poll,
    the ladder's), else ready."""
    raw = ((state or {}).get("questions") or {}).get(str(question.id)) or {}
    status = raw.get("status")
    if status not in STATUSES:
        status = "open" if current else "ready"
    paper = {int(k): int(v) for k, v in (raw.get("paper") or {}).items()
             if str(k).lstrip("-").isdigit() and isinstance(v, int) and v > 0}
    return QuestionState(status, raw.get("revealed") is True, paper)


def with_question_state(state: dict, question_id: int, **changes) -> dict:
    """A new state dict with one question's entry changed (a new dict, so it is saved)."""
    state = dict(state or {})
    questions = dict(state.get("questions") or {})
    entry = dict(questions.get(str(question_id)) or {})
    entry.update(changes)
    questions[str(question_id)] = entry
    state["questions"] = questions
    return state


def check_may_answer(question_state: QuestionState) -> None:
    """Answers only while the question is open."""
    if question_state.status == "ready":
        raise NotAllowed("This question has not been asked yet.", "question_id")
    if question_state.status == "closed":
        raise NotAllowed("This question has closed: answers can no longer be changed.",
                         "question_id")


def check_answer(question: Question, choices: object) -> tuple[int, ...]:
    """The values chosen, checked against the question; UserError in plain words."""
    if not isinstance(choices, list) or not all(
            isinstance(c, int) and not isinstance(c, bool) for c in choices):
        raise UserError(NOT_SENT_PROPERLY, "choices")
    if not choices:
        raise UserError("Please choose an answer first.", "choices")
    if len(set(choices)) != len(choices):
        raise UserError("Choose each answer once.", "choices")
    if any(c not in question.values for c in choices):
        raise NotFound("That answer is not one of the choices.", "choices")
    if len(choices) > question.max_choices:
        if question.max_choices == 1:
            raise UserError("Choose one answer.", "choices")
        raise UserError(f"Choose at most {question.max_choices} answers.", "choices")
    return tuple(sorted(choices))


def read_paper_counts(question: Question, counts: object) -> dict[int, int]:
    """Counts typed in from paper or a show of hands: {value: n}, whole numbers from 0."""
    if not isinstance(counts, dict):
        raise UserError(NOT_SENT_PROPERLY, "counts")
    paper = {}
    for key, number in counts.items():
        value = int(key) if isinstance(key, str) and key.lstrip("-").isdigit() else key
        if value not in question.values:
            raise NotFound("That answer is not one of the choices.", "counts")
        if not isinstance(number, int) or isinstance(number, bool) or \
                not 0 <= number <= MAX_PAPER:
            raise UserError(f"Counts must be whole numbers from 0 to {MAX_PAPER}.", "counts")
        if number:
            paper[value] = number
    return paper


# -- results ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """One person's current answer to a question, with their role group."""

    question_id: int
    participant_id: int
    choices: tuple[int, ...]
    group: str


def current_answers(sends: Iterable[tuple[int, int, int, tuple[int, ...], str]]
                    ) -> list[Answer]:
    """The last answer of each person to each question, from their sends in the order they
    came: (order, question_id, participant_id, choices, group). Changing replaces."""
    latest: dict[tuple[int, int], Answer] = {}
    for _order, question_id, participant_id, choices, group in sorted(sends):
        latest[question_id, participant_id] = Answer(question_id, participant_id,
                                                     tuple(choices), group)
    return list(latest.values())


def tally(question: Question, answers: Iterable[Answer]) -> dict[int, int]:
    """How many chose each value (every value, in order, 0 when nobody did)."""
    counted = Counter(c for a in answers if a.question_id == question.id for c in a.choices)
    return {value: counted.get(value, 0) for value in question.values}


def tally_by_group(question: Question, answers: Iterable[Answer],
                   groups: Iterable[str]) -> dict[str, dict[int, int]]:
    """The tally of each role group (every group named, in order)."""
    answers = [a for a in answers if a.question_id == question.id]
    return {group: tally(question, [a for a in answers if a.group == group]) for group in groups}


def respondents(question: Question, answers: Iterable[Answer]) -> int:
    """How many people answered (on phones)."""
    return sum(1 for a in answers if a.question_id == question.id)


def median(counts: dict[int, int]) -> float | None:
    """The median value of a tally (the middle of two when the number is even), or None."""
    values = [value for value, n in sorted(counts.items()) for _ in range(n)]
    return statistics.median(values) if values else None


def gap(now: float | None, want: float | None) -> float | None:
    """How many rungs (or points) apart two medians are: positive when want is higher."""
    if now is None or want is None:
        return None
    return want - now


def combined(*tallies: dict[int, int]) -> dict[int, int]:
    """Tallies added together (phones and paper)."""
    total: Counter[int] = Counter()
    for counts in tallies:
        total.update(counts)
    keys = sorted({k for counts in tallies for k in counts})
    return {k: total.get(k, 0) for k in keys}
