"""Polls: a question with options, answered on phones (not built yet)."""
