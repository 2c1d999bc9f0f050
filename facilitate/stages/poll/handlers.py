"""The poll's client events (the ladder's too): phones answer, consoles run the questions and
type in paper counts. Each calls the same service as the plain forms (docs/protocol.md)."""

from flask import request

from facilitate.domain.errors import UserError
from facilitate.domain.stages import client_event
from facilitate.services import participants
from facilitate.stages.poll import rules, service


@client_event("answer_poll", ("phones",), {"id", "stage_id", "question_id", "choices"})
def answer_poll(event, connection, data):
    """A phone answers a question with an id it made; its answer replaces an earlier one."""
    participant = participants.by_id(connection.participant_id)
    if participant is None:
        raise UserError("Please join the event first.")
    row, created = service.answer(event, participant, data.get("id"), data.get("stage_id"),
                                  data.get("question_id"), data.get("choices"),
                                  address=request.remote_addr or "")
    return {"ok": True, "id": row.client_id, "question_id": row.question_id,
            "choices": list(row.choices), "duplicate": not created}


@client_event("control_poll", ("console",), {"stage_id", "question_id", "action"})
def control_poll(event, connection, data):
    """Ask, open, close, reveal or hide a question; split the results by role group."""
    question_id = data.get("question_id")
    if question_id is not None and (not isinstance(question_id, int)
                                    or isinstance(question_id, bool)):
        raise UserError(rules.NOT_SENT_PROPERLY, "question_id")
    stage = service.control(event, data.get("stage_id"), question_id, data.get("action"))
    return {"ok": True, "stage_id": stage.id, "action": data.get("action")}


@client_event("count_paper", ("console",), {"stage_id", "question_id", "counts"})
def count_paper(event, connection, data):
    """Counts from paper slips or a show of hands, {"<value>": n}, replacing earlier ones."""
    service.set_paper(event, data.get("stage_id"), data.get("question_id"), data.get("counts"))
    return {"ok": True, "question_id": data.get("question_id")}


CLIENT_EVENTS = (answer_poll, control_poll, count_paper)
