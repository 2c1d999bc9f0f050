"""polls and the ladder: every answer a person sent to a question

Revision ID: 0005
Revises: 0004
Created: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "poll_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["stage_id"], ["stages.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "client_id"),
    )
    for column in ("event_id", "stage_id", "participant_id"):
        op.create_index(op.f(f"ix_poll_answers_{column}"), "poll_answers", [column])


def downgrade() -> None:
    for column in ("event_id", "stage_id", "participant_id"):
        op.drop_index(op.f(f"ix_poll_answers_{column}"), table_name="poll_answers")
    op.drop_table("poll_answers")
