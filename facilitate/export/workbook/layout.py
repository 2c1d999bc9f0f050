"""A table sheet: declared as a title, columns and a row source, then streamed to a workbook."""

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Iterator
from copy import copy
from dataclasses import dataclass, field
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from facilitate.export.workbook.cells import safe_cell
from facilitate.export.workbook.fastrows import ColumnCells, RowSink, row_xml

KINDS = ("text", "long", "date", "datetime", "number", "link")
DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = "d mmm yyyy hh:mm"
# Rows written between two short pauses that let a live event's other requests run.
PAUSE_EVERY = 500
# Row heights in points: one line of 11-point text, and Excel's tallest row (409 points).
LINE_HEIGHT = 15
MAX_LINES = 27
# Characters about twice as wide as a Latin letter: CJK, Hangul, emoji...
_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60"
                   "\U0001f000-\U0001faff\U00020000-\U0003fffd]")

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
EDITABLE_HEADER_FONT = Font(bold=True, color="000000")
EDITABLE_HEADER_FILL = PatternFill("solid", fgColor="FFD966")
EDITABLE_FILL = PatternFill("solid", fgColor="FFF9E5")
MARKED_FONT = Font(italic=True, color="595959")
MARKED_FILL = PatternFill("solid", fgColor="EDEDED")
LINK_FONT = Font(color="0563C1", underline="single")
# Excel's own "Good", "Neutral" and "Bad" colours.
STATUS_COLOURS = {"good": ("C6EFCE", "006100"), "neutral": ("FFEB9C", "9C5700"),
                  "bad": ("FFC7CE", "9C0006")}


