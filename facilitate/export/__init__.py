"""Exports: the event's Excel workbook (each stage kind adds its sheets) and the join QR codes."""
