"""What each audience sees of a pledges stage, and the counts of pledges for the closing stage
and the workbook."""

from sqlalchemy import and_, func, select

from facilitate.domain.stages import SummaryRow, SummaryTable
from facilitate.export.workbook import data
from facilitate.extensions import db
from facilitate.stages.pledges import queries, service
from facilitate.stages.pledges.columns import FOLLOW_UP_STATUS, NEW_NOTE
from facilitate.stages.pledges.rules import PROGRESS_LABELS, PROGRESS_STATUSES
from facilitate.store.models import Pledge, ProgressUpdate

# The screen shows the newest pledges; its counts cover them all.
SCREEN_PLEDGES = 60
NO_THEME = "(No theme)"
# Under "How to use this file" on the workbook's Summary sheet.
SUMMARY_NOTES = (
    f"On the Pledges sheet you can change the yellow columns: {FOLLOW_UP_STATUS} and "
    f"{NEW_NOTE}.",
    "Then send the file back to facilitate: open your event and choose "
    "'Send back follow-up changes'. Each change becomes a progress update.",
    "Changes to other columns are not sent back.",
)


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
    in_file = queries.pledge_filter(event, include_hidden)

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


def summary_tables(event, include_hidden: bool) -> list[SummaryTable]:
    """The workbook's Summary tables and charts: pledges by theme and by follow-up status."""
    found = queries.pledges_by(event, include_hidden, Pledge.theme)
    themes = list(event.themes or [])
    themes += sorted(t for t in found if t and t not in themes)
    by_theme = [(theme, found.get(theme, 0)) for theme in themes]
    if found.get(""):
        by_theme.append((NO_THEME, found[""]))
    found = queries.pledges_by(event, include_hidden, Pledge.status)
    by_status = [(PROGRESS_LABELS[s], found.get(s, 0)) for s in PROGRESS_STATUSES]
    return [SummaryTable("Theme", "Pledges", by_theme, "Pledges by theme", horizontal=True),
            SummaryTable("Follow-up status", "Pledges", by_status,
                         "Pledges by follow-up status")]
