"""Pledge vocabulary shared by the phone form, the wall, follow-up and the export."""

import datetime as dt

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
