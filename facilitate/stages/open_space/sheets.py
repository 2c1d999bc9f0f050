"""The workbook's Topics and Board sheets."""

SHEETS: tuple = ()
PERSON_COUNTS: tuple = ()
