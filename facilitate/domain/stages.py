"""What a stage kind declares (StageKind) and what a plan may set for it, as plain data.

The kinds themselves are in facilitate/stages/<kind>/; facilitate/registry.py lists them.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

EVENT_STATUSES = ("draft", "live", "closed")


@dataclass(frozen=True)
class Setting:
    """One setting a stage kind accepts in a plan: its name, type and limits."""

    name: str
    kind: str  # "text", "markdown-list", "text-list", "table-list" (read by `read`)
    required: bool = False
    limit: int = 500
    max_items: int = 50
    # The kind's own reader, fn(value in the plan) -> (value to keep, [problems in plain words])
    read: Callable[[Any], tuple[Any, list[str]]] | None = None


# fn(event, stage) -> the kind's own fields of a stage's view for one audience.
ViewFunction = Callable[[Any, Any], dict]
AUDIENCES = ("phones", "screen", "console")


@dataclass(frozen=True)
class ClientEvent:
    """A message a client may send: who may send it, the keys it may hold, what answers it.

    ``function(event, connection, data)`` runs after the checks every message gets
    (facilitate.realtime.handlers) and returns the ack, or raises a UserError.
    """

    name: str
    audiences: tuple[str, ...]
    keys: frozenset[str]
    function: Callable[[Any, Any, dict], dict | None]


def client_event(name: str, audiences: tuple[str, ...], keys=frozenset()):
    """Declare a client event; list it in the kind's ``client_events``."""
    def declare(function) -> ClientEvent:
        return ClientEvent(name, tuple(audiences), frozenset(keys), function)
    return declare


def same_view(function: ViewFunction, *audiences: str) -> dict[str, ViewFunction]:
    """The same view function for these audiences (all three when none are named)."""
    return dict.fromkeys(audiences or AUDIENCES, function)


@dataclass(frozen=True)
class SummaryRow:
    """One line of the workbook's Summary sheet: a label, a number and a remark."""

    label: str
    value: int
    remark: str = ""


@dataclass(frozen=True)
class SummaryTable:
    """A small table of counts on the workbook's Summary sheet, drawn as a bar chart beside it."""

    heading: str                  # the first column's header, e.g. "Theme"
    counted: str                  # the second's, e.g. "Pledges"
    rows: list[tuple[str, int]]   # (label, number), in the order the chart shows them
    chart: str                    # the chart's title
    horizontal: bool = False      # bars across (long labels) rather than columns


@dataclass(frozen=True)
class PersonCount:
    """A column of the workbook's Participants sheet: how many of a kind's items each person
    has in the file. ``query(event, include_hidden)`` selects (participant_id, n)."""

    header: str
    query: Callable[[Any, bool], Any]
    width: int = 12


@dataclass(frozen=True)
class PersonalData:
    """What services/privacy.py cannot find by itself about a kind's data.

    Every row of a table with a participant_id column is already shown, deleted and counted
    for one person; a kind adds rows that hang off its own rows, files, and contact details
    to erase when the event's retention period ends.
    """

    # fn(person) -> {name: [row dicts]} more to show in a subject access export
    held: Callable[[Any], dict] | None = None
    # fn(person_id) -> None: erase what hangs off the person's rows (before those go)
    erase: Callable[[int], None] | None = None
    # fn(person_id) -> None: when the organiser chooses to keep what the person wrote for
    # the group, take their name off it so it stays, nameless, after they are deleted
    keep: Callable[[int], None] | None = None
    # fn(event) -> how many contact details it erased, when retention ends
    expire_contacts: Callable[[Any], int] | None = None


@dataclass(frozen=True)
class StageKind:
    """One kind of stage, all that shared code needs to know of it.

    Only ``name``, ``label`` and ``default_title`` are required; a kind with no ``views``
    shows "coming soon" on every page.
    """

    name: str                     # in plans and the database, e.g. "reflection"
    label: Any                    # shown to people (lazy translated), e.g. _l("Reflection")
    default_title: str            # a stage's title when the plan gives none
    settings: tuple[Setting, ...] = ()        # what a plan may set (domain.plans checks them)
    # the config of a stage added in the console
    starter_config: Mapping[str, Any] = field(default_factory=dict)
    # audience ("phones", "screen", "console") -> its part of a stage's view (see snapshots)
    views: Mapping[str, ViewFunction] = field(default_factory=dict)
    # fn(participant, stage) -> what this phone sent in the stage: the snapshot's "mine"
    mine: Callable[[Any, Any], list] | None = None
    # fn(event) -> {name: number} for the closing stage ("count_<name>" words show them)
    counts: Callable[[Any], dict[str, int]] | None = None
    # fn(event, include_hidden) -> the kind's lines on the workbook's Summary sheet
    summary: Callable[[Any, bool], list[SummaryRow]] | None = None
    # fn(event, include_hidden) -> its tables and charts on the Summary sheet
    summary_tables: Callable[[Any, bool], list[SummaryTable]] | None = None
    summary_notes: tuple[str, ...] = ()   # its lines under "How to use this file"
    sheets: tuple = ()            # its workbook sheets (export.workbook.layout.TableSheet)
    person_counts: tuple[PersonCount, ...] = ()   # its columns on the Participants sheet
    sheet_rank: int = 50          # where its sheets go in the workbook: lower comes first
    client_events: tuple[ClientEvent, ...] = ()
    # The run page's one-button forms without JavaScript (/run/<action>): fn(event, value)
    console_actions: Mapping[str, Callable[[Any, str], Any]] = field(default_factory=dict)
    blueprints: tuple = ()        # its Flask blueprints (phone forms, console pages)
    # Templates, under templates/stages/<name>/ by custom:
    phone_template: str = ""      # the phone's stage without JavaScript (else "nothing to do")
    # the run page's macros, each optional: panel(event, stage) draws the stage on show without
    # JavaScript, controls(event) its buttons, agenda(event, item) more in its agenda row
    console_template: str = ""
    # fn(event, stage or None, participant) -> what phone_template and forms_template need
    phone_context: Callable[[Any, Any, Any], dict] | None = None
    forms_template: str = ""      # the phone forms the script copies (drawn once, here)
    personal_data: PersonalData = PersonalData()
    # the words its script shows: key -> lazy translation
    strings: Mapping[str, Any] = field(default_factory=dict)
    script: bool = False          # has static/js/stages/<name>.js
    # fn(event, stage) -> what the book of proceedings shows of one of its stages, or None;
    # drawn by the `proceedings(part)` macro of its console_template (after the open space)
    proceedings: Callable[[Any, Any], dict | None] | None = None
    # fn(event, stage): make a stage of the demo event ready to try now (services/demo.py)
    demo_ready: Callable[[Any, Any], None] | None = None

    @property
    def built(self) -> bool:
        """True once the kind has views; others show a holding view."""
        return bool(self.views)

    def setting(self, name: str) -> Setting | None:
        return next((s for s in self.settings if s.name == name), None)


# What checking a plan needs: kinds by their names.
PlanKinds = Mapping[str, StageKind]
