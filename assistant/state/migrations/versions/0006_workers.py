"""Several workers: leases, the claims on work in progress (a message being triaged, a draft being approved)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 12:10:00

The job queue's own tables (pgqueuer's, on PostgreSQL only) are not made here: the assistant
installs and upgrades them with the library's own schema code on start.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leases",
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("worker", sa.String(length=255), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("leases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leases_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_leases_worker"), ["worker"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("leases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leases_worker"))
        batch_op.drop_index(batch_op.f("ix_leases_expires_at"))
    op.drop_table("leases")
