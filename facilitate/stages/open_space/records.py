"""The open space's records, as plain rules: notes from topics (kinds, limits, moderation)
and session reports (their fields, actions with an owner and a date, when they close).

No Flask and no database here: the services in notes.py and reports.py use these.
"""

import datetime as dt
from dataclasses import dataclass, field

from facilitate.domain.errors import NotAllowed, UserError
from facilitate.domain.text import clean_text, tidy_text

# -- notes --------------------------------------------------------------------------------

NOTE_KINDS = ("point", "idea", "question", "action")
NOTE_KIND_LABELS = {"point": "Key point", "idea": "Idea", "question": "Question",
                    "action": "Action"}
NOTE_LIMIT = 500
OWNER_LIMIT = 80
VISIBILITIES = ("shown", "pending", "hidden")
# What the screen shows of the notes: nothing, one topic's notes, or the newest of all.
SCREEN_MODES = ("off", "topic", "wall")
SCREEN_NOTES = 24       # the newest shown on the rolling wall
SPOTLIGHT_NOTES = 40    # a spotlit topic's notes on the screen
CONSOLE_NOTES = 300     # the newest notes in the console's live view


@dataclass(frozen=True)
class NoteInput:
    kind: str
    text: str
    owner: str


def check_note(kind: object, text: object, owner: object) -> NoteInput:
    """A note's kind, words and (for an action) who will do it, cleaned; UserError if not."""
    if kind not in NOTE_KINDS:
        raise UserError("Choose key point, idea, question or action.", "kind")
    text = clean_text(text, limit=NOTE_LIMIT, field="text", label="Your note", required=True,
                      multiline=True)
    owner = clean_text(owner, limit=OWNER_LIMIT, field="owner", label="Who will do it")
    return NoteInput(kind, text, owner if kind == "action" else "")


def first_visibility(moderation: str) -> str:
    """A new note from a phone: on the wall at once, or waiting for a facilitator's approval."""
    return "pending" if moderation == "approve" else "shown"


def check_screen_mode(mode: object, topic_id: int | None) -> str:
    if mode not in SCREEN_MODES:
        raise UserError("Choose off, one topic or the newest notes.", "mode")
    if mode == "topic" and topic_id is None:
        raise UserError("Choose the topic to show.", "topic_id")
    return mode


# -- session reports ----------------------------------------------------------------------

REPORT_TEXT_LIMIT = 2000
NAMES_LIMIT = 500
ACTION_LIMIT = 300
MAX_ACTIONS = 10
MAX_PEOPLE = 10_000
LATEST_DUE_YEARS = 5


@dataclass(frozen=True)
class Action:
    what: str
    owner: str = ""
    due: dt.date | None = None

    def as_dict(self) -> dict:
        return {"what": self.what, "owner": self.owner,
                "due": self.due.isoformat() if self.due else ""}


@dataclass(frozen=True)
class ReportInput:
    discussed: str = ""
    people_count: int | None = None
    names: str = ""
    key_points: str = ""
    recommendations: str = ""
    actions: tuple[Action, ...] = field(default_factory=tuple)

    def is_empty(self) -> bool:
        return not (self.discussed or self.people_count is not None or self.names
                    or self.key_points or self.recommendations or self.actions)


def read_people_count(value: object) -> int | None:
    """How many took part: empty, or a whole number from 0 up."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() \
            and len(value.strip()) <= 6:
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PEOPLE:
        raise UserError("Write how many took part as a whole number, like 8.", "people_count")
    return value


def read_due(value: object, today: dt.date, field_name: str = "due") -> dt.date | None:
    """An action's date: empty, or a date like 2027-03-31 from a year ago to five years on."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise UserError("Write the date like 2027-03-31.", field_name)
    try:
        due = dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise UserError("Write the date like 2027-03-31.", field_name) from error
    if not today.replace(year=today.year - 1) <= due <= \
            today.replace(year=today.year + LATEST_DUE_YEARS):
        raise UserError("Choose a date within the next five years.", field_name)
    return due


def read_actions(raw: object, today: dt.date) -> tuple[Action, ...]:
    """The report's actions: up to ten of {"what", "owner", "due"}; rows left empty drop."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_ACTIONS * 2:
        raise UserError("The actions were not sent properly. Please send them again.",
                        "actions")
    actions = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) - {"what", "owner", "due"}:
            raise UserError("The actions were not sent properly. Please send them again.",
                            "actions")
        what = clean_text(item.get("what"), limit=ACTION_LIMIT, field=f"action-{number}",
                          label=f"Action {number}", multiline=True)
        owner = clean_text(item.get("owner"), limit=OWNER_LIMIT, field=f"owner-{number}",
                           label=f"Who leads action {number}")
        due = read_due(item.get("due"), today, f"due-{number}")
        if not what and (owner or due):
            raise UserError(f"Write what action {number} is, or clear its other boxes.",
                            f"action-{number}")
        if what:
            actions.append(Action(what, owner, due))
    if len(actions) > MAX_ACTIONS:
        raise UserError(f"A report can have at most {MAX_ACTIONS} actions.", "actions")
    return tuple(actions)


def check_report(raw: dict, today: dt.date) -> ReportInput:
    """A report's fields, cleaned and bounded; UserError naming the first field wrong."""
    def text(name: str, label: str, limit: int = REPORT_TEXT_LIMIT) -> str:
        return clean_text(raw.get(name), limit=limit, field=name, label=label, multiline=True)

    report = ReportInput(
        discussed=text("discussed", "What was discussed"),
        people_count=read_people_count(raw.get("people_count")),
        names=text("names", "Names", NAMES_LIMIT),
        key_points=text("key_points", "Key points"),
        recommendations=text("recommendations", "Recommendations"),
        actions=read_actions(raw.get("actions"), today))
    if report.is_empty():
        raise UserError("Please write something in the report first.", "discussed")
    return report


def reports_open(state: dict | None) -> bool:
    """Whether conveners may still write and change reports (and phones add notes)."""
    return (state or {}).get("reports", "open") == "open"


def check_may_write_report(*, reports_are_open: bool, convener_id: int | None,
                           participant_id: int) -> None:
    """From a phone: only the topic's convener, only while reports are open."""
    if not reports_are_open:
        raise NotAllowed("Reports are closed now. Hand your notes to a facilitator.",
                         "discussed")
    if convener_id is None or convener_id != participant_id:
        raise NotAllowed("Only the topic's convener can write its report from a phone. Ask "
                         "them, or a facilitator.", "topic_id")


def lines(text: str) -> list[str]:
    """A text box's lines, for lists in the proceedings (blank lines dropped)."""
    return [line.strip(" -•*\t") for line in tidy_text(text or "", multiline=True).split("\n")
            if line.strip(" -•*\t")]
