"""A sheet of small grids one under another (a board of rooms by times), not one long table."""

# A kind returns plain Grids (titles, headers, labelled rows of text) and GridSheet writes them
# with the table sheets' look and text rules: every string goes through `safe_cell`. Grids are
# small (a board holds a few hundred cells), so rows are plain openpyxl cells, not fastrows.

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from facilitate.export.workbook.cells import safe_cell
from facilitate.export.workbook.layout import (
    HEADER_FILL,
    HEADER_FONT,
    LINE_HEIGHT,
    MARKED_FILL,
    MARKED_FONT,
    MAX_LINES,
    Export,
    text_lines,
)

TITLE_FONT = Font(bold=True, size=13)
LABEL_FONT = Font(bold=True)
TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)


@dataclass(frozen=True)
class GridRow:
    """One row of a grid: its label in the first column, then one text a column."""

    label: str
    cells: tuple[str, ...]
    # Normally left out (hidden items): greyed and in italics, as on the table sheets.
    marked: bool = False


@dataclass(frozen=True)
class Grid:
    """A titled block: a header row (the corner, then a header a column), then its rows."""

    title: str
    corner: str
    headers: tuple[str, ...]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class GridSheet:
    """A sheet of grids from `grids`, each under the one before, a blank row between."""

    title: str
    grids: Callable[[Export], Iterable[Grid]]
    # What the sheet says when there is no grid at all.
    empty: str = ""
    label_width: float = 22
    cell_width: float = 30

    def write(self, workbook: Workbook, export: Export) -> WriteOnlyWorksheet:
        """Add this sheet to a write-only workbook."""
        return _GridWriter(workbook, self).write(list(self.grids(export)))


class _GridWriter:
    """Writes one GridSheet, keeping count of the rows so each gets its height."""

    def __init__(self, workbook: Workbook, sheet: GridSheet):
        self.sheet = sheet
        self.ws = workbook.create_sheet(sheet.title)
        self.last_row = 0

    def write(self, grids: list[Grid]) -> WriteOnlyWorksheet:
        self._set_up(max((len(g.headers) for g in grids), default=0))
        if not grids and self.sheet.empty:
            self._add([safe_cell(self.ws, self.sheet.empty)])
        for number, grid in enumerate(grids):
            if number:
                self._add([])
            self._grid(grid)
        return self.ws

    def _set_up(self, columns: int) -> None:
        """Widths before any row (write-only sheets need them first); printed landscape."""
        self.ws.column_dimensions["A"].width = self.sheet.label_width
        for index in range(2, columns + 2):
            self.ws.column_dimensions[get_column_letter(index)].width = self.sheet.cell_width
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True

    def _grid(self, grid: Grid) -> None:
        # Not wrapped: a long title runs on over the empty cells beside it.
        title = safe_cell(self.ws, grid.title)
        title.font = TITLE_FONT
        self._add([title])
        self._add([self._header(text) for text in (grid.corner, *grid.headers)],
                  (grid.corner, *grid.headers))
        for row in grid.rows:
            font = MARKED_FONT if row.marked else LABEL_FONT
            cells = [self._cell(row.label, font=font, marked=row.marked)]
            cells += [self._cell(text, marked=row.marked) for text in row.cells]
            self._add(cells, (row.label, *row.cells))

    def _add(self, cells: list[WriteOnlyCell], texts: tuple[str, ...] = ()) -> None:
        self.last_row += 1
        height = self._height(texts)
        if height is not None:
            self.ws.row_dimensions[self.last_row].height = height
        self.ws.append(cells)
        self.ws.row_dimensions.pop(self.last_row, None)

    def _height(self, texts: tuple[str, ...]) -> float | None:
        """A row tall enough for its wrapped text, or None for one line (the default)."""
        lines = max((text_lines(text, self.sheet.cell_width if index else
                                self.sheet.label_width) for index, text in enumerate(texts)),
                    default=1)
        return min(lines, MAX_LINES) * LINE_HEIGHT if lines > 1 else None

    def _header(self, text: str) -> WriteOnlyCell:
        cell = safe_cell(self.ws, text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        return cell

    def _cell(self, text: str, *, font: Font | None = None, marked: bool = False) -> WriteOnlyCell:
        cell = safe_cell(self.ws, text)
        cell.alignment = TOP_WRAPPED
        if marked:
            cell.font, cell.fill = MARKED_FONT, MARKED_FILL
        if font is not None:
            cell.font = font
        return cell
