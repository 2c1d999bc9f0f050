"""Build events with every kind of data for the export tests, and read workbooks back.

Pledges and progress go through the real services. Participants, reflections, hiding and
taking back are inserted through the models here (test-only factories, named as such) until
the live-event and pledge services for them are committed.
"""

import datetime as dt
import io
import itertools
import zipfile

from openpyxl import load_workbook

from facilitate.domain.codes import new_token
from facilitate.export.workbook import EventExport, build_workbook
from facilitate.export.workbook.context import zone_named
from facilitate.extensions import db
from facilitate.services import pledges
from facilitate.store.models import Event, Participant, Pledge, Reflection, utcnow

TODAY = dt.date(2026, 12, 3)
_ids = itertools.count(1)


def make_participant(event: Event, **fields) -> Participant:
    """A participant as joining on a phone makes one (test-only factory)."""
    person = Participant(event_id=event.id, public_id=new_token(), source="phone", **fields)
    db.session.add(person)
    db.session.commit()
    return person


def make_reflection(event: Event, text: str, *, participant: Participant | None = None,
                            visibility: str = "shown", stage=None,
                            created_at: dt.datetime | None = None) -> Reflection:
    """A reflection as the live event stores one (test-only factory)."""
    stage = stage or next(s for s in event.stages if s.kind == "reflection")
    reflection = Reflection(event_id=event.id, stage_id=stage.id, client_id=f"r-{next(_ids):08d}",
                            participant_id=participant.id if participant else None, text=text,
                            visibility=visibility, created_at=created_at or utcnow())
    db.session.add(reflection)
    db.session.commit()
    return reflection


def hide_pledge(pledge: Pledge, visibility: str = "hidden") -> Pledge:
    """A facilitator hid the pledge, or it waits for approval (test-only factory)."""
    pledge.visibility = visibility
    db.session.commit()
    return pledge


def withdraw_pledge(pledge: Pledge) -> Pledge:
    """The pledger took the pledge back (test-only factory)."""
    pledge.withdrawn_at = utcnow()
    db.session.commit()
    return pledge


def paper_pledge(event: Event, action: str, **raw) -> Pledge:
    """A pledge typed in from a paper card, through the pledge service."""
    pledge, created = pledges.submit_pledge(event, None, f"paper-{next(_ids):08d}",
                                            {"action": action, **raw}, source="paper",
                                            today=TODAY)
    assert created
    return pledge


def set_made_on(pledge: Pledge, moment: dt.datetime) -> Pledge:
    """Fix when a pledge was made, so tests can expect exact times."""
    pledge.created_at = moment
    db.session.commit()
    return pledge


def export_bytes(event: Event, *, include_hidden: bool = False,
                 base: str = "https://events.example.org") -> bytes:
    """The event's workbook as bytes."""
    target = io.BytesIO()
    build_workbook(EventExport(event, include_hidden=include_hidden,
                               link_for=lambda token: f"{base}/f/{token}",
                               zone=zone_named("Europe/London")), target)
    return target.getvalue()


def open_workbook(content: bytes):
    """A workbook as openpyxl reads it back (not read-only, so styles and rules are there)."""
    return load_workbook(io.BytesIO(content))


def rows_of(sheet) -> list[dict]:
    """The sheet's rows as {header: value}."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def sheet_xml(content: bytes, index: int) -> str:
    """The raw XML of the sheet at this position (1 is Summary)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def edited(content: bytes, changes: dict, *, extra_rows: list[dict] = (),
           change=None) -> io.BytesIO:
    """The workbook after an organiser's edits: {pledge id: {header: new value}}."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Pledges"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for row in range(2, sheet.max_row + 1):
        for header, value in changes.get(sheet.cell(row, 1).value, {}).items():
            sheet.cell(row, columns[header]).value = value
    for extra in extra_rows:
        row = sheet.max_row + 1
        for header, value in extra.items():
            sheet.cell(row, columns[header]).value = value
    if change is not None:
        change(workbook)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out
