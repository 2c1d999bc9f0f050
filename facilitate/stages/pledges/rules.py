"""Pledge rules: the form, who may change a pledge, moderation, check-ins, overdue, retention.

Plain Python with no Flask: the phone form, the paper entry form, the wall, follow-up and the
export all lean on these rules.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from facilitate.domain.errors import NotAllowed, UserError
from facilitate.domain.text import clean_email, clean_text

SCOPES = ("me", "team", "organisation")            # whose pledge it is
DISPLAYS = ("name", "organisation", "anonymous")    # how it may appear on the wall
SOURCES = ("phone", "paper")
VISIBILITIES = ("shown", "pending", "hidden")
PROGRESS_STATUSES = ("not_started", "in_progress", "done", "could_not_do")
PROGRESS_LABELS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "could_not_do": "Could not do",
}
# A pledge in one of these states needs no more chasing.
FINISHED_STATUSES = ("done", "could_not_do")
PROGRESS_SOURCES = ("pledger", "staff", "import")
DUE_MONTH_CHOICES = (1, 3, 6, 12)
DEFAULT_CHECKIN_DAYS = (42, 91, 182)   # about 6 weeks, 3 months and 6 months
# The check-ins an organiser may pick from, in days after the event.
CHECKIN_CHOICES = (14, 28, 42, 61, 91, 122, 182, 274, 365)
# How long contact details may be kept after the event, in days (3 months to 3 years).
RETENTION_CHOICES = (91, 182, 365, 548, 730, 1095)

# Keys in Event.settings.
PLEDGES_CLOSED = "pledges_closed"
CHECKIN_DAYS = "checkin_days"
PUBLISH_RESULTS = "publish_you_said_we_did"

ACTION_LIMIT = 500
SUPPORT_LIMIT = 500
NAME_LIMIT = 80
ORGANISATION_LIMIT = 120
ROLE_LIMIT = 80
NOTE_LIMIT = 1000
STORY_LIMIT = 2000
LATEST_DUE_YEARS = 5


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


def due_date_from(choice: object, today: dt.date) -> dt.date | None:
    """A due date from the form: '', a number of months (1/3/6/12) or an ISO date."""
    if choice in (None, ""):
        return None
    if isinstance(choice, dt.datetime):
        raise UserError("Write the date like 2027-03-31.", "due")
    if isinstance(choice, dt.date):
        due = choice
    elif isinstance(choice, bool):
        raise UserError("Choose 1, 3, 6 or 12 months, or a date.", "due")
    elif isinstance(choice, int) or (isinstance(choice, str) and choice.strip().isdigit()):
        # Compared as text: int() of thousands of digits would raise, not refuse politely.
        months = next((m for m in DUE_MONTH_CHOICES if str(m) == str(choice).strip()), None)
        if months is None:
            raise UserError("Choose 1, 3, 6 or 12 months, or a date.", "due")
        return add_months(today, months)
    elif isinstance(choice, str) and len(choice) <= 20:
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
    name: str = ""
    organisation: str = ""
    role: str = ""


def check_pledge(raw: dict, *, themes: Iterable[str], today: dt.date,
                 roles: Iterable[str] = (), topic_ids: Iterable[int] = ()) -> PledgeFields:
    """Check what a pledge form sent; raise UserError naming the first wrong field.

    Name, organisation and role are optional; an unknown topic is dropped, not refused.
    """
    if not isinstance(raw, dict):
        raise UserError("The form was not sent properly. Please send it again.")
    action = clean_text(raw.get("action"), limit=ACTION_LIMIT, field="action",
                        label="Your pledge", required=True, multiline=True)
    theme = _choice(raw.get("theme"), list(themes), "theme", "Choose a theme from the list.")
    scope = _choice(raw.get("scope"), SCOPES, "scope", "Choose whose pledge this is.") or "me"
    display = _choice(raw.get("display"), DISPLAYS, "display",
                      "Choose how your pledge may be shown.") or "anonymous"
    role = _choice(raw.get("role"), list(roles), "role", "Choose a role from the list.")
    # A tick is a boolean (docs/protocol.md): "yes", "false" or 1 are refused, not guessed at.
    consent = raw.get("consent_contact", False)
    if not isinstance(consent, bool):
        raise UserError("Say whether we may email you: tick the box or leave it empty.",
                        "consent_contact")
    # The email is kept only when the person ticked consent; otherwise it is dropped unread.
    email = clean_email(raw.get("email"), required=True) if consent else ""
    topic_id = small_int(raw.get("topic_id"))
    return PledgeFields(
        action=action,
        due_date=due_date_from(raw.get("due"), today),
        theme=theme,
        scope=scope,
        support_needed=clean_text(raw.get("support_needed"), limit=SUPPORT_LIMIT,
                                  field="support_needed", label="Support you need",
                                  multiline=True),
        topic_id=topic_id if topic_id in set(topic_ids) else None,
        display=display,
        consent_contact=consent,
        email=email,
        name=clean_text(raw.get("name"), limit=NAME_LIMIT, field="name", label="Your name"),
        organisation=clean_text(raw.get("organisation"), limit=ORGANISATION_LIMIT,
                                field="organisation", label="Organisation"),
        role=role,
    )


def _choice(value: object, allowed, field_name: str, message: str) -> str:
    """'' when nothing was chosen, the value when it is allowed; UserError otherwise."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or value not in allowed:
        raise UserError(message, field_name)
    return value


