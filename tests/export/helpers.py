"""Build events with every kind of data for the export tests, and read workbooks back."""

# Everything goes through the real services, except `store_raw_reflection`: it puts text in
# the database that the forms would refuse (control characters, 40,000 characters), because
# the workbook must cope with whatever the database holds.

import datetime as dt
import io
import itertools
import zipfile

from openpyxl import load_workbook

from facilitate.export.workbook import EventExport, build_workbook
from facilitate.export.workbook.context import zone_named
from facilitate.extensions import db
from facilitate.services import events, participants
from facilitate.stages.pledges import service as pledges
from facilitate.stages.reflection import service as reflections
from facilitate.store.models import Event, Participant, Pledge, Reflection

TODAY = dt.date(2026, 12, 3)
_ids = itertools.count(1)


def join(event: Event, name: str = "", organisation: str = "", roles: tuple = (),
         show_name: bool = False) -> Participant:
    """Somebody joins the event on a phone."""
    person = participants.join(event, name, organisation, list(roles), show_name)
    db.session.commit()
    return person


def reflect(event: Event, participant: Participant, text: str,
            sent_at: dt.datetime | None = None) -> Reflection:
    """A reflection sent from a phone during the event's reflection stage."""
    stage = next(s for s in event.stages if s.kind == "reflection")
    reflection, created = reflections.submit(event, participant, f"r-{next(_ids):08d}",
                                             stage.id, text)
    assert created
    if sent_at is not None:
        reflection.created_at = sent_at
    db.session.commit()
    return reflection


def store_raw_reflection(event: Event, text: str) -> Reflection:
    """A reflection stored as is, past every form's cleaning: for text forms would refuse."""
    stage = next(s for s in event.stages if s.kind == "reflection")
    reflection = Reflection(event_id=event.id, stage_id=stage.id, client_id=f"r-{next(_ids):08d}",
                            text=text, visibility="shown")
    db.session.add(reflection)
    db.session.commit()
    return reflection


def set_moderation(event: Event, moderation: str) -> Event:
    """Switch between showing at once ("show") and approving first ("approve")."""
    return events.update_event(event, title=event.title, date=event.date, venue=event.venue,
                               description=event.description, moderation=moderation)


def hide_pledge(pledge: Pledge) -> Pledge:
    """A facilitator hides the pledge from the wall."""
    pledges.moderate(pledge, "hide")
    db.session.commit()
    return pledge


def withdraw_pledge(pledge: Pledge) -> Pledge:
    """The pledger takes the pledge back."""
    pledges.withdraw_pledge(pledge, db.session.get(Participant, pledge.participant_id))
    db.session.commit()
    return pledge


def hide_reflection(event: Event, reflection: Reflection) -> Reflection:
    """A facilitator hides the reflection from the screen."""
    reflections.set_visibility(event, reflection.id, "hidden")
    db.session.commit()
    return reflection


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
