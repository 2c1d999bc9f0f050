"""The workbook's Pledges and Progress sheets, column by column."""

from facilitate.export.workbook import data
from facilitate.export.workbook.layout import Column, TableSheet
from facilitate.export.workbook.sheets import SHOWN, SOURCE_LABELS, left_out
from facilitate.stages.pledges import queries
from facilitate.stages.pledges.columns import (
    FOLLOW_UP_STATUS,
    NEW_NOTE,
    PLEDGE_NUMBER,
    PLEDGES_TITLE,
    STATUS_WHEN_DOWNLOADED,
)
from facilitate.stages.pledges.rules import PROGRESS_LABELS, PROGRESS_STATUSES

STATUS_CHOICES = tuple(PROGRESS_LABELS[s] for s in PROGRESS_STATUSES)
STATUS_COLOURS = {PROGRESS_LABELS["done"]: "good", PROGRESS_LABELS["in_progress"]: "neutral",
                  PROGRESS_LABELS["could_not_do"]: "bad"}
SCOPE_LABELS = {"me": "Their own", "team": "Their team's", "organisation": "Their organisation's"}
DISPLAY_LABELS = {"name": "With their name", "organisation": "With their organisation only",
                  "anonymous": "Without a name"}
UPDATE_SOURCE_LABELS = {"pledger": "The pledger", "staff": "Staff", "import": "Spreadsheet"}

# The order an officer's tracker has: what, who, by when, how it is going; then the details.
PLEDGES = TableSheet(
    title=PLEDGES_TITLE,
    rows=lambda e: data.stream(queries.pledges(e.event, e.include_hidden)),
    marked=left_out,
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
    rows=lambda e: data.stream(queries.progress(e.event, e.include_hidden)),
    marked=left_out,
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

