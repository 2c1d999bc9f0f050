"""Following pledges up for months: progress by group, check-ins due, overdue, mail merge and the
"you said, we did" page."""

import csv
import datetime as dt
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from facilitate.domain.errors import UserError
from facilitate.extensions import db
from facilitate.stages.pledges import rules
from facilitate.store.models import Event, Participant, Pledge

log = logging.getLogger(__name__)


@dataclass
class FollowUpRow:
    """One pledge as the organiser's follow-up page sees it."""

    pledge: Pledge
    last_update_on: dt.date | None
    checkin: tuple[int, dt.date] | None   # (days after the event, the day it fell due)
    overdue: bool


@dataclass
class FollowUp:
    """Everything on the organiser's follow-up page."""

    rows: list[FollowUpRow]
    by_status: dict[str, int]
    by_theme: list[rules.GroupCount]
    by_organisation: list[rules.GroupCount]
    by_role: list[rules.GroupCount]
    checkin_days: tuple[int, ...]
    start: dt.date

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def checkins_due(self) -> list[FollowUpRow]:
        return sorted((r for r in self.rows if r.checkin), key=lambda r: r.checkin[1])

    @property
    def overdue(self) -> list[FollowUpRow]:
        return sorted((r for r in self.rows if r.overdue), key=lambda r: r.pledge.due_date)


def checkin_start(event: Event) -> dt.date:
    """Check-ins count from the event's day, or from when it was made if it has no date."""
    return event.date or event.created_at.date()


def followed_pledges(event: Event) -> list[Pledge]:
    """Every pledge not taken back, with its updates, oldest first."""
    return list(db.session.scalars(
        select(Pledge).where(Pledge.event_id == event.id, Pledge.withdrawn_at.is_(None))
        .options(selectinload(Pledge.updates)).order_by(Pledge.created_at, Pledge.id)))


def follow_up(event: Event, today: dt.date | None = None) -> FollowUp:
    """Progress by status, theme, organisation and role; check-ins due; overdue pledges."""
    today = today or dt.date.today()
    pledges = followed_pledges(event)
    days = rules.checkin_days(event.settings)
    start = checkin_start(event)
    roles = _roles_by_participant(pledges)
    rows = []
    for pledge in pledges:
        last = pledge.updates[-1].created_at.date() if pledge.updates else None
        rows.append(FollowUpRow(
            pledge=pledge, last_update_on=last,
            checkin=rules.open_checkin(start, today, days, status=pledge.status,
                                       last_update_on=last),
            overdue=rules.is_overdue(pledge.due_date, today, status=pledge.status,
                                     last_update_on=last)))
    by_status = dict.fromkeys(rules.PROGRESS_STATUSES, 0)
    for pledge in pledges:
        by_status[pledge.status] = by_status.get(pledge.status, 0) + 1
    return FollowUp(
        rows=rows, by_status=by_status,
        by_theme=rules.count_by(([p.theme], p.status) for p in pledges),
        by_organisation=rules.count_by(([p.organisation], p.status) for p in pledges),
        by_role=rules.count_by((roles.get(p.participant_id) or _split(p.role), p.status)
                               for p in pledges),
        checkin_days=days, start=start)


def _roles_by_participant(pledges: list[Pledge]) -> dict[int, list[str]]:
    ids = {p.participant_id for p in pledges if p.participant_id}
    if not ids:
        return {}
    return {person.id: list(person.roles or []) for person in
            db.session.scalars(select(Participant).where(Participant.id.in_(ids)))}


def _split(role: str) -> list[str]:
    return [part.strip() for part in (role or "").split(",") if part.strip()]


def save_settings(event: Event, *, checkin_days: list[object], retention_days: object,
                  publish: bool) -> Event:
    """Save the follow-up settings: check-ins, how long emails are kept, the public page."""
    days = rules.check_checkin_days(checkin_days)
    keep = rules.check_retention_days(retention_days)
    if keep is not None and keep < max(days):
        raise UserError("Keep email addresses at least until the last check-in.",
                        "retention_days")
    settings = dict(event.settings or {})
    settings[rules.CHECKIN_DAYS] = days
    settings[rules.PUBLISH_RESULTS] = bool(publish)
    event.settings = settings
    event.retention_days = keep
    db.session.commit()
    log.info("follow-up settings of event %s saved", event.code)
    return event


# -- mail merge ---------------------------------------------------------------------------

MAIL_MERGE_HEADERS = ("Name", "Email", "Pledge", "By when", "Status", "Follow-up link")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value: object) -> str:
    """Text a spreadsheet will show as text: a leading =, +, -, @ would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def mail_merge_rows(event: Event, link_for: Callable[[Pledge], str]) -> list[list[str]]:
    """One row per pledge whose pledger agreed to be contacted and gave an email; no others."""
    rows = []
    for pledge in followed_pledges(event):
        if not (pledge.consent_contact and pledge.email):
            continue
        rows.append([pledge.pledger_name, pledge.email, pledge.action,
                     pledge.due_date.isoformat() if pledge.due_date else "",
                     rules.PROGRESS_LABELS[pledge.status], link_for(pledge)])
    return rows


def mail_merge_csv(event: Event, link_for: Callable[[Pledge], str]) -> str:
    """The mail-merge list as CSV text, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MAIL_MERGE_HEADERS)
    for row in mail_merge_rows(event, link_for):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    log.info("mail-merge list of event %s downloaded", event.code)
    return out.getvalue()


# -- you said, we did ---------------------------------------------------------------------

@dataclass
class Story:
    """A done pledge as the public page shows it."""

    action: str
    who: str
    theme: str
    what_changed: str


def published(event: Event) -> bool:
    """True once the organiser has chosen to share the 'you said, we did' page."""
    return bool((event.settings or {}).get(rules.PUBLISH_RESULTS))


def you_said_we_did(event: Event) -> dict:
    """What pledgers report: counts by status, and the done pledges the room could see."""
    pledges = followed_pledges(event)
    by_status = dict.fromkeys(rules.PROGRESS_STATUSES, 0)
    for pledge in pledges:
        by_status[pledge.status] += 1
    stories = []
    for pledge in pledges:
        if pledge.status != "done" or pledge.visibility != "shown":
            continue
        story = next((u.what_changed for u in reversed(pledge.updates) if u.what_changed), "")
        stories.append(Story(action=pledge.action, theme=pledge.theme, what_changed=story,
                             who=rules.wall_name(pledge.display, pledge.pledger_name,
                                                 pledge.organisation)))
    return {"total": len(pledges), "by_status": by_status, "stories": stories}
