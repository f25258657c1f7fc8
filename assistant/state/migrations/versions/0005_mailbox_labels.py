"""Labels in the mailbox: what each message shows there, and each folder's highest mod-sequence.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 06:57:16.900185
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "folder_modseqs",
        sa.Column("source_key", sa.String(length=512), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("highest_modseq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_key"),
    )
    op.create_table(
        "mailbox_labels",
        sa.Column("message_pk", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=512), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("wanted", sa.JSON(), nullable=False),
        sa.Column("copies", sa.JSON(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_pk"],
            ["messages.id"],
        ),
        sa.PrimaryKeyConstraint("message_pk"),
    )
    with op.batch_alter_table("mailbox_labels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mailbox_labels_source_key"), ["source_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mailbox_labels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mailbox_labels_source_key"))

    op.drop_table("mailbox_labels")
    op.drop_table("folder_modseqs")
