"""the last version sent to the screen and console rooms of each event

Revision ID: 0002
Revises: 0001
Created: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("screen_version", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("console_version", sa.Integer(), nullable=False,
                                   server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("console_version")
        batch.drop_column("screen_version")
