"""Bring an edited workbook back: changed statuses and new notes become progress updates."""

import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from facilitate.domain.errors import UserError
from facilitate.export.workbook import EVENT_NAME, event_reference
from facilitate.export.workbook.data import stream
from facilitate.export.workbook.summary import EVENT_REFERENCE
from facilitate.export.workbook.summary import TITLE as SUMMARY_TITLE
from facilitate.extensions import db
from facilitate.stages.pledges import queries as pledge_queries
from facilitate.stages.pledges.columns import (
    FOLLOW_UP_STATUS,
    NEW_NOTE,
    PLEDGE_NUMBER,
    PLEDGES_TITLE,
    STATUS_WHEN_DOWNLOADED,
)
from facilitate.stages.pledges.rules import PROGRESS_LABELS, check_progress
from facilitate.stages.pledges.service import record_progress
from facilitate.store.models import Event, Pledge, User

log = logging.getLogger(__name__)

# A workbook of 20,000 pledges unpacks to about 30 MB; refuse files that claim far more.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_ROWS = 100_000
STATUS_BY_LABEL = {label.casefold(): status for status, label in PROGRESS_LABELS.items()}

REASONS = {
    "unknown_pledge": "There is no pledge with this number in this event.",
    "invalid_status": "This status is not one of the choices: "
                      + ", ".join(PROGRESS_LABELS.values()) + ".",
    "invalid_note": "The note cannot be used.",
    "no_change": "Nothing changed.",
    "changed_since": "Someone updated this pledge in facilitate after the file was "
                     "downloaded. Download a new file and make the change there.",
    "withdrawn": "The pledger took this pledge back.",
    "duplicate": "This pledge number is on more than one row. Only the first row was used.",
}


class WrongFile(UserError):
    """The whole file is refused and nothing is changed."""


@dataclass
class RowResult:
    """What happened to one row of the Pledges sheet."""

    row: int
    pledge_id: int | None
    reason: str = ""          # a key of REASONS; empty when applied
    detail: str = ""          # the status as written, or why the note was refused
    status: str = ""          # the status the update records, when applied
    note: str = ""

    @property
    def message(self) -> str:
        """The reason in plain English, for the command line."""
        if self.reason == "invalid_status":
            return f"{REASONS[self.reason]} It says \"{self.detail}\"."
        if self.reason == "invalid_note":
            return self.detail
        return REASONS.get(self.reason, "")


@dataclass
class ImportReport:
    """Rows applied and rows skipped, with why."""

    applied: list[RowResult] = field(default_factory=list)
    skipped: list[RowResult] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.skipped if r.reason == "no_change")

    @property
    def problems(self) -> list[RowResult]:
        """Skipped rows the organiser should look at (not those that simply did not change)."""
        return [r for r in self.skipped if r.reason != "no_change"]

    def count(self, reason: str) -> int:
        return sum(1 for r in self.skipped if r.reason == reason)


@dataclass
class _Known:
    """A pledge of the event as the import compares it."""

    status: str
    withdrawn: bool
    latest_note: str


@dataclass
class _Columns:
    """Where the columns the import reads are on the Pledges sheet (0-based), by header."""

    number: int
    status: int
    note: int | None
    downloaded: int | None


def import_progress(event: Event, stream: BinaryIO, *, author: User | None = None) -> ImportReport:
    """Read the workbook, check it is this event's, then apply each changed row."""
    report = read_changes(event, stream)
    for planned in list(report.applied):
        pledge = db.session.get(Pledge, planned.pledge_id)
        try:
            record_progress(pledge, {"status": planned.status, "note": planned.note},
                            source="import", author=author)
        except UserError as error:
            db.session.rollback()
            report.applied.remove(planned)
            report.skipped.append(RowResult(planned.row, planned.pledge_id, "invalid_note",
                                            error.message))
    log.info("progress import for event %s: %d applied, %d skipped", event.code,
             len(report.applied), len(report.skipped))
    return report


def read_changes(event: Event, stream: BinaryIO) -> ImportReport:
    """What the file would change, row by row, without changing anything."""
    workbook = _open(stream)
    try:
        _check_event(workbook, event)
        if PLEDGES_TITLE not in workbook.sheetnames:
            raise WrongFile(f"The file has no sheet called {PLEDGES_TITLE}. Nothing was changed.")
        rows = workbook[PLEDGES_TITLE].iter_rows(values_only=True)
        columns = _columns(next(rows, ()))
        return _plan(_pledges_of(event), rows, columns)
    finally:
        workbook.close()


def _open(stream: BinaryIO) -> Workbook:
    """The workbook, opened read-only; WrongFile for anything that is not a sane .xlsx."""
    not_excel = WrongFile("This is not an Excel workbook (.xlsx). Please send back the file "
                          "you downloaded from facilitate, saved as an Excel workbook.")
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
        stream.seek(0)
        if unpacked > MAX_UNPACKED_BYTES:
            raise WrongFile("This file is too big to read. Nothing was changed.")
        return load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError,
            EOFError) as error:
        raise not_excel from error


