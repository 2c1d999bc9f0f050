"""where a reflection came from: a phone, or a paper card a facilitator typed in

Revision ID: 0008
Revises: 0007
Created: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reflections") as table:
        table.add_column(sa.Column("source", sa.String(16), nullable=False,
                                   server_default="phone"))


def downgrade() -> None:
    with op.batch_alter_table("reflections") as table:
        table.drop_column("source")
