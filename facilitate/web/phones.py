"""What every phone page shares: the event and participant of a request, and the live page.

The live page draws the stage on show with its kind's template (without JavaScript) and
carries each kind's phone forms once, for its script to copy (static/js/join.js).
"""

from flask import render_template, request
from markupsafe import Markup

from facilitate import registry
from facilitate.domain.codes import spoken_join_code
from facilitate.domain.errors import EventClosed
from facilitate.services import events, participants, snapshots
from facilitate.store.models import Event, Participant

HOLDING_TEMPLATE = "join/stages/_holding.html"


def open_event(code: str) -> Event:
    """The event people may join now; NotFound or EventClosed otherwise."""
    return participants.check_open(events.find_event_by_anyone(code, request.remote_addr or ""))


def joined(code: str) -> tuple[Event, Participant | None]:
    """The event (open or finished) and this phone's participant, if it joined."""
    try:
        event = open_event(code)
    except EventClosed:
        event = events.find_event(code)
    return event, participants.current_participant(event)


def live_page(event: Event, participant: Participant, **overrides):
    """The phone page: the stage on show, and the forms of every kind in the agenda.

    `overrides` replace parts of the stage's context, e.g. a form sent back with its errors.
    """
    stage = snapshots.current_stage(event)
    kind = registry.get(stage.kind) if stage is not None else None
    context = _phone_context(kind, event, stage, participant) if kind else {}
    context.update(overrides)
    return render_template(
        "join/live.html", event=event, stage=snapshots.view_of(event, stage, "phones"),
        stage_template=(kind.phone_template if kind and kind.built and kind.phone_template
                        else HOLDING_TEMPLATE),
        mine=registry.mine(participant, stage), forms=_forms(event, participant),
        spoken=spoken_join_code(event.code), **context)


def _phone_context(kind, event: Event, stage, participant: Participant) -> dict:
    return kind.phone_context(event, stage, participant) if kind.phone_context else {}


def _forms(event: Event, participant: Participant) -> list[tuple[str, Markup]]:
    """(kind, its forms drawn blank) of each kind in the agenda that has phone forms."""
    return [(kind.name, Markup(render_template(
                kind.forms_template, event=event, stage=None, mine=[],
                **_phone_context(kind, event, None, participant))))
            for kind in registry.in_agenda(event) if kind.forms_template]
