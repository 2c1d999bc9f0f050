"""Who is in the room: joined people by role group (facilitate.domain.people's groups).

The console always shows it; the screen shows it as one bar when the facilitator switches it on
(Event.settings["show_room"]). Polls and the ladder split their results with `groups_of`.

Counting is one small query, grouped by the roles people chose: a room of 400 has a few dozen
different choices, so each join costs the same whatever the room's size. Counts go to the
screen and console only (inside `participant_joined`), never to the phones.
"""

import json
import logging

from sqlalchemy import String, cast, func, select

from facilitate.domain.errors import UserError
from facilitate.domain.people import role_group, role_group_labels
from facilitate.extensions import db
from facilitate.realtime.broadcast import announce
from facilitate.store.models import Event, Participant

log = logging.getLogger(__name__)

SHOW_ROOM = "show_room"


def _roles(text: str | None) -> list:
    try:
        roles = json.loads(text) if text else []
    except ValueError:
        return []
    return roles if isinstance(roles, list) else []


def counts(event: Event) -> dict[str, int]:
    """How many who joined on a phone are in each role group ("none": gave no role), every
    group named, in the order of role_group_labels()."""
    totals = dict.fromkeys(role_group_labels(), 0)
    rows = db.session.execute(
        select(cast(Participant.roles, String), func.count(Participant.id))
        .where(Participant.event_id == event.id, Participant.source == "phone")
        .group_by(cast(Participant.roles, String)))
    for roles, n in rows:
        totals[role_group(_roles(roles))] += n
    return totals


def groups_of(event: Event, participant_ids=None) -> dict[int, str]:
    """Each participant's role group (of these ids, or everybody in the event), to split a
    result by whose voice it carries."""
    query = select(Participant.id, Participant.roles).where(Participant.event_id == event.id)
    if participant_ids is not None:
        ids = list(participant_ids)
        if not ids:
            return {}
        query = query.where(Participant.id.in_(ids))
    return {person_id: role_group(roles if isinstance(roles, list) else [])
            for person_id, roles in db.session.execute(query)}


def shown(event: Event) -> bool:
    """Whether the screen shows who is in the room."""
    return bool((event.settings or {}).get(SHOW_ROOM))


def view(event: Event) -> dict:
    """The room for the console and the screen: `joined`, `shown` and each group's `count`
    with its `label`, in order (the phones never get it)."""
    labels = role_group_labels()
    numbers = counts(event)
    return {"joined": sum(numbers.values()), "shown": shown(event),
            "groups": [{"group": group, "label": labels[group], "count": numbers[group]}
                       for group in labels]}


def show_on_screen(event: Event, show: object) -> bool:
    """Show (or hide) who is in the room on the screen."""
    if not isinstance(show, bool):
        raise UserError("The message was not sent properly. Please send it again.", "shown")
    if shown(event) == show:
        return show
    event.settings = {**(event.settings or {}), SHOW_ROOM: show}
    announce(event, "room_changed", lambda audience: {"room": view(event)},
             ("screen", "console"))
    log.info("event %s: who is in the room %s on the screen", event.code,
             "shown" if show else "hidden")
    return show

