"""The event's table sheets: pledges, progress, reflections and participants, column by column."""

from facilitate.domain.pledges import PROGRESS_LABELS, PROGRESS_STATUSES
from facilitate.export.workbook import data
from facilitate.export.workbook.layout import Column, Export, TableSheet

# Headers the import looks for: change them and old files can no longer be sent back.
PLEDGE_NUMBER = "Pledge number"
FOLLOW_UP_STATUS = "Follow-up status"
NEW_NOTE = "New note"
STATUS_WHEN_DOWNLOADED = "Status when downloaded"
PLEDGES_TITLE = "Pledges"

STATUS_CHOICES = tuple(PROGRESS_LABELS[s] for s in PROGRESS_STATUSES)
STATUS_COLOURS = {PROGRESS_LABELS["done"]: "good", PROGRESS_LABELS["in_progress"]: "neutral",
                  PROGRESS_LABELS["could_not_do"]: "bad"}
SCOPE_LABELS = {"me": "Their own", "team": "Their team's", "organisation": "Their organisation's"}
DISPLAY_LABELS = {"name": "With their name", "organisation": "With their organisation only",
                  "anonymous": "Without a name"}
SOURCE_LABELS = {"phone": "Phone", "paper": "Paper card"}
UPDATE_SOURCE_LABELS = {"pledger": "The pledger", "staff": "Staff", "import": "Spreadsheet"}
VISIBILITY_LABELS = {"shown": "Yes", "hidden": "No: hidden by a facilitator",
                     "pending": "No: waiting for approval"}
WITHDRAWN_LABEL = "No: taken back by the pledger"


def _with_hidden(export: Export) -> bool:
    return export.include_hidden


def _shown_label(row) -> str:
    if row.withdrawn_at is not None:
        return WITHDRAWN_LABEL
    return VISIBILITY_LABELS.get(row.visibility, row.visibility)


def _left_out(row) -> bool:
    """True for what an export normally leaves out: hidden, waiting or taken back."""
    return row.visibility != "shown" or row.withdrawn_at is not None


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


SHOWN = Column("Shown to everyone", lambda r, e: _shown_label(r), width=24, shown=_with_hidden,
               note="Hidden, waiting and taken-back items are in this file because you asked "
                    "for them. They are greyed out.")

# The order an officer's tracker has: what, who, by when, how it is going; then the details.
PLEDGES = TableSheet(
    title=PLEDGES_TITLE,
    rows=lambda e: data.stream(data.pledges(e.event, e.include_hidden)),
    marked=_left_out,
    freeze="C2",
    columns=(
        Column(PLEDGE_NUMBER, lambda r, e: r.id, kind="number", width=10,
               note="facilitate uses this number to match your changes when you send the "
                    "file back. Please do not change it."),
        Column("Pledge", lambda r, e: r.action, kind="long", width=50),
        Column("Name", lambda r, e: r.pledger_name, width=18),
        Column("Organisation", lambda r, e: r.organisation, width=22),
        Column("By when", lambda r, e: r.due_date, kind="date", width=13),
        Column(FOLLOW_UP_STATUS, lambda r, e: PROGRESS_LABELS.get(r.status, r.status),
               width=16, editable=True, choices=STATUS_CHOICES, colours=STATUS_COLOURS,
               note="You can change this. Then send the file back to facilitate: "
                    "open your event and choose 'Send back follow-up changes'."),
        Column(NEW_NOTE, lambda r, e: None, kind="long", width=32, editable=True,
               note="Write a note here to add it to the pledge's progress when you send "
                    "the file back."),
        Column("Latest note", lambda r, e: r.latest_note or "", kind="long", width=36),
        Column("Last update", lambda r, e: e.local(r.last_update_at), kind="datetime",
               width=17),
        Column("Theme", lambda r, e: r.theme, width=16),
        Column("Open space topic", lambda r, e: e.topic_names.get(r.topic_id, ""),
               kind="long", width=24),
        Column("Whose pledge", lambda r, e: SCOPE_LABELS.get(r.scope, r.scope), width=18),
        Column("Support they need", lambda r, e: r.support_needed, kind="long", width=32),
        Column("Role", lambda r, e: r.role, kind="long", width=22),
        Column("May be shown", lambda r, e: DISPLAY_LABELS.get(r.display, r.display), width=20),
        Column("Came from", lambda r, e: SOURCE_LABELS.get(r.source, r.source), width=11),
        Column("Made on", lambda r, e: e.local(r.created_at), kind="datetime", width=17),
        Column("Follow-up link", lambda r, e: e.link_for(r.follow_up_token), kind="link",
               width=40, note="A private link. The pledger can record progress there "
                              "without logging in. Only share it with them."),
        Column("Email (agreed to be contacted)",
               lambda r, e: r.email if r.consent_contact else "", width=28),
        SHOWN,
        Column(STATUS_WHEN_DOWNLOADED, lambda r, e: PROGRESS_LABELS.get(r.status, r.status),
               width=16, hidden=True),
    ),
)

PROGRESS = TableSheet(
    title="Progress",
    rows=lambda e: data.stream(data.progress(e.event, e.include_hidden)),
    marked=_left_out,
    freeze="C2",
    columns=(
        Column(PLEDGE_NUMBER, lambda r, e: r.pledge_id, kind="number", width=10),
        Column("Pledge", lambda r, e: r.action, kind="long", width=40),
        Column("Date", lambda r, e: e.local(r.created_at), kind="datetime", width=17),
        Column("Status", lambda r, e: PROGRESS_LABELS.get(r.status, r.status), width=16,
               colours=STATUS_COLOURS),
        Column("Note", lambda r, e: r.note, kind="long", width=40),
        Column("What changed", lambda r, e: r.what_changed, kind="long", width=40),
        Column("Who updated it", lambda r, e: UPDATE_SOURCE_LABELS.get(r.source, r.source),
               width=14),
        Column("Staff member", lambda r, e: r.author_name or r.author_email or "", width=22),
        SHOWN,
    ),
)

REFLECTIONS = TableSheet(
    title="Reflections",
    rows=lambda e: data.stream(data.reflections(e.event, e.include_hidden)),
    marked=_left_out,
    columns=(
        Column("Sent at", lambda r, e: e.local(r.created_at), kind="datetime", width=17),
        Column("Stage", lambda r, e: r.stage_title or "", width=24),
        Column("Reflection", lambda r, e: r.text, kind="long", width=70),
        Column("Name (if they agreed to show it)",
               lambda r, e: r.display_name if r.consent_show_name else "", width=22),
        SHOWN,
    ),
)

PARTICIPANTS = TableSheet(
    title="Participants",
    rows=lambda e: data.stream(data.participants(e.event, e.include_hidden)),
    columns=(
        Column("Joined at", lambda r, e: e.local(r.joined_at), kind="datetime", width=17),
        Column("Name", lambda r, e: r.display_name, width=20),
        Column("Organisation", lambda r, e: r.organisation, width=24),
        Column("Roles", lambda r, e: ", ".join(r.roles or []), kind="long", width=32),
        Column("Joined by", lambda r, e: SOURCE_LABELS.get(r.source, r.source), width=11),
        Column("Agreed to show their name", lambda r, e: _yes_no(r.consent_show_name),
               width=14),
        Column("Agreed to be contacted", lambda r, e: _yes_no(r.consent_contact), width=14),
        Column("Email (agreed to be contacted)",
               lambda r, e: r.email if r.consent_contact else "", width=28),
        Column("Pledges", lambda r, e: r.pledges, kind="number", width=10),
        Column("Reflections", lambda r, e: r.reflections, kind="number", width=12),
    ),
)
