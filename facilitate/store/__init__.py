"""Saving and loading: SQLAlchemy tables, the queries on them, and migrations."""