def _check_event(workbook: Workbook, event: Event) -> None:
    """Refuse a file that was not downloaded from this event."""
    found = _reference_in(workbook)
    if found is None:
        raise WrongFile("This file does not say which event it is from. Please send back a "
                        "file you downloaded from facilitate. Nothing was changed.")
    if found != event_reference(event):
        raise WrongFile("This file is from another event, not from this one. "
                        "Nothing was changed.")


def _reference_in(workbook: Workbook) -> str | None:
    """The event reference: the hidden defined name, else the Summary sheet's row."""
    name = workbook.defined_names.get(EVENT_NAME)
    if name is not None and name.attr_text:
        return name.attr_text.strip().strip('"')
    if SUMMARY_TITLE in workbook.sheetnames:
        for row in workbook[SUMMARY_TITLE].iter_rows(max_col=2, max_row=200, values_only=True):
            if len(row) == 2 and row[0] == EVENT_REFERENCE and isinstance(row[1], str):
                return row[1].strip()
    return None


def _columns(header: tuple) -> _Columns:
    names = {_label_key(_text(value)): index for index, value in enumerate(header)
             if _text(value)}
    for required in (PLEDGE_NUMBER, FOLLOW_UP_STATUS):
        if _label_key(required) not in names:
            raise WrongFile(f"The {PLEDGES_TITLE} sheet has no column called \"{required}\". "
                            "Nothing was changed.")
    return _Columns(number=names[_label_key(PLEDGE_NUMBER)],
                    status=names[_label_key(FOLLOW_UP_STATUS)],
                    note=names.get(_label_key(NEW_NOTE)),
                    downloaded=names.get(_label_key(STATUS_WHEN_DOWNLOADED)))


def _pledges_of(event: Event) -> dict[int, _Known]:
    return {r.id: _Known(r.status, r.withdrawn_at is not None, r.latest_note or "")
            for r in stream(pledge_queries.pledge_states(event))}


def _plan(known: dict[int, _Known], rows: Iterator[tuple], columns: _Columns) -> ImportReport:
    report = ImportReport()
    seen: set[int] = set()
    used = 0
    for number, row in enumerate(rows, 2):
        cells = _Row(row, columns)
        if cells.is_empty():
            continue
        used += 1
        if used > MAX_ROWS:
            raise WrongFile(f"The {PLEDGES_TITLE} sheet has more than {MAX_ROWS:,} rows. "
                            "Nothing was changed.")
        result = _plan_row(number, cells, known, seen)
        (report.applied if not result.reason else report.skipped).append(result)
    return report


class _Row:
    """The cells of one row that the import reads."""

    def __init__(self, row: tuple, columns: _Columns):
        def cell(index: int | None) -> object:
            return row[index] if index is not None and index < len(row) else None
        self.number = cell(columns.number)
        self.status = _text(cell(columns.status))
        self.note = _text(cell(columns.note))
        self.downloaded = _text(cell(columns.downloaded))

    def is_empty(self) -> bool:
        return self.number in (None, "") and not self.status and not self.note


def _plan_row(number: int, cells: _Row, known: dict[int, _Known], seen: set[int]) -> RowResult:
    pledge_id = _pledge_number(cells.number)
    pledge = known.get(pledge_id) if pledge_id is not None else None
    if pledge is None:
        return RowResult(number, pledge_id, "unknown_pledge")
    if pledge_id in seen:
        return RowResult(number, pledge_id, "duplicate")
    seen.add(pledge_id)
    if cells.status and _label_key(cells.status) not in STATUS_BY_LABEL:
        return RowResult(number, pledge_id, "invalid_status", cells.status)
    try:
        note = check_progress({"status": pledge.status, "note": cells.note}).note
    except UserError as error:
        return RowResult(number, pledge_id, "invalid_note", error.message)
    wanted = STATUS_BY_LABEL.get(_label_key(cells.status), pledge.status)
    before = STATUS_BY_LABEL.get(_label_key(cells.downloaded), pledge.status)
    status_changed = wanted not in (before, pledge.status)
    new_note = bool(note) and note != pledge.latest_note
    if not status_changed and not new_note:
        return RowResult(number, pledge_id, "no_change")
    if pledge.withdrawn:
        return RowResult(number, pledge_id, "withdrawn")
    if status_changed and pledge.status != before:
        return RowResult(number, pledge_id, "changed_since")
    return RowResult(number, pledge_id, status=wanted if status_changed else pledge.status,
                     note=note if new_note else "")


def _pledge_number(value: object) -> int | None:
    """The pledge number as Excel kept it: 17, 17.0 or "17"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _text(value: object) -> str:
    """A cell as text: numbers as Excel shows them, outer spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _label_key(text: str) -> str:
    return " ".join(text.split()).casefold()
