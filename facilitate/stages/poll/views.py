"""What each audience sees of a poll (and of the ladder, which is built on it).

Phones: the question on show and, once revealed, its results; nothing personal. Screen: the
question on show, how many answered and, once revealed, the results (split by role group when
the facilitator asks). Console: every question with its full results. Hidden results are left
out of the phones' and screen's views, so no message or snapshot can carry them.
"""

from sqlalchemy import distinct, func, select

from facilitate.domain.people import role_group_labels
from facilitate.domain.stages import SummaryRow
from facilitate.extensions import db
from facilitate.stages.poll import rules, service
from facilitate.store.models import PollAnswer, Stage

PAPER_LABEL = "On paper or by a show of hands"


def groups() -> list[dict]:
    """The role groups results are split by, in order."""
    return [{"key": key, "label": label} for key, label in role_group_labels().items()]


def results(question: rules.Question, state: rules.QuestionState,
            answers: list[rules.Answer], *, by_group: bool) -> dict:
    """A question's results: counts per choice, phone and paper apart; the median of an
    ordered question (over phone and paper together); by role group when asked."""
    phone = rules.tally(question, answers)
    paper = {value: state.paper.get(value, 0) for value in question.values}
    shown: dict = {
        "answered": rules.respondents(question, answers),
        "paper_total": sum(paper.values()),
        "counts": [{"value": value, "phone": phone[value], "paper": paper[value]}
                   for value in question.values],
    }
    if question.ordered:
        shown["median"] = rules.median(rules.combined(phone, paper))
    if by_group:
        split = rules.tally_by_group(question, answers, role_group_labels())
        shown["by_group"] = {group: [counts[v] for v in question.values]
                             for group, counts in split.items()}
    return shown


def question_view(stage, question: rules.Question, audience: str,
                  answers: list[rules.Answer]) -> dict:
    """One question as an audience sees it."""
    state = service.state_of(stage, question)
    view = {"id": question.id, "kind": question.kind, "text": question.text,
            "choices": [{"value": v, "label": label} for v, label in question.choices],
            "max": question.max_choices, "low": question.low_label,
            "high": question.high_label, "part": question.part,
            "status": state.status, "revealed": state.revealed}
    if audience == "console":
        view.update(results(question, state, answers, by_group=True))
    elif audience == "screen":
        view["answered"] = rules.respondents(question, answers)
        if state.revealed:
            view.update(results(question, state, answers, by_group=service.split(stage)))
    elif state.revealed:
        view.update(results(question, state, answers, by_group=False))
    return view


def _view(stage, audience: str) -> dict:
    questions = service.questions_of(stage)
    current = service.current_id(stage)
    answers = service.answers(stage)
    if audience == "console" or stage.kind == "ladder":
        shown = questions
    else:
        shown = [q for q in questions if q.id == current]
    view = {"questions": [question_view(stage, q, audience, answers) for q in shown],
            "current": current, "count": len(questions), "split": service.split(stage),
            "groups": groups(), "paper_label": PAPER_LABEL}
    if current is not None:
        view["number"] = [q.id for q in questions].index(current) + 1
    return view


def phones(event, stage) -> dict:
    return _view(stage, "phones")


def screen(event, stage) -> dict:
    return _view(stage, "screen")


def console(event, stage) -> dict:
    return _view(stage, "console")


def proceedings(event, stage) -> dict | None:
    """The book of proceedings' part: the questions whose results the room was shown, with
    their full results (phones, paper, role groups); hidden ones stay out of the book too."""
    answers = service.answers(stage)
    questions = service.questions_of(stage)
    shown = [question_view(stage, q, "console", answers) for q in questions
             if service.state_of(stage, q).revealed]
    if not shown:
        return None
    return {"kind": "poll", "id": stage.id, "title": stage.title, "questions": shown,
            "groups": groups(),
            "not_shown": len(questions) - len(shown)}


def mine(participant, stage) -> list[dict]:
    """This phone's current answers in the stage."""
    return [{"question_id": qid, "client_id": row.client_id, "choices": list(row.choices)}
            for qid, row in sorted(service.mine(participant, stage).items())]


def summary(event, include_hidden: bool) -> list[SummaryRow]:
    """The workbook's Summary lines: how many answered the event's polls and ladders."""
    def people(kind: str) -> int:
        return db.session.scalar(
            select(func.count(distinct(PollAnswer.participant_id)))
            .join(Stage, Stage.id == PollAnswer.stage_id)
            .where(PollAnswer.event_id == event.id, Stage.kind == kind)) or 0

    return [SummaryRow("People who answered a poll on their phone", people("poll")),
            SummaryRow("People who answered the ladder on their phone", people("ladder"))]
