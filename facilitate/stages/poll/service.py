"""Polls and the ladder: answers from phones (stored once, changeable until the question
closes), the facilitator's questions, steps, closing, revealing and paper counts.

The Socket.IO handlers, the phone's plain form and the console's pages all call these. A poll
stage's questions are in its config; the ladder's two are fixed (stages/ladder/rungs.py).
Every change is announced as ``poll_changed`` with each audience's whole view of the stage,
so hidden results never reach the phones or the screen: their views leave them out.
"""

import logging

from sqlalchemy import select

from facilitate.domain.errors import NotFound, UserError
from facilitate.domain.ids import client_id as check_client_id
from facilitate.domain.ids import record_id
from facilitate.domain.people import role_group
from facilitate.extensions import db
from facilitate.realtime.broadcast import announce
from facilitate.services import sending
from facilitate.stages.ladder import rungs
from facilitate.stages.poll import rules
from facilitate.store.models import Event, Participant, PollAnswer, Stage

log = logging.getLogger(__name__)

KINDS = ("poll", "ladder")
ACTIONS = ("ask", "open", "close", "reveal", "hide", "split", "unsplit")


# -- finding things -----------------------------------------------------------------------

def stage_of(event: Event, stage_id: object) -> Stage:
    """The event's poll or ladder stage with this id; NotFound for any other."""
    if not isinstance(stage_id, int) or isinstance(stage_id, bool):
        raise UserError(rules.NOT_SENT_PROPERLY, "stage_id")
    stage = next((s for s in event.stages if s.id == record_id(stage_id)), None) \
        if record_id(stage_id) else None
    if stage is None or stage.kind not in KINDS:
        raise NotFound("That poll is not part of this event.", "stage_id")
    return stage


def ladder_questions(config: dict) -> list[rules.Question]:
    """The ladder's two questions: where we are now, where we want to be; rungs 1 to 7."""
    choices = tuple((r.number, rungs.words(r.name)) for r in rungs.RUNGS)
    return [rules.Question(number, "ladder", rungs.words(rungs.QUESTION_TEXT[number]), choices,
                           part=rungs.PARTS[number]) for number in (rungs.NOW, rungs.WANT)]


def questions_of(stage: Stage) -> list[rules.Question]:
    """The stage's questions, in order."""
    config = stage.config or {}
    if stage.kind == "ladder":
        return ladder_questions(config)
    return rules.poll_questions(config)


def question_of(stage: Stage, question_id: object) -> rules.Question:
    """One of the stage's questions; NotFound for any other id."""
    if not isinstance(question_id, int) or isinstance(question_id, bool):
        raise UserError(rules.NOT_SENT_PROPERLY, "question_id")
    question = next((q for q in questions_of(stage) if q.id == question_id), None)
    if question is None:
        raise NotFound("That question is not part of this poll.", "question_id")
    return question


def current_id(stage: Stage) -> int | None:
    """The question on show in a poll (the first until the facilitator steps); None for the
    ladder, whose two questions are on show together."""
    if stage.kind == "ladder":
        return None
    ids = [q.id for q in questions_of(stage)]
    chosen = (stage.state or {}).get("current")
    return chosen if chosen in ids else (ids[0] if ids else None)


def on_show(stage: Stage, question: rules.Question) -> bool:
    return stage.kind == "ladder" or question.id == current_id(stage)


def state_of(stage: Stage, question: rules.Question) -> rules.QuestionState:
    return rules.state_of(stage.state, question, current=on_show(stage, question))


def split(stage: Stage) -> bool:
    """Whether the screen shows the results split by role group."""
    return (stage.state or {}).get("split") is True


def answers(stage: Stage) -> list[rules.Answer]:
    """Everybody's current answers in the stage (their latest send to each question)."""
    rows = db.session.execute(
        select(PollAnswer.id, PollAnswer.question_id, PollAnswer.participant_id,
               PollAnswer.choices, Participant.roles)
        .join(Participant, Participant.id == PollAnswer.participant_id)
        .where(PollAnswer.stage_id == stage.id))
    return rules.current_answers(
        (row.id, row.question_id, row.participant_id, tuple(row.choices or ()),
         role_group(row.roles)) for row in rows)


