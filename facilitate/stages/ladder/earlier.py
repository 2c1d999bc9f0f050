"""Again, later: a ladder compared with the same subject placed on the ladder at an earlier
event ("in March the room put us at consultation; today at engagement").

The facilitator chooses the earlier ladder from the events they run; the stage's state keeps
its stage id. Its results are read when shown, so they are the earlier event's as they stand.
"""

import logging

from facilitate.domain.errors import NotFound
from facilitate.extensions import db
from facilitate.services import events
from facilitate.stages.ladder import rungs
from facilitate.stages.poll import rules, service
from facilitate.store.models import Event, Stage

log = logging.getLogger(__name__)
KEY = "earlier_stage_id"


def choices_for(user, stage: Stage) -> list[tuple[int, str]]:
    """Every other ladder stage of the events this facilitator runs, newest event first, as
    (stage id, "event title, date: stage title")."""
    found = []
    for event in sorted(events.events_for(user), key=lambda e: (e.date is None, e.date,
                                                               e.created_at), reverse=True):
        for other in event.stages:
            if other.kind == "ladder" and other.id != stage.id:
                when = f", {event.date.day} {event.date:%B %Y}" if event.date else ""
                found.append((other.id, f"{event.title}{when}: {other.title}"))
    return found


def set_earlier(event: Event, user, stage_id: object, earlier_id: int | None) -> Stage:
    """Compare the ladder with an earlier one (None: with none). Only a ladder of an event the
    facilitator runs may be chosen; any other id is NotFound."""
    stage = service.stage_of(event, stage_id)
    if stage.kind != "ladder":
        raise NotFound("That is not a ladder of this event.", "stage_id")
    if earlier_id is not None and earlier_id not in dict(choices_for(user, stage)):
        raise NotFound("Choose a ladder from the list.", "earlier")
    state = dict(stage.state or {})
    if earlier_id is None:
        state.pop(KEY, None)
    else:
        state[KEY] = earlier_id
    stage.state = state
    service.announce_poll(event, stage)
    log.info("ladder %s of event %s compared with stage %s", stage.id, event.code, earlier_id)
    return stage


def earlier_stage(stage: Stage) -> Stage | None:
    """The ladder this one is compared with, if it still exists."""
    earlier_id = (stage.state or {}).get(KEY)
    other = db.session.get(Stage, earlier_id) if isinstance(earlier_id, int) else None
    return other if other is not None and other.kind == "ladder" else None


def results(stage: Stage) -> dict | None:
    """The earlier ladder's results: its event, the counts now and wanted (phones and paper
    together), the medians and the gap."""
    other = earlier_stage(stage)
    if other is None:
        return None
    earlier_event = db.session.get(Event, other.event_id)
    answers = service.answers(other)
    shown: dict = {"event_title": earlier_event.title if earlier_event else "",
                   "date": earlier_event.date.isoformat() if earlier_event and
                   earlier_event.date else None,
                   "stage_title": other.title,
                   "subject": (other.config or {}).get("question", "")}
    medians = {}
    for question in service.questions_of(other):
        state = service.state_of(other, question)
        counts = rules.combined(rules.tally(question, answers), state.paper)
        total = {value: counts.get(value, 0) for value in question.values}
        shown[f"counts_{question.part}"] = [total[v] for v in question.values]
        shown[f"answered_{question.part}"] = rules.respondents(question, answers) + \
            sum(state.paper.values())
        medians[question.part] = rules.median(total)
    shown.update(now=medians["now"], want=medians["want"],
                 gap=rules.gap(medians["now"], medians["want"]),
                 now_name=rungs.rung_name(medians["now"]),
                 want_name=rungs.rung_name(medians["want"]))
    return shown
