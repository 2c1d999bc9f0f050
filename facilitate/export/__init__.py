"""Exports: the event's Excel workbook, and bringing follow-up edits back from it."""
