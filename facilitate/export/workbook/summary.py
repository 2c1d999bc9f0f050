"""The Summary sheet: the event's facts, each stage kind's counts, tables and charts, and how
to use the file."""


from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from facilitate import registry
from facilitate.domain.stages import SummaryTable
from facilitate.export.workbook import data
from facilitate.export.workbook.cells import safe_cell
from facilitate.export.workbook.context import EventExport, zone_label
from facilitate.export.workbook.layout import DATE_FORMAT, DATETIME_FORMAT, HEADER_FILL, HEADER_FONT
from facilitate.store.models import Event

TITLE = "Summary"
EVENT_REFERENCE = "Event reference"
# Rows between one chart and the next, down the right of the tables.
CHART_ROWS = 17
EVENT_STATUS_LABELS = {"draft": "Draft", "live": "Live", "closed": "Closed"}


def event_reference(event: Event) -> str:
    """What ties a workbook to its event, so a file sent back to another event is refused."""
    return f"{event.code}-{event.id}-{event.created_at:%Y%m%d%H%M%S}"


class _Rows:
    """Appends rows to a write-only sheet and remembers which row comes next."""

    def __init__(self, ws: WriteOnlyWorksheet):
        self.ws = ws
        self.next = 1

    def add(self, *values: object) -> int:
        cells = [self._number(v) if isinstance(v, int) else
                 safe_cell(self.ws, v) if isinstance(v, str) else v for v in values]
        self.ws.append(cells)
        self.next += 1
        return self.next - 1

    def _number(self, value: int) -> WriteOnlyCell:
        """A count, next to its label rather than at the far side of a wide column."""
        cell = WriteOnlyCell(self.ws, value)
        cell.alignment = Alignment(horizontal="left")
        return cell

    def styled(self, value: object, *, font: Font | None = None, number_format: str = "",
               comment: str = "") -> WriteOnlyCell:
        cell = safe_cell(self.ws, value) if isinstance(value, str) else \
            WriteOnlyCell(self.ws, value)
        if font is not None:
            cell.font = font
        if number_format:
            cell.number_format = number_format
            cell.alignment = Alignment(horizontal="left")
        if comment:
            cell.comment = Comment(comment, "facilitate", width=300, height=100)
        return cell


class SummarySheet:
    """The first sheet: what a director reads before anything else."""

    title = TITLE

    def write(self, workbook: Workbook, export: EventExport) -> WriteOnlyWorksheet:
        ws = workbook.create_sheet(self.title)
        for letter, width in (("A", 42), ("B", 40), ("C", 24)):
            ws.column_dimensions[letter].width = width
        # Printed on one landscape page wide, charts included.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        rows = _Rows(ws)
        rows.add(rows.styled(export.event.title, font=Font(bold=True, size=16)))
        rows.add()
        _facts(rows, export)
        rows.add()
        _counts(rows, export)
        rows.add()
        tables = registry.summary_tables(export.event, export.include_hidden)
        placed = []
        for table in tables:
            placed.append(_table(rows, table))
            rows.add()
        _notes(rows)
        for number, (table, where) in enumerate(zip(tables, placed, strict=True)):
            _chart(ws, table.chart, where, f"E{3 + CHART_ROWS * number}", table.horizontal)
        return ws


def _heading(rows: _Rows, text: str) -> None:
    rows.add(rows.styled(text, font=Font(bold=True, size=13)))


def _label(rows: _Rows, text: str) -> WriteOnlyCell:
    return rows.styled(text, font=Font(bold=True))


def _facts(rows: _Rows, export: EventExport) -> None:
    event = export.event
    _heading(rows, "About the event")
    hidden = "Included, greyed out" if export.include_hidden else "Left out"
    facts: list[tuple[str, object, str]] = [
        ("Event", event.title, ""),
        ("Join code", event.code, ""),
        ("Date", event.date, DATE_FORMAT),
        ("Venue", event.venue, ""),
        ("Status", EVENT_STATUS_LABELS.get(event.status, event.status), ""),
        ("Themes", ", ".join(event.themes or []), ""),
        ("Downloaded on", export.local(export.exported_at), DATETIME_FORMAT),
        ("Times are in", zone_label(export.zone), ""),
        ("Hidden, waiting and taken-back items", hidden, ""),
    ]
    for label, value, number_format in facts:
        rows.add(_label(rows, label), rows.styled(value, number_format=number_format))
    rows.add(_label(rows, EVENT_REFERENCE), rows.styled(
        event_reference(event),
        comment="facilitate checks this when you send the file back, so that changes only "
                "go to this event. Please do not change it."))


def _counts(rows: _Rows, export: EventExport) -> None:
    _heading(rows, "How many")
    rows.add(_label(rows, "People who joined on a phone"), data.joined(export.event), "")
    for line in registry.summary(export.event, export.include_hidden):
        rows.add(_label(rows, line.label), line.value, line.remark)


def _table(rows: _Rows, table: SummaryTable) -> tuple[int, int]:
    """A small two-column table; returns its header row and last row."""
    header = [rows.styled(text, font=HEADER_FONT) for text in (table.heading, table.counted)]
    for cell in header:
        cell.fill = HEADER_FILL
    first = rows.add(*header)
    for label, number in table.rows:
        rows.add(label, number)
    return first, first + len(table.rows)


def _notes(rows: _Rows) -> None:
    _heading(rows, "How to use this file")
    for line in (
        *registry.summary_notes(),
        "Email addresses are only here for people who agreed to be contacted.",
        "Text longer than one Excel cell can hold (32,767 characters) is cut short "
        "and ends with '[… cut short …]'.",
    ):
        rows.add(line)


def _chart(ws: WriteOnlyWorksheet, title: str, table: tuple[int, int], anchor: str,
           horizontal: bool) -> None:
    header, last = table
    if last == header:
        return
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.legend = None
    # The number on each bar says it all: no value axis with "2.5 pledges" on it.
    chart.y_axis.delete = True
    chart.y_axis.majorGridlines = None
    chart.dataLabels = DataLabelList(showVal=True, showLegendKey=False, showCatName=False,
                                     showSerName=False, showPercent=False, showBubbleSize=False)
    if horizontal:
        # Top to bottom in the table's order, not upside down.
        chart.x_axis.scaling.orientation = "maxMin"
    # openpyxl 3.1 hides axes unless told otherwise.
    chart.x_axis.delete = False
    chart.add_data(Reference(ws, min_col=2, min_row=header, max_row=last), titles_from_data=True)
    # Text categories: a string reference, so every spreadsheet program shows the names.
    names = Reference(ws, min_col=1, min_row=header + 1, max_row=last)
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(names)))
    chart.width, chart.height = 16, 8
    ws.add_chart(chart, anchor)
