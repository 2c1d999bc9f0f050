"""Pledge vocabulary shared by the phone form, the wall, follow-up and the export."""

import datetime as dt
from dataclasses import dataclass

from facilitate.domain.errors import UserError
from facilitate.domain.text import clean_email, clean_text

SCOPES = ("me", "team", "organisation")            # whose pledge it is
DISPLAYS = ("name", "organisation", "anonymous")    # how it may appear on the wall
SOURCES = ("phone", "paper")
PROGRESS_STATUSES = ("not_started", "in_progress", "done", "could_not_do")
PROGRESS_LABELS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "could_not_do": "Could not do",
}
DUE_MONTH_CHOICES = (1, 3, 6, 12)
DEFAULT_CHECKIN_DAYS = (42, 91, 182)   # about 6 weeks, 3 months and 6 months


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day some months later, clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


ACTION_LIMIT = 500
SUPPORT_LIMIT = 500
NOTE_LIMIT = 1000
STORY_LIMIT = 2000
LATEST_DUE_YEARS = 5


def due_date_from(choice: object, today: dt.date) -> dt.date | None:
    """A due date from the form: '', a number of months (1/3/6/12) or an ISO date."""
    if choice in (None, ""):
        return None
    if isinstance(choice, dt.date):
        due = choice
    elif isinstance(choice, int) or (isinstance(choice, str) and choice.strip().isdigit()):
        months = int(choice)
        if months not in DUE_MONTH_CHOICES:
            raise UserError("Choose 1, 3, 6 or 12 months, or a date.", "due")
        return add_months(today, months)
    elif isinstance(choice, str):
        try:
            due = dt.date.fromisoformat(choice.strip())
        except ValueError as error:
            raise UserError("Write the date like 2027-03-31.", "due") from error
    else:
        raise UserError("Write the date like 2027-03-31.", "due")
    if due < today:
        raise UserError("The date is in the past. Choose a date from today on.", "due")
    if due > add_months(today, 12 * LATEST_DUE_YEARS):
        raise UserError("Choose a date within the next five years.", "due")
    return due


@dataclass
class PledgeFields:
    """A pledge as the form sends it, checked and cleaned."""

    action: str
    due_date: dt.date | None = None
    theme: str = ""
    scope: str = "me"
    support_needed: str = ""
    topic_id: int | None = None
    display: str = "anonymous"
    consent_contact: bool = False
    email: str = ""


def check_pledge(raw: dict, *, themes: list[str], today: dt.date) -> PledgeFields:
    """Check what a pledge form sent; raise UserError naming the first wrong field."""
    action = clean_text(raw.get("action"), limit=ACTION_LIMIT, field="action",
                        label="Your pledge", required=True, multiline=True)
    theme = clean_text(raw.get("theme"), limit=60, field="theme", label="Theme")
    if theme and theme not in themes:
        raise UserError("Choose a theme from the list.", "theme")
    scope = raw.get("scope") or "me"
    if scope not in SCOPES:
        raise UserError("Choose whose pledge this is.", "scope")
    display = raw.get("display") or "anonymous"
    if display not in DISPLAYS:
        raise UserError("Choose how your pledge may be shown.", "display")
    consent = _truthy(raw.get("consent_contact"))
    # The email is kept only when the person ticked consent; otherwise it is dropped unread.
    email = clean_email(raw.get("email"), required=consent) if consent else ""
    topic = raw.get("topic_id")
    return PledgeFields(
        action=action,
        due_date=due_date_from(raw.get("due"), today),
        theme=theme,
        scope=scope,
        support_needed=clean_text(raw.get("support_needed"), limit=SUPPORT_LIMIT,
                                  field="support_needed", label="Support you need",
                                  multiline=True),
        topic_id=int(topic) if isinstance(topic, int | str) and str(topic).isdigit() else None,
        display=display,
        consent_contact=consent,
        email=email,
    )


@dataclass
class ProgressFields:
    """A follow-up step, checked."""

    status: str
    note: str = ""
    what_changed: str = ""


def check_progress(raw: dict) -> ProgressFields:
    """Check a progress update; the 'what changed' story is kept only once a pledge is done."""
    status = raw.get("status")
    if status not in PROGRESS_STATUSES:
        raise UserError("Choose how the pledge is going.", "status")
    note = clean_text(raw.get("note"), limit=NOTE_LIMIT, field="note", label="Note",
                      multiline=True)
    story = clean_text(raw.get("what_changed"), limit=STORY_LIMIT, field="what_changed",
                       label="What changed", multiline=True) if status == "done" else ""
    return ProgressFields(status=status, note=note, what_changed=story)


def checkins_due(made_on: dt.date, today: dt.date,
                 days: tuple[int, ...] = DEFAULT_CHECKIN_DAYS) -> list[dt.date]:
    """The check-in dates that have come by today."""
    return [made_on + dt.timedelta(days=d) for d in days
            if made_on + dt.timedelta(days=d) <= today]


def _truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in ("1", "on", "yes", "true"))