# -- telling everyone ---------------------------------------------------------------------

def announce_poll(event: Event, stage: Stage, *, phones: bool = True) -> None:
    """Commit, then send every audience its whole view of the stage (phones get it coalesced;
    only when their view may have changed)."""
    from facilitate.services.snapshots import view_of

    # Phones draw only the stage on show (a snapshot brings the others when they are shown).
    phones = phones and event.current_stage_id == stage.id
    audiences = ("screen", "console", "phones") if phones else ("screen", "console")
    announce(event, "poll_changed",
             lambda audience: {"stage_id": stage.id, "stage": view_of(event, stage, audience)},
             audiences)


# -- answering ----------------------------------------------------------------------------

def answer(event: Event, participant: Participant, client_id: object, stage_id: object,
           question_id: object, choices: object, address: str = "") -> tuple[PollAnswer, bool]:
    """Store a person's answer once whatever the retries; it replaces their earlier one.
    Returns (row, created)."""
    client_id = check_client_id(client_id)
    existing = sending.sent_before(PollAnswer, event, client_id)
    if existing is not None:
        if existing.participant_id != participant.id:
            raise UserError(rules.NOT_SENT_PROPERLY, "id")
        return existing, False
    sending.check_can_send(event)
    stage = stage_of(event, stage_id)
    question = question_of(stage, question_id)
    rules.check_may_answer(state_of(stage, question))
    chosen = rules.check_answer(question, choices)
    sending.limit_rate(participant, address)
    row = PollAnswer(event_id=event.id, stage_id=stage.id, question_id=question.id,
                     participant_id=participant.id, client_id=client_id, choices=list(chosen))
    row, created = sending.store_once(row, event)
    if created:
        # Phones see counts only once they are revealed.
        announce_poll(event, stage, phones=state_of(stage, question).revealed)
        log.info("answer %s to question %s of stage %s (event %s)", row.id, question.id,
                 stage.id, event.code)
    return row, created


def mine(participant: Participant, stage: Stage) -> dict[int, PollAnswer]:
    """This person's current answer to each question of the stage."""
    rows = db.session.scalars(select(PollAnswer).where(
        PollAnswer.participant_id == participant.id, PollAnswer.stage_id == stage.id)
        .order_by(PollAnswer.id))
    return {row.question_id: row for row in rows}


# -- the facilitator ----------------------------------------------------------------------

def control(event: Event, stage_id: object, question_id: object, action: object) -> Stage:
    """Ask (put on show and open), open, close, reveal or hide a question; split or unsplit
    the results by role group. For the ladder, question_id None acts on both questions."""
    if action not in ACTIONS:
        raise UserError("That is not something a poll can do.", "action")
    stage = stage_of(event, stage_id)
    state = _fixed(stage)
    if action in ("split", "unsplit"):
        state["split"] = action == "split"
    else:
        if question_id is None and stage.kind == "ladder":
            questions = questions_of(stage)
        else:
            questions = [question_of(stage, question_id)]
        for question in questions:
            status = state["questions"][str(question.id)]["status"]
            if action == "ask":
                state["current"] = question.id
                if status == "ready":
                    state = rules.with_question_state(state, question.id, status="open")
            elif action in ("open", "close"):
                state = rules.with_question_state(
                    state, question.id, status="open" if action == "open" else "closed")
            else:
                state = rules.with_question_state(state, question.id,
                                                  revealed=action == "reveal")
    stage.state = state
    announce_poll(event, stage)
    log.info("poll stage %s of event %s: %s %s", stage.id, event.code, action, question_id)
    return stage


