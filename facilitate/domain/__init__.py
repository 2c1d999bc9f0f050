"""Plain-Python rules of a participation event: no Flask, no database."""
