"""What each audience sees of a pledges stage, and the counts of pledges for the closing stage
and the workbook."""

from sqlalchemy import and_, func, select

from facilitate.export.workbook import data
from facilitate.extensions import db
from facilitate.stages.base import SummaryRow
from facilitate.stages.pledges import service
from facilitate.store.models import Pledge, ProgressUpdate

# The screen shows the newest pledges; its counts cover them all.
SCREEN_PLEDGES = 60


def phones(event, stage) -> dict:
    """The prompt, whether pledging is open and the themes: nothing anybody sent."""
    return {"prompt": stage.config.get("prompt", ""), "open": service.is_open(event),
            "themes": list(event.themes or [])}


def screen(event, stage) -> dict:
    """The wall: the newest pledges shown, the count and the count by theme."""
    snapshot = service.wall_snapshot(event)
    snapshot["pledges"] = snapshot["pledges"][-SCREEN_PLEDGES:]
    return {"prompt": stage.config.get("prompt", ""), **snapshot}


def console(event, stage) -> dict:
    """Every pledge not taken back, to moderate."""
    return {"prompt": stage.config.get("prompt", ""), **service.console_snapshot(event)}


def counts(event) -> dict[str, int]:
    """For the closing stage: the pledges not taken back."""
    return {"pledges": db.session.scalar(select(func.count(Pledge.id)).where(
        Pledge.event_id == event.id, Pledge.withdrawn_at.is_(None))) or 0}


def summary(event, include_hidden: bool) -> list[SummaryRow]:
    """The workbook's Summary lines."""
    where = "In this file, greyed out" if include_hidden else "Not in this file"
    active = and_(Pledge.event_id == event.id, Pledge.withdrawn_at.is_(None))
    in_file = data.pledge_filter(event, include_hidden)

    def number(*conditions) -> int:
        return data.count(select(func.count(Pledge.id)).where(*conditions))

    return [
        SummaryRow("Pledges", number(active, Pledge.visibility == "shown")),
        SummaryRow("Pledges hidden or waiting for approval",
                   number(active, Pledge.visibility != "shown"), where),
        SummaryRow("Pledges taken back by the pledger",
                   number(Pledge.event_id == event.id, Pledge.withdrawn_at.isnot(None)), where),
        SummaryRow("Pledges from paper cards", number(in_file, Pledge.source == "paper"),
                   "In this file"),
        SummaryRow("Pledges with an email for follow-up",
                   number(in_file, Pledge.consent_contact.is_(True), Pledge.email != ""),
                   "In this file"),
        SummaryRow("Progress updates", data.count(
            select(func.count(ProgressUpdate.id))
            .join(Pledge, Pledge.id == ProgressUpdate.pledge_id).where(in_file)),
            "In this file"),
    ]
