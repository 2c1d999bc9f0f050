"""Alembic's entry point: runs migrations on the connection the app hands over."""

from alembic import context

from facilitate.extensions import db
from facilitate.store import models  # noqa: F401  (registers the tables)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through `facilitate db upgrade`.")
context.configure(connection=connection, target_metadata=db.metadata,
                  render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
