"""Cells that attendee text cannot turn into a formula, a link or a broken file."""

import re
from copy import copy

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# Excel's limit, counted as Excel counts: in UTF-16 code units (an emoji takes two).
CELL_LIMIT = 32_767
# Ends a text that did not fit; the full text stays in facilitate.
TRUNCATION_MARK = " [… cut short: an Excel cell holds at most 32,767 characters]"
# What Excel would read as the start of a formula when the cell is edited.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot carry these at all (lone surrogates and two non-characters).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
# XML reads a carriage return as a line break anyway: say so plainly.
_LINE_ENDINGS = re.compile("\r\n?")
# Any character one of the rules above changes; most text has none and is left alone.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_text(value: str) -> str:
    """The text with characters Excel forbids removed and a visible mark if it was too long.

    Carriage returns become line breaks; tabs, line breaks and all other Unicode are kept.
    """
    text = value
    if _SUSPECT.search(text):
        text = _LINE_ENDINGS.sub("\n", ILLEGAL_CHARACTERS_RE.sub("", text))
        text = _NOT_XML.sub("", text)
    # Each character is one or two UTF-16 units: short text cannot be too long.
    if len(text) <= CELL_LIMIT // 2 or _excel_length(text) <= CELL_LIMIT:
        return text
    room = CELL_LIMIT - _excel_length(TRUNCATION_MARK)
    return _cut(text, room) + TRUNCATION_MARK


def needs_quote_prefix(text: str) -> bool:
    """True when Excel would treat the text as a formula if someone edited the cell."""
    return text.startswith(FORMULA_STARTS)


def safe_cell(sheet: WriteOnlyWorksheet, value: str, like: Cell | None = None) -> Cell:
    """A cell that holds `value` as text, whatever it starts with, and stays text when edited.

    `like` is a cell whose style the new cell takes.
    """
    cell = WriteOnlyCell(sheet, safe_text(value))
    # openpyxl guesses: "=..." becomes a formula and "#N/A" an error. Text is text.
    cell.data_type = "s"
    if like is not None:
        cell._style = copy(like._style)
    if needs_quote_prefix(cell.value):
        # Excel's own mark for "this is text": editing the cell will not make it a formula.
        cell.quotePrefix = True
    return cell


def _excel_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, room: int) -> str:
    """The longest start of text that fits in `room` UTF-16 units, never half a character."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > room:
            return text[:index]
    return text