def _fixed(stage: Stage) -> dict:
    """The stage's state with every question's status written down, so that stepping to
    another question leaves each one as it was (a never-touched one is open only on show)."""
    state = dict(stage.state or {})
    for question in questions_of(stage):
        state = rules.with_question_state(state, question.id,
                                          status=state_of(stage, question).status)
    if stage.kind == "poll" and current_id(stage) is not None:
        state["current"] = current_id(stage)
    return state


def set_paper(event: Event, stage_id: object, question_id: object, counts: object) -> Stage:
    """The counts typed in from paper slips or a show of hands (replacing earlier ones)."""
    stage = stage_of(event, stage_id)
    question = question_of(stage, question_id)
    paper = rules.read_paper_counts(question, counts)
    current = state_of(stage, question)
    stage.state = rules.with_question_state(_fixed(stage), question.id,
                                            paper={str(k): v for k, v in paper.items()})
    announce_poll(event, stage, phones=current.revealed)
    log.info("paper counts for question %s of stage %s (event %s)", question.id, stage.id,
             event.code)
    return stage


def save_question(event: Event, stage_id: object, entry: dict,
                  question_id: int | None = None) -> rules.Question:
    """Add a question to a poll (question_id None) or change one (its answers stay: change
    only what does not change their meaning, such as a typo)."""
    stage = stage_of(event, stage_id)
    if stage.kind != "poll":
        raise NotFound("The ladder's questions are fixed.", "stage_id")
    questions = questions_of(stage)
    if question_id is None:
        if len(questions) >= rules.MAX_QUESTIONS:
            raise UserError(f"A poll can have at most {rules.MAX_QUESTIONS} questions.")
        new_id = rules.next_question_id(questions, stage.state)
        question = rules.question_from(entry, new_id)
        questions.append(question)
        stage.state = {**(stage.state or {}), "last_id": new_id}
    else:
        old = question_of(stage, question_id)
        question = rules.question_from(entry, old.id)
        changes_meaning = question.kind != old.kind or question.scale != old.scale or \
            len(question.choices) < len(old.choices)
        if changes_meaning and _answered(stage, old.id):
            raise UserError("People have answered this question: its kind, scale and options "
                            "cannot be taken away now. Add a new question instead.", "options")
        questions = [question if q.id == old.id else q for q in questions]
    _keep(stage, questions)
    announce_poll(event, stage)
    log.info("question %s of poll stage %s saved (event %s)", question.id, stage.id, event.code)
    return question


def remove_question(event: Event, stage_id: object, question_id: object) -> None:
    """Take a question out of a poll (its answers stay in the database for the record)."""
    stage = stage_of(event, stage_id)
    question = question_of(stage, question_id)
    if stage.kind != "poll":
        raise NotFound("The ladder's questions are fixed.", "stage_id")
    questions = [q for q in questions_of(stage) if q.id != question.id]
    state = dict(stage.state or {})
    state["last_id"] = max(int(state.get("last_id", 0)), question.id)
    if state.get("current") == question.id:
        state.pop("current")
    stage.state = state
    _keep(stage, questions)
    announce_poll(event, stage)


def move_question(event: Event, stage_id: object, question_id: object, step: int) -> None:
    """Move a question up (-1) or down (1) in the poll's order."""
    stage = stage_of(event, stage_id)
    question = question_of(stage, question_id)
    questions = questions_of(stage)
    index = questions.index(question)
    other = index + step
    if stage.kind != "poll" or not 0 <= other < len(questions):
        return
    questions[index], questions[other] = questions[other], questions[index]
    _keep(stage, questions)
    announce_poll(event, stage)


def _keep(stage: Stage, questions: list[rules.Question]) -> None:
    config = {k: v for k, v in (stage.config or {}).items() if k not in ("question", "options")}
    config["questions"] = [q.as_config() for q in questions]
    stage.config = config


def _answered(stage: Stage, question_id: int) -> bool:
    return db.session.scalar(select(PollAnswer.id).where(
        PollAnswer.stage_id == stage.id, PollAnswer.question_id == question_id).limit(1)) \
        is not None
