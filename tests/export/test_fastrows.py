"""Rows written as XML text read back exactly like rows written as openpyxl cells."""

import pytest

from facilitate.export.workbook import fastrows
from tests.export.helpers import export_bytes, open_workbook, store_raw_reflection

SAMPLES = ["=1+1", "\tTab", " spaces around ", "a & b < c > d", "line\nbreak", "\x00\x07",
           "🎉 Diolch, zażółć", "x" * 40_000, "#N/A", ""]


def described(workbook) -> list:
    """Every cell of every sheet with what a reader sees: value, type and look."""
    cells = []
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                # An empty cell's type says nothing (openpyxl marks an empty text "inlineStr").
                kind = cell.data_type if cell.value is not None else None
                cells.append((sheet.title, cell.coordinate, cell.value, kind,
                              sheet.row_dimensions[cell.row].height,
                              cell.number_format, cell.quotePrefix, cell.font.italic,
                              cell.font.bold, cell.fill.fgColor.rgb, cell.alignment.wrap_text,
                              cell.hyperlink.target if cell.hyperlink else None))
    return cells


@pytest.mark.parametrize("include_hidden", [False, True])
def test_fast_rows_match_openpyxl_cells(full_event, monkeypatch, include_hidden):
    for text in SAMPLES:
        store_raw_reflection(full_event.event, text)
    fast = export_bytes(full_event.event, include_hidden=include_hidden)
    monkeypatch.setattr(fastrows.RowSink, "open", classmethod(lambda cls, ws: None))
    plain = export_bytes(full_event.event, include_hidden=include_hidden)
    fast_cells, plain_cells = described(open_workbook(fast)), described(open_workbook(plain))
    # The Downloaded-on time differs by the seconds between the two exports.
    fast_cells = [c for c in fast_cells if c[1] != "B10" or c[0] != "Summary"]
    plain_cells = [c for c in plain_cells if c[1] != "B10" or c[0] != "Summary"]
    assert fast_cells == plain_cells
    assert len(fast_cells) > 300