def text_lines(text: str, width: float) -> int:
    """About how many lines wrapped text takes in a column (wide characters count twice).

    Spreadsheets do not all grow rows to fit wrapped text when they open a file, so the
    workbook sets the height itself; a generous guess, as text is mostly narrower than "0".
    """
    per_line = max(int(width), 1)
    lines = 0
    for part in text.split("\n"):
        length = len(part) if part.isascii() else len(part) + len(_WIDE.findall(part))
        lines += max(1, -(-length // per_line))
    return lines


class Export(Protocol):
    """What row sources and column values may ask of the export in progress."""

    include_hidden: bool

    def local(self, moment: dt.datetime | None) -> dt.datetime | None: ...


@dataclass(frozen=True)
class Column:
    """One column: its header, how wide, what kind of value, and how to get it from a row."""

    header: str
    value: Callable[[Any, Export], object]
    kind: str = "text"
    width: float = 16
    hidden: bool = False
    # Organisers may change it and send the file back: shown in yellow.
    editable: bool = False
    note: str = ""
    choices: tuple[str, ...] = ()
    # Colour a choice: {"Done": "good", ...}
    colours: dict[str, str] = field(default_factory=dict)
    shown: Callable[[Export], bool] | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class TableSheet:
    """A sheet that is one table: a header row, then one row per record from `rows`."""

    title: str
    columns: tuple[Column, ...]
    rows: Callable[[Export], Iterable[Any]]
    # True for a record that is normally left out (hidden, waiting, withdrawn): shown greyed.
    marked: Callable[[Any], bool] | None = None
    # The first cell that scrolls: "A2" keeps the header in view, "C2" the first two columns too.
    freeze: str = "A2"

    def visible_columns(self, export: Export) -> list[Column]:
        """The columns this export has (some appear only with hidden items)."""
        return [c for c in self.columns if c.shown is None or c.shown(export)]

    def headers(self, export: Export) -> list[str]:
        return [c.header for c in self.visible_columns(export)]

    def records(self, export: Export) -> Iterator[tuple[list[object], bool]]:
        """Each row's plain values and whether it is marked: the builder's output, no Excel."""
        values = [c.value for c in self.visible_columns(export)]
        for record in self.rows(export):
            marked = bool(self.marked and self.marked(record))
            yield [value(record, export) for value in values], marked

    def write(self, workbook: Workbook, export: Export) -> WriteOnlyWorksheet:
        """Add this sheet to a write-only workbook, streaming the rows."""
        return _TableWriter(workbook, self, export).write()


class _TableWriter:
    """Writes one TableSheet: styles are made once per column, then copied to every cell."""

    def __init__(self, workbook: Workbook, sheet: TableSheet, export: Export):
        self.sheet = sheet
        self.export = export
        self.columns = sheet.visible_columns(export)
        self.ws = workbook.create_sheet(sheet.title)
        self.styles = {marked: [self._style_cell(c, marked) for c in self.columns]
                       for marked in (False, True)}

    def write(self) -> WriteOnlyWorksheet:
        self._set_up()
        # Rows as XML text when openpyxl allows it (about four times faster), else as cells.
        sink = RowSink.open(self.ws)
        if sink is None:
            self.ws.append(self._header())
            add_row = self._append
        else:
            sink.cells(1, self._header())
            columns = [ColumnCells(self.ws, index, column.kind, {m: self.styles[m][index - 1]
                                                                 for m in self.styles})
                       for index, column in enumerate(self.columns, 1)]

            def add_row(row: int, values: list[object], marked: bool) -> None:
                sink.raw(row_xml(row, columns, values, marked, self._height(values)))
        count = 0
        for values, marked in self.sheet.records(self.export):
            count += 1
            add_row(count + 1, values, marked)
            if count % PAUSE_EVERY == 0:
                time.sleep(0)
        self._finish(last_row=count + 1)
        return self.ws

    def _append(self, row: int, values: list[object], marked: bool) -> None:
        height = self._height(values)
        if height is not None:
            self.ws.row_dimensions[row].height = height
        self.ws.append(self._row(values, marked))
        # Written: forget it, so memory stays bounded however many rows there are.
        self.ws.row_dimensions.pop(row, None)

    def _height(self, values: list[object]) -> float | None:
        """A row tall enough for its wrapped text, or None for one line (the default)."""
        lines = max((text_lines(value, column.width) for column, value
                     in zip(self.columns, values, strict=True)
                     if column.kind == "long" and isinstance(value, str)), default=1)
        return min(lines, MAX_LINES) * LINE_HEIGHT if lines > 1 else None

    def _set_up(self) -> None:
        """Everything Excel reads before the rows: widths, hidden columns, frozen header."""
        for index, column in enumerate(self.columns, 1):
            dimension = self.ws.column_dimensions[get_column_letter(index)]
            dimension.width = column.width
            dimension.hidden = column.hidden
        self.ws.freeze_panes = self.sheet.freeze
        self.ws.row_dimensions[1].height = 32
        # Printed across several pages: each repeats the header and the first column.
        self.ws.page_setup.orientation = "landscape"
        self.ws.print_title_rows = "1:1"
        self.ws.print_title_cols = "A:A"

    def _header(self) -> list[WriteOnlyCell]:
        cells = []
        for column in self.columns:
            cell = safe_cell(self.ws, column.header)
            cell.font = EDITABLE_HEADER_FONT if column.editable else HEADER_FONT
            cell.fill = EDITABLE_HEADER_FILL if column.editable else HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if column.note:
                cell.comment = Comment(column.note, "facilitate", width=300, height=120)
            cells.append(cell)
        return cells

    def _style_cell(self, column: Column, marked: bool) -> WriteOnlyCell:
        """A cell holding the style every cell of the column gets."""
        cell = WriteOnlyCell(self.ws)
        cell.alignment = Alignment(vertical="top", wrap_text=column.kind == "long")
        if column.kind == "date":
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(vertical="top", horizontal="left")
        elif column.kind == "datetime":
            cell.number_format = DATETIME_FORMAT
            cell.alignment = Alignment(vertical="top", horizontal="left")
        if column.kind == "link":
            cell.font = LINK_FONT
        if column.editable:
            cell.fill = EDITABLE_FILL
        if marked:
            cell.font = MARKED_FONT
            cell.fill = MARKED_FILL
        return cell

    def _row(self, values: list[object], marked: bool) -> list[object]:
        row = []
        for column, value, style in zip(self.columns, values, self.styles[marked], strict=True):
            cell = self._cell(column, value, style)
            row.append(cell)
        return row

    def _cell(self, column: Column, value: object, style: WriteOnlyCell) -> WriteOnlyCell:
        if isinstance(value, str):
            cell = safe_cell(self.ws, value, like=style)
            if column.kind == "link" and value:
                cell.hyperlink = value
        else:
            cell = WriteOnlyCell(self.ws, value)
            # Copying the column's style array is far cheaper than setting fonts and fills.
            cell._style = copy(style._style)
        return cell

    def _finish(self, last_row: int) -> None:
        """Everything Excel reads after the rows: filter, drop-downs, status colours."""
        last_letter = get_column_letter(len(self.columns))
        self.ws.auto_filter.ref = f"A1:{last_letter}{last_row}"
        for index, column in enumerate(self.columns, 1):
            letter = get_column_letter(index)
            cells = f"{letter}2:{letter}{max(last_row, 2)}"
            if column.choices:
                self.ws.data_validations.append(_drop_down(column, cells))
            for choice, colour in column.colours.items():
                fill, font = STATUS_COLOURS[colour]
                self.ws.conditional_formatting.add(cells, CellIsRule(
                    operator="equal", formula=[_quoted(choice)],
                    fill=PatternFill("solid", bgColor=fill), font=Font(color=font)))


def _drop_down(column: Column, cells: str) -> DataValidation:
    validation = DataValidation(
        type="list", formula1=_quoted(",".join(column.choices)), allow_blank=True,
        showErrorMessage=True, errorTitle="Choose from the list",
        error="Please choose one of: " + ", ".join(column.choices) + ".",
        showInputMessage=True, promptTitle=column.header[:32],
        prompt="Choose from the list.")
    validation.add(cells)
    return validation


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
