"""What every table sheet shares (the "Shown to everyone" column), and the Participants sheet.

Each stage kind declares its own sheets (facilitate/stages/<kind>/sheets.py)."""

from facilitate import registry
from facilitate.export.workbook import data
from facilitate.export.workbook.layout import Column, Export, TableSheet

SOURCE_LABELS = {"phone": "Phone", "paper": "Paper card"}
VISIBILITY_LABELS = {"shown": "Yes", "hidden": "No: hidden by a facilitator",
                     "pending": "No: waiting for approval"}
WITHDRAWN_LABEL = "No: taken back by the pledger"


def _with_hidden(export: Export) -> bool:
    return export.include_hidden


def _shown_label(row) -> str:
    if row.withdrawn_at is not None:
        return WITHDRAWN_LABEL
    return VISIBILITY_LABELS.get(row.visibility, row.visibility)


def left_out(row) -> bool:
    """True for what an export normally leaves out: hidden, waiting or taken back."""
    return row.visibility != "shown" or row.withdrawn_at is not None


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


SHOWN = Column("Shown to everyone", lambda r, e: _shown_label(r), width=24, shown=_with_hidden,
               note="Hidden, waiting and taken-back items are in this file because you asked "
                    "for them. They are greyed out.")

def _count_column(number: int, count) -> Column:
    return Column(count.header, lambda r, e: getattr(r, f"count_{number}"), kind="number",
                  width=count.width)


def participants_sheet() -> TableSheet:
    """Everyone who took part, then how many items of each kind they have in the file."""
    counts = registry.person_counts()
    return TableSheet(
        title="Participants",
        rows=lambda e: data.stream(data.participants(e.event, e.include_hidden, counts)),
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
            *(_count_column(number, count) for number, count in enumerate(counts)),
        ),
    )