def small_int(value: object) -> int | None:
    """A whole number from a form or JSON (at most nine digits), else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and 0 < len(value) <= 9 and value.isascii() and value.isdigit():
        return int(value)
    return None


# -- who may change a pledge --------------------------------------------------------------

def pledging_open(settings: dict | None) -> bool:
    """False once the facilitator has closed pledging for the event."""
    return not (settings or {}).get(PLEDGES_CLOSED, False)


def check_can_change(*, owner_id: int | None, participant_id: int | None,
                     withdrawn: bool, closed: bool) -> None:
    """Only the person who made a pledge may edit or withdraw it, while pledging is open."""
    if participant_id is None or owner_id != participant_id:
        raise NotAllowed("Only the person who made this pledge can change it.")
    if withdrawn:
        raise NotAllowed("This pledge was taken back, so it cannot be changed.")
    if closed:
        raise NotAllowed("Pledging has closed, so pledges cannot be changed now.")


# -- moderation and the wall ----------------------------------------------------------------

MODERATION_ACTIONS = {"approve": "shown", "show": "shown", "hide": "hidden"}


def first_visibility(moderation: str) -> str:
    """Where a new (or edited) pledge starts: on the wall, or waiting for approval."""
    return "pending" if moderation == "approve" else "shown"


def visibility_after(action: str) -> str:
    """The visibility a facilitator's moderation action leads to."""
    if not isinstance(action, str) or action not in MODERATION_ACTIONS:
        raise UserError("Choose approve, show or hide.", "action")
    return MODERATION_ACTIONS[action]


def visibility_after_edit(current: str, moderation: str) -> str:
    """An edit goes back for approval when the event approves first; hidden stays hidden."""
    if current == "hidden":
        return "hidden"
    return first_visibility(moderation)


def wall_name(display: str, name: str, organisation: str) -> str:
    """What the wall may say about who pledged: only what the person chose to show."""
    if display == "name":
        return ", ".join(part for part in (name, organisation) if part)
    if display == "organisation":
        return organisation
    return ""


# -- follow-up ----------------------------------------------------------------------------

def checkin_days(settings: dict | None) -> tuple[int, ...]:
    """The event's check-in days, or the default 6 weeks, 3 and 6 months."""
    chosen = (settings or {}).get(CHECKIN_DAYS)
    if isinstance(chosen, list) and all(isinstance(d, int) for d in chosen):
        return tuple(sorted(set(chosen)))
    return DEFAULT_CHECKIN_DAYS


