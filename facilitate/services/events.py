"""Events: create (by form or plan), edit, list, permissions, co-facilitators and deletion."""

import datetime as dt
import logging

from flask import current_app
from sqlalchemy import delete, select

from facilitate import registry
from facilitate.domain.codes import new_join_code, new_token, normalise_join_code
from facilitate.domain.errors import NotFound, RateLimited, UserError
from facilitate.domain.plans import EventPlan, StagePlan, parse_plan
from facilitate.domain.stages import EVENT_STATUSES
from facilitate.domain.text import clean_text
from facilitate.extensions import db
from facilitate.ratelimits import rate_limits
from facilitate.realtime.broadcast import announce, drop
from facilitate.services import accounts
from facilitate.store.models import Event, EventFacilitator, Stage, User

log = logging.getLogger(__name__)


def _unused_code() -> str:
    for _ in range(50):
        code = new_join_code()
        if not db.session.scalar(select(Event.id).where(Event.code == code)):
            return code
    raise RuntimeError("Could not find a free join code")


def create_event(owner: User, plan: EventPlan) -> Event:
    """Create an event with its agenda from a checked plan, all in one transaction."""
    event = Event(code=_unused_code(), title=plan.title, date=plan.date, venue=plan.venue,
                  description=plan.description, moderation=plan.moderation,
                  themes=list(plan.themes), roles=list(plan.roles), settings={},
                  screen_token=new_token(), status="draft")
    event.stages = [Stage(position=i, kind=s.kind, title=s.title, config=dict(s.config),
                          state={}) for i, s in enumerate(plan.stages)]
    event.facilitators = [EventFacilitator(user=owner, is_owner=True)]
    db.session.add(event)
    db.session.commit()
    log.info("event %s created by user %s", event.code, owner.id)
    return event


def create_event_from_plan_text(owner: User, source: str | bytes) -> Event:
    """Create an event from TOML plan text; PlanError if the plan is wrong, nothing made."""
    return create_event(owner, parse_plan(source, registry.by_name()))


def event_details(title, date, venue, description, moderation="show") -> dict:
    """Check the fields of the event form."""
    if moderation not in ("show", "approve"):
        raise UserError("Choose whether posts show at once or wait for approval.", "moderation")
    if date is not None and not isinstance(date, dt.date):
        raise UserError("Write the date like 2026-12-03.", "date")
    return {
        "title": clean_text(title, limit=200, field="title", label="Title", required=True),
        "date": date,
        "venue": clean_text(venue, limit=200, field="venue", label="Venue"),
        "description": clean_text(description, limit=3000, field="description",
                                  label="Description", multiline=True),
        "moderation": moderation,
    }


def create_blank_event(owner: User, **details) -> Event:
    """Create an event from the console form, with a simple starting agenda."""
    fields = event_details(**details)
    plan = EventPlan(title=fields["title"], date=fields["date"], venue=fields["venue"],
                     description=fields["description"], moderation=fields["moderation"],
                     stages=[StagePlan(kind.name, kind.default_title, dict(kind.starter_config))
                             for kind in map(registry.get, registry.DEFAULT_AGENDA)])
    return create_event(owner, plan)


def update_event(event: Event, **details) -> Event:
    """Save the event form's changes."""
    for name, value in event_details(**details).items():
        setattr(event, name, value)
    db.session.commit()
    return event


def set_status(event: Event, status: str) -> Event:
    """Move an event between draft, live and closed."""
    if status not in EVENT_STATUSES:
        raise UserError("Choose draft, live or closed.", "status")
    event.status = status
    # Pages reload on this: a closed event shows phones its closing page.
    announce(event, "status_changed", {"status": status}, ("screen", "console", "phones"))
    log.info("event %s is now %s", event.code, status)
    return event


def add_stage(event: Event, kind: str, title: str = "") -> Stage:
    """Add a stage at the end of the agenda."""
    found = registry.get(kind) if isinstance(kind, str) else None
    if found is None:
        raise UserError("Choose a kind of stage.", "kind")
    title = clean_text(title, limit=120, field="title", label="Title") or found.default_title
    stage = Stage(event=event, position=len(event.stages), kind=found.name, title=title,
                  config=dict(found.starter_config), state={})
    db.session.add(stage)
    db.session.commit()
    return stage


