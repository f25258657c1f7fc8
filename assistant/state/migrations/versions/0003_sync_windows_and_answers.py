"""First-sync windows per folder, and replies found to stored messages

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 07:14:58.207772
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=False),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("reply_id", sa.String(length=998), nullable=False),
        sa.Column("replied_at", sa.DateTime(), nullable=True),
        sa.Column("replied_by", sa.String(length=320), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id", "how", "reply_id"),
    )
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answers_message_id"), ["message_id"], unique=False)

    op.create_table(
        "sync_windows",
        sa.Column("source_key", sa.String(length=512), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_key"),
    )


def downgrade() -> None:
    op.drop_table("sync_windows")
    with op.batch_alter_table("answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answers_message_id"))

    op.drop_table("answers")
