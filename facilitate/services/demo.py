"""The first account on a fresh install, and the demo event a newcomer sees at once."""

import os

from sqlalchemy import select

from facilitate import registry
from facilitate.extensions import db
from facilitate.resources import demo_plan_path
from facilitate.services import accounts, events
from facilitate.store.models import Event, User

FIRST_ACCOUNT_EMAIL = "facilitator@example.org"


def first_account() -> tuple[User, str] | None:
    """On a fresh install, make a facilitator with a one-time password; else None."""
    if accounts.count_users():
        return None
    email = os.environ.get("FACILITATE_FIRST_EMAIL", FIRST_ACCOUNT_EMAIL)
    return accounts.create_user(email, None, "Facilitator")


def default_owner() -> User | None:
    """The only account, or the oldest one when the install has several."""
    return db.session.scalar(select(User).order_by(User.id))


def ensure_demo_event() -> Event:
    """The live demo event, made from the example plan the first time."""
    for event in db.session.scalars(select(Event)):
        if (event.settings or {}).get("demo"):
            return event
    owner = default_owner()
    event = events.create_event_from_plan_text(owner, demo_plan_path().read_bytes())
    event.settings = {**(event.settings or {}), "demo": True}
    for stage in event.stages:
        kind = registry.get(stage.kind)
        if kind is not None and kind.demo_ready is not None:
            kind.demo_ready(event, stage)
    # Open on the welcome stage: the screen shows the big QR code at once.
    event.current_stage_id = event.stages[0].id if event.stages else None
    events.set_status(event, "live")
    return event