def check_checkin_days(values: Iterable[object]) -> list[int]:
    """Check the check-ins an organiser chose; at least one, each from the list."""
    days = set()
    for value in values:
        day = small_int(value)
        if day not in CHECKIN_CHOICES:
            raise UserError("Choose check-ins from the list.", "checkin_days")
        days.add(day)
    if not days:
        raise UserError("Choose at least one check-in.", "checkin_days")
    return sorted(days)


def check_retention_days(value: object) -> int | None:
    """None keeps contact details until the event is deleted; else one of the choices."""
    if value in (None, "", "keep"):
        return None
    value = small_int(value)
    if value not in RETENTION_CHOICES:
        raise UserError("Choose how long to keep email addresses from the list.",
                        "retention_days")
    return value


def checkins_due(made_on: dt.date, today: dt.date,
                 days: tuple[int, ...] = DEFAULT_CHECKIN_DAYS) -> list[dt.date]:
    """The check-in dates that have come by today."""
    return [made_on + dt.timedelta(days=d) for d in sorted(days)
            if made_on + dt.timedelta(days=d) <= today]


def open_checkin(start: dt.date, today: dt.date, days: tuple[int, ...], *,
                 status: str, last_update_on: dt.date | None) -> tuple[int, dt.date] | None:
    """The latest check-in that has come and has had no update since: (days, date), or None.

    A finished pledge (done, or could not do) needs no check-in.
    """
    if status in FINISHED_STATUSES:
        return None
    come = [(d, start + dt.timedelta(days=d)) for d in sorted(days)
            if start + dt.timedelta(days=d) <= today]
    if not come:
        return None
    latest_days, latest_date = come[-1]
    if last_update_on is not None and last_update_on >= latest_date:
        return None
    return latest_days, latest_date


def is_overdue(due_date: dt.date | None, today: dt.date, *, status: str,
               last_update_on: dt.date | None) -> bool:
    """The pledge's date has passed, it is not finished, and no update came since that date."""
    if due_date is None or due_date >= today or status in FINISHED_STATUSES:
        return False
    return last_update_on is None or last_update_on < due_date


@dataclass
class ProgressFields:
    """A follow-up step, checked."""

    status: str
    note: str = ""
    what_changed: str = ""


def check_progress(raw: dict) -> ProgressFields:
    """Check a progress update; the 'what changed' story is kept only once a pledge is done."""
    if not isinstance(raw, dict):
        raise UserError("The form was not sent properly. Please send it again.")
    status = raw.get("status")
    if status not in PROGRESS_STATUSES:
        raise UserError("Choose how the pledge is going.", "status")
    note = clean_text(raw.get("note"), limit=NOTE_LIMIT, field="note", label="Note",
                      multiline=True)
    story = clean_text(raw.get("what_changed"), limit=STORY_LIMIT, field="what_changed",
                       label="What changed", multiline=True) if status == "done" else ""
    return ProgressFields(status=status, note=note, what_changed=story)


@dataclass
class GroupCount:
    """How many pledges in one group (a theme, an organisation...) are at each status."""

    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PROGRESS_STATUSES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def count_by(rows: Iterable[tuple[Iterable[str], str]]) -> list[GroupCount]:
    """Count statuses per group; each row is (its groups, its status). Biggest group first.

    A row may belong to several groups (a person with two roles) or to none, counted as ''.
    Groups differing only in case or spacing are one.
    """
    groups: dict[str, GroupCount] = {}
    for names, status in rows:
        # "NHS Trust" and "nhs trust " are one group, named as first written.
        for name in {" ".join(n.split()).casefold(): " ".join(n.split())
                     for n in names if n.strip()}.values() or [""]:
            group = groups.setdefault(name.casefold(), GroupCount(name))
            group.counts[status] = group.counts.get(status, 0) + 1
    return sorted(groups.values(), key=lambda g: (-g.total, g.name == "", g.name.lower()))