def move_stage(event: Event, stage_id: int, offset: int) -> None:
    """Move a stage up (-1) or down (+1) the agenda."""
    stages = list(event.stages)
    index = next((i for i, s in enumerate(stages) if s.id == stage_id), None)
    if index is None:
        raise NotFound("That stage is not in this event.")
    target = index + offset
    if 0 <= target < len(stages):
        stages[index], stages[target] = stages[target], stages[index]
        for position, stage in enumerate(stages):
            stage.position = position
        db.session.commit()


def remove_stage(event: Event, stage_id: int) -> None:
    """Take a stage out of the agenda."""
    stage = next((s for s in event.stages if s.id == stage_id), None)
    if stage is None:
        raise NotFound("That stage is not in this event.")
    if event.current_stage_id == stage.id:
        event.current_stage_id = None
    event.stages.remove(stage)
    for position, remaining in enumerate(event.stages):
        remaining.position = position
    db.session.commit()


def events_for(user: User) -> list[Event]:
    """The events a facilitator may run, newest first."""
    query = (select(Event).join(EventFacilitator).where(EventFacilitator.user_id == user.id)
             .order_by(Event.created_at.desc(), Event.id.desc()))
    return list(db.session.scalars(query))


def by_id(event_id: int) -> Event | None:
    """The event with this id (a connection's, a pledge's), or None once deleted."""
    return db.session.get(Event, event_id)


def find_event(code: str) -> Event | None:
    """The event with this join code (as typed by a person), if any."""
    return db.session.scalar(select(Event).where(Event.code == normalise_join_code(code)))


def find_event_by_anyone(code: str, address: str) -> Event | None:
    """find_event for people without an account (phones, screens, public pages).

    Join codes are short enough to read aloud, so wrong ones are counted per address: past
    WRONG_CODE_LIMIT_PER_ADDRESS every lookup from there waits, right or wrong, and guessing
    the codes of other people's events takes years instead of hours.
    """
    limits, limit = rate_limits(), current_app.config["WRONG_CODE_LIMIT_PER_ADDRESS"]
    if not limits.allowed(limit, "wrong-code", address):
        raise RateLimited("Too many wrong join codes were tried from here. Please wait a few "
                          "minutes, then check the code with the person running the event.")
    event = find_event(code)
    if event is None:
        limits.hit(limit, "wrong-code", address)
    return event


def event_for(user: User, code: str) -> Event:
    """The event, if this user facilitates it; NotFound otherwise (we do not say it exists)."""
    event = find_event(code)
    if event is None or not can_run(user, event):
        raise NotFound("There is no event with that code in your list.")
    return event


def can_run(user: User, event: Event) -> bool:
    """True when the user is the owner or a co-facilitator."""
    return any(f.user_id == user.id for f in event.facilitators)


def add_facilitator(event: Event, email: str) -> tuple[User, str | None]:
    """Let another person run this event; a new account gets a one-time password to pass on."""
    user = accounts.find_user(email)
    password = None
    if user is None:
        user, password = accounts.create_user(email)
    if can_run(user, event):
        raise UserError("That person can already run this event.", "email")
    event.facilitators.append(EventFacilitator(user=user, is_owner=False))
    db.session.commit()
    log.info("user %s added to event %s", user.id, event.code)
    return user, password


def remove_facilitator(event: Event, user_id: int) -> None:
    """Stop a co-facilitator running this event; the owner stays."""
    link = next((f for f in event.facilitators if f.user_id == user_id), None)
    if link is None:
        raise NotFound("That person is not running this event.")
    if link.is_owner:
        raise UserError("The owner of an event cannot be removed.")
    event.facilitators.remove(link)
    db.session.commit()
    drop(event.id, "console", user_id)


def delete_event(event: Event) -> None:
    """Erase the event and every row that belongs to it, personal data included."""
    code = event.code
    event.current_stage_id = None
    db.session.flush()
    # Every table with an event_id column belongs to an event; children before parents.
    for table in reversed(db.metadata.sorted_tables):
        if "event_id" in table.c and table.name != "events":
            db.session.execute(delete(table).where(table.c.event_id == event.id))
    db.session.execute(delete(Event).where(Event.id == event.id))
    db.session.commit()
    db.session.expunge_all()
    log.info("event %s deleted with all its data", code)
